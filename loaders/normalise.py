"""Turn what people type into canonical values: headers, numbers, dates, yes/no, lists,
SDGs and the coded vocabularies (stages, themes, funder and twinning types and statuses).

Parsers take one stripped cell and return a value or raise ParseError, whose key names a
message in loaders.messages. Empty cells are handled by the caller, not here.

Numbers follow one documented rule (see parse_number): a single "." or "," followed by
exactly three digits is a THOUSANDS separator, so "12.000" and "12,000" are both twelve
thousand. Amounts in euro have at most two decimals and counts have none, so a genuine
three-decimal number never occurs in a Ponti file, whereas "12.000" for twelve thousand
is how Italians write it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import cache
from typing import Any

from ponti import schema
from ponti.i18n import VOCABULARIES


class ParseError(ValueError):
    """A cell that cannot be read; `key` names the message, `params` fill it."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


# ---------------------------------------------------------------------------------------
# Text keys
# ---------------------------------------------------------------------------------------
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lower case without accents ("Città" -> "citta"), typographic apostrophes made plain."""
    if text.isascii():
        # Most cells and gazetteer names are plain ASCII: skip the Unicode decomposition.
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words(text: str) -> str:
    """fold() with punctuation turned into single spaces: "Citta' di-Castello" -> "citta di
    castello". The key for names."""
    return _NON_ALNUM.sub(" ", fold(text)).strip()


def header_key(text: str) -> str:
    """fold() with everything but letters and digits removed: "Data_Presentazione " ->
    "datapresentazione". The key for column headers."""
    return _NON_ALNUM.sub("", fold(text))


# ---------------------------------------------------------------------------------------
# Kinds: words in file and sheet names
# ---------------------------------------------------------------------------------------
KIND_WORDS: dict[str, tuple[str, ...]] = {
    schema.ASSOCIATIONS: ("associazioni", "associazione", "associations", "association"),
    schema.PROJECTS: ("progetti", "progetto", "projects", "project"),
    schema.TWINNINGS: ("gemellaggi", "gemellaggio", "twinnings", "twinning"),
    schema.RESIDENTS: ("residenti", "residents", "stranieri", "cittadinanza"),
}

KIND_LABELS: dict[str, dict[str, str]] = {
    schema.ASSOCIATIONS: {"en": "associations", "it": "associazioni"},
    schema.PROJECTS: {"en": "projects", "it": "progetti"},
    schema.TWINNINGS: {"en": "twinnings", "it": "gemellaggi"},
    schema.RESIDENTS: {"en": "residents", "it": "residenti"},
}


def kind_from_name(name: str) -> str | None:
    """The kind a file or sheet name announces ("progetti_2024.csv" -> projects), if any."""
    key = header_key(name)
    found = {kind for kind, names in KIND_WORDS.items() if any(w in key for w in names)}
    return found.pop() if len(found) == 1 else None


# ---------------------------------------------------------------------------------------
# Header aliases: canonical column -> headers people write (Italian and English).
# The canonical name itself is always accepted. Order matters where two headers of one
# file mean the same column: the one listed first wins (codes before names).
# ---------------------------------------------------------------------------------------
_MUNICIPALITY_ALIASES = (
    "codice istat",
    "istat",
    "codice istat comune",
    "codice comune",
    "cod istat",
    "istat code",
    "municipality code",
    "municipality istat code",
    "pro com",
    "pro com t",
    "comune",
    "municipality",
    "comune sede",
    "sede",
    "sede legale",
    "città",
    "city",
    "italian municipality",
    "comune italiano",
    "italian city",
    "citta italiana",
)

