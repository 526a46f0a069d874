"""The UI layer's shared pieces: settings, cached reads, the language switch, the filter bar,
the address bar, the demo notice and the provenance line. Pages import from here; nothing
below ``ponti/`` or ``loaders/`` imports Streamlit.
"""

from __future__ import annotations

import functools
import os
import re
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeGuard, TypeVar
from urllib.parse import parse_qs, quote_plus, urlencode

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

import loaders
from ponti import auth, embed, formats, i18n, privacy, schema, tables
from ponti import filters as flt
from ponti import provenance as sources
from ponti.charts.common import BLANK_STYLE, draws_nothing
from ponti.i18n import Lang, t, tn
from ponti.store import StoreError, VersionInfo, VersionStore
from ponti.stores import default_store, store_at
from ponti.transforms import Dataset, apply_filters, twinnings
from ponti.transforms import associations as associations_tf

BASEMAP_ENV = "PONTI_BASEMAP_STYLE"
CONTEXT_KEY = "ponti_context"
LANG_KEY = "lang"  # the language switch's session key and URL parameter
YEARS_KEY = "f_years"
_URL_KEY = "ponti_url"  # this run's view of the address bar (_UrlRun)
_LAST_URL_KEY = "ponti_last_url"  # the query parameters the previous run left in the URL
_SAVED_KEY = "ponti_saved"  # pages' own choices, kept while the user is on other pages
SHELL_PARAMS: tuple[str, ...] = (LANG_KEY, *flt.FILTER_PARAMS)


@dataclass(frozen=True)
class PageContext:
    """What every page needs: language, the version shown, all data and the filtered view."""

    lang: Lang
    version: VersionInfo | None
    data: Dataset
    view: Dataset
    filters: flt.Filters
    map_style: str


# -- settings and cached reads --------------------------------------------------------
def map_style() -> str:
    """The basemap style: Ponti's blank local style unless a style URL is configured."""
    return os.environ.get(BASEMAP_ENV, "").strip() or BLANK_STYLE


@st.cache_resource(show_spinner=False)
def _seeded_store(location: str, _store: VersionStore) -> VersionStore:
    # Once per store and process: an empty store gets the demo data so Ponti opens on
    # something; the store object (a PostgreSQL store's connections) is shared by sessions.
    if _store.current() is None:
        loaders.seed_demo(_store)
    return _store


def get_store() -> VersionStore:
    """The configured store (a folder or PostgreSQL), seeded with the demo data on first use."""
    store = default_store()
    return _seeded_store(store.location, store)


def _configured_location() -> str:
    """Where the configured store is, for a message (even when naming it failed)."""
    try:
        return default_store().location
    except StoreError as exc:
        return str(getattr(exc, "location", "?"))


def open_store(location: str) -> VersionStore:
    """The store at a location (VersionStore.location): the configured one, or a folder."""
    store = get_store()
    return store if store.location == location else store_at(location)


def version_key(version: VersionInfo) -> str:
    """The key of what is cached per version: where the store is (its folder, or its
    PostgreSQL URL without the password) and the version's id (two stores, as in the tests,
    can each have a v0001)."""
    return f"{get_store().location}|{version.version_id}"


# A version never changes, so its id is the key; the frames are shared read-only by every
# session (cache_data would hand each rerun a fresh copy). Private columns never get here.
@st.cache_resource(show_spinner=False, max_entries=4)
def load_version_tables(root: str, version_id: str) -> dict[str, pd.DataFrame]:
    """All tables of one version, without private columns."""
    return privacy.public_tables(open_store(root).read_all(version_id))


# A version never changes: what is derived from all of it is computed once and shared.
@st.cache_resource(show_spinner=False, max_entries=4)
def _opportunity_pairs(version_id: str, _data: Dataset) -> pd.DataFrame:
    return twinnings.opportunity_pairs(_data)


@st.cache_resource(show_spinner=False, max_entries=4)
def _association_choices(version_id: str, _data: Dataset) -> tuple[dict[str, str], str | None]:
    return (
        associations_tf.association_choices(_data.associations),
        associations_tf.busiest_association(_data.associations, _data.projects),
    )


def association_choices(context: PageContext) -> tuple[dict[str, str], str | None]:
    """Every association of the version for a choice list (id -> "name (municipality)"),
    and the busiest one (the profile shown when none is asked for): once per version."""
    if context.version is None:
        data = context.data
        return (
            associations_tf.association_choices(data.associations),
            associations_tf.busiest_association(data.associations, data.projects),
        )
    return _association_choices(version_key(context.version), context.data)


def warm_up() -> None:
    """What the first visitors would otherwise wait for, done once as the server starts
    (serve.py runs it in a thread of its own): the current version's tables, what the filters
    offer, its twinning-opportunity pairs and the world's simplified outlines."""
    from ponti.charts.bridges import world_outlines

    store = get_store()
    version = store.current()
    world_outlines()
    if version is None:
        return
    frames = load_version_tables(store.location, version.version_id)
    _filter_choices(version_key(version), frames)
    _opportunity_pairs(version_key(version), Dataset.from_tables(frames))
    if public_mode():
        _warm_embeds(version, frames)


# The embedded views a partner's page most often shows (no subject, no filter), in both
# languages: a public site builds them as it starts, so that no visitor waits for them.
WARM_EMBEDS: tuple[tuple[str, Lang], ...] = tuple(
    (view, lang) for view in ("map", "sdg", "funding", "twinnings") for lang in i18n.LANGS
)


