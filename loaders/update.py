"""Apply files to the stored tables as an UPDATE rather than a replacement.

Rules (README, "Two ways to apply a file"):

- A row is matched to a stored row by its id (residents, which have none, by year,
  province and citizenship). A row whose id is new is ADDED: it needs every required value.
- A row whose id is stored CHANGES that row, in the columns the file has: a filled cell
  replaces the stored value, an EMPTY cell KEEPS it, and a cell holding only a dash ("-")
  CLEARS it. Columns the file does not have are kept. Stored rows the file does not name
  are kept as they are.
- A column headed "Elimina"/"Delete" marks rows to DELETE ("sì", "yes", "x", "true", "1");
  the other cells of such a row are not read.

Everything that depends on more than a file's own cells is checked on the RESULT (the
stored rows with the files applied): required values of new rows, territories within the
row's countries, dates and amounts across a row's columns, and references between tables.
Only what the files say is reported: a correction file of six rows gets no issue about rows
it does not contain, except where it breaks them (deleting an association a stored project
leads).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from loaders import resolve
from loaders import validate as vd
from loaders.messages import make_issue
from loaders.report import Issue
from ponti import schema

Key = Any  # an id (str), or residents' (year, province, citizenship) as strings


@dataclass
class Merged:
    """One kind after the files were applied: the whole table, which file row added or
    changed each row (by key), the keys added and the keys deleted (with the file row that
    deleted them), and the issues found."""

    kind: str
    frame: pd.DataFrame
    origin: dict[Key, tuple[vd.TableResult, int]] = field(default_factory=dict)
    added: set[Key] = field(default_factory=set)
    deleted: dict[Key, tuple[vd.TableResult, int]] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    places: list[tuple[Key, vd.PlaceMatch]] = field(default_factory=list)


@dataclass(frozen=True)
class UpdateResult:
    """Every kind the files gave, merged; the issues; the places matched approximately."""

    frames: dict[str, pd.DataFrame]
    issues: list[Issue]
    places: list[tuple[str, Key, vd.PlaceMatch]]


def apply_update(
    parts: Sequence[vd.TableResult],
    existing: Mapping[str, pd.DataFrame] | None = None,
    *,
    require_references: bool = False,
) -> UpdateResult:
    """Apply validated files (``validate_table(..., partial=True)``) to the stored tables;
    the merged tables of the kinds given, and the issues of the result."""
    existing = existing or {}
    batch = vd.BatchTables.of(parts, existing)
    issues = vd.ids_repeated_across_files(batch)
    merged: dict[str, Merged] = {}
    for kind, kind_parts in batch.parts.items():
        base = existing.get(kind)
        merged[kind] = merge_kind(kind, base if base is not None else _empty(kind), kind_parts)
        issues.extend(merged[kind].issues)
    result = {kind: m.frame for kind, m in merged.items()}
    issues.extend(check_references(merged, existing, require_references=require_references))
    places = [(kind, key, place) for kind, m in merged.items() for key, place in m.places]
    return UpdateResult(result, issues, places)


def _empty(kind: str) -> pd.DataFrame:
    from ponti.store import empty_frame

    return empty_frame(kind)


# ---------------------------------------------------------------------------------------
# Merging one kind
# ---------------------------------------------------------------------------------------
def merge_kind(kind: str, base: pd.DataFrame, parts: Sequence[vd.TableResult]) -> Merged:
    """The stored table `base` with the files `parts` (of this kind) applied in order."""
    names = schema.column_names(kind)
    columns = {c: _plain(base[c].tolist()) for c in names}
    keys: list[Key] = vd.frame_keys(kind, base)
    position: dict[Key, int] = {}
    for at, key in enumerate(keys):
        if key is not None:
            position.setdefault(key, at)
    alive = [True] * len(keys)
    merged = Merged(kind, base)
    for part in parts:
        values = {c: _plain(part.frame[c].tolist()) for c in names}
        for i, key in enumerate(vd.frame_keys(kind, part.frame)):
            if key is None:
                continue  # no id: validate_table reported it
            pos = position.get(key)
            if pos is not None and not alive[pos]:
                pos = None
            if part.delete is not None and part.delete[i]:
                if pos is None:
                    merged.issues.append(_delete_unknown(part, i, key))
                else:
                    alive[pos] = False
                    merged.deleted[key] = (part, i)
                    merged.origin.pop(key, None)
                continue
            if pos is None:
                position[key] = len(keys)
                keys.append(key)
                alive.append(True)
                for c in names:
                    columns[c].append(_new_value(part, c, i, values[c][i]))
                merged.added.add(key)
            else:
                _change_row(kind, part, i, pos, columns, values)
            merged.origin[key] = (part, i)
    merged.issues.extend(_check_touched(kind, merged, columns, keys, position))
    kept = [pos for pos, live in enumerate(alive) if live]
    merged.frame = vd.build_frame(
        kind, {c: [columns[c][p] for p in kept] for c in names}, len(kept)
    )
    return merged


def _plain(values: list[Any]) -> list[Any]:
    """Missing scalars (NA, NaN, NaT) as None; lists and values as they are."""
    return [None if not isinstance(v, list) and pd.isna(v) else v for v in values]


def _new_value(part: vd.TableResult, column: str, i: int, value: Any) -> Any:
    # A new row is the file's row as a replacement would read it: an empty yes/no cell in
    # a column the file has means no.
    if value is None and column in part.texts and _column_type(part.kind, column) == "bool":
        return False
    return value


def _change_row(
    kind: str,
    part: vd.TableResult,
    i: int,
    pos: int,
    columns: dict[str, list[Any]],
    values: dict[str, list[Any]],
) -> None:
    for column in columns:
        if part.is_cleared(column, i):
            columns[column][pos] = None
        elif part.filled(column, i):
            columns[column][pos] = values[column][i]
    if (
        kind == schema.PROJECTS
        and part.filled(schema.P_TARGETS, i)
        and not part.filled(schema.P_SDGS, i)
    ):
        # New targets add their goals to the goals Ponti has (as a file's targets do).
        goals = list(columns[schema.P_SDGS][pos] or [])
        for target in values[schema.P_TARGETS][i] or []:
            goal = int(str(target).split(".")[0])
            if goal not in goals:
                goals.append(goal)
        columns[schema.P_SDGS][pos] = goals


def _column_type(kind: str, column: str) -> str:
    return next(c.type for c in schema.COLUMNS[kind] if c.name == column)


def _delete_unknown(part: vd.TableResult, i: int, key: Key) -> Issue:
    id_column = schema.ID_COLUMN[part.kind]
    return make_issue(
        "delete-unknown",
        file=part.file,
        row=part.rows[i],
        field=part.headers.get(id_column) if id_column else None,
        value=vd.key_text(key),
    )


# ---------------------------------------------------------------------------------------
# Checks on the rows the files added or changed, with their merged values
# ---------------------------------------------------------------------------------------
def _check_touched(
    kind: str,
    merged: Merged,
    columns: dict[str, list[Any]],
    keys: list[Key],
    position: dict[Key, int],
) -> list[Issue]:
    issues: list[Issue] = []
    by_part: dict[int, list[tuple[Key, int]]] = defaultdict(list)
    parts: dict[int, vd.TableResult] = {}
    for key, (part, i) in merged.origin.items():
        by_part[id(part)].append((key, i))
        parts[id(part)] = part
    for part_id, touched in by_part.items():
        part = parts[part_id]
        touched.sort(key=lambda item: item[1])
        table = _touched_table(kind, part, touched, columns, position)
        issues.extend(_required(kind, part, table, touched, merged.added))
        issues.extend(_territories(kind, part, table, touched, columns, position, merged))
        issues.extend(vd.check_rows(table))
    return issues


def _touched_table(
    kind: str,
    part: vd.TableResult,
    touched: list[tuple[Key, int]],
    columns: dict[str, list[Any]],
    position: dict[Key, int],
) -> vd._Table:
    """The touched rows of one file as validate's _Table: merged values, and texts as the
    file wrote them (or the stored value written out), headers as the file has them (or
    the column's name)."""
    names = schema.column_names(kind)
    headers = [part.headers.get(c, c) for c in names]
    table = vd._Table(kind, part.file, [part.rows[i] for _, i in touched], headers)
    for n, column in enumerate(names):
        table.values[column] = [columns[column][position[key]] for key, _ in touched]
        table.texts[column] = [
            part.texts[column][i] if part.filled(column, i) else _text_of(value)
            for (_, i), value in zip(touched, table.values[column], strict=True)
        ]
        table.origins[column] = [n] * len(touched)
    return table


def _text_of(value: Any) -> str:
    """A stored value written as a file would write it (for messages)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return schema.LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, pd.Timestamp):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, list) and not value) or value == ""


def _required(
    kind: str,
    part: vd.TableResult,
    table: vd._Table,
    touched: list[tuple[Key, int]],
    added: set[Key],
) -> list[Issue]:
    """New rows need every required value; a stored row's required value cannot be
    cleared. Columns a file lacks altogether are reported once for its new rows."""
    issues: list[Issue] = []
    keys = vd.key_columns(kind)
    for column in (c for c in schema.COLUMNS[kind] if c.required and c.name not in keys):
        lacking = [
            (n, key, i)
            for n, (key, i) in enumerate(touched)
            if _missing(table.values[column.name][n])
            # left empty on purpose by the reader, to be filled in later (see PartlyFilled)
            and (part.rows[i], column.name) not in part.to_fill
        ]
        new = [(n, key, i) for n, key, i in lacking if key in added]
        if new and column.name not in part.texts:
            issues.append(
                make_issue(
                    "new-rows-need-column",
                    file=part.file,
                    field=column.name,
                    value=vd.key_text(new[0][1]),
                    n=len(new),
                )
            )
        elif new:
            issues.extend(
                make_issue(
                    "new-row-incomplete",
                    file=part.file,
                    row=part.rows[i],
                    field=part.headers[column.name],
                    value=vd.key_text(key),
                )
                for _, key, i in new
            )
        issues.extend(
            make_issue(
                "missing-required",
                file=part.file,
                row=part.rows[i],
                field=part.headers[column.name],
            )
            for _, key, i in lacking
            if key not in added and part.is_cleared(column.name, i)
        )
    return issues


def _territories(
    kind: str,
    part: vd.TableResult,
    table: vd._Table,
    touched: list[tuple[Key, int]],
    columns: dict[str, list[Any]],
    position: dict[Key, int],
    merged: Merged,
) -> list[Issue]:
    """Resolve the territories of rows whose file gave a territory or its country, within
    the row's merged countries; write the resolved places back into `columns`."""
    issues: list[Issue] = []
    for column, country in vd.TERRITORY_COUNTRY.items():
        if column not in table.values:
            continue
        rows = [
            n
            for n, (_, i) in enumerate(touched)
            if part.filled(column, i) or part.filled(country, i)
        ]
        if not rows:
            continue
        sub = vd._Table(kind, part.file, [table.rows[n] for n in rows], table.headers)
        for name in (column, country):
            sub.values[name] = [table.values[name][n] for n in rows]
            sub.origins[name] = [table.origins[name][n] for n in rows]
        # A place Ponti already has is looked up again by its name, within the countries
        # the row has now (its id would mean nothing in a message).
        sub.values[column] = [
            [resolve.territory_name(v) for v in value]
            if isinstance(value, list)
            else (None if value is None else resolve.territory_name(value))
            for value in sub.values[column]
        ]
        issues.extend(vd._resolve_territory_column(sub, column, country, {}))
        for m, n in enumerate(rows):
            key = touched[n][0]
            columns[column][position[key]] = sub.values[column][m]
        merged.places.extend(
            (touched[rows[p.index]][0], p) for p in sub.places if p.column == column
        )
    return issues


# ---------------------------------------------------------------------------------------
# References, checked on the result
# ---------------------------------------------------------------------------------------
def check_references(
    merged: Mapping[str, Merged],
    existing: Mapping[str, pd.DataFrame],
    *,
    require_references: bool = False,
) -> list[Issue]:
    """References of the rows the files added or changed, against the result; and stored
    rows left pointing at rows the files deleted."""
    issues: list[Issue] = []
    for reference in vd.REFERENCES:
        target = merged[reference.target].frame if reference.target in merged else None
        if target is None:
            target = existing.get(reference.target)
        known = vd.ids_of(target, reference.target) if target is not None else set()
        has_target = target is not None and not target.empty
        if reference.kind in merged:
            issues.extend(
                _file_references(
                    merged[reference.kind], reference, known, has_target, require_references
                )
            )
        if reference.target in merged and merged[reference.target].deleted:
            issues.extend(_deleted_references(merged, existing, reference, known))
    return issues


def _file_references(
    merged: Merged,
    reference: vd.Reference,
    known: set[str],
    has_target: bool,
    require_references: bool,
) -> list[Issue]:
    issues: list[Issue] = []
    unchecked: dict[str, str] = {}
    words = vd.REF_WORDS[reference.target]
    for part, i in merged.origin.values():
        if not part.filled(reference.column, i):
            continue
        header = part.headers[reference.column]
        refs = vd.refs_of(part.frame[reference.column].iloc[i])
        if not has_target:
            if refs:
                unchecked.setdefault(part.file, header)
            continue
        issues.extend(
            make_issue(
                "unknown-reference",
                file=part.file,
                row=part.rows[i],
                field=header,
                value=ref,
                **words,
            )
            for ref in refs
            if ref not in known
        )
    key = "references-missing" if require_references else "references-unchecked"
    issues.extend(
        make_issue(key, file=file, field=header, **words) for file, header in unchecked.items()
    )
    return issues


def _deleted_references(
    merged: Mapping[str, Merged],
    existing: Mapping[str, pd.DataFrame],
    reference: vd.Reference,
    known: set[str],
) -> list[Issue]:
    """Rows the files did not give (or gave without this column) that point at a row the
    files deleted: reported on the row that deletes it."""
    deleted = merged[reference.target].deleted
    referrers = merged.get(reference.kind)
    table = referrers.frame if referrers is not None else existing.get(reference.kind)
    if table is None or table.empty:
        return []
    id_column = schema.ID_COLUMN[reference.kind]
    orphans: dict[str, list[str]] = defaultdict(list)
    for referrer, cell in zip(table[id_column], table[reference.column], strict=True):
        origin = referrers.origin.get(str(referrer)) if referrers is not None else None
        if origin is not None and origin[0].filled(reference.column, origin[1]):
            continue  # the file gave this cell: reported as an unknown reference
        for ref in vd.refs_of(cell):
            if ref in deleted and ref not in known:
                orphans[ref].append(str(referrer))
    words = vd.REF_WORDS[reference.kind]
    issues = []
    for ref, who in orphans.items():
        part, i = deleted[ref]
        id_header = part.headers.get(schema.ID_COLUMN[reference.target] or "")
        issues.append(
            make_issue(
                "deleted-reference",
                file=part.file,
                row=part.rows[i],
                field=id_header,
                value=ref,
                example=", ".join(who[:3]) + (f" (+{len(who) - 3})" if len(who) > 3 else ""),
                referrers=words["many"],
                referrers_it=words["many_it"],
            )
        )
    return issues
