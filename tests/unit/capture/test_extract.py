"""Extraction from saved pages in the shapes of real job sites, and from loose values."""

from __future__ import annotations

from datetime import date

import pytest
from fixtures.job_site import BROKEN_HTML, EXPECTED, PAGES, SOURCES

from jobtracker.domain.capture.errors import CaptureError
from jobtracker.domain.capture.extract import extract
from jobtracker.domain.capture.posting import CapturedPosting

PAGE_URL = "http://127.0.0.1:8000/jobs/"


def fields_of(posting: CapturedPosting) -> dict[str, object]:
    """The captured fields in the terms of EXPECTED."""
    found: dict[str, object] = {
        "company": posting.company,
        "role": posting.role,
        "location": posting.location_text,
        "employment_type": posting.employment_type,
        "salary": posting.salary_text,
        "date_posted": posting.date_posted and posting.date_posted.isoformat(),
        "valid_through": posting.valid_through and posting.valid_through.isoformat(),
    }
    return {name: value for name, value in found.items() if value}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_site_shape_gives_its_fields(name: str) -> None:
    url = PAGE_URL + name
    markup = (PAGES / f"{name}.html").read_text("utf-8").replace("PAGE_URL", url)
    posting = extract(markup, url)
    expected = dict(EXPECTED[name])
    words = str(expected.pop("words"))
    assert fields_of(posting) == expected
    assert words in posting.description
    assert "<" not in posting.description and "&amp;" not in posting.description
    assert posting.source == SOURCES.get(name, "json-ld")
    assert posting.url == url


def test_several_postings_take_the_pages_own_and_say_so() -> None:
    url = PAGE_URL + "indeed"
    markup = (PAGES / "indeed.html").read_text("utf-8").replace("PAGE_URL", url)
    posting = extract(markup, url)
    assert posting.role == "Warehouse Associate"
    assert any("2 postings" in note for note in posting.notes)
    assert any("not valid JSON" in note and "block 1" in note for note in posting.notes)


def test_opengraph_fields_are_marked_as_guesses() -> None:
    posting = extract((PAGES / "opengraph.html").read_text("utf-8"), PAGE_URL + "og")
    assert posting.guesses == {"company", "role"}
    assert "Home | Jobs" not in posting.description  # navigation is not the posting


@pytest.mark.parametrize(
    ("name", "kind"), [("script_rendered", "script-rendered"), ("login", "login")]
)
def test_pages_without_a_readable_posting_say_why(name: str, kind: str) -> None:
    with pytest.raises(CaptureError) as caught:
        extract((PAGES / f"{name}.html").read_text("utf-8"), PAGE_URL + name)
    assert caught.value.kind == kind
    assert caught.value.paste_instead
    assert "paste the posting's text instead" in str(caught.value)


def test_an_empty_page_has_no_posting() -> None:
    with pytest.raises(CaptureError) as caught:
        extract("<html><body><p>Hello</p></body></html>")
    assert caught.value.kind == "no-posting"


def test_broken_html_still_gives_what_it_holds() -> None:
    posting = extract(BROKEN_HTML.decode("utf-8", errors="replace"))
    assert (posting.company, posting.role, posting.date_posted) == (
        "Bistro Verde",
        "Line Cook",
        None,  # "last Tuesday" is no date; the capture goes on without it
    )


def test_graph_reference_and_wrong_types_are_forgiven() -> None:
    markup = """<script type="application/ld+json">{"@graph": [
      {"@type": ["JobPosting"], "title": ["Welder", "ignored"], "hiringOrganization": [
        {"@type": "Organization", "name": {"@value": "Nested Org"}}],
       "baseSalary": {"@type": "MonetaryAmount", "currency": "eur", "value": "45k-50k"},
       "datePosted": 20240101, "validThrough": ["2024-02-01"], "employmentType": 7,
       "jobLocation": {"@type": "Place", "address": {"addressCountry": {"name": "AT"}}}}]}
    </script>"""
    posting = extract(markup)
    assert (posting.role, posting.company, posting.location) == ("Welder", "Nested Org", "AT")
    assert (posting.salary_min, posting.salary_max, posting.salary_currency) == (
        45000,
        50000,
        "EUR",
    )
    assert (posting.date_posted, posting.valid_through) == (None, date(2024, 2, 1))
    assert posting.employment_type == ""
