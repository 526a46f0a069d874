"""Bridges: a map of the links between Italian municipalities and origin territories, with
layer switches, view presets, a legend, a text summary and a detail panel for the selection.

Page state lives in the URL as codes (never labels, so a link works in either language):
the controls in ``bm_*`` query parameters and the selected map object in ``bm_sel``.
"""

from __future__ import annotations

from typing import TypedDict

import streamlit as st

import widgets
from ponti import filters as flt
from ponti.charts import bridges as charts
from ponti.i18n import Lang, t, tn
from ponti.present import images
from ponti.transforms import bridges as transforms
from ponti.transforms import latest_residents_year

SELECTION_PARAM = "bm_sel"
PICKED_KEY = "bridges_picked"  # set by a click on the map or "Clear selection", read once
MAP_KEY = "bridges_map"
# Page controls: session key (= URL parameter) -> (options, default). Codes, never labels,
# go into the URL, so a link opens the same view in either language.
CONTROLS: dict[str, tuple[tuple[str, ...], str | list[str]]] = {
    "bm_measure": (transforms.MEASURES, "associations"),
    "bm_colour": (transforms.DIMENSIONS, "sdg"),
    "bm_view": (transforms.VIEWS, "world"),
    "bm_layers": (transforms.LAYERS, list(transforms.LAYERS)),
    "bm_context": (transforms.CONTEXTS, "none"),
    "bm_level": (transforms.LEVELS, "region"),
}


class Encoding(TypedDict):
    """What the map encodes, passed alike to the deck, its summary and its legend."""

    measure: str
    dimension: str
    context: str
    lang: Lang


def _on_select() -> None:
    """A click on the map: remember what was picked (nothing picked clears it)."""
    state = st.session_state.get(MAP_KEY)
    objects = state.selection.objects if state is not None else {}
    picked = transforms.selection_from_objects(objects)
    st.session_state[PICKED_KEY] = picked.id if picked is not None else ""


def _clear_selection() -> None:
    st.session_state[PICKED_KEY] = ""


context = widgets.page_context()
lang, view = context.lang, context.view
# Association arcs go only to the chosen origins (the counting rule, said under the map).
origins = flt.origin_countries(context.filters.origin) if context.filters.origin else None

st.title(t("bridges.title", lang))
st.caption(t("bridges.intro", lang))
with st.expander(t("bridges.help.title", lang), icon=":material/help:"):
    st.markdown(t("bridges.help", lang))

# -- controls (their codes kept in the URL) ----------------------------------------------------
widgets.controls_from_url(CONTROLS)
left, middle, right = st.columns([2, 3, 1])
measure = widgets.code_choice(
    left,
    t("bridges.measure.label", lang),
    transforms.MEASURES,
    key="bm_measure",
    labels="bridges.measure",
    lang=lang,
)
dimension = widgets.code_choice(
    middle,
    t("bridges.dimension.label", lang),
    transforms.DIMENSIONS,
    key="bm_colour",
    labels="bridges.dimension",
    lang=lang,
)
preset = widgets.code_choice(
    right,
    t("bridges.view.label", lang),
    transforms.VIEWS,
    key="bm_view",
    labels="bridges.view",
    lang=lang,
)
left, middle, right = st.columns([3, 3, 2])
shown = left.pills(
    t("bridges.layers.label", lang),
    options=transforms.LAYERS,
    selection_mode="multi",
    format_func=lambda code: t(f"bridges.layer.{code}", lang),
    key="bm_layers",
)
background = middle.selectbox(
    t("bridges.context.label", lang),
    options=transforms.CONTEXTS,
    format_func=lambda code: t(f"bridges.context.{code}", lang),
    key="bm_context",
)
level = widgets.code_choice(
    right,
    t("bridges.level.label", lang),
    transforms.LEVELS,
    key="bm_level",
    labels="bridges.level",
    lang=lang,
    disabled=background == "none",
)
widgets.controls_to_url(CONTROLS)
if dimension not in transforms.MEASURE_DIMENSIONS[measure]:
    st.caption(t("bridges.dimension.note", lang))
    dimension = "sdg"

