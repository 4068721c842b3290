"""Amounts of money as people type them: "50k", "50 000", "50.000 €", "$80,000", "80.000,50".

One reader for every door (the details form, CSV import, the command line), so a salary
typed anywhere is read the same way, and what cannot be read is said, never dropped.

Separators: spaces (also no-break and narrow no-break) and apostrophes only group
thousands; a dot or comma groups thousands when it is followed by exactly three digits and
another separator or the end ("50.000", "1,234,567"), and is the decimal mark otherwise
("80.5", "1,25", "52.5k"). When both appear, the last one is the decimal mark
("80.000,50", "80,000.50"). A "k" after the number means thousands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from jobtracker.domain.limits import MAX_AMOUNT

#: symbols and the ISO code they stand for; longer ones first so "US$" wins over "$"
SYMBOLS = {
    "US$": "USD", "CA$": "CAD", "C$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD",
    "S$": "SGD", "HK$": "HKD", "R$": "BRL", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY",
    "₹": "INR", "₽": "RUB", "₩": "KRW", "₪": "ILS", "zł": "PLN", "kr.": "DKK", "kr": "SEK",
    "Kč": "CZK", "Fr.": "CHF", "CHF": "CHF",
}  # fmt: skip
#: ISO 4217 codes people write beside salaries
CODES = frozenset({
    "USD", "EUR", "GBP", "CHF", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF",
    "RON", "BGN", "JPY", "CNY", "INR", "SGD", "HKD", "BRL", "MXN", "ZAR", "ILS", "TRY", "RUB",
    "KRW",
})  # fmt: skip
#: the number itself: digits and the separators people group and split them with
_DIGITS = frozenset("0123456789")
_SPACES = " \u00a0\u202f"
_GROUPING = _SPACES + "'’"
_NUMBER = re.compile(r"[0-9][0-9.,'’ \u00a0\u202f]*")
_CURRENCY_TEXT = re.compile(
    "|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True))
    + r"|[A-Za-z]{3}(?![A-Za-z])",
)
_THREE = re.compile(r"[0-9]{3}")
_SEPARATOR = re.compile(r"[.,'’ \u00a0\u202f]")


class AmountError(ValueError):
    """Text that is not one amount; the message says why, in words for the person."""


@dataclass(frozen=True, slots=True)
class Amount:
    """An amount as read: its value (exact, cents kept) and currency ("" when none given)."""

    value: Decimal
    currency: str = ""

    @property
    def whole(self) -> int:
        """The value rounded to whole units (half up), as salaries are stored."""
        return int(self.value.to_integral_value(rounding=ROUND_HALF_UP))

    def describe_value(self) -> str:
        """The value as read, and the whole units it is saved as when they differ."""
        whole = self.whole
        if self.value == whole:
            return f"{whole:,}"
        return f"{self.value:,.2f} (saved as {whole:,})"


def describe_range(low: Amount | None, high: Amount | None, currency: str) -> str:
    """What was read, as the form and the command line say it: "50,000 to 60,000 EUR",
    "up to 80,000.50 (saved as 80,001) EUR", "" for nothing."""
    shown = [amount.describe_value() for amount in (low, high) if amount is not None]
    if low is None and high is not None:
        shown[0] = f"up to {shown[0]}"
    return f"{' to '.join(shown)} {currency}".strip() if shown else ""


def parse_amount(text: str) -> Amount | None:
    """The one amount in ``text``; None when it is empty or blank.

    Raises AmountError saying what is wrong for anything else that is not one amount:
    words ("eighty"), a range, a negative, several numbers, an unknown currency or
    separators that do not group by three.
    """
    shown = text.strip()
    if not shown:
        return None
    before, rest = _take_currency(shown)
    rest = rest.strip()
    if rest.startswith(("-", "\u2212")):
        raise AmountError(f"{shown!r} is negative; an amount is 0 or more")
    number = _NUMBER.match(rest)
    if number is None:
        raise AmountError(_unreadable(shown))
    digits = number.group(0).rstrip(_GROUPING + ".,")
    tail = rest[len(digits) :].strip()
    thousands = _is_thousands(tail)
    if thousands:
        tail = tail[1:].strip()
    after, tail = _take_currency(tail)
    if tail.strip():
        if re.match(r"\s*(-|\u2013|\u2014|to\b|bis\b)", tail):
            raise AmountError(f"{shown!r} is a range; put one amount in each box")
        raise AmountError(_unreadable(shown))
    if before and after and before != after:
        raise AmountError(f"{shown!r} names two currencies, {before} and {after}")
    value = _number(digits, shown) * (1000 if thousands else 1)
    if value > MAX_AMOUNT:
        raise AmountError(f"{shown!r} is more than {MAX_AMOUNT:,}")
    return Amount(value, before or after)


def _is_thousands(tail: str) -> bool:
    """Whether ``tail`` starts with the "k" of thousands ("k", "k €", "kEUR"), not a
    currency that starts with k ("kr", "Kč", "KRW")."""
    if tail[:1] not in ("k", "K"):
        return False
    found = _CURRENCY_TEXT.match(tail)
    return found is None or not (found.group(0) in SYMBOLS or found.group(0).upper() in CODES)


def _take_currency(text: str) -> tuple[str, str]:
    """(ISO code, the rest) when ``text`` starts with a currency symbol or code;
    ("", text) when it starts with something else."""
    found = _CURRENCY_TEXT.match(text)
    if found is None:
        return "", text
    word = found.group(0)
    code = SYMBOLS.get(word) or (word.upper() if word.upper() in CODES else "")
    if not code:
        raise AmountError(f"{word!r} is not a currency code like EUR or USD")
    return code, text[len(word) :]


def _number(digits: str, shown: str) -> Decimal:
    """The value of ``digits`` by the separator rules in the module's docstring."""
    marks = [(at, mark) for at, mark in enumerate(digits) if mark not in _DIGITS]
    decimal_at = _decimal_mark(digits, marks)
    whole, fraction = digits, ""
    if decimal_at is not None:
        whole, fraction = digits[:decimal_at], digits[decimal_at + 1 :]
    groups = _SEPARATOR.split(whole)
    if len(groups) > 1 and (
        not 1 <= len(groups[0]) <= 3 or not all(_THREE.fullmatch(g) for g in groups[1:])
    ):
        raise AmountError(f"{shown!r}: its separators do not group the digits by three")
    grouping = {mark for at, mark in marks if at != decimal_at} - set(_SPACES)
    if len(grouping) > 1:
        raise AmountError(f"{shown!r} groups its digits with both {' and '.join(sorted(grouping))}")
    return Decimal("".join(groups) + ("." + fraction if fraction else ""))


