"""Tables for people, and the files they download: one path for every page.

``public_table`` turns a frame built by a transform into what a person may see: only the
columns declared public below (personal data and internal ids never pass), headed from the
catalogue's ``column.<name>`` strings, with raw values: numbers stay numbers, dates dates,
lists are joined with ", ", and stored codes (stages, funder types...) read as their labels.
``readable_table`` writes that table the user's way for the screen; ``to_xlsx`` and
``to_csv`` write it for a spreadsheet, with cells a spreadsheet would run as a formula
neutralised.

Every column name a transform hands to a page is declared here, public (``COLUMNS``) or
internal (``INTERNAL_COLUMNS``); an undeclared one is an error, so a new column is a decision,
never a guess. Where a name means different things in different tables (``name`` is a goal's
name on the Agenda grid, a country's in its heatmap), the page says which with ``names``.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Final, Literal

import numpy as np
import pandas as pd

from ponti import formats, i18n, provenance, schema
from ponti.i18n import Lang, t
from ponti.store import VersionInfo

Kind = Literal["text", "number", "percent", "year", "date", "flag"]


@dataclass(frozen=True)
class Column:
    """How a public column reads: its heading (catalogue ``column.<heading>``), what it holds,
    the vocabulary its codes are labels of, and the code columns it is the readable form of."""

    heading: str
    kind: Kind = "text"
    vocabulary: str | None = None
    replaces: tuple[str, ...] = ()


def _text(heading: str, vocabulary: str | None = None, replaces: tuple[str, ...] = ()) -> Column:
    return Column(heading, "text", vocabulary, replaces)


def _number(heading: str) -> Column:
    return Column(heading, "number")


# Column name (as transforms write it) -> how it reads. Headings are shared where the meaning
# is: "granted" is the same "Concesso (EUR)" on every page.
COLUMNS: Final[dict[str, Column]] = {
    # what a row is about
    "kind": _text("kind"),
    "key": _text("key"),  # an ISO 3166 alpha-3 or ISTAT code: public codes people look up
    "iso3": _text("iso3"),
    "name": _text("name"),
    "title": _text("title"),
    "lead": _text("lead"),
    "goal": _number("goal"),
    "goal_name": _text("goal_name"),
    "sdgs": _text("sdgs"),
    "target": _text("target"),
    "targets": _text("targets"),
    # places
    "country": _text("country"),
    "countries": _text("countries"),
    "region": _text("region"),
    "municipality": _text("municipality"),
    "place": _text("place"),
    "area": _text("area"),
    "destination": _text("destination"),
    "destination_label": _text("destination_country"),
    "region_label": _text("world_region", replaces=("destination",)),
    "sdg_label": _text("primary_sdg", replaces=("destination",)),
    "partner": _text("partner"),
    "partners": _text("partners"),
    "territory": _text("territory"),
    "community": _text("community"),
    # associations, twinnings
    "members": _number("members"),
    "website": _text("website"),
    "themes": _text("themes"),
    "founded": Column("founded", "year"),
    "acronym": _text("acronym"),
    "networks": _text("networks"),
    "role": _text("role"),
    "type": _text("twinning_type", vocabulary="twinning_type"),
    "status": _text("twinning_status", vocabulary="twinning_status"),
    # counts and measures
    "associations": _number("associations"),
    "projects": _number("projects"),
    "twinnings": _number("twinnings"),
    "residents": _number("residents"),
    "change": _number("change"),
    "value": _number("value"),
    "colour": _text("colour"),  # the category a map colour stands for, in words
    "declaring": _number("declaring"),
    "other_projects": _number("other_projects"),
    "goals_covered": _text("goals_covered"),
    "examples": _text("examples"),
    "association_names": _text("association_names"),
    "project_titles": _text("project_titles"),
    "ratio": _number("ratio"),
    "precedents": _number("precedents"),
    "score": _number("score"),
    "why": _text("why"),
    # projects and funding
    "stage": _text("stage", vocabulary="stage"),
    "stage_label": _text("stage", replaces=("stage",)),
    "path_label": _text("path", replaces=("on_path",)),
    "funder": _text("funder"),
    "funder_type": _text("funder_type", vocabulary="funder_type"),
    "funder_type_label": _text("funder_type", replaces=("funder_type",)),
    "programme": _text("programme"),
    "requested": _number("requested"),
    "granted": _number("granted"),
    "disbursed": _number("disbursed"),
    "spent": _number("spent"),
    "eur": _number("eur"),
    "reached": _number("reached"),
    "reached_eur": _number("reached_eur"),
    "at_stage": _number("at_stage"),
    "exited": _number("exited"),
    "conversion": Column("conversion", "percent"),
    "conversion_eur": Column("conversion_eur", "percent"),
    "decided": _number("decided"),
    "approved": _number("approved"),
    "rejected": _number("rejected"),
    "success_rate": Column("success_rate", "percent"),
    "enough": Column("enough", "flag"),
    "days_min": _number("days_min"),
    "days_q1": _number("days_q1"),
    "days_median": _number("days_median"),
    "days_q3": _number("days_q3"),
    "days_max": _number("days_max"),
    "submitted": _number("submitted"),
    "iati_code": _text("iati_code"),
    "iati_name": _text("iati_name"),
    "granted_led": _number("granted_led"),
    # funding leads of an association: what similar projects share, whether it was funded
    "matches": _number("matches"),
    "funded_it": Column("funded_it", "flag"),
    "grant_median": _number("grant_median"),
    # calls (bandi); a call's id (schema.C_ID) is internal, like every record id
    "url": _text("call_page"),
    "date_open": Column("date_open", "date"),
    "date_close": Column("date_close", "date"),
    "eligible_countries": _text("eligible_countries"),
    "grant_min": _number("grant_min"),
    "grant_max": _number("grant_max"),
    "cofinancing_share": Column("cofinancing_share", "percent"),
    "applicants": _text("applicants", vocabulary="applicant"),
    "deadline": _text("deadline"),
    # time
    "year": Column("year", "year"),
    "year_submitted": Column("year_submitted", "year"),
    "date": Column("date", "date"),
    "date_end": Column("date_end", "date"),
}
# Columns that mean nothing to a reader, never shown nor downloaded: record ids of the store
# and the map's selection ids ("L|015146|t:360630"), a flag that path_label says in words, and
# the codes behind names that open a profile (widgets.Link).
INTERNAL_COLUMNS: Final[frozenset[str]] = frozenset(
    {"id", "on_path", "municipality_code", "association_code", "lead_code", schema.C_ID}
)
# One column a goal, as the Agenda heatmaps and trend lay them out: "SDG 1" ... "SDG 17".
GOAL_COLUMN: Final = re.compile(r"^SDG ([1-9]|1[0-7])$")
GOAL_COLUMN_KIND: Final = Column("goal_n", "number")

# Text a spreadsheet would run as a formula (OWASP, "CSV injection").
FORMULA_STARTS: Final[tuple[str, ...]] = formats.FORMULA_STARTS
XLSX_MIME: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME: Final = "text/csv"
_DATE_FORMATS: Final[dict[Lang, str]] = {"it": "dd/mm/yyyy", "en": "yyyy-mm-dd"}
_MIN_WIDTH, _MAX_WIDTH = 8, 60


# -- the public table -------------------------------------------------------------------
def column_spec(name: str) -> Column | None:
    """How a declared column name reads; None for a name nobody declared."""
    if name in COLUMNS:
        return COLUMNS[name]
    return GOAL_COLUMN_KIND if GOAL_COLUMN.match(name) else None


def heading(name: str, lang: Lang) -> str:
    """The heading of a declared column in lang."""
    spec = column_spec(name)
    if spec is None:
        raise KeyError(f"column {name!r} is not declared in ponti.tables.COLUMNS")
    if spec is GOAL_COLUMN_KIND:
        match = GOAL_COLUMN.match(name)
        assert match is not None
        return t("column.goal_n", lang, goal=match.group(1))
    return t(f"column.{spec.heading}", lang)


def public_table(
    frame: pd.DataFrame,
    lang: Lang,
    *,
    names: Mapping[str, str] | None = None,
    columns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The public columns of frame (or of ``columns``, in that order), headed in lang, raw values.

    ``names`` maps a column of the frame to the declared column it stands for here. Personal
    and internal columns are dropped; asking for one in ``columns`` is an error, and so is a
    column declared nowhere.
    """
    names = names or {}
    chosen = list(frame.columns) if columns is None else list(columns)
    if columns is not None:
        refused = [
            c for c in chosen if c in schema.PRIVATE_COLUMNS or names.get(c, c) in INTERNAL_COLUMNS
        ]
        if refused:
            raise ValueError(f"columns not for people: {refused}")
    kept: dict[str, Column] = {}
    for column in chosen:
        declared = names.get(str(column), str(column))
        if column in schema.PRIVATE_COLUMNS or declared in INTERNAL_COLUMNS:
            continue
        spec = column_spec(declared)
        if spec is None:
            raise ValueError(
                f"column {column!r} is not declared: add it to ponti.tables.COLUMNS "
                "(public, with a column.* heading) or INTERNAL_COLUMNS"
            )
        kept[column] = spec
    replaced = {code for spec in kept.values() for code in spec.replaces}
    shown = [column for column in kept if column not in replaced]
    headings = [heading(names.get(column, column), lang) for column in shown]
    if len(set(headings)) != len(headings):
        raise ValueError(f"two columns would have the same heading: {headings}")
    return pd.DataFrame(
        {
            title: _raw_values(frame[column], kept[column], lang).reset_index(drop=True)
            for title, column in zip(headings, shown, strict=True)
        },
        index=pd.RangeIndex(len(frame)),
    )


