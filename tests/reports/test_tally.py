"""The petition tally kept by triggers (`reports.tally`): it follows every way a petition is written — the
services through a petition's real states, the bulk import path, raw SQL, deletion — on both databases, and
`rebuild()` / the `tally` command repair it."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tiepdan.core import bulk
from tiepdan.petitions import services
from tiepdan.petitions.models import Petition
from tiepdan.reports import tally
from tiepdan.reports.dashboard import month_bucket
from tiepdan.reports.models import PetitionTally

from ..petitions.conftest import RECEIVED, leaf, register

pytestmark = pytest.mark.django_db


def kept(unit, type_="complaint", on=RECEIVED, field_id=0):
    row = PetitionTally.objects.filter(unit_id=unit.pk, month=month_bucket(on), type=type_,
                                       subject_field_id=field_id).first()  # fmt: skip
    return (row.received, row.processed, row.on_time, row.late) if row else (0, 0, 0, 0)


def test_the_tally_follows_a_petition_through_its_states(world):
    petition = register(world)
    assert kept(world.unit_a) == (1, 0, 0, 0)
    field = leaf("KN.HC.DD.TH", "complaint")
    petition = services.classify_petition(actor=world.handler, petition=petition, subject_field=field,
                                          within_competence=True)  # fmt: skip
    assert kept(world.unit_a) == (0, 0, 0, 0)  # moved to its subject field
    assert kept(world.unit_a, field_id=field.pk) == (1, 0, 0, 0)
    services.archive(actor=world.handler, petition=petition, reason="no_new_facts", on=RECEIVED)
    assert kept(world.unit_a, field_id=field.pk) == (1, 1, 1, 0)
    late = services.classify_petition(actor=world.handler, petition=register(world), subject_field=field,
                                      within_competence=True)  # fmt: skip
    services.archive(actor=world.handler, petition=late, reason="no_new_facts", on=late.due_on + dt.timedelta(days=1))
    assert kept(world.unit_a, field_id=field.pk) == (2, 2, 1, 1)
    assert tally.drift() == []


def test_a_split_letter_counts_as_processed_and_its_parts_as_received(world):
    petition = register(world, summary="Vừa khiếu nại vừa tố cáo")
    parts = [("complaint", "Khiếu nại thu hồi đất"), ("denunciation", "Tố cáo cán bộ")]
    services.split_petition(actor=world.handler, petition=petition, parts=parts)
    assert kept(world.unit_a) == (2, 1, 0, 0)  # the letter (split) and its complaint part
    assert kept(world.unit_a, "denunciation") == (1, 0, 0, 0)
    assert tally.drift() == []


def test_bulk_inserts_raw_updates_and_deletes_are_counted(world):
    template = register(world)
    copies = []
    for i in range(25):
        p = Petition.objects.get(pk=template.pk)
        p.pk = None
        p.code = f"{template.code}-{i}"
        p.external_ref = ""
        p.submission_key = None
        p.received_on = dt.date(2026, 3, 15) if i % 2 else RECEIVED  # two report months
        copies.append(p)
    bulk.insert(copies)  # COPY on PostgreSQL, one multi-row INSERT on SQLite: the import's path
    assert kept(world.unit_a) == (14, 0, 0, 0)  # the registered one and 13 copies
    assert kept(world.unit_a, on=dt.date(2026, 3, 15)) == (12, 0, 0, 0)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE petitions_petition SET unit_id = %s WHERE received_on = %s",
                       [world.unit_b.pk, dt.date(2026, 3, 15)])  # fmt: skip
    assert kept(world.unit_a, on=dt.date(2026, 3, 15)) == (0, 0, 0, 0)
    assert kept(world.unit_b, on=dt.date(2026, 3, 15)) == (12, 0, 0, 0)
    Petition.objects.filter(unit=world.unit_b).update(status="processed", outcome_on=F_DUE, due_on=F_DUE)
    assert kept(world.unit_b, on=dt.date(2026, 3, 15)) == (12, 12, 12, 0)
    Petition.objects.filter(unit=world.unit_b).update(summary="Khiếu nại (đã sửa tóm tắt)")  # nothing counted changes
    assert kept(world.unit_b, on=dt.date(2026, 3, 15)) == (12, 12, 12, 0)
    Petition.objects.filter(pk__in=[p.pk for p in copies]).delete()
    assert kept(world.unit_a) == (1, 0, 0, 0) and kept(world.unit_b, on=dt.date(2026, 3, 15)) == (0, 0, 0, 0)
    assert tally.drift() == []


F_DUE = dt.date(2026, 3, 30)


def test_rebuild_and_the_command_repair_a_tally_that_was_bypassed(world):
    register(world)
    register(world, type="rec_feedback", summary="Kiến nghị sửa đường", content="")
    # As a restore that skipped the triggers could leave it:
    PetitionTally.objects.filter(received__gt=0).update(received=7)
    assert len(tally.drift()) == 2
    out = StringIO()
    with pytest.raises(CommandError, match="lệch"):
        call_command("tally", "--check", stdout=out)
    assert "2" in out.getvalue()
    call_command("tally", "--rebuild", stdout=out)
    assert tally.drift() == [] and kept(world.unit_a) == (1, 0, 0, 0)
    out = StringIO()
    call_command("tally", "--check", stdout=out)
    assert "khớp" in out.getvalue()


def test_resolution_limits_carry_their_matters_subject_field(world):
    from tiepdan.cases import services as case_services
    from tiepdan.lawcal.models import TrackedDeadline
    from tiepdan.petitions.models import SubjectField

    from ..cases.test_services import proposed_case

    case = proposed_case(world)
    case_services.transition(actor=world.head, case=case, action="accept", on=dt.date(2026, 3, 9))
    limit = TrackedDeadline.objects.get(rule_code="complaint.first.resolve")
    assert limit.matter_field_id == case.subject_field_id is not None
    processing = TrackedDeadline.objects.filter(rule_code="petition.process").first()
    assert processing is not None and processing.matter_field_id is None  # only resolution limits carry it
    other = SubjectField.objects.filter(applies_to="complaint").exclude(pk=case.subject_field_id).first()
    type(case).objects.filter(pk=case.pk).update(subject_field=other)  # whoever changes it, even in bulk
    limit.refresh_from_db()
    assert limit.matter_field_id == other.pk
    assert tally.matter_field_drift() == 0
    TrackedDeadline.objects.filter(pk=limit.pk).update(matter_field_id=None)  # as a restore could leave it
    assert tally.matter_field_drift() == 1
    with pytest.raises(CommandError, match="lĩnh vực"):
        call_command("tally", "--check", stdout=StringIO())
    call_command("tally", "--rebuild", stdout=StringIO())
    limit.refresh_from_db()
    assert limit.matter_field_id == other.pk and tally.matter_field_drift() == 0


def test_postgresql_triggers_do_not_pin_the_columns_they_read(world):
    """A later migration may widen a column the triggers read; PostgreSQL refuses that for a column named in a
    trigger's WHEN clause or column list, so the conditions live in the function bodies."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:  # DDL is transactional: the test's rollback undoes it
        cursor.execute("ALTER TABLE lawcal_trackeddeadline ALTER COLUMN rule_code TYPE varchar(80)")
        cursor.execute("ALTER TABLE cases_case ALTER COLUMN subject_field_id TYPE bigint")


def test_sqlite_triggers_step_aside_for_migrations_and_the_tally_is_recounted_after(world):
    """Django alters an SQLite table by copying and renaming it, which a trigger naming the table would break;
    after migrations (and after a flush, which may empty the tally before the petitions) it is recounted."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")

    def triggers():
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'reports_%'")
            return {r[0] for r in cursor.fetchall()}

    register(world)
    installed = triggers()
    assert {"reports_petition_tally_insert", "reports_limit_matter_field"} <= installed
    tally.before_migrate(using="default")
    assert triggers() == set()
    PetitionTally.objects.all().delete()
    PetitionTally.objects.create(unit_id=world.unit_a.pk, month=1, type="complaint", subject_field_id=0, received=-1)
    tally.after_migrate(using="default")
    assert triggers() == installed
    assert tally.drift() == [] and kept(world.unit_a) == (1, 0, 0, 0)
