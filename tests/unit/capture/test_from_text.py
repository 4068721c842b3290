"""Capture from pasted text and dropped files: the text kept, plain statements guessed."""

from __future__ import annotations

from pathlib import Path

import pytest
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
    pdf = tmp_path / "posting.pdf"
    pdf.write_bytes(_pdf_with_text("Plumber at Mario Bros - Location: Brooklyn"))
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


def _pdf_with_text(text: str) -> bytes:
    """A one-page PDF showing ``text`` in Helvetica, written by hand (offsets computed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out
