"""Write the hostile-file corpus (tests/fixtures/hostile/): small broken files, each named
after the one defect it carries, that tests/test_hostile_files.py loads and imports.

The small files are committed; running this again rewrites them (byte-identical for the
text files; workbooks differ only in zip timestamps). The big files (a 200 KB cell, a
workbook unpacking to 250 MB, half a million rows, a file over the size limit) are not
committed: the tests write them into a temporary folder with ``write_big``.

    python scripts/make_hostile_fixtures.py              # writes tests/fixtures/hostile/
    python scripts/make_hostile_fixtures.py --out DIR    # somewhere else
    python scripts/make_hostile_fixtures.py --big --out DIR   # the big ones too
"""

from __future__ import annotations

import argparse
import codecs
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "tests" / "fixtures"
OUT = GOOD / "hostile"


# -- the good files every defect is planted in ----------------------------------------------
def _good(kind: str) -> list[str]:
    return (GOOD / f"{kind}.csv").read_text(encoding="utf-8").splitlines()


def _with_cell(kind: str, row: int, column: str, value: str) -> str:
    """The good file of a kind with one cell (row as a spreadsheet numbers it) replaced."""
    lines = _good(kind)
    header = lines[0].split(",")
    cells = lines[row - 1].split(",")
    cells[header.index(column)] = value
    lines[row - 1] = ",".join(cells)
    return "\n".join(lines) + "\n"


def _text(kind: str, row: int, column: str, value: str) -> bytes:
    return _with_cell(kind, row, column, value).encode("utf-8")


def _assoc(row: int, column: str, value: str) -> bytes:
    return _text("associations", row, column, value)


def _project(row: int, column: str, value: str) -> bytes:
    return _text("projects", row, column, value)


# -- workbooks -----------------------------------------------------------------------------
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>{sheets}</Types>'
)
_SHEET_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _sheet_xml(rows: str, dimension: str | None = "A1:F3") -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {_NS}>{dim}'
        f"<sheetData>{rows}</sheetData></worksheet>"
    )


def _row(number: int, *cells: str) -> str:
    return f'<row r="{number}">{"".join(cells)}</row>'


def _s(ref: str, text: str) -> str:
    """An inline-string cell."""
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _n(ref: str, value: str) -> str:
    return f'<c r="{ref}"><v>{value}</v></c>'


_HEADER_CELLS = ("association_id", "name", "municipality_istat", "origin_countries", "members")


def _header_row() -> str:
    return _row(1, *(_s(f"{'ABCDE'[i]}1", h) for i, h in enumerate(_HEADER_CELLS)))


def _good_row(number: int, ident: str = "ASS-1", members: str | None = "120") -> str:
    cells = [
        _s(f"A{number}", ident),
        _s(f"B{number}", f"Associazione {number}"),
        _s(f"C{number}", "058091"),
        _s(f"D{number}", "SEN"),
    ]
    if members is not None:
        cells.append(_n(f"E{number}", members))
    return _row(number, *cells)


def _put(archive: zipfile.ZipFile, name: str, data: str | bytes) -> None:
    # A fixed date: the same corpus gives the same bytes.
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)


def _raw_workbook(sheets: dict[str, str], *, extra: dict[str, bytes] | None = None) -> bytes:
    """An .xlsx written part by part, so that a part can say what openpyxl never writes."""
    buffer = io.BytesIO()
    names = list(sheets)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        types = "".join(_SHEET_TYPE.format(n=i + 1) for i in range(len(names)))
        _put(book, "[Content_Types].xml", _CONTENT_TYPES.format(sheets=types))
        _put(book, "_rels/.rels", _ROOT_RELS)
        sheet_tags = "".join(
            f'<sheet name="{name}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
            for i, name in enumerate(names)
        )
        _put(
            book,
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook {_NS} {_R_NS}>'
            f"<sheets>{sheet_tags}</sheets></workbook>",
        )
        rels = "".join(
            f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
            for i in range(len(names))
        )
        _put(
            book,
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
            f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}'
            "</Relationships>",
        )
        for i, xml in enumerate(sheets.values()):
            _put(book, f"xl/worksheets/sheet{i + 1}.xml", xml)
        for name, data in (extra or {}).items():
            _put(book, name, data)
    return buffer.getvalue()


