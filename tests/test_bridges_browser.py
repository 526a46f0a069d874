"""The Bridges map in a real browser: the SVG map is drawn, a click on a point, an arc or a
shaded area opens the detail panel with the right items, the clicked object is marked, a click
keeps the user's zoom, the selection survives a rerun and a shared link, and nothing is fetched
from the internet.

Clicks land where plotly draws a marker: its data coordinates through the figure's own axes
(``c2p``), in a view chosen so that the target is alone under the cursor.
"""

from __future__ import annotations

import json
import math
from typing import Any
from urllib.parse import unquote

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from ponti import filters as flt
from ponti import i18n, reference
from ponti.store import Store
from ponti.transforms import Dataset, apply_filters
from ponti.transforms import bridges as tf

pytestmark = pytest.mark.browser

IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
CHART = "[data-testid=stPlotlyChart] .js-plotly-plot"
DRAWN = f"{CHART} .scatterlayer .trace"
DETAIL = ".st-key-bridges_detail"
HOVER = f"{CHART} .hoverlayer .hovertext"

# Where plotly draws each clickable marker of a layer (its customdata), in page pixels.
MARKERS_JS = """(layer) => {
  const gd = document.querySelector('[data-testid=stPlotlyChart] .js-plotly-plot');
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const box = gd.getBoundingClientRect();
  const found = [];
  gd.data.forEach((trace, t) => {
    if (trace.meta !== layer || !trace.customdata) return;
    gd.calcdata[t].forEach((point, i) => found.push([
      trace.customdata[i],
      box.left + xa._offset + xa.c2p(point.x),
      box.top + ya._offset + ya.c2p(point.y),
    ]));
  });
  return found;
}"""
# The map's state in the browser: its x range, the layers drawn, what plotly marks as picked.
STATE_JS = """() => {
  const gd = document.querySelector('[data-testid=stPlotlyChart] .js-plotly-plot');
  return {
    x: gd._fullLayout.xaxis.range,
    layers: gd.data.map((trace) => trace.meta),
    picked: gd.data.flatMap((trace) =>
      (trace.selectedpoints || []).map((i) => trace.customdata && trace.customdata[i])),
  };
}"""


def _open(page: Any, url: str) -> dict[str, float]:
    """Open a URL, wait for the map to be drawn; the map's box (CSS pixels)."""
    page.goto(url, wait_until="load")
    page.wait_for_selector(IDLE, timeout=90_000)
    page.wait_for_selector(DRAWN, timeout=90_000)
    chart = page.locator(CHART).first
    chart.scroll_into_view_if_needed()
    assert page.locator("[data-testid=stDeckGlJsonChart]").count() == 0  # no WebGL map
    box = chart.bounding_box()
    assert box is not None
    return box  # type: ignore[no-any-return]


def _markers(page: Any, layer: str) -> dict[str, tuple[float, float]]:
    return {ident: (x, y) for ident, x, y in page.evaluate(MARKERS_JS, layer)}


def _inside(point: tuple[float, float], box: dict[str, float], margin: float = 40) -> bool:
    return (
        box["x"] + margin < point[0] < box["x"] + box["width"] - margin
        and box["y"] + margin < point[1] < box["y"] + box["height"] - margin
    )


BRIDGES_LAYERS = ("associations", "links", "twinnings", "context")


def _lonely(
    page: Any,
    layer: str,
    box: dict[str, float],
    clickable: tuple[str, ...] = BRIDGES_LAYERS,
    room_px: float = 20,
) -> tuple[str, tuple[float, float]]:
    """The marker of a layer farthest on screen from any other clickable marker (of the
    ``clickable`` layers), inside the map, at least ``room_px`` from the next (plotly picks
    the marker nearest to the cursor, less its radius)."""
    everything = [position for name in clickable for position in _markers(page, name).values()]
    best, room = None, 0.0
    for ident, position in _markers(page, layer).items():
        if not _inside(position, box):
            continue
        nearest = min(math.dist(position, other) for other in everything if other != position)
        if nearest > room:
            best, room = (ident, position), nearest
    assert best is not None and room > room_px, "no marker alone enough to click"
    return best


def _hover(page: Any, x: float, y: float) -> str:
    """Move over (x, y) as a user does; the hover label plotly shows there."""
    page.mouse.move(x + 6, y + 6)
    page.mouse.move(x, y)
    label = page.locator(HOVER).first
    label.wait_for(timeout=30_000)
    return str(label.text_content())


