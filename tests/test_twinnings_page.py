"""The Twinnings page through AppTest from dashboard.py, in both languages, on the demo store."""

from __future__ import annotations

import json
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from ponti import filters as flt
from ponti import formats, i18n
from ponti.store import Store
from ponti.transforms import Dataset, apply_filters
from ponti.transforms import twinnings as tf
from tests.apptest import captions as _captions
from tests.apptest import link_cells, map_figure, map_layers, map_objects, open_app
from tests.apptest import url_param as _param

REGGIO = "035033"  # Reggio nell'Emilia


def _open(query: dict[str, str | list[str]] | None = None) -> AppTest:
    return open_app("twinnings", query)


def _timeline(at: AppTest) -> dict[str, Any]:
    """The timeline's figure (the page's other plotly chart is its map)."""
    (spec,) = [
        json.loads(chart.proto.spec)
        for chart in at.get("plotly_chart")
        if '"meta":"world"' not in chart.proto.spec
    ]
    return spec  # type: ignore[no-any-return]


def _data(store: Store) -> Dataset:
    return apply_filters(Dataset.from_tables(store.read_all()), flt.Filters())


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_page_draws_the_map_table_and_timeline(demo_env: Store, lang: str) -> None:
    at = _open({"lang": lang})
    assert at.title[0].value == i18n.t("twinnings.title", lang)
    data = _data(demo_env)
    # The map: an SVG figure (no WebGL map offline); a click picks what its markers carry.
    figure = map_figure(at)
    assert not at.get("deck_gl_json_chart")
    assert figure["clicks"] and figure["config"]["scrollZoom"]
    assert map_layers(figure) == ["world", "italy", "twinnings", "partners", "municipalities"]
    # One arc per municipality and partner city: a click selects every agreement between
    # them, each named in the tooltip.
    pairs = map_objects(figure, "twinnings")
    arcs = tf.twinning_arcs(data.twinnings)
    assert {ident for ident, _ in pairs} == {
        tf.pair_selection(str(m), str(p))
        for m, p in zip(arcs[tf.MUNICIPALITY], arcs[tf.PLACE], strict=True)
    }
    assert all(tf.parse_map_selection(ident) for ident, _ in map_objects(figure, "partners"))
    chosen = {
        ident: tf.selected_arcs(arcs, selection)
        for ident, _ in pairs
        if (selection := tf.parse_map_selection(ident)) is not None
    }
    assert sum(len(rows) for rows in chosen.values()) == len(arcs)
    ident, tip = pairs[0]
    assert str(chosen[ident]["partner"].iloc[0]) in tip
    assert any(i18n.label("twinning_status", s, lang) in tip for s in tf.CODES["status"])
    # The timeline: one stacked bar trace per status present, summing to the dated agreements.
    spec = _timeline(at)
    bars = [trace for trace in spec["data"] if trace["type"] == "bar"]
    assert sum(sum(trace["y"]) for trace in bars) == int(
        data.twinnings["year_signed"].notna().sum()
    )
    assert {trace["name"] for trace in bars} <= {
        i18n.label("twinning_status", code, lang) for code in tf.CODES["status"]
    }
    # The table of every agreement, headed in the language.
    partner = i18n.t("column.partner", lang)
    tables = [frame.value for frame in at.dataframe]
    table = next(t for t in tables if partner in t and len(t) == len(data.twinnings))
    assert i18n.t("column.twinning_status", lang) in table
    # Summary in words, the weights shown.
    assert i18n.t("twinnings.summary.title", lang) in _captions(at)
    markdown = "\n".join(m.value for m in at.markdown)
    for part in tf.PARTS:
        assert i18n.t(f"twinnings.part.{part}", lang) in markdown
    # The default municipality is the one with the most associations.
    assert at.selectbox(key="tw_city").value == next(
        iter(tf.municipalities_with_associations(data.associations))
    )


