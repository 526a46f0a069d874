"""The loaders' fast paths (issue #16) give what a straightforward reading gives, on tricky
cells: accents, case, former municipality names, blank and cleared cells, bad values.

Each test computes the same thing twice, once the way the code does it now (each distinct
text read once, checks only on the rows a quick pass finds, values taken a column at a
time) and once cell by cell and row by row, and asserts the results are equal, types
included."""

from __future__ import annotations

import io
import random
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import loaders
from loaders import api, read, resolve
from loaders import validate as vd
from loaders.normalise import ParseError
from loaders.read import read_table
from ponti import schema
from ponti.changes import _plain, compare_kind
from ponti.store import Store, coerce_column, coerce_dtypes, frame_from_parquet, parquet_bytes

FIXTURES = Path(__file__).parent / "fixtures"

# Values people write, good and bad, per column of a projects file.
TRICKY: dict[str, list[str]] = {
    schema.P_MUNICIPALITY: [
        "Padova",
        "PADOVA",
        " padova ",
        "Reggio Emilia",
        "Ronago",
        "Paternò",
        "Paterno",
        "Samone (TN)",
        "S. Giovanni Rotondo",
        "58091",
        "058091.0",
        "999999",
        "Atlantide",
        "",
        "-",
        "013199",
        "Bozen",
        "Calliano",
        "Calliano (AT)",
        "Reggio Emlia",
        "#N/A",
        "058091 - Roma",
    ],
    schema.P_COUNTRY: [
        "Senegal",
        "senegal",
        "SN",
        "sen",
        "Costa d'Avorio",
        "Côte d'Ivoire",
        "Narnia",
        "",
        "-",
    ],
    schema.P_TERRITORY: [
        "Dakar",
        "DAKAR",
        "Dakar, Senegal",
        "Regione di Dakar",
        "Thiès",
        "Thies",
        "Xyzzy",
        "",
        "-",
    ],
    schema.P_SDGS: ["4|5", "4; 5", "18", "abc", "", "1|1|2"],
    schema.P_TARGETS: ["4.4", "4.A", "4.z", "", "4.4|10.7"],
    schema.P_STAGE: ["Completed", "completed", "foo", "", "In corso"],
    schema.P_REQUESTED: ["12.000", "12,5", "-5", "abc", "1e400", "", "1.234.567,89"],
    schema.P_GRANTED: ["12.000", "5000", "", "-", "999999999", "x"],
    schema.P_SUBMITTED: ["2020-01-02", "02/01/2020", "2020-13-45", "", "9999-12-31"],
    schema.P_DECIDED: ["2019-01-01", "2020-02-02", "", "31/12/2020"],
    schema.P_START: ["2018-01-01", "2020-03-03", "", "#VALUE!"],
    schema.P_END: ["2017-01-01", "2025-01-01", "", "2030-02-30"],
    schema.P_ID: ["prj-0001", "PRJ-0002", "ESEMPIO-1", "PRJ|X", "", "ＰＲＪ-0003"],
    schema.P_SPLIT: ["SEN:60|MLI:40", "SEN:50", "Narnia:100", "SEN:60|SEN:40", "SEN:200", "x", ""],
    schema.P_THEMES: ["education", "Education", "foo", "health|education", ""],
}


def tricky_projects(rows: int = 400, seed: int = 16) -> str:
    """The fixture projects file repeated to `rows` rows, about a third of the cells of
    the TRICKY columns replaced by one of their tricky values (a fixed seed)."""
    source = pd.read_csv(FIXTURES / "projects.csv", dtype=str, keep_default_na=False)
    frame = source.iloc[[i % len(source) for i in range(rows)]].reset_index(drop=True)
    rng = random.Random(seed)
    for column, pool in TRICKY.items():
        if column in frame:
            frame[column] = [rng.choice(pool) if rng.random() < 0.35 else v for v in frame[column]]
    return frame.to_csv(index=False)


