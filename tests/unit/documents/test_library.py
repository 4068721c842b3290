"""Adding, versions, links, trash and search in the document library, on real files."""

from __future__ import annotations

import os
import pwd
import shutil
import stat
import subprocess
import sys
import sysconfig
import tempfile
import zipfile
from pathlib import Path

import pytest
from fixtures.documents import make_damaged_pdf, make_docx, make_encrypted_pdf, make_pdf

import jobtracker
from jobtracker.domain.documents.records import DRAFT, SENT
from jobtracker.domain.documents.service import (
    DocumentError,
    DocumentInUseError,
    DocumentService,
)
from jobtracker.domain.errors import NotFoundError, ValidationError
from jobtracker.domain.services import Services
from jobtracker.store.document_files import MAX_DOCUMENT_BYTES, hash_file


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_an_added_file_is_kept_private_by_content_hash(
    library: DocumentService, resume_pdf: Path
) -> None:
    added = library.add(resume_pdf, kind="resume", label="Backend v3", notes="for platform teams")
    doc = added.document
    assert added.new
    assert (doc.kind, doc.label, doc.notes, doc.original_name) == (
        "resume", "Backend v3", "for platform teams", "resume-backend.pdf",
    )  # fmt: skip
    stored = library.path(doc)
    assert stored.parent == library.folder
    assert stored.name == hash_file(resume_pdf) + ".pdf"
    assert stored.read_bytes() == resume_pdf.read_bytes()
    assert doc.size == resume_pdf.stat().st_size
    assert _mode(stored) == 0o600
    assert _mode(library.folder) == 0o700
    assert [p.name for p in library.folder.iterdir()] == [stored.name]  # no temporary left


def test_the_same_file_twice_is_one_document_stored_once(
    library: DocumentService, resume_pdf: Path, tmp_path: Path
) -> None:
    first = library.add(resume_pdf, kind="resume", label="Backend v3").document
    copy = tmp_path / "copy-with-another-name.pdf"
    copy.write_bytes(resume_pdf.read_bytes())
    again = library.add(copy, kind="resume")
    assert not again.new and again.document.id == first.id
    assert len(list(library.folder.iterdir())) == 1
    assert len(library.documents()) == 1


def test_text_is_extracted_from_pdf_and_docx_and_found_by_search(
    library: DocumentService, resume_pdf: Path, letter_docx: Path
) -> None:
    resume = library.add(resume_pdf, kind="resume").document
    letter = library.add(letter_docx, kind="cover-letter").document
    assert resume.text_state == "done" and "Kubernetes" in library.text(resume.id)
    assert "PostgreSQL" in library.text(letter.id)
    assert library.search("kubernetes") == [resume.id]
    assert library.search("POSTGRES") == [letter.id]
    assert library.search("kubernetes go") == [resume.id]
    assert library.search("kubernetes postgresql") == []
    assert set(library.search("")) == {resume.id, letter.id}


def test_plain_text_markdown_and_odt_are_searchable(
    library: DocumentService, tmp_path: Path
) -> None:
    notes = tmp_path / "portfolio.md"
    notes.write_text("# Projects\n\nA Terraform module for Zürich", encoding="utf-8")
    doc = library.add(notes, kind="portfolio").document
    assert library.search("zurich terraform") == [doc.id]


@pytest.mark.parametrize("maker", [make_encrypted_pdf, make_damaged_pdf])
def test_an_unreadable_pdf_is_stored_with_a_note(
    library: DocumentService, tmp_path: Path, maker: object
) -> None:
    path = tmp_path / "odd.pdf"
    if maker is make_damaged_pdf:
        make_damaged_pdf(path)
    else:
        make_encrypted_pdf(path, ["Secret Kubernetes"])
    doc = library.add(path, kind="resume").document
    assert doc.text_state == "skipped"
    assert ("encrypted" if maker is make_encrypted_pdf else "damaged") in doc.text_note
    assert library.path(doc).read_bytes() == path.read_bytes()


def test_a_new_version_knows_its_predecessor_and_takes_its_kind(
    library: DocumentService, resume_pdf: Path, tmp_path: Path
) -> None:
    v3 = library.add(resume_pdf, kind="resume", label="Backend v3").document
    v4_file = make_pdf(tmp_path / "resume-v4.pdf", ["Ada Lovelace", "Kubernetes, Go, Rust"])
    v4 = library.add(v4_file, label="Backend v4", replaces=v3.id).document
    assert (v4.predecessor_id, v4.kind) == (v3.id, "resume")


