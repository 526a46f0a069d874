"""Templates staff fill in to import data: one per kind, as Excel (.xlsx) or CSV, in Italian
or English. No Streamlit here; the Data page offers what these functions return.

- ``template_xlsx(kind, lang)``: a data sheet (headers in the user's language, as the
  loaders read them, and one example row), drop-down lists for the single-valued coded
  columns (stages, funder types, twinning types and statuses, yes/no, countries), a sheet
  explaining every column (header in both languages, required or not, type, allowed values,
  example, notes) and a hidden sheet holding the drop-downs' values.
- ``template_csv(kind, lang)``: the header and the example row, UTF-8 with a byte-order
  mark so that Excel opens accents right; ";"-separated in Italian (as Italian Excel saves
  CSV), ","-separated in English.
- ``template_name(kind, lang, fmt)``: a file name the loaders recognise the kind by.
- ``column_docs(kind, lang)``: the explanation sheet's rows, for a page to show.
- ``column_label(kind, column, lang)``: a column's header in a language (reports, diffs).

A template filled in and uploaded validates without errors (tests/test_templates.py): its
example row warns only that it is the example (ids starting "ESEMPIO-"/"EXAMPLE-"). The
example's references point at things that exist: given the current tables (``existing``),
a project's lead association is one Ponti has; without them, it is the association
template's example, so the templates of every kind imported together validate.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

import pandas as pd

from ponti import reference, schema
from ponti.formats import neutralise_formula as neutralise
from ponti.i18n import VOCABULARIES
from ponti.schema import Lang

Format = Literal["xlsx", "csv"]
FORMATS: Final[tuple[Format, ...]] = ("xlsx", "csv")

# Ids of example rows start with these: the loaders warn when one is imported.
EXAMPLE_ID_PREFIXES: Final[tuple[str, ...]] = ("ESEMPIO-", "EXAMPLE-")
EXAMPLE_ROWS: Final = 1000  # rows of the data sheet that get drop-down lists

# The name of each kind in each language (sheet and file names; the loaders read them).
KIND_NAMES: Final[dict[str, dict[Lang, str]]] = {
    schema.ASSOCIATIONS: {"it": "associazioni", "en": "associations"},
    schema.PROJECTS: {"it": "progetti", "en": "projects"},
    schema.TWINNINGS: {"it": "gemellaggi", "en": "twinnings"},
    schema.RESIDENTS: {"it": "residenti", "en": "residents"},
    schema.CALLS: {"it": "bandi", "en": "calls"},
}

# Each column's header in Italian and English: words the loaders read as that column
# (data/vocabulary/headers.csv; tests/test_templates.py holds them to it).
_MUNICIPALITY: Final = ("Comune (codice ISTAT o nome)", "Municipality (ISTAT code or name)")
LABELS: Final[dict[str, dict[str, tuple[str, str]]]] = {
    schema.ASSOCIATIONS: {
        schema.A_ID: ("Codice associazione", "Association id"),
        schema.A_NAME: ("Nome", "Name"),
        schema.A_ACRONYM: ("Sigla", "Acronym"),
        schema.A_MUNICIPALITY: _MUNICIPALITY,
        schema.A_FOUNDED: ("Anno di fondazione", "Year founded"),
        schema.A_LEGAL_FORM: ("Forma giuridica", "Legal form"),
        schema.A_COUNTRIES: ("Paesi di origine", "Origin countries"),
        schema.A_TERRITORIES: ("Territori di origine", "Origin territories"),
        schema.A_THEMES: ("Temi", "Themes"),
        schema.A_SDGS: ("Obiettivi SDG", "Goals"),
        schema.A_MEMBERS: ("Numero soci", "Members"),
        schema.A_WOMEN_LED: ("Guidata da donne", "Women led"),
        schema.A_YOUTH_LED: ("Guidata da giovani", "Youth led"),
        schema.A_NETWORKS: ("Reti", "Networks"),
        schema.A_WEBSITE: ("Sito web", "Website"),
        schema.A_IATI_IDS: ("Identificativi IATI", "IATI organisation ids"),
        schema.A_CONTACT_NAME: ("Referente", "Contact name"),
        schema.A_CONTACT_EMAIL: ("Email referente", "Contact email"),
        schema.A_CONTACT_PHONE: ("Telefono referente", "Contact phone"),
    },
    schema.PROJECTS: {
        schema.P_ID: ("Codice progetto", "Project id"),
        schema.P_TITLE: ("Titolo", "Title"),
        schema.P_SUMMARY: ("Descrizione", "Summary"),
        schema.P_LEAD: ("Associazione capofila", "Lead association"),
        schema.P_PARTNERS: ("Associazioni partner", "Partner associations"),
        schema.P_MUNICIPALITY: _MUNICIPALITY,
        schema.P_COUNTRY: ("Paese di destinazione", "Destination country"),
        schema.P_TERRITORY: ("Territorio di destinazione", "Destination territory"),
        schema.P_SPLIT: ("Ripartizione per paese (%)", "Country split (%)"),
        schema.P_SDGS: ("Obiettivi SDG", "Goals"),
        schema.P_TARGETS: ("Target SDG", "SDG targets"),
        schema.P_THEMES: ("Temi", "Themes"),
        schema.P_DAC: ("Settore DAC", "DAC sector"),
        schema.P_FUNDER: ("Finanziatore", "Funder"),
        schema.P_FUNDER_TYPE: ("Tipo finanziatore", "Funder type"),
        schema.P_PROGRAMME: ("Programma", "Programme"),
        schema.P_STAGE: ("Fase", "Stage"),
        schema.P_REQUESTED: ("Importo richiesto (EUR)", "Amount requested (EUR)"),
        schema.P_GRANTED: ("Importo concesso (EUR)", "Amount granted (EUR)"),
        schema.P_COFINANCING: ("Cofinanziamento (EUR)", "Co-financing (EUR)"),
        schema.P_DISBURSED: ("Importo erogato (EUR)", "Amount disbursed (EUR)"),
        schema.P_SPENT: ("Importo speso (EUR)", "Amount spent (EUR)"),
        schema.P_SUBMITTED: ("Data presentazione", "Date submitted"),
        schema.P_DECIDED: ("Data decisione", "Date decided"),
        schema.P_START: ("Data inizio", "Start date"),
        schema.P_END: ("Data fine", "End date"),
        schema.P_BENEFICIARIES: ("Beneficiari", "Beneficiaries"),
    },
    schema.TWINNINGS: {
        schema.T_ID: ("Codice gemellaggio", "Twinning id"),
        schema.T_MUNICIPALITY: _MUNICIPALITY,
        schema.T_PARTNER_CITY: ("Città partner", "Partner city"),
        schema.T_PARTNER_COUNTRY: ("Paese partner", "Partner country"),
        schema.T_PARTNER_TERRITORY: ("Territorio partner", "Partner territory"),
        schema.T_TYPE: ("Tipo di accordo", "Agreement type"),
        schema.T_STATUS: ("Stato", "Status"),
        schema.T_YEAR: ("Anno di firma", "Year signed"),
        schema.T_COMMUNITY: ("Comunità della diaspora", "Diaspora community"),
        schema.T_PROJECTS: ("Progetti collegati", "Linked projects"),
        schema.T_SOURCE: ("Fonte", "Source"),
    },
    schema.RESIDENTS: {
        schema.R_YEAR: ("Anno", "Year"),
        schema.R_PROVINCE: ("Provincia", "Province"),
        schema.R_CITIZENSHIP: ("Cittadinanza", "Citizenship"),
        schema.R_RESIDENTS: ("Residenti", "Residents"),
    },
    schema.CALLS: {
        schema.C_ID: ("Codice bando", "Call id"),
        schema.C_FUNDER: ("Finanziatore", "Funder"),
        schema.C_FUNDER_TYPE: ("Tipo finanziatore", "Funder type"),
        schema.C_PROGRAMME: ("Programma", "Programme"),
        schema.C_TITLE: ("Titolo del bando", "Title"),
        schema.C_URL: ("Link al bando", "Link"),
        schema.C_OPENS: ("Data apertura", "Opening date"),
        schema.C_CLOSES: ("Scadenza", "Closing date"),
        schema.C_COUNTRIES: ("Paesi ammissibili", "Eligible countries"),
        schema.C_THEMES: ("Temi", "Themes"),
        schema.C_SDGS: ("Obiettivi SDG", "Goals"),
        schema.C_GRANT_MIN: ("Contributo minimo (EUR)", "Minimum grant (EUR)"),
        schema.C_GRANT_MAX: ("Contributo massimo (EUR)", "Maximum grant (EUR)"),
        schema.C_COFINANCING: ("Cofinanziamento", "Co-financing share"),
        schema.C_APPLICANTS: ("Soggetti ammissibili", "Eligible applicants"),
    },
}


def column_label(kind: str, column: str, lang: Lang) -> str:
    """A column's header in a language ("Importo richiesto (EUR)"); its name if unknown."""
    labels = LABELS.get(kind, {}).get(column)
    if labels is None:
        return column
    return labels[1] if lang == "en" else labels[0]


