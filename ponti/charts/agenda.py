"""Agenda 2030 charts: the grid of the 17 goals, goal heatmaps, targets, trend by year.

Goals always wear their official UN colours (``reference.sdg_colours()``).
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Hashable, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ponti import formats, i18n, reference
from ponti.charts.common import (
    FONT,
    GRID_COLOUR,
    INK,
    escape_all,
    escape_text,
    format_measure,
    layout,
    rgba,
    separators,
    short_label,
)
from ponti.filters import YEAR
from ponti.i18n import Lang
from ponti.transforms import agenda as tf

# Three tiles a row: a tile stays about 105 px wide in a phone's 390 px, enough for its
# longest word; six (the UN's poster) would leave 55 px and texts running into each other.
GRID_COLUMNS = 3
ROW_HEIGHT = 140  # px: the number, three lines of name and three of figures
TILE_WIDTH = 0.94
TILE_HEIGHT = 0.9
TILE_NAME_CHARS = 16  # about 96 px of upper-case text at 9-10 px in the narrowest tile
# Small multiples of the trend keep six panels a row: a panel is about 55 px wide on a
# phone, so its title is the goal's number over its name in narrow lines.
TREND_COLUMNS = 6
TREND_TITLE_CHARS = 10


def wrap_words(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters, broken only between words (a word longer than
    the width keeps a line of its own, whole)."""
    return textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False) or [
        text
    ]


def _wrap(text: str, width: int) -> str:
    return "<br>".join(escape_all(wrap_words(text, width)))


def tile_position(goal: int) -> tuple[float, float]:
    """The lower-left corner of a goal's tile: GRID_COLUMNS tiles a row, goal 1 top left."""
    row, column = divmod(int(goal) - 1, GRID_COLUMNS)
    return float(column), float(-row)


def tile_name_lines(name: str) -> list[str]:
    """A goal's name on its tile: upper case, wrapped between words to the tile's width."""
    return wrap_words(name.upper(), TILE_NAME_CHARS)


def _tile_annotations(
    row: Mapping[Hashable, Any], x: float, y: float, lang: Lang, colour: str
) -> list[dict[str, object]]:
    """A tile's three texts: its number, its name under it, its figures at the foot."""
    goal = int(row[tf.GOAL])
    lines = tile_name_lines(str(row[tf.NAME]))
    # The longest words ("IGIENICO-SANITARI") get a size smaller so they stay in the tile.
    name_size = 10 if max(len(line) for line in lines) <= TILE_NAME_CHARS - 1 else 9
    counts = "<br>".join(
        (
            i18n.tn("count.projects", row[tf.PROJECTS], lang),
            i18n.tn("count.associations", row[tf.ASSOCIATIONS], lang),
            f"<b>{formats.format_money_short(row[tf.GRANTED], lang)}</b>",
        )
    )
    top = y + TILE_HEIGHT - 0.04
    return [
        {
            "x": x + 0.04,
            "y": top,
            "text": f"<b>{goal}</b>",
            "font": {"size": 20, "color": colour},
            "xanchor": "left",
            "yanchor": "top",
        },
        {
            # Under the number, across the tile: the name keeps the tile's whole width.
            "x": x + 0.04,
            "y": top - 0.2,
            "text": "<br>".join(escape_all(lines)),
            "font": {"size": name_size, "color": colour},
            "xanchor": "left",
            "yanchor": "top",
            "align": "left",
        },
        {
            "x": x + 0.04,
            "y": y + 0.04,
            "text": counts,
            "font": {"size": 11, "color": colour},
            "xanchor": "left",
            "yanchor": "bottom",
            "align": "left",
        },
    ]


