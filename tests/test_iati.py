"""IATI activity files: each good fixture gives exactly the projects expected (amounts in EUR),
each defect fixture its issue code at its line and element, hostile files are refused, a
failed import writes nothing and a second import updates rather than duplicates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import loaders
from loaders import iati, resolve
from loaders.__main__ import main
from loaders.report import Report
from ponti import schema
from ponti.store import DATA_DIR_ENV, SourceFile, Store

FIXTURES = Path(__file__).resolve().parent / "fixtures"
IATI = FIXTURES / "iati"
ASSOCIATIONS = FIXTURES / "associations.csv"  # ASS-1 ASR (Roma), ASS-2 CGM (Modena), ASS-3 AIL


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A store holding the fixture associations the IATI fixtures' implementers match."""
    store = Store(tmp_path / "store")
    version, report = loaders.import_files([ASSOCIATIONS], store)
    assert version is not None, report.to_text()
    return store


def _plan(store: Store, name: str, **options: Any) -> loaders.ImportPlan:
    with iati.reading(**options):
        return loaders.prepare_import([IATI / name], store, mode="update")


def _projects(plan: loaders.ImportPlan) -> dict[str, dict[str, Any]]:
    frame = plan.batch.frames[schema.PROJECTS]
    return {
        str(row[schema.P_ID]): {str(k): v for k, v in row.items()}
        for row in frame.to_dict("records")
    }


def _codes(report: Report) -> list[tuple[str, str, int | None, str | None]]:
    return [(i.code, i.severity, i.row, i.field) for i in report.issues]


def _territory(name: str, country: str) -> str:
    return resolve.resolve_territory(name, [country])


# -- the good files: exactly the projects expected -----------------------------------------
def _day(text: str) -> pd.Timestamp:
    return pd.Timestamp(dt.date.fromisoformat(text))


EXPECTED_203: dict[str, dict[str, Any]] = {
    "XM-DAC-6-4-012345-01-1": {
        schema.P_TITLE: "Filiera della manioca e cooperativa agricola a Touba",
        schema.P_LEAD: "ASS-1",
        schema.P_MUNICIPALITY: "058091",
        schema.P_COUNTRY: "SEN",
        schema.P_TERRITORY: ("Touba", "SEN"),
        schema.P_SDGS: [8, 1],
        schema.P_TARGETS: ["8.3", "1.4"],
        schema.P_THEMES: ["enterprise"],
        schema.P_DAC: "31120",
        schema.P_FUNDER: "AICS - Agenzia Italiana per la Cooperazione allo Sviluppo",
        schema.P_FUNDER_TYPE: "aics",
        schema.P_PROGRAMME: "Bando promozione delle migrazioni e sviluppo 2022",
        schema.P_STAGE: "in_progress",
        schema.P_REQUESTED: 250_000.0,
        schema.P_GRANTED: 200_000.0,
        schema.P_START: _day("2023-03-01"),  # the actual start, not the planned one
        schema.P_END: _day("2025-12-31"),
    },
    "XI-IATI-EC_HOME-AMIF-2022-0099": {
        schema.P_TITLE: "Salute materna a Kumasi con la diaspora ghanese",
        schema.P_LEAD: "ASS-2",
        schema.P_MUNICIPALITY: "036023",
        schema.P_COUNTRY: "GHA",
        schema.P_TERRITORY: ("Kumasi", "GHA"),
        schema.P_THEMES: ["health"],
        schema.P_DAC: "12220",
        schema.P_FUNDER_TYPE: "eu",
        schema.P_PROGRAMME: "Fondo Asilo, Migrazione e Integrazione (AMIF)",
        schema.P_STAGE: "in_progress",
        # Two budgets in USD: 52,650 at the 2022 average (1.0530) and 54,065 at 2023's
        # (1.0813) are 50,000 EUR each.
        schema.P_REQUESTED: 100_000.0,
        schema.P_GRANTED: 90_000.0,
        schema.P_START: _day("2022-09-01"),
        schema.P_END: _day("2024-12-31"),
    },
    "IT-RLOM-COSVILUPPO-2025-007": {
        schema.P_LEAD: "ASS-3",  # matched by its acronym
        schema.P_COUNTRY: "ALB",
        schema.P_SDGS: [16],
        schema.P_THEMES: ["active_citizenship"],
        schema.P_DAC: "151",
        schema.P_FUNDER: "Regione Lombardia",
        schema.P_FUNDER_TYPE: "region",
        schema.P_STAGE: "submitted",
        schema.P_REQUESTED: 40_000.0,
        schema.P_GRANTED: None,
        schema.P_START: _day("2025-06-01"),
        schema.P_END: _day("2026-05-31"),
    },
    "XM-DAC-47066-SN-2021-014": {
        schema.P_LEAD: "ASS-1",
        schema.P_TERRITORY: ("Dakar", "SEN"),
        schema.P_SDGS: [10],
        schema.P_TARGETS: ["10.7"],
        schema.P_FUNDER: "International Organization for Migration",
        schema.P_FUNDER_TYPE: "iom",
        schema.P_STAGE: "cancelled",
    },
}

