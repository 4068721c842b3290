"""The ``jobtracker`` command's start, in a fresh interpreter as a person runs it: the board
paints with its first cards and then reads the rest; a new file is created (private) before
the window shows; a locked file is explained in a dialog and Quit exits with the database
exit code, also where the lock is taken after the window painted; without a display the
command says what to do instead of letting Qt abort; Python's cycle collector waits for the
first paint.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from fixtures.dbtools import filled_database

from jobtracker.domain.clock import SYSTEM_CLOCK
from jobtracker.exit_codes import EXIT_DATABASE, EXIT_NO_DISPLAY
from jobtracker.store.lock import WriterLock

FIXTURES = Path(__file__).parents[1] / "fixtures"
ANSWER_DIALOGS = FIXTURES / "answer_dialogs_with_quit.py"
PAINTED_MODULES = FIXTURES / "painted_modules.py"
COLLECTOR_AT_START = FIXTURES / "collector_at_start.py"
#: what a writer needs, loaded once the window has painted
THE_STORE = ("peewee", "jobtracker.store.models", "jobtracker.domain.services")
#: OpenSSL, through hashlib: the store's peewee imports it, the first frame needs none of it
OPENSSL = ("hashlib", "_hashlib", "ssl")
#: the user's folders (asked only where no --db is given) and the command line's JSON output
#: (for its subcommands): a start with --db, in a desktop session, needs neither
NOT_ASKED = ("platformdirs", "json")


def _command(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``jobtracker ARGS`` quitting once its start has settled (the packaged smoke test's
    switch), answering any dialog with Quit."""
    env = env or {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, str(ANSWER_DIALOGS), *args],
        capture_output=True, text=True, timeout=60,
        env={**env, "JOBTRACKER_EXIT_AFTER_FIRST_PAINT": "1"},
    )  # fmt: skip


def _started(result: subprocess.CompletedProcess[str]) -> dict[str, float]:
    """What the start said on stderr once it settled."""
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stderr.splitlines() if line.startswith("first paint "))
    facts: dict[str, float] = json.loads(line.removeprefix("first paint "))
    return facts


def test_the_board_paints_then_holds_every_card(db_path: Path) -> None:
    count = filled_database(db_path, SYSTEM_CLOCK)

    facts = _started(_command("--db", str(db_path)))

    assert facts["cards"] == count
    assert facts["painted"] <= facts["settled"] and facts["peak_rss_kib"] > 0


def _script_says(fixture: Path, db_path: Path) -> dict[str, Any]:
    """What a start script of tests/fixtures says (its last line, JSON) once it ran the
    window's start on ``db_path``."""
    result = subprocess.run(
        [sys.executable, str(fixture), str(db_path)],
        capture_output=True, text=True, check=True, timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    facts: dict[str, Any] = json.loads(result.stdout.splitlines()[-1])
    return facts


def _painted_modules(db_path: Path) -> tuple[set[str], set[str]]:
    """The modules loaded when the window painted its first frame, and once settled."""
    facts = _script_says(PAINTED_MODULES, db_path)
    return set(facts["painted"]), set(facts["settled"])


def test_the_board_paints_before_the_store_loads(db_path: Path) -> None:
    """The first frame is read on plain sqlite3; the store and the services open after it.
    ``jobtracker --db FILE`` loads only what its window's first frame uses before it."""
    filled_database(db_path, SYSTEM_CLOCK)

    painted, settled = _painted_modules(db_path)

    assert [name for name in (*THE_STORE, *OPENSSL, *NOT_ASKED) if name in painted] == []
    assert [name for name in THE_STORE if name not in settled] == []


def test_the_collector_waits_for_the_first_paint_then_collects(db_path: Path) -> None:
    """What the start builds lives as long as the window: the cycle collector makes no
    passes over it before the first frame, and collects from then on, also once the start
    has ended."""
    filled_database(db_path, SYSTEM_CLOCK)

    facts = _script_says(COLLECTOR_AT_START, db_path)

    assert facts == {"painted": False, "settled": True, "ended": True}


def test_an_older_file_is_upgraded_before_the_window_paints(db_path: Path) -> None:
    """The first frame is read only from a file of this version's schema: an older one is
    upgraded by its writer first, then the board holds its cards."""
    db_path.parent.mkdir(mode=0o700)
    shutil.copyfile(FIXTURES / "v1.sqlite3", db_path)

    painted, _ = _painted_modules(db_path)
    facts = _started(_command("--db", str(db_path)))

    assert "jobtracker.store.models" in painted
    assert facts["cards"] > 0


def test_a_new_database_is_created_private_before_the_window_shows(db_path: Path) -> None:
    facts = _started(_command("--db", str(db_path)))

    assert facts["cards"] == 0
    assert db_path.stat().st_mode & 0o777 == 0o600


def test_a_locked_file_is_explained_and_quit_exits_with_the_database_code(
    db_path: Path,
) -> None:
    filled_database(db_path, SYSTEM_CLOCK)
    holder = WriterLock(db_path, "jobtracker import")
    try:
        result = _command("--db", str(db_path))
    finally:
        holder.release()

    assert result.returncode == EXIT_DATABASE
    assert "in use by another program" in result.stdout  # the dialog's text
    assert "first paint" not in result.stderr


def test_a_file_locked_after_the_first_paint_is_explained_the_same_way(db_path: Path) -> None:
    """Another writer takes the file between the start's check and its services' open: the
    window has painted, and the same dialog explains it; Quit exits with the database code."""
    filled_database(db_path, SYSTEM_CLOCK)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LOCK_AT_FIRST_PAINT": "1"}

    result = _command("--db", str(db_path), env=env)

    assert "lock taken at the first paint" in result.stdout
    assert "in use by another program" in result.stdout  # the dialog's text
    assert result.returncode == EXIT_DATABASE, result.stderr
    assert "first paint" not in result.stderr  # the start never settled


def test_without_a_display_the_command_says_what_to_do(db_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)

    result = subprocess.run(
        [sys.executable, "-m", "jobtracker", "--db", str(db_path)],
        capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip

    assert result.returncode == EXIT_NO_DISPLAY
    assert "no display" in result.stderr and "jobtracker --help" in result.stderr
    assert "Reinstalling" not in result.stderr  # Qt never got to abort
    assert not db_path.exists()  # nothing was opened


def test_the_settings_file_is_private_from_the_first_start(
    db_path: Path, private_home: Path
) -> None:
    _started(_command("--db", str(db_path)))
    settings = private_home / ".config" / "jobtracker" / "jobtracker.conf"
    assert settings.stat().st_mode & 0o777 == 0o600
    assert settings.parent.stat().st_mode & 0o777 == 0o700
