"""The due badge: the count it shows, said to screen readers, painted only when it changes
(it is set again after every write)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from jobtracker.ui.board.badge_button import BadgeButton


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.count += event.type() == QEvent.Type.Paint
        return False


def test_the_badge_repaints_only_when_its_count_changes(qtbot) -> None:
    button = BadgeButton()
    button.setText("Reminders")
    qtbot.addWidget(button)
    button.show()
    qtbot.waitExposed(button)
    paints = _Paints()
    button.installEventFilter(paints)
    button.set_count(3)
    qtbot.waitUntil(lambda: paints.count > 0)
    assert button.accessibleName() == "Reminders, 3 due"
    painted = paints.count
    button.set_count(3)
    QApplication.processEvents()
    assert paints.count == painted
    button.set_count(0)
    qtbot.waitUntil(lambda: paints.count > painted)
    assert button.accessibleName() == "Reminders" and button.count == 0
