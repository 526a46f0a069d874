"""What every view starts from: the dataset of one version, its filtered cut, and the
readings of it that several pages share."""

from __future__ import annotations

from dataclasses import dataclass, field

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
