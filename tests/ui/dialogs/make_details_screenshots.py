"""Remake the details dialog screenshots: ``python tests/ui/dialogs/make_details_screenshots.py``.

Renders offscreen on the sample data (a fixed clock, so the pictures are stable) and writes
docs/screenshots/details*.png (the stage and damaged-database dialogs too).
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtGui import QUndoStack

sys.path.insert(0, str(Path(__file__).parents[1]))
from screenshot_setup import demo_scene, out_folder

from jobtracker.store.errors import CorruptDatabaseError
from jobtracker.ui.dialogs.bad_database import BadDatabaseDialog
from jobtracker.ui.dialogs.details import DetailsDialog
from jobtracker.ui.dialogs.stages import StagesDialog
from jobtracker.ui.theme import light_palette

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def main() -> int:
    out = out_folder()
    with demo_scene(NOW) as scene:
        app, services, clock = scene.app, scene.services, scene.clock
        app.setPalette(light_palette())
        undo_stack = QUndoStack()
        # the richest card: the most people and interviews
        chosen = max(
            services.board.cards(),
            key=lambda c: (len(services.applications.get(c.id).interviews), c.id),
        )
        dialog = DetailsDialog(services, undo_stack, chosen.id)
        dialog.resize(640, 760)
        dialog.show()
        recruiter = services.applications.get(chosen.id).contacts[0].name.split()[0]
        for hours, kind, text in (
            (5, "call", f"{recruiter}: they liked the take-home, onsite next"),
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
            dialog.grab().save(str(out / f"details{suffix}.png"))
        dialog.tabs.setCurrentIndex(0)
        dialog.form.url.setText("jobs.example.com/42")
        dialog.save()
        app.processEvents()
        dialog.grab().save(str(out / "details-validation.png"))
        dialog.form.set_details(services.applications.get(chosen.id), None)

        new = DetailsDialog(services, undo_stack, None)
        new.resize(640, 760)
        new.show()
        new.form.company.setText(chosen.company)
        new.check_same_company()
        scene.save(new, out / "details-new.png")
        new.form.company.clear()
        stages = StagesDialog(services, undo_stack)
        stages.show()
        stages.list.setCurrentRow(2)
        scene.save(stages, out / "details-stages.png")

        damaged = Path("/home/you/.local/share/jobtracker/jobtracker.sqlite3")  # only shown
        problem = CorruptDatabaseError(
            f"The database {damaged} is damaged (file is not a database). It was not changed."
        )
        scene.save(BadDatabaseDialog(problem, damaged), out / "details-bad-database.png")
        for window in (dialog, new, stages):
            window.done(0)
    print(f"wrote {out}/details*.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
