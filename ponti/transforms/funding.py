"""Funding pipeline figures: stages, flows, success rates, timing, money by year, endings.

Two readings of the pipeline are kept apart on purpose:

* **at stage**: where each project is now. Every project is at exactly one of the nine
  stages, so these counts (and their EUR) add up to the filtered totals.
* **reached**: how far along the main path (idea → completed) a project got. A project at a
  main-path stage reached that stage and every earlier one. Exits count up to the furthest
  stage their record proves: *rejected* was submitted (a funder decided on it); *withdrawn*
  and *cancelled* reached *approved* when an amount was granted, else *submitted* when a
  submission date is known, else only *idea*. Dates alone (a decision date, a start date)
  are not taken as proof of approval: a decision can be a rejection, a start date a plan.

EUR at stake in a project: the amount granted once a funder granted one (approved and later,
and cancelled after a grant), otherwise the amount requested; unknown amounts count as 0.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final, Literal

import numpy as np
import pandas as pd

from ponti import i18n, reference, schema
from ponti.i18n import Lang, t
from ponti.transforms.common import spread_by_country

Measure = Literal["count", "eur"]
Middle = Literal["funder", "programme"]
Destination = Literal["region", "sdg"]
MEASURES: Final[tuple[Measure, ...]] = ("count", "eur")
MIDDLES: Final[tuple[Middle, ...]] = ("funder", "programme")
DESTINATIONS: Final[tuple[Destination, ...]] = ("region", "sdg")

# Below this many decided projects a success rate says little: it is shown greyed, with a note.
MIN_DECIDED: Final = 3
ENDING_STAGES: Final[tuple[str, ...]] = ("approved", "in_progress")
NOT_GIVEN: Final = ""  # the code of a missing funder type, funder, programme or destination
OTHERS: Final = "\0others"  # the code of the node grouping the smaller funders/programmes


# -- per-project readings -----------------------------------------------------------------
def project_eur(projects: pd.DataFrame) -> pd.Series:
    """EUR at stake per project: granted once granted, else requested; unknown as 0."""
    granted = projects[schema.P_GRANTED].astype("float64")
    requested = projects[schema.P_REQUESTED].astype("float64")
    after_grant = projects[schema.P_STAGE].isin(schema.APPROVED_STAGES | {"cancelled"})
    use_granted = (after_grant & granted.notna()).fillna(False).astype(bool)
    return granted.where(use_granted, requested).fillna(0.0)


def furthest_stage(projects: pd.DataFrame) -> pd.Series:
    """The furthest main-path stage each project is known to have reached (see module doc)."""
    stage = projects[schema.P_STAGE].astype("object")
    granted = projects[schema.P_GRANTED].astype("float64").fillna(0.0) > 0
    submitted = projects[schema.P_SUBMITTED].notna()
    evidenced = np.where(granted, "approved", np.where(submitted, "submitted", "idea"))
    furthest = pd.Series(evidenced, index=projects.index, dtype="object")
    furthest = furthest.where(stage != "rejected", "submitted")
    return stage.where(stage.isin(schema.STAGE_PATH), furthest)


def _label_or_not_given(code: object, vocabulary: str, lang: Lang) -> str:
    # Codes are strings; a missing one is NOT_GIVEN, or NaN/NA where a frame left it empty.
    if not isinstance(code, str) or code == NOT_GIVEN:
        return t("funding.not_given", lang)
    return i18n.label(vocabulary, code, lang)


# -- the pipeline -------------------------------------------------------------------------
def count_projects_at_stage(projects: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """One row per stage (path then exits): projects there now and their EUR at stake."""
    frame = pd.DataFrame(
        {"stage": projects[schema.P_STAGE].astype("object"), "eur": project_eur(projects)}
    )
    grouped = frame.groupby("stage").agg(projects=("eur", "size"), eur=("eur", "sum"))
    grouped = grouped.reindex(list(schema.STAGES)).fillna(0)
    on_path = [stage in schema.STAGE_PATH for stage in schema.STAGES]
    return pd.DataFrame(
        {
            "stage": list(schema.STAGES),
            "stage_label": [i18n.label("stage", s, lang) for s in schema.STAGES],
            "on_path": on_path,
            "path_label": [
                t("funding.path.main" if p else "funding.path.exit", lang) for p in on_path
            ],
            "projects": grouped["projects"].astype("int64").to_numpy(),
            "eur": grouped["eur"].astype("float64").to_numpy(),
        }
    )


def count_projects_reaching_stage(projects: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The cumulative funnel along the main path, with stage-to-next conversion rates.

    ``reached`` counts projects whose furthest stage is this one or later; ``at_stage`` those
    there now; ``exited`` the exits whose furthest stage is this one. Hence for each stage
    reached = at_stage + exited + reached at the next stage.
    """
    path = list(schema.STAGE_PATH)
    rank = furthest_stage(projects).map({s: i for i, s in enumerate(path)})
    eur = project_eur(projects)
    stage = projects[schema.P_STAGE]
    exits = stage.isin(schema.STAGE_EXITS).to_numpy()
    reached = [int((rank >= i).sum()) for i in range(len(path))]
    reached_eur = [float(eur[(rank >= i).to_numpy()].sum()) for i in range(len(path))]
    frame = pd.DataFrame(
        {
            "stage": path,
            "stage_label": [i18n.label("stage", s, lang) for s in path],
            "reached": reached,
            "reached_eur": reached_eur,
            "at_stage": [int((stage == s).sum()) for s in path],
            "exited": [int(((rank == i).to_numpy() & exits).sum()) for i in range(len(path))],
        }
    )
    frame["conversion"] = _next_share(frame["reached"])
    frame["conversion_eur"] = _next_share(frame["reached_eur"])
    return frame


