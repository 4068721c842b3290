"""Text folding shared by search and storage: case- and accent-insensitive matching."""

from __future__ import annotations

import unicodedata


def counted(count: int, singular: str, plural: str = "") -> str:
    """ "1 duplicate", "2 duplicates": a count with its noun in the right number (``plural``
    for nouns that do not just take an s)."""
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents, so "Café Zürich" matches "cafe zurich"."""
    if text.isascii():  # nothing to decompose
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_text(*parts: str) -> str:
    """The folded, space-joined haystack a search query is matched against."""
    return fold(" ".join(part for part in parts if part))


def matches_query(haystack: str, query: str) -> bool:
    """Every word of ``query`` appears, folded, in the folded ``haystack`` (in any order)."""
    return all(word in haystack for word in fold(query).split())
