"""The search index finds exactly what a scan of every card's text would, whatever has
changed since it was built: edits, moves, cards gone and back (an undo), words no card
holds any more."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest
from board_helpers import column_view

from jobtracker.domain.records import CardRow
from jobtracker.text import matches_query
from jobtracker.ui.board.card_set import CardSet, rank_key, search_words
from jobtracker.ui.board.search_index import SearchIndex

WORDS = ["acme", "acorn", "backend", "back", "engineer", "eng", "lisbon", "12", "312", "1", "é"]
WHEN = datetime(2026, 1, 5, tzinfo=UTC)


def card(card_id: int, stage_id: int, rank: float, text: str) -> CardRow:
    return CardRow(card_id, stage_id, rank, text.split()[0], "", "", 0, WHEN, text)


def random_text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) + rng.choice(["", "x", "3"]) for _ in range(3))


def random_query(rng: random.Random) -> str:
    words = []
    for _ in range(rng.randint(0, 3)):
        word = rng.choice(WORDS)
        start = rng.randint(0, len(word) - 1)
        words.append(word[start : rng.randint(start + 1, len(word))])
    return " ".join(words)


def expected(cards: dict[int, CardRow], query: str) -> set[int]:
    return {i for i, c in cards.items() if matches_query(c.search_text, query)}


@pytest.mark.parametrize("ahead", [False, True], ids=["built-at-first-search", "built-ahead"])
def test_the_index_finds_what_a_scan_finds_through_edits_moves_and_undos(ahead: bool) -> None:
    """Built at the first search, or ahead of it a slice at a time while cards change."""
    rng = random.Random(16)
    cards = {i: card(i, rng.randint(1, 4), rng.random(), random_text(rng)) for i in range(200)}
    card_set = CardSet()
    card_set.load(cards.values())
    query = ""
    for step in range(600):
        building = ahead and step < 300
        if building and step % 10 == 0:
            card_set.index_more(7)  # in 30 slices, among the changes
        if ahead and step == 300:
            assert card_set.index_more(0), "every card went in, slice by slice"
        action = rng.random()
        if action < 0.3 and not building:
            query = random_query(rng)
            card_set.search(search_words(query))
        elif action < 0.6:  # an edit of the text, or a move (stage and rank)
            old = cards[rng.choice(list(cards))]
            new = old._replace(
                search_text=random_text(rng) if rng.random() < 0.5 else old.search_text,
                stage_id=rng.randint(1, 4),
                rank=rng.random(),
            )
            cards[new.id] = new
            card_set.update([new])
        elif action < 0.8 and len(cards) > 20:  # trashed, then undone a little later
            gone = cards.pop(rng.choice(list(cards)))
            card_set.update([], gone=[gone.id])
            if rng.random() < 0.7:
                cards[gone.id] = gone
                card_set.update([gone])
        else:
            new_id = max(cards) + 1
            cards[new_id] = card(new_id, rng.randint(1, 4), rng.random(), random_text(rng))
            card_set.update([cards[new_id]])
        wanted = expected(cards, query)
        shown = {i for i in cards if card_set.matches(i)}
        assert shown == wanted, (step, query)
        for stage_id in range(1, 5):
            in_rank = sorted((c for c in cards.values() if c.stage_id == stage_id), key=rank_key)
            shown = [c.id for c in in_rank if c.id in wanted]
            assert card_set.shown_ids(stage_id) == shown
            first, count, rest = card_set.shown_page(stage_id, 3)
            assert count == len(shown) and first == shown[: len(first)]
            assert len(first) >= min(3, count) and (rest() if rest else first) == shown
        if building:
            continue  # a search now would build the rest of the index at once
        other = random_query(rng)
        found = card_set.matching_ids(other)
        assert (found if found is not None else set(cards)) == expected(cards, other), other


def test_matching_ids_is_none_without_words_and_reads_words_anywhere() -> None:
    card_set = CardSet()
    card_set.load([card(1, 1, 1, "acme 312 backend"), card(2, 1, 2, "acorn 12 lisbon")])
    assert card_set.matching_ids("   ") is None
    assert card_set.matching_ids("12") == {1, 2}  # inside "312" too
    assert card_set.matching_ids("AC 12 lis") == {2}
    assert card_set.matching_ids("a.c") == set()  # no pattern syntax


def test_words_no_card_holds_any_more_are_not_found_and_are_dropped_in_time() -> None:
    index = SearchIndex()
    for n in range(3000):  # each card gets a word of its own, then loses it
        index.add(n, f"word{n} common")
        index.remove(n, f"word{n} common")
        index.add(n, f"other{n} common")
        assert index.find(f"word{n}") == set()
    assert index.find("common") == set(range(3000))
    assert index.find("other12") == {12, *range(120, 130), *range(1200, 1300)}
    assert len(index._words()) < 2 * len("\n".join(f"other{n}" for n in range(3000)))


def test_a_word_held_by_one_card_then_more_then_one_again_finds_its_cards() -> None:
    """Most words belong to one card (a name, a number): such a word keeps its card alone,
    and turns into a set of cards as others take it up, and back as they let it go."""
    index = SearchIndex()
    index.add(1, "acme 312")
    assert index.find("312") == {1} and index.find("31") == {1} and index.find("4") == set()
    index.add(2, "bolt 312")
    index.add(3, "acme 3120")
    assert index.find("312") == {1, 2, 3} and index.find("acme") == {1, 3}
    assert index.narrow({1, 2, 3}, "bolt") == {2} and index.narrow({1, 2}, "acme") == {1}
    index.remove(1, "acme 312")
    assert index.find("312") == {2, 3} and index.find("acme") == {3}
    index.remove(3, "acme 3120")
    assert index.find("acme") == set() and index.find("312") == {2}
    index.add(1, "acme 312")  # the card back (an undo)
    assert index.find("acme") == {1} and index.find("312") == {1, 2}
    index.remove(2, "bolt 312")
    index.remove(1, "acme 312")
    assert index.find("312") == set() and index.find("acme") == set()


def test_narrowing_by_a_word_reads_texts_or_the_words_holding_it_alike() -> None:
    """A word held by few words of the index ("data") narrows through their cards; one held
    by thousands ("9", in the numbers) by reading each candidate's text: the same cards."""
    index = SearchIndex()
    texts = {
        n: f"acme {n} {'remote data' if n % 3 else 'lisbon'} note {n * 7}" for n in range(4000)
    }
    for card_id, text in texts.items():
        index.add(card_id, text)
    index.remove(5, texts.pop(5))
    for first, word in (("remote", "data"), ("acme", "9"), ("note", "12"), ("acme", "lisb"),
                        ("acme", "zzz"), ("remote", "a")):  # fmt: skip
        candidates = index.find(first)
        wanted = {n for n in candidates if word in texts[n]}
        assert index.narrow(candidates, word) == wanted, (first, word)
        few = set(list(candidates)[:20])
        assert index.narrow(few, word) == few & wanted, (first, word, "few candidates")


def test_a_search_follows_edits_moves_and_their_undo_in_the_window(
    qtbot, services, add_card, make_window
) -> None:
    acme = add_card("Acme Robotics", "Backend Engineer", "Applied")
    zed = add_card("Zed", "Designer", "Applied")
    window = make_window()
    window.search_field.setText("acme")
    applied, offer = column_view(window, "Applied"), column_view(window, "Offer")
    assert applied.cards.ids() == [acme]
    window.controller.move([acme], offer.cards.stage_id, None)
    assert applied.cards.ids() == [] and offer.cards.ids() == [acme]
    window.undo_action.trigger()
    assert applied.cards.ids() == [acme] and offer.cards.ids() == []
    services.applications.edit(zed, company="Acme Zed")  # an edit made in a dialog
    window.refresh_cards([zed])
    assert sorted(applied.cards.ids()) == [acme, zed]
    services.applications.edit(acme, company="Bolt")
    window.refresh_cards([acme])
    assert applied.cards.ids() == [zed], "the old text no longer finds it"
    assert window.match_label.text() == "1 of 2 match"
