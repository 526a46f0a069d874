"""Funding calls (bandi): which are open on a day, their deadlines and grant ranges in words,
and the table of open calls the Funding page lists under the shared filters.

A call is open on a day when it opened on or before it (or has no opening date) and closes on
or after it (or has no closing date: a rolling call, "a sportello").
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from ponti import formats, i18n, schema
from ponti.i18n import Lang, t, tn


def _text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def _codes(values: object) -> list[str]:
    if isinstance(values, list | tuple):
        return [str(v) for v in values]
    return []


def day_of(value: object) -> date | None:
    """A date cell as a date (None when empty)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    stamp = pd.Timestamp(value)  # type: ignore[arg-type]
    return None if pd.isna(stamp) else stamp.date()


def is_open(opens: object, closes: object, today: date) -> bool:
    """Open on ``today``: opened on or before it (or no opening date) and closing on or
    after it (or no closing date: rolling)."""
    opened, closing = day_of(opens), day_of(closes)
    return (opened is None or opened <= today) and (closing is None or closing >= today)


def open_calls(calls: pd.DataFrame, today: date) -> pd.DataFrame:
    """The calls open on ``today``."""
    mask = [
        is_open(opens, closes, today)
        for opens, closes in zip(calls[schema.C_OPENS], calls[schema.C_CLOSES], strict=True)
    ]
    return calls[pd.Series(mask, index=calls.index, dtype=bool)]


def deadline_text(closes: object, days_left: object, lang: Lang) -> str:
    """ "12 giorni (15 gen 2027)", "oggi", or "a sportello" for a rolling call."""
    if day_of(closes) is None:
        return t("association.call.rolling", lang)
    days = int(str(days_left))
    when = formats.format_date(closes, lang)
    if days == 0:
        return t("association.call.today", lang, date=when)
    return tn("association.call.days_left", days, lang, date=when)


def grant_text(low: object, high: object, lang: Lang) -> str:
    """A grant range in words: "da 5.000 a 50.000 EUR", "fino a ...", "da ...", or ""."""
    has_low = _text(low) != "" and float(str(low)) > 0
    has_high = _text(high) != ""
    if has_low and has_high:
        return t(
            "association.call.grant.range",
            lang,
            low=formats.format_money(low, lang),
            high=formats.format_money(high, lang),
        )
    if has_high:
        return t("association.call.grant.up_to", lang, high=formats.format_money(high, lang))
    if has_low:
        return t("association.call.grant.from", lang, low=formats.format_money(low, lang))
    return ""


def days_left(closes: pd.Series, today: date) -> pd.Series:
    """Days from ``today`` to each closing date (NA for a rolling call)."""
    days = [
        (closing - today).days if closing is not None else pd.NA for closing in map(day_of, closes)
    ]
    return pd.Series(days, index=closes.index, dtype="Int64")


def open_calls_table(calls: pd.DataFrame, today: date, lang: Lang) -> pd.DataFrame:
    """The calls open on ``today`` for people, soonest deadline first (rolling calls last):
    title, funder, funder type, programme, closing date, time left in words, grant range,
    co-financing share, who may apply, eligible countries ("" = all), themes, goals, link."""
    chosen = open_calls(calls, today)
    left = days_left(chosen[schema.C_CLOSES], today)
    table = pd.DataFrame(
        {
            "title": chosen[schema.C_TITLE].map(_text),
            "funder": chosen[schema.C_FUNDER].map(_text),
            "funder_type": chosen[schema.C_FUNDER_TYPE].map(_text),
            "programme": chosen[schema.C_PROGRAMME].map(_text),
            "date_close": pd.to_datetime(chosen[schema.C_CLOSES]),
            "deadline": [
                deadline_text(closes, days, lang)
                for closes, days in zip(chosen[schema.C_CLOSES], left, strict=True)
            ],
            "grant_min": pd.to_numeric(chosen[schema.C_GRANT_MIN], errors="coerce"),
            "grant_max": pd.to_numeric(chosen[schema.C_GRANT_MAX], errors="coerce"),
            "cofinancing_share": pd.to_numeric(chosen[schema.C_COFINANCING], errors="coerce"),
            "applicants": chosen[schema.C_APPLICANTS].map(_codes),
            "eligible_countries": chosen[schema.C_COUNTRIES].map(
                lambda codes: [i18n.country_name(code, lang) for code in _codes(codes)]
            ),
            "themes": chosen[schema.C_THEMES].map(
                lambda codes: [i18n.label("theme", code, lang) for code in _codes(codes)]
            ),
            "sdgs": chosen[schema.C_SDGS].map(lambda goals: [str(g) for g in _codes(goals)]),
            "url": chosen[schema.C_URL].map(_text),
            "_days": left,
        }
    )
    table = table.sort_values(["_days", "title"], na_position="last", ignore_index=True)
    return table.drop(columns="_days")
