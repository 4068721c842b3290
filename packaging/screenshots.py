"""Screenshots for the README and the AppStream metainfo: light, dark and at 200 % scale.

    python packaging/screenshots.py [OUTPUT_FOLDER]    (default: docs/screenshots)

Each picture is taken in its own process (QT_SCALE_FACTOR must be set before Qt starts),
offscreen, on the sample data with a fixed clock, through the app's own theme.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: name -> (colour scheme, scale factor, what to show)
SHOTS = {
    "light": ("light", "1", "board"),
    "dark": ("dark", "1", "board"),
    "scale2": ("light", "2", "board"),
    "scale2-dark": ("dark", "2", "board"),
    "light-settings": ("light", "1", "settings"),
    "dark-settings": ("dark", "1", "settings"),
    "scale2-settings": ("light", "2", "settings"),
    "light-about": ("light", "1", "about"),
    "dark-shortcuts": ("dark", "1", "shortcuts"),
}


def shoot(out: Path, scheme: str, subject: str) -> None:
    """Runs inside the child process: build the window (or a dialog) and grab it."""
    sys.path.insert(0, str(ROOT / "tests" / "ui"))
    from screenshot_setup import LATER, demo_scene

    from jobtracker.ui.theme import apply_theme

    with demo_scene(later=LATER) as scene:
        settings = scene.settings("settings")
        apply_theme(scene.app, settings).set_choice(scheme)
        window = scene.board("settings")
        window.show()
        window.reminders_button.set_count(scene.services.reminders.due_count())
        target = window
        if subject != "board":
            target = _dialog(subject, window, scene.services, settings)
        scene.save(target, out)


def _dialog(subject: str, window, services, settings):
    from jobtracker.ui.dialogs import about, shortcuts
    from jobtracker.ui.dialogs import settings as settings_dialog

    if subject == "settings":
        dialog = settings_dialog.SettingsDialog(services, window, settings)
        dialog.backups.back_up_now()
        dialog.show_page("Backups")
        return dialog
    if subject == "about":
        return about.AboutDialog(services.store.path, window)
    from jobtracker.ui.main_window import SHORTCUTS

    return shortcuts.ShortcutsDialog(window, SHORTCUTS)


def main() -> int:
    if len(sys.argv) == 5 and sys.argv[1] == "--one":
        shoot(Path(sys.argv[2]), sys.argv[3], sys.argv[4])
        return 0
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    for name, (scheme, scale, subject) in SHOTS.items():
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": scale}
        path = out / f"{name}.png"
        subprocess.run(
            [sys.executable, __file__, "--one", str(path), scheme, subject], env=env, check=True
        )
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
