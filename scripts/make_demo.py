"""Generate Ponti's illustrative demo dataset (data/demo/*.csv) from a fixed seed.

It writes associations.csv, projects.csv, twinnings.csv, residents.csv and calls.csv.

Everything here is made up but shaped like reality: real Italian municipalities and provinces,
real countries and cities of origin (from data/reference/), communities where they actually
concentrate, plausible funders, programmes, amounts and pipeline stages. Personal fields are
obviously fictitious ("Referente Demo 017", referente017@example.org, +39 000 000 0017).
The hand-made tables (communities, project archetypes, funders and programmes, weights) are
data files in data/demo-source/, described in data/README.md.

The output is a pure function of SEED, the reference tables and data/demo-source/: numpy
Generators seeded per section, no set iteration, no clock, so two runs write byte-identical
files.

    python scripts/make_demo.py            # writes data/demo/*.csv
    python scripts/make_demo.py --out DIR  # writes somewhere else (used by the tests)
    python scripts/make_demo.py --summary  # prints what residents.csv holds against ISTAT
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import tomllib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, cast

import numpy as np
import pandas as pd

from ponti import reference, schema

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "data" / "demo"
SEED = 20260611
# The demo describes the world as it stood on this day: nothing after it has happened yet.
AS_OF = date(2026, 6, 30)
LAST_PLANNED_START = date(2026, 12, 15)  # keeps every project year within 2015-2026
YEARS = tuple(range(2015, 2027))
RESIDENT_YEARS = (2021, 2022, 2023, 2024)
N_PROJECTS = 730
N_TWINNINGS = 104

# =========================================================================================
# Source tables: data/demo-source/ (described in data/README.md). The order of their rows is
# part of the seeded draw, so reordering a file changes the demo.
# =========================================================================================
SOURCE_DIR = ROOT / "data" / "demo-source"


def read_table(name: str) -> list[dict[str, str]]:
    """The rows of data/demo-source/<name> (UTF-8 CSV) as text, in file order."""
    with (SOURCE_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def split_cell(text: str) -> tuple[str, ...]:
    """The items of a "|"-separated cell."""
    return tuple(item.strip() for item in text.split(schema.LIST_SEPARATOR))


def read_toml(name: str) -> dict[str, Any]:
    """data/demo-source/<name> (TOML), for the tables that nest."""
    with (SOURCE_DIR / name).open("rb") as handle:
        return tomllib.load(handle)


def grouped(name: str, key: str, value: str) -> dict[str, tuple[str, ...]]:
    """key -> the `value` cells of its rows, both in file order."""
    groups: dict[str, list[str]] = defaultdict(list)
    for row in read_table(name):
        groups[row[key]].append(row[value])
    return {k: tuple(values) for k, values in groups.items()}


# =========================================================================================
# Communities: who they are, how many live in Italy, where, and where they come from
# =========================================================================================


@dataclass(frozen=True)
class Community:
    """One origin country as the demo sees it (a row of communities.csv)."""

    iso3: str
    name: str  # Italian name of the country, for titles
    loc: str  # Italian locative, "in Senegal", "nelle Filippine"
    adj: str  # feminine singular adjective, "senegalese"
    dem: str  # masculine plural demonym, "Senegalesi"
    fem: str  # feminine plural, "Senegalesi" / "Marocchine"
    group: str  # used for multi-country associations and neighbouring destinations
    residents: int  # foreign residents in Italy, 1 January 2024 (ISTAT, rounded)
    growth: float  # yearly drift of that number
    associations: int  # associations whose main origin is this country
    south: float  # relative presence in the South and islands
    hubs: dict[str, float]  # Italian city -> concentration factor (applies to its province)
    cities: tuple[str, ...]  # typical cities of origin, most typical first
    words: tuple[str, ...]  # words that communities use in association names
    crops: tuple[str, ...]  # for titles: "Filiera di esportazione del caffè"


def load_communities() -> tuple[Community, ...]:
    """communities.csv, with each community's hubs from community_hubs.csv."""
    hubs: dict[str, dict[str, float]] = defaultdict(dict)
    for row in read_table("community_hubs.csv"):
        hubs[row["iso3"]][row["city"]] = float(row["factor"])
    return tuple(
        Community(
            iso3=row["iso3"],
            name=row["name_it"],
            loc=row["locative"],
            adj=row["adjective"],
            dem=row["demonym"],
            fem=row["demonym_feminine"],
            group=row["group"],
            residents=int(row["residents"]),
            growth=float(row["growth"]),
            associations=int(row["associations"]),
            south=float(row["south"]),
            hubs=dict(hubs[row["iso3"]]),
            cities=split_cell(row["cities"]),
            words=split_cell(row["name_words"]),
            crops=split_cell(row["crops"]),
        )
        for row in read_table("communities.csv")
    )


COMMUNITIES = load_communities()
# No twinning with a country before it existed as such.
COUNTRY_SINCE: dict[str, int] = {
    row["iso3"]: int(row["country_since"])
    for row in read_table("communities.csv")
    if row["country_since"]
}

# Names of associations that gather several communities of one area.
GROUP_NAMES: dict[str, tuple[str, ...]] = grouped("group_names.csv", "group", "template")
GENERIC_WORDS = tuple(row["word"] for row in read_table("generic_words.csv"))

# Italian exonyms for cities that titles mention (the territory column keeps the gazetteer name):
# the locative ("ad Algeri") for titles, the name ("Algeri") for titles and partner cities.
_EXONYMS = read_table("exonyms.csv")
EXONYMS: dict[str, str] = {row["city"]: row["locative"] for row in _EXONYMS}
ITALIAN_NAMES: dict[str, str] = {row["city"]: row["name_it"] for row in _EXONYMS}

# Host municipalities (ISTAT names) and how many associations each roughly hosts (scaled to the
# total): every region; big cities and the north host more.
HOSTS: dict[str, int] = {
    row["municipality"]: int(row["associations"]) for row in read_table("hosts.csv")
}

# Share of foreign residents in the population (%, around 2023), foreign residents on 1 January
# 2024 (ISTAT, rounded), the South and islands, and the funder of regional calls, by region.
REGIONS = read_table("regions.csv")
FOREIGN_SHARE: dict[str, float] = {r["region_istat"]: float(r["foreign_share"]) for r in REGIONS}
REGION_RESIDENTS: dict[str, int] = {r["region_istat"]: int(r["residents_2024"]) for r in REGIONS}
SOUTH_REGIONS = tuple(r["region_istat"] for r in REGIONS if r["south"] == "true")

# Calibration of the residents to ISTAT's figures of 1 January 2024 (see data/README.md):
# the national total, the citizenships without an association of the demo (their figures are
# scaled so that all citizenships add up to the total) and the known concentrations (share of
# a citizenship living in a hub city's province, %).
RESIDENTS_TOTAL_2024 = 5_308_000
RESIDENTS_YEAR = 2024  # the year the figures of communities.csv and residents_other.csv describe
OTHER_RESIDENTS: dict[str, int] = {
    row["iso3"]: int(row["residents"]) for row in read_table("residents_other.csv")
}
CONCENTRATIONS: tuple[tuple[str, str, float], ...] = tuple(
    (row["iso3"], row["city"], float(row["share"])) for row in read_table("concentrations.csv")
)

# =========================================================================================
# Projects: archetypes that tie titles, themes, goals, targets and DAC sector together
# =========================================================================================


@dataclass(frozen=True)
class Archetype:
    """A kind of project, with everything that must agree with it."""

    key: str
    titles: tuple[str, ...]
    summaries: tuple[str, ...]
    themes: tuple[str, ...]
    goals: tuple[int, ...]  # primary first
    targets: dict[int, tuple[str, ...]]
    dac: str
    beneficiaries: tuple[int, int]
    weight: float
    funders: dict[str, float] = field(default_factory=dict)  # funder-type multipliers
    countries: tuple[str, ...] = ()  # only these destinations, if given
    years: tuple[int, int] = (2015, 2026)
    title_dac: dict[str, str] = field(default_factory=dict)  # title template -> its own DAC code


_ARCHETYPE_SOURCE = read_toml("archetypes.toml")
COUNTRY_SETS: dict[str, tuple[str, ...]] = {
    name: tuple(countries) for name, countries in _ARCHETYPE_SOURCE["country_sets"].items()
}
MALARIA = COUNTRY_SETS["malaria"]


def make_archetype(entry: dict[str, Any]) -> Archetype:
    """One [[archetype]] of archetypes.toml."""
    return Archetype(
        key=entry["key"],
        titles=tuple(entry["titles"]),
        summaries=tuple(entry["summaries"]),
        themes=tuple(entry["themes"]),
        goals=tuple(entry["goals"]),
        targets={int(goal): tuple(targets) for goal, targets in entry["targets"].items()},
        dac=entry["dac"],
        beneficiaries=(entry["beneficiaries"][0], entry["beneficiaries"][1]),
        weight=entry["weight"],
        funders=dict(entry.get("funders", {})),
        countries=COUNTRY_SETS[entry["countries"]] if "countries" in entry else (),
        years=(entry["years"][0], entry["years"][1]) if "years" in entry else (2015, 2026),
        title_dac=dict(entry.get("title_dac", {})),
    )


