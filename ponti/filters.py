"""The shared filters, declared once as a table; everything else is derived from it.

Each row of ``FILTERS`` says, for one filter: the field of ``Filters`` that holds the choice,
its URL parameter, its label, the codes it offers, how a code is named for people, and how
it cuts each kind of table. The URL form, the validation of links, the sidebar widgets, the
session keys, the active count, the description in words and the filtering itself all loop
over that table, so adding a filter is one field and one row.

The URL holds codes, never labels, so a link opens the same view in either language:
``?origin=SEN&origin=m49:142&region=08&municipality=035033&sdg=4&stage=completed&from=2018``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from typing import Any

import pandas as pd

from ponti import i18n, reference, schema
from ponti.i18n import Lang

M49_PREFIX = "m49:"
PARAM_FROM = "from"
PARAM_TO = "to"
YEAR = "year"  # derived project column: start year, else submission/decision/end year
SESSION_PREFIX = "f_"  # a filter's widget key is SESSION_PREFIX + its URL parameter

Tables = Mapping[str, pd.DataFrame]
# A cut: (table, chosen codes) -> boolean mask over the table's rows.
Cut = Callable[[pd.DataFrame, tuple[str, ...]], pd.Series]


@dataclass(frozen=True)
class Filters:
    """What the user has chosen, as codes; empty tuples and None mean "everything"."""

    origin: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    province: tuple[str, ...] = ()
    municipality: tuple[str, ...] = ()
    sdg: tuple[int, ...] = ()
    funder_type: tuple[str, ...] = ()
    stage: tuple[str, ...] = ()
    years: tuple[int, int] | None = None

    def codes(self, spec: FilterSpec) -> tuple[str, ...]:
        """The chosen codes of one filter, as the strings the URL and widgets use."""
        return tuple(str(value) for value in getattr(self, spec.field))

    def active_count(self) -> int:
        """How many filters narrow the data."""
        return sum(bool(self.codes(spec)) for spec in FILTERS) + (self.years is not None)

    def with_years(self, years: tuple[int, int] | None, bounds: tuple[int, int]) -> Filters:
        """The same filters with a year range; the full range counts as no filter."""
        if years is None or (years[0] <= bounds[0] and years[1] >= bounds[1]):
            return replace(self, years=None)
        return replace(self, years=(max(years[0], bounds[0]), min(years[1], bounds[1])))


@dataclass(frozen=True)
class FilterSpec:
    """One shared filter: where its choice lives, what it offers and what it cuts."""

    field: str
    param: str
    label_key: str
    options: Callable[[Tables], list[str]]
    name: Callable[[str, Lang], str]
    cuts: Mapping[str, Cut]
    help_key: str | None = None
    # Narrows the offered codes by the rest of the choice (a province under its region).
    narrow: Callable[[list[str], Filters], list[str]] | None = None
    # Turns a URL code into the value stored in Filters (goals are numbers).
    parse: Callable[[str], object] = str

    @property
    def session_key(self) -> str:
        """The session-state key of this filter's widget."""
        return SESSION_PREFIX + self.param


# -- names and options -----------------------------------------------------------------
def origin_options(country_codes: Iterable[str]) -> list[str]:
    """M49 regions first, then the given countries (as codes), sorted by code."""
    return [M49_PREFIX + code for code in schema.M49_REGIONS] + sorted(set(country_codes))


def origin_countries(origin: Iterable[str]) -> set[str]:
    """The ISO3 codes an origin selection stands for (regions expanded to their countries)."""
    countries = reference.load_countries()
    selected: set[str] = set()
    for code in origin:
        if code.startswith(M49_PREFIX):
            region = code.removeprefix(M49_PREFIX)
            selected.update(countries.loc[countries["m49_region"] == region, "iso3"])
        else:
            selected.add(code)
    return selected


def origin_name(code: str, lang: Lang) -> str:
    """A country's name, or "Area: Africa" for an M49 region code."""
    if code.startswith(M49_PREFIX):
        area = i18n.label("m49", code.removeprefix(M49_PREFIX), lang)
        return i18n.t("filters.area", lang, name=area)
    return i18n.country_name(code, lang)


def _data_origins(tables: Tables) -> list[str]:
    countries = {c for values in tables[schema.ASSOCIATIONS][schema.A_COUNTRIES] for c in values}
    countries |= set(tables[schema.PROJECTS][schema.P_COUNTRY].dropna())
    countries |= set(tables[schema.TWINNINGS][schema.T_PARTNER_COUNTRY].dropna())
    return origin_options(countries)


