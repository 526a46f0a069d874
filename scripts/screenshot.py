"""Take the README's screenshots of a running Ponti: python scripts/screenshot.py [URL].

Start Ponti first (bash scripts/run.sh); needs requirements-dev.txt (Playwright) and a
system Chromium (PONTI_CHROMIUM or `chromium` on PATH).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = {
    "overview.png": "/",
    "bridges.png": "/bridges",
    "agenda.png": "/agenda",
    "funding.png": "/funding",
}


def main() -> int:
    """Open each page in Chromium and save a PNG of it into docs/."""
    base = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8501"
    chromium = os.environ.get("PONTI_CHROMIUM") or shutil.which("chromium")
    if not chromium:
        print("No Chromium found: install it or set PONTI_CHROMIUM.", file=sys.stderr)
        return 1
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        for name, path in PAGES.items():
            page.goto(base + path, wait_until="load")
            page.wait_for_selector("[data-testid=stMain]", timeout=90_000)
            page.wait_for_selector(
                "[data-testid=stApp][data-test-script-state=notRunning]", timeout=90_000
            )
            page.wait_for_timeout(4000)  # let maps and charts finish drawing
            page.screenshot(path=str(DOCS / name))
            print(f"wrote docs/{name}")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
