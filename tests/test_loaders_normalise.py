"""Cell parsers and header aliases: what people type, and what Ponti stores."""

from __future__ import annotations

import datetime as dt

import pytest

from loaders import normalise as nz
from loaders.normalise import ParseError
from ponti import schema


# -- numbers ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234.567,89", 1234567.89),
        ("1,234,567.89", 1234567.89),
        ("1234,5", 1234.5),
        ("1234.5", 1234.5),
        ("€ 12.000", 12000.0),
        ("12.000 EUR", 12000.0),
        ("12.000,50 €", 12000.5),
        ("EUR 3.000,5", 3000.5),
        ("12500.00", 12500.0),
        ("12.500,00", 12500.0),
        ("100", 100.0),
        ("1 234 567,89", 1234567.89),
        ("1\u00a0234,5", 1234.5),
        # The thousands rule: one separator followed by exactly three digits groups
        # thousands, whichever separator it is.
        ("12.000", 12000.0),
        ("12,000", 12000.0),
        ("1.500", 1500.0),
        # ...but not after a leading zero or more than three digits: those are decimals.
        ("0,125", 0.125),
        ("0.125", 0.125),
        ("1234.567", 1234.567),
        ("12,5", 12.5),
        ("12.50", 12.5),
        (".5", 0.5),
        ("-1.500", -1500.0),
        ("+200", 200.0),
        ("1.2E+5", 120000.0),
    ],
)
def test_parse_number(text: str, expected: float) -> None:
    assert nz.parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    [
        "12,3,4",
        "abc",
        "1.2.3",
        "12..5",
        "1,23,456",
        "",
        "€",
        "1.234,56.7",
        "12 mila",
        "1.234.56",
        "12.",
        "--5",
    ],
)
def test_parse_number_rejects(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        nz.parse_number(text)
    assert caught.value.key == "bad-amount"


@pytest.mark.parametrize(
    ("text", "expected", "key"),
    [
        ("1.200", 1200, None),
        ("120", 120, None),
        ("12,5", None, "bad-count"),
        ("circa 40", None, "bad-count"),
        ("-3", None, "negative-number"),
    ],
)
def test_parse_count(text: str, expected: int | None, key: str | None) -> None:
    if key is None:
        assert nz.parse_count(text) == expected
    else:
        with pytest.raises(ParseError) as caught:
            nz.parse_count(text)
        assert caught.value.key == key


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2015", 2015), ("2015.0", 2015), ("1900", 1900), ("15/03/2015", 2015)],
)
def test_parse_year(text: str, expected: int) -> None:
    assert nz.parse_year(text, 1900, 2026) == expected


@pytest.mark.parametrize("text", ["1850", "2099", "duemila", "15"])
def test_parse_year_rejects(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        nz.parse_year(text, 1900, 2026)
    assert caught.value.key == "bad-year"
    assert caught.value.params == {"low": 1900, "high": 2026}


# -- dates --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/12/2024", dt.date(2024, 12, 31)),
        ("31-12-2024", dt.date(2024, 12, 31)),
        ("31.12.2024", dt.date(2024, 12, 31)),
        ("2024-12-31", dt.date(2024, 12, 31)),
        ("2024/12/31", dt.date(2024, 12, 31)),
        ("1/2/2024", dt.date(2024, 2, 1)),
        ("01/02/24", dt.date(2024, 2, 1)),
        ("2024-12-31 00:00:00", dt.date(2024, 12, 31)),
        ("2024-12-31T10:30:00", dt.date(2024, 12, 31)),
        ("31/12/2024 10:30", dt.date(2024, 12, 31)),
        ("1 marzo 2024", dt.date(2024, 3, 1)),
        ("1° Marzo 2024", dt.date(2024, 3, 1)),
        ("15 sett. 2023", dt.date(2023, 9, 15)),
        ("March 1, 2024", dt.date(2024, 3, 1)),
        ("45292", dt.date(2024, 1, 1)),  # an Excel serial day number
    ],
)
def test_parse_date(text: str, expected: dt.date) -> None:
    assert nz.parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("31/02/2024", "impossible-date"),
        ("13/13/2024", "impossible-date"),
        ("09/25/2022", "us-date"),
        ("primavera 2022", "bad-date"),
        ("2024", "bad-date"),
        ("32 marzo 2024", "impossible-date"),
        ("1 brumaio 2024", "bad-date"),
    ],
)
def test_parse_date_rejects(text: str, key: str) -> None:
    with pytest.raises(ParseError) as caught:
        nz.parse_date(text)
    assert caught.value.key == key


