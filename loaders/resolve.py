"""Resolve what people write to reference codes: Italian municipalities and provinces
(ISTAT codes), countries (ISO 3166-1 alpha-3), origin territories (gazetteer ids) and SDG
targets.

Each lookup index is built once per process (functools.lru_cache) from ponti.reference, so
resolving is a few dictionary lookups per distinct value; only an unknown name pays for
difflib's close matches. Resolvers return a code or raise normalise.ParseError.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from loaders.normalise import ParseError, words
from ponti import reference
from ponti.i18n import Lang

# Words dropped by the loose name key, so "Reggio Emilia" meets "Reggio nell'Emilia",
# "Reggio Calabria" meets "Reggio di Calabria" and "Spezia" meets "La Spezia".
_PARTICLES = frozenset(
    {
        "d",
        "di",
        "de",
        "del",
        "dell",
        "della",
        "dello",
        "dei",
        "degli",
        "delle",
        "nel",
        "nell",
        "nella",
        "nello",
        "nei",
        "negli",
        "nelle",
        "in",
        "sul",
        "sull",
        "sulla",
        "sullo",
        "al",
        "all",
        "alla",
        "allo",
        "ai",
        "agli",
        "alle",
        "da",
        "dal",
        "dalla",
        "l",
        "la",
        "il",
        "lo",
        "le",
        "i",
        "gli",
    }
)

# Names people use that neither the official name, its bilingual parts nor the loose key
# reach. Keys are words() of the variant; values are official ISTAT names.
MUNICIPALITY_VARIANTS: dict[str, str] = {
    "reggio emilia": "Reggio nell'Emilia",
    "reggio calabria": "Reggio di Calabria",
    "pesaro": "Pesaro",
    "aoste": "Aosta",
    "trient": "Trento",
    "cortina": "Cortina d'Ampezzo",
    "mestre": "Venezia",
    "roma capitale": "Roma",
    "rome": "Roma",
    "milan": "Milano",
    "naples": "Napoli",
    "turin": "Torino",
    "florence": "Firenze",
    "venice": "Venezia",
    "genoa": "Genova",
    "padua": "Padova",
    "mantua": "Mantova",
    "leghorn": "Livorno",
    "syracuse": "Siracusa",
}

# Abbreviations of "San/Santo/Santa/Sant'" people write in names ("S. Giovanni").
_SAINT_TOKENS = frozenset({"s", "st", "sto", "sta", "ss"})
_SAINT_WORDS = ("san", "santo", "santa", "sant", "santi", "santissima")

# "Samone (TN)", "Samone, TO", "Samone - Trento", "Samone TN".
_PROVINCE_SUFFIX = re.compile(
    r"(?P<name>.+?)\s*(?:\((?P<p1>[^()]+)\)|[,;]\s*(?P<p2>[^,;]+)|\s[-–]\s*(?P<p3>[^-–]+))"
)
_PROVINCE_ABBR_SUFFIX = re.compile(r"(?P<name>.+?)\s+(?P<abbr>[A-Z]{2})")
_CODE = re.compile(r"(?P<digits>[0-9]+)(?:[.,]0+)?")
_CODE_AND_NAME = re.compile(r"(?P<digits>[0-9]{6})\s*[-–:,]\s*\S.*")
_PROVINCE_PREFIX = re.compile(
    r"^(?:provincia autonoma di|provincia di|provincia|citta metropolitana di|"
    r"libero consorzio comunale di|province of|autonomous province of|"
    r"metropolitan city of)\s+"
)

PROVINCE_VARIANTS: dict[str, str] = {
    "aosta": "007",
    "valle d aosta": "007",
    "pesaro urbino": "041",
    "monza": "108",
    "monza brianza": "108",
    "forli": "040",
    "cesena": "040",
    "massa": "045",
    "carrara": "045",
    "verbania": "103",
    "vco": "103",
    "bat": "110",
    "barletta": "110",
    "roma capitale": "058",
}

COUNTRY_ALIASES: dict[str, str] = {
    "cote d ivoire": "CIV",
    "cote divoire": "CIV",
    "costa d avorio": "CIV",
    "ivory coast": "CIV",
    "repubblica dominicana": "DOM",
    "dominican republic": "DOM",
    "moldavia": "MDA",
    "moldova": "MDA",
    "repubblica di moldova": "MDA",
    "republic of moldova": "MDA",
    "macedonia del nord": "MKD",
    "macedonia": "MKD",
    "north macedonia": "MKD",
    "ex repubblica jugoslava di macedonia": "MKD",
    "fyrom": "MKD",
    "stati uniti": "USA",
    "stati uniti d america": "USA",
    "usa": "USA",
    "united states": "USA",
    "united states of america": "USA",
    "us": "USA",
    "regno unito": "GBR",
    "gran bretagna": "GBR",
    "inghilterra": "GBR",
    "uk": "GBR",
    "united kingdom": "GBR",
    "great britain": "GBR",
    "england": "GBR",
    "scotland": "GBR",
    "cina": "CHN",
    "repubblica popolare cinese": "CHN",
    "rpc": "CHN",
    "people s republic of china": "CHN",
    "filippine": "PHL",
    "philippines": "PHL",
    "russia": "RUS",
    "federazione russa": "RUS",
    "russian federation": "RUS",
    "corea del sud": "KOR",
    "repubblica di corea": "KOR",
    "south korea": "KOR",
    "korea republic of": "KOR",
    "republic of korea": "KOR",
    "corea del nord": "PRK",
    "north korea": "PRK",
    "repubblica democratica del congo": "COD",
    "rd congo": "COD",
    "r d congo": "COD",
    "rdc": "COD",
    "drc": "COD",
    "congo kinshasa": "COD",
    "dr congo": "COD",
    "democratic republic of congo": "COD",
    "democratic republic of the congo": "COD",
    "congo": "COG",
    "congo brazzaville": "COG",
    "repubblica del congo": "COG",
    "republic of congo": "COG",
    "republic of the congo": "COG",
    "capo verde": "CPV",
    "cabo verde": "CPV",
    "cape verde": "CPV",
    "eswatini": "SWZ",
    "swaziland": "SWZ",
    "swatini": "SWZ",
    "myanmar": "MMR",
    "birmania": "MMR",
    "burma": "MMR",
    "palestina": "PSE",
    "stato di palestina": "PSE",
    "state of palestine": "PSE",
    "territori palestinesi": "PSE",
    "palestinian territories": "PSE",
    "palestine": "PSE",
    "turchia": "TUR",
    "turkiye": "TUR",
    "turkey": "TUR",
    "cechia": "CZE",
    "repubblica ceca": "CZE",
    "czechia": "CZE",
    "czech republic": "CZE",
    "bosnia": "BIH",
    "bosnia erzegovina": "BIH",
    "bosnia e erzegovina": "BIH",
    "bosnia herzegovina": "BIH",
    "bosnia and herzegovina": "BIH",
    "vietnam": "VNM",
    "viet nam": "VNM",
    "iran": "IRN",
    "repubblica islamica dell iran": "IRN",
    "iran islamic republic of": "IRN",
    "siria": "SYR",
    "syrian arab republic": "SYR",
    "laos": "LAO",
    "lao pdr": "LAO",
    "lao people s democratic republic": "LAO",
    "tanzania": "TZA",
    "united republic of tanzania": "TZA",
    "bolivia": "BOL",
    "venezuela": "VEN",
    "gambia": "GMB",
    "the gambia": "GMB",
    "gambia the": "GMB",
    "bahamas": "BHS",
    "the bahamas": "BHS",
    "timor est": "TLS",
    "timor leste": "TLS",
    "east timor": "TLS",
    "sud sudan": "SSD",
    "south sudan": "SSD",
    "sudan del sud": "SSD",
    "santa sede": "VAT",
    "vaticano": "VAT",
    "holy see": "VAT",
    "kirghizistan": "KGZ",
    "kyrgyz republic": "KGZ",
    "kirghizia": "KGZ",
    "emirati arabi": "ARE",
    "eau": "ARE",
    "uae": "ARE",
    "olanda": "NLD",
    "holland": "NLD",
    "the netherlands": "NLD",
    "bielorussia": "BLR",
    "belarus": "BLR",
    "cameroun": "CMR",
    "camerun": "CMR",
    "sao tome": "STP",
    "sao tome e principe": "STP",
    "kosovo": "XKX",
    "germania": "DEU",
    "svizzera": "CHE",
}


def _suggest(key: str, keys: Sequence[str], display: dict[str, str], n: int = 3) -> list[str]:
    return [display[k] for k in difflib.get_close_matches(key, keys, n=n, cutoff=0.75)]


def _suggest_params(names: list[str]) -> dict[str, str]:
    if not names:
        return {}
    shown = ", ".join(names)
    return {"suggest_en": f"; close matches: {shown}", "suggest_it": f"; nomi simili: {shown}"}


def loose_key(key: str) -> str:
    """A words() key without particles and spaces: "reggio nell emilia" -> "reggioemilia"."""
    return "".join(t for t in key.split() if t not in _PARTICLES)


# ---------------------------------------------------------------------------------------
# Provinces
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Provinces:
    by_abbr: dict[str, str]
    by_key: dict[str, str]
    abbr: dict[str, str]
    names: dict[str, str]
    keys: list[str]
    display: dict[str, str]


@lru_cache(maxsize=1)
def _provinces() -> _Provinces:
    frame = reference.load_provinces()
    by_key: dict[str, str] = {}
    display: dict[str, str] = {}
    for code, name, abbr in zip(
        frame["province_istat"], frame["name"], frame["abbreviation"], strict=True
    ):
        for part in (name, *name.split("/")):
            key = words(part)
            for k in (key, loose_key(key)):
                by_key.setdefault(k, code)
                display.setdefault(k, f"{name} ({abbr})")
    for variant, code in PROVINCE_VARIANTS.items():
        by_key.setdefault(variant, code)
    return _Provinces(
        by_abbr={
            str(a).upper(): c
            for c, a in zip(frame["province_istat"], frame["abbreviation"], strict=True)
        },
        by_key=by_key,
        abbr=dict(zip(frame["province_istat"], frame["abbreviation"], strict=True)),
        names=dict(zip(frame["province_istat"], frame["name"], strict=True)),
        keys=[k for k in display if " " in k or k.isalpha()],
        display=display,
    )


def _province_code(text: str) -> str | None:
    provinces = _provinces()
    s = text.strip()
    if m := _CODE.fullmatch(s):
        code = m["digits"].zfill(3)
        return code if code in provinces.abbr else None
    if len(s) == 2 and s.upper() in provinces.by_abbr:
        return provinces.by_abbr[s.upper()]
    key = _PROVINCE_PREFIX.sub("", words(s))
    return provinces.by_key.get(key) or provinces.by_key.get(loose_key(key))


def resolve_province(text: str) -> str:
    """The 3-digit ISTAT code of a province given its code ("58", "058"), abbreviation
    ("RM") or name ("Roma", "Provincia di Roma", "Bozen")."""
    code = _province_code(text)
    if code is None:
        provinces = _provinces()
        found = _suggest(words(text), provinces.keys, provinces.display)
        raise ParseError("unknown-province", **_suggest_params(list(dict.fromkeys(found))))
    return code


# ---------------------------------------------------------------------------------------
# Municipalities
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Municipalities:
    exact: dict[str, tuple[str, ...]]
    loose: dict[str, tuple[str, ...]]
    names: dict[str, str]
    province: dict[str, str]
    keys: list[str]
    # The name as written, accents kept (case and punctuation aside): "Paternò" is not "Paterno".
    accented: dict[str, tuple[str, ...]]
    # Each part of a hyphenated bilingual name ("Duino-Aurisina/Devin-Nabrežina": "Devin").
    parts: dict[str, tuple[str, ...]]
    # Names the list no longer has, and the current codes they lead to: merged municipalities
    # ("Ronago": Uggiate con Ronago) and former names ("Calliano" in Asti: Calliano Monferrato).
    former: dict[str, tuple[str, ...]]
    # Codes ISTAT suppressed (merged municipalities) -> the code of the one they merged into.
    successor: dict[str, str]


def _accented_key(text: str) -> str:
    """Case, apostrophes and punctuation aside, but not accents: "Paternò" -> "paternò"."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def _written_forms(
    names: dict[str, str],
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Codes by the name as written (accents kept) and by each part of a hyphenated name."""
    accented: dict[str, list[str]] = defaultdict(list)
    parts: dict[str, list[str]] = defaultdict(list)
    for code, name in names.items():
        for part in dict.fromkeys((name, *name.split("/"))):
            if code not in accented[_accented_key(part)]:
                accented[_accented_key(part)].append(code)
            for piece in part.split("-") if "-" in part else ():
                if words(piece) and code not in parts[words(piece)]:
                    parts[words(piece)].append(code)
    return {k: tuple(v) for k, v in accented.items()}, {k: tuple(v) for k, v in parts.items()}


def _changes_since_2023(
    names: dict[str, str],
) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """Current codes by former name (the whole name and each part of a bilingual one) and the
    successor of each suppressed code, from data/reference/municipality_changes.csv; a change
    that leads to no municipality of `names` is left out."""
    changes = reference.load_municipality_changes()
    former: dict[str, list[str]] = defaultdict(list)
    successor: dict[str, str] = {}
    for code, name, current, change in zip(
        changes["code"].tolist(),
        changes["name"].tolist(),
        changes["current_code"].tolist(),
        changes["change"].tolist(),
        strict=True,
    ):
        if current not in names:
            continue
        if change == "merged" and code not in names:
            successor[code] = current
        for part in dict.fromkeys((name, *name.split("/"))):
            key = words(part)
            if key and current not in former[key]:
                former[key].append(current)
    return {k: tuple(v) for k, v in former.items()}, successor


@lru_cache(maxsize=1)
def _municipalities() -> _Municipalities:
    frame = reference.load_municipalities()
    exact: dict[str, list[str]] = defaultdict(list)
    loose: dict[str, list[str]] = defaultdict(list)
    for code, name in zip(
        frame["municipality_istat"].tolist(), frame["name"].tolist(), strict=True
    ):
        # Bilingual names ("Bolzano/Bozen") are found by either part or by the whole.
        for part in dict.fromkeys((name, *name.split("/"))):
            key = words(part)
            if code not in exact[key]:
                exact[key].append(code)
            if code not in loose[loose_key(key)]:
                loose[loose_key(key)].append(code)
    names = dict(zip(frame["municipality_istat"], frame["name"], strict=True))
    for variant, official in MUNICIPALITY_VARIANTS.items():
        codes = exact.get(words(official))
        if codes and variant not in exact:
            exact[variant] = list(codes)
    accented, parts = _written_forms(names)
    former, successor = _changes_since_2023(names)
    return _Municipalities(
        exact={k: tuple(v) for k, v in exact.items()},
        loose={k: tuple(v) for k, v in loose.items()},
        names=names,
        province=dict(zip(frame["municipality_istat"], frame["province_istat"], strict=True)),
        keys=list(exact),
        accented=accented,
        parts=parts,
        former=former,
        successor=successor,
    )


def municipality_label(code: str) -> str:
    """ "Samone (TN, 022165)": the name, province abbreviation and code of a municipality."""
    index = _municipalities()
    abbr = _provinces().abbr.get(index.province[code], "?")
    return f"{index.names[code]} ({abbr}, {code})"


def _short_label(code: str) -> str:
    index = _municipalities()
    return f"{index.names[code]} ({_provinces().abbr.get(index.province[code], '?')})"


def _name_candidates(text: str) -> tuple[str, ...]:
    index = _municipalities()
    key = words(text)
    if not key:
        return ()
    # A name as written now wins over a former one ("Calliano" is the one in Trento; the one
    # in Asti is Calliano Monferrato since 2024), which wins over a loosely read current name.
    for found in (
        index.exact.get(key),
        index.former.get(key),
        index.loose.get(loose_key(key)),
        index.parts.get(key),
    ):
        if found:
            return found
    tokens = key.split()
    for i, token in enumerate(tokens):
        if token in _SAINT_TOKENS:
            for saint in _SAINT_WORDS:
                candidate = " ".join([*tokens[:i], saint, *tokens[i + 1 :]])
                found = index.exact.get(candidate) or index.loose.get(loose_key(candidate))
                if found:
                    return found
            break
    return ()


def resolve_municipality(text: str) -> str:
    """The 6-digit ISTAT code of an Italian municipality given its code (zeros lost by a
    spreadsheet are restored: "58091", "58091.0") or its name (case, accents and
    apostrophes ignored; bilingual names; "Reggio Emilia"; "Samone (TN)"); a code ISTAT
    suppressed or a former name gives the current municipality ("Ronago": Uggiate con Ronago)."""
    index = _municipalities()
    s = text.strip()
    code = _municipality_code(s)
    if code is not None:
        return code
    # The name as written, accents and all, names one municipality: it wins over the
    # accent-folded name that several share ("Paternò" in Catania, "Paterno" in Potenza).
    as_written = index.accented.get(_accented_key(s), ())
    if len(as_written) == 1:
        return as_written[0]
    # Perhaps a province follows the name: "Samone (TN)", "Samone, Torino". Tried before
    # the loose key, which would drop a province such as LE or LO as a particle.
    candidates = index.exact.get(words(s), ()) or _candidates_in_province(s)
    if not candidates:
        candidates = _name_candidates(s)
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        first = candidates[0]
        example = f"{index.names[first]} ({_provinces().abbr[index.province[first]]})"
        raise ParseError(
            "ambiguous-municipality",
            n=len(candidates),
            candidates=", ".join(municipality_label(c) for c in candidates),
            example=example,
        )
    # Typos ("Reggio Emlia"), and spaces aside too, so that a lost apostrophe or space still
    # finds the name ("LAquila").
    close = difflib.get_close_matches(words(s), index.keys, n=3, cutoff=0.75)
    squeezed = {k.replace(" ", ""): k for k in index.keys}
    close += [
        squeezed[k]
        for k in difflib.get_close_matches(words(s).replace(" ", ""), list(squeezed), 3, 0.8)
    ]
    labels = list(dict.fromkeys(_short_label(c) for k in close for c in index.exact[k]))
    raise ParseError("unknown-municipality", **_suggest_params(labels[:3]))


def _municipality_code(s: str) -> str | None:
    """The code in a cell that is a code ("58091") or starts with one ("058091 - Roma"), a
    suppressed code giving its successor; None for a name; ParseError for a number that is no
    municipality's code."""
    index = _municipalities()
    if m := _CODE.fullmatch(s):
        digits = m["digits"]
        code = digits.zfill(6)
        if 4 <= len(digits) <= 6 and (code in index.names or code in index.successor):
            return index.successor.get(code, code)
        raise ParseError("unknown-municipality-code")
    if m := _CODE_AND_NAME.fullmatch(s):
        code = m["digits"]
        if code in index.names or code in index.successor:
            return index.successor.get(code, code)
    return None


