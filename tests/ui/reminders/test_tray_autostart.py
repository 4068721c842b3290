"""The tray icon's due count and menu, Start at login's autostart entry, --background."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from jobtracker import APP_ID
from jobtracker.cli import build_parser
from jobtracker.platform import autostart
from jobtracker.platform.tray import ReminderTray


def test_the_tray_shows_the_due_count_in_icon_tooltip_and_menu(qtbot):
    tray = ReminderTray()
    plain = tray.icon().pixmap(64, 64).toImage()
    tray.set_count(3)
    assert tray.toolTip() == "jobtracker — 3 follow-ups due"
    assert tray.reminders_action.text() == "Reminders (3 due)"
    assert tray.icon().pixmap(64, 64).toImage() != plain
    tray.set_count(0)
    assert tray.toolTip() == "jobtracker — nothing due"
    assert tray.icon().pixmap(64, 64).toImage() == plain
    with qtbot.waitSignal(tray.quit_requested):
        tray.quit_action.trigger()
    assert [a.text() for a in tray.menu.actions() if a.text()] == [
        "Show jobtracker", "Reminders", "Quit jobtracker",
    ]  # fmt: skip


def test_start_at_login_writes_and_removes_a_valid_autostart_entry(private_home):
    path = autostart.autostart_path()
    assert path == private_home / ".config" / "autostart" / f"{APP_ID}.desktop"
    assert not autostart.is_enabled()
    autostart.set_enabled(True)
    assert autostart.is_enabled()
    text = path.read_text(encoding="utf-8")
    assert "--background" in text
    assert f"Icon={APP_ID}" in text
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (desktop-file-utils)")
    validator = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False)
    assert validator.returncode == 0, validator.stdout + validator.stderr
    autostart.set_enabled(False)
    assert not path.exists()
    autostart.set_enabled(False)  # removing twice is fine


def test_autostart_respects_xdg_config_home(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "elsewhere"))
    assert autostart.set_enabled(True) == tmp_path / "elsewhere" / "autostart" / f"{APP_ID}.desktop"


def test_the_command_line_accepts_background():
    assert build_parser().parse_args(["--background"]).background is True
    assert build_parser().parse_args([]).background is False


def test_autostart_exec_line_uses_desktop_entry_quoting():
    """A launcher under a folder with a space (and a literal %) still starts at login."""
    text = autostart.desktop_entry(["/opt/my apps/job%tracker", "--background"])
    assert 'Exec="/opt/my apps/job%%tracker" --background' in text.splitlines()
