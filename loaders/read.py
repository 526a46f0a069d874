"""Read a CSV or XLSX file into a frame of stripped strings, keeping the row numbers the
user sees in a spreadsheet (header = row 1, first data row = 2).

Nothing is guessed here: every cell stays text, so "058091" keeps its zero and "12.000"
is not yet a number. Problems with the file itself become issues, never exceptions.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from loaders.messages import make_issue
from loaders.normalise import canonical_header, kind_from_name
from loaders.report import Issue
from ponti.schema import KINDS

UNSUPPORTED_SUFFIXES = frozenset(
    {
        ".xls",
        ".ods",
        ".numbers",
        ".pdf",
        ".doc",
        ".docx",
        ".json",
        ".xml",
        ".zip",
        ".parquet",
        ".png",
        ".jpg",
        ".jpeg",
    }
)
# Sheets that hold instructions or vocabularies rather than data (templates often have one).
_SIDE_SHEETS = re.compile(
    r"istruzion|instruction|legenda|legend|readme|leggimi|vocabolar|vocabular|elenchi|lists"
)
_MOJIBAKE = re.compile(r"Ã[\u0080-\u00bf]|Â[\u00a0-\u00bf]|â€")
_SEPARATORS = (",", ";", "\t")
_INVISIBLE = "\ufeff\u200b"


@dataclass
class RawTable:
    """A file's cells as text: columns are the headers as written (they may repeat or be
    blank), the index holds the row numbers the user sees."""

    frame: pd.DataFrame
    format: str
    encoding: str | None = None
    separator: str | None = None
    sheet: str | None = None
    # Rows with more values than headers: their cells are probably shifted, so validation
    # reports the row once ("extra-cells") instead of every misplaced value.
    shifted: frozenset[int] = frozenset()


def _clean(cell: str) -> str:
    return cell.strip().strip(_INVISIBLE).strip()


def read_table(
    path: Path,
    *,
    kind: str | None = None,
    file: str | None = None,
    data: bytes | None = None,
) -> tuple[RawTable | None, list[Issue]]:
    """Read one CSV/XLSX file; None (with issues saying why) when nothing can be read.

    ``data`` is the file's content when it is not on disk (an upload): ``path`` then only
    gives its name and extension."""
    name = file or path.name
    if data is None:
        if not path.exists():
            return None, [make_issue("file-not-found", file=name)]
        if path.is_dir():
            return None, [make_issue("file-is-directory", file=name)]
        try:
            data = path.read_bytes()
        except OSError as exc:
            return None, [make_issue("file-unreadable", file=name, reason=exc.strerror or exc)]
    if not data.strip():
        return None, [make_issue("file-empty", file=name)]
    suffix = path.suffix.lower()
    if data[:4] == b"PK\x03\x04" and suffix not in UNSUPPORTED_SUFFIXES:
        return _read_xlsx(data, name, kind)
    if suffix in UNSUPPORTED_SUFFIXES or data[:4] == b"\xd0\xcf\x11\xe0":
        return None, [make_issue("file-unsupported", file=name, ext=suffix or "?")]
    return _read_csv(data, name)


# ---------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------
def _decode(data: bytes, name: str) -> tuple[str | None, str, list[Issue]]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text" export.
        return data.decode("utf-16"), "UTF-16", []
    if b"\x00" in data[:4096]:
        return None, "", [make_issue("file-binary", file=name)]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        issues = []
        if m := _MOJIBAKE.search(text):
            start = max(0, m.start() - 10)
            sample = text[start : m.end() + 10].replace("\n", " ").strip()
            issues.append(make_issue("encoding-mojibake", file=name, value=sample))
        return text, "UTF-8", issues
    # Not UTF-8: Excel on Windows saves "CSV" in Windows-1252; Latin-1 never fails.
    for codec, label in (("cp1252", "Windows-1252"), ("latin-1", "Latin-1")):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        return text, label, [make_issue("encoding-fallback", file=name, encoding=label)]
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _count_outside_quotes(line: str, sep: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == sep and not quoted:
            count += 1
    return count


def _sniff_separator(text: str) -> tuple[str, str]:
    """The separator (",", ";" or tab) and the text without an Excel "sep=" line."""
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if re.fullmatch(r"sep=.", first.strip(), re.IGNORECASE):
        sep = first.strip()[-1]
        return sep, text.split("\n", 1)[1] if "\n" in text else ""
    # The header line decides: it has no quoted commas in practice and names every column.
    counts = {sep: _count_outside_quotes(first, sep) for sep in _SEPARATORS}
    best = max(_SEPARATORS, key=lambda s: counts[s])
    return (best if counts[best] else ","), text


def _read_csv(data: bytes, name: str) -> tuple[RawTable | None, list[Issue]]:
    text, encoding, issues = _decode(data, name)
    if text is None:
        return None, issues
    sep, text = _sniff_separator(text)
    try:
        rows = [
            [_clean(c) for c in row]
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=sep)
        ]
    except csv.Error as exc:
        return None, [*issues, make_issue("file-unreadable", file=name, reason=str(exc))]
    table, more = _table(rows, name, strict_width=True, sep=sep)
    if table is not None:
        table.format, table.encoding, table.separator = "csv", encoding, sep
    return table, issues + more


# ---------------------------------------------------------------------------------------
# XLSX
# ---------------------------------------------------------------------------------------
def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        text = repr(value)
        if "e" in text:
            text = f"{value:f}".rstrip("0")
        # "12.345" would read as twelve thousand (normalise.parse_number's thousands rule);
        # a trailing zero keeps a real three-decimal number a decimal.
        if re.fullmatch(r"-?[0-9]{1,3}\.[0-9]{3}", text):
            text += "0"
        return text
    return _clean(str(value))


def _read_xlsx(data: bytes, name: str, kind: str | None) -> tuple[RawTable | None, list[Issue]]:
    import openpyxl  # deferred: only Excel files pay for the import

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        return None, [make_issue("xlsx-broken", file=name, reason=type(exc).__name__)]
    except Exception as exc:  # openpyxl raises many exception types on damaged files
        return None, [make_issue("xlsx-broken", file=name, reason=type(exc).__name__)]
    try:
        names = list(book.sheetnames)
        order = []
        if kind is not None:
            order += [n for n in names if kind_from_name(n) == kind]
        order += [n for n in names if not _SIDE_SHEETS.search(n.lower()) and n not in order]
        order += [n for n in names if n not in order]
        for sheet in order:
            rows = [[_cell_text(v) for v in row] for row in book[sheet].iter_rows(values_only=True)]
            if any(any(row) for row in rows):
                table, issues = _table(rows, name, strict_width=False, sep=None)
                if table is not None:
                    table.format, table.sheet = "xlsx", sheet
                return table, issues
    except Exception as exc:  # a damaged sheet must become an issue, not a traceback
        return None, [make_issue("xlsx-broken", file=name, reason=type(exc).__name__)]
    finally:
        book.close()
    return None, [make_issue("file-empty", file=name)]


# ---------------------------------------------------------------------------------------
# Rows -> table
# ---------------------------------------------------------------------------------------
_HEADER_SEARCH_ROWS = 10


def _known_headers(row: list[str]) -> int:
    return sum(any(canonical_header(kind, cell) for kind in KINDS) for cell in row if cell)


def _find_header(rows: list[list[str]]) -> int | None:
    """The header row: normally the first non-empty row, but exports (ISTAT's among them)
    often put a title or notes above it, so among the first rows the one naming the most
    known columns wins when it names at least two."""
    filled = [i for i, row in enumerate(rows) if any(row)][:_HEADER_SEARCH_ROWS]
    if not filled:
        return None
    scores = [(_known_headers(rows[i]), -i) for i in filled]
    best, position = max(scores)
    return -position if best >= 2 else filled[0]


def _table(
    rows: list[list[str]], name: str, *, strict_width: bool, sep: str | None
) -> tuple[RawTable | None, list[Issue]]:
    header_at = _find_header(rows)
    if header_at is None:
        return None, [make_issue("file-empty", file=name)]
    header = list(rows[header_at])
    while header and not header[-1]:
        header.pop()
    width = len(header)
    if not strict_width:
        # In a spreadsheet a column with values but no header is still a column:
        # keep it so validation can say "column 7 has no header".
        width = max([width] + [max((i + 1 for i, c in enumerate(r) if c), default=0) for r in rows])
        header += [""] * (width - len(header))
    issues: list[Issue] = []
    body: list[list[str]] = []
    numbers: list[int] = []
    shifted: set[int] = set()
    for offset, row in enumerate(rows[header_at + 1 :]):
        if not any(row):
            continue
        number = header_at + 2 + offset
        if len(row) > width:
            extra = [c for c in row[width:] if c]
            if extra:
                shifted.add(number)
                issues.append(
                    make_issue(
                        "extra-cells",
                        file=name,
                        row=number,
                        value=" | ".join(extra),
                        extra=", ".join(f"'{c}'" for c in extra[:3]),
                        sep=sep or ",",
                    )
                )
            row = row[:width]
        elif len(row) < width:
            row = row + [""] * (width - len(row))
        body.append(row)
        numbers.append(number)
    if not body:
        return None, [make_issue("header-only", file=name)]
    frame = pd.DataFrame(body, columns=header, index=pd.Index(numbers, name="row"), dtype=str)
    return RawTable(frame=frame, format="", shifted=frozenset(shifted)), issues
