"""Numbers, money, percentages and dates in each language's own way."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from ponti import formats


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (1234567, "it", 0, "1.234.567"),
        (1234567, "en", 0, "1,234,567"),
        (1234.5, "it", 1, "1.234,5"),
        (1234.5, "en", 1, "1,234.5"),
        (0, "it", 0, "0"),
        (None, "it", 0, "–"),
        (float("nan"), "en", 0, "–"),
        (pd.NA, "en", 0, "–"),
    ],
)
def test_format_number(value: object, lang: str, decimals: int, expected: str) -> None:
    assert formats.format_number(value, lang, decimals) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (1234567, "it", "1.234.567 EUR"),
        (1234567, "en", "EUR 1,234,567"),
    ],
)
def test_format_money(value: float, lang: str, expected: str) -> None:
    assert formats.format_money(value, lang) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (12_345_678, "it", "12,3 mln EUR"),
        (12_345_678, "en", "EUR 12.3m"),
        (2_500_000_000, "it", "2,5 mld EUR"),
        (350_000, "it", "350.000 EUR"),
        (350_000, "en", "EUR 350,000"),
    ],
)
def test_format_money_short(value: float, lang: str, expected: str) -> None:
    assert formats.format_money_short(value, lang) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [(43_912_000, "it", "43,9 mln"), (43_912_000, "en", "43.9m"), (999_999, "it", "999.999")],
)
def test_format_number_short(value: float, lang: str, expected: str) -> None:
    assert formats.format_number_short(value, lang) == expected  # type: ignore[arg-type]


def test_format_percent() -> None:
    assert formats.format_percent(0.125, "it") == "12,5%"
    assert formats.format_percent(0.125, "en") == "12.5%"


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (date(2026, 11, 23), "it", "23 nov 2026"),
        (date(2026, 11, 23), "en", "23 Nov 2026"),
        (pd.Timestamp("2024-05-01"), "it", "1 mag 2024"),
        ("2024-08-09", "en", "9 Aug 2024"),
        (pd.NaT, "it", "–"),
    ],
)
def test_format_date(value: object, lang: str, expected: str) -> None:
    assert formats.format_date(value, lang) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "name",
    ["[x](http://evil.example)", "**bold** _it_", "# title", "a|b", "Côte d'Ivoire", "<b>x</b>"],
)
def test_names_from_data_are_escaped_for_markdown(name: str) -> None:
    escaped = formats.escape_markdown(name)
    # Every markdown character is escaped, and nothing else changes: the reader sees the name.
    specials = set("\\`*_{}[]()#+-.!|~<>$")
    unescaped, i = [], 0
    while i < len(escaped):
        if escaped[i] == "\\":
            assert escaped[i + 1] in specials, escaped
            i += 1
        else:
            assert escaped[i] not in specials, escaped
        unescaped.append(escaped[i])
        i += 1
    assert "".join(unescaped) == name
