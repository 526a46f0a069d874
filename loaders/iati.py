"""Read IATI activity files (XML, standard 2.01-2.03 fully, 1.0x where the elements allow) into
the cells of Ponti's projects table, so that the same validation, preview and import run
after them as after a CSV file.

Each ``iati-activity`` becomes one row of a RawTable whose headers are the projects' canonical
column names and whose "row" numbers are the lines of the ``iati-activity`` elements (what an
editor shows). Problems that only the XML shows (unsafe or malformed files, unknown codes,
activities that cannot become a Ponti project) become issues naming the file, the line, the
element and the activity; everything else is checked by loaders.validate like any file.

The mapping (codelists, known Italian funders, exchange rates) lives in data/reference/iati/,
documented in its README and in README.md ("IATI activity files"). Nothing is downloaded.

Parsing is for hostile input: lxml with entity resolution, DTD loading and network access
off, no huge-tree mode, a file size and an element count bound, and any DOCTYPE or ENTITY
declaration refused before parsing (IATI files never need one).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Final

import pandas as pd
from lxml import etree

from loaders import resolve
from loaders.choices import UNMATCHED_CHOICES as UNMATCHED_CHOICES
from loaders.choices import Unmatched as Unmatched
from loaders.messages import make_issue
from loaders.normalise import ParseError, words
from loaders.raw import RawTable
from loaders.report import Issue
from loaders.validate import PartlyFilled, parse_iati_org_id, split_item
from ponti import schema
from ponti.i18n import Lang

IATI_DIR: Final = Path(__file__).resolve().parent.parent / "data" / "reference" / "iati"

# Bounds on what a file may cost: AICS's yearly activity file is a few MB.
MAX_BYTES: Final = 40 * 1024 * 1024
MAX_ELEMENTS: Final = 1_000_000

XML_LANG: Final = "{http://www.w3.org/XML/1998/namespace}lang"


# The cells an activity kept without an association leaves to fill in.
LEFT_TO_FILL: Final[tuple[str, ...]] = (schema.P_LEAD, schema.P_MUNICIPALITY)

# IATI 1.0x wrote some codes as words; 2.0x numbers them.
_ROLES_V1: Final = {"funding": "1", "accountable": "2", "extending": "3", "implementing": "4"}
_DATE_TYPES_V1: Final = {
    "start-planned": "1",
    "start-actual": "2",
    "end-planned": "3",
    "end-actual": "4",
}
_TRANSACTIONS_V1: Final = {"IF": "1", "C": "2", "D": "3", "E": "4", "IC": "11"}
_SECTOR_VOCABULARIES_V1: Final = {"DAC": "1", "DAC-3": "2"}

# Transaction types read (TransactionType codelist): 1 incoming funds, 2 outgoing commitment,
# 3 disbursement, 4 expenditure, 11 incoming commitment.
TRANSACTION_TYPES: Final = frozenset({"1", "2", "3", "4", "11"})

_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class IatiOptions:
    """How IATI files are read: the associations implementers are matched against (the
    store's current table), what becomes of unmatched activities, the narratives' language."""

    associations: pd.DataFrame | None = None
    unmatched: Unmatched = "report"
    lang: Lang = "it"


_OPTIONS: ContextVar[IatiOptions | None] = ContextVar("iati_options", default=None)


@contextmanager
def reading(**changes: Any) -> Iterator[IatiOptions]:
    """Read IATI files with these options within the block (``unmatched="skip"``,
    ``lang="en"``, ``associations=frame``); the others stay as the enclosing block set them.

    Context-local (a thread or task sees only its own), so the command line and each Data
    page session choose for themselves without threading options through every loader."""
    options = dataclasses.replace(current_options(), **changes)
    token = _OPTIONS.set(options)
    try:
        yield options
    finally:
        _OPTIONS.reset(token)


def add_associations(frame: pd.DataFrame) -> None:
    """Match implementers against these associations too, until the enclosing ``reading``
    block ends (an associations file given before an IATI file in one batch)."""
    options = current_options()
    known = options.associations
    both = frame if known is None or known.empty else pd.concat([known, frame], ignore_index=True)
    _OPTIONS.set(dataclasses.replace(options, associations=both))


def current_options() -> IatiOptions:
    """The options IATI files are read with here (see ``reading``)."""
    return _OPTIONS.get() or IatiOptions()


@dataclass(frozen=True)
class Org:
    """A reporting-org or participating-org: its identifier, type, role and name."""

    ref: str
    type: str
    role: str
    name: str
    activity_id: str = ""


@dataclass
class Amounts:
    """An activity's money in EUR by IATI meaning; None where the file gives none."""

    budget: float | None = None
    committed: float | None = None
    disbursed: float | None = None
    spent: float | None = None
    incoming: float | None = None


@dataclass
class Activity:
    """One iati-activity as read, with the issues found in it."""

    number: int
    line: int
    identifier: str
    cells: dict[str, str] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    amounts: Amounts = field(default_factory=Amounts)
    drop: bool = False
    # Required cells left empty on purpose (the lead association when the user keeps an
    # activity no association implements).
    to_fill: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------------
# Reference tables (data/reference/iati/)
# ---------------------------------------------------------------------------------------
def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(IATI_DIR / name, dtype=str, keep_default_na=False)


@cache
def organisation_types() -> dict[str, str]:
    """IATI OrganisationType code -> Ponti funder type."""
    frame = _csv("organisation_types.csv")
    return dict(zip(frame["code"], frame["funder_type"], strict=True))


@cache
def _known_funders() -> tuple[tuple[str, str, re.Pattern[str] | None, str], ...]:
    frame = _csv("known_funders.csv")
    rows = []
    for match, pattern, funder_type in zip(
        frame["match"], frame["pattern"], frame["funder_type"], strict=True
    ):
        regex = re.compile(pattern, re.IGNORECASE) if match == "name" else None
        rows.append((match, pattern, regex, funder_type))
    return tuple(rows)


@cache
def dac_sectors() -> dict[str, str]:
    """DAC sector code (3-digit category, or 5-digit code listed for its theme) -> theme."""
    frame = _csv("dac_sectors.csv")
    return dict(zip(frame["code"], frame["theme"], strict=True))


@cache
def exchange_rates() -> dict[str, dict[int, float]]:
    """Currency -> year -> units of the currency per euro (yearly averages, shipped)."""
    frame = _csv("exchange_rates.csv")
    rates: dict[str, dict[int, float]] = {}
    for year, currency, per_eur in zip(
        frame["year"], frame["currency"], frame["per_eur"], strict=True
    ):
        rates.setdefault(currency, {})[int(year)] = float(per_eur)
    return rates


def to_eur(value: float, currency: str, year: int) -> float | None:
    """`value` in `currency` as EUR at the year's average rate (the nearest year shipped
    when the year is outside the table); None for a currency the table lacks."""
    table = exchange_rates().get(currency.upper())
    if not table:
        return None
    nearest = min(table, key=lambda y: abs(y - year))
    return value / table[nearest]


def funder_type_of(org: Org) -> str:
    """Ponti's funder type of an organisation: a known funder by identifier or name (AICS,
    MAECI, EU/AMIF, IOM, regions, municipalities, foundations), else its IATI type."""
    for match, pattern, regex, funder_type in _known_funders():
        if match == "ref" and org.ref.upper().startswith(pattern.upper()):
            return funder_type
        if regex is not None and org.name and regex.search(words(org.name)):
            return funder_type
    return organisation_types().get(org.type, "other")


# ---------------------------------------------------------------------------------------
# The file
# ---------------------------------------------------------------------------------------
def read_iati(
    data: bytes, name: str, options: IatiOptions | None = None
) -> tuple[RawTable | None, list[Issue]]:
    """Read an IATI activity file into projects' cells; None (with issues saying why) when
    the file is unsafe, not XML, not an activity file or has no activity to import."""
    options = options or current_options()
    root, issues = parse_safely(data, name)
    if root is None:
        return None, issues
    version = root.get("version", "")
    issues.extend(_version_issues(version, name, root.sourceline or 1))
    matcher = AssociationMatcher(options.associations)
    activities = [
        read_activity(element, number, name, options, matcher, root)
        for number, element in enumerate(_children(root, "iati-activity"), start=1)
    ]
    for activity in activities:
        issues.extend(activity.issues)
    kept = [a for a in activities if not a.drop]
    if not kept:
        key = "iati-no-activities" if not activities else "iati-nothing-to-import"
        issues.append(make_issue(key, file=name, row=root.sourceline, n=len(activities)))
        return None, issues
    columns = schema.column_names(schema.PROJECTS)
    frame = pd.DataFrame(
        [[a.cells.get(c, "") for c in columns] for a in kept],
        columns=columns,
        index=pd.Index([a.line for a in kept], name="row"),
        dtype=str,
    )
    to_fill = frozenset((a.line, column) for a in kept for column in a.to_fill)
    return PartlyFilled(frame=frame, format="iati", to_fill=to_fill), issues


def parse_safely(data: bytes, name: str) -> tuple[Any, list[Issue]]:
    """The root element of an IATI activity file, or None and the issue: too large, a DTD
    or entity declaration, malformed XML, too many elements, another root."""
    if len(data) > MAX_BYTES:
        mb = f"{len(data) / 1_048_576:.0f}"
        return None, [make_issue("iati-too-large", file=name, size=mb, limit=MAX_BYTES >> 20)]
    if m := _DOCTYPE.search(data):
        line = data.count(b"\n", 0, m.start()) + 1
        return None, [make_issue("iati-doctype", file=name, row=line, value=m[0].decode())]
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        reason = str(exc.msg or exc).split(" (line")[0]
        if "amplification" in reason:
            # libxml2's own guard against entity expansion (a DTD the byte scan missed).
            return None, [make_issue("iati-doctype", file=name, row=exc.lineno, value="<!ENTITY")]
        return None, [make_issue("iati-not-xml", file=name, row=exc.lineno, reason=reason)]
    if root is None:  # pragma: no cover - lxml raises on an empty document
        return None, [make_issue("iati-not-xml", file=name, row=1, reason="no root element")]
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        # An encoding the byte scan above cannot see (UTF-16): refused all the same.
        return None, [make_issue("iati-doctype", file=name, row=1, value=docinfo.doctype)]
    count = sum(1 for _ in root.iter())
    if count > MAX_ELEMENTS:
        return None, [make_issue("iati-too-many-elements", file=name, n=count, limit=MAX_ELEMENTS)]
    tag = _local(root.tag)
    if tag == "iati-activities":
        return root, []
    key = "iati-organisation-file" if tag == "iati-organisations" else "iati-wrong-root"
    return None, [make_issue(key, file=name, row=root.sourceline, value=tag)]


def _version_issues(version: str, name: str, line: int) -> list[Issue]:
    if re.fullmatch(r"2\.0[1-3]", version):
        return []
    if re.fullmatch(r"1\.0[0-9]", version):
        return [make_issue("iati-version-1", file=name, row=line, value=version)]
    return [make_issue("iati-unknown-version", file=name, row=line, value=version or "?")]


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: Any, tag: str) -> list[Any]:
    return [child for child in element if _local(child.tag) == tag]


