"""Domain errors: raised by services and rules with a Vietnamese message meant for the user."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain refused the request. Nothing has been written when it is raised."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class NotFoundError(DomainError):
    """The object does not exist or is outside the user's scope (both answer 404)."""