def _split_province(s: str) -> tuple[str, str | None]:
    """ "Samone (TN)", "Samone, Torino", "Samone - Trento", "Samone TN" -> the name
    and the province as written; (s, None) when no province follows."""
    if split := _PROVINCE_SUFFIX.fullmatch(s):
        return split["name"], split["p1"] or split["p2"] or split["p3"]
    if m := _PROVINCE_ABBR_SUFFIX.fullmatch(s):
        return m["name"], m["abbr"]
    return s, None


def _candidates_in_province(s: str) -> tuple[str, ...]:
    """The municipalities a name followed by a province can mean: the one in that province
    (a former name counts: "Calliano (AT)" is Calliano Monferrato), else every one of that name
    (ambiguous); ParseError when the only municipality of that name is in another province."""
    name, province = _split_province(s)
    province_code = _province_code(province) if province else None
    if province_code is None:
        return ()
    index = _municipalities()
    in_name = _name_candidates(name)
    known = dict.fromkeys((*in_name, *index.former.get(words(name), ())))
    matching = tuple(c for c in known if index.province[c] == province_code)
    if len(matching) == 1:
        return matching
    candidates = matching or in_name
    if len(candidates) == 1:
        # The name exists but in another province: say so rather than guess.
        raise ParseError("unknown-municipality", **_suggest_params([_short_label(candidates[0])]))
    return candidates


