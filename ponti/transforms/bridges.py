"""Bridges: links between Italian municipalities and origin places, aggregated per pair.

Where a link ends (its *place*):
- an association links its municipality to each of its origin territories that the gazetteer
  knows (GeoNames id), and to the point of each of its origin countries that none of those
  territories lies in (a territory written as free text therefore falls back to its country);
- a project links its municipality to its destination territory, else to the destination
  country's point;
- a twinning links its municipality to the partner territory, else to the partner city found
  by name in the gazetteer within the partner country, else to the country's point.

A place key is ``t:<territory id>`` or ``c:<ISO3>``. One arc is drawn per (municipality,
place) pair. The "associations" measure uses the association links (an association counts
once on each of its links); "projects" and "EUR granted" use the project links.

Counting rule, shared with the Overview (catalogue "counting.rule"): an association counts
once where it is based (the points); one with several origins is on an arc to each of them;
under an origin filter only arcs to the chosen origin countries are drawn (``origins``), as
projects and twinnings are already cut to those destinations by the filter.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

import numpy as np
import pandas as pd

from ponti import i18n, reference, schema
from ponti.i18n import Lang
from ponti.transforms.common import (
    Dataset,
    has_split,
    latest_residents_year,
    spread_by_country,
)

MEASURES: Final[tuple[str, ...]] = ("associations", "projects", "granted")
DIMENSIONS: Final[tuple[str, ...]] = ("sdg", "stage", "funder_type")
# Stage and funder type describe projects; association links are coloured by SDG.
MEASURE_DIMENSIONS: Final[dict[str, tuple[str, ...]]] = {
    "associations": ("sdg",),
    "projects": DIMENSIONS,
    "granted": DIMENSIONS,
}
LAYERS: Final[tuple[str, ...]] = ("links", "twinnings", "associations")
CONTEXTS: Final[tuple[str, ...]] = ("none", "residents", "density")
LEVELS: Final[tuple[str, ...]] = ("region", "province")
VIEWS: Final[tuple[str, ...]] = ("world", "italy")
UNSPECIFIED: Final = ""  # category of a link whose SDG, stage or funder type is not given
PER_RESIDENTS: Final = 100_000

KIND_LINK: Final = "L"
KIND_TWINNING: Final = "T"
KIND_MUNICIPALITY: Final = "M"
KIND_AREA: Final = "A"
SEPARATOR: Final = "|"

# Columns of the endpoint tables.
MUNICIPALITY: Final = "municipality_istat"
PLACE: Final = "place"
PAIR: Final = "id"
ENDPOINT_COLUMNS: Final[tuple[str, ...]] = (
    "from_name",
    "from_lat",
    "from_lon",
    "place_name",
    "place_country",
    "to_lat",
    "to_lon",
)


# -- places ------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _territories() -> pd.DataFrame:
    frame = reference.load_territories()
    return frame[["territory_id", "name", "ascii_name", "country_iso3", "population", "lat", "lon"]]


@lru_cache(maxsize=1)
def _places_index() -> pd.DataFrame:
    """Every place a link can end at: key -> name, country, lat, lon."""
    territories = _territories()
    countries = reference.load_countries().dropna(subset=["lat", "lon"])
    frame = pd.concat(
        [
            pd.DataFrame(
                {
                    PLACE: "t:" + territories["territory_id"].astype(str),
                    "place_name": territories["name"].astype(str),
                    "place_country": territories["country_iso3"].astype(str),
                    "to_lat": territories["lat"].astype(float),
                    "to_lon": territories["lon"].astype(float),
                }
            ),
            pd.DataFrame(
                {
                    PLACE: "c:" + countries["iso3"].astype(str),
                    "place_name": "",  # a country's name depends on the language
                    "place_country": countries["iso3"].astype(str),
                    "to_lat": countries["lat"].astype(float),
                    "to_lon": countries["lon"].astype(float),
                }
            ),
        ],
        ignore_index=True,
    )
    return frame.drop_duplicates(PLACE).set_index(PLACE)


@lru_cache(maxsize=1)
def _municipalities_index() -> pd.DataFrame:
    frame = reference.load_municipalities()[["municipality_istat", "name", "lat", "lon"]]
    return frame.rename(
        columns={"name": "from_name", "lat": "from_lat", "lon": "from_lon"}
    ).set_index("municipality_istat")


@lru_cache(maxsize=1)
def municipality_names() -> dict[str, str]:
    """ISTAT code -> official name of every municipality (a dict: a Series.get per row was
    a hot spot at 100x the demo)."""
    names = _municipalities_index()["from_name"]
    return {str(code): str(name) for code, name in zip(names.index, names, strict=True)}


@lru_cache(maxsize=1)
def _place_keys() -> frozenset[str]:
    return frozenset(_places_index().index)


def _known(values: pd.Series, prefix: str) -> pd.Series:
    """``prefix + value`` where that is a place key, else NaN (an object Series)."""
    # One set lookup per distinct value: Series.isin against 33k arrow strings is 100x
    # slower, and a test per row (and text objects for every row) a hot spot at 100x.
    codes, uniques = pd.factorize(values.astype("string"), use_na_sentinel=True)
    keys = np.array([prefix + str(value) for value in uniques], dtype=object)
    known = _place_keys()
    found = np.fromiter((key in known for key in keys), dtype=bool, count=len(keys))
    hit = codes >= 0
    hit[hit] = found[codes[hit]]
    result = np.full(len(values), np.nan, dtype=object)
    result[hit] = keys[codes[hit]]
    return pd.Series(result, index=values.index, name=values.name, dtype=object)


def _known_territory(values: pd.Series) -> pd.Series:
    """``t:<id>`` for gazetteer ids, NA for anything else (free text, missing)."""
    return _known(values, "t:")


def _country_place(countries: pd.Series) -> pd.Series:
    return _known(countries, "c:")


@lru_cache(maxsize=1)
def _city_lookup() -> dict[tuple[str, str], str]:
    """(case-folded name or ASCII name, ISO3) -> id of the most populous such place."""
    territories = _territories().sort_values("population", ascending=True)
    lookup: dict[tuple[str, str], str] = {}
    # Ascending population: a more populous place of the same name overwrites a smaller one.
    for name, ascii_name, country, territory in zip(
        territories["name"].astype(str),
        territories["ascii_name"].astype(str),
        territories["country_iso3"].astype(str),
        territories["territory_id"].astype(str),
        strict=True,
    ):
        lookup[(ascii_name.casefold(), country)] = territory
        lookup[(name.casefold(), country)] = territory
    return lookup


def _city_place(cities: pd.Series, countries: pd.Series) -> pd.Series:
    """The most populous gazetteer place of that name (or ASCII name) in that country."""
    lookup = _city_lookup()
    found = [
        lookup.get((str(city).strip().casefold(), str(country)))
        for city, country in zip(cities.tolist(), countries.tolist(), strict=True)
    ]
    keys = pd.Series(found, index=cities.index, dtype="string")
    return ("t:" + keys).astype(object)


def _with_endpoints(links: pd.DataFrame) -> pd.DataFrame:
    """Add both ends' names and coordinates; drop links with an end Ponti cannot place."""
    placed = links.join(_municipalities_index(), on=MUNICIPALITY, how="inner")
    placed = placed.join(_places_index(), on=PLACE, how="inner")
    placed[PAIR] = placed[MUNICIPALITY].astype(str) + SEPARATOR + placed[PLACE].astype(str)
    return placed


