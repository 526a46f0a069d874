"""The shipped demo dataset (data/demo/*.csv): shape, coverage, consistency, reproducibility."""

from __future__ import annotations

import filecmp
import itertools
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest

from ponti import reference, schema

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "data" / "demo"
SCRIPT = REPO / "scripts" / "make_demo.py"
FILES = {kind: DEMO / f"{kind}.csv" for kind in schema.KINDS}
SUBMITTED_OR_LATER = (
    "submitted",
    "approved",
    "in_progress",
    "completed",
    "rejected",
    "withdrawn",
    "cancelled",
)
# The day the demo's calls are set around: some closed before it, most still open after it.
CALLS_TODAY = pd.Timestamp(date(2026, 12, 1))
FUNDER_RANGES = {  # EUR, what the generator promises per funder type
    "municipality": (3_000, 30_000),
    "region": (10_000, 80_000),
    "foundation": (10_000, 150_000),
    "aics": (50_000, 1_500_000),
    "eu": (100_000, 2_000_000),
    "iom": (20_000, 200_000),
}


def _read(kind: str) -> pd.DataFrame:
    return pd.read_csv(FILES[kind], dtype=str, keep_default_na=False, encoding="utf-8")


def _split(value: str) -> list[str]:
    return value.split(schema.LIST_SEPARATOR) if value else []


@pytest.fixture(scope="module")
def associations() -> pd.DataFrame:
    return _read(schema.ASSOCIATIONS)


@pytest.fixture(scope="module")
def projects() -> pd.DataFrame:
    return _read(schema.PROJECTS)


@pytest.fixture(scope="module")
def twinnings() -> pd.DataFrame:
    return _read(schema.TWINNINGS)


@pytest.fixture(scope="module")
def residents() -> pd.DataFrame:
    return _read(schema.RESIDENTS)


@pytest.fixture(scope="module")
def calls() -> pd.DataFrame:
    return _read(schema.CALLS)


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    from scripts import make_demo

    return make_demo


@pytest.fixture(scope="module")
def gazetteer() -> set[tuple[str, str]]:
    """(country, city name) pairs that the loader can resolve."""
    territories = reference.load_territories()
    return set(zip(territories["country_iso3"], territories["name"], strict=True))


# -- format -------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", schema.KINDS)
def test_header_is_exactly_the_canonical_columns(kind: str) -> None:
    first_line = FILES[kind].read_text(encoding="utf-8").split("\n", 1)[0]
    assert first_line == ",".join(schema.column_names(kind))


@pytest.mark.parametrize("kind", schema.KINDS)
def test_files_are_utf8_with_unix_line_ends(kind: str) -> None:
    raw = FILES[kind].read_bytes()
    raw.decode("utf-8")
    assert b"\r" not in raw and raw.endswith(b"\n")
    assert not raw.startswith(b"\xef\xbb\xbf")  # no BOM


@pytest.mark.parametrize(
    ("kind", "minimum"),
    [
        (schema.ASSOCIATIONS, 320),
        (schema.PROJECTS, 650),
        (schema.TWINNINGS, 90),
        (schema.RESIDENTS, 107 * 4 * 20),
        (schema.CALLS, 25),
    ],
)
def test_row_counts(kind: str, minimum: int) -> None:
    assert len(_read(kind)) >= minimum


@pytest.mark.parametrize(
    ("kind", "pattern"),
    [
        (schema.ASSOCIATIONS, r"ASS-\d{4}"),
        (schema.PROJECTS, r"PRJ-\d{4}"),
        (schema.TWINNINGS, r"TWN-\d{3}"),
        (schema.CALLS, r"CALL-\d{3}"),
    ],
)
def test_ids_are_well_formed_and_unique(kind: str, pattern: str) -> None:
    ids = _read(kind)[schema.ID_COLUMN[kind]]
    assert ids.str.fullmatch(pattern).all()
    assert ids.is_unique


@pytest.mark.parametrize("kind", schema.KINDS)
def test_required_columns_are_filled(kind: str) -> None:
    frame = _read(kind)
    for column in schema.COLUMNS[kind]:
        if column.required:
            assert (frame[column.name] != "").all(), column.name


def test_codes_are_zero_padded_strings(
    associations: pd.DataFrame,
    projects: pd.DataFrame,
    twinnings: pd.DataFrame,
    residents: pd.DataFrame,
) -> None:
    municipalities = set(reference.load_municipalities()["municipality_istat"])
    for frame in (associations, projects, twinnings):
        assert frame[schema.A_MUNICIPALITY].str.fullmatch(r"\d{6}").all()
        assert set(frame[schema.A_MUNICIPALITY]) <= municipalities
    assert residents[schema.R_PROVINCE].str.fullmatch(r"\d{3}").all()


