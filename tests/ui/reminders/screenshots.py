"""Screenshots of the Today agenda in the window (light and dark), for the docs.

python tests/ui/reminders/screenshots.py [OUTPUT_FOLDER]   (default: docs/screenshots)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))
from screenshot_setup import LATER, demo_scene, out_folder

from jobtracker.platform.notifications import NullNotifier
from jobtracker.ui.agenda.model import entry_key
from jobtracker.ui.reminders.controller import RemindersController


def main() -> int:
    out = out_folder()
    with demo_scene(later=LATER) as scene:
        for tone in scene.tones():
            window = scene.board(f"agenda-{tone}", 1500, 860)
            controller = RemindersController(
                window, scene.services, notifier=NullNotifier(), use_tray=False
            )
            controller.start()
            window.show()
            controller.show_panel()
            panel = controller.panel
            panel.select_key(entry_key(panel.model.entries("overdue")[0]))
            scene.save(window, out / f"agenda-{tone}.png")
            window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
