"""Templates: every kind, both languages, both formats, filled in and uploaded through the
loaders' normal read path, validate without errors and import the values they show."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import loaders
from loaders import normalise as nz
from loaders import resolve
from ponti import schema, templates
from ponti.schema import Lang
from ponti.store import SourceFile, Store

LANGS: tuple[Lang, ...] = ("it", "en")
FORMATS: tuple[templates.Format, ...] = ("xlsx", "csv")


def _template(kind: str, lang: Lang, fmt: templates.Format, **kw: object) -> SourceFile:
    make = templates.template_xlsx if fmt == "xlsx" else templates.template_csv
    return SourceFile(templates.template_name(kind, lang, fmt), make(kind, lang, **kw))  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", schema.KINDS)
@pytest.mark.parametrize("lang", LANGS)
def test_headers_are_read_as_their_columns(kind: str, lang: Lang) -> None:
    labels = [templates.column_label(kind, c, lang) for c in schema.column_names(kind)]
    assert len(set(labels)) == len(labels)
    for column, label in zip(schema.column_names(kind), labels, strict=True):
        found = nz.canonical_header(kind, label)
        assert found is not None and found[0] == column, (label, found)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_templates_of_every_kind_round_trip_together(
    tmp_path: Path, lang: Lang, fmt: templates.Format
) -> None:
    # Downloaded, "filled in" (the example row kept), uploaded together into an empty store:
    # the project's lead is the association template's example, and so on.
    uploads = [_template(kind, lang, fmt) for kind in schema.KINDS]
    store = Store(tmp_path / "store")
    plan = loaders.prepare_import(uploads, store)
    assert plan.report.ok, plan.report.to_text()
    assert set(plan.report.codes()) == {"example-row"}  # warnings only: rows left as examples
    assert len(plan.report.warnings) == 4  # every kind with an id; residents have none
    info = loaders.commit_import(plan, store, note="modelli", author="test")
    assert info.counts == dict.fromkeys(schema.KINDS, 1)
    for kind in schema.KINDS:
        _assert_imported_as_shown(kind, lang, store.read(kind).iloc[0])


def _assert_imported_as_shown(kind: str, lang: Lang, row: pd.Series) -> None:
    """The stored row holds the example's values: codes for places, labels and names."""
    for column, value in templates.example_values(kind, lang).items():
        stored = row[column]
        column_type = next(c.type for c in schema.COLUMNS[kind] if c.name == column)
        if column_type == "istat_municipality":
            value = resolve.resolve_municipality(value)
        elif column_type == "istat_province":
            value = resolve.resolve_province(value)
        elif column_type in ("territory", "territory_list"):
            continue  # resolved to gazetteer ids
        elif column_type == "date":
            value = pd.Timestamp(value)
        elif column == schema.A_WEBSITE or column == schema.C_URL:
            value = str(value)
        if isinstance(value, float):
            assert stored == pytest.approx(value), column
        else:
            assert stored == value, (column, stored, value)


@pytest.mark.parametrize("kind", schema.KINDS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_template_alone_adds_its_row_to_the_demo(
    demo_store: Store, kind: str, lang: Lang
) -> None:
    # Given the current tables, the example refers to an association (project) Ponti has.
    upload = _template(kind, lang, "xlsx", existing=demo_store.read_all())
    plan = loaders.prepare_import([upload], demo_store, mode="update")
    assert plan.ok, plan.report.to_text()
    assert not plan.report.errors
    changes = plan.changes.kinds[kind]
    if kind == schema.RESIDENTS:
        # Residents have no id: the example is a real key (2024, Ravenna, Senegal).
        assert changes.n_added + changes.n_changed == 1
    else:
        assert (changes.n_added, changes.n_changed, changes.n_removed) == (1, 0, 0)


def test_examples_refer_to_what_exists(demo_store: Store) -> None:
    tables = demo_store.read_all()
    project = templates.example_values(schema.PROJECTS, "it", tables)
    assert project[schema.P_LEAD] == tables[schema.ASSOCIATIONS][schema.A_ID].iloc[0]
    assert project[schema.P_PARTNERS] == [tables[schema.ASSOCIATIONS][schema.A_ID].iloc[1]]
    twinning = templates.example_values(schema.TWINNINGS, "en", tables)
    assert twinning[schema.T_PROJECTS] == [tables[schema.PROJECTS][schema.P_ID].iloc[0]]
    alone = templates.example_values(schema.PROJECTS, "en")
    assert alone[schema.P_LEAD] == "EXAMPLE-ASS-1" and alone[schema.P_PARTNERS] == []


@pytest.mark.parametrize(("lang", "separator"), [("it", ";"), ("en", ",")])
def test_csv_template_has_a_bom_a_header_and_an_example(lang: Lang, separator: str) -> None:
    data = templates.template_csv(schema.PROJECTS, lang)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=separator))
    assert len(rows) == 2
    assert rows[0][0] == ("Codice progetto" if lang == "it" else "Project id")
    example = dict(zip(rows[0], rows[1], strict=True))
    if lang == "it":
        assert example["Fase"] == "In corso" and example["Data inizio"] == "01/06/2025"
        assert example["Importo richiesto (EUR)"] == "150.000"
        assert example["Temi"] == "Istruzione|Lavoro"
    else:
        assert example["Stage"] == "In progress" and example["Start date"] == "2025-06-01"
        assert example["Amount requested (EUR)"] == "150000"


