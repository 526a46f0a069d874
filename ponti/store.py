"""The versioned store: every import is a new immutable version, one version is current.

Two backends with one public API and the same guarantees (``VersionStore``): the folder store
below (``Store``, embedded, the default) and PostgreSQL (``ponti.store_pg.PgStore``, chosen by
a connection URL: ``PONTI_DATABASE_URL`` or ``[connections.ponti]`` in
``.streamlit/secrets.toml``; ``ponti.stores.default_store`` chooses). ``copy_store`` copies
every version from one store to another (``python -m loaders copy-store``).

Layout of the folder store under the store root (``PONTI_DATA_DIR``, default ``<repo>/var/store``)::

    CURRENT                     {"version_id": "v0003"}   replaced atomically (os.replace)
    versions/v0003/manifest.json   VersionInfo: when, who, note, files, counts, demo or not
    versions/v0003/<kind>.parquet
    versions/v0003/sources/<original file names>
    versions/v0003/metadata.json   what the loaders noted at import (approximate places)
    versions/v0003/became-current  written once the version has been made current
    .lock                       held while a writer checks and builds a version

A version is built in a hidden temporary folder (``versions/.v0004-xxxx``) and renamed into
place only when complete, then CURRENT is switched with an atomic rename: readers see the old
version or the new one, never half an import, and a crash at any point leaves the current
version untouched. Several dashboard processes can read the same store; only CURRENT decides
what is current.

A process killed while writing leaves at most a hidden temporary folder (killed while
building), a complete folder that never became current (killed between the rename and the
switch), or a hidden ``.CURRENT-xxxx`` file (killed while switching). ``leftovers()`` names
them; they are never listed or restored as versions, and the next writer removes them under
the lock (``clean_leftovers``). A version counts as having been current when it is current,
has its ``became-current`` mark, is an ancestor (``parent``) of the current version (versions
written before the mark existed), or predates modes (its manifest has no ``mode``).

No lost update: a writer that computed its tables from version X passes
``expected_current=X``; under the lock, if another version has become current meanwhile,
the write is refused with ConflictError and nothing is written. A writer that wants to
validate against the version it replaces holds ``store.locked()`` around reading, checking
and writing (the lock is re-entrant within a thread; loaders.import_files does this).
Rollback never deletes: it writes a new version holding an earlier version's tables
("ripristino della versione X").
"""

from __future__ import annotations

import abc
import contextlib
import enum
import fcntl
import io
import json
import os
import re
import shutil
import tempfile
import threading
import time
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final
from urllib.parse import quote, urlencode

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pyarrow.types as pa_types

from ponti import schema

REPO_DIR = Path(__file__).resolve().parent.parent
DATA_DIR_ENV = "PONTI_DATA_DIR"
DEFAULT_ROOT = REPO_DIR / "var" / "store"
# A PostgreSQL store: its URL in the environment, or st.connection's SQL secrets (read with
# tomllib: the command line runs without Streamlit) under [connections.ponti].
DATABASE_URL_ENV: Final = "PONTI_DATABASE_URL"
SECRETS_FILE: Final = REPO_DIR / ".streamlit" / "secrets.toml"
CONNECTION_NAME: Final = "ponti"

_VERSION_RE = re.compile(r"^v(\d{4,})$")
# A version being built (tempfile.mkdtemp(prefix=".v0004-")) and a JSON file being replaced.
_BUILDING_RE = re.compile(r"^\.v\d{4,}-")
_JSON_TMP_RE = re.compile(r"^\.CURRENT-")
# Marks a version that has been current (written right after the switch).
BECAME_CURRENT: Final = "became-current"
# Tests only: the named step at which a writer kills its own process (os._exit), to prove
# that a crash there leaves the store usable. Steps: "building" (tables written, manifest
# not), "built" (manifest written, folder not renamed), "renamed" (in place, not current),
# "switching" (CURRENT's temporary file written, not renamed), "switched" (current, not
# marked). Never set in production.
CRASH_ENV: Final = "PONTI_TEST_CRASH_AT"
CRASH_EXIT_CODE: Final = 86
# How long a writer waits for another writer's lock before giving up (seconds).
LOCK_TIMEOUT_ENV: Final = "PONTI_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT: Final = 600.0

# The note of the shipped demo data (loaders.seed_demo writes it); versions written before
# manifests listed their demo tables are recognised as the demo by it.
DEMO_NOTE: Final = "Demo data (illustrative)"
# The note of a rollback, in Italian like the data; ponti.provenance words it in English.
RESTORE_NOTE: Final = "ripristino della versione {version_id}"

# How a version came to be (VersionInfo.mode).
MODES: Final[tuple[str, ...]] = ("replace", "update", "rollback")


