"""`core.indexes.where_set`: foreign-key indexes over the rows where the key is set, and still used by lookups."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import Index, Model

from tiepdan.core.indexes import where_set

pytestmark = pytest.mark.django_db


def _where_set_indexes() -> list[tuple[type[Model], Index]]:
    found = []
    for model in apps.get_models():
        for index in model._meta.indexes:
            condition = index.condition
            if condition is not None and condition.children == [(f"{index.fields[0]}__isnull", False)]:
                found.append((model, index))
    return found


def test_where_set_builds_a_partial_index_of_the_key():
    index = where_set("case", name="x_case_idx")
    assert index.fields == ["case"] and index.name == "x_case_idx"
    assert index.condition is not None and index.condition.children == [("case__isnull", False)]


def test_the_foreign_keys_indexed_where_set():
    names = {index.name for _model, index in _where_set_indexes()}
    assert {
        "petition_case_idx", "petition_competent_unit_idx", "petition_duplicate_of_idx", "petition_split_from_idx",
        "petition_outcome_document_idx", "petition_respondent_unit_idx", "petitioner_person_idx",
        "petitioner_identity_idx", "petitionevent_document_idx", "person_merged_into_idx", "identity_person_idx",
    } <= names  # fmt: skip


@pytest.mark.parametrize("model_index", _where_set_indexes(), ids=lambda mi: mi[1].name)
def test_the_index_leaves_out_empty_keys_and_serves_a_lookup_by_value(model_index):
    model, index = model_index
    field = model._meta.get_field(index.fields[0])
    column = field.column
    assert not field.db_index  # no second, full index of the same key
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [index.name])
            definition = cursor.fetchone()[0]
            assert f"WHERE ({column} IS NOT NULL)" in definition
            cursor.execute("SET LOCAL enable_seqscan = off")  # an empty table: ask whether the index can serve
        else:
            cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = %s", [index.name])
            definition = cursor.fetchone()[0]
            assert f'WHERE "{column}" IS NOT NULL' in definition
        plan = model._base_manager.filter(**{field.attname: 1}).explain()
        assert index.name in plan, plan
        # …and the lookups Django's delete checks make (`IN`).
        plan = model._base_manager.filter(**{f"{field.attname}__in": [1, 2]}).explain()
        assert index.name in plan, plan
