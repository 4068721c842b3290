"""The board's filters' index, built ahead a slice at a time while cards change, then kept
through edits, moves, tags and cards gone and back (an undo): with the search, each column
shows what testing every card would."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from jobtracker.domain.card_filters import CardFilter, CardSelection
from jobtracker.domain.records import CardRow, TagInfo
from jobtracker.text import matches_query
from jobtracker.ui.board.card_set import CardSet, rank_key, search_words

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
TAGS = [TagInfo(n, name, "#3d85c6") for n, name in enumerate(["python", "remote", "dream"])]
PLACES = ["Lisbon", "Berlin", "Remote (EU)", ""]
WORDS = ["acme", "backend", "data", "lisbon", "12", "9"]
FILTERS = [
    CardFilter(tags=("python",)),
    CardFilter(min_excitement=3, place="lis"),
    CardFilter(remote=True, overdue=True),
    CardFilter(interview=True, tags=("remote", "dream")),
    CardFilter(applied_days=10, min_excitement=1),
]


def random_card(rng: random.Random, card_id: int) -> CardRow:
    def instant() -> datetime | None:
        return None if rng.random() < 0.3 else NOW + timedelta(hours=rng.randint(-400, 400))

    return CardRow(
        card_id, rng.randint(1, 4), rng.random(), f"Co {card_id}", "Role", rng.choice(PLACES),
        rng.randint(0, 5), NOW, " ".join(rng.choices(WORDS, k=3)), False, False, instant(),
        instant(), "", instant(), tuple(rng.sample(TAGS, rng.randint(0, 2))),
    )  # fmt: skip


@pytest.mark.parametrize("ahead", [False, True], ids=["built-when-set", "built-ahead"])
def test_filtered_columns_show_what_testing_each_card_shows_through_changes(ahead: bool) -> None:
    rng = random.Random(21)
    cards = {i: random_card(rng, i) for i in range(150)}
    card_set = CardSet()
    card_set.load(cards.values())
    if ahead:
        card_set.want_filters()  # the bar opened: built ahead among the changes below
    selection: CardSelection | None = None
    query = ""
    narrowed = 0
    for step in range(500):
        building = ahead and step < 200
        if building and step % 10 == 0:
            card_set.index_more(8)
        if ahead and step == 200:  # the cards added meanwhile joined those still to go in
            assert not card_set.index_more(0) and card_set.index_more(len(cards))
        action = rng.random()
        if action < 0.15 and not building:  # setting a filter now builds what is left
            selection = CardSelection(rng.choice(FILTERS), NOW) if rng.random() < 0.8 else None
            card_set.set_filter(selection)
        elif action < 0.25 and not building:
            query = rng.choice(["", "acme", "lisbon 9", "data 12"])
            card_set.search(search_words(query))
        elif action < 0.65:  # an edit (tags, place, stars, instants) or a move
            old = cards[rng.choice(list(cards))]
            new = random_card(rng, old.id)
            cards[new.id] = new if rng.random() < 0.7 else old._replace(stage_id=new.stage_id)
            card_set.update([cards[new.id]])
        elif action < 0.85 and len(cards) > 30:  # trashed, and undone now and then
            gone = cards.pop(rng.choice(list(cards)))
            card_set.update([], gone=[gone.id])
            if rng.random() < 0.6:
                cards[gone.id] = gone
                card_set.update([gone])
        else:
            new_id = max(cards) + 1
            cards[new_id] = random_card(rng, new_id)
            card_set.update([cards[new_id]])
        wanted = {
            i for i, c in cards.items()
            if matches_query(c.search_text, query) and (selection is None or selection(c))
        }  # fmt: skip
        narrowed += len(wanted) < sum(matches_query(c.search_text, query) for c in cards.values())
        for stage_id in range(1, 5):
            in_rank = sorted((c for c in cards.values() if c.stage_id == stage_id), key=rank_key)
            assert card_set.shown_ids(stage_id) == [c.id for c in in_rank if c.id in wanted], step
    assert narrowed > 100, "the filters left out cards at most steps"
