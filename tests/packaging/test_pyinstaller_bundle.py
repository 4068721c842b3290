"""The PyInstaller one-folder bundle builds, and the built program really runs.

Builds with packaging/pyinstaller/build.sh into a temporary folder (about 20 s on 2 cores),
then runs the bundle as a user would: ``--version``, ``check`` on a temporary database, and
the window offscreen until its first paint.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from jobtracker import __version__

#: the first test waits for the bundle's build (up to 900 s)
pytestmark = [pytest.mark.slow, pytest.mark.timeout(960)]

ROOT = Path(__file__).parents[2]
BUILD_SCRIPT = ROOT / "packaging" / "pyinstaller" / "build.sh"
#: 150 MB before the Insights charts; pyqtgraph and numpy (with its OpenBLAS) add about 43
SIZE_TARGET_MB = 200


def folder_size_mb(folder: Path) -> float:
    """What the folder takes on disk, counting each file once (the bundle links some)."""
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    if importlib.util.find_spec("PyInstaller") is None:
        message = "pyinstaller is not installed (pip install -e '.[test]')"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; CI must build the bundle")
        pytest.skip(message)
    out = tmp_path_factory.mktemp("pyinstaller")
    result = subprocess.run(
        ["bash", str(BUILD_SCRIPT), str(out)],
        capture_output=True, text=True, timeout=900,
        env={**os.environ, "PYTHON": sys.executable},  # the venv that has jobtracker installed
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    folder = out / "dist" / "jobtracker"
    print(f"\nbundle size: {folder_size_mb(folder):.1f} MB (target <= {SIZE_TARGET_MB} MB)")
    yield folder / "jobtracker"


def _run(program: Path, home: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        **env,
    }
    environment.pop("JOBTRACKER_DB", None)
    return subprocess.run(
        [str(program), *args], capture_output=True, text=True, env=environment, timeout=120
    )


def test_bundle_is_within_the_size_target(bundle: Path) -> None:
    assert folder_size_mb(bundle.parent) <= SIZE_TARGET_MB
    internal = bundle.parent / "_internal"
    for unused in ("libQt6Quick", "libQt6Qml", "libQt6WebEngine", "libQt6Pdf", "libgtk-3"):
        assert not list(internal.rglob(f"{unused}*")), unused


def test_bundle_prints_its_version(bundle: Path, tmp_path: Path) -> None:
    result = _run(bundle, tmp_path, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"jobtracker {__version__}"


def test_bundle_writes_and_checks_a_database(bundle: Path, tmp_path: Path) -> None:
    db = tmp_path / "jobs.sqlite3"
    added = _run(bundle, tmp_path, "--db", str(db), "add", "--company", "Acme", "--role", "QA")
    assert added.returncode == 0, added.stderr
    checked = _run(bundle, tmp_path, "--db", str(db), "check")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith(f"OK: {db}")
    listed = _run(bundle, tmp_path, "--db", str(db), "list", "--json")
    assert json.loads(listed.stdout)[0]["company"] == "Acme"  # resources and the store work


def test_bundle_window_reaches_its_first_paint(bundle: Path, tmp_path: Path) -> None:
    result = _run(
        bundle,
        tmp_path,
        "--db",
        str(tmp_path / "jobs.sqlite3"),
        QT_QPA_PLATFORM="offscreen",
        JOBTRACKER_EXIT_AFTER_FIRST_PAINT="1",
    )
    assert result.returncode == 0, result.stderr
    assert "first paint" in result.stderr
    assert "Traceback" not in result.stderr


def test_bundle_renders_a_persons_template_in_its_limited_child(
    bundle: Path, tmp_path: Path
) -> None:
    db = tmp_path / "data" / "jobs.sqlite3"
    added = _run(bundle, tmp_path, "--db", str(db), "add", "--company", "Acme", "--role", "QA")
    assert added.returncode == 0, added.stderr
    (db.parent / "templates").mkdir()
    (db.parent / "templates" / "mine.txt.j2").write_text(
        "{# purpose: mine #}\nSubject: Hello\n\nAbout the {{ role }} role at {{ company }}.\n",
        encoding="utf-8",
    )
    (db.parent / "templates" / "slow.txt.j2").write_text(
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
        encoding="utf-8",
    )
    drafted = _run(bundle, tmp_path, "--db", str(db), "draft", "1", "mine")
    assert drafted.returncode == 0, drafted.stderr
    assert "About the QA role at Acme." in drafted.stdout
    stopped = _run(bundle, tmp_path, "--db", str(db), "draft", "1", "slow")
    assert stopped.returncode == 1
    assert "took longer than" in stopped.stderr
