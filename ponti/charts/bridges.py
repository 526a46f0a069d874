"""The Bridges map: arcs from Italian municipalities to origin places, twinnings, association
points and a context choropleth, on outlines from Ponti's own data (no basemap needed).

Everything sent to the browser is aggregated (one arc per pair), stripped to the fields a
layer draws, rounded and serialised without indentation, so the deck's JSON does not grow
with the number of associations or projects.
"""

from __future__ import annotations

import html
import json
import math
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

import pandas as pd
import pydeck as pdk
from shapely.geometry import MultiPolygon, Polygon, box, mapping
from shapely.geometry.base import BaseGeometry

from ponti import formats, i18n, reference, schema
from ponti.charts.common import (
    BLANK_STYLE,
    FUNDER_TYPE_COLOURS,
    INK,
    ITALY_VIEW,
    MUTED,
    category_colours,
    fit_view,
    format_measure,
    hex_to_rgb,
)
from ponti.i18n import Lang
from ponti.transforms import bridges as tf

UNSPECIFIED_COLOUR: Final = "#BCC4CC"
# Colour-blind-safe categories: the Okabe-Ito palette in vocabulary order, grey for the ninth.
STAGE_COLOURS: Final[dict[str, str]] = category_colours(schema.STAGES)
TWINNING_COLOUR: Final = "#3E4C59"
POINT_COLOUR: Final = INK
HALO_COLOUR: Final = "#000000"
LAND_COLOUR: Final = "#EEF1F4"
OUTLINE_COLOUR: Final = "#C5CDD5"
ITALY_FILL: Final = "#FFFFFF"
ITALY_LINE: Final = MUTED
NO_DATA_COLOUR: Final = "#F5F7FA"
# ColorBrewer "Blues" (sequential, colour-blind-safe), light to dark.
CONTEXT_RAMP: Final[tuple[str, ...]] = ("#DEEBF7", "#9ECAE1", "#6BAED6", "#3182BD", "#08519C")

MIN_WIDTH: Final = 1.0
MAX_WIDTH: Final = 8.0
TWINNING_WIDTHS: Final = (1.0, 3.0)
MIN_RADIUS: Final = 4.0
MAX_RADIUS: Final = 16.0
COORD_DECIMALS: Final = 3  # ~100 m: more than any screen shows at these zooms
# A literal string prop (pydeck turns plain strings into accessor expressions).
PIXELS: Final = pdk.types.String("pixels")

# The opening view when nothing is drawn; otherwise the map opens on what it draws.
VIEW_STATES: Final[dict[str, pdk.ViewState]] = {
    "world": pdk.ViewState(latitude=22.0, longitude=12.0, zoom=1.0, pitch=0, bearing=0),
    "italy": ITALY_VIEW,
}
# The map's size on a laptop (its column's width, the height the page asks for).
MAP_SIZE: Final = (760, 560)
# Zoom limits of the fitted view: the world view never opens closer than a country or two,
# the Italy view never farther than Italy nor closer than a province.
ZOOM_LIMITS: Final[dict[str, tuple[float, float]]] = {"world": (-1.0, 5.0), "italy": (4.0, 8.0)}

LAYER_WORLD: Final = "world"
LAYER_ITALY: Final = "italy"
LAYER_CONTEXT: Final = "context"
LAYER_LINKS: Final = "links"
LAYER_TWINNINGS: Final = "twinnings"
LAYER_POINTS: Final = "associations"
LAYER_HALO: Final = "selected"


# pydeck ships no type information, so Deck is Any to mypy and subclassing it needs the ignore.
class CompactDeck(pdk.Deck):  # type: ignore[misc]
    """A Deck whose JSON has no indentation (pydeck indents by 2, which triples GeoJSON),
    written once: a deck is made whole by its chart builder and never changed afterwards
    (pages keep one deck for every visitor of a view), so each run that draws it again reuses
    the text."""

    def to_json(self) -> str:
        """The deck as compact JSON, as Streamlit sends it to the browser."""
        text = _DECK_JSON.get(self)
        if text is None:
            text = _DECK_JSON[self] = json.dumps(
                self,
                sort_keys=True,
                separators=(",", ":"),
                default=pdk.bindings.json_tools.default_serialize,
            )
        return text


