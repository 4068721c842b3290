"""The import wizard: choose a file, check the column mapping, preview every row with its
problems, then import in one transaction and show what happened.

A CSV file goes through all four pages; a jobtracker JSON backup skips the mapping and is
restored into the (empty) database. Nothing is written before the Import button.

Signals:
    imported(list): the ids of the applications added (empty after a backup restore).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QDir, Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyle,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from jobtracker.domain.errors import DomainError
from jobtracker.domain.services import Services
from jobtracker.domain.transfer import formats, json_io
from jobtracker.domain.transfer.csv_apply import ImportResult
from jobtracker.domain.transfer.csv_import import (
    ADD,
    INVALID,
    MERGE,
    SKIP,
    ImportOptions,
    ImportPreview,
)
from jobtracker.domain.transfer.dates import DMY, MDY
from jobtracker.domain.transfer.problems import ERROR
from jobtracker.domain.transfer.reading import DELIMITER_NAMES
from jobtracker.domain.transfer.service import is_backup_file, transfer_for
from jobtracker.text import counted
from jobtracker.ui.dialogs.widgets import warning_color

FILE_PAGE, MAPPING_PAGE, PREVIEW_PAGE, SUMMARY_PAGE = range(4)
NOT_A_FIELD = ""
CREATE, MAP_PREFIX = "create", "map:"
ACTION_WORDS = {ADD: "Add", MERGE: "Merge", SKIP: "Skip (duplicate)", INVALID: "Problem"}
FILE_FILTER = "Spreadsheets and backups (*.csv *.tsv *.txt *.json);;All files (*)"


def _wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ImportWizard(QWizard):
    """Holds the import's state; the pages show and change it."""

    imported = Signal(list)

    def __init__(
        self, services: Services, path: Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.transfer = transfer_for(services)
        self.import_options = ImportOptions()
        self.path: Path | None = None
        self.preview: ImportPreview | None = None
        self.backup: dict[str, Any] | None = None
        self.outcome: ImportResult | None = None
        self.restored: dict[str, int] | None = None
        self.setWindowTitle("Import applications")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.summary_page = SummaryPage(self)
        for page_id, page in enumerate(
            (self.file_page, self.mapping_page, self.preview_page, self.summary_page)
        ):
            self.setPage(page_id, page)
        self.resize(860, 600)
        if path is not None:
            self.file_page.path_edit.setText(str(path))

    def load(self, path: Path) -> None:
        """Read ``path`` afresh (a new file resets the choices); raises DomainError."""
        if path != self.path:
            self.import_options = ImportOptions()
        self.path = path
        self.preview = self.backup = None
        if is_backup_file(path):
            self.backup = json_io.load_backup(path)
        else:
            self.preview = self.transfer.preview(path, self.import_options)

    def refresh(self) -> None:
        """Plan again with the current options (after the person changed one)."""
        assert self.path is not None
        self.preview = self.transfer.preview(self.path, self.import_options)

    def commit(self) -> None:
        """Write: one transaction, all or nothing; raises DomainError."""
        assert self.path is not None
        if self.backup is not None:
            self.restored = self.transfer.restore_backup(self.path)
            self.imported.emit([])
            return
        assert self.preview is not None
        self.outcome = self.transfer.apply(self.preview)
        self.imported.emit(list(self.outcome.application_ids))


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("Choose a file")
        self.setSubTitle(
            "A CSV file saved from a spreadsheet, an export from Huntr or JobSync, or a "
            "jobtracker backup (.json). Nothing is written until you press Import."
        )
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("Path to a .csv or .json file")
        self.path_edit.textChanged.connect(self._changed)
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.error_icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.error_icon.setPixmap(icon.pixmap(size, size))
        self.error_label = _wrapped()
        palette = self.error_label.palette()
        palette.setColor(self.error_label.foregroundRole(), warning_color(palette))
        self.error_label.setPalette(palette)
        error_row = QHBoxLayout()
        error_row.addWidget(self.error_icon, 0, Qt.AlignmentFlag.AlignTop)
        error_row.addWidget(self.error_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(error_row)
        layout.addStretch(1)
        hint = _wrapped(
            "Columns are recognised by name (Company or Employer, Role or Position, Stage or "
            "Status, Date Applied, Link, Salary, Notes, Contact …); you can change the "
            "mapping on the next page."
        )
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(hint)
        self._show_error("")

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))
        self.error_icon.setVisible(bool(text))

    def _changed(self) -> None:
        self._show_error("")
        self.completeChanged.emit()

    def _browse(self) -> None:
        start = self.path_edit.text() or QDir.homePath()
        chosen, _ = QFileDialog.getOpenFileName(self, "Import from", start, FILE_FILTER)
        if chosen:
            self.path_edit.setText(chosen)

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        path = Path(self.path_edit.text().strip()).expanduser()
        try:
            self._wizard.load(path)
        except DomainError as exc:
            self._show_error(str(exc))
            return False
        return True

    def nextId(self) -> int:
        return PREVIEW_PAGE if self._wizard.backup is not None else MAPPING_PAGE


