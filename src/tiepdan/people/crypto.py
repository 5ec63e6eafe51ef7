"""Encryption at rest for the identity vault, and keyed blind indexes for duplicate finding.

Every identity field is a Fernet token (AES-128-CBC + HMAC-SHA256). The blind index is an HMAC-SHA256 of
the folded name / normalised ID number under a key derived from the first vault key, so equal values can be
matched without decrypting and the index reveals nothing without the key.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings


@lru_cache(maxsize=4)
def _multi(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(k.encode("ascii")) for k in keys])


def _keys() -> tuple[str, ...]:
    return tuple(settings.TIEPDAN_VAULT_KEYS)


def encrypt_bytes(data: bytes) -> bytes:
    return _multi(_keys()).encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    return _multi(_keys()).decrypt(token)


def encrypt_text(value: str) -> str:
    """ "" stays "" (no field) — the presence of a field is not secret, its value is."""
    if not value:
        return ""
    return encrypt_bytes(value.encode("utf-8")).decode("ascii")


def decrypt_text(token: str) -> str:
    if not token:
        return ""
    return decrypt_bytes(token.encode("ascii")).decode("utf-8")


def rotate_text(token: str) -> str:
    """Re-encrypt under the first (newest) key."""
    if not token:
        return ""
    return _multi(_keys()).rotate(token.encode("ascii")).decode("ascii")


def blind_index(kind: str, value: str) -> str:
    """HMAC of an already-normalised value. The HMAC key is derived from the first vault key, so rotating
    the key means recomputing the indexes (see docs/privacy.md)."""
    if not value:
        return ""
    mac_key = hashlib.sha256(b"tiepdan-vault-blind-index:" + _keys()[0].encode("ascii")).digest()
    return hmac.new(mac_key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()