# A deck's JSON for as long as the deck lives (kept beside it: pydeck writes every attribute of
# a deck into its JSON).
_DECK_JSON: weakref.WeakKeyDictionary[CompactDeck, str] = weakref.WeakKeyDictionary()


# -- colours and labels ------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _sdg_colours() -> dict[int, str]:
    return reference.sdg_colours()


def category_colour(dimension: str, code: str) -> str:
    """The colour of a category: official SDG colours, Okabe-Ito for stage and funder type."""
    if code == tf.UNSPECIFIED:
        return UNSPECIFIED_COLOUR
    if dimension == "sdg":
        return _sdg_colours().get(int(code), UNSPECIFIED_COLOUR)
    colours = STAGE_COLOURS if dimension == "stage" else FUNDER_TYPE_COLOURS
    return colours.get(code, UNSPECIFIED_COLOUR)


category_label = tf.category_label


def measure_text(measure: str, value: float, lang: Lang) -> str:
    """A measure's value as text: "12 progetti", "1 progetto", "EUR 1,234,567 granted"."""
    if measure == "granted":
        return i18n.t("bridges.value.granted", lang, amount=formats.format_money(value, lang))
    return i18n.tn(f"count.{measure}", value, lang)


def context_classes(values: pd.Series) -> list[float]:
    """Upper bounds of up to five quantile classes of the positive values."""
    positive = values[values > 0].dropna()
    if positive.empty:
        return []
    bounds = sorted({float(positive.quantile(q)) for q in (0.2, 0.4, 0.6, 0.8, 1.0)})
    return bounds[-len(CONTEXT_RAMP) :]


