"""How good the data of a version is: a pure report for staff (the Data page and
``python -m loaders quality``). No Streamlit here.

- completeness: for every column of every kind, how many rows have a value;
- projects still to complete: required cells left empty on purpose at import (an IATI
  activity imported without its lead association, ``--iati-unmatched keep``), which an update
  file fills in;
- places matched only approximately: what the loaders recorded at import in the version's
  metadata (``PLACES_KEY``): a municipality written as a variant ("Reggio Emilia"), read
  loosely ("S. Giovanni") or by a code ISTAT suppressed or a former name ("Ronago", merged into
  Uggiate con Ronago in 2024), a territory found from part of the text ("Dakar, Senegal") or
  by a name several places share (the most populous was taken);
- territories not found in the gazetteer (kept as written; maps place them at the country);
- records without coordinates (no point in Italy, or none abroad: neither a place nor a
  country with a position);
- suspected duplicate associations: names that are the same once case, accents,
  punctuation and words such as "associazione", "di", "APS" are set aside.

``quality_report(tables, places=...)`` is the pure function; ``version_quality(store,
version_id)`` reads a version and its metadata and calls it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final

import pandas as pd

from ponti import formats, reference, schema
from ponti.schema import Lang
from ponti.templates import KIND_NAMES, column_label

if TYPE_CHECKING:
    from ponti.store import VersionStore

# The key of a version's metadata listing the places matched only approximately: a list
# of {"kind", "key", "column", "written", "resolved", "reason"} (written by the loaders).
PLACES_KEY: Final = "approximate_places"

# Territory columns and the column of the country they lie in.
TERRITORY_COLUMNS: Final[dict[str, dict[str, str]]] = {
    schema.ASSOCIATIONS: {schema.A_TERRITORIES: schema.A_COUNTRIES},
    schema.PROJECTS: {schema.P_TERRITORY: schema.P_COUNTRY},
    schema.TWINNINGS: {schema.T_PARTNER_TERRITORY: schema.T_PARTNER_COUNTRY},
}

_REASONS: Final[dict[str, dict[Lang, str]]] = {
    "variant": {"it": "variante del nome", "en": "a variant of the name"},
    "loose": {"it": "nome letto in modo approssimato", "en": "name read loosely"},
    "former": {
        "it": "codice soppresso o nome precedente: letto come il comune di oggi",
        "en": "a suppressed code or former name: read as today's municipality",
    },
    "partial": {"it": "trovato da una parte del testo", "en": "found from part of the text"},
    "shared-name": {
        "it": "nome di più località: scelta la più popolosa",
        "en": "a name several places share: the most populous taken",
    },
}
_ENDS: Final[dict[str, dict[Lang, str]]] = {
    "italy": {"it": "nessun punto in Italia", "en": "no point in Italy"},
    "abroad": {"it": "nessun punto all'estero", "en": "no point abroad"},
}
_WORDS: Final[dict[Lang, dict[str, str]]] = {
    "it": {
        "kind": "Tipo",
        "column": "Colonna",
        "required": "Obbligatoria",
        "filled": "Compilate",
        "rows": "Righe",
        "share": "Completezza",
        "record": "Riga",
        "written": "Scritto",
        "resolved": "Letto come",
        "reason": "Perché",
        "value": "Valore",
        "country": "Paese",
        "missing": "Manca",
        "name": "Nome",
        "ids": "Codici",
        "names": "Nomi",
        "municipalities": "Comuni",
        "yes": "sì",
        "no": "no",
        "t_completeness": "Completezza per colonna",
        "t_to_fill": "Progetti da completare (associazione capofila da indicare)",
        "title": "Titolo",
        "t_places": "Luoghi riconosciuti in modo approssimato",
        "t_territories": "Territori non trovati nel gazetteer",
        "t_coordinates": "Righe senza coordinate",
        "t_duplicates": "Possibili associazioni doppie",
        "none": "nessuno",
        "incomplete": "{kind}, {column}: {share} ({filled} su {rows})",
        "more": "... e altri {n}",
    },
    "en": {
        "kind": "Kind",
        "column": "Column",
        "required": "Required",
        "filled": "Filled",
        "rows": "Rows",
        "share": "Completeness",
        "record": "Record",
        "written": "Written",
        "resolved": "Read as",
        "reason": "Why",
        "value": "Value",
        "country": "Country",
        "missing": "Missing",
        "name": "Name",
        "ids": "Ids",
        "names": "Names",
        "municipalities": "Municipalities",
        "yes": "yes",
        "no": "no",
        "t_completeness": "Completeness by column",
        "t_to_fill": "Projects to complete (lead association to fill in)",
        "title": "Title",
        "t_places": "Places matched only approximately",
        "t_territories": "Territories not found in the gazetteer",
        "t_coordinates": "Records without coordinates",
        "t_duplicates": "Suspected duplicate associations",
        "none": "none",
        "incomplete": "{kind}, {column}: {share} ({filled} of {rows})",
        "more": "... and {n} more",
    },
}


@dataclass(frozen=True)
class QualityReport:
    """The quality of one version's data (codes and stored values; see ``tables(lang)``
    for the same in words).

    completeness: kind, column, required, filled, rows, share (0-1);
    to_fill: kind, key, title, columns (the required columns still empty, a list);
    places: kind, key, column, written, resolved, reason;
    territories: kind, key, column, value, country;
    coordinates: kind, key, missing ("italy" or "abroad");
    duplicates: name (the folded key), ids, names, municipalities (one row per group).
    """

    completeness: pd.DataFrame
    to_fill: pd.DataFrame
    places: pd.DataFrame
    territories: pd.DataFrame
    coordinates: pd.DataFrame
    duplicates: pd.DataFrame

    def tables(self, lang: Lang) -> dict[str, pd.DataFrame]:
        """Each part as a table for people, titled and with headers in `lang`."""
        w = _WORDS[lang]
        completeness = pd.DataFrame(
            {
                w["kind"]: [KIND_NAMES[k][lang] for k in self.completeness["kind"]],
                w["column"]: [
                    column_label(k, c, lang)
                    for k, c in zip(
                        self.completeness["kind"], self.completeness["column"], strict=True
                    )
                ],
                w["required"]: [w["yes"] if r else w["no"] for r in self.completeness["required"]],
                w["filled"]: self.completeness["filled"],
                w["rows"]: self.completeness["rows"],
                w["share"]: [formats.format_percent(s, lang) for s in self.completeness["share"]],
            }
        )
        to_fill = pd.DataFrame(
            {
                w["kind"]: [KIND_NAMES[k][lang] for k in self.to_fill["kind"]],
                w["record"]: self.to_fill["key"],
                w["title"]: self.to_fill["title"],
                w["missing"]: [
                    ", ".join(column_label(k, c, lang) for c in columns)
                    for k, columns in zip(
                        self.to_fill["kind"], self.to_fill["columns"], strict=True
                    )
                ],
            }
        )
        places = pd.DataFrame(
            {
                w["kind"]: [KIND_NAMES[k][lang] for k in self.places["kind"]],
                w["record"]: self.places["key"],
                w["column"]: _labels(self.places, lang),
                w["written"]: self.places["written"],
                w["resolved"]: [_place_name(c, v) for c, v in _pairs(self.places, "resolved")],
                w["reason"]: [_REASONS.get(r, {}).get(lang, r) for r in self.places["reason"]],
            }
        )
        territories = pd.DataFrame(
            {
                w["kind"]: [KIND_NAMES[k][lang] for k in self.territories["kind"]],
                w["record"]: self.territories["key"],
                w["column"]: _labels(self.territories, lang),
                w["value"]: self.territories["value"],
                w["country"]: self.territories["country"],
            }
        )
        coordinates = pd.DataFrame(
            {
                w["kind"]: [KIND_NAMES[k][lang] for k in self.coordinates["kind"]],
                w["record"]: self.coordinates["key"],
                w["missing"]: [_ENDS[m][lang] for m in self.coordinates["missing"]],
            }
        )
        duplicates = pd.DataFrame(
            {
                w["ids"]: [", ".join(v) for v in self.duplicates["ids"]],
                w["names"]: [" / ".join(v) for v in self.duplicates["names"]],
                w["municipalities"]: [", ".join(v) for v in self.duplicates["municipalities"]],
            }
        )
        return {
            w["t_completeness"]: completeness,
            w["t_to_fill"]: to_fill,
            w["t_places"]: places,
            w["t_territories"]: territories,
            w["t_coordinates"]: coordinates,
            w["t_duplicates"]: duplicates,
        }

    def to_text(self, lang: Lang, limit: int = 20) -> str:
        """The report in words: columns less than complete, then each list (at most
        `limit` lines each)."""
        w = _WORDS[lang]
        lines = [f"{w['t_completeness']}:"]
        partial = self.completeness[self.completeness["share"] < 1]
        entries = [
            w["incomplete"].format(
                kind=KIND_NAMES[str(kind)][lang],
                column=column_label(str(kind), str(column), lang),
                share=formats.format_percent(share, lang),
                filled=formats.format_number(filled, lang),
                rows=formats.format_number(rows, lang),
            )
            for kind, column, filled, rows, share in zip(
                partial["kind"],
                partial["column"],
                partial["filled"],
                partial["rows"],
                partial["share"],
                strict=True,
            )
        ]
        lines += _limited(entries, limit, lang)
        for title, table in list(self.tables(lang).items())[1:]:
            lines += ["", f"{title}: {formats.format_number(len(table), lang)}"]
            rows = [" · ".join(str(v) for v in row) for row in table.itertuples(index=False)]
            lines += _limited(rows, limit, lang)
        return "\n".join(lines)


def _limited(lines: list[str], limit: int, lang: Lang) -> list[str]:
    if not lines:
        return [f"  {_WORDS[lang]['none']}"]
    shown = [f"  {line}" for line in lines[:limit]]
    if len(lines) > limit:
        shown.append(f"  {_WORDS[lang]['more'].format(n=len(lines) - limit)}")
    return shown


def _labels(frame: pd.DataFrame, lang: Lang) -> list[str]:
    return [column_label(k, c, lang) for k, c in zip(frame["kind"], frame["column"], strict=True)]


def _pairs(frame: pd.DataFrame, value: str) -> list[tuple[str, str]]:
    return list(zip(frame["column"], frame[value], strict=True))


def _place_name(column: str, value: str) -> str:
    if column == schema.A_MUNICIPALITY:
        name = _municipality_points().get(value)
        return f"{name[0]} ({value})" if name else value
    return _territory_names().get(value, value)


# ---------------------------------------------------------------------------------------
# Reference lookups
# ---------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _municipality_points() -> dict[str, tuple[str, bool]]:
    frame = reference.load_municipalities()
    located = frame["lat"].notna() & frame["lon"].notna()
    return {
        str(code): (str(name), bool(ok))
        for code, name, ok in zip(frame["municipality_istat"], frame["name"], located, strict=True)
    }


@lru_cache(maxsize=1)
def _territory_names() -> dict[str, str]:
    frame = reference.load_territories()
    return dict(zip(frame["territory_id"].tolist(), frame["name"].tolist(), strict=True))


@lru_cache(maxsize=1)
def _located_countries() -> frozenset[str]:
    frame = reference.load_countries()
    return frozenset(frame.loc[frame["lat"].notna() & frame["lon"].notna(), "iso3"])


# ---------------------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------------------
def _keys(kind: str, frame: pd.DataFrame) -> list[str]:
    id_column = schema.ID_COLUMN[kind]
    if id_column is not None:
        return [str(v) for v in frame[id_column]]
    return [
        f"{y} / {p} / {c}"
        for y, p, c in zip(
            frame[schema.R_YEAR], frame[schema.R_PROVINCE], frame[schema.R_CITIZENSHIP], strict=True
        )
    ]


def _filled(value: Any) -> bool:
    if isinstance(value, list | tuple):
        return bool(value)
    if value is None or value is pd.NA:
        return False
    try:
        if pd.isna(value):
            return False
    except (TypeError, ValueError):
        return True
    return not (isinstance(value, str) and not value.strip())


def completeness(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """For every column of every kind with rows: rows with a value, rows, share."""
    records = []
    for kind in schema.KINDS:
        table = tables.get(kind)
        if table is None or table.empty:
            continue
        for column in schema.COLUMNS[kind]:
            values = table[column.name].tolist() if column.name in table else []
            filled = sum(_filled(v) for v in values)
            records.append(
                (kind, column.name, column.required, filled, len(table), filled / len(table))
            )
    return pd.DataFrame(records, columns=["kind", "column", "required", "filled", "rows", "share"])


def projects_to_fill(projects: pd.DataFrame | None) -> pd.DataFrame:
    """Projects whose required cells are empty (the lead association and its municipality of
    an IATI activity imported without one): what an update file must fill in."""
    columns = ["kind", "key", "title", "columns"]
    if projects is None or projects.empty:
        return pd.DataFrame([], columns=columns)
    required = [c.name for c in schema.PROJECT_COLUMNS if c.required and c.name != schema.P_ID]
    empty = {c: ~projects[c].map(_filled).astype(bool) for c in required if c in projects}
    lacking = pd.concat(empty.values(), axis=1).any(axis=1) if empty else None
    if lacking is None or not lacking.any():
        return pd.DataFrame([], columns=columns)
    rows = [i for i, gone in enumerate(lacking.tolist()) if gone]
    keys = _keys(schema.PROJECTS, projects)
    titles = projects[schema.P_TITLE].tolist()
    records = [
        (
            schema.PROJECTS,
            keys[i],
            str(titles[i]) if _filled(titles[i]) else "",
            [c for c, mask in empty.items() if bool(mask.iat[i])],
        )
        for i in rows
    ]
    return pd.DataFrame(records, columns=columns)


def unknown_territories(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Territory values that are no gazetteer place (kept as written at import)."""
    known = _territory_names()
    records: list[tuple[str, str, str, str, str]] = []
    for kind, columns in TERRITORY_COLUMNS.items():
        table = tables.get(kind)
        if table is None or table.empty:
            continue
        for column, country_column in columns.items():
            for key, value, country in zip(
                _keys(kind, table), table[column], table[country_column], strict=True
            ):
                items = value if isinstance(value, list) else [value]
                countries = country if isinstance(country, list) else [country]
                shown = ", ".join(str(c) for c in countries if _filled(c))
                records.extend(
                    (kind, key, column, str(item), shown)
                    for item in items
                    if _filled(item) and str(item) not in known
                )
    return pd.DataFrame(records, columns=["kind", "key", "column", "value", "country"])


