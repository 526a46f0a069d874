"""The Funding page through AppTest from dashboard.py, in both languages, on the demo store.

AppTest does not carry widget state into the URL (the browser does), so links that reopen a
chosen Sankey are tested in tests/test_funding_browser.py.
"""

from __future__ import annotations

import base64
import io
import json
from datetime import date
from typing import Any

import numpy as np
import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from ponti import filters as flt
from ponti import formats, i18n, schema, tables
from ponti.store import Store
from ponti.transforms import Dataset, apply_filters
from ponti.transforms import calls as ct
from ponti.transforms import funding as tr
from tests.apptest import download_text, open_app, read_csv_download

CHART_TYPES = ["funnel", "bar", "sankey", "bar", "bar", "box", "bar"]
STEMS = (
    "ponti-funding-funnel",
    "ponti-funding-stages",
    "ponti-funding-success-funder",
    "ponti-funding-success-programme",
    "ponti-funding-decision-days",
    "ponti-funding-years",
    "ponti-funding-ending-soon",
    "ponti-funding-open-calls",
)


def _downloads() -> set[str]:
    # Each table comes as a workbook and as a CSV, named by what it is and today's date.
    today = date.today()
    return {tables.download_name(stem, ext, today) for stem in STEMS for ext in ("xlsx", "csv")}


def _open(query: dict[str, str | list[str]] | None = None) -> AppTest:
    return open_app("funding", query)


def _decoded(value: Any) -> Any:
    # plotly sends numeric arrays as base64 typed arrays: {"dtype": "i2", "bdata": "..."}.
    if isinstance(value, dict):
        if "bdata" in value and "dtype" in value:
            array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
            return array.reshape(value["shape"]).tolist() if "shape" in value else array.tolist()
        return {key: _decoded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decoded(item) for item in value]
    return value


def _figures(at: AppTest) -> list[dict[str, Any]]:
    return [_decoded(json.loads(chart.proto.spec)) for chart in at.get("plotly_chart")]


def _sankey(at: AppTest) -> dict[str, Any]:
    return next(f["data"][0] for f in _figures(at) if f["data"][0]["type"] == "sankey")


@pytest.mark.parametrize("lang", ["it", "en"])
def test_funding_page_draws_every_chart_in_the_language(
    demo_env: Store, downloads: dict[str, bytes], lang: i18n.Lang
) -> None:
    at = _open({"lang": lang} if lang == "en" else None)
    assert at.title[0].value == i18n.t("funding.title", lang)
    figures = _figures(at)
    assert [f["data"][0]["type"] for f in figures] == CHART_TYPES
    projects = Dataset.from_tables(demo_env.read_all()).projects
    funnel = tr.count_projects_reaching_stage(projects, lang)
    assert figures[0]["data"][0]["x"] == funnel["reached"].tolist()
    assert figures[0]["data"][0]["y"] == funnel["stage_label"].tolist()
    assert sum(figures[1]["data"][0]["x"]) == len(projects)
    assert i18n.label("stage", "rejected", lang) in _sankey(at)["node"]["label"]
    # The IATI legend is there, headed in the language.
    legend = next(df.value for df in at.dataframe if i18n.t("column.iati_code", lang) in df.value)
    assert len(legend) == len(schema.STAGES)
    # Subheaders and captions speak the language.
    subheaders = [s.value for s in at.subheader]
    assert i18n.t("funding.flows.title", lang) in subheaders
    assert i18n.t("funding.ending.title", lang) in subheaders
    total = i18n.t(
        "funding.at_stage.caption", lang, total=formats.format_number(len(projects), lang)
    )
    assert total in [c.value for c in at.caption]
    # Every chart offers exactly its data, headed in the language.
    assert set(downloads) >= _downloads()
    funnel_csv = read_csv_download(downloads, "ponti-funding-funnel", lang)
    assert list(funnel_csv.columns) == list(tables.public_table(funnel, lang).columns)
    assert funnel_csv.iloc[:, 1].tolist() == funnel["reached"].tolist()
    # Shares as percentages, read back as numbers whichever the decimal separator.
    conversion = funnel_csv[tables.heading("conversion", lang)]
    expected = (funnel["conversion"] * 100).round(1).tolist()
    assert conversion.tolist()[:-1] == pytest.approx(expected[:-1])
    csv_name = tables.download_name("ponti-funding-funnel", "csv", date.today())
    assert downloads[csv_name].startswith(b"\xef\xbb\xbf")  # BOM for Excel


def test_downloads_never_carry_personal_data(demo_env: Store, downloads: dict[str, bytes]) -> None:
    at = _open({"lang": "en"})
    at.segmented_control(key="fu_middle").set_value("programme").run()
    associations = demo_env.read(schema.ASSOCIATIONS)
    private_values = {
        str(v)
        for column in (schema.A_CONTACT_EMAIL, schema.A_CONTACT_PHONE)
        for v in associations[column].dropna()
        if str(v).strip()
    }
    assert private_values, "the demo should carry contacts, or this test proves nothing"
    assert len(downloads) >= len(_downloads()) + 2
    for name, data in downloads.items():
        text = download_text(name, data)
        header = text.splitlines()[0]
        assert not any(column in header for column in schema.PRIVATE_COLUMNS), name
        assert not any(value in text for value in private_values), name


