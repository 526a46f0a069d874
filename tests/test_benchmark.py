"""The benchmark and its data generator keep working (they are not run often enough otherwise).

scripts/benchmark.py --tiny runs every section at a tenth of the demo, once or twice: the test
checks that it ran, printed every section and wrote its JSON with the expected keys. Timings
are never asserted (the machine is shared; figures belong in README, not in tests). The
generator (scripts/scale_data.py) is checked for what makes its growth realistic: the same
communities, places, funders and stages, ids that are unique and references that resolve.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import loaders
from ponti import schema
from ponti.store import Store
from scripts import benchmark, scale_data

REPO = Path(__file__).resolve().parent.parent


def _run(
    *args: object, cwd: Path, env: dict[str, str] | None = None, timeout: float = 900
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert "Traceback" not in result.stderr, result.stderr[-5000:]
    return result


def _printed_tables(output: str) -> dict[str, list[str]]:
    """Table name -> its lines (header first), as the benchmark prints them ("## name")."""
    parts = re.split(r"^## (.+)\n", output, flags=re.MULTILINE)
    return {
        name: table.strip().splitlines()
        for name, table in zip(parts[1::2], parts[2::2], strict=True)
    }


# -- the benchmark ---------------------------------------------------------------------------------
@pytest.mark.browser
@pytest.mark.slow  # a server, Chromium and every page: about a minute
def test_tiny_benchmark_prints_every_section_and_writes_its_json(
    tmp_path: Path, chromium_path: str
) -> None:
    out = tmp_path / "figures.json"
    env = {**os.environ, "PONTI_CHROMIUM": chromium_path}
    result = _run(
        sys.executable,
        REPO / "scripts" / "benchmark.py",
        "--tiny",
        "--json",
        out,
        "--cache-dir",
        tmp_path / "stores",
        cwd=tmp_path,
        env=env,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-5000:]

    tables = _printed_tables(result.stdout)
    assert [name for name in tables if not name.startswith("profile")] == [
        *benchmark.SECTIONS,
        "summary",
    ]
    for name, lines in tables.items():
        header, *rows = lines
        assert rows, f"section {name} printed no rows"
        assert "error" not in header.split(), f"section {name} failed:\n" + "\n".join(lines)

    document = json.loads(out.read_text(encoding="utf-8"))
    assert set(document) >= {"meta", "stores", "sections", "errors", "summary"}
    assert document["errors"] == {}
    assert document["meta"]["machine"]["cores"] == os.cpu_count()
    assert list(document["sections"]) == list(benchmark.SECTIONS)
    scale = benchmark.label(benchmark.TINY_SCALE)
    sections = document["sections"]

    rerun = {row["page"]: row for row in sections["rerun"]}
    assert {"(empty page)", "overview", "bridges", "funding", "agenda"} <= set(rerun)
    for page, row in rerun.items():
        assert row["scale"] == scale and row["median_s"] is not None and "error" not in row, row
        # Every page ran with the shell (dashboard.py's filter bar), as the server runs it.
        assert page == "(empty page)" or row["shell"] is True, page
    sent = {row["page"]: row for row in sections["bytes"]}
    assert set(sent) == set(rerun) - {"(empty page)"}
    # Bridges draws its map as a plotly figure (no deck without an internet basemap).
    assert (
        sent["bridges"]["decks"] == 0
        and 0 < sent["bridges"]["map_kb"] <= sent["bridges"]["plotly_kb"]
    )
    assert all(row["total_kb"] >= row["deck_kb"] + row["plotly_kb"] for row in sent.values())
    assert {row["page"] for row in sections["filter"]} == set(sent)
    figures = {row["figure"] for row in sections["browser"]}
    assert {
        "cold start to Bridges map drawn",
        "warm page switch Overview -> Bridges map drawn",
    } <= figures
    assert [row["sessions"] for row in sections["memory"]] == [0, 1, 2]
    assert all(row["rss_mb"] > 0 for row in sections["memory"])
    # The generated file is valid: every row validates and imports.
    moved = [row for row in sections["loaders"] if row.get("rows")]
    assert [row["what"].split()[0] for row in moved] == ["validate", "import"]
    assert all(row["errors"] == 0 for row in moved), moved
    assert any(row["what"].startswith("CLI start-up") for row in sections["loaders"])
    # Many visitors: sessions speaking Streamlit's own protocol, none failing.
    load = {(row["page"], row["sessions"]): row for row in sections["load"]}
    assert set(load) == {("overview", 3), ("bridges", 3)}
    assert all(r["errors"] == 0 and r["visits"] >= 1 and r["median_s"] for r in load.values())
    # Two replicas behind HAProxy beside one process: both serve every visit.
    replicas = {(row["setup"], row["sessions"]): row for row in sections["replicas"]}
    assert set(replicas) == {("one process", 3), ("2 replicas + HAProxy", 3)}
    assert all(r["errors"] == 0 and r["visits"] >= 1 for r in replicas.values())
    # Presentation material and the static publish: a deck, a map picture, pages drawn.
    present = {row["what"]: row for row in sections["present"]}
    assert present["deck of 4 slides"]["bytes"] > 100_000
    assert present["one map image (PNG, 2x), browser running"]["bytes"] > 100_000
    drawn = [row for what, row in present.items() if what.endswith("drawn in Chromium")]
    assert len(drawn) == 2 and all(row["seconds"] > 0 for row in drawn)
    assert all(set(row) == {"figure", scale, "target"} for row in document["summary"])


@pytest.mark.parametrize(
    "args",
    [["nowhere"], ["--scales", "0"], ["--tiny", "--scales", "1"], ["--reps", "0"]],
    ids=["unknown section", "scale zero", "tiny and scales", "no reruns"],
)
def test_benchmark_usage_errors_exit_two(args: list[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        benchmark.main(args)
    assert stop.value.code == 2


def test_the_summary_has_the_shape_of_the_targets_table() -> None:
    results = {
        "rerun": [
            {"scale": "1x", "page": "(empty page)", "median_s": 0.003},
            {"scale": "1x", "page": "overview", "median_s": 0.2, "cpu_median_s": 0.1},
            {"scale": "1x", "page": "bridges", "median_s": 0.4, "cpu_median_s": 0.3},
        ],
        "memory": [
            {"scale": "1x", "sessions": 1, "rss_mb": 300.0, "per_extra_session_mb": None},
            {"scale": "1x", "sessions": 5, "rss_mb": 340.0, "per_extra_session_mb": 10.0},
        ],
    }
    rows = benchmark.summary_rows(results, [1, 10])
    assert all(list(row) == ["figure", "1x", "10x", "target"] for row in rows)
    by_figure = {row["figure"]: row for row in rows}
    assert by_figure["warm rerun, shell + page: overview / bridges (s)"]["1x"] == "0.20 / 0.40"
    assert by_figure["server memory per extra session (MB)"]["1x"] == "10.00"
    assert by_figure["server memory per extra session (MB)"]["10x"] == ""


# -- the generator ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    return scale_data.demo_store(tmp_path_factory.mktemp("stores")).read_all()


def _values(frame: pd.DataFrame, column: str) -> set[object]:
    values = frame[column].dropna()
    if len(values) and isinstance(values.iloc[0], list):
        values = values.explode().dropna()
    return set(values)


def test_growth_keeps_the_communities_places_funders_and_stages(
    demo_tables: dict[str, pd.DataFrame],
) -> None:
    grown = scale_data.grow(demo_tables, 3)
    for kind in ("associations", "projects", "twinnings"):
        assert len(grown[kind]) == 3 * len(demo_tables[kind])
        id_column = schema.COLUMNS[kind][0].name
        assert grown[kind][id_column].is_unique
    for kind in ("residents", "calls"):
        assert grown[kind].equals(demo_tables[kind])  # never multiplied
    same = [
        ("associations", schema.A_MUNICIPALITY),
        ("associations", schema.A_COUNTRIES),
        ("associations", schema.A_TERRITORIES),
        ("projects", "destination_country"),
        ("projects", "funder"),
        ("projects", "funder_type"),
        ("projects", "programme"),
        ("projects", "stage"),
        ("twinnings", "partner_city"),
    ]
    for kind, column in same:
        assert _values(grown[kind], column) == _values(demo_tables[kind], column), column
    # The stages keep their shares; granted never exceeds requested; dates stay in the demo's years.
    shares = grown["projects"]["stage"].value_counts(normalize=True)
    assert shares.equals(demo_tables["projects"]["stage"].value_counts(normalize=True))
    projects = grown["projects"]
    assert not (projects["amount_granted"] > projects["amount_requested"]).any()
    assert projects["date_submitted"].min() >= scale_data.FIRST_DAY
    assert projects["date_submitted"].max() <= scale_data.AS_OF
    # New twinnings are signed where the community lives.
    assert _values(grown["twinnings"], schema.A_MUNICIPALITY) <= _values(
        grown["associations"], schema.A_MUNICIPALITY
    ) | _values(demo_tables["twinnings"], schema.A_MUNICIPALITY)


def test_growth_is_reproducible_and_its_references_resolve(
    demo_tables: dict[str, pd.DataFrame],
) -> None:
    first, again = scale_data.grow(demo_tables, 2), scale_data.grow(demo_tables, 2)
    for kind in first:
        pd.testing.assert_frame_equal(first[kind], again[kind])
    for grown in (first, scale_data.grow(demo_tables, 0.1)):
        associations = set(grown["associations"][schema.A_ID])
        projects = grown["projects"]
        assert set(projects[schema.P_LEAD]) <= associations
        assert _values(projects, schema.P_PARTNERS) <= associations
        assert _values(grown["twinnings"], schema.T_PROJECTS) <= set(projects[schema.P_ID])


def test_a_tenth_keeps_a_tenth(demo_tables: dict[str, pd.DataFrame]) -> None:
    tenth = scale_data.grow(demo_tables, 0.1)
    assert len(tenth["associations"]) == round(len(demo_tables["associations"]) / 10)
    assert 0 < len(tenth["projects"]) < len(demo_tables["projects"]) / 5
    with pytest.raises(ValueError, match="whole number"):
        scale_data.grow(demo_tables, 2.5)


def test_the_generated_projects_file_imports_into_its_store(
    demo_store: Store, tmp_path: Path
) -> None:
    known = demo_store.read("projects")[schema.P_ID].astype(str).tolist()
    path = scale_data.projects_file(tmp_path / "projects.csv", len(known) + 50, 1, known)
    assert len(pd.read_csv(path, dtype=str)) == len(known) + 50
    version, report = loaders.import_files([path], demo_store, kinds="projects")
    assert report.ok, report.to_text()
    assert version is not None and version.counts["projects"] == len(known) + 50


def test_scale_data_command_prints_a_store_folder(tmp_path: Path) -> None:
    cache = tmp_path / "stores"
    result = _run(
        sys.executable,
        REPO / "scripts" / "scale_data.py",
        "0.1",
        "--cache-dir",
        cache,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    root = Path(result.stdout.strip())
    assert root.parent == cache and root.name.startswith("0.1x-")
    store = Store(root)
    info = store.current()
    assert info is not None and info.demo  # illustrative data, labelled as the demo is
    demo_associations = len(pd.read_csv(REPO / "data" / "demo" / "associations.csv"))
    assert info.counts["associations"] == round(demo_associations / 10)
    # A second run finds the same store instead of building it again.
    built = (root / "CURRENT").stat().st_mtime_ns
    again = _run(
        sys.executable,
        REPO / "scripts" / "scale_data.py",
        "0.1",
        "--cache-dir",
        cache,
        cwd=tmp_path,
    )
    assert Path(again.stdout.strip()) == root and (root / "CURRENT").stat().st_mtime_ns == built
    assert sorted(p.name for p in cache.iterdir()) == sorted(
        [root.name, f"1x-{scale_data.cache_key(1)}"]
    )


def test_a_profiled_rerun_names_the_functions_that_cost_most(tmp_path: Path) -> None:
    # What --profile PAGE does at each scale, on one page of a tiny store.
    store = scale_data.scaled_store(benchmark.TINY_SCALE, tmp_path / "stores")
    job = {
        "store": str(store.root),
        "sections": ["rerun"],
        "reps": 1,
        "filter_reps": 1,
        "pages": ["bridges"],
        "profile": "bridges",
    }
    result = _run(
        sys.executable, REPO / "scripts" / "benchmark.py", "--worker", json.dumps(job), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr[-5000:]
    line = next(x for x in result.stdout.splitlines() if x.startswith(benchmark.WORKER_MARK))
    measured = json.loads(line.removeprefix(benchmark.WORKER_MARK))
    assert list(measured["pages"]) == ["bridges"] and measured["pages"]["bridges"]["shell"]
    profile = measured["profile"]
    assert "top 30 by tottime" in profile and "top 30 by cumulative" in profile
    # The script's thread was profiled: the shell and the page are in it.
    assert "dashboard.py:1(<module>)" in profile and "pages/bridges.py:1(<module>)" in profile
