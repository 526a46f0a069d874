"""Personal data stays out of every view: private columns are dropped where data is read.

The dashboard reads a version through ``public_tables``, so no page, tooltip, table,
download or export can reach a contact column. Staff who manage the data read contacts
through ``read_contacts`` alone, and only from a signed-in staff session.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ponti import schema
from ponti.store import VersionStore


def public_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame without any private column."""
    private = [c for c in frame.columns if c in schema.PRIVATE_COLUMNS]
    return frame.drop(columns=private) if private else frame


def public_tables(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Every table of a version without its private columns."""
    return {kind: public_frame(frame) for kind, frame in tables.items()}


def read_contacts(store: VersionStore, version_id: str | None = None) -> pd.DataFrame:
    """Staff only: each association's id and name with its contact person, email, phone."""
    associations = store.read(schema.ASSOCIATIONS, version_id)
    private = [c.name for c in schema.COLUMNS[schema.ASSOCIATIONS] if c.private]
    return associations[[schema.A_ID, schema.A_NAME, *private]]
