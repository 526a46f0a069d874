"""The PostgreSQL store beyond the shared suite: which store the configuration chooses, what
a wrong URL, an unreachable server or a wrong password says (never a traceback), versions
that cannot be changed in the database, and `python -m loaders copy-store` both ways.

The store's guarantees themselves (versions, rollback, conflicts, races, killed writers) are
tested on both backends by tests/test_store.py and tests/test_store_races.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import psycopg
import pytest

import loaders
from ponti import schema
from ponti.store import (
    DATA_DIR_ENV,
    DATABASE_URL_ENV,
    SourceFile,
    Store,
    StoreError,
    StoreNotEmpty,
    StoreUnavailable,
    VersionStore,
    copy_store,
    url_from_secrets,
)
from ponti.store_pg import PgStore
from ponti.stores import default_store
from tests.conftest import PASSWORD_ROLE, PgServer, store_address

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def pg(pg_server: PgServer) -> PgStore:
    """An empty PostgreSQL store in a fresh database."""
    return PgStore(pg_server.new_database())


@pytest.fixture
def no_store_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)


def _loaders(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m loaders ARGS`, as typed, from outside the checkout; never a traceback."""
    environ = {k: v for k, v in os.environ.items() if k not in (DATABASE_URL_ENV, DATA_DIR_ENV)}
    result = subprocess.run(
        [sys.executable, "-m", "loaders", *(str(a) for a in args)],
        cwd=Path.home(),
        env={**environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


# -- which store ------------------------------------------------------------------------------
def _secrets(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "secrets.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_database_url_in_the_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pg: PgStore
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "folder"))
    monkeypatch.setenv(DATABASE_URL_ENV, pg.url)
    secrets = _secrets(tmp_path, '[connections.ponti]\nurl = "postgresql://x@elsewhere/y"\n')
    store = default_store(secrets_file=secrets)
    assert isinstance(store, PgStore) and store.location == pg.location
    assert store.current_id() is None  # it connects: the schema is created on first use


@pytest.mark.usefixtures("no_store_env")
def test_secrets_name_the_store_as_st_connection_does(tmp_path: Path, pg: PgStore) -> None:
    # st.connection's SQL secrets: a url (SQLAlchemy's spelling accepted)...
    url = pg.url.replace("postgresql://", "postgresql+psycopg://", 1)
    store = default_store(secrets_file=_secrets(tmp_path, f'[connections.ponti]\nurl = "{url}"\n'))
    assert isinstance(store, PgStore) and store.location == pg.location
    store.write_version({schema.ASSOCIATIONS: pd.DataFrame({schema.A_ID: ["A1"]})})
    assert pg.current_id() == "v0001"  # the same database
    # ... or its parts.
    params = psycopg.conninfo.conninfo_to_dict(pg.url)
    parts = (
        "[connections.ponti]\n"
        'dialect = "postgresql"\n'
        'driver = "psycopg"\n'
        f'host = "{params["host"]}"\n'
        f"port = {params['port']}\n"
        f'database = "{params["dbname"]}"\n'
        f'username = "{params["user"]}"\n'
        "[connections.ponti.query]\n"
        'application_name = "ponti test"\n'
    )
    store = default_store(secrets_file=_secrets(tmp_path, parts))
    assert isinstance(store, PgStore) and store.current_id() == "v0001"


@pytest.mark.parametrize(
    ("section", "url"),
    [
        ({"url": "postgresql://a:b@h:5/d"}, "postgresql://a:b@h:5/d"),
        (
            {"dialect": "postgresql", "host": "h", "port": 5433, "database": "d", "username": "u"},
            "postgresql://u@h:5433/d",
        ),
        (
            {"dialect": "postgres", "host": "::1", "database": "d", "username": "u@x",
             "password": "p@ss:/w", "query": {"sslmode": "require"}},
            "postgresql://u%40x:p%40ss%3A%2Fw@[::1]/d?sslmode=require",
        ),
    ],
)  # fmt: skip
def test_secrets_parts_make_a_url(section: dict[str, object], url: str) -> None:
    assert url_from_secrets(section) == url


def test_secrets_of_another_database_are_refused_naming_why(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable, match="dialect 'mysql'") as refused:
        url_from_secrets({"dialect": "mysql", "host": "h"})
    assert refused.value.reason == "url"


@pytest.mark.usefixtures("no_store_env")
def test_without_settings_the_folder_store_is_used(tmp_path: Path) -> None:
    store = default_store(secrets_file=_secrets(tmp_path, '[staff]\npassword = "x"\n'))
    assert isinstance(store, Store) and store.root.name == "store"
    assert isinstance(default_store(secrets_file=tmp_path / "missing.toml"), Store)


@pytest.mark.usefixtures("no_store_env")
def test_a_folder_in_the_environment_wins_over_the_secrets_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An explicit setting of this process beats a file (tests set PONTI_DATA_DIR: a developer's
    # secrets must never send them to a real database).
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "folder"))
    secrets = _secrets(tmp_path, '[connections.ponti]\nurl = "postgresql://x@y/z"\n')
    store = default_store(secrets_file=secrets)
    assert isinstance(store, Store) and store.root == tmp_path / "folder"