# ---------------------------------------------------------------------------------------
# Countries
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Countries:
    iso3: frozenset[str]
    by_iso2: dict[str, str]
    by_key: dict[str, str]
    name_en: dict[str, str]
    name_it: dict[str, str]
    keys: list[str]
    display: dict[str, str]


@lru_cache(maxsize=1)
def _countries() -> _Countries:
    frame = reference.load_countries()
    by_key: dict[str, str] = {}
    display: dict[str, str] = {}
    for iso3, en, it in zip(frame["iso3"], frame["name_en"], frame["name_it"], strict=True):
        for name in (en, it):
            if isinstance(name, str) and name:
                by_key.setdefault(words(name), iso3)
                display.setdefault(words(name), f"{name} ({iso3})")
    codes = frozenset(frame["iso3"])
    for alias, iso3 in COUNTRY_ALIASES.items():
        if iso3 in codes:
            by_key.setdefault(alias, iso3)
    # Names as ISTAT writes them in its tables by citizenship ("Malesia", "Repubblica
    # Sudafricana", "Congo Repubblica democratica", "Apolide"): data/reference/country_aliases.csv.
    aliases = reference.load_country_aliases()
    for iso3, alias in zip(aliases["iso3"], aliases["alias"], strict=True):
        if iso3 in codes:
            by_key.setdefault(words(alias), iso3)
            display.setdefault(words(alias), f"{alias} ({iso3})")
    by_iso2 = {
        str(i2).upper(): i3
        for i2, i3 in zip(frame["iso2"], frame["iso3"], strict=True)
        if isinstance(i2, str)
    }
    # Codes in common use that ISO does not assign: the EU's EL for Greece, UK.
    by_iso2.setdefault("UK", "GBR")
    by_iso2.setdefault("EL", "GRC")
    return _Countries(
        iso3=codes,
        by_iso2=by_iso2,
        by_key=by_key,
        name_en=dict(zip(frame["iso3"], frame["name_en"], strict=True)),
        name_it=dict(zip(frame["iso3"], frame["name_it"], strict=True)),
        keys=list(display),
        display=display,
    )


