"""Charts and maps as images people can quote: PNG (2x) and SVG with the title, the filters in
words, the dataset version, the date and the source drawn into the picture; static maps drawn
offline.

Rendering uses kaleido, which drives a headless Chromium (Debian's ``/usr/bin/chromium``, or
``BROWSER_PATH``). Starting Chromium costs seconds, an image once it runs a fraction of one, so
several images share one browser inside ``image_server()`` (a deck opens it once for all its
pictures). The browser runs in a thread of its own, reached through asyncio: kaleido's own
"sync server" waits forever when Chromium fails to start, and it can hand two threads each
other's images, so Ponti does not use it.

Maps: plotly scatter figures in Web Mercator coordinates computed here, drawn as SVG (no
WebGL, so quick in a browser without a GPU), on Ponti's own outlines as filled traces, arcs as
curved polylines, framed like the page's map (``fit_view``) with north as long as east, so a
frame of any width shows the map undistorted. Not plotly's geo maps: their base layers are
fetched from the internet (TECH-NOTES), and a geo map keeps the shape of its range box, so
a wide frame would show a narrow map. Nothing is fetched (tests/test_present.py and the embed
and publish browser tests watch). MathJax is switched off.
"""

from __future__ import annotations

import asyncio
import textwrap
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final, Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ponti import i18n, reference, schema
from ponti.charts import bridges as bc
from ponti.charts import twinnings as tc
from ponti.charts.common import (
    FONT,
    INK,
    MAX_LATITUDE,
    WORLD_PIXELS,
    escape_text,
    rgba,
)
from ponti.i18n import Lang
from ponti.tables import Metadata, download_name
from ponti.transforms import bridges as bt

ImageFormat = Literal["png", "svg"]
PNG_MIME: Final = "image/png"
SVG_MIME: Final = "image/svg+xml"

# The layout size (CSS pixels) of an exported figure that does not set its own.
DEFAULT_SIZE: Final = (1000, 560)
# A map picture as wide as a slide's content area and about as high (pixels before scaling).
MAP_IMAGE_SIZE: Final = (1180, 480)
RENDER_TIMEOUT: Final = 90.0  # seconds for one image (kaleido's own default)
# Pages drawing at once. Drawing a map is CPU work in Chromium's software WebGL (about 2 s of
# CPU for a map with any trace at all, 5 s for the Bridges map): a second tab did not make a
# ten-slide deck faster on the 2-core machine, so pictures are drawn one after the other
# while Python makes the slides.
TABS: Final = 1
CAPTION_CHARS: Final = 150  # a caption line's length before it wraps
CAPTION_LINE_PX: Final = 17
TITLE_PX: Final = 46

# Arcs: how far the middle of an arc bows out, as a share of its length; points per arc.
ARC_BEND: Final[dict[str, float]] = {"world": 0.22, "italy": 0.08}
ARC_POINTS: Final = 24
# Links in the Italy view are drawn light, as on the page (most of them leave the map).
LINK_OPACITY: Final[dict[str, float]] = {"world": 0.75, "italy": 0.35}


class RenderError(RuntimeError):
    """A figure could not be drawn as an image (no Chromium, or Chromium failed)."""


# -- the browser --------------------------------------------------------------------------------
class _Browser:
    """One kaleido Chromium in a thread of its own; ``submit`` may be called from any thread."""

    def __init__(self) -> None:
        import kaleido
        from choreographer.browsers.chromium import Chromium

        if Chromium.find_browser(skip_local=False) is None:
            raise RenderError(
                "no Chromium found for images: install Debian's chromium "
                "(apt-get install chromium) or set BROWSER_PATH"
            )
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="ponti-images", daemon=True
        )
        self._thread.start()
        self._kaleido: Any = kaleido.Kaleido(n=TABS, timeout=RENDER_TIMEOUT, mathjax=False)
        try:
            self._run(self._kaleido.open(), RENDER_TIMEOUT)
        except BaseException:
            self._stop_loop()
            raise

    def _run(self, coroutine: Any, timeout: float) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    def submit(self, spec: dict[str, Any], opts: dict[str, Any]) -> Future[Any]:
        """Start drawing a figure dictionary (plotly's ``to_dict``) with kaleido's options;
        the future holds the image's bytes."""
        return asyncio.run_coroutine_threadsafe(self._kaleido.calc_fig(spec, opts=opts), self._loop)

    def close(self) -> None:
        """Close Chromium and stop the thread."""
        try:
            self._run(self._kaleido.close(), 30)
        finally:
            self._stop_loop()

    def _stop_loop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=30)
        self._loop.close()