HEADER_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    schema.ASSOCIATIONS: {
        schema.A_ID: (
            "id",
            "id associazione",
            "codice associazione",
            "association id",
            "association code",
            "codice",
            "code",
            "identificativo",
        ),
        schema.A_NAME: (
            "nome",
            "denominazione",
            "nome associazione",
            "ragione sociale",
            "name",
            "association name",
            "association",
            "associazione",
            "organisation",
            "organization",
            "organizzazione",
        ),
        schema.A_ACRONYM: ("sigla", "acronimo", "acronym", "abbreviation", "short name"),
        schema.A_MUNICIPALITY: _MUNICIPALITY_ALIASES,
        schema.A_FOUNDED: (
            "anno di fondazione",
            "anno fondazione",
            "fondata nel",
            "anno costituzione",
            "anno di costituzione",
            "fondazione",
            "founded",
            "year founded",
            "founding year",
            "year of foundation",
        ),
        schema.A_LEGAL_FORM: (
            "forma giuridica",
            "natura giuridica",
            "legal form",
            "legal status",
        ),
        schema.A_COUNTRIES: (
            "paesi di origine",
            "paese di origine",
            "paesi",
            "paese",
            "nazionalità",
            "comunità",
            "origin countries",
            "origin country",
            "countries of origin",
            "country of origin",
            "countries",
            "country",
            "community",
            "communities",
        ),
        schema.A_TERRITORIES: (
            "territori di origine",
            "territorio di origine",
            "città di origine",
            "territori",
            "territorio",
            "origin territories",
            "origin territory",
            "origin cities",
            "territories",
            "territory",
        ),
        schema.A_THEMES: (
            "temi",
            "tema",
            "ambiti",
            "ambito",
            "settori di intervento",
            "themes",
            "theme",
            "topics",
        ),
        schema.A_SDGS: (
            "sdg",
            "obiettivi",
            "obiettivi sdg",
            "obiettivi di sviluppo sostenibile",
            "goals",
            "sustainable development goals",
        ),
        schema.A_MEMBERS: (
            "soci",
            "membri",
            "numero soci",
            "numero di soci",
            "numero membri",
            "n soci",
            "iscritti",
            "members",
            "number of members",
        ),
        schema.A_WOMEN_LED: (
            "guidata da donne",
            "a guida femminile",
            "leadership femminile",
            "women led",
            "female led",
            "led by women",
        ),
        schema.A_YOUTH_LED: (
            "guidata da giovani",
            "a guida giovanile",
            "leadership giovanile",
            "youth led",
            "led by young people",
        ),
        schema.A_NETWORKS: ("reti", "rete", "appartenenza a reti", "networks", "network"),
        schema.A_WEBSITE: (
            "sito",
            "sito web",
            "sito internet",
            "website",
            "web",
            "web site",
            "url",
            "homepage",
        ),
        schema.A_CONTACT_NAME: (
            "referente",
            "persona di contatto",
            "nome referente",
            "contatto",
            "contact",
            "contact name",
            "contact person",
        ),
        schema.A_CONTACT_EMAIL: (
            "email",
            "e mail",
            "mail",
            "posta elettronica",
            "email referente",
            "contact email",
        ),
        schema.A_CONTACT_PHONE: (
            "telefono",
            "tel",
            "cellulare",
            "numero di telefono",
            "telefono referente",
            "phone",
            "telephone",
            "mobile",
            "contact phone",
        ),
    },
    schema.PROJECTS: {
        schema.P_ID: (
            "id",
            "id progetto",
            "codice progetto",
            "project id",
            "project code",
            "codice",
            "code",
            "iati identifier",
        ),
        schema.P_TITLE: (
            "titolo",
            "titolo progetto",
            "titolo del progetto",
            "nome progetto",
            "nome",
            "progetto",
            "title",
            "project title",
            "project name",
            "name",
            "project",
        ),
        schema.P_SUMMARY: (
            "descrizione",
            "sintesi",
            "riassunto",
            "abstract",
            "summary",
            "description",
        ),
        schema.P_LEAD: (
            "capofila",
            "associazione capofila",
            "id capofila",
            "ente capofila",
            "proponente",
            "associazione proponente",
            "id associazione",
            "associazione",
            "lead",
            "lead association",
            "lead association id",
            "lead organisation",
            "association",
            "association id",
        ),
        schema.P_PARTNERS: (
            "partner",
            "partners",
            "associazioni partner",
            "id partner",
            "partner ids",
            "partner associations",
            "partner association ids",
        ),
        schema.P_MUNICIPALITY: _MUNICIPALITY_ALIASES,
        schema.P_COUNTRY: (
            "paese",
            "paese di destinazione",
            "paese beneficiario",
            "paese di intervento",
            "nazione",
            "destination country",
            "country",
            "recipient country",
        ),
        schema.P_TERRITORY: (
            "territorio",
            "territorio di destinazione",
            "città di destinazione",
            "località",
            "luogo",
            "area di intervento",
            "destination territory",
            "territory",
            "destination city",
            "location",
        ),
        schema.P_SDGS: (
            "sdg",
            "obiettivi",
            "obiettivi sdg",
            "obiettivi di sviluppo sostenibile",
            "goals",
            "sustainable development goals",
        ),
        schema.P_TARGETS: (
            "target",
            "target sdg",
            "traguardi",
            "targets",
            "sdg target",
            "sdg targets",
        ),
        schema.P_THEMES: (
            "temi",
            "tema",
            "ambiti",
            "ambito",
            "settori di intervento",
            "themes",
            "theme",
            "topics",
        ),
        schema.P_DAC: (
            "settore dac",
            "settore ocse dac",
            "codice dac",
            "settore",
            "dac",
            "dac sector",
            "oecd dac sector",
            "dac code",
            "sector",
        ),
        schema.P_FUNDER: (
            "finanziatore",
            "ente finanziatore",
            "donatore",
            "funder",
            "donor",
            "funding body",
        ),
        schema.P_FUNDER_TYPE: (
            "tipo finanziatore",
            "tipo di finanziatore",
            "tipologia finanziatore",
            "funder type",
            "donor type",
            "type of funder",
        ),
        schema.P_PROGRAMME: (
            "programma",
            "bando",
            "programma bando",
            "avviso",
            "fondo",
            "programme",
            "program",
            "call",
            "programme call",
        ),
        schema.P_STAGE: (
            "fase",
            "stato",
            "stato progetto",
            "stage",
            "status",
            "pipeline stage",
            "activity status",
        ),
        schema.P_REQUESTED: (
            "importo richiesto",
            "richiesto",
            "contributo richiesto",
            "budget richiesto",
            "amount requested",
            "requested",
            "requested amount",
        ),
        schema.P_GRANTED: (
            "importo concesso",
            "concesso",
            "importo approvato",
            "importo finanziato",
            "contributo concesso",
            "amount granted",
            "granted",
            "granted amount",
            "approved amount",
        ),
        schema.P_COFINANCING: (
            "cofinanziamento",
            "quota di cofinanziamento",
            "cofinancing",
            "co financing",
        ),
        schema.P_SUBMITTED: (
            "data presentazione",
            "data di presentazione",
            "data invio",
            "presentato il",
            "date submitted",
            "submitted",
            "submission date",
            "submitted on",
        ),
        schema.P_DECIDED: (
            "data decisione",
            "data della decisione",
            "data esito",
            "data approvazione",
            "data di approvazione",
            "date decided",
            "decided",
            "decision date",
        ),
        schema.P_START: (
            "data inizio",
            "data di inizio",
            "inizio",
            "data avvio",
            "avvio",
            "date start",
            "start",
            "start date",
        ),
        schema.P_END: (
            "data fine",
            "data di fine",
            "fine",
            "data conclusione",
            "conclusione",
            "date end",
            "end",
            "end date",
        ),
        schema.P_BENEFICIARIES: (
            "beneficiari",
            "numero beneficiari",
            "numero di beneficiari",
            "n beneficiari",
            "destinatari",
            "beneficiaries",
            "number of beneficiaries",
        ),
    },
    schema.TWINNINGS: {
        schema.T_ID: (
            "id",
            "id gemellaggio",
            "codice gemellaggio",
            "twinning id",
            "codice",
            "code",
        ),
        schema.T_MUNICIPALITY: tuple(
            a
            for a in _MUNICIPALITY_ALIASES
            if a not in {"città", "city", "sede", "sede legale", "comune sede"}
        ),
        schema.T_PARTNER_CITY: (
            "città partner",
            "città gemellata",
            "comune partner",
            "città estera",
            "partner",
            "partner city",
            "twin city",
            "sister city",
        ),
        schema.T_PARTNER_COUNTRY: (
            "paese partner",
            "paese",
            "nazione",
            "partner country",
            "country",
        ),
        schema.T_PARTNER_TERRITORY: (
            "territorio partner",
            "territorio",
            "regione partner",
            "partner territory",
            "territory",
        ),
        schema.T_TYPE: (
            "tipo",
            "tipologia",
            "tipo di accordo",
            "tipo accordo",
            "type",
            "agreement type",
        ),
        schema.T_STATUS: ("stato", "stato accordo", "status"),
        schema.T_YEAR: (
            "anno",
            "anno firma",
            "anno di firma",
            "anno sottoscrizione",
            "firmato nel",
            "year",
            "year signed",
            "signed",
        ),
        schema.T_COMMUNITY: (
            "comunità",
            "comunità della diaspora",
            "comunità diaspora",
            "paese della comunità",
            "community",
            "diaspora community",
            "community country",
        ),
        schema.T_PROJECTS: (
            "progetti",
            "id progetti",
            "progetti collegati",
            "projects",
            "project ids",
            "linked projects",
        ),
        schema.T_SOURCE: ("fonte", "fonti", "riferimento", "source", "sources"),
    },
    schema.RESIDENTS: {
        schema.R_YEAR: ("anno", "anno di riferimento", "year", "time"),
        schema.R_PROVINCE: (
            "codice provincia",
            "cod provincia",
            "provincia",
            "sigla provincia",
            "territorio",
            "province code",
            "province",
            "province istat",
        ),
        schema.R_CITIZENSHIP: (
            "cittadinanza",
            "paese di cittadinanza",
            "nazionalità",
            "paese",
            "citizenship",
            "nationality",
            "country",
        ),
        schema.R_RESIDENTS: (
            "residenti",
            "stranieri residenti",
            "residenti stranieri",
            "numero",
            "totale",
            "valore",
            "residents",
            "foreign residents",
            "value",
            "count",
        ),
    },
}

