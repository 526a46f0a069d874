"""Presentations and images (issue #13): the deck's items, the PowerPoint file, the images.

The deck is read back with python-pptx: slide order and titles, native charts and their
series, tables, pictures, footers and notes, in both languages; series values and takeaways
are recomputed here from the demo data. Tests that draw pictures need Chromium (kaleido
drives it): they are browser tests, and like every browser test they fail, never skip,
without one.
"""

from __future__ import annotations

import io
import re
import time
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches

from ponti import filters as flt
from ponti import formats, i18n, reference, schema
from ponti.charts import agenda as agenda_charts
from ponti.charts import bridges as bridges_charts
from ponti.charts.common import PRIMARY
from ponti.present import deck, images, items
from ponti.store import Store, VersionInfo
from ponti.tables import describe_download
from ponti.transforms import Dataset, apply_filters
from ponti.transforms import associations as associations_tf
from ponti.transforms import bridges as bridges_tf
from ponti.transforms import funding as funding_tf
from ponti.transforms import twinnings as twinnings_tf
from tests.apptest import not_blank, png_size

TODAY = date(2026, 12, 1)
MILANO = "015146"
# Items PowerPoint draws itself or as tables: no Chromium needed.
NATIVE_ITEMS = [
    "headline",
    "goals_by_origin",
    "goals_by_region",
    "gaps",
    "communities",
    "funnel",
    "success",
    "twinnings_timeline",
    "opportunities",
    "association",
]
CHART_ITEMS = {"goals_by_origin", "goals_by_region", "communities", "funnel", "success"}
# A ten-slide deck with every kind of content: the one the benchmark times.
TEN_ITEMS = [
    "headline",
    "bridges_map",
    "sdg_grid",
    "goals_by_origin",
    "communities",
    "funnel",
    "sankey",
    "success",
    "twinnings_map",
    "twinnings_timeline",
]
PICTURE_ITEMS = {"bridges_map", "sdg_grid", "sankey", "twinnings_map"}


@pytest.fixture
def view(demo_store: Store) -> Dataset:
    """The demo data as a page hands it to a builder: filtered (here by nothing)."""
    return apply_filters(Dataset.from_tables(demo_store.read_all()), flt.Filters())


@pytest.fixture
def version(demo_store: Store) -> VersionInfo:
    current = demo_store.current()
    assert current is not None
    return current


def _context(lang: i18n.Lang, data: Dataset, **choices: Any) -> items.ItemContext:
    association = associations_tf.busiest_association(data.associations, data.projects)
    return items.ItemContext(
        lang=lang,
        today=TODAY,
        municipality=choices.get("municipality", MILANO),
        association=choices.get("association", association),
    )


def _deck(data: Dataset, version: VersionInfo, codes: list[str], lang: i18n.Lang, **kw: Any):  # type: ignore[no-untyped-def]
    association = associations_tf.busiest_association(data.associations, data.projects)
    content = deck.build_deck(
        codes,
        data=data,
        title=kw.pop("title", ""),
        lang=lang,
        version=version,
        filters_text=kw.pop("filters_text", ""),
        today=TODAY,
        demo=True,
        municipality=MILANO,
        association=association,
        **kw,
    )
    return Presentation(io.BytesIO(content)), content


def _texts(slide: Any) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def _charts(slide: Any) -> list[Any]:
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def _notes(slide: Any) -> str:
    return str(slide.notes_slide.notes_text_frame.text)


def _colour(fill: Any) -> str:
    return "#" + str(fill.fore_color.rgb)


# -- the items ----------------------------------------------------------------------------------
def test_every_item_is_declared_once_with_a_title_in_both_languages() -> None:
    codes = [item.code for item in items.ITEMS]
    assert len(codes) == len(set(codes))
    assert set(TEN_ITEMS) | set(NATIVE_ITEMS) <= set(codes)
    for item in items.ITEMS:
        assert item.title_key == f"present.item.{item.code}"
        assert items.item_title(item.code, "it") != items.item_title(item.code, "en")
    assert {item.code for item in items.ITEMS if item.image} == PICTURE_ITEMS
    assert {item.code: item.needs for item in items.ITEMS if item.needs} == {
        "opportunities": "municipality",
        "association": "association",
    }