def context_colour(value: float, bounds: Sequence[float]) -> str:
    """The ramp colour of a value given the class bounds; pale for no data or zero."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value <= 0:
        return NO_DATA_COLOUR
    offset = len(CONTEXT_RAMP) - len(bounds)
    for i, bound in enumerate(bounds):
        if value <= bound:
            return CONTEXT_RAMP[offset + i]
    return CONTEXT_RAMP[-1]


def _context_value_text(measure: str, value: float, lang: Lang) -> str:
    if measure == "residents":
        return i18n.tn("count.foreign_residents", value, lang)
    if value is None or math.isnan(value):
        return i18n.t("bridges.tip.no_residents", lang)
    # The count as shown (one decimal) decides the form: "1,0 associazione".
    return i18n.tn(
        "bridges.tip.density", round(value, 1), lang, n=formats.format_number(value, lang, 1)
    )


# -- geometry from Ponti's own data -------------------------------------------------------------
def _round(value: Any, decimals: int) -> Any:
    if isinstance(value, float):
        return round(value, decimals)
    if isinstance(value, list | tuple):
        return [_round(v, decimals) for v in value]
    return value


def _largest_parts(geometry: BaseGeometry, min_area: float) -> BaseGeometry:
    parts = list(geometry.geoms) if isinstance(geometry, MultiPolygon) else [geometry]
    keep = [p for p in parts if isinstance(p, Polygon) and p.area >= min_area]
    if not keep:
        keep = [max(parts, key=lambda p: p.area)]
    return MultiPolygon(keep) if len(keep) > 1 else keep[0]


# Countries around Italy are drawn finer: the Italy view shows them at zoom 4-6.
NEAR_ITALY: Final = box(-6.0, 30.0, 30.0, 50.0)


@lru_cache(maxsize=1)
def world_outlines(
    fine: float = 0.02, coarse: float = 0.3, min_area: float = 1.0
) -> dict[str, Any]:
    """Country outlines for the background, from Ponti's own world table: simplified to
    ``fine`` degrees near Italy and ``coarse`` elsewhere (about a pixel of the world view),
    far islands under ``min_area`` square degrees dropped, Italy left out (the Italian layer
    draws it)."""
    world = reference.load_world()
    features = []
    for iso3, shape in zip(world["iso3"], world.geometry, strict=True):
        if iso3 == "ITA" or shape is None or shape.is_empty:
            continue
        near = shape.intersects(NEAR_ITALY)
        kept = _largest_parts(shape, 0.01 if near else min_area)
        simple = kept.simplify(fine if near else coarse, preserve_topology=True)
        geometry = _rounded_geometry(simple, 3 if near else 2)
        features.append({"type": "Feature", "properties": {}, "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def _rounded_geometry(shape: BaseGeometry, decimals: int) -> dict[str, Any]:
    geometry = mapping(shape)
    return {"type": geometry["type"], "coordinates": _round(geometry["coordinates"], decimals)}


def _italian_features(level: str) -> list[dict[str, Any]]:
    collection = (
        reference.regions_geojson(0.01) if level == "region" else reference.provinces_geojson(0.01)
    )
    return [
        {
            "type": "Feature",
            "code": str(feature["properties"][f"{level}_istat"]),
            "name": str(feature["properties"]["name"]),
            "geometry": {
                "type": feature["geometry"]["type"],
                "coordinates": _round(feature["geometry"]["coordinates"], COORD_DECIMALS),
            },
        }
        for feature in collection["features"]
    ]


@lru_cache(maxsize=2)
def _italian_features_cached(level: str) -> tuple[dict[str, Any], ...]:
    return tuple(_italian_features(level))


# -- layers -------------------------------------------------------------------------------------
def _world_layer() -> pdk.Layer:
    return pdk.Layer(
        "GeoJsonLayer",
        id=LAYER_WORLD,
        data=world_outlines(),
        stroked=True,
        filled=True,
        get_fill_color=hex_to_rgb(LAND_COLOUR),
        get_line_color=hex_to_rgb(OUTLINE_COLOUR),
        line_width_min_pixels=0.5,
        pickable=False,
    )


def _italy_layer(filled: bool = True) -> pdk.Layer:
    features = [
        {"type": "Feature", "properties": {}, "geometry": f["geometry"]}
        for f in _italian_features_cached("region")
    ]
    return pdk.Layer(
        "GeoJsonLayer",
        id=LAYER_ITALY,
        data={"type": "FeatureCollection", "features": features},
        stroked=True,
        filled=filled,
        get_fill_color=hex_to_rgb(ITALY_FILL),
        get_line_color=hex_to_rgb(ITALY_LINE),
        line_width_min_pixels=0.6,
        pickable=False,
    )


def area_records(areas: pd.DataFrame, level: str, measure: str, lang: Lang) -> list[dict[str, Any]]:
    """The context layer's areas (every region or province): id, code, name, fill colour
    (hex, by the classes of ``context_classes``), tooltip text and GeoJSON geometry."""
    bounds = context_classes(areas["value"])
    by_code = areas.set_index("code")
    records = []
    for feature in _italian_features_cached(level):
        code = feature["code"]
        value = float(by_code["value"].get(code, float("nan")))
        tip = f"{feature['name']}\n{_context_value_text(measure, value, lang)}"
        if measure == "density" and code in by_code.index:
            tip += "\n" + i18n.t(
                "bridges.tip.density_basis",
                lang,
                associations=i18n.tn(
                    "count.associations", float(by_code["associations"].get(code, 0)), lang
                ),
                residents=i18n.tn(
                    "count.foreign_residents", float(by_code["residents"].get(code, 0)), lang
                ),
            )
        records.append(
            {
                "id": tf.KIND_AREA + tf.SEPARATOR + level + tf.SEPARATOR + code,
                "code": code,
                "name": feature["name"],
                "colour": context_colour(value, bounds),
                "tip": tip,
                "geometry": feature["geometry"],
            }
        )
    return records


def _context_layer(
    areas: pd.DataFrame, level: str, measure: str, lang: Lang, selected: str | None
) -> list[pdk.Layer]:
    records = area_records(areas, level, measure, lang)
    features = [
        {
            "type": "Feature",
            "properties": {"id": r["id"], "tip": r["tip"], "f": hex_to_rgb(r["colour"])},
            "geometry": r["geometry"],
        }
        for r in records
    ]
    halo = [
        {"type": "Feature", "properties": {}, "geometry": r["geometry"]}
        for r in records
        if r["id"] == selected
    ]
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            id=LAYER_CONTEXT,
            data={"type": "FeatureCollection", "features": features},
            stroked=True,
            filled=True,
            get_fill_color="properties.f",
            get_line_color=hex_to_rgb(ITALY_LINE),
            line_width_min_pixels=0.5,
            pickable=True,
        )
    ]
    if halo:
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                id=LAYER_HALO + "-area",
                data={"type": "FeatureCollection", "features": halo},
                stroked=True,
                filled=False,
                get_line_color=hex_to_rgb(HALO_COLOUR),
                line_width_min_pixels=3,
                pickable=False,
            )
        )
    return layers


def _rows(frame: pd.DataFrame) -> Iterator[Any]:
    """The rows of a frame as named tuples (typed loosely: columns vary by frame)."""
    return iter(frame.itertuples(index=False))


def _xy(lon: float, lat: float) -> list[float]:
    return [round(float(lon), COORD_DECIMALS), round(float(lat), COORD_DECIMALS)]


def _width(
    value: float, largest: float, widths: tuple[float, float] = (MIN_WIDTH, MAX_WIDTH)
) -> float:
    """Line width in pixels, linear in the value: the largest arc gets the widest line."""
    share = value / largest if largest > 0 else 0.0
    return round(widths[0] + (widths[1] - widths[0]) * share, 1)


def _link_tip(row: Any, dimension: str, measure: str, lang: Lang, labels: dict[str, str]) -> str:
    lines = [
        f"{row.from_name} → {row.to_name}",
        i18n.t(
            "bridges.tip.link",
            lang,
            associations=i18n.tn("count.associations", row.associations, lang),
            projects=i18n.tn("count.projects", row.projects, lang),
            granted=formats.format_money(row.granted, lang),
        ),
    ]
    if measure == "associations" or row.projects:
        lines.append(
            i18n.t(
                f"bridges.tip.colour.{dimension}",
                lang,
                label=labels[row.category],
            )
        )
    return "\n".join(lines)


def link_records(
    arcs: pd.DataFrame, *, measure: str, dimension: str, lang: Lang
) -> list[dict[str, Any]]:
    """The links layer's rows: id, source, target, width, colour, tooltip text."""
    if arcs.empty:
        return []
    named = arcs.assign(to_name=tf.place_names(arcs, lang))
    largest = float(named["value"].max())
    codes = named["category"].unique()
    labels = {code: category_label(dimension, code, lang) for code in codes}
    colours = {code: hex_to_rgb(category_colour(dimension, code), 180) for code in codes}
    return [
        {
            "id": tf.link_id(tf.KIND_LINK, row.id),
            "s": _xy(row.from_lon, row.from_lat),
            "t": _xy(row.to_lon, row.to_lat),
            "w": _width(float(row.value), largest),
            "c": colours[row.category],
            "tip": _link_tip(row, dimension, measure, lang, labels),
        }
        for row in _rows(named)
    ]