class StoreError(Exception):
    """A request the store cannot honour (unknown version, damaged store)."""


class ConflictError(StoreError):
    """Another version became current after the caller read the one it expected: nothing
    was written. Read the new current version, recompute (re-validate) and try again."""

    def __init__(self, expected: str | None, current: str | None) -> None:
        super().__init__(
            f"the current version is {current or 'none'}, not {expected or 'none'}: "
            "another import was saved meanwhile; nothing was written"
        )
        self.expected = expected
        self.current = current


class StoreBusy(StoreError):
    """Another writer held the store's lock for longer than the wait allowed."""

    def __init__(self, location: str, timeout: float) -> None:
        super().__init__(
            f"another import has held the store {location} for over {timeout:g} s; "
            "nothing was written: try again later"
        )


# Why a configured store cannot be used (StoreUnavailable.reason); the command line words each
# in Italian and English (loaders/__main__.py), the English text is the exception's own.
UNAVAILABLE_REASONS: Final = (
    "url",  # the URL or the secrets' [connections.ponti] cannot be read as a PostgreSQL URL
    "driver",  # psycopg is not installed
    "unreachable",  # no server answers at that address
    "auth",  # the server refused the user name or password
    "database",  # the server has no database of that name
    "refused",  # the server answered with another error (privileges, a read-only server...)
)


class StoreUnavailable(StoreError):
    """A configured store cannot be opened or reached: a URL that is not PostgreSQL's, no
    driver, no server there, a refused password, no such database. ``reason`` is one of
    UNAVAILABLE_REASONS, ``location`` where it was looked for (never with its password),
    ``detail`` what the driver or the server said."""

    HINTS: Final = {
        "url": "write it as postgresql://USER:PASSWORD@HOST:PORT/DATABASE",
        "driver": "install the requirements (pip install -r requirements.txt)",
        "unreachable": "check the host and port, and that the server is running",
        "auth": "check the user name and password",
        "database": "create the database (createdb) or correct its name",
        "refused": "check the user's privileges on that database",
    }

    def __init__(self, reason: str, location: str, detail: str) -> None:
        super().__init__(
            f"the PostgreSQL store {location} cannot be used ({reason}): {detail}; "
            f"{self.HINTS.get(reason, '')} in {DATABASE_URL_ENV} or in [connections.ponti] "
            "of .streamlit/secrets.toml"
        )
        self.reason = reason
        self.location = location
        self.detail = detail


class StoreNotEmpty(StoreError):
    """copy_store was asked to copy into a store that already has versions."""

    def __init__(self, location: str, count: int, current: str | None) -> None:
        super().__init__(
            f"the store {location} already holds {count} versions (current {current}): "
            "nothing was copied; copy into an empty store, or append after its versions"
        )
        self.location = location
        self.count = count
        self.current = current


@dataclass(frozen=True)
class Leftover:
    """What a killed writer left in the store: a hidden folder it was building
    ("temporary"), a complete version it never made current ("never-current") or a hidden
    file it was switching CURRENT with ("pointer")."""

    name: str
    what: str
    path: Path


class _Unchecked(enum.Enum):
    UNCHECKED = "unchecked"


# expected_current's default: write whatever version is current (no lost-update check).
UNCHECKED: Final = _Unchecked.UNCHECKED
Expected = str | None | _Unchecked


@dataclass(frozen=True)
class SourceFile:
    """A source file by name and content (an upload in the browser, or a file read back
    from a version)."""

    name: str
    data: bytes


@dataclass(frozen=True)
class VersionInfo:
    """What a version is: its id, when, by whom, from which files and why it was made, its
    row counts per kind and which of its tables are the shipped demo data.

    ``demo`` is true only when every table of the version is demo data: a version that
    imported anything of its own is never the demo (``demo_kinds`` then names the tables
    it still carries over from the demo). ``parent`` is the version that was current when
    it was written, ``mode`` how it was made ("replace", "update", "rollback"; "" for
    versions written before modes existed) and ``restored_from`` the version a rollback
    restored.
    """

    version_id: str
    created: str
    note: str = ""
    sources: tuple[str, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)
    demo: bool = False
    author: str = ""
    demo_kinds: tuple[str, ...] = ()
    parent: str | None = None
    mode: str = ""
    restored_from: str | None = None

    @property
    def created_at(self) -> datetime:
        """The creation time as an aware datetime (UTC)."""
        return datetime.fromisoformat(self.created)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> VersionInfo:
        """Read a manifest dictionary (older manifests lack the later keys)."""
        counts: Mapping[str, Any] = data.get("counts") or {}
        sources: Sequence[Any] = data.get("sources") or ()
        demo = bool(data.get("demo", False))
        demo_kinds: Sequence[Any] | None = data.get("demo_kinds")
        parent, restored = data.get("parent"), data.get("restored_from")
        return cls(
            version_id=str(data["version_id"]),
            created=str(data["created"]),
            note=str(data.get("note") or ""),
            sources=tuple(str(s) for s in sources),
            counts={str(k): int(v) for k, v in counts.items()},
            demo=demo,
            author=str(data.get("author") or ""),
            demo_kinds=(
                tuple(str(k) for k in demo_kinds)
                if demo_kinds is not None
                else (tuple(str(k) for k in counts) if demo else ())
            ),
            parent=None if parent is None else str(parent),
            mode=str(data.get("mode") or ""),
            restored_from=None if restored is None else str(restored),
        )


