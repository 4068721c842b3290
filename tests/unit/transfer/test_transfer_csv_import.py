"""Importing the layouts people bring: Huntr, JobSync and two spreadsheet layouts."""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from jobtracker.domain.errors import ValidationError
from jobtracker.domain.records import ApplicationDetails
from jobtracker.domain.services import Services
from jobtracker.domain.transfer.csv_import import ImportOptions
from jobtracker.domain.transfer.dates import DMY
from jobtracker.domain.transfer.problems import ImportRefusedError
from jobtracker.domain.transfer.service import TransferService


def _imported(services: Services, transfer: TransferService, path: Path,
              **options: object) -> dict[str, ApplicationDetails]:  # fmt: skip
    preview = transfer.preview(path, ImportOptions(**options))
    assert preview.errors == [], preview.errors
    transfer.apply(preview)
    cards = services.board.cards(include_archived=True)
    return {card.company: services.applications.get(card.id) for card in cards}


def _stage(services: Services, app: ApplicationDetails) -> str:
    return services.board.stage(app.stage_id).name


def test_huntr_export(services: Services, transfer: TransferService, fixtures_dir: Path) -> None:
    preview = transfer.preview(fixtures_dir / "huntr.csv")
    assert preview.format_name == "Huntr"
    apps = _imported(services, transfer, fixtures_dir / "huntr.csv")
    assert {name: _stage(services, a) for name, a in apps.items()} == {
        "Acme Robotics": "Applied",
        "Northwind Analytics": "Wishlist",
        "Helios Energy": "Interviewing",  # Huntr's "Interview" list
        "Kestrel Logistics": "Rejected",
        "Ember Payments": "Offer",
    }
    acme = apps["Acme Robotics"]
    assert acme.role == "Backend Engineer"
    assert acme.location == "Austin, TX"
    assert acme.url == "https://jobs.acme.example/123"
    assert (acme.salary_text, acme.salary_min, acme.salary_max, acme.salary_currency) == (
        "$120,000 - $140,000", 120000, 140000, "USD",
    )  # fmt: skip
    assert acme.created_at == datetime(2025, 1, 6, 9, 12, 44, tzinfo=UTC)
    assert acme.stage_entered_at == datetime(2025, 1, 7, 15, 30, tzinfo=UTC)
    northwind = apps["Northwind Analytics"]
    assert (northwind.url, northwind.salary_text) == ("", "")  # "-" means empty
    assert northwind.applied_at is None  # still on the wishlist
    assert "6571a0c2e4b0a1" not in acme.notes  # Huntr's own id is not kept


def test_jobsync_export(services: Services, transfer: TransferService, fixtures_dir: Path) -> None:
    assert transfer.preview(fixtures_dir / "jobsync.csv").format_name == "JobSync"
    apps = _imported(services, transfer, fixtures_dir / "jobsync.csv")
    assert {name: _stage(services, a) for name, a in apps.items()} == {
        "Blue Harbor Health": "Applied",
        "Lumen Books": "Wishlist",  # draft
        "Mosaic Bank": "Interviewing",
        "Sable Security": "Rejected",
    }
    blue = apps["Blue Harbor Health"]
    assert blue.location == ""  # N/A means empty
    assert blue.source == "LinkedIn"
    assert blue.applied_at is not None and blue.applied_at.date() == date(2025, 2, 3)
    assert "Job type: Full-time" in blue.notes and "Workplace type: Remote" in blue.notes
    assert apps["Mosaic Bank"].applied_at.date() == date(2025, 1, 29)


def test_us_spreadsheet(services: Services, transfer: TransferService, fixtures_dir: Path) -> None:
    apps = _imported(services, transfer, fixtures_dir / "spreadsheet_us.csv")
    orchard = apps["Orchard Foods"]
    assert _stage(services, orchard) == "Applied"
    assert orchard.applied_at == datetime(2025, 3, 14, 12, tzinfo=UTC)
    assert orchard.notes == "Spoke to Dana at the meetup.\nFollow up Friday.\nReferral Bonus: yes"
    assert [(c.name, c.email) for c in orchard.contacts] == [
        ("Dana Whitfield", "dana@orchard.example")
    ]
    pinecone = apps["Pinecone Studios"]
    assert pinecone.url == "https://pinecone.example/jobs/tools"  # bare domain completed
    assert pinecone.applied_at.date() == date(2025, 2, 3)  # 02/03 read month-first
    assert _stage(services, apps["Quill & Co."]) == "Wishlist"
    assert services.board.cards()[0].search_text  # searchable like any other card