EXPECTED_105: dict[str, dict[str, Any]] = {
    "XM-DAC-6-1-2012-000345": {
        schema.P_TITLE: "Centro sanitario comunitario a Kumasi",
        schema.P_SUMMARY: "Costruzione e avvio di un centro sanitario.",
        schema.P_LEAD: "ASS-2",
        schema.P_COUNTRY: "GHA",
        schema.P_TERRITORY: ("Kumasi", "GHA"),
        schema.P_DAC: "12230",
        schema.P_THEMES: ["health"],
        schema.P_FUNDER: "Ministero degli Affari Esteri e della Cooperazione Internazionale",
        schema.P_FUNDER_TYPE: "ministry",
        schema.P_STAGE: "completed",
        schema.P_REQUESTED: 150_000.0,
        schema.P_GRANTED: 140_000.0,
        schema.P_START: _day("2012-05-01"),
        schema.P_END: _day("2014-04-30"),
    },
    "XM-DAC-6-1-2014-000512": {
        schema.P_LEAD: "ASS-3",
        schema.P_COUNTRY: "ALB",
        schema.P_DAC: "113",
        schema.P_THEMES: ["education"],
        schema.P_STAGE: "in_progress",  # 6 suspended: still an open activity
        schema.P_START: _day("2015-01-01"),
        schema.P_END: _day("2016-12-31"),
    },
}


def _check(projects: dict[str, dict[str, Any]], expected: dict[str, dict[str, Any]]) -> None:
    assert set(projects) == set(expected)
    for pid, columns in expected.items():
        for column, value in columns.items():
            got = projects[pid][column]
            if isinstance(value, tuple):
                value = _territory(*value)
            if value is None:
                assert pd.isna(got), (pid, column, got)
            elif isinstance(value, float):
                assert got == pytest.approx(value, abs=0.01), (pid, column)
            else:
                assert got == value, (pid, column, got)


def test_a_203_file_with_several_countries_gives_exactly_these_projects(store: Store) -> None:
    plan = _plan(store, "aics-2.03-several-countries.xml")
    assert plan.ok, plan.report.to_text("en")
    _check(_projects(plan), EXPECTED_203)
    # The split among countries is reported, not silently lost.
    split = [i for i in plan.report.issues if i.code == "iati-several-countries"]
    assert [(i.row, i.value) for i in split] == [
        (35, "SEN 60%, MLI 40%"),
        (121, "ALB 70%, XKX 30%"),
    ]
    assert all(i.severity == "warning" for i in plan.report.issues)


def test_a_105_file_is_read_where_its_elements_allow(store: Store) -> None:
    plan = _plan(store, "legacy-1.05.xml")
    assert plan.ok, plan.report.to_text("en")
    _check(_projects(plan), EXPECTED_105)
    assert _codes(plan.report) == [("iati-old-version", "warning", 3, None)]


def test_all_six_activity_statuses_become_stages(store: Store) -> None:
    stages = {
        **{k: v[schema.P_STAGE] for k, v in _projects(_plan(store, "legacy-1.05.xml")).items()},
        **{
            k: v[schema.P_STAGE]
            for k, v in _projects(_plan(store, "aics-2.03-several-countries.xml")).items()
        },
    }
    # 1 pipeline, 2 implementation, 3 finalisation, 4 closed, 5 cancelled, 6 suspended.
    assert sorted(stages.values()) == sorted(
        ["submitted", "in_progress", "in_progress", "completed", "cancelled", "in_progress"]
    )