# -- associations -------------------------------------------------------------------------
def test_associations_cover_every_region_and_many_municipalities(
    associations: pd.DataFrame,
) -> None:
    places = reference.load_municipalities().set_index("municipality_istat")
    codes = associations[schema.A_MUNICIPALITY]
    assert codes.nunique() >= 60
    assert codes.map(places["region_istat"]).nunique() == 20
    # The big cities lead, as in reality.
    top = codes.map(places["name"]).value_counts()
    assert {"Roma", "Milano"} == set(top.index[:2])


def test_origin_countries_are_many_and_real(associations: pd.DataFrame) -> None:
    countries = associations[schema.A_COUNTRIES].map(_split).explode()
    assert set(countries) <= set(reference.load_countries()["iso3"])
    assert countries.nunique() >= 35
    top = set(countries.value_counts().index[:6])
    assert {"ROU", "MAR", "ALB"} <= top
    per_association = associations[schema.A_COUNTRIES].map(lambda v: len(_split(v)))
    assert per_association.between(1, 3).all()
    assert (per_association == 1).mean() > 0.8
    assert (per_association > 1).any()


def test_origin_territories_are_gazetteer_cities_of_an_origin_country(
    associations: pd.DataFrame,
    gazetteer: set[tuple[str, str]],
) -> None:
    for countries, territories in zip(
        associations[schema.A_COUNTRIES], associations[schema.A_TERRITORIES], strict=True
    ):
        for city in _split(territories):
            assert any((iso, city) in gazetteer for iso in _split(countries)), city


def test_association_fields_use_their_vocabularies(associations: pd.DataFrame) -> None:
    assert associations[schema.A_NAME].is_unique
    assert associations[schema.A_FOUNDED].astype(int).between(1985, 2024).all()
    assert associations[schema.A_MEMBERS].astype(int).between(10, 800).all()
    assert set(associations[schema.A_LEGAL_FORM]) == {
        "APS",
        "ODV",
        "ETS",
        "associazione non riconosciuta",
        "cooperativa sociale",
        "fondazione",
    }
    for flag, (low, high) in {
        schema.A_WOMEN_LED: (0.2, 0.4),
        schema.A_YOUTH_LED: (0.1, 0.3),
    }.items():
        assert set(associations[flag]) == {"true", "false"}
        assert low <= (associations[flag] == "true").mean() <= high
    themes = associations[schema.A_THEMES].map(_split).explode().dropna()
    assert set(themes) <= set(schema.THEMES)
    goals = associations[schema.A_SDGS].map(_split).explode().dropna().astype(int)
    assert goals.between(1, 17).all()
    networks = associations[schema.A_NETWORKS].map(_split).explode().dropna()
    assert set(networks) == {"summit", "forum", "coordinamento_regionale"}


def test_personal_fields_are_obviously_fictitious(associations: pd.DataFrame) -> None:
    assert associations[schema.A_CONTACT_EMAIL].str.endswith("@example.org").all()
    assert associations[schema.A_CONTACT_NAME].str.contains("Demo").all()
    phones = associations[schema.A_CONTACT_PHONE]
    assert phones[phones != ""].str.fullmatch(r"\+39 000 000 \d{4}").all()
    websites = associations[schema.A_WEBSITE]
    assert websites[websites != ""].str.fullmatch(r"https://[a-z0-9-]+\.example\.org").all()
    assert (websites != "").mean() > 0.6
    # No address of any other domain anywhere in any file.
    for path in FILES.values():
        found = set(re.findall(r"@([\w.-]+)", path.read_text(encoding="utf-8")))
        assert found <= {"example.org"}, path.name


# -- projects -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("column", "values"),
    [(schema.P_STAGE, schema.STAGES), (schema.P_FUNDER_TYPE, schema.FUNDER_TYPES)],
)
def test_every_stage_and_funder_type_appears(
    projects: pd.DataFrame, column: str, values: tuple[str, ...]
) -> None:
    present = set(projects[column]) - {""}
    assert present == set(values)


def test_every_theme_and_goal_appears(projects: pd.DataFrame) -> None:
    themes = projects[schema.P_THEMES].map(_split)
    assert themes.map(len).between(1, 2).all()
    assert set(themes.explode()) == set(schema.THEMES)
    goals = projects[schema.P_SDGS].map(lambda v: [int(g) for g in _split(v)])
    assert goals.map(len).between(1, 3).all()
    assert set(goals.explode()) == set(schema.SDG_GOALS)