def _country_code(text: str) -> str | None:
    countries = _countries()
    s = text.strip()
    upper = s.upper()
    if len(upper) == 3 and upper in countries.iso3:
        return upper
    if len(upper) == 2 and upper in countries.by_iso2:
        return countries.by_iso2[upper]
    return countries.by_key.get(words(s))


def resolve_country(text: str) -> str:
    """The ISO 3166-1 alpha-3 code of a country given its ISO3 or ISO2 code or its name in
    English or Italian (accents and case ignored; common aliases such as "Costa d'Avorio",
    "Stati Uniti", "RD Congo")."""
    code = _country_code(text)
    if code is None and "(" in text:
        # "Senegal (SEN)", "Côte d'Ivoire (Costa d'Avorio)".
        outer, _, inner = text.partition("(")
        code = _country_code(outer) or _country_code(inner.rstrip(") "))
    if code is None:
        countries = _countries()
        found = _suggest(words(text), countries.keys, countries.display)
        raise ParseError("unknown-country", **_suggest_params(list(dict.fromkeys(found))))
    return code


def country_names(codes: Iterable[str], lang: Lang = "it") -> str:
    """Country names joined with commas, in Italian or English."""
    countries = _countries()
    table = countries.name_en if lang == "en" else countries.name_it
    return ", ".join(str(table.get(c, c)) for c in codes)


