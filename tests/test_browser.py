"""Real-browser tests: Streamlit served on loopback, Playwright driving Debian's Chromium."""

from __future__ import annotations

import contextlib
import re
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ponti import formats, i18n
from ponti.filters import Filters
from ponti.store import Store
from ponti.transforms import Dataset, apply_filters
from ponti.transforms.overview import summarise_headline
from tests.test_bridges_browser import MARKERS_JS

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.browser
MAP = "[data-testid=stPlotlyChart] .js-plotly-plot"
MAP_DRAWN = f"{MAP} .scatterlayer .trace"  # the first map figure of the page, drawn


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
    # The map: an SVG figure (no WebGL map offline), one circle per municipality.
    page.wait_for_selector(MAP_DRAWN, timeout=60_000)
    assert page.locator("[data-testid=stDeckGlJsonChart]").count() == 0
    box = page.locator(MAP).first.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 200
    circles = {ident: (x, y) for ident, x, y in page.evaluate(MARKERS_JS, "associations")}
    data = apply_filters(Dataset.from_tables(store.read_all()), Filters())
    assert len(circles) == data.associations["municipality_istat"].nunique()
    # A click on a circle (Roma's, the largest: its centre is its own) offers its profile.
    page.mouse.move(*circles["M|058091"])
    page.mouse.click(*circles["M|058091"])
    profile = i18n.t("municipality.link", "en", name="Roma")
    page.get_by_role("link", name=profile).wait_for(timeout=60_000)
    page.wait_for_function(  # the map and the communities' bars
        "() => document.querySelectorAll('.js-plotly-plot').length == 2", timeout=60_000
    )
    page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
    assert page.locator("[data-testid=stException]").count() == 0
    page.screenshot(path=str(store.root.parent / "overview.png"), full_page=True)


def test_the_dashboard_fetches_nothing_from_the_internet(ponti_server, page) -> None:  # type: ignore[no-untyped-def]
    url, _ = ponti_server
    page.goto(url, wait_until="load")
    page.wait_for_selector(MAP_DRAWN, timeout=60_000)
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=60_000)
    page.wait_for_timeout(1500)
    assert page.external_requests == []


def _settle(page) -> None:  # type: ignore[no-untyped-def]
    # An action starts a rerun within moments; wait for it to start (or to have been quick),
    # then for it to end, then for the browser to draw what it sent.
    with contextlib.suppress(PlaywrightTimeout):  # the rerun may be over before we look
        page.wait_for_selector("[data-testid=stApp][data-test-script-state=running]", timeout=1_000)
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=60_000)
    page.wait_for_timeout(300)


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
    sdg_box = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").filter(
        has_text=i18n.t("filters.sdg", "it")
    )
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


@pytest.mark.parametrize("path", ["/agenda?lang=en", "/funding"])
def test_a_deep_link_is_the_first_request_of_a_fresh_server(fresh_store, serve, page, path) -> None:  # type: ignore[no-untyped-def]
    # With a pages/ folder, Streamlit's legacy mode would run the page without the shell on
    # a new process's first request; serve.py switches that mode off.
    failed: list[str] = []
    errors: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
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
        # The shell's navigation (our titles) is shown, not Streamlit's: every page of pages/
        # but the embedded views' renderer and, with no staff credential here, the Data page.
        nav = page.locator("[data-testid=stSidebarNav] a")
        not_in_menu = {"embed.py", "data.py"}
        menu = [f for f in (REPO / "pages").glob("*.py") if f.name not in not_in_menu]
        assert nav.count() == len(menu)
        assert path.split("?")[0] in page.url
        assert page.locator("[data-testid=stMain] h1").count() >= 1
        # serve.py tells the page where the server's root is: no probing of
        # /<page>/_stcore/health, no "page does not exist" on the way.
        assert failed == [] and errors == []
        assert "does not exist" not in page.content()
        # The page fetches plotly's chart code as soon as it has loaded (serve.py), a file
        # the server has: not only once the first chart arrives.
        with urllib.request.urlopen(url + path) as answer:
            html = answer.read().decode()
        (chunk,) = re.findall(
            r"import\(window\.location\.origin\+'(/static/js/PlotlyChart\.[^']+\.js)'", html
        )
        with urllib.request.urlopen(url + chunk) as answer:
            assert answer.status == 200 and b"plotly" in answer.read()


def _checked(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The labels of the page's chosen one-of-N controls (segmented controls are radios)."""
    return page.locator("[data-testid=stMain] [role=radio][aria-checked=true]").all_inner_texts()


def _params(url: str) -> dict[str, list[str]]:
    from urllib.parse import parse_qs, urlsplit

    return parse_qs(urlsplit(url).query)


def test_a_pages_choices_survive_a_visit_to_another_page_and_back(ponti_server, page) -> None:  # type: ignore[no-untyped-def]
    url, _ = ponti_server
    # Twinnings only: a light map, and one more choice to keep.
    page.goto(f"{url}/bridges?lang=en&origin=SEN&bm_layers=twinnings", wait_until="load")
    page.wait_for_selector(MAP_DRAWN, timeout=60_000)
    _settle(page)
    page.get_by_role("radio", name=i18n.t("bridges.measure.projects", "en"), exact=True).click()
    _settle(page)
    page.get_by_role("radio", name=i18n.t("bridges.view.italy", "en"), exact=True).click()
    _settle(page)
    chosen, address = _checked(page), _params(page.url)
    assert address["bm_measure"] == ["projects"] and address["bm_view"] == ["italy"]
    assert address["bm_layers"] == ["twinnings"]
    assert address["origin"] == ["SEN"]

    # To Funding through the menu: its address has the filters, not Bridges' choices.
    page.locator("[data-testid=stSidebarNav] a", has_text=i18n.t("nav.funding", "en")).click()
    page.get_by_role("heading", name=i18n.t("funding.title", "en")).wait_for(timeout=60_000)
    _settle(page)
    assert "/funding" in page.url
    assert _params(page.url) == {"lang": ["en"], "origin": ["SEN"]}

    # Back to Bridges through the menu: the choices and the address are as the user left them.
    page.locator("[data-testid=stSidebarNav] a", has_text=i18n.t("nav.bridges", "en")).click()
    page.wait_for_selector(MAP_DRAWN, timeout=60_000)
    _settle(page)
    assert _checked(page) == chosen
    assert _params(page.url) == address

    # A new choice, then the browser's Back button: the previous view comes back.
    page.get_by_role("radio", name=i18n.t("bridges.measure.granted", "en"), exact=True).click()
    _settle(page)
    assert _params(page.url)["bm_measure"] == ["granted"]
    page.go_back()
    _settle(page)
    assert _params(page.url) == address
    assert _checked(page) == chosen
    assert page.locator("[data-testid=stException]").count() == 0