@pytest.fixture(scope="module")
def raw_tricky(tmp_path_factory: pytest.TempPathFactory) -> read.RawTable:
    path = tmp_path_factory.mktemp("tricky") / "projects.csv"
    path.write_text(tricky_projects(), encoding="utf-8")
    raw, _ = read_table(path, kind=schema.PROJECTS)
    assert raw is not None
    return raw


def _convert_cell_by_cell(texts: list[str], convert: Any) -> tuple[list[Any], list[Any]]:
    values: list[Any] = [None] * len(texts)
    problems: list[Any] = []
    for i, text in enumerate(texts):
        if not text:
            continue
        if text.upper() in vd.SPREADSHEET_ERRORS:
            problems.append((i, text, "spreadsheet-error", {}))
            continue
        try:
            value = convert(text)
        except ParseError as exc:
            problems.append((i, text, exc.key, exc.params))
            continue
        if isinstance(value, vd._Cells):
            values[i] = value.values
            problems += [(i, item, exc.key, exc.params) for item, exc in value.problems]
        else:
            values[i] = value
    return values, problems


@pytest.mark.parametrize("column", [c for c in schema.COLUMNS[schema.PROJECTS] if c.name in TRICKY])
def test_each_distinct_text_read_once_reads_like_every_cell(column: schema.Column) -> None:
    texts = [v.strip() for v in TRICKY[column.name] * 3]
    texts = ["" if t in vd.CLEAR_TOKENS else t for t in texts]
    values, problems = vd._convert(texts, vd.converter(column))
    expected_values, expected_problems = _convert_cell_by_cell(texts, vd.converter(column))
    assert values == expected_values
    assert [type(v) for v in values] == [type(v) for v in expected_values]
    assert [(i, t, e.key, e.params) for i, t, e in problems] == expected_problems


def _check_every_row(table: vd._Table) -> list[loaders.Issue]:
    issues: list[loaders.Issue] = []
    for i in range(len(table.rows)):
        issues += vd._dates_out_of_order(table, i)
        issues += vd._amounts_over_requested(table, i)
        issues += vd._disbursed_over_granted(table, i)
        issues += vd._split_issues(table, i)
    return issues


def _table_of(raw: read.RawTable) -> vd._Table:
    frame = raw.frame
    table = vd._Table(
        schema.PROJECTS, "p.csv", [int(r) for r in frame.index], [str(h) for h in frame.columns]
    )
    sources, _ = vd.map_headers(schema.PROJECTS, frame, "p.csv")
    for column in schema.COLUMNS[schema.PROJECTS]:
        if column.name in sources:
            vd._read_column(table, raw, column, sources[column.name], column.required, False)
    return table


def test_row_checks_on_the_rows_found_equal_checks_on_every_row(raw_tricky: read.RawTable) -> None:
    table = _table_of(raw_tricky)
    vd._resolve_territories(table)
    found = vd.check_rows(table)
    assert found, "the tricky file has rows out of order and amounts over the request"
    assert found == _check_every_row(table)


def test_territories_read_once_per_cell_and_countries_equal_row_by_row(
    raw_tricky: read.RawTable,
) -> None:
    table = _table_of(raw_tricky)
    cells = list(table.values[schema.P_TERRITORY])
    countries = table.values[schema.P_COUNTRY]
    issues = vd._resolve_territories(table)
    expected: list[Any] = []
    expected_codes: list[tuple[int, str, str]] = []
    places: list[vd.PlaceMatch] = []
    for i, (cell, country) in enumerate(zip(cells, countries, strict=True)):
        if cell is None or not country:
            expected.append(cell)
            continue
        row_countries = [country] if isinstance(country, str) else country
        try:
            code = resolve.resolve_territory(cell, row_countries)
        except ParseError as exc:
            expected.append(cell)
            expected_codes.append((table.rows[i], cell, exc.key))
            continue
        expected.append(code)
        if reason := resolve.territory_match(cell, code):
            places.append(vd.PlaceMatch(i, schema.P_TERRITORY, cell, code, reason))
    assert table.values[schema.P_TERRITORY] == expected
    assert [(x.row, x.value, x.code) for x in issues] == expected_codes
    assert expected_codes, "the tricky file names places the gazetteer lacks"
    assert [p for p in table.places if p.column == schema.P_TERRITORY] == places


