"""What finishes the IATI import (#12): the destination split by country and its use in sums
by country, EUR disbursed and spent, associations' IATI organisation identifiers, activities
imported with their lead association left to fill in, and the shipped exchange rates."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import loaders
from loaders import iati
from loaders.__main__ import main
from ponti import quality, schema, tables
from ponti.store import DATA_DIR_ENV, SourceFile, Store, coerce_dtypes
from ponti.transforms import agenda, associations, bridges, funding
from ponti.transforms.common import country_shares, spread_by_country

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROOT = FIXTURES.parent.parent
XML = FIXTURES / "iati" / "iati-ids-split-amounts-2.03.xml"
WITH_IDS = FIXTURES / "associations-with-iati-ids.csv"  # ASS-1, ASS-2 have IATI org ids


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "store")
    version, report = loaders.import_files([WITH_IDS], store)
    assert version is not None, report.to_text("en")
    return store


def _plan(store: Store, path: Path, **options: Any) -> loaders.ImportPlan:
    with iati.reading(**options):
        return loaders.prepare_import([path], store, mode="update")


def _rows(plan: loaders.ImportPlan) -> dict[str, dict[str, Any]]:
    frame = plan.batch.frames[schema.PROJECTS]
    return {str(r[schema.P_ID]): r for r in frame.to_dict("records")}


# -- IATI organisation identifiers ---------------------------------------------------------
def test_implementers_are_matched_by_iati_id_before_names(store: Store) -> None:
    plan = _plan(store, XML, unmatched="skip")
    assert plan.ok, plan.report.to_text("en")
    rows = _rows(plan)
    # No association is called "Senegalese Association of Rome": its IATI id is ASS-1's.
    assert rows["XM-DAC-6-4-002001"][schema.P_LEAD] == "ASS-1"
    assert rows["XM-DAC-6-4-002001"][schema.P_MUNICIPALITY] == "058091"
    # Named "ASR" (ASS-1's acronym) but its ref, in lower case, is ASS-2's IATI id: the id wins.
    assert rows["XM-DAC-6-4-002002"][schema.P_LEAD] == "ASS-2"
    assert "XM-DAC-6-4-002003" not in rows  # nobody's id, name or acronym: skipped


def test_iati_ids_are_stored_in_the_registration_agencys_case(store: Store) -> None:
    stored = store.read(schema.ASSOCIATIONS).set_index(schema.A_ID)[schema.A_IATI_IDS]
    assert stored["ASS-2"] == ["IT-CF-80012345678", "XM-OCHA-CGM"]
    assert stored["ASS-3"] == []


def test_a_malformed_iati_id_is_an_error_naming_file_row_and_column(store: Store) -> None:
    plan = loaders.prepare_import([FIXTURES / "associations-bad-iati-id.csv"], store)
    found = [(i.code, i.row, i.field, i.value) for i in plan.report.issues]
    assert found == [
        ("bad-iati-org-id", 2, "iati_org_ids", "97654320158"),
        ("bad-iati-org-id", 3, "iati_org_ids", "IT CF 123"),
    ]
    issue = plan.report.issues[0]
    assert issue.file == "associations-bad-iati-id.csv"
    assert "IT-CF-97654320158" in issue.hint_en and "codice fiscale" in issue.hint_it


# -- the split and the amounts read from IATI ------------------------------------------------
def test_the_split_and_the_amounts_disbursed_and_spent_come_from_the_file(store: Store) -> None:
    plan = _plan(store, XML, unmatched="keep")
    assert plan.ok, plan.report.to_text("en")
    rows = _rows(plan)
    first = rows["XM-DAC-6-4-002001"]
    assert first[schema.P_COUNTRY] == "SEN" and first[schema.P_SPLIT] == ["SEN:60", "MLI:40"]
    assert (first[schema.P_GRANTED], first[schema.P_DISBURSED], first[schema.P_SPENT]) == (
        100_000.0,
        70_000.0,
        50_000.0,
    )
    assert rows["XM-DAC-6-4-002002"][schema.P_SPLIT] == []  # one country: no split
    # No percentages given: equal shares, with a warning saying so.
    assert rows["XM-DAC-6-4-002003"][schema.P_SPLIT] == ["SEN:50", "GMB:50"]
    codes = [(i.code, i.severity, i.row) for i in plan.report.issues]
    assert ("iati-split-percentages", "warning", 31) in codes
    # More paid out than committed: a warning on the activity's line, the import goes on.
    assert ("disbursed-exceeds-granted", "warning", 15) in codes


def test_percentages_not_adding_up_are_scaled_with_a_warning(store: Store) -> None:
    data = XML.read_bytes().replace(b'percentage="40"', b'percentage="20"')
    plan = loaders.prepare_import([SourceFile("scaled.xml", data)], store, mode="update")
    assert _rows(plan)["XM-DAC-6-4-002001"][schema.P_SPLIT] == ["SEN:75", "MLI:25"]
    (issue,) = [i for i in plan.report.issues if i.code == "iati-split-percentages" and i.row == 9]
    assert "80%" in issue.message_en and "SEN:75|MLI:25" in issue.message_it


# -- the split and the amounts in CSV files -------------------------------------------------
BAD_SPLITS = [
    (2, "destination_split", "split-sum", "error"),
    (3, "destination_split", "split-destination", "error"),
    (4, "destination_split", "bad-split", "error"),
    (5, "destination_split", "unknown-country", "error"),
    (6, "destination_split", "bad-split", "error"),
    (7, "destination_split", "bad-split", "error"),
    (8, "amount_disbursed", "disbursed-exceeds-granted", "warning"),
    (9, "amount_spent", "bad-number", "error"),
]


def test_each_bad_split_or_amount_is_reported_at_its_cell(store: Store) -> None:
    plan = loaders.prepare_import([FIXTURES / "projects-bad-split.csv"], store, mode="update")
    found = sorted((i.row, i.field, i.code, i.severity) for i in plan.report.issues)
    assert found == BAD_SPLITS
    for issue in plan.report.issues:
        assert issue.file == "projects-bad-split.csv"
        assert issue.hint_en and issue.hint_it and issue.message_it
    # Row 10 ("Senegal 33%; Mali 33%; Gambia 33%") is rounding: accepted, stored as codes.
    frame = plan.batch.frames[schema.PROJECTS].set_index(schema.P_ID)
    assert frame.loc["P-9", schema.P_SPLIT] == ["SEN:33", "MLI:33", "GMB:33"]


# -- the split used where EUR is summed by country ------------------------------------------
def _split_projects() -> pd.DataFrame:
    return coerce_dtypes(
        schema.PROJECTS,
        pd.DataFrame(
            {
                schema.P_ID: ["P-SPLIT", "P-ONE"],
                schema.P_TITLE: ["Diviso", "Intero"],
                schema.P_LEAD: ["ASS-1", "ASS-1"],
                schema.P_MUNICIPALITY: ["058091", "058091"],
                schema.P_COUNTRY: ["SEN", "ALB"],
                schema.P_TERRITORY: [None, None],
                schema.P_SPLIT: [["SEN:60", "MLI:30", "ALB:10"], []],
                schema.P_SDGS: [[8, 1], [4]],
                schema.P_STAGE: ["in_progress", "in_progress"],
                schema.P_FUNDER_TYPE: ["aics", "eu"],
                schema.P_FUNDER: ["AICS", "UE"],
                schema.P_REQUESTED: [1_200_000.0, 50_000.0],
                schema.P_GRANTED: [1_000_000.0, 40_000.0],
            }
        ),
    )


def test_country_shares_add_up_to_each_project() -> None:
    shares = country_shares(_split_projects())
    assert shares.groupby("position")["share"].sum().tolist() == pytest.approx([1.0, 1.0])
    assert shares["country"].tolist() == ["SEN", "MLI", "ALB", "ALB"]


def test_agenda_shares_a_split_projects_eur_among_its_countries() -> None:
    pairs = agenda.project_goals(_split_projects())
    granted = pairs[pairs[schema.P_ID] == "P-SPLIT"].groupby("country")[agenda.GRANTED].sum()
    # Counted for each of its two goals, shared 60/30/10 among its countries.
    assert granted.to_dict() == pytest.approx(
        {"SEN": 1_200_000.0, "MLI": 600_000.0, "ALB": 200_000.0}
    )
    matrix = agenda.goal_matrix(pairs, "country", "granted", "en")
    assert matrix.values.loc["MLI", 8] == pytest.approx(300_000.0)
    # The heatmap's EUR of a goal still add up to the grid's.
    grid = agenda.measure_goals(pairs, "granted").set_index(agenda.GOAL)[agenda.VALUE]
    assert matrix.goal_totals()[8] == pytest.approx(grid[8]) == pytest.approx(1_000_000.0)
    # A project counts in each country it works in.
    projects = agenda.goal_matrix(pairs, "country", "projects", "en")
    assert projects.values.loc["MLI", 8] == 1 and projects.values.loc["SEN", 8] == 1


def test_bridges_link_each_country_of_a_split_with_its_share() -> None:
    links = bridges.project_links(_split_projects())
    split = links[links[schema.P_ID] == "P-SPLIT"]
    assert sorted(split["place"]) == ["c:ALB", "c:MLI", "c:SEN"]
    assert split["granted"].sum() == pytest.approx(1_000_000.0)
    by_place = dict(zip(split["place"], split["granted"], strict=True))
    assert by_place["c:MLI"] == pytest.approx(300_000.0)


def test_funding_flows_share_eur_by_region_and_count_a_project_once() -> None:
    projects = _split_projects()
    eur = funding.summarise_funding_paths(
        projects, middle="funder", destination="region", measure="eur", lang="en"
    )
    aics = eur[eur["funder_type"] == "aics"].set_index("destination")["eur"]
    # SEN and MLI are in Africa (002), ALB in Europe (150).
    assert aics.to_dict() == pytest.approx({"002": 900_000.0, "150": 100_000.0})
    assert eur["eur"].sum() == pytest.approx(funding.project_eur(projects).sum())
    count = funding.summarise_funding_paths(
        projects, middle="funder", destination="region", measure="count", lang="en"
    )
    assert count["projects"].sum() == len(projects)


def test_without_any_split_the_frame_is_left_alone() -> None:
    projects = _split_projects().assign(**{schema.P_SPLIT: [[], []]})
    frame = pd.DataFrame({"country": ["SEN", "ALB"], "eur": [1.0, 2.0]})
    assert spread_by_country(frame, projects, country="country", amounts=("eur",)) is frame


# -- disbursed and spent where people read projects -----------------------------------------
def test_disbursed_and_spent_reach_the_project_tables() -> None:
    projects = _split_projects().assign(
        **{
            schema.P_DISBURSED: [700_000.0, None],
            schema.P_SPENT: [500_000.0, None],
            schema.P_END: pd.to_datetime(["2027-06-30", "2027-01-31"]),
        }
    )
    ending = funding.projects_ending_soon(
        projects,
        pd.DataFrame({schema.A_ID: ["ASS-1"], schema.A_NAME: ["ASR"]}),
        today=pd.Timestamp("2026-12-01").date(),
        lang="it",
    )
    shown = tables.public_table(ending, "it")
    assert {"Erogato (EUR)", "Speso (EUR)"} <= set(shown.columns)
    assert shown.set_index("Titolo").loc["Diviso", "Erogato (EUR)"] == 700_000.0
    table = associations.projects_table(
        projects.assign(role="lead"),
        pd.DataFrame({schema.A_ID: ["ASS-1"], schema.A_NAME: ["ASR"]}),
        "en",
    )
    shown = tables.public_table(table, "en")
    assert shown.set_index("Title").loc["Diviso", "Spent (EUR)"] == 500_000.0


# -- activities kept with their lead to fill in ----------------------------------------------
def test_kept_activities_are_stored_listed_for_review_and_completed_by_an_update(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "store"))
    assert main(["import", str(WITH_IDS)]) == 0
    assert main(["import", str(XML), "--mode", "update", "--iati-unmatched", "keep"]) == 0
    out = capsys.readouterr().out
    assert "Activity 3 ('XM-DAC-6-4-002003') was imported without a lead" in out or (
        "L'attività 3 ('XM-DAC-6-4-002003') è stata importata senza associazione capofila" in out
    )
    store = Store(tmp_path / "store")
    stored = store.read(schema.PROJECTS).set_index(schema.P_ID)
    assert len(stored) == 3
    assert pd.isna(stored.loc["XM-DAC-6-4-002003", schema.P_LEAD])
    report = quality.version_quality(store)
    assert report.to_fill[["key", "columns"]].values.tolist() == [
        ["XM-DAC-6-4-002003", [schema.P_LEAD, schema.P_MUNICIPALITY]]
    ]
    titled = report.tables("en")["Projects to complete (lead association to fill in)"]
    assert titled.iloc[0].tolist() == [
        "projects",
        "XM-DAC-6-4-002003",
        "Orti comunitari in Senegal e Gambia",
        "Lead association, Municipality (ISTAT code or name)",
    ]
    # Every transform that names leads or sums by place copes with it.
    links = bridges.project_links(store.read(schema.PROJECTS))
    assert "XM-DAC-6-4-002003" not in set(links[schema.P_ID])  # no Italian end to draw
    # A later CSV update fills the lead in (only the columns it gives change).
    fix = tmp_path / "capofila.csv"
    fix.write_text(
        "Codice progetto;Associazione capofila;Comune\nXM-DAC-6-4-002003;ASS-3;Milano\n",
        encoding="utf-8",
    )
    assert main(["import", str(fix), "--mode", "update"]) == 0
    completed = store.read(schema.PROJECTS).set_index(schema.P_ID).loc["XM-DAC-6-4-002003"]
    assert (completed[schema.P_LEAD], completed[schema.P_MUNICIPALITY]) == ("ASS-3", "015146")
    assert completed[schema.P_SPLIT] == ["SEN:50", "GMB:50"]  # kept
    assert quality.version_quality(store).to_fill.empty


def test_an_update_of_other_columns_does_not_require_the_lead_yet(store: Store) -> None:
    plan = _plan(store, XML, unmatched="keep")
    loaders.commit_import(plan, store)
    fix = SourceFile("titolo.csv", b"project_id,title\nXM-DAC-6-4-002003,Orti in Senegal\n")
    plan = loaders.prepare_import([fix], store, mode="update")
    assert plan.ok, plan.report.to_text("en")


def test_a_csv_row_without_a_lead_is_still_an_error(store: Store) -> None:
    bad = SourceFile(
        "senza-capofila.csv",
        b"project_id,title,lead_association_id,municipality_istat,destination_country,stage\n"
        b"P-1,Senza capofila,,058091,SEN,idea\n",
    )
    plan = loaders.prepare_import([bad], store, mode="update")
    assert [(i.code, i.row, i.field) for i in plan.report.errors] == [
        ("missing-required", 2, schema.P_LEAD)
    ]


def test_the_report_choice_still_refuses_the_file(store: Store) -> None:
    plan = _plan(store, XML)
    assert not plan.ok
    issue = next(i for i in plan.report.issues if i.code == "iati-no-association")
    assert "--iati-unmatched keep" in issue.hint_en and "(IT-CF-80000000000)" in issue.hint_en


# -- exchange rates ---------------------------------------------------------------------------
RATES = ROOT / "data" / "reference" / "iati" / "exchange_rates.csv"


def test_the_shipped_rates_are_the_ecb_averages_for_every_year() -> None:
    with RATES.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    years = {int(r["year"]) for r in rows}
    assert years == set(range(2015, 2027))
    by_currency: dict[str, set[int]] = {}
    for row in rows:
        by_currency.setdefault(row["currency"], set()).add(int(row["year"]))
        assert float(row["per_eur"]) > 0
    assert all(found == years for found in by_currency.values())
    assert {"USD", "GBP", "CHF", "INR", "ZAR", "BRL", "XOF", "EUR"} <= set(by_currency)
    usd = {int(r["year"]): r for r in rows if r["currency"] == "USD"}
    assert usd[2023]["per_eur"] == "1.0813" and "ECB" in usd[2023]["source"]
    assert "partial year" in usd[2026]["source"]


def test_the_shipped_rates_are_what_the_script_computes_from_the_ecb_file() -> None:
    sys.path.insert(0, str(ROOT))
    try:
        from scripts import build_exchange_rates
    finally:
        sys.path.remove(str(ROOT))
    assert build_exchange_rates.main(["--check"]) == 0
