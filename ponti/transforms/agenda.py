"""Agenda 2030 figures: goals by projects, associations and EUR; where communities are
present but no project covers a goal they work on.

The counting rule of the page is ``project_goals``: a project counts once, in full (its
whole amount), for every goal in its ``sdgs`` list. Totals across goals therefore exceed
the number of projects; every figure of the page (grid, heatmaps, trend, gaps) is made
from that one table, so the heatmap cells of a goal add up to the grid total of the goal.
A project shared among several destination countries (``destination_split``) has a row
per country, its EUR shared by percentage (the EUR cells still add up to the grid); it
counts as a project in each of its countries, so the country rows of the projects
measure may add up to more than the goal's projects.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import pandas as pd

from ponti import i18n, reference, schema
from ponti.filters import YEAR
from ponti.i18n import Lang
from ponti.transforms.common import Dataset, latest_residents_year, spread_by_country

Measure = Literal["projects", "granted", "requested"]
MEASURES: Final[tuple[Measure, ...]] = ("projects", "granted", "requested")
Dimension = Literal["country", "region"]
DIMENSIONS: Final[tuple[Dimension, ...]] = ("country", "region")
RowOrder = Literal["total", "pattern"]
ROW_ORDERS: Final[tuple[RowOrder, ...]] = ("total", "pattern")
GoalBasis = Literal["declared", "all"]
GOAL_BASES: Final[tuple[GoalBasis, ...]] = ("declared", "all")

# Columns of the tables built here (headings are translated by the page).
GOAL: Final = "goal"
NAME: Final = "name"
KEY: Final = "key"
VALUE: Final = "value"
PROJECTS: Final = "projects"
ASSOCIATIONS: Final = "associations"
GRANTED: Final = "granted"
REQUESTED: Final = "requested"
COLOUR: Final = "colour"
TARGET: Final = "target"
DECLARING: Final = "declaring"
RESIDENTS: Final = "residents"
OTHER_PROJECTS: Final = "other_projects"
GOALS_COVERED: Final = "goals_covered"
EXAMPLES: Final = "examples"

# A project whose destination country or Italian region is unknown keeps this key, so
# that no project drops out of a heatmap row sum.
UNKNOWN: Final = "?"
# Foreign residents from which a community counts as present without any association.
RESIDENTS_PRESENCE: Final = 1000
EXAMPLES_SHOWN: Final = 3

_MEASURE_COLUMN: Final[dict[str, str]] = {GRANTED: GRANTED, REQUESTED: REQUESTED}


# -- the counting rule ----------------------------------------------------------------
def _valid_goals(values: object) -> list[int]:
    # Each goal once per project, in the order given; anything outside 1..17 is ignored.
    seen: dict[int, None] = {}
    for value in values if isinstance(values, Iterable) else ():
        try:
            goal = int(value)
        except (TypeError, ValueError):
            continue
        if goal in schema.SDG_GOALS:
            seen[goal] = None
    return list(seen)


def _goal_or_none(value: object) -> int | None:
    # One element of a goals list as _valid_goals reads it.
    try:
        goal = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
    return goal if goal in schema.SDG_GOALS else None


def _goal_rows(lists: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Every (row position, goal) of a column of goal lists, as ``_valid_goals`` reads each
    row (each goal once per row, in the order given), without a Python call per row."""
    values = lists.to_numpy(dtype=object)
    if set(map(type, values)) <= {list}:
        lengths = np.fromiter(map(len, values), dtype="int64", count=len(values))
        flat = np.array(list(itertools.chain.from_iterable(values)))
        if flat.dtype.kind in "iub" or not len(flat):
            # Whole numbers only (the stored form): no conversion to make, all in numpy.
            rows = np.repeat(np.arange(len(values), dtype="int64"), lengths)
            goals = flat.astype("int64")
            valid = (goals >= min(schema.SDG_GOALS)) & (goals <= max(schema.SDG_GOALS))
            return _first_of_each(rows[valid], goals[valid])
    return _goal_rows_any(values)


