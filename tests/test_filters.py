"""The shared filters: URL round trip, validation of codes, and how they cut each table."""

from __future__ import annotations

import pandas as pd
import pytest

from ponti import filters as flt
from ponti import i18n, reference, schema
from ponti.store import Store, coerce_dtypes, empty_frame
from ponti.transforms import Dataset, apply_filters

BOUNDS = (2015, 2026)
REGGIO_EMILIA = "035033"
# The codes each filter offers, as the dashboard computes them from the data.
OPTIONS: dict[str, list[str]] = {
    "origin": flt.origin_options(["SEN", "MAR"]),
    "region": [f"{n:02d}" for n in range(1, 21)],
    "province": ["015", "035"],
    "municipality": [REGGIO_EMILIA],
    "sdg": [str(g) for g in range(1, 18)],
    "funder_type": ["aics", "eu"],
    "stage": list(schema.STAGES),
}


@pytest.fixture
def data(demo_store: Store) -> Dataset:
    return Dataset.from_tables(demo_store.read_all())


@pytest.mark.parametrize(
    "filters",
    [
        flt.Filters(),
        flt.Filters(origin=("SEN", "m49:142"), region=("03",), sdg=(4, 8)),
        flt.Filters(province=("015",), funder_type=("aics",), stage=("completed", "rejected")),
        flt.Filters(years=(2018, 2022)),
        flt.Filters(municipality=(REGGIO_EMILIA,), sdg=(17,)),
    ],
)
def test_filters_survive_a_round_trip_through_the_url(filters: flt.Filters) -> None:
    params = flt.filters_to_params(filters)
    assert flt.filters_from_params(params, options=OPTIONS, year_bounds=BOUNDS) == filters


def test_unknown_codes_and_bad_years_are_dropped() -> None:
    params = {
        "origin": ["XXX", "SEN"],
        "sdg": ["0", "18", "4"],
        "region": ["99"],
        "stage": ["<b>x</b>"],
        "from": ["abc"],
        "to": ["2020"],
    }
    got = flt.filters_from_params(params, options=OPTIONS, year_bounds=BOUNDS)
    assert got == flt.Filters(origin=("SEN",), sdg=(4,), years=(2015, 2020))


def test_full_year_range_is_no_filter() -> None:
    assert flt.Filters().with_years(BOUNDS, BOUNDS).years is None
    assert flt.filters_to_params(flt.Filters().with_years((2010, 2030), BOUNDS)) == {}


def test_an_m49_region_stands_for_its_countries() -> None:
    africa = flt.origin_countries(["m49:002"])
    assert {"SEN", "MAR", "NGA", "EGY"} <= africa
    assert "ROU" not in africa and "CHN" not in africa


def test_origin_filter_cuts_every_table_consistently(data: Dataset) -> None:
    view = apply_filters(data, flt.Filters(origin=("SEN",)))
    assert len(view.associations) > 0
    assert all("SEN" in c for c in view.associations[schema.A_COUNTRIES])
    assert set(view.projects[schema.P_COUNTRY]) == {"SEN"}
    assert set(view.twinnings[schema.T_PARTNER_COUNTRY]) <= {"SEN"}
    assert set(view.residents[schema.R_CITIZENSHIP]) == {"SEN"}


def test_a_project_shared_between_countries_is_found_from_each_of_them(data: Dataset) -> None:
    projects = data.projects.copy()
    first = projects.index[projects[schema.P_COUNTRY] == "SEN"][0]
    split = pd.Series([None] * len(projects), index=projects.index, dtype=object)
    split[first] = ["SEN:60", "MLI:40"]
    projects[schema.P_SPLIT] = split
    shared = str(projects.at[first, schema.P_ID])
    for origin in ("SEN", "MLI", "m49:002"):
        view = flt.filter_table(schema.PROJECTS, projects, flt.Filters(origin=(origin,)))
        assert shared in set(view[schema.P_ID]), origin
    elsewhere = flt.filter_table(schema.PROJECTS, projects, flt.Filters(origin=("MAR",)))
    assert shared not in set(elsewhere[schema.P_ID])
    # Mali's projects are its own plus the shared one, nothing else.
    mali = flt.filter_table(schema.PROJECTS, projects, flt.Filters(origin=("MLI",)))
    assert set(mali[schema.P_ID]) == set(
        projects.loc[projects[schema.P_COUNTRY] == "MLI", schema.P_ID]
    ) | {shared}


def test_region_filter_keeps_only_that_region(data: Dataset) -> None:
    lombardia = "03"
    view = apply_filters(data, flt.Filters(region=(lombardia,)))
    places = reference.load_municipalities().set_index("municipality_istat")["region_istat"]
    assert len(view.associations) > 0
    assert set(view.associations[schema.A_MUNICIPALITY].map(places)) == {lombardia}
    assert set(view.projects[schema.P_MUNICIPALITY].map(places)) == {lombardia}
    provinces = reference.load_provinces().set_index("province_istat")["region_istat"]
    assert set(view.residents[schema.R_PROVINCE].map(provinces)) == {lombardia}


def test_project_only_filters_leave_associations_alone(data: Dataset) -> None:
    view = apply_filters(data, flt.Filters(stage=("idea",), funder_type=("eu",)))
    assert len(view.associations) == len(data.associations)
    assert set(view.projects[schema.P_STAGE]) <= {"idea"}
    assert set(view.projects[schema.P_FUNDER_TYPE]) <= {"eu"}


