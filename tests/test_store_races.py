"""Writers racing and writers killed, with real processes (`python -m loaders`).

A killed import is simulated by PONTI_TEST_CRASH_AT=<step> (ponti.store.CRASH_ENV): the
writer calls os._exit at that step, as a SIGKILL would stop it (no clean-up, no finally). The
store must then still read its current version, never list or restore what the killed writer
left, report it in `versions` and remove it at the next import.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

import loaders
from ponti import schema
from ponti.store import (
    BECAME_CURRENT,
    CRASH_ENV,
    CRASH_EXIT_CODE,
    DATA_DIR_ENV,
    LOCK_TIMEOUT_ENV,
    ConflictError,
    Store,
    StoreError,
)

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
KINDS = ("associations", "projects", "twinnings", "residents", "calls")
STEPS = ("building", "built", "renamed", "switching", "switched")


def _cli(root: Path, *args: object, **env: str) -> subprocess.Popen[str]:
    """Start `python -m loaders ARGS` on the store at `root` (not waiting for it)."""
    environ = {k: v for k, v in os.environ.items() if k != CRASH_ENV}
    environ.update({DATA_DIR_ENV: str(root), **env})
    return subprocess.Popen(
        [sys.executable, "-m", "loaders", *(str(a) for a in args), "--lang", "en"],
        cwd=REPO,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(process: subprocess.Popen[str], timeout: float = 120) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout)
    assert "Traceback" not in err, err
    return process.returncode, out, err


def _files(folder: Path) -> dict[str, Path]:
    """The good fixtures, plus ASS-4: an association no project, partner or twinning names."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {kind: FIXTURES / f"{kind}.csv" for kind in KINDS}
    associations = (FIXTURES / "associations.csv").read_text(encoding="utf-8").splitlines()
    extra = associations[3].replace("ASS-3,", "ASS-4,", 1).replace(",AIL,", ",AIL4,", 1)
    files["associations"] = folder / "associations.csv"
    files["associations"].write_text("\n".join([*associations, extra]) + "\n", encoding="utf-8")
    return files


@pytest.fixture(scope="module")
def _base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # One version (v0001) of the fixtures with ASS-4, copied for each test.
    folder = tmp_path_factory.mktemp("race-base")
    files = _files(folder / "files")
    version, report = loaders.import_files(list(files.values()), Store(folder / "store"))
    assert version is not None, report.to_text()
    return folder / "store"


@pytest.fixture
def root(_base: Path, tmp_path: Path) -> Path:
    """A private store whose current version v0001 holds the fixtures and ASS-4."""
    target = tmp_path / "store"
    shutil.copytree(_base, target)
    return target


def _delete_ass4(folder: Path) -> Path:
    # Valid alone: ASS-4 is not named by any stored row.
    path = folder / "associations-delete-ass4.csv"
    path.write_text("association_id,Delete\nASS-4,yes\n", encoding="utf-8")
    return path


def _project_led_by_ass4(folder: Path) -> Path:
    # Valid alone: a new project led by ASS-4, which exists in v0001.
    lines = (FIXTURES / "projects.csv").read_text(encoding="utf-8").splitlines()
    row = lines[1].replace("PRJ-1,", "PRJ-9,", 1).replace(",ASS-1,ASS-2,", ",ASS-4,,", 1)
    path = folder / "projects-led-by-ass4.csv"
    path.write_text(f"{lines[0]}\n{row}\n", encoding="utf-8")
    return path


def _dangling(store: Store) -> list[str]:
    """Associations the current version's projects name but its associations lack."""
    known = set(store.read(schema.ASSOCIATIONS)[schema.A_ID])
    projects = store.read(schema.PROJECTS)
    named = set(projects[schema.P_LEAD])
    for partners in projects[schema.P_PARTNERS]:
        named |= set(partners)
    return sorted(named - known)


def _ids(store: Store) -> list[str]:
    return [v.version_id for v in store.versions()]


