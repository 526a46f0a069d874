"""The versioned store in PostgreSQL: the folder store's guarantees, from the database's own.

Chosen by a connection URL (``PONTI_DATABASE_URL``, or ``[connections.ponti]`` in
``.streamlit/secrets.toml``: see ponti.stores.default_store). Everything lives in the schema
``ponti_store`` of that database, created on first use:

    versions  (number, version_id, created, info json: the manifest, metadata json)
    tables    (version_id, kind, parquet bytea)      the same Parquet as the folder store's
    sources   (version_id, position, name, data bytea)
    current   (one row: version_id)

A version's rows and the switch of ``current`` are written in ONE transaction: readers see
the old version or the new one, never half of one, and a writer killed at any moment has its
transaction rolled back by the server, so there are no leftovers (``leftovers()`` is always
empty). Rows of a version are never updated or deleted (a trigger refuses it). Writers take
turns under an advisory lock: each writing transaction takes ``pg_advisory_xact_lock``, and
``locked()`` holds the same lock for the session (re-entrant within a thread) while a writer
validates against the version it replaces; the server releases both when a connection dies.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import asdict, replace
from typing import TYPE_CHECKING, Any, Final

from ponti.store import (
    Leftover,
    NewVersion,
    SourceFile,
    StoreBusy,
    StoreError,
    StoreUnavailable,
    VersionInfo,
    VersionStore,
    crash_point,
    hide_password,
    libpq_url,
    lock_timeout,
)

if TYPE_CHECKING:
    import psycopg

SCHEMA: Final = "ponti_store"
# pg_advisory_lock(int4, int4) keys: "PONT" "STOR" for writers, "PONT" "SCHM" for creating
# the schema (so that a first reader never waits behind a long import).
WRITER_LOCK: Final = (0x504F4E54, 0x53544F52)
SCHEMA_LOCK: Final = (0x504F4E54, 0x5343484D)
# A server that does not answer: give up after this long rather than wait without end.
CONNECT_TIMEOUT: Final = 10
_IDLE_CONNECTIONS: Final = 4
_VERSION_RE = re.compile(r"^v(\d{4,})$")

_DDL: Final = f"""
CREATE SCHEMA IF NOT EXISTS {SCHEMA};
-- json, not jsonb: a manifest keeps its keys in their order (row counts are listed so).
CREATE TABLE IF NOT EXISTS {SCHEMA}.versions (
    number integer PRIMARY KEY,
    version_id text NOT NULL UNIQUE,
    created timestamptz NOT NULL,
    info json NOT NULL,
    metadata json
);
CREATE TABLE IF NOT EXISTS {SCHEMA}.tables (
    version_id text NOT NULL REFERENCES {SCHEMA}.versions (version_id),
    kind text NOT NULL,
    parquet bytea NOT NULL,
    PRIMARY KEY (version_id, kind)
);
CREATE TABLE IF NOT EXISTS {SCHEMA}.sources (
    version_id text NOT NULL REFERENCES {SCHEMA}.versions (version_id),
    position integer NOT NULL,
    name text NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (version_id, position)
);
CREATE TABLE IF NOT EXISTS {SCHEMA}.current (
    single boolean PRIMARY KEY DEFAULT true CHECK (single),
    version_id text NOT NULL REFERENCES {SCHEMA}.versions (version_id)
);
-- Parquet is compressed already: store it as it is.
ALTER TABLE {SCHEMA}.tables ALTER COLUMN parquet SET STORAGE EXTERNAL;
-- A version is immutable: its rows are never changed or deleted (nor truncated).
CREATE OR REPLACE FUNCTION {SCHEMA}.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Ponti versions are immutable: % on %.% refused',
        TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME;
END $$;
CREATE OR REPLACE TRIGGER immutable BEFORE UPDATE OR DELETE ON {SCHEMA}.versions
    FOR EACH ROW EXECUTE FUNCTION {SCHEMA}.refuse_change();
CREATE OR REPLACE TRIGGER immutable BEFORE UPDATE OR DELETE ON {SCHEMA}.tables
    FOR EACH ROW EXECUTE FUNCTION {SCHEMA}.refuse_change();
