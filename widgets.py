"""The UI layer's shared pieces: settings, cached reads, the language switch, the filter bar,
the demo notice and the provenance line. Pages import from here; nothing below ``ponti/``
or ``loaders/`` imports Streamlit.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

import loaders
from ponti import filters as flt
from ponti import formats, i18n, reference, schema
from ponti.charts.common import BLANK_STYLE
from ponti.i18n import Lang, t
from ponti.store import Store, StoreError, VersionInfo, default_store
from ponti.transforms import Dataset, apply_filters

BASEMAP_ENV = "PONTI_BASEMAP_STYLE"
CONTEXT_KEY = "ponti_context"
_INIT_KEY = "ponti_initialised"

# Session-state keys of the filter widgets, and the URL parameter each one syncs with.
WIDGET_PARAMS: dict[str, str] = {
    "f_origin": flt.PARAM_ORIGIN,
    "f_region": flt.PARAM_REGION,
    "f_province": flt.PARAM_PROVINCE,
    "f_sdg": flt.PARAM_SDG,
    "f_funder": flt.PARAM_FUNDER,
    "f_stage": flt.PARAM_STAGE,
}


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
def _seeded_store(root: str) -> Store:
    # Once per process: an empty store gets the demo data so Ponti opens on something.
    store = Store(Path(root))
    if store.current() is None:
        loaders.seed_demo(store)
    return store


def get_store() -> Store:
    """The configured store, seeded with the demo data on first use."""
    return _seeded_store(str(default_store().root))


@st.cache_data(show_spinner=False, max_entries=4)
def load_version_tables(root: str, version_id: str) -> dict[str, pd.DataFrame]:
    """All tables of one version; a version never changes, so its id is the cache key."""
    return Store(Path(root)).read_all(version_id)


# -- language -------------------------------------------------------------------------
def _initialise_from_url(year_bounds: tuple[int, int], origins: list[str]) -> None:
    """On a session's first run, widgets take their values from the link that opened it."""
    if st.session_state.get(_INIT_KEY):
        return
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    st.session_state["lang"] = i18n.normalise_lang((params.get("lang") or ["it"])[-1])
    initial = flt.filters_from_params(params, valid_origins=origins, year_bounds=year_bounds)
    _set_widgets(initial, year_bounds)
    st.session_state[_INIT_KEY] = True


def _set_widgets(filters: flt.Filters, year_bounds: tuple[int, int]) -> None:
    st.session_state["f_origin"] = list(filters.origin)
    st.session_state["f_region"] = list(filters.region)
    st.session_state["f_province"] = list(filters.province)
    st.session_state["f_sdg"] = list(filters.sdg)
    st.session_state["f_funder"] = list(filters.funder_type)
    st.session_state["f_stage"] = list(filters.stage)
    st.session_state["f_years"] = filters.years or year_bounds


def _sync_url(lang: Lang, filters: flt.Filters) -> None:
    """Write language and filters into the URL so the address bar is always a link."""
    wanted = flt.filters_to_params(filters)
    if lang != i18n.DEFAULT_LANG:
        wanted["lang"] = [lang]
    for key in ("lang", *flt.FILTER_PARAMS):
        current = st.query_params.get_all(key)
        if key in wanted and current != wanted[key]:
            st.query_params[key] = wanted[key]
        elif key not in wanted and current:
            del st.query_params[key]


# -- a page's own controls in the URL ----------------------------------------------------
# Page controls: session key (= URL parameter, prefixed by page) -> (options, default).
# Codes, never labels, go into the URL, so a link opens the same view in either language.
# (Streamlit's bind="query-params" would write the translated label.)
Controls = Mapping[str, tuple[Sequence[Any], Any]]
EMPTY_CHOICE = "none"  # the URL value of a multi-choice control with nothing chosen


def controls_from_url(controls: Controls) -> None:
    """On a page's first run (its widgets not yet in the session), read them from the URL."""
    for key, (options, default) in controls.items():
        if key in st.session_state:
            continue
        by_text = {str(option): option for option in options}
        if isinstance(default, list):
            values = st.query_params.get_all(key)
            chosen = [option for option in options if str(option) in values]
            st.session_state[key] = [] if values == [EMPTY_CHOICE] else (chosen or default)
        else:
            st.session_state[key] = by_text.get(str(st.query_params.get(key)), default)


def controls_to_url(controls: Controls) -> None:
    """Keep a page's controls in the address bar (a control at its default is left out)."""
    for key, (options, default) in controls.items():
        value = st.session_state.get(key)
        if isinstance(value, list):
            value = [option for option in options if option in value]
        if value is None or value == default:
            wanted: list[str] = []
        elif isinstance(value, list):
            wanted = [str(v) for v in value] or [EMPTY_CHOICE]
        else:
            wanted = [str(value)]
        if not wanted:
            st.query_params.pop(key, None)
        elif st.query_params.get_all(key) != wanted:
            st.query_params[key] = wanted


