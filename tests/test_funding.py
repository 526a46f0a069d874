"""Funding pipeline transforms and charts, checked through their data."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

from ponti import filters as flt
from ponti import i18n, reference, schema, tables
from ponti.charts import bridges as bridges_charts
from ponti.charts import funding as charts
from ponti.charts.common import PRIMARY, separators
from ponti.store import Store, coerce_dtypes, empty_frame
from ponti.transforms import Dataset, apply_filters
from ponti.transforms import calls as ct
from ponti.transforms import funding as tr

# A small pipeline whose every figure can be worked out by hand.
ROWS: list[dict[str, Any]] = [
    {"stage": "idea", "amount_requested": 100.0, "funder_type": "aics", "funder": "AICS",
     "programme": "Bando Migranti", "destination_country": "SEN", "sdgs": [4, 1]},
    {"stage": "concept", "amount_requested": 150.0, "funder_type": "foundation",
     "funder": "Fondazione Cariplo", "destination_country": "SEN", "sdgs": [4]},
    {"stage": "submitted", "amount_requested": 200.0, "date_submitted": "2022-01-10",
     "funder_type": "eu", "funder": "Commissione europea", "programme": "AMIF",
     "destination_country": "MAR", "sdgs": [5]},
    {"stage": "approved", "amount_requested": 300.0, "amount_granted": 250.0,
     "date_submitted": "2022-01-10", "date_decided": "2022-03-11", "date_end": "2027-01-31",
     "funder_type": "eu", "funder": "Commissione europea", "programme": "AMIF",
     "destination_country": "ALB", "sdgs": []},
    {"stage": "in_progress", "amount_requested": 700.0, "amount_granted": 700.0,
     "date_submitted": "2020-01-01", "date_decided": "2020-01-31", "date_end": "2026-12-01",
     "funder_type": "aics", "funder": "AICS", "programme": "Bando Migranti",
     "destination_country": "PER", "sdgs": [8, 4]},
    {"stage": "in_progress", "amount_requested": 80.0, "amount_granted": 60.0,
     "date_submitted": "2020-06-01", "date_decided": "2020-09-01", "date_end": "2029-12-31",
     "funder_type": "region", "funder": "Regione Lazio", "destination_country": "SEN",
     "sdgs": [1]},
    {"stage": "completed", "amount_requested": 500.0, "amount_granted": 400.0,
     "date_submitted": "2019-02-01", "date_decided": "2019-05-02", "date_end": "2021-12-31",
     "funder_type": "aics", "funder": "AICS", "programme": "Bando Migranti",
     "destination_country": "SEN", "sdgs": [4]},
    {"stage": "rejected", "amount_requested": 400.0, "date_submitted": "2021-01-01",
     "date_decided": "2021-07-01", "funder_type": "aics", "funder": "AICS",
     "programme": "Bando Migranti", "destination_country": "SEN", "sdgs": [1]},
    {"stage": "rejected", "amount_requested": 90.0, "date_submitted": "2021-03-01",
     "date_decided": "2021-04-01", "funder_type": "eu", "funder": "Commissione europea",
     "programme": "AMIF", "destination_country": "MAR", "sdgs": [5]},
    {"stage": "withdrawn", "amount_requested": 600.0},
    {"stage": "withdrawn", "amount_requested": 50.0, "date_submitted": "2022-05-05",
     "funder_type": "municipality", "funder": "Comune di Milano", "destination_country": "PER"},
    {"stage": "cancelled", "amount_requested": 500.0, "amount_granted": 450.0,
     "date_submitted": "2021-01-01", "date_decided": "2021-06-01", "funder_type": "region",
     "funder": "Regione Lazio", "destination_country": "SEN", "sdgs": [1]},
]  # fmt: skip


def make_projects(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Projects with the store's dtypes from a few fields per row."""
    filled = [
        {
            "project_id": f"P{i:03d}",
            "title": f"Progetto {i}",
            "lead_association_id": "A001",
            "municipality_istat": "058091",
            **row,
        }
        for i, row in enumerate(rows, start=1)
    ]
    return coerce_dtypes(schema.PROJECTS, pd.DataFrame(filled))


