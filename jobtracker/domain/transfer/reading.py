"""Turning a CSV file from any spreadsheet or tracker into a header and rows of text.

Handles the encodings spreadsheets really write (UTF-8 with or without a BOM, UTF-16 with a
BOM as Excel's "Unicode text", Windows-1252 as a fallback) and the delimiters they use
(comma, semicolon, tab). Anything that is not a table is refused with a message saying what
the file looks like instead, before anything is written.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from jobtracker.domain.transfer.problems import ImportFileError
from jobtracker.text import fold

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_CELL_CHARS = 200_000
DELIMITERS = (",", ";", "\t")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
_SAVE_AS_CSV = "In your spreadsheet choose Save As (or Download) > CSV, then import that file."
_MAGIC = (
    (b"PK\x03\x04", "an Excel workbook or another ZIP file", _SAVE_AS_CSV),
    (b"\xd0\xcf\x11\xe0", "an old Excel (.xls) or Word file", _SAVE_AS_CSV),
    (b"%PDF", "a PDF document", "Import the spreadsheet the data came from, saved as CSV."),
    (b"\x89PNG", "a PNG image", "Import a CSV file."),
    (b"\xff\xd8\xff", "a JPEG image", "Import a CSV file."),
    (b"SQLite format 3\x00", "a SQLite database",
     "If it is a jobtracker backup, use 'jobtracker restore FILE'."),
)  # fmt: skip


@dataclass(slots=True)
class Table:
    """A decoded CSV file: its header cells and its records, numbered as a spreadsheet does."""

    headers: list[str]
    #: (spreadsheet row number, cells); blank records are left out, their numbers kept
    rows: list[tuple[int, list[str]]]
    encoding: str
    delimiter: str
    notes: list[str] = field(default_factory=list)


def column_letter(index: int) -> str:
    """The spreadsheet name of a 0-based column index: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def read_table(path: Path) -> Table:
    """Read and decode ``path``; raises ImportFileError naming the file and the problem."""
    path = Path(path)
    if not path.is_file():
        raise ImportFileError(f"There is no file at {path}.")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ImportFileError(
            f"{path.name} is {size / 1024 / 1024:.0f} MB; the largest file jobtracker imports "
            f"is {MAX_FILE_BYTES // 1024 // 1024} MB. Split it into smaller files."
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"{path.name} cannot be read: {exc.strerror or exc}.") from exc
    return parse_table(data, path.name)


def parse_table(data: bytes, name: str) -> Table:
    """Decode and split ``data`` (the bytes of a file called ``name``)."""
    text, encoding = decode(data, name)
    if not text.strip():
        raise ImportFileError(f"{name} is empty: there is no header row and no data.")
    delimiter = detect_delimiter(text)
    records = _records(text, delimiter, name)
    filled = (i for i, cells in enumerate(records) if any(c.strip() for c in cells))
    header_index = next(filled, None)
    if header_index is None:
        raise ImportFileError(f"{name} has no header row: every cell is empty.")
    headers = [cell.strip() for cell in records[header_index]]
    notes = _check_headers(headers, name)
    #: a line break inside a cell is always quoted: a file without quotes has none
    breaks = "\r" in text and '"' in text
    rows = [
        (number + 1, [_one_newline(cell) for cell in cells] if breaks else cells)
        for number, cells in enumerate(records)
        if number > header_index and "".join(cells).strip()
    ]
    if not rows:
        raise ImportFileError(f"{name} has a header row but no rows of data.")
    return Table(headers, rows, encoding, delimiter, notes)


def _one_newline(cell: str) -> str:
    """Line breaks inside a cell as \\n, whatever the file's own line endings."""
    return cell.replace("\r\n", "\n").replace("\r", "\n") if "\r" in cell else cell


def decode(data: bytes, name: str) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was read as."""
    for magic, what, advice in _MAGIC:
        if data.startswith(magic):
            raise ImportFileError(f"{name} looks like {what}, not a CSV file. {advice}")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", "UTF-8 with BOM", name), "UTF-8 with BOM"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", "UTF-16", name), "UTF-16"
    if b"\x00" in data:
        raise ImportFileError(
            f"{name} looks like a binary file, not CSV text (it contains NUL bytes). "
            "Export your data as CSV and import that file."
        )
    try:
        text, encoding = data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                f"{name} is neither UTF-8 nor Windows-1252 text (byte {exc.start:,} is "
                f"0x{data[exc.start]:02x}). Save it from your spreadsheet as CSV UTF-8."
            ) from exc
    _refuse_control_characters(text, name)
    return text, encoding


def _strict(data: bytes, codec: str, label: str, name: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"{name} starts with a {label} byte-order mark but is not valid {label} "
            f"(at byte {exc.start:,}). Save it again from your spreadsheet as CSV UTF-8."
        ) from exc
    _refuse_control_characters(text, name)
    return text


def _refuse_control_characters(text: str, name: str) -> None:
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    if controls > max(8, len(sample) // 100):
        raise ImportFileError(
            f"{name} looks like a binary file, not CSV text ({controls:,} control characters "
            "in its first 64 KB). Export your data as CSV and import that file."
        )


def detect_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the header line decides when only one of them occurs in it;
    otherwise csv.Sniffer (restricted to those three); otherwise the most frequent one."""
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    counts = {d: first_line.count(d) for d in DELIMITERS}
    present = [d for d, n in counts.items() if n]
    if len(present) == 1:
        return present[0]
    try:
        return csv.Sniffer().sniff(text[:16384], delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        best = max(DELIMITERS, key=lambda d: counts[d])
        return best if counts[best] else ","


def _records(text: str, delimiter: str, name: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    records: list[list[str]] = []
    previous = csv.field_size_limit(MAX_CELL_CHARS)
    try:
        for cells in reader:
            records.append(cells)
    except csv.Error as exc:
        row = len(records) + 1
        if "field larger than field limit" in str(exc):
            raise ImportFileError(
                f"{name}, row {row}: a cell is longer than {MAX_CELL_CHARS:,} characters "
                "(often a quote that is never closed). Check that row in your spreadsheet."
            ) from exc
        raise ImportFileError(f"{name}, row {row}: this is not valid CSV ({exc}).") from exc
    finally:
        csv.field_size_limit(previous)
    swallowed = records and any("\n" in cell or "\r" in cell for cell in records[-1])
    if swallowed and text.count('"') % 2:
        raise ImportFileError(
            f'{name}, row {len(records)}: a quote (") opened in this row is never closed, so '
            "the rest of the file reads as one cell. Check that row in your spreadsheet."
        )
    return records


def _check_headers(headers: list[str], name: str) -> list[str]:
    """Refuse duplicate column names; name unnamed columns after their letter."""
    notes = []
    seen: dict[str, int] = {}
    for index, header in enumerate(headers):
        if not header:
            headers[index] = f"Column {column_letter(index)}"
            notes.append(f"Column {column_letter(index)} has no name in the header row.")
            continue
        key = fold(header)
        if key in seen:
            first = seen[key]
            raise ImportFileError(
                f"{name}: columns {column_letter(first)} and {column_letter(index)} are both "
                f"named {header!r}. Rename one of them in the header row and import again."
            )
        seen[key] = index
    return notes
