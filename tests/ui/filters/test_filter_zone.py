"""The filter bar's days are the person's, in the time zone setting the cards' badges and
the agenda use, whatever zone the computer is in.

The computer is in UTC, the person in Auckland (UTC+13 in March); the clock starts on
Tuesday 10 March at 09:00 UTC, 22:00 in Auckland, so the last 7 days there are the 4th to
the 10th.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDate

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.services import Services


def test_applied_in_the_last_days_counts_the_days_where_the_person_is(
    services: Services, add_card, make_window, machine_in_utc
) -> None:
    add_card("Acme", applied_at=datetime(2026, 3, 3, 12, tzinfo=UTC))  # 4 March, 01:00 there
    add_card("Globex", applied_at=datetime(2026, 3, 3, 10, tzinfo=UTC))  # 3 March, 23:00 there
    services.followups.save_settings(time_zone="Pacific/Auckland")
    window = make_window()
    window.filters.bar_action.trigger()  # View → Filter Bar
    bar = window.filters.bar
    assert bar is not None

    bar.applied.setCurrentIndex(bar.applied.findData(7))  # applied in the last 7 days

    column = next(c for c in window.board.columns.values() if c.stage.name == "Applied")
    shown = [window.board.card_set.card(i).company for i in column.view.cards.ids()]
    assert shown == ["Acme"]


def test_a_range_of_days_ends_on_the_persons_today(
    services: Services, clock: FakeClock, add_card, make_window, machine_in_utc
) -> None:
    add_card("Acme")
    services.followups.save_settings(time_zone="Pacific/Auckland")
    clock.set(datetime(2026, 3, 10, 12, tzinfo=UTC))  # 01:00 on Wednesday the 11th there
    window = make_window()
    window.filters.bar_action.trigger()
    bar = window.filters.bar
    assert bar is not None
    assert bar.applied_to.date() == QDate(2026, 3, 11)