@pytest.mark.parametrize(
    ("lang", "title", "summary"),
    [
        ("it", "Scuole della seconda opportunità a Thiès", "Evening classes for young people."),
        ("en", "Second-chance schools in Thiès", "Evening classes for young people."),
    ],
)
def test_narratives_follow_the_users_language(
    store: Store, lang: str, title: str, summary: str
) -> None:
    plan = _plan(store, "several-languages-2.02.xml", lang=lang)
    assert plan.ok, plan.report.to_text("en")
    projects = _projects(plan)
    first = projects["XM-DAC-6-4-011000-02-3"]
    # No Italian description: English is the next choice, before the file's French.
    assert (first[schema.P_TITLE], first[schema.P_SUMMARY]) == (title, summary)
    # Two implementers that are associations: the first leads, the other is a partner.
    assert (first[schema.P_LEAD], first[schema.P_PARTNERS]) == ("ASS-1", ["ASS-2"])
    assert first[schema.P_TERRITORY] == _territory("Thiès", "SEN")
    # Only French given (the file's default language): French it is.
    assert projects["XM-DAC-6-4-011000-02-4"][schema.P_TITLE] == "Jardins maraîchers à Kayes"


def test_amounts_in_other_currencies_become_euro_at_the_shipped_yearly_rates(
    store: Store,
) -> None:
    plan = _plan(store, "non-eur-2.01.xml")
    assert plan.ok, plan.report.to_text("en")
    project = _projects(plan)["GB-CHC-1234567-GH-2019-02"]
    # GBP 87,777 at 2019's 0.87777 plus USD 114,220 at 2020's 1.1422; USD 111,950 at 1.1195.
    assert project[schema.P_REQUESTED] == pytest.approx(200_000.0, abs=0.01)
    assert project[schema.P_GRANTED] == pytest.approx(100_000.0, abs=0.01)
    assert project[schema.P_FUNDER_TYPE] == "foundation"  # IATI organisation type 60
    (issue,) = plan.report.issues
    assert (issue.code, issue.row, issue.field, issue.value) == (
        "iati-unknown-currency",
        35,
        "value/@currency",
        "GHS",
    )


def test_disbursed_and_spent_are_read_too() -> None:
    amounts = iati.amounts_by_activity((IATI / "aics-2.03-several-countries.xml").read_bytes())
    first = amounts["XM-DAC-6-4-012345-01-1"]
    assert (first.budget, first.committed, first.disbursed, first.spent) == (
        250_000.0,
        200_000.0,
        120_000.0,
        80_000.0,
    )
    assert amounts["XI-IATI-EC_HOME-AMIF-2022-0099"].disbursed == pytest.approx(40_000.0, 0.01)


@pytest.mark.parametrize(
    ("value", "currency", "year", "eur"),
    [
        (1081.3, "USD", 2023, 1000.0),
        (1000.0, "EUR", 2019, 1000.0),
        (655_957.0, "XOF", 2024, 1000.0),
        (1109.5, "usd", 2010, 1000.0),  # before the table: its first year (2015)
    ],
)
def test_to_eur(value: float, currency: str, year: int, eur: float) -> None:
    assert iati.to_eur(value, currency, year) == pytest.approx(eur, abs=0.01)


def test_to_eur_without_a_rate_is_none() -> None:
    assert iati.to_eur(100.0, "GHS", 2020) is None


@pytest.mark.parametrize(
    ("ref", "org_type", "name", "funder_type"),
    [
        ("XM-DAC-6-4", "10", "", "aics"),
        ("", "10", "Agenzia Italiana per la Cooperazione allo Sviluppo", "aics"),
        ("XM-DAC-6-1", "10", "", "ministry"),
        ("", "10", "Ministero del Lavoro e delle Politiche Sociali", "ministry"),
        ("XI-IATI-EC_INTPA", "40", "", "eu"),
        ("", "15", "Fondo Asilo, Migrazione e Integrazione (FAMI)", "eu"),
        ("XM-DAC-47066", "40", "", "iom"),
        ("", "40", "OIM - Organizzazione Internazionale per le Migrazioni", "iom"),
        ("", "10", "Regione Emilia-Romagna", "region"),
        ("", "11", "Comune di Milano", "municipality"),
        ("", "11", "Roma Capitale", "municipality"),
        ("", "60", "Fondazione Cariplo", "foundation"),
        ("", "70", "Banca Etica", "private"),
        ("", "21", "Some International NGO", "other"),
        ("", "", "", "other"),
    ],
)
def test_funder_types_from_known_funders_and_organisation_types(
    ref: str, org_type: str, name: str, funder_type: str
) -> None:
    assert iati.funder_type_of(iati.Org(ref, org_type, "1", name)) == funder_type