def template_name(kind: str, lang: Lang, fmt: Format) -> str:
    """The template's file name, which names its kind: ``modello-progetti.xlsx``."""
    stem = "template" if lang == "en" else "modello"
    return f"{stem}-{KIND_NAMES[kind][lang]}.{fmt}"


# ---------------------------------------------------------------------------------------
# The example row (typed values; written per language and format below)
# ---------------------------------------------------------------------------------------
def _by_lang(it: str, en: str) -> dict[Lang, str]:
    return {"it": it, "en": en}


_EXAMPLE_IDS: Final[dict[str, dict[Lang, str]]] = {
    schema.ASSOCIATIONS: _by_lang("ESEMPIO-ASS-1", "EXAMPLE-ASS-1"),
    schema.PROJECTS: _by_lang("ESEMPIO-PRJ-1", "EXAMPLE-PRJ-1"),
    schema.TWINNINGS: _by_lang("ESEMPIO-GEM-1", "EXAMPLE-TWN-1"),
    schema.CALLS: _by_lang("ESEMPIO-BANDO-1", "EXAMPLE-CALL-1"),
}

# column -> value: text (or text per language), numbers, dates, booleans, lists of codes.
_EXAMPLES: Final[dict[str, dict[str, Any]]] = {
    schema.ASSOCIATIONS: {
        schema.A_NAME: _by_lang(
            "Associazione Senegalesi di Ravenna (esempio)",
            "Senegalese Association of Ravenna (example)",
        ),
        schema.A_ACRONYM: "ASR",
        schema.A_MUNICIPALITY: "Ravenna",
        schema.A_FOUNDED: 2008,
        schema.A_LEGAL_FORM: "APS",
        schema.A_COUNTRIES: ["SEN", "GMB"],
        schema.A_TERRITORIES: ["Dakar", "Touba"],
        schema.A_THEMES: ["education", "employment"],
        schema.A_SDGS: [4, 8],
        schema.A_MEMBERS: 120,
        schema.A_WOMEN_LED: True,
        schema.A_YOUTH_LED: False,
        schema.A_NETWORKS: ["summit"],
        schema.A_WEBSITE: "https://www.example.org",
        schema.A_IATI_IDS: ["IT-CF-92000000000"],
        schema.A_CONTACT_NAME: _by_lang("Nome Cognome", "First Last"),
        schema.A_CONTACT_EMAIL: "info@example.org",
        schema.A_CONTACT_PHONE: "+39 0544 000000",
    },
    schema.PROJECTS: {
        schema.P_TITLE: _by_lang(
            "Formazione professionale a Touba (esempio)", "Vocational training in Touba (example)"
        ),
        schema.P_SUMMARY: _by_lang(
            "Corsi di formazione per 200 giovani.", "Training courses for 200 young people."
        ),
        schema.P_MUNICIPALITY: "Ravenna",
        schema.P_COUNTRY: "SEN",
        schema.P_TERRITORY: "Touba",
        schema.P_SPLIT: ["SEN:70", "GMB:30"],
        schema.P_SDGS: [4, 8],
        schema.P_TARGETS: ["4.4"],
        schema.P_THEMES: ["education", "employment"],
        schema.P_DAC: "11330",
        schema.P_FUNDER: "Regione Emilia-Romagna",
        schema.P_FUNDER_TYPE: "region",
        schema.P_PROGRAMME: _by_lang("Bando cooperazione 2025", "Cooperation call 2025"),
        schema.P_STAGE: "in_progress",
        schema.P_REQUESTED: 150_000.0,
        schema.P_GRANTED: 120_000.0,
        schema.P_COFINANCING: 30_000.0,
        schema.P_DISBURSED: 80_000.0,
        schema.P_SPENT: 60_000.0,
        schema.P_SUBMITTED: dt.date(2025, 1, 15),
        schema.P_DECIDED: dt.date(2025, 4, 30),
        schema.P_START: dt.date(2025, 6, 1),
        schema.P_END: dt.date(2027, 5, 31),
        schema.P_BENEFICIARIES: 200,
    },
    schema.TWINNINGS: {
        schema.T_MUNICIPALITY: "Ravenna",
        schema.T_PARTNER_CITY: "Dakar",
        schema.T_PARTNER_COUNTRY: "SEN",
        schema.T_PARTNER_TERRITORY: "Dakar",
        schema.T_TYPE: "gemellaggio",
        schema.T_STATUS: "active",
        schema.T_YEAR: 2015,
        schema.T_COMMUNITY: "SEN",
        schema.T_SOURCE: _by_lang(
            "Delibera del consiglio comunale n. 12/2015", "City council resolution 12/2015"
        ),
    },
    schema.RESIDENTS: {
        schema.R_YEAR: 2024,
        schema.R_PROVINCE: "Ravenna",
        schema.R_CITIZENSHIP: "SEN",
        schema.R_RESIDENTS: 1234,
    },
    schema.CALLS: {
        schema.C_FUNDER: "AICS",
        schema.C_FUNDER_TYPE: "aics",
        schema.C_PROGRAMME: "Bando OSC",
        schema.C_TITLE: _by_lang(
            "Iniziative promosse dalle OSC (esempio)",
            "Initiatives of civil-society groups (example)",
        ),
        schema.C_URL: "https://www.example.org/bando",
        schema.C_OPENS: dt.date(2026, 10, 1),
        schema.C_CLOSES: dt.date(2027, 2, 28),
        schema.C_COUNTRIES: ["SEN", "MAR"],
        schema.C_THEMES: ["education", "employment"],
        schema.C_SDGS: [4, 8],
        schema.C_GRANT_MIN: 200_000.0,
        schema.C_GRANT_MAX: 1_500_000.0,
        schema.C_COFINANCING: 0.1,
        schema.C_APPLICANTS: ["association", "ngo"],
    },
}


