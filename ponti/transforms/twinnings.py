"""Twinnings: the agreements between Italian municipalities and partner cities, the dormant
ones where the diaspora is active, and twinning opportunities scored from explicit parts.

Places are those of the Bridges map (``ponti.transforms.bridges``): ``t:<territory id>`` for
a city the gazetteer knows, ``c:<ISO3>`` for a country when no city is known.

**Opportunities.** A candidate pair (Italian municipality M, origin place P) exists when an
association based in M is linked to P (its origin territory, or its origin country when none
of its territories lies there) or a project led by an association of M goes to P (its
destination territory, else its country). Each pair has four parts:

- ``associations``: associations of M linked to P;
- ``ratio``: the share of P's citizenship among foreign residents of M's province divided
  by its share nationally (latest year; 0 without residents data);
- ``projects``: projects led by associations of M whose destination is P;
- ``precedents``: other Italian municipalities with an agreement (any status) with P
  (for a country place: with any city of that country).

``score`` is the sum of each part times its weight in ``WEIGHTS``. A pair where M already
has an agreement with P (for a country place: with any city of that country) of any status
but dormant is never a candidate; a pair whose only agreements are dormant is marked
``agreement == "dormant"`` and listed apart, as an agreement to revive.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Final

import pandas as pd

from ponti import country_words, formats, i18n, reference, schema
from ponti.i18n import Lang
from ponti.transforms import bridges as bt
from ponti.transforms.common import Dataset, latest_residents_year

SPLITS: Final[tuple[str, ...]] = ("status", "type")
VOCABULARY: Final[dict[str, str]] = {"status": "twinning_status", "type": "twinning_type"}
CODES: Final[dict[str, tuple[str, ...]]] = {
    "status": schema.TWINNING_STATUSES,
    "type": schema.TWINNING_TYPES,
}
DORMANT: Final = "dormant"
NO_AGREEMENT: Final = ""

# The weight of each part of an opportunity's score (shown on the page). An association or a
# project of the city is direct evidence of a bridge; the residents ratio says how much
# larger the community is locally than nationally; precedents show that the tie is possible.
WEIGHTS: Final[dict[str, float]] = {
    "associations": 3.0,
    "ratio": 1.0,
    "projects": 2.0,
    "precedents": 0.5,
}
PARTS: Final[tuple[str, ...]] = tuple(WEIGHTS)

MUNICIPALITY: Final = bt.MUNICIPALITY
PLACE: Final = bt.PLACE

# What a click on the map selects, as the page keeps it in the URL: "A|TWN-001" (an
# agreement's arc, on the deck.gl map), "C|035033|t:1164909" (the arc of a municipality and a
# partner city, every agreement between them, on the SVG map), "M|035033" (a municipality's
# point), "P|t:1164909" (a partner city's).
SELECT_AGREEMENT: Final = "A"
SELECT_PAIR: Final = "C"
SELECT_MUNICIPALITY: Final = "M"
SELECT_PLACE: Final = "P"
SELECT_SEPARATOR: Final = "|"


def pair_selection(municipality: str, place: str) -> str:
    """The selection value of the arc between a municipality and a partner city."""
    return SELECT_SEPARATOR.join((SELECT_PAIR, municipality, place))


def _text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def municipality_name(code: str) -> str:
    """The name of an Italian municipality from its ISTAT code (the code when unknown)."""
    return str(bt.municipality_names().get(code, code))


def place_name(place: str, lang: Lang) -> str:
    """A place's name in lang: "Thiès (Senegal)", or the country's name alone."""
    return bt._place_title(place, lang)


def _city_or_country(place: str, lang: Lang) -> str:
    """The city's own name ("Thiès"), or the country's for a country place."""
    places = bt._places_index()
    if place in places.index:
        name = str(places.at[place, "place_name"])
        if name:
            return name
        return i18n.country_name(str(places.at[place, "place_country"]), lang)
    return place


# -- the table, counts and timeline ---------------------------------------------------------------
def twinnings_table(twinnings: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """One row per agreement, for people: municipality, partner city, country, territory,
    type and status (codes, read as labels by the table), year signed, linked community."""
    territory = twinnings[schema.T_PARTNER_TERRITORY].map(bt._territory_name)
    table = pd.DataFrame(
        {
            "id": twinnings[schema.T_ID].astype(str),
            "municipality": twinnings[schema.T_MUNICIPALITY].map(municipality_name).astype(str),
            "municipality_code": twinnings[schema.T_MUNICIPALITY].astype(str),
            "partner": twinnings[schema.T_PARTNER_CITY].map(_text),
            "country": twinnings[schema.T_PARTNER_COUNTRY].map(
                lambda c: i18n.country_name(_text(c), lang)
            ),
            "territory": territory.astype(str),
            "type": twinnings[schema.T_TYPE].map(_text),
            "status": twinnings[schema.T_STATUS].map(_text),
            "year": twinnings[schema.T_YEAR].astype("Int64"),
            "community": twinnings[schema.T_COMMUNITY].map(
                lambda c: i18n.country_name(_text(c), lang) if _text(c) else ""
            ),
        }
    )
    return table.sort_values(["municipality", "partner", "id"], ignore_index=True)


def count_by(twinnings: pd.DataFrame, split: str) -> pd.DataFrame:
    """Agreements per status or type, every code in vocabulary order (zeros included):
    columns ``code`` and ``twinnings``."""
    codes = CODES[split]
    counts = twinnings[split].astype("string").value_counts()
    return pd.DataFrame(
        {"code": list(codes), "twinnings": [int(counts.get(code, 0)) for code in codes]}
    )


def timeline(twinnings: pd.DataFrame, split: str) -> pd.DataFrame:
    """Agreements by year signed and status or type: ``year``, ``code``, ``twinnings``
    (only the years and codes that have some; agreements without a year are left out)."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}")
    dated = twinnings.dropna(subset=[schema.T_YEAR])
    if dated.empty:
        return pd.DataFrame(
            {
                "year": pd.Series(dtype=int),
                "code": pd.Series(dtype=str),
                "twinnings": pd.Series(dtype=int),
            }
        )
    frame = pd.DataFrame(
        {"year": dated[schema.T_YEAR].astype(int), "code": dated[split].astype(str)}
    )
    counts = frame.groupby(["year", "code"]).size().rename("twinnings").reset_index()
    order = {code: i for i, code in enumerate(CODES[split])}
    counts["order"] = counts["code"].map(order).fillna(len(order))
    counts = counts.sort_values(["year", "order"], ignore_index=True)
    return counts[["year", "code", "twinnings"]].astype({"twinnings": int})