def _first_of_each(rows: np.ndarray, goals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # The first occurrence of each (row, goal), in the order given.
    _, first = np.unique(rows * (max(schema.SDG_GOALS) + 1) + goals, return_index=True)
    first.sort()
    return rows[first], goals[first]


def _goal_rows_any(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # The general case: any value in a row, any element in a list (see _valid_goals).
    values = values.copy()
    for i, value in enumerate(values):
        if type(value) is not list:
            values[i] = _valid_goals(value)
    flat = pd.Series(values, dtype=object).explode()
    flat = flat[flat.notna().to_numpy()]
    try:
        uniques = pd.unique(flat.to_numpy())
    except TypeError:  # an unhashable element: never a goal
        converted = flat.map(_goal_or_none)
    else:
        converted = flat.map(dict(zip(uniques, map(_goal_or_none, uniques), strict=True)))
    converted = converted[converted.notna().to_numpy()]
    return _first_of_each(
        converted.index.to_numpy(dtype="int64"), converted.to_numpy(dtype="int64")
    )


def _region_of_municipality(municipality: pd.Series) -> pd.Series:
    places = reference.load_municipalities().set_index("municipality_istat")["region_istat"]
    return municipality.map(places).fillna(UNKNOWN).astype(str)


def project_goals(projects: pd.DataFrame) -> pd.DataFrame:
    """One row per (project, goal it declares): the single counting rule of the page.

    Columns: project_id, goal, country, region, year, granted, requested. A missing amount
    counts as 0 EUR, a missing place as ``UNKNOWN``.
    """
    columns = [schema.P_ID, GOAL, "country", "region", YEAR, GRANTED, REQUESTED]
    if projects.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns}).astype(
            {GOAL: "int64", GRANTED: "float64", REQUESTED: "float64"}
        )
    year = projects[YEAR] if YEAR in projects else pd.Series(pd.NA, index=projects.index)
    base = pd.DataFrame(
        {
            schema.P_ID: projects[schema.P_ID].astype(str),
            "country": projects[schema.P_COUNTRY].fillna(UNKNOWN).astype(str),
            "region": _region_of_municipality(projects[schema.P_MUNICIPALITY]),
            YEAR: year.astype("Int64"),
            GRANTED: pd.to_numeric(projects[schema.P_GRANTED], errors="coerce").fillna(0.0),
            REQUESTED: pd.to_numeric(projects[schema.P_REQUESTED], errors="coerce").fillna(0.0),
        }
    )
    rows, goals = _goal_rows(projects[schema.P_SDGS])
    pairs = base.iloc[rows]
    pairs.insert(1, GOAL, goals)
    # A project shared among countries: a row per country, its EUR shared by percentage.
    spread = spread_by_country(
        pairs, projects, country="country", amounts=(GRANTED, REQUESTED), positions=rows
    )
    key = [schema.P_ID, GOAL] if spread is pairs else [schema.P_ID, GOAL, "country"]
    pairs = spread
    if not base[schema.P_ID].is_unique:  # a repeated id counts once per goal
        pairs = pairs.drop_duplicates(key)
    return pairs.reset_index(drop=True)[columns]


def measure_goals(pairs: pd.DataFrame, measure: Measure, by: Iterable[str] = ()) -> pd.DataFrame:
    """The measure per goal (and per the ``by`` columns) from ``project_goals`` rows.

    "projects" counts distinct projects, "granted"/"requested" sum EUR; every goal 1..17
    appears when ``by`` is empty (0 where nothing is there).
    """
    keys = [GOAL, *by]
    if measure == PROJECTS:
        values = pairs.groupby(keys)[schema.P_ID].nunique()
    else:
        values = pairs.groupby(keys)[_MEASURE_COLUMN[measure]].sum()
    table = values.rename(VALUE).reset_index()
    if not list(by):
        table = (
            pd.DataFrame({GOAL: list(schema.SDG_GOALS)})
            .merge(table, on=GOAL, how="left")
            .fillna({VALUE: 0})
        )
    if measure == PROJECTS:
        table[VALUE] = table[VALUE].astype("int64")
    else:
        table[VALUE] = table[VALUE].astype("float64")
    return table


