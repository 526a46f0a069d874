"""The data quality report of a version: completeness, approximate places, territories not
found, records without coordinates, suspected duplicate associations."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import loaders
from ponti import quality, schema
from ponti.store import Store, coerce_dtypes

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOOD = [FIXTURES / f"{kind}.csv" for kind in schema.KINDS]


def test_completeness_counts_filled_cells(tmp_path: Path) -> None:
    store = Store(tmp_path)
    loaders.import_files(GOOD, store)
    report = quality.version_quality(store)
    table = report.completeness.set_index(["kind", "column"])
    assert len(table) == sum(len(schema.COLUMNS[k]) for k in schema.KINDS)
    assert table.loc[(schema.ASSOCIATIONS, schema.A_WEBSITE), "filled"] == 1
    assert table.loc[(schema.ASSOCIATIONS, schema.A_WEBSITE), "share"] == 1 / 3
    assert table.loc[(schema.PROJECTS, schema.P_PARTNERS), "filled"] == 2  # empty lists: not
    assert (table.loc[table["required"], "share"] == 1).all()
    words = report.tables("it")["Completezza per colonna"]
    assert words.iloc[0].tolist() == ["associazioni", "Codice associazione", "sì", 3, 3, "100,0%"]


def test_places_matched_approximately_come_from_the_import(tmp_path: Path) -> None:
    store = Store(tmp_path)
    files = [FIXTURES / "associations-approximate-places.csv", *GOOD[1:]]
    info, report = loaders.import_files(files, store)
    assert info is not None, report.to_text()
    places = quality.version_quality(store).places
    assert places[["key", "column", "written", "reason"]].values.tolist() == [
        ["ASS-1", schema.A_MUNICIPALITY, "Reggio Emilia", "variant"],
        ["ASS-1", schema.A_TERRITORIES, "Dakar, Senegal", "partial"],
    ]
    shown = quality.version_quality(store).tables("en")["Places matched only approximately"]
    assert shown.iloc[0].tolist() == [
        "associations",
        "ASS-1",
        "Municipality (ISTAT code or name)",
        "Reggio Emilia",
        "Reggio nell'Emilia (035033)",
        "a variant of the name",
    ]
    assert shown.iloc[1, 4] == "Dakar"
    # A record whose value has since changed is no longer listed.
    tables = store.read_all()
    tables[schema.ASSOCIATIONS].loc[0, schema.A_MUNICIPALITY] = "058091"
    stale = quality.quality_report(tables, places=store.metadata()[quality.PLACES_KEY])
    assert stale.places["column"].tolist() == [schema.A_TERRITORIES]


def test_a_suppressed_code_or_former_name_is_a_place_to_review(tmp_path: Path) -> None:
    # Ronago (013199) merged into Uggiate con Ronago in 2024; Popoli is Popoli Terme since.
    text = GOOD[0].read_text(encoding="utf-8")
    text = text.replace(",058091,", ",013199,").replace(",036023,", ",Popoli,")
    associations = tmp_path / "associations.csv"
    associations.write_text(text, encoding="utf-8")
    store = Store(tmp_path / "store")
    info, report = loaders.import_files([associations, *GOOD[1:]], store)
    assert info is not None, report.to_text()
    places = quality.version_quality(store).places
    assert places[["key", "written", "resolved", "reason"]].values.tolist() == [
        ["ASS-1", "013199", "013256", "former"],
        ["ASS-2", "Popoli", "068033", "former"],
    ]
    reasons = {
        lang: quality.version_quality(store).tables(lang)[title].iloc[0].tolist()[-1]
        for lang, title in (
            ("en", "Places matched only approximately"),
            ("it", "Luoghi riconosciuti in modo approssimato"),
        )
    }
    assert reasons == {
        "en": "a suppressed code or former name: read as today's municipality",
        "it": "codice soppresso o nome precedente: letto come il comune di oggi",
    }


def test_territories_not_found_are_listed(tmp_path: Path) -> None:
    store = Store(tmp_path)
    files = [FIXTURES / "associations-unknown-territory.csv", *GOOD[1:]]
    loaders.import_files(files, store)
    found = quality.version_quality(store).territories
    assert found.values.tolist() == [
        [schema.ASSOCIATIONS, "ASS-1", schema.A_TERRITORIES, "Dakkar", "SEN"]
    ]


def test_records_without_coordinates() -> None:
    associations = coerce_dtypes(
        schema.ASSOCIATIONS,
        pd.DataFrame(
            {
                schema.A_ID: ["A1", "A2", "A3"],
                schema.A_NAME: ["Uno", "Due", "Tre"],
                schema.A_MUNICIPALITY: ["058091", "999999", None],
                schema.A_COUNTRIES: [["SEN"], ["ZZZ"], []],
                schema.A_TERRITORIES: [[], ["2253354"], []],
            }
        ),
    )
    missing = quality.missing_coordinates({schema.ASSOCIATIONS: associations})
    assert missing.values.tolist() == [
        [schema.ASSOCIATIONS, "A2", "italy"],
        [schema.ASSOCIATIONS, "A3", "italy"],
        [schema.ASSOCIATIONS, "A3", "abroad"],
    ]


def test_suspected_duplicates_by_folded_name() -> None:
    assert quality.name_key("Associazione Senegalesi di Ravenna APS") == "senegalesi ravenna"
    assert quality.name_key("SENEGALESI - Ravenna") == "senegalesi ravenna"
    associations = coerce_dtypes(
        schema.ASSOCIATIONS,
        pd.DataFrame(
            {
                schema.A_ID: ["A1", "A2", "A3"],
                schema.A_NAME: [
                    "Associazione Senegalesi di Ravenna APS",
                    "Senegalesi a Ravenna",
                    "Comunità Ghanese di Modena",
                ],
                schema.A_MUNICIPALITY: ["039014", "039014", "036023"],
            }
        ),
    )
    groups = quality.duplicate_names(associations)
    assert groups[["ids", "municipalities"]].values.tolist() == [
        [["A1", "A2"], ["Ravenna", "Ravenna"]]
    ]


def test_the_demo_report_in_words(demo_store: Store) -> None:
    report = quality.version_quality(demo_store)
    assert report.territories.empty and report.coordinates.empty
    assert len(report.duplicates) > 0  # the demo has look-alike names on purpose or not
    text = report.to_text("it", limit=3)
    assert text.startswith("Completezza per colonna:")
    assert "Possibili associazioni doppie: " in text and "... e altri" in text
