"""Page loads per second through the load balancer: two Ponti replicas versus one process.

    .venv/bin/python scripts/replicas_speed.py --sessions 20 --seconds 30
    .venv/bin/python scripts/replicas_speed.py --scales 1 100 --sessions 20 50
    .venv/bin/python scripts/replicas_speed.py --sessions 20 50 --repeat 3  # a busy machine
    .venv/bin/python scripts/replicas_speed.py --tiny            # a tenth of the demo, seconds

On one store (the benchmark's scaled folder store, built by scripts/scale_data.py), and for
each number of sessions, two set-ups are loaded one after the other for the same time (all
three processes run throughout; an idle one costs no CPU):

- ``one process``: one ``streamlit run serve.py``, visited directly, as the benchmark's
  ``load`` section does;
- ``2 replicas + HAProxy``: two such processes on the same store, behind HAProxy with
  deploy/haproxy.cfg as shipped (scripts/balancer.py); visitors use the balancer's address.

The visitors are the benchmark's load clients (scripts/serving.py: ``visit_page``,
``load_round``), which speak Streamlit's own protocol: each visit opens a websocket (a new
session, as a new browser tab does; the balancer spreads new sessions round-robin), runs
Overview and reads every message to the finished run, then starts again. Reported per set-up:
visits and visits per second, errors, median and 95th percentile to the finished run, the
servers' CPU per page load (both replicas together) and the cores they kept busy, HAProxy's
CPU, the clients' CPU (they run in this process, on the same cores), memory, and the load
average. With ``--repeat K`` the two set-ups alternate K times (other work on a shared machine
comes and goes: the spread shows how much). Nothing is asserted. The measurement is
scripts/balancer.py's ``replicas_at``, also the benchmark's ``replicas`` section (its scales,
sessions and seconds are the ``load`` section's).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from ponti.store import DATABASE_URL_ENV, Store, copy_store
from ponti.store_pg import PgStore
from scripts import benchmark, scale_data
from scripts.balancer import PAGE
from scripts.serving import load_average


# -- run alone ------------------------------------------------------------------------------------
def _on_database(store: Store, url: str) -> None:
    """Have every server started from now on serve the PostgreSQL store at `url` (the
    environment's URL wins over the folder serving.serve names), a copy of `store` when
    the database has no version yet."""
    target = PgStore(url)
    try:
        if target.current_id() is None:
            print(f"  copying {store.location} into {target.location} ...", file=sys.stderr)
            copy_store(store, target)
    finally:
        target.close()
    os.environ[DATABASE_URL_ENV] = url


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Overview's page loads per second: two replicas behind HAProxy versus "
        "one process."
    )
    size = parser.add_mutually_exclusive_group()
    size.add_argument(
        "--scales",
        nargs="+",
        type=int,
        metavar="N",
        help="multiples of the demo (default: 1)",
    )
    size.add_argument(
        "--tiny",
        action="store_true",
        help="a tenth of the demo, 3 sessions for 3 seconds (a smoke run)",
    )
    parser.add_argument(
        "--sessions",
        nargs="+",
        type=int,
        metavar="N",
        help="concurrent sessions (default: 20 50; --tiny 3)",
    )
    parser.add_argument(
        "--seconds", type=float, help="how long each set-up is loaded (default 30; --tiny 3)"
    )
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help="serve from this PostgreSQL database (postgresql://...) instead of the folder "
        "store: an empty one gets a copy of the scaled store first, one with versions is used "
        "as it is (one scale only)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="measure both set-ups this many times, alternately (default %(default)s)",
    )
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=scale_data.DEFAULT_CACHE,
        help="where the scaled stores are kept (default: %(default)s)",
    )
    parser.add_argument(
        "--json",
        type=Path,
        metavar="PATH",
        help="where to write the figures (default: benchmark-results/replicas-<date>-<time>.json)",
    )
    return parser


def _settings(args: argparse.Namespace, parser: argparse.ArgumentParser) -> benchmark.Settings:
    if args.tiny:
        settings = benchmark.Settings.tiny_run(args.cache_dir)
    else:
        scales = tuple(args.scales or (1,))
        if any(s < 1 for s in scales):
            parser.error("scales are whole multiples of the demo data, 1 or more")
        settings = benchmark.Settings(scales=scales, load_scales=scales, cache_dir=args.cache_dir)
    if args.sessions:
        if any(n < 1 for n in args.sessions):
            parser.error("--sessions are 1 or more")
        settings.load_sessions = tuple(args.sessions)
    if args.seconds is not None:
        if args.seconds <= 0:
            parser.error("--seconds is more than 0")
        settings.load_seconds = args.seconds
    return settings


def main(argv: Sequence[str] | None = None) -> int:
    """Measure, print the table, write the JSON; 1 when a scale failed."""
    parser = _parser()
    args = parser.parse_args(argv)
    settings = _settings(args, parser)
    stores = {s: scale_data.scaled_store(s, settings.cache_dir) for s in settings.load_scales}
    if args.database_url:
        if len(stores) != 1:
            parser.error("--database-url measures one scale")
        _on_database(next(iter(stores.values())), args.database_url)
    started, load_before = time.monotonic(), load_average()
    log_dir = Path(tempfile.mkdtemp(prefix="ponti-replicas-"))
    if args.repeat < 1:
        parser.error("--repeat is 1 or more")
    rows = benchmark.section_replicas(settings, stores, log_dir, repeat=args.repeat)
    benchmark._print_table("replicas", rows)
    out = args.json or benchmark.RESULTS_DIR / f"replicas-{datetime.now():%Y%m%d-%H%M%S}.json"
    document = {
        "meta": {
            "date": datetime.now().isoformat(timespec="seconds"),
            "command": " ".join([Path(sys.executable).name, *sys.argv]),
            "machine": benchmark.machine(),
            "scales": [benchmark.label(s) for s in settings.load_scales],
            "sessions": list(settings.load_sessions),
            "seconds": settings.load_seconds,
            "page": PAGE,
            "repeat": args.repeat,
            "store": "postgresql" if args.database_url else "folder",
            "took_s": round(time.monotonic() - started, 1),
            "load_average_before": load_before,
            "load_average_after": load_average(),
        },
        "rows": rows,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nFigures written to {out}", flush=True)
    failed = any(row.get("error") for row in rows)
    if failed or any(row.get("errors") for row in rows):
        print(f"Server and HAProxy logs kept in {log_dir}", file=sys.stderr)
    else:
        shutil.rmtree(log_dir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
