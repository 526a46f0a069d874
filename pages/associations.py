"""Associations: the directory. Search by name or acronym, narrow by themes, networks and
leadership (on top of the shared filters), open a profile from a name.

Page state lives in the URL: the search text in ``as_q``, themes in ``as_theme``, networks in
``as_net``, the women-led and youth-led switches in ``as_women`` and ``as_youth``.
"""

from __future__ import annotations

import streamlit as st

import widgets
from ponti import formats, schema
from ponti.i18n import t, tn
from ponti.transforms import associations as transforms

QUERY_PARAM = "as_q"  # the search text in the URL
SEARCH_KEY = "as_search"  # the text input
TYPED_KEY = "as_typed"  # what the user just typed, handed from the callback to the run


def _on_type() -> None:
    st.session_state[TYPED_KEY] = st.session_state.get(SEARCH_KEY) or ""


context = widgets.page_context()
lang, view = context.lang, context.view
networks = transforms.network_options(context.data.associations)
CONTROLS: widgets.Controls = {
    "as_theme": (schema.THEMES, []),
    "as_net": (tuple(networks), []),
    "as_women": ((False, True), False),
    "as_youth": ((False, True), False),
}

st.title(t("associations.title", lang))
st.caption(t("associations.intro", lang))

# -- search (its text kept in the URL) -----------------------------------------------------------
query = widgets.page_param(QUERY_PARAM) or ""
if TYPED_KEY in st.session_state:
    query = st.session_state.pop(TYPED_KEY)
st.session_state[SEARCH_KEY] = query
st.text_input(
    t("associations.search", lang),
    key=SEARCH_KEY,
    on_change=_on_type,
    placeholder=t("associations.search.placeholder", lang),
    help=t("associations.search.help", lang),
    icon=":material/search:",
)
widgets.keep_page_param(QUERY_PARAM, query.strip() or None)

# -- the directory's own filters ------------------------------------------------------------------
widgets.controls_from_url(CONTROLS)
themes_column, networks_column, flags_column = st.columns([2, 2, 1])
themes = themes_column.multiselect(
    t("associations.themes", lang),
    options=list(schema.THEMES),
    format_func=lambda code: transforms.theme_label(code, lang),
    key="as_theme",
    placeholder=t("associations.choices.placeholder", lang),
)
chosen_networks = networks_column.multiselect(
    t("associations.networks", lang),
    options=networks,
    format_func=lambda code: transforms.network_label(code, lang),
    key="as_net",
    placeholder=t("associations.choices.placeholder", lang),
)
women_led = flags_column.toggle(t("associations.women_led", lang), key="as_women")
youth_led = flags_column.toggle(t("associations.youth_led", lang), key="as_youth")
widgets.controls_to_url(CONTROLS)

choice = transforms.DirectoryChoice(
    query=query,
    themes=tuple(themes),
    networks=tuple(chosen_networks),
    women_led=bool(women_led),
    youth_led=bool(youth_led),
)
found = transforms.filter_directory(view.associations, choice)

# -- the table -----------------------------------------------------------------------------------
total = formats.format_number(len(context.data.associations), lang)
st.markdown(f"**{tn('associations.count', len(found), lang, total=total)}**")
if found.empty:
    st.info(t("associations.none", lang))
else:
    st.caption(t("associations.table.note", lang))
    widgets.chart_data(
        transforms.directory_table(found, view.projects, lang),
        context,
        stem="ponti-associations",
        label_key="associations.table",
        expanded=True,
    )
