"""The freedesktop menu entry and icons, for pip and pipx users who have no package manager.

One source for both: ``packaging/linux`` holds the files these functions generate
(``packaging/linux/generate.py``), and ``jobtracker install-desktop`` writes the same files
into ``$XDG_DATA_HOME`` (``~/.local/share``) with ``Exec`` pointing at this installation.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from jobtracker import APP_ID, APP_NAME
from jobtracker.paths import resources_dir

#: PNG sizes beside the scalable SVG: what menus, docks and software centres ask for
ICON_SIZES = (48, 64, 128, 256)
DESKTOP_FILENAME = f"{APP_ID}.desktop"
SCHEME_MIME_TYPE = "x-scheme-handler/jobtracker"
SUMMARY = "Track job applications and never forget a follow-up"

# The characters the Desktop Entry spec says must be quoted in an Exec argument.
_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def app_icon_svg() -> Path:
    """The app icon's single source, shipped inside the package."""
    return resources_dir() / "icons" / f"{APP_ID}.svg"


def quote_exec_argument(argument: str) -> str:
    """Quote one ``Exec`` argument as the Desktop Entry spec requires (and escape ``%``)."""
    argument = argument.replace("%", "%%")
    if not any(ch in _EXEC_RESERVED for ch in argument):
        return argument
    escaped = "".join("\\" + ch if ch in '"`$\\' else ch for ch in argument)
    # the file format then escapes each backslash once more
    return '"' + escaped.replace("\\", "\\\\") + '"'


def desktop_entry_text(command: Sequence[str]) -> str:
    """The ``.desktop`` file that starts ``command`` (an argv list)."""
    exec_line = " ".join(quote_exec_argument(part) for part in command)
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        f"Name={APP_NAME}",
        "GenericName=Job Search Organizer",
        f"Comment={SUMMARY}",
        f"Icon={APP_ID}",
        f"Exec={exec_line} %u",
    ]
    if Path(command[0]).is_absolute():
        lines.append(f"TryExec={quote_exec_argument(command[0])}")
    lines += [
        "Terminal=false",
        "Categories=Office;ProjectManagement;",
        "Keywords=job;jobs;application;interview;career;follow-up;recruiter;resume;",
        # jobtracker://capture?url=... links (the browser bookmarklet) open in the app
        f"MimeType={SCHEME_MIME_TYPE};",
        "StartupNotify=true",
        f"StartupWMClass={APP_NAME}",
        "X-GNOME-UsesNotifications=true",
        "Actions=demo;",
        "",
        "[Desktop Action demo]",
        "Name=Try with Sample Data",
        f"Exec={exec_line} --demo",
        "",
    ]
    return "\n".join(lines)


def installed_command() -> list[str]:
    """How a menu entry starts this very installation (absolute, since ``PATH`` varies)."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle
        return [str(Path(sys.executable).resolve())]
    beside_python = Path(sys.executable).parent / APP_NAME  # a venv or pipx's own venv
    if beside_python.is_file() and os.access(beside_python, os.X_OK):
        return [str(beside_python)]
    on_path = shutil.which(APP_NAME)
    if on_path:
        return [str(Path(on_path).resolve())]
    return [str(Path(sys.executable).resolve()), "-m", "jobtracker"]


def data_home() -> Path:
    """``$XDG_DATA_HOME`` when it is an absolute path (as the spec demands), else ~/.local/share."""
    value = os.environ.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path.home() / ".local" / "share"


def icon_paths(icons_dir: Path) -> list[Path]:
    """Where the icons go under an ``icons`` folder, in the hicolor theme's layout."""
    hicolor = icons_dir / "hicolor"
    paths = [hicolor / "scalable" / "apps" / f"{APP_ID}.svg"]
    paths += [hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png" for size in ICON_SIZES]
    return paths


def write_icons(icons_dir: Path) -> list[Path]:
    """Copy the SVG and render each PNG size from it into ``icons_dir/hicolor``."""
    svg, *pngs = icon_paths(icons_dir)
    svg.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(app_icon_svg(), svg)
    for size, png in zip(ICON_SIZES, pngs, strict=True):
        png.parent.mkdir(parents=True, exist_ok=True)
        render_png(app_icon_svg(), size, png)
    return [svg, *pngs]


def render_png(svg: Path, size: int, destination: Path) -> None:
    """Render ``svg`` into a square PNG named ``destination`` (``*.png``; Qt's SVG renderer
    paints on an image, no display)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    if not image.save(str(destination)):  # in the format its suffix names
        raise OSError(f"Could not write the icon {destination}")


def install(target: Path | None = None, command: Sequence[str] | None = None) -> list[Path]:
    """Write the menu entry and icons under ``target`` (the XDG data home); return them."""
    target = target or data_home()
    desktop = target / "applications" / DESKTOP_FILENAME
    desktop.parent.mkdir(parents=True, exist_ok=True)
    desktop.write_text(desktop_entry_text(command or installed_command()), encoding="utf-8")
    written = [desktop, *write_icons(target / "icons")]
    # Menus notice new icons when the theme folder's time changes.
    (target / "icons" / "hicolor").touch()
    refresh_handlers(desktop.parent)
    return written


def refresh_handlers(applications: Path) -> None:
    """Rebuild the folder's handler cache (mimeinfo.cache), through which xdg-open finds
    the app for ``jobtracker:`` links; skipped where desktop-file-utils is missing."""
    tool = shutil.which("update-desktop-database")
    if tool is not None and applications.is_dir():
        subprocess.run([tool, str(applications)], capture_output=True, timeout=60, check=False)


def remove(target: Path | None = None) -> list[Path]:
    """Delete what :func:`install` wrote under ``target``; return what was there."""
    target = target or data_home()
    candidates = [target / "applications" / DESKTOP_FILENAME, *icon_paths(target / "icons")]
    removed = [path for path in candidates if path.is_file()]
    for path in removed:
        path.unlink()
    if removed:
        refresh_handlers(target / "applications")
    return removed