# -- bad input: a clear message, in both languages, never a traceback ---------------------------
def _refused_url(server: PgServer) -> str:
    with psycopg.connect(server.url, autocommit=True) as conn:
        conn.execute(f"DROP ROLE IF EXISTS {PASSWORD_ROLE}".encode())
        conn.execute(f"CREATE ROLE {PASSWORD_ROLE} LOGIN PASSWORD 'right'".encode())
    return server.url_of("postgres").replace("//postgres@", f"//{PASSWORD_ROLE}:wrong@", 1)


@pytest.mark.parametrize(
    ("what", "reason", "italian", "english"),
    [
        ("scheme", "url", "non si legge", "cannot be read"),
        ("percent", "url", "non si legge", "cannot be read"),
        ("port", "url", "non si legge", "cannot be read"),
        ("closed-port", "unreachable", "Nessun server PostgreSQL risponde", "No PostgreSQL server"),
        ("no-database", "database", "non ha il database", "has no database"),
        ("password", "auth", "ha rifiutato utente o password", "refused the user or password"),
    ],
)
def test_a_store_that_cannot_be_used_says_what_is_wrong_and_how_to_fix_it(
    pg_server: PgServer, what: str, reason: str, italian: str, english: str
) -> None:
    from scripts.serving import free_port

    if what == "password" and not pg_server.own:
        pytest.skip("needs the tests' own server, whose pg_hba.conf asks that role a password")
    url = {
        "scheme": "mysql://ponti:s3cret@localhost/ponti",
        "percent": "postgresql://ponti:s3%%cret@localhost/ponti",
        "port": "postgresql://ponti:s3cret@localhost:54x/ponti",
        "closed-port": f"postgresql://ponti:s3cret@127.0.0.1:{free_port()}/ponti",
        "no-database": pg_server.url_of("ponti_no_such_database"),
        "password": _refused_url(pg_server) if what == "password" else "",
    }[what]
    with pytest.raises(StoreUnavailable) as refused:
        PgStore(url).current_id()
    assert refused.value.reason == reason
    for lang, words in (("it", italian), ("en", english)):
        result = _loaders("versions", "--lang", lang, env={DATABASE_URL_ENV: url})
        assert result.returncode == 1
        assert words in result.stderr, result.stderr
        assert "s3cret" not in result.stderr and ":wrong@" not in result.stderr  # no password
        assert "PONTI_DATABASE_URL" in result.stderr or reason in ("unreachable", "database")


