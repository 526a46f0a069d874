"""Twinnings transforms and charts, tested directly on the demo data (no Streamlit)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from ponti import country_words, formats, i18n, schema, tables
from ponti import filters as flt
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
    # The residents are named by their adjective ("pakistani"), the country by its name only
    # where the file has no adjective (test_residents_are_named_by_their_adjective below).
    adjective = country_words.residents_adjective(str(row["place_country"]), lang)
    assert adjective and adjective in sentence
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


# -- opportunities in words: the residents' adjective and the country as a place -------------------
@pytest.mark.parametrize(
    ("lang", "residents", "precedents"),
    [
        ("it", "{n} residenti pakistani in provincia", "hanno un accordo in Romania"),
        ("en", "{n} Pakistani residents in the province", "have an agreement in Romania"),
    ],
)
def test_reggio_opportunities_name_residents_and_countries(
    pairs: pd.DataFrame, lang: i18n.Lang, residents: str, precedents: str
) -> None:
    mine = tf.opportunities_for(pairs, REGGIO)
    # The demo's Reggio nell'Emilia: Sialkot (Pakistan) first, then Romania as a country.
    assert list(mine[tf.PLACE][:2]) == [mine.at[0, tf.PLACE], "c:ROU"]
    assert mine.at[0, "place_country"] == "PAK" and str(mine.at[0, tf.PLACE]).startswith("t:")
    why = list(tf.describe_opportunities(mine, lang)["why"])
    n = formats.format_number(int(mine.at[0, "residents"]), lang)
    assert residents.format(n=n) in why[0]
    city = tf._city_or_country(str(mine.at[0, tf.PLACE]), lang)
    assert ("a " if lang == "it" else "in ") + city in why[0]  # projects in a city: "a Sialkot"
    assert precedents in why[1]
    assert "cittadinanza" not in " ".join(why) and "citizenship" not in " ".join(why)
    # A city keeps "con"/"with": "1 altro comune italiano ha un accordo con Bacău".
    with_city = [w for w, p in zip(why, mine[tf.PLACE], strict=True) if p.startswith("t:")]
    said = [w for w in with_city if ("un accordo con " if lang == "it" else "agreement with ") in w]
    assert said


def _hand_row(country: str, **parts: object) -> pd.Series:
    row: dict[str, object] = {
        tf.MUNICIPALITY: REGGIO,
        tf.PLACE: "c:" + country,
        "place_country": country,
        "associations": 1,
        "residents": 12,
        "ratio": 0.5,
        "projects": 2,
        "precedents": 3,
        "score": 0.0,
        "agreement": tf.NO_AGREEMENT,
    }
    return pd.Series({**row, **parts})


@pytest.mark.parametrize(
    ("country", "parts", "lang", "expected"),
    [
        # Heard Island has no adjective: the residents keep the citizenship wording.
        (
            "HMD",
            {},
            "it",
            "1 associazione, 12 residenti con cittadinanza Isole Heard e McDonald in provincia "
            "(0,5 volte la media nazionale), 2 progetti nelle Isole Heard e McDonald, 3 altri "
            "comuni italiani hanno un accordo nelle Isole Heard e McDonald; nessun accordo",
        ),
        (
            "HMD",
            {"residents": 0, "ratio": 0.0, "projects": 0, "precedents": 1},
            "en",
            "1 association, no data on residents with Heard Island and McDonald Islands "
            "citizenship in the province, 1 other Italian municipality has an agreement in "
            "Heard Island and McDonald Islands; no agreement",
        ),
        (
            "PHL",
            {"residents": 0, "ratio": 0.0, "projects": 1, "precedents": 0},
            "it",
            "1 associazione, nessun dato sui residenti filippini in provincia, 1 progetto nelle "
            "Filippine; nessun accordo",
        ),
        (
            "PHL",
            {"residents": 0, "ratio": 0.0, "projects": 1, "precedents": 0},
            "en",
            "1 association, no data on Filipino nationals resident in the province, 1 project "
            "in the Philippines; no agreement",
        ),
        (
            "PHL",
            {"residents": 2423, "ratio": 1.5, "agreement": tf.DORMANT},
            "en",
            "1 association, 2,423 Filipino residents in the province (1.5 times the national "
            "share), 2 projects in the Philippines, 3 other Italian municipalities have an "
            "agreement in the Philippines; a dormant agreement",
        ),
        # One resident: Italian has only the plural adjective, so the number comes after it.
        (
            "USA",
            {"residents": 1, "associations": 0, "projects": 0, "precedents": 0},
            "it",
            "residenti statunitensi in provincia: 1 (0,5 volte la media nazionale); nessun accordo",
        ),
        (
            "USA",
            {"residents": 1, "associations": 0, "projects": 0, "precedents": 0},
            "en",
            "1 American resident in the province (0.5 times the national share); no agreement",
        ),
    ],
)
def test_residents_are_named_by_their_adjective(
    country: str, parts: dict[str, object], lang: i18n.Lang, expected: str
) -> None:
    assert tf.opportunity_sentence(_hand_row(country, **parts), lang) == expected


def test_a_map_click_selects_an_agreement_a_municipality_or_a_partner(data: Dataset) -> None:
    arcs = tf.twinning_arcs(data.twinnings)
    deck = json.loads(charts.twinnings_deck(arcs, lang="en").to_json())
    layers = {layer["id"]: layer["data"] for layer in deck["layers"]}
    # Each clickable object carries what it selects; the browser hands back the picked row.
    arc = layers[charts.LAYER_ARCS][0]
    picked = charts.picked_selection({charts.LAYER_ARCS: [arc]})
    selection = tf.parse_map_selection(picked)
    assert selection is not None and selection.kind == tf.SELECT_AGREEMENT
    assert list(tf.selected_arcs(arcs, selection)["id"]) == [arc["id"]]
    assert list(
        tf.agreements_of(data.twinnings, tf.selected_arcs(arcs, selection))["twinning_id"]
    ) == [arc["id"]]
    point = next(p for p in layers[charts.LAYER_MUNICIPALITIES] if p["id"].endswith(REGGIO))
    selection = tf.parse_map_selection(
        charts.picked_selection({charts.LAYER_MUNICIPALITIES: [point]})
    )
    assert selection is not None and selection.municipality == REGGIO
    reggio = data.twinnings[data.twinnings["municipality_istat"] == REGGIO]
    chosen = tf.selected_arcs(arcs, selection)
    assert set(chosen["id"]) == set(reggio["twinning_id"]) - set(_unplaced(data, arcs))
    assert tf.selection_title(chosen, selection, "en") == "Reggio nell'Emilia"
    partner = layers[charts.LAYER_PARTNERS][0]
    selection = tf.parse_map_selection(charts.picked_selection({charts.LAYER_PARTNERS: [partner]}))
    assert selection is not None and selection.place is not None
    chosen = tf.selected_arcs(arcs, selection)
    assert not chosen.empty and set(chosen["place"]) == {selection.place}
    # Nothing picked, or a value that is not a selection.
    assert charts.picked_selection({}) is None
    for value in ("", "X|1", "A|", None, "TWN-001"):
        assert tf.parse_map_selection(value) is None


def _unplaced(data: Dataset, arcs: pd.DataFrame) -> set[str]:
    """Agreements the map cannot place (no known partner place)."""
    return set(data.twinnings["twinning_id"]) - set(arcs["id"])


def test_agreements_between_the_same_places_are_one_arc_that_names_them_all(
    data: Dataset,
) -> None:
    from ponti.charts import map_figures

    arcs = tf.twinning_arcs(data.twinnings)
    first = arcs.iloc[0]
    # Seven more agreements between the first pair: six alike (a memorandum in negotiation,
    # no year) and one signed in 2030.
    extra = pd.DataFrame([first] * 7).assign(
        id=[f"TWN-X{n}" for n in range(7)],
        type="memorandum",
        status="negotiating",
        year=pd.array([None] * 6 + [2030], dtype="Int64"),
    )
    grown = pd.concat([arcs, extra], ignore_index=True)
    figure = map_figures.twinnings_map_figure(grown, lang="en", ids=True)
    markers = [t for t in figure.data if t.meta == charts.LAYER_ARCS and t.mode == "markers"]
    assert len(markers) == 1
    ids = list(markers[0].customdata)
    pair = tf.pair_selection(str(first[tf.MUNICIPALITY]), str(first[tf.PLACE]))
    assert len(ids) == len(set(ids)) == len(arcs) and pair in ids
    tip = markers[0].hovertext[ids.index(pair)].split("<br>")
    memorandum = i18n.label("twinning_type", "memorandum", "en")
    negotiation = i18n.label("twinning_status", "negotiating", "en")
    assert tip[1] == i18n.tn("count.twinnings", 8, "en")
    assert tip[2] == f"{memorandum} · {negotiation} · 2030"  # the newest first
    assert f"{memorandum} · {negotiation} · – (×6)" in tip
    selection = tf.parse_map_selection(pair)
    assert selection is not None and selection.pair == (
        str(first[tf.MUNICIPALITY]),
        str(first[tf.PLACE]),
    )
    assert set(tf.selected_arcs(grown, selection)["id"]) == {first["id"], *extra["id"]}
    # One line per pair, status and type: the seven new agreements add one line at most.
    same = (first["type"], first["status"]) == ("memorandum", "negotiating")
    assert len(charts.line_records(grown)) == len(charts.line_records(arcs)) + (0 if same else 1)
    for value in ("C|", "C|035033", "C||t:1", "C|035033|"):
        assert tf.parse_map_selection(value) is None