def _first(values: object) -> object:
    return values[0] if isinstance(values, list) and values else pd.NA


# -- links of each kind ---------------------------------------------------------------------
def association_links(
    associations: pd.DataFrame, origins: Collection[str] | None = None
) -> pd.DataFrame:
    """One row per (association, place): association_id, municipality_istat, place, sdg, ends.

    ``origins`` (ISO3, from the origin filter) keeps only places in those countries.
    """
    base = associations[[schema.A_ID, schema.A_MUNICIPALITY]].assign(
        sdg=associations[schema.A_SDGS].map(_first)
    )
    territories = associations[[schema.A_ID, schema.A_TERRITORIES]].explode(schema.A_TERRITORIES)
    territories = territories.assign(**{PLACE: _known_territory(territories[schema.A_TERRITORIES])})
    territories = territories.dropna(subset=[PLACE])
    territories = territories.assign(
        covered=territories[PLACE].map(_places_index()["place_country"])
    )
    countries = associations[[schema.A_ID, schema.A_COUNTRIES]].explode(schema.A_COUNTRIES)
    countries = countries.dropna(subset=[schema.A_COUNTRIES])
    covered = set(
        zip(territories[schema.A_ID].tolist(), territories["covered"].tolist(), strict=True)
    )
    uncovered = pd.Series(
        [
            (a, c) not in covered
            for a, c in zip(
                countries[schema.A_ID].tolist(), countries[schema.A_COUNTRIES].tolist(), strict=True
            )
        ],
        index=countries.index,
        dtype=bool,
    )
    countries = countries[uncovered]
    countries = countries.assign(**{PLACE: _country_place(countries[schema.A_COUNTRIES])})
    links = pd.concat(
        [territories[[schema.A_ID, PLACE]], countries[[schema.A_ID, PLACE]].dropna()],
        ignore_index=True,
    ).drop_duplicates()
    links = links.merge(base, on=schema.A_ID, how="inner")
    placed = _with_endpoints(links.rename(columns={schema.A_MUNICIPALITY: MUNICIPALITY}))
    if origins:
        placed = placed[placed["place_country"].isin(list(origins))]
    return placed