# -- the grid of goals ----------------------------------------------------------------
def count_associations_by_goal(associations: pd.DataFrame) -> pd.Series:
    """Associations declaring each goal 1..17 (an association counts for each of its goals)."""
    goals = pd.Series(_goal_rows(associations[schema.A_SDGS])[1], dtype="int64")
    counts = goals.value_counts().reindex(list(schema.SDG_GOALS), fill_value=0)
    counts.index.name = GOAL
    return counts.rename(ASSOCIATIONS).astype("int64")


def summarise_goals(data: Dataset, lang: Lang) -> pd.DataFrame:
    """One row per goal 1..17: name, colour, projects, associations, EUR granted, requested."""
    pairs = project_goals(data.projects)
    sdgs = reference.load_sdgs()
    table = pd.DataFrame(
        {
            GOAL: sdgs["goal"].astype("int64"),
            NAME: sdgs[f"name_{lang}"].astype(str),
            COLOUR: sdgs["colour"].astype(str),
        }
    )
    for measure in MEASURES:
        values = measure_goals(pairs, measure).set_index(GOAL)[VALUE]
        table[measure] = table[GOAL].map(values)
    table[ASSOCIATIONS] = table[GOAL].map(count_associations_by_goal(data.associations))
    columns = [GOAL, NAME, COLOUR, PROJECTS, ASSOCIATIONS, GRANTED, REQUESTED]
    return table[columns].sort_values(GOAL, ignore_index=True)


def grid_highlights(summary: pd.DataFrame, top: int = 3) -> tuple[list[int], list[int]]:
    """The goals with most projects (up to ``top``, ties by goal) and goals with none."""
    ranked = summary[summary[PROJECTS] > 0].sort_values([PROJECTS, GOAL], ascending=[False, True])
    empty = summary.loc[summary[PROJECTS] == 0, GOAL]
    return [int(g) for g in ranked[GOAL].head(top)], sorted(int(g) for g in empty)


# -- heatmaps ---------------------------------------------------------------------------
@dataclass(frozen=True)
class GoalMatrix:
    """A measure by row (country or region) and goal, rows in display order."""

    dimension: Dimension
    measure: Measure
    keys: list[str]
    labels: list[str]
    values: pd.DataFrame  # index: keys in order; columns: goals 1..17

    def row_totals(self) -> pd.Series:
        """The sum of each row (over goals)."""
        return self.values.sum(axis=1)

    def goal_totals(self) -> pd.Series:
        """The sum of each goal column (over rows): equals the grid total of the goal."""
        return self.values.sum(axis=0)


def place_label(dimension: Dimension, key: str, lang: Lang) -> str:
    """A country's or Italian region's name in lang; ``UNKNOWN`` reads as "not given"."""
    if key == UNKNOWN:
        return i18n.t("agenda.unknown_place", lang)
    if dimension == "country":
        return i18n.country_name(key, lang)
    names = reference.load_regions().set_index("region_istat")["name"]
    return str(names.get(key, key))


def _order_rows(values: pd.DataFrame, labels: pd.Series, order: RowOrder) -> list[str]:
    totals = values.sum(axis=1)
    frame = pd.DataFrame({"total": totals, "label": labels.reindex(values.index)})
    if order == "pattern" and not values.empty:
        # Rows grouped by the goal where most of their weight lies, goals in order, then
        # by how concentrated they are: blocks line up along a diagonal, patterns show.
        safe = totals.where(totals > 0, 1)
        frame["main"] = values.idxmax(axis=1).where(totals > 0, len(schema.SDG_GOALS) + 1)
        frame["share"] = values.max(axis=1) / safe
        ranked = frame.sort_values(
            ["main", "share", "total", "label"], ascending=[True, False, False, True]
        )
    else:
        ranked = frame.sort_values(["total", "label"], ascending=[False, True])
    return [str(k) for k in ranked.index]


def goal_matrix(
    pairs: pd.DataFrame,
    dimension: Dimension,
    measure: Measure,
    lang: Lang,
    order: RowOrder = "total",
) -> GoalMatrix:
    """The goal x country (destination) or goal x Italian region matrix of a measure."""
    long = measure_goals(pairs, measure, by=[dimension])
    values = long.pivot_table(
        index=dimension, columns=GOAL, values=VALUE, aggfunc="sum", fill_value=0
    ).reindex(columns=list(schema.SDG_GOALS), fill_value=0)
    values = values.astype("int64" if measure == PROJECTS else "float64")
    values.index = values.index.astype(str)
    values.columns.name = GOAL
    labels = pd.Series({k: place_label(dimension, k, lang) for k in values.index}, dtype=object)
    keys = _order_rows(values, labels, order)
    return GoalMatrix(
        dimension=dimension,
        measure=measure,
        keys=keys,
        labels=[str(labels[k]) for k in keys],
        values=values.reindex(keys),
    )


