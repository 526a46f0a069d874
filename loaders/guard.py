"""Checks that protect the readers from hostile and damaged files before they do the work:
what a file really is (an .xls or a PDF renamed .csv), whether a workbook's zip declares
more than Ponti reads, which cells of a workbook hold formulas without saved results, and
which cells hold characters no spreadsheet types (NUL, control characters, bytes that are
not UTF-8) or more text than a cell may hold.

Every check returns issues or plain facts; loaders.read turns them into its result.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree

from loaders import limits
from loaders.messages import make_issue
from loaders.report import Issue

# -- what a file really is ----------------------------------------------------------------
_OPEN_AS_XLSX_EN = (
    "Open it in Excel or LibreOffice and save it as 'Excel Workbook (.xlsx)' or 'CSV UTF-8'."
)
_OPEN_AS_XLSX_IT = (
    "Aprilo con Excel o LibreOffice e salvalo come 'Cartella di lavoro di Excel (.xlsx)' o "
    "'CSV UTF-8'."
)


@dataclass(frozen=True)
class _Format:
    actual: str
    actual_it: str
    fix_en: str = _OPEN_AS_XLSX_EN
    fix_it: str = _OPEN_AS_XLSX_IT


OLD_EXCEL = _Format(
    "an old Excel workbook (.xls) or another Office 97-2003 file",
    "una vecchia cartella di lavoro Excel (.xls) o un altro file di Office 97-2003",
)
PDF = _Format(
    "a PDF document",
    "un documento PDF",
    "A PDF cannot be imported: export the table as .xlsx or 'CSV UTF-8' from the program "
    "that made the PDF, or copy it into a spreadsheet.",
    "Un PDF non può essere importato: esporta la tabella come .xlsx o 'CSV UTF-8' dal "
    "programma che ha creato il PDF, o copiala in un foglio di calcolo.",
)
ZIP = _Format(
    "a ZIP archive",
    "un archivio ZIP",
    "Unpack it and load the CSV or .xlsx files it holds.",
    "Estrai l'archivio e carica i file CSV o .xlsx che contiene.",
)
ODS = _Format("an OpenDocument spreadsheet (.ods)", "un foglio di calcolo OpenDocument (.ods)")
WORD = _Format(
    "a Word document",
    "un documento Word",
    "Copy the table into a spreadsheet and save it as .xlsx or 'CSV UTF-8'.",
    "Copia la tabella in un foglio di calcolo e salvalo come .xlsx o 'CSV UTF-8'.",
)
_ARCHIVE = _Format("a compressed archive", "un archivio compresso", ZIP.fix_en, ZIP.fix_it)
_IMAGE = _Format(
    "an image",
    "un'immagine",
    "An image of a table cannot be imported: load the spreadsheet it was taken from.",
    "L'immagine di una tabella non può essere importata: carica il foglio di calcolo da cui "
    "è stata presa.",
)
_HTML = _Format(
    "a web page (HTML)",
    "una pagina web (HTML)",
    "The download probably failed and saved an error page: download the file again, or "
    "save the table from a spreadsheet as .xlsx or 'CSV UTF-8'.",
    "Probabilmente lo scaricamento non è riuscito e ha salvato una pagina di errore: "
    "scarica di nuovo il file, o salva la tabella da un foglio di calcolo come .xlsx o "
    "'CSV UTF-8'.",
)
_XML = _Format(
    "an XML file",
    "un file XML",
    "If it is an IATI activity file, give it the extension .xml; otherwise save the table "
    "as .xlsx or 'CSV UTF-8'.",
    "Se è un file di attività IATI, dagli l'estensione .xml; altrimenti salva la tabella "
    "come .xlsx o 'CSV UTF-8'.",
)
_SPREADSHEET_XML = _Format(
    "an Excel 2003 XML spreadsheet", "un foglio di calcolo XML di Excel 2003"
)

_MAGIC: tuple[tuple[bytes, _Format], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLD_EXCEL),
    (b"%PDF", PDF),
    (b"PK\x05\x06", ZIP),
    (b"\x1f\x8b", _Format("a gzip file", "un file gzip", ZIP.fix_en, ZIP.fix_it)),
    (b"7z\xbc\xaf\x27\x1c", _ARCHIVE),
    (b"Rar!", _ARCHIVE),
    (b"\x89PNG", _IMAGE),
    (b"\xff\xd8\xff", _IMAGE),
    (b"GIF8", _IMAGE),
    (b"{\\rtf", _Format("an RTF document", "un documento RTF", WORD.fix_en, WORD.fix_it)),
    (b"PAR1", _Format("a Parquet file", "un file Parquet")),
    (b"SQLite format 3\x00", _Format("a database (SQLite)", "un database (SQLite)")),
)


def disguised(fmt: _Format, *, file: str, ext: str) -> Issue:
    """The issue for a file whose content is `fmt` whatever its name says."""
    return make_issue(
        "file-disguised",
        file=file,
        ext=ext or "?",
        actual=fmt.actual,
        actual_it=fmt.actual_it,
        fix_en=fmt.fix_en,
        fix_it=fmt.fix_it,
    )


def sniff_format(data: bytes) -> _Format | None:
    """What a file that is neither text nor a workbook is, from its first bytes."""
    for magic, fmt in _MAGIC:
        if data.startswith(magic):
            return fmt
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return _HTML
    if head.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        return _SPREADSHEET_XML
    if head.startswith((b"<?xml", b"<iati-activities")):
        return _XML
    return None


# -- a workbook's zip, before openpyxl opens it -------------------------------------------
_EOCD = b"PK\x05\x06"
_WORKBOOK_PART = re.compile(r"(?:^|/)workbook\d*\.xml$", re.IGNORECASE)
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$", re.IGNORECASE)
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s[^>]*ref=\"([^\"]+)\"")
_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData[\s>/]")
_HEAD_BYTES = 64 * 1024


def zip_entries(data: bytes) -> int | None:
    """The number of parts a zip's end record declares (None when there is no such record;
    zipfile then says the file is damaged). Read before zipfile builds a list of them all."""
    at = data.rfind(_EOCD, max(0, len(data) - 65_557))
    if at < 0 or at + 22 > len(data):
        return None
    total: int = struct.unpack_from("<H", data, at + 10)[0]
    return total


def _sheet_names(book: zipfile.ZipFile) -> dict[str, str]:
    """Sheet part ("xl/worksheets/sheet1.xml") -> the sheet's name, when the (small)
    workbook and relationship parts can be read."""
    try:
        infos = {i.filename: i for i in book.infolist()}
        wb_info = infos.get("xl/workbook.xml")
        rels_info = infos.get("xl/_rels/workbook.xml.rels")
        if wb_info is None or rels_info is None:
            return {}
        if max(wb_info.file_size, rels_info.file_size) > 1024 * 1024:
            return {}
        workbook = book.read(wb_info).decode("utf-8", "replace")
        rels = book.read(rels_info).decode("utf-8", "replace")
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError):
        return {}
    targets = {
        m[0]: m[1]
        for m in re.findall(r"<Relationship\b[^>]*?Id=\"([^\"]+)\"[^>]*?Target=\"([^\"]+)\"", rels)
    }
    targets |= {
        m[1]: m[0]
        for m in re.findall(r"<Relationship\b[^>]*?Target=\"([^\"]+)\"[^>]*?Id=\"([^\"]+)\"", rels)
    }
    names: dict[str, str] = {}
    for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
        name = re.search(r"\bname=\"([^\"]*)\"", tag)
        rid = re.search(r"\b\w+:id=\"([^\"]*)\"", tag)
        if name and rid and rid[1] in targets:
            target = targets[rid[1]].lstrip("/")
            part = target if target.startswith("xl/") else f"xl/{target}"
            names[part] = name[1]
    return names


def check_workbook_zip(data: bytes, *, file: str, ext: str) -> list[Issue]:
    """Refuse, before any XML is parsed, a workbook that declares more than Ponti reads
    (parts, unpacked size, a large sheet that does not declare its size) or a zip that
    is not a workbook at all. Nothing is unpacked beyond 64 KB of each sheet's start."""
    entries = zip_entries(data)
    if entries is not None and entries > limits.MAX_XLSX_PARTS:
        return [
            make_issue(
                "xlsx-too-many-parts",
                file=file,
                n=limits.spaced(entries),
                limit=limits.spaced(limits.MAX_XLSX_PARTS),
            )
        ]
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return []  # openpyxl says so (xlsx-broken)
    with book:
        infos = book.infolist()
        if len(infos) > limits.MAX_XLSX_PARTS:
            return [
                make_issue(
                    "xlsx-too-many-parts",
                    file=file,
                    n=limits.spaced(len(infos)),
                    limit=limits.spaced(limits.MAX_XLSX_PARTS),
                )
            ]
        names = [i.filename for i in infos]
        if not any(_WORKBOOK_PART.search(n) for n in names):
            return [disguised(_zip_kind(book, names), file=file, ext=ext)]
        unpacked = sum(i.file_size for i in infos)
        if unpacked > limits.MAX_XLSX_UNPACKED_BYTES:
            return [
                make_issue(
                    "xlsx-too-large",
                    file=file,
                    size=limits.megabytes(unpacked),
                    limit=limits.megabytes(limits.MAX_XLSX_UNPACKED_BYTES),
                    packed=limits.megabytes(len(data))
                    if len(data) > 1024 * 1024
                    else f"{len(data) / 1024:.0f} KB",
                )
            ]
        return _unsized_sheets(book, infos, file)


