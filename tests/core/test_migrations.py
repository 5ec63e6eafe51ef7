from __future__ import annotations

from django.core.management import call_command


def test_models_and_migrations_agree(db):
    # Fails (SystemExit) when a model change has no migration, e.g. new template codes in a field's choices.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
