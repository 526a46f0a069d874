"""Loading files: every defect fixture yields its issue (code, row, field); good files
yield canonical frames; batches check references; imports write a version or nothing."""

from __future__ import annotations

import datetime as dt
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import loaders
from loaders.messages import MESSAGES, make_issue
from loaders.report import Report
from ponti import schema
from ponti.store import Store, coerce_dtypes

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOOD = {
    schema.ASSOCIATIONS: FIXTURES / "associations.csv",
    schema.PROJECTS: FIXTURES / "projects.csv",
    schema.TWINNINGS: FIXTURES / "twinnings.csv",
    schema.RESIDENTS: FIXTURES / "residents.csv",
    schema.CALLS: FIXTURES / "calls.csv",
}


def _issues(report: Report, code: str) -> list[loaders.Issue]:
    return [i for i in report.issues if i.code == code]


# -- one defect per fixture ---------------------------------------------------------------
# (fixture, code, severity, row as the user sees it, column header as in the file)
DEFECTS = [
    (
        "associations-ambiguous-municipality.csv",
        "ambiguous-municipality",
        "error",
        3,
        "municipality_istat",
    ),
    (
        "associations-unknown-municipality.csv",
        "unknown-municipality",
        "error",
        3,
        "municipality_istat",
    ),
    ("associations-unknown-country.csv", "unknown-country", "error", 4, "origin_countries"),
    ("associations-unknown-territory.csv", "unknown-territory", "warning", 2, "origin_territories"),
    ("associations-duplicate-id.csv", "duplicate-id", "error", 4, "association_id"),
    ("associations-bad-year.csv", "bad-year", "error", 3, "founded_year"),
    ("associations-bad-number.csv", "bad-number", "error", 3, "members"),
    ("associations-bad-bool.csv", "bad-bool", "error", 2, "women_led"),
    ("associations-bad-email.csv", "bad-email", "error", 2, "contact_email"),
    ("associations-bad-url.csv", "bad-url", "error", 2, "website"),
    ("associations-bad-phone.csv", "bad-phone", "error", 2, "contact_phone"),
    ("associations-bad-id.csv", "bad-id", "error", 3, "association_id"),
    ("associations-bad-sdg.csv", "bad-sdg", "error", 3, "sdgs"),
    ("associations-unknown-theme.csv", "unknown-theme", "error", 3, "themes"),
    ("associations-missing-required.csv", "missing-required", "error", 4, "name"),
    ("associations-missing-column.csv", "missing-column", "error", None, "municipality_istat"),
    ("associations-unknown-column.csv", "unknown-column", "warning", None, "Note interne"),
    ("associations-duplicate-column.csv", "duplicate-column", "warning", None, "name"),
    ("associations-extra-cells.csv", "extra-cells", "error", 2, None),
    ("associations-mojibake.csv", "encoding", "warning", None, None),
    ("associations-cp1252-semicolon.csv", "encoding", "warning", None, None),
    ("projects-bad-amount.csv", "bad-number", "error", 5, "Importo richiesto"),
    ("projects-negative-amount.csv", "bad-number", "error", 3, "Importo richiesto"),
    ("projects-dates-out-of-order.csv", "date-order", "error", 2, "Data fine"),
    ("projects-start-before-decision.csv", "date-order", "warning", 2, "Data inizio"),
    (
        "projects-granted-exceeds-requested.csv",
        "granted-exceeds-requested",
        "error",
        3,
        "Importo concesso",
    ),
    (
        "projects-cofinancing-exceeds-requested.csv",
        "cofinancing-exceeds-requested",
        "warning",
        4,
        "Cofinanziamento",
    ),
    ("projects-bad-date.csv", "bad-date", "error", 3, "Data inizio"),
    ("projects-us-date.csv", "bad-date", "error", 3, "Data inizio"),
    ("projects-impossible-date.csv", "bad-date", "error", 3, "Data inizio"),
    ("projects-bad-sdg.csv", "bad-sdg", "error", 3, "Obiettivi"),
    ("projects-bad-target.csv", "bad-target", "error", 2, "Target"),
    ("projects-unknown-stage.csv", "unknown-stage", "error", 4, "Fase"),
    ("projects-unknown-funder-type.csv", "unknown-funder-type", "error", 4, "Tipo finanziatore"),
    ("twinnings-unknown-type.csv", "unknown-twinning-type", "error", 2, "type"),
    ("twinnings-unknown-status.csv", "unknown-twinning-status", "error", 2, "status"),
    ("twinnings-bad-year.csv", "bad-year", "error", 3, "year_signed"),
    ("residents-duplicate-row.csv", "duplicate-id", "error", 5, None),
    ("residents-unknown-province.csv", "unknown-province", "error", 3, "province_istat"),
    ("calls-missing-required.csv", "missing-required", "error", 3, "Titolo del bando"),
    ("calls-duplicate-id.csv", "duplicate-id", "error", 4, "Codice bando"),
    ("calls-unknown-funder-type.csv", "unknown-funder-type", "error", 3, "Tipo finanziatore"),
    ("calls-unknown-theme.csv", "unknown-theme", "error", 4, "Temi"),
    ("calls-bad-sdg.csv", "bad-sdg", "error", 4, "Obiettivi"),
    ("calls-unknown-applicant.csv", "unknown-applicant", "error", 3, "Soggetti ammissibili"),
    ("calls-unknown-country.csv", "unknown-country", "error", 2, "Paesi ammissibili"),
    ("calls-closes-before-opening.csv", "date-order", "error", 4, "Scadenza"),
    (
        "calls-grant-min-exceeds-max.csv",
        "grant-min-exceeds-max",
        "error",
        3,
        "Contributo minimo",
    ),
    ("calls-negative-grant.csv", "bad-number", "error", 4, "Contributo massimo"),
    ("calls-cofinancing-out-of-range.csv", "bad-share", "error", 2, "Cofinanziamento"),
    ("calls-bad-cofinancing.csv", "bad-number", "error", 3, "Cofinanziamento"),
    ("calls-bad-url.csv", "bad-url", "error", 4, "Link al bando"),
    ("associations-delete-in-replace.csv", "delete-needs-update", "error", None, "delete"),
    ("associations-example-row.csv", "example-row", "warning", 2, "association_id"),
    ("empty.csv", "empty-file", "error", None, None),
    ("header-only.csv", "header-only", "error", None, None),
    ("unknown-kind.csv", "unknown-kind", "error", None, None),
]