def _warm_embeds(version: VersionInfo, frames: dict[str, pd.DataFrame]) -> None:
    data = Dataset.from_tables(frames)
    key = version_key(version)
    options, bounds = _filter_choices(key, frames)
    for view, lang in WARM_EMBEDS:
        params: dict[str, list[str]] = {
            embed.EMBED_PARAM: ["true"],
            embed.VIEW_PARAM: [view],
            LANG_KEY: [lang],
        }
        filters = flt.filters_from_params(params, options=options, year_bounds=bounds)
        request = embed.parse_request(params)
        source = embed.Source(
            data=data,
            view=_filtered(key, filters, data),
            filters=filters,
            pairs=lambda: _opportunity_pairs(key, data),
        )
        _embed_view(key, _embed_key(request, filters, source.today), request, source)


def opportunity_pairs(context: PageContext) -> pd.DataFrame:
    """Every twinning-opportunity candidate of the version shown (all data, not the view)."""
    if context.version is None:
        return twinnings.opportunity_pairs(context.data)
    return _opportunity_pairs(version_key(context.version), context.data)


# -- what pages derive from a version: once per version, filters and choices ----------------------
ResultT = TypeVar("ResultT")
# Values a derived table may be keyed by: written into the key with repr, so only values whose
# repr says everything (never a frame, whose repr is cut short, or a set, whose order varies).
_PLAIN_TYPES: tuple[type, ...] = (str, int, float, bool, type(None))
# A page's tables and figures at 100x weigh from a few KB to about 10 MB (a pairs table of the
# whole version): at most this many are kept, the least recently used dropped first, none for
# more than an hour.
DERIVED_ENTRIES = 128
DERIVED_TTL_S = 3600


def _plain(value: object) -> bool:
    if isinstance(value, tuple):
        return all(map(_plain, value))
    return isinstance(value, _PLAIN_TYPES)


@st.cache_resource(show_spinner=False, max_entries=DERIVED_ENTRIES, ttl=DERIVED_TTL_S)
def _derived(version_id: str, filters: flt.Filters, what: str, _compute: Callable[[], Any]) -> Any:
    return _compute()


# Apart from the per-filters ones: a visitor trying filters never pushes out an association's
# or a municipality's profile.
@st.cache_resource(show_spinner=False, max_entries=DERIVED_ENTRIES, ttl=DERIVED_TTL_S)
def _derived_from_version(version_id: str, what: str, _compute: Callable[[], Any]) -> Any:
    return _compute()


