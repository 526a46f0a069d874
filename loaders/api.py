"""The loaders' entry points: detect what a file holds, load and validate files, import
them into the store as a new version (only when there is no error), seed the demo."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from loaders import normalise as nz
from loaders.messages import make_issue
from loaders.read import read_table
from loaders.report import Report
from loaders.validate import TableResult, check_batch, validate_table
from ponti import schema

if TYPE_CHECKING:
    from ponti.store import Store, VersionInfo

DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"
DEMO_NOTE = "Demo data (illustrative)"

KindArg = str | Sequence[str | None] | Mapping[str, str] | None


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
    """Several files: one canonical frame per kind given and one report for them all."""

    frames: dict[str, pd.DataFrame]
    report: Report
    results: list[LoadResult] = field(default_factory=list)


def detect_kind(
    path: Path | str,
    frame: pd.DataFrame | None,
    kind: str | None = None,
    sheet: str | None = None,
) -> str | None:
    """What a file holds: the kind given, else its file (or sheet) name, else the kind whose
    columns its headers match best; None when it cannot be told."""
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
        scores.append((share, len(matched), candidate))
    scores.sort(reverse=True)
    best, runner_up = scores[0], scores[1]
    if best[0] < 0.5 or best[1] < 2 or best[:2] == runner_up[:2]:
        return None
    return best[2]


def _labels(paths: Sequence[Path]) -> list[str]:
    # Issues name files as the user knows them; only same-named files need their folder.
    names = [p.name for p in paths]
    return [str(p) if names.count(p.name) > 1 else p.name for p in paths]


def _kinds_for(paths: Sequence[Path], kinds: KindArg) -> list[str | None]:
    if kinds is None:
        return [None] * len(paths)
    if isinstance(kinds, str):
        return [kinds] * len(paths)
    if isinstance(kinds, Mapping):
        return [kinds.get(str(p)) or kinds.get(p.name) for p in paths]
    listed = list(kinds)
    return listed + [None] * (len(paths) - len(listed))


def _load_one(path: Path, kind: str | None, label: str) -> tuple[LoadResult, TableResult | None]:
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
    raw, issues = read_table(path, kind=given, file=label)
    report.extend(issues)
    if raw is None:
        return LoadResult(given, None, report, path, label), None
    found = detect_kind(path, raw.frame, given, raw.sheet)
    if found is None:
        report.add(make_issue("unknown-kind", file=label))
        return LoadResult(None, None, report, path, label), None
    table = validate_table(found, raw, label)
    report.extend(table.issues)
    result = LoadResult(found, table.frame, report, path, label, table.rows, table.headers)
    return result, table


def _existing_from(store: Store | None) -> dict[str, pd.DataFrame] | None:
    if store is None or store.current() is None:
        return None
    return store.read_all()


def load_files(
    paths: Sequence[Path | str],
    kinds: KindArg = None,
    store: Store | None = None,
    *,
    existing: Mapping[str, pd.DataFrame] | None = None,
    require_references: bool = False,
) -> BatchResult:
    """Load and validate several files together: references are checked across them and
    against the store's current version (or `existing`). Files of one kind are stacked."""
    path_list = [Path(p) for p in paths]
    if existing is None:
        existing = _existing_from(store)
    report = Report()
    results: list[LoadResult] = []
    tables: list[TableResult] = []
    for path, kind, label in zip(
        path_list, _kinds_for(path_list, kinds), _labels(path_list), strict=True
    ):
        result, table = _load_one(path, kind, label)
        report.merge(result.report)
        results.append(result)
        if table is not None:
            tables.append(table)
    batch_issues = check_batch(tables, existing, require_references=require_references)
    report.extend(batch_issues)
    for result in results:
        result.report.extend(i for i in batch_issues if i.file == result.file)
    frames: dict[str, pd.DataFrame] = {}
    for kind in schema.KINDS:
        parts = [t.frame for t in tables if t.kind == kind]
        if len(parts) == 1:
            frames[kind] = parts[0]
        elif parts:
            frames[kind] = pd.concat(parts, ignore_index=True)
    return BatchResult(frames, report, results)


def load_file(
    path: Path | str,
    kind: str | None = None,
    existing: Mapping[str, pd.DataFrame] | None = None,
) -> LoadResult:
    """Load and validate one file (references checked against `existing` when given)."""
    batch = load_files([path], kinds=kind, existing=existing)
    result = batch.results[0]
    if result.frame is not None and result.kind is not None:
        result.frame = batch.frames.get(result.kind, result.frame)
    return result


def import_files(
    paths: Sequence[Path | str],
    store: Store,
    *,
    kinds: KindArg = None,
    note: str = "",
    demo: bool = False,
) -> tuple[VersionInfo | None, Report]:
    """Validate the files and, only when there is no error, write them as a new version
    (each kind given replaces that kind's table; the others carry over). With any error
    nothing is written and the version is None."""
    path_list = [Path(p) for p in paths]
    batch = load_files(path_list, kinds=kinds, store=store, require_references=True)
    if not batch.report.ok or not batch.frames:
        return None, batch.report
    info = store.write_version(batch.frames, sources=path_list, note=note, demo=demo)
    return info, batch.report


def demo_files() -> list[Path]:
    """The shipped demo CSV files (data/demo/*.csv)."""
    return sorted(DEMO_DIR.glob("*.csv"))


def seed_demo(store: Store) -> tuple[VersionInfo | None, Report]:
    """Import the demo files (labelled demo) into an empty store; a store that already has
    a version is left alone (None and an empty report)."""
    if store.current() is not None:
        return None, Report()
    files = demo_files()
    if not files:
        report = Report()
        report.add(make_issue("file-not-found", file=str(DEMO_DIR / "*.csv")))
        return None, report
    return import_files(files, store, note=DEMO_NOTE, demo=True)
