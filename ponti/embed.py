"""Ponti in a partner's web page: the embedded views, their URL, their iframe code, public mode.

An embedded view is chosen by its address, ``?embed=true&view=<view>&lang=it|en`` plus the
shared filters (``ponti.filters``' parameters) and the view's own choices, which carry the
same parameter names as on the view's full page (``bm_measure`` on the Bridges map,
``fu_measure`` on Funding), so "Open in Ponti" opens the same view there. ``city`` takes a
municipality's ISTAT code (``code=035033``), ``association`` an association's id
(``id=ASS-0034``).

Everything here is pure (no Streamlit): reading a request from query parameters, the
content of each view (title, headline figures, the chart or map from the pages' own
builders, a text summary, the link to the full view), the iframe snippet and the page
registry's public-mode rule. ``pages/embed.py`` lays the content out.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final, Literal
from urllib.parse import urlencode, urlsplit

import pandas as pd
import plotly.graph_objects as go

from ponti import filters as flt
from ponti import formats, i18n, schema
from ponti.charts import agenda as agenda_charts
from ponti.charts import bridges as bridges_charts
from ponti.charts import funding as funding_charts
from ponti.charts import twinnings as twinnings_charts
from ponti.charts.common import draws_nothing
from ponti.i18n import Lang, t, tn
from ponti.present import images
from ponti.transforms import Dataset
from ponti.transforms import agenda as agenda_tf
from ponti.transforms import associations as associations_tf
from ponti.transforms import bridges as bridges_tf
from ponti.transforms import funding as funding_tf
from ponti.transforms import municipality as municipality_tf
from ponti.transforms import overview as overview_tf
from ponti.transforms import twinnings as twinnings_tf

PUBLIC_ENV: Final = "PONTI_PUBLIC"  # "1": public mode (dashboard.py, serve.py)
EMBED_PARAM: Final = "embed"
VIEW_PARAM: Final = "view"
LANG_PARAM: Final = "lang"
CODE_PARAM: Final = "code"
ID_PARAM: Final = "id"
EMPTY_CHOICE: Final = "none"  # a multi-choice with nothing chosen (as the pages write it)
# A value read from the URL may be shown back ("no association has the id ..."): kept short.
MAX_VALUE_CHARS: Final = 64
TRUE_WORDS: Final = frozenset({"1", "true", "yes", "on"})

ViewCode = Literal["map", "sdg", "funding", "twinnings", "city", "association"]
VIEWS: Final[tuple[ViewCode, ...]] = ("map", "sdg", "funding", "twinnings", "city", "association")

# The maps' opening view is fitted to this size: a frame's width is unknown on the server,
# so the view is fitted to a narrow frame and stays whole in every frame from about 400 px
# (narrower frames crop its edges a little; the map pans and zooms).
MAP_SIZE: Final = (300, 420)
TOP_OPPORTUNITIES: Final = 5
# Widths the frames are tested at (heights are documented from 320 px as well).
WIDTHS: Final[tuple[int, ...]] = (390, 600, 1000)
FULL_WIDTH: Final = "100%"


# -- the views ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Choice:
    """One of a view's own choices: the codes offered and the default (a tuple when several
    codes may be chosen at once, as for the Bridges map's layers)."""

    options: tuple[str, ...]
    default: str | tuple[str, ...]

    @property
    def multi(self) -> bool:
        """Whether several codes may be chosen."""
        return isinstance(self.default, tuple)


@dataclass(frozen=True)
class ViewSpec:
    """One embeddable view: its full page in Ponti, what names its subject in the URL, its own
    choices (parameter -> Choice, named as on the full page) and the frame heights (px) that
    show all of it, by frame width."""

    page: str
    heights: Mapping[int, int]
    subject: str | None = None
    choices: Mapping[str, Choice] = field(default_factory=dict)


