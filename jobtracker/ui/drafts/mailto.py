"""``mailto:`` links (RFC 6068) that hand a draft to the person's email app.

Pure Python, so the command line and tests can build the same link the window opens.
"""

from __future__ import annotations

from urllib.parse import parse_qs, quote, unquote, urlsplit

#: RFC 6068 section 5: line breaks in a body are CRLF, percent-encoded
_CRLF = "\r\n"


def _encode(text: str, safe: str = "") -> str:
    return quote(text, safe=safe, encoding="utf-8", errors="strict")


def mailto_url(to: str, subject: str, body: str) -> str:
    """The link for one message; every character outside the unreserved set is encoded."""
    body = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", _CRLF)
    fields = [f"subject={_encode(subject)}", f"body={_encode(body)}"]
    return f"mailto:{_encode(to.strip(), safe='@')}?" + "&".join(fields)


def parse_mailto(url: str) -> tuple[str, str, str]:
    """``(to, subject, body)`` from a link, body lines joined with ``\\n`` again."""
    parts = urlsplit(url)
    if parts.scheme != "mailto":
        raise ValueError(f"not a mailto: link: {url[:40]!r}")
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=False)
    subject = query.get("subject", [""])[0]
    body = query.get("body", [""])[0].replace(_CRLF, "\n")
    return unquote(parts.path), subject, body