ARCHETYPES: tuple[Archetype, ...] = tuple(make_archetype(e) for e in _ARCHETYPE_SOURCE["archetype"])

# Crises that make humanitarian and reconstruction projects likelier (country, years, boost).
CRISES: tuple[tuple[str, int, int, float, str], ...] = tuple(
    (r["country"], int(r["first_year"]), int(r["last_year"]), float(r["boost"]), r["kind"])
    for r in read_table("crises.csv")
)
DISASTER_WORDS: dict[str, tuple[str, str]] = {
    r["kind"]: (r["disaster"], r["damaged"]) for r in read_table("disaster_words.csv")
}
HUMANITARIAN = ("relief", "food", "reconstruction")
CRISIS_COUNTRIES = tuple(sorted({iso for iso, *_ in CRISES}))

# =========================================================================================
# Funders
# =========================================================================================
_FUNDER_TYPES = read_table("funder_types.csv")
FUNDER_WEIGHTS: dict[str, float] = {r["funder_type"]: float(r["weight"]) for r in _FUNDER_TYPES}
AMOUNT_RANGES: dict[str, tuple[int, int]] = {
    r["funder_type"]: (int(r["amount_min"]), int(r["amount_max"])) for r in _FUNDER_TYPES
}
REGION_FUNDERS: dict[str, str] = {r["region_istat"]: r["funder"] for r in REGIONS if r["funder"]}
PROVINCE_FUNDERS: dict[str, str] = {
    r["province_istat"]: r["funder"] for r in read_table("province_funders.csv")
}
FOUNDATIONS: dict[str, tuple[str, ...]] = grouped("foundations.csv", "region_istat", "foundation")


@dataclass(frozen=True)
class Programme:
    """A funding line of one funder type (a row of programmes.csv)."""

    funder: str  # "" where the association's place decides (region, municipality, foundation)
    name: str  # may be "" (private donations have none)
    weight: float
    years: tuple[int, int]  # projects of these years only


def load_programmes() -> dict[str, tuple[Programme, ...]]:
    """funder type -> its programmes (programmes.csv); empty years mean no limit."""
    programmes: dict[str, list[Programme]] = defaultdict(list)
    for row in read_table("programmes.csv"):
        years = (int(row["first_year"] or 0), int(row["last_year"] or 9999))
        programmes[row["funder_type"]].append(
            Programme(row["funder"], row["programme"], float(row["weight"]), years)
        )
    return {kind: tuple(rows) for kind, rows in programmes.items()}


PROGRAMMES = load_programmes()
# IOM's programme for diaspora entrepreneurs, drawn more often for diaspora-business projects.
DIASPORA_BUSINESS_PROGRAMME = "MigraVenture"

# =========================================================================================
# Pipeline, association profile and twinnings
# =========================================================================================
_YEARS = read_table("years.csv")
YEAR_WEIGHTS: dict[int, float] = {int(r["year"]): float(r["project_weight"]) for r in _YEARS}
# The stage columns in file order (the draw order); an empty cell is a stage not drawn that year.
STAGE_WEIGHTS: dict[int, dict[str, float]] = {
    int(r["year"]): {stage: float(v) for stage, v in r.items() if stage in schema.STAGES and v}
    for r in _YEARS
}

LEGAL_FORMS = {r["legal_form"]: float(r["weight"]) for r in read_table("legal_forms.csv")}
_THEMES = read_table("themes.csv")
THEME_WEIGHTS = {r["theme"]: float(r["weight"]) for r in _THEMES}
THEME_GOAL = {r["theme"]: int(r["goal"]) for r in _THEMES}
NETWORKS = {r["network"]: float(r["share"]) for r in read_table("networks.csv")}

TWINNING_TYPE_WEIGHTS = {r["type"]: float(r["weight"]) for r in read_table("twinning_types.csv")}
_TWINNING_STATUSES = read_table("twinning_statuses.csv")
TWINNING_STATUS_WEIGHTS = {r["status"]: float(r["weight"]) for r in _TWINNING_STATUSES}
# Years in which twinnings of a status were signed; statuses without them have no year.
SIGNING_YEARS: dict[str, tuple[int, int]] = {
    r["status"]: (int(r["first_year"]), int(r["last_year"]))
    for r in _TWINNING_STATUSES
    if r["first_year"]
}


# =========================================================================================
# Helpers
# =========================================================================================


def fold(text: str) -> str:
    """Lower-case ASCII form of a name, for matching spellings with and without accents."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", ascii_text.casefold().replace("'", "")).strip()


def slugify(text: str) -> str:
    """Web-address form of a name."""
    return fold(text).replace(" ", "-")


def pick(rng: np.random.Generator, items: Sequence[Any], weights: Sequence[float]) -> Any:
    """One item drawn with the given (not necessarily normalised) weights."""
    w = np.asarray(weights, dtype=float)
    return items[int(rng.choice(len(items), p=w / w.sum()))]


def pick_many(
    rng: np.random.Generator, items: Sequence[Any], weights: Sequence[float], k: int
) -> list[Any]:
    """k distinct items drawn with the given weights, in draw order."""
    w = np.asarray(weights, dtype=float)
    k = min(k, int((w > 0).sum()))
    idx = rng.choice(len(items), size=k, replace=False, p=w / w.sum())
    return [items[int(i)] for i in idx]


def rand_date(rng: np.random.Generator, low: date, high: date) -> date:
    """A uniform day between low and high (both included)."""
    if high <= low:
        return low
    return low + timedelta(days=int(rng.integers(0, (high - low).days + 1)))


def add_months(day: date, months: int) -> date:
    """The same day some months later (clamped to the 28th to stay valid)."""
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


def round_amount(value: float) -> int:
    """Budgets are written as people write them: round hundreds, thousands."""
    step = 100 if value < 10_000 else 500 if value < 100_000 else 1_000
    return int(max(step, round(value / step) * step))


def locative_city(name: str) -> str:
    """'a Thiès', 'ad Accra', 'al Cairo': the Italian 'in <city>'."""
    if name in EXONYMS:
        return EXONYMS[name]
    return ("ad " if fold(name).startswith("a") else "a ") + name


# Marks of scholarly transliteration in GeoNames names ("Herāt", "Farīdpur") that Italian does
# not write: macron, dot below, line below.
_TRANSLITERATION_MARKS = frozenset("\u0304\u0323\u0331")


def partner_name(city: str) -> str:
    """A foreign city as Italian writes it: its exonym ("Algiers" -> "Algeri"), else the
    gazetteer name without transliteration marks ("Herāt" -> "Herat")."""
    if city in ITALIAN_NAMES:
        return ITALIAN_NAMES[city]
    letters = unicodedata.normalize("NFD", city)
    plain = "".join(ch for ch in letters if ch not in _TRANSLITERATION_MARKS)
    return unicodedata.normalize("NFC", plain)


def italian_city(name: str) -> str:
    """ISTAT name as people say it ('Bolzano/Bozen' -> 'Bolzano')."""
    return name.split("/")[0]


# =========================================================================================
# Reference data
# =========================================================================================


@dataclass
class Geography:
    """What the generator needs from data/reference/, in a fixed order."""

    hosts: pd.DataFrame  # municipality_istat, name, province_istat, region_istat, population, size
    provinces: pd.DataFrame  # province_istat, region_istat, population
    hub_province: dict[str, str]  # hub city name -> province
    hub_municipality: dict[str, str]  # hub city name -> municipality
    cities: dict[str, list[str]]  # iso3 -> gazetteer names of its origin cities
    communities: tuple[Community, ...]


def resolve_municipality(municipalities: pd.DataFrame, name: str) -> pd.Series:
    """The municipality called `name` (the most populous if several share it)."""
    wanted = fold(name)
    match = municipalities[municipalities["name"].map(lambda n: fold(n.split("/")[0])) == wanted]
    if match.empty:
        raise SystemExit(f"make_demo: no municipality called {name!r} in the reference data")
    return match.sort_values(["population", "municipality_istat"], ascending=[False, True]).iloc[0]


def resolve_cities(territories: pd.DataFrame, community: Community) -> list[str]:
    """Gazetteer names for the community's cities, topped up with its largest cities."""
    own = territories[territories["country_iso3"] == community.iso3]
    own = own.sort_values(["population", "territory_id"], ascending=[False, True])
    by_fold: dict[str, str] = {}
    for name, ascii_name in zip(own["name"], own["ascii_name"], strict=True):
        by_fold.setdefault(fold(name), name)
        by_fold.setdefault(fold(str(ascii_name)), name)
    found: list[str] = []
    for wanted in community.cities:
        name = by_fold.get(fold(wanted))
        if name is None:
            print(
                f"make_demo: {wanted!r} not in the gazetteer for {community.iso3}", file=sys.stderr
            )
        elif name not in found:
            found.append(name)
    for name in own["name"]:
        if len(found) >= 5:
            break
        if name not in found:
            found.append(name)
    return found