# -- what the map draws -------------------------------------------------------------------------
layers = charts.MapLayers(
    links=transforms.link_arcs(view, measure, dimension, origins) if "links" in shown else None,
    twinnings=transforms.twinning_arcs(view.twinnings) if "twinnings" in shown else None,
    points=transforms.association_points(view.associations) if "associations" in shown else None,
    areas=transforms.context_areas(view, level, background) if background != "none" else None,
    # The map opens on the filtered data, whatever is switched on: a switch never moves it.
    extent=transforms.map_extent(view, origins),
)
selection_param = widgets.page_param(SELECTION_PARAM)
if PICKED_KEY in st.session_state:
    selection_param = st.session_state.pop(PICKED_KEY) or None
    widgets.keep_page_param(SELECTION_PARAM, selection_param)
selected = transforms.parse_selection(selection_param)
encoding: Encoding = {
    "measure": measure,
    "dimension": dimension,
    "context": background,
    "lang": lang,
}
summary = charts.describe_map(
    layers, level=level, year=latest_residents_year(view.residents), **encoding
)

map_column, legend_column = st.columns([4, 1], gap="medium")
with map_column:
    if layers.draws_nothing():
        st.info(t("chart.empty", lang))
    else:
        st.pydeck_chart(
            charts.bridges_deck(
                layers,
                level=level,
                view=preset,
                map_style=context.map_style,
                selected=selected.id if selected else None,
                **encoding,
            ),
            on_select=_on_select,
            selection_mode="single-object",
            key=MAP_KEY,
            height=charts.MAP_SIZE[1],
            alt=t("bridges.map.alt", lang),
        )
        widgets.figure_tools(
            context,
            title=t(
                "bridges.map.image",
                lang,
                measure=t(f"bridges.measure.{measure}", lang),
                dimension=t(f"bridges.dimension.{dimension}", lang),
            ),
            stem=f"ponti-bridges-map-{preset}",
            figure=lambda: images.bridges_map_figure(
                layers, measure=measure, dimension=dimension, view=preset, lang=lang
            ),
            svg=False,
        )
    st.caption(t("bridges.summary.title", lang) + ": " + summary)
    st.caption(t("counting.rule", lang))
with legend_column:
    st.markdown(f"**{t('bridges.legend.title', lang)}**")
    st.html(charts.legend_html(charts.legend_sections(layers, **encoding)))

# -- the selection's detail panel ---------------------------------------------------------------
with st.container(border=True, key="bridges_detail"):
    if selection_param and selected is None:
        st.warning(t("bridges.detail.invalid", lang))
    if selected is None:
        st.info(t("bridges.detail.hint", lang), icon=":material/touch_app:")
    else:
        items = transforms.selection_items(view, selected, lang)
        st.subheader(t("bridges.detail.title", lang, title=items.title))
        st.caption(
            t(
                "bridges.detail.counts",
                lang,
                associations=tn("count.associations", len(items.associations), lang),
                projects=tn("count.projects", len(items.projects), lang),
                twinnings=tn("count.twinnings", len(items.twinnings), lang),
            )
        )
        with st.container(horizontal=True):
            st.button(
                t("bridges.detail.clear", lang),
                on_click=_clear_selection,
                icon=":material/close:",
                key="bm_clear",
            )
            if selected.municipality:
                widgets.link_to_page(
                    "municipality",
                    t(
                        "municipality.link",
                        lang,
                        name=flt.municipality_name(selected.municipality, lang),
                    ),
                    context,
                    icon=":material/location_city:",
                    code=selected.municipality,
                )
        if items.empty:
            st.info(t("bridges.detail.empty", lang))
        for kind, frame in (
            ("associations", items.associations),
            ("projects", items.projects),
            ("twinnings", items.twinnings),
        ):
            if frame.empty:
                continue
            widgets.chart_data(
                frame,
                context,
                stem=f"ponti-bridges-{kind}",
                label_key=f"bridges.detail.{kind}",
                expanded=True,
            )

# -- the table alternative of the whole map ------------------------------------------------------
widgets.chart_data(
    transforms.map_table(
        links=layers.links,
        twinnings=layers.twinnings,
        points=layers.points,
        areas=layers.areas,
        dimension=dimension,
        lang=lang,
    ),
    context,
    stem="ponti-bridges-map",
    label_key="bridges.table.title",
)
