"""Which cards hold a piece of text: card ids by the words of their search text.

A search word matches anywhere inside a card's words ("eng" finds "engineer", "12" finds
"acme 312"). The distinct words of every card are kept in one string, a word per line, so a
search word is looked for there with ``str.find`` (C speed over the distinct words, not once
per card); each word it lands in gives its cards. A keystroke then costs in proportion to
what it finds, not to the board. A search of several words, or typed on, narrows a set of
cards word by word (:meth:`SearchIndex.narrow`): through the words that hold the new one
where they are few, else by reading the candidates' texts, kept here by id.

Most words are held by one card alone (a company's name, a number in a note): such a word
keeps that card's id itself, not a set of one, which would take several times the memory
of the card's own text.

Plain Python, no Qt: the board's :class:`CardSet` keeps one, and so can anything that filters
the same cards.
"""

from __future__ import annotations

from typing import TypeAlias

_SEPARATOR = "\n"
#: reading a card's text costs about this many times putting one id into a set
_READ_COST = 8

#: the cards holding a word: the one card's id, or the set of two or more
Holders: TypeAlias = int | set[int]


def _count(holders: Holders) -> int:
    return 1 if isinstance(holders, int) else len(holders)


def _union(found: list[Holders]) -> set[int]:
    """The ids of every card in ``found``."""
    ids: set[int] = set()
    for holders in found:
        if isinstance(holders, int):
            ids.add(holders)
        else:
            ids |= holders
    return ids


class SearchIndex:
    """Card ids by word, and the words themselves, kept as cards are added and removed."""

    def __init__(self) -> None:
        #: each word -> the cards whose text holds it (see :data:`Holders`; sets: a card
        #: leaves a word held by most of the board in one step, not a scan of its list)
        self._cards_of: dict[str, Holders] = {}
        #: each card's text (one lookup away: faster to read than through the card)
        self._texts: dict[int, str] = {}
        #: every word ever added, one per line, the first line empty; words no card holds
        #: any more stay until there are as many of them as live ones
        self._vocabulary = _SEPARATOR
        self._listed = 0
        self._unlisted: list[str] = []

    def add(self, card_id: int, text: str) -> None:
        """Index a card's (folded) search text; the card must not be in the index."""
        cards_of = self._cards_of
        self._texts[card_id] = text
        for word in set(text.split()):
            ids = cards_of.get(word)
            if ids is None:
                cards_of[word] = card_id
                self._unlisted.append(word)
            elif isinstance(ids, int):
                cards_of[word] = {ids, card_id}
            else:
                ids.add(card_id)

    def remove(self, card_id: int, text: str) -> None:
        """Forget a card indexed with ``text``."""
        cards_of = self._cards_of
        self._texts.pop(card_id, None)
        for word in set(text.split()):
            ids = cards_of.get(word)
            if isinstance(ids, set):
                ids.discard(card_id)
                if len(ids) == 1:
                    cards_of[word] = ids.pop()  # held by one card again
            elif ids == card_id:
                del cards_of[word]

    def find(self, word: str) -> set[int]:
        """The ids of the cards holding ``word`` (no whitespace in it) inside one of their
        words."""
        return _union(self._holders(word))

    def narrow(self, ids: set[int], word: str) -> set[int]:
        """Those of ``ids`` (cards in the index) holding ``word`` inside one of their words.

        Through the cards of the words that hold it when they are few ("da" is in "data"
        alone), else by reading each candidate's text ("9" is in thousands of numbers):
        whichever touches fewer things."""
        if self._words().count(word) * _READ_COST < len(ids):
            holders = self._holders(word)
            if sum(map(_count, holders)) < len(ids) * _READ_COST:
                return ids.intersection(_union(holders))
        texts = self._texts
        return {card_id for card_id in ids if word in texts[card_id]}

    def _holders(self, word: str) -> list[Holders]:
        """The cards of each word that holds ``word``."""
        vocabulary = self._words()
        found: list[Holders] = []
        cards_of = self._cards_of
        at = vocabulary.find(word)
        while at >= 0:
            start = vocabulary.rfind(_SEPARATOR, 0, at) + 1
            end = vocabulary.find(_SEPARATOR, at)
            ids = cards_of.get(vocabulary[start:end])
            if ids is not None:
                found.append(ids)
            at = vocabulary.find(word, end)  # the next word that holds it
        return found

    def _words(self) -> str:
        """The vocabulary with the words added since the last search; rebuilt from the live
        words once the dead ones are as many."""
        if self._listed > 2 * len(self._cards_of) + 1000:
            self._vocabulary, self._listed, self._unlisted = _SEPARATOR, 0, list(self._cards_of)
        if self._unlisted:
            self._vocabulary += _SEPARATOR.join(self._unlisted) + _SEPARATOR
            self._listed += len(self._unlisted)
            self._unlisted = []
        return self._vocabulary