def load_geography() -> Geography:
    """Read and order the reference tables the generator uses."""
    municipalities = reference.load_municipalities().copy()
    municipalities["population"] = municipalities["population"].fillna(0).astype("int64")
    municipalities = municipalities.sort_values("municipality_istat").reset_index(drop=True)
    countries = set(reference.load_countries()["iso3"])
    territories = reference.load_territories()
    communities = tuple(
        c
        for c in COMMUNITIES
        if c.iso3 in countries and (territories["country_iso3"] == c.iso3).any()
    )
    hosts = pd.DataFrame([resolve_municipality(municipalities, n) for n in HOSTS])
    hosts = hosts[["municipality_istat", "name", "province_istat", "region_istat", "population"]]
    hosts = hosts.reset_index(drop=True).assign(size=list(HOSTS.values()))
    provinces = reference.load_provinces()[["province_istat", "region_istat"]]
    population = municipalities.groupby("province_istat")["population"].sum()
    provinces = (
        provinces.assign(
            population=provinces["province_istat"].map(population).fillna(1).astype("int64")
        )
        .sort_values("province_istat")
        .reset_index(drop=True)
    )
    hub_names = sorted(
        {city for c in communities for city in c.hubs} | {city for _, city, _ in CONCENTRATIONS}
    )
    hub_rows = {name: resolve_municipality(municipalities, name) for name in hub_names}
    return Geography(
        hosts=hosts,
        provinces=provinces,
        hub_province={n: str(r["province_istat"]) for n, r in hub_rows.items()},
        hub_municipality={n: str(r["municipality_istat"]) for n, r in hub_rows.items()},
        cities={c.iso3: resolve_cities(territories, c) for c in communities},
        communities=communities,
    )


# =========================================================================================
# Residents
# =========================================================================================


def make_residents(geo: Geography, rng: np.random.Generator) -> pd.DataFrame:
    """Where each community lives: residents by citizenship, province and year (rows with 0
    left out), before calibrate_residents() matches them to ISTAT's totals. Associations are
    placed on this pattern, so the calibration leaves them where they are."""
    prov = geo.provinces
    base = province_weights(geo)
    south = prov["region_istat"].isin(SOUTH_REGIONS).to_numpy()
    index = {p: i for i, p in enumerate(prov["province_istat"])}
    rows: list[tuple[int, str, str, int]] = []
    for community in geo.communities:
        weight = base * np.where(south, community.south, 1.0)
        boost = np.ones(len(prov))
        for city, factor in community.hubs.items():
            i = index[geo.hub_province[city]]
            boost[i] = max(boost[i], factor)
        weight = weight * boost * rng.lognormal(0.0, 0.3, len(prov))
        if community.residents < 40_000:  # small communities cluster more
            weight = weight**1.3
        share = weight / weight.sum()
        for year in RESIDENT_YEARS:
            total = community.residents * (1 + community.growth) ** (year - RESIDENTS_YEAR)
            values = np.rint(total * share * rng.lognormal(0.0, 0.015, len(prov))).astype(int)
            for row in np.flatnonzero(values > 0):
                rows.append(
                    (year, str(prov["province_istat"].iloc[row]), community.iso3, int(values[row]))
                )
    frame = pd.DataFrame(rows, columns=schema.column_names(schema.RESIDENTS))
    return frame.sort_values(["year", "province_istat", "citizenship"]).reset_index(drop=True)


def province_weights(geo: Geography) -> np.ndarray:
    """How many foreign residents each province draws: its population times its region's
    foreign share, a little more in large provinces (cities attract)."""
    prov = geo.provinces
    base = prov["population"].to_numpy(float) * prov["region_istat"].map(FOREIGN_SHARE).to_numpy()
    return base * (prov["population"].to_numpy(float) / 1e6) ** 0.05


def other_residents(geo: Geography, rng: np.random.Generator) -> pd.DataFrame:
    """The citizenships of residents_other.csv (no association of the demo), spread like all
    foreign residents with some noise; their totals are set by calibrate_residents()."""
    prov = geo.provinces
    rows: list[tuple[int, str, str, float]] = []
    for iso3, residents in OTHER_RESIDENTS.items():
        weight = province_weights(geo) * rng.lognormal(0.0, 0.4, len(prov))
        share = weight / weight.sum()
        for year in RESIDENT_YEARS:
            values = residents * share * rng.lognormal(0.0, 0.015, len(prov))
            rows += [
                (year, str(code), iso3, float(v))
                for code, v in zip(prov["province_istat"], values, strict=True)
            ]
    return pd.DataFrame(rows, columns=schema.column_names(schema.RESIDENTS))


def calibrate_residents(
    geo: Geography, pattern: pd.DataFrame, others: pd.DataFrame
) -> pd.DataFrame:
    """Residents matched to ISTAT's figures: each year's citizenship totals (communities.csv,
    residents_other.csv scaled to the national total, drifting by `growth` before 2024), the
    regions' shares (regions.csv) and the known concentrations (concentrations.csv), by
    iterative proportional fitting of the pattern; rows with 0 left out."""
    prov = geo.provinces
    codes = prov["province_istat"].tolist()
    region_of = prov["region_istat"].to_numpy()
    regions = sorted(REGION_RESIDENTS)
    in_region = np.array([[r == g for r in region_of] for g in regions], dtype=float)
    region_share = np.array([REGION_RESIDENTS[g] for g in regions], dtype=float)
    region_share /= region_share.sum()
    growth = {c.iso3: c.growth for c in geo.communities}
    totals_2024 = {c.iso3: float(c.residents) for c in geo.communities}
    # The listed citizenships stand for all the others, so they are scaled to fill the total;
    # the stateless are a figure of their own.
    stateless = float(OTHER_RESIDENTS.get(reference.STATELESS, 0))
    scaled = {i: n for i, n in OTHER_RESIDENTS.items() if i != reference.STATELESS}
    rest = RESIDENTS_TOTAL_2024 - sum(totals_2024.values()) - stateless
    totals_2024 |= {iso3: n * rest / sum(scaled.values()) for iso3, n in scaled.items()}
    if stateless:
        totals_2024[reference.STATELESS] = stateless
    citizenships = list(totals_2024)
    fixed = [
        (citizenships.index(iso3), codes.index(geo.hub_province[city]), share / 100)
        for iso3, city, share in CONCENTRATIONS
    ]
    frame = pd.concat([pattern, others], ignore_index=True)
    rows: list[tuple[int, str, str, int]] = []
    for year in RESIDENT_YEARS:
        layer = frame[frame[schema.R_YEAR] == year]
        matrix = (
            layer.pivot_table(
                index=schema.R_CITIZENSHIP,
                columns=schema.R_PROVINCE,
                values=schema.R_RESIDENTS,
                aggfunc="sum",
            )
            .reindex(index=citizenships, columns=codes)
            .fillna(0.0)
            .to_numpy(dtype=float, copy=True)
        )
        targets = np.array(
            [
                totals_2024[i] * (1 + growth.get(i, 0.0)) ** (year - RESIDENTS_YEAR)
                for i in citizenships
            ]
        )
        region_targets = region_share * targets.sum()
        for _ in range(60):
            by_region = in_region @ matrix.sum(axis=0)
            matrix *= (region_targets / by_region) @ in_region
            matrix *= (targets / matrix.sum(axis=1))[:, None]
            for ci, pi, share in fixed:
                rest = matrix[ci].sum() - matrix[ci, pi]
                matrix[ci] *= targets[ci] * (1 - share) / rest
                matrix[ci, pi] = targets[ci] * share
        values = np.rint(matrix).astype(int)
        for ci, pi in zip(*np.nonzero(values > 0), strict=True):
            rows.append((year, codes[pi], citizenships[ci], int(values[ci, pi])))
    result = pd.DataFrame(rows, columns=schema.column_names(schema.RESIDENTS))
    return result.sort_values(["year", "province_istat", "citizenship"]).reset_index(drop=True)


# =========================================================================================
# Associations
# =========================================================================================


@dataclass
class Association:
    """One association while it is being built."""

    municipality: str
    countries: list[str]
    name: str = ""
    acronym: str = ""
    founded: int = 2000
    legal_form: str = "APS"
    territories: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    sdgs: list[int] = field(default_factory=list)
    members: int = 0
    women_led: bool = False
    youth_led: bool = False
    networks: list[str] = field(default_factory=list)
    website: str = ""
    id: str = ""


def association_weights(geo: Geography, residents: pd.DataFrame) -> np.ndarray:
    """w[c, m]: how much of community c lives in (and around) host municipality m."""
    latest = residents[residents["year"] == 2023]
    hosts = geo.hosts
    # Split a province's residents between the host cities in it by population.
    pop = hosts["population"].to_numpy(float)
    prov_pop = geo.provinces.set_index("province_istat")["population"]
    share = (pop / hosts["province_istat"].map(prov_pop).to_numpy(float)) ** 0.5
    weights = np.zeros((len(geo.communities), len(hosts)))
    for ci, community in enumerate(geo.communities):
        counts = latest[latest["citizenship"] == community.iso3].set_index("province_istat")
        here = hosts["province_istat"].map(counts["residents"]).fillna(0).to_numpy(float)
        local = np.ones(len(hosts))
        for city, factor in community.hubs.items():
            code = geo.hub_municipality[city]
            local[(hosts["municipality_istat"] == code).to_numpy()] = factor**0.5
        weights[ci] = here * share * local + 1e-6
    return weights


