"""The versioned store: versions, carry-over, rollback, atomic switch, crash safety.

Tests taking ``empty_store`` run on both backends, the folder store and PostgreSQL
(tests/conftest.py starts a throwaway server); the others are about the folder store's own
files (its layout, stores written by older versions of Ponti).
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

from ponti import schema
from ponti.store import (
    DEMO_NOTE,
    ConflictError,
    SourceFile,
    Store,
    StoreError,
    VersionStore,
    coerce_column,
    coerce_dtypes,
    empty_frame,
)
from ponti.stores import default_store, store_at
from tests.conftest import store_address


def _associations(*ids: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            schema.A_ID: list(ids),
            schema.A_NAME: [f"Associazione {i}" for i in ids],
            schema.A_MUNICIPALITY: ["058091"] * len(ids),
            schema.A_COUNTRIES: [["SEN", "MAR"]] * len(ids),
            schema.A_SDGS: [[4, 8]] * len(ids),
            schema.A_WOMEN_LED: [True] * len(ids),
        }
    )


def test_empty_store_reads_canonical_empty_tables(empty_store: VersionStore) -> None:
    store = empty_store
    assert store.current() is None
    assert store.versions() == []
    table = store.read(schema.PROJECTS)
    assert list(table.columns) == schema.column_names(schema.PROJECTS)
    assert table.empty


def test_write_read_round_trip_keeps_codes_lists_and_types(empty_store: VersionStore) -> None:
    store = empty_store
    info = store.write_version({schema.ASSOCIATIONS: _associations("A1")}, note="first")
    assert info.version_id == "v0001"
    assert store.current() == info
    row = store.read(schema.ASSOCIATIONS).iloc[0]
    assert row[schema.A_MUNICIPALITY] == "058091"  # zero-padded code survives
    assert row[schema.A_COUNTRIES] == ["SEN", "MAR"]
    assert row[schema.A_SDGS] == [4, 8]
    assert bool(row[schema.A_WOMEN_LED]) is True
    assert info.counts == {schema.ASSOCIATIONS: 1}


def test_kinds_not_imported_carry_over(empty_store: VersionStore) -> None:
    store = empty_store
    first = store.write_version({schema.ASSOCIATIONS: _associations("A1", "A2")}, demo=True)
    assert first.demo and first.demo_kinds == (schema.ASSOCIATIONS,)
    second = store.write_version({schema.TWINNINGS: store.read(schema.TWINNINGS)})
    assert len(store.read(schema.ASSOCIATIONS)) == 2
    assert second.counts[schema.ASSOCIATIONS] == 2
    # A version that imported anything of its own is not the demo; the demo tables it
    # carries over are named.
    assert not second.demo
    assert second.demo_kinds == (schema.ASSOCIATIONS,)
    assert second.parent == "v0001" and second.mode == "replace"
    # Importing every kind it carries from the demo leaves no demo table at all.
    third = store.write_version({schema.ASSOCIATIONS: _associations("A9")})
    assert not third.demo and third.demo_kinds == ()


def _calls(*ids: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            schema.C_ID: list(ids),
            schema.C_FUNDER: ["AICS"] * len(ids),
            schema.C_FUNDER_TYPE: ["aics"] * len(ids),
            schema.C_TITLE: [f"Bando {i}" for i in ids],
            schema.C_COUNTRIES: [["SEN"]] * len(ids),
            schema.C_COFINANCING: [0.2] * len(ids),
        }
    )


def test_a_version_written_before_calls_existed_reads_as_empty_calls(tmp_path: Path) -> None:
    # A store from before calls: a version folder with the four older tables and a manifest
    # that counts only them, as the store of that time wrote it.
    old = tmp_path / "versions" / "v0001"
    old.mkdir(parents=True)
    coerce_dtypes(schema.ASSOCIATIONS, _associations("A1")).to_parquet(
        old / "associations.parquet", index=False
    )
    for kind in (schema.PROJECTS, schema.TWINNINGS, schema.RESIDENTS):
        empty_frame(kind).to_parquet(old / f"{kind}.parquet", index=False)
    manifest = {"version_id": "v0001", "created": "2026-11-01T09:00:00+00:00", "counts": {}}
    (old / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (tmp_path / "CURRENT").write_text(json.dumps({"version_id": "v0001"}), encoding="utf-8")
    store = Store(tmp_path)
    calls = store.read(schema.CALLS)
    assert calls.empty
    assert {name: str(dtype) for name, dtype in calls.dtypes.items()} == {
        c.name: schema.dtype_of(c.type) for c in schema.COLUMNS[schema.CALLS]
    }
    tables = store.read_all()
    assert set(tables) == set(schema.KINDS) and len(tables[schema.ASSOCIATIONS]) == 1
    # An import without calls keeps having none; one with calls adds them to the rest.
    second = store.write_version({schema.ASSOCIATIONS: _associations("A1", "A2")})
    assert schema.CALLS not in second.counts and store.read(schema.CALLS).empty
    third = store.write_version({schema.CALLS: _calls("C1", "C2")})
    assert (third.counts[schema.ASSOCIATIONS], third.counts[schema.CALLS]) == (2, 2)
    assert len(store.read(schema.ASSOCIATIONS)) == 2
    assert store.read(schema.CALLS, "v0001").empty  # the old version itself is unchanged


def test_calls_round_trip_and_carry_over(empty_store: VersionStore) -> None:
    store = empty_store
    store.write_version({schema.CALLS: _calls("C1"), schema.ASSOCIATIONS: _associations("A1")})
    store.write_version({schema.ASSOCIATIONS: _associations("A1", "A2")})
    row = store.read(schema.CALLS).iloc[0]
    assert row[schema.C_COUNTRIES] == ["SEN"] and row[schema.C_APPLICANTS] == []
    assert row[schema.C_COFINANCING] == pytest.approx(0.2)
    assert pd.isna(row[schema.C_CLOSES])


def test_rollback_is_a_new_version_with_exactly_the_earlier_data(
    empty_store: VersionStore, tmp_path: Path
) -> None:
    source = tmp_path / "associazioni.csv"
    source.write_bytes(b"one\n")
    store = empty_store
    first = store.write_version(
        {schema.ASSOCIATIONS: _associations("A1")},
        sources=[source],
        note="first",
        author="Maria Rossi",
        metadata={"approximate_places": [{"kind": "associations", "key": "A1"}]},
    )
    store.write_version(
        {schema.ASSOCIATIONS: _associations("A1", "A2", "A3"), schema.CALLS: _calls("C1")},
        note="second",
    )
    assert len(store.read(schema.ASSOCIATIONS)) == 3
    restored = store.rollback("v0001", author="Luca Bianchi")
    assert restored.version_id == store.current_id() == "v0003"
    assert (restored.note, restored.author, restored.mode) == (
        "ripristino della versione v0001",
        "Luca Bianchi",
        "rollback",
    )
    assert restored.restored_from == "v0001" and restored.parent == "v0002"
    assert restored.counts == first.counts and restored.sources == first.sources
    # Exactly the earlier data: every table equal, calls (absent then) absent again.
    for kind in schema.KINDS:
        pd.testing.assert_frame_equal(store.read(kind, "v0003"), store.read(kind, "v0001"))
    assert store.read(schema.CALLS).empty
    assert store.source_files("v0003") == store.source_files("v0001")
    assert store.source_files("v0001") == [SourceFile("associazioni.csv", b"one\n")]
    assert store.metadata("v0003") == store.metadata("v0001")
    # Nothing is deleted: the history keeps every version, the later one still readable.
    assert [v.version_id for v in store.versions()] == ["v0001", "v0002", "v0003"]
    assert len(store.read(schema.ASSOCIATIONS, "v0002")) == 3


def test_rollback_of_the_demo_is_the_demo(empty_store: VersionStore) -> None:
    store = empty_store
    store.write_version({schema.ASSOCIATIONS: _associations("A1")}, demo=True)
    store.write_version({schema.ASSOCIATIONS: _associations("A2")})
    current = store.current()
    assert current is not None and not current.demo
    restored = store.rollback("v0001")
    assert restored.demo and restored.demo_kinds == (schema.ASSOCIATIONS,)


def test_a_write_expecting_another_current_version_is_refused(empty_store: VersionStore) -> None:
    store = empty_store
    with pytest.raises(ConflictError):
        store.write_version({schema.ASSOCIATIONS: _associations("A1")}, expected_current="v0001")
    assert store.versions() == []
    store.write_version({schema.ASSOCIATIONS: _associations("A1")}, expected_current=None)
    store.write_version({schema.ASSOCIATIONS: _associations("A2")}, expected_current="v0001")
    with pytest.raises(ConflictError, match="v0002") as refused:
        store.write_version({schema.ASSOCIATIONS: _associations("A3")}, expected_current="v0001")
    assert (refused.value.expected, refused.value.current) == ("v0001", "v0002")
    with pytest.raises(ConflictError):
        store.rollback("v0001", expected_current="v0001")
    assert store.current_id() == "v0002" and len(store.versions()) == 2
    assert store.read(schema.ASSOCIATIONS)[schema.A_ID].tolist() == ["A2"]


def _write_expecting(where: str, expected: str, name: str) -> str:
    """One racer: write a version expected to follow `expected` (in a process of its own)."""
    try:
        store_at(where).write_version(
            {schema.ASSOCIATIONS: _associations(name)}, note=name, expected_current=expected
        )
    except ConflictError:
        return "refused"
    return "written"


def test_two_racing_writers_in_threads_never_both_win(empty_store: VersionStore) -> None:
    store = empty_store
    store.write_version({schema.ASSOCIATIONS: _associations("A0")})
    for _ in range(5):
        expected = store.current_id()
        assert expected is not None
        start = threading.Barrier(2)

        def race(name: str, expected: str = expected, start: threading.Barrier = start) -> str:
            start.wait()
            return _write_expecting(store_address(store), expected, name)

        with ThreadPoolExecutor(2) as pool:
            outcomes = list(pool.map(race, ["first", "second"]))
        assert sorted(outcomes) == ["refused", "written"]
        winner = "first" if outcomes[0] == "written" else "second"
        current = store.current()
        assert current is not None and current.note == winner and current.parent == expected
        assert store.read(schema.ASSOCIATIONS)[schema.A_ID].tolist() == [winner]


def test_two_racing_writers_in_processes_never_both_win(empty_store: VersionStore) -> None:
    store = empty_store
    store.write_version({schema.ASSOCIATIONS: _associations("A0")})
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        outcomes = pool.starmap(
            _write_expecting,
            [(store_address(store), "v0001", name) for name in ("first", "second")],
        )
    assert sorted(outcomes) == ["refused", "written"]
    assert [v.version_id for v in store.versions()] == ["v0001", "v0002"]


def test_a_reader_never_sees_a_mix_of_two_versions(empty_store: VersionStore) -> None:
    # Each version's associations and calls carry its number; a reader racing the writer
    # must always find the two tables of one version together.
    store = empty_store

    def version(number: int) -> dict[str, pd.DataFrame]:
        return {
            schema.ASSOCIATIONS: _associations(*(f"A{number}-{i}" for i in range(number))),
            schema.CALLS: _calls(f"C{number}"),
        }

    store.write_version(version(1))
    done = threading.Event()
    seen: list[tuple[str, str]] = []

    def read_while_writing() -> None:
        while not done.is_set():
            tables = store.read_all()
            seen.append(
                (
                    tables[schema.ASSOCIATIONS][schema.A_ID].iloc[0].split("-")[0][1:],
                    tables[schema.CALLS][schema.C_ID].iloc[0][1:],
                )
            )

    reader = threading.Thread(target=read_while_writing)
    reader.start()
    try:
        for number in range(2, 12):
            store.write_version(version(number))
    finally:
        done.set()
        reader.join()
    assert seen and all(a == c for a, c in seen), [pair for pair in seen if pair[0] != pair[1]]
    assert len(store.read(schema.ASSOCIATIONS)) == 11


def test_uploaded_files_are_kept_as_given(empty_store: VersionStore) -> None:
    store = empty_store
    info = store.write_version(
        {schema.ASSOCIATIONS: _associations("A1")},
        sources=[
            SourceFile("associazioni.xlsx", b"PK\x03\x04 bytes"),
            SourceFile("../x.csv", b"x"),
        ],
    )
    assert info.sources == ("associazioni.xlsx", "x.csv")
    assert store.source_files(info.version_id) == [
        SourceFile("associazioni.xlsx", b"PK\x03\x04 bytes"),
        SourceFile("x.csv", b"x"),
    ]
    assert store.metadata(info.version_id) == {}


def _legacy_version(root: Path, vid: str, frame: pd.DataFrame, note: str, demo: bool) -> None:
    # A version as the store wrote it before manifests listed demo tables, author, parent.
    folder = root / "versions" / vid
    folder.mkdir(parents=True)
    coerce_dtypes(schema.ASSOCIATIONS, frame).to_parquet(folder / "associations.parquet")
    manifest = {
        "version_id": vid,
        "created": "2026-11-01T09:00:00+00:00",
        "note": note,
        "sources": ["associations.csv"],
        "counts": {schema.ASSOCIATIONS: len(frame)},
        "demo": demo,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (root / "CURRENT").write_text(json.dumps({"version_id": vid}), encoding="utf-8")


def test_an_old_import_labelled_demo_is_no_longer_credited_as_the_demo(tmp_path: Path) -> None:
    _legacy_version(tmp_path, "v0001", _associations("A1"), DEMO_NOTE, demo=True)
    # The old store labelled an import demo as soon as it carried a demo table over.
    old = tmp_path / "versions" / "v0001" / "associations.parquet"
    _legacy_version(tmp_path, "v0002", _associations("A1", "A2"), "Censimento", demo=True)
    store = Store(tmp_path)
    demo, imported = store.versions()
    assert demo.demo and demo.demo_kinds == (schema.ASSOCIATIONS,)
    assert not imported.demo and imported.demo_kinds == ()
    # A version that only carried the demo's table (byte for byte) over keeps it as demo.
    (tmp_path / "versions" / "v0002").rename(tmp_path / "v0002-aside")
    _legacy_version(tmp_path, "v0002", _associations("A1"), "", demo=True)
    (tmp_path / "versions" / "v0002" / "associations.parquet").write_bytes(old.read_bytes())
    carried = Store(tmp_path).info("v0002")
    assert carried.demo and carried.demo_kinds == (schema.ASSOCIATIONS,)


def test_unknown_versions_are_a_clear_error(empty_store: VersionStore) -> None:
    store = empty_store
    with pytest.raises(StoreError, match="no version 'v0042'"):
        store.rollback("v0042")
    store.write_version({schema.ASSOCIATIONS: _associations("A1")})
    for read in (store.info, store.source_files, store.metadata, store.read_all):
        with pytest.raises(StoreError, match="no version 'v0042'"):
            read("v0042")
    with pytest.raises(StoreError, match="no version 'v0042'"):
        store.read(schema.ASSOCIATIONS, "v0042")


def test_a_crash_while_writing_leaves_the_current_version_untouched(
    empty_store: VersionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = empty_store
    store.write_version({schema.ASSOCIATIONS: _associations("A1")})

    def explode(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", explode)
    with pytest.raises(OSError, match="disk full"):
        store.write_version({schema.ASSOCIATIONS: _associations("A1", "A2")})
    assert store.current_id() == "v0001"
    assert len(store.read(schema.ASSOCIATIONS)) == 1
    # Nothing half-written is listed as a version, or left behind.
    assert [v.version_id for v in store.versions()] == ["v0001"]
    assert store.leftovers() == []
    if isinstance(store, Store):
        assert not [p for p in (store.root / "versions").iterdir() if p.name.startswith(".")]


def test_current_pointer_is_plain_json(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.write_version({schema.ASSOCIATIONS: _associations("A1")})
    assert json.loads((tmp_path / "CURRENT").read_text()) == {"version_id": "v0001"}


def test_source_files_are_kept_with_the_version(tmp_path: Path) -> None:
    source = tmp_path / "associazioni.csv"
    source.write_text("id,name\n", encoding="utf-8")
    store = Store(tmp_path / "store")
    info = store.write_version({schema.ASSOCIATIONS: _associations("A1")}, sources=[source])
    assert info.sources == ("associazioni.csv",)
    kept = tmp_path / "store" / "versions" / "v0001" / "sources" / "associazioni.csv"
    assert kept.read_text(encoding="utf-8") == "id,name\n"


def test_sources_with_the_same_name_are_all_kept(empty_store: VersionStore, tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "projects.csv", tmp_path / "b" / "projects.csv"
    for path, text in ((first, "one\n"), (second, "two\n")):
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    store = empty_store
    info = store.write_version({schema.ASSOCIATIONS: _associations("A1")}, sources=[first, second])
    assert info.sources == ("projects.csv", "2-projects.csv")
    assert store.source_files(info.version_id) == [
        SourceFile("projects.csv", b"one\n"),
        SourceFile("2-projects.csv", b"two\n"),
    ]


def test_default_store_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PONTI_DATABASE_URL", raising=False)
    monkeypatch.setenv("PONTI_DATA_DIR", str(tmp_path / "elsewhere"))
    store = default_store(secrets_file=tmp_path / "no-secrets.toml")
    assert isinstance(store, Store) and store.root == tmp_path / "elsewhere"


def test_coerce_dtypes_turns_missing_lists_into_empty_lists() -> None:
    frame = coerce_dtypes(schema.PROJECTS, pd.DataFrame({schema.P_ID: ["P1"]}))
    assert frame.at[0, schema.P_SDGS] == []
    assert str(frame[schema.P_REQUESTED].dtype) == "float64"


@pytest.mark.parametrize("kind", schema.KINDS)
def test_empty_frame_has_every_column_in_its_dtype(kind: str) -> None:
    frame = empty_frame(kind)
    assert frame.empty
    assert {name: str(dtype) for name, dtype in frame.dtypes.items()} == {
        c.name: schema.dtype_of(c.type) for c in schema.COLUMNS[kind]
    }


@pytest.mark.parametrize(
    ("column_type", "dtype"),
    [
        ("id", "string"),
        ("istat_municipality", "string"),
        ("stage", "string"),
        ("int", "Int64"),
        ("float", "float64"),
        ("bool", "boolean"),
        ("date", "datetime64[ns]"),
        ("sdg_list", "object"),
        ("id_list", "object"),
    ],
)
def test_dtype_of(column_type: schema.ColumnType, dtype: str) -> None:
    assert schema.dtype_of(column_type) == dtype


def test_coerce_column_reads_python_values_and_keeps_codes_as_written() -> None:
    def column(*values: object) -> pd.Series:
        return pd.Series(list(values), dtype=object)

    assert coerce_column("istat_municipality", column("058091", None)).tolist() == ["058091", pd.NA]
    assert coerce_column("int", column(12, None)).tolist() == [12, pd.NA]
    assert coerce_column("bool", column(True, None)).tolist() == [True, pd.NA]
    assert coerce_column("sdg_list", column([4, 8], None)).tolist() == [[4, 8], []]


def test_dates_beyond_what_pandas_holds_become_missing_not_wrapped() -> None:
    # A mistyped year (2999, 201) does not fit in datetime64[ns]; numpy used to wrap it.
    dates = coerce_column(
        "date", pd.Series([dt.date(2024, 3, 1), dt.date(2999, 1, 1), dt.date(201, 5, 1)])
    )
    assert str(dates.dtype) == "datetime64[ns]"
    assert dates[0] == pd.Timestamp(2024, 3, 1)
    assert dates[1:].isna().all()
