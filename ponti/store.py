"""The embedded, versioned store: every import is a new immutable version on disk.

Layout under the store root (``PONTI_DATA_DIR``, default ``<repo>/var/store``)::

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

import contextlib
import enum
import fcntl
import json
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd

from ponti import schema

REPO_DIR = Path(__file__).resolve().parent.parent
DATA_DIR_ENV = "PONTI_DATA_DIR"
DEFAULT_ROOT = REPO_DIR / "var" / "store"

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


class Store:
    """A folder of immutable versions plus a pointer to the current one."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        # Versions never change once written: what was worked out about one is kept.
        self._repaired: dict[str, VersionInfo] = {}
        # How deep this thread holds the writer lock (re-entrant per thread; flock between
        # threads and processes, as each holder opens the lock file itself).
        self._held = threading.local()

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

    def current(self) -> VersionInfo | None:
        """The current version's manifest, or None for an empty store."""
        vid = self.current_id()
        return None if vid is None else self.info(vid)

    def info(self, version_id: str) -> VersionInfo:
        """The manifest of one version."""
        if version_id in self._repaired:
            return self._repaired[version_id]
        path = self._versions_dir / version_id / "manifest.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise StoreError(f"there is no version {version_id!r} in {self.root}") from exc
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
                data = json.loads(
                    (self._versions_dir / other / "manifest.json").read_text(encoding="utf-8")
                )
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

    def _manifest(self, version_id: str) -> dict[str, Any]:
        path = self._versions_dir / version_id / "manifest.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise StoreError(f"there is no version {version_id!r} in {self.root}") from exc
        except ValueError as exc:
            raise StoreError(f"{path} is damaged: {exc}") from exc
        return dict(data) if isinstance(data, dict) else {}

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

    def read(self, kind: str, version_id: str | None = None) -> pd.DataFrame:
        """One table of a version (the current one by default); an empty frame if absent."""
        if kind not in schema.KINDS:
            raise StoreError(f"unknown kind {kind!r}; expected one of {', '.join(schema.KINDS)}")
        vid = version_id or self.current_id()
        if vid is None:
            return empty_frame(kind)
        path = self._versions_dir / vid / f"{kind}.parquet"
        if not path.is_file():
            if not (self._versions_dir / vid).is_dir():
                raise StoreError(f"there is no version {vid!r} in {self.root}")
            return empty_frame(kind)
        return coerce_dtypes(kind, pd.read_parquet(path))

    def read_all(self, version_id: str | None = None) -> dict[str, pd.DataFrame]:
        """Every table of a version, read from one consistent version id."""
        vid = version_id or self.current_id()
        return {kind: self.read(kind, vid) for kind in schema.KINDS}

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
        if vid is None:
            return {}
        path = self._versions_dir / vid / "metadata.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            if not (self._versions_dir / vid).is_dir():
                raise StoreError(f"there is no version {vid!r} in {self.root}") from None
            return {}
        return dict(data) if isinstance(data, dict) else {}

    # -- writing -------------------------------------------------------------------
    @contextlib.contextmanager
    def locked(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the store's writer lock: no other writer (thread or process) reads the
        current version to replace it, or writes, until the block ends. Re-entrant within
        a thread. Waits up to `timeout` seconds (PONTI_LOCK_TIMEOUT, default 600) for
        another writer, then raises StoreBusy. The kernel releases the lock of a killed
        process."""
        depth = getattr(self._held, "depth", 0)
        if depth:
            self._held.depth = depth + 1
            try:
                yield
            finally:
                self._held.depth = depth
            return
        wait = _lock_timeout() if timeout is None else timeout
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "a+") as handle:
            _acquire(handle, wait, self.root)
            self._held.depth = 1
            try:
                yield
            finally:
                self._held.depth = 0
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

    def _check_expected(self, expected_current: Expected) -> str | None:
        """The current id, after making sure it is the one the caller expects."""
        current = self.current_id()
        if expected_current is not UNCHECKED and expected_current != current:
            raise ConflictError(expected_current, current)
        return current

    def _publish(self, build: Callable[[Path, str], VersionInfo]) -> VersionInfo:
        """Build a version in a hidden folder, rename it into place, make it current.
        Called with the lock held."""
        self._versions_dir.mkdir(parents=True, exist_ok=True)
        # The id first: a version that never became current keeps its number unused.
        vid = self._next_id()
        self._clean_leftovers()
        tmp = Path(tempfile.mkdtemp(prefix=f".{vid}-", dir=self._versions_dir))
        try:
            info = build(tmp, vid)
            _crash_point("building")
            _write_json(tmp / "manifest.json", asdict(info))
            _crash_point("built")
            os.rename(tmp, self._versions_dir / vid)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        _crash_point("renamed")
        self._switch(vid)
        _crash_point("switched")
        self._mark_current(vid)
        return info

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

            def build(tmp: Path, vid: str) -> VersionInfo:
                counts: dict[str, int] = {}
                demo_kinds: list[str] = []
                for kind in schema.KINDS:
                    target = tmp / f"{kind}.parquet"
                    if kind in frames:
                        table = coerce_dtypes(kind, frames[kind]).reset_index(drop=True)
                        table.to_parquet(target, index=False)
                        counts[kind] = len(table)
                        if demo:
                            demo_kinds.append(kind)
                    elif before is not None:
                        old = self._versions_dir / before.version_id / f"{kind}.parquet"
                        if old.is_file():
                            shutil.copy2(old, target)
                            counts[kind] = before.counts.get(kind, 0)
                            if kind in before.demo_kinds:
                                demo_kinds.append(kind)
                kept = _copy_sources(sources, tmp / "sources")
                if metadata is not None:
                    _write_json(tmp / "metadata.json", metadata)
                return VersionInfo(
                    version_id=vid,
                    created=_now(),
                    note=note,
                    sources=tuple(kept),
                    counts=counts,
                    # The demo only when every table is: importing anything makes it not.
                    demo=bool(counts) and set(demo_kinds) == set(counts),
                    author=author,
                    demo_kinds=tuple(demo_kinds),
                    parent=previous,
                    mode=mode,
                )

            return self._publish(build)

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
            if version_id not in self._committed(self._version_ids()):
                raise StoreError(
                    f"version {version_id!r} never became current (an interrupted import): "
                    "it cannot be restored"
                )
            origin = self._versions_dir / version_id

            def build(tmp: Path, vid: str) -> VersionInfo:
                for kind in schema.KINDS:
                    table = origin / f"{kind}.parquet"
                    if table.is_file():
                        shutil.copy2(table, tmp / f"{kind}.parquet")
                if (origin / "sources").is_dir():
                    shutil.copytree(origin / "sources", tmp / "sources")
                else:
                    (tmp / "sources").mkdir()
                if (origin / "metadata.json").is_file():
                    shutil.copy2(origin / "metadata.json", tmp / "metadata.json")
                return replace(
                    target,
                    version_id=vid,
                    created=_now(),
                    note=RESTORE_NOTE.format(version_id=version_id) if note is None else note,
                    author=author,
                    parent=previous,
                    mode="rollback",
                    restored_from=version_id,
                )

            return self._publish(build)

    def _switch(self, version_id: str) -> None:
        _write_json(self._current_file, {"version_id": version_id}, crash_step="switching")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _copy_sources(sources: Sequence[Path | SourceFile], folder: Path) -> list[str]:
    """Keep the source files in `folder`; their names as kept."""
    folder.mkdir()
    kept: list[str] = []
    for number, src in enumerate(sources, start=1):
        # Two sources with one name (from two folders) must not overwrite each other.
        name = Path(src.name).name if isinstance(src, SourceFile) else Path(src).name
        if name in kept or not name or name.startswith("."):
            name = f"{number}-{name or 'file'}"
        if isinstance(src, SourceFile):
            (folder / name).write_bytes(src.data)
        else:
            shutil.copy2(src, folder / name)
        kept.append(name)
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
            _crash_point(crash_step)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def _crash_point(step: str) -> None:
    # Tests only (CRASH_ENV): die here as a killed process would, with no clean-up at all.
    if os.environ.get(CRASH_ENV) == step:
        os._exit(CRASH_EXIT_CODE)


def _lock_timeout() -> float:
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
                raise StoreBusy(
                    f"another import has held the store {root} for over {timeout:g} s; "
                    "nothing was written: try again later"
                ) from None
            time.sleep(pause)
            pause = min(pause * 2, 0.2)


def default_store() -> Store:
    """The store named by PONTI_DATA_DIR, or var/store inside the checkout."""
    root = os.environ.get(DATA_DIR_ENV)
    return Store(Path(root) if root else DEFAULT_ROOT)
