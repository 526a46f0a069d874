"""Charts and maps as images people can quote: PNG (2x) and SVG with the title, the filters in
words, the dataset version, the date and the source drawn into the picture; static maps drawn
offline.

Rendering uses kaleido, which drives a headless Chromium (Debian's ``/usr/bin/chromium``, or
``BROWSER_PATH``). Starting Chromium costs seconds, an image once it runs a fraction of one, so
several images share one browser inside ``image_server()`` (a deck opens it once for all its
pictures). The browser runs in a thread of its own, reached through asyncio: kaleido's own
"sync server" waits forever when Chromium fails to start, and it can hand two threads each
other's images, so Ponti does not use it.

Maps: plotly's ``scattergeo`` family fetches its world outlines from a CDN and comes out blank
offline (TECH-NOTES). The static maps here are plotly ``scattermap`` figures on
``map_style="white-bg"`` (no tiles; no text on the map, so its font glyphs are never asked
for), with Ponti's own outlines as GeoJSON layers and arcs drawn as curved polylines computed
here, framed like the page's map (``fit_view``). Nothing is fetched from the internet
(tests/test_present.py watches); MathJax is switched off.
"""

from __future__ import annotations

import asyncio
import math
import textwrap
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Final, Literal

import pandas as pd
import plotly.graph_objects as go

from ponti import i18n, reference, schema
from ponti.charts import bridges as bc
from ponti.charts import twinnings as tc
from ponti.charts.common import (
    FONT,
    INK,
    _latitude,
    _mercator_y,
    escape_text,
    rgba,
)
from ponti.i18n import Lang
from ponti.tables import Metadata, download_name
from ponti.transforms import bridges as bt
from ponti.transforms import twinnings as tw

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


# -- static maps ---------------------------------------------------------------------------------
def arc_line(
    source: Sequence[float], target: Sequence[float], *, bend: float, points: int = ARC_POINTS
) -> tuple[list[float], list[float]]:
    """A curved polyline (lons, lats) from source to target (each [lon, lat]): a quadratic
    curve in Web Mercator space whose middle bows towards the north by ``bend`` of its
    length, like the page's arcs seen from above."""
    x0, y0 = (source[0] + 180) / 360, _mercator_y(source[1])
    x1, y1 = (target[0] + 180) / 360, _mercator_y(target[1])
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy)
    nx, ny = (-dy / length, dx / length) if length else (0.0, 0.0)
    if ny > 0:  # y grows southwards: bow the other way, so every arc rises north
        nx, ny = -nx, -ny
    cx, cy = (x0 + x1) / 2 + nx * length * bend, (y0 + y1) / 2 + ny * length * bend
    lons, lats = [], []
    for i in range(points + 1):
        s = i / points
        x = (1 - s) ** 2 * x0 + 2 * (1 - s) * s * cx + s**2 * x1
        y = (1 - s) ** 2 * y0 + 2 * (1 - s) * s * cy + s**2 * y1
        lons.append(round(x * 360 - 180, 4))
        lats.append(round(_latitude(y), 4))
    return lons, lats


def _polylines(
    records: Sequence[dict[str, Any]], bend: float
) -> tuple[list[float | None], list[float | None]]:
    # Several arcs in one trace, separated by gaps (None), so a trace stands for one style.
    lons: list[float | None] = []
    lats: list[float | None] = []
    for record in records:
        arc_lons, arc_lats = arc_line(record["s"], record["t"], bend=bend)
        lons += [*arc_lons, None]
        lats += [*arc_lats, None]
    return lons, lats


def _background_layers() -> list[dict[str, Any]]:
    """Ponti's own outlines under the traces: the world without Italy, then Italy's regions."""
    italy = reference.regions_geojson(0.01)
    return [
        {"source": bc.world_outlines(), "type": "fill", "color": bc.LAND_COLOUR, "below": "traces"},
        {
            "source": bc.world_outlines(),
            "type": "line",
            "color": bc.OUTLINE_COLOUR,
            "line": {"width": 0.5},
            "below": "traces",
        },
        {"source": italy, "type": "fill", "color": bc.ITALY_FILL, "below": "traces"},
        {
            "source": italy,
            "type": "line",
            "color": bc.ITALY_LINE,
            "line": {"width": 0.6},
            "below": "traces",
        },
    ]


