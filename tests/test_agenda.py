"""Agenda 2030 transforms and charts, tested through their data.

Invariants from the issue: the heatmap cells of a goal add up to the grid total of that goal;
the gap finder never lists a pair that has a project.
"""

from __future__ import annotations

import random
from typing import Any

import pandas as pd
import pytest

from ponti import filters as flt
from ponti import i18n, reference, schema
from ponti.charts import agenda as charts
from ponti.charts.common import INK, hex_to_rgb
from ponti.store import Store, coerce_dtypes
from ponti.transforms import Dataset, apply_filters
from ponti.transforms import agenda as tf

MILANO, ROMA, TORINO = "015146", "058091", "001272"  # regions 03, 12, 01; provinces 015, 058, 001


def _association(aid: str, countries: list[str], sdgs: list[int], municipality: str = MILANO):
    return {
        schema.A_ID: aid,
        schema.A_NAME: f"Associazione {aid}",
        schema.A_MUNICIPALITY: municipality,
        schema.A_COUNTRIES: countries,
        schema.A_SDGS: sdgs,
        schema.A_CONTACT_EMAIL: f"{aid}@example.org",
    }


def _project(
    pid: str,
    country: str | None,
    sdgs: list[int],
    *,
    municipality: str = MILANO,
    granted: float | None = 1000.0,
    requested: float | None = 2000.0,
    stage: str = "completed",
    start: str | None = "2020-03-01",
    targets: list[str] | None = None,
):
    return {
        schema.P_ID: pid,
        schema.P_TITLE: f"Progetto {pid}",
        schema.P_LEAD: "A1",
        schema.P_MUNICIPALITY: municipality,
        schema.P_COUNTRY: country,
        schema.P_SDGS: sdgs,
        schema.P_TARGETS: targets or [],
        schema.P_STAGE: stage,
        schema.P_GRANTED: granted,
        schema.P_REQUESTED: requested,
        schema.P_START: start,
    }


def _dataset(
    associations: list[dict], projects: list[dict], residents: list[tuple] = ()
) -> Dataset:
    tables = {
        schema.ASSOCIATIONS: coerce_dtypes(schema.ASSOCIATIONS, pd.DataFrame(associations)),
        schema.PROJECTS: coerce_dtypes(
            schema.PROJECTS, pd.DataFrame(projects, columns=list(_project("x", "SEN", [])))
        ),
        schema.TWINNINGS: coerce_dtypes(schema.TWINNINGS, pd.DataFrame()),
        schema.RESIDENTS: coerce_dtypes(
            schema.RESIDENTS,
            pd.DataFrame(
                list(residents),
                columns=[
                    schema.R_YEAR,
                    schema.R_PROVINCE,
                    schema.R_CITIZENSHIP,
                    schema.R_RESIDENTS,
                ],
            ),
        ),
    }
    return apply_filters(Dataset.from_tables(tables), flt.Filters())


@pytest.fixture
def small() -> Dataset:
    """Senegalese and Moroccan associations, a few projects, residents for two years."""
    return _dataset(
        associations=[
            _association("A1", ["SEN"], [4, 8]),
            _association("A2", ["SEN"], [8, 5], municipality=ROMA),
            _association("A3", ["SEN", "GMB"], [8]),
            _association("A4", ["MAR"], [3], municipality=TORINO),
            _association("A5", ["MAR"], []),
        ],
        projects=[
            _project("P1", "SEN", [4, 5], granted=100.0, targets=["4.4", "4.1", "5.5"]),
            _project("P2", "SEN", [4], municipality=ROMA, granted=None, targets=["4.4"]),
            _project("P3", "PER", [13, 4, 4, 99], municipality=TORINO, start="2018-01-01"),
            _project("P4", "SEN", [8], stage="rejected", granted=0.0, start=None),
            _project("P5", None, [1], municipality="999999", granted=50.0),
        ],
        residents=[
            (2022, "015", "SEN", 400),
            (2023, "015", "SEN", 500),
            (2023, "058", "SEN", 700),
            (2023, "001", "MAR", 300),
            (2023, "015", "UKR", 5000),
        ],
    )


