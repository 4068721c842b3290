"""Capture from pasted text or a saved file: the text is kept as the description and the
fields it plainly states are filled, each marked as a guess to check."""

from __future__ import annotations

import re
from pathlib import Path

from jobtracker.domain.capture.errors import CaptureError
from jobtracker.domain.capture.html_text import html_to_text
from jobtracker.domain.capture.posting import CapturedPosting
from jobtracker.domain.capture.title import split_title
from jobtracker.domain.capture.values import salary_from_text

#: the largest posting file read (a posting is a few pages; this is not a document store)
MAX_FILE_BYTES = 10 * 1024 * 1024
_LABELS = {
    "role": ("title", "job title", "position", "role", "stelle", "jobtitel"),
    "company": ("company", "employer", "organisation", "organization", "unternehmen", "firma"),
    "location": ("location", "place", "city", "office", "standort", "ort", "arbeitsort"),
    "salary": ("salary", "compensation", "pay", "salary range", "gehalt", "vergütung"),
    "employment_type": ("employment type", "job type", "type", "contract", "anstellungsart"),
}
_LABELLED = re.compile(r"^\s*([A-Za-zÄÖÜäöü][\w .äöüÄÖÜ-]{1,24}?)\s*:\s*(.+?)\s*$")
_EMPLOYMENT_WORDS = (
    ("full-time", "Full-time"), ("full time", "Full-time"), ("vollzeit", "Full-time"),
    ("part-time", "Part-time"), ("part time", "Part-time"), ("teilzeit", "Part-time"),
    ("contract", "Contract"), ("freelance", "Contract"), ("internship", "Internship"),
    ("praktikum", "Internship"), ("temporary", "Temporary"),
)  # fmt: skip
_REMOTE = re.compile(r"\b(remote|work from home|home office|telecommute)\b", re.IGNORECASE)


def from_text(text: str, url: str = "") -> CapturedPosting:
    """A posting from plain text: labelled lines ("Location: Berlin") first, then the first
    short line as the role, salary figures wherever they appear."""
    text = text.strip()
    if not text:
        raise CaptureError("no-posting", "There is no text to capture.")
    found = _labelled(text)
    if "role" not in found:
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        if len(first) <= 120:
            role, company = split_title(first)
            found["role"] = role
            if company and "company" not in found:
                found["company"] = company
    low, high, currency, unit = salary_from_text(found.get("salary", text))
    employment = found.get("employment_type") or _employment(text)
    location = found.get("location", "")
    remote = bool(_REMOTE.search(location or text[:2000]))
    company, role = found.get("company", ""), found.get("role", "")
    values = (company, role, location, employment, low, high)
    names = ("company", "role", "location", "employment_type", "salary_min", "salary_max")
    return CapturedPosting(
        source="text",
        company=company,
        role=role,
        location=location,
        remote=remote,
        employment_type=employment,
        salary_min=low,
        salary_max=high,
        salary_currency=currency,
        salary_unit=unit,
        url=url,
        description=text,
        guesses=frozenset(n for n, v in zip(names, values, strict=True) if v not in ("", None)),
    )


def _labelled(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in text.splitlines()[:80]:
        match = _LABELLED.match(line)
        if not match:
            continue
        label, value = match.group(1).strip().lower(), match.group(2).strip()
        for name, labels in _LABELS.items():
            if label in labels and name not in found:
                found[name] = value
    return found


def _employment(text: str) -> str:
    lowered = text[:4000].lower()
    return next((label for word, label in _EMPLOYMENT_WORDS if word in lowered), "")


def from_file(path: Path) -> CapturedPosting:
    """A dropped .html, .txt or .pdf file of a posting (raises CaptureError saying why not)."""
    from jobtracker.domain.capture.extract import extract

    suffix = path.suffix.lower()
    if suffix not in (".html", ".htm", ".txt", ".pdf"):
        raise CaptureError("not-html", f"{path.name} is not a posting file jobtracker reads "
                           "(.html, .txt or .pdf).")  # fmt: skip
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CaptureError("too-large", f"{path.name} is larger than a job posting could be.")
        data = path.read_bytes()
    except OSError as exc:
        raise CaptureError("unreadable", f"{path.name} could not be read: {exc.strerror}.") from exc
    if suffix == ".pdf":
        return from_text(_pdf_text(data, path.name))
    text = data.decode("utf-8", errors="replace")
    if suffix == ".txt":
        return from_text(text)
    try:
        posting = extract(text)
    except CaptureError:
        return from_text(html_to_text(text))
    # a saved page without structured data: its own text says more than its title
    return from_text(posting.description) if not posting.role else posting


def _pdf_text(data: bytes, name: str) -> str:
    from io import BytesIO

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError) as exc:
        raise CaptureError("unreadable", f"{name} is not a readable PDF ({exc}).") from exc
