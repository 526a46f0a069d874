"""Several replicas behind a load balancer (README, "Deployment", "Several replicas"): two Ponti
processes on one folder store behind HAProxy with deploy/haproxy.cfg as shipped, on loopback.
Two browsers land on different replicas and stay there (sticky cookie, WebSocket through the
balancer); a version saved through one replica's Data page shows in the other browser's next
interaction. Needs Debian's haproxy (installed by .ci/run): without it the test fails, never
skips."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ponti import auth, formats, schema
from ponti.i18n import t
from ponti.store import Store
from tests.conftest import REPO

pytestmark = pytest.mark.browser
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
PASSWORD = "replica-staff-password"
AUTHOR = "Maria Rossi"
NOTE = "Salvata attraverso una replica"
CSV = (
    "Codice associazione;Nome;Comune;Paesi di origine;Anno di fondazione\n"
    "ASS-9002;Associazione Prova delle Repliche;Bergamo;Senegal;2003\n"
)


def _settle(page: Any) -> None:
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_selector("[data-testid=stApp][data-test-script-state=running]", timeout=1_000)
    page.wait_for_selector(IDLE, timeout=90_000)
    page.wait_for_timeout(500)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def balancer(replicas: list[str], log: Path) -> Iterator[str]:
    """HAProxy with deploy/haproxy.cfg in front of the two replicas (host:port each)."""
    haproxy = shutil.which("haproxy") or (
        "/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None
    )
    if haproxy is None:
        pytest.fail("No haproxy found: apt-get install haproxy (.ci/run does).", pytrace=False)
    port = _free_port()
    env = {
        **os.environ,
        "PONTI_LB_BIND": f"127.0.0.1:{port}",
        "PONTI_REPLICA_A": replicas[0],
        "PONTI_REPLICA_B": replicas[1],
    }
    with open(log, "w") as out:
        process = subprocess.Popen(
            [haproxy, "-db", "-f", str(REPO / "deploy" / "haproxy.cfg")],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                        if reply.status == 200:
                            break
                except OSError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("HAProxy did not start:\n" + log.read_text())
                time.sleep(0.2)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=10)


def _replica(context: Any) -> str:
    cookies = {c["name"]: c["value"] for c in context.cookies()}
    return str(cookies.get("PONTI_REPLICA", ""))


def _metric(page: Any, label: str) -> str:
    metric = page.locator("[data-testid=stMetric]", has_text=label).first
    metric.wait_for(timeout=60_000)
    return str(metric.locator("[data-testid=stMetricValue]").inner_text().strip())


def test_two_replicas_behind_haproxy_share_each_new_version(
    fresh_store: Store,
    serve: Any,
    browser: Any,
    page: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(auth.STAFF_PASSWORD_ENV, PASSWORD)
    monkeypatch.delenv(auth.DEMO_STAFF_ENV, raising=False)
    monkeypatch.delenv("PONTI_PUBLIC", raising=False)
    before = len(fresh_store.read(schema.ASSOCIATIONS))
    upload = tmp_path / "associazioni-repliche.csv"
    upload.write_text(CSV, encoding="utf-8")
    with (
        serve(fresh_store.root) as first,
        serve(fresh_store.root) as second,
        balancer(
            [first.removeprefix("http://"), second.removeprefix("http://")],
            tmp_path / "haproxy.log",
        ) as url,
    ):
        # Two browsers, each on a replica of its own, kept there by the balancer's cookie.
        other_context = browser.new_context(viewport={"width": 1400, "height": 1000})
        other = other_context.new_page()
        for visitor in (page, other):
            visitor.goto(f"{url}/?lang=it", wait_until="load")
            visitor.wait_for_selector(IDLE, timeout=90_000)
        replicas = {_replica(page.context), _replica(other_context)}
        assert replicas == {"a", "b"}
        shown = _metric(other, "Associazioni")
        assert shown == formats.format_number(before, "it")

        # Staff save a version through the first browser's replica (its Data page).
        page.goto(f"{url}/data?lang=it", wait_until="load")
        page.wait_for_selector(IDLE, timeout=90_000)
        assert _replica(page.context) in replicas
        page.get_by_label(t("staff.name", "it"), exact=True).fill(AUTHOR)
        page.get_by_label(t("staff.password", "it"), exact=True).fill(PASSWORD)
        page.get_by_role("button", name=t("staff.sign_in", "it")).click()
        _settle(page)
        page.get_by_role("tab", name=t("data.tab.import", "it")).click()
        page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(upload))
        _settle(page)
        page.get_by_text(t("data.mode.update", "it")).click()
        _settle(page)
        page.get_by_text(t("data.preview.title", "it")).wait_for(timeout=60_000)
        page.get_by_label(t("data.commit.note", "it"), exact=True).fill(NOTE)
        page.get_by_role("button", name=t("data.commit.button", "it")).click()
        _settle(page)
        saved = fresh_store.current()
        assert saved is not None and saved.note == NOTE

        # The other browser, on the other replica, sees it at its next interaction.
        other.locator("[data-testid=stSidebar]").get_by_text("English", exact=True).click()
        _settle(other)
        assert _metric(other, "Associations") == formats.format_number(before + 1, "en")
        other.get_by_text(saved.version_id, exact=False).first.wait_for(timeout=60_000)
        assert _replica(other_context) != _replica(page.context)
        other_context.close()
    assert page.external_requests == []