def _first_ids(existing: Mapping[str, pd.DataFrame] | None, kind: str, n: int) -> list[str]:
    if existing is None:
        return []
    table = existing.get(kind)
    id_column = schema.ID_COLUMN[kind]
    if table is None or id_column is None or id_column not in table:
        return []
    # Ids come from data and may start like a formula ("=HYPERLINK(...)" is a valid id):
    # neutralised as every download's cells are.
    return [str(neutralise(str(v))) for v in table[id_column].dropna().head(n)]


def example_values(
    kind: str, lang: Lang, existing: Mapping[str, pd.DataFrame] | None = None
) -> dict[str, Any]:
    """The example row as typed values (codes, not labels), by column."""
    values: dict[str, Any] = {}
    if kind in _EXAMPLE_IDS:
        values[schema.ID_COLUMN[kind] or ""] = _EXAMPLE_IDS[kind][lang]
    for column, value in _EXAMPLES[kind].items():
        values[column] = value[lang] if isinstance(value, dict) else value
    if kind == schema.PROJECTS:
        # References point at what exists: Ponti's associations, else the association
        # template's example (imported together).
        known = _first_ids(existing, schema.ASSOCIATIONS, 2)
        values[schema.P_LEAD] = known[0] if known else _EXAMPLE_IDS[schema.ASSOCIATIONS][lang]
        values[schema.P_PARTNERS] = known[1:]
    elif kind == schema.TWINNINGS:
        known = _first_ids(existing, schema.PROJECTS, 1)
        values[schema.T_PROJECTS] = known or [_EXAMPLE_IDS[schema.PROJECTS][lang]]
    return {c: values[c] for c in schema.column_names(kind) if c in values}


