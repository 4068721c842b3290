"""What screen readers are told about controls that Qt would leave unnamed or misnamed.

On Linux Qt names a combo box by its current text and leaves screen readers to find its
label through the label's buddy (Orca reads "Currency, combo box, EUR" that way); a field
shows its placeholder to them as its description even once it is filled in.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget


def name_for_screen_readers(root: QWidget) -> None:
    """Name ``root``'s combo boxes by their labels and keep placeholders to empty fields;
    call once its widgets are laid out (a label names its buddy among its siblings)."""
    for combo in root.findChildren(QComboBox):
        buddy = _buddy(combo)
        name = combo.accessibleName() or (_plain(buddy.text()) if buddy is not None else "")
        if not name:
            continue
        field = combo.lineEdit()
        if field is not None:  # an editable one's text field is focused itself
            field.setAccessibleName(name)
        parent = combo.parentWidget()
        if buddy is None and parent is not None:  # no label on screen: a hidden one
            label = QLabel(name, parent)
            label.setBuddy(combo)
            label.hide()
    placeholders_while_empty(root)


def _buddy(widget: QWidget) -> QLabel | None:
    parent = widget.parentWidget()
    labels = parent.findChildren(QLabel) if parent is not None else []
    return next((label for label in labels if label.buddy() is widget), None)


def _plain(label: str) -> str:
    """A label's words without its mnemonic and colon: "&Source:" -> "Source"."""
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(":").strip()


def placeholders_while_empty(root: QWidget) -> None:
    """Keep each line edit's placeholder only while it is empty, where it is seen: Qt tells
    screen readers a field's placeholder as its description, and a filled field's example
    ("Acme Robotics" under "Company") is then read as if it described the field."""
    for edit in root.findChildren(QLineEdit):
        hint = edit.placeholderText()
        if not hint or edit.parentWidget() is None or isinstance(edit.parentWidget(), QComboBox):
            continue

        def show_or_hide(text: str, edit: QLineEdit = edit, hint: str = hint) -> None:
            edit.setPlaceholderText("" if text else hint)

        edit.textChanged.connect(show_or_hide)
        show_or_hide(edit.text())
