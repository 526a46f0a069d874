"""The words sentences use for a country's people and for "in" a country
(data/reference/country_words.csv, read by ponti.country_words)."""

from __future__ import annotations

import pandas as pd
import pytest

from ponti import country_words, i18n, reference

WORDS = pd.read_csv(
    reference.REFERENCE_DIR / country_words.COUNTRY_WORDS_FILE, dtype=str, keep_default_na=False
)
# Italian locatives: "in Romania", "a Cuba", "ad Haiti", "nel Regno Unito", "nell'Isola di
# Man", "negli Stati Uniti", "alle Maldive"...
ITALIAN_PREPOSITIONS = (
    "in ",
    "a ",
    "ad ",
    "nel ",
    "nella ",
    "alla ",
    "nello ",
    "nell'",
    "nei ",
    "negli ",
    "nelle ",
    "alle ",
    "ai ",
    "agli ",
    "all'",
)


def test_every_country_has_exactly_one_row() -> None:
    assert list(WORDS.columns) == list(country_words.COLUMNS)
    assert WORDS["iso3"].is_unique
    assert set(WORDS["iso3"]) == set(reference.load_countries()["iso3"])
    assert set(country_words.load_country_words()) == set(WORDS["iso3"])


def test_cells_are_trimmed_and_locatives_never_empty() -> None:
    for column in country_words.COLUMNS:
        assert (WORDS[column] == WORDS[column].str.strip()).all(), column
    # Every country is a place, but for the stateless (a citizenship, not a place).
    placeless = WORDS[(WORDS["in_it"] == "") | (WORDS["in_en"] == "")]
    assert list(placeless["iso3"]) == [reference.STATELESS]


@pytest.mark.parametrize("row", WORDS.to_dict("records"), ids=list(WORDS["iso3"]))
def test_locatives_take_a_preposition(row: dict[str, str]) -> None:
    if row["iso3"] == reference.STATELESS:
        assert row["residents_it"] == "apolidi" and row["residents_en"] == "Stateless"
        return
    assert row["in_it"].startswith(ITALIAN_PREPOSITIONS), row["in_it"]
    assert row["in_en"].startswith("in "), row["in_en"]
    # The Italian adjective is lower case ("pakistani"), the English one capitalised.
    assert row["residents_it"] == row["residents_it"].lower()
    assert row["residents_en"][:1] == row["residents_en"][:1].upper()


@pytest.mark.parametrize(
    ("iso3", "residents_it", "residents_en", "in_it", "in_en"),
    [
        ("PHL", "filippini", "Filipino", "nelle Filippine", "in the Philippines"),
        ("USA", "statunitensi", "American", "negli Stati Uniti", "in the United States"),
        ("NLD", "olandesi", "Dutch", "nei Paesi Bassi", "in the Netherlands"),
        ("SEN", "senegalesi", "Senegalese", "in Senegal", "in Senegal"),
        ("PAK", "pakistani", "Pakistani", "in Pakistan", "in Pakistan"),
        ("ROU", "romeni", "Romanian", "in Romania", "in Romania"),
        ("BGD", "bangladesi", "Bangladeshi", "in Bangladesh", "in Bangladesh"),
        ("LKA", "srilankesi", "Sri Lankan", "in Sri Lanka", "in Sri Lanka"),
        ("CIV", "ivoriani", "Ivorian", "in Costa d'Avorio", "in Ivory Coast"),
        ("BFA", "burkinabé", "Burkinabe", "in Burkina Faso", "in Burkina Faso"),
        ("GBR", "britannici", "British", "nel Regno Unito", "in the United Kingdom"),
        (
            "ARE",
            "emiratini",
            "Emirati",
            "negli Emirati Arabi Uniti",
            "in the United Arab Emirates",
        ),
        (
            "COD",
            "congolesi",
            "Congolese",
            "nella Repubblica Democratica del Congo",
            "in the Democratic Republic of the Congo",
        ),
        ("CUB", "cubani", "Cuban", "a Cuba", "in Cuba"),
        ("SGP", "singaporiani", "Singaporean", "a Singapore", "in Singapore"),
        ("MDV", "maldiviani", "Maldivian", "alle Maldive", "in the Maldives"),
        ("REU", None, None, "alla Riunione", "in Réunion"),
        ("GUF", None, None, "nella Guyana francese", "in French Guiana"),
    ],
)
def test_spot_checks(
    iso3: str, residents_it: str | None, residents_en: str | None, in_it: str, in_en: str
) -> None:
    assert country_words.residents_adjective(iso3, "it") == residents_it
    assert country_words.residents_adjective(iso3, "en") == residents_en
    assert country_words.in_country(iso3, "it") == in_it
    assert country_words.in_country(iso3, "en") == in_en


def test_no_settled_adjective_or_no_row_falls_back() -> None:
    # Heard Island has no adjective in either language: callers say "con cittadinanza".
    assert country_words.residents_adjective("HMD", "it") is None
    assert country_words.residents_adjective("HMD", "en") is None
    assert country_words.in_country("HMD", "it") == "nelle Isole Heard e McDonald"
    # A code the file lacks: no adjective, "in" and the name (the code when unknown).
    assert country_words.residents_adjective("ZZZ", "it") is None
    assert country_words.in_country("ZZZ", "en") == "in ZZZ"


def test_a_country_missing_from_the_file_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    words = dict(country_words.load_country_words())
    del words["ROU"]
    monkeypatch.setattr(country_words, "load_country_words", lambda: words)
    assert country_words.in_country("ROU", "it") == "in " + i18n.country_name("ROU", "it")
    assert country_words.in_country("ROU", "en") == "in Romania"
    assert country_words.residents_adjective("ROU", "en") is None