def _zip_kind(book: zipfile.ZipFile, names: Sequence[str]) -> _Format:
    if "mimetype" in names:
        try:
            mimetype = book.read("mimetype")[:100]
        except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError):
            mimetype = b""
        if b"opendocument.spreadsheet" in mimetype:
            return ODS
        if b"opendocument.text" in mimetype:
            return WORD
    if "word/document.xml" in names:
        return WORD
    return ZIP


def _unsized_sheets(
    book: zipfile.ZipFile, infos: Sequence[zipfile.ZipInfo], file: str
) -> list[Issue]:
    # openpyxl measures a sheet without a <dimension> by parsing all of it into memory.
    sheet_names: dict[str, str] | None = None
    for info in infos:
        if not _SHEET_PART.match(info.filename):
            continue
        if info.file_size <= limits.MAX_UNSIZED_SHEET_BYTES:
            continue
        if _declared_range(book, info) is not None:
            continue
        if sheet_names is None:
            sheet_names = _sheet_names(book)
        return [
            make_issue(
                "xlsx-unsized-sheet",
                file=file,
                sheet=sheet_names.get(info.filename, info.filename),
                size=limits.megabytes(info.file_size),
                limit=limits.megabytes(limits.MAX_UNSIZED_SHEET_BYTES),
            )
        ]
    return []


