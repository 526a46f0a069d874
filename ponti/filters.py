"""The shared filters: their state, their URL form, and how they cut each table.

The URL holds codes, never labels, so a link opens the same view in either language:
``?origin=SEN&origin=m49:142&region=03&sdg=4&funder=aics&stage=completed&from=2018&to=2024``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import pandas as pd

from ponti import reference, schema

M49_PREFIX = "m49:"

PARAM_ORIGIN = "origin"
PARAM_REGION = "region"
PARAM_PROVINCE = "province"
PARAM_SDG = "sdg"
PARAM_FUNDER = "funder"
PARAM_STAGE = "stage"
PARAM_FROM = "from"
PARAM_TO = "to"
FILTER_PARAMS = (
    PARAM_ORIGIN,
    PARAM_REGION,
    PARAM_PROVINCE,
    PARAM_SDG,
    PARAM_FUNDER,
    PARAM_STAGE,
    PARAM_FROM,
    PARAM_TO,
)

YEAR = "year"  # derived project column: start year, else submission/decision/end year


@dataclass(frozen=True)
class Filters:
    """What the user has chosen; empty tuples and None mean "everything"."""

    origin: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    province: tuple[str, ...] = ()
    sdg: tuple[int, ...] = ()
    funder_type: tuple[str, ...] = ()
    stage: tuple[str, ...] = ()
    years: tuple[int, int] | None = None

    def active_count(self) -> int:
        """How many filters narrow the data."""
        lists = (self.origin, self.region, self.province, self.sdg, self.funder_type, self.stage)
        return sum(bool(v) for v in lists) + (self.years is not None)

    def with_years(self, years: tuple[int, int] | None, bounds: tuple[int, int]) -> Filters:
        """The same filters with a year range; the full range counts as no filter."""
        if years is None or (years[0] <= bounds[0] and years[1] >= bounds[1]):
            return replace(self, years=None)
        return replace(self, years=(max(years[0], bounds[0]), min(years[1], bounds[1])))


# -- options ------------------------------------------------------------------------
def origin_options(country_codes: Iterable[str]) -> list[str]:
    """M49 regions first, then the given countries (as codes), sorted by code."""
    return [M49_PREFIX + code for code in schema.M49_REGIONS] + sorted(set(country_codes))


def origin_countries(origin: Sequence[str]) -> set[str]:
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


# -- URL ----------------------------------------------------------------------------
def filters_from_params(
    params: Mapping[str, Sequence[str]],
    *,
    valid_origins: Iterable[str],
    year_bounds: tuple[int, int],
) -> Filters:
    """Read filters from query parameters, dropping any value that is not a known code."""
    municipalities = reference.load_municipalities()
    valid = {
        PARAM_ORIGIN: set(valid_origins),
        PARAM_REGION: set(municipalities["region_istat"]),
        PARAM_PROVINCE: set(municipalities["province_istat"]),
        PARAM_SDG: {str(g) for g in schema.SDG_GOALS},
        PARAM_FUNDER: set(schema.FUNDER_TYPES),
        PARAM_STAGE: set(schema.STAGES),
    }

    def pick(name: str) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for value in params.get(name, ()):
            if value in valid[name]:
                seen[value] = None
        return tuple(seen)

    filters = Filters(
        origin=pick(PARAM_ORIGIN),
        region=pick(PARAM_REGION),
        province=pick(PARAM_PROVINCE),
        sdg=tuple(int(g) for g in pick(PARAM_SDG)),
        funder_type=pick(PARAM_FUNDER),
        stage=pick(PARAM_STAGE),
    )
    low, high = year_bounds
    start = _int_param(params.get(PARAM_FROM), low)
    end = _int_param(params.get(PARAM_TO), high)
    if start > end:
        start, end = end, start
    return filters.with_years((start, end), year_bounds)


def _int_param(values: Sequence[str] | None, default: int) -> int:
    try:
        return int(values[-1]) if values else default
    except ValueError:
        return default


def filters_to_params(filters: Filters) -> dict[str, list[str]]:
    """The query parameters of a filter state (only what narrows the data)."""
    params: dict[str, list[str]] = {
        PARAM_ORIGIN: list(filters.origin),
        PARAM_REGION: list(filters.region),
        PARAM_PROVINCE: list(filters.province),
        PARAM_SDG: [str(g) for g in filters.sdg],
        PARAM_FUNDER: list(filters.funder_type),
        PARAM_STAGE: list(filters.stage),
    }
    if filters.years is not None:
        params[PARAM_FROM] = [str(filters.years[0])]
        params[PARAM_TO] = [str(filters.years[1])]
    return {k: v for k, v in params.items() if v}


# -- applying -----------------------------------------------------------------------
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


def _in_italian_places(municipality: pd.Series, filters: Filters) -> pd.Series:
    if not filters.region and not filters.province:
        return pd.Series(True, index=municipality.index)
    places = reference.load_municipalities().set_index("municipality_istat")
    mask = pd.Series(True, index=municipality.index)
    if filters.region:
        region = municipality.map(places["region_istat"])
        mask &= region.isin(filters.region).fillna(False).astype(bool)
    if filters.province:
        province = municipality.map(places["province_istat"])
        mask &= province.isin(filters.province).fillna(False).astype(bool)
    return mask


def _any_in(lists: pd.Series, wanted: Iterable[object]) -> pd.Series:
    wanted_set = set(wanted)
    return lists.map(lambda values: bool(wanted_set.intersection(values))).astype(bool)


def filter_associations(associations: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Associations in the chosen places, from the chosen origins, working on chosen SDGs."""
    mask = _in_italian_places(associations[schema.A_MUNICIPALITY], filters)
    if filters.origin:
        mask &= _any_in(associations[schema.A_COUNTRIES], origin_countries(filters.origin))
    if filters.sdg:
        mask &= _any_in(associations[schema.A_SDGS], filters.sdg)
    return associations[mask]


