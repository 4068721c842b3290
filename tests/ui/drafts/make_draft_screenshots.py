"""Remake the draft editor screenshots: ``python tests/ui/drafts/make_draft_screenshots.py``.

Renders offscreen on the sample data with a fixed clock: a thank-you note to the interviewer
of the most recent past interview, with both inputs filled, in the app's light and dark palettes.
Writes docs/screenshots/drafts-editor.png and drafts-editor-dark.png.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtTest import QTest

sys.path.insert(0, str(Path(__file__).parents[1]))
from screenshot_setup import PALETTES, demo_scene, out_folder

from jobtracker.domain.services import Services
from jobtracker.ui.drafts.editor import DraftEditor

#: a Tuesday evening, the day after several sample interviews
NOW = datetime(2026, 3, 10, 17, 30, tzinfo=UTC)
INPUTS = (
    "how your team moved its nightly batch jobs to streaming",
    "I led a similar migration at my last job, with zero downtime",
)
#: each tone's picture
NAMES = {"light": "drafts-editor.png", "dark": "drafts-editor-dark.png"}


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


def main() -> int:
    out = out_folder()
    for tone, palette in PALETTES.items():  # a fresh sample each, so each starts a new draft
        with demo_scene(NOW) as scene:
            scene.app.setPalette(palette())
            services = scene.services
            services.profile.save("Alex Morgan", "alex.morgan@example.com", "+44 20 7946 0000")
            editor = DraftEditor(services, latest_interviewed(services), "thank-you")
            editor.resize(1040, 720)
            editor.show()
            for edit, text in zip(editor.inputs.edits.values(), INPUTS, strict=False):
                QTest.keyClicks(edit, text)  # typed, so the draft re-renders live
            scene.save(editor, out / NAMES[tone])
            editor.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
