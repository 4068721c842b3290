"""When the database cannot be opened at start: say what is wrong and what can be done.

A damaged file offers "Restore newest backup" (the damaged file is kept aside, never
written); a file from a newer jobtracker or an unknown SQLite file offers only "Quit"; a file
locked by another program (not a jobtracker window, those are handed over before this)
offers "Try again" once that program is done.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from jobtracker.domain.backups import newest_verified_backup, restore_file
from jobtracker.domain.clock import SYSTEM_CLOCK, Clock
from jobtracker.domain.services import Services, open_services
from jobtracker.store.errors import (
    AccessDeniedError,
    CorruptDatabaseError,
    DatabaseLockedError,
    DiskFullError,
    ForeignFileError,
    NewerDatabaseError,
    ReadOnlyDatabaseError,
    StoreError,
)

if TYPE_CHECKING:
    from jobtracker.store.check import OpenCheck

#: dialog results besides Rejected (= Quit)
RESTORED = 2
RETRY = 3

_HEADLINES = {
    CorruptDatabaseError: "The database is damaged",
    NewerDatabaseError: "The database is from a newer jobtracker",
    DatabaseLockedError: "The database is in use by another program",
    ForeignFileError: "The file is not a jobtracker database",
    ReadOnlyDatabaseError: "The database is read-only",
    AccessDeniedError: "jobtracker may not use the database",
    DiskFullError: "The disk is full",
}


class BadDatabaseDialog(QDialog):
    """Explains one StoreError about ``database_path`` and offers what fits it."""

    def __init__(
        self,
        error: StoreError,
        database_path: Path,
        parent: QWidget | None = None,
        *,
        clock: Clock = SYSTEM_CLOCK,
    ) -> None:
        from jobtracker.ui.dialogs.widgets import FieldError  # loaded only when a start fails

        super().__init__(parent)
        self.error = error
        self.database_path = database_path
        self.clock = clock
        self.restored_aside: Path | None = None
        self.newest = (
            newest_verified_backup(database_path)
            if isinstance(error, CorruptDatabaseError)
            else None
        )
        self.setWindowTitle("jobtracker cannot open the database")

        icon = QLabel()
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(48, 48)
        )
        headline = next(
            (text for kind, text in _HEADLINES.items() if isinstance(error, kind)),
            "The database cannot be opened",
        )
        self.headline = QLabel(headline)
        font = self.headline.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.headline.setFont(font)
        # the store's message ends with advice for the command line; the buttons replace it
        what = str(error).splitlines()[0] if isinstance(error, CorruptDatabaseError) else str(error)
        self.details = QLabel(what)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.advice = QLabel(self._advice())
        self.advice.setWordWrap(True)
        self.problem = FieldError()

        self.buttons = QDialogButtonBox()
        self.restore_button: QPushButton | None = None
        self.retry_button: QPushButton | None = None
        if self.newest is not None:
            self.restore_button = self.buttons.addButton(
                "&Restore newest backup", QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.restore_button.clicked.connect(self.restore)
            self.restore_button.setDefault(True)
        if isinstance(error, DatabaseLockedError):
            self.retry_button = self.buttons.addButton(
                "&Try again", QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.retry_button.clicked.connect(lambda: self.done(RETRY))
        self.quit_button = self.buttons.addButton("&Quit", QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.headline)
        layout.addWidget(self.details)
        layout.addWidget(self.advice)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def _advice(self) -> str:
        if isinstance(self.error, CorruptDatabaseError):
            if self.newest is None:
                return (
                    "There is no verified backup to restore. The file was left as it is; "
                    "a data-recovery tool for SQLite may still rescue it."
                )
            from jobtracker.ui.dialogs.widgets import local_text

            return (
                f"The newest verified backup was taken {local_text(self.newest.taken_at, None)}. "
                "Restoring it keeps the damaged file beside it, renamed, untouched."
            )
        if isinstance(self.error, NewerDatabaseError):
            return "Install the newer jobtracker to open it. Nothing was changed."
        if isinstance(self.error, DatabaseLockedError):
            return "Close that program, or wait until it has finished, then try again."
        return "Nothing was changed."

    def restore(self) -> None:
        """Put the newest verified backup in place (under the writer lock) and carry on."""
        if self.newest is None:
            return
        try:
            self.restored_aside = restore_file(self.newest.path, self.database_path, self.clock)
        except StoreError as exc:
            self.problem.show_message(f"Restoring failed: {exc}")
            return
        self.done(RESTORED)


def open_services_for_window(
    database_path: Path,
    parent: QWidget | None = None,
    *,
    clock: Clock = SYSTEM_CLOCK,
    check: OpenCheck | None = None,
) -> Services | None:
    """Open the database for the window; on trouble explain it and let the person choose.

    ``check`` serves the first attempt (see :func:`open_store`); after a restore the file is
    checked again. Returns None when the person chose Quit.
    """
    while True:
        try:
            owner = "jobtracker window"
            return open_services(database_path, owner=owner, clock=clock, check=check)
        except StoreError as error:
            check = None
            dialog = BadDatabaseDialog(error, database_path, parent, clock=clock)
            if dialog.exec() not in (RESTORED, RETRY):
                return None
