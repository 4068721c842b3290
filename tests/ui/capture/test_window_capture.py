"""Capture through the window (pytest-qt) from a local web server: a link pasted or
dropped opens a pre-filled card for review; saving keeps the posting; failures say why and
offer pasting the text; an already tracked posting offers to open it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fixtures.job_site import EXPECTED, PAGES, JobSite, job_site
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from jobtracker.domain.services import Services
from jobtracker.ui.capture.paste_dialog import PasteDialog
from jobtracker.ui.dialogs.details import DetailsDialog


@pytest.fixture(scope="module")
def site() -> Iterator[JobSite]:
    with job_site() as server:
        yield server


def review_of(qtbot, window) -> DetailsDialog:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.capture.review_opened, timeout=10_000) as opened:
        pass
    return opened.args[0]


def shown(dialog: DetailsDialog) -> dict[str, object]:
    """The pre-filled card in EXPECTED's terms."""
    form = dialog.form
    return {
        "company": form.company.text(),
        "role": form.role.text(),
        "location": form.location.text(),
        "salary": form.salary_text.text(),
        "valid_through": form.deadline.value() and form.deadline.value().isoformat(),
    }


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_pasted_link_opens_the_pre_filled_card(
    qtbot, make_window, services: Services, site: JobSite, name: str
) -> None:
    window = make_window()
    url = site.url(f"/jobs/{name}")
    QGuiApplication.clipboard().setText(url)
    with qtbot.waitSignal(window.capture.review_opened, timeout=10_000) as opened:
        window.board.setFocus()
        window.capture.paste_action.trigger()
    dialog: DetailsDialog = opened.args[0]
    qtbot.addWidget(dialog)
    expected = dict(EXPECTED[name])
    words = str(expected.pop("words"))
    wanted = {k: expected.get(k, "") or None for k in ("company", "role", "location", "salary")}
    wanted["valid_through"] = expected.get("valid_through")
    got = {k: v or None for k, v in shown(dialog).items()}
    assert got == wanted
    assert dialog.form.url.text() == url
    assert words in dialog.form.description.toPlainText()
    assert words in dialog.posting.kept_text()
    assert dialog.application_id is None  # nothing saved before the person saves
    assert services.board.cards() == []
    assert dialog.save()
    kept = services.postings.get(dialog.application_id)
    assert kept is not None and kept.url == url and words in kept.text
    dialog.close()


def test_a_dropped_link_and_a_saved_page(qtbot, make_window, site: JobSite) -> None:
    window = make_window()
    where, copy = QPoint(20, 20), Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    link, text, local_file = QMimeData(), QMimeData(), QMimeData()
    link.setUrls([QUrl(site.url("/jobs/lever"))])
    enter = QDragEnterEvent(where, copy, link, buttons, keys)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    with qtbot.waitSignal(window.capture.review_opened, timeout=10_000) as opened:
        QApplication.sendEvent(window, QDropEvent(QPointF(where), copy, link, buttons, keys))
    dialog = opened.args[0]
    qtbot.addWidget(dialog)
    assert dialog.form.company.text() == "Globex"
    assert dialog.save()
    dialog.close()
    # files are the document library's, text and cards the board's: not a capture
    text.setText("Florist at Petal Co")
    local_file.setUrls([QUrl.fromLocalFile(str(PAGES / "ashby.html"))])
    for other in (text, local_file):
        assert not window.capture.eventFilter(
            window, QDragEnterEvent(where, copy, other, buttons, keys)
        )
    # a saved page is opened from the paste dialog
    with qtbot.waitSignal(window.capture.review_opened, timeout=10_000) as opened:
        window.capture.capture_file(PAGES / "ashby.html")
    qtbot.addWidget(opened.args[0])
    assert opened.args[0].form.company.text() == "Initrode"
    opened.args[0].close()


