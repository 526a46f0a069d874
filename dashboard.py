"""Ponti: the Streamlit entry point. Page config, language, shared filters, navigation.

Two modes, chosen by the address:

- the dashboard: the language switch and the shared filters in the sidebar, the page menu;
- an embedded view (``?embed=true&view=...``, for an iframe on a partner's site): one page
  (pages/embed.py) and no sidebar, menu, language switch or filter bar; language and filters
  come from the address alone.

Public mode (``PONTI_PUBLIC=1``) registers only the public pages of ``PAGES``: a staff page
(``staff=True``, such as the data-management page with sign-in) is then not in
``st.navigation`` at all, so its address answers as an unknown page does.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

import widgets
from ponti.embed import PageEntry, registered_pages
from ponti.i18n import Lang, t

PAGES_DIR = Path(__file__).resolve().parent / "pages"
# A local icon file: a :material/...: page icon makes the browser fetch it from the internet.
STATIC_DIR = Path(__file__).resolve().parent / "static"

# The page registry. A staff page is declared here with staff=True; public mode leaves it out.
PAGES: tuple[PageEntry, ...] = (
    PageEntry("overview.py", "nav.overview", ":material/dashboard:", "overview", default=True),
    PageEntry("bridges.py", "nav.bridges", ":material/conversion_path:", "bridges"),
    PageEntry("twinnings.py", "nav.twinnings", ":material/handshake:", "twinnings"),
    PageEntry("municipality.py", "nav.municipality", ":material/location_city:", "municipality"),
    PageEntry("associations.py", "nav.associations", ":material/groups:", "associations"),
    PageEntry("association.py", "nav.association", ":material/diversity_3:", "association"),
    PageEntry("agenda.py", "nav.agenda", ":material/public:", "agenda"),
    PageEntry("funding.py", "nav.funding", ":material/account_balance:", "funding"),
    PageEntry("present.py", "nav.present", ":material/slideshow:", "present"),
    PageEntry("embed_code.py", "embed.nav", ":material/code:", "embed_code"),
    PageEntry("data.py", "nav.data", ":material/database:", "data", staff=True),
)
# The embedded views' renderer: the only page of an embed session, never in the menu.
EMBED_PAGE = PageEntry("embed.py", "embed.nav", ":material/code:", "embed", default=True)


def _page(entry: PageEntry, lang: Lang) -> st.Page:
    return st.Page(
        PAGES_DIR / entry.file,
        title=t(entry.title_key, lang),
        icon=entry.icon,
        url_path=entry.url_path,
        default=entry.default,
    )


if widgets.embed_requested():
    # Only what the view draws: no filter bar, no language switch, nothing written to the
    # address (the hosting page's frame keeps the address it was given).
    st.set_page_config(
        page_title="Ponti",
        page_icon=str(STATIC_DIR / "ponti-icon.png"),
        layout="wide",
        initial_sidebar_state="collapsed",
    )
    context = widgets.build_embed_context()
    st.navigation([_page(EMBED_PAGE, context.lang)], position="hidden").run()
else:
    st.set_page_config(
        page_title="Ponti",
        page_icon=str(STATIC_DIR / "ponti-icon.png"),
        layout="wide",
        initial_sidebar_state="auto",  # collapsed on narrow screens,
    )
    context = widgets.build_context()
    # Staff pages only where staff can sign in: public mode, or no credential configured,
    # registers none (their addresses then answer as unknown pages do).
    pages = registered_pages(PAGES, public=not widgets.staff_config().enabled)
    navigation = st.navigation([_page(entry, context.lang) for entry in pages])
    widgets.demo_notice(context)
    navigation.run()
    st.divider()
    widgets.provenance(context)
    # Last: the address bar gets the complete view (filters and the page's own choices) at once.
    widgets.finish_url()
