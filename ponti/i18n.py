"""The translation catalogue: every string a user sees, in Italian (first) and English.

``t(key, lang, **values)`` looks a string up and fills ``{placeholders}``. Labels of stored
codes (stages, themes, funder types...) come from ``label(vocabulary, code, lang)``.
A missing key raises KeyError in tests (tests/test_i18n.py checks both languages are whole).

Counts: a string that shows a count comes in two forms, ``<key>.one`` and ``<key>.other``,
and is read with ``tn(key, n, lang)``, which picks the form for n and writes ``{n}`` as a
number in lang ("1 progetto", "2 progetti"). The count placeholder is always ``{n}``; a
sentence about several counts takes them as phrases already made by ``tn`` (see
tests/test_i18n.py for the rule the catalogue is held to).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from ponti import formats, reference, schema
from ponti.catalogue import CATALOGUE
from ponti.formats import MONTHS
from ponti.schema import Lang

__all__ = [
    "CATALOGUE",
    "DEFAULT_LANG",
    "LANGS",
    "MONTHS",
    "VOCABULARIES",
    "VOCABULARY_CODES",
    "Lang",
    "country_name",
    "label",
    "normalise_lang",
    "plural_form",
    "sdg_label",
    "sdg_name",
    "t",
    "tn",
]
LANGS: Final[tuple[Lang, ...]] = ("it", "en")
DEFAULT_LANG: Final[Lang] = "it"

# Labels of stored codes, per vocabulary, keyed by the codes of VOCABULARY_CODES below.
VOCABULARIES: Final[dict[str, dict[str, dict[str, str]]]] = {
    "stage": {
        "idea": {"it": "Idea", "en": "Idea"},
        "concept": {"it": "Concept note", "en": "Concept note"},
        "submitted": {"it": "Presentato", "en": "Submitted"},
        "approved": {"it": "Approvato", "en": "Approved"},
        "in_progress": {"it": "In corso", "en": "In progress"},
        "completed": {"it": "Concluso", "en": "Completed"},
        "rejected": {"it": "Respinto", "en": "Rejected"},
        "withdrawn": {"it": "Ritirato", "en": "Withdrawn"},
        "cancelled": {"it": "Annullato", "en": "Cancelled"},
    },
    "theme": {
        "employment": {"it": "Lavoro", "en": "Employment"},
        "health": {"it": "Salute", "en": "Health"},
        "education": {"it": "Istruzione", "en": "Education"},
        "active_citizenship": {"it": "Cittadinanza attiva", "en": "Active citizenship"},
        "housing": {"it": "Casa", "en": "Housing"},
        "enterprise": {
            "it": "Investimenti produttivi e impresa",
            "en": "Productive investment and enterprise",
        },
        "skills_mobility": {
            "it": "Competenze e migrazione circolare",
            "en": "Skills and circular migration",
        },
        "culture": {"it": "Cultura", "en": "Culture"},
        "humanitarian": {"it": "Umanitario", "en": "Humanitarian"},
    },
    "funder_type": {
        "aics": {"it": "AICS", "en": "AICS"},
        "eu": {"it": "Unione europea", "en": "European Union"},
        "region": {"it": "Regione", "en": "Region"},
        "municipality": {"it": "Comune", "en": "Municipality"},
        "foundation": {"it": "Fondazione", "en": "Foundation"},
        "iom": {"it": "OIM", "en": "IOM"},
        "ministry": {"it": "Ministero", "en": "Ministry"},
        "private": {"it": "Privato", "en": "Private"},
        "other": {"it": "Altro", "en": "Other"},
    },
    "twinning_type": {
        "gemellaggio": {"it": "Gemellaggio", "en": "Twinning"},
        "patto_amicizia": {"it": "Patto di amicizia", "en": "Friendship pact"},
        "accordo_cooperazione": {
            "it": "Accordo di cooperazione",
            "en": "Cooperation agreement",
        },
        "memorandum": {"it": "Memorandum d'intesa", "en": "Memorandum of understanding"},
    },
    "twinning_status": {
        "proposed": {"it": "Proposto", "en": "Proposed"},
        "negotiating": {"it": "In negoziazione", "en": "Negotiating"},
        "signed": {"it": "Firmato", "en": "Signed"},
        "active": {"it": "Attivo", "en": "Active"},
        "dormant": {"it": "Dormiente", "en": "Dormant"},
    },
    "applicant": {
        "association": {"it": "Associazioni", "en": "Associations"},
        "municipality": {
            "it": "Comuni ed enti locali",
            "en": "Municipalities and local authorities",
        },
        "ngo": {"it": "Organizzazioni della società civile", "en": "Civil-society organisations"},
        "network": {"it": "Reti e coordinamenti", "en": "Networks and federations"},
        "university": {"it": "Università e centri di ricerca", "en": "Universities and research"},
        "enterprise": {"it": "Imprese", "en": "Enterprises"},
        "other": {"it": "Altri soggetti", "en": "Other applicants"},
    },
    "m49": {
        "002": {"it": "Africa", "en": "Africa"},
        "019": {"it": "Americhe", "en": "Americas"},
        "142": {"it": "Asia", "en": "Asia"},
        "150": {"it": "Europa", "en": "Europe"},
        "009": {"it": "Oceania", "en": "Oceania"},
    },
}

# The codes each label table covers (codes are defined in ponti.schema only): the stored
# vocabularies and the M49 regions of the reference data.
VOCABULARY_CODES: Final[dict[str, tuple[str, ...]]] = {
    **schema.VOCABULARY_CODES,
    "m49": schema.M49_REGIONS,
}


def normalise_lang(value: object) -> Lang:
    """A supported language code from any input (query parameter, setting)."""
    text = str(value or "").strip().lower()[:2]
    return "en" if text == "en" else "it"


def t(key: str, lang: Lang, **values: object) -> str:
    """The catalogue string for key in lang, with placeholders filled."""
    text = CATALOGUE[key][lang]
    return text.format(**values) if values else text


def plural_form(n: float, lang: Lang) -> str:
    """The catalogue form, "one" or "other", for a count of n.

    Italian and English agree: one for exactly 1 ("1 progetto", "1 project"), other for
    everything else, 0 and fractions included ("0 progetti", "1,5 associazioni").
    """
    del lang  # the same rule in both languages; kept for the day a third one differs
    return "one" if n == 1 else "other"


def tn(key: str, n: float, lang: Lang, /, **values: object) -> str:
    """The catalogue string ``<key>.one`` or ``<key>.other`` for the count n, filled.

    ``{n}`` is written as a whole number in lang unless ``values`` gives it already written
    (e.g. with a decimal: ``tn("bridges.tip.density", 1.5, lang, n="1,5")``).
    """
    if "n" not in values:
        values["n"] = formats.format_number(n, lang)
    return CATALOGUE[f"{key}.{plural_form(n, lang)}"][lang].format(**values)


def label(vocabulary: str, code: str, lang: Lang) -> str:
    """The label of a stored code; an unknown code is shown as it is."""
    entry = VOCABULARIES[vocabulary].get(str(code))
    return entry[lang] if entry else str(code)


def sdg_name(goal: int, lang: Lang) -> str:
    """The official short name of an SDG in lang."""
    return _sdg_names(lang)[int(goal)]


@lru_cache(maxsize=2)
def _sdg_names(lang: Lang) -> dict[int, str]:
    sdgs = reference.load_sdgs()
    return dict(zip(sdgs["goal"].astype(int), sdgs[f"name_{lang}"], strict=True))


def sdg_label(goal: int, lang: Lang) -> str:
    """'SDG 4 · Quality Education' style label."""
    return f"SDG {int(goal)} · {sdg_name(goal, lang)}"


def country_name(iso3: str, lang: Lang) -> str:
    """A country's name in lang; the code itself when unknown."""
    names = _country_names(lang)
    return names.get(str(iso3), str(iso3))


@lru_cache(maxsize=2)
def _country_names(lang: Lang) -> dict[str, str]:
    countries = reference.load_countries()
    return dict(zip(countries["iso3"], countries[f"name_{lang}"], strict=True))