def undated(twinnings: pd.DataFrame) -> int:
    """How many agreements have no year signed (the timeline leaves them out)."""
    return int(twinnings[schema.T_YEAR].isna().sum())


def timeline_table(frame: pd.DataFrame, split: str, lang: Lang) -> pd.DataFrame:
    """The timeline for people: year, status or type (label), twinnings."""
    column = "status" if split == "status" else "type"
    return pd.DataFrame(
        {
            "year": frame["year"].astype("Int64"),
            column: frame["code"].astype(str),
            "twinnings": frame["twinnings"].astype("Int64"),
        }
    )


# -- the map ----------------------------------------------------------------------------------
def twinning_arcs(twinnings: pd.DataFrame) -> pd.DataFrame:
    """One row per placed agreement: id, municipality_istat, place, both ends (names,
    lat/lon), partner, status, type, year."""
    links = bt.twinning_links(twinnings)
    facts = twinnings.set_index(schema.T_ID)[[schema.T_STATUS, schema.T_TYPE, schema.T_YEAR]]
    arcs = links.join(facts, on=schema.T_ID)
    columns = [
        schema.T_ID,
        MUNICIPALITY,
        PLACE,
        *bt.ENDPOINT_COLUMNS,
        "partner",
        schema.T_STATUS,
        schema.T_TYPE,
        schema.T_YEAR,
    ]
    arcs = arcs[columns].rename(
        columns={schema.T_ID: "id", schema.T_STATUS: "status", schema.T_TYPE: "type"}
    )
    arcs = arcs.rename(columns={schema.T_YEAR: "year"})
    arcs["status"] = arcs["status"].astype(str)
    arcs["type"] = arcs["type"].astype(str)
    return arcs.sort_values(["from_name", "partner", "id"], ignore_index=True)