@pytest.mark.parametrize("code", [item.code for item in items.ITEMS])
@pytest.mark.parametrize("lang", ["it", "en"])
def test_every_item_builds_one_kind_of_content_with_a_takeaway_and_notes(
    view: Dataset, code: str, lang: i18n.Lang
) -> None:
    slide = items.build(code, view, _context(lang, view))
    assert slide.code == code and slide.title and slide.takeaway and slide.notes
    assert isinstance(slide.content, items.NativeChart | items.TableContent | items.ImageContent)
    if code in PICTURE_ITEMS:
        assert isinstance(slide.content, items.ImageContent)
        assert slide.content.alt and slide.content.width > slide.content.height
    elif code in CHART_ITEMS | {"twinnings_timeline"}:
        assert isinstance(slide.content, items.NativeChart)
    else:
        assert isinstance(slide.content, items.TableContent)
    # Notes hold figures: at least one number written the language's way.
    assert re.search(r"\d", " ".join(slide.notes))


def test_an_item_says_so_when_the_view_is_empty(view: Dataset) -> None:
    empty = Dataset(
        associations=view.associations.iloc[0:0],
        projects=view.projects.iloc[0:0],
        twinnings=view.twinnings.iloc[0:0],
        residents=view.residents.iloc[0:0],
    )
    for code in ("headline", "sdg_grid", "communities", "funnel", "sankey", "twinnings_map"):
        slide = items.build(code, empty, _context("it", view))
        assert slide.content is None
        assert slide.takeaway == i18n.t("chart.empty", "it")


def test_item_codes_from_a_link_keep_their_order_once_and_drop_unknown_ones() -> None:
    link = ["funnel", "nothing", "headline", "funnel", "sdg_grid"]
    assert items.valid_codes(link) == ["funnel", "headline", "sdg_grid"]


def test_items_that_need_a_choice_refuse_to_build_without_it(view: Dataset) -> None:
    bare = items.ItemContext(lang="it", today=TODAY)
    assert items.missing_choices(["headline", "opportunities", "association"], bare) == [
        "opportunities",
        "association",
    ]
    with pytest.raises(items.MissingChoice):
        items.build("opportunities", view, bare)
    with pytest.raises(KeyError):
        items.build("no_such_item", view, bare)


def test_communities_chart_counts_associations_by_origin(view: Dataset) -> None:
    slide = items.build("communities", view, _context("en", view))
    chart = slide.content
    assert isinstance(chart, items.NativeChart) and chart.kind == "bar"
    # Recomputed here: an association counts under each of its origin countries.
    pairs = view.associations[[schema.A_ID, schema.A_COUNTRIES]].explode(schema.A_COUNTRIES)
    counts = pairs.groupby(schema.A_COUNTRIES)[schema.A_ID].nunique()
    named = pd.DataFrame(
        {"country": [i18n.country_name(c, "en") for c in counts.index], "n": counts.to_numpy()}
    ).sort_values(["n", "country"], ascending=[False, True])
    top = named.head(items.TOP_ROWS)
    assert chart.categories == tuple(top["country"])
    assert chart.series[0].values == tuple(float(n) for n in top["n"])
    assert chart.series[0].colour == PRIMARY
    # The takeaway is true of the data: the first community's share of all associations.
    share = formats.format_percent(top["n"].iloc[0] / len(view.associations), "en", 0)
    assert slide.takeaway.startswith(f"{top['country'].iloc[0]} is the largest community")
    assert f"{share} of all" in slide.takeaway


