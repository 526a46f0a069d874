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
import warnings
import zipfile
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from loaders import guard, limits
from loaders.messages import make_issue
from loaders.normalise import canonical_header, kind_from_name
from loaders.raw import RawTable
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
        ".zip",
        ".parquet",
        ".png",
        ".jpg",
        ".jpeg",
    }
)
# IATI activity files (loaders.iati reads them into projects' cells).
IATI_SUFFIXES = frozenset({".xml"})
# Sheets that hold instructions or vocabularies rather than data (templates often have one).
_SIDE_SHEETS = re.compile(
    r"istruzion|instruction|legenda|legend|readme|leggimi|vocabolar|vocabular|elenchi|lists"
)
_MOJIBAKE = re.compile(r"Ã[\u0080-\u00bf]|Â[\u00a0-\u00bf]|â€")
# The same as _MOJIBAKE, in the UTF-8 bytes of those characters (Ã is C3 83, U+0080..U+00BF
# are C2 80..C2 BF, Â is C3 82, U+00A0..U+00BF are C2 A0..C2 BF, â€ is C3 A2 E2 82 AC).
_MOJIBAKE_BYTES = re.compile(
    rb"\xc3\x83\xc2[\x80-\xbf]|\xc3\x82\xc2[\xa0-\xbf]|\xc3\xa2\xe2\x82\xac"
)
_SEPARATORS = (",", ";", "\t")
_INVISIBLE = "\ufeff\u200b"


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
            # The size is checked before a byte is read (limits.MAX_FILE_BYTES).
            if (size := path.stat().st_size) > limits.MAX_FILE_BYTES:
                return None, [_too_large(size, name)]
            data = path.read_bytes()
        except OSError as exc:
            return None, [make_issue("file-unreadable", file=name, reason=exc.strerror or exc)]
    if len(data) > limits.MAX_FILE_BYTES:
        return None, [_too_large(len(data), name)]
    if not data.strip():
        return None, [make_issue("file-empty", file=name)]
    suffix = path.suffix.lower()
    if suffix in IATI_SUFFIXES:
        from loaders.iati import read_iati  # deferred: iati imports this module

        return read_iati(data, name)
    if data[:4] == b"PK\x03\x04" and suffix not in UNSUPPORTED_SUFFIXES:
        return _read_xlsx(data, name, kind, suffix)
    if suffix in UNSUPPORTED_SUFFIXES:
        return None, [make_issue("file-unsupported", file=name, ext=suffix or "?")]
    if (actual := guard.sniff_format(data)) is not None:
        # An .xls, a PDF or an archive renamed .csv: say what it is, not "not a CSV".
        return None, [guard.disguised(actual, file=name, ext=suffix)]
    return _read_csv(data, name)


def _too_large(size: int, name: str) -> Issue:
    return make_issue(
        "file-too-large",
        file=name,
        size=limits.megabytes(size),
        limit=limits.megabytes(limits.MAX_FILE_BYTES),
    )


# ---------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------
class _Decoded(NamedTuple):
    """A file's text (None when it cannot be read), the encoding it was read in, the issues
    of decoding it, and whether it was all UTF-8 (then its bytes are the text's as UTF-8
    writes it, with a byte-order mark at most: what is searched in one is in the other)."""

    text: str | None
    encoding: str
    issues: list[Issue]
    utf8: bool = False


