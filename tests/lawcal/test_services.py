import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from tiepdan.core.errors import DomainError
from tiepdan.core.models import AuditEvent
from tiepdan.lawcal import services
from tiepdan.lawcal.models import Reminder
from tiepdan.lawcal.selectors import open_reminders

D = dt.date.fromisoformat


def track(world, code="denunciation.resolve", start="2025-10-06", flags=None):
    world.handler.email = "xuly@example.vn"
    world.handler.save()
    return services.track_deadline(
        actor=world.handler,
        item=world.unit_a,
        rule_code=code,
        trigger_on=D(start),
        unit=world.unit_a,
        flags=flags,
        assignee=world.handler,
    )


def test_track_extend_suspend_resume_close(world):
    d = track(world, flags=["complex"])
    assert d.due_on == D("2025-11-05")  # +30
    d = services.extend(actor=world.head, deadline=d, decision="QĐ 12/QĐ-UBND ngày 01/11/2025")
    assert d.due_on == D("2025-12-05")  # +60 from the same trigger
    with pytest.raises(DomainError, match="tối đa 1 lần"):
        services.extend(actor=world.head, deadline=d, decision="QĐ 13")
    d.refresh_from_db()
    assert d.extensions == 1
    d = services.suspend(actor=world.head, deadline=d, on=D("2025-10-16"))  # 10 of 60 days used
    assert d.due_on is None
    d = services.resume(actor=world.head, deadline=d, on=D("2025-11-03"))
    assert d.due_on == D("2025-12-23")  # 03/11 + 50 = Tue 23/12/2025
    services.close_deadline(actor=world.head, deadline=d, on=D("2025-12-01"))
    assert (
        AuditEvent.objects.filter(action__startswith="lawcal.", object_id=str(d.pk)).count() == 5
    )  # the refused extension wrote nothing


def test_sweep_is_idempotent(world, django_capture_on_commit_callbacks):
    d = track(world, code="complaint.accept")  # Mon 06/10/2025 + 10 wd = Mon 20/10
    assert d.due_on == D("2025-10-20")
    with django_capture_on_commit_callbacks(execute=True):
        first = services.sweep(today=D("2025-10-15"))  # 3 working days left → due soon
    with django_capture_on_commit_callbacks(execute=True):
        second = services.sweep(today=D("2025-10-15"))
    assert len(first) == 1 and second == []
    assert Reminder.objects.count() == 1 and len(mail.outbox) == 1
    assert Reminder.objects.get().sent_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        services.sweep(today=D("2025-10-21"))
        services.sweep(today=D("2025-10-22"))
    assert sorted(Reminder.objects.values_list("kind", flat=True)) == ["due_soon", "overdue"]
    assert list(open_reminders(world.handler)) and not list(open_reminders(world.handler_b))


def test_sweep_command_and_dashboard(world, client):
    track(world, code="complaint.accept", start="2020-01-06")  # long overdue
    call_command("sweep-deadlines")
    call_command("sweep-deadlines")
    assert Reminder.objects.count() == 1
    client.force_login(world.handler)
    body = client.get("/").content.decode()
    assert "Nhắc hạn" in body and "Quá hạn" in body


def test_inside_pinned_new_limits_share_the_computed_due_date(world):
    from tiepdan.lawcal import workcal

    def build(code, start, flags=None):
        return services.build_deadline(item=world.unit_a, rule_code=code, trigger_on=D(start), unit=world.unit_a,
                                       flags=flags, assignee=world.handler)  # fmt: skip

    cases = [("complaint.first.resolve", "2025-10-06", ["complex"]), ("complaint.first.resolve", "2025-10-06", None),
             ("petition.process", "2025-12-31", None), ("petition.process", "2025-10-06", None)]  # fmt: skip
    alone = [(d.rule_id, d.due_on, d.flags) for d in (build(*c) for c in cases)]
    with workcal.pinned():
        pinned = [[(d.rule_id, d.due_on, d.flags) for d in (build(*c) for c in cases)] for _twice in range(2)]
    assert pinned == [alone, alone]
    assert alone[0][1] == D("2025-11-20") and alone[1][1] == D("2025-11-05")  # the flags are part of the key
