"""Remake the draft editor screenshots: ``python tests/ui/drafts/make_draft_screenshots.py``.

Renders offscreen on the sample data with a fixed clock: a thank-you note to the interviewer
of the most recent past interview, with both inputs filled, in the app's light and dark palettes.
Writes docs/screenshots/drafts-editor.png and drafts-editor-dark.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.demo import fill_with_sample_data
from jobtracker.domain.services import Services
from jobtracker.store.db import open_store
from jobtracker.ui.drafts.editor import DraftEditor
from jobtracker.ui.theme import app_style, dark_palette, light_palette

OUT = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
#: a Tuesday evening, the day after several sample interviews
NOW = datetime(2026, 3, 10, 17, 30, tzinfo=UTC)
INPUTS = (
    "how your team moved its nightly batch jobs to streaming",
    "I led a similar migration at my last job, with zero downtime",
)


def latest_interviewed(services: Services) -> int:
    """The application whose interview ended most recently before now."""
    now = services.clock.now()
    past = [
        (interview.ends_at, card.id)
        for card in services.board.cards()
        for interview in services.interviews.for_application(card.id)
        if interview.ends_at <= now
    ]
    return max(past)[1]


def shoot(app: QApplication, palette: QPalette, path: Path) -> None:
    """One editor on a fresh sample database, so each picture starts from a new draft."""
    app.setPalette(palette)
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["XDG_CONFIG_HOME"] = scratch  # the profile is kept in the user's settings
        store = open_store(Path(scratch) / "demo.sqlite3", owner="screenshots")
        services = Services(store, FakeClock(NOW))
        try:
            fill_with_sample_data(services)
            services.profile.save("Alex Morgan", "alex.morgan@example.com", "+44 20 7946 0000")
            editor = DraftEditor(services, latest_interviewed(services), "thank-you")
            editor.resize(1040, 720)
            editor.show()
            for edit, text in zip(editor.inputs.edits.values(), INPUTS, strict=False):
                QTest.keyClicks(edit, text)  # typed, so the draft re-renders live
            app.processEvents()
            editor.grab().save(str(path))
            editor.close()
            editor.deleteLater()
            app.processEvents()
        finally:
            services.close()
    print(path)


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setStyle(app_style())
    OUT.mkdir(parents=True, exist_ok=True)
    shoot(app, light_palette(), OUT / "drafts-editor.png")
    shoot(app, dark_palette(), OUT / "drafts-editor-dark.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
