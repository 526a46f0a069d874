"""Several replicas behind a load balancer (README, "Deployment", "Several replicas"): two Ponti
processes on one store behind HAProxy with deploy/haproxy.cfg as shipped, on loopback, once on a
folder store and once on a PostgreSQL store (the replicas given PONTI_DATABASE_URL). Two
browsers land on different replicas and stay there (sticky cookie, WebSocket through the
balancer); a version saved through one replica's Data page shows in the other browser's next
interaction. Needs Debian's haproxy (installed by .ci/run): without it the test fails, never
skips; without PostgreSQL the PostgreSQL case is skipped locally and fails in CI (CI=true), as
every store test on PostgreSQL does (conftest's pg_server)."""

from __future__ import annotations

import contextlib
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ponti import auth, formats, schema
from ponti.i18n import t
from ponti.store import Store, VersionStore, copy_store
from ponti.store_pg import PgStore
from scripts.balancer import MISSING, find_haproxy, haproxy
from tests.conftest import PgServer, store_env

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


def _replica(context: Any) -> str:
    cookies = {c["name"]: c["value"] for c in context.cookies()}
    return str(cookies.get("PONTI_REPLICA", ""))


def _metric(page: Any, label: str) -> str:
    metric = page.locator("[data-testid=stMetric]", has_text=label).first
    metric.wait_for(timeout=60_000)
    return str(metric.locator("[data-testid=stMetricValue]").inner_text().strip())


@pytest.fixture
def shared_store(
    store_backend: str, fresh_store: Store, request: pytest.FixtureRequest
) -> Iterator[VersionStore]:
    """The store both replicas serve, holding the demo: the folder store, or a fresh
    PostgreSQL database the demo is copied into (as `python -m loaders copy-store` does)."""
    if store_backend == "folder":
        yield fresh_store
        return
    server: PgServer = request.getfixturevalue("pg_server")
    store = PgStore(server.new_database())
    copy_store(fresh_store, store)
    yield store
    store.close()


def test_two_replicas_behind_haproxy_share_each_new_version(
    shared_store: VersionStore,
    fresh_store: Store,
    serve: Any,
    browser: Any,
    page: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if find_haproxy() is None:
        pytest.fail(MISSING, pytrace=False)
    monkeypatch.setenv(auth.STAFF_PASSWORD_ENV, PASSWORD)
    monkeypatch.delenv(auth.DEMO_STAFF_ENV, raising=False)
    monkeypatch.delenv("PONTI_PUBLIC", raising=False)
    before = len(shared_store.read(schema.ASSOCIATIONS))
    upload = tmp_path / "associazioni-repliche.csv"
    upload.write_text(CSV, encoding="utf-8")
    # Both replicas are told the store as a deployment tells them: PONTI_DATABASE_URL for
    # PostgreSQL (the folder beside it unused), or PONTI_DATA_DIR.
    env = store_env(shared_store)
    with (
        serve(fresh_store.root, env) as first,
        serve(fresh_store.root, env) as second,
        haproxy([first, second], tmp_path / "haproxy.log") as balancer,
    ):
        url = balancer.url
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
        saved = shared_store.current()
        assert saved is not None and saved.note == NOTE and saved.author == AUTHOR
        if isinstance(shared_store, PgStore):
            # Saved in the database, not in the folder both replicas were also given.
            assert [v.version_id for v in fresh_store.versions()] == ["v0001"]

        # The other browser, on the other replica, sees it at its next interaction.
        other.locator("[data-testid=stSidebar]").get_by_text("English", exact=True).click()
        _settle(other)
        assert _metric(other, "Associations") == formats.format_number(before + 1, "en")
        other.get_by_text(saved.version_id, exact=False).first.wait_for(timeout=60_000)
        assert _replica(other_context) != _replica(page.context)
        other_context.close()
    assert page.external_requests == []


def _get(url: str, cookie: str) -> tuple[int, str]:
    """A page request carrying the balancer's cookie: the status and the cookie set."""
    request = urllib.request.Request(f"{url}/?lang=it", headers={"Cookie": cookie})
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return int(reply.status), str(reply.headers.get("Set-Cookie") or "")
    except urllib.error.HTTPError as exc:
        return int(exc.code), ""


def test_a_visitor_of_a_stopped_replica_is_sent_to_the_other(
    fresh_store: Store, serve: Any, tmp_path: Path
) -> None:
    # Before its health checks mark a stopped replica DOWN (three failed checks), the
    # balancer retries its visitors' requests on the other replica ("option redispatch")
    # rather than answering 503; the new cookie keeps them there.
    if find_haproxy() is None:
        pytest.fail(MISSING, pytrace=False)
    with contextlib.ExitStack() as first_only:
        first = first_only.enter_context(serve(fresh_store.root))
        with (
            serve(fresh_store.root) as second,
            haproxy([first, second], tmp_path / "haproxy.log") as balancer,
        ):
            assert _get(balancer.url, "PONTI_REPLICA=a") == (200, "")
            first_only.close()  # replica a stops
            status, cookie = _get(balancer.url, "PONTI_REPLICA=a")
            assert status == 200
            assert cookie.startswith("PONTI_REPLICA=b;")
            assert _get(balancer.url, "PONTI_REPLICA=b") == (200, "")
