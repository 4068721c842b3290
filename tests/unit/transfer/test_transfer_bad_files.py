"""The corpus of bad files: each gives a clear message or a per-row report, never a
traceback, and a refused import leaves the database file byte-for-byte unchanged."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from jobtracker.domain.errors import DomainError
from jobtracker.domain.services import Services
from jobtracker.domain.transfer.problems import ERROR, WARNING
from jobtracker.domain.transfer.service import ExportRequest, TransferService, is_backup_file

BAD = Path(__file__).parents[2] / "fixtures" / "import" / "bad"

#: file -> a phrase of the message that refuses the whole file
REFUSED_FILES = {
    "empty.csv": "is empty",
    "whitespace_only.csv": "is empty",
    "header_only.csv": "has a header row but no rows of data",
    "only_delimiters.csv": "no rows of data",
    "binary_random.csv": "looks like a binary file",
    "control_characters.csv": "looks like a binary file",
    "nul_in_text.csv": "contains NUL bytes",
    "xlsx_renamed.csv": "looks like an Excel workbook",
    "pdf_renamed.csv": "looks like a PDF document",
    "png_renamed.csv": "looks like a PNG image",
    "sqlite_database.csv": "looks like a SQLite database",
    "utf16_broken.csv": "is not valid UTF-16",
    "utf8_bom_broken.csv": "is not valid UTF-8 with BOM",
    "shift_jis.csv": "is neither UTF-8 nor Windows-1252",
    "duplicate_headers.csv": "columns A and D are both named 'company'",
    "unclosed_quote.csv": 'row 2: a quote (") opened in this row is never closed',
    "not_a_backup.json": "not a jobtracker backup",
    "broken_backup.json": "is not valid JSON (line 1",
    "newer_backup.json": "written by a newer jobtracker",
    "backup_bad_value.json": "table 'stage', row 1, column 'position': must be a whole number",
    "backup_missing_reference.json": "the rows do not fit together",
}
#: file -> the (row, column) of every error the preview reports
ROW_ERRORS = {
    "no_company_column.csv": [(1, "")],
    "html_page.csv": [(1, ""), (1, "")],
    "ragged_rows.csv": [(3, "")],
    "impossible_dates.csv": [(2, "Date Applied"), (3, "Date Applied"), (4, "Date Applied")],
    "ambiguous_dates.csv": [(2, "Date Applied"), (3, "Date Applied")],
    "not_a_date.csv": [(2, "Date Applied")],
    "empty_required_cells.csv": [(2, "Company"), (3, "Role")],
    "unknown_stages.csv": [(2, "Stage"), (3, "Stage")],
    "too_long_values.csv": [(2, "Company"), (3, "Role")],
}
#: file -> the (row, column) of each warning; these import, as plain text
WARNED = {
    "formula_strings.csv": [(2, "Company"), (3, "Notes")],
    "bad_links_and_emails.csv": [(2, "Link"), (2, "Contact Email")],
    # each date is clear on its own; the column mixing orders is worth a look
    "mixed_date_orders.csv": [(1, "Date Applied")],
}


def test_the_corpus_has_at_least_25_files_and_every_one_is_covered() -> None:
    files = {p.name for p in BAD.iterdir()}
    assert len(files) >= 25
    assert files == set(REFUSED_FILES) | set(ROW_ERRORS) | set(WARNED)


def _attempt(transfer: TransferService, path: Path) -> None:
    if is_backup_file(path):
        transfer.restore_backup(path)
    else:
        transfer.apply(transfer.preview(path))


@pytest.mark.parametrize("name", sorted(REFUSED_FILES))
def test_unusable_files_are_refused_with_a_clear_message(
    name: str, transfer: TransferService, db_hash: Callable[[], str]
) -> None:
    before = db_hash()
    with pytest.raises(DomainError) as raised:
        _attempt(transfer, BAD / name)
    assert REFUSED_FILES[name] in str(raised.value)
    assert db_hash() == before


def test_a_backup_is_not_restored_over_existing_data(
    transfer: TransferService, services: Services, tmp_path: Path, db_hash: Callable[[], str]
) -> None:
    services.applications.add("Existing", "Role")
    backup = tmp_path / "backup.json"
    backup.write_bytes(transfer.export(ExportRequest("json")))
    before = db_hash()
    with pytest.raises(DomainError, match=r"already holds data \(1 applications"):
        transfer.restore_backup(backup)
    assert db_hash() == before


def test_a_backup_that_fails_half_way_leaves_the_file_unchanged(
    transfer: TransferService, db_hash: Callable[[], str]
) -> None:
    """Stages and the application are inserted before the interview's bad reference fails."""
    before = db_hash()
    with pytest.raises(DomainError, match="the rows do not fit together"):
        transfer.restore_backup(BAD / "backup_missing_reference.json")
    assert db_hash() == before


