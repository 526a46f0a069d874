"""The Data page in a real browser: sign in with the staff password, upload a file with errors,
read the report, upload the corrected file in update mode, see the preview, save, find the new
figures on the Overview and the note in the footer, then roll back."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ponti import formats, schema
from ponti.i18n import t, tn
from ponti.store import Store
from tests.conftest import staff_site

pytestmark = pytest.mark.browser
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
PASSWORD = "browser-staff-password"
AUTHOR = "Maria Rossi"
NOTE = "Nuova associazione di Bergamo"
HEADER = "Codice associazione;Nome;Comune;Paesi di origine;Anno di fondazione\n"
# A new association: first with an unknown municipality and a year in words, then corrected.
WITH_ERRORS = HEADER + "ASS-9001;Associazione Prova di Bergamo;Bergamonia;Senegal;duemila\n"
CORRECTED = HEADER + "ASS-9001;Associazione Prova di Bergamo;Bergamo;Senegal;2001\n"


def _settle(page: Any) -> None:
    # An action starts a rerun within moments; wait for it to start (or to have been quick),
    # then for it to end, then for the browser to draw what it sent.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_selector("[data-testid=stApp][data-test-script-state=running]", timeout=1_000)
    page.wait_for_selector(IDLE, timeout=90_000)
    page.wait_for_timeout(500)


def _go(page: Any, label: str) -> None:
    """Another page through the menu: the same session, so still signed in."""
    page.locator("[data-testid=stSidebarNav]").get_by_role("link", name=label).click()
    _settle(page)


def _metric(page: Any, label: str) -> str:
    metric = page.locator("[data-testid=stMetric]", has_text=label).first
    metric.wait_for(timeout=60_000)
    return str(metric.locator("[data-testid=stMetricValue]").inner_text().strip())


def _upload(page: Any, path: Path) -> None:
    page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(path))
    _settle(page)


def test_sign_in_upload_report_correct_save_and_roll_back(
    fresh_store: Store, serve: Any, page: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # serve_ponti hands the server process this process's environment.
    staff_site(monkeypatch, PASSWORD)
    first = fresh_store.current_id()
    before = len(fresh_store.read(schema.ASSOCIATIONS))
    bad, good = tmp_path / "associazioni-nuove.csv", tmp_path / "associazioni-corrette.csv"
    bad.write_text(WITH_ERRORS, encoding="utf-8")
    good.write_text(CORRECTED, encoding="utf-8")
    shots = fresh_store.root.parent

    with serve(fresh_store.root) as url:
        page.goto(f"{url}/data?lang=it", wait_until="load")
        page.wait_for_selector(IDLE, timeout=90_000)
        page.get_by_text(t("staff.title", "it")).wait_for(timeout=60_000)
        assert page.locator("[data-testid=stFileUploader]").count() == 0

        # Sign in.
        page.get_by_label(t("staff.name", "it"), exact=True).fill(AUTHOR)
        page.get_by_label(t("staff.password", "it"), exact=True).fill(PASSWORD)
        page.get_by_role("button", name=t("staff.sign_in", "it")).click()
        _settle(page)
        page.get_by_text(AUTHOR).first.wait_for(timeout=60_000)
        page.get_by_role("tab", name=t("data.tab.import", "it")).click()

        # A file with errors, in update mode: the report.
        _upload(page, bad)
        page.get_by_text(t("data.mode.update", "it")).click()
        _settle(page)
        summary = t(
            "data.report.summary",
            "it",
            errors=tn("data.report.errors", 3, "it"),
            warnings=tn("data.report.warnings", 0, "it"),
            files=tn("data.report.files", 1, "it"),
        )
        page.get_by_text(summary).wait_for(timeout=60_000)
        page.get_by_text(t("data.report.blocked", "it")).wait_for(timeout=60_000)
        with page.expect_download() as download:
            page.get_by_role("button", name=t("data.report.csv", "it")).click()
        report = Path(download.value.path()).read_text(encoding="utf-8-sig")
        assert "unknown-municipality" in report and "bad-year" in report
        assert "Bergamonia" in report and "duemila" in report
        page.screenshot(path=str(shots / "data-report.png"), full_page=True)

        # The corrected file instead: a clean report and the preview.
        page.locator("[data-testid=stFileChipDeleteBtn] button").first.click()
        _settle(page)
        _upload(page, good)
        page.get_by_text(t("data.preview.title", "it")).wait_for(timeout=60_000)
        assert page.get_by_text(t("data.report.blocked", "it")).count() == 0
        page.screenshot(path=str(shots / "data-preview.png"), full_page=True)

        # Save with a note.
        page.get_by_label(t("data.commit.note", "it"), exact=True).fill(NOTE)
        page.get_by_role("button", name=t("data.commit.button", "it")).click()
        _settle(page)
        saved = fresh_store.current()
        assert saved is not None and saved.version_id != first
        assert (saved.note, saved.author) == (NOTE, AUTHOR)
        page.get_by_text(t("data.commit.done", "it", version=saved.version_id)).wait_for(
            timeout=60_000
        )

        # The Overview has the new figure, and the footer credits the import with its note.
        _go(page, t("nav.overview", "it"))
        assert _metric(page, "Associazioni") == formats.format_number(before + 1, "it")
        page.get_by_text(NOTE, exact=False).first.wait_for(timeout=60_000)

        # Roll back to the first version: the Overview counts as before.
        _go(page, t("nav.data", "it"))
        page.get_by_role("tab", name=t("data.tab.history", "it")).click()
        assert first is not None
        confirm = t("data.rollback.confirm", "it", version=first, current=saved.version_id)
        page.get_by_text(confirm).click()
        _settle(page)
        page.get_by_role("button", name=t("data.rollback.button", "it", version=first)).click()
        _settle(page)
        restored = fresh_store.current()
        assert restored is not None and restored.restored_from == first
        page.get_by_text(
            t("data.rollback.done", "it", version=first, new=restored.version_id)
        ).wait_for(timeout=60_000)
        page.screenshot(path=str(shots / "data-history.png"), full_page=True)
        _go(page, t("nav.overview", "it"))
        assert _metric(page, "Associazioni") == formats.format_number(before, "it")
        assert page.locator("[data-testid=stException]").count() == 0
