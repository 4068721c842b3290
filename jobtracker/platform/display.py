"""Whether a window can open here, found before Qt starts: Qt aborts with "Reinstalling the
application may fix this problem" where it finds no display or cannot load its X11 plugin,
which tells a person nothing they can act on."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence

#: Qt's X11 plugin needs these besides what every X11 desktop has; the first is the one
#: Debian and Ubuntu do not install with X11 itself
XCB_LIBRARIES = (
    ("libxcb-cursor.so.0", "libxcb-cursor0", "xcb-util-cursor"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0", "libxkbcommon-x11"),
)

CLI_HINT = "The command-line verbs (jobtracker --help) work without a window."


def display_problem(
    environ: Mapping[str, str] = os.environ,
    libraries: Sequence[tuple[str, str, str]] = XCB_LIBRARIES,
) -> str | None:
    """What keeps the window from opening, said so a person can fix it; None when it can
    open (or Qt was told to use a platform other than the desktop's)."""
    if not sys.platform.startswith("linux"):
        return None
    platform = environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith(("xcb", "wayland")):
        return None  # offscreen, vnc ...: chosen on purpose
    wayland = bool(environ.get("WAYLAND_DISPLAY")) and not platform.startswith("xcb")
    if not wayland and not environ.get("DISPLAY"):
        return (
            "There is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY "
            f"is set). Start jobtracker from your desktop session. {CLI_HINT}"
        )
    if wayland:
        return None
    missing = [(debian, fedora) for name, debian, fedora in libraries if not _loads(name)]
    if not missing:
        return None
    debian = " ".join(d for d, _ in missing)
    fedora = " ".join(f for _, f in missing)
    return (
        "The window cannot open: Qt's X11 support needs system libraries that are missing. "
        f"Install them (Debian/Ubuntu: sudo apt install {debian}; "
        f"Fedora: sudo dnf install {fedora}) and start jobtracker again. {CLI_HINT}"
    )


def _loads(library: str) -> bool:
    import ctypes  # only where the X11 plugin is to be used

    try:
        ctypes.CDLL(library)
    except OSError:
        return False
    return True