@pytest.mark.parametrize("lang", ["it", "en"])
def test_a_link_with_a_city_reopens_its_opportunities(demo_env: Store, lang: str) -> None:
    at = _open({"lang": lang, "tw_city": REGGIO, "tw_split": "type"})
    assert at.selectbox(key="tw_city").value == REGGIO
    assert at.segmented_control(key="tw_split").value == "type"
    assert _param(at, "tw_city") == [REGGIO]
    pairs = tf.opportunity_pairs(_data(demo_env))
    expected = tf.opportunities_for(pairs, REGGIO)
    assert len(expected) >= 3, "the demo should give Reggio nell'Emilia three opportunities"
    described = tf.describe_opportunities(expected, lang)
    captions = _captions(at)
    for why in described["why"].head(3):
        # Shown as text: the markdown source of the caption is the sentence, escaped.
        assert formats.escape_markdown(why) in captions
    # Timeline split by type: bars named after the types.
    spec = _timeline(at)
    names = {trace["name"] for trace in spec["data"]}
    assert names <= {i18n.label("twinning_type", code, lang) for code in tf.CODES["type"]}


def test_the_municipality_filter_chooses_the_city(demo_env: Store) -> None:
    at = _open({"lang": "en", "municipality": REGGIO})
    assert not at.selectbox or "tw_city" not in [s.key for s in at.selectbox]
    assert "Reggio" in _captions(at)


def test_the_reverse_view_follows_its_link(demo_env: Store) -> None:
    pairs = tf.opportunity_pairs(_data(demo_env))
    place = "t:1164909"
    at = _open({"lang": "en", "tw_origin": place})
    assert at.selectbox(key="tw_origin").value == place
    ties = tf.ties_to(pairs, place)
    names = set(tf.describe_opportunities(ties, "en")["municipality"])
    heading = i18n.t("column.municipality", "en")
    # The municipality names open their profiles.
    tables = [frame.value for frame in at.dataframe if heading in frame.value]
    shown = [{text for text, _ in link_cells(table, heading, "en")} for table in tables]
    assert names in shown
    table = tables[shown.index(names)]
    codes = {str(code) for code in ties["municipality_istat"]}
    targets = link_cells(table, heading, "en")
    assert {target["code"] for _, target in targets} == codes
    assert all(target["page"] == "municipality" and target["lang"] == "en" for _, target in targets)


@pytest.mark.parametrize("lang", ["it", "en"])
def test_a_selection_link_opens_its_agreements(demo_env: Store, lang: str) -> None:
    data = _data(demo_env)
    arcs = tf.twinning_arcs(data.twinnings)
    reggio = arcs[arcs["municipality_istat"] == REGGIO]
    assert not reggio.empty
    at = _open({"lang": lang, "tw_sel": f"M|{REGGIO}"})
    assert not at.exception
    assert _param(at, "tw_sel") == [f"M|{REGGIO}"]
    title = i18n.t("twinnings.detail.title", lang, title="Reggio nell'Emilia")
    assert title in [h.value for h in at.subheader]
    detail = at.dataframe[0].value  # the panel's table comes first, under the map
    partners = set(detail[i18n.t("column.partner", lang)])
    assert partners == set(reggio["partner"])
    # The panel opens the municipality's profile.
    links = [link.proto for link in at.get("page_link")]
    assert any(
        link.page.endswith("municipality") and "Reggio nell'Emilia" in link.label for link in links
    )
    # Clearing it empties the panel and the address.
    at.button(key="tw_clear").click().run()
    assert _param(at, "tw_sel") == []
    assert i18n.t("twinnings.detail.hint", lang) in [i.value for i in at.info]


def test_a_selection_that_is_not_shown_says_so(demo_env: Store) -> None:
    at = _open({"lang": "en", "tw_sel": "A|TWN-NOPE"})
    assert not at.exception
    assert i18n.t("twinnings.detail.invalid", "en") in [w.value for w in at.warning]