@pytest.fixture
def projects() -> pd.DataFrame:
    return make_projects(ROWS)


@pytest.fixture(scope="module")
def demo_data(_seeded_template: Any) -> Dataset:
    return Dataset.from_tables(Store(_seeded_template).read_all())


DEMO_FILTERS = [
    flt.Filters(),
    flt.Filters(funder_type=("aics", "eu")),
    flt.Filters(origin=("m49:002",)),
    flt.Filters(sdg=(4,), years=(2019, 2023)),
    flt.Filters(stage=("rejected", "completed")),
]


# -- per-project readings -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"stage": "idea"}, "idea"),
        ({"stage": "completed"}, "completed"),
        ({"stage": "rejected"}, "submitted"),
        ({"stage": "rejected", "amount_granted": 10.0}, "submitted"),
        ({"stage": "withdrawn"}, "idea"),
        ({"stage": "withdrawn", "date_submitted": "2022-01-01"}, "submitted"),
        ({"stage": "withdrawn", "amount_granted": 5.0}, "approved"),
        ({"stage": "cancelled", "date_decided": "2022-01-01"}, "idea"),
        ({"stage": "cancelled", "date_submitted": "2022-01-01"}, "submitted"),
        ({"stage": "cancelled", "amount_granted": 1000.0}, "approved"),
        ({"stage": "cancelled", "amount_granted": 0.0, "date_submitted": "2022-1-1"}, "submitted"),
    ],
)  # fmt: skip
def test_furthest_stage_follows_what_the_record_proves(row: dict[str, Any], expected: str) -> None:
    assert tr.furthest_stage(make_projects([row])).tolist() == [expected]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"stage": "submitted", "amount_requested": 100.0}, 100.0),
        ({"stage": "approved", "amount_requested": 100.0, "amount_granted": 80.0}, 80.0),
        ({"stage": "approved", "amount_requested": 100.0}, 100.0),
        ({"stage": "completed", "amount_requested": 100.0, "amount_granted": 90.0}, 90.0),
        ({"stage": "rejected", "amount_requested": 100.0, "amount_granted": 0.0}, 100.0),
        ({"stage": "cancelled", "amount_requested": 100.0, "amount_granted": 70.0}, 70.0),
        ({"stage": "withdrawn", "amount_requested": 100.0, "amount_granted": 70.0}, 100.0),
        ({"stage": "idea"}, 0.0),
    ],
)
def test_eur_at_stake_is_granted_once_granted_else_requested(
    row: dict[str, Any], expected: float
) -> None:
    assert tr.project_eur(make_projects([row])).tolist() == [expected]


# -- the pipeline -------------------------------------------------------------------------
def test_projects_at_stage_add_up_to_the_totals(projects: pd.DataFrame) -> None:
    stages = tr.count_projects_at_stage(projects, "it")
    assert stages["stage"].tolist() == list(schema.STAGES)
    assert stages["projects"].sum() == len(projects) == 12
    assert stages["eur"].sum() == pytest.approx(tr.project_eur(projects).sum())
    by_stage = dict(zip(stages["stage"], stages["projects"], strict=True))
    assert by_stage == {
        "idea": 1,
        "concept": 1,
        "submitted": 1,
        "approved": 1,
        "in_progress": 2,
        "completed": 1,
        "rejected": 2,
        "withdrawn": 2,
        "cancelled": 1,
    }
    eur = dict(zip(stages["stage"], stages["eur"], strict=True))
    assert eur["in_progress"] == 760.0 and eur["cancelled"] == 450.0 and eur["rejected"] == 490.0
    assert stages.loc[stages["stage"] == "rejected", "stage_label"].item() == "Respinto"