@pytest.fixture(scope="module")
def demo() -> Dataset:
    """The shipped demo data, unfiltered, as the page sees it."""
    import tempfile
    from pathlib import Path

    import loaders

    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder))
        loaders.seed_demo(store)
        data = Dataset.from_tables(store.read_all())
    return apply_filters(data, flt.Filters())


# -- the counting rule -------------------------------------------------------------------
def test_project_goals_has_one_row_per_project_and_valid_goal(small: Dataset) -> None:
    pairs = tf.project_goals(small.projects)
    got = sorted(zip(pairs[schema.P_ID], pairs[tf.GOAL], strict=True))
    assert got == [("P1", 4), ("P1", 5), ("P2", 4), ("P3", 4), ("P3", 13), ("P4", 8), ("P5", 1)]
    p5 = pairs[pairs[schema.P_ID] == "P5"].iloc[0]
    assert (p5["country"], p5["region"]) == (tf.UNKNOWN, tf.UNKNOWN)
    p2 = pairs[pairs[schema.P_ID] == "P2"].iloc[0]
    assert (p2["region"], p2[tf.GRANTED]) == ("12", 0.0)


def test_grid_counts_a_project_in_full_for_each_of_its_goals(small: Dataset) -> None:
    summary = tf.summarise_goals(small, "en").set_index(tf.GOAL)
    assert list(summary.index) == list(range(1, 18))
    assert summary.loc[4, tf.PROJECTS] == 3
    assert summary.loc[5, tf.PROJECTS] == 1
    assert summary.loc[4, tf.GRANTED] == 100.0 + 0.0 + 1000.0
    assert summary.loc[5, tf.GRANTED] == 100.0  # the whole amount of P1, not a share
    assert summary.loc[4, tf.REQUESTED] == 6000.0
    assert summary.loc[8, tf.ASSOCIATIONS] == 3
    assert summary.loc[3, tf.ASSOCIATIONS] == 1
    assert summary.loc[2, tf.PROJECTS] == 0
    # Totals across goals exceed the number of projects (the page says so).
    assert summary[tf.PROJECTS].sum() == 7 > len(small.projects)
    assert summary.loc[4, tf.NAME] == "Quality Education"
    assert dict(summary[tf.COLOUR]) == reference.sdg_colours()


def test_grid_highlights(small: Dataset) -> None:
    summary = tf.summarise_goals(small, "it")
    top, empty = tf.grid_highlights(summary, top=2)
    assert top == [4, 1]  # 3 projects, then ties at 1 broken by goal number
    assert empty == [2, 3, 6, 7, 9, 10, 11, 12, 14, 15, 16, 17]


# -- heatmaps ------------------------------------------------------------------------------
@pytest.mark.parametrize("measure", tf.MEASURES)
@pytest.mark.parametrize("dimension", tf.DIMENSIONS)
@pytest.mark.parametrize("order", tf.ROW_ORDERS)
def test_heatmap_cells_add_up_to_the_grid_totals(
    small: Dataset, demo: Dataset, measure: tf.Measure, dimension: tf.Dimension, order
) -> None:
    for data in (small, demo):
        summary = tf.summarise_goals(data, "it").set_index(tf.GOAL)[measure]
        matrix = tf.goal_matrix(tf.project_goals(data.projects), dimension, measure, "it", order)
        assert list(matrix.values.columns) == list(range(1, 18))
        totals = matrix.goal_totals()
        assert totals.to_dict() == pytest.approx(summary.to_dict())
        table = tf.goal_matrix_table(matrix)
        assert table[[f"SDG {g}" for g in range(1, 18)]].sum().tolist() == pytest.approx(
            summary.tolist()
        )


def test_heatmap_keeps_projects_without_a_place_in_a_row_of_their_own(small: Dataset) -> None:
    matrix = tf.goal_matrix(tf.project_goals(small.projects), "country", "projects", "en")
    assert tf.UNKNOWN in matrix.keys
    assert matrix.labels[matrix.keys.index(tf.UNKNOWN)] == "Not given"
    assert matrix.values.loc[tf.UNKNOWN, 1] == 1
    assert matrix.labels[matrix.keys.index("SEN")] == "Senegal"


def test_heatmap_rows_by_total_are_in_descending_order(demo: Dataset) -> None:
    matrix = tf.goal_matrix(tf.project_goals(demo.projects), "country", "projects", "en")
    totals = matrix.row_totals().tolist()
    assert len(totals) > 3
    assert totals == sorted(totals, reverse=True)


