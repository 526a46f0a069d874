"""Present: a PowerPoint deck of the current view in one click, for the Summit and the Forum.

The deck's items (in the order chosen), its title and language live in the URL like every
other view: ``pr_items`` (codes, comma-separated, in order), ``pr_title``, ``pr_lang``,
``pr_view`` (the Bridges map's world or Italy framing), ``pr_city`` and ``pr_assoc`` (the
municipality and association that two items need). The shared filters apply.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

import widgets
from ponti import filters as flt
from ponti import provenance as sources
from ponti.i18n import Lang, t, tn
from ponti.present import deck, images
from ponti.present import items as deck_items
from ponti.transforms import twinnings as twinning_transforms

ITEMS_PARAM = "pr_items"
TITLE_PARAM = "pr_title"
ITEMS_KEY = "pr_items_choice"  # the multiselect (its value: codes in the order chosen)
TITLE_KEY = "pr_title_input"
BUILT_KEY = "pr_built"  # the last deck made: (what it was made of, its bytes)
DEFAULT_ITEMS = ("headline", "bridges_map", "sdg_grid", "funnel", "twinnings_map")
LANGS: tuple[Lang, ...] = ("it", "en")


def _move(position: int, step: int) -> None:
    """Move the item at ``position`` one place up (-1) or down (+1) in the deck."""
    chosen = list(st.session_state.get(ITEMS_KEY, []))
    target = position + step
    if 0 <= target < len(chosen):
        chosen[position], chosen[target] = chosen[target], chosen[position]
        st.session_state[ITEMS_KEY] = chosen


context = widgets.page_context()
lang = context.lang
st.title(t("present.title", lang))
st.caption(t("present.intro", lang))

# -- what goes into the deck (kept in the URL) -----------------------------------------------------
from_url = widgets.page_param(ITEMS_PARAM)
if ITEMS_KEY not in st.session_state or from_url != st.session_state.get("pr_items_seen"):
    codes = deck_items.valid_codes((from_url or "").split(",")) if from_url else None
    st.session_state[ITEMS_KEY] = codes if codes is not None else list(DEFAULT_ITEMS)
chosen: list[str] = st.multiselect(
    t("present.items.label", lang),
    options=list(deck_items.ITEM_CODES),
    format_func=lambda code: deck_items.item_title(code, lang),
    key=ITEMS_KEY,
    help=t("present.items.help", lang),
)
# Nothing chosen is written as "none", so that it is not read back as the default deck.
items_value = ",".join(chosen) or widgets.EMPTY_CHOICE
st.session_state["pr_items_seen"] = items_value
widgets.keep_page_param(ITEMS_PARAM, items_value)

if chosen:
    with st.expander(t("present.order.title", lang), expanded=False, icon=":material/reorder:"):
        for position, code in enumerate(chosen):
            name, up, down = st.columns([8, 1, 1], vertical_alignment="center")
            name.markdown(f"{position + 1}. {deck_items.item_title(code, lang)}")
            up.button(
                "",
                icon=":material/arrow_upward:",
                key=f"pr_up_{code}",
                on_click=_move,
                args=(position, -1),
                disabled=position == 0,
                help=t("present.order.up", lang),
            )
            down.button(
                "",
                icon=":material/arrow_downward:",
                key=f"pr_down_{code}",
                on_click=_move,
                args=(position, 1),
                disabled=position == len(chosen) - 1,
                help=t("present.order.down", lang),
            )

# -- the deck's title, language and the choices some items need ------------------------------------
title_value = widgets.page_param(TITLE_PARAM)
if TITLE_KEY not in st.session_state or title_value != st.session_state.get("pr_title_seen"):
    st.session_state[TITLE_KEY] = title_value or ""
# The deck speaks the page's language unless another is chosen.
CONTROLS: widgets.Controls = {"pr_lang": (LANGS, lang), "pr_view": (("world", "italy"), "world")}
widgets.controls_from_url(CONTROLS)
left, middle, right = st.columns([3, 1, 1])
title_text = left.text_input(
    t("present.deck_title.label", lang),
    key=TITLE_KEY,
    placeholder=t("present.deck.default_title", lang),
)
st.session_state["pr_title_seen"] = title_text or None
widgets.keep_page_param(TITLE_PARAM, title_text or None)
deck_lang: Lang = widgets.code_choice(
    middle,
    t("present.lang.label", lang),
    LANGS,
    key="pr_lang",
    labels="present.lang",
    lang=lang,
)
bridges_view = widgets.code_choice(
    right,
    t("present.view.label", lang),
    ("world", "italy"),
    key="pr_view",
    labels="present.view",
    lang=lang,
    disabled="bridges_map" not in chosen,
)
widgets.controls_to_url(CONTROLS)

municipality: str | None = None
association: str | None = None
if "opportunities" in chosen:
    cities = twinning_transforms.municipalities_with_associations(context.data.associations)
    if cities:
        municipality = widgets.code_select(t("present.city.label", lang), cities, key="pr_city")
if "association" in chosen:
    names, _busiest = widgets.association_choices(context)
    if names:
        association = widgets.code_select(t("present.assoc.label", lang), names, key="pr_assoc")

# -- make it -------------------------------------------------------------------------------------
st.caption(
    t(
        "present.filters",
        lang,
        filters=deck.filters_in_words(flt.describe_filters(context.filters, lang), lang),
    )
)
origins = flt.origin_countries(context.filters.origin) if context.filters.origin else None
recipe: dict[str, Any] = {
    "items": tuple(chosen),
    "title": title_text,
    "lang": deck_lang,
    "view": bridges_view,
    "city": municipality,
    "assoc": association,
    "filters": context.filters,
    "version": context.version.version_id if context.version else None,
}
if not chosen:
    st.info(t("present.items.none", lang))
elif st.button(
    tn("present.make", len(chosen) + 1, lang), type="primary", icon=":material/slideshow:"
):
    progress = st.progress(0.0, text=t("present.making", lang))

    def _progress(done: int, total: int) -> None:
        progress.progress(done / total, text=t("present.making.step", lang, done=done, total=total))

    try:
        made = deck.build_deck(
            chosen,
            data=context.view,
            title=title_text or t("present.deck.default_title", deck_lang),
            lang=deck_lang,
            version=context.version,
            filters_text=deck.filters_in_words(
                flt.describe_filters(context.filters, deck_lang), deck_lang
            ),
            today=date.today(),
            demo=sources.shows_demo_data(context.version),
            progress=_progress,
            origins=origins,
            municipality=municipality,
            association=association,
            bridges_view=bridges_view,
        )
    except images.RenderError:
        progress.empty()
        st.error(t("present.render_error", lang))
    else:
        progress.empty()
        st.session_state[BUILT_KEY] = (recipe, made)

built = st.session_state.get(BUILT_KEY)
if built is not None and built[0] == recipe:
    st.success(tn("present.ready", len(chosen) + 1, lang))
    st.download_button(
        t("present.download", lang),
        data=built[1],
        file_name=deck.deck_file_name(date.today()),
        mime=deck.PPTX_MIME,
        icon=":material/download:",
        key="pr_download",
        on_click="ignore",
    )
elif built is not None:
    st.caption(t("present.changed", lang))