def test_targets_are_official_and_belong_to_the_goals(projects: pd.DataFrame) -> None:
    official = set(pd.read_csv(reference.REFERENCE_DIR / "sdg_targets.csv", dtype=str)["target"])
    with_targets = projects[projects[schema.P_TARGETS] != ""]
    assert 0.3 <= len(with_targets) / len(projects) <= 0.5
    for goals, targets in zip(
        with_targets[schema.P_SDGS], with_targets[schema.P_TARGETS], strict=True
    ):
        for target in _split(targets):
            assert target in official
            assert target.split(".")[0] in _split(goals)


def test_dac_sectors_are_five_digit_codes(projects: pd.DataFrame) -> None:
    assert projects[schema.P_DAC].str.fullmatch(r"\d{5}").all()
    assert projects[schema.P_DAC].nunique() >= 15


# Words of a title and the OECD DAC (CRS) purpose code a project so titled has.
DAC_BY_TITLE = [
    ("diabete", "12350"),  # other prevention and treatment of NCDs
    ("malaria", "12262"),  # malaria control
    ("materno-infantile", "13020"),  # reproductive health care
    ("materna e neonatale", "13020"),
    ("fotovoltaic", "23231"),  # solar energy, off-grid and standalone
    ("energia solare", "23231"),
    ("COVID-19", "12264"),  # COVID-19 control
    ("pozzi", "14030"),  # basic drinking water and sanitation
    ("pesca artigianale", "31320"),  # fishery development
    ("pescatori", "31320"),
    ("rimboschimento", "31220"),  # forestry development
    ("microcredito", "24040"),  # informal and semi-formal financial intermediaries
    ("commercio equo", "31162"),  # export crops
    ("scuola primaria", "11220"),  # primary education
    ("formazione professionale", "11330"),  # vocational training
    ("rifiuti", "14050"),  # waste management
    ("violenza di genere", "15180"),  # ending violence against women and girls
]


@pytest.mark.parametrize(("words", "dac"), DAC_BY_TITLE)
def test_dac_sectors_fit_the_titles(projects: pd.DataFrame, words: str, dac: str) -> None:
    titled = projects[projects[schema.P_TITLE].str.contains(words, case=False, regex=False)]
    assert set(titled[schema.P_DAC]) <= {dac}, titled[[schema.P_TITLE, schema.P_DAC]]


def test_the_titles_checked_for_their_dac_sector_occur(projects: pd.DataFrame) -> None:
    titles = projects[schema.P_TITLE].str.lower()
    found = [words for words, _ in DAC_BY_TITLE if titles.str.contains(words.lower()).any()]
    # Malaria campaigns are drawn rarely (few destinations): the others all occur.
    assert len(found) >= len(DAC_BY_TITLE) - 1, set(dict(DAC_BY_TITLE)) - set(found)


def test_associations_declare_every_goal_their_projects_serve(
    associations: pd.DataFrame, projects: pd.DataFrame
) -> None:
    declared = dict(
        zip(associations[schema.A_ID], associations[schema.A_SDGS].map(_split), strict=True)
    )
    for lead, goals in zip(projects[schema.P_LEAD], projects[schema.P_SDGS], strict=True):
        assert set(_split(goals)) <= set(declared[lead]), lead


def test_projects_point_at_existing_associations(
    projects: pd.DataFrame, associations: pd.DataFrame
) -> None:
    leads = associations.set_index(schema.A_ID)
    assert projects[schema.P_LEAD].isin(leads.index).all()
    assert (
        projects[schema.P_MUNICIPALITY] == projects[schema.P_LEAD].map(leads[schema.A_MUNICIPALITY])
    ).all()
    with_partners = projects[projects[schema.P_PARTNERS] != ""]
    assert 0.1 <= len(with_partners) / len(projects) <= 0.4
    for lead, partners in zip(
        with_partners[schema.P_LEAD], with_partners[schema.P_PARTNERS], strict=True
    ):
        ids = _split(partners)
        assert 1 <= len(ids) <= 2
        assert set(ids) <= set(leads.index) and lead not in ids


