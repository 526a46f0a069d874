"""Column names, kinds, codes and vocabularies shared by loaders, transforms and charts.

Every table Ponti stores has one row per thing and a stable string id. Multi-valued fields
(origin countries, SDGs, themes...) are Python lists in memory and in the store; in CSV
files they are written joined with "|" (";" and "," are accepted on import).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

# The languages of the interface and of every report: Italian first.
Lang = Literal["it", "en"]

# ---------------------------------------------------------------------------------------
# Kinds of data file
# ---------------------------------------------------------------------------------------
ASSOCIATIONS: Final = "associations"
PROJECTS: Final = "projects"
TWINNINGS: Final = "twinnings"
RESIDENTS: Final = "residents"
CALLS: Final = "calls"
KINDS: Final[tuple[str, ...]] = (ASSOCIATIONS, PROJECTS, TWINNINGS, RESIDENTS, CALLS)
Kind = Literal["associations", "projects", "twinnings", "residents", "calls"]

LIST_SEPARATOR: Final = "|"

ColumnType = Literal[
    "id",
    "text",
    "int",
    "float",
    "bool",
    "date",
    "istat_municipality",
    "istat_province",
    "iso3",
    "iso3_list",
    "territory",
    "territory_list",
    "sdg_list",
    "target_list",
    "theme_list",
    "id_list",
    "text_list",
    "stage",
    "funder_type",
    "twinning_type",
    "twinning_status",
    "applicant_list",
    "country_share_list",
    "iati_org_list",
    "url",
    "email",
    "phone",
]


# Column types whose values are lists (joined with LIST_SEPARATOR in files).
LIST_TYPES: Final[frozenset[str]] = frozenset(
    {
        "iso3_list",
        "territory_list",
        "sdg_list",
        "target_list",
        "theme_list",
        "id_list",
        "text_list",
        "applicant_list",
        "country_share_list",
        "iati_org_list",
    }
)

# The pandas dtype of each column type that is not held as text. Lists are Python lists in
# object columns; every other type (ids, codes, vocabularies, text) is a "string" column,
# so zero-padded codes such as "058091" stay as written.
ColumnDtype = Literal["Int64", "float64", "boolean", "datetime64[ns]", "object", "string"]
SCALAR_DTYPES: Final[dict[ColumnType, ColumnDtype]] = {
    "int": "Int64",
    "float": "float64",
    "bool": "boolean",
    "date": "datetime64[ns]",
}
LIST_DTYPE: Final = "object"
TEXT_DTYPE: Final = "string"


def dtype_of(column_type: ColumnType) -> ColumnDtype:
    """The pandas dtype a column of this type has in frames and in the store."""
    if column_type in LIST_TYPES:
        return LIST_DTYPE
    return SCALAR_DTYPES.get(column_type, TEXT_DTYPE)


@dataclass(frozen=True)
class Column:
    """One stored column: its canonical name, type, whether required, privacy."""

    name: str
    type: ColumnType
    required: bool = False
    private: bool = False


# ---------------------------------------------------------------------------------------
# Associations
# ---------------------------------------------------------------------------------------
A_ID: Final = "association_id"
A_NAME: Final = "name"
A_ACRONYM: Final = "acronym"
A_MUNICIPALITY: Final = "municipality_istat"
A_FOUNDED: Final = "founded_year"
A_LEGAL_FORM: Final = "legal_form"
A_COUNTRIES: Final = "origin_countries"
A_TERRITORIES: Final = "origin_territories"
A_THEMES: Final = "themes"
A_SDGS: Final = "sdgs"
A_MEMBERS: Final = "members"
A_WOMEN_LED: Final = "women_led"
A_YOUTH_LED: Final = "youth_led"
A_NETWORKS: Final = "networks"
A_WEBSITE: Final = "website"
# The association's IATI organisation identifiers (registration agency prefix + its id,
# e.g. "IT-CF-97654320158"): IATI files name their implementing organisations by them.
A_IATI_IDS: Final = "iati_org_ids"
A_CONTACT_NAME: Final = "contact_name"
A_CONTACT_EMAIL: Final = "contact_email"
A_CONTACT_PHONE: Final = "contact_phone"

ASSOCIATION_COLUMNS: Final[tuple[Column, ...]] = (
    Column(A_ID, "id", required=True),
    Column(A_NAME, "text", required=True),
    Column(A_ACRONYM, "text"),
    Column(A_MUNICIPALITY, "istat_municipality", required=True),
    Column(A_FOUNDED, "int"),
    Column(A_LEGAL_FORM, "text"),
    Column(A_COUNTRIES, "iso3_list", required=True),
    Column(A_TERRITORIES, "territory_list"),
    Column(A_THEMES, "theme_list"),
    Column(A_SDGS, "sdg_list"),
    Column(A_MEMBERS, "int"),
    Column(A_WOMEN_LED, "bool"),
    Column(A_YOUTH_LED, "bool"),
    Column(A_NETWORKS, "text_list"),
    Column(A_WEBSITE, "url"),
    Column(A_IATI_IDS, "iati_org_list"),
    Column(A_CONTACT_NAME, "text", private=True),
    Column(A_CONTACT_EMAIL, "email", private=True),
    Column(A_CONTACT_PHONE, "phone", private=True),
)

# ---------------------------------------------------------------------------------------
# Projects
# ---------------------------------------------------------------------------------------
P_ID: Final = "project_id"
P_TITLE: Final = "title"
P_SUMMARY: Final = "summary"
P_LEAD: Final = "lead_association_id"
P_PARTNERS: Final = "partner_association_ids"
P_MUNICIPALITY: Final = "municipality_istat"
P_COUNTRY: Final = "destination_country"
P_TERRITORY: Final = "destination_territory"
# A project shared among several countries: "ISO3:percentage" items ("SEN:60", "MLI:40")
# adding up to 100, the destination country among them. Empty: all of it goes to the
# destination country. Sums of EUR by country share the amounts by these percentages
# (ponti.transforms.common.country_shares).
P_SPLIT: Final = "destination_split"


def split_shares(items: object) -> list[tuple[str, float]]:
    """A stored split's (country, percentage) pairs ("SEN:60" -> ("SEN", 60.0)); items that
    do not read are left out, and anything but a list of items (an empty cell) has none."""
    if isinstance(items, str) or not hasattr(items, "__iter__"):
        return []
    pairs: list[tuple[str, float]] = []
    for item in items:
        country, _, share = str(item).rpartition(":")
        try:
            pairs.append((country, float(share)))
        except ValueError:
            continue
    return pairs


P_SDGS: Final = "sdgs"
P_TARGETS: Final = "sdg_targets"
P_THEMES: Final = "themes"
P_DAC: Final = "dac_sector"
P_FUNDER: Final = "funder"
P_FUNDER_TYPE: Final = "funder_type"
P_PROGRAMME: Final = "programme"
P_STAGE: Final = "stage"
P_REQUESTED: Final = "amount_requested"
P_GRANTED: Final = "amount_granted"
P_COFINANCING: Final = "cofinancing"
P_DISBURSED: Final = "amount_disbursed"  # EUR paid out so far (IATI transactions type 3)
P_SPENT: Final = "amount_spent"  # EUR spent so far (IATI transactions type 4)
P_SUBMITTED: Final = "date_submitted"
P_DECIDED: Final = "date_decided"
P_START: Final = "date_start"
P_END: Final = "date_end"
P_BENEFICIARIES: Final = "beneficiaries"

PROJECT_COLUMNS: Final[tuple[Column, ...]] = (
    Column(P_ID, "id", required=True),
    Column(P_TITLE, "text", required=True),
    Column(P_SUMMARY, "text"),
    Column(P_LEAD, "id", required=True),
    Column(P_PARTNERS, "id_list"),
    Column(P_MUNICIPALITY, "istat_municipality", required=True),
    Column(P_COUNTRY, "iso3", required=True),
    Column(P_TERRITORY, "territory"),
    Column(P_SPLIT, "country_share_list"),
    Column(P_SDGS, "sdg_list"),
    Column(P_TARGETS, "target_list"),
    Column(P_THEMES, "theme_list"),
    Column(P_DAC, "text"),
    Column(P_FUNDER, "text"),
    Column(P_FUNDER_TYPE, "funder_type"),
    Column(P_PROGRAMME, "text"),
    Column(P_STAGE, "stage", required=True),
    Column(P_REQUESTED, "float"),
    Column(P_GRANTED, "float"),
    Column(P_COFINANCING, "float"),
    Column(P_DISBURSED, "float"),
    Column(P_SPENT, "float"),
    Column(P_SUBMITTED, "date"),
    Column(P_DECIDED, "date"),
    Column(P_START, "date"),
    Column(P_END, "date"),
    Column(P_BENEFICIARIES, "int"),
)

# ---------------------------------------------------------------------------------------
# Twinnings
# ---------------------------------------------------------------------------------------
T_ID: Final = "twinning_id"
T_MUNICIPALITY: Final = "municipality_istat"
T_PARTNER_CITY: Final = "partner_city"
T_PARTNER_COUNTRY: Final = "partner_country"
T_PARTNER_TERRITORY: Final = "partner_territory"
T_TYPE: Final = "type"
T_STATUS: Final = "status"
T_YEAR: Final = "year_signed"
T_COMMUNITY: Final = "community_country"
T_PROJECTS: Final = "project_ids"
T_SOURCE: Final = "source"

TWINNING_COLUMNS: Final[tuple[Column, ...]] = (
    Column(T_ID, "id", required=True),
    Column(T_MUNICIPALITY, "istat_municipality", required=True),
    Column(T_PARTNER_CITY, "text", required=True),
    Column(T_PARTNER_COUNTRY, "iso3", required=True),
    Column(T_PARTNER_TERRITORY, "territory"),
    Column(T_TYPE, "twinning_type", required=True),
    Column(T_STATUS, "twinning_status", required=True),
    Column(T_YEAR, "int"),
    Column(T_COMMUNITY, "iso3"),
    Column(T_PROJECTS, "id_list"),
    Column(T_SOURCE, "text"),
)

# ---------------------------------------------------------------------------------------
# Residents (context layer): foreign residents by citizenship, province and year (ISTAT)
# ---------------------------------------------------------------------------------------
R_YEAR: Final = "year"
R_PROVINCE: Final = "province_istat"
R_CITIZENSHIP: Final = "citizenship"
R_RESIDENTS: Final = "residents"

RESIDENT_COLUMNS: Final[tuple[Column, ...]] = (
    Column(R_YEAR, "int", required=True),
    Column(R_PROVINCE, "istat_province", required=True),
    Column(R_CITIZENSHIP, "iso3", required=True),
    Column(R_RESIDENTS, "int", required=True),
)

# ---------------------------------------------------------------------------------------
# Calls (bandi): open funding calls an association or a municipality may answer
# ---------------------------------------------------------------------------------------
C_ID: Final = "call_id"
C_FUNDER: Final = "funder"
C_FUNDER_TYPE: Final = "funder_type"
C_PROGRAMME: Final = "programme"
C_TITLE: Final = "title"
C_URL: Final = "url"
C_OPENS: Final = "date_open"
C_CLOSES: Final = "date_close"  # empty: a rolling call, open until further notice
C_COUNTRIES: Final = "eligible_countries"  # empty: every country is eligible
C_THEMES: Final = "themes"
C_SDGS: Final = "sdgs"
C_GRANT_MIN: Final = "grant_min"  # EUR
C_GRANT_MAX: Final = "grant_max"  # EUR
# The share of the budget the applicant must find elsewhere: a fraction 0..1 in memory and
# in the store; files may write it as a percentage ("20%", "20") or a fraction ("0,2").
C_COFINANCING: Final = "cofinancing_share"
C_APPLICANTS: Final = "applicants"  # codes of APPLICANTS: who may apply

CALL_COLUMNS: Final[tuple[Column, ...]] = (
    Column(C_ID, "id", required=True),
    Column(C_FUNDER, "text", required=True),
    Column(C_FUNDER_TYPE, "funder_type", required=True),
    Column(C_PROGRAMME, "text"),
    Column(C_TITLE, "text", required=True),
    Column(C_URL, "url"),
    Column(C_OPENS, "date"),
    Column(C_CLOSES, "date"),
    Column(C_COUNTRIES, "iso3_list"),
    Column(C_THEMES, "theme_list"),
    Column(C_SDGS, "sdg_list"),
    Column(C_GRANT_MIN, "float"),
    Column(C_GRANT_MAX, "float"),
    Column(C_COFINANCING, "float"),
    Column(C_APPLICANTS, "applicant_list"),
)

COLUMNS: Final[dict[str, tuple[Column, ...]]] = {
    ASSOCIATIONS: ASSOCIATION_COLUMNS,
    PROJECTS: PROJECT_COLUMNS,
    TWINNINGS: TWINNING_COLUMNS,
    RESIDENTS: RESIDENT_COLUMNS,
    CALLS: CALL_COLUMNS,
}
ID_COLUMN: Final[dict[str, str | None]] = {
    ASSOCIATIONS: A_ID,
    PROJECTS: P_ID,
    TWINNINGS: T_ID,
    RESIDENTS: None,
    CALLS: C_ID,
}
PRIVATE_COLUMNS: Final[frozenset[str]] = frozenset(
    c.name for cols in COLUMNS.values() for c in cols if c.private
)


def column_names(kind: str) -> list[str]:
    """The canonical column names of a kind, in file order."""
    return [c.name for c in COLUMNS[kind]]


# ---------------------------------------------------------------------------------------
# Vocabularies (codes are stored; labels live in the translation catalogue)
# ---------------------------------------------------------------------------------------
SDG_GOALS: Final[tuple[int, ...]] = tuple(range(1, 18))

THEMES: Final[tuple[str, ...]] = (
    "employment",
    "health",
    "education",
    "active_citizenship",
    "housing",
    "enterprise",
    "skills_mobility",
    "culture",
    "humanitarian",
)

# Pipeline: the main path in order, then the exits.
STAGE_PATH: Final[tuple[str, ...]] = (
    "idea",
    "concept",
    "submitted",
    "approved",
    "in_progress",
    "completed",
)
STAGE_EXITS: Final[tuple[str, ...]] = ("rejected", "withdrawn", "cancelled")
STAGES: Final[tuple[str, ...]] = STAGE_PATH + STAGE_EXITS
# Stages at which the funder has decided (for success rates): approved and later, or rejected.
DECIDED_STAGES: Final[frozenset[str]] = frozenset(
    {"approved", "in_progress", "completed", "rejected"}
)
APPROVED_STAGES: Final[frozenset[str]] = frozenset({"approved", "in_progress", "completed"})

# IATI ActivityStatus codelist -> Ponti stage, and the reverse reading for the legend.
IATI_STATUS_TO_STAGE: Final[dict[str, str]] = {
    "1": "submitted",  # Pipeline/identification
    "2": "in_progress",  # Implementation
    "3": "in_progress",  # Finalisation
    "4": "completed",  # Closed
    "5": "cancelled",  # Cancelled
    "6": "in_progress",  # Suspended (still an open activity)
}
STAGE_TO_IATI_STATUS: Final[dict[str, str]] = {
    "idea": "",
    "concept": "",
    "submitted": "1",
    "approved": "1",
    "in_progress": "2",
    "completed": "4",
    "rejected": "",
    "withdrawn": "",
    "cancelled": "5",
}

FUNDER_TYPES: Final[tuple[str, ...]] = (
    "aics",
    "eu",
    "region",
    "municipality",
    "foundation",
    "iom",
    "ministry",
    "private",
    "other",
)

TWINNING_TYPES: Final[tuple[str, ...]] = (
    "gemellaggio",
    "patto_amicizia",
    "accordo_cooperazione",
    "memorandum",
)
TWINNING_STATUSES: Final[tuple[str, ...]] = (
    "proposed",
    "negotiating",
    "signed",
    "active",
    "dormant",
)

# Who may answer a call.
APPLICANTS: Final[tuple[str, ...]] = (
    "association",  # diaspora and other associations (APS, ODV, ETS)
    "municipality",  # municipalities and other local authorities
    "ngo",  # civil-society organisations for development cooperation (OSC, ONG)
    "network",  # networks, federations and coordinations of associations
    "university",  # universities and research centres
    "enterprise",  # enterprises, cooperatives, social enterprises
    "other",
)

# UN M49 macro-regions (codes are M49's own): Africa, Americas, Asia, Europe, Oceania.
M49_REGIONS: Final[tuple[str, ...]] = ("002", "019", "142", "150", "009")

# The coded vocabularies of the stored tables: vocabulary -> its codes (labels by vocabulary
# and code in ponti.i18n.VOCABULARIES; the words people write in data/vocabulary/).
VOCABULARY_CODES: Final[dict[str, tuple[str, ...]]] = {
    "stage": STAGES,
    "theme": THEMES,
    "funder_type": FUNDER_TYPES,
    "twinning_type": TWINNING_TYPES,
    "twinning_status": TWINNING_STATUSES,
    "applicant": APPLICANTS,
}