# ---------------------------------------------------------------------------------------
# Writing values as people write them
# ---------------------------------------------------------------------------------------
_YEAR_COLUMNS: Final = frozenset({schema.A_FOUNDED, schema.T_YEAR, schema.R_YEAR})
_YES_NO: Final[dict[Lang, tuple[str, str]]] = {"it": ("sì", "no"), "en": ("yes", "no")}
_VOCABULARY_OF: Final[dict[str, str]] = {
    "stage": "stage",
    "funder_type": "funder_type",
    "twinning_type": "twinning_type",
    "twinning_status": "twinning_status",
    "theme_list": "theme",
    "applicant_list": "applicant",
}


def _country_names(lang: Lang) -> dict[str, str]:
    countries = reference.load_countries()
    names = countries["name_en" if lang == "en" else "name_it"]
    return {str(iso3): str(name) for iso3, name in zip(countries["iso3"], names, strict=True)}


def _item_text(column_type: str, item: Any, lang: Lang) -> str:
    vocabulary = _VOCABULARY_OF.get(column_type)
    if vocabulary is not None:
        return VOCABULARIES[vocabulary][str(item)][lang]
    if column_type in ("iso3", "iso3_list"):
        return _country_names(lang).get(str(item), str(item))
    return str(item)


def _number_text(value: float, lang: Lang) -> str:
    whole = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    # Italian groups with "." and has "," for decimals; English CSV without grouping
    # (a "," would need quoting in a ","-separated file).
    if lang == "it":
        return whole.replace(",", "_").replace(".", ",").replace("_", ".")
    return whole.replace(",", "")


def cell_text(column: schema.Column, value: Any, lang: Lang) -> str:
    """A value as a person writes it in a CSV file in `lang` (the loaders read it back)."""
    if value is None or (isinstance(value, list) and not value):
        return ""
    if column.type in schema.LIST_TYPES:
        return schema.LIST_SEPARATOR.join(_item_text(column.type, v, lang) for v in value)
    if column.type == "bool":
        return _YES_NO[lang][0 if value else 1]
    if column.type == "date":
        day: dt.date = value
        return day.strftime("%d/%m/%Y") if lang == "it" else day.isoformat()
    if column.type == "float" and column.name == schema.C_COFINANCING:
        return f"{round(float(value) * 100)}%"
    if column.type == "float" or (column.type == "int" and column.name not in _YEAR_COLUMNS):
        return _number_text(float(value), lang)
    return _item_text(column.type, value, lang)


def _cell_value(column: schema.Column, value: Any, lang: Lang) -> Any:
    """A value as an Excel cell holds it: numbers and dates typed, the rest as text."""
    if value is None or isinstance(value, list) or column.type == "bool":
        return cell_text(column, value, lang)
    if column.type in ("int", "float", "date"):
        return value
    return cell_text(column, value, lang)