# -- racing writers ----------------------------------------------------------------------------
def test_each_file_is_valid_alone(root: Path, tmp_path: Path) -> None:
    # The race below means something only if neither import is refused on its own.
    for path in (_delete_ass4(tmp_path), _project_led_by_ass4(tmp_path)):
        plan = loaders.prepare_import([path], Store(root), mode="update")
        assert plan.ok, plan.report.to_text()


@pytest.mark.parametrize("round_", range(3))
def test_two_imports_valid_alone_racing_never_leave_a_dangling_reference(
    root: Path, tmp_path: Path, round_: int
) -> None:
    deleting = _cli(root, "import", _delete_ass4(tmp_path), "--mode", "update")
    adding = _cli(root, "import", _project_led_by_ass4(tmp_path), "--mode", "update")
    (code_a, out_a, _), (code_b, out_b, _) = _finish(deleting), _finish(adding)
    store = Store(root)
    assert _dangling(store) == []
    # They ran one after the other: the second was checked against the first's version
    # and refused, naming why.
    assert sorted((code_a, code_b)) == [0, 1], (out_a, out_b)
    assert _ids(store) == ["v0001", "v0002"]
    refused = out_a if code_a else out_b
    assert "ASS-4" in refused
    assert ("unknown-reference" if code_b else "deleted-reference") in refused or (
        "ASS-4" in refused
    )
    assert store.leftovers() == []


def test_an_import_is_validated_against_the_version_it_replaces_under_the_lock(
    root: Path, tmp_path: Path
) -> None:
    store = Store(root)
    with store.locked():
        # A project led by ASS-4 starts importing while another writer holds the lock...
        adding = _cli(root, "import", _project_led_by_ass4(tmp_path), "--mode", "update")
        time.sleep(3)
        assert adding.poll() is None, "the import must wait for the writer holding the lock"
        # ... which deletes ASS-4 (valid: nothing names it yet) and releases the lock.
        version, report = loaders.import_files([_delete_ass4(tmp_path)], store, mode="update")
        assert version is not None, report.to_text()
    code, out, _ = _finish(adding)
    # The waiting import read v0002, not the v0001 it started on: refused, not dangling.
    assert code == 1
    assert "ASS-4" in out and "Nothing was imported" in out
    assert _ids(store) == ["v0001", "v0002"] and _dangling(store) == []


def test_a_writer_that_waits_too_long_for_the_lock_gives_up_writing_nothing(
    root: Path, tmp_path: Path
) -> None:
    store = Store(root)
    with store.locked():
        waiting = _cli(
            root, "import", _delete_ass4(tmp_path), "--mode", "update", **{LOCK_TIMEOUT_ENV: "1"}
        )
        code, _, err = _finish(waiting)
    assert code == 1
    assert "another import has held the store" in err and "Nothing was imported" in err
    assert _ids(store) == ["v0001"]


def test_a_stale_preview_is_refused_when_another_import_landed(root: Path, tmp_path: Path) -> None:
    # The Data page's path: preview now, commit later; the commit checks under the lock.
    store = Store(root)
    plan = loaders.prepare_import([_project_led_by_ass4(tmp_path)], store, mode="update")
    loaders.import_files([_delete_ass4(tmp_path)], store, mode="update")
    with pytest.raises(ConflictError):
        loaders.commit_import(plan, store)
    assert _dangling(store) == [] and _ids(store) == ["v0001", "v0002"]


def test_three_seeds_at_once_make_one_demo_version(tmp_path: Path) -> None:
    root = tmp_path / "store"
    seeds = [_cli(root, "seed-demo") for _ in range(3)]
    results = [_finish(seed) for seed in seeds]
    assert [code for code, _, _ in results] == [0, 0, 0], results
    store = Store(root)
    assert _ids(store) == ["v0001"] and store.versions()[0].demo
    said = sorted(out.split(" ", 1)[0] for _, out, _ in results)
    assert said == ["Demo", "The", "The"], results  # one seeded, two found data


