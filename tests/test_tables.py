"""Tables for people and their downloads: public columns, one heading namespace, raw values,
typed XLSX cells with an About sheet, CSV for Italian and English spreadsheets, no formulas."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import openpyxl
import pandas as pd
import pytest

from ponti import filters as flt
from ponti import i18n, provenance, schema, tables
from ponti.i18n import Lang
from ponti.store import Store, VersionInfo, coerce_dtypes, empty_frame
from ponti.transforms import Dataset, apply_filters
from ponti.transforms import agenda as ag
from ponti.transforms import bridges as br
from ponti.transforms import funding as fu
from ponti.transforms import overview as ov

LANGS: list[Lang] = ["it", "en"]
TODAY = date(2026, 11, 30)
VERSION = VersionInfo(
    version_id="v0042",
    created="2026-11-28T10:15:00+00:00",
    sources=("progetti-2026.xlsx",),
)
FORMULAS = ["=1+1", "+39 055 123456", "-x", "@SUM(A1:A2)", "\tfoo", "\rbar"]


@pytest.fixture
def sample() -> pd.DataFrame:
    """A frame as transforms make them: codes, lists, numbers, dates, ids and a contact."""
    return pd.DataFrame(
        {
            "id": ["L|015146|t:360630", "L|058091|c:MAR"],
            "title": ["Scuole a Thiès", "Orti a Rabat"],
            "stage": ["completed", "in_progress"],
            "sdgs": [[4, 8], []],
            "granted": [448_000.0, 1234.5],
            "projects": [3, 12],
            "date_end": pd.to_datetime(["2026-11-30", None]),
            "year": ["2019", ""],
            "conversion": [0.5555, None],
            schema.A_CONTACT_EMAIL: ["someone@example.org", "other@example.org"],
        }
    )


def _metadata(lang: Lang) -> tables.Metadata:
    return tables.describe_download(
        lang=lang, version=VERSION, filters=[("Fase", "Concluso")], today=TODAY
    )


# -- the public table ---------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_public_table_keeps_public_columns_with_raw_values(
    sample: pd.DataFrame, lang: Lang
) -> None:
    table = tables.public_table(sample, lang)
    public = [name for name in sample.columns if name not in schema.PRIVATE_COLUMNS | {"id"}]
    heading = {name: i18n.t(f"column.{name}", lang) for name in public}
    assert list(table.columns) == [
        heading[name]
        for name in ("title", "stage", "sdgs", "granted", "projects", "date_end", "year")
    ] + [heading["conversion"]]
    assert table[heading["stage"]].tolist() == [
        i18n.label("stage", "completed", lang),
        i18n.label("stage", "in_progress", lang),
    ]
    assert table[heading["sdgs"]].tolist() == ["4, 8", ""]
    assert table[heading["granted"]].tolist() == [448_000.0, 1234.5]
    assert pd.api.types.is_integer_dtype(table[heading["projects"]])
    assert pd.api.types.is_datetime64_any_dtype(table[heading["date_end"]])
    assert table[heading["year"]].dtype == "Int64" and table[heading["year"]].iloc[0] == 2019
    assert table[heading["conversion"]].iloc[0] == pytest.approx(55.6)  # "(%)" in its heading


def test_a_stage_code_reads_as_its_label() -> None:
    frame = pd.DataFrame({"stage": ["completed"]})
    assert tables.public_table(frame, "it").iloc[0, 0] == "Concluso"
    assert tables.public_table(frame, "en").iloc[0, 0] == "Completed"
    # A label already in the language stays as it is.
    assert tables.public_table(pd.DataFrame({"stage": ["Concluso"]}), "it").iloc[0, 0] == "Concluso"


@pytest.mark.parametrize("lang", LANGS)
def test_a_call_table_reads_for_people(lang: Lang) -> None:
    # Every column of the calls table is declared: the id is internal, the rest public.
    frame = coerce_dtypes(
        schema.CALLS,
        pd.DataFrame(
            {
                schema.C_ID: ["CALL-001"],
                schema.C_FUNDER: ["AICS"],
                schema.C_FUNDER_TYPE: ["aics"],
                schema.C_TITLE: ["Bando OSC 2027"],
                schema.C_CLOSES: [date(2027, 2, 15)],
                schema.C_COUNTRIES: [["SEN", "MAR"]],
                schema.C_GRANT_MAX: [1_500_000.0],
                schema.C_COFINANCING: [0.1],
                schema.C_APPLICANTS: [["ngo", "association"]],
            }
        ),
    )
    table = tables.public_table(frame, lang)
    public = [name for name in schema.column_names(schema.CALLS) if name != schema.C_ID]
    heading = {name: tables.heading(name, lang) for name in public}
    assert list(table.columns) == list(heading.values())
    row = table.iloc[0]
    assert row[heading[schema.C_APPLICANTS]] == ", ".join(
        i18n.label("applicant", code, lang) for code in ("ngo", "association")
    )
    assert row[heading[schema.C_FUNDER_TYPE]] == "AICS"
    assert row[heading[schema.C_COFINANCING]] == pytest.approx(10.0)  # "(%)" in its heading
    assert row[heading[schema.C_COUNTRIES]] == "SEN, MAR"
    assert row[heading[schema.C_CLOSES]] == pd.Timestamp("2027-02-15")
    assert pd.isna(row[heading[schema.C_OPENS]])
    with pytest.raises(ValueError, match="not for people"):
        tables.public_table(frame, lang, columns=[schema.C_ID])


def test_a_label_column_stands_for_its_code() -> None:
    frame = fu.count_projects_at_stage(empty_frame(schema.PROJECTS), "en")
    table = tables.public_table(frame, "en")
    assert list(table.columns) == ["Stage", "Kind of stage", "Projects", "EUR at stake"]
    assert table["Stage"].tolist() == [i18n.label("stage", s, "en") for s in schema.STAGES]


def test_private_and_internal_columns_never_pass(sample: pd.DataFrame) -> None:
    for lang in LANGS:
        table = tables.public_table(sample, lang)
        text = table.to_csv()
        assert "example.org" not in text and "L|015146" not in text
        assert not schema.PRIVATE_COLUMNS & set(table.columns)
        assert i18n.t("column.key", lang) not in table.columns
    with pytest.raises(ValueError, match="not for people"):
        tables.public_table(sample, "it", columns=["title", schema.A_CONTACT_EMAIL])
    with pytest.raises(ValueError, match="not for people"):
        tables.public_table(sample, "it", columns=["id", "title"])


def test_an_undeclared_column_is_an_error_not_a_guess() -> None:
    with pytest.raises(ValueError, match="not declared"):
        tables.public_table(pd.DataFrame({"secret_score": [1]}), "en")


def test_names_say_what_an_ambiguous_column_stands_for() -> None:
    frame = pd.DataFrame({"name": ["Marocco"], "SDG 4": [2]})
    assert list(tables.public_table(frame, "it", names={"name": "country"}).columns) == [
        "Paese",
        "SDG 4",
    ]
    assert list(tables.public_table(frame, "en", columns=["name"]).columns) == ["Name"]


def test_readable_table_writes_numbers_dates_and_years_the_users_way(
    sample: pd.DataFrame,
) -> None:
    it = tables.readable_table(tables.public_table(sample, "it"), "it")
    en = tables.readable_table(tables.public_table(sample, "en"), "en")
    assert it["Concesso (EUR)"].tolist() == ["448.000,0", "1.234,5"]
    assert en["Granted (EUR)"].tolist() == ["448,000.0", "1,234.5"]
    assert it["Anno"].tolist() == ["2019", "–"]  # never "2.019"
    assert it["Data di fine"].tolist() == ["30 nov 2026", "–"]
    assert en["End date"].iloc[0] == "30 Nov 2026"


# -- downloads ---------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_xlsx_has_typed_cells_and_an_about_sheet(sample: pd.DataFrame, lang: Lang) -> None:
    table = tables.public_table(sample, lang)
    book = openpyxl.load_workbook(io.BytesIO(tables.to_xlsx(table, metadata=_metadata(lang))))
    about_name = i18n.t("download.sheet.about", lang)
    assert book.sheetnames == [i18n.t("download.sheet.data", lang), about_name]
    data = book.worksheets[0]
    headings = [cell.value for cell in data[1]]
    assert headings == list(table.columns)
    column = {name: i + 1 for i, name in enumerate(headings)}

    granted = data.cell(row=2, column=column[i18n.t("column.granted", lang)])
    assert granted.data_type == "n" and granted.value == 448_000
    assert data.cell(row=3, column=column[i18n.t("column.projects", lang)]).value == 12
    year = data.cell(row=2, column=column[i18n.t("column.year", lang)])
    assert year.value == 2019 and year.number_format == "0"
    end = data.cell(row=2, column=column[i18n.t("column.date_end", lang)])
    assert end.is_date and isinstance(end.value, datetime)
    assert end.value.date() == date(2026, 11, 30)
    assert data.cell(row=3, column=column[i18n.t("column.date_end", lang)]).value is None
    assert data.column_dimensions["A"].width >= len(headings[0])

    about = {row[0]: row[1] for row in book[about_name].iter_rows(values_only=True)}
    assert about[i18n.t("download.version", lang)] == "v0042"
    # The source says where the version comes from, as the page footer does.
    assert about[i18n.t("download.source", lang)] == provenance.version_source(VERSION, lang)
    assert "progetti-2026.xlsx" in about[i18n.t("download.source", lang)]
    assert about[i18n.t("download.filter", lang, label="Fase")] == "Concluso"
    assert about[i18n.t("download.credits", lang)] == i18n.t("attribution", lang)
    assert "2026" in about[i18n.t("download.version.date", lang)]


def test_metadata_says_when_nothing_is_filtered_and_when_the_data_is_a_demo() -> None:
    demo = VersionInfo(version_id="v0001", created="2026-11-01T00:00:00+00:00", demo=True)
    rows = dict(tables.describe_download(lang="en", version=demo, filters=[], today=TODAY).rows)
    assert rows["Filters"] == i18n.t("download.filters.none", "en")
    assert rows["Source"] == i18n.t("source.demo", "en")
    assert rows["Illustrative data"] == i18n.t("demo.notice", "en")
    assert rows["Downloaded on"] == "30 Nov 2026"
    unknown = tables.describe_download(lang="it", version=None, filters=None, today=TODAY)
    assert i18n.t("download.filters", "it") not in dict(unknown.rows)


def test_italian_csv_opens_in_italian_excel(sample: pd.DataFrame) -> None:
    table = tables.public_table(sample, "it")
    data = tables.to_csv(table, "it")
    assert data.startswith(b"\xef\xbb\xbf")
    header, first = data.decode("utf-8-sig").splitlines()[:2]
    assert header.count(";") == len(table.columns) - 1
    assert ";448000;" in first and ";55,6" in first and "30/11" not in first
    back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
    _assert_same_values(back, table)


def test_english_csv_uses_commas_and_decimal_points(sample: pd.DataFrame) -> None:
    table = tables.public_table(sample, "en")
    data = tables.to_csv(table, "en")
    assert data.startswith(b"\xef\xbb\xbf")
    first = data.decode("utf-8-sig").splitlines()[1]
    assert ",1234.5," in data.decode("utf-8-sig") and ",55.6" in first
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    _assert_same_values(back, table)


def _assert_same_values(back: pd.DataFrame, table: pd.DataFrame) -> None:
    assert list(back.columns) == list(table.columns)
    for name in table.columns:
        expected, found = table[name], back[name]
        if pd.api.types.is_datetime64_any_dtype(expected):
            found = pd.to_datetime(found)
        if pd.api.types.is_numeric_dtype(expected):
            assert found.tolist() == pytest.approx(expected.astype("float64").tolist(), nan_ok=True)
        else:
            assert found.fillna("").tolist() == expected.fillna("").tolist(), name


def _formula_table(lang: Lang) -> pd.DataFrame:
    frame = pd.DataFrame({"title": [*FORMULAS, "ok"], "granted": [-12.5] * 7})
    return tables.public_table(frame, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_formulas_are_neutralised_in_csv_negative_numbers_stay_numbers(lang: Lang) -> None:
    table = _formula_table(lang)
    sep, decimal = (";", ",") if lang == "it" else (",", ".")
    data = tables.to_csv(table, lang)
    back = pd.read_csv(io.BytesIO(data), sep=sep, decimal=decimal, encoding="utf-8-sig")
    assert back.iloc[:, 0].tolist() == [f"'{value}" for value in FORMULAS] + ["ok"]
    assert back.iloc[:, 1].tolist() == [-12.5] * 7
    for line in data.decode("utf-8-sig").split("\r\n")[1:]:
        assert not line.startswith(tables.FORMULA_STARTS)


@pytest.mark.parametrize("lang", LANGS)
def test_formulas_are_neutralised_in_xlsx_negative_numbers_stay_numbers(lang: Lang) -> None:
    data = tables.to_xlsx(_formula_table(lang), metadata=_metadata(lang))
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    # (Without lxml, openpyxl reads a carriage return back as a line feed; with it, as written.)
    titles = [
        str(row[0]).replace("\r", "\n") for row in sheet.iter_rows(min_row=2, values_only=True)
    ]
    expected = [f"'{value}".replace("\r", "\n") for value in FORMULAS] + ["ok"]
    assert titles == expected
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert all(cell.data_type == "s" for cell in cells)  # none is a formula ("f")
    amounts = [row[1] for row in sheet.iter_rows(min_row=2)]
    assert all(cell.data_type == "n" and cell.value == -12.5 for cell in amounts)


def test_neutralise_touches_text_only() -> None:
    assert tables.neutralise("=HYPERLINK()") == "'=HYPERLINK()"
    assert tables.neutralise("Ponte - Sahel") == "Ponte - Sahel"
    assert tables.neutralise(-3) == -3


def test_file_names_say_what_and_when() -> None:
    assert (
        tables.download_name("ponti-funding-stages", "xlsx", TODAY)
        == "ponti-funding-stages-2026-11-30.xlsx"
    )
    assert tables.download_name("ponti-agenda-goals", ".csv", TODAY).endswith("-2026-11-30.csv")


# -- every table the pages build ------------------------------------------------------------------
def test_every_declared_column_has_a_heading_in_both_languages() -> None:
    for name in tables.COLUMNS:
        for lang in LANGS:
            assert tables.heading(name, lang).strip(), name
    # ... and every column.* string heads a declared column: none is left over.
    used = {f"column.{spec.heading}" for spec in tables.COLUMNS.values()} | {"column.goal_n"}
    assert {key for key in i18n.CATALOGUE if key.startswith("column.")} == used


PageTable = tuple[str, pd.DataFrame, dict[str, str], list[str] | None]


def _page_tables(store: Store, lang: Lang) -> list[PageTable]:
    """Every frame a page turns into a table (through the transforms the pages call), with
    the ``names`` and ``columns`` the page gives ``public_table``."""
    view = apply_filters(Dataset.from_tables(store.read_all()), flt.Filters())
    projects, associations = view.projects, view.associations
    pairs = ag.project_goals(projects)
    grid_columns = [ag.GOAL, ag.NAME, ag.PROJECTS, ag.ASSOCIATIONS, ag.GRANTED, ag.REQUESTED]
    communities = ov.count_associations_by_country(associations, lang)
    ending = fu.projects_ending_soon(projects, associations, today=TODAY, lang=lang)
    built: list[PageTable] = [
        ("overview.communities", communities, {}, ["country", "associations"]),
        ("overview.latest", ov.latest_projects(view, lang, today=TODAY), {}, None),
        ("funding.funnel", fu.count_projects_reaching_stage(projects, lang), {}, None),
        ("funding.stages", fu.count_projects_at_stage(projects, lang), {}, None),
        ("funding.iati", fu.iati_status_legend(lang), {}, None),
        ("funding.timing", fu.summarise_decision_days(projects, lang), {}, None),
        ("funding.years", fu.summarise_amounts_by_year(projects), {"year": "year_submitted"}, None),
        ("funding.ending", ending, {}, None),
        ("agenda.goals", ag.summarise_goals(view, lang), {ag.NAME: "goal_name"}, grid_columns),
        ("agenda.targets", ag.count_projects_by_target(projects, 4), {}, None),
        ("agenda.projects", ag.goal_projects_table(view, 4, lang), {}, None),
        ("agenda.trend", ag.trend_table(ag.measure_goals_by_year(pairs, "granted")), {}, None),
        ("agenda.gaps.country", ag.find_country_gaps(view, lang), {ag.NAME: "country"}, None),
        ("agenda.gaps.region", ag.find_region_gaps(view, lang), {ag.NAME: "region"}, None),
    ]
    for middle in fu.MIDDLES:
        success = fu.summarise_success(projects, by=middle, lang=lang)
        built.append((f"funding.success.{middle}", success, {}, None))
        for destination in fu.DESTINATIONS:
            for measure in fu.MEASURES:
                paths = fu.summarise_funding_paths(
                    projects, middle=middle, destination=destination, measure=measure, lang=lang
                )
                built.append((f"funding.flows.{middle}.{destination}.{measure}", paths, {}, None))
    for dimension in ag.DIMENSIONS:
        matrix = ag.goal_matrix_table(ag.goal_matrix(pairs, dimension, "projects", lang))
        built.append((f"agenda.{dimension}", matrix, {ag.NAME: dimension}, None))
    layers = {
        "links": br.link_arcs(view, "projects", "stage"),
        "twinnings": br.twinning_arcs(view.twinnings),
        "points": br.association_points(associations),
        "areas": br.context_areas(view, "region", "residents"),
    }
    built.append(("bridges.map", br.map_table(**layers, dimension="stage", lang=lang), {}, None))
    lombardia = br.parse_selection("A|region|03")
    assert lombardia is not None
    items = br.selection_items(view, lombardia, lang)
    for kind in ("associations", "projects", "twinnings"):
        built.append((f"bridges.{kind}", getattr(items, kind), {}, None))
    return built


@pytest.mark.parametrize("lang", LANGS)
def test_every_table_the_pages_build_is_headed_from_the_column_catalogue(
    demo_store: Store, lang: Lang
) -> None:
    headings = {text[lang] for key, text in i18n.CATALOGUE.items() if key.startswith("column.")}
    goal_heading = re.compile(r"^SDG \d{1,2}$")
    for name, frame, names, columns in _page_tables(demo_store, lang):
        assert not frame.empty, f"{name}: the demo should fill this table, or it proves little"
        table = tables.public_table(frame, lang, names=names, columns=columns)
        assert len(table.columns) > 0, name
        for heading in table.columns:
            assert heading in headings or goal_heading.match(heading), (name, heading)
        assert not schema.PRIVATE_COLUMNS & set(table.columns), name
        # Downloads carry values, not text formatted for reading, nor map selection ids.
        rows = tables.to_csv(table, lang).decode("utf-8-sig").split("\n", 1)[1]
        assert not re.search(r"\d EUR|EUR \d|\d\.\d{3}\.\d{3}", rows), name
        assert not re.search(r"[LTMA]\|", rows), name
