"""Turn what people type into canonical values: headers, numbers, shares, dates, yes/no,
lists, SDGs and the coded vocabularies (stages, themes, funder and twinning types and
statuses, applicants).

Parsers take one stripped cell and return a value or raise ParseError, whose key names a
message in loaders.messages. Empty cells are handled by the caller, not here.

Numbers follow one documented rule (see parse_number): a single "." or "," followed by
exactly three digits is a THOUSANDS separator, so "12.000" and "12,000" are both twelve
thousand. Amounts in euro have at most two decimals and counts have none, so a genuine
three-decimal number never occurs in a Ponti file, whereas "12.000" for twelve thousand
is how Italians write it.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

from loaders import limits
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
# Word lists: data files that domain staff review (see data/README.md), each read once
# ---------------------------------------------------------------------------------------
VOCABULARY_DIR = Path(__file__).resolve().parent.parent / "data" / "vocabulary"
HEADERS_FILE = VOCABULARY_DIR / "headers.csv"
VOCABULARIES_FILE = VOCABULARY_DIR / "vocabularies.csv"


class VocabularyFileError(ValueError):
    """A file in data/vocabulary/ that cannot be used (missing column, empty field)."""


def read_word_list(path: Path, fields: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The rows of a word-list CSV as tuples of `fields`, stripped, in file order.

    Every one of `fields` is required in every row; other columns (the `note`) are for
    people. "utf-8-sig" because spreadsheets often save UTF-8 with a byte-order mark.
    """
    rows: list[tuple[str, ...]] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [f for f in fields if f not in (reader.fieldnames or ())]
        if missing:
            raise VocabularyFileError(f"{path.name}: no column {', '.join(missing)}")
        for row in reader:
            values = tuple((row[f] or "").strip() for f in fields)
            for name, value in zip(fields, values, strict=True):
                if not value:
                    raise VocabularyFileError(f"{path.name}, line {reader.line_num}: empty {name}")
            rows.append(values)
    return rows


def _group(rows: list[tuple[str, ...]]) -> dict[str, dict[str, tuple[str, ...]]]:
    """(group, key, word) rows -> group -> key -> words, all in file order."""
    grouped: dict[str, dict[str, list[str]]] = {}
    for group, key, item in rows:
        grouped.setdefault(group, {}).setdefault(key, []).append(item)
    return {g: {k: tuple(items) for k, items in keys.items()} for g, keys in grouped.items()}


@cache
def load_header_aliases() -> dict[str, dict[str, tuple[str, ...]]]:
    """kind -> canonical column -> the headers people write for it (headers.csv)."""
    return _group(read_word_list(HEADERS_FILE, ("kind", "column", "alias")))


@cache
def load_vocabulary_aliases() -> dict[str, dict[str, tuple[str, ...]]]:
    """vocabulary -> code -> the words people write for it (vocabularies.csv): the coded
    vocabularies, plus "boolean" (true/false), "month" (1-12) and "kind" (file names)."""
    return _group(read_word_list(VOCABULARIES_FILE, ("vocabulary", "code", "alias")))


def _words_for(vocabulary: str) -> dict[str, tuple[str, ...]]:
    return load_vocabulary_aliases().get(vocabulary, {})


# ---------------------------------------------------------------------------------------
# Kinds: words in file and sheet names
# ---------------------------------------------------------------------------------------
# Matched inside header_key(file or sheet name), so the words are stored in that form.
KIND_WORDS: dict[str, tuple[str, ...]] = {
    kind: tuple(header_key(w) for w in _words_for("kind").get(kind, ())) for kind in schema.KINDS
}

KIND_LABELS: dict[str, dict[str, str]] = {
    schema.ASSOCIATIONS: {"en": "associations", "it": "associazioni"},
    schema.PROJECTS: {"en": "projects", "it": "progetti"},
    schema.TWINNINGS: {"en": "twinnings", "it": "gemellaggi"},
    schema.RESIDENTS: {"en": "residents", "it": "residenti"},
    schema.CALLS: {"en": "calls", "it": "bandi"},
}


def kind_from_name(name: str) -> str | None:
    """The kind a file or sheet name announces ("progetti_2024.csv" -> projects), if any."""
    key = header_key(name)
    found = {kind for kind, names in KIND_WORDS.items() if any(w in key for w in names)}
    return found.pop() if len(found) == 1 else None