def _child(element: Any, tag: str) -> Any:
    found = _children(element, tag)
    return found[0] if found else None


# ---------------------------------------------------------------------------------------
# Narratives
# ---------------------------------------------------------------------------------------
def _texts(element: Any, default_lang: str) -> list[tuple[str, str]]:
    """(language, text) of an element's narratives (2.0x) or of its own text (1.0x)."""
    narratives = _children(element, "narrative")
    items = narratives or [element]
    out = []
    for item in items:
        text = " ".join("".join(item.itertext() if narratives else [item.text or ""]).split())
        if text:
            lang = (item.get(XML_LANG) or element.get(XML_LANG) or default_lang).lower()
            out.append((lang[:2], text))
    return out


def choose_text(elements: Iterable[Any], lang: str, default_lang: str) -> str:
    """The text in the user's language, else English, else the first one given."""
    texts = [t for element in elements for t in _texts(element, default_lang)]
    for wanted in (lang, "en"):
        for text_lang, text in texts:
            if text_lang == wanted:
                return text
    return texts[0][1] if texts else ""


# ---------------------------------------------------------------------------------------
# Associations
# ---------------------------------------------------------------------------------------
class AssociationMatcher:
    """Matches an organisation to a Ponti association, in this order: its ref among an
    association's IATI organisation identifiers (case aside), its ref equal to an
    association id, or its name equal (case, accents and punctuation aside) to an
    association's name or acronym."""

    def __init__(self, associations: pd.DataFrame | None) -> None:
        self.by_iati: dict[str, str] = {}
        self.by_id: dict[str, str] = {}
        self.by_name: dict[str, str] = {}
        self.municipality: dict[str, str] = {}
        if associations is None or associations.empty:
            return
        ids = associations[schema.A_ID].astype(str).tolist()
        if schema.A_IATI_IDS in associations:
            for aid, refs in zip(ids, associations[schema.A_IATI_IDS].tolist(), strict=True):
                for ref in refs if isinstance(refs, list | tuple) else ():
                    self.by_iati.setdefault(str(ref).upper(), aid)
        for column in (schema.A_NAME, schema.A_ACRONYM):
            for aid, text in zip(ids, associations[column].tolist(), strict=True):
                if isinstance(text, str) and text.strip():
                    self.by_name.setdefault(words(text), aid)
        municipalities = associations[schema.A_MUNICIPALITY].tolist()
        for aid, code in zip(ids, municipalities, strict=True):
            self.by_id[aid] = aid
            if not pd.isna(code) and str(code):
                # A row of an update may leave the municipality to the stored row.
                self.municipality[aid] = str(code)

    def match(self, org: Org) -> str | None:
        """The id of the association this organisation is, or None."""
        if org.ref and _org_key(org.ref) in self.by_iati:
            return self.by_iati[_org_key(org.ref)]
        if org.ref and org.ref in self.by_id:
            return org.ref
        return self.by_name.get(words(org.name)) if org.name else None