def test_list_columns_built_like_coerce_column() -> None:
    values: list[Any] = [["SEN", "MLI"], None, [], ["SEN"], None]
    column = next(c for c in schema.COLUMNS[schema.PROJECTS] if c.name == schema.P_SPLIT)
    frame = vd.build_frame(schema.PROJECTS, {column.name: values}, len(values))
    expected = coerce_column(column.type, pd.Series(values, dtype=object))
    pd.testing.assert_series_equal(frame[column.name], expected, check_names=False)
    assert frame[column.name].tolist() == [["SEN", "MLI"], [], [], ["SEN"], []]


@pytest.mark.parametrize(
    "text",
    ["a, b ,c\n 1 ,2, 3 \n", "\ufeffa,b\n\u200b x \u200b,y\n", "a;b\n  ;\t z\t\n"],
    ids=["spaces", "zero-width", "tabs"],
)
def test_csv_cells_cleaned_like_clean(text: str) -> None:
    sep = ";" if ";" in text else ","
    rows, _, _ = read._csv_rows(text, sep, "x.csv")
    import csv

    expected = [
        [read._clean(c) for c in row] for row in csv.reader(io.StringIO(text), delimiter=sep)
    ]
    assert rows == expected


def test_preview_values_equal_iloc(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    loaders.seed_demo(store)
    before = store.read(schema.PROJECTS)
    path = tmp_path / "projects.csv"
    path.write_text(tricky_projects(300, seed=3), encoding="utf-8")
    after = loaders.load_files([path], kinds="projects").frames[schema.PROJECTS]
    changes = compare_kind(schema.PROJECTS, before, after)
    assert changes.changed, "the tricky file changes stored projects"
    by_key = {k: i for i, k in enumerate(before[schema.P_ID].tolist())}
    after_at: dict[str, int] = {}
    for i, k in enumerate(after[schema.P_ID].tolist()):
        if isinstance(k, str):
            after_at.setdefault(k, i)  # a repeated id's first row is the one compared
    for change in changes.changed:
        for field in change.fields:
            old = _plain(before[field.column].iloc[by_key[change.key]])
            new = _plain(after[field.column].iloc[after_at[change.key]])
            assert (type(field.old), type(field.new)) == (type(old), type(new))
            assert repr((field.old, field.new)) == repr((old, new))


def test_tables_read_when_asked_equal_read_all(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    loaders.seed_demo(store)
    vid = store.current_id()
    assert vid is not None
    lazy = api._VersionTables(store, vid)
    every = store.read_all(vid)
    assert list(lazy) == list(every) and len(lazy) == len(every)
    for kind in schema.KINDS:
        pd.testing.assert_frame_equal(lazy[kind], every[kind])
    assert lazy.get("nothing") is None


@pytest.mark.parametrize("kind", schema.KINDS)
def test_stored_tables_read_with_arrow_lists_equal_pandas_reading(
    kind: str, tmp_path: Path
) -> None:
    # Every kind of the demo, and the same tables with missing, empty and longer lists and a
    # row of nothing but missing values.
    store = Store(tmp_path / "store")
    loaders.seed_demo(store)
    demo = store.read(kind)
    blank = pd.DataFrame({c: [pd.NA] for c in demo.columns})
    odd = pd.concat([demo, blank], ignore_index=True)
    for column in schema.COLUMNS[kind]:
        if column.type in schema.LIST_TYPES and len(odd) > 2:
            odd.at[0, column.name] = []
            filled = [v for v in demo[column.name] if len(v)]
            odd.at[1, column.name] = [*filled[0], *filled[-1]] if filled else []
    for frame in (demo, odd):
        data = parquet_bytes(kind, frame)
        straight = coerce_dtypes(kind, pd.read_parquet(io.BytesIO(data)))
        fast = frame_from_parquet(kind, data)
        pd.testing.assert_frame_equal(fast, straight, check_exact=True)
        for name in fast.columns:  # lists of the same Python values, not arrays
            assert fast[name].map(repr).tolist() == straight[name].map(repr).tolist()


def test_rewritten_cells_equal_cell_by_cell(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    loaders.seed_demo(store)
    path = tmp_path / "projects.csv"
    path.write_text(tricky_projects(200, seed=5), encoding="utf-8")
    batch = loaders.load_files([path], kinds="projects", store=store, mode="update")
    tables = [
        vd.validate_table(schema.PROJECTS, raw, "projects.csv", partial=True)
        for raw in [read_table(path, kind=schema.PROJECTS)[0]]
        if raw is not None
    ]
    expected = {
        (t.kind, str(key), column)
        for t in tables
        for i, key in enumerate(vd.frame_keys(t.kind, t.frame))
        if key is not None
        for column in t.texts
        if t.filled(column, i) or t.is_cleared(column, i)
    }
    assert batch.rewritten == expected and expected


@pytest.mark.parametrize(
    "value", ["ASS-0003", "ass-0003", "ＡＳＳ-0003", "Straße-1", "ǅ-9", "İ-1", "PRJ ß", "", "ﬁ-2"]
)
def test_id_key_plain_ascii_shortcut_equals_nfkc_casefold(value: str) -> None:
    import unicodedata

    assert vd.id_key(value) == unicodedata.normalize("NFKC", value).casefold()


# CSV texts the Arrow fast path (read._plain_csv_table) may meet: some it reads, some it
# hands to the csv module. Either way the table and the issues must be the csv module's.
TRICKY_CSV: dict[str, str] = {
    "plain": "id,name\nA1,Padova\nA2,Roma\n",
    "no-final-newline": "id,name\nA1,Padova\nA2,Roma",
    "crlf": "id,name\r\nA1,Padova\r\nA2,Roma\r\n",
    "cr-only": "id,name\rA1,Padova\rA2,Roma\r",
    "quoted-separators": 'id,name\nA1,"Padova, Veneto"\nA2,"Roma ""caput"" mundi"\n',
    "quote-inside-cell": 'id,name\nA1,Pa"dov"a\nA2,Roma\n',
    "text-after-quote": 'id,name\nA1,"Padova"xx\nA2,Roma\n',
    "space-before-quote": 'id,name\nA1, "Padova"\nA2,Roma\n',
    "quoted-blanks": 'id,name\nA1,""\nA2,"  "\n"",A3\n',
    "doubled-quotes-unquoted": 'id,name\nA1,ab""c\nA2,"x""",y\n',
    "quote-then-separator": 'id,name\nA1,"a,"b,c"\nA2,Roma\n',
    "space-after-quote": 'id,name\nA1,"Padova" \nA2,"x" ,\n"A3" ,"Pa""d"\n',
    "quoted-quotes": 'id;name\n"A;1";"x"";"\nA2;"""x"""\n',
    "odd-quotes": 'id,name\nA1,"Padova\nA2,Roma\n',
    "embedded-newline": 'id,name\nA1,"Padova\nVeneto"\nA2,Roma\n',
    "embedded-crlf": 'id,name\r\nA1,"Padova\r\nVeneto"\r\nA2,Roma\r\n',
    "blank-lines": "id,name\n\nA1,Padova\n\n\nA2,Roma\n",
    "leading-blank-line": "\nid,name\nA1,Padova\n",
    "separator-only-rows": "id,name\n,\nA1,Padova\n , \nA2,Roma\n",
    "bom": "\ufeffid,name\nA1,Padova\n",
    "bom-inside": "id,name\nA1,\ufeffPadova\n",
    "zero-width": "id,name\nA1,Padova\u200b\n",
    "semicolons": "id;name\nA1;Padova, Veneto\nA2;Roma\n",
    "tabs": "id\tname\nA1\t Padova \nA2\tRoma\n",
    "sep-line": "sep=;\nid;name\nA1;Padova\n",
    "sep-line-accented": "sep=é\nidéname\nA1éPadova\n",
    "sep-line-quote": 'sep="\nid"name\nA1"Padova\n',
    "sep-line-pipe": "sep=|\nid|name\nA1| Padova |\n",
    "sep-line-crlf": "sep=;\r\nid;name\r\nA1;Padova\r\n",
    "trailing-empty-columns": "id,name,,\nA1,Padova,,\nA2,Roma,,\n",
    "cells-past-header": "id,name,,\nA1,Padova,x,\nA2,Roma,,\n",
    "ragged-rows": "id,name\nA1,Padova,extra\nA2\n",
    "whitespace": "  id , name \n A1 ,\tPadova  \n",
    "unicode-spaces": "id,name\n\u00a0A1\u3000,\u2003Padova\u202f\nA2,\u2028Roma\u205f\n",
    "nbsp-only-row": "id,name\n\u00a0,\u2009\nA1,Padova\n",
    "title-above-header": "Elenco progetti 2024,\n,\nproject_id,title\nPRJ-1,Scuola\n",
    "header-only": "id,name\n",
    "one-column": "id\nA1\nA2\n",
    "control-character": "id,name\nA1,Pad\x01ova\n",
    "mojibake": "id,name\nA1,PadovÃ\u00a0\n",
    "accents": "id,name\nA1,Paternò\nA2,Città di Castello\n",
    "duplicate-headers": "id,id,name\nA1,A2,Padova\n",
    "empty-header-cell": "id,,name\nA1,x,Padova\n",
}


def _read_both(path: Path) -> tuple[Any, Any]:
    fast = read_table(path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(read, "_plain_csv_table", lambda text, sep: None)
        slow = read_table(path)
    return fast, slow


@pytest.mark.parametrize("text", TRICKY_CSV.values(), ids=TRICKY_CSV.keys())
def test_arrow_csv_reading_equals_csv_module(text: str, tmp_path: Path) -> None:
    path = tmp_path / "file.csv"
    path.write_bytes(text.encode("utf-8"))
    (fast, fast_issues), (slow, slow_issues) = _read_both(path)
    assert fast_issues == slow_issues
    if slow is None:
        assert fast is None
        return
    assert fast is not None
    pd.testing.assert_frame_equal(fast.frame, slow.frame, check_exact=True)
    assert fast.frame.columns.tolist() == slow.frame.columns.tolist()
    assert (fast.format, fast.encoding, fast.separator, fast.sheet, fast.shifted) == (
        slow.format,
        slow.encoding,
        slow.separator,
        slow.sheet,
        slow.shifted,
    )


def test_arrow_csv_reading_equals_csv_module_on_tricky_projects(tmp_path: Path) -> None:
    path = tmp_path / "projects.csv"
    text = tricky_projects()
    path.write_text(" " + text.replace(",", " ,\u00a0", 40), encoding="utf-8")
    (fast, fast_issues), (slow, slow_issues) = _read_both(path)
    assert fast is not None and slow is not None
    assert fast_issues == slow_issues
    pd.testing.assert_frame_equal(fast.frame, slow.frame, check_exact=True)


@pytest.mark.parametrize(
    "name", ["plain", "crlf", "quoted-separators", "unicode-spaces", "title-above-header"]
)
def test_plain_csv_files_take_the_arrow_path(name: str, tmp_path: Path) -> None:
    # Without this the equivalence above could hold only because both sides read slowly.
    path = tmp_path / "file.csv"
    path.write_bytes(TRICKY_CSV[name].encode("utf-8"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(read, "_csv_rows", None)  # called: TypeError
        raw, _ = read_table(path)
    assert raw is not None


def test_whitespace_trimmed_is_what_str_strip_takes() -> None:
    assert "".join(c for c in map(chr, range(0x110000)) if c.isspace()) == read._WHITESPACE


def test_mojibake_found_in_bytes_exactly_when_in_text() -> None:
    for lead in "ÃÂâ":
        for code in range(0x80, 0x2100):
            text = f"x{lead}{chr(code)}y"
            in_bytes = read._MOJIBAKE_BYTES.search(text.encode("utf-8")) is not None
            assert in_bytes == (read._MOJIBAKE.search(text) is not None), text