def _openpyxl_workbook(sheets: Mapping[str, Sequence[Sequence[object]]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _good_rows() -> list[list[object]]:
    return [
        list(_HEADER_CELLS),
        ["ASS-1", "Associazione Senegalesi di Roma", "058091", "SEN", 120],
        ["ASS-2", "Comunità Ghanese di Modena", "036023", "GHA", 45],
        ["ASS-3", "Albanesi in Lombardia", "015146", "ALB", 300],
    ]


def _patched(data: bytes, part: str, old: bytes, new: bytes) -> bytes:
    """A workbook with one part's bytes replaced (what openpyxl will not write itself)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == part:
                assert old in content, (part, old)
                content = content.replace(old, new)
            _put(out, info.filename, content)
    return buffer.getvalue()


def _lying_sizes(data: bytes, size: int) -> bytes:
    """A zip whose central directory declares every part `size` bytes unpacked (a bomb's
    declaration, without the bomb)."""
    out = bytearray(data)
    at = 0
    while (at := out.find(b"PK\x01\x02", at)) >= 0:
        out[at + 24 : at + 28] = size.to_bytes(4, "little")
        at += 4
    return bytes(out)


def _lying_entry_count(data: bytes) -> bytes:
    """A zip whose end record declares 65,535 parts (the most it can say)."""
    out = bytearray(data)
    at = out.rfind(b"PK\x05\x06")
    out[at + 8 : at + 12] = (65_535).to_bytes(2, "little") * 2
    return bytes(out)


# -- the corpus ------------------------------------------------------------------------------
def _cp1252(text: str) -> bytes:
    return text.encode("cp1252")


def _mixed_encodings() -> bytes:
    lines = _good("associations")
    return (
        "\n".join(lines[:3]).encode("utf-8")
        + b"\n"
        + lines[3].replace("Albanesi", "Comunità Albanesi").encode("cp1252")
        + b"\n"
    )


def _stray_byte() -> bytes:
    text = _with_cell("associations", 4, "name", "Albanesi inXLombardia").encode("utf-8")
    return text.replace(b"inXLombardia", b"in\x9dLombardia")


def _ascii_with_undefined_byte() -> bytes:
    text = _with_cell("associations", 2, "name", "Associazione Senegalesi").replace(
        "Comunità", "Comunita"
    )
    return text.encode("ascii").replace(b"Associazione Senegalesi", b"Associazione\x81Senegalesi")


def _quote_merges_rows() -> bytes:
    lines = _good("associations")
    lines[2] = lines[2].replace("Comunità Ghanese di Modena", '"Comunità Ghanese di Modena')
    lines[3] = lines[3].replace("Albanesi in Lombardia", 'Albanesi in Lombardia"')
    return ("\n".join(lines) + "\n").encode("utf-8")


def _unterminated_quote() -> bytes:
    lines = _good("associations")
    lines[2] = lines[2].replace("Comunità Ghanese di Modena", '"Comunità Ghanese di Modena')
    return ("\n".join(lines) + "\n").encode("utf-8")


def _too_many_columns() -> bytes:
    lines = _good("associations")
    lines[2] = lines[2] + "," * 230 + "x"
    return ("\n".join(lines) + "\n").encode("utf-8")


def _nul_after_4k() -> bytes:
    lines = _good("associations")
    filler = [
        lines[1].replace("ASS-1", f"ASS-{n}", 1).replace("Senegalesi", f"Senegalesi {n}")
        for n in range(10, 40)
    ]
    body = [lines[0], *lines[1:], *filler]
    body[-1] = body[-1].replace("Senegalesi 39", "Senegalesi\x0039")
    return ("\n".join(body) + "\n").encode("utf-8")


def _zip_of_csv() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        _put(archive, "associations.csv", "\n".join(_good("associations")))
    return buffer.getvalue()


def _zip_like(mimetype: bytes | None, part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if mimetype is not None:
            _put(archive, "mimetype", mimetype)
        _put(archive, part, "<document/>")
    return buffer.getvalue()


def _many_parts() -> bytes:
    extra = {f"xl/media/image{n}.bin": b"" for n in range(1_500)}
    sheet = _sheet_xml(_header_row() + _good_row(2))
    return _raw_workbook({"Associazioni": sheet}, extra=extra)


def _formula_without_value() -> bytes:
    sheet = _sheet_xml(
        _header_row()
        + _good_row(2, "ASS-1", members=None).replace(
            "</row>", '<c r="E2"><f>SUM(F2:G2)</f></c></row>'
        )
        + _good_row(3, "ASS-2"),
    )
    return _raw_workbook({"Associazioni": sheet})


def _formula_with_value() -> bytes:
    sheet = _sheet_xml(
        _header_row()
        + _good_row(2, "ASS-1", members=None).replace(
            "</row>", '<c r="E2"><f>60*2</f><v>120</v></c></row>'
        )
        + _good_row(3, "ASS-2"),
    )
    return _raw_workbook({"Associazioni": sheet})


def _dimension_too_small() -> bytes:
    # A writer that declares A1:B2 but writes three rows: every row must still be read.
    rows = _header_row() + _good_row(2, "ASS-1") + _good_row(3, "ASS-2") + _good_row(4, "ASS-3")
    return _raw_workbook({"Associazioni": _sheet_xml(rows, dimension="A1:B2")})


def _line_breaks_in_cell() -> bytes:
    # Not a defect: a quoted cell in several lines (with commas) is one cell, not merged rows.
    return _assoc(3, "name", '"Comunità Ghanese, Modena\nsede di via Emilia, 12\nsecondo piano"')


def _formula_empty_text() -> bytes:
    # Excel saves a formula whose result is empty text as t="str" with an empty <v>.
    sheet = _sheet_xml(
        _header_row()
        + _good_row(2, "ASS-1", members=None).replace(
            "</row>", '<c r="E2" t="str"><f>IF(F2="","",F2)</f><v></v></c></row>'
        )
        + _good_row(3, "ASS-2"),
    )
    return _raw_workbook({"Associazioni": sheet})


def _notes_first() -> bytes:
    notes = [["Note sul file"], ["Dati raccolti dal Forum, ottobre 2026"], ["Referente: M. R."]]
    return _openpyxl_workbook({"Note": notes, "Dati": _good_rows()})


def _notes_only() -> bytes:
    notes = [["Note sul file"], ["I dati arriveranno"]]
    return _openpyxl_workbook({"Note": notes})


def _huge_dimension() -> bytes:
    sheet = _sheet_xml(_header_row() + _good_row(2), dimension="A1:XFD1048576")
    return _raw_workbook({"Associazioni": sheet})


def _row_far_below() -> bytes:
    sheet = _sheet_xml(
        _header_row() + _good_row(2) + _row(1_048_576, _s("A1048576", "x")), dimension="A1:E2"
    )
    return _raw_workbook({"Associazioni": sheet})


def _cell_far_right() -> bytes:
    sheet = _sheet_xml(
        _header_row() + _good_row(2) + _row(3, _s("A3", "ASS-2"), _s("XFD3", "x")),
        dimension="A1:E3",
    )
    return _raw_workbook({"Associazioni": sheet})


def _xlsx_cells(rows: list[list[object]]) -> bytes:
    return _openpyxl_workbook({"Associazioni": rows})


def _xlsx_one_cell(row: int, column: int, value: object) -> bytes:
    rows = _good_rows()
    rows[row - 1][column] = value
    return _xlsx_cells(rows)


def _xlsx_project_date(value: dt.date) -> bytes:
    lines = _good("projects")
    header = lines[0].split(",")
    rows: list[list[object]] = [list(header)]
    for line in lines[1:]:
        rows.append(list(line.split(",")))
    rows[1][header.index("date_end")] = value
    return _openpyxl_workbook({"Progetti": rows})


def _xlsx_date_overflow() -> bytes:
    data = _xlsx_project_date(dt.date(2025, 5, 31))
    return _patched(data, "xl/worksheets/sheet1.xml", b"<v>45808</v>", b"<v>99999999999</v>")


def _xlsx_infinite_member() -> bytes:
    sheet = _sheet_xml(_header_row() + _good_row(2, members="1e400"))
    return _raw_workbook({"Associazioni": sheet})


def _xlsx_lying_bomb() -> bytes:
    return _lying_sizes(_xlsx_cells(_good_rows()), 1_400_000_000)


def _truncated_xlsx() -> bytes:
    data = _xlsx_cells(_good_rows())
    return data[: len(data) // 2]


def _utf16(text: str, order: str) -> bytes:
    return text.encode(order)


SMALL: dict[str, Callable[[], bytes]] = {
    # numbers beyond 64 bits, infinite, not a number, beyond the column's meaning
    "associations-members-beyond-64-bits.csv": lambda: _assoc(3, "members", "99999999999999999999"),
    "associations-members-1e400.csv": lambda: _assoc(3, "members", "1e400"),
    "associations-members-inf.csv": lambda: _assoc(2, "members", "inf"),
    "associations-members-nan.csv": lambda: _assoc(2, "members", "NaN"),
    "associations-members-over-a-billion.csv": lambda: _assoc(4, "members", "2.000.000.000"),
    "associations-members-negative-beyond-64-bits.csv": lambda: _assoc(
        2, "members", "-99999999999999999999"
    ),
    "associations-founded-year-beyond-64-bits.csv": lambda: _assoc(
        3, "founded_year", "99999999999999999999"
    ),
    "projects-amount-1e400.csv": lambda: _project(2, "amount_requested", "1e400"),
    "projects-amount-400-digits.csv": lambda: _project(3, "amount_requested", "9" * 400),
    "projects-amount-beyond-64-bits.csv": lambda: _project(
        2, "amount_requested", "99999999999999999999"
    ),
    "projects-amount-infinity-word.csv": lambda: _project(4, "amount_granted", "Infinity"),
    "projects-cofinancing-minus-1e400.csv": lambda: _project(2, "cofinancing", "-1e400"),
    "projects-beneficiaries-beyond-64-bits.csv": lambda: _project(
        2, "beneficiaries", "18446744073709551616"
    ),
    "residents-count-beyond-64-bits.csv": lambda: _text(
        "residents", 3, "residents", "99999999999999999999"
    ),
    "calls-grant-max-1e400.csv": lambda: _text("calls", 2, "grant_max", "1e400"),
    "calls-cofinancing-share-1e400.csv": lambda: _text("calls", 2, "cofinancing_share", "1e400"),
    # dates out of range: never another date
    "projects-date-year-9999.csv": lambda: _project(2, "date_end", "31/12/9999"),
    "projects-date-iso-year-9999.csv": lambda: _project(3, "date_end", "9999-12-31"),
    "projects-date-year-1600.csv": lambda: _project(2, "date_submitted", "01/01/1600"),
    "projects-date-year-2263.csv": lambda: _project(2, "date_start", "2263-01-01"),
    "projects-date-submitted-far-future.csv": lambda: _project(4, "date_submitted", "2099-03-10"),
    "calls-date-close-year-9999.csv": lambda: _text("calls", 3, "date_close", "31/12/9999"),
    "projects-xlsx-date-year-9999.xlsx": lambda: _xlsx_project_date(dt.date(9999, 12, 31)),
    "projects-xlsx-date-serial-overflow.xlsx": _xlsx_date_overflow,
    # quotes that swallow rows
    "associations-unterminated-quote.csv": _unterminated_quote,
    "associations-quote-merges-rows.csv": _quote_merges_rows,
    # bytes no spreadsheet types
    "associations-nul-byte-in-name.csv": lambda: _assoc(2, "name", "Senegalesi\x00di Roma"),
    "associations-nul-byte-after-4k.csv": _nul_after_4k,
    "associations-bell-character-in-name.csv": lambda: _assoc(3, "name", "Comunità\x07Ghanese"),
    "associations-escape-character-in-id.csv": lambda: _assoc(4, "association_id", "ASS-\x1b3"),
    # encodings
    "associations-mixed-utf8-cp1252.csv": _mixed_encodings,
    "associations-stray-invalid-byte.csv": _stray_byte,
    "associations-ascii-with-undefined-byte.csv": _ascii_with_undefined_byte,
    "associations-utf8-encoded-surrogate.csv": lambda: _assoc(3, "name", "Comunita XX").replace(
        b"XX", b"\xed\xa0\x80"
    ),
    "associations-utf8-overlong-slash.csv": lambda: _assoc(4, "name", "Albanesi XX").replace(
        b"XX", b"\xc0\xaf"
    ),
    "associations-cp1252-only.csv": lambda: _cp1252(_with_cell("associations", 2, "name", "Caffè")),
    "associations-utf16le-no-bom.csv": lambda: _utf16(
        "\n".join(_good("associations")) + "\n", "utf-16-le"
    ),
    "associations-utf16be-no-bom.csv": lambda: _utf16(
        "\n".join(_good("associations")) + "\n", "utf-16-be"
    ),
    "associations-utf16-bom-odd-length.csv": lambda: (
        codecs.BOM_UTF16_LE + "\n".join(_good("associations")).encode("utf-16-le") + b"\x00"
    ),
    # ids Ponti compares without case
    "associations-ids-differ-by-case.csv": lambda: _assoc(3, "association_id", "ass-1"),
    "associations-ids-differ-by-width.csv": lambda: _assoc(4, "association_id", "ＡＳＳ-2"),
    "projects-lead-differs-by-case.csv": lambda: _project(3, "lead_association_id", "ass-2"),
    "twinnings-project-differs-by-case.csv": lambda: _text("twinnings", 2, "project_ids", "prj-1"),
    "associations-update-id-differs-by-case.csv": lambda: b"association_id,members\nass-1,130\n",
    # other formats under a CSV's name
    "associations-old-xls-renamed.csv": lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
    "associations-pdf-renamed.csv": lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    "associations-zip-renamed.csv": _zip_of_csv,
    "associations-gzip-renamed.csv": lambda: b"\x1f\x8b\x08\x00" + bytes(20),
    "associations-png-renamed.csv": lambda: b"\x89PNG\r\n\x1a\n" + bytes(24),
    "associations-html-error-page.csv": lambda: (
        b"<!DOCTYPE html>\n<html><head><title>404</title></head><body>Not found</body></html>\n"
    ),
    "associations-random-binary.csv": lambda: bytes(range(256)) * 4,
    "projects-iati-xml-renamed.csv": lambda: (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">'
        b"<iati-activity><iati-identifier>IT-1-PRJ-1</iati-identifier></iati-activity>"
        b"</iati-activities>\n"
    ),
    "associations-excel-2003-xml-renamed.csv": lambda: (
        b'<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:'
        b'spreadsheet"><Worksheet ss:Name="Foglio1"/></Workbook>\n'
    ),
    "associations-ods-renamed.xlsx": lambda: _zip_like(
        b"application/vnd.oasis.opendocument.spreadsheet", "content.xml"
    ),
    "associations-docx-renamed.xlsx": lambda: _zip_like(None, "word/document.xml"),
    "associations-truncated.xlsx": _truncated_xlsx,
    # workbooks
    "associations-formula-without-cached-value.xlsx": _formula_without_value,
    "associations-formula-with-cached-value.xlsx": _formula_with_value,
    "associations-formula-empty-text-result.xlsx": _formula_empty_text,
    "associations-formulas-written-by-a-script.xlsx": lambda: _xlsx_one_cell(3, 4, "=60*2"),
    "associations-dimension-smaller-than-data.xlsx": _dimension_too_small,
    "associations-line-breaks-in-a-quoted-cell.csv": _line_breaks_in_cell,
    "associations-notes-sheet-first.xlsx": _notes_first,
    "associations-notes-sheet-only.xlsx": _notes_only,
    "associations-xlsx-ids-differ-by-case.xlsx": lambda: _xlsx_one_cell(3, 0, "ass-1"),
    "associations-xlsx-members-beyond-64-bits.xlsx": lambda: _xlsx_one_cell(3, 4, 10**20),
    "associations-xlsx-members-1e400.xlsx": _xlsx_infinite_member,
    "associations-xlsx-cell-over-excel-limit.xlsx": lambda: _raw_workbook(
        {
            "Associazioni": _sheet_xml(
                _header_row() + _good_row(2).replace("Associazione 2", "A" * 40_000)
            )
        }
    ),
    # bounded work: refused before the work
    "associations-too-many-columns.csv": _too_many_columns,
    "associations-huge-declared-dimension.xlsx": _huge_dimension,
    "associations-row-far-below-declared-range.xlsx": _row_far_below,
    "associations-cell-far-right.xlsx": _cell_far_right,
    "associations-declares-65535-parts.xlsx": lambda: _lying_entry_count(_xlsx_cells(_good_rows())),
    "associations-declares-1400-mb-unpacked.xlsx": _xlsx_lying_bomb,
}


# -- the big ones: written by the tests into a temporary folder -----------------------------
def _long_cell(chars: int) -> bytes:
    return _assoc(3, "name", "A" * chars)


def _too_many_rows() -> Iterator[bytes]:
    yield b"association_id,name,municipality_istat,origin_countries\n"
    line = b"ASS-%d,A,058091,SEN\n"
    for start in range(0, 510_000, 10_000):
        yield b"".join(line % n for n in range(start, start + 10_000))


def _sheet_bomb(unpacked: int, *, dimension: str | None) -> Iterator[tuple[str, bytes]]:
    """A workbook whose sheet really unpacks to about `unpacked` bytes (one repeated
    empty row, compressing about 1000 to 1)."""
    head = _sheet_xml("", dimension).split("<sheetData>")[0] + "<sheetData>"
    yield "head", (head + _header_row()).encode()
    block = b"<row><c/></row>" * 10_000
    for _ in range(unpacked // len(block)):
        yield "rows", block
    yield "tail", b"</sheetData></worksheet>"


def _bomb_workbook(path: Path, unpacked: int, *, dimension: str | None) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        skeleton = zipfile.ZipFile(io.BytesIO(_raw_workbook({"Associazioni": _sheet_xml("")})))
        with skeleton:
            for info in skeleton.infolist():
                if info.filename != "xl/worksheets/sheet1.xml":
                    _put(book, info.filename, skeleton.read(info))
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            for _, chunk in _sheet_bomb(unpacked, dimension=dimension):
                part.write(chunk)


BIG: dict[str, Callable[[Path], object]] = {
    "associations-1500-parts.xlsx": lambda p: p.write_bytes(_many_parts()),
    "associations-sheet-declares-less-than-it-holds.xlsx": lambda p: _understated_bomb(p),
    "associations-cell-over-csv-field-limit.csv": lambda p: p.write_bytes(_long_cell(200_000)),
    "associations-cell-over-excel-limit.csv": lambda p: p.write_bytes(_long_cell(40_000)),
    "associations-too-many-rows.csv": lambda p: p.write_bytes(b"".join(_too_many_rows())),
    "associations-over-size-limit.csv": lambda p: _sparse(p, 101 * 1024 * 1024),
    "associations-sheet-xml-250-mb.xlsx": lambda p: _bomb_workbook(
        p, 250 * 1024 * 1024, dimension="A1:E2"
    ),
    "associations-unsized-sheet-12-mb.xlsx": lambda p: _bomb_workbook(
        p, 12 * 1024 * 1024, dimension=None
    ),
}


def _understated_bomb(path: Path) -> None:
    """A workbook whose sheet holds 50 MB of XML but declares 1,000 bytes (in the central
    directory and its zip64 record): unpacking must stop at what is declared."""
    _bomb_workbook(path, 50 * 1024 * 1024, dimension="A1:E2")
    data = bytearray(path.read_bytes())
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        length = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + length] == b"xl/worksheets/sheet1.xml":
            data[at + 24 : at + 28] = (1000).to_bytes(4, "little")
            extra = at + 46 + length
            if data[extra : extra + 2] == b"\x01\x00":  # zip64: the real sizes live here
                data[extra + 4 : extra + 12] = (1000).to_bytes(8, "little")
        at += 4
    path.write_bytes(bytes(data))


def _sparse(path: Path, size: int) -> None:
    # Only the size matters (the file is refused before it is read): no disk is filled.
    with path.open("wb") as handle:
        handle.write(b"association_id,name\n")
        handle.truncate(size)


def write_small(folder: Path) -> list[Path]:
    """Write the committed corpus into `folder`; the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in SMALL.items():
        path = folder / name
        path.write_bytes(make())
        written.append(path)
    return written


def write_big(folder: Path, names: list[str] | None = None) -> list[Path]:
    """Write the big files (all, or those named) into `folder`; the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in BIG.items():
        if names is None or name in names:
            make(folder / name)
            written.append(folder / name)
    return written


def main(argv: list[str] | None = None) -> int:
    """Write the corpus (and with --big the big files) where asked."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write into")
    parser.add_argument("--big", action="store_true", help="also write the big files")
    args = parser.parse_args(argv)
    written = write_small(args.out)
    if args.big:
        written += write_big(args.out)
    print(f"{len(written)} files written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