def twinning_records(twinnings: pd.DataFrame, *, lang: Lang) -> list[dict[str, Any]]:
    """The twinnings layer's rows: id, source, target, width, tooltip text."""
    if twinnings.empty:
        return []
    named = twinnings.assign(to_name=tf.place_names(twinnings, lang))
    largest = float(named["twinnings"].max())
    return [
        {
            "id": tf.link_id(tf.KIND_TWINNING, row.id),
            "s": _xy(row.from_lon, row.from_lat),
            "t": _xy(row.to_lon, row.to_lat),
            "w": _width(float(row.twinnings), largest, TWINNING_WIDTHS),
            "tip": "\n".join(
                (
                    f"{row.from_name} → {row.to_name}",
                    i18n.tn(
                        "bridges.tip.twinnings",
                        row.twinnings,
                        lang,
                        partners=", ".join(row.partners[:3])
                        + (" …" if len(row.partners) > 3 else ""),
                    ),
                )
            ),
        }
        for row in _rows(named)
    ]


def _radius(value: float, largest: float) -> float:
    # Square root so that the AREA of a circle follows the count.
    share = math.sqrt(value / largest) if largest > 0 else 0.0
    return round(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * share, 1)


def point_records(points: pd.DataFrame, *, lang: Lang) -> list[dict[str, Any]]:
    """The association points' rows: id, position, radius (pixels), tooltip text."""
    if points.empty:
        return []
    largest = float(points["associations"].max())
    return [
        {
            "id": row.id,
            "p": _xy(row.lon, row.lat),
            "r": _radius(float(row.associations), largest),
            "tip": i18n.tn("bridges.tip.point", row.associations, lang, name=row.name),
        }
        for row in _rows(points)
    ]


