"""A municipality's profile: where it is, its associations, its province's communities, its
projects and their funders, its twinnings. Opportunities come from ``ponti.transforms.twinnings``.

The profile uses all the data of the version cut to the municipality (and, when chosen, to
the origin filter): the other shared filters do not apply. ISTAT publishes foreign residents
by province, so the communities are those of the municipality's province.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import pandas as pd

from ponti import filters as flt
from ponti import i18n, reference, schema
from ponti.i18n import Lang
from ponti.transforms import bridges as bt
from ponti.transforms.common import Dataset, apply_filters


@dataclass(frozen=True)
class Place:
    """Where a municipality is: its code, official name, province and region."""

    code: str
    name: str
    province: str
    province_code: str
    region: str


@dataclass(frozen=True)
class Profile:
    """The headline counts of a municipality."""

    associations: int
    projects: int
    twinnings: int
    communities: int
    granted_eur: float


def _text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def place_of(code: str) -> Place | None:
    """The municipality with this ISTAT code, with its province and region (None if unknown)."""
    places = reference.load_municipalities().set_index("municipality_istat")
    if code not in places.index:
        return None
    provinces = reference.load_provinces().set_index("province_istat")
    regions = reference.load_regions().set_index("region_istat")["name"]
    province_code = str(places.at[code, "province_istat"])
    province = str(provinces.at[province_code, "name"]) if province_code in provinces.index else ""
    region_code = str(places.at[code, "region_istat"])
    return Place(
        code=code,
        name=str(places.at[code, "name"]),
        province=province,
        province_code=province_code,
        region=str(regions.get(region_code, region_code)),
    )


def profile_data(data: Dataset, code: str, origin: Collection[str] = ()) -> Dataset:
    """All the data of one municipality (residents: its province's), cut by origin if given."""
    return apply_filters(data, flt.Filters(municipality=(code,), origin=tuple(origin)))


def summarise_profile(profile: Dataset) -> Profile:
    """Counts of the municipality's data; communities are its associations' origin countries."""
    countries = {c for values in profile.associations[schema.A_COUNTRIES] for c in values}
    return Profile(
        associations=len(profile.associations),
        projects=len(profile.projects),
        twinnings=len(profile.twinnings),
        communities=len(countries),
        granted_eur=float(profile.projects[schema.P_GRANTED].sum()),
    )


def associations_table(associations: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The associations for people: name, origin countries, themes, members, year founded."""
    return pd.DataFrame(
        {
            "id": associations[schema.A_ID].astype(str),
            "association_code": associations[schema.A_ID].astype(str),
            "name": associations[schema.A_NAME].map(_text),
            "countries": associations[schema.A_COUNTRIES].map(lambda c: bt._countries(c, lang)),
            "themes": associations[schema.A_THEMES].map(
                lambda themes: ", ".join(
                    i18n.label("theme", str(code), lang)
                    for code in (themes if isinstance(themes, list) else [])
                )
            ),
            "members": associations[schema.A_MEMBERS].astype("Int64"),
            "founded": associations[schema.A_FOUNDED].astype("Int64"),
        }
    ).sort_values(["name", "id"], ignore_index=True)


def residents_years(residents: pd.DataFrame) -> tuple[int, int] | None:
    """The first and latest years of the residents table (None when it is empty)."""
    years = residents[schema.R_YEAR].dropna()
    return (int(years.min()), int(years.max())) if not years.empty else None


def communities_table(residents: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Foreign residents by citizenship in the latest year, largest first, with the change
    since the first year (the provincial figures ISTAT publishes): country, residents, change."""
    years = residents_years(residents)
    if years is None:
        return pd.DataFrame(
            {
                "country": pd.Series(dtype=str),
                "residents": pd.Series(dtype="Int64"),
                "change": pd.Series(dtype="Int64"),
            }
        )
    first, last = years
    by_year = residents.groupby([schema.R_YEAR, schema.R_CITIZENSHIP])[schema.R_RESIDENTS].sum()
    latest = by_year.xs(last, level=0)
    earliest = by_year.xs(first, level=0).reindex(latest.index).fillna(0)
    table = pd.DataFrame(
        {
            "iso3": latest.index.astype(str),
            "residents": latest.to_numpy(dtype="int64"),
            "change": (latest - earliest).to_numpy(dtype="int64"),
        }
    )
    table = table.sort_values(["residents", "iso3"], ascending=[False, True], ignore_index=True)
    table.insert(0, "country", table["iso3"].map(lambda c: i18n.country_name(c, lang)))
    return table.drop(columns="iso3").astype({"residents": "Int64", "change": "Int64"})


def projects_table(projects: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The projects for people: title, stage (code), EUR requested and granted, goals,
    destination, funder; largest grant first."""
    described = bt.describe_projects(projects, lang)
    stages = projects.set_index(schema.P_ID)[schema.P_STAGE].astype(str)
    table = pd.DataFrame(
        {
            "id": described["id"],
            "title": described["title"],
            "stage": described["id"].map(stages),
            "requested": described["requested"],
            "granted": described["granted"],
            "sdgs": described["sdgs"],
            "destination": described["destination"],
            "funder": described["funder"],
        }
    )
    return table.sort_values(
        ["granted", "title"], ascending=[False, True], na_position="last", ignore_index=True
    )


def projects_by_stage(projects: pd.DataFrame) -> pd.DataFrame:
    """Projects, EUR requested and granted at each stage present, in pipeline order."""
    present = [stage for stage in schema.STAGES if stage in set(projects[schema.P_STAGE])]
    grouped = projects.groupby(schema.P_STAGE)
    counts = grouped.size()
    requested = grouped[schema.P_REQUESTED].sum()
    granted = grouped[schema.P_GRANTED].sum()
    return pd.DataFrame(
        {
            "stage": present,
            "projects": [int(counts[s]) for s in present],
            "requested": [float(requested[s]) for s in present],
            "granted": [float(granted[s]) for s in present],
        }
    ).astype({"projects": "Int64"})


def funders_table(projects: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Funders of the municipality's projects: funder, funder type (code), projects, EUR
    granted; projects without a funder are one row of their own, so projects add up."""
    frame = pd.DataFrame(
        {
            "funder": projects[schema.P_FUNDER].map(_text),
            "funder_type": projects[schema.P_FUNDER_TYPE].map(_text),
            "granted": projects[schema.P_GRANTED].astype("float64"),
        }
    )
    frame["funder"] = frame["funder"].where(
        frame["funder"] != "", i18n.t("municipality.funder.none", lang)
    )
    table = frame.groupby(["funder", "funder_type"], as_index=False).agg(
        projects=("granted", "size"), granted=("granted", "sum")
    )
    table = table.sort_values(
        ["granted", "projects", "funder"], ascending=[False, False, True], ignore_index=True
    )
    return table[["funder", "funder_type", "projects", "granted"]].astype({"projects": "Int64"})


def communities_trend(residents: pd.DataFrame, lang: Lang, top: int = 6) -> pd.DataFrame:
    """Residents by year of the province's ``top`` largest communities (by the latest year):
    year, country, residents; a country missing in a year counts 0 residents that year."""
    years = residents_years(residents)
    if years is None:
        return pd.DataFrame(
            {
                "year": pd.Series(dtype="Int64"),
                "country": pd.Series(dtype=str),
                "residents": pd.Series(dtype="Int64"),
            }
        )
    by_year = (
        residents.groupby([schema.R_YEAR, schema.R_CITIZENSHIP])[schema.R_RESIDENTS]
        .sum()
        .unstack(fill_value=0)
    )
    latest = {str(code): int(n) for code, n in by_year.loc[years[1]].to_dict().items()}
    largest = sorted(latest, key=lambda code: (-latest[code], code))[:top]
    long = by_year[largest].reset_index().melt(id_vars=schema.R_YEAR, value_name="residents")
    return pd.DataFrame(
        {
            "year": long[schema.R_YEAR].astype("Int64"),
            "country": long[schema.R_CITIZENSHIP].map(lambda c: i18n.country_name(str(c), lang)),
            "residents": long["residents"].astype("Int64"),
        }
    )