def test_reached_funnel_is_cumulative_and_consistent(projects: pd.DataFrame) -> None:
    funnel = tr.count_projects_reaching_stage(projects, "en")
    assert funnel["stage"].tolist() == list(schema.STAGE_PATH)
    # Worked out by hand from ROWS and the rules for exits.
    assert funnel["reached"].tolist() == [12, 10, 9, 5, 3, 1]
    assert funnel["exited"].tolist() == [1, 0, 3, 1, 0, 0]
    assert funnel["conversion"].iloc[2] == pytest.approx(5 / 9)
    assert funnel["reached_eur"].iloc[0] == pytest.approx(tr.project_eur(projects).sum())


@pytest.mark.parametrize("column", ["reached", "reached_eur"])
def test_reached_never_grows_along_the_path(projects: pd.DataFrame, column: str) -> None:
    funnel = tr.count_projects_reaching_stage(projects, "it")
    assert funnel[column].is_monotonic_decreasing


def test_reached_splits_into_here_exited_and_gone_on(projects: pd.DataFrame) -> None:
    funnel = tr.count_projects_reaching_stage(projects, "it")
    following = funnel["reached"].shift(-1, fill_value=0)
    assert (funnel["reached"] == funnel["at_stage"] + funnel["exited"] + following).all()


def test_conversion_rates_are_shares_and_none_after_the_last_stage(projects: pd.DataFrame) -> None:
    funnel = tr.count_projects_reaching_stage(projects, "it")
    for column in ("conversion", "conversion_eur"):
        rates = funnel[column].iloc[:-1]
        assert rates.between(0, 1).all(), rates
        assert pd.isna(funnel[column].iloc[-1])


def test_empty_pipeline_gives_zero_rows_not_errors() -> None:
    empty = empty_frame(schema.PROJECTS)
    assert tr.count_projects_at_stage(empty, "it")["projects"].sum() == 0
    funnel = tr.count_projects_reaching_stage(empty, "it")
    assert funnel["reached"].sum() == 0 and funnel["conversion"].isna().all()
    assert tr.summarise_funding_paths(
        empty, middle="funder", destination="region", measure="eur", lang="it"
    ).empty
    assert tr.summarise_success(empty, by="funder", lang="it").empty
    assert tr.summarise_decision_days(empty, "it").empty
    assert tr.summarise_amounts_by_year(empty).empty
    ending = tr.projects_ending_soon(
        empty, empty_frame(schema.ASSOCIATIONS), today=date(2026, 1, 1), lang="it"
    )
    assert ending.empty


@pytest.mark.parametrize("filters", DEMO_FILTERS, ids=repr)
def test_demo_funnel_totals_equal_the_filtered_totals(
    demo_data: Dataset, filters: flt.Filters
) -> None:
    view = apply_filters(demo_data, filters).projects
    stages = tr.count_projects_at_stage(view, "it")
    funnel = tr.count_projects_reaching_stage(view, "it")
    assert stages["projects"].sum() == len(view)
    assert stages["eur"].sum() == pytest.approx(tr.project_eur(view).sum())
    assert funnel["reached"].iloc[0] == len(view)
    assert funnel["reached"].is_monotonic_decreasing
    assert funnel["conversion"].dropna().between(0, 1).all()


def test_demo_pipeline_has_every_stage(demo_data: Dataset) -> None:
    stages = tr.count_projects_at_stage(demo_data.projects, "en")
    assert (stages["projects"] > 0).all(), stages


def test_iati_legend_follows_the_schema_in_both_languages() -> None:
    legend_it = tr.iati_status_legend("it")
    legend_en = tr.iati_status_legend("en")
    assert legend_it["stage"].tolist() == list(schema.STAGES)
    codes = dict(zip(legend_en["stage"], legend_en["iati_code"].fillna(""), strict=True))
    assert codes == schema.STAGE_TO_IATI_STATUS  # a stage IATI does not know has no code
    names = dict(zip(legend_en["stage"], legend_en["iati_name"], strict=True))
    assert names["submitted"] == "Pipeline/identification"
    assert names["in_progress"] == "Implementation"
    assert names["completed"] == "Closed"
    assert names["cancelled"] == "Cancelled"
    assert dict(zip(legend_it["stage"], legend_it["iati_name"], strict=True))["in_progress"] == (
        "Attuazione"
    )
    # Every IATI code a stage is published as has a name in both languages (the codes only
    # read on import, 3 and 6, are explained in the legend's caption instead).
    for code in filter(None, schema.STAGE_TO_IATI_STATUS.values()):
        assert i18n.t(f"funding.iati.{code}", "it") and i18n.t(f"funding.iati.{code}", "en")