def code_choice(
    where: Any,
    label: str,
    options: Sequence[str],
    *,
    key: str,
    labels: str,
    lang: Lang,
    **extra: Any,
) -> str:
    """A required one-of-N choice among codes, each shown as the catalogue's "<labels>.<code>"
    string (``where`` is st or a column/container; ``extra`` goes to segmented_control)."""
    return where.segmented_control(  # type: ignore[no-any-return]
        label,
        options=list(options),
        format_func=lambda code: t(f"{labels}.{code}", lang),
        key=key,
        required=True,
        **extra,
    )


def language_switch() -> Lang:
    """The Italiano/English switch in the sidebar."""
    choice = st.sidebar.segmented_control(
        "Lingua / Language",
        options=list(i18n.LANGS),
        format_func=lambda code: {"it": "Italiano", "en": "English"}[code],
        key="lang",
        required=True,
    )
    return i18n.normalise_lang(choice)


# -- filter bar -----------------------------------------------------------------------
def _origin_label(code: str, lang: Lang) -> str:
    if code.startswith(flt.M49_PREFIX):
        name = i18n.label("m49", code.removeprefix(flt.M49_PREFIX), lang)
        return t("filters.area", lang, name=name)
    return i18n.country_name(code, lang)


def _data_origins(data: Dataset) -> list[str]:
    countries = {c for values in data.associations[schema.A_COUNTRIES] for c in values}
    countries |= set(data.projects[schema.P_COUNTRY].dropna())
    countries |= set(data.twinnings[schema.T_PARTNER_COUNTRY].dropna())
    return flt.origin_options(countries)


def _reset_filters(year_bounds: tuple[int, int]) -> None:
    _set_widgets(flt.Filters(), year_bounds)


def filter_bar(lang: Lang, year_bounds: tuple[int, int], origins: list[str]) -> flt.Filters:
    """The shared filters in the sidebar; returns what the user chose."""
    regions = reference.load_regions().sort_values("name")
    provinces = reference.load_provinces().sort_values("name")
    sidebar = st.sidebar
    sidebar.subheader(t("filters.title", lang))
    origin_names = {code: _origin_label(code, lang) for code in origins}
    sidebar.multiselect(
        t("filters.origin", lang),
        placeholder=t("filters.placeholder", lang),
        options=origins,
        key="f_origin",
        format_func=origin_names.__getitem__,
        help=t("filters.origin.help", lang),
    )
    region_names = dict(zip(regions["region_istat"], regions["name"], strict=True))
    sidebar.multiselect(
        t("filters.region", lang),
        placeholder=t("filters.placeholder", lang),
        options=list(region_names),
        key="f_region",
        format_func=region_names.__getitem__,
    )
    chosen_regions = st.session_state.get("f_region") or []
    if chosen_regions:
        provinces = provinces[provinces["region_istat"].isin(chosen_regions)]
    province_names = {
        code: f"{name} ({abbr})"
        for code, name, abbr in zip(
            provinces["province_istat"],
            provinces["name"],
            provinces["abbreviation"],
            strict=True,
        )
    }
    # A province outside the chosen regions would be an invalid widget value: drop it first.
    st.session_state["f_province"] = [
        p for p in st.session_state.get("f_province", []) if p in province_names
    ]
    sidebar.multiselect(
        t("filters.province", lang),
        placeholder=t("filters.placeholder", lang),
        options=list(province_names),
        key="f_province",
        format_func=province_names.__getitem__,
    )
    sidebar.multiselect(
        t("filters.sdg", lang),
        placeholder=t("filters.placeholder", lang),
        options=list(schema.SDG_GOALS),
        key="f_sdg",
        format_func=lambda goal: i18n.sdg_label(goal, lang),
    )
    sidebar.multiselect(
        t("filters.funder_type", lang),
        placeholder=t("filters.placeholder", lang),
        options=list(schema.FUNDER_TYPES),
        key="f_funder",
        format_func=lambda code: i18n.label("funder_type", code, lang),
    )
    sidebar.multiselect(
        t("filters.stage", lang),
        placeholder=t("filters.placeholder", lang),
        options=list(schema.STAGES),
        key="f_stage",
        format_func=lambda code: i18n.label("stage", code, lang),
    )
    low, high = year_bounds
    if low < high:
        sidebar.slider(
            t("filters.years", lang),
            min_value=low,
            max_value=high,
            key="f_years",
            help=t("filters.years.help", lang),
        )
    sidebar.caption(t("filters.projects_only", lang))
    chosen = flt.Filters(
        origin=tuple(st.session_state["f_origin"]),
        region=tuple(st.session_state["f_region"]),
        province=tuple(st.session_state["f_province"]),
        sdg=tuple(int(g) for g in st.session_state["f_sdg"]),
        funder_type=tuple(st.session_state["f_funder"]),
        stage=tuple(st.session_state["f_stage"]),
    ).with_years(tuple(st.session_state.get("f_years", year_bounds)), year_bounds)  # type: ignore[arg-type]
    if chosen.active_count():
        sidebar.button(
            t("filters.reset", lang),
            on_click=_reset_filters,
            args=(year_bounds,),
            icon=":material/filter_alt_off:",
        )
    return chosen


