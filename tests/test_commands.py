"""Every command the README shows runs as shown, and none is shown without something running it.

Commands run as a person types them: a subprocess of the venv's Python, from a folder that is
not the checkout (so they work because Ponti is installed, not because of the working
directory). Benchmark figures are printed, never asserted.
"""

from __future__ import annotations

import ast
import os
import re
import shlex
import struct
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from ponti.store import DATA_DIR_ENV, Store
from scripts import build_reference
from scripts.serving import answers, free_port

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Each command line of the README's ```bash blocks (comments dropped, spaces collapsed) and what
# runs it: "tests/<file>.py::<test>" (that test must exist), or "scripts/test.sh" when that
# script runs exactly this command. A command missing here fails test_every_readme_command_...
COMMANDS: dict[str, str] = {
    # Quick start
    "bash scripts/run.sh": "tests/test_commands.py::test_run_script_serves_ponti",
    # The suite itself cannot run from inside the suite: .ci/run runs it, which this checks.
    "bash scripts/test.sh": "tests/test_docs.py::test_the_two_commands_exist",
    # Checking and importing files
    ".venv/bin/python -m loaders validate data/demo/projects.csv": (
        "tests/test_cli.py::test_validate_each_demo_file"
    ),
    ".venv/bin/python -m loaders validate my-projects.xlsx --kind projects --lang en --json": (
        "tests/test_cli.py::test_kind_option_overrides_the_file_name"
    ),
    ".venv/bin/python -m loaders template projects --format xlsx --out modello-progetti.xlsx": (
        "tests/test_cli.py::test_template_commands_write_files_that_validate"
    ),
    '.venv/bin/python -m loaders import associazioni.csv progetti.csv --note "Censimento 2026" '
    '--author "Maria Rossi"': "tests/test_cli.py::test_update_import_records_note_and_author",
    ".venv/bin/python -m loaders import correzioni.csv --mode update --dry-run": (
        "tests/test_cli.py::test_update_dry_run_previews_and_writes_nothing"
    ),
    '.venv/bin/python -m loaders import correzioni.csv --mode update --note "Correzioni" '
    '--author "Maria Rossi"': "tests/test_cli.py::test_update_import_records_note_and_author",
    ".venv/bin/python -m loaders versions": (
        "tests/test_cli.py::test_import_then_versions_then_rollback"
    ),
    ".venv/bin/python -m loaders history": (
        "tests/test_cli.py::test_update_import_records_note_and_author"
    ),
    ".venv/bin/python -m loaders diff v0001 v0003": "tests/test_cli.py::test_diff_between_versions",
    ".venv/bin/python -m loaders sources v0002 --out originali": (
        "tests/test_cli.py::test_sources_writes_the_original_files"
    ),
    '.venv/bin/python -m loaders rollback v0002 --author "Maria Rossi"': (
        "tests/test_cli.py::test_import_then_versions_then_rollback"
    ),
    ".venv/bin/python -m loaders quality": "tests/test_cli.py::test_quality_of_the_demo",
    ".venv/bin/python -m loaders versions --clean": (
        "tests/test_store_races.py::test_versions_clean_removes_the_leftovers_now"
    ),
    # The store: copying every version into PostgreSQL (and back), both ways tested
    ".venv/bin/python -m loaders copy-store --from var/store "
    "--to postgresql://ponti:PASSWORD@localhost:5432/ponti": (
        "tests/test_store_pg.py::test_copy_folder_to_postgresql_and_back_keeps_every_version_whole"
    ),
    # IATI activity files
    ".venv/bin/python -m loaders validate aics-2026.xml --lang en": (
        "tests/test_iati.py::test_the_command_line_validates_and_imports_an_iati_file"
    ),
    ".venv/bin/python -m loaders import aics-2026.xml --mode update --note 'AICS, novembre 2026'": (
        "tests/test_iati.py::test_the_command_line_validates_and_imports_an_iati_file"
    ),
    ".venv/bin/python -m loaders import aics-2026.xml --mode update --iati-unmatched skip": (
        "tests/test_iati.py::test_unmatched_activities_can_be_skipped_and_the_others_imported"
    ),
    # Deployment: a static copy of the public views; several replicas behind HAProxy
    ".venv/bin/python -m ponti publish site/ --ponti-url https://ponti.example.org "
    "--address 'view=map' --address 'view=map&origin=SEN' --address 'view=city&code=035033'": (
        "tests/test_publish_browser.py::"
        "test_every_published_view_is_drawn_offline_with_the_embeds_figures"
    ),
    "PONTI_LB_BIND=0.0.0.0:8080 PONTI_REPLICA_A=10.0.0.11:8501 PONTI_REPLICA_B=10.0.0.12:8501 "
    "haproxy -f deploy/haproxy.cfg": (
        "tests/test_replicas_browser.py::test_two_replicas_behind_haproxy_share_each_new_version"
    ),
    # ... and the replicas on one PostgreSQL store (the test's postgresql case serves them so)
    "PONTI_DATABASE_URL=postgresql://ponti:PASSWORD@10.0.0.5:5432/ponti .venv/bin/python -m "
    "streamlit run serve.py --server.port 8501 --server.address 0.0.0.0": (
        "tests/test_replicas_browser.py::test_two_replicas_behind_haproxy_share_each_new_version"
    ),
    # Two replicas versus one process: the tiny benchmark runs the same code (its `replicas`)
    ".venv/bin/python scripts/replicas_speed.py --sessions 20 50 --seconds 30 --repeat 3": (
        "tests/test_benchmark.py::test_tiny_benchmark_prints_every_section_and_writes_its_json"
    ),
    ".venv/bin/python -m loaders seed-demo": "tests/test_cli.py::test_seed_demo",
    # Development
    ".venv/bin/python -m ruff check .": "scripts/test.sh",
    ".venv/bin/python -m ruff format .": "scripts/test.sh",  # test.sh: the same, --check
    ".venv/bin/python -m mypy": "scripts/test.sh",
    ".venv/bin/python scripts/benchmark.py --tiny": (
        "tests/test_benchmark.py::test_tiny_benchmark_prints_every_section_and_writes_its_json"
    ),
    # The full run takes most of an hour: the tiny run goes through the same code, smaller.
    ".venv/bin/python scripts/benchmark.py": (
        "tests/test_benchmark.py::test_tiny_benchmark_prints_every_section_and_writes_its_json"
    ),
    ".venv/bin/python scripts/benchmark.py rerun --scales 100 "
    "--pages twinnings --profile twinnings": (
        "tests/test_benchmark.py::test_a_profiled_rerun_names_the_functions_that_cost_most"
    ),
    # A 10x store is built the same way as the tiny run's tenth.
    ".venv/bin/python scripts/scale_data.py 10": (
        "tests/test_benchmark.py::test_scale_data_command_prints_a_store_folder"
    ),
    ".venv/bin/python scripts/screenshot.py": (
        "tests/test_commands.py::test_screenshot_writes_a_png_of_every_page"
    ),
    ".venv/bin/python scripts/make_demo.py": (
        "tests/test_demo_data.py::test_generator_rewrites_the_shipped_files_byte_for_byte"
    ),
    ".venv/bin/python scripts/build_reference.py --dry-run": (
        "tests/test_commands.py::test_build_reference_dry_run_passes_on_the_shipped_files"
    ),
    # The build packages are not installed for the tests; the dry run checks the build's output.
    ".venv/bin/pip install -r requirements-build.txt && "
    ".venv/bin/python scripts/build_reference.py": (
        "tests/test_commands.py::test_build_reference_dry_run_passes_on_the_shipped_files"
    ),
    # pre-commit is optional and not installed: its config is checked to download nothing.
    "pre-commit install": "tests/test_commands.py::test_git_hooks_are_local_and_download_nothing",
}