def _workbook(kind: str, lang: Lang) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(templates.template_xlsx(kind, lang)))


@pytest.mark.parametrize("lang", LANGS)
def test_xlsx_template_sheets(lang: Lang) -> None:
    book = _workbook(schema.TWINNINGS, lang)
    data_name, lists_name, guide_name = book.sheetnames
    assert data_name == templates.KIND_NAMES[schema.TWINNINGS][lang]
    assert book[lists_name].sheet_state == "hidden"
    data = book[data_name]
    headers = [c.value for c in data[1]]
    assert headers == [
        templates.column_label(schema.TWINNINGS, c, lang)
        for c in schema.column_names(schema.TWINNINGS)
    ]
    assert data["A2"].value.startswith(("ESEMPIO-", "EXAMPLE-"))
    assert data["H2"].value == 2015  # numbers stay numbers in Excel
    # The explanation: every column, required or not, type, allowed values, example.
    guide = [[c.value for c in row] for row in book[guide_name].iter_rows()]
    documented = {row[2]: row for row in guide if row[2] in schema.column_names(schema.TWINNINGS)}
    assert set(documented) == set(schema.column_names(schema.TWINNINGS))
    yes = "sì" if lang == "it" else "yes"
    assert documented[schema.T_STATUS][3] == yes and documented[schema.T_SOURCE][3] != yes
    assert ("Attivo" if lang == "it" else "Active") in documented[schema.T_STATUS][5]
    assert "|" in documented[schema.T_PROJECTS][7]  # lists: "separate with |"
    other = "en" if lang == "it" else "it"
    assert documented[schema.T_TYPE][1] == templates.column_label(schema.TWINNINGS, "type", other)


@pytest.mark.parametrize("lang", LANGS)
def test_coded_columns_have_drop_down_lists_the_loaders_read(lang: Lang) -> None:
    book = _workbook(schema.PROJECTS, lang)
    data = book[book.sheetnames[0]]
    lists = book[book.sheetnames[1]]
    headers = [c.value for c in data[1]]
    found: dict[str, list[str]] = {}
    for validation in data.data_validations.dataValidation:
        column = str(validation.sqref).split(":")[0].rstrip("0123456789")
        header = headers[openpyxl.utils.column_index_from_string(column) - 1]
        letter = validation.formula1.split("!")[1].split(":")[0].strip("$")[0]
        values = [c.value for c in lists[letter][1:] if c.value is not None]
        found[header] = values
    label = {
        c: templates.column_label(schema.PROJECTS, c, lang)
        for c in schema.column_names(schema.PROJECTS)
    }
    assert set(found) == {
        label[schema.P_STAGE],
        label[schema.P_FUNDER_TYPE],
        label[schema.P_COUNTRY],
    }
    assert [nz.parse_vocabulary("stage", v) for v in found[label[schema.P_STAGE]]] == list(
        schema.STAGES
    )
    assert [
        nz.parse_vocabulary("funder_type", v) for v in found[label[schema.P_FUNDER_TYPE]]
    ] == list(schema.FUNDER_TYPES)
    countries = found[label[schema.P_COUNTRY]]
    assert len(countries) > 200
    assert all(resolve.resolve_country(name) for name in countries)
    # List columns (themes, goals) get no drop-down: they hold several values.
    assert label[schema.P_THEMES] not in found


def test_yes_no_and_twinning_lists(tmp_path: Path) -> None:
    for kind, columns in (
        (schema.ASSOCIATIONS, (schema.A_WOMEN_LED, schema.A_YOUTH_LED)),
        (schema.TWINNINGS, (schema.T_TYPE, schema.T_STATUS)),
    ):
        book = _workbook(kind, "it")
        data = book[book.sheetnames[0]]
        headers = [c.value for c in data[1]]
        covered = {
            headers[
                openpyxl.utils.column_index_from_string(
                    str(v.sqref).split(":")[0].rstrip("0123456789")
                )
                - 1
            ]
            for v in data.data_validations.dataValidation
        }
        assert {templates.column_label(kind, c, "it") for c in columns} <= covered


def test_template_names_are_read_as_their_kind() -> None:
    for kind in schema.KINDS:
        for lang in LANGS:
            for fmt in FORMATS:
                name = templates.template_name(kind, lang, fmt)
                assert loaders.detect_kind(Path(name), None) == kind, name


def test_column_docs_explain_every_column_in_both_languages() -> None:
    for kind in schema.KINDS:
        italian = templates.column_docs(kind, "it")
        english = templates.column_docs(kind, "en")
        assert [d.column for d in italian] == schema.column_names(kind)
        for it_doc, en_doc in zip(italian, english, strict=True):
            assert it_doc.type and en_doc.type and it_doc.type != en_doc.type
            assert it_doc.example or not en_doc.example
            assert it_doc.label == en_doc.other_label
