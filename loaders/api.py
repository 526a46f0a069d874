"""The loaders' entry points: detect what a file holds, load and validate files, import
them into the store as a new version (only when there is no error), seed the demo.

One code path serves the command line and the Data page:

    plan = prepare_import(files, store, mode="update")   # validate against the current
    plan.report                                          # version; nothing written yet
    plan.changes                                         # preview (ponti.changes.Changes)
    info = commit_import(plan, store, note="...", author="Maria Rossi")

``files`` are paths or ``SourceFile(name, bytes)`` (an upload). ``commit_import`` refuses
(ImportRefused) a plan with errors, and (ConflictError) a plan computed against a version
that is no longer current: another import landed since the preview, so prepare again and
show the new preview. ``import_files`` does both steps at once (the command line), holding
the store's writer lock throughout, so its files are validated against the very version
they replace.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import pandas as pd

from loaders import iati
from loaders import normalise as nz
from loaders.choices import MODES as MODES
from loaders.choices import Mode as Mode
from loaders.messages import make_issue
from loaders.read import read_table
from loaders.report import Report
from loaders.update import apply_update
from loaders.validate import (
    PlaceMatch,
    TableResult,
    check_batch,
    frame_keys,
    key_columns,
    validate_table,
)
from ponti import schema
from ponti.changes import Changes, compare_tables
from ponti.quality import PLACES_KEY as PLACES_KEY
from ponti.store import DEMO_NOTE as DEMO_NOTE
from ponti.store import SourceFile

if TYPE_CHECKING:
    from ponti.store import Expected, VersionInfo, VersionStore

DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"

KindArg = str | Sequence[str | None] | Mapping[str, str] | None
FileArg = Path | str | SourceFile


class ImportRefused(ValueError):
    """A plan with errors (or no table at all) cannot be committed."""


@dataclass
class LoadResult:
    """One file: its kind (None if unknown), its canonical frame (None if unreadable) and
    the report; rows[i] is the file's row number of frame row i."""

    kind: str | None
    frame: pd.DataFrame | None
    report: Report
    path: Path | None = None
    file: str = ""
    rows: list[int] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class BatchResult:
    """Several files: one canonical frame per kind given and one report for them all.

    In "update" mode each frame is the whole table of its kind with the files applied.
    ``base_version`` is the store version the files were checked against (None: an empty
    store, or tables given directly); ``places`` the places matched only approximately,
    ``rewritten`` the (kind, key, column) cells the files gave or cleared (update mode)."""

    frames: dict[str, pd.DataFrame]
    report: Report
    results: list[LoadResult] = field(default_factory=list)
    mode: Mode = "replace"
    base_version: str | None = None
    places: list[dict[str, str]] = field(default_factory=list)
    rewritten: set[tuple[str, str, str]] = field(default_factory=set)


def detect_kind(
    path: Path | str,
    frame: pd.DataFrame | None,
    kind: str | None = None,
    sheet: str | None = None,
    *,
    partial: bool = False,
) -> str | None:
    """What a file holds: the kind given, else its file (or sheet) name, else the kind whose
    columns its headers match best; None when it cannot be told.

    ``partial``: the file updates stored rows, so it may hold only a few columns; its kind
    is then the one whose key columns (id; residents' year, province and citizenship) it
    has and whose columns it matches most, when no other kind matches as many."""
    if kind is not None:
        return kind if kind in schema.KINDS else nz.kind_from_name(kind)
    for name in (Path(path).stem, sheet):
        if name and (found := nz.kind_from_name(name)) is not None:
            return found
    if frame is None:
        return None
    scores = []
    for candidate in schema.KINDS:
        matched = {hit[0] for h in frame.columns if (hit := nz.canonical_header(candidate, str(h)))}
        required = [c.name for c in schema.COLUMNS[candidate] if c.required]
        share = sum(c in matched for c in required) / len(required)
        keyed = all(c in matched for c in key_columns(candidate))
        scores.append((share, len(matched), candidate, keyed))
    scores.sort(reverse=True)
    best, runner_up = scores[0], scores[1]
    if best[0] >= 0.5 and best[1] >= 2 and best[:2] != runner_up[:2]:
        return best[2]
    if partial:
        ranked = sorted(((n, c) for _, n, c, has_key in scores if has_key), reverse=True)
        if len(ranked) == 1 or (len(ranked) > 1 and ranked[0][0] > ranked[1][0]):
            return ranked[0][1]
    return None


def _labels(files: Sequence[Path | SourceFile]) -> list[str]:
    # Issues name files as the user knows them; only same-named files need their folder.
    names = [_name(f) for f in files]
    labels = []
    for number, (item, name) in enumerate(zip(files, names, strict=True), start=1):
        if names.count(name) == 1:
            labels.append(name)
        else:
            labels.append(f"{number}-{name}" if isinstance(item, SourceFile) else str(item))
    return labels


