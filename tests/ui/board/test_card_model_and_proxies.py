"""The card model and the stage proxies: Qt's model tester, rank order, search, and the
proxies refusing to remove rows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex

from jobtracker.ui.board.card_model import CARD_MIME_TYPE, ID_ROLE, CardModel, decode_ids
from jobtracker.ui.board.stage_proxy import ColumnProxy, search_words


@pytest.fixture
def cards(services, add_card):
    add_card("Acme Robotics", "Backend Engineer", "Applied", location="Munich")
    add_card("Café Lumière", "Full-Stack Developer", "Applied", notes="ask about remote")
    add_card("Zephyr Labs", "ML Engineer", "Interviewing")
    add_card("Quill & Co.", "Technical Writer", "Wishlist")
    return services.board.cards()


def test_card_model_passes_qt_model_tester(qtmodeltester, cards) -> None:
    model = CardModel()
    model.load(cards)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 4


def test_each_stage_proxy_passes_qt_model_tester(qtmodeltester, services, cards) -> None:
    model = CardModel()
    model.load(cards)
    for stage in services.board.stages():
        proxy = ColumnProxy(stage.id)
        proxy.set_card_model(model)
        qtmodeltester.check(proxy.stage, force_py=True)
        proxy.set_search(search_words("engineer"))
        qtmodeltester.check(proxy, force_py=True)
        proxy.set_search([])
        assert proxy.ids() == [c.id for c in cards if c.stage_id == stage.id]


def test_a_reload_under_attached_proxies_keeps_rank_order(services, cards) -> None:
    model = CardModel()
    model.load(cards)
    proxies = [ColumnProxy(stage.id) for stage in services.board.stages()]
    for proxy in proxies:
        proxy.set_card_model(model)
    model.load(list(reversed(cards)))
    for proxy in proxies:
        assert proxy.ids() == [c.id for c in cards if c.stage_id == proxy.stage_id]
    assert model.stage_counts == {
        proxy.stage_id: len(proxy.ids()) for proxy in proxies if proxy.ids()
    }


def test_proxy_sorts_by_rank_and_follows_a_move(services, cards) -> None:
    applied = services.board.stage_by_name("Applied").id
    model = CardModel()
    model.load(cards)
    proxy = ColumnProxy(applied)
    proxy.set_card_model(model)
    first, second = proxy.ids()
    services.board.move_cards([first], applied)  # to the end
    model.update(services.board.cards(only_ids=[first]))
    assert proxy.ids() == [second, first]


def test_search_matches_every_word_folded_over_all_card_text(services, cards) -> None:
    applied = services.board.stage_by_name("Applied").id
    model = CardModel()
    model.load(cards)
    proxy = ColumnProxy(applied)
    proxy.set_card_model(model)
    proxy.set_search(search_words("CAFE remote"))  # accents folded; notes searched
    assert [model.card(i).company for i in proxy.ids()] == ["Café Lumière"]
    proxy.set_search(search_words("munich"))
    assert [model.card(i).company for i in proxy.ids()] == ["Acme Robotics"]
    proxy.set_search(search_words("a.c"))  # a regular-expression character is literal
    assert proxy.ids() == []
    proxy.set_search([])
    assert proxy.rowCount() == 2


def test_proxy_never_removes_rows_and_model_keeps_the_card(services, cards) -> None:
    applied = services.board.stage_by_name("Applied").id
    model = CardModel()
    model.load(cards)
    proxy = ColumnProxy(applied)
    proxy.set_card_model(model)
    assert proxy.removeRows(0, 1, QModelIndex()) is False
    assert proxy.rowCount() == 2 and model.rowCount() == 4


def test_mime_data_carries_ids(services, cards) -> None:
    model = CardModel()
    model.load(cards)
    indexes = [model.index(0, 0), model.index(2, 0)]
    mime = model.mimeData(indexes)
    assert mime.hasFormat(CARD_MIME_TYPE)
    assert decode_ids(mime) == [i.data(ID_ROLE) for i in indexes]


def test_update_adds_refreshes_and_drops_cards(services, cards, add_card) -> None:
    model = CardModel()
    model.load(cards)
    new_id = add_card("Helios Energy", "Platform Engineer", "Offer")
    gone = cards[0].id
    model.update(services.board.cards(only_ids=[new_id]), gone=[gone])
    assert set(model.ids()) == {c.id for c in cards[1:]} | {new_id}
    assert model.card(gone) is None
    assert model.card(new_id).company == "Helios Energy"