# Frame heights that show a whole view, by frame width (the height for the widest width not
# above the frame's): measured in headless Chromium on the demo data, the larger of Italian
# and English, plus 80 px (room for a line of filters), rounded up to 20; the browser tests
# check the views fit them. What a host page that does not listen to the height messages
# should give the frame. Narrow frames stack the legend under the map and wrap more text.
SPECS: Final[Mapping[str, ViewSpec]] = {
    "map": ViewSpec(
        page="bridges",
        heights={320: 2240, 390: 1960, 600: 1820, 1000: 1340},
        choices={
            "bm_measure": Choice(bridges_tf.MEASURES, "associations"),
            "bm_colour": Choice(bridges_tf.DIMENSIONS, "sdg"),
            "bm_view": Choice(bridges_tf.VIEWS, "world"),
            "bm_layers": Choice(bridges_tf.LAYERS, bridges_tf.LAYERS),
        },
    ),
    "sdg": ViewSpec(page="agenda", heights={320: 1700, 390: 1660, 600: 1580, 1000: 1400}),
    "funding": ViewSpec(
        page="funding",
        heights={320: 1240, 390: 1180, 600: 1060, 1000: 920},
        choices={"fu_measure": Choice(funding_tf.MEASURES, "count")},
    ),
    "twinnings": ViewSpec(page="twinnings", heights={320: 1780, 390: 1680, 600: 1540, 1000: 980}),
    "city": ViewSpec(
        page="municipality",
        subject=CODE_PARAM,
        heights={320: 1880, 390: 1720, 600: 1460, 1000: 1200},
    ),
    "association": ViewSpec(
        page="association", subject=ID_PARAM, heights={320: 1720, 390: 1540, 600: 1260, 1000: 960}
    ),
}
assert tuple(SPECS) == VIEWS


def frame_height(view: str, width: int | str) -> int:
    """The documented frame height of a view at a width (px; the widest for "100%")."""
    heights = SPECS[view].heights
    if not isinstance(width, int):
        return heights[max(heights)]
    fitting = [w for w in heights if w <= width]
    return heights[max(fitting)] if fitting else heights[min(heights)]


# -- the request -----------------------------------------------------------------------------------
Params = Mapping[str, Sequence[str]]


def _last(params: Params, key: str) -> str:
    values = params.get(key) or []
    return str(values[-1]).strip()[:MAX_VALUE_CHARS] if values else ""


def is_embed(params: Params) -> bool:
    """Whether the address asks for an embedded view (``embed=true``, as Streamlit reads it)."""
    return _last(params, EMBED_PARAM).lower() == "true"


def is_true(value: str | None) -> bool:
    """Whether a setting's text means yes (``1``, ``true``, ``yes``, ``on``)."""
    return (value or "").strip().lower() in TRUE_WORDS


@dataclass(frozen=True)
class EmbedRequest:
    """What an embed address asks for: the view (None when unknown), the view as written, the
    language, the view's own choices and its subject (a municipality code, an association id)."""

    view: ViewCode | None
    asked: str
    lang: Lang
    choices: Mapping[str, str | tuple[str, ...]] = field(default_factory=dict)
    subject: str | None = None


def _choice(values: Sequence[str], choice: Choice) -> str | tuple[str, ...]:
    if choice.multi:
        if list(values) == [EMPTY_CHOICE]:
            return ()
        picked = tuple(option for option in choice.options if option in set(values))
        return picked or choice.default
    last = values[-1] if values else ""
    return last if last in choice.options else choice.default


def parse_request(params: Params) -> EmbedRequest:
    """Read an embed address's query parameters; unknown codes fall back to the defaults."""
    asked = _last(params, VIEW_PARAM)
    view = next((code for code in VIEWS if code == asked.lower()), None)
    lang = i18n.normalise_lang(_last(params, LANG_PARAM))
    if view is None:
        return EmbedRequest(view=None, asked=asked, lang=lang)
    spec = SPECS[view]
    choices = {key: _choice(params.get(key, ()), choice) for key, choice in spec.choices.items()}
    subject = _last(params, spec.subject) or None if spec.subject else None
    return EmbedRequest(view=view, asked=asked, lang=lang, choices=choices, subject=subject)


def _choice_params(view: str, choices: Mapping[str, str | Sequence[str]]) -> dict[str, list[str]]:
    """The view's choices that differ from their defaults, as query parameters."""
    params: dict[str, list[str]] = {}
    for key, choice in SPECS[view].choices.items():
        value = choices.get(key, choice.default)
        if isinstance(value, str):
            if value != choice.default:
                params[key] = [value]
        elif tuple(value) != choice.default:
            params[key] = list(value) or [EMPTY_CHOICE]
    return params


# -- addresses and the iframe code -----------------------------------------------------------------
def embed_query(
    view: str,
    *,
    lang: Lang,
    filter_params: Mapping[str, Sequence[str]] | None = None,
    choices: Mapping[str, str | Sequence[str]] | None = None,
    subject: str | None = None,
) -> dict[str, list[str]]:
    """The query parameters of an embedded view, in the order a person reads them."""
    query: dict[str, list[str]] = {EMBED_PARAM: ["true"], VIEW_PARAM: [view], LANG_PARAM: [lang]}
    subject_param = SPECS[view].subject
    if subject_param and subject:
        query[subject_param] = [subject]
    query.update(_choice_params(view, choices or {}))
    query.update({key: list(values) for key, values in (filter_params or {}).items()})
    return query


