"""Changes between tables: the preview of an import and the diff between stored versions."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import loaders
from ponti import changes, schema
from ponti.store import Store, coerce_dtypes

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _associations(rows: list[dict[str, object]]) -> pd.DataFrame:
    return coerce_dtypes(schema.ASSOCIATIONS, pd.DataFrame(rows))


BEFORE = [
    {"association_id": "A1", "name": "Uno", "members": 10, "sdgs": [4, 8], "women_led": True},
    {"association_id": "A2", "name": "Due", "members": None, "sdgs": [], "women_led": None},
    {"association_id": "A3", "name": "Tre", "members": 30, "sdgs": [1], "women_led": False},
]


def test_added_removed_and_changed_rows() -> None:
    after = [
        {"association_id": "A3", "name": "Tre", "members": 30, "sdgs": [1], "women_led": False},
        {"association_id": "A1", "name": "Uno", "members": 12, "sdgs": [8, 4], "women_led": True},
        {"association_id": "A4", "name": "Quattro", "members": 5, "sdgs": [], "women_led": None},
    ]
    kind = changes.compare_kind(schema.ASSOCIATIONS, _associations(BEFORE), _associations(after))
    assert kind.added[schema.A_ID].tolist() == ["A4"]
    assert kind.removed[schema.A_ID].tolist() == ["A2"]
    # Row order is no change; a list's order is (the first goal is the primary one).
    assert [(c.key, [(f.column, f.old, f.new) for f in c.fields]) for c in kind.changed] == [
        ("A1", [(schema.A_SDGS, [4, 8], [8, 4]), (schema.A_MEMBERS, 10, 12)])
    ]
    assert (kind.rows_before, kind.rows_after) == (3, 3)


def test_identical_tables_and_missing_values_are_no_change() -> None:
    same = changes.compare_tables(
        {schema.ASSOCIATIONS: _associations(BEFORE)},
        {schema.ASSOCIATIONS: _associations(list(reversed(BEFORE)))},
    )
    assert same.empty
    assert same.to_text("it") == "Nessuna modifica." and same.to_text("en") == "No changes."
    assert changes.same_value(None, float("nan")) and changes.same_value([], None)
    assert changes.same_value(0.1 + 0.2, 0.3) and not changes.same_value(1.0, 1.5)


def test_residents_are_matched_by_year_province_and_citizenship() -> None:
    def residents(*rows: tuple[int, str, str, int]) -> pd.DataFrame:
        columns = [schema.R_YEAR, schema.R_PROVINCE, schema.R_CITIZENSHIP, schema.R_RESIDENTS]
        return coerce_dtypes(schema.RESIDENTS, pd.DataFrame(rows, columns=columns))

    kind = changes.compare_kind(
        schema.RESIDENTS,
        residents((2023, "058", "SEN", 10), (2023, "036", "GHA", 5)),
        residents((2023, "036", "GHA", 6), (2024, "058", "SEN", 11)),
    )
    assert [c.key for c in kind.changed] == ["2023 / 036 / GHA"]
    assert changes.row_keys(schema.RESIDENTS, kind.added) == ["2024 / 058 / SEN"]
    assert changes.row_keys(schema.RESIDENTS, kind.removed) == ["2023 / 058 / SEN"]


@pytest.fixture
def updated(tmp_path: Path) -> tuple[Store, loaders.ImportPlan]:
    store = Store(tmp_path / "store")
    good = [FIXTURES / f"{k}.csv" for k in schema.KINDS]
    version, report = loaders.import_files(good, store)
    assert version is not None, report.to_text()
    plan = loaders.prepare_import(
        [FIXTURES / "associations-update.csv", FIXTURES / "projects-delete.csv"],
        store,
        mode="update",
    )
    assert plan.ok, plan.report.to_text()
    return store, plan


def test_preview_in_words_and_tables(updated: tuple[Store, loaders.ImportPlan]) -> None:
    _, plan = updated
    preview = plan.changes
    assert list(preview.kinds) == [schema.ASSOCIATIONS, schema.PROJECTS]  # the kinds given
    assert preview.to_text("it").splitlines() == [
        "Associazioni: 1 aggiunte, 1 modificate, 0 eliminate (righe: 3 → 4)",
        "  + ASS-4 Associazione Peruviani di Forlì",
        "  ~ ASS-1: Sigla: ASR → –; Numero soci: 120 → 150",
        "Progetti: 0 aggiunte, 0 modificate, 1 eliminate (righe: 3 → 2)",
        "  - PRJ-3 Impresa giovani a Tirana",
    ]
    assert "  ~ ASS-1: Acronym: ASR → –; Members: 120 → 150" in preview.to_text("en")
    counts = preview.counts("en")
    assert counts.to_dict("records") == [
        {
            "Kind": "Associations",
            "Rows before": 3,
            "Rows after": 4,
            "Added": 1,
            "Changed": 1,
            "Removed": 0,
        },
        {
            "Kind": "Projects",
            "Rows before": 3,
            "Rows after": 2,
            "Added": 0,
            "Changed": 0,
            "Removed": 1,
        },
    ]
    rows = preview.rows("it")
    assert list(rows.columns) == ["Tipo", "Riga", "Modifica", "Colonna", "Prima", "Dopo"]
    assert rows.values.tolist() == [
        ["Associazioni", "ASS-4", "aggiunta", "", "", "Associazione Peruviani di Forlì"],
        ["Associazioni", "ASS-1", "modificata", "Sigla", "ASR", "–"],
        ["Associazioni", "ASS-1", "modificata", "Numero soci", "120", "150"],
        ["Progetti", "PRJ-3", "eliminata", "", "Impresa giovani a Tirana", ""],
    ]


def test_the_preview_is_the_diff_of_the_commit(updated: tuple[Store, loaders.ImportPlan]) -> None:
    store, plan = updated
    info = loaders.commit_import(plan, store)
    diff = changes.diff_versions(store, "v0001", info.version_id)
    assert list(diff.kinds) == list(schema.KINDS)  # a diff covers every kind
    for kind, preview in plan.changes.kinds.items():
        assert diff.kinds[kind].changed == preview.changed
        pd.testing.assert_frame_equal(diff.kinds[kind].added, preview.added)
        pd.testing.assert_frame_equal(diff.kinds[kind].removed, preview.removed)
    assert diff.kinds[schema.RESIDENTS].empty and diff.kinds[schema.CALLS].empty
    back = changes.diff_versions(store, info.version_id, "v0001")
    assert (
        back.kinds[schema.PROJECTS].n_added == 1 and back.kinds[schema.ASSOCIATIONS].n_removed == 1
    )


def test_long_lists_are_cut_with_a_count() -> None:
    before = _associations([])
    after = _associations([{"association_id": f"A{i}", "name": f"N{i}"} for i in range(30)])
    text = changes.compare_tables({schema.ASSOCIATIONS: before}, {schema.ASSOCIATIONS: after})
    lines = text.to_text("en", limit=5).splitlines()
    assert lines[-1] == "  ... and 25 more" and len(lines) == 7
    assert len(text.to_text("en", limit=None).splitlines()) == 31


@pytest.mark.parametrize(
    ("kind", "column", "value", "italian", "english"),
    [
        (schema.PROJECTS, schema.P_STAGE, "in_progress", "In corso", "In progress"),
        (schema.PROJECTS, schema.P_REQUESTED, 1234567.0, "1.234.567", "1,234,567"),
        (schema.PROJECTS, schema.P_REQUESTED, 12.5, "12,50", "12.50"),
        (schema.PROJECTS, schema.P_START, pd.Timestamp("2025-06-01"), "1 giu 2025", "1 Jun 2025"),
        (schema.PROJECTS, schema.P_COUNTRY, "SEN", "Senegal", "Senegal"),
        (schema.PROJECTS, schema.P_MUNICIPALITY, "039014", "Ravenna (039014)", "Ravenna (039014)"),
        (
            schema.ASSOCIATIONS,
            schema.A_THEMES,
            ["health", "culture"],
            "Salute | Cultura",
            "Health | Culture",
        ),
        (schema.ASSOCIATIONS, schema.A_WOMEN_LED, True, "sì", "yes"),
        (schema.ASSOCIATIONS, schema.A_FOUNDED, 2008, "2008", "2008"),
        (schema.ASSOCIATIONS, schema.A_MEMBERS, 1200, "1.200", "1,200"),
        (schema.CALLS, schema.C_COFINANCING, 0.2, "20,0%", "20.0%"),
        (schema.ASSOCIATIONS, schema.A_ACRONYM, None, "–", "–"),
    ],
)
def test_values_are_written_for_people(
    kind: str, column: str, value: object, italian: str, english: str
) -> None:
    assert changes.format_value(kind, column, value, "it") == italian
    assert changes.format_value(kind, column, value, "en") == english


def _many(n: int, members: int) -> pd.DataFrame:
    return _associations(
        [
            {
                "association_id": f"A{i:03d}",
                "name": f"N{i}",
                "members": members + i,
                "sdgs": [i % 17 + 1],
            }
            for i in range(n)
        ]
    )


def test_the_first_changes_alone_are_the_start_of_all_of_them() -> None:
    before = _many(50, 10)
    after = _many(50, 10)
    after.loc[::2, schema.A_MEMBERS] += 1  # 25 records with one changed field
    after.loc[::5, schema.A_SDGS] = pd.Series([[3, 4]] * 10, index=after.index[::5])  # 5 with two
    after = pd.concat([after.iloc[3:], _many(53, 10).iloc[50:].assign(name="Nuova")])
    found = changes.compare_tables({schema.ASSOCIATIONS: before}, {schema.ASSOCIATIONS: after})
    kind = found.kinds[schema.ASSOCIATIONS]
    # Counted without making the changed rows.
    assert (kind.n_added, kind.n_changed, kind.n_removed) == (3, 28, 3)
    assert "changed" not in kind.__dict__
    every = found.rows("en")
    assert found.n_rows == len(every) == 3 + 3 + 23 + 9  # 23 members, 9 goals
    for limit in (0, 1, 2, 5, 20, 37, 38, 100):
        pd.testing.assert_frame_equal(found.rows("en", limit=limit), every.head(limit))
        assert kind.first_changed(limit) == kind.changed[:limit]
    fields = {c.key: [f.column for f in c.fields] for c in kind.changed}
    assert list(fields)[:3] == ["A004", "A005", "A006"]
    assert fields["A010"] == [schema.A_SDGS, schema.A_MEMBERS]  # in the template's order
    lines = found.to_text("en", limit=2).splitlines()
    assert lines[0] == "Associations: 3 added, 28 changed, 3 removed (rows: 50 → 50)"
    assert lines[1:] == [
        "  + A050 Nuova",
        "  + A051 Nuova",
        "  ... and 1 more",
        "  ~ A004: Members: 14 → 15",
        "  ~ A005: Goals: 6 → 3 | 4",
        "  ... and 26 more",
        "  - A000 N0",
        "  - A001 N1",
        "  ... and 1 more",
    ]