@pytest.mark.parametrize(
    ("fixture", "code", "severity", "row", "field"), DEFECTS, ids=[d[0] for d in DEFECTS]
)
def test_defect_fixture_reports_its_issue(
    fixture: str, code: str, severity: str, row: int | None, field: str | None
) -> None:
    result = loaders.load_file(FIXTURES / fixture)
    found = [
        i
        for i in result.report.issues
        if (i.code, i.severity, i.row, i.field) == (code, severity, row, field)
    ]
    assert found, result.report.to_text()
    issue = found[0]
    assert issue.file == fixture
    assert (
        issue.message("en") and issue.message("it") and issue.message("en") != issue.message("it")
    )
    assert issue.hint("en") and issue.hint("it")
    # The fixture carries its one defect and nothing else that blocks an import.
    errors = result.report.errors
    if severity == "error":
        assert len(errors) == 1, result.report.to_text()
    else:
        assert result.report.ok, result.report.to_text()


@pytest.mark.parametrize("kind", schema.KINDS)
def test_good_fixtures_load_cleanly(kind: str) -> None:
    batch = loaders.load_files(list(GOOD.values()))
    assert batch.report.ok and not batch.report.warnings, batch.report.to_text()
    assert set(batch.frames) == set(schema.KINDS)
    assert len(batch.frames[kind]) == len(GOOD[kind].read_text().splitlines()) - 1


def test_issue_values_and_messages_quote_the_cell() -> None:
    issue = _issues(loaders.load_file(FIXTURES / "projects-bad-amount.csv").report, "bad-number")[0]
    assert issue.value == "12,3,4"
    assert issue.message("en") == "'12,3,4' is not a number."
    assert issue.message("it") == "'12,3,4' non è un numero."
    assert "12.500,00" in issue.hint("en")
    assert issue.to_text("en") == (
        "projects-bad-amount.csv row 5, column 'Importo richiesto': '12,3,4' is not a number. "
        "Fix: Write amounts like 12.500,00 or 12500.00 (the euro sign is optional)."
    )
    assert issue.to_text("it").startswith(
        "projects-bad-amount.csv riga 5, colonna 'Importo richiesto': '12,3,4' non è un numero."
    )


def test_ambiguous_municipality_lists_candidates_in_the_message() -> None:
    result = loaders.load_file(FIXTURES / "associations-ambiguous-municipality.csv")
    issue = _issues(result.report, "ambiguous-municipality")[0]
    assert "Samone (TO, 001235)" in issue.message("en")
    assert "Samone (TN, 022165)" in issue.message("en")
    assert "Samone (TO)" in issue.hint("en")
    assert result.frame is not None
    assert pd.isna(result.frame.loc[1, schema.A_MUNICIPALITY])


def test_unknown_municipality_hint_offers_close_matches() -> None:
    issue = _issues(
        loaders.load_file(FIXTURES / "associations-unknown-municipality.csv").report,
        "unknown-municipality",
    )[0]
    assert "Modena (MO)" in issue.hint("en") and "Modena (MO)" in issue.hint("it")


def test_missing_column_names_accepted_headers() -> None:
    issue = _issues(
        loaders.load_file(FIXTURES / "associations-missing-column.csv").report, "missing-column"
    )[0]
    assert "'Codice ISTAT'" in issue.hint("en") and "'Comune'" in issue.hint("it")
    # ...and the column's cells are not reported one by one.
    report = loaders.load_file(FIXTURES / "associations-missing-column.csv").report
    assert not _issues(report, "missing-required")


def test_extra_cells_silence_the_shifted_row() -> None:
    report = loaders.load_file(FIXTURES / "associations-extra-cells.csv").report
    assert [i.row for i in report.issues] == [2]


def test_every_problem_is_collected(tmp_path: Path) -> None:
    # Several defects in one file: all of them are reported, not just the first.
    text = GOOD[schema.ASSOCIATIONS].read_text().splitlines()
    text[1] = text[1].replace("058091", "Atlantide").replace("2005", "1700")
    text[2] = text[2].replace("GHA", "ZZZ").replace(",health,", ",sport,")
    bad = tmp_path / "many.csv"
    bad.write_text("\n".join(text) + "\n", encoding="utf-8")
    report = loaders.load_file(bad, kind=schema.ASSOCIATIONS).report
    assert sorted((i.code, i.row) for i in report.errors) == [
        ("bad-year", 2),
        ("unknown-country", 3),
        ("unknown-municipality", 2),
        ("unknown-theme", 3),
    ]


# -- reading ------------------------------------------------------------------------------
def _frame(path: Path, kind: str | None = None) -> pd.DataFrame:
    result = loaders.load_file(path, kind=kind)
    assert result.frame is not None, result.report.to_text()
    return result.frame


@pytest.mark.parametrize(
    "fixture",
    ["associations-bom.csv", "associations-tab-separated.csv"],
)
def test_encodings_and_separators_read_the_same(fixture: str) -> None:
    pd.testing.assert_frame_equal(_frame(FIXTURES / fixture), _frame(GOOD[schema.ASSOCIATIONS]))


def test_cp1252_semicolon_file_reads_accents() -> None:
    result = loaders.load_file(FIXTURES / "associations-cp1252-semicolon.csv")
    assert result.report.ok
    assert "Windows-1252" in _issues(result.report, "encoding")[0].message("en")
    frame = result.frame
    assert frame is not None
    assert frame[schema.A_NAME].tolist() == ["Comunità Ivoriana dell'Umbria", "Peruviani a Forlì"]
    assert frame[schema.A_MUNICIPALITY].tolist() == ["054013", "040012"]
    assert frame[schema.A_COUNTRIES].tolist() == [["CIV"], ["PER"]]


def test_italian_headers_and_values() -> None:
    frame = _frame(FIXTURES / "associations-italian-headers.csv")
    cp1252 = _frame(FIXTURES / "associations-cp1252-semicolon.csv")
    pd.testing.assert_frame_equal(frame, cp1252)
    first = frame.iloc[0]
    assert first[schema.A_ID] == "ASS-10"
    assert first[schema.A_MUNICIPALITY] == "054013"
    assert first[schema.A_FOUNDED] == 1999
    assert first[schema.A_MEMBERS] == 1200
    assert bool(first[schema.A_WOMEN_LED]) is True
    assert bool(first[schema.A_YOUTH_LED]) is False
    assert first[schema.A_SDGS] == [8, 11]
    assert first[schema.A_THEMES] == ["employment", "housing"]
    assert first[schema.A_WEBSITE] == "https://www.ciu.example.org"
    assert first[schema.A_NETWORKS] == ["Forum"]


