"""The kept posting: stored with its application, there after the site is gone, carried by
the JSON backup, found by search, compared on a re-fetch, and duplicates recognised."""

from __future__ import annotations

from pathlib import Path

from fixtures.job_site import job_site

from jobtracker.domain.capture.from_text import from_text
from jobtracker.domain.capture.page import capture_link
from jobtracker.domain.clock import FakeClock
from jobtracker.domain.postings import pack_html, same_page, text_changes, unpack_html
from jobtracker.domain.services import Services, open_services
from jobtracker.domain.transfer.service import ExportRequest, transfer_for, write_file


def test_kept_posting_outlives_the_site_and_travels_in_the_backup(
    services: Services, tmp_path: Path, clock: FakeClock
) -> None:
    with job_site() as site:
        captured = capture_link(site.url("/jobs/stepstone"), timeout=5)
    # the server is stopped: everything below reads only the database
    result = services.postings.add_captured(captured.posting, html=captured.html)
    kept = services.postings.get(result.id)
    assert kept is not None
    assert "Übergabe" in kept.text and kept.captured_at == clock.now()
    assert (kept.employment_type, str(kept.date_posted)) == ("Full-time", "2024-05-28")
    assert "Wayne Bau AG" in services.postings.page_html(result.id)
    assert [c.id for c in services.board.search("ubergabe")] == [result.id]

    backup = tmp_path / "backup.json"
    write_file(backup, transfer_for(services).export(ExportRequest("json")))
    restored = open_services(tmp_path / "restored.sqlite3", owner="pytest", clock=clock)
    try:
        transfer_for(restored).restore_backup(backup)
        again = restored.postings.get(result.id)
        assert again == kept
        assert restored.postings.page_html(result.id) == captured.html
        assert [c.id for c in restored.board.search("Bauprojekte")] == [result.id]
    finally:
        restored.close()


def test_a_posting_goes_with_its_application(services: Services) -> None:
    result = services.postings.add_captured(from_text("Baker at Crumbs\nBread all day"))
    services.applications.remove(result.id)
    assert services.postings.get(result.id) is None


def test_re_fetch_replaces_the_text_and_says_what_changed(services: Services) -> None:
    first = from_text("Baker at Crumbs\nBread all day\nPay: £24,000")
    result = services.postings.add_captured(first)
    second = from_text("Baker at Crumbs\nBread all day\nPay: £26,000")
    before = services.postings.get(result.id)
    assert before is not None
    assert text_changes(before.text, second.description) == ["- Pay: £24,000", "+ Pay: £26,000"]
    services.postings.keep(result.id, second)
    assert [c.id for c in services.board.search("26,000")] == [result.id]
    assert services.board.search("24,000") == []


def test_already_tracked_by_link_or_by_company_and_role(services: Services) -> None:
    url = "https://jobs.example.com/acme/123/"
    first = services.applications.add("Acme", "Welder", url=url).id
    services.applications.add("Acme", "Painter")
    tracked = services.postings.already_tracked
    assert [c.id for c in tracked("https://WWW.jobs.example.com/acme/123#apply", "", "")] == [first]
    assert [c.id for c in tracked("https://other.example/9", "ACME", " welder ")] == [first]
    assert tracked("https://other.example/9", "Acme", "Plumber") == []


def test_html_packs_small_and_back() -> None:
    page = "<html>" + "<p>Großartig</p>" * 10_000 + "</html>"
    packed = pack_html(page)
    assert len(packed) < len(page) // 20
    assert unpack_html(packed) == page
    assert same_page("HTTPS://Example.com/a/?x=1#y") == same_page("https://example.com/a?x=1")