@lru_cache(maxsize=1)
def _region_names() -> dict[str, str]:
    regions = reference.load_regions().sort_values("name")
    return dict(zip(regions["region_istat"], regions["name"], strict=True))


@lru_cache(maxsize=1)
def _province_names() -> dict[str, str]:
    provinces = reference.load_provinces().sort_values("name")
    return {
        code: f"{name} ({abbr})"
        for code, name, abbr in zip(
            provinces["province_istat"], provinces["name"], provinces["abbreviation"], strict=True
        )
    }


@lru_cache(maxsize=1)
def _places() -> pd.DataFrame:
    """Municipalities by ISTAT code: name, province, region, province abbreviation."""
    places = reference.load_municipalities().set_index("municipality_istat")
    abbreviations = reference.load_provinces().set_index("province_istat")["abbreviation"]
    return places.assign(abbreviation=places["province_istat"].map(abbreviations))


def municipality_name(code: str, lang: Lang) -> str:
    """'Reggio nell'Emilia (RE)': the official name and the province's abbreviation."""
    del lang  # official ISTAT names are the same in every language
    places = _places()
    if code not in places.index:
        return code
    name, abbreviation = str(places.at[code, "name"]), str(places.at[code, "abbreviation"])
    return f"{name} ({abbreviation})"


def _data_municipalities(tables: Tables) -> list[str]:
    codes: set[str] = set()
    for kind, column in (
        (schema.ASSOCIATIONS, schema.A_MUNICIPALITY),
        (schema.PROJECTS, schema.P_MUNICIPALITY),
        (schema.TWINNINGS, schema.T_MUNICIPALITY),
    ):
        codes |= set(tables[kind][column].dropna().astype(str))
    known = _places().index.intersection(sorted(codes))
    return sorted(known, key=lambda code: str(_places().at[code, "name"]))


def _narrow_provinces(codes: list[str], chosen: Filters) -> list[str]:
    if not chosen.region:
        return codes
    provinces = reference.load_provinces().set_index("province_istat")["region_istat"]
    return [code for code in codes if provinces.get(code) in chosen.region]


def _narrow_municipalities(codes: list[str], chosen: Filters) -> list[str]:
    places = _places()
    if chosen.region:
        codes = [c for c in codes if places.at[c, "region_istat"] in chosen.region]
    if chosen.province:
        codes = [c for c in codes if places.at[c, "province_istat"] in chosen.province]
    return codes


# -- cuts ----------------------------------------------------------------------------------
def _any_in(lists: pd.Series, wanted: Iterable[object]) -> pd.Series:
    wanted_set = set(wanted)
    return lists.map(lambda values: bool(wanted_set.intersection(values))).astype(bool)


def _is_in(column: str, expand: Callable[[tuple[str, ...]], Collection[object]] = tuple) -> Cut:
    return lambda frame, chosen: frame[column].isin(list(expand(chosen))).fillna(False)


def _has_any(column: str, expand: Callable[[tuple[str, ...]], Collection[object]] = tuple) -> Cut:
    return lambda frame, chosen: _any_in(frame[column], expand(chosen))


def _project_goes_to(frame: pd.DataFrame, chosen: tuple[str, ...]) -> pd.Series:
    """Projects whose destination country is chosen, or one of the countries of their split
    (a project shared between Senegal and Mali is a project in Mali too)."""
    countries = origin_countries(chosen)
    main = frame[schema.P_COUNTRY].isin(list(countries)).fillna(False)
    if schema.P_SPLIT not in frame:
        return main
    in_split = [
        any(country in countries for country, _ in schema.split_shares(items))
        for items in frame[schema.P_SPLIT].tolist()
    ]
    return main | pd.Series(in_split, index=frame.index, dtype=bool)


def _place_in(column: str, level: str) -> Cut:
    """Rows whose municipality lies in the chosen regions or provinces."""

    def cut(frame: pd.DataFrame, chosen: tuple[str, ...]) -> pd.Series:
        return frame[column].map(_places()[level]).isin(chosen).fillna(False)

    return cut


def _residents_in_region(frame: pd.DataFrame, chosen: tuple[str, ...]) -> pd.Series:
    regions = reference.load_provinces().set_index("province_istat")["region_istat"]
    return frame[schema.R_PROVINCE].map(regions).isin(chosen).fillna(False)


def _residents_of_municipalities(frame: pd.DataFrame, chosen: tuple[str, ...]) -> pd.Series:
    # ISTAT publishes foreign residents by province: a municipality stands for its province.
    province_of = _places()["province_istat"]
    provinces = {province_of[code] for code in chosen if code in province_of.index}
    return frame[schema.R_PROVINCE].isin(provinces)


