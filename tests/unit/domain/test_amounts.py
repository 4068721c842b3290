"""The one amount reader: every locale's way of writing money, and clear refusals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobtracker.domain.amounts import CODES, SYMBOLS, AmountError, describe_range, parse_amount
from jobtracker.domain.limits import MAX_AMOUNT

#: (thousands separator, decimal mark) as locales write them
LOCALE_MARKS = [
    (",", "."),  # en-US, en-GB
    (".", ","),  # de-DE, it-IT, es-ES
    (" ", ","),  # fr-FR (older), sv-SE
    ("\u00a0", ","),  # fr-FR with a no-break space
    ("\u202f", ","),  # fr-FR with a narrow no-break space
    ("'", "."),  # de-CH
    ("’", "."),  # de-CH, typographic
    (" ", "."),  # en-ZA, SI style
    ("", "."),  # digits only
    ("", ","),
]


def _grouped(whole: int, separator: str) -> str:
    text = f"{whole:,}"
    return text.replace(",", separator)


@st.composite
def written_amounts(draw: st.DrawFn) -> tuple[str, Decimal, str]:
    """(text, the value it means, the currency code it names)."""
    separator, mark = draw(st.sampled_from(LOCALE_MARKS))
    style = draw(st.sampled_from(["plain", "cents", "k"]))
    if style == "k":
        thousands = draw(st.integers(0, 10**8))
        half = draw(st.booleans())
        number = _grouped(thousands, separator) + (f"{mark}5" if half else "")
        number += draw(st.sampled_from(["k", "K", " k"]))
        value = Decimal(thousands * 1000 + (500 if half else 0))
    else:
        whole = draw(st.integers(0, 10**11))
        number = _grouped(whole, separator)
        value = Decimal(whole)
        if style == "cents":
            cents = draw(st.integers(0, 99))
            number += f"{mark}{cents:02d}"
            value += Decimal(cents) / 100
    symbol = draw(st.sampled_from(["", *SYMBOLS, *sorted(CODES), "eur", "usd"]))
    code = SYMBOLS.get(symbol) or symbol.upper()
    space = draw(st.sampled_from(["", " "]))
    before = draw(st.booleans())
    text = f"{symbol}{space}{number}" if before else f"{number}{space}{symbol}"
    padding = draw(st.sampled_from(["", " ", "  "]))
    return padding + text + padding, value, code


@given(written_amounts())
def test_every_locale_format_reads_as_what_it_means(written: tuple[str, Decimal, str]) -> None:
    text, value, code = written
    amount = parse_amount(text)
    assert amount is not None
    assert (amount.value, amount.currency) == (value, code), text


@given(st.text(alphabet=st.characters(categories=["L", "P", "S", "Zs"]), max_size=12))
def test_text_without_digits_is_refused_with_a_message_or_empty(text: str) -> None:
    """Nothing is read out of words: they are either blank or an error naming them."""
    if not text.strip():
        assert parse_amount(text) is None
        return
    with pytest.raises(AmountError) as refused:
        parse_amount(text)
    assert str(refused.value)


@given(st.text(max_size=20))
def test_any_text_is_an_amount_nothing_or_a_clear_refusal(text: str) -> None:
    try:
        amount = parse_amount(text)
    except AmountError as refused:
        assert str(refused).strip()
        return
    if amount is None:
        assert not text.strip()
    else:
        assert any(ch in "0123456789" for ch in text)
        assert 0 <= amount.value <= MAX_AMOUNT


@pytest.mark.parametrize(
    ("text", "value", "currency", "said"),
    [
        ("50k", 50_000, "", "50,000"),
        ("50K", 50_000, "", "50,000"),
        ("52.5k", 52_500, "", "52,500"),
        ("52,5k", 52_500, "", "52,500"),
        ("50 000", 50_000, "", "50,000"),
        ("50.000 €", 50_000, "EUR", "50,000 EUR"),
        ("$80,000", 80_000, "USD", "80,000 USD"),
        ("80.000,50 €", Decimal("80000.50"), "EUR", "80,000.50 (saved as 80,001) EUR"),
        ("80,000.50", Decimal("80000.50"), "", "80,000.50 (saved as 80,001)"),
        ("CHF 120'000", 120_000, "CHF", "120,000 CHF"),
        ("65000 eur", 65_000, "EUR", "65,000 EUR"),
        ("£45k", 45_000, "GBP", "45,000 GBP"),
        ("50k€", 50_000, "EUR", "50,000 EUR"),
        ("50kEUR", 50_000, "EUR", "50,000 EUR"),
        ("450 000 kr", 450_000, "SEK", "450,000 SEK"),
        ("1.500", 1_500, "", "1,500"),
        ("1,5", Decimal("1.5"), "", "1.50 (saved as 2)"),
        ("0", 0, "", "0"),
    ],
)
def test_examples_read_as_people_mean_them(
    text: str, value: int | Decimal, currency: str, said: str
) -> None:
    amount = parse_amount(text)
    assert amount is not None
    assert (amount.value, amount.currency) == (Decimal(value), currency)
    assert describe_range(amount, None, amount.currency) == said


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("eighty", "is not an amount"),
        ("50 k dollars", "is not an amount"),
        ("60-70k", "is a range"),
        ("60k to 70k", "is a range"),
        ("-5000", "is negative"),
        ("12.34.56", "do not group the digits by three"),
        ("1,234.567.890", "groups its digits with both , and ."),
        ("XYZ 500", "'XYZ' is not a currency code"),
        ("$50,000 EUR", "two currencies"),
        ("2,000,000,000,000", "is more than 1,000,000,000,000"),
        ("5e3", "is not an amount"),
    ],
)
def test_what_is_not_one_amount_is_refused_saying_why(text: str, words: str) -> None:
    with pytest.raises(AmountError, match=words):
        parse_amount(text)


def test_blank_is_no_amount() -> None:
    assert parse_amount("") is None
    assert parse_amount("   ") is None
