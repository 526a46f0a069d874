"""What a version says about itself: the footer's provenance and the history of versions."""

from __future__ import annotations

from pathlib import Path

import pytest

import loaders
from ponti import i18n, provenance, schema
from ponti.store import Store, VersionInfo

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CREATED = "2026-12-01T10:00:00+00:00"

DEMO = VersionInfo(
    version_id="v0001",
    created=CREATED,
    note="Demo data (illustrative)",
    sources=("associations.csv",),
    counts={schema.ASSOCIATIONS: 358},
    demo=True,
    demo_kinds=(schema.ASSOCIATIONS,),
)
IMPORTED = VersionInfo(
    version_id="v0003",
    created=CREATED,
    note="Censimento 2026",
    sources=("a.csv", "b.xlsx"),
    counts={schema.ASSOCIATIONS: 3, schema.PROJECTS: 2},
    author="Maria Rossi",
    mode="update",
)


@pytest.mark.parametrize(
    ("info", "lang", "source"),
    [
        (DEMO, "it", "dataset dimostrativo di Ponti"),
        (DEMO, "en", "Ponti demo dataset"),
        (
            IMPORTED,
            "it",
            "importato il 1 dic 2026 da Maria Rossi: Censimento 2026 (file: a.csv, b.xlsx)",
        ),
        (
            IMPORTED,
            "en",
            "imported on 1 Dec 2026 by Maria Rossi: Censimento 2026 (files: a.csv, b.xlsx)",
        ),
    ],
)
def test_version_source(info: VersionInfo, lang: i18n.Lang, source: str) -> None:
    assert provenance.version_source(info, lang) == source


def test_version_line_for_the_footer() -> None:
    assert provenance.version_line(DEMO, "it") == (
        "Versione dati v0001 del 1 dic 2026 · fonte: dataset dimostrativo di Ponti"
    )
    assert provenance.version_line(IMPORTED, "en") == (
        "Dataset version v0003 · imported on 1 Dec 2026 by Maria Rossi: Censimento 2026 "
        "(files: a.csv, b.xlsx)"
    )
    assert provenance.version_line(None, "it") == i18n.t("provenance.empty", "it")


def test_an_import_over_the_demo_is_not_credited_as_the_demo(demo_store: Store) -> None:
    info, report = loaders.import_files(
        [FIXTURES / "associations.csv"],
        demo_store,
        mode="update",
        note="Censimento 2026",
        author="Maria Rossi",
    )
    assert info is not None, report.to_text()
    assert not info.demo
    assert info.demo_kinds == (schema.PROJECTS, schema.TWINNINGS, schema.RESIDENTS, schema.CALLS)
    for lang in i18n.LANGS:
        line = provenance.version_line(demo_store.current(), lang)
        assert ("fonte:" if lang == "it" else "source:") not in line
        assert provenance.version_source(info, lang) != i18n.t("source.demo", lang)
        assert "Maria Rossi" in line and "associations.csv" in line
    assert provenance.version_source(info, "it").endswith(
        "(file: associations.csv); progetti, gemellaggi, residenti, bandi: "
        "dataset dimostrativo di Ponti"
    )
    # Some tables are still illustrative: the demo banner stays.
    assert provenance.shows_demo_data(info)
    # Once every kind is imported, no table is the demo's.
    good = [FIXTURES / f"{kind}.csv" for kind in schema.KINDS]
    final, report = loaders.import_files(good, demo_store)
    assert final is not None, report.to_text()
    assert not provenance.shows_demo_data(final)
    assert "dimostrativo" not in provenance.version_line(final, "it")


def test_a_rollback_says_what_it_restored(demo_store: Store) -> None:
    info, report = loaders.import_files(
        [FIXTURES / "associations.csv"], demo_store, mode="update", author="Maria Rossi"
    )
    assert info is not None, report.to_text()
    restored = demo_store.rollback("v0001", author="Luca Bianchi")
    # Restoring the demo restores the demo.
    assert provenance.version_source(restored, "it") == "dataset dimostrativo di Ponti"
    again = demo_store.rollback("v0002", author="Luca Bianchi")
    assert provenance.version_source(again, "it").startswith(
        f"ripristino della versione v0002, il {provenance._date(again, 'it')} da Luca Bianchi "
        "(file: associations.csv)"
    )
    assert provenance.note_text(again, "en") == "restore of version v0002"
    assert provenance.version_source(again, "en").startswith("restore of version v0002, on ")


def test_history_newest_first(demo_store: Store) -> None:
    info, report = loaders.import_files(
        [FIXTURES / "associations.csv"],
        demo_store,
        mode="update",
        note="Censimento",
        author="Maria Rossi",
    )
    assert info is not None, report.to_text()
    demo_store.rollback("v0001", author="Luca Bianchi")
    entries = provenance.history(demo_store)
    assert [(e.info.version_id, e.current) for e in entries] == [
        ("v0003", True),
        ("v0002", False),
        ("v0001", False),
    ]
    table = provenance.history_frame(entries, "it")
    assert list(table.columns) == [
        "Versione",
        "Data",
        "Autore",
        "Nota",
        "Modo",
        "File",
        "Contenuto",
        "Demo",
    ]
    first, second, third = table.to_dict("records")
    assert first["Versione"] == "v0003 (corrente)" and first["Modo"] == "ripristino"
    assert first["Nota"] == "ripristino della versione v0001" and first["Demo"] == "sì"
    assert (second["Autore"], second["Nota"], second["Demo"]) == (
        "Maria Rossi",
        "Censimento",
        "in parte",
    )
    assert second["Contenuto"].startswith("361 associazioni, 730 progetti")
    assert third["Demo"] == "sì" and "44.431 residenti" in third["Contenuto"]
    english = provenance.history_frame(entries, "en").to_dict("records")
    assert english[0]["Note"] == "restore of version v0001" and english[1]["Demo"] == "partly"
    text = provenance.history_text(entries, "en").splitlines()
    assert text[0] == "* v0003  Ponti demo dataset"
    assert provenance.history_text([], "it") == "Ancora nessuna versione."
