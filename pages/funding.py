"""Funding pipeline: how far projects get, who funds them where, success, timing, endings."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import plotly.graph_objects as go
import streamlit as st

import widgets
from ponti import formats
from ponti.charts import funding as charts
from ponti.i18n import Lang, t, tn
from ponti.transforms import Dataset
from ponti.transforms import calls as call_transforms
from ponti.transforms import funding as transforms

if TYPE_CHECKING:  # only for annotations: the page leaves pandas to the transforms
    import pandas as pd

TOP_FLOWS = 12
TOP_SUCCESS = 15

# The page's own choices, shareable as links: URL parameter -> (allowed codes, default).
CHOICES: dict[str, tuple[tuple[str, ...], str]] = {
    "fu_measure": (transforms.MEASURES, "count"),
    "fu_middle": (transforms.MIDDLES, "funder"),
    "fu_dest": (transforms.DESTINATIONS, "region"),
}


def _plotly(fig: go.Figure, key: str, alt: str, *, title: str, stem: str) -> None:
    """The chart with its image buttons, or "no data for these filters" in its place."""
    widgets.plotly_chart(fig, context, title=title, stem=stem, key=key, alt=alt)


# Each table and its chart, computed once per version, filters and choices and shared by every
# session (widgets.per_view).
def _pipeline(
    view: Dataset, lang: Lang, measure: transforms.Measure
) -> tuple[pd.DataFrame, pd.DataFrame, go.Figure, go.Figure]:
    """How far projects get and where they are now: the tables and their charts."""
    funnel = transforms.count_projects_reaching_stage(view.projects, lang)
    stages = transforms.count_projects_at_stage(view.projects, lang)
    return (
        funnel,
        stages,
        charts.projects_reaching_stage_funnel(funnel, lang=lang, measure=measure),
        charts.projects_at_stage_bar(stages, lang=lang, measure=measure),
    )


def _flows(
    view: Dataset,
    middle: transforms.Middle,
    destination: transforms.Destination,
    measure: transforms.Measure,
    lang: Lang,
) -> tuple[pd.DataFrame, go.Figure]:
    paths = transforms.summarise_funding_paths(
        view.projects,
        middle=middle,
        destination=destination,
        measure=measure,
        lang=lang,
        top=TOP_FLOWS,
    )
    return paths, charts.funding_flows_sankey(paths, lang=lang)


def _success(view: Dataset, by: transforms.Middle, lang: Lang) -> tuple[pd.DataFrame, go.Figure]:
    success = transforms.summarise_success(view.projects, by=by, lang=lang, top=TOP_SUCCESS)
    return success, charts.success_rate_bar(success, lang=lang)


def _timing(view: Dataset, lang: Lang) -> tuple[pd.DataFrame, float, int, go.Figure | None]:
    """Days to a decision: the table, the median and number of decisions, the chart (None
    when nothing was decided)."""
    timing = transforms.summarise_decision_days(view.projects, lang)
    if timing.empty:
        return timing, float("nan"), 0, None
    days = transforms.decision_days(view.projects).dropna()
    return timing, float(days.median()), len(days), charts.decision_days_box(timing, lang=lang)


def _years(view: Dataset, lang: Lang) -> tuple[pd.DataFrame, go.Figure]:
    years = transforms.summarise_amounts_by_year(view.projects)
    return years, charts.requested_granted_by_year_bar(years, lang=lang)


def _ending(view: Dataset, today: str, lang: Lang) -> pd.DataFrame:
    """Projects of the view ending within a year of ``today`` (ISO date)."""
    return transforms.projects_ending_soon(
        view.projects,
        context.data.associations,
        today=date.fromisoformat(today),
        lang=lang,
        days=365,
    )


def _measured(title: str) -> str:
    """A chart's title with the measure it counts ("... (EUR concessi)")."""
    return f"{title} ({t(f'funding.measure.{measure}', lang)})"


context = widgets.page_context()
lang, projects = context.lang, context.view.projects
number = lambda value: formats.format_number(value, lang)  # noqa: E731
widgets.controls_from_url(CHOICES)

st.title(t("funding.title", lang))
st.caption(t("funding.intro", lang))
if projects.empty:
    st.warning(t("funding.empty", lang))

measure = widgets.code_choice(
    st,
    t("funding.measure", lang),
    transforms.MEASURES,
    key="fu_measure",
    labels="funding.measure",
    lang=lang,
    help=t("funding.measure.help", lang),
)

# -- the pipeline: how far projects get, and where they are now -----------------------------
funnel, stages, funnel_chart, stages_chart = widgets.per_view(context, _pipeline, lang, measure)
reached = dict(zip(funnel["stage"], funnel["reached"], strict=True))
left, right = st.columns(2, gap="large")
with left:
    st.subheader(t("funding.funnel.title", lang))
    summary = t(
        "funding.funnel.summary",
        lang,
        projects=tn("count.projects", len(projects), lang),
        submitted=tn("funding.count.submitted", reached["submitted"], lang),
        approved=tn("funding.count.approved", reached["approved"], lang),
        completed=tn("funding.count.completed", reached["completed"], lang),
    )
    _plotly(
        funnel_chart,
        "fu_chart_funnel",
        summary,
        title=_measured(t("funding.funnel.title", lang)),
        stem=f"ponti-funding-funnel-{measure}",
    )
    st.caption(summary)
    st.caption(t("funding.funnel.caption", lang))
    widgets.chart_data(funnel, context, stem="ponti-funding-funnel")
