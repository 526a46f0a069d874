"""Real-browser tests: Streamlit served on loopback, Playwright driving Debian's Chromium."""

from __future__ import annotations

import pytest

from ponti import formats
from ponti.filters import Filters
from ponti.store import Store
from ponti.transforms import Dataset, apply_filters
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
    assert formats.format_number_short(headline.granted_eur, "en") in text
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


def _settle(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_timeout(600)
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=60_000)
    page.wait_for_timeout(600)


def _metric(page, label: str) -> str:  # type: ignore[no-untyped-def]
    metric = page.locator("[data-testid=stMetric]", has_text=label).first
    return metric.locator("[data-testid=stMetricValue]").inner_text().strip()


def test_filters_language_and_reset_follow_the_user(ponti_server, page) -> None:  # type: ignore[no-untyped-def]
    url, store = ponti_server
    data = Dataset.from_tables(store.read_all())
    page.goto(url, wait_until="load")
    page.wait_for_selector("[data-testid=stMetric]", timeout=60_000)
    _settle(page)
    assert _metric(page, "Progetti") == formats.format_number(len(data.projects), "it")

    # Choose SDG 4 in the sidebar: the figures follow and the URL records the code.
    sdg_box = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").nth(3)
    sdg_box.click()
    page.get_by_role("option", name="SDG 4 · Istruzione di qualità").click()
    page.keyboard.press("Escape")
    _settle(page)
    expected = apply_filters(data, Filters(sdg=(4,)))
    assert "sdg=4" in page.url
    assert _metric(page, "Progetti") == formats.format_number(len(expected.projects), "it")

    # Switch to English: the page is translated and the filter stays.
    page.locator("[data-testid=stSidebar]").get_by_text("English", exact=True).click()
    _settle(page)
    assert page.locator("h1").first.inner_text().strip() == "Overview"
    assert "lang=en" in page.url and "sdg=4" in page.url
    assert _metric(page, "Projects") == formats.format_number(len(expected.projects), "en")

    # The copied link reopens the same view in a new tab.
    other = page.context.new_page()
    other.goto(page.url, wait_until="load")
    other.wait_for_selector("[data-testid=stMetric]", timeout=60_000)
    _settle(other)
    assert _metric(other, "Projects") == _metric(page, "Projects")
    other.close()

    # Reset clears every filter, in the figures and in the URL.
    page.get_by_role("button", name="Reset filters").click()
    _settle(page)
    assert "sdg=" not in page.url
    assert _metric(page, "Projects") == formats.format_number(len(data.projects), "en")


@pytest.mark.parametrize("path", ["/agenda", "/funding?lang=en", "/bridges"])
def test_a_deep_link_is_the_first_request_of_a_fresh_server(fresh_store, serve, page, path) -> None:  # type: ignore[no-untyped-def]
    # With a pages/ folder, Streamlit's legacy mode would run the page without the shell on
    # a new process's first request; widgets.page_context() hands it back to dashboard.py.
    with serve(fresh_store.root) as url:
        page.goto(url + path, wait_until="load")
        page.wait_for_selector(
            "[data-testid=stSidebar] [data-testid=stMultiSelect]", timeout=90_000
        )
        page.wait_for_selector(
            "[data-testid=stApp][data-test-script-state=notRunning]", timeout=90_000
        )
        page.wait_for_timeout(1000)
        assert page.locator("[data-testid=stException]").count() == 0
        # The shell's navigation (four pages, our titles) is shown, not Streamlit's own.
        nav = page.locator("[data-testid=stSidebarNav] a")
        assert nav.count() == 4
        assert path.split("?")[0] in page.url
        assert page.locator("[data-testid=stMain] h1").count() >= 1