def _derived_key(compute: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    # The function's file as well as its name: pages are all run as __main__.
    code = getattr(compute, "__code__", None)
    if code is None:
        raise TypeError(f"{compute!r}: a plain function is needed (its name is the cache key)")
    arguments = (*args, *sorted(kwargs.items()))
    if not _plain(arguments):
        raise TypeError(f"{compute.__qualname__}: only str, number, bool, None and tuples of them")
    return f"{code.co_filename}:{compute.__qualname__}{arguments!r}"


def per_view(
    context: PageContext, compute: Callable[..., ResultT], *args: Any, **kwargs: Any
) -> ResultT:
    """``compute(context.view, *args, **kwargs)``, computed once per version, filters and
    arguments and shared read-only by every session (a page never changes what it is given).
    ``compute`` is a plain function of the view and of the plain values passed (str, number,
    bool, None, tuples of them): nothing else may change what it returns."""
    if context.version is None:
        return compute(context.view, *args, **kwargs)
    return _derived(
        version_key(context.version),
        context.filters,
        _derived_key(compute, args, kwargs),
        lambda: compute(context.view, *args, **kwargs),
    )


def per_version(
    context: PageContext, compute: Callable[..., ResultT], *args: Any, **kwargs: Any
) -> ResultT:
    """``compute(context.data, *args, **kwargs)`` (all of the version, the filters do not
    apply), computed once per version and arguments and shared read-only, as ``per_view``."""
    if context.version is None:
        return compute(context.data, *args, **kwargs)
    return _derived_from_version(
        version_key(context.version),
        _derived_key(compute, args, kwargs),
        lambda: compute(context.data, *args, **kwargs),
    )


# -- the address bar ----------------------------------------------------------------------
@dataclass
class _UrlRun:
    """This run's address bar: what it held when the run started, what the previous run
    left there, and what this run wants there (written once, at the end of the run)."""

    start: dict[str, list[str]]
    last: dict[str, list[str]] | None
    wanted: dict[str, list[str]] = field(default_factory=dict)

    def changed(self, keys: Iterable[str]) -> bool:
        """Whether the address changed outside Ponti for these keys: a new session, the
        browser's Back or Forward, an edited link. Then the URL, not the widgets, decides."""
        if self.last is None:
            return True
        if not self.start:
            # Only a move through the page menu opens a page with no parameters at all
            # (the address always holds the language), and it keeps the current view.
            return False
        return any(self.start.get(k, []) != self.last.get(k, []) for k in keys)

    def want(self, key: str, values: Sequence[str]) -> None:
        """Put key=values in the address (nothing when values is empty)."""
        if values:
            self.wanted[key] = list(values)
        else:
            self.wanted.pop(key, None)


def _begin_url() -> _UrlRun:
    run = _UrlRun(
        start={key: st.query_params.get_all(key) for key in st.query_params},
        last=st.session_state.get(_LAST_URL_KEY),
    )
    st.session_state[_URL_KEY] = run
    return run


def _url_run() -> _UrlRun:
    run = st.session_state.get(_URL_KEY)
    return run if isinstance(run, _UrlRun) else _begin_url()


def finish_url() -> None:
    """Write the complete current view into the address bar, in one step (one history
    entry, so the browser's Back button returns to the previous view)."""
    run = _url_run()
    if run.wanted != {key: st.query_params.get_all(key) for key in st.query_params}:
        st.query_params.from_dict(run.wanted)
    st.session_state[_LAST_URL_KEY] = dict(run.wanted)


def _saved() -> dict[str, Any]:
    saved: dict[str, Any] = st.session_state.setdefault(_SAVED_KEY, {})
    return saved


# -- a page's own controls in the URL ----------------------------------------------------
# Page controls: session key (= URL parameter, prefixed by page) -> (options, default).
# Codes, never labels, go into the URL, so a link opens the same view in either language.
# (Streamlit's bind="query-params" would write the translated label.)
Controls = Mapping[str, tuple[Sequence[Any], Any]]
EMPTY_CHOICE = "none"  # the URL value of a multi-choice control with nothing chosen
# A page's code type (such as Literal["count", "eur"]): code_choice hands back the type of
# the options it was given, so pages pass choices on to transforms without casts.
CodeT = TypeVar("CodeT", bound=str)


def _control_from_url(values: list[str], options: Sequence[Any], default: Any) -> Any:
    if isinstance(default, list):
        if values == [EMPTY_CHOICE]:
            return []
        return [option for option in options if str(option) in values] or default
    by_text = {str(option): option for option in options}
    return by_text.get(values[-1], default) if values else default


def controls_from_url(controls: Controls) -> None:
    """Before a page draws its controls: take them from the URL when the address changed
    outside Ponti (a link, Back/Forward); when the page is opened again from the menu,
    give them back the values they had when the user left it."""
    run = _url_run()
    external = run.changed(controls)
    saved = _saved()
    for key, (options, default) in controls.items():
        values = run.start.get(key, [])
        if key in st.session_state and not external:
            continue
        if not values and key not in st.session_state and key in saved:
            st.session_state[key] = saved[key]
        else:
            st.session_state[key] = _control_from_url(values, options, default)


def controls_to_url(controls: Controls) -> None:
    """After a page drew its controls: keep them for the session and in the address bar
    (a control at its default is left out of the address)."""
    run = _url_run()
    saved = _saved()
    for key, (options, default) in controls.items():
        value = st.session_state.get(key)
        if isinstance(value, list):
            value = [option for option in options if option in value]
        saved[key] = value
        if value is None or value == default:
            run.want(key, [])
        elif isinstance(value, list):
            run.want(key, [str(v) for v in value] or [EMPTY_CHOICE])
        else:
            run.want(key, [str(value)])


def page_param(key: str) -> str | None:
    """A page's free-form URL value (such as the selected map object), kept like a
    control: from the URL, else as the user left it on this page in this session."""
    run = _url_run()
    values = run.start.get(key, [])
    if values:
        value: str | None = values[-1]
    elif run.changed([key]):
        value = None  # removed from the address: by Back, or by a callback that cleared it
    else:
        value = _saved().get(key)
    keep_page_param(key, value)
    return value


def keep_page_param(key: str, value: str | None) -> None:
    """Remember a page's free-form value for the session and put it in the address."""
    _saved()[key] = value
    _url_run().want(key, [value] if value else [])


def code_choice(
    where: Any,
    label: str,
    options: Sequence[CodeT],
    *,
    key: str,
    labels: str,
    lang: Lang,
    **extra: Any,
) -> CodeT:
    """A required one-of-N choice among codes, each shown as the catalogue's "<labels>.<code>"
    string (``where`` is st or a column/container; ``extra`` goes to segmented_control)."""
    # Required, so Streamlit always hands back one of the options given.
    choice: CodeT = where.segmented_control(
        label,
        options=list(options),
        format_func=lambda code: t(f"{labels}.{code}", lang),
        key=key,
        required=True,
        **extra,
    )
    return choice


def code_select(label: str, choices: Mapping[str, str], *, key: str) -> str:
    """A one-of-N selectbox over codes named by ``choices`` (code -> name), kept in the URL
    under ``key`` like every page control (the first code is the default)."""
    controls: Controls = {key: (tuple(choices), next(iter(choices)))}
    controls_from_url(controls)
    chosen = st.selectbox(
        label, options=list(choices), format_func=lambda code: choices.get(code, code), key=key
    )
    controls_to_url(controls)
    return str(chosen)


def link_to_page(page: str, label: str, context: PageContext, *, icon: str, **params: str) -> None:
    """A link to pages/<page>.py that keeps the language and the shared filters."""
    st.page_link(
        f"pages/{page}.py",
        label=label,
        icon=icon,
        query_params={**params, LANG_KEY: context.lang, **flt.filters_to_params(context.filters)},
    )


# -- language and filter bar ------------------------------------------------------------------
def language_switch() -> Lang:
    """The Italiano/English switch in the sidebar."""
    choice = st.sidebar.segmented_control(
        t("lang.label", i18n.DEFAULT_LANG) + " / " + t("lang.label", "en"),
        options=list(i18n.LANGS),
        format_func=lambda code: t(f"lang.{code}", code),
        key=LANG_KEY,
        required=True,
    )
    return i18n.normalise_lang(choice)


def _is_year_pair(value: object) -> TypeGuard[tuple[int, int] | list[int]]:
    """True for the (first, last) years a range slider holds."""
    return isinstance(value, list | tuple) and len(value) == 2


def _set_widgets(filters: flt.Filters, year_bounds: tuple[int, int]) -> None:
    for spec in flt.FILTERS:
        st.session_state[spec.session_key] = list(filters.codes(spec))
    st.session_state[YEARS_KEY] = filters.years or year_bounds


def _reset_filters(year_bounds: tuple[int, int]) -> None:
    _set_widgets(flt.Filters(), year_bounds)


def filter_bar(
    lang: Lang, year_bounds: tuple[int, int], options: Mapping[str, list[str]]
) -> flt.Filters:
    """The shared filters in the sidebar, one widget per row of the filter table; returns
    what the user chose."""
    sidebar = st.sidebar
    sidebar.subheader(t("filters.title", lang))
    chosen: dict[str, list[str]] = {}
    for spec in flt.FILTERS:
        codes = options[spec.field]
        if spec.narrow is not None:
            codes = spec.narrow(codes, flt.make_filters(chosen))
        # A value no longer offered (a province outside the chosen regions) would be an
        # invalid widget value: drop it before the widget is drawn.
        offered = set(codes)
        key = spec.session_key
        st.session_state[key] = [c for c in st.session_state.get(key, []) if c in offered]
        chosen[spec.field] = sidebar.multiselect(
            t(spec.label_key, lang),
            options=codes,
            key=key,
            format_func=lambda code, spec=spec: spec.name(code, lang),
            placeholder=t("filters.placeholder", lang),
            help=t(spec.help_key, lang) if spec.help_key else None,
        )
    low, high = year_bounds
    if not _is_year_pair(st.session_state.get(YEARS_KEY)):
        # A run whose client sent no widget states can find the key empty: without a pair
        # the slider would be a one-year slider returning a single year.
        st.session_state[YEARS_KEY] = year_bounds
    if low < high:
        sidebar.slider(
            t("filters.years", lang),
            min_value=low,
            max_value=high,
            key=YEARS_KEY,
            help=t("filters.years.help", lang),
        )
    sidebar.caption(t("filters.projects_only", lang))
    if chosen["municipality"]:
        sidebar.caption(t("filters.municipality.residents", lang))
    years = st.session_state.get(YEARS_KEY)
    first_year, last_year = years if _is_year_pair(years) else year_bounds
    filters = flt.make_filters(chosen).with_years((first_year, last_year), year_bounds)
    if filters.active_count():
        sidebar.button(
            t("filters.reset", lang),
            on_click=_reset_filters,
            args=(year_bounds,),
            icon=":material/filter_alt_off:",
        )
    return filters


# -- the shell's shared pieces ------------------------------------------------------------
def _read_tables() -> tuple[VersionInfo | None, dict[str, pd.DataFrame]]:
    try:
        store = get_store()
        version = store.current()
        if version is not None:
            return version, load_version_tables(store.location, version.version_id)
        return None, privacy.public_tables({kind: store.read(kind) for kind in schema.KINDS})
    except (StoreError, OSError) as exc:
        lang = i18n.normalise_lang(st.query_params.get(LANG_KEY))
        st.error(t("store.error", lang, path=_configured_location(), error=exc))
        st.stop()
        raise  # st.stop() never returns; this keeps the type checker informed


def build_context() -> PageContext:
    """Read the store, draw the language switch and filter bar, keep the URL in step."""
    version, frames = _read_tables()
    data = Dataset.from_tables(frames)
    # What the filters offer and the filtered view are the same for every visitor of a version
    # with the same filters: computed once and shared read-only (pages never change a frame).
    if version is None:
        options, bounds = flt.filter_options(frames), flt.year_bounds(data.projects)
    else:
        options, bounds = _filter_choices(version_key(version), frames)
    url = _begin_url()
    if url.changed(SHELL_PARAMS):
        # A new session or a history move: the address decides the language and filters.
        st.session_state[LANG_KEY] = i18n.normalise_lang((url.start.get(LANG_KEY) or [""])[-1])
        _set_widgets(
            flt.filters_from_params(url.start, options=options, year_bounds=bounds), bounds
        )
    lang = language_switch()
    filters = filter_bar(lang, bounds, options)
    url.want(LANG_KEY, [lang])  # always: so an address is never empty (see _UrlRun.changed)
    for key, values in flt.filters_to_params(filters).items():
        url.want(key, values)
    context = PageContext(
        lang=lang,
        version=version,
        data=data,
        view=(
            apply_filters(data, filters)
            if version is None
            else _filtered(version_key(version), filters, data)
        ),
        filters=filters,
        map_style=map_style(),
    )
    st.session_state[CONTEXT_KEY] = context
    return context


def page_context() -> PageContext:
    """The context that dashboard.py built for this run."""
    context: PageContext | None = st.session_state.get(CONTEXT_KEY)
    if context is None:
        # Streamlit's legacy multipage mode (chosen because a pages/ folder exists) runs a
        # page without dashboard.py when a fresh process's first request opens a page URL.
        # Switch the process to st.navigation mode, as dashboard.py's first run would, and
        # rerun: the shell then runs and hands over to this same page.
        PagesManager.uses_pages_directory = False
        st.rerun()
    return context


def demo_notice(context: PageContext) -> None:
    """A visible banner whenever what is shown is the illustrative demo data."""
    if sources.shows_demo_data(context.version):
        st.info(t("demo.notice", context.lang), icon=":material/science:")


def provenance(context: PageContext) -> None:
    """The dataset version, date and source, and the reference data's credits, at the foot
    of every page."""
    st.caption(t("attribution", context.lang))
    # Escaped: an import's note and author are text people typed.
    st.caption(formats.escape_markdown(sources.version_line(context.version, context.lang)))


# -- tables for people: the table alternative and its downloads ----------------------------
def _download_metadata(context: PageContext) -> tables.Metadata:
    return tables.describe_download(
        lang=context.lang,
        version=context.version,
        filters=flt.describe_filters(context.filters, context.lang),
        today=date.today(),
    )


@dataclass(frozen=True)
class Link:
    """A table column whose cells open a page: ``pages/<page>.py?<param>=<code>``, the code
    read row by row from the frame's ``codes`` column (which may be internal, never shown)."""

    page: str
    param: str
    codes: str


# A linked name keeps its own column, read and sorted as text (a screen reader reads the grid's
# accessible table: a name must read as a name, not as an address); the column after it,
# headed "Apri: <heading>", holds the link, drawn as an icon.
LINK_ICON = ":material/open_in_new:"
# What quote_plus leaves as it is (and so does urlencode).
_URL_SAFE = re.compile(r"[A-Za-z0-9_.~-]*")


def link_heading(heading: str, lang: Lang) -> str:
    """The heading of the column that opens what the ``heading`` column names."""
    return t("table.open", lang, heading=heading)


def _link_cells(codes: pd.Series, link: Link, lang: Lang) -> list[str | None]:
    # As urlencode({param: code, LANG_KEY: lang}) writes it, a row at a time: quote_plus on
    # each part (most codes need no quoting: letters, digits and "-_.~" stay as they are).
    head = f"{link.page}?{quote_plus(link.param)}="
    tail = f"&{quote_plus(LANG_KEY)}={quote_plus(lang)}"
    cells: list[str | None] = []
    for code in codes.tolist():
        if code is None or code is pd.NA or (isinstance(code, float) and code != code):
            cells.append(None)
            continue
        text = str(code)
        cells.append(head + (text if _URL_SAFE.fullmatch(text) else quote_plus(text)) + tail)
    return cells


# Columns of web addresses (a call's page, an association's website): links on screen.
WEB_COLUMNS: tuple[str, ...] = ("url", "website")
WEB_SCHEMES: tuple[str, ...] = ("https://", "http://")


def _web_headings(lang: Lang) -> list[str]:
    return [tables.heading(name, lang) for name in WEB_COLUMNS]


@dataclass(frozen=True)
class _Screen:
    """A table as the screen shows it: the public table (what the files hold) and its copy
    written for reading (with the link columns), with the grid's column settings."""

    table: pd.DataFrame
    shown: pd.DataFrame
    config: dict[str, Any]


# The screen copy of a frame that many reruns show (a table kept by per_view or another cache)
# is made once, and kept for as long as the frame lives: keyed by the frame's identity (checked
# through a weak reference; the entry goes when the frame goes) and whatever else decides it.
# Pages never change a frame after handing it to a table.
_SCREENS: dict[int, tuple[weakref.ref[pd.DataFrame], dict[str, _Screen]]] = {}


def _screen_of(frame: pd.DataFrame, key: str, make: Callable[[], _Screen]) -> _Screen:
    entry = _SCREENS.get(id(frame))
    if entry is None or entry[0]() is not frame:
        entry = (weakref.ref(frame), {})
        _SCREENS[id(frame)] = entry
        weakref.finalize(frame, _SCREENS.pop, id(frame), None)
    screen = entry[1].get(key)
    if screen is None:
        screen = entry[1][key] = make()
    return screen


def _show_table(screen: _Screen, key: str | None = None) -> None:
    # Over 1,000 rows the browser gets the rows it shows, the next ones as it scrolls or sorts
    # (the grid's own search and CSV download then go: Ponti's files hold every row).
    st.dataframe(screen.shown, hide_index=True, column_config=screen.config, key=key, lazy=True)


def _screen(
    table: pd.DataFrame,
    lang: Lang,
    links: Mapping[str, tuple[Link, pd.Series]] | None = None,
) -> _Screen:
    # Numbers and dates written the user's way, numbers right-aligned; files keep raw values.
    config: dict[str, Any] = {
        name: st.column_config.TextColumn(alignment="right")
        for name in table.columns
        if tables.is_numeric_column(table[name])
    }
    shown = tables.readable_table(table, lang)
    for heading in shown.columns.intersection(_web_headings(lang)):
        # Web addresses from data open in a new tab; only http(s) ones are links at all.
        shown[heading] = [v if str(v).startswith(WEB_SCHEMES) else None for v in shown[heading]]
        config[heading] = st.column_config.LinkColumn(width="medium")
    for heading, (link, codes) in (links or {}).items():
        if heading not in shown.columns:
            continue  # a page chose not to show that column
        opener = link_heading(heading, lang)
        place = list(shown.columns).index(heading) + 1
        shown.insert(place, opener, _link_cells(codes, link, lang))
        config[opener] = st.column_config.LinkColumn(display_text=LINK_ICON, width="small")
    return _Screen(table=table, shown=shown, config=config)


# Names that open their profile wherever a table shows them next to their code (an internal
# column): a municipality's name opens pages/municipality.py?code=<ISTAT code>, an
# association's (its name, or a project's lead) pages/association.py?id=<association id>.
NAME_LINKS: dict[str, Link] = {
    "municipality": Link(page="municipality", param="code", codes="municipality_code"),
    "name": Link(page="association", param="id", codes="association_code"),
    "lead": Link(page="association", param="id", codes="lead_code"),
}


def _table_links(
    frame: pd.DataFrame,
    lang: Lang,
    links: Mapping[str, Link] | None,
    names: Mapping[str, str] | None,
) -> dict[str, tuple[Link, pd.Series]]:
    """The on-screen headings that link, each with its target and the row-by-row codes: the
    names of ``NAME_LINKS`` found in the frame with their codes, and the ``links`` asked for."""
    names = names or {}
    found = {
        column: link
        for column, link in NAME_LINKS.items()
        if column in frame.columns and link.codes in frame.columns and column not in names
    }
    return {
        tables.heading(names.get(column, column), lang): (
            link,
            frame[link.codes].reset_index(drop=True),
        )
        for column, link in {**found, **(links or {})}.items()
    }


def public_dataframe(
    frame: pd.DataFrame,
    context: PageContext,
    *,
    names: Mapping[str, str] | None = None,
    columns: Sequence[str] | None = None,
    key: str | None = None,
    links: Mapping[str, Link] | None = None,
) -> None:
    """A table for people (no downloads): its public columns, headed and written in lang;
    the columns named in ``links`` open a page (see ``Link``)."""
    lang = context.lang

    def make() -> _Screen:
        table = tables.public_table(frame, lang, names=names, columns=columns)
        return _screen(table, lang, _table_links(frame, lang, links, names))

    _show_table(_screen_of(frame, _screen_key(lang, names, columns, links, None), make), key=key)


def _screen_key(
    lang: Lang,
    names: Mapping[str, str] | None,
    columns: Sequence[str] | None,
    links: Mapping[str, Link] | None,
    list_limit: int | None,
) -> str:
    return repr(
        (
            lang,
            sorted((names or {}).items()),
            None if columns is None else list(columns),
            sorted((links or {}).items()),
            list_limit,
        )
    )


def chart_data(
    frame: pd.DataFrame,
    context: PageContext,
    *,
    stem: str,
    label_key: str | None = None,
    expanded: bool = False,
    names: Mapping[str, str] | None = None,
    columns: Sequence[str] | None = None,
    links: Mapping[str, Link] | None = None,
    list_limit: int | None = None,
) -> None:
    """A chart's table alternative and the same public table as XLSX and CSV downloads.

    ``stem`` names the files (``<stem>-<date>.xlsx``); ``names`` and ``columns`` go to
    ``tables.public_table``; on screen the columns named in ``links`` open a page (see
    ``Link``), in the files they stay text. ``list_limit`` shows at most that many items of
    a list cell on screen ("…, +12"; the files hold them all). The files are written only
    when asked for.
    """
    lang = context.lang

    def make() -> _Screen:
        table = tables.public_table(
            _shortened_lists(frame, list_limit, lang) if list_limit else frame,
            lang,
            names=names,
            columns=columns,
        )
        return _screen(table, lang, _table_links(frame, lang, links, names))

    screen = _screen_of(frame, _screen_key(lang, names, columns, links, list_limit), make)
    metadata = _download_metadata(context)

    def _full() -> pd.DataFrame:
        if not list_limit:
            return screen.table
        return tables.public_table(frame, lang, names=names, columns=columns)

    with st.expander(t(label_key or "table.show", lang), expanded=expanded):
        _show_table(screen)
        table_downloads(
            _full,
            metadata,
            key=f"download-{stem}",
            stem=stem,
            labels=(t("table.download.xlsx", lang), t("table.download.csv", lang)),
        )


def table_downloads(
    make: Callable[[], pd.DataFrame],
    metadata: tables.Metadata,
    *,
    key: str,
    stem: str,
    labels: tuple[str, str],
    excel: bool = True,
) -> None:
    """A table's two downloads side by side, Excel (unless `excel` is False) and CSV,
    labelled `labels`, named ``<stem>-<date>``: the table is made by `make` and written
    only when a button is clicked."""
    today = date.today()
    with st.container(horizontal=True):
        if excel:
            st.download_button(
                labels[0],
                data=lambda: tables.to_xlsx(make(), metadata=metadata),
                file_name=tables.download_name(stem, "xlsx", today),
                mime=tables.XLSX_MIME,
                key=f"{key}-xlsx",
                on_click="ignore",
                icon=":material/table_view:",
            )
        st.download_button(
            labels[1],
            data=lambda: tables.to_csv(make(), metadata.lang),
            file_name=tables.download_name(stem, "csv", today),
            mime=tables.CSV_MIME,
            key=f"{key}-csv",
            on_click="ignore",
            icon=":material/download:",
        )


def _shortened_lists(frame: pd.DataFrame, limit: int, lang: Lang) -> pd.DataFrame:
    """The frame with every list cell cut to ``limit`` items and a last "+N" item saying how
    many more there are (the screen's copy: a table of thousands of names is not read)."""
    short = frame.copy()
    for column in frame.columns:
        values = frame[column]
        if values.empty or not isinstance(values.iloc[0], list | tuple | np.ndarray):
            continue
        short[column] = [
            [*cell[:limit], tn("table.more", len(cell) - limit, lang)]
            if isinstance(cell, list | tuple | np.ndarray) and len(cell) > limit
            else cell
            for cell in values
        ]
    return short


# -- charts and maps as images people can quote -------------------------------------------
# Plotly's own toolbar speaks English only (its locales are not in Streamlit's bundle) and its
# camera saves "newplot.png" with no title or source: hidden; Ponti's own buttons below each
# chart give PNG and SVG with title, filters, version, date and source drawn in, and the
# citation. Zoom by dragging and double-click to reset still work.
PLOTLY_CONFIG: dict[str, Any] = {"displaylogo": False, "displayModeBar": False}


def map_chart(
    context: PageContext,
    chart: Any,
    *,
    height: int,
    alt: str | None = None,
    key: str | None = None,
    on_select: Any = "ignore",
    wheel: bool = True,
) -> Any:
    """A page's map and, when ``on_select`` is set, what a click picked: the SVG figure
    (plotly; each clickable marker a point), or over an internet basemap the deck (its tiles
    need WebGL; ``height``). ``wheel``: the wheel zooms the figure (off in a long page, where
    it scrolls the page)."""
    options: dict[str, Any] = {"alt": alt, "key": key, "on_select": on_select}
    blank = context.map_style == BLANK_STYLE
    if on_select != "ignore":
        options["selection_mode"] = "points" if blank else "single-object"
    if blank:
        config = {**PLOTLY_CONFIG, "scrollZoom": True} if wheel else PLOTLY_CONFIG
        return st.plotly_chart(chart, config=config, **options)
    return st.pydeck_chart(chart, height=height, **options)


def view_address(context: PageContext) -> str:
    """The address that reopens this view: Ponti's public address (``PONTI_PUBLIC_URL``) or
    the one the browser used, with this page's choices and filters."""
    base = public_url()
    page = st.context.url or ""
    if base and page:
        path = page.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
        page = f"{base.rstrip('/')}/{path}"
    elif base:
        page = base
    page = page.split("?", 1)[0]
    params = {key: value for key, value in st.query_params.to_dict().items() if value != ""}
    params.setdefault(LANG_KEY, context.lang)
    return f"{page}?{urlencode(params)}" if params else page


def cite_text(context: PageContext, title: str) -> str:
    """ "Cite this figure": what it shows, the filters in words, the dataset version, its date
    and source, the day it was consulted, and the address that reopens the view."""
    from ponti.present.deck import filters_in_words

    lang = context.lang
    return t(
        "cite.text",
        lang,
        title=title,
        filters=filters_in_words(flt.describe_filters(context.filters, lang), lang),
        version=sources.version_line(context.version, lang),
        today=formats.format_date(date.today(), lang),
        link=view_address(context),
    )


def _draw_image(
    draw: Callable[..., bytes], figure: Callable[[], go.Figure], title: str, lines: list[str]
) -> bytes:
    return draw(figure(), title=title, caption_lines=lines)


def figure_tools(
    context: PageContext,
    *,
    title: str,
    stem: str,
    figure: Callable[[], go.Figure],
    svg: bool = True,
) -> None:
    """Below a chart or map: PNG (2x) and SVG downloads with title, filters, version, date and
    source drawn into the picture, made only when clicked (in Chromium on the server, offline),
    and the text to cite the figure. ``figure`` builds what is drawn (for a map, its static
    picture, framed like the page's map); ``svg`` is off for maps (MapLibre draws on a canvas:
    an SVG would hold a picture anyway)."""
    from ponti.present import images  # kaleido and its browser only when a page draws images

    lang = context.lang
    lines = images.caption_lines(_download_metadata(context))
    today = date.today()

    # Each format: how it is drawn, its MIME type, label, help and icon.
    offered: list[tuple[images.ImageFormat, Callable[..., bytes], str, str, str, str]] = [
        (
            "png",
            images.figure_png,
            images.PNG_MIME,
            "image.png",
            "image.png.help",
            ":material/image:",
        )
    ]
    if svg:
        offered.append(
            (
                "svg",
                images.figure_svg,
                images.SVG_MIME,
                "image.svg",
                "image.svg.help",
                ":material/polyline:",
            )
        )
    with st.container(horizontal=True, key=f"ponti-figure-{stem}", gap="small"):
        for fmt, draw, mime, label_key, help_key, icon in offered:
            st.download_button(
                t(label_key, lang),
                # Drawn only when clicked.
                data=functools.partial(_draw_image, draw, figure, title, lines),
                file_name=images.image_file_name(stem, fmt, today),
                mime=mime,
                key=f"image-{stem}-{fmt}",
                on_click="ignore",
                icon=icon,
                help=t(help_key, lang),
            )
        with st.popover(t("cite.label", lang), icon=":material/format_quote:"):
            st.caption(t("cite.help", lang))
            st.code(cite_text(context, title), language=None, wrap_lines=True)


def plotly_chart(
    fig: go.Figure,
    context: PageContext,
    *,
    title: str,
    stem: str,
    key: str | None = None,
    alt: str | None = None,
    empty: bool | None = None,
) -> None:
    """A chart with Ponti's image buttons and citation under it, or "no data for these
    filters" in its place when it would draw nothing (``empty`` overrides the check)."""
    if draws_nothing(fig) if empty is None else empty:
        st.info(t("chart.empty", context.lang))
        return
    st.plotly_chart(fig, config=PLOTLY_CONFIG, key=key, alt=alt)
    figure_tools(context, title=title, stem=stem, figure=lambda: fig)


# -- twinning opportunities: shown the same way on the Twinnings page and a city's profile -------
def opportunity_weights(lang: Lang) -> None:
    """The weights of the opportunity score, in words, in an expander."""
    with st.expander(t("twinnings.weights.title", lang), icon=":material/calculate:"):
        st.markdown(t("twinnings.weights.intro", lang))
        st.markdown(
            "\n".join(
                "- "
                + t(
                    "twinnings.weight",
                    lang,
                    part=t(f"twinnings.part.{part}", lang),
                    weight=formats.format_number(weight, lang, 1),
                )
                for part, weight in twinnings.WEIGHTS.items()
            )
        )


def opportunity_list(
    pairs: pd.DataFrame, municipality: str, context: PageContext, *, stem: str, top: int = 5
) -> None:
    """A municipality's best opportunities as cards (place, score, why in words), all of them as
    a table with downloads, and the pairs tied by a dormant agreement listed apart."""
    lang = context.lang
    opportunities = twinnings.opportunities_for(pairs, municipality)
    if opportunities.empty:
        st.info(t("twinnings.opportunities.none", lang))
    else:
        described = twinnings.describe_opportunities(opportunities, lang)
        for row in described.head(top).itertuples(index=False):
            with st.container(border=True):
                # Names come from data: escaped, so that markdown in them shows as written.
                place = formats.escape_markdown(row.place)
                score = formats.format_number(row.score, lang, 1)
                st.markdown(t("twinnings.opportunity.item", lang, place=place, score=score))
                st.caption(formats.escape_markdown(row.why))
        chart_data(described, context, stem=stem, label_key="twinnings.opportunities.table")
    revive = twinnings.dormant_for(pairs, municipality)
    if not revive.empty:
        st.markdown(f"**{t('twinnings.revive.title', lang)}**")
        for row in twinnings.describe_opportunities(revive, lang).itertuples(index=False):
            st.caption(formats.escape_markdown(f"{row.place}: {row.why}"))


# -- public mode and embedded views ----------------------------------------------------------
PUBLIC_ENV = embed.PUBLIC_ENV  # "1": a public site, no staff page registered (dashboard.py)
PUBLIC_URL_ENV = "PONTI_PUBLIC_URL"  # Ponti's public address, for the iframe code
EMBED_SCRIPT_KEY = "ponti-embed-height"  # the container of the height script (hidden)


def public_mode() -> bool:
    """Whether Ponti runs as a public site (``PONTI_PUBLIC=1``)."""
    return embed.is_true(os.environ.get(PUBLIC_ENV))


def public_url() -> str:
    """Ponti's public address (``PONTI_PUBLIC_URL``), or "" when none is configured."""
    return embed.public_base(os.environ.get(PUBLIC_URL_ENV))


def address_params() -> dict[str, list[str]]:
    """Every query parameter of the address, Streamlit's own ``embed`` included (which
    st.query_params hides): what the browser asked for at the start of this run."""
    ctx = get_script_run_ctx()
    return parse_qs(ctx.query_string if ctx is not None else "", keep_blank_values=True)


def embed_requested() -> bool:
    """Whether this run draws an embedded view (``?embed=true``)."""
    return embed.is_embed(address_params())


# Per version (immutable), computed once and shared: what the filters offer and the years.
@st.cache_resource(show_spinner=False, max_entries=4)
def _filter_choices(
    version_id: str, _frames: Mapping[str, pd.DataFrame]
) -> tuple[dict[str, list[str]], tuple[int, int]]:
    return flt.filter_options(_frames), flt.year_bounds(_frames[schema.PROJECTS])


# The same filters are asked for by every visitor of a partner's page: the filtered view of a
# version is shared read-only too.
@st.cache_resource(show_spinner=False, max_entries=64)
def _filtered(version_id: str, filters: flt.Filters, _data: Dataset) -> Dataset:
    return apply_filters(_data, filters)


def build_embed_context() -> PageContext:
    """The context of an embedded view: language and filters from the address alone (no
    language switch, no filter bar, nothing written back to the address)."""
    version, frames = _read_tables()
    data = Dataset.from_tables(frames)
    params = address_params()
    if version is None:
        options, bounds = flt.filter_options(frames), flt.year_bounds(data.projects)
    else:
        options, bounds = _filter_choices(version_key(version), frames)
    filters = flt.filters_from_params(params, options=options, year_bounds=bounds)
    view = (
        apply_filters(data, filters)
        if version is None
        else _filtered(version_key(version), filters, data)
    )
    context = PageContext(
        lang=i18n.normalise_lang((params.get(LANG_KEY) or [""])[-1]),
        version=version,
        data=data,
        view=view,
        filters=filters,
        map_style=map_style(),
    )
    st.session_state[CONTEXT_KEY] = context
    return context


def embed_source(context: PageContext) -> embed.Source:
    """What an embedded view is made from: the context, and the version's opportunity pairs."""
    return embed.Source(
        data=context.data,
        view=context.view,
        filters=context.filters,
        pairs=lambda: opportunity_pairs(context),
    )


# A view depends only on the version (immutable), the address and the day: built once, then
# shared read-only by every visitor who opens the same address (its map already serialised).
@st.cache_resource(show_spinner=False, max_entries=64)
def _embed_view(
    version_id: str, key: str, _request: embed.EmbedRequest, _source: embed.Source
) -> embed.EmbedView:
    return embed.build_view(_request, _source)


def embed_view(context: PageContext) -> embed.EmbedView:
    """The content of the embedded view the address asks for."""
    request = embed.parse_request(address_params())
    source = embed_source(context)
    if context.version is None:
        return embed.build_view(request, source)
    key = _embed_key(request, context.filters, source.today)
    return _embed_view(version_key(context.version), key, request, source)


def _embed_key(request: embed.EmbedRequest, filters: flt.Filters, today: date) -> str:
    return repr((request, filters, today))


def report_height() -> None:
    """Tell the page hosting the frame how tall the view is, whenever that changes."""
    with st.container(key=EMBED_SCRIPT_KEY):
        st.html(embed.HEIGHT_SCRIPT, unsafe_allow_javascript=True)


# -- staff: secrets and the signed-in person ---------------------------------------------------
def secrets() -> dict[str, Any]:
    """The app's secrets as a plain dict ({} without a .streamlit/secrets.toml)."""
    # st.secrets raises when there is no secrets.toml: no file, no secrets.
    return st.secrets.to_dict() if st.secrets.load_if_toml_exists() else {}


def staff_config() -> auth.StaffConfig:
    """How staff sign in here (OIDC, a password, the local demo's password, or not at all:
    always not at all in public mode, whatever is configured)."""
    if public_mode():
        return auth.StaffConfig(method="none")
    return auth.staff_config(secrets(), os.environ, public=False)


def staff_user() -> auth.StaffUser | None:
    """The session's signed-in staff member (signing in is on the Data page), or None."""
    config = staff_config()
    oidc_info = dict(st.user) if config.method == "oidc" else {}
    return auth.current_staff(st.session_state, config, oidc_info)
