"""Rebuild `search_folded` of every petition: the old register's reference and the referring document's number
are now searched, the letter's full text no longer (`petitions.services.search_parts`).

The rule is copied here as it stands (a migration must not change when the service does later). On
PostgreSQL the trigram index is dropped while the rows are rewritten and built again once, which is much
faster than updating it row by row; each batch is one `UPDATE … FROM unnest(…)`.
"""

from django.db import migrations

from tiepdan.core.text import fold

BATCH = 5000
COLUMNS = (
    "code", "external_ref", "summary", "respondent_name", "referring_body", "referring_doc_number",
)  # fmt: skip


def forwards(apps, schema_editor):  # noqa: ANN001, ANN201
    rebuild(apps, schema_editor.connection)


def rebuild(apps, connection):  # noqa: ANN001, ANN201
    Petition = apps.get_model("petitions", "Petition")
    Petitioner = apps.get_model("petitions", "Petitioner")
    db = connection.alias
    postgres = connection.vendor == "postgresql"
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS petition_search_trgm")
    last = 0
    while True:
        rows = list(
            Petition.objects.using(db).filter(pk__gt=last).order_by("pk").values_list("pk", "type", *COLUMNS)[:BATCH]
        )
        if not rows:
            break
        last = rows[-1][0]
        names: dict[int, list[str]] = {}
        signers = (
            Petitioner.objects.using(db)
            .filter(petition_id__gte=rows[0][0], petition_id__lte=last, person__isnull=False)
            .order_by("petition_id", "position", "pk")
            .values_list("petition_id", "person__full_name", "person__id_number")
        )
        for petition_id, full_name, id_number in signers:
            names.setdefault(petition_id, []).extend([full_name, id_number])
        texts = []
        for pk, kind, *values in rows:
            parts = list(values)
            if kind != "denunciation":  # a denouncer's name never enters the search column (TC Art 47)
                parts += names.get(pk, [])
            texts.append((pk, fold(" ".join(p for p in parts if p))))
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE petitions_petition AS p SET search_folded = v.text "
                    "FROM unnest(%s::bigint[], %s::text[]) AS v(id, text) WHERE p.id = v.id",
                    [[pk for pk, _ in texts], [text for _, text in texts]],
                )
        else:
            for pk, text in texts:
                Petition.objects.using(db).filter(pk=pk).update(search_folded=text)
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE INDEX petition_search_trgm ON petitions_petition USING gin (search_folded gin_trgm_ops)"
            )


class Migration(migrations.Migration):
    dependencies = [("petitions", "0008_bands_without_fk_constraint")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