def _decode(data: bytes, name: str) -> _Decoded:
    """The file's text, the encoding it was read in and the issues of decoding it.

    Bytes that are not UTF-8 in a file that is otherwise UTF-8 (pieced together from two
    encodings, or one stray byte) are kept as "surrogateescape" stand-ins, which
    guard.check_cells reports cell by cell; a file with no UTF-8 at all is Windows-1252
    (Excel's "CSV" on Windows), which _read_csv says with examples."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text" export.
        try:
            return _Decoded(data.decode("utf-16"), "UTF-16", [])
        except UnicodeDecodeError as exc:
            issue = make_issue("encoding-truncated", file=name, reason=exc.reason)
            return _Decoded(None, "", [issue])
    if b"\x00" in data[:4096]:
        utf16 = _decode_utf16_without_bom(data, name)
        if utf16 is not None:
            return utf16
        # A few NUL bytes in a text file: read on; guard.check_cells names their cells.
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        issues = []
        # The bytes are searched first (tens of times faster than the text): the text
        # holds mojibake exactly when its UTF-8 bytes hold the bytes of it.
        if _MOJIBAKE_BYTES.search(data) and (m := _MOJIBAKE.search(text)):
            start = max(0, m.start() - 10)
            sample_text = text[start : m.end() + 10].replace("\n", " ").strip()
            issues.append(make_issue("encoding-mojibake", file=name, value=sample_text))
        return _Decoded(text, "UTF-8", issues, utf8=True)
    if _UTF8_SEQUENCE.search(data) is None:
        try:
            return _Decoded(data.decode("cp1252"), "Windows-1252", [])
        except UnicodeDecodeError:
            pass  # bytes Windows-1252 does not define: not Windows-1252 either
    return _Decoded(data.decode("utf-8-sig", "surrogateescape"), "UTF-8", [])


# A character of two to four bytes as UTF-8 writes it: a file holding some is UTF-8.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _decode_utf16_without_bom(data: bytes, name: str) -> _Decoded | None:
    """A file with NUL bytes early on: UTF-16 without a byte-order mark (read, with a
    warning), binary (refused), or None: text with a few NULs, read on."""
    if (order := _utf16_order(data)) is not None:
        try:
            text = data.decode(order)
        except UnicodeDecodeError:
            pass
        else:
            label = "little-endian" if order.endswith("le") else "big-endian"
            issue = make_issue("encoding-utf16-no-bom", file=name, order=label)
            return _Decoded(text, "UTF-16", [issue])
    sample = data[:4096]
    controls = sum(sample.count(bytes([c])) for c in range(32) if c not in (9, 10, 13))
    if controls * 10 > len(sample):
        return _Decoded(None, "", [make_issue("file-binary", file=name)])
    return None


def _utf16_order(data: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" for UTF-16 text without a byte-order mark: mostly ASCII,
    so every other byte is zero."""
    sample = data[: 4096 - 4096 % 2] if len(data) >= 4096 else data[: len(data) - len(data) % 2]
    half = len(sample) // 2
    if half < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


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
    # The first line with something on it, found without splitting the whole file.
    start = re.search(r"\S", text)
    at = start.start() if start else 0
    end = re.compile(r"[\r\n]").search(text, at)
    first = text[text.rfind("\n", 0, at) + 1 : end.start() if end else len(text)]
    if re.fullmatch(r"sep=.", first.strip(), re.IGNORECASE):
        sep = first.strip()[-1]
        return sep, text.split("\n", 1)[1] if "\n" in text else ""
    # The header line decides: it has no quoted commas in practice and names every column.
    counts = {sep: _count_outside_quotes(first, sep) for sep in _SEPARATORS}
    best = max(_SEPARATORS, key=lambda s: counts[s])
    return (best if counts[best] else ","), text


def _read_csv(data: bytes, name: str) -> tuple[RawTable | None, list[Issue]]:
    text, encoding, issues, utf8 = _decode(data, name)
    if text is None:
        return None, issues
    sep, body = _sniff_separator(text)
    # A "sep=" line taken off shifts the file's line numbers by one.
    line_offset = 0 if len(body) == len(text) else 1
    suspect = guard.SUSPECT.search(body) is not None
    if utf8 and not suspect:
        fast = _plain_csv_table(body, sep)
        if fast is not None:
            fast.format, fast.encoding, fast.separator = "csv", encoding, sep
            return fast, issues
    rows, spans, refused = _csv_rows(body, sep, name)
    if refused is not None:
        return None, [*issues, refused]
    header_at = _find_header(rows)
    quoted, merged = _quote_issues(rows, spans, body, sep, header_at, name, line_offset)
    issues += quoted
    if suspect or len(body) > limits.MAX_CELL_CHARS:
        issues += _cell_issues(guard.check_cells(rows, scan=suspect), rows, header_at, name)
    if encoding == "Windows-1252":
        en, it = _examples(rows, header_at)
        issues.append(
            make_issue(
                "encoding-fallback", file=name, encoding=encoding, examples_en=en, examples_it=it
            )
        )
    table, more = _table(rows, name, strict_width=True, sep=sep)
    if table is not None:
        table.format, table.encoding, table.separator = "csv", encoding, sep
        table.shifted = table.shifted | merged
    return table, issues + more