# ---------------------------------------------------------------------------------------
# The explanation of every column
# ---------------------------------------------------------------------------------------
_TYPES: Final[dict[str, tuple[str, str]]] = {
    "id": ("Codice unico (lettere, cifre, - e _)", "Unique id (letters, digits, - and _)"),
    "text": ("Testo", "Text"),
    "int": ("Numero intero", "Whole number"),
    "year": ("Anno (4 cifre)", "Year (4 digits)"),
    "float": ("Importo in euro", "Amount in euro"),
    "share": ("Quota percentuale", "Percentage share"),
    "bool": ("Sì o no", "Yes or no"),
    "date": ("Data (gg/mm/aaaa)", "Date (dd/mm/yyyy or yyyy-mm-dd)"),
    "istat_municipality": (
        "Comune italiano: codice ISTAT a 6 cifre o nome",
        "Italian municipality: 6-digit ISTAT code or name",
    ),
    "istat_province": (
        "Provincia: codice ISTAT a 3 cifre, sigla o nome",
        "Province: 3-digit ISTAT code, abbreviation or name",
    ),
    "iso3": ("Paese: nome o codice ISO a 3 lettere", "Country: name or 3-letter ISO code"),
    "iso3_list": ("Elenco di paesi", "List of countries"),
    "territory": ("Città o territorio del paese", "City or territory in the country"),
    "territory_list": ("Elenco di città o territori", "List of cities or territories"),
    "sdg_list": ("Elenco di obiettivi SDG", "List of SDGs"),
    "target_list": ("Elenco di target SDG", "List of SDG targets"),
    "theme_list": ("Elenco di temi", "List of themes"),
    "id_list": ("Elenco di codici", "List of ids"),
    "text_list": ("Elenco di testi", "List of texts"),
    "stage": ("Fase del progetto", "Project stage"),
    "funder_type": ("Tipo di finanziatore", "Funder type"),
    "twinning_type": ("Tipo di accordo", "Agreement type"),
    "twinning_status": ("Stato dell'accordo", "Agreement status"),
    "applicant_list": ("Elenco di soggetti", "List of applicants"),
    "country_share_list": (
        "Paesi con la loro quota percentuale (somma 100)",
        "Countries with their percentage share (adding up to 100)",
    ),
    "iati_org_list": ("Elenco di identificativi IATI", "List of IATI organisation ids"),
    "url": ("Indirizzo web", "Web address"),
    "email": ("Indirizzo email", "Email address"),
    "phone": ("Numero di telefono", "Phone number"),
}

_LIST_NOTE: Final = ("Separa più valori con |", "Separate several values with |")

# Notes on particular columns (kind, column) -> (it, en).
_NOTES: Final[dict[tuple[str, str], tuple[str, str]]] = {
    (schema.ASSOCIATIONS, schema.A_ID): (
        "Resta uguale nel tempo: serve a riconoscere l'associazione negli aggiornamenti.",
        "Stays the same over time: updates recognise the association by it.",
    ),
    (schema.ASSOCIATIONS, schema.A_TERRITORIES): (
        "Nei paesi di origine della riga; un nome non trovato è tenuto com'è, con un avviso.",
        "Within the row's origin countries; a name not found is kept as written, with a warning.",
    ),
    (schema.ASSOCIATIONS, schema.A_SDGS): (
        "Il primo è l'obiettivo principale.",
        "The first is the primary goal.",
    ),
    (schema.ASSOCIATIONS, schema.A_NETWORKS): ("Es. summit, forum.", "E.g. summit, forum."),
    (schema.ASSOCIATIONS, schema.A_CONTACT_NAME): (
        "Dato personale: mai mostrato nelle pagine pubbliche.",
        "Personal data: never shown on public pages.",
    ),
    (schema.ASSOCIATIONS, schema.A_CONTACT_EMAIL): (
        "Dato personale: mai mostrato nelle pagine pubbliche.",
        "Personal data: never shown on public pages.",
    ),
    (schema.ASSOCIATIONS, schema.A_CONTACT_PHONE): (
        "Dato personale: mai mostrato nelle pagine pubbliche.",
        "Personal data: never shown on public pages.",
    ),
    (schema.PROJECTS, schema.P_LEAD): (
        "Il codice di un'associazione già in Ponti o caricata insieme a questo file.",
        "The id of an association Ponti has, or uploaded together with this file.",
    ),
    (schema.PROJECTS, schema.P_PARTNERS): (
        "Codici di associazioni già in Ponti o caricate insieme a questo file.",
        "Ids of associations Ponti has, or uploaded together with this file.",
    ),
    (schema.PROJECTS, schema.P_SDGS): (
        "Il primo è l'obiettivo principale.",
        "The first is the primary goal.",
    ),
    (schema.PROJECTS, schema.P_TARGETS): (
        "I loro obiettivi si aggiungono agli obiettivi SDG.",
        "Their goals are added to the goals.",
    ),
    (schema.PROJECTS, schema.P_SUBMITTED): (
        "Le date vanno in ordine: presentazione, decisione, inizio, fine.",
        "Dates come in order: submitted, decided, start, end.",
    ),
    (schema.PROJECTS, schema.P_GRANTED): (
        "Non più dell'importo richiesto.",
        "No more than the amount requested.",
    ),
    (schema.PROJECTS, schema.P_SPLIT): (
        "Solo per un progetto in più paesi: ogni paese con la sua percentuale (SEN:70|GMB:30), "
        "compreso il paese di destinazione; gli importi per paese sono divisi secondo queste "
        "quote. Vuota: tutto al paese di destinazione.",
        "Only for a project in several countries: each country with its percentage "
        "(SEN:70|GMB:30), the destination country among them; amounts by country are shared "
        "by these percentages. Empty: all of it to the destination country.",
    ),
    (schema.PROJECTS, schema.P_DISBURSED): (
        "Quanto il finanziatore ha versato finora; un importo oltre il concesso dà un avviso.",
        "What the funder has paid out so far; more than the amount granted gives a warning.",
    ),
    (schema.PROJECTS, schema.P_SPENT): (
        "Quanto il progetto ha speso finora.",
        "What the project has spent so far.",
    ),
    (schema.ASSOCIATIONS, schema.A_IATI_IDS): (
        "Prefisso dell'ente di registrazione e numero (IT-CF-97654320158, codice fiscale): i "
        "file IATI riconoscono l'associazione da questi.",
        "Registration agency prefix and number (IT-CF-97654320158, Italian tax code): IATI "
        "files are matched to the association by them.",
    ),
    (schema.TWINNINGS, schema.T_PROJECTS): (
        "Codici di progetti già in Ponti o caricati insieme a questo file.",
        "Ids of projects Ponti has, or uploaded together with this file.",
    ),
    (schema.RESIDENTS, schema.R_YEAR): (
        "Anno, provincia e cittadinanza riconoscono la riga negli aggiornamenti.",
        "Year, province and citizenship recognise the row in updates.",
    ),
    (schema.CALLS, schema.C_CLOSES): (
        "Vuota: bando aperto fino a nuovo avviso (sportello).",
        "Empty: a rolling call, open until further notice.",
    ),
    (schema.CALLS, schema.C_COUNTRIES): (
        "Vuoto: tutti i paesi.",
        "Empty: every country.",
    ),
    (schema.CALLS, schema.C_GRANT_MIN): (
        "Vuoto: nessun limite; non oltre il contributo massimo.",
        "Empty: no limit; not above the maximum grant.",
    ),
    (schema.CALLS, schema.C_COFINANCING): (
        "La parte del budget a carico del proponente: 20%, 20 o 0,2.",
        "The share of the budget the applicant brings: 20%, 20 or 0.2.",
    ),
}


