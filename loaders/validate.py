"""Validate tables against the schema: map headers, parse and resolve every cell, check rows
and ids, then check references across a batch of files and the store's current version.

Every problem is collected (never stop at the first). The output frame of a table has
exactly the canonical columns of its kind, in schema order, with the canonical dtypes;
a cell that could not be read is missing (NA) there and named in an issue.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from typing import Any

import numpy as np
import pandas as pd

from loaders import normalise as nz
from loaders import resolve
from loaders.messages import make_issue
from loaders.normalise import ParseError
from loaders.read import RawTable
from loaders.report import Issue
from ponti import schema

LIST_TYPES = schema.LIST_TYPES
VOCABULARY_TYPES = frozenset({"stage", "funder_type", "twinning_type", "twinning_status"})

# The code column and the name column of a municipality complement each other ("Codice
# ISTAT" and "Comune" side by side is normal): the code wins, the name fills its gaps.
COMPLEMENTARY = frozenset({schema.A_MUNICIPALITY})

# Territory columns are looked up within the row's country or countries.
TERRITORY_COUNTRY: dict[str, str] = {
    schema.A_TERRITORIES: schema.A_COUNTRIES,
    schema.P_TERRITORY: schema.P_COUNTRY,
    schema.T_PARTNER_TERRITORY: schema.T_PARTNER_COUNTRY,
}

# Project dates in the order they happen.
DATE_ORDER: tuple[str, ...] = (schema.P_SUBMITTED, schema.P_DECIDED, schema.P_START, schema.P_END)

# Ids that point at other tables: (kind, column, target kind).
REFERENCES: tuple[tuple[str, str, str], ...] = (
    (schema.PROJECTS, schema.P_LEAD, schema.ASSOCIATIONS),
    (schema.PROJECTS, schema.P_PARTNERS, schema.ASSOCIATIONS),
    (schema.TWINNINGS, schema.T_PROJECTS, schema.PROJECTS),
)
_REF_WORDS: dict[str, dict[str, Any]] = {
    schema.ASSOCIATIONS: {
        "a": "an association",
        "a_it": "un'associazione",
        "many": "associations",
        "many_it": "associazioni",
        "of_it": "delle associazioni",
    },
    schema.PROJECTS: {
        "a": "a project",
        "a_it": "un progetto",
        "many": "projects",
        "many_it": "progetti",
        "of_it": "dei progetti",
    },
    schema.TWINNINGS: {
        "a": "a twinning",
        "a_it": "un gemellaggio",
        "many": "twinnings",
        "many_it": "gemellaggi",
        "of_it": "dei gemellaggi",
    },
}
_ID_SEPARATORS = ("|", ";", ",")


def year_range(column: str) -> tuple[int, int] | None:
    """The plausible years of a year column (None for other columns)."""
    this_year = dt.date.today().year
    return {
        schema.A_FOUNDED: (1900, this_year),
        schema.T_YEAR: (1950, this_year + 1),
        schema.R_YEAR: (1950, this_year + 1),
    }.get(column)


@dataclass
class TableResult:
    """One validated file: its canonical frame, the user's row numbers for each frame row,
    the header each canonical column came from, and the issues found."""

    kind: str
    file: str
    frame: pd.DataFrame
    rows: list[int]
    headers: dict[str, str]
    issues: list[Issue] = field(default_factory=list)


@dataclass
class _Cells:
    """A list cell's values and the items that could not be read."""

    values: list[Any]
    problems: list[tuple[str, ParseError]]


# ---------------------------------------------------------------------------------------
# Cell converters
# ---------------------------------------------------------------------------------------
def parse_id(text: str) -> str:
    """An id as written; list separators are refused because ids appear in lists."""
    for char in _ID_SEPARATORS:
        if char in text:
            raise ParseError("bad-id", char=char)
    return text


