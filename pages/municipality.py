"""Municipality: the profile of one Italian municipality (its associations, its province's
communities, its projects and funders, its twinnings and twinning opportunities).

The municipality is the URL parameter ``code`` (ISTAT code); without one, a choice among the
municipalities with associations. A single municipality chosen in the shared filters wins.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

import widgets
from ponti import filters as flt
from ponti import formats
from ponti.charts import bridges as bridge_charts
from ponti.charts import map_figures
from ponti.charts import municipality as charts
from ponti.charts.common import BLANK_STYLE
from ponti.i18n import Lang, t, tn
from ponti.present import images
from ponti.transforms import Dataset
from ponti.transforms import bridges as bridges_transforms
from ponti.transforms import municipality as transforms
from ponti.transforms import twinnings as tw

CODE_PARAM = "code"
CHOICE_KEY = "mu_choice"  # the selectbox
PICKED_KEY = "mu_picked"  # what the user just chose, handed from the callback to the run
# A small map (the Bridges page has the large one): about the main column's width on a laptop.
MAP_SIZE = (900, 380)


def _on_choose() -> None:
    st.session_state[PICKED_KEY] = st.session_state.get(CHOICE_KEY) or ""


# A profile depends on the version, the municipality and the origin filter alone: its parts are
# computed once and shared by every session (widgets.per_version).
def _profile(data: Dataset, code: str, origin: tuple[str, ...]) -> Dataset:
    return transforms.profile_data(data, code, origin)


def _sections(
    data: Dataset, code: str, origin: tuple[str, ...], lang: Lang, map_style: str
) -> dict[str, Any]:
    """Every table, chart and map of one profile (the map None when it draws nothing: an SVG
    figure, or the deck.gl map over an internet basemap, whose tiles need WebGL)."""
    profile = widgets.per_version(context, _profile, code, origin)
    origins = flt.origin_countries(origin) if origin else None
    layers = bridge_charts.MapLayers(
        links=bridges_transforms.link_arcs(profile, "associations", "sdg", origins),
        twinnings=bridges_transforms.twinning_arcs(profile.twinnings),
        points=bridges_transforms.association_points(profile.associations),
        extent=bridges_transforms.map_extent(profile, origins),
    )
    deck: Any = None
    if not layers.draws_nothing() and map_style == BLANK_STYLE:
        deck = map_figures.bridges_map_figure(
            layers, view="world", lang=lang, size=MAP_SIZE, legend=False, autosize=True
        )
    elif not layers.draws_nothing():
        deck = bridge_charts.bridges_deck(
            layers,
            measure="associations",
            dimension="sdg",
            lang=lang,
            map_style=map_style,
            size=MAP_SIZE,
        )
    found: dict[str, Any] = {
        "summary": transforms.summarise_profile(profile),
        "layers": layers,
        "deck": deck,
        "associations": transforms.associations_table(profile.associations, lang),
        "years": transforms.residents_years(profile.residents),
    }
    if found["years"] is not None:
        trend = transforms.communities_trend(profile.residents, lang)
        found["communities"] = transforms.communities_table(profile.residents, lang)
        found["trend"] = trend
        found["trend_chart"] = charts.residents_by_year_line(trend, lang=lang)
    if not profile.projects.empty:
        found["by_stage"] = transforms.projects_by_stage(profile.projects)
        found["projects"] = transforms.projects_table(profile.projects, lang)
        found["funders"] = transforms.funders_table(profile.projects, lang)
    if not profile.twinnings.empty:
        found["twinnings"] = tw.twinnings_table(profile.twinnings, lang)
    return found


context = widgets.page_context()
lang = context.lang
origins = flt.origin_countries(context.filters.origin) if context.filters.origin else None
cities = tw.municipalities_with_associations(context.data.associations)

# -- which municipality ----------------------------------------------------------------------
code = widgets.page_param(CODE_PARAM)
if PICKED_KEY in st.session_state:
    code = st.session_state.pop(PICKED_KEY) or None
if len(context.filters.municipality) == 1:
    code = context.filters.municipality[0]
    from_filter = True
else:
    from_filter = False
    if code is None and cities:
        code = next(iter(cities))
widgets.keep_page_param(CODE_PARAM, code)
place = transforms.place_of(code) if code else None

if place is None:
    st.title(t("municipality.title", lang))
else:
    st.title(t("municipality.title.name", lang, name=place.name))
st.caption(t("municipality.intro", lang))

if from_filter and place is not None:
    st.caption(t("municipality.from_filter", lang, name=flt.municipality_name(place.code, lang)))
elif cities:
    options = list(cities)
    if place is not None and place.code not in cities:
        options.append(place.code)
    if code in options:
        st.session_state[CHOICE_KEY] = code
    st.selectbox(
        t("municipality.choose", lang),
        options=options,
        format_func=lambda option: flt.municipality_name(option, lang),
        key=CHOICE_KEY,
        on_change=_on_choose,
    )

if code and place is None:
    st.warning(t("municipality.unknown", lang, code=code))


def _show_profile(place: transforms.Place) -> None:
    """Every section of one municipality's profile."""
    profile = widgets.per_version(context, _profile, place.code, context.filters.origin)
    parts = widgets.per_version(
        context, _sections, place.code, context.filters.origin, lang, context.map_style
    )
    summary = parts["summary"]

    # -- headline --------------------------------------------------------------------------------
    st.markdown(
        "**"
        + t("municipality.place", lang, province=place.province, region=place.region)
        + "** · "
        + " · ".join(
            [
                tn("count.associations", summary.associations, lang),
                tn("count.projects", summary.projects, lang),
                tn("count.twinnings", summary.twinnings, lang),
                tn("municipality.count.communities", summary.communities, lang),
                t(
                    "municipality.granted",
                    lang,
                    eur=formats.format_money(summary.granted_eur, lang),
                ),
            ]
        )
    )

    # -- its bridges on a small map -------------------------------------------------------------
    st.subheader(t("municipality.map.title", lang))
    layers = parts["layers"]
    if parts["deck"] is None:
        st.info(t("chart.empty", lang))
    else:
        # A drag pans; no wheel zoom: in this long page the wheel scrolls the page.
        widgets.map_chart(
            context,
            parts["deck"],
            height=MAP_SIZE[1],
            alt=t("municipality.map.alt", lang),
            wheel=False,
        )
        widgets.figure_tools(
            context,
            title=t("municipality.map.image", lang, name=place.name),
            stem=f"ponti-municipality-{place.code}-map",
            figure=lambda: images.bridges_map_figure(layers, view="world", lang=lang),
            svg=False,
        )
        st.caption(t("municipality.map.caption", lang))
    widgets.link_to_page(
        "bridges",
        t("municipality.to_bridges", lang, name=place.name),
        context,
        icon=":material/conversion_path:",
        municipality=place.code,
    )

    # -- its associations ------------------------------------------------------------------------
    st.subheader(t("municipality.associations.title", lang))
    if profile.associations.empty:
        st.info(t("municipality.associations.none", lang))
    else:
        widgets.chart_data(
            parts["associations"],
            context,
            stem=f"ponti-municipality-{place.code}-associations",
            label_key="municipality.associations.title",
            expanded=True,
        )

    # -- its communities (the province's) --------------------------------------------------------
    st.subheader(t("municipality.communities.title", lang))
    years = parts["years"]
    if years is None:
        st.info(t("municipality.communities.none", lang))
    else:
        st.caption(
            t(
                "municipality.communities.intro",
                lang,
                province=place.province,
                first=years[0],
                last=years[1],
            )
        )
        widgets.chart_data(
            parts["communities"],
            context,
            stem=f"ponti-municipality-{place.code}-communities",
            label_key="municipality.communities.table",
            expanded=True,
        )
        trend = parts["trend"]
        st.markdown(f"**{t('municipality.trend.title', lang)}**")
        widgets.plotly_chart(
            parts["trend_chart"],
            context,
            title=t("municipality.trend.image", lang, name=place.name),
            stem=f"ponti-municipality-{place.code}-communities-trend",
            alt=t("municipality.trend.alt", lang),
        )
        widgets.chart_data(
            trend,
            context,
            stem=f"ponti-municipality-{place.code}-communities-trend",
            label_key="municipality.trend.table",
        )

    # -- its projects ----------------------------------------------------------------------------
    st.subheader(t("municipality.projects.title", lang))
    if profile.projects.empty:
        st.info(t("municipality.projects.none", lang))
    else:
        st.markdown(f"**{t('municipality.projects.stage', lang)}**")
        widgets.public_dataframe(parts["by_stage"], context)
        widgets.chart_data(
            parts["projects"],
            context,
            stem=f"ponti-municipality-{place.code}-projects",
            label_key="municipality.projects.table",
            expanded=True,
        )

    # -- its twinnings ---------------------------------------------------------------------------
    st.subheader(t("municipality.twinnings.title", lang))
    if profile.twinnings.empty:
        st.info(t("municipality.twinnings.none", lang))
    else:
        widgets.public_dataframe(
            parts["twinnings"],
            context,
            columns=["partner", "country", "territory", "type", "status", "year", "community"],
        )

    # -- its twinning opportunities --------------------------------------------------------------
    st.subheader(t("municipality.opportunities.title", lang))
    st.caption(t("twinnings.opportunities.intro", lang))
    pairs = tw.from_origins(widgets.opportunity_pairs(context), origins)
    widgets.opportunity_weights(lang)
    widgets.opportunity_list(
        pairs, place.code, context, stem=f"ponti-municipality-{place.code}-opportunities"
    )
    widgets.link_to_page(
        "twinnings",
        t("municipality.to_twinnings", lang, name=place.name),
        context,
        icon=":material/handshake:",
        tw_city=place.code,
    )

    # -- its funders -----------------------------------------------------------------------------
    st.subheader(t("municipality.funders.title", lang))
    if profile.projects.empty:
        st.info(t("municipality.funders.none", lang))
    else:
        widgets.chart_data(
            parts["funders"],
            context,
            stem=f"ponti-municipality-{place.code}-funders",
            label_key="municipality.funders.title",
            expanded=True,
        )


if place is not None:
    _show_profile(place)
elif not cities:
    st.info(t("municipality.none", lang))