def _org_key(ref: str) -> str:
    # An identifier as the associations' column stores it (agency prefix upper-case), then
    # upper-cased whole: files write "it-cf-…" and "IT-CF-…" alike.
    try:
        return parse_iati_org_id(ref).upper()
    except ParseError:
        return ref.upper()


# ---------------------------------------------------------------------------------------
# One activity
# ---------------------------------------------------------------------------------------
@dataclass
class _Context:
    """What the readers of one activity's parts share."""

    activity: Activity
    file: str
    lang: str
    default_lang: str
    version1: bool
    default_currency: str

    def issue(self, key: str, at: Any, field_name: str, **params: Any) -> None:
        """Record an issue at the line of element `at`, naming the activity."""
        self.activity.issues.append(
            make_issue(
                key,
                file=self.file,
                row=_line(at, self.activity.line),
                field=field_name,
                n=self.activity.number,
                ident=self.activity.identifier or "?",
                **params,
            )
        )


def _line(element: Any, default: int) -> int:
    return int(element.sourceline) if element is not None and element.sourceline else default


def read_activity(
    element: Any,
    number: int,
    file: str,
    options: IatiOptions,
    matcher: AssociationMatcher,
    root: Any,
) -> Activity:
    """One iati-activity as a projects row (its cells) and its issues."""
    id_element = _child(element, "iati-identifier")
    identifier = " ".join((id_element.text or "").split()) if id_element is not None else ""
    activity = Activity(number, _line(element, 1), identifier)
    default_lang = (element.get(XML_LANG) or root.get(XML_LANG) or "en").lower()[:2]
    context = _Context(
        activity,
        file,
        options.lang,
        default_lang,
        root.get("version", "").startswith("1."),
        element.get("default-currency") or root.get("default-currency") or "",
    )
    cells = activity.cells
    if not identifier:
        context.issue("iati-missing-element", element, "iati-identifier", element="iati-identifier")
        activity.drop = True
        return activity
    cells[schema.P_ID] = identifier
    _read_texts(element, context)
    _read_status(element, context)
    _read_orgs(element, context, matcher, options.unmatched)
    _read_places(element, context, options.unmatched)
    _read_sectors(element, context)
    _read_dates(element, context)
    _read_amounts(element, context)
    return activity


