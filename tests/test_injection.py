"""Text from data is shown as text, never run: not as markup in a plotly figure or a map's
tooltip, not as a formula in a download.

A hostile store is the demo with every free-text cell (names, titles, funders, programmes,
partner cities, sources, networks...) starting with a spreadsheet formula and carrying HTML,
written straight into the store (as a validator bug or a tampered store could). Every page
and embedded view then runs through AppTest; what it sends to the browser (plotly specs, deck
JSON) and every table it offers for download are read back.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import openpyxl
import pandas as pd
import pytest
from pptx import Presentation
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from ponti import formats, schema, tables, templates
from ponti.charts.common import escape_text
from ponti.present import deck, items
from ponti.store import DATA_DIR_ENV, Store
from tests.apptest import open_app

FORMULA = '=HYPERLINK("https://evil.example/f","click")'
LINK = '<a href="https://evil.example/x">EVIL</a>'
BOLD = "<b>BOLD</b>"
HOSTILE = f"{FORMULA}{LINK}{BOLD} "
# Markup that would be live if it reached plotly unescaped (catalogue text holds <b> and
# <br> on purpose, never these).
LIVE = ("<a ", "<b>BOLD")
NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?$")


def _hostile(tables_: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    out = {}
    for kind, frame in tables_.items():
        frame = frame.copy()
        for column in schema.COLUMNS[kind]:
            if column.type == "text":
                frame[column.name] = frame[column.name].map(
                    lambda v: f"{HOSTILE}{v}", na_action="ignore"
                )
            elif column.type == "text_list":
                frame[column.name] = frame[column.name].map(lambda v: [f"{HOSTILE}{x}" for x in v])
        out[kind] = frame
    return out


@pytest.fixture
def hostile_env(demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The demo store with a hostile current version, named by PONTI_DATA_DIR."""
    demo_store.write_version(
        _hostile(demo_store.read_all()), note=f"{HOSTILE}note", author=f"{HOSTILE}author"
    )
    monkeypatch.setenv(DATA_DIR_ENV, str(demo_store.root))
    yield demo_store


@pytest.fixture
def table_downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """Every CSV and XLSX a page offers, by file name (written at once, as a click would)."""
    offered: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id
    original_deferred = MediaFileManager.add_deferred

    def wanted(name: Any) -> bool:
        return isinstance(name, str) and name.endswith((".csv", ".xlsx"))

    def recording(self: Any, data: Any, mimetype: str, kind: Any, filename: Any = None) -> Any:
        if wanted(filename) and isinstance(data, bytes):
            offered[filename] = data
        return original(self, data, mimetype, kind, filename)

    def deferred(self: Any, make: Any, mimetype: str, where: str, file_name: Any = None, **kw: Any):  # type: ignore[no-untyped-def]
        if wanted(file_name):
            offered[file_name] = make()
        return original_deferred(self, make, mimetype, where, file_name, **kw)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", recording)
    monkeypatch.setattr(MediaFileManager, "add_deferred", deferred)
    return offered


def _strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}")
    elif isinstance(value, list | tuple):
        for n, item in enumerate(value):
            yield from _strings(item, f"{path}[{n}]")


def _live_markup(spec: Any) -> list[tuple[str, str]]:
    return [(p, s[:120]) for p, s in _strings(spec) if any(m in s for m in LIVE)]


def _formula_cells(name: str, data: bytes) -> list[str]:
    """Cells of a downloaded table a spreadsheet would run: text starting like a formula,
    or (XLSX) a formula cell."""
    found: list[str] = []
    if name.endswith(".xlsx"):
        book = openpyxl.load_workbook(io.BytesIO(data))
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    text = cell.value
                    if cell.data_type == "f" or (
                        isinstance(text, str) and text.startswith(formats.FORMULA_STARTS)
                    ):
                        found.append(f"{sheet.title}!{cell.coordinate}: {text!r}")
        return found
    text = data.decode("utf-8-sig")
    sep = ";" if text.split("\r\n", 1)[0].count(";") else ","
    frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    cells = [*map(str, frame.columns), *frame.to_numpy().ravel().tolist()]
    # A number (-12.5, Italian -12,5) is read as a number, not run: only text counts.
    return [
        c
        for c in cells
        if isinstance(c, str) and c.startswith(formats.FORMULA_STARTS) and not NUMBER.match(c)
    ]


PAGES: list[tuple[str | None, dict[str, str]]] = [
    ("overview", {}),
    ("bridges", {}),
    ("bridges", {"bm_view": "italy"}),
    ("funding", {}),
    ("agenda", {}),
    ("twinnings", {}),
    ("associations", {}),
    ("municipality", {"code": "058091"}),
    *[(None, {"embed": "true", "view": view}) for view in ("map", "sdg", "funding", "twinnings")],
]


@pytest.mark.parametrize(("page", "query"), PAGES, ids=lambda v: str(v))
def test_markup_and_formulas_from_data_stay_text_on_every_page(
    hostile_env: Store, table_downloads: dict[str, bytes], page: str | None, query: dict[str, str]
) -> None:
    at = open_app(page, {"lang": "en", **query})
    figures = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    decks = at.get("deck_gl_json_chart")
    assert figures or decks or table_downloads, "the page showed nothing to check"
    for figure in figures:
        assert _live_markup(figure) == []
    escaped = [s for f in figures for _, s in _strings(f) if escape_text(LINK) in s]
    if page == "funding":
        # Funders and programmes are drawn (the flows): the check above saw hostile text.
        assert escaped, "the hostile names should reach the figures, escaped"
    for element in decks:
        # deck.gl writes a "text" tooltip with innerText: markup in it is shown as written.
        # An "html" tooltip would be parsed, so none may exist.
        tooltip = json.loads(element.proto.tooltip or "{}")
        assert set(tooltip) <= {"text", "style"}, tooltip
    for name, data in table_downloads.items():
        assert _formula_cells(name, data) == [], name