def _next_share(values: pd.Series) -> pd.Series:
    # Share of this stage's projects that got to the next stage; none after the last.
    following = values.shift(-1)
    share = following / values.where(values > 0)
    return share.astype("float64")


def iati_status_legend(lang: Lang) -> pd.DataFrame:
    """Each stage with the IATI activity-status code and name it is published as."""
    codes = [schema.STAGE_TO_IATI_STATUS[s] for s in schema.STAGES]
    return pd.DataFrame(
        {
            "stage": list(schema.STAGES),
            "stage_label": [i18n.label("stage", s, lang) for s in schema.STAGES],
            "iati_code": [code or None for code in codes],
            "iati_name": [
                t(f"funding.iati.{code}" if code else "funding.iati.none", lang) for code in codes
            ],
        }
    )


# -- flows: funder type → funder or programme → stage → destination --------------------------
def summarise_funding_paths(
    projects: pd.DataFrame,
    *,
    middle: Middle,
    destination: Destination,
    measure: Measure,
    lang: Lang,
    top: int = 12,
) -> pd.DataFrame:
    """One row per path funder type → funder/programme → stage → destination, with its value.

    Each project adds its value (1, or its EUR at stake) to exactly one path, so every node
    in the middle of the Sankey has as much flowing in as out. Beyond the ``top`` largest
    funders (or programmes) the rest share one "others" node; paths worth 0 are dropped.
    """
    value = pd.Series(1.0, index=projects.index) if measure == "count" else project_eur(projects)
    middle_column = schema.P_FUNDER if middle == "funder" else schema.P_PROGRAMME
    names = (
        projects[middle_column].astype("object").where(projects[middle_column].notna(), NOT_GIVEN)
    )
    names = names.map({name: str(name).strip() for name in names.unique()})
    kept = value.groupby(names).sum().drop(NOT_GIVEN, errors="ignore")
    largest = set(kept.sort_values(ascending=False, kind="stable").head(top).index)
    names = names.where(names.isin(largest) | (names == NOT_GIVEN), OTHERS)
    funder_type = projects[schema.P_FUNDER_TYPE].astype("object").fillna(NOT_GIVEN)
    frame = pd.DataFrame(
        {
            "funder_type": funder_type,
            "middle": names,
            "stage": projects[schema.P_STAGE].astype("object"),
            "country": projects[schema.P_COUNTRY].astype("object"),
            "value": value,
        }
    )
    if measure == "eur" and destination == "region":
        # EUR of a project shared among countries flows to each country's region by its
        # share; a count follows the project's destination country (one path per project).
        frame = spread_by_country(frame, projects, country="country", amounts=("value",))
    dest_code, dest_label = _destinations(frame["country"], projects, destination, lang)
    frame["destination"] = dest_code.to_numpy()
    paths = frame.groupby(
        ["funder_type", "middle", "stage", "destination"], as_index=False, sort=False
    )["value"].sum()
    paths = paths[paths["value"] > 0]
    type_order = {code: i for i, code in enumerate((*schema.FUNDER_TYPES, NOT_GIVEN))}
    stage_order = {code: i for i, code in enumerate(schema.STAGES)}
    paths = paths.assign(
        _type=paths["funder_type"].map(type_order).fillna(len(type_order)),
        _stage=paths["stage"].map(stage_order).fillna(len(stage_order)),
    ).sort_values(["_type", "middle", "_stage", "destination"], ignore_index=True)
    others_key = "funding.others.funder" if middle == "funder" else "funding.others.programme"
    labels = dict(zip(dest_code, dest_label, strict=True))
    dest_column = "region_label" if destination == "region" else "sdg_label"
    return pd.DataFrame(
        {
            "funder_type": paths["funder_type"],
            "funder_type_label": [
                _label_or_not_given(c, "funder_type", lang) for c in paths["funder_type"]
            ],
            middle: [
                t(others_key, lang)
                if n == OTHERS
                else (t("funding.not_given", lang) if n == NOT_GIVEN else n)
                for n in paths["middle"]
            ],
            "stage": paths["stage"],
            "stage_label": [i18n.label("stage", s, lang) for s in paths["stage"]],
            "destination": paths["destination"],
            dest_column: paths["destination"].map(labels),
            "projects" if measure == "count" else "eur": (
                paths["value"].astype("int64") if measure == "count" else paths["value"]
            ),
        }
    )