# Column labels people recognise, used in "missing column" hints (first alias is Italian).
_UNIT_NOISE = re.compile(r"\(.*?\)|\[.*?\]|\b(?:eur|euro|€)\b|€|\*", re.IGNORECASE)


@cache
def header_index(kind: str) -> dict[str, tuple[str, int]]:
    """header_key -> (canonical column, priority) for one kind (lower priority wins)."""
    index: dict[str, tuple[str, int]] = {}
    for column, aliases in HEADER_ALIASES[kind].items():
        for priority, alias in enumerate((column, *aliases)):
            index.setdefault(header_key(alias), (column, priority))
    return index


def canonical_header(kind: str, header: str) -> tuple[str, int] | None:
    """The canonical column (and alias priority) a header means for a kind, or None.

    Units and notes in brackets, "EUR"/"€" and required-field stars are ignored:
    "Importo richiesto (EUR) *" is amount_requested.
    """
    index = header_index(kind)
    for candidate in (header, _UNIT_NOISE.sub(" ", header)):
        found = index.get(header_key(candidate))
        if found:
            return found
    return None


def aliases_for(kind: str, column: str) -> tuple[str, ...]:
    """The headers accepted for a column: the canonical name, then the aliases."""
    return (column, *HEADER_ALIASES[kind].get(column, ()))


