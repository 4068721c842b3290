"""Errors a person can fix: they name the field or the thing that is wrong."""

from __future__ import annotations


class DomainError(Exception):
    """A request the domain refuses; nothing was written."""


class ValidationError(DomainError):
    """Invalid input for one field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotFoundError(DomainError):
    """No such application, stage, contact ... (or it was purged)."""

    def __init__(self, what: str, key: object, hint: str = "") -> None:
        shown = f"#{key}" if isinstance(key, int) else repr(key)
        super().__init__(f"There is no {what} {shown}." + (f" {hint}" if hint else ""))
        self.what = what
        self.key = key