def public_base(url: str | None) -> str:
    """Ponti's public address as configured (http or https, no query), else "" (relative)."""
    parts = urlsplit((url or "").strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def embed_src(base: str, query: Mapping[str, Sequence[str]]) -> str:
    """An embedded view's address: under the public address, or relative to the site's root."""
    return f"{public_base(base)}/?{urlencode(query, doseq=True)}"


def iframe_snippet(src: str, *, title: str, width: int | str, height: int) -> str:
    """The <iframe> a partner pastes into a page; every attribute is escaped."""
    attributes = {
        "src": src,
        "title": title,
        "width": str(width),
        "height": str(int(height)),
        "loading": "lazy",
        "style": "border:0;max-width:100%",
    }
    written = " ".join(
        f'{name}="{html.escape(value, quote=True)}"' for name, value in attributes.items()
    )
    return f"<iframe {written}></iframe>"


# In the embedded view: send the content's height to the hosting page whenever it changes
# (a ResizeObserver on Streamlit's main block). Installed once per page, however often
# Streamlit draws the element again; nothing is sent when the view is not in a frame.
HEIGHT_SCRIPT: Final = """<script>
(function () {
  if (window.__pontiHeight || window.parent === window) return;
  window.__pontiHeight = true;
  var last = 0;
  function send() {
    var block = document.querySelector('[data-testid="stMainBlockContainer"]');
    if (!block) return;
    var height = Math.ceil(block.getBoundingClientRect().bottom + window.scrollY);
    if (Math.abs(height - last) < 2) return;
    last = height;
    window.parent.postMessage({type: "ponti:height", height: height}, "*");
  }
  var observer = new ResizeObserver(send);
  (function watch() {
    var block = document.querySelector('[data-testid="stMainBlockContainer"]');
    if (block) { observer.observe(block); send(); } else { setTimeout(watch, 100); }
  })();
})();
</script>"""
HEIGHT_MESSAGE: Final = "ponti:height"
# For the host page: fit each Ponti frame to the height its view reports. Only a message that
# comes from one of the page's frames, with a number, changes that frame.
HOST_LISTENER: Final = """<script>
window.addEventListener("message", function (event) {
  var data = event.data;
  if (!data || data.type !== "ponti:height" || typeof data.height !== "number") return;
  document.querySelectorAll("iframe").forEach(function (frame) {
    if (frame.contentWindow === event.source) {
      frame.style.height = Math.ceil(data.height) + "px";
    }
  });
});
</script>"""


# -- public mode -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class PageEntry:
    """One page of the navigation: its file in pages/, catalogue title, icon and URL path.
    A staff page (data management, sign-in) is never registered in public mode, so its URL
    answers as an unknown page does."""

    file: str
    title_key: str
    icon: str
    url_path: str
    default: bool = False
    staff: bool = False


def registered_pages(pages: Iterable[PageEntry], *, public: bool) -> list[PageEntry]:
    """The pages to register: all of them, or in public mode only the public ones."""
    return [page for page in pages if not (public and page.staff)]


# -- the content of a view -------------------------------------------------------------------------
@dataclass(frozen=True)
class Headline:
    """One headline figure: its label and its value, already written in the language."""

    label: str
    value: str


@dataclass(frozen=True)
class Card:
    """One item of a list of cards (a twinning opportunity): a title and why, in words."""

    title: str
    text: str


@dataclass(frozen=True)
class EmbedView:
    """What an embedded view shows, from top to bottom; texts from data are plain text (the
    page escapes them). ``problem`` replaces the view when the address names nothing shown."""

    title: str
    link: str
    figures: tuple[Headline, ...] = ()
    filters: str = ""
    chart: go.Figure | None = None
    alt: str = ""
    legend: str = ""  # a map's legend, as escaped HTML (only maps have one)
    facts: tuple[str, ...] = ()
    cards_title: str = ""
    cards: tuple[Card, ...] = ()
    summary: str = ""
    notes: tuple[str, ...] = ()
    problem: str = ""


@dataclass(frozen=True)
class Source:
    """What the views are made from: the version's data, its filtered view, the filters and
    the opportunity pairs (a callable: only the city view needs them, and they are cached)."""

    data: Dataset
    view: Dataset
    filters: flt.Filters
    today: date = field(default_factory=date.today)
    pairs: Callable[[], pd.DataFrame] | None = None


def full_view_link(request: EmbedRequest, filters: flt.Filters) -> str:
    """The same view in Ponti, relative to the embed's own address: the full page with the
    language, the shared filters, the view's own choices and its subject."""
    if request.view is None:
        return "./?" + urlencode({LANG_PARAM: request.lang})
    spec = SPECS[request.view]
    query: dict[str, list[str]] = {LANG_PARAM: [request.lang]}
    if spec.subject and request.subject:
        query[spec.subject] = [request.subject]
    query.update(_choice_params(request.view, request.choices))
    query.update(flt.filters_to_params(filters))
    return f"{spec.page}?{urlencode(query, doseq=True)}"


def _origins(filters: flt.Filters) -> set[str] | None:
    return flt.origin_countries(filters.origin) if filters.origin else None


def _filters_text(filters: flt.Filters, lang: Lang) -> str:
    described = flt.describe_filters(filters, lang)
    if not described:
        return ""
    return t("embed.filters", lang, filters="; ".join(f"{k}: {v}" for k, v in described))


def _number(value: object, lang: Lang) -> str:
    return formats.format_number(value, lang)


def _short_eur(value: object, lang: Lang) -> str:
    # The label says EUR, so the value stays short enough for a narrow box.
    return formats.format_number_short(value, lang)


def _frame_wide(map_figure: go.Figure) -> go.Figure:
    """A map as wide as the frame's column (fitted to the narrowest frame, MAP_SIZE, it fills
    wider ones: plotly widens its range east and west), as tall as MAP_SIZE."""
    return map_figure.update_layout(width=None, autosize=True)


def _map_content(request: EmbedRequest, source: Source, link: str) -> EmbedView:
    lang, view, choices = request.lang, source.view, request.choices
    measure, dimension = str(choices["bm_measure"]), str(choices["bm_colour"])
    if dimension not in bridges_tf.MEASURE_DIMENSIONS[measure]:
        dimension = "sdg"  # as on the Bridges page: association links are coloured by goal
    shown = choices["bm_layers"]
    origins = _origins(source.filters)
    layers = bridges_charts.MapLayers(
        links=bridges_tf.link_arcs(view, measure, dimension, origins) if "links" in shown else None,
        twinnings=bridges_tf.twinning_arcs(view.twinnings) if "twinnings" in shown else None,
        points=bridges_tf.association_points(view.associations)
        if "associations" in shown
        else None,
        extent=bridges_tf.map_extent(view, origins),
    )
    encoding: dict[str, Any] = {"measure": measure, "dimension": dimension, "lang": lang}
    headline = overview_tf.summarise_headline(view, origins)
    chart = None
    if not layers.draws_nothing():
        chart = _frame_wide(
            images.bridges_map_figure(
                layers, view=str(choices["bm_view"]), size=MAP_SIZE, legend=False, **encoding
            )
        )
    return EmbedView(
        title=t("embed.title.map", lang),
        link=link,
        figures=(
            Headline(t("metric.associations", lang), _number(headline.associations, lang)),
            Headline(t("metric.municipalities", lang), _number(headline.municipalities, lang)),
            Headline(t("metric.origin_countries", lang), _number(headline.origin_countries, lang)),
            Headline(t("metric.twinnings", lang), _number(headline.twinnings, lang)),
        ),
        filters=_filters_text(source.filters, lang),
        chart=chart,
        alt=t("bridges.map.alt", lang),
        legend=bridges_charts.legend_html(bridges_charts.legend_sections(layers, **encoding)),
        summary=bridges_charts.describe_map(layers, **encoding),
        notes=(t("counting.rule", lang),),
    )


def _sdg_content(request: EmbedRequest, source: Source, link: str) -> EmbedView:
    lang, view = request.lang, source.view
    summary = agenda_tf.summarise_goals(view, lang)
    top, empty = agenda_tf.grid_highlights(summary)
    covered = int((summary[agenda_tf.PROJECTS] > 0).sum())
    return EmbedView(
        title=t("embed.title.sdg", lang),
        link=link,
        figures=(
            Headline(t("metric.sdgs", lang), t("metric.sdgs.value", lang, covered=covered)),
            Headline(t("metric.projects", lang), _number(len(view.projects), lang)),
            Headline(t("metric.associations", lang), _number(len(view.associations), lang)),
            Headline(
                t("metric.granted", lang),
                _short_eur(view.projects[schema.P_GRANTED].sum(), lang),
            ),
        ),
        filters=_filters_text(source.filters, lang),
        chart=agenda_charts.goals_grid(summary, lang=lang),
        alt=t("agenda.grid.title", lang),
        summary=t(
            "embed.sdg.summary",
            lang,
            projects=tn("count.projects", len(view.projects), lang),
            associations=tn("count.associations", len(view.associations), lang),
            top=", ".join(f"SDG {goal}" for goal in top) or "–",
            none=", ".join(f"SDG {goal}" for goal in empty) or "–",
        ),
    )


def _funding_content(request: EmbedRequest, source: Source, link: str) -> EmbedView:
    lang, projects = request.lang, source.view.projects
    measure: funding_tf.Measure = "eur" if request.choices["fu_measure"] == "eur" else "count"
    funnel = funding_tf.count_projects_reaching_stage(projects, lang)
    reached = dict(zip(funnel["stage"], funnel["reached"], strict=True))
    chart = funding_charts.projects_reaching_stage_funnel(funnel, lang=lang, measure=measure)
    return EmbedView(
        title=t("embed.title.funding", lang),
        link=link,
        figures=(
            Headline(t("metric.projects", lang), _number(len(projects), lang)),
            Headline(t("embed.metric.submitted", lang), _number(reached["submitted"], lang)),
            Headline(t("embed.metric.approved", lang), _number(reached["approved"], lang)),
            Headline(t("embed.metric.completed", lang), _number(reached["completed"], lang)),
        ),
        filters=_filters_text(source.filters, lang),
        chart=None if draws_nothing(chart) else chart,
        alt=t("funding.funnel.title", lang),
        summary=t(
            "funding.funnel.summary",
            lang,
            projects=tn("count.projects", len(projects), lang),
            submitted=tn("funding.count.submitted", reached["submitted"], lang),
            approved=tn("funding.count.approved", reached["approved"], lang),
            completed=tn("funding.count.completed", reached["completed"], lang),
        ),
    )


def _twinnings_content(request: EmbedRequest, source: Source, link: str) -> EmbedView:
    lang, twinnings = request.lang, source.view.twinnings
    arcs = twinnings_tf.twinning_arcs(twinnings)
    chart = None
    if not arcs.empty:
        chart = _frame_wide(
            images.twinnings_map_figure(arcs, lang=lang, size=MAP_SIZE, legend=False)
        )
    statuses = twinnings[schema.T_STATUS]
    return EmbedView(
        title=t("embed.title.twinnings", lang),
        link=link,
        figures=(
            Headline(t("metric.twinnings", lang), _number(len(twinnings), lang)),
            Headline(
                t("metric.municipalities", lang),
                _number(twinnings[schema.T_MUNICIPALITY].nunique(), lang),
            ),
            Headline(
                t("embed.metric.partner_countries", lang),
                _number(twinnings[schema.T_PARTNER_COUNTRY].nunique(), lang),
            ),
            Headline(t("embed.metric.dormant", lang), _number((statuses == "dormant").sum(), lang)),
        ),
        filters=_filters_text(source.filters, lang),
        chart=chart,
        alt=t("twinnings.map.alt", lang),
        legend=twinnings_charts.legend_html(twinnings_charts.legend_sections(arcs, lang=lang)),
        summary=twinnings_charts.describe_map(arcs, lang=lang),
    )


def _problem(request: EmbedRequest, link: str, message: str) -> EmbedView:
    return EmbedView(title=t("embed.title.unknown", request.lang), link=link, problem=message)


def _city_content(request: EmbedRequest, source: Source, link: str) -> EmbedView:
    lang = request.lang
    code = request.subject
    if code is None and len(source.filters.municipality) == 1:
        code = source.filters.municipality[0]  # as on the Municipality page
    if code is None:
        return _problem(request, link, t("embed.missing.city", lang))
    place = municipality_tf.place_of(code)
    if place is None:
        return _problem(request, link, t("embed.unknown.city", lang, code=code))
    origins = _origins(source.filters)
    profile = municipality_tf.profile_data(source.data, place.code, source.filters.origin)
    counts = municipality_tf.summarise_profile(profile)
    pairs = source.pairs() if source.pairs is not None else pd.DataFrame()
    cards: tuple[Card, ...] = ()
    if not pairs.empty:
        found = twinnings_tf.opportunities_for(twinnings_tf.from_origins(pairs, origins), code)
        described = twinnings_tf.describe_opportunities(found.head(TOP_OPPORTUNITIES), lang)
        cards = tuple(
            Card(
                title=f"{row.place} · {formats.format_number(row.score, lang, 1)}",
                text=str(row.why),
            )
            for row in described.itertuples(index=False)
        )
    granted = t("municipality.granted", lang, eur=formats.format_money(counts.granted_eur, lang))
    return EmbedView(
        title=t("embed.title.city", lang, name=place.name),
        link=link,
        figures=(
            Headline(t("metric.associations", lang), _number(counts.associations, lang)),
            Headline(t("metric.projects", lang), _number(counts.projects, lang)),
            Headline(t("metric.twinnings", lang), _number(counts.twinnings, lang)),
            Headline(t("metric.granted", lang), _short_eur(counts.granted_eur, lang)),
        ),
        filters=_filters_text(flt.Filters(origin=source.filters.origin), lang),
        facts=(t("municipality.place", lang, province=place.province, region=place.region),),
        cards_title=t("municipality.opportunities.title", lang),
        cards=cards,
        summary=t(
            "embed.city.summary",
            lang,
            name=place.name,
            province=place.province,
            region=place.region,
            associations=tn("count.associations", counts.associations, lang),
            projects=tn("count.projects", counts.projects, lang),
            twinnings=tn("count.twinnings", counts.twinnings, lang),
            communities=tn("municipality.count.communities", counts.communities, lang),
            granted=granted,
            top=", ".join(card.title.split(" · ")[0] for card in cards[:3]) or "–",
        ),
        notes=() if cards else (t("twinnings.opportunities.none", lang),),
    )


def _association_content(request: EmbedRequest, source: Source, link: str) -> EmbedView:
    lang, data = request.lang, source.data
    if request.subject is None:
        return _problem(request, link, t("embed.missing.association", lang))
    association = associations_tf.find_association(data.associations, request.subject)
    if association is None:
        return _problem(request, link, t("embed.unknown.association", lang, id=request.subject))
    facts = associations_tf.facts_of(association)
    roles = associations_tf.count_roles(associations_tf.projects_of(data.projects, request.subject))
    none = t("association.goals.none", lang)
    goals = associations_tf.goals_text(association, lang) or none
    themes = associations_tf.themes_text(association, lang) or none
    origin_rows = associations_tf.origins_of(association, lang)
    origins = "; ".join(
        country + (f" ({', '.join(names)})" if names else "") if country else ", ".join(names)
        for country, names in origin_rows
    )
    place = associations_tf.municipality_name(facts.municipality)
    granted = formats.format_money(roles.granted_led, lang)
    return EmbedView(
        title=t("embed.title.association", lang, name=facts.name),
        link=link,
        figures=(
            Headline(t("embed.metric.led", lang), _number(roles.led, lang)),
            Headline(t("embed.metric.partnered", lang), _number(roles.partnered, lang)),
            Headline(t("embed.metric.granted_led", lang), _short_eur(roles.granted_led, lang)),
            Headline(
                t("metric.origin_countries", lang),
                _number(sum(1 for country, _ in origin_rows if country), lang),
            ),
        ),
        facts=(
            t("embed.association.place", lang, place=place),
            *(f"{label}: {value}" for label, value in associations_tf.describe_facts(facts, lang)),
            t("embed.association.origins", lang, origins=origins or "–"),
            t("embed.association.goals", lang, goals=goals),
            t("embed.association.themes", lang, themes=themes),
        ),
        summary=t(
            "embed.association.summary",
            lang,
            name=facts.name,
            place=place,
            led=tn("association.count.led", roles.led, lang),
            partnered=tn("association.count.partnered", roles.partnered, lang),
            granted=t("association.granted", lang, eur=granted),
            goals=goals,
            themes=themes,
        ),
    )


_BUILDERS: Final[dict[str, Callable[[EmbedRequest, Source, str], EmbedView]]] = {
    "map": _map_content,
    "sdg": _sdg_content,
    "funding": _funding_content,
    "twinnings": _twinnings_content,
    "city": _city_content,
    "association": _association_content,
}


def build_view(request: EmbedRequest, source: Source) -> EmbedView:
    """The content of the view the request names (or a polite note when there is none)."""
    link = full_view_link(request, source.filters)
    if request.view is None:
        views = ", ".join(VIEWS)
        message = (
            t("embed.unknown_view", request.lang, view=request.asked, views=views)
            if request.asked
            else t("embed.no_view", request.lang, views=views)
        )
        return _problem(request, link, message)
    return _BUILDERS[request.view](request, source, link)