def test_labels_are_unique_ignoring_case_and_default_to_the_file_name(
    library: DocumentService, resume_pdf: Path, letter_docx: Path, tmp_path: Path
) -> None:
    library.add(resume_pdf, kind="resume", label="Backend v3")
    with pytest.raises(DocumentError, match="already labelled 'Backend v3'"):
        library.add(letter_docx, label="backend V3")
    assert len(library.documents()) == 1
    assert len(list(library.folder.iterdir())) == 1  # refused before anything was copied
    (tmp_path / "sub").mkdir()
    first = library.add(letter_docx).document
    assert first.label == "letter"
    second = library.add(make_docx(tmp_path / "sub" / "letter.docx", ["second"])).document
    assert second.label == "letter (2)"


@pytest.mark.parametrize(
    ("options", "field"),
    [({"kind": "poem"}, "kind"), ({"label": "  "}, "label"), ({"replaces": 99}, "document")],
)
def test_bad_kind_label_or_predecessor_stores_nothing(
    library: DocumentService, resume_pdf: Path, options: dict[str, object], field: str
) -> None:
    with pytest.raises((ValidationError, NotFoundError), match=field):
        library.add(resume_pdf, **options)  # type: ignore[arg-type]
    assert library.documents() == []
    assert not library.folder.exists() or list(library.folder.iterdir()) == []