def _arc_layer(layer_id: str, records: list[dict[str, Any]], **style: Any) -> pdk.Layer:
    return pdk.Layer(
        "ArcLayer",
        id=layer_id,
        data=records,
        get_source_position="s",
        get_target_position="t",
        get_width="w",
        width_units=PIXELS,
        pickable=True,
        auto_highlight=True,
        **style,
    )


# Arc heights per view: near the ground in the Italy view, where arcs to far places would
# otherwise rise past the camera; twinnings flatter and tilted so they never hide under links.
ARC_SHAPES: Final[dict[str, dict[str, dict[str, float]]]] = {
    "world": {"links": {"get_height": 0.5}, "twinnings": {"get_height": 0.2, "get_tilt": 20}},
    # In the Italy view most links leave the map: lighter arcs keep the places and the
    # background layer readable.
    "italy": {
        "links": {"get_height": 0.04, "opacity": 0.35},
        "twinnings": {"get_height": 0.0, "get_tilt": 0},
    },
}


def _halo_layers(
    selected: str | None,
    shapes: dict[str, dict[str, float]],
    links: list[dict[str, Any]],
    twinnings: list[dict[str, Any]],
    points: list[dict[str, Any]],
) -> list[pdk.Layer]:
    """A dark band under the selected arc, or a ring round the selected point."""
    if not selected:
        return []
    layers = []
    for records, arc_shape in ((links, shapes["links"]), (twinnings, shapes["twinnings"])):
        # The halo keeps full strength even where the arcs themselves are drawn light.
        shape = {key: value for key, value in arc_shape.items() if key != "opacity"}
        band = [{"s": r["s"], "t": r["t"], "w": r["w"] + 6} for r in records if r["id"] == selected]
        if band:
            layers.append(
                pdk.Layer(
                    "ArcLayer",
                    id=LAYER_HALO,
                    data=band,
                    get_source_position="s",
                    get_target_position="t",
                    get_width="w",
                    width_units=PIXELS,
                    get_source_color=hex_to_rgb(HALO_COLOUR, 150),
                    get_target_color=hex_to_rgb(HALO_COLOUR, 150),
                    pickable=False,
                    **shape,
                )
            )
    rings = [{"p": r["p"], "r": r["r"] + 5} for r in points if r["id"] == selected]
    if rings:
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                id=LAYER_HALO + "-point",
                data=rings,
                get_position="p",
                get_radius="r",
                radius_units=PIXELS,
                stroked=True,
                filled=False,
                get_line_color=hex_to_rgb(HALO_COLOUR),
                line_width_min_pixels=3,
                pickable=False,
            )
        )
    return layers


END_COLUMNS: Final = ("from_lon", "from_lat", "to_lon", "to_lat")


def drawn_ends(
    links: Sequence[dict[str, Any]],
    twinnings: Sequence[dict[str, Any]],
    points: Sequence[dict[str, Any]],
) -> pd.DataFrame:
    """The ends of the drawn records (arcs' "s" and "t", points' "p") as an extent frame."""
    rows = [(*r["s"], *r["t"]) for r in (*links, *twinnings)]
    rows += [(*r["p"], *r["p"]) for r in points]
    return pd.DataFrame(rows, columns=list(END_COLUMNS), dtype=float)


