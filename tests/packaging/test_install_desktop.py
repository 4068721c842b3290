"""jobtracker install-desktop, run as a user would: a subprocess in a private HOME."""

from __future__ import annotations

import os
import subprocess
import sys
from configparser import ConfigParser
from pathlib import Path

import pytest

from jobtracker import APP_ID
from jobtracker.platform import desktop_entry
from tests.e2e.conftest import require_program


def _run(home: Path, *args: str, data_home: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "HOME": str(home)}
    env.pop("XDG_DATA_HOME", None)
    if data_home is not None:
        env["XDG_DATA_HOME"] = str(data_home)
    return subprocess.run(
        [sys.executable, "-m", "jobtracker", "install-desktop", *args],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip


def _read_entry(path: Path) -> ConfigParser:
    entry = ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(path, encoding="utf-8")
    return entry


@pytest.mark.parametrize("use_xdg", [False, True], ids=["home", "xdg-data-home"])
def test_install_writes_valid_files_and_remove_takes_them_away(
    tmp_path: Path, use_xdg: bool
) -> None:
    home = tmp_path / "home with space"
    home.mkdir()
    target = tmp_path / "xdg data" if use_xdg else home / ".local" / "share"
    result = _run(home, data_home=target if use_xdg else None)
    assert result.returncode == 0, result.stderr

    desktop = target / "applications" / f"{APP_ID}.desktop"
    icons = desktop_entry.icon_paths(target / "icons")
    assert all(path.is_file() for path in [desktop, *icons])
    assert f"Wrote {desktop}" in result.stdout
    validator = require_program("desktop-file-validate", "desktop-file-utils")
    check = subprocess.run([validator, str(desktop)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout

    exec_line = _read_entry(desktop)["Desktop Entry"]["Exec"]
    program = Path(exec_line.split()[0])
    assert program.is_absolute() and os.access(program, os.X_OK), exec_line
    assert exec_line.endswith(" %u")  # jobtracker: links are passed to it
    command = exec_line.removesuffix(" %u").split()
    version = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=60)
    assert version.stdout.startswith("jobtracker "), version  # the entry starts this install

    removed = _run(home, "--remove", data_home=target if use_xdg else None)
    assert removed.returncode == 0, removed.stderr
    assert not any(path.exists() for path in [desktop, *icons])
    again = _run(home, "--remove", data_home=target if use_xdg else None)
    assert "Nothing to remove" in again.stdout


def test_exec_quotes_paths_with_spaces_and_reserved_characters(tmp_path: Path) -> None:
    text = desktop_entry.desktop_entry_text(['/opt/my apps/job"tracker', "--db", "100%.db"])
    assert 'Exec="/opt/my apps/job\\\\"tracker" --db 100%%.db' in text
    desktop = tmp_path / f"{APP_ID}.desktop"
    desktop.write_text(text, encoding="utf-8")
    validator = require_program("desktop-file-validate", "desktop-file-utils")
    check = subprocess.run([validator, str(desktop)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