# -- flows --------------------------------------------------------------------------------
SANKEY_CHOICES = [
    (middle, destination, measure)
    for middle in tr.MIDDLES
    for destination in tr.DESTINATIONS
    for measure in tr.MEASURES
]


def _link_balance(fig: go.Figure) -> tuple[dict[int, float], dict[int, float]]:
    sankey = fig.data[0]
    inflow: dict[int, float] = {}
    outflow: dict[int, float] = {}
    for source, target, value in zip(
        sankey.link.source, sankey.link.target, sankey.link.value, strict=True
    ):
        outflow[source] = outflow.get(source, 0.0) + value
        inflow[target] = inflow.get(target, 0.0) + value
    return inflow, outflow


def _check_sankey(fig: go.Figure, total: float) -> None:
    inflow, outflow = _link_balance(fig)
    middle_nodes = set(inflow) & set(outflow)
    assert middle_nodes, "a four-level Sankey has nodes in the middle"
    for node in middle_nodes:
        assert inflow[node] == pytest.approx(outflow[node]), fig.data[0].node.label[node]
    sources_only = set(outflow) - set(inflow)
    targets_only = set(inflow) - set(outflow)
    assert sum(outflow[n] for n in sources_only) == pytest.approx(total)
    assert sum(inflow[n] for n in targets_only) == pytest.approx(total)


@pytest.mark.parametrize(("middle", "destination", "measure"), SANKEY_CHOICES)
def test_sankey_inflow_equals_outflow_at_every_middle_node(
    projects: pd.DataFrame, middle: tr.Middle, destination: tr.Destination, measure: tr.Measure
) -> None:
    paths = tr.summarise_funding_paths(
        projects, middle=middle, destination=destination, measure=measure, lang="it"
    )
    fig = charts.funding_flows_sankey(paths, lang="it")
    assert fig.data[0].type == "sankey"
    total = len(projects) if measure == "count" else tr.project_eur(projects).sum()
    assert paths["projects" if measure == "count" else "eur"].sum() == pytest.approx(total)
    _check_sankey(fig, total)


@pytest.mark.parametrize(("middle", "destination", "measure"), SANKEY_CHOICES)
def test_demo_sankey_balances_with_the_smaller_funders_grouped(
    demo_data: Dataset, middle: tr.Middle, destination: tr.Destination, measure: tr.Measure
) -> None:
    view = demo_data.projects
    paths = tr.summarise_funding_paths(
        view, middle=middle, destination=destination, measure=measure, lang="en", top=5
    )
    fig = charts.funding_flows_sankey(paths, lang="en")
    total = len(view) if measure == "count" else tr.project_eur(view).sum()
    _check_sankey(fig, total)
    others = i18n.t(f"funding.others.{middle}", "en")
    assert others in fig.data[0].node.label
    assert paths[middle].nunique() <= 5 + 2  # the top five, the others, "not given"


def test_sankey_groups_beyond_top_and_keeps_every_project(projects: pd.DataFrame) -> None:
    paths = tr.summarise_funding_paths(
        projects, middle="funder", destination="region", measure="count", lang="en", top=1
    )
    # AICS has the most projects (4); the four other named funders share one node.
    assert set(paths["funder"]) == {"AICS", "Other funders", "Not given"}
    counts = paths.groupby("funder")["projects"].sum()
    assert counts.to_dict() == {"AICS": 4, "Other funders": 7, "Not given": 1}


