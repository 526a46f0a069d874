"""The validation report as the Data page shows it (ponti/issues.py): grouped by problem with
counts, errors first, and filtered by severity, file, column and text."""

from __future__ import annotations

from pathlib import Path

import pytest

import loaders
from loaders import Issue, Report
from ponti import issues
from ponti.i18n import t
from ponti.store import Store

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _issue(code: str, severity: str, file: str, row: int | None, field: str | None) -> Issue:
    return Issue(
        code=code,
        severity=severity,  # type: ignore[arg-type]
        file=file,
        row=row,
        field=field,
        value=f"v{row}",
        message_en=f"{code} at {row}",
        message_it=f"{code} alla riga {row}",
        hint_en="fix it",
        hint_it="correggi",
    )


REPORT = Report(
    issues=[
        _issue("example-row", "warning", "a.csv", 2, "Codice"),
        _issue("bad-number", "error", "a.csv", 3, "Importo"),
        _issue("unknown-reference", "error", "a.csv", 4, "Capofila"),
        _issue("unknown-reference", "error", "a.csv", 7, "Capofila"),
        _issue("unknown-reference", "error", "b.csv", 2, "Capofila"),
        _issue("missing-column", "error", "b.csv", None, "Fase"),
    ],
    files=["a.csv", "b.csv"],
)


def test_groups_put_errors_first_then_the_most_frequent() -> None:
    groups = issues.group_issues(REPORT.issues, "en")
    assert list(groups.columns) == [
        t(f"data.group.{name}", "en")
        for name in ("severity", "count", "column", "message", "where", "fix", "code")
    ]
    assert list(groups["Code"]) == [
        "unknown-reference",
        "bad-number",
        "missing-column",
        "example-row",
    ]
    assert list(groups["How many"]) == [3, 1, 1, 1]
    assert list(groups["Severity"]) == ["Error"] * 3 + ["Warning"]
    first = groups.iloc[0]
    assert first["Where (file: rows)"] == "a.csv: 4, 7; b.csv: 2"
    assert first["Problem (example)"] == "unknown-reference at 4"
    assert first["Fix"] == "fix it"
    assert groups.iloc[2]["Where (file: rows)"] == "b.csv"  # no row: the file


def test_a_group_counts_rows_beyond_the_ones_it_names() -> None:
    many = [_issue("bad-date", "error", "p.csv", row, "Data") for row in range(2, 30)]
    groups = issues.group_issues(many, "it")
    where = groups.iloc[0][t("data.group.where", "it")]
    assert where == "p.csv: 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 e altre 18"
    assert groups.iloc[0][t("data.group.count", "it")] == 28


def test_a_clean_report_has_no_groups() -> None:
    groups = issues.group_issues([], "it")
    assert groups.empty and len(groups.columns) == 7


@pytest.mark.parametrize(
    ("filters", "rows"),
    [
        ({}, [2, 3, 4, 7, 2, None]),
        ({"severities": ["warning"]}, [2]),
        ({"files": ["b.csv"]}, [2, None]),
        ({"columns": ["Capofila"]}, [4, 7, 2]),
        ({"columns": ["Capofila"], "files": ["a.csv"]}, [4, 7]),
        ({"text": "V7"}, [7]),  # the value, ignoring case
        ({"text": "riga 3"}, [3]),  # the message in the language, every word
        ({"text": "bad-number"}, [3]),  # the code
        ({"text": "nothing like this"}, []),
    ],
)
def test_filters_select_issues(filters: dict[str, object], rows: list[int | None]) -> None:
    selected = issues.select_issues(REPORT.issues, lang="it", **filters)  # type: ignore[arg-type]
    assert [i.row for i in selected] == rows


def test_filter_choices_are_the_files_and_columns_named() -> None:
    assert issues.issue_files(REPORT.issues) == ["a.csv", "b.csv"]
    assert issues.issue_columns(REPORT.issues) == ["Codice", "Importo", "Capofila", "Fase"]


def test_a_real_report_groups_every_issue_once(demo_store: Store) -> None:
    plan = loaders.prepare_import([FIXTURES / "projects-bad-amount.csv"], demo_store, mode="update")
    groups = issues.group_issues(plan.report.issues, "it")
    assert groups[t("data.group.count", "it")].sum() == len(plan.report) == 4
    assert list(groups[t("data.group.code", "it")]) == ["unknown-reference", "bad-number"]
