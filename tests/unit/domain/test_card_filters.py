"""The filter bar's filters: the index answers as testing every card would, built at once
or kept through changes, a saved filter reads back as it was, and damaged saved values are
dropped."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from jobtracker.domain.card_filters import CardFilter, CardIndex, CardSelection, order_key
from jobtracker.domain.records import CardRow, TagInfo

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
TAGS = [TagInfo(n, name, "#3d85c6") for n, name in enumerate(["Remote", "python", "Référence"])]
PLACES = ["Berlin", "Remote (EU)", "München", "", "remote"]
SOURCES = ["LinkedIn", "linkedin", "Referral", ""]


def card_of(ids: st.SearchStrategy[int]) -> st.SearchStrategy[CardRow]:
    """Cards with ids from ``ids``, applied at any hour (days start at their midnights in
    the filter's zone, which some land on)."""
    return st.builds(
        lambda i, stars, place, source, tags, reminder, interview, applied: CardRow(
            i,
            1,
            float(i),
            f"Company {i}",
            "Role",
            place,
            stars,
            NOW,
            "",
            False,
            False,
            None if interview is None else NOW + timedelta(days=interview),
            None if reminder is None else NOW + timedelta(days=reminder),
            source,
            None if applied is None else NOW - timedelta(hours=applied),
            tuple(tags),
        ),
        ids,
        st.integers(0, 5),
        st.sampled_from(PLACES),
        st.sampled_from(SOURCES),
        st.lists(st.sampled_from(TAGS), unique=True, max_size=3),
        st.none() | st.integers(-5, 5),
        st.none() | st.integers(0, 5),
        st.none() | st.integers(0, 60 * 24),
    )


cards = st.lists(card_of(st.integers(1, 10_000)), max_size=40, unique_by=lambda card: card.id)
#: a few ids, so changes hit cards already there
few_cards = st.lists(
    card_of(st.integers(1, 15)), min_size=5, max_size=15, unique_by=lambda card: card.id
)
#: the moment of a filter, in UTC and in zones east and west of it
moments = st.sampled_from(
    [NOW, NOW.astimezone(timezone(timedelta(hours=5, minutes=30))),
     NOW.astimezone(timezone(timedelta(hours=-9)))]
)  # fmt: skip
CONDITIONS: dict[str, st.SearchStrategy[Any]] = {
    "tags": st.lists(st.sampled_from(["remote", "PYTHON", "référence", "nope"]), max_size=2).map(
        tuple
    ),
    "min_excitement": st.integers(0, 5),
    "sources": st.lists(st.sampled_from(["LINKEDIN", "referral"]), max_size=1).map(tuple),
    "place": st.sampled_from(["", "ber", "munchen", "remote eu"]),
    "remote": st.booleans(),
    "overdue": st.booleans(),
    "interview": st.booleans(),
    "applied_days": st.sampled_from([0, 7, 30]),
    "applied_from": st.none() | st.just(date(2026, 2, 1)),
    "applied_to": st.none() | st.just(date(2026, 3, 1)),
}
#: filters with any of the conditions set
filters = st.fixed_dictionaries(CONDITIONS).map(lambda values: CardFilter(**values))
#: filters with up to three conditions set, the others left as they are: each lets some
#: cards through (with every condition drawn at once, most let none through)
few_conditions = (
    st.lists(st.sampled_from(list(CONDITIONS)), max_size=3, unique=True)
    .flatmap(lambda names: st.fixed_dictionaries({name: CONDITIONS[name] for name in names}))
    .map(lambda values: CardFilter(**values))
)


@settings(max_examples=300, deadline=None)
@given(cards, few_conditions, moments)
def test_the_index_selects_what_testing_each_card_selects(
    rows: list[CardRow], wanted: CardFilter, now: datetime
) -> None:
    selection = CardSelection(wanted, now)
    expected = {card.id for card in rows if selection(card)}
    assert selection.select(_built(rows)) == expected


def _built(rows: list[CardRow]) -> CardIndex:
    """An index of ``rows``, added in bulk (as the board builds it ahead)."""
    index = CardIndex()
    for card in rows:
        index.add(card, in_bulk=True)
    return index


@settings(max_examples=300, deadline=None)
@given(
    few_cards,
    st.lists(st.tuples(card_of(st.integers(1, 15)), st.booleans()), min_size=5, max_size=25),
    few_conditions,
    moments,
)
def test_an_index_kept_through_changes_selects_what_testing_each_card_selects(
    rows: list[CardRow], changes: list[tuple[CardRow, bool]], wanted: CardFilter, now: datetime
) -> None:
    """Cards edited (their tags, place, stars, instants), added and removed one at a time
    after the index was built, some of them before a filter read it: each filter after a
    change still selects what testing each card does."""
    index = _built(rows)
    by_id = {card.id: card for card in rows}
    selection = CardSelection(wanted, now)
    for n, (card, gone) in enumerate(changes):
        before = by_id.pop(card.id, None)
        if before is not None:
            index.remove(before)
        if not gone:
            by_id[card.id] = card
            index.add(card, in_bulk=n % 3 == 0)  # some changes wait for the next reading
        if n % 2:
            assert selection.select(index) == {c.id for c in by_id.values() if selection(c)}
    assert selection.select(index) == {c.id for c in by_id.values() if selection(c)}


@settings(max_examples=150, deadline=None)
@given(cards, st.lists(few_conditions, min_size=2, max_size=4))
def test_one_index_answers_filter_after_filter_as_testing_each_card(
    rows: list[CardRow], wanted: list[CardFilter]
) -> None:
    """The index keeps the cards in order of each instant a filter asked for (reminder,
    date applied) for the next filters: each still selects what testing each card does,
    and what one selected is never changed by the next."""
    index = _built(rows)
    answers = []
    for each in wanted:
        selection = CardSelection(each, NOW)
        found = selection.select(index)
        assert found == {card.id for card in rows if selection(card)}
        answers.append((found, set(found)))
        found.add(-1)  # the board keeps the answer and changes it as cards change
    for found, as_given in answers:
        found.discard(-1)
        assert found == as_given


def test_an_answer_changed_by_the_board_leaves_the_index_as_it_was() -> None:
    rows = [
        CardRow(n, 1, float(n), f"Co {n}", "", "", 0, NOW, "",
                next_interview_at=NOW if n % 2 else None, tags=(TAGS[n % 2],))
        for n in range(1, 7)
    ]  # fmt: skip
    index = _built(rows)
    for wanted in (CardFilter(tags=("python",)), CardFilter(interview=True)):
        first = CardSelection(wanted, NOW).select(index)
        first.add(-1)
        assert -1 not in CardSelection(wanted, NOW).select(index)


@given(filters)
def test_a_saved_filter_reads_back_as_it_was(wanted: CardFilter) -> None:
    assert CardFilter.from_json(wanted.to_json()) == wanted


def test_damaged_saved_values_are_dropped() -> None:
    read = CardFilter.from_json(
        {"tags": "remote", "min_excitement": 99, "overdue": "yes", "applied_from": "soon",
         "place": 7, "sources": ["LinkedIn", 3]}
    )  # fmt: skip
    assert read == CardFilter(min_excitement=5, sources=("LinkedIn",))
    assert CardFilter.from_json(None) == CardFilter()


def test_the_filter_reads_as_words() -> None:
    wanted = CardFilter(tags=("remote",), min_excitement=3, overdue=True, applied_days=30)
    assert wanted.describe() == "#remote, 3+ stars, overdue, applied in the last 30 days"


def test_orders_keep_the_drag_order_among_equals() -> None:
    a, b, c = (
        CardRow(1, 1, 2.0, "beta", "", "", 3, NOW, "", applied_at=NOW),
        CardRow(2, 1, 1.0, "Alpha", "", "", 3, NOW, ""),
        CardRow(3, 1, 3.0, "alpha", "", "", 5, NOW, "", applied_at=NOW - timedelta(days=1)),
    )

    def ordered(order: str) -> list[int]:
        return [card.id for card in sorted((a, b, c), key=order_key(order))]

    assert ordered("position") == [2, 1, 3]
    assert ordered("excitement") == [3, 2, 1]
    assert ordered("company") == [2, 3, 1]
    assert ordered("applied") == [1, 3, 2]


def test_cards_on_the_edges_of_a_range_are_selected_as_each_card_is_tested() -> None:
    """A reminder due at the very moment is overdue; a card applied at the first instant of
    the range's first day (in the filter's zone) is in, one at the first instant after its
    last day is out: built in bulk or added one at a time, the index agrees."""
    zone = timezone(timedelta(hours=5, minutes=30))
    now = NOW.astimezone(zone)
    first_day, last_day = date(2026, 2, 1), date(2026, 3, 1)
    edges = [
        datetime(2026, 2, 1, tzinfo=zone),
        datetime(2026, 2, 1, tzinfo=zone) - timedelta(microseconds=1),
        datetime(2026, 3, 2, tzinfo=zone),
        datetime(2026, 3, 2, tzinfo=zone) - timedelta(microseconds=1),
    ]
    rows = [
        CardRow(n, 1, float(n), f"Co {n}", "", "", 0, NOW, "", applied_at=when,
                next_reminder_at=now + timedelta(microseconds=n - 2))
        for n, when in enumerate(edges)
    ]  # fmt: skip
    ranged = CardSelection(CardFilter(applied_from=first_day, applied_to=last_day), now)
    overdue = CardSelection(CardFilter(overdue=True), now)
    assert {c.id for c in rows if ranged(c)} == {0, 3}
    assert {c.id for c in rows if overdue(c)} == {0, 1, 2}
    one_by_one = CardIndex()
    for card in rows:
        one_by_one.add(card)
    for index in (_built(rows), one_by_one):
        assert ranged.select(index) == {0, 3}
        assert overdue.select(index) == {0, 1, 2}