def _list_of(item: Callable[[str], Any]) -> Callable[[str], _Cells]:
    def convert(text: str) -> _Cells:
        values: list[Any] = []
        problems: list[tuple[str, ParseError]] = []
        for part in nz.split_list(text):
            try:
                values.append(item(part))
            except ParseError as exc:
                problems.append((part, exc))
        return _Cells(nz.dedupe(values), problems)

    return convert


def _countries(text: str) -> _Cells:
    # "Korea, Republic of" is one country: with only commas, try the whole cell first.
    if "," in text and "|" not in text and ";" not in text:
        try:
            return _Cells([resolve.resolve_country(text)], [])
        except ParseError:
            pass
    return _list_of(resolve.resolve_country)(text)


def _target(text: str) -> str:
    return resolve.resolve_target(nz.parse_target_code(text))[1]


def _identity(text: str) -> str:
    return text


def converter(column: schema.Column) -> Callable[[str], Any]:
    """The function reading one non-empty cell of a column."""
    kind = column.type
    if kind == "int":
        years = year_range(column.name)
        return partial(nz.parse_year, low=years[0], high=years[1]) if years else nz.parse_count
    if kind in VOCABULARY_TYPES:
        return partial(nz.parse_vocabulary, kind)
    table: dict[str, Callable[[str], Any]] = {
        "id": parse_id,
        "text": _identity,
        "float": nz.parse_amount,
        "bool": nz.parse_bool,
        "date": nz.parse_date,
        "istat_municipality": resolve.resolve_municipality,
        "istat_province": resolve.resolve_province,
        "iso3": resolve.resolve_country,
        "url": nz.parse_url,
        "email": nz.parse_email,
        "phone": nz.parse_phone,
        # Territories are resolved later, once the row's countries are known.
        "territory": _identity,
        "territory_list": _list_of(_identity),
        "iso3_list": _countries,
        "sdg_list": _list_of(nz.parse_sdg),
        "target_list": _list_of(_target),
        "theme_list": _list_of(partial(nz.parse_vocabulary, "theme")),
        "id_list": _list_of(parse_id),
        "text_list": _list_of(_identity),
    }
    return table[kind]


def _convert(
    texts: Sequence[str], convert: Callable[[str], Any]
) -> tuple[list[Any], list[tuple[int, str, ParseError]]]:
    # Each distinct text is read once: files repeat the same cities, countries and stages.
    cache: dict[str, tuple[Any, ParseError | None]] = {}
    values: list[Any] = [None] * len(texts)
    problems: list[tuple[int, str, ParseError]] = []
    for i, text in enumerate(texts):
        if not text:
            continue
        hit = cache.get(text)
        if hit is None:
            try:
                hit = (convert(text), None)
            except ParseError as exc:
                hit = (None, exc)
            cache[text] = hit
        value, error = hit
        if error is not None:
            problems.append((i, text, error))
        elif isinstance(value, _Cells):
            values[i] = value.values
            problems.extend((i, item, exc) for item, exc in value.problems)
        else:
            values[i] = value
    return values, problems


# ---------------------------------------------------------------------------------------
# Headers
# ---------------------------------------------------------------------------------------
def _column_letter(position: int) -> str:
    letters = ""
    n = position + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@cache
def _alias_display(kind: str) -> dict[str, str]:
    shown: dict[str, str] = {}
    for column, aliases in nz.HEADER_ALIASES[kind].items():
        for alias in (column, *aliases):
            shown.setdefault(nz.header_key(alias), alias)
    return shown