def _joined(value: object) -> object:
    if isinstance(value, list | tuple | np.ndarray):
        return ", ".join(str(item) for item in value)
    return value


def _raw_values(values: pd.Series, spec: Column, lang: Lang) -> pd.Series:
    if spec.kind == "percent":
        return (pd.to_numeric(values, errors="coerce").astype("float64") * 100).round(1)
    if spec.kind == "year":
        return pd.to_numeric(values, errors="coerce").astype("Int64")
    if spec.kind == "date":
        dates = pd.to_datetime(values, errors="coerce")
        return dates.dt.tz_localize(None) if dates.dt.tz is not None else dates
    if spec.kind != "text" or pd.api.types.is_numeric_dtype(values):
        return values
    if spec.vocabulary is None:
        return values.map(_joined)
    vocabulary = spec.vocabulary
    return values.map(lambda v: _joined(_labelled(v, vocabulary, lang)))


def _labelled(value: object, vocabulary: str, lang: Lang) -> object:
    # A label already in lang is not a code, and label() returns it unchanged; a list of
    # codes (who may apply to a call) reads as the list of their labels.
    if isinstance(value, str):
        return i18n.label(vocabulary, value, lang)
    if isinstance(value, list | tuple | np.ndarray):
        return [i18n.label(vocabulary, str(item), lang) for item in value]
    return value