def test_destinations_are_mostly_the_communities_own(
    projects: pd.DataFrame,
    associations: pd.DataFrame,
    gazetteer: set[tuple[str, str]],
) -> None:
    origins = associations.set_index(schema.A_ID)[schema.A_COUNTRIES].map(_split)
    own = [
        country in origins[lead]
        for lead, country in zip(projects[schema.P_LEAD], projects[schema.P_COUNTRY], strict=True)
    ]
    assert sum(own) / len(own) >= 0.85
    blank = projects[schema.P_TERRITORY] == ""
    assert 0.05 <= blank.mean() <= 0.15
    for country, city in zip(
        projects.loc[~blank, schema.P_COUNTRY],
        projects.loc[~blank, schema.P_TERRITORY],
        strict=True,
    ):
        assert (country, city) in gazetteer, city


def _dates(projects: pd.DataFrame) -> pd.DataFrame:
    columns = [schema.P_SUBMITTED, schema.P_DECIDED, schema.P_START, schema.P_END]
    for column in columns:
        filled = projects[column][projects[column] != ""]
        assert filled.str.fullmatch(r"\d{4}-\d{2}-\d{2}").all(), column
    return projects[columns].replace("", None).apply(pd.to_datetime, format="%Y-%m-%d")


def test_dates_follow_the_pipeline(projects: pd.DataFrame, generator: ModuleType) -> None:
    dates = _dates(projects)
    order = [schema.P_SUBMITTED, schema.P_DECIDED, schema.P_START, schema.P_END]
    for earlier, later in itertools.pairwise(order):
        both = dates[earlier].notna() & dates[later].notna()
        assert (dates.loc[both, earlier] <= dates.loc[both, later]).all(), (earlier, later)
    both = dates[schema.P_SUBMITTED].notna() & dates[schema.P_START].notna()
    assert (dates.loc[both, schema.P_SUBMITTED] <= dates.loc[both, schema.P_START]).all()
    stage = projects[schema.P_STAGE]
    as_of = pd.Timestamp(generator.AS_OF)
    early = stage.isin(["idea", "concept"])
    assert dates.loc[early, schema.P_SUBMITTED].isna().all()
    assert dates.loc[early, schema.P_DECIDED].isna().all()
    assert dates.loc[stage.isin(SUBMITTED_OR_LATER), schema.P_SUBMITTED].notna().all()
    assert (dates.loc[stage == "completed", schema.P_END] <= as_of).all()
    running = stage == "in_progress"
    assert (dates.loc[running, schema.P_START] <= as_of).all()
    assert (dates.loc[running, schema.P_END] > as_of).all()
    assert (dates.loc[stage == "approved", schema.P_DECIDED] <= as_of).all()


def test_project_years_span_2015_to_2026(projects: pd.DataFrame) -> None:
    dates = _dates(projects)
    year = dates[schema.P_START].dt.year
    for column in (schema.P_SUBMITTED, schema.P_DECIDED, schema.P_END):
        year = year.fillna(dates[column].dt.year)
    assert year.notna().all()
    assert (year.min(), year.max()) == (2015, 2026)
    assert year.value_counts().min() >= 15  # every year has something to show


def test_stage_mix_is_sensible(projects: pd.DataFrame) -> None:
    stage = projects[schema.P_STAGE]
    decided = stage.isin(schema.DECIDED_STAGES)
    assert 0.12 <= (stage[decided] == "rejected").mean() <= 0.28
    assert (stage == "completed").mean() > 0.3
    assert stage.isin(["withdrawn", "cancelled"]).mean() < 0.15
    pipeline = stage.isin(["idea", "concept", "submitted"])
    submitted = _dates(projects)[schema.P_SUBMITTED].dt.year
    assert (submitted[stage == "submitted"] >= 2025).all()
    assert pipeline.sum() >= 40


def test_amounts_agree_with_stage_and_funder(projects: pd.DataFrame) -> None:
    def number(column: str) -> pd.Series:
        values = projects[column]
        assert values[values != ""].str.fullmatch(r"\d+(\.\d+)?").all(), column
        return pd.to_numeric(values.replace("", None))

    requested, granted = number(schema.P_REQUESTED), number(schema.P_GRANTED)
    cofinancing = number(schema.P_COFINANCING)
    stage = projects[schema.P_STAGE]
    assert (requested[stage.isin(SUBMITTED_OR_LATER)] > 0).all()
    assert granted[~stage.isin(schema.APPROVED_STAGES)].isna().all()
    assert granted[stage.isin(schema.APPROVED_STAGES)].notna().all()
    assert (granted.dropna() <= requested[granted.notna()]).all()
    assert (cofinancing.dropna() <= 0.3 * requested[cofinancing.notna()] + 500).all()
    for kind, (low, high) in FUNDER_RANGES.items():
        these = requested[(projects[schema.P_FUNDER_TYPE] == kind)].dropna()
        assert these.between(low, high).all(), kind
    beneficiaries = pd.to_numeric(projects[schema.P_BENEFICIARIES].replace("", None)).dropna()
    assert beneficiaries.between(20, 20_000).all()