# -- defects: one code per fixture, at its line and element ---------------------------------
# (fixture, code, severity, line, element)
DEFECTS = [
    ("not-xml.xml", "iati-not-xml", "error", 6, None),
    ("organisation-file.xml", "iati-wrong-root", "error", 2, None),
    ("not-iati.xml", "iati-wrong-root", "error", 2, None),
    ("external-entity.xml", "iati-unsafe", "error", 2, None),
    ("entity-expansion.xml", "iati-unsafe", "error", 2, None),
    ("missing-identifier.xml", "iati-missing-element", "error", 3, "iati-identifier"),
    ("missing-identifier.xml", "iati-missing-element", "error", 10, "title"),
    ("bad-dates.xml", "iati-bad-date", "warning", 9, "activity-date/@iso-date"),
    ("bad-dates.xml", "iati-bad-date", "warning", 11, "activity-date/@iso-date"),
    ("unknown-codes.xml", "iati-unknown-code", "warning", 9, "recipient-country/@code"),
    ("unknown-codes.xml", "iati-unknown-code", "warning", 11, "sector/@code"),
    ("unknown-codes.xml", "iati-unknown-code", "warning", 12, "sector/@code"),
    ("unknown-codes.xml", "iati-unknown-code", "warning", 13, "tag/@code"),
    ("unknown-codes.xml", "iati-bad-amount", "warning", 16, "value"),
    ("unknown-codes.xml", "iati-unknown-code", "error", 24, "activity-status/@code"),
    ("unmatched-and-regions.xml", "iati-no-association", "error", 15, "participating-org"),
    ("unmatched-and-regions.xml", "iati-no-country", "error", 25, "recipient-region"),
]


@pytest.mark.parametrize(("fixture", "code", "severity", "line", "element"), DEFECTS)
def test_each_defect_is_reported_at_its_line_and_element(
    store: Store, fixture: str, code: str, severity: str, line: int, element: str | None
) -> None:
    plan = _plan(store, fixture)
    assert (code, severity, line, element) in _codes(plan.report), plan.report.to_text("en")
    issue = next(i for i in plan.report.issues if (i.code, i.row) == (code, line))
    assert issue.file == fixture
    assert issue.hint_en and issue.hint_it  # how to fix it, in both languages


def test_messages_name_the_activity(store: Store) -> None:
    plan = _plan(store, "unmatched-and-regions.xml")
    issue = next(i for i in plan.report.issues if i.code == "iati-no-association")
    assert "Activity 2 ('XM-DAC-6-4-001002')" in issue.message_en
    assert "Attività 2 ('XM-DAC-6-4-001002')" in issue.message_it
    assert "ONG Internazionale Esempio" in issue.message_en
    assert "--iati-unmatched skip" in issue.hint_en
    assert "riga 15" in issue.to_text("it") and "participating-org" in issue.to_text("it")


def test_bad_dates_are_left_out_and_the_rest_is_checked(store: Store) -> None:
    plan = _plan(store, "bad-dates.xml")
    # The actual end (2022-01-31) before the actual start: the usual date-order check.
    assert ("date-order", "error", 3, schema.P_END) in _codes(plan.report)


def test_unknown_codes_are_left_out_and_the_activity_kept(store: Store) -> None:
    with iati.reading(associations=store.read(schema.ASSOCIATIONS)):
        raw, _ = iati.read_iati((IATI / "unknown-codes.xml").read_bytes(), "unknown-codes.xml")
    assert raw is not None
    row = raw.frame.iloc[0]
    assert list(raw.frame[schema.P_ID]) == ["XM-DAC-6-4-000901"]  # status 9: not kept
    assert (row[schema.P_COUNTRY], row[schema.P_DAC], row[schema.P_SDGS]) == ("SEN", "", "")


def test_an_empty_activity_file_is_an_error() -> None:
    data = b'<?xml version="1.0"?>\n<iati-activities version="2.03"/>'
    raw, issues = iati.read_iati(data, "empty.xml")
    assert raw is None and [i.code for i in issues] == ["iati-no-activities"]


# -- hostile files ------------------------------------------------------------------------
def test_a_dtd_hidden_by_another_encoding_is_refused_all_the_same() -> None:
    text = (IATI / "external-entity.xml").read_text().replace("UTF-8", "UTF-16")
    root, issues = iati.parse_safely(text.encode("utf-16"), "utf16.xml")
    assert root is None and [i.code for i in issues] == ["iati-unsafe"]
    bomb = (IATI / "entity-expansion.xml").read_text().replace("UTF-8", "UTF-16")
    root, issues = iati.parse_safely(bomb.encode("utf-16"), "bomb16.xml")
    assert root is None and [i.code for i in issues] == ["iati-unsafe"]


