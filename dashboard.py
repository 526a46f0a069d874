"""Ponti: the Streamlit entry point. Page config, language, shared filters, navigation."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

import widgets
from ponti.i18n import t

PAGES_DIR = Path(__file__).resolve().parent / "pages"
# A local icon file: a :material/...: page icon makes the browser fetch it from the internet.
STATIC_DIR = Path(__file__).resolve().parent / "static"

st.set_page_config(
    page_title="Ponti",
    page_icon=str(STATIC_DIR / "ponti-icon.png"),
    layout="wide",
    initial_sidebar_state="auto",  # collapsed on narrow screens,
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
        st.Page(
            PAGES_DIR / "bridges.py",
            title=t("nav.bridges", lang),
            icon=":material/conversion_path:",
            url_path="bridges",
        ),
        st.Page(
            PAGES_DIR / "twinnings.py",
            title=t("nav.twinnings", lang),
            icon=":material/handshake:",
            url_path="twinnings",
        ),
        st.Page(
            PAGES_DIR / "municipality.py",
            title=t("nav.municipality", lang),
            icon=":material/location_city:",
            url_path="municipality",
        ),
        st.Page(
            PAGES_DIR / "associations.py",
            title=t("nav.associations", lang),
            icon=":material/groups:",
            url_path="associations",
        ),
        st.Page(
            PAGES_DIR / "association.py",
            title=t("nav.association", lang),
            icon=":material/diversity_3:",
            url_path="association",
        ),
        st.Page(
            PAGES_DIR / "agenda.py",
            title=t("nav.agenda", lang),
            icon=":material/public:",
            url_path="agenda",
        ),
        st.Page(
            PAGES_DIR / "funding.py",
            title=t("nav.funding", lang),
            icon=":material/account_balance:",
            url_path="funding",
        ),
    ]
)
widgets.demo_notice(context)
navigation.run()
st.divider()
widgets.provenance(context)
# Last: the address bar gets the complete view (filters and the page's own choices) at once.
widgets.finish_url()
