"""Exports: applications CSV, the activity log, the full JSON backup and the calendar."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.services import Services
from jobtracker.domain.transfer.csv_export import COLUMNS
from jobtracker.domain.transfer.service import ExportRequest, TransferService
from jobtracker.domain.transfer.spreadsheet import safe_cell
from jobtracker.store.models import Reminder


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


@pytest.fixture
def search(services: Services, clock: FakeClock) -> dict[str, int]:
    """Two applications with a history, a contact and an interview."""
    board = services.board
    stages = {s.name: s.id for s in board.stages()}
    acme = services.applications.add(
        "Acme", "Engineer", stages["Wishlist"], url="https://acme.example/1",
        notes="=cmd|' /C calc'!A0", salary_text="-5k",
    ).id  # fmt: skip
    clock.advance(days=2)
    board.move_cards([acme], stages["Applied"])
    clock.advance(days=5)
    board.move_cards([acme], stages["Interviewing"])
    dana = services.contacts.add("Dana Whitfield", email="dana@acme.example").id
    services.contacts.link(acme, dana, "recruiter")
    services.interviews.add(
        acme, datetime(2026, 3, 30, 8, 0, tzinfo=UTC), duration_minutes=45, kind="video",
        location="Zoom", interviewer_ids=(dana,),
    )  # fmt: skip
    services.timeline.add(acme, "call", "Recruiter screen went well")
    globex = services.applications.add("@Globex", "Analyst", stages["Applied"]).id
    return {"acme": acme, "globex": globex, "dana": dana}


def test_applications_csv_has_the_documented_columns_and_history(
    transfer: TransferService, search: dict[str, int]
) -> None:
    data = transfer.export(ExportRequest("csv", UTC))
    rows = _rows(data)
    assert list(rows[0]) == list(COLUMNS)
    acme = next(r for r in rows if r["ID"] == str(search["acme"]))
    assert acme["Stage"] == "Interviewing"
    assert (
        acme["Stage history"] == "2026-03-10 Wishlist; 2026-03-12 Applied; 2026-03-17 Interviewing"
    )
    assert acme["Contacts"] == "Dana Whitfield (recruiter)"
    assert acme["Interviews"] == "2026-03-30"
    assert acme["Date added"] == "2026-03-10"
    assert acme["Notes"] == "'=cmd|' /C calc'!A0"  # neutralised
    assert acme["Salary"] == "'-5k"
    assert next(r for r in rows if r["ID"] == str(search["globex"]))["Company"] == "'@Globex"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised(start: str) -> None:
    assert safe_cell(f"{start}1+1") == f"'{start}1+1"
    assert safe_cell(f"a{start}") == f"a{start}"


def test_activity_log_has_one_row_per_timeline_entry(
    transfer: TransferService, search: dict[str, int]
) -> None:
    rows = _rows(transfer.export(ExportRequest("activity", UTC)))
    acme = [(r["Date"], r["What happened"], r["Details"]) for r in rows if r["Company"] == "Acme"]
    assert acme == [
        ("2026-03-10", "Added to Wishlist", ""),
        ("2026-03-12", "Moved from Wishlist to Applied", ""),
        ("2026-03-17", "Moved from Applied to Interviewing", ""),
        ("2026-03-17", "Phone call", "Recruiter screen went well"),
    ]
    assert rows[-1]["Company"] == "'@Globex"
    assert all(r["Role"] for r in rows)


def test_activity_log_in_a_date_range_and_time_zone(
    transfer: TransferService, search: dict[str, int]
) -> None:
    request = ExportRequest("activity", ZoneInfo("Pacific/Auckland"), since=date(2026, 3, 12),
                            until=date(2026, 3, 12))  # fmt: skip
    rows = _rows(transfer.export(request))
    assert [(r["Date"], r["Time"], r["What happened"]) for r in rows] == [
        ("2026-03-12", "22:00", "Moved from Wishlist to Applied")  # 09:00 UTC is 22:00 NZDT
    ]


def test_an_exported_csv_imports_again(
    transfer: TransferService, search: dict[str, int], tmp_path: Path, services: Services
) -> None:
    path = tmp_path / "apps.csv"
    path.write_bytes(transfer.export(ExportRequest("csv", UTC)))
    services.applications.trash([search["acme"], search["globex"]])
    preview = transfer.preview(path)
    assert preview.errors == []
    assert preview.unknown_columns == []
    assert sorted((r.company, r.stage) for r in preview.rows) == [
        ("@Globex", "Applied"), ("Acme", "Interviewing"),
    ]  # fmt: skip


def test_json_backup_restores_into_a_new_database(
    transfer: TransferService, search: dict[str, int], services: Services, tmp_path: Path,
    clock: FakeClock,
) -> None:  # fmt: skip
    services.settings.set("profile", {"name": "Sam", "signature": "Best,\nSam"})
    first = transfer.export(ExportRequest("json"))
    data = json.loads(first)
    assert (data["format"], data["format_version"]) == ("jobtracker", 1)
    assert len(data["tables"]["interview_interviewer"]["rows"]) == 1
    backup = tmp_path / "backup.json"
    backup.write_bytes(first)
    services.close()
    from jobtracker.store.db import open_store

    with open_store(tmp_path / "restored.sqlite3", owner="pytest") as store:
        other = Services(store, clock)
        restored = TransferService(other.board, clock)
        counts = restored.restore_backup(backup)
        assert counts["application"] == 2
        assert restored.export(ExportRequest("json")) == first
        assert other.settings.get("profile") == {"name": "Sam", "signature": "Best,\nSam"}
        assert other.applications.get(search["acme"]).contacts[0].name == "Dana Whitfield"


def test_calendar_parses_back_with_the_right_events_and_zones(
    transfer: TransferService, search: dict[str, int], services: Services, clock: FakeClock
) -> None:
    thanks = Reminder.create(
        application=search["acme"], rule_key="test_thanks", reason="Send a thank-you note",
        due_at=datetime(2026, 3, 30, 17, 0, tzinfo=UTC),
    ).id  # fmt: skip
    done = Reminder.create(
        application=search["acme"], rule_key="test_done", reason="Already done",
        due_at=datetime(2026, 3, 20, tzinfo=UTC), done_at=datetime(2026, 3, 20, tzinfo=UTC),
    ).id  # fmt: skip
    pending = Reminder.select().where(Reminder.done_at.is_null() & Reminder.dismissed_at.is_null())
    berlin = ZoneInfo("Europe/Berlin")
    calendar = icalendar.Calendar.from_ical(transfer.export(ExportRequest("ics", berlin)))
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"interview-1@jobtracker.local"} | {
        f"reminder-{r.id}@jobtracker.local" for r in pending
    }
    assert f"reminder-{done}@jobtracker.local" not in events
    interview = next(e for uid, e in events.items() if uid.startswith("interview-"))
    assert str(interview["summary"]) == "Video interview: Engineer at Acme"
    start = interview.decoded("dtstart")
    assert start == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)  # same instant ...
    assert start.utcoffset() == timedelta(hours=2)  # ... in Berlin summer time (after DST)
    assert interview["dtstart"].params["TZID"] == "Europe/Berlin"
    assert interview.decoded("dtend") - start == timedelta(minutes=45)
    assert "Dana Whitfield" in str(interview["description"])
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    reminder = events[f"reminder-{thanks}@jobtracker.local"]
    assert reminder.decoded("dtstart") == datetime(2026, 3, 30, 17, 0, tzinfo=UTC)
    assert str(reminder["summary"]) == "Send a thank-you note (Acme)"
    # UTC by default, and the UIDs stay the same from one export to the next
    utc = icalendar.Calendar.from_ical(transfer.export(ExportRequest("ics")))
    assert {str(e["uid"]) for e in utc.walk("VEVENT")} == set(events)
    assert utc.walk("VTIMEZONE") == []
    assert all(e.decoded("dtstart").tzinfo is not None for e in utc.walk("VEVENT"))


def test_a_backup_from_an_older_version_gets_the_newer_columns_defaults(
    transfer: TransferService, search: dict[str, int], services: Services, tmp_path: Path,
    clock: FakeClock,
) -> None:  # fmt: skip
    """A column added by a later schema (here: source, description) is filled with its
    default when an older backup lacks it; a missing required column is refused."""
    data = json.loads(transfer.export(ExportRequest("json")))
    table = data["tables"]["application"]
    for column in ("source", "description"):
        index = table["columns"].index(column)
        table["columns"].pop(index)
        for row in table["rows"]:
            row.pop(index)
    older = tmp_path / "older.json"
    older.write_text(json.dumps(data))
    broken = json.loads(json.dumps(data))
    index = broken["tables"]["application"]["columns"].index("company")
    broken["tables"]["application"]["columns"].pop(index)
    for row in broken["tables"]["application"]["rows"]:
        row.pop(index)
    (tmp_path / "broken.json").write_text(json.dumps(broken))
    services.close()
    from jobtracker.domain.errors import DomainError
    from jobtracker.store.db import open_store

    with open_store(tmp_path / "new.sqlite3", owner="pytest") as store:
        restored = TransferService(Services(store, clock).board, clock)
        with pytest.raises(DomainError, match="the column 'company' is missing"):
            restored.restore_backup(tmp_path / "broken.json")
        restored.restore_backup(older)
        app = json.loads(restored.export(ExportRequest("json")))["tables"]["application"]
        acme = dict(zip(app["columns"], app["rows"][0], strict=True))
        assert (acme["company"], acme["source"], acme["description"]) == ("Acme", "", "")
