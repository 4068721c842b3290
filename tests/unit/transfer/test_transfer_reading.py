"""Decoding and splitting: the encodings and delimiters spreadsheets really write."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from jobtracker.domain.transfer.problems import ImportFileError
from jobtracker.domain.transfer.reading import column_letter, parse_table, read_table

ROWS = [["Company", "Role", "Location"], ["Café Lumière", "Développeur", "Zürich"]]


def _text(delimiter: str) -> str:
    return "\r\n".join(delimiter.join(row) for row in ROWS) + "\r\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (_text(",").encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF8 + _text(",").encode("utf-8"), "UTF-8 with BOM"),
        (_text("\t").encode("utf-16"), "UTF-16"),  # Excel's "Unicode text": BOM, tabs
        (codecs.BOM_UTF16_BE + _text(";").encode("utf-16-be"), "UTF-16"),
        (_text(";").encode("cp1252"), "Windows-1252"),
    ],
)
def test_encodings_are_detected_and_decoded(data: bytes, encoding: str) -> None:
    table = parse_table(data, "file.csv")
    assert table.encoding == encoding
    assert table.headers == ROWS[0]
    assert table.rows == [(2, ROWS[1])]


@pytest.mark.parametrize(("delimiter", "name"), [(",", "comma"), (";", "semicolon"), ("\t", "tab")])
def test_delimiters_are_detected(delimiter: str, name: str) -> None:
    assert parse_table(_text(delimiter).encode(), "f.csv").delimiter == delimiter


def test_delimiter_inside_quotes_does_not_fool_detection() -> None:
    data = b'Company;Role;Salary\n"Acme, Inc.";Engineer;"50,000"\n"Globex, Ltd";Analyst;1\n'
    table = parse_table(data, "f.csv")
    assert table.delimiter == ";"
    assert table.rows[0][1] == ["Acme, Inc.", "Engineer", "50,000"]


def test_row_numbers_match_the_spreadsheet_across_blank_and_multiline_rows() -> None:
    data = b'Company,Notes\nAcme,"two\r\nlines"\n,\nGlobex,x\n'
    table = parse_table(data, "f.csv")
    assert [number for number, _ in table.rows] == [2, 4]
    assert table.rows[0][1][1] == "two\nlines"


def test_unnamed_columns_are_named_by_letter() -> None:
    table = parse_table(b"Company,,Role\nAcme,x,Engineer\n", "f.csv")
    assert table.headers == ["Company", "Column B", "Role"]
    assert table.notes == ["Column B has no name in the header row."]


def test_a_huge_cell_is_refused_with_its_row(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    path.write_text("Company,Role\nAcme,Engineer\nGlobex," + "x" * 300_000 + "\n")
    with pytest.raises(ImportFileError, match=r"row 3: a cell is longer than 200,000"):
        read_table(path)


def test_a_very_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "very-large.csv"
    with path.open("wb") as handle:
        handle.truncate(60 * 1024 * 1024)  # sparse: no disk used
    with pytest.raises(ImportFileError, match=r"is 60 MB; the largest file .* is 50 MB"):
        read_table(path)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="There is no file at"):
        read_table(tmp_path / "nope.csv")


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A", "Z", "AA", "AB", "ZZ", "AAA",
    ]  # fmt: skip
