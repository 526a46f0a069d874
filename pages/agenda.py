"""Agenda 2030: the 17 goals under the current filters, a goal's targets and projects,
goals by place, where communities are present but projects are missing, goals over time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

import plotly.graph_objects as go
import streamlit as st

import widgets
from ponti import filters as flt
from ponti import formats, i18n, schema
from ponti.charts import agenda as charts
from ponti.charts.common import format_measure
from ponti.i18n import t, tn
from ponti.transforms import Dataset, latest_residents_year
from ponti.transforms import agenda as transforms

if TYPE_CHECKING:  # only for annotations: the page leaves pandas to the transforms
    import pandas as pd

# On a phone the heatmaps' 17 columns are about 13 px wide: numbers in the cells would run
# into each other, so there the colours speak (the hover and the table give the numbers).
NARROW_CSS = (
    "<style>@media (max-width: 640px) { .stPlotlyChart g.heatmap-label { display: none; } }</style>"
)

# Page state that a link should carry: URL parameter -> (valid values, default).
GOAL_PARAM = "ag_goal"
MEASURE_PARAM = "ag_measure"
ORDER_PARAM = "ag_order"
BASIS_PARAM = "ag_basis"
FUNDED_PARAM = "ag_funded"
# The page's own choices, shareable as links: URL parameter -> (allowed values, default).
CONTROLS: dict[str, tuple[Sequence[Any], Any]] = {
    GOAL_PARAM: (schema.SDG_GOALS, None),
    MEASURE_PARAM: (transforms.MEASURES, "projects"),
    ORDER_PARAM: (transforms.ROW_ORDERS, "total"),
    BASIS_PARAM: (transforms.GOAL_BASES, "declared"),
    FUNDED_PARAM: ((True, False), False),
}


def _plotly(fig: go.Figure, key: str, *, title: str, stem: str) -> None:
    """The chart with its image buttons, or "no data for these filters" in its place."""
    widgets.plotly_chart(fig, context, title=title, stem=stem, key=key)


# What the page draws from the view, computed once per version, filters and choices and shared
# by every session (widgets.per_view): each takes the view and plain values only.
def _pairs(view: Dataset) -> pd.DataFrame:
    """The page's counting rule (``transforms.project_goals``) on the view's projects."""
    return transforms.project_goals(view.projects)


def _targets(view: Dataset, goal: int) -> pd.DataFrame:
    return transforms.count_projects_by_target(view.projects, goal)


def _without_target(view: Dataset, goal: int) -> int:
    return transforms.projects_without_target(view.projects, goal)


def _grid(view: Dataset, lang: i18n.Lang, selected: int | None) -> go.Figure:
    summary = widgets.per_view(context, transforms.summarise_goals, lang)
    return charts.goals_grid(summary, lang=lang, selected=selected)


def _heatmap(
    view: Dataset,
    dimension: transforms.Dimension,
    measure: transforms.Measure,
    lang: i18n.Lang,
    order: transforms.RowOrder,
) -> tuple[transforms.GoalMatrix, go.Figure | None, list[tuple[str, int, float]], pd.DataFrame]:
    """A heatmap's matrix, figure (None when it has no row), top cells and table."""
    pairs = widgets.per_view(context, _pairs)
    matrix = transforms.goal_matrix(pairs, dimension, measure, lang, order)
    if not matrix.keys:
        return matrix, None, [], transforms.goal_matrix_table(matrix)
    return (
        matrix,
        charts.goal_heatmap(matrix, lang=lang),
        transforms.top_cells(matrix),
        transforms.goal_matrix_table(matrix),
    )


def _trend(
    view: Dataset, measure: transforms.Measure, lang: i18n.Lang
) -> tuple[go.Figure | None, pd.DataFrame]:
    """The small multiples of the trend (None when nothing is dated) and their table."""
    trend = transforms.measure_goals_by_year(widgets.per_view(context, _pairs), measure)
    if trend.empty:
        return None, trend
    return (
        charts.goal_trend_small_multiples(trend, measure=measure, lang=lang),
        transforms.trend_table(trend),
    )


context = widgets.page_context()
lang, view = context.lang, context.view
number: Callable[[object], str] = lambda value: formats.format_number(value, lang)  # noqa: E731

st.title(t("agenda.title", lang))
st.caption(t("agenda.intro", lang))
if view.associations.empty and view.projects.empty:
    st.warning(t("agenda.empty", lang))

widgets.controls_from_url(CONTROLS)