def expected_placement(weights: np.ndarray, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """Iterative proportional fitting: the matrix closest to `weights` whose row sums are
    `rows` (associations per community) and column sums `columns` (per host)."""
    expected = weights.copy()
    for _ in range(200):
        expected *= (rows / expected.sum(axis=1))[:, None]
        expected *= (columns / expected.sum(axis=0))[None, :]
    return expected


def largest_remainder(values: np.ndarray, total: int) -> np.ndarray:
    """Integers proportional to `values`, at least 1 each, summing to `total`."""
    scaled = values * total / values.sum()
    counts = np.maximum(np.floor(scaled).astype(int), 1)
    order = np.argsort(-(scaled - np.floor(scaled)), kind="stable")
    i = 0
    while counts.sum() < total:
        counts[order[i % len(order)]] += 1
        i += 1
    while counts.sum() > total:
        counts[int(np.argmax(counts))] -= 1
    return counts


def place_associations(
    geo: Geography, residents: pd.DataFrame, rng: np.random.Generator
) -> list[tuple[int, int]]:
    """(community, host) of every association: each community where its people live (sharpened,
    so that communities cluster as they do), each host exactly its intended share, none empty."""
    rows = np.array([c.associations for c in geo.communities], dtype=int)
    columns = largest_remainder(geo.hosts["size"].to_numpy(float), int(rows.sum()))
    weights = association_weights(geo, residents) ** 1.5
    expected = expected_placement(weights, rows.astype(float), columns.astype(float))
    # Controlled rounding: whole parts first, then the largest fractions (with a little
    # noise) while both the community and the host still have room.
    counts = np.floor(expected).astype(int)
    need_row = rows - counts.sum(axis=1)
    need_col = columns - counts.sum(axis=0)
    key = expected - counts + rng.uniform(0.0, 0.15, expected.shape)
    for flat in np.argsort(-key, axis=None, kind="stable"):
        ci, m = divmod(int(flat), expected.shape[1])
        if need_row[ci] > 0 and need_col[m] > 0:
            counts[ci, m] += 1
            need_row[ci] -= 1
            need_col[m] -= 1
    assert need_row.sum() == 0 and need_col.sum() == 0
    return [
        (ci, int(m))
        for ci in range(len(rows))
        for m in range(len(columns))
        for _ in range(int(counts[ci, m]))
    ]


def name_association(
    rng: np.random.Generator,
    a: Association,
    community: Community,
    city: str,
    group_names: tuple[str, ...] | None,
    taken: set[str],
) -> str:
    """A plausible Italian name, unique in the dataset."""
    words = community.words
    for _ in range(40):
        if group_names:
            name = pick(rng, group_names, [1] * len(group_names)).format(city=city)
        elif a.legal_form == "cooperativa sociale":
            word = pick(rng, words + GENERIC_WORDS, [2] * len(words) + [1] * len(GENERIC_WORDS))
            name = pick(rng, [f"{word} Cooperativa Sociale", f"Cooperativa Sociale {word}"], [1, 1])
        elif a.legal_form == "fondazione":
            name = pick(
                rng,
                [
                    f"Fondazione {pick(rng, words, [1] * len(words))}",
                    f"Fondazione Italia-{community.name}",
                ],
                [1, 1],
            )
        else:
            # Hometown names only where the gazetteer name is also the Italian one.
            territory = a.territories[0] if a.territories else ""
            territory = "" if territory in EXONYMS else territory
            options = [
                (f"Associazione {community.dem} di {city}", 5),
                (f"Comunità {community.adj.capitalize()} di {city}", 4),
                (f"Ponte Italia-{community.name}", 2),
                (f"Associazione Italo-{community.adj.capitalize()}", 2),
                (f"{pick(rng, words, [1] * len(words))} - {community.dem} per lo sviluppo", 2),
                (f"{pick(rng, words, [1] * len(words))} {city}", 3),
                (
                    f"{pick(rng, GENERIC_WORDS, [1] * len(GENERIC_WORDS))} Italia-{community.name}",
                    1,
                ),
            ]
            if a.women_led:
                options.append((f"Donne {community.fem} di {city}", 6))
            if a.youth_led:
                options.append((f"Giovani {community.dem} di {city}", 6))
            if territory:
                options += [
                    (f"Associazione per lo sviluppo di {territory}", 3),
                    (f"Associazione degli originari di {territory} in Italia", 2),
                ]
            name = pick(rng, [o[0] for o in options], [o[1] for o in options])
            if a.legal_form in ("APS", "ODV", "ETS") and rng.random() < 0.45:
                name = f"{name} {a.legal_form}"
        if name not in taken:
            return name
    for word in words + GENERIC_WORDS:  # still taken: tell it apart as people do
        if f"{name} - {word}" not in taken:
            return f"{name} - {word}"
    raise SystemExit(f"make_demo: cannot find a free name like {name!r}")


STOPWORDS = {
    "di",
    "del",
    "della",
    "dei",
    "degli",
    "delle",
    "per",
    "lo",
    "la",
    "il",
    "e",
    "in",
    "nel",
    "a",
    "tra",
    "d",
    "l",
    "dell",
}


def make_acronym(name: str) -> str:
    """Initials of the significant words ('Associazione Senegalesi di Brescia' -> 'ASB')."""
    parts = [p for p in re.split(r"[\s\-'’]+", name) if p]
    parts = [p for p in parts if p.lower() not in STOPWORDS and p not in ("APS", "ODV", "ETS")]
    letters = "".join(fold(p)[:1] for p in parts[:5]).upper()
    return letters if len(letters) >= 2 else ""


def make_associations(
    geo: Geography, residents: pd.DataFrame, rng: np.random.Generator
) -> list[Association]:
    """Associations placed where their communities live, with every host covered."""
    placed = place_associations(geo, residents, rng)
    groups: dict[str, list[str]] = defaultdict(list)
    for c in geo.communities:
        groups[c.group].append(c.iso3)
    associations: list[Association] = []
    taken: set[str] = set()
    for ci, m in placed:
        a = build_association(rng, geo, geo.communities[ci], geo.hosts.iloc[m], groups, taken)
        taken.add(a.name)
        associations.append(a)
    associations.sort(key=lambda x: (x.founded, fold(x.name)))
    assign_ids_and_websites(rng, associations)
    return associations


def build_association(
    rng: np.random.Generator,
    geo: Geography,
    community: Community,
    host: pd.Series,
    groups: dict[str, list[str]],
    taken: set[str],
) -> Association:
    """One association of `community` in `host`, complete but for its id and website."""
    city = italian_city(str(host["name"]))
    a = Association(municipality=str(host["municipality_istat"]), countries=[community.iso3])
    mates = [i for i in groups[community.group] if i != community.iso3]
    multi = bool(community.group in GROUP_NAMES and mates and rng.random() < 0.12)
    if multi:
        a.countries += draw_other_countries(rng, geo, mates)
    a.founded = draw_founding_year(rng)
    a.legal_form = pick(rng, list(LEGAL_FORMS), list(LEGAL_FORMS.values()))
    a.women_led = bool(rng.random() < 0.30)
    a.youth_led = bool(rng.random() < (0.30 if a.founded >= 2010 else 0.08))
    a.territories = draw_territories(rng, geo, a.countries, multi)
    a.themes = draw_association_themes(rng, a)
    a.sdgs = draw_association_sdgs(rng, a)
    a.members = int(np.clip(round(rng.lognormal(np.log(60), 0.8)), 10, 800))
    a.networks = [n for n, p in NETWORKS.items() if rng.random() < p]
    group_names = GROUP_NAMES[community.group] if multi else None
    a.name = name_association(rng, a, community, city, group_names, taken)
    a.acronym = make_acronym(a.name) if rng.random() < 0.7 else ""
    return a


def draw_other_countries(rng: np.random.Generator, geo: Geography, mates: list[str]) -> list[str]:
    """One or two more countries of the same area, larger communities likelier."""
    residents = {c.iso3: c.residents for c in geo.communities}
    return pick_many(rng, mates, [residents[i] ** 0.5 for i in mates], int(rng.integers(1, 3)))


def draw_founding_year(rng: np.random.Generator) -> int:
    """A founding year in 1985-2024: rising to the mid-2000s, falling after 2016."""
    years = list(range(1985, 2025))
    weights = [0.4 + min(y - 1985, 20) * 0.15 - max(y - 2016, 0) * 0.25 for y in years]
    return int(pick(rng, years, weights))


def draw_territories(
    rng: np.random.Generator, geo: Geography, countries: list[str], multi: bool
) -> list[str]:
    """Cities of origin the association names: often one, now and then two, per country
    (rarer for associations of several communities)."""
    territories: list[str] = []
    for iso in countries:
        if rng.random() < (0.80 if not multi else 0.25):
            cities = geo.cities[iso]
            k = 2 if rng.random() < 0.18 else 1
            territories += pick_many(rng, cities, rank_weights(len(cities)), k)
    return territories


def association_theme_weights(a: Association) -> dict[str, float]:
    """Theme weights tilted by where the association's countries stand and who leads it."""
    weights = dict(THEME_WEIGHTS)
    if any(i in CRISIS_COUNTRIES for i in a.countries):
        weights["humanitarian"] *= 4
    if a.women_led:
        weights["health"] *= 1.8
        weights["education"] *= 1.4
    if a.youth_led:
        weights["culture"] *= 1.5
        weights["skills_mobility"] *= 1.8
    return weights


def draw_association_themes(rng: np.random.Generator, a: Association) -> list[str]:
    """One to three themes, drawn with the association's theme weights."""
    weights = association_theme_weights(a)
    k = int(pick(rng, [1, 2, 3], [0.3, 0.45, 0.25]))
    return pick_many(rng, list(weights), list(weights.values()), k)


def draw_association_sdgs(rng: np.random.Generator, a: Association) -> list[int]:
    """The goals of its themes, plus gender, partnerships and inequality now and then."""
    goals = [THEME_GOAL[t] for t in a.themes]
    if a.women_led:
        goals.append(5)
    if rng.random() < 0.4:
        goals.append(17)
    if rng.random() < 0.3:
        goals.append(10)
    return list(dict.fromkeys(goals))[:5]


def assign_ids_and_websites(rng: np.random.Generator, associations: list[Association]) -> None:
    """Number the associations in their final order and give most of them a unique website."""
    slugs: set[str] = set()
    for n, a in enumerate(associations, start=1):
        a.id = f"ASS-{n:04d}"
        if rng.random() < 0.78:
            slug = slugify(a.acronym if len(a.acronym) >= 3 else a.name)[:40].strip("-")
            if slug in slugs:
                slug = f"{slug}-{n:03d}"
            slugs.add(slug)
            a.website = f"https://{slug}.example.org"


def rank_weights(n: int) -> list[float]:
    """Weights that favour the first items of a list (the most typical cities)."""
    return [1.0 / (i + 1) ** 0.8 for i in range(n)]


def association_rows(associations: list[Association]) -> list[dict[str, str]]:
    """The associations as CSV rows (canonical columns, canonical text)."""
    rows = []
    for a in associations:
        number = int(a.id.split("-")[1])
        rows.append(
            {
                schema.A_ID: a.id,
                schema.A_NAME: a.name,
                schema.A_ACRONYM: a.acronym,
                schema.A_MUNICIPALITY: a.municipality,
                schema.A_FOUNDED: str(a.founded),
                schema.A_LEGAL_FORM: a.legal_form,
                schema.A_COUNTRIES: "|".join(a.countries),
                schema.A_TERRITORIES: "|".join(a.territories),
                schema.A_THEMES: "|".join(a.themes),
                schema.A_SDGS: "|".join(str(g) for g in a.sdgs),
                schema.A_MEMBERS: str(a.members),
                schema.A_WOMEN_LED: "true" if a.women_led else "false",
                schema.A_YOUTH_LED: "true" if a.youth_led else "false",
                schema.A_NETWORKS: "|".join(a.networks),
                schema.A_WEBSITE: a.website,
                schema.A_CONTACT_NAME: f"Referente Demo {number:03d}",
                schema.A_CONTACT_EMAIL: f"referente{number:03d}@example.org",
                schema.A_CONTACT_PHONE: "" if number % 19 == 0 else f"+39 000 000 {number:04d}",
            }
        )
    return rows


# =========================================================================================
# Projects
# =========================================================================================


@dataclass
class Project:
    """One project while it is being built."""

    year: int
    lead: Association
    country: str
    territory: str
    archetype: Archetype
    stage: str
    title: str = ""
    summary: str = ""
    partners: list[str] = field(default_factory=list)
    goals: list[int] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    funder: str = ""
    funder_type: str = ""
    programme: str = ""
    requested: int | None = None
    granted: int | None = None
    cofinancing: int | None = None
    submitted: date | None = None
    decided: date | None = None
    start: date | None = None
    end: date | None = None
    beneficiaries: int | None = None
    dac: str = ""  # the archetype's DAC code, or its title's own (title_dac)
    id: str = ""


def crisis_kind(iso3: str, year: int) -> tuple[float, str]:
    """How strongly a crisis hit this country that year, and what kind."""
    boost, kind = 1.0, ""
    for iso, y0, y1, factor, what in CRISES:
        if iso == iso3 and y0 <= year <= y1 and factor > boost:
            boost, kind = factor, what
    return boost, kind


def choose_archetype(
    rng: np.random.Generator, a: Association, country: str, year: int
) -> Archetype:
    """A kind of project that fits the association, the place and the year."""
    boost, _ = crisis_kind(country, year)
    weights = []
    for arch in ARCHETYPES:
        w = arch.weight
        if arch.countries and country not in arch.countries:
            w = 0.0
        if not arch.years[0] <= year <= arch.years[1]:
            w = 0.0
        if arch.key == "covid":
            w = 14.0 if arch.years[0] <= year <= arch.years[1] else 0.0
        if arch.themes[0] in a.themes:
            w *= 3.0
        elif any(t in a.themes for t in arch.themes):
            w *= 1.6
        if arch.key in HUMANITARIAN:
            w *= boost**1.2
        if arch.key == "prevention" and country not in MALARIA:
            w *= 0.8
        weights.append(w)
    return pick(rng, ARCHETYPES, weights)


def choose_funder(rng: np.random.Generator, p: Project, host: pd.Series) -> tuple[str, str, str]:
    """Funder type, funder and programme, matched to the association's region and city."""
    weights = {k: v * p.archetype.funders.get(k, 1.0) for k, v in FUNDER_WEIGHTS.items()}
    region = str(host["region_istat"])
    if region in SOUTH_REGIONS:
        weights["region"] *= 0.6
    if p.lead.members < 40:
        weights["aics"] *= 0.5
        weights["eu"] *= 0.4
    kind = pick(rng, list(weights), list(weights.values()))
    city = italian_city(str(host["name"]))
    funder = ""
    if kind == "region":
        funder = PROVINCE_FUNDERS.get(str(host["province_istat"]), REGION_FUNDERS.get(region, ""))
    elif kind == "municipality":
        funder = "Roma Capitale" if city == "Roma" else f"Comune di {city}"
    elif kind == "foundation":
        names = FOUNDATIONS[region]
        funder = pick(rng, names, rank_weights(len(names)))
    options = [o for o in PROGRAMMES[kind] if o.years[0] <= p.year <= o.years[1]]
    option_w = [
        4.0
        if o.name == DIASPORA_BUSINESS_PROGRAMME and p.archetype.key == "diaspora_business"
        else o.weight
        for o in options
    ]
    chosen: Programme = pick(rng, options, option_w)
    return kind, funder or chosen.funder, chosen.name


def set_dates(rng: np.random.Generator, p: Project) -> None:
    """Dates that agree with the stage and with AS_OF (submitted <= decided <= start <= end)."""
    duration = int(pick(rng, [6, 12, 18, 24, 30, 36], [1, 4, 3, 4, 1, 2]))
    if p.stage in ("idea", "concept"):
        p.start = draw_planned_start(rng, AS_OF + timedelta(days=30))
        p.end = last_day(p.start, duration)
    elif p.stage == "submitted":
        low, high = submission_window(p.year)
        p.submitted = rand_date(rng, max(low, AS_OF - timedelta(days=200)), high)
    elif p.stage == "approved":
        p.decided = AS_OF - timedelta(days=int(rng.integers(5, 120)))
        p.submitted = p.decided - timedelta(days=int(rng.integers(60, 200)))
        p.start = draw_planned_start(rng, AS_OF + timedelta(days=15))
        p.end = last_day(p.start, duration)
    else:
        set_decided_dates(rng, p, duration)


def submission_window(year: int) -> tuple[date, date]:
    """First and last day on which a project of `year` can have been submitted."""
    return date(year, 1, 10), min(date(year, 12, 20), AS_OF - timedelta(days=10))


def draw_planned_start(rng: np.random.Generator, low: date) -> date:
    """The first of a month after AS_OF, between `low` and LAST_PLANNED_START."""
    start = rand_date(rng, low, LAST_PLANNED_START).replace(day=1)
    return add_months(start, 1) if start <= AS_OF else start


def last_day(start: date, months: int) -> date:
    """The last day of a project that starts on `start` and lasts `months`."""
    return add_months(start, months) - timedelta(days=1)


def set_decided_dates(rng: np.random.Generator, p: Project, duration: int) -> None:
    """Dates of a project submitted in its year and since decided, withdrawn or under way."""
    low, high = submission_window(p.year)
    p.submitted = rand_date(rng, low, high)
    p.decided = min(p.submitted + timedelta(days=int(rng.integers(45, 210))), AS_OF)
    if p.stage == "withdrawn":
        p.decided = None
        return
    if p.stage == "rejected":
        return
    p.start = min(p.decided + timedelta(days=int(rng.integers(15, 120))), AS_OF)
    if p.stage == "cancelled":
        if rng.random() < 0.4:  # cancelled before it started
            p.start = None
        else:
            p.end = min(p.start + timedelta(days=int(rng.integers(60, 400))), AS_OF)
        return
    if p.stage == "completed":
        p.end = completed_end(p.start, duration)
        if p.end is None:
            p.stage = "in_progress"  # too recent to be over: still running
    if p.stage == "in_progress":
        p.end = running_end(rng, p.start, duration)


def completed_end(start: date, duration: int) -> date | None:
    """The end of a completed project: its full duration, or a shorter one that fits before
    AS_OF; None if even six months have not passed."""
    for months in (duration, 12, 6):
        end = last_day(start, months)
        if end <= AS_OF:
            return end
    return None


def running_end(rng: np.random.Generator, start: date, duration: int) -> date:
    """The planned end of a project in progress, after AS_OF."""
    end = last_day(start, duration)
    if end <= AS_OF:  # extended, as long projects often are
        end = AS_OF + timedelta(days=int(rng.integers(30, 400)))
    return end


def set_amounts(rng: np.random.Generator, p: Project) -> None:
    """Requested, granted and co-financing amounts consistent with funder and stage."""
    if not p.funder_type:
        low, high = 5_000, 120_000
    else:
        low, high = AMOUNT_RANGES[p.funder_type]
    u = rng.beta(1.3, 2.4)
    requested = round_amount(low * (high / low) ** u)
    if p.stage == "idea" and rng.random() < 0.7:
        return
    if p.stage == "concept" and rng.random() < 0.3:
        return
    p.requested = requested
    p.cofinancing = 0 if rng.random() < 0.12 else round_amount(requested * rng.uniform(0.03, 0.3))
    if p.stage in schema.APPROVED_STAGES:
        if rng.random() < 0.45:
            p.granted = requested
        else:
            step = 100 if requested < 100_000 else 1_000
            p.granted = int(requested * rng.uniform(0.6, 0.98) // step * step)


def make_projects(
    geo: Geography, associations: list[Association], rng: np.random.Generator
) -> list[Project]:
    """Projects led by the associations, from 2015 to 2026."""
    hosts = geo.hosts.set_index("municipality_istat")
    # Keyed by municipality code (a string; pandas types index labels only as Hashable).
    regions = cast(dict[str, str], hosts["region_istat"].astype(str).to_dict())
    by_iso = {c.iso3: c for c in geo.communities}
    groups: dict[str, list[str]] = defaultdict(list)
    for c in geo.communities:
        groups[c.group].append(c.iso3)
    active = np.array([0.0 if rng.random() < 0.12 else 1.0 for _ in associations])
    activity = (
        np.array(
            [
                (a.members**0.3)
                * (1.6 if "summit" in a.networks else 1.0)
                * (2026 - a.founded) ** 0.3
                for a in associations
            ]
        )
        * rng.lognormal(0.0, 0.5, len(associations))
        * active
    )
    leads = rng.choice(len(associations), size=N_PROJECTS, p=activity / activity.sum())
    projects: list[Project] = []
    titles: Counter[str] = Counter()
    for li in leads:
        a = associations[int(li)]
        years = [y for y in YEARS if y > a.founded]
        year = int(pick(rng, years, [YEAR_WEIGHTS[y] for y in years]))
        # Destination: the community's country, now and then a neighbour.
        mates = [i for i in groups[by_iso[a.countries[0]].group] if i not in a.countries]
        if mates and rng.random() < 0.08:
            country = pick(rng, mates, [1] * len(mates))
        else:
            country = pick(rng, a.countries, [3] + [1] * (len(a.countries) - 1))
        cities = geo.cities[country]
        known = [t for t in a.territories if t in cities]
        if rng.random() < 0.10:
            territory = ""
        elif known and rng.random() < 0.65:
            territory = pick(rng, known, [1] * len(known))
        else:
            territory = pick(rng, cities, rank_weights(len(cities)))
        arch = choose_archetype(rng, a, country, year)
        stage = pick(rng, list(STAGE_WEIGHTS[year]), list(STAGE_WEIGHTS[year].values()))
        p = Project(
            year=year, lead=a, country=country, territory=territory, archetype=arch, stage=stage
        )
        goals = [arch.goals[0]] + [g for g in arch.goals[1:] if rng.random() < 0.55]
        p.goals = goals[:3]
        if rng.random() < 0.40:
            pool = [t for g in p.goals for t in arch.targets.get(g, ())]
            p.targets = sorted(
                pick_many(rng, pool, [1] * len(pool), int(rng.integers(1, 3))), key=target_key
            )
        p.themes = (
            list(arch.themes) if len(arch.themes) == 1 or rng.random() < 0.75 else [arch.themes[0]]
        )
        # hosts is indexed by its unique municipality codes: .loc gives one row.
        host = cast("pd.Series[Any]", hosts.loc[a.municipality])
        funder_known = {"idea": 0.5, "concept": 0.8}.get(stage, 1.0)
        if rng.random() < funder_known:
            p.funder_type, p.funder, p.programme = choose_funder(rng, p, host)
        set_dates(rng, p)
        set_amounts(rng, p)
        p.partners = choose_partners(rng, p, associations, regions)
        low, high = arch.beneficiaries
        scale = ((p.requested or 40_000) / 40_000) ** 0.25
        beneficiaries = np.exp(rng.uniform(np.log(low), np.log(high))) * scale
        step = 5 if beneficiaries < 200 else 10 if beneficiaries < 2000 else 50
        p.beneficiaries = int(np.clip(round(beneficiaries / step) * step, 20, 20_000))
        if stage == "idea" and rng.random() < 0.6:
            p.beneficiaries = None
        write_texts(rng, p, by_iso[country], italian_city(str(host["name"])), titles)
        projects.append(p)
    projects.sort(key=lambda p: (p.year, first_date(p), p.lead.id, p.title))
    for n, p in enumerate(projects, start=1):
        p.id = f"PRJ-{n:04d}"
    return projects


def declare_project_goals(associations: list[Association], projects: list[Project]) -> None:
    """Add to each association's goals those its projects serve and it had not declared
    (in the order its projects first serve them): no draw, so the other tables stay as drawn."""
    served: dict[str, list[int]] = defaultdict(list)
    for p in projects:
        served[p.lead.id] += [g for g in p.goals if g not in served[p.lead.id]]
    for a in associations:
        a.sdgs += [g for g in served[a.id] if g not in a.sdgs]


def target_key(target: str) -> tuple[int, int, str]:
    """Sort SDG targets as the UN lists them: 4.4 before 4.10 before 4.a."""
    goal, sub = target.split(".")
    return (int(goal), int(sub) if sub.isdigit() else 100, sub)


def first_date(p: Project) -> str:
    """The earliest date of a project, for a stable chronological order."""
    dates = [d for d in (p.submitted, p.decided, p.start, p.end) if d is not None]
    return min(dates).isoformat() if dates else "9999"


def choose_partners(
    rng: np.random.Generator,
    p: Project,
    associations: list[Association],
    regions: dict[str, str],
) -> list[str]:
    """Zero, one or two partner associations, mostly from the same city or region."""
    chance = 0.45 if p.funder_type in ("aics", "eu", "ministry") else 0.2
    if rng.random() >= chance:
        return []
    lead = p.lead
    region = regions[lead.municipality]
    candidates, weights = [], []
    for a in associations:
        if a is lead or a.founded >= p.year:
            continue
        same_city = a.municipality == lead.municipality
        if not same_city and regions[a.municipality] != region:
            continue
        w = 3.0 if same_city else 1.0
        if p.country in a.countries:
            w *= 3.0
        candidates.append(a.id)
        weights.append(w)
    if not candidates:
        return []
    k = 1 if rng.random() < 0.75 else 2
    return sorted(pick_many(rng, candidates, weights, k))


def write_texts(
    rng: np.random.Generator,
    p: Project,
    community: Community,
    city: str,
    titles: Counter[str],
) -> None:
    """Title and summary in Italian, from the archetype's templates."""
    arch = p.archetype
    _, kind = crisis_kind(p.country, p.year)
    disaster, damaged = DISASTER_WORDS.get(kind or "flood", DISASTER_WORDS["flood"])
    values = {
        "loc": locative_city(p.territory) if p.territory else community.loc,
        "place": partner_name(p.territory) if p.territory else community.name,
        "adj": community.adj,
        "city_it": city,
        "crop": pick(rng, community.crops, [1] * len(community.crops)),
        "disaster": disaster,
        "damaged": damaged,
    }
    titles_ok = [t for t in arch.titles if "malaria" not in t or p.country in MALARIA]
    if not p.territory:  # "tra Brescia e Senegal" reads wrong: keep titles that say "in ..."
        titles_ok = [t for t in titles_ok if "{place}" not in t]
    template = pick(rng, titles_ok, [1] * len(titles_ok))
    p.dac = arch.title_dac.get(template, arch.dac)
    title = template.format(**values)
    key = f"{p.lead.id}|{title}"
    titles[key] += 1
    if titles[key] > 1:
        title = f"{title} - fase {titles[key]}"
    p.title = title
    first = pick(rng, arch.summaries, [1] * len(arch.summaries)).format(**values)
    closing = pick(
        rng,
        [
            f"Promosso da {p.lead.name} con la comunità {community.adj} di {city}.",
            f"L'iniziativa nasce dalla diaspora {community.adj} di {city} e coinvolge partner "
            "locali.",
            f"Capofila: {p.lead.name}.",
        ],
        [2, 2, 1],
    )
    p.summary = f"{first} {closing}"


def project_rows(projects: list[Project]) -> list[dict[str, str]]:
    """The projects as CSV rows."""

    def text(value: object) -> str:
        if value is None:
            return ""
        return value.isoformat() if isinstance(value, date) else str(value)

    return [
        {
            schema.P_ID: p.id,
            schema.P_TITLE: p.title,
            schema.P_SUMMARY: p.summary,
            schema.P_LEAD: p.lead.id,
            schema.P_PARTNERS: "|".join(p.partners),
            schema.P_MUNICIPALITY: p.lead.municipality,
            schema.P_COUNTRY: p.country,
            schema.P_TERRITORY: p.territory,
            schema.P_SDGS: "|".join(str(g) for g in p.goals),
            schema.P_TARGETS: "|".join(p.targets),
            schema.P_THEMES: "|".join(p.themes),
            schema.P_DAC: p.dac,
            schema.P_FUNDER: p.funder,
            schema.P_FUNDER_TYPE: p.funder_type,
            schema.P_PROGRAMME: p.programme,
            schema.P_STAGE: p.stage,
            schema.P_REQUESTED: text(p.requested),
            schema.P_GRANTED: text(p.granted),
            schema.P_COFINANCING: text(p.cofinancing),
            schema.P_SUBMITTED: text(p.submitted),
            schema.P_DECIDED: text(p.decided),
            schema.P_START: text(p.start),
            schema.P_END: text(p.end),
            schema.P_BENEFICIARIES: text(p.beneficiaries),
        }
        for p in projects
    ]


# =========================================================================================
# Twinnings
# =========================================================================================


def make_twinnings(
    geo: Geography,
    associations: list[Association],
    projects: list[Project],
    rng: np.random.Generator,
) -> list[dict[str, str]]:
    """Twinnings between host cities and the cities their communities come from."""
    places = draw_twinning_places(rng, geo, associations)
    types, statuses = draw_types_and_statuses(rng, len(places))
    by_place: dict[tuple[str, str], list[Project]] = defaultdict(list)
    for p in projects:
        by_place[(p.lead.municipality, p.country)].append(p)
    rows = [
        draw_twinning(rng, municipality, iso, city, kind, status, by_place[(municipality, iso)])
        for (municipality, iso, city), kind, status in zip(places, types, statuses, strict=True)
    ]
    # By the gazetteer's name, so that ids do not move when a partner city's Italian name changes.
    rows.sort(key=lambda r: (r[schema.T_MUNICIPALITY], r[schema.T_PARTNER_TERRITORY]))
    for n, row in enumerate(rows, start=1):
        row[schema.T_ID] = f"TWN-{n:03d}"
    return rows


def community_ties(
    geo: Geography, associations: list[Association]
) -> tuple[Counter[tuple[str, str]], dict[tuple[str, str], list[str]]]:
    """(host, country) -> how many associations tie them, and the origin cities they name."""
    pairs: Counter[tuple[str, str]] = Counter()
    known: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a in associations:
        for iso in a.countries:
            pairs[(a.municipality, iso)] += 1
        for t in a.territories:
            for iso in a.countries:
                if t in geo.cities[iso] and t not in known[(a.municipality, iso)]:
                    known[(a.municipality, iso)].append(t)
    return pairs, known


def draw_twinning_places(
    rng: np.random.Generator, geo: Geography, associations: list[Association]
) -> list[tuple[str, str, str]]:
    """N_TWINNINGS distinct (host, country, partner city), likelier where communities are
    organised and hosts are large."""
    hosts = geo.hosts.set_index("municipality_istat")
    pairs, known = community_ties(geo, associations)
    keys = sorted(pairs)
    # .loc[code, column] is one cell here (unique index), which pandas types only as a union.
    weights = [
        pairs[k] ** 1.3 * float(cast(float, hosts.loc[k[0], "population"])) ** 0.15 for k in keys
    ]
    chosen: list[tuple[str, str, str]] = []
    used: set[tuple[str, str]] = set()
    while len(chosen) < N_TWINNINGS:
        municipality, iso = pick(rng, keys, weights)
        cities = geo.cities[iso]
        local = known[(municipality, iso)]
        if local and rng.random() < 0.6:
            city = pick(rng, local, [1] * len(local))
        else:
            city = pick(rng, cities, rank_weights(len(cities)))
        if (municipality, city) in used:
            continue
        used.add((municipality, city))
        chosen.append((municipality, iso, city))
    return chosen


def draw_types_and_statuses(rng: np.random.Generator, n: int) -> tuple[list[str], list[str]]:
    """A type and a status for each of n twinnings, every type and status at least once."""
    types = [
        pick(rng, list(TWINNING_TYPE_WEIGHTS), list(TWINNING_TYPE_WEIGHTS.values()))
        for _ in range(n)
    ]
    statuses = [
        pick(rng, list(TWINNING_STATUS_WEIGHTS), list(TWINNING_STATUS_WEIGHTS.values()))
        for _ in range(n)
    ]
    for i, value in enumerate(schema.TWINNING_TYPES):
        if value not in types:
            types[i] = value
    for i, value in enumerate(schema.TWINNING_STATUSES):
        if value not in statuses:
            statuses[-1 - i] = value
    return types, statuses


def draw_twinning(
    rng: np.random.Generator,
    municipality: str,
    iso: str,
    city: str,
    kind: str,
    status: str,
    candidates: list[Project],
) -> dict[str, str]:
    """One twinning as a CSV row (its id is set once the rows are sorted)."""
    year = draw_signing_year(rng, status, iso)
    source = draw_twinning_source(rng, year)
    linked = draw_linked_projects(rng, status, city, candidates)
    return {
        schema.T_ID: "",
        schema.T_MUNICIPALITY: municipality,
        schema.T_PARTNER_CITY: partner_name(city),
        schema.T_PARTNER_COUNTRY: iso,
        schema.T_PARTNER_TERRITORY: city,
        schema.T_TYPE: kind,
        schema.T_STATUS: status,
        schema.T_YEAR: year,
        schema.T_COMMUNITY: iso,
        schema.T_PROJECTS: "|".join(linked),
        schema.T_SOURCE: f"{source} (demo)",
    }


def draw_signing_year(rng: np.random.Generator, status: str, iso: str) -> str:
    """The year a twinning was signed, as text; "" for statuses that have none."""
    if status not in SIGNING_YEARS:
        return ""
    low, high = SIGNING_YEARS[status]
    low = min(max(low, COUNTRY_SINCE.get(iso, low)), high)
    return str(int(rng.integers(low, high + 1)))


def draw_twinning_source(rng: np.random.Generator, year: str) -> str:
    """Where the twinning is recorded: a council act if signed, else a motion or a letter."""
    number = int(rng.integers(3, 180))
    if year:
        return pick(
            rng,
            [
                f"Delibera di Consiglio comunale n. {number}/{year}",
                f"Delibera di Giunta comunale n. {number}/{year}",
                "Sito del Comune",
            ],
            [6, 3, 2],
        )
    recent = int(rng.integers(2023, 2027))
    return pick(
        rng,
        [
            f"Mozione del Consiglio comunale n. {number}/{recent}",
            "Lettera d'intenti tra i sindaci",
            "Proposta delle associazioni della diaspora",
        ],
        [3, 2, 2],
    )


def draw_linked_projects(
    rng: np.random.Generator, status: str, city: str, candidates: list[Project]
) -> list[str]:
    """Ids of up to three projects of the same host and country that a twinning in force
    links to, preferably those in the partner city."""
    if status not in ("signed", "active", "dormant") or not candidates or rng.random() >= 0.55:
        return []
    same = [p for p in candidates if p.territory == city]
    pool = same if same and rng.random() < 0.7 else candidates
    k = min(len(pool), int(pick(rng, [1, 2, 3], [5, 3, 1])))
    return sorted(p.id for p in pick_many(rng, pool, [1] * len(pool), k))


# =========================================================================================
# Calls (bandi): written by hand in data/demo-source/calls.csv; the script checks each one
# against the funders, programmes, amounts and communities the projects use (so that calls
# and projects match), numbers them and gives them an illustrative web address.
# =========================================================================================
GROUP_PREFIX = "group:"  # "group:west_africa": the communities of that group (communities.csv)


class DemoSourceError(ValueError):
    """A row of data/demo-source/ that disagrees with the rest of the demo."""


def community_groups() -> dict[str, tuple[str, ...]]:
    """Group of communities.csv -> its countries, in file order."""
    groups: dict[str, list[str]] = defaultdict(list)
    for community in COMMUNITIES:
        groups[community.group].append(community.iso3)
    return {group: tuple(members) for group, members in groups.items()}


def expand_countries(cell: str, groups: dict[str, tuple[str, ...]]) -> list[str]:
    """A call's eligible countries from ISO3 codes and "group:<name>" items, in order."""
    countries: list[str] = []
    for item in split_cell(cell) if cell else ():
        if item.startswith(GROUP_PREFIX):
            members = groups.get(item.removeprefix(GROUP_PREFIX))
            if members is None:
                raise DemoSourceError(f"unknown group {item!r}")
        else:
            members = (item,)
        countries += [country for country in members if country not in countries]
    return countries


def known_funders(funder_type: str) -> set[str]:
    """The funders of a type that projects can name: the regions, cities and foundations
    where the associations are, else the funders of the type's programmes."""
    if funder_type == "region":
        return set(REGION_FUNDERS.values()) | set(PROVINCE_FUNDERS.values())
    if funder_type == "municipality":
        cities = {italian_city(name) for name in HOSTS}
        return {"Roma Capitale"} | {f"Comune di {city}" for city in cities if city != "Roma"}
    if funder_type == "foundation":
        return {name for names in FOUNDATIONS.values() for name in names}
    return {programme.funder for programme in PROGRAMMES[funder_type]}


def check_call(row: dict[str, str], countries: list[str]) -> list[str]:
    """What is wrong with one source row of calls.csv (nothing, for a good row)."""
    kind, funder = row["funder_type"], row["funder"]
    if kind not in PROGRAMMES:
        return [f"funder_type {kind!r} has no programmes in programmes.csv"]
    problems = []
    if funder not in known_funders(kind):
        problems.append(f"funder {funder!r} is not a {kind} funder of the demo")
    elif not any(p.name == row["programme"] and p.funder in ("", funder) for p in PROGRAMMES[kind]):
        problems.append(f"programme {row['programme']!r} is not one of {funder}'s")
    if unknown := set(countries) - {c.iso3 for c in COMMUNITIES}:
        problems.append(f"countries without a community: {sorted(unknown)}")
    for column, codes in (("themes", schema.THEMES), ("applicants", schema.APPLICANTS)):
        if not row[column] or not set(split_cell(row[column])) <= set(codes):
            problems.append(f"{column} must be codes of {codes}")
    if not {int(goal) for goal in split_cell(row["sdgs"])} <= set(schema.SDG_GOALS):
        problems.append("sdgs must be goals 1-17")
    if row["date_close"] and date.fromisoformat(row["date_close"]) < date.fromisoformat(
        row["date_open"]
    ):
        problems.append("it closes before it opens")
    low, high = AMOUNT_RANGES[kind]
    grants = [int(row[c]) for c in ("grant_min", "grant_max") if row[c]]
    if grants != sorted(grants) or not all(low <= grant <= high for grant in grants):
        problems.append(f"grants must rise and lie within {low}-{high} EUR ({kind})")
    if not 0 <= int(row["cofinancing_share"] or 0) <= 100:
        problems.append("cofinancing_share is a percentage, 0-100")
    return problems


def make_calls() -> list[dict[str, str]]:
    """The calls of calls.csv, checked, in file order: ids CALL-001..., shares as fractions
    (the file writes percentages), web addresses on example.org (the calls are illustrative)."""
    groups = community_groups()
    calls: list[dict[str, str]] = []
    for line, row in enumerate(read_table("calls.csv"), start=2):
        try:
            countries = expand_countries(row["eligible_countries"], groups)
            problems = check_call(row, countries)
        except (DemoSourceError, ValueError, KeyError) as exc:
            problems = [str(exc)]
        if problems:
            raise DemoSourceError(f"calls.csv, line {line}: {'; '.join(problems)}")
        call_id = f"CALL-{len(calls) + 1:03d}"
        share = row["cofinancing_share"]
        calls.append(
            {
                **{
                    column: row[column]
                    for column in schema.column_names(schema.CALLS)
                    if column in row
                },
                schema.C_ID: call_id,
                schema.C_URL: f"https://{slugify(row['funder'])}.example.org/bandi/{call_id.lower()}",
                schema.C_COUNTRIES: schema.LIST_SEPARATOR.join(countries),
                schema.C_COFINANCING: f"{int(share) / 100:g}" if share else "",
            }
        )
    return calls


# =========================================================================================
# Output
# =========================================================================================


def write_csv(path: Path, kind: str, rows: list[dict[str, str]]) -> None:
    """Canonical CSV: UTF-8, comma, schema header, LF line ends."""
    columns = schema.column_names(kind)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row.get(c, "") for c in columns])