# -- immutability ----------------------------------------------------------------------------
def test_a_stored_version_cannot_be_changed_in_the_database(pg: PgStore) -> None:
    pg.write_version(
        {schema.ASSOCIATIONS: pd.DataFrame({schema.A_ID: ["A1"]})},
        sources=[SourceFile("a.csv", b"id\nA1\n")],
    )
    with psycopg.connect(pg.url, autocommit=True) as conn:
        for statement in (
            "UPDATE ponti_store.versions SET created = now()",
            "DELETE FROM ponti_store.tables",
            "UPDATE ponti_store.sources SET name = 'x'",
            "TRUNCATE ponti_store.versions CASCADE",
        ):
            with pytest.raises(psycopg.errors.RaiseException, match="immutable"):
                conn.execute(statement.encode())
    assert pg.read(schema.ASSOCIATIONS)[schema.A_ID].tolist() == ["A1"]
    assert pg.source_files("v0001") == [SourceFile("a.csv", b"id\nA1\n")]


# -- copying ---------------------------------------------------------------------------------
def _history(store: VersionStore, tmp_path: Path) -> None:
    """Four versions: an import with files and notes, an update, a rollback, a calls import."""
    files = {name: tmp_path / name for name in ("associazioni.csv", "progetti.xlsx")}
    for path in files.values():
        path.write_bytes(path.name.encode() + b"\x00\xff bytes")
    store.write_version(
        {
            schema.ASSOCIATIONS: pd.DataFrame(
                {schema.A_ID: ["A1", "A2"], schema.A_COUNTRIES: [["SEN"], ["MAR", "TUN"]]}
            )
        },
        sources=list(files.values()),
        note="Censimento 2026",
        author="Maria Rossi",
        metadata={"approximate_places": [{"kind": "associations", "key": "A1"}]},
    )
    store.write_version(
        {schema.ASSOCIATIONS: pd.DataFrame({schema.A_ID: ["A3"]})}, mode="update", note="x"
    )
    store.rollback("v0001", author="Luca Bianchi")
    store.write_version(
        {schema.CALLS: pd.DataFrame({schema.C_ID: ["C1"], schema.C_COFINANCING: [0.2]})},
        sources=[SourceFile("bandi.csv", b"id\nC1\n")],
    )


def _same_history(a: VersionStore, b: VersionStore) -> None:
    assert a.versions() == b.versions() and len(a.versions()) > 0
    assert a.current_id() == b.current_id()
    for info in a.versions():
        vid = info.version_id
        for kind in schema.KINDS:
            pd.testing.assert_frame_equal(a.read(kind, vid), b.read(kind, vid))
            assert (a.parquet(vid, kind) is None) == (b.parquet(vid, kind) is None)
        assert a.source_files(vid) == b.source_files(vid)
        assert a.metadata(vid) == b.metadata(vid)


