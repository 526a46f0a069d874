"""Bridges: a map of the links between Italian municipalities and origin territories, with
layer switches, view presets, a legend, a text summary and a detail panel for the selection.

The map is an SVG plotly figure (``map_figures.bridges_map_figure``: quick in a browser
without a GPU); with an internet basemap configured (``PONTI_BASEMAP_STYLE``) it is the deck.gl
map, whose tiles need WebGL. A click selects the same ids either way.

Page state lives in the URL as codes (never labels, so a link works in either language):
the controls in ``bm_*`` query parameters and the selected map object in ``bm_sel``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

import streamlit as st

import widgets
from ponti import filters as flt
from ponti.charts import bridges as charts
from ponti.charts import map_figures
from ponti.charts.common import BLANK_STYLE
from ponti.i18n import Lang, t, tn
from ponti.present import images
from ponti.transforms import Dataset, latest_residents_year
from ponti.transforms import bridges as transforms

if TYPE_CHECKING:  # only for annotations: the page leaves pandas to the transforms
    import pandas as pd

Origins = tuple[str, ...] | None  # the origin filter's countries, sorted (a plain cache key)

SELECTION_PARAM = "bm_sel"
PICKED_KEY = "bridges_picked"  # set by a click on the map or "Clear selection", read once
# A changed figure is a new chart in the browser, opened on its own frame: so that a click keeps
# the user's zoom and pan, the figure a click leaves as it was is drawn again unchanged,
# without its halo (plotly marks the clicked marker itself). CLICKED_KEY: (the selection,
# what the map draws) while that holds; DRAWN_KEY: (halo, what the map drew) of the last run.
JUST_CLICKED_KEY = "bridges_just_clicked"
CLICKED_KEY = "bridges_clicked"
DRAWN_KEY = "bridges_drawn"
CLEARS_KEY = "bridges_clears"  # "Clear selection" counts: each opens a new chart, unmarked
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


def _map_key() -> str:
    """The map's widget key: a new one after each "Clear selection" (a new, unmarked chart)."""
    clears = int(st.session_state.get(CLEARS_KEY, 0))
    return f"{MAP_KEY}-{clears}" if clears else MAP_KEY


def _on_select() -> None:
    """A click on the map: remember what was picked (nothing picked clears it). The figure
    reports the picked markers' ids (``customdata``), the deck its objects."""
    state = st.session_state.get(_map_key())
    selection = state.selection if state is not None else {}
    if "points" in selection:
        picked = transforms.parse_selection(map_figures.picked_id(selection["points"]))
    else:
        picked = transforms.selection_from_objects(selection.get("objects", {}))
    st.session_state[PICKED_KEY] = picked.id if picked is not None else ""
    st.session_state[JUST_CLICKED_KEY] = True


def _clear_selection() -> None:
    st.session_state[PICKED_KEY] = ""
    st.session_state[CLEARS_KEY] = int(st.session_state.get(CLEARS_KEY, 0)) + 1


def _figure_halo(selected: str | None, drawn: tuple[Any, ...], *, clicked: bool) -> str | None:
    """The selection the figure draws its halo round: none while a click's selection is
    still on a figure drawn again unchanged (see CLICKED_KEY)."""
    state = st.session_state
    if clicked and state.get(DRAWN_KEY) == (None, drawn):
        state[CLICKED_KEY] = (selected, drawn)
    halo = None if state.get(CLICKED_KEY) == (selected, drawn) else selected
    state[DRAWN_KEY] = (halo, drawn)
    return halo


# What the map is made of, computed once per version, filters and choices and shared by every
# session (widgets.per_view); the links of the view are made once for the arcs and the extent.
def _links(view: Dataset, origins: Origins) -> transforms.MapLinks:
    return transforms.map_links(view, origins)


def _link_arcs(view: Dataset, measure: str, dimension: str, origins: Origins) -> pd.DataFrame:
    links = widgets.per_view(context, _links, origins)
    return transforms.link_arcs(view, measure, dimension, origins, links=links)


def _twinning_arcs(view: Dataset, origins: Origins) -> pd.DataFrame:
    # Twinnings do not depend on the origins: they only name the links already made.
    links = widgets.per_view(context, _links, origins).twinnings
    return transforms.twinning_arcs(view.twinnings, links=links)


