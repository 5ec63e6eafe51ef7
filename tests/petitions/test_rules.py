from __future__ import annotations

import pytest

from tiepdan.petitions import rules


def check(**kw):
    base = {"outcome": "propose_acceptance", "petition_type": "complaint", "status": "classified",
            "eligible": True, "within_competence": True}  # fmt: skip
    rules.check_outcome(**(base | kw))


def test_article_11_is_the_closed_list_of_nine_grounds():
    assert list(rules.COMPLAINT_REJECTION_GROUNDS) == [f"art11.{i}" for i in range(1, 10)]


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"status": "processed"}, "đã được xử lý"),
        ({"status": "split"}, "đã được tách"),
        ({"status": "registered"}, "chưa được phân loại"),
        ({"eligible": False}, "chưa đủ điều kiện"),
        ({"within_competence": False}, "không thuộc thẩm quyền"),
        ({"outcome": "reject_acceptance", "petition_type": "denunciation", "ground": "art11.5"}, "chỉ dùng cho"),
        ({"outcome": "reject_acceptance", "ground": "art12"}, "Điều 11"),
        ({"outcome": "guide"}, "thuộc thẩm quyền của đơn vị"),
        ({"outcome": "guide", "within_competence": False, "already_guided": True}, "một lần"),
        (
            {
                "outcome": "transfer",
                "petition_type": "denunciation",
                "within_competence": False,
                "already_transferred": True,
            },
            "chuyển một lần",
        ),
        ({"outcome": "archive", "ground": "boring"}, "lý do lưu đơn"),
        ({"outcome": "urge"}, "cấp dưới"),
        ({"outcome": "fly"}, "không hợp lệ"),
    ],
)
def test_guards_refuse_with_a_vietnamese_reason(kw, message):
    with pytest.raises(rules.RuleViolation, match=message):
        check(**kw)


@pytest.mark.parametrize(
    "kw",
    [
        {},
        {"outcome": "reject_acceptance", "ground": "art11.6"},
        {"outcome": "guide", "within_competence": False},
        {"outcome": "transfer", "petition_type": "rec_feedback", "within_competence": False},
        {"outcome": "archive", "ground": "anonymous", "status": "registered"},
        {"outcome": "urge", "within_competence": False},
    ],
)
def test_guards_allow_legal_steps(kw):
    check(**kw)


def test_processing_rules_follow_the_law():
    assert rules.processing_rule("denunciation") == "denunciation.process"
    assert rules.processing_rule("complaint") == "petition.process"
    assert rules.processing_flags(petition_type="denunciation", multi_site=True) == ["multi_site"]
    assert rules.processing_flags(petition_type="complaint", multi_site=True) == []
    assert rules.acceptance_rule("complaint") == "complaint.accept"
    assert rules.acceptance_rule("denunciation") is None
