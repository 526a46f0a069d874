"""Numbers, money, percentages and dates written the way each language writes them.

Italian: 1.234.567 · 1.234.567 EUR · 12,5% · 23 nov 2026.
English: 1,234,567 · EUR 1,234,567 · 12.5% · 23 Nov 2026.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Final, SupportsFloat, SupportsIndex, cast

import numpy as np
import pandas as pd

from ponti.schema import Lang

MONTHS: Final[dict[str, tuple[str, ...]]] = {
    "it": ("gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _number(value: object) -> float:
    # The formatters take any table cell, hence object; one that is not missing is a number,
    # a numpy or pandas scalar or numeric text: all things float() takes.
    return float(cast("str | SupportsFloat | SupportsIndex", value))


def _group(text: str, lang: Lang) -> str:
    # Python writes "1,234,567.5"; Italian swaps the two separators.
    if lang == "it":
        return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_number(value: object, lang: Lang, decimals: int = 0) -> str:
    """A number with thousands separators ("1.234.567" / "1,234,567"); "–" when missing."""
    if _is_missing(value):
        return "–"
    return _group(f"{_number(value):,.{decimals}f}", lang)


def format_money(value: object, lang: Lang, decimals: int = 0) -> str:
    """An amount in EUR: "1.234.567 EUR" in Italian, "EUR 1,234,567" in English."""
    if _is_missing(value):
        return "–"
    number = format_number(value, lang, decimals)
    return f"{number} EUR" if lang == "it" else f"EUR {number}"


def format_number_short(value: object, lang: Lang) -> str:
    """A large number for a headline: "43,9 mln" / "43.9m", "350.000" below a million."""
    if _is_missing(value):
        return "–"
    amount = _number(value)
    if abs(amount) >= 1e9:
        number, unit = format_number(amount / 1e9, lang, 1), ("mld" if lang == "it" else "bn")
    elif abs(amount) >= 1e6:
        number, unit = format_number(amount / 1e6, lang, 1), ("mln" if lang == "it" else "m")
    else:
        return format_number(amount, lang)
    return f"{number} {unit}" if lang == "it" else f"{number}{unit}"


def format_money_short(value: object, lang: Lang) -> str:
    """A headline amount: "1,2 mln EUR" / "EUR 1.2m", "350.000 EUR" below a million."""
    if _is_missing(value):
        return "–"
    number = format_number_short(value, lang)
    return f"{number} EUR" if lang == "it" else f"EUR {number}"


def format_percent(share: object, lang: Lang, decimals: int = 1) -> str:
    """A share in [0, 1] as a percentage ("12,5%" / "12.5%")."""
    if _is_missing(share):
        return "–"
    return f"{format_number(_number(share) * 100, lang, decimals)}%"


def format_date(value: object, lang: Lang) -> str:
    """A date as "23 nov 2026" (it) or "23 Nov 2026" (en); "–" when missing."""
    if _is_missing(value):
        return "–"
    if isinstance(value, pd.Timestamp | datetime):
        value = value.date()
    if not isinstance(value, date):
        # What is left is a date written some other way (text, numpy datetime64) for pandas.
        value = pd.Timestamp(cast("str | float | np.datetime64", value)).date()
    return f"{value.day} {MONTHS[lang][value.month - 1]} {value.year}"


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$])")


def escape_markdown(value: object) -> str:
    """Text from data made safe for Streamlit markdown (titles, captions): every markdown
    character is escaped, so a name like ``[x](http://evil)`` or ``**x**`` shows as written."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(value))


# Text a spreadsheet would run as a formula (OWASP, "CSV injection"): these first characters.
FORMULA_STARTS: Final[tuple[str, ...]] = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: object) -> object:
    """Text a spreadsheet would run as a formula, prefixed with ' so it stays text; anything
    else (numbers too: -12.5 is a number, not a formula) unchanged. Every download and export
    of cells (CSV, XLSX, a deck's chart data) passes its text through this."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