def opening_view(view: str, ends: pd.DataFrame, size: tuple[int, int] = MAP_SIZE) -> pdk.ViewState:
    """The view that fits the ends of an extent frame (``tf.map_extent``, ``drawn_ends``).

    World view: both ends of every link. Italy view: the Italian ends only (links start in
    Italy), so that a city's links to far places do not zoom the map out. No ends: the
    preset's fixed view.
    """
    preset = view if view in VIEW_STATES else "world"
    lons, lats = list(ends["from_lon"]), list(ends["from_lat"])
    if preset == "world":
        lons += list(ends["to_lon"])
        lats += list(ends["to_lat"])
    low, high = ZOOM_LIMITS[preset]
    return fit_view(
        lons, lats, size=size, fallback=VIEW_STATES[preset], min_zoom=low, max_zoom=high
    )


@dataclass(frozen=True)
class MapLayers:
    """The data of each switchable layer; None when the layer is off."""

    links: pd.DataFrame | None = None
    twinnings: pd.DataFrame | None = None
    points: pd.DataFrame | None = None
    areas: pd.DataFrame | None = None
    # Where the map opens (``tf.map_extent``): every end the view can draw, whatever the
    # layers shown; None fits what is drawn.
    extent: pd.DataFrame | None = None

    def draws_nothing(self) -> bool:
        """True when some layer is on but none has anything to draw under the filters (with
        every layer switched off, the bare map is what was asked for)."""
        shown = [f for f in (self.links, self.twinnings, self.points) if f is not None]
        if self.areas is not None:
            values = self.areas["value"] if "value" in self.areas else pd.Series(dtype=float)
            if (values.fillna(0) > 0).any():
                return False
            shown.append(self.areas.iloc[0:0])
        return bool(shown) and all(frame.empty for frame in shown)


def bridges_deck(
    layers: MapLayers,
    *,
    measure: str,
    dimension: str,
    context: str = "none",
    level: str = "region",
    view: str = "world",
    lang: Lang,
    map_style: str = BLANK_STYLE,
    selected: str | None = None,
    size: tuple[int, int] = MAP_SIZE,
) -> pdk.Deck:
    """The Bridges deck: outlines, optional choropleth, links, twinnings, points, halo;
    ``size`` is the map's width and height on the page, which its opening view is fitted to.

    The map opens on the extent of the filtered data (``layers.extent``, else what is drawn):
    every end in the world view, the Italian ends in the Italy view. A click, a layer switch
    or another measure leave the extent as it is, so they never move the map.
    """
    links = (
        link_records(layers.links, measure=measure, dimension=dimension, lang=lang)
        if layers.links is not None
        else []
    )
    twinnings = (
        twinning_records(layers.twinnings, lang=lang) if layers.twinnings is not None else []
    )
    points = point_records(layers.points, lang=lang) if layers.points is not None else []

    # Ponti's own outlines are the map; over an internet basemap only Italy's borders remain.
    offline = map_style == BLANK_STYLE
    deck_layers: list[pdk.Layer] = [_world_layer()] if offline else []
    if layers.areas is not None and context != "none":
        deck_layers += _context_layer(layers.areas, level, context, lang, selected)
    else:
        deck_layers.append(_italy_layer(filled=offline))
    shapes = ARC_SHAPES.get(view, ARC_SHAPES["world"])
    halo = _halo_layers(selected, shapes, links, twinnings, points)
    deck_layers += [layer for layer in halo if layer.id == LAYER_HALO]
    if layers.twinnings is not None:
        deck_layers.append(
            _arc_layer(
                LAYER_TWINNINGS,
                twinnings,
                get_source_color=hex_to_rgb(TWINNING_COLOUR, 230),
                get_target_color=hex_to_rgb(TWINNING_COLOUR, 230),
                **shapes["twinnings"],
            )
        )
    if layers.links is not None:
        deck_layers.append(
            _arc_layer(
                LAYER_LINKS, links, get_source_color="c", get_target_color="c", **shapes["links"]
            )
        )
    if layers.points is not None:
        deck_layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                id=LAYER_POINTS,
                data=points,
                get_position="p",
                get_radius="r",
                radius_units=PIXELS,
                get_fill_color=hex_to_rgb(POINT_COLOUR, 200),
                get_line_color=[255, 255, 255, 255],
                stroked=True,
                line_width_min_pixels=1,
                pickable=True,
                auto_highlight=True,
            )
        )
    deck_layers += [layer for layer in halo if layer.id != LAYER_HALO]
    return CompactDeck(
        layers=deck_layers,
        initial_view_state=opening_view(
            view,
            layers.extent if layers.extent is not None else drawn_ends(links, twinnings, points),
            size,
        ),
        map_style=map_style,
        # "text", never "html": every name and number is shown as text, not as markup.
        tooltip={"text": "{tip}"},
    )


