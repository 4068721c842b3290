"""Card badges at any width: whole badges only, wrapped onto the density's lines, the least
important left out first; all of them in the tooltip and the accessible description."""

from __future__ import annotations

from datetime import timedelta

import pytest
from board_helpers import column_view
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication

from jobtracker.domain.demo import fill_with_sample_data
from jobtracker.domain.records import TagInfo
from jobtracker.ui.board.badge_layout import Density, place_badges
from jobtracker.ui.board.card_delegate import BADGE_PAD, MARGIN_X, MARGIN_Y, CardDelegate
from jobtracker.ui.board.card_model import CARD_ROLE
from jobtracker.ui.board.card_text import Badge, badges
from jobtracker.ui.board.density import DENSITY_KEY
from jobtracker.ui.theme import dark_palette, light_palette

#: tags in colours from the palest to the darkest a person may pick
TAGS = (TagInfo(1, "remote", "#ffeb3b"), TagInfo(2, "referral", "#1a237e"),
        TagInfo(3, "dream job", "#e91e63"))  # fmt: skip


def full_card(services, add_card, clock, location: str = "San Francisco Bay Area, California"):
    """A stored card given every badge: an overdue follow-up, an interview to come, tags."""
    app_id = add_card("Acme", "Backend Engineer", "Interviewing", location=location, excitement=5)
    clock.advance(days=30)
    return services.board.card(app_id)._replace(
        next_reminder_at=clock.now() - timedelta(days=1),
        next_interview_at=clock.now() + timedelta(days=2),
        tags=TAGS,
    )


def test_badges_come_in_the_stated_priority(services, add_card, clock) -> None:
    card = full_card(services, add_card, clock, location="Berlin")
    items = badges(card, clock.now(), None)
    assert items[0].text == "Overdue"
    tips = [b.tooltip for b in items]
    assert tips[0].startswith("Follow-up was due") and tips[1].startswith("Next interview")
    assert tips[2:] == [
        "In this stage for 30 days", "Location: Berlin", "Excitement 5 of 5",
        "Tagged remote", "Tagged referral", "Tagged dream job",
    ]  # fmt: skip
    assert [b.color for b in items[-3:]] == [tag.color for tag in TAGS]
    upcoming = card._replace(next_reminder_at=clock.now() + timedelta(days=1))
    tips = [b.tooltip for b in badges(upcoming, clock.now(), None)]
    assert [t.split()[0] for t in tips[:3]] == ["Next", "Follow-up", "In"], tips


def test_a_narrower_card_only_ever_loses_its_least_important_badges() -> None:
    items = [Badge(text, text) for text in ("Overdue", "Interview Mon 13:00", "Follow up Wed",
                                             "21 days")]  # fmt: skip
    items += [Badge(text, text, fact=True) for text in ("Rotterdam", "★★★★★", "remote")]
    width_of = lambda text: 7 * len(text) + 12  # noqa: E731
    before: list[str] = [b.text for b in items]
    for lines in (2, 1):
        for room in range(400, 10, -3):
            placed = place_badges(items, width_of, room, lines, 4)
            shown = [p.badge.text for p in placed]
            assert shown == [b.text for b in items[: len(shown)]], "a prefix, by priority"
            assert len(shown) <= len(before) or room == 400, "narrower never shows more"
            before = shown
            for p in placed:
                assert (
                    p.line < lines and p.x + p.width <= room and p.width == width_of(p.badge.text)
                )
        before = [b.text for b in items]
    assert place_badges(items, width_of, 5, 2, 4) == [], "nothing fits: nothing, never a cut"


def paint_card(delegate: CardDelegate, view, card, ratio: float, font=None):
    """The card painted as the view shows it, at ``ratio``: (image, its layout, its style)."""
    width = view.viewport().width()
    style = delegate.style_for(view.palette(), font or view.font())
    rect = QRect(QPoint(0, 0), QSize(width, style.card_height(delegate.density.badge_lines)))
    image = QImage(rect.size() * ratio, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(style.background)
    painter = QPainter(image)
    delegate.paint_card(painter, rect, style, card)
    painter.end()
    return image, delegate.card_layout(style, card, rect), style, rect


def luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def near(a: QColor, b: QColor, slack: int = 24) -> bool:
    return (
        max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) <= slack
    )


