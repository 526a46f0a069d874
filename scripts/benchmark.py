"""Measure what Ponti's users wait for, at 1x, 10x and 100x the demo data.

    .venv/bin/python scripts/benchmark.py                   # every section, 1x 10x 100x
    .venv/bin/python scripts/benchmark.py rerun bytes       # only those sections
    .venv/bin/python scripts/benchmark.py --scales 1 10     # only those multiples
    .venv/bin/python scripts/benchmark.py --tiny            # every section, tiny: < 1 min
    .venv/bin/python scripts/benchmark.py load --scales 1 --sessions 20 50 --seconds 30
    .venv/bin/python scripts/benchmark.py rerun --scales 100 --pages twinnings --profile twinnings

Sections (each can be named on the command line):

- ``rerun``: every page of the dashboard's menu as the server runs it (dashboard.py, the
  shell, then the page) through AppTest in navigation mode: the first run of a new session
  and the median of warm reruns, beside an empty Streamlit page measured in the same process.
- ``bytes``: what one view of each page sends to the browser, from the run's messages: deck
  JSON, plotly specs, tables (Arrow bytes), and the page's total.
- ``browser``: headless Chromium on a real server (``streamlit run serve.py``): cold start
  (server launch) to the Bridges map drawn, a new visitor on a warm server, and the warm
  page switch Overview -> Bridges, with the main thread's busy time (Chromium's
  TaskDuration, and long tasks).
- ``filter``: a change of a shared filter (origin) to the end of the run, per page (AppTest).
- ``memory``: the server's resident memory (/proc) with no session, then 1, 5 and 10
  sessions, each a Chromium tab that opens Overview, then Bridges, Funding and Agenda through
  the menu.
- ``loaders``: validating and importing a generated 100,000-row projects file into the
  largest store measured, and the command line's start-up time.
- ``load``: many visitors at once. Clients that speak Streamlit's own protocol (a websocket to
  ``/_stcore/stream``, protobuf ``BackMsg``/``ForwardMsg``) open Overview or Bridges as a new
  browser tab does (one ``rerun_script`` with the page's name and query string, no widget
  states), wait for ``script_finished`` and start again, 20 then 50 at a time for a bounded
  time, on loopback: visits, errors (exceptions drawn by the page, failed runs, lost
  connections, time-outs), median and 95th percentile to the finished run, server CPU per
  page load, server memory (RSS) before, at its peak and after. The clients run in this
  process, on the same cores as the server: their CPU is reported beside it.
- ``replicas``: the same clients, as many and as long as in ``load``, on Overview: one Ponti
  process, then two replicas on the same store behind HAProxy with deploy/haproxy.cfg
  (scripts/replicas_speed.py, which also runs alone): visits per second, errors, median and
  95th percentile, the servers' CPU per page load and HAProxy's CPU.

Each scale is a store of its own built by scripts/scale_data.py (cached under
var/benchmark/stores/); AppTest sections run in a fresh Python process per scale. The figures
are printed as tables and written to one JSON file (``--json``, by default
benchmark-results/benchmark-<date>-<time>.json); a last table puts them in the shape of the
performance targets of issue #16. Nothing is asserted: tests/test_benchmark.py runs --tiny.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from ponti import schema
from ponti.i18n import Lang
from ponti.store import DATA_DIR_ENV, Store
from ponti.transforms import Dataset
from scripts import balancer, scale_data
from scripts.serving import (
    LOAD_QUERY,
    cpu_seconds,
    free_port,
    load_average,
    load_round,
    load_row,
    median,
    serve,
    visit_page,
)

REPO = Path(__file__).resolve().parent.parent
DASHBOARD = REPO / "dashboard.py"
SERVE = REPO / "serve.py"
RESULTS_DIR = REPO / "benchmark-results"
SCALES = (1, 10, 100)
TINY_SCALE = 0.1
SECTIONS: dict[str, str] = {
    "rerun": "warm rerun of every page as the server runs it (AppTest, navigation mode)",
    "bytes": "bytes one view of each page sends: deck JSON, plotly specs, tables, total",
    "browser": "headless Chromium: cold start and warm page switch to the Bridges map drawn",
    "filter": "a shared filter changed to the end of the run, per page (AppTest)",
    "memory": "server memory (RSS) with 1, 5 and 10 sessions",
    "loaders": "validate and import a 100,000-row projects file; CLI start-up",
    "load": "20 and 50 concurrent sessions (Streamlit's websocket protocol) on Overview, Bridges",
    "replicas": "Overview's page loads per second: two replicas behind HAProxy versus one process",
    "present": "a ten-slide deck, one map image; the static publish: bytes per view, drawn",
}
APP_SECTIONS = ("rerun", "bytes", "filter")
EMPTY_PAGE = "import streamlit as st\n"
FILTER_KEY = "f_origin"  # the shared origin filter's widget (ponti/filters.py)
LANG: Lang = "it"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
WORKER_MARK = "BENCHMARK-WORKER-RESULT "


@dataclass
class Settings:
    """How much to measure: scales and repetitions (the full run, or --tiny)."""

    scales: tuple[float, ...] = SCALES
    reps: int = 7  # warm reruns per page
    filter_reps: int = 5
    browser_scales: tuple[float, ...] = (1, 100)
    switch_reps: int = 5
    visitor_reps: int = 2
    warm_up: bool = True  # switch once, unmeasured, before the measured switches
    memory_scales: tuple[float, ...] = (1, 100)
    sessions: tuple[int, ...] = (1, 5, 10)
    # What each session opens (memory section): the first page by its address, the others
    # through the menu.
    session_route: tuple[str, ...] = ("overview", "bridges", "funding", "agenda")
    loader_rows: int = 100_000
    cli_reps: int = 5
    load_scales: tuple[float, ...] = (1, 100)
    load_sessions: tuple[int, ...] = (20, 50)
    load_seconds: float = 30.0  # each (page, sessions) pair runs this long
    load_pages: tuple[str, ...] = ("overview", "bridges")
    # The Present section: a deck of these items (the ten of tests/test_present.py), at 1x.
    deck_items: tuple[str, ...] = (
        "headline",
        "bridges_map",
        "sdg_grid",
        "goals_by_origin",
        "gaps",
        "communities",
        "funnel",
        "sankey",
        "success",
        "twinnings_map",
    )
    publish_views: tuple[str, ...] = ("map", "sdg", "funding", "twinnings")
    quiet_ms: int = 1000  # the browser is idle this long after the last draw or long task
    tiny: bool = False
    cache_dir: Path = scale_data.DEFAULT_CACHE
    profile: str | None = None
    pages: tuple[str, ...] = ()  # AppTest sections: these pages only (default: the menu's)

    @classmethod
    def tiny_run(cls, cache_dir: Path) -> Settings:
        """Every section once or twice at a tenth of the demo: a smoke run."""
        return cls(
            deck_items=("headline", "funnel", "twinnings_map"),
            publish_views=("map", "sdg"),
            scales=(TINY_SCALE,),
            reps=1,
            filter_reps=1,
            browser_scales=(TINY_SCALE,),
            switch_reps=1,
            visitor_reps=0,
            warm_up=False,
            memory_scales=(TINY_SCALE,),
            sessions=(1, 2),
            session_route=("associations",),
            loader_rows=1_000,
            cli_reps=1,
            load_scales=(TINY_SCALE,),
            load_sessions=(3,),
            load_seconds=3.0,
            quiet_ms=500,
            tiny=True,
            cache_dir=cache_dir,
        )


def label(scale: float) -> str:
    """1x, 10x, 0.1x."""
    return scale_data.scale_label(scale)


def _spread(values: Sequence[float]) -> dict[str, float | int | None]:
    return {
        "median_s": median(values),
        "min_s": round(min(values), 3) if values else None,
        "max_s": round(max(values), 3) if values else None,
        "runs": len(values),
    }


# -- the store of each scale ----------------------------------------------------------------------
def page_queries(store: Store) -> dict[str, dict[str, str]]:
    """The URL parameters each page is opened with: the profiles of the municipality with the
    most associations and of the association in the most projects (the heaviest ones)."""
    data = Dataset.from_tables(store.read_all())
    queries: dict[str, dict[str, str]] = {}
    associations = data.associations
    if not associations.empty:
        code = associations[schema.A_MUNICIPALITY].value_counts().index[0]
        queries["municipality"] = {"code": str(code)}
    projects = data.projects
    if not projects.empty:
        involved = pd.concat(
            [projects[schema.P_LEAD], projects[schema.P_PARTNERS].explode().dropna()]
        )
        queries["association"] = {"id": str(involved.value_counts().index[0])}
    return queries


def filter_values(store: Store) -> list[list[str]]:
    """Two origin countries with the most associations: the filter changes alternate them."""
    exploded = store.read("associations")[schema.A_COUNTRIES].explode().dropna()
    top = [str(code) for code in exploded.value_counts().index[:2]]
    return [[code] for code in top] or [[]]


# -- AppTest: the pages as the server runs them ----------------------------------------------------
def _navigation_mode() -> None:
    """Make AppTest run dashboard.py before every page, as the server does (see
    tests/apptest.py and /work/shared/TECH-NOTES.md: AppTest otherwise resets Streamlit's
    pages-folder mode before each run and runs a switched-to page file alone)."""
    from streamlit.runtime.pages_manager import PagesManager  # noqa: TID251

    original = PagesManager.__init__
    if getattr(original, "_ponti_navigation_mode", False):
        return

    @functools.wraps(original)
    def init(self: PagesManager, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    init._ponti_navigation_mode = True  # type: ignore[attr-defined]
    PagesManager.__init__ = init  # type: ignore[method-assign]


class _Recorder:
    """The messages of each AppTest run, and a profiler for the script thread when asked."""

    def __init__(self) -> None:
        import streamlit.testing.v1.local_script_runner as runner  # noqa: TID251

        self.messages: list[Any] = []
        self.profiler: Any = None
        parse = runner.parse_tree_from_messages
        run_thread = runner.LocalScriptRunner._run_script_thread

        def recording_parse(messages: Any) -> Any:
            self.messages = list(messages)
            return parse(messages)

        def profiled_thread(script_runner: Any) -> None:
            if self.profiler is None:
                run_thread(script_runner)
                return
            self.profiler.enable()
            try:
                run_thread(script_runner)
            finally:
                self.profiler.disable()

        runner.parse_tree_from_messages = recording_parse
        runner.LocalScriptRunner._run_script_thread = profiled_thread  # type: ignore[method-assign,assignment]


@dataclass(frozen=True)
class Timing:
    """One run: wall seconds, and CPU seconds of this process (every thread) meanwhile; the
    CPU figure moves less when other work shares the machine."""

    wall: float
    cpu: float


def _timed_run(at: Any) -> Timing:
    started, cpu = time.perf_counter(), time.process_time()
    at.run()
    timing = Timing(time.perf_counter() - started, time.process_time() - cpu)
    if at.exception:
        raise RuntimeError("; ".join(str(e.value) for e in at.exception)[:500])
    return timing


def _timings(runs: Sequence[Timing]) -> dict[str, float | int | None]:
    return {**_spread([r.wall for r in runs]), "cpu_median_s": median([r.cpu for r in runs])}


def _first_rows_bytes(arrow: bytes) -> int:
    """The bytes a browser gets first of an eagerly sent table: all of it, or for a table of
    more rows than Streamlit loads eagerly, the first chunk of rows (pages ask for lazy
    tables; AppTest keeps every table eager so that tests see every row)."""
    import pyarrow as pa
    from streamlit import dataframe_util  # noqa: TID251
    from streamlit.dataframe import lazy_df_source  # noqa: TID251

    table = pa.ipc.open_stream(arrow).read_all()
    if table.num_rows <= lazy_df_source.FORCED_LAZY_MIN_ROWS:
        return len(arrow)
    first = table.slice(0, lazy_df_source.DEFAULT_PAGE_SIZE)
    return len(dataframe_util.convert_arrow_table_to_arrow_bytes(first))


# The world outline's trace, under every map figure (ponti.charts.map_figures, meta "world").
MAP_TRACE = re.compile(r'"meta":\s*"world"')


def _view_bytes(messages: Sequence[Any]) -> dict[str, float | int]:
    """What one run sends, by kind of element (KB), from its ForwardMsgs; ``map_kb``: the
    page's maps, deck JSON or plotly figures (those drawing Ponti's world outline, MAP_TRACE);
    ``browser_kb``: what a browser gets first, tables of over 1,000 rows being sent a chunk at
    a time."""
    sizes = {"deck": 0, "plotly": 0, "tables": 0}
    maps = 0
    lazy_saving = 0
    counts = {"decks": 0, "plots": 0, "tables": 0, "lazy_tables": 0, "downloads": 0}
    total = 0
    for message in messages:
        total += message.ByteSize()
        if message.WhichOneof("type") != "delta" or not message.delta.HasField("new_element"):
            continue
        element = message.delta.new_element
        kind = element.WhichOneof("type")
        if kind == "deck_gl_json_chart":
            sizes["deck"] += len(element.deck_gl_json_chart.json.encode())
            maps += len(element.deck_gl_json_chart.json.encode())
            counts["decks"] += 1
        elif kind == "plotly_chart":
            sizes["plotly"] += len(element.plotly_chart.spec.encode())
            if MAP_TRACE.search(element.plotly_chart.spec):
                maps += len(element.plotly_chart.spec.encode())
            counts["plots"] += 1
        elif kind == "dataframe":
            frame = element.dataframe
            sizes["tables"] += len(frame.arrow_data.data) + len(frame.lazy_data.initial_chunk.data)
            if frame.arrow_data.data:
                arrow = frame.arrow_data.data
                lazy_saving += len(arrow) - _first_rows_bytes(arrow)
            counts["tables"] += 1
            counts["lazy_tables"] += int(frame.HasField("lazy_data"))
        elif kind == "download_button":
            counts["downloads"] += 1
    kb = {f"{name}_kb": round(size / 1024, 1) for name, size in sizes.items()}
    other = total - sum(sizes.values())
    return {
        **kb,
        "map_kb": round(maps / 1024, 1),
        "other_kb": round(other / 1024, 1),
        "total_kb": round(total / 1024, 1),
        "browser_kb": round((total - lazy_saving) / 1024, 1),
        **counts,
    }


def _menu_pages(recorder: _Recorder, at: Any) -> list[str]:
    """The pages of the menu that dashboard.py registered in its last run, by file name
    (pages/<name>.py; the default page's url path is empty)."""
    # AppTest keeps each registered page's script path (private, hence the fallback).
    registered: dict[str, Any] = getattr(at, "_registered_pages", {}) or {}
    for message in recorder.messages:
        if message.WhichOneof("type") == "navigation":
            names = []
            for page in message.navigation.app_pages:
                if page.is_hidden:
                    continue
                script = registered.get(page.page_script_hash, {}).get("script_path")
                names.append(Path(str(script)).stem if script else page.url_pathname)
            return [name for name in names if name]
    raise RuntimeError("dashboard.py registered no pages (no navigation message)")


def _open_page(page: str, query: dict[str, str]) -> Any:
    from streamlit.testing.v1 import AppTest  # noqa: TID251

    at = AppTest.from_file(str(DASHBOARD), default_timeout=900)
    for key, value in {"lang": LANG, **query}.items():
        at.query_params[key] = value
    # As a link to /<page> opens it: the shell and the page in the session's first run.
    at.switch_page(f"pages/{page}.py")
    return at


def _has_shell(at: Any) -> bool:
    return any(getattr(w, "key", None) == FILTER_KEY for w in at.sidebar.multiselect)


def _forget_filtered_views() -> None:
    """Forget what the shell and the pages computed per filters (widgets' shared caches of
    filtered views and of what pages derive from them), so that the first change to each
    filter value is measured as the first visitor to ask for it meets it; later changes back
    to a value already asked for find it computed, as a server's later visitors do."""
    import widgets  # the module the scripts import: AppTest runs them in this process

    widgets._filtered.clear()
    widgets._derived.clear()


def _filter_runs(at: Any, values: list[list[str]], reps: int) -> list[Timing]:
    _forget_filtered_views()
    seconds = []
    for rep in range(reps):
        widget = at.multiselect(key=FILTER_KEY)
        widget.set_value(values[rep % len(values)])
        seconds.append(_timed_run(at))
    return seconds


def _profile_run(at: Any, recorder: _Recorder, top: int = 30) -> str:
    import cProfile
    import io
    import pstats

    recorder.profiler = cProfile.Profile()
    try:
        seconds = _timed_run(at)
    finally:
        profiler, recorder.profiler = recorder.profiler, None
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    out.write(f"one warm rerun: {seconds.wall:.2f} s wall, {seconds.cpu:.2f} s CPU (profiled)\n")
    for order in ("tottime", "cumulative"):
        out.write(f"\n-- top {top} by {order} --\n")
        stats.sort_stats(order).print_stats(top)
    return out.getvalue()


def measure_pages(job: dict[str, Any]) -> dict[str, Any]:
    """Every page of the menu through AppTest on one store (run in a worker process)."""
    os.environ[DATA_DIR_ENV] = job["store"]
    _navigation_mode()
    recorder = _Recorder()
    from streamlit.testing.v1 import AppTest  # noqa: TID251

    store = Store(Path(job["store"]))
    queries, values = page_queries(store), filter_values(store)
    wants, reps = set(job["sections"]), int(job["reps"])
    result: dict[str, Any] = {"pages": {}, "profile": None}

    # The process's first run (imports, store read), then the menu dashboard.py registers.
    at = AppTest.from_file(str(DASHBOARD), default_timeout=900)
    at.query_params["lang"] = LANG
    result["process_first_run_s"] = round(_timed_run(at).wall, 3)
    pages = job.get("pages") or _menu_pages(recorder, at)

    floor = AppTest.from_string(EMPTY_PAGE, default_timeout=60)
    _timed_run(floor)
    result["floor"] = _timings([_timed_run(floor) for _ in range(max(reps, 7))])

    for page in pages:
        row: dict[str, Any] = {"query": queries.get(page, {})}
        try:
            at = _open_page(page, row["query"])
            row["first_run_s"] = round(_timed_run(at).wall, 3)
            row["shell"] = _has_shell(at)
            warm = [_timed_run(at) for _ in range(reps if "rerun" in wants else 1)]
            row["warm"] = _timings(warm)
            row["bytes"] = _view_bytes(recorder.messages)
            if job.get("profile") == page:
                result["profile"] = _profile_run(at, recorder)
            if "filter" in wants:
                runs = _filter_runs(at, values, max(int(job["filter_reps"]), len(values)))
                row["filter"] = {
                    **_timings(runs),
                    # The first change to each value: nothing computed yet for those filters.
                    "first_max_s": round(max(r.wall for r in runs[: len(values)]), 3),
                    "first_cpu_max_s": round(max(r.cpu for r in runs[: len(values)]), 3),
                }
                row["filter_values"] = values
        except Exception as exc:  # one broken page must not hide the others' figures
            row["error"] = f"{type(exc).__name__}: {exc}"[:500]
        result["pages"][page] = row
    return result


def _run_worker(job: dict[str, Any]) -> dict[str, Any]:
    """measure_pages in a fresh Python process (nothing cached from another scale)."""
    completed = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--worker", json.dumps(job)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    for line in completed.stdout.splitlines():
        if line.startswith(WORKER_MARK):
            found: dict[str, Any] = json.loads(line[len(WORKER_MARK) :])
            return found
    raise RuntimeError(f"the AppTest worker failed:\n{completed.stderr[-3000:]}")


def app_sections(
    settings: Settings, stores: dict[float, Store], wanted: Sequence[str]
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
    """Rows of the rerun, bytes and filter sections (those wanted), and any profiles."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in wanted}
    profiles: dict[str, str] = {}
    for scale in settings.scales:
        job = {
            "store": str(stores[scale].root),
            "sections": list(wanted),
            "reps": settings.reps,
            "filter_reps": settings.filter_reps,
            "profile": settings.profile,
            "pages": list(settings.pages),
        }
        print(f"  AppTest at {label(scale)} ...", file=sys.stderr, flush=True)
        result = _run_worker(job)
        if result.get("profile"):
            profiles[label(scale)] = result["profile"]
        _collect_app_rows(rows, label(scale), result)
    return rows, profiles


def _collect_app_rows(
    rows: dict[str, list[dict[str, Any]]], scale: str, result: dict[str, Any]
) -> None:
    if "rerun" in rows:
        floor = result["floor"]
        rows["rerun"].append({"scale": scale, "page": "(empty page)", "first_run_s": None, **floor})
    for page, row in result["pages"].items():
        error = row.get("error")
        if "rerun" in rows:
            rows["rerun"].append(
                {
                    "scale": scale,
                    "page": page,
                    "first_run_s": row.get("first_run_s"),
                    **row.get("warm", {}),
                    "shell": row.get("shell"),
                    **({"error": error} if error else {}),
                }
            )
        if "bytes" in rows:
            rows["bytes"].append({"scale": scale, "page": page, **row.get("bytes", {})})
        if "filter" in rows:
            values = row.get("filter_values") or []
            rows["filter"].append(
                {
                    "scale": scale,
                    "page": page,
                    "filter": "origin=" + " / ".join(",".join(v) for v in values),
                    **row.get("filter", {}),
                    **({"error": error} if error else {}),
                }
            )


# -- browser --------------------------------------------------------------------------------------
# Installed before any page script: every WebGL draw call is noted per canvas, and long tasks.
DRAW_HOOK = r"""
(() => {
  const draws = new Map();
  window.__pontiDraws = draws;
  const names = ['drawArrays', 'drawElements', 'drawArraysInstanced',
                 'drawElementsInstanced', 'drawRangeElements'];
  for (const proto of [window.WebGLRenderingContext, window.WebGL2RenderingContext]) {
    if (!proto) continue;
    for (const name of names) {
      const original = proto.prototype[name];
      if (!original) continue;
      proto.prototype[name] = function (...args) {
        const now = performance.now();
        let seen = draws.get(this.canvas);
        if (!seen) { seen = {first: now, last: now, count: 0}; draws.set(this.canvas, seen); }
        seen.last = now; seen.count++;
        return original.apply(this, args);
      };
    }
  }
  // A map drawn in SVG (plotly): every change under a chart's element is a draw of it.
  const svgDraws = new Map();
  window.__pontiSvgDraws = svgDraws;
  new MutationObserver((records) => {
    const now = performance.now();
    for (const record of records) {
      const node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      const chart = node && node.closest ? node.closest('[data-testid=stPlotlyChart]') : null;
      if (!chart) continue;
      let seen = svgDraws.get(chart);
      if (!seen) { seen = {first: now, last: now, count: 0}; svgDraws.set(chart, seen); }
      seen.last = now; seen.count++;
    }
  }).observe(document, {subtree: true, childList: true, attributes: true});
  window.__pontiLong = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__pontiLong.push([e.startTime, e.duration]);
    }).observe({type: 'longtask', buffered: true});
  } catch (e) {}
})();
"""
# Draws on the maps still in the page since `since` (ms): deck.gl canvases, or plotly maps
# (SVG: the charts keyed as the pages' maps, pages/bridges.py and pages/overview.py MAP_KEY,
# once their traces are in), the app's state, long tasks.
PAGE_STATE = r"""
(since) => {
  let last = 0, count = 0;
  const note = (seen) => {
    if (seen.last < since) return;
    last = Math.max(last, seen.last); count += seen.count;
  };
  for (const [canvas, seen] of window.__pontiDraws) {
    if (canvas.isConnected && canvas.closest('[data-testid=stDeckGlJsonChart]')) note(seen);
  }
  for (const [chart, seen] of window.__pontiSvgDraws) {
    if (!chart.isConnected || !chart.querySelector('.scatterlayer .trace')) continue;
    if (chart.closest('[class*="st-key-bridges_map"], [class*="st-key-ov_map"]')) note(seen);
  }
  const app = document.querySelector('[data-testid=stApp]');
  const long = window.__pontiLong.filter(([start]) => start >= since);
  return {
    now: performance.now(), lastDraw: last, draws: count,
    running: !app || app.getAttribute('data-test-script-state') !== 'notRunning',
    longMs: long.reduce((sum, [, d]) => sum + d, 0),
    longEnd: long.reduce((end, [s, d]) => Math.max(end, s + d), 0),
    path: location.pathname,
  };
}
"""


def find_chromium() -> str:
    """PONTI_CHROMIUM, or the first Chromium on PATH (never a downloaded one)."""
    explicit = os.environ.get("PONTI_CHROMIUM")
    candidates = [explicit] if explicit else [shutil.which(n) for n in CHROMIUM_NAMES]
    for found in candidates:
        if found and Path(found).is_file():
            return found
    raise RuntimeError("no Chromium: install Debian's chromium or set PONTI_CHROMIUM")


# Where each page's address ends (the default page's may be the server's root).
PATHS = {"overview": ("", "/overview"), "bridges": ("/bridges",)}


def _wait_drawn(
    page: Any, since: float, target: str, quiet_ms: int, timeout: float = 300
) -> dict[str, Any]:
    """Wait until ``target`` (a page of PATHS) has drawn its map since ``since`` (ms of the
    page's clock) and no draw followed for quiet_ms: the map is drawn at the last draw. Then
    wait (a minute at most) for the main thread to be free of long tasks for quiet_ms: the
    page has settled at the end of the last one (None if it never did)."""
    deadline = time.monotonic() + timeout
    state: dict[str, Any] = {}
    while True:
        state = page.evaluate(PAGE_STATE, since)
        if (
            state["draws"]
            and not state["running"]
            and state["path"].rstrip("/") in PATHS[target]
            and state["now"] - state["lastDraw"] >= quiet_ms
        ):
            break
        if time.monotonic() > deadline:
            raise TimeoutError(f"the {target} map was not drawn in {timeout:.0f} s: {state}")
        time.sleep(0.1)
    busy_until = time.monotonic() + 60
    while time.monotonic() < busy_until:
        settled = max(state["lastDraw"], state["longEnd"])
        if state["now"] - settled >= quiet_ms:
            return {**state, "settled": settled}
        time.sleep(0.1)
        state = page.evaluate(PAGE_STATE, since)
    return {**state, "settled": None}


# Chromium's cumulative main-thread seconds (CDP Performance.getMetrics): all tasks, and the
# parts spent running JavaScript and on style and layout.
BUSY_METRICS = {
    "busy_s": ("TaskDuration",),
    "script_s": ("ScriptDuration",),
    "layout_s": ("LayoutDuration", "RecalcStyleDuration"),
}


def _busy(cdp: Any) -> dict[str, float]:
    metrics = {m["name"]: float(m["value"]) for m in cdp.send("Performance.getMetrics")["metrics"]}
    return {key: sum(metrics.get(n, 0.0) for n in names) for key, names in BUSY_METRICS.items()}


def _since(cdp: Any, before: dict[str, float]) -> dict[str, float]:
    return {key: value - before.get(key, 0.0) for key, value in _busy(cdp).items()}


def _new_tab(browser: Any) -> tuple[Any, Any, Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(DRAW_HOOK)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    return context, page, cdp


CLICKS: dict[str, int] = {"clicks": 0, "repeated": 0}  # menu clicks that had to be repeated


def _click_page(page: Any, title: str, target: str, attempts: int = 3) -> None:
    """Click ``title`` in the page menu until the app leaves for ``target``: now and then a
    click on a link of the menu is lost and the page stays where it was (seen on this
    machine under load); such clicks are repeated and counted in CLICKS."""
    link = page.locator("[data-testid=stSidebarNav]").get_by_role("link", name=title, exact=True)
    paths = PATHS.get(target, (f"/{target}",))
    for attempt in range(attempts):
        CLICKS["clicks"] += 1
        CLICKS["repeated"] += int(attempt > 0)
        link.click()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            state = page.evaluate(PAGE_STATE, 0)
            if state["running"] or state["path"].rstrip("/") in paths:
                return
            time.sleep(0.05)
    raise TimeoutError(f"{attempts} clicks on {title!r} in the menu did not open {target}")


def _figures(
    state: dict[str, Any], since: float, busy: dict[str, float], offset: float = 0.0
) -> dict[str, Any]:
    """Seconds from ``since`` (ms of the page's clock) to the map drawn and to the page
    settled (plus ``offset`` s before the page's clock started), main-thread busy seconds."""
    settled = state.get("settled")
    return {
        "drawn_s": offset + (state["lastDraw"] - since) / 1000,
        "settled_s": None if settled is None else offset + (settled - since) / 1000,
        **busy,
        "long_tasks_s": state["longMs"] / 1000,
    }


def _page_switches(
    page: Any, cdp: Any, reps: int, quiet_ms: int, titles: tuple[str, str]
) -> list[dict[str, Any]]:
    """From a settled Bridges page: back to Overview, then Overview -> Bridges through the
    menu ``reps`` times, each timed from the click."""
    overview, bridges = titles
    switches = []
    for _ in range(reps):
        back = page.evaluate("performance.now()")
        _click_page(page, overview, "overview")
        _wait_drawn(page, back, "overview", quiet_ms)
        busy_before = _busy(cdp)
        clicked = page.evaluate("performance.now()")
        _click_page(page, bridges, "bridges")
        state = _wait_drawn(page, clicked, "bridges", quiet_ms)
        switches.append(_figures(state, clicked, _since(cdp, busy_before)))
    return switches


def _browser_at(
    browser: Any, store: Store, settings: Settings, log_dir: Path
) -> list[dict[str, Any]]:
    from ponti.i18n import t

    titles = (t("nav.overview", LANG), t("nav.bridges", LANG))
    quiet = settings.quiet_ms
    bridges = f"/bridges?lang={LANG}"
    rows: list[dict[str, Any]] = []
    with serve(store.root, log_dir) as server:
        # Cold: from the server's launch (the page's clock starts when it is opened).
        cold_tab, page, cdp = _new_tab(browser)
        before_page = time.monotonic() - server.launched
        page.goto(server.url + bridges, wait_until="commit")
        state = _wait_drawn(page, 0, "bridges", quiet)
        cold = _figures(state, 0, _busy(cdp), offset=before_page)
        rows.append(
            {
                **_browser_row("cold start to Bridges map drawn", [cold]),
                "server_ready_s": server.ready_s,
            }
        )
        visits = []
        for _ in range(settings.visitor_reps):
            context, other, other_cdp = _new_tab(browser)
            other.goto(server.url + bridges, wait_until="commit")
            state = _wait_drawn(other, 0, "bridges", quiet)
            visits.append(_figures(state, 0, _busy(other_cdp)))
            context.close()
        if visits:
            rows.append(_browser_row("new tab on a warm server to Bridges map drawn", visits))
        if settings.warm_up:
            # Once unmeasured: Overview's code and the server's caches for it are then warm.
            _page_switches(page, cdp, 1, quiet, titles)
        switches = _page_switches(page, cdp, settings.switch_reps, quiet, titles)
        rows.append(_browser_row("warm page switch Overview -> Bridges map drawn", switches))
        cold_tab.close()
    return rows


def _browser_row(figure: str, runs: list[dict[str, Any]]) -> dict[str, Any]:
    def middle(key: str) -> float | None:
        value = median([run[key] for run in runs if run[key] is not None])
        return None if value is None else round(value, 2)

    drawn = [run["drawn_s"] for run in runs]
    return {
        "figure": figure,
        "median_s": middle("drawn_s"),
        "min_s": round(min(drawn), 2),
        "max_s": round(max(drawn), 2),
        "settled_s": middle("settled_s"),
        **{key: middle(key) for key in BUSY_METRICS},
        "long_tasks_s": middle("long_tasks_s"),
        "runs": len(runs),
    }


def section_browser(
    settings: Settings, stores: dict[float, Store], log_dir: Path
) -> list[dict[str, Any]]:
    """Cold start, a new visitor, and the warm page switch to the Bridges map drawn."""
    rows: list[dict[str, Any]] = []
    with _chromium() as browser:
        for scale in settings.browser_scales:
            if scale not in stores:
                continue
            print(f"  browser at {label(scale)} ...", file=sys.stderr, flush=True)
            try:
                for row in _browser_at(browser, stores[scale], settings, log_dir):
                    rows.append({"scale": label(scale), **row, "chromium": browser.version})
            except Exception as exc:  # the other scale's figures still count
                rows.append({"scale": label(scale), "error": f"{type(exc).__name__}: {exc}"})
    return rows


@contextlib.contextmanager
def _chromium() -> Iterator[Any]:
    """Headless system Chromium through Playwright, as tests/conftest.py launches it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=find_chromium(),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        try:
            yield browser
        finally:
            browser.close()


# -- memory ---------------------------------------------------------------------------------------
# A websocket client that does not send back its widgets' values (as a browser does with every
# rerun) breaks the shell's filter bar on its third run, so sessions are real browser tabs.
def _visit(page: Any, title: str | None, target: str, quiet_ms: int) -> float:
    """Go to ``target`` through the menu (``title``; None: the tab is opening it) and wait
    until it has run and the browser is idle; seconds from the click."""
    clicked = page.evaluate("performance.now()")
    if title is not None:
        _click_page(page, title, target)
    state = _wait_idle(page, clicked, target, quiet_ms)
    return float(state["now"] - clicked - quiet_ms) / 1000


def _wait_idle(
    page: Any, since: float, target: str, quiet_ms: int, timeout: float = 300
) -> dict[str, Any]:
    """Wait until ``target`` has run and nothing was drawn and no long task ran for quiet_ms."""
    paths = PATHS.get(target, (f"/{target}",))
    deadline = time.monotonic() + timeout
    while True:
        state = page.evaluate(PAGE_STATE, since)
        quiet = state["now"] - max(state["lastDraw"], state["longEnd"], since) >= quiet_ms
        if not state["running"] and state["path"].rstrip("/") in paths and quiet:
            return dict(state)
        if time.monotonic() > deadline:
            raise TimeoutError(f"{target} did not finish in {timeout:.0f} s: {state}")
        time.sleep(0.1)


def _memory_at(
    browser: Any, store: Store, settings: Settings, log_dir: Path
) -> list[dict[str, Any]]:
    from ponti.i18n import t

    titles = {page: t(f"nav.{page}", LANG) for page in settings.session_route}
    rows: list[dict[str, Any]] = []
    contexts: list[Any] = []
    with serve(store.root, log_dir) as server:
        time.sleep(1)
        rows.append({"sessions": 0, "rss_mb": server.rss_mb()})
        try:
            for target in sorted(settings.sessions):
                visits = []
                while len(contexts) < target:
                    context, page, _ = _new_tab(browser)
                    contexts.append(context)
                    first, *others = settings.session_route
                    path = PATHS.get(first, (f"/{first}",))[0]
                    page.goto(f"{server.url}{path}?lang={LANG}", wait_until="commit")
                    visits.append(_visit(page, None, first, settings.quiet_ms))
                    for name in others:
                        visits.append(_visit(page, titles[name], name, settings.quiet_ms))
                time.sleep(1)
                rows.append(
                    {
                        "sessions": target,
                        "rss_mb": server.rss_mb(),
                        "page_visit_median_s": median(visits),
                    }
                )
        finally:
            for context in contexts:
                context.close()
    first_row = next(row for row in rows if row["sessions"] == min(settings.sessions))
    for row in rows:
        extra = row["sessions"] - first_row["sessions"]
        row["per_extra_session_mb"] = (
            round((row["rss_mb"] - first_row["rss_mb"]) / extra, 1) if extra > 0 else None
        )
        row["route"] = " > ".join(settings.session_route) if row["sessions"] else None
    return rows


def section_memory(
    settings: Settings, stores: dict[float, Store], log_dir: Path
) -> list[dict[str, Any]]:
    """RSS of a real server with no session, then 1, 5 and 10 sessions (browser tabs), each
    having opened the pages of settings.session_route through the menu."""
    rows = []
    with _chromium() as browser:
        for scale in settings.memory_scales:
            if scale not in stores:
                continue
            print(f"  memory at {label(scale)} ...", file=sys.stderr, flush=True)
            try:
                rows += [
                    {"scale": label(scale), **row}
                    for row in _memory_at(browser, stores[scale], settings, log_dir)
                ]
            except Exception as exc:  # the other scale's figures still count
                rows.append({"scale": label(scale), "error": f"{type(exc).__name__}: {exc}"})
    return rows


def _load_at(store: Store, settings: Settings, log_dir: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with serve(store.root, log_dir) as server:
        pid = server.process.pid
        # One unmeasured visit per page: the server's imports and cached reads are warm, as
        # they are for every visitor but the first.
        for page in settings.load_pages:
            warm = asyncio.run(visit_page(server.url, page, LOAD_QUERY))
            if warm.error is not None:
                raise RuntimeError(f"warm-up visit of {page} failed: {warm.error}")
        for sessions in settings.load_sessions:
            for page in settings.load_pages:
                time.sleep(1)  # the previous round's sessions closed
                rss_before = server.rss_mb()
                server_cpu, client_cpu = cpu_seconds(pid), time.process_time()
                visits, wall, peak = asyncio.run(
                    load_round(server.url, page, sessions, settings.load_seconds, server.rss_mb)
                )
                cpu = {
                    "server": cpu_seconds(pid) - server_cpu,
                    "client": time.process_time() - client_cpu,
                    "rss_before": rss_before,
                    "rss_peak": peak,
                }
                time.sleep(2)
                cpu["rss_after"] = server.rss_mb()
                rows.append(load_row(page, sessions, visits, wall, cpu))
    return rows


def section_load(
    settings: Settings, stores: dict[float, Store], log_dir: Path
) -> list[dict[str, Any]]:
    """Concurrent sessions speaking Streamlit's protocol against Overview and Bridges on a
    real server: errors, time to a finished run, server CPU per page load and memory."""
    rows = []
    for scale in settings.load_scales:
        if scale not in stores:
            continue
        print(f"  load at {label(scale)} ...", file=sys.stderr, flush=True)
        try:
            rows += [
                {"scale": label(scale), **row} for row in _load_at(stores[scale], settings, log_dir)
            ]
        except Exception as exc:  # the other scale's figures still count
            rows.append({"scale": label(scale), "error": f"{type(exc).__name__}: {exc}"})
    return rows


def section_replicas(
    settings: Settings, stores: dict[float, Store], log_dir: Path, repeat: int = 1
) -> list[dict[str, Any]]:
    """Two replicas behind HAProxy versus one process, Overview's visits per second at each
    of the load section's scales, sessions and seconds (scripts/balancer.py's replicas_at;
    scripts/replicas_speed.py runs it alone)."""
    rows: list[dict[str, Any]] = []
    for scale in settings.load_scales:
        if scale not in stores:
            continue
        print(f"  replicas at {label(scale)} ...", file=sys.stderr, flush=True)
        try:
            found = balancer.replicas_at(
                stores[scale], settings.load_sessions, settings.load_seconds, log_dir, repeat
            )
            rows += [{"scale": label(scale), **row} for row in found]
        except Exception as exc:  # the other scale's figures still count
            rows.append({"scale": label(scale), "error": f"{type(exc).__name__}: {exc}"})
    return rows


# -- loaders --------------------------------------------------------------------------------------
def _wall(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def _command_seconds(args: Sequence[str], reps: int) -> list[float]:
    seconds = []
    for _ in range(reps):
        started = time.perf_counter()
        subprocess.run(args, cwd=tempfile.gettempdir(), capture_output=True, check=True)
        seconds.append(time.perf_counter() - started)
    return seconds


def _loader_row(what: str, rows: int, work: Callable[[], Any]) -> dict[str, Any]:
    """Run a validation or an import (returning a report, or a version and a report)."""
    started, cpu = time.perf_counter(), time.process_time()
    result = work()
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    report = result[1] if isinstance(result, tuple) else result.report
    return {
        "what": what,
        "rows": rows,
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "rows_per_s": round(rows / wall),
        "errors": len(report.errors),
        "warnings": len(report.warnings),
    }


def section_loaders(
    settings: Settings, stores: dict[float, Store], log_dir: Path
) -> list[dict[str, Any]]:
    """Validate and import a generated projects file into (a copy of) the largest
    whole-number store, as ``python -m loaders validate/import`` do; the CLI's start-up."""
    import loaders

    scale = max([s for s in stores if s >= 1] or [1])
    store = stores.get(scale) or scale_data.scaled_store(scale, settings.cache_dir)
    n = settings.loader_rows
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(dir=log_dir) as tmp:
        known = store.read("projects")[schema.P_ID].astype(str).tolist()
        path = scale_data.projects_file(Path(tmp) / "projects.csv", n, int(scale), known)
        target = Store(Path(tmp) / "store")
        shutil.copytree(store.root, target.root)
        rows.append(
            _loader_row(
                f"validate {n:,} projects against the {label(scale)} store",
                n,
                lambda: loaders.load_files([path], kinds="projects", store=store),
            )
        )
        rows.append(
            _loader_row(
                f"import {n:,} projects into the {label(scale)} store",
                n,
                lambda: loaders.import_files([path], target, kinds="projects", note="benchmark"),
            )
        )
    for what, args in (
        ("CLI start-up: python -m loaders --help", [sys.executable, "-m", "loaders", "--help"]),
        ("Python alone: python -c pass", [sys.executable, "-c", "pass"]),
    ):
        seconds = _command_seconds(args, settings.cli_reps)
        rows.append({"what": what, "wall_s": median(seconds), "runs": len(seconds)})
    return rows


# -- present: decks, pictures, the static publish ----------------------------------------------
def section_present(
    settings: Settings, stores: dict[float, Store], log_dir: Path
) -> list[dict[str, Any]]:
    """What staff and partner sites wait for at the smallest scale measured: a deck of
    ``deck_items`` (target: ten slides in 20 s), one map as a PNG, and the static publish of
    ``publish_views`` (its bytes per view, and the time from request to view drawn in
    headless Chromium, served by ``python -m http.server``)."""
    from datetime import date

    from ponti import privacy, publish
    from ponti.present import deck, images
    from ponti.transforms import Dataset
    from ponti.transforms import twinnings as twinnings_tf

    os.environ.setdefault("BROWSER_PATH", find_chromium())  # kaleido: the system Chromium
    scale = min(stores)
    store = stores[scale]
    data = Dataset.from_tables(privacy.public_tables(store.read_all()))
    version = store.current()
    rows: list[dict[str, Any]] = []
    started = time.perf_counter()
    made = deck.build_deck(
        list(settings.deck_items),
        data=data,
        title="Ponti",
        lang="it",
        version=version,
        filters_text="",
        today=date.today(),
        demo=True,
    )
    rows.append(
        {
            "scale": label(scale),
            "what": f"deck of {len(settings.deck_items) + 1} slides",
            "seconds": round(time.perf_counter() - started, 2),
            "bytes": len(made),
            "target": "<= 20 s for ten slides",
        }
    )
    arcs = twinnings_tf.twinning_arcs(data.twinnings)
    with images.image_server():
        images.figure_png(go_figure_warm(), title="", caption_lines=[])  # the browser started
        started = time.perf_counter()
        png = images.figure_png(
            images.twinnings_map_figure(arcs, lang="it"), title="Gemellaggi", caption_lines=[]
        )
    rows.append(
        {
            "scale": label(scale),
            "what": "one map image (PNG, 2x), browser running",
            "seconds": round(time.perf_counter() - started, 2),
            "bytes": len(png),
        }
    )
    site = log_dir / "site"
    started = time.perf_counter()
    pages = publish.publish(store, site, addresses=[f"view={v}" for v in settings.publish_views])
    rows.append(
        {
            "scale": label(scale),
            "what": f"static publish of {len(pages)} pages",
            "seconds": round(time.perf_counter() - started, 2),
            "bytes": sum(p.html_bytes + p.data_bytes for p in pages),
        }
    )
    rows += _published_drawn(site, pages, scale)
    return rows


def go_figure_warm() -> Any:
    """A one-bar chart: drawing it starts the image browser before anything is timed."""
    import plotly.graph_objects as go

    return go.Figure(go.Bar(y=[1]))


def _published_drawn(site: Path, pages: Sequence[Any], scale: float) -> list[dict[str, Any]]:
    """Each published Italian page served by http.server, opened in a fresh browser tab (the
    libraries not cached): seconds from the request to the chart or map drawn."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=site,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    rows = []
    try:
        deadline = time.monotonic() + 20
        while not _listening(port) and time.monotonic() < deadline:
            time.sleep(0.1)
        with _chromium() as browser:
            for page in pages:
                if page.lang != "it":
                    continue
                # Maps are SVG figures too: drawn once their traces are in the page.
                drawn = (
                    "#chart .main-svg .scatterlayer .trace"
                    if page.view in ("map", "twinnings")
                    else "#chart .main-svg"
                )
                context = browser.new_context(viewport={"width": 1000, "height": 900})
                tab = context.new_page()
                started = time.perf_counter()
                tab.goto(f"http://127.0.0.1:{port}/{page.path}", wait_until="load")
                tab.wait_for_selector(drawn, timeout=120_000)
                seconds = time.perf_counter() - started
                context.close()
                rows.append(
                    {
                        "scale": label(scale),
                        "what": f"published {page.path}: drawn in Chromium",
                        "seconds": round(seconds, 2),
                        "bytes": page.html_bytes + page.data_bytes,
                    }
                )
    finally:
        server.terminate()
        server.wait(timeout=10)
    return rows


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


# -- summary --------------------------------------------------------------------------------------
TARGETS = {
    "rerun": "<= 0.3 at 1x, <= 1.0 at 100x, growth <= 4x",
    "cold": "<= 6 at 1x",
    "switch": "<= 3",
    "filter": "<= 1 at 1x, <= 2 at 100x",
    "memory": "<= 20 at any scale",
    "loaders": ">= 25,000 rows/s",
    "deck": "< 600 KB",
}
ISSUE_PAGES = ("overview", "bridges", "funding", "agenda")


def _by(rows: list[dict[str, Any]], scale: str, **match: Any) -> dict[str, Any] | None:
    return next(
        (
            r
            for r in rows
            if r.get("scale") == scale and all(r.get(k) == v for k, v in match.items())
        ),
        None,
    )


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}" if value < 100 else f"{value:,.0f}"
    return str(value)


def _joined(rows: list[dict[str, Any]], scale: str, pages: Sequence[str], key: str) -> str:
    values = [(_by(rows, scale, page=p) or {}).get(key) for p in pages]
    return " / ".join(_fmt(v) for v in values) if any(v is not None for v in values) else ""


def summary_rows(
    results: dict[str, list[dict[str, Any]]], scales: Sequence[float]
) -> list[dict[str, str]]:
    """The measured figures in the shape of issue #16's table of targets."""
    columns = [label(s) for s in scales]
    table: list[dict[str, str]] = []

    def add(figure: str, target: str, cell: Callable[[str], str]) -> None:
        table.append({"figure": figure, **{c: cell(c) for c in columns}, "target": target})

    rerun, filters = results.get("rerun", []), results.get("filter", [])
    if rerun:
        pages = [
            r["page"] for r in rerun if r["scale"] == columns[0] and r["page"] != "(empty page)"
        ]
        shown = [p for p in ISSUE_PAGES if p in pages]
        others = [p for p in pages if p not in shown]
        for group, title in ((shown, "warm rerun, shell + page"), (others, "warm rerun")):
            if group:
                add(
                    f"{title}: {' / '.join(group)} (s)",
                    TARGETS["rerun"],
                    functools.partial(_joined, rerun, pages=group, key="median_s"),
                )
        if shown:
            add(
                f"warm rerun, CPU seconds: {' / '.join(shown)}",
                "",
                lambda c: _joined(rerun, c, shown, "cpu_median_s"),
            )
        add(
            "empty Streamlit page, the floor (s)",
            "",
            lambda c: _joined(rerun, c, ["(empty page)"], "median_s"),
        )
    browser = results.get("browser", [])
    if browser:
        add(
            "cold start to Bridges map drawn in Chromium (s)",
            TARGETS["cold"],
            lambda c: _fmt(
                (_by(browser, c, figure="cold start to Bridges map drawn") or {}).get("median_s")
            ),
        )
        add(
            "new tab, warm server, to Bridges map drawn (s)",
            "",
            lambda c: _fmt(
                (_by(browser, c, figure="new tab on a warm server to Bridges map drawn") or {}).get(
                    "median_s"
                )
            ),
        )

        def switch(c: str) -> str:
            row = _by(browser, c, figure="warm page switch Overview -> Bridges map drawn")
            return "" if row is None else f"{_fmt(row['median_s'])} (busy {_fmt(row['busy_s'])})"

        add(
            "warm page switch to Bridges map drawn (s) (main thread busy)",
            TARGETS["switch"],
            switch,
        )
    if filters:
        add(
            "filter change to finished run, Bridges / Agenda (s)",
            TARGETS["filter"],
            lambda c: _joined(filters, c, ["bridges", "agenda"], "median_s"),
        )
        add("filter change, slowest page (s)", TARGETS["filter"], lambda c: _slowest(filters, c))
        add(
            "first change to a filter value (nothing cached), slowest page (s)",
            TARGETS["filter"],
            lambda c: _slowest(filters, c, "first_max_s"),
        )
    memory = results.get("memory", [])
    if memory:

        def per_session(c: str) -> str:
            rows = [
                r for r in memory if r["scale"] == c and r.get("per_extra_session_mb") is not None
            ]
            return _fmt(rows[-1]["per_extra_session_mb"]) if rows else ""

        add("server memory per extra session (MB)", TARGETS["memory"], per_session)
        add(
            "server memory, 1 session (MB)",
            "",
            lambda c: _fmt((_by(memory, c, sessions=1) or {}).get("rss_mb")),
        )
    _loader_rows(results.get("loaders", []), columns, add)
    _load_rows(results.get("load", []), add)
    sent = results.get("bytes", [])
    if sent:
        add(
            "Bridges map, deck JSON or plotly figure (KB)",
            TARGETS["deck"],
            lambda c: _joined(sent, c, ["bridges"], "map_kb"),
        )
        add("largest view sent (KB)", "", lambda c: _largest(sent, c))
        add(
            "largest first view a browser gets, tables over 1,000 rows a chunk at a time (KB)",
            "",
            lambda c: _largest(sent, c, "browser_kb"),
        )
    return table


def _slowest(rows: list[dict[str, Any]], scale: str, key: str = "median_s") -> str:
    timed = [r for r in rows if r["scale"] == scale and r.get(key) is not None]
    if not timed:
        return ""
    worst = max(timed, key=lambda r: r[key])
    return f"{_fmt(worst[key])} ({worst['page']})"


def _largest(rows: list[dict[str, Any]], scale: str, key: str = "total_kb") -> str:
    sized = [r for r in rows if r["scale"] == scale and r.get(key) is not None]
    if not sized:
        return ""
    worst = max(sized, key=lambda r: r[key])
    return f"{_fmt(worst[key])} ({worst['page']})"


def _loader_rows(rows: list[dict[str, Any]], columns: list[str], add: Callable[..., None]) -> None:
    timed = [r for r in rows if r.get("rows")]
    if timed:
        where = re.search(r"the (\S+) store", timed[0]["what"])
        column = where.group(1) if where else columns[0]
        pair = " / ".join(f"{r['rows_per_s']:,}" for r in timed)
        walls = " / ".join(f"{r['wall_s']:.1f}" for r in timed)
        n = timed[0]["rows"]
        add(
            f"validate / import {n:,} project rows (rows/s; wall s)",
            TARGETS["loaders"],
            lambda c: (
                f"{pair}; {walls}"
                if c == column or (column not in columns and c == columns[0])
                else ""
            ),
        )
    cli = next((r for r in rows if r["what"].startswith("CLI")), None)
    if cli:
        add(
            "CLI start-up, python -m loaders --help (s)",
            "",
            lambda c: _fmt(cli["wall_s"]) if c == columns[0] else "",
        )


def _load_rows(rows: list[dict[str, Any]], add: Callable[..., None]) -> None:
    timed = [r for r in rows if r.get("visits")]
    for sessions in sorted({r["sessions"] for r in timed}):

        def cell(c: str, key: str, sessions: int = sessions) -> str:
            found = [r for r in timed if r["scale"] == c and r["sessions"] == sessions]
            return " / ".join(_fmt(r.get(key)) for r in found)

        pages = " / ".join(dict.fromkeys(r["page"] for r in timed if r["sessions"] == sessions))
        add(
            f"{sessions} concurrent sessions, {pages}: median (s)",
            "",
            functools.partial(cell, key="median_s"),
        )
        add(
            f"{sessions} sessions, {pages}: 95th percentile (s)",
            "",
            functools.partial(cell, key="p95_s"),
        )
        add(
            f"{sessions} sessions, {pages}: errors / visits",
            "",
            lambda c, s=sessions: " / ".join(
                f"{r['errors']}/{r['visits']}"
                for r in timed
                if r["scale"] == c and r["sessions"] == s
            ),
        )
        add(
            f"{sessions} sessions, {pages}: server CPU per page load (s)",
            "",
            functools.partial(cell, key="server_cpu_per_load_s"),
        )
        add(
            f"{sessions} sessions, {pages}: server memory peak (MB)",
            "",
            functools.partial(cell, key="rss_peak_mb"),
        )


# -- running it -----------------------------------------------------------------------------------
def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = ""
    with contextlib.suppress(OSError):
        found = re.search(
            r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.MULTILINE
        )
        cpu = found.group(1) if found else ""
    memory = ""
    with contextlib.suppress(OSError):
        found = re.search(r"^MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text(), re.MULTILINE)
        memory = f"{int(found.group(1)) / 1024 / 1024:.1f} GB" if found else ""
    import streamlit  # noqa: TID251

    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
    }


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Measure what Ponti's users wait for, at 1x, 10x and 100x the demo.",
        epilog="Sections: " + "; ".join(f"{k}: {v}" for k, v in SECTIONS.items()),
    )
    parser.add_argument(
        "sections",
        nargs="*",
        metavar="SECTION",
        help=f"sections to run (default: all): {', '.join(SECTIONS)}",
    )
    size = parser.add_mutually_exclusive_group()
    size.add_argument(
        "--scales",
        nargs="+",
        type=int,
        metavar="N",
        help=f"multiples of the demo (default: {' '.join(map(str, SCALES))})",
    )
    size.add_argument(
        "--tiny",
        action="store_true",
        help="every section at a tenth of the demo, once or twice (well under a minute)",
    )
    parser.add_argument(
        "--json",
        type=Path,
        metavar="PATH",
        help="where to write the figures (default: benchmark-results/benchmark-<date>-<time>.json)",
    )
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=scale_data.DEFAULT_CACHE,
        help="where the scaled stores are kept (default: %(default)s)",
    )
    parser.add_argument("--reps", type=int, help="warm reruns per page (default 7; --tiny 1)")
    parser.add_argument(
        "--profile",
        metavar="PAGE",
        help="cProfile one warm rerun of PAGE at each scale and print the top functions",
    )
    parser.add_argument(
        "--pages",
        nargs="+",
        metavar="PAGE",
        help="only these pages in the AppTest sections (default: every page of the menu)",
    )
    parser.add_argument(
        "--sessions",
        nargs="+",
        type=int,
        metavar="N",
        help="concurrent sessions in the load section (default: 20 50; --tiny 3)",
    )
    parser.add_argument(
        "--seconds",
        type=float,
        help="how long each page is loaded at each number of sessions (default 30; --tiny 3)",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    return parser


def settings_from(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Settings:
    """The run's settings from the command line."""
    if args.tiny:
        settings = Settings.tiny_run(args.cache_dir)
    else:
        scales = tuple(args.scales) if args.scales else SCALES
        if any(s < 1 for s in scales):
            parser.error("scales are whole multiples of the demo data, 1 or more")
        settings = Settings(scales=scales, cache_dir=args.cache_dir)
        # dict.fromkeys: with one scale (--scales 1), 1 and max(scales) are one scale, run once.
        settings.browser_scales = (
            tuple(dict.fromkeys(s for s in (1, max(scales)) if s in scales)) or scales[:1]
        )
        settings.memory_scales = settings.browser_scales
        settings.load_scales = settings.browser_scales
    if args.sessions:
        if any(n < 1 for n in args.sessions):
            parser.error("--sessions are 1 or more")
        settings.load_sessions = tuple(args.sessions)
    if args.seconds is not None:
        if args.seconds <= 0:
            parser.error("--seconds is more than 0")
        settings.load_seconds = args.seconds
    if args.reps is not None:
        if args.reps < 1:
            parser.error("--reps is 1 or more")
        settings.reps = args.reps
    settings.profile = args.profile
    pages = list(args.pages or ())
    if pages and args.profile and args.profile not in pages:
        pages.append(args.profile)
    settings.pages = tuple(pages)
    return settings


def _print_table(title: str, rows: list[dict[str, Any]]) -> None:
    print(f"\n## {title}", flush=True)
    # convert_dtypes: counts stay whole numbers when a row with an error has none.
    frame = pd.DataFrame(rows).convert_dtypes() if rows else pd.DataFrame({"result": ["none"]})
    print(frame.to_string(index=False, na_rep="-"), flush=True)


def run(settings: Settings, sections: Sequence[str], out: Path) -> tuple[dict[str, Any], bool]:
    """Build the stores, run the sections, print their tables and the summary, write JSON."""
    started, load_before = time.monotonic(), load_average()
    needed = set(settings.scales) | {1}  # 1x: the base every other scale grows from
    stores: dict[float, Store] = {}
    built: dict[str, Any] = {}
    for scale in sorted(needed):
        begun = time.monotonic()
        store = scale_data.scaled_store(scale, settings.cache_dir)
        stores[scale] = store
        built[label(scale)] = {
            "path": str(store.root),
            "seconds": round(time.monotonic() - begun, 2),
            **scale_data.counts(store),
        }
    scaled = {s: stores[s] for s in settings.scales}
    results: dict[str, list[dict[str, Any]]] = {}
    errors: dict[str, str] = {}
    profiles: dict[str, str] = {}
    log_dir = Path(tempfile.mkdtemp(prefix="ponti-benchmark-"))
    wanted_app = [name for name in APP_SECTIONS if name in sections]
    timings: dict[str, float] = {}
    if wanted_app:
        begun = time.monotonic()
        try:
            app_rows, profiles = app_sections(settings, scaled, wanted_app)
            results.update(app_rows)
        except Exception as exc:
            errors.update({name: f"{type(exc).__name__}: {exc}" for name in wanted_app})
        timings["+".join(wanted_app)] = round(time.monotonic() - begun, 1)
    others: dict[str, Callable[[Settings, dict[float, Store], Path], list[dict[str, Any]]]] = {
        "browser": section_browser,
        "memory": section_memory,
        "loaders": section_loaders,
        "load": section_load,
        "replicas": section_replicas,
        "present": section_present,
    }
    for name, section in others.items():
        if name not in sections:
            continue
        print(f"  {name} ...", file=sys.stderr, flush=True)
        begun = time.monotonic()
        try:
            results[name] = section(settings, scaled, log_dir)
        except Exception as exc:
            errors[name] = f"{type(exc).__name__}: {exc}"
        timings[name] = round(time.monotonic() - begun, 1)
    shutil.rmtree(log_dir, ignore_errors=True)
    for name, rows in results.items():
        failed = [row for row in rows if row.get("error")]
        if failed and name not in errors:
            errors[name] = f"{len(failed)} row(s) failed; first: {failed[0]['error']}"
    for name in sections:
        _print_table(name, results.get(name) or [{"error": errors.get(name, "no rows")}])
    summary = summary_rows(results, settings.scales)
    _print_table("summary", summary)
    for at_scale, text in profiles.items():
        print(f"\n## profile of {settings.profile} at {at_scale}\n{text}")
    document: dict[str, Any] = {
        "meta": {
            "date": datetime.now().isoformat(timespec="seconds"),
            "command": " ".join([Path(sys.executable).name, *sys.argv]),
            "machine": machine(),
            "settings": {
                k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(settings).items()
            },
            "sections": list(sections),
            "seconds": round(time.monotonic() - started, 1),
            "section_seconds": timings,
            "menu_clicks": dict(CLICKS),
            "load_average_before": load_before,
            "load_average_after": load_average(),
        },
        "stores": built,
        "sections": {name: results.get(name, []) for name in sections},
        "errors": errors,
        "summary": summary,
        "profiles": profiles,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )
    print(f"\nFigures written to {out} ({document['meta']['seconds']} s)", flush=True)
    return document, not errors


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chosen sections (all by default); 1 when a section failed."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.worker:
        result = measure_pages(json.loads(args.worker))
        print(WORKER_MARK + json.dumps(result), flush=True)
        return 0
    unknown = [name for name in args.sections if name not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s): {', '.join(unknown)}; known: {', '.join(SECTIONS)}")
    settings = settings_from(args, parser)
    sections = [name for name in SECTIONS if name in args.sections] or list(SECTIONS)
    out = args.json or RESULTS_DIR / f"benchmark-{datetime.now():%Y%m%d-%H%M%S}.json"
    _, ok = run(settings, sections, out)
    return 0 if ok else 1


# -- kept for tests/test_bridges.py ----------------------------------------------------------------
def _renamed(values: pd.Series, copy: int) -> pd.Series:
    return values if copy == 0 else values.astype("string") + f"-x{copy}"


def _renamed_lists(values: pd.Series, copy: int) -> pd.Series:
    if copy == 0:
        return values
    return values.map(lambda ids: [f"{i}-x{copy}" for i in ids])


def replicate(data: Dataset, times: int) -> Dataset:
    """The dataset repeated ``times`` times, exact copies with new ids (and references to
    them), the same places; residents and calls once. tests/test_bridges.py uses it to show
    that the deck's size does not grow with rows; the benchmark grows data with
    scripts/scale_data.py instead (realistic variation)."""
    if times <= 1:
        return data
    associations, projects, twinnings = [], [], []
    for copy in range(times):
        associations.append(
            data.associations.assign(
                **{schema.A_ID: _renamed(data.associations[schema.A_ID], copy)}
            )
        )
        projects.append(
            data.projects.assign(
                **{
                    schema.P_ID: _renamed(data.projects[schema.P_ID], copy),
                    schema.P_LEAD: _renamed(data.projects[schema.P_LEAD], copy),
                    schema.P_PARTNERS: _renamed_lists(data.projects[schema.P_PARTNERS], copy),
                }
            )
        )
        twinnings.append(
            data.twinnings.assign(
                **{
                    schema.T_ID: _renamed(data.twinnings[schema.T_ID], copy),
                    schema.T_PROJECTS: _renamed_lists(data.twinnings[schema.T_PROJECTS], copy),
                }
            )
        )
    return Dataset(
        associations=pd.concat(associations, ignore_index=True),
        projects=pd.concat(projects, ignore_index=True),
        twinnings=pd.concat(twinnings, ignore_index=True),
        residents=data.residents,
        calls=data.calls,
    )


if __name__ == "__main__":
    raise SystemExit(main())