def generate(out: Path) -> dict[str, int]:
    """Build every table and write them into `out`; return their row counts."""
    geo = load_geography()
    pattern = make_residents(geo, np.random.default_rng([SEED, 1]))
    associations = make_associations(geo, pattern, np.random.default_rng([SEED, 2]))
    projects = make_projects(geo, associations, np.random.default_rng([SEED, 3]))
    declare_project_goals(associations, projects)
    twinnings = make_twinnings(geo, associations, projects, np.random.default_rng([SEED, 4]))
    others = other_residents(geo, np.random.default_rng([SEED, 5]))
    residents = calibrate_residents(geo, pattern, others)
    calls = make_calls()  # hand-written: no draw, so the other tables' draws are untouched
    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "associations.csv", schema.ASSOCIATIONS, association_rows(associations))
    write_csv(out / "projects.csv", schema.PROJECTS, project_rows(projects))
    write_csv(out / "twinnings.csv", schema.TWINNINGS, twinnings)
    resident_rows = [{str(k): str(v) for k, v in r.items()} for r in residents.to_dict("records")]
    write_csv(out / "residents.csv", schema.RESIDENTS, resident_rows)
    write_csv(out / "calls.csv", schema.CALLS, calls)
    return {
        schema.ASSOCIATIONS: len(associations),
        schema.PROJECTS: len(projects),
        schema.TWINNINGS: len(twinnings),
        schema.RESIDENTS: len(residents),
        schema.CALLS: len(calls),
    }