def test_us_date_suggests_the_day_first() -> None:
    with pytest.raises(ParseError) as caught:
        nz.parse_date("09/25/2022")
    assert caught.value.params["suggest"] == "25/09/2022"


# -- yes / no -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sì", True),
        ("Sì", True),
        ("si", True),
        ("SI", True),
        ("yes", True),
        ("Y", True),
        ("true", True),
        ("TRUE", True),
        ("1", True),
        ("x", True),
        ("X", True),
        ("vero", True),
        ("no", False),
        ("NO", False),
        ("false", False),
        ("0", False),
        ("", False),
        ("falso", False),
        ("n", False),
    ],
)
def test_parse_bool(text: str, expected: bool) -> None:
    assert nz.parse_bool(text) is expected


@pytest.mark.parametrize("text", ["forse", "2", "maybe"])
def test_parse_bool_rejects(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        nz.parse_bool(text)
    assert caught.value.key == "bad-bool"


# -- lists --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a|b", ["a", "b"]),
        ("a; b", ["a", "b"]),
        ("a, b", ["a", "b"]),
        ("a\nb", ["a", "b"]),
        ("Bosnia and Herzegovina, Serbia|Kosovo", ["Bosnia and Herzegovina, Serbia", "Kosovo"]),
        ("a; b, c", ["a", "b, c"]),
        (" a | | b ", ["a", "b"]),
        ("solo", ["solo"]),
        ("", []),
    ],
)
def test_split_list(text: str, expected: list[str]) -> None:
    assert nz.split_list(text) == expected


# -- SDGs ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4", 4),
        ("04", 4),
        ("SDG 4", 4),
        ("SDG4", 4),
        ("sdg-4", 4),
        ("SDG 04", 4),
        ("Goal 4", 4),
        ("Obiettivo 4", 4),
        ("17", 17),
        ("1", 1),
        ("Obiettivo 4: Istruzione di qualità", 4),
        ("4 - Quality education", 4),
        ("SDG 16 Pace, giustizia e istituzioni solide", 16),
    ],
)
def test_parse_sdg(text: str, expected: int) -> None:
    assert nz.parse_sdg(text) == expected


@pytest.mark.parametrize("text", ["0", "18", "4.4", "SDG", "quattro", "SDG 4.4"])
def test_parse_sdg_rejects(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        nz.parse_sdg(text)
    assert caught.value.key == "bad-sdg"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4.4", "4.4"),
        ("4.a", "4.a"),
        ("4.A", "4.a"),
        ("Target 4.4", "4.4"),
        ("04.04", "4.4"),
        ("16.10", "16.10"),
        ("SDG 8.5", "8.5"),
    ],
)
def test_parse_target_code(text: str, expected: str) -> None:
    assert nz.parse_target_code(text) == expected