# ---------------------------------------------------------------------------------------
# Territories (gazetteer of origin places)
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Territories:
    best: dict[tuple[str, str], tuple[int, str]]
    country_of: dict[str, str]
    keys_by_country: dict[str, list[str]]
    display: dict[tuple[str, str], str]
    # How many places share each (country, name key): more than one means a guess.
    shared: dict[tuple[str, str], int]


@lru_cache(maxsize=1)
def _territories() -> _Territories:
    frame = reference.load_territories()
    best: dict[tuple[str, str], tuple[int, str]] = {}
    display: dict[tuple[str, str], str] = {}
    keys_by_country: dict[str, list[str]] = defaultdict(list)
    shared: dict[tuple[str, str], int] = {}
    last: dict[tuple[str, str], str] = {}
    # Plain lists: iterating Arrow-backed columns value by value is several times slower.
    columns = [
        frame[c].tolist()
        for c in ("territory_id", "name", "ascii_name", "country_iso3", "population")
    ]
    for tid, name, ascii_name, country, population in zip(*columns, strict=True):
        pop = int(population) if pd.notna(population) else 0
        for label in dict.fromkeys((name, ascii_name)):
            if not isinstance(label, str) or not label:
                continue
            slot = (country, words(label))
            if slot not in best:
                keys_by_country[country].append(slot[1])
                display[slot] = name
            if last.get(slot) != tid:
                # A place's name and ASCII name are read one after the other: count it once.
                shared[slot] = shared.get(slot, 0) + 1
                last[slot] = tid
            # Several places share a name in a country: the most populous one is meant.
            if slot not in best or pop > best[slot][0]:
                best[slot] = (pop, tid)
    return _Territories(
        best=best,
        country_of=dict(zip(frame["territory_id"], frame["country_iso3"], strict=True)),
        keys_by_country=dict(keys_by_country),
        display=display,
        shared=shared,
    )