def test_copy_folder_to_postgresql_and_back_keeps_every_version_whole(
    tmp_path: Path, pg: PgStore
) -> None:
    folder = Store(tmp_path / "folder")
    _history(folder, tmp_path)
    result = _loaders("copy-store", "--from", folder.root, "--to", pg.url, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "Versions copied from" in result.stdout and ": 4; the current version is v0004" in (
        result.stdout
    )
    _same_history(folder, pg)
    back = Store(tmp_path / "back")
    result = _loaders("copy-store", "--from", pg.url, "--to", back.root)
    assert result.returncode == 0 and "Versioni copiate" in result.stdout, result.stderr
    _same_history(folder, back)
    # Byte for byte: the tables as stored, the original files as uploaded.
    for info in folder.versions():
        for kind in schema.KINDS:
            assert folder.parquet(info.version_id, kind) == back.parquet(info.version_id, kind)
    assert back.source_files("v0001")[0] == SourceFile(
        "associazioni.csv", b"associazioni.csv\x00\xff bytes"
    )
    # The copies carry on as stores of their own: a rollback, numbered after the copied.
    assert pg.rollback("v0002").version_id == "v0005" and back.current_id() == "v0004"
    assert back.leftovers() == []


def test_copy_refuses_a_store_that_has_versions_and_says_how(tmp_path: Path, pg: PgStore) -> None:
    folder = Store(tmp_path / "folder")
    _history(folder, tmp_path)
    pg.write_version({schema.ASSOCIATIONS: pd.DataFrame({schema.A_ID: ["Z9"]})}, note="own")
    for lang, words in (("it", "contiene già delle versioni"), ("en", "already holds versions")):
        result = _loaders("copy-store", "--from", folder.root, "--to", pg.url, "--lang", lang)
        assert result.returncode == 1 and words in result.stderr and "--append" in result.stderr
    assert [v.note for v in pg.versions()] == ["own"]
    # --append: after its own versions, renumbered, parents and rollbacks pointing at the copies.
    result = _loaders("copy-store", "--from", folder.root, "--to", pg.url, "--append")
    assert result.returncode == 0, result.stderr
    copied = pg.versions()[1:]
    assert [v.version_id for v in copied] == ["v0002", "v0003", "v0004", "v0005"]
    assert [v.parent for v in copied] == ["v0001", "v0002", "v0003", "v0004"]
    assert copied[2].restored_from == "v0002" and copied[2].mode == "rollback"
    assert [v.created for v in copied] == [v.created for v in folder.versions()]
    assert pg.current_id() == "v0005"
    pd.testing.assert_frame_equal(pg.read(schema.CALLS), folder.read(schema.CALLS))


def test_an_interrupted_copy_into_postgresql_leaves_nothing(
    tmp_path: Path, pg: PgStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = Store(tmp_path / "folder")
    _history(folder, tmp_path)
    original = Store.source_files

    def failing(self: Store, version_id: str) -> list[SourceFile]:
        if version_id == "v0003":
            raise OSError("disk unreadable")
        return original(self, version_id)

    monkeypatch.setattr(Store, "source_files", failing)
    with pytest.raises(OSError, match="disk unreadable"):
        copy_store(folder, pg)
    assert pg.versions() == [] and pg.current_id() is None


def test_copy_names_what_it_cannot_do(tmp_path: Path, pg: PgStore) -> None:
    empty = _loaders("copy-store", "--from", tmp_path / "none", "--to", pg.url, "--lang", "en")
    assert empty.returncode == 0 and "has no versions" in empty.stdout
    folder = Store(tmp_path / "folder")
    folder.write_version({schema.ASSOCIATIONS: pd.DataFrame({schema.A_ID: ["A1"]})})
    with pytest.raises(StoreError, match="the same store"):
        copy_store(folder, Store(tmp_path / "folder"))
    unreachable = _loaders(
        "copy-store", "--from", folder.root, "--to", "postgresql://ponti@127.0.0.1:1/ponti"
    )
    assert unreachable.returncode == 1
    assert "Nessun server PostgreSQL risponde" in unreachable.stderr
    copy = Store(tmp_path / "copy")
    copy_store(folder, copy)
    with pytest.raises(StoreNotEmpty):
        copy_store(folder, copy)


def test_a_store_is_found_again_from_its_address(pg: PgStore, tmp_path: Path) -> None:
    from ponti.stores import store_at

    pg.write_version({schema.ASSOCIATIONS: pd.DataFrame({schema.A_ID: ["A1"]})})
    again = store_at(store_address(pg))
    assert isinstance(again, PgStore) and again.current_id() == "v0001"
    assert isinstance(store_at(str(tmp_path)), Store)


def test_seeding_the_demo_through_the_command_line_on_postgresql(pg: PgStore) -> None:
    result = _loaders("seed-demo", "--lang", "en", env={DATABASE_URL_ENV: pg.url})
    assert result.returncode == 0 and "Demo data imported as version v0001" in result.stdout
    info = pg.current()
    assert info is not None and info.demo
    # The same validation as on a folder: the demo's references all resolve.
    quality = _loaders("quality", "--lang", "en", env={DATABASE_URL_ENV: pg.url})
    assert quality.returncode == 0 and "v0001" in quality.stdout
    assert loaders.prepare_import([REPO / "data" / "demo" / "calls.csv"], pg).ok