with right:
    st.subheader(t("funding.at_stage.title", lang))
    at_stage_caption = t("funding.at_stage.caption", lang, total=number(len(projects)))
    _plotly(
        stages_chart,
        "fu_chart_stages",
        at_stage_caption,
        title=_measured(t("funding.at_stage.title", lang)),
        stem=f"ponti-funding-stages-{measure}",
    )
    st.caption(at_stage_caption)
    widgets.chart_data(stages, context, stem="ponti-funding-stages")

st.markdown(f"**{t('funding.iati.title', lang)}**")
widgets.public_dataframe(transforms.iati_status_legend(lang), context, key="fu_iati_legend")
st.caption(t("funding.iati.caption", lang))

# -- flows: funder type → funder or programme → stage → destination --------------------------
st.subheader(t("funding.flows.title", lang))
choose_middle, choose_destination = st.columns(2)
middle = widgets.code_choice(
    choose_middle,
    t("funding.flows.middle", lang),
    transforms.MIDDLES,
    key="fu_middle",
    labels="funding.flows.middle",
    lang=lang,
)
destination = widgets.code_choice(
    choose_destination,
    t("funding.flows.dest", lang),
    transforms.DESTINATIONS,
    key="fu_dest",
    labels="funding.flows.dest",
    lang=lang,
)
paths, flows_chart = widgets.per_view(context, _flows, middle, destination, measure, lang)
flows_caption = t(
    "funding.flows.caption",
    lang,
    middle=t(f"funding.flows.middle.{middle}", lang).lower(),
    dest=t(f"funding.flows.dest.{destination}", lang),
    measure=t(f"funding.flows.measure.{measure}", lang),
    top=TOP_FLOWS,
)
_plotly(
    flows_chart,
    "fu_chart_flows",
    flows_caption,
    title=_measured(t("funding.flows.title", lang)),
    stem=f"ponti-funding-flows-{middle}-{destination}-{measure}",
)
st.caption(flows_caption)
widgets.chart_data(paths, context, stem=f"ponti-funding-flows-{middle}-{destination}-{measure}")

widgets.controls_to_url(CHOICES)

# -- success rate by funder and by programme ----------------------------------------------------
st.subheader(t("funding.success.title", lang))
success_caption = t(
    "funding.success.caption",
    lang,
    decisions=tn("funding.count.decisions", transforms.MIN_DECIDED, lang),
    top=TOP_SUCCESS,
)
# One under the other: names of funders and programmes are long.
for by in transforms.MIDDLES:
    st.markdown(f"**{t(f'funding.success.{by}', lang)}**")
    success, success_chart = widgets.per_view(context, _success, by, lang)
    _plotly(
        success_chart,
        f"fu_chart_success_{by}",
        success_caption,
        title=f"{t('funding.success.title', lang)}: {t(f'funding.success.{by}', lang)}",
        stem=f"ponti-funding-success-{by}",
    )
    widgets.chart_data(success, context, stem=f"ponti-funding-success-{by}")
st.caption(success_caption)

# -- time to decision, money by year -------------------------------------------------------------
timing_column, years_column = st.columns(2, gap="large")
with timing_column:
    st.subheader(t("funding.timing.title", lang))
    timing, median_days, decisions, timing_chart = widgets.per_view(context, _timing, lang)
    if timing_chart is None:
        st.info(t("funding.timing.empty", lang))
    else:
        timing_summary = t(
            "funding.timing.summary",
            lang,
            days=tn("funding.count.days", round(median_days), lang),
            decisions=tn("funding.count.decisions", decisions, lang),
        )
        _plotly(
            timing_chart,
            "fu_chart_timing",
            timing_summary,
            title=t("funding.timing.title", lang),
            stem="ponti-funding-decision-days",
        )
        st.caption(f"{t('funding.timing.caption', lang)} {timing_summary}")
        widgets.chart_data(timing, context, stem="ponti-funding-decision-days")
with years_column:
    st.subheader(t("funding.years.title", lang))
    years, years_chart = widgets.per_view(context, _years, lang)
    years_caption = t("funding.years.caption", lang)
    _plotly(
        years_chart,
        "fu_chart_years",
        years_caption,
        title=t("funding.years.title", lang),
        stem="ponti-funding-years",
    )
    st.caption(years_caption)
    widgets.chart_data(years, context, stem="ponti-funding-years", names={"year": "year_submitted"})

# -- projects ending in the next 12 months ---------------------------------------------------------
st.subheader(t("funding.ending.title", lang))
today = date.today()
ending = widgets.per_view(context, _ending, today.isoformat(), lang)
st.caption(
    tn(
        "funding.ending.caption",
        len(ending),
        lang,
        start=formats.format_date(today, lang),
        end=formats.format_date(today + timedelta(days=365), lang),
    )
)
widgets.chart_data(
    ending,
    context,
    stem="ponti-funding-ending-soon",
    label_key="funding.ending.table",
    expanded=True,
)

# -- open calls (bandi) ----------------------------------------------------------------------------
st.subheader(t("funding.calls.title", lang))
calls = call_transforms.open_calls_table(context.view.calls, today, lang)
st.caption(
    tn(
        "funding.calls.caption",
        len(calls),
        lang,
        today=formats.format_date(today, lang),
        total=formats.format_number(len(context.data.calls), lang),
    )
)
if calls.empty:
    st.info(t("funding.calls.none", lang))
else:
    widgets.chart_data(
        calls,
        context,
        stem="ponti-funding-open-calls",
        label_key="funding.calls.table",
        expanded=True,
    )
