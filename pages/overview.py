"""Overview: headline figures, where associations are, top communities, latest projects."""

from __future__ import annotations

from datetime import date

import streamlit as st

import widgets
from ponti import formats
from ponti.charts import overview as charts
from ponti.i18n import t
from ponti.transforms import overview as transforms

context = widgets.page_context()
lang, view = context.lang, context.view

st.title(t("overview.title", lang))
st.caption(t("app.tagline", lang))

headline = transforms.summarise_headline(view)
number = lambda value: formats.format_number(value, lang)  # noqa: E731
figures = [
    ("metric.associations", number(headline.associations)),
    ("metric.projects", number(headline.projects)),
    ("metric.origin_countries", number(headline.origin_countries)),
    ("metric.municipalities", number(headline.municipalities)),
    ("metric.twinnings", number(headline.twinnings)),
    # The label says EUR, so the value can stay short enough for its box.
    ("metric.requested", formats.format_number_short(headline.requested_eur, lang)),
    ("metric.granted", formats.format_number_short(headline.granted_eur, lang)),
    ("metric.sdgs", t("metric.sdgs.value", lang, n=headline.sdgs_covered)),
]
for row in (figures[:4], figures[4:]):
    for column, (key, value) in zip(st.columns(4, border=True), row, strict=True):
        column.metric(t(key, lang), value)

if view.associations.empty and view.projects.empty:
    st.warning(t("overview.empty", lang))

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader(t("overview.map.title", lang))
    points = transforms.count_associations_by_municipality(view.associations, lang)
    st.pydeck_chart(
        charts.associations_by_municipality_deck(points, lang=lang, map_style=context.map_style),
        height=460,
    )
    st.caption(t("overview.map.caption", lang))
    top = ", ".join(f"{r.name} ({number(r.associations)})" for r in points.head(5).itertuples())
    st.caption(t("overview.map.summary", lang, n=number(len(points)), top=top or "–"))
with right:
    st.subheader(t("overview.communities.title", lang))
    communities = transforms.count_associations_by_country(view.associations, lang)
    st.plotly_chart(
        charts.associations_by_country_bar(communities, lang=lang),
        config={"displaylogo": False},
    )
    with st.expander(t("table.show", lang)):
        st.dataframe(
            communities[["country", "associations"]].rename(
                columns={
                    "country": t("col.country", lang),
                    "associations": t("col.associations", lang),
                }
            ),
            hide_index=True,
        )

st.subheader(t("overview.latest.title", lang))
st.caption(t("overview.latest.caption", lang))
latest = transforms.latest_projects(view, lang, today=date.today())
st.dataframe(
    latest.assign(
        date=latest["date"].map(lambda d: formats.format_date(d, lang)),
        granted=latest["granted"].map(lambda v: formats.format_money(v, lang)),
    ).rename(
        columns={
            "date": t("col.date", lang),
            "title": t("col.title", lang),
            "lead": t("col.lead", lang),
            "municipality": t("col.municipality", lang),
            "destination": t("col.destination", lang),
            "stage": t("col.stage", lang),
            "funder": t("col.funder", lang),
            "granted": t("col.granted", lang),
        }
    ),
    hide_index=True,
)
