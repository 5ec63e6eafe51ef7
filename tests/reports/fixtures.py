"""Hand-counted fixtures for the report forms (period 2026-Q2 = 15/03/2026 – 14/06/2026).

Built directly as rows (the forms read stored facts; the services that write them are tested in their apps;
`test_workflow.py` also walks one case through the real services). Every record says in a comment why it
counts where it counts; the expected figures in the tests are counted by hand from these comments.

Tree: P ├ A (from 01/07/2025) ├ B └ D (district, closed 30/06/2025) └ O (old ward, closed 30/06/2025, merged
into A on 01/07/2025). Other province Q └ C.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType

from tiepdan.cases.models import Case, CaseDecision, CaseEvent
from tiepdan.lawcal.models import DeadlineRule, TrackedDeadline
from tiepdan.orgs.models import OrgUnit, Succession, SuccessionKind, UnitKind
from tiepdan.petitions.models import Petition, SubjectField

from ..factories import make_unit

D = dt.date
_seq = itertools.count(1)


@dataclass
class Built:
    world: Any
    district: OrgUnit
    old_ward: OrgUnit
    petitions: dict[str, Petition] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)


def _field(code: str) -> SubjectField | None:
    if not code:
        return None
    applies = "complaint" if code.startswith("KN") else "denunciation"
    return SubjectField.objects.get(code=code, applies_to=applies)


def petition(unit: OrgUnit, type_: str, received: dt.date, *, outcome: str = "", outcome_on: dt.date | None = None,
             eligible: bool | None = None, within: bool | None = None, case: Case | None = None, field_code: str = "",
             status: str = "", resolution: str = "unresolved") -> Petition:  # fmt: skip
    n = next(_seq)
    if not status:
        status = "processed" if outcome else "registered"
    return Petition.objects.create(
        code=f"RPT-{n:05d}", unit=unit, channel="post", type=type_, status=status, received_on=received,
        summary=f"Đơn kiểm thử báo cáo số {n}", subject_field=_field(field_code), resolution_status=resolution,
        eligible=eligible, within_competence=within, case=case, outcome=outcome, outcome_on=outcome_on,
    )  # fmt: skip


def case(unit: OrgUnit, type_: str, *, accepted: dt.date | None = None, round_: int = 1, state: str = "accepted",
         resolve_due: dt.date | None = None, decision: dict[str, Any] | None = None,
         events: tuple[tuple[str, dt.date], ...] = ()) -> Case:  # fmt: skip
    n = next(_seq)
    c = Case.objects.create(
        code=f"VV-RPT-{n:05d}", unit=unit, type=type_, title=f"Vụ việc kiểm thử {n}", title_folded=f"vu viec {n}",
        opened_on=accepted or D(2026, 3, 1), state=state, round=round_, accepted_on=accepted,
    )  # fmt: skip
    if decision is not None:
        values = dict(decision)
        CaseDecision.objects.create(case=c, number=f"{n}/QĐ", summary="Kết luận kiểm thử", **values)
    for action, on in events:
        CaseEvent.objects.create(case=c, action=action, on=on)
    if resolve_due is not None:
        code = {"complaint": "complaint.first.resolve" if round_ == 1 else "complaint.second.resolve",
                "denunciation": "denunciation.resolve"}[type_]  # fmt: skip
        TrackedDeadline.objects.create(
            content_type=ContentType.objects.get_for_model(Case), object_id=str(c.pk), rule_code=code,
            rule=DeadlineRule.objects.filter(code=code).first(), trigger_on=accepted, due_on=resolve_due, unit=unit,
            closed_on=decision["issued_on"] if decision else None,
        )  # fmt: skip
    return c


def build(world: Any) -> Built:
    P, A, B = world.province, world.unit_a, world.unit_b
    district = make_unit("Quận Cũ", kind=UnitKind.DISTRICT, parent=P, code="D", valid_from=D(2010, 1, 1),
                         valid_to=D(2025, 6, 30))  # fmt: skip
    old = make_unit("Phường Cũ", parent=district, code="O", valid_from=D(2010, 1, 1), valid_to=D(2025, 6, 30))
    Succession.objects.create(predecessor=old, successor=A, kind=SuccessionKind.MERGE, effective_on=D(2025, 7, 1))
    b = Built(world=world, district=district, old_ward=old)
    cs, ps = b.cases, b.petitions

    # --- Cases (03/GQKN complaints, 04/GQTC denunciations) -------------------------------------------
    cs["c1"] = case(
        A,
        "complaint",
        accepted=D(2026, 3, 28),
        resolve_due=D(2026, 4, 27),
        state="closed",
        decision={
            "issued_on": D(2026, 4, 20),
            "result": "partly_right",
            "money_to_state": Decimal(1_000_000),
            "land_to_state_m2": Decimal("120.5"),
            "money_to_citizens": Decimal(2_000_000),
            "land_to_citizens_m2": Decimal(30),
            "people_benefited": 2,
            "people_recommended_sanction": 1,
            "people_sanctioned": 1,
            "transferred_to_investigators": 1,
            "people_transferred_to_investigators": 2,
        },
        events=(("become_effective", D(2026, 5, 25)), ("close", D(2026, 6, 1))),
    )  # on time, enforced
    cs["c8"] = case(
        A,
        "complaint",
        accepted=D(2026, 1, 10),
        resolve_due=D(2026, 2, 20),
        state="decided",
        decision={"issued_on": D(2026, 3, 20), "result": "wrong"},
    )  # carried, decided late
    cs["c9"] = case(
        A,
        "complaint",
        accepted=D(2026, 5, 1),
        resolve_due=D(2026, 5, 31),
        state="terminated",
        events=(("withdraw", D(2026, 5, 10)),),
    )  # withdrawn in the period
    cs["c10"] = case(A, "complaint", accepted=D(2026, 6, 1), resolve_due=D(2026, 7, 1))  # open, not overdue
    cs["c11"] = case(A, "complaint", accepted=D(2026, 2, 1), resolve_due=D(2026, 3, 3))  # open, overdue, carried
    cs["c12"] = case(
        A,
        "complaint",
        accepted=D(2025, 10, 1),
        resolve_due=D(2025, 11, 1),
        state="effective",
        decision={"issued_on": D(2026, 1, 15), "result": "right"},
        events=(("become_effective", D(2026, 2, 20)),),
    )  # decided before: only enforcement
    cs["c13"] = case(A, "complaint", accepted=D(2026, 6, 20), resolve_due=D(2026, 7, 20))  # after the period
    cs["c6"] = case(
        B,
        "complaint",
        accepted=D(2026, 5, 5),
        resolve_due=D(2026, 6, 4),
        state="decided",
        decision={"issued_on": D(2026, 6, 10), "result": "right"},
    )  # late
    cs["c14"] = case(
        P,
        "complaint",
        round_=2,
        accepted=D(2026, 4, 1),
        resolve_due=D(2026, 5, 31),
        state="decided",
        decision={"issued_on": D(2026, 5, 20), "result": "wrong", "first_round_outcome": "upheld"},
    )
    cs["c15"] = case(
        P,
        "complaint",
        round_=2,
        accepted=D(2026, 4, 2),
        resolve_due=D(2026, 5, 31),
        state="decided",
        decision={
            "issued_on": D(2026, 5, 21),
            "result": "right",
            "first_round_outcome": "overturned",
            "money_to_citizens": Decimal(5_000_000),
        },
    )
    cs["d1"] = case(
        A,
        "denunciation",
        accepted=D(2026, 4, 10),
        resolve_due=D(2026, 5, 11),
        state="closed",
        decision={"issued_on": D(2026, 5, 8), "result": "knowingly_false"},
        events=(("handle_conclusion", D(2026, 5, 15)), ("close", D(2026, 6, 5))),
    )
    cs["d2"] = case(
        A,
        "denunciation",
        accepted=D(2026, 3, 1),
        resolve_due=D(2026, 3, 31),
        state="terminated",
        events=(("terminate", D(2026, 3, 20)),),
    )  # carried, terminated in the period
    cs["d3"] = case(
        A,
        "denunciation",
        accepted=D(2026, 5, 1),
        resolve_due=D(2026, 5, 31),
        state="concluded",
        decision={
            "issued_on": D(2026, 6, 1),
            "result": "right",
            "money_to_state": Decimal(3_000_000),
            "people_sanctioned": 2,
        },
    )  # late
    # Cases of petitions that were not accepted (guided, transferred, archived): no accepted_on.
    cs["c2"] = case(A, "denunciation", state="")
    cs["c3"] = case(A, "complaint", state="")
    cs["c4"] = case(A, "complaint", state="")
    cs["c5"] = case(B, "rec_feedback", state="")
    cs["c7"] = case(P, "denunciation", accepted=D(2026, 5, 15), resolve_due=D(2026, 6, 14))  # open, due on last day
    cs["cq"] = case(world.unit_c, "complaint", accepted=D(2026, 4, 1), resolve_due=D(2026, 5, 1))  # other province

    # --- Petitions (02/XLD) ----------------------------------------------------------------------------
    ps["p1"] = petition(
        A,
        "complaint",
        D(2026, 3, 20),
        outcome="propose_acceptance",
        outcome_on=D(2026, 3, 25),
        eligible=True,
        within=True,
        case=cs["c1"],
        field_code="KN.HC.DD.TH",
    )
    ps["p2"] = petition(
        A,
        "complaint",
        D(2026, 3, 21),
        outcome="propose_acceptance",
        outcome_on=D(2026, 3, 26),
        eligible=True,
        within=True,
        case=cs["c1"],
        field_code="KN.HC.DD.TH",
        resolution="first_round_done",
    )
    ps["p3"] = petition(
        A,
        "denunciation",
        D(2026, 4, 1),
        outcome="transfer",
        outcome_on=D(2026, 4, 5),
        eligible=True,
        within=False,
        case=cs["c2"],
        field_code="TC.TN",
    )
    ps["p4"] = petition(A, "rec_feedback", D(2026, 4, 2))  # open
    ps["p5"] = petition(
        A,
        "complaint",
        D(2026, 3, 1),
        outcome="guide",
        outcome_on=D(2026, 3, 16),
        eligible=True,
        within=False,
        case=cs["c3"],
        field_code="KN.K",
        resolution="second_round_done",
    )
    ps["p6"] = petition(
        A,
        "complaint",
        D(2026, 2, 1),
        outcome="guide",
        outcome_on=D(2026, 3, 1),
        eligible=True,
        within=False,
        case=cs["c3"],
        field_code="KN.K",
    )  # processed before the period
    ps["p7"] = petition(
        A,
        "denunciation",
        D(2026, 6, 10),
        outcome="propose_acceptance",
        outcome_on=D(2026, 6, 20),
        eligible=True,
        within=True,
        field_code="TC.TN",
    )  # processed after the period
    ps["p8"] = petition(
        A, "complaint", D(2026, 5, 5), outcome="archive", outcome_on=D(2026, 5, 6), eligible=False, case=cs["c4"]
    )
    ps["p9"] = petition(A, "complaint", D(2026, 4, 10), status="split")  # replaced by its parts
    ps["p10"] = petition(old, "rec_feedback", D(2025, 5, 10))  # old ward, still open: carried, under A
    ps["p12"] = petition(
        B,
        "rec_feedback",
        D(2026, 4, 20),
        outcome="urge",
        outcome_on=D(2026, 4, 22),
        eligible=True,
        within=False,
        case=cs["c5"],
        resolution="court",
    )
    ps["p13"] = petition(
        B,
        "complaint",
        D(2026, 5, 1),
        outcome="propose_acceptance",
        outcome_on=D(2026, 5, 2),
        eligible=True,
        within=True,
        case=cs["c6"],
        field_code="KN.HC.CS",
    )
    ps["p14"] = petition(
        P,
        "denunciation",
        D(2026, 5, 10),
        outcome="propose_acceptance",
        outcome_on=D(2026, 5, 12),
        eligible=True,
        within=True,
        case=cs["c7"],
        field_code="TC.HC.CC",
        resolution="further_denunciation",
    )
    ps["p15"] = petition(
        world.unit_c,
        "complaint",
        D(2026, 4, 1),
        outcome="propose_acceptance",
        outcome_on=D(2026, 4, 2),
        eligible=True,
        within=True,
        case=cs["cq"],
    )  # other province
    return b
