"""What every chart shares: palettes and colours, numbers by measure, the house layout, the
offline map pieces.

Chart builders are pure: small tables in, plotly Figures and pydeck Decks out; no Streamlit
and no I/O beyond the shipped reference data. Every text a chart shows comes from the
catalogue in the caller's language.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable
from typing import Any, Final

import plotly.graph_objects as go
import pydeck as pdk

from ponti import formats, reference, schema
from ponti.i18n import Lang

# -- colours -----------------------------------------------------------------------------------
# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE: Final[tuple[str, ...]] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)
PRIMARY: Final = PALETTE[0]
OTHER_COLOUR: Final = "#7F7F7F"  # a ninth category beyond the eight Okabe-Ito colours
INK: Final = "#1F2933"  # text, and marks drawn in the text's colour
MUTED: Final = "#9AA5B1"  # outlines and secondary marks
GRID_COLOUR: Final = "#E4E7EB"


def category_colours(codes: Iterable[str]) -> dict[str, str]:
    """A colour for each code of a vocabulary, in its order: Okabe-Ito, then grey.

    The same code wears the same colour on every page (a funder type on the Bridges map and
    in the Funding flows).
    """
    colours = (*PALETTE, OTHER_COLOUR)
    return {code: colours[min(i, len(colours) - 1)] for i, code in enumerate(codes)}


FUNDER_TYPE_COLOURS: Final[dict[str, str]] = category_colours(schema.FUNDER_TYPES)


def hex_to_rgb(colour: str, alpha: int = 255) -> list[int]:
    """'#0072B2' -> [0, 114, 178, alpha] for deck.gl."""
    value = colour.lstrip("#")
    return [int(value[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


def rgba(colour: str, alpha: float) -> str:
    """'#0072B2', 0.35 -> 'rgba(0,114,178,0.35)' for plotly (a fill or link seen through)."""
    red, green, blue, _ = hex_to_rgb(colour)
    return f"rgba({red},{green},{blue},{alpha})"


# -- numbers -----------------------------------------------------------------------------------
# Measures counted in EUR, whichever page names them; every other measure counts things.
MONEY_MEASURES: Final[frozenset[str]] = frozenset({"eur", "granted", "requested"})


def format_measure(value: object, measure: str, lang: Lang, *, short: bool = False) -> str:
    """A value of a measure as charts and pages write it: a count ("1.234") or an amount
    ("1.234.567 EUR"; ``short`` gives "1,2 mln EUR", for narrow hovers and captions)."""
    if measure not in MONEY_MEASURES:
        return formats.format_number(value, lang)
    return formats.format_money_short(value, lang) if short else formats.format_money(value, lang)


def separators(lang: Lang) -> str:
    """plotly's decimal and thousands separators for lang ("," and "." in Italian)."""
    return ",." if lang == "it" else ".,"


BLANK_STYLE: Final = "/app/static/blank_style.json"
FONT: Final = "Source Sans Pro, DejaVu Sans, Arial, sans-serif"

ITALY_VIEW: Final = pdk.ViewState(latitude=42.1, longitude=12.6, zoom=4.6, pitch=0)
# deck.gl's Web Mercator world is 512 px wide at zoom 0.
WORLD_PIXELS: Final = 512
MAX_LATITUDE: Final = 85.05  # Web Mercator's limit


def escape_text(value: object) -> str:
    """Text from data, made safe for a plotly figure: shown as written, never as markup.

    plotly reads a subset of HTML in every text it draws (labels, hovers, ticks, Sankey
    nodes): ``<a href>`` becomes a live link, ``<b>`` bold, ``<br>`` a line break. Only
    ``&``, ``<`` and ``>`` are escaped: plotly turns ``&amp; &lt; &gt;`` back into the
    characters, while it would show ``&quot;`` literally.
    """
    return html.escape(str(value), quote=False)


def escape_all(values: Iterable[object]) -> list[str]:
    """escape_text of every value, as a list (plotly's category and label arrays)."""
    return [escape_text(value) for value in values]


# Axis labels longer than this are cut (whole in the hover): on a phone a long country name
# would otherwise take the width its bars or cells need.
AXIS_LABEL_CHARS: Final = 16


