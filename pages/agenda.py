"""Agenda 2030: the 17 goals under the current filters, a goal's targets and projects,
goals by place, where communities are present but projects are missing, goals over time.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

import widgets
from ponti import filters as flt
from ponti import formats, i18n, schema
from ponti.charts import agenda as charts
from ponti.i18n import Lang, t
from ponti.transforms import agenda as transforms

PLOTLY_CONFIG = {"displaylogo": False}

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


def _headers(lang: Lang, names: dict[str, str]) -> dict[str, str]:
    return {column: t(key, lang) for column, key in names.items()}


context = widgets.page_context()
lang, view = context.lang, context.view
number: Callable[[object], str] = lambda value: formats.format_number(value, lang)  # noqa: E731

st.title(t("agenda.title", lang))
st.caption(t("agenda.intro", lang))
if view.associations.empty and view.projects.empty:
    st.warning(t("agenda.empty", lang))

widgets.controls_from_url(CONTROLS)

# -- the 17 goals ------------------------------------------------------------------------
summary = transforms.summarise_goals(view, lang)
pairs = transforms.project_goals(view.projects)
st.subheader(t("agenda.grid.title", lang))
st.plotly_chart(
    charts.goals_grid(summary, lang=lang, selected=st.session_state.get(GOAL_PARAM)),
    config=PLOTLY_CONFIG,
    key="agenda-grid",
)
st.caption(
    t("agenda.grid.caption", lang, projects=number(len(view.projects)), pairs=number(len(pairs)))
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
grid_headers = {
    transforms.GOAL: "agenda.col.goal",
    transforms.NAME: "agenda.col.goal_name",
    transforms.PROJECTS: "agenda.col.projects",
    transforms.ASSOCIATIONS: "agenda.col.associations",
    transforms.GRANTED: "agenda.col.granted",
    transforms.REQUESTED: "agenda.col.requested",
}
widgets.chart_data(
    summary[list(grid_headers)].rename(columns=_headers(lang, grid_headers)),
    lang=lang,
    filename="ponti-agenda-goals.csv",
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
    row = summary.set_index(transforms.GOAL).loc[goal]
    st.subheader(t("agenda.goal.title", lang, goal=goal, name=row[transforms.NAME]))
    st.markdown(
        t(
            "agenda.goal.figures",
            lang,
            projects=number(row[transforms.PROJECTS]),
            associations=number(row[transforms.ASSOCIATIONS]),
            granted=formats.format_money(row[transforms.GRANTED], lang),
        )
    )
    left, right = st.columns([2, 3], gap="large")
    with left:
        st.markdown(f"**{t('agenda.targets.title', lang)}**")
        targets = transforms.count_projects_by_target(view.projects, goal)
        if targets[transforms.PROJECTS].sum() == 0:
            st.info(t("agenda.targets.none", lang))
        else:
            st.plotly_chart(
                charts.projects_by_target_bar(targets, goal=goal, lang=lang),
                config=PLOTLY_CONFIG,
                key="agenda-targets",
            )
            without = transforms.projects_without_target(view.projects, goal)
            st.caption(t("agenda.targets.caption", lang, goal=goal, without=number(without)))
            target_headers = {
                transforms.TARGET: "agenda.col.target",
                transforms.PROJECTS: "agenda.col.projects",
            }
            widgets.chart_data(
                targets.rename(columns=_headers(lang, target_headers)),
                lang=lang,
                filename=f"ponti-agenda-sdg{goal}-targets.csv",
            )
    with right:
        st.markdown(f"**{t('agenda.projects.title', lang)}**")
        projects = transforms.goal_projects_table(view, goal, lang)
        if projects.empty:
            st.info(t("agenda.projects.none", lang))
        else:
            project_headers = {
                "title": "agenda.col.title",
                "lead": "agenda.col.lead",
                "municipality": "agenda.col.municipality",
                "destination": "agenda.col.destination",
                "stage": "agenda.col.stage",
                "year": "agenda.col.year",
                "sdgs": "agenda.col.sdgs",
                "targets": "agenda.col.targets",
                "funder": "agenda.col.funder",
                "granted": "agenda.col.granted",
                "requested": "agenda.col.requested",
            }
            widgets.chart_data(
                projects.rename(columns=_headers(lang, project_headers)),
                lang=lang,
                filename=f"ponti-agenda-sdg{goal}-projects.csv",
                label_key="agenda.projects.table",
                expanded=True,
            )

st.divider()

# -- goals by place ------------------------------------------------------------------------
st.subheader(t("agenda.heatmap.title", lang))
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
        matrix = transforms.goal_matrix(pairs, dimension, measure, lang, order)
        if not matrix.keys:
            st.info(t("agenda.heatmap.empty", lang))
            continue
        st.plotly_chart(
            charts.goal_heatmap(matrix, lang=lang),
            config=PLOTLY_CONFIG,
            key=f"agenda-heatmap-{dimension}",
        )
        dimension_label = t(f"agenda.heatmap.{dimension}", lang).lower()
        st.caption(
            t(
                "agenda.heatmap.caption",
                lang,
                measure=measure_label,
                dimension=dimension_label,
                rows=number(len(matrix.keys)),
            )
        )
        top = transforms.top_cells(matrix)
        st.caption(
            t(
                "agenda.heatmap.summary",
                lang,
                top="; ".join(
                    f"{label} · SDG {g}: {charts.format_measure(v, measure, lang)}"
                    for label, g, v in top
                )
                or "–",
            )
        )
        matrix_headers = {
            transforms.KEY: "agenda.col.code",
            transforms.NAME: f"agenda.col.{dimension}",
        }
        widgets.chart_data(
            transforms.goal_matrix_table(matrix).rename(columns=_headers(lang, matrix_headers)),
            lang=lang,
            filename=f"ponti-agenda-{dimension}-{measure}.csv",
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
    help=t("agenda.gaps.basis.help", lang, threshold=number(transforms.RESIDENTS_PRESENCE)),
)
funded_only = controls[1].toggle(
    t("agenda.gaps.funded", lang), help=t("agenda.gaps.funded.help", lang), key=FUNDED_PARAM
)
if context.filters.sdg:
    goals_text = ", ".join(f"SDG {g}" for g in context.filters.sdg)
    st.caption(t("agenda.gaps.scope", lang, goals=goals_text))
residents_year = transforms.latest_residents_year(view.residents)
origin_countries = flt.origin_countries(context.filters.origin) if context.filters.origin else None
finders = {
    "country": functools.partial(transforms.find_country_gaps, countries=origin_countries),
    "region": transforms.find_region_gaps,
}
for tab, dimension in zip(
    st.tabs([t("agenda.gaps.countries", lang), t("agenda.gaps.regions", lang)]),
    transforms.DIMENSIONS,
    strict=True,
):
    with tab:
        gaps = finders[dimension](
            view,
            lang,
            basis=basis,
            goals=context.filters.sdg or None,
            covering_stages=schema.APPROVED_STAGES if funded_only else None,
        )
        if gaps.empty:
            st.info(t("agenda.gaps.none", lang))
            continue
        st.caption(
            t(
                f"agenda.gaps.caption.{dimension}",
                lang,
                n=number(len(gaps)),
                year=residents_year or "–",
            )
        )
        gap_headers = {
            transforms.KEY: "agenda.col.code",
            transforms.NAME: f"agenda.col.{dimension}",
            transforms.GOAL: "agenda.col.goal",
            transforms.DECLARING: "agenda.col.declaring",
            transforms.ASSOCIATIONS: "agenda.col.associations",
            transforms.RESIDENTS: "agenda.col.residents",
            transforms.OTHER_PROJECTS: "agenda.col.other_projects",
            transforms.GOALS_COVERED: "agenda.col.goals_covered",
            transforms.EXAMPLES: "agenda.col.examples",
        }
        widgets.chart_data(
            gaps.rename(columns=_headers(lang, gap_headers)),
            lang=lang,
            filename=f"ponti-agenda-gaps-{dimension}.csv",
            label_key="agenda.gaps.table",
            expanded=True,
        )

st.divider()

# -- trend -------------------------------------------------------------------------------------
st.subheader(t("agenda.trend.title", lang))
trend = transforms.measure_goals_by_year(pairs, measure)
if trend.empty:
    st.info(t("agenda.trend.empty", lang))
else:
    st.plotly_chart(
        charts.goal_trend_small_multiples(trend, measure=measure, lang=lang),
        config=PLOTLY_CONFIG,
        key="agenda-trend",
    )
    st.caption(t("agenda.trend.caption", lang, measure=measure_label))
    undated = transforms.undated_projects(view.projects)
    if undated:
        st.caption(t("agenda.trend.undated", lang, n=number(undated)))
    widgets.chart_data(
        transforms.trend_table(trend).rename(columns={"year": t("agenda.col.year", lang)}),
        lang=lang,
        filename=f"ponti-agenda-trend-{measure}.csv",
    )

widgets.controls_to_url(CONTROLS)