def project_links(projects: pd.DataFrame) -> pd.DataFrame:
    """One row per placed project: project_id, municipality_istat, place, granted, codes, ends.

    A project shared among countries (``destination_split``) has a link per country, each
    with its share of the EUR granted: the destination country's goes to the destination
    territory (else the country), the others' to their country."""
    if has_split(projects):
        return _split_project_links(projects)
    place = _known_territory(projects[schema.P_TERRITORY]).fillna(
        _country_place(projects[schema.P_COUNTRY])
    )
    links = pd.DataFrame(
        {
            schema.P_ID: projects[schema.P_ID],
            MUNICIPALITY: projects[schema.P_MUNICIPALITY],
            PLACE: place,
            "granted": projects[schema.P_GRANTED].astype("float64").fillna(0.0),
            "sdg": projects[schema.P_SDGS].map(_first),
            "stage": projects[schema.P_STAGE],
            "funder_type": projects[schema.P_FUNDER_TYPE],
        },
        index=projects.index,
    ).dropna(subset=[PLACE])
    return _with_endpoints(links)


def _split_project_links(projects: pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            schema.P_ID: projects[schema.P_ID],
            MUNICIPALITY: projects[schema.P_MUNICIPALITY],
            "country": projects[schema.P_COUNTRY].astype("object"),
            "destination": projects[schema.P_COUNTRY].astype("object"),
            "territory": projects[schema.P_TERRITORY].astype("object"),
            "granted": projects[schema.P_GRANTED].astype("float64").fillna(0.0),
            "sdg": projects[schema.P_SDGS].map(_first),
            "stage": projects[schema.P_STAGE],
            "funder_type": projects[schema.P_FUNDER_TYPE],
        },
        index=projects.index,
    )
    frame = spread_by_country(frame, projects, country="country", amounts=("granted",))
    frame = frame.reset_index(drop=True)
    own = frame["territory"].where(frame["country"] == frame["destination"])
    place = _known_territory(own).fillna(_country_place(frame["country"]))
    links = frame.drop(columns=["country", "destination", "territory"])
    links.insert(2, PLACE, place)
    return _with_endpoints(links.dropna(subset=[PLACE]))


def twinning_links(twinnings: pd.DataFrame) -> pd.DataFrame:
    """One row per placed twinning: twinning_id, municipality_istat, place, partner, ends."""
    place = (
        _known_territory(twinnings[schema.T_PARTNER_TERRITORY])
        .fillna(_city_place(twinnings[schema.T_PARTNER_CITY], twinnings[schema.T_PARTNER_COUNTRY]))
        .fillna(_country_place(twinnings[schema.T_PARTNER_COUNTRY]))
    )
    links = pd.DataFrame(
        {
            schema.T_ID: twinnings[schema.T_ID],
            MUNICIPALITY: twinnings[schema.T_MUNICIPALITY],
            PLACE: place,
            "partner": twinnings[schema.T_PARTNER_CITY],
        },
        index=twinnings.index,
    ).dropna(subset=[PLACE])
    return _with_endpoints(links)


# -- aggregated arcs --------------------------------------------------------------------------
@dataclass(frozen=True)
class MapLinks:
    """A view's links as ``association_links``, ``project_links`` and ``twinning_links`` give
    them: made once and handed to ``link_arcs`` and ``map_extent``, which read the same ones."""

    associations: pd.DataFrame
    projects: pd.DataFrame
    twinnings: pd.DataFrame


def map_links(data: Dataset, origins: Collection[str] | None = None) -> MapLinks:
    """The links of every kind of a view (``origins`` as in ``association_links``)."""
    return MapLinks(
        associations=association_links(data.associations, origins),
        projects=project_links(data.projects),
        twinnings=twinning_links(data.twinnings),
    )


def category_order(dimension: str) -> dict[str, int]:
    """The position of each code of a dimension (legend order, tie-breaks); "" comes last."""
    codes: tuple[str, ...] = {
        "sdg": tuple(str(g) for g in schema.SDG_GOALS),
        "stage": schema.STAGES,
        "funder_type": schema.FUNDER_TYPES,
    }[dimension]
    order = {code: i for i, code in enumerate(codes)}
    order[UNSPECIFIED] = len(codes)
    return order