def test_year_filter_uses_start_then_submission_year(data: Dataset) -> None:
    view = apply_filters(data, flt.Filters(years=(2020, 2021)))
    assert len(view.projects) > 0
    assert view.projects[flt.YEAR].between(2020, 2021).all()
    # Unsigned twinnings have no year and stay visible.
    unsigned = data.twinnings[schema.T_YEAR].isna().sum()
    assert view.twinnings[schema.T_YEAR].isna().sum() == unsigned


def test_sdg_filter_matches_any_listed_goal(data: Dataset) -> None:
    view = apply_filters(data, flt.Filters(sdg=(5,)))
    assert len(view.projects) > 0
    assert all(5 in goals for goals in view.projects[schema.P_SDGS])


def test_origin_keeps_calls_open_to_that_country_or_to_every_country(data: Dataset) -> None:
    calls = data.calls
    assert len(calls) > 0
    view = apply_filters(data, flt.Filters(origin=("SEN",)))
    countries = view.calls[schema.C_COUNTRIES]
    assert all("SEN" in c or not c for c in countries)
    assert any("SEN" in c for c in countries) and any(not c for c in countries)
    expected = calls[calls[schema.C_COUNTRIES].map(lambda c: "SEN" in c or not c)]
    assert list(view.calls[schema.C_ID]) == list(expected[schema.C_ID])
    # A region stands for its countries here too.
    asia = apply_filters(data, flt.Filters(origin=("m49:142",)))
    asian = flt.origin_countries(["m49:142"])
    assert asia.calls[schema.C_COUNTRIES].map(lambda c: not c or bool(asian & set(c))).all()
    assert "CALL-001" in set(asia.calls[schema.C_ID])  # AICS names Pakistan and Afghanistan


def test_goal_and_funder_type_cut_calls_and_places_stages_years_do_not(data: Dataset) -> None:
    goal = apply_filters(data, flt.Filters(sdg=(6,)))
    assert all(6 in goals or not goals for goals in goal.calls[schema.C_SDGS])
    assert 0 < len(goal.calls) < len(data.calls)
    funder = apply_filters(data, flt.Filters(funder_type=("region", "foundation")))
    assert set(funder.calls[schema.C_FUNDER_TYPE]) == {"region", "foundation"}
    untouched = flt.Filters(
        region=("03",),
        province=("015",),
        municipality=(REGGIO_EMILIA,),
        stage=("completed",),
        years=(2018, 2019),
    )
    assert apply_filters(data, untouched).calls.equals(data.calls)


def test_a_call_naming_no_goal_or_country_stays_under_every_choice() -> None:
    calls = coerce_dtypes(
        schema.CALLS,
        pd.DataFrame(
            {
                schema.C_ID: ["C1", "C2", "C3"],
                schema.C_SDGS: [[4], [], [8, 5]],
                schema.C_COUNTRIES: [["SEN"], [], ["MAR"]],
            }
        ),
    )
    chosen = flt.filter_table(schema.CALLS, calls, flt.Filters(sdg=(4,), origin=("MAR", "SEN")))
    assert list(chosen[schema.C_ID]) == ["C1", "C2"]
    assert flt.filter_table(schema.CALLS, empty_frame(schema.CALLS), flt.Filters(sdg=(4,))).empty


def test_every_field_of_filters_is_declared_once_in_the_table() -> None:
    declared = [spec.field for spec in flt.FILTERS]
    assert len(set(declared)) == len(declared)
    assert {spec.param for spec in flt.FILTERS} | {"from", "to"} == set(flt.FILTER_PARAMS)
    assert len({spec.session_key for spec in flt.FILTERS}) == len(flt.FILTERS)


def test_municipality_filter_shows_one_city_and_its_province_residents(data: Dataset) -> None:
    view = apply_filters(data, flt.Filters(municipality=(REGGIO_EMILIA,)))
    assert len(view.associations) > 0
    assert set(view.associations[schema.A_MUNICIPALITY]) == {REGGIO_EMILIA}
    assert set(view.projects[schema.P_MUNICIPALITY]) <= {REGGIO_EMILIA}
    assert set(view.twinnings[schema.T_MUNICIPALITY]) <= {REGGIO_EMILIA}
    # ISTAT publishes residents by province: Reggio Emilia's are those of province 035.
    assert set(view.residents[schema.R_PROVINCE]) == {"035"}


def test_municipality_options_are_the_places_in_the_data_narrowed_by_region(
    data: Dataset,
) -> None:
    options = flt.filter_options(data.tables())["municipality"]
    in_data = set(data.associations[schema.A_MUNICIPALITY]) | set(
        data.projects[schema.P_MUNICIPALITY].dropna()
    )
    assert REGGIO_EMILIA in options and set(options) <= in_data | set(
        data.twinnings[schema.T_MUNICIPALITY]
    )
    spec = flt.SPEC_BY_FIELD["municipality"]
    assert spec.narrow is not None
    emilia = spec.narrow(options, flt.Filters(region=("08",)))
    assert REGGIO_EMILIA in emilia and len(emilia) < len(options)
    assert spec.name(REGGIO_EMILIA, "it") == "Reggio nell'Emilia (RE)"


def test_filters_are_described_in_words_in_both_languages() -> None:
    chosen = flt.Filters(origin=("SEN", "m49:002"), sdg=(4,), years=(2018, 2022))
    assert flt.describe_filters(chosen, "it") == [
        ("Paese o area di origine", "Senegal, Area: Africa"),
        ("Obiettivi (SDG)", "SDG 4 · " + i18n.sdg_name(4, "it")),
        ("Anni", "2018–2022"),
    ]
    english = dict(flt.describe_filters(chosen, "en"))
    assert english["Origin country or region"] == "Senegal, Region: Africa"
    assert flt.describe_filters(flt.Filters(), "en") == []