# -- the shell's shared pieces ------------------------------------------------------------
def build_context() -> PageContext:
    """Read the store, draw the language switch and filter bar, keep the URL in step."""
    try:
        store = get_store()
        version = store.current()
        tables = (
            load_version_tables(str(store.root), version.version_id)
            if version
            else {kind: store.read(kind) for kind in schema.KINDS}
        )
    except (StoreError, OSError) as exc:
        lang = i18n.normalise_lang(st.query_params.get("lang"))
        st.error(t("store.error", lang, path=default_store().root, error=exc))
        st.stop()
    data = Dataset.from_tables(tables)
    bounds = flt.year_bounds(data.projects)
    origins = _data_origins(data)
    _initialise_from_url(bounds, origins)
    lang = language_switch()
    filters = filter_bar(lang, bounds, origins)
    _sync_url(lang, filters)
    context = PageContext(
        lang=lang,
        version=version,
        data=data,
        view=apply_filters(data, filters),
        filters=filters,
        map_style=map_style(),
    )
    st.session_state[CONTEXT_KEY] = context
    return context


def page_context() -> PageContext:
    """The context that dashboard.py built for this run."""
    context = st.session_state.get(CONTEXT_KEY)
    if context is None:
        # Streamlit's legacy multipage mode (chosen because a pages/ folder exists) runs a
        # page without dashboard.py when a fresh process's first request opens a page URL.
        # Switch the process to st.navigation mode, as dashboard.py's first run would, and
        # rerun: the shell then runs and hands over to this same page.
        PagesManager.uses_pages_directory = False
        st.rerun()
    return context  # type: ignore[no-any-return]


def demo_notice(context: PageContext) -> None:
    """A visible banner whenever what is shown is the illustrative demo data."""
    if context.version is not None and context.version.demo:
        st.info(t("demo.notice", context.lang), icon=":material/science:")


def provenance(context: PageContext) -> None:
    """The dataset version, date and source, and the reference data's credits, at the foot
    of every page."""
    version, lang = context.version, context.lang
    st.caption(t("attribution", lang))
    if version is None:
        st.caption(t("provenance.empty", lang))
        return
    source = t("source.demo", lang) if version.demo else ", ".join(version.sources) or "–"
    st.caption(
        t(
            "provenance",
            lang,
            version=version.version_id,
            date=formats.format_date(version.created_at, lang),
            source=source,
        )
    )


# -- chart data: the table alternative and the CSV download ------------------------------
def _is_year_column(column: pd.Series) -> bool:
    # Years are written without thousands separators ("2019", not "2.019").
    name = str(column.name).lower()
    if not pd.api.types.is_integer_dtype(column) or not ("year" in name or "anno" in name):
        return False
    values = column.dropna()
    return bool(values.between(1800, 2200).all())


def _readable(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    # Numbers and dates written the user's way for reading; the download keeps raw values.
    shown = frame.copy()
    for name in shown.columns:
        column = shown[name]
        if pd.api.types.is_bool_dtype(column):
            continue
        if _is_year_column(column):
            shown[name] = column.map(lambda v: "–" if pd.isna(v) else str(int(v)))
        elif pd.api.types.is_numeric_dtype(column):
            whole = bool(column.dropna().mod(1).eq(0).all())
            decimals = 0 if whole else 1
            shown[name] = column.map(lambda v, d=decimals: formats.format_number(v, lang, d))
        elif pd.api.types.is_datetime64_any_dtype(column):
            shown[name] = column.map(lambda v: formats.format_date(v, lang))
    return shown


def chart_data(
    frame: pd.DataFrame,
    *,
    lang: Lang,
    filename: str,
    label_key: str | None = None,
    expanded: bool = False,
) -> None:
    """A chart's table alternative and a UTF-8 CSV (with BOM, for Excel) of exactly that frame."""
    private = schema.PRIVATE_COLUMNS & {str(c) for c in frame.columns}
    if private:
        raise ValueError(f"personal data must never be shown: {sorted(private)}")
    numeric = [
        c
        for c in frame.columns
        if pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
    ]
    right = {c: st.column_config.TextColumn(alignment="right") for c in numeric}
    with st.expander(t(label_key or "table.show", lang), expanded=expanded):
        st.dataframe(_readable(frame, lang), hide_index=True, column_config=right)
        st.download_button(
            t("table.download", lang),
            data=frame.to_csv(index=False).encode("utf-8-sig"),
            file_name=filename,
            mime="text/csv",
            key=f"download-{filename}",
            on_click="ignore",
            icon=":material/download:",
        )
