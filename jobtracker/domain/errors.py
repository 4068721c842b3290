"""Errors a person can fix: they name the field or the thing that is wrong."""

from __future__ import annotations

from collections.abc import Sequence


class DomainError(Exception):
    """A request the domain refuses; nothing was written."""


class ValidationError(DomainError):
    """Invalid input for one field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class FieldsError(ValidationError):
    """Several fields refused at once, so a form can show every problem in one pass.

    ``field`` and ``message`` are the first problem's, for callers that show one.
    """

    def __init__(self, errors: Sequence[ValidationError]) -> None:
        first = errors[0]
        super().__init__(first.field, first.message)
        self.errors = tuple(errors)
        self.args = ("; ".join(str(error) for error in self.errors),)


def every_error(error: ValidationError) -> tuple[ValidationError, ...]:
    """The problems inside ``error``: its list when it holds several, else itself."""
    return error.errors if isinstance(error, FieldsError) else (error,)


class NotFoundError(DomainError):
    """No such application, stage, contact ... (or it was purged)."""

    def __init__(self, what: str, key: object, hint: str = "") -> None:
        shown = f"#{key}" if isinstance(key, int) else repr(key)
        super().__init__(f"There is no {what} {shown}." + (f" {hint}" if hint else ""))
        self.what = what
        self.key = key
