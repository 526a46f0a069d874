"""A PowerPoint deck of the current view in one call: ``build_deck(items, ...) -> bytes``.

16:9 slides: a title slide (title, the filters in words, the date, the dataset version), then
one slide per item with its title, the takeaway as a subtitle line, the content and a footer
(source, dataset version, date, the demo label when the demo is shown), and speaker notes with
the key figures. Charts are native PowerPoint charts with their data embedded, so staff can
restyle and edit them; tables are native tables; maps, the Sankey and the SDG grid are
pictures at twice their layout size. One Chromium draws every picture of a deck.

Numbers in texts are written by ``ponti.formats`` in the deck's language. Number formats of
charts are stored locale-free ("#,##0", "0%") and PowerPoint writes them with the reader's
separators, so an Italian Office shows 1.234 and an English one 1,234.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Collection, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_AXIS_CROSSES, XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from ponti import formats
from ponti import provenance as sources
from ponti.charts.common import GRID_COLOUR, INK, MUTED, PALETTE, PRIMARY
from ponti.i18n import Lang, t
from ponti.present import images
from ponti.present.items import (
    ITEMS_BY_CODE,
    ImageContent,
    ItemContext,
    MissingChoice,
    NativeChart,
    SlideContent,
    TableContent,
    build,
    missing_choices,
)
from ponti.store import VersionInfo
from ponti.tables import download_name, is_numeric_column, neutralise, readable_table
from ponti.transforms.common import Dataset

PPTX_MIME: Final = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
FILE_STEM: Final = "ponti-deck"
LANGUAGE_IDS: Final[dict[Lang, MSO_LANGUAGE_ID]] = {
    "it": MSO_LANGUAGE_ID.ITALIAN,
    "en": MSO_LANGUAGE_ID.ENGLISH_UK,
}
LANGUAGE_TAGS: Final[dict[Lang, str]] = {"it": "it-IT", "en": "en-GB"}

# The slide and its regions (16:9, 13.333 x 7.5 in).
SLIDE_WIDTH: Final = Inches(13.333)
SLIDE_HEIGHT: Final = Inches(7.5)
MARGIN: Final = Inches(0.5)
INNER_WIDTH: Final = SLIDE_WIDTH - 2 * MARGIN


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in EMU."""

    left: int
    top: int
    width: int
    height: int


TITLE_BOX: Final = Box(MARGIN, Inches(0.3), INNER_WIDTH, Inches(0.75))
TAKEAWAY_BOX: Final = Box(MARGIN, Inches(1.05), INNER_WIDTH, Inches(0.6))
CONTENT_BOX: Final = Box(MARGIN, Inches(1.75), INNER_WIDTH, Inches(4.95))
FOOTER_BOX: Final = Box(MARGIN, Inches(6.85), INNER_WIDTH, Inches(0.45))
TABLE_ROW_HEIGHT: Final = Inches(0.4)
# The default template's layouts: a title slide, and a slide with a title only.
TITLE_LAYOUT: Final = 0
TITLE_ONLY_LAYOUT: Final = 5

_CHART_TYPES: Final[dict[tuple[str, bool], Any]] = {
    ("bar", False): XL_CHART_TYPE.BAR_CLUSTERED,
    ("bar", True): XL_CHART_TYPE.BAR_STACKED,
    ("column", False): XL_CHART_TYPE.COLUMN_CLUSTERED,
    ("column", True): XL_CHART_TYPE.COLUMN_STACKED,
    ("line", False): XL_CHART_TYPE.LINE_MARKERS,
    ("line", True): XL_CHART_TYPE.LINE_MARKERS_STACKED,
    ("doughnut", False): XL_CHART_TYPE.DOUGHNUT,
    ("doughnut", True): XL_CHART_TYPE.DOUGHNUT,
}

Progress = Callable[[int, int], None]


def _rgb(colour: str) -> RGBColor:
    value = colour.lstrip("#")
    red, green, blue = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return RGBColor(red, green, blue)  # type: ignore[no-untyped-call]  # python-pptx


def filters_in_words(described: Sequence[tuple[str, str]], lang: Lang) -> str:
    """The filters as one line ("Paese o area di origine: Senegal · Anni: 2018–2024"), from
    ``filters.describe_filters``; "Nessun filtro" style text when there is none."""
    if not described:
        return t("download.filters.none", lang)
    return " · ".join(f"{label}: {values}" for label, values in described)


def deck_file_name(today: date) -> str:
    """``ponti-deck-2026-11-30.pptx``: what and when, like every download."""
    return download_name(FILE_STEM, "pptx", today)


