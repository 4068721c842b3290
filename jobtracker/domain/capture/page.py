"""One capture from a link: fetch the page, read its posting, keep the link asked for."""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from jobtracker.domain.capture.extract import extract
from jobtracker.domain.capture.fetch import DEFAULT_TIMEOUT, fetch
from jobtracker.domain.capture.posting import CapturedPosting


class PageCapture(NamedTuple):
    """The posting read from a page and the page's HTML, to keep beside it."""

    posting: CapturedPosting
    html: str


def capture_link(url: str, *, timeout: float = DEFAULT_TIMEOUT) -> PageCapture:
    """Fetch ``url`` and read its posting; raises CaptureError saying why not.

    The application keeps the link the person gave (a redirect's target or the page's own
    canonical link may be a tracking or listing address they never saw).
    """
    page = fetch(url, timeout=timeout)
    posting = extract(page.text, page.final_url)
    return PageCapture(replace(posting, url=page.url), page.text)
