"""Overview: headline figures, where associations are, top communities, latest projects."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import streamlit as st

import widgets
from ponti import filters as flt
from ponti import formats
from ponti.charts import bridges as bridge_charts
from ponti.charts import overview as charts
from ponti.charts.common import BLANK_STYLE
from ponti.i18n import Lang, t, tn
from ponti.present import images
from ponti.transforms import Dataset
from ponti.transforms import overview as transforms
from ponti.transforms.bridges import association_points

if TYPE_CHECKING:  # only for annotations: the page leaves pandas to the transforms
    import pandas as pd

# Compact headline cards; on a phone (Streamlit stacks columns below 640 px) two a row
# instead of eight one under the other.
HEADLINE_CSS = """<style>
.st-key-ponti-headline [data-testid="stMetric"] { padding: 0.4rem 0.6rem; }
.st-key-ponti-headline [data-testid="stMetricLabel"] p { font-size: 0.85rem; }
.st-key-ponti-headline [data-testid="stMetricValue"] { font-size: 1.6rem; }
@media (max-width: 640px) {
  .st-key-ponti-headline [data-testid="stHorizontalBlock"] { flex-wrap: wrap; gap: 0.5rem; }
  .st-key-ponti-headline [data-testid="stColumn"] {
    min-width: calc(50% - 0.25rem) !important; flex: 1 1 calc(50% - 0.25rem) !important;
  }
  .st-key-ponti-headline [data-testid="stMetricValue"] { font-size: 1.3rem; }
  .st-key-ponti-headline [data-testid="stMetricLabel"] p { font-size: 0.8rem; }
}
</style>"""

MAP_KEY = "ov_map"
Origins = tuple[str, ...] | None  # the origin filter's countries, sorted (a plain cache key)


# Computed once per version, filters and language and shared by every session (widgets.per_view).
def _headline(view: Dataset, origins: Origins) -> transforms.Headline:
    return transforms.summarise_headline(view, origins)


def _map(view: Dataset, lang: Lang, map_style: str) -> tuple[pd.DataFrame, Any]:
    """Associations per municipality and their map (None when there are none): an SVG
    figure, or the deck.gl map over an internet basemap (its tiles need WebGL)."""
    points = transforms.count_associations_by_municipality(view.associations, lang)
    if points.empty:
        return points, None
    if map_style == BLANK_STYLE:
        return points, charts.associations_by_municipality_figure(view.associations, lang=lang)
    return points, charts.associations_by_municipality_deck(points, lang=lang, map_style=map_style)


def _communities(view: Dataset, lang: Lang, origins: Origins) -> tuple[pd.DataFrame, Any]:
    communities = transforms.count_associations_by_country(view.associations, lang, origins=origins)
    return communities, charts.associations_by_country_bar(communities, lang=lang)


def _latest(view: Dataset, lang: Lang, today: str) -> pd.DataFrame:
    return transforms.latest_projects(view, lang, today=date.fromisoformat(today))


context = widgets.page_context()
lang, view = context.lang, context.view
# Origin figures count only the chosen origins (the counting rule, said under the cards).
origins: Origins = (
    tuple(sorted(flt.origin_countries(context.filters.origin))) if context.filters.origin else None
)

st.title(t("overview.title", lang))
st.caption(t("app.tagline", lang))

headline = widgets.per_view(context, _headline, origins)
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
    ("metric.sdgs", t("metric.sdgs.value", lang, covered=number(headline.sdgs_covered))),
]
st.html(HEADLINE_CSS)
with st.container(key="ponti-headline"):
    for row in (figures[:4], figures[4:]):
        for column, (key, value) in zip(st.columns(4, border=True), row, strict=True):
            column.metric(t(key, lang), value)
st.caption(t("counting.rule", lang))

if view.associations.empty and view.projects.empty:
    st.warning(t("overview.empty", lang))

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader(t("overview.map.title", lang))
    points, map_chart = widgets.per_view(context, _map, lang, context.map_style)
    if map_chart is None:
        st.info(t("chart.empty", lang))
    else:
        picked = widgets.map_chart(
            context, map_chart, height=charts.MAP_SIZE[1], on_select="rerun", key=MAP_KEY
        ).selection
        if context.map_style == BLANK_STYLE:
            code = charts.picked_municipality_point(picked.points)
        else:
            code = charts.picked_municipality(picked.objects)
        widgets.figure_tools(
            context,
            title=t("overview.map.title", lang),
            stem="ponti-overview-map",
            figure=lambda: images.bridges_map_figure(
                bridge_charts.MapLayers(points=association_points(view.associations)),
                view="italy",
                lang=lang,
            ),
            svg=False,
        )
        if code is None:
            st.caption(t("overview.map.hint", lang))
        else:
            widgets.link_to_page(
                "municipality",
                t("municipality.link", lang, name=flt.municipality_name(code, lang)),
                context,
                icon=":material/location_city:",
                code=code,
            )
    st.caption(t("overview.map.caption", lang))
    top = ", ".join(f"{r.name} ({number(r.associations)})" for r in points.head(5).itertuples())
    st.caption(tn("overview.map.summary", len(points), lang, top=top or "–"))
with right:
    st.subheader(t("overview.communities.title", lang))
    communities, communities_chart = widgets.per_view(context, _communities, lang, origins)
    widgets.plotly_chart(
        communities_chart,
        context,
        title=t("overview.communities.title", lang),
        stem="ponti-overview-communities",
    )
    widgets.chart_data(
        communities,
        context,
        stem="ponti-overview-communities",
        columns=["country", "associations"],
    )

st.subheader(t("overview.latest.title", lang))
st.caption(t("overview.latest.caption", lang))
latest = widgets.per_view(context, _latest, lang, date.today().isoformat())
widgets.public_dataframe(latest, context)