def test_the_sdg_takeaway_is_the_share_of_granted_funds_recomputed(view: Dataset) -> None:
    slide = items.build("sdg_grid", view, _context("it", view))
    granted = view.projects[schema.P_GRANTED].astype("float64").fillna(0.0)
    goals = view.projects[schema.P_SDGS].map(lambda values: {int(g) for g in values})
    by_goal = {g: float(granted[goals.map(lambda s, g=g: g in s)].sum()) for g in range(1, 18)}
    top = max(by_goal, key=lambda g: (by_goal[g], -g))
    share = formats.format_percent(by_goal[top] / granted.sum(), "it", 0)
    assert slide.takeaway.startswith(f"Il {share} dei fondi concessi va a progetti sull'SDG {top} ")


def test_goals_by_origin_is_stacked_bars_in_official_colours(view: Dataset) -> None:
    slide = items.build("goals_by_origin", view, _context("it", view))
    chart = slide.content
    assert isinstance(chart, items.NativeChart) and chart.stacked and chart.kind == "bar"
    colours = reference.sdg_colours()
    # Recomputed: projects per (destination country, goal), each goal once per project.
    rows = view.projects[[schema.P_ID, schema.P_COUNTRY, schema.P_SDGS]].explode(schema.P_SDGS)
    rows = rows.dropna(subset=[schema.P_SDGS]).drop_duplicates([schema.P_ID, schema.P_SDGS])
    counts = rows.groupby([schema.P_COUNTRY, schema.P_SDGS])[schema.P_ID].nunique()
    names = {i18n.country_name(c, "it"): c for c in rows[schema.P_COUNTRY].unique()}
    for series in chart.series:
        goal = int(series.name.removeprefix("SDG "))
        assert series.colour == colours[goal]
        for category, value in zip(chart.categories, series.values, strict=True):
            assert value == counts.get((names[category], goal), 0), (category, goal)


def test_the_funnel_and_success_charts_carry_the_transforms_figures(view: Dataset) -> None:
    funnel = items.build("funnel", view, _context("en", view)).content
    expected = funding_tf.count_projects_reaching_stage(view.projects, "en")
    assert isinstance(funnel, items.NativeChart) and funnel.kind == "bar"
    assert funnel.categories == tuple(expected["stage_label"])
    assert funnel.series[0].values == tuple(float(v) for v in expected["reached"])
    success = items.build("success", view, _context("en", view)).content
    rates = funding_tf.summarise_success(view.projects, by="funder", lang="en", top=10)
    assert isinstance(success, items.NativeChart) and success.number_format == "0%"
    assert success.series[0].values == tuple(float(v) for v in rates["success_rate"])
    assert len(success.series[0].point_colours) == len(rates)


# -- the deck, without pictures ---------------------------------------------------------------
@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_deck_has_a_title_slide_then_one_slide_per_item_in_order(
    view: Dataset, version: VersionInfo, lang: i18n.Lang
) -> None:
    calls: list[tuple[int, int]] = []
    presentation, content = _deck(
        view,
        version,
        NATIVE_ITEMS,
        lang,
        title="Summit 2026",
        filters_text="Senegal",
        progress=lambda done, total: calls.append((done, total)),
    )
    assert content[:2] == b"PK"  # a zip: the .pptx container
    assert presentation.slide_width == Inches(13.333) and presentation.slide_height == Inches(7.5)
    slides = list(presentation.slides)
    assert len(slides) == 1 + len(NATIVE_ITEMS)
    cover = " ".join(_texts(slides[0]))
    assert "Summit 2026" in cover and "Senegal" in cover and version.version_id in cover
    assert formats.format_date(TODAY, lang) in cover
    assert i18n.t("demo.notice", lang) in cover
    context = _context(lang, view)
    for slide, code in zip(slides[1:], NATIVE_ITEMS, strict=True):
        expected = items.build(code, view, context)
        assert slide.shapes.title.text == expected.title
        texts = _texts(slide)
        assert expected.takeaway in texts
        footer = texts[-1]
        assert version.version_id in footer and i18n.t("download.demo", lang) in footer
        assert formats.format_date(TODAY, lang) in footer
        notes = _notes(slide)
        assert notes.startswith(expected.takeaway) and all(n in notes for n in expected.notes)
        assert version.version_id in notes and "Senegal" in notes
    assert calls[0] == (0, len(NATIVE_ITEMS) + 1) and calls[-1] == (len(NATIVE_ITEMS) + 1,) * 2
    assert [done for done, _ in calls] == list(range(len(NATIVE_ITEMS) + 2))
    assert presentation.core_properties.language == {"it": "it-IT", "en": "en-GB"}[lang]