@dataclass(frozen=True)
class ColumnDoc:
    """One column explained, in one language: its header (and the other language's, also
    accepted), name in the store, whether required, type, allowed values, example, notes."""

    column: str
    label: str
    other_label: str
    required: bool
    type: str
    allowed: str
    example: str
    note: str


def _type_key(column: schema.Column) -> str:
    if column.name in _YEAR_COLUMNS:
        return "year"
    if column.name == schema.C_COFINANCING:
        return "share"
    return column.type


def _allowed(column: schema.Column, lang: Lang) -> str:
    vocabulary = _VOCABULARY_OF.get(column.type)
    if vocabulary is not None:
        return ", ".join(VOCABULARIES[vocabulary][code][lang] for code in VOCABULARIES[vocabulary])
    if column.type == "bool":
        return ", ".join(_YES_NO[lang])
    if column.type == "sdg_list":
        return "1-17"
    if column.type == "target_list":
        return "4.4, 8.a ..."
    if column.type == "country_share_list":
        return "SEN:60|MLI:40"
    if column.type == "iati_org_list":
        return "IT-CF-…, XM-DAC-…, GB-CHC-…"
    if column.type in ("iso3", "iso3_list"):
        return (
            "Every country: see the Lists sheet"
            if lang == "en"
            else "Tutti i paesi: vedi il foglio Elenchi"
        )
    return ""


def column_docs(
    kind: str, lang: Lang, existing: Mapping[str, pd.DataFrame] | None = None
) -> list[ColumnDoc]:
    """Every column of a kind explained in `lang` (the template's explanation sheet)."""
    example = example_values(kind, lang, existing)
    other: Lang = "it" if lang == "en" else "en"
    docs = []
    for column in schema.COLUMNS[kind]:
        it_en = _TYPES[_type_key(column)]
        notes = []
        if column.type in schema.LIST_TYPES:
            notes.append(_LIST_NOTE[1 if lang == "en" else 0])
        if (kind, column.name) in _NOTES:
            notes.append(_NOTES[(kind, column.name)][1 if lang == "en" else 0])
        docs.append(
            ColumnDoc(
                column=column.name,
                label=column_label(kind, column.name, lang),
                other_label=column_label(kind, column.name, other),
                required=column.required,
                type=it_en[1 if lang == "en" else 0],
                allowed=_allowed(column, lang),
                example=cell_text(column, example.get(column.name), lang),
                note=" ".join(notes),
            )
        )
    return docs