def test_funders_match_their_type_and_the_association(projects: pd.DataFrame) -> None:
    places = reference.load_municipalities().set_index("municipality_istat")["name"]
    kind = projects[schema.P_FUNDER_TYPE]
    funder = projects[schema.P_FUNDER]
    assert (funder[kind == "aics"] == "AICS").all()
    assert funder[kind == "region"].str.match(r"(Regione|Provincia autonoma)").all()
    local = projects[kind == "municipality"]
    for code, name in zip(local[schema.P_MUNICIPALITY], local[schema.P_FUNDER], strict=True):
        city = places[code].split("/")[0]
        assert name in (f"Comune di {city}", "Roma Capitale")
    assert (funder[kind == ""] == "").all()
    assert (funder[kind != ""] != "").all()


# -- twinnings ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("column", "values"),
    [(schema.T_TYPE, schema.TWINNING_TYPES), (schema.T_STATUS, schema.TWINNING_STATUSES)],
)
def test_every_twinning_type_and_status_appears(
    twinnings: pd.DataFrame, column: str, values: tuple[str, ...]
) -> None:
    assert set(twinnings[column]) == set(values)


def test_twinnings_link_real_places_and_existing_projects(
    twinnings: pd.DataFrame,
    associations: pd.DataFrame,
    projects: pd.DataFrame,
    gazetteer: set[tuple[str, str]],
) -> None:
    assert set(twinnings[schema.T_MUNICIPALITY]) <= set(associations[schema.A_MUNICIPALITY])
    assert not twinnings.duplicated([schema.T_MUNICIPALITY, schema.T_PARTNER_CITY]).any()
    assert (twinnings[schema.T_COMMUNITY] == twinnings[schema.T_PARTNER_COUNTRY]).all()
    for country, city in zip(
        twinnings[schema.T_PARTNER_COUNTRY], twinnings[schema.T_PARTNER_TERRITORY], strict=True
    ):
        assert (country, city) in gazetteer, city
    known = projects.set_index(schema.P_ID)
    linked = twinnings[twinnings[schema.T_PROJECTS] != ""]
    assert len(linked) >= 15
    for _, row in linked.iterrows():
        for project_id in _split(row[schema.T_PROJECTS]):
            assert project_id in known.index
            assert known.loc[project_id, schema.P_MUNICIPALITY] == row[schema.T_MUNICIPALITY]
            assert known.loc[project_id, schema.P_COUNTRY] == row[schema.T_PARTNER_COUNTRY]


def test_partner_cities_are_named_as_italian_writes_them(
    twinnings: pd.DataFrame, generator: ModuleType
) -> None:
    # The territory is the gazetteer's place; the city is its name in Italian usage.
    territories, partners = twinnings[schema.T_PARTNER_TERRITORY], twinnings[schema.T_PARTNER_CITY]
    cities = dict(zip(territories, partners, strict=True))
    assert cities == {t: generator.partner_name(t) for t in cities}
    exonyms = {city: name for city, name in generator.ITALIAN_NAMES.items() if city in cities}
    assert len(exonyms) >= 5  # the demo does name cities that have an Italian name
    assert all(cities[city] == name for city, name in exonyms.items())
    assert generator.partner_name("Algiers") == "Algeri"
    assert generator.partner_name("Cairo") == "Il Cairo"
    assert generator.partner_name("Tunis") == "Tunisi"
    assert generator.partner_name("Constanța") == "Costanza"
    assert generator.partner_name("Herāt") == "Herat"
    # No letter a source left behind: cedillas for Romanian commas, transliteration macrons.
    names = " ".join(twinnings[schema.T_PARTNER_CITY])
    assert not re.search("[şţŞŢāīūēō]", names), names


def test_only_signed_twinnings_have_a_year(twinnings: pd.DataFrame) -> None:
    signed = twinnings[schema.T_STATUS].isin(["signed", "active", "dormant"])
    years = twinnings.loc[signed, schema.T_YEAR].astype(int)
    assert years.between(1990, 2025).all()
    assert (twinnings.loc[~signed, schema.T_YEAR] == "").all()
    assert (twinnings[schema.T_SOURCE] != "").all()


