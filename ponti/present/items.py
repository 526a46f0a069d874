"""The items a deck can hold, declared once as a table: each has a code (the URL holds codes),
a catalogue title, what it needs besides the filtered data (a municipality, an association)
and a builder that turns the data into one slide's content.

A slide's content (``SlideContent``) is its title, a one-line takeaway computed from the data
("Il 38% dei fondi concessi va a progetti sull'SDG 4"), speaker notes with the key figures,
and ONE of: a native chart (``NativeChart``: PowerPoint draws it, with its data embedded, so
staff can restyle it), a public table (``TableContent``, from ``tables.public_table``) or an
image (``ImageContent``: a plotly figure rasterised for what PowerPoint cannot draw: maps,
the Sankey, the SDG grid). Every figure is made by the transforms and chart builders the pages
use, so a slide says what the page says; every text comes from the catalogue, every number is
written by ``ponti.formats`` in the deck's language.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

import pandas as pd
import plotly.graph_objects as go

from ponti import formats, reference, schema
from ponti.charts import agenda as agenda_charts
from ponti.charts import bridges as bridges_charts
from ponti.charts import funding as funding_charts
from ponti.charts import twinnings as twinnings_charts
from ponti.charts.common import PRIMARY
from ponti.i18n import Lang, label, sdg_name, t, tn
from ponti.present import images
from ponti.tables import public_table
from ponti.transforms import agenda as agenda_tf
from ponti.transforms import associations as associations_tf
from ponti.transforms import bridges as bridges_tf
from ponti.transforms import funding as funding_tf
from ponti.transforms import overview as overview_tf
from ponti.transforms import twinnings as twinnings_tf
from ponti.transforms.common import Dataset

ChartKind = Literal["bar", "column", "line", "doughnut"]
Need = Literal["municipality", "association"]

# Excel number formats (stored locale-free; PowerPoint writes them with the reader's
# separators: 1.234 in an Italian Office, 1,234 in an English one).
COUNT_FORMAT: Final = "#,##0"
PERCENT_FORMAT: Final = "0%"
TOP_ROWS: Final = 10  # bars, heatmap rows and table rows on one slide
TOP_NOTES: Final = 5  # rows listed in the speaker notes
OPPORTUNITIES_SHOWN: Final = 5
GRID_COLUMNS_WIDE: Final = 6  # the SDG grid on a 16:9 slide: six tiles a row, three rows
GRID_TILE_PX: Final = 180
SANKEY_SIZE: Final = (1500, 620)  # about the proportions of a slide's content area


# -- what a slide holds -------------------------------------------------------------------------
@dataclass(frozen=True)
class Series:
    """One series of a native chart: its name, a value per category, its colour, and a colour
    per point when the points differ (bars greyed when a rate rests on few decisions)."""

    name: str
    values: tuple[float, ...]
    colour: str
    point_colours: tuple[str, ...] = ()


@dataclass(frozen=True)
class NativeChart:
    """A chart PowerPoint draws itself, its data embedded: bars (horizontal, first category
    on top), columns, lines or a doughnut."""

    kind: ChartKind
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    number_format: str = COUNT_FORMAT
    stacked: bool = False
    axis_title: str = ""


@dataclass(frozen=True)
class TableContent:
    """A public table (``tables.public_table``: headings in the language, raw values)."""

    table: pd.DataFrame


@dataclass(frozen=True)
class ImageContent:
    """A figure drawn as a picture, at ``width`` x ``height`` layout pixels; ``alt`` says
    what it shows for people who cannot see it."""

    figure: go.Figure
    width: int
    height: int
    alt: str


Content = NativeChart | TableContent | ImageContent


@dataclass(frozen=True)
class SlideContent:
    """One slide: title, the takeaway line, speaker notes, and what it shows (None when the
    view has nothing to show: the takeaway then says so)."""

    code: str
    title: str
    takeaway: str
    notes: tuple[str, ...]
    content: Content | None


@dataclass(frozen=True)
class ItemContext:
    """What a builder needs besides the filtered data: the language, today, the origin
    filter's countries (ISO3, for the counting rule), and an item's own choice."""

    lang: Lang
    today: date
    origins: Collection[str] | None = None
    municipality: str | None = None
    association: str | None = None
    bridges_view: str = "world"


Builder = Callable[[Dataset, ItemContext], SlideContent]


@dataclass(frozen=True)
class Item:
    """A kind of slide: its code, catalogue title, builder, and what it needs."""

    code: str
    title_key: str
    builder: Builder
    needs: Need | None = None
    image: bool = False  # drawn as a picture (needs Chromium)


class MissingChoice(ValueError):
    """An item that needs a municipality or an association was asked for without one."""


# -- small helpers ------------------------------------------------------------------------------
def _share(part: float, whole: float, lang: Lang) -> str:
    return formats.format_percent(part / whole if whole else float("nan"), lang, 0)


def _empty(code: str, title: str, lang: Lang) -> SlideContent:
    return SlideContent(code, title, t("chart.empty", lang), (), None)


def _goal_phrase(goal: int, lang: Lang) -> str:
    return t("present.goal", lang, goal=goal, name=sdg_name(goal, lang))


# -- headline figures ---------------------------------------------------------------------------
def _headline(data: Dataset, context: ItemContext) -> SlideContent:
    lang = context.lang
    title = t("present.item.headline", lang)
    figures = overview_tf.summarise_headline(data, context.origins)
    if not (figures.associations or figures.projects or figures.twinnings):
        return _empty("headline", title, lang)
    rows: list[tuple[str, float, str]] = [
        (
            "metric.associations",
            figures.associations,
            formats.format_number(figures.associations, lang),
        ),
        ("metric.projects", figures.projects, formats.format_number(figures.projects, lang)),
        (
            "metric.origin_countries",
            figures.origin_countries,
            formats.format_number(figures.origin_countries, lang),
        ),
        (
            "metric.municipalities",
            figures.municipalities,
            formats.format_number(figures.municipalities, lang),
        ),
        ("metric.twinnings", figures.twinnings, formats.format_number(figures.twinnings, lang)),
        (
            "metric.requested",
            round(figures.requested_eur),
            formats.format_money(figures.requested_eur, lang),
        ),
        (
            "metric.granted",
            round(figures.granted_eur),
            formats.format_money(figures.granted_eur, lang),
        ),
        (
            "metric.sdgs",
            figures.sdgs_covered,
            t("metric.sdgs.value", lang, covered=figures.sdgs_covered),
        ),
    ]
    frame = pd.DataFrame(
        {"name": [t(key, lang) for key, _, _ in rows], "value": [float(v) for _, v, _ in rows]}
    )
    takeaway = t(
        "present.takeaway.headline",
        lang,
        associations=tn("count.associations", figures.associations, lang),
        countries=tn("present.count.countries", figures.origin_countries, lang),
        municipalities=tn("count.municipalities", figures.municipalities, lang),
        granted=formats.format_money_short(figures.granted_eur, lang),
        projects=tn("count.projects", figures.projects, lang),
    )
    notes = tuple(f"{t(key, lang)}: {text}" for key, _, text in rows)
    return SlideContent(
        "headline",
        title,
        takeaway,
        (*notes, t("counting.rule", lang)),
        TableContent(public_table(frame, lang)),
    )


# -- the bridges map ------------------------------------------------------------------------------
def _bridges_map(data: Dataset, context: ItemContext) -> SlideContent:
    lang = context.lang
    view = context.bridges_view if context.bridges_view in bridges_tf.VIEWS else "world"
    title = t(f"present.title.bridges_map.{view}", lang)
    links = bridges_tf.link_arcs(data, "associations", "sdg", context.origins)
    layers = bridges_charts.MapLayers(
        links=links,
        twinnings=bridges_tf.twinning_arcs(data.twinnings),
        points=bridges_tf.association_points(data.associations),
        extent=bridges_tf.map_extent(data, context.origins),
    )
    if layers.draws_nothing():
        return _empty("bridges_map", title, lang)
    summary = bridges_charts.describe_map(
        layers, measure="associations", dimension="sdg", lang=lang, top=TOP_NOTES
    )
    if links.empty:
        takeaway = t("bridges.summary.no_links", lang)
    else:
        strongest = links.iloc[0]
        place = bridges_tf.place_names(links.head(1), lang).iloc[0]
        takeaway = t(
            "present.takeaway.bridges_map",
            lang,
            arcs=tn("bridges.count.arcs", len(links), lang),
            municipalities=tn(
                "count.municipalities", links[bridges_tf.MUNICIPALITY].nunique(), lang
            ),
            places=tn("bridges.count.places", links[bridges_tf.PLACE].nunique(), lang),
            link=f"{strongest['from_name']} → {place}",
            value=bridges_charts.measure_text("associations", float(strongest["value"]), lang),
        )
    figure = images.bridges_map_figure(layers, view=view, lang=lang)
    width, height = images.MAP_IMAGE_SIZE
    notes = (summary, t("counting.rule", lang))
    return SlideContent(
        "bridges_map", title, takeaway, notes, ImageContent(figure, width, height, summary)
    )


# -- Agenda 2030 ---------------------------------------------------------------------------------
def wide_goals_grid(fig: go.Figure, columns: int = GRID_COLUMNS_WIDE) -> go.Figure:
    """A copy of the Agenda grid (``charts.agenda.goals_grid``) with ``columns`` tiles a row:
    every tile's rectangle, texts and hover point moved from its place in the page's narrow
    grid to its place in a wide one, for a 16:9 slide."""
    wide = go.Figure(fig)
    moves: dict[tuple[int, int], tuple[float, float]] = {}
    for goal in schema.SDG_GOALS:
        x, y = agenda_charts.tile_position(goal)
        row, column = divmod(goal - 1, columns)
        moves[(int(x), int(y))] = (float(column) - x, float(-row) - y)

    def shift(x: float, y: float) -> tuple[float, float]:
        dx, dy = moves.get((int(x // 1), int(y // 1)), (0.0, 0.0))
        return x + dx, y + dy

    for shape in wide.layout.shapes:
        x0, y0 = shape.x0, shape.y0
        x1, y1 = shift(x0, y0)
        shape.update(x0=x1, y0=y1, x1=x1 + (shape.x1 - x0), y1=y1 + (shape.y1 - y0))
    for annotation in wide.layout.annotations:
        annotation.x, annotation.y = shift(annotation.x, annotation.y)
    for trace in wide.data:
        moved = [shift(x, y) for x, y in zip(trace.x, trace.y, strict=True)]
        trace.x, trace.y = [x for x, _ in moved], [y for _, y in moved]
    rows = -(-len(schema.SDG_GOALS) // columns)
    wide.update_xaxes(range=[-0.03, columns])
    wide.update_yaxes(range=[-(rows - 1) - 0.03, agenda_charts.TILE_HEIGHT + 0.03])
    wide.update_layout(width=GRID_TILE_PX * columns, height=agenda_charts.ROW_HEIGHT * rows + 20)
    return wide


def _sdg_grid(data: Dataset, context: ItemContext) -> SlideContent:
    lang = context.lang
    title = t("present.item.sdg_grid", lang)
    summary = agenda_tf.summarise_goals(data, lang)
    if not (summary[agenda_tf.PROJECTS].any() or summary[agenda_tf.ASSOCIATIONS].any()):
        return _empty("sdg_grid", title, lang)
    total = float(pd.to_numeric(data.projects[schema.P_GRANTED], errors="coerce").sum())
    by_granted = summary.sort_values([agenda_tf.GRANTED, agenda_tf.GOAL], ascending=[False, True])
    top = by_granted.iloc[0]
    goal = int(top[agenda_tf.GOAL])
    if total > 0 and float(top[agenda_tf.GRANTED]) > 0:
        takeaway = t(
            "present.takeaway.sdg_grid",
            lang,
            share=_share(float(top[agenda_tf.GRANTED]), total, lang),
            goal=_goal_phrase(goal, lang),
        )
    else:
        ranked, _ = agenda_tf.grid_highlights(summary, top=1)
        goal = ranked[0] if ranked else goal
        projects = int(summary.loc[summary[agenda_tf.GOAL] == goal, agenda_tf.PROJECTS].iloc[0])
        takeaway = t(
            "present.takeaway.sdg_grid.projects",
            lang,
            goal=_goal_phrase(goal, lang),
            projects=tn("count.projects", projects, lang),
        )
    ranked, empty = agenda_tf.grid_highlights(summary, top=TOP_NOTES)
    rows = {int(row[agenda_tf.GOAL]): row for row in summary.to_dict("records")}
    notes = [
        t(
            "present.notes.goal",
            lang,
            goal=_goal_phrase(goal, lang),
            projects=tn("count.projects", int(rows[goal][agenda_tf.PROJECTS]), lang),
            associations=tn("count.associations", int(rows[goal][agenda_tf.ASSOCIATIONS]), lang),
            granted=formats.format_money(rows[goal][agenda_tf.GRANTED], lang),
        )
        for goal in ranked
    ]
    if empty:
        notes.append(t("present.notes.goals_without", lang, goals=", ".join(map(str, empty))))
    notes.append(t("present.notes.goal_rule", lang))
    figure = wide_goals_grid(agenda_charts.goals_grid(summary, lang=lang))
    image = ImageContent(figure, int(figure.layout.width), int(figure.layout.height), takeaway)
    return SlideContent("sdg_grid", title, takeaway, tuple(notes), image)


def goals_by_place_chart(
    matrix: agenda_tf.GoalMatrix, lang: Lang, rows: int = TOP_ROWS
) -> NativeChart:
    """The first ``rows`` rows of a goal matrix as stacked bars: a bar a place, a segment a
    goal in its official colour (only goals with a value in those rows)."""
    values = matrix.values.head(rows)
    colours = reference.sdg_colours()
    series = tuple(
        Series(f"SDG {goal}", tuple(float(v) for v in values[goal]), colours[int(goal)])
        for goal in values.columns
        if float(values[goal].sum()) > 0
    )
    return NativeChart(
        "bar",
        categories=tuple(matrix.labels[:rows]),
        series=series,
        stacked=True,
        axis_title=t("agenda.measure.projects", lang),
    )


def _goals_by_place(code: str, dimension: agenda_tf.Dimension) -> Builder:
    def build(data: Dataset, context: ItemContext) -> SlideContent:
        lang = context.lang
        title = t(f"present.item.{code}", lang)
        pairs = agenda_tf.project_goals(data.projects)
        if pairs.empty:
            return _empty(code, title, lang)
        matrix = agenda_tf.goal_matrix(pairs, dimension, "projects", lang)
        cells = agenda_tf.top_cells(matrix, TOP_NOTES)
        place, goal, value = cells[0]
        takeaway = t(
            "present.takeaway.goals_by_place",
            lang,
            place=place,
            goal=_goal_phrase(goal, lang),
            projects=tn("count.projects", value, lang),
        )
        totals = matrix.row_totals()
        notes = [
            t(
                "present.notes.cell",
                lang,
                place=p,
                goal=_goal_phrase(g, lang),
                projects=tn("count.projects", v, lang),
            )
            for p, g, v in cells
        ]
        notes += [
            t(
                "present.notes.row",
                lang,
                place=name,
                pairs=tn("agenda.count.pairs", int(totals[key]), lang),
            )
            for key, name in list(zip(matrix.keys, matrix.labels, strict=True))[:TOP_NOTES]
        ]
        notes.append(t("present.notes.goal_rule", lang))
        return SlideContent(code, title, takeaway, tuple(notes), goals_by_place_chart(matrix, lang))

    return build


def _gaps(data: Dataset, context: ItemContext) -> SlideContent:
    lang = context.lang
    title = t("present.item.gaps", lang)
    if data.associations.empty:
        return _empty("gaps", title, lang)
    gaps = agenda_tf.find_country_gaps(data, lang, countries=context.origins)
    if gaps.empty:
        return SlideContent("gaps", title, t("present.takeaway.gaps.none", lang), (), None)
    first = gaps.iloc[0]
    takeaway = t(
        "present.takeaway.gaps",
        lang,
        pairs=tn("agenda.count.gap_pairs", len(gaps), lang),
        place=first[agenda_tf.NAME],
        goal=_goal_phrase(int(first[agenda_tf.GOAL]), lang),
        declaring=tn("count.associations", int(first[agenda_tf.DECLARING]), lang),
    )
    shown = gaps.head(TOP_ROWS)
    table = public_table(
        shown,
        lang,
        names={agenda_tf.NAME: "country"},
        columns=[
            agenda_tf.NAME,
            agenda_tf.GOAL,
            agenda_tf.DECLARING,
            agenda_tf.ASSOCIATIONS,
            agenda_tf.RESIDENTS,
            agenda_tf.OTHER_PROJECTS,
        ],
    )
    notes = [
        t(
            "present.notes.gap",
            lang,
            place=row[agenda_tf.NAME],
            goal=_goal_phrase(int(row[agenda_tf.GOAL]), lang),
            examples=row[agenda_tf.EXAMPLES] or "–",
        )
        for _, row in gaps.head(TOP_NOTES).iterrows()
    ]
    return SlideContent(
        "gaps", title, takeaway, (*notes, t("present.notes.gap_rule", lang)), TableContent(table)
    )


# -- communities ---------------------------------------------------------------------------------
def _communities(data: Dataset, context: ItemContext) -> SlideContent:
    lang = context.lang
    title = t("present.item.communities", lang)
    counts = overview_tf.count_associations_by_country(
        data.associations, lang, top=TOP_ROWS, origins=context.origins
    )
    if counts.empty:
        return _empty("communities", title, lang)
    first = counts.iloc[0]
    takeaway = t(
        "present.takeaway.communities",
        lang,
        country=first["country"],
        associations=tn("count.associations", int(first["associations"]), lang),
        share=_share(float(first["associations"]), float(len(data.associations)), lang),
    )
    chart = NativeChart(
        "bar",
        categories=tuple(str(c) for c in counts["country"]),
        series=(
            Series(
                t("metric.associations", lang),
                tuple(float(v) for v in counts["associations"]),
                PRIMARY,
            ),
        ),
        axis_title=t("overview.communities.axis", lang),
    )
    notes = tuple(
        f"{country}: {tn('count.associations', int(n), lang)}"
        for country, n in zip(counts["country"], counts["associations"], strict=True)
    )
    return SlideContent("communities", title, takeaway, (*notes, t("counting.rule", lang)), chart)


# -- funding -------------------------------------------------------------------------------------
def _funnel(data: Dataset, context: ItemContext) -> SlideContent:
    lang = context.lang
    title = t("present.item.funnel", lang)
    if data.projects.empty:
        return _empty("funnel", title, lang)
    funnel = funding_tf.count_projects_reaching_stage(data.projects, lang)
    reached = funnel.set_index("stage")["reached"]
    started, approved = int(reached["idea"]), int(reached["approved"])
    takeaway = t(
        "present.takeaway.funnel",
        lang,
        projects=tn("count.projects", started, lang),
        share=_share(approved, started, lang),
        approved=tn("funding.count.approved", approved, lang),
    )
    chart = NativeChart(
        "bar",
        categories=tuple(str(s) for s in funnel["stage_label"]),
        series=(
            Series(
                t("funding.axis.projects", lang),
                tuple(float(v) for v in funnel["reached"]),
                PRIMARY,
            ),
        ),
        axis_title=t("funding.axis.projects", lang),
    )
    notes = []
    for _, row in funnel.iterrows():
        projects = tn("count.projects", int(row["reached"]), lang)
        if pd.isna(row["conversion"]):
            notes.append(
                t("present.notes.stage.last", lang, stage=row["stage_label"], projects=projects)
            )
        else:
            notes.append(
                t(
                    "present.notes.stage",
                    lang,
                    stage=row["stage_label"],
                    projects=projects,
                    share=formats.format_percent(row["conversion"], lang, 0),
                )
            )
    return SlideContent(
        "funnel", title, takeaway, (*notes, t("present.notes.funnel_rule", lang)), chart
    )


def _sankey(data: Dataset, context: ItemContext) -> SlideContent:
    lang = context.lang
    title = t("present.item.sankey", lang)
    paths = funding_tf.summarise_funding_paths(
        data.projects, middle="funder", destination="region", measure="eur", lang=lang
    )
    if paths.empty:
        return _empty("sankey", title, lang)
    by_type = (
        paths.groupby("funder_type_label")["eur"].sum().sort_values(ascending=False, kind="stable")
    )
    total = float(by_type.sum())
    takeaway = t(
        "present.takeaway.sankey",
        lang,
        funder_type=by_type.index[0],
        share=_share(float(by_type.iloc[0]), total, lang),
        amount=formats.format_money_short(by_type.iloc[0], lang),
        total=formats.format_money_short(total, lang),
    )
    notes = [
        t(
            "present.notes.funder_type",
            lang,
            funder_type=name,
            amount=formats.format_money(value, lang),
            share=_share(float(value), total, lang),
        )
        for name, value in by_type.items()
    ]
    # As wide as a slide's content area and larger text: the page's figure is drawn for a
    # column of the page, and its 10 px names would shrink to nothing on a slide.
    figure = funding_charts.funding_flows_sankey(paths, lang=lang)
    figure.update_traces(textfont={"size": 15}, node={"pad": 8})
    figure.update_layout(width=SANKEY_SIZE[0], height=SANKEY_SIZE[1])
    return SlideContent(
        "sankey",
        title,
        takeaway,
        (*notes, t("present.notes.eur_at_stake", lang)),
        ImageContent(figure, SANKEY_SIZE[0], SANKEY_SIZE[1], takeaway),
    )


def _success(data: Dataset, context: ItemContext) -> SlideContent:
    lang = context.lang
    title = t("present.item.success", lang)
    success = funding_tf.summarise_success(data.projects, by="funder", lang=lang, top=TOP_ROWS)
    if success.empty:
        return _empty("success", title, lang)
    stage = data.projects[schema.P_STAGE]
    decided = int(stage.isin(schema.DECIDED_STAGES).sum())
    approved = int(stage.isin(schema.APPROVED_STAGES).sum())
    takeaway = t(
        "present.takeaway.success",
        lang,
        rate=_share(approved, decided, lang),
        decisions=tn("funding.count.decisions", decided, lang),
    )
    enough = success[success["enough"]].sort_values(
        ["success_rate", "decided", "funder"], ascending=[False, False, True]
    )
    if not enough.empty:
        best = enough.iloc[0]
        takeaway = t(
            "present.takeaway.success.best",
            lang,
            overall=takeaway,
            name=best["funder"],
            rate=formats.format_percent(best["success_rate"], lang, 0),
            decisions=tn("funding.count.decisions", int(best["decided"]), lang),
        )
    chart = NativeChart(
        "bar",
        categories=tuple(
            f"{name} (n={formats.format_number(n, lang)})"
            for name, n in zip(success["funder"], success["decided"], strict=True)
        ),
        series=(
            Series(
                t("funding.success.title", lang),
                tuple(float(v) for v in success["success_rate"]),
                PRIMARY,
                tuple(PRIMARY if ok else funding_charts.FAINT for ok in success["enough"]),
            ),
        ),
        number_format=PERCENT_FORMAT,
        axis_title=t("funding.axis.success", lang),
    )
    notes = tuple(
        t(
            "present.notes.success",
            lang,
            name=row["funder"],
            rate=formats.format_percent(row["success_rate"], lang, 0),
            approved=tn("funding.count.approved", int(row["approved"]), lang),
            decisions=tn("funding.count.decisions", int(row["decided"]), lang),
        )
        for _, row in success.head(TOP_NOTES).iterrows()
    )
    rule = t(
        "present.notes.success_rule",
        lang,
        decisions=tn("funding.count.decisions", funding_tf.MIN_DECIDED, lang),
    )
    return SlideContent("success", title, takeaway, (*notes, rule), chart)


# -- twinnings -----------------------------------------------------------------------------------
def _twinnings_map(data: Dataset, context: ItemContext) -> SlideContent:
    lang = context.lang
    title = t("present.item.twinnings_map", lang)
    arcs = twinnings_tf.twinning_arcs(data.twinnings)
    if arcs.empty:
        return _empty("twinnings_map", title, lang)
    takeaway = t(
        "present.takeaway.twinnings_map",
        lang,
        twinnings=tn("count.twinnings", len(arcs), lang),
        municipalities=tn("count.municipalities", arcs[twinnings_tf.MUNICIPALITY].nunique(), lang),
        partners=tn("twinnings.count.partners", arcs[twinnings_tf.PLACE].nunique(), lang),
        active=formats.format_number(int((arcs["status"] == "active").sum()), lang),
    )
    summary = twinnings_charts.describe_map(arcs, lang=lang)
    figure = images.twinnings_map_figure(arcs, lang=lang)
    width, height = images.MAP_IMAGE_SIZE
    return SlideContent(
        "twinnings_map", title, takeaway, (summary,), ImageContent(figure, width, height, summary)
    )


def _twinnings_timeline(data: Dataset, context: ItemContext) -> SlideContent:
    lang = context.lang
    title = t("present.item.twinnings_timeline", lang)
    frame = twinnings_tf.timeline(data.twinnings, "status")
    if frame.empty:
        return _empty("twinnings_timeline", title, lang)
    years = list(range(int(frame["year"].min()), int(frame["year"].max()) + 1))
    wide = frame.pivot_table(
        index="year", columns="code", values="twinnings", aggfunc="sum", fill_value=0
    )
    wide = wide.reindex(years, fill_value=0)
    series = tuple(
        Series(
            label("twinning_status", code, lang),
            tuple(float(v) for v in wide[code]),
            twinnings_charts.status_colour(code),
        )
        for code in schema.TWINNING_STATUSES
        if code in wide.columns
    )
    per_year = wide.sum(axis=1)
    peak = years[int(per_year.to_numpy().argmax())]  # the first year of the highest count
    takeaway = t(
        "present.takeaway.twinnings_timeline",
        lang,
        first=years[0],
        last=years[-1],
        twinnings=tn("count.twinnings", int(per_year.sum()), lang),
        year=peak,
        peak=tn("count.twinnings", int(per_year[peak]), lang),
    )
    chart = NativeChart(
        "column",
        categories=tuple(str(year) for year in years),
        series=series,
        stacked=True,
        axis_title=t("twinnings.timeline.axis", lang),
    )
    totals = frame.groupby("code")["twinnings"].sum()
    notes = [
        f"{s.name}: {tn('count.twinnings', int(totals[code]), lang)}"
        for s, code in zip(
            series, [c for c in schema.TWINNING_STATUSES if c in wide.columns], strict=True
        )
    ]
    undated = twinnings_tf.undated(data.twinnings)
    if undated:
        notes.append(tn("twinnings.timeline.undated", undated, lang))
    return SlideContent("twinnings_timeline", title, takeaway, tuple(notes), chart)


def _opportunities(data: Dataset, context: ItemContext) -> SlideContent:
    lang = context.lang
    code = context.municipality or ""
    name = twinnings_tf.municipality_name(code)
    title = t("present.title.opportunities", lang, municipality=name)
    pairs = twinnings_tf.opportunity_pairs(data)
    chosen = twinnings_tf.opportunities_for(pairs, code).head(OPPORTUNITIES_SHOWN)
    if chosen.empty:
        return SlideContent(
            "opportunities",
            title,
            t("present.takeaway.opportunities.none", lang, municipality=name),
            (),
            None,
        )
    described = twinnings_tf.describe_opportunities(chosen, lang)
    best = described.iloc[0]
    takeaway = t(
        "present.takeaway.opportunities",
        lang,
        municipality=name,
        place=best["place"],
        score=formats.format_number(best["score"], lang, 1),
    )
    table = public_table(
        described,
        lang,
        columns=["place", "associations", "residents", "ratio", "projects", "precedents", "score"],
    )
    weights = ", ".join(
        f"{t(f'column.{part}', lang)} × {formats.format_number(weight, lang, 1)}"
        for part, weight in twinnings_tf.WEIGHTS.items()
    )
    notes = tuple(f"{row['place']}: {row['why']}" for _, row in described.iterrows())
    return SlideContent(
        "opportunities",
        title,
        takeaway,
        (*notes, t("present.notes.weights", lang, weights=weights)),
        TableContent(table),
    )


def _association(data: Dataset, context: ItemContext) -> SlideContent:
    lang = context.lang
    found = associations_tf.find_association(data.associations, context.association)
    if found is None:
        title = t("present.item.association", lang)
        return SlideContent(
            "association", title, t("present.takeaway.association.none", lang), (), None
        )
    identifier = str(context.association)
    facts = associations_tf.facts_of(found)
    title = t("present.title.association", lang, name=facts.name)
    own = associations_tf.projects_of(data.projects, identifier)
    roles = associations_tf.count_roles(own)
    takeaway = t(
        "present.takeaway.association",
        lang,
        name=facts.name,
        led=tn("association.count.led", roles.led, lang),
        partnered=tn("association.count.partnered", roles.partnered, lang),
        granted=formats.format_money(roles.granted_led, lang),
    )
    rows = associations_tf.projects_table(own, data.associations, lang).head(TOP_ROWS)
    notes = [
        f"{label_text}: {value}"
        for label_text, value in associations_tf.describe_facts(facts, lang)
    ]
    notes.append(
        f"{t('column.municipality', lang)}: {associations_tf.municipality_name(facts.municipality)}"
    )
    origins = [
        " ".join(part for part in (country, f"({', '.join(places)})" if places else "") if part)
        for country, places in associations_tf.origins_of(found, lang)
    ]
    if origins:
        notes.append(f"{t('column.countries', lang)}: {'; '.join(origins)}")
    goals = associations_tf.goals_text(found, lang)
    if goals:
        notes.append(f"{t('column.sdgs', lang)}: {goals}")
    if rows.empty:
        return SlideContent("association", title, takeaway, tuple(notes), None)
    table = public_table(
        rows, lang, columns=["title", "role", "stage", "funder", "granted", "year"]
    )
    return SlideContent("association", title, takeaway, tuple(notes), TableContent(table))


# -- the table of items ---------------------------------------------------------------------------
ITEMS: Final[tuple[Item, ...]] = (
    Item(code="headline", title_key="present.item.headline", builder=_headline),
    Item(
        code="bridges_map", title_key="present.item.bridges_map", builder=_bridges_map, image=True
    ),
    Item(code="sdg_grid", title_key="present.item.sdg_grid", builder=_sdg_grid, image=True),
    Item(
        code="goals_by_origin",
        title_key="present.item.goals_by_origin",
        builder=_goals_by_place("goals_by_origin", "country"),
    ),
    Item(
        code="goals_by_region",
        title_key="present.item.goals_by_region",
        builder=_goals_by_place("goals_by_region", "region"),
    ),
    Item(code="gaps", title_key="present.item.gaps", builder=_gaps),
    Item(code="communities", title_key="present.item.communities", builder=_communities),
    Item(code="funnel", title_key="present.item.funnel", builder=_funnel),
    Item(code="sankey", title_key="present.item.sankey", builder=_sankey, image=True),
    Item(code="success", title_key="present.item.success", builder=_success),
    Item(
        code="twinnings_map",
        title_key="present.item.twinnings_map",
        builder=_twinnings_map,
        image=True,
    ),
    Item(
        code="twinnings_timeline",
        title_key="present.item.twinnings_timeline",
        builder=_twinnings_timeline,
    ),
    Item(
        code="opportunities",
        title_key="present.item.opportunities",
        builder=_opportunities,
        needs="municipality",
    ),
    Item(
        code="association",
        title_key="present.item.association",
        builder=_association,
        needs="association",
    ),
)
ITEMS_BY_CODE: Final[dict[str, Item]] = {item.code: item for item in ITEMS}
ITEM_CODES: Final[tuple[str, ...]] = tuple(ITEMS_BY_CODE)


def item_title(code: str, lang: Lang) -> str:
    """An item's title in the catalogue (what a chooser lists)."""
    return t(ITEMS_BY_CODE[code].title_key, lang)


def valid_codes(values: Iterable[str]) -> list[str]:
    """The item codes among ``values`` (a link's), in their order, each once: unknown codes
    are ignored, as every link's unknown codes are."""
    return list(dict.fromkeys(code for code in values if code in ITEMS_BY_CODE))


def missing_choices(codes: Sequence[str], context: ItemContext) -> list[str]:
    """The codes among ``codes`` whose needed choice (municipality, association) is not set."""
    chosen = {"municipality": context.municipality, "association": context.association}
    return [
        code
        for code in codes
        if (need := ITEMS_BY_CODE[code].needs) is not None and not chosen[need]
    ]


def build(code: str, data: Dataset, context: ItemContext) -> SlideContent:
    """One slide's content for an item of the (already filtered) data.

    Raises KeyError for an unknown code and ``MissingChoice`` when the item needs a
    municipality or an association the context does not name.
    """
    item = ITEMS_BY_CODE[code]
    if missing_choices([code], context):
        raise MissingChoice(f"item {code!r} needs a {item.needs}")
    return item.builder(data, context)
