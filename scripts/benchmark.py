"""Print figures that tell whether Ponti's views stay light as the data grows.

    .venv/bin/python scripts/benchmark.py              # every section at 1x, 10x and 100x
    .venv/bin/python scripts/benchmark.py bridges      # one section
    .venv/bin/python scripts/benchmark.py --scales 1 10
    .venv/bin/python scripts/benchmark.py --quick      # every section at 1x: a few seconds

Each section builds a view on the demo data at 1x and at larger multiples (rows copied with
new ids, same places) and prints a small table. Nothing is written; nothing is asserted
(tests/test_bridges.py asserts the bridges invariants; tests/test_commands.py runs --quick).
Other areas may add sections: a function ``section_<name>(data, scales) -> list[dict]``
registered in SECTIONS.
"""

from __future__ import annotations

import argparse
import functools
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import pandas as pd

from ponti import schema
from ponti.transforms import Dataset

REPO = Path(__file__).resolve().parent.parent
SCALES = (1, 10, 100)
QUICK_SCALES = (1,)


def load_demo() -> Dataset:
    """The demo dataset, imported into a throw-away store exactly as the dashboard seeds it."""
    import loaders
    from ponti.store import Store

    with tempfile.TemporaryDirectory() as root:
        store = Store(Path(root))
        version, report = loaders.seed_demo(store)
        if version is None:
            raise SystemExit(report.to_text())
        return Dataset.from_tables(store.read_all())


def _renamed(values: pd.Series, copy: int) -> pd.Series:
    return values if copy == 0 else values.astype("string") + f"-x{copy}"


def _renamed_lists(values: pd.Series, copy: int) -> pd.Series:
    if copy == 0:
        return values
    return values.map(lambda ids: [f"{i}-x{copy}" for i in ids])


def replicate(data: Dataset, times: int) -> Dataset:
    """The dataset repeated ``times`` times; copies get new ids (and references to them)."""
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
    # Residents are one row per (year, province, citizenship): more copies would double-count.
    # Calls are a short list that no page's cost grows with: kept once as well.
    return Dataset(
        associations=pd.concat(associations, ignore_index=True),
        projects=pd.concat(projects, ignore_index=True),
        twinnings=pd.concat(twinnings, ignore_index=True),
        residents=data.residents,
        calls=data.calls,
    )


# -- sections -----------------------------------------------------------------------------------
# (name, measure, context, level): the page as it opens, and its heaviest configuration.
BRIDGES_CONFIGS = (
    ("default", "associations", "none", "region"),
    ("heaviest", "projects", "density", "province"),
)


def section_bridges(data: Dataset, scales: Sequence[int]) -> list[dict[str, object]]:
    """The Bridges map: bytes of the deck JSON sent to the browser, and seconds to build it
    (transforms + deck + JSON), every layer on."""
    from ponti.charts import bridges as charts
    from ponti.filters import Filters
    from ponti.transforms import apply_filters
    from ponti.transforms import bridges as transforms

    rows: list[dict[str, object]] = []
    for times in scales:
        scaled = apply_filters(replicate(data, times), Filters())
        for name, measure, context, level in BRIDGES_CONFIGS:
            started = time.perf_counter()
            layers = charts.MapLayers(
                links=transforms.link_arcs(scaled, measure, "sdg"),
                twinnings=transforms.twinning_arcs(scaled.twinnings),
                points=transforms.association_points(scaled.associations),
                areas=(
                    transforms.context_areas(scaled, level, context) if context != "none" else None
                ),
            )
            deck = charts.bridges_deck(
                layers, measure=measure, dimension="sdg", context=context, level=level, lang="it"
            )
            spec = deck.to_json()
            seconds = time.perf_counter() - started
            rows.append(
                {
                    "scale": f"{times}x",
                    "view": name,
                    "associations": len(scaled.associations),
                    "projects": len(scaled.projects),
                    "arcs": len(layers.links) if layers.links is not None else 0,
                    "deck_kb": round(len(spec.encode("utf-8")) / 1024, 1),
                    "seconds": round(seconds, 2),
                }
            )
    return rows