_STATE = threading.Lock()
_shared: _Browser | None = None
_users = 0


@contextmanager
def image_server() -> Iterator[None]:
    """Keep one Chromium running for every image drawn inside the block (nested and
    concurrent blocks share it; the last to leave closes it)."""
    global _shared, _users
    with _STATE:
        if _shared is None:
            _shared = _Browser()
        _users += 1
    try:
        yield
    finally:
        with _STATE:
            _users -= 1
            closing, _shared = (_shared, None) if _users == 0 else (None, _shared)
        if closing is not None:
            closing.close()


@dataclass(frozen=True)
class PendingImage:
    """An image being drawn: ``result()`` waits for its bytes, ``cancel()`` drops it."""

    future: Future[Any]

    def result(self) -> bytes:
        """The image's bytes, once drawn (RenderError if it could not be)."""
        try:
            return bytes(self.future.result(RENDER_TIMEOUT + 10))
        except Exception as error:  # kaleido and choreographer raise many kinds
            self.future.cancel()
            raise RenderError(f"could not draw the image: {error}") from error

    def cancel(self) -> None:
        """Stop drawing it (an image nobody will wait for)."""
        self.future.cancel()


def start_render(
    fig: go.Figure, *, fmt: ImageFormat, width: int, height: int, scale: float
) -> PendingImage:
    """Start drawing a figure in the running ``image_server()``: a deck starts every picture
    at once, Chromium draws them in turn while Python makes the slides in order."""
    browser = _shared
    if browser is None:
        raise RuntimeError("start_render needs a running image_server()")
    return PendingImage(browser.submit(fig.to_dict(), _options(fmt, width, height, scale)))


def _options(fmt: ImageFormat, width: int, height: int, scale: float) -> dict[str, Any]:
    return {"format": fmt, "width": width, "height": height, "scale": scale}


def render(fig: go.Figure, *, fmt: ImageFormat, width: int, height: int, scale: float) -> bytes:
    """A figure as PNG or SVG bytes, as it is (nothing added): in the running
    ``image_server()``, else in a Chromium started for this one image."""
    try:
        with image_server():
            return start_render(fig, fmt=fmt, width=width, height=height, scale=scale).result()
    except RenderError:
        raise
    except Exception as error:  # kaleido and choreographer raise many kinds
        raise RenderError(f"could not draw the image: {error}") from error


# -- what is drawn into an exported image -------------------------------------------------------
def caption_lines(metadata: Metadata, *, width: int = CAPTION_CHARS) -> list[str]:
    """The download's About rows (``tables.describe_download``: filters in words, version,
    its date, source, demo label, today, credits) as caption lines of about ``width``
    characters, "label: value" parts joined by " · "."""
    # A value that already starts with its label (the demo notice) is written alone.
    parts = [
        value if value.startswith(label) else f"{label}: {value}" for label, value in metadata.rows
    ]
    lines: list[str] = []
    current = ""
    for part in parts:
        joined = f"{current} · {part}" if current else part
        if current and len(joined) > width:
            lines.append(current)
            joined = part
        current = joined
    if current:
        lines.append(current)
    return [wrapped for line in lines for wrapped in textwrap.wrap(line, width) or [line]]


def _size(fig: go.Figure) -> tuple[int, int]:
    width = fig.layout.width or DEFAULT_SIZE[0]
    height = fig.layout.height or DEFAULT_SIZE[1]
    return int(width), int(height)


def captioned(fig: go.Figure, *, title: str, caption_lines: Sequence[str]) -> go.Figure:
    """A copy of fig with the title on top and the caption lines under it (the page's own
    figure is never changed); the figure grows by the height they take."""
    copy = go.Figure(fig)
    width, height = _size(copy)
    margin = copy.layout.margin
    caption = "<br>".join(escape_text(line) for line in caption_lines)
    extra = TITLE_PX + CAPTION_LINE_PX * len(caption_lines) + 10
    copy.update_layout(
        title={
            "text": f"<b>{escape_text(title)}</b>",
            "x": 0.01,
            "xanchor": "left",
            "xref": "container",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 12, "l": 4},
            "font": {"family": FONT, "size": 20, "color": INK},
            "subtitle": {"text": caption, "font": {"family": FONT, "size": 11, "color": INK}},
        },
        margin={"t": (margin.t if margin.t is not None else 10) + extra},
        width=width,
        height=height + extra,
    )
    return copy


