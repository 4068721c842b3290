"""Fetching the one page a person asked to capture, with the limits a desktop app owes them.

Plain ``urllib`` (no cookie jar is installed, so none is sent or kept), a clear User-Agent,
a time limit for the whole fetch, a size cap read as the bytes arrive, at most a few
redirects, and only HTML accepted. Every failure is a :class:`CaptureError` in one sentence.
Blocking: the window calls it from a worker thread.
"""

from __future__ import annotations

import re
import socket
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from http.client import HTTPResponse
from urllib.parse import urlsplit

from jobtracker import __version__
from jobtracker.domain.capture.errors import CaptureError

USER_AGENT = f"jobtracker/{__version__} (desktop job-search organizer; fetches one page on request)"
DEFAULT_TIMEOUT = 30.0
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class FetchedPage:
    """A page as it arrived: where it ended up after redirects, its text and raw bytes."""

    url: str
    final_url: str
    content_type: str
    data: bytes
    text: str


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 2


def check_url(url: str) -> str:
    """The URL, trimmed; raises CaptureError unless it is an http(s) link with a host."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise CaptureError("bad-url", f"{url!r} is not a web link (it should start with "
                           "https:// or http://).")  # fmt: skip
    return url


def fetch(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = MAX_BYTES) -> FetchedPage:
    """GET ``url`` and return the page; raises CaptureError saying what went wrong."""
    url = check_url(url)
    host = urlsplit(url).hostname or url
    opener = urllib.request.build_opener(_LimitedRedirects())
    request = urllib.request.Request(
        url,
        headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9"},
    )
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            content_type = response.headers.get_content_type() if response.headers else ""
            _check_type(content_type, response.headers.get("Content-Type", ""))
            data = _read_capped(response, max_bytes, deadline, host, timeout)
            final_url = response.geturl()
            headers = response.headers
    except CaptureError:
        raise
    except urllib.error.HTTPError as exc:
        raise _http_error(exc) from None
    except urllib.error.URLError as exc:
        raise _url_error(exc.reason, host, timeout) from None
    except TimeoutError as exc:
        raise _stalled(host, timeout) from exc
    except (ssl.SSLError, ssl.CertificateError) as exc:
        raise _url_error(exc, host, timeout) from None
    except (ConnectionError, OSError) as exc:
        raise CaptureError("unreachable", f"The connection to {host} broke off "
                           f"({exc.__class__.__name__}); try again.") from None  # fmt: skip
    return FetchedPage(url, final_url, content_type, data, _decode(data, headers))


def _check_type(content_type: str, raw: str) -> None:
    if content_type in _HTML_TYPES or (content_type.endswith("+xml") and "html" in content_type):
        return
    if content_type == "application/pdf":
        what = "a PDF file"
    elif content_type.startswith("image/"):
        what = "an image"
    else:
        what = f"{raw or content_type}, not a web page"
    raise CaptureError("not-html", f"The link leads to {what}; save it and drop the file on "
                       "the window, or paste the posting's text instead.")  # fmt: skip


def _read_capped(
    response: HTTPResponse, max_bytes: int, deadline: float, host: str, timeout: float
) -> bytes:
    """The body, refused as soon as it passes ``max_bytes`` or the whole fetch's time."""
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise _too_large(max_bytes)
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(max_bytes)
        if time.monotonic() > deadline:
            raise _stalled(host, timeout)
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(data: bytes, headers: Message) -> str:
    charset = headers.get_content_charset() or ""
    if not charset:
        found = _META_CHARSET.search(data[:4096])
        charset = found.group(1).decode("ascii") if found else "utf-8"
    try:
        return data.decode(charset, errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def _too_large(max_bytes: int) -> CaptureError:
    return CaptureError("too-large", f"The page is larger than {max_bytes // (1024 * 1024)} MB, "
                        "far more than a job posting; it was not kept.")  # fmt: skip


def _stalled(host: str, timeout: float) -> CaptureError:
    return CaptureError("timeout", f"{host} stopped answering (no page after {timeout:g} "
                        "seconds); try again later.")  # fmt: skip


def _http_error(exc: urllib.error.HTTPError) -> CaptureError:
    if 300 <= exc.code < 400:
        return CaptureError("redirects", "The page redirects in a loop (or too many times) "
                            "and never arrives.")  # fmt: skip
    if exc.code in (404, 410):
        return CaptureError("http", f"The page is not there (HTTP {exc.code}): the posting may "
                            "have been taken down; check the link.")  # fmt: skip
    if exc.code in (401, 403):
        return CaptureError("login", f"The site refused to show the page (HTTP {exc.code}); "
                            "paste the posting's text instead.")  # fmt: skip
    return CaptureError("http", f"The site answered with an error (HTTP {exc.code} "
                        f"{exc.reason}); try again later.")  # fmt: skip


def _url_error(reason: object, host: str, timeout: float) -> CaptureError:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return _stalled(host, timeout)
    if isinstance(reason, (ssl.SSLError, ssl.CertificateError)):
        detail = getattr(reason, "verify_message", "") or getattr(reason, "reason", "") or reason
        return CaptureError("tls", f"The secure connection to {host} could not be trusted "
                            f"({detail}); nothing was fetched.")  # fmt: skip
    if isinstance(reason, socket.gaierror):
        return CaptureError("unreachable", f"{host} could not be found; check the link and "
                            "your connection.")  # fmt: skip
    return CaptureError("unreachable", f"{host} could not be reached ({reason}); check the "
                        "link and your connection.")  # fmt: skip
