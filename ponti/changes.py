"""What changes between two sets of tables: rows added, removed and changed (field, old ->
new), per kind, with counts; worded in Italian or English. Pure functions, no Streamlit.

Rows are matched by their id (residents, which have none, by year, province and
citizenship); row order does not count as a change. The same comparison serves:

- the PREVIEW of an import: ``compare_tables(current_tables, plan_frames)`` (what
  ``loaders.prepare_import`` puts in ``ImportPlan.changes``);
- the DIFF between any two stored versions: ``diff_versions(store, "v0002", "v0005")``.

A page shows ``changes.counts(lang)`` (one row per kind) and ``changes.rows(lang)`` (one
row per added or removed record and per changed field), or ``changes.to_text(lang)``.

Counting is done at once, column by column; the changed rows themselves (``RowChange``,
field by field) are made only when asked for, and only as many as asked for: a preview
of 100,000 changed projects holds some 600,000 changed fields, and an import that only
shows counts and the first lines should not wait for them all.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, Final, NamedTuple

import numpy as np
import pandas as pd

from ponti import formats, i18n, reference, schema
from ponti.schema import Lang
from ponti.templates import KIND_NAMES, column_label

if TYPE_CHECKING:
    from ponti.store import VersionStore


# The changes a page lists, row by row; its downloads hold every one.
LISTED_ROWS: Final = 2_000


class FieldChange(NamedTuple):
    """One field of one row: its column and the values before and after (a named tuple: a
    preview of 100,000 changed rows makes a million of them, three times as fast as frozen
    dataclasses)."""

    column: str
    old: Any
    new: Any


@dataclass(frozen=True)
class RowChange:
    """A row present before and after whose values differ, field by field."""

    key: str
    fields: tuple[FieldChange, ...]


class _Differences:
    """The rows present before and after (their keys, and their positions in each table)
    and, per column, the positions among them where the column differs: what a
    ``RowChange`` is made from, when one is asked for."""

    def __init__(
        self,
        keys: list[str],
        before: pd.DataFrame,
        after: pd.DataFrame,
        old_rows: np.ndarray,
        new_rows: np.ndarray,
        differing: dict[str, np.ndarray],
    ) -> None:
        self.keys = keys
        self.before, self.after = before, after
        self.old_rows, self.new_rows = old_rows, new_rows
        self.differing = differing
        changed = np.zeros(len(keys), dtype=bool)
        for positions in differing.values():
            changed[positions] = True
        self.rows = np.flatnonzero(changed)  # the changed rows, in the order of `keys`
        self.n_fields = sum(len(p) for p in differing.values())

    def row_changes(self, limit: int | None = None) -> tuple[RowChange, ...]:
        """The first `limit` changed rows (all when None), field by field in column order."""
        rows = self.rows if limit is None else self.rows[: max(limit, 0)]
        if not len(rows):
            return ()
        last = rows[-1]
        fields: dict[int, list[FieldChange]] = {n: [] for n in rows.tolist()}
        for column, positions in self.differing.items():
            # Every differing position is a changed row: those up to the last row wanted
            # are the wanted rows' fields.
            positions = positions[: np.searchsorted(positions, last, side="right")]
            if not len(positions):
                continue
            # The differing values taken at once, each as .iloc gives it, made plain.
            olds = _plain_values(self.before[column].take(self.old_rows[positions]))
            news = _plain_values(self.after[column].take(self.new_rows[positions]))
            for n, old, new in zip(positions.tolist(), olds, news, strict=True):
                fields[n].append(FieldChange(column, old, new))
        return tuple(RowChange(self.keys[n], tuple(row)) for n, row in fields.items())


@dataclass(frozen=True, eq=False)
class KindChanges:
    """The changes to one kind's table: rows added and removed (as frames, in the
    canonical columns), rows changed (made when first read), and the row counts before
    and after."""

    kind: str
    added: pd.DataFrame
    removed: pd.DataFrame
    rows_before: int
    rows_after: int
    differences: _Differences = field(repr=False)

    @cached_property
    def changed(self) -> tuple[RowChange, ...]:
        """Every changed row, field by field (made on first use; see `first_changed`)."""
        return self.differences.row_changes()

    def first_changed(self, limit: int | None) -> tuple[RowChange, ...]:
        """The first `limit` changed rows (all when None), without making the others."""
        if limit is None or "changed" in self.__dict__:
            return self.changed[:limit]
        return self.differences.row_changes(limit)

    @property
    def n_added(self) -> int:
        """Rows added."""
        return len(self.added)

    @property
    def n_removed(self) -> int:
        """Rows removed."""
        return len(self.removed)

    @property
    def n_changed(self) -> int:
        """Rows changed."""
        return len(self.differences.rows)

    @property
    def n_rows(self) -> int:
        """The rows ``Changes.rows`` gives for this kind: one per record added or removed,
        one per changed field."""
        return self.n_added + self.n_removed + self.differences.n_fields

    @property
    def empty(self) -> bool:
        """True when nothing changes."""
        return not (self.n_added or self.n_removed or self.n_changed)


@dataclass(frozen=True)
class Changes:
    """The changes per kind, in schema order."""

    kinds: dict[str, KindChanges]

    @property
    def empty(self) -> bool:
        """True when no kind changes."""
        return all(k.empty for k in self.kinds.values())

    def counts(self, lang: Lang) -> pd.DataFrame:
        """One row per kind: rows before and after, added, changed, removed."""
        words = _WORDS[lang]
        return pd.DataFrame(
            [
                {
                    words["kind"]: kind_label(k.kind, lang),
                    words["before"]: k.rows_before,
                    words["after"]: k.rows_after,
                    words["added"]: k.n_added,
                    words["changed"]: k.n_changed,
                    words["removed"]: k.n_removed,
                }
                for k in self.kinds.values()
            ],
            columns=[words[w] for w in ("kind", "before", "after", "added", "changed", "removed")],
        )

    @property
    def n_rows(self) -> int:
        """How many rows ``rows`` gives (without making them)."""
        return sum(k.n_rows for k in self.kinds.values())

    def rows(self, lang: Lang, limit: int | None = None) -> pd.DataFrame:
        """Every change as a row: kind, record, what happened, column, before, after; the
        first `limit` rows only when a limit is given (``n_rows`` counts them all).

        An added or removed record is one row (its name in the before/after column); a
        changed record has one row per changed field. Values are written in `lang`."""
        words = _WORDS[lang]
        records: list[tuple[str, str, str, str, str, str]] = []

        def room() -> int | None:
            return None if limit is None else max(limit - len(records), 0)

        for k in self.kinds.values():
            label = kind_label(k.kind, lang)
            for key, name in _named(k.kind, k.added, room()):
                records.append((label, key, words["row_added"], "", "", name))
            # Each changed record has one field at least: `room` records are enough.
            for change in k.first_changed(room()):
                for f in change.fields:
                    records.append(
                        (
                            label,
                            change.key,
                            words["row_changed"],
                            column_label(k.kind, f.column, lang),
                            format_value(k.kind, f.column, f.old, lang),
                            format_value(k.kind, f.column, f.new, lang),
                        )
                    )
            for key, name in _named(k.kind, k.removed, room()):
                records.append((label, key, words["row_removed"], "", name, ""))
        columns = [words[w] for w in ("kind", "record", "change", "column", "old", "new")]
        return pd.DataFrame(records[:limit], columns=columns, dtype=str)

    def to_text(self, lang: Lang, limit: int | None = 20) -> str:
        """The changes in words: a line of counts per kind, then up to `limit` records of
        each sort (+ added, ~ changed, - removed)."""
        words = _WORDS[lang]
        if self.empty:
            return words["nothing"]
        lines: list[str] = []
        for k in self.kinds.values():
            lines.append(
                words["summary"].format(
                    kind=kind_label(k.kind, lang),
                    added=_n(k.n_added, lang),
                    changed=_n(k.n_changed, lang),
                    removed=_n(k.n_removed, lang),
                    before=_n(k.rows_before, lang),
                    after=_n(k.rows_after, lang),
                )
            )
            added = [f"  + {key} {name}".rstrip() for key, name in _named(k.kind, k.added, limit)]
            lines.extend(_limited(added, k.n_added, lang))
            changed = [_change_line(k.kind, c, lang) for c in k.first_changed(limit)]
            lines.extend(_limited(changed, k.n_changed, lang))
            removed = [
                f"  - {key} {name}".rstrip() for key, name in _named(k.kind, k.removed, limit)
            ]
            lines.extend(_limited(removed, k.n_removed, lang))
        return "\n".join(lines)


_WORDS: Final[dict[Lang, dict[str, str]]] = {
    "it": {
        "kind": "Tipo",
        "before": "Righe prima",
        "after": "Righe dopo",
        "added": "Aggiunte",
        "changed": "Modificate",
        "removed": "Eliminate",
        "record": "Riga",
        "change": "Modifica",
        "column": "Colonna",
        "old": "Prima",
        "new": "Dopo",
        "row_added": "aggiunta",
        "row_changed": "modificata",
        "row_removed": "eliminata",
        "summary": "{kind}: {added} aggiunte, {changed} modificate, {removed} eliminate "
        "(righe: {before} → {after})",
        "more": "  ... e altre {n}",
        "nothing": "Nessuna modifica.",
        "yes": "sì",
        "no": "no",
    },
    "en": {
        "kind": "Kind",
        "before": "Rows before",
        "after": "Rows after",
        "added": "Added",
        "changed": "Changed",
        "removed": "Removed",
        "record": "Record",
        "change": "Change",
        "column": "Column",
        "old": "Before",
        "new": "After",
        "row_added": "added",
        "row_changed": "changed",
        "row_removed": "removed",
        "summary": "{kind}: {added} added, {changed} changed, {removed} removed "
        "(rows: {before} → {after})",
        "more": "  ... and {n} more",
        "nothing": "No changes.",
        "yes": "yes",
        "no": "no",
    },
}


def kind_label(kind: str, lang: Lang) -> str:
    """A kind's name in `lang`, capitalised ("Progetti")."""
    return KIND_NAMES[kind][lang].capitalize()


