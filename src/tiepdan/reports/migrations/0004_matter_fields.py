from django.db import migrations


def install(apps, schema_editor):
    # The triggers that copy each resolution limit's matter field, then the copy for the limits already there.
    from tiepdan.reports import tally

    tally.install_matter_fields(schema_editor.connection)
    tally.refill_matter_fields(schema_editor.connection)


def uninstall(apps, schema_editor):
    from tiepdan.reports import tally

    tally.uninstall_matter_fields(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_petition_tally"),
        ("lawcal", "0007_matter_field"),
        ("cases", "0007_report_indexes"),
        ("petitions", "0006_cohort_indexes"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