# -- residents ----------------------------------------------------------------------------
def test_residents_cover_every_province_and_year(
    residents: pd.DataFrame, associations: pd.DataFrame
) -> None:
    provinces = set(reference.load_provinces()["province_istat"])
    assert len(provinces) == 107
    for year, rows in residents.groupby(schema.R_YEAR):
        assert set(rows[schema.R_PROVINCE]) == provinces, year
    assert sorted(residents[schema.R_YEAR].unique()) == ["2021", "2022", "2023", "2024"]
    # Every community of the associations, and the citizenships without one that fill ISTAT's
    # total (residents_other.csv), the stateless among them.
    countries = set(associations[schema.A_COUNTRIES].map(_split).explode())
    others = set(pd.read_csv(REPO / "data" / "demo-source" / "residents_other.csv")["iso3"])
    assert set(residents[schema.R_CITIZENSHIP]) == countries | others
    assert reference.STATELESS in others
    assert set(residents[schema.R_CITIZENSHIP]) <= set(reference.load_countries()["iso3"])
    assert residents[schema.R_RESIDENTS].str.fullmatch(r"[1-9]\d*").all()
    assert not residents.duplicated([schema.R_YEAR, schema.R_PROVINCE, schema.R_CITIZENSHIP]).any()


@pytest.mark.parametrize(
    ("country", "low", "high"),
    [
        ("ROU", 950_000, 1_150_000),
        ("MAR", 380_000, 460_000),
        ("ALB", 370_000, 450_000),
        ("CHN", 270_000, 330_000),
        ("UKR", 220_000, 270_000),
        ("SEN", 95_000, 125_000),
    ],
)
def test_national_totals_are_plausible(
    residents: pd.DataFrame, country: str, low: int, high: int
) -> None:
    rows = residents[residents[schema.R_CITIZENSHIP] == country]
    totals = rows.assign(n=rows[schema.R_RESIDENTS].astype(int)).groupby(schema.R_YEAR)["n"].sum()
    assert totals.between(low, high).all()
    assert (totals.pct_change().dropna().abs() < 0.1).all()  # small drift year to year


# ISTAT, foreign residents on 1 January 2024 (see data/README.md): about 5.3 million, the ten
# largest citizenships in this order, and the share of each part of Italy (%).
ISTAT_TOP_TEN = ["ROU", "ALB", "MAR", "CHN", "UKR", "IND", "BGD", "PHL", "EGY", "PAK"]
ISTAT_AREA_SHARES = {"north_west": 34.0, "north_east": 24.0, "centre": 24.5, "south": 17.0}
AREAS = {
    "north_west": {"01", "02", "03", "07"},
    "north_east": {"04", "05", "06", "08"},
    "centre": {"09", "10", "11", "12"},
    "south": {"13", "14", "15", "16", "17", "18", "19", "20"},
}


def _residents_2024(residents: pd.DataFrame) -> pd.DataFrame:
    latest = residents[residents[schema.R_YEAR] == "2024"]
    return latest.assign(n=latest[schema.R_RESIDENTS].astype(int))


def test_total_and_ranking_are_istats(residents: pd.DataFrame) -> None:
    latest = _residents_2024(residents)
    assert 5_250_000 <= latest["n"].sum() <= 5_350_000
    ranking = latest.groupby(schema.R_CITIZENSHIP)["n"].sum().sort_values(ascending=False)
    assert list(ranking.index[:10]) == ISTAT_TOP_TEN
    assert 1_000_000 < ranking["ROU"] < 1_150_000
    assert 0 < ranking[reference.STATELESS] < 2_000


def test_areas_hold_istats_shares(residents: pd.DataFrame) -> None:
    latest = _residents_2024(residents)
    regions = reference.load_provinces().set_index("province_istat")["region_istat"]
    by_region = latest.groupby(latest[schema.R_PROVINCE].map(regions))["n"].sum()
    for area, codes in AREAS.items():
        share = 100 * by_region[list(codes)].sum() / by_region.sum()
        assert abs(share - ISTAT_AREA_SHARES[area]) <= 2, (area, share)


@pytest.mark.parametrize(
    ("country", "province", "low"),
    [
        ("TUN", "088", 6.0),  # Ragusa (Vittoria, the greenhouses)
        ("BGD", "031", 2.5),  # Gorizia (Monfalcone and its shipyard)
        ("CHN", "100", 5.0),  # Prato
    ],
)
def test_known_concentrations(
    residents: pd.DataFrame, country: str, province: str, low: float
) -> None:
    rows = _residents_2024(residents)
    rows = rows[rows[schema.R_CITIZENSHIP] == country]
    share = 100 * rows.loc[rows[schema.R_PROVINCE] == province, "n"].sum() / rows["n"].sum()
    assert share >= low


