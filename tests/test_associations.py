"""The associations directory, profile and funding leads (ponti.transforms.associations and
ponti.charts.associations), checked against plain recomputations on the demo data and on
small frames built here."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pandas as pd
import pytest

from ponti import i18n, schema
from ponti.charts import associations as charts
from ponti.store import Store
from ponti.transforms import Dataset
from ponti.transforms import associations as at
from ponti.transforms import calls as ct
from ponti.transforms import funding as ft

RAVENNA = "ASS-0011"  # Associazione Senegalesi di Ravenna (ASR), three networks
CASERTA = "ASS-0034"  # Donne Maliane di Caserta ODV: leads projects and partners others


@pytest.fixture
def data(demo_store: Store) -> Dataset:
    return Dataset.from_tables(demo_store.read_all())


def _row(data: Dataset, association_id: str) -> pd.Series:
    found = at.find_association(data.associations, association_id)
    assert found is not None
    return found


def _ids(frame: pd.DataFrame) -> list[str]:
    return sorted(frame[schema.A_ID].astype(str))


# -- search ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Comunità d'Africa", "comunita d africa"),
        ("ÉTOILE  du Sénégal", "etoile du senegal"),
        ("Ponte Italia-Senegal", "ponte italia senegal"),
        ("  ", ""),
        (None, ""),
    ],
)
def test_fold_drops_case_accents_and_punctuation(text: object, folded: str) -> None:
    assert at.fold(text) == folded


@pytest.mark.parametrize(
    "query",
    ["senegal raven", "SENEGALESI RAVENNA", "Senegalési Ravènna", "raven senegal", "ravenna asr"],
)
def test_a_search_finds_the_senegalese_of_ravenna(data: Dataset, query: str) -> None:
    found = at.filter_directory(data.associations, at.DirectoryChoice(query=query))
    assert RAVENNA in _ids(found)
    assert "Associazione Senegalesi di Ravenna" in set(found[schema.A_NAME])


def test_every_word_of_the_query_must_match(data: Dataset) -> None:
    found = at.filter_directory(data.associations, at.DirectoryChoice(query="senegal raven"))
    assert _ids(found) == [RAVENNA]
    # One word that matches nothing empties the result, whatever the others find.
    nothing = at.filter_directory(data.associations, at.DirectoryChoice(query="senegal zzzq"))
    assert nothing.empty
    # Each result holds every word, in its name or acronym, as the plain check says.
    for query in ("comunita", "donne rimini", "OCIS"):
        found = at.filter_directory(data.associations, at.DirectoryChoice(query=query))
        assert not found.empty, query
        words = at.query_words(query)
        for name, acronym in zip(found[schema.A_NAME], found[schema.A_ACRONYM], strict=True):
            assert all(w in at.fold(name) or w in at.fold(acronym) for w in words)
        rest = data.associations.drop(found.index)
        for name, acronym in zip(rest[schema.A_NAME], rest[schema.A_ACRONYM], strict=True):
            assert not all(w in at.fold(name) or w in at.fold(acronym) for w in words)


def test_an_acronym_alone_finds_its_association(data: Dataset) -> None:
    found = at.filter_directory(data.associations, at.DirectoryChoice(query="ASR"))
    assert RAVENNA in _ids(found)


def test_no_choice_keeps_every_association(data: Dataset) -> None:
    found = at.filter_directory(data.associations, at.DirectoryChoice(query="   "))
    assert len(found) == len(data.associations)


def test_the_directory_filters_cut_as_the_plain_checks_say(data: Dataset) -> None:
    a = data.associations
    choice = at.DirectoryChoice(themes=("education", "health"), networks=("summit",))
    found = at.filter_directory(a, choice)
    expected = a[
        a[schema.A_THEMES].map(lambda v: bool({"education", "health"} & set(v)))
        & a[schema.A_NETWORKS].map(lambda v: "summit" in v)
    ]
    assert 0 < len(found) < len(a)
    assert _ids(found) == _ids(expected)
    women = at.filter_directory(a, at.DirectoryChoice(women_led=True, youth_led=True))
    assert _ids(women) == _ids(a[a[schema.A_WOMEN_LED].eq(True) & a[schema.A_YOUTH_LED].eq(True)])


def test_network_options_are_the_networks_in_the_data(data: Dataset) -> None:
    assert at.network_options(data.associations) == ["summit", "forum", "coordinamento_regionale"]
    assert at.network_label("summit", "en") == "National Diaspora Summit participant"
    assert at.network_label("rete-locale", "it") == "rete-locale"


def test_the_directory_table_counts_projects_and_money(data: Dataset) -> None:
    table = at.directory_table(data.associations, data.projects, "it").set_index("association_code")
    assert len(table) == len(data.associations)
    p = data.projects
    for association_id in (RAVENNA, CASERTA, "ASS-0001"):
        taking_part = p[
            (p[schema.P_LEAD] == association_id)
            | p[schema.P_PARTNERS].map(lambda ids, a=association_id: a in ids)
        ]
        led = p[p[schema.P_LEAD] == association_id]
        assert table.at[association_id, "projects"] == len(taking_part)
        assert table.at[association_id, "granted_led"] == pytest.approx(
            float(led[schema.P_GRANTED].sum())
        )
    row = table.loc[RAVENNA]
    assert (row["name"], row["acronym"], row["municipality"]) == (
        "Associazione Senegalesi di Ravenna",
        "ASR",
        "Ravenna",
    )
    assert row["countries"] == "Senegal" and row["municipality_code"] == "039014"
    assert row["networks"].startswith("Partecipante al Summit")


# -- one association -------------------------------------------------------------------------------
def test_a_profile_lists_exactly_its_projects_and_partners(data: Dataset) -> None:
    p = data.projects
    own = at.projects_of(p, CASERTA)
    led = set(p.loc[p[schema.P_LEAD] == CASERTA, schema.P_ID])
    partnered = set(p.loc[p[schema.P_PARTNERS].map(lambda ids: CASERTA in ids), schema.P_ID])
    assert led and partnered
    assert set(own[schema.P_ID]) == led | partnered
    roles = dict(zip(own[schema.P_ID], own["role"], strict=True))
    assert {pid for pid, role in roles.items() if role == at.LEAD} == led
    assert {pid for pid, role in roles.items() if role == at.PARTNER} == partnered - led
    counts = at.count_roles(own)
    assert (counts.led, counts.partnered) == (len(led), len(partnered - led))
    table = at.projects_table(own, data.associations, "en")
    assert sorted(table["id"]) == sorted(led | partnered)

    # Partners: every other association on one of its projects, with the shared count.
    shared: dict[str, set[str]] = {}
    for project in p[p[schema.P_ID].isin(led | partnered)].itertuples(index=False):
        everyone = {getattr(project, schema.P_LEAD), *getattr(project, schema.P_PARTNERS)}
        for other in everyone - {CASERTA}:
            shared.setdefault(other, set()).add(getattr(project, schema.P_ID))
    partners = at.partners_of(p, data.associations, CASERTA, "en")
    assert len(partners) >= 3
    assert dict(zip(partners["association_code"], partners["projects"], strict=True)) == {
        other: len(ids) for other, ids in shared.items()
    }
    assert list(partners["projects"]) == sorted(partners["projects"], reverse=True)


def test_an_association_without_projects_has_no_partners(data: Dataset) -> None:
    taking_part = set(data.projects[schema.P_LEAD]) | {
        a for ids in data.projects[schema.P_PARTNERS] for a in ids
    }
    idle = next(a for a in data.associations[schema.A_ID] if a not in taking_part)
    assert at.projects_of(data.projects, idle).empty
    assert at.partners_of(data.projects, data.associations, idle, "en").empty


def test_its_twinnings_are_its_municipality_s_with_its_origins(data: Dataset) -> None:
    found_any = False
    for association_id in data.associations[schema.A_ID]:
        row = _row(data, association_id)
        countries, territories = set(row[schema.A_COUNTRIES]), set(row[schema.A_TERRITORIES])
        t = data.twinnings
        expected = t[
            (t[schema.T_MUNICIPALITY] == row[schema.A_MUNICIPALITY])
            & (
                t[schema.T_PARTNER_COUNTRY].isin(countries)
                | t[schema.T_PARTNER_TERRITORY].isin(territories)
            ).fillna(False)
        ]
        got = at.twinnings_of(t, row)
        assert set(got[schema.T_ID]) == set(expected[schema.T_ID])
        found_any = found_any or not got.empty
    assert found_any, "the demo should have an association whose city twins with its origins"


def test_facts_and_origins_say_what_the_record_says(data: Dataset) -> None:
    row = _row(data, RAVENNA)
    facts = at.facts_of(row)
    assert (facts.acronym, facts.founded, facts.legal_form) == ("ASR", 1989, "ODV")
    assert facts.members == 50
    assert facts.website == "https://asr.example.org"
    assert facts.networks == ("summit", "forum", "coordinamento_regionale")
    described = dict(at.describe_facts(facts, "it"))
    assert described["Guidata da donne"] == "no"
    assert described["Reti"].count(",") == 2
    # Its two origin cities, both in Senegal, by their gazetteer names.
    [(country, cities)] = at.origins_of(row, "en")
    assert country == "Senegal" and sorted(cities) == ["Louga", "Mbaké"]


def test_no_fact_of_any_association_is_a_contact(demo_store: Store) -> None:
    # The store's own table still has the private columns: the builders must not read them.
    associations = demo_store.read(schema.ASSOCIATIONS)
    contacts = {
        str(v) for c in schema.PRIVATE_COLUMNS for v in associations[c].dropna() if str(v).strip()
    }
    assert len(contacts) > 300
    for _, row in associations.iterrows():
        facts = at.facts_of(row)
        text = " ".join(map(str, vars(facts).values())) + str(at.describe_facts(facts, "it"))
        assert not {value for value in contacts if value in text}


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("https://asr.example.org", "https://asr.example.org"),
        ("http://x.example.org/a?b=1", "http://x.example.org/a?b=1"),
        ("javascript:alert(1)", None),
        ("www.example.org", None),
        ("", None),
        (None, None),
    ],
)
def test_only_web_addresses_become_links(value: object, safe: str | None) -> None:
    assert at.safe_website(value) == safe


def test_the_busiest_association_is_the_default(data: Dataset) -> None:
    busiest = at.busiest_association(data.associations, data.projects)
    counts = at.participations(data.projects).groupby(schema.A_ID)[schema.P_ID].nunique()
    assert busiest is not None and counts[busiest] == counts.max()


def test_the_map_shows_its_municipality() -> None:
    point = at.municipality_point("039014")
    assert list(point["name"]) == ["Ravenna"]
    deck = json.loads(charts.municipality_deck(point).to_json())
    layers = {layer["id"]: layer for layer in deck["layers"]}
    assert set(layers) == {"italy-regions", charts.LAYER_PLACE}
    assert [row["tip"] for row in layers[charts.LAYER_PLACE]["data"]] == ["Ravenna"]
    view = deck["initialViewState"]
    assert view["latitude"] == pytest.approx(float(point.at[0, "lat"]), abs=0.01)
    assert view["zoom"] == charts.ZOOM
    assert deck["mapStyle"] == "/app/static/blank_style.json"
    assert at.municipality_point("999999").empty


# -- funding leads from the record --------------------------------------------------------------
def _shares(project: Any, interests: at.Interests) -> tuple[bool, bool, bool]:
    return (
        getattr(project, schema.P_COUNTRY) in interests.countries,
        bool(set(getattr(project, schema.P_SDGS)) & interests.goals),
        bool(set(getattr(project, schema.P_THEMES)) & interests.themes),
    )


def test_interests_are_its_declared_goals_themes_and_countries(data: Dataset) -> None:
    row = _row(data, CASERTA)
    own = at.projects_of(data.projects, CASERTA)
    interests = at.interests_of(row, own)
    led = data.projects[data.projects[schema.P_LEAD] == CASERTA]
    assert interests.goals == frozenset(row[schema.A_SDGS])
    assert interests.themes == frozenset(row[schema.A_THEMES])
    assert interests.countries == frozenset(row[schema.A_COUNTRIES]) | set(led[schema.P_COUNTRY])
    # Countries of projects it only partners are not its own.
    partnered = own[own["role"] == at.PARTNER]
    assert set(partnered[schema.P_COUNTRY]) - interests.countries


@pytest.mark.parametrize("association_id", [CASERTA, RAVENNA])
def test_leads_are_recomputed_independently(data: Dataset, association_id: str) -> None:
    row = _row(data, association_id)
    own = at.projects_of(data.projects, association_id)
    interests = at.interests_of(row, own)
    leads = at.funding_leads(data.projects, association_id, interests, "en")
    assert not leads.empty

    # Private money (members, donors, crowdfunding, loans) is never a lead: no one applies to it.
    p = data.projects[
        data.projects[schema.P_FUNDER].notna() & (data.projects[schema.P_FUNDER_TYPE] != "private")
    ]
    assert set(leads[schema.P_FUNDER_TYPE]) <= set(schema.FUNDER_TYPES) - {"private"}
    mine = set(own[schema.P_ID])
    expected: dict[tuple[str, str], dict[str, Any]] = {}
    for project in p.itertuples(index=False):
        shares = _shares(project, interests)
        if not any(shares):
            continue
        programme = getattr(project, schema.P_PROGRAMME)
        key = (getattr(project, schema.P_FUNDER), "" if pd.isna(programme) else programme)
        entry = expected.setdefault(
            key,
            {"funded": [], "grants": [], "approved": 0, "decided": 0, "days": [], "best": 0},
        )
        stage = getattr(project, schema.P_STAGE)
        if stage in schema.DECIDED_STAGES:
            entry["decided"] += 1
            entry["approved"] += stage in schema.APPROVED_STAGES
            submitted, decided = (
                getattr(project, schema.P_SUBMITTED),
                getattr(project, schema.P_DECIDED),
            )
            if pd.notna(submitted) and pd.notna(decided) and decided >= submitted:
                entry["days"].append((decided - submitted).days)
        if stage in schema.APPROVED_STAGES:
            entry["funded"].append(getattr(project, schema.P_ID))
            grant = getattr(project, schema.P_GRANTED)
            if pd.notna(grant):
                entry["grants"].append(float(grant))
            entry["best"] = max(entry["best"], sum(shares))
    expected = {key: entry for key, entry in expected.items() if entry["funded"]}

    got = {
        (row_[schema.P_FUNDER], row_[schema.P_PROGRAMME]): row_ for row_ in leads.to_dict("records")
    }
    assert set(got) == set(expected)
    for key, entry in expected.items():
        lead = got[key]
        assert lead["projects"] == len(entry["funded"]), key
        assert lead["matches"] == entry["best"], key
        assert lead["own"] == bool(set(entry["funded"]) & mine), key
        assert lead["decided"] == entry["decided"], key
        assert lead["success_rate"] == pytest.approx(entry["approved"] / entry["decided"]), key
        assert lead["enough"] == (entry["decided"] >= ft.MIN_DECIDED)
        if entry["grants"]:
            assert lead["grant_median"] == pytest.approx(pd.Series(entry["grants"]).median())
        if entry["days"]:
            assert lead["days_median"] == pytest.approx(pd.Series(entry["days"]).median())
    # Ranked by the most shared by one project, then by how many.
    ranks = list(zip(-leads["matches"], -leads["projects"], strict=True))
    assert ranks == sorted(ranks)
    # The funders of its own funded projects are among the leads, marked as such.
    funded_own = own[
        own[schema.P_STAGE].isin(schema.APPROVED_STAGES)
        & own[schema.P_FUNDER].notna()
        & (own[schema.P_FUNDER_TYPE] != "private")
    ]
    assert set(funded_own[schema.P_FUNDER]) == set(leads.loc[leads["own"], schema.P_FUNDER])


def test_every_reason_of_a_lead_is_true(data: Dataset) -> None:
    row = _row(data, CASERTA)
    own = at.projects_of(data.projects, CASERTA)
    interests = at.interests_of(row, own)
    leads = at.funding_leads(data.projects, CASERTA, interests, "it")
    p = data.projects
    funded = p[p[schema.P_STAGE].isin(schema.APPROVED_STAGES)]
    for lead in leads.to_dict("records"):
        theirs = funded[
            (funded[schema.P_FUNDER] == lead[schema.P_FUNDER])
            & (funded[schema.P_PROGRAMME].fillna("") == lead[schema.P_PROGRAMME])
        ]
        assert lead["reasons"], lead
        for dimension, code, n in lead["reasons"]:
            if dimension == "countries":
                assert code in interests.countries
                countries = theirs[schema.P_COUNTRY]
                counts = countries[countries.isin(interests.countries)]
                assert (counts == code).sum() == n
                assert n == counts.value_counts().max()
            elif dimension == "goals":
                assert code in interests.goals
                assert theirs[schema.P_SDGS].map(lambda g, c=code: c in g).sum() == n
            else:
                assert code in interests.themes
                assert theirs[schema.P_THEMES].map(lambda v, c=code: c in v).sum() == n
        # The words say the same numbers and names.
        why = at.lead_why(lead["reasons"], "it")
        for dimension, code, n in lead["reasons"]:
            assert at.reason_text(dimension, code, n, "it") in why
    country_reason = next(
        r for lead in leads["reasons"] for r in lead if r[0] == "countries" and r[2] > 1
    )
    text = at.reason_text(*country_reason, "it")
    assert text == f"{country_reason[2]} progetti in {i18n.country_name(country_reason[1], 'it')}"
    assert at.reason_text("goals", 4, 3, "it") == "3 progetti sull'SDG 4 (Istruzione di qualità)"
    assert at.reason_text("themes", "education", 1, "en") == "1 project on Education"


def test_lead_figures_in_words() -> None:
    lead = {
        "projects": 4,
        "decided": 5,
        "enough": True,
        "success_rate": 0.8,
        "grant_median": 12500.0,
        "days_median": 120.0,
    }
    assert at.lead_figures(lead, "it") == (
        "4 progetti simili finanziati · successo 80% su 5 decisioni · "
        "contributo mediano 12.500 EUR · decisione in 120 giorni (mediana)"
    )
    few = {**lead, "decided": 2, "enough": False, "grant_median": float("nan")}
    assert "too few" in at.lead_figures(few, "en") and "EUR" not in at.lead_figures(few, "en")


# -- open calls that fit ---------------------------------------------------------------------------
TODAY = date(2026, 12, 1)


def _association(**values: Any) -> pd.Series:
    base = {
        schema.A_ID: "ASS-T",
        schema.A_NAME: "Test",
        schema.A_COUNTRIES: ["SEN"],
        schema.A_THEMES: ["education"],
        schema.A_SDGS: [4, 5],
        schema.A_NETWORKS: [],
    }
    return pd.Series({**base, **values})


def _calls(*rows: dict[str, Any]) -> pd.DataFrame:
    base: dict[str, Any] = {
        schema.C_FUNDER: "Fondazione Test",
        schema.C_FUNDER_TYPE: "foundation",
        schema.C_PROGRAMME: "Bando",
        schema.C_URL: "https://example.org/bando",
        schema.C_OPENS: pd.Timestamp(TODAY - timedelta(days=30)),
        schema.C_CLOSES: pd.Timestamp(TODAY + timedelta(days=30)),
        schema.C_COUNTRIES: [],
        schema.C_THEMES: ["education"],
        schema.C_SDGS: [],
        schema.C_GRANT_MIN: 5000.0,
        schema.C_GRANT_MAX: 50000.0,
        schema.C_COFINANCING: 0.2,
        schema.C_APPLICANTS: ["association"],
    }
    frame = pd.DataFrame([{**base, schema.C_TITLE: row[schema.C_ID], **row} for row in rows])
    for column in (schema.C_OPENS, schema.C_CLOSES):
        frame[column] = pd.to_datetime(frame[column])
    return frame


DAY = timedelta(days=1)
CALLS = _calls(
    {schema.C_ID: "open"},
    {schema.C_ID: "closed-yesterday", schema.C_CLOSES: pd.Timestamp(TODAY - DAY)},
    {schema.C_ID: "opens-tomorrow", schema.C_OPENS: pd.Timestamp(TODAY + DAY)},
    {schema.C_ID: "closes-today", schema.C_CLOSES: pd.Timestamp(TODAY)},
    {schema.C_ID: "opens-today", schema.C_OPENS: pd.Timestamp(TODAY)},
    {schema.C_ID: "rolling", schema.C_CLOSES: pd.NaT},
    {schema.C_ID: "no-opening-date", schema.C_OPENS: pd.NaT},
    {schema.C_ID: "ngos-only", schema.C_APPLICANTS: ["ngo"]},
    {schema.C_ID: "networks-only", schema.C_APPLICANTS: ["network", "ngo"]},
    {schema.C_ID: "other-countries", schema.C_COUNTRIES: ["MAR", "TUN"]},
    {
        schema.C_ID: "senegal",
        schema.C_COUNTRIES: ["SEN", "MLI"],
        schema.C_THEMES: ["health"],
        schema.C_SDGS: [5, 4, 9],
    },
    {schema.C_ID: "all-countries-nothing-shared", schema.C_THEMES: ["housing"]},
)


def test_open_means_opened_and_not_closed_on_the_day() -> None:
    assert sorted(ct.open_calls(CALLS, TODAY)[schema.C_ID]) == sorted(
        set(CALLS[schema.C_ID]) - {"closed-yesterday", "opens-tomorrow"}
    )


def test_the_calls_that_fit_and_why() -> None:
    fitting = at.fitting_calls(CALLS, _association(), TODAY).set_index(schema.C_ID)
    assert set(fitting.index) == {
        "open",
        "closes-today",
        "opens-today",
        "rolling",
        "no-opening-date",
        "senegal",
    }
    assert fitting.at["senegal", "reasons"] == [("countries", ("SEN",)), ("goals", (4, 5))]
    assert fitting.at["open", "reasons"] == [("themes", ("education",))]
    assert fitting.at["closes-today", "days_left"] == 0
    assert fitting.at["open", "days_left"] == 30
    assert pd.isna(fitting.at["rolling", "days_left"])
    # Most reasons first, then the soonest to close; rolling calls last.
    order = list(fitting.index)
    assert order[0] == "senegal" and order[1] == "closes-today" and order[-1] == "rolling"


def test_a_network_member_may_answer_a_call_for_networks() -> None:
    member = _association(**{schema.A_NETWORKS: ["summit"]})
    fitting = at.fitting_calls(CALLS, member, TODAY).set_index(schema.C_ID)
    assert "networks-only" in fitting.index and "ngos-only" not in fitting.index
    assert fitting.at["networks-only", "eligible_as"] == at.APPLICANT_NETWORK
    assert fitting.at["open", "eligible_as"] == at.APPLICANT_ASSOCIATION
    cards = {card.title: card for card in at.call_cards(fitting.reset_index(), "en")}
    assert cards["networks-only"].flag and not cards["open"].flag


def test_nothing_fits_an_association_sharing_nothing() -> None:
    stranger = _association(
        **{schema.A_COUNTRIES: ["PER"], schema.A_THEMES: ["culture"], schema.A_SDGS: [14]}
    )
    assert at.fitting_calls(CALLS, stranger, TODAY).empty
    assert at.fitting_calls(CALLS.iloc[0:0], _association(), TODAY).empty


def _assert_true_to_the_data(calls: pd.DataFrame, row: pd.Series, today: date) -> int:
    fitting = at.fitting_calls(calls, row, today)
    by_id = calls.set_index(schema.C_ID)
    origins = set(row[schema.A_COUNTRIES])
    for call in fitting.to_dict("records"):
        source = by_id.loc[call[schema.C_ID]]
        opens, closes = source[schema.C_OPENS], source[schema.C_CLOSES]
        assert pd.isna(opens) or opens.date() <= today
        assert pd.isna(closes) or closes.date() >= today
        applicants = set(source[schema.C_APPLICANTS])
        assert "association" in applicants or ("network" in applicants and row[schema.A_NETWORKS])
        eligible = set(source[schema.C_COUNTRIES])
        assert not eligible or eligible & origins
        assert call["reasons"]
        for dimension, codes in call["reasons"]:
            assert codes
            if dimension == "countries":
                assert set(codes) <= origins & eligible
            elif dimension == "themes":
                assert set(codes) <= set(row[schema.A_THEMES]) & set(source[schema.C_THEMES])
            else:
                assert set(codes) <= set(row[schema.A_SDGS]) & set(source[schema.C_SDGS])
        if pd.notna(closes):
            assert call["days_left"] == (closes.date() - today).days
    return len(fitting)


def test_every_reason_of_a_call_is_true() -> None:
    for row in (_association(), _association(**{schema.A_NETWORKS: ["forum"]})):
        assert _assert_true_to_the_data(CALLS, row, TODAY) >= 5


def test_on_the_demo_calls_nothing_closed_and_every_reason_true(data: Dataset) -> None:
    assert not data.calls.empty
    listed = 0
    for association_id in (RAVENNA, CASERTA, *data.associations[schema.A_ID].head(40)):
        for today in (date(2025, 4, 1), TODAY, date(2027, 6, 1)):
            listed += _assert_true_to_the_data(data.calls, _row(data, association_id), today)
    assert listed > 0


def test_calls_in_words() -> None:
    fitting = at.fitting_calls(CALLS, _association(), TODAY)
    table = at.describe_calls(fitting, "it").set_index("title")
    assert table.at["senegal", "why"] == "aperto a Senegal; SDG in comune: 4, 5"
    assert table.at["rolling", "deadline"] == "a sportello, fino a esaurimento"
    assert table.at["closes-today", "deadline"] == "chiude oggi (1 dic 2026)"
    assert table.at["open", "deadline"] == "30 giorni rimasti (31 dic 2026)"
    assert ct.grant_text(5000, 50000, "it") == "contributo da 5.000 EUR a 50.000 EUR"
    assert ct.grant_text(None, 50000, "en") == "grant up to EUR 50,000"
    assert ct.grant_text(float("nan"), float("nan"), "en") == ""
    [card] = [c for c in at.call_cards(fitting, "en") if c.title == "open"]
    assert card.url == "https://example.org/bando"
    assert "co-financing required 20%" in card.figures
    free = at.fitting_calls(
        _calls({schema.C_ID: "free", schema.C_COFINANCING: 0.0}), _association(), TODAY
    )
    assert "no co-financing required" in at.call_cards(free, "en")[0].figures
