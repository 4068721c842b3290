"""The library in the window: the details dialog's Documents tab, the library view, files
dropped on a card, the card's badge, and Open handed to a recording xdg-open."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fixtures import fake_desktop
from fixtures.documents import make_docx, make_pdf
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from jobtracker.domain.services import Services


@pytest.fixture
def recorder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A recording xdg-open first on PATH; returns its log."""
    log = fake_desktop.install(tmp_path / "bin", sys.executable, "xdg-open", "xdg-email")
    monkeypatch.setenv("PATH", fake_desktop.path_with(tmp_path / "bin"))
    return log


def _drop_files(widget, point: QPoint, paths: list[Path]) -> None:
    """What a file manager's drop delivers: text/uri-list, copy action."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    action = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(point, action, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(point, action, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(widget, drop)
    assert drop.isAccepted()


def test_documents_tab_add_send_open_detach(
    qtbot, services: Services, add_card, make_window, tmp_path: Path, recorder: Path
) -> None:
    acme = add_card("Acme", "Backend engineer")
    window = make_window()
    window.open_details(acme)
    from jobtracker.ui.dialogs.details import DetailsDialog

    dialog = window.findChildren(DetailsDialog)[-1]
    panel = dialog.documents
    resume = make_pdf(tmp_path / "resume.pdf", ["Kubernetes"])
    panel.add_files([resume])
    qtbot.waitUntil(lambda: panel.table.topLevelItemCount() == 1, timeout=5000)
    assert panel.table.topLevelItem(0).text(2) == "Draft"
    assert window.board.delegate.document_counts == {acme: 1}
    panel.table.setCurrentItem(panel.table.topLevelItem(0))
    panel.toggle_sent()
    assert panel.table.topLevelItem(0).text(2).startswith("Sent ")
    document = services.documents.for_application(acme)[0].document
    panel.open_current()
    qtbot.waitUntil(lambda: fake_desktop.calls(recorder) != [], timeout=5000)
    assert fake_desktop.calls(recorder) == [["xdg-open", str(services.documents.path(document))]]
    panel.detach_current()
    assert panel.table.topLevelItemCount() == 0
    assert services.documents.for_application(acme) == []
    assert window.board.delegate.document_counts == {}
    dialog.reject()


def test_library_view_searches_text_and_removes_to_the_trash(
    qtbot, services: Services, add_card, make_window, tmp_path: Path
) -> None:
    acme = add_card("Acme", "Backend engineer")
    library = services.documents
    pdf = library.add(make_pdf(tmp_path / "r.pdf", ["Kubernetes expert"]), kind="resume").document
    docx = library.add(make_docx(tmp_path / "l.docx", ["PostgreSQL fan"]), kind="cover-letter")
    library.attach(acme, pdf.id, state="sent")
    window = make_window()
    dialog = window.documents.open_library()
    qtbot.addWidget(dialog)
    assert sorted(dialog.visible_ids()) == sorted([pdf.id, docx.document.id])
    qtbot.keyClicks(dialog.search, "kubern")
    assert dialog.visible_ids() == [pdf.id]
    assert dialog.count.text() == "1 of 2"
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "postgres")
    assert dialog.visible_ids() == [docx.document.id]
    dialog.search.clear()
    dialog.table.select_id(pdf.id)
    assert "Sent to Acme" in dialog.table.currentItem().text(4)
    dialog.remove_current(confirmed=True)
    assert dialog.visible_ids() == [docx.document.id]
    assert library.get(pdf.id).deleted_at is not None
    assert window.board.delegate.document_counts == {acme: 1}  # the link waits in the trash


def test_a_file_dropped_on_a_card_is_attached_and_badged(
    qtbot, services: Services, add_card, make_window, tmp_path: Path
) -> None:
    acme = add_card("Acme", "Backend engineer")
    window = make_window()
    column = window.board.columns[services.board.stage_by_name("Applied").id]
    view = column.view
    rect = view.visualRect(view.model().index(0, 0))
    letter = make_docx(tmp_path / "cover-letter.docx", ["Dear Acme"])
    _drop_files(view.viewport(), rect.center(), [letter])
    qtbot.waitUntil(lambda: services.documents.for_application(acme) != [], timeout=5000)
    attached = services.documents.for_application(acme)
    assert [a.document.original_name for a in attached] == ["cover-letter.docx"]
    qtbot.waitUntil(lambda: window.board.delegate.document_counts == {acme: 1}, timeout=5000)
    document = attached[0].document
    qtbot.waitUntil(lambda: services.documents.get(document.id).text_state == "done", timeout=5000)
    assert services.documents.search("dear acme") == [document.id]


def _answer_next_box(button) -> None:
    """Click ``button`` in the next message box, once it is up."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)
            return
        box.button(button).click()

    QTimer.singleShot(0, click)


def test_removing_a_document_in_use_asks_first(
    qtbot, services: Services, add_card, make_window, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QMessageBox

    acme = add_card("Acme", "Backend engineer")
    doc = services.documents.add(make_pdf(tmp_path / "r.pdf", ["x"]), kind="resume").document
    services.documents.attach(acme, doc.id, state="sent")
    window = make_window()
    dialog = window.documents.open_library()
    qtbot.addWidget(dialog)
    dialog.table.select_id(doc.id)
    _answer_next_box(QMessageBox.StandardButton.No)
    dialog.remove_current()
    assert services.documents.get(doc.id).deleted_at is None
    _answer_next_box(QMessageBox.StandardButton.Yes)
    dialog.remove_current()
    assert services.documents.get(doc.id).deleted_at is not None
    assert dialog.visible_ids() == []


def test_show_in_folder_save_a_copy_and_use_for_a_new_application(
    qtbot, services: Services, make_window, tmp_path: Path, recorder: Path
) -> None:
    from jobtracker.ui.dialogs.details import DetailsDialog

    resume = make_pdf(tmp_path / "r.pdf", ["Kubernetes"])
    doc = services.documents.add(resume, kind="resume", label="Backend v3").document
    window = make_window()
    dialog = window.documents.open_library()
    qtbot.addWidget(dialog)
    dialog.table.select_id(doc.id)
    dialog.folder_button.click()
    qtbot.waitUntil(lambda: fake_desktop.calls(recorder) != [], timeout=5000)
    assert fake_desktop.calls(recorder) == [["xdg-open", str(services.documents.folder)]]

    with qtbot.waitSignal(window.documents.hub.files.saved, timeout=5000):
        window.documents.hub.files.save_copy(doc, tmp_path / "sent.pdf")
    assert (tmp_path / "sent.pdf").read_bytes() == resume.read_bytes()

    dialog.use_for_new_application()
    details = window.findChildren(DetailsDialog)[-1]
    assert details.application_id is None
    details.form.company.setText("Initech")
    details.form.role.setText("Platform engineer")
    assert details.save()
    attached = services.documents.for_application(details.application_id)
    assert [a.document.id for a in attached] == [doc.id]
    details.reject()