def check_card(image: QImage, layout, style, rect: QRect, card, delegate, ratio: float) -> None:
    everything = delegate.card_badges(card)
    shown = [badge for badge, _ in layout.shown]
    assert shown + layout.left_out == everything, "shown badges are the most important ones"
    inner = rect.adjusted(MARGIN_X, MARGIN_Y, -MARGIN_X, -MARGIN_Y)
    for n, (badge, place) in enumerate(layout.shown):
        assert inner.contains(place), f"{badge.text!r} drawn outside the card"
        text_width = style.small_metrics.horizontalAdvance(badge.text)
        assert place.width() == text_width + 2 * BADGE_PAD, f"{badge.text!r} cut"
        for other_badge, other in layout.shown[n + 1 :]:
            assert not place.intersects(other), (badge.text, other_badge.text)
        fill, ink = style.badge_colors(badge)
        assert contrast(ink, fill) >= 4.5, f"{badge.text!r}: {contrast(ink, fill):.2f}:1"
        for x in (place.left() + place.height() // 2, place.right() - place.height() // 2):
            at = QPoint(int(x * ratio), int((place.top() + 1) * ratio))
            assert near(image.pixelColor(at), fill), f"{badge.text!r}'s pill not painted at {x}"
        inked = sum(
            near(image.pixelColor(int(x * ratio), int(place.center().y() * ratio)), ink, 60)
            for x in range(place.left(), place.right())
        )
        assert inked, f"no text painted in {badge.text!r}"
    if layout.left_out:
        assert layout.shown, "the first badge always fits a card"


def demo_window(services, clock, make_window, qsettings, density: Density):
    fill_with_sample_data(services)
    clock.advance(days=2, hours=3)
    qsettings.setValue(DENSITY_KEY, density.value)
    return make_window()


@pytest.mark.timeout(300)
@pytest.mark.parametrize("density", list(Density))
def test_cards_at_every_width_palette_and_scale_show_whole_badges_by_priority(
    services, clock, add_card, make_window, qsettings, density
) -> None:
    extreme = full_card(services, add_card, clock)
    window = demo_window(services, clock, make_window, qsettings, density)
    delegate = window.board.delegate
    assert delegate.density is density
    app = QApplication.instance()
    original = app.palette()
    kept_the_important = 0
    try:
        for palette in (light_palette(), dark_palette()):
            app.setPalette(palette)
            for width in (1024, 1280, 1920):
                window.resize(width, 800)
                app.processEvents()
                for ratio in (1.0, 2.0):
                    for column in window.board.columns.values():
                        if not column.isVisible() or column.collapsed:
                            continue
                        view = column.view
                        cards = [
                            view.cards.index(r, 0).data(CARD_ROLE)
                            for r in range(view.cards.rowCount())
                        ]
                        for card in [*cards, extreme]:
                            image, layout, style, rect = paint_card(delegate, view, card, ratio)
                            check_card(image, layout, style, rect, card, delegate, ratio)
                            warnings = [b for b in delegate.card_badges(card)[:3] if b.warning]
                            kept_the_important += all(b in dict(layout.shown) for b in warnings)
            big = view.font()
            big.setPointSizeF(big.pointSizeF() * 2)  # text at 200 %
            image, layout, style, rect = paint_card(delegate, view, extreme, 1.0, big)
            check_card(image, layout, style, rect, extreme, delegate, 1.0)
            assert layout.left_out, "at twice the text size the full card cannot show all"
    finally:
        app.setPalette(original)
    assert kept_the_important
    _, layout, _, _ = paint_card(delegate, view, extreme, 1.0)
    texts = [b.text for b, _ in layout.shown]
    assert texts[:2] == ["Overdue", [b.text for b in delegate.card_badges(extreme)][1]]
    if density is Density.COMFORTABLE:
        assert texts[2] == "32 days", "the second line holds days in stage"
        left_out = [b.text for b in layout.left_out]
        assert left_out[0].startswith("San Francisco"), (
            "no room for it, and so none for what follows"
        )
        assert left_out[1:] == ["★★★★★", *(tag.name for tag in TAGS)]


def test_the_demo_board_shows_what_matters_on_every_card(
    services, clock, make_window, qsettings
) -> None:
    """At the default density every sample card shows its follow-ups, interviews and days in
    stage whole (cut before: "Follow up Mon 0…", "21 d…"); few leave out a place or stars."""
    window = demo_window(services, clock, make_window, qsettings, Density.COMFORTABLE)
    delegate = window.board.delegate
    left_out = {}
    for column in window.board.columns.values():
        view = column.view
        for row in range(view.cards.rowCount()):
            card = view.cards.index(row, 0).data(CARD_ROLE)
            _, layout, _, _ = paint_card(delegate, view, card, 1.0)
            tips = [b.tooltip for b, _ in layout.shown]
            assert any(t.startswith(("In this stage", "Entered")) for t in tips), card.company
            if layout.left_out:
                left_out[card.company] = [b.text for b in layout.left_out]
    assert len(left_out) <= 4, left_out
    assert all(len(texts) <= 2 for texts in left_out.values()), left_out


def test_density_is_a_view_menu_choice_remembered_in_the_settings(
    add_card, make_window, qsettings, qtbot
) -> None:
    add_card("Acme", "Backend Engineer", "Applied", location="Berlin", excitement=3)
    window = make_window()
    view = column_view(window, "Applied")
    comfortable = view.visualRect(view.cards.index(0, 0)).height()
    compact = next(a for a in window.density_choices.actions() if a.text() == "Compact")
    assert not compact.isChecked()
    compact.trigger()
    qtbot.waitUntil(lambda: view.visualRect(view.cards.index(0, 0)).height() < comfortable)
    assert qsettings.value(DENSITY_KEY) == "compact"
    window.close()
    again = make_window()
    assert again.board.delegate.density is Density.COMPACT
    assert next(a for a in again.density_choices.actions() if a.text() == "Compact").isChecked()


def test_a_card_describes_every_badge_to_screen_readers(services, add_card, clock, make_window):
    app_id = add_card("Acme", "Backend Engineer", "Interviewing", location="Lyon", excitement=2)
    services.interviews.add(app_id, clock.now() + timedelta(days=2))
    card = services.board.card(app_id)
    assert card.next_interview_at is not None and card.next_reminder_at is not None
    window = make_window()
    view = column_view(window, "Interviewing")
    index = view.cards.index(view.cards.row_of(card.id), 0)
    text = index.data(Qt.ItemDataRole.AccessibleDescriptionRole)
    for badge in badges(card, clock.now(), None):
        assert badge.tooltip in text
    assert text.index("Next interview") < text.index("Follow-up due") < text.index("Location")


def layout_lines(layout) -> list[list[str]]:
    """The texts of a layout's badges, line by line, as painted (by their rectangles)."""
    lines: dict[int, list[tuple[int, str]]] = {}
    for badge, place in layout.shown:
        lines.setdefault(place.top(), []).append((place.left(), badge.text))
    return [[text for _, text in sorted(line)] for _, line in sorted(lines.items())]


def inked_rows(image: QImage, rect: QRect, background: QColor, ratio: float) -> set[int]:
    """The rows (in the card's pixels) of ``rect`` where something other than
    ``background`` was painted."""
    found = set()
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left(), rect.right() + 1, 2):
            if not near(image.pixelColor(int(x * ratio), int(y * ratio)), background, 12):
                found.add(y)
                break
    return found


