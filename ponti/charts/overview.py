"""Overview charts: associations by municipality (map) and by origin country (bars).

The map is the Bridges map figure with its points only (SVG, quick without a GPU); with an
internet basemap configured the page draws the deck instead (tiles need WebGL).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from ponti import formats, i18n
from ponti.charts import map_figures
from ponti.charts.bridges import CompactDeck, MapLayers
from ponti.charts.common import (
    BLANK_STYLE,
    GRID_COLOUR,
    ITALY_VIEW,
    PRIMARY,
    escape_all,
    fit_view,
    hex_to_rgb,
    italy_outline_layer,
    layout,
    separators,
    short_label,
)
from ponti.i18n import Lang
from ponti.transforms import bridges as bridges_tf

# The map's size on the page (its column's width on a laptop, the height the page asks for):
# the opening view is fitted to the circles at this size.
MAP_SIZE = (620, 460)


POINTS_LAYER = "associations-by-municipality"


def picked_municipality(objects: Mapping[str, Sequence[Mapping[str, Any]]]) -> str | None:
    """The ISTAT code of the circle a click picked (from ``st.pydeck_chart``'s selection)."""
    for item in objects.get(POINTS_LAYER, ()):
        code = item.get("municipality_istat")
        if code:
            return str(code)
    return None


def picked_municipality_point(points: Sequence[Mapping[str, Any]]) -> str | None:
    """The ISTAT code of the circle a click picked on the figure (``st.plotly_chart``'s
    ``selection.points``, each circle's id in its ``customdata``)."""
    found = bridges_tf.parse_selection(map_figures.picked_id(points))
    if found is None or found.kind != bridges_tf.KIND_MUNICIPALITY:
        return None
    return found.municipality


def associations_by_municipality_figure(associations: pd.DataFrame, *, lang: Lang) -> go.Figure:
    """Circles per municipality, area proportional to its number of associations, as the
    Bridges map draws its points (one builder), in the Italy view opened on the circles; as
    wide as its frame, each circle's id in its ``customdata`` for a click."""
    return map_figures.bridges_map_figure(
        MapLayers(points=bridges_tf.association_points(associations)),
        view="italy",
        lang=lang,
        size=MAP_SIZE,
        legend=False,
        ids=True,
        autosize=True,
    )


def associations_by_municipality_deck(
    points: pd.DataFrame, *, lang: Lang, map_style: str = BLANK_STYLE
) -> pdk.Deck:
    """Circles per municipality, area proportional to its number of associations; the map
    opens on the circles drawn (all of Italy when there are none)."""
    data = points[["municipality_istat", "name", "lat", "lon", "associations"]].copy()
    largest = max(int(data["associations"].max()), 1) if not data.empty else 1
    # Radius grows with the square root so that circle AREA follows the count.
    data["radius"] = (data["associations"] / largest) ** 0.5 * 40000 + 3000
    data["tip"] = [
        i18n.tn("tooltip.municipality", n, lang, name=name)
        for name, n in zip(data["name"], data["associations"], strict=True)
    ]
    circles = pdk.Layer(
        "ScatterplotLayer",
        id=POINTS_LAYER,
        # The ISTAT code rides along so that a click can open the municipality's profile.
        data=data[["lon", "lat", "radius", "tip", "municipality_istat"]],
        get_position=["lon", "lat"],
        get_radius="radius",
        radius_min_pixels=3,
        get_fill_color=hex_to_rgb(PRIMARY, 170),
        get_line_color=[255, 255, 255, 255],
        stroked=True,
        line_width_min_pixels=1,
        pickable=True,
    )
    # Compact JSON: pydeck's indentation would more than triple the outline on the wire.
    return CompactDeck(
        layers=[italy_outline_layer(), circles],
        initial_view_state=fit_view(
            data["lon"], data["lat"], size=MAP_SIZE, fallback=ITALY_VIEW, max_zoom=8.0
        ),
        map_style=map_style,
        # "text" (not "html"): names are shown as text, never interpreted as markup.
        tooltip={"text": "{tip}"},
    )


def associations_by_country_bar(counts: pd.DataFrame, *, lang: Lang) -> go.Figure:
    """Horizontal bars of associations per origin country, largest on top."""
    ordered = counts.iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=ordered["associations"],
            y=escape_all(ordered["country"]),  # the full names: the hover shows them
            orientation="h",
            marker_color=PRIMARY,
            text=[formats.format_number(v, lang) for v in ordered["associations"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_xaxes(
        title=i18n.t("overview.communities.axis", lang),
        showgrid=True,
        gridcolor=GRID_COLOUR,
        separatethousands=True,
    )
    # Long names are cut on the axis (whole in the hover), so the bars keep room on a phone.
    countries = escape_all(ordered["country"])
    fig.update_yaxes(
        title=None,
        tickvals=countries,
        ticktext=escape_all(short_label(str(name)) for name in ordered["country"]),
    )
    fig.update_layout(separators=separators(lang))
    return layout(fig, height=max(260, 34 * len(counts) + 60))
