"""Reading one stored row by its id, for the services: a missing row is the person's
mistake (an unknown id, a purged card), said as a NotFoundError naming what was asked for."""

from __future__ import annotations

from typing import TypeVar

from peewee import Model

from jobtracker.domain.errors import NotFoundError

Row = TypeVar("Row", bound=Model)


def get_or_raise(model: type[Row], row_id: int, what: str) -> Row:
    """The row of ``model`` whose primary key is ``row_id``; NotFoundError("``what`` #id")
    when there is none."""
    row = model.get_or_none(model._meta.primary_key == row_id)
    if row is None:
        raise NotFoundError(what, row_id)
    return row
