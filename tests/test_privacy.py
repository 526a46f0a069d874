"""No personal data anywhere a user can look: every page and every download, both languages.

The demo data carries fictitious contacts ("Referente Demo 001", referente001@example.org,
"+39 000 000 0001"); private columns are dropped where the dashboard reads a version, so
none of those values may appear in what a page shows or offers for download.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ponti import privacy, schema
from ponti.filters import Filters
from ponti.store import Store
from ponti.transforms import Dataset, apply_filters
from ponti.transforms import bridges as bridges_tf
from tests.apptest import open_app

PAGES = (
    "overview",
    "bridges",
    "twinnings",
    "municipality",
    "associations",
    "association",
    "agenda",
    "funding",
)


def _contacts(store: Store) -> set[str]:
    contacts = privacy.read_contacts(store)
    values = contacts[[c for c in contacts.columns if c in schema.PRIVATE_COLUMNS]]
    found = {str(v) for v in values.stack().dropna() if str(v).strip()}
    assert len(found) > 300, "the demo data should carry contacts for this test to mean much"
    return found


def _walk(node: Any) -> Iterator[Any]:
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _walk(child)


def _page_text(at: AppTest) -> str:
    """Everything the page sent to the browser: texts, tables (Arrow bytes), chart specs."""
    parts = []
    for node in _walk(at._tree):
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
    return "\n".join(parts)


def _download_text(name: str, data: bytes) -> str:
    if name.endswith(".xlsx"):
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        return "\n".join(
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    return data.decode("utf-8-sig", errors="replace")


def _selection_of_busiest_city(store: Store) -> str:
    data = apply_filters(Dataset.from_tables(store.read_all()), Filters())
    points = bridges_tf.association_points(data.associations)
    return str(points.sort_values("associations", ascending=False).iloc[0]["id"])


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_no_page_and_no_download_shows_a_contact(
    demo_env: Store, downloads: dict[str, bytes], page: str, lang: str
) -> None:
    query: dict[str, str | list[str]] = {"lang": lang}
    if page == "bridges":  # open the detail panel: the tables most likely to leak
        query["bm_sel"] = _selection_of_busiest_city(demo_env)
    if page == "agenda":  # open one goal's projects table
        query["ag_goal"] = "4"
    if page == "municipality":  # the busiest profile: associations, projects, funders
        query["code"] = "035033"
    if page == "association":  # one with projects led and partnered, partners and leads
        query["id"] = "ASS-0034"
    at = open_app(page, query)
    assert not at.exception
    shown = _page_text(at)
    assert len(shown) > 10_000, "the walk over the page found too little to be meaningful"
    assert downloads, "the page offered no download to check"
    contacts = _contacts(demo_env)
    leaked = {value for value in contacts if value in shown}
    assert not leaked, f"{page}: contacts on the page: {sorted(leaked)[:5]}"
    for name, data in downloads.items():
        text = _download_text(name, data)
        leaked = {value for value in contacts if value in text}
        assert not leaked, f"{name}: contacts in the download: {sorted(leaked)[:5]}"


def test_the_dashboard_reads_versions_without_private_columns(demo_env: Store) -> None:
    at = open_app(None, {"lang": "en"})
    context = at.session_state["ponti_context"]
    data: Dataset = context.data
    for kind, frame in data.tables().items():
        assert not schema.PRIVATE_COLUMNS & set(frame.columns), kind
    # The store itself still has them: only the dashboard's read drops them.
    assert set(demo_env.read(schema.ASSOCIATIONS).columns) >= schema.PRIVATE_COLUMNS


def test_public_tables_drop_exactly_the_private_columns(demo_store: Store) -> None:
    tables = demo_store.read_all()
    public = privacy.public_tables(tables)
    for kind, frame in tables.items():
        expected = [c for c in frame.columns if c not in schema.PRIVATE_COLUMNS]
        assert list(public[kind].columns) == expected
    contacts = privacy.read_contacts(demo_store)
    assert list(contacts.columns) == [
        schema.A_ID,
        schema.A_NAME,
        schema.A_CONTACT_NAME,
        schema.A_CONTACT_EMAIL,
        schema.A_CONTACT_PHONE,
    ]
    assert isinstance(contacts, pd.DataFrame) and len(contacts) == len(tables["associations"])
