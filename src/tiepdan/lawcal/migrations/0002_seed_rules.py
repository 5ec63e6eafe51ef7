from django.db import migrations


def forward(apps, schema_editor):
    from tiepdan.lawcal.seed import seed

    seed(apps.get_model("lawcal", "DeadlineRule"))


class Migration(migrations.Migration):
    dependencies = [("lawcal", "0001_initial")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