def test_sankey_nodes_are_translated_and_sdgs_wear_official_colours(
    projects: pd.DataFrame,
) -> None:
    colours = reference.sdg_colours()
    for lang in i18n.LANGS:
        paths = tr.summarise_funding_paths(
            projects, middle="programme", destination="sdg", measure="count", lang=lang
        )
        node = charts.funding_flows_sankey(paths, lang=lang).data[0].node
        labels = list(node.label)
        assert i18n.label("stage", "rejected", lang) in labels
        assert i18n.label("funder_type", "eu", lang) in labels
        assert i18n.sdg_label(4, lang) in labels
        assert i18n.t("funding.not_given", lang) in labels  # a project without SDGs
        assert node.color[labels.index(i18n.sdg_label(4, lang))] == colours[4]
        assert node.color[labels.index(i18n.sdg_label(5, lang))] == colours[5]
        # Every funder type drawn wears the colour it has on the Bridges map.
        for code in set(paths["funder_type"]) - {tr.NOT_GIVEN}:
            colour = node.color[labels.index(i18n.label("funder_type", code, lang))]
            assert colour == bridges_charts.category_colour("funder_type", code), code
        # Programmes' names are cut between the columns (whole in the hover) to fit a phone.
        programmes = set(paths["programme"])
        shown = [s for s, name in zip(labels, node.customdata, strict=True) if name in programmes]
        assert shown and max(len(s) for s in shown) <= charts.SANKEY_MIDDLE_CHARS
        assert programmes <= set(node.customdata)
    assert "Respinto" in labels_for(projects, "it") and "Rejected" in labels_for(projects, "en")


def labels_for(projects: pd.DataFrame, lang: i18n.Lang) -> list[str]:
    paths = tr.summarise_funding_paths(
        projects, middle="funder", destination="region", measure="eur", lang=lang
    )
    return list(charts.funding_flows_sankey(paths, lang=lang).data[0].node.label)


def test_sankey_regions_come_from_the_destination_country(projects: pd.DataFrame) -> None:
    paths = tr.summarise_funding_paths(
        projects, middle="funder", destination="region", measure="count", lang="it"
    )
    per_region = paths.groupby("region_label")["projects"].sum().to_dict()
    # SEN x6, MAR x2 -> Africa; ALB -> Europa; PER x2 -> Americhe; one without a country.
    assert per_region == {"Africa": 8, "Europa": 1, "Americhe": 2, "Non indicato": 1}


def test_sankey_hover_writes_money_the_user_way(projects: pd.DataFrame) -> None:
    for lang, money in (("it", "%{value:,.0f} EUR"), ("en", "EUR %{value:,.0f}")):
        paths = tr.summarise_funding_paths(
            projects, middle="funder", destination="sdg", measure="eur", lang=lang
        )
        fig = charts.funding_flows_sankey(paths, lang=lang)
        assert money in fig.data[0].link.hovertemplate
        assert fig.layout.separators == separators(lang)
    assert separators("it") == ",."


# -- success, timing, years, endings -------------------------------------------------------
def test_success_rate_is_approved_among_decided(projects: pd.DataFrame) -> None:
    success = tr.summarise_success(projects, by="funder", lang="en").set_index("funder")
    # AICS: in progress + completed approved, one rejected; the idea is not decided.
    assert success.loc["AICS", ["decided", "approved", "rejected"]].tolist() == [3, 2, 1]
    assert success.loc["AICS", "success_rate"] == pytest.approx(2 / 3)
    assert bool(success.loc["AICS", "enough"])
    # Commissione europea: approved 1, rejected 1; the pending submission does not count.
    assert success.loc["Commissione europea", "success_rate"] == pytest.approx(0.5)
    assert not bool(success.loc["Commissione europea", "enough"])
    # Regione Lazio: one running; the cancelled one is not a decision in the schema.
    assert success.loc["Regione Lazio", ["decided", "success_rate"]].tolist() == [1, 1.0]
    assert "Fondazione Cariplo" not in success.index and "Comune di Milano" not in success.index
    assert success["decided"].is_monotonic_decreasing