def _read_texts(element: Any, context: _Context) -> None:
    title = choose_text(_children(element, "title"), context.lang, context.default_lang)
    if not title:
        context.issue("iati-missing-element", element, "title", element="title")
        context.activity.drop = True
    context.activity.cells[schema.P_TITLE] = title
    descriptions = _children(element, "description")
    general = [d for d in descriptions if d.get("type", "1") == "1"] or descriptions
    summary = choose_text(general, context.lang, context.default_lang)
    context.activity.cells[schema.P_SUMMARY] = summary


def _read_status(element: Any, context: _Context) -> None:
    status = _child(element, "activity-status")
    code = (status.get("code") or "").strip() if status is not None else ""
    if status is None or not code:
        context.issue("iati-missing-element", element, "activity-status", element="activity-status")
        context.activity.drop = True
        return
    stage = schema.IATI_STATUS_TO_STAGE.get(code)
    if stage is None:
        context.issue("iati-unknown-status", status, "activity-status/@code", value=code)
        context.activity.drop = True
        return
    context.activity.cells[schema.P_STAGE] = stage


# -- organisations ----------------------------------------------------------------------
def _org(element: Any, context: _Context, role: str = "") -> Org:
    return Org(
        ref=(element.get("ref") or "").strip(),
        type=(element.get("type") or "").strip(),
        role=role,
        name=choose_text([element], context.lang, context.default_lang),
        activity_id=(element.get("activity-id") or "").strip(),
    )


