"""``jobtracker capture`` against a local web server: each site's fields, every bad answer.

Runs the real command in a subprocess (as a person or a script would) on a temporary
database; a failed capture leaves no database file behind, or the existing one unchanged.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.job_site import EXPECTED, SOURCES, JobSite, job_site

from jobtracker.domain.clock import SYSTEM_CLOCK
from jobtracker.domain.services import open_services

EXIT_REFUSED, EXIT_CAPTURE = 1, 5


@pytest.fixture(scope="module")
def site() -> Iterator[JobSite]:
    with job_site() as server:
        yield server


def jobtracker(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "jobtracker", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def _file_hash(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest() if db.exists() else "absent"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_capture_each_site_through_the_command(site: JobSite, db_path: Path, name: str) -> None:
    url = site.url(f"/jobs/{name}")
    result = jobtracker(db_path, "capture", url, "--stage", "Applied", "--json")
    assert result.returncode == 0, result.stderr
    captured = json.loads(result.stdout)
    expected = dict(EXPECTED[name])
    words = str(expected.pop("words"))
    found = {
        "company": captured["company"],
        "role": captured["role"],
        "location": captured["location"],
        "employment_type": captured["employment_type"],
        "salary": captured["salary_text"],
        "date_posted": captured["date_posted"],
        "valid_through": captured["valid_through"],
    }
    assert {k: v for k, v in found.items() if v} == expected
    assert captured["source"] == SOURCES.get(name, "json-ld")
    assert (captured["stage"], captured["url"]) == ("Applied", url)
    # what was saved: the application's fields and the kept posting
    services = open_services(db_path, owner="pytest", readonly=True)
    try:
        app = services.applications.get(captured["id"])
        kept = services.postings.get(captured["id"])
        html = services.postings.page_html(captured["id"])
    finally:
        services.close()
    assert (app.company, app.role, app.url) == (expected["company"], expected["role"], url)
    assert app.location == expected.get("location", "")
    assert str(app.deadline or "") == expected.get("valid_through", "")
    assert words in app.description
    assert kept is not None and words in kept.text and kept.url == url
    assert "<html" in html.lower()


def test_the_request_is_plain(site: JobSite, db_path: Path) -> None:
    """Only the page asked for (and its redirect), a clear User-Agent, no cookie sent back
    even when the site sets one."""
    before = len(site.requests)
    assert jobtracker(db_path, "capture", site.url("/with-cookie")).returncode == 0
    requests = site.requests[before:]
    assert [path for path, _ in requests] == ["/with-cookie", "/jobs/lever"]
    for _, sent in requests:
        headers = {k.lower(): v for k, v in sent.items()}
        assert headers["user-agent"].startswith("jobtracker/")
        assert "cookie" not in headers


def test_human_output_marks_guesses(site: JobSite, db_path: Path) -> None:
    result = jobtracker(db_path, "capture", site.url("/jobs/opengraph"))
    assert result.returncode == 0, result.stderr
    assert "Company:  Initech (guessed: check it)" in result.stdout
    assert "No structured posting data" in result.stderr


def test_already_tracked_says_so_and_writes_nothing(site: JobSite, db_path: Path) -> None:
    url = site.url("/jobs/greenhouse")
    assert jobtracker(db_path, "capture", url).returncode == 0
    before = _file_hash(db_path)
    again = jobtracker(db_path, "capture", url + "#apply")
    assert again.returncode == EXIT_REFUSED
    assert "already tracked: #1 Acme Robotics — Senior Backend Engineer" in again.stderr
    assert _file_hash(db_path) == before
    assert jobtracker(db_path, "capture", url, "--force").returncode == 0


@pytest.mark.parametrize(
    ("path", "kind_words"),
    [
        ("/missing", "is not there (HTTP 404)"),
        ("/loop", "redirects in a loop"),
        ("/stall", "stopped answering (no page after 1 seconds)"),
        ("/huge", "larger than 5 MB"),
        ("/posting.pdf", "leads to a PDF file"),
        ("/logo.png", "leads to an image"),
        ("/jobs/script_rendered", "builds the posting in the browser"),
        ("/jobs/login", "asks you to sign in"),
    ],
)
def test_bad_answers_say_what_is_wrong_and_write_nothing(
    site: JobSite, db_path: Path, path: str, kind_words: str
) -> None:
    result = jobtracker(db_path, "capture", site.url(path), "--timeout", "1")
    assert result.returncode == EXIT_CAPTURE
    assert kind_words in result.stderr
    assert result.stderr.count("\n") == 1  # one sentence, one line
    assert not db_path.exists()


def test_unreachable_host_and_bad_links(db_path: Path) -> None:
    with job_site() as server:  # a port that was just freed: nothing listens there now
        closed = server.url("/jobs/lever")
    result = jobtracker(db_path, "capture", closed, "--timeout", "2")
    assert result.returncode == EXIT_CAPTURE
    assert "could not be reached" in result.stderr
    for link in ("ftp://example.invalid/job", "not a link", "https://"):
        result = jobtracker(db_path, "capture", link)
        assert result.returncode == EXIT_CAPTURE
        assert "is not a web link" in result.stderr
    assert not db_path.exists()


def test_tls_error(tmp_path: Path, db_path: Path) -> None:
    """A self-signed certificate made for this test is not trusted: nothing is fetched."""
    with job_site(tls_dir=tmp_path) as server:
        result = jobtracker(db_path, "capture", server.url("/jobs/lever"), "--timeout", "5")
        assert server.requests == []
    assert result.returncode == EXIT_CAPTURE
    assert "secure connection to 127.0.0.1 could not be trusted" in result.stderr
    assert not db_path.exists()


def test_failures_leave_an_existing_database_unchanged(site: JobSite, db_path: Path) -> None:
    assert jobtracker(db_path, "capture", site.url("/jobs/lever")).returncode == 0
    services = open_services(db_path, owner="pytest", clock=SYSTEM_CLOCK)
    services.close()
    before = _file_hash(db_path)
    for path in ("/missing", "/jobs/script_rendered"):
        assert jobtracker(db_path, "capture", site.url(path)).returncode == EXIT_CAPTURE
    assert jobtracker(db_path, "capture", site.url("/jobs/ashby"), "--stage", "Nope").returncode
    assert _file_hash(db_path) == before


def test_broken_html_gives_a_best_effort_card(site: JobSite, db_path: Path) -> None:
    result = jobtracker(db_path, "capture", site.url("/broken"), "--json")
    assert result.returncode == 0, result.stderr
    captured = json.loads(result.stdout)
    assert (captured["company"], captured["role"]) == ("Bistro Verde", "Line Cook")


def test_capture_a_saved_file(tmp_path: Path, db_path: Path) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_text("Roofer at Acme Roofs\nLocation: Leeds\nPay: £28,000\n", "utf-8")
    result = jobtracker(db_path, "capture", "--file", str(posting), "--json")
    assert result.returncode == 0, result.stderr
    captured = json.loads(result.stdout)
    assert (captured["company"], captured["location"], captured["salary_text"]) == (
        "Acme Roofs",
        "Leeds",
        "28,000 GBP",
    )
    assert set(captured["guesses"]) >= {"company", "role", "location"}
    missing = jobtracker(db_path, "capture", "--file", str(tmp_path / "nope.txt"))
    assert missing.returncode == EXIT_CAPTURE and "could not be read" in missing.stderr