def _n(value: int, lang: Lang) -> str:
    return formats.format_number(value, lang)


def _limited(lines: list[str], total: int, lang: Lang) -> list[str]:
    # The first lines of `total`, and how many more there are.
    if total <= len(lines):
        return lines
    return [*lines, _WORDS[lang]["more"].format(n=_n(total - len(lines), lang))]


def _change_line(kind: str, change: RowChange, lang: Lang) -> str:
    parts = [
        f"{column_label(kind, f.column, lang)}: {format_value(kind, f.column, f.old, lang)} → "
        f"{format_value(kind, f.column, f.new, lang)}"
        for f in change.fields
    ]
    return f"  ~ {change.key}: " + "; ".join(parts)


# The column that names a record, for added and removed rows.
_NAME_COLUMN: Final[dict[str, str]] = {
    schema.ASSOCIATIONS: schema.A_NAME,
    schema.PROJECTS: schema.P_TITLE,
    schema.TWINNINGS: schema.T_PARTNER_CITY,
    schema.RESIDENTS: schema.R_RESIDENTS,
    schema.CALLS: schema.C_TITLE,
}


def _named(kind: str, frame: pd.DataFrame, limit: int | None = None) -> list[tuple[str, str]]:
    # The first `limit` records (all when None): key and name.
    if limit is not None:
        frame = frame.iloc[: max(limit, 0)]
    keys = row_keys(kind, frame)
    column = _NAME_COLUMN[kind]
    names = frame[column].tolist() if column in frame else [None] * len(frame)
    return [
        (key, "" if _missing(name) else str(name)) for key, name in zip(keys, names, strict=True)
    ]


