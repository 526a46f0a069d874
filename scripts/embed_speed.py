"""How much an embedded view costs: python scripts/embed_speed.py [--loads N] [--views ...].

Starts Ponti (``streamlit run serve.py``) on a copy of the demo data in a temporary folder and
opens each embedded view in headless Chromium (PONTI_CHROMIUM or ``chromium`` on PATH, as the
browser tests). For each view it prints the server process's CPU time per load (user +
system, from /proc) and the time from the request to the view drawn:

- first: the first visitor of that address since the server started (the view is built);
- new visitor: later visitors without a browser cache (Ponti's JavaScript is served again);
- returning: later visitors whose browser has Ponti's files cached (a new session each time).

The server runs in public mode (``PONTI_PUBLIC=1``), as a public deployment does: serve.py
then turns off Streamlit's file watcher, "magic" and full garbage collection after every
script run; ``--streamlit-defaults`` measures a server with Streamlit's defaults instead.
Prints figures, asserts nothing. Linux only (/proc). Needs requirements-dev.txt (Playwright).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

import loaders
from ponti import embed
from ponti.store import Store
from scripts.serving import cpu_seconds, serve

REPO = Path(__file__).resolve().parent.parent
ADDRESSES: dict[str, str] = {
    "map": "",
    "sdg": "",
    "funding": "",
    "twinnings": "",
    "city": "&code=035033",
    "association": "&id=ASS-0034",
}
DRAWN: dict[str, str] = {
    "map": "[data-testid=stPlotlyChart] .main-svg .scatterlayer .trace",
    "twinnings": "[data-testid=stPlotlyChart] .main-svg .scatterlayer .trace",
    "sdg": ".js-plotly-plot .main-svg",
    "funding": ".js-plotly-plot .main-svg",
    "city": "h3",
    "association": "[data-testid=stMarkdownContainer] li",
}
IDLE_WAIT = 0.5  # seconds for the server to finish with a visitor before its CPU is read


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="CPU and time of one embedded view load.")
    parser.add_argument("--loads", type=int, default=5, help="loads per view (%(default)s)")
    parser.add_argument(
        "--views", nargs="+", choices=embed.VIEWS, default=list(embed.VIEWS), help="views"
    )
    parser.add_argument(
        "--streamlit-defaults",
        action="store_true",
        help="not in public mode: Streamlit's default settings",
    )
    return parser


@contextmanager
def _ponti(root: Path, *, public: bool) -> Iterator[tuple[str, int]]:
    """Ponti served from the store at root, in public mode or not: address, process id."""
    with (
        tempfile.TemporaryDirectory(prefix="ponti-embed-speed-") as logs,
        serve(root, Path(logs), env={embed.PUBLIC_ENV: "1" if public else "0"}) as server,
    ):
        yield server.url, server.process.pid


def _load(browser: Browser, url: str, view: str, pid: int, *, cached: bool) -> tuple[float, float]:
    """One visitor opening one view: (server CPU seconds, seconds from request to drawn)."""
    context = browser.new_context(viewport={"width": 600, "height": 900})
    if cached:  # a returning visitor: Ponti's files already in the browser's cache
        warm = context.new_page()
        warm.goto(url + "/?embed=true&view=nothing", wait_until="load")
        warm.wait_for_selector("h1", timeout=90_000)
        warm.close()
        time.sleep(IDLE_WAIT)
    page = context.new_page()
    before = cpu_seconds(pid)
    start = time.perf_counter()
    page.goto(f"{url}/?embed=true&view={view}&lang=it{ADDRESSES[view]}", wait_until="commit")
    page.wait_for_selector(DRAWN[view], timeout=90_000)
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]")
    drawn = time.perf_counter() - start
    context.close()
    time.sleep(IDLE_WAIT)
    return cpu_seconds(pid) - before, drawn


def main(argv: Sequence[str] | None = None) -> int:
    """Serve Ponti on the demo data and print what each embedded view load costs."""
    args = _parser().parse_args(argv)
    chromium = os.environ.get("PONTI_CHROMIUM") or shutil.which("chromium")
    if not chromium:
        print("No Chromium found: install it or set PONTI_CHROMIUM.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "store"
        loaders.seed_demo(Store(root))
        public = not args.streamlit_defaults
        with _ponti(root, public=public) as (url, pid), sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
            )
            # The process's own start (imports, the version's tables): not a visitor's cost.
            _load(browser, url, "funding", pid, cached=False)
            print(
                f"{'view':<12} {'first CPU':>9} {'new CPU':>8} {'new drawn':>9} "
                f"{'ret. CPU':>8} {'ret. drawn':>10}  (seconds; {args.loads} loads)"
            )
            for view in args.views:
                first_cpu, _ = _load(browser, url, view, pid, cached=False)
                new = [_load(browser, url, view, pid, cached=False) for _ in range(args.loads)]
                back = [_load(browser, url, view, pid, cached=True) for _ in range(args.loads)]
                print(
                    f"{view:<12} {first_cpu:>9.3f} "
                    f"{statistics.mean(c for c, _ in new):>8.3f} "
                    f"{statistics.mean(d for _, d in new):>9.2f} "
                    f"{statistics.mean(c for c, _ in back):>8.3f} "
                    f"{statistics.mean(d for _, d in back):>10.2f}"
                )
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
