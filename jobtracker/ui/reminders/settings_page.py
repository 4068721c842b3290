"""The follow-up page of the settings dialog: every rule's delay and cap, quiet hours,
notifications, the tray and Start at login, built from ``followup_settings.SETTING_SPECS``.

The dialog embeds :class:`FollowupSettingsPage` and calls :meth:`apply` on OK; nothing is
stored before that.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from jobtracker.domain.errors import ValidationError
from jobtracker.domain.followup_settings import SETTING_SPECS, FollowupSettings, parse_clock_time
from jobtracker.domain.services import Services
from jobtracker.platform import autostart

Editor = QCheckBox | QSpinBox | QTimeEdit | QLineEdit

#: settings edited as free text (checked when applied), with a placeholder
TEXT_SETTINGS = {"time_zone": "e.g. Europe/Berlin", "work_days": "e.g. Mon-Fri"}


def _suffix(count: int, unit: str) -> str:
    """ " 1 day", " 3 days": a spin box's unit in the right number."""
    return f" {unit.removesuffix('s')}" if count == 1 else f" {unit}"


class FollowupSettingsPage(QWidget):
    """One editor per follow-up setting, plus Start at login."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.editors: dict[str, Editor] = {}
        form = QFormLayout()
        current = services.followups.settings()
        for spec in SETTING_SPECS:
            value = getattr(current, spec.name)
            editor = self._editor(spec.name, value, spec.low, spec.high, spec.unit)
            editor.setObjectName(spec.name)
            editor.setAccessibleName(spec.label)
            self.editors[spec.name] = editor
            if isinstance(editor, QCheckBox):
                editor.setText(spec.label)
                form.addRow(editor)
            else:
                form.addRow(f"{spec.label}:", editor)
        quiet = self.editors["quiet_hours"]
        if not isinstance(quiet, QCheckBox):
            raise TypeError("quiet_hours is a yes/no setting")
        for name in ("quiet_start", "quiet_end"):
            self.editors[name].setEnabled(quiet.isChecked())
            quiet.toggled.connect(self.editors[name].setEnabled)
        self.autostart = QCheckBox("Start at login (in the tray, without the window)", self)
        self.autostart.setChecked(autostart.is_enabled())
        form.addRow(self.autostart)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)

    def _editor(self, name: str, value: Any, low: int, high: int, unit: str) -> Editor:
        if name in TEXT_SETTINGS:
            line = QLineEdit(value, self)
            line.setPlaceholderText(TEXT_SETTINGS[name])
            return line
        if isinstance(value, bool):
            box = QCheckBox(self)
            box.setChecked(value)
            return box
        if isinstance(value, int):
            spin = QSpinBox(self)
            spin.setRange(low, high)
            spin.setValue(value)
            if unit:
                spin.setSuffix(_suffix(value, unit))
                spin.valueChanged.connect(lambda n: spin.setSuffix(_suffix(n, unit)))
            return spin
        wall = parse_clock_time(name, value)
        edit = QTimeEdit(QTime(wall.hour, wall.minute), self)
        edit.setDisplayFormat("HH:mm")
        return edit

    def values(self) -> dict[str, Any]:
        """What the editors hold, as settings values."""
        values: dict[str, Any] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QCheckBox):
                values[name] = editor.isChecked()
            elif isinstance(editor, QSpinBox):
                values[name] = editor.value()
            elif isinstance(editor, QLineEdit):
                values[name] = editor.text()
            else:
                values[name] = editor.time().toString("HH:mm")
        return values

    def apply(self) -> FollowupSettings | None:
        """Store the settings (recomputing reminders) and Start at login; None and a message
        on the page when a value is refused."""
        try:
            saved = self.services.followups.save_settings(**self.values())
            autostart.set_enabled(self.autostart.isChecked())
        except (ValidationError, OSError) as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return None
        self.problem.hide()
        return saved

    def restore_defaults(self) -> None:
        """Put the default values in the editors (stored on :meth:`apply`)."""
        for name, value in asdict(FollowupSettings()).items():
            editor = self.editors[name]
            if isinstance(editor, QCheckBox):
                editor.setChecked(value)
            elif isinstance(editor, QSpinBox):
                editor.setValue(value)
            elif isinstance(editor, QLineEdit):
                editor.setText(value)
            else:
                wall = parse_clock_time(name, value)
                editor.setTime(QTime(wall.hour, wall.minute))
