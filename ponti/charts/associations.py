"""The association profile's small map: the municipality where it is based, on Italy.

Pure builder: a frame in, a pydeck Deck out, drawn on Ponti's own outlines (no basemap
needed, nothing fetched), names shown as text in the tooltip, never as markup.
"""

from __future__ import annotations

from typing import Final

import pandas as pd
import pydeck as pdk

from ponti.charts.bridges import CompactDeck
from ponti.charts.common import (
    BLANK_STYLE,
    ITALY_VIEW,
    PRIMARY,
    fit_view,
    hex_to_rgb,
    italy_outline_layer,
)

# The map's size on the page (a narrow column): the view is fitted to the point at this size.
MAP_SIZE: Final = (360, 300)
# Close enough to see the region, far enough to see where in Italy it is.
ZOOM: Final = 5.0
LAYER_PLACE: Final = "municipality"


def municipality_deck(point: pd.DataFrame, *, map_style: str = BLANK_STYLE) -> pdk.Deck:
    """One circle on the municipality (``name``, ``lat``, ``lon``) over Italy's regions; the
    map opens on it (on all of Italy when the frame is empty)."""
    data = point[["name", "lat", "lon"]].rename(columns={"name": "tip"})
    circle = pdk.Layer(
        "ScatterplotLayer",
        id=LAYER_PLACE,
        data=data[["lon", "lat", "tip"]].round({"lon": 4, "lat": 4}),
        get_position=["lon", "lat"],
        get_radius=9000,
        radius_min_pixels=6,
        get_fill_color=hex_to_rgb(PRIMARY, 220),
        get_line_color=[255, 255, 255, 255],
        stroked=True,
        line_width_min_pixels=2,
        pickable=True,
    )
    return CompactDeck(
        layers=[italy_outline_layer(), circle],
        initial_view_state=fit_view(
            data["lon"], data["lat"], size=MAP_SIZE, fallback=ITALY_VIEW, max_zoom=ZOOM
        ),
        map_style=map_style,
        # "text" (not "html"): the name is shown as text, never interpreted as markup.
        tooltip={"text": "{tip}"},
    )
