"""Property: any sequence of what a person does to the sample search keeps the reminders'
tally (the figures the due count and the agenda's groups are read from) equal to a count of
the reminders themselves, and the file whole (``PRAGMA integrity_check``).

The actions are the window's and the scheduler's: done and its undo, snooze and its undo,
dismiss, announce, moves and their undo, archive and trash and their undo, a delete for
good, a spreadsheet import, and the clock jumping forward or back (then the scheduler's
catch-up). Each example starts from the sample data on a fresh file.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from jobtracker.domain.agenda import OVERDUE, SNOOZED, TODAY
from jobtracker.domain.board import MoveResult
from jobtracker.domain.clock import FakeClock, at_local, to_local
from jobtracker.domain.demo import fill_with_sample_data
from jobtracker.domain.reminders import COMPANIONS
from jobtracker.domain.services import Services
from jobtracker.domain.transfer.service import transfer_for
from jobtracker.store.db import integrity_report, open_store
from jobtracker.store.instants import from_db_text
from jobtracker.store.models import database

START = datetime(2026, 3, 10, 8, 30, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")
#: a reminder's effective time, as the tally and the agenda read it
_AT = 'MAX("due_at", COALESCE("snoozed_until", "due_at"))'
_OPEN = '"done_at" IS NULL AND "dismissed_at" IS NULL'


def tally() -> dict[tuple[str, str, int], int]:
    rows = database.execute_sql(
        'SELECT "hour", "rule_key", "snoozed", "open" FROM "reminder_tally"'
    )
    return {(hour, rule, snoozed): count for hour, rule, snoozed, count in rows}


def counted() -> dict[tuple[str, str, int], int]:
    """The same figures counted from every open reminder."""
    rows = database.execute_sql(
        f'SELECT substr({_AT}, 1, 13), "rule_key", COALESCE("snoozed_until" > "due_at", 0), '
        f'COUNT(*) FROM "reminder" WHERE {_OPEN} GROUP BY 1, 2, 3'
    )
    return {(hour, rule, snoozed): count for hour, rule, snoozed, count in rows}


def open_leads() -> list[tuple[datetime, bool]]:
    """Every open reminder that leads an agenda row: its effective time, and whether a
    snooze put it off."""
    rows = database.execute_sql(
        f'SELECT {_AT}, COALESCE("snoozed_until" > "due_at", 0), "rule_key" FROM "reminder" '
        f"WHERE {_OPEN}"
    )
    return [
        (from_db_text(at), bool(put_off)) for at, put_off, rule in rows if rule not in COMPANIONS
    ]


class SearchMachine(RuleBasedStateMachine):
    """The sample search, acted on at random."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="jobtracker-tally-"))
        self.clock = FakeClock(START)
        self.services = Services(
            open_store(self.folder / "jobtracker.sqlite3", owner="hypothesis"), self.clock
        )
        self.services.followups.tz = BERLIN
        self.sample = fill_with_sample_data(self.services)
        self.undo: list[tuple[str, object]] = []
        self.imports = 0

    def teardown(self) -> None:
        self.services.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- what is there to act on -------------------------------------------------------------

    def _open_ids(self) -> list[int]:
        return [r.id for r in self.services.reminders.open_reminders()]

    def _cards(self) -> list[int]:
        return [card.id for card in self.services.board.cards()]

    # -- reminders ---------------------------------------------------------------------------

    @rule(pick=st.integers(min_value=0))
    def done(self, pick: int) -> None:
        ids = self._open_ids()
        if ids:
            self.undo.append(("done", self.services.reminders.done([ids[pick % len(ids)]])))

    @rule(pick=st.integers(min_value=0), days=st.sampled_from([0.01, 0.5, 1, 3, 30]))
    def snooze(self, pick: int, days: float) -> None:
        ids = self._open_ids()
        if ids:
            chosen = [ids[pick % len(ids)]]
            state = self.services.reminders.snooze_state(chosen)
            self.services.reminders.snooze(chosen, days)
            self.undo.append(("snooze", state))

    @rule(pick=st.integers(min_value=0))
    def dismiss(self, pick: int) -> None:
        ids = self._open_ids()
        if ids:
            self.services.reminders.dismiss([ids[pick % len(ids)]])

    @rule()
    def announce(self) -> None:
        now = self.clock.now()
        if self.services.reminders.to_announce(now):
            self.services.reminders.mark_announced(now)

    # -- cards -------------------------------------------------------------------------------

    @rule(pick=st.integers(min_value=0), stage=st.integers(min_value=0))
    def move(self, pick: int, stage: int) -> None:
        cards, stages = self._cards(), self.services.board.stages()
        if cards:
            target = stages[stage % len(stages)].id
            self.undo.append(
                ("move", self.services.board.move_cards([cards[pick % len(cards)]], target))
            )

    @rule(pick=st.integers(min_value=0), how=st.sampled_from(["archive", "trash"]))
    def put_away(self, pick: int, how: str) -> None:
        cards = self._cards()
        if cards:
            act = getattr(self.services.applications, how)
            self.undo.append(("stamp", act([cards[pick % len(cards)]])))

    @rule(pick=st.integers(min_value=0))
    def delete_for_good(self, pick: int) -> None:
        cards = self._cards()
        if cards:
            self.services.applications.remove(cards[pick % len(cards)])
            self.undo.clear()  # what the undo stack held may be gone with it

    @precondition(lambda self: self.imports < 2)
    @rule(rows=st.integers(min_value=1, max_value=6))
    def import_sheet(self, rows: int) -> None:
        self.imports += 1
        today = self.clock.now().date()
        lines = ["Company,Position,Status,Date Applied"]
        for n in range(rows):
            status = ("Applied", "Interview", "Rejected", "Ghosted")[n % 4]
            day = today - timedelta(days=3 * n)
            lines.append(f"Imported {self.imports}-{n},Engineer,{status},{day.isoformat()}")
        sheet = self.folder / f"sheet{self.imports}.csv"
        sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
        transfer = transfer_for(self.services)
        transfer.apply(transfer.preview(sheet))

    # -- undo and time -----------------------------------------------------------------------

    @precondition(lambda self: bool(self.undo))
    @rule()
    def undo_last(self) -> None:
        kind, what = self.undo.pop()
        if kind == "done":
            assert isinstance(what, list)
            self.services.reminders.undo_done(what)
        elif kind == "snooze":
            assert isinstance(what, dict)
            self.services.reminders.restore_snooze(what)
        elif kind == "move":
            assert isinstance(what, MoveResult)
            self.services.board.undo_move(what)
        else:
            self.services.applications.undo_stamp(what)  # type: ignore[arg-type]

    @rule(hours=st.sampled_from([-30, -2, 1, 5, 26, 24 * 8]))
    def clock_jumps(self, hours: int) -> None:
        self.clock.advance(hours=hours)
        self.services.followups.catch_up()

    # -- what must hold ----------------------------------------------------------------------

    @invariant()
    def the_tally_is_the_count(self) -> None:
        assert tally() == counted()

    @invariant()
    def the_due_groups_are_the_count(self) -> None:
        now = self.clock.now()
        today = to_local(now, BERLIN).date()
        starts = at_local(today, datetime.min.time(), BERLIN)
        tomorrow = at_local(today + timedelta(days=1), datetime.min.time(), BERLIN)
        leads = open_leads()
        agenda = self.services.agenda.read(now)
        due = sum(at <= now for at, _ in leads)
        assert agenda.due_count == self.services.agenda.due_count(now) == due
        assert agenda.group(OVERDUE).count == sum(at < starts for at, _ in leads)
        assert agenda.group(TODAY).count == sum(
            starts <= at < tomorrow and (at <= now or not put_off) for at, put_off in leads
        )
        assert agenda.group(SNOOZED).count == sum(put_off and at > now for at, put_off in leads)

    @invariant()
    def the_file_is_whole(self) -> None:
        assert integrity_report(self.services.store) == []