def test_sankey_options_switch_and_keep_flows_balanced(demo_env: Store) -> None:
    at = _open()
    projects = Dataset.from_tables(demo_env.read_all()).projects
    first = _sankey(at)
    assert (
        "AICS" in first["node"]["label"]
        and i18n.label("m49", "002", "it") in first["node"]["label"]
    )
    at.segmented_control(key="fu_middle").set_value("programme").run()
    at.segmented_control(key="fu_dest").set_value("sdg").run()
    at.segmented_control(key="fu_measure").set_value("eur").run()
    assert not at.exception
    sankey = _sankey(at)
    labels = sankey["node"]["label"]
    assert i18n.sdg_label(4, "it") in labels
    assert i18n.label("m49", "002", "it") not in labels
    assert i18n.t("funding.others.programme", "it") in labels
    inflow: dict[int, float] = {}
    outflow: dict[int, float] = {}
    for s, t_, v in zip(*(sankey["link"][k] for k in ("source", "target", "value")), strict=True):
        outflow[s] = outflow.get(s, 0.0) + v
        inflow[t_] = inflow.get(t_, 0.0) + v
    for node in set(inflow) & set(outflow):
        assert inflow[node] == pytest.approx(outflow[node])
    first_level = set(outflow) - set(inflow)
    assert sum(outflow[n] for n in first_level) == pytest.approx(tr.project_eur(projects).sum())
    # The funnel follows the measure too.
    funnel = tr.count_projects_reaching_stage(projects, "it")
    assert _figures(at)[0]["data"][0]["x"] == pytest.approx(funnel["reached_eur"].tolist())


def test_shared_filters_apply_to_every_funding_chart(
    demo_env: Store, downloads: dict[str, bytes]
) -> None:
    at = _open({"funder": "aics", "origin": "m49:002"})
    data = Dataset.from_tables(demo_env.read_all())
    chosen = flt.Filters(funder_type=("aics",), origin=("m49:002",))
    view = apply_filters(data, chosen).projects
    # Each workbook says which filters made it, in words, and which version it comes from.
    workbook = downloads[tables.download_name("ponti-funding-stages", "xlsx", date.today())]
    about = openpyxl.load_workbook(io.BytesIO(workbook))[i18n.t("download.sheet.about", "it")]
    rows = dict(about.iter_rows(values_only=True))
    for label, values in flt.describe_filters(chosen, "it"):
        assert rows[i18n.t("download.filter", "it", label=label)] == values
    assert rows[i18n.t("download.version", "it")] == demo_env.current_id()
    assert 0 < len(view) < len(data.projects)
    figures = _figures(at)
    assert figures[0]["data"][0]["x"][0] == len(view)
    assert sum(figures[1]["data"][0]["x"]) == len(view)
    sankey = _sankey(at)
    assert sum(v for s, v in zip(sankey["link"]["source"], sankey["link"]["value"], strict=True)
               if s == 0) == len(view)  # fmt: skip
    assert sankey["node"]["label"][0] == i18n.label("funder_type", "aics", "it")


def test_a_filter_that_leaves_nothing_says_so(demo_env: Store) -> None:
    query = {"stage": "idea", "funder": "aics", "sdg": "14", "origin": "m49:009"}
    chosen = flt.Filters(stage=("idea",), funder_type=("aics",), sdg=(14,), origin=("m49:009",))
    assert apply_filters(Dataset.from_tables(demo_env.read_all()), chosen).projects.empty
    at = _open(query)  # type: ignore[arg-type]
    assert any(w.value == i18n.t("funding.empty", "it") for w in at.warning)


def test_sankey_choices_go_into_the_url_as_codes(demo_env: Store) -> None:
    at = _open({"lang": "en"})
    at.segmented_control(key="fu_dest").set_value("sdg").run()
    at.segmented_control(key="fu_measure").set_value("eur").run()
    assert at.query_params["fu_dest"] == "sdg"
    assert at.query_params["fu_measure"] == "eur"
    assert "fu_middle" not in at.query_params  # defaults stay out of the link
    at.segmented_control(key="fu_dest").set_value("region").run()
    assert "fu_dest" not in at.query_params
    assert at.query_params["fu_measure"] == "eur"


@pytest.mark.parametrize("lang", ["it", "en"])
def test_open_calls_are_listed_under_the_shared_filters(demo_env: Store, lang: str) -> None:
    today = date.today()
    data = Dataset.from_tables(demo_env.read_all())
    at = _open({"lang": lang})
    assert i18n.t("funding.calls.title", lang) in [h.value for h in at.subheader]
    title = i18n.t("column.title", lang)
    expected = ct.open_calls_table(data.calls, today, lang)
    assert not expected.empty
    tables_ = [f.value for f in at.dataframe if i18n.t("column.deadline", lang) in f.value]
    assert [list(t[title]) for t in tables_] == [list(expected["title"])]
    # Every call shown is open today; web pages are links.
    shown = data.calls[data.calls["title"].isin(expected["title"])]
    assert all(
        ct.is_open(o, c, today)
        for o, c in zip(shown["date_open"], shown["date_close"], strict=True)
    )
    page = tables_[0][i18n.t("column.call_page", lang)]
    assert all(str(v).startswith("https://") for v in page)
    # The origin filter keeps the calls open to that country, or to every country.
    at = _open({"lang": lang, "origin": "SEN"})
    cut = apply_filters(data, flt.Filters(origin=("SEN",))).calls
    expected = ct.open_calls_table(cut, today, lang)
    assert 0 < len(expected) < len(ct.open_calls(data.calls, today))
    tables_ = [f.value for f in at.dataframe if i18n.t("column.deadline", lang) in f.value]
    assert [list(t[title]) for t in tables_] == [list(expected["title"])]
