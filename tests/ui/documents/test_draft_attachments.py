"""A draft's "Open in email app" carries the chosen documents (xdg-email --attach), and
says so when the email app cannot be given them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fixtures import fake_desktop
from fixtures.documents import make_pdf

from jobtracker.domain.services import Services
from jobtracker.ui.drafts.editor import DraftEditor


@pytest.fixture
def acme_with_resume(services: Services, tmp_path: Path) -> tuple[int, Path]:
    services.profile.save("Alex Morgan", "alex@example.com")
    app = services.applications.add("Acme", "Backend engineer").id
    contact = services.contacts.add("Jane Roe", email="jane@acme.example")
    services.contacts.link(app, contact.id, "recruiter")
    library = services.documents
    doc = library.add(make_pdf(tmp_path / "resume.pdf", ["Kubernetes"]), kind="resume").document
    library.attach(app, doc.id)
    return app, library.path(doc)


def _editor(qtbot, services: Services, app: int) -> DraftEditor:
    editor = DraftEditor(services, app, "follow-up")
    qtbot.addWidget(editor)
    editor.show()
    return editor


def test_open_in_email_app_attaches_the_chosen_documents(
    qtbot, services: Services, acme_with_resume: tuple[int, Path], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    app, stored = acme_with_resume
    log = fake_desktop.install(tmp_path / "bin", sys.executable, "xdg-email")
    monkeypatch.setenv("PATH", fake_desktop.path_with(tmp_path / "bin"))
    editor = _editor(qtbot, services, app)
    assert editor.attachments.text() == "Attach…"
    editor.attachments.menu().actions()[0].trigger()
    assert editor.attachments.text() == "Attach (1)"
    with qtbot.waitSignal(editor.attachments.handed_over, timeout=10_000):
        editor.email_button.click()
    (call,) = fake_desktop.calls(log)
    assert call[0] == "xdg-email"
    assert call[call.index("--attach") + 1] == str(stored)
    assert call[call.index("--subject") + 1] == editor.subject.text()
    assert call[-1] == editor.recipient_email()


def test_says_when_the_email_app_cannot_take_attachments(
    qtbot, services: Services, acme_with_resume: tuple[int, Path], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    app, stored = acme_with_resume
    (tmp_path / "empty-bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    editor = _editor(qtbot, services, app)
    editor.attachments.choose(services.documents.for_application(app)[0].document.id)
    with qtbot.waitSignal(editor.attachments.failed, timeout=10_000) as failed:
        editor.email_button.click()
    assert "xdg-email is not installed" in failed.args[0]
    assert str(stored) in failed.args[0]
    qtbot.waitUntil(lambda: "attach these files by hand" in editor.problem.text(), timeout=5000)


@pytest.mark.parametrize(("as_pdf", "suffix"), [(True, ".pdf"), (False, ".txt")])
def test_a_letter_written_in_the_editor_is_kept_as_a_cover_letter(
    qtbot, services: Services, acme_with_resume: tuple[int, Path], as_pdf: bool, suffix: str
) -> None:
    app, _stored = acme_with_resume
    editor = _editor(qtbot, services, app)
    editor.body.setPlainText("Dear Acme team,\n\nI run Kubernetes clusters for a living.\n")
    with qtbot.waitSignal(editor.save_letter.saved, timeout=10_000) as saved:
        editor.save_letter.save(as_pdf=as_pdf)
    document = saved.args[0]
    assert (document.kind, document.original_name) == ("cover-letter", f"Cover letter Acme{suffix}")
    assert [link.application_id for link in document.links] == [app]
    stored = services.documents.path(document).read_bytes()
    assert stored.startswith(b"%PDF") if as_pdf else stored.startswith(b"Dear Acme team")
    assert document.id in services.documents.search("kubernetes clusters")
    assert len(editor.attachments.menu().actions()) == 2  # the resume and the letter