@pytest.mark.parametrize("text", ["4", "4.", "quattro.quattro", "4-4"])
def test_parse_target_code_rejects(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        nz.parse_target_code(text)
    assert caught.value.key == "bad-target"


# -- coded vocabularies -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("idea", "idea"),
        ("Idea", "idea"),
        ("concept", "concept"),
        ("Concept note", "concept"),
        ("nota concettuale", "concept"),
        ("submitted", "submitted"),
        ("Presentato", "submitted"),
        ("presentata", "submitted"),
        ("approved", "approved"),
        ("Approvato", "approved"),
        ("finanziato", "approved"),
        ("in progress", "in_progress"),
        ("In corso", "in_progress"),
        ("avviato", "in_progress"),
        ("in_progress", "in_progress"),
        ("IN-PROGRESS", "in_progress"),
        ("completed", "completed"),
        ("concluso", "completed"),
        ("Completato", "completed"),
        ("rejected", "rejected"),
        ("respinto", "rejected"),
        ("non finanziato", "rejected"),
        ("withdrawn", "withdrawn"),
        ("ritirato", "withdrawn"),
        ("cancelled", "cancelled"),
        ("canceled", "cancelled"),
        ("annullato", "cancelled"),
        # IATI activity-status codes
        ("1", "submitted"),
        ("2", "in_progress"),
        ("3", "in_progress"),
        ("4", "completed"),
        ("5", "cancelled"),
        ("6", "in_progress"),
    ],
)
def test_parse_stage(text: str, expected: str) -> None:
    assert nz.parse_vocabulary("stage", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lavoro", "employment"),
        ("employment", "employment"),
        ("salute", "health"),
        ("Health", "health"),
        ("istruzione", "education"),
        ("education", "education"),
        ("cittadinanza attiva", "active_citizenship"),
        ("Active citizenship", "active_citizenship"),
        ("casa", "housing"),
        ("abitare", "housing"),
        ("housing", "housing"),
        ("impresa", "enterprise"),
        ("Investimenti produttivi e impresa", "enterprise"),
        ("productive investment and enterprise", "enterprise"),
        ("Competenze e migrazione circolare", "skills_mobility"),
        ("skills and circular migration", "skills_mobility"),
        ("cultura", "culture"),
        ("culture", "culture"),
        ("umanitario", "humanitarian"),
        ("humanitarian", "humanitarian"),
    ],
)
def test_parse_theme(text: str, expected: str) -> None:
    assert nz.parse_vocabulary("theme", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("AICS", "aics"),
        ("UE", "eu"),
        ("Unione europea", "eu"),
        ("European Union", "eu"),
        ("AMIF", "eu"),
        ("Regione", "region"),
        ("comune", "municipality"),
        ("Fondazione", "foundation"),
        ("OIM", "iom"),
        ("IOM", "iom"),
        ("Ministero", "ministry"),
        ("privato", "private"),
        ("altro", "other"),
    ],
)
def test_parse_funder_type(text: str, expected: str) -> None:
    assert nz.parse_vocabulary("funder_type", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20%", 0.2),
        ("20 %", 0.2),
        ("20", 0.2),
        ("0,2", 0.2),
        ("0.2", 0.2),
        ("12,5%", 0.125),
        ("12,5", 0.125),
        ("0", 0.0),
        ("1", 1.0),  # a fraction: 100%
        ("1%", 0.01),
        ("100", 1.0),
        ("100%", 1.0),
    ],
)
def test_parse_share(text: str, expected: float) -> None:
    assert nz.parse_share(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("120%", "share-out-of-range"),
        ("150", "share-out-of-range"),
        ("-10%", "share-out-of-range"),
        ("12.500", "share-out-of-range"),  # twelve thousand five hundred per cent
        ("metà", "bad-share"),
        ("%", "bad-share"),
    ],
)
def test_parse_share_rejects(text: str, key: str) -> None:
    with pytest.raises(ParseError) as caught:
        nz.parse_share(text)
    assert caught.value.key == key


@pytest.mark.parametrize(
    ("vocabulary", "text", "expected"),
    [
        ("twinning_type", "gemellaggio", "gemellaggio"),
        ("twinning_type", "twinning", "gemellaggio"),
        ("twinning_type", "Patto di amicizia", "patto_amicizia"),
        ("twinning_type", "friendship pact", "patto_amicizia"),
        ("twinning_type", "accordo di cooperazione", "accordo_cooperazione"),
        ("twinning_type", "cooperation agreement", "accordo_cooperazione"),
        ("twinning_type", "memorandum", "memorandum"),
        ("twinning_type", "Memorandum of understanding", "memorandum"),
        ("twinning_type", "MoU", "memorandum"),
        ("twinning_status", "proposto", "proposed"),
        ("twinning_status", "proposed", "proposed"),
        ("twinning_status", "in negoziazione", "negotiating"),
        ("twinning_status", "negotiating", "negotiating"),
        ("twinning_status", "firmato", "signed"),
        ("twinning_status", "attivo", "active"),
        ("twinning_status", "dormiente", "dormant"),
        ("twinning_status", "inattivo", "dormant"),
        ("twinning_status", "dormant", "dormant"),
        ("applicant", "associazione", "association"),
        ("applicant", "ODV/APS", "association"),
        ("applicant", "APS", "association"),
        ("applicant", "Enti del Terzo Settore", "association"),
        ("applicant", "Associations", "association"),
        ("applicant", "comune", "municipality"),
        ("applicant", "Ente locale", "municipality"),
        ("applicant", "local authorities", "municipality"),
        ("applicant", "ONG", "ngo"),
        ("applicant", "OSC", "ngo"),
        ("applicant", "Organizzazioni della società civile", "ngo"),
        ("applicant", "rete", "network"),
        ("applicant", "Università", "university"),
        ("applicant", "cooperativa sociale", "enterprise"),
        ("applicant", "altri soggetti", "other"),
    ],
)
def test_parse_twinning_and_applicant_vocabularies(
    vocabulary: str, text: str, expected: str
) -> None:
    assert nz.parse_vocabulary(vocabulary, text) == expected


