"""The filter bar's filters: the index answers as testing every card would, a saved filter
reads back as it was, and damaged saved values are dropped."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from jobtracker.domain.card_filters import CardFilter, CardSelection, IndexCache, order_key
from jobtracker.domain.records import CardRow, TagInfo

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
TAGS = [TagInfo(n, name, "#3d85c6") for n, name in enumerate(["Remote", "python", "Référence"])]
PLACES = ["Berlin", "Remote (EU)", "München", "", "remote"]
SOURCES = ["LinkedIn", "linkedin", "Referral", ""]

cards = st.lists(
    st.builds(
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
            None if applied is None else NOW - timedelta(days=applied),
            tuple(tags),
        ),
        st.integers(1, 10_000),
        st.integers(0, 5),
        st.sampled_from(PLACES),
        st.sampled_from(SOURCES),
        st.lists(st.sampled_from(TAGS), unique=True, max_size=3),
        st.none() | st.integers(-5, 5),
        st.none() | st.integers(0, 5),
        st.none() | st.integers(0, 60),
    ),
    max_size=40,
    unique_by=lambda card: card.id,
)
filters = st.builds(
    CardFilter,
    tags=st.lists(st.sampled_from(["remote", "PYTHON", "référence", "nope"]), max_size=2).map(
        tuple
    ),
    min_excitement=st.integers(0, 5),
    sources=st.lists(st.sampled_from(["LINKEDIN", "referral"]), max_size=1).map(tuple),
    place=st.sampled_from(["", "ber", "munchen", "remote eu"]),
    remote=st.booleans(),
    overdue=st.booleans(),
    interview=st.booleans(),
    applied_days=st.sampled_from([0, 7, 30]),
    applied_from=st.none() | st.just(date(2026, 2, 1)),
    applied_to=st.none() | st.just(date(2026, 3, 1)),
)


@settings(max_examples=300, deadline=None)
@given(cards, filters)
def test_the_index_selects_what_testing_each_card_selects(
    rows: list[CardRow], wanted: CardFilter
) -> None:
    by_id = {card.id: card for card in rows}
    selection = CardSelection(wanted, NOW, IndexCache())
    expected = {card.id for card in rows if selection(card)}
    assert selection.select(by_id, 1) == expected


@settings(max_examples=150, deadline=None)
@given(cards, st.lists(filters, min_size=2, max_size=4))
def test_one_index_answers_filter_after_filter_as_testing_each_card(
    rows: list[CardRow], wanted: list[CardFilter]
) -> None:
    """The index keeps the cards in order of each instant a filter asked for (reminder,
    date applied) for the next filters: each still selects what testing each card does,
    and what one selected is never changed by the next."""
    by_id = {card.id: card for card in rows}
    cache = IndexCache()
    answers = []
    for each in wanted:
        selection = CardSelection(each, NOW, cache)
        found = selection.select(by_id, 1)
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
    by_id = {card.id: card for card in rows}
    cache = IndexCache()
    for wanted in (CardFilter(tags=("python",)), CardFilter(interview=True)):
        first = CardSelection(wanted, NOW, cache).select(by_id, 1)
        first.add(-1)
        assert -1 not in CardSelection(wanted, NOW, cache).select(by_id, 1)


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
