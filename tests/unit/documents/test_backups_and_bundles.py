"""Backups and bundles carry the documents: a backup restored into a fresh data folder,
and a bundle imported into a new database, bring every file back byte for byte."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.documents import make_docx, make_pdf

from jobtracker.domain.services import Services
from jobtracker.paths import documents_dir
from jobtracker.store import backup
from jobtracker.store.errors import StoreError


def jobtracker(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "jobtracker", "--db", str(db), *args],
                            capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture
def filled(services: Services, tmp_path: Path) -> dict[str, bytes]:
    """Two documents, one sent to Acme; returns stored name -> bytes."""
    acme = services.applications.add("Acme", "Backend engineer").id
    library = services.documents
    pdf = library.add(make_pdf(tmp_path / "r.pdf", ["Kubernetes"]), kind="resume").document
    docx = library.add(make_docx(tmp_path / "l.docx", ["Dear Acme"]), kind="cover-letter")
    library.attach(acme, pdf.id, state="sent")
    return {d.stored_name: library.path(d).read_bytes() for d in (pdf, docx.document)}


def _stored(db: Path) -> dict[str, bytes]:
    folder = documents_dir(db)
    return {p.name: p.read_bytes() for p in folder.iterdir()} if folder.is_dir() else {}


def test_a_backup_restored_into_a_fresh_folder_brings_every_document_back(
    services: Services, filled: dict[str, bytes], tmp_path: Path
) -> None:
    taken = backup.create_backup(services.store.path, services.store.backups_dir,
                                 services.clock.now())  # fmt: skip
    mirrored = services.store.backups_dir / "documents"
    assert {p.name for p in mirrored.iterdir()} == set(filled)
    fresh = tmp_path / "fresh" / "jobtracker.sqlite3"
    restored = jobtracker(fresh, "restore", str(taken.path))
    assert restored.returncode == 0, restored.stderr
    assert _stored(fresh) == filled
    listed = jobtracker(fresh, "docs", "list")
    assert "sent Acme" in listed.stdout
    assert jobtracker(fresh, "check").returncode == 0


def test_a_backup_says_when_a_stored_document_is_missing(
    services: Services, filled: dict[str, bytes]
) -> None:
    gone = next(iter(filled))
    (documents_dir(services.store.path) / gone).unlink()
    with pytest.raises(StoreError, match=f"not every document: .*{gone} is missing"):
        backup.create_backup(services.store.path, services.store.backups_dir,
                             services.clock.now())  # fmt: skip
    assert backup.list_backups(services.store.backups_dir)  # the database itself is backed up


def test_bundle_round_trip(services: Services, filled: dict[str, bytes], tmp_path: Path) -> None:
    bundle = tmp_path / "everything.zip"
    services.close()
    exported = jobtracker(services.store.path, "export", "bundle", "-o", str(bundle))
    assert exported.returncode == 0, exported.stderr
    assert "2 documents" in exported.stderr
    fresh = tmp_path / "fresh" / "jobtracker.sqlite3"
    imported = jobtracker(fresh, "import", str(bundle))
    assert imported.returncode == 0, imported.stderr
    assert _stored(fresh) == filled
    assert "sent Acme" in jobtracker(fresh, "docs", "list").stdout
    found = jobtracker(fresh, "docs", "list", "--search", "kubernetes").stdout
    assert "r.pdf" in found
    assert jobtracker(fresh, "check").returncode == 0


def test_a_bundle_with_an_altered_file_restores_nothing(
    services: Services, filled: dict[str, bytes], tmp_path: Path
) -> None:
    import zipfile

    bundle = tmp_path / "everything.zip"
    services.close()
    assert jobtracker(services.store.path, "export", "bundle", "-o", str(bundle)).returncode == 0
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(bundle) as source, zipfile.ZipFile(tampered, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            out.writestr(item, data + b"!" if item.filename.startswith("documents/") else data)
    fresh = tmp_path / "fresh" / "jobtracker.sqlite3"
    refused = jobtracker(fresh, "import", str(tampered))
    assert refused.returncode == 1
    assert "does not match its recorded hash" in refused.stderr
    assert _stored(fresh) == {}


def test_backed_up_documents_go_once_no_kept_backup_lists_them(
    services: Services, filled: dict[str, bytes], tmp_path: Path
) -> None:
    library = services.documents
    first = backup.create_backup(services.store.path, services.store.backups_dir,
                                 services.clock.now())  # fmt: skip
    gone = next(d for d in library.documents() if d.kind == "cover-letter")
    library.remove(gone.id, force=True)
    services.clock.advance(days=31)  # type: ignore[attr-defined]
    library.purge_trash()
    mirrored = services.store.backups_dir / "documents"
    backup.create_backup(services.store.path, services.store.backups_dir, services.clock.now())
    assert gone.stored_name in {p.name for p in mirrored.iterdir()}  # the first backup lists it
    first.path.unlink()  # as rotation does when it is no longer kept
    backup.create_backup(
        services.store.path, services.store.backups_dir, services.clock.advance(hours=1)
    )  # type: ignore[attr-defined]
    assert {p.name for p in mirrored.iterdir()} == set(filled) - {gone.stored_name}
