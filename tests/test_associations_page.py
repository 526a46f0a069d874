"""The Associations directory and an association's profile through AppTest from dashboard.py,
in both languages, on the demo store."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ponti import formats, i18n, schema
from ponti.store import Store
from ponti.transforms import Dataset
from ponti.transforms import associations as tf
from tests.apptest import link_cells, open_app, read_csv_download
from tests.apptest import url_param as _param

RAVENNA = "ASS-0011"  # Associazione Senegalesi di Ravenna
RAVENNA_NAME = "Associazione Senegalesi di Ravenna"
CASERTA = "ASS-0034"  # Donne Maliane di Caserta ODV: projects led and partnered, partners


def _data(store: Store) -> Dataset:
    return Dataset.from_tables(store.read_all())


def _table(at: AppTest, column_key: str, lang: str) -> pd.DataFrame:
    heading = i18n.t(f"column.{column_key}", lang)
    return next(frame.value for frame in at.dataframe if heading in frame.value.columns)


def _count_line(at: AppTest, n: int, total: int, lang: str) -> bool:
    line = i18n.tn("associations.count", n, lang, total=formats.format_number(total, lang))
    return any(line in m.value for m in at.markdown)


# -- the directory ---------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["it", "en"])
def test_a_search_in_the_link_finds_the_association(demo_env: Store, lang: str) -> None:
    at = open_app("associations", {"lang": lang, "as_q": "senegal raven"})
    assert at.title[0].value == i18n.t("associations.title", lang)
    assert at.text_input(key="as_search").value == "senegal raven"
    assert _count_line(at, 1, len(_data(demo_env).associations), lang)
    table = _table(at, "acronym", lang)
    assert len(table) == 1
    # The name is a link to the profile, carrying the id and the language.
    [(text, target)] = link_cells(table, i18n.t("column.name", lang), lang)
    assert text == RAVENNA_NAME
    assert target == {"page": "association", "id": RAVENNA, "lang": lang}
    # The municipality's name links to its profile.
    [(city, city_target)] = link_cells(table, i18n.t("column.municipality", lang), lang)
    assert city == "Ravenna" and city_target["code"] == "039014"
    assert _param(at, "as_q") == ["senegal raven"]


def test_typing_a_search_narrows_the_table_and_goes_into_the_url(
    demo_env: Store, downloads: dict[str, bytes]
) -> None:
    at = open_app("associations", {"lang": "en"})
    total = len(_data(demo_env).associations)
    assert _count_line(at, total, total, "en")
    at.text_input(key="as_search").input("SENEGALESI RAVENNA").run()
    assert not at.exception
    assert _count_line(at, 1, total, "en")
    assert _param(at, "as_q") == ["SENEGALESI RAVENNA"]
    # The download keeps the name as plain text, never a link.
    csv = read_csv_download(downloads, "ponti-associations", "en")
    assert list(csv[i18n.t("column.name", "en")]) == [RAVENNA_NAME]


def test_a_directory_filter_cuts_and_stays_in_the_url(demo_env: Store) -> None:
    data = _data(demo_env)
    at = open_app("associations", {"lang": "it", "as_theme": "education", "as_net": "forum"})
    assert at.multiselect(key="as_theme").value == ["education"]
    expected = tf.filter_directory(
        data.associations, tf.DirectoryChoice(themes=("education",), networks=("forum",))
    )
    assert 0 < len(expected) < len(data.associations)
    assert _count_line(at, len(expected), len(data.associations), "it")
    assert len(_table(at, "acronym", "it")) == len(expected)
    at.toggle(key="as_women").set_value(True).run()
    assert not at.exception
    women = expected[expected[schema.A_WOMEN_LED].fillna(False).astype(bool)]
    assert _count_line(at, len(women), len(data.associations), "it")
    assert _param(at, "as_women") == ["True"]
    assert _param(at, "as_theme") == ["education"] and _param(at, "as_net") == ["forum"]


def test_the_shared_filters_apply_to_the_directory(demo_env: Store) -> None:
    data = _data(demo_env)
    at = open_app("associations", {"lang": "en", "origin": "SEN"})
    senegalese = data.associations[data.associations[schema.A_COUNTRIES].map(lambda c: "SEN" in c)]
    assert _count_line(at, len(senegalese), len(data.associations), "en")


@pytest.mark.parametrize("lang", ["it", "en"])
def test_no_result_says_so_and_how_to_widen(demo_env: Store, lang: str) -> None:
    at = open_app("associations", {"lang": lang, "as_q": "zzzq senegal"})
    assert [info.value for info in at.info if info.value == i18n.t("associations.none", lang)]
    assert not [frame for frame in at.dataframe if i18n.t("column.acronym", lang) in frame.value]


# -- the profile -----------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["it", "en"])
def test_a_link_opens_the_profile(demo_env: Store, lang: str) -> None:
    data = _data(demo_env)
    at = open_app("association", {"lang": lang, "id": CASERTA})
    row = tf.find_association(data.associations, CASERTA)
    assert row is not None
    name = str(row[schema.A_NAME])
    assert at.title[0].value == i18n.t("association.title.name", lang, name=name)
    assert _param(at, "id") == [CASERTA]
    subheaders = {s.value for s in at.subheader}
    for key in (
        "association.who.title",
        "association.origins.title",
        "association.place.title",
        "association.goals.title",
        "association.projects.title",
        "association.partners.title",
        "association.twinnings.title",
        "association.leads.title",
        "association.calls.title",
    ):
        assert i18n.t(key, lang) in subheaders, key
    # Its projects, exactly; its partners, each linking to its own profile.
    own = tf.projects_of(data.projects, CASERTA)
    projects = _table(at, "role", lang)
    assert sorted(projects[i18n.t("column.title", lang)]) == sorted(own[schema.P_TITLE])
    partners = tf.partners_of(data.projects, data.associations, CASERTA, lang)
    shown = _table(at, "countries", lang)
    cells = link_cells(shown, i18n.t("column.name", lang), lang)
    assert [target["id"] for _, target in cells] == list(partners["association_code"])
    assert {target["page"] for _, target in cells} == {"association"}
    # Leads as cards and a table; the map of its municipality; the link to that profile.
    leads = tf.funding_leads(data.projects, CASERTA, tf.interests_of(row, own), lang)
    assert len(_table(at, "matches", lang)) == len(leads)
    markdown = "\n".join(m.value for m in at.markdown)
    assert formats.escape_markdown(tf.lead_why(leads.iloc[0]["reasons"], lang)) in markdown
    decks = at.get("deck_gl_json_chart")
    assert len(decks) == 1 and "Caserta" in decks[0].proto.json
    links = [link.proto for link in at.get("page_link")]
    assert any(link.page == "municipality" and "code=061022" in link.query_string for link in links)
    assert any(link.page == "associations" for link in links)


def test_the_profile_lists_the_open_calls_that_fit(demo_env: Store) -> None:
    data = _data(demo_env)
    row = tf.find_association(data.associations, RAVENNA)
    assert row is not None
    at = open_app("association", {"lang": "en", "id": RAVENNA})
    from datetime import date

    fitting = tf.fitting_calls(data.calls, row, date.today())
    if fitting.empty:
        assert i18n.t("association.calls.none", "en") in [i.value for i in at.info]
    else:
        titles = {m.value for m in at.markdown}
        first = formats.escape_markdown(str(fitting.iloc[0][schema.C_TITLE]))
        assert f"**{first}**" in titles
        assert len(_table(at, "deadline", "en")) == len(fitting)


def test_without_an_id_the_busiest_association_is_shown(demo_env: Store) -> None:
    data = _data(demo_env)
    busiest = tf.busiest_association(data.associations, data.projects)
    at = open_app("association", {"lang": "en"})
    assert at.selectbox(key="as_choice").value == busiest
    assert _param(at, "id") == [busiest]
    at.selectbox(key="as_choice").set_value(RAVENNA).run()
    assert not at.exception
    assert RAVENNA_NAME in at.title[0].value
    assert _param(at, "id") == [RAVENNA]


@pytest.mark.parametrize("lang", ["it", "en"])
def test_an_unknown_id_says_so(demo_env: Store, lang: str) -> None:
    at = open_app("association", {"lang": lang, "id": "ASS-9999"})
    assert at.title[0].value == i18n.t("association.title", lang)
    warning = i18n.t("association.unknown", lang, id=formats.escape_markdown("ASS-9999"))
    assert [w.value for w in at.warning] == [warning]
    assert not at.dataframe
