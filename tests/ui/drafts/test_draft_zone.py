"""A draft names the interview's day, and the editor its drafts' times, in the person's time
zone setting, the zone the agenda shows them in, whatever zone the computer is in.

The computer is in UTC, the person in Auckland (UTC+13 in March); the clock starts on
Tuesday 10 March at 09:00 UTC, 22:00 in Auckland. The interview began at 23:30 UTC on
Friday 6 March: 12:30 on Saturday the 7th in Auckland.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot

from jobtracker.domain.agenda import when_text
from jobtracker.domain.clock import FakeClock
from jobtracker.domain.services import Services
from jobtracker.ui.drafts.editor import DraftEditor

AUCKLAND = "Pacific/Auckland"
INTERVIEW = datetime(2026, 3, 6, 23, 30, tzinfo=UTC)


@pytest.fixture
def app_id(services: Services, machine_in_utc: None) -> int:
    services.profile.save("Alex Morgan", "alex@example.com")
    app = services.applications.add("Acme", "Engineer").id
    jonas = services.contacts.add("Jonas Weber", email="jw@example.com")
    services.interviews.add(app, INTERVIEW, kind="video", interviewer_ids=(jonas.id,))
    services.followups.save_settings(time_zone=AUCKLAND)
    return app


def _editor(qtbot: QtBot, services: Services, app_id: int) -> DraftEditor:
    editor = DraftEditor(services, app_id, "thank-you")
    qtbot.addWidget(editor)
    editor.show()
    return editor


def test_a_draft_names_the_interviews_day_where_the_person_is(
    qtbot: QtBot, services: Services, app_id: int
) -> None:
    agenda = when_text(INTERVIEW, services.clock.now(), services.followups.tz)
    assert agenda == "Sat 7 Mar 12:30"
    interview = services.drafts.context(app_id, None)["interview"]
    assert (interview["weekday"], interview["date"]) == ("Saturday", "Saturday 7 March")

    editor = _editor(qtbot, services, app_id)

    assert "Thank you for the video call on Saturday about" in editor.body.toPlainText()


def test_the_editor_lists_a_drafts_time_where_the_person_is(
    qtbot: QtBot, services: Services, clock: FakeClock, app_id: int
) -> None:
    editor = _editor(qtbot, services, app_id)
    qtbot.keyClicks(editor.body, "Typed. ")
    qtbot.waitUntil(lambda: editor.draft_list.count() == 1, timeout=2000)  # saved on a pause
    assert editor.draft_list.item(0).text().endswith("\ntoday 22:00")
    editor.close()
    clock.advance(hours=3)  # 01:00 on Wednesday in Auckland: the draft is a day old there
    again = _editor(qtbot, services, app_id)
    assert again.draft_list.item(0).text().endswith("\n2026-03-10 22:00")