def _category_codes(values: pd.Series, dimension: str) -> pd.Series:
    if dimension == "sdg":
        numbers = pd.to_numeric(values, errors="coerce").astype("Int64")
        text = numbers.astype("string")
    else:
        text = values.astype("string")
    known = category_order(dimension)
    return text.where(text.isin(list(known)), UNSPECIFIED).fillna(UNSPECIFIED).astype(str)


def _dominant(contributions: pd.DataFrame, dimension: str) -> pd.Series:
    """Per pair, the category carrying the largest share of the measure (ties: code order)."""
    if contributions.empty:
        return pd.Series(dtype=str, name="category")
    sums = contributions.groupby([PAIR, "category"], sort=False)["weight"].sum().reset_index()
    sums["order"] = sums["category"].map(category_order(dimension))
    sums = sums.sort_values([PAIR, "weight", "order"], ascending=[True, False, True])
    return sums.drop_duplicates(PAIR).set_index(PAIR)["category"]


def link_arcs(
    data: Dataset,
    measure: str,
    dimension: str = "sdg",
    origins: Collection[str] | None = None,
    *,
    links: MapLinks | None = None,
) -> pd.DataFrame:
    """One row per (municipality, place) pair carrying the measure.

    Columns: id, municipality_istat, place, the ends (names, lat/lon), associations,
    projects, granted (the pair's totals of every measure), value (the chosen measure)
    and category (the dominant code of the chosen dimension; "" when not given).
    ``origins`` (ISO3, from the origin filter) keeps association links to those countries.
    ``links``: ``map_links(data, origins)`` when already made.
    """
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}")
    if dimension not in MEASURE_DIMENSIONS[measure]:
        dimension = "sdg"
    if links is None:
        associations = association_links(data.associations, origins)
        projects = project_links(data.projects)
    else:
        associations, projects = links.associations, links.projects
    ends = pd.concat(
        [
            associations[[PAIR, MUNICIPALITY, PLACE, *ENDPOINT_COLUMNS]],
            projects[[PAIR, MUNICIPALITY, PLACE, *ENDPOINT_COLUMNS]],
        ]
    ).drop_duplicates(PAIR)
    totals = ends.set_index(PAIR)
    totals["associations"] = associations.groupby(PAIR)[schema.A_ID].nunique()
    totals["projects"] = projects.groupby(PAIR).size()
    totals["granted"] = projects.groupby(PAIR)["granted"].sum()
    totals[["associations", "projects"]] = (
        totals[["associations", "projects"]].fillna(0).astype(int)
    )
    totals["granted"] = totals["granted"].fillna(0.0).astype(float)

    source = associations if measure == "associations" else projects
    weight = source["granted"] if measure == "granted" else pd.Series(1.0, index=source.index)
    contributions = pd.DataFrame(
        {
            PAIR: source[PAIR],
            "weight": weight.astype(float),
            "category": _category_codes(source[dimension], dimension),
        }
    )
    totals["value"] = contributions.groupby(PAIR)["weight"].sum()
    totals["category"] = _dominant(contributions, dimension)
    arcs = totals[totals["value"].fillna(0) > 0].reset_index()
    if measure != "granted":
        arcs["value"] = arcs["value"].astype(int)
    arcs = arcs.sort_values(["value", PAIR], ascending=[False, True], ignore_index=True)
    return arcs.astype({"category": str})


