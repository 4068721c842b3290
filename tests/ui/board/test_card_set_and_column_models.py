"""The card set and the column models: Qt's model tester, rank order, search (narrowing
included), and the models refusing to remove rows."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QModelIndex

from jobtracker.text import matches_query
from jobtracker.ui.board.card_model import CARD_MIME_TYPE, ID_ROLE, ColumnModel, decode_ids
from jobtracker.ui.board.card_set import CardSet, search_words


@pytest.fixture
def cards(services, add_card):
    add_card("Acme Robotics", "Backend Engineer", "Applied", location="Munich")
    add_card("Café Lumière", "Full-Stack Developer", "Applied", notes="ask about remote")
    add_card("Zephyr Labs", "ML Engineer", "Interviewing")
    add_card("Quill & Co.", "Technical Writer", "Wishlist")
    return services.board.cards()


def loaded(cards) -> CardSet:
    card_set = CardSet()
    card_set.load(cards)
    return card_set


def test_each_column_model_passes_qt_model_tester(qtmodeltester, services, cards) -> None:
    card_set = loaded(cards)
    for stage in services.board.stages():
        model = ColumnModel(stage.id, card_set)
        model.show_ids(card_set.shown_ids(stage.id))
        qtmodeltester.check(model, force_py=True)
        assert model.ids() == [c.id for c in cards if c.stage_id == stage.id]
        card_set.search(search_words("engineer"))
        model.show_ids(card_set.shown_ids(stage.id))
        qtmodeltester.check(model, force_py=True)
        card_set.search([])


def test_inserts_and_removes_keep_the_model_valid(qtmodeltester, services, cards) -> None:
    applied = services.board.stage_by_name("Applied").id
    card_set = loaded(cards)
    model = ColumnModel(applied, card_set)
    model.show_ids(card_set.shown_ids(applied))
    qtmodeltester.check(model, force_py=True)  # keeps watching the signals from here on
    first, second = model.ids()
    model.remove(first, {first: card_set.sort_key(first)})
    assert model.ids() == [second]
    model.insert(first)
    assert model.ids() == [first, second], "a card goes back in at its rank"
    model.refresh(second)


def test_cards_are_grouped_by_stage_in_rank_order_whatever_order_they_come_in(
    services, cards
) -> None:
    card_set = loaded(reversed(cards))
    for stage in services.board.stages():
        expected = [c.id for c in cards if c.stage_id == stage.id]
        assert card_set.stage_ids(stage.id) == expected
        assert card_set.stage_count(stage.id) == len(expected)
    assert len(card_set) == 4


def test_cards_of_equal_rank_sit_in_id_order(services, cards) -> None:
    applied = services.board.stage_by_name("Applied").id
    tied = [card._replace(rank=1.0) for card in cards if card.stage_id == applied]
    assert len(tied) == 2
    for order in (tied, tied[::-1]):
        assert loaded(order).stage_ids(applied) == sorted(card.id for card in tied)


def test_a_move_reaches_the_stage_lists_and_the_column(services, cards) -> None:
    applied = services.board.stage_by_name("Applied").id
    offer = services.board.stage_by_name("Offer").id
    card_set = loaded(cards)
    first, second = card_set.stage_ids(applied)
    services.board.move_cards([first], applied)  # to the end
    [(before, after)] = card_set.update(services.board.cards(only_ids=[first]))
    assert before.rank < after.rank and card_set.stage_ids(applied) == [second, first]
    services.board.move_cards([first], offer)
    card_set.update(services.board.cards(only_ids=[first]))
    assert card_set.stage_ids(applied) == [second] and card_set.stage_ids(offer) == [first]


def test_search_matches_every_word_folded_over_all_card_text(services, cards) -> None:
    applied = services.board.stage_by_name("Applied").id
    card_set = loaded(cards)
    companies = lambda: [card_set.card(i).company for i in card_set.shown_ids(applied)]  # noqa: E731
    card_set.search(search_words("CAFE remote"))  # accents folded; notes searched
    assert companies() == ["Café Lumière"]
    card_set.search(search_words("munich"))
    assert companies() == ["Acme Robotics"]
    card_set.search(search_words("a.c"))  # no pattern syntax: characters are literal
    assert companies() == []
    card_set.search([])
    assert len(companies()) == 2


def test_a_narrowing_search_finds_what_a_fresh_one_would(services, cards) -> None:
    """Typing on looks only at the last matches; widening or changing words looks at all."""
    rng = random.Random(5)
    card_set = loaded(cards)
    texts = ["a", "ac", "acme", "acme rob", "eng", "engineer", "e", "", "r", "ro", "rem", "q"]
    for _ in range(200):
        query = rng.choice(texts)
        card_set.search(search_words(query))
        expected = {c.id for c in cards if matches_query(c.search_text, query)}
        assert {c.id for c in cards if card_set.matches(c.id)} == expected, query


def test_an_update_during_a_search_follows_the_new_text(services, cards) -> None:
    card_set = loaded(cards)
    card_set.search(search_words("zephyr"))
    zephyr = next(c for c in cards if c.company == "Zephyr Labs")
    services.applications.edit(zephyr.id, company="Aurora Labs")
    card_set.update(services.board.cards(only_ids=[zephyr.id]))
    assert not card_set.matches(zephyr.id)
    card_set.search(search_words("aurora"))
    assert card_set.matches(zephyr.id)


def test_column_model_never_removes_rows(services, cards) -> None:
    applied = services.board.stage_by_name("Applied").id
    card_set = loaded(cards)
    model = ColumnModel(applied, card_set)
    model.show_ids(card_set.shown_ids(applied))
    assert model.removeRows(0, 1, QModelIndex()) is False
    assert model.rowCount() == 2 and len(card_set) == 4


def test_mime_data_carries_ids(services, cards) -> None:
    applied = services.board.stage_by_name("Applied").id
    card_set = loaded(cards)
    model = ColumnModel(applied, card_set)
    model.show_ids(card_set.shown_ids(applied))
    indexes = [model.index(1, 0), model.index(0, 0)]
    mime = model.mimeData(indexes)
    assert mime.hasFormat(CARD_MIME_TYPE)
    assert decode_ids(mime) == [i.data(ID_ROLE) for i in indexes]
    assert mime.text().splitlines() == [i.data() for i in indexes]
    assert set(mime.text().splitlines()) == {"Café Lumière", "Acme Robotics"}


def test_update_adds_refreshes_and_drops_cards(services, cards, add_card) -> None:
    card_set = loaded(cards)
    new_id = add_card("Helios Energy", "Platform Engineer", "Offer")
    gone = cards[0].id
    changes = card_set.update(services.board.cards(only_ids=[new_id]), gone=[gone])
    assert [(b and b.id, a and a.id) for b, a in changes] == [(None, new_id), (gone, None)]
    assert set(card_set.ids()) == {c.id for c in cards[1:]} | {new_id}
    assert card_set.card(gone) is None
    assert card_set.card(new_id).company == "Helios Energy"
    assert gone not in card_set.stage_ids(cards[0].stage_id)


def test_columns_follow_moves_and_renumbered_ranks_in_one_update(qtbot, services) -> None:
    """A move of several cards, or a column renumbered, changes many ranks in one update:
    each column still shows its stage's cards in rank order, none twice, none lost."""
    from datetime import UTC, datetime

    from jobtracker.domain.records import CardRow
    from jobtracker.ui.board.board_widget import BoardWidget

    when = datetime(2026, 1, 5, tzinfo=UTC)
    board = BoardWidget(lambda: when)
    qtbot.addWidget(board)
    stages = [stage.id for stage in services.board.stages()][:3]
    board.set_stages(services.board.stages())
    rng = random.Random(7)
    cards = {
        n: CardRow(n, rng.choice(stages), float(n), f"C{n}", "", "", 0, when, f"c{n}")
        for n in range(1, 60)
    }
    board.load(cards.values())
    for _ in range(150):
        changed = []
        for card_id in rng.sample(sorted(cards), rng.randint(1, 12)):
            moved = cards[card_id]._replace(stage_id=rng.choice(stages), rank=rng.uniform(0, 80))
            cards[card_id] = moved
            changed.append(moved)
        board.update_cards(changed)
        for stage_id in stages:
            in_rank = sorted((c for c in cards.values() if c.stage_id == stage_id),
                             key=lambda c: (c.rank, c.id))  # fmt: skip
            model = board.columns[stage_id].view.cards
            assert model.ids() == [c.id for c in in_rank]
            assert [int(row) for row in model.stringList()] == model.ids(), "Qt's rows agree"