def test_italian_project_values() -> None:
    frame = _frame(FIXTURES / "projects-italian-headers.csv")
    first = frame.iloc[0]
    assert first[schema.P_REQUESTED] == 100000.0
    assert first[schema.P_GRANTED] == 90000.0
    assert first[schema.P_COFINANCING] == 10000.0
    assert first[schema.P_SUBMITTED] == pd.Timestamp("2023-01-15")
    assert first[schema.P_END] == pd.Timestamp("2025-05-31")
    assert frame[schema.P_STAGE].tolist() == ["approved", "in_progress", "submitted"]
    assert frame[schema.P_FUNDER_TYPE].tolist() == ["aics", "foundation", "eu"]
    assert frame[schema.P_COUNTRY].tolist() == ["SEN", "GHA", "ALB"]
    assert frame[schema.P_MUNICIPALITY].tolist() == ["058091", "036023", "015146"]
    assert pd.isna(frame.iloc[2][schema.P_GRANTED])
    assert pd.isna(frame.iloc[2][schema.P_START])


def test_italian_call_values() -> None:
    italian = _frame(FIXTURES / "calls-italian-headers.csv")
    pd.testing.assert_frame_equal(italian, _frame(GOOD[schema.CALLS]))
    calls = italian.set_index(schema.C_ID)
    first = calls.loc["CALL-1"]
    assert first[schema.C_FUNDER_TYPE] == "aics"
    assert first[schema.C_COUNTRIES] == ["SEN", "MAR", "ALB"]
    assert first[schema.C_GRANT_MIN] == 200_000.0 and first[schema.C_GRANT_MAX] == 1_500_000.0
    assert first[schema.C_OPENS] == pd.Timestamp("2026-10-01")
    assert first[schema.C_CLOSES] == pd.Timestamp("2027-02-28")
    assert first[schema.C_APPLICANTS] == ["ngo", "network"]  # "ONG|rete"
    # "10%", "20" and "0" are shares: fractions in the frame.
    assert calls[schema.C_COFINANCING].tolist() == [0.1, 0.2, 0.0]
    rolling = calls.loc["CALL-2"]
    assert pd.isna(rolling[schema.C_CLOSES])  # no closing date: open until further notice
    assert rolling[schema.C_COUNTRIES] == []  # no country named: every country
    assert rolling[schema.C_APPLICANTS] == ["association", "ngo"]  # "ODV/APS|OSC"
    assert calls.loc["CALL-3", schema.C_APPLICANTS] == ["association", "municipality"]
    assert calls.loc["CALL-3", schema.C_URL] == "https://www.milano.example.org/bandi"


def test_call_checks_quote_both_cells() -> None:
    closes = _issues(
        loaders.load_file(FIXTURES / "calls-closes-before-opening.csv").report, "date-order"
    )
    assert closes[0].message("en") == (
        "Scadenza (31/01/2025) is earlier than Data apertura (01/03/2025): the call would close "
        "before it opens."
    )
    grants = loaders.load_file(FIXTURES / "calls-grant-min-exceeds-max.csv").report
    (issue,) = _issues(grants, "grant-min-exceeds-max")
    assert (
        issue.message("it")
        == "Il contributo minimo (100.000) supera il contributo massimo (80.000)."
    )


@pytest.mark.parametrize(
    ("cell", "share"),
    [("20%", 0.2), ("20", 0.2), ("0,2", 0.2), ("0.2", 0.2), ("1", 1.0), ("1%", 0.01), ("0", 0.0)],
)
def test_cofinancing_shares_are_read_as_fractions(tmp_path: Path, cell: str, share: float) -> None:
    path = tmp_path / "bandi.csv"
    path.write_text(
        "Codice bando;Finanziatore;Tipo finanziatore;Titolo;Cofinanziamento\n"
        f"B-1;Regione Toscana;regione;Bando co-sviluppo;{cell}\n",
        encoding="utf-8",
    )
    assert _frame(path)[schema.C_COFINANCING].tolist() == [pytest.approx(share)]


def test_blank_rows_keep_row_numbers() -> None:
    result = loaders.load_file(FIXTURES / "projects-bad-amount.csv")
    assert result.rows == [2, 4, 5]
    assert result.frame is not None and len(result.frame) == 3


def test_territories_are_stored_as_gazetteer_ids_or_kept_as_text() -> None:
    frame = _frame(FIXTURES / "associations-unknown-territory.csv")
    dakar, unknown = frame.iloc[0][schema.A_TERRITORIES]
    assert dakar.isdigit() and unknown == "Dakkar"


def test_targets_add_their_goals_after_the_primary_sdg(tmp_path: Path) -> None:
    lines = (FIXTURES / "projects.csv").read_text().splitlines()
    lines[1] = lines[1].replace(",4,4.1|4.a,", ",4,5.1|4.a,")
    lines[2] = lines[2].replace(",3,,", ",,16.2,")
    path = tmp_path / "projects.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    frame = _frame(path)
    assert frame.iloc[0][schema.P_SDGS] == [4, 5]
    assert frame.iloc[0][schema.P_TARGETS] == ["5.1", "4.a"]
    assert frame.iloc[1][schema.P_SDGS] == [16]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.csv", None, "file-not-found"),
        ("a-folder", "dir", "file-is-directory"),
        ("notes.pdf", b"%PDF-1.4 ...", "file-unsupported"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "file-unsupported"),
        ("binary.csv", b"\x00\x01\x02garbage\x00", "file-binary"),
        ("broken.xlsx", b"PK\x03\x04 not really a workbook", "xlsx-broken"),
        ("spaces.csv", b"  \n\n  \n", "file-empty"),
    ],
)
def test_unreadable_files_are_issues_not_exceptions(
    tmp_path: Path, name: str, content: bytes | str | None, message: str
) -> None:
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    result = loaders.load_file(path)
    assert result.frame is None
    (issue,) = result.report.issues
    assert (issue.code, issue.severity, issue.file) == (MESSAGES[message].code, "error", name)
    assert issue.message_en.startswith(MESSAGES[message].en.split("{")[0])


def test_bad_kind_is_reported() -> None:
    result = loaders.load_file(GOOD[schema.ASSOCIATIONS], kind="pizze")
    assert result.report.codes() == ["unknown-kind"]


def test_utf16_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "associazioni.txt"
    text = (FIXTURES / "associations-tab-separated.csv").read_text(encoding="utf-8")
    path.write_bytes(text.encode("utf-16"))
    pd.testing.assert_frame_equal(_frame(path), _frame(GOOD[schema.ASSOCIATIONS]))