def top_cells(matrix: GoalMatrix, n: int = 3) -> list[tuple[str, int, float]]:
    """The n largest non-zero cells as (row label, goal, value), largest first."""
    cells = [
        (label, int(goal), float(value))
        for label, row in zip(matrix.labels, matrix.values.to_numpy(), strict=True)
        for goal, value in zip(matrix.values.columns, row, strict=True)
        if value > 0
    ]
    return sorted(cells, key=lambda cell: (-cell[2], cell[0], cell[1]))[:n]


def goal_matrix_table(matrix: GoalMatrix) -> pd.DataFrame:
    """The matrix as drawn, for the table and the CSV: key, name, then one column a goal."""
    table = matrix.values.copy()
    table.columns = [f"SDG {g}" for g in table.columns]
    table.insert(0, NAME, matrix.labels)
    table.insert(0, KEY, matrix.keys)
    return table.reset_index(drop=True)


# -- trend --------------------------------------------------------------------------------
def measure_goals_by_year(pairs: pd.DataFrame, measure: Measure) -> pd.DataFrame:
    """The measure per goal per year, every goal and every year in range (0 where none)."""
    dated = pairs.dropna(subset=[YEAR])
    if dated.empty:
        return pd.DataFrame({GOAL: [], YEAR: [], VALUE: []}).astype(
            {GOAL: "int64", YEAR: "int64", VALUE: "float64"}
        )
    dated = dated.assign(**{YEAR: dated[YEAR].astype("int64")})
    long = measure_goals(dated, measure, by=[YEAR])
    years = range(int(dated[YEAR].min()), int(dated[YEAR].max()) + 1)
    grid = pd.MultiIndex.from_product([list(schema.SDG_GOALS), list(years)], names=[GOAL, YEAR])
    full = long.set_index([GOAL, YEAR])[VALUE].reindex(grid, fill_value=0).reset_index()
    return full.astype({VALUE: "int64" if measure == PROJECTS else "float64"})


def trend_table(trend: pd.DataFrame) -> pd.DataFrame:
    """The trend as a table: one row a year, one column a goal."""
    wide = trend.pivot_table(index=YEAR, columns=GOAL, values=VALUE, aggfunc="sum")
    wide = wide.reindex(columns=list(schema.SDG_GOALS), fill_value=0)
    wide.columns = [f"SDG {g}" for g in wide.columns]
    wide.index = wide.index.astype(str)  # a year is a label, not a quantity to group by 1,000s
    return wide.reset_index()


def undated_projects(projects: pd.DataFrame) -> int:
    """Projects without any date, left out of the trend."""
    if YEAR not in projects:
        return 0
    return int(projects[YEAR].isna().sum())


# -- drill-down -------------------------------------------------------------------------
def _target_goal(target: object) -> int | None:
    head = str(target).strip().split(".", 1)[0]
    return int(head) if head.isdigit() else None


def count_projects_by_target(projects: pd.DataFrame, goal: int) -> pd.DataFrame:
    """Projects per official target of a goal (every target listed, 0 where none)."""
    targets = reference.load_sdg_targets()
    official: list[str] = targets.loc[targets["goal"] == int(goal), "target"].tolist()
    rows = projects[[schema.P_ID, schema.P_TARGETS]].explode(schema.P_TARGETS)
    rows = rows.dropna(subset=[schema.P_TARGETS])
    rows = rows[rows[schema.P_TARGETS].map(_target_goal) == int(goal)]
    counts = rows.groupby(schema.P_TARGETS)[schema.P_ID].nunique()
    listed = official + sorted(set(counts.index) - set(official))
    table = pd.DataFrame({TARGET: listed})
    table[PROJECTS] = table[TARGET].map(counts).fillna(0).astype("int64")
    return table


