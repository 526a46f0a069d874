"""A file's cells as read, before any checking: what every reader (CSV, XLSX, IATI XML)
hands to validation."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass
class RawTable:
    """A file's cells as text: columns are the headers as written (they may repeat or be
    blank), the index holds the row numbers the user sees."""

    frame: pd.DataFrame
    format: str
    encoding: str | None = None
    separator: str | None = None
    sheet: str | None = None
    # Rows with more values than headers: their cells are probably shifted, so validation
    # reports the row once ("extra-cells") instead of every misplaced value.
    shifted: frozenset[int] = frozenset()
