"""The search field filters live; the match count and the column counts follow."""

from __future__ import annotations

from board_helpers import column_view
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget


def test_search_filters_columns_and_counts(qtbot, services, add_card, make_window) -> None:
    add_card("Acme Robotics", "Backend Engineer", "Applied", location="Munich")
    add_card("Café Lumière", "Full-Stack Developer", "Applied")
    add_card("Acme Health", "Data Analyst", "Interviewing")
    jonas = services.contacts.add("Jonas Weber")
    lark = add_card("Lark Social", "Android Developer", "Offer")
    services.contacts.link(lark, jonas.id, "recruiter")
    window = make_window()
    applied, interviewing = column_view(window, "Applied"), column_view(window, "Interviewing")
    assert window.count_label.text() == "4 applications"
    qtbot.keyClicks(window.search_field, "acme")
    assert applied.cards.rowCount() == 1 and interviewing.cards.rowCount() == 1
    assert window.match_label.text() == "2 of 4 match"
    assert window.board.columns[applied.cards.stage_id].header.count == 1
    window.search_field.setText("weber")  # a contact's name finds the card
    assert column_view(window, "Offer").cards.ids() == [lark]
    assert window.match_label.text() == "1 of 4 match"
    window.search_field.setText("zzz")
    assert window.match_label.text() == "0 of 4 match"
    assert "No cards match" in applied.empty_hint
    window.search_field.clear()
    assert window.match_label.text() == ""
    assert applied.cards.rowCount() == 2


def test_selected_cards_that_still_match_stay_selected(qtbot, add_card, make_window) -> None:
    acme = add_card("Acme Robotics", "Backend Engineer", "Applied")
    add_card("Acme Health", "Data Analyst", "Applied")
    add_card("Café Lumière", "Full-Stack Developer", "Applied")
    window = make_window()
    window.board.select_ids([acme])
    qtbot.keyClicks(window.search_field, "acme rob")
    assert window.board.selected_ids() == [acme]
    window.search_field.setText("cafe")
    assert window.board.selected_ids() == [], "a card the search hides is not acted on"


def test_typing_on_narrows_and_deleting_widens_the_search(qtbot, add_card, make_window) -> None:
    for company in ("Acme Robotics", "Acme Health", "Acorn Labs", "Beta Works"):
        add_card(company, stage="Applied")
    window = make_window()
    applied = column_view(window, "Applied")
    counts = []
    for text in ("a", "ac", "acm", "acme h", "acme", "ac", ""):
        window.search_field.setText(text)
        counts.append(applied.cards.rowCount())
    assert counts == [4, 3, 2, 1, 2, 3, 4]


class _Paints(QObject):
    """Counts the paint events of the widgets it watches."""

    def __init__(self, *widgets: QWidget) -> None:
        super().__init__()
        self.painted: list[QObject] = []
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted.append(watched)
        return False


def test_a_keystroke_repaints_only_the_columns_whose_cards_change(
    qtbot, add_card, make_window
) -> None:
    add_card("Acme Robotics", stage="Applied")
    add_card("Acorn Labs", stage="Applied")
    add_card("Acme Health", stage="Interviewing")
    window = make_window()
    applied, interviewing = column_view(window, "Applied"), column_view(window, "Interviewing")
    window.search_field.setText("ac")
    paints = _Paints(applied.viewport(), interviewing.viewport())
    QApplication.processEvents()  # any paint still owed
    paints.painted.clear()
    window.search_field.setText("acm")  # Applied loses Acorn; Interviewing keeps Acme Health
    qtbot.waitUntil(lambda: applied.viewport() in paints.painted)
    QApplication.processEvents()
    assert interviewing.viewport() not in paints.painted
    assert interviewing.cards.rowCount() == 1 and applied.cards.rowCount() == 1


def test_typing_on_with_the_same_matches_leaves_the_columns_alone(
    qtbot, add_card, make_window
) -> None:
    add_card("Acme Robotics", stage="Applied")
    add_card("Bolt", stage="Applied")
    window = make_window()
    applied = column_view(window, "Applied")
    window.search_field.setText("acm")
    resets: list[bool] = []
    applied.cards.modelReset.connect(lambda: resets.append(True))
    window.search_field.setText("acme rob")  # the same card matches
    assert resets == [] and applied.cards.ids() == [int(r) for r in applied.cards.stringList()]
    assert window.match_label.text() == "1 of 2 match"
    window.search_field.setText("acme robx")
    assert resets == [True] and applied.cards.ids() == []
    assert window.match_label.text() == "0 of 2 match"


def test_the_search_index_is_built_ahead_once_every_card_is_here(
    qtbot, monkeypatch, add_card, make_window
) -> None:
    """A slice per turn of the event loop, after the start: the first keystroke then does
    not build it (at 50,000 cards that took a quarter of a second)."""
    from jobtracker.ui.board import board_widget

    monkeypatch.setattr(board_widget, "INDEX_SLICE", 2)
    for n in range(7):
        add_card(f"Co {n}", "Backend Engineer")
    window = make_window()
    card_set = window.board.card_set
    assert not card_set.indexed, "not during the start"

    qtbot.waitUntil(lambda: card_set.indexed, timeout=5000)

    window.search_field.setText("co 3")
    assert window.board.counts() == (1, 7)


def test_a_new_count_of_matches_lays_out_nothing_around_it(qtbot, add_card, make_window) -> None:
    """The match count changes at most keystrokes: its label keeps its size, so the toolbar
    and the window are not laid out again (each layout asks every toolbar button's size)."""
    from PySide6.QtCore import QEvent

    for company in ("Acme", "Acorn", "Bolt"):
        add_card(company)
    window = make_window()
    for text in ("a", "ac"):  # the first search shows the label: laid out once
        window.search_field.setText(text)
        QApplication.processEvents()
    layouts = _Events(QEvent.Type.LayoutRequest, window.toolbar, window.statusBar(), window)

    for text in ("acm", "b", "", "bo"):
        window.search_field.setText(text)
        QApplication.processEvents()

    assert window.match_label.text() == "" or window.match_label.text().endswith("match")
    assert layouts.seen == []


class _Events(QObject):
    """The events of one type the given widgets received."""

    def __init__(self, kind: QEvent.Type, *widgets: QWidget) -> None:
        super().__init__()
        self.kind, self.seen = kind, list[QObject]()
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == self.kind:
            self.seen.append(watched)
        return False