# Cells may hold up to a whole file's text, so that an over-long cell is read and reported
# with its row and column (guard.check_cells) instead of stopping the csv module.
csv.field_size_limit(max(csv.field_size_limit(), limits.MAX_FILE_BYTES))


def _csv_rows(
    text: str, sep: str, name: str
) -> tuple[list[list[str]], list[tuple[int, int]], Issue | None]:
    """The records as stripped cells, the lines each spans, and the issue that stopped the
    reading (limits on rows, columns and cells are checked as the rows come)."""
    rows: list[list[str]] = []
    spans: list[tuple[int, int]] = []
    cells = line = 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    # Without a byte-order mark or zero-width space anywhere, cleaning a cell is only
    # str.strip (neither character is whitespace to it): one C call per row, not 3 per cell.
    invisible = any(char in text for char in _INVISIBLE)
    try:
        for row in reader:
            number = len(rows) + 1
            if number > limits.MAX_ROWS:
                return rows, spans, _limit_issue("too-many-rows", name, number, limits.MAX_ROWS)
            if len(row) > limits.MAX_COLUMNS:
                return (
                    rows,
                    spans,
                    make_issue(
                        "too-many-columns",
                        file=name,
                        row=number,
                        n=len(row),
                        limit=limits.MAX_COLUMNS,
                    ),
                )
            cells += len(row)
            if cells > limits.MAX_CELLS:
                return rows, spans, _limit_issue("too-many-cells", name, number, limits.MAX_CELLS)
            rows.append([_clean(c) for c in row] if invisible else list(map(str.strip, row)))
            spans.append((line + 1, reader.line_num))
            line = reader.line_num
    except csv.Error as exc:
        reason = str(exc)
        return (
            rows,
            spans,
            make_issue("file-unreadable", file=name, row=len(rows) + 1, reason=reason),
        )
    return rows, spans, None


# What str.strip takes off a cell's ends (every character str.isspace calls whitespace),
# for Arrow's trim, which strips the characters it is given.
# (tests/test_loaders_speed_equivalence.py checks the list against str.isspace.)
_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_STRING_DTYPE = pd.StringDtype(na_value=np.nan)  # what pd.DataFrame(..., dtype=str) gives


def _plain_csv_table(text: str, sep: str) -> RawTable | None:
    """A plain CSV file's table read by Arrow's CSV reader, in a fraction of the time the
    csv module and a frame of Python lists take; None when the file is not plain, and then
    the csv module reads it (_csv_rows), with every issue it may have.

    Plain: one record per line (no line break inside a cell, no blank line), as many cells
    in every record, an even number of double quotes, no zero-width or control character,
    within the limits on rows, columns, cells and cell length. On such a file Arrow's
    reader gives the csv module's cells (tests/test_loaders_speed_equivalence.py compares
    them), and none of the issues found while reading (quotes merging rows, extra cells,
    limits, characters) can arise, so the table is _table's without the rows as lists."""
    columns = _arrow_cells(text, sep)
    if columns is None:
        return None
    records = len(columns[0])
    empty = np.ones(records, dtype=bool)
    for column in columns:
        empty &= pc.equal(column, "").to_numpy(zero_copy_only=False)
    filled = np.flatnonzero(~empty)
    head = [[column[int(i)].as_py() for column in columns] for i in filled[:_HEADER_SEARCH_ROWS]]
    if not head:
        return None
    header_at = int(filled[_find_header(head) or 0])
    header = [column[header_at].as_py() for column in columns]
    while header and not header[-1]:
        header.pop()
    width = len(header)
    below = np.flatnonzero(~empty[header_at + 1 :]) + header_at + 1
    if not len(below):
        return None  # no data row: _table says so
    if below[-1] - below[0] + 1 == len(below):
        kept = [column.slice(int(below[0]), len(below)) for column in columns]  # no gaps
    else:
        take = pa.array(below)
        kept = [column.take(take) for column in columns]
    if any(pc.any(pc.not_equal(column, "")).as_py() for column in kept[width:]):
        return None  # cells past the last header: _table reports them as extra cells
    frame = pd.DataFrame(
        {i: pd.array(column, dtype=_STRING_DTYPE) for i, column in enumerate(kept[:width])},
        index=pd.Index(below + 1, name="row"),
    )
    frame.columns = pd.Index(header)
    return RawTable(frame=frame, format="")


