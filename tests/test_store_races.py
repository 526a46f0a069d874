"""Writers racing and writers killed, with real processes (`python -m loaders`).

A killed import is simulated by PONTI_TEST_CRASH_AT=<step> (ponti.store.CRASH_ENV): the
writer calls os._exit at that step, as a SIGKILL would stop it (no clean-up, no finally). The
store must then still read its current version, never list or restore what the killed writer
left, report it in `versions` and remove it at the next import.

The races and the lock run on both backends (the folder store and PostgreSQL, through the
`store` fixture); killed writers too, each backend with its own steps (PostgreSQL's writer
dies inside its transaction, or after it: it leaves nothing either way).
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
    LOCK_TIMEOUT_ENV,
    ConflictError,
    Store,
    StoreError,
    VersionStore,
)
from ponti.store_pg import PgStore
from tests.conftest import STORE_BACKENDS, PgServer, store_env

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
KINDS = ("associations", "projects", "twinnings", "residents", "calls")
STEPS = ("building", "built", "renamed", "switching", "switched")
# PostgreSQL's writer: rows inserted, current switched (both uncommitted), committed.
PG_STEPS = ("building", "switching", "switched")


def _cli(store: VersionStore, *args: object, **env: str) -> subprocess.Popen[str]:
    """Start `python -m loaders ARGS` on `store` (not waiting for it)."""
    environ = {k: v for k, v in os.environ.items() if k != CRASH_ENV}
    environ.update({**store_env(store), **env})
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


@pytest.fixture(scope="module", params=STORE_BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Each store backend in turn, for a module's worth of tests."""
    return str(request.param)


def _new_store(backend: str, folder: Path, request: pytest.FixtureRequest) -> VersionStore:
    """An empty store of a backend (`folder` for the folder store)."""
    if backend == "folder":
        return Store(folder)
    server: PgServer = request.getfixturevalue("pg_server")
    return PgStore(server.new_database())