def _name(item: Path | SourceFile) -> str:
    return Path(item.name).name if isinstance(item, SourceFile) else item.name


def _as_file(item: FileArg) -> Path | SourceFile:
    return item if isinstance(item, SourceFile) else Path(item)


def _kinds_for(paths: Sequence[Path | SourceFile], kinds: KindArg) -> list[str | None]:
    if kinds is None:
        return [None] * len(paths)
    if isinstance(kinds, str):
        return [kinds] * len(paths)
    if isinstance(kinds, Mapping):
        return [
            kinds.get(p.name if isinstance(p, SourceFile) else str(p)) or kinds.get(_name(p))
            for p in paths
        ]
    listed = list(kinds)
    return listed + [None] * (len(paths) - len(listed))


def _load_one(
    item: Path | SourceFile, kind: str | None, label: str, *, partial: bool = False
) -> tuple[LoadResult, TableResult | None]:
    data = item.data if isinstance(item, SourceFile) else None
    path = Path(item.name) if isinstance(item, SourceFile) else item
    report = Report(files=[label])
    if kind is not None and detect_kind(path, None, kind) is None:
        report.add(
            make_issue(
                "bad-kind",
                file=label,
                value=kind,
                options=", ".join(schema.KINDS),
            )
        )
        return LoadResult(None, None, report, path, label), None
    given = detect_kind(path, None, kind) if kind is not None else None
    raw, issues = read_table(path, kind=given, file=label, data=data)
    report.extend(issues)
    if raw is None:
        return LoadResult(given, None, report, path, label), None
    found = detect_kind(path, raw.frame, given, raw.sheet, partial=partial)
    if found is None:
        report.add(make_issue("unknown-kind", file=label))
        return LoadResult(None, None, report, path, label), None
    table = validate_table(found, raw, label, partial=partial)
    report.extend(table.issues)
    result = LoadResult(found, table.frame, report, path, label, table.rows, table.headers)
    return result, table


class _VersionTables(Mapping[str, pd.DataFrame]):
    """Every table of one stored version, each read when first asked for: checking a file
    needs only the tables it meets (a projects file: the associations it names and the
    twinnings that name projects), not all of a large store's tables."""

    def __init__(self, store: VersionStore, version_id: str) -> None:
        self._store, self._version_id = store, version_id
        self._tables: dict[str, pd.DataFrame] = {}

    def __getitem__(self, kind: str) -> pd.DataFrame:
        if kind not in schema.KINDS:
            raise KeyError(kind)
        if kind not in self._tables:
            self._tables[kind] = self._store.read(kind, self._version_id)
        return self._tables[kind]

    def __iter__(self) -> Iterator[str]:
        return iter(schema.KINDS)

    def __len__(self) -> int:
        return len(schema.KINDS)