# -- the 17 goals ------------------------------------------------------------------------
summary = widgets.per_view(context, transforms.summarise_goals, lang)
pairs = widgets.per_view(context, _pairs)
st.subheader(t("agenda.grid.title", lang))
widgets.plotly_chart(
    widgets.per_view(context, _grid, lang, st.session_state.get(GOAL_PARAM)),
    context,
    title=t("agenda.grid.title", lang),
    stem="ponti-agenda-goals",
    key="agenda-grid",
    empty=False,
)
st.caption(
    t(
        "agenda.grid.caption",
        lang,
        projects=tn("count.projects", len(view.projects), lang),
        pairs=tn("agenda.count.pairs", len(pairs), lang),
    )
)
top_goals, empty_goals = transforms.grid_highlights(summary)
st.caption(
    t(
        "agenda.grid.summary",
        lang,
        top=", ".join(f"SDG {g}" for g in top_goals) or "–",
        none=", ".join(f"SDG {g}" for g in empty_goals) or "–",
    )
)
widgets.chart_data(
    summary,
    context,
    stem="ponti-agenda-goals",
    # The goals' colours are the grid's, not data to read.
    columns=[
        transforms.GOAL,
        transforms.NAME,
        transforms.PROJECTS,
        transforms.ASSOCIATIONS,
        transforms.GRANTED,
        transforms.REQUESTED,
    ],
    names={transforms.NAME: "goal_name"},
)

# -- one goal: targets and projects ------------------------------------------------------
goal = st.selectbox(
    t("agenda.goal.choose", lang),
    options=list(schema.SDG_GOALS),
    index=None,
    format_func=lambda g: i18n.sdg_label(g, lang),
    placeholder=t("agenda.goal.placeholder", lang),
    help=t("agenda.goal.help", lang),
    key=GOAL_PARAM,
)
if goal is not None:
    # One row per goal in the summary, so .loc gives a row (pandas can't know it's unique).
    row = cast("pd.Series[Any]", summary.set_index(transforms.GOAL).loc[goal])
    st.subheader(t("agenda.goal.title", lang, goal=goal, name=row[transforms.NAME]))
    st.markdown(
        t(
            "agenda.goal.figures",
            lang,
            projects=tn("count.projects", row[transforms.PROJECTS], lang),
            associations=tn("count.associations", row[transforms.ASSOCIATIONS], lang),
            granted=formats.format_money(row[transforms.GRANTED], lang),
        )
    )
    left, right = st.columns([2, 3], gap="large")
    with left:
        st.markdown(f"**{t('agenda.targets.title', lang)}**")
        targets = widgets.per_view(context, _targets, goal)
        if targets[transforms.PROJECTS].sum() == 0:
            st.info(t("agenda.targets.none", lang))
        else:
            _plotly(
                charts.projects_by_target_bar(targets, goal=goal, lang=lang),
                "agenda-targets",
                title=t("agenda.targets.image", lang, goal=goal, name=row[transforms.NAME]),
                stem=f"ponti-agenda-sdg{goal}-targets",
            )
            without = widgets.per_view(context, _without_target, goal)
            without_text = tn("agenda.count.without_target", without, lang)
            st.caption(t("agenda.targets.caption", lang, goal=goal, without=without_text))
            widgets.chart_data(targets, context, stem=f"ponti-agenda-sdg{goal}-targets")
    with right:
        st.markdown(f"**{t('agenda.projects.title', lang)}**")
        projects = widgets.per_view(context, transforms.goal_projects_table, goal, lang)
        if projects.empty:
            st.info(t("agenda.projects.none", lang))
        else:
            widgets.chart_data(
                projects,
                context,
                stem=f"ponti-agenda-sdg{goal}-projects",
                label_key="agenda.projects.table",
                expanded=True,
            )

st.divider()