# -- killed writers ----------------------------------------------------------------------------
def _killed_imports(root: Path, steps: Sequence[str], tmp_path: Path) -> dict[str, Path]:
    """For each step, a copy of the store in which an import was killed at that step."""
    stores = {step: tmp_path / f"killed-{step}" for step in steps}
    source = _delete_ass4(tmp_path)
    runs = {}
    for step, copy in stores.items():
        shutil.copytree(root, copy)
        runs[step] = _cli(copy, "import", source, "--mode", "update", **{CRASH_ENV: step})
    for step, process in runs.items():
        code, _, _ = _finish(process)
        assert code == CRASH_EXIT_CODE, f"the import was not killed at {step!r}"
    return stores


def test_an_import_killed_at_any_step_leaves_a_readable_store_and_its_leftovers_are_cleaned(
    root: Path, tmp_path: Path
) -> None:
    stores = _killed_imports(root, STEPS, tmp_path)
    for step, copy in stores.items():
        store = Store(copy)
        switched = step == "switched"
        # Readers see the old version whole, or (killed after the switch) the new one whole.
        assert store.current_id() == ("v0002" if switched else "v0001"), step
        ass4 = "ASS-4" in set(store.read(schema.ASSOCIATIONS)[schema.A_ID])
        assert ass4 is not switched, step
        # What never became current is never listed as a version, nor restorable.
        assert _ids(store) == (["v0001", "v0002"] if switched else ["v0001"]), step
        leftovers = {(item.name.split("-")[0], item.what) for item in store.leftovers()}
        expected = {
            "building": {(".v0002", "temporary")},
            "built": {(".v0002", "temporary")},
            "renamed": {("v0002", "never-current")},
            "switching": {("v0002", "never-current"), (".CURRENT", "pointer")},
            "switched": set(),
        }[step]
        assert leftovers == expected, step
        if step in ("renamed", "switching"):
            with pytest.raises(StoreError, match="never became current"):
                store.rollback("v0002")
    # `versions` reports what it ignores; the next import removes it and gets a fresh id.
    code, out, err = _finish(_cli(stores["switching"], "versions"))
    assert code == 0 and "v0002" not in out and "*  v0001" in out
    assert "Ignored 2 leftovers" in err and "v0002 (never became current)" in err
    project = _project_led_by_ass4(tmp_path)
    for step, copy in stores.items():
        code, out, _ = _finish(_cli(copy, "import", project, "--mode", "update"))
        store = Store(copy)
        assert store.leftovers() == [], step
        assert not [p for p in copy.iterdir() if p.name.startswith(".CURRENT")], step
        if step == "switched":
            # ASS-4 was deleted by the killed (but completed) import: refused, not dangling.
            assert code == 1 and _ids(store) == ["v0001", "v0002"], step
            # Listed as the current version; the next writer under the lock marks it too.
            assert store.clean_leftovers() == []
            assert (copy / "versions" / "v0002" / BECAME_CURRENT).is_file()
        else:
            assert code == 0, (step, out)
            new = store.current_id()
            # An id a killed writer had put in place is not used again.
            assert new == ("v0003" if step in ("renamed", "switching") else "v0002"), step
            assert _ids(store) == ["v0001", new], step
        assert _dangling(store) == [], step


def test_versions_clean_removes_the_leftovers_now(root: Path, tmp_path: Path) -> None:
    copy = _killed_imports(root, ("renamed",), tmp_path)["renamed"]
    code, out, err = _finish(_cli(copy, "versions", "--clean"))
    assert code == 0 and "Removed 1 leftovers" in out and "v0002 (never" in out
    assert err == "" and Store(copy).leftovers() == []
    assert _ids(Store(copy)) == ["v0001"]


def test_a_version_that_became_current_before_the_mark_existed_stays_listed(
    root: Path, tmp_path: Path
) -> None:
    # Stores written before became-current: the current version and its ancestors count.
    store = Store(root)
    loaders.import_files([_delete_ass4(tmp_path)], store, mode="update")
    for vid in ("v0001", "v0002"):
        (root / "versions" / vid / BECAME_CURRENT).unlink()
    assert _ids(Store(root)) == ["v0001", "v0002"] and Store(root).leftovers() == []
