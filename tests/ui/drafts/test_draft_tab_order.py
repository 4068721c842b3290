"""Tab in the draft editor walks its controls in the order they are seen: the list of
drafts on the left, then the editor from the top down, each row from left to right; and it
reaches every one of them, whatever template's fields are shown."""

from __future__ import annotations

from collections.abc import Callable
from itertools import zip_longest

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from jobtracker.ui.drafts.editor import DraftEditor
from tests.ui.drafts.test_draft_editor import app_id, open_editor  # noqa: F401 (fixtures)
from tests.ui.keyboard import controls, names, reading_order, tab_walk


def test_tab_follows_the_screen_and_reaches_every_control(
    qtbot: QtBot,
    open_editor: Callable[..., DraftEditor],  # noqa: F811 (a fixture)
    app_id: int,  # noqa: F811 (a fixture)
) -> None:
    editor = open_editor(app_id, "thank-you")
    editor.resize(1100, 760)
    qtbot.waitExposed(editor)
    for template in ("thank-you", "follow-up", "thank-you"):  # fields rebuilt each time
        editor.template_box.setCurrentIndex(editor.template_box.findData(template))
        editor.template_box.activated.emit(editor.template_box.currentIndex())
        QApplication.processEvents()
        expected = reading_order(editor, controls(editor))
        assert len(expected) >= 15, names(expected)
        walked = tab_walk(expected[0], limit=4 * len(expected))
        assert names(walked) == names(expected), "\n".join(
            [f"{template}: Tab walked / seen on screen:"]
            + [f"{a:45} {b}" for a, b in zip_longest(names(walked), names(expected), fillvalue="")]
        )
