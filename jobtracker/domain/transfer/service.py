"""One entry point for imports and exports, shared by the command line and the window.

The readers and writers of each format load when that format is used: a CSV import needs
none of the backup's, the calendar's or the exports' modules."""

from __future__ import annotations

import gc
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, tzinfo
from functools import partial
from pathlib import Path

from jobtracker.domain.backups import backup_before_replacing
from jobtracker.domain.board import BoardService
from jobtracker.domain.clock import Clock
from jobtracker.domain.errors import ValidationError
from jobtracker.domain.services import Services
from jobtracker.domain.transfer.choices import EXPORT_KINDS
from jobtracker.domain.transfer.csv_apply import ImportResult, apply_import, undo_import
from jobtracker.domain.transfer.csv_import import ImportOptions, ImportPreview, preview_import
from jobtracker.store.models import database

EXPORT_SUFFIXES = {"csv": ".csv", "json": ".json", "activity": ".csv", "ics": ".ics"}


@dataclass(frozen=True, slots=True)
class ExportRequest:
    kind: str
    #: the zone dates and times are written in (when None: the time zone setting's)
    tz: tzinfo | None = None
    since: date | None = None
    until: date | None = None


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while an import reads or writes its rows.

    An import builds tens of thousands of rows, states and reminders that stay alive until
    it ends, and the collector would walk all of them again at each of its full passes, so
    its cost grew faster than the file. They are freed by their reference counts; the
    collector resumes (if it was on) however the import ends, and takes any cycle then."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def is_backup_file(path: Path) -> bool:
    """A JSON backup rather than a CSV table (by its name, or by its first character)."""
    if Path(path).suffix.lower() == ".json":
        return True
    try:
        with Path(path).open("rb") as handle:
            return handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")
    except OSError:
        return False


#: a zip file ends with its directory's end record: 22 bytes and a comment of at most 65,535
ZIP_END_SIGNATURE = b"PK\x05\x06"
ZIP_END_REACH = 22 + 65_535


def is_bundle_file(path: Path) -> bool:
    """A bundle (a zip file) rather than a CSV table. A file whose tail holds no zip end
    record is no zip, so a table is told apart without loading the bundle's modules."""
    try:
        with Path(path).open("rb") as handle:
            handle.seek(max(0, handle.seek(0, os.SEEK_END) - ZIP_END_REACH))
            if ZIP_END_SIGNATURE not in handle.read():
                return False
    except OSError:
        return False
    from jobtracker.domain.transfer.bundle import is_bundle

    return is_bundle(path)


class TransferService:
    """Imports (a preview, then one transaction) and exports (bytes ready for a file)."""

    def __init__(
        self,
        board: BoardService,
        clock: Clock,
        on_written: Callable[[Sequence[int]], None] | None = None,
        documents_folder: Path | None = None,
        before_replacing: Callable[[], object] | None = None,
        zone_setting: Callable[[], tzinfo | None] = lambda: None,
    ) -> None:
        """``documents_folder``: where a bundle's documents go (the library's folder);
        ``zone_setting`` gives the person's time zone setting, which exports write dates and
        times in unless asked for another (None: the machine's; ICS: UTC)."""
        self.board = board
        self.clock = clock
        self._on_written = on_written
        self.documents_folder = documents_folder
        self._before_replacing = before_replacing
        self.zone_setting = zone_setting

    def preview(self, path: Path, options: ImportOptions | None = None) -> ImportPreview:
        with collector_paused():
            return preview_import(path, options, self.board)

    def apply(self, preview: ImportPreview) -> ImportResult:
        # the rows and their reminders: all or nothing, on any fault
        with collector_paused(), database.atomic():
            result = apply_import(preview, self.clock, self.board)
            if self._on_written is not None and result.application_ids:
                self._on_written(result.application_ids)
        return result

    def undo(self, result: ImportResult) -> None:
        """Take an import back exactly (the window's Edit → Undo)."""
        undo_import(result)
        merged = [merge.application_id for merge in result.merges]
        if self._on_written is not None and merged:
            self._on_written(merged)

    def restore_backup(self, path: Path) -> dict[str, int]:
        """Restore a JSON backup, or a bundle with its documents, into this database
        (without applications or contacts): the file is checked first, then a verified
        backup of what is there (settings, profile, stages) is taken, then it is written."""
        from jobtracker.domain.transfer import bundle, json_io

        is_bundle = bundle.is_bundle(path)
        if is_bundle and self.documents_folder is None:
            raise ValidationError("import", "a bundle needs the library's folder")
        data = bundle.read_bundle(path) if is_bundle else json_io.load_backup(path)
        json_io.refuse_unless_empty()
        if self._before_replacing is not None:
            self._before_replacing()
        with database.atomic():  # the rows and their reminders: all or nothing
            if is_bundle and self.documents_folder is not None:
                counts = bundle.import_bundle(path, self.documents_folder)
            else:
                counts = json_io.restore_data(data, Path(path).name)
            if self._on_written is not None and counts.get("application"):
                self._on_written([card.id for card in self.board.cards(include_archived=True)])
        return counts

    def export(self, request: ExportRequest) -> bytes:
        if request.kind not in EXPORT_KINDS or request.kind == "bundle":  # bundle: a zip file
            raise ValidationError("export", f"choose one of: {', '.join(EXPORT_KINDS)}")
        from jobtracker.domain.transfer import activity_export, csv_export, ics_export, json_io

        if request.kind == "json":
            return json_io.export_json(self.clock).encode("utf-8")
        tz = request.tz or self.zone_setting()
        if request.kind == "ics":
            return ics_export.export_ics(self.clock, tz or UTC)
        if request.kind == "csv":
            text = csv_export.export_applications_csv(tz)
        else:
            text = activity_export.export_activity_csv(tz, request.since, request.until)
        return text.encode("utf-8")


def transfer_for(services: Services) -> TransferService:
    """The transfer service over ``services``, announcing imports so follow-ups are made."""
    from jobtracker.paths import documents_dir

    return TransferService(
        services.board,
        services.clock,
        services.followups.after_write,
        documents_dir(services.store.path),
        partial(backup_before_replacing, services.store, services.clock),
        services.followups.zone_setting,
    )


def write_file(path: Path, data: bytes, *, spreadsheet: bool = False) -> None:
    """Write ``data`` to ``path`` all at once (a temporary file renamed over it), so a full
    disk or a crash never leaves half a file. ``spreadsheet`` adds the UTF-8 byte-order mark
    Excel needs to read accents right."""
    path = Path(path)
    payload = (b"\xef\xbb\xbf" if spreadsheet else b"") + data
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
