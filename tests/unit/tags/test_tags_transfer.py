"""Tags through the doors data comes in and goes out by: a Tags or Labels column of a CSV,
the applications CSV, and the JSON backup; an import's tags are undone with it."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, timedelta
from pathlib import Path

import pytest

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.services import Services
from jobtracker.domain.transfer.csv_import import ImportOptions
from jobtracker.domain.transfer.service import ExportRequest, TransferService
from jobtracker.store.db import open_store


@pytest.fixture
def transfer(services: Services) -> TransferService:
    return TransferService(services.board, services.clock)


def _tags(services: Services) -> dict[str, list[str]]:
    return {c.company: [t.name for t in c.tags] for c in services.board.cards()}


@pytest.mark.parametrize("header", ["Tags", "Labels", "label"])
def test_a_tags_or_labels_column_tags_the_imported_applications(
    services: Services, transfer: TransferService, tmp_path: Path, header: str
) -> None:
    services.tags.add([services.applications.add("Existing", "Dev").id], ["Remote"])
    path = tmp_path / "sheet.csv"
    path.write_text(
        f'Company,Role,{header}\nAcme,Engineer,"remote, Referral"\n'
        "Globex,Analyst,fintech; REMOTE\nInitech,Tester,\n",
        encoding="utf-8",
    )
    preview = transfer.preview(path)
    assert preview.errors == []
    assert [r.tags for r in preview.rows] == [["remote", "Referral"], ["fintech", "REMOTE"], []]

    result = transfer.apply(preview)

    assert _tags(services) == {
        "Existing": ["Remote"], "Acme": ["Referral", "Remote"], "Globex": ["fintech", "Remote"],
        "Initech": [],
    }  # fmt: skip
    transfer.undo(result)
    assert services.tags.names() == ["Remote"]  # the tags the import made went with it


def test_a_merge_adds_tags_to_the_existing_application_and_undo_takes_them_off(
    services: Services, transfer: TransferService, tmp_path: Path
) -> None:
    acme = services.applications.add("Acme", "Engineer").id
    services.tags.add([acme], ["remote"])
    path = tmp_path / "again.csv"
    path.write_text('Company,Role,Tags\nAcme,Engineer,"remote, urgent"\n', encoding="utf-8")
    preview = transfer.preview(path, ImportOptions(duplicates="merge"))
    result = transfer.apply(preview)
    assert _tags(services) == {"Acme": ["remote", "urgent"]}
    transfer.undo(result)
    assert _tags(services) == {"Acme": ["remote"]}
    assert services.tags.names() == ["remote"]


def test_a_tag_over_the_limit_is_an_error_naming_row_and_column(
    transfer: TransferService, tmp_path: Path, services: Services
) -> None:
    path = tmp_path / "long.csv"
    path.write_text(f'Company,Role,Labels\nAcme,Engineer,"ok, {"x" * 41}"\n', encoding="utf-8")
    preview = transfer.preview(path)
    assert [str(p) for p in preview.errors] == [
        "row 2, Labels: a tag is 41 characters long; the limit is 40"
    ]
    assert services.tags.names() == []


def test_the_applications_csv_lists_tags_and_imports_them_again(
    services: Services, transfer: TransferService, tmp_path: Path
) -> None:
    acme = services.applications.add("Acme", "Engineer").id
    services.applications.add("Globex", "Analyst")
    services.tags.add([acme], ["remote", "Referral"])
    data = transfer.export(ExportRequest("csv", UTC))
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    assert {r["Company"]: r["Tags"] for r in rows} == {"Acme": "Referral, remote", "Globex": ""}

    path = tmp_path / "apps.csv"
    path.write_bytes(data)
    services.applications.trash([c.id for c in services.board.cards()])
    services.tags.delete(services.tags.named("remote").id)
    preview = transfer.preview(path)
    assert preview.unknown_columns == []
    transfer.apply(preview)
    assert _tags(services) == {"Acme": ["Referral", "remote"], "Globex": []}


def test_the_json_backup_carries_tags_and_their_colours(
    services: Services, transfer: TransferService, tmp_path: Path, clock: FakeClock
) -> None:
    acme = services.applications.add("Acme", "Engineer").id
    services.tags.add([acme], ["remote"])
    services.tags.set_color(services.tags.named("remote").id, "#123456")
    first = transfer.export(ExportRequest("json"))
    assert json.loads(first)["tables"]["application_tag"]["rows"] == [
        [acme, services.tags.named("remote").id]
    ]
    backup = tmp_path / "backup.json"
    backup.write_bytes(first)
    with open_store(tmp_path / "restored.sqlite3", owner="pytest") as store:
        other = Services(store, clock)
        TransferService(other.board, clock).restore_backup(backup)
        assert [(t.name, t.color) for t in other.board.card(acme).tags] == [("remote", "#123456")]


def test_calendar_events_carry_their_application_s_tags_as_categories(
    services: Services, transfer: TransferService
) -> None:
    import icalendar

    acme = services.applications.add("Acme", "Engineer").id
    services.tags.add([acme], ["remote", "Referral"])
    services.interviews.add(acme, services.clock.now() + timedelta(days=2))
    calendar = icalendar.Calendar.from_ical(transfer.export(ExportRequest("ics", UTC)))
    categories = {
        str(event["summary"]): [str(c) for c in event["categories"].cats]
        for event in calendar.walk("VEVENT")
    }
    assert categories["Video interview: Engineer at Acme"] == ["Interview", "Referral", "remote"]