# Parts of Italy (ISTAT's NUTS 1 groups) for the summary.
AREAS: dict[str, tuple[str, ...]] = {
    "North-West": ("01", "02", "03", "07"),
    "North-East": ("04", "05", "06", "08"),
    "Centre": ("09", "10", "11", "12"),
    "South and islands": ("13", "14", "15", "16", "17", "18", "19", "20"),
}


def summarise_residents(folder: Path) -> list[str]:
    """Lines stating the residents of `folder`/residents.csv on 1 January 2024 against the
    calibration: total, the twelve largest citizenships, the parts of Italy, concentrations."""
    residents = pd.read_csv(folder / "residents.csv", dtype={"province_istat": "string"})
    latest = residents[residents[schema.R_YEAR] == RESIDENTS_YEAR]
    counts = latest[schema.R_RESIDENTS].astype("int64")
    total = int(counts.sum())
    lines = [
        f"Foreign residents, 1 January {RESIDENTS_YEAR}: {total:,} (ISTAT {RESIDENTS_TOTAL_2024:,})"
    ]
    ranking = counts.groupby(latest[schema.R_CITIZENSHIP]).sum().sort_values(ascending=False)
    lines.append(
        "Largest citizenships: "
        + ", ".join(f"{iso3} {int(n):,}" for iso3, n in ranking.head(12).items())
    )
    regions = reference.load_provinces().set_index("province_istat")["region_istat"]
    by_region = counts.groupby(latest[schema.R_PROVINCE].map(regions)).sum()
    expected = pd.Series(REGION_RESIDENTS, dtype="float64")
    for area, codes in AREAS.items():
        share = 100 * by_region.reindex(list(codes)).sum() / total
        target = 100 * expected[list(codes)].sum() / expected.sum()
        lines.append(f"{area}: {share:.1f} % (regions.csv {target:.1f} %)")
    municipalities = reference.load_municipalities()
    names = reference.load_provinces().set_index("province_istat")["name"]
    for iso3, city, share in CONCENTRATIONS:
        province = str(resolve_municipality(municipalities, city)["province_istat"])
        own = latest[schema.R_CITIZENSHIP] == iso3
        here = own & (latest[schema.R_PROVINCE] == province)
        found = 100 * counts[here].sum() / counts[own].sum()
        where = f"the province of {names[province]} ({city})"
        lines.append(f"{iso3} in {where}: {found:.1f} % (concentrations.csv {share:g} %)")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help=f"folder for the CSV files (default: {DEFAULT_OUT})",
    )
    parser.add_argument(
        "--summary",
        action="store_true",
        help="write nothing: print what residents.csv in the folder holds against ISTAT's figures",
    )
    args = parser.parse_args(argv)
    if args.summary:
        print("\n".join(summarise_residents(args.out)))
        return 0
    counts = generate(args.out)
    for kind, count in counts.items():
        print(f"{kind}: {count} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
