"""The ``jobtracker://capture?url=...`` link a browser bookmarklet opens, and the
bookmarklet itself."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from jobtracker.domain.capture.errors import CaptureError

SCHEME = "jobtracker"
#: a bookmark whose address is this sends the open page's link to jobtracker
BOOKMARKLET = (
    "javascript:void(location.href='jobtracker://capture?url='+encodeURIComponent(location.href))"
)


def is_app_link(argument: str) -> bool:
    """True for a ``jobtracker:`` link (what the desktop hands the command as ``%u``)."""
    return argument.lower().startswith(f"{SCHEME}:")


def capture_target(link: str) -> str:
    """The web link a ``jobtracker://capture?url=...`` link asks to capture; raises
    CaptureError for any other jobtracker link."""
    from jobtracker.domain.capture.fetch import check_url  # its HTTP modules: only for a link

    parts = urlsplit(link.strip())
    action = (parts.netloc or parts.path.strip("/")).lower()
    urls = parse_qs(parts.query).get("url", [])
    if parts.scheme.lower() != SCHEME or action != "capture" or len(urls) != 1:
        raise CaptureError("bad-url", f"{link[:200]!r} is not a capture link (expected "
                           "jobtracker://capture?url=...).")  # fmt: skip
    return check_url(urls[0])