@pytest.mark.parametrize("name", sorted(ROW_ERRORS))
def test_bad_rows_are_reported_by_row_and_column(
    name: str, transfer: TransferService, db_hash: Callable[[], str]
) -> None:
    preview = transfer.preview(BAD / name)
    assert [(p.row, p.column) for p in preview.errors] == ROW_ERRORS[name]
    assert all(p.message for p in preview.errors)
    before = db_hash()
    with pytest.raises(DomainError, match="nothing was imported"):
        transfer.apply(preview)
    assert db_hash() == before


@pytest.mark.parametrize("name", sorted(WARNED))
def test_suspicious_cells_are_warned_about_and_imported(
    name: str, transfer: TransferService, services: Services
) -> None:
    preview = transfer.preview(BAD / name)
    problems = [(p.row, p.column) for p in preview.problems if p.severity == WARNING]
    assert problems == WARNED[name]
    assert not [p for p in preview.problems if p.severity == ERROR]
    transfer.apply(preview)
    assert services.board.cards()


def test_the_command_line_never_shows_a_traceback(tmp_path: Path) -> None:
    """Every corpus file through the real ``jobtracker import``, one process per file."""
    db = tmp_path / "data" / "db.sqlite3"
    env = {**os.environ, "JOBTRACKER_DB": str(db)}
    outcomes = {}
    for path in sorted(BAD.iterdir()):
        run = subprocess.run(
            [sys.executable, "-m", "jobtracker", "import", str(path), "--dry-run"],
            capture_output=True, text=True, env=env, timeout=60, check=False,
        )  # fmt: skip
        assert "Traceback" not in run.stderr + run.stdout, (path.name, run.stderr)
        outcomes[path.name] = run.returncode
    # a dry run only checks a backup's shape; its broken reference shows when restoring
    assert {name for name, code in outcomes.items() if code == 0} == set(WARNED) | {
        "backup_missing_reference.json"
    }
    assert all(code in (0, 1) for code in outcomes.values()), outcomes


def test_a_bundle_is_told_apart_from_a_table_by_its_zip_end_record(tmp_path: Path) -> None:
    """Whatever its name or the length of its comment, a zip is a bundle; a table that
    merely mentions the zip signature early on is not."""
    import zipfile

    from jobtracker.domain.transfer.service import ZIP_END_SIGNATURE, is_bundle_file

    for comment in (b"", b"x" * 65_535):
        archive = tmp_path / f"bundle-{len(comment)}.csv"
        with zipfile.ZipFile(archive, "w") as out:
            out.writestr("backup.json", "{}")
            out.comment = comment
        assert is_bundle_file(archive)
    table = tmp_path / "table.csv"
    table.write_bytes(b"Company,Role\r\n" + ZIP_END_SIGNATURE + b",x\r\n" + b"A,B\r\n" * 20_000)
    assert not is_bundle_file(table)
    mentions = tmp_path / "short.csv"
    mentions.write_bytes(b"Company,Role\r\nPK\x05\x06,x\r\n")
    assert not is_bundle_file(mentions)
    assert not is_bundle_file(tmp_path / "missing.csv")