_ABROAD: Final[dict[str, tuple[str, str]]] = {
    schema.ASSOCIATIONS: (schema.A_TERRITORIES, schema.A_COUNTRIES),
    schema.PROJECTS: (schema.P_TERRITORY, schema.P_COUNTRY),
    schema.TWINNINGS: (schema.T_PARTNER_TERRITORY, schema.T_PARTNER_COUNTRY),
}


def _as_list(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [str(value)] if _filled(value) else []


def missing_coordinates(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Records a map cannot place: no point for their Italian municipality, or none for
    their place abroad (neither a gazetteer place nor a country with a position)."""
    points = _municipality_points()
    territories = _territory_names()
    countries = _located_countries()
    records = []
    for kind, (territory, country) in _ABROAD.items():
        table = tables.get(kind)
        if table is None or table.empty:
            continue
        for key, code, places, nations in zip(
            _keys(kind, table),
            table["municipality_istat"],
            table[territory],
            table[country],
            strict=True,
        ):
            if not (_filled(code) and points.get(str(code), ("", False))[1]):
                records.append((kind, key, "italy"))
            located = any(p in territories for p in _as_list(places)) or any(
                c in countries for c in _as_list(nations)
            )
            if not located:
                records.append((kind, key, "abroad"))
    return pd.DataFrame(records, columns=["kind", "key", "missing"])


# Words set aside when comparing association names.
_NAME_NOISE: Final = frozenset(
    {
        "associazione",
        "associazioni",
        "association",
        "ass",
        "comunita",
        "community",
        "di",
        "del",
        "della",
        "dei",
        "degli",
        "delle",
        "in",
        "a",
        "e",
        "the",
        "of",
        "and",
        "aps",
        "odv",
        "ets",
        "onlus",
        "ong",
    }
)
_NON_ALNUM: Final = re.compile(r"[^0-9a-z]+")


def name_key(name: str) -> str:
    """An association's name folded for comparison: "Associazione Senegalesi di Ravenna
    APS" and "senegalesi ravenna" give the same key."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    words = [w for w in _NON_ALNUM.sub(" ", plain).split() if w not in _NAME_NOISE]
    return " ".join(words)


def duplicate_names(associations: pd.DataFrame | None) -> pd.DataFrame:
    """Groups of associations whose folded names are the same."""
    columns = ["name", "ids", "names", "municipalities"]
    if associations is None or associations.empty:
        return pd.DataFrame([], columns=columns)
    groups: dict[str, list[int]] = {}
    names = associations[schema.A_NAME].tolist()
    for i, name in enumerate(names):
        if _filled(name) and (key := name_key(str(name))):
            groups.setdefault(key, []).append(i)
    points = _municipality_points()
    ids = associations[schema.A_ID].tolist()
    towns = associations[schema.A_MUNICIPALITY].tolist()
    records = [
        (
            key,
            [str(ids[i]) for i in rows],
            [str(names[i]) for i in rows],
            [points.get(str(towns[i]), (str(towns[i]), False))[0] for i in rows],
        )
        for key, rows in groups.items()
        if len(rows) > 1
    ]
    return pd.DataFrame(records, columns=columns)


def quality_report(
    tables: Mapping[str, pd.DataFrame], *, places: Sequence[Mapping[str, Any]] = ()
) -> QualityReport:
    """The quality of a version's tables; `places` are the approximate matches the
    loaders recorded (``store.metadata(version)[PLACES_KEY]``); those whose row or value
    is no longer there are left out."""
    columns = ["kind", "key", "column", "written", "resolved", "reason"]
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    kept = []
    for place in places:
        kind, column = str(place.get("kind")), str(place.get("column"))
        table = tables.get(kind)
        if table is None or table.empty or column not in table:
            continue
        if (kind, column) not in cells:
            cells[(kind, column)] = dict(zip(_keys(kind, table), table[column], strict=True))
        value = cells[(kind, column)].get(str(place.get("key")))
        if str(place.get("resolved")) in _as_list(value):
            kept.append(tuple(str(place.get(c, "")) for c in columns))
    return QualityReport(
        completeness=completeness(tables),
        to_fill=projects_to_fill(tables.get(schema.PROJECTS)),
        places=pd.DataFrame(kept, columns=columns),
        territories=unknown_territories(tables),
        coordinates=missing_coordinates(tables),
        duplicates=duplicate_names(tables.get(schema.ASSOCIATIONS)),
    )


def version_quality(store: VersionStore, version_id: str | None = None) -> QualityReport:
    """The quality report of a stored version (the current one by default)."""
    vid = version_id or store.current_id()
    places = (store.metadata(vid).get(PLACES_KEY) or []) if vid is not None else []
    return quality_report(store.read_all(vid), places=places)
