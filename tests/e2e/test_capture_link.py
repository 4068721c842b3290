"""The ``jobtracker:`` link end to end under a real X server: the desktop file installed
into a temporary XDG_DATA_HOME, ``xdg-open 'jobtracker://capture?url=...'`` starts the
command the desktop file names, which hands the link to the running window, which shows
the pre-filled card for review (found by its title with xdotool)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest
from fixtures.job_site import job_site

from tests.e2e.conftest import require_program

pytestmark = pytest.mark.e2e
#: desktop variables that would send xdg-open to a desktop's own opener instead of the
#: freedesktop lookup under test
DESKTOP_VARIABLES = ("XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION",
                     "GNOME_DESKTOP_SESSION_ID", "BROWSER", "WAYLAND_DISPLAY")  # fmt: skip


def _wait_for(found: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not found():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {seconds:g} s")
        time.sleep(0.1)


def _window_named(title: str, env: dict[str, str]) -> bool:
    found = subprocess.run(
        ["xdotool", "search", "--name", title], env=env, capture_output=True, timeout=10
    )
    return found.returncode == 0 and bool(found.stdout.strip())


def test_xdg_open_of_a_capture_link_shows_the_pre_filled_card(
    xvfb_display: str, tmp_path: Path
) -> None:
    xdg_open = require_program("xdg-open", "xdg-utils")
    require_program("xdotool", "xdotool")
    require_program("update-desktop-database", "desktop-file-utils")
    db = tmp_path / "data" / "jobtracker.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in DESKTOP_VARIABLES}
    env.update(
        DISPLAY=xvfb_display,
        QT_QPA_PLATFORM="xcb",
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
        XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
        JOBTRACKER_DB=str(db),
        JOBTRACKER_NOTIFICATIONS="off",
    )
    installed = subprocess.run(
        [sys.executable, "-m", "jobtracker", "install-desktop"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    cache = tmp_path / "xdg-data" / "applications" / "mimeinfo.cache"
    assert "x-scheme-handler/jobtracker=io.github.jobtracker.JobTracker.desktop" in (
        cache.read_text("utf-8")
    )
    with job_site() as site:
        window = subprocess.Popen([sys.executable, "-m", "jobtracker"], env=env)
        try:
            _wait_for(lambda: _window_named("jobtracker — jobtracker.sqlite3", env),
                      "the board window showing")  # fmt: skip
            link = "jobtracker://capture?url=" + quote(site.url("/jobs/lever?src=bm"), safe="")
            opened = subprocess.run([xdg_open, link], env=env, capture_output=True, timeout=120)
            assert opened.returncode == 0, opened.stderr
            _wait_for(lambda: _window_named("New application at Globex", env),
                      "the pre-filled card showing in the running window")  # fmt: skip
            assert window.poll() is None  # the same window: the second start handed over
            assert [path for path, _ in site.requests] == ["/jobs/lever?src=bm"]
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
                saved = conn.execute('SELECT count(*) FROM "application"').fetchone()[0]
            assert saved == 0  # nothing is saved before the person reviews it
        finally:
            window.terminate()
            window.wait(timeout=30)
