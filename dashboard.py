"""Ponti: the Streamlit entry point. Page config, language, shared filters, navigation."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

import widgets
from ponti.i18n import t

PAGES_DIR = Path(__file__).resolve().parent / "pages"

st.set_page_config(
    page_title="Ponti",
    page_icon=":material/diversity_3:",
    layout="wide",
    initial_sidebar_state="expanded",
)

context = widgets.build_context()
lang = context.lang

navigation = st.navigation(
    [
        st.Page(
            PAGES_DIR / "overview.py",
            title=t("nav.overview", lang),
            icon=":material/dashboard:",
            url_path="overview",
            default=True,
        ),
    ]
)
widgets.demo_notice(context)
navigation.run()
st.divider()
widgets.provenance(context)