# -- legend and text alternative -------------------------------------------------------------------
@dataclass(frozen=True)
class LegendEntry:
    """One key of the legend: what a colour, width or size means."""

    label: str
    colour: str
    shape: str = "line"  # "line" (arc), "thin"/"thick" (width), "dot", "square"
    size: float = 0.0


@dataclass(frozen=True)
class LegendSection:
    """A titled group of legend entries (one per encoding)."""

    title: str
    entries: tuple[LegendEntry, ...]


def legend_sections(
    layers: MapLayers,
    *,
    measure: str,
    dimension: str,
    context: str = "none",
    lang: Lang,
) -> list[LegendSection]:
    """A legend section for every encoding on screen: colour, width, twinnings, size, fill."""
    sections: list[LegendSection] = []
    t = i18n.t
    if layers.links is not None and not layers.links.empty:
        present = set(layers.links["category"])
        order = tf.category_order(dimension)
        codes = sorted(present, key=lambda code: order.get(code, len(order)))
        sections.append(
            LegendSection(
                t(f"bridges.legend.colour.{dimension}", lang),
                tuple(
                    LegendEntry(category_label(dimension, c, lang), category_colour(dimension, c))
                    for c in codes
                ),
            )
        )
        low, high = float(layers.links["value"].min()), float(layers.links["value"].max())
        widths = [
            LegendEntry(format_measure(high, measure, lang), POINT_COLOUR, "thick", MAX_WIDTH)
        ]
        if low < high:
            widths.insert(
                0, LegendEntry(format_measure(low, measure, lang), POINT_COLOUR, "thin", MIN_WIDTH)
            )
        sections.append(LegendSection(t(f"bridges.legend.width.{measure}", lang), tuple(widths)))
    if layers.twinnings is not None and not layers.twinnings.empty:
        sections.append(
            LegendSection(
                t("bridges.legend.twinnings", lang),
                (LegendEntry(t("bridges.legend.twinning", lang), TWINNING_COLOUR, "line", 4),),
            )
        )
    if layers.points is not None and not layers.points.empty:
        low_count = int(layers.points["associations"].min())
        high_count = int(layers.points["associations"].max())
        sizes = [
            LegendEntry(formats.format_number(high_count, lang), POINT_COLOUR, "dot", MAX_RADIUS)
        ]
        if low_count < high_count:
            sizes.insert(
                0,
                LegendEntry(
                    formats.format_number(low_count, lang), POINT_COLOUR, "dot", MIN_RADIUS
                ),
            )
        sections.append(LegendSection(t("bridges.legend.points", lang), tuple(sizes)))
    if layers.areas is not None and context != "none":
        bounds = context_classes(layers.areas["value"])
        entries = [LegendEntry(t("bridges.legend.no_data", lang), NO_DATA_COLOUR, "square")]
        low = 0.0
        offset = len(CONTEXT_RAMP) - len(bounds)
        decimals = 1 if context == "density" else 0
        for i, bound in enumerate(bounds):
            entries.append(
                LegendEntry(
                    t(
                        "bridges.legend.range",
                        lang,
                        low=formats.format_number(low, lang, decimals),
                        high=formats.format_number(bound, lang, decimals),
                    ),
                    CONTEXT_RAMP[offset + i],
                    "square",
                )
            )
            low = bound
        sections.append(LegendSection(t(f"bridges.legend.context.{context}", lang), tuple(entries)))
    return sections


