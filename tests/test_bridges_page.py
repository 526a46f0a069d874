"""The Bridges page through AppTest from dashboard.py, in both languages, on the demo store.

AppTest cannot click a map: selecting is tested in tests/test_bridges_browser.py. Here a
selection arrives as a link (``bm_sel``), exactly as a shared URL brings it. The map is an SVG
plotly figure, checked through its traces (each names its layer in ``meta``); with an internet
basemap configured it is the deck.
"""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

import widgets
from ponti import filters as flt
from ponti import i18n, schema
from ponti.store import Store
from ponti.transforms import Dataset, apply_filters
from ponti.transforms import bridges as tf
from tests.apptest import captions as _captions
from tests.apptest import deck_json as _deck
from tests.apptest import link_cells, map_figure, map_layers, map_objects, map_traces, open_app
from tests.apptest import url_param as _param


def _open(query: dict[str, str | list[str]] | None = None) -> AppTest:
    return open_app("bridges", query)


def _layer_ids(at: AppTest) -> list[str]:
    return map_layers(map_figure(at))


def _x_span(spec: dict[str, Any]) -> float:
    low, high = spec["layout"]["xaxis"]["range"]
    return float(high - low)


def _data(store: Store) -> Dataset:
    return apply_filters(Dataset.from_tables(store.read_all()), flt.Filters())


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_page_draws_the_map_legend_and_summary(demo_env: Store, lang: str) -> None:
    at = _open({"lang": lang} if lang == "en" else None)
    assert at.title[0].value == i18n.t("bridges.title", lang)
    spec = map_figure(at)
    assert map_layers(spec) == ["world", "italy", "twinnings", "links", "associations"]
    assert not at.get("deck_gl_json_chart")  # offline: no WebGL map
    # A click selects (points), the wheel zooms, a drag pans.
    assert spec["clicks"] and spec["config"]["scrollZoom"]
    assert spec["layout"]["dragmode"] == "pan" and spec["layout"]["uirevision"]
    data = _data(demo_env)
    arcs = tf.link_arcs(data, "associations")
    links = map_objects(spec, "links")
    assert [ident for ident, _ in links] == [
        tf.link_id(tf.KIND_LINK, pair) for pair in arcs[tf.PAIR]
    ]
    points = tf.association_points(data.associations)
    assert [ident for ident, _ in map_objects(spec, "associations")] == list(points[tf.PAIR])
    assert {ident[0] for ident, _ in map_objects(spec, "twinnings")} == {tf.KIND_TWINNING}
    # The text alternative names the arcs on screen in the user's language and numbers.
    summary = _captions(at)
    largest = arcs.iloc[0]
    assert str(largest["from_name"]) in summary
    assert i18n.t("bridges.summary.title", lang) in summary
    # A legend for the encodings, in the language.
    legend = "".join(str(element.proto.body) for element in at.get("html"))
    assert i18n.t("bridges.legend.colour.sdg", lang).replace("'", "&#x27;") in legend
    assert i18n.t("bridges.legend.points", lang) in legend
    # Without a selection the panel says how to get one.
    assert any(i18n.t("bridges.detail.hint", lang) in info.value for info in at.info)
    # Tooltips in the language.
    first = links[0][1]
    assert ("associazioni" if lang == "it" else "associations") in first


def test_a_link_reopens_the_view(demo_env: Store) -> None:
    at = _open(
        {
            "lang": "en",
            "bm_measure": "granted",
            "bm_colour": "funder_type",
            "bm_view": "italy",
            "bm_layers": ["links", "twinnings"],
            "bm_context": "density",
            "bm_level": "province",
        }
    )
    assert at.segmented_control(key="bm_measure").value == "granted"
    assert at.segmented_control(key="bm_colour").value == "funder_type"
    assert at.selectbox(key="bm_context").value == "density"
    spec = map_figure(at)
    assert map_layers(spec) == ["world", "context", "twinnings", "links"]
    assert _x_span(spec) < 40  # the Italy preset (the world view spans far more)
    data = _data(demo_env)
    # The provinces shaded by class: filled traces, and a hover text and id for each.
    shaded = [trace for trace in map_traces(spec, "context") if trace.get("fill") == "toself"]
    assert len(shaded) >= 2 and len({trace["fillcolor"] for trace in shaded}) == len(shaded)
    areas = map_objects(spec, "context")
    assert len(areas) == 107
    assert all(ident.startswith("A|province|") for ident, _ in areas)
    assert any("Milano" in tip for _, tip in areas)
    links = map_objects(spec, "links")
    assert len(links) == len(tf.link_arcs(data, "granted", "funder_type"))


def test_unknown_values_in_a_link_fall_back_to_defaults(demo_env: Store) -> None:
    at = _open({"bm_measure": "<script>", "bm_layers": ["nonsense"], "bm_sel": "L|x"})
    assert at.segmented_control(key="bm_measure").value == "associations"
    assert _layer_ids(at) == ["world", "italy", "twinnings", "links", "associations"]
    assert any(i18n.t("bridges.detail.invalid", "it") in w.value for w in at.warning)


