"""The Twinnings charts: a map of agreements (arcs coloured by status, as wide as their type
is binding) and a timeline of agreements by year signed.

Pure builders, offline like the Bridges map: Ponti's own outlines, the ``map_style`` passed
in, text tooltips; every text from data reaches plotly escaped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, Final

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from ponti import i18n, schema
from ponti.charts import bridges as bc
from ponti.charts.common import (
    BLANK_STYLE,
    GRID_COLOUR,
    INK,
    category_colours,
    escape_all,
    escape_text,
    fit_view,
    hex_to_rgb,
    layout,
    separators,
)
from ponti.i18n import Lang
from ponti.transforms import bridges as bt
from ponti.transforms import twinnings as tf

# Colour-blind-safe (Okabe-Ito) by status, in vocabulary order.
STATUS_COLOURS: Final[dict[str, str]] = category_colours(schema.TWINNING_STATUSES)
TYPE_COLOURS: Final[dict[str, str]] = category_colours(schema.TWINNING_TYPES)
COLOURS: Final[dict[str, dict[str, str]]] = {"status": STATUS_COLOURS, "type": TYPE_COLOURS}
# Width by type: the more binding the agreement, the wider the arc.
# Steps at least 1.5 px apart (and a ratio of at least 1.5), so that the legend's lines and the
# arcs can be told apart at a glance.
TYPE_WIDTHS: Final[dict[str, float]] = {
    "gemellaggio": 6.5,
    "accordo_cooperazione": 4.0,
    "patto_amicizia": 2.5,
    "memorandum": 1.2,
}
OTHER_WIDTH: Final = 1.2
MUNICIPALITY_COLOUR: Final = INK
PARTNER_COLOUR: Final = "#FFFFFF"
POINT_RADIUS: Final = 4.0
MAP_SIZE: Final = bc.MAP_SIZE
WORLD_VIEW: Final = bc.VIEW_STATES["world"]

PAIR_TIP_LINES: Final = 5  # agreements a pair's tooltip names one by one

LAYER_ARCS: Final = "twinnings"
LAYER_MUNICIPALITIES: Final = "municipalities"
LAYER_PARTNERS: Final = "partners"


def status_colour(code: str) -> str:
    """The colour of a status (grey for an unknown one)."""
    return STATUS_COLOURS.get(code, bc.UNSPECIFIED_COLOUR)


def type_width(code: str) -> float:
    """The width in pixels of an arc of this type."""
    return TYPE_WIDTHS.get(code, OTHER_WIDTH)


def _year(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return "–"
    return str(int(value))


def _agreement_line(row: Any, lang: Lang) -> str:
    return i18n.t(
        "twinnings.tip.arc",
        lang,
        type=i18n.label("twinning_type", str(row.type), lang),
        status=i18n.label("twinning_status", str(row.status), lang),
        year=_year(row.year),
    )


def _line(row: Any) -> dict[str, Any]:
    # An agreement's arc as drawn: source, target, colour (status), width (type).
    return {
        "s": bc._xy(row.from_lon, row.from_lat),
        "t": bc._xy(row.to_lon, row.to_lat),
        "c": hex_to_rgb(status_colour(str(row.status)), 220),
        "w": type_width(str(row.type)),
    }


def arc_records(arcs: pd.DataFrame, *, lang: Lang) -> list[dict[str, Any]]:
    """The arc layer's rows: id, source, target, colour (status), width (type), tooltip."""
    if arcs.empty:
        return []
    names = bt.place_names(arcs, lang)
    return [
        {
            "id": str(row.id),
            **_line(row),
            "tip": f"{row.from_name} → {row.partner} ({to_name})\n{_agreement_line(row, lang)}",
        }
        for row, to_name in zip(bc._rows(arcs), names, strict=True)
    ]


def line_records(arcs: pd.DataFrame) -> list[dict[str, Any]]:
    """The arcs a map figure draws: one per municipality, partner city, status and type
    (agreements alike between the same two places are the same line): source, target,
    colour (status), width (type)."""
    if arcs.empty:
        return []
    drawn = arcs.drop_duplicates([tf.MUNICIPALITY, tf.PLACE, "status", "type"])
    return [_line(row) for row in bc._rows(drawn)]


