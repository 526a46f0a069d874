"""The catalogue is whole in both languages, and every key the UI asks for exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from ponti import i18n

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


@pytest.mark.parametrize("vocabulary", sorted(i18n.VOCABULARY_CODES))
def test_every_stored_code_has_a_label_in_both_languages(vocabulary: str) -> None:
    labels = i18n.VOCABULARIES[vocabulary]
    for code in i18n.VOCABULARY_CODES[vocabulary]:
        assert labels[code]["it"] and labels[code]["en"], (vocabulary, code)


def test_every_key_the_ui_uses_is_in_the_catalogue() -> None:
    used: set[str] = set()
    for path in UI_FILES:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_.]+)["']""", path.read_text()))
        used |= set(re.findall(r"""["']((?:metric|col)\.[a-z0-9_.]+)["']""", path.read_text()))
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