def goals_grid(summary: pd.DataFrame, *, lang: Lang, selected: int | None = None) -> go.Figure:
    """The 17 goals as tiles in official colours: projects, associations and EUR granted.

    Goals without any project are faded so that gaps show; the selected goal is outlined.
    Three tiles a row, the name under the number, wrapped between words: the tiles stay
    readable from a phone (about 105 px a tile) to a wide screen.
    """
    fig = go.Figure()
    shapes: list[dict[str, object]] = []
    annotations: list[dict[str, object]] = []
    hover: list[str] = []
    centres_x: list[float] = []
    centres_y: list[float] = []
    for row in summary.to_dict("records"):
        goal = int(row[tf.GOAL])
        x, y = tile_position(goal)
        empty = int(row[tf.PROJECTS]) == 0
        is_selected = selected is not None and goal == int(selected)
        shapes.append(
            {
                "type": "rect",
                "x0": x,
                "x1": x + TILE_WIDTH,
                "y0": y,
                "y1": y + TILE_HEIGHT,
                "fillcolor": rgba(str(row[tf.COLOUR]), 0.35 if empty else 1.0),
                "line": {"color": INK if is_selected else "rgba(0,0,0,0)", "width": 4},
                "layer": "below",
            }
        )
        annotations += _tile_annotations(row, x, y, lang, INK if empty else "white")
        projects = i18n.tn("count.projects", row[tf.PROJECTS], lang)
        associations = i18n.tn("count.associations", row[tf.ASSOCIATIONS], lang)
        granted = formats.format_money(row[tf.GRANTED], lang)
        requested = formats.format_money(row[tf.REQUESTED], lang)
        centres_x.append(x + TILE_WIDTH / 2)
        centres_y.append(y + TILE_HEIGHT / 2)
        hover.append(
            f"<b>SDG {goal} · {escape_text(row[tf.NAME])}</b><br>{projects}<br>{associations}<br>"
            + i18n.t("agenda.tile.granted", lang, amount=granted)
            + "<br>"
            + i18n.t("agenda.tile.requested", lang, amount=requested)
        )
    fig.add_trace(
        go.Scatter(
            x=centres_x,
            y=centres_y,
            mode="markers",
            marker={"size": 60, "opacity": 0, "symbol": "square"},
            customdata=summary[tf.GOAL].astype(int).tolist(),
            hovertext=hover,
            hoverinfo="text",
            showlegend=False,
        )
    )
    rows = -(-len(summary) // GRID_COLUMNS) or 1
    fig.update_layout(shapes=shapes, annotations=annotations, separators=separators(lang))
    for annotation in fig.layout.annotations:
        annotation.showarrow = False
        annotation.xref = "x"
        annotation.yref = "y"
    fig.update_xaxes(visible=False, range=[-0.03, GRID_COLUMNS], fixedrange=True)
    fig.update_yaxes(visible=False, range=[-(rows - 1) - 0.03, TILE_HEIGHT + 0.03], fixedrange=True)
    return layout(fig, height=ROW_HEIGHT * rows + 20)


def _colour_bar(
    values: pd.DataFrame, measure: tf.Measure, title: str, lang: Lang
) -> dict[str, object]:
    # Under the goal axis, at the foot of the figure (in pixels from the bottom, whatever
    # the number of rows), not beside the cells: on a phone the 17 columns need the width.
    bar: dict[str, object] = {
        "title": {"text": title, "side": "top"},
        "orientation": "h",
        "x": 0,
        "xanchor": "left",
        "y": 0,
        "yref": "container",
        "yanchor": "bottom",
        "len": 180,
        "lenmode": "pixels",
        "thickness": 10,
        "nticks": 5,
        "tickfont": {"size": 10},
    }
    top = float(values.to_numpy().max()) if values.size else 0.0
    if measure != tf.PROJECTS and top > 0:
        # Ticks in thousands, like the cells; round steps of 1, 2 or 5 x 10^n.
        step = 10 ** math.floor(math.log10(top / 4))
        step *= next(m for m in (1, 2, 5, 10) if top / (step * m) <= 5)
        ticks = [step * i for i in range(int(top // step) + 1)]
        bar["tickvals"] = ticks
        bar["ticktext"] = [formats.format_number(v / 1000, lang) for v in ticks]
    return bar


def _cell_text(value: float, measure: tf.Measure, lang: Lang) -> str:
    # Cells are narrow: counts as they are, EUR in thousands (the colour bar says so).
    if not value:
        return ""
    if measure == tf.PROJECTS:
        return formats.format_number(value, lang)
    return formats.format_number(value / 1000, lang, 0 if value >= 1000 else 1)


def goal_heatmap(matrix: tf.GoalMatrix, *, lang: Lang) -> go.Figure:
    """Heatmap of a measure by goal (columns 1..17) and country or region (rows, in order)."""
    values = matrix.values
    goals = [int(g) for g in values.columns]
    colours = reference.sdg_colours()
    text = [[_cell_text(v, matrix.measure, lang) for v in row] for row in values.to_numpy()]
    measure_label = i18n.t(f"agenda.measure.{matrix.measure}", lang)
    scale_label = (
        measure_label
        if matrix.measure == tf.PROJECTS
        else i18n.t("agenda.measure.thousands", lang, measure=measure_label)
    )
    labels = escape_all(matrix.labels)
    hover = [
        [
            f"{label}<br>{escape_text(i18n.sdg_label(goal, lang))}<br>{measure_label}: "
            f"{format_measure(v, matrix.measure, lang, short=True)}"
            for goal, v in zip(goals, row, strict=True)
        ]
        for label, row in zip(labels, values.to_numpy(), strict=True)
    ]
    colour_bar = _colour_bar(values, matrix.measure, _wrap(scale_label, 14), lang)
    fig = go.Figure(
        go.Heatmap(
            z=values.to_numpy().tolist(),
            x=[str(g) for g in goals],
            y=labels,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 9},
            hovertext=hover,
            hoverinfo="text",
            colorscale=[[0.0, "#ffffff"], [0.0001, "#e8f1f8"], [1.0, "#08306b"]],
            xgap=1,
            ygap=1,
            colorbar=colour_bar,
        )
    )
    # Above each column, its goal's number on the official colour (like the SDG icons), sized
    # in pixels so it looks the same for 3 rows or 40; the axis below repeats the numbers.
    fig.update_layout(
        shapes=[
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "ysizemode": "pixel",
                "yanchor": 1,
                "x0": i - 0.48,
                "x1": i + 0.48,
                "y0": 4,
                "y1": 28,
                "fillcolor": colours[goal],
                "line": {"width": 0},
            }
            for i, goal in enumerate(goals)
        ],
        annotations=[
            {
                "xref": "x",
                "yref": "paper",
                "x": i,
                "y": 1,
                "yshift": 16,
                "yanchor": "middle",
                "text": f"<b>{goal}</b>",
                "showarrow": False,
                # Small enough that "17" fits above a column 13 px wide (a phone).
                "font": {"color": "white", "size": 9},
                "hovertext": escape_text(i18n.sdg_label(goal, lang)),
            }
            for i, goal in enumerate(goals)
        ],
        separators=separators(lang),
    )
    fig.update_xaxes(
        title=i18n.t("agenda.axis.goal", lang),
        side="bottom",
        type="category",
        fixedrange=True,
        tickfont={"size": 11},
    )
    # Long names are cut on the axis (whole in the hover), so the cells keep their width.
    fig.update_yaxes(
        autorange="reversed",
        type="category",
        automargin=True,
        tickvals=labels,
        ticktext=escape_all(short_label(label) for label in matrix.labels),
        tickfont={"size": 12},
    )
    fig = layout(fig, height=max(340, 26 * len(matrix.keys) + 190))
    # Room at the foot for the goal axis and, below it, the colour bar.
    fig.update_layout(margin={"t": 40, "b": 110})
    return fig


def projects_by_target_bar(targets: pd.DataFrame, *, goal: int, lang: Lang) -> go.Figure:
    """Projects per official target of one goal, bars in the goal's colour."""
    colour = reference.sdg_colours()[int(goal)]
    fig = go.Figure(
        go.Bar(
            x=escape_all(targets[tf.TARGET].astype(str)),
            y=targets[tf.PROJECTS].tolist(),
            marker_color=colour,
            text=[formats.format_number(v, lang) if v else "" for v in targets[tf.PROJECTS]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{y}<extra></extra>",
        )
    )
    fig.update_xaxes(title=i18n.t("agenda.axis.target", lang), type="category")
    fig.update_yaxes(
        title=i18n.t("agenda.measure.projects", lang), gridcolor=GRID_COLOUR, rangemode="tozero"
    )
    fig.update_layout(separators=separators(lang))
    return layout(fig, height=320)


def _year_ticks(trend: pd.DataFrame) -> list[int]:
    # Round years strictly inside the range: labels of neighbouring panels never touch.
    if trend.empty:
        return []
    first, last = int(trend[YEAR].min()), int(trend[YEAR].max())
    inside = [y for y in range(first + 1, last) if y % 5 == 0]
    return inside or [(first + last) // 2]


def goal_trend_small_multiples(
    trend: pd.DataFrame, *, measure: tf.Measure, lang: Lang
) -> go.Figure:
    """One small panel a goal (official colour), the measure by year, shared axes."""
    colours = reference.sdg_colours()
    goals = sorted(int(g) for g in trend[tf.GOAL].unique()) if not trend.empty else []
    rows = -(-max(len(goals), 1) // TREND_COLUMNS)
    # Wrapped narrow enough that neighbouring titles never run into each other, even on a phone.
    titles = [f"<b>{g}</b><br>" + _wrap(i18n.sdg_name(g, lang), TREND_TITLE_CHARS) for g in goals]
    fig = make_subplots(
        rows=rows,
        cols=TREND_COLUMNS,
        shared_xaxes=True,
        shared_yaxes=True,
        subplot_titles=titles,
        vertical_spacing=0.16,
        horizontal_spacing=0.02,
    )
    measure_label = i18n.t(f"agenda.measure.{measure}", lang)
    for index, goal in enumerate(goals):
        row, column = divmod(index, TREND_COLUMNS)
        series = trend[trend[tf.GOAL] == goal].sort_values(YEAR)
        fig.add_trace(
            go.Scatter(
                x=series[YEAR].tolist(),
                y=series[tf.VALUE].tolist(),
                mode="lines+markers",
                line={"color": colours[goal], "width": 2},
                marker={"size": 4},
                fill="tozeroy",
                fillcolor=rgba(colours[goal], 0.2),
                name=f"SDG {goal}",
                customdata=[format_measure(v, measure, lang, short=True) for v in series[tf.VALUE]],
                hovertemplate=f"SDG {goal} · %{{x}}<br>{measure_label}: %{{customdata}}"
                "<extra></extra>",
                showlegend=False,
            ),
            row=row + 1,
            col=column + 1,
        )
    fig.update_annotations(font={"size": 9, "family": FONT}, yanchor="bottom")
    # Every panel on the same scale, so that goals compare at a glance.
    top = float(trend[tf.VALUE].max()) if not trend.empty else 0.0
    fig.update_yaxes(gridcolor=GRID_COLOUR, range=[0, top * 1.1 or 1], nticks=4)
    fig.update_xaxes(showgrid=False, tickvals=_year_ticks(trend), tickformat="d")
    fig.update_layout(separators=separators(lang))
    fig = layout(fig, height=190 * rows + 60)
    fig.update_layout(margin={"t": 80})
    return fig
