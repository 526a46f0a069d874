"""The reference tables in data/reference/ (built by scripts/build_reference.py) hold what
a user of the dashboard will see: goals and their colours, countries with Italian names,
Italy's regions, provinces and municipalities, and origin cities abroad."""

from __future__ import annotations

import pandas as pd
import pytest
from shapely.geometry import Point

from ponti.reference import (
    REFERENCE_DIR,
    load_countries,
    load_municipalities,
    load_provinces,
    load_regions,
    load_sdgs,
    load_territories,
    load_world,
    sdg_colours,
)

SAMPLE_ISO3 = ["ITA", "SEN", "MAR", "ROU", "BGD", "PER", "ALB", "UKR", "CHN", "XKX"]


# ---------------------------------------------------------------------------- SDGs


def test_seventeen_goals_with_official_colours():
    sdgs = load_sdgs()
    assert list(sdgs["goal"]) == list(range(1, 18))
    colours = sdg_colours()
    assert colours[1] == "#E5243B"
    assert colours[4] == "#C5192D"
    assert colours[17] == "#19486A"
    assert sdgs["colour"].str.fullmatch(r"#[0-9A-F]{6}").all()
    assert sdgs["colour"].is_unique


def test_goal_names_in_both_languages():
    sdgs = load_sdgs().set_index("goal")
    assert sdgs.loc[1, "name_en"] == "No Poverty"
    assert sdgs.loc[1, "name_it"] == "Sconfiggere la povertà"
    assert sdgs.loc[4, "name_it"] == "Istruzione di qualità"
    assert sdgs.loc[14, "name_it"] == "La vita sott'acqua"
    assert sdgs.loc[17, "name_en"] == "Partnerships for the Goals"
    assert (sdgs["name_it"] != "").all() and (sdgs["name_en"] != "").all()


def test_sdg_targets_are_the_169_official_numbers():
    targets = pd.read_csv(REFERENCE_DIR / "sdg_targets.csv", dtype=str, keep_default_na=False)
    assert list(targets.columns) == ["goal", "target"]
    assert len(targets) == 169
    assert targets["target"].is_unique
    assert {"1.1", "1.b", "4.4", "4.c", "8.10", "16.b", "17.19"} <= set(targets["target"])
    assert "17.20" not in set(targets["target"]) and "17.a" not in set(targets["target"])
    assert (targets["target"].str.split(".").str[0] == targets["goal"]).all()
    assert targets.groupby("goal").size()["17"] == 19


# ---------------------------------------------------------------------------- countries


def test_countries_codes_are_strings_and_unique():
    countries = load_countries()
    for column in ("iso3", "iso2", "m49_region", "m49_subregion"):
        assert countries[column].dtype == "string", column
    assert countries["iso3"].is_unique and countries["iso2"].is_unique
    assert countries["iso3"].str.fullmatch(r"[A-Z]{3}").all()
    assert countries["iso2"].str.fullmatch(r"[A-Z]{2}").all()
    assert set(countries["m49_region"]) == {"002", "019", "142", "150", "009"}
    assert countries["m49_subregion"].str.fullmatch(r"\d{3}").all()
    assert len(countries) > 200


def test_origin_countries_have_italian_names():
    countries = load_countries().set_index("iso3")
    assert set(SAMPLE_ISO3) <= set(countries.index)
    assert countries.loc["ITA", "name_it"] == "Italia"
    assert countries.loc["SEN", "name_it"] == "Senegal"
    assert countries.loc["MAR", "name_it"] == "Marocco"
    assert countries.loc["ROU", "name_it"] == "Romania"
    assert countries.loc["BGD", "name_it"] == "Bangladesh"
    assert countries.loc["MAR", "name_en"] == "Morocco"
    assert countries.loc["SEN", "iso2"] == "SN"
    assert countries.loc["XKX", "iso2"] == "XK"


@pytest.mark.parametrize(
    ("iso3", "region", "subregion"),
    [
        ("MAR", "002", "015"),  # Northern Africa
        ("SEN", "002", "011"),  # Western Africa
        ("ROU", "150", "151"),  # Eastern Europe
        ("ITA", "150", "039"),  # Southern Europe
        ("PER", "019", "005"),  # South America
        ("BGD", "142", "034"),  # Southern Asia
        ("AUS", "009", "053"),  # Australia and New Zealand
    ],
)
def test_m49_regions(iso3, region, subregion):
    country = load_countries().set_index("iso3").loc[iso3]
    assert country["m49_region"] == region
    assert country["m49_subregion"] == subregion


def test_country_points_are_plausible():
    countries = load_countries().set_index("iso3")
    assert countries["lat"].between(-90, 90).all() and countries["lon"].between(-180, 180).all()
    assert 36 < countries.loc["ITA", "lat"] < 47 and 6 < countries.loc["ITA", "lon"] < 19
    assert 12 < countries.loc["SEN", "lat"] < 17 and -18 < countries.loc["SEN", "lon"] < -11


def test_world_outlines_cover_every_country():
    world = load_world()
    countries = load_countries()
    assert world.crs.to_epsg() == 4326
    assert world["iso3"].is_unique
    assert set(world["iso3"]) == set(countries["iso3"])
    assert set(SAMPLE_ISO3) <= set(world["iso3"])
    assert world.is_valid.all() and not world.is_empty.any()


def test_world_outlines_contain_their_country_points():
    world = load_world().set_index("iso3")
    countries = load_countries().set_index("iso3")
    for iso3 in SAMPLE_ISO3:
        point = Point(countries.loc[iso3, "lon"], countries.loc[iso3, "lat"])
        assert world.loc[iso3, "geometry"].buffer(0.2).contains(point), iso3