CREATE OR REPLACE TRIGGER immutable BEFORE UPDATE OR DELETE ON {SCHEMA}.sources
    FOR EACH ROW EXECUTE FUNCTION {SCHEMA}.refuse_change();
CREATE OR REPLACE TRIGGER immutable_whole BEFORE TRUNCATE ON {SCHEMA}.versions
    FOR EACH STATEMENT EXECUTE FUNCTION {SCHEMA}.refuse_change();
CREATE OR REPLACE TRIGGER immutable_whole BEFORE TRUNCATE ON {SCHEMA}.tables
    FOR EACH STATEMENT EXECUTE FUNCTION {SCHEMA}.refuse_change();
CREATE OR REPLACE TRIGGER immutable_whole BEFORE TRUNCATE ON {SCHEMA}.sources
    FOR EACH STATEMENT EXECUTE FUNCTION {SCHEMA}.refuse_change();
"""


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as exc:  # the requirements were not installed
        raise StoreUnavailable("driver", "PostgreSQL", f"psycopg is not installed ({exc})") from exc
    return psycopg


def display_url(params: dict[str, str]) -> str:
    """A connection as a URL without its password (for messages and cache keys)."""
    user = params.get("user", "")
    host = params.get("host", "")
    port = f":{params['port']}" if params.get("port") else ""
    where = "" if host.startswith("/") or not host else host
    tail = f"?host={host}" if host.startswith("/") else ""
    return f"postgresql://{user}{'@' if user else ''}{where}{port}/{params.get('dbname', '')}{tail}"


class PgStore(VersionStore):
    """Versions in a PostgreSQL database (see the module's docstring)."""

    def __init__(self, url: str) -> None:
        super().__init__()
        pg = _psycopg()
        self.url = libpq_url(url)
        try:
            params: dict[str, str] = {
                k: str(v) for k, v in pg.conninfo.conninfo_to_dict(self.url).items()
            }
        except pg.Error as exc:
            raise StoreUnavailable("url", hide_password(url), _first_line(exc)) from exc
        self._location = display_url(params)
        if not params.get("port", "0").isdigit():
            raise StoreUnavailable(
                "url", self._location, f"the port {params['port']!r} is no number"
            )
        self._params: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT, **params}
        self._idle: list[psycopg.Connection[Any]] = []
        self._idle_lock = threading.Lock()
        self._ready = False

    @property
    def location(self) -> str:
        """The store's URL without its password."""
        return self._location

    # -- connections -----------------------------------------------------------------
    def _connect(self) -> psycopg.Connection[Any]:
        pg = _psycopg()
        try:
            conn: psycopg.Connection[Any] = pg.connect(**self._params, autocommit=True)
        except pg.Error as exc:
            raise self._unavailable(exc) from exc
        if not self._ready:
            self._create_schema(conn)
        return conn

    def _unavailable(self, exc: Exception) -> StoreUnavailable:
        text = _first_line(exc)
        if "password" in text or ("role" in text and "does not exist" in text):
            reason = "auth"
        elif "database" in text and "does not exist" in text:
            reason = "database"
        elif "invalid" in text and "connection option" in text:
            reason = "url"
        else:
            reason = "unreachable"
        return StoreUnavailable(reason, self.location, text)

    def _create_schema(self, conn: psycopg.Connection[Any]) -> None:
        """Create the schema on first use (idempotent; one creator at a time)."""
        try:
            found = conn.execute("SELECT to_regclass(%s)", (f"{SCHEMA}.current",)).fetchone()
            if found is None or found[0] is None:
                with conn.transaction():
                    conn.execute("SELECT pg_advisory_xact_lock(%s, %s)", SCHEMA_LOCK)
                    conn.execute(_DDL.encode())
        except _psycopg().Error as exc:
            conn.close()
            raise StoreUnavailable(
                "refused", self.location, f"the schema {SCHEMA} cannot be created: {exc}"
            ) from exc
        self._ready = True

    @contextlib.contextmanager
    def _connection(self) -> Iterator[psycopg.Connection[Any]]:
        """A connection for one piece of work: the one holding the writer lock in this
        thread, else an idle one (or a new one), given back when the work went well."""
        held = getattr(self._held, "conn", None)
        if held is not None:
            yield held
            return
        with self._idle_lock:
            conn = self._idle.pop() if self._idle else None
        if conn is None or conn.closed:
            conn = self._connect()
        try:
            yield conn
        except BaseException:
            conn.close()
            raise
        with self._idle_lock:
            if len(self._idle) < _IDLE_CONNECTIONS and not conn.closed:
                self._idle.append(conn)
                return
        conn.close()

    def _fetch(self, sql: str, params: Sequence[Any] = (), *, binary: bool = False) -> list[Any]:
        """The rows of one query; a connection that died while idle is replaced once."""
        pg = _psycopg()
        for attempt in (1, 2):
            try:
                with self._connection() as conn:
                    return conn.execute(sql.encode(), params, binary=binary).fetchall()
            except pg.OperationalError as exc:
                if attempt == 2 or getattr(self._held, "conn", None) is not None:
                    raise self._unavailable(exc) from exc
            except pg.Error as exc:
                raise StoreError(f"the PostgreSQL store {self.location} refused: {exc}") from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def close(self) -> None:
        """Close the idle connections (a new one opens on the next use)."""
        with self._idle_lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()

    # -- reading -------------------------------------------------------------------
    def current_id(self) -> str | None:
        """The id of the current version, or None for an empty store."""
        rows = self._fetch(f"SELECT version_id FROM {SCHEMA}.current")
        return str(rows[0][0]) if rows else None

    def info(self, version_id: str) -> VersionInfo:
        """The manifest of one version."""
        rows = self._fetch(
            f"SELECT info FROM {SCHEMA}.versions WHERE version_id = %s", (version_id,)
        )
        if not rows:
            raise self._no_version(version_id)
        return VersionInfo.from_json(rows[0][0])

    def _no_version(self, version_id: str) -> StoreError:
        return StoreError(f"there is no version {version_id!r} in {self.location}")

    def versions(self) -> list[VersionInfo]:
        """Every version, oldest first (each became current as it was written)."""
        rows = self._fetch(f"SELECT info FROM {SCHEMA}.versions ORDER BY number")
        return [VersionInfo.from_json(row[0]) for row in rows]

    def parquet(self, version_id: str, kind: str) -> bytes | None:
        """One table of a version as stored (Parquet), None when the version has none of
        that kind; StoreError when there is no such version."""
        rows = self._fetch(
            f"SELECT t.parquet FROM {SCHEMA}.versions v LEFT JOIN {SCHEMA}.tables t "
            "ON t.version_id = v.version_id AND t.kind = %s WHERE v.version_id = %s",
            (kind, version_id),
            binary=True,
        )
        if not rows:
            raise self._no_version(version_id)
        return None if rows[0][0] is None else bytes(rows[0][0])

    def source_files(self, version_id: str) -> list[SourceFile]:
        """The original files a version was imported from, as they were uploaded."""
        self.info(version_id)
        rows = self._fetch(
            f"SELECT name, data FROM {SCHEMA}.sources WHERE version_id = %s ORDER BY position",
            (version_id,),
            binary=True,
        )
        return [SourceFile(str(name), bytes(data)) for name, data in rows]

    def metadata(self, version_id: str | None = None) -> dict[str, Any]:
        """What the writer noted about a version; {} when nothing was."""
        vid = version_id or self.current_id()
        if vid is None:
            return {}
        rows = self._fetch(f"SELECT metadata FROM {SCHEMA}.versions WHERE version_id = %s", (vid,))
        if not rows:
            raise self._no_version(vid)
        return dict(rows[0][0]) if isinstance(rows[0][0], dict) else {}

    def leftovers(self) -> list[Leftover]:
        """Always none: a killed writer's transaction is rolled back by the server."""
        return []

    def clean_leftovers(self) -> list[Leftover]:
        """Nothing to remove (see leftovers)."""
        return []

    # -- writing -------------------------------------------------------------------
    @contextlib.contextmanager
    def _take_lock(self, wait: float) -> Iterator[None]:
        """A session advisory lock on a connection of its own, which this thread's reads and
        writes use while it is held."""
        conn = self._connect()
        try:
            self._lock(conn, "pg_advisory_lock", wait)
            self._held.conn = conn
            try:
                yield
            finally:
                self._held.conn = None
        finally:
            conn.close()  # the server releases the session lock with the connection

    def _lock(self, conn: psycopg.Connection[Any], function: str, wait: float) -> None:
        """Take the writer lock with `function`, waiting at most `wait` seconds."""
        pg = _psycopg()
        try:
            if wait <= 0:
                got = conn.execute(
                    f"SELECT {function.replace('_lock', '_try_lock', 1)}(%s, %s)".encode(),
                    WRITER_LOCK,
                ).fetchone()
                if got is None or not got[0]:
                    raise StoreBusy(self.location, wait)
                return
            # lock_timeout bounds the wait (set for this transaction only; inside another
            # transaction this one is a savepoint, and the lock lasts as long as the outer).
            with conn.transaction():
                milliseconds = f"{max(wait * 1000, 1):.0f}"
                conn.execute(b"SELECT set_config('lock_timeout', %s, true)", (milliseconds,))
                conn.execute(f"SELECT {function}(%s, %s)".encode(), WRITER_LOCK)
        except pg.errors.LockNotAvailable:
            raise StoreBusy(self.location, wait) from None
        except pg.OperationalError as exc:
            raise self._unavailable(exc) from exc

    def _publish(self, version: NewVersion) -> VersionInfo:
        """Insert a version and make it current in one transaction, under the writer lock."""
        pg = _psycopg()
        try:
            with self._connection() as conn, conn.transaction():
                # Re-entrant: free when this session holds the lock already (locked()).
                self._lock(conn, "pg_advisory_xact_lock", lock_timeout())
                info = replace(version.info, version_id=self._number(conn, version.info))
                self._insert(conn, info, version)
                crash_point("building")
                conn.execute(
                    f"INSERT INTO {SCHEMA}.current (single, version_id) VALUES (true, %s) "
                    "ON CONFLICT (single) DO UPDATE SET version_id = EXCLUDED.version_id".encode(),
                    (info.version_id,),
                )
                crash_point("switching")
        except pg.OperationalError as exc:
            raise self._unavailable(exc) from exc
        except pg.Error as exc:
            raise StoreError(f"the PostgreSQL store {self.location} refused: {exc}") from exc
        crash_point("switched")
        return info

    def _number(self, conn: psycopg.Connection[Any], info: VersionInfo) -> str:
        """The id of a new version: the one given (a copy), else the next number."""
        if info.version_id:
            taken = conn.execute(
                f"SELECT 1 FROM {SCHEMA}.versions WHERE version_id = %s".encode(),
                (info.version_id,),
            ).fetchone()
            if taken is not None or not _VERSION_RE.match(info.version_id):
                raise StoreError(f"there is already a version {info.version_id!r} here")
            return info.version_id
        row = conn.execute(f"SELECT coalesce(max(number), 0) FROM {SCHEMA}.versions".encode())
        found = row.fetchone()
        return f"v{(int(found[0]) if found else 0) + 1:04d}"

    def _insert(self, conn: psycopg.Connection[Any], info: VersionInfo, new: NewVersion) -> None:
        as_json = _psycopg().types.json.Json
        conn.execute(
            f"INSERT INTO {SCHEMA}.versions (number, version_id, created, info, metadata) "
            "VALUES (%s, %s, %s, %s, %s)".encode(),
            (
                int(info.version_id[1:]),
                info.version_id,
                info.created,
                as_json(asdict(info)),
                None if new.metadata is None else as_json(dict(new.metadata)),
            ),
        )
        with conn.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {SCHEMA}.tables (version_id, kind, parquet) "
                "VALUES (%s, %s, %b)".encode(),
                [(info.version_id, kind, data) for kind, data in new.tables.items()],
            )
            cursor.executemany(
                f"INSERT INTO {SCHEMA}.sources (version_id, position, name, data) "
                "VALUES (%s, %s, %s, %b)".encode(),
                [
                    (info.version_id, position, source.name, source.data)
                    for position, source in enumerate(new.sources)
                ],
            )

    @contextlib.contextmanager
    def _all_or_nothing(self) -> Iterator[None]:
        """One transaction around several publishes (each one's becomes a savepoint); to be
        entered with the writer lock held, as copy_store does."""
        with self._connection() as conn, conn.transaction():
            yield


def _first_line(exc: Exception) -> str:
    # psycopg puts the server's hints on further lines: the first says what went wrong.
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