def test_bad_files_are_refused_with_what_is_wrong(library: DocumentService, tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.touch()
    big = tmp_path / "huge.pdf"
    with big.open("wb") as out:
        out.truncate(MAX_DOCUMENT_BYTES + 1)
    dangling = tmp_path / "gone.pdf"
    dangling.symlink_to(tmp_path / "nowhere.pdf")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    cases = {
        empty: "is empty",
        big: "50.0 MB",
        dangling: "is a link to .*nowhere.pdf, which does not exist",
        folder: "is a folder",
        tmp_path / "missing.pdf": "There is no file",
    }
    for path, message in cases.items():
        with pytest.raises(DocumentError, match=message):
            library.add(path)
    assert library.documents() == []
    assert not library.folder.exists() or list(library.folder.iterdir()) == []


def _python_for_others() -> list[str] | None:
    """A Python of this version that other users may run (this one may live in root's home),
    to run jobtracker with this environment's packages; None if there is none."""
    candidates = [Path(sys.executable).resolve(), Path("/usr/bin/python3")]
    for python in candidates:
        parents_open = all(p.stat().st_mode & 0o005 == 0o005 for p in python.parents)
        if python.is_file() and parents_open:
            asked = [str(python), "-c", "import sys; print(sys.version_info[:2])"]
            version = subprocess.run(asked, capture_output=True, text=True, check=False, timeout=30)
            if version.stdout.strip() == str(tuple(sys.version_info[:2])):
                return [str(python), "-m", "jobtracker"]
    return None


def test_an_unreadable_file_is_refused(resume_pdf: Path) -> None:
    """As a second user (root reads every file) naming a file that user may not read."""
    if os.geteuid() != 0:
        pytest.skip("switching to a second user needs root")
    command = _python_for_others()
    if command is None:
        pytest.skip("no Python 3.11 here that the user nobody may run")
    folder = Path(tempfile.mkdtemp(prefix="jobtracker-second-user-"))
    try:
        os.chown(folder, pwd.getpwnam("nobody").pw_uid, pwd.getpwnam("nobody").pw_gid)
        secret = folder / "secret.pdf"
        shutil.copyfile(resume_pdf, secret)
        secret.chmod(0o600)  # root's own file, in a folder the second user can list
        packages = [sysconfig.get_paths()["purelib"], str(Path(jobtracker.__file__).parents[1])]
        result = subprocess.run(
            [*command, "--db", str(folder / "data" / "j.sqlite3"), "docs", "add", str(secret)],
            capture_output=True, text=True, timeout=120, check=False, user="nobody",
            cwd=folder, env={"HOME": str(folder), "PATH": "/usr/bin:/bin",
                             "PYTHONPATH": os.pathsep.join(packages)},
        )  # fmt: skip
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == 1, result.stderr
        assert f"{secret} cannot be read: permission denied" in result.stderr
        assert not (folder / "data" / "documents").exists() or not any(
            (folder / "data" / "documents").iterdir()
        )
    finally:
        shutil.rmtree(folder)


def test_docx_tables_are_read_and_a_damaged_docx_is_kept_with_a_note(
    library: DocumentService, tmp_path: Path
) -> None:
    skills = make_docx(tmp_path / "skills.docx", ["Skills"], [["Cloud", "Terraform, AWS"]])
    doc = library.add(skills, kind="resume").document
    assert library.search("terraform aws") == [doc.id]
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    kept = library.add(broken, kind="resume").document
    assert kept.text_state == "skipped" and "damaged DOCX" in kept.text_note


def test_odt_text_is_searchable(library: DocumentService, tmp_path: Path) -> None:
    """An OpenDocument text as LibreOffice writes one: a zip with content.xml."""
    odt = tmp_path / "letter.odt"
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr(
            "content.xml",
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
            'office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
            "<office:body><office:text><text:p>Dear Initech,</text:p>"
            "<text:p>I led the Elasticsearch migration.</text:p></office:text></office:body>"
            "</office:document-content>",
        )
    doc = library.add(odt, kind="cover-letter").document
    assert doc.text_state == "done"
    assert library.search("initech elasticsearch") == [doc.id]


def test_attach_send_and_detach(
    services: Services, library: DocumentService, resume_pdf: Path
) -> None:
    app = services.applications.add("Acme", "Backend engineer").id
    doc = library.add(resume_pdf, kind="resume", label="Backend v3").document
    draft = library.attach(app, doc.id)
    assert (draft.state, draft.sent_at) == (DRAFT, None)
    sent = library.attach(app, doc.id, state=SENT)
    assert sent.state == SENT and sent.sent_at == services.clock.now()
    assert [a.document.id for a in library.for_application(app)] == [doc.id]
    assert library.attached_counts() == {app: 1}
    links = library.get(doc.id).links
    assert [(link.company, link.state) for link in links] == [("Acme", SENT)]
    library.detach(app, doc.id)
    assert library.for_application(app) == []
    with pytest.raises(DocumentError, match="not attached"):
        library.detach(app, doc.id)
    with pytest.raises(NotFoundError, match="application #999"):
        library.attach(999, doc.id)


def test_removing_a_document_in_use_needs_force_and_goes_to_the_trash(
    services: Services, library: DocumentService, resume_pdf: Path
) -> None:
    app = services.applications.add("Acme", "Backend engineer").id
    doc = library.add(resume_pdf, kind="resume", label="Backend v3").document
    library.attach(app, doc.id, state=SENT)
    with pytest.raises(DocumentInUseError, match=r"attached to 1 application: Acme \(#"):
        library.remove(doc.id)
    assert library.get(doc.id).deleted_at is None
    library.remove(doc.id, force=True)
    assert library.documents() == []
    assert library.path(doc).exists()  # restorable for 30 days
    library.restore(doc.id)
    assert [d.id for d in library.documents()] == [doc.id]
    library.remove(doc.id, force=True)
    services.clock.advance(days=31)  # type: ignore[attr-defined]
    assert library.purge_trash() == 1
    assert not library.path(doc).exists()
    assert library.for_application(app) == []


def test_export_copy_and_check_of_stored_files(
    library: DocumentService, resume_pdf: Path, letter_docx: Path, tmp_path: Path
) -> None:
    resume = library.add(resume_pdf, kind="resume", label="Backend v3").document
    letter = library.add(letter_docx, kind="cover-letter").document
    saved = library.export_copy(resume.id, tmp_path / "out.pdf")
    assert saved.read_bytes() == resume_pdf.read_bytes()
    assert library.stored_file_problems() == []
    library.path(resume).unlink()
    library.path(letter).chmod(0o600)
    with library.path(letter).open("r+b") as handle:
        handle.write(b"X")
    problems = library.stored_file_problems()
    assert len(problems) == 2
    assert "'Backend v3'" in problems[0] and "is missing" in problems[0]
    assert "'letter'" in problems[1] and "was altered" in problems[1]
    with pytest.raises(DocumentError, match="is missing; nothing saved"):
        library.export_copy(resume.id, tmp_path / "again.pdf")