def map_headers(
    kind: str, frame: pd.DataFrame, file: str
) -> tuple[dict[str, list[int]], list[Issue]]:
    """canonical column -> positions of the file's columns that supply it (best first),
    with warnings for unknown, blank and repeated headers."""
    issues: list[Issue] = []
    found: dict[str, list[tuple[int, int]]] = defaultdict(list)
    labels = nz.KIND_LABELS[kind]
    for position, header in enumerate(str(h) for h in frame.columns):
        if not header:
            if (frame.iloc[:, position] != "").any():
                issues.append(
                    make_issue(
                        "blank-header",
                        file=file,
                        position=f"{position + 1} ({_column_letter(position)})",
                    )
                )
            continue
        match = nz.canonical_header(kind, header)
        if match is None:
            display = _alias_display(kind)
            close = difflib.get_close_matches(
                nz.header_key(header), list(display), n=1, cutoff=0.75
            )
            suggest: dict[str, Any] = {}
            if close:
                suggest = {
                    "suggest_en": f" (did you mean '{display[close[0]]}'?)",
                    "suggest_it": f" (forse '{display[close[0]]}'?)",
                }
            issues.append(
                make_issue(
                    "unknown-column",
                    file=file,
                    field=header,
                    kind=labels["en"],
                    kind_it=labels["it"],
                    **suggest,
                )
            )
            continue
        column, priority = match
        found[column].append((priority, position))
    sources: dict[str, list[int]] = {}
    headers = [str(h) for h in frame.columns]
    for column, hits in found.items():
        positions = [p for _, p in sorted(hits)]
        sources[column] = positions
        if len(positions) > 1 and column not in COMPLEMENTARY:
            for other in positions[1:]:
                issues.append(
                    make_issue(
                        "duplicate-column",
                        file=file,
                        field=headers[positions[0]],
                        other=headers[other],
                    )
                )
    return sources, issues


def _coalesce(frame: pd.DataFrame, positions: list[int]) -> tuple[list[str], list[int]]:
    # The first column with a value in a row supplies it; remember which, to name it.
    texts = frame.iloc[:, positions[0]].tolist()
    source = [positions[0]] * len(texts)
    for position in positions[1:]:
        other = frame.iloc[:, position].tolist()
        for i, text in enumerate(texts):
            if not text and other[i]:
                texts[i], source[i] = other[i], position
    return texts, source


# ---------------------------------------------------------------------------------------
# Output frame
# ---------------------------------------------------------------------------------------
def _series(column: schema.Column, values: Sequence[Any]) -> Any:
    kind = column.type
    if kind in LIST_TYPES:
        return pd.Series([[] if v is None else v for v in values], dtype=object)
    if kind == "int":
        return pd.array([pd.NA if v is None else v for v in values], dtype="Int64")
    if kind == "float":
        return np.array([np.nan if v is None else v for v in values], dtype="float64")
    if kind == "bool":
        return pd.array([pd.NA if v is None else v for v in values], dtype="boolean")
    if kind == "date":
        return np.array(
            [np.datetime64("NaT") if v is None else np.datetime64(v, "D") for v in values],
            dtype="datetime64[ns]",
        )
    return pd.array([pd.NA if v is None else v for v in values], dtype="string")


def build_frame(kind: str, columns: Mapping[str, Sequence[Any]], n: int) -> pd.DataFrame:
    """A frame with exactly the kind's canonical columns and dtypes (absent -> missing)."""
    data = {}
    for column in schema.COLUMNS[kind]:
        values = columns.get(column.name)
        data[column.name] = _series(column, values if values is not None else [None] * n)
    return pd.DataFrame(data, index=pd.RangeIndex(n))