def figure_png(
    fig: go.Figure, *, title: str, caption_lines: Sequence[str], scale: float = 2
) -> bytes:
    """The figure as a PNG (``scale`` x its layout size) with title and caption drawn in."""
    image = captioned(fig, title=title, caption_lines=caption_lines)
    width, height = _size(image)
    return render(image, fmt="png", width=width, height=height, scale=scale)


def figure_svg(fig: go.Figure, *, title: str, caption_lines: Sequence[str]) -> bytes:
    """The figure as an SVG with title and caption drawn in as text (maps keep their base
    as an embedded picture: MapLibre draws on a canvas)."""
    image = captioned(fig, title=title, caption_lines=caption_lines)
    width, height = _size(image)
    return render(image, fmt="svg", width=width, height=height, scale=1)


def image_file_name(stem: str, fmt: ImageFormat, today: Any) -> str:
    """``ponti-bridges-map-2026-11-30.png``: what and when, like every download."""
    return download_name(stem, fmt, today)


# -- maps as figures -----------------------------------------------------------------------------
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
    xs, ys = _arcs([r["s"] for r in records], [r["t"] for r in records], bend=bend)
    return _compact(_gapped(xs)), _compact(_gapped(ys))


def _points(records: Sequence[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray]:
    """The map's x and y of point records (``p``: [lon, lat])."""
    positions = np.asarray([r["p"] for r in records], dtype=float).reshape(-1, 2)
    return _compact(positions[:, 0]), _compact(_northing(positions[:, 1]))


def _rings(collection: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """The outer rings of a GeoJSON collection's polygons, as one polyline with gaps (a
    filled trace draws each ring as a shape of its own), in the map's x and y."""
    parts: list[np.ndarray] = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        for polygon in polygons:
            parts += [np.asarray(polygon[0], dtype=float), np.full((1, 2), np.nan)]
    ring = np.vstack(parts)
    return _compact(ring[:, 0]), _compact(_northing(ring[:, 1]))


@lru_cache(maxsize=1)
def _outline_rings() -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    return (_rings(bc.world_outlines()), _rings(reference.regions_geojson(0.01)))


def _background_traces() -> list[go.Scatter]:
    """Ponti's own outlines under the other traces: the world without Italy, then Italy's
    regions, filled (no basemap, nothing fetched)."""
    (world_xs, world_ys), (italy_xs, italy_ys) = _outline_rings()
    return [
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            fill="toself",
            fillcolor=fill,
            line={"color": line, "width": width},
            hoverinfo="skip",
            showlegend=False,
        )
        for xs, ys, fill, line, width in (
            (world_xs, world_ys, bc.LAND_COLOUR, bc.OUTLINE_COLOUR, 0.5),
            (italy_xs, italy_ys, bc.ITALY_FILL, bc.ITALY_LINE, 0.6),
        )
    ]


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


def _map_layout(
    fig: go.Figure, ranges: Ranges, size: tuple[int, int], *, legend: bool
) -> go.Figure:
    xs, ys = ranges
    axis = {"visible": False, "showgrid": False, "zeroline": False}
    fig.update_xaxes(range=list(xs), constrain="range", **axis)
    # One unit north as long as one unit east: the Mercator map keeps its shape in a frame of
    # any width (a wider frame shows more of the world east and west).
    fig.update_yaxes(range=list(ys), scaleanchor="x", scaleratio=1, constrain="range", **axis)
    fig.update_layout(
        width=size[0],
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
) -> list[go.Scatter]:
    """One trace per (colour, width) with its arcs, colours in ``rank_of`` order (the legend's
    order); the legend shows each colour once. Then one trace of invisible markers at the
    arcs' middles that carries their tooltips (a line's own hover only answers at its
    vertices)."""
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
                x=xs,
                y=ys,
                mode="lines",
                line={"color": rgba(colour, opacity), "width": width},
                name=escape_text(label),
                legendgroup=label,
                showlegend=label not in seen,
                hoverinfo="skip",
            )
        )
        seen.add(label)
    if records:
        xs, ys = _arcs([r["s"] for r in records], [r["t"] for r in records], bend=bend, points=2)
        traces.append(
            go.Scatter(
                x=_compact(xs[:, 1]),
                y=_compact(ys[:, 1]),
                mode="markers",
                marker={"size": 10, "opacity": 0},
                hovertext=[_tip(record["tip"]) for record in records],
                hoverinfo="text",
                showlegend=False,
            )
        )
    return traces


