"""What every view starts from: the dataset of one version, its filtered cut, and the
readings of it that several pages share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ponti import filters as flt
from ponti import schema
from ponti.store import empty_frame


def _no_calls() -> pd.DataFrame:
    return empty_frame(schema.CALLS)


@dataclass(frozen=True)
class Dataset:
    """The tables of one store version (or of one filtered view of it), one per kind.

    ``calls`` came last and defaults to an empty table, so a dataset built from the first
    four tables alone (by a test, a benchmark) still has every kind."""

    associations: pd.DataFrame
    projects: pd.DataFrame
    twinnings: pd.DataFrame
    residents: pd.DataFrame
    calls: pd.DataFrame = field(default_factory=_no_calls)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The store's {kind: frame} mapping of this dataset."""
        return {
            schema.ASSOCIATIONS: self.associations,
            schema.PROJECTS: self.projects,
            schema.TWINNINGS: self.twinnings,
            schema.RESIDENTS: self.residents,
            schema.CALLS: self.calls,
        }

    @classmethod
    def from_tables(cls, tables: dict[str, pd.DataFrame]) -> Dataset:
        """Build from the store's {kind: frame} mapping."""
        return cls(
            associations=tables[schema.ASSOCIATIONS],
            projects=tables[schema.PROJECTS],
            twinnings=tables[schema.TWINNINGS],
            residents=tables[schema.RESIDENTS],
            calls=tables[schema.CALLS] if schema.CALLS in tables else _no_calls(),
        )


def apply_filters(data: Dataset, filters: flt.Filters) -> Dataset:
    """Every table cut by the shared filters (projects gain the derived ``year``)."""
    return Dataset(
        associations=flt.filter_table(schema.ASSOCIATIONS, data.associations, filters),
        projects=flt.filter_table(schema.PROJECTS, data.projects, filters),
        twinnings=flt.filter_table(schema.TWINNINGS, data.twinnings, filters),
        residents=flt.filter_table(schema.RESIDENTS, data.residents, filters),
        calls=flt.filter_table(schema.CALLS, data.calls, filters),
    )


def latest_residents_year(residents: pd.DataFrame) -> int | None:
    """The most recent year of the residents table (None when it is empty): the year the
    pages count foreign residents in."""
    years = residents[schema.R_YEAR].dropna()
    return int(years.max()) if not years.empty else None


def country_shares(projects: pd.DataFrame) -> pd.DataFrame:
    """One row per (project, destination country): ``position`` (the project's row in
    ``projects``), ``country`` and ``share`` (0-1). A project with a destination split
    (``schema.P_SPLIT``) has a row per country of its split, its percentages scaled to add
    up to exactly 1; any other project one row, its destination country, share 1."""
    n = len(projects)
    splits = projects.get(schema.P_SPLIT)
    positions: list[int] = []
    countries: list[object] = []
    shares: list[float] = []
    main = projects[schema.P_COUNTRY].astype("object").tolist()
    for i, items in enumerate(splits.tolist() if splits is not None else [None] * n):
        pairs = schema.split_shares(items)
        total = sum(share for _, share in pairs)
        if len(pairs) < 2 or total <= 0:
            positions.append(i)
            countries.append(main[i])
            shares.append(1.0)
            continue
        for country, share in pairs:
            positions.append(i)
            countries.append(country)
            shares.append(share / total)
    return pd.DataFrame(
        {
            "position": np.asarray(positions, dtype="int64"),
            "country": pd.Series(countries, dtype="object"),
            "share": np.asarray(shares, dtype="float64"),
        }
    )


def has_split(projects: pd.DataFrame) -> bool:
    """True when some project is shared among several destination countries."""
    if schema.P_SPLIT not in projects or projects.empty:
        return False
    # Only a list of two items or more can name two countries: the others are not read.
    return any(
        len(schema.split_shares(items)) > 1
        for items in projects[schema.P_SPLIT].tolist()
        if isinstance(items, list | tuple | np.ndarray) and len(items) > 1
    )


def spread_by_country(
    frame: pd.DataFrame,
    projects: pd.DataFrame,
    *,
    country: str,
    amounts: Sequence[str] = (),
    positions: Sequence[int] | np.ndarray | None = None,
) -> pd.DataFrame:
    """``frame`` (row k about the project at position ``positions[k]`` of ``projects``; by
    default row k about row k) with one row per destination country of each project:
    column ``country`` set to that country and the ``amounts`` columns multiplied by its
    share, so a project's amounts by country add up to its amount. Projects without a split
    keep their one row as it is; with no split at all the frame itself is returned.

    The one place sums by destination country share a split project's EUR: the Agenda's
    goal x country table (and so its gaps), the Bridges' project links, the Funding flows
    by world region."""
    if not has_split(projects):
        return frame
    shares = country_shares(projects)
    at = np.arange(len(frame)) if positions is None else np.asarray(positions, dtype="int64")
    # Each row of the frame, repeated once per country of its project.
    by_project = shares.groupby("position", sort=False).indices
    rows: list[int] = []
    picks: list[int] = []
    for k, position in enumerate(at.tolist()):
        for pick in by_project.get(position, ()):
            rows.append(k)
            picks.append(int(pick))
    spread = frame.iloc[rows].copy()
    chosen = shares.iloc[picks]
    # Rows of projects without a split keep their own country cell (e.g. "?" for unknown).
    split = chosen["share"].to_numpy() < 1.0
    spread[country] = np.where(split, chosen["country"].to_numpy(), spread[country].to_numpy())
    factor = chosen["share"].to_numpy()
    for column in amounts:
        spread[column] = spread[column].astype("float64").to_numpy() * factor
    return spread
