"""``jobtracker docs`` through a real subprocess: add, list, attach, open, detach, export,
remove, and ``check`` finding stored files removed or altered."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fixtures import fake_desktop
from fixtures.documents import make_docx, make_pdf

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.services import open_services


def docs(
    db: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "jobtracker", "--db", str(db), *args],
        capture_output=True, text=True, timeout=120, check=False, env=env,
    )  # fmt: skip
    assert "Traceback" not in result.stderr, result.stderr
    return result


def _add_application(db: Path) -> str:
    added = docs(db, "add", "--company", "Acme", "--role", "Backend engineer")
    assert added.returncode == 0, added.stderr
    return added.stdout.strip()


def test_add_list_attach_open_detach_export_remove(db_path: Path, tmp_path: Path) -> None:
    app = _add_application(db_path)
    resume = make_pdf(tmp_path / "resume.pdf", ["Ada Lovelace", "Kubernetes"])
    added = docs(db_path, "docs", "add", str(resume), "--kind", "resume", "--label", "Backend v3")
    assert added.returncode == 0, added.stderr
    doc = added.stdout.strip()
    assert docs(db_path, "docs", "attach", app, "Backend v3", "--sent").returncode == 0

    listed = json.loads(docs(db_path, "docs", "list", "--json").stdout)
    assert [(d["id"], d["label"], d["kind"], d["text"]) for d in listed] == [
        (int(doc), "Backend v3", "resume", "done")
    ]
    assert [(a["id"], a["state"]) for a in listed[0]["applications"]] == [(int(app), "sent")]
    found = json.loads(docs(db_path, "docs", "list", "--search", "kubernetes", "--json").stdout)
    assert [d["id"] for d in found] == [int(doc)]
    assert json.loads(docs(db_path, "docs", "list", "--search", "cobol", "--json").stdout) == []
    assert "sent Acme #" in docs(db_path, "docs", "list").stdout

    log = fake_desktop.install(tmp_path / "bin", sys.executable, "xdg-open")
    env = {**os.environ, "PATH": fake_desktop.path_with(tmp_path / "bin")}
    opened = docs(db_path, "docs", "open", doc, env=env)
    assert opened.returncode == 0, opened.stderr
    stored = db_path.parent / "documents" / f"{listed[0]['sha256']}.pdf"
    assert fake_desktop.calls(log) == [["xdg-open", str(stored)]]

    out = tmp_path / "sent-to-acme.pdf"
    assert docs(db_path, "docs", "export", doc, "-o", str(out)).returncode == 0
    assert out.read_bytes() == resume.read_bytes()

    refused = docs(db_path, "docs", "remove", doc)
    assert refused.returncode == 1
    assert "attached to 1 application: Acme" in refused.stderr and "--force" in refused.stderr
    assert docs(db_path, "docs", "detach", app, doc).returncode == 0
    assert json.loads(docs(db_path, "docs", "list", "--json").stdout)[0]["applications"] == []
    assert docs(db_path, "docs", "remove", doc).returncode == 0
    assert json.loads(docs(db_path, "docs", "list", "--json").stdout) == []
    trashed = json.loads(docs(db_path, "docs", "list", "--trash", "--json").stdout)
    assert trashed[0]["trashed_at"] is not None
    assert docs(db_path, "docs", "restore", doc).returncode == 0


def test_same_file_twice_is_reported_and_stored_once(db_path: Path, tmp_path: Path) -> None:
    letter = make_docx(tmp_path / "letter.docx", ["Dear team"])
    first = docs(db_path, "docs", "add", str(letter), "--kind", "cover-letter")
    again = docs(db_path, "docs", "add", str(letter))
    assert first.stdout == again.stdout
    assert "already in the library" in again.stderr
    assert len(list((db_path.parent / "documents").iterdir())) == 1


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.touch(), "is empty"),
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: p.symlink_to(p.parent / "nowhere"), "which does not exist"),
    ],
)
def test_bad_files_get_a_clear_message_and_exit_1(
    db_path: Path, tmp_path: Path, make: object, message: str
) -> None:
    bad = tmp_path / "bad.pdf"
    make(bad)  # type: ignore[operator]
    result = docs(db_path, "docs", "add", str(bad))
    assert result.returncode == 1
    assert message in result.stderr and str(bad) in result.stderr


def test_a_second_label_that_clashes_is_refused(db_path: Path, tmp_path: Path) -> None:
    docs(db_path, "docs", "add", str(make_pdf(tmp_path / "a.pdf", ["a"])), "--label", "Backend")
    result = docs(db_path, "docs", "add", str(make_pdf(tmp_path / "b.pdf", ["b"])), "--label",
                  "backend")  # fmt: skip
    assert result.returncode == 1
    assert "already labelled 'Backend'" in result.stderr


def test_check_reports_a_removed_and_an_altered_stored_file(db_path: Path, tmp_path: Path) -> None:
    for name in ("one", "two"):
        made = make_pdf(tmp_path / f"{name}.pdf", [name])
        assert docs(db_path, "docs", "add", str(made), "--label", name).returncode == 0
    assert docs(db_path, "check").returncode == 0
    listed = {d["label"]: d for d in json.loads(docs(db_path, "docs", "list", "--json").stdout)}
    folder = db_path.parent / "documents"
    (folder / f"{listed['one']['sha256']}.pdf").unlink()
    with (folder / f"{listed['two']['sha256']}.pdf").open("ab") as handle:
        handle.write(b"%tampered")
    checked = docs(db_path, "check")
    assert checked.returncode == 1
    assert "'one': the stored file" in checked.stdout and "is missing" in checked.stdout
    assert "'two': the stored file" in checked.stdout and "was altered" in checked.stdout


def test_add_attached_to_an_unknown_application_stores_nothing(
    db_path: Path, tmp_path: Path
) -> None:
    resume = make_pdf(tmp_path / "resume.pdf", ["x"])
    result = docs(db_path, "docs", "add", str(resume), "--attach", "42", "--sent")
    assert result.returncode == 1
    assert "There is no application #42" in result.stderr
    assert json.loads(docs(db_path, "docs", "list", "--json").stdout) == []


def test_the_list_names_days_in_the_time_zone_setting(db_path: Path, tmp_path: Path) -> None:
    """Added at 23:30 UTC on 9 March: the 10th in Auckland (UTC+13), where the person is."""
    added_at = datetime(2026, 3, 9, 23, 30, tzinfo=UTC)
    services = open_services(db_path, owner="pytest", clock=FakeClock(added_at))
    try:
        app = services.applications.add("Acme", "Engineer", services.board.stages()[1].id)
        doc = services.documents.add(make_pdf(tmp_path / "cv.pdf", ["Ada"]), label="CV").document
        services.documents.attach(app.id, doc.id, state="sent", sent_at=added_at)
        services.followups.save_settings(time_zone="Pacific/Auckland")
    finally:
        services.close()

    listed = docs(db_path, "docs", "list", env={**os.environ, "TZ": "UTC"})

    assert listed.returncode == 0, listed.stderr
    assert "added 2026-03-10" in listed.stdout and "on 2026-03-10" in listed.stdout
