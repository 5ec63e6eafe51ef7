from __future__ import annotations

from celery import shared_task
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from . import rules
from .models import Reminder, ReminderKind


@shared_task
def deliver_reminder(reminder_id: int) -> bool:
    """E-mail the assignee (when they have an address); the reminder is listed on the dashboard anyway."""
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update(of=("self",))
            .select_related("deadline__assignee", "deadline__rule")
            .filter(pk=reminder_id, sent_at__isnull=True)
            .first()
        )
        if reminder is None:
            return False
        assignee = reminder.deadline.assignee
        if assignee is not None and assignee.email:
            label = "sắp đến hạn" if reminder.kind == ReminderKind.DUE_SOON else "đã quá hạn"
            # No personal data of citizens in the message: rule, work item id and due date only.
            send_mail(
                subject=f"[Tiếp Dân] Thời hạn {label}: {reminder.deadline.rule.title}",
                message=(
                    f"Thời hạn “{reminder.deadline.rule.title}” "
                    f"(hồ sơ #{reminder.deadline.object_id}) {label}; "
                    f"hạn cuối {rules.fmt(reminder.due_on)}."
                ),
                from_email=None,
                recipient_list=[assignee.email],
            )
        reminder.sent_at = timezone.now()
        reminder.save(update_fields=["sent_at"])
    return True
