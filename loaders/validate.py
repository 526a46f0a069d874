"""Validate tables against the schema: map headers, parse and resolve every cell, check rows
and ids, then check references across a batch of files and the store's current version.

Every problem is collected (never stop at the first). The output frame of a table has
exactly the canonical columns of its kind, in schema order, with the canonical dtypes;
a cell that could not be read is missing (NA) there and named in an issue.

Two conventions serve files that update stored rows (loaders.update): a cell holding only
a dash ("-") is CLEARED (empty in the frame, and in an update it empties the stored value,
whereas an empty cell keeps it), and a column headed "Elimina"/"Delete" marks rows to
delete (only an update may delete). A table validated with ``partial=True`` (an update)
checks only its own cells: required values, territories and the checks across a row's
columns are checked once the file is merged with the stored rows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from loaders import limits, resolve
from loaders import normalise as nz
from loaders.messages import make_issue
from loaders.normalise import ParseError
from loaders.raw import RawTable
from loaders.report import Issue
from ponti import schema
from ponti.store import coerce_column
from ponti.templates import EXAMPLE_ID_PREFIXES

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

# Number columns that hold a share of 0-100% (stored as a fraction), not an amount.
SHARE_COLUMNS = frozenset({schema.C_COFINANCING})

# What a spreadsheet shows in a cell whose formula failed, or whose date or number it could
# not hold (openpyxl reads a date serial past 9999 as "#VALUE!"): never data.
SPREADSHEET_ERRORS = frozenset(
    {"#VALUE!", "#REF!", "#DIV/0!", "#N/A", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)

# A cell holding only one of these clears the value (see the module docstring).
CLEAR_TOKENS = frozenset({"-", "–", "—"})

# Headers of the column that marks rows to delete, as header_key() writes them.
DELETE_HEADERS = frozenset(
    {
        "elimina",
        "eliminare",
        "daeliminare",
        "cancella",
        "cancellare",
        "rimuovi",
        "delete",
        "remove",
        "todelete",
    }
)

# The columns that say which stored row a file's row is, per kind: the id, or for residents
# (which have none) year, province and citizenship.
RESIDENT_KEY: tuple[str, ...] = (schema.R_YEAR, schema.R_PROVINCE, schema.R_CITIZENSHIP)


def key_columns(kind: str) -> tuple[str, ...]:
    """The columns that identify a row of a kind (its id; residents' natural key)."""
    id_column = schema.ID_COLUMN[kind]
    return (id_column,) if id_column is not None else RESIDENT_KEY


# How issues name the kind a reference points at (or the kind that refers).
REF_WORDS: dict[str, dict[str, Any]] = {
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


@dataclass(frozen=True)
class PlaceMatch:
    """A place cell resolved only approximately (see resolve.MATCH_REASONS): frame row
    `index`, the column, the text as written, the code it was resolved to and why."""

    index: int
    column: str
    written: str
    resolved: str
    reason: str


@dataclass
class PartlyFilled(RawTable):
    """A reader's cells with some required cells left empty on purpose, to be filled in by
    a later file: ``to_fill`` holds their (row, column) pairs (an IATI activity imported
    without its lead association). Those cells are not reported as missing."""

    to_fill: frozenset[tuple[int, str]] = frozenset()


@dataclass
class TableResult:
    """One validated file: its canonical frame, the user's row numbers for each frame row,
    the header each canonical column came from, and the issues found.

    ``texts`` holds each canonical column's cells as written ("" when empty or cleared),
    ``cleared`` which cells were a dash, ``delete`` the rows marked for deletion (None
    without a delete column), ``places`` the places resolved only approximately."""

    kind: str
    file: str
    frame: pd.DataFrame
    rows: list[int]
    headers: dict[str, str]
    issues: list[Issue] = field(default_factory=list)
    texts: dict[str, list[str]] = field(default_factory=dict)
    cleared: dict[str, list[bool]] = field(default_factory=dict)
    delete: list[bool] | None = None
    places: list[PlaceMatch] = field(default_factory=list)
    partial: bool = False
    to_fill: frozenset[tuple[int, str]] = frozenset()

    def filled(self, column: str, i: int) -> bool:
        """True when row i of the file gave a value for `column`."""
        texts = self.texts.get(column)
        return texts is not None and bool(texts[i])

    def is_cleared(self, column: str, i: int) -> bool:
        """True when row i of the file cleared `column` with a dash."""
        cleared = self.cleared.get(column)
        return cleared is not None and cleared[i]


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


# One item of a destination split: a country and its percentage, "SEN:60", "Senegal 60%",
# "SN=60", "Mali: 39,5".
_SPLIT_ITEM = re.compile(
    r"^(?P<country>.*?[^\s:=])\s*(?:[:=]\s*|\s+)(?P<share>\d+(?:[.,]\d+)?)\s*%?$"
)
# Shares may add up to 100 give or take this much (rounded percentages: 33|33|33).
SPLIT_TOLERANCE = 1.0


def split_item(country: str, share: float) -> str:
    """A split item as stored: "SEN:60", "MLI:33.33"."""
    return f"{country}:{round(share, 2):g}"


def _split(text: str) -> _Cells:
    """A destination split: countries (codes or names) with their percentages, each
    country once; the sum is checked with the row (_split_issues)."""
    values: list[str] = []
    problems: list[tuple[str, ParseError]] = []
    seen: set[str] = set()
    for part in nz.split_list(text):
        m = _SPLIT_ITEM.match(part)
        if m is None:
            problems.append((part, ParseError("bad-split-item")))
            continue
        try:
            country = resolve.resolve_country(m["country"].strip())
        except ParseError as exc:
            problems.append((part, ParseError("split-unknown-country", **exc.params)))
            continue
        share = float(m["share"].replace(",", "."))
        if not 0 <= share <= 100:
            problems.append((part, ParseError("split-share-out-of-range")))
        elif country in seen:
            problems.append((part, ParseError("split-repeated-country", country=country)))
        else:
            seen.add(country)
            values.append(split_item(country, share))
    return _Cells(values, problems)


_IATI_ORG_ID = re.compile(r"^(?:[A-Z]{2}|X[IM])-[A-Z0-9]{2,}-[A-Za-z0-9._:-]+$")


def parse_iati_org_id(text: str) -> str:
    """An IATI organisation identifier: the registration agency's prefix and the
    organisation's id there ("IT-CF-97654320158", "XM-DAC-6-4", "GB-CHC-1234567")."""
    agency, _, rest = text.strip().partition("-")
    second, _, own = rest.partition("-")
    # The agency's prefix upper-case as the org-id guide writes it; the id as written.
    code = f"{agency.upper()}-{second.upper()}-{own}"
    if not _IATI_ORG_ID.match(code):
        raise ParseError("bad-iati-org-id")
    return code


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
    if kind == "float" and column.name in SHARE_COLUMNS:
        return nz.parse_share
    if kind == "date":
        low, high = limits.date_range(column.name)
        return partial(nz.parse_date_between, low=low, high=high)
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
        "applicant_list": _list_of(partial(nz.parse_vocabulary, "applicant")),
        "country_share_list": _split,
        "iati_org_list": _list_of(parse_iati_org_id),
        "id_list": _list_of(parse_id),
        "text_list": _list_of(_identity),
    }
    return table[kind]


def _convert(
    texts: Sequence[str], convert: Callable[[str], Any]
) -> tuple[list[Any], list[tuple[int, str, ParseError]]]:
    # Each distinct text is read once (files repeat the same cities, countries and stages),
    # then spread over the rows by one dictionary lookup each; only rows whose text had a
    # problem are visited again, in row order, for their issues.
    read: dict[str, Any] = {}
    failed: dict[str, list[tuple[str, ParseError]]] = {}
    for text in dict.fromkeys(texts):
        if not text:
            read[text] = None
            continue
        if text.upper() in SPREADSHEET_ERRORS:
            read[text], failed[text] = None, [(text, ParseError("spreadsheet-error"))]
            continue
        try:
            value = convert(text)
        except ParseError as exc:
            read[text], failed[text] = None, [(text, exc)]
            continue
        if isinstance(value, _Cells):
            read[text] = value.values
            if value.problems:
                failed[text] = value.problems
        else:
            read[text] = value
    values = list(map(read.__getitem__, texts))
    problems: list[tuple[int, str, ParseError]] = []
    if failed:
        for i, text in enumerate(texts):
            if text in failed:
                problems.extend((i, item, exc) for item, exc in failed[text])
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
def build_frame(kind: str, columns: Mapping[str, Sequence[Any]], n: int) -> pd.DataFrame:
    """A frame with exactly the kind's canonical columns and dtypes (absent -> missing)."""
    index = pd.RangeIndex(n)
    data: dict[str, pd.Series] = {}
    for column in schema.COLUMNS[kind]:
        values = columns.get(column.name)
        if (
            values is not None
            and column.type in schema.LIST_TYPES
            and all(type(v) is list or v is None for v in values)
        ):
            # What coerce_column makes of lists and missing cells (an empty list each),
            # without its call per cell.
            lists = [[] if v is None else v for v in values]
            cells = pd.Series(lists, index=index, dtype=object)
            data[column.name] = cells.astype(schema.dtype_of(column.type))
            continue
        cells = pd.Series(values if values is not None else [None] * n, index=index, dtype=object)
        data[column.name] = coerce_column(column.type, cells)
    return pd.DataFrame(data, index=index)


# ---------------------------------------------------------------------------------------
# One table
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Table:
    """One file's cells while they are checked: the values read for each canonical column,
    the texts they were read from, the user's row numbers and the file column of each cell.

    Frozen so that checks cannot swap its parts; `values` is still filled column by column
    and completed by the cross-column steps (territories, goals of targets)."""

    kind: str
    file: str
    rows: list[int]
    headers: list[str]
    values: dict[str, list[Any]] = field(default_factory=dict)
    texts: dict[str, list[str]] = field(default_factory=dict)
    origins: dict[str, list[int]] = field(default_factory=dict)
    cleared: dict[str, list[bool]] = field(default_factory=dict)
    places: list[PlaceMatch] = field(default_factory=list)

    def header_of(self, column: str, i: int) -> str:
        """The header, as written in the file, of the column row i's `column` came from."""
        return self.headers[self.origins[column][i]]


def validate_table(kind: str, raw: RawTable, file: str, *, partial: bool = False) -> TableResult:
    """Validate one file's cells as a table of `kind`; every problem becomes an issue.

    With ``partial`` (a file that updates stored rows) only the key columns are required
    and empty yes/no cells stay empty (they keep the stored value); territories and the
    checks across a row's columns wait for the merge (loaders.update)."""
    raw, delete, issues = _take_delete_column(raw, file, partial=partial)
    frame = raw.frame
    table = _Table(kind, file, [int(r) for r in frame.index], [str(h) for h in frame.columns])
    sources, header_issues = map_headers(kind, frame, file)
    issues.extend(header_issues)
    keys = key_columns(kind)
    for column in schema.COLUMNS[kind]:
        required = column.required and (not partial or column.name in keys)
        positions = sources.get(column.name)
        if positions:
            issues.extend(_read_column(table, raw, column, positions, required, partial))
        elif required:
            issues.append(_missing_column(kind, column, file))
    if not partial:
        issues.extend(_resolve_territories(table))
    n = len(table.rows)
    _merge_target_goals(table.values, n)
    if not partial:
        issues.extend(check_rows(table))
    issues.extend(_check_unique(table))
    issues.extend(_example_rows(table))
    headers_used = {c: table.headers[p[0]] for c, p in sources.items()}
    frame_out = build_frame(kind, table.values, n)
    return TableResult(
        kind,
        file,
        frame_out,
        table.rows,
        headers_used,
        issues,
        texts=table.texts,
        cleared=table.cleared,
        delete=delete,
        places=table.places,
        partial=partial,
        to_fill=raw.to_fill if isinstance(raw, PartlyFilled) else frozenset(),
    )


def check_rows(table: _Table) -> list[Issue]:
    """The checks across one row's columns: projects' dates and amounts, calls' bounds."""
    if table.kind == schema.PROJECTS:
        return _check_project_rows(table)
    if table.kind == schema.CALLS:
        return _check_call_rows(table)
    return []


def _take_delete_column(
    raw: RawTable, file: str, *, partial: bool
) -> tuple[RawTable, list[bool] | None, list[Issue]]:
    """The file without its delete column, the rows it marks, and its issues: cells that
    are not yes/no, and marks in a file that replaces a table (only an update deletes)."""
    headers = [str(h) for h in raw.frame.columns]
    positions = [i for i, h in enumerate(headers) if nz.header_key(h) in DELETE_HEADERS]
    if not positions:
        return raw, None, []
    issues: list[Issue] = []
    marks = [False] * len(raw.frame)
    rows = [int(r) for r in raw.frame.index]
    for position in positions:
        for i, text in enumerate(raw.frame.iloc[:, position].tolist()):
            try:
                marks[i] = marks[i] or nz.parse_bool(text)
            except ParseError as exc:
                issues.append(
                    make_issue(exc.key, file=file, row=rows[i], field=headers[position], value=text)
                )
    if not partial and any(marks):
        issues.append(
            make_issue(
                "delete-needs-update",
                file=file,
                field=headers[positions[0]],
                n=sum(marks),
            )
        )
    kept = [i for i in range(len(headers)) if i not in positions]
    return dataclasses.replace(raw, frame=raw.frame.iloc[:, kept]), marks, issues


def _missing_column(kind: str, column: schema.Column, file: str) -> Issue:
    shown = ", ".join(f"'{a}'" for a in nz.display_aliases(kind, column.name))
    return make_issue("missing-column", file=file, field=column.name, aliases=shown)


def _read_column(
    table: _Table,
    raw: RawTable,
    column: schema.Column,
    positions: list[int],
    required: bool,
    partial: bool,
) -> list[Issue]:
    """Read one canonical column into `table`; the issues of its cells."""
    cells, origin = _coalesce(raw.frame, positions)
    if raw.shifted:
        cells = ["" if table.rows[i] in raw.shifted else c for i, c in enumerate(cells)]
    cleared = [c in CLEAR_TOKENS for c in cells]
    if any(cleared):
        cells = ["" if gone else c for c, gone in zip(cells, cleared, strict=True)]
    table.texts[column.name], table.origins[column.name] = cells, origin
    table.cleared[column.name] = cleared
    parsed, problems = _convert(cells, converter(column))
    if column.type == "istat_municipality":
        table.places.extend(_approximate_municipalities(column.name, cells, parsed))
    issues = [
        make_issue(
            exc.key,
            file=table.file,
            row=table.rows[i],
            field=table.header_of(column.name, i),
            value=text,
            **exc.params,
        )
        for i, text, exc in problems
    ]
    if required:
        to_fill = raw.to_fill if isinstance(raw, PartlyFilled) else frozenset()
        issues.extend(
            make_issue(
                "missing-required",
                file=table.file,
                row=table.rows[i],
                field=table.header_of(column.name, i),
            )
            for i, text in enumerate(cells)
            if not text
            and table.rows[i] not in raw.shifted
            and (table.rows[i], column.name) not in to_fill
        )
    if column.type == "bool" and not partial:
        # The column is there and the cell is empty: the template says empty means no.
        # (In an update an empty cell keeps the stored value, so it stays empty here.)
        parsed = [False if not text else v for v, text in zip(parsed, cells, strict=True)]
    table.values[column.name] = parsed
    return issues


def _approximate_municipalities(
    column: str, cells: Sequence[str], codes: Sequence[Any]
) -> list[PlaceMatch]:
    found: list[PlaceMatch] = []
    reasons: dict[tuple[str, str], str | None] = {}
    for i, (text, code) in enumerate(zip(cells, codes, strict=True)):
        if not text or not isinstance(code, str):
            continue
        if (text, code) not in reasons:
            reasons[(text, code)] = resolve.municipality_match(text, code)
        reason = reasons[(text, code)]
        if reason is not None:
            found.append(PlaceMatch(i, column, text, code, reason))
    return found


_TerritoryCache = dict[tuple[str, tuple[str, ...]], tuple[str, ParseError | None]]


def _resolve_territories(table: _Table) -> list[Issue]:
    """Resolve territory cells within their row's countries (known only once every column
    is read); a place that is not found keeps its text and gets an issue."""
    issues: list[Issue] = []
    cache: _TerritoryCache = {}
    for column in schema.COLUMNS[table.kind]:
        country_column = TERRITORY_COUNTRY.get(column.name)
        if country_column is not None and column.name in table.values:
            issues.extend(_resolve_territory_column(table, column.name, country_column, cache))
    return issues


def _resolve_territory_column(
    table: _Table, column: str, country_column: str, cache: _TerritoryCache
) -> list[Issue]:
    issues: list[Issue] = []
    countries_of_row = table.values.get(country_column)
    resolved: list[Any] = []
    # Rows repeat the same places in the same countries: each (cell, countries) is read once,
    # its value, approximate places and problems then given to every row that has it.
    cells: dict[tuple[Any, ...], _TerritoryCell] = {}
    for i, cell in enumerate(table.values[column]):
        if cell is None:
            resolved.append(None)
            continue
        countries = countries_of_row[i] if countries_of_row is not None else None
        if isinstance(countries, str):
            countries = [countries]
        key = (
            tuple(cell) if isinstance(cell, list) else cell,
            isinstance(cell, list),
            tuple(countries) if countries else None,
        )
        read = cells.get(key)
        if read is None:
            read = cells[key] = _territory_cell(cell, countries, cache)
        value, places, errors = read
        resolved.append(list(value) if isinstance(value, list) else value)
        for item, territory, reason in places:
            table.places.append(PlaceMatch(i, column, item, territory, reason))
        for item, error in errors:
            issues.append(
                make_issue(
                    error.key,
                    file=table.file,
                    row=table.rows[i],
                    field=table.header_of(column, i),
                    value=item,
                    **error.params,
                )
            )
    table.values[column] = resolved
    return issues


# A territory cell read: its value, its approximate places (item, territory, reason) and
# its problems (item, error), in the order of its items.
_TerritoryCell = tuple[Any, list[tuple[str, str, str]], list[tuple[str, ParseError]]]


def _territory_cell(
    cell: Any, countries: Sequence[str] | None, cache: _TerritoryCache
) -> _TerritoryCell:
    out = []
    places: list[tuple[str, str, str]] = []
    errors: list[tuple[str, ParseError]] = []
    for item in cell if isinstance(cell, list) else [cell]:
        if not countries:
            # No usable country: keep the text; the country's own issue says why.
            out.append(item)
            continue
        territory, error = _territory(item, countries, cache)
        out.append(territory)
        if error is None and (reason := resolve.territory_match(item, territory)):
            places.append((item, territory, reason))
        if error is not None:
            errors.append((item, error))
    return (nz.dedupe(out) if isinstance(cell, list) else out[0]), places, errors


def _territory(
    item: str, countries: Sequence[str], cache: _TerritoryCache
) -> tuple[str, ParseError | None]:
    # Files repeat the same places: each (place, countries) pair is looked up once.
    key = (item, tuple(countries))
    if key not in cache:
        try:
            cache[key] = (resolve.resolve_territory(item, countries), None)
        except ParseError as exc:
            cache[key] = (item, exc)
    return cache[key]


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


def _check_project_rows(table: _Table) -> list[Issue]:
    """Each project row's dates in order and amounts within the amount requested."""
    issues: list[Issue] = []
    for i in _project_rows_to_check(table):
        issues.extend(_dates_out_of_order(table, i))
        issues.extend(_amounts_over_requested(table, i))
        issues.extend(_disbursed_over_granted(table, i))
        issues.extend(_split_issues(table, i))
    return issues


def _project_rows_to_check(table: _Table) -> list[int]:
    """The rows where one of _check_project_rows' checks may find something, in order: a
    quick pass over whole columns, so that the checks themselves (with their messages) run
    only for those rows and not for every row of a large file. Never fewer rows than the
    checks would report: a row is left out only when each check would find nothing."""
    values = table.values
    n = len(table.rows)
    rows: set[int] = set()
    dates = [values[c] for c in DATE_ORDER if c in values]
    for i, row_dates in enumerate(zip(*dates, strict=True)):
        given = [d for d in row_dates if d is not None]
        if any(b < a for a, b in itertools.pairwise(given)):
            rows.add(i)
    requested = values.get(schema.P_REQUESTED)
    if requested is not None:
        for column, _ in _OVER_REQUESTED:
            amounts = values.get(column)
            if amounts is not None:
                rows.update(
                    i
                    for i, (r, a) in enumerate(zip(requested, amounts, strict=True))
                    if r is not None and a is not None and a > r
                )
    granted, disbursed = values.get(schema.P_GRANTED), values.get(schema.P_DISBURSED)
    if granted is not None and disbursed is not None:
        rows.update(
            i
            for i, (g, d) in enumerate(zip(granted, disbursed, strict=True))
            if g is not None and d is not None and not d <= g + 0.005
        )
    splits = values.get(schema.P_SPLIT)
    if splits is not None:
        rows.update(i for i, split in enumerate(splits) if split)
    return sorted(r for r in rows if r < n)


def _disbursed_over_granted(table: _Table, i: int) -> list[Issue]:
    """More paid out than granted is possible (a top-up not recorded yet) but worth a look."""
    granted = table.values.get(schema.P_GRANTED)
    disbursed = table.values.get(schema.P_DISBURSED)
    if granted is None or disbursed is None or granted[i] is None or disbursed[i] is None:
        return []
    if disbursed[i] <= granted[i] + 0.005:
        return []
    return [
        make_issue(
            "disbursed-exceeds-granted",
            file=table.file,
            row=table.rows[i],
            field=table.header_of(schema.P_DISBURSED, i),
            value=table.texts[schema.P_DISBURSED][i],
            other_value=table.texts[schema.P_GRANTED][i],
        )
    ]


def _split_issues(table: _Table, i: int) -> list[Issue]:
    """A split's shares add up to 100 (give or take SPLIT_TOLERANCE) and include the
    destination country."""
    splits = table.values.get(schema.P_SPLIT)
    if splits is None or not splits[i]:
        return []
    pairs = schema.split_shares(splits[i])
    if len(pairs) != len(nz.split_list(table.texts[schema.P_SPLIT][i])):
        return []  # an item did not read: its own issue says why, the sum would mislead
    file, row = table.file, table.rows[i]
    field_name, text = table.header_of(schema.P_SPLIT, i), table.texts[schema.P_SPLIT][i]
    issues: list[Issue] = []
    total = sum(share for _, share in pairs)
    if abs(total - 100) > SPLIT_TOLERANCE:
        issues.append(
            make_issue(
                "split-sum",
                file=file,
                row=row,
                field=field_name,
                value=text,
                total=f"{round(total, 2):g}",
            )
        )
    countries = table.values.get(schema.P_COUNTRY)
    country = countries[i] if countries is not None else None
    if country is not None and country not in {c for c, _ in pairs}:
        issues.append(
            make_issue(
                "split-without-destination",
                file=file,
                row=row,
                field=field_name,
                value=text,
                other_value=country,
            )
        )
    return issues


def _dates_out_of_order(table: _Table, i: int) -> list[Issue]:
    issues: list[Issue] = []
    values, texts = table.values, table.texts
    previous: str | None = None
    for column in (c for c in DATE_ORDER if c in values):
        if values[column][i] is None:
            continue
        if previous is not None and values[column][i] < values[previous][i]:
            # Starting before the submission or the decision happens (eligible costs
            # from an earlier date); other inversions are mistakes.
            key = "start-before-decision" if column == schema.P_START else "date-order"
            issues.append(
                make_issue(
                    key,
                    file=table.file,
                    row=table.rows[i],
                    field=table.header_of(column, i),
                    value=texts[column][i],
                    other=table.header_of(previous, i),
                    other_value=texts[previous][i],
                )
            )
        previous = column
    return issues


_OVER_REQUESTED: tuple[tuple[str, str], ...] = (
    (schema.P_GRANTED, "granted-exceeds-requested"),
    (schema.P_COFINANCING, "cofinancing-exceeds-requested"),
)


def _amounts_over_requested(table: _Table, i: int) -> list[Issue]:
    requested = table.values.get(schema.P_REQUESTED)
    if requested is None or requested[i] is None:
        return []
    issues: list[Issue] = []
    for column, key in _OVER_REQUESTED:
        amount = table.values.get(column)
        if amount is not None and amount[i] is not None and amount[i] > requested[i]:
            issues.append(
                make_issue(
                    key,
                    file=table.file,
                    row=table.rows[i],
                    field=table.header_of(column, i),
                    value=table.texts[column][i],
                    other_value=table.texts[schema.P_REQUESTED][i],
                )
            )
    return issues


class _Bound(NamedTuple):
    """Two columns of a row where `low` must not be above `high`; the issue names `named`."""

    low: str
    high: str
    named: str
    key: str


_CALL_BOUNDS: tuple[_Bound, ...] = (
    _Bound(schema.C_OPENS, schema.C_CLOSES, schema.C_CLOSES, "closes-before-opening"),
    _Bound(schema.C_GRANT_MIN, schema.C_GRANT_MAX, schema.C_GRANT_MIN, "grant-min-exceeds-max"),
)


def _check_call_rows(table: _Table) -> list[Issue]:
    """Each call closes after it opens and its minimum grant is within its maximum
    (negative grants and shares outside 0-100% are refused cell by cell)."""
    issues: list[Issue] = []
    for bound in _CALL_BOUNDS:
        low, high = table.values.get(bound.low), table.values.get(bound.high)
        if low is None or high is None:
            continue
        other = bound.high if bound.named == bound.low else bound.low
        issues.extend(
            make_issue(
                bound.key,
                file=table.file,
                row=table.rows[i],
                field=table.header_of(bound.named, i),
                value=table.texts[bound.named][i],
                other=table.header_of(other, i),
                other_value=table.texts[other][i],
            )
            for i in range(len(table.rows))
            if low[i] is not None and high[i] is not None and low[i] > high[i]
        )
    return issues


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


def key_text(key: Any) -> str:
    return " / ".join(str(k) for k in key) if isinstance(key, tuple) else str(key)


def _example_rows(table: _Table) -> list[Issue]:
    """Rows left as a template's example (their ids start "ESEMPIO-" or "EXAMPLE-")."""
    id_column = schema.ID_COLUMN[table.kind]
    if id_column is None or id_column not in table.values:
        return []
    return [
        make_issue(
            "example-row",
            file=table.file,
            row=table.rows[i],
            field=table.header_of(id_column, i),
            value=value,
        )
        for i, value in enumerate(table.values[id_column])
        if isinstance(value, str) and value.upper().startswith(EXAMPLE_ID_PREFIXES)
    ]


def id_key(value: Any) -> Any:
    """How Ponti compares ids: "ASS-0003", "ass-0003" and "ＡＳＳ-0003" are one id (people
    retype ids by hand, and links and searches ignore case). Residents' keys are codes
    already canonical, so they are compared as they are."""
    if isinstance(value, str):
        if value.isascii():
            return value.lower()  # what NFKC and casefold make of plain ASCII, faster
        return unicodedata.normalize("NFKC", value).casefold()
    return value


def _duplicate_key(exact: bool, id_column: str | None) -> str:
    if id_column is None:
        return "duplicate-row"
    return "duplicate-id" if exact else "duplicate-id-case"


def _check_unique(table: _Table) -> list[Issue]:
    """Ids (or, for residents, year, province and citizenship) repeated within the file,
    compared as Ponti compares them (id_key)."""
    keys = _row_keys(table.kind, table.values, len(table.rows))
    if keys is None:
        return []
    id_column = schema.ID_COLUMN[table.kind]
    issues: list[Issue] = []
    first: dict[Any, int] = {}
    for i, key in enumerate(keys):
        if key is None:
            continue
        folded = id_key(key)
        if folded not in first:
            first[folded] = i
            continue
        earlier = keys[first[folded]]
        issues.append(
            make_issue(
                _duplicate_key(earlier == key, id_column),
                file=table.file,
                row=table.rows[i],
                field=table.header_of(id_column, i) if id_column else None,
                value=key_text(key),
                other=key_text(earlier),
                **_where(table.rows[first[folded]]),
            )
        )
    return issues


# ---------------------------------------------------------------------------------------
# A batch: ids across files, references across tables and the store
# ---------------------------------------------------------------------------------------
class Reference(NamedTuple):
    """A column of one kind holding ids of another kind."""

    kind: str
    column: str
    target: str


# Ids that point at other tables.
REFERENCES: tuple[Reference, ...] = (
    Reference(schema.PROJECTS, schema.P_LEAD, schema.ASSOCIATIONS),
    Reference(schema.PROJECTS, schema.P_PARTNERS, schema.ASSOCIATIONS),
    Reference(schema.TWINNINGS, schema.T_PROJECTS, schema.PROJECTS),
)


@dataclass(frozen=True)
class BatchTables:
    """What a batch is checked against: its validated files by kind, in the order given, and
    the store's current tables. A kind the batch gives replaces the store's table."""

    parts: Mapping[str, Sequence[TableResult]]
    existing: Mapping[str, pd.DataFrame]
    require_references: bool = False

    @classmethod
    def of(
        cls,
        parts: Sequence[TableResult],
        existing: Mapping[str, pd.DataFrame] | None = None,
        *,
        require_references: bool = False,
    ) -> BatchTables:
        """Group a batch's files by kind."""
        by_kind: dict[str, list[TableResult]] = {}
        for part in parts:
            by_kind.setdefault(part.kind, []).append(part)
        return cls(by_kind, existing or {}, require_references)

    def known_ids(self, kind: str) -> set[str] | None:
        """The ids of a kind that rows may refer to: the batch's when it gives that kind,
        else the store's; None when there is no such table to check against."""
        if kind in self.parts:
            return set().union(*(ids_of(p.frame, kind) for p in self.parts[kind]))
        old = self.existing.get(kind)
        if old is not None and not old.empty:
            return ids_of(old, kind)
        return None


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
    batch = BatchTables.of(parts, existing, require_references=require_references)
    # A kind given here replaces the stored table: its ids are not compared with the store's.
    issues = ids_repeated_across_files(batch, stored=False)
    for reference in REFERENCES:
        known = batch.known_ids(reference.target)
        issues.extend(_references_in_batch(batch, reference, known))
        issues.extend(_orphaned_references(batch, reference, known))
    return issues


def ids_repeated_across_files(batch: BatchTables, *, stored: bool = True) -> list[Issue]:
    """Ids repeated across the batch's files of one kind (repeats within one file are
    reported by validate_table), compared as Ponti compares them (id_key); with ``stored``
    (files that update the store) also ids differing from a stored id only in case, which
    would add a second row for one id."""
    issues: list[Issue] = []
    for kind, parts in batch.parts.items():
        if len(parts) > 1:
            issues.extend(_repeated_keys(kind, parts))
        if stored:
            issues.extend(_ids_differing_from_stored(kind, parts, batch.existing.get(kind)))
    return issues


def _repeated_keys(kind: str, parts: Sequence[TableResult]) -> list[Issue]:
    id_column = schema.ID_COLUMN[kind]
    issues: list[Issue] = []
    seen: dict[Any, tuple[str, int, Any]] = {}
    for part in parts:
        for i, key in enumerate(frame_keys(kind, part.frame)):
            if key is None:
                continue
            folded = id_key(key)
            if folded in seen and seen[folded][0] != part.file:
                file, row, earlier = seen[folded]
                issues.append(
                    make_issue(
                        _duplicate_key(earlier == key, id_column),
                        file=part.file,
                        row=part.rows[i],
                        field=part.headers.get(id_column) if id_column else None,
                        value=key_text(key),
                        other=key_text(earlier),
                        **_where(row, file),
                    )
                )
            seen.setdefault(folded, (part.file, part.rows[i], key))
    return issues


def _ids_differing_from_stored(
    kind: str, parts: Sequence[TableResult], stored: pd.DataFrame | None
) -> list[Issue]:
    id_column = schema.ID_COLUMN[kind]
    if id_column is None or stored is None or stored.empty or id_column not in stored:
        return []
    exact = ids_of(stored, kind)
    by_key = {id_key(v): v for v in sorted(exact)}
    issues: list[Issue] = []
    for part in parts:
        for i, key in enumerate(frame_keys(kind, part.frame)):
            if key is None or key in exact or id_key(key) not in by_key:
                continue
            issues.append(
                make_issue(
                    "id-case-differs-stored",
                    file=part.file,
                    row=part.rows[i],
                    field=part.headers.get(id_column),
                    value=key,
                    other=by_key[id_key(key)],
                )
            )
    return issues


def _references_in_batch(
    batch: BatchTables, reference: Reference, known: set[str] | None
) -> list[Issue]:
    """The batch's own references: unknown ids, or one issue per column when there is
    nothing to check them against."""
    issues: list[Issue] = []
    for part in batch.parts.get(reference.kind, ()):
        header = part.headers.get(reference.column)
        if header is None:
            continue
        cells = part.frame[reference.column].tolist()
        if known is None:
            issues.extend(_unchecked_references(batch, reference, part.file, header, cells))
        else:
            issues.extend(_unknown_references(reference, part, header, cells, known))
    return issues


def _unchecked_references(
    batch: BatchTables, reference: Reference, file: str, header: str, cells: list[Any]
) -> list[Issue]:
    if not any(refs_of(v) for v in cells):
        return []
    key = "references-missing" if batch.require_references else "references-unchecked"
    return [make_issue(key, file=file, field=header, **REF_WORDS[reference.target])]


def _unknown_references(
    reference: Reference, part: TableResult, header: str, cells: list[Any], known: set[str]
) -> list[Issue]:
    # A reference differing from a known id only in case names the id it probably means
    # (the known ids by that key are gathered at the first unknown reference, if any).
    by_key: dict[Any, str] | None = None
    issues: list[Issue] = []
    for i, cell in enumerate(cells):
        for ref in refs_of(cell):
            if ref in known:
                continue
            if by_key is None:
                by_key = {id_key(v): v for v in sorted(known)}
            other = by_key.get(id_key(ref))
            issues.append(
                make_issue(
                    "unknown-reference" if other is None else "unknown-reference-case",
                    file=part.file,
                    row=part.rows[i],
                    field=header,
                    value=ref,
                    other=other or "",
                    **REF_WORDS[reference.target],
                )
            )
    return issues


def _orphaned_references(
    batch: BatchTables, reference: Reference, known: set[str] | None
) -> list[Issue]:
    """Rows already in the store that would lose what they point at: the batch replaces
    the target table but not theirs."""
    if reference.kind in batch.parts or reference.target not in batch.parts or known is None:
        return []
    old = batch.existing.get(reference.kind)
    if old is None or old.empty or reference.column not in old:
        return []
    target_part = batch.parts[reference.target][0]
    referrers = REF_WORDS[reference.kind]
    return [
        make_issue(
            "orphaned-reference",
            file=target_part.file,
            field=target_part.headers.get(schema.ID_COLUMN[reference.target] or ""),
            value=ref,
            example=", ".join(who[:3]) + (f" (+{len(who) - 3})" if len(who) > 3 else ""),
            referrers=referrers["many"],
            referrers_it=referrers["many_it"],
        )
        for ref, who in _orphans(old, reference, known).items()
    ]


def _orphans(old: pd.DataFrame, reference: Reference, known: set[str]) -> dict[str, list[str]]:
    """Each id missing from `known` with the ids of the stored rows that refer to it."""
    orphans: dict[str, list[str]] = defaultdict(list)
    id_column = schema.ID_COLUMN[reference.kind]
    referrers = zip(old[id_column].tolist(), old[reference.column].tolist(), strict=True)
    for referrer, cell in referrers:
        for ref in refs_of(cell):
            if ref not in known:
                orphans[ref].append(str(referrer))
    return orphans


def ids_of(frame: pd.DataFrame, kind: str) -> set[str]:
    id_column = schema.ID_COLUMN[kind]
    if id_column is None or id_column not in frame or frame.empty:
        return set()
    # tolist: iterating an Arrow-backed column value by value is several times slower.
    return {str(v) for v in frame[id_column].dropna().tolist()}


def refs_of(value: Any) -> list[str]:
    if value is None or value is pd.NA:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, float) and np.isnan(value):
        return []
    return [str(v) for v in value]


def frame_keys(kind: str, frame: pd.DataFrame) -> list[Any]:
    id_column = schema.ID_COLUMN[kind]
    if id_column is not None:
        return [None if pd.isna(v) else str(v) for v in frame[id_column].tolist()]
    key_columns = (schema.R_YEAR, schema.R_PROVINCE, schema.R_CITIZENSHIP)
    return [
        None if any(pd.isna(v) for v in key) else tuple(str(v) for v in key)
        for key in zip(*(frame[c].tolist() for c in key_columns), strict=True)
    ]
