"""Index helpers shared by the apps' models."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


def where_set(field: str, *, name: str) -> models.Index:
    """The index of a nullable foreign key, over the rows where it is set (declare the field `db_index=False`).

    Such a key is empty when most rows are written — a registered petition has no case, no outcome document,
    no "split from" yet — and Django's plain index takes an entry for every empty one too: an import of 10,000
    letters at 1,000,000 petitions wrote tens of thousands of them (bench/README.md). Every lookup through the
    key (`petition.case_id = …`, Django's delete checks, related managers) asks for a value, which PostgreSQL
    knows is never NULL, so it uses this smaller index alike; SQLite does the same."""
    return models.Index(fields=[field], condition=Q(**{f"{field}__isnull": False}), name=name)
