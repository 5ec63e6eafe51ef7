from django.db import migrations


def forwards(apps, schema_editor):  # noqa: ANN001
    from tiepdan.petitions.seed import seed_subject_fields

    seed_subject_fields(apps.get_model("petitions", "SubjectField"))


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