@pytest.mark.parametrize(
    ("vocabulary", "text", "key"),
    [
        ("stage", "in attesa", "unknown-stage"),
        ("stage", "7", "unknown-stage"),
        ("theme", "sport", "unknown-theme"),
        ("funder_type", "crowdfunding", "unknown-funder-type"),
        ("twinning_type", "alleanza", "unknown-twinning-type"),
        ("twinning_status", "forse", "unknown-twinning-status"),
        ("applicant", "parrocchia", "unknown-applicant"),
    ],
)
def test_parse_vocabulary_rejects(vocabulary: str, text: str, key: str) -> None:
    with pytest.raises(ParseError) as caught:
        nz.parse_vocabulary(vocabulary, text)
    assert caught.value.key == key
    assert caught.value.params["options"] and caught.value.params["options_it"]


@pytest.mark.parametrize("vocabulary", sorted(nz.VOCABULARY_ALIASES))
def test_every_vocabulary_alias_reaches_its_own_code(vocabulary: str) -> None:
    # Catches an alias listed under two codes (only the first would ever win).
    for code, aliases in nz.VOCABULARY_ALIASES[vocabulary].items():
        assert code in nz.VOCABULARY_CODES[vocabulary]
        for alias in aliases:
            assert nz.parse_vocabulary(vocabulary, alias) == code, alias


# -- contacts -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("parse", "text", "expected"),
    [
        (nz.parse_url, "www.example.org", "https://www.example.org"),
        (nz.parse_url, "http://example.org/chi-siamo", "http://example.org/chi-siamo"),
        (nz.parse_url, "example.it", "https://example.it"),
        (nz.parse_email, "nome@example.org", "nome@example.org"),
        (nz.parse_email, "mailto:nome@example.org", "nome@example.org"),
        (nz.parse_phone, "+39 06 1234567", "+39 06 1234567"),
        (nz.parse_phone, "06/1234567", "06/1234567"),
    ],
)
def test_contacts(parse, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("parse", "text", "key"),
    [
        (nz.parse_url, "sito in costruzione", "bad-url"),
        (nz.parse_url, "ciao", "bad-url"),
        (nz.parse_email, "awa.example.org", "bad-email"),
        (nz.parse_email, "a@b", "bad-email"),
        (nz.parse_email, "a@b.it; c@d.it", "bad-email"),
        (nz.parse_phone, "chiamare la sera", "bad-phone"),
        (nz.parse_phone, "123", "bad-phone"),
    ],
)
def test_contacts_reject(parse, text: str, key: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ParseError) as caught:
        parse(text)
    assert caught.value.key == key


