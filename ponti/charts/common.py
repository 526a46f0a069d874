"""What every chart shares: palettes, the house layout, the offline map pieces.

Chart builders are pure: small tables in, plotly Figures and pydeck Decks out; no Streamlit
and no I/O beyond the shipped reference data. Every text a chart shows comes from the
catalogue in the caller's language.
"""

from __future__ import annotations

from typing import Final

import plotly.graph_objects as go
import pydeck as pdk

from ponti import reference

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
BLANK_STYLE: Final = "/app/static/blank_style.json"
FONT: Final = "Source Sans Pro, DejaVu Sans, Arial, sans-serif"

ITALY_VIEW: Final = pdk.ViewState(latitude=42.1, longitude=12.6, zoom=4.6, pitch=0)


def hex_to_rgb(colour: str, alpha: int = 255) -> list[int]:
    """'#0072B2' -> [0, 114, 178, alpha] for deck.gl."""
    value = colour.lstrip("#")
    return [int(value[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


def layout(fig: go.Figure, *, title: str | None = None, height: int = 420) -> go.Figure:
    """Ponti's house style for a plotly figure: fonts, margins, white background."""
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"} if title else None,
        font={"family": FONT, "size": 14, "color": "#1f2933"},
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 50 if title else 10, "b": 10},
        height=height,
    )
    return fig


def italy_outline_layer(line_colour: str = "#9aa5b1") -> pdk.Layer:
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