class MappingPage(QWizardPage):
    """Which column is which field, what to do with unknown stages, duplicates, dates."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("Check the columns")
        self.setSubTitle(
            "Each column of the file and the field it fills; change any that are wrong."
        )
        self.about = _wrapped()
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Column in the file", "Example", "Import as"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.stages_box = QGroupBox("Stages that are not on your board")
        self.stages_form = QFormLayout(self.stages_box)
        self.duplicates = QComboBox()
        self.duplicates.addItem("Skip it", "skip")
        self.duplicates.addItem("Merge the row into it (fill empty fields, add notes)", "merge")
        self.unknown = QComboBox()
        self.unknown.addItem("Keep them in the notes", "notes")
        self.unknown.addItem("Leave them out", "drop")
        self.date_order = QComboBox()
        self.date_order.addItem("Work it out from the file", None)
        self.date_order.addItem("Day first (31/12/2025)", DMY)
        self.date_order.addItem("Month first (12/31/2025)", MDY)
        choices = QFormLayout()
        choices.addRow("When a row is already on the board:", self.duplicates)
        choices.addRow("Columns with no field:", self.unknown)
        choices.addRow("Dates like 03/04/2025:", self.date_order)
        for combo in (self.duplicates, self.unknown, self.date_order):
            combo.currentIndexChanged.connect(self._options_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.stages_box)
        layout.addLayout(choices)
        self._combos: dict[str, QComboBox] = {}
        self._stage_combos: dict[str, QComboBox] = {}
        self._building = False

    def initializePage(self) -> None:
        preview = self._wizard.preview
        assert preview is not None
        self._building = True
        self.about.setText(
            f"<b>{preview.source_name}</b>: {preview.format_name} layout, {preview.encoding}, "
            f"{DELIMITER_NAMES[preview.delimiter]}-separated, {len(preview.rows)} rows."
        )
        self.table.setRowCount(len(preview.headers))
        self._combos.clear()
        for row, header in enumerate(preview.headers):
            self.table.setItem(row, 0, _cell(header))
            self.table.setItem(row, 1, _cell(preview.samples.get(header, "")))
            combo = QComboBox()
            combo.addItem("— no field —", NOT_A_FIELD)
            for key, label in formats.FIELD_LABELS.items():
                combo.addItem(label, key)
            combo.setCurrentIndex(max(0, combo.findData(preview.mapping.get(header, ""))))
            combo.currentIndexChanged.connect(self._options_changed)
            self.table.setCellWidget(row, 2, combo)
            self._combos[header] = combo
        self._set_choice(self.duplicates, self._wizard.import_options.duplicates)
        self._set_choice(self.unknown, self._wizard.import_options.unknown_columns)
        self._set_choice(self.date_order, self._wizard.import_options.date_order)
        self._building = False
        self._show_stages()

    @staticmethod
    def _set_choice(combo: QComboBox, value: object) -> None:
        combo.setCurrentIndex(max(0, combo.findData(value)))

    def _show_stages(self) -> None:
        """One chooser per stage name the board lacks; rebuilt only when the names change,
        so a chooser is never deleted while it is sending its own signal."""
        preview, options = self._wizard.preview, self._wizard.import_options
        assert preview is not None
        names = list(preview.unknown_stages) + [
            n for n in (*options.stage_map, *options.create_stage_names)
            if n not in preview.unknown_stages
        ]  # fmt: skip
        self.stages_box.setVisible(bool(names))
        if sorted(names) == sorted(self._stage_combos):
            return
        while self.stages_form.rowCount():
            self.stages_form.removeRow(0)
        self._stage_combos.clear()
        board = [s.name for s in self._wizard.services.board.stages()]
        for name in names:
            combo = QComboBox()
            combo.addItem("Choose a stage…", None)
            combo.addItem(f"Create the stage “{name}”", CREATE)
            for stage in board:
                combo.addItem(f"Put in {stage}", MAP_PREFIX + stage)
            options = self._wizard.import_options
            if name in options.create_stage_names:
                combo.setCurrentIndex(1)
            elif name in options.stage_map:
                wanted = MAP_PREFIX + options.stage_map[name]
                combo.setCurrentIndex(max(0, combo.findData(wanted)))
            combo.currentIndexChanged.connect(self._options_changed)
            label = QLabel(name)
            label.setToolTip(name)
            self.stages_form.addRow(label, combo)
            self._stage_combos[name] = combo

    def _options_changed(self) -> None:
        if self._building:
            return
        options = self._wizard.import_options
        mapping = {h: c.currentData() for h, c in self._combos.items() if c.currentData()}
        counts: dict[str, int] = {}
        for target in mapping.values():
            counts[target] = counts.get(target, 0) + 1
        twice = [t for t, n in counts.items() if n > 1 and t != formats.IGNORE]
        if twice:
            QMessageBox.information(
                self, "Import", f"Only one column can be {formats.FIELD_LABELS[twice[0]]}."
            )
            QTimer.singleShot(0, self.initializePage)  # not while the sender is signalling
            return
        options.mapping = mapping
        options.duplicates = self.duplicates.currentData()
        options.unknown_columns = self.unknown.currentData()
        options.date_order = self.date_order.currentData()
        options.stage_map = {}
        options.create_stage_names = []
        for name, combo in self._stage_combos.items():
            choice = combo.currentData() or ""
            if choice.startswith(MAP_PREFIX):
                options.stage_map[name] = choice.removeprefix(MAP_PREFIX)
            elif choice == CREATE:
                options.create_stage_names.append(name)
        self._wizard.refresh()
        self._show_stages()


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text.replace("\n", " ⏎ "))
    item.setToolTip(text)
    return item


class PreviewPage(QWizardPage):
    """Every row with what will happen to it and its problems; the Import button."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("Preview")
        self.setSubTitle("What each row becomes. Nothing has been written yet.")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Import")
        self.summary = _wrapped()
        self.model = QStandardItemModel(0, 6, self)
        self.model.setHorizontalHeaderLabels(
            ["Row", "Will", "Company", "Role", "Stage", "Problems"]
        )
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        for column in range(5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.skip_invalid = QCheckBox("Leave out the rows with problems and import the rest")
        self.skip_invalid.toggled.connect(self._skip_toggled)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.skip_invalid)

    def initializePage(self) -> None:
        wizard = self._wizard
        if wizard.backup is not None:
            self._show_backup(wizard.backup)
            return
        self.view.setVisible(True)
        self.skip_invalid.blockSignals(True)
        self.skip_invalid.setChecked(wizard.import_options.skip_invalid)
        self.skip_invalid.blockSignals(False)
        self._fill(wizard.preview)

    def _show_backup(self, backup: dict[str, Any]) -> None:
        counts = {name: len(t["rows"]) for name, t in backup["tables"].items()}
        self.summary.setText(
            f"A jobtracker backup with {counts.get('application', 0)} applications, "
            f"{counts.get('contact', 0)} contacts, {counts.get('interview', 0)} interviews and "
            f"{counts.get('activity', 0)} timeline entries. It is restored into this "
            "database, which must not hold any applications yet."
        )
        self.view.setVisible(False)
        self.skip_invalid.setVisible(False)

    def _fill(self, preview: ImportPreview | None) -> None:
        assert preview is not None
        by_row: dict[int, list[str]] = {}
        for problem in preview.problems:
            where = f"{problem.column}: " if problem.column else ""
            by_row.setdefault(problem.row, []).append(where + problem.message)
        file_problems = by_row.pop(1, [])
        self.model.removeRows(0, self.model.rowCount())
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for planned in preview.rows:
            texts = by_row.get(planned.row, [])
            cells = [
                str(planned.row), ACTION_WORDS[planned.action], planned.company, planned.role,
                planned.stage or "—", "; ".join(texts),
            ]  # fmt: skip
            items = []
            for text in cells:
                item = QStandardItem(text)
                item.setToolTip("\n".join(texts) if texts else text)
                items.append(item)
            if planned.action == INVALID:
                items[0].setIcon(warning)
                items[1].setForeground(warning_color(self.palette()))
            self.model.appendRow(items)
        self.view.resizeColumnsToContents()
        for column, limit in ((2, 220), (3, 220), (4, 140)):
            self.view.setColumnWidth(column, min(self.view.columnWidth(column), limit))
        errors = [p for p in preview.problems if p.severity == ERROR]
        lines = [
            f"{preview.count(ADD)} to add, {preview.count(MERGE)} to merge, "
            f"{counted(preview.count(SKIP), 'duplicate')} to skip, "
            f"{counted(preview.count(INVALID), 'row')} with problems."
        ]
        lines += [f"⚠ {text}" for text in file_problems]
        if preview.new_stages:
            lines.append(f"New stages: {', '.join(preview.new_stages)}.")
        if errors and not preview.options.skip_invalid:
            lines.append(
                "Fix the rows with problems in the file (or the choices on the previous "
                "page), or leave them out below."
            )
        self.summary.setText("\n".join(lines))
        self.skip_invalid.setVisible(bool(errors))
        self.completeChanged.emit()

    def _skip_toggled(self, checked: bool) -> None:
        self._wizard.import_options.skip_invalid = checked
        self._wizard.refresh()
        self._fill(self._wizard.preview)

    def isComplete(self) -> bool:
        wizard = self._wizard
        if wizard.backup is not None:
            return True
        return wizard.preview is not None and wizard.preview.can_apply

    def validatePage(self) -> bool:
        try:
            self._wizard.commit()
        except DomainError as exc:
            QMessageBox.warning(self, "Nothing was imported", str(exc))
            return False
        return True


class SummaryPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("Done")
        self.setSubTitle("The board shows the new applications at the bottom of their stages.")
        self.text = _wrapped()
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def initializePage(self) -> None:
        wizard = self._wizard
        if wizard.restored is not None:
            shown = ", ".join(counted(n, name.replace("_", " ")) for name, n in
                              wizard.restored.items() if n)  # fmt: skip
            self.text.setText(f"Restored the backup: {shown}.")
            return
        result, path = wizard.outcome, wizard.path
        assert result is not None and path is not None  # this page follows an import
        lines = [f"Imported {counted(result.added, 'application')} from {path.name}."]
        cards = wizard.services.board.cards(include_archived=True, only_ids=result.application_ids)
        per_stage: dict[str, int] = {}
        for stage in wizard.services.board.stages():
            count = sum(1 for card in cards if card.stage_id == stage.id)
            if count:
                per_stage[stage.name] = count
        if per_stage:
            lines.append(", ".join(f"{name}: {n}" for name, n in per_stage.items()))
        if result.merged:
            merged = counted(result.merged, "row")
            lines.append(f"Merged {merged} into applications already on the board.")
        if result.skipped:
            lines.append(f"Skipped {counted(result.skipped, 'duplicate')}.")
        if result.invalid:
            lines.append(f"Left out {counted(result.invalid, 'row')} with problems.")
        if result.created_stages:
            noun = "stage" if len(result.created_stages) == 1 else "stages"
            lines.append(f"Created the {noun} {', '.join(result.created_stages)}.")
        self.text.setText("\n".join(lines))
