"""Screenshots of the People view, its merge dialog and the person editor, light and dark.

    python tests/ui/people/make_people_screenshots.py [OUTPUT_FOLDER]  (default: docs/screenshots)

The demo data with a fixed clock and fixed palettes, so the pictures change only when the
look does; a second "Sofia" makes a duplicate to merge.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QPalette, QUndoStack
from PySide6.QtWidgets import QApplication, QWidget

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.demo import fill_with_sample_data
from jobtracker.domain.services import Services
from jobtracker.store.db import open_store
from jobtracker.ui.people.merge_dialog import MergeDialog
from jobtracker.ui.people.person_dialog import PersonDialog
from jobtracker.ui.people.window import PeopleWindow
from jobtracker.ui.theme import app_style, dark_palette, light_palette

NOW = datetime(2026, 3, 10, 10, 30, tzinfo=UTC)


def save(app: QApplication, widget: QWidget, path: Path) -> None:
    widget.show()
    app.processEvents()
    widget.grab().save(str(path))
    print(path)


def shoot(app: QApplication, services: Services, palette: QPalette, out: Path, tone: str) -> None:
    app.setPalette(palette)
    window = PeopleWindow(services, QUndoStack())
    busiest = max(window.model.people, key=lambda p: len(p.applications))
    window.select_ids([busiest.id], current=busiest.id)
    save(app, window, out / f"people-{tone}.png")
    twins = [p for p in window.model.people if p.email.lower() == busiest.email.lower()]
    if len(twins) > 1:
        merge = MergeDialog(twins, window)
        save(app, merge, out / f"people-merge-{tone}.png")
        merge.close()
    editor = PersonDialog(services.contacts.get(busiest.id), window, with_role=True)
    editor.edits["email"].setText("not an address")
    editor.accept()  # refused: shows the problem beside the field
    save(app, editor, out / f"people-edit-{tone}.png")
    editor.close()
    window.close()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[3] / "docs/screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    app.setStyle(app_style())
    with tempfile.TemporaryDirectory(prefix="jobtracker-people-") as scratch:
        clock = FakeClock(NOW)
        with open_store(Path(scratch) / "demo.sqlite3", owner="screenshots") as store:
            services = Services(store, clock)
            fill_with_sample_data(services)
            busiest = max(services.people.everyone(), key=lambda p: len(p.applications))
            services.contacts.add(
                busiest.name.split()[0] + " " + busiest.name.split()[-1][0] + ".",
                email=busiest.email.upper(), title="Talent Partner",
            )  # fmt: skip
            clock.advance(days=2, hours=3)
            shoot(app, services, light_palette(), out, "light")
            shoot(app, services, dark_palette(), out, "dark")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