def pair_records(arcs: pd.DataFrame, *, lang: Lang) -> list[dict[str, Any]]:
    """One row per municipality and partner city joined by agreements: the pair's selection
    id (``tf.pair_selection``), source, target and a tooltip naming the places and each
    agreement (type · status · year, newest first; alike agreements counted on one line,
    PAIR_TIP_LINES lines at most, then how many more)."""
    if arcs.empty:
        return []
    named = arcs.assign(to_name=bt.place_names(arcs, lang))
    records = []
    for (code, place), group in named.groupby([tf.MUNICIPALITY, tf.PLACE], sort=False):
        ordered = group.sort_values(["year", "id"], ascending=[False, True], na_position="last")
        first = next(bc._rows(ordered.iloc[:1]))
        lines = [f"{first.from_name} → {first.partner} ({first.to_name})"]
        if len(ordered) > 1:
            lines.append(i18n.tn("count.twinnings", len(ordered), lang))
        # Agreements alike (type, status, year) are one line, counted.
        alike = Counter(_agreement_line(row, lang) for row in bc._rows(ordered))
        shown = list(alike.items())[:PAIR_TIP_LINES]
        lines += [line if n == 1 else f"{line} (×{n})" for line, n in shown]
        rest = len(ordered) - sum(n for _, n in shown)
        if rest:
            lines.append(i18n.tn("table.more", rest, lang))
        records.append(
            {
                "id": tf.pair_selection(str(code), str(place)),
                "s": bc._xy(first.from_lon, first.from_lat),
                "t": bc._xy(first.to_lon, first.to_lat),
                "tip": "\n".join(lines),
            }
        )
    return records


def _point_records(arcs: pd.DataFrame, end: str, lang: Lang) -> list[dict[str, Any]]:
    if end == "from":
        grouped = arcs.groupby(tf.MUNICIPALITY, sort=True)
        first = grouped[["from_name", "from_lon", "from_lat"]].first()
        return [
            {
                "id": tf.SELECT_MUNICIPALITY + tf.SELECT_SEPARATOR + str(code),
                "p": bc._xy(row.from_lon, row.from_lat),
                "tip": i18n.tn("count.twinnings", int(size), lang) + f"\n{row.from_name}",
            }
            for code, row, size in zip(first.index, bc._rows(first), grouped.size(), strict=True)
        ]
    named = arcs.assign(to_name=bt.place_names(arcs, lang))
    grouped = named.groupby(tf.PLACE, sort=True)
    first = grouped[["to_name", "to_lon", "to_lat"]].first()
    return [
        {
            "id": tf.SELECT_PLACE + tf.SELECT_SEPARATOR + str(place),
            "p": bc._xy(row.to_lon, row.to_lat),
            "tip": i18n.tn("count.twinnings", int(size), lang) + f"\n{row.to_name}",
        }
        for place, row, size in zip(first.index, bc._rows(first), grouped.size(), strict=True)
    ]


def picked_selection(objects: Mapping[str, Sequence[Mapping[str, Any]]]) -> str | None:
    """What a click on the map picked, as the page's selection value: "A|<agreement id>" for
    an arc, "M|<ISTAT code>" for a municipality, "P|<place key>" for a partner city."""
    for item in objects.get(LAYER_ARCS, ()):
        if item.get("id"):
            return tf.SELECT_AGREEMENT + tf.SELECT_SEPARATOR + str(item["id"])
    for layer in (LAYER_MUNICIPALITIES, LAYER_PARTNERS):
        for item in objects.get(layer, ()):
            if item.get("id"):
                return str(item["id"])
    return None


def _points_layer(layer_id: str, records: list[dict[str, Any]], colour: str) -> pdk.Layer:
    return pdk.Layer(
        "ScatterplotLayer",
        id=layer_id,
        data=records,
        get_position="p",
        get_radius=POINT_RADIUS,
        radius_units=bc.PIXELS,
        get_fill_color=hex_to_rgb(colour),
        get_line_color=hex_to_rgb(INK),
        stroked=True,
        line_width_min_pixels=1,
        pickable=True,
    )


def opening_view(arcs: pd.DataFrame, size: tuple[int, int] = MAP_SIZE) -> pdk.ViewState:
    """The view that fits both ends of every arc (the world view when there is none)."""
    lons = [*arcs["from_lon"], *arcs["to_lon"]]
    lats = [*arcs["from_lat"], *arcs["to_lat"]]
    low, high = bc.ZOOM_LIMITS["world"]
    return fit_view(lons, lats, size=size, fallback=WORLD_VIEW, min_zoom=low, max_zoom=high)