_TERRITORY_PREFIX = re.compile(
    r"^(?:city of|citta di|region of|regione di|regione|province of|provincia di|"
    r"provincia|district of|distretto di|distretto)\s+"
)
_TERRITORY_SUFFIX = re.compile(
    r"\s+(?:region|regione|province|provincia|district|distretto|city|citta|town)$"
)


def resolve_territory(text: str, countries: Sequence[str]) -> str:
    """The gazetteer territory_id of a place in one of the given countries, by name
    (accents and case ignored; the most populous place when several share the name) or by
    territory_id; raises ParseError("unknown-territory") when not found."""
    index = _territories()
    s = text.strip()
    if s in index.country_of and (not countries or index.country_of[s] in countries):
        return s
    key = words(s)
    tries = [key, _TERRITORY_SUFFIX.sub("", _TERRITORY_PREFIX.sub("", key))]
    for sep in (",", "("):
        # "Dakar, Senegal" or "Touba (Diourbel)": the first part is the place.
        if sep in s:
            tries.append(words(s.split(sep, 1)[0]))
    for attempt in dict.fromkeys(tries):
        hits = [index.best[(c, attempt)] for c in countries if (c, attempt) in index.best]
        if hits:
            return max(hits)[1]
    names: list[str] = []
    for country in countries:
        keys = index.keys_by_country.get(country, [])
        for k in difflib.get_close_matches(key, keys, n=3, cutoff=0.8):
            names.append(index.display[(country, k)])
    raise ParseError(
        "unknown-territory",
        countries=country_names(countries, "en"),
        countries_it=country_names(countries, "it"),
        **_suggest_params(list(dict.fromkeys(names))[:3]),
    )


