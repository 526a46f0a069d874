"""Take the README's screenshots of a running Ponti: python scripts/screenshot.py [URL].

Start Ponti first (bash scripts/run.sh); needs requirements-dev.txt (Playwright) and a
system Chromium (PONTI_CHROMIUM or `chromium` on PATH). Writes docs/<page>-<width>.png for a
desktop (1440 px, the first screen) and a phone (390 px, the whole page), unless --out says
where (tests/test_commands.py writes into a temporary folder).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = {
    "overview": "/",
    "bridges": "/bridges",
    "twinnings": "/twinnings",
    "municipality": "/municipality?code=035033",  # Reggio nell'Emilia's profile
    "associations": "/associations?as_q=senegal",  # the directory, searched
    "association": "/association?id=ASS-0034",  # a profile with projects, partners and leads
    "agenda": "/agenda",
    "funding": "/funding",
    "embed-map": "/?embed=true&view=map&lang=it",  # the map a partner's page can show
}
# Width -> (viewport height, whole page?): a desktop's first screen; a phone's whole page,
# so that what a reader scrolls through can be looked at for overlaps.
WIDTHS: dict[int, tuple[int, bool]] = {1440: (900, False), 390: (844, True)}


def file_names(pages: Sequence[str] = tuple(PAGES)) -> list[str]:
    """The files a run writes, <page>-<width>.png."""
    return [f"{page}-{width}.png" for width in WIDTHS for page in pages]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Save a PNG of each Ponti page.")
    parser.add_argument(
        "url", nargs="?", default="http://localhost:8501", help="Ponti's address (%(default)s)"
    )
    parser.add_argument(
        "--pages",
        nargs="+",
        choices=list(PAGES),
        default=list(PAGES),
        help="the pages to take (default: all)",
    )
    parser.add_argument(
        "--out", type=Path, default=DOCS, help="folder for the PNG files (default: docs/)"
    )
    parser.add_argument(
        "--settle",
        type=float,
        default=4.0,
        metavar="SECONDS",
        help="wait after each page has run, for maps and charts to draw (default: %(default)s)",
    )
    return parser


# Streamlit scrolls inside its main container, not the document, so a "full page" screenshot
# would only show one screen: the window is made as tall as the content instead.
CONTENT_HEIGHT_JS = """() => Math.max(...Array.from(document.querySelectorAll(
    '[data-testid=stMain], [data-testid=stAppViewContainer]')).map(e => e.scrollHeight))"""
MAX_HEIGHT = 16_000


def _grow_to_content(page: Page, width: int, settle: float) -> None:
    height = int(page.evaluate(CONTENT_HEIGHT_JS))
    page.set_viewport_size({"width": width, "height": min(max(height, 1), MAX_HEIGHT)})
    page.wait_for_timeout(settle * 500)  # charts redraw for the new size


def main(argv: Sequence[str] | None = None) -> int:
    """Open each page in Chromium and save a PNG of it into docs/ (or --out)."""
    args = _parser().parse_args(argv)
    chromium = os.environ.get("PONTI_CHROMIUM") or shutil.which("chromium")
    if not chromium:
        print("No Chromium found: install it or set PONTI_CHROMIUM.", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
        )
        for width, (height, whole) in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for name in args.pages:
                path = PAGES[name]
                page.goto(args.url.rstrip("/") + path, wait_until="load")
                page.wait_for_selector("[data-testid=stMain]", timeout=90_000)
                page.wait_for_selector(
                    "[data-testid=stApp][data-test-script-state=notRunning]", timeout=90_000
                )
                page.wait_for_timeout(args.settle * 1000)
                target = args.out / f"{name}-{width}.png"
                if whole:
                    _grow_to_content(page, width, args.settle)
                page.screenshot(path=str(target))
                if whole:
                    page.set_viewport_size({"width": width, "height": height})
                print(f"wrote {target}")
            page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