def _make_base(
    backend: str, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> VersionStore:
    # One version (v0001) of the fixtures with ASS-4, copied for each test.
    folder = tmp_path_factory.mktemp("race-base")
    files = _files(folder / "files")
    store = _new_store(backend, folder / "store", request)
    version, report = loaders.import_files(list(files.values()), store)
    assert version is not None, report.to_text()
    store.close()  # a database copied as a template must have no one connected
    return store


@pytest.fixture(scope="module")
def _base(
    backend: str, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> VersionStore:
    return _make_base(backend, tmp_path_factory, request)


@pytest.fixture(scope="module")
def _folder_base(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> VersionStore:
    return _make_base("folder", tmp_path_factory, request)


@pytest.fixture(scope="module")
def _pg_base(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> VersionStore:
    return _make_base("postgresql", tmp_path_factory, request)


def _copy(base: VersionStore, folder: Path, request: pytest.FixtureRequest) -> VersionStore:
    """A private copy of a store: the folder copied, or a database made from it."""
    if isinstance(base, Store):
        shutil.copytree(base.root, folder)
        return Store(folder)
    server: PgServer = request.getfixturevalue("pg_server")
    assert isinstance(base, PgStore)
    base.close()
    return PgStore(server.new_database(template=base.location.rsplit("/", 1)[-1]))


@pytest.fixture
def store(_base: VersionStore, tmp_path: Path, request: pytest.FixtureRequest) -> VersionStore:
    """A private store whose current version v0001 holds the fixtures and ASS-4."""
    return _copy(_base, tmp_path / "store", request)


@pytest.fixture
def root(_folder_base: VersionStore, tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """The folder of a private folder store (v0001 as `store`), for the folder's own tests."""
    copy = _copy(_folder_base, tmp_path / "store", request)
    assert isinstance(copy, Store)
    return copy.root


@pytest.fixture
def pg_store(_pg_base: VersionStore, request: pytest.FixtureRequest) -> VersionStore:
    """A private PostgreSQL store (v0001 as `store`)."""
    return _copy(_pg_base, Path(), request)


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


def _dangling(store: VersionStore) -> list[str]:
    """Associations the current version's projects name but its associations lack."""
    known = set(store.read(schema.ASSOCIATIONS)[schema.A_ID])
    projects = store.read(schema.PROJECTS)
    named = set(projects[schema.P_LEAD])
    for partners in projects[schema.P_PARTNERS]:
        named |= set(partners)
    return sorted(named - known)


def _ids(store: VersionStore) -> list[str]:
    return [v.version_id for v in store.versions()]


# -- racing writers ----------------------------------------------------------------------------
def test_each_file_is_valid_alone(store: VersionStore, tmp_path: Path) -> None:
    # The race below means something only if neither import is refused on its own.
    for path in (_delete_ass4(tmp_path), _project_led_by_ass4(tmp_path)):
        plan = loaders.prepare_import([path], store, mode="update")
        assert plan.ok, plan.report.to_text()


@pytest.mark.parametrize("round_", range(3))
def test_two_imports_valid_alone_racing_never_leave_a_dangling_reference(
    store: VersionStore, tmp_path: Path, round_: int
) -> None:
    deleting = _cli(store, "import", _delete_ass4(tmp_path), "--mode", "update")
    adding = _cli(store, "import", _project_led_by_ass4(tmp_path), "--mode", "update")
    (code_a, out_a, _), (code_b, out_b, _) = _finish(deleting), _finish(adding)
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
    store: VersionStore, tmp_path: Path
) -> None:
    with store.locked():
        # A project led by ASS-4 starts importing while another writer holds the lock...
        adding = _cli(store, "import", _project_led_by_ass4(tmp_path), "--mode", "update")
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
    store: VersionStore, tmp_path: Path
) -> None:
    with store.locked():
        waiting = _cli(
            store, "import", _delete_ass4(tmp_path), "--mode", "update", **{LOCK_TIMEOUT_ENV: "1"}
        )
        code, _, err = _finish(waiting)
    assert code == 1
    assert "another import has held the store" in err and "Nothing was imported" in err
    assert _ids(store) == ["v0001"]


def test_a_stale_preview_is_refused_when_another_import_landed(
    store: VersionStore, tmp_path: Path
) -> None:
    # The Data page's path: preview now, commit later; the commit checks under the lock.
    plan = loaders.prepare_import([_project_led_by_ass4(tmp_path)], store, mode="update")
    loaders.import_files([_delete_ass4(tmp_path)], store, mode="update")
    with pytest.raises(ConflictError):
        loaders.commit_import(plan, store)
    assert _dangling(store) == [] and _ids(store) == ["v0001", "v0002"]


def test_three_seeds_at_once_make_one_demo_version(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    # On PostgreSQL the three also race to create the store's schema in an empty database.
    store = _new_store(backend, tmp_path / "store", request)
    seeds = [_cli(store, "seed-demo") for _ in range(3)]
    results = [_finish(seed) for seed in seeds]
    assert [code for code, _, _ in results] == [0, 0, 0], results
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
        runs[step] = _cli(Store(copy), "import", source, "--mode", "update", **{CRASH_ENV: step})
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
    code, out, err = _finish(_cli(Store(stores["switching"]), "versions"))
    assert code == 0 and "v0002" not in out and "*  v0001" in out
    assert "Ignored 2 leftovers" in err and "v0002 (never became current)" in err
    project = _project_led_by_ass4(tmp_path)
    for step, copy in stores.items():
        code, out, _ = _finish(_cli(Store(copy), "import", project, "--mode", "update"))
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
    code, out, err = _finish(_cli(Store(copy), "versions", "--clean"))
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


@pytest.mark.parametrize("step", PG_STEPS)
def test_a_postgresql_import_killed_at_any_step_leaves_nothing_half_written(
    pg_store: VersionStore, tmp_path: Path, step: str
) -> None:
    killed = _cli(
        pg_store, "import", _delete_ass4(tmp_path), "--mode", "update", **{CRASH_ENV: step}
    )
    code, _, _ = _finish(killed)
    assert code == CRASH_EXIT_CODE, f"the import was not killed at {step!r}"
    switched = step == "switched"  # killed after its transaction committed
    # The old version whole, or (committed) the new one whole; nothing else, nothing left.
    assert pg_store.current_id() == ("v0002" if switched else "v0001")
    assert ("ASS-4" in set(pg_store.read(schema.ASSOCIATIONS)[schema.A_ID])) is not switched
    assert _ids(pg_store) == (["v0001", "v0002"] if switched else ["v0001"])
    assert pg_store.leftovers() == []
    # The server let go of the dead writer's lock: the next import goes through at once.
    code, out, _ = _finish(
        _cli(pg_store, "import", _project_led_by_ass4(tmp_path), "--mode", "update")
    )
    if switched:
        assert code == 1 and "ASS-4" in out  # deleted by the killed (committed) import
    else:
        assert code == 0, out
        assert _ids(pg_store) == ["v0001", "v0002"]
    assert _dangling(pg_store) == []
