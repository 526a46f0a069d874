"""The Bridges page through AppTest from dashboard.py, in both languages, on the demo store.

AppTest cannot click a map: selecting is tested in tests/test_bridges_browser.py. Here a
selection arrives as a link (``bm_sel``), exactly as a shared URL brings it.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from ponti import filters as flt
from ponti import i18n, schema
from ponti.store import Store
from ponti.transforms import Dataset, apply_filters
from ponti.transforms import bridges as tf
from tests.apptest import captions as _captions
from tests.apptest import deck_json as _deck
from tests.apptest import link_cells, open_app
from tests.apptest import url_param as _param


def _open(query: dict[str, str | list[str]] | None = None) -> AppTest:
    return open_app("bridges", query)


def _layer_ids(at: AppTest) -> list[str]:
    return [layer["id"] for layer in _deck(at)["layers"]]


def _data(store: Store) -> Dataset:
    return apply_filters(Dataset.from_tables(store.read_all()), flt.Filters())


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_page_draws_the_map_legend_and_summary(demo_env: Store, lang: str) -> None:
    at = _open({"lang": lang} if lang == "en" else None)
    assert at.title[0].value == i18n.t("bridges.title", lang)
    assert _layer_ids(at) == ["world", "italy", "twinnings", "links", "associations"]
    data = _data(demo_env)
    arcs = tf.link_arcs(data, "associations")
    links = next(layer for layer in _deck(at)["layers"] if layer["id"] == "links")
    assert len(links["data"]) == len(arcs)
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
    first = links["data"][0]["tip"]
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
    assert _layer_ids(at) == ["world", "context", "twinnings", "links"]
    spec = _deck(at)
    assert spec["initialViewState"]["zoom"] > 4  # the Italy preset
    data = _data(demo_env)
    context = next(layer for layer in spec["layers"] if layer["id"] == "context")
    assert len(context["data"]["features"]) == 107  # provinces
    links = next(layer for layer in spec["layers"] if layer["id"] == "links")
    assert len(links["data"]) == len(tf.link_arcs(data, "granted", "funder_type"))


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
    # The halo marks the selected arc on the map.
    halo = next(layer for layer in _deck(at)["layers"] if layer["id"] == "selected")
    assert len(halo["data"]) == 1
    # Closing the selection takes it out of the URL.
    at.button(key="bm_clear").click().run()
    assert "bm_sel" not in at.query_params
    assert any(i18n.t("bridges.detail.hint", lang) in info.value for info in at.info)


def test_a_selection_with_nothing_behind_it_says_so(demo_env: Store) -> None:
    at = _open({"lang": "en", "bm_sel": "M|001001"})  # Agliè: no association in the demo
    assert any(i18n.t("bridges.detail.empty", "en") in info.value for info in at.info)