# Where the alias order (codes before names) would make a poor hint.
_HINT_ALIASES: dict[str, tuple[str, ...]] = {
    schema.A_MUNICIPALITY: ("Codice ISTAT", "Comune", "municipality", "ISTAT code"),
}


def display_aliases(kind: str, column: str, limit: int = 8) -> tuple[str, ...]:
    """A few headers to suggest for a missing column (canonical name first)."""
    if column in _HINT_ALIASES:
        return (column, *_HINT_ALIASES[column])
    return aliases_for(kind, column)[:limit]


# ---------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------
_NUMBER_NOISE = re.compile(r"\s+|€|\beur(?:o|os)?\b|['’]", re.IGNORECASE)
_SCIENTIFIC = re.compile(r"[0-9]+(?:[.,][0-9]+)?[eE][+-]?[0-9]+")
_DIGITS = re.compile(r"[0-9]+")


def _grouped(text: str, sep: str) -> bool:
    return re.fullmatch(rf"[0-9]{{1,3}}(?:{re.escape(sep)}[0-9]{{3}})+", text) is not None


def parse_number(text: str) -> float:
    """Read an Italian or English number: "1.234.567,89", "1,234,567.89", "1234,5",
    "€ 12.000", "12.000 EUR".

    Rules, in order: with both "." and ",", the last one is the decimal separator and the
    other must group thousands; a separator that appears more than once groups thousands;
    a single separator followed by exactly three digits (and preceded by 1-3 digits, not a
    leading 0) groups thousands, so "12.000" = "12,000" = 12000 (see the module docstring);
    any other single separator is the decimal point ("1234.5", "0,125").
    """
    s = _NUMBER_NOISE.sub("", text)
    sign = 1.0
    if s[:1] in ("-", "−", "–"):
        sign, s = -1.0, s[1:]
    elif s[:1] == "+":
        s = s[1:]
    if _SCIENTIFIC.fullmatch(s):
        return sign * float(s.replace(",", "."))
    if not s or re.fullmatch(r"[0-9.,]+", s) is None or not _DIGITS.search(s):
        raise ParseError("bad-amount")
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        decimal = "." if s.rfind(".") > s.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        whole, _, frac = s.rpartition(decimal)
        if not _DIGITS.fullmatch(frac) or not _grouped(whole, thousands):
            raise ParseError("bad-amount")
        return sign * float(whole.replace(thousands, "") + "." + frac)
    if not dots and not commas:
        return sign * float(s)
    sep = "." if dots else ","
    if s.count(sep) > 1:
        if not _grouped(s, sep):
            raise ParseError("bad-amount")
        return sign * float(s.replace(sep, ""))
    whole, frac = s.split(sep)
    if len(frac) == 3 and re.fullmatch(r"[1-9][0-9]{0,2}", whole):
        return sign * float(whole + frac)
    if not _DIGITS.fullmatch(frac) or (whole and not _DIGITS.fullmatch(whole)):
        raise ParseError("bad-amount")
    return sign * float((whole or "0") + "." + frac)