def _seconds(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return round(time.perf_counter() - started, 3)


def _view_timings(scaled: Dataset) -> dict[str, object]:
    from ponti.charts import agenda as agenda_charts
    from ponti.charts import funding as funding_charts
    from ponti.filters import Filters
    from ponti.transforms import agenda, apply_filters, funding, overview

    view = apply_filters(scaled, Filters())
    pairs = agenda.project_goals(view.projects)
    today = date.today()  # as the Overview page asks for it
    return {
        "projects": len(scaled.projects),
        "filters": _seconds(lambda: apply_filters(scaled, Filters(sdg=(4,)))),
        "overview": _seconds(
            lambda: (
                overview.summarise_headline(view),
                overview.count_associations_by_country(view.associations, "it"),
                overview.latest_projects(view, "it", today=today),
            )
        ),
        "agenda": _seconds(
            lambda: (
                agenda_charts.goals_grid(agenda.summarise_goals(view, "it"), lang="it"),
                agenda.goal_matrix(pairs, "country", "projects", "it"),
                agenda.find_country_gaps(view, "it"),
                agenda.find_region_gaps(view, "it"),
            )
        ),
        "funding": _seconds(
            lambda: (
                funding_charts.projects_reaching_stage_funnel(
                    funding.count_projects_reaching_stage(view.projects, "it"),
                    lang="it",
                    measure="count",
                ),
                funding_charts.funding_flows_sankey(
                    funding.summarise_funding_paths(
                        view.projects,
                        middle="funder",
                        destination="region",
                        measure="count",
                        lang="it",
                    ),
                    lang="it",
                ),
                funding.count_projects_at_stage(view.projects, "it"),
            )
        ),
    }


def section_views(data: Dataset, scales: Sequence[int]) -> list[dict[str, object]]:
    """Seconds for the pure work behind each page (filters, transforms, figures) as the
    data grows; the page's own rendering in the browser is not included."""
    return [{"scale": f"{times}x", **_view_timings(replicate(data, times))} for times in scales]


def section_import(data: Dataset, scales: Sequence[int]) -> list[dict[str, object]]:
    """Seconds to validate and import the demo files, and to validate a projects file of
    each scale's multiple of the demo's rows (copies with new ids)."""
    import loaders
    from ponti.store import Store

    del data
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store = Store(root / "store")
        rows.append(
            {
                "what": "import demo (4 files)",
                "rows": "all",
                "seconds": _seconds(lambda: loaders.seed_demo(store)),
            }
        )
        source = pd.read_csv(
            REPO / "data" / "demo" / "projects.csv", dtype=str, keep_default_na=False
        )
        for times in scales:
            copies = [
                source.assign(project_id=source["project_id"] + ("" if i == 0 else f"-x{i}"))
                for i in range(times)
            ]
            path = root / f"projects-{times}x.csv"
            pd.concat(copies).to_csv(path, index=False)
            rows.append(
                {
                    "what": f"validate projects {times}x",
                    "rows": len(source) * times,
                    "seconds": _seconds(
                        functools.partial(loaders.load_file, path, kind="projects")
                    ),
                }
            )
    return rows


SECTIONS: dict[str, Callable[[Dataset, Sequence[int]], list[dict[str, object]]]] = {
    "bridges": section_bridges,
    "views": section_views,
    "import": section_import,
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Print how long Ponti's views take and how big the map is as data grows."
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
        default=SCALES,
        metavar="N",
        help="multiples of the demo data to measure (default: %(default)s)",
    )
    size.add_argument(
        "--quick",
        action="store_const",
        dest="scales",
        const=QUICK_SCALES,
        help="the demo at 1x only: every section in a few seconds (a smoke run)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chosen sections (all by default) and print one table each."""
    parser = _parser()
    args = parser.parse_args(argv)
    unknown = [name for name in args.sections if name not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s): {', '.join(unknown)}; known: {', '.join(SECTIONS)}")
    if any(times < 1 for times in args.scales):
        parser.error("scales are whole multiples of the demo data, 1 or more")
    data = load_demo()
    for name in args.sections or list(SECTIONS):
        print(f"\n## {name}", flush=True)
        print(pd.DataFrame(SECTIONS[name](data, args.scales)).to_string(index=False), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