def _arrow_cells(text: str, sep: str) -> list[pa.ChunkedArray] | None:
    """A plain file's columns of stripped cells (every record, blank ones too, header
    included) as Arrow reads them; None when the file is not plain (see _plain_csv_table)."""
    if not sep.isascii() or sep in '"\r\n':
        return None  # Arrow's separator is one byte, and not a quote or a line break
    if not text or text[0] in "\r\n" or any(b in text for b in ("\n\n", "\r\r", "\n\r")):
        return None  # a blank line is a record to the csv module and counts in row numbers
    if text.count('"') % 2 or any(char in text for char in _INVISIBLE):
        return None
    first = next(csv.reader(io.StringIO(text, newline=""), delimiter=sep), None)
    if not first or len(first) > limits.MAX_COLUMNS:
        return None
    names = [f"c{i}" for i in range(len(first))]
    try:
        read = pa_csv.read_csv(
            io.BytesIO(text.encode("utf-8")),
            read_options=pa_csv.ReadOptions(column_names=names),
            parse_options=pa_csv.ParseOptions(
                delimiter=sep,
                quote_char='"',
                double_quote=True,
                escape_char=False,
                newlines_in_values=True,
                ignore_empty_lines=False,
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                null_values=[],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None  # records of different lengths, or something else to read slowly
    records = read.num_rows
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    if breaks != records - (0 if text.endswith(("\n", "\r")) else 1):
        return None  # a cell holds a line break: the csv module says which lines it spans
    if records > limits.MAX_ROWS or records * len(names) > limits.MAX_CELLS:
        return None
    columns = [pc.utf8_trim(column, _WHITESPACE) for column in read.columns]
    if len(text) > limits.MAX_CELL_CHARS and any(
        (pc.max(pc.utf8_length(column)).as_py() or 0) > limits.MAX_CELL_CHARS for column in columns
    ):
        return None
    return columns


def _limit_issue(key: str, name: str, row: int, limit: int) -> Issue:
    return make_issue(key, file=name, row=row, limit=limits.spaced(limit), value=None)


def _quote_issues(
    rows: list[list[str]],
    spans: list[tuple[int, int]],
    text: str,
    sep: str,
    header_at: int | None,
    name: str,
    line_offset: int,
) -> tuple[list[Issue], frozenset[int]]:
    """Cells that swallowed whole rows because a double quote opened them and was closed
    too late (or never): the record's first line already holds a whole row's separators
    and so does a later line of it.

    A cell may legitimately hold line breaks (a summary in several paragraphs): then the
    first line ends inside the row, so only row-like lines, or a quote still open at the
    end of the file, are reported."""
    issues: list[Issue] = []
    merged: set[int] = set()
    full = (len(rows[header_at]) if header_at is not None else 0) - 1
    open_at_end = text.count('"') % 2 == 1
    lines: list[str] | None = None
    for i, (start, end) in enumerate(spans):
        if end == start:
            continue
        if lines is None:
            # Split as the csv module counts lines (reader.line_num).
            lines = re.split(r"\r\n|\r|\n", text)
        at_end = open_at_end and i == len(rows) - 1
        row_like = (
            full > 0
            and lines[start - 1].count(sep) >= full
            and any(lines[k - 1].count(sep) >= full for k in range(start + 1, end + 1))
        )
        if not (row_like or at_end):
            continue
        for j, cell in enumerate(rows[i]):
            if "\n" not in cell and "\r" not in cell:
                continue
            key = "unterminated-quote" if at_end else "quote-merges-rows"
            issues.append(
                make_issue(
                    key,
                    file=name,
                    row=i + 1,
                    field=_field_name(rows, header_at, i, j),
                    value=cell,
                    start=start + line_offset,
                    end=end + line_offset,
                )
            )
            merged.add(i + 1)
            break
    return issues, frozenset(merged)


def _field_name(rows: list[list[str]], header_at: int | None, i: int, j: int) -> str:
    """The header of column j for a cell of row i, else the column's letter."""
    header = rows[header_at] if header_at is not None and i > header_at else []
    return header[j] if j < len(header) and header[j] else _column_letter(j)


def _column_letter(position: int) -> str:
    letters, n = "", position + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _cell_issues(
    problems: list[guard.CellProblem], rows: list[list[str]], header_at: int | None, name: str
) -> list[Issue]:
    return [
        make_issue(
            p.key,
            file=name,
            row=p.row + 1,
            field=_field_name(rows, header_at, p.row, p.column),
            value=p.value,
            **p.params,
        )
        for p in problems
    ]


def _examples(rows: list[list[str]], header_at: int | None) -> tuple[str, str]:
    """A few cells with accented letters, quoted in the encoding warning (English, Italian)
    so that the user can check them."""
    found: list[tuple[int, str, str]] = []
    for i, row in enumerate(rows):
        cell = next((j for j, c in enumerate(row) if not c.isascii()), None)
        if cell is not None:
            text = row[cell] if len(row[cell]) <= 40 else row[cell][:39] + "…"
            found.append((i + 1, _field_name(rows, header_at, i, cell), text))
        if len(found) == 3:
            break
    if not found:
        return "", ""
    return (
        " (check e.g. " + "; ".join(f"row {r}, '{f}': '{t}'" for r, f, t in found) + ")",
        " (controlla ad es. " + "; ".join(f"riga {r}, '{f}': '{t}'" for r, f, t in found) + ")",
    )


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
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)  # "inf", "nan": refused by the number parsers, never stored
        if value.is_integer():
            # Whole however large (1e20 members): the range checks see every digit.
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


def _read_xlsx(
    data: bytes, name: str, kind: str | None, suffix: str = ".xlsx"
) -> tuple[RawTable | None, list[Issue]]:
    # Sizes, parts and what the zip holds are checked before openpyxl parses any XML.
    refused = guard.check_workbook_zip(data, file=name, ext=suffix)
    if refused:
        return None, refused
    import openpyxl  # deferred: only Excel files pay for the import

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        return None, [make_issue("xlsx-broken", file=name, reason=type(exc).__name__)]
    except Exception as exc:  # openpyxl raises many exception types on damaged files
        return None, [make_issue("xlsx-broken", file=name, reason=type(exc).__name__)]
    try:
        with warnings.catch_warnings():
            # openpyxl warns (on stderr) about what the report already says, e.g. a date
            # cell out of range, which it reads as an error value.
            warnings.simplefilter("ignore", UserWarning)
            return _read_book(book, data, name, kind)
    except Exception as exc:  # a damaged sheet must become an issue, not a traceback
        return None, [make_issue("xlsx-broken", file=name, reason=type(exc).__name__)]
    finally:
        book.close()


def _read_book(
    book: Any, data: bytes, name: str, kind: str | None
) -> tuple[RawTable | None, list[Issue]]:
    for sheet in book.worksheets:
        # The range each sheet declares, before any of its rows is read.
        too_large = guard.sheet_too_large(
            sheet.title,
            getattr(sheet, "max_row", None),
            getattr(sheet, "max_column", None),
            file=name,
        )
        if too_large is not None:
            return None, [too_large]
    names = list(book.sheetnames)
    order = []
    if kind is not None:
        order += [n for n in names if kind_from_name(n) == kind]
    order += [n for n in names if not _SIDE_SHEETS.search(n.lower()) and n not in order]
    order += [n for n in names if n not in order]
    heads: dict[str, list[list[str]]] = {}
    chosen = first_filled = None
    for sheet in order:
        heads[sheet] = _sheet_head(book[sheet])
        if not heads[sheet]:
            continue
        first_filled = first_filled or sheet
        if _header_score(heads[sheet]) >= 2:
            chosen = sheet
            break
    chosen = chosen or first_filled
    if chosen is None:
        return None, [make_issue("file-empty", file=name)]
    issues = _skipped_sheets(book, names, chosen, heads, name)
    rows, refused = _sheet_rows(book[chosen], name)
    if refused is not None:
        return None, [refused]
    header_at = _find_header(rows)
    part = getattr(book[chosen], "_worksheet_path", None)
    for formula in guard.formulas_without_values(data, part) if part else []:
        issues.append(
            make_issue(
                "formula-without-value",
                file=name,
                row=formula.row,
                field=_field_name(rows, header_at, formula.row - 1, formula.column),
                formula=formula.formula[:60],
            )
        )
    issues += _cell_issues(guard.check_cells(rows), rows, header_at, name)
    table, more = _table(rows, name, strict_width=False, sep=None)
    if table is not None:
        table.format, table.sheet = "xlsx", chosen
    return table, issues + more


_HEAD_SCAN_ROWS = 200


def _sheet_head(sheet: Any) -> list[list[str]]:
    """The first non-empty rows of a sheet (as many as the header search looks at)."""
    sheet.reset_dimensions()  # stream the rows there are, not the range declared
    head: list[list[str]] = []
    for n, values in enumerate(sheet.iter_rows(values_only=True)):
        if n >= _HEAD_SCAN_ROWS or len(head) >= _HEADER_SEARCH_ROWS:
            break
        texts = [_cell_text(v) for v in values[: limits.MAX_COLUMNS]]
        if any(texts):
            head.append(texts)
    return head


def _header_score(head: list[list[str]]) -> int:
    return max((_known_headers(row) for row in head), default=0)


def _skipped_sheets(
    book: Any, names: list[str], chosen: str, heads: dict[str, list[list[str]]], name: str
) -> list[Issue]:
    """A warning naming the sheets before the one read that hold something but no column
    Ponti knows (a notes sheet before the data): they were not read."""
    skipped = []
    for sheet in names[: names.index(chosen)]:
        if _SIDE_SHEETS.search(sheet.lower()):
            continue
        if sheet not in heads:
            heads[sheet] = _sheet_head(book[sheet])
        if heads[sheet]:
            skipped.append(sheet)
    if not skipped:
        return []
    listed = ", ".join(f"'{s}'" for s in skipped)
    many = len(skipped) > 1
    return [
        make_issue(
            "sheet-chosen",
            file=name,
            sheet=chosen,
            skipped=f"the sheets {listed}" if many else f"the sheet {listed}",
            skipped_it=f"i fogli {listed}" if many else f"il foglio {listed}",
            were="were" if many else "was",
            were_it="hanno" if many else "ha",
            read_it="sono stati letti" if many else "è stato letto",
        )
    ]


def _sheet_rows(sheet: Any, name: str) -> tuple[list[list[str]], Issue | None]:
    """Every row of a sheet as text, streamed; rows, columns and cells are counted as they
    come and the reading stops at the first limit passed."""
    sheet.reset_dimensions()
    rows: list[list[str]] = []
    cells = 0
    values_of = iter(sheet.iter_rows(values_only=True))
    while True:
        number = len(rows) + 1
        try:
            values = next(values_of, None)
        except Exception as exc:  # a value openpyxl cannot convert (a date past 9999)
            return rows, make_issue(
                "xlsx-row-unreadable",
                file=name,
                row=number,
                sheet=sheet.title,
                reason=f"{type(exc).__name__}: {exc}"[:120],
            )
        if values is None:
            return rows, None
        if number > limits.MAX_ROWS:
            return rows, _limit_issue("too-many-rows", name, number, limits.MAX_ROWS)
        width = len(values)
        while width and values[width - 1] is None:
            width -= 1
        if width > limits.MAX_COLUMNS:
            return rows, make_issue(
                "too-many-columns", file=name, row=number, n=width, limit=limits.MAX_COLUMNS
            )
        cells += width
        if cells > limits.MAX_CELLS:
            return rows, _limit_issue("too-many-cells", name, number, limits.MAX_CELLS)
        rows.append([_cell_text(v) for v in values[:width]])


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
