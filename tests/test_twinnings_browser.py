"""The Twinnings map in a real browser: the SVG map is drawn, a click on a municipality or on
an agreement's arc opens its agreements, the click keeps the user's zoom, nothing is fetched.

Clicks land where plotly draws a marker (tests/test_bridges_browser.py computes where).
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from ponti import i18n
from ponti.filters import Filters
from ponti.store import Store
from ponti.transforms import Dataset, apply_filters
from ponti.transforms import twinnings as tf
from tests.test_bridges_browser import (
    STATE_JS,
    _click_and_read_selection,
    _hover,
    _lonely,
    _open,
)

pytestmark = pytest.mark.browser
DETAIL = ".st-key-twinnings_detail"
CLICKABLE = ("twinnings", "partners", "municipalities")
ROOM_PX = 12  # the Twinnings map's markers are at most 10 px wide


def test_clicking_a_municipality_or_an_arc_opens_its_agreements(
    ponti_server: tuple[str, Store], page: Any
) -> None:
    url, store = ponti_server
    # The agreements of the city with the most: its places stand apart on the world map.
    everything = Dataset.from_tables(store.read_all())
    city = str(tf.twinning_arcs(everything.twinnings)[tf.MUNICIPALITY].value_counts().index[0])
    data = apply_filters(everything, Filters(municipality=(city,)))
    arcs = tf.twinning_arcs(data.twinnings)
    assert len(arcs) >= 2
    box = _open(page, f"{url}/twinnings?lang=en&municipality={city}")
    # The user zooms in with the wheel first: a click keeps that view.
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -100)
    page.wait_for_timeout(1500)  # the wheel's steps (not an assertion)
    zoomed = page.evaluate(STATE_JS)["x"]

    ident, (x, y) = _lonely(page, "municipalities", box, CLICKABLE, ROOM_PX)
    code = ident.split(tf.SELECT_SEPARATOR, 1)[1]
    assert code == city
    name = tf.municipality_name(code)
    assert name in _hover(page, x, y)
    assert _click_and_read_selection(page, x, y, "tw_sel") == ident
    detail = page.locator(DETAIL)
    detail.get_by_text(i18n.t("twinnings.detail.title", "en", title=name)).wait_for(timeout=60_000)
    for partner in arcs[arcs[tf.MUNICIPALITY].astype(str) == code]["partner"].head(3):
        expect(detail).to_contain_text(str(partner), timeout=60_000)
    state = page.evaluate(STATE_JS)
    assert state["x"] == pytest.approx(zoomed) and ident in state["picked"]

    ident, (x, y) = _lonely(page, "twinnings", box, CLICKABLE, ROOM_PX)
    assert _click_and_read_selection(page, x, y, "tw_sel") == ident
    selection = tf.parse_map_selection(ident)
    assert selection is not None
    chosen = tf.selected_arcs(arcs, selection)
    title = tf.selection_title(chosen, selection, "en")
    detail.get_by_text(i18n.t("twinnings.detail.title", "en", title=title)).wait_for(timeout=60_000)
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.external_requests == []  # offline: no basemap, tiles or fonts fetched