def _click_and_read_selection(page: Any, x: float, y: float, param: str = "bm_sel") -> str:
    """Click the map at (x, y), over what the hover label shows; the selection the page then
    keeps in the address (``param``), once it is no longer the one before the click (a page
    with a selection already in its address answers the click with a new one)."""
    changed = f"""() => {{
        const value = new URLSearchParams(location.search).get('{param}');
        return value !== null && value !== {json.dumps(_param_value(page, param))};
    }}"""
    for _attempt in range(3):
        page.wait_for_selector(IDLE, timeout=60_000)
        _hover(page, x, y)
        page.mouse.click(x, y)
        try:
            page.wait_for_function(changed, timeout=15_000)
            break
        except PlaywrightTimeout:
            continue  # two busy cores can drop a click; a user would click again
    return _selection_in_url(page, param)


def _param_value(page: Any, param: str) -> str | None:
    """A query parameter's value in the page's address now (None when absent)."""
    return page.evaluate(f"() => new URLSearchParams(location.search).get('{param}')")  # type: ignore[no-any-return]


def _selection_in_url(page: Any, param: str = "bm_sel") -> str:
    page.wait_for_function(f"() => location.search.includes('{param}=')", timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    query = dict(part.split("=", 1) for part in page.url.split("?", 1)[1].split("&"))
    return unquote(query[param])


def _lonely_arc(data: Dataset) -> tuple[Any, flt.Filters]:
    """The shortest project arc alone in the view of its province and country (its middle,
    where a click picks it, is then well inside the map)."""
    provinces = reference.load_municipalities().set_index("municipality_istat")["province_istat"]
    arcs = tf.link_arcs(data, "projects")
    length = ((arcs.to_lon - arcs.from_lon) ** 2 + (arcs.to_lat - arcs.from_lat) ** 2) ** 0.5
    for arc in arcs.assign(length=length).sort_values(["length", tf.PAIR]).itertuples():
        filters = flt.Filters(
            origin=(arc.place_country,), province=(provinces[arc.municipality_istat],)
        )
        if len(tf.link_arcs(apply_filters(data, filters), "projects")) == 1:
            return arc, filters
    raise AssertionError("no arc of the demo data is alone in its province/country view")


def test_clicking_a_point_opens_its_associations(
    ponti_server: tuple[str, Store], page: Any
) -> None:
    url, store = ponti_server
    data = Dataset.from_tables(store.read_all())
    box = _open(page, f"{url}/bridges?lang=en&bm_view=italy&bm_layers=associations")
    assert box["width"] > 300 and box["height"] > 300
    ident, (x, y) = _lonely(page, "associations", box)
    code = ident.removeprefix("M|")
    target = tf.association_points(data.associations).set_index("municipality_istat").loc[code]
    assert _hover(page, x, y).startswith(f"{target['name']}:")
    assert _click_and_read_selection(page, x, y) == ident
    detail = page.locator(DETAIL)
    detail.get_by_text(i18n.t("bridges.detail.title", "en", title=target["name"])).wait_for(
        timeout=60_000
    )
    # The clicked point is marked on the map.
    page.wait_for_function(f"() => ({STATE_JS})().picked.includes('{ident}')", timeout=30_000)
    expected = data.associations[data.associations["municipality_istat"] == code]
    # The grid keeps its cells in an accessible table: their text is in the DOM once drawn.
    for name in expected["name"].head(5):
        expect(detail).to_contain_text(str(name), timeout=60_000)
    text = detail.text_content() or ""
    for email in expected["contact_email"].dropna():
        assert str(email) not in text  # never the private contact columns
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.external_requests == []  # offline: no basemap, tiles or fonts fetched
    page.screenshot(path=str(store.root.parent / "bridges-point.png"), full_page=True)

    # The panel opens the municipality's profile.
    profile = i18n.t("municipality.link", "en", name=target["name"])
    detail.get_by_role("link", name=profile).click()
    page.wait_for_function("() => location.pathname.endsWith('/municipality')", timeout=60_000)
    page.wait_for_selector(IDLE, timeout=90_000)
    assert f"code={code}" in page.url
    title = page.locator("[data-testid=stMain] h1").first
    expect(title).to_contain_text(str(target["name"]), timeout=60_000)


def test_clicking_an_arc_opens_its_projects_and_keeps_the_view(
    ponti_server: tuple[str, Store], page: Any
) -> None:
    url, store = ponti_server
    data = Dataset.from_tables(store.read_all())
    arc, filters = _lonely_arc(apply_filters(data, flt.Filters()))
    query = "&".join(f"{k}={v[0]}" for k, v in flt.filters_to_params(filters).items())
    box = _open(page, f"{url}/bridges?lang=en&bm_layers=links&bm_measure=projects&{query}")
    opened = page.evaluate(STATE_JS)["x"]
    # The user zooms in with the wheel: the view is now the user's, not the preset.
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -200)
    page.wait_for_function(
        f"() => ({STATE_JS})().x[1] - ({STATE_JS})().x[0] < {0.95 * (opened[1] - opened[0])}",
        timeout=30_000,
    )
    page.wait_for_timeout(500)  # the wheel's last steps (not an assertion)
    zoomed = page.evaluate(STATE_JS)["x"]
    ((ident, (x, y)),) = _markers(page, "links").items()
    assert ident == f"L|{arc.id}" and _inside((x, y), box)
    assert _hover(page, x, y).startswith(f"{arc.from_name} → ")
    assert _click_and_read_selection(page, x, y) == ident
    detail = page.locator(DETAIL)
    detail.get_by_role("heading").first.wait_for(timeout=60_000)
    selection = tf.parse_selection(ident)
    assert selection is not None
    items = tf.selection_items(apply_filters(data, filters), selection, "en")
    assert len(items.projects) == arc.projects
    for title in items.projects["title"]:
        expect(detail).to_contain_text(str(title), timeout=60_000)
    # The click kept the user's zoom, and plotly marks the arc's middle.
    state = page.evaluate(STATE_JS)
    assert state["x"] == pytest.approx(zoomed) and ident in state["picked"]

    # A rerun that changes the map (another layer switched on): the selection stays, drawn
    # as the map's halo under the arc.
    page.get_by_role("button", name=i18n.t("bridges.layer.twinnings", "en"), exact=True).click()
    page.wait_for_function("() => location.search.includes('bm_layers=twinnings')", timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    assert unquote(page.url).count("bm_sel=L|") == 1
    detail.get_by_text(items.title, exact=False).first.wait_for(timeout=60_000)
    page.wait_for_function(f"() => ({STATE_JS})().layers.includes('selected')", timeout=30_000)
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.external_requests == []  # offline: no basemap, tiles or fonts fetched
    page.screenshot(path=str(store.root.parent / "bridges-arc.png"), full_page=True)


def test_a_shaded_area_shows_its_figures_and_opens_on_a_click(
    ponti_server: tuple[str, Store], page: Any
) -> None:
    url, _ = ponti_server
    box = _open(page, f"{url}/bridges?lang=en&bm_view=italy&bm_layers=none&bm_context=residents")
    state = page.evaluate(STATE_JS)
    assert "context" in state["layers"] and "italy" not in state["layers"]
    # Shaded: the regions are filled in more than one class colour.
    fills = page.locator(f"{CHART} .scatterlayer .trace .js-fill")
    assert fills.count() >= 3
    ident, (x, y) = _lonely(page, "context", box)
    code = ident.rsplit("|", 1)[1]
    name = str(reference.load_regions().set_index("region_istat").loc[code, "name"])
    label = _hover(page, x, y)
    assert label.startswith(name) and "residents" in label
    assert _click_and_read_selection(page, x, y) == ident
    page.locator(DETAIL).get_by_text(i18n.t("bridges.detail.title", "en", title=name)).wait_for(
        timeout=60_000
    )
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.external_requests == []


def test_a_shared_selection_link_reopens_the_panel(
    ponti_server: tuple[str, Store], page: Any
) -> None:
    url, store = ponti_server
    data = Dataset.from_tables(store.read_all())
    top = tf.association_points(data.associations).iloc[0]
    _open(page, f"{url}/bridges?bm_sel=M%7C{top.municipality_istat}")
    detail = page.locator(DETAIL)
    detail.get_by_text(i18n.t("bridges.detail.title", "it", title=top["name"])).wait_for(
        timeout=60_000
    )
    assert "selected" in page.evaluate(STATE_JS)["layers"]  # the halo round the point
    detail.get_by_role("button", name=i18n.t("bridges.detail.clear", "it")).click()
    page.wait_for_function("() => !location.search.includes('bm_sel=')", timeout=60_000)
    detail.get_by_text(i18n.t("bridges.detail.hint", "it")).wait_for(timeout=60_000)
    page.wait_for_function(f"() => !({STATE_JS})().layers.includes('selected')", timeout=30_000)
