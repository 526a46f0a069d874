"""Presentation material in a real browser (issue #13): a three-item deck built on the Present
page and downloaded; a chart's picture downloaded and its citation copied from a page."""

from __future__ import annotations

import contextlib
import struct
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from ponti import i18n
from ponti.present import items
from ponti.store import Store

pytestmark = pytest.mark.browser
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
CHOSEN = ("headline", "sdg_grid", "funnel")


def _settle(page: Any) -> None:
    # An action starts a rerun within moments; wait for it to start (or to have been quick),
    # then for it to end, then for the browser to draw what it sent.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_selector("[data-testid=stApp][data-test-script-state=running]", timeout=1_000)
    page.wait_for_selector(IDLE, timeout=90_000)
    page.wait_for_timeout(300)


def _texts(slide: Any) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_a_three_item_deck_is_chosen_made_and_downloaded(
    ponti_server: tuple[str, Store], page: Any, tmp_path: Path
) -> None:
    url, store = ponti_server
    page.goto(f"{url}/present?lang=en&pr_items=none", wait_until="load")
    page.wait_for_selector(IDLE, timeout=90_000)
    chooser = page.get_by_role("combobox", name=i18n.t("present.items.label", "en"))
    chooser.wait_for(timeout=60_000)
    for code in CHOSEN:
        chooser.click()
        chooser.fill(items.item_title(code, "en"))
        chooser.press("Enter")
        _settle(page)
    page.keyboard.press("Escape")
    assert "pr_items=" + "%2C".join(CHOSEN) in page.url
    title = page.get_by_label(i18n.t("present.deck_title.label", "en"))
    title.fill("Diaspora Summit 2026")
    title.press("Enter")
    _settle(page)

    page.get_by_role("button", name=i18n.tn("present.make", len(CHOSEN) + 1, "en")).click()
    download_button = page.get_by_role("button", name=i18n.t("present.download", "en"))
    download_button.wait_for(timeout=180_000)
    with page.expect_download(timeout=60_000) as download:
        download_button.click()
    assert download.value.suggested_filename.startswith("ponti-deck-")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)

    deck = Presentation(str(saved))
    slides = list(deck.slides)
    assert len(slides) == len(CHOSEN) + 1
    assert "Diaspora Summit 2026" in _texts(slides[0])
    version = store.current()
    assert version is not None and version.version_id in _texts(slides[0])
    # The grid as a picture, the funnel as a chart PowerPoint can restyle, in the order chosen.
    grid, funnel = slides[2], slides[3]
    assert any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in grid.shapes)
    assert any(s.has_chart for s in funnel.shapes)
    assert i18n.t("present.item.funnel", "en") in _texts(funnel) or funnel.shapes.title
    assert page.external_requests == []


def test_a_charts_picture_downloads_and_its_citation_reopens_the_view(
    ponti_server: tuple[str, Store], page: Any, tmp_path: Path
) -> None:
    url, store = ponti_server
    page.goto(f"{url}/funding?lang=en&origin=SEN", wait_until="load")
    page.wait_for_selector(IDLE, timeout=90_000)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=90_000)
    # Plotly's own toolbar (English only, pictures without title or source) is not there.
    assert page.locator(".modebar-container .modebar-btn").count() == 0

    first = page.locator("[class*=st-key-ponti-figure-ponti-funding-funnel]")
    with page.expect_download(timeout=120_000) as download:
        first.get_by_role("button", name="PNG").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.startswith("ponti-funding-funnel-count-") and saved.suffix == ".png"
    data = saved.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, _height = struct.unpack(">II", data[16:24])
    assert width >= 1600 and len(data) > 20_000

    first.get_by_role("button", name=i18n.t("cite.label", "en")).click()
    citation = page.locator("[data-testid=stPopoverBody] code").first
    citation.wait_for(timeout=30_000)
    text = citation.inner_text()
    version = store.current()
    assert version is not None and version.version_id in text
    assert "Senegal" in text
    link = text.split()[-1]
    assert link.startswith(f"{url}/funding?") and "origin=SEN" in link and "lang=en" in link
    # The link reopens the same view.
    page.goto(link, wait_until="load")
    page.wait_for_selector(IDLE, timeout=90_000)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=90_000)
    assert "origin=SEN" in page.url
    assert page.external_requests == []