@dataclass(frozen=True)
class MapSelection:
    """What a click on the Twinnings map picked: its kind (SELECT_*) and key."""

    kind: str
    key: str

    @property
    def municipality(self) -> str | None:
        """The ISTAT code of a selected municipality (None for the other kinds)."""
        return self.key if self.kind == SELECT_MUNICIPALITY else None

    @property
    def place(self) -> str | None:
        """The place key of a selected partner city (None for the other kinds)."""
        return self.key if self.kind == SELECT_PLACE else None

    @property
    def pair(self) -> tuple[str, str] | None:
        """The municipality's ISTAT code and the partner city's place key of a selected
        pair (None for the other kinds)."""
        if self.kind != SELECT_PAIR:
            return None
        municipality, _, place = self.key.partition(SELECT_SEPARATOR)
        return municipality, place


def parse_map_selection(value: object) -> MapSelection | None:
    """Read a selection value from the URL or the map (None when it is not one)."""
    kind, _, key = str(value or "").partition(SELECT_SEPARATOR)
    if kind == SELECT_PAIR:
        municipality, _, place = key.partition(SELECT_SEPARATOR)
        return MapSelection(kind, key) if municipality and place else None
    if kind in (SELECT_AGREEMENT, SELECT_MUNICIPALITY, SELECT_PLACE) and key:
        return MapSelection(kind, key)
    return None


def selected_arcs(arcs: pd.DataFrame, selection: MapSelection) -> pd.DataFrame:
    """The agreements (``twinning_arcs`` rows) behind a selection: the arc itself, every
    agreement between the pair, every agreement of the municipality, or every agreement
    with the partner city."""
    if selection.pair is not None:
        municipality, place = selection.pair
        return arcs[
            (arcs[MUNICIPALITY].astype(str) == municipality) & (arcs[PLACE].astype(str) == place)
        ]
    column = {SELECT_AGREEMENT: "id", SELECT_MUNICIPALITY: MUNICIPALITY, SELECT_PLACE: PLACE}
    return arcs[arcs[column[selection.kind]].astype(str) == selection.key]


def agreements_of(twinnings: pd.DataFrame, chosen: pd.DataFrame) -> pd.DataFrame:
    """The twinnings table's rows of the agreements drawn as ``chosen`` arcs."""
    return twinnings[twinnings[schema.T_ID].astype(str).isin(chosen["id"].astype(str))]


def selection_title(chosen: pd.DataFrame, selection: MapSelection, lang: Lang) -> str:
    """The selection's name: "Reggio nell'Emilia – Bafoussam", a municipality, or a city."""
    if selection.kind == SELECT_MUNICIPALITY:
        return municipality_name(selection.key)
    if selection.kind == SELECT_PLACE:
        return place_name(selection.key, lang)
    if chosen.empty:
        return selection.key
    first = chosen.iloc[0]
    return f"{first['from_name']} – {first['partner']}"


