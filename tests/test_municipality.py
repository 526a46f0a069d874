"""A municipality's profile (ponti.transforms.municipality) against plain cuts of the demo."""

from __future__ import annotations

import pandas as pd
import pytest

from ponti import reference, schema
from ponti.store import Store
from ponti.transforms import Dataset
from ponti.transforms import municipality as mt

REGGIO = "035033"  # Reggio nell'Emilia, province 035


@pytest.fixture
def data(demo_store: Store) -> Dataset:
    return Dataset.from_tables(demo_store.read_all())


def test_the_place_has_its_province_and_region() -> None:
    place = mt.place_of(REGGIO)
    assert place is not None
    assert (place.name, place.province_code, place.region) == (
        "Reggio nell'Emilia",
        "035",
        "Emilia-Romagna",
    )
    assert mt.place_of("999999") is None


def test_the_profile_holds_exactly_the_municipality_s_data(data: Dataset) -> None:
    profile = mt.profile_data(data, REGGIO)
    associations = data.associations[data.associations[schema.A_MUNICIPALITY] == REGGIO]
    projects = data.projects[data.projects[schema.P_MUNICIPALITY] == REGGIO]
    twinnings = data.twinnings[data.twinnings[schema.T_MUNICIPALITY] == REGGIO]
    assert len(associations) >= 3 and len(projects) >= 3 and len(twinnings) >= 1
    assert set(profile.associations[schema.A_ID]) == set(associations[schema.A_ID])
    assert set(profile.projects[schema.P_ID]) == set(projects[schema.P_ID])
    assert set(profile.twinnings[schema.T_ID]) == set(twinnings[schema.T_ID])
    table = mt.associations_table(profile.associations, "en")
    assert sorted(table["name"]) == sorted(associations[schema.A_NAME].astype(str))
    assert set(mt.projects_table(profile.projects, "en")["title"]) == set(projects[schema.P_TITLE])
    summary = mt.summarise_profile(profile)
    assert (summary.associations, summary.projects, summary.twinnings) == (
        len(associations),
        len(projects),
        len(twinnings),
    )
    assert summary.granted_eur == pytest.approx(float(projects[schema.P_GRANTED].sum()))


def test_the_communities_are_the_province_s(data: Dataset) -> None:
    profile = mt.profile_data(data, REGGIO)
    assert set(profile.residents[schema.R_PROVINCE]) == {"035"}
    residents = data.residents[data.residents[schema.R_PROVINCE] == "035"]
    first, last = int(residents[schema.R_YEAR].min()), int(residents[schema.R_YEAR].max())
    assert mt.residents_years(profile.residents) == (first, last)
    table = mt.communities_table(profile.residents, "en")
    latest = residents[residents[schema.R_YEAR] == last]
    assert int(table["residents"].sum()) == int(latest[schema.R_RESIDENTS].sum())
    earliest = residents[residents[schema.R_YEAR] == first]
    assert int(table["change"].sum()) == int(
        latest[schema.R_RESIDENTS].sum() - earliest[schema.R_RESIDENTS].sum()
    )
    assert list(table["residents"]) == sorted(table["residents"], reverse=True)
    assert "Romania" in set(table["country"])


def test_the_trend_follows_the_largest_communities_year_by_year(data: Dataset) -> None:
    profile = mt.profile_data(data, REGGIO)
    trend = mt.communities_trend(profile.residents, "en", top=4)
    largest = list(mt.communities_table(profile.residents, "en")["country"].head(4))
    # The four largest of the latest year, in that order, each with every year of the table.
    assert list(dict.fromkeys(trend["country"])) == largest
    first, last = mt.residents_years(profile.residents) or (0, 0)
    for country, rows in trend.groupby("country"):
        assert sorted(rows["year"]) == list(range(first, last + 1)), country
    romania = profile.residents[profile.residents[schema.R_CITIZENSHIP] == "ROU"]
    expected = romania.groupby(schema.R_YEAR)[schema.R_RESIDENTS].sum()
    shown = trend[trend["country"] == "Romania"].set_index("year")["residents"]
    assert {int(y): int(n) for y, n in shown.items()} == {
        int(y): int(n) for y, n in expected.items()
    }
    empty = mt.communities_trend(profile.residents.iloc[0:0], "en")
    assert empty.empty and list(empty.columns) == ["year", "country", "residents"]


def test_the_funders_add_up_to_the_projects(data: Dataset) -> None:
    profile = mt.profile_data(data, REGGIO)
    funders = mt.funders_table(profile.projects, "en")
    assert int(funders["projects"].sum()) == len(profile.projects)
    assert float(funders["granted"].sum()) == pytest.approx(
        float(profile.projects[schema.P_GRANTED].sum())
    )
    stages = mt.projects_by_stage(profile.projects)
    assert int(stages["projects"].sum()) == len(profile.projects)
    assert list(stages["stage"]) == [s for s in schema.STAGES if s in set(stages["stage"])]


def test_the_origin_filter_narrows_the_profile(data: Dataset) -> None:
    profile = mt.profile_data(data, REGGIO, ("ROU",))
    assert len(profile.associations) >= 1
    assert all("ROU" in countries for countries in profile.associations[schema.A_COUNTRIES])
    assert set(profile.residents[schema.R_CITIZENSHIP]) <= {"ROU"}


def test_an_empty_profile_gives_empty_tables(data: Dataset) -> None:
    nowhere = reference.load_municipalities()["municipality_istat"]
    used = set(data.associations[schema.A_MUNICIPALITY]) | set(data.projects[schema.P_MUNICIPALITY])
    code = next(
        c for c in nowhere if c not in used and c not in set(data.twinnings[schema.T_MUNICIPALITY])
    )
    profile = mt.profile_data(data, str(code))
    assert mt.summarise_profile(profile).associations == 0
    assert mt.funders_table(profile.projects, "en").empty
    assert mt.projects_by_stage(profile.projects).empty
    assert isinstance(mt.associations_table(profile.associations, "it"), pd.DataFrame)