def _destinations(
    country: pd.Series, projects: pd.DataFrame, destination: Destination, lang: Lang
) -> tuple[pd.Series, pd.Series]:
    # A path's destination code and label: its country's M49 region, or the project's
    # primary SDG (``country`` and ``projects`` are row for row).
    if destination == "region":
        countries = reference.load_countries().set_index("iso3")["m49_region"]
        code = country.astype("object").map(countries)
        code = code.astype("object").where(code.notna(), NOT_GIVEN)
        # One label per distinct code, not one per project.
        label = code.map({c: _label_or_not_given(c, "m49", lang) for c in code.unique()})
        return code, label
    code = pd.Series(
        [f"{int(goals[0])}" if len(goals) else NOT_GIVEN for goals in projects[schema.P_SDGS]],
        index=projects.index,
        dtype="object",
    )
    label = code.map(
        {
            c: t("funding.not_given", lang) if c == NOT_GIVEN else i18n.sdg_label(int(c), lang)
            for c in code.unique()
        }
    )
    return code, label.astype("object")


# -- success, timing, money by year ----------------------------------------------------------
def summarise_success(
    projects: pd.DataFrame, *, by: Middle, lang: Lang, top: int | None = 15
) -> pd.DataFrame:
    """Success rate (approved among decided) per funder or programme, most decisions first."""
    column = schema.P_FUNDER if by == "funder" else schema.P_PROGRAMME
    stage = projects[schema.P_STAGE]
    decided = projects[stage.isin(schema.DECIDED_STAGES).fillna(False).astype(bool)]
    names = decided[column].astype("object").fillna(t("funding.not_given", lang))
    approved = decided[schema.P_STAGE].isin(schema.APPROVED_STAGES).astype("int64")
    grouped = (
        pd.DataFrame({by: names.map(str), "approved": approved})
        .groupby(by, as_index=False)
        .agg(decided=("approved", "size"), approved=("approved", "sum"))
    )
    grouped["rejected"] = grouped["decided"] - grouped["approved"]
    grouped["success_rate"] = grouped["approved"] / grouped["decided"]
    grouped["enough"] = grouped["decided"] >= MIN_DECIDED
    grouped = grouped.sort_values(["decided", by], ascending=[False, True], ignore_index=True)
    columns = [by, "decided", "approved", "rejected", "success_rate", "enough"]
    return (grouped.head(top) if top else grouped)[columns]


