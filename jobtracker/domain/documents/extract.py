"""Text of a stored document, for search: PDF (pypdf), DOCX (python-docx), ODT, plain text.

Pure and thread-safe (no database): the window runs it in a worker. The readers load on
first use. A file whose text cannot be read (encrypted, damaged, an image) still is a
document: the extraction says why it was skipped.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from jobtracker.text import fold

#: text kept per document: far more than any resume, a bound for a 50 MB report
MAX_TEXT_CHARS = 2_000_000
DONE = "done"
SKIPPED = "skipped"


class Extraction(NamedTuple):
    state: str
    text: str = ""
    note: str = ""
    #: the text case- and accent-folded for search, made here so a long text is folded in
    #: the worker, not on the thread that writes it
    folded: str = ""


def _pdf_text(path: Path) -> Extraction:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            return Extraction(SKIPPED, note="encrypted PDF: its text was not read")
        pages = []
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            if sum(map(len, pages)) > MAX_TEXT_CHARS:
                break
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        return Extraction(SKIPPED, note=f"damaged PDF: its text could not be read ({exc})"[:200])
    return Extraction(DONE, "\n".join(pages))


def _docx_text(path: Path) -> Extraction:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        return Extraction(SKIPPED, note=f"damaged DOCX: its text could not be read ({exc})"[:200])
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return Extraction(DONE, "\n".join(parts))


def _odt_text(path: Path) -> Extraction:
    """An OpenDocument text is a zip whose content.xml holds the words."""
    from xml.etree import ElementTree

    try:
        with zipfile.ZipFile(path) as archive:
            root = ElementTree.fromstring(archive.read("content.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        return Extraction(SKIPPED, note=f"damaged ODT: its text could not be read ({exc})"[:200])
    return Extraction(DONE, " ".join(root.itertext()))


def _plain_text(path: Path) -> Extraction:
    with path.open("rb") as handle:
        data = handle.read(MAX_TEXT_CHARS * 4)
    return Extraction(DONE, data.decode("utf-8", errors="replace"))


_READERS: dict[str, Callable[[Path], Extraction]] = {
    ".pdf": _pdf_text,
    ".docx": _docx_text,
    ".odt": _odt_text,
    ".txt": _plain_text,
    ".md": _plain_text,
    ".markdown": _plain_text,
    ".text": _plain_text,
}


def extract_text(path: Path, original_name: str) -> Extraction:
    """The text of ``path``, read by the type its ``original_name`` says it is."""
    reader = _READERS.get(Path(original_name).suffix.lower())
    if reader is None:
        return Extraction(SKIPPED, note="no text is read from this kind of file")
    try:
        found = reader(path)
    except OSError as exc:
        return Extraction(SKIPPED, note=f"the stored file could not be read ({exc.strerror})")
    text = found.text[:MAX_TEXT_CHARS]
    return found._replace(text=text, folded=fold(text))
