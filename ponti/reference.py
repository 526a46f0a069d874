"""Read the reference tables shipped in data/reference/ (built by scripts/build_reference.py).

Codes are kept as zero-padded strings: regions "01".."20", provinces "001".."111",
municipalities "001272" (6 digits), M49 regions "002". Nothing here touches the network.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "data" / "reference"

SDGS_FILE = "sdgs.csv"
COUNTRIES_FILE = "countries.csv"
REGIONS_FILE = "regions.parquet"
PROVINCES_FILE = "provinces.parquet"
MUNICIPALITIES_FILE = "municipalities.parquet"
WORLD_FILE = "world.parquet"
TERRITORIES_FILE = "territories.parquet"
COUNTRY_ALIASES_FILE = "country_aliases.csv"

# ISTAT's citizenship "Apolide" (stateless persons) in countries.csv: ICAO Doc 9303's code for a
# stateless person, from the ISO 3166-1 user-assigned range. It has no region and no point.
STATELESS = "XXA"

_CODE_DTYPES = {
    "region_istat": "string",
    "province_istat": "string",
    "municipality_istat": "string",
    "iso3": "string",
    "iso2": "string",
    "m49_region": "string",
    "m49_subregion": "string",
    "country_iso3": "string",
    "territory_id": "string",
}


def _path(name: str) -> Path:
    return REFERENCE_DIR / name


@lru_cache(maxsize=1)
def load_sdgs() -> pd.DataFrame:
    """The 17 goals: goal (int), name_it, name_en, colour (official hex)."""
    return pd.read_csv(_path(SDGS_FILE), dtype={"goal": "int64"}, keep_default_na=False)


@lru_cache(maxsize=1)
def load_countries() -> pd.DataFrame:
    """Countries: iso3, iso2, name_en, name_it, m49_region, m49_subregion, lat, lon.

    Every ISO 3166-1 code, Kosovo (XKX) and the stateless (STATELESS, no region or point);
    Antarctica has no region."""
    return pd.read_csv(
        _path(COUNTRIES_FILE), dtype=_CODE_DTYPES, keep_default_na=False, na_values=[""]
    )


@lru_cache(maxsize=1)
def load_country_aliases() -> pd.DataFrame:
    """Other names of countries as ISTAT writes them ("Malesia", "Repubblica Sudafricana",
    "Apolide"): iso3, alias, source. Names of countries.csv are not repeated here."""
    return pd.read_csv(_path(COUNTRY_ALIASES_FILE), dtype="string", keep_default_na=False)


MUNICIPALITY_CHANGES_FILE = "municipality_changes.csv"
_CHANGE_COLUMNS = ["code", "name", "current_code", "change"]


@lru_cache(maxsize=1)
def load_municipality_changes() -> pd.DataFrame:
    """Municipal codes ISTAT suppressed and names it changed since the list of 1 January 2023:
    code, name (as it was), current_code, change ("merged" or "renamed"). Empty when the list
    shipped is that of 1 January 2023 (built with `--italy 2023`) or the file is absent."""
    path = _path(MUNICIPALITY_CHANGES_FILE)
    if not path.is_file():
        return pd.DataFrame({column: pd.Series(dtype="string") for column in _CHANGE_COLUMNS})
    return pd.read_csv(path, dtype="string", keep_default_na=False)


def _read_table(name: str, geometry: bool) -> pd.DataFrame:
    if geometry:
        # geopandas ships no type information: name what its reader returns.
        shapes: pd.DataFrame = gpd.read_parquet(_path(name))
        return shapes
    frame = pd.read_parquet(_path(name))
    return frame.drop(columns=["geometry"], errors="ignore")


@lru_cache(maxsize=2)
def load_regions(geometry: bool = False) -> pd.DataFrame:
    """Italian regions: region_istat, name, lat, lon (+ simplified geometry)."""
    return _read_table(REGIONS_FILE, geometry)


@lru_cache(maxsize=2)
def load_provinces(geometry: bool = False) -> pd.DataFrame:
    """Italian provinces: province_istat, name, abbreviation, region_istat, lat, lon
    (+ geometry)."""
    return _read_table(PROVINCES_FILE, geometry)


@lru_cache(maxsize=2)
def load_municipalities(geometry: bool = False) -> pd.DataFrame:
    """Municipalities: municipality_istat, name, province_istat, region_istat, population,
    lat, lon (+ geometry)."""
    return _read_table(MUNICIPALITIES_FILE, geometry)


@lru_cache(maxsize=1)
def load_world() -> gpd.GeoDataFrame:
    """Simplified world country outlines: iso3, geometry."""
    return gpd.read_parquet(_path(WORLD_FILE))


@lru_cache(maxsize=1)
def load_territories() -> pd.DataFrame:
    """Gazetteer of origin cities: territory_id, name, ascii_name, country_iso3, admin1,
    population, lat, lon."""
    return pd.read_parquet(_path(TERRITORIES_FILE))


def sdg_colours() -> dict[int, str]:
    """Official SDG colour per goal number."""
    sdgs = load_sdgs()
    return dict(zip(sdgs["goal"].astype(int), sdgs["colour"], strict=True))


def _geojson(frame: gpd.GeoDataFrame, tolerance: float, columns: list[str]) -> dict[str, Any]:
    # Simplify for the screen and round to ~1 m so the JSON sent to browsers stays small.
    shapes = frame[[*columns, "geometry"]].copy()
    shapes["geometry"] = shapes.geometry.simplify(tolerance, preserve_topology=True)
    shapes["geometry"] = shapes.geometry.set_precision(1e-5)
    collection: dict[str, Any] = json.loads(shapes.to_json(drop_id=True))
    return collection


@lru_cache(maxsize=4)
def regions_geojson(tolerance: float = 0.01) -> dict[str, Any]:
    """Italian regions as a GeoJSON FeatureCollection (properties region_istat, name)."""
    return _geojson(load_regions(geometry=True), tolerance, ["region_istat", "name"])


@lru_cache(maxsize=4)
def provinces_geojson(tolerance: float = 0.01) -> dict[str, Any]:
    """Italian provinces as GeoJSON (properties province_istat, name, region_istat)."""
    return _geojson(
        load_provinces(geometry=True),
        tolerance,
        ["province_istat", "name", "region_istat"],
    )


@lru_cache(maxsize=1)
def load_sdg_targets() -> pd.DataFrame:
    """The 169 official SDG targets: goal (int), target ("4.4", "8.a")."""
    return pd.read_csv(
        _path("sdg_targets.csv"),
        dtype={"goal": "int64", "target": "string"},
        keep_default_na=False,
    )