def parse_amount(text: str) -> float:
    """A non-negative amount of money."""
    value = parse_number(text)
    if value < 0:
        raise ParseError("negative-number")
    return value


def parse_count(text: str) -> int:
    """A non-negative whole number ("1.200" members is 1200; "12,5" is an error)."""
    try:
        value = parse_number(text)
    except ParseError:
        raise ParseError("bad-count") from None
    if value != int(value):
        raise ParseError("bad-count")
    if value < 0:
        raise ParseError("negative-number")
    return int(value)


def parse_year(text: str, low: int, high: int) -> int:
    """A year between low and high (a full date is accepted and its year taken)."""
    try:
        year = parse_count(text)
    except ParseError:
        try:
            year = parse_date(text).year
        except ParseError:
            raise ParseError("bad-year", low=low, high=high) from None
    if not low <= year <= high:
        raise ParseError("bad-year", low=low, high=high)
    return year


# ---------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("gennaio", "gen", "january", "jan"),
        ("febbraio", "feb", "february"),
        ("marzo", "mar", "march"),
        ("aprile", "apr", "april"),
        ("maggio", "mag", "may"),
        ("giugno", "giu", "june", "jun"),
        ("luglio", "lug", "july", "jul"),
        ("agosto", "ago", "august", "aug"),
        ("settembre", "set", "sett", "september", "sep", "sept"),
        ("ottobre", "ott", "october", "oct"),
        ("novembre", "nov", "november"),
        ("dicembre", "dic", "december", "dec"),
    ),
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _number

