"""The Funding page in a real browser: charts drawn, Sankey options in the URL, nothing fetched."""

from __future__ import annotations

import pytest

from ponti import i18n
from ponti.store import Store

pytestmark = pytest.mark.browser

IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
EXCEPTION = "[data-testid=stException]"
CHARTS = 7


def _open(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url, wait_until="load")
    page.wait_for_selector(IDLE, timeout=60_000)
    # The Sankey is drawn, or the page failed: say why at once rather than time out.
    page.wait_for_selector(f"g.sankey path.sankey-link, {EXCEPTION}", timeout=60_000)
    errors = page.locator(EXCEPTION).all_inner_texts()
    assert not errors, errors[0][:500]


def _node_labels(page) -> list[str]:  # type: ignore[no-untyped-def]
    # SVG text has no innerText: read its text content.
    return [text.strip() for text in page.locator("g.sankey .node-label").all_text_contents()]


def test_funding_page_draws_its_charts(ponti_server: tuple[str, Store], page) -> None:  # type: ignore[no-untyped-def]
    url, store = ponti_server
    _open(page, f"{url}/funding?lang=en")
    assert page.locator(".js-plotly-plot").count() == CHARTS
    assert page.locator("g.funnellayer path").count() >= 6  # one band per main-path stage
    assert page.locator("g.boxlayer path.box").count() >= 1
    assert page.locator("g.sankey path.sankey-link").count() > 10
    labels = _node_labels(page)
    assert "Rejected" in labels and "Africa" in labels
    assert page.locator("h1").first.inner_text() == i18n.t("funding.title", "en")
    assert page.locator(EXCEPTION).count() == 0
    # Nothing this page draws reaches the internet (plotly must not fetch a CDN or topojson).
    # The shell's page icon (a Material Symbol) is the shell's concern and tested there.
    assert [u for u in page.external_requests if "materialsymbols" not in u] == []
    page.screenshot(path=str(store.root.parent / "funding.png"), full_page=True)


def test_a_link_reopens_the_chosen_flows(ponti_server: tuple[str, Store], page) -> None:  # type: ignore[no-untyped-def]
    url, _ = ponti_server
    _open(page, f"{url}/funding?lang=en&fu_middle=programme&fu_dest=sdg&fu_measure=eur")
    labels = _node_labels(page)
    assert i18n.sdg_label(4, "en") in labels
    assert i18n.t("funding.others.programme", "en") in labels
    assert "Africa" not in labels
    assert page.locator(EXCEPTION).count() == 0


def test_choosing_a_destination_writes_it_into_the_url(
    ponti_server: tuple[str, Store], page
) -> None:  # type: ignore[no-untyped-def]
    url, _ = ponti_server
    _open(page, f"{url}/funding?lang=en")
    assert "fu_dest" not in page.url
    page.get_by_text(i18n.t("funding.flows.dest.sdg", "en"), exact=True).click()
    page.wait_for_function("() => location.search.includes('fu_dest=sdg')", timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_function(
        "label => [...document.querySelectorAll('g.sankey .node-label')]"
        ".some(node => node.textContent.trim() === label)",
        arg=i18n.sdg_label(4, "en"),
        timeout=60_000,
    )
