"""The case list's filters (`selectors.filter_cases`): each narrows as it says, in the user's scope only."""

from __future__ import annotations

import datetime as dt

import pytest

from tiepdan.cases import selectors
from tiepdan.cases.selectors import CaseFilters

from .test_services import proposed_case, step

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 11, 23)


def codes(user, **filters) -> list[str]:
    return list(selectors.filter_cases(user, CaseFilters(**filters), on=ON).values_list("code", flat=True))


@pytest.fixture
def cases(world):
    overdue = step(world, proposed_case(world), "accept", dt.date(2026, 3, 9))  # due 30 days later, long past
    pending = proposed_case(world, "denunciation", "TC.TN")
    complex_ = step(world, proposed_case(world, "denunciation", "TC.TN"), "accept", dt.date(2026, 11, 20),
                    complexity_criteria=["foreign"])  # fmt: skip
    pending.mass_delegation, pending.title = True, "Đoàn đông người khiếu kiện Bãi Sậy"
    pending.save()
    return {"overdue": overdue.code, "pending": pending.code, "complex": complex_.code}


def test_no_filter_lists_every_started_case_most_urgent_first(world, cases):
    listed = codes(world.head)
    assert set(listed) == set(cases.values())
    assert listed[0] == cases["overdue"]  # the earliest due date first


def test_each_filter_narrows(world, cases, settings):
    settings.TIEPDAN_PROLONGED_DAYS = 180  # "kéo dài" is configurable (365 days by default)
    assert codes(world.head, type="denunciation") == sorted(
        [cases["pending"], cases["complex"]], key=codes(world.head).index
    )
    assert codes(world.head, state="pending_acceptance") == [cases["pending"]]
    assert codes(world.head, due="overdue") == [cases["overdue"]]
    assert codes(world.head, due="on_time") == [cases["complex"]]
    assert codes(world.head, flag="complex") == [cases["complex"]]
    assert codes(world.head, flag="mass") == [cases["pending"]]
    assert codes(world.head, flag="prolonged") == [cases["overdue"]]  # accepted in March, open in November
    assert codes(world.head, q="bai say") == [cases["pending"]]  # accent-insensitive on the title
    assert codes(world.head, q=cases["complex"]) == [cases["complex"]]
    assert codes(world.head, unit="A") == codes(world.head)
    assert codes(world.head, review="not_started") == [cases["pending"]]


def test_unknown_values_and_other_scopes_narrow_to_nothing(world, cases):
    assert codes(world.head, due="someday") == []
    assert codes(world.head, flag="bogus") == []
    assert codes(world.head, review="bogus") == []
    assert codes(world.head, unit="C") == []  # a unit outside the head's scope
    assert codes(world.handler_b) == []  # a sibling unit sees none of them


def test_case_deadlines_include_the_follow_up_limits_of_its_petitions(world):
    """A recommendation's answer limit runs on its petition from receipt: the case shows it and takes its due
    date from it; answering closes it."""
    case = proposed_case(world, "rec_feedback", "KNPA.CS")
    codes_ = [d.rule_code for d in selectors.case_deadlines(case)]
    assert codes_ == ["rec_feedback.resolve"]
    limit = selectors.case_deadlines(case).get()
    case.refresh_from_db()
    assert case.due_on == limit.due_on is not None
    for action in ("accept", "consider", "answer"):
        case = step(world, case, action, limit.trigger_on + dt.timedelta(days=3))
    assert selectors.case_deadlines(case).get().closed_on is not None and case.due_on is None
    complaint = proposed_case(world)  # the acceptance limit (Law on Complaints Art 27) shows while pending
    assert [d.rule_code for d in selectors.case_deadlines(complaint)] == ["complaint.accept"]
