"""HTML to readable text, through html2text (loaded on first use)."""

from __future__ import annotations

import re

_BLANK_RUNS = re.compile(r"\n{3,}")
_HEADING_MARKS = re.compile(r"^#{1,6}\s+", re.MULTILINE)


def html_to_text(markup: str) -> str:
    """Readable plain text of an HTML fragment: paragraphs, lists as "* item", no markup.

    Plain text (no tag at all) is returned as it is, tidied.
    """
    if "<" not in markup:
        return _tidy(markup)
    import html2text

    converter = html2text.HTML2Text(bodywidth=0)
    converter.ignore_images = True
    converter.ignore_emphasis = True
    converter.ignore_links = True
    converter.ignore_tables = True
    converter.unicode_snob = True
    converter.ul_item_mark = "•"
    return _tidy(_HEADING_MARKS.sub("", converter.handle(markup)))


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()
