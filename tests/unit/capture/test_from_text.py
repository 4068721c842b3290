"""Capture from pasted text and dropped files: the text kept, plain statements guessed."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.documents import make_pdf
from fixtures.job_site import PAGES

from jobtracker.domain.capture.errors import CaptureError
from jobtracker.domain.capture.from_text import from_file, from_text

PASTED = """Senior Accountant
Company: Dunder Mifflin
Location: Scranton, PA (hybrid)
Salary: $65,000 - $72,000 per year

We are a paper company looking for a full-time accountant.
"""


def test_pasted_text_is_kept_and_its_statements_guessed() -> None:
    posting = from_text(PASTED)
    assert posting.description == PASTED.strip()
    assert (posting.role, posting.company, posting.location) == (
        "Senior Accountant",
        "Dunder Mifflin",
        "Scranton, PA (hybrid)",
    )
    assert posting.salary_text == "65,000-72,000 USD a year"
    assert posting.employment_type == "Full-time"
    assert posting.guesses == {
        "role", "company", "location", "employment_type", "salary_min", "salary_max"
    }  # fmt: skip
    assert posting.source == "text"


def test_a_first_line_naming_role_and_company() -> None:
    posting = from_text("Barista at Central Perk\n\nMake coffee. Remote not possible.")
    assert (posting.role, posting.company, posting.remote) == ("Barista", "Central Perk", True)


def test_empty_text_is_refused() -> None:
    with pytest.raises(CaptureError, match="no text"):
        from_text("  \n ")


def test_dropped_files(tmp_path: Path) -> None:
    txt = tmp_path / "posting.txt"
    txt.write_text(PASTED, "utf-8")
    assert from_file(txt).company == "Dunder Mifflin"
    assert from_file(PAGES / "lever.html").company == "Globex"
    page = tmp_path / "plain.html"
    paragraphs = "".join(f"<p>{line}</p>" for line in PASTED.splitlines())
    page.write_text(f"<html><body>{paragraphs}</body></html>", "utf-8")
    assert from_file(page).role == "Senior Accountant"


def test_a_dropped_pdf(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "posting.pdf", ["Plumber at Mario Bros - Location: Brooklyn"])
    posting = from_file(pdf)
    assert (posting.role, posting.company) == ("Plumber", "Mario Bros")
    assert "Brooklyn" in posting.description


def test_files_that_are_not_postings(tmp_path: Path) -> None:
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(CaptureError, match=r"\.html, \.txt or \.pdf"):
        from_file(tmp_path / "photo.jpg")
    (tmp_path / "bad.pdf").write_bytes(b"not a pdf at all")
    with pytest.raises(CaptureError, match="not a readable PDF"):
        from_file(tmp_path / "bad.pdf")