# -- dormant agreements where the diaspora is active -----------------------------------------------
def dormant_active(data: Dataset) -> pd.DataFrame:
    """Dormant agreements of a municipality with a partner country where associations of
    that community based in the municipality lead projects in that country.

    One row per such agreement: twinning_id, municipality_istat, partner_city,
    partner_country, year_signed, association_ids and project_ids (the evidence: the
    associations of the community in the municipality that lead projects there, and those
    projects), sorted by municipality and partner.
    """
    twinnings = data.twinnings
    dormant = twinnings[twinnings[schema.T_STATUS].astype("string") == DORMANT]
    associations = data.associations[[schema.A_ID, schema.A_MUNICIPALITY, schema.A_COUNTRIES]]
    community = associations.explode(schema.A_COUNTRIES).dropna(subset=[schema.A_COUNTRIES])
    projects = data.projects[[schema.P_ID, schema.P_LEAD, schema.P_COUNTRY]]
    led = projects.merge(
        community,
        left_on=[schema.P_LEAD, schema.P_COUNTRY],
        right_on=[schema.A_ID, schema.A_COUNTRIES],
        how="inner",
    )
    # The evidence of every (municipality, country) at once: one pass over the led projects
    # rather than a filter of the whole frame per agreement (2,600 at 100x the demo).
    evidence: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    led = led.dropna(subset=[schema.A_MUNICIPALITY, schema.P_COUNTRY])
    for municipality, country, association, project in zip(
        led[schema.A_MUNICIPALITY].astype(str).tolist(),
        led[schema.P_COUNTRY].astype(str).tolist(),
        led[schema.A_ID].astype(str).tolist(),
        led[schema.P_ID].astype(str).tolist(),
        strict=True,
    ):
        found = evidence.setdefault((municipality, country), (set(), set()))
        found[0].add(association)
        found[1].add(project)
    rows = []
    for twinning in dormant.itertuples(index=False):
        municipality = str(getattr(twinning, schema.T_MUNICIPALITY))
        country = str(getattr(twinning, schema.T_PARTNER_COUNTRY))
        if (municipality, country) not in evidence:
            continue
        association_ids, project_ids = evidence[(municipality, country)]
        rows.append(
            {
                schema.T_ID: str(getattr(twinning, schema.T_ID)),
                MUNICIPALITY: municipality,
                schema.T_PARTNER_CITY: _text(getattr(twinning, schema.T_PARTNER_CITY)),
                schema.T_PARTNER_COUNTRY: country,
                schema.T_YEAR: getattr(twinning, schema.T_YEAR),
                "association_ids": sorted(association_ids),
                "project_ids": sorted(project_ids),
            }
        )
    columns = [
        schema.T_ID,
        MUNICIPALITY,
        schema.T_PARTNER_CITY,
        schema.T_PARTNER_COUNTRY,
        schema.T_YEAR,
        "association_ids",
        "project_ids",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values([MUNICIPALITY, schema.T_PARTNER_CITY], ignore_index=True)


def _lookup(values: pd.Series) -> dict[str, str]:
    """A Series of text by id as a dict (ids are unique in a valid dataset)."""
    keys, texts = values.index.tolist(), values.tolist()
    return {str(key): str(text) for key, text in zip(keys, texts, strict=True)}


def _sorted_texts(ids: list[str], texts: dict[str, str]) -> list[str]:
    """The texts of the ids (an unknown id as itself), sorted."""
    try:
        return sorted(map(texts.__getitem__, ids))
    except KeyError:
        return sorted(texts.get(i, i) for i in ids)


def describe_dormant(frame: pd.DataFrame, data: Dataset, lang: Lang) -> pd.DataFrame:
    """The dormant-but-active list for people: municipality, partner, country, year, the
    numbers of associations and projects and their names and titles."""
    # Plain dicts: a Series.get per id cost 36 s for the 714,000 ids at 100x the demo.
    names = _lookup(data.associations.set_index(schema.A_ID)[schema.A_NAME].astype(str))
    titles = _lookup(data.projects.set_index(schema.P_ID)[schema.P_TITLE].astype(str))
    return pd.DataFrame(
        {
            "id": frame[schema.T_ID].astype(str),
            "municipality": frame[MUNICIPALITY].map(municipality_name).astype(str),
            "municipality_code": frame[MUNICIPALITY].astype(str),
            "partner": frame[schema.T_PARTNER_CITY].astype(str),
            "country": frame[schema.T_PARTNER_COUNTRY].map(
                lambda c: i18n.country_name(str(c), lang)
            ),
            "year": frame[schema.T_YEAR].astype("Int64"),
            "associations": frame["association_ids"].map(len).astype("Int64"),
            "projects": frame["project_ids"].map(len).astype("Int64"),
            "association_names": frame["association_ids"].map(
                lambda ids: _sorted_texts(ids, names)
            ),
            "project_titles": frame["project_ids"].map(lambda ids: _sorted_texts(ids, titles)),
        }
    )


# -- opportunities ------------------------------------------------------------------------------
def _project_places(data: Dataset) -> pd.DataFrame:
    """Each project's place and the municipality of its lead association (else its own)."""
    projects = data.projects
    place = bt._known_territory(projects[schema.P_TERRITORY]).fillna(
        bt._country_place(projects[schema.P_COUNTRY])
    )
    lead_home = projects[schema.P_LEAD].map(
        data.associations.set_index(schema.A_ID)[schema.A_MUNICIPALITY]
    )
    municipality = lead_home.astype("string").fillna(projects[schema.P_MUNICIPALITY])
    frame = pd.DataFrame(
        {schema.P_ID: projects[schema.P_ID], MUNICIPALITY: municipality, PLACE: place}
    )
    return frame.dropna(subset=[PLACE]).astype({MUNICIPALITY: str, PLACE: str})


def _residents_parts(data: Dataset, pairs: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Residents of the place's citizenship in the municipality's province and their
    location ratio (provincial share / national share), aligned on pairs' index."""
    zeros = pd.Series(0, index=pairs.index, dtype=int)
    year = latest_residents_year(data.residents)
    if year is None or pairs.empty:
        return zeros, zeros.astype(float)
    residents = data.residents[data.residents[schema.R_YEAR] == year]
    counts = residents.groupby([schema.R_PROVINCE, schema.R_CITIZENSHIP])[schema.R_RESIDENTS].sum()
    province_totals = residents.groupby(schema.R_PROVINCE)[schema.R_RESIDENTS].sum()
    national = residents.groupby(schema.R_CITIZENSHIP)[schema.R_RESIDENTS].sum()
    national_total = float(residents[schema.R_RESIDENTS].sum())
    provinces = reference.load_municipalities().set_index("municipality_istat")["province_istat"]
    count_list, ratio_list = [], []
    for municipality, country in zip(pairs[MUNICIPALITY], pairs["place_country"], strict=True):
        province = provinces.get(municipality)
        local = float(counts.get((province, country), 0) or 0)
        total = float(province_totals.get(province, 0) or 0)
        nation = float(national.get(country, 0) or 0)
        count_list.append(int(local))
        if local > 0 and total > 0 and nation > 0 and national_total > 0:
            ratio_list.append((local / total) / (nation / national_total))
        else:
            ratio_list.append(0.0)
    return (
        pd.Series(count_list, index=pairs.index, dtype=int),
        pd.Series(ratio_list, index=pairs.index, dtype=float),
    )


def _agreements(data: Dataset) -> pd.DataFrame:
    """Every agreement with its municipality, place, partner country and status."""
    links = bt.twinning_links(data.twinnings)
    facts = data.twinnings.set_index(schema.T_ID)[[schema.T_PARTNER_COUNTRY, schema.T_STATUS]]
    frame = links[[schema.T_ID, MUNICIPALITY, PLACE]].join(facts, on=schema.T_ID)
    return frame.astype(str)


def opportunity_pairs(data: Dataset) -> pd.DataFrame:
    """Every candidate (municipality, place) pair with its parts, score and agreement.

    Columns: municipality_istat, place, place_country, associations, residents, ratio,
    projects, precedents, score, agreement ("" or "dormant"). Pairs with an agreement of
    any other status are left out. Sorted by score (highest first), then codes.
    """
    links = bt.association_links(data.associations)
    associations = links.groupby([MUNICIPALITY, PLACE])[schema.A_ID].nunique()
    projects = _project_places(data).groupby([MUNICIPALITY, PLACE])[schema.P_ID].nunique()
    pairs = pd.concat(
        [associations.rename("associations"), projects.rename("projects")], axis=1
    ).fillna(0)
    pairs = pairs.astype({"associations": int, "projects": int}).reset_index()
    pairs = pairs.rename(columns={"level_0": MUNICIPALITY, "level_1": PLACE})
    places = bt._places_index()
    pairs = pairs[pairs[PLACE].isin(list(places.index))]
    pairs = pairs.assign(place_country=pairs[PLACE].map(places["place_country"]).astype(str))

    agreements = _agreements(data)
    by_place = agreements.groupby(PLACE)[MUNICIPALITY].agg(set)
    by_country = agreements.groupby(schema.T_PARTNER_COUNTRY)[MUNICIPALITY].agg(set)
    statuses_place = agreements.groupby([MUNICIPALITY, PLACE])[schema.T_STATUS].agg(set)
    statuses_country = agreements.groupby([MUNICIPALITY, schema.T_PARTNER_COUNTRY])[
        schema.T_STATUS
    ].agg(set)

    precedents: list[int] = []
    agreement: list[str | None] = []
    for municipality, place, country in zip(
        pairs[MUNICIPALITY], pairs[PLACE], pairs["place_country"], strict=True
    ):
        country_place = place.startswith("c:")
        twinned: set[str] = (
            by_country.get(country, set()) if country_place else by_place.get(place, set())
        )
        precedents.append(len(twinned - {municipality}))
        statuses: set[str] = (
            statuses_country.get((municipality, country), set())
            if country_place
            else statuses_place.get((municipality, place), set())
        )
        if statuses - {DORMANT}:
            agreement.append(None)  # an agreement other than dormant: never a candidate
        else:
            agreement.append(DORMANT if statuses else NO_AGREEMENT)
    pairs = pairs.assign(
        precedents=precedents, agreement=pd.Series(agreement, index=pairs.index, dtype=object)
    )
    pairs = pairs[pairs["agreement"].notna()].copy()
    residents, ratio = _residents_parts(data, pairs)
    pairs["residents"] = residents
    pairs["ratio"] = ratio
    pairs["score"] = score_of(pairs)
    columns = [
        MUNICIPALITY,
        PLACE,
        "place_country",
        "associations",
        "residents",
        "ratio",
        "projects",
        "precedents",
        "score",
        "agreement",
    ]
    pairs = pairs[columns].astype({"agreement": str, "precedents": int})
    return pairs.sort_values(
        ["score", MUNICIPALITY, PLACE], ascending=[False, True, True], ignore_index=True
    )


def score_of(parts: pd.DataFrame) -> pd.Series:
    """The score of each row: the sum of its parts, each times its weight in WEIGHTS."""
    total = pd.Series(0.0, index=parts.index)
    for part, weight in WEIGHTS.items():
        total = total + weight * parts[part].astype(float)
    return total


def opportunities_for(pairs: pd.DataFrame, municipality: str) -> pd.DataFrame:
    """The municipality's opportunities (no agreement), best first."""
    chosen = pairs[(pairs[MUNICIPALITY] == municipality) & (pairs["agreement"] == NO_AGREEMENT)]
    return chosen.reset_index(drop=True)


def dormant_for(pairs: pd.DataFrame, municipality: str) -> pd.DataFrame:
    """The municipality's pairs whose only agreements are dormant: to revive, best first."""
    chosen = pairs[(pairs[MUNICIPALITY] == municipality) & (pairs["agreement"] == DORMANT)]
    return chosen.reset_index(drop=True)


def ties_to(pairs: pd.DataFrame, place: str) -> pd.DataFrame:
    """The reverse view: the Italian municipalities with the strongest ties to an origin
    place and no agreement with it, best first (the same rows as the forward view)."""
    chosen = pairs[(pairs[PLACE] == place) & (pairs["agreement"] == NO_AGREEMENT)]
    return chosen.reset_index(drop=True)


def origin_cities(pairs: pd.DataFrame, lang: Lang) -> dict[str, str]:
    """Origin cities (gazetteer places) with at least one opportunity: place -> name, by name."""
    open_pairs = pairs[pairs["agreement"] == NO_AGREEMENT]
    places = sorted({p for p in open_pairs[PLACE] if p.startswith("t:")})
    names = {place: place_name(place, lang) for place in places}
    return dict(sorted(names.items(), key=lambda item: (item[1].casefold(), item[0])))


def municipalities_with_associations(associations: pd.DataFrame) -> dict[str, str]:
    """Municipalities with associations, most associations first: ISTAT code -> name."""
    counts = associations[schema.A_MUNICIPALITY].astype(str).value_counts()
    ranked = sorted(
        counts.items(), key=lambda item: (-int(item[1]), municipality_name(str(item[0])))
    )
    return {str(code): municipality_name(str(code)) for code, _ in ranked}


def opportunity_sentence(row: pd.Series, lang: Lang) -> str:
    """Why a pair is an opportunity, in words: "1 associazione, 2.423 residenti pakistani in
    provincia (1,5 volte la media nazionale), 5 progetti a Sialkot; nessun accordo", or for a
    country "... 5 altri comuni italiani hanno un accordo in Romania; nessun accordo"."""
    place = str(row[PLACE])
    city = _city_or_country(place, lang)
    iso3 = str(row["place_country"])
    country = i18n.country_name(iso3, lang)
    adjective = country_words.residents_adjective(iso3, lang)
    where = country_words.in_country(iso3, lang)
    country_place = place.startswith("c:")
    parts = []
    if int(row["associations"]):
        parts.append(i18n.tn("count.associations", int(row["associations"]), lang))
    residents = int(row["residents"])
    ratio = formats.format_number(float(row["ratio"]), lang, 1)
    if residents and adjective:
        parts.append(
            i18n.tn(
                "twinnings.why.residents_adjective",
                residents,
                lang,
                adjective=adjective,
                ratio=ratio,
            )
        )
    elif residents:
        parts.append(
            i18n.tn("twinnings.why.residents", residents, lang, country=country, ratio=ratio)
        )
    elif adjective:
        parts.append(i18n.t("twinnings.why.no_residents_adjective", lang, adjective=adjective))
    else:
        parts.append(i18n.t("twinnings.why.no_residents", lang, country=country))
    projects = int(row["projects"])
    if projects and country_place:
        parts.append(i18n.tn("twinnings.why.projects_country", projects, lang, where=where))
    elif projects:
        parts.append(i18n.tn("twinnings.why.projects", projects, lang, place=city))
    precedents = int(row["precedents"])
    if precedents and country_place:
        parts.append(i18n.tn("twinnings.why.precedents_country", precedents, lang, where=where))
    elif precedents:
        parts.append(i18n.tn("twinnings.why.precedents", precedents, lang, place=city))
    closing = (
        i18n.t("twinnings.why.dormant", lang)
        if row["agreement"] == DORMANT
        else i18n.t("twinnings.why.no_agreement", lang)
    )
    return ", ".join(parts) + "; " + closing


def describe_opportunities(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Opportunities for people: municipality, place, the parts, the score, why in words."""
    sentences = [opportunity_sentence(row, lang) for _, row in frame.iterrows()]
    return pd.DataFrame(
        {
            "municipality": frame[MUNICIPALITY].map(municipality_name).astype(str),
            "municipality_code": frame[MUNICIPALITY].astype(str),
            "place": [place_name(str(p), lang) for p in frame[PLACE]],
            "associations": frame["associations"].astype("Int64"),
            "residents": frame["residents"].astype("Int64"),
            "ratio": frame["ratio"].astype(float).round(2),
            "projects": frame["projects"].astype("Int64"),
            "precedents": frame["precedents"].astype("Int64"),
            "score": frame["score"].astype(float).round(2),
            "why": pd.Series(sentences, index=frame.index, dtype=object),
        }
    )


def count_table(twinnings: pd.DataFrame, split: str) -> pd.DataFrame:
    """Agreements per status or type for people: the code (read as its label) and count."""
    counts = count_by(twinnings, split)
    return pd.DataFrame({split: counts["code"], "twinnings": counts["twinnings"].astype("Int64")})


def from_origins(pairs: pd.DataFrame, origins: Collection[str] | None) -> pd.DataFrame:
    """The pairs whose place lies in one of the origin countries (all when None)."""
    if not origins:
        return pairs
    return pairs[pairs["place_country"].isin(list(origins))].reset_index(drop=True)
