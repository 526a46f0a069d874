"""Funding charts: the pipeline funnel, stages now, the Sankey of flows, success, timing, years.

Every figure is drawn from one of the small frames of ``ponti.transforms.funding``; hover
texts are written with ``ponti.formats`` so numbers and money read the user's way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import pandas as pd
import plotly.graph_objects as go

from ponti import formats, reference, schema
from ponti.charts.common import (
    FUNDER_TYPE_COLOURS,
    GRID_COLOUR,
    MUTED,
    PALETTE,
    PRIMARY,
    escape_all,
    escape_text,
    format_measure,
    layout,
    rgba,
    separators,
)
from ponti.i18n import Lang, t, tn
from ponti.transforms.funding import NOT_GIVEN, Measure

EXIT_COLOUR: Final = PALETTE[5]  # vermillion
FAINT: Final = "#CBD2D9"
M49_COLOURS: Final[dict[str, str]] = {
    code: PALETTE[i + 1] for i, code in enumerate(schema.M49_REGIONS)
}


def _finish(fig: go.Figure, lang: Lang, height: int) -> go.Figure:
    fig.update_layout(separators=separators(lang))
    return layout(fig, height=height)


# -- the pipeline ---------------------------------------------------------------------------
def projects_reaching_stage_funnel(
    funnel: pd.DataFrame, *, lang: Lang, measure: Measure
) -> go.Figure:
    """The cumulative funnel idea → completed, each stage labelled with its conversion."""
    values = funnel["reached"] if measure == "count" else funnel["reached_eur"]
    shares = funnel["conversion"] if measure == "count" else funnel["conversion_eur"]
    texts = [format_measure(v, measure, lang) for v in values]
    stages = escape_all(funnel["stage_label"])
    hovers = [
        t(
            "funding.funnel.hover",
            lang,
            stage=stage,
            value=text,
            share=formats.format_percent(share, lang),
        )
        for stage, text, share in zip(stages, texts, shares, strict=True)
    ]
    labels = [
        text if pd.isna(share) else f"{text} · → {formats.format_percent(share, lang, 0)}"
        for text, share in zip(texts, shares, strict=True)
    ]
    fig = go.Figure(
        go.Funnel(
            y=stages,
            x=values,
            text=labels,
            textinfo="text",
            textposition="inside",
            customdata=hovers,
            hovertemplate="%{customdata}<extra></extra>",
            marker={"color": PRIMARY},
            connector={"fillcolor": "#dbe9f4"},
        )
    )
    fig.update_yaxes(title=None)
    return _finish(fig, lang, height=380)


def projects_at_stage_bar(stages: pd.DataFrame, *, lang: Lang, measure: Measure) -> go.Figure:
    """Horizontal bars of the projects at each stage now: the main path, then the exits."""
    ordered = stages.iloc[::-1]
    values = ordered["projects"] if measure == "count" else ordered["eur"]
    texts = [format_measure(v, measure, lang) for v in values]
    labels = escape_all(ordered["stage_label"])
    fig = go.Figure(
        go.Bar(
            x=values,
            y=labels,
            orientation="h",
            marker_color=[PRIMARY if p else EXIT_COLOUR for p in ordered["on_path"]],
            text=texts,
            textposition="outside",
            cliponaxis=False,
            customdata=[f"{s}: {v}" for s, v in zip(labels, texts, strict=True)],
            hovertemplate="%{customdata}<extra></extra>",
        )
    )
    largest = float(values.max()) if len(values) else 0.0
    fig.update_xaxes(
        title=t(f"funding.axis.{'projects' if measure == 'count' else 'eur'}", lang),
        # Room on the right for the value written after the longest bar.
        range=[0, max(largest, 1.0) * (1.6 if measure == "eur" else 1.12)],
        showgrid=True,
        gridcolor=GRID_COLOUR,
        separatethousands=True,
    )
    fig.update_yaxes(title=None)
    return _finish(fig, lang, height=380)


# -- flows ------------------------------------------------------------------------------------
# Node names longer than this are cut on the chart (whole in the hover). A funder's or
# programme's name is written between its column and the next, about 90 px on a phone;
# the other columns' names are short (types, stages, regions) or end the chart.
SANKEY_LABEL_CHARS = 30
SANKEY_MIDDLE_CHARS = 16
SUCCESS_LABEL_CHARS = 20


def _short(text: str, limit: int = SANKEY_LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def funding_flows_sankey(paths: pd.DataFrame, *, lang: Lang) -> go.Figure:
    """Sankey funder type → funder or programme → stage → destination from the path table.

    The table's columns say what is drawn: its second column is the middle level
    ("funder" or "programme"), the destination is "region_label" or "sdg_label", and the
    value is "projects" or "eur".
    """
    middle = "funder" if "funder" in paths.columns else "programme"
    dest_label = "region_label" if "region_label" in paths.columns else "sdg_label"
    measure: Measure = "count" if "projects" in paths.columns else "eur"
    value = "projects" if measure == "count" else "eur"
    sdg_colours = reference.sdg_colours()

    def dest_colour(code: str) -> str:
        if code == NOT_GIVEN:
            return FAINT
        if dest_label == "sdg_label":
            return sdg_colours.get(int(code), MUTED)
        return M49_COLOURS.get(code, MUTED)

    # Levels of nodes: (code column, label column, colour of a node from its code).
    levels: list[tuple[str, str, Callable[[str], str]]] = [
        ("funder_type", "funder_type_label", lambda c: FUNDER_TYPE_COLOURS.get(c, FAINT)),
        (middle, middle, lambda c: MUTED),
        (
            "stage",
            "stage_label",
            lambda c: PRIMARY if c in schema.STAGE_PATH else EXIT_COLOUR,
        ),
        ("destination", dest_label, dest_colour),
    ]
    ids: dict[tuple[int, str], int] = {}
    labels: list[str] = []
    shown: list[str] = []
    colours: list[str] = []
    for level, (key, label, colour) in enumerate(levels):
        limit = SANKEY_MIDDLE_CHARS if level == 1 else SANKEY_LABEL_CHARS
        for code, text in dict.fromkeys(zip(paths[key], paths[label], strict=True)):
            ids[(level, str(code))] = len(labels)
            labels.append(str(text))
            shown.append(_short(str(text), limit))
            colours.append(colour(code))
    sources: list[int] = []
    targets: list[int] = []
    amounts: list[float] = []
    for level in range(len(levels) - 1):
        left, right = levels[level][0], levels[level + 1][0]
        links = paths.groupby([left, right], sort=False)[value].sum().reset_index()
        for a, b, amount in zip(links[left], links[right], links[value], strict=True):
            sources.append(ids[(level, str(a))])
            targets.append(ids[(level + 1, str(b))])
            amounts.append(float(amount))
    money = measure == "eur"
    number = "%{value:,.0f}"
    value_format = (f"{number} EUR" if lang == "it" else f"EUR {number}") if money else number
    fig = go.Figure(
        go.Sankey(
            arrangement="snap",
            valueformat=",.0f",
            node={
                # Long names are shortened on the chart (they ran into the next column);
                # the hover shows them whole.
                "label": escape_all(shown),
                "customdata": escape_all(labels),
                "color": colours,
                "pad": 12,
                "thickness": 16,
                "line": {"color": "white", "width": 0.5},
                "hovertemplate": f"%{{customdata}}: {value_format}<extra></extra>",
            },
            link={
                "source": sources,
                "target": targets,
                "value": amounts,
                "color": [rgba(colours[s], 0.35) for s in sources],
                "customdata": [
                    f"{escape_text(labels[s])} → {escape_text(labels[g])}"
                    for s, g in zip(sources, targets, strict=True)
                ],
                "hovertemplate": "%{customdata}: " + value_format + "<extra></extra>",
            },
            textfont={"size": 10},
        )
    )
    return _finish(fig, lang, height=max(460, 22 * len(labels)))


# -- success, timing, years --------------------------------------------------------------------
def success_rate_bar(success: pd.DataFrame, *, lang: Lang) -> go.Figure:
    """Horizontal bars of success rate per funder or programme, with n; few decisions greyed."""
    column = "funder" if "funder" in success.columns else "programme"
    ordered = success.iloc[::-1]
    rates = ordered["success_rate"] * 100
    texts = [formats.format_percent(r, lang, 0) for r in ordered["success_rate"]]
    # n goes with the name, so that the rate after the bar always has room.
    counts = [f" (n={formats.format_number(n, lang)})" for n in ordered["decided"]]
    names = [escape_text(name) + count for name, count in zip(ordered[column], counts, strict=True)]
    # On the axis, long names are cut (whole in the hover): the bars keep room on a phone.
    ticks = [
        escape_text(_short(str(name), SUCCESS_LABEL_CHARS)) + count
        for name, count in zip(ordered[column], counts, strict=True)
    ]
    hovers = [
        t(
            "funding.success.hover",
            lang,
            name=escape_text(row[column]),
            rate=formats.format_percent(row["success_rate"], lang),
            approved=formats.format_number(row["approved"], lang),
            decided=formats.format_number(row["decided"], lang),
        )
        for _, row in ordered.iterrows()
    ]
    fig = go.Figure(
        go.Bar(
            x=rates,
            y=names,
            orientation="h",
            marker_color=[PRIMARY if ok else FAINT for ok in ordered["enough"]],
            text=texts,
            textposition="outside",
            cliponaxis=False,
            customdata=hovers,
            hovertemplate="%{customdata}<extra></extra>",
        )
    )
    fig.update_xaxes(
        title=t("funding.axis.success", lang),
        # Room on the right for the rate written after a full bar.
        range=[0, 118],
        tickvals=[0, 25, 50, 75, 100],
        showgrid=True,
        gridcolor=GRID_COLOUR,
    )
    fig.update_yaxes(
        title=None, automargin=True, tickvals=names, ticktext=ticks, tickfont={"size": 12}
    )
    return _finish(fig, lang, height=max(260, 30 * len(success) + 80))


def decision_days_box(timing: pd.DataFrame, *, lang: Lang) -> go.Figure:
    """One box per funder type from precomputed quartiles of days to decision."""
    hovers = [
        t(
            "funding.timing.hover",
            lang,
            name=escape_text(row["funder_type_label"]),
            days=tn("funding.count.days", round(float(row["days_median"])), lang),
            decisions=tn("funding.count.decisions", row["projects"], lang),
        )
        for _, row in timing.iterrows()
    ]
    fig = go.Figure(
        go.Box(
            x=escape_all(timing["funder_type_label"]),
            lowerfence=timing["days_min"],
            q1=timing["days_q1"],
            median=timing["days_median"],
            q3=timing["days_q3"],
            upperfence=timing["days_max"],
            marker_color=PRIMARY,
            fillcolor=rgba(PRIMARY, 0.25),
            customdata=hovers,
            hoverinfo="text",
            text=hovers,
        )
    )
    fig.update_yaxes(
        title=t("funding.axis.days", lang), showgrid=True, gridcolor=GRID_COLOUR, rangemode="tozero"
    )
    fig.update_xaxes(title=None)
    return _finish(fig, lang, height=380)


def requested_granted_by_year_bar(years: pd.DataFrame, *, lang: Lang) -> go.Figure:
    """Grouped bars per year of submission: EUR requested next to EUR granted."""
    fig = go.Figure()
    for column, colour in (("requested", MUTED), ("granted", PRIMARY)):
        name = t(f"funding.years.{column}", lang)
        fig.add_trace(
            go.Bar(
                x=years["year"].astype(str),
                y=years[column],
                name=name,
                marker_color=colour,
                customdata=[f"{name}: {formats.format_money(v, lang)}" for v in years[column]],
                hovertemplate="%{x} · %{customdata}<extra></extra>",
            )
        )
    fig.update_layout(barmode="group", legend={"orientation": "h", "y": 1.1, "x": 0}, bargap=0.25)
    fig.update_yaxes(
        title=t("funding.axis.eur", lang),
        showgrid=True,
        gridcolor=GRID_COLOUR,
        tickformat=",.0f",  # whole euros with the language's separators, not "7M"
    )
    fig.update_xaxes(title=t("funding.axis.year", lang), type="category")
    return _finish(fig, lang, height=380)