def test_files_too_large_or_with_too_many_elements_are_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = (IATI / "aics-2.03-several-countries.xml").read_bytes()
    monkeypatch.setattr(iati, "MAX_ELEMENTS", 50)
    assert [i.code for i in iati.parse_safely(data, "big.xml")[1]] == ["iati-too-large"]
    monkeypatch.setattr(iati, "MAX_BYTES", 1000)
    _, issues = iati.parse_safely(data, "big.xml")
    assert [i.code for i in issues] == ["iati-too-large"] and "MB" in issues[0].message_en


# -- what the user chooses, and what is stored --------------------------------------------
def test_unmatched_activities_can_be_skipped_and_the_others_imported(store: Store) -> None:
    plan = _plan(store, "unmatched-and-regions.xml", unmatched="skip")
    assert plan.ok, plan.report.to_text("en")
    assert list(_projects(plan)) == ["XM-DAC-6-4-001001"]
    skipped = [(i.code, i.severity, i.row) for i in plan.report.issues]
    assert skipped == [
        ("iati-no-association", "warning", 15),
        ("iati-no-country", "warning", 25),
    ]
    assert "was skipped" in plan.report.issues[0].message_en


def test_a_failed_import_changes_nothing_stored(store: Store) -> None:
    before = store.current_id()
    projects = store.read(schema.PROJECTS)
    version, report = loaders.import_files(
        [IATI / "unmatched-and-regions.xml"], store, mode="update"
    )
    assert version is None and not report.ok
    assert store.current_id() == before
    pd.testing.assert_frame_equal(store.read(schema.PROJECTS), projects)


def test_importing_a_file_twice_updates_the_same_projects(store: Store) -> None:
    path = IATI / "aics-2.03-several-countries.xml"
    first, report = loaders.import_files([path], store, mode="update")
    assert first is not None, report.to_text("en")
    assert len(store.read(schema.PROJECTS)) == 4
    # The publisher's next file: one title changed.
    data = path.read_bytes().replace(b"Diaspora investment fund", b"Diaspora fund")
    plan = loaders.prepare_import([SourceFile(path.name, data)], store, mode="update")
    changes = plan.changes.kinds[schema.PROJECTS]
    assert (changes.n_added, changes.n_changed, changes.n_removed) == (0, 1, 0)
    loaders.commit_import(plan, store)
    stored = store.read(schema.PROJECTS)
    assert len(stored) == 4 and stored[schema.P_ID].is_unique
    assert "Diaspora fund for Dakar" in set(stored[schema.P_TITLE])


def test_an_uploaded_file_reads_like_one_on_disk(store: Store) -> None:
    upload = SourceFile("attivita-aics.xml", (IATI / "legacy-1.05.xml").read_bytes())
    plan = loaders.prepare_import([upload], store, mode="update")
    assert plan.ok and len(plan.batch.frames[schema.PROJECTS]) == 2


# -- the command line ---------------------------------------------------------------------
def test_the_command_line_validates_and_imports_an_iati_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "store"))
    assert main(["import", str(ASSOCIATIONS)]) == 0
    capsys.readouterr()
    xml = IATI / "unmatched-and-regions.xml"
    assert main(["validate", str(xml), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "unmatched-and-regions.xml row 15, column 'participating-org'" in out
    assert main(["import", str(xml), "--mode", "update", "--iati-unmatched", "skip"]) == 0
    assert list(Store(tmp_path / "store").read(schema.PROJECTS)[schema.P_ID]) == [
        "XM-DAC-6-4-001001"
    ]


def test_an_associations_file_given_first_is_matched_in_the_same_batch(tmp_path: Path) -> None:
    empty = Store(tmp_path / "empty")
    plan = loaders.prepare_import([ASSOCIATIONS, IATI / "legacy-1.05.xml"], empty)
    assert plan.ok, plan.report.to_text("en")
    leads = plan.batch.frames[schema.PROJECTS][schema.P_LEAD].tolist()
    assert leads == ["ASS-2", "ASS-3"]


def test_with_no_associations_at_all_the_message_says_to_import_them_first(
    tmp_path: Path,
) -> None:
    plan = loaders.prepare_import([IATI / "legacy-1.05.xml"], Store(tmp_path / "empty"))
    issues = [i for i in plan.report.issues if i.code == "iati-no-association"]
    assert [i.row for i in issues] == [11, 39]  # the implementing orgs
    assert "Import the associations first" in issues[0].hint_en