_TIME = r"(?:[ t]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?"
_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME)
_DMY_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})" + _TIME)
_NAMED_DATE = re.compile(r"(\d{1,2})(?:°|º|st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})")
_NAMED_DATE_EN = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_EXCEL_SERIAL = re.compile(r"(\d{5})(?:\.0+)?")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _make_date(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ParseError("impossible-date") from None


def parse_date(text: str) -> dt.date:
    """Read a date: dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy (day first, as in Italy),
    yyyy-mm-dd, "1 marzo 2024", "March 1, 2024", or an Excel serial day number."""
    s = fold(text).strip()
    if m := _ISO_DATE.fullmatch(s):
        return _make_date(int(m[1]), int(m[2]), int(m[3]), text)
    if m := _DMY_DATE.fullmatch(s):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        if len(m[3]) == 2:
            # Two-digit years: up to five years ahead are this century, the rest the last.
            pivot = dt.date.today().year % 100 + 5
            year += 2000 if year <= pivot else 1900
        if month > 12 and day <= 12:
            raise ParseError("us-date", suggest=f"{month:02d}/{day:02d}/{year}")
        return _make_date(year, month, day, text)
    if (m := _NAMED_DATE.fullmatch(s)) and m[2] in _MONTHS:
        return _make_date(int(m[3]), _MONTHS[m[2]], int(m[1]), text)
    if (m := _NAMED_DATE_EN.fullmatch(s)) and m[1] in _MONTHS:
        return _make_date(int(m[3]), _MONTHS[m[1]], int(m[2]), text)
    if m := _EXCEL_SERIAL.fullmatch(s):
        # A date cell that lost its format in a CSV export shows its serial day number.
        serial = int(m[1])
        if 20000 <= serial <= 80000:
            return _EXCEL_EPOCH + dt.timedelta(days=serial)
    raise ParseError("bad-date")


# ---------------------------------------------------------------------------------------
# Yes / no
# ---------------------------------------------------------------------------------------
_TRUE = frozenset({"si", "s", "yes", "y", "true", "vero", "1", "1.0", "x", "ok"})
_FALSE = frozenset({"no", "n", "false", "falso", "0", "0.0", ""})


def parse_bool(text: str) -> bool:
    """sì/si/yes/true/1/x -> True; no/false/0/empty -> False."""
    key = fold(text).strip().rstrip(".!")
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ParseError("bad-bool")


# ---------------------------------------------------------------------------------------
# Lists
# ---------------------------------------------------------------------------------------
_SEMICOLON_OR_NEWLINE = re.compile(r"[;\n\r]+")


def split_list(text: str) -> list[str]:
    """Split a multi-valued cell on "|", else on ";" or line breaks, else on ",";
    items are stripped and empty ones dropped.

    Only the strongest separator present is used, so "Bosnia and Herzegovina, Serbia|Kosovo"
    keeps commas inside names when "|" separates the items.
    """
    if "|" in text:
        parts = text.split("|")
    elif _SEMICOLON_OR_NEWLINE.search(text):
        parts = _SEMICOLON_OR_NEWLINE.split(text)
    else:
        parts = text.split(",")
    return [p.strip() for p in parts if p.strip()]


def dedupe(items: list[Any]) -> list[Any]:
    """Items without repeats, first occurrence kept in place."""
    return list(dict.fromkeys(items))


# ---------------------------------------------------------------------------------------
# SDGs
# ---------------------------------------------------------------------------------------
_SDG = re.compile(
    r"(?:sdgs?|goal|obiettivo|ob|obj|objective|oss)?[\s.#:_-]*0*(\d{1,2})(?:\.0)?"
    r"(?:\s*[:)\-–—]\s*\D.*|\s+[^\d.].*)?"
)
_TARGET = re.compile(
    r"(?:target|traguardo|sdg|t)?[\s.#:_-]*0*(\d{1,2})\.(\d{1,2}|[a-z])"
    r"(?:\s*[:)\-–—]\s*.*|\s+.*)?"
)


def parse_sdg(text: str) -> int:
    """A goal number from "4", "04", "SDG 4", "Goal 4", "Obiettivo 4: Istruzione"."""
    m = _SDG.fullmatch(fold(text).strip())
    if m is None or int(m[1]) not in schema.SDG_GOALS:
        raise ParseError("bad-sdg")
    return int(m[1])


def parse_target_code(text: str) -> str:
    """A target in the form "4.4" or "4.a" (format only; existence is checked against the
    reference list by the resolver)."""
    m = _TARGET.fullmatch(fold(text).strip())
    if m is None:
        raise ParseError("bad-target")
    target = m[2] if m[2].isalpha() else str(int(m[2]))
    return f"{int(m[1])}.{target}"


# ---------------------------------------------------------------------------------------
# Coded vocabularies: every label people use -> the stored code
# ---------------------------------------------------------------------------------------
VOCABULARY_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "stage": {
        "idea": ("idea", "idee", "proposta iniziale"),
        "concept": ("concept", "concept note", "nota concettuale", "concept paper"),
        "submitted": (
            "submitted",
            "presentato",
            "presentata",
            "inviato",
            "inviata",
            "candidato",
            "candidata",
            "in valutazione",
            "under review",
            "applied",
            "pipeline",
            "pipeline identification",
            "identification",
        ),
        "approved": (
            "approved",
            "approvato",
            "approvata",
            "finanziato",
            "finanziata",
            "funded",
            "ammesso a finanziamento",
            "ammesso",
            "granted",
            "accolto",
        ),
        "in_progress": (
            "in progress",
            "in corso",
            "avviato",
            "avviata",
            "ongoing",
            "in esecuzione",
            "in realizzazione",
            "implementation",
            "attuazione",
            "finalisation",
            "finalization",
            "suspended",
            "sospeso",
            "sospesa",
            "running",
        ),
        "completed": (
            "completed",
            "concluso",
            "conclusa",
            "completato",
            "completata",
            "terminato",
            "terminata",
            "closed",
            "chiuso",
            "chiusa",
            "finished",
            "done",
        ),
        "rejected": (
            "rejected",
            "respinto",
            "respinta",
            "non finanziato",
            "non finanziata",
            "non ammesso",
            "non ammessa",
            "not funded",
            "bocciato",
            "declined",
        ),
        "withdrawn": ("withdrawn", "ritirato", "ritirata", "rinunciato", "rinuncia"),
        "cancelled": ("cancelled", "canceled", "annullato", "annullata", "revocato"),
    },
    "theme": {
        "employment": (
            "lavoro",
            "occupazione",
            "inserimento lavorativo",
            "impiego",
            "employment",
            "jobs",
            "work",
            "livelihoods",
        ),
        "health": ("salute", "sanità", "sanitario", "health", "healthcare"),
        "education": (
            "istruzione",
            "educazione",
            "formazione",
            "scuola",
            "education",
            "training",
            "schooling",
        ),
        "active_citizenship": (
            "cittadinanza attiva",
            "cittadinanza",
            "partecipazione",
            "partecipazione civica",
            "active citizenship",
            "citizenship",
            "civic participation",
            "participation",
        ),
        "housing": (
            "casa",
            "abitare",
            "abitazione",
            "diritto all'abitare",
            "alloggio",
            "housing",
            "shelter",
        ),
        "enterprise": (
            "impresa",
            "imprenditoria",
            "imprenditorialità",
            "investimenti produttivi",
            "investimenti produttivi e impresa",
            "investimenti produttivi e imprenditoria",
            "enterprise",
            "business",
            "entrepreneurship",
            "productive investment",
            "productive investment and enterprise",
            "productive investments and enterprise",
        ),
        "skills_mobility": (
            "competenze e migrazione circolare",
            "migrazione circolare",
            "competenze",
            "mobilità",
            "skills and circular migration",
            "circular migration",
            "skills",
            "skills mobility",
            "mobility",
        ),
        "culture": ("cultura", "culturale", "intercultura", "culture", "cultural", "arts"),
        "humanitarian": (
            "umanitario",
            "umanitaria",
            "aiuto umanitario",
            "emergenza",
            "humanitarian",
            "humanitarian aid",
            "emergency",
        ),
    },
    "funder_type": {
        "aics": (
            "aics",
            "agenzia italiana per la cooperazione allo sviluppo",
            "cooperazione italiana",
            "italian agency for development cooperation",
        ),
        "eu": (
            "eu",
            "ue",
            "unione europea",
            "european union",
            "commissione europea",
            "european commission",
            "fondi ue",
            "fondi europei",
            "eu funds",
            "amif",
            "fami",
        ),
        "region": ("regione", "regionale", "region", "regional", "regional government"),
        "municipality": (
            "comune",
            "comunale",
            "ente locale",
            "municipality",
            "municipal",
            "local authority",
            "city council",
        ),
        "foundation": (
            "fondazione",
            "fondazioni",
            "fondazione bancaria",
            "foundation",
            "banking foundation",
            "foundations",
        ),
        "iom": (
            "oim",
            "iom",
            "organizzazione internazionale per le migrazioni",
            "international organization for migration",
            "international organisation for migration",
        ),
        "ministry": (
            "ministero",
            "ministry",
            "maeci",
            "ministero dell'interno",
            "ministero degli esteri",
            "governo",
            "government",
        ),
        "private": (
            "privato",
            "privati",
            "impresa privata",
            "azienda",
            "private",
            "company",
            "corporate",
            "private donor",
        ),
        "other": ("altro", "altri", "other", "others"),
    },
    "twinning_type": {
        "gemellaggio": ("gemellaggio", "twinning", "town twinning", "sister city", "jumelage"),
        "patto_amicizia": (
            "patto di amicizia",
            "patto d'amicizia",
            "patto amicizia",
            "amicizia",
            "friendship pact",
            "friendship agreement",
            "friendship",
        ),
        "accordo_cooperazione": (
            "accordo di cooperazione",
            "accordo di collaborazione",
            "accordo",
            "cooperation agreement",
            "cooperation",
            "collaboration agreement",
        ),
        "memorandum": (
            "memorandum",
            "memorandum d'intesa",
            "memorandum di intesa",
            "protocollo d'intesa",
            "protocollo di intesa",
            "memorandum of understanding",
            "mou",
        ),
    },
    "twinning_status": {
        "proposed": ("proposto", "proposta", "in proposta", "proposed", "proposal"),
        "negotiating": (
            "in negoziazione",
            "negoziazione",
            "in trattativa",
            "in corso di negoziazione",
            "negotiating",
            "negotiation",
            "under negotiation",
        ),
        "signed": ("firmato", "firmata", "sottoscritto", "sottoscritta", "signed"),
        "active": ("attivo", "attiva", "active", "operativo", "operational"),
        "dormant": (
            "dormiente",
            "inattivo",
            "inattiva",
            "dormant",
            "inactive",
            "sospeso",
            "suspended",
        ),
    },
}

