"""Real-browser tests: Streamlit served on loopback, Playwright driving Debian's Chromium."""

from __future__ import annotations

import pytest

from ponti import formats
from ponti.store import Store
from ponti.transforms import Dataset
from ponti.transforms.overview import summarise_headline

pytestmark = pytest.mark.browser


def test_overview_draws_figures_and_map(ponti_server: tuple[str, Store], page) -> None:  # type: ignore[no-untyped-def]
    url, store = ponti_server
    page.goto(f"{url}/?lang=en", wait_until="load")
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=60_000)
    page.wait_for_selector("[data-testid=stMetric]", timeout=60_000)
    headline = summarise_headline(Dataset.from_tables(store.read_all()))
    metrics = page.locator("[data-testid=stMetric]")
    text = " ".join(metrics.all_inner_texts())
    assert "Associations" in text
    assert formats.format_number(headline.associations, "en") in text
    assert formats.format_money_short(headline.granted_eur, "en") in text
    deck = page.locator("[data-testid=stDeckGlJsonChart]")
    deck.wait_for(timeout=60_000)
    deck.locator("canvas").first.wait_for(timeout=60_000)
    box = deck.locator("canvas").first.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 200
    page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
    assert page.locator("[data-testid=stException]").count() == 0
    page.screenshot(path=str(store.root.parent / "overview.png"), full_page=True)


def test_the_dashboard_fetches_nothing_from_the_internet(ponti_server, page) -> None:  # type: ignore[no-untyped-def]
    url, _ = ponti_server
    page.goto(url, wait_until="load")
    page.wait_for_selector("[data-testid=stDeckGlJsonChart] canvas", timeout=60_000)
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=60_000)
    page.wait_for_timeout(1500)
    assert page.external_requests == []
