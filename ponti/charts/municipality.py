"""The municipality profile's charts: its province's largest communities year by year.

Pure builders; every text from data reaches plotly escaped.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ponti import i18n
from ponti.charts.common import GRID_COLOUR, escape_text, layout, separators
from ponti.i18n import Lang

# Okabe-Ito without yellow (thin lines on white): colour-blind-safe, one per community.
LINE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000")


def residents_by_year_line(trend: pd.DataFrame, *, lang: Lang) -> go.Figure:
    """One line per community (``communities_trend``'s frame): residents by year, the
    communities in the order given (largest first), each named at the end of its line."""
    fig = go.Figure()
    for index, country in enumerate(dict.fromkeys(trend["country"])):
        part = trend[trend["country"] == country].sort_values("year")
        name = escape_text(str(country))
        fig.add_scatter(
            x=[int(y) for y in part["year"]],
            y=[int(n) for n in part["residents"]],
            name=name,
            mode="lines+markers",
            line={"color": LINE_COLOURS[index % len(LINE_COLOURS)], "width": 2},
            hovertemplate=f"{name} %{{x}}: %{{y:,}}<extra></extra>",
        )
    layout(fig, height=340)
    fig.update_layout(
        separators=separators(lang),
        legend={"orientation": "h", "y": -0.2},
        xaxis={"title": {"text": escape_text(i18n.t("municipality.trend.year", lang))}, "dtick": 1},
        yaxis={
            "title": {"text": escape_text(i18n.t("municipality.trend.axis", lang))},
            "gridcolor": GRID_COLOUR,
            "rangemode": "tozero",
        },
    )
    return fig