def empty_frame(kind: str) -> pd.DataFrame:
    """A frame with the canonical columns and dtypes of a kind and no rows."""
    return coerce_dtypes(kind, pd.DataFrame({name: [] for name in schema.column_names(kind)}))


def coerce_dtypes(kind: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Give a frame of a kind the canonical dtypes (lists as Python lists)."""
    out = pd.DataFrame(index=frame.index)
    for col in schema.COLUMNS[kind]:
        values = frame[col.name] if col.name in frame else pd.Series(pd.NA, index=frame.index)
        out[col.name] = coerce_column(col.type, values)
    return out


def coerce_column(column_type: schema.ColumnType, values: pd.Series) -> pd.Series:
    """One column in the dtype schema.dtype_of gives its type; what cannot be read is missing."""
    dtype = schema.dtype_of(column_type)
    if column_type in schema.LIST_TYPES:
        if values.dtype == object and set(map(type, values.to_numpy())) <= {list}:
            return values.astype(dtype)  # lists already (as _as_list leaves them): no call each
        return values.map(_as_list).astype(dtype)
    if column_type in ("int", "float"):
        return pd.to_numeric(values, errors="coerce").astype(dtype)
    if column_type == "date":
        dates = pd.to_datetime(values, errors="coerce")
        # A year mistyped as 2999 or 201 does not fit in nanoseconds: missing, not wrapped.
        dates = dates.where((dates >= pd.Timestamp.min) & (dates <= pd.Timestamp.max))
        return dates.astype(dtype)
    return values.astype(dtype)


def _as_list(value: object) -> list[Any]:
    # Parquet hands lists back as numpy arrays; missing values become empty lists.
    if isinstance(value, list):
        return value
    if isinstance(value, np.ndarray | tuple):
        return [v.item() if isinstance(v, np.generic) else v for v in value]
    return []


def parquet_bytes(kind: str, frame: pd.DataFrame) -> bytes:
    """A table of a kind as a store keeps it: Parquet of its canonical dtypes."""
    buffer = io.BytesIO()
    coerce_dtypes(kind, frame).reset_index(drop=True).to_parquet(buffer, index=False)
    return buffer.getvalue()


def frame_from_parquet(kind: str, data: bytes) -> pd.DataFrame:
    """A table of a kind read back from the Parquet a store keeps, in its canonical dtypes.

    List columns come out of Arrow as Python lists in one call per column (pandas would hand
    back a numpy array per cell, each then converted: a second at 100x for the projects);
    the other columns as pandas reads them. The same frame as ``coerce_dtypes`` of
    ``pd.read_parquet`` (tests/test_loaders_speed_equivalence.py compares them)."""
    lists = {c.name for c in schema.COLUMNS[kind] if c.type in schema.LIST_TYPES}
    stored = pq.read_schema(io.BytesIO(data))  # the footer only: each column is read once
    names = [n for n in stored.names if n != "__index_level_0__"]
    as_lists = [n for n in names if n in lists and pa_types.is_list(stored.field(n).type)]
    table = pq.read_table(io.BytesIO(data), columns=as_lists)
    frame = pd.read_parquet(io.BytesIO(data), columns=[n for n in names if n not in as_lists])
    if len(frame) != table.num_rows and as_lists:  # no column read: pandas gives no rows
        frame = pd.DataFrame(index=pd.RangeIndex(table.num_rows))
    for name in as_lists:
        cells = table.column(name).to_pylist()
        frame[name] = pd.Series([[] if v is None else v for v in cells], index=frame.index)
    return coerce_dtypes(kind, frame[[n for n in names if n in frame]])


@dataclass(frozen=True)
class NewVersion:
    """A complete version as a store writes it: its manifest (``version_id`` empty until the
    store numbers it), its tables as Parquet by kind, its source files (names already
    unique) and what the writer noted (None: nothing)."""

    info: VersionInfo
    tables: Mapping[str, bytes]
    sources: Sequence[SourceFile] = ()
    metadata: Mapping[str, Any] | None = None


class VersionStore(abc.ABC):
    """What every store offers, with the same guarantees: immutable versions with their
    source files and provenance, one current version switched atomically (readers never see
    a mix), rollback as a new version, writers serialised and checked against the version
    they replace. The folder store is ``Store``; PostgreSQL's is ``ponti.store_pg.PgStore``."""

    # -- what each backend provides ----------------------------------------------------
    @property
    @abc.abstractmethod
    def location(self) -> str:
        """Where the store is, for messages and cache keys: its folder, or its URL without
        the password."""

    @abc.abstractmethod
    def current_id(self) -> str | None:
        """The id of the current version, or None for an empty store."""

    @abc.abstractmethod
    def info(self, version_id: str) -> VersionInfo:
        """The manifest of one version."""

    @abc.abstractmethod
    def versions(self) -> list[VersionInfo]:
        """Every version that has been current, oldest first."""

    @abc.abstractmethod
    def parquet(self, version_id: str, kind: str) -> bytes | None:
        """One table of a version as stored (Parquet), None when the version has none of
        that kind; StoreError when there is no such version."""

    @abc.abstractmethod
    def source_files(self, version_id: str) -> list[SourceFile]:
        """The original files a version was imported from, as they were uploaded (a
        rollback keeps the files of the version it restored)."""

    @abc.abstractmethod
    def metadata(self, version_id: str | None = None) -> dict[str, Any]:
        """What the writer noted about a version; {} when nothing was."""

    @abc.abstractmethod
    def _take_lock(self, wait: float) -> contextlib.AbstractContextManager[None]:
        """Hold the writer lock against other threads and processes for a block, waiting at
        most `wait` seconds for it (then StoreBusy)."""

    @abc.abstractmethod
    def leftovers(self) -> list[Leftover]:
        """What killed writers left behind (ignored by readers; removed by the next writer)."""

    @abc.abstractmethod
    def clean_leftovers(self) -> list[Leftover]:
        """Remove what killed writers left behind, under the lock; what was removed."""

    @abc.abstractmethod
    def _publish(self, version: NewVersion) -> VersionInfo:
        """Store a complete version and make it current, atomically; called with the writer
        lock held. An empty version_id gets the next number."""

    def _restorable(self, version_id: str) -> bool:
        """Whether a version may be restored (the folder store refuses what never became
        current)."""
        return True

    def _all_or_nothing(self) -> contextlib.AbstractContextManager[None]:
        """Around several publishes (copy_store): one transaction where the backend has
        them, so that an interrupted copy leaves nothing."""
        return contextlib.nullcontext()

    def close(self) -> None:
        """Let go of what the store holds open (database connections); it reopens on use."""
        return None  # a folder holds nothing open

    # -- shared by every backend -------------------------------------------------------
    def __init__(self) -> None:
        # How deep this thread holds the writer lock (re-entrant per thread; each holder
        # takes the lock itself between threads and processes).
        self._held = threading.local()

    @contextlib.contextmanager
    def locked(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the store's writer lock: no other writer (thread or process) reads the
        current version to replace it, or writes, until the block ends. Re-entrant within
        a thread. Waits up to `timeout` seconds (PONTI_LOCK_TIMEOUT, default 600) for
        another writer, then raises StoreBusy. A killed holder's lock is released (by the
        kernel, or by the database server)."""
        depth = getattr(self._held, "depth", 0)
        if depth:
            self._held.depth = depth + 1
            try:
                yield
            finally:
                self._held.depth = depth
            return
        with self._take_lock(lock_timeout() if timeout is None else timeout):
            self._held.depth = 1
            try:
                yield
            finally:
                self._held.depth = 0

    def current(self) -> VersionInfo | None:
        """The current version's manifest, or None for an empty store."""
        vid = self.current_id()
        return None if vid is None else self.info(vid)

    def read(self, kind: str, version_id: str | None = None) -> pd.DataFrame:
        """One table of a version (the current one by default); an empty frame if absent."""
        if kind not in schema.KINDS:
            raise StoreError(f"unknown kind {kind!r}; expected one of {', '.join(schema.KINDS)}")
        vid = version_id or self.current_id()
        if vid is None:
            return empty_frame(kind)
        data = self.parquet(vid, kind)
        return empty_frame(kind) if data is None else frame_from_parquet(kind, data)

    def read_all(self, version_id: str | None = None) -> dict[str, pd.DataFrame]:
        """Every table of a version, read from one consistent version id."""
        vid = version_id or self.current_id()
        return {kind: self.read(kind, vid) for kind in schema.KINDS}

    def _check_expected(self, expected_current: Expected) -> str | None:
        """The current id, after making sure it is the one the caller expects."""
        current = self.current_id()
        if expected_current is not UNCHECKED and expected_current != current:
            raise ConflictError(expected_current, current)
        return current

    def write_version(
        self,
        frames: Mapping[str, pd.DataFrame],
        *,
        sources: Sequence[Path | SourceFile] = (),
        note: str = "",
        demo: bool = False,
        author: str = "",
        mode: str = "replace",
        metadata: Mapping[str, Any] | None = None,
        expected_current: Expected = UNCHECKED,
    ) -> VersionInfo:
        """Write a new version and make it current; kinds not given carry over unchanged.

        ``demo`` says the tables given are the shipped demo data. With
        ``expected_current`` (a version id, or None for an empty store) the write is refused
        with ConflictError when another version is current by the time the lock is held.
        """
        unknown = set(frames) - set(schema.KINDS)
        if unknown:
            raise StoreError(f"unknown kinds: {', '.join(sorted(unknown))}")
        if mode not in MODES:
            raise StoreError(f"unknown mode {mode!r}; expected one of {', '.join(MODES)}")
        with self.locked():
            previous = self._check_expected(expected_current)
            before = self.info(previous) if previous is not None else None
            tables: dict[str, bytes] = {}
            counts: dict[str, int] = {}
            demo_kinds: list[str] = []
            for kind in schema.KINDS:
                if kind in frames:
                    tables[kind] = parquet_bytes(kind, frames[kind])
                    counts[kind] = len(frames[kind])
                    if demo:
                        demo_kinds.append(kind)
                elif before is not None:
                    old = self.parquet(before.version_id, kind)
                    if old is not None:
                        tables[kind] = old
                        counts[kind] = before.counts.get(kind, 0)
                        if kind in before.demo_kinds:
                            demo_kinds.append(kind)
            kept = _named_sources(sources)
            info = VersionInfo(
                version_id="",
                created=_now(),
                note=note,
                sources=tuple(source.name for source in kept),
                counts=counts,
                # The demo only when every table is: importing anything makes it not.
                demo=bool(counts) and set(demo_kinds) == set(counts),
                author=author,
                demo_kinds=tuple(demo_kinds),
                parent=previous,
                mode=mode,
            )
            return self._publish(NewVersion(info, tables, kept, metadata))

    def rollback(
        self,
        version_id: str,
        *,
        author: str = "",
        note: str | None = None,
        expected_current: Expected = UNCHECKED,
    ) -> VersionInfo:
        """Restore an earlier (or later) version: a NEW version with exactly its tables, its
        source files and metadata, noted "ripristino della versione X"; nothing is deleted
        and the history keeps both."""
        with self.locked():
            previous = self._check_expected(expected_current)
            target = self.info(version_id)
            if not self._restorable(version_id):
                raise StoreError(
                    f"version {version_id!r} never became current (an interrupted import): "
                    "it cannot be restored"
                )
            info = replace(
                target,
                version_id="",
                created=_now(),
                note=RESTORE_NOTE.format(version_id=version_id) if note is None else note,
                author=author,
                parent=previous,
                mode="rollback",
                restored_from=version_id,
            )
            return self._publish(self._stored(version_id, info))

    def _stored(self, version_id: str, info: VersionInfo) -> NewVersion:
        """A stored version's tables, source files and metadata, under another manifest."""
        tables = {
            kind: data
            for kind in schema.KINDS
            if (data := self.parquet(version_id, kind)) is not None
        }
        return NewVersion(
            info, tables, self.source_files(version_id), self.metadata(version_id) or None
        )


class Store(VersionStore):
    """The folder store: a folder of immutable versions plus a pointer to the current one."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = Path(root)
        # Versions never change once written: what was worked out about one is kept.
        self._repaired: dict[str, VersionInfo] = {}

    @property
    def location(self) -> str:
        """The store's folder."""
        return str(self.root)

    # -- reading -------------------------------------------------------------------
    @property
    def _versions_dir(self) -> Path:
        return self.root / "versions"

    @property
    def _current_file(self) -> Path:
        return self.root / "CURRENT"

    def current_id(self) -> str | None:
        """The id of the current version, or None for an empty store."""
        try:
            data = json.loads(self._current_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise StoreError(f"{self._current_file} is damaged: {exc}") from exc
        return str(data["version_id"])

    def info(self, version_id: str) -> VersionInfo:
        """The manifest of one version."""
        if version_id in self._repaired:
            return self._repaired[version_id]
        data = self._manifest(version_id)
        info = VersionInfo.from_json(data)
        if info.demo and "demo_kinds" not in data and info.note != DEMO_NOTE:
            info = self._repaired.setdefault(version_id, self._legacy_demo(info))
        return info

    def _legacy_demo(self, info: VersionInfo) -> VersionInfo:
        """A version written before manifests listed their demo tables, and labelled demo
        only because it carried demo tables over: demo only in the tables that are still
        byte for byte the demo's (carried tables were copied, never rewritten)."""
        demo = self._nearest_demo_before(info.version_id)
        kinds = tuple(
            kind
            for kind in info.counts
            if demo is not None
            and _same_file(
                self._versions_dir / info.version_id / f"{kind}.parquet",
                self._versions_dir / demo / f"{kind}.parquet",
            )
        )
        return replace(info, demo=set(kinds) == set(info.counts), demo_kinds=kinds)

    def _nearest_demo_before(self, version_id: str) -> str | None:
        number = int(version_id[1:])
        for other in reversed(self._version_ids()):
            if int(other[1:]) < number:
                data = self._manifest(other)
                if data.get("demo") and data.get("note") == DEMO_NOTE:
                    return other
        return None

    def _version_ids(self) -> list[str]:
        if not self._versions_dir.is_dir():
            return []
        return sorted(
            (
                p.name
                for p in self._versions_dir.iterdir()
                if _VERSION_RE.match(p.name) and (p / "manifest.json").is_file()
            ),
            key=lambda name: int(name[1:]),
        )

    def versions(self) -> list[VersionInfo]:
        """Every version that has been current, oldest first (never a leftover of a killed
        import)."""
        ids = self._version_ids()
        committed = self._committed(ids)
        return [self.info(vid) for vid in ids if vid in committed]

    def _committed(self, ids: Sequence[str]) -> set[str]:
        """The versions among `ids` that have been current (see the module's docstring)."""
        current = self.current_id()
        done: set[str] = set()
        vid = current
        while vid is not None and vid not in done and vid in ids:
            done.add(vid)
            vid = self._manifest(vid).get("parent")
            vid = None if vid is None else str(vid)
        for vid in ids:
            if vid in done:
                continue
            if (self._versions_dir / vid / BECAME_CURRENT).is_file() or "mode" not in (
                self._manifest(vid)
            ):
                done.add(vid)
        return done

    def _restorable(self, version_id: str) -> bool:
        return version_id in self._committed(self._version_ids())

    def _manifest(self, version_id: str) -> dict[str, Any]:
        return self._json(version_id, "manifest.json") or {}

    def _json(self, version_id: str, name: str) -> dict[str, Any] | None:
        """A JSON file of a version (None when the version has none of that name)."""
        path = self._versions_dir / version_id / name
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            self._must_exist(version_id)
            return None
        except (OSError, ValueError) as exc:
            raise StoreError(f"{path} is damaged: {exc}") from exc
        return dict(data) if isinstance(data, dict) else {}

    def _must_exist(self, version_id: str) -> None:
        if not (self._versions_dir / version_id / "manifest.json").is_file():
            raise StoreError(f"there is no version {version_id!r} in {self.root}")

    def leftovers(self) -> list[Leftover]:
        """What killed writers left behind (ignored by readers; removed by the next writer)."""
        found: list[Leftover] = []
        if self._versions_dir.is_dir():
            ids = self._version_ids()
            committed = self._committed(ids)
            for path in sorted(self._versions_dir.iterdir()):
                if _BUILDING_RE.match(path.name):
                    found.append(Leftover(path.name, "temporary", path))
                elif _VERSION_RE.match(path.name) and path.name not in committed:
                    found.append(Leftover(path.name, "never-current", path))
        if self.root.is_dir():
            found.extend(
                Leftover(path.name, "pointer", path)
                for path in sorted(self.root.iterdir())
                if _JSON_TMP_RE.match(path.name)
            )
        return found

    def clean_leftovers(self) -> list[Leftover]:
        """Remove what killed writers left behind, under the lock; what was removed."""
        with self.locked():
            return self._clean_leftovers()

    def _clean_leftovers(self) -> list[Leftover]:
        # Only with the lock held: no live writer is building or switching meanwhile.
        current = self.current_id()
        if current is not None and (self._versions_dir / current).is_dir():
            self._mark_current(current)  # killed after the switch, before the mark
        removed = self.leftovers()
        for leftover in removed:
            if leftover.path.is_dir():
                shutil.rmtree(leftover.path, ignore_errors=True)
            else:
                with contextlib.suppress(FileNotFoundError):
                    leftover.path.unlink()
        return removed

    def _mark_current(self, version_id: str) -> None:
        mark = self._versions_dir / version_id / BECAME_CURRENT
        if not mark.is_file():
            mark.write_text(_now() + "\n", encoding="utf-8")

    def parquet(self, version_id: str, kind: str) -> bytes | None:
        """One table of a version as stored (Parquet), None when the version has none of
        that kind; StoreError when there is no such version."""
        path = self._versions_dir / version_id / f"{kind}.parquet"
        try:
            return path.read_bytes()
        except FileNotFoundError:
            self._must_exist(version_id)
            return None

    def source_files(self, version_id: str) -> list[SourceFile]:
        """The original files a version was imported from, as they were uploaded (a
        rollback keeps the files of the version it restored)."""
        info = self.info(version_id)
        folder = self._versions_dir / version_id / "sources"
        return [
            SourceFile(name, (folder / name).read_bytes())
            for name in info.sources
            if (folder / name).is_file()
        ]

    def metadata(self, version_id: str | None = None) -> dict[str, Any]:
        """What the writer noted about a version (metadata.json); {} when nothing was."""
        vid = version_id or self.current_id()
        return {} if vid is None else self._json(vid, "metadata.json") or {}

    # -- writing -------------------------------------------------------------------
    @contextlib.contextmanager
    def _take_lock(self, wait: float) -> Iterator[None]:
        """flock on .lock, opened by each holder (so that it excludes threads too)."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "a+") as handle:
            _acquire(handle, wait, self.root)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _next_id(self) -> str:
        numbers = (
            [
                int(m.group(1))
                for p in self._versions_dir.iterdir()
                if (m := _VERSION_RE.match(p.name))
            ]
            if self._versions_dir.is_dir()
            else []
        )
        return f"v{max(numbers, default=0) + 1:04d}"

    def _publish(self, version: NewVersion) -> VersionInfo:
        """Build a version in a hidden folder, rename it into place, make it current.
        Called with the lock held."""
        self._versions_dir.mkdir(parents=True, exist_ok=True)
        # The id first: a version that never became current keeps its number unused.
        vid = version.info.version_id or self._next_id()
        self._clean_leftovers()
        if (self._versions_dir / vid).exists():
            raise StoreError(f"there is already a version {vid!r} in {self.root}")
        info = replace(version.info, version_id=vid)
        tmp = Path(tempfile.mkdtemp(prefix=f".{vid}-", dir=self._versions_dir))
        try:
            for kind, data in version.tables.items():
                (tmp / f"{kind}.parquet").write_bytes(data)
            (tmp / "sources").mkdir()
            for source in version.sources:
                (tmp / "sources" / source.name).write_bytes(source.data)
            if version.metadata is not None:
                _write_json(tmp / "metadata.json", version.metadata)
            crash_point("building")
            _write_json(tmp / "manifest.json", asdict(info))
            crash_point("built")
            os.rename(tmp, self._versions_dir / vid)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        crash_point("renamed")
        self._switch(vid)
        crash_point("switched")
        self._mark_current(vid)
        return info

    def _switch(self, version_id: str) -> None:
        _write_json(self._current_file, {"version_id": version_id}, crash_step="switching")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _named_sources(sources: Sequence[Path | SourceFile]) -> list[SourceFile]:
    """The source files with the names they are kept under (unique, never hidden)."""
    kept: list[SourceFile] = []
    names: set[str] = set()
    for number, src in enumerate(sources, start=1):
        # Two sources with one name (from two folders) must not overwrite each other.
        name = Path(src.name).name if isinstance(src, SourceFile) else Path(src).name
        if name in names or not name or name.startswith("."):
            name = f"{number}-{name or 'file'}"
        data = src.data if isinstance(src, SourceFile) else Path(src).read_bytes()
        kept.append(SourceFile(name, data))
        names.add(name)
    return kept


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()
    except FileNotFoundError:
        return False


def _write_json(path: Path, data: Mapping[str, object], crash_step: str = "") -> None:
    # Write beside the target, flush to disk, then rename: the switch is atomic.
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        if crash_step:
            crash_point(crash_step)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def crash_point(step: str) -> None:
    """Tests only (CRASH_ENV): die here as a killed process would, with no clean-up at all."""
    if os.environ.get(CRASH_ENV) == step:
        os._exit(CRASH_EXIT_CODE)


def lock_timeout() -> float:
    """How long a writer waits for another writer's lock (PONTI_LOCK_TIMEOUT), in seconds."""
    try:
        return float(os.environ.get(LOCK_TIMEOUT_ENV) or DEFAULT_LOCK_TIMEOUT)
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT


def _acquire(handle: Any, timeout: float, root: Path) -> None:
    """flock the handle, polling so that a writer stuck elsewhere ends in StoreBusy rather
    than a wait without end."""
    deadline = time.monotonic() + timeout
    pause = 0.01
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise StoreBusy(str(root), timeout) from None
            time.sleep(pause)
            pause = min(pause * 2, 0.2)


# -- which store ------------------------------------------------------------------------------
def is_database_url(text: str) -> bool:
    """Whether a text names a PostgreSQL store (a postgresql:// URL, in any of its spellings)."""
    return _DATABASE_URL_RE.match(text.strip()) is not None


# postgresql://, postgres:// and SQLAlchemy's postgresql+psycopg:// (st.connection's form).
_DATABASE_URL_RE = re.compile(r"^postgres(?:ql)?(?:\+\w+)?://", re.IGNORECASE)


def libpq_url(url: str) -> str:
    """A PostgreSQL URL in libpq's spelling (postgresql://), whichever spelling it came in."""
    return _DATABASE_URL_RE.sub("postgresql://", url.strip(), count=1)


def database_url(secrets_file: Path | None = None) -> str | None:
    """The configured PostgreSQL URL: PONTI_DATABASE_URL, else [connections.ponti] in
    .streamlit/secrets.toml (st.connection's SQL shape: ``url``, or ``dialect``, ``host``,
    ``port``, ``database``, ``username``, ``password``, ``query``); None when neither is set.
    """
    url = os.environ.get(DATABASE_URL_ENV, "").strip()
    if url:
        return url
    path = SECRETS_FILE if secrets_file is None else secrets_file
    try:
        secrets = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise StoreUnavailable("url", str(path), f"the file cannot be read: {exc}") from exc
    connections = secrets.get("connections")
    section = connections.get(CONNECTION_NAME) if isinstance(connections, dict) else None
    if section is None:
        return None
    if not isinstance(section, dict):
        raise StoreUnavailable("url", f"{path} [connections.ponti]", "it is not a table")
    return url_from_secrets(section, where=f"{path} [connections.ponti]")


def url_from_secrets(section: Mapping[str, Any], *, where: str = "[connections.ponti]") -> str:
    """A PostgreSQL URL from st.connection's SQL secrets: ``url`` as it is, or one built
    from ``dialect`` (postgresql), ``host``, ``port``, ``database``, ``username``,
    ``password`` and ``query`` (a table of connection parameters)."""
    if section.get("url"):
        return str(section["url"])
    dialect = str(section.get("dialect") or "")
    if dialect.split("+")[0].lower() not in ("postgresql", "postgres"):
        raise StoreUnavailable(
            "url", where, f"dialect {dialect or '(missing)'!r}: Ponti stores data in PostgreSQL"
        )
    user = quote(str(section.get("username") or ""), safe="")
    password = section.get("password")
    if password:
        user = f"{user}:{quote(str(password), safe='')}"
    host = str(section.get("host") or "")
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address
    port = f":{section['port']}" if section.get("port") else ""
    query = section.get("query") or {}
    if not isinstance(query, Mapping):
        raise StoreUnavailable("url", where, "query must be a table of parameters")
    tail = f"?{urlencode({str(k): str(v) for k, v in query.items()})}" if query else ""
    database = quote(str(section.get("database") or ""), safe="")
    return f"postgresql://{user}{'@' if user else ''}{host}{port}/{database}{tail}"


def hide_password(text: str) -> str:
    """A URL (or what was meant as one) with its password masked, for a message."""
    return re.sub(r"(//[^:/@]*):[^@]*@", r"\1:***@", text)


# -- copying ----------------------------------------------------------------------------------
def copy_store(
    source: VersionStore, target: VersionStore, *, append: bool = False
) -> list[VersionInfo]:
    """Copy every version of `source`, oldest first, into `target`, with its tables, source
    files, metadata and manifest (ids, dates, authors, notes, parents); the current version
    ends current. A target that already has versions is refused (StoreNotEmpty) unless
    `append`: the versions are then numbered after the target's, the first one's parent
    being the target's current version, and the last one becomes current. Into PostgreSQL
    the copy is one transaction: interrupted, it leaves nothing. Returns what was written."""
    if source.location == target.location:
        raise StoreError(f"the source and the destination are the same store, {source.location}")
    history = source.versions()
    current = source.current_id()
    if history and history[-1].version_id != current:
        raise StoreError(
            f"the current version of {source.location} ({current}) is not its newest "
            f"({history[-1].version_id}): it cannot be copied as it is"
        )
    written: list[VersionInfo] = []
    with target.locked(), target._all_or_nothing():
        existing = target.versions()
        if existing and not append:
            raise StoreNotEmpty(target.location, len(existing), target.current_id())
        numbers: dict[str, str] = {}  # source id -> target id (they differ when appending)
        for info in history:
            vid = info.version_id
            if append:
                new = replace(
                    info,
                    version_id="",
                    parent=target.current_id(),
                    restored_from=numbers.get(info.restored_from or ""),
                )
            else:
                new = info
            stored = target._publish(source._stored(vid, new))
            numbers[vid] = stored.version_id
            written.append(stored)
    return written