def run(
    *args: object, cwd: Path, env: dict[str, str] | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """Run a command, output captured as text; a traceback is always a failure."""
    result = subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


# -- the README's commands ------------------------------------------------------------------------
def _command(line: str) -> str | None:
    """A shell line as one canonical string (comment dropped, spaces and quotes evened out)."""
    words = shlex.split(line, comments=True)
    return shlex.join(words) if words else None


def readme_commands(readme: str = README) -> list[str]:
    """Every command line of the README's ```bash blocks, in canonical form."""
    commands = []
    for block in re.findall(r"^```bash\n(.*?)^```", readme, flags=re.MULTILINE | re.DOTALL):
        for line in block.replace("\\\n", " ").splitlines():
            command = _command(line)
            if command:
                commands.append(command)
    return commands


def _test_exists(node: str) -> bool:
    path, name = node.split("::")
    tree = ast.parse((REPO / path).read_text(encoding="utf-8"))
    return any(isinstance(item, ast.FunctionDef) and item.name == name for item in ast.walk(tree))


COVERED = {_command(command): runner for command, runner in COMMANDS.items()}


def uncovered(commands: list[str]) -> list[str]:
    """The commands that COMMANDS does not map to what runs them."""
    return [command for command in commands if command not in COVERED]


def test_every_readme_command_is_run_by_a_known_test() -> None:
    commands = readme_commands()
    assert len(commands) >= 10, "the README's bash blocks were not found"
    missing = uncovered(commands)
    assert not missing, (
        f"README commands that no test runs (add a test and a COMMANDS entry): {missing}"
    )
    stale = sorted(set(COVERED) - set(commands))
    assert not stale, f"COMMANDS lists commands the README no longer shows: {stale}"
    test_script = (REPO / "scripts" / "test.sh").read_text(encoding="utf-8")
    for command in commands:
        runner = COVERED[command]
        if runner == "scripts/test.sh":
            tool = command.removeprefix(".venv/bin/python ").replace("format .", "format --check .")
            assert tool in test_script, f"scripts/test.sh does not run {command!r}"
        else:
            assert _test_exists(runner), f"{runner} (for {command!r}) does not exist"


def test_the_command_finder_drops_comments_and_keeps_quoted_words() -> None:
    assert _command('loaders import a.csv  --note "Censimento 2026"  # new version') == (
        "loaders import a.csv --note 'Censimento 2026'"
    )
    assert _command("   # only a comment") is None
    assert "bash scripts/run.sh" in readme_commands()


def test_a_new_readme_command_without_a_test_is_caught() -> None:
    readme = README + "\n```bash\n.venv/bin/python scripts/new_tool.py --all  # new\n```\n"
    assert uncovered(readme_commands(readme)) == [".venv/bin/python scripts/new_tool.py --all"]


# -- installed, importable from anywhere ---------------------------------------------------------
def test_the_packages_import_from_any_folder(tmp_path: Path) -> None:
    # -I: no working directory, PYTHONPATH or user site on sys.path; only what is installed.
    result = run(
        sys.executable,
        "-I",
        "-c",
        "import ponti, loaders, scripts.benchmark; print(ponti.__file__, loaders.__file__)",
        cwd=tmp_path,
    )
    assert result.returncode == 0, "run scripts/test.sh: it installs Ponti\n" + result.stderr
    assert result.stdout.split() == [
        str(REPO / "ponti" / "__init__.py"),
        str(REPO / "loaders" / "__init__.py"),
    ]


def test_loaders_help(tmp_path: Path) -> None:
    result = run(sys.executable, "-m", "loaders", "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: python -m loaders")
    for command in (
        "validate",
        "import",
        "versions",
        "history",
        "diff",
        "template",
        "rollback",
        "sources",
        "quality",
        "seed-demo",
    ):
        assert command in result.stdout


# -- screenshots ----------------------------------------------------------------------------------
def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == PNG_SIGNATURE, f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


@pytest.mark.browser
@pytest.mark.slow  # a server, a browser and a page drawn at two widths in software
def test_screenshot_writes_a_png_of_every_page(
    serve: Callable[[Path], Any], fresh_store: Store, chromium_path: str, tmp_path: Path
) -> None:
    from scripts import screenshot

    out = tmp_path / "shots"
    env = {**os.environ, "PONTI_CHROMIUM": chromium_path}
    with serve(fresh_store.root) as url:
        result = run(
            sys.executable,
            REPO / "scripts" / "screenshot.py",
            url,
            "--out",
            out,
            "--settle",
            "0.5",
            "--pages",  # one page is enough to show the script works: the four take a minute
            "overview",
            cwd=tmp_path,
            env=env,
            timeout=600,
        )
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(screenshot.file_names(["overview"]))
    for name in ["overview"]:
        assert _png_size(out / f"{name}-1440.png") == (1440, 900)  # the desktop's first screen
        width, height = _png_size(out / f"{name}-390.png")
        assert width == 390 and height > 844  # the phone's whole page, longer than a screen


# -- reference data -------------------------------------------------------------------------------
def test_build_reference_dry_run_passes_on_the_shipped_files(tmp_path: Path) -> None:
    shipped = sorted((REPO / "data" / "reference").iterdir())
    before = {path: path.stat().st_mtime_ns for path in shipped}
    result = run(sys.executable, REPO / "scripts" / "build_reference.py", "--dry-run", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Outputs pass the build's checks." in result.stdout
    for name in build_reference.OUTPUT_COLUMNS:
        assert re.search(rf"^  {re.escape(name)} +\d+ rows", result.stdout, flags=re.MULTILINE)
    for package in build_reference.build_pins():
        assert package in result.stdout
    assert {path: path.stat().st_mtime_ns for path in shipped} == before, "a dry run wrote"


@pytest.fixture(scope="module")
def reference_tables() -> dict[str, pd.DataFrame]:
    tables, problems = build_reference.read_outputs(build_reference.OUT_DIR)
    assert problems == []
    return tables


def _without_first_row(name: str) -> Callable[[dict[str, pd.DataFrame]], None]:
    def damage(tables: dict[str, pd.DataFrame]) -> None:
        tables[name] = tables[name].iloc[1:]

    return damage


def _renamed_column(name: str, column: str) -> Callable[[dict[str, pd.DataFrame]], None]:
    def damage(tables: dict[str, pd.DataFrame]) -> None:
        tables[name] = tables[name].rename(columns={column: column + "_x"})

    return damage


def _suppressed_code_still_listed(tables: dict[str, pd.DataFrame]) -> None:
    changes = tables["municipality_changes.csv"].copy()
    changes.loc[changes["change"] == "merged", "code"] = "001272"  # Torino is no suppressed code
    tables["municipality_changes.csv"] = changes


DAMAGE = [
    (_without_first_row("sdgs.csv"), "sdgs.csv goals"),
    (_without_first_row("sdg_targets.csv"), "sdg_targets.csv rows"),
    (_without_first_row("world.parquet"), "world.parquet countries"),
    (_without_first_row("regions.parquet"), "regions.parquet rows"),
    (_without_first_row("provinces.parquet"), "provinces.parquet rows"),
    (_renamed_column("countries.csv", "iso2"), "countries.csv columns"),
    (_renamed_column("territories.parquet", "lat"), "territories.parquet columns"),
    (
        _suppressed_code_still_listed,
        "municipality_changes.csv suppressed codes still in municipalities.parquet",
    ),
]


@pytest.mark.parametrize(("damage", "problem"), DAMAGE, ids=[problem for _, problem in DAMAGE])
def test_the_reference_checks_catch_damage(
    reference_tables: dict[str, pd.DataFrame],
    damage: Callable[[dict[str, pd.DataFrame]], None],
    problem: str,
) -> None:
    tables = dict(reference_tables)
    assert build_reference.check_outputs(tables) == []
    damage(tables)
    found = build_reference.check_outputs(tables)
    assert any(line.startswith(problem) for line in found), found


def test_a_missing_reference_file_is_a_problem(tmp_path: Path) -> None:
    tables, problems = build_reference.read_outputs(tmp_path)
    assert tables == {}
    assert problems == [f"{name}: missing" for name in build_reference.OUTPUT_COLUMNS]


# -- run.sh ---------------------------------------------------------------------------------------
@pytest.mark.slow  # checks .venv against requirements.txt with pip, then starts Streamlit
def test_run_script_serves_ponti(fresh_store: Store, tmp_path: Path) -> None:
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY")  # no desktop: no browser tab opened
    }
    env[DATA_DIR_ENV] = str(fresh_store.root)
    log = tmp_path / "run.log"
    with open(log, "w") as output:
        process = subprocess.Popen(
            [
                "bash",
                str(REPO / "scripts" / "run.sh"),
                *("--server.port", str(port), "--server.address", "127.0.0.1"),
                *("--server.headless", "true"),
            ],
            cwd=tmp_path,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 180
            while not answers(f"http://127.0.0.1:{port}"):
                assert process.poll() is None, log.read_text()
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.5)
        finally:
            process.terminate()
            process.wait(timeout=20)
    assert "Ponti: http://localhost:8501" in log.read_text()


# -- git hooks ------------------------------------------------------------------------------------
def test_git_hooks_are_local_and_download_nothing() -> None:
    config = (REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    settings = [
        line.strip().split(":", 1)
        for line in config.splitlines()
        if ":" in line and not line.lstrip().startswith("#")
    ]
    repos = [value.strip() for key, value in settings if key.lstrip("- ") == "repo"]
    languages = [value.strip() for key, value in settings if key == "language"]
    entries = [value.strip() for key, value in settings if key == "entry"]
    assert repos == ["local"]
    assert languages == ["system"] * len(entries)
    assert [entry.split()[:3] for entry in entries] == [
        [".venv/bin/python", "-m", "ruff"],
        [".venv/bin/python", "-m", "ruff"],
        [".venv/bin/python", "-m", "mypy"],
    ]
    # The hooks run what scripts/test.sh runs.
    test_script = (REPO / "scripts" / "test.sh").read_text(encoding="utf-8")
    for entry in entries:
        tool = entry.removeprefix(".venv/bin/python ").replace(" --force-exclude", "")
        assert tool in test_script, entry
