"""The Present page through AppTest from dashboard.py: choose slides, make the deck, download it."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation

from ponti import i18n
from ponti.present import items as deck_items
from ponti.store import Store
from tests.apptest import open_app
from tests.apptest import url_param as _param

pytestmark = pytest.mark.browser  # the map slide is drawn by Chromium (kaleido)


@pytest.mark.parametrize("lang", ["it", "en"])
def test_a_link_chooses_the_slides_and_the_deck_is_made_from_them(
    demo_env: Store, chromium_path: str, lang: str
) -> None:
    items = ["funnel", "headline", "twinnings_map"]
    at = open_app("present", {"lang": lang, "pr_items": ",".join(items), "pr_title": "Summit"})
    assert not at.exception
    assert at.title[0].value == i18n.t("present.title", lang)
    assert at.multiselect(key="pr_items_choice").value == items
    assert _param(at, "pr_items") == [",".join(items)]
    assert _param(at, "pr_title") == ["Summit"]
    # Reordering: the headline moves up, first; the address follows.
    at.button(key="pr_up_headline").click().run()
    assert at.multiselect(key="pr_items_choice").value == ["headline", "funnel", "twinnings_map"]
    assert _param(at, "pr_items") == ["headline,funnel,twinnings_map"]
    # Make it: a title slide and one per item, in that order, in the language chosen.
    at.button[-1].click().run(timeout=180)
    assert not at.exception
    assert i18n.tn("present.ready", 4, lang) in [s.value for s in at.success]
    download = at.get("download_button")[0]
    assert download.proto.label == i18n.t("present.download", lang)


def test_no_slide_chosen_says_so(demo_env: Store) -> None:
    at = open_app("present", {"lang": "en", "pr_items": "none"})
    assert not at.exception
    assert at.multiselect(key="pr_items_choice").value == []
    assert i18n.t("present.items.none", "en") in [i.value for i in at.info]
    assert _param(at, "pr_items") == ["none"]


def test_the_default_deck_and_the_choices_items_need(demo_env: Store) -> None:
    at = open_app("present", {"lang": "it"})
    assert at.multiselect(key="pr_items_choice").value == list(
        deck_items.valid_codes(("headline", "bridges_map", "sdg_grid", "funnel", "twinnings_map"))
    )
    at = open_app("present", {"lang": "it", "pr_items": "opportunities,association"})
    keys = [s.key for s in at.selectbox]
    assert "pr_city" in keys and "pr_assoc" in keys


def test_the_deck_file_holds_the_slides(demo_env: Store, chromium_path: str) -> None:
    # The page hands build_deck what it shows; the file is checked here through python-pptx.
    at = open_app("present", {"lang": "en", "pr_items": "headline,funnel"})
    at.button[-1].click().run(timeout=180)
    assert not at.exception
    built = at.session_state["pr_built"]
    deck = Presentation(io.BytesIO(built[1]))
    assert len(deck.slides) == 3
    titles = [
        next(s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text_frame.text)
        for slide in list(deck.slides)[1:]
    ]
    assert titles[0].startswith(deck_items.item_title("headline", "en")[:8])
