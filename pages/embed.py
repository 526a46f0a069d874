"""An embedded view (``?embed=true&view=...``), for an iframe on a partner's web page: a title,
headline figures, the view, a short text summary, a link to the same view in Ponti and the
attribution. Read-only: no filter bar, no language switch, no downloads, nothing that writes.

The view's content is made by ``ponti.embed`` from the chart builders the full pages use; this
file lays it out. ``dashboard.py`` runs it as the only page of an embed session.
"""

from __future__ import annotations

import streamlit as st

import widgets
from ponti import formats
from ponti.i18n import t

# Streamlit's own embed mode (embed=true) already hides its header, toolbar and footer; the
# rest of the dashboard's chrome goes here, in embedded views only. Headline figures stand four
# in a row, two a row in a frame narrower than 700 px, so none is cut short ("43,…"); their
# labels wrap instead of being cut.
EMBED_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stSidebarNav"], [data-testid="stHeader"], [data-testid="stToolbar"],
[data-testid="stDecoration"], [data-testid="stStatusWidget"],
.st-key-ponti-embed-height { display: none !important; }
[data-testid="stMainBlockContainer"] {
  padding: 0.75rem 1rem 1rem !important; max-width: none !important;
}
[data-testid="stMain"] h1 { font-size: 1.45rem; line-height: 1.25; padding: 0 0 0.25rem; }
[data-testid="stMain"] h3 { font-size: 1.1rem; padding: 0.5rem 0 0; }
.st-key-ponti-embed-figures > div { flex: 1 1 0 !important; min-width: 0 !important; }
.st-key-ponti-embed-figures [data-testid="stMetric"] { padding: 0.4rem 0.6rem; }
.st-key-ponti-embed-figures [data-testid="stMetricLabel"] p {
  font-size: 0.85rem; white-space: normal; overflow-wrap: anywhere;
}
.st-key-ponti-embed-figures [data-testid="stMetricValue"] { font-size: 1.45rem; }
@media (max-width: 699px) {
  .st-key-ponti-embed-figures > div { flex-basis: calc(50% - 0.5rem) !important; }
  .st-key-ponti-embed-figures [data-testid="stMetricValue"] { font-size: 1.25rem; }
}
</style>"""
PLOTLY_CONFIG = {"displaylogo": False, "displayModeBar": False}
# Maps pan by dragging and zoom with three buttons (no scroll zoom: in a partner's page the
# wheel scrolls the page); drawn in SVG, they appear quickly without a GPU.
MAP_CONFIG = {
    "displaylogo": False,
    "modeBarButtons": [["zoomIn2d", "zoomOut2d", "resetScale2d"]],
    "scrollZoom": False,
}

context = widgets.page_context()
lang = context.lang
content = widgets.embed_view(context)

st.html(EMBED_CSS)
st.title(formats.escape_markdown(content.title), anchor=False)
widgets.demo_notice(context)

if content.problem:
    st.info(content.problem, icon=":material/info:")
else:
    if content.filters:
        st.caption(formats.escape_markdown(content.filters))
    with st.container(horizontal=True, key="ponti-embed-figures"):
        for figure in content.figures:
            st.metric(figure.label, figure.value, border=True)
    if content.facts:
        st.markdown("\n".join(f"- {formats.escape_markdown(fact)}" for fact in content.facts))
    if content.chart is not None and content.legend:
        map_column, legend_column = st.columns([3, 1], gap="medium")
        map_column.plotly_chart(content.chart, config=MAP_CONFIG, alt=content.alt)
        legend_column.html(content.legend)
    elif content.chart is not None:
        st.plotly_chart(content.chart, config=PLOTLY_CONFIG, alt=content.alt)
    elif content.alt:
        st.info(t("chart.empty", lang))
    if content.cards_title:
        st.subheader(content.cards_title, anchor=False)
    for card in content.cards:
        with st.container(border=True):
            st.markdown(f"**{formats.escape_markdown(card.title)}**")
            st.caption(formats.escape_markdown(card.text))
    st.caption(t("embed.summary", lang, text=formats.escape_markdown(content.summary)))
    for note in content.notes:
        st.caption(note)

st.link_button(
    t("embed.open", lang),
    content.link,
    icon=":material/open_in_new:",
    help=t("embed.open.help", lang),
)
widgets.provenance(context)
widgets.report_height()
