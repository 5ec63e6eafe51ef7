"""Data migrations of petitions, run on rows written by today's services."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import connection

from tiepdan.petitions import services
from tiepdan.petitions.models import Petition

from .conftest import RECEIVED, register

pytestmark = pytest.mark.django_db


def test_0009_rebuilds_the_search_text_of_every_petition_as_the_service_writes_it(world):
    migration = importlib.import_module("tiepdan.petitions.migrations.0009_search_text_without_letter_body")
    complaint = register(world, external_ref="SO-1", content="Nội dung dài của lá đơn, không tìm theo nó.")
    transferred = register(
        world, type="rec_feedback", channel="transferred", referring_body="Ban Tiếp công dân thành phố",
        referring_doc_number="12/BTCD", referring_doc_date=RECEIVED,
    )  # fmt: skip
    denunciation = register(world, type="denunciation", respondent_name="Ông X")
    expected = {p.pk: p.search_folded for p in (complaint, transferred, denunciation)}
    # As the old rule left them: the letter's body in, the reference out.
    Petition.objects.update(search_folded="noi dung dai cua la don")
    if connection.vendor == "postgresql":  # a migration starts with no deferred checks pending; this test has some
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    migration.rebuild(apps, connection)
    rebuilt = dict(Petition.objects.values_list("pk", "search_folded"))
    assert rebuilt == expected
    assert "so-1" in rebuilt[complaint.pk] and "noi dung dai" not in rebuilt[complaint.pk]
    assert "12/btcd" in rebuilt[transferred.pk]
    assert rebuilt[denunciation.pk] == services._search_text(denunciation, [])
    if connection.vendor == "postgresql":  # the trigram index was built again
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'petition_search_trgm'")
            assert cursor.fetchone() is not None


def test_0012_keys_the_bands_by_petition_and_band_and_keeps_them(world):
    from tiepdan.petitions.models import MinHashBand

    migration = importlib.import_module("tiepdan.petitions.migrations.0012_band_key")
    later = importlib.import_module("tiepdan.petitions.migrations.0014_band_unit")
    petition = register(world)
    bands = sorted(MinHashBand.objects.filter(petition_id=petition.pk).values_list("band", flat=True))
    assert len(bands) == 16
    table = MinHashBand._meta.db_table
    # The migrations' own statements, back and forth, inside this test's transaction (both databases change
    # their schema transactionally; Django's migration executor would need a transactional test).
    with connection.cursor() as cursor:
        for statement in later.BACKWARD[connection.vendor] + migration.BACKWARD[connection.vendor]:
            cursor.execute(statement)
        # The old table: an `id` key; a pair written twice was possible there.
        cursor.execute(f"INSERT INTO {table} (petition_id, band) VALUES (%s, %s)", [petition.pk, bands[0]])  # noqa: S608
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608
        assert cursor.fetchone()[0] == 17
        for statement in migration.FORWARD[connection.vendor]:
            cursor.execute(statement)
        cursor.execute(f"SELECT petition_id, band FROM {table} ORDER BY band")  # noqa: S608
        assert cursor.fetchall() == [(petition.pk, band) for band in bands]  # every band kept, the copy gone
        columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
        assert sorted(columns) == ["band", "petition_id"]  # no `id`
        constraints = connection.introspection.get_constraints(cursor, table)
        keys = [c["columns"] for c in constraints.values() if c["primary_key"]]
        assert keys == [["petition_id", "band"]]
        assert sorted(c["columns"] for c in constraints.values() if c["index"] and not c["primary_key"]) == [
            ["band", "petition_id"]
        ]
        for statement in later.FORWARD[connection.vendor]:  # back to today's table
            cursor.execute(statement)
    assert sorted(MinHashBand.objects.filter(petition_id=petition.pk).values_list("band", flat=True)) == bands


def test_0014_gives_each_band_its_petitions_unit_and_indexes_by_unit_first(world):
    from tiepdan.petitions.models import MinHashBand

    migration = importlib.import_module("tiepdan.petitions.migrations.0014_band_unit")
    petition = register(world)
    other = register(world, unit=world.unit_b, actor=world.handler_b)
    expected = sorted(MinHashBand.objects.values_list("petition_id", "unit_id", "band"))
    assert len(expected) == 32
    assert {(p, unit) for p, unit, _b in expected} == {(petition.pk, world.unit_a.pk), (other.pk, world.unit_b.pk)}
    table = MinHashBand._meta.db_table
    with connection.cursor() as cursor:
        for statement in migration.BACKWARD[connection.vendor]:
            cursor.execute(statement)
        columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
        assert sorted(columns) == ["band", "petition_id"]
        old = connection.introspection.get_constraints(cursor, table)
        assert [c["columns"] for c in old.values() if c["index"] and not c["primary_key"]] == [["band", "petition_id"]]
        # A band left behind by a petition deleted outside Django (no foreign-key constraint) is not carried over.
        cursor.execute(f"INSERT INTO {table} (petition_id, band) VALUES (%s, %s)", [10**9, 42])  # noqa: S608
        for statement in migration.FORWARD[connection.vendor]:
            cursor.execute(statement)
        cursor.execute(f"SELECT petition_id, unit_id, band FROM {table} ORDER BY 1, 3")  # noqa: S608
        assert sorted(cursor.fetchall()) == expected
        constraints = connection.introspection.get_constraints(cursor, table)
    assert [c["columns"] for c in constraints.values() if c["primary_key"]] == [["petition_id", "band"]]
    assert [c["columns"] for c in constraints.values() if c["index"] and not c["primary_key"]] == [
        ["unit_id", "band", "petition_id"]
    ]