# ---------------------------------------------------------------------------- Italy


def test_twenty_regions():
    regions = load_regions()
    assert len(regions) == 20
    assert list(regions["region_istat"]) == [f"{i:02d}" for i in range(1, 21)]
    names = dict(zip(regions["region_istat"], regions["name"], strict=True))
    assert names["12"] == "Lazio"
    assert names["04"] == "Trentino-Alto Adige/Südtirol"


def test_one_hundred_seven_provinces():
    provinces = load_provinces()
    assert len(provinces) == 107
    assert provinces["province_istat"].str.fullmatch(r"\d{3}").all()
    assert provinces["province_istat"].is_unique
    assert provinces["abbreviation"].str.fullmatch(r"[A-Z]{2}").all()
    assert provinces["abbreviation"].is_unique
    torino = provinces.set_index("province_istat").loc["001"]
    assert (torino["name"], torino["abbreviation"], torino["region_istat"]) == (
        "Torino",
        "TO",
        "01",
    )
    assert set(provinces["region_istat"]) <= set(load_regions()["region_istat"])


def test_municipalities_codes_and_names():
    municipalities = load_municipalities()
    assert len(municipalities) > 7800
    codes = municipalities["municipality_istat"]
    assert codes.str.fullmatch(r"\d{6}").all()
    assert codes.is_unique
    by_code = municipalities.set_index("municipality_istat")
    assert by_code.loc["058091", "name"] == "Roma"
    assert by_code.loc["001272", "name"] == "Torino"
    assert by_code.loc["021008", "name"] == "Bolzano/Bozen"
    # Slovene names are spelt correctly (the source package carried broken characters).
    assert by_code.loc["032001", "name"] == "Duino Aurisina-Devin Nabrežina"
    assert not municipalities["name"].str.contains(r"[\x80-\x9f?]", regex=True).any()
    # The municipalities born of the 2023 mergers are on the map.
    assert by_code.loc["005122", "name"] == "Moransengo-Tonengo"
    assert by_code.loc["012144", "name"] == "Bardello con Malgesso e Bregano"


def test_rome_is_where_it_should_be():
    roma = load_municipalities().set_index("municipality_istat").loc["058091"]
    assert roma["lat"] == pytest.approx(41.9, abs=0.15)
    assert roma["lon"] == pytest.approx(12.5, abs=0.2)
    assert (roma["province_istat"], roma["region_istat"]) == ("058", "12")
    assert roma["population"] > 2_500_000


def test_every_municipality_has_its_province_and_region():
    municipalities = load_municipalities()
    provinces = load_provinces().set_index("province_istat")
    assert set(municipalities["province_istat"]) == set(provinces.index)
    assert set(municipalities["region_istat"]) <= set(load_regions()["region_istat"])
    # The province's region is the municipality's region.
    expected = municipalities["province_istat"].map(provinces["region_istat"])
    assert (expected == municipalities["region_istat"]).all()
    # Municipal codes start with their province code.
    assert (municipalities["municipality_istat"].str[:3] == municipalities["province_istat"]).all()


def test_municipality_population_and_points():
    municipalities = load_municipalities()
    population = municipalities["population"]
    assert population.notna().mean() > 0.99
    assert 58_000_000 < population.sum() < 60_500_000
    assert municipalities["lat"].between(35.4, 47.1).all()
    assert municipalities["lon"].between(6.6, 18.6).all()


def test_italian_layers_have_geometry_in_wgs84():
    for loader in (load_regions, load_provinces, load_municipalities):
        layer = loader(geometry=True)
        assert layer.crs.to_epsg() == 4326
        assert layer.is_valid.all() and not layer.is_empty.any()
        # Without geometry the same table comes back as plain columns.
        assert "geometry" not in loader().columns


# ---------------------------------------------------------------------------- territories


def test_territories_hold_origin_cities():
    territories = load_territories()
    assert len(territories) > 20_000
    assert territories["territory_id"].is_unique
    assert territories["territory_id"].str.fullmatch(r"\d+").all()
    assert "ITA" not in set(territories["country_iso3"])
    assert set(territories["country_iso3"]) <= set(load_countries()["iso3"])
    assert territories["ascii_name"].str.fullmatch(r"[\x20-\x7e]+").all()


@pytest.mark.parametrize(
    ("name", "iso3", "lat", "lon"),
    [
        ("Dakar", "SEN", 14.69, -17.44),
        ("Casablanca", "MAR", 33.59, -7.61),
        ("Bucharest", "ROU", 44.43, 26.11),
        ("Dhaka", "BGD", 23.71, 90.41),
        ("Lima", "PER", -12.04, -77.03),
    ],
)
def test_known_cities(name, iso3, lat, lon):
    territories = load_territories()
    hits = territories[(territories["name"] == name) & (territories["country_iso3"] == iso3)]
    assert len(hits) == 1, name
    city = hits.iloc[0]
    assert city["lat"] == pytest.approx(lat, abs=0.1)
    assert city["lon"] == pytest.approx(lon, abs=0.1)
    assert city["population"] > 500_000


def test_small_capitals_are_included():
    # Capitals are kept even below the 15,000-inhabitant threshold.
    territories = load_territories()
    pairs = set(zip(territories["name"], territories["country_iso3"], strict=True))
    assert {("Vaduz", "LIE"), ("San Marino", "SMR"), ("Vatican City", "VAT")} <= pairs
