"""Twinnings transforms and charts, tested directly on the demo data (no Streamlit)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from ponti import filters as flt
from ponti import i18n, schema, tables
from ponti.charts import twinnings as charts
from ponti.store import Store
from ponti.transforms import Dataset, apply_filters
from ponti.transforms import bridges as bt
from ponti.transforms import twinnings as tf

REGGIO = "035033"  # Reggio nell'Emilia


@pytest.fixture(scope="module")
def data(_seeded_template: Path) -> Dataset:
    return apply_filters(Dataset.from_tables(Store(_seeded_template).read_all()), flt.Filters())


@pytest.fixture(scope="module")
def pairs(data: Dataset) -> pd.DataFrame:
    return tf.opportunity_pairs(data)


def _agreements(data: Dataset) -> dict[str, list[tuple[str, str, str]]]:
    """Every agreement by municipality as (place, partner country, status), found independently
    of the opportunity code (from the Bridges map's twinning links)."""
    links = bt.twinning_links(data.twinnings)
    twinnings = data.twinnings.set_index(schema.T_ID)
    found: dict[str, list[tuple[str, str, str]]] = {}
    for link in links.itertuples(index=False):
        country = str(twinnings.at[link.twinning_id, schema.T_PARTNER_COUNTRY])
        status = str(twinnings.at[link.twinning_id, schema.T_STATUS])
        found.setdefault(str(link.municipality_istat), []).append((link.place, country, status))
    return found


def _statuses(
    agreements: dict[str, list[tuple[str, str, str]]], municipality: str, place: str
) -> set[str]:
    """Every status of the municipality's agreements with the place."""
    return {
        status
        for where, country, status in agreements.get(municipality, [])
        if where == place or (place.startswith("c:") and place == "c:" + country)
    }


# -- opportunities ------------------------------------------------------------------------------
def test_opportunities_never_hold_an_existing_agreement(data: Dataset, pairs: pd.DataFrame) -> None:
    assert not pairs.empty
    agreements = _agreements(data)
    for row in pairs.itertuples(index=False):
        statuses = _statuses(agreements, row.municipality_istat, row.place)
        if row.agreement == tf.NO_AGREEMENT:
            assert not statuses, (row.municipality_istat, row.place, statuses)
        else:
            assert row.agreement == tf.DORMANT
            assert statuses == {tf.DORMANT}, (row.municipality_istat, row.place, statuses)
    # Every agreement other than dormant is missing from the candidates.
    links = bt.twinning_links(data.twinnings).join(
        data.twinnings.set_index(schema.T_ID)[schema.T_STATUS], on=schema.T_ID
    )
    listed = set(zip(pairs[tf.MUNICIPALITY], pairs[tf.PLACE], strict=True))
    for link in links.itertuples(index=False):
        if link.status != tf.DORMANT:
            assert (link.municipality_istat, link.place) not in listed


def test_an_agreement_of_any_status_but_dormant_removes_the_pair(data: Dataset) -> None:
    pairs = tf.opportunity_pairs(data)
    top = tf.opportunities_for(pairs, REGGIO).iloc[0]
    assert str(top[tf.PLACE]).startswith("t:")
    territory = str(top[tf.PLACE]).removeprefix("t:")
    for status, listed in (("active", None), ("proposed", None), ("dormant", tf.DORMANT)):
        extra = pd.DataFrame(
            {
                schema.T_ID: ["TWN-TEST"],
                schema.T_MUNICIPALITY: [REGGIO],
                schema.T_PARTNER_CITY: ["Test"],
                schema.T_PARTNER_COUNTRY: [str(top["place_country"])],
                schema.T_PARTNER_TERRITORY: [territory],
                schema.T_TYPE: ["gemellaggio"],
                schema.T_STATUS: [status],
                schema.T_YEAR: [2020],
            }
        ).astype({schema.T_YEAR: "Int64"})
        twinnings = pd.concat([data.twinnings, extra], ignore_index=True)
        changed = tf.opportunity_pairs(
            Dataset(data.associations, data.projects, twinnings, data.residents)
        )
        mine = changed[(changed[tf.MUNICIPALITY] == REGGIO) & (changed[tf.PLACE] == top[tf.PLACE])]
        if listed is None:
            assert mine.empty, status
        else:
            assert list(mine["agreement"]) == [listed]
            assert top[tf.PLACE] not in set(tf.opportunities_for(changed, REGGIO)[tf.PLACE])
            assert top[tf.PLACE] in set(tf.dormant_for(changed, REGGIO)[tf.PLACE])


def test_every_score_is_the_sum_of_its_weighted_parts(pairs: pd.DataFrame) -> None:
    assert set(tf.WEIGHTS) == {"associations", "ratio", "projects", "precedents"}
    for row in pairs.to_dict("records"):
        expected = sum(weight * float(row[part]) for part, weight in tf.WEIGHTS.items())
        assert row["score"] == pytest.approx(expected)
    assert list(pairs["score"]) == sorted(pairs["score"], reverse=True)


def test_parts_are_counted_right_for_reggio(data: Dataset, pairs: pd.DataFrame) -> None:
    mine = tf.opportunities_for(pairs, REGGIO)
    assert len(mine) >= 3
    links = bt.association_links(data.associations)
    for row in mine.itertuples(index=False):
        on_pair = links[(links[tf.MUNICIPALITY] == REGGIO) & (links[tf.PLACE] == row.place)]
        assert row.associations == on_pair[schema.A_ID].nunique()
        assert row.ratio >= 0
    # The residents ratio: the provincial share of the citizenship over the national share.
    first = mine.iloc[0]
    residents = data.residents[data.residents[schema.R_YEAR] == data.residents[schema.R_YEAR].max()]
    province = residents[residents[schema.R_PROVINCE] == "035"]
    country = str(first["place_country"])
    local = province.loc[province[schema.R_CITIZENSHIP] == country, schema.R_RESIDENTS].sum()
    national = residents.loc[residents[schema.R_CITIZENSHIP] == country, schema.R_RESIDENTS].sum()
    share = (local / province[schema.R_RESIDENTS].sum()) / (
        national / residents[schema.R_RESIDENTS].sum()
    )
    assert first["residents"] == local
    assert first["ratio"] == pytest.approx(float(share))


def test_the_reverse_view_agrees_with_the_forward_view(pairs: pd.DataFrame) -> None:
    # Forward: every municipality's opportunities, gathered by place.
    forward: dict[str, set[tuple[str, float]]] = {}
    for municipality in sorted(set(pairs[tf.MUNICIPALITY])):
        for row in tf.opportunities_for(pairs, municipality).itertuples(index=False):
            forward.setdefault(row.place, set()).add((municipality, row.score))
    assert forward
    for place, expected in forward.items():
        reverse = tf.ties_to(pairs, place)
        assert set(zip(reverse[tf.MUNICIPALITY], reverse["score"], strict=True)) == expected
        assert list(reverse["score"]) == sorted(reverse["score"], reverse=True)
    for row in tf.opportunities_for(pairs, REGGIO).itertuples(index=False):
        reverse = tf.ties_to(pairs, row.place)
        assert REGGIO in set(reverse[tf.MUNICIPALITY])


@pytest.mark.parametrize("lang", ["it", "en"])
def test_each_opportunity_says_why_in_words(pairs: pd.DataFrame, lang: i18n.Lang) -> None:
    row = tf.opportunities_for(pairs, REGGIO).iloc[0]
    sentence = tf.opportunity_sentence(row, lang)
    country = i18n.country_name(str(row["place_country"]), lang)
    assert country in sentence
    assert i18n.tn("count.associations", int(row["associations"]), lang) in sentence
    assert sentence.endswith(i18n.t("twinnings.why.no_agreement", lang))
    residents = f"{int(row['residents']):,}"
    assert (residents.replace(",", ".") if lang == "it" else residents) in sentence
    assert ("volte la media nazionale" if lang == "it" else "times the national share") in sentence


def test_the_default_city_has_the_most_associations(data: Dataset) -> None:
    cities = tf.municipalities_with_associations(data.associations)
    counts = data.associations[schema.A_MUNICIPALITY].value_counts()
    assert next(iter(cities)) == counts.idxmax()


# -- dormant agreements where the diaspora is active --------------------------------------------
def test_dormant_active_matches_an_independent_loop(data: Dataset) -> None:
    expected = {}
    for tw in data.twinnings.to_dict("records"):
        if tw[schema.T_STATUS] != "dormant":
            continue
        associations, projects = set(), set()
        for a in data.associations.to_dict("records"):
            if a[schema.A_MUNICIPALITY] != tw[schema.T_MUNICIPALITY]:
                continue
            if tw[schema.T_PARTNER_COUNTRY] not in list(a[schema.A_COUNTRIES]):
                continue
            for p in data.projects.to_dict("records"):
                if (
                    p[schema.P_LEAD] == a[schema.A_ID]
                    and p[schema.P_COUNTRY] == tw[schema.T_PARTNER_COUNTRY]
                ):
                    associations.add(a[schema.A_ID])
                    projects.add(p[schema.P_ID])
        if projects:
            expected[tw[schema.T_ID]] = (sorted(associations), sorted(projects))
    found = tf.dormant_active(data)
    assert expected, "the demo should have dormant agreements with an active diaspora"
    assert {
        row.twinning_id: (row.association_ids, row.project_ids)
        for row in found.itertuples(index=False)
    } == expected


# -- table, counts, timeline ------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["it", "en"])
def test_tables_for_people_are_public_and_labelled(
    data: Dataset, pairs: pd.DataFrame, lang: i18n.Lang
) -> None:
    frames = [
        tf.twinnings_table(data.twinnings, lang),
        tf.count_table(data.twinnings, "status"),
        tf.timeline_table(tf.timeline(data.twinnings, "type"), "type", lang),
        tf.describe_dormant(tf.dormant_active(data), data, lang),
        tf.describe_opportunities(tf.opportunities_for(pairs, REGGIO), lang),
    ]
    for frame in frames:
        table = tables.public_table(frame, lang)  # every column declared
        assert "id" not in table.columns
    table = tables.public_table(frames[0], lang)
    assert len(table) == len(data.twinnings)
    status = table[i18n.t("column.twinning_status", lang)]
    labels = {i18n.label("twinning_status", c, lang) for c in schema.TWINNING_STATUSES}
    assert set(status) <= labels


@pytest.mark.parametrize("split", tf.SPLITS)
def test_counts_and_timeline_add_up(data: Dataset, split: str) -> None:
    counts = tf.count_by(data.twinnings, split)
    assert list(counts["code"]) == list(tf.CODES[split])
    assert counts["twinnings"].sum() == len(data.twinnings)
    years = tf.timeline(data.twinnings, split)
    assert years["twinnings"].sum() + tf.undated(data.twinnings) == len(data.twinnings)
    fig = charts.twinnings_by_year_bar(years, split=split, lang="it")
    assert fig.layout.barmode == "stack"
    assert sum(sum(trace.y) for trace in fig.data) == years["twinnings"].sum()
    by_name = {trace.name: sum(trace.y) for trace in fig.data}
    for code, n in counts.itertuples(index=False):
        label = i18n.label(tf.VOCABULARY[split], code, "it")
        dated = years.loc[years["code"] == code, "twinnings"].sum()
        assert by_name.get(label, 0) == dated <= n


def test_timeline_labels_are_escaped(data: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(
        i18n.VOCABULARIES["twinning_status"], "active", {"it": "<a href='x'>A</a>", "en": "x"}
    )
    fig = charts.twinnings_by_year_bar(
        tf.timeline(data.twinnings, "status"), split="status", lang="it"
    )
    names = [trace.name for trace in fig.data]
    assert "&lt;a href='x'&gt;A&lt;/a&gt;" in names
    assert not any("<a" in json.dumps(trace.to_plotly_json()) for trace in fig.data)


# -- the map ------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_deck_draws_every_placed_agreement(data: Dataset, lang: i18n.Lang) -> None:
    arcs = tf.twinning_arcs(data.twinnings)
    built = charts.twinnings_deck(arcs, lang=lang)
    # Streamlit reads the tooltip from the Deck; "text" is never parsed as HTML.
    assert built._tooltip == {"text": "{tip}"}
    deck = json.loads(built.to_json())
    layers = {layer["id"]: layer for layer in deck["layers"]}
    assert deck["mapStyle"] == charts.BLANK_STYLE
    records = layers[charts.LAYER_ARCS]["data"]
    assert len(records) == len(arcs) > 0
    for record, row in zip(records, arcs.itertuples(index=False), strict=True):
        assert record["c"][:3] == charts.hex_to_rgb(charts.STATUS_COLOURS[row.status])[:3]
        assert record["w"] == charts.TYPE_WIDTHS[row.type]
        assert i18n.label("twinning_status", row.status, lang) in record["tip"]
    assert len(layers[charts.LAYER_MUNICIPALITIES]["data"]) == arcs[tf.MUNICIPALITY].nunique()
    assert len(layers[charts.LAYER_PARTNERS]["data"]) == arcs[tf.PLACE].nunique()
    view = charts.opening_view(arcs)
    assert deck["initialViewState"]["zoom"] == view.zoom


def test_the_map_opens_on_its_agreements_and_says_so(data: Dataset) -> None:
    mine = data.twinnings[data.twinnings[schema.T_MUNICIPALITY] == "058091"]
    arcs = tf.twinning_arcs(mine)
    wide = charts.opening_view(tf.twinning_arcs(data.twinnings))
    assert charts.opening_view(arcs).zoom >= wide.zoom
    empty = tf.twinning_arcs(data.twinnings.iloc[0:0])
    assert charts.opening_view(empty) == charts.WORLD_VIEW
    assert charts.describe_map(empty, lang="en") == i18n.t("chart.empty", "en")
    text = charts.describe_map(arcs, lang="it")
    assert i18n.tn("count.twinnings", len(arcs), "it") in text
    legend = charts.legend_html(charts.legend_sections(arcs, lang="en"))
    for status in set(arcs["status"]):
        assert i18n.label("twinning_status", status, "en") in legend