# ---------------------------------------------------------------------------------------
# Header aliases: canonical column -> headers people write (Italian and English), from
# data/vocabulary/headers.csv. The canonical name itself is always accepted. Order matters
# where two headers of one file mean the same column: the row listed first wins (codes
# before names).
# ---------------------------------------------------------------------------------------
HEADER_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    kind: {} for kind in schema.KINDS
} | load_header_aliases()

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


_NOT_FINITE = frozenset({"inf", "infinity", "nan", "∞", "#num!", "#div/0!"})


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ParseError("number-not-finite")
    return value


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

    Infinity and not-a-number ("1e400", 400 digits, "inf", "nan") are refused
    ("number-not-finite"), never returned.
    """
    if _NUMBER_NOISE.sub("", text).lstrip("+-−–").lower() in _NOT_FINITE:
        raise ParseError("number-not-finite")
    # "1e400" or 400 digits are infinity as a float: refused rather than stored as one.
    return _finite(_read_number(text))


def _read_number(text: str) -> float:
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
    """A non-negative amount of money, at most limits.MAX_AMOUNT_EUR."""
    value = parse_number(text)
    if value < 0:
        raise ParseError("negative-number")
    if value > limits.MAX_AMOUNT_EUR:
        raise ParseError("amount-out-of-range", **limits.grouped(limits.MAX_AMOUNT_EUR))
    return value


def parse_share(text: str) -> float:
    """A share of 0-100% as a fraction: "20%", "20" and "0,2" are all 0.2.

    A value above 1 is a percentage; so is any value written with "%" ("0,5%" is 0.005).
    1 itself is 100%: one per cent is written "1%".
    """
    s = text.strip()
    percent = s.endswith("%")
    try:
        value = parse_number(s.removesuffix("%"))
    except ParseError:
        raise ParseError("bad-share") from None
    if percent or value > 1:
        value /= 100
    if not 0 <= value <= 1:
        raise ParseError("share-out-of-range")
    return value


def parse_count(text: str) -> int:
    """A non-negative whole number ("1.200" members is 1200; "12,5" is an error), at most
    limits.MAX_COUNT (so never beyond what a 64-bit column holds)."""
    try:
        value = parse_number(text)
    except ParseError as exc:
        if exc.key == "number-not-finite":
            raise
        raise ParseError("bad-count") from None
    if value < 0:
        raise ParseError("negative-number")
    if value > limits.MAX_COUNT:
        raise ParseError("count-out-of-range", **limits.grouped(limits.MAX_COUNT))
    if value != int(value):
        raise ParseError("bad-count")
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
# Month names and abbreviations (vocabulary "month"), keyed as parse_date folds the cell.
_MONTHS: dict[str, int] = {
    fold(name): int(number) for number, names in _words_for("month").items() for name in names
}


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


def parse_date_between(text: str, low: int, high: int) -> dt.date:
    """parse_date, refusing a year outside low..high: such a date is a typing mistake, and
    beyond 2262 or before 1677 it would not even fit the stored (nanosecond) dates."""
    date = parse_date(text)
    if not low <= date.year <= high:
        raise ParseError("date-out-of-range", low=low, high=high)
    return date


# ---------------------------------------------------------------------------------------
# Yes / no
# ---------------------------------------------------------------------------------------
# Keys are fold()ed as the cells are; an empty key (a cell of just "." or "!") is no.
_TRUE = frozenset(fold(word) for word in _words_for("boolean").get("true", ()))
_FALSE = frozenset({"", *(fold(word) for word in _words_for("boolean").get("false", ()))})


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
# Coded vocabularies: every label people use -> the stored code. The labels come from
# ponti.i18n, the other words from data/vocabulary/vocabularies.csv.
# ---------------------------------------------------------------------------------------
VOCABULARY_CODES: dict[str, tuple[str, ...]] = schema.VOCABULARY_CODES

VOCABULARY_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    vocabulary: _words_for(vocabulary) for vocabulary in VOCABULARY_CODES
}

VOCABULARY_MESSAGES: dict[str, str] = {
    "stage": "unknown-stage",
    "theme": "unknown-theme",
    "funder_type": "unknown-funder-type",
    "twinning_type": "unknown-twinning-type",
    "twinning_status": "unknown-twinning-status",
    "applicant": "unknown-applicant",
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
