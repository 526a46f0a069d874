"""Overview figures: headline counts, associations by place and origin, latest projects.

How associations are counted, here and on the Bridges page (catalogue "counting.rule"):
an association counts once, in the municipality where it is based; one with several origin
countries counts under each of them; under an origin filter, origin figures count only the
chosen origins (``origins``), so "origin countries" never lists a country nobody chose.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

import pandas as pd

from ponti import i18n, reference, schema
from ponti.i18n import Lang
from ponti.transforms.common import Dataset


@dataclass(frozen=True)
class Headline:
    """The figures at the top of the Overview, quotable as they are."""

    associations: int
    projects: int
    origin_countries: int
    municipalities: int
    twinnings: int
    requested_eur: float
    granted_eur: float
    sdgs_covered: int


def summarise_headline(data: Dataset, origins: Collection[str] | None = None) -> Headline:
    """Counts and sums of a (filtered) dataset; ``origins`` (ISO3, from the origin filter)
    limits the origin countries counted to those chosen."""
    countries = {c for values in data.associations[schema.A_COUNTRIES] for c in values}
    if origins:
        countries &= set(origins)
    goals = {g for values in data.projects[schema.P_SDGS] for g in values}
    return Headline(
        associations=len(data.associations),
        projects=len(data.projects),
        origin_countries=len(countries),
        municipalities=int(data.associations[schema.A_MUNICIPALITY].nunique()),
        twinnings=len(data.twinnings),
        requested_eur=float(data.projects[schema.P_REQUESTED].sum()),
        granted_eur=float(data.projects[schema.P_GRANTED].sum()),
        sdgs_covered=len(goals),
    )


def count_associations_by_municipality(associations: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """One row per Italian municipality with associations: code, name, lat, lon, count.

    ``lang`` is kept for symmetry with the other builders: municipality names are official
    ISTAT names in every language.
    """
    del lang
    counts = (
        associations.groupby(schema.A_MUNICIPALITY, observed=True)
        .size()
        .rename("associations")
        .reset_index()
    )
    places = reference.load_municipalities()[["municipality_istat", "name", "lat", "lon"]]
    merged = counts.merge(places, on="municipality_istat", how="inner")
    return merged.sort_values(["associations", "name"], ascending=[False, True], ignore_index=True)


def count_associations_by_country(
    associations: pd.DataFrame,
    lang: Lang,
    top: int | None = 10,
    origins: Collection[str] | None = None,
) -> pd.DataFrame:
    """Associations per origin country (an association of two countries counts in both);
    ``origins`` (ISO3, from the origin filter) keeps only the chosen countries."""
    exploded = associations[[schema.A_ID, schema.A_COUNTRIES]].explode(schema.A_COUNTRIES)
    exploded = exploded.dropna(subset=[schema.A_COUNTRIES])
    if origins:
        exploded = exploded[exploded[schema.A_COUNTRIES].isin(list(origins))]
    counts = (
        exploded.groupby(schema.A_COUNTRIES)[schema.A_ID]
        .nunique()
        .rename("associations")
        .reset_index()
        .rename(columns={schema.A_COUNTRIES: "iso3"})
    )
    counts["country"] = counts["iso3"].map(lambda code: i18n.country_name(code, lang))
    counts = counts.sort_values(["associations", "country"], ascending=[False, True])
    counts = counts.reset_index(drop=True)
    return counts.head(top) if top else counts


def latest_projects(data: Dataset, lang: Lang, today: date, limit: int = 10) -> pd.DataFrame:
    """The projects with the most recent event up to today (submission, decision or start),
    with readable columns; planned dates in the future do not count."""
    projects = data.projects
    if projects.empty:
        return pd.DataFrame(
            columns=[
                "date",
                "title",
                "lead",
                "lead_code",
                "municipality",
                "municipality_code",
                "destination",
                "stage",
                "funder",
                "granted",
            ]
        )
    events = projects[[schema.P_START, schema.P_DECIDED, schema.P_SUBMITTED]]
    latest = events.where(events <= pd.Timestamp(today)).max(axis=1)
    # Rank on the date and title alone, then describe only the rows shown (names and labels
    # looked up for every project were most of the cost at 100x the demo).
    ranked = pd.DataFrame(
        {
            "date": latest.reset_index(drop=True),
            "title": projects[schema.P_TITLE].reset_index(drop=True),
        }
    ).sort_values(["date", "title"], ascending=[False, True], na_position="last")
    shown = ranked.index.to_numpy()[:limit]
    projects = projects.iloc[shown]
    latest = latest.iloc[shown]
    names = data.associations.set_index(schema.A_ID)[schema.A_NAME]
    places = reference.load_municipalities().set_index("municipality_istat")["name"]
    table = pd.DataFrame(
        {
            "date": latest,
            "title": projects[schema.P_TITLE],
            "lead": projects[schema.P_LEAD].map(names),
            "lead_code": projects[schema.P_LEAD].astype("object"),  # no lead yet: no link
            "municipality": projects[schema.P_MUNICIPALITY].map(places),
            "municipality_code": projects[schema.P_MUNICIPALITY].astype(str),
            "destination": projects[schema.P_COUNTRY].map(lambda c: i18n.country_name(c, lang)),
            "stage": projects[schema.P_STAGE].map(lambda s: i18n.label("stage", s, lang)),
            "funder": projects[schema.P_FUNDER],
            "granted": projects[schema.P_GRANTED],
        }
    )
    return table.reset_index(drop=True)
