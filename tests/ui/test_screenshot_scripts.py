"""The screenshot scripts still run on their shared setup (``screenshot_setup``): each writes
its light and dark pictures, non-empty, into the folder it is given."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

HERE = Path(__file__).parent
SCRIPTS = {
    "make_screenshots.py": ("board-light.png", "board-dark.png"),
    "people/make_people_screenshots.py": (
        "people-light.png", "people-dark.png", "people-merge-light.png", "people-edit-dark.png",
    ),
}  # fmt: skip


@pytest.mark.timeout(300)
@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_a_screenshot_script_writes_its_pictures(script: str, tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}  # HOME: the tests' private one
    result = subprocess.run(
        [sys.executable, str(HERE / script), str(tmp_path)],
        capture_output=True, text=True, env=env, timeout=280, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    for name in SCRIPTS[script]:
        picture = QImage(str(tmp_path / name))
        assert not picture.isNull() and picture.width() >= 400, name