def test_european_spreadsheet(
    services: Services, transfer: TransferService, fixtures_dir: Path
) -> None:
    preview = transfer.preview(fixtures_dir / "spreadsheet_eu.csv")
    assert (preview.encoding, preview.delimiter) == ("Windows-1252", ";")
    apps = _imported(services, transfer, fixtures_dir / "spreadsheet_eu.csv")
    cafe = apps["Café Lumière"]
    assert cafe.applied_at.date() == date(2025, 3, 4)  # 04/03: day-first, as 17/02 shows
    assert (cafe.salary_min, cafe.salary_currency) == (55000, "EUR")
    assert apps["Zürcher Bank"].location == "Zürich"
    assert apps["Zürcher Bank"].salary_currency == "CHF"
    tidewater = apps["Tidewater Maps"]
    assert _stage(services, tidewater) == "Interviewing"  # "Phone screen"
    assert tidewater.applied_at.date() == date(2025, 1, 28)
    assert tidewater.location == "København"


def test_preview_writes_nothing(
    transfer: TransferService, fixtures_dir: Path, db_hash: Callable[[], str]
) -> None:
    before = db_hash()
    preview = transfer.preview(fixtures_dir / "huntr.csv")
    assert preview.count("add") == 5
    assert db_hash() == before


def test_unknown_stages_are_reported_mapped_or_created(
    services: Services, transfer: TransferService, fixtures_dir: Path
) -> None:
    path = fixtures_dir / "bad" / "unknown_stages.csv"
    preview = transfer.preview(path)
    assert preview.unknown_stages == {"Phone Screen 2": 1, "Take-home": 1}
    assert [(p.row, p.column) for p in preview.errors] == [(2, "Stage"), (3, "Stage")]

    mapped = transfer.preview(
        path, ImportOptions(stage_map={"phone screen 2": "Interviewing", "Take-home": "applied"})
    )
    assert mapped.errors == []
    assert [r.stage for r in mapped.rows] == ["Interviewing", "Applied", "Applied"]

    created = transfer.preview(path, ImportOptions(create_stages=True))
    result = transfer.apply(created)
    assert result.created_stages == ("Phone Screen 2", "Take-home")
    names = [s.name for s in services.board.stages()]
    assert names.index("Take-home") < names.index("Accepted")  # open stages stay before outcomes


def test_mapping_to_a_missing_stage_is_refused(
    transfer: TransferService, fixtures_dir: Path
) -> None:
    with pytest.raises(ValidationError, match="'Limbo' is not a stage on the board"):
        transfer.preview(fixtures_dir / "huntr.csv", ImportOptions(stage_map={"Applied": "Limbo"}))


def test_duplicates_are_skipped_or_merged(
    services: Services, transfer: TransferService, tmp_path: Path
) -> None:
    first = services.applications.add("Acme", "Engineer", url="https://acme.example/jobs/1").id
    path = tmp_path / "dupes.csv"
    path.write_text(
        "Company,Role,URL,Location,Notes\n"
        "ACME,engineer,http://www.acme.example/jobs/1/,Berlin,Met at the fair\n"
        "Globex,Analyst,,Paris,\n"
        "globex,ANALYST,,,Second line\n"
    )
    skipped = transfer.preview(path)
    assert [r.action for r in skipped.rows] == ["skip", "add", "skip"]
    assert [str(p) for p in skipped.problems] == [
        f"row 2: same company, role and link as application #{first}; skipped",
        "row 4: same company, role and link as row 3 of this file; skipped",
    ]
    result = transfer.apply(transfer.preview(path, ImportOptions(duplicates="merge")))
    assert (result.added, result.merged) == (1, 2)
    acme = services.applications.get(first)
    assert (acme.location, acme.notes) == ("Berlin", "Met at the fair")
    globex = services.applications.get(result.application_ids[0])
    assert (globex.location, globex.notes) == ("Paris", "Second line")
    assert "Merged from dupes.csv row 2" in services.timeline.for_application(first)[0].text


