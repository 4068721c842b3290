"""The card details show and take times and days in the person's time zone setting, the one
the agenda and the card's badges use, whatever zone the computer is in.

The computer is in UTC, the person in Auckland (UTC+13 in March); the clock starts on
Tuesday 10 March at 09:00 UTC, 22:00 in Auckland.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from jobtracker.domain.agenda import when_text
from jobtracker.domain.capture.posting import CapturedPosting
from jobtracker.domain.services import Services
from jobtracker.ui.board.card_text import badges
from jobtracker.ui.dialogs.details import DetailsDialog
from jobtracker.ui.dialogs.widgets import from_qdatetime

AUCKLAND = "Pacific/Auckland"
#: 12:30 on Wednesday 11 March in Auckland
INTERVIEW = datetime(2026, 3, 10, 23, 30, tzinfo=UTC)


@pytest.fixture
def acme(services: Services, machine_in_utc: None) -> int:
    stage = services.board.stage_by_name("Interviewing").id
    app = services.applications.add("Acme", "Engineer", stage, applied_at=INTERVIEW).id
    services.interviews.add(app, INTERVIEW)
    services.followups.save_settings(time_zone=AUCKLAND)
    return app


@pytest.fixture
def dialog(qtbot, services: Services, undo_stack, acme: int) -> DetailsDialog:
    shown = DetailsDialog(services, undo_stack, acme)
    shown.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def _agenda_and_badge(services: Services, app: int) -> tuple[str, str]:
    """When the agenda says the card's next interview is, and what the card's badge says."""
    (interview,) = services.interviews.for_application(app)
    now, tz = services.clock.now(), services.followups.tz
    card = services.board.card(app)
    (badge,) = [b.text for b in badges(card, now, tz) if b.text.startswith("Interview")]
    return when_text(interview.starts_at, now, tz), badge


def test_an_interview_shows_and_is_typed_in_the_zone_setting(
    qtbot, services: Services, acme: int, dialog: DetailsDialog
) -> None:
    panel = dialog.interviews
    assert panel.list.item(0).text().startswith("2026-03-11 12:30 · video")
    panel.list.setCurrentRow(0)
    assert panel.starts.text() == "2026-03-11 12:30"
    assert _agenda_and_badge(services, acme) == ("Tomorrow 12:30", "Interview tomorrow 12:30")

    panel.starts.setCurrentSection(panel.starts.Section.HourSection)
    qtbot.keyClick(panel.starts, Qt.Key.Key_Up)  # an hour later, as a person steps it
    assert panel.starts.text() == "2026-03-11 13:30"
    panel.save_button.click()

    (stored,) = services.interviews.for_application(acme)
    assert stored.starts_at == datetime(2026, 3, 11, 0, 30, tzinfo=UTC), "13:30 in Auckland"
    assert _agenda_and_badge(services, acme) == ("Tomorrow 13:30", "Interview tomorrow 13:30")
    panel.select(stored.id)
    assert panel.starts.text() == "2026-03-11 13:30"


def test_a_new_interview_starts_tomorrow_at_ten_where_the_person_is(
    services: Services, dialog: DetailsDialog
) -> None:
    panel = dialog.interviews
    panel.start_new()
    assert panel.starts.text() == "2026-03-11 10:00"
    assert from_qdatetime(panel.starts.dateTime()) == datetime(2026, 3, 10, 21, tzinfo=UTC)


def test_the_applied_day_is_a_day_in_the_zone_setting(
    services: Services, acme: int, dialog: DetailsDialog
) -> None:
    form = dialog.form
    assert form.applied_at.value() == date(2026, 3, 11)  # 23:30 UTC on the 10th
    lines = [dialog.timeline.list.item(n).text() for n in range(dialog.timeline.list.count())]
    assert "2026-03-11 12:30 · Video interview planned" in lines
    form.applied_at.set_value(date(2026, 3, 12))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    details = services.applications.get(acme)
    assert details.applied_at == datetime(2026, 3, 11, 23, tzinfo=UTC), "noon in Auckland"


def test_a_kept_posting_says_when_it_was_captured_in_the_zone_setting(
    qtbot, services: Services, undo_stack, acme: int
) -> None:
    posting = CapturedPosting(source="schema.org", url="https://jobs.example/1", description="Go")
    services.postings.keep(acme, posting)  # at 09:00 UTC: 22:00 in Auckland
    shown = DetailsDialog(services, undo_stack, acme)
    qtbot.addWidget(shown)
    summary = shown.posting.summary.text()
    assert summary.startswith("Captured 10 Mar 2026, 22:00 from https://jobs.example/1."), summary