def twinning_arcs(twinnings: pd.DataFrame, *, links: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per (municipality, place) pair of twinnings: id, ends, twinnings, partners
    (``links``: ``twinning_links(twinnings)`` when already made)."""
    links = twinning_links(twinnings) if links is None else links
    if links.empty:
        columns = [PAIR, MUNICIPALITY, PLACE, *ENDPOINT_COLUMNS, "twinnings", "partners"]
        return pd.DataFrame(columns=columns)
    grouped = links.groupby(PAIR, sort=False)
    arcs = grouped[[MUNICIPALITY, PLACE, *ENDPOINT_COLUMNS]].first()
    arcs["twinnings"] = grouped.size()
    partners: dict[object, set[str]] = {}
    for pair, partner in zip(links[PAIR].tolist(), links["partner"].tolist(), strict=True):
        partners.setdefault(pair, set()).add(str(partner))
    found = np.empty(len(arcs), dtype=object)
    for i, pair in enumerate(arcs.index):
        found[i] = sorted(partners[pair])
    # The dtype groupby(...).agg would give these lists (a pyarrow list for arrow text).
    arcs["partners"] = pd.Series(
        links["partner"].array._cast_pointwise_result(found), index=arcs.index
    )
    arcs = arcs.reset_index()
    return arcs.sort_values(["twinnings", PAIR], ascending=[False, True], ignore_index=True)


def map_extent(
    data: Dataset, origins: Collection[str] | None = None, *, links: MapLinks | None = None
) -> pd.DataFrame:
    """Every end the map can draw for this view, whatever the measure and layers chosen:
    one row per link of associations, projects and twinnings (from_lon/lat in Italy,
    to_lon/lat at the place), municipalities with associations having both ends there.
    ``links``: ``map_links(data, origins)`` when already made.

    The map opens on these, so switching a layer or the measure never moves it.
    """
    columns = ["from_lon", "from_lat", "to_lon", "to_lat"]
    found = map_links(data, origins) if links is None else links
    ends = [
        found.associations[columns],
        found.projects[columns],
        found.twinnings[columns],
    ]
    points = association_points(data.associations)
    ends.append(
        pd.DataFrame(
            {
                "from_lon": points["lon"],
                "from_lat": points["lat"],
                "to_lon": points["lon"],
                "to_lat": points["lat"],
            }
        )
    )
    frames = [frame.astype(float) for frame in ends if not frame.empty]
    if not frames:
        return pd.DataFrame({column: pd.Series(dtype=float) for column in columns})
    return pd.concat(frames, ignore_index=True).drop_duplicates(ignore_index=True)


def association_points(associations: pd.DataFrame) -> pd.DataFrame:
    """Associations per municipality: id, municipality_istat, name, lat, lon, associations."""
    counts = associations.groupby(schema.A_MUNICIPALITY).size().rename("associations")
    points = counts.to_frame().join(_municipalities_index(), how="inner").reset_index()
    points = points.rename(
        columns={
            schema.A_MUNICIPALITY: MUNICIPALITY,
            "from_name": "name",
            "from_lat": "lat",
            "from_lon": "lon",
        }
    )
    points[PAIR] = KIND_MUNICIPALITY + SEPARATOR + points[MUNICIPALITY].astype(str)
    columns = [PAIR, MUNICIPALITY, "name", "lat", "lon", "associations"]
    ordered = points.sort_values(["associations", "name"], ascending=[False, True])
    return ordered[columns].reset_index(drop=True)


def place_names(frame: pd.DataFrame, lang: Lang) -> pd.Series:
    """The name of each place in lang: "Dakar (Senegal)", or the country's name alone."""
    # One look-up per country: i18n.country_name rebuilds its table on every call.
    names = {code: i18n.country_name(code, lang) for code in frame["place_country"].unique()}
    countries = frame["place_country"].map(names).astype(str)
    named = frame["place_name"].astype(str) != ""
    return (frame["place_name"].astype(str) + " (" + countries + ")").where(named, countries)


# -- context layer: residents per area -----------------------------------------------------
def context_areas(data: Dataset, level: str, measure: str) -> pd.DataFrame:
    """Per region or province: code, name, residents (latest year), associations, value.

    ``measure`` "residents" gives foreign residents of the filtered citizenships;
    "density" gives associations per 100,000 of those residents (NaN without residents).
    """
    if level not in LEVELS or measure not in CONTEXTS[1:]:
        raise ValueError(f"unknown context {level!r}/{measure!r}")
    areas = reference.load_regions() if level == "region" else reference.load_provinces()
    code = f"{level}_istat"
    frame = areas[[code, "name"]].rename(columns={code: "code"}).set_index("code")
    year = latest_residents_year(data.residents)
    residents = data.residents[data.residents[schema.R_YEAR] == year]
    provinces = reference.load_provinces().set_index("province_istat")["region_istat"]
    area_of = (
        residents[schema.R_PROVINCE]
        if level == "province"
        else residents[schema.R_PROVINCE].map(provinces)
    )
    frame["residents"] = residents.groupby(area_of)[schema.R_RESIDENTS].sum()
    municipalities = reference.load_municipalities().set_index("municipality_istat")[code]
    association_area = data.associations[schema.A_MUNICIPALITY].map(municipalities)
    frame["associations"] = data.associations.groupby(association_area).size()
    frame[["residents", "associations"]] = frame[["residents", "associations"]].fillna(0)
    frame = frame.astype({"residents": int, "associations": int})
    if measure == "residents":
        frame["value"] = frame["residents"].astype(float)
    else:
        with_residents = frame["residents"] > 0
        density = frame["associations"] / frame["residents"].where(with_residents) * PER_RESIDENTS
        frame["value"] = density.astype(float)
    frame[PAIR] = KIND_AREA + SEPARATOR + level + SEPARATOR + frame.index.astype(str)
    return frame.reset_index()


# -- selection ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Selection:
    """What a selected map object stands for."""

    kind: str  # KIND_LINK, KIND_TWINNING, KIND_MUNICIPALITY or KIND_AREA
    municipality: str = ""
    place: str = ""
    level: str = ""
    area: str = ""

    @property
    def id(self) -> str:
        """The selection as it is written in the URL."""
        if self.kind == KIND_MUNICIPALITY:
            return SEPARATOR.join((self.kind, self.municipality))
        if self.kind == KIND_AREA:
            return SEPARATOR.join((self.kind, self.level, self.area))
        return SEPARATOR.join((self.kind, self.municipality, self.place))


def link_id(kind: str, pair: str) -> str:
    """The selection id of an arc of a kind (links or twinnings) from its pair id."""
    return kind + SEPARATOR + pair


def parse_selection(value: object) -> Selection | None:
    """Read a selection id (from the URL or a map object); None when it is not one."""
    parts = str(value or "").split(SEPARATOR)
    kind = parts[0]
    if kind in (KIND_LINK, KIND_TWINNING) and len(parts) == 3 and all(parts[1:]):
        if not parts[2].startswith(("t:", "c:")):
            return None
        return Selection(kind, municipality=parts[1], place=parts[2])
    if kind == KIND_MUNICIPALITY and len(parts) == 2 and parts[1]:
        return Selection(kind, municipality=parts[1])
    if kind == KIND_AREA and len(parts) == 3 and parts[1] in LEVELS and parts[2]:
        return Selection(kind, level=parts[1], area=parts[2])
    return None


@dataclass(frozen=True)
class SelectionItems:
    """The associations, projects and twinnings behind a selected map object (public facts)."""

    title: str
    associations: pd.DataFrame
    projects: pd.DataFrame
    twinnings: pd.DataFrame

    @property
    def empty(self) -> bool:
        """True when nothing in the current view is behind the selection."""
        return self.associations.empty and self.projects.empty and self.twinnings.empty


def _place_country(place: str) -> str:
    if place.startswith("c:"):
        return place.removeprefix("c:")
    places = _places_index()
    return str(places.at[place, "place_country"]) if place in places.index else ""


@lru_cache(maxsize=1)
def _place_facts() -> dict[str, tuple[str, str]]:
    """Place key -> (name, ISO3 of its country), for one place at a time."""
    places = _places_index()
    return {
        str(key): (str(name), str(country))
        for key, name, country in zip(
            places.index, places["place_name"], places["place_country"], strict=True
        )
    }


def _place_title(place: str, lang: Lang) -> str:
    # One place as ``place_names`` writes it, without building a frame for it.
    facts = _place_facts().get(place)
    if facts is None:
        return place
    name, country = facts
    country_name = str(i18n.country_name(country, lang))
    return f"{name} ({country_name})" if name != "" else country_name


def _municipality_name(code: str) -> str:
    return str(municipality_names().get(code, code))


def _in_area(municipalities: pd.Series, level: str, area: str) -> pd.Series:
    places = reference.load_municipalities().set_index("municipality_istat")[f"{level}_istat"]
    return (municipalities.map(places) == area).fillna(False).astype(bool)


def selection_items(data: Dataset, selection: Selection, lang: Lang) -> SelectionItems:
    """The items behind a selection, as display tables in lang (no private column).

    A link lists the associations and projects on that pair and the twinnings of the
    municipality with the place's country; a twinning arc lists the twinnings on that pair
    and the municipality's associations and projects of that country; a point lists
    everything in the municipality; an area everything in the region or province.
    """
    associations, projects, twinnings = data.associations, data.projects, data.twinnings
    if selection.kind == KIND_AREA:
        names = (
            reference.load_regions() if selection.level == "region" else reference.load_provinces()
        ).set_index(f"{selection.level}_istat")["name"]
        title = str(names.get(selection.area, selection.area))
        a_mask = _in_area(associations[schema.A_MUNICIPALITY], selection.level, selection.area)
        p_mask = _in_area(projects[schema.P_MUNICIPALITY], selection.level, selection.area)
        t_mask = _in_area(twinnings[schema.T_MUNICIPALITY], selection.level, selection.area)
    else:
        municipality = selection.municipality
        a_mask = associations[schema.A_MUNICIPALITY] == municipality
        p_mask = projects[schema.P_MUNICIPALITY] == municipality
        t_mask = twinnings[schema.T_MUNICIPALITY] == municipality
        title = _municipality_name(municipality)
        if selection.kind in (KIND_LINK, KIND_TWINNING):
            title = f"{title} → {_place_title(selection.place, lang)}"
            country = _place_country(selection.place)
            pair = municipality + SEPARATOR + selection.place
            if selection.kind == KIND_LINK:
                on_pair = association_links(associations[a_mask])
                a_ids = set(on_pair.loc[on_pair[PAIR] == pair, schema.A_ID])
                on_pair = project_links(projects[p_mask])
                p_ids = set(on_pair.loc[on_pair[PAIR] == pair, schema.P_ID])
                a_mask &= associations[schema.A_ID].isin(a_ids)
                p_mask &= projects[schema.P_ID].isin(p_ids)
                t_mask &= twinnings[schema.T_PARTNER_COUNTRY] == country
            else:
                on_pair = twinning_links(twinnings[t_mask])
                t_ids = set(on_pair.loc[on_pair[PAIR] == pair, schema.T_ID])
                t_mask &= twinnings[schema.T_ID].isin(t_ids)
                a_mask &= associations[schema.A_COUNTRIES].map(lambda codes: country in codes)
                p_mask &= projects[schema.P_COUNTRY] == country
    return SelectionItems(
        title=title,
        associations=describe_associations(associations[a_mask.astype(bool)], lang),
        projects=describe_projects(projects[p_mask.astype(bool)], lang),
        twinnings=describe_twinnings(twinnings[t_mask.astype(bool)], lang),
    )


# -- detail tables (public columns only: labels in lang, numbers as numbers) ---------------------
def _countries(codes: object, lang: Lang) -> str:
    values = codes if isinstance(codes, list) else []
    return ", ".join(i18n.country_name(code, lang) for code in values)


def _goals(goals: object) -> str:
    values = goals if isinstance(goals, list) else []
    return ", ".join(str(int(g)) for g in values)


def _text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def describe_associations(associations: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Key facts of associations: id, name, municipality, countries, SDGs, members, website."""
    municipality = associations[schema.A_MUNICIPALITY].map(_municipality_name)
    return pd.DataFrame(
        {
            "id": associations[schema.A_ID].astype(str),
            "association_code": associations[schema.A_ID].astype(str),
            "name": associations[schema.A_NAME].map(_text),
            "municipality": municipality.astype(str),
            "municipality_code": associations[schema.A_MUNICIPALITY].astype(str),
            "countries": associations[schema.A_COUNTRIES].map(lambda c: _countries(c, lang)),
            "sdgs": associations[schema.A_SDGS].map(_goals),
            "members": associations[schema.A_MEMBERS].astype("Int64"),
            "website": associations[schema.A_WEBSITE].map(_text),
        }
    ).sort_values(["name", "id"], ignore_index=True)


def describe_projects(projects: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Key facts of projects: id, title, municipality, destination, SDGs, stage, funder, EUR."""
    destination = pd.DataFrame(
        {
            "place_name": projects[schema.P_TERRITORY].map(lambda t: _territory_name(t)),
            "place_country": projects[schema.P_COUNTRY].astype(str),
        },
        index=projects.index,
    )
    return pd.DataFrame(
        {
            "id": projects[schema.P_ID].astype(str),
            "title": projects[schema.P_TITLE].map(_text),
            "municipality": projects[schema.P_MUNICIPALITY].map(_municipality_name).astype(str),
            "municipality_code": projects[schema.P_MUNICIPALITY].astype(str),
            "destination": place_names(destination, lang) if not projects.empty else [],
            "sdgs": projects[schema.P_SDGS].map(_goals),
            "stage": projects[schema.P_STAGE].map(lambda s: i18n.label("stage", _text(s), lang)),
            "funder": projects[schema.P_FUNDER].map(_text),
            "funder_type": projects[schema.P_FUNDER_TYPE].map(
                lambda f: i18n.label("funder_type", _text(f), lang) if _text(f) else ""
            ),
            "requested": projects[schema.P_REQUESTED].astype("float64"),
            "granted": projects[schema.P_GRANTED].astype("float64"),
        }
    ).sort_values(["title", "id"], ignore_index=True)


def _territory_name(value: object) -> str:
    text = _text(value)
    if not text:
        return ""
    facts = _place_facts().get("t:" + text)
    return facts[0] if facts is not None else text


def describe_twinnings(twinnings: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Key facts of twinnings: id, municipality, partner city and country, type, status, year."""
    return pd.DataFrame(
        {
            "id": twinnings[schema.T_ID].astype(str),
            "municipality": twinnings[schema.T_MUNICIPALITY].map(_municipality_name).astype(str),
            "municipality_code": twinnings[schema.T_MUNICIPALITY].astype(str),
            "partner": twinnings[schema.T_PARTNER_CITY].map(_text),
            "country": twinnings[schema.T_PARTNER_COUNTRY].map(
                lambda c: i18n.country_name(_text(c), lang)
            ),
            "type": twinnings[schema.T_TYPE].map(
                lambda v: i18n.label("twinning_type", _text(v), lang)
            ),
            "status": twinnings[schema.T_STATUS].map(
                lambda v: i18n.label("twinning_status", _text(v), lang)
            ),
            "year": twinnings[schema.T_YEAR].astype("Int64"),
        }
    ).sort_values(["municipality", "partner", "id"], ignore_index=True)


# -- labels and the table behind the map ---------------------------------------------------------
def category_label(dimension: str, code: str, lang: Lang) -> str:
    """The label of a colour category in lang."""
    if code == UNSPECIFIED:
        return i18n.t("bridges.unspecified", lang)
    if dimension == "sdg":
        return i18n.sdg_label(int(code), lang)
    return i18n.label(dimension, code, lang)


def map_table(
    *,
    links: pd.DataFrame | None,
    twinnings: pd.DataFrame | None,
    points: pd.DataFrame | None,
    areas: pd.DataFrame | None,
    dimension: str,
    lang: Lang,
) -> pd.DataFrame:
    """Every object the map draws, one row each, with the figures it encodes."""
    parts = []
    if links is not None and not links.empty:
        parts.append(
            pd.DataFrame(
                {
                    "kind": i18n.t("bridges.kind.link", lang),
                    "id": [link_id(KIND_LINK, pair) for pair in links[PAIR]],
                    "municipality": links["from_name"].astype(str),
                    "municipality_code": links[MUNICIPALITY].astype(str),
                    "place": place_names(links, lang),
                    "associations": links["associations"].astype("Int64"),
                    "projects": links["projects"].astype("Int64"),
                    "granted": links["granted"].astype(float),
                    "value": links["value"].astype(float),
                    "colour": [category_label(dimension, c, lang) for c in links["category"]],
                }
            )
        )
    if twinnings is not None and not twinnings.empty:
        parts.append(
            pd.DataFrame(
                {
                    "kind": i18n.t("bridges.kind.twinning", lang),
                    "id": [link_id(KIND_TWINNING, pair) for pair in twinnings[PAIR]],
                    "municipality": twinnings["from_name"].astype(str),
                    "municipality_code": twinnings[MUNICIPALITY].astype(str),
                    "place": place_names(twinnings, lang),
                    "twinnings": twinnings["twinnings"].astype("Int64"),
                    "partners": twinnings["partners"].map(", ".join),
                    "value": twinnings["twinnings"].astype(float),
                }
            )
        )
    if points is not None and not points.empty:
        parts.append(
            pd.DataFrame(
                {
                    "kind": i18n.t("bridges.kind.point", lang),
                    "id": points[PAIR],
                    "municipality": points["name"].astype(str),
                    "municipality_code": points[MUNICIPALITY].astype(str),
                    "associations": points["associations"].astype("Int64"),
                    "value": points["associations"].astype(float),
                }
            )
        )
    if areas is not None and not areas.empty:
        parts.append(
            pd.DataFrame(
                {
                    "kind": i18n.t("bridges.kind.area", lang),
                    "id": areas[PAIR],
                    "area": areas["name"].astype(str),
                    "associations": areas["associations"].astype("Int64"),
                    "residents": areas["residents"].astype("Int64"),
                    "value": areas["value"].astype(float),
                }
            )
        )
    columns = [
        "kind",
        "id",
        "municipality",
        "municipality_code",
        "place",
        "area",
        "associations",
        "projects",
        "granted",
        "twinnings",
        "partners",
        "residents",
        "value",
        "colour",
    ]
    if not parts:
        return pd.DataFrame(columns=columns)
    table = pd.concat(parts, ignore_index=True)
    return table.reindex(columns=columns).dropna(axis=1, how="all")


def selection_from_objects(objects: Mapping[str, Sequence[Mapping[str, Any]]]) -> Selection | None:
    """The selection named by the objects of a map selection event (arc, point or area)."""
    for layer_objects in objects.values():
        for item in layer_objects:
            properties = item.get("properties")
            value = item.get("id") or (
                properties.get("id") if isinstance(properties, dict) else None
            )
            parsed = parse_selection(value)
            if parsed is not None:
                return parsed
    return None