def filter_projects(projects: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Projects matching every filter; the frame gains the derived ``year`` column."""
    projects = add_project_year(projects)
    mask = _in_italian_places(projects[schema.P_MUNICIPALITY], filters)
    if filters.origin:
        mask &= projects[schema.P_COUNTRY].isin(origin_countries(filters.origin)).fillna(False)
    if filters.sdg:
        mask &= _any_in(projects[schema.P_SDGS], filters.sdg)
    if filters.funder_type:
        mask &= projects[schema.P_FUNDER_TYPE].isin(filters.funder_type).fillna(False)
    if filters.stage:
        mask &= projects[schema.P_STAGE].isin(filters.stage).fillna(False)
    if filters.years is not None:
        low, high = filters.years
        mask &= projects[YEAR].between(low, high).fillna(False)
    return projects[mask.astype(bool)]


def filter_twinnings(twinnings: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Twinnings in the chosen places with the chosen partner countries and years.

    A twinning not yet signed has no year and stays in whatever years are chosen.
    """
    mask = _in_italian_places(twinnings[schema.T_MUNICIPALITY], filters)
    if filters.origin:
        mask &= twinnings[schema.T_PARTNER_COUNTRY].isin(origin_countries(filters.origin))
    if filters.years is not None:
        low, high = filters.years
        year = twinnings[schema.T_YEAR]
        mask &= (year.isna() | year.between(low, high)).fillna(True)
    return twinnings[mask.astype(bool)]


def filter_residents(residents: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Residents in the chosen provinces/regions with the chosen citizenships."""
    mask = pd.Series(True, index=residents.index)
    if filters.region or filters.province:
        provinces = reference.load_provinces().set_index("province_istat")
        if filters.region:
            region = residents[schema.R_PROVINCE].map(provinces["region_istat"])
            mask &= region.isin(filters.region).fillna(False).astype(bool)
        if filters.province:
            mask &= residents[schema.R_PROVINCE].isin(filters.province)
    if filters.origin:
        mask &= residents[schema.R_CITIZENSHIP].isin(origin_countries(filters.origin))
    return residents[mask.astype(bool)]