def test_a_script_page_says_so_and_offers_pasting(qtbot, make_window, site: JobSite) -> None:
    window = make_window()
    with qtbot.waitSignal(window.capture.problem, timeout=10_000) as failed:
        window.capture.capture_link(site.url("/jobs/script_rendered"))
    assert "builds the posting in the browser" in failed.args[0]
    box = window.findChild(QMessageBox, "capture-failed")
    paste = next(b for b in box.buttons() if "Paste" in b.text())
    paste.click()
    qtbot.waitUntil(lambda: window.findChild(PasteDialog) is not None)
    dialog = window.findChild(PasteDialog)
    dialog.text.setPlainText("Chef at Bistro Verde\nLocation: Lyon\nSalary: €32,000")
    with qtbot.waitSignal(window.capture.review_opened, timeout=5000) as opened:
        dialog.capture_button.click()
    review = opened.args[0]
    qtbot.addWidget(review)
    assert (review.form.company.text(), review.form.location.text()) == ("Bistro Verde", "Lyon")
    assert "check it" in review.form.errors["company"].text()  # marked as a guess
    review.close()


def test_already_tracked_offers_to_open_it(
    qtbot, make_window, services: Services, site: JobSite, add_card
) -> None:
    url = site.url("/jobs/greenhouse")
    existing = add_card("Acme Robotics", "Senior Backend Engineer", url=url)
    window = make_window()
    window.capture.capture_link(url)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "already-tracked") is not None,
                    timeout=10_000)  # fmt: skip
    box = window.findChild(QMessageBox, "already-tracked")
    assert "already track Acme Robotics — Senior Backend Engineer" in box.text()
    next(b for b in box.buttons() if "Open" in b.text()).click()
    qtbot.waitUntil(lambda: any(d.application_id == existing and d.isVisible()
                                for d in window.findChildren(DetailsDialog)))  # fmt: skip
    assert len(services.board.cards()) == 1


def test_new_applications_link_field_fills_in(
    qtbot, make_window, services: Services, site: JobSite
) -> None:
    window = make_window()
    window.open_details(None)
    dialog = window.findChild(DetailsDialog)
    qtbot.addWidget(dialog)
    dialog.form.url.setText(site.url("/jobs/workable"))
    with qtbot.waitSignal(dialog.capture_runner.captured, timeout=10_000):
        dialog.form.capture_url.click()
    assert (dialog.form.company.text(), dialog.form.salary_min.text()) == (
        "Umbrella Health",
        "32000",
    )
    assert dialog.save()
    assert services.postings.get(dialog.application_id) is not None


def test_posting_tab_re_fetch_shows_what_changed(
    qtbot, make_window, services: Services, tmp_path: Path
) -> None:
    with job_site() as site:
        from jobtracker.domain.capture.page import capture_link

        first = capture_link(site.url("/jobs/lever"), timeout=5)
        old = first.posting.description.replace("field teams", "desk teams")
        from dataclasses import replace

        app_id = services.postings.add_captured(replace(first.posting, description=old)).id
        window = make_window()
        window.open_details(app_id)
        dialog = window.findChild(DetailsDialog)
        qtbot.addWidget(dialog)
        assert dialog.tabs.isTabEnabled(dialog.tabs.indexOf(dialog.posting))
        assert "desk teams" in dialog.posting.kept_text()
        with qtbot.waitSignal(dialog.posting.runner.captured, timeout=10_000):
            dialog.posting.refetch_button.click()
    # the server is gone: the kept text is still shown, the changes listed
    assert "- Globex designs tools for desk teams." in dialog.posting.changes.toPlainText()
    assert "+ Globex designs tools for field teams." in dialog.posting.changes.toPlainText()
    dialog.posting.keep_button.click()
    kept = services.postings.get(app_id)
    assert kept is not None and "field teams" in kept.text
    assert [c.id for c in services.board.search("field teams")] == [app_id]
    dialog.close()


def test_settings_show_the_bookmarklet(qtbot, services: Services, qsettings) -> None:
    from jobtracker.domain.capture.link import BOOKMARKLET, capture_target
    from jobtracker.ui.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(services, None, qsettings)
    qtbot.addWidget(dialog)
    dialog.show_page("Capture")
    assert dialog.pages.currentWidget() is dialog.capture
    dialog.capture.copy_button.click()
    assert QGuiApplication.clipboard().text() == BOOKMARKLET
    # what the bookmarklet builds for a page is a link the app reads back exactly
    page = "https://jobs.example.com/a b?x=1&y=%2F#top"
    built = "jobtracker://capture?url=" + quote(page, safe="~()*!.'")  # encodeURIComponent
    assert capture_target(built) == page
