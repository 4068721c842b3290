"""packaging/linux: valid for the freedesktop validators, generated from the package's sources."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from configparser import ConfigParser
from pathlib import Path

from PySide6.QtGui import QImage

from jobtracker import APP_ID, __version__
from jobtracker.platform import desktop_entry
from tests.e2e.conftest import require_program

LINUX = Path(__file__).parents[2] / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"


def test_desktop_file_passes_desktop_file_validate() -> None:
    tool = require_program("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""  # not even a hint


def test_metainfo_passes_appstreamcli_validate() -> None:
    tool = require_program("appstreamcli", "appstream")
    result = subprocess.run(
        [tool, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "W:" not in result.stdout and "E:" not in result.stdout, result.stdout


def test_desktop_file_is_the_generated_one() -> None:
    """packaging/linux/generate.py was run after the last change to desktop_entry.py."""
    assert DESKTOP.read_text(encoding="utf-8") == desktop_entry.desktop_entry_text(["jobtracker"])


def test_desktop_file_declares_notifications_and_the_app_id_icon() -> None:
    entry = ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(DESKTOP, encoding="utf-8")
    main = entry["Desktop Entry"]
    assert main["X-GNOME-UsesNotifications"] == "true"
    assert main["Icon"] == APP_ID
    assert main["Exec"] == "jobtracker %u"
    assert main["MimeType"] == "x-scheme-handler/jobtracker;"


def test_metainfo_names_the_app_id_and_this_version() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.findtext("icon") == APP_ID
    assert root.find("content_rating") is not None
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == __version__
    shots = [img.text or "" for img in root.iter("image")]
    assert shots and all(s.startswith("https://") for s in shots)
    for shot in shots:  # each screenshot the store shows is in the repository
        assert (LINUX.parents[1] / "docs" / "screenshots" / Path(shot).name).is_file(), shot


def test_hicolor_icons_are_the_sizes_their_folders_say() -> None:
    svg, *pngs = desktop_entry.icon_paths(LINUX / "icons")
    assert svg.read_bytes() == desktop_entry.app_icon_svg().read_bytes()
    for size, png in zip(desktop_entry.ICON_SIZES, pngs, strict=True):
        image = QImage(str(png))
        assert (image.width(), image.height()) == (size, size), png
        centre = image.pixelColor(size // 2, size // 2)
        assert centre.alpha() == 255  # the icon is drawn, not an empty canvas


def test_flatpak_manifest_asks_for_what_the_app_needs_and_no_more() -> None:
    manifest = (LINUX.parent / "flatpak" / f"{APP_ID}.yml").read_text(encoding="utf-8")
    assert f"app-id: {APP_ID}\n" in manifest
    args = {line.strip()[2:] for line in manifest.splitlines() if line.strip().startswith("- --")}
    assert {
        "--socket=wayland",
        "--socket=fallback-x11",
        "--talk-name=org.freedesktop.Notifications",
    } <= args
    assert not any(arg.startswith(("--filesystem=home", "--filesystem=host")) for arg in args)
