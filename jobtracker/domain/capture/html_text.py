"""HTML to readable text, through html-text (lxml; loaded on first use): paragraphs and
list items on lines of their own, scripts and styles left out, no markup."""

from __future__ import annotations

import re

_BLANK_RUNS = re.compile(r"\n{3,}")


def html_to_text(markup: str) -> str:
    """Readable plain text of an HTML fragment; plain text (no tag) is returned tidied."""
    if "<" not in markup:
        return _tidy(markup)
    import html_text

    return _tidy(html_text.extract_text(markup))


def element_text(element: object) -> str:
    """Readable plain text of an already parsed lxml element."""
    import html_text

    return _tidy(html_text.extract_text(element))  # type: ignore[arg-type, unused-ignore]


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()
