"""Association: the profile of one diaspora association. Who they are, where they come from
and where they are based (a small map), their goals and themes, their projects and partners,
their municipality's twinnings with their places of origin, the funders of work like theirs
and the open calls that fit them. Contact details (contact person, email, phone) are read,
through ``privacy.read_contacts``, only in a signed-in staff session (see pages/data.py and
ponti/auth.py), and shown there alone, in their own section.

The association is the URL parameter ``id`` (its association_id); without one, a choice
among all associations, starting from the one with the most projects.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

import widgets
from ponti import formats, privacy, schema
from ponti.charts import associations as charts
from ponti.i18n import Lang, t, tn
from ponti.templates import column_label
from ponti.transforms import Dataset
from ponti.transforms import associations as transforms
from ponti.transforms import municipality as places
from ponti.transforms import twinnings as tw

ID_PARAM = "id"
CHOICE_KEY = "as_choice"  # the selectbox
PICKED_KEY = "as_picked"  # what the user just chose, handed from the callback to the run
TOP = 5  # leads and calls shown as cards (all of them in the tables)


def _on_choose() -> None:
    st.session_state[PICKED_KEY] = st.session_state.get(CHOICE_KEY) or ""


# An association's tables depend on the version and the association alone (the shared filters
# do not apply on this page): computed once and shared by every session (widgets.per_version).
def _own(data: Dataset, association_id: str) -> pd.DataFrame:
    return transforms.projects_of(data.projects, association_id)


def _projects_table(data: Dataset, association_id: str, lang: Lang) -> pd.DataFrame:
    own = widgets.per_version(context, _own, association_id)
    return transforms.projects_table(own, data.associations, lang)


def _partners(data: Dataset, association_id: str, lang: Lang) -> pd.DataFrame:
    return transforms.partners_of(data.projects, data.associations, association_id, lang)


def _funding_leads(
    data: Dataset, association_id: str, lang: Lang
) -> tuple[transforms.Interests, pd.DataFrame, pd.DataFrame]:
    """What it works on, the funders of work like it (best first) and the same for people."""
    association = transforms.find_association(data.associations, association_id)
    assert association is not None  # the page asks only for associations it found
    own = widgets.per_version(context, _own, association_id)
    interests = transforms.interests_of(association, own)
    leads = transforms.funding_leads(data.projects, association_id, interests, lang)
    return interests, leads, transforms.describe_leads(leads, lang)


context = widgets.page_context()
lang, data = context.lang, context.data
choices, busiest = widgets.association_choices(context)

# -- which association ---------------------------------------------------------------------------
association_id = widgets.page_param(ID_PARAM)
if PICKED_KEY in st.session_state:
    association_id = st.session_state.pop(PICKED_KEY) or None
if association_id is None:
    association_id = busiest
widgets.keep_page_param(ID_PARAM, association_id)
association = transforms.find_association(data.associations, association_id)

if association is None:
    st.title(t("association.title", lang))
else:
    name = formats.escape_markdown(transforms.facts_of(association).name)
    st.title(t("association.title.name", lang, name=name))
st.caption(t("association.intro", lang))

if choices:
    if association_id in choices:
        st.session_state[CHOICE_KEY] = association_id
    st.selectbox(
        t("association.choose", lang),
        options=list(choices),
        format_func=lambda option: choices.get(option, option),
        key=CHOICE_KEY,
        on_change=_on_choose,
    )
if association_id and association is None:
    st.warning(t("association.unknown", lang, id=formats.escape_markdown(association_id)))
widgets.link_to_page(
    "associations", t("association.to_directory", lang), context, icon=":material/groups:"
)


def _cards(cards: list[transforms.Card], flag_key: str, icon: str) -> None:
    """Leads or calls as bordered cards; text from data escaped for markdown."""
    for card in cards:
        with st.container(border=True):
            st.markdown(f"**{formats.escape_markdown(card.title)}**")
            if card.who:
                st.caption(formats.escape_markdown(card.who))
            if card.flag:
                st.badge(t(flag_key, lang), icon=icon, color="green")
            st.markdown(formats.escape_markdown(card.why))
            st.caption(formats.escape_markdown(card.figures))
            if card.url:
                st.link_button(
                    t("association.call.open", lang), card.url, icon=":material/open_in_new:"
                )


def _who(association: pd.Series) -> transforms.Facts:
    """Who they are, where they come from, where they are based, their goals and themes."""
    facts = transforms.facts_of(association)
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader(t("association.who.title", lang))
        st.markdown(
            "\n".join(
                f"- **{label}**: {formats.escape_markdown(value)}"
                for label, value in transforms.describe_facts(facts, lang)
            )
        )
        if facts.website:
            host = formats.escape_markdown(transforms.website_host(facts.website))
            st.link_button(
                t("association.website", lang, host=host),
                facts.website,
                icon=":material/open_in_new:",
            )
        st.subheader(t("association.origins.title", lang))
        elsewhere = t("association.origins.elsewhere", lang)
        st.markdown(
            "\n".join(
                f"- **{formats.escape_markdown(country or elsewhere)}**"
                + (f": {formats.escape_markdown(', '.join(names))}" if names else "")
                for country, names in transforms.origins_of(association, lang)
            )
        )
        st.subheader(t("association.goals.title", lang))
        none = t("association.goals.none", lang)
        goals = transforms.goals_text(association, lang) or none
        themes = transforms.themes_text(association, lang) or none
        st.markdown(
            f"- **{t('association.goals.label', lang)}**: {formats.escape_markdown(goals)}\n"
            f"- **{t('association.themes.label', lang)}**: {formats.escape_markdown(themes)}"
        )
    with right:
        st.subheader(t("association.place.title", lang))
        place = places.place_of(facts.municipality)
        if place is not None:
            st.markdown(
                t(
                    "association.place",
                    lang,
                    name=place.name,
                    province=place.province,
                    region=place.region,
                )
            )
        st.pydeck_chart(
            charts.municipality_deck(
                transforms.municipality_point(facts.municipality), map_style=context.map_style
            ),
            height=charts.MAP_SIZE[1],
            alt=t("association.map.alt", lang),
        )
        if place is not None:
            widgets.link_to_page(
                "municipality",
                t("municipality.link", lang, name=place.name),
                context,
                icon=":material/location_city:",
                code=place.code,
            )
    return facts


def _contacts(association_id: str) -> None:
    """Staff only: the contact person, email and phone, read only in a signed-in staff
    session and only through privacy.read_contacts."""
    if widgets.staff_user() is None:
        return
    version = context.version.version_id if context.version is not None else None
    contacts = privacy.read_contacts(widgets.get_store(), version)
    found = contacts[contacts[schema.A_ID] == association_id]
    st.subheader(t("data.contacts.title", lang))
    st.caption(t("data.contacts.intro", lang))
    values = found.iloc[0].to_dict() if not found.empty else {}
    lines = [
        f"- **{column_label(schema.ASSOCIATIONS, column.name, lang)}**: "
        + formats.escape_markdown(str(values[column.name]))
        for column in schema.COLUMNS[schema.ASSOCIATIONS]
        # A missing value is NA, not text.
        if column.private
        and isinstance(values.get(column.name), str)
        and values[column.name].strip()
    ]
    if lines:
        st.markdown("\n".join(lines))
    else:
        st.info(t("data.contacts.none", lang))


def _projects(association_id: str, own: pd.DataFrame) -> None:
    """The projects it leads or partners, and the associations it shares them with."""
    stem = f"ponti-association-{transforms.file_stem(association_id)}"
    st.subheader(t("association.projects.title", lang))
    if own.empty:
        st.info(t("association.projects.none", lang))
    else:
        roles = transforms.count_roles(own)
        granted = formats.format_money(roles.granted_led, lang)
        st.markdown(
            " · ".join(
                [
                    tn("association.count.led", roles.led, lang),
                    tn("association.count.partnered", roles.partnered, lang),
                    t("association.granted", lang, eur=granted),
                ]
            )
        )
        widgets.chart_data(
            widgets.per_version(context, _projects_table, association_id, lang),
            context,
            stem=f"{stem}-projects",
            label_key="association.projects.table",
            expanded=True,
        )

    st.subheader(t("association.partners.title", lang))
    partners = widgets.per_version(context, _partners, association_id, lang)
    if partners.empty:
        st.info(t("association.partners.none", lang))
    else:
        st.caption(t("association.partners.intro", lang))
        widgets.chart_data(
            partners,
            context,
            stem=f"{stem}-partners",
            label_key="association.partners.title",
            expanded=True,
        )


def _twinnings(association: pd.Series, facts: transforms.Facts) -> None:
    """The agreements of its municipality with its places of origin."""
    st.subheader(t("association.twinnings.title", lang))
    agreements = transforms.twinnings_of(data.twinnings, association)
    if agreements.empty:
        st.info(t("association.twinnings.none", lang))
        return
    name = transforms.municipality_name(facts.municipality)
    st.caption(t("association.twinnings.intro", lang, name=name))
    widgets.public_dataframe(
        tw.twinnings_table(agreements, lang),
        context,
        columns=["partner", "country", "territory", "type", "status", "year", "community"],
    )


def _leads(association_id: str, association: pd.Series) -> None:
    """Funders of work like theirs, and the open calls that fit them."""
    stem = f"ponti-association-{transforms.file_stem(association_id)}"
    st.subheader(t("association.leads.title", lang))
    st.caption(t("association.leads.intro", lang))
    interests, leads, described = widgets.per_version(context, _funding_leads, association_id, lang)
    st.caption(formats.escape_markdown(transforms.describe_interests(interests, lang)))
    if leads.empty:
        st.info(t("association.leads.none", lang))
    else:
        _cards(
            transforms.lead_cards(leads.head(TOP), lang),
            "association.leads.own",
            ":material/check:",
        )
        widgets.chart_data(
            described,
            context,
            stem=f"{stem}-funders",
            label_key="association.leads.table",
        )

    st.subheader(t("association.calls.title", lang))
    st.caption(t("association.calls.intro", lang))
    fitting = transforms.fitting_calls(data.calls, association, date.today())
    if fitting.empty:
        st.info(t("association.calls.none", lang))
    else:
        _cards(
            transforms.call_cards(fitting.head(TOP), lang),
            "association.call.network",
            ":material/hub:",
        )
        widgets.chart_data(
            transforms.describe_calls(fitting, lang),
            context,
            stem=f"{stem}-calls",
            label_key="association.calls.table",
        )


if association is not None:
    chosen_id = str(association_id)
    own_projects = widgets.per_version(context, _own, chosen_id)
    chosen_facts = _who(association)
    _contacts(chosen_id)
    _projects(chosen_id, own_projects)
    _twinnings(association, chosen_facts)
    _leads(chosen_id, association)
elif not choices:
    st.info(t("association.empty", lang))