def projects_of_goal(projects: pd.DataFrame, goal: int) -> pd.DataFrame:
    """The projects that declare a goal (same rule as the grid)."""
    rows, goals = _goal_rows(projects[schema.P_SDGS])
    mask = np.zeros(len(projects), dtype=bool)
    mask[rows[goals == int(goal)]] = True
    return projects[mask]


def projects_without_target(projects: pd.DataFrame, goal: int) -> int:
    """Projects of a goal that name none of its targets."""
    chosen = projects_of_goal(projects, goal)
    named = chosen[schema.P_TARGETS].map(
        lambda values: any(_target_goal(v) == int(goal) for v in values or ())
    )
    return int((~named.astype(bool)).sum())


def _year_text(projects: pd.DataFrame) -> pd.Series:
    # A year is a label: written "2019", never "2.019".
    if YEAR not in projects:
        return pd.Series("", index=projects.index, dtype=object)
    return projects[YEAR].map(lambda y: "" if pd.isna(y) else str(int(y)))


def _join_goals(values: object) -> str:
    return ", ".join(str(g) for g in sorted(_valid_goals(values)))


def goal_projects_table(data: Dataset, goal: int, lang: Lang) -> pd.DataFrame:
    """The projects of a goal with readable, public columns, largest grant first."""
    chosen = projects_of_goal(data.projects, goal)
    names = data.associations.set_index(schema.A_ID)[schema.A_NAME]
    places = reference.load_municipalities().set_index("municipality_istat")["name"]
    table = pd.DataFrame(
        {
            "title": chosen[schema.P_TITLE],
            "lead": chosen[schema.P_LEAD].map(names),
            "lead_code": chosen[schema.P_LEAD].astype("object"),  # no lead yet: no link
            "municipality": chosen[schema.P_MUNICIPALITY].map(places),
            "municipality_code": chosen[schema.P_MUNICIPALITY].astype(str),
            "destination": chosen[schema.P_COUNTRY].map(lambda c: i18n.country_name(c, lang)),
            "stage": chosen[schema.P_STAGE].map(lambda s: i18n.label("stage", s, lang)),
            "year": _year_text(chosen),
            "sdgs": chosen[schema.P_SDGS].map(_join_goals),
            "targets": chosen[schema.P_TARGETS].map(lambda v: ", ".join(map(str, v or ()))),
            "funder": chosen[schema.P_FUNDER],
            "granted": chosen[schema.P_GRANTED],
            "requested": chosen[schema.P_REQUESTED],
        }
    )
    table = table.sort_values(["granted", "title"], ascending=[False, True], na_position="last")
    return table.reset_index(drop=True)


# -- gap finder -------------------------------------------------------------------------
GAP_COLUMNS: Final[tuple[str, ...]] = (
    KEY,
    NAME,
    GOAL,
    DECLARING,
    ASSOCIATIONS,
    RESIDENTS,
    OTHER_PROJECTS,
    GOALS_COVERED,
    EXAMPLES,
)


def _latest_residents(residents: pd.DataFrame, key_of_row: pd.Series) -> pd.Series:
    year = latest_residents_year(residents)
    if year is None:
        return pd.Series(dtype="int64")
    latest = residents[schema.R_YEAR] == year
    counts = pd.to_numeric(residents.loc[latest, schema.R_RESIDENTS], errors="coerce")
    return counts.groupby(key_of_row[latest]).sum().astype("int64")


@dataclass(frozen=True)
class _Declared:
    """One row per (member row, goal it declares): key, association id, name, goal, in the
    members' order, each goal once per row (``_valid_goals``); ``_id`` and ``_name`` number
    the ids and the names (a name is ``names[_name]``, in sorted order) to group on numbers."""

    rows: pd.DataFrame
    names: np.ndarray


