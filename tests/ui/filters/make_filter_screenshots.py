"""Remake the filter bar screenshots: the demo board, tagged, with the bar open, a filter
set and a column sorted, at 1280x800, light and dark.

    python tests/ui/filters/make_filter_screenshots.py [OUTPUT_FOLDER]   (default: docs/screenshots)

Offscreen, with the Fusion style, a fixed clock and fixed palettes, as make_screenshots.py.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from jobtracker.domain.card_filters import CardFilter
from jobtracker.domain.clock import FakeClock
from jobtracker.domain.demo import fill_with_sample_data
from jobtracker.domain.services import Services
from jobtracker.store.db import open_store
from jobtracker.ui.main_window import MainWindow
from jobtracker.ui.theme import app_style, dark_palette, light_palette

sys.path.insert(0, str(Path(__file__).parents[1]))
from make_screenshots import NOW

#: tags given to the demo cards in turn
TAGGING = (("remote",), ("referral", "fintech"), ("Berlin",), ())


def shoot(
    app: QApplication, services: Services, palette: QPalette, path: Path, folder: Path
) -> None:
    app.setPalette(palette)
    settings = QSettings(str(folder / f"{path.stem}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, settings)
    window.setGeometry(0, 0, 1280, 800)
    window.show()
    app.processEvents()
    window.board.finish_loading()
    window.filters.show_bar(True)
    assert window.filters.bar is not None
    window.filters.bar.set_filter(CardFilter(tags=("referral",), applied_days=90))
    window.filters.sort_column("Applied", "excitement")
    app.processEvents()
    window.grab().save(str(path))
    window.close()
    print(path)


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[3] / "docs/screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    app.setStyle(app_style())
    with tempfile.TemporaryDirectory(prefix="jobtracker-shots-") as scratch:
        folder = Path(scratch)
        clock = FakeClock(NOW)
        with open_store(folder / "demo.sqlite3", owner="screenshots") as store:
            services = Services(store, clock)
            fill_with_sample_data(services)
            for n, card in enumerate(services.board.cards()):
                if TAGGING[n % len(TAGGING)]:
                    services.tags.add([card.id], list(TAGGING[n % len(TAGGING)]))
            clock.advance(days=2, hours=3)
            shoot(app, services, light_palette(), out / "filters-light.png", folder)
            shoot(app, services, dark_palette(), out / "filters-dark.png", folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
