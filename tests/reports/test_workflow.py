"""A complaint walked through the real services (register → classify → propose acceptance → accept → verify →
dialogue → decision → send → effective → enforcement → close) comes out right in 02/XLD and 03/GQKN."""

from __future__ import annotations

import datetime as dt

import pytest

from tiepdan.cases import services as case_services
from tiepdan.petitions import services as petition_services
from tiepdan.petitions.services import Signer
from tiepdan.reports import selectors

from ..petitions.conftest import leaf, register

pytestmark = pytest.mark.django_db
PERIOD = "2026-03-01:2026-06-30"


def test_real_workflow_counts(world):
    petition = register(world, type="complaint")  # received 02/03/2026
    field = leaf("KN.HC.DD.TH", "complaint")
    petition_services.classify_petition(
        actor=world.handler, petition=petition, subject_field=field, within_competence=True
    )
    signer = Signer("CHỦ TỊCH", "Phạm Văn Chủ")
    petition = petition_services.propose_acceptance(
        actor=world.handler, petition=petition, proposal="Đề nghị thụ lý", on=dt.date(2026, 3, 2), signer=signer
    )
    case = petition.case

    def step(action, on, **kw):
        return case_services.transition(actor=world.head, case=case, action=action, on=on, **kw)

    case = step("accept", dt.date(2026, 3, 9))  # due 08/04/2026
    case = step("start_verification", dt.date(2026, 3, 10))
    case = step("hold_dialogue", dt.date(2026, 3, 25))
    case = case_services.record_decision(
        actor=world.head, case=case, number="15/QĐ-UBND", issued_on=dt.date(2026, 4, 20), result="partly_right",
        summary="Khiếu nại đúng một phần", figures={"money_to_citizens": "12.500.000", "land_to_citizens_m2": "45.5",
                                                    "people_benefited": 1},
    )  # fmt: skip
    for action, on in (("send_decision", dt.date(2026, 4, 21)), ("become_effective", dt.date(2026, 5, 22)),
                       ("start_enforcement", dt.date(2026, 5, 25)), ("close", dt.date(2026, 6, 20))):  # fmt: skip
        case = step(action, on)

    xld = selectors.compute(user=world.statistician, form_code="02/XLD", unit_code="A", period_text=PERIOD)
    t = xld.result.total
    assert (t["received"], t["processed"], t["eligible"], t["eligible_cases"]) == (1, 1, 1, 1)
    assert (t["content_complaint"], t["field_land"], t["within_complaint"], t["within_complaint_cases"]) == (1, 1, 1, 1)
    kn = selectors.compute(user=world.statistician, form_code="03/GQKN", unit_code="A", period_text=PERIOD)
    t = kn.result.total
    assert (t["petitions"], t["cases"], t["accepted"], t["resolved"], t["by_decision"]) == (1, 1, 1, 1, 1)
    assert t["first_partly"] == 1 and t["overdue"] == 1 and t["on_time"] == 0  # decided 20/04, due 08/04
    assert t["money_to_citizens"] == 12_500_000 and t["land_to_citizens"] == 45.5 and t["people_benefited"] == 1
    assert (t["enforce_total"], t["enforced"]) == (1, 1)
    # The same period cut at 14/06: the decision is enforced but not yet closed.
    t = selectors.compute(user=None, form_code="03/GQKN", unit_code="A", period_text="2026-Q2").result.total
    assert (t["enforce_total"], t["enforced"], t["resolved"]) == (1, 0, 1)
