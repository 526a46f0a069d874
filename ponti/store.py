"""The embedded, versioned store: every import is a new immutable version on disk.

Layout under the store root (``PONTI_DATA_DIR``, default ``<repo>/var/store``)::

    CURRENT                     {"version_id": "v0003"}   replaced atomically (os.replace)
    versions/v0003/manifest.json
    versions/v0003/<kind>.parquet
    versions/v0003/sources/<original file names>
    .lock                       held while a writer builds a version

A version is built in a hidden temporary folder and renamed into place only when complete,
then CURRENT is switched with an atomic rename: readers see the old version or the new one,
never half an import, and a crash at any point leaves the current version untouched.
Several dashboard processes can read the same store; only CURRENT decides what is current.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ponti import schema

REPO_DIR = Path(__file__).resolve().parent.parent
DATA_DIR_ENV = "PONTI_DATA_DIR"
DEFAULT_ROOT = REPO_DIR / "var" / "store"

_VERSION_RE = re.compile(r"^v(\d{4,})$")


class StoreError(Exception):
    """A request the store cannot honour (unknown version, damaged store)."""


@dataclass(frozen=True)
class VersionInfo:
    """What a version is: its id, when and from what it was made, and its row counts."""

    version_id: str
    created: str
    note: str = ""
    sources: tuple[str, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)
    demo: bool = False

    @property
    def created_at(self) -> datetime:
        """The creation time as an aware datetime (UTC)."""
        return datetime.fromisoformat(self.created)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> VersionInfo:
        """Read a manifest dictionary."""
        counts: Mapping[str, Any] = data.get("counts") or {}
        sources: Sequence[Any] = data.get("sources") or ()
        return cls(
            version_id=str(data["version_id"]),
            created=str(data["created"]),
            note=str(data.get("note") or ""),
            sources=tuple(str(s) for s in sources),
            counts={str(k): int(v) for k, v in counts.items()},
            demo=bool(data.get("demo", False)),
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
        path = self._versions_dir / version_id / "manifest.json"
        try:
            return VersionInfo.from_json(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError as exc:
            raise StoreError(f"there is no version {version_id!r} in {self.root}") from exc

    def versions(self) -> list[VersionInfo]:
        """Every complete version, oldest first."""
        if not self._versions_dir.is_dir():
            return []
        ids = sorted(
            (
                p.name
                for p in self._versions_dir.iterdir()
                if _VERSION_RE.match(p.name) and (p / "manifest.json").is_file()
            ),
            key=lambda name: int(name[1:]),
        )
        return [self.info(vid) for vid in ids]

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

    # -- writing -------------------------------------------------------------------
    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
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

    def write_version(
        self,
        frames: Mapping[str, pd.DataFrame],
        *,
        sources: Sequence[Path] = (),
        note: str = "",
        demo: bool = False,
    ) -> VersionInfo:
        """Write a new version and make it current; kinds not given carry over unchanged."""
        unknown = set(frames) - set(schema.KINDS)
        if unknown:
            raise StoreError(f"unknown kinds: {', '.join(sorted(unknown))}")
        with self._lock():
            self._versions_dir.mkdir(parents=True, exist_ok=True)
            previous = self.current_id()
            vid = self._next_id()
            tmp = Path(tempfile.mkdtemp(prefix=f".{vid}-", dir=self._versions_dir))
            try:
                counts: dict[str, int] = {}
                carried = False
                for kind in schema.KINDS:
                    target = tmp / f"{kind}.parquet"
                    if kind in frames:
                        table = coerce_dtypes(kind, frames[kind]).reset_index(drop=True)
                        table.to_parquet(target, index=False)
                        counts[kind] = len(table)
                    elif previous is not None:
                        old = self._versions_dir / previous / f"{kind}.parquet"
                        if old.is_file():
                            shutil.copy2(old, target)
                            counts[kind] = self.info(previous).counts.get(kind, 0)
                            carried = True
                (tmp / "sources").mkdir()
                kept: list[str] = []
                for number, src in enumerate(sources, start=1):
                    # Two sources with one name (from two folders) must not overwrite each other.
                    name = Path(src).name
                    if name in kept:
                        name = f"{number}-{name}"
                    shutil.copy2(src, tmp / "sources" / name)
                    kept.append(name)
                info = VersionInfo(
                    version_id=vid,
                    created=datetime.now(UTC).isoformat(timespec="seconds"),
                    note=note,
                    sources=tuple(kept),
                    counts=counts,
                    # Demo tables carried into a new version keep it labelled as demo.
                    demo=demo or (carried and previous is not None and self.info(previous).demo),
                )
                _write_json(tmp / "manifest.json", asdict(info))
                os.rename(tmp, self._versions_dir / vid)
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
            self._switch(vid)
            return info

    def rollback(self, version_id: str) -> VersionInfo:
        """Make an earlier (or later) version current again; nothing is deleted."""
        with self._lock():
            info = self.info(version_id)
            self._switch(version_id)
            return info

    def _switch(self, version_id: str) -> None:
        _write_json(self._current_file, {"version_id": version_id})


def _write_json(path: Path, data: Mapping[str, object]) -> None:
    # Write beside the target, flush to disk, then rename: the switch is atomic.
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def default_store() -> Store:
    """The store named by PONTI_DATA_DIR, or var/store inside the checkout."""
    root = os.environ.get(DATA_DIR_ENV)
    return Store(Path(root) if root else DEFAULT_ROOT)
