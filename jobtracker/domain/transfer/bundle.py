"""A bundle: the full JSON backup and every stored document in one zip file.

``export_bundle`` writes backup.json and documents/<hash><ext> (each file checked against
its hash as it goes in); ``import_bundle`` checks the backup, brings the documents into the
library's folder (each verified, nothing half-written) and restores the data into an empty
database. Files it brought in are removed again when the restore is refused.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from jobtracker.domain.clock import Clock
from jobtracker.domain.transfer import json_io
from jobtracker.domain.transfer.problems import ImportFileError
from jobtracker.store.document_files import file_problem, stored_name
from jobtracker.store.errors import StoreError

BACKUP_MEMBER = "backup.json"
DOCUMENTS_PREFIX = "documents/"


def is_bundle(path: Path) -> bool:
    return Path(path).is_file() and zipfile.is_zipfile(path)


def _listed_documents(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(sha256, stored name) of each document row in a backup."""
    table = data["tables"].get("document") or {"columns": [], "rows": []}
    columns = table["columns"]
    if not table["rows"]:
        return []
    sha, name = columns.index("sha256"), columns.index("original_name")
    return [(row[sha], stored_name(row[sha], row[name])) for row in table["rows"]]


def export_bundle(clock: Clock, folder: Path, target: Path) -> int:
    """Write the bundle to ``target`` (a temporary file renamed over it); returns how many
    documents went in. A stored file that is missing or altered is refused, naming it."""
    text = json_io.export_json(clock)
    documents = _listed_documents(json.loads(text))
    for sha256, name in documents:
        problem = file_problem(folder / name, sha256)
        if problem is not None:
            raise StoreError(f"The stored document {folder / name} {problem}; no bundle written. "
                             "Run jobtracker check.")  # fmt: skip
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(BACKUP_MEMBER, text)
            for _sha256, name in documents:
                archive.write(folder / name, DOCUMENTS_PREFIX + name)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(documents)


def read_bundle(path: Path) -> dict[str, Any]:
    """The bundle's checked backup data (refusing a zip that is not a bundle)."""
    try:
        with zipfile.ZipFile(path) as archive:
            raw = archive.read(BACKUP_MEMBER)
    except KeyError as exc:
        raise ImportFileError(f"{path.name} is a zip file but not a jobtracker bundle "
                              f"(no {BACKUP_MEMBER}).") from exc  # fmt: skip
    except zipfile.BadZipFile as exc:
        raise ImportFileError(f"{path.name} is a damaged zip file ({exc}).") from exc
    try:
        data: dict[str, Any] = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFileError(f"{path.name}: {BACKUP_MEMBER} is not valid JSON ({exc}).") from exc
    json_io.check_backup(data, f"{path.name}: {BACKUP_MEMBER}")
    return data


def _extract_verified(archive: zipfile.ZipFile, member: str, target: Path, sha256: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=".incoming-", dir=target.parent)
    try:
        digest = hashlib.sha256()
        with archive.open(member) as source, os.fdopen(handle, "wb") as out:
            while chunk := source.read(1024 * 1024):
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != sha256:
            raise ImportFileError(f"{member} in the bundle does not match its recorded hash; "
                                  "nothing was restored.")  # fmt: skip
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def import_bundle(path: Path, folder: Path) -> dict[str, int]:
    """Restore a bundle into this empty database and the library's ``folder``."""
    from jobtracker.paths import ensure_private_dir

    data = read_bundle(path)
    documents = _listed_documents(data)
    brought: list[Path] = []
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if documents:
                ensure_private_dir(folder)
            for sha256, name in documents:
                member = DOCUMENTS_PREFIX + name
                if member not in names:
                    raise ImportFileError(f"{path.name} lists the document {name} but does not "
                                          "hold it; nothing was restored.")  # fmt: skip
                if file_problem(folder / name, sha256) is None:
                    continue
                _extract_verified(archive, member, folder / name, sha256)
                brought.append(folder / name)
        return json_io.restore_data(data, path.name)
    except BaseException:
        for added in brought:
            added.unlink(missing_ok=True)
        raise
