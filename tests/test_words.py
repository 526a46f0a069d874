"""Words and numbers people can read, on every page: one counting rule for associations,
text from data shown as text in every plotly figure, and empty results said in words.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from ponti import filters as flt
from ponti import i18n, schema
from ponti.charts import agenda as agenda_charts
from ponti.charts import bridges as bridges_charts
from ponti.charts import funding as funding_charts
from ponti.charts import overview as overview_charts
from ponti.charts.common import MONEY_MEASURES, draws_nothing, escape_text, format_measure
from ponti.store import Store
from ponti.transforms import Dataset, apply_filters
from ponti.transforms import agenda as agenda_tf
from ponti.transforms import bridges as bridges_tf
from ponti.transforms import funding as funding_tf
from ponti.transforms import overview as overview_tf
from tests.apptest import map_figure, open_app

LINK = '<a href="http://evil">x</a>'
BOLD = "<b>bold</b>"


@pytest.fixture
def demo(demo_store: Store) -> Dataset:
    """The demo data as the pages see it without filters (projects carry their year)."""
    return apply_filters(Dataset.from_tables(demo_store.read_all()), flt.Filters())


# -- one way to write a value of a measure --------------------------------------------------------
@pytest.mark.parametrize(
    ("measure", "short", "lang", "expected"),
    [
        ("projects", False, "it", "1.234.567"),
        ("associations", False, "en", "1,234,567"),
        ("count", True, "it", "1.234.567"),  # a count is never shortened
        ("eur", False, "it", "1.234.567 EUR"),
        ("granted", False, "en", "EUR 1,234,567"),
        ("requested", True, "it", "1,2 mln EUR"),
        ("granted", True, "en", "EUR 1.2m"),
    ],
)
def test_a_value_is_written_by_its_measure(
    measure: str, short: bool, lang: i18n.Lang, expected: str
) -> None:
    assert format_measure(1_234_567, measure, lang, short=short) == expected


def test_the_money_measures_are_measures_of_the_pages() -> None:
    measures = {*agenda_tf.MEASURES, *bridges_tf.MEASURES, *funding_tf.MEASURES}
    assert measures >= MONEY_MEASURES
    assert measures - MONEY_MEASURES == {"projects", "associations", "count"}


# -- one counting rule for associations ----------------------------------------------------------
@pytest.mark.parametrize("origin", [("SEN",), ("m49:002",), ("SEN", "MAR")])
def test_overview_and_bridges_count_associations_by_one_rule(
    demo: Dataset, origin: tuple[str, ...]
) -> None:
    view = apply_filters(demo, flt.Filters(origin=origin))
    origins = flt.origin_countries(origin)
    headline = overview_tf.summarise_headline(view, origins)
    points = bridges_tf.association_points(view.associations)
    # An association counts once, where it is based: the Overview's figure is the Bridges
    # map's, and its summary writes the same number.
    assert headline.associations == int(points["associations"].sum()) > 0
    summary = bridges_charts.describe_map(
        bridges_charts.MapLayers(points=points), measure="associations", dimension="sdg", lang="en"
    )
    assert i18n.tn("count.associations", headline.associations, "en") in summary
    # Origin figures count only the chosen origins: an association of Senegal and Mali
    # passes a filter on Senegal, but Mali is not counted, listed or drawn.
    countries = {c for codes in view.associations[schema.A_COUNTRIES] for c in codes}
    if "SEN" in origin:
        assert countries - origins, "the demo should have associations with other origins too"
    assert headline.origin_countries == len(countries & origins)
    communities = overview_tf.count_associations_by_country(
        view.associations, "en", top=None, origins=origins
    )
    assert set(communities["iso3"]) <= origins
    arcs = bridges_tf.link_arcs(view, "associations", origins=origins)
    assert set(arcs["place_country"]) <= origins
    # An association with several origins is on an arc to each: the arcs' total is the
    # number of (association, origin place) links, which the rule says and the help explains.
    links = bridges_tf.association_links(view.associations, origins)
    assert int(arcs["value"].sum()) == len(links) >= links[schema.A_ID].nunique()


def test_the_rule_is_said_in_both_languages() -> None:
    for lang in i18n.LANGS:
        text = i18n.t("counting.rule", lang)
        assert len(text.splitlines()) == 1 and len(text) < 240


# -- text from data stays text in plotly -------------------------------------------------------
def _figure_text(fig: go.Figure) -> str:
    # Plain json (plotly's own writer turns "</" into "<\\/", which would hide a "</b>").
    def plain(value: Any) -> Any:
        return value.tolist() if hasattr(value, "tolist") else str(value)

    return json.dumps(fig.to_plotly_json(), default=plain, ensure_ascii=False)


def _agenda_figures(demo: Dataset, monkeypatch: pytest.MonkeyPatch) -> list[go.Figure]:
    lang: i18n.Lang = "en"
    summary = agenda_tf.summarise_goals(demo, lang).assign(**{agenda_tf.NAME: f"{LINK} {BOLD}"})
    matrix = agenda_tf.goal_matrix(
        agenda_tf.project_goals(demo.projects), "country", "projects", lang
    )
    matrix = agenda_tf.GoalMatrix(
        dimension=matrix.dimension,
        measure=matrix.measure,
        keys=matrix.keys,
        labels=[f"{LINK}{i}" if i % 2 else f"{BOLD}{i}" for i in range(len(matrix.labels))],
        values=matrix.values,
    )
    targets = pd.DataFrame({agenda_tf.TARGET: [LINK, BOLD], agenda_tf.PROJECTS: [2, 1]})
    trend = agenda_tf.measure_goals_by_year(agenda_tf.project_goals(demo.projects), "projects")
    # Goal names come from the reference data; make them markup to prove they are escaped.
    monkeypatch.setattr(i18n, "_sdg_names", lambda lang: {g: f"{LINK}{BOLD}" for g in range(1, 18)})
    return [
        agenda_charts.goals_grid(summary, lang=lang),
        agenda_charts.goal_heatmap(matrix, lang=lang),
        agenda_charts.projects_by_target_bar(targets, goal=4, lang=lang),
        agenda_charts.goal_trend_small_multiples(trend, measure="projects", lang=lang),
    ]


def _funding_figures(demo: Dataset) -> list[go.Figure]:
    lang: i18n.Lang = "it"
    projects = demo.projects.copy()
    marked = projects.index[::3]
    projects[schema.P_FUNDER] = projects[schema.P_FUNDER].astype(object)
    projects.loc[marked, schema.P_FUNDER] = LINK
    projects[schema.P_PROGRAMME] = projects[schema.P_PROGRAMME].astype(object)
    projects.loc[marked, schema.P_PROGRAMME] = BOLD
    # An unknown funder type is shown as written: here, markup.
    projects[schema.P_FUNDER_TYPE] = projects[schema.P_FUNDER_TYPE].astype(object)
    projects.loc[projects.index[1::3], schema.P_FUNDER_TYPE] = BOLD
    funnel = funding_tf.count_projects_reaching_stage(projects, lang)
    funnel["stage_label"] = [f"{LINK}{i}" for i in range(len(funnel))]
    stages = funding_tf.count_projects_at_stage(projects, lang)
    stages["stage_label"] = [f"{BOLD}{i}" for i in range(len(stages))]
    timing = funding_tf.summarise_decision_days(projects, lang)
    timing["funder_type_label"] = [f"{LINK}{i}" for i in range(len(timing))]
    figures = [
        funding_charts.projects_reaching_stage_funnel(funnel, lang=lang, measure="count"),
        funding_charts.projects_at_stage_bar(stages, lang=lang, measure="eur"),
        funding_charts.decision_days_box(timing, lang=lang),
        funding_charts.requested_granted_by_year_bar(
            funding_tf.summarise_amounts_by_year(projects), lang=lang
        ),
    ]
    for middle in funding_tf.MIDDLES:
        paths = funding_tf.summarise_funding_paths(
            projects, middle=middle, destination="region", measure="count", lang=lang
        )
        figures.append(funding_charts.funding_flows_sankey(paths, lang=lang))
        success = funding_tf.summarise_success(projects, by=middle, lang=lang)
        figures.append(funding_charts.success_rate_bar(success, lang=lang))
    return figures


def test_markup_from_data_never_reaches_a_figure_as_markup(
    demo: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    counts = overview_tf.count_associations_by_country(demo.associations, "en")
    counts["country"] = [LINK if i % 2 else BOLD for i in range(len(counts))]
    figures = [
        overview_charts.associations_by_country_bar(counts, lang="en"),
        *_agenda_figures(demo, monkeypatch),
        *_funding_figures(demo),
    ]
    assert all(fig.data for fig in figures)
    for fig in figures:
        text = _figure_text(fig)
        assert "<a " not in text and BOLD not in text, text[:300]
    # The names did reach the figures, written as text (the bars by year name nothing).
    carrying = [fig for fig in figures if [trace.type for trace in fig.data] != ["bar", "bar"]]
    assert len(carrying) == len(figures) - 1
    for fig in carrying:
        text = _figure_text(fig)
        assert "&lt;a href=" in text or escape_text(BOLD) in text, fig.data[0].type


def test_escape_keeps_what_plotly_shows_back_as_written() -> None:
    # plotly turns &amp; &lt; &gt; back into characters, but would show &quot; literally.
    assert escape_text('Fondazione "A&B" <Onlus>') == 'Fondazione "A&amp;B" &lt;Onlus&gt;'


# -- empty results are said in words ----------------------------------------------------------
@pytest.mark.parametrize(
    ("trace", "empty"),
    [
        (go.Bar(x=[0, 0], y=["a", "b"], orientation="h"), True),
        (go.Bar(x=["a", "b"], y=[0, 3]), False),
        (go.Funnel(x=[0, 0, 0], y=["idea", "concept", "submitted"]), True),
        (go.Sankey(node={"label": []}, link={"source": [], "target": [], "value": []}), True),
        (go.Heatmap(z=[[0, 0], [0, 0]]), True),
        (go.Heatmap(z=[[0, 0], [0, 2]]), False),
        (go.Box(x=[], q1=[], median=[], q3=[]), True),
        (go.Scatter(x=[2020, 2021], y=[0, 0]), True),
    ],
)
def test_draws_nothing(trace: Any, empty: bool) -> None:
    assert draws_nothing(go.Figure(trace)) is empty


EMPTY = {"origin": "m49:009"}  # Oceania: no association, project, twinning or resident
NO_PROJECTS = {"origin": "SEN", "stage": "withdrawn", "from": "2015", "to": "2015"}


def _figures(at: AppTest) -> list[go.Figure]:
    return [go.Figure(json.loads(chart.proto.spec)) for chart in at.get("plotly_chart")]


def _infos(at: AppTest) -> list[str]:
    return [info.value for info in at.info]


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize("page", ["overview", "bridges", "agenda", "funding"])
def test_an_empty_view_says_so_instead_of_drawing_bare_axes(
    demo_env: Store, page: str, lang: i18n.Lang
) -> None:
    at = open_app(page, {**EMPTY, "lang": lang})
    assert not at.exception
    for fig in _figures(at):
        assert not draws_nothing(fig), fig.data[0].type
    assert not at.get("deck_gl_json_chart"), "an empty map is said in words, not drawn"
    assert not [f for f in _figures(at) if f.data and f.data[0].meta == "world"], "nor as a figure"
    infos = _infos(at)
    if page == "agenda":
        # The 17 goals stay (every tile faded, "0 projects"); the rest says why it is empty.
        assert len(_figures(at)) == 1
        assert i18n.t("agenda.heatmap.empty", lang) in infos
        assert i18n.t("agenda.trend.empty", lang) in infos
    else:
        assert i18n.t("chart.empty", lang) in infos


def test_a_view_without_projects_keeps_what_it_has(demo_env: Store) -> None:
    # Senegalese associations are there, their projects are not: the map and the community
    # bars stay on the Overview, every funding chart gives way to the message.
    overview = open_app("overview", {**NO_PROJECTS, "lang": "en"})
    map_figure(overview)  # the map is there
    assert [fig.data[0].type for fig in _figures(overview)] == ["scatter", "bar"]
    funding = open_app("funding", {**NO_PROJECTS, "lang": "en"})
    assert _figures(funding) == []
    infos = _infos(funding)
    # Six charts say "no data"; time to decision says why it has none.
    assert infos.count(i18n.t("chart.empty", "en")) == 6
    assert i18n.t("funding.timing.empty", "en") in infos
