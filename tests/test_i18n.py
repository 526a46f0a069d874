"""The catalogue is whole in both languages, and every key the UI asks for exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from ponti import i18n, schema

REPO = Path(__file__).resolve().parent.parent
UI_FILES = [REPO / "dashboard.py", REPO / "widgets.py", *sorted((REPO / "pages").glob("*.py"))]


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(i18n.CATALOGUE))
def test_every_string_exists_in_both_languages_with_the_same_placeholders(key: str) -> None:
    entry = i18n.CATALOGUE[key]
    assert set(entry) == set(i18n.LANGS)
    assert all(entry[lang].strip() for lang in i18n.LANGS)
    assert _placeholders(entry["it"]) == _placeholders(entry["en"])


def test_the_labelled_vocabularies_are_the_coded_ones() -> None:
    assert set(i18n.VOCABULARIES) == set(i18n.VOCABULARY_CODES)
    # Codes come from ponti.schema, never from a list of their own.
    assert i18n.VOCABULARY_CODES["m49"] is schema.M49_REGIONS
    for vocabulary, codes in schema.VOCABULARY_CODES.items():
        assert i18n.VOCABULARY_CODES[vocabulary] is codes


@pytest.mark.parametrize("vocabulary", sorted(i18n.VOCABULARY_CODES))
def test_every_code_has_a_label_in_both_languages_and_every_label_a_code(vocabulary: str) -> None:
    labels = i18n.VOCABULARIES[vocabulary]
    codes = i18n.VOCABULARY_CODES[vocabulary]
    assert len(set(codes)) == len(codes), f"{vocabulary}: a code listed twice"
    missing = [code for code in codes if code not in labels]
    assert missing == [], f"{vocabulary}: codes without a label {missing}"
    unknown = sorted(set(labels) - set(codes))
    assert unknown == [], f"{vocabulary}: labels of codes ponti.schema does not define {unknown}"
    for code in codes:
        assert set(labels[code]) == set(i18n.LANGS), (vocabulary, code)
        assert all(labels[code][lang].strip() for lang in i18n.LANGS), (vocabulary, code)


def test_every_key_the_ui_uses_is_in_the_catalogue() -> None:
    used: set[str] = set()
    for path in UI_FILES:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_.]+)["']""", path.read_text()))
        used |= set(re.findall(r"""["']((?:metric|column)\.[a-z0-9_.]+)["']""", path.read_text()))
    assert used, "the UI should take its strings from the catalogue"
    assert used - set(i18n.CATALOGUE) == set()


def test_sdg_and_country_names_follow_the_language() -> None:
    assert i18n.sdg_name(4, "en") == "Quality Education"
    assert i18n.sdg_name(4, "it") == "Istruzione di qualità"
    assert i18n.country_name("MAR", "it") == "Marocco"
    assert i18n.country_name("MAR", "en") == "Morocco"
    assert i18n.country_name("ZZZ", "en") == "ZZZ"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("en", "en"),
        ("EN", "en"),
        ("en-GB", "en"),
        ("it", "it"),
        ("fr", "it"),
        (None, "it"),
        ("", "it"),
    ],
)
def test_normalise_lang(raw: object, expected: str) -> None:
    assert i18n.normalise_lang(raw) == expected


# -- counts: plural forms ---------------------------------------------------------------------
# The rule: a count that decides the grammar is always the placeholder {n} (or {count}), and
# only a plural entry (<key>.one / <key>.other, read with tn) may hold it. A sentence about
# several counts takes them as phrases made by tn, so no other string writes "{x} progetti".
COUNT_PLACEHOLDERS = {"n", "count"}
# Nouns (and participles) that agree with a number written just before them.
COUNTED_WORDS = {
    "associazione", "associazioni", "progetto", "progetti", "gemellaggio", "gemellaggi",
    "comune", "comuni", "arco", "archi", "luogo", "luoghi", "coppia", "coppie",
    "decisione", "decisioni", "giorno", "giorni", "residente", "residenti", "obiettivo",
    "obiettivi", "filtro", "filtri", "paese", "paesi", "presentato", "presentati",
    "approvato", "approvati", "concluso", "conclusi", "association", "associations",
    "project", "projects", "twinning", "twinnings", "municipality", "municipalities",
    "italian", "arc", "arcs", "place", "places", "pair", "pairs", "decision", "decisions",
    "day", "days", "resident", "residents", "foreign", "goal", "goals", "filter", "filters",
    "country", "countries", "active", "approved", "submitted", "completed",
}  # fmt: skip
FORMS = ("one", "other")
PLURAL_KEYS = sorted({key.rsplit(".", 1)[0] for key in i18n.CATALOGUE if key.endswith(".other")})


def _is_plural_form(key: str) -> bool:
    return key.rsplit(".", 1)[-1] in FORMS


def _number_then_word(text: str) -> list[str]:
    """ "{x} word" pairs in text: a placeholder written right before a word."""
    return [
        f"{{{name}}} {word}"
        for name, word in re.findall(r"\{(\w+)\} (\w+)", text)
        if word.lower() in COUNTED_WORDS
    ]


