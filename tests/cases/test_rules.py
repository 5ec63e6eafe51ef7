from __future__ import annotations

import pytest

from tiepdan.cases import rules
from tiepdan.lawcal.seed import RULES


def walk(kind: str, actions: list[str], *, round_: int = 1) -> str:
    state = "pending_acceptance"
    for action in actions:
        state = rules.check(kind, state, action, round_=round_).target
    return state


def test_complaint_first_round_to_enforcement_and_closure():
    actions = ["accept", "start_verification", "hold_dialogue", "issue_decision", "send_decision",
               "become_effective", "start_enforcement", "close"]  # fmt: skip
    assert walk("complaint", actions) == "closed"


def test_second_round_cannot_be_appealed_again():
    with pytest.raises(rules.TransitionError, match="lần 2"):
        walk("complaint", ["accept", "start_verification", "issue_decision", "send_decision", "record_appeal"],
             round_=2)  # fmt: skip


def test_denunciation_and_rec_feedback_walks():
    assert walk("denunciation", ["accept", "start_verification", "conclude", "send_conclusion",
                                 "handle_conclusion", "publish", "close"]) == "closed"  # fmt: skip
    assert walk("rec_feedback", ["accept", "consider", "answer", "close"]) == "closed"


def test_illegal_step_names_the_legal_ones():
    with pytest.raises(rules.TransitionError) as info:
        rules.check("complaint", "accepted", "issue_decision")
    assert "Các bước hợp lệ: Xác minh" in str(info.value)
    with pytest.raises(rules.TransitionError):
        rules.check("complaint", "closed", "withdraw")


def test_every_time_limit_named_by_a_step_exists_in_lawcal():
    codes = {row[0] for row in RULES}
    for kind, transitions in rules.WORKFLOWS.items():
        for t in transitions:
            for template in (*t.starts, *t.stops):
                for round_ in (1, 2):
                    assert rules.rule_code(template, round_) in codes, (kind, t.action, template)


def test_complexity_and_dialogue():
    assert rules.complexity(set()) == ""
    assert rules.complexity({"foreign"}) == "complex"
    assert rules.complexity({"foreign", "disagreement"}) == "very_complex"
    with pytest.raises(rules.TransitionError):
        rules.complexity({"weather"})
    assert rules.dialogue_required(round_=2, request_differs=False)
    assert not rules.dialogue_required(round_=1, request_differs=False)