# ---------------------------------------------------------------------------------------
# One table
# ---------------------------------------------------------------------------------------
def validate_table(kind: str, raw: RawTable, file: str) -> TableResult:
    """Validate one file's cells as a table of `kind`; every problem becomes an issue."""
    frame = raw.frame
    headers = [str(h) for h in frame.columns]
    rows = [int(r) for r in frame.index]
    n = len(frame)
    sources, issues = map_headers(kind, frame, file)
    values: dict[str, list[Any]] = {}
    texts: dict[str, list[str]] = {}
    fields: dict[str, list[int]] = {}
    for column in schema.COLUMNS[kind]:
        positions = sources.get(column.name)
        if not positions:
            if column.required:
                shown = ", ".join(f"'{a}'" for a in nz.display_aliases(kind, column.name))
                issues.append(
                    make_issue(
                        "missing-column",
                        file=file,
                        field=column.name,
                        aliases=shown,
                    )
                )
            continue
        cells, source = _coalesce(frame, positions)
        if raw.shifted:
            cells = ["" if rows[i] in raw.shifted else c for i, c in enumerate(cells)]
        texts[column.name], fields[column.name] = cells, source
        parsed, problems = _convert(cells, converter(column))
        for i, text, exc in problems:
            issues.append(
                make_issue(
                    exc.key,
                    file=file,
                    row=rows[i],
                    field=headers[source[i]],
                    value=text,
                    **exc.params,
                )
            )
        if column.required:
            for i, text in enumerate(cells):
                if not text and rows[i] not in raw.shifted:
                    issues.append(
                        make_issue(
                            "missing-required",
                            file=file,
                            row=rows[i],
                            field=headers[source[i]],
                        )
                    )
        if column.type == "bool":
            # The column is there and the cell is empty: the template says empty means no.
            parsed = [False if not text else v for v, text in zip(parsed, cells, strict=True)]
        values[column.name] = parsed

    def header_of(column: str, i: int) -> str:
        return headers[fields[column][i]]

    _resolve_territories(kind, values, texts, rows, header_of, file, issues)
    _merge_target_goals(values, n)
    if kind == schema.PROJECTS:
        _check_project_rows(values, texts, rows, header_of, file, issues)
    _check_unique(kind, values, texts, rows, header_of, file, issues)
    headers_used = {c: headers[p[0]] for c, p in sources.items()}
    return TableResult(kind, file, build_frame(kind, values, n), rows, headers_used, issues)


def _resolve_territories(
    kind: str,
    values: dict[str, list[Any]],
    texts: Mapping[str, list[str]],
    rows: list[int],
    header_of: Callable[[str, int], str],
    file: str,
    issues: list[Issue],
) -> None:
    cache: dict[tuple[str, tuple[str, ...]], tuple[str, ParseError | None]] = {}
    for column in schema.COLUMNS[kind]:
        country_column = TERRITORY_COUNTRY.get(column.name)
        if country_column is None or column.name not in values:
            continue
        countries_of_row = values.get(country_column)
        resolved: list[Any] = []
        for i, cell in enumerate(values[column.name]):
            if cell is None:
                resolved.append(None)
                continue
            countries = countries_of_row[i] if countries_of_row is not None else None
            if isinstance(countries, str):
                countries = [countries]
            items = cell if isinstance(cell, list) else [cell]
            out = []
            for item in items:
                if not countries:
                    # No usable country: keep the text; the country's own issue says why.
                    out.append(item)
                    continue
                key = (item, tuple(countries))
                if key not in cache:
                    try:
                        cache[key] = (resolve.resolve_territory(item, countries), None)
                    except ParseError as exc:
                        cache[key] = (item, exc)
                territory, error = cache[key]
                out.append(territory)
                if error is not None:
                    issues.append(
                        make_issue(
                            error.key,
                            file=file,
                            row=rows[i],
                            field=header_of(column.name, i),
                            value=item,
                            **error.params,
                        )
                    )
            resolved.append(nz.dedupe(out) if isinstance(cell, list) else out[0])
        values[column.name] = resolved


def _merge_target_goals(values: dict[str, list[Any]], n: int) -> None:
    # A target implies its goal: "4.4" adds goal 4 (after the goals given, which keep the
    # first place as the primary SDG).
    targets = values.get(schema.P_TARGETS)
    if targets is None:
        return
    goals = values.setdefault(schema.P_SDGS, [None] * n)
    for i, row_targets in enumerate(targets):
        if not row_targets:
            continue
        merged = list(goals[i] or [])
        for target in row_targets:
            goal = int(target.split(".")[0])
            if goal not in merged:
                merged.append(goal)
        goals[i] = merged