def _goals(chosen: tuple[str, ...]) -> set[int]:
    return {int(goal) for goal in chosen}


def _open_or_any(column: str, expand: Callable[[tuple[str, ...]], Collection[object]]) -> Cut:
    """Rows whose list holds a chosen value, or is empty: a call that names no eligible
    countries (or goals) is open to all of them, so no choice can rule it out."""

    def cut(frame: pd.DataFrame, chosen: tuple[str, ...]) -> pd.Series:
        unrestricted = frame[column].map(len).eq(0)
        return (_any_in(frame[column], expand(chosen)) | unrestricted).astype(bool)

    return cut


def _place_cuts(level: str) -> dict[str, Cut]:
    return {
        schema.ASSOCIATIONS: _place_in(schema.A_MUNICIPALITY, level),
        schema.PROJECTS: _place_in(schema.P_MUNICIPALITY, level),
        schema.TWINNINGS: _place_in(schema.T_MUNICIPALITY, level),
    }


# -- the table -------------------------------------------------------------------------------
FILTERS: tuple[FilterSpec, ...] = (
    FilterSpec(
        field="origin",
        param="origin",
        label_key="filters.origin",
        help_key="filters.origin.help",
        options=_data_origins,
        name=origin_name,
        cuts={
            schema.ASSOCIATIONS: _has_any(schema.A_COUNTRIES, origin_countries),
            schema.PROJECTS: _project_goes_to,
            schema.TWINNINGS: _is_in(schema.T_PARTNER_COUNTRY, origin_countries),
            schema.RESIDENTS: _is_in(schema.R_CITIZENSHIP, origin_countries),
            schema.CALLS: _open_or_any(schema.C_COUNTRIES, origin_countries),
        },
    ),
    FilterSpec(
        field="region",
        param="region",
        label_key="filters.region",
        options=lambda tables: list(_region_names()),
        name=lambda code, lang: _region_names().get(code, code),
        cuts={**_place_cuts("region_istat"), schema.RESIDENTS: _residents_in_region},
    ),
    FilterSpec(
        field="province",
        param="province",
        label_key="filters.province",
        options=lambda tables: list(_province_names()),
        name=lambda code, lang: _province_names().get(code, code),
        cuts={**_place_cuts("province_istat"), schema.RESIDENTS: _is_in(schema.R_PROVINCE)},
        narrow=_narrow_provinces,
    ),
    FilterSpec(
        field="municipality",
        param="municipality",
        label_key="filters.municipality",
        help_key="filters.municipality.help",
        options=_data_municipalities,
        name=municipality_name,
        cuts={
            schema.ASSOCIATIONS: _is_in(schema.A_MUNICIPALITY),
            schema.PROJECTS: _is_in(schema.P_MUNICIPALITY),
            schema.TWINNINGS: _is_in(schema.T_MUNICIPALITY),
            schema.RESIDENTS: _residents_of_municipalities,
        },
        narrow=_narrow_municipalities,
    ),
    FilterSpec(
        field="sdg",
        param="sdg",
        label_key="filters.sdg",
        options=lambda tables: [str(goal) for goal in schema.SDG_GOALS],
        name=lambda code, lang: i18n.sdg_label(int(code), lang),
        cuts={
            schema.ASSOCIATIONS: _has_any(schema.A_SDGS, _goals),
            schema.PROJECTS: _has_any(schema.P_SDGS, _goals),
            schema.CALLS: _open_or_any(schema.C_SDGS, _goals),
        },
        parse=int,
    ),
    FilterSpec(
        field="funder_type",
        param="funder",
        label_key="filters.funder_type",
        options=lambda tables: list(schema.FUNDER_TYPES),
        name=lambda code, lang: i18n.label("funder_type", code, lang),
        cuts={
            schema.PROJECTS: _is_in(schema.P_FUNDER_TYPE),
            schema.CALLS: _is_in(schema.C_FUNDER_TYPE),
        },
    ),
    FilterSpec(
        field="stage",
        param="stage",
        label_key="filters.stage",
        options=lambda tables: list(schema.STAGES),
        name=lambda code, lang: i18n.label("stage", code, lang),
        cuts={schema.PROJECTS: _is_in(schema.P_STAGE)},
    ),
)
FILTER_PARAMS: tuple[str, ...] = (*(spec.param for spec in FILTERS), PARAM_FROM, PARAM_TO)
SPEC_BY_FIELD: dict[str, FilterSpec] = {spec.field: spec for spec in FILTERS}