def test_the_association_profile_and_its_embed_show_names_as_text(
    hostile_env: Store, table_downloads: dict[str, bytes]
) -> None:
    first = str(hostile_env.read(schema.ASSOCIATIONS)[schema.A_ID].iloc[0])
    for page, query in (
        ("association", {"id": first}),
        (None, {"embed": "true", "view": "association", "id": first}),
    ):
        at = open_app(page, {"lang": "it", **query})
        for chart in at.get("plotly_chart"):
            assert _live_markup(json.loads(chart.proto.spec)) == []
        for element in at.get("deck_gl_json_chart"):
            assert set(json.loads(element.proto.tooltip or "{}")) <= {"text", "style"}
    for name, data in table_downloads.items():
        assert _formula_cells(name, data) == [], name


def test_slide_pictures_carry_no_markup_and_chart_data_no_formulas(hostile_env: Store) -> None:
    from datetime import date

    from ponti import filters as flt
    from ponti.transforms import Dataset, apply_filters

    data = apply_filters(Dataset.from_tables(hostile_env.read_all()), flt.Filters())
    first = str(hostile_env.read(schema.ASSOCIATIONS)[schema.A_ID].iloc[0])
    context = items.ItemContext(
        lang="en", today=date(2026, 12, 1), municipality="058091", association=first
    )
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    natives = 0
    for item in items.ITEMS:
        content = items.build(item.code, data, context).content
        if isinstance(content, items.ImageContent):
            assert _live_markup(content.figure.to_plotly_json()) == [], item.code
        elif isinstance(content, items.NativeChart):
            deck.add_chart(slide, content, deck.CONTENT_BOX, "en")
            natives += 1
    assert natives >= 3
    out = io.BytesIO()
    presentation.save(out)
    with zipfile.ZipFile(out) as package:
        workbooks = [n for n in package.namelist() if n.endswith(".xlsx")]
        assert len(workbooks) == natives
        for name in workbooks:
            # PowerPoint's "Edit data" opens this workbook in Excel.
            assert _formula_cells(name, package.read(name)) == [], name


def test_a_native_chart_named_like_a_formula_embeds_text() -> None:
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    chart = items.NativeChart(
        "bar", (FORMULA, "@SUM(1)", "ok"), (items.Series("-2+3", (1.0, -2.0, 3.0), "#0072B2"),)
    )
    drawn = deck.add_chart(slide, chart, deck.CONTENT_BOX, "en").chart
    assert list(drawn.plots[0].categories) == [f"'{FORMULA}", "'@SUM(1)", "ok"]
    assert drawn.plots[0].series[0].name == "'-2+3"
    assert tuple(drawn.plots[0].series[0].values) == (1.0, -2.0, 3.0)  # numbers stay numbers
    blob = drawn.part.chart_workbook.xlsx_part.blob
    assert _formula_cells("chart.xlsx", blob) == []


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", schema.KINDS)
def test_templates_made_from_hostile_ids_hold_no_formula(kind: str, fmt: str) -> None:
    # Ids may be any text without a list separator: "=HYPERLINK(...)" is a valid id, and the
    # templates' examples name the first ids Ponti has.
    existing = {
        schema.ASSOCIATIONS: pd.DataFrame({schema.A_ID: [FORMULA, "@SUM(A1)", "-A1"]}),
        schema.PROJECTS: pd.DataFrame({schema.P_ID: ["+A1"]}),
    }
    make = templates.template_xlsx if fmt == "xlsx" else templates.template_csv
    data = make(kind, "en", existing=existing)
    found = _formula_cells(f"template.{fmt}", data)
    # The example's phone (+39 ...) is Ponti's own text, typed as text in the XLSX.
    assert [c for c in found if "+39" not in c] == []
    if kind == schema.PROJECTS:
        assert f"'{FORMULA}" in (
            data.decode("utf-8-sig") if fmt == "csv" else _all_text(data)
        ).replace('""', '"')


def _all_text(data: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return "\n".join(
        str(c.value) for s in book.worksheets for row in s.iter_rows() for c in row if c.value
    )


def test_a_data_derived_heading_is_neutralised_and_numbers_stay_numbers() -> None:
    table = pd.DataFrame({FORMULA: ["-x", "ok"], "amount": [-12.5, 3.0]})
    back = pd.read_csv(io.BytesIO(tables.to_csv(table, "en")), encoding="utf-8-sig")
    assert list(back.columns) == [f"'{FORMULA}", "amount"]
    assert back["amount"].tolist() == [-12.5, 3.0]
    assert back.iloc[:, 0].tolist() == ["'-x", "ok"]


def test_neutralise_formula_follows_owasp() -> None:
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert formats.neutralise_formula(f"{start}1") == f"'{start}1"
    assert formats.neutralise_formula(-1) == -1 and formats.neutralise_formula(-1.5) == -1.5
    assert formats.neutralise_formula("a-b") == "a-b"