def provenance_line(version: VersionInfo | None, lang: Lang) -> str:
    """ "Versione dati v0003 del 30 nov 2026 · fonte: ..." (as at the foot of every page)."""
    if version is None:
        return t("provenance.empty", lang)
    return sources.version_line(version, lang)


# -- text ------------------------------------------------------------------------------------------
def _write(
    frame: Any,
    lines: Sequence[str],
    *,
    lang: Lang,
    size: int,
    bold: bool = False,
    colour: str = INK,
    align: Any = PP_ALIGN.LEFT,
) -> None:
    """Replace a text frame's text with ``lines`` (a paragraph each), styled alike."""
    frame.clear()
    frame.word_wrap = True
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = _rgb(colour)
        run.font.language_id = LANGUAGE_IDS[lang]


def _text_box(
    slide: Any, box: Box, lines: Sequence[str], *, lang: Lang, size: int, **style: Any
) -> Any:
    shape = slide.shapes.add_textbox(box.left, box.top, box.width, box.height)
    shape.text_frame.vertical_anchor = MSO_ANCHOR.TOP
    _write(shape.text_frame, lines, lang=lang, size=size, **style)
    return shape


def _place(shape: Any, box: Box) -> None:
    shape.left, shape.top, shape.width, shape.height = box.left, box.top, box.width, box.height


# -- content ---------------------------------------------------------------------------------------
def add_chart(slide: Any, chart: NativeChart, box: Box, lang: Lang) -> Any:
    """A native chart with its data embedded (editable in PowerPoint), coloured as Ponti
    colours it; bars list the first category on top, as the page does."""
    # python-pptx leaves the chart data classes untyped.
    data = CategoryChartData(number_format=chart.number_format)  # type: ignore[no-untyped-call]
    # The data is embedded as a workbook whose writer (xlsxwriter) makes text starting with
    # "=" a formula: names from data are neutralised as in every download.
    data.categories = [neutralise(category) for category in chart.categories]
    for series in chart.series:
        name = str(neutralise(series.name))
        data.add_series(name, list(series.values))  # type: ignore[no-untyped-call]
    frame = slide.shapes.add_chart(
        _CHART_TYPES[(chart.kind, chart.stacked)], box.left, box.top, box.width, box.height, data
    )
    graph = frame.chart
    graph.has_title = False  # the slide's title says what the chart shows
    graph.font.size = Pt(12)
    graph.font.color.rgb = _rgb(INK)
    doughnut = chart.kind == "doughnut"
    graph.has_legend = doughnut or len(chart.series) > 1
    if graph.has_legend:
        graph.legend.position = XL_LEGEND_POSITION.RIGHT if doughnut else XL_LEGEND_POSITION.BOTTOM
        graph.legend.include_in_layout = False
        graph.legend.font.size = Pt(11)
    plot = graph.plots[0]
    _colour_series(plot, chart)
    if doughnut or not chart.stacked:
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format = chart.number_format
        labels.number_format_is_linked = False
        labels.font.size = Pt(11)
        if chart.kind in ("bar", "column"):
            labels.position = XL_LABEL_POSITION.OUTSIDE_END
    if chart.kind in ("bar", "column"):
        plot.gap_width = 60
        if chart.stacked:
            plot.overlap = 100
    if not doughnut:
        _shape_axes(graph, chart)
    # python-pptx writes chart text as US English: proof it in the deck's language.
    for element in graph._chartSpace.iter():
        if element.get("lang") is not None:
            element.set("lang", LANGUAGE_TAGS[lang])
    return frame


def _colour_series(plot: Any, chart: NativeChart) -> None:
    if chart.kind == "doughnut":
        plot.vary_by_categories = True
        series = chart.series[0]
        colours = series.point_colours or tuple(
            PALETTE[i % len(PALETTE)] for i in range(len(chart.categories))
        )
        for point, colour in zip(plot.series[0].points, colours, strict=False):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _rgb(colour)
        return
    plot.vary_by_categories = False
    for drawn, series in zip(plot.series, chart.series, strict=True):
        if chart.kind == "line":
            drawn.format.line.color.rgb = _rgb(series.colour)
            drawn.format.line.width = Pt(2.5)
            drawn.smooth = False
            drawn.marker.format.fill.solid()
            drawn.marker.format.fill.fore_color.rgb = _rgb(series.colour)
            continue
        drawn.format.fill.solid()
        drawn.format.fill.fore_color.rgb = _rgb(series.colour)
        for point, colour in zip(drawn.points, series.point_colours, strict=False):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _rgb(colour)