def _check_project_rows(
    values: Mapping[str, list[Any]],
    texts: Mapping[str, list[str]],
    rows: list[int],
    header_of: Callable[[str, int], str],
    file: str,
    issues: list[Issue],
) -> None:
    dates = [c for c in DATE_ORDER if c in values]
    requested = values.get(schema.P_REQUESTED)
    for i, row in enumerate(rows):
        previous: str | None = None
        for column in dates:
            if values[column][i] is None:
                continue
            if previous is not None and values[column][i] < values[previous][i]:
                # Starting before the submission or the decision happens (eligible costs
                # from an earlier date); other inversions are mistakes.
                key = "start-before-decision" if column == schema.P_START else "date-order"
                issues.append(
                    make_issue(
                        key,
                        file=file,
                        row=row,
                        field=header_of(column, i),
                        value=texts[column][i],
                        other=header_of(previous, i),
                        other_value=texts[previous][i],
                    )
                )
            previous = column
        if requested is None or requested[i] is None:
            continue
        for column, key in (
            (schema.P_GRANTED, "granted-exceeds-requested"),
            (schema.P_COFINANCING, "cofinancing-exceeds-requested"),
        ):
            amount = values.get(column)
            if amount is not None and amount[i] is not None and amount[i] > requested[i]:
                issues.append(
                    make_issue(
                        key,
                        file=file,
                        row=row,
                        field=header_of(column, i),
                        value=texts[column][i],
                        other_value=texts[schema.P_REQUESTED][i],
                    )
                )


def _row_keys(kind: str, values: Mapping[str, list[Any]], n: int) -> list[Any] | None:
    id_column = schema.ID_COLUMN[kind]
    if id_column is not None:
        return values.get(id_column)
    key_columns = (schema.R_YEAR, schema.R_PROVINCE, schema.R_CITIZENSHIP)
    if not all(c in values for c in key_columns):
        return None
    return [
        None
        if any(values[c][i] is None for c in key_columns)
        else tuple(values[c][i] for c in key_columns)
        for i in range(n)
    ]


def _where(row: int, file: str | None = None) -> dict[str, Any]:
    if file is None:
        return {"where": f"row {row}", "where_it": f"riga {row}"}
    return {"where": f"row {row} of {file}", "where_it": f"riga {row} di {file}"}


def _key_text(key: Any) -> str:
    return " / ".join(str(k) for k in key) if isinstance(key, tuple) else str(key)


def _check_unique(
    kind: str,
    values: Mapping[str, list[Any]],
    texts: Mapping[str, list[str]],
    rows: list[int],
    header_of: Callable[[str, int], str],
    file: str,
    issues: list[Issue],
) -> None:
    keys = _row_keys(kind, values, len(rows))
    if keys is None:
        return
    id_column = schema.ID_COLUMN[kind]
    first: dict[Any, int] = {}
    for i, key in enumerate(keys):
        if key is None:
            continue
        if key in first:
            issues.append(
                make_issue(
                    "duplicate-id" if id_column else "duplicate-row",
                    file=file,
                    row=rows[i],
                    field=header_of(id_column, i) if id_column else None,
                    value=_key_text(key),
                    **_where(rows[first[key]]),
                )
            )
        else:
            first[key] = i


# ---------------------------------------------------------------------------------------
# A batch: ids across files, references across tables and the store
# ---------------------------------------------------------------------------------------
def _ids(frame: pd.DataFrame, kind: str) -> set[str]:
    id_column = schema.ID_COLUMN[kind]
    if id_column is None or id_column not in frame or frame.empty:
        return set()
    return {str(v) for v in frame[id_column].dropna()}


def _refs(value: Any) -> list[str]:
    if value is None or value is pd.NA:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, float) and np.isnan(value):
        return []
    return [str(v) for v in value]