def test_communities_concentrate_where_they_do_in_reality(residents: pd.DataFrame) -> None:
    provinces = reference.load_provinces().set_index("province_istat")["name"]
    latest = residents[residents[schema.R_YEAR] == "2023"]

    def top(country: str, n: int) -> set[str]:
        rows = latest[latest[schema.R_CITIZENSHIP] == country]
        ranked = rows.assign(n=rows[schema.R_RESIDENTS].astype(int)).nlargest(n, "n")
        return set(ranked[schema.R_PROVINCE].map(provinces))

    assert "Prato" in top("CHN", 3)
    assert "Genova" in top("ECU", 3)
    assert "Napoli" in top("UKR", 2)
    assert "Latina" in top("IND", 5)


# -- calls --------------------------------------------------------------------------------
def _call_dates(calls: pd.DataFrame) -> pd.DataFrame:
    columns = [schema.C_OPENS, schema.C_CLOSES]
    for column in columns:
        filled = calls[column][calls[column] != ""]
        assert filled.str.fullmatch(r"\d{4}-\d{2}-\d{2}").all(), column
    assert (calls[schema.C_OPENS] != "").all()
    return calls[columns].replace("", None).apply(pd.to_datetime, format="%Y-%m-%d")


def test_calls_are_a_few_dozen_with_closed_open_rolling_and_future_ones(
    calls: pd.DataFrame,
) -> None:
    assert 25 <= len(calls) <= 40
    dates = _call_dates(calls)
    opens, closes = dates[schema.C_OPENS], dates[schema.C_CLOSES]
    assert (closes.dropna() >= opens[closes.notna()]).all()
    closed = closes < CALLS_TODAY
    rolling = closes.isna()
    still_open = ~closed & ~rolling
    # About a third closed during 2025-2026; most still open, deadlines 2027-01 to 2028-06.
    assert 0.25 <= closed.mean() <= 0.4
    assert closes[closed].dt.year.isin([2025, 2026]).all()
    assert still_open.sum() > closed.sum() and (still_open | rolling).mean() > 0.5
    assert closes[still_open].between(pd.Timestamp("2027-01-01"), pd.Timestamp("2028-06-30")).all()
    # Open for a long time: some deadlines late in 2027 and in 2028.
    assert (closes[still_open] >= pd.Timestamp("2027-09-01")).sum() >= 5
    assert 3 <= rolling.sum() <= 8
    assert 2 <= (opens > CALLS_TODAY).sum() <= 4


def test_every_funder_type_of_the_projects_has_calls(
    calls: pd.DataFrame, projects: pd.DataFrame
) -> None:
    used = set(projects[schema.P_FUNDER_TYPE]) - {""}
    assert used <= set(calls[schema.C_FUNDER_TYPE]) <= set(schema.FUNDER_TYPES)
    assert calls[schema.C_FUNDER_TYPE].value_counts().max() <= 8  # no type crowds the others


def test_calls_name_the_funders_and_programmes_of_the_projects(
    calls: pd.DataFrame, projects: pd.DataFrame
) -> None:
    funded = projects[projects[schema.P_FUNDER] != ""]
    pairs = set(zip(funded[schema.P_FUNDER_TYPE], funded[schema.P_FUNDER], strict=True))
    funders = set(zip(calls[schema.C_FUNDER_TYPE], calls[schema.C_FUNDER], strict=True))
    assert funders <= pairs, funders - pairs
    programmes = set(funded[schema.P_PROGRAMME]) - {""}
    assert set(calls[schema.C_PROGRAMME]) <= programmes
    region_calls = calls.loc[calls[schema.C_FUNDER_TYPE] == "region", schema.C_FUNDER]
    assert {"Regione Emilia-Romagna", "Regione Toscana", "Regione Lombardia"} <= set(region_calls)
    foundations = calls.loc[calls[schema.C_FUNDER_TYPE] == "foundation", schema.C_FUNDER]
    assert {"Fondazione Cariplo", "Compagnia di San Paolo"} <= set(foundations)


