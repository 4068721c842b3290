"""The agenda model turns its rows into a refresh's rows by inserts, removals and updates
only, whatever changed between them, and its indexes stay valid throughout."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QPersistentModelIndex

from jobtracker.domain.agenda import GROUP_KEYS, Agenda, AgendaGroup, AgendaInterview
from jobtracker.ui.agenda.model import INTERVIEWS, AgendaModel

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def interview(number: int, title: str = "") -> AgendaInterview:
    starts = NOW + timedelta(hours=number)
    return AgendaInterview(number, number, f"Company {number}", "Engineer", title, "video",
                           starts, starts + timedelta(hours=1))  # fmt: skip


def agenda(interviews: list[AgendaInterview]) -> Agenda:
    groups = tuple(AgendaGroup(key, 0, ()) for key in GROUP_KEYS)
    return Agenda(NOW, tuple(interviews), groups, 0)


def test_any_change_of_rows_is_made_by_inserts_removals_and_updates(qtbot):
    model = AgendaModel(UTC)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    rng = random.Random(15)
    rows = [interview(n) for n in range(30)]
    model.set_agenda(agenda(rows))
    parent = model.index(model.group_row(INTERVIEWS), 0)
    moved = 0
    for _ in range(300):
        rows = list(rows)
        for _ in range(rng.randint(1, 3)):
            action = rng.random()
            if action < 0.35 and rows:
                del rows[rng.randrange(len(rows))]
            elif action < 0.7:
                rows.insert(rng.randint(0, len(rows)), interview(rng.randint(30, 90)))
            elif rows:  # the same row, its words changed
                at = rng.randrange(len(rows))
                rows[at] = interview(rows[at].id, title=f"round {rng.randint(1, 9)}")
        rows = list({row.id: row for row in rows}.values())  # one row per interview
        kept = {
            row.id: QPersistentModelIndex(model.index(n, 0, parent))
            for n, row in enumerate(model.entries(INTERVIEWS))
        }
        model.set_agenda(agenda(rows))
        assert model.entries(INTERVIEWS) == rows
        listed = {row.id for row in rows}
        for row_id, index in kept.items():  # an index never points at another row
            if index.isValid():
                assert model.entry(index).id == row_id
            else:
                moved += row_id in listed
    assert resets == []
    assert moved < 300, "a row that stays in place keeps its index"
