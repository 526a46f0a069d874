"""The Agenda 2030 page in a real browser: the charts are drawn, nothing leaves the machine."""

from __future__ import annotations

import pytest

from ponti import i18n
from ponti.store import Store

pytestmark = pytest.mark.browser

PLOTS = ".js-plotly-plot"


def _open(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url, wait_until="load")
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=60_000)


@pytest.mark.parametrize("lang", ["it", "en"])
def test_agenda_draws_grid_heatmaps_and_trend(
    ponti_server: tuple[str, Store],
    page,  # type: ignore[no-untyped-def]
    lang: i18n.Lang,
) -> None:
    url, store = ponti_server
    _open(page, f"{url}/agenda?lang={lang}&ag_goal=4")
    page.get_by_text(i18n.t("agenda.grid.title", lang), exact=True).wait_for(timeout=60_000)
    page.locator(f"{PLOTS} .main-svg").first.wait_for(timeout=60_000)
    # Grid, targets of goal 4 and the trend in the main flow; the first heatmap tab is drawn.
    page.wait_for_function(f"document.querySelectorAll('{PLOTS}').length >= 4", timeout=60_000)
    grid = page.locator(PLOTS).first
    # 17 tiles are drawn as SVG shapes; goal 1's number is written on its tile.
    assert grid.locator("path[style*='fill: rgb(229, 36, 59)']").count() >= 1
    heat = page.locator(f"{PLOTS} .heatmaplayer image, {PLOTS} .hm image")
    heat.first.wait_for(timeout=60_000)
    box = heat.first.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 100
    title = i18n.t("agenda.goal.title", lang, goal=4, name=i18n.sdg_name(4, lang))
    assert page.get_by_text(title, exact=True).count() == 1
    assert page.locator("[data-testid=stException]").count() == 0
    # The shell's page icon (a Material symbol) is fetched by Streamlit's frontend: that is
    # the shell's to fix, not this page's; anything else leaving the machine fails here.
    leaving = [u for u in page.external_requests if "/materialsymbolsrounded/" not in u]
    assert leaving == []
    page.screenshot(path=str(store.root.parent / f"agenda-{lang}.png"), full_page=True)