def bridges_map_figure(
    layers: bc.MapLayers,
    *,
    measure: str = "associations",
    dimension: str = "sdg",
    view: str = "world",
    lang: Lang,
    size: tuple[int, int] = MAP_IMAGE_SIZE,
    legend: bool = True,
) -> go.Figure:
    """The Bridges map as a plotly figure drawn in SVG: outlines, twinnings, links coloured
    and as wide as on the page, association points, tooltips; framed on the same extent as
    the page's map. Pictures and embedded views use it (no WebGL: quick without a GPU)."""
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
    fig = go.Figure(_background_traces())
    twinning_label = i18n.t("metric.twinnings", lang)
    fig.add_traces(
        _line_traces(
            twinnings,
            colour_of=lambda record: bc.TWINNING_COLOUR,
            label_of=lambda colour: twinning_label,
            rank_of=lambda colour: 0,
            opacity=0.9,
            bend=ARC_BEND[preset] / 2,
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
            )
        )
    if points:
        xs, ys = _points(points)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="markers",
                marker={
                    "size": [2 * record["r"] for record in points],
                    "color": bc.POINT_COLOUR,
                    "opacity": 0.78,
                    "line": {"width": 0},
                },
                name=escape_text(i18n.t("bridges.legend.points", lang)),
                hovertext=[_tip(record["tip"]) for record in points],
                hoverinfo="text",
            )
        )
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
    return _map_layout(fig, ranges, size, legend=legend)


def twinnings_map_figure(
    arcs: pd.DataFrame,
    *,
    lang: Lang,
    size: tuple[int, int] = MAP_IMAGE_SIZE,
    legend: bool = True,
) -> go.Figure:
    """The Twinnings map as a plotly figure drawn in SVG: one arc per agreement, coloured by
    status and as wide as its type, Italian municipalities (dark) and partner cities (light
    with a dark ring), tooltips; framed on the agreements like the page's map."""
    statuses = {tc.status_colour(code).upper(): code for code in schema.TWINNING_STATUSES}
    order = {code: i for i, code in enumerate(schema.TWINNING_STATUSES)}
    fig = go.Figure(_background_traces())
    fig.add_traces(
        _line_traces(
            tc.arc_records(arcs, lang=lang),
            colour_of=lambda record: _hex(record["c"]),
            label_of=lambda colour: i18n.label("twinning_status", statuses.get(colour, ""), lang),
            rank_of=lambda colour: order.get(statuses.get(colour, ""), len(order)),
            opacity=0.9,
            bend=ARC_BEND["world"],
        )
    )
    if not arcs.empty:
        legend_name = escape_text(i18n.t("twinnings.legend.points", lang))
        for end, colour, marker_size, show in (
            ("to", tc.PARTNER_COLOUR, 7, False),
            ("from", INK, 8, True),
        ):
            records = tc._point_records(arcs, end, lang)
            xs, ys = _points(records)
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="markers",
                    marker={
                        "size": marker_size,
                        "color": colour,
                        "line": {"color": INK, "width": 1.5},
                    },
                    name=legend_name,
                    showlegend=show,
                    hovertext=[_tip(record["tip"]) for record in records],
                    hoverinfo="text",
                )
            )
    ranges = fit_ranges(
        [*arcs["from_lon"], *arcs["to_lon"]],
        [*arcs["from_lat"], *arcs["to_lat"]],
        fallback=tc.WORLD_VIEW,
        max_zoom=bc.ZOOM_LIMITS["world"][1],
        size=size,
    )
    return _map_layout(fig, ranges, size, legend=legend)


def map_file_stem(kind: Literal["bridges", "twinnings"]) -> str:
    """The file name stem of a map image (``ponti-bridges-map``)."""
    return f"ponti-{kind}-map"
