"""Maps as plotly figures drawn in SVG: Web Mercator coordinates computed here with numpy, on
Ponti's own outlines as filled traces, arcs as curved polylines, framed like the page's map
(``fit_ranges``) with north as long as east, so a frame of any width shows the map undistorted.

One builder per map serves the pages (with the selection's halo and the ids a click reports),
the embedded views and the pictures (PNG, slides). No WebGL: quick in a browser without a GPU,
where the deck.gl map spends seconds in software rendering. Not plotly's geo maps: their base
layers are fetched from the internet (TECH-NOTES). Nothing is fetched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from shapely.geometry import shape

from ponti import i18n, reference, schema
from ponti.charts import bridges as bc
from ponti.charts import twinnings as tc
from ponti.charts.common import FONT, INK, MAX_LATITUDE, WORLD_PIXELS, escape_text, rgba
from ponti.i18n import Lang
from ponti.transforms import bridges as bt

# A map picture as wide as a slide's content area and about as high (pixels before scaling).
MAP_IMAGE_SIZE: Final = (1180, 480)
# Arcs: how far the middle of an arc bows out, as a share of its length; points per arc.
ARC_BEND: Final[dict[str, float]] = {"world": 0.22, "italy": 0.08}
ARC_POINTS: Final = 24
# Points per arc on a map figure: plotly draws a smooth curve through them (``ARC_LINE``), as
# close to the quadratic curve as ARC_POINTS straight segments and a fifth of the bytes (10,400
# twinnings at 100x: 0.9 MB of coordinates instead of 4.2 MB).
FIGURE_ARC_POINTS: Final = 4
ARC_LINE: Final[dict[str, Any]] = {"shape": "spline", "smoothing": 1}
# Links in the Italy view are drawn light, as on the page (most of them leave the map).
LINK_OPACITY: Final[dict[str, float]] = {"world": 0.75, "italy": 0.35}
POINT_OPACITY: Final = 0.78
HALO_OPACITY: Final = 150 / 255  # the deck's halo: black at alpha 150
# The invisible marker inside each context area that answers a hover or a click (pixels).
AREA_MARKER_SIZE: Final = 16
# A clicked marker until the page draws the figure again: an arc's or area's (invisible)
# marker shows as a dark dot, a point turns orange (Okabe-Ito) at full strength.
PICKED_MIDDLE: Final[dict[str, Any]] = {"opacity": 1.0, "color": bc.HALO_COLOUR, "size": 10}
PICKED_POINT: Final[dict[str, Any]] = {"opacity": 1.0, "color": "#E69F00"}
PICKED_PLACE: Final[dict[str, Any]] = {"color": "#E69F00", "size": 12}  # the Twinnings map's


def _northing(latitudes: Any) -> Any:
    """Latitudes (degrees) as Web Mercator's northing in degrees of longitude at the equator,
    so that one unit north is as long on the map as one unit east (the map's y)."""
    phi = np.radians(np.clip(np.asarray(latitudes, dtype=float), -MAX_LATITUDE, MAX_LATITUDE))
    return np.degrees(np.log(np.tan(np.pi / 4 + phi / 2)))


def _arcs(
    sources: Any, targets: Any, *, bend: float, points: int = ARC_POINTS
) -> tuple[np.ndarray, np.ndarray]:
    """Curved polylines from sources to targets (arrays of [lon, lat]), as the map's x and y,
    one row per arc: quadratic curves in Web Mercator space whose middles bow towards the
    north by ``bend`` of their length, like the page's arcs seen from above."""
    start, end = np.asarray(sources, dtype=float), np.asarray(targets, dtype=float)
    x0, x1 = start[:, 0:1], end[:, 0:1]
    y0, y1 = _northing(start[:, 1:2]), _northing(end[:, 1:2])
    dx, dy = x1 - x0, y1 - y0
    length = np.hypot(dx, dy)
    safe = np.where(length > 0, length, 1.0)
    nx, ny = np.where(length > 0, -dy / safe, 0.0), np.where(length > 0, dx / safe, 0.0)
    flip = np.where(ny < 0, -1.0, 1.0)  # y grows northwards: every arc bows north
    cx = (x0 + x1) / 2 + flip * nx * length * bend
    cy = (y0 + y1) / 2 + flip * ny * length * bend
    s = np.linspace(0.0, 1.0, points + 1)[None, :]
    xs = (1 - s) ** 2 * x0 + 2 * (1 - s) * s * cx + s**2 * x1
    ys = (1 - s) ** 2 * y0 + 2 * (1 - s) * s * cy + s**2 * y1
    return np.round(xs, 4), np.round(ys, 4)


def arc_line(
    source: Sequence[float], target: Sequence[float], *, bend: float, points: int = ARC_POINTS
) -> tuple[list[float], list[float]]:
    """One arc of ``_arcs`` from source to target (each [lon, lat]), as (lons, lats)."""
    xs, ys = _arcs([source], [target], bend=bend, points=points)
    lats = np.degrees(2 * np.arctan(np.exp(np.radians(ys[0]))) - np.pi / 2)
    return [round(float(x), 4) for x in xs[0]], [round(float(y), 4) for y in lats]


def _compact(values: np.ndarray) -> np.ndarray:
    """Coordinates as 32-bit floats (about 1 m on the map): plotly sends them to the browser
    as binary arrays, half the bytes of 64-bit ones."""
    return np.asarray(values, dtype=np.float32)


def _gapped(rows: np.ndarray) -> np.ndarray:
    """Rows of points as one polyline, each row ended by a gap (NaN), so that one trace
    draws many lines."""
    return np.hstack([rows, np.full((len(rows), 1), np.nan)]).ravel()


def _polylines(records: Sequence[dict[str, Any]], bend: float) -> tuple[np.ndarray, np.ndarray]:
    # Several arcs in one trace, separated by gaps, so a trace stands for one style.
    sources, targets = [r["s"] for r in records], [r["t"] for r in records]
    xs, ys = _arcs(sources, targets, bend=bend, points=FIGURE_ARC_POINTS)
    return _compact(_gapped(xs)), _compact(_gapped(ys))


def _points(records: Sequence[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray]:
    """The map's x and y of point records (``p``: [lon, lat])."""
    positions = np.asarray([r["p"] for r in records], dtype=float).reshape(-1, 2)
    return _compact(positions[:, 0]), _compact(_northing(positions[:, 1]))


def _geometry_rings(geometries: Iterable[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray]:
    """The outer rings of GeoJSON polygons, as one polyline with gaps (a filled trace draws
    each ring as a shape of its own), in the map's x and y."""
    parts: list[np.ndarray] = [np.full((0, 2), np.nan)]
    for geometry in geometries:
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        for polygon in polygons:
            parts += [np.asarray(polygon[0], dtype=float), np.full((1, 2), np.nan)]
    ring = np.vstack(parts)
    return _compact(ring[:, 0]), _compact(_northing(ring[:, 1]))


def _rings(collection: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """The outer rings of a GeoJSON collection's polygons (``_geometry_rings``)."""
    return _geometry_rings(feature["geometry"] for feature in collection["features"])


@lru_cache(maxsize=1)
def _outline_rings() -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    return (_rings(bc.world_outlines()), _rings(reference.regions_geojson(0.01)))


def _outline_trace(
    xs: np.ndarray, ys: np.ndarray, *, fill: str | None, line: str, width: float, layer: str
) -> go.Scatter:
    """Rings drawn as lines, filled when ``fill`` is a colour; no hover, no legend."""
    return go.Scatter(
        meta=layer,
        x=xs,
        y=ys,
        mode="lines",
        fill="toself" if fill else "none",
        fillcolor=fill,
        line={"color": line, "width": width},
        hoverinfo="skip",
        showlegend=False,
    )


def _background_traces(*, italy: bool = True) -> list[go.Scatter]:
    """Ponti's own outlines under the other traces: the world without Italy, then (unless a
    context layer draws them) Italy's regions, filled (no basemap, nothing fetched)."""
    world, regions = _outline_rings()
    styles = [(world, bc.LAND_COLOUR, bc.OUTLINE_COLOUR, 0.5, bc.LAYER_WORLD)]
    if italy:
        styles.append((regions, bc.ITALY_FILL, bc.ITALY_LINE, 0.6, bc.LAYER_ITALY))
    return [
        _outline_trace(*rings, fill=fill, line=line, width=width, layer=layer)
        for rings, fill, line, width, layer in styles
    ]


@lru_cache(maxsize=2)
def _area_anchors(level: str) -> dict[str, tuple[float, float]]:
    """A point inside each region or province (code -> map x, y), where its hover answers."""
    anchors = {}
    for feature in bc._italian_features_cached(level):
        point = shape(feature["geometry"]).representative_point()
        anchors[feature["code"]] = (float(point.x), float(_northing(point.y)))
    return anchors


def _area_traces(
    areas: pd.DataFrame,
    *,
    level: str,
    measure: str,
    lang: Lang,
    selected: str | None,
    ids: bool,
) -> list[go.Scatter]:
    """The context choropleth: one filled trace per class colour (in the ramp's order), the
    selected area's halo, then one invisible marker inside each area that carries its
    tooltip (and its id for a click: a fill has one hover text for all its shapes)."""
    records = bc.area_records(areas, level, measure, lang)
    order = {colour: i for i, colour in enumerate((bc.NO_DATA_COLOUR, *bc.CONTEXT_RAMP))}
    colours = sorted({r["colour"] for r in records}, key=lambda colour: order.get(colour, 0))
    traces = [
        _outline_trace(
            *_geometry_rings(r["geometry"] for r in records if r["colour"] == colour),
            fill=colour,
            line=bc.ITALY_LINE,
            width=0.5,
            layer=bc.LAYER_CONTEXT,
        )
        for colour in colours
    ]
    chosen = [r["geometry"] for r in records if r["id"] == selected]
    if chosen:
        traces.append(
            _outline_trace(
                *_geometry_rings(chosen),
                fill=None,
                line=bc.HALO_COLOUR,
                width=3,
                layer=bc.LAYER_HALO,
            )
        )
    anchors = _area_anchors(level)
    xs, ys = zip(*(anchors[r["code"]] for r in records), strict=True)
    traces.append(
        _hover_markers(
            np.asarray(xs),
            np.asarray(ys),
            records,
            size=AREA_MARKER_SIZE,
            ids=ids,
            layer=bc.LAYER_CONTEXT,
        )
    )
    return traces


def _hover_markers(
    xs: np.ndarray,
    ys: np.ndarray,
    records: Sequence[dict[str, Any]],
    *,
    size: float,
    ids: bool,
    layer: str | None,
) -> go.Scatter:
    """Invisible markers that answer a hover with the records' tooltips and, when ``ids``,
    report the records' selection ids (``customdata``) to a click."""
    return go.Scatter(
        meta=layer,
        x=_compact(xs),
        y=_compact(ys),
        mode="markers",
        marker={"size": size, "opacity": 0},
        **_pick_styles(0, PICKED_MIDDLE),
        hovertext=[_tip(record["tip"]) for record in records],
        hoverinfo="text",
        customdata=[record["id"] for record in records] if ids else None,
        showlegend=False,
    )


Ranges = tuple[tuple[float, float], tuple[float, float]]


def view_ranges(centre: Any, size: tuple[int, int]) -> Ranges:
    """The map's x and y ranges (``_northing`` units) that show what a Web Mercator view
    (centre and zoom, as deck.gl opens the page's map) shows in a map of ``size`` pixels."""
    degrees_per_pixel = 360 / (WORLD_PIXELS * 2 ** float(centre.zoom))
    half_x, half_y = size[0] * degrees_per_pixel / 2, size[1] * degrees_per_pixel / 2
    x, y = float(centre.longitude), float(_northing(float(centre.latitude)))
    return (round(x - half_x, 3), round(x + half_x, 3)), (
        round(y - half_y, 3),
        round(y + half_y, 3),
    )


def fit_ranges(
    lons: Sequence[float],
    lats: Sequence[float],
    *,
    fallback: Any,
    max_zoom: float,
    size: tuple[int, int],
    padding: float = 0.1,
) -> Ranges:
    """The map's x and y ranges around every place given, padded by ``padding`` of their span
    on each side (as the page's map opens), never closer than ``max_zoom`` shows in a map of
    ``size``; without a place, the ``fallback`` view. plotly then widens one range to fill a
    frame of any shape (north as long as east): the places are whole in every frame, and a
    wide frame shows more of the world east and west rather than a small map."""
    points = np.asarray(
        [(float(lon), float(lat)) for lon, lat in zip(lons, lats, strict=True)], dtype=float
    ).reshape(-1, 2)
    points = points[~np.isnan(points).any(axis=1)]
    if not len(points):
        return view_ranges(fallback, size)
    least = 360 / (WORLD_PIXELS * 2**max_zoom)  # degrees per pixel at the closest zoom
    ranges = []
    for values, pixels in ((points[:, 0], size[0]), (_northing(points[:, 1]), size[1])):
        low, high = float(values.min()), float(values.max())
        half = max((high - low) * (0.5 + padding), pixels * least / 2)
        middle = (low + high) / 2
        ranges.append((round(middle - half, 3), round(middle + half, 3)))
    return ranges[0], ranges[1]


def _pick_styles(opacity: float, picked: dict[str, Any]) -> dict[str, Any]:
    """How plotly draws a trace's markers once a click selects one of them (a page's map
    before it is drawn again): the picked one with ``picked`` (marker style), the others as
    they were (plotly would fade them)."""
    return {"selected": {"marker": picked}, "unselected": {"marker": {"opacity": opacity}}}


def _map_layout(
    fig: go.Figure,
    ranges: Ranges,
    size: tuple[int, int],
    *,
    legend: bool,
    autosize: bool = False,
) -> go.Figure:
    xs, ys = ranges
    axis = {"visible": False, "showgrid": False, "zeroline": False}
    fig.update_xaxes(range=list(xs), constrain="range", **axis)
    # One unit north as long as one unit east: the Mercator map keeps its shape in a frame of
    # any width (a wider frame shows more of the world east and west).
    fig.update_yaxes(range=list(ys), scaleanchor="x", scaleratio=1, constrain="range", **axis)
    fig.update_layout(
        # As wide as its frame on a page (``autosize``); the ranges were fitted to ``size``.
        width=None if autosize else size[0],
        autosize=True if autosize else None,
        height=size[1],
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        paper_bgcolor="white",
        plot_bgcolor="white",
        font={"family": FONT, "size": 12, "color": INK},
        hoverlabel={"bgcolor": "white", "font": {"family": FONT, "size": 13, "color": INK}},
        hovermode="closest",
        legend={
            "x": 0.005,
            "y": 0.995,
            "xanchor": "left",
            "yanchor": "top",
            "bgcolor": "rgba(255,255,255,0.85)",
            "bordercolor": bc.OUTLINE_COLOUR,
            "borderwidth": 1,
            "font": {"size": 11},
        },
        showlegend=legend,
        dragmode="pan",
        # The user's zoom and pan stay while the frame stays (a click, a layer switch); a view
        # that opens elsewhere (other filters, another preset) moves the map.
        uirevision=repr(ranges),
    )
    return fig


def _hex(rgba_list: Sequence[int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgba_list[:3])


def _tip(text: object) -> str:
    """A tooltip from data, escaped, its lines as plotly's line breaks."""
    return escape_text(text).replace("\n", "<br>")


def _line_traces(
    records: Sequence[dict[str, Any]],
    *,
    colour_of: Callable[[dict[str, Any]], str],
    label_of: Callable[[str], str],
    rank_of: Callable[[str], int],
    opacity: float,
    bend: float,
    ids: bool = False,
    layer: str | None = None,
    tips: Sequence[dict[str, Any]] | None = None,
) -> list[go.Scatter]:
    """One trace per (colour, width) with its arcs, colours in ``rank_of`` order (the legend's
    order); the legend shows each colour once. Then one trace of invisible markers at the
    arcs' middles that carries their tooltips (a line's own hover only answers at its
    vertices) and, when ``ids``, the arcs' selection ids for a click: those of ``tips``
    when given (records with ``s``, ``t``, ``tip`` and ``id``), else of the arcs."""
    groups: dict[tuple[str, float], list[dict[str, Any]]] = {}
    for record in records:
        key = (colour_of(record).upper(), round(float(record["w"]) * 2) / 2)
        groups.setdefault(key, []).append(record)
    traces = []
    seen: set[str] = set()
    for colour, width in sorted(groups, key=lambda key: (rank_of(key[0]), key[1])):
        xs, ys = _polylines(groups[(colour, width)], bend)
        label = label_of(colour)
        traces.append(
            go.Scatter(
                meta=layer,
                x=xs,
                y=ys,
                mode="lines",
                line={"color": rgba(colour, opacity), "width": width, **ARC_LINE},
                name=escape_text(label),
                legendgroup=label,
                showlegend=label not in seen,
                hoverinfo="skip",
            )
        )
        seen.add(label)
    tips = records if tips is None else tips
    if tips:
        xs, ys = _arcs([r["s"] for r in tips], [r["t"] for r in tips], bend=bend, points=2)
        traces.append(_hover_markers(xs[:, 1], ys[:, 1], tips, size=10, ids=ids, layer=layer))
    return traces


def _arc_halo(
    records: Sequence[dict[str, Any]], selected: str | None, bend: float
) -> list[go.Scatter]:
    """A dark band under the selected arc, at full strength even where arcs are drawn light
    (as the page's deck draws it)."""
    chosen = [r for r in records if r["id"] == selected]
    if not chosen:
        return []
    xs, ys = _polylines(chosen, bend)
    return [
        go.Scatter(
            meta=bc.LAYER_HALO,
            x=xs,
            y=ys,
            mode="lines",
            line={
                "color": rgba(bc.HALO_COLOUR, HALO_OPACITY),
                "width": chosen[0]["w"] + 6,
                **ARC_LINE,
            },
            hoverinfo="skip",
            showlegend=False,
        )
    ]


def _point_halo(points: Sequence[dict[str, Any]], selected: str | None) -> list[go.Scatter]:
    """A ring round the selected point."""
    chosen = [r for r in points if r["id"] == selected]
    if not chosen:
        return []
    xs, ys = _points(chosen)
    return [
        go.Scatter(
            meta=bc.LAYER_HALO,
            x=xs,
            y=ys,
            mode="markers",
            marker={
                "symbol": "circle-open",
                "size": [2 * (r["r"] + 5) for r in chosen],
                "color": bc.HALO_COLOUR,
                "line": {"width": 3},
            },
            hoverinfo="skip",
            showlegend=False,
        )
    ]


def bridges_map_figure(
    layers: bc.MapLayers,
    *,
    measure: str = "associations",
    dimension: str = "sdg",
    context: str = "none",
    level: str = "region",
    view: str = "world",
    lang: Lang,
    size: tuple[int, int] = MAP_IMAGE_SIZE,
    legend: bool = True,
    selected: str | None = None,
    ids: bool = False,
    autosize: bool = False,
) -> go.Figure:
    """The Bridges map as a plotly figure drawn in SVG: outlines, the context shading
    (``layers.areas`` when ``context`` is not "none"), twinnings, links coloured and as wide
    as on the deck, association points, tooltips, a halo round the ``selected`` object;
    framed on the same extent as the deck. The Bridges, Overview and municipality pages draw
    it (``ids``: each clickable marker carries its selection id in ``customdata``;
    ``autosize``: as wide as its frame), and so do embedded views and pictures (no WebGL:
    quick without a GPU)."""
    preset = view if view in bc.VIEW_STATES else "world"
    links = (
        bc.link_records(layers.links, measure=measure, dimension=dimension, lang=lang)
        if layers.links is not None
        else []
    )
    twinnings = (
        bc.twinning_records(layers.twinnings, lang=lang) if layers.twinnings is not None else []
    )
    points = bc.point_records(layers.points, lang=lang) if layers.points is not None else []
    shaded = layers.areas is not None and context != "none"
    fig = go.Figure(_background_traces(italy=not shaded))
    if shaded and layers.areas is not None:
        fig.add_traces(
            _area_traces(
                layers.areas, level=level, measure=context, lang=lang, selected=selected, ids=ids
            )
        )
    fig.add_traces(_arc_halo(twinnings, selected, ARC_BEND[preset] / 2))
    fig.add_traces(_arc_halo(links, selected, ARC_BEND[preset]))
    twinning_label = i18n.t("metric.twinnings", lang)
    fig.add_traces(
        _line_traces(
            twinnings,
            colour_of=lambda record: bc.TWINNING_COLOUR,
            label_of=lambda colour: twinning_label,
            rank_of=lambda colour: 0,
            opacity=0.9,
            bend=ARC_BEND[preset] / 2,
            ids=ids,
            layer=bc.LAYER_TWINNINGS,
        )
    )
    if links and layers.links is not None:
        order = bt.category_order(dimension)
        codes = {
            bc.category_colour(dimension, str(code)).upper(): str(code)
            for code in layers.links["category"].unique()
        }
        fig.add_traces(
            _line_traces(
                links,
                colour_of=lambda record: _hex(record["c"]),
                label_of=lambda colour: bc.category_label(dimension, codes[colour], lang),
                rank_of=lambda colour: order.get(codes[colour], len(order)),
                opacity=LINK_OPACITY[preset],
                bend=ARC_BEND[preset],
                ids=ids,
                layer=bc.LAYER_LINKS,
            )
        )
    if points:
        xs, ys = _points(points)
        fig.add_trace(
            go.Scatter(
                meta=bc.LAYER_POINTS,
                x=xs,
                y=ys,
                mode="markers",
                marker={
                    "size": [2 * record["r"] for record in points],
                    "color": bc.POINT_COLOUR,
                    "opacity": POINT_OPACITY,
                    "line": {"width": 0},
                },
                **_pick_styles(POINT_OPACITY, PICKED_POINT),
                name=escape_text(i18n.t("bridges.legend.points", lang)),
                hovertext=[_tip(record["tip"]) for record in points],
                hoverinfo="text",
                customdata=[record["id"] for record in points] if ids else None,
            )
        )
    fig.add_traces(_point_halo(points, selected))
    ends = layers.extent if layers.extent is not None else bc.drawn_ends(links, twinnings, points)
    # Framed on the places the page's map opens on (the world: both ends of every link; Italy:
    # the Italian ends, so that far places do not zoom the map out).
    lons, lats = list(ends["from_lon"]), list(ends["from_lat"])
    if preset == "world":
        lons += list(ends["to_lon"])
        lats += list(ends["to_lat"])
    ranges = fit_ranges(
        lons,
        lats,
        fallback=bc.VIEW_STATES[preset],
        max_zoom=bc.ZOOM_LIMITS[preset][1],
        size=size,
    )
    return _map_layout(fig, ranges, size, legend=legend, autosize=autosize)


def twinnings_map_figure(
    arcs: pd.DataFrame,
    *,
    lang: Lang,
    size: tuple[int, int] = MAP_IMAGE_SIZE,
    legend: bool = True,
    ids: bool = False,
    autosize: bool = False,
) -> go.Figure:
    """The Twinnings map as a plotly figure drawn in SVG: an arc per municipality and partner
    city for each status and type of their agreements (coloured by status, as wide as the
    type), Italian municipalities (dark) and partner cities (light with a dark ring),
    tooltips (a pair's names each of its agreements); framed on the agreements like the
    deck. The Twinnings page draws it (``ids``: each pair's arc middle and each place
    carries its selection value, ``twinnings.parse_map_selection``, in ``customdata``;
    ``autosize``: as wide as its frame), and so do the embedded view and the pictures.

    Agreements between the same two places are one line, not one each: they would be drawn
    on top of each other anyway, and at 100x the demo 10,400 agreements join 909 pairs (the
    figure's JSON 2.4 MB with an arc and a tooltip each)."""
    statuses = {tc.status_colour(code).upper(): code for code in schema.TWINNING_STATUSES}
    order = {code: i for i, code in enumerate(schema.TWINNING_STATUSES)}
    fig = go.Figure(_background_traces())
    fig.add_traces(
        _line_traces(
            tc.line_records(arcs),
            tips=tc.pair_records(arcs, lang=lang),
            colour_of=lambda record: _hex(record["c"]),
            label_of=lambda colour: i18n.label("twinning_status", statuses.get(colour, ""), lang),
            rank_of=lambda colour: order.get(statuses.get(colour, ""), len(order)),
            opacity=0.9,
            bend=ARC_BEND["world"],
            ids=ids,
            layer=tc.LAYER_ARCS,
        )
    )
    if not arcs.empty:
        legend_name = escape_text(i18n.t("twinnings.legend.points", lang))
        for end, colour, marker_size, show, layer in (
            ("to", tc.PARTNER_COLOUR, 7, False, tc.LAYER_PARTNERS),
            ("from", INK, 8, True, tc.LAYER_MUNICIPALITIES),
        ):
            records = tc._point_records(arcs, end, lang)
            xs, ys = _points(records)
            fig.add_trace(
                go.Scatter(
                    meta=layer,
                    x=xs,
                    y=ys,
                    mode="markers",
                    marker={
                        "size": marker_size,
                        "color": colour,
                        "line": {"color": INK, "width": 1.5},
                    },
                    **_pick_styles(1.0, PICKED_PLACE),
                    name=legend_name,
                    showlegend=show,
                    hovertext=[_tip(record["tip"]) for record in records],
                    hoverinfo="text",
                    customdata=[record["id"] for record in records] if ids else None,
                )
            )
    ranges = fit_ranges(
        [*arcs["from_lon"], *arcs["to_lon"]],
        [*arcs["from_lat"], *arcs["to_lat"]],
        fallback=tc.WORLD_VIEW,
        max_zoom=bc.ZOOM_LIMITS["world"][1],
        size=size,
    )
    return _map_layout(fig, ranges, size, legend=legend, autosize=autosize)


def picked_id(points: Iterable[Mapping[str, Any]]) -> str | None:
    """The selection id a click on a map figure picked: the ``customdata`` of the first
    point of the selection event (``st.plotly_chart``'s ``selection.points``) that has one;
    None when nothing with an id was picked (a click on empty map clears the selection)."""
    for point in points:
        value = point.get("customdata")
        if isinstance(value, list | tuple):  # plotly reports 2-D customdata as a row
            value = value[0] if value else None
        if isinstance(value, str) and value:
            return value
    return None
