"""Funding pipeline: how far projects get, who funds them where, success, timing, endings."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

import widgets
from ponti import formats
from ponti.charts import funding as charts
from ponti.i18n import t
from ponti.transforms import funding as transforms

PLOTLY_CONFIG = {"displaylogo": False}
TOP_FLOWS = 12
TOP_SUCCESS = 15

# The page's own choices, shareable as links: URL parameter -> (allowed codes, default).
CHOICES: dict[str, tuple[tuple[str, ...], str]] = {
    "fu_measure": (transforms.MEASURES, "count"),
    "fu_middle": (transforms.MIDDLES, "funder"),
    "fu_dest": (transforms.DESTINATIONS, "region"),
}


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
funnel = transforms.count_projects_reaching_stage(projects, lang)
stages = transforms.count_projects_at_stage(projects, lang)
reached = dict(zip(funnel["stage"], funnel["reached"], strict=True))
left, right = st.columns(2, gap="large")
with left:
    st.subheader(t("funding.funnel.title", lang))
    summary = t(
        "funding.funnel.summary",
        lang,
        total=number(len(projects)),
        submitted=number(reached["submitted"]),
        approved=number(reached["approved"]),
        completed=number(reached["completed"]),
    )
    st.plotly_chart(
        charts.projects_reaching_stage_funnel(funnel, lang=lang, measure=measure),
        config=PLOTLY_CONFIG,
        key="fu_chart_funnel",
        alt=summary,
    )
    st.caption(summary)
    st.caption(t("funding.funnel.caption", lang))
    widgets.chart_data(
        transforms.public_table(funnel, lang), lang=lang, filename="ponti-funding-funnel.csv"
    )
with right:
    st.subheader(t("funding.at_stage.title", lang))
    at_stage_caption = t("funding.at_stage.caption", lang, total=number(len(projects)))
    st.plotly_chart(
        charts.projects_at_stage_bar(stages, lang=lang, measure=measure),
        config=PLOTLY_CONFIG,
        key="fu_chart_stages",
        alt=at_stage_caption,
    )
    st.caption(at_stage_caption)
    widgets.chart_data(
        transforms.public_table(stages, lang), lang=lang, filename="ponti-funding-stages.csv"
    )

st.markdown(f"**{t('funding.iati.title', lang)}**")
st.dataframe(
    transforms.public_table(transforms.iati_status_legend(lang), lang),
    hide_index=True,
    key="fu_iati_legend",
)
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
paths = transforms.summarise_funding_paths(
    projects, middle=middle, destination=destination, measure=measure, lang=lang, top=TOP_FLOWS
)
flows_caption = t(
    "funding.flows.caption",
    lang,
    middle=t(f"funding.flows.middle.{middle}", lang).lower(),
    dest=t(f"funding.flows.dest.{destination}", lang),
    measure=t(f"funding.flows.measure.{measure}", lang),
    top=TOP_FLOWS,
)
st.plotly_chart(
    charts.funding_flows_sankey(paths, lang=lang),
    config=PLOTLY_CONFIG,
    key="fu_chart_flows",
    alt=flows_caption,
)
st.caption(flows_caption)
widgets.chart_data(
    transforms.public_table(paths, lang),
    lang=lang,
    filename=f"ponti-funding-flows-{middle}-{destination}-{measure}.csv",
)

widgets.controls_to_url(CHOICES)

# -- success rate by funder and by programme ----------------------------------------------------
st.subheader(t("funding.success.title", lang))
success_caption = t("funding.success.caption", lang, n=transforms.MIN_DECIDED, top=TOP_SUCCESS)
# One under the other: names of funders and programmes are long.
for by in transforms.MIDDLES:
    st.markdown(f"**{t(f'funding.success.{by}', lang)}**")
    success = transforms.summarise_success(projects, by=by, lang=lang, top=TOP_SUCCESS)
    st.plotly_chart(
        charts.success_rate_bar(success, lang=lang),
        config=PLOTLY_CONFIG,
        key=f"fu_chart_success_{by}",
        alt=success_caption,
    )
    widgets.chart_data(
        transforms.public_table(success, lang),
        lang=lang,
        filename=f"ponti-funding-success-{by}.csv",
    )
st.caption(success_caption)

# -- time to decision, money by year -------------------------------------------------------------
timing_column, years_column = st.columns(2, gap="large")
with timing_column:
    st.subheader(t("funding.timing.title", lang))
    timing = transforms.summarise_decision_days(projects, lang)
    if timing.empty:
        st.info(t("funding.timing.empty", lang))
    else:
        days = transforms.decision_days(projects).dropna()
        timing_summary = t(
            "funding.timing.summary", lang, days=number(days.median()), n=number(len(days))
        )
        st.plotly_chart(
            charts.decision_days_box(timing, lang=lang),
            config=PLOTLY_CONFIG,
            key="fu_chart_timing",
            alt=timing_summary,
        )
        st.caption(f"{t('funding.timing.caption', lang)} {timing_summary}")
        widgets.chart_data(
            transforms.public_table(timing, lang),
            lang=lang,
            filename="ponti-funding-decision-days.csv",
        )
with years_column:
    st.subheader(t("funding.years.title", lang))
    years = transforms.summarise_amounts_by_year(projects)
    years_caption = t("funding.years.caption", lang)
    st.plotly_chart(
        charts.requested_granted_by_year_bar(years, lang=lang),
        config=PLOTLY_CONFIG,
        key="fu_chart_years",
        alt=years_caption,
    )
    st.caption(years_caption)
    widgets.chart_data(
        transforms.public_table(years, lang), lang=lang, filename="ponti-funding-years.csv"
    )

# -- projects ending in the next 12 months ---------------------------------------------------------
st.subheader(t("funding.ending.title", lang))
today = date.today()
ending = transforms.projects_ending_soon(
    projects, context.data.associations, today=today, lang=lang, days=365
)
st.caption(
    t(
        "funding.ending.caption",
        lang,
        start=formats.format_date(today, lang),
        end=formats.format_date(today + timedelta(days=365), lang),
        n=number(len(ending)),
    )
)
widgets.chart_data(
    transforms.public_table(ending, lang),
    lang=lang,
    filename="ponti-funding-ending-soon.csv",
    label_key="funding.ending.table",
    expanded=True,
)
