"""Every page through AppTest, in both languages, on a store holding an IATI activity imported
with its lead association left to fill in (``--iati-unmatched keep``) and a project shared
among countries: nothing crashes, nothing names a lead the project does not have, and the
Data page's quality view lists it for completion."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import loaders
from loaders import iati
from ponti import schema
from ponti.store import DATA_DIR_ENV, Store
from tests.apptest import open_app
from tests.conftest import staff_site

XML = Path(__file__).resolve().parent / "fixtures" / "iati" / "iati-ids-split-amounts-2.03.xml"
KEPT = "XM-DAC-6-4-002003"  # implemented by no Ponti association; shared SEN:50|GMB:50
PASSWORD = "test-staff-password"
PAGES = (
    "overview",
    "bridges",
    "associations",
    "association",
    "municipality",
    "twinnings",
    "agenda",
    "funding",
    "present",
    "embed",
    "embed_code",
    "data",
)


@pytest.fixture(scope="module")
def _kept_template(_seeded_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("kept") / "store"
    shutil.copytree(_seeded_template, root)
    store = Store(root)
    with iati.reading(unmatched="keep"):
        plan = loaders.prepare_import([XML], store, mode="update")
    assert plan.ok, plan.report.to_text("en")
    loaders.commit_import(plan, store, note="IATI", author="test")
    stored = store.read(schema.PROJECTS).set_index(schema.P_ID)
    assert pd.isna(stored.loc[KEPT, schema.P_LEAD])
    return root


@pytest.fixture
def kept_env(
    _kept_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Store]:
    root = tmp_path / "store"
    shutil.copytree(_kept_template, root)
    monkeypatch.setenv(DATA_DIR_ENV, str(root))
    staff_site(monkeypatch, PASSWORD)
    yield Store(root)


def _walk(node: Any) -> Iterator[Any]:
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _walk(child)


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_with_a_project_whose_lead_is_to_fill_in(
    kept_env: Store, page: str, lang: str
) -> None:
    at = open_app(page, {"lang": lang})  # asserts no exception
    shown = "\n".join(str(node.proto) for node in _walk(at._tree) if getattr(node, "proto", None))
    assert len(shown) > 1000  # the page drew something
    # A lead-less project is never shown as a lead called "<NA>", nor linked to one.
    assert "<NA>" not in shown and "id=%3CNA%3E" not in shown and "id=nan" not in shown


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_quality_view_lists_the_project_to_complete(kept_env: Store, lang: str) -> None:
    at = open_app("data", {"lang": lang})
    at.text_input(key="dt_name").input("Maria Rossi")
    at.text_input(key="dt_password").input(PASSWORD)
    at.button(key="dt_sign_in").click().run()
    assert not at.exception, [e.value for e in at.exception]
    title = {
        "it": "Progetti da completare (associazione capofila da indicare)",
        "en": "Projects to complete (lead association to fill in)",
    }[lang]
    assert f"**{title}**" in [m.value for m in at.markdown]
    frames = [f.value for f in at.dataframe]
    listing = [f for f in frames if KEPT in f.astype(str).to_numpy().ravel().tolist()]
    assert listing, "the kept project is not listed"
