"""The Bridges map in a real browser: the canvas is drawn, a click on a point or an arc opens
the detail panel with the right items, the selection survives a rerun, the map keeps the
user's view, and nothing is fetched from the internet.

Clicks land where the test projects a known lon/lat with the deck's view (Web Mercator,
512-pixel world at zoom 0), in a view filtered so that the target is alone under the cursor.
"""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import unquote

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from ponti import filters as flt
from ponti import i18n, reference
from ponti.charts import bridges as charts
from ponti.store import Store
from ponti.transforms import Dataset, apply_filters
from ponti.transforms import bridges as tf

pytestmark = pytest.mark.browser

IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
CANVAS = "[data-testid=stDeckGlJsonChart] canvas"
DETAIL = ".st-key-bridges_detail"


def _open(page: Any, url: str) -> dict[str, float]:
    """Open a URL, wait for the map to be drawn; the canvas box (CSS pixels)."""
    page.goto(url, wait_until="load")
    page.wait_for_selector(IDLE, timeout=90_000)
    canvas = page.locator(CANVAS).first
    canvas.wait_for(timeout=90_000)
    canvas.scroll_into_view_if_needed()
    page.wait_for_timeout(1500)  # let deck.gl draw its first frame (not an assertion)
    box = canvas.bounding_box()
    assert box is not None
    return box  # type: ignore[no-any-return]


def _screen(
    lon: float, lat: float, view: dict[str, float], box: dict[str, float]
) -> tuple[float, float]:
    """Where deck.gl draws lon/lat on the canvas for a north-up, unpitched view."""
    scale = 512 * 2 ** view["zoom"]

    def x(longitude: float) -> float:
        return (longitude + 180) / 360 * scale

    def y(latitude: float) -> float:
        phi = math.radians(latitude)
        return (0.5 - math.log(math.tan(math.pi / 4 + phi / 2)) / (2 * math.pi)) * scale

    return (
        box["x"] + box["width"] / 2 + x(lon) - x(view["longitude"]),
        box["y"] + box["height"] / 2 + y(lat) - y(view["latitude"]),
    )


def _italy_view(
    data: Dataset, filters: flt.Filters | None = None, zoom_steps: int = 0
) -> dict[str, float]:
    """Where the Italy view opens: on the places the filtered data can draw (as the page)."""
    chosen = filters or flt.Filters()
    origins = flt.origin_countries(chosen.origin) if chosen.origin else None
    extent = tf.map_extent(apply_filters(data, chosen), origins)
    view = charts.opening_view("italy", extent)
    return {
        "latitude": view.latitude,
        "longitude": view.longitude,
        "zoom": view.zoom + zoom_steps,
    }


def _click_and_read_selection(page: Any, x: float, y: float) -> str:
    """Click the map at (x, y), over what the tooltip shows; the selection the page then
    keeps in the address."""
    for _attempt in range(3):
        page.wait_for_selector(IDLE, timeout=60_000)
        # Hover first, as a user does: the click goes where the tooltip says an object is.
        page.mouse.move(x + 4, y + 4)
        page.mouse.move(x, y)
        page.locator(".deck-tooltip").wait_for(timeout=30_000)
        page.mouse.click(x, y)
        try:
            page.wait_for_function("() => location.search.includes('bm_sel=')", timeout=15_000)
            break
        except PlaywrightTimeout:
            # Software WebGL on two busy cores can drop a click while it draws; a user
            # would click again, and so does the test (three times at most).
            continue
    return _selection_in_url(page)


