"""Reads and reminder updates over more ids than one SQL statement may hold (SQLite's default
limit, 32,766 variables, set here on the connection) work in batches; so do bulk inserts."""

from __future__ import annotations

import sqlite3

import pytest

from jobtracker.domain.batches import insert_rows
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


def test_rows_are_inserted_many_to_a_statement_within_the_limit(tmp_path) -> None:
    connection = sqlite3.connect(tmp_path / "rows.sqlite3")
    connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, DEFAULT_LIMIT)
    connection.execute("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT, c TEXT)")
    statements: list[str] = []
    connection.set_trace_callback(statements.append)
    rows = [(n, f"b{n}", None if n % 2 else f"c{n}") for n in range(1, 12_001)]

    insert_rows(connection.execute, 'INSERT INTO t ("a", "b", "c") VALUES', rows)

    assert connection.execute("SELECT a, b, c FROM t ORDER BY a").fetchall() == rows
    inserts = [s for s in statements if s.startswith("INSERT")]
    assert 1 < len(inserts) < 10  # more variables than one statement may hold, not a row each


def test_rows_of_unequal_width_are_refused_before_anything_is_written(tmp_path) -> None:
    connection = sqlite3.connect(tmp_path / "rows.sqlite3")
    connection.execute("CREATE TABLE t (a INTEGER, b TEXT)")
    with pytest.raises(ValueError, match="2 values"):
        insert_rows(connection.execute, "INSERT INTO t VALUES", [(1, "x"), (2, "y", "z"), (3,)])
    assert connection.execute("SELECT COUNT(*) FROM t").fetchone() == (0,)
