"""Card painting through its kept faces, and the columns' slim scroll bar."""

from __future__ import annotations

from board_helpers import column_view
from PySide6.QtCore import QItemSelectionModel, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QStyle, QStyleOptionSlider, QStyleOptionViewItem

from jobtracker.ui.board.card_delegate import CardDelegate, Kept


def paint(view, row: int, *, selected: bool = False) -> QImage:
    """The card at ``row`` as the view's delegate paints it (as selected, or not), on a
    blank image."""
    option = QStyleOptionViewItem()
    option.initFrom(view)
    if selected:
        option.state |= QStyle.StateFlag.State_Selected
    option.rect = QRect(QPoint(0, 0), QSize(view.viewport().width(), view.sizeHintForRow(0)))
    image = QImage(option.rect.size(), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    view.itemDelegate().paint(painter, option, view.cards.index(row, 0))
    painter.end()
    return image


def test_a_card_from_the_cache_looks_as_painted_and_a_changed_card_is_repainted(
    services, add_card, make_window
) -> None:
    acme = add_card("Acme", "Backend Engineer", "Applied", location="Berlin", excitement=3)
    add_card("Zephyr", "Data Engineer", "Applied", location="Berlin", excitement=3)
    window = make_window()
    view = column_view(window, "Applied")
    delegate = view.itemDelegate()
    delegate.faces.clear()
    delegate.pixmaps.clear()
    row = view.cards.row_of(acme)
    first = paint(view, row)
    assert paint(view, row) == first, "painted again (kept as a picture now), the same"
    assert len(delegate.pixmaps) == 1 and paint(view, row) == first, "from the picture"
    assert paint(view, 1 - row) != first, "another card, with the same badges, differs"
    services.applications.edit(acme, company="Acme Robotics")
    window.controller.refresh([acme])
    assert paint(view, view.cards.row_of(acme)) != first, "a renamed card is painted anew"


def test_cards_painted_in_an_earlier_minute_leave_the_cache(
    services, clock, add_card, make_window
) -> None:
    """Badges are measured against the minute they were painted in, so a card is painted
    anew each minute; the pictures of earlier minutes go rather than fill the budget."""
    for company in ("Acme", "Zephyr"):
        add_card(company, "Backend Engineer", "Applied")
    view = column_view(make_window(), "Applied")
    delegate = view.itemDelegate()
    for _ in range(3):
        clock.advance(minutes=1)
        paint(view, 0)
        paint(view, 1)
        assert len(delegate.faces) == 2
    today = paint(view, 0)
    clock.advance(days=1)
    assert paint(view, 0) != today, "a day later its days-in-stage badge is painted anew"


def test_kept_values_keep_to_their_budget_dropping_the_least_recently_used() -> None:
    face = object()  # the cache never looks inside what it keeps
    cache: Kept[object] = Kept(2)
    cache.insert("a", face)
    cache.insert("b", face)
    assert cache.find("a") is not None  # "a" is now the most recently used
    cache.insert("c", face)
    assert cache.find("b") is None and cache.find("a") is not None
    assert cache.find("c") is not None and len(cache) == 2
    card = QPixmap(100, 50)  # 20,000 bytes
    pictures: Kept[QPixmap] = Kept(50_000, lambda p: p.width() * p.height() * 4)
    for key in "abc":
        pictures.insert(key, card)
    assert pictures.find("a") is None and len(pictures) == 2, "over the byte budget"


def test_column_scroll_bar_draws_its_handle_where_a_drag_takes_it(
    qtbot, add_card, make_window
) -> None:
    for n in range(40):
        add_card(f"Company {n}", stage="Applied")
    window = make_window()
    bar = column_view(window, "Applied").verticalScrollBar()
    assert bar.maximum() > 0 and bar.isVisible()
    option = QStyleOptionSlider()
    bar.initStyleOption(option)
    handle = bar.style().subControlRect(
        QStyle.ComplexControl.CC_ScrollBar, option, QStyle.SubControl.SC_ScrollBarSlider, bar
    )
    image = bar.grab().toImage()
    ratio = image.devicePixelRatio()
    at = handle.center() * ratio
    groove = QPoint(handle.center().x(), handle.bottom() + 20) * ratio
    assert QColor(image.pixel(at)) != QColor(image.pixel(groove)), "the handle is drawn there"
    qtbot.mousePress(bar, Qt.MouseButton.LeftButton, pos=handle.center())
    qtbot.mouseMove(bar, handle.center() + QPoint(0, 60))
    qtbot.mouseRelease(bar, Qt.MouseButton.LeftButton, pos=handle.center() + QPoint(0, 60))
    assert bar.value() > 0, "dragging the drawn handle scrolls the column"


def test_a_card_painted_in_another_state_or_after_an_edit_looks_as_painted_afresh(
    services, add_card, make_window
) -> None:
    """The delegate keeps each card's layout (where its badges go) besides its picture: a
    card painted again selected reuses it, and an edited badge never shows a kept one."""
    acme = add_card("Acme", "Backend Engineer", "Applied", location="Berlin", excitement=3)
    window = make_window()
    view = column_view(window, "Applied")
    delegate = view.itemDelegate()
    plain = paint(view, 0)
    view.selectionModel().select(view.cards.index(0, 0), QItemSelectionModel.SelectionFlag.Select)
    assert paint(view, 0, selected=True) != plain, "selected, the card is painted anew"
    services.applications.edit(acme, location="Lisbon, a long way off", excitement=5)
    window.controller.refresh([acme])
    kept = paint(view, 0, selected=True)
    fresh = CardDelegate(delegate._now)
    fresh.stage_colors = delegate.stage_colors
    view.setItemDelegate(fresh)
    try:
        assert paint(view, 0, selected=True) == kept, (
            "the same picture as a delegate with no caches"
        )
    finally:
        view.setItemDelegate(delegate)


def test_headers_and_collapsed_strips_kept_as_pictures_follow_counts_and_palettes(
    qtbot,
) -> None:
    """A header and a collapsed strip keep a picture of what does not change with their
    count; painted again after a new count or in another palette, each looks as a new one
    painted with that count and palette."""
    from PySide6.QtGui import QPalette

    from jobtracker.domain.records import StageInfo
    from jobtracker.ui.board.column import CollapsedStrip, ColumnHeader

    stage = StageInfo(1, "Rejected", 5, "closed", "#cc0000")

    def picture(widget) -> QImage:
        return widget.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)

    for make, size in (
        (lambda: ColumnHeader(stage, collapsible=True), QSize(262, 36)),
        (lambda: CollapsedStrip(stage), QSize(32, 300)),
    ):
        widget = make()
        qtbot.addWidget(widget)
        widget.resize(size)
        widget.show()
        picture(widget)  # kept now
        dark = QPalette(widget.palette())
        for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
            dark.setColor(role, QColor("#202124"))
        dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
        for palette, count in ((QPalette(widget.palette()), 1234), (dark, 5678)):
            widget.setPalette(palette)
            widget.set_count(count)
            fresh = make()
            qtbot.addWidget(fresh)
            fresh.setPalette(palette)
            fresh.resize(size)
            fresh.set_count(count)
            assert picture(widget) == picture(fresh), (type(widget).__name__, count)