def _decimal_mark(digits: str, marks: list[tuple[int, str]]) -> int | None:
    """Where the decimal mark is in ``digits``, or None when every separator groups."""
    points = [(at, mark) for at, mark in marks if mark in ".,"]
    if not points:
        return None
    last_at, last = points[-1]
    if any(mark != last for _, mark in points):  # both: the last one splits off the decimals
        return last_at
    if len(points) > 1:
        return None  # "1.234.567": the same mark several times groups
    return None if len(digits) - last_at - 1 == 3 else last_at


def _unreadable(text: str) -> str:
    shown = text.strip()
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    return f"{shown!r} is not an amount; write digits, like 50000, 50 000 or 50k"


_CURRENCY_NEAR = (
    "|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True))
    + r"|(?<![A-Za-z])[A-Za-z]{3}(?![A-Za-z])"
)
#: one amount inside longer text: a currency, a number grouped by three or plain, a "k"
_MONEY = re.compile(
    rf"(?:(?:{_CURRENCY_NEAR})\s?)?"
    r"(?:[0-9]{1,3}(?:[,.'’ \u00a0\u202f][0-9]{3})+(?:[.,][0-9]+)?|[0-9]+(?:[.,][0-9]+)?)"
    rf"(?:\s?[kK](?![A-Za-z]))?(?:\s?(?:{_CURRENCY_NEAR}))?"
)


def salary_range(text: str) -> tuple[Amount, Amount] | None:
    """(low, high) read from a salary as advertised: "$120,000 - $140,000", "60-70k €",
    "€60,000 a year"; None unless it holds one or two amounts of at least 1,000 in order.

    "60-70k" reads as 60,000 to 70,000: the "k" of the high end covers the low one.
    """
    found: list[Amount] = []
    for match in _MONEY.finditer(text):
        try:
            amount = parse_amount(match.group(0))
        except AmountError:
            try:  # a word beside the number that is not a currency ("per year")
                amount = parse_amount(re.sub(r"[A-Za-z]+", "", match.group(0)))
            except AmountError:
                return None
        if amount is not None:
            found.append(amount)
    if not 1 <= len(found) <= 2:
        return None
    low, high = found[0], found[-1]
    if low.value < 1000 <= high.value and low.value * 1000 <= high.value:
        low = Amount(low.value * 1000, low.currency)
    if low.value < 1000 or low.value > high.value:
        return None
    currency = low.currency or high.currency
    return Amount(low.value, currency), Amount(high.value, currency)


def read_salary(text: str) -> tuple[Amount, Amount]:
    """:func:`salary_range` for text a person typed on purpose: raises AmountError saying
    what it expects when no salary can be read from it."""
    read = salary_range(text)
    if read is None:
        raise AmountError(
            f"{text.strip()[:40]!r} is not a salary; write it like 65000, 60-70k or "
            "$80,000 - $90,000"
        )
    return read
