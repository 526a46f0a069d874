"""How a sentence names a country's people and says "in" a country, in Italian and English.

Read from ``data/reference/country_words.csv`` (written for Ponti, one row per country of
``countries.csv``): the plural adjective that follows "residenti" / precedes "residents"
("pakistani", "Pakistani") and the locative with its preposition and article ("nelle
Filippine", "in the Philippines"). Italian has only the masculine plural: a sentence that
would need a singular or feminine form says it another way.
"""

from __future__ import annotations

import csv
from functools import cache
from typing import Final

from ponti import i18n
from ponti.reference import REFERENCE_DIR
from ponti.schema import Lang

COUNTRY_WORDS_FILE: Final = "country_words.csv"
COLUMNS: Final[tuple[str, ...]] = ("iso3", "residents_it", "residents_en", "in_it", "in_en")


@cache
def load_country_words() -> dict[str, dict[str, str]]:
    """Every row of country_words.csv by ISO3: residents_it, residents_en, in_it, in_en."""
    with (REFERENCE_DIR / COUNTRY_WORDS_FILE).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {row["iso3"]: {column: row[column].strip() for column in COLUMNS[1:]} for row in rows}


def residents_adjective(iso3: str, lang: Lang) -> str | None:
    """The plural adjective for the country's residents ("pakistani", "Pakistani"); None
    when there is no settled one (small territories) or the country is unknown."""
    row = load_country_words().get(str(iso3))
    return (row[f"residents_{lang}"] or None) if row else None


def in_country(iso3: str, lang: Lang) -> str:
    """The country as a place, with its preposition: "nelle Filippine", "in the
    Philippines"; "in <name>" for a country the file lacks."""
    row = load_country_words().get(str(iso3))
    if row and row[f"in_{lang}"]:
        return row[f"in_{lang}"]
    return f"in {i18n.country_name(str(iso3), lang)}"