# -- Excel --------------------------------------------------------------------------------
def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_xlsx_typed_cells(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "associations.xlsx",
        {
            "Associazioni": [
                [
                    "Codice",
                    "Nome",
                    "Codice ISTAT",
                    "Paesi di origine",
                    "Anno di fondazione",
                    "Soci",
                    "Guidata da donne",
                ],
                ["ASS-1", "Senegalesi di Roma", 58091, "SEN", 2005, 120.0, True],
                [None, None, None, None, None, None, None],
                ["ASS-2", "Ghanesi di Torino", 1272, "Ghana", 1998.0, 45, False],
            ],
        },
    )
    result = loaders.load_file(path)
    assert result.report.ok, result.report.to_text()
    frame = result.frame
    assert frame is not None
    assert result.rows == [2, 4]
    assert frame[schema.A_MUNICIPALITY].tolist() == ["058091", "001272"]
    assert frame[schema.A_FOUNDED].tolist() == [2005, 1998]
    assert frame[schema.A_MEMBERS].tolist() == [120, 45]
    assert frame[schema.A_WOMEN_LED].tolist() == [True, False]


def test_xlsx_sheet_named_like_the_kind_and_dates(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "dati.xlsx",
        {
            "Istruzioni": [["Compila il foglio Progetti."]],
            "Progetti": [
                [
                    "ID progetto",
                    "Titolo",
                    "Capofila",
                    "Comune",
                    "Paese",
                    "Fase",
                    "Importo richiesto",
                    "Importo concesso",
                    "Data presentazione",
                    "Data fine",
                ],
                [
                    "PRJ-1",
                    "Scuole",
                    "ASS-1",
                    "Roma",
                    "SEN",
                    "approvato",
                    12.345,
                    12.0,
                    dt.datetime(2023, 1, 15),
                    dt.date(2025, 5, 31),
                ],
            ],
        },
    )
    result = loaders.load_file(path)
    assert result.kind == schema.PROJECTS
    frame = result.frame
    assert frame is not None, result.report.to_text()
    # A float cell of 12.345 stays twelve point three (the thousands rule is for text).
    assert frame.iloc[0][schema.P_REQUESTED] == pytest.approx(12.345)
    assert frame.iloc[0][schema.P_SUBMITTED] == pd.Timestamp("2023-01-15")
    assert frame.iloc[0][schema.P_END] == pd.Timestamp("2025-05-31")
    assert result.report.ok, result.report.to_text()  # references: unchecked warning only


def test_xlsx_column_without_header(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "associazioni.xlsx",
        {
            "Foglio1": [
                ["association_id", "name", "municipality_istat", "origin_countries"],
                ["ASS-1", "Senegalesi", "058091", "SEN", "nota a margine"],
            ],
        },
    )
    report = loaders.load_file(path).report
    assert [(i.code, i.severity) for i in report.issues] == [("unknown-column", "warning")]
    assert "5 (E)" in report.issues[0].message("en")


def test_title_rows_above_the_header_are_skipped(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "residenti.xlsx",
        {
            "Tavola 1": [
                ["Tavola 1 - Stranieri residenti per provincia e cittadinanza"],
                [],
                ["Anno", "Provincia", "Cittadinanza", "Residenti"],
                [2023, "Roma", "Senegal", "5.230"],
                [2023, "RM", "Ghana", 812],
            ],
        },
    )
    result = loaders.load_file(path)
    assert result.report.ok and not result.report.issues, result.report.to_text()
    assert result.rows == [4, 5]
    assert result.frame is not None
    assert result.frame[schema.R_RESIDENTS].tolist() == [5230, 812]
    assert result.frame[schema.R_PROVINCE].tolist() == ["058", "058"]


def test_excel_sep_line_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "associazioni.csv"
    text = (FIXTURES / "associations.csv").read_text().replace(",", ";")
    path.write_text("sep=;\n" + text, encoding="utf-8")
    pd.testing.assert_frame_equal(_frame(path), _frame(GOOD[schema.ASSOCIATIONS]))


# -- kinds --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "headers", "kind", "expected"),
    [
        ("progetti_2024.csv", ["a"], None, schema.PROJECTS),
        ("associazioni.csv", ["a"], None, schema.ASSOCIATIONS),
        ("gemellaggi.xlsx", ["a"], None, schema.TWINNINGS),
        ("residenti.csv", ["a"], None, schema.RESIDENTS),
        ("bandi_2027.xlsx", ["a"], None, schema.CALLS),
        ("calls.csv", ["a"], None, schema.CALLS),
        ("export.csv", ["a"], "bandi", schema.CALLS),
        ("export.csv", ["a"], "projects", schema.PROJECTS),
        ("export.csv", ["a"], "progetti", schema.PROJECTS),
        (
            "export.csv",
            ["Codice progetto", "Titolo", "Capofila", "Comune", "Paese", "Fase"],
            None,
            schema.PROJECTS,
        ),
        (
            "export.csv",
            ["ID", "Denominazione", "Comune", "Paesi di origine"],
            None,
            schema.ASSOCIATIONS,
        ),
        ("export.csv", ["Anno", "Provincia", "Cittadinanza", "Residenti"], None, schema.RESIDENTS),
        (
            "export.csv",
            ["ID", "Comune", "Città partner", "Paese partner", "Tipo", "Stato"],
            None,
            schema.TWINNINGS,
        ),
        (
            "export.csv",
            ["Codice bando", "Finanziatore", "Tipo finanziatore", "Titolo del bando", "Scadenza"],
            None,
            schema.CALLS,
        ),
        ("export.csv", ["colore", "sapore"], None, None),
    ],
)
def test_detect_kind(name: str, headers: list[str], kind: str | None, expected: str | None) -> None:
    frame = pd.DataFrame(columns=headers)
    assert loaders.detect_kind(Path(name), frame, kind) == expected


# -- the output contract ------------------------------------------------------------------
@pytest.mark.parametrize("kind", schema.KINDS)
def test_frames_have_the_canonical_columns_and_dtypes(kind: str) -> None:
    frame = loaders.load_files(list(GOOD.values())).frames[kind]
    assert list(frame.columns) == schema.column_names(kind)
    # The store's own coercion changes nothing: the loaders already produce its dtypes.
    pd.testing.assert_frame_equal(frame, coerce_dtypes(kind, frame))
    for column in schema.COLUMNS[kind]:
        dtype = str(frame[column.name].dtype)
        expected = {
            "int": "Int64",
            "float": "float64",
            "bool": "boolean",
            "date": "datetime64[ns]",
        }.get(column.type)
        if column.type.endswith("_list"):
            assert dtype == "object"
            assert all(isinstance(v, list) for v in frame[column.name])
        elif expected:
            assert dtype == expected, column.name
        else:
            assert dtype == "string", column.name