def test_heatmap_rows_by_pattern_are_grouped_by_their_main_goal(demo: Dataset) -> None:
    pairs = tf.project_goals(demo.projects)
    by_total = tf.goal_matrix(pairs, "region", "granted", "en", "total")
    by_pattern = tf.goal_matrix(pairs, "region", "granted", "en", "pattern")
    assert sorted(by_pattern.keys) == sorted(by_total.keys)
    values = by_pattern.values
    # Rows with nothing (a region with projects but no EUR granted) come last.
    main = values.idxmax(axis=1).where(values.sum(axis=1) > 0, 18).tolist()
    assert main == sorted(main)
    assert len(set(main)) > 2, "the demo should show more than one specialisation"


def test_top_cells_are_the_largest(small: Dataset) -> None:
    matrix = tf.goal_matrix(tf.project_goals(small.projects), "country", "projects", "en")
    assert tf.top_cells(matrix, n=1) == [("Senegal", 4, 2.0)]
    assert len(tf.top_cells(matrix, n=100)) == int((matrix.values > 0).sum().sum())


# -- trend ---------------------------------------------------------------------------------
@pytest.mark.parametrize("measure", tf.MEASURES)
def test_trend_covers_every_goal_and_year_and_adds_up(small: Dataset, measure) -> None:
    pairs = tf.project_goals(small.projects)
    trend = tf.measure_goals_by_year(pairs, measure)
    assert set(trend[tf.GOAL]) == set(range(1, 18))
    assert sorted(set(trend[flt.YEAR])) == [2018, 2019, 2020]
    dated = pairs.dropna(subset=[flt.YEAR])
    expected = tf.measure_goals(dated, measure).set_index(tf.GOAL)[tf.VALUE]
    assert trend.groupby(tf.GOAL)[tf.VALUE].sum().to_dict() == pytest.approx(expected.to_dict())
    assert tf.undated_projects(small.projects) == 1
    table = tf.trend_table(trend)
    assert table["year"].tolist() == ["2018", "2019", "2020"]
    assert table.shape == (3, 18)


# -- drill-down ----------------------------------------------------------------------------
def test_targets_of_a_goal_are_all_listed_in_official_order(small: Dataset) -> None:
    targets = tf.count_projects_by_target(small.projects, 4)
    expected = ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.a", "4.b", "4.c"]
    assert targets[tf.TARGET].tolist() == expected
    counts = dict(zip(targets[tf.TARGET], targets[tf.PROJECTS], strict=True))
    assert counts["4.4"] == 2 and counts["4.1"] == 1 and counts["4.2"] == 0
    assert "5.5" not in counts
    assert tf.projects_without_target(small.projects, 4) == 1  # P3
    assert tf.count_projects_by_target(small.projects, 13)[tf.PROJECTS].sum() == 0


def test_projects_of_a_goal_table_is_public_and_readable(small: Dataset) -> None:
    table = tf.goal_projects_table(small, 4, "it")
    assert sorted(table["title"]) == ["Progetto P1", "Progetto P2", "Progetto P3"]
    assert table["title"].iloc[0] == "Progetto P3"  # largest grant first
    assert set(table.columns).isdisjoint(schema.PRIVATE_COLUMNS)
    assert table.loc[table["title"] == "Progetto P3", "year"].item() == "2018"
    assert table.loc[table["title"] == "Progetto P3", "sdgs"].item() == "4, 13"
    assert table.loc[table["title"] == "Progetto P1", "lead"].item() == "Associazione A1"


# -- gap finder ----------------------------------------------------------------------------
def _pairs(gaps: pd.DataFrame) -> set[tuple[str, int]]:
    return set(zip(gaps[tf.KEY], gaps[tf.GOAL].astype(int), strict=True))


def test_country_gaps_are_declared_goals_without_projects(small: Dataset) -> None:
    gaps = tf.find_country_gaps(small, "en")
    # SEN declares 4, 8, 5: 4 and 5 have projects to SEN, 8 only a rejected one (it counts).
    # GMB declares 8 (through A3) and has no projects; MAR declares 3 and has none.
    assert _pairs(gaps) == {("GMB", 8), ("MAR", 3)}
    mar = gaps.set_index(tf.KEY).loc["MAR"]
    assert mar[tf.DECLARING] == 1 and mar[tf.ASSOCIATIONS] == 2
    assert mar[tf.RESIDENTS] == 300 and mar[tf.OTHER_PROJECTS] == 0
    assert mar[tf.GOALS_COVERED] == "" and mar[tf.EXAMPLES] == "Associazione A4"
    assert mar[tf.NAME] == "Morocco"


