"""Property: export JSON, import it into a new database, export again: identical."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.limits import clean_line
from jobtracker.domain.services import Services
from jobtracker.domain.transfer.service import ExportRequest, TransferService
from jobtracker.store.db import open_store

START = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
name = text.filter(lambda s: bool(clean_line(s).strip()))  # what a field accepts
#: what a setting can hold (limits.json_problem): 64-bit integers, finite floats, no NUL
#: in any text, keys included
text_without_nul = text.filter(lambda s: "\x00" not in s)
json_value = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | text_without_nul,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(text_without_nul, inner, max_size=3)
    ),
    max_leaves=8,
)
instant = st.builds(
    lambda minutes, offset: (START + timedelta(minutes=minutes)).astimezone(
        timezone(timedelta(minutes=offset))
    ),
    st.integers(-500_000, 500_000),
    st.integers(-12 * 60, 14 * 60),
)
application = st.fixed_dictionaries(
    {
        "company": name,
        "role": name,
        "stage": st.integers(0, 7),
        "notes": text,
        "excitement": st.integers(0, 5),
        "salary_min": st.none() | st.integers(0, 10**6),
    }
)
search = st.fixed_dictionaries(
    {
        "applications": st.lists(application, min_size=1, max_size=6),
        "moves": st.lists(
            st.tuples(st.integers(0, 5), st.integers(0, 7), st.booleans()), max_size=8
        ),
        "contacts": st.lists(st.tuples(name, st.integers(0, 5)), max_size=3),
        "interviews": st.lists(
            st.tuples(st.integers(0, 5), instant, st.integers(5, 300)), max_size=3
        ),
        "notes": st.lists(st.tuples(st.integers(0, 5), text), max_size=3),
        "settings": st.dictionaries(st.from_regex(r"\A[a-z_.]{1,20}\Z"), json_value, max_size=3),
        "archive": st.lists(st.integers(0, 5), max_size=2, unique=True),
    }
)


def _fill(services: Services, clock: FakeClock, data: dict) -> None:
    stages = [s.id for s in services.board.stages()]
    ids = []
    for values in data["applications"]:
        ids.append(
            services.applications.add(
                values["company"], values["role"], stages[values["stage"]],
                notes=values["notes"], excitement=values["excitement"],
                salary_min=values["salary_min"],
            ).id
        )  # fmt: skip
        clock.advance(minutes=7)
    for which, stage, on_top in data["moves"]:
        app_id = ids[which % len(ids)]
        column = [c.id for c in services.board.cards() if c.stage_id == stages[stage]]
        before = next((c for c in column if c != app_id), None) if on_top else None
        services.board.move_cards([app_id], stages[stage], before)
        clock.advance(hours=5)
    for contact_name, which in data["contacts"]:
        contact = services.contacts.add(contact_name).id
        services.contacts.link(ids[which % len(ids)], contact, "recruiter")
    for which, starts_at, minutes in data["interviews"]:
        services.interviews.add(ids[which % len(ids)], starts_at, duration_minutes=minutes)
    for which, note in data["notes"]:
        services.timeline.add(ids[which % len(ids)], "note", note)
    for key, value in data["settings"].items():
        services.settings.set(key, value)
    if data["archive"]:
        services.applications.archive(sorted({ids[i % len(ids)] for i in data["archive"]}))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=search)
def test_export_import_export_is_identical(data: dict) -> None:
    clock = FakeClock(START)
    with tempfile.TemporaryDirectory() as folder:
        backup = Path(folder) / "backup.json"
        with open_store(Path(folder) / "first.sqlite3", owner="pytest") as store:
            services = Services(store, clock)
            _fill(services, clock, data)
            first = TransferService(services.board, clock).export(ExportRequest("json"))
        backup.write_bytes(first)
        with open_store(Path(folder) / "second.sqlite3", owner="pytest") as store:
            services = Services(store, clock)
            transfer = TransferService(services.board, clock)
            transfer.restore_backup(backup)
            second = transfer.export(ExportRequest("json"))
            assert len(services.board.cards(include_archived=True)) == len(data["applications"])
    assert second == first