def _points(view: Dataset) -> pd.DataFrame:
    return transforms.association_points(view.associations)


def _areas(view: Dataset, level: str, background: str) -> pd.DataFrame:
    return transforms.context_areas(view, level, background)


def _extent(view: Dataset, origins: Origins) -> pd.DataFrame:
    return transforms.map_extent(view, origins, links=widgets.per_view(context, _links, origins))


def _map(
    view: Dataset,
    layer_args: tuple[Any, ...],
    preset: str,
    map_style: str,
    selected: str | None,
    lang: Lang,
) -> Any:
    """The map (``layer_args`` as ``_layers`` takes them): an SVG figure as wide as its column,
    or over an internet basemap the deck.gl map, whose tiles need WebGL."""
    measure, dimension, _, _, background, level = layer_args
    common = {"measure": measure, "dimension": dimension, "context": background, "lang": lang}
    if map_style == BLANK_STYLE:
        return map_figures.bridges_map_figure(
            _layers(*layer_args),
            level=level,
            view=preset,
            size=charts.MAP_SIZE,
            legend=False,  # the legend is the column beside the map
            selected=selected,
            ids=True,
            autosize=True,
            **common,
        )
    return charts.bridges_deck(
        _layers(*layer_args),
        level=level,
        view=preset,
        map_style=map_style,
        selected=selected,
        **common,
    )


def _map_table(view: Dataset, layer_args: tuple[Any, ...], lang: Lang) -> pd.DataFrame:
    """The table alternative of the whole map."""
    layers = _layers(*layer_args)
    return transforms.map_table(
        links=layers.links,
        twinnings=layers.twinnings,
        points=layers.points,
        areas=layers.areas,
        dimension=layer_args[1],
        lang=lang,
    )


def _selection_items(view: Dataset, selection: str, lang: Lang) -> transforms.SelectionItems:
    found = transforms.parse_selection(selection)
    assert found is not None  # the page asks only for a selection it could read
    return transforms.selection_items(view, found, lang)


def _layers(
    measure: str,
    dimension: str,
    origins: Origins,
    shown: tuple[str, ...],
    background: str,
    level: str,
) -> charts.MapLayers:
    """The layers switched on, each from the shared cache."""
    return charts.MapLayers(
        links=(
            widgets.per_view(context, _link_arcs, measure, dimension, origins)
            if "links" in shown
            else None
        ),
        twinnings=(
            widgets.per_view(context, _twinning_arcs, origins) if "twinnings" in shown else None
        ),
        points=widgets.per_view(context, _points) if "associations" in shown else None,
        areas=(
            widgets.per_view(context, _areas, level, background) if background != "none" else None
        ),
        # The map opens on the filtered data, whatever is switched on: a switch never moves it.
        extent=widgets.per_view(context, _extent, origins),
    )


context = widgets.page_context()
lang, view = context.lang, context.view
# Association arcs go only to the chosen origins (the counting rule, said under the map).
origins: Origins = (
    tuple(sorted(flt.origin_countries(context.filters.origin))) if context.filters.origin else None
)

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
layer_args = (measure, dimension, origins, tuple(shown), background, level)
layers = _layers(*layer_args)
selection_param = widgets.page_param(SELECTION_PARAM)
just_clicked = bool(st.session_state.pop(JUST_CLICKED_KEY, False))
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
        halo = selected.id if selected else None
        if context.map_style == BLANK_STYLE:
            drawn = (layer_args, preset, context.filters, lang)
            halo = _figure_halo(halo, drawn, clicked=just_clicked)
        chart = widgets.per_view(context, _map, layer_args, preset, context.map_style, halo, lang)
        widgets.map_chart(
            context,
            chart,
            height=charts.MAP_SIZE[1],
            alt=t("bridges.map.alt", lang),
            key=_map_key(),
            on_select=_on_select,
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
                layers,
                measure=measure,
                dimension=dimension,
                context=background,
                level=level,
                view=preset,
                lang=lang,
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
        items = widgets.per_view(context, _selection_items, selection_param, lang)
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
    widgets.per_view(context, _map_table, layer_args, lang),
    context,
    stem="ponti-bridges-map",
    label_key="bridges.table.title",
)