# -- goals by place ------------------------------------------------------------------------
st.subheader(t("agenda.heatmap.title", lang))
st.html(NARROW_CSS)
controls = st.columns(2)
measure = widgets.code_choice(
    controls[0],
    t("agenda.measure", lang),
    transforms.MEASURES,
    key=MEASURE_PARAM,
    labels="agenda.measure",
    lang=lang,
)
order = widgets.code_choice(
    controls[1],
    t("agenda.heatmap.order", lang),
    transforms.ROW_ORDERS,
    key=ORDER_PARAM,
    labels="agenda.order",
    lang=lang,
    help=t("agenda.heatmap.order.help", lang),
)
measure_label = t(f"agenda.measure.{measure}", lang)
for tab, dimension in zip(
    st.tabs([t(f"agenda.heatmap.{d}", lang) for d in transforms.DIMENSIONS]),
    transforms.DIMENSIONS,
    strict=True,
):
    with tab:
        matrix, heatmap, top, matrix_table = widgets.per_view(
            context, _heatmap, dimension, measure, lang, order
        )
        if heatmap is None:
            st.info(t("agenda.heatmap.empty", lang))
            continue
        dimension_label = t(f"agenda.heatmap.{dimension}", lang).lower()
        _plotly(
            heatmap,
            f"agenda-heatmap-{dimension}",
            title=t("agenda.heatmap.image", lang, measure=measure_label, dimension=dimension_label),
            stem=f"ponti-agenda-{dimension}-{measure}",
        )
        st.caption(
            t(
                "agenda.heatmap.caption",
                lang,
                measure=measure_label,
                dimension=dimension_label,
                rows=number(len(matrix.keys)),
            )
        )
        st.caption(
            t(
                "agenda.heatmap.summary",
                lang,
                top="; ".join(
                    f"{label} · SDG {g}: {format_measure(v, measure, lang, short=True)}"
                    for label, g, v in top
                )
                or "–",
            )
        )
        widgets.chart_data(
            matrix_table,
            context,
            stem=f"ponti-agenda-{dimension}-{measure}",
            names={transforms.NAME: dimension},
        )

st.divider()

# -- gap finder ------------------------------------------------------------------------------
st.subheader(t("agenda.gaps.title", lang))
st.caption(t("agenda.gaps.intro", lang))
controls = st.columns(2, vertical_alignment="bottom")
basis = widgets.code_choice(
    controls[0],
    t("agenda.gaps.basis", lang),
    transforms.GOAL_BASES,
    key=BASIS_PARAM,
    labels="agenda.basis",
    lang=lang,
    help=t(
        "agenda.gaps.basis.help",
        lang,
        residents=tn("count.residents", transforms.RESIDENTS_PRESENCE, lang),
    ),
)
funded_only = controls[1].toggle(
    t("agenda.gaps.funded", lang), help=t("agenda.gaps.funded.help", lang), key=FUNDED_PARAM
)
if context.filters.sdg:
    goals_text = ", ".join(f"SDG {g}" for g in context.filters.sdg)
    st.caption(t("agenda.gaps.scope", lang, goals=goals_text))
residents_year = latest_residents_year(view.residents)
# Plain values (widgets.per_view keys by them): sorted tuples, not sets.
origin_countries = (
    tuple(sorted(flt.origin_countries(context.filters.origin))) if context.filters.origin else None
)
gap_options: dict[str, Any] = {
    "basis": basis,
    "goals": context.filters.sdg or None,
    "covering_stages": tuple(sorted(schema.APPROVED_STAGES)) if funded_only else None,
}
for tab, dimension in zip(
    st.tabs([t("agenda.gaps.countries", lang), t("agenda.gaps.regions", lang)]),
    transforms.DIMENSIONS,
    strict=True,
):
    with tab:
        if dimension == "country":
            gaps = widgets.per_view(
                context,
                transforms.find_country_gaps,
                lang,
                countries=origin_countries,
                **gap_options,
            )
        else:
            gaps = widgets.per_view(context, transforms.find_region_gaps, lang, **gap_options)
        if gaps.empty:
            st.info(t("agenda.gaps.none", lang))
            continue
        st.caption(
            t(
                f"agenda.gaps.caption.{dimension}",
                lang,
                pairs=tn("agenda.count.gap_pairs", len(gaps), lang),
                year=residents_year or "–",
            )
        )
        widgets.chart_data(
            gaps,
            context,
            stem=f"ponti-agenda-gaps-{dimension}",
            names={transforms.NAME: dimension},
            label_key="agenda.gaps.table",
            expanded=True,
        )

st.divider()

# -- trend -------------------------------------------------------------------------------------
st.subheader(t("agenda.trend.title", lang))
trend_figure, trend_table = widgets.per_view(context, _trend, measure, lang)
if trend_figure is None:
    st.info(t("agenda.trend.empty", lang))
else:
    _plotly(
        trend_figure,
        "agenda-trend",
        title=t("agenda.trend.image", lang, measure=measure_label),
        stem=f"ponti-agenda-trend-{measure}",
    )
    st.caption(t("agenda.trend.caption", lang, measure=measure_label))
    undated = transforms.undated_projects(view.projects)
    if undated:
        st.caption(tn("agenda.trend.undated", undated, lang))
    widgets.chart_data(trend_table, context, stem=f"ponti-agenda-trend-{measure}")

widgets.controls_to_url(CONTROLS)
