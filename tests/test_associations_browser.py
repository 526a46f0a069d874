"""The associations directory in a real browser: a search typed, a profile opened by the link
in its name, and no contact detail anywhere in the profile."""

from __future__ import annotations

import contextlib
import re
from typing import Any

import pandas as pd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from ponti import formats, i18n, schema
from ponti.store import Store

pytestmark = pytest.mark.browser
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
RAVENNA = "ASS-0011"
RAVENNA_NAME = "Associazione Senegalesi di Ravenna"


def _settle(page: Any) -> None:
    # An action starts a rerun within moments; wait for it to start (or to have been quick),
    # then for it to end, then for the browser to draw what it sent.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_selector("[data-testid=stApp][data-test-script-state=running]", timeout=1_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_timeout(500)


def _contacts() -> set[str]:
    """The demo's (fictitious) contact details, as the shipped file writes them."""
    from tests.conftest import REPO

    demo = pd.read_csv(REPO / "data" / "demo" / "associations.csv", dtype=str)
    private = sorted(schema.PRIVATE_COLUMNS)
    found = {str(v).strip() for v in demo[private].stack().dropna() if str(v).strip()}
    assert len(found) > 300
    return found


def test_search_open_a_profile_by_its_link_and_see_no_contact(
    ponti_server: tuple[str, Store], page: Any
) -> None:
    url, store = ponti_server
    total = len(store.read(schema.ASSOCIATIONS))
    page.goto(f"{url}/associations?lang=en", wait_until="load")
    page.wait_for_selector(IDLE, timeout=90_000)
    search = page.locator("[data-testid=stTextInput] input")
    search.wait_for(timeout=60_000)

    # Type a search the way people do: capitals, and only parts of words.
    search.fill("SENEGALESI RAVEN")
    search.press("Enter")
    _settle(page)
    assert "as_q=SENEGALESI+RAVEN" in page.url
    count = i18n.tn("associations.count", 1, "en", total=formats.format_number(total, "en"))
    page.get_by_text(count).wait_for(timeout=60_000)
    grid = page.locator("[data-testid=stDataFrame]").first
    grid.wait_for(timeout=60_000)
    page.wait_for_timeout(500)

    # The row's link column opens the profile by its id. The grid draws on a canvas; its cells
    # (the link's address included) are also in an accessible table, where the test reads it.
    expect(grid).to_contain_text(f"association?id={RAVENNA}&lang=en", timeout=60_000)
    found = re.search(r"association\?id=[\w-]+&lang=en", grid.text_content() or "")
    assert found is not None and found.group(0) == f"association?id={RAVENNA}&lang=en"
    profile = page.context.new_page()
    profile.goto(f"{url}/{found.group(0)}", wait_until="load")
    profile.wait_for_load_state("load")
    profile.wait_for_selector(IDLE, timeout=90_000)
    assert "/association?" in profile.url and f"id={RAVENNA}" in profile.url
    title = profile.locator("[data-testid=stMain] h1").first
    title.wait_for(timeout=60_000)
    assert RAVENNA_NAME in title.inner_text()
    profile.get_by_role("heading", name=i18n.t("association.leads.title", "en")).first.wait_for(
        timeout=60_000
    )
    profile.wait_for_selector("[data-testid=stDeckGlJsonChart]", timeout=60_000)
    # The address keeps the id, drops the name the link carried, and keeps the language.
    assert "name=" not in profile.url.split("?", 1)[1] and "lang=en" in profile.url
    assert profile.locator("[data-testid=stException]").count() == 0

    # No contact detail, in what the page shows or anywhere in its document.
    text = profile.locator("body").inner_text() + profile.content()
    assert "Senegal" in text
    leaked = {value for value in _contacts() if value in text}
    assert not leaked, sorted(leaked)[:5]
    assert page.external_requests == []