# -- for reading on screen ----------------------------------------------------------------
@lru_cache(maxsize=2)
def _year_headings(lang: Lang) -> frozenset[str]:
    return frozenset(
        t(f"column.{spec.heading}", lang) for spec in COLUMNS.values() if spec.kind == "year"
    )


def is_numeric_column(values: pd.Series) -> bool:
    """True for a column of numbers (not flags): right-aligned on screen, numeric in files."""
    return bool(pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values))


def is_datetime(values: pd.Series) -> bool:
    """True for a column of dates."""
    return bool(pd.api.types.is_datetime64_any_dtype(values))


def readable_table(table: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """A public table written the user's way for reading: 1.234,5 / 1,234.5, dates, "–"."""
    shown = table.copy()
    years = _year_headings(lang)
    for name in shown.columns:
        values = shown[name]
        if pd.api.types.is_bool_dtype(values):
            continue
        if name in years:
            # A year is written without thousands separators: "2019", never "2.019".
            shown[name] = values.map(lambda v: "–" if _missing(v) else str(int(v)))
        elif is_numeric_column(values):
            numbers = pd.to_numeric(values, errors="coerce").dropna()
            decimals = 0 if bool(numbers.mod(1).eq(0).all()) else 1
            shown[name] = values.map(lambda v, d=decimals: formats.format_number(v, lang, d))
        elif is_datetime(values):
            shown[name] = values.map(lambda v: formats.format_date(v, lang))
        else:
            shown[name] = values.map(lambda v: "–" if _missing(v) else v)
    return shown


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


# -- downloads ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Metadata:
    """What a download says about itself on its About sheet: (label, value) rows in lang."""

    lang: Lang
    rows: tuple[tuple[str, str], ...]


def describe_download(
    *,
    lang: Lang,
    version: VersionInfo | None,
    filters: Sequence[tuple[str, str]] | None,
    today: date,
) -> Metadata:
    """The About rows of a download: the filters in words, version, date, source, credits.

    ``filters`` holds (filter, chosen values) pairs; empty means no filter, None that the
    filters could not be described (their rows are then left out).
    """
    rows: list[tuple[str, str]] = []
    if filters is not None:
        if not filters:
            rows.append((t("download.filters", lang), t("download.filters.none", lang)))
        rows.extend((t("download.filter", lang, label=label), value) for label, value in filters)
    if version is None:
        rows.append((t("download.version", lang), t("provenance.empty", lang)))
    else:
        rows += [
            (t("download.version", lang), version.version_id),
            (t("download.version.date", lang), formats.format_date(version.created_at, lang)),
            (t("download.source", lang), provenance.version_source(version, lang)),
        ]
        if provenance.shows_demo_data(version):
            rows.append((t("download.demo", lang), t("demo.notice", lang)))
    rows += [
        (t("download.today", lang), formats.format_date(today, lang)),
        (t("download.credits", lang), t("attribution", lang)),
    ]
    return Metadata(lang=lang, rows=tuple(rows))


def download_name(stem: str, ext: str, today: date) -> str:
    """A file name that says what and when: ``ponti-funding-stages-2026-11-30.xlsx``."""
    return f"{stem}-{today.isoformat()}.{ext.lstrip('.')}"


def neutralise(value: object) -> object:
    """Text a spreadsheet would run as a formula, prefixed with ' (anything else unchanged)."""
    return formats.neutralise_formula(value)


def _neutralised(table: pd.DataFrame) -> pd.DataFrame:
    # Only text cells: a column of numbers holds no text, and -12.5 stays a number. Headings
    # too: some come from data (a column per funder, per country).
    safe = table.copy()
    safe.columns = pd.Index([neutralise(name) for name in safe.columns])
    for position in range(safe.shape[1]):
        values = safe.iloc[:, position]
        if not (pd.api.types.is_numeric_dtype(values) or is_datetime(values)):
            safe.isetitem(position, values.map(neutralise).array)
    return safe


def to_csv(table: pd.DataFrame, lang: Lang) -> bytes:
    """The table as CSV for a spreadsheet in lang: UTF-8 with BOM; Italian ";" and 1,5."""
    italian = lang == "it"
    text = _neutralised(table).to_csv(
        index=False,
        sep=";" if italian else ",",
        decimal="," if italian else ".",
        date_format="%Y-%m-%d",
        float_format="%.15g",
        # CRLF as RFC 4180 says; it also makes the writer quote a text holding a lone CR.
        lineterminator="\r\n",
    )
    return text.encode("utf-8-sig")


def to_xlsx(table: pd.DataFrame, *, metadata: Metadata) -> bytes:
    """The table as an Excel workbook: a data sheet of typed cells and an About sheet."""
    lang = metadata.lang
    data_sheet, about_sheet = t("download.sheet.data", lang), t("download.sheet.about", lang)
    safe = _neutralised(table)
    about = _neutralised(pd.DataFrame(list(metadata.rows), columns=["label", "value"]))
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, sheet_name=data_sheet, index=False)
        about.to_excel(writer, sheet_name=about_sheet, index=False, header=False)
        _shape_data_sheet(writer.sheets[data_sheet], safe, lang)
        _shape_about_sheet(writer.sheets[about_sheet], about)
    return buffer.getvalue()


