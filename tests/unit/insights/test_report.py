"""The proof-of-search report through the command line: PDF (read back with pypdf, drawn
with pdftoppm) and CSV, on the locale's paper."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from fixtures.scripted_search import run_cli as jobtracker
from pypdf import PdfReader

PERIOD = ("--since", "2026-02-23", "--until", "2026-03-08")


def test_pdf_lists_the_period_in_date_order(search_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "record.pdf"
    result = jobtracker(search_db, "report", *PERIOD, "-o", str(out), lang="de_DE.UTF-8")
    assert result.returncode == 0, result.stderr
    assert "5 applications" in result.stderr
    assert out.stat().st_mode & 0o777 == 0o600
    reader = PdfReader(out)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Ada Lovelace" in text
    assert "23 February 2026 to 8 March 2026" in text
    # B (applied 17 Feb, rejected 5 Mar), then C, D, E (23-25 Feb), F (3 Mar); A closed
    # before the period, G and H sent after it
    order = [text.find(f"Company {letter}") for letter in "BCDEF"]
    assert -1 not in order and order == sorted(order), text
    assert "Company A" not in text and "Company G" not in text and "Company H" not in text
    assert "Grace Hopper (recruiter)" in text
    assert "2026-03-05" in text  # B's outcome date
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape


def test_us_locale_prints_on_letter(search_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "record.pdf"
    assert jobtracker(search_db, "report", "-o", str(out), lang="en_US.UTF-8").returncode == 0
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (792, 612)


def test_pdftoppm_draws_the_page(search_db: Path, tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdftoppm (poppler-utils) is missing")
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    out = tmp_path / "record.pdf"
    assert jobtracker(search_db, "report", *PERIOD, "-o", str(out)).returncode == 0
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")],
        check=True, timeout=60,
    )  # fmt: skip
    (page,) = tmp_path.glob("page*.png")
    assert page.stat().st_size > 5_000


def test_csv_has_the_same_rows(search_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "record.csv"
    assert jobtracker(search_db, "report", *PERIOD, "-o", str(out)).returncode == 0
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:3] == ["Applied on", "Company", "Role"]
    assert [r[1] for r in rows[1:]] == [f"Company {x}" for x in "BCDEF"]
    assert rows[1][6:] == ["Rejected", "Rejected", "2026-03-05"]
    assert rows[2][6:] == ["Applied", "", ""]


def test_an_empty_period_says_so(search_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    result = jobtracker(search_db, "report", "--since", "2025-01-01", "--until", "2025-01-31",
                        "-o", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "No application was sent or under way in this period." in text


def test_bad_period_and_folder_are_refused(search_db: Path, tmp_path: Path) -> None:
    result = jobtracker(search_db, "report", "--since", "2026-03-08", "--until", "2026-02-01",
                        "-o", str(tmp_path / "x.pdf"))  # fmt: skip
    assert result.returncode == 1 and "--since 2026-03-08 is after --until" in result.stderr
    result = jobtracker(search_db, "report", "-o", str(tmp_path / "nowhere" / "x.pdf"))
    assert result.returncode == 1 and "There is no folder" in result.stderr
    assert jobtracker(search_db, "stats", "--since", "March").returncode == 2
