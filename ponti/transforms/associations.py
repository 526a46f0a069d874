"""Associations: the directory (search and its own filters), one association's profile (what
it is, where it comes from, its projects, partners and twinnings) and its funding leads.

**Search.** Names and acronyms are compared folded: lower case, accents and punctuation
dropped ("Comunità d'Africa" reads "comunita d africa"). Every word of the query must be
found inside the folded name or acronym (a word start, a whole word or any part of one), so
"senegal raven" and "SENEGALESI RAVENNA" both find "Associazione Senegalesi di Ravenna".

**Funding leads from the record.** An association's *interests* are its declared goals and
themes, and its countries: of origin, and the destinations of the projects it leads. A
project is *like* the association's when it shares at least one of the three (a goal, a
theme, or its destination country). The leads are the funders and programmes of funded
like projects (approved, in progress or completed), ranked by how many of the three a single
one of them shares at best, then by how many there are. Success rates and days to a
decision are those of the like projects the funder decided (``ponti.transforms.funding``
computes both).

**Open calls that fit.** A call is open on a day when it opened on or before it (or has no
opening date) and closes on or after it (or has no closing date: a rolling call). The
association may apply when the call admits associations, or networks and the association
belongs to one. A call fits when at least one of its eligible countries is one of the
association's origin countries, or it shares a theme or a goal with the association. A call
open to every country (no eligible countries listed) is not excluded, but that alone is no
reason to list it; a call listing only other countries is excluded.
"""

from __future__ import annotations

import itertools
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, cast
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from ponti import filters as flt
from ponti import formats, i18n, schema
from ponti.i18n import Lang, t, tn
from ponti.transforms import bridges as bt
from ponti.transforms import calls as ct
from ponti.transforms import funding as ft
from ponti.transforms import twinnings as tw

# Networks people know by name (others are shown as written in the data).
KNOWN_NETWORKS: Final[tuple[str, ...]] = ("summit", "forum", "coordinamento_regionale")
LEAD: Final = "lead"
PARTNER: Final = "partner"
ROLES: Final[tuple[str, ...]] = (LEAD, PARTNER)
# The three ways a project (or a call) can be like an association's work, in ranking order.
DIMENSIONS: Final[tuple[str, ...]] = ("countries", "goals", "themes")
# Private money (members' fundraising, donations, crowdfunding, loans) funds projects, but no
# one applies to it: it is never a funding lead.
NOT_APPLIED_TO: Final[frozenset[str]] = frozenset({"private"})
APPLICANT_ASSOCIATION: Final = "association"
APPLICANT_NETWORK: Final = "network"
WEBSITE_SCHEMES: Final[tuple[str, ...]] = ("http://", "https://")


def _text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def _codes(values: object) -> list[str]:
    """A stored list as a list of strings (anything else as an empty list)."""
    if isinstance(values, list | tuple):
        return [str(v) for v in values if _text(v)]
    if hasattr(values, "tolist"):
        return _codes(values.tolist())
    return []


def _goals(values: object) -> list[int]:
    return [int(v) for v in _codes(values)]


def _lists_of(values: pd.Series, element: type) -> list[list[Any]] | None:
    """The values as lists when every one is a plain list of ``element`` (the stored form),
    else None: then ``_codes`` and ``_goals`` read them as lists of ``element`` unchanged
    (but for empty strings), and a whole column can be read without a call per row."""
    lists = values.tolist()
    if set(map(type, lists)) - {list}:
        return None
    if set(map(type, itertools.chain.from_iterable(lists))) - {element}:
        return None
    return lists


def _texts(values: pd.Series) -> pd.Series:
    """``values.map(_text)``, without a call per row for a text column."""
    if isinstance(values.dtype, pd.StringDtype):
        return values.fillna("")
    return values.map(_text)


def _described(values: pd.Series, describe: Callable[[Any], str]) -> pd.Series:
    """``values.map(describe)``, one call per distinct code of a text column."""
    if not isinstance(values.dtype, pd.StringDtype):
        return values.map(describe)
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    texts = np.array([describe(code) for code in uniques], dtype=object)
    return pd.Series(texts[codes], index=values.index, name=values.name, dtype=values.dtype)


def _described_lists(values: pd.Series, element: type, describe: Callable[[Any], str]) -> pd.Series:
    """``values.map(describe)``, one call per distinct list when every value is a list of
    ``element`` (the stored form)."""
    lists = _lists_of(values, element)
    if lists is None:
        return values.map(describe)
    described: dict[tuple[Any, ...], str] = {}
    texts = []
    for codes in lists:
        key = tuple(codes)
        text = described.get(key)
        if text is None:
            text = described[key] = describe(codes)
        texts.append(text)
    return pd.Series(texts, index=values.index)


def _code_lists(values: pd.Series) -> list[list[str]]:
    """``values.map(_codes)`` as a list, without a call per row for the stored form."""
    lists = _lists_of(values, str)
    if lists is None:
        return [_codes(v) for v in values]
    return [[code for code in codes if code] if "" in codes else codes for codes in lists]


def _flag(value: object) -> bool | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return bool(value)


def _int_or_none(value: object) -> int | None:
    text = _text(value)
    return int(float(text)) if text else None


# -- names --------------------------------------------------------------------------------------
def network_label(code: str, lang: Lang) -> str:
    """A network's name in lang ("Partecipante al Summit"); an unknown one as written."""
    return t(f"associations.network.{code}", lang) if code in KNOWN_NETWORKS else code


def theme_label(code: str, lang: Lang) -> str:
    """A theme's label in lang."""
    return i18n.label("theme", code, lang)


def _joined(values: Iterable[str]) -> str:
    return ", ".join(values)


def network_options(associations: pd.DataFrame) -> list[str]:
    """The networks the associations belong to: the known ones first, in their order."""
    present = {code for values in associations[schema.A_NETWORKS] for code in _codes(values)}
    known = [code for code in KNOWN_NETWORKS if code in present]
    return known + sorted(present - set(KNOWN_NETWORKS))


