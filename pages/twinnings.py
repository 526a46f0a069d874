"""Twinnings: the agreements on a map, their counts and timeline, the dormant ones where the
diaspora is active, and twinning opportunities for a municipality (and from an origin city).

Page state lives in the URL as codes: the timeline's split in ``tw_split``, the municipality
in ``tw_city`` (ISTAT code) and the origin city in ``tw_origin`` (a place key).

The map is an SVG plotly figure (``map_figures.twinnings_map_figure``: quick in a browser
without a GPU); with an internet basemap configured (``PONTI_BASEMAP_STYLE``) it is the deck.gl
map, whose tiles need WebGL. A click selects the same values either way (``tw_sel``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import streamlit as st

import widgets
from ponti import filters as flt
from ponti.charts import map_figures
from ponti.charts import twinnings as charts
from ponti.charts.common import BLANK_STYLE
from ponti.i18n import Lang, t, tn
from ponti.present import images
from ponti.transforms import Dataset
from ponti.transforms import twinnings as transforms

if TYPE_CHECKING:  # only for annotations: the page leaves pandas to the transforms
    import pandas as pd

CONTROLS: dict[str, tuple[tuple[str, ...], str]] = {
    "tw_split": (transforms.SPLITS, "status"),
}
MAP_KEY = "tw_map"
SELECTION_PARAM = "tw_sel"  # what a click on the map picked (transforms.parse_map_selection)
PICKED_KEY = "tw_picked"  # handed from the map's callback to the run
DORMANT_NAMES = 5  # associations and project titles named per agreement on screen (files: all)


def _on_select() -> None:
    """A click on the map: remember what was picked (nothing picked clears it). The figure
    reports the picked markers' values (``customdata``), the deck its objects."""
    state = st.session_state.get(MAP_KEY)
    selection = state.selection if state is not None else {}
    if "points" in selection:
        picked = map_figures.picked_id(selection["points"])
    else:
        picked = charts.picked_selection(selection.get("objects", {}))
    st.session_state[PICKED_KEY] = picked or ""


def _clear_selection() -> None:
    st.session_state[PICKED_KEY] = ""


# Computed once per version, filters and language and shared by every session (widgets.per_view).
def _map(view: Dataset, lang: Lang, map_style: str) -> tuple[pd.DataFrame, Any, str, str]:
    """The map's arcs, the map (None without arcs: an SVG figure, or the deck over an internet
    basemap), its description and its legend (HTML)."""
    arcs = transforms.twinning_arcs(view.twinnings)
    chart: Any = None
    if not arcs.empty and map_style == BLANK_STYLE:
        chart = map_figures.twinnings_map_figure(
            arcs, lang=lang, size=charts.MAP_SIZE, legend=False, ids=True, autosize=True
        )
    elif not arcs.empty:
        chart = charts.twinnings_deck(arcs, lang=lang, map_style=map_style)
    legend = charts.legend_html(charts.legend_sections(arcs, lang=lang))
    return arcs, chart, charts.describe_map(arcs, lang=lang), legend


def _agreements(view: Dataset, lang: Lang) -> pd.DataFrame:
    return transforms.twinnings_table(view.twinnings, lang)


def _dormant(view: Dataset, lang: Lang) -> pd.DataFrame | None:
    """The dormant agreements where the diaspora is active, described (None when none)."""
    dormant = transforms.dormant_active(view)
    return None if dormant.empty else transforms.describe_dormant(dormant, view, lang)


context = widgets.page_context()
lang, view = context.lang, context.view
origins = flt.origin_countries(context.filters.origin) if context.filters.origin else None

st.title(t("twinnings.title", lang))
st.caption(t("twinnings.intro", lang))

# -- the map -----------------------------------------------------------------------------------
arcs, map_chart, map_words, legend = widgets.per_view(context, _map, lang, context.map_style)
map_column, legend_column = st.columns([4, 1], gap="medium")
with map_column:
    if map_chart is None:
        st.info(t("chart.empty", lang))
    else:
        widgets.map_chart(
            context,
            map_chart,
            height=charts.MAP_SIZE[1],
            alt=t("twinnings.map.alt", lang),
            key=MAP_KEY,
            on_select=_on_select,
        )
        widgets.figure_tools(
            context,
            title=t("twinnings.map.image", lang),
            stem="ponti-twinnings-map",
            figure=lambda: images.twinnings_map_figure(arcs, lang=lang),
            svg=False,
        )
    st.caption(t("twinnings.summary.title", lang) + ": " + map_words)
with legend_column:
    st.markdown(f"**{t('twinnings.legend.title', lang)}**")
    st.html(legend)

# -- what a click on the map picked ---------------------------------------------------------------
selection_value = widgets.page_param(SELECTION_PARAM)
if PICKED_KEY in st.session_state:
    selection_value = st.session_state.pop(PICKED_KEY) or None
    widgets.keep_page_param(SELECTION_PARAM, selection_value)
