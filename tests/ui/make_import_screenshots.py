"""Remake the import wizard screenshots: ``python tests/ui/make_import_screenshots.py``.

Renders offscreen (a fixed clock, a fresh database) and writes docs/screenshots/import-*.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.services import Services
from jobtracker.store.db import open_store
from jobtracker.ui.dialogs.import_wizard import ImportWizard

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
FIXTURES = ROOT / "tests" / "fixtures" / "import"


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "shots.sqlite3", owner="screenshots")
        services = Services(store, FakeClock(datetime(2026, 3, 10, 9, tzinfo=UTC)))
        shots = [
            ("import-1-file.png", FIXTURES / "bad" / "xlsx_renamed.csv", 1),
            ("import-2-mapping.png", FIXTURES / "bad" / "unknown_stages.csv", 1),
            ("import-3-preview.png", FIXTURES / "bad" / "impossible_dates.csv", 2),
            ("import-4-summary.png", FIXTURES / "spreadsheet_us.csv", 3),
        ]
        for name, path, steps in shots:
            wizard = ImportWizard(services, path)
            wizard.show()
            for _ in range(steps):
                wizard.next()
                app.processEvents()
            app.processEvents()
            wizard.grab().save(str(OUT / name))
            print(OUT / name)
            wizard.close()
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