def _role(part: Any) -> str:
    role = (part.get("role") or "").strip()
    return _ROLES_V1.get(role.lower(), role)


def _participants(element: Any, context: _Context) -> list[Org]:
    orgs = []
    for part in _children(element, "participating-org"):
        orgs.append(_org(part, context, _role(part)))
    return orgs


def _read_orgs(
    element: Any, context: _Context, matcher: AssociationMatcher, unmatched: Unmatched
) -> None:
    orgs = _participants(element, context)
    reporting_element = _child(element, "reporting-org")
    reporting = _org(reporting_element, context) if reporting_element is not None else None
    by_role: dict[str, list[Org]] = {}
    for org in orgs:
        by_role.setdefault(org.role, []).append(org)
    funder = next(iter(by_role.get("1", []) + by_role.get("3", [])), None) or reporting
    cells = context.activity.cells
    if funder is not None:
        cells[schema.P_FUNDER] = funder.name or funder.ref
        cells[schema.P_FUNDER_TYPE] = funder_type_of(funder)
        cells[schema.P_PROGRAMME] = _programme(funder, by_role.get("3", []))
    implementers = by_role.get("4", [])
    _link_association(element, context, matcher, implementers, reporting, unmatched)


def _programme(funder: Org, extending: list[Org]) -> str:
    """The programme or call: the extending organisation when it is not the funder (the
    managing authority of a fund, e.g. AMIF's), else the funder's own activity."""
    for org in extending:
        if org.name and words(org.name) != words(funder.name):
            return org.name
    return funder.activity_id


