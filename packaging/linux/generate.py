"""Regenerate packaging/linux from the single sources in the package.

The desktop file comes from ``jobtracker.platform.desktop_entry`` (Exec=jobtracker, for
distribution packages and Flatpak) and the hicolor icons from resources/icons. Run it after
changing either: ``python packaging/linux/generate.py``. tests/packaging checks it was run.
"""

from __future__ import annotations

from pathlib import Path

from jobtracker.platform import desktop_entry

HERE = Path(__file__).resolve().parent


def main() -> None:
    desktop = HERE / desktop_entry.DESKTOP_FILENAME
    desktop.write_text(desktop_entry.desktop_entry_text(["jobtracker"]), encoding="utf-8")
    for path in [desktop, *desktop_entry.write_icons(HERE / "icons")]:
        print(f"wrote {path.relative_to(HERE)}")


if __name__ == "__main__":
    main()