def test_list_values() -> None:
    frame = loaders.load_files(list(GOOD.values())).frames
    projects = frame[schema.PROJECTS].set_index(schema.P_ID)
    assert projects.loc["PRJ-3", schema.P_PARTNERS] == ["ASS-1", "ASS-2"]
    assert projects.loc["PRJ-2", schema.P_PARTNERS] == []
    assert all(isinstance(g, int) for g in projects.loc["PRJ-1", schema.P_SDGS])
    associations = frame[schema.ASSOCIATIONS].set_index(schema.A_ID)
    assert associations.loc["ASS-3", schema.A_COUNTRIES] == ["ALB", "XKX"]
    assert associations.loc["ASS-1", schema.A_SDGS] == [8, 4]  # given order: 8 is primary


# -- batches and references ---------------------------------------------------------------
def test_unknown_lead_is_found_across_the_batch() -> None:
    batch = loaders.load_files([GOOD[schema.ASSOCIATIONS], FIXTURES / "projects-unknown-lead.csv"])
    issues = _issues(batch.report, "unknown-reference")
    assert [(i.file, i.row, i.field, i.value, i.severity) for i in issues] == [
        ("projects-unknown-lead.csv", 3, "Capofila", "ASS-99", "error")
    ]


def test_unknown_project_in_a_twinning() -> None:
    batch = loaders.load_files(
        [
            GOOD[schema.ASSOCIATIONS],
            GOOD[schema.PROJECTS],
            FIXTURES / "twinnings-unknown-project.csv",
        ]
    )
    issues = _issues(batch.report, "unknown-reference")
    assert [(i.row, i.field, i.value) for i in issues] == [(3, "project_ids", "PRJ-77")]


def test_references_against_the_existing_store() -> None:
    associations = loaders.load_file(GOOD[schema.ASSOCIATIONS]).frame
    assert associations is not None
    ok = loaders.load_file(
        FIXTURES / "projects-italian-headers.csv", existing={schema.ASSOCIATIONS: associations}
    )
    assert ok.report.ok and not ok.report.issues, ok.report.to_text()
    bad = loaders.load_file(
        FIXTURES / "projects-unknown-lead.csv", existing={schema.ASSOCIATIONS: associations}
    )
    assert [i.value for i in _issues(bad.report, "unknown-reference")] == ["ASS-99"]


def test_references_unchecked_without_associations_is_a_warning() -> None:
    report = loaders.load_file(GOOD[schema.PROJECTS]).report
    assert report.ok
    assert {(i.code, i.field, i.severity) for i in report.issues} == {
        ("unknown-reference", schema.P_LEAD, "warning"),
        ("unknown-reference", schema.P_PARTNERS, "warning"),
    }


def test_ids_repeated_across_files_of_one_kind(tmp_path: Path) -> None:
    other = tmp_path / "associazioni-2.csv"
    lines = GOOD[schema.ASSOCIATIONS].read_text().splitlines()
    other.write_text("\n".join([lines[0], lines[2].replace("ASS-2", "ASS-9"), lines[3]]) + "\n")
    batch = loaders.load_files([GOOD[schema.ASSOCIATIONS], other])
    issues = _issues(batch.report, "duplicate-id")
    assert [(i.file, i.row, i.value) for i in issues] == [("associazioni-2.csv", 3, "ASS-3")]
    assert "associations.csv" in issues[0].message("en")
    assert len(batch.frames[schema.ASSOCIATIONS]) == 5  # stacked: 3 + 2 rows


# -- imports ------------------------------------------------------------------------------
def test_import_with_errors_writes_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    version, report = loaders.import_files(
        [GOOD[schema.ASSOCIATIONS], FIXTURES / "projects-bad-amount.csv"], store
    )
    assert version is None and not report.ok
    assert store.versions() == [] and store.current() is None


