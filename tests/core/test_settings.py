"""Start-up fails loudly, in Vietnamese, on a bad environment (each case in a fresh interpreter)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CASES = [
    ({"TIEPDAN_DEBUG": "1", "DATABASE_URL": "mysql://x@y/z"}, "DATABASE_URL"),
    ({"TIEPDAN_DEBUG": "có lẽ"}, "TIEPDAN_DEBUG"),
    ({"SECRET_KEY": ""}, "SECRET_KEY"),
    ({"SECRET_KEY": "ngan"}, "SECRET_KEY quá ngắn"),
    ({"TIEPDAN_DEBUG": "1", "REDIS_URL": "http://localhost"}, "REDIS_URL"),
    ({"TIEPDAN_DEBUG": "1", "TIEPDAN_TOKEN_TTL_HOURS": "mười"}, "TIEPDAN_TOKEN_TTL_HOURS"),
    ({"SECRET_KEY": "x" * 40, "ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
]


@pytest.mark.parametrize(("env", "message"), CASES)
def test_bad_configuration_stops_start_up(env, message):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TIEPDAN_", "DATABASE_URL", "SECRET_KEY"))}
    clean.update(env)
    result = subprocess.run(
        [sys.executable, "-c", "import tiepdan.settings"], env=clean, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert message in result.stderr


def test_good_production_configuration_starts():
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TIEPDAN_", "DATABASE_URL", "SECRET_KEY"))}
    from cryptography.fernet import Fernet

    clean.update(
        {
            "SECRET_KEY": "k" * 50,
            "ALLOWED_HOSTS": "tiepdan.example.gov.vn",
            "TIEPDAN_VAULT_KEY": Fernet.generate_key().decode(),
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", "import tiepdan.settings as s; print(s.DEBUG, s.ALLOWED_HOSTS)"],
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "False ['tiepdan.example.gov.vn']" in result.stdout


@pytest.mark.parametrize(("jit", "expected"), [("", "-c jit=off"), ("1", "None")])
def test_postgresql_connections_turn_jit_off_unless_asked(jit, expected):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TIEPDAN_", "DATABASE_URL", "SECRET_KEY"))}
    clean.update({"TIEPDAN_DEBUG": "1", "DATABASE_URL": "postgres://u@db.example:5432/tiepdan", "TIEPDAN_PG_JIT": jit})
    code = "import tiepdan.settings as s; print(s.DATABASES['default'].get('OPTIONS', {}).get('options'))"
    result = subprocess.run([sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_the_test_database_connection_has_jit_off(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