def _link_association(
    element: Any,
    context: _Context,
    matcher: AssociationMatcher,
    implementers: list[Org],
    reporting: Org | None,
    unmatched: Unmatched,
) -> None:
    candidates = implementers + ([reporting] if reporting is not None else [])
    matched = list(dict.fromkeys(a for org in candidates if (a := matcher.match(org))))
    cells = context.activity.cells
    if matched:
        lead = matched[0]
        cells[schema.P_LEAD] = lead
        cells[schema.P_MUNICIPALITY] = matcher.municipality.get(lead, "")
        cells[schema.P_PARTNERS] = schema.LIST_SEPARATOR.join(matched[1:])
        return
    shown = implementers[0] if implementers else reporting
    who = (shown.name or shown.ref) if shown is not None else "?"
    key = {
        "skip": "iati-skipped-no-association",
        "keep": "iati-kept-no-association",
    }.get(unmatched, "iati-no-association")
    if not matcher.by_id and unmatched == "report":
        key = "iati-no-associations-yet"
    at = next(
        (p for p in _children(element, "participating-org") if _role(p) == "4"),
        _child(element, "reporting-org"),
    )
    ref = f" ({shown.ref})" if shown is not None and shown.ref and shown.name else ""
    context.issue(key, at if at is not None else element, "participating-org", value=who, ref=ref)
    if unmatched == "keep":
        # Imported with the lead (and the lead's municipality) to fill in by a later file.
        context.activity.to_fill = LEFT_TO_FILL
    else:
        context.activity.drop = True


# -- places -----------------------------------------------------------------------------
def _percentage(element: Any) -> float | None:
    text = (element.get("percentage") or "").strip()
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _read_places(element: Any, context: _Context, unmatched: Unmatched) -> None:
    countries: list[tuple[str, float | None]] = []
    for item in _children(element, "recipient-country"):
        code = (item.get("code") or "").strip()
        try:
            countries.append((resolve.resolve_country(code), _percentage(item)))
        except ParseError:
            context.issue(
                "iati-unknown-code",
                item,
                "recipient-country/@code",
                value=code or "?",
                codelist="Country (ISO 3166-1)",
            )
    if not countries:
        _no_country(element, context, unmatched)
        return
    ranked = sorted(countries, key=lambda c: -(c[1] if c[1] is not None else 0))
    first = ranked[0][0]
    context.activity.cells[schema.P_COUNTRY] = first
    if len(ranked) > 1:
        _split_cell(element, context, ranked)
    territory = _territory(element, context, first)
    if territory:
        context.activity.cells[schema.P_TERRITORY] = territory


def _split_cell(element: Any, context: _Context, ranked: list[tuple[str, float | None]]) -> None:
    """The destination split of an activity in several countries: the file's percentages,
    or equal shares when it gives none, scaled to 100 when they add up to something else
    (each with a warning); a country named twice counts once, with its shares added."""
    given = [p for _, p in ranked if p is not None]
    at = _child(element, "recipient-country")
    written = ", ".join(f"{c} {p:g}%" if p is not None else c for c, p in ranked)
    shares: dict[str, float] = {}
    if len(given) < len(ranked) or sum(given) <= 0:
        for country, _ in ranked:
            shares[country] = shares.get(country, 0.0) + 100 / len(ranked)
        reason = "missing"
    else:
        total = sum(given)
        for country, percentage in ranked:
            shares[country] = shares.get(country, 0.0) + 100 * (percentage or 0.0) / total
        reason = "" if abs(total - 100) <= 1 else f"{total:g}"
    if len(shares) < 2:
        return  # one country written several times: nothing to share
    kept = schema.LIST_SEPARATOR.join(split_item(c, p) for c, p in shares.items())
    context.activity.cells[schema.P_SPLIT] = kept
    first = context.activity.cells[schema.P_COUNTRY]
    context.issue("iati-several-countries", at, "recipient-country", value=written, kept=first)
    if reason:
        key = "iati-split-no-percentages" if reason == "missing" else "iati-split-rescaled"
        context.issue(key, at, "recipient-country/@percentage", value=kept, total=reason)


def _no_country(element: Any, context: _Context, unmatched: Unmatched) -> None:
    regions = _children(element, "recipient-region")
    if regions:
        key = "iati-region-only" if unmatched == "report" else "iati-skipped-region-only"
        code = regions[0].get("code") or "?"
        context.issue(key, regions[0], "recipient-region", value=code)
    else:
        context.issue(
            "iati-missing-element", element, "recipient-country", element="recipient-country"
        )
    context.activity.drop = True


def _territory(element: Any, context: _Context, country: str) -> str:
    """The first location name the gazetteer knows in the destination country."""
    for location in _children(element, "location"):
        for name_element in _children(location, "name"):
            for _, text in _texts(name_element, context.default_lang):
                try:
                    return resolve.resolve_territory(text, [country])
                except ParseError:
                    continue
    return ""