def _shape_axes(graph: Any, chart: NativeChart) -> None:
    values, categories = graph.value_axis, graph.category_axis
    values.has_major_gridlines = True
    values.major_gridlines.format.line.color.rgb = _rgb(GRID_COLOUR)
    values.format.line.fill.background()
    values.tick_labels.number_format = chart.number_format
    values.tick_labels.number_format_is_linked = False
    values.tick_labels.font.size = Pt(11)
    values.tick_labels.font.color.rgb = _rgb(MUTED if chart.kind != "line" else INK)
    if chart.number_format.endswith("%"):
        values.minimum_scale = 0
        values.maximum_scale = 1
    if chart.axis_title:
        values.has_title = True
        values.axis_title.text_frame.text = chart.axis_title
        values.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(11)
        values.axis_title.text_frame.paragraphs[0].runs[0].font.bold = False
    categories.tick_labels.font.size = Pt(11)
    categories.format.line.color.rgb = _rgb(MUTED)
    if chart.kind == "bar":
        # PowerPoint draws a bar chart's first category at the bottom: reversed, the first
        # is on top as on the page, and the value axis is kept at the foot (it crosses the
        # category axis at its last category, now the lowest).
        categories.reverse_order = True
        value_axis = values._element
        value_axis._remove_crosses()
        value_axis._remove_crossesAt()
        value_axis._add_crosses(val=XL_AXIS_CROSSES.MAXIMUM)


def add_table(slide: Any, table: pd.DataFrame, box: Box, lang: Lang) -> Any:
    """A native table: the public table written the reader's way, headings on Ponti blue,
    numbers right-aligned, columns as wide as their longest text allows."""
    shown = readable_table(table, lang)
    rows, columns = len(shown) + 1, len(shown.columns)
    height = min(box.height, TABLE_ROW_HEIGHT * rows)
    frame = slide.shapes.add_table(rows, columns, box.left, box.top, box.width, height)
    grid = frame.table
    size = 12 if columns <= 6 else 11
    # A column is as wide as its longest cell, or its heading's longest word (headings wrap
    # between words), within bounds.
    weights = [
        min(max(6, 2 + max(map(len, str(name).split())), *(len(str(v)) for v in shown[name])), 40)
        for name in shown.columns
    ]
    for position, weight in enumerate(weights):
        grid.columns[position].width = Emu(int(box.width * weight / sum(weights)))
    numeric = [is_numeric_column(table.iloc[:, i]) for i in range(columns)]
    for position, name in enumerate(shown.columns):
        cell = grid.cell(0, position)
        cell.fill.solid()
        cell.fill.fore_color.rgb = _rgb(PRIMARY)
        align = PP_ALIGN.RIGHT if numeric[position] else PP_ALIGN.LEFT
        _write(
            cell.text_frame,
            [str(name)],
            lang=lang,
            size=size,
            bold=True,
            colour="#FFFFFF",
            align=align,
        )
    for row in range(len(shown)):
        for position in range(columns):
            cell = grid.cell(row + 1, position)
            align = PP_ALIGN.RIGHT if numeric[position] else PP_ALIGN.LEFT
            _write(
                cell.text_frame, [str(shown.iat[row, position])], lang=lang, size=size, align=align
            )
    return frame


def add_picture(slide: Any, content: ImageContent, box: Box, png: bytes) -> Any:
    """The picture fitted into the box (centred, its proportions kept), described for
    screen readers by its alt text."""
    ratio = content.width / content.height
    width, height = box.width, int(box.width / ratio)
    if height > box.height:
        width, height = int(box.height * ratio), box.height
    left = box.left + (box.width - width) // 2
    picture = slide.shapes.add_picture(io.BytesIO(png), left, box.top, width, height)
    picture._element.nvPicPr.cNvPr.set("descr", content.alt)
    return picture


# -- slides -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class DeckText:
    """What every slide repeats: the footer line, the filters line and the language."""

    lang: Lang
    footer: str
    filters: str
    provenance: str


def _title_slide(deck: Any, title: str, lines: Sequence[str], text: DeckText) -> Any:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_LAYOUT])
    heading, subtitle = slide.placeholders[0], slide.placeholders[1]
    _place(heading, Box(MARGIN, Inches(1.6), INNER_WIDTH, Inches(1.8)))
    _place(subtitle, Box(MARGIN, Inches(3.6), INNER_WIDTH, Inches(2.6)))
    _write(heading.text_frame, [title], lang=text.lang, size=40, bold=True)
    _write(subtitle.text_frame, lines, lang=text.lang, size=18, colour=INK)
    _write(slide.notes_slide.notes_text_frame, [title, *lines], lang=text.lang, size=12)
    return slide


