"""Shared fixtures: a store seeded with the demo data, in a temporary folder."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

import loaders
from ponti import auth
from ponti.store import DATA_DIR_ENV, DATABASE_URL_ENV, Store, VersionStore
from ponti.store_pg import PgStore
from scripts import serving

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


@contextlib.contextmanager
def serve_ponti(root: Path, env: Mapping[str, str] | None = None) -> Iterator[str]:
    """A fresh Streamlit process serving Ponti on loopback from the store at root, or from
    the store `env` names (store_env(a PostgreSQL store)); its log goes beside root."""
    try:
        with serving.serve(root, root.parent, env=env, timeout=60) as server:
            yield server.url
    except serving.ServerError as exc:
        pytest.fail(str(exc))


@pytest.fixture
def serve():  # type: ignore[no-untyped-def]
    """serve_ponti, for tests that need a server process of their own."""
    return serve_ponti


@pytest.fixture
def fresh_store(demo_store: Store) -> Store:
    """A private copy of the demo store (for a server of a test's own)."""
    return demo_store


def staff_site(monkeypatch: pytest.MonkeyPatch, password: str) -> None:
    """The environment of a staff site (AppTest and servers started from now on read it): a
    staff password, no demo credential, not a public site."""
    monkeypatch.setenv(auth.STAFF_PASSWORD_ENV, password)
    monkeypatch.delenv(auth.DEMO_STAFF_ENV, raising=False)
    monkeypatch.delenv("PONTI_PUBLIC", raising=False)


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


# -- PostgreSQL: a throwaway server for the store tests ------------------------------------
TEST_DATABASE_URL_ENV = "PONTI_TEST_DATABASE_URL"
STORE_BACKENDS = ("folder", "postgresql")
# A role that must give a password (scram) on our own server, to test a wrong one.
PASSWORD_ROLE = "ponti_password"


def _postgres_bindir() -> Path | None:
    """Debian's PostgreSQL programs (the newest installed), or those on PATH."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@dataclass
class PgServer:
    """A PostgreSQL server for the tests: `url` reaches its maintenance database; each
    test gets a database of its own (new_database)."""

    url: str
    own: bool  # started by the tests (we control its authentication)
    created: list[str] = field(default_factory=list)

    def url_of(self, database: str) -> str:
        """The postgresql:// URL of a database on this server."""
        import psycopg

        params = psycopg.conninfo.conninfo_to_dict(self.url)
        user = params.get("user", "")
        password = f":{params['password']}" if params.get("password") else ""
        at = "@" if user else ""
        host = f"{params.get('host', '')}:{params.get('port', 5432)}"
        return f"postgresql://{user}{password}{at}{host}/{database}"

    def new_database(self, template: str | None = None) -> str:
        """A fresh database (a copy of `template` when given, which no one may be using);
        its URL."""
        import psycopg

        name = f"ponti_t{os.getpid()}_{len(self.created)}"
        with psycopg.connect(self.url, autocommit=True) as conn:
            copy = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
            conn.execute(f"CREATE DATABASE {name}{copy}".encode())
        self.created.append(name)
        return self.url_of(name)

    def drop_all(self) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            for name in self.created:
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)".encode())


def _run_as_postgres(args: list[str]) -> subprocess.CompletedProcess[str]:
    # PostgreSQL refuses to run as root: as root, run its programs as the postgres user.
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, *args], capture_output=True, text=True, timeout=120)


@contextlib.contextmanager
def _throwaway_postgres(bindir: Path) -> Iterator[str]:
    """Start a PostgreSQL server of our own (trust on loopback, fsync off: nothing in it
    outlives the tests) on a free port; its maintenance database's URL."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="ponti-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data = folder / "data"
    initdb = [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"]
    init = _run_as_postgres([*initdb, "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"])
    if init.returncode:
        pytest.fail(f"initdb failed:\n{init.stdout}{init.stderr}", pytrace=False)
    # A role that must give its password, to test a wrong one; every other: trust.
    (data / "pg_hba.conf").write_text(
        f"host all {PASSWORD_ROLE} 127.0.0.1/32 scram-sha-256\n"
        "host all all 127.0.0.1/32 trust\n"
        "local all all trust\n"
    )
    for attempt in range(3):  # a free port can be taken by another worker meanwhile
        port = serving.free_port()
        options = (
            f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={folder} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        pg_ctl = [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log")]
        started = _run_as_postgres([*pg_ctl, "-w", "-o", options, "start"])
        if started.returncode == 0:
            break
        if attempt == 2:
            log = (folder / "log").read_text() if (folder / "log").is_file() else ""
            pytest.fail(f"PostgreSQL did not start:\n{started.stderr}{log}", pytrace=False)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        _run_as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"])
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """PostgreSQL for the store tests: PONTI_TEST_DATABASE_URL (a server whose user may
    create databases), else a throwaway server of Debian's postgresql for this test session
    (each xdist worker its own). Missing: skipped locally, a FAILURE in CI (CI=true)."""
    external = os.environ.get(TEST_DATABASE_URL_ENV, "").strip()
    if external:
        server = PgServer(external, own=False)
        yield server
        server.drop_all()
        return
    bindir = _postgres_bindir()
    if bindir is None:
        message = (
            "PostgreSQL is not installed: the store tests on PostgreSQL need Debian's "
            "postgresql (apt-get install postgresql; scripts/test.sh installs it) or "
            f"{TEST_DATABASE_URL_ENV}=postgresql://USER@HOST:PORT/postgres (a user that may "
            "create databases)"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with _throwaway_postgres(bindir) as url:
        yield PgServer(url, own=True)


@pytest.fixture(params=STORE_BACKENDS)
def store_backend(request: pytest.FixtureRequest) -> str:
    """Each store backend in turn: "folder", then "postgresql"."""
    return str(request.param)


@pytest.fixture
def empty_store(
    store_backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[VersionStore]:
    """An empty store of each backend: a folder (tmp_path/store), or a fresh database."""
    if store_backend == "folder":
        yield Store(tmp_path / "store")
        return
    server: PgServer = request.getfixturevalue("pg_server")
    store = PgStore(server.new_database())
    yield store
    store.close()


def store_env(store: VersionStore) -> dict[str, str]:
    """The environment that names a store to a `python -m loaders` process."""
    if isinstance(store, PgStore):
        return {DATABASE_URL_ENV: store.url, DATA_DIR_ENV: ""}
    assert isinstance(store, Store)
    return {DATA_DIR_ENV: str(store.root), DATABASE_URL_ENV: ""}


def store_address(store: VersionStore) -> str:
    """A store as ponti.stores.store_at reads it back (a folder, or a URL with password)."""
    return store.url if isinstance(store, PgStore) else store.location