# ---------------------------------------------------------------------------------------
# SDG targets
# ---------------------------------------------------------------------------------------
SDG_TARGETS_FILE = "sdg_targets.csv"


@lru_cache(maxsize=1)
def sdg_targets() -> frozenset[str]:
    """Every official SDG target code ("4.4", "4.a")."""
    frame = pd.read_csv(
        reference.REFERENCE_DIR / SDG_TARGETS_FILE, dtype=str, keep_default_na=False
    )
    return frozenset(frame["target"].str.strip().str.lower())


def resolve_target(code: str) -> tuple[int, str]:
    """(goal, target) for a target code already normalised by parse_target_code."""
    if code not in sdg_targets():
        raise ParseError("bad-target")
    return int(code.split(".")[0]), code


# ---------------------------------------------------------------------------------------
# How closely a cell named the place it was resolved to (recorded at import for the data
# quality report: staff review the places that were not named exactly)
# ---------------------------------------------------------------------------------------
# Reasons, stable codes: a known variant ("Reggio Emilia"), a name read loosely (particles
# dropped, "S." for "San"), a code ISTAT suppressed or a former name ("013199", "Ronago": the
# municipality it became part of or was renamed to), part of the text ("Dakar, Senegal",
# "Regione di Kaolack"), or a name several places share (the most populous was taken).
MATCH_REASONS: tuple[str, ...] = ("variant", "loose", "former", "partial", "shared-name")