def legend_html(sections: Sequence[LegendSection]) -> str:
    """The legend as small HTML; every label is escaped, so it is shown as text."""
    blocks = []
    for section in sections:
        items = []
        for entry in section.entries:
            colour = html.escape(entry.colour)
            if entry.shape == "dot":
                size = int(entry.size * 2)
                swatch = (
                    f'<span style="display:inline-block;width:{size}px;height:{size}px;'
                    f'border-radius:50%;background:{colour};vertical-align:middle"></span>'
                )
            elif entry.shape == "square":
                swatch = (
                    f'<span style="display:inline-block;width:14px;height:14px;'
                    f'background:{colour};border:1px solid {MUTED};vertical-align:middle"></span>'
                )
            else:
                height = max(1, round(entry.size or 4))
                swatch = (
                    f'<span style="display:inline-block;width:28px;height:{height}px;'
                    f'background:{colour};vertical-align:middle"></span>'
                )
            items.append(
                f'<li style="list-style:none;margin:2px 0">{swatch} {html.escape(entry.label)}</li>'
            )
        blocks.append(
            f'<div style="margin-bottom:8px"><strong>{html.escape(section.title)}</strong>'
            f'<ul style="padding-left:0;margin:4px 0">{"".join(items)}</ul></div>'
        )
    return f'<div class="ponti-legend" style="font-size:0.85rem">{"".join(blocks)}</div>'


def describe_map(
    layers: MapLayers,
    *,
    measure: str,
    dimension: str,
    context: str = "none",
    level: str = "region",
    year: int | None = None,
    lang: Lang,
    top: int = 3,
) -> str:
    """What the map shows, in words, for readers who cannot see it."""
    t, tn = i18n.t, i18n.tn
    sentences = []
    links = layers.links
    if links is not None:
        if links.empty:
            sentences.append(t("bridges.summary.no_links", lang))
        else:
            total = float(links["value"].sum())
            biggest = links.head(top).assign(to_name=tf.place_names(links.head(top), lang))
            largest = "; ".join(
                f"{row.from_name} → {row.to_name} ({measure_text(measure, row.value, lang)})"
                for row in _rows(biggest)
            )
            sentences.append(
                t(
                    "bridges.summary.links",
                    lang,
                    arcs=tn("bridges.count.arcs", len(links), lang),
                    municipalities=tn(
                        "count.municipalities", links[tf.MUNICIPALITY].nunique(), lang
                    ),
                    places=tn("bridges.count.places", links[tf.PLACE].nunique(), lang),
                    measure=t(f"bridges.phrase.{measure}", lang),
                    # An association with several origins is on several arcs: the arcs'
                    # total counts its links, not associations (see "counting.rule").
                    total=(
                        tn("bridges.count.association_links", total, lang)
                        if measure == "associations"
                        else measure_text(measure, total, lang)
                    ),
                    largest=largest,
                )
            )
            top_category = links.groupby("category")["value"].sum().idxmax()
            sentences.append(
                t(
                    "bridges.summary.colour",
                    lang,
                    dimension=t(f"bridges.phrase.{dimension}", lang),
                    label=category_label(dimension, str(top_category), lang),
                )
            )
    if layers.twinnings is not None:
        twinnings = int(layers.twinnings["twinnings"].sum()) if not layers.twinnings.empty else 0
        sentences.append(
            t(
                "bridges.summary.twinnings",
                lang,
                twinnings=tn("count.twinnings", twinnings, lang),
                arcs=tn("bridges.count.arcs", len(layers.twinnings), lang),
            )
        )
    if layers.points is not None:
        associations = int(layers.points["associations"].sum()) if not layers.points.empty else 0
        sentences.append(
            t(
                "bridges.summary.points",
                lang,
                associations=tn("count.associations", associations, lang),
                municipalities=tn("count.municipalities", len(layers.points), lang),
            )
        )
    if layers.areas is not None and context != "none":
        ranked = layers.areas.dropna(subset=["value"]).sort_values("value", ascending=False)
        decimals = 1 if context == "density" else 0
        best = ", ".join(
            f"{row.name} ({formats.format_number(row.value, lang, decimals)})"
            for row in _rows(ranked.head(top))
            if row.value > 0
        )
        sentences.append(
            t(
                f"bridges.summary.context.{context}",
                lang,
                level=t(f"bridges.phrase.{level}", lang),
                year=year if year is not None else "–",
                best=best or "–",
            )
        )
    return " ".join(sentences)