def _number_format(values: pd.Series, heading_text: str, lang: Lang) -> str | None:
    if is_datetime(values):
        return _DATE_FORMATS[lang]
    if not is_numeric_column(values):
        return None
    if heading_text in _year_headings(lang):
        return "0"
    numbers = pd.to_numeric(values, errors="coerce").dropna()
    return "#,##0" if bool(numbers.mod(1).eq(0).all()) else "#,##0.0#"


def _width(values: pd.Series, heading_text: str) -> float:
    # Wide enough for the heading and the longest of the first rows, within bounds.
    cells = [len(str(v)) for v in values.head(500) if not _missing(v)]
    return float(min(max(len(heading_text) + 2, *(n + 2 for n in cells), _MIN_WIDTH), _MAX_WIDTH))


def _shape_data_sheet(sheet: Any, table: pd.DataFrame, lang: Lang) -> None:
    from openpyxl.utils import get_column_letter

    sheet.freeze_panes = "A2"
    for position in range(1, table.shape[1] + 1):
        values, name = table.iloc[:, position - 1], str(table.columns[position - 1])
        number_format = _number_format(values, name, lang)
        if number_format is not None:
            for (cell,) in sheet.iter_rows(
                min_row=2, max_row=len(table) + 1, min_col=position, max_col=position
            ):
                cell.number_format = number_format
        width = max(len(name) + 2, 12) if is_datetime(values) else _width(values, name)
        sheet.column_dimensions[get_column_letter(position)].width = width
    if table.shape[1]:
        sheet.auto_filter.ref = sheet.dimensions


def _shape_about_sheet(sheet: Any, about: pd.DataFrame) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.column_dimensions["A"].width = _width(about["label"], "")
    sheet.column_dimensions["B"].width = 100
    for row in sheet.iter_rows(min_row=1, max_row=len(about)):
        row[0].font = Font(bold=True)
        row[0].alignment = Alignment(vertical="top")
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
