"""Hostile and broken files (issue #15, items 1 and 2): every file of the corpus in
tests/fixtures/hostile/ (written by scripts/make_hostile_fixtures.py) gets an issue a person
can act on, with its code, row and column, and a failed import leaves the store as it was.

What is asserted is what a user notices: the report's issue and the store's versions and
tables. Bounded work is asserted by its outcome (the refusal and its message), never by
timing.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pytest

import loaders
from loaders import limits
from loaders.report import Issue, Report
from ponti import schema
from ponti.store import Store
from scripts import make_hostile_fixtures as corpus

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HOSTILE = FIXTURES / "hostile"
GOOD = [FIXTURES / f"{kind}.csv" for kind in schema.KINDS]
A_ID, NAME, MEMBERS, FOUNDED = "association_id", "name", "members", "founded_year"


class Case(NamedTuple):
    """A fixture, the issue it must yield (code, row, column as in the file) and how it is
    applied to a store holding the good fixtures."""

    file: str
    code: str
    row: int | None
    field: str | None
    mode: loaders.Mode = "replace"


# Every file here fails to import; the store must not change.
REFUSED = [
    # numbers beyond 64 bits, infinite, not a number, beyond what the column means
    Case("associations-members-beyond-64-bits.csv", "out-of-range", 3, MEMBERS),
    Case("associations-members-1e400.csv", "bad-number", 3, MEMBERS),
    Case("associations-members-inf.csv", "bad-number", 2, MEMBERS),
    Case("associations-members-nan.csv", "bad-number", 2, MEMBERS),
    Case("associations-members-over-a-billion.csv", "out-of-range", 4, MEMBERS),
    Case("associations-members-negative-beyond-64-bits.csv", "bad-number", 2, MEMBERS),
    Case("associations-founded-year-beyond-64-bits.csv", "bad-year", 3, FOUNDED),
    Case("associations-xlsx-members-beyond-64-bits.xlsx", "out-of-range", 3, MEMBERS),
    Case("associations-xlsx-members-1e400.xlsx", "bad-number", 2, MEMBERS),
    Case("projects-amount-1e400.csv", "bad-number", 2, "amount_requested"),
    Case("projects-amount-400-digits.csv", "bad-number", 3, "amount_requested"),
    Case("projects-amount-beyond-64-bits.csv", "out-of-range", 2, "amount_requested"),
    Case("projects-amount-infinity-word.csv", "bad-number", 4, "amount_granted"),
    Case("projects-cofinancing-minus-1e400.csv", "bad-number", 2, "cofinancing"),
    Case("projects-beneficiaries-beyond-64-bits.csv", "out-of-range", 2, "beneficiaries"),
    Case("residents-count-beyond-64-bits.csv", "out-of-range", 3, "residents"),
    Case("calls-grant-max-1e400.csv", "bad-number", 2, "grant_max"),
    Case("calls-cofinancing-share-1e400.csv", "bad-number", 2, "cofinancing_share"),
    # dates out of range: an error, never another date
    Case("projects-date-year-9999.csv", "out-of-range", 2, "date_end"),
    Case("projects-date-iso-year-9999.csv", "out-of-range", 3, "date_end"),
    Case("projects-date-year-1600.csv", "out-of-range", 2, "date_submitted"),
    Case("projects-date-year-2263.csv", "out-of-range", 2, "date_start"),
    Case("projects-date-submitted-far-future.csv", "out-of-range", 4, "date_submitted"),
    Case("calls-date-close-year-9999.csv", "out-of-range", 3, "date_close"),
    Case("projects-xlsx-date-year-9999.xlsx", "out-of-range", 2, "date_end"),
    Case("projects-xlsx-date-serial-overflow.xlsx", "spreadsheet-error", 2, "date_end"),
    # a quote that swallows rows
    Case("associations-unterminated-quote.csv", "unterminated-quote", 3, NAME),
    Case("associations-quote-merges-rows.csv", "unterminated-quote", 3, NAME),
    # characters no spreadsheet types
    Case("associations-nul-byte-in-name.csv", "control-character", 2, NAME),
    Case("associations-nul-byte-after-4k.csv", "control-character", 34, NAME),
    Case("associations-bell-character-in-name.csv", "control-character", 3, NAME),
    Case("associations-escape-character-in-id.csv", "control-character", 4, A_ID),
    # bytes that are not UTF-8 in a UTF-8 file: named cell by cell
    Case("associations-mixed-utf8-cp1252.csv", "encoding", 4, NAME),
    Case("associations-stray-invalid-byte.csv", "encoding", 4, NAME),
    Case("associations-ascii-with-undefined-byte.csv", "encoding", 2, NAME),
    Case("associations-utf8-encoded-surrogate.csv", "encoding", 3, NAME),
    Case("associations-utf8-overlong-slash.csv", "encoding", 4, NAME),
    Case("associations-utf16-bom-odd-length.csv", "encoding", None, None),
    # ids compared as Ponti compares them (case and width do not make two ids)
    Case("associations-ids-differ-by-case.csv", "duplicate-id", 3, A_ID),
    Case("associations-ids-differ-by-width.csv", "duplicate-id", 4, A_ID),
    Case("associations-xlsx-ids-differ-by-case.xlsx", "duplicate-id", 3, A_ID),
    Case("projects-lead-differs-by-case.csv", "unknown-reference", 3, "lead_association_id"),
    Case("twinnings-project-differs-by-case.csv", "unknown-reference", 2, "project_ids"),
    Case("associations-update-id-differs-by-case.csv", "duplicate-id", 2, A_ID, "update"),
    # other formats under a CSV's or a workbook's name
    Case("associations-old-xls-renamed.csv", "unreadable-file", None, None),
    Case("associations-pdf-renamed.csv", "unreadable-file", None, None),
    Case("associations-zip-renamed.csv", "unreadable-file", None, None),
    Case("associations-gzip-renamed.csv", "unreadable-file", None, None),
    Case("associations-png-renamed.csv", "unreadable-file", None, None),
    Case("associations-html-error-page.csv", "unreadable-file", None, None),
    Case("associations-random-binary.csv", "unreadable-file", None, None),
    Case("projects-iati-xml-renamed.csv", "unreadable-file", None, None),
    Case("associations-excel-2003-xml-renamed.csv", "unreadable-file", None, None),
    Case("associations-ods-renamed.xlsx", "unreadable-file", None, None),
    Case("associations-docx-renamed.xlsx", "unreadable-file", None, None),
    Case("associations-truncated.xlsx", "unreadable-file", None, None),
    # workbooks
    Case("associations-formula-without-cached-value.xlsx", "formula-without-value", 2, MEMBERS),
    Case("associations-formulas-written-by-a-script.xlsx", "formula-without-value", 3, MEMBERS),
    Case("associations-notes-sheet-only.xlsx", "missing-column", None, A_ID),
    Case("associations-xlsx-cell-over-excel-limit.xlsx", "cell-too-long", 2, NAME),
    # bounded work: refused before the work, whatever the file declares
    Case("associations-too-many-columns.csv", "file-too-large", 3, None),
    Case("associations-huge-declared-dimension.xlsx", "file-too-large", None, None),
    Case("associations-row-far-below-declared-range.xlsx", "file-too-large", 500_001, None),
    Case("associations-cell-far-right.xlsx", "file-too-large", 3, None),
    Case("associations-declares-65535-parts.xlsx", "file-too-large", None, None),
    Case("associations-declares-1400-mb-unpacked.xlsx", "file-too-large", None, None),
]

# These import, with a warning that says what was read and how; what is stored is what the
# file says.
READ_WITH_WARNING = [
    Case("associations-cp1252-only.csv", "encoding", None, None),
    Case("associations-utf16le-no-bom.csv", "encoding", None, None),
    Case("associations-utf16be-no-bom.csv", "encoding", None, None),
    Case("associations-notes-sheet-first.xlsx", "sheet-chosen", None, None),
]
# Look hostile, are not: read without a word, every value as the file has it.
READ_CLEANLY: dict[str, tuple[str, list[object]]] = {
    "associations-formula-with-cached-value.xlsx": (MEMBERS, [120, 120]),
    "associations-dimension-smaller-than-data.xlsx": (A_ID, ["ASS-1", "ASS-2", "ASS-3"]),
    "associations-formula-empty-text-result.xlsx": (A_ID, ["ASS-1", "ASS-2"]),
    "associations-line-breaks-in-a-quoted-cell.csv": (
        NAME,
        [
            "Associazione Senegalesi di Roma",
            "Comunità Ghanese, Modena\nsede di via Emilia, 12\nsecondo piano",
            "Albanesi in Lombardia",
        ],
    ),
}

# Written at run time into a temporary folder (scripts/make_hostile_fixtures.BIG).
BIG = [
    Case("associations-cell-over-csv-field-limit.csv", "cell-too-long", 3, NAME),
    Case("associations-cell-over-excel-limit.csv", "cell-too-long", 3, NAME),
    Case("associations-too-many-rows.csv", "file-too-large", limits.MAX_ROWS + 1, None),
    Case("associations-over-size-limit.csv", "file-too-large", None, None),
    Case("associations-sheet-xml-250-mb.xlsx", "file-too-large", None, None),
    Case("associations-unsized-sheet-12-mb.xlsx", "file-too-large", None, None),
    Case("associations-1500-parts.xlsx", "file-too-large", None, None),
    Case("associations-sheet-declares-less-than-it-holds.xlsx", "unreadable-file", None, None),
]


@pytest.fixture(scope="module")
def _good_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("good-store")
    version, report = loaders.import_files(GOOD, Store(root), note="good")
    assert version is not None, report.to_text()
    return root


@pytest.fixture
def good_store(_good_template: Path, tmp_path: Path) -> Store:
    """A private store whose one version holds the good fixtures."""
    shutil.copytree(_good_template, tmp_path / "store")
    return Store(tmp_path / "store")


@pytest.fixture(scope="module")
def big_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-big")
    corpus.write_big(folder)
    return folder


def _snapshot(store: Store) -> tuple[str | None, list[str], dict[str, pd.DataFrame]]:
    return store.current_id(), [v.version_id for v in store.versions()], store.read_all()


def _the_issue(report: Report, case: Case) -> Issue:
    found = [
        i for i in report.issues if (i.code, i.row, i.field) == (case.code, case.row, case.field)
    ]
    assert found, f"no {case.code} at row {case.row}, {case.field!r}:\n{report.to_text('en')}"
    return found[0]


def _says_where_and_how(issue: Issue, case: Case) -> None:
    assert issue.file == case.file
    for lang in ("it", "en"):
        text = issue.to_text(lang)
        assert issue.message(lang) and issue.hint(lang), text
        assert "{" not in text and "Traceback" not in text
        if case.row is not None:
            assert str(case.row) in issue.location(lang)
        if case.field is not None:
            assert f"'{case.field}'" in issue.location(lang)


def _refused(store: Store, path: Path, case: Case) -> None:
    before = _snapshot(store)
    version, report = loaders.import_files([path], store, mode=case.mode)
    issue = _the_issue(report, case)
    assert issue.severity == "error"
    _says_where_and_how(issue, case)
    assert version is None and not report.ok
    after = _snapshot(store)
    assert after[:2] == before[:2]
    for kind, frame in before[2].items():
        pd.testing.assert_frame_equal(after[2][kind], frame)


@pytest.mark.parametrize("case", REFUSED, ids=[c.file for c in REFUSED])
def test_hostile_file_is_refused_with_its_issue_and_the_store_unchanged(
    good_store: Store, case: Case
) -> None:
    _refused(good_store, HOSTILE / case.file, case)


@pytest.mark.parametrize("case", BIG, ids=[c.file for c in BIG])
def test_big_hostile_file_is_refused_before_the_work(
    good_store: Store, big_files: Path, case: Case
) -> None:
    _refused(good_store, big_files / case.file, case)


@pytest.mark.parametrize("case", READ_WITH_WARNING, ids=[c.file for c in READ_WITH_WARNING])
def test_readable_oddities_import_with_a_warning_saying_what_was_read(
    tmp_path: Path, case: Case
) -> None:
    store = Store(tmp_path / "store")
    version, report = loaders.import_files([HOSTILE / case.file], store)
    issue = _the_issue(report, case)
    assert issue.severity == "warning"
    _says_where_and_how(issue, case)
    assert version is not None, report.to_text("en")
    stored = store.read(schema.ASSOCIATIONS).set_index(A_ID)
    assert list(stored.index) == ["ASS-1", "ASS-2", "ASS-3"]
    assert stored.loc["ASS-2", NAME] == "Comunità Ghanese di Modena"


def test_windows_1252_warning_quotes_cells_to_check(tmp_path: Path) -> None:
    result = loaders.load_file(HOSTILE / "associations-cp1252-only.csv")
    (issue,) = result.report.issues
    assert "row 2, 'name': 'Caffè'" in issue.message("en")
    assert "riga 2, 'name': 'Caffè'" in issue.message("it")
    assert result.frame is not None and result.frame[NAME][0] == "Caffè"


def test_notes_sheet_is_named_and_the_data_sheet_read() -> None:
    result = loaders.load_file(HOSTILE / "associations-notes-sheet-first.xlsx")
    (issue,) = result.report.issues
    assert "'Dati'" in issue.message("en") and "'Note'" in issue.message("it")
    assert result.frame is not None and len(result.frame) == 3


@pytest.mark.parametrize("name", sorted(READ_CLEANLY))
def test_files_that_only_look_hostile_are_read_as_written(name: str) -> None:
    # A formula with its saved result, a declared range smaller than the data (openpyxl
    # would stop at it), line breaks and commas inside a quoted cell.
    result = loaders.load_file(HOSTILE / name)
    assert result.report.ok and not result.report.issues, result.report.to_text("en")
    column, values = READ_CLEANLY[name]
    assert result.frame is not None and result.frame[column].tolist() == values


def test_formula_without_result_says_to_save_or_paste_values() -> None:
    result = loaders.load_file(HOSTILE / "associations-formula-without-cached-value.xlsx")
    issue = _the_issue(result.report, Case("", "formula-without-value", 2, MEMBERS))
    assert "=SUM(F2:G2)" in issue.message("en")
    assert "paste them as values" in issue.hint("en") and "incollale come valori" in issue.hint(
        "it"
    )


def test_disguised_files_say_what_they_are() -> None:
    said = {
        name: loaders.load_file(HOSTILE / name).report.issues[0].message("en")
        for name in (
            "associations-old-xls-renamed.csv",
            "associations-pdf-renamed.csv",
            "associations-zip-renamed.csv",
            "associations-ods-renamed.xlsx",
            "associations-html-error-page.csv",
        )
    }
    assert "old Excel workbook (.xls)" in said["associations-old-xls-renamed.csv"]
    assert "PDF" in said["associations-pdf-renamed.csv"]
    assert "ZIP archive" in said["associations-zip-renamed.csv"]
    assert "OpenDocument" in said["associations-ods-renamed.xlsx"]
    assert "web page" in said["associations-html-error-page.csv"]
    assert all("'.csv'" in m or "'.xlsx'" in m for m in said.values())


def test_invalid_byte_is_named_and_the_rest_of_the_file_read_as_utf8() -> None:
    result = loaders.load_file(HOSTILE / "associations-stray-invalid-byte.csv")
    (issue,) = result.report.issues
    assert "0x9D" in issue.message("en") and "0x9D" in issue.message("it")
    assert result.frame is not None
    # The other rows keep their UTF-8 accents: the file was not re-read as Latin-1.
    assert result.frame[NAME][1] == "Comunità Ghanese di Modena"


def test_merged_rows_are_named_by_their_lines() -> None:
    result = loaders.load_file(HOSTILE / "associations-quote-merges-rows.csv")
    issue = _the_issue(result.report, Case("", "unterminated-quote", 3, NAME))
    assert "line 4" in issue.message("en") and "riga 4" in issue.message("it")
    assert not any(i.code == "missing-required" for i in result.report.issues)


def test_out_of_range_messages_give_the_range() -> None:
    result = loaders.load_file(HOSTILE / "projects-date-year-9999.csv")
    issue = _the_issue(result.report, Case("", "out-of-range", 2, "date_end"))
    assert "31/12/9999" in issue.message("en") and f"{limits.FIRST_DATE_YEAR}" in issue.message(
        "it"
    )
    result = loaders.load_file(HOSTILE / "associations-members-beyond-64-bits.csv")
    issue = _the_issue(result.report, Case("", "out-of-range", 3, MEMBERS))
    assert "1,000,000,000" in issue.message("en") and "1.000.000.000" in issue.message("it")


def test_bomb_refusal_names_the_declared_size(big_files: Path) -> None:
    result = loaders.load_file(big_files / "associations-sheet-xml-250-mb.xlsx")
    (issue,) = result.report.issues
    assert "250 MB" in issue.message("en")
    assert limits.megabytes(limits.MAX_XLSX_UNPACKED_BYTES) in issue.message("it")


def test_ids_differing_in_case_across_two_files(tmp_path: Path) -> None:
    first, second = tmp_path / "associazioni-1.csv", tmp_path / "associazioni-2.csv"
    lines = (FIXTURES / "associations.csv").read_text(encoding="utf-8").splitlines()
    first.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    second.write_text(lines[0] + "\n" + lines[3].replace("ASS-3", "ass-2") + "\n", "utf-8")
    batch = loaders.load_files([first, second])
    (issue,) = [i for i in batch.report.issues if i.code == "duplicate-id"]
    assert (issue.file, issue.row, issue.value) == ("associazioni-2.csv", 2, "ass-2")
    assert "'ASS-2'" in issue.message("en") and "associazioni-1.csv" in issue.message("it")


def test_every_fixture_in_the_corpus_is_tested() -> None:
    tested = {c.file for c in REFUSED + READ_WITH_WARNING} | set(READ_CLEANLY)
    assert {p.name for p in HOSTILE.iterdir()} == tested
    assert set(corpus.SMALL) == tested
    assert {c.file for c in BIG} == set(corpus.BIG)
    assert len(tested) + len(BIG) >= 60


def test_committed_text_fixtures_are_what_the_script_writes(tmp_path: Path) -> None:
    corpus.write_small(tmp_path)
    for path in sorted(tmp_path.glob("*.csv")):
        assert path.read_bytes() == (HOSTILE / path.name).read_bytes(), path.name


def test_readme_states_the_limits_the_code_enforces() -> None:
    readme = (FIXTURES.parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Limits and hostile files", 1)[1].split("\n## ", 1)[0]
    for size in (
        limits.MAX_FILE_BYTES,
        limits.MAX_XLSX_UNPACKED_BYTES,
        limits.MAX_UNSIZED_SHEET_BYTES,
    ):
        assert f"| {limits.megabytes(size)}" in section
    for count in (
        limits.MAX_XLSX_PARTS,
        limits.MAX_ROWS,
        limits.MAX_COLUMNS,
        limits.MAX_CELLS,
        limits.MAX_CELL_CHARS,
        limits.MAX_COUNT,
    ):
        assert f"{count:,}" in section, count
    assert f"from {limits.FIRST_DATE_YEAR}" in section