def test_only_funded_projects_can_cover_when_asked(small: Dataset) -> None:
    gaps = tf.find_country_gaps(small, "en", covering_stages=schema.APPROVED_STAGES)
    assert ("SEN", 8) in _pairs(gaps)
    sen = gaps.set_index([tf.KEY, tf.GOAL]).loc[("SEN", 8)]
    # Evidence: three Senegalese associations declare goal 8, 1,200 residents in the latest
    # year (2023, not 2022), two funded projects on goals 4 and 5.
    assert sen[tf.DECLARING] == 3 and sen[tf.ASSOCIATIONS] == 3
    assert sen[tf.RESIDENTS] == 1200
    assert sen[tf.OTHER_PROJECTS] == 2 and sen[tf.GOALS_COVERED] == "4, 5"
    assert sen[tf.EXAMPLES] == "Associazione A1; Associazione A2; Associazione A3"
    # Strongest evidence first.
    assert (gaps[tf.KEY].iloc[0], gaps[tf.GOAL].iloc[0]) == ("SEN", 8)


def test_all_goals_basis_includes_communities_present_through_residents(small: Dataset) -> None:
    gaps = tf.find_country_gaps(small, "en", basis="all")
    assert {g for k, g in _pairs(gaps) if k == "UKR"} == set(range(1, 18))
    ukr = gaps[gaps[tf.KEY] == "UKR"]
    assert (ukr[tf.ASSOCIATIONS] == 0).all() and (ukr[tf.RESIDENTS] == 5000).all()
    assert not {("SEN", 4), ("SEN", 5), ("SEN", 8)} & _pairs(gaps)
    assert ("SEN", 1) in _pairs(gaps)
    # 300 Moroccan residents are under the threshold, but Moroccan associations are there.
    assert ("MAR", 17) in _pairs(gaps)
    fewer = tf.find_country_gaps(small, "en", basis="all", residents_presence=10_000)
    assert "UKR" not in set(fewer[tf.KEY])


def test_gaps_keep_to_the_goals_chosen_in_the_filters(small: Dataset) -> None:
    gaps = tf.find_country_gaps(small, "en", basis="all", goals=(3, 8))
    assert set(gaps[tf.GOAL]) == {3, 8}
    assert ("SEN", 8) not in _pairs(gaps)


def test_country_gaps_keep_to_the_origin_filter(small: Dataset) -> None:
    # A3 is Senegalese and Gambian: a filter on Senegal keeps it, but projects to Gambia
    # were filtered out, so (GMB, 8) would be a false gap.
    gaps = tf.find_country_gaps(small, "en", countries={"SEN", "MAR"})
    assert _pairs(gaps) == {("MAR", 3)}


def test_region_gaps(small: Dataset) -> None:
    gaps = tf.find_region_gaps(small, "it")
    # Lombardia: A1 (4, 8), A3 (8); projects based there cover 4, 5, 8 (P1, P4) -> no gap.
    # Lazio: A2 declares 8 and 5; P2 covers only 4 -> (12, 8), (12, 5).
    # Piemonte: A4 declares 3; P3 covers 4, 13 -> (01, 3).
    assert _pairs(gaps) == {("12", 8), ("12", 5), ("01", 3)}
    lazio = gaps.set_index([tf.KEY, tf.GOAL]).loc[("12", 8)]
    assert lazio[tf.NAME] == "Lazio" and lazio[tf.RESIDENTS] == 700
    assert lazio[tf.GOALS_COVERED] == "4" and lazio[tf.OTHER_PROJECTS] == 1
    lombardia = tf.find_region_gaps(small, "it", basis="all").set_index(tf.KEY)
    assert lombardia.loc["03", tf.RESIDENTS].iloc[0] == 5500  # every citizenship, 2023


