"""The Agenda 2030 page through AppTest from dashboard.py, in both languages, on the demo store."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ponti import filters as flt
from ponti import i18n, reference, schema, tables
from ponti.charts.agenda import INK
from ponti.store import Store
from ponti.transforms import Dataset, apply_filters
from ponti.transforms import agenda as tf
from tests.apptest import download_text, open_app, read_csv_download
from tests.apptest import url_param as _param

GOALS = list(range(1, 18))


def _open(query: dict[str, str | list[str]] | None = None) -> AppTest:
    return open_app("agenda", query)


def _figures(at: AppTest) -> list[dict[str, Any]]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def _grid(at: AppTest) -> dict[str, Any]:
    return next(f for f in _figures(at) if f["data"][0].get("customdata") == GOALS)


def _heatmaps(at: AppTest) -> list[dict[str, Any]]:
    return [f for f in _figures(at) if f["data"][0]["type"] == "heatmap"]


def _gap_table(at: AppTest, dimension: str, lang: i18n.Lang) -> pd.DataFrame | None:
    declaring = i18n.t("column.declaring", lang)
    place = i18n.t(f"column.{dimension}", lang)
    found = [df.value for df in at.dataframe if {declaring, place} <= set(df.value.columns)]
    assert len(found) <= 1
    return found[0] if found else None


def _csv(downloads: dict[str, bytes], stem: str, lang: i18n.Lang) -> pd.DataFrame:
    # The first column may hold codes such as ISTAT's "03": read it as text.
    return read_csv_download(downloads, stem, lang, dtype={0: str})


def _view(store: Store, filters: flt.Filters | None = None) -> Dataset:
    return apply_filters(Dataset.from_tables(store.read_all()), filters or flt.Filters())


@pytest.mark.parametrize("lang", ["it", "en"])
def test_agenda_page_draws_grid_heatmaps_gaps_and_trend(
    demo_env: Store, downloads: dict[str, bytes], lang: i18n.Lang
) -> None:
    at = _open({"lang": lang} if lang == "en" else None)
    assert at.title[0].value == i18n.t("agenda.title", lang)
    subheaders = [s.value for s in at.subheader]
    for key in ("agenda.grid.title", "agenda.heatmap.title", "agenda.gaps.title"):
        assert i18n.t(key, lang) in subheaders
    assert i18n.t("agenda.trend.title", lang) in subheaders

    view = _view(demo_env)
    summary = tf.summarise_goals(view, lang).set_index(tf.GOAL)
    figures = _figures(at)
    assert len(figures) == 4  # grid, two heatmaps, trend
    grid = _grid(at)
    tiles = [s for s in grid["layout"]["shapes"] if s["type"] == "rect"]
    assert len(tiles) == 17
    text = " ".join(a["text"] for a in grid["layout"]["annotations"]).replace("<br>", " ")
    assert tf.summarise_goals(view, lang).loc[3, tf.NAME].upper() in text

    # The heatmaps' columns add up to the grid totals of the goals.
    heatmaps = _heatmaps(at)
    assert len(heatmaps) == 2
    for heatmap in heatmaps:
        z = heatmap["data"][0]["z"]
        assert [sum(row[i] for row in z) for i in range(17)] == summary[tf.PROJECTS].tolist()
    trend = next(f for f in figures if len(f["data"]) == 17)
    colours = reference.sdg_colours()
    assert [trace["line"]["color"] for trace in trend["data"]] == [colours[g] for g in GOALS]

    # The gap finder shows its evidence, headed in the language.
    declaring = i18n.t("column.declaring", lang)
    country_table = _gap_table(at, "country", lang)
    region_table = _gap_table(at, "region", lang)
    assert country_table is not None and region_table is not None
    country_gaps = tf.find_country_gaps(view, lang)
    assert len(country_table) == len(country_gaps) > 0
    assert country_table.iloc[0, 1] == country_gaps[tf.NAME].iloc[0]
    assert len(region_table) == len(tf.find_region_gaps(view, lang)) > 0

    # Every chart offers exactly its data, headed in the language.
    goals_csv = _csv(downloads, "ponti-agenda-goals", lang)
    assert list(goals_csv.columns[:2]) == [
        i18n.t("column.goal", lang),
        i18n.t("column.goal_name", lang),
    ]
    assert goals_csv[i18n.t("column.projects", lang)].tolist() == summary[tf.PROJECTS].tolist()
    assert goals_csv[i18n.t("column.granted", lang)].tolist() == pytest.approx(
        summary[tf.GRANTED].tolist()
    )
    country_csv = _csv(downloads, "ponti-agenda-country-projects", lang)
    assert (
        country_csv[[f"SDG {g}" for g in GOALS]].to_numpy().tolist()
        == (heatmaps[0]["data"][0]["z"])
    )
    trend_csv = _csv(downloads, "ponti-agenda-trend-projects", lang)
    assert trend_csv.columns[0] == i18n.t("column.year", lang)
    assert len(trend_csv) == len(trend["data"][0]["x"])
    gaps_csv = _csv(downloads, "ponti-agenda-gaps-country", lang)
    assert len(gaps_csv) == len(country_gaps) and declaring in gaps_csv.columns


@pytest.mark.parametrize("lang", ["it", "en"])
def test_selecting_a_goal_shows_its_targets_and_projects(
    demo_env: Store, downloads: dict[str, bytes], lang: i18n.Lang
) -> None:
    at = _open({"lang": lang} if lang == "en" else None)
    assert i18n.t("agenda.projects.title", lang) not in [m.value for m in at.markdown]
    at.selectbox(key="ag_goal").set_value(4).run()
    assert not at.exception, [e.value for e in at.exception]
    assert _param(at, "ag_goal") == ["4"]
    title = i18n.t("agenda.goal.title", lang, goal=4, name=i18n.sdg_name(4, lang))
    assert title in [s.value for s in at.subheader]

    view = _view(demo_env)
    expected = tf.projects_of_goal(view.projects, 4)
    heading = i18n.t("column.title", lang)
    table = next(df.value for df in at.dataframe if heading in df.value.columns)
    assert sorted(table[heading]) == sorted(expected[schema.P_TITLE])
    assert len(table) > 0
    assert i18n.t("column.lead", lang) in table.columns

    # Targets of goal 4, in goal 4's colour; the tile of goal 4 is outlined.
    bars = next(f for f in _figures(at) if f["data"][0]["type"] == "bar")
    assert bars["data"][0]["marker"]["color"] == reference.sdg_colours()[4]
    targets = tf.count_projects_by_target(view.projects, 4)
    assert bars["data"][0]["y"] == targets[tf.PROJECTS].tolist()
    tiles = [s for s in _grid(at)["layout"]["shapes"] if s["type"] == "rect"]
    assert [i + 1 for i, s in enumerate(tiles) if s["line"]["color"] == INK] == [4]
    projects_csv = _csv(downloads, "ponti-agenda-sdg4-projects", lang)
    assert len(projects_csv) == len(expected)

    at.selectbox(key="ag_goal").set_value(None).run()
    assert "ag_goal" not in at.query_params
    assert title not in [s.value for s in at.subheader]


def test_a_link_reopens_the_page_in_the_same_state(demo_env: Store) -> None:
    at = _open(
        {
            "lang": "en",
            "ag_goal": "8",
            "ag_measure": "granted",
            "ag_order": "pattern",
            "ag_basis": "all",
            "ag_funded": "True",
        }
    )
    assert at.selectbox(key="ag_goal").value == 8
    assert at.segmented_control(key="ag_measure").value == "granted"
    assert at.segmented_control(key="ag_order").value == "pattern"
    assert at.segmented_control(key="ag_basis").value == "all"
    assert at.toggle(key="ag_funded").value is True
    heatmap = _heatmaps(at)[0]["data"][0]
    assert heatmap["colorbar"]["title"]["text"].replace("<br>", " ") == ("EUR granted (thousands)")
    view = _view(demo_env)
    pairs = tf.project_goals(view.projects)
    matrix = tf.goal_matrix(pairs, "country", "granted", "en", "pattern")
    assert heatmap["y"] == matrix.labels
    gaps = tf.find_country_gaps(view, "en", basis="all", covering_stages=schema.APPROVED_STAGES)
    shown = _gap_table(at, "country", "en")
    assert shown is not None and len(shown) == len(gaps) > 0
    # Changing a choice writes it back; the default leaves the address bar.
    at.segmented_control(key="ag_measure").set_value("projects").run()
    assert "ag_measure" not in at.query_params
    assert _param(at, "ag_order") == ["pattern"]


def test_unknown_page_values_in_a_link_are_ignored(demo_env: Store) -> None:
    at = _open({"ag_goal": "99", "ag_measure": "<script>", "ag_basis": "x", "ag_funded": "1"})
    assert at.selectbox(key="ag_goal").value is None
    assert at.segmented_control(key="ag_measure").value == "projects"
    assert at.segmented_control(key="ag_basis").value == "declared"
    assert at.toggle(key="ag_funded").value is False


def test_the_shared_filters_apply(demo_env: Store) -> None:
    at = _open({"lang": "en", "origin": "SEN", "sdg": "4"})
    view = _view(demo_env, flt.Filters(origin=("SEN",), sdg=(4,)))
    assert len(view.projects) > 0
    grid = _grid(at)
    summary = tf.summarise_goals(view, "en").set_index(tf.GOAL)
    assert summary.loc[4, tf.PROJECTS] == len(view.projects)
    heatmap = _heatmaps(at)[0]["data"][0]
    assert heatmap["y"] == ["Senegal"]
    assert f"<br>{len(view.projects)} projects<br>" in grid["data"][0]["hovertext"][3]
    # Only the chosen community and the chosen goal are judged.
    expected = tf.find_country_gaps(view, "en", goals=(4,), countries={"SEN"})
    assert set(expected[tf.KEY]) <= {"SEN"} and set(expected[tf.GOAL]) <= {4}
    country_gaps = _gap_table(at, "country", "en")
    if expected.empty:
        assert country_gaps is None
        assert i18n.t("agenda.gaps.none", "en") in [i.value for i in at.info]
    else:
        assert country_gaps is not None and len(country_gaps) == len(expected)
    region_gaps = _gap_table(at, "region", "en")
    assert region_gaps is not None
    assert set(region_gaps[i18n.t("column.goal", "en")]) == {"4"}
    assert i18n.t("agenda.gaps.scope", "en", goals="SDG 4") in [c.value for c in at.caption]


def test_downloads_never_carry_personal_data(demo_env: Store, downloads: dict[str, bytes]) -> None:
    at = _open({"lang": "en", "ag_goal": "5"})
    at.segmented_control(key="ag_basis").set_value("all").run()
    associations = demo_env.read(schema.ASSOCIATIONS)
    private_values = {
        str(v)
        for column in (schema.A_CONTACT_NAME, schema.A_CONTACT_EMAIL, schema.A_CONTACT_PHONE)
        for v in associations[column].dropna()
        if str(v).strip()
    }
    assert private_values, "the demo should carry contacts, or this test proves nothing"
    stems = (
        "ponti-agenda-goals",
        "ponti-agenda-sdg5-targets",
        "ponti-agenda-sdg5-projects",
        "ponti-agenda-country-projects",
        "ponti-agenda-region-projects",
        "ponti-agenda-gaps-country",
        "ponti-agenda-gaps-region",
        "ponti-agenda-trend-projects",
    )
    today = date.today()
    expected = {tables.download_name(s, ext, today) for s in stems for ext in ("xlsx", "csv")}
    assert expected <= set(downloads)
    for name, data in downloads.items():
        text = download_text(name, data)
        header = text.splitlines()[0]
        assert not any(column in header for column in schema.PRIVATE_COLUMNS), name
        assert not any(value in text for value in private_values), name
    for frame in at.dataframe:
        assert not set(map(str, frame.value.columns)) & schema.PRIVATE_COLUMNS


@pytest.mark.parametrize(
    "query",
    [
        {"origin": "m49:009"},  # nothing at all: no association, project or resident
        {"region": "02", "stage": "withdrawn", "ag_goal": "3"},  # associations, no projects
    ],
)
def test_the_page_copes_with_an_empty_view(demo_env: Store, query: dict[str, str]) -> None:
    at = _open({"lang": "en", **query})
    assert not at.exception
    assert len(_figures(at)) == 1  # the grid, every tile faded
    assert i18n.t("agenda.heatmap.empty", "en") in [i.value for i in at.info]
    assert i18n.t("agenda.trend.empty", "en") in [i.value for i in at.info]
