"""Shared fixtures: a store seeded with the demo data, in a temporary folder."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

import loaders
from ponti.store import DATA_DIR_ENV, Store

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def _seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Import the demo once per test session; tests get their own copy of the result.
    root = tmp_path_factory.mktemp("store-template")
    version, report = loaders.seed_demo(Store(root))
    assert version is not None, report.to_text()
    return root


@pytest.fixture
def demo_store(_seeded_template: Path, tmp_path: Path) -> Store:
    """A private store holding one version: the demo data."""
    root = tmp_path / "store"
    shutil.copytree(_seeded_template, root)
    return Store(root)


@dataclass
class Offered:
    """What a page offers for download: files by name as the user gets them, and the pictures
    (charts and maps as PNG/SVG, drawn in Chromium only when clicked) by name, still undrawn."""

    files: dict[str, bytes] = field(default_factory=dict)
    images: dict[str, Callable[[], bytes]] = field(default_factory=dict)


@pytest.fixture
def offered(monkeypatch: pytest.MonkeyPatch) -> Offered:
    """Records every download a page offers (see ``downloads`` and ``image_downloads``)."""
    record = Offered()
    original = MemoryMediaFileStorage.load_and_get_id
    original_deferred = MediaFileManager.add_deferred

    def recording(self: Any, path_or_data: Any, mimetype: str, kind: Any, filename: Any = None):  # type: ignore[no-untyped-def]
        if filename and isinstance(path_or_data, bytes):
            record.files[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    def recording_deferred(
        self: Any,
        data_callable: Any,
        mimetype: Any,
        coordinates: str,
        file_name: Any = None,
        **kwargs: Any,
    ) -> str:
        if file_name and str(mimetype).startswith("image/"):
            record.images[file_name] = data_callable
        elif file_name:
            record.files[file_name] = data_callable()
        return original_deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", recording)
    monkeypatch.setattr(MediaFileManager, "add_deferred", recording_deferred)
    return record


@pytest.fixture
def downloads(offered: Offered) -> dict[str, bytes]:
    """Every file a page offers for download, by its file name, as the user gets it.

    A file the page writes only when clicked (a callable given to st.download_button) is
    written here at once, as a click would. Pictures of charts and maps are left out (each
    takes Chromium a second or more): ``image_downloads`` has them.
    """
    return offered.files


@pytest.fixture
def image_downloads(offered: Offered) -> dict[str, Callable[[], bytes]]:
    """Every chart or map picture a page offers, by file name: call one to draw it, as a click
    would."""
    return offered.images


@pytest.fixture
def demo_env(demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The demo store, named by PONTI_DATA_DIR as the dashboard reads it."""
    monkeypatch.setenv(DATA_DIR_ENV, str(demo_store.root))
    yield demo_store


# -- browser tests ------------------------------------------------------------------------
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _find_chromium() -> str | None:
    explicit = os.environ.get("PONTI_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """A system Chromium; its absence FAILS the browser tests (they never skip)."""
    found = _find_chromium()
    if found is None:
        pytest.fail(
            "No Chromium found for the browser tests. Install Debian's chromium "
            "(apt-get install chromium) or set PONTI_CHROMIUM=/path/to/chromium.",
            pytrace=False,
        )
    return found


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serve_ponti(root: Path) -> Iterator[str]:
    """A fresh Streamlit process serving Ponti on loopback from the store at root."""
    port = _free_port()
    env = {**os.environ, DATA_DIR_ENV: str(root)}
    log_path = root.parent / f"streamlit-{port}.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(REPO / "serve.py"),
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
            ],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while not _healthy(url):
                if process.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    pytest.fail("Streamlit did not start:\n" + log_path.read_text())
                time.sleep(0.3)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
            return bool(reply.status == 200)
    except OSError:
        return False


@pytest.fixture
def serve():  # type: ignore[no-untyped-def]
    """serve_ponti, for tests that need a server process of their own."""
    return serve_ponti


@pytest.fixture
def fresh_store(_seeded_template: Path, tmp_path: Path) -> Store:
    """A private copy of the demo store (for a server of a test's own)."""
    root = tmp_path / "store"
    shutil.copytree(_seeded_template, root)
    return Store(root)


@pytest.fixture(scope="session")
def ponti_server(
    _seeded_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Store]]:
    """Ponti served by a real Streamlit process on loopback, on a copy of the demo store."""
    root = tmp_path_factory.mktemp("served") / "store"
    shutil.copytree(_seeded_template, root)
    with serve_ponti(root) as url:
        yield url, Store(root)


@pytest.fixture
def chromium(chromium_path: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """kaleido draws pictures with the Chromium the browser tests use (never a downloaded one)."""
    monkeypatch.setenv("BROWSER_PATH", chromium_path)
    return chromium_path


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[object]:
    """Playwright's Chromium API driving the system Chromium (never a downloaded one)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    """A fresh page that records every request leaving the machine."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    new_page = context.new_page()
    new_page.external_requests = []
    new_page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
            else new_page.external_requests.append(request.url)
        ),
    )
    yield new_page
    context.close()
