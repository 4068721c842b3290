"""The README's install line works in a fresh virtual environment."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jobtracker import __version__

REPOSITORY = Path(__file__).parents[3]


def _copy_of_the_checkout(target: Path) -> Path:
    """The files a fresh clone would have (plus work not yet committed), without build dirs."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=REPOSITORY, capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    for name in listed:
        source = REPOSITORY / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.mark.slow
@pytest.mark.timeout(1300)  # a fresh venv and a full install: each step may take 600 s
def test_readme_install_line_then_version_in_a_fresh_venv(tmp_path: Path) -> None:
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    assert "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/jobtracker" in readme
    checkout = _copy_of_the_checkout(tmp_path / "jobtracker")
    run = {"cwd": checkout, "capture_output": True, "text": True, "timeout": 600}
    made = subprocess.run([sys.executable, "-m", "venv", ".venv"], **run, check=False)
    assert made.returncode == 0, made.stderr
    installed = subprocess.run([".venv/bin/pip", "install", "-q", "."], **run, check=False)
    assert installed.returncode == 0, installed.stderr[-3000:]
    version = subprocess.run([".venv/bin/jobtracker", "--version"], **run, check=False)
    assert (version.returncode, version.stdout.strip()) == (0, f"jobtracker {__version__}")
    # installed, not borrowed from this checkout: the package lives in the venv
    where = subprocess.run(
        [".venv/bin/python", "-I", "-c", "import jobtracker; print(jobtracker.__file__)"],
        **run, check=False,
    )  # fmt: skip
    assert where.stdout.strip().startswith(str(checkout / ".venv"))
    templates = subprocess.run(
        [".venv/bin/python", "-I", "-c",
         "from jobtracker.paths import resources_dir; print(resources_dir())"],
        **run, check=False,
    )  # fmt: skip
    assert templates.stdout.strip().startswith(str(checkout / ".venv"))