def municipality_name(code: object) -> str:
    """The official name of an Italian municipality ("" for none)."""
    return tw.municipality_name(_text(code)) if _text(code) else ""


# -- search and the directory's own filters --------------------------------------------------------
class _Marks:
    """Combining marks (accents) met so far, deleted by one regular expression: a Python
    test per character was most of the cost of folding 35,800 names."""

    def __init__(self) -> None:
        self.classified: set[str] = set()
        self.marks: set[str] = set()
        self.pattern: re.Pattern[str] | None = None
        self.lock = threading.Lock()  # sessions run in threads: one learns at a time

    def strip(self, text: str) -> str:
        """The text without its combining marks."""
        if set(text) - self.classified:
            with self.lock:
                new = set(text) - self.classified
                found = {ch for ch in new if unicodedata.combining(ch)}
                if found - self.marks:
                    self.marks = self.marks | found
                    escaped = "".join(map(re.escape, sorted(self.marks)))
                    self.pattern = re.compile(f"[{escaped}]")
                self.classified = self.classified | new
        pattern = self.pattern
        return pattern.sub("", text) if pattern is not None else text


_MARKS: Final = _Marks()
_NOT_WORD: Final = re.compile(r"[\W_]+")


def _without_marks(text: str) -> str:
    return _MARKS.strip(text)


def fold(text: object) -> str:
    """Text as search compares it: lower case, no accents, punctuation read as spaces."""
    plain = _text(text)
    if not plain.isascii():  # ASCII is its own NFKD form, without combining marks
        plain = _without_marks(unicodedata.normalize("NFKD", plain))
    return " ".join(_NOT_WORD.sub(" ", plain.casefold()).split())


# Texts are folded together, joined by a character that folding keeps in place.
_FOLD_SEPARATOR: Final = "\x00"
_NOT_WORD_KEEP_SEPARATOR: Final = re.compile(r"[^\w\x00]+")


def fold_all(texts: Iterable[object]) -> list[str]:
    """``[fold(text) for text in texts]``, in a few passes over all of them at once."""
    plain = [_text(text) for text in texts]
    if not plain:
        return []
    joined = _FOLD_SEPARATOR.join(plain)
    if _FOLD_SEPARATOR in "".join(plain):
        return [fold(text) for text in plain]
    if not joined.isascii():
        # NFKD, the marks and case folding work character by character, and no character
        # composes or reorders across the separator (a starter without decomposition).
        joined = _without_marks(unicodedata.normalize("NFKD", joined))
    # "_" is a word character to \w: made a space first, as fold's [\W_]+ reads it.
    spaced = _NOT_WORD_KEEP_SEPARATOR.sub(" ", joined.casefold().replace("_", " "))
    return [" ".join(part.split()) for part in spaced.split(_FOLD_SEPARATOR)]


def query_words(query: str) -> list[str]:
    """The folded words of a search query."""
    return fold(query).split()


def matches_query(name: object, acronym: object, words: Sequence[str]) -> bool:
    """Whether every word is found in the folded name or acronym (empty query: always)."""
    haystacks = (fold(name), fold(acronym))
    return all(any(word in text for text in haystacks) for word in words)


@dataclass(frozen=True)
class DirectoryChoice:
    """The directory's own choices: a search text, themes, networks, women- and youth-led."""

    query: str = ""
    themes: tuple[str, ...] = ()
    networks: tuple[str, ...] = ()
    women_led: bool = False
    youth_led: bool = False


def _has_any(lists: pd.Series, wanted: Iterable[str]) -> pd.Series:
    chosen = set(wanted)
    return lists.map(lambda values: bool(chosen.intersection(_codes(values)))).astype(bool)


def filter_directory(associations: pd.DataFrame, choice: DirectoryChoice) -> pd.DataFrame:
    """The associations that pass the directory's choices: every query word found, any of the
    chosen themes, any of the chosen networks, women-led and youth-led when asked."""
    mask = pd.Series(True, index=associations.index)
    words = query_words(choice.query)
    if words:
        # matches_query for every row, the names and acronyms folded all at once.
        mask &= pd.Series(
            [
                all(word in name or word in acronym for word in words)
                for name, acronym in zip(
                    fold_all(associations[schema.A_NAME].tolist()),
                    fold_all(associations[schema.A_ACRONYM].tolist()),
                    strict=True,
                )
            ],
            index=associations.index,
            dtype=bool,
        )
    if choice.themes:
        mask &= _has_any(associations[schema.A_THEMES], choice.themes)
    if choice.networks:
        mask &= _has_any(associations[schema.A_NETWORKS], choice.networks)
    if choice.women_led:
        mask &= associations[schema.A_WOMEN_LED].fillna(False).astype(bool)
    if choice.youth_led:
        mask &= associations[schema.A_YOUTH_LED].fillna(False).astype(bool)
    return associations[mask.astype(bool)]


# -- who takes part in which project -------------------------------------------------------------
def participations(projects: pd.DataFrame) -> pd.DataFrame:
    """One row per (association, project): association_id, project_id, role (lead/partner).
    An association named both lead and partner of a project is its lead."""
    project_ids = projects[schema.P_ID].astype("object").to_numpy()
    partners = _code_lists(projects[schema.P_PARTNERS])
    counts = np.fromiter(map(len, partners), dtype="int64", count=len(partners))
    # Lead rows come first, so keeping the first of each pair keeps the lead's role.
    both = pd.DataFrame(
        {
            schema.A_ID: np.concatenate(
                [
                    projects[schema.P_LEAD].astype("object").to_numpy(),
                    np.array(list(itertools.chain.from_iterable(partners)), dtype=object),
                ]
            ),
            schema.P_ID: np.concatenate([project_ids, np.repeat(project_ids, counts)]),
            "role": np.repeat(
                np.array([LEAD, PARTNER], dtype=object), [len(projects), counts.sum()]
            ),
        }
    ).dropna(subset=[schema.A_ID])
    both = both.astype({schema.A_ID: str, schema.P_ID: str, "role": str})
    return both.drop_duplicates([schema.A_ID, schema.P_ID], ignore_index=True)


