"""Bridges transforms and the map deck, tested through their data.

Invariants from the issue: one arc per (municipality, place) pair; the arcs of a measure add
up to the filtered totals; colours follow the SDG palette; tooltips and legend show markup as
text; the deck's JSON stays small whatever the number of rows.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd
import pytest

from ponti import filters as flt
from ponti import reference, schema
from ponti.charts import bridges as charts
from ponti.charts.common import (
    ITALY_VIEW,
    OTHER_COLOUR,
    PALETTE,
    category_colours,
    fit_view,
    hex_to_rgb,
)
from ponti.store import Store, coerce_dtypes
from ponti.transforms import Dataset, apply_filters, latest_residents_year
from ponti.transforms import bridges as tf
from scripts import benchmark

MILANO, ROMA = "015146", "058091"  # Lombardia (03, province 015), Lazio (12, province 058)
DAKAR, RABAT = "2253354", "2538475"  # GeoNames ids
MARKUP = "<b>Bold</b> & <script>alert(1)</script>"


def _markup_point() -> pd.DataFrame:
    """One association point whose name is markup."""
    return pd.DataFrame(
        {
            "id": ["M|1"],
            "municipality_istat": ["1"],
            "name": [MARKUP],
            "lat": [45.0],
            "lon": [9.0],
            "associations": [1],
        }
    )


def _frame(kind: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    return coerce_dtypes(kind, pd.DataFrame(rows))


@pytest.fixture(scope="module")
def tiny() -> Dataset:
    """Four associations, four projects, three twinnings, residents of two years."""
    associations = [
        # A1: a known territory. A2: a known territory plus a country with no territory
        # named; its free-text territory falls back to a country point (here: already
        # covered by Dakar, so it adds nothing). A3: no territory, no SDG. A4: markup name.
        (
            "A1",
            "Senegalesi di Milano",
            MILANO,
            ["SEN"],
            [DAKAR],
            [4, 8],
        ),
        ("A2", "Ponte Sahel", MILANO, ["SEN", "MLI"], [DAKAR, "Villaggio inventato"], [8]),
        ("A3", "Marocchini a Roma", ROMA, ["MAR"], [], []),
        ("A4", MARKUP, ROMA, ["SEN"], ["Thiès scritto male"], [5]),
    ]
    projects = [
        ("P1", MILANO, "SEN", DAKAR, [4, 1], "completed", "aics", 100_000.0),
        ("P2", MILANO, "SEN", DAKAR, [8], "approved", "eu", 150_000.0),
        ("P3", MILANO, "MLI", None, [3], "submitted", "region", None),
        ("P4", ROMA, "MAR", "Da qualche parte", [], "idea", None, 20_000.0),
    ]
    twinnings = [
        ("T1", MILANO, "Dakar", "SEN", DAKAR, "gemellaggio", "active"),
        ("T2", ROMA, "Rabat", "MAR", None, "patto_amicizia", "signed"),  # found by name
        ("T3", ROMA, "Nessunluogo", "MAR", None, "memorandum", "proposed"),  # country point
    ]
    residents = [
        (2024, "015", "SEN", 1000),
        (2024, "058", "SEN", 500),
        (2023, "015", "SEN", 99_999),  # an older year: never counted
    ]
    return Dataset(
        associations=_frame(
            schema.ASSOCIATIONS,
            [
                {
                    schema.A_ID: aid,
                    schema.A_NAME: name,
                    schema.A_MUNICIPALITY: municipality,
                    schema.A_COUNTRIES: countries,
                    schema.A_TERRITORIES: territories,
                    schema.A_SDGS: sdgs,
                    schema.A_CONTACT_EMAIL: f"{aid}@example.org",
                    schema.A_CONTACT_PHONE: "+39 000",
                }
                for aid, name, municipality, countries, territories, sdgs in associations
            ],
        ),
        projects=flt.add_project_year(
            _frame(
                schema.PROJECTS,
                [
                    {
                        schema.P_ID: pid,
                        schema.P_TITLE: f"Progetto {pid}",
                        schema.P_LEAD: "A1",
                        schema.P_MUNICIPALITY: municipality,
                        schema.P_COUNTRY: country,
                        schema.P_TERRITORY: territory,
                        schema.P_SDGS: sdgs,
                        schema.P_STAGE: stage,
                        schema.P_FUNDER_TYPE: funder,
                        schema.P_GRANTED: granted,
                    }
                    for pid, municipality, country, territory, sdgs, stage, funder, granted in (
                        projects
                    )
                ],
            )
        ),
        twinnings=_frame(
            schema.TWINNINGS,
            [
                {
                    schema.T_ID: tid,
                    schema.T_MUNICIPALITY: municipality,
                    schema.T_PARTNER_CITY: city,
                    schema.T_PARTNER_COUNTRY: country,
                    schema.T_PARTNER_TERRITORY: territory,
                    schema.T_TYPE: kind,
                    schema.T_STATUS: status,
                }
                for tid, municipality, city, country, territory, kind, status in twinnings
            ],
        ),
        residents=_frame(
            schema.RESIDENTS,
            [
                {
                    schema.R_YEAR: year,
                    schema.R_PROVINCE: province,
                    schema.R_CITIZENSHIP: citizenship,
                    schema.R_RESIDENTS: count,
                }
                for year, province, citizenship, count in residents
            ],
        ),
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    import loaders

    store = Store(tmp_path_factory.mktemp("bridges-demo"))
    version, report = loaders.seed_demo(store)
    assert version is not None, report.to_text()
    return Dataset.from_tables(store.read_all())


def _layers(data: Dataset, measure: str = "projects", dimension: str = "sdg", **kw: Any):  # type: ignore[no-untyped-def]
    return charts.MapLayers(
        links=tf.link_arcs(data, measure, dimension),
        twinnings=tf.twinning_arcs(data.twinnings),
        points=tf.association_points(data.associations),
        **kw,
    )


def _deck_json(deck: Any) -> dict[str, Any]:
    return json.loads(deck.to_json())  # type: ignore[no-any-return]


def _layer(spec: dict[str, Any], layer_id: str) -> dict[str, Any]:
    return next(layer for layer in spec["layers"] if layer["id"] == layer_id)


# -- where links end ------------------------------------------------------------------------------
def test_association_links_follow_territories_then_countries(tiny: Dataset) -> None:
    links = tf.association_links(tiny.associations)
    places = links.groupby(schema.A_ID)[tf.PLACE].apply(set).to_dict()
    assert places == {
        "A1": {f"t:{DAKAR}"},
        "A2": {f"t:{DAKAR}", "c:MLI"},  # Mali named no territory: its country point
        "A3": {"c:MAR"},
        "A4": {"c:SEN"},  # a territory written as free text falls back to its country
    }
    dakar = links[links[tf.PLACE] == f"t:{DAKAR}"].iloc[0]
    assert dakar["place_name"] == "Dakar" and dakar["place_country"] == "SEN"
    assert dakar["from_name"] == "Milano"


def test_project_and_twinning_links_resolve_their_destination(tiny: Dataset) -> None:
    projects = tf.project_links(tiny.projects).set_index(schema.P_ID)[tf.PLACE].to_dict()
    assert projects == {"P1": f"t:{DAKAR}", "P2": f"t:{DAKAR}", "P3": "c:MLI", "P4": "c:MAR"}
    twinnings = tf.twinning_links(tiny.twinnings).set_index(schema.T_ID)[tf.PLACE].to_dict()
    assert twinnings == {"T1": f"t:{DAKAR}", "T2": f"t:{RABAT}", "T3": "c:MAR"}


def test_a_municipality_or_country_unknown_to_ponti_is_left_out(tiny: Dataset) -> None:
    odd = tiny.projects.assign(
        **{
            schema.P_MUNICIPALITY: ["999999", MILANO, MILANO, ROMA],
            schema.P_COUNTRY: ["SEN", "XXX", "MLI", "MAR"],
            schema.P_TERRITORY: [DAKAR, None, None, None],
        }
    )
    assert sorted(tf.project_links(odd)[schema.P_ID]) == ["P3", "P4"]


# -- arcs -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        (
            "associations",
            {
                f"{MILANO}|t:{DAKAR}": 2,
                f"{MILANO}|c:MLI": 1,
                f"{ROMA}|c:MAR": 1,
                f"{ROMA}|c:SEN": 1,
            },
        ),
        ("projects", {f"{MILANO}|t:{DAKAR}": 2, f"{MILANO}|c:MLI": 1, f"{ROMA}|c:MAR": 1}),
        # P3 has nothing granted: no arc of zero width.
        ("granted", {f"{MILANO}|t:{DAKAR}": 250_000.0, f"{ROMA}|c:MAR": 20_000.0}),
    ],
)
def test_one_arc_per_pair_carrying_the_measure(
    tiny: Dataset, measure: str, expected: dict[str, float]
) -> None:
    arcs = tf.link_arcs(tiny, measure)
    assert arcs[tf.PAIR].is_unique
    assert dict(zip(arcs[tf.PAIR], arcs["value"], strict=True)) == expected
    # Every arc carries the pair's totals of every measure, for the tooltip.
    dakar = arcs.set_index(tf.PAIR).loc[f"{MILANO}|t:{DAKAR}"]
    assert (dakar["associations"], dakar["projects"], dakar["granted"]) == (2, 2, 250_000.0)


@pytest.mark.parametrize(
    ("measure", "dimension", "category"),
    [
        ("projects", "sdg", "4"),  # one project each on SDG 4 and 8: the tie goes to goal order
        ("granted", "sdg", "8"),  # but SDG 8 has more money
        ("projects", "stage", "approved"),  # stage order: approved before completed
        ("granted", "stage", "approved"),
        ("granted", "funder_type", "eu"),
        ("associations", "sdg", "4"),  # A1's primary SDG is 4, A2's is 8: goal order again
    ],
)
def test_the_colour_is_the_category_weighing_most_on_the_arc(
    tiny: Dataset, measure: str, dimension: str, category: str
) -> None:
    arcs = tf.link_arcs(tiny, measure, dimension).set_index(tf.PAIR)
    assert arcs.at[f"{MILANO}|t:{DAKAR}", "category"] == category


def test_missing_codes_are_unspecified_and_grey(tiny: Dataset) -> None:
    sdg = tf.link_arcs(tiny, "associations", "sdg").set_index(tf.PAIR)
    assert sdg.at[f"{ROMA}|c:MAR", "category"] == tf.UNSPECIFIED  # A3 names no SDG
    funder = tf.link_arcs(tiny, "projects", "funder_type").set_index(tf.PAIR)
    assert funder.at[f"{ROMA}|c:MAR", "category"] == tf.UNSPECIFIED
    assert charts.category_colour("sdg", tf.UNSPECIFIED) == charts.UNSPECIFIED_COLOUR


def test_association_arcs_are_coloured_by_sdg_whatever_the_dimension(tiny: Dataset) -> None:
    by_stage = tf.link_arcs(tiny, "associations", "stage")
    by_sdg = tf.link_arcs(tiny, "associations", "sdg")
    pd.testing.assert_frame_equal(by_stage, by_sdg)


FILTERS = [
    flt.Filters(),
    flt.Filters(origin=("SEN",)),
    flt.Filters(origin=("m49:002",), stage=("completed", "in_progress")),
    flt.Filters(region=("03",), sdg=(4,)),
    flt.Filters(funder_type=("aics", "eu"), years=(2018, 2022)),
]


@pytest.mark.parametrize("filters", FILTERS)
def test_arcs_add_up_to_the_filtered_totals(demo: Dataset, filters: flt.Filters) -> None:
    view = apply_filters(demo, filters)
    placed = tf.project_links(view.projects)
    # Every demo project and association can be placed: the sums are the view's totals.
    assert len(placed) == len(view.projects)
    projects = tf.link_arcs(view, "projects", "stage")
    assert projects[tf.PAIR].is_unique
    assert projects["value"].sum() == len(view.projects)
    granted = tf.link_arcs(view, "granted", "funder_type")
    assert granted["value"].sum() == pytest.approx(view.projects[schema.P_GRANTED].sum())
    associations = tf.link_arcs(view, "associations")
    links = tf.association_links(view.associations)
    assert associations["value"].sum() == len(links)
    assert set(links[schema.A_ID]) == set(view.associations[schema.A_ID])
    twinnings = tf.twinning_arcs(view.twinnings)
    assert twinnings["twinnings"].sum() == len(view.twinnings)
    points = tf.association_points(view.associations)
    assert points["associations"].sum() == len(view.associations)


def test_context_areas_count_the_latest_year_only(tiny: Dataset) -> None:
    provinces = tf.context_areas(tiny, "province", "residents").set_index("code")
    assert provinces.at["015", "residents"] == 1000
    assert provinces.at["015", "value"] == 1000
    assert provinces.at["001", "residents"] == 0
    regions = tf.context_areas(tiny, "region", "density").set_index("code")
    # Lombardia: two associations (Milano) per 1,000 Senegalese residents.
    assert regions.at["03", "value"] == pytest.approx(2 / 1000 * 100_000)
    assert regions.at["12", "value"] == pytest.approx(2 / 500 * 100_000)
    assert pd.isna(regions.at["01", "value"])  # no residents: no rate, not infinity
    assert len(regions) == len(reference.load_regions())
    assert latest_residents_year(tiny.residents) == 2024
    assert latest_residents_year(tiny.residents.iloc[0:0]) is None


# -- selection ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value",
    [
        f"L|{MILANO}|t:{DAKAR}",
        f"T|{ROMA}|c:MAR",
        f"M|{ROMA}",
        "A|region|03",
        "A|province|015",
    ],
)
def test_selection_ids_round_trip(value: str) -> None:
    selection = tf.parse_selection(value)
    assert selection is not None and selection.id == value


@pytest.mark.parametrize(
    "value",
    [None, "", "<script>", "L|015146", "L|015146|Dakar", "A|country|SEN", "M|", "X|1|t:2"],
)
def test_anything_else_is_not_a_selection(value: str | None) -> None:
    assert tf.parse_selection(value) is None


def test_a_map_event_names_its_selection() -> None:
    arc = {"links": [{"id": f"L|{MILANO}|t:{DAKAR}", "w": 3}]}
    area = {"context": [{"type": "Feature", "properties": {"id": "A|region|03", "tip": "x"}}]}
    assert tf.selection_from_objects(arc) == tf.Selection("L", MILANO, f"t:{DAKAR}")
    assert tf.selection_from_objects(area) == tf.Selection("A", level="region", area="03")
    assert tf.selection_from_objects({}) is None
    assert tf.selection_from_objects({"world": [{"properties": {}}]}) is None


@pytest.mark.parametrize(
    ("value", "title", "associations", "projects", "twinnings"),
    [
        # A link: the items on that pair, and the municipality's twinnings with that country.
        (f"L|{MILANO}|t:{DAKAR}", "Milano → Dakar (Senegal)", {"A1", "A2"}, {"P1", "P2"}, {"T1"}),
        (f"L|{MILANO}|c:MLI", "Milano → Mali", {"A2"}, {"P3"}, set()),
        # A twinning: that pair's twinnings; associations and projects of the same country.
        (f"T|{ROMA}|t:{RABAT}", "Roma → Rabat (Morocco)", {"A3"}, {"P4"}, {"T2"}),
        (f"M|{ROMA}", "Roma", {"A3", "A4"}, {"P4"}, {"T2", "T3"}),
        ("A|region|03", "Lombardia", {"A1", "A2"}, {"P1", "P2", "P3"}, {"T1"}),
    ],
)
def test_the_detail_lists_the_items_behind_a_selection(
    tiny: Dataset,
    value: str,
    title: str,
    associations: set[str],
    projects: set[str],
    twinnings: set[str],
) -> None:
    selection = tf.parse_selection(value)
    assert selection is not None
    items = tf.selection_items(tiny, selection, "en")
    assert items.title == title
    assert set(items.associations["id"]) == associations
    assert set(items.projects["id"]) == projects
    assert set(items.twinnings["id"]) == twinnings
    for frame in (items.associations, items.projects, items.twinnings):
        assert not schema.PRIVATE_COLUMNS & set(frame.columns)
        assert "example.org" not in frame.to_csv()


def test_detail_tables_speak_the_language(tiny: Dataset) -> None:
    selection = tf.parse_selection(f"L|{MILANO}|t:{DAKAR}")
    assert selection is not None
    it = tf.selection_items(tiny, selection, "it").projects.set_index("id")
    en = tf.selection_items(tiny, selection, "en").projects.set_index("id")
    assert it.at["P1", "stage"] == "Concluso" and en.at["P1", "stage"] == "Completed"
    # Amounts stay numbers (tables for people write them in the language, files keep them).
    assert it.at["P2", "granted"] == en.at["P2", "granted"] == 150_000.0
    assert en.at["P1", "destination"] == "Dakar (Senegal)"


# -- the deck -------------------------------------------------------------------------------------
def test_deck_layers_by_switch_and_context(tiny: Dataset) -> None:
    full = _deck_json(
        charts.bridges_deck(_layers(tiny), measure="projects", dimension="sdg", lang="en")
    )
    types = {layer["id"]: layer["@@type"] for layer in full["layers"]}
    assert types == {
        "world": "GeoJsonLayer",
        "italy": "GeoJsonLayer",
        "twinnings": "ArcLayer",
        "links": "ArcLayer",
        "associations": "ScatterplotLayer",
    }
    areas = tf.context_areas(tiny, "province", "residents")
    only_context = charts.MapLayers(areas=areas)
    spec = _deck_json(
        charts.bridges_deck(
            only_context,
            measure="projects",
            dimension="sdg",
            context="residents",
            level="province",
            lang="en",
        )
    )
    assert [layer["id"] for layer in spec["layers"]] == ["world", "context"]
    features = _layer(spec, "context")["data"]["features"]
    assert len(features) == len(reference.load_provinces())
    milan = next(f for f in features if f["properties"]["id"] == "A|province|015")
    assert "1,000 foreign residents" in milan["properties"]["tip"]
    assert milan["properties"]["f"] == hex_to_rgb(charts.CONTEXT_RAMP[-1])


def test_one_arc_record_per_pair_in_official_sdg_colours(demo: Dataset) -> None:
    arcs = tf.link_arcs(demo, "projects", "sdg")
    spec = _deck_json(
        charts.bridges_deck(_layers(demo), measure="projects", dimension="sdg", lang="it")
    )
    records = _layer(spec, "links")["data"]
    assert len(records) == len(arcs)
    assert len({r["id"] for r in records}) == len(records)
    official = reference.sdg_colours()
    by_id = {r["id"]: r for r in records}
    for pair, category in zip(arcs[tf.PAIR], arcs["category"], strict=True):
        colour = by_id[f"L|{pair}"]["c"]
        expected = official[int(category)] if category else charts.UNSPECIFIED_COLOUR
        assert colour[:3] == hex_to_rgb(expected)[:3]
    # The widest arc is the one with the largest value.
    assert max(records, key=lambda r: r["w"])["id"] == f"L|{arcs[tf.PAIR].iloc[0]}"


def test_stage_and_funder_colours_are_colour_blind_safe() -> None:
    assert [charts.STAGE_COLOURS[s] for s in schema.STAGES[:8]] == list(PALETTE)
    funder_colours = [charts.category_colour("funder_type", f) for f in schema.FUNDER_TYPES]
    assert funder_colours == [*PALETTE, OTHER_COLOUR]
    assert charts.category_colour("sdg", "4") == reference.sdg_colours()[4]
    # Beyond the eight Okabe-Ito colours every category is grey, never a near-duplicate.
    ten = category_colours([f"c{i}" for i in range(10)])
    assert list(ten.values()) == [*PALETTE, OTHER_COLOUR, OTHER_COLOUR]


def test_tooltips_show_names_and_figures_as_text(tiny: Dataset) -> None:
    deck = charts.bridges_deck(
        _layers(tiny, "associations"), measure="associations", dimension="sdg", lang="it"
    )
    # Streamlit reads the tooltip from the Deck; "text" is never parsed as HTML.
    assert deck._tooltip == {"text": "{tip}"}
    spec = _deck_json(deck)
    points = {r["id"]: r["tip"] for r in _layer(spec, "associations")["data"]}
    assert points[f"M|{ROMA}"] == "Roma: 2 associazioni"
    links = {r["id"]: r["tip"] for r in _layer(spec, "links")["data"]}
    assert links[f"L|{MILANO}|t:{DAKAR}"].splitlines() == [
        "Milano → Dakar (Senegal)",
        "2 associazioni · 2 progetti · 250.000 EUR concessi",
        "SDG prevalente: SDG 4 · Istruzione di qualità",
    ]


def test_markup_in_names_stays_text(tiny: Dataset) -> None:
    selection = tf.parse_selection(f"M|{ROMA}")
    assert selection is not None
    names = tf.selection_items(tiny, selection, "en").associations["name"]
    assert MARKUP in set(names)  # shown by st.dataframe as text, as written
    legend = charts.legend_html(
        [charts.LegendSection(MARKUP, (charts.LegendEntry(MARKUP, "#000000"),))]
    )
    assert "<script>" not in legend and "<b>" not in legend
    assert "&lt;script&gt;" in legend
    spec = charts.bridges_deck(
        charts.MapLayers(points=_markup_point()),
        measure="associations",
        dimension="sdg",
        lang="en",
    )
    tip = _layer(_deck_json(spec), "associations")["data"][0]["tip"]
    assert tip == f"{MARKUP}: 1 association"


def test_a_click_a_layer_switch_or_a_measure_never_moves_the_map(tiny: Dataset) -> None:
    # The filtered data's extent decides the opening view, not what is switched on.
    extent = tf.map_extent(tiny)
    for preset in charts.VIEW_STATES:
        views = set()
        for measure, shown, selected in (
            ("projects", ("links", "twinnings", "points"), None),
            ("associations", ("links",), f"M|{ROMA}"),
            ("granted", ("points",), f"L|{MILANO}|c:MLI"),
            ("projects", (), None),
        ):
            full = _layers(tiny, measure)
            layers = charts.MapLayers(
                **{name: getattr(full, name) for name in shown}, extent=extent
            )
            deck = charts.bridges_deck(
                layers, measure=measure, dimension="sdg", view=preset, lang="en", selected=selected
            )
            views.add(json.dumps(_deck_json(deck)["initialViewState"]))
        assert len(views) == 1, preset


def test_the_extent_has_every_end_the_view_can_draw(tiny: Dataset) -> None:
    extent = tf.map_extent(tiny)
    for measure in tf.MEASURES:
        arcs = tf.link_arcs(tiny, measure)
        drawn = set(zip(arcs["to_lon"].round(3), arcs["to_lat"].round(3), strict=True))
        assert drawn <= set(zip(extent["to_lon"].round(3), extent["to_lat"].round(3), strict=True))
    points = tf.association_points(tiny.associations)
    italian = set(zip(extent["from_lon"].round(3), extent["from_lat"].round(3), strict=True))
    assert set(zip(points["lon"].round(3), points["lat"].round(3), strict=True)) <= italian
    # Under an origin filter, association links to other origins are not part of it.
    view = apply_filters(tiny, flt.Filters(origin=("SEN",)))
    senegal = tf.map_extent(view, {"SEN"})
    mali = tf.link_arcs(view, "associations").query("place_country == 'MLI'")
    assert len(mali) and not set(mali["to_lon"].round(3)) & set(senegal["to_lon"].round(3))


def test_the_map_opens_on_what_it_draws(tiny: Dataset) -> None:
    layers = _layers(tiny)
    italy = _deck_json(
        charts.bridges_deck(layers, measure="projects", dimension="sdg", view="italy", lang="en")
    )["initialViewState"]
    # Milano and Roma only: the Italy view frames northern and central Italy, closer than
    # the whole-Italy preset.
    assert italy["zoom"] > charts.VIEW_STATES["italy"].zoom
    assert 41.9 < italy["latitude"] < 45.5 and 9.2 < italy["longitude"] < 12.5
    world = _deck_json(charts.bridges_deck(layers, measure="projects", dimension="sdg", lang="en"))[
        "initialViewState"
    ]
    # Italy to Senegal, Mali and Morocco: between them, closer than the whole world.
    assert 2 < world["zoom"] < 5
    assert 14 < world["latitude"] < 46 and -17.5 < world["longitude"] < 12.5
    # Nothing drawn: the preset's fixed frame.
    empty = charts.MapLayers(links=layers.links.iloc[0:0])
    for preset, fixed in charts.VIEW_STATES.items():
        view = _deck_json(
            charts.bridges_deck(empty, measure="projects", dimension="sdg", view=preset, lang="en")
        )["initialViewState"]
        assert (view["latitude"], view["longitude"], view["zoom"]) == (
            fixed.latitude,
            fixed.longitude,
            fixed.zoom,
        )


def _ends(*pairs: tuple[tuple[float, float], tuple[float, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [(*start, *end) for start, end in pairs], columns=list(charts.END_COLUMNS), dtype=float
    )


def _mercator(latitude: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2)) / (2 * math.pi)


REGGIO_EMILIA = (10.63, 44.70)
DAKAR_POINT = (-17.44, 14.69)


def test_senegal_italy_arcs_open_between_the_two() -> None:
    view = charts.opening_view("world", _ends((REGGIO_EMILIA, DAKAR_POINT)))
    # The centre lies between the two ends (in Mercator, so a little north of the mean).
    assert DAKAR_POINT[0] < view.longitude < REGGIO_EMILIA[0]
    assert abs(view.longitude - (DAKAR_POINT[0] + REGGIO_EMILIA[0]) / 2) < 0.01
    assert DAKAR_POINT[1] < view.latitude < REGGIO_EMILIA[1]
    # Both ends are inside the map at the opening zoom (deck.gl: 512 px world at zoom 0),
    # with the padding to spare in the tighter direction and no more.
    scale = 512 * 2**view.zoom
    width = scale * (REGGIO_EMILIA[0] - DAKAR_POINT[0]) / 360
    height = scale * (_mercator(REGGIO_EMILIA[1]) - _mercator(DAKAR_POINT[1]))
    shares = (width / charts.MAP_SIZE[0], height / charts.MAP_SIZE[1])
    assert max(shares) == pytest.approx(0.8, abs=0.01)


def test_one_city_in_the_italy_view_is_zoomed_on_it() -> None:
    # Only Reggio Emilia's links: the Italy view centres on Emilia, closer than all Italy,
    # wherever the arcs' other ends are.
    view = charts.opening_view("italy", _ends((REGGIO_EMILIA, DAKAR_POINT)))
    assert (view.longitude, view.latitude) == pytest.approx(REGGIO_EMILIA, abs=0.01)
    assert view.zoom == charts.ZOOM_LIMITS["italy"][1]
    # Drawn records give the same: an arc's start, a point.
    drawn = charts.drawn_ends(
        [{"s": list(REGGIO_EMILIA), "t": list(DAKAR_POINT)}], [], [{"p": list(REGGIO_EMILIA)}]
    )
    same = charts.opening_view("italy", drawn)
    assert (same.zoom, same.latitude, same.longitude) == (view.zoom, view.latitude, view.longitude)


@pytest.mark.parametrize(
    ("lons", "lats", "zoom"),
    [
        ([-170.0, 170.0], [-60.0, 70.0], 0.5),  # the whole world: never farther than min_zoom
        ([12.0, 12.001], [42.0, 42.001], 7.0),  # two doors apart: never closer than max_zoom
    ],
)
def test_fit_view_keeps_zoom_within_limits(
    lons: list[float], lats: list[float], zoom: float
) -> None:
    view = fit_view(lons, lats, size=(800, 500), fallback=ITALY_VIEW, min_zoom=0.5, max_zoom=7.0)
    assert view.zoom == zoom


def test_fit_view_pads_the_frame() -> None:
    tight = fit_view([0.0, 10.0], [0.0, 0.0], size=(800, 500), fallback=ITALY_VIEW, padding=0)
    padded = fit_view([0.0, 10.0], [0.0, 0.0], size=(800, 500), fallback=ITALY_VIEW, padding=0.1)
    assert padded.zoom < tight.zoom
    assert 512 * 2**tight.zoom * 10 / 360 == pytest.approx(800, rel=0.01)
    assert fit_view([], [], size=(800, 500), fallback=ITALY_VIEW) is ITALY_VIEW


def test_the_selection_is_drawn_with_a_halo(tiny: Dataset) -> None:
    layers = _layers(tiny)
    link = _deck_json(
        charts.bridges_deck(
            layers, measure="projects", dimension="sdg", lang="en", selected=f"L|{MILANO}|t:{DAKAR}"
        )
    )
    halo = _layer(link, "selected")["data"]
    source = next(r for r in _layer(link, "links")["data"] if r["id"] == f"L|{MILANO}|t:{DAKAR}")
    assert halo == [{"s": source["s"], "t": source["t"], "w": source["w"] + 6}]
    point = _deck_json(
        charts.bridges_deck(
            layers, measure="projects", dimension="sdg", lang="en", selected=f"M|{ROMA}"
        )
    )
    assert len(_layer(point, "selected-point")["data"]) == 1
    none = _deck_json(charts.bridges_deck(layers, measure="projects", dimension="sdg", lang="en"))
    assert not [layer for layer in none["layers"] if layer["id"].startswith("selected")]


def test_outlines_come_from_ponti_data_and_no_basemap_is_fetched(tiny: Dataset) -> None:
    spec = _deck_json(
        charts.bridges_deck(_layers(tiny), measure="projects", dimension="sdg", lang="en")
    )
    assert spec["mapStyle"] == "/app/static/blank_style.json"
    world = _layer(spec, "world")["data"]["features"]
    assert len(world) > 150
    assert "cartocdn" not in json.dumps(spec) and "mapbox" not in json.dumps(spec)
    custom = charts.bridges_deck(
        _layers(tiny),
        measure="projects",
        dimension="sdg",
        lang="en",
        map_style="https://example.org/style.json",
    )
    online = _deck_json(custom)
    assert online["mapStyle"] == "https://example.org/style.json"
    # Over an internet basemap the outlines step aside: no world fill, Italy's borders only.
    assert "world" not in [layer["id"] for layer in online["layers"]]
    assert _layer(online, "italy")["filled"] is False


# -- legend, text alternative, table --------------------------------------------------------------
def test_a_legend_for_every_encoding(tiny: Dataset) -> None:
    layers = _layers(
        tiny, "granted", "funder_type", areas=tf.context_areas(tiny, "region", "density")
    )
    sections = charts.legend_sections(
        layers, measure="granted", dimension="funder_type", context="density", lang="en"
    )
    titles = [s.title for s in sections]
    assert titles == [
        "Colour: funder type (main one on the arc)",
        "Width: EUR granted",
        "Twinnings",
        "Points: associations per municipality",
        "Background: associations per 100,000 foreign residents",
    ]
    colours = {e.label: e.colour for e in sections[0].entries}
    # Only the categories drawn: EU outweighs AICS on Milano-Dakar; Rome's project names none.
    assert colours == {"European Union": PALETTE[1], "Not given": charts.UNSPECIFIED_COLOUR}
    assert [e.label for e in sections[1].entries] == ["EUR 20,000", "EUR 250,000"]


def test_the_summary_says_what_is_on_screen(tiny: Dataset) -> None:
    layers = _layers(tiny, "projects")
    text = charts.describe_map(layers, measure="projects", dimension="sdg", lang="en")
    assert "3 arcs between 2 Italian municipalities and 3 places of origin" in text
    assert "in all 4 projects" in text
    assert "Milano → Dakar (Senegal) (2 projects)" in text
    assert "3 twinnings on 3 arcs" in text
    assert "4 associations in 2 Italian municipalities" in text
    italian = charts.describe_map(layers, measure="projects", dimension="sdg", lang="it")
    assert "3 archi tra 2 comuni italiani" in italian


def test_the_table_lists_every_object_drawn(tiny: Dataset) -> None:
    layers = _layers(tiny, "projects", areas=tf.context_areas(tiny, "region", "residents"))
    table = tf.map_table(
        links=layers.links,
        twinnings=layers.twinnings,
        points=layers.points,
        areas=layers.areas,
        dimension="sdg",
        lang="en",
    )
    assert len(table) == 3 + 3 + 2 + len(reference.load_regions())
    assert table["id"].is_unique
    assert not schema.PRIVATE_COLUMNS & set(table.columns)
    dakar = table.set_index("id").loc[f"L|{MILANO}|t:{DAKAR}"]
    assert dakar["place"] == "Dakar (Senegal)" and dakar["colour"] == "SDG 4 · Quality Education"


# -- size -----------------------------------------------------------------------------------------
def test_the_deck_json_stays_small_whatever_the_data_size(demo: Dataset) -> None:
    sizes = {}
    for times in (1, 100):
        data = apply_filters(benchmark.replicate(demo, times), flt.Filters())
        assert len(data.projects) == times * len(demo.projects)
        layers = _layers(data, "projects", areas=tf.context_areas(data, "province", "density"))
        deck = charts.bridges_deck(
            layers,
            measure="projects",
            dimension="sdg",
            context="density",
            level="province",
            lang="it",
        )
        sizes[times] = len(deck.to_json().encode("utf-8"))
        assert layers.links is not None and layers.links["value"].sum() == len(data.projects)
    assert sizes[1] < 600_000
    # 100 times the rows, the same places: the same arcs, only wider numbers in tooltips.
    assert sizes[100] < sizes[1] * 1.05


def test_an_empty_view_gives_empty_layers_not_errors(tiny: Dataset) -> None:
    empty = apply_filters(tiny, flt.Filters(origin=("NZL",)))
    assert empty.associations.empty and empty.projects.empty
    layers = _layers(empty, "associations", areas=tf.context_areas(empty, "region", "density"))
    for frame in (layers.links, layers.twinnings, layers.points):
        assert frame is not None and frame.empty
    spec = _deck_json(
        charts.bridges_deck(
            layers, measure="associations", dimension="sdg", context="density", lang="en"
        )
    )
    assert _layer(spec, "links")["data"] == []
    text = charts.describe_map(layers, measure="associations", dimension="sdg", lang="en")
    assert "No arcs with these filters." in text
    selection = tf.parse_selection(f"M|{MILANO}")
    assert selection is not None and tf.selection_items(empty, selection, "en").empty


def test_under_an_origin_filter_association_arcs_go_only_to_the_chosen_origins(
    tiny: Dataset,
) -> None:
    everything = tf.link_arcs(tiny, "associations")
    assert "MLI" in set(everything["place_country"])  # Ponte Sahel: Senegal and Mali
    senegal = tf.link_arcs(tiny, "associations", origins={"SEN"})
    assert set(senegal["place_country"]) == {"SEN"}
    # The Senegal arcs themselves are unchanged: the filter removes arcs, never counts.
    kept = everything[everything["place_country"] == "SEN"].reset_index(drop=True)
    assert senegal[kept.columns].reset_index(drop=True).equals(kept)


def test_the_association_arcs_total_counts_links_not_associations(tiny: Dataset) -> None:
    layers = _layers(tiny, "associations")
    assert layers.links is not None and layers.points is not None
    text = charts.describe_map(layers, measure="associations", dimension="sdg", lang="en")
    links = int(layers.links["value"].sum())
    associations = int(layers.points["associations"].sum())
    assert links > associations  # Ponte Sahel is on an arc to Dakar and one to Mali
    assert f"in all {links} links between an association and an origin" in text
    assert f"{associations} associations in " in text


# -- the map as an SVG figure (the page's map offline, the embed's and the pictures') -------------
def _figure(layers: charts.MapLayers, **options: Any) -> Any:
    from ponti.charts import map_figures

    return map_figures.bridges_map_figure(
        layers, measure="projects", dimension="sdg", lang="en", ids=True, **options
    )


def _by_layer(fig: Any, layer: str) -> list[Any]:
    return [trace for trace in fig.data if trace.meta == layer]


def _objects(fig: Any, layer: str) -> dict[str, str]:
    return {
        ident: tip
        for trace in _by_layer(fig, layer)
        if trace.customdata is not None
        for ident, tip in zip(trace.customdata, trace.hovertext, strict=True)
    }


def test_the_figure_draws_what_the_deck_draws_with_an_id_per_object(tiny: Dataset) -> None:
    layers = _layers(tiny, areas=tf.context_areas(tiny, "region", "residents"))
    fig = _figure(layers, context="residents", level="region")
    deck = _deck_json(
        charts.bridges_deck(
            layers, measure="projects", dimension="sdg", context="residents", lang="en"
        )
    )
    assert all(trace.type == "scatter" for trace in fig.data)  # SVG, never WebGL
    assert list(dict.fromkeys(trace.meta for trace in fig.data)) == [
        layer["id"] for layer in deck["layers"]
    ]
    # Every object a click can pick on the deck carries its id and tooltip on the figure.
    for layer in ("links", "twinnings", "associations"):
        records = _layer(deck, layer)["data"]
        assert _objects(fig, layer) == {r["id"]: r["tip"].replace("\n", "<br>") for r in records}, (
            layer
        )
    areas = _objects(fig, "context")
    assert len(areas) == 20 and all(tf.parse_selection(ident) for ident in areas)
    lombardia = areas["A|region|03"]
    assert lombardia.startswith("Lombardia<br>") and "residents" in lombardia
    # The regions are shaded by class: one filled trace per class colour, the deck's colours.
    fills = {trace.fillcolor for trace in _by_layer(fig, "context") if trace.fill == "toself"}
    deck_fills = {
        "#{:02X}{:02X}{:02X}".format(*f["properties"]["f"][:3])
        for f in _layer(deck, "context")["data"]["features"]
    }
    assert fills == deck_fills and len(fills) >= 2


def test_the_figure_marks_the_selection_as_the_deck_does(tiny: Dataset) -> None:
    layers = _layers(tiny, areas=tf.context_areas(tiny, "region", "residents"))
    link = _figure(layers, selected=f"L|{MILANO}|t:{DAKAR}")
    (band,) = _by_layer(link, "selected")
    width = next(
        r["w"]
        for r in charts.link_records(layers.links, measure="projects", dimension="sdg", lang="en")
        if r["id"] == f"L|{MILANO}|t:{DAKAR}"
    )
    assert band.mode == "lines" and band.line.width == width + 6
    # Under the links it marks (drawn first), as the deck draws its band.
    order = [trace.meta for trace in link.data]
    assert order.index("selected") < order.index("links")
    point = _figure(layers, selected=f"M|{ROMA}")
    (ring,) = _by_layer(point, "selected")
    assert ring.marker.symbol == "circle-open" and list(ring.customdata or []) == []
    area = _figure(layers, context="residents", selected="A|region|03")
    (outline,) = _by_layer(area, "selected")
    assert outline.fill == "none" and outline.line.width == 3
    assert not _by_layer(_figure(layers), "selected")
    # A click's own mark: plotly leaves the other markers as they were (no fading).
    points = _by_layer(point, "associations")[0]
    assert points.unselected.marker.opacity == points.marker.opacity


def test_tooltips_on_the_figure_show_markup_as_text(tiny: Dataset) -> None:
    fig = _figure(charts.MapLayers(points=_markup_point()))
    (tip,) = fig.data[-1].hovertext
    assert "<b>" not in tip and "<script" not in tip and "&lt;" in tip


def test_the_figure_stays_small_whatever_the_data_size(demo: Dataset) -> None:
    sizes = {}
    for times in (1, 100):
        data = apply_filters(benchmark.replicate(demo, times), flt.Filters())
        layers = _layers(data, "projects", areas=tf.context_areas(data, "province", "density"))
        fig = _figure(layers, context="density", level="province", autosize=True)
        sizes[times] = len(fig.to_json().encode("utf-8"))
    # About the deck's size (under 600 KB): coordinates as binary 32-bit floats.
    assert sizes[1] < 650_000
    assert sizes[100] < sizes[1] * 1.05