def check_batch(
    parts: Sequence[TableResult],
    existing: Mapping[str, pd.DataFrame] | None = None,
    *,
    require_references: bool = False,
) -> list[Issue]:
    """Issues that need several tables: ids repeated across files of one kind, and ids
    that point at associations or projects missing from the batch and the store.

    A kind given in the batch replaces the store's table, so its references are checked
    against the batch's table; otherwise against `existing` (the store's current version).
    When no table to check against exists at all, `require_references` decides between a
    warning (validation of a single file) and an error (an import).
    """
    issues: list[Issue] = []
    by_kind: dict[str, list[TableResult]] = defaultdict(list)
    for part in parts:
        by_kind[part.kind].append(part)

    # Ids repeated across files of one kind (repeats within a file are already reported).
    for kind, kind_parts in by_kind.items():
        if len(kind_parts) < 2:
            continue
        seen: dict[Any, tuple[str, int]] = {}
        for part in kind_parts:
            keys = _frame_keys(kind, part.frame)
            for i, key in enumerate(keys):
                if key is None:
                    continue
                if key in seen and seen[key][0] != part.file:
                    id_column = schema.ID_COLUMN[kind]
                    issues.append(
                        make_issue(
                            "duplicate-id" if id_column else "duplicate-row",
                            file=part.file,
                            row=part.rows[i],
                            field=part.headers.get(id_column) if id_column else None,
                            value=_key_text(key),
                            **_where(seen[key][1], seen[key][0]),
                        )
                    )
                seen.setdefault(key, (part.file, part.rows[i]))

    existing = existing or {}
    target_ids: dict[str, set[str] | None] = {}
    for kind in (schema.ASSOCIATIONS, schema.PROJECTS):
        if kind in by_kind:
            target_ids[kind] = set().union(*(_ids(p.frame, kind) for p in by_kind[kind]))
        elif kind in existing and not existing[kind].empty:
            target_ids[kind] = _ids(existing[kind], kind)
        else:
            target_ids[kind] = None

    for kind, column, target in REFERENCES:
        words = _REF_WORDS[target]
        known = target_ids[target]
        for part in by_kind.get(kind, []):
            header = part.headers.get(column)
            if header is None:
                continue
            cells = part.frame[column].tolist()
            if known is None:
                if any(_refs(v) for v in cells):
                    key = "references-missing" if require_references else "references-unchecked"
                    issues.append(make_issue(key, file=part.file, field=header, **words))
                continue
            for i, cell in enumerate(cells):
                for ref in _refs(cell):
                    if ref not in known:
                        issues.append(
                            make_issue(
                                "unknown-reference",
                                file=part.file,
                                row=part.rows[i],
                                field=header,
                                value=ref,
                                **words,
                            )
                        )
        # Rows already in the store that would lose what they point at.
        if kind not in by_kind and target in by_kind and known is not None:
            old = existing.get(kind)
            if old is None or old.empty or column not in old:
                continue
            orphans: dict[str, list[str]] = defaultdict(list)
            id_column = schema.ID_COLUMN[kind]
            for referrer, cell in zip(old[id_column], old[column], strict=True):
                for ref in _refs(cell):
                    if ref not in known:
                        orphans[ref].append(str(referrer))
            target_part = by_kind[target][0]
            referrers = _REF_WORDS[kind]
            for ref, who in orphans.items():
                issues.append(
                    make_issue(
                        "orphaned-reference",
                        file=target_part.file,
                        field=target_part.headers.get(schema.ID_COLUMN[target] or ""),
                        value=ref,
                        example=", ".join(who[:3])
                        + (f" (+{len(who) - 3})" if len(who) > 3 else ""),
                        referrers=referrers["many"],
                        referrers_it=referrers["many_it"],
                    )
                )
    return issues


def _frame_keys(kind: str, frame: pd.DataFrame) -> list[Any]:
    id_column = schema.ID_COLUMN[kind]
    if id_column is not None:
        return [None if pd.isna(v) else str(v) for v in frame[id_column]]
    key_columns = (schema.R_YEAR, schema.R_PROVINCE, schema.R_CITIZENSHIP)
    return [
        None if any(pd.isna(v) for v in key) else tuple(str(v) for v in key)
        for key in zip(*(frame[c] for c in key_columns), strict=True)
    ]