def short_label(text: str, limit: int = AXIS_LABEL_CHARS) -> str:
    """A name cut to ``limit`` characters on a word boundary when it can be, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;·-") + "…"


# -- empty figures ---------------------------------------------------------------------------
def _flatten(values: Any) -> list[Any]:
    if values is None:
        return []
    if isinstance(values, str) or not isinstance(values, Iterable):
        return [values]
    return [item for value in values for item in _flatten(value)]


def _values_of(trace: Any) -> list[Any]:
    """The values a trace draws (not its categories or positions)."""
    kind = trace.type
    if kind == "sankey":
        return list(trace.link.value or ())
    if kind == "heatmap":
        return _flatten(trace.z)
    if kind == "box":
        return list(trace.median if trace.median is not None else trace.y or ())
    if kind == "pie":
        return list(trace.values or ())
    if kind in ("bar", "funnel"):
        # Bars stand up unless told otherwise; a funnel lies down (plotly's defaults).
        horizontal = trace.orientation == "h" or (kind == "funnel" and trace.orientation is None)
        axis = trace.x if horizontal else trace.y
        return list(axis if axis is not None else ())
    return list(trace.y if trace.y is not None else ())


def _drawn(value: Any) -> bool:
    if value is None or isinstance(value, str):
        return bool(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return True
    return not math.isnan(number) and number != 0


def draws_nothing(fig: go.Figure) -> bool:
    """True when no trace has a value to draw (no rows, or only zeros and blanks): such a
    figure is a pair of bare axes, and the page says "no data" instead."""
    return not any(_drawn(value) for trace in fig.data for value in _values_of(trace))


# -- the opening view of a map ------------------------------------------------------------------
def _mercator_y(latitude: float) -> float:
    """Latitude as Web Mercator y in [0, 1] (0 at the top)."""
    phi = math.radians(max(-MAX_LATITUDE, min(MAX_LATITUDE, latitude)))
    return 0.5 - math.log(math.tan(math.pi / 4 + phi / 2)) / (2 * math.pi)


def _latitude(mercator_y: float) -> float:
    return math.degrees(2 * math.atan(math.exp((0.5 - mercator_y) * 2 * math.pi)) - math.pi / 2)


def fit_view(
    longitudes: Iterable[float],
    latitudes: Iterable[float],
    *,
    size: tuple[int, int],
    fallback: pdk.ViewState,
    padding: float = 0.1,
    min_zoom: float = 0.5,
    max_zoom: float = 7.0,
) -> pdk.ViewState:
    """The north-up view that shows every point in a map of ``size`` (width, height) pixels.

    The bounding box of the points is padded by ``padding`` of the map on each side; its
    centre (in Mercator space, as deck.gl draws) is the view's centre and the zoom is the
    largest that fits it, kept within [min_zoom, max_zoom] (a single place is shown at
    max_zoom). Without any point the view is ``fallback``.
    """
    points = [
        (float(lon), float(lat))
        for lon, lat in zip(longitudes, latitudes, strict=True)
        if not (math.isnan(float(lon)) or math.isnan(float(lat)))
    ]
    if not points:
        return fallback
    xs = [(lon + 180) / 360 for lon, _ in points]
    ys = [_mercator_y(lat) for _, lat in points]
    width, height = size
    usable = max(1.0 - 2 * padding, 0.1)
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    zooms = [max_zoom]
    if span_x > 0:
        zooms.append(math.log2(width * usable / (WORLD_PIXELS * span_x)))
    if span_y > 0:
        zooms.append(math.log2(height * usable / (WORLD_PIXELS * span_y)))
    zoom = max(min_zoom, min(zooms))
    # deck.gl stops zooming out at 0 (the world 512 px wide) unless told: a narrow map (a
    # phone, a small frame) may open further out, and then zoom out as far again.
    extra = {"min_zoom": round(zoom, 2)} if zoom < 0 else {}
    return pdk.ViewState(
        longitude=round((min(xs) + max(xs)) / 2 * 360 - 180, 4),
        latitude=round(_latitude((min(ys) + max(ys)) / 2), 4),
        zoom=round(zoom, 2),
        pitch=0,
        bearing=0,
        **extra,
    )


def layout(fig: go.Figure, *, title: str | None = None, height: int = 420) -> go.Figure:
    """Ponti's house style for a plotly figure: fonts, margins, white background."""
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"} if title else None,
        font={"family": FONT, "size": 14, "color": INK},
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 50 if title else 10, "b": 10},
        height=height,
    )
    return fig


def italy_outline_layer(line_colour: str = MUTED) -> pdk.Layer:
    """Italian regions as thin outlines on a light fill, from Ponti's own data."""
    return pdk.Layer(
        "GeoJsonLayer",
        id="italy-regions",
        data=reference.regions_geojson(),
        stroked=True,
        filled=True,
        get_fill_color=[241, 244, 247, 255],
        get_line_color=hex_to_rgb(line_colour),
        line_width_min_pixels=1,
        pickable=False,
    )
