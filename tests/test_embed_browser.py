"""Embedded views in a partner's page: each view in iframes 390, 600 and 1000 px wide on a local
test page of another origin, drawn by a real Ponti server in Playwright's Chromium."""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ponti import embed, privacy
from ponti import filters as flt
from ponti.store import Store
from ponti.transforms import Dataset, apply_filters
from ponti.transforms import twinnings as twinnings_tf

pytestmark = pytest.mark.browser

# Each view with its subject and a filter that narrows it, in English.
ADDRESSES: dict[str, tuple[dict[str, str], flt.Filters]] = {
    "map": ({"origin": "SEN", "bm_measure": "projects"}, flt.Filters(origin=("SEN",))),
    "sdg": ({"sdg": "4"}, flt.Filters(sdg=(4,))),
    "funding": ({"funder": "aics"}, flt.Filters(funder_type=("aics",))),
    "twinnings": ({"region": "08"}, flt.Filters(region=("08",))),
    "city": ({"code": "035033", "origin": "PAK"}, flt.Filters(origin=("PAK",))),
    "association": ({"id": "ASS-0034"}, flt.Filters()),
}
# What each view draws once its data has arrived.
DRAWN = {
    "map": "[data-testid=stPlotlyChart] .main-svg .scatterlayer",
    "twinnings": "[data-testid=stPlotlyChart] .main-svg .scatterlayer",
    "sdg": ".js-plotly-plot .main-svg",
    "funding": ".js-plotly-plot .main-svg",
    "city": "h3",
    "association": "[data-testid=stMarkdownContainer] li",
}
# The partner's page: frames of one view at the tested widths, each with its documented
# height, and a listener that keeps the last height each frame reported.
HOST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A partner's page</title></head>
<body style="margin:8px">
<script>
window.pontiHeights = {{}};
window.addEventListener("message", function (event) {{
  if (!event.data || event.data.type !== "{message}") return;
  document.querySelectorAll("iframe").forEach(function (frame) {{
    if (frame.contentWindow === event.source) window.pontiHeights[frame.id] = event.data.height;
  }});
}});
</script>
{frames}
</body></html>"""
# Everything a reader must see whole: figures, their labels, the title. Cut text shows as an
# element narrower than what it holds (Streamlit cuts a metric's value with "…").
CLIPPED_JS = """() => [...document.querySelectorAll(
    '[data-testid=stMetricValue] > div, [data-testid=stMetricLabel] p, h1')]
  .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"""
LAYOUT_JS = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  const block = document.querySelector('[data-testid=stMainBlockContainer]');
  const sidebar = document.querySelector('[data-testid=stSidebar]');
  return {
    overflowX: main.scrollWidth - main.clientWidth,
    bottom: block.getBoundingClientRect().bottom,
    sidebar: sidebar !== null && sidebar.getBoundingClientRect().width > 0,
    values: [...document.querySelectorAll('[data-testid=stMetricValue]')].map(e => e.innerText),
    labels: [...document.querySelectorAll('[data-testid=stMetricLabel]')].map(e => e.innerText),
    links: [...document.querySelectorAll('a[target=_blank]')].map(a => a.getAttribute('href')),
  };
}"""


@contextlib.contextmanager
def host(page_html: str) -> Iterator[str]:
    """The partner's page, served on loopback by a tiny HTTP server of its own (another
    origin than Ponti's, as on a real partner site)."""
    body = page_html.encode("utf-8")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200 if self.path == "/" else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            if self.path == "/":
                self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _expected(store: Store, view: str) -> embed.EmbedView:
    data = Dataset.from_tables(privacy.public_tables(store.read_all()))
    params, filters = ADDRESSES[view]
    pairs = twinnings_tf.opportunity_pairs(data)
    source = embed.Source(
        data=data, view=apply_filters(data, filters), filters=filters, pairs=lambda: pairs
    )
    query = {"view": [view], "lang": ["en"], **{k: [v] for k, v in params.items()}}
    return embed.build_view(embed.parse_request(query), source)