def test_unknown_columns_kept_in_notes_or_dropped(
    services: Services, transfer: TransferService, fixtures_dir: Path
) -> None:
    preview = transfer.preview(fixtures_dir / "jobsync.csv", ImportOptions(unknown_columns="drop"))
    assert preview.unknown_columns == ["jobType", "workplaceType"]
    transfer.apply(preview)
    assert all("Job type" not in services.applications.get(c.id).notes
               for c in services.board.cards())  # fmt: skip


def test_ambiguous_dates_need_a_chosen_order(
    services: Services, transfer: TransferService, fixtures_dir: Path
) -> None:
    path = fixtures_dir / "bad" / "ambiguous_dates.csv"
    preview = transfer.preview(path)
    assert [(p.row, p.column) for p in preview.errors] == [(2, "Date Applied"), (3, "Date Applied")]
    assert "07/07/2025" not in " ".join(p.message for p in preview.problems)  # same either way
    chosen = transfer.apply(transfer.preview(path, ImportOptions(date_order=DMY)))
    dates = sorted(services.applications.get(i).applied_at.date() for i in chosen.application_ids)
    assert dates == [date(2025, 4, 3), date(2025, 6, 5), date(2025, 7, 7)]


def test_rows_with_errors_stop_the_import_unless_skipped(
    services: Services, transfer: TransferService, fixtures_dir: Path,
    db_hash: Callable[[], str],
) -> None:  # fmt: skip
    path = fixtures_dir / "bad" / "impossible_dates.csv"
    preview = transfer.preview(path)
    before = db_hash()
    with pytest.raises(ImportRefusedError, match=r"3 problems stop the import"):
        transfer.apply(preview)
    assert db_hash() == before
    result = transfer.apply(transfer.preview(path, ImportOptions(skip_invalid=True)))
    assert (result.added, result.invalid) == (1, 3)
    assert [c.company for c in services.board.cards()] == ["Hooli"]


def test_an_import_that_fails_half_way_leaves_the_file_unchanged(
    services: Services, transfer: TransferService, fixtures_dir: Path,
    db_hash: Callable[[], str],
) -> None:  # fmt: skip
    """The board changed between preview and apply: the second new stage now clashes, after
    the first was created and rows were planned; the whole transaction rolls back."""
    preview = transfer.preview(
        fixtures_dir / "bad" / "unknown_stages.csv", ImportOptions(create_stages=True)
    )
    services.board.add_stage("Take-home")
    before = db_hash()
    with pytest.raises(ValidationError, match="already exists"):
        transfer.apply(preview)
    assert db_hash() == before
    assert "Phone Screen 2" not in [s.name for s in services.board.stages()]
    assert services.board.cards() == []


def test_formula_cells_are_imported_as_plain_text_with_a_warning(
    services: Services, transfer: TransferService, fixtures_dir: Path
) -> None:
    preview = transfer.preview(fixtures_dir / "bad" / "formula_strings.csv")
    assert preview.errors == []
    assert [(p.row, p.column) for p in preview.problems] == [(2, "Company"), (3, "Notes")]
    transfer.apply(preview)
    companies = {c.company for c in services.board.cards()}
    assert companies == {'=HYPERLINK("http://evil.example","Acme")', "Globex"}