# ---------------------------------------------------------------------------------------
# Comparing
# ---------------------------------------------------------------------------------------
def row_keys(kind: str, frame: pd.DataFrame) -> list[str]:
    """Each row's key as shown: its id, or "2024 / 039 / SEN" for residents."""
    id_column = schema.ID_COLUMN[kind]
    key_columns = (
        (id_column,) if id_column else (schema.R_YEAR, schema.R_PROVINCE, schema.R_CITIZENSHIP)
    )
    texts = [frame[c].astype("string").fillna("").tolist() for c in key_columns]
    return [" / ".join(values) for values in zip(*texts, strict=True)]


def _unique(keys: list[str]) -> list[str]:
    # Stored tables have unique keys; should one repeat, its copies stay apart.
    if len(set(keys)) == len(keys):
        return keys
    seen: dict[str, int] = {}
    out = []
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
        out.append(key if seen[key] == 1 else f"{key} #{seen[key]}")
    return out


def _missing(value: Any) -> bool:
    if isinstance(value, list | tuple):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _comparable(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(_comparable(v) for v in value) or None
    if _missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value


def same_value(old: Any, new: Any) -> bool:
    """True when two stored values are the same (missing and empty lists are equal)."""
    a, b = _comparable(old), _comparable(new)
    if isinstance(a, float) and isinstance(b, float | int):
        return math.isclose(a, float(b), rel_tol=1e-12, abs_tol=1e-9)
    return bool(a == b)


def compare_kind(kind: str, before: pd.DataFrame, after: pd.DataFrame) -> KindChanges:
    """The changes from one table of a kind to another (changed rows counted, and made
    field by field only when read: see ``KindChanges.changed``)."""
    before = before.reset_index(drop=True)
    after = after.reset_index(drop=True)
    old_keys, new_keys = _unique(row_keys(kind, before)), _unique(row_keys(kind, after))
    # Each new row's position in the old table (-1: added), and which old rows stay.
    at_old = pd.Index(old_keys, dtype=object).get_indexer(pd.Index(new_keys, dtype=object))
    kept = pd.Index(old_keys, dtype=object).isin(new_keys)
    new_rows = np.flatnonzero(at_old >= 0)
    old_rows = at_old[new_rows]
    columns = [c for c in schema.column_names(kind) if c in before and c in after]
    differing: dict[str, np.ndarray] = {}
    for column in columns:
        positions = _differing(before[column].take(old_rows), after[column].take(new_rows))
        if len(positions):
            differing[column] = positions
    common_keys = [new_keys[j] for j in new_rows.tolist()]
    return KindChanges(
        kind,
        after.take(np.flatnonzero(at_old < 0)).reset_index(drop=True),
        before.take(np.flatnonzero(~kept)).reset_index(drop=True),
        len(before),
        len(after),
        _Differences(common_keys, before, after, old_rows, new_rows, differing),
    )


def _differing(old: pd.Series, new: pd.Series) -> np.ndarray:
    """Positions where two aligned columns differ, ascending (vectorised but for lists)."""
    if old.dtype == object or new.dtype == object or old.dtype != new.dtype:
        # Lists of plain values: Python's own equality first (fast), the general rule after.
        return np.array(
            [
                n
                for n, (a, b) in enumerate(zip(old.tolist(), new.tolist(), strict=True))
                if not (type(a) is list and type(b) is list and a == b) and not same_value(a, b)
            ],
            dtype=np.intp,
        )
    missing = old.isna().to_numpy() & new.isna().to_numpy()
    if pd.api.types.is_float_dtype(old.dtype):
        equal = np.isclose(old.to_numpy(), new.to_numpy(), rtol=1e-12, atol=1e-9)
    else:
        equal = (old.reset_index(drop=True) == new.reset_index(drop=True)).fillna(False)
        equal = equal.to_numpy(dtype=bool)
    return np.flatnonzero(~(equal | missing))


def _plain(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return list(value)
    return None if _missing(value) else value


def _plain_values(values: pd.Series) -> list[Any]:
    """_plain of each value of a column (its values as .iloc gives them one by one)."""
    if pd.api.types.is_datetime64_any_dtype(values.dtype) or isinstance(
        values.dtype, pd.StringDtype
    ):
        # Dates and texts repeat: each distinct value is made a Python object once, taken
        # from the column itself (the same object .iloc gives), then spread over its rows
        # (a preview of 100,000 changed projects holds 350,000 dates: 1.4 s one by one).
        codes, _ = pd.factorize(values, use_na_sentinel=True)
        found = codes >= 0
        _, first = np.unique(codes[found], return_index=True)
        distinct = list(values.array[np.flatnonzero(found)[first]])
        return [distinct[code] if code >= 0 else None for code in codes.tolist()]
    missing = values.isna().tolist()
    # A numpy column read as an array (the same numpy scalars and objects, without pandas'
    # item access per value).
    cells = values.to_numpy() if isinstance(values.dtype, np.dtype) else values.array
    return [
        list(v) if isinstance(v, list | tuple) else (None if gone else v)
        for v, gone in zip(cells, missing, strict=True)
    ]


def compare_tables(
    before: Mapping[str, pd.DataFrame],
    after: Mapping[str, pd.DataFrame],
    kinds: Iterable[str] | None = None,
) -> Changes:
    """The changes from the tables `before` to the tables `after`, for `kinds` (default:
    every kind in `after`); a kind missing on one side is an empty table there."""
    from ponti.store import empty_frame

    wanted = set(after if kinds is None else kinds)
    return Changes(
        {
            kind: compare_kind(
                kind,
                before[kind] if kind in before else empty_frame(kind),
                after[kind] if kind in after else empty_frame(kind),
            )
            for kind in schema.KINDS
            if kind in wanted
        }
    )


def diff_versions(store: VersionStore, version_a: str, version_b: str) -> Changes:
    """What changed from stored version `version_a` to `version_b`, for every kind."""
    return compare_tables(store.read_all(version_a), store.read_all(version_b), schema.KINDS)


# ---------------------------------------------------------------------------------------
# Values in words
# ---------------------------------------------------------------------------------------
_VOCABULARY: Final[dict[str, str]] = {
    "stage": "stage",
    "funder_type": "funder_type",
    "twinning_type": "twinning_type",
    "twinning_status": "twinning_status",
    "theme_list": "theme",
    "applicant_list": "applicant",
}
_YEARS: Final = frozenset({schema.A_FOUNDED, schema.T_YEAR, schema.R_YEAR})


@lru_cache(maxsize=1)
def _municipality_names() -> dict[str, str]:
    frame = reference.load_municipalities()
    return dict(zip(frame["municipality_istat"], frame["name"], strict=True))


@lru_cache(maxsize=1)
def _territory_names() -> dict[str, str]:
    frame = reference.load_territories()
    return dict(zip(frame["territory_id"].tolist(), frame["name"].tolist(), strict=True))


def _item(column_type: str, item: Any, lang: Lang) -> str:
    vocabulary = _VOCABULARY.get(column_type)
    if vocabulary is not None:
        return i18n.label(vocabulary, str(item), lang)
    if column_type in ("iso3", "iso3_list"):
        return i18n.country_name(str(item), lang)
    if column_type in ("territory", "territory_list"):
        return _territory_names().get(str(item), str(item))
    if column_type == "istat_municipality":
        name = _municipality_names().get(str(item))
        return f"{name} ({item})" if name else str(item)
    return str(item)


def format_value(kind: str, column: str, value: Any, lang: Lang) -> str:
    """A stored value as a person reads it in `lang`: labels for codes, names for places,
    numbers, money and dates the way `lang` writes them; "–" when missing."""
    if value is None or (isinstance(value, list) and not value) or _missing(value):
        return "–"
    column_type = next((c.type for c in schema.COLUMNS[kind] if c.name == column), "text")
    if isinstance(value, list):
        return " | ".join(_item(column_type, v, lang) for v in value)
    if column_type == "bool":
        return _WORDS[lang]["yes" if value else "no"]
    if column_type == "date":
        return formats.format_date(value, lang)
    if column == schema.C_COFINANCING:
        return formats.format_percent(value, lang)
    if column_type == "float":
        whole = float(value).is_integer()
        return formats.format_number(value, lang, decimals=0 if whole else 2)
    if column_type == "int":
        return str(value) if column in _YEARS else formats.format_number(value, lang)
    return _item(column_type, value, lang)