# Every field of Filters but the year range is declared in the table, and only once.
assert [f.name for f in fields(Filters)][:-1] == [spec.field for spec in FILTERS]


def filter_options(tables: Tables) -> dict[str, list[str]]:
    """The codes each filter offers on this data, by field (before any narrowing)."""
    return {spec.field: spec.options(tables) for spec in FILTERS}


def make_filters(chosen: Mapping[str, Iterable[str]]) -> Filters:
    """Filters from codes by field (as widgets and URLs hold them); years left out."""
    # Each spec's parse gives its field's type (goals as numbers): the table says so, which
    # a type checker can't follow, hence Any.
    values: dict[str, Any] = {
        spec.field: tuple(spec.parse(code) for code in chosen.get(spec.field, ()))
        for spec in FILTERS
    }
    return Filters(**values)


# -- URL ----------------------------------------------------------------------------------
def filters_from_params(
    params: Mapping[str, Sequence[str]],
    *,
    options: Mapping[str, Collection[str]],
    year_bounds: tuple[int, int],
) -> Filters:
    """Read filters from query parameters, dropping any value that is not an offered code."""
    chosen: dict[str, list[str]] = {}
    for spec in FILTERS:
        valid = set(options.get(spec.field, ()))
        picked = dict.fromkeys(v for v in params.get(spec.param, ()) if v in valid)
        chosen[spec.field] = list(picked)
    low, high = year_bounds
    start = _int_param(params.get(PARAM_FROM), low)
    end = _int_param(params.get(PARAM_TO), high)
    if start > end:
        start, end = end, start
    return make_filters(chosen).with_years((start, end), year_bounds)


def _int_param(values: Sequence[str] | None, default: int) -> int:
    try:
        return int(values[-1]) if values else default
    except ValueError:
        return default


def filters_to_params(filters: Filters) -> dict[str, list[str]]:
    """The query parameters of a filter state (only what narrows the data)."""
    params = {spec.param: list(filters.codes(spec)) for spec in FILTERS}
    if filters.years is not None:
        params[PARAM_FROM] = [str(filters.years[0])]
        params[PARAM_TO] = [str(filters.years[1])]
    return {key: values for key, values in params.items() if values}


def describe_filters(filters: Filters, lang: Lang) -> list[tuple[str, str]]:
    """The active filters in words: (label, chosen values), in the table's order."""
    described = [
        (i18n.t(spec.label_key, lang), ", ".join(spec.name(code, lang) for code in codes))
        for spec in FILTERS
        if (codes := filters.codes(spec))
    ]
    if filters.years is not None:
        described.append((i18n.t("filters.years", lang), "–".join(map(str, filters.years))))
    return described


# -- applying -----------------------------------------------------------------------------
def add_project_year(projects: pd.DataFrame) -> pd.DataFrame:
    """Projects with a derived ``year``: start, else submitted, decided or end date."""
    year = pd.Series(pd.NA, index=projects.index, dtype="Int64")
    for column in (schema.P_START, schema.P_SUBMITTED, schema.P_DECIDED, schema.P_END):
        year = year.fillna(projects[column].dt.year.astype("Int64"))
    return projects.assign(**{YEAR: year})


def year_bounds(
    projects: pd.DataFrame, fallback: tuple[int, int] = (2015, 2026)
) -> tuple[int, int]:
    """The first and last project year in the data."""
    years = add_project_year(projects)[YEAR].dropna()
    if years.empty:
        return fallback
    return int(years.min()), int(years.max())


def _year_mask(kind: str, frame: pd.DataFrame, years: tuple[int, int]) -> pd.Series:
    low, high = years
    if kind == schema.PROJECTS:
        return frame[YEAR].between(low, high).fillna(False)
    if kind == schema.TWINNINGS:
        # A twinning not yet signed has no year and stays in whatever years are chosen.
        year = frame[schema.T_YEAR]
        return (year.isna() | year.between(low, high)).fillna(True)
    return pd.Series(True, index=frame.index)


def filter_table(kind: str, frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """One table cut by every filter that applies to its kind (projects gain ``year``)."""
    if kind == schema.PROJECTS:
        frame = add_project_year(frame)
    mask = pd.Series(True, index=frame.index)
    for spec in FILTERS:
        codes = filters.codes(spec)
        cut = spec.cuts.get(kind)
        if codes and cut is not None:
            mask &= cut(frame, codes).astype(bool)
    if filters.years is not None:
        mask &= _year_mask(kind, frame, filters.years).astype(bool)
    return frame[mask.astype(bool)]