VOCABULARY_MESSAGES: dict[str, str] = {
    "stage": "unknown-stage",
    "theme": "unknown-theme",
    "funder_type": "unknown-funder-type",
    "twinning_type": "unknown-twinning-type",
    "twinning_status": "unknown-twinning-status",
}

VOCABULARY_CODES: dict[str, tuple[str, ...]] = {
    "stage": schema.STAGES,
    "theme": schema.THEMES,
    "funder_type": schema.FUNDER_TYPES,
    "twinning_type": schema.TWINNING_TYPES,
    "twinning_status": schema.TWINNING_STATUSES,
}


@cache
def _vocabulary_index(vocabulary: str) -> dict[str, str]:
    index: dict[str, str] = {}
    for code in VOCABULARY_CODES[vocabulary]:
        labels = VOCABULARIES[vocabulary][code]
        for text in (
            code,
            labels["en"],
            labels["it"],
            *VOCABULARY_ALIASES[vocabulary].get(code, ()),
        ):
            index.setdefault(words(text), code)
    return index


def vocabulary_options(vocabulary: str, lang: str) -> str:
    """The labels of a vocabulary in one language, for hints ("idea, concept note, ...")."""
    return ", ".join(
        VOCABULARIES[vocabulary][code]["it" if lang == "it" else "en"]
        for code in VOCABULARY_CODES[vocabulary]
    )