def test_deck_charts_are_native_with_their_data_and_colours(
    view: Dataset, version: VersionInfo
) -> None:
    presentation, _ = _deck(view, version, ["communities", "goals_by_origin", "success"], "en")
    communities, goals, success = list(presentation.slides)[1:]
    (chart,) = _charts(communities)
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    expected = items.build("communities", view, _context("en", view)).content
    assert isinstance(expected, items.NativeChart)
    plot = chart.plots[0]
    assert tuple(plot.categories) == expected.categories
    assert tuple(plot.series[0].values) == expected.series[0].values
    assert _colour(plot.series[0].format.fill) == PRIMARY.upper()
    assert chart.category_axis.reverse_order  # the first (largest) on top, as on the page
    assert chart.value_axis.tick_labels.number_format == "#,##0"
    tags = {e.get("lang") for e in chart._chartSpace.iter() if e.get("lang") is not None}
    assert tags == {"en-GB"}  # proofed in the deck's language, not python-pptx's US English

    (chart,) = _charts(goals)
    assert chart.chart_type == XL_CHART_TYPE.BAR_STACKED
    colours = reference.sdg_colours()
    for series in chart.plots[0].series:
        goal = int(series.name.removeprefix("SDG "))
        assert _colour(series.format.fill) == colours[goal].upper()

    (chart,) = _charts(success)
    assert chart.value_axis.tick_labels.number_format == "0%"
    assert chart.plots[0].data_labels.number_format == "0%"
    values = chart.plots[0].series[0].values
    assert all(0 <= v <= 1 for v in values)


def test_deck_tables_are_native_and_written_the_languages_way(
    view: Dataset, version: VersionInfo
) -> None:
    for lang, separator in (("it", "."), ("en", ",")):
        presentation, _ = _deck(view, version, ["headline"], lang)
        slide = list(presentation.slides)[1]
        (table,) = [shape.table for shape in slide.shapes if shape.has_table]
        cells = {table.cell(r, 0).text: table.cell(r, 1).text for r in range(1, len(table.rows))}
        assert cells[i18n.t("metric.associations", lang)] == formats.format_number(
            len(view.associations), lang
        )
        assert cells[i18n.t("metric.projects", lang)] == formats.format_number(
            len(view.projects), lang
        )
        requested = round(float(view.projects[schema.P_REQUESTED].sum()))
        assert cells[i18n.t("metric.requested", lang)] == formats.format_number(requested, lang)
        assert separator in cells[i18n.t("metric.requested", lang)]


def test_the_deck_refuses_unknown_items_and_missing_choices(
    view: Dataset, version: VersionInfo
) -> None:
    arguments: dict[str, Any] = {
        "data": view,
        "title": "",
        "lang": "it",
        "version": version,
        "filters_text": "",
        "today": TODAY,
        "demo": True,
    }
    with pytest.raises(KeyError):
        deck.build_deck(["headline", "nothing"], **arguments)
    with pytest.raises(items.MissingChoice):
        deck.build_deck(["opportunities"], **arguments)


def test_line_and_doughnut_charts_are_drawn_natively() -> None:
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    line = items.NativeChart(
        "line",
        ("2020", "2021", "2022"),
        (
            items.Series("A", (1.0, 2.0, 3.0), "#0072B2"),
            items.Series("B", (3.0, 1.0, 0.0), "#E69F00"),
        ),
    )
    doughnut = items.NativeChart(
        "doughnut",
        ("x", "y"),
        (items.Series("S", (0.25, 0.75), "#0072B2", ("#E5243B", "#4C9F38")),),
        number_format="0%",
    )
    drawn = deck.add_chart(slide, line, deck.CONTENT_BOX, "it").chart
    assert drawn.chart_type == XL_CHART_TYPE.LINE_MARKERS and drawn.has_legend
    assert [tuple(s.values) for s in drawn.plots[0].series] == [(1.0, 2.0, 3.0), (3.0, 1.0, 0.0)]
    assert str(drawn.plots[0].series[1].format.line.color.rgb) == "E69F00"
    drawn = deck.add_chart(slide, doughnut, deck.CONTENT_BOX, "it").chart
    assert drawn.chart_type == XL_CHART_TYPE.DOUGHNUT
    points = drawn.plots[0].series[0].points
    assert [str(points[i].format.fill.fore_color.rgb) for i in range(2)] == ["E5243B", "4C9F38"]


