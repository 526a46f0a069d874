"""What every view starts from: the dataset of one version and its filtered cut."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ponti import filters as flt
from ponti import schema


@dataclass(frozen=True)
class Dataset:
    """The four tables of one store version (or of one filtered view of it)."""

    associations: pd.DataFrame
    projects: pd.DataFrame
    twinnings: pd.DataFrame
    residents: pd.DataFrame

    @classmethod
    def from_tables(cls, tables: dict[str, pd.DataFrame]) -> Dataset:
        """Build from the store's {kind: frame} mapping."""
        return cls(
            associations=tables[schema.ASSOCIATIONS],
            projects=tables[schema.PROJECTS],
            twinnings=tables[schema.TWINNINGS],
            residents=tables[schema.RESIDENTS],
        )


def apply_filters(data: Dataset, filters: flt.Filters) -> Dataset:
    """Every table cut by the shared filters (projects gain the derived ``year``)."""
    return Dataset(
        associations=flt.filter_associations(data.associations, filters),
        projects=flt.filter_projects(data.projects, filters),
        twinnings=flt.filter_twinnings(data.twinnings, filters),
        residents=flt.filter_residents(data.residents, filters),
    )