def _map_layout(fig: go.Figure, centre: Any, size: tuple[int, int]) -> go.Figure:
    fig.update_layout(
        map={
            "style": "white-bg",
            "center": {"lon": float(centre.longitude), "lat": float(centre.latitude)},
            "zoom": float(centre.zoom),
            "layers": _background_layers(),
        },
        width=size[0],
        height=size[1],
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        paper_bgcolor="white",
        font={"family": FONT, "size": 12, "color": INK},
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
        showlegend=True,
    )
    return fig


def _hex(rgba_list: Sequence[int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgba_list[:3])


def _line_traces(
    records: Sequence[dict[str, Any]],
    *,
    colour_of: Callable[[dict[str, Any]], str],
    label_of: Callable[[str], str],
    rank_of: Callable[[str], int],
    opacity: float,
    bend: float,
) -> list[go.Scattermap]:
    """One trace per (colour, width) with its arcs, colours in ``rank_of`` order (the legend's
    order); the legend shows each colour once."""
    groups: dict[tuple[str, float], list[dict[str, Any]]] = {}
    for record in records:
        key = (colour_of(record).upper(), round(float(record["w"]) * 2) / 2)
        groups.setdefault(key, []).append(record)
    traces = []
    seen: set[str] = set()
    for colour, width in sorted(groups, key=lambda key: (rank_of(key[0]), key[1])):
        lons, lats = _polylines(groups[(colour, width)], bend)
        label = label_of(colour)
        traces.append(
            go.Scattermap(
                lon=lons,
                lat=lats,
                mode="lines",
                line={"color": rgba(colour, opacity), "width": width},
                name=escape_text(label),
                legendgroup=label,
                showlegend=label not in seen,
                hoverinfo="skip",
            )
        )
        seen.add(label)
    return traces


def bridges_map_figure(
    layers: bc.MapLayers,
    *,
    measure: str = "associations",
    dimension: str = "sdg",
    view: str = "world",
    lang: Lang,
    size: tuple[int, int] = MAP_IMAGE_SIZE,
) -> go.Figure:
    """The Bridges map as a static figure: outlines, twinnings, links coloured and as wide
    as on the page, association points; framed on the same extent as the page's map."""
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
    fig = go.Figure()
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
        fig.add_trace(
            go.Scattermap(
                lon=[record["p"][0] for record in points],
                lat=[record["p"][1] for record in points],
                mode="markers",
                marker={
                    "size": [2 * record["r"] for record in points],
                    "color": bc.POINT_COLOUR,
                    "opacity": 0.78,
                },
                name=escape_text(i18n.t("bridges.legend.points", lang)),
                hoverinfo="skip",
            )
        )
    ends = layers.extent if layers.extent is not None else bc.drawn_ends(links, twinnings, points)
    return _map_layout(fig, bc.opening_view(preset, ends, size), size)


def twinnings_map_figure(
    arcs: pd.DataFrame, *, lang: Lang, size: tuple[int, int] = MAP_IMAGE_SIZE
) -> go.Figure:
    """The Twinnings map as a static figure: one arc per agreement, coloured by status and as
    wide as its type, Italian municipalities (dark) and partner cities (light), framed on the
    agreements like the page's map."""
    statuses = {tc.status_colour(code).upper(): code for code in schema.TWINNING_STATUSES}
    order = {code: i for i, code in enumerate(schema.TWINNING_STATUSES)}
    fig = go.Figure()
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
        partners = arcs.drop_duplicates(tw.PLACE)
        municipalities = arcs.drop_duplicates(tw.MUNICIPALITY)
        legend = escape_text(i18n.t("twinnings.legend.points", lang))
        # Partner cities light with a dark ring (two markers: map markers have no outline).
        for lons, lats, colour, marker_size, show in (
            (partners["to_lon"], partners["to_lat"], INK, 10, False),
            (partners["to_lon"], partners["to_lat"], tc.PARTNER_COLOUR, 6, False),
            (municipalities["from_lon"], municipalities["from_lat"], INK, 9, True),
        ):
            fig.add_trace(
                go.Scattermap(
                    lon=[float(v) for v in lons],
                    lat=[float(v) for v in lats],
                    mode="markers",
                    marker={"size": marker_size, "color": colour},
                    name=legend,
                    showlegend=show,
                    hoverinfo="skip",
                )
            )
    return _map_layout(fig, tc.opening_view(arcs, size), size)


def map_file_stem(kind: Literal["bridges", "twinnings"]) -> str:
    """The file name stem of a map image (``ponti-bridges-map``)."""
    return f"ponti-{kind}-map"