_SHEET_WORDS: Final[dict[Lang, dict[str, str]]] = {
    "it": {
        "instructions": "Istruzioni",
        "lists": "Elenchi",
        "title": "Modello per {kind}: come compilarlo",
        "header": "Intestazione",
        "other": "Intestazione in inglese (accettata)",
        "name": "Nome tecnico",
        "required": "Obbligatoria",
        "type": "Tipo",
        "allowed": "Valori ammessi",
        "example": "Esempio",
        "note": "Note",
        "yes": "sì",
        "no": "no",
        "countries": "Paesi",
        "yes_no": "Sì/no",
        "prompt": "Scegli dall'elenco (sono accettati anche i nomi in inglese).",
        "error": "Valore non in elenco: il controllo del file dirà se è accettato.",
    },
    "en": {
        "instructions": "Instructions",
        "lists": "Lists",
        "title": "Template for {kind}: how to fill it in",
        "header": "Header",
        "other": "Header in Italian (accepted)",
        "name": "Technical name",
        "required": "Required",
        "type": "Type",
        "allowed": "Allowed values",
        "example": "Example",
        "note": "Notes",
        "yes": "yes",
        "no": "no",
        "countries": "Countries",
        "yes_no": "Yes/no",
        "prompt": "Choose from the list (Italian names are accepted too).",
        "error": "Not in the list: checking the file will say whether it is accepted.",
    },
}

_GUIDE: Final[dict[Lang, tuple[str, ...]]] = {
    "it": (
        "Una riga per ogni elemento; la prima riga contiene le intestazioni: non cambiarle "
        "(sono accettate anche quelle in inglese). Le colonne obbligatorie sono evidenziate.",
        "La riga 2 è un esempio: sostituiscila con i tuoi dati o eliminala.",
        "Elenchi (più paesi, obiettivi, temi...): separa i valori con | (es. Senegal|Gambia).",
        "Date come gg/mm/aaaa (es. 31/12/2025); importi in euro come 12.500 o 12500; "
        "sì/no come sì o no.",
        "Caricando il file puoi scegliere: 'sostituisci' (il file prende il posto dell'intera "
        "tabella) o 'aggiorna' (le righe con un codice nuovo sono aggiunte, quelle con un "
        "codice già presente sono modificate nelle sole colonne del file, le altre restano).",
        "In un aggiornamento una cella vuota lascia il valore com'è, un trattino (-) lo "
        "cancella; per eliminare righe aggiungi una colonna 'Elimina' e scrivi sì nelle righe "
        "da eliminare.",
    ),
    "en": (
        "One row per item; the first row holds the headers: do not change them (the Italian "
        "headers are accepted too). Required columns are highlighted.",
        "Row 2 is an example: replace it with your data or delete it.",
        "Lists (several countries, goals, themes...): separate the values with | "
        "(e.g. Senegal|Gambia).",
        "Dates as dd/mm/yyyy or yyyy-mm-dd (e.g. 2025-12-31); amounts in euro as 12500 or "
        "12,500.00; yes/no as yes or no.",
        "When you upload the file you choose: 'replace' (the file takes the place of the whole "
        "table) or 'update' (rows with a new id are added, rows with an id Ponti has are "
        "changed in the file's columns only, the others are kept).",
        "In an update an empty cell keeps the value as it is and a dash (-) clears it; to "
        "delete rows add a column 'Delete' and write yes in the rows to delete.",
    ),
}

_RESIDENTS_GUIDE: Final[dict[Lang, str]] = {
    "it": "I residenti non hanno un codice: anno, provincia e cittadinanza riconoscono la riga.",
    "en": "Residents have no id: year, province and citizenship recognise the row.",
}