def decision_days(projects: pd.DataFrame) -> pd.Series:
    """Days from submission to decision of each decided project with both dates (else NA)."""
    days = (projects[schema.P_DECIDED] - projects[schema.P_SUBMITTED]).dt.days
    decided = projects[schema.P_STAGE].isin(schema.DECIDED_STAGES).fillna(False).astype(bool)
    return days.where(decided & (days >= 0)).astype("Float64")


def summarise_decision_days(projects: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Per funder type: how many decisions and the spread of days from submission to decision."""
    days = decision_days(projects)
    frame = pd.DataFrame(
        {
            "funder_type": projects[schema.P_FUNDER_TYPE].astype("object").fillna(NOT_GIVEN),
            "days": days.astype("float64"),
        }
    ).dropna(subset=["days"])
    grouped = frame.groupby("funder_type")["days"]
    stats = pd.DataFrame(
        {
            "projects": grouped.size(),
            "days_min": grouped.min(),
            "days_q1": grouped.quantile(0.25),
            "days_median": grouped.median(),
            "days_q3": grouped.quantile(0.75),
            "days_max": grouped.max(),
        }
    )
    order = [c for c in (*schema.FUNDER_TYPES, NOT_GIVEN) if c in stats.index]
    stats = stats.reindex(order).reset_index(names="funder_type")
    stats.insert(
        1,
        "funder_type_label",
        [_label_or_not_given(c, "funder_type", lang) for c in stats["funder_type"]],
    )
    stats["projects"] = stats["projects"].astype("int64")
    return stats


def summarise_amounts_by_year(projects: pd.DataFrame) -> pd.DataFrame:
    """Per year of submission: projects submitted, EUR requested and EUR granted to them."""
    year = projects[schema.P_SUBMITTED].dt.year
    frame = pd.DataFrame(
        {
            "year": year,
            "requested": projects[schema.P_REQUESTED].astype("float64"),
            "granted": projects[schema.P_GRANTED].astype("float64"),
        }
    ).dropna(subset=["year"])
    grouped = frame.groupby("year").agg(
        submitted=("year", "size"),
        requested=("requested", "sum"),
        granted=("granted", "sum"),
    )
    grouped = grouped.reset_index()
    grouped["year"] = grouped["year"].astype("int64")
    return grouped[["year", "submitted", "requested", "granted"]]


def projects_ending_soon(
    projects: pd.DataFrame,
    associations: pd.DataFrame,
    *,
    today: date,
    lang: Lang,
    days: int = 365,
) -> pd.DataFrame:
    """Approved or running projects whose end date falls in [today, today + days], soonest
    first, with EUR granted, disbursed and spent so far."""
    start, stop = pd.Timestamp(today), pd.Timestamp(today + timedelta(days=days))
    end = projects[schema.P_END]
    mask = projects[schema.P_STAGE].isin(ENDING_STAGES) & end.between(start, stop)
    ending = projects[mask.fillna(False).astype(bool)]
    names = associations.set_index(schema.A_ID)[schema.A_NAME]
    table = pd.DataFrame(
        {
            "date_end": ending[schema.P_END],
            "title": ending[schema.P_TITLE].astype("object"),
            "lead": ending[schema.P_LEAD].map(names).astype("object"),
            "funder": ending[schema.P_FUNDER].astype("object"),
            "programme": ending[schema.P_PROGRAMME].astype("object"),
            "stage_label": ending[schema.P_STAGE].map(lambda s: i18n.label("stage", s, lang)),
            "destination_label": ending[schema.P_COUNTRY].map(lambda c: i18n.country_name(c, lang)),
            "granted": ending[schema.P_GRANTED].astype("float64"),
            "disbursed": _amount(ending, schema.P_DISBURSED),
            "spent": _amount(ending, schema.P_SPENT),
        }
    )
    return table.sort_values(["date_end", "title"], ignore_index=True)


def _amount(projects: pd.DataFrame, column: str) -> pd.Series:
    # EUR disbursed or spent; a version written before these columns has none.
    if column not in projects:
        return pd.Series(np.nan, index=projects.index, dtype="float64")
    return projects[column].astype("float64")