def test_calls_use_the_vocabularies_and_the_communities(
    calls: pd.DataFrame, associations: pd.DataFrame
) -> None:
    communities = set(associations[schema.A_COUNTRIES].map(_split).explode())
    countries = calls[schema.C_COUNTRIES].map(_split)
    assert set(countries.explode().dropna()) <= communities
    assert (countries.map(len) == 0).sum() >= 5  # open to every country
    themes = calls[schema.C_THEMES].map(_split)
    assert themes.map(len).ge(1).all() and set(themes.explode()) <= set(schema.THEMES)
    goals = calls[schema.C_SDGS].map(lambda v: [int(g) for g in _split(v)])
    assert goals.map(len).ge(1).all() and set(goals.explode()) <= set(schema.SDG_GOALS)
    applicants = calls[schema.C_APPLICANTS].map(_split)
    assert applicants.map(len).ge(1).all() and set(applicants.explode()) <= set(schema.APPLICANTS)
    assert {"association", "municipality", "ngo", "network"} <= set(applicants.explode())
    assert (applicants.map(lambda a: "association" in a)).mean() > 0.6


def test_call_amounts_and_shares_are_canonical_and_plausible(calls: pd.DataFrame) -> None:
    def number(column: str) -> pd.Series:
        values = calls[column]
        assert values[values != ""].str.fullmatch(r"\d+(\.\d+)?").all(), column
        return pd.to_numeric(values.replace("", None))

    low, high = number(schema.C_GRANT_MIN), number(schema.C_GRANT_MAX)
    assert high.notna().all()
    assert (low.dropna() <= high[low.notna()]).all()
    share = number(schema.C_COFINANCING)
    assert share.between(0, 0.5).all()  # written as fractions, as the loader stores them
    for kind, (least, most) in FUNDER_RANGES.items():
        these = calls[schema.C_FUNDER_TYPE] == kind
        assert low[these].dropna().ge(least).all() and high[these].le(most).all(), kind


def test_call_titles_are_italian_and_addresses_illustrative(calls: pd.DataFrame) -> None:
    assert calls[schema.C_TITLE].is_unique
    assert (
        calls[schema.C_TITLE]
        .str.contains(r"\b(?:bando|avviso|contributi|iniziative|per)\b", case=False)
        .mean()
        > 0.5
    )
    urls = calls[schema.C_URL]
    assert urls.str.fullmatch(r"https://[a-z0-9-]+\.example\.org/bandi/call-\d{3}").all()
    assert (urls.str.rsplit("/", n=1).str[-1] == calls[schema.C_ID].str.lower()).all()


def test_the_calls_generator_refuses_a_call_that_disagrees_with_the_demo(
    generator: ModuleType,
) -> None:
    good = generator.read_table("calls.csv")[0]
    countries = generator.expand_countries(good["eligible_countries"], generator.community_groups())
    assert generator.check_call(good, countries) == []
    for change, words in [
        ({"funder": "Fondazione Inesistente"}, "is not a aics funder"),
        ({"programme": "Erasmus+"}, "programme"),
        ({"grant_max": "9000000"}, "grants"),
        ({"grant_min": "1500000", "grant_max": "200000"}, "grants"),
        ({"date_close": "2020-01-01"}, "closes before"),
        ({"themes": "sport"}, "themes"),
        ({"applicants": "parrocchia"}, "applicants"),
        ({"funder_type": "crowdfunding"}, "no programmes"),
    ]:
        problems = generator.check_call({**good, **change}, countries)
        assert any(words in problem for problem in problems), (change, problems)
    assert generator.check_call(good, ["USA"]) != []
    assert generator.expand_countries("group:horn|SEN", generator.community_groups()) == [
        "ETH",
        "ERI",
        "SOM",
        "SEN",
    ]


# -- reproducibility ----------------------------------------------------------------------
@pytest.mark.slow  # runs the generator twice (~7 s)
def test_generator_rewrites_the_shipped_files_byte_for_byte(tmp_path: Path) -> None:
    for attempt in ("first", "second"):
        out = tmp_path / attempt
        subprocess.run(
            [sys.executable, str(SCRIPT), "--out", str(out)],
            check=True,
            capture_output=True,
            cwd=tmp_path,
        )
    names = [path.name for path in FILES.values()]
    _, mismatch, errors = filecmp.cmpfiles(
        tmp_path / "first", tmp_path / "second", names, shallow=False
    )
    assert (mismatch, errors) == ([], [])
    _, mismatch, errors = filecmp.cmpfiles(tmp_path / "first", DEMO, names, shallow=False)
    assert (mismatch, errors) == ([], []), "data/demo is stale: rerun scripts/make_demo.py"