# ---------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------
def template_csv(
    kind: str, lang: Lang, *, existing: Mapping[str, pd.DataFrame] | None = None
) -> bytes:
    """The CSV template: header and example row, UTF-8 with a byte-order mark."""
    example = example_values(kind, lang, existing)
    columns = schema.COLUMNS[kind]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if lang == "it" else ",", lineterminator="\r\n")
    writer.writerow([column_label(kind, c.name, lang) for c in columns])
    writer.writerow([cell_text(c, example.get(c.name), lang) for c in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# ---------------------------------------------------------------------------------------
# XLSX
# ---------------------------------------------------------------------------------------
def _drop_downs(kind: str, lang: Lang) -> dict[str, list[str]]:
    """Column -> the values its drop-down offers (single-valued coded columns only)."""
    lists: dict[str, list[str]] = {}
    countries = sorted(_country_names(lang).values())
    for column in schema.COLUMNS[kind]:
        vocabulary = _VOCABULARY_OF.get(column.type)
        if vocabulary is not None and column.type not in schema.LIST_TYPES:
            lists[column.name] = [
                VOCABULARIES[vocabulary][c][lang] for c in VOCABULARIES[vocabulary]
            ]
        elif column.type == "bool":
            lists[column.name] = list(_YES_NO[lang])
        elif column.type == "iso3":
            lists[column.name] = countries
    return lists


def template_xlsx(
    kind: str, lang: Lang, *, existing: Mapping[str, pd.DataFrame] | None = None
) -> bytes:
    """The Excel template: data sheet with an example row and drop-down lists, a sheet
    explaining every column, and a hidden sheet of the lists' values."""
    from openpyxl import Workbook

    words = _SHEET_WORDS[lang]
    book = Workbook()
    data = book.active
    assert data is not None  # a new workbook always has one sheet
    data.title = KIND_NAMES[kind][lang]
    _fill_data_sheet(data, kind, lang, existing)
    lists = book.create_sheet(words["lists"])
    _add_drop_downs(data, lists, kind, lang)
    guide = book.create_sheet(words["instructions"])
    _fill_guide(guide, kind, lang, existing)
    lists.sheet_state = "hidden"
    _no_formula_cells(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _no_formula_cells(book: Any) -> None:
    """Every cell of a template as text or a value, never a formula: openpyxl makes a cell
    whose text starts with "=" a formula, and a template's cells are only ever values (the
    drop-down lists' formulas live in data validations, not cells)."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.value = neutralise(str(cell.value))
                    cell.data_type = "s"


_HEADER_FILL: Final = "DDE7F0"
_REQUIRED_FILL: Final = "F6C77B"


def _fill_data_sheet(
    sheet: Any, kind: str, lang: Lang, existing: Mapping[str, pd.DataFrame] | None
) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    words = _SHEET_WORDS[lang]
    example = example_values(kind, lang, existing)
    docs = {d.column: d for d in column_docs(kind, lang, existing)}
    for n, column in enumerate(schema.COLUMNS[kind], start=1):
        doc = docs[column.name]
        head = sheet.cell(row=1, column=n, value=doc.label)
        head.font = Font(bold=True)
        head.fill = PatternFill(
            "solid", fgColor=_REQUIRED_FILL if column.required else _HEADER_FILL
        )
        tip = [doc.type]
        if column.required:
            tip.insert(0, words["required"])
        if doc.note:
            tip.append(doc.note)
        head.comment = Comment(". ".join(tip), "Ponti")
        cell = sheet.cell(
            row=2, column=n, value=_cell_value(column, example.get(column.name), lang)
        )
        cell.font = Font(italic=True, color="555555")
        if column.type == "date":
            cell.number_format = "DD/MM/YYYY" if lang == "it" else "YYYY-MM-DD"
        elif column.type == "float" and column.name == schema.C_COFINANCING:
            cell.number_format = "0%"
        elif column.type in ("int", "float") and column.name not in _YEAR_COLUMNS:
            cell.number_format = "#,##0"
        width = max(len(doc.label), len(doc.example)) + 2
        sheet.column_dimensions[get_column_letter(n)].width = min(max(width, 10), 50)
    sheet.freeze_panes = "A2"


def _add_drop_downs(data: Any, lists: Any, kind: str, lang: Lang) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    words = _SHEET_WORDS[lang]
    names = schema.column_names(kind)
    for n, (column, values) in enumerate(_drop_downs(kind, lang).items(), start=1):
        letter = get_column_letter(n)
        lists.cell(row=1, column=n, value=column_label(kind, column, lang))
        for row, value in enumerate(values, start=2):
            lists.cell(row=row, column=n, value=value)
        validation = DataValidation(
            type="list",
            formula1=f"='{lists.title}'!${letter}$2:${letter}${len(values) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            error=words["error"],
            prompt=words["prompt"],
            showInputMessage=True,
        )
        target = get_column_letter(names.index(column) + 1)
        validation.add(f"{target}2:{target}{EXAMPLE_ROWS + 1}")
        data.add_data_validation(validation)


def _fill_guide(
    sheet: Any, kind: str, lang: Lang, existing: Mapping[str, pd.DataFrame] | None
) -> None:
    from openpyxl.styles import Alignment, Font

    words = _SHEET_WORDS[lang]
    sheet.cell(row=1, column=1, value=words["title"].format(kind=KIND_NAMES[kind][lang]))
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    lines: Sequence[str] = _GUIDE[lang]
    if kind == schema.RESIDENTS:
        lines = [*lines, _RESIDENTS_GUIDE[lang]]
    for row, line in enumerate(lines, start=2):
        sheet.cell(row=row, column=1, value=line)
    start = len(lines) + 3
    headers = ("header", "other", "name", "required", "type", "allowed", "example", "note")
    for n, key in enumerate(headers, start=1):
        sheet.cell(row=start, column=n, value=words[key]).font = Font(bold=True)
    for row, doc in enumerate(column_docs(kind, lang, existing), start=start + 1):
        cells = (
            doc.label,
            doc.other_label,
            doc.column,
            words["yes"] if doc.required else words["no"],
            doc.type,
            doc.allowed,
            doc.example,
            doc.note,
        )
        for n, value in enumerate(cells, start=1):
            cell = sheet.cell(row=row, column=n, value=value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFGH", (28, 28, 24, 12, 30, 40, 30, 50), strict=True):
        sheet.column_dimensions[letter].width = width
