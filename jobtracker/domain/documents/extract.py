"""Text of a stored document, for search: PDF (pypdf), DOCX and ODT (their XML, with the
standard library), plain text.

Pure and thread-safe (no database): the window runs it in a worker. The readers load on
first use. A file whose text cannot be read (encrypted, damaged, an image) still is a
document: the extraction says why it was skipped.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from jobtracker.text import fold

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

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


_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ODF_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
#: a document's XML past this when unpacked is no resume (a zip bomb): its text is skipped
MAX_XML_BYTES = 100 * 1024 * 1024


def _zipped_xml(path: Path, member: str, kind: str) -> Element | Extraction:
    """The parsed XML part of an Office Open XML or OpenDocument file, or why not."""
    from xml.etree import ElementTree

    try:
        with zipfile.ZipFile(path) as archive:
            if archive.getinfo(member).file_size > MAX_XML_BYTES:
                return Extraction(SKIPPED, note=f"{kind}: its text is too large to read")
            return ElementTree.fromstring(archive.read(member))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        return Extraction(SKIPPED, note=f"damaged {kind}: its text could not be read ({exc})"[:200])


def _docx_text(path: Path) -> Extraction:
    """Word's text is in word/document.xml: paragraphs (tables' cells hold paragraphs too)
    of text runs. Read with the standard library, which keeps the packaged app small."""
    root = _zipped_xml(path, "word/document.xml", "DOCX")
    if isinstance(root, Extraction):
        return root
    paragraphs = (
        "".join(run.text or "" for run in paragraph.iter(f"{_WORD}t"))
        for paragraph in root.iter(f"{_WORD}p")
    )
    return Extraction(DONE, "\n".join(paragraphs))


def _odt_text(path: Path) -> Extraction:
    """An OpenDocument text is a zip whose content.xml holds the words."""
    root = _zipped_xml(path, "content.xml", "ODT")
    if isinstance(root, Extraction):
        return root
    tags = (f"{_ODF_TEXT}p", f"{_ODF_TEXT}h")
    return Extraction(DONE, "\n".join("".join(e.itertext()) for e in root.iter() if e.tag in tags))


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
