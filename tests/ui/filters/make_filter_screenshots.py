"""Remake the filter bar screenshots: the demo board with the bar open, a tag filter set and
a column sorted, at 1280x800, light and dark.

    python tests/ui/filters/make_filter_screenshots.py [OUTPUT_FOLDER]   (default: docs/screenshots)

Offscreen, with the Fusion style, a fixed clock and fixed palettes (``screenshot_setup``).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))
from screenshot_setup import LATER, demo_scene, out_folder

from jobtracker.domain.card_filters import CardFilter


def main() -> int:
    out = out_folder()
    with demo_scene(later=LATER) as scene:
        for tone in scene.tones():
            window = scene.board(f"filters-{tone}")
            window.show()
            window.board.finish_loading()
            window.filters.show_bar(True)
            assert window.filters.bar is not None
            window.filters.bar.set_filter(CardFilter(tags=("remote",), applied_days=90))
            window.filters.sort_column("Applied", "excitement")
            scene.save(window, out / f"filters-{tone}.png")
            window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