def directory_table(associations: pd.DataFrame, projects: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The directory for people, by name: name, acronym, municipality, origin countries,
    goals, themes, projects (led or partnered), EUR granted to the projects it leads,
    networks; the codes behind the name and the municipality (internal, for links)."""
    taking_part = participations(projects)
    counts = taking_part.groupby(schema.A_ID)[schema.P_ID].nunique()
    granted = (
        projects.assign(**{schema.P_GRANTED: projects[schema.P_GRANTED].astype("float64")})
        .groupby(schema.P_LEAD)[schema.P_GRANTED]
        .sum()
    )
    ids = associations[schema.A_ID].astype(str)
    table = pd.DataFrame(
        {
            "association_code": ids,
            "name": _texts(associations[schema.A_NAME]),
            "acronym": _texts(associations[schema.A_ACRONYM]),
            "municipality_code": _texts(associations[schema.A_MUNICIPALITY]),
            "municipality": _described(associations[schema.A_MUNICIPALITY], municipality_name),
            "countries": _described_lists(
                associations[schema.A_COUNTRIES],
                str,
                lambda codes: _joined(i18n.country_name(c, lang) for c in _codes(codes)),
            ),
            "sdgs": _described_lists(
                associations[schema.A_SDGS], int, lambda g: _joined(map(str, _goals(g)))
            ),
            "themes": _described_lists(
                associations[schema.A_THEMES],
                str,
                lambda codes: _joined(theme_label(c, lang) for c in _codes(codes)),
            ),
            "projects": ids.map(counts).fillna(0).astype("Int64"),
            "granted_led": ids.map(granted).fillna(0.0).astype("float64"),
            "networks": _described_lists(
                associations[schema.A_NETWORKS],
                str,
                lambda codes: _joined(network_label(c, lang) for c in _codes(codes)),
            ),
        }
    )
    table["_sort"] = pd.Series(fold_all(table["name"].tolist()), index=table.index)
    table = table.sort_values(["_sort", "association_code"], ignore_index=True)
    return table.drop(columns="_sort")


def directory_rows(
    directory: pd.DataFrame,
    associations: pd.DataFrame,
    projects: pd.DataFrame,
    found: pd.DataFrame,
    lang: Lang,
) -> pd.DataFrame:
    """``directory_table(found, projects, lang)`` read from ``directory``, the directory of
    all ``associations`` (``found`` being some of its rows): a row's figures do not depend on
    the other rows, so the table of the found ones is the rows of their ids, in its order."""
    if len(found) == len(associations):
        return directory
    ids = associations[schema.A_ID].astype(str)
    if found.empty or not ids.is_unique or ids.isna().any():
        # Nothing found (its columns typed as an empty table's), or ids that cannot tell the
        # rows apart: the table of the found ones themselves.
        return directory_table(found, projects, lang)
    wanted = directory["association_code"].isin(found[schema.A_ID].astype(str))
    return directory[wanted.to_numpy()].reset_index(drop=True)


# -- one association ------------------------------------------------------------------------------
def find_association(associations: pd.DataFrame, association_id: str | None) -> pd.Series | None:
    """The association with this id (None when there is none)."""
    if not association_id:
        return None
    found = associations[associations[schema.A_ID].astype(str) == association_id]
    return None if found.empty else found.iloc[0]


def association_choices(associations: pd.DataFrame) -> dict[str, str]:
    """Every association for a choice list, by name: id -> "Name (Municipality)"."""
    places = associations[schema.A_MUNICIPALITY].tolist()
    place_names = {place: municipality_name(place) for place in set(places)}
    labels = {
        str(code): f"{_text(name)} ({place_names[place]})"
        for code, name, place in zip(
            associations[schema.A_ID].tolist(),
            associations[schema.A_NAME].tolist(),
            places,
            strict=True,
        )
    }
    folded = dict(zip(labels, fold_all(labels.values()), strict=True))
    return {code: labels[code] for code in sorted(labels, key=lambda code: (folded[code], code))}


def busiest_association(associations: pd.DataFrame, projects: pd.DataFrame) -> str | None:
    """The association taking part in the most projects (by name on a tie); None if none."""
    if associations.empty:
        return None
    counts = participations(projects).groupby(schema.A_ID)[schema.P_ID].nunique()
    found = {
        str(code): int(n) for code, n in zip(counts.index.tolist(), counts.tolist(), strict=True)
    }
    codes = [str(code) for code in associations[schema.A_ID].tolist()]
    taking_part = [found.get(code, 0) for code in codes]
    most = max(taking_part)
    # The first by (-projects, folded name, id): names are folded only where projects tie.
    return min(
        (fold(name), code)
        for code, name, n in zip(
            codes, associations[schema.A_NAME].tolist(), taking_part, strict=True
        )
        if n == most
    )[1]


@dataclass(frozen=True)
class Facts:
    """Who an association is (public fields only: contact details never get here)."""

    name: str
    acronym: str
    municipality: str
    founded: int | None
    legal_form: str
    members: int | None
    women_led: bool | None
    youth_led: bool | None
    website: str | None
    networks: tuple[str, ...]


def safe_website(value: object) -> str | None:
    """A website that a link may open: http(s) only, never another scheme."""
    text = _text(value).strip()
    return text if text.lower().startswith(WEBSITE_SCHEMES) and " " not in text else None


def facts_of(association: pd.Series) -> Facts:
    """The public facts of one association."""
    return Facts(
        name=_text(association[schema.A_NAME]),
        acronym=_text(association[schema.A_ACRONYM]),
        municipality=_text(association[schema.A_MUNICIPALITY]),
        founded=_int_or_none(association[schema.A_FOUNDED]),
        legal_form=_text(association[schema.A_LEGAL_FORM]),
        members=_int_or_none(association[schema.A_MEMBERS]),
        women_led=_flag(association[schema.A_WOMEN_LED]),
        youth_led=_flag(association[schema.A_YOUTH_LED]),
        website=safe_website(association[schema.A_WEBSITE]),
        networks=tuple(_codes(association[schema.A_NETWORKS])),
    )


def describe_facts(facts: Facts, lang: Lang) -> list[tuple[str, str]]:
    """The facts in words, (label, value) in lang; unknown facts are left out."""
    yes_no = {True: t("association.yes", lang), False: t("association.no", lang)}
    rows: list[tuple[str, str]] = []
    if facts.acronym:
        rows.append((t("association.fact.acronym", lang), facts.acronym))
    if facts.founded is not None:
        rows.append((t("association.fact.founded", lang), str(facts.founded)))
    if facts.legal_form:
        rows.append((t("association.fact.legal_form", lang), facts.legal_form))
    if facts.members is not None:
        rows.append(
            (t("association.fact.members", lang), formats.format_number(facts.members, lang))
        )
    if facts.women_led is not None:
        rows.append((t("association.fact.women_led", lang), yes_no[facts.women_led]))
    if facts.youth_led is not None:
        rows.append((t("association.fact.youth_led", lang), yes_no[facts.youth_led]))
    networks = _joined(network_label(code, lang) for code in facts.networks)
    rows.append(
        (t("association.fact.networks", lang), networks or t("association.fact.no_network", lang))
    )
    return rows


def origins_of(association: pd.Series, lang: Lang) -> list[tuple[str, list[str]]]:
    """Origin countries in lang, each with its origin territories: [("Senegal", ["Louga"])].
    A territory the gazetteer does not place in one of them is listed under ""."""
    countries = _codes(association[schema.A_COUNTRIES])
    places = bt._places_index()
    by_country: dict[str, list[str]] = {code: [] for code in countries}
    elsewhere: list[str] = []
    for territory in _codes(association[schema.A_TERRITORIES]):
        key = "t:" + territory
        if key in places.index:
            name = str(places.at[key, "place_name"])
            country = str(places.at[key, "place_country"])
        else:
            name, country = territory, ""
        if country in by_country:
            by_country[country].append(name)
        else:
            elsewhere.append(name)
    rows = [(i18n.country_name(code, lang), names) for code, names in by_country.items()]
    if elsewhere:
        rows.append(("", elsewhere))
    return rows


def municipality_point(code: str) -> pd.DataFrame:
    """The municipality's name and point (lat, lon): one row, or none when unknown."""
    places = bt._municipalities_index()
    if code not in places.index:
        return pd.DataFrame({"name": [], "lat": [], "lon": []})
    point = places.loc[[code], ["from_name", "from_lat", "from_lon"]]
    point = point.rename(columns={"from_name": "name", "from_lat": "lat", "from_lon": "lon"})
    return point.reset_index(drop=True).astype({"name": str, "lat": float, "lon": float})


# -- its projects, partners and twinnings -----------------------------------------------------
def projects_of(projects: pd.DataFrame, association_id: str) -> pd.DataFrame:
    """The projects the association leads or partners, with its ``role`` in each."""
    roles = participations(projects)
    mine = roles[roles[schema.A_ID] == association_id].set_index(schema.P_ID)["role"]
    chosen = projects[projects[schema.P_ID].astype(str).isin(list(mine.index))]
    return chosen.assign(role=chosen[schema.P_ID].astype(str).map(mine))


def projects_table(projects: pd.DataFrame, associations: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Its projects for people (from ``projects_of``): title, role, stage, lead (a link),
    funder, programme, EUR requested, granted, disbursed and spent, destination, goals;
    latest first."""
    described = bt.describe_projects(projects, lang).set_index("id")
    names = associations.set_index(schema.A_ID)[schema.A_NAME].astype(str)
    ids = projects[schema.P_ID].astype(str)
    # A project whose lead is still to fill in (an IATI import) has none: no name, no link.
    lead = projects[schema.P_LEAD].astype("object").where(projects[schema.P_LEAD].notna(), None)
    table = pd.DataFrame(
        {
            "id": ids.to_numpy(),
            "title": ids.map(described["title"]).to_numpy(),
            "role": projects["role"]
            .map(lambda role: t(f"association.role.{role}", lang))
            .to_numpy(),
            "stage": projects[schema.P_STAGE].map(_text).to_numpy(),
            "lead_code": lead.to_numpy(),
            "lead": lead.map(
                lambda code: str(names.get(code, code)) if isinstance(code, str) else None
            ).to_numpy(),
            "funder": projects[schema.P_FUNDER].map(_text).to_numpy(),
            "programme": projects[schema.P_PROGRAMME].map(_text).to_numpy(),
            "requested": projects[schema.P_REQUESTED].astype("float64").to_numpy(),
            "granted": projects[schema.P_GRANTED].astype("float64").to_numpy(),
            "disbursed": _amounts(projects, schema.P_DISBURSED),
            "spent": _amounts(projects, schema.P_SPENT),
            "destination": ids.map(described["destination"]).to_numpy(),
            "sdgs": ids.map(described["sdgs"]).to_numpy(),
            "year": flt.add_project_year(projects)[flt.YEAR].to_numpy(),
        }
    )
    return table.sort_values(
        ["year", "title", "id"],
        ascending=[False, True, True],
        na_position="last",
        ignore_index=True,
    )


def _amounts(projects: pd.DataFrame, column: str) -> np.ndarray:
    # EUR disbursed or spent (a version written before these columns has none).
    if column not in projects:
        return np.full(len(projects), np.nan)
    return projects[column].astype("float64").to_numpy()


def partners_of(
    projects: pd.DataFrame, associations: pd.DataFrame, association_id: str, lang: Lang
) -> pd.DataFrame:
    """The associations it shares projects with (as lead or partner, either side): name,
    municipality, origin countries and the number of shared projects, most shared first."""
    roles = participations(projects)
    mine = set(roles.loc[roles[schema.A_ID] == association_id, schema.P_ID])
    others = roles[roles[schema.P_ID].isin(mine) & (roles[schema.A_ID] != association_id)]
    shared = others.groupby(schema.A_ID)[schema.P_ID].nunique()
    known = associations.set_index(schema.A_ID)
    rows = []
    for code, count in shared.items():
        code = str(code)
        found = code in known.index
        place = _text(known.at[code, schema.A_MUNICIPALITY]) if found else ""
        rows.append(
            {
                "association_code": code,
                "name": _text(known.at[code, schema.A_NAME]) if found else code,
                "municipality_code": place,
                "municipality": municipality_name(place),
                "countries": _joined(
                    i18n.country_name(c, lang)
                    for c in (_codes(known.at[code, schema.A_COUNTRIES]) if found else [])
                ),
                "projects": int(count),
            }
        )
    columns = [
        "association_code",
        "name",
        "municipality_code",
        "municipality",
        "countries",
        "projects",
    ]
    table = pd.DataFrame(rows, columns=columns)
    if table.empty:
        return table.astype({"projects": "Int64"})
    table["_sort"] = pd.Series(fold_all(table["name"].tolist()), index=table.index)
    table = table.sort_values(["projects", "_sort"], ascending=[False, True], ignore_index=True)
    return table.drop(columns="_sort").astype({"projects": "Int64"})


def twinnings_of(twinnings: pd.DataFrame, association: pd.Series) -> pd.DataFrame:
    """The agreements of its municipality with its origin countries or territories."""
    countries = _codes(association[schema.A_COUNTRIES])
    territories = _codes(association[schema.A_TERRITORIES])
    here = twinnings[schema.T_MUNICIPALITY].astype(str) == _text(association[schema.A_MUNICIPALITY])
    there = twinnings[schema.T_PARTNER_COUNTRY].astype(str).isin(countries) | twinnings[
        schema.T_PARTNER_TERRITORY
    ].astype(str).isin(territories)
    return twinnings[(here & there).fillna(False).astype(bool)]


# -- funding leads from the record ---------------------------------------------------------------
@dataclass(frozen=True)
class Interests:
    """What an association works on: goals, themes, countries (origin and its projects')."""

    goals: frozenset[int]
    themes: frozenset[str]
    countries: frozenset[str]


def interests_of(association: pd.Series, own_projects: pd.DataFrame) -> Interests:
    """Its declared goals and themes; its origin countries and the destinations of the
    projects it leads (``own_projects`` as ``projects_of`` gives them)."""
    led = own_projects[own_projects["role"] == LEAD]
    destinations = {_text(c) for c in led[schema.P_COUNTRY]} - {""}
    return Interests(
        goals=frozenset(_goals(association[schema.A_SDGS])),
        themes=frozenset(_codes(association[schema.A_THEMES])),
        countries=frozenset(_codes(association[schema.A_COUNTRIES])) | destinations,
    )


def like_projects(projects: pd.DataFrame, interests: Interests) -> pd.DataFrame:
    """The projects sharing at least one goal, theme or country with the interests, with
    what they share: shared_goals and shared_themes (lists), shared_country (code or "")
    and ``matches``, how many of the three they share (1 to 3)."""
    goal_lists = _lists_of(projects[schema.P_SDGS], int)
    if goal_lists is None:
        goals = projects[schema.P_SDGS].map(
            lambda values: sorted(set(_goals(values)) & interests.goals)
        )
    else:  # the stored form, whole numbers: the same sets without a conversion per goal
        goals = pd.Series(
            [sorted(interests.goals.intersection(values)) for values in goal_lists],
            index=projects.index,
            dtype=object,
        )
    theme_lists = _lists_of(projects[schema.P_THEMES], str)
    if theme_lists is None:
        themes = projects[schema.P_THEMES].map(
            lambda values: [c for c in schema.THEMES if c in set(_codes(values)) & interests.themes]
        )
    else:
        wanted = [c for c in schema.THEMES if c in interests.themes]
        themes = pd.Series(
            [[c for c in wanted if c in values] for values in theme_lists],
            index=projects.index,
            dtype=object,
        )
    country = _texts(projects[schema.P_COUNTRY])
    country = country.where(country.isin(list(interests.countries)), "")
    matches = (
        goals.map(bool).astype(int) + themes.map(bool).astype(int) + (country != "").astype(int)
    )
    shared = projects.assign(
        shared_goals=goals, shared_themes=themes, shared_country=country, matches=matches
    )
    return shared[shared["matches"] > 0]


def _top(counts: Mapping[Any, int], order: Sequence[Any]) -> tuple[Any, int] | None:
    """The most frequent item (the first in ``order`` on a tie), with its count."""
    if not counts:
        return None
    rank = {item: i for i, item in enumerate(order)}
    best = min(counts, key=lambda item: (-counts[item], rank.get(item, len(rank)), str(item)))
    return best, int(counts[best])


def lead_reasons(funded: pd.DataFrame) -> list[tuple[str, object, int]]:
    """Why a lead matches, from its funded like projects: for each of the three, the most
    frequent shared country, goal and theme with its number of projects."""
    reasons: list[tuple[str, object, int]] = []
    countries = funded["shared_country"][funded["shared_country"] != ""].value_counts()
    top = _top({str(k): int(v) for k, v in countries.items()}, sorted(map(str, countries.index)))
    if top is not None:
        reasons.append(("countries", top[0], top[1]))
    goals: dict[int, int] = {}
    for values in funded["shared_goals"]:
        for goal in values:
            goals[goal] = goals.get(goal, 0) + 1
    top = _top(goals, schema.SDG_GOALS)
    if top is not None:
        reasons.append(("goals", top[0], top[1]))
    themes: dict[str, int] = {}
    for values in funded["shared_themes"]:
        for theme in values:
            themes[theme] = themes.get(theme, 0) + 1
    top = _top(themes, schema.THEMES)
    if top is not None:
        reasons.append(("themes", top[0], top[1]))
    return reasons


def reason_text(dimension: str, code: object, n: int, lang: Lang) -> str:
    """One reason in words: "3 progetti in Senegal", "2 progetti sull'SDG 4 (...)"."""
    if dimension == "countries":
        return tn("association.why.country", n, lang, country=i18n.country_name(str(code), lang))
    if dimension == "goals":
        goal = int(str(code))
        return tn("association.why.goal", n, lang, goal=goal, name=i18n.sdg_name(goal, lang))
    return tn("association.why.theme", n, lang, theme=theme_label(str(code), lang))


LEAD_COLUMNS: Final[tuple[str, ...]] = (
    schema.P_FUNDER,
    schema.P_FUNDER_TYPE,
    schema.P_PROGRAMME,
    "projects",
    "matches",
    "own",
    "decided",
    "success_rate",
    "enough",
    "grant_median",
    "days_median",
    "reasons",
)


def _lead_success(decided: pd.DataFrame, lang: Lang) -> dict[tuple[str, str], tuple[int, float]]:
    """(funder, programme) -> (decisions, success rate), through funding.summarise_success."""
    # What funding.summarise_success counts per programme, for every funder at once.
    stage = decided[schema.P_STAGE]
    chosen = decided[stage.isin(schema.DECIDED_STAGES).fillna(False).astype(bool)]
    programme = chosen[schema.P_PROGRAMME].astype("object").fillna(t("funding.not_given", lang))
    grouped = (
        pd.DataFrame(
            {
                "funder": chosen[schema.P_FUNDER],
                "programme": programme.map(str),
                "approved": chosen[schema.P_STAGE].isin(schema.APPROVED_STAGES).astype("int64"),
            }
        )
        .groupby(["funder", "programme"])
        .agg(decided=("approved", "size"), approved=("approved", "sum"))
    )
    rates = grouped["approved"] / grouped["decided"]
    return {
        (str(funder), str(programme)): (int(decisions), float(rate))
        for (funder, programme), decisions, rate in zip(
            grouped.index.tolist(), grouped["decided"].tolist(), rates.tolist(), strict=True
        )
    }


def funding_leads(
    projects: pd.DataFrame, association_id: str, interests: Interests, lang: Lang
) -> pd.DataFrame:
    """Funders and programmes that funded projects like the association's, best first.

    One row per (funder, programme): funder, funder_type (the most frequent), programme
    ("" when not given), projects (funded like projects), matches (the most of the three a
    single one shares), own (it funded a project of this association), decided and
    success_rate (among the like projects it decided), enough (at least
    ``funding.MIN_DECIDED`` decisions), grant_median (EUR), days_median (submission to
    decision) and reasons: [(dimension, code, projects)], as ``lead_reasons`` gives them.
    """
    applicable = ~_texts(projects[schema.P_FUNDER_TYPE]).isin(NOT_APPLIED_TO)
    with_funder = projects[(_texts(projects[schema.P_FUNDER]) != "") & applicable]
    with_funder = with_funder.assign(
        **{
            schema.P_FUNDER: _texts(with_funder[schema.P_FUNDER]),
            schema.P_PROGRAMME: _texts(with_funder[schema.P_PROGRAMME]),
        }
    )
    like = like_projects(with_funder, interests)
    stage = like[schema.P_STAGE].astype(str)
    funded = like[stage.isin(schema.APPROVED_STAGES)]
    decided = like[stage.isin(schema.DECIDED_STAGES)]
    success = _lead_success(decided, lang)
    roles = participations(projects)
    mine = set(roles.loc[roles[schema.A_ID] == association_id, schema.P_ID])
    days = ft.decision_days(decided).astype("float64")
    # Where each (funder, programme) is among the decided: one grouping, not a filter each.
    decided_at: dict[tuple[str, str], Any] = {}
    for pair, positions in decided.groupby([schema.P_FUNDER, schema.P_PROGRAMME]).indices.items():
        funder, programme = cast("tuple[object, object]", pair)
        decided_at[(str(funder), str(programme))] = positions
    no_days = days.iloc[0:0]
    rows = []
    for (funder, programme), group in funded.groupby([schema.P_FUNDER, schema.P_PROGRAMME]):
        key = (str(funder), str(programme))
        in_group = days.iloc[decided_at[key]] if key in decided_at else no_days
        types = group[schema.P_FUNDER_TYPE].map(_text).value_counts()
        decisions, rate = success.get(key, (0, float("nan")))
        rows.append(
            {
                schema.P_FUNDER: key[0],
                schema.P_FUNDER_TYPE: str(types.index[0]) if not types.empty else "",
                schema.P_PROGRAMME: key[1],
                "projects": len(group),
                "matches": int(group["matches"].max()),
                "own": bool(group[schema.P_ID].astype(str).isin(mine).any()),
                "decided": decisions,
                "success_rate": rate,
                "enough": decisions >= ft.MIN_DECIDED,
                "grant_median": float(group[schema.P_GRANTED].astype("float64").median()),
                "days_median": float(in_group.median()),
                "reasons": lead_reasons(group),
            }
        )
    leads = pd.DataFrame(rows, columns=list(LEAD_COLUMNS))
    if leads.empty:
        return leads
    leads["_funder"] = pd.Series(fold_all(leads[schema.P_FUNDER].tolist()), index=leads.index)
    leads = leads.sort_values(
        ["matches", "projects", "_funder", schema.P_PROGRAMME],
        ascending=[False, False, True, True],
        ignore_index=True,
    )
    return leads.drop(columns="_funder")


def describe_leads(leads: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The leads for people: funder, type, programme, projects, what they share (of three),
    funded it, decisions, success rate and whether they are enough to go by, median grant
    and days, why in words."""
    return pd.DataFrame(
        {
            "funder": leads[schema.P_FUNDER].astype(str),
            "funder_type": leads[schema.P_FUNDER_TYPE].astype(str),
            "programme": leads[schema.P_PROGRAMME].astype(str),
            "projects": leads["projects"].astype("Int64"),
            "matches": leads["matches"].astype("Int64"),
            "funded_it": leads["own"].astype(bool),
            "decided": leads["decided"].astype("Int64"),
            "success_rate": leads["success_rate"].astype("float64"),
            "enough": leads["enough"].astype(bool),
            "grant_median": leads["grant_median"].astype("float64").round(0),
            "days_median": leads["days_median"].astype("float64").round(0),
            "why": leads["reasons"].map(lambda reasons: lead_why(reasons, lang)),
        }
    )


def lead_why(reasons: Sequence[tuple[str, object, int]], lang: Lang) -> str:
    """A lead's reasons in one sentence."""
    return _joined(reason_text(dimension, code, n, lang) for dimension, code, n in reasons)


def lead_figures(lead: Mapping[Any, Any], lang: Lang) -> str:
    """A lead's figures in words: success rate (or too few decisions), median grant, days."""
    parts = [tn("association.lead.projects", int(lead["projects"]), lang)]
    decided = int(lead["decided"])
    if decided and bool(lead["enough"]):
        rate = formats.format_percent(float(lead["success_rate"]), lang, 0)
        parts.append(tn("association.lead.success", decided, lang, rate=rate))
    elif decided:
        parts.append(tn("association.lead.few_decisions", decided, lang))
    grant = float(lead["grant_median"])
    if grant == grant:
        parts.append(t("association.lead.grant", lang, eur=formats.format_money(grant, lang)))
    days = float(lead["days_median"])
    if days == days:
        parts.append(tn("association.lead.days", round(days), lang))
    return " · ".join(parts)


# -- open calls that fit --------------------------------------------------------------------------
def eligible_as(applicants: object, in_network: bool) -> str | None:
    """How the association may apply: as an association, as a network member, or not."""
    codes = set(_codes(applicants))
    if APPLICANT_ASSOCIATION in codes:
        return APPLICANT_ASSOCIATION
    if in_network and APPLICANT_NETWORK in codes:
        return APPLICANT_NETWORK
    return None


def call_reasons(call: pd.Series, association: pd.Series) -> list[tuple[str, tuple[Any, ...]]]:
    """What a call shares with the association: [(dimension, shared codes)] for its origin
    countries among the eligible ones, shared themes and shared goals (in that order)."""
    reasons: list[tuple[str, tuple[Any, ...]]] = []
    origins = _codes(association[schema.A_COUNTRIES])
    eligible = set(_codes(call[schema.C_COUNTRIES]))
    countries = tuple(code for code in origins if code in eligible)
    if countries:
        reasons.append(("countries", countries))
    mine = set(_codes(association[schema.A_THEMES]))
    themes = tuple(
        code for code in schema.THEMES if code in mine & set(_codes(call[schema.C_THEMES]))
    )
    if themes:
        reasons.append(("themes", themes))
    goals = tuple(
        sorted(set(_goals(association[schema.A_SDGS])) & set(_goals(call[schema.C_SDGS])))
    )
    if goals:
        reasons.append(("goals", goals))
    return reasons


CALL_COLUMNS: Final[tuple[str, ...]] = (
    schema.C_ID,
    schema.C_TITLE,
    schema.C_FUNDER,
    schema.C_FUNDER_TYPE,
    schema.C_PROGRAMME,
    schema.C_URL,
    schema.C_CLOSES,
    "days_left",
    schema.C_GRANT_MIN,
    schema.C_GRANT_MAX,
    schema.C_COFINANCING,
    "eligible_as",
    "reasons",
)


def fitting_calls(calls: pd.DataFrame, association: pd.Series, today: date) -> pd.DataFrame:
    """The calls open on ``today`` that the association may apply to and that fit it (see
    the module doc), with days_left (NA for a rolling call), eligible_as and reasons; the
    most reasons first, then the soonest to close (rolling calls last), then by title."""
    in_network = bool(_codes(association[schema.A_NETWORKS]))
    origins = set(_codes(association[schema.A_COUNTRIES]))
    rows = []
    for _, call in ct.open_calls(calls, today).iterrows():
        how = eligible_as(call[schema.C_APPLICANTS], in_network)
        eligible = set(_codes(call[schema.C_COUNTRIES]))
        if how is None or (eligible and not eligible & origins):
            continue
        reasons = call_reasons(call, association)
        if not reasons:
            continue
        closes = ct.day_of(call[schema.C_CLOSES])
        rows.append(
            {
                schema.C_ID: _text(call[schema.C_ID]),
                schema.C_TITLE: _text(call[schema.C_TITLE]),
                schema.C_FUNDER: _text(call[schema.C_FUNDER]),
                schema.C_FUNDER_TYPE: _text(call[schema.C_FUNDER_TYPE]),
                schema.C_PROGRAMME: _text(call[schema.C_PROGRAMME]),
                schema.C_URL: _text(call[schema.C_URL]),
                schema.C_CLOSES: pd.Timestamp(closes) if closes else pd.NaT,
                "days_left": (closes - today).days if closes else pd.NA,
                schema.C_GRANT_MIN: pd.to_numeric(call[schema.C_GRANT_MIN], errors="coerce"),
                schema.C_GRANT_MAX: pd.to_numeric(call[schema.C_GRANT_MAX], errors="coerce"),
                schema.C_COFINANCING: pd.to_numeric(call[schema.C_COFINANCING], errors="coerce"),
                "eligible_as": how,
                "reasons": reasons,
            }
        )
    fitting = pd.DataFrame(rows, columns=list(CALL_COLUMNS))
    if fitting.empty:
        return fitting
    fitting["_reasons"] = fitting["reasons"].map(len)
    fitting["_days"] = pd.to_numeric(fitting["days_left"], errors="coerce")
    fitting = fitting.sort_values(
        ["_reasons", "_days", schema.C_TITLE],
        ascending=[False, True, True],
        na_position="last",
        ignore_index=True,
    )
    fitting = fitting.drop(columns=["_reasons", "_days"])
    return fitting.astype({"days_left": "Int64", schema.C_CLOSES: "datetime64[ns]"})


def call_reason_text(dimension: str, codes: Sequence[Any], lang: Lang) -> str:
    """One reason a call fits, in words: "aperto a: Senegal", "temi in comune: Salute"."""
    if dimension == "countries":
        names = _joined(i18n.country_name(str(code), lang) for code in codes)
        return t("association.call.why.countries", lang, countries=names)
    if dimension == "themes":
        names = _joined(theme_label(str(code), lang) for code in codes)
        return t("association.call.why.themes", lang, themes=names)
    goals = _joined(str(int(code)) for code in codes)
    return t("association.call.why.goals", lang, goals=goals)


def call_why(reasons: Sequence[tuple[str, Sequence[Any]]], lang: Lang) -> str:
    """A call's reasons in one sentence."""
    return "; ".join(call_reason_text(dimension, codes, lang) for dimension, codes in reasons)


def describe_calls(fitting: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The fitting calls for people: title, funder, type, programme, deadline, grant range,
    co-financing share, why in words and the link."""
    return pd.DataFrame(
        {
            "title": fitting[schema.C_TITLE].astype(str),
            "funder": fitting[schema.C_FUNDER].astype(str),
            "funder_type": fitting[schema.C_FUNDER_TYPE].astype(str),
            "programme": fitting[schema.C_PROGRAMME].astype(str),
            "date_close": fitting[schema.C_CLOSES],
            "deadline": [
                ct.deadline_text(closes, days, lang)
                for closes, days in zip(fitting[schema.C_CLOSES], fitting["days_left"], strict=True)
            ],
            "grant_min": fitting[schema.C_GRANT_MIN].astype("float64"),
            "grant_max": fitting[schema.C_GRANT_MAX].astype("float64"),
            "cofinancing_share": fitting[schema.C_COFINANCING].astype("float64"),
            "why": fitting["reasons"].map(lambda reasons: call_why(reasons, lang)),
            "url": fitting[schema.C_URL].astype(str),
        }
    )


# -- what the profile page shows, ready to render ------------------------------------------------
def file_stem(association_id: str) -> str:
    """An association id made safe for a file name ("ASS-0011" stays as it is)."""
    return re.sub(r"[^\w-]+", "_", association_id).strip("_") or "association"


def website_host(url: str) -> str:
    """The host a website link goes to ("asr.example.org")."""
    return urlsplit(url).netloc or url


def goals_text(association: pd.Series, lang: Lang) -> str:
    """Its goals as "SDG 4 · Istruzione di qualità, ..." ("" when none)."""
    return _joined(i18n.sdg_label(goal, lang) for goal in _goals(association[schema.A_SDGS]))


def themes_text(association: pd.Series, lang: Lang) -> str:
    """Its themes' labels ("" when none)."""
    return _joined(theme_label(code, lang) for code in _codes(association[schema.A_THEMES]))


@dataclass(frozen=True)
class RoleCounts:
    """How many projects it leads and partners, and the EUR granted to those it leads."""

    led: int
    partnered: int
    granted_led: float


def count_roles(own_projects: pd.DataFrame) -> RoleCounts:
    """Projects led and partnered (from ``projects_of``), EUR granted to the led ones."""
    led = own_projects[own_projects["role"] == LEAD]
    return RoleCounts(
        led=len(led),
        partnered=int((own_projects["role"] == PARTNER).sum()),
        granted_led=float(led[schema.P_GRANTED].astype("float64").sum()),
    )


def describe_interests(interests: Interests, lang: Lang) -> str:
    """What the leads are matched on, in words."""
    none = t("association.goals.none", lang)
    countries = sorted(i18n.country_name(code, lang) for code in interests.countries)
    return t(
        "association.leads.interests",
        lang,
        goals=_joined(str(goal) for goal in sorted(interests.goals)) or none,
        themes=_joined(theme_label(c, lang) for c in schema.THEMES if c in interests.themes)
        or none,
        countries=_joined(countries) or none,
    )


@dataclass(frozen=True)
class Card:
    """One lead or call as the page shows it: a title, a line about who, whether it already
    funded the association (leads) or admits it as a network member (calls), why it fits,
    its figures, and a link (calls)."""

    title: str
    who: str
    flag: bool
    why: str
    figures: str
    url: str | None = None


def lead_cards(leads: pd.DataFrame, lang: Lang) -> list[Card]:
    """The leads as cards: funder, programme and type, funded it, why, figures."""
    cards = []
    for lead in leads.to_dict("records"):
        programme = str(lead[schema.P_PROGRAMME]) or t("association.programme.none", lang)
        kind = _text(lead[schema.P_FUNDER_TYPE])
        cards.append(
            Card(
                title=str(lead[schema.P_FUNDER]),
                who=" · ".join(
                    [programme, *([i18n.label("funder_type", kind, lang)] if kind else [])]
                ),
                flag=bool(lead["own"]),
                why=lead_why(lead["reasons"], lang),
                figures=lead_figures(lead, lang),
            )
        )
    return cards


def call_cards(fitting: pd.DataFrame, lang: Lang) -> list[Card]:
    """The fitting calls as cards: title, funder and programme, via a network, why, deadline,
    grant range and co-financing, link (http(s) only)."""
    cards = []
    for call in fitting.to_dict("records"):
        figures = [
            t(
                "association.call.deadline",
                lang,
                deadline=ct.deadline_text(call[schema.C_CLOSES], call["days_left"], lang),
            )
        ]
        grant = ct.grant_text(call[schema.C_GRANT_MIN], call[schema.C_GRANT_MAX], lang)
        if grant:
            figures.append(grant)
        share = call[schema.C_COFINANCING]
        if _text(share) and float(share) > 0:
            percent = formats.format_percent(float(share), lang, 0)
            figures.append(t("association.call.cofinancing", lang, share=percent))
        elif _text(share):
            figures.append(t("association.call.no_cofinancing", lang))
        cards.append(
            Card(
                title=str(call[schema.C_TITLE]),
                who=" · ".join(
                    part for part in (call[schema.C_FUNDER], call[schema.C_PROGRAMME]) if part
                ),
                flag=call["eligible_as"] == APPLICANT_NETWORK,
                why=call_why(call["reasons"], lang),
                figures=" · ".join(figures),
                url=safe_website(call[schema.C_URL]),
            )
        )
    return cards
