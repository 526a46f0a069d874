"""A city's profile in a real browser: opened by its link, its opportunities seen, one followed."""

from __future__ import annotations

from typing import Any

import pytest

from ponti import i18n
from ponti.store import Store
from ponti.transforms import Dataset
from ponti.transforms import twinnings as tw

pytestmark = pytest.mark.browser
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
REGGIO = "035033"


def test_a_city_opens_its_profile_sees_its_opportunities_and_follows_them(
    ponti_server: tuple[str, Store], page: Any
) -> None:
    url, store = ponti_server
    data = Dataset.from_tables(store.read_all())
    ranked = tw.describe_opportunities(
        tw.opportunities_for(tw.opportunity_pairs(data), REGGIO), "en"
    )
    assert len(ranked) >= 3
    first = str(ranked.iloc[0]["place"])

    page.goto(f"{url}/municipality?code={REGGIO}&lang=en", wait_until="load")
    page.wait_for_selector(IDLE, timeout=90_000)
    title = page.locator("[data-testid=stMain] h1").first
    title.wait_for(timeout=60_000)
    assert "Reggio nell'Emilia" in title.inner_text()
    main = page.locator("[data-testid=stMain]")
    # The three best, as the page ranks them, in the cards that present them (the same names
    # also sit in tables' cells, which the grid draws hidden until scrolled to).
    cards = main.locator("[data-testid=stMarkdownContainer]")
    for place in ranked["place"].head(3):
        cards.filter(has_text=str(place)).first.wait_for(timeout=60_000)

    # Follow the opportunities to the Twinnings page: the same city, its first opportunity.
    link = i18n.t("municipality.to_twinnings", "en", name="Reggio nell'Emilia")
    page.get_by_role("link", name=link).click()
    page.wait_for_function("() => location.pathname.endsWith('/twinnings')", timeout=60_000)
    page.wait_for_selector(IDLE, timeout=90_000)
    assert f"tw_city={REGGIO}" in page.url and "lang=en" in page.url
    cards.filter(has_text=first).first.wait_for(timeout=60_000)
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.external_requests == []