def _existing_from(
    store: VersionStore | None,
) -> tuple[str | None, Mapping[str, pd.DataFrame] | None]:
    # One version id, read once: the tables and the id the plan is checked against agree
    # (a version never changes, so reading its tables later reads the same tables).
    vid = store.current_id() if store is not None else None
    if store is None or vid is None:
        return None, None
    return vid, _VersionTables(store, vid)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while files are checked: reading one makes millions
    of small strings and lists, hardly any in a cycle, and every full collection walks them all
    (at 100,000 rows a third of a validation's time). Reference counting still frees them;
    the collector runs again after, unless someone else had paused it."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


@_collector_paused()
def load_files(
    paths: Sequence[FileArg],
    kinds: KindArg = None,
    store: VersionStore | None = None,
    *,
    existing: Mapping[str, pd.DataFrame] | None = None,
    require_references: bool = False,
    mode: Mode = "replace",
) -> BatchResult:
    """Load and validate several files together: references are checked across them and
    against the store's current version (or `existing`).

    "replace": files of one kind are stacked and replace that kind's table. "update": the
    files are applied to the stored tables (loaders.update) and each frame is the result.
    """
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; expected one of {', '.join(MODES)}")
    files = [_as_file(p) for p in paths]
    base_version: str | None = None
    if existing is None:
        base_version, existing = _existing_from(store)
    report = Report()
    results: list[LoadResult] = []
    tables: list[TableResult] = []
    # IATI files name organisations, not associations: they are matched to the stored ones.
    with iati.reading(associations=(existing or {}).get(schema.ASSOCIATIONS)):
        for item, kind, label in zip(files, _kinds_for(files, kinds), _labels(files), strict=True):
            result, table = _load_one(item, kind, label, partial=mode == "update")
            report.merge(result.report)
            results.append(result)
            if table is not None:
                tables.append(table)
                if table.kind == schema.ASSOCIATIONS:
                    iati.add_associations(table.frame)  # for IATI files named after it
    frames, batch_issues, places = _apply(tables, existing, mode, require_references)
    report.extend(batch_issues)
    for result in results:
        result.report.extend(i for i in batch_issues if i.file == result.file)
    return BatchResult(
        frames,
        report,
        results,
        mode=mode,
        base_version=base_version,
        places=places,
        rewritten=_rewritten(tables) if mode == "update" else set(),
    )


def _apply(
    tables: Sequence[TableResult],
    existing: Mapping[str, pd.DataFrame] | None,
    mode: Mode,
    require_references: bool,
) -> tuple[dict[str, pd.DataFrame], list[Any], list[dict[str, str]]]:
    """The frames of the batch, the issues across its tables, the approximate places."""
    places = []
    for t in tables:
        keys = frame_keys(t.kind, t.frame) if t.places else []  # once per table, not per place
        places += [
            _place(t.kind, key, p)
            for p in t.places
            if (key := keys[p.index]) is not None
            and not (t.delete is not None and t.delete[p.index])
        ]
    if mode == "update":
        update = apply_update(tables, existing, require_references=require_references)
        places += [_place(kind, key, p) for kind, key, p in update.places]
        return update.frames, update.issues, places
    issues = check_batch(tables, existing, require_references=require_references)
    frames: dict[str, pd.DataFrame] = {}
    for kind in schema.KINDS:
        parts = [t.frame for t in tables if t.kind == kind]
        if len(parts) == 1:
            frames[kind] = parts[0]
        elif parts:
            frames[kind] = pd.concat(parts, ignore_index=True)
    return frames, issues, places


def _place(kind: str, key: Any, place: PlaceMatch) -> dict[str, str]:
    return {
        "kind": kind,
        "key": str(key),
        "column": place.column,
        "written": place.written,
        "resolved": place.resolved,
        "reason": place.reason,
    }


def _rewritten(tables: Sequence[TableResult]) -> set[tuple[str, str, str]]:
    cells: set[tuple[str, str, str]] = set()
    for table in tables:
        keys = frame_keys(table.kind, table.frame)
        for column, texts in table.texts.items():
            cleared = table.cleared.get(column) or [False] * len(texts)
            cells.update(
                (table.kind, str(key), column)
                for key, text, gone in zip(keys, texts, cleared, strict=True)
                if key is not None and (text or gone)
            )
    return cells


def load_file(
    path: FileArg,
    kind: str | None = None,
    existing: Mapping[str, pd.DataFrame] | None = None,
) -> LoadResult:
    """Load and validate one file (references checked against `existing` when given)."""
    batch = load_files([path], kinds=kind, existing=existing)
    result = batch.results[0]
    if result.frame is not None and result.kind is not None:
        result.frame = batch.frames.get(result.kind, result.frame)
    return result


@dataclass
class ImportPlan:
    """What importing some files would do, computed against one store version and not yet
    written: the validation (``report``), the tables to write (``batch.frames``), the
    preview of changes against ``base_version`` (``changes``), the files to keep with the
    version and the metadata to record (approximate places)."""

    batch: BatchResult
    base_version: str | None
    changes: Changes
    sources: list[Path | SourceFile]
    metadata: dict[str, Any]
    demo: bool = False

    @property
    def report(self) -> Report:
        """Every problem found in the files, errors and warnings."""
        return self.batch.report

    @property
    def mode(self) -> Mode:
        """How the files are applied: "replace" or "update"."""
        return self.batch.mode

    @property
    def ok(self) -> bool:
        """True when the plan can be committed: no error and at least one table."""
        return self.batch.report.ok and bool(self.batch.frames)


@_collector_paused()
def prepare_import(
    files: Sequence[FileArg],
    store: VersionStore,
    *,
    kinds: KindArg = None,
    mode: Mode = "replace",
    demo: bool = False,
) -> ImportPlan:
    """Validate files against the store's current version and preview what they change;
    nothing is written (``commit_import`` writes). Files are paths or ``SourceFile``s."""
    sources = [_as_file(f) for f in files]
    base_version, existing = _existing_from(store)
    before = existing or {kind: store.read(kind, base_version) for kind in schema.KINDS}
    batch = load_files(sources, kinds=kinds, existing=before, require_references=True, mode=mode)
    batch.base_version = base_version
    changes = compare_tables({k: before[k] for k in batch.frames}, batch.frames)
    previous = store.metadata(base_version) if base_version is not None else {}
    metadata = {PLACES_KEY: _carried_places(previous.get(PLACES_KEY) or [], batch)}
    demo = demo or (bool(sources) and all(_is_demo_file(f) for f in sources))
    return ImportPlan(batch, base_version, changes, sources, metadata, demo)


def _is_demo_file(item: Path | SourceFile) -> bool:
    return isinstance(item, Path) and item.resolve().parent == DEMO_DIR


def _carried_places(old: Sequence[Any], batch: BatchResult) -> list[dict[str, str]]:
    """The approximate places of the new version: the batch's, and the base version's
    that still hold (their table not replaced, their cell not rewritten, the place still
    there)."""
    fresh = {(p["kind"], p["key"], p["column"]) for p in batch.places}
    kept: list[dict[str, str]] = []
    values: dict[str, dict[tuple[str, str], Any]] = {}
    for place in old:
        if not isinstance(place, dict):
            continue
        kind, key, column = place.get("kind"), place.get("key"), place.get("column")
        cell = (str(kind), str(key), str(column))
        if kind not in batch.frames:
            kept.append(place)  # the table carries over as it is
            continue
        if batch.mode == "replace" or cell in fresh or cell in batch.rewritten:
            continue
        if kind not in values:
            values[str(kind)] = _cells(str(kind), batch.frames[str(kind)])
        value = values[str(kind)].get((str(key), str(column)))
        if value is not None and place.get("resolved") in (
            value if isinstance(value, list) else [value]
        ):
            kept.append(place)
    return kept + batch.places


def _cells(kind: str, frame: pd.DataFrame) -> dict[tuple[str, str], Any]:
    keys = frame_keys(kind, frame)
    columns = [c for c in frame.columns if c in {"municipality_istat", *_PLACE_COLUMNS}]
    return {
        (str(key), column): value
        for column in columns
        for key, value in zip(keys, frame[column].tolist(), strict=True)
        if key is not None
    }


_PLACE_COLUMNS: Final = frozenset(
    {schema.A_TERRITORIES, schema.P_TERRITORY, schema.T_PARTNER_TERRITORY}
)


def commit_import(
    plan: ImportPlan,
    store: VersionStore,
    *,
    note: str = "",
    author: str = "",
    expected_current: Expected | None = None,
) -> VersionInfo:
    """Write a plan as a new version, with its note, author, original files and row counts.

    The write is refused, and nothing written, when the plan has errors (ImportRefused) or
    when the current version is no longer the one the plan was computed against
    (ponti.store.ConflictError, under the store's lock: of two racing commits one wins, the
    other is refused). ``expected_current`` defaults to the plan's ``base_version``.
    """
    if not plan.ok:
        raise ImportRefused("the files have errors: nothing was written")
    expected = plan.base_version if expected_current is None else expected_current
    return store.write_version(
        plan.batch.frames,
        sources=plan.sources,
        note=note,
        demo=plan.demo,
        author=author,
        mode=plan.mode,
        metadata=plan.metadata,
        expected_current=expected,
    )


def import_files(
    paths: Sequence[FileArg],
    store: VersionStore,
    *,
    kinds: KindArg = None,
    note: str = "",
    demo: bool = False,
    mode: Mode = "replace",
    author: str = "",
) -> tuple[VersionInfo | None, Report]:
    """Validate the files and, only when there is no error, write them as a new version
    (in "replace" mode each kind given replaces that kind's table, in "update" mode the
    files change it; the other kinds carry over). With any error nothing is written and
    the version is None.

    The files are validated against the version they will replace with the store's writer
    lock held from reading it to switching to the new version: two imports run at once are
    applied one after the other, the second checked against the first's result (a project
    whose association the first deleted is an error, not a dangling reference). Raises
    ponti.store.StoreBusy when another writer holds the lock too long."""
    with store.locked():
        plan = prepare_import(paths, store, kinds=kinds, mode=mode, demo=demo)
        if not plan.ok:
            return None, plan.report
        return commit_import(plan, store, note=note, author=author), plan.report


def demo_files() -> list[Path]:
    """The shipped demo CSV files (data/demo/*.csv)."""
    return sorted(DEMO_DIR.glob("*.csv"))


def seed_demo(store: VersionStore) -> tuple[VersionInfo | None, Report]:
    """Import the demo files (labelled demo) into an empty store; a store that already has
    a version is left alone (None and an empty report). The check and the write hold the
    store's lock: several seeds started at once make one demo version."""
    files = demo_files()
    if not files:
        report = Report()
        report.add(make_issue("file-not-found", file=str(DEMO_DIR / "*.csv")))
        return None, report
    with store.locked():
        if store.current_id() is not None:
            return None, Report()
        return import_files(files, store, note=DEMO_NOTE, demo=True)