def _declared(members: pd.DataFrame, sdgs: pd.Series) -> _Declared:
    ids, _ = pd.factorize(members[schema.A_ID])
    texts = np.array([str(name) for name in members[schema.A_NAME].tolist()], dtype=object)
    name_rank, names = pd.factorize(texts, sort=True)
    rows, goals = _goal_rows(sdgs)
    declared = members[[KEY, schema.A_ID, schema.A_NAME]].iloc[rows]
    id_codes = ids[rows]
    if (id_codes < 0).any():  # a missing id is no association, as nunique reads it
        id_codes = np.where(id_codes < 0, np.nan, id_codes)
    return _Declared(
        declared.assign(**{GOAL: goals, "_id": id_codes, "_name": name_rank[rows]}),
        np.asarray(names, dtype=object),
    )


def _examples(declared: pd.DataFrame, names: np.ndarray) -> dict[tuple[object, object], str]:
    """Per (key, goal): the first EXAMPLES_SHOWN distinct names, sorted, joined by "; "."""
    key_code, key_values = pd.factorize(declared[KEY])
    ranked = pd.DataFrame(
        {"key": key_code, GOAL: declared[GOAL].to_numpy(), "name": declared["_name"].to_numpy()}
    ).drop_duplicates()
    ranked = ranked.sort_values(["key", GOAL, "name"])
    ranked = ranked[ranked.groupby(["key", GOAL], sort=False).cumcount() < EXAMPLES_SHOWN]
    found: dict[tuple[object, object], list[str]] = {}
    for key, goal, name in zip(
        ranked["key"].tolist(), ranked[GOAL].tolist(), ranked["name"].tolist(), strict=True
    ):
        found.setdefault((key_values[key], goal), []).append(names[name])
    return {pair: "; ".join(shown) for pair, shown in found.items()}


def _gaps(
    members: pd.DataFrame,
    found: _Declared,
    residents: pd.Series,
    covering: pd.DataFrame,
    dimension: Dimension,
    lang: Lang,
    *,
    basis: GoalBasis,
    goals: Collection[int] | None,
    residents_presence: int,
) -> pd.DataFrame:
    """The shared core: ``members`` has key, association id, name (one row each) and
    ``found`` their goals (``_declared``)."""
    scope = [g for g in schema.SDG_GOALS if goals is None or not goals or g in set(goals)]
    association_counts = members.groupby(KEY)[schema.A_ID].nunique()
    present = set(association_counts[association_counts > 0].index)
    present |= set(residents[residents >= residents_presence].index)
    present.discard(UNKNOWN)

    declared = found.rows[found.rows[GOAL].isin(scope)]
    if basis == "declared":
        candidates = declared[[KEY, GOAL]].drop_duplicates()
    else:
        candidates = pd.MultiIndex.from_product(
            [sorted(present), scope], names=[KEY, GOAL]
        ).to_frame(index=False)
    candidates = candidates[candidates[KEY].isin(present)]

    covered = covering[[dimension, GOAL]].drop_duplicates().rename(columns={dimension: KEY})
    gaps = candidates.merge(covered, on=[KEY, GOAL], how="left", indicator=True)
    gaps = gaps[gaps["_merge"] == "left_only"].drop(columns="_merge")

    declaring = declared.groupby([KEY, GOAL])["_id"].nunique().rename(DECLARING)
    first_names = _examples(declared, found.names)
    examples = pd.Series(
        [first_names.get(pair, "") for pair in declaring.index], index=declaring.index, dtype=object
    )
    gaps = gaps.join(declaring, on=[KEY, GOAL]).join(examples.rename(EXAMPLES), on=[KEY, GOAL])
    gaps[DECLARING] = gaps[DECLARING].fillna(0).astype("int64")
    gaps[EXAMPLES] = gaps[EXAMPLES].astype(object).fillna("").astype(str)
    gaps[ASSOCIATIONS] = gaps[KEY].map(association_counts).fillna(0).astype("int64")
    gaps[RESIDENTS] = gaps[KEY].map(residents).astype("Int64")

    project_counts = covering.groupby(dimension)[schema.P_ID].nunique()
    goals_by_key: dict[object, set[int]] = {}
    pairs = covering[[dimension, GOAL]].drop_duplicates()
    for key, goal in zip(pairs[dimension].tolist(), pairs[GOAL].tolist(), strict=True):
        goals_by_key.setdefault(key, set()).add(goal)
    covered_goals = {
        key: ", ".join(str(g) for g in sorted(found)) for key, found in goals_by_key.items()
    }
    gaps[OTHER_PROJECTS] = gaps[KEY].map(project_counts).fillna(0).astype("int64")
    gaps[GOALS_COVERED] = [str(covered_goals.get(key, "")) for key in gaps[KEY]]
    labels = {key: place_label(dimension, key, lang) for key in gaps[KEY].unique()}
    gaps[NAME] = gaps[KEY].map(lambda key: labels[key])

    gaps = gaps.sort_values(
        [DECLARING, ASSOCIATIONS, RESIDENTS, NAME, GOAL],
        ascending=[False, False, False, True, True],
        na_position="last",
    )
    return gaps[list(GAP_COLUMNS)].reset_index(drop=True)


