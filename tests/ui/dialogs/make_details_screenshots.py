"""Remake the details dialog screenshots: ``python tests/ui/dialogs/make_details_screenshots.py``.

Renders offscreen on the sample data (a fixed clock, so the pictures are stable) and writes
docs/screenshots/details*.png (the stage and damaged-database dialogs too).
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.demo import fill_with_sample_data
from jobtracker.domain.services import Services
from jobtracker.store.db import open_store
from jobtracker.store.errors import CorruptDatabaseError
from jobtracker.ui.dialogs.bad_database import BadDatabaseDialog
from jobtracker.ui.dialogs.details import DetailsDialog
from jobtracker.ui.dialogs.stages import StagesDialog

OUT = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        clock = FakeClock(NOW)
        services = Services(open_store(Path(scratch) / "demo.sqlite3", owner="screenshots"), clock)
        fill_with_sample_data(services)
        undo_stack = QUndoStack()
        # the richest card: the most people and interviews
        chosen = max(
            services.board.cards(),
            key=lambda c: (len(services.applications.get(c.id).interviews), c.id),
        )
        dialog = DetailsDialog(services, undo_stack, chosen.id)
        dialog.resize(640, 760)
        dialog.show()
        for hours, kind, text in (
            (5, "call", "Sofia: they liked the take-home, onsite next"),
            (26, "heard_back", "Onsite confirmed for the 16th, 13:00"),
        ):
            clock.advance(hours=hours)
            panel = dialog.timeline
            panel.kind.setCurrentIndex(panel.kind.findData(kind))
            panel.text.setText(text)
            panel.add_entry()
        for index, suffix in enumerate(("", "-people", "-interviews", "-timeline")):
            dialog.tabs.setCurrentIndex(index)
            app.processEvents()
            dialog.grab().save(str(OUT / f"details{suffix}.png"))
        dialog.tabs.setCurrentIndex(0)
        dialog.form.url.setText("jobs.example.com/42")
        dialog.save()
        app.processEvents()
        dialog.grab().save(str(OUT / "details-validation.png"))
        dialog.form.set_details(services.applications.get(chosen.id), None)

        new = DetailsDialog(services, undo_stack, None)
        new.resize(640, 760)
        new.show()
        new.form.company.setText(chosen.company)
        new.check_same_company()
        app.processEvents()
        new.grab().save(str(OUT / "details-new.png"))
        new.form.company.clear()
        stages = StagesDialog(services, undo_stack)
        stages.show()
        stages.list.setCurrentRow(2)
        app.processEvents()
        stages.grab().save(str(OUT / "details-stages.png"))

        damaged = Path("/home/you/.local/share/jobtracker/jobtracker.sqlite3")  # only shown
        problem = CorruptDatabaseError(
            f"The database {damaged} is damaged (file is not a database). It was not changed."
        )
        bad = BadDatabaseDialog(problem, damaged)
        bad.show()
        app.processEvents()
        bad.grab().save(str(OUT / "details-bad-database.png"))
        for window in (dialog, new, stages, bad):
            window.done(0)
            window.deleteLater()
        # delete the widgets now, before the interpreter tears objects down in any order
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        del undo_stack
        services.close()
    print(f"wrote {OUT}/details*.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