def test_choosing_controls_writes_codes_into_the_url(demo_env: Store) -> None:
    at = _open({"lang": "en"})
    at.segmented_control(key="bm_measure").set_value("projects").run()
    at.segmented_control(key="bm_view").set_value("italy").run()
    at.pills(key="bm_layers").set_value(["links"]).run()
    assert not at.exception
    assert _param(at, "bm_measure") == ["projects"]
    assert _param(at, "bm_view") == ["italy"]
    assert _param(at, "bm_layers") == ["links"]
    assert _layer_ids(at) == ["world", "italy", "links"]
    at.pills(key="bm_layers").set_value([]).run()
    assert _param(at, "bm_layers") == ["none"]
    assert _layer_ids(at) == ["world", "italy"]
    at.segmented_control(key="bm_measure").set_value("associations").run()
    assert "bm_measure" not in at.query_params  # the default stays out of the link


def test_stage_colours_do_not_apply_to_association_arcs(demo_env: Store) -> None:
    at = _open({"lang": "en", "bm_colour": "stage"})
    assert i18n.t("bridges.dimension.note", "en") in _captions(at)
    legend = "".join(str(element.proto.body) for element in at.get("html"))
    assert "SDG" in legend and "Completed" not in legend


@pytest.mark.parametrize("lang", ["it", "en"])
def test_a_selection_in_the_link_opens_its_detail(demo_env: Store, lang: str) -> None:
    data = _data(demo_env)
    arcs = tf.link_arcs(data, "projects")
    pair = str(arcs.iloc[0][tf.PAIR])
    selection = tf.parse_selection(tf.link_id(tf.KIND_LINK, pair))
    assert selection is not None
    expected = tf.selection_items(data, selection, lang)
    at = _open({"lang": lang, "bm_measure": "projects", "bm_sel": selection.id})
    assert at.subheader[0].value == i18n.t("bridges.detail.title", lang, title=expected.title)
    tables = [frame.value for frame in at.dataframe]
    title, name = i18n.t("column.title", lang), i18n.t("column.name", lang)
    assert set(expected.projects["title"]) in [set(t[title]) for t in tables if title in t]
    # Association names open their profiles (the link carries the id; the cell shows the name).
    shown = [{text for text, _ in link_cells(t, name, lang)} for t in tables if name in t]
    assert set(expected.associations["name"]) in shown
    # Record ids are Ponti's own, not the reader's: no table shows them as text.
    ids = set(expected.projects["id"]) | set(expected.associations["id"])
    assert not any(ids & set(map(str, table.to_numpy().ravel())) for table in tables)
    assert len(expected.projects) == int(arcs.iloc[0]["projects"])
    for table in tables:
        assert not schema.PRIVATE_COLUMNS & set(table.columns)
    # The halo marks the selected arc on the map: a dark band under it.
    (halo,) = map_traces(map_figure(at), "selected")
    assert halo["mode"] == "lines" and halo["line"]["width"] > 6
    # Closing the selection takes it out of the URL.
    at.button(key="bm_clear").click().run()
    assert "bm_sel" not in at.query_params
    assert any(i18n.t("bridges.detail.hint", lang) in info.value for info in at.info)


def test_a_selection_with_nothing_behind_it_says_so(demo_env: Store) -> None:
    at = _open({"lang": "en", "bm_sel": "M|001001"})  # Agliè: no association in the demo
    assert any(i18n.t("bridges.detail.empty", "en") in info.value for info in at.info)


def test_a_selected_point_or_area_has_its_halo(demo_env: Store) -> None:
    data = _data(demo_env)
    top = tf.association_points(data.associations).iloc[0]
    at = _open({"lang": "en", "bm_sel": str(top[tf.PAIR])})
    (ring,) = map_traces(map_figure(at), "selected")
    assert ring["marker"]["symbol"] == "circle-open"
    at = _open({"lang": "en", "bm_context": "residents", "bm_sel": "A|region|03"})
    spec = map_figure(at)
    (outline,) = map_traces(spec, "selected")
    assert outline["mode"] == "lines" and outline["line"]["width"] >= 3
    assert outline.get("fill") in (None, "none")
    assert i18n.t("bridges.detail.title", "en", title="Lombardia") == at.subheader[0].value


def test_an_internet_basemap_keeps_the_deck(
    demo_env: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(widgets.BASEMAP_ENV, "https://tiles.example.org/style.json")
    at = _open({"lang": "en"})
    ids = [layer["id"] for layer in _deck(at)["layers"]]
    assert ids == ["italy", "twinnings", "links", "associations"]  # the basemap draws the rest
    assert not [c for c in at.get("plotly_chart") if '"meta":"world"' in c.proto.spec]