def parse_vocabulary(vocabulary: str, text: str) -> str:
    """The stored code for a label in Italian or English ("In corso" -> "in_progress");
    stages also accept IATI activity-status codes 1-6."""
    if vocabulary == "stage" and text.strip() in schema.IATI_STATUS_TO_STAGE:
        return schema.IATI_STATUS_TO_STAGE[text.strip()]
    code = _vocabulary_index(vocabulary).get(words(text))
    if code is None:
        raise ParseError(
            VOCABULARY_MESSAGES[vocabulary],
            options=vocabulary_options(vocabulary, "en"),
            options_it=vocabulary_options(vocabulary, "it"),
        )
    return code


# ---------------------------------------------------------------------------------------
# Contacts and web
# ---------------------------------------------------------------------------------------
_EMAIL = re.compile(r"[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[a-zA-Z]{2,}")
_MAILTO = re.compile(r"^mailto:", re.IGNORECASE)
_URL = re.compile(r"(?:https?://)?(?:[a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}(?::\d+)?(?:[/?#]\S*)?")
_PHONE = re.compile(r"\+?[0-9 ()./-]+")


def parse_email(text: str) -> str:
    """One email address ("mailto:" dropped)."""
    s = _MAILTO.sub("", text.strip())
    if not _EMAIL.fullmatch(s):
        raise ParseError("bad-email")
    return s


def parse_url(text: str) -> str:
    """A web address; "www.example.org" becomes "https://www.example.org"."""
    s = text.strip()
    if not _URL.fullmatch(s):
        raise ParseError("bad-url")
    return s if re.match(r"https?://", s, re.IGNORECASE) else "https://" + s


def parse_phone(text: str) -> str:
    """A phone number: digits with an optional +, spaces, dots, dashes, brackets or slashes
    (6 to 15 digits), kept as written."""
    s = text.strip()
    digits = sum(c.isdigit() for c in s)
    if not _PHONE.fullmatch(s) or not 6 <= digits <= 15:
        raise ParseError("bad-phone")
    return s