def test_gaps_rank_by_declaring_associations_then_presence() -> None:
    data = _dataset(
        associations=[
            _association("B1", ["NGA"], [6]),
            _association("B2", ["NGA"], [6, 2]),
            _association("B3", ["GHA"], [2]),
            _association("B4", ["GHA"], [7]),
            _association("B5", ["GHA"], [7]),
            _association("B6", ["CIV"], [2]),
        ],
        projects=[],
        residents=[(2023, "015", "CIV", 9000), (2023, "015", "NGA", 10)],
    )
    gaps = tf.find_country_gaps(data, "en")
    order = list(zip(gaps[tf.KEY], gaps[tf.GOAL], strict=True))
    assert order == [("GHA", 7), ("NGA", 6), ("GHA", 2), ("NGA", 2), ("CIV", 2)]


def test_no_gaps_without_associations_or_projects() -> None:
    empty = _dataset(associations=[_association("Z", ["SEN"], [])][:0], projects=[])
    for finder in (tf.find_country_gaps, tf.find_region_gaps):
        gaps = finder(empty, "en")
        assert gaps.empty and list(gaps.columns) == list(tf.GAP_COLUMNS)


def _covered(data: Dataset, dimension: str, stages=None) -> set[tuple[str, int]]:
    # Written independently of the transforms: plain loops over the projects.
    regions = reference.load_municipalities().set_index("municipality_istat")["region_istat"]
    covered = set()
    for project in data.projects.to_dict("records"):
        if stages and project[schema.P_STAGE] not in stages:
            continue
        if dimension == "country":
            key = project[schema.P_COUNTRY]
        else:
            key = regions.get(project[schema.P_MUNICIPALITY])
        for goal in project[schema.P_SDGS]:
            covered.add((str(key), int(goal)))
    return covered


def _random_dataset(seed: int) -> Dataset:
    rng = random.Random(seed)
    countries = ["SEN", "MAR", "PER", "UKR", "BGD", "NGA"]
    places = [MILANO, ROMA, TORINO, "063049"]
    stages = list(schema.STAGES)
    associations = [
        _association(
            f"A{i}",
            rng.sample(countries, rng.randint(1, 2)),
            rng.sample(range(1, 18), rng.randint(0, 4)),
            municipality=rng.choice(places),
        )
        for i in range(rng.randint(0, 25))
    ]
    projects = [
        _project(
            f"P{i}",
            rng.choice(countries),
            rng.sample(range(1, 18), rng.randint(0, 3)),
            municipality=rng.choice(places),
            stage=rng.choice(stages),
        )
        for i in range(rng.randint(0, 40))
    ]
    residents = [
        (2023, rng.choice(["015", "058", "001", "063"]), c, rng.randint(0, 3000)) for c in countries
    ]
    return _dataset(associations, projects, residents)


@pytest.mark.parametrize("seed", range(25))
def test_the_gap_finder_never_lists_a_pair_that_has_a_project(seed: int) -> None:
    data = _random_dataset(seed)
    for dimension, finder in (("country", tf.find_country_gaps), ("region", tf.find_region_gaps)):
        for basis in tf.GOAL_BASES:
            for stages in (None, schema.APPROVED_STAGES):
                gaps = finder(data, "en", basis=basis, covering_stages=stages)
                assert not _pairs(gaps) & _covered(data, dimension, stages)
                assert not gaps.duplicated([tf.KEY, tf.GOAL]).any()
                if basis == "declared":
                    assert (gaps[tf.DECLARING] >= 1).all()


@pytest.mark.parametrize("basis", tf.GOAL_BASES)
@pytest.mark.parametrize("stages", [None, schema.APPROVED_STAGES])
def test_the_gap_finder_never_lists_a_pair_that_has_a_project_in_the_demo(
    demo: Dataset, basis, stages
) -> None:
    for dimension, finder in (("country", tf.find_country_gaps), ("region", tf.find_region_gaps)):
        gaps = finder(demo, "it", basis=basis, covering_stages=stages)
        assert not _pairs(gaps) & _covered(demo, dimension, stages)
    declared = tf.find_country_gaps(demo, "it")
    assert not declared.empty, "the demo should show the gap finder at work"