def test_import_writes_a_version(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    version, report = loaders.import_files(list(GOOD.values()), store, note="first")
    assert version is not None, report.to_text()
    assert version.counts == {
        schema.ASSOCIATIONS: 3,
        schema.PROJECTS: 3,
        schema.TWINNINGS: 2,
        schema.RESIDENTS: 3,
        schema.CALLS: 3,
    }
    assert version.note == "first" and not version.demo
    assert store.current() == version
    pd.testing.assert_frame_equal(
        store.read(schema.PROJECTS),
        loaders.load_files(list(GOOD.values())).frames[schema.PROJECTS],
    )


def test_import_of_one_kind_is_checked_against_the_store(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    first, _ = loaders.import_files(list(GOOD.values()), store)
    assert first is not None
    version, report = loaders.import_files([FIXTURES / "projects-unknown-lead.csv"], store)
    assert version is None
    assert [i.value for i in _issues(report, "unknown-reference")] == ["ASS-99"]
    version, report = loaders.import_files([FIXTURES / "projects-italian-headers.csv"], store)
    assert version is not None, report.to_text()
    assert len(store.versions()) == 2
    assert len(store.read(schema.ASSOCIATIONS)) == 3  # carried over


def test_calls_import_on_their_own_and_carry_over_like_every_kind(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    without_calls = [path for kind, path in GOOD.items() if kind != schema.CALLS]
    first, report = loaders.import_files(without_calls, store)
    assert first is not None, report.to_text()
    assert schema.CALLS not in first.counts and store.read(schema.CALLS).empty
    second, report = loaders.import_files([FIXTURES / "calls-italian-headers.csv"], store)
    assert second is not None, report.to_text()
    assert second.counts[schema.CALLS] == 3
    assert second.counts[schema.PROJECTS] == 3  # the other kinds carried over
    third, report = loaders.import_files([GOOD[schema.PROJECTS]], store)
    assert third is not None, report.to_text()
    pd.testing.assert_frame_equal(store.read(schema.CALLS), store.read(schema.CALLS, "v0002"))
    assert third.counts[schema.CALLS] == 3


def test_import_without_associations_anywhere_is_refused(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    version, report = loaders.import_files([GOOD[schema.PROJECTS]], store)
    assert version is None
    assert {i.code for i in report.errors} == {"unknown-reference"}


def test_replacing_associations_must_keep_those_projects_use(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    loaders.import_files(list(GOOD.values()), store)
    fewer = tmp_path / "associazioni.csv"
    lines = GOOD[schema.ASSOCIATIONS].read_text().splitlines()
    fewer.write_text("\n".join(lines[:3]) + "\n")  # ASS-3 dropped; PRJ-3 leads with it
    version, report = loaders.import_files([fewer], store)
    assert version is None
    orphan = _issues(report, "unknown-reference")
    assert [(i.file, i.value) for i in orphan] == [("associazioni.csv", "ASS-3")]
    assert "PRJ-3" in orphan[0].message("en")


def test_seed_demo_once(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    version, report = loaders.seed_demo(store)
    assert version is not None and version.demo, report.to_text()
    assert set(version.counts) == {p.stem for p in loaders.demo_files()}
    again, _ = loaders.seed_demo(store)
    assert again is None and len(store.versions()) == 1


def test_demo_files_are_shipped() -> None:
    names = {p.name for p in loaders.demo_files()}
    assert {
        "associations.csv",
        "projects.csv",
        "twinnings.csv",
        "residents.csv",
        "calls.csv",
    } <= names


# -- reports ------------------------------------------------------------------------------
def test_report_text_groups_by_file_and_sorts_by_row() -> None:
    batch = loaders.load_files(
        [FIXTURES / "projects-dates-out-of-order.csv", FIXTURES / "associations-bad-year.csv"]
    )
    text = batch.report.to_text("en")
    assert text.splitlines()[0] == "projects-dates-out-of-order.csv: 1 error, 0 warnings"
    assert text.splitlines()[1] == "associations-bad-year.csv: 1 error, 0 warnings"
    assert text.index("projects-dates-out-of-order.csv row 2") < text.index(
        "associations-bad-year.csv row 3"
    )


def test_report_truncates_repeated_issues() -> None:
    report = Report()
    for row in range(2, 32):
        report.add(make_issue("bad-amount", file="x.csv", row=row, field="Importo", value="?"))
    text = report.to_text("en", max_per_group=5)
    assert text.count("is not a number") == 5
    assert "... and 25 more like this (bad-number, column 'Importo')" in text
    assert report.to_text("en", max_per_group=None).count("is not a number") == 30


def test_report_dict_is_json() -> None:
    report = loaders.load_file(FIXTURES / "projects-bad-amount.csv").report
    data = json.loads(json.dumps(report.to_dict("it")))
    assert data["ok"] is False and data["errors"] == 1
    issue = next(i for i in data["issues"] if i["code"] == "bad-number")
    assert issue["row"] == 5 and issue["field"] == "Importo richiesto"
    assert issue["message"] == issue["message_it"]


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_messages_exist_in_both_languages(key: str) -> None:
    import string

    msg = MESSAGES[key]
    templates = (msg.en, msg.it, msg.hint_en, msg.hint_it)
    assert all(templates), key
    names = {f for t in templates for _, f, _, _ in string.Formatter().parse(t) if f}
    # One set of parameters fills both languages (what make_issue is given).
    issue = make_issue(
        key,
        file="f.csv",
        **{n: f"<{n}>" for n in names - {"field", "value"}},
        field="Col",
        value="v",
    )
    assert issue.message_en != issue.message_it and issue.hint_en != issue.hint_it
    # The cell's value is quoted in both languages or in neither.
    assert ("{value}" in msg.en) == ("{value}" in msg.it), key
    assert "{" not in issue.message_en + issue.message_it + issue.hint_en + issue.hint_it


# -- speed --------------------------------------------------------------------------------
def test_ten_thousand_rows_load_whole(tmp_path: Path) -> None:
    # How fast is the benchmark's business (scripts/benchmark.py, loaders section); this
    # checks that a large file loads completely and cleanly.
    lines = (FIXTURES / "projects-italian-headers.csv").read_text().splitlines()
    rows = [lines[1 + i % 3].replace(f"PRJ-{1 + i % 3};", f"PRJ-{i};", 1) for i in range(10_000)]
    path = tmp_path / "progetti.csv"
    path.write_text("\n".join([lines[0], *rows]) + "\n", encoding="utf-8")
    result = loaders.load_file(path)
    assert result.frame is not None and len(result.frame) == 10_000
    assert result.report.ok, result.report.to_text()
    assert result.frame["project_id"].is_unique


# -- updates: add, change, delete; checked on the result ---------------------------------
@pytest.fixture
def good_store(tmp_path: Path) -> Store:
    """A store holding the good fixtures as its one version."""
    store = Store(tmp_path / "store")
    version, report = loaders.import_files(list(GOOD.values()), store, note="first")
    assert version is not None, report.to_text()
    return store


def _plan(store: Store, *names: str, mode: loaders.Mode = "update") -> loaders.ImportPlan:
    return loaders.prepare_import([FIXTURES / name for name in names], store, mode=mode)


def test_update_adds_changes_and_keeps_the_rest(good_store: Store) -> None:
    plan = _plan(good_store, "associations-update.csv")
    assert plan.ok and not plan.report.issues, plan.report.to_text()
    assert plan.base_version == "v0001" and plan.mode == "update"
    table = plan.batch.frames[schema.ASSOCIATIONS].set_index(schema.A_ID)
    assert list(table.index) == ["ASS-1", "ASS-2", "ASS-3", "ASS-4"]  # stored order, then new
    first = table.loc["ASS-1"]
    assert first[schema.A_MEMBERS] == 150  # a filled cell changes the value
    assert pd.isna(first[schema.A_ACRONYM])  # a dash clears it
    assert first[schema.A_NAME] == "Associazione Senegalesi di Roma"  # an empty cell keeps it
    assert bool(first[schema.A_WOMEN_LED]) is True  # empty yes/no: kept, not "no"
    assert first[schema.A_COUNTRIES] == ["SEN"] and first[schema.A_SDGS] == [8, 4]
    added = table.loc["ASS-4"]
    assert added[schema.A_MUNICIPALITY] == "040012" and added[schema.A_COUNTRIES] == ["PER"]
    assert bool(added[schema.A_WOMEN_LED]) is True
    stored = good_store.read(schema.ASSOCIATIONS).set_index(schema.A_ID)
    pd.testing.assert_frame_equal(table.loc[["ASS-2", "ASS-3"]], stored.loc[["ASS-2", "ASS-3"]])
    changes = plan.changes.kinds[schema.ASSOCIATIONS]
    assert list(changes.added[schema.A_ID]) == ["ASS-4"] and changes.removed.empty
    assert [(c.key, [f.column for f in c.fields]) for c in changes.changed] == [
        ("ASS-1", [schema.A_ACRONYM, schema.A_MEMBERS])
    ]
    info = loaders.commit_import(plan, good_store, note="soci 2026", author="Maria Rossi")
    assert (info.counts[schema.ASSOCIATIONS], info.counts[schema.PROJECTS]) == (4, 3)
    assert (info.mode, info.author, info.note) == ("update", "Maria Rossi", "soci 2026")
    assert info.sources == ("associations-update.csv",)


def test_update_deletes_the_rows_marked(good_store: Store) -> None:
    plan = _plan(good_store, "projects-delete.csv")
    assert plan.ok and not plan.report.issues, plan.report.to_text()
    assert plan.batch.frames[schema.PROJECTS][schema.P_ID].tolist() == ["PRJ-1", "PRJ-2"]
    kind = plan.changes.kinds[schema.PROJECTS]
    assert (kind.n_added, kind.n_changed, kind.n_removed) == (0, 0, 1)
    assert kind.removed[schema.P_ID].tolist() == ["PRJ-3"]


def test_deleting_a_row_others_use_is_an_error_on_that_row(good_store: Store) -> None:
    plan = _plan(good_store, "associations-delete-used.csv")
    assert not plan.ok
    (issue,) = plan.report.issues
    assert (issue.code, issue.row, issue.value) == ("unknown-reference", 2, "ASS-3")
    assert "PRJ-3" in issue.message("en") and "PRJ-3" in issue.message("it")


def test_deleting_what_is_not_there_is_a_warning(good_store: Store) -> None:
    plan = _plan(good_store, "associations-delete-unknown.csv")
    assert plan.ok and plan.report.codes() == ["delete-unknown"]
    assert plan.changes.empty


def test_update_references_are_checked_against_the_result(good_store: Store) -> None:
    alone = _plan(good_store, "projects-update-lead.csv")
    assert [(i.code, i.row, i.value) for i in alone.report.errors] == [
        ("unknown-reference", 2, "ASS-4")
    ]
    together = _plan(good_store, "associations-update.csv", "projects-update-lead.csv")
    assert together.ok and not together.report.issues, together.report.to_text()
    projects = together.batch.frames[schema.PROJECTS].set_index(schema.P_ID)
    assert projects.loc["PRJ-2", schema.P_LEAD] == "ASS-4"


def test_six_row_correction_reports_nothing_about_other_rows(demo_store: Store) -> None:
    update = _plan(demo_store, "projects-six-corrections.csv")
    assert update.ok and not update.report.issues, update.report.to_text()
    kind = update.changes.kinds[schema.PROJECTS]
    assert (kind.n_added, kind.n_changed, kind.n_removed) == (0, 6, 0)
    assert kind.rows_before == kind.rows_after == 730
    projects = update.batch.frames[schema.PROJECTS].set_index(schema.P_ID)
    assert projects.loc["PRJ-0001", schema.P_GRANTED] == 18_500.0
    assert projects.loc["PRJ-0003", schema.P_LEAD] == "ASS-0018"
    assert projects.loc["PRJ-0004", schema.P_STAGE] == "in_progress"
    # The same file as a replacement would drop 724 projects: that is what replace means.
    replace = _plan(demo_store, "projects-six-corrections.csv", mode="replace")
    assert len(replace.report.errors) > 6


def test_a_new_row_needs_every_required_value(good_store: Store) -> None:
    plan = _plan(good_store, "projects-update-new-incomplete.csv")
    assert sorted((i.code, i.field) for i in plan.report.errors) == sorted(
        ("missing-column", column)
        for column in (schema.P_LEAD, schema.P_MUNICIPALITY, schema.P_COUNTRY, schema.P_STAGE)
    )
    assert all("PRJ-9" in i.message("en") for i in plan.report.errors)


def test_a_required_value_cannot_be_cleared(good_store: Store) -> None:
    plan = _plan(good_store, "projects-update-clears-required.csv")
    assert [(i.code, i.row, i.field) for i in plan.report.errors] == [
        ("missing-required", 2, "Fase")
    ]


def test_dates_are_checked_with_the_stored_ones(good_store: Store) -> None:
    plan = _plan(good_store, "projects-update-end-before-start.csv")
    assert [(i.code, i.row, i.field) for i in plan.report.errors] == [
        ("date-order", 2, "Data fine")
    ]
    assert "2023" in plan.report.errors[0].message("en")  # the stored start, written out


@pytest.mark.parametrize(
    ("territory", "code", "found"),
    [("Saint-Louis", "", True), ("Kumasi", "unknown-territory", False)],
)
def test_territories_are_resolved_in_the_stored_country(
    good_store: Store, tmp_path: Path, territory: str, code: str, found: bool
) -> None:
    path = tmp_path / "progetti.csv"
    path.write_text(f"project_id,destination_territory\nPRJ-1,{territory}\n", encoding="utf-8")
    plan = loaders.prepare_import([path], good_store, mode="update")
    assert plan.report.codes() == ([code] if code else []), plan.report.to_text()
    value = plan.batch.frames[schema.PROJECTS].set_index(schema.P_ID).loc["PRJ-1"]
    assert (value[schema.P_TERRITORY] != territory) is found  # resolved to a gazetteer id


def test_residents_are_updated_by_year_province_and_citizenship(good_store: Store) -> None:
    plan = _plan(good_store, "residents-update.csv")
    assert plan.ok and not plan.report.issues, plan.report.to_text()
    table = plan.batch.frames[schema.RESIDENTS]
    assert [tuple(r) for r in table.itertuples(index=False)] == [
        (2023, "058", "SEN", 6000),
        (2023, "015", "ALB", 15020),
        (2024, "058", "SEN", 6100),
    ]
    kind = plan.changes.kinds[schema.RESIDENTS]
    assert (kind.n_added, kind.n_changed, kind.n_removed) == (1, 1, 1)


def test_commit_refuses_a_plan_with_errors(good_store: Store) -> None:
    plan = _plan(good_store, "projects-update-clears-required.csv")
    with pytest.raises(loaders.ImportRefused):
        loaders.commit_import(plan, good_store)
    assert len(good_store.versions()) == 1


def test_commit_refuses_a_plan_made_before_another_commit(good_store: Store) -> None:
    stale = _plan(good_store, "associations-update.csv")
    loaders.commit_import(_plan(good_store, "projects-delete.csv"), good_store)
    with pytest.raises(loaders.ConflictError, match="v0002"):
        loaders.commit_import(stale, good_store)
    assert good_store.current_id() == "v0002"
    # Prepared again against the new current version, it keeps the other commit's changes.
    again = loaders.commit_import(_plan(good_store, "associations-update.csv"), good_store)
    assert again.counts[schema.PROJECTS] == 2 and again.counts[schema.ASSOCIATIONS] == 4


def test_two_racing_commits_never_both_win(good_store: Store) -> None:
    plans = [_plan(good_store, "associations-update.csv"), _plan(good_store, "projects-delete.csv")]
    start = threading.Barrier(2)

    def commit(plan: loaders.ImportPlan) -> str:
        start.wait()
        try:
            return loaders.commit_import(plan, good_store).version_id
        except loaders.ConflictError:
            return "refused"

    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(commit, plans))
    assert sorted(outcomes) == ["refused", "v0002"]
    loser = plans[outcomes.index("refused")]
    # The refused one, prepared again, lands on top of the winner: both changes are kept.
    loaders.commit_import(
        loaders.prepare_import(loser.sources, good_store, mode="update"), good_store
    )
    assert good_store.read(schema.ASSOCIATIONS)[schema.A_ID].tolist()[-1] == "ASS-4"
    assert good_store.read(schema.PROJECTS)[schema.P_ID].tolist() == ["PRJ-1", "PRJ-2"]


def test_uploaded_bytes_import_like_files(good_store: Store) -> None:
    data = (FIXTURES / "associations-update.csv").read_bytes()
    upload = loaders.SourceFile("soci.csv", data)
    plan = loaders.prepare_import([upload], good_store, kinds="associazioni", mode="update")
    assert plan.ok, plan.report.to_text()
    info = loaders.commit_import(plan, good_store, author="Maria Rossi")
    assert good_store.source_files(info.version_id) == [upload]


def test_places_matched_approximately_are_recorded_and_carried(good_store: Store) -> None:
    info, report = loaders.import_files(
        [FIXTURES / "associations-approximate-places.csv"], good_store
    )
    assert info is not None, report.to_text()
    places = good_store.metadata(info.version_id)[loaders.PLACES_KEY]
    assert {(p["key"], p["column"], p["written"], p["reason"]) for p in places} == {
        ("ASS-1", schema.A_MUNICIPALITY, "Reggio Emilia", "variant"),
        ("ASS-1", schema.A_TERRITORIES, "Dakar, Senegal", "partial"),
    }
    # An import of another kind carries them over; rewriting the cell exactly drops one.
    carried, _ = loaders.import_files([GOOD[schema.CALLS]], good_store)
    assert carried is not None
    assert good_store.metadata(carried.version_id)[loaders.PLACES_KEY] == places
    path = good_store.root.parent / "associazioni.csv"
    path.write_text(
        "association_id;municipality_istat\nASS-1;Reggio nell'Emilia\n", encoding="utf-8"
    )
    updated, report = loaders.import_files([path], good_store, mode="update")
    assert updated is not None, report.to_text()
    left = good_store.metadata(updated.version_id)[loaders.PLACES_KEY]
    assert [(p["column"], p["reason"]) for p in left] == [(schema.A_TERRITORIES, "partial")]


def test_importing_the_shipped_demo_files_is_the_demo(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    first, _ = loaders.import_files([GOOD[schema.ASSOCIATIONS]], store)
    assert first is not None and not first.demo
    demo_calls = next(p for p in loaders.demo_files() if p.name == "calls.csv")
    second, report = loaders.import_files([demo_calls], store)
    assert second is not None, report.to_text()
    assert not second.demo and second.demo_kinds == (schema.CALLS,)


def test_an_update_file_of_a_few_columns_is_told_by_its_id_column(
    good_store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "correzioni.csv"
    path.write_text("Codice progetto;Importo concesso\nPRJ-2;45.000\n", encoding="utf-8")
    update = loaders.prepare_import([path], good_store, mode="update")
    assert update.ok and not update.report.issues, update.report.to_text()
    assert update.changes.kinds[schema.PROJECTS].n_changed == 1
    # A replacement needs the whole table: so few columns do not say what the file holds.
    assert loaders.prepare_import([path], good_store).report.codes() == ["unknown-kind"]


def test_report_as_a_table_errors_first_never_cut_off() -> None:
    batch = loaders.load_files(
        [FIXTURES / "associations-unknown-territory.csv", FIXTURES / "projects-bad-amount.csv"]
    )
    table = batch.report.to_frame("en")
    assert list(table.columns) == [
        "Severity",
        "File",
        "Row",
        "Column",
        "Value",
        "Problem",
        "Fix",
        "Code",
    ]
    severities = table["Severity"].tolist()
    assert severities == sorted(severities, key=lambda s: s != "error") and "warning" in severities
    first = table.iloc[0]
    assert (first["File"], first["Row"], first["Column"], first["Code"]) == (
        "projects-bad-amount.csv",
        5,
        "Importo richiesto",
        "bad-number",
    )
    assert "bad-number" not in first["Problem"]
    assert len(table) == len(batch.report.issues)
    assert batch.report.to_frame("it").columns[0] == "Gravità"


def test_a_dash_is_an_empty_cell_in_a_replacement(tmp_path: Path) -> None:
    path = tmp_path / "associazioni.csv"
    lines = GOOD[schema.ASSOCIATIONS].read_text().splitlines()
    lines[1] = lines[1].replace(",ASR,", ",-,").replace(",120,", ",–,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = loaders.load_file(path)
    assert result.report.ok and not result.report.issues, result.report.to_text()
    assert result.frame is not None
    assert pd.isna(result.frame.loc[0, schema.A_ACRONYM])
    assert pd.isna(result.frame.loc[0, schema.A_MEMBERS])


def test_language_choices_are_ponti_languages() -> None:
    from loaders.choices import LANGS
    from ponti import i18n

    assert LANGS == i18n.LANGS


@pytest.mark.parametrize("argv", [["--help"], ["validate", "--help"], ["validate", "--mode", "x"]])
def test_command_line_help_and_mistakes_load_no_pandas(argv: list[str]) -> None:
    # The command line answers these before importing pandas and the reference data.
    import subprocess
    import sys

    script = (
        "import runpy, sys\n"
        f"sys.argv = ['loaders', *{argv!r}]\n"
        "try:\n"
        "    runpy.run_module('loaders', run_name='__main__', alter_sys=True)\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('pandas' in sys.modules, 'ponti.reference' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stderr.splitlines()[-1] == "False False", done.stderr


def test_loading_leaves_the_cycle_collector_as_it_found_it() -> None:
    import gc

    files = [FIXTURES / "associations.csv", FIXTURES / "projects.csv"]
    assert gc.isenabled()
    loaders.load_files(files)
    assert gc.isenabled()
    with pytest.raises(ValueError, match="unknown mode"):
        loaders.load_files(files, mode="merge")  # type: ignore[arg-type]
    assert gc.isenabled()
    gc.disable()
    try:
        loaders.load_files(files)
        assert not gc.isenabled()  # paused by someone else: left paused
    finally:
        gc.enable()