def _settled_height(page, frame, width: int) -> float:  # type: ignore[no-untyped-def]
    """The last height the frame reported, once it agrees with the view's (10 s at most)."""
    for _ in range(50):
        reported = page.evaluate(f"() => window.pontiHeights['w{width}'] || 0")
        if reported and abs(reported - frame.evaluate(LAYOUT_JS)["bottom"]) <= 2:
            return float(reported)
        page.wait_for_timeout(200)
    return float(page.evaluate(f"() => window.pontiHeights['w{width}'] || 0"))


@pytest.mark.parametrize("view", embed.VIEWS)
def test_each_view_is_whole_in_frames_of_a_partners_page(
    ponti_server: tuple[str, Store],
    page,  # type: ignore[no-untyped-def]
    view: str,
    tmp_path: Path,
) -> None:
    url, store = ponti_server
    params, _ = ADDRESSES[view]
    src = embed.embed_src(
        url, embed.embed_query(view, lang="en") | {k: [v] for k, v in params.items()}
    )
    frames = "\n".join(
        embed.iframe_snippet(
            src, title=f"Ponti {width}", width=width, height=embed.frame_height(view, width)
        ).replace("<iframe ", f'<iframe id="w{width}" ', 1)
        for width in embed.WIDTHS
    )
    expected = _expected(store, view)
    page.set_viewport_size({"width": 1700, "height": 1000})
    with host(HOST_PAGE.format(message=embed.HEIGHT_MESSAGE, frames=frames)) as address:
        page.goto(address, wait_until="load")
        for width in embed.WIDTHS:
            # Chromium pauses the drawing of frames out of sight (and so their ResizeObserver):
            # look at each, as a reader scrolling the partner's page does.
            page.locator(f"#w{width}").scroll_into_view_if_needed()
            frame = page.locator(f"#w{width}").element_handle().content_frame()
            frame.wait_for_selector(
                "[data-testid=stApp][data-test-script-state=notRunning]", timeout=90_000
            )
            frame.wait_for_selector(DRAWN[view], timeout=90_000)
            # Every headline figure drawn (a frame can show the view's text a moment before
            # its figures): a view that never draws them times out here and fails.
            frame.wait_for_function(
                "n => document.querySelectorAll('[data-testid=stMetricValue]').length >= n",
                arg=len(expected.figures),
                timeout=30_000,
            )
            frame.wait_for_timeout(500)
            # The chosen view, with the address's filters applied.
            assert frame.locator("h1").first.inner_text().strip() == expected.title
            layout = frame.evaluate(LAYOUT_JS)
            assert layout["values"] == [f.value for f in expected.figures], width
            assert layout["labels"] == [f.label for f in expected.figures], width
            assert frame.locator("[data-testid=stException]").count() == 0
            # Nothing cut: figures, labels and title whole; no sideways scrolling; no sidebar.
            assert frame.evaluate(CLIPPED_JS) == [], width
            assert layout["overflowX"] <= 1, width
            assert not layout["sidebar"]
            # The documented height shows all of it.
            height = embed.frame_height(view, width)
            assert layout["bottom"] <= height, (width, layout["bottom"], height)
            # "Open in Ponti" opens the full view with the same filters, in a new tab.
            assert expected.link in layout["links"]
            # The height arrives at the partner's page, and follows the view as it settles.
            reported = _settled_height(page, frame, width)
            assert abs(reported - frame.evaluate(LAYOUT_JS)["bottom"]) <= 2, width
            assert reported > 500
        page.screenshot(path=str(tmp_path / f"embed-{view}.png"), full_page=True)
    assert page.external_requests == []


def test_public_mode_answers_a_staff_pages_address_as_an_unknown_page(
    fresh_store: Store,
    serve,  # type: ignore[no-untyped-def]
    page,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The data-management page will live at /data: in public mode no page has that address.
    monkeypatch.setenv("PONTI_PUBLIC", "1")
    with serve(fresh_store.root) as url:
        page.goto(f"{url}/data?lang=en", wait_until="load")
        dialog = page.locator("[data-testid=stDialog]")
        dialog.wait_for(timeout=90_000)
        assert "Page not found" in dialog.inner_text()
        page.wait_for_selector(
            "[data-testid=stApp][data-test-script-state=notRunning]", timeout=90_000
        )
        nav = page.locator("[data-testid=stSidebarNav] a").all_inner_texts()
        assert nav and not any("data" in item.lower() for item in nav)
    assert page.external_requests == []
