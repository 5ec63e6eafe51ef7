from __future__ import annotations

import pytest
from django.core.management import call_command

from tiepdan.core.models import AuditEvent, User
from tiepdan.orgs import selectors
from tiepdan.orgs.models import Membership, OrgUnit, Succession


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("demo", "load")
        call_command("demo", "load")  # twice: idempotent
    yield
    with django_db_blocker.unblock():
        from django.db import connection

        with connection.cursor() as cursor:
            for table in [
                "reception_visitperson",
                "reception_visit",
                "reception_refusal",
                "reception_session",
                "reception_regularschedule",
                "petitions_petitionevent",
                "petitions_petitioner",
                "petitions_minhashband",
                "petitions_attachment",
                "lawcal_reminder",
                "lawcal_trackeddeadline",
                "petitions_petition",
                "reports_petitiontally",  # emptied by the triggers as petitions go; its zero rows too
                "documents_generateddocument",
                "documents_documentcounter",
                "cases_caseevent",
                "cases_casedecision",
                "cases_publication",
                "cases_dialogue",
                "cases_progressreport",
                "cases_verificationtask",
                "cases_verification_members",
                "cases_verification",
                "cases_case",
                "petitions_petitioncounter",
                "people_identitygrant",
                "people_identityfile",
                "people_protectedidentity",
                "people_person",
                "orgs_membership",
                "orgs_succession",
                "reports_reportduerule",
                "authtoken_token",
                "axes_accessattempt",
            ]:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608
            # The audit trail is append-only for the application; a test database may be reset by SQL. Later
            # modules count audit events, so the chain starts again from the genesis hash.
            cursor.execute("DELETE FROM core_auditevent")
            cursor.execute("DELETE FROM core_auditchainhead")
        # Units and users stay: other modules run in transactions and don't depend on their absence.


@pytest.mark.django_db
def test_demo_load_is_idempotent(demo_db, capsys):
    counts = (OrgUnit.objects.count(), User.objects.count(), Membership.objects.count(), AuditEvent.objects.count())
    call_command("demo", "load")
    assert "thêm 0 đơn vị, 0 tài khoản, 0 công dân" in capsys.readouterr().out
    assert counts == (
        OrgUnit.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.django_db
def test_demo_world_follows_the_seeds(demo_db):
    hbt = OrgUnit.objects.get(name="Quận Hai Bà Trưng")
    assert hbt.kind == "district" and str(hbt.valid_to) == "2025-06-30"
    new_ward = OrgUnit.objects.get(code="00256")
    assert new_ward.name == "Phường Hai Bà Trưng" and str(new_ward.valid_from) == "2025-07-01"
    # The new ward succeeds old wards of the district (from underthesea's conversion data).
    old_names = set(Succession.objects.filter(successor=new_ward).values_list("predecessor__name", flat=True))
    assert {"Phường Phố Huế", "Phường Đồng Nhân"} <= old_names
    assert OrgUnit.objects.filter(name="Thanh tra thành phố Hà Nội").exists()
    assert OrgUnit.objects.filter(parent__code="15").count() > 90  # Lào Cai's communes and wards


@pytest.mark.django_db
def test_demo_accounts_have_their_roles(demo_db):
    xuly1 = User.objects.get(username="xuly1")
    xuly2 = User.objects.get(username="xuly2")
    thongke = User.objects.get(username="thongke")
    assert xuly1.check_password("demo12345")
    a = selectors.get_visible_unit(xuly1, code="00256")
    assert a.parent.code == "01"
    assert "00256" not in set(selectors.visible_units(xuly2).values_list("code", flat=True))
    seen_by_thongke = set(selectors.visible_units(thongke).values_list("code", flat=True))
    assert {"00256", "00277", "01"} <= seen_by_thongke


@pytest.mark.django_db
def test_demo_people_are_found_without_diacritics(demo_db):
    from tiepdan.people.selectors import search_people

    xuly1 = User.objects.get(username="xuly1")
    assert [p.full_name for p in search_people(xuly1, "tran thi bich hoa")] == ["Trần Thị Bích Hòa"]
    assert not list(search_people(User.objects.get(username="xuly2"), "tran thi bich hoa"))


@pytest.mark.django_db
def test_demo_petitions_give_the_handler_a_working_desk(demo_db):
    from tiepdan.petitions import selectors as petition_selectors
    from tiepdan.petitions.models import Petition

    handler = User.objects.get(username="xuly1")
    queue = petition_selectors.petition_queue(handler, petition_selectors.QueueFilters(status="open"))
    states = {petition_selectors.due_state(p).state for p in queue}
    assert "overdue" in states and len(queue) >= 5
    assert Petition.objects.filter(outcome="propose_acceptance", outcome_document__isnull=False).exists()
    assert Petition.objects.filter(channel="transferred", referring_body__contains="Thành ủy").exists()
    # xuly2 (sibling unit) sees none of them.
    assert not petition_selectors.visible_petitions(User.objects.get(username="xuly2")).exists()


@pytest.mark.django_db
def test_demo_reception_desk(demo_db):
    from tiepdan.reception import selectors as reception_selectors
    from tiepdan.reception.models import Refusal, RegularSchedule, Session, Visit

    unit = OrgUnit.objects.get(code="00256")
    # Loaded twice by the fixture: created once.
    assert Visit.objects.filter(unit=unit).count() == 4
    assert RegularSchedule.objects.filter(unit=unit).count() == 2
    assert Session.objects.filter(unit=unit, kind="periodic").count() == 7
    delegation = Visit.objects.get(unit=unit, is_delegation=True)
    assert delegation.persons_count == 14 and delegation.petition is not None
    assert Session.objects.filter(unit=unit, conclusion_document__isnull=False).count() == 1
    assert Refusal.objects.filter(unit=unit, notice_required=True, notice_document__isnull=True).count() == 1
    head = User.objects.get(username="lanhdao1")
    assert [w.unit for w in reception_selectors.periodic_warnings(head)] == [unit]  # this week is empty
    assert not reception_selectors.visible_visits(User.objects.get(username="xuly2")).exists()


@pytest.mark.django_db
def test_demo_cases_show_every_stage(demo_db):
    from tiepdan.cases.models import Case
    from tiepdan.cases.selectors import CaseFilters, filter_cases

    head = User.objects.get(username="lanhdao1")
    states = dict(Case.objects.filter(unit__code="00256").values_list("type", "state").order_by("type", "state"))
    assert set(Case.objects.filter(unit__code="00256").values_list("state", flat=True)) >= {
        "pending_acceptance", "verification", "published", "closed"
    }  # fmt: skip
    assert states["rec_feedback"] == "closed"
    published = Case.objects.get(unit__code="00256", state="published")
    assert published.decision.money_to_citizens == 7500000 and published.publications.count() == 1
    overdue = list(filter_cases(head, CaseFilters(due="overdue", flag="complex")))
    assert [c.state for c in overdue] == ["verification"]


@pytest.mark.django_db
def test_demo_report_due_dates_are_configured_once(demo_db):
    import datetime as dt

    from tiepdan.demo.reports_data import load_report_due_rules
    from tiepdan.reports import periods
    from tiepdan.reports.models import ReportDueRule
    from tiepdan.reports.selectors import DueDates

    assert ReportDueRule.objects.count() == 3 and load_report_due_rules() == 0
    ward = OrgUnit.objects.filter(kind="ward").first()
    city = OrgUnit.objects.filter(kind="province").first()
    due = DueDates(periods.quarter(2026, 3))
    assert (due.due_on(ward), due.due_on(city)) == (dt.date(2026, 9, 16), dt.date(2026, 9, 19))
