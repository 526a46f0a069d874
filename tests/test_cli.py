"""`python -m loaders` as a person runs it: real subprocesses on a temporary store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import loaders
from ponti.store import DATA_DIR_ENV

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOOD = [FIXTURES / f"{kind}.csv" for kind in ("associations", "projects", "twinnings", "residents")]


def run(store: Path, *args: object) -> subprocess.CompletedProcess[str]:
    """Run the command line with the store at `store`; output captured as text."""
    env = {**os.environ, DATA_DIR_ENV: str(store), "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-m", "loaders", *map(str, args)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """An empty store folder."""
    return tmp_path / "store"


def test_validate_bad_file_names_row_column_and_fix(store: Path) -> None:
    result = run(store, "validate", FIXTURES / "projects-bad-amount.csv")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == "projects-bad-amount.csv: 1 error, 1 warning"
    assert (
        "projects-bad-amount.csv row 5, column 'Importo richiesto': '12,3,4' is not a number. "
        "Fix: Write amounts like 12.500,00 or 12500.00" in result.stdout
    )
    assert "Fix the errors above" in result.stdout


def test_validate_in_italian(store: Path) -> None:
    result = run(store, "validate", FIXTURES / "projects-bad-amount.csv", "--lang", "it")
    assert result.returncode == 1
    assert (
        "projects-bad-amount.csv riga 5, colonna 'Importo richiesto': '12,3,4' non è un "
        "numero. Come correggere: Scrivi gli importi" in result.stdout
    )


def test_validate_json(store: Path) -> None:
    result = run(store, "validate", FIXTURES / "projects-bad-amount.csv", "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert [
        (i["code"], i["row"], i["field"]) for i in data["issues"] if i["severity"] == "error"
    ] == [("bad-number", 5, "Importo richiesto")]


@pytest.mark.parametrize("demo", loaders.demo_files(), ids=lambda p: p.name)
def test_validate_each_demo_file(store: Path, demo: Path) -> None:
    result = run(store, "validate", demo)
    assert result.returncode == 0, result.stdout


def test_validate_the_demo_together_is_spotless(store: Path) -> None:
    result = run(store, "validate", *loaders.demo_files())
    assert result.returncode == 0, result.stdout
    assert "no problems found" in result.stdout.splitlines()[-3]


def test_validate_warnings_exit_zero(store: Path) -> None:
    result = run(store, "validate", FIXTURES / "associations-unknown-territory.csv")
    assert result.returncode == 0
    assert "'Dakkar' was not found" in result.stdout


def test_kind_option_overrides_the_file_name(store: Path, tmp_path: Path) -> None:
    misnamed = tmp_path / "progetti.csv"
    misnamed.write_bytes((FIXTURES / "associations.csv").read_bytes())
    assert run(store, "validate", misnamed).returncode == 1  # read as projects
    assert run(store, "validate", misnamed, "--kind", "associazioni").returncode == 0


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("missing.csv", "was not found"),
        ("", "is a folder"),
        ("empty.csv", "The file is empty"),
        ("header-only.csv", "no data rows"),
    ],
)
def test_validate_bad_input_is_a_clean_message(store: Path, target: str, words: str) -> None:
    path = FIXTURES / target if target else FIXTURES
    result = run(store, "validate", path)
    assert result.returncode == 1
    assert words in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["validate"],
        ["validate", "x.csv", "--kind", "pizze"],
        ["frobnicate"],
        ["validate", "x.csv", "--lang", "fr"],
    ],
)
def test_usage_errors_exit_two(store: Path, args: list[str]) -> None:
    result = run(store, *args)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_import_with_an_error_changes_nothing(store: Path) -> None:
    assert "No versions yet" in run(store, "versions").stdout
    result = run(store, "import", *GOOD[:1], FIXTURES / "projects-bad-amount.csv")
    assert result.returncode == 1
    assert "Nothing was imported; the current version is unchanged." in result.stdout
    assert "No versions yet" in run(store, "versions").stdout


def test_import_then_versions_then_rollback(store: Path) -> None:
    first = run(store, "import", *GOOD, "--note", "first import")
    assert first.returncode == 0, first.stdout
    assert "Imported version v0001: 3 associations, 3 projects, 2 twinnings, 3 residents." in (
        first.stdout
    )
    refused = run(store, "import", FIXTURES / "projects-unknown-lead.csv")
    assert refused.returncode == 1
    assert "'ASS-99' is not the id of an association" in refused.stdout
    second = run(store, "import", FIXTURES / "projects-italian-headers.csv", "--note", "fix")
    assert second.returncode == 0, second.stdout

    listing = run(store, "versions").stdout.splitlines()
    assert len(listing) == 3  # header and two versions: the refused import left no trace
    assert listing[1].split()[0] == "v0001" and "first import" in listing[1]
    assert listing[2].startswith("*") and "v0002" in listing[2] and "fix" in listing[2]

    back = run(store, "rollback", "v0001")
    assert back.returncode == 0 and "v0001 is now current" in back.stdout
    listing = run(store, "versions").stdout.splitlines()
    assert listing[1].startswith("*") and not listing[2].startswith("*")


def test_rollback_to_an_unknown_version(store: Path) -> None:
    run(store, "import", *GOOD)
    result = run(store, "rollback", "v0042")
    assert result.returncode == 1
    assert "v0042" in result.stderr


def test_seed_demo(store: Path) -> None:
    result = run(store, "seed-demo")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("Demo data imported as version v0001")
    again = run(store, "seed-demo")
    assert again.returncode == 0 and "already has data" in again.stdout
    listing = run(store, "versions").stdout
    assert "demo" in listing and listing.count("v000") == 1
