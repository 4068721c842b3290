"""Remake the board screenshots: the demo board at 1280x800, light and dark.

    python tests/ui/make_screenshots.py [OUTPUT_FOLDER]   (default: docs/screenshots)

Offscreen with the Fusion style, a fixed clock and fixed palettes (``screenshot_setup``).
"""

from __future__ import annotations

import sys

from screenshot_setup import LATER, demo_scene, out_folder


def main() -> int:
    out = out_folder()
    with demo_scene(later=LATER) as scene:
        for tone in scene.tones():
            window = scene.board(f"board-{tone}")
            window.reminders_button.set_count(scene.services.agenda.due_count())
            scene.save(window, out / f"board-{tone}.png")
            window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
