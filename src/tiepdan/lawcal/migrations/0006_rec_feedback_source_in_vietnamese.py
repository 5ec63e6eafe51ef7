"""The recommendation/feedback limit's source was shown to users as "Quy chế nội bộ (internal policy)": the
same text in Vietnamese only. Only the seeded wording is replaced; a unit's own edit is left as it is."""

from django.db import migrations

OLD = "Quy chế nội bộ (internal policy)"
NEW = "Quy chế nội bộ của cơ quan (luật không quy định thời hạn)"


def forwards(apps, schema_editor):
    apps.get_model("lawcal", "DeadlineRule").objects.filter(code="rec_feedback.resolve", law=OLD).update(law=NEW)


def backwards(apps, schema_editor):
    apps.get_model("lawcal", "DeadlineRule").objects.filter(code="rec_feedback.resolve", law=NEW).update(law=OLD)


class Migration(migrations.Migration):
    dependencies = [("lawcal", "0005_resolution_limits_index")]

    operations = [migrations.RunPython(forwards, backwards)]