def test_success_by_programme_names_the_missing_programme(projects: pd.DataFrame) -> None:
    success = tr.summarise_success(projects, by="programme", lang="it").set_index("programme")
    assert success.loc["Bando Migranti", "success_rate"] == pytest.approx(2 / 3)
    assert success.loc["Non indicato", "decided"] == 1  # Regione Lazio's running project
    assert len(tr.summarise_success(projects, by="programme", lang="it", top=1)) == 1


def test_success_chart_greys_rates_resting_on_few_decisions(projects: pd.DataFrame) -> None:
    success = tr.summarise_success(projects, by="funder", lang="en")
    bar = charts.success_rate_bar(success, lang="en").data[0]
    colours = dict(zip(bar.y, bar.marker.color, strict=True))
    assert colours["AICS (n=3)"] == PRIMARY
    assert colours["Commissione europea (n=2)"] == charts.FAINT
    widths = dict(zip(bar.y, bar.x, strict=True))
    assert widths["AICS (n=3)"] == pytest.approx(200 / 3)
    assert bar.text[-1] == "67%"  # the most decided funder is drawn on top


def test_decision_days_by_funder_type(projects: pd.DataFrame) -> None:
    timing = tr.summarise_decision_days(projects, "en").set_index("funder_type")
    # AICS decisions: 30 days (2020), 90 days (2019), 181 days (2021 rejection).
    assert timing.loc["aics", ["projects", "days_min", "days_median", "days_max"]].tolist() == [
        3,
        30,
        90,
        181,
    ]
    assert timing.loc["eu", "days_median"] == pytest.approx((60 + 31) / 2)
    assert timing.loc["region", "projects"] == 1  # the cancelled project is not a decision
    assert timing.loc["aics", "funder_type_label"] == "AICS"
    box = charts.decision_days_box(timing.reset_index(), lang="en").data[0]
    assert list(box.median) == timing["days_median"].tolist()
    assert list(box.x) == timing["funder_type_label"].tolist()


def test_decision_before_submission_is_ignored() -> None:
    odd = make_projects(
        [{"stage": "approved", "date_submitted": "2022-05-01", "date_decided": "2022-01-01"}]
    )
    assert tr.decision_days(odd).isna().all()


def test_requested_and_granted_by_year_of_submission(projects: pd.DataFrame) -> None:
    years = tr.summarise_amounts_by_year(projects)
    assert years["year"].tolist() == [2019, 2020, 2021, 2022]
    row = years.set_index("year").loc[2021]
    assert row.tolist() == [3, 990.0, 450.0]
    with_date = projects[projects[schema.P_SUBMITTED].notna()]
    assert years["requested"].sum() == pytest.approx(with_date[schema.P_REQUESTED].sum())
    assert years["submitted"].sum() == len(with_date) == 9
    fig = charts.requested_granted_by_year_bar(years, lang="it")
    assert [trace.name for trace in fig.data] == ["Richiesto", "Concesso"]
    assert list(fig.data[1].y) == years["granted"].tolist()
    assert "400 EUR" in fig.data[1].customdata[0]


@pytest.mark.parametrize(
    ("today", "days", "expected"),
    [
        (date(2026, 11, 23), 365, ["Progetto 5", "Progetto 4"]),
        (date(2026, 11, 23), 30, ["Progetto 5"]),
        (date(2026, 12, 1), 365, ["Progetto 5", "Progetto 4"]),  # ends today: in
        (date(2026, 12, 2), 365, ["Progetto 4"]),
        (date(2026, 1, 31), 365, ["Progetto 5", "Progetto 4"]),  # ends on the last day: in
        (date(2026, 1, 30), 365, ["Progetto 5"]),
        (date(2026, 2, 1), 300, []),
        (date(2029, 1, 1), 365, ["Progetto 6"]),
        (date(2021, 1, 1), 365, []),  # Progetto 7 ended 2021 but is completed, not running
    ],
)
def test_ending_soon_respects_the_window(
    projects: pd.DataFrame, today: date, days: int, expected: list[str]
) -> None:
    associations = coerce_dtypes(
        schema.ASSOCIATIONS,
        pd.DataFrame([{"association_id": "A001", "name": "Sunugal", "contact_email": "x@y.z"}]),
    )
    ending = tr.projects_ending_soon(projects, associations, today=today, lang="en", days=days)
    assert ending["title"].tolist() == expected
    assert ending["date_end"].is_monotonic_increasing
    if expected:
        assert set(ending["lead"]) == {"Sunugal"}
    assert not schema.PRIVATE_COLUMNS & set(ending.columns)


