"""Associations: the directory. Search by name or acronym, narrow by themes, networks and
leadership (on top of the shared filters), open a profile from a name.

Page state lives in the URL: the search text in ``as_q``, themes in ``as_theme``, networks in
``as_net``, the women-led and youth-led switches in ``as_women`` and ``as_youth``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

import widgets
from ponti import formats, schema
from ponti.i18n import Lang, t, tn
from ponti.transforms import Dataset
from ponti.transforms import associations as transforms

if TYPE_CHECKING:  # only for annotations: the page leaves pandas to the transforms
    import pandas as pd

QUERY_PARAM = "as_q"  # the search text in the URL
SEARCH_KEY = "as_search"  # the text input
TYPED_KEY = "as_typed"  # what the user just typed, handed from the callback to the run


def _on_type() -> None:
    st.session_state[TYPED_KEY] = st.session_state.get(SEARCH_KEY) or ""


# Computed once per version (and filters, and language) and shared by every session
# (widgets.per_view): the directory of every association of the view, which the choices below
# only narrow; the choices' result is read from it (transforms.directory_rows).
def _networks(data: Dataset) -> list[str]:
    return transforms.network_options(data.associations)


def _directory(view: Dataset, lang: Lang) -> pd.DataFrame:
    return transforms.directory_table(view.associations, view.projects, lang)


context = widgets.page_context()
lang, view = context.lang, context.view
networks = widgets.per_version(context, _networks)
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
        transforms.directory_rows(
            widgets.per_view(context, _directory, lang),
            view.associations,
            view.projects,
            found,
            lang,
        ),
        context,
        stem="ponti-associations",
        label_key="associations.table",
        expanded=True,
    )