# -- sectors and SDGs -------------------------------------------------------------------
def _read_sectors(element: Any, context: _Context) -> None:
    dac: list[tuple[str, float]] = []
    goals: list[str] = []
    targets: list[str] = []
    for item in _children(element, "sector"):
        vocabulary = (item.get("vocabulary") or "1").strip()
        vocabulary = _SECTOR_VOCABULARIES_V1.get(vocabulary, vocabulary)
        code = (item.get("code") or "").strip()
        where = "sector/@code"
        if vocabulary in ("1", "2"):
            if _known_dac(code, vocabulary):
                dac.append((code, _percentage(item) or 0.0))
            else:
                context.issue(
                    "iati-unknown-code", item, where, value=code or "?", codelist="OECD DAC"
                )
        elif vocabulary in ("7", "8", "9"):
            _sdg(
                code,
                {"7": "goal", "8": "target", "9": "indicator"}[vocabulary],
                item,
                where,
                context,
                goals,
                targets,
            )
    for tag in _children(element, "tag"):
        vocabulary = (tag.get("vocabulary") or "").strip()
        if vocabulary in ("2", "3"):
            kind = "goal" if vocabulary == "2" else "target"
            _sdg((tag.get("code") or "").strip(), kind, tag, "tag/@code", context, goals, targets)
    cells = context.activity.cells
    if dac:
        best = max(dac, key=lambda d: d[1])[0]
        cells[schema.P_DAC] = best
        theme = dac_sectors().get(best) or dac_sectors().get(best[:3], "")
        if theme:
            cells[schema.P_THEMES] = theme
    cells[schema.P_SDGS] = schema.LIST_SEPARATOR.join(dict.fromkeys(goals))
    cells[schema.P_TARGETS] = schema.LIST_SEPARATOR.join(dict.fromkeys(targets))


def _known_dac(code: str, vocabulary: str) -> bool:
    digits = 5 if vocabulary == "1" else 3
    return bool(re.fullmatch(rf"\d{{{digits}}}", code)) and code[:3] in dac_sectors()


def _sdg(
    code: str,
    kind: str,
    item: Any,
    where: str,
    context: _Context,
    goals: list[str],
    targets: list[str],
) -> None:
    text = code.lower()
    if kind == "indicator":
        # An indicator (4.4.1) counts for its target (4.4).
        text = ".".join(text.split(".")[:2])
        kind = "target"
    if kind == "goal" and text.isdigit() and int(text) in schema.SDG_GOALS:
        goals.append(str(int(text)))
        return
    if kind == "target" and text in resolve.sdg_targets():
        targets.append(text)
        return
    context.issue("iati-unknown-code", item, where, value=code or "?", codelist=f"SDG {kind}")


# -- dates ------------------------------------------------------------------------------
def _read_dates(element: Any, context: _Context) -> None:
    found: dict[str, str] = {}
    for item in _children(element, "activity-date"):
        kind = (item.get("type") or "").strip()
        kind = _DATE_TYPES_V1.get(kind, kind)
        text = (item.get("iso-date") or (item.text if context.version1 else "") or "").strip()
        if kind not in ("1", "2", "3", "4") or not text:
            continue
        date = _date(text)
        if date is None:
            context.issue("iati-bad-date", item, "activity-date/@iso-date", value=text)
            continue
        found.setdefault(kind, date.isoformat())
    cells = context.activity.cells
    # The actual date when there is one, else the planned one.
    cells[schema.P_START] = found.get("2") or found.get("1", "")
    cells[schema.P_END] = found.get("4") or found.get("3", "")


def _date(text: str) -> dt.date | None:
    m = _ISO_DATE.match(text)
    if m is None:
        return None
    try:
        date = dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return date if 1950 <= date.year <= 2100 else None