# -- tables ---------------------------------------------------------------------------------
def test_public_tables_are_headed_in_the_language_without_codes(projects: pd.DataFrame) -> None:
    funnel = tr.count_projects_reaching_stage(projects, "en")
    table = tables.public_table(funnel, "en")
    assert list(table.columns) == [
        "Stage",
        "Projects reaching it",
        "EUR reaching it",
        "Here now",
        "Exited after it",
        "Went on to next stage (%)",
        "EUR going on to next stage (%)",
    ]
    assert table["Went on to next stage (%)"].iloc[2] == pytest.approx(55.6)
    paths = tr.summarise_funding_paths(
        projects, middle="programme", destination="sdg", measure="eur", lang="it"
    )
    table = tables.public_table(paths, "it")
    assert list(table.columns) == [
        "Tipo di finanziatore",
        "Programma o bando",
        "Fase",
        "SDG principale",
        "EUR in gioco",
    ]
    assert table["EUR in gioco"].sum() == pytest.approx(tr.project_eur(projects).sum())


def test_funnel_chart_draws_the_reached_values(projects: pd.DataFrame) -> None:
    funnel = tr.count_projects_reaching_stage(projects, "it")
    fig = charts.projects_reaching_stage_funnel(funnel, lang="it", measure="count")
    assert fig.data[0].type == "funnel"
    assert list(fig.data[0].x) == funnel["reached"].tolist()
    assert list(fig.data[0].y) == funnel["stage_label"].tolist()
    assert fig.data[0].text[2] == "9 · → 56%"
    eur = charts.projects_reaching_stage_funnel(funnel, lang="it", measure="eur")
    assert list(eur.data[0].x) == funnel["reached_eur"].tolist()
    assert eur.data[0].text[-1] == "400 EUR"
    assert eur.layout.separators == ",."


def test_stage_bars_colour_exits_apart(projects: pd.DataFrame) -> None:
    stages = tr.count_projects_at_stage(projects, "en")
    bar = charts.projects_at_stage_bar(stages, lang="en", measure="eur").data[0]
    colours = dict(zip(bar.y, bar.marker.color, strict=True))
    assert colours["Rejected"] == charts.EXIT_COLOUR
    assert colours["Approved"] == PRIMARY
    assert sum(bar.x) == pytest.approx(stages["eur"].sum())
    assert "EUR 760" in bar.text


def test_open_calls_soonest_first_rolling_last_never_closed(demo_store: Store) -> None:
    calls = Dataset.from_tables(demo_store.read_all()).calls
    today = date(2026, 12, 1)
    table = ct.open_calls_table(calls, today, "it")
    by_title = calls.set_index("title")
    assert len(table) == sum(
        ct.is_open(o, c, today)
        for o, c in zip(calls["date_open"], calls["date_close"], strict=True)
    )
    closes = [by_title.at[title, "date_close"] for title in table["title"]]
    dated = [c for c in closes if pd.notna(c)]
    assert dated == sorted(dated) and all(c >= pd.Timestamp(today) for c in dated)
    # Rolling calls (no closing date) come last and say so.
    rolling = [pd.isna(c) for c in closes]
    assert rolling == sorted(rolling) and any(rolling)
    assert set(table.loc[rolling, "deadline"]) == {i18n.t("association.call.rolling", "it")}
    # A call that has not opened yet is not listed.
    later = calls[calls["date_open"] > pd.Timestamp(today)]
    assert not later.empty and not set(later["title"]) & set(table["title"])
    assert tables.public_table(table, "it").shape[0] == len(table)
