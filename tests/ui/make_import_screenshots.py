"""Remake the import wizard screenshots: ``python tests/ui/make_import_screenshots.py``.

Renders offscreen (a fixed clock, a fresh database) and writes docs/screenshots/import-*.png.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from screenshot_setup import demo_scene, out_folder

from jobtracker.ui.dialogs.import_wizard import ImportWizard

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
SHOTS = (
    ("import-1-file.png", FIXTURES / "bad" / "xlsx_renamed.csv", 1),
    ("import-2-mapping.png", FIXTURES / "bad" / "unknown_stages.csv", 1),
    ("import-3-preview.png", FIXTURES / "bad" / "impossible_dates.csv", 2),
    ("import-4-summary.png", FIXTURES / "spreadsheet_us.csv", 3),
)


def main() -> int:
    out = out_folder()
    with demo_scene(datetime(2026, 3, 10, 9, tzinfo=UTC), sample=False) as scene:
        next(scene.tones())  # light
        for name, path, steps in SHOTS:
            wizard = ImportWizard(scene.services, path)
            wizard.show()
            for _ in range(steps):
                wizard.next()
                scene.app.processEvents()
            scene.save(wizard, out / name)
            wizard.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