SearchMachine.TestCase.settings = settings(
    max_examples=12,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.mark.timeout(300)
def test_any_sequence_of_actions_keeps_the_tally_true_and_the_file_whole() -> None:
    SearchMachine.TestCase().runTest()


def test_the_due_count_sums_the_tally_and_counts_only_the_current_hour(services: Services) -> None:
    """Neither the badge's count nor the agenda's due figures walk the reminders before
    the current hour: every statement they run searches an index (no scan of a table)."""
    app = services.applications.add("Acme", "Engineer").id
    services.interviews.add(app, START - timedelta(days=3))
    statements: list[str] = []
    connection = database.connection()
    connection.set_trace_callback(statements.append)
    try:
        assert services.agenda.due_count() >= 1
    finally:
        connection.set_trace_callback(None)
    counts = [sql for sql in statements if "reminder_tally" in sql]
    assert len(counts) == 1
    plan = " / ".join(row[3] for row in database.execute_sql(f"EXPLAIN QUERY PLAN {counts[0]}"))
    assert "SEARCH t USING PRIMARY KEY (hour<?)" in plan, plan
    assert "SEARCH r USING COVERING INDEX reminder_open_at (<expr>>? AND <expr><?)" in plan, plan
    assert "SCAN t" not in plan and "SCAN r" not in plan, plan
