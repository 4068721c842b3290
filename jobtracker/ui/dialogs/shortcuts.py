"""Help → Keyboard Shortcuts: every shortcut the window really has, read from its actions.

Reading the actions keeps the list true when someone adds or changes a shortcut. Each is
named by its action's name (its icon text: "Undo", never the undo entry "Undo Import 8
applications from …"), grouped by its menu, or by its panel (a dock's title) when it is in
none. Keys that are not actions (arrows, Enter on a card) come from the caller as extra
rows; an extra row naming a key an action already lists ("Ctrl+Z / Ctrl+Shift+Z") is left
out. Other windows' keys (the draft editor's) come as groups of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jobtracker.ui.tree_items import children

Row = tuple[str, str]


def _plain(text: str) -> str:
    """Menu text without its mnemonic and ellipsis: "&Open…" -> "Open"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(".…")


def _native(keys: str) -> str:
    """ "Delete" -> "Del": how the action rows spell the same keys."""
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText) or keys


def action_rows(window: QMainWindow) -> dict[str, list[Row]]:
    """(keys, what) per menu title, in menu order; actions outside menus under their
    panel's title, else under "Window"."""
    groups: dict[str, list[Row]] = {}
    seen: set[int] = set()

    def add(group: str, action: QAction) -> None:
        keys = action.shortcuts()
        if not keys or id(action) in seen:
            return
        seen.add(id(action))
        shown = " or ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
        groups.setdefault(group, []).append((shown, _plain(action.iconText())))

    for menu_action in window.menuBar().actions():
        for action in _menu_actions(menu_action.menu()):
            add(_plain(menu_action.text()), action)
    for action in window.findChildren(QAction):
        add(_panel_title(action), action)
    return groups


def _panel_title(action: QAction) -> str:
    """The title of the dock the action's widget sits in ("Today"), else "Window"."""
    owner = action.parent()
    while isinstance(owner, QWidget):
        if isinstance(owner, QDockWidget):
            return _plain(owner.windowTitle())
        owner = owner.parentWidget()
    return "Window"


def _menu_actions(menu: object) -> Iterable[QAction]:
    """The actions of ``menu`` and its submenus (Qt gives an action's menu as a QObject)."""
    if not isinstance(menu, QMenu):
        return
    for action in menu.actions():
        if isinstance(action.menu(), QMenu):
            yield from _menu_actions(action.menu())
        elif not action.isSeparator():
            yield action


class ShortcutsDialog(QDialog):
    """A two-column list of keys and what they do, grouped by menu."""

    def __init__(
        self,
        window: QMainWindow,
        extra: Iterable[Row] = (),
        parent: QWidget | None = None,
        *,
        other_windows: Mapping[str, Iterable[Row]] | None = None,
    ) -> None:
        """``other_windows``: the keys of windows the board opens, by window name."""
        super().__init__(parent or window)
        self.setWindowTitle("Keyboard Shortcuts")
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Keys", "Action"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        groups = action_rows(window)
        known = {
            keys for rows in groups.values() for shown, _ in rows for keys in shown.split(" or ")
        }
        extra = [row for row in extra if not known & {_native(k) for k in row[0].split(" / ")}]
        if extra:
            groups["Board"] = extra
        for name, rows in (other_windows or {}).items():
            groups[name] = list(rows)
        for group, rows in groups.items():
            heading = QTreeWidgetItem([group])
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            heading.setFirstColumnSpanned(False)
            self.tree.addTopLevelItem(heading)
            for keys, what in rows:
                item = QTreeWidgetItem(heading, [keys, what])
                item.setToolTip(1, what)
        self.tree.expandAll()
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(560, 560)

    def rows(self) -> list[tuple[str, str, str]]:
        """(group, keys, what) as shown, for tests and screen readers' summaries."""
        shown = []
        for index in range(self.tree.topLevelItemCount()):
            heading = self.tree.topLevelItem(index)
            for item in children(heading):
                shown.append((heading.text(0) if heading else "", item.text(0), item.text(1)))
        return shown


def show_shortcuts(
    window: QMainWindow,
    extra: Iterable[Row] = (),
    other_windows: Mapping[str, Iterable[Row]] | None = None,
) -> None:
    ShortcutsDialog(window, extra, other_windows=other_windows).exec()