def test_ten_thousand_rows_import_in_one_go(
    services: Services, transfer: TransferService, tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    lines = ["Company,Role,Stage,Date Applied"]
    lines += [f"Company {i},Role {i},Applied,2025-01-{i % 28 + 1:02d}" for i in range(10_000)]
    path.write_text("\n".join(lines))
    result = transfer.apply(transfer.preview(path))
    assert result.added == 10_000
    cards = services.board.cards()
    assert len(cards) == 10_000
    assert [c.company for c in cards[:2]] == ["Company 0", "Company 1"]  # file order kept
    assert len({c.rank for c in cards}) == 10_000


def test_undo_takes_an_import_back_exactly(
    services: Services, transfer: TransferService, tmp_path: Path, fixtures_dir: Path
) -> None:
    """Added applications, created stages and contacts, and merged fields all go back."""
    from jobtracker.domain.transfer.service import ExportRequest

    first = services.applications.add("Acme", "Engineer", url="https://acme.example/jobs/1").id
    services.timeline.add(first, "note", "Before the import")
    before = transfer.export(ExportRequest("json"))
    path = tmp_path / "mixed.csv"
    path.write_text(
        "Company,Role,URL,Location,Stage,Contact\n"
        "Acme,Engineer,https://acme.example/jobs/1,Berlin,Applied,\n"
        "Globex,Analyst,,Paris,Take-home,Dana Whitfield\n"
    )
    preview = transfer.preview(path, ImportOptions(duplicates="merge", create_stages=True))
    result = transfer.apply(preview)
    assert (result.added, result.merged, result.created_stages) == (1, 1, ("Take-home",))
    assert len(result.contact_ids) == 1
    assert transfer.export(ExportRequest("json")) != before
    transfer.undo(result)
    assert transfer.export(ExportRequest("json")) == before
    again = transfer.apply(preview)  # redo
    assert (again.added, again.merged) == (1, 1)
    assert services.applications.get(first).location == "Berlin"


def test_a_repeated_cell_is_read_alike_and_each_bad_one_named_on_its_row(
    services: Services, transfer: TransferService, tmp_path: Path
) -> None:
    """Dates and salaries repeat down a sheet: each distinct cell is read once, and every
    row that holds a bad one is still named, with its column."""
    path = tmp_path / "repeats.csv"
    path.write_text(
        "Company,Role,Date Applied,Deadline,Salary\n"
        "Acme,Dev,2025-03-04,31/02/2025,$80k\n"
        "Globex,Dev,2025-03-04,31/02/2025,$80k\n"
        "Initech,Dev,31/02/2025,2025-03-04,$80k\n"
        "Hooli,Dev,2025-03-04,,$80k\n"
    )
    preview = transfer.preview(path)

    assert [(p.row, p.column) for p in preview.errors] == [
        (2, "Deadline"), (3, "Deadline"), (4, "Date Applied"),
    ]  # fmt: skip
    assert len({p.message for p in preview.errors}) == 1  # the same words for the same cell
    result = transfer.apply(transfer.preview(path, ImportOptions(skip_invalid=True)))
    assert result.added == 1
    (hooli,) = [services.applications.get(i) for i in result.application_ids]
    assert (hooli.applied_at, hooli.salary_min, hooli.salary_currency) == (
        datetime(2025, 3, 4, 12, tzinfo=UTC), 80_000, "USD",
    )  # fmt: skip


def test_the_collector_pauses_for_an_import_and_resumes_however_it_ends(
    services: Services, fixtures_dir: Path
) -> None:
    during: list[bool] = []
    transfer = TransferService(
        services.board, services.clock, lambda ids: during.append(gc.isenabled())
    )
    assert gc.isenabled()
    transfer.apply(transfer.preview(fixtures_dir / "spreadsheet_us.csv"))
    assert (during, gc.isenabled()) == ([False], True)

    refused = transfer.preview(fixtures_dir / "bad" / "impossible_dates.csv")
    with pytest.raises(ImportRefusedError):
        transfer.apply(refused)
    assert gc.isenabled()

    gc.disable()  # switched off by someone else: left off
    try:
        transfer.preview(fixtures_dir / "bad" / "impossible_dates.csv")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_import_s_field_cleaner_gives_what_clean_fields_gives_row_after_row() -> None:
    """Checked once per distinct value, yet each row gets the same values and the same
    problems as when checked alone, a bad value refused every time it comes back."""
    from jobtracker.domain.applications import FieldCleaner, clean_fields

    when = datetime(2025, 3, 1, 12, tzinfo=UTC)
    rows: list[dict[str, object]] = [
        {"company": "  Acme ", "role": "Dev", "location": "Berlin", "salary_min": 5},
        {"company": "Acme", "role": "Dev", "location": "Berlin", "salary_min": 5,
         "salary_max": 4},
        {"company": "Acme", "role": "Dev", "url": "acme.com/jobs/1", "applied_at": when},
        {"company": "Acme", "role": "Dev", "url": "not a link", "excitement": 9},
        {"company": "Acme", "role": "Dev", "url": "not a link", "excitement": 9},
        {"company": "", "role": "Dev", "excitement": True},
        {"company": "Acme", "role": "Dev", "excitement": 1, "notes": "a\r\nb"},
        {"company": "Acme", "role": "Dev", "excitement": True},
        {"company": "Acme", "role": "Dev", "colour": "red"},
    ]  # fmt: skip
    cleaner = FieldCleaner()
    for row in rows:
        try:
            expected: object = clean_fields(row)
        except ValidationError as exc:
            expected = (type(exc), str(exc), exc.field)
        try:
            got: object = cleaner.clean(row)
        except ValidationError as exc:
            got = (type(exc), str(exc), exc.field)
        assert got == expected, row