def test_filters_in_words_and_file_names() -> None:
    assert deck.filters_in_words([], "en") == i18n.t("download.filters.none", "en")
    described = [("Origin", "Senegal"), ("Years", "2018–2024")]
    assert deck.filters_in_words(described, "en") == "Origin: Senegal · Years: 2018–2024"
    assert deck.deck_file_name(TODAY) == "ponti-deck-2026-12-01.pptx"
    stem = images.map_file_stem("bridges")
    assert images.image_file_name(stem, "png", TODAY) == "ponti-bridges-map-2026-12-01.png"


# -- pictures, as figures (no Chromium) ---------------------------------------------------------
def test_the_wide_sdg_grid_moves_every_tile_and_leaves_the_page_figure_alone(
    view: Dataset,
) -> None:
    from ponti.transforms import agenda as agenda_tf

    page = agenda_charts.goals_grid(agenda_tf.summarise_goals(view, "it"), lang="it")
    before = page.to_json()
    wide = items.wide_goals_grid(page)
    assert page.to_json() == before
    corners = sorted((shape.x0, shape.y0) for shape in wide.layout.shapes)
    expected = sorted((float((g - 1) % 6), float(-((g - 1) // 6))) for g in range(1, 18))
    assert corners == expected
    # Every tile keeps its colour and its number sits in the tile now at its place.
    numbers = [a for a in wide.layout.annotations if str(a.text).startswith("<b>")]
    for shape in wide.layout.shapes:
        inside = [a for a in numbers if shape.x0 <= a.x < shape.x1 and shape.y0 <= a.y < shape.y1]
        assert len(inside) == 1
    assert wide.layout.width > wide.layout.height


def test_an_arc_runs_from_end_to_end_and_bows_north() -> None:
    lons, lats = images.arc_line([12.5, 41.9], [-17.4, 14.7], bend=0.2)
    assert (lons[0], lats[0]) == (12.5, 41.9) and (lons[-1], lats[-1]) == (-17.4, 14.7)
    middle = len(lats) // 2
    straight = (41.9 + 14.7) / 2
    assert lats[middle] > straight  # bowed towards the north


def test_the_static_bridges_map_is_offline_and_framed_like_the_page(view: Dataset) -> None:
    links = bridges_tf.link_arcs(view, "associations", "sdg")
    layers = bridges_charts.MapLayers(
        links=links,
        twinnings=bridges_tf.twinning_arcs(view.twinnings),
        points=bridges_tf.association_points(view.associations),
        extent=bridges_tf.map_extent(view),
    )
    for preset in ("world", "italy"):
        fig = images.bridges_map_figure(layers, view=preset, lang="en")
        # SVG traces only (no WebGL, no plotly geo base layers fetched from the internet).
        assert {trace.type for trace in fig.data} == {"scatter"}
        # Framed on the places the page's map opens on: every end in the world view, the
        # Italian ends in the Italy view, whole, with a margin; north as long as east.
        ends = layers.extent
        (x0, x1), (y0, y1) = fig.layout.xaxis.range, fig.layout.yaxis.range
        lons = [*ends["from_lon"], *(ends["to_lon"] if preset == "world" else [])]
        lats = [*ends["from_lat"], *(ends["to_lat"] if preset == "world" else [])]
        assert x0 < min(lons) and max(lons) < x1
        northings = images._northing(np.asarray(lats, dtype=float))
        assert y0 < northings.min() and northings.max() < y1
        assert (max(lons) - min(lons)) / (x1 - x0) > 0.7  # the places fill the map
        assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.yaxis.scaleratio == 1
        # Outlines are Ponti's own (the world, then Italy's regions, filled), and nothing in
        # the figure points to the internet.
        assert [trace.fill for trace in fig.data[:2]] == ["toself", "toself"]
        assert "http" not in pio.to_json(fig, validate=False)
    legend = {trace.name for trace in fig.data if trace.showlegend is not False}
    dominant = {
        bridges_charts.category_label("sdg", code, "en") for code in links["category"].unique()
    }
    assert dominant <= legend
    # Every arc is drawn: one polyline (ended by a gap) per link.
    drawn = sum(
        int(np.isnan(trace.x).sum())
        for trace in fig.data
        if trace.mode == "lines" and trace.name in dominant
    )
    assert drawn == len(links)


def test_a_maps_ranges_hold_its_places_and_never_zoom_closer_than_the_page() -> None:
    fallback = bridges_charts.VIEW_STATES["world"]
    size = (300, 420)
    # No place: the preset's view.
    assert images.fit_ranges([], [], fallback=fallback, max_zoom=5, size=size) == (
        images.view_ranges(fallback, size)
    )
    # One place (Rome): centred on it, as close as zoom 5 shows 300 x 420 pixels.
    (x0, x1), (y0, y1) = images.fit_ranges([12.5], [41.9], fallback=fallback, max_zoom=5, size=size)
    degrees = 360 / (512 * 2**5)
    assert x1 - x0 == pytest.approx(300 * degrees, abs=0.01)
    assert y1 - y0 == pytest.approx(420 * degrees, abs=0.01)
    assert (x0 + x1) / 2 == pytest.approx(12.5)
    # Dakar to Beijing: both whole, with a tenth of the span to spare on each side.
    (x0, x1), _ = images.fit_ranges(
        [-17.4, 116.4], [14.7, 39.9], fallback=fallback, max_zoom=5, size=size
    )
    assert (x0, x1) == pytest.approx((-17.4 - 13.38, 116.4 + 13.38), abs=0.01)


def test_the_static_twinnings_map_colours_arcs_by_status(view: Dataset) -> None:
    arcs = twinnings_tf.twinning_arcs(view.twinnings)
    fig = images.twinnings_map_figure(arcs, lang="it")
    names = [trace.name for trace in fig.data if trace.mode == "lines" and trace.showlegend]
    present = [c for c in schema.TWINNING_STATUSES if c in set(arcs["status"])]
    assert names == [i18n.label("twinning_status", c, "it") for c in present]
    assert sum(
        int(np.isnan(trace.x).sum()) for trace in fig.data[2:] if trace.mode == "lines"
    ) == len(arcs)


def test_captions_carry_the_downloads_metadata_and_never_touch_the_figure(
    version: VersionInfo,
) -> None:
    metadata = describe_download(
        lang="it", version=version, filters=[("Paese", "Senegal")], today=TODAY
    )
    lines = images.caption_lines(metadata)
    text = " ".join(lines)
    assert version.version_id in text and "Senegal" in text and "1 dic 2026" in text
    assert text.count("Dati dimostrativi") == 1  # the demo notice, not its label twice
    assert all(len(line) <= images.CAPTION_CHARS for line in lines)
    fig = go.Figure(go.Bar(x=["a"], y=[1]))
    before = fig.to_json()
    captioned = images.captioned(fig, title="Titolo <b>", caption_lines=lines)
    assert fig.to_json() == before
    assert "Titolo &lt;b&gt;" in captioned.layout.title.text
    assert version.version_id in captioned.layout.title.subtitle.text
    assert captioned.layout.height > images.DEFAULT_SIZE[1]


# -- pictures, drawn (Chromium) ------------------------------------------------------------------
@pytest.mark.browser
def test_a_ten_slide_deck_has_native_charts_and_sharp_pictures(
    view: Dataset, version: VersionInfo, chromium: str, capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.perf_counter()
    presentation, content = _deck(view, version, TEN_ITEMS, "it")
    seconds = time.perf_counter() - started
    with capsys.disabled():
        print(f"\n[benchmark] ten-slide deck: {seconds:.1f} s, {len(content) / 1e6:.1f} MB")
    slides = list(presentation.slides)
    assert len(slides) == 11
    for slide, code in zip(slides[1:], TEN_ITEMS, strict=True):
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        if code in PICTURE_ITEMS:
            (picture,) = pictures
            body = items.build(code, view, _context("it", view)).content
            assert isinstance(body, items.ImageContent)
            assert png_size(picture.image.blob) == (2 * body.width, 2 * body.height)
            assert picture._element.nvPicPr.cNvPr.get("descr") == body.alt
            not_blank(picture.image.blob)
            # Fitted into the content area, proportions kept.
            assert picture.width <= deck.CONTENT_BOX.width
            assert picture.height <= deck.CONTENT_BOX.height
        else:
            assert not pictures
        assert bool(_charts(slide)) == (code in CHART_ITEMS | {"twinnings_timeline"})
        assert version.version_id in _texts(slide)[-1]


@pytest.mark.browser
def test_images_carry_title_and_provenance(
    view: Dataset, version: VersionInfo, chromium: str, capsys: pytest.CaptureFixture[str]
) -> None:
    metadata = describe_download(lang="en", version=version, filters=[], today=TODAY)
    lines = images.caption_lines(metadata)
    chart = go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 2], marker_color=PRIMARY))
    chart.update_layout(height=400)
    with images.image_server():
        png = images.figure_png(chart, title="Projects by stage", caption_lines=lines)
        svg = images.figure_svg(chart, title="Projects by stage", caption_lines=lines)
        arcs = twinnings_tf.twinning_arcs(view.twinnings)
        started = time.perf_counter()
        map_png = images.figure_png(
            images.twinnings_map_figure(arcs, lang="en"), title="Twinnings", caption_lines=lines
        )
        seconds = time.perf_counter() - started
    with capsys.disabled():
        print(f"\n[benchmark] one map image (PNG, 2x): {seconds:.1f} s")
    width, height = png_size(png)
    captioned = images.captioned(chart, title="Projects by stage", caption_lines=lines)
    assert (width, height) == (2 * captioned.layout.width, 2 * captioned.layout.height)
    assert len(png) > 20_000
    not_blank(png)
    text = svg.decode("utf-8")
    assert text.startswith("<svg") and version.version_id in text
    assert "Projects by stage" in text and "Illustrative data" in text
    assert png_size(map_png)[0] == 2 * images.MAP_IMAGE_SIZE[0]
    assert len(map_png) > 100_000
    not_blank(map_png)


def test_without_a_browser_an_image_fails_with_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(images.RenderError):
        images.render(go.Figure(go.Bar(y=[1])), fmt="png", width=100, height=100, scale=1)
    assert images._shared is None and images._users == 0  # nothing left half-open


@pytest.mark.browser
def test_static_maps_fetch_nothing_from_the_internet(view: Dataset, page) -> None:  # type: ignore[no-untyped-def]
    layers = bridges_charts.MapLayers(
        links=bridges_tf.link_arcs(view, "associations", "sdg"),
        twinnings=bridges_tf.twinning_arcs(view.twinnings),
        points=bridges_tf.association_points(view.associations),
    )
    figures = [
        images.bridges_map_figure(layers, view="italy", lang="it"),
        images.twinnings_map_figure(twinnings_tf.twinning_arcs(view.twinnings), lang="it"),
    ]
    for fig in figures:
        # The same plotly.js kaleido runs, in the test browser that records every request
        # leaving the machine; the outlines and arcs drawn as SVG paths.
        page.set_content(fig.to_html(include_plotlyjs=True, full_html=True), wait_until="load")
        page.wait_for_selector(".scatterlayer .trace path.js-line", timeout=30_000)
        assert page.locator(".scatterlayer .trace").count() >= 4
        page.wait_for_timeout(500)
    assert page.external_requests == []