def _covering_pairs(projects: pd.DataFrame, stages: Collection[str] | None) -> pd.DataFrame:
    if stages:
        projects = projects[projects[schema.P_STAGE].isin(list(stages)).fillna(False)]
    return project_goals(projects)


def find_country_gaps(
    data: Dataset,
    lang: Lang,
    *,
    basis: GoalBasis = "declared",
    goals: Collection[int] | None = None,
    countries: Collection[str] | None = None,
    covering_stages: Collection[str] | None = None,
    residents_presence: int = RESIDENTS_PRESENCE,
) -> pd.DataFrame:
    """(origin country, goal) pairs where the community is present but no project of the
    view with that destination country covers the goal; strongest evidence first.

    A community is present with at least one association in the view, or with at least
    ``residents_presence`` residents of that citizenship (latest year). With basis
    "declared" the goals are those its associations declare; with "all", every goal in
    ``goals`` (all 17 when None). ``countries`` keeps to the origin filter: an association
    of two countries passes a filter on one, but projects to the other country were filtered
    out, so pairs of the other country would be false gaps. ``covering_stages`` limits which
    projects count as covering (e.g. only approved ones); None means every project.
    """
    members = data.associations[[schema.A_ID, schema.A_NAME, schema.A_COUNTRIES, schema.A_SDGS]]
    members = members.explode(schema.A_COUNTRIES).dropna(subset=[schema.A_COUNTRIES])
    members = pd.DataFrame(
        {
            KEY: members[schema.A_COUNTRIES].astype(str),
            schema.A_ID: members[schema.A_ID],
            schema.A_NAME: members[schema.A_NAME],
            schema.A_SDGS: members[schema.A_SDGS],
        }
    ).drop_duplicates([KEY, schema.A_ID])
    if countries:
        members = members[members[KEY].isin(list(countries))]
    residents = _latest_residents(data.residents, data.residents[schema.R_CITIZENSHIP].astype(str))
    return _gaps(
        members,
        _declared(members, members[schema.A_SDGS]),
        residents,
        _covering_pairs(data.projects, covering_stages),
        "country",
        lang,
        basis=basis,
        goals=goals,
        residents_presence=residents_presence,
    )


def find_region_gaps(
    data: Dataset,
    lang: Lang,
    *,
    basis: GoalBasis = "declared",
    goals: Collection[int] | None = None,
    covering_stages: Collection[str] | None = None,
    residents_presence: int = RESIDENTS_PRESENCE,
) -> pd.DataFrame:
    """(Italian region, goal) pairs where associations or foreign residents are present but
    no project of the view based in that region covers the goal; strongest evidence first.

    Same rules as ``find_country_gaps``; residents are all foreign residents of the view in
    the region (latest year), associations those based in its municipalities.
    """
    associations = data.associations
    members = pd.DataFrame(
        {
            KEY: _region_of_municipality(associations[schema.A_MUNICIPALITY]),
            schema.A_ID: associations[schema.A_ID],
            schema.A_NAME: associations[schema.A_NAME],
        }
    )
    provinces = reference.load_provinces().set_index("province_istat")["region_istat"]
    region_of_row = data.residents[schema.R_PROVINCE].map(provinces).fillna(UNKNOWN).astype(str)
    residents = _latest_residents(data.residents, region_of_row)
    return _gaps(
        members,
        _declared(members, associations[schema.A_SDGS]),
        residents,
        _covering_pairs(data.projects, covering_stages),
        "region",
        lang,
        basis=basis,
        goals=goals,
        residents_presence=residents_presence,
    )