def municipality_match(text: str, code: str) -> str | None:
    """Why the cell `text` resolved to municipality `code` only approximately ("variant",
    "loose", "former": a suppressed code or a former name), or None when it gave the code or
    the official name (or one part of a bilingual name), with or without a province."""
    index = _municipalities()
    s = text.strip()
    if code not in index.names:
        return None
    if m := _CODE.fullmatch(s) or _CODE_AND_NAME.fullmatch(s):
        return "former" if index.successor.get(m["digits"].zfill(6)) == code else None
    official = index.names[code]
    exact = {words(part) for part in (official, *official.split("/"))}
    written = {words(s), words(_split_province(s)[0])}
    if written & exact:
        return None
    if any(code in index.former.get(key, ()) for key in written):
        return "former"
    return "variant" if written & set(MUNICIPALITY_VARIANTS) else "loose"


def territory_match(text: str, territory_id: str) -> str | None:
    """Why the cell `text` resolved to gazetteer place `territory_id` only approximately
    ("partial", "shared-name"), or None when it named the place exactly (or gave its id)."""
    index = _territories()
    s = text.strip()
    country = index.country_of.get(territory_id)
    if s == territory_id or country is None:
        return None
    slot = (country, words(s))
    if slot in index.best and index.best[slot][1] == territory_id:
        return "shared-name" if index.shared.get(slot, 1) > 1 else None
    return "partial"


def is_territory_id(value: str) -> bool:
    """True when `value` is a gazetteer territory_id (a place that was found)."""
    return value in _territories().country_of


@lru_cache(maxsize=1)
def _territory_names() -> dict[str, str]:
    frame = reference.load_territories()
    return dict(zip(frame["territory_id"].tolist(), frame["name"].tolist(), strict=True))


def territory_name(value: str) -> str:
    """The gazetteer name of a territory_id; any other text as it is."""
    return _territory_names().get(value, value)
