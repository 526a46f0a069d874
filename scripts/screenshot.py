"""Take the README's screenshots of a running Ponti: python scripts/screenshot.py [URL].

Start Ponti first (bash scripts/run.sh); needs requirements-dev.txt (Playwright) and a
system Chromium (PONTI_CHROMIUM or `chromium` on PATH). Writes docs/*.png unless --out says
where (tests/test_commands.py writes into a temporary folder).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from playwright.sync_api import sync_playwright

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = {
    "overview.png": "/",
    "bridges.png": "/bridges",
    "agenda.png": "/agenda",
    "funding.png": "/funding",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Save a PNG of each Ponti page.")
    parser.add_argument(
        "url", nargs="?", default="http://localhost:8501", help="Ponti's address (%(default)s)"
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
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        for name, path in PAGES.items():
            page.goto(args.url.rstrip("/") + path, wait_until="load")
            page.wait_for_selector("[data-testid=stMain]", timeout=90_000)
            page.wait_for_selector(
                "[data-testid=stApp][data-test-script-state=notRunning]", timeout=90_000
            )
            page.wait_for_timeout(args.settle * 1000)
            target = args.out / name
            page.screenshot(path=str(target))
            print(f"wrote {target}")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