selection = transforms.parse_map_selection(selection_value)
chosen = transforms.selected_arcs(arcs, selection) if selection else arcs.iloc[0:0]
with st.container(border=True, key="twinnings_detail"):
    if selection is None or chosen.empty:
        if selection_value:
            st.warning(t("twinnings.detail.invalid", lang))
        st.info(t("twinnings.detail.hint", lang), icon=":material/touch_app:")
    else:
        title = transforms.selection_title(chosen, selection, lang)
        st.subheader(t("twinnings.detail.title", lang, title=title))
        with st.container(horizontal=True):
            st.button(
                t("twinnings.detail.clear", lang),
                on_click=_clear_selection,
                icon=":material/close:",
                key="tw_clear",
            )
            for code in dict.fromkeys(chosen[transforms.MUNICIPALITY].astype(str)):
                widgets.link_to_page(
                    "municipality",
                    t("municipality.link", lang, name=transforms.municipality_name(code)),
                    context,
                    icon=":material/location_city:",
                    code=code,
                )
        widgets.public_dataframe(
            transforms.twinnings_table(transforms.agreements_of(view.twinnings, chosen), lang),
            context,
            key="tw_detail_table",
        )

# -- counts and timeline -----------------------------------------------------------------------
st.subheader(t("twinnings.counts.title", lang))
left, right = st.columns(2)
with left:
    st.markdown(f"**{t('twinnings.counts.status', lang)}**")
    widgets.public_dataframe(transforms.count_table(view.twinnings, "status"), context)
with right:
    st.markdown(f"**{t('twinnings.counts.type', lang)}**")
    widgets.public_dataframe(transforms.count_table(view.twinnings, "type"), context)

st.subheader(t("twinnings.timeline.title", lang))
widgets.controls_from_url(CONTROLS)
split = widgets.code_choice(
    st,
    t("twinnings.split.label", lang),
    transforms.SPLITS,
    key="tw_split",
    labels="twinnings.split",
    lang=lang,
)
widgets.controls_to_url(CONTROLS)
years = transforms.timeline(view.twinnings, split)
widgets.plotly_chart(
    charts.twinnings_by_year_bar(years, split=split, lang=lang),
    context,
    title=t("twinnings.timeline.image", lang, split=t(f"twinnings.split.{split}", lang).lower()),
    stem=f"ponti-twinnings-years-{split}",
    alt=t("twinnings.timeline.title", lang),
)
undated = transforms.undated(view.twinnings)
if undated:
    st.caption(tn("twinnings.timeline.undated", undated, lang))
widgets.chart_data(
    transforms.timeline_table(years, split, lang), context, stem="ponti-twinnings-years"
)

# -- every agreement ---------------------------------------------------------------------------
widgets.chart_data(
    widgets.per_view(context, _agreements, lang),
    context,
    stem="ponti-twinnings",
    label_key="twinnings.table.title",
    expanded=True,
)

# -- dormant agreements where the diaspora is active -------------------------------------------
st.subheader(t("twinnings.dormant.title", lang))
st.caption(t("twinnings.dormant.intro", lang))
dormant = widgets.per_view(context, _dormant, lang)
if dormant is None:
    st.info(t("twinnings.dormant.none", lang))
else:
    widgets.chart_data(
        dormant,
        context,
        stem="ponti-twinnings-dormant",
        label_key="twinnings.dormant.table",
        expanded=True,
        list_limit=DORMANT_NAMES,
    )

# -- opportunities for a municipality ----------------------------------------------------------
st.subheader(t("twinnings.opportunities.title", lang))
st.caption(t("twinnings.opportunities.intro", lang))
data = context.data
pairs = transforms.from_origins(widgets.opportunity_pairs(context), origins)
cities = transforms.municipalities_with_associations(data.associations)
if len(context.filters.municipality) == 1:
    city: str | None = context.filters.municipality[0]
    st.caption(t("twinnings.city.from_filter", lang, name=transforms.municipality_name(str(city))))
elif cities:
    city = widgets.code_select(t("twinnings.city.label", lang), cities, key="tw_city")
else:
    city = None

widgets.opportunity_weights(lang)

if city:
    widgets.link_to_page(
        "municipality",
        t("municipality.link", lang, name=transforms.municipality_name(str(city))),
        context,
        icon=":material/location_city:",
        code=str(city),
    )
widgets.opportunity_list(pairs, city or "", context, stem="ponti-twinnings-opportunities")

# -- the reverse view: from an origin city -----------------------------------------------------
st.subheader(t("twinnings.reverse.title", lang))
origin_cities = transforms.origin_cities(pairs, lang)
if not origin_cities:
    st.info(t("twinnings.reverse.none", lang))
else:
    origin = widgets.code_select(t("twinnings.origin.label", lang), origin_cities, key="tw_origin")
    ties = transforms.ties_to(pairs, str(origin))
    if ties.empty:
        st.info(t("twinnings.reverse.none", lang))
    else:
        widgets.chart_data(
            transforms.describe_opportunities(ties, lang),
            context,
            stem="ponti-twinnings-ties",
            label_key="twinnings.reverse.table",
            expanded=True,
        )