def _item_slide(deck: Any, content: SlideContent, text: DeckText, png: bytes | None) -> Any:
    lang = text.lang
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
    heading = slide.shapes.title
    _place(heading, TITLE_BOX)
    heading.text_frame.vertical_anchor = MSO_ANCHOR.TOP
    _write(heading.text_frame, [content.title], lang=lang, size=28, bold=True)
    _text_box(slide, TAKEAWAY_BOX, [content.takeaway], lang=lang, size=18, colour=PRIMARY)
    body = content.content
    if isinstance(body, NativeChart):
        add_chart(slide, body, CONTENT_BOX, lang)
    elif isinstance(body, TableContent):
        add_table(slide, body.table, CONTENT_BOX, lang)
    elif isinstance(body, ImageContent) and png is not None:
        add_picture(slide, body, CONTENT_BOX, png)
    _text_box(slide, FOOTER_BOX, [text.footer], lang=lang, size=10, colour=MUTED)
    notes = [content.takeaway, *content.notes, text.filters, text.provenance]
    _write(slide.notes_slide.notes_text_frame, notes, lang=lang, size=12)
    return slide


def _start_picture(content: SlideContent) -> images.PendingImage | None:
    body = content.content
    if not isinstance(body, ImageContent):
        return None
    return images.start_render(
        body.figure, fmt="png", width=body.width, height=body.height, scale=2
    )


def build_deck(
    items: Sequence[str],
    *,
    data: Dataset,
    title: str,
    lang: Lang,
    version: VersionInfo | None,
    filters_text: str,
    today: date,
    demo: bool,
    progress: Progress | None = None,
    origins: Collection[str] | None = None,
    municipality: str | None = None,
    association: str | None = None,
    bridges_view: str = "world",
) -> bytes:
    """The deck of ``items`` (codes of ``items.ITEMS``, in order) for the filtered ``data``,
    as the bytes of a .pptx file.

    ``filters_text`` says the filters in words (``filters_in_words``); ``origins`` are the
    origin filter's countries (the counting rule of association figures); ``municipality``
    and ``association`` are the choices the "opportunities" and "association" items need.
    ``progress(done, total)`` is called as slides are made (total: the items plus the title
    slide). Raises KeyError for an unknown item and ``MissingChoice`` when an item's choice
    is missing, before any work is done.
    """
    unknown = [code for code in items if code not in ITEMS_BY_CODE]
    if unknown:
        raise KeyError(f"unknown deck items: {unknown}")
    context = ItemContext(
        lang=lang,
        today=today,
        origins=origins,
        municipality=municipality,
        association=association,
        bridges_view=bridges_view,
    )
    missing = missing_choices(items, context)
    if missing:
        raise MissingChoice(f"items without their choice: {missing}")
    total = len(items) + 1
    report = progress or (lambda done, total: None)
    report(0, total)

    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    title = title.strip() or t("present.deck.default_title", lang)
    _describe(deck, title, lang)
    provenance = provenance_line(version, lang)
    made = t("present.deck.made", lang, date=formats.format_date(today, lang))
    footer = " · ".join([provenance, made, *([t("download.demo", lang)] if demo else [])])
    filters = t(
        "present.deck.filters", lang, filters=filters_text or t("download.filters.none", lang)
    )
    text = DeckText(lang=lang, footer=footer, filters=filters, provenance=provenance)
    lines = [filters, made, provenance, *([t("demo.notice", lang)] if demo else [])]
    _title_slide(deck, title, lines, text)
    report(1, total)

    contents = [build(code, data, context) for code in items]
    needs_images = any(isinstance(content.content, ImageContent) for content in contents)
    server: AbstractContextManager[None] = images.image_server() if needs_images else nullcontext()
    with server:
        # Every picture is started at once; slides are made in order as theirs arrive.
        pending = [_start_picture(content) for content in contents]
        try:
            for done, (content, picture) in enumerate(zip(contents, pending, strict=True), 2):
                _item_slide(deck, content, text, picture.result() if picture else None)
                report(done, total)
        finally:
            for picture in pending:
                if picture is not None:
                    picture.cancel()
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _describe(deck: Any, title: str, lang: Lang) -> None:
    properties = deck.core_properties
    properties.title = title
    properties.author = "Ponti"
    properties.language = LANGUAGE_TAGS[lang]
    properties.subject = t("app.tagline", lang)
