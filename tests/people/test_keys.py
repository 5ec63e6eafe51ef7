from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from tiepdan.people.keys import DEMO_VAULT_KEY, VaultKeyError, vault_keys_from_env


def test_missing_key_fails_in_production():
    with pytest.raises(VaultKeyError, match="Thiếu biến môi trường TIEPDAN_VAULT_KEY"):
        vault_keys_from_env(None, allow_demo=False)
    with pytest.raises(VaultKeyError):
        vault_keys_from_env(" , ", allow_demo=False)


def test_invalid_key_fails_even_in_demo():
    with pytest.raises(VaultKeyError, match=r"Khóa thứ 2 .* không hợp lệ"):
        vault_keys_from_env(Fernet.generate_key().decode() + ",not-a-key", allow_demo=True)


def test_demo_key_only_when_allowed():
    assert vault_keys_from_env("", allow_demo=True) == [DEMO_VAULT_KEY]
    Fernet(DEMO_VAULT_KEY)


def test_key_list_for_rotation():
    a, b = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    assert vault_keys_from_env(f" {a} , {b} ", allow_demo=False) == [a, b]


def test_settings_refuse_to_start_without_key(tmp_path):
    """Import the settings module in production mode in a fresh interpreter."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("TIEPDAN_")}
    env.update({"SECRET_KEY": "x" * 40, "ALLOWED_HOSTS": "example.org", "DATABASE_URL": f"sqlite:///{tmp_path}/db"})
    code = "import tiepdan.settings"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "TIEPDAN_VAULT_KEY" in result.stderr
