"""Request-scoped context for code that runs below the views (the audit trail's client address)."""

from __future__ import annotations

from contextvars import ContextVar

client_address: ContextVar[str | None] = ContextVar("client_address", default=None)