# -- headers ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kind", "header", "expected"),
    [
        (schema.ASSOCIATIONS, "Codice ISTAT", schema.A_MUNICIPALITY),
        (schema.ASSOCIATIONS, "Comune", schema.A_MUNICIPALITY),
        (schema.ASSOCIATIONS, "municipality", schema.A_MUNICIPALITY),
        (schema.ASSOCIATIONS, "istat", schema.A_MUNICIPALITY),
        (schema.ASSOCIATIONS, "municipality_istat", schema.A_MUNICIPALITY),
        (schema.ASSOCIATIONS, "Nome", schema.A_NAME),
        (schema.ASSOCIATIONS, "Denominazione", schema.A_NAME),
        (schema.ASSOCIATIONS, "Paesi di origine", schema.A_COUNTRIES),
        (schema.ASSOCIATIONS, "origin countries", schema.A_COUNTRIES),
        (schema.ASSOCIATIONS, "Anno di fondazione", schema.A_FOUNDED),
        (schema.ASSOCIATIONS, "founded", schema.A_FOUNDED),
        (schema.ASSOCIATIONS, "Guidata da donne", schema.A_WOMEN_LED),
        (schema.ASSOCIATIONS, "E-mail", schema.A_CONTACT_EMAIL),
        (schema.PROJECTS, "Importo richiesto", schema.P_REQUESTED),
        (schema.PROJECTS, "requested (EUR)", schema.P_REQUESTED),
        (schema.PROJECTS, "Importo richiesto (€) *", schema.P_REQUESTED),
        (schema.PROJECTS, "IMPORTO_RICHIESTO", schema.P_REQUESTED),
        (schema.PROJECTS, "Fase", schema.P_STAGE),
        (schema.PROJECTS, "stato", schema.P_STAGE),
        (schema.PROJECTS, "Data presentazione", schema.P_SUBMITTED),
        (schema.PROJECTS, "data_di_presentazione", schema.P_SUBMITTED),
        (schema.PROJECTS, "Obiettivi", schema.P_SDGS),
        (schema.PROJECTS, "SDG", schema.P_SDGS),
        (schema.PROJECTS, "Goals", schema.P_SDGS),
        (schema.PROJECTS, "Capofila", schema.P_LEAD),
        (schema.PROJECTS, "Nome", schema.P_TITLE),
        (schema.PROJECTS, "Città", schema.P_MUNICIPALITY),
        (schema.TWINNINGS, "Città partner", schema.T_PARTNER_CITY),
        (schema.TWINNINGS, "Tipo", schema.T_TYPE),
        (schema.TWINNINGS, "Anno", schema.T_YEAR),
        (schema.RESIDENTS, "Cittadinanza", schema.R_CITIZENSHIP),
        (schema.RESIDENTS, "Provincia", schema.R_PROVINCE),
        (schema.RESIDENTS, "Value", schema.R_RESIDENTS),
        (schema.CALLS, "Codice bando", schema.C_ID),
        (schema.CALLS, "Ente finanziatore", schema.C_FUNDER),
        (schema.CALLS, "Titolo del bando", schema.C_TITLE),
        (schema.CALLS, "Link al bando", schema.C_URL),
        (schema.CALLS, "Data di apertura", schema.C_OPENS),
        (schema.CALLS, "Scadenza", schema.C_CLOSES),
        (schema.CALLS, "Deadline", schema.C_CLOSES),
        (schema.CALLS, "Paesi ammissibili", schema.C_COUNTRIES),
        (schema.CALLS, "Contributo massimo (€)", schema.C_GRANT_MAX),
        (schema.CALLS, "Cofinanziamento (%)", schema.C_COFINANCING),
        (schema.CALLS, "Soggetti ammissibili", schema.C_APPLICANTS),
        (schema.CALLS, "Who can apply", schema.C_APPLICANTS),
    ],
)
def test_canonical_header(kind: str, header: str, expected: str) -> None:
    found = nz.canonical_header(kind, header)
    assert found is not None and found[0] == expected


@pytest.mark.parametrize(
    ("kind", "header"),
    [
        (schema.ASSOCIATIONS, "Note interne"),
        (schema.TWINNINGS, "Città"),
        (schema.PROJECTS, "colore"),
    ],
)
def test_canonical_header_unknown(kind: str, header: str) -> None:
    assert nz.canonical_header(kind, header) is None


@pytest.mark.parametrize("kind", schema.KINDS)
def test_every_header_alias_reaches_its_own_column(kind: str) -> None:
    # An alias listed under two columns of a kind would silently map to the first.
    names = set(schema.column_names(kind))
    for column in schema.column_names(kind):
        for alias in nz.aliases_for(kind, column):
            found = nz.canonical_header(kind, alias)
            assert found is not None and found[0] == column, (column, alias)
    assert set(nz.HEADER_ALIASES[kind]) <= names


def test_code_headers_outrank_name_headers() -> None:
    code = nz.canonical_header(schema.ASSOCIATIONS, "Codice ISTAT")
    name = nz.canonical_header(schema.ASSOCIATIONS, "Comune")
    assert code is not None and name is not None and code[1] < name[1]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("associazioni.csv", schema.ASSOCIATIONS),
        ("Associations 2024.xlsx", schema.ASSOCIATIONS),
        ("progetti_2024.csv", schema.PROJECTS),
        ("projects", schema.PROJECTS),
        ("gemellaggi.csv", schema.TWINNINGS),
        ("twinnings.xlsx", schema.TWINNINGS),
        ("residenti_stranieri.csv", schema.RESIDENTS),
        ("bandi_aperti_2027.xlsx", schema.CALLS),
        ("Calls for proposals.csv", schema.CALLS),
        ("export.csv", None),
        ("progetti_associazioni.csv", None),
    ],
)
def test_kind_from_name(name: str, kind: str | None) -> None:
    assert nz.kind_from_name(name) == kind