# -- charts ----------------------------------------------------------------------------------
def test_goal_grid_draws_17_tiles_in_official_colours(small: Dataset) -> None:
    summary = tf.summarise_goals(small, "it")
    fig = charts.goals_grid(summary, lang="it", selected=4)
    colours = reference.sdg_colours()
    tiles = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(tiles) == 17
    assert list(fig.data[0].customdata) == list(range(1, 18))
    for goal, tile in zip(range(1, 18), tiles, strict=True):
        red, green, blue, _ = hex_to_rgb(colours[goal])
        alpha = "1.0" if summary.loc[goal - 1, tf.PROJECTS] else "0.35"
        assert tile.fillcolor == f"rgba({red},{green},{blue},{alpha})"
        assert (tile.line.color == INK) == (goal == 4)
    texts = " ".join(a.text for a in fig.layout.annotations)
    assert "ISTRUZIONE DI QUALITÀ" in texts.replace("<br>", " ")
    assert "3 progetti" in texts
    # One project or association reads in the singular.
    assert "1 progetto<br>" in texts and "1 associazione<br>" in texts


def _tile_names(fig: Any) -> list[str]:
    # Each tile writes three texts: its number, its name, its figures.
    return [a.text for a in fig.layout.annotations][1::3]


@pytest.mark.parametrize("lang", ["it", "en"])
def test_goal_names_on_tiles_break_only_between_words(demo: Dataset, lang: str) -> None:
    summary = tf.summarise_goals(demo, lang)  # type: ignore[arg-type]
    fig = charts.goals_grid(summary, lang=lang)  # type: ignore[arg-type]
    names = _tile_names(fig)
    assert len(names) == 17
    for goal, text in zip(range(1, 18), names, strict=True):
        official = i18n.sdg_name(goal, lang).upper()  # type: ignore[arg-type]
        lines = text.split("<br>")
        words = official.split()
        # Every line is whole words of the name, in order, and together they are the name.
        assert " ".join(lines) == official, (goal, lines)
        for line in lines:
            assert set(line.split()) <= set(words), (goal, line)
            # No line is longer than the tile holds, unless it is one long word alone.
            assert len(line) <= charts.TILE_NAME_CHARS or " " not in line, (goal, line)
        # Three lines at most: the tile's figures start below them.
        assert len(lines) <= 3, (goal, lines)


def test_no_word_of_any_goal_is_cut_even_a_long_one() -> None:
    assert charts.wrap_words("RIDURRE LE DISUGUAGLIANZE", 10) == ["RIDURRE LE", "DISUGUAGLIANZE"]
    assert charts.wrap_words("ACQUA E SERVIZI IGIENICO-SANITARI", 16) == [
        "ACQUA E SERVIZI",
        "IGIENICO-SANITARI",
    ]


def test_heatmap_figure_carries_the_matrix(small: Dataset) -> None:
    matrix = tf.goal_matrix(tf.project_goals(small.projects), "country", "granted", "it")
    fig = charts.goal_heatmap(matrix, lang="it")
    heat = fig.data[0]
    assert heat.type == "heatmap"
    assert list(heat.y) == matrix.labels
    assert list(heat.x) == [str(g) for g in range(1, 18)]
    assert [list(row) for row in heat.z] == matrix.values.to_numpy().tolist()
    colours = reference.sdg_colours()
    assert [s.fillcolor for s in fig.layout.shapes] == [colours[g] for g in range(1, 18)]
    assert fig.layout.separators == ",."


def test_trend_figure_has_a_panel_a_goal_in_official_colours(small: Dataset) -> None:
    trend = tf.measure_goals_by_year(tf.project_goals(small.projects), "projects")
    fig = charts.goal_trend_small_multiples(trend, measure="projects", lang="en")
    assert len(fig.data) == 17
    colours = reference.sdg_colours()
    assert [t.line.color for t in fig.data] == [colours[g] for g in range(1, 18)]
    assert sum(sum(t.y) for t in fig.data) == trend[tf.VALUE].sum()
    assert len({t.xaxis for t in fig.data}) == 17


def test_target_bars_use_the_goal_colour(small: Dataset) -> None:
    targets = tf.count_projects_by_target(small.projects, 4)
    fig = charts.projects_by_target_bar(targets, goal=4, lang="en")
    assert fig.data[0].marker.color == reference.sdg_colours()[4]
    assert list(fig.data[0].y) == targets[tf.PROJECTS].tolist()