# -- money ------------------------------------------------------------------------------
def _value_in_eur(value: Any, context: _Context, date_element: Any) -> float | None:
    """A <value> element in EUR, or None (with an issue) when it cannot be read."""
    text = (value.text or "").strip()
    try:
        number = float(text.replace(" ", ""))
    except ValueError:
        context.issue("iati-bad-amount", value, "value", value=text or "?")
        return None
    currency = (value.get("currency") or context.default_currency).strip().upper()
    if not currency:
        context.issue("iati-no-currency", value, "value/@currency", value=text)
        return None
    when = _date((value.get("value-date") or "").strip())
    if when is None and date_element is not None:
        when = _date((date_element.get("iso-date") or "").strip())
    year = when.year if when is not None else dt.date.today().year
    eur = to_eur(number, currency, year)
    if eur is None:
        context.issue("iati-unknown-currency", value, "value/@currency", value=currency)
    return eur


def _add(total: float | None, amount: float | None) -> float | None:
    if amount is None:
        return total
    return amount if total is None else total + amount


def _budget_total(element: Any, context: _Context) -> float | None:
    budgets = _children(element, "budget")
    revised = [b for b in budgets if (b.get("type") or "1").strip() == "2"]
    total: float | None = None
    # Revised budgets replace the original ones when the file gives them.
    for budget in revised or budgets:
        value = _child(budget, "value")
        if value is not None:
            total = _add(total, _value_in_eur(value, context, _child(budget, "period-start")))
    return total


def _read_amounts(element: Any, context: _Context) -> None:
    amounts = context.activity.amounts
    amounts.budget = _budget_total(element, context)
    sums: dict[str, float | None] = {}
    for transaction in _children(element, "transaction"):
        type_element = _child(transaction, "transaction-type")
        code = (type_element.get("code") or "").strip() if type_element is not None else ""
        code = _TRANSACTIONS_V1.get(code, code)
        value = _child(transaction, "value")
        if code not in TRANSACTION_TYPES or value is None:
            continue
        eur = _value_in_eur(value, context, _child(transaction, "transaction-date"))
        sums[code] = _add(sums.get(code), eur)
    amounts.committed = sums.get("2") if sums.get("2") is not None else sums.get("11")
    amounts.disbursed = sums.get("3")
    amounts.spent = sums.get("4")
    amounts.incoming = sums.get("1")
    _amount_cells(element, context, amounts)


def _amount_cells(element: Any, context: _Context, amounts: Amounts) -> None:
    cells = context.activity.cells
    granted = amounts.committed
    if granted is None:
        # No commitment reported: what was paid out (or received) was at least granted.
        granted = amounts.disbursed if amounts.disbursed is not None else amounts.incoming
    if granted is not None:
        cells[schema.P_GRANTED] = _money(granted)
    if amounts.disbursed is not None:
        cells[schema.P_DISBURSED] = _money(amounts.disbursed)
    if amounts.spent is not None:
        cells[schema.P_SPENT] = _money(amounts.spent)
    budget = amounts.budget
    if budget is not None and granted is not None and budget < granted:
        context.issue(
            "iati-budget-below-commitment",
            _child(element, "budget"),
            "budget",
            value=_money(budget),
            other_value=_money(granted),
        )
    elif budget is not None:
        cells[schema.P_REQUESTED] = _money(budget)


def _money(value: float) -> str:
    # Two decimals and a point: loaders.normalise reads "12345.60" as 12345.6 (three
    # decimals would read as thousands).
    return f"{max(value, 0.0):.2f}"


def amounts_by_activity(data: bytes, name: str = "file.xml") -> Mapping[str, Amounts]:
    """Every activity's money in EUR (budget, committed, disbursed, spent, incoming), by
    identifier, as the file gives it (the projects table keeps granted, requested,
    disbursed and spent; incoming funds and the budget below commitments only here)."""
    root, _ = parse_safely(data, name)
    if root is None:
        return {}
    options = IatiOptions(unmatched="skip")
    matcher = AssociationMatcher(None)
    return {
        a.identifier: a.amounts
        for number, element in enumerate(_children(root, "iati-activity"), start=1)
        if (a := read_activity(element, number, name, options, matcher, root)).identifier
    }