@pytest.mark.parametrize("density", list(Density))
def test_comfortable_cards_give_times_a_line_and_facts_the_next(
    services, clock, add_card, make_window, density, qsettings
) -> None:
    """Comfortable: where the card stands in time on the first badge line, what the job is
    on the second, so no card keeps an empty line when its badges would fit one; times that
    need two lines wrap as before. Compact: one line, by priority."""
    qsettings.setValue(DENSITY_KEY, density.value)
    add_card("Juniper", "Engineer", "Applied", location="Remote", excitement=3)
    window = make_window()
    view = column_view(window, "Applied")
    delegate = window.board.delegate
    card = view.cards.index(0, 0).data(CARD_ROLE)
    busy = card._replace(
        next_reminder_at=clock.now() + timedelta(days=2, hours=3),
        next_interview_at=clock.now() + timedelta(days=1, hours=2),
    )
    times = [b.text for b in delegate.card_badges(card) if not b.fact]
    assert times[-1] == "today" and len(times) <= 2, times  # its first follow-up, and days
    for ratio in (1.0, 2.0):
        image, layout, style, rect = paint_card(delegate, view, card, ratio)
        check_card(image, layout, style, rect, card, delegate, ratio)
        lines = layout_lines(layout)
        if density is Density.COMFORTABLE:
            assert lines == [times, ["Remote", "★★★"]], lines
            # read back: ink on both badge lines' rows, the facts' line below the time's
            time_bottom = max(place.bottom() for b, place in layout.shown if not b.fact)
            assert all(place.top() > time_bottom for b, place in layout.shown if b.fact)
            for _, place in layout.shown:
                assert inked_rows(image, place, style.base, ratio), place
        else:
            everything = [*times, "Remote", "★★★"]
            assert lines == [everything[: len(lines[0])]], lines
        _, busy_layout, _, _ = paint_card(delegate, view, busy, ratio)
        texts = [b.text for b in delegate.card_badges(busy)]
        if density is Density.COMFORTABLE:  # the times fill a line: wrapped by priority
            painted = [text for line in layout_lines(busy_layout) for text in line]
            assert painted == texts[: len(busy_layout.shown)]
            assert layout_lines(busy_layout)[1][0] in texts[:3], layout_lines(busy_layout)