def _declared_range(book: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | None:
    try:
        with book.open(info) as part:
            head = part.read(_HEAD_BYTES)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
        return None
    data_at = _SHEET_DATA.search(head)
    found = _DIMENSION.search(head, 0, data_at.start() if data_at else len(head))
    return found[1] if found else None


def sheet_too_large(
    sheet: str, max_row: int | None, max_column: int | None, *, file: str
) -> Issue | None:
    """The issue for a sheet whose declared range is beyond the limits (None if within)."""
    rows, columns = max_row or 0, max_column or 0
    if (
        rows <= limits.MAX_ROWS
        and columns <= limits.MAX_COLUMNS
        and rows * columns <= limits.MAX_CELLS
    ):
        return None
    from openpyxl.utils import get_column_letter

    return make_issue(
        "sheet-too-large",
        file=file,
        sheet=sheet,
        dims=f"A1:{get_column_letter(max(1, min(columns, 18_278)))}{rows}",
        rows=limits.spaced(rows),
        columns=limits.spaced(columns),
        max_rows=limits.spaced(limits.MAX_ROWS),
        max_columns=limits.spaced(limits.MAX_COLUMNS),
        max_cells=limits.spaced(limits.MAX_CELLS),
    )


# -- formulas whose results were not saved -------------------------------------------------
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]+)")
_MAX_FORMULAS = 1_000


@dataclass(frozen=True)
class Formula:
    """A formula cell without a saved result: sheet row, 0-based column, the formula."""

    row: int
    column: int
    formula: str


def _has_formulas(part: Any) -> bool:
    tail = b""
    while chunk := part.read(1024 * 1024):
        if _FORMULA_TAG.search(tail + chunk):
            return True
        tail = chunk[-16:]
    return False


def _column_index(letters: str) -> int:
    n = 0
    for char in letters:
        n = n * 26 + ord(char) - 64
    return n - 1


