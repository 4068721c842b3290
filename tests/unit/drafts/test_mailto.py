"""mailto: links decode back to exactly the fields they were built from (RFC 6068)."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobtracker.ui.drafts.mailto import mailto_url, parse_mailto

LONG_BODY = "\n".join(f"Line {n}: naïve café & co? #{n} 100% = ok" for n in range(80))[:3000]

CASES = {
    "unicode": ("jonas.weber@example.com", "Merci — Zürich 日本 🎉", "Grüße,\nChloé ✓"),
    "ampersand and friends": ("a@example.com", "Q&A? #1 = 100%", "a&b=c?d#e+f%20g;h/i"),
    "newlines": ("a@example.com", "Thanks", "Hi Jonas,\n\nThank you.\n\nBest,\nAlex"),
    "3000 characters": ("a@example.com", "Long one", LONG_BODY),
    "empty recipient": ("", "Subject only", "Body"),
}


@pytest.mark.parametrize("fields", CASES.values(), ids=CASES.keys())
def test_the_link_decodes_back_to_the_same_fields(fields: tuple[str, str, str]) -> None:
    url = mailto_url(*fields)
    assert parse_mailto(url) == fields


def test_the_link_is_plain_ascii_with_crlf_line_breaks_and_no_raw_separators() -> None:
    url = mailto_url("a@example.com", "Q&A? #1", "one\ntwo & three")
    assert url.isascii() and " " not in url
    query = url.split("?", 1)[1]
    assert query.count("&") == 1 and "#" not in url  # & and # inside fields are encoded
    assert "%0D%0A" in query and not re.search(r"(?<!%0D)%0A", query)
    assert "+" not in query  # a space is %20: mail clients read + literally


def test_a_long_body_is_kept_whole() -> None:
    assert len(LONG_BODY) == 3000
    url = mailto_url("a@example.com", "s", LONG_BODY)
    body = unquote(url.split("body=", 1)[1]).replace("\r\n", "\n")
    assert body == LONG_BODY


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)


@given(to=_TEXT, subject=_TEXT, body=st.text(st.characters(blacklist_categories=("Cs",),
       blacklist_characters="\r"), max_size=3000))  # fmt: skip
def test_any_text_round_trips(to: str, subject: str, body: str) -> None:
    url = mailto_url(to, subject, body)
    assert url.isascii()
    assert parse_mailto(url) == (to.strip(), subject, body)
