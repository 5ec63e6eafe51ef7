"""The identity vault's keys, read from the environment when settings load (no Django imports here).

`TIEPDAN_VAULT_KEY` holds one or more urlsafe-base64 32-byte Fernet keys separated by commas. The first
key encrypts; every key decrypts (MultiFernet), so a key can be rotated by putting the new key first,
running `rotate` on the stored rows, then removing the old key.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet

# Only for DEBUG, tests and the demo (`make run`): never protects real data.
DEMO_VAULT_KEY = base64.urlsafe_b64encode(hashlib.sha256(b"tiepdan-demo-vault-key-khong-dung-that").digest()).decode()


class VaultKeyError(Exception):
    """The vault key is missing or malformed (message in Vietnamese)."""


def vault_keys_from_env(raw: str | None, *, allow_demo: bool) -> list[str]:
    """Validate the comma-separated key list; derive the demo key only when `allow_demo`."""
    keys = [part.strip() for part in (raw or "").split(",") if part.strip()]
    if not keys:
        if allow_demo:
            return [DEMO_VAULT_KEY]
        raise VaultKeyError(
            "Thiếu biến môi trường TIEPDAN_VAULT_KEY (khóa mã hóa kho bảo mật danh tính người tố cáo). "
            "Tạo khóa bằng: python -c "
            '"from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())".'
        )
    for index, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode("ascii"))
        except (ValueError, UnicodeEncodeError):
            raise VaultKeyError(
                f"Khóa thứ {index} trong TIEPDAN_VAULT_KEY không hợp lệ: cần chuỗi base64 (urlsafe) của 32 byte."
            ) from None
    return keys