def _selection_in_url(page: Any) -> str:
    page.wait_for_function("() => location.search.includes('bm_sel=')", timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    query = dict(part.split("=", 1) for part in page.url.split("?", 1)[1].split("&"))
    return unquote(query["bm_sel"])


def _lonely_point(data: Dataset, box: dict[str, float]) -> Any:
    """The association point farthest (on screen) from any other, well inside the canvas."""
    points = tf.association_points(data.associations)
    view = _italy_view(data)
    screen = [_screen(p.lon, p.lat, view, box) for p in points.itertuples()]
    best, room = None, 0.0
    for i, (px, py) in enumerate(screen):
        inside = (
            box["x"] + 40 < px < box["x"] + box["width"] - 80
            and box["y"] + 40 < py < box["y"] + box["height"] - 40
        )
        if not inside:
            continue
        nearest = min(math.dist((px, py), other) for j, other in enumerate(screen) if j != i)
        if nearest > room:
            best, room = points.iloc[i], nearest
    assert best is not None and room > 2 * charts.MAX_RADIUS
    return best


NEAR_SOURCE = 0.15  # where on an arc to click: near its Italian end, close to the ground
NEAR_SOURCE_PX = 60.0  # ... and never farther than this from it (a zoomed map: long arcs)


def _on_arc(arc: Any, view: dict[str, float], box: dict[str, float]) -> tuple[float, float]:
    source = _screen(arc.from_lon, arc.from_lat, view, box)
    target = _screen(arc.to_lon, arc.to_lat, view, box)
    length = math.dist(source, target)
    step = min(NEAR_SOURCE * length, NEAR_SOURCE_PX) / length if length else 0.0
    return (
        source[0] + (target[0] - source[0]) * step,
        source[1] + (target[1] - source[1]) * step,
    )


def _inside(point: tuple[float, float], box: dict[str, float], margin: float = 60) -> bool:
    return (
        box["x"] + margin < point[0] < box["x"] + box["width"] - margin
        and box["y"] + margin < point[1] < box["y"] + box["height"] - margin
    )


def _lonely_arc(data: Dataset, box: dict[str, float]) -> tuple[Any, flt.Filters]:
    """A short project arc, alone in the view of its province and country, clickable on screen
    in the view that link opens (zoomed in once by the user)."""
    provinces = reference.load_municipalities().set_index("municipality_istat")["province_istat"]
    arcs = tf.link_arcs(data, "projects")
    length = ((arcs.to_lon - arcs.from_lon) ** 2 + (arcs.to_lat - arcs.from_lat) ** 2) ** 0.5
    for arc in arcs.assign(length=length).sort_values(["length", tf.PAIR]).itertuples():
        filters = flt.Filters(
            origin=(arc.place_country,), province=(provinces[arc.municipality_istat],)
        )
        if len(tf.link_arcs(apply_filters(data, filters), "projects")) != 1:
            continue
        if _inside(_on_arc(arc, _italy_view(data, filters, zoom_steps=1), box), box):
            return arc, filters
    raise AssertionError("no arc of the demo data is alone in its province/country view")


def test_clicking_a_point_opens_its_associations(
    ponti_server: tuple[str, Store], page: Any
) -> None:
    url, store = ponti_server
    data = Dataset.from_tables(store.read_all())
    box = _open(page, f"{url}/bridges?lang=en&bm_view=italy&bm_layers=associations")
    assert box["width"] > 300 and box["height"] > 300
    target = _lonely_point(data, box)
    x, y = _screen(target.lon, target.lat, _italy_view(data), box)
    page.mouse.move(x, y)
    tooltip = page.locator(".deck-tooltip")
    tooltip.wait_for(timeout=30_000)
    assert tooltip.inner_text().startswith(f"{target['name']}:")
    assert _click_and_read_selection(page, x, y) == f"M|{target.municipality_istat}"
    detail = page.locator(DETAIL)
    detail.get_by_text(i18n.t("bridges.detail.title", "en", title=target["name"])).wait_for(
        timeout=60_000
    )
    expected = data.associations[
        data.associations["municipality_istat"] == target.municipality_istat
    ]
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
    assert f"code={target.municipality_istat}" in page.url
    title = page.locator("[data-testid=stMain] h1").first
    expect(title).to_contain_text(str(target["name"]), timeout=60_000)


def test_clicking_an_arc_opens_its_projects_and_keeps_the_view(
    ponti_server: tuple[str, Store], page: Any
) -> None:
    url, store = ponti_server
    data = Dataset.from_tables(store.read_all())
    box = _open(page, f"{url}/bridges?lang=en&bm_view=italy&bm_layers=links")
    arc, filters = _lonely_arc(apply_filters(data, flt.Filters()), box)
    # The link opens the map on the filtered data; the user then zooms in once.
    view = _italy_view(data, filters, zoom_steps=1)
    query = "&".join(f"{k}={v[0]}" for k, v in flt.filters_to_params(filters).items())
    box = _open(
        page,
        f"{url}/bridges?lang=en&bm_view=italy&bm_layers=links&bm_measure=projects&{query}",
    )
    # Zoom in once with the map's own control: the view is now the user's, not the preset.
    page.locator("[data-testid=stDeckGlJsonChart]").get_by_role("button", name="Zoom In").click()
    page.wait_for_timeout(2000)  # the zoom transition (not an assertion)
    x, y = _on_arc(arc, view, box)
    page.mouse.move(x, y)
    tooltip = page.locator(".deck-tooltip")
    tooltip.wait_for(timeout=30_000)
    assert tooltip.inner_text().startswith(f"{arc.from_name} → ")
    selected = _click_and_read_selection(page, x, y)
    assert selected == f"L|{arc.id}"
    detail = page.locator(DETAIL)
    detail.get_by_role("heading").first.wait_for(timeout=60_000)
    selection = tf.parse_selection(selected)
    assert selection is not None
    view_data = apply_filters(data, filters)
    items = tf.selection_items(view_data, selection, "en")
    assert len(items.projects) == arc.projects
    for title in items.projects["title"]:
        expect(detail).to_contain_text(str(title), timeout=60_000)

    # A rerun (another layer switched on): the selection stays, and so does the user's view.
    page.get_by_role("button", name=i18n.t("bridges.layer.twinnings", "en"), exact=True).click()
    page.wait_for_function("() => location.search.includes('bm_layers=twinnings')", timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    assert unquote(page.url).count("bm_sel=L|") == 1
    detail.get_by_text(items.title, exact=False).first.wait_for(timeout=60_000)
    page.mouse.move(x + 1, y + 1)
    page.mouse.move(x, y)
    tooltip.wait_for(timeout=30_000)
    assert tooltip.inner_text().startswith(f"{arc.from_name} → ")
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.external_requests == []  # offline: no basemap, tiles or fonts fetched
    page.screenshot(path=str(store.root.parent / "bridges-arc.png"), full_page=True)


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
    detail.get_by_role("button", name=i18n.t("bridges.detail.clear", "it")).click()
    page.wait_for_function("() => !location.search.includes('bm_sel=')", timeout=60_000)
    detail.get_by_text(i18n.t("bridges.detail.hint", "it")).wait_for(timeout=60_000)