def twinnings_deck(arcs: pd.DataFrame, *, lang: Lang, map_style: str = BLANK_STYLE) -> pdk.Deck:
    """The Twinnings deck: outlines, one arc per agreement (colour: status, width: type),
    Italian municipalities and partner cities as points; opens on the agreements' extent."""
    offline = map_style == BLANK_STYLE
    layers: list[pdk.Layer] = [bc._world_layer()] if offline else []
    layers.append(bc._italy_layer(filled=offline))
    layers.append(
        pdk.Layer(
            "ArcLayer",
            id=LAYER_ARCS,
            data=arc_records(arcs, lang=lang),
            get_source_position="s",
            get_target_position="t",
            get_source_color="c",
            get_target_color="c",
            get_width="w",
            width_units=bc.PIXELS,
            get_height=0.3,
            pickable=True,
            auto_highlight=True,
        )
    )
    if not arcs.empty:
        layers.append(
            _points_layer(LAYER_PARTNERS, _point_records(arcs, "to", lang), PARTNER_COLOUR)
        )
        layers.append(
            _points_layer(
                LAYER_MUNICIPALITIES, _point_records(arcs, "from", lang), MUNICIPALITY_COLOUR
            )
        )
    return bc.CompactDeck(
        layers=layers,
        initial_view_state=opening_view(arcs),
        map_style=map_style,
        # "text", never "html": names are shown as text, not as markup.
        tooltip={"text": "{tip}"},
    )


def legend_sections(arcs: pd.DataFrame, *, lang: Lang) -> list[bc.LegendSection]:
    """The map's legend: a colour per status and a width per type present, and the points."""
    if arcs.empty:
        return []
    statuses = [c for c in schema.TWINNING_STATUSES if c in set(arcs["status"])]
    # Types widest first, so the legend reads as a scale.
    types = sorted(
        (c for c in schema.TWINNING_TYPES if c in set(arcs["type"])), key=lambda c: -type_width(c)
    )
    return [
        bc.LegendSection(
            i18n.t("twinnings.legend.status", lang),
            tuple(
                bc.LegendEntry(i18n.label("twinning_status", c, lang), status_colour(c), "line", 4)
                for c in statuses
            ),
        ),
        bc.LegendSection(
            i18n.t("twinnings.legend.type", lang),
            tuple(
                bc.LegendEntry(
                    i18n.label("twinning_type", c, lang), MUNICIPALITY_COLOUR, "line", type_width(c)
                )
                for c in types
            ),
        ),
        bc.LegendSection(
            i18n.t("twinnings.legend.points", lang),
            (),
        ),
    ]


legend_html = bc.legend_html


def describe_map(arcs: pd.DataFrame, *, lang: Lang) -> str:
    """What the map shows, in words: how many agreements, between whom, the main statuses."""
    if arcs.empty:
        return i18n.t("chart.empty", lang)
    counts = arcs["status"].value_counts()
    ranked = sorted(
        counts.items(), key=lambda item: (-int(item[1]), schema.TWINNING_STATUSES.index(item[0]))
    )
    statuses = ", ".join(
        f"{i18n.label('twinning_status', str(code), lang)} ({int(n)})" for code, n in ranked
    )
    return i18n.t(
        "twinnings.summary.map",
        lang,
        twinnings=i18n.tn("count.twinnings", len(arcs), lang),
        municipalities=i18n.tn("count.municipalities", arcs[tf.MUNICIPALITY].nunique(), lang),
        partners=i18n.tn("twinnings.count.partners", arcs[tf.PLACE].nunique(), lang),
        statuses=statuses,
    )


def twinnings_by_year_bar(frame: pd.DataFrame, *, split: str, lang: Lang) -> go.Figure:
    """Agreements by year signed, stacked by status or type (``tf.timeline``'s frame)."""
    vocabulary = tf.VOCABULARY[split]
    fig = go.Figure()
    for code in tf.CODES[split]:
        part = frame[frame["code"] == code]
        if part.empty:
            continue
        name = escape_text(i18n.label(vocabulary, code, lang))
        fig.add_bar(
            x=[int(y) for y in part["year"]],
            y=[int(n) for n in part["twinnings"]],
            name=name,
            marker_color=COLOURS[split][code],
            customdata=escape_all([name] * len(part)),
            hovertemplate="%{x}: %{y} · %{customdata}<extra></extra>",
        )
    layout(fig, height=380)
    fig.update_layout(
        barmode="stack",
        separators=separators(lang),
        legend={"orientation": "h", "y": -0.2},
        xaxis={
            "title": {"text": escape_text(i18n.t("twinnings.timeline.year", lang))},
            "dtick": 5,
        },
        yaxis={
            "title": {"text": escape_text(i18n.t("twinnings.timeline.axis", lang))},
            "gridcolor": GRID_COLOUR,
        },
    )
    return fig