def test_there_are_plural_entries() -> None:
    assert {"count.projects", "count.associations", "count.twinnings"} <= set(PLURAL_KEYS)


@pytest.mark.parametrize("key", sorted(i18n.CATALOGUE))
def test_a_count_is_only_written_by_a_plural_entry(key: str) -> None:
    if _is_plural_form(key):
        return
    for lang in i18n.LANGS:
        text = i18n.CATALOGUE[key][lang]
        counts = _placeholders(text) & COUNT_PLACEHOLDERS
        assert not counts, f"{key} ({lang}) has a count {counts} but no .one/.other forms"
        assert not _number_then_word(text), (
            f"{key} ({lang}) writes a number before a noun ({_number_then_word(text)}): "
            "make the phrase with tn(...) and pass it in"
        )


@pytest.mark.parametrize("key", PLURAL_KEYS)
def test_every_plural_entry_has_both_forms_with_the_count(key: str) -> None:
    one, other = i18n.CATALOGUE[f"{key}.one"], i18n.CATALOGUE[f"{key}.other"]
    for lang in i18n.LANGS:
        assert "n" in _placeholders(one[lang]) and "n" in _placeholders(other[lang])
        assert _placeholders(one[lang]) == _placeholders(other[lang])
    # Nothing else hangs under a plural key (a typo like ".ones" would never be read).
    assert {k for k in i18n.CATALOGUE if k.startswith(key + ".")} == {
        f"{key}.one",
        f"{key}.other",
    }


@pytest.mark.parametrize("lang", i18n.LANGS)
@pytest.mark.parametrize("n", [0, 1, 2, 1000])
@pytest.mark.parametrize("key", PLURAL_KEYS)
def test_tn_picks_the_form_and_writes_the_number(key: str, n: int, lang: i18n.Lang) -> None:
    others = {name: f"<{name}>" for name in _placeholders(i18n.CATALOGUE[f"{key}.other"][lang])}
    others.pop("n")
    form = "one" if n == 1 else "other"
    written = {0: "0", 1: "1", 2: "2", 1000: "1.000" if lang == "it" else "1,000"}[n]
    expected = i18n.CATALOGUE[f"{key}.{form}"][lang].format(n=written, **others)
    assert i18n.tn(key, n, lang, **others) == expected
    assert written in expected


@pytest.mark.parametrize(
    ("key", "n", "lang", "expected"),
    [
        ("count.projects", 0, "it", "0 progetti"),
        ("count.projects", 1, "it", "1 progetto"),
        ("count.projects", 2, "it", "2 progetti"),
        ("count.projects", 1000, "it", "1.000 progetti"),
        ("count.projects", 1, "en", "1 project"),
        ("count.projects", 1000, "en", "1,000 projects"),
        ("count.twinnings", 1, "it", "1 gemellaggio"),
        ("count.municipalities", 1, "it", "1 comune italiano"),
        ("count.municipalities", 3, "en", "3 Italian municipalities"),
        ("bridges.count.arcs", 1, "it", "1 arco"),
        ("agenda.trend.undated", 1, "it", "1 progetto senza date non è nel grafico."),
        ("agenda.trend.undated", 2, "en", "2 projects without dates are not in the chart."),
        ("count.associations", 1.0, "en", "1 association"),  # a float count: same rule
        ("count.associations", 2.0, "it", "2 associazioni"),
    ],
)
def test_tn_reads_right(key: str, n: float, lang: i18n.Lang, expected: str) -> None:
    assert i18n.tn(key, n, lang) == expected


def test_tn_takes_a_number_written_with_decimals() -> None:
    assert i18n.tn("bridges.tip.density", 1.5, "it", n="1,5").startswith("1,5 associazioni")
    assert i18n.tn("bridges.tip.density", 1, "en", n="1.0").startswith("1.0 association ")


def test_sentences_about_several_counts_agree_with_each() -> None:
    def phrase(key: str, n: int, lang: i18n.Lang) -> str:
        return i18n.tn(key, n, lang)

    text = i18n.t(
        "bridges.summary.twinnings",
        "it",
        twinnings=phrase("count.twinnings", 1, "it"),
        arcs=phrase("bridges.count.arcs", 1, "it"),
    )
    assert text == "1 gemellaggio su 1 arco."


CODE_FILES = [*UI_FILES, *sorted((REPO / "ponti").rglob("*.py"))]


def test_every_plural_key_the_code_uses_has_both_forms() -> None:
    used: set[str] = set()
    for path in CODE_FILES:
        used |= set(re.findall(r"""\btn\(\s*f?["']([a-z0-9_.{}]+)["']""", path.read_text()))
    assert used, "counts should be written with tn"
    literal = {key for key in used if "{" not in key}
    assert literal - set(PLURAL_KEYS) == set()
    # Keys built from a code ("count.{measure}") must exist for every code they take.
    for key in used - literal:
        prefix = key.split("{", 1)[0]
        assert any(k.startswith(prefix) for k in PLURAL_KEYS), key