def formulas_without_values(data: bytes, part_name: str) -> list[Formula]:
    """The formula cells of one sheet part whose result was not saved (a file written by a
    program that does not calculate, such as a script): openpyxl reads them as empty."""
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        with book, book.open(part_name) as part:
            if not _has_formulas(part):
                return []
        found: list[Formula] = []
        with zipfile.ZipFile(io.BytesIO(data)) as book, book.open(part_name) as part:
            for element in _cells(part):
                formula = value = None
                for child in element:
                    tag = child.tag.rsplit("}", 1)[-1]
                    if tag == "f":
                        formula = child.text or ""
                    elif tag in ("v", "is"):
                        value = child
                # A saved empty text result is <v></v> with t="str" (Excel, LibreOffice);
                # a program that does not calculate writes no <v> or an untyped empty one.
                saved = value is not None and (_has_text(value) or element.get("t") == "str")
                if formula is None or saved:
                    continue
                ref = _CELL_REF.fullmatch(element.get("r", ""))
                if ref is None:
                    continue
                found.append(Formula(int(ref[2]), _column_index(ref[1]), "=" + formula))
                if len(found) >= _MAX_FORMULAS:
                    break
        return found
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError, ElementTree.ParseError):
        return []


def _has_text(element: ElementTree.Element) -> bool:
    return bool((element.text or "").strip()) or any(_has_text(c) for c in element)


def _cells(part: Any) -> Iterator[ElementTree.Element]:
    # Streamed: each row is dropped once read, so memory stays flat however long the sheet.
    for _, element in ElementTree.iterparse(part, events=("end",)):
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "c":
            yield element
        elif tag == "row":
            element.clear()


# -- cells no spreadsheet types -------------------------------------------------------------
# NUL and the other C0 controls but tab and line breaks, DEL, and the stand-ins Python's
# "surrogateescape" decoding leaves for bytes that are not UTF-8.
SUSPECT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\udc80-\udcff]")
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]+")
_LONG = limits.MAX_CELL_CHARS


@dataclass
class CellProblem:
    """A cell that cannot be imported as read: 0-based row (as in the reader's list) and
    column, the message key and its parameters, and the cell as the user would see it."""

    row: int
    column: int
    key: str
    value: str
    params: dict[str, Any] = field(default_factory=dict)


def _as_cp1252(match: re.Match[str]) -> str:
    raw = match[0].encode("utf-8", "surrogateescape")
    return raw.decode("cp1252", "replace")


def check_cells(rows: list[list[str]], *, scan: bool = True) -> list[CellProblem]:
    """Cells with NUL or control characters, bytes that are not UTF-8, or more than
    limits.MAX_CELL_CHARS characters. Bytes that are not UTF-8 are replaced in `rows` by
    what they are in Windows-1252, so what is shown and kept is printable text.
    ``scan=False`` skips the character scan (the caller knows there is nothing to find)."""
    problems: list[CellProblem] = []
    for i, row in enumerate(rows):
        if not row:
            continue
        if max(map(len, row)) > limits.MAX_CELL_CHARS:
            problems.extend(
                CellProblem(i, j, "cell-too-long", cell[:80], {"n": len(cell), "limit": _LONG})
                for j, cell in enumerate(row)
                if len(cell) > limits.MAX_CELL_CHARS
            )
        if not scan or not SUSPECT.search("\t".join(row)):
            continue
        for j, cell in enumerate(row):
            found = SUSPECT.search(cell)
            if found is None:
                continue
            char = found[0]
            position = found.start() + 1
            if "\udc80" <= char <= "\udcff":
                byte = char.encode("utf-8", "surrogateescape")[0]
                row[j] = _ESCAPED_BYTE.sub(_as_cp1252, cell)
                problems.append(
                    CellProblem(
                        i,
                        j,
                        "encoding-invalid-byte",
                        row[j],
                        {"byte": f"0x{byte:02X}", "position": position},
                    )
                )
            elif char == "\x00":
                problems.append(CellProblem(i, j, "nul-byte", cell, {"position": position}))
            else:
                problems.append(
                    CellProblem(
                        i,
                        j,
                        "control-character",
                        cell,
                        {"char": f"U+{ord(char):04X}", "position": position},
                    )
                )
    return problems
