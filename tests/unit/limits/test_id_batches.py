"""Reads and reminder updates over more ids than one SQL statement may hold (SQLite's default
limit, 32,766 variables, set here on the connection) work in batches."""

from __future__ import annotations

import sqlite3

from jobtracker.domain.services import Services

DEFAULT_LIMIT = 32_766


def test_more_ids_than_sql_variables(services: Services) -> None:
    connection = services.store.db.connection()
    connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, DEFAULT_LIMIT)
    applied = services.board.stage_by_name("Applied").id
    first = services.applications.add("Acme", "Engineer", applied).id
    second = services.applications.add("Globex", "Analyst").id
    ids = [first, *range(second + 1, second + 40_000), second]

    cards = services.board.cards(only_ids=ids)
    services.followups.recompute(ids)

    assert [card.id for card in cards] == [second, first]  # board order: Wishlist, Applied
    assert services.followups.recompute(ids).created == 0
