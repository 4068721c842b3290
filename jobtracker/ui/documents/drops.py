"""Files dropped on the window or on a card: local files from a file manager
(text/uri-list), leaving spreadsheets and backups to the import wizard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData

from jobtracker.ui.dialogs.transfer_actions import IMPORTABLE_SUFFIXES


def dropped_files(mime: QMimeData) -> list[Path]:
    """The local files a drag carries (none for card drags or web links)."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def documents_among(paths: list[Path]) -> list[Path]:
    """The files a drop on the window adds to the library (not the importable ones)."""
    return [path for path in paths if path.suffix.lower() not in IMPORTABLE_SUFFIXES]
