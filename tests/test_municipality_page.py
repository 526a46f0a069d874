"""The Municipality page through AppTest from dashboard.py, in both languages, on the demo."""

from __future__ import annotations

import json

import pytest

from ponti import formats, i18n
from ponti.charts import bridges as bc
from ponti.store import Store
from ponti.transforms import Dataset
from ponti.transforms import bridges as bt
from ponti.transforms import municipality as mt
from ponti.transforms import twinnings as tf
from tests.apptest import captions as _captions
from tests.apptest import link_cells, map_figure, map_layers, map_traces, open_app
from tests.apptest import url_param as _param

REGGIO = "035033"  # Reggio nell'Emilia


@pytest.mark.parametrize("lang", ["it", "en"])
def test_a_link_opens_the_profile(demo_env: Store, lang: str) -> None:
    at = open_app("municipality", {"lang": lang, "code": REGGIO})
    assert "Reggio nell'Emilia" in at.title[0].value
    assert at.title[0].value == i18n.t("municipality.title.name", lang, name="Reggio nell'Emilia")
    assert _param(at, "code") == [REGGIO]
    # Opportunities: at least three, said in words; the weights shown.
    data = Dataset.from_tables(demo_env.read_all())
    expected = tf.opportunities_for(tf.opportunity_pairs(data), REGGIO)
    assert len(expected) >= 3
    captions = _captions(at)
    for why in tf.describe_opportunities(expected, lang)["why"].head(3):
        # Shown as text: the markdown source of the caption is the sentence, escaped.
        assert formats.escape_markdown(why) in captions
    markdown = "\n".join(m.value for m in at.markdown)
    for part in tf.PARTS:
        assert i18n.t(f"twinnings.part.{part}", lang) in markdown
    # Tables: associations, communities, projects (and by stage), twinnings, funders.
    headings = [set(frame.value.columns) for frame in at.dataframe]
    for column in ("founded", "change", "granted", "funder", "partner"):
        assert any(i18n.t(f"column.{column}", lang) in h for h in headings), column
    assert i18n.tn("count.associations", 6, lang) in markdown


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_profile_maps_its_bridges_and_draws_its_communities(demo_env: Store, lang: str) -> None:
    at = open_app("municipality", {"lang": lang, "code": REGGIO})
    assert not at.exception
    data = Dataset.from_tables(demo_env.read_all())
    profile = mt.profile_data(data, REGGIO)
    # The small map (an SVG figure, no WebGL offline): one circle (the municipality) and an
    # arc per association origin place, each with its tooltip.
    figure = map_figure(at)
    assert not at.get("deck_gl_json_chart")
    assert map_layers(figure)[:2] == [bc.LAYER_WORLD, bc.LAYER_ITALY]

    def tips(layer: str) -> list[str]:
        return [tip for trace in map_traces(figure, layer) for tip in trace.get("hovertext") or []]

    assert len(tips(bc.LAYER_POINTS)) == 1
    arcs = bt.link_arcs(profile, "associations", "sdg")
    assert len(tips(bc.LAYER_LINKS)) == len(arcs) > 0
    assert len(tips(bc.LAYER_TWINNINGS)) == len(bt.twinning_arcs(profile.twinnings))
    # The trend: one line per community, the largest first, in the language.
    trend = mt.communities_trend(profile.residents, lang)
    (spec,) = [
        json.loads(chart.proto.spec)
        for chart in at.get("plotly_chart")
        if '"meta":"world"' not in chart.proto.spec
    ]
    assert [trace["name"] for trace in spec["data"]] == list(dict.fromkeys(trend["country"]))
    # Links onward: the Bridges map cut to the municipality, the Twinnings page.
    links = [link.proto.page for link in at.get("page_link")]
    assert any(page.endswith("bridges") for page in links), links


@pytest.mark.parametrize("lang", ["it", "en"])
def test_an_unknown_code_says_so(demo_env: Store, lang: str) -> None:
    at = open_app("municipality", {"lang": lang, "code": "999999"})
    assert at.title[0].value == i18n.t("municipality.title", lang)
    assert [w.value for w in at.warning] == [i18n.t("municipality.unknown", lang, code="999999")]
    assert not at.dataframe


def test_without_a_code_the_busiest_municipality_is_shown(demo_env: Store) -> None:
    at = open_app("municipality", {"lang": "en"})
    data = Dataset.from_tables(demo_env.read_all())
    busiest = next(iter(tf.municipalities_with_associations(data.associations)))
    assert at.selectbox(key="mu_choice").value == busiest
    assert _param(at, "code") == [busiest]
    at.selectbox(key="mu_choice").set_value(REGGIO).run()
    assert not at.exception
    assert "Reggio nell'Emilia" in at.title[0].value
    assert _param(at, "code") == [REGGIO]


def test_the_municipality_filter_chooses_it(demo_env: Store) -> None:
    at = open_app("municipality", {"lang": "en", "municipality": REGGIO})
    assert "Reggio nell'Emilia" in at.title[0].value
    assert "mu_choice" not in [s.key for s in at.selectbox]


def test_the_twinnings_page_links_to_the_profile(demo_env: Store) -> None:
    at = open_app("twinnings", {"lang": "en", "tw_city": REGGIO})
    links = [link.proto for link in at.get("page_link")]
    assert any(
        link.page == "municipality" and f"code={REGGIO}" in link.query_string for link in links
    )


def test_its_associations_open_their_profiles(demo_env: Store) -> None:
    at = open_app("municipality", {"lang": "it", "code": REGGIO})
    data = Dataset.from_tables(demo_env.read_all())
    mine = data.associations[data.associations["municipality_istat"] == REGGIO]
    heading = i18n.t("column.name", "it")
    table = next(frame.value for frame in at.dataframe if heading in frame.value)
    cells = link_cells(table, heading, "it")
    assert {text for text, _ in cells} == set(mine["name"])
    assert {target["id"] for _, target in cells} == set(mine["association_id"])
    assert all(target["page"] == "association" for _, target in cells)
