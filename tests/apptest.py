"""Helpers shared by the AppTest page tests."""

from __future__ import annotations

import functools
import io
import json
import struct
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from ponti import tables
from ponti.i18n import Lang

REPO = Path(__file__).resolve().parent.parent
TIMEOUT = 120

# AppTest resets Streamlit's pages-folder mode before each run, so that with a pages/ folder
# a page switch would run the page file alone, without dashboard.py (no store read, filter
# bar, address bar). The server runs dashboard.py on every run: make AppTest do the same.
_original_init = PagesManager.__init__


@functools.wraps(_original_init)
def _navigation_mode_init(self: PagesManager, *args: Any, **kwargs: Any) -> None:
    _original_init(self, *args, **kwargs)
    PagesManager.uses_pages_directory = False


PagesManager.__init__ = _navigation_mode_init  # type: ignore[method-assign]


def open_app(page: str | None = None, query: dict[str, str | list[str]] | None = None) -> AppTest:
    """Run dashboard.py as a link with ``query`` opens it, then go to pages/<page>.py."""
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=TIMEOUT)
    _set_query(at, query)
    if page is not None:
        # The page's url_path is its file name, so AppTest finds it before the first run
        # (as a link opening /<page> does): one run of the shell and the page.
        at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _set_query(at: AppTest, query: dict[str, str | list[str]] | None) -> None:
    for key in list(at.query_params):
        del at.query_params[key]
    for key, value in (query or {}).items():
        at.query_params[key] = value


def read_csv_download(
    downloads: Mapping[str, bytes], stem: str, lang: Lang, **options: Any
) -> pd.DataFrame:
    """The CSV a page offers today under ``stem``, read as a spreadsheet in lang reads it."""
    italian = lang == "it"
    return pd.read_csv(
        io.BytesIO(downloads[tables.download_name(stem, "csv", date.today())]),
        sep=";" if italian else ",",
        decimal="," if italian else ".",
        encoding="utf-8-sig",
        **options,
    )


def download_text(name: str, data: bytes) -> str:
    """All a downloaded file says, as text: a CSV as it is, a workbook cell by cell."""
    if not name.endswith(".xlsx"):
        return data.decode("utf-8-sig")
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(
        "\t".join("" if value is None else str(value) for value in row)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
    )


def deck_json(at: AppTest) -> dict[str, Any]:
    """The one pydeck chart of the page, as the JSON the browser gets."""
    decks = at.get("deck_gl_json_chart")
    assert len(decks) == 1
    return json.loads(decks[0].proto.json)  # type: ignore[no-any-return]


def map_figure(at: AppTest) -> dict[str, Any]:
    """The page's one map figure (an SVG plotly figure whose traces name their map layer in
    ``meta``), as the JSON the browser gets, with the chart's ``config`` and whether a click
    selects (``clicks``)."""
    maps = []
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        if any(trace.get("meta") == "world" for trace in spec["data"]):
            spec["config"] = json.loads(chart.proto.config or "{}")
            spec["clicks"] = list(chart.proto.selection_mode) == [0]  # POINTS only
            maps.append(spec)
    assert len(maps) == 1, f"{len(maps)} map figures"
    return maps[0]


def map_layers(spec: dict[str, Any]) -> list[str]:
    """The map layers a map figure draws, bottom to top (each trace's ``meta``)."""
    layers: list[str] = []
    for trace in spec["data"]:
        if trace.get("meta") and trace["meta"] not in layers:
            layers.append(trace["meta"])
    return layers


def map_traces(spec: dict[str, Any], layer: str) -> list[dict[str, Any]]:
    """The traces of one layer of a map figure."""
    return [trace for trace in spec["data"] if trace.get("meta") == layer]


def map_objects(spec: dict[str, Any], layer: str) -> list[tuple[str, str]]:
    """The clickable objects of one layer of a map figure: (selection id, tooltip) per marker."""
    return [
        (str(ident), str(tip))
        for trace in map_traces(spec, layer)
        if trace.get("customdata")
        for ident, tip in zip(trace["customdata"], trace["hovertext"], strict=True)
    ]


def url_param(at: AppTest, key: str) -> list[str]:
    """The values of one query parameter as the page left it ([] when absent)."""
    value = at.query_params.get(key, [])
    return list(value) if isinstance(value, list | tuple) else [value]


def captions(at: AppTest) -> str:
    """Every caption of the page, one a line."""
    return "\n".join(c.value for c in at.caption)


def link_cells(table: pd.DataFrame, heading: str, lang: Lang) -> list[tuple[str, dict[str, str]]]:
    """A table's linked names (``widgets.Link``) as the text each row shows under ``heading``
    and the page its link column opens, e.g. ("Roma", {"page": "municipality", "code":
    "058091", "lang": "it"})."""
    from urllib.parse import parse_qsl, urlsplit

    from ponti.i18n import t

    opener = t("table.open", lang, heading=heading)
    cells = []
    for text, value in zip(table[heading], table[opener], strict=True):
        parts = urlsplit(str(value))
        cells.append((str(text), {"page": parts.path, **dict(parse_qsl(parts.query))}))
    return cells


def png_size(data: bytes) -> tuple[int, int]:
    """A PNG's width and height in pixels (and that it is a PNG)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def not_blank(data: bytes) -> None:
    """A picture with something drawn: many colours, not nearly all white."""
    from PIL import Image

    image = Image.open(io.BytesIO(data)).convert("RGB")
    colours = image.getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50, "the picture is (nearly) one colour"
    white = max((count for count, colour in colours if colour == (255, 255, 255)), default=0)
    assert white < 0.97 * image.width * image.height
