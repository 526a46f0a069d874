"""The shared filters: URL round trip, validation of codes, and how they cut each table."""

from __future__ import annotations

import pytest

from ponti import filters as flt
from ponti import reference, schema
from ponti.store import Store
from ponti.transforms import Dataset, apply_filters

BOUNDS = (2015, 2026)


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
    ],
)
def test_filters_survive_a_round_trip_through_the_url(filters: flt.Filters) -> None:
    params = flt.filters_to_params(filters)
    valid = flt.origin_options(["SEN", "MAR"])
    assert flt.filters_from_params(params, valid_origins=valid, year_bounds=BOUNDS) == filters


def test_unknown_codes_and_bad_years_are_dropped() -> None:
    params = {
        "origin": ["XXX", "SEN"],
        "sdg": ["0", "18", "4"],
        "region": ["99"],
        "stage": ["<b>x</b>"],
        "from": ["abc"],
        "to": ["2020"],
    }
    got = flt.filters_from_params(params, valid_origins=["SEN"], year_bounds=BOUNDS)
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
