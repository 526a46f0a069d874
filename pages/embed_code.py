"""Embed ("Incorpora"): make the iframe code of an embedded view for a partner's website.

Choose a view (a municipality or an association for the profiles), the language and the
frame's size; the shared filters of the sidebar go into the view's address. A live preview
shows the embedded view as a visitor will see it, and the code (``<iframe>`` with a title,
``loading="lazy"``, the width and height) is ready to copy. The address is built from
``PONTI_PUBLIC_URL`` when it is set, else relative to the site's root (and the page says so).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

import widgets
from ponti import embed, i18n
from ponti import filters as flt
from ponti.i18n import t
from ponti.transforms import twinnings as twinnings_tf

# The frame's width: the widths the views are tested at, or the host's whole column.
WIDTH_CODES = ("phone", "narrow", "wide", "full")
WIDTH_PRESETS: dict[str, int | str] = dict(
    zip(WIDTH_CODES, (*embed.WIDTHS, embed.FULL_WIDTH), strict=True)
)
HEIGHTS = ("auto", "480", "640", "800", "1000", "1200", "1600")

context = widgets.page_context()
lang, data = context.lang, context.data
# The page's own choices, shareable as links: URL parameter -> (allowed codes, default). The
# view's language starts as the page's.
CONTROLS: dict[str, tuple[tuple[str, ...], Any]] = {
    "ec_view": (embed.VIEWS, "map"),
    "ec_lang": (i18n.LANGS, lang),
    "ec_width": (WIDTH_CODES, "narrow"),
    "ec_height": (HEIGHTS, "auto"),
}

st.title(t("embed.code.title", lang))
st.caption(t("embed.code.intro", lang))

widgets.controls_from_url(CONTROLS)
view = widgets.code_choice(
    st, t("embed.code.view", lang), embed.VIEWS, key="ec_view", labels="embed.view", lang=lang
)
subject: str | None = None
if view == "city":
    cities = twinnings_tf.municipalities_with_associations(data.associations)
    if cities:
        subject = widgets.code_select(t("embed.code.city", lang), cities, key="ec_code")
elif view == "association":
    choices, _busiest = widgets.association_choices(context)
    if choices:
        subject = widgets.code_select(t("embed.code.association", lang), choices, key="ec_id")
left, middle, right = st.columns([1, 2, 1])
view_lang = widgets.code_choice(
    left, t("embed.code.lang", lang), i18n.LANGS, key="ec_lang", labels="lang", lang=lang
)
width_code = widgets.code_choice(
    middle,
    t("embed.code.width", lang),
    WIDTH_CODES,
    key="ec_width",
    labels="embed.width",
    lang=lang,
)
height_code = right.selectbox(
    t("embed.code.height", lang),
    options=HEIGHTS,
    format_func=lambda code: t("embed.height.auto", lang) if code == "auto" else f"{code} px",
    key="ec_height",
    help=t("embed.code.height.help", lang),
)
widgets.controls_to_url(CONTROLS)

width = WIDTH_PRESETS[width_code]
height = embed.frame_height(view, width) if height_code == "auto" else int(height_code)
described = flt.describe_filters(context.filters, lang)
if described:
    st.caption(t("embed.code.filters", lang, filters="; ".join(f"{k}: {v}" for k, v in described)))
else:
    st.caption(t("embed.code.no_filters", lang))

query = embed.embed_query(
    view,
    lang=i18n.normalise_lang(view_lang),
    filter_params=flt.filters_to_params(context.filters),
    subject=subject,
)
base = widgets.public_url()
src = embed.embed_src(base, query)
title = t(f"embed.view.{view}", view_lang) + " · Ponti"

st.subheader(t("embed.code.snippet", lang), anchor=False)
st.code(
    embed.iframe_snippet(src, title=title, width=width, height=height),
    language="html",
    wrap_lines=True,
)
st.caption(t("embed.code.snippet.help", lang))
if base:
    st.caption(t("embed.code.base", lang, url=base))
else:
    st.caption(t("embed.code.relative", lang))
with st.expander(t("embed.code.listener", lang), icon=":material/height:"):
    st.markdown(t("embed.code.listener.intro", lang))
    st.code(embed.HOST_LISTENER, language="html")

st.subheader(t("embed.code.preview", lang), anchor=False)
# The preview is the view itself, served by this Ponti (same site: a relative address).
st.iframe(
    embed.embed_src("", query),
    width=width if isinstance(width, int) else "stretch",
    height=height,
    alt=title,
)
