"""From a page's HTML to a captured posting, best source first.

JSON-LD ``JobPosting`` (what most job boards embed), then microdata, then OpenGraph and the
page's title and main text (each such field marked as a guess). A page that holds none of
them says why in one sentence: built by scripts in the browser, behind a login, or no posting.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import urldefrag

from jobtracker.domain.capture.errors import CaptureError
from jobtracker.domain.capture.html_text import element_text
from jobtracker.domain.capture.jsonld import job_postings
from jobtracker.domain.capture.microdata import microdata_postings
from jobtracker.domain.capture.posting import CapturedPosting
from jobtracker.domain.capture.schema import read_job_posting
from jobtracker.domain.capture.title import split_title

#: a page whose readable text is shorter than this holds no posting of its own
MIN_PAGE_TEXT = 200
_SCRIPT_ROOTS = (
    '//*[@id="root" or @id="app" or @id="__next" or @id="__nuxt"] | //*[@data-reactroot] '
    "| //app-root"
)
_NOT_CONTENT = "//script | //style | //noscript | //template | //svg | //nav | //header | //footer"
_NO_POSTING = "No job posting was found on this page; paste the posting's text instead."


def parse(markup: str) -> Any:
    """The page as an lxml tree (broken markup mended as browsers do); raises CaptureError
    for a page with nothing in it."""
    from lxml import etree, html  # type: ignore[import-untyped]

    if not markup.strip():
        raise CaptureError("no-posting", _NO_POSTING)
    try:
        return html.document_fromstring(markup)
    except ValueError:  # text that declares its own encoding: let the parser read it
        return html.document_fromstring(markup.encode("utf-8"))
    except etree.ParserError as exc:
        raise CaptureError("no-posting", _NO_POSTING) from exc


def extract(markup: str, url: str = "") -> CapturedPosting:
    """The posting on a page at ``url``; raises CaptureError when there is none to read."""
    tree = parse(markup)
    blocks = [node.text or "" for node in tree.iter("script") if _is_json_ld(node.get("type"))]
    postings, notes = job_postings(blocks)
    if postings:
        return _best(postings, "json-ld", url, notes)
    postings = microdata_postings(tree)
    if postings:
        return _best(postings, "microdata", url, notes)
    return _from_page(tree, url, notes)


def _is_json_ld(kind: str | None) -> bool:
    return "ld+json" in (kind or "").lower()


def _best(
    postings: list[dict[str, Any]], source: str, url: str, notes: list[str]
) -> CapturedPosting:
    """The posting whose own link is the page's, else the first, saying how many there were."""
    page = urldefrag(url)[0].rstrip("/")
    chosen = next(
        (p for p in postings if isinstance(p.get("url"), str) and p["url"].rstrip("/") == page),
        postings[0],
    )
    posting = read_job_posting(chosen, source)
    if len(postings) > 1:
        notes = [*notes, f"The page lists {len(postings)} postings; this is "
                         f"{posting.role or 'the first'}."]  # fmt: skip
    return replace(posting, notes=tuple(notes)).with_url(url)


def _meta(tree: Any, *names: str) -> str:
    for name in names:
        for content in tree.xpath("//meta[@property=$n or @name=$n]/@content", n=name):
            if str(content).strip():
                return str(content).strip()
    return ""


def _from_page(tree: Any, url: str, notes: list[str]) -> CapturedPosting:
    title = _meta(tree, "og:title", "twitter:title") or " ".join(
        str(tree.findtext(".//title") or "").split()
    )
    has_scripts = bool(tree.xpath("//script"))
    has_login = bool(tree.xpath('//input[@type="password"]'))
    script_root = bool(tree.xpath(_SCRIPT_ROOTS))
    for node in tree.xpath(_NOT_CONTENT):
        node.drop_tree()
    main = next(iter(tree.xpath('//main | //article | //*[@role="main"]')), None)
    text = element_text(main if main is not None else tree)
    if has_login and len(text) < 4 * MIN_PAGE_TEXT:
        raise CaptureError("login", "This page asks you to sign in before it shows the "
                           "posting; paste the posting's text instead.")  # fmt: skip
    if len(text) < MIN_PAGE_TEXT and (has_scripts or script_root):
        raise CaptureError("script-rendered", "This page builds the posting in the browser "
                           "with scripts, so it cannot be read here; paste the posting's "
                           "text instead.")  # fmt: skip
    if not title and len(text) < MIN_PAGE_TEXT:
        raise CaptureError("no-posting", _NO_POSTING)
    role, company = split_title(title)
    company = _meta(tree, "og:site_name", "application-name") or company
    description = text or _meta(tree, "og:description", "description")
    guessed = {name for name, value in (("role", role), ("company", company)) if value}
    return CapturedPosting(
        source="opengraph",
        company=company,
        role=role,
        url=_meta(tree, "og:url") or url,
        description=description,
        guesses=frozenset(guessed),
        notes=(*notes, "No structured posting data on the page: check the guessed fields."),
    )
