"""How much work one file may ask of Ponti, and how large a value may be: every limit the
loaders enforce, in one place (README, "Limits and hostile files", lists them).

Size limits are checked before the work they bound: the file's size before it is read, a
workbook's declared (unpacked) sizes and its sheets' declared dimensions before a sheet is
parsed, rows, columns and cells while the file is streamed. A file over a limit is refused
with a message saying which limit and how to split or clean the file.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from ponti import schema

# -- files ------------------------------------------------------------------------------
# Streamlit's uploader accepts 200 MB; a CSV of 100,000 projects is about 45 MB.
MAX_FILE_BYTES: Final = 100 * 1024 * 1024
# An .xlsx is a zip: the sum of the sizes its parts declare once unpacked (a workbook of
# 100,000 rows is about 120 MB of XML), and how many parts it may have.
MAX_XLSX_UNPACKED_BYTES: Final = 200 * 1024 * 1024
MAX_XLSX_PARTS: Final = 1_000
# A sheet that does not declare its size is measured by parsing it whole (openpyxl):
# allowed only for sheets up to this size.
MAX_UNSIZED_SHEET_BYTES: Final = 10 * 1024 * 1024

# -- tables -----------------------------------------------------------------------------
MAX_ROWS: Final = 500_000
MAX_COLUMNS: Final = 200
MAX_CELLS: Final = 6_000_000
# Excel's own limit for one cell: a longer cell cannot come from a spreadsheet.
MAX_CELL_CHARS: Final = 32_767

# -- values -----------------------------------------------------------------------------
# Counts (members, beneficiaries, residents) and amounts in euro above these are typing
# mistakes: more people than live on Earth's largest continent, more than a national
# cooperation budget for one project or call.
MAX_COUNT: Final = 1_000_000_000
MAX_AMOUNT_EUR: Final = 1_000_000_000.0
# Dates: the first year any date column accepts, and how many years after the current one
# each kind of date may lie (a decision or a submission is never far ahead; an end is).
FIRST_DATE_YEAR: Final = 1950
DATE_YEARS_AHEAD: Final[dict[str, int]] = {
    schema.P_SUBMITTED: 5,
    schema.P_DECIDED: 5,
    schema.P_START: 30,
    schema.P_END: 30,
    schema.C_OPENS: 10,
    schema.C_CLOSES: 10,
}
DEFAULT_DATE_YEARS_AHEAD: Final = 30


def date_range(column: str, today: dt.date | None = None) -> tuple[int, int]:
    """The first and last year a date column accepts."""
    year = (today or dt.date.today()).year
    return FIRST_DATE_YEAR, year + DATE_YEARS_AHEAD.get(column, DEFAULT_DATE_YEARS_AHEAD)


def grouped(n: float, name: str = "limit") -> dict[str, str]:
    """A whole number written for both languages: {name: "1,000", name_it: "1.000"}."""
    text = f"{n:,.0f}"
    return {name: text, f"{name}_it": text.replace(",", ".")}


def spaced(n: int) -> str:
    """A count grouped by spaces ("500 000"), read the same way in Italian and English."""
    return f"{n:,}".replace(",", " ")


def megabytes(n: int) -> str:
    """A size in MB as README and messages write it ("100 MB")."""
    return f"{n / (1024 * 1024):.0f} MB"
