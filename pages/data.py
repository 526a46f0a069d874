"""Data ("Dati"), for staff only: sign in, then

- **templates** of every kind (Excel and CSV, in the page's language);
- **upload and check** CSV and Excel files, replacing tables or updating rows (chosen
  explicitly), with the report (errors first, grouped by problem, filterable, downloadable),
  the preview of what changes against the current version, and saving it as a new version
  with a note (the signed-in person is its author);
- the **history** of versions, each version's original files, the difference between any
  two versions and the rollback to an earlier one;
- the **data quality** of the current version.

Who may sign in is ponti/auth.py's business (OpenID Connect, a staff password or the local
demo's password). Files go through ``loaders.prepare_import`` and ``loaders.commit_import``,
the path ``python -m loaders`` takes: a plan is checked against the current version, and a
save is refused when another version became current since (the files are then checked
again and the new preview shown). Every other page reads the current version on its next
run (cached reads are keyed by version id), so a saved version shows everywhere at once.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAuthError
from streamlit.runtime.uploaded_file_manager import UploadedFile

import loaders
import widgets
from loaders import iati
from ponti import auth, changes, formats, issues, provenance, quality, schema, tables, templates
from ponti.i18n import Lang, t, tn
from ponti.store import ConflictError, StoreBusy, VersionStore

PREFIX = "dt_"  # the page's session keys: signing out forgets every one of them
PLAN_KEY = "dt_plan"  # the ImportPlan being looked at
SIGNATURE_KEY = "dt_signature"  # the files and mode it was made from
ROUND_KEY = "dt_round"  # bumped after a save: a new uploader, empty
MODE_KEY = "dt_mode"
NOTE_KEY = "dt_note"
NAME_KEY = "dt_name"
PASSWORD_KEY = "dt_password"
FLASH_KEY = "dt_flash"  # what a callback has to say, shown by the run that follows it
CONFIRM_KEY = "dt_rollback_confirm"
NEWEST_KEY = "dt_newest"  # the newest version when the history's choices were drawn
HISTORY_CHOICES = ("dt_sources_version", "dt_diff_from", "dt_diff_to", "dt_rollback_target")
UPLOAD_TYPES = ("csv", "xlsx", "xml")  # xml: IATI activity files
UNMATCHED_KEY = "dt_iati_unmatched"  # what becomes of IATI activities no association runs
REPORT_STEM = "ponti-report"
MIMES = {".csv": tables.CSV_MIME, ".xlsx": tables.XLSX_MIME}
CHANGES_STEM = "ponti-changes"
EXCEL_ROWS = 1_048_575  # an Excel sheet's rows, less the heading

context = widgets.page_context()
lang = context.lang


# -- sign-in ----------------------------------------------------------------------------------
@st.cache_resource(show_spinner=False)
def _failure_log() -> auth.FailureLog:
    # One per process: failed sign-ins of every session slow every session down.
    return auth.FailureLog()


def _flash(level: str, text: str) -> None:
    st.session_state.setdefault(FLASH_KEY, []).append((level, text))


def _show_flash() -> None:
    show = {"success": st.success, "warning": st.warning, "error": st.error}
    for level, text in st.session_state.pop(FLASH_KEY, []):
        show[level](text)


def _on_password_sign_in(config: auth.StaffConfig) -> None:
    password = str(st.session_state.get(PASSWORD_KEY) or "")
    st.session_state[PASSWORD_KEY] = ""  # the password is not kept beyond this check
    user = auth.password_sign_in(str(st.session_state.get(NAME_KEY) or ""), password, config)
    if user is not None:
        st.session_state[auth.SESSION_KEY] = user
        st.session_state[auth.FAILURES_KEY] = 0
        return
    failures = int(st.session_state.get(auth.FAILURES_KEY, 0)) + 1
    st.session_state[auth.FAILURES_KEY] = failures
    recent = _failure_log().record(time.monotonic())
    time.sleep(auth.failure_delay(failures, recent))
    _flash("error", t("staff.failed", lang))


def _password_form(config: auth.StaffConfig) -> None:
    with st.form("dt_sign_in_form"):
        st.text_input(
            t("staff.name", lang),
            key=NAME_KEY,
            max_chars=auth.MAX_NAME_CHARS,
            autocomplete="name",
            help=t("staff.name.help", lang),
        )
        st.text_input(
            t("staff.password", lang),
            key=PASSWORD_KEY,
            type="password",
            autocomplete="current-password",
        )
        st.form_submit_button(
            t("staff.sign_in", lang),
            key="dt_sign_in",
            type="primary",
            icon=":material/login:",
            on_click=_on_password_sign_in,
            args=(config,),
        )
    if config.demo:
        st.caption(t("staff.demo", lang, password=auth.DEMO_PASSWORD))


def _oidc_buttons(config: auth.StaffConfig, info: dict[str, Any]) -> None:
    if info.get("is_logged_in") is True:
        # Signed in with the provider, but not on the staff list.
        email = formats.escape_markdown(str(info.get("email") or ""))
        st.warning(t("staff.oidc.refused", lang, email=email))
        if st.button(t("staff.sign_out", lang), key="dt_oidc_out", icon=":material/logout:"):
            st.logout()
        return
    for provider in config.providers:
        label = (
            t("staff.oidc", lang)
            if provider is None
            else t("staff.oidc.named", lang, provider=provider.capitalize())
        )
        if st.button(label, key=f"dt_login_{provider or ''}", type="primary"):
            try:
                st.login(provider)
            except StreamlitAuthError:
                st.error(t("staff.oidc.error", lang))


def _sign_in(config: auth.StaffConfig, info: dict[str, Any]) -> None:
    """The sign-in form: nothing of the page's data management is drawn before it."""
    st.subheader(t("staff.title", lang), anchor=False)
    st.caption(t("staff.intro", lang))
    _show_flash()
    if config.method == "oidc":
        _oidc_buttons(config, info)
    else:
        _password_form(config)


def _on_sign_out(oidc: bool) -> None:
    auth.sign_out(st.session_state, prefixes=(PREFIX,))
    if oidc:
        # Here and not after the button: sign_out has just forgotten the button's own click.
        st.logout()


# -- templates -----------------------------------------------------------------------------------
def _templates_tab() -> None:
    st.markdown(t("data.templates.intro", lang))
    st.markdown(t("data.templates.modes", lang))
    existing = context.data.tables()  # examples name rows that exist (public columns only)
    for kind in schema.KINDS:
        with st.container(horizontal=True, vertical_alignment="center"):
            st.markdown(f"**{changes.kind_label(kind, lang)}**", width=160)
            st.download_button(
                t("data.templates.xlsx", lang),
                data=functools.partial(templates.template_xlsx, kind, lang, existing=existing),
                file_name=templates.template_name(kind, lang, "xlsx"),
                mime=tables.XLSX_MIME,
                key=f"dt_template_{kind}_xlsx",
                on_click="ignore",
                icon=":material/table_view:",
            )
            st.download_button(
                t("data.templates.csv", lang),
                data=functools.partial(templates.template_csv, kind, lang, existing=existing),
                file_name=templates.template_name(kind, lang, "csv"),
                mime=tables.CSV_MIME,
                key=f"dt_template_{kind}_csv",
                on_click="ignore",
                icon=":material/download:",
            )


# -- upload, report, preview, save ------------------------------------------------------------
def _forget_upload() -> None:
    for key in (PLAN_KEY, SIGNATURE_KEY, NOTE_KEY, MODE_KEY):
        st.session_state.pop(key, None)
    st.session_state[ROUND_KEY] = int(st.session_state.get(ROUND_KEY, 0)) + 1


def _current_plan(
    store: VersionStore,
    files: Sequence[UploadedFile],
    mode: loaders.Mode,
    unmatched: iati.Unmatched,
) -> loaders.ImportPlan:
    """The plan of these files in this mode, checked against the current version: the one
    made before, unless the files, the mode, the IATI choice or the current version changed
    since."""
    signature = (mode, unmatched, tuple((f.file_id, f.name, f.size) for f in files))
    plan = st.session_state.get(PLAN_KEY)
    current = store.current_id()
    if isinstance(plan, loaders.ImportPlan) and st.session_state.get(SIGNATURE_KEY) == signature:
        if plan.base_version == current:
            return plan
        # Someone saved a version since this preview: check the files again, say so.
        st.warning(t("data.conflict", lang, old=plan.base_version or "–", new=current or "–"))
    with st.status(t("data.checking", lang), expanded=True) as status:
        st.caption(tn("data.checking.files", len(files), lang))
        sources = [loaders.SourceFile(f.name, f.getvalue()) for f in files]
        with iati.reading(unmatched=unmatched, lang=lang):
            plan = loaders.prepare_import(sources, store, mode=mode)
        status.update(
            label=t("data.checked" if plan.ok else "data.checked.errors", lang),
            state="complete" if plan.ok else "error",
            expanded=False,
        )
    st.session_state[PLAN_KEY] = plan
    st.session_state[SIGNATURE_KEY] = signature
    return plan


def _report_downloads(report: loaders.Report) -> None:
    full = report.to_frame(lang)
    widgets.table_downloads(
        lambda: full,
        _metadata(),
        key="dt_report",
        stem=REPORT_STEM,
        labels=(t("data.report.xlsx", lang), t("data.report.csv", lang)),
    )


def _metadata() -> tables.Metadata:
    # A staff download's About sheet: the version looked at, no filter.
    return tables.describe_download(
        lang=lang, version=context.version, filters=None, today=date.today()
    )


def _report_filters(report: loaders.Report) -> list[loaders.Issue]:
    left, middle, right = st.columns(3)
    severities = left.multiselect(
        t("data.filter.severity", lang),
        options=list(issues.SEVERITIES),
        format_func=lambda code: issues.severity_label(code, lang),
        key="dt_filter_severity",
        placeholder=t("data.filter.all", lang),
    )
    files = middle.multiselect(
        t("data.filter.file", lang),
        options=issues.issue_files(report.issues),
        key="dt_filter_file",
        placeholder=t("data.filter.all", lang),
    )
    columns = right.multiselect(
        t("data.filter.column", lang),
        options=issues.issue_columns(report.issues),
        key="dt_filter_column",
        placeholder=t("data.filter.all", lang),
    )
    text = st.text_input(
        t("data.filter.text", lang),
        key="dt_filter_text",
        placeholder=t("data.filter.text.placeholder", lang),
    )
    return issues.select_issues(
        report.issues,
        lang=lang,
        severities=severities,
        files=files,
        columns=columns,
        text=str(text or ""),
    )


def _report(report: loaders.Report) -> None:
    """The report: counts, the problems grouped, every issue (filterable), the downloads."""
    st.subheader(t("data.report.title", lang), anchor=False)
    summary = t(
        "data.report.summary",
        lang,
        errors=tn("data.report.errors", len(report.errors), lang),
        warnings=tn("data.report.warnings", len(report.warnings), lang),
        files=tn("data.report.files", len(report.files), lang),
    )
    if report.errors:
        st.error(summary, icon=":material/error:")
    elif report.warnings:
        st.warning(summary, icon=":material/warning:")
    else:
        st.success(summary, icon=":material/check_circle:")
        return
    st.markdown(f"**{t('data.report.groups', lang)}**")
    st.dataframe(issues.group_issues(report.issues, lang), hide_index=True)
    st.markdown(f"**{t('data.report.issues', lang)}**")
    selected = _report_filters(report)
    shown = loaders.Report(issues=selected, files=list(report.files)).to_frame(lang)
    st.caption(t("data.report.shown", lang, shown=len(shown), total=len(report.issues)))
    # Every row, however many: the grid scrolls, nothing is cut off.
    st.dataframe(shown, hide_index=True)
    _report_downloads(report)


def _on_commit(author: str) -> None:
    plan = st.session_state.get(PLAN_KEY)
    note = " ".join(str(st.session_state.get(NOTE_KEY) or "").split())
    if not isinstance(plan, loaders.ImportPlan):
        return
    if not note:
        _flash("error", t("data.commit.need_note", lang))
        return
    try:
        info = loaders.commit_import(
            plan,
            widgets.get_store(),
            note=note,
            author=author,
            expected_current=plan.base_version,
        )
    except ConflictError as exc:
        # Nothing written; the run that follows checks the files against the new version.
        _flash("warning", t("data.commit.conflict", lang, version=exc.current or "–"))
        return
    except loaders.ImportRefused:
        _flash("error", t("data.report.blocked", lang))
        return
    except StoreBusy as exc:
        # Another writer (an import on the command line) has held the store for too long.
        _flash("error", t("store.error", lang, path=widgets.get_store().location, error=exc))
        return
    _forget_upload()
    _flash("success", t("data.commit.done", lang, version=info.version_id))


def _preview(plan: loaders.ImportPlan, user: auth.StaffUser) -> None:
    """What saving would change, and the form that saves it."""
    st.subheader(t("data.preview.title", lang), anchor=False)
    st.caption(t("data.preview.against", lang, version=plan.base_version or "–"))
    if plan.changes.empty:
        st.info(t("data.preview.nothing", lang))
        return
    st.dataframe(plan.changes.counts(lang), hide_index=True)
    _change_list(
        plan.changes.rows(lang, limit=changes.LISTED_ROWS),
        plan.changes.n_rows,
        lambda: plan.changes.rows(lang),
        key="dt_preview",
    )
    with st.form("dt_commit_form"):
        st.text_input(
            t("data.commit.note", lang),
            key=NOTE_KEY,
            max_chars=200,
            placeholder=t("data.commit.note.placeholder", lang),
        )
        st.caption(t("data.commit.author", lang, name=formats.escape_markdown(user.name)))
        st.form_submit_button(
            t("data.commit.button", lang),
            key="dt_commit",
            type="primary",
            icon=":material/save:",
            on_click=_on_commit,
            args=(user.name,),
        )


def _import_tab(store: VersionStore, user: auth.StaffUser) -> None:
    st.markdown(t("data.upload.intro", lang))
    limit = int(st.get_option("server.maxUploadSize"))
    files = st.file_uploader(
        t("data.upload.files", lang),
        type=list(UPLOAD_TYPES),
        accept_multiple_files=True,
        key=f"dt_files_{st.session_state.get(ROUND_KEY, 0)}",
        help=t("data.upload.help", lang),
    )
    st.caption(t("data.upload.limit", lang, mb=limit))
    mode = st.radio(
        t("data.mode", lang),
        options=loaders.MODES,
        index=None,  # no default: replacing a table by mistake must take a choice
        format_func=lambda code: t(f"data.mode.{code}", lang),
        captions=[t(f"data.mode_help.{code}", lang) for code in loaders.MODES],
        key=MODE_KEY,
    )
    if not files:
        st.info(t("data.upload.none", lang))
        return
    unmatched: iati.Unmatched = "report"
    if any(f.name.lower().endswith(".xml") for f in files):
        st.caption(t("data.iati.intro", lang))
        unmatched = st.radio(
            t("data.iati.unmatched", lang),
            options=iati.UNMATCHED_CHOICES,
            format_func=lambda code: t(f"data.iati.unmatched.{code}", lang),
            key=UNMATCHED_KEY,
            horizontal=True,
        )
    if mode is None:
        st.info(t("data.mode.choose", lang))
        return
    plan = _current_plan(store, files, mode, unmatched)
    _report(plan.report)
    if plan.ok:
        _preview(plan, user)
    elif plan.report.errors:
        st.error(t("data.report.blocked", lang))
    else:
        st.info(t("data.report.empty", lang))


def _change_list(
    shown: pd.DataFrame, total: int, every: Callable[[], pd.DataFrame], *, key: str
) -> None:
    """The changes row by row: the first changes.LISTED_ROWS on the page (`shown`, made alone: an
    import that changes 100,000 projects changes some 600,000 fields), every one of the
    `total` in the downloads, made by `every` when one is clicked."""
    st.dataframe(shown, hide_index=True)
    if total > len(shown):
        st.caption(
            t(
                "data.changes.shown",
                lang,
                shown=formats.format_number(len(shown), lang),
                total=formats.format_number(total, lang),
            )
        )
    widgets.table_downloads(
        every,
        _metadata(),
        key=key,
        stem=CHANGES_STEM,
        labels=(t("data.changes.xlsx", lang), t("data.changes.csv", lang)),
        excel=total <= EXCEL_ROWS,
    )


# -- history ---------------------------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=16)
def _diff(root: str, old: str, new: str, diff_lang: Lang) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    # Versions never change: a pair's difference is worked out once (its counts, its first
    # changes.LISTED_ROWS rows, how many there are).
    found = changes.diff_versions(widgets.open_store(root), old, new)
    return found.counts(diff_lang), found.rows(diff_lang, limit=changes.LISTED_ROWS), found.n_rows


def _every_change(root: str, old: str, new: str, diff_lang: Lang) -> pd.DataFrame:
    # For a download: made again when clicked rather than kept for every pair looked at.
    return changes.diff_versions(widgets.open_store(root), old, new).rows(diff_lang)


def _on_rollback(target: str, seen: str | None, author: str) -> None:
    st.session_state[CONFIRM_KEY] = False
    try:
        info = widgets.get_store().rollback(target, author=author, expected_current=seen)
    except ConflictError as exc:
        _flash("warning", t("data.rollback.conflict", lang, version=exc.current or "–"))
        return
    # A preview made against the old version is made again against the restored one.
    for key in (PLAN_KEY, SIGNATURE_KEY):
        st.session_state.pop(key, None)
    _flash("success", t("data.rollback.done", lang, version=target, new=info.version_id))


def _source_files(store: VersionStore, labels: dict[str, str]) -> None:
    st.subheader(t("data.history.files", lang), anchor=False)
    chosen = st.selectbox(
        t("data.history.version", lang),
        options=list(labels),
        format_func=lambda vid: labels.get(vid, vid),
        key="dt_sources_version",
    )
    sources = store.source_files(chosen) if chosen else []
    if not sources:
        st.caption(t("data.history.files.none", lang))
        return
    with st.container(horizontal=True):
        for number, source in enumerate(sources):
            st.download_button(
                t("data.history.file", lang, name=source.name),
                data=source.data,
                file_name=source.name,
                mime=MIMES.get(Path(source.name).suffix.lower(), "application/octet-stream"),
                key=f"dt_source_{chosen}_{number}",
                on_click="ignore",
                icon=":material/download:",
            )


def _version_diff(store: VersionStore, labels: dict[str, str]) -> None:
    st.subheader(t("data.diff.title", lang), anchor=False)
    ids = list(labels)
    left, right = st.columns(2)
    old = left.selectbox(
        t("data.diff.from", lang),
        options=ids,
        index=min(1, len(ids) - 1),
        format_func=lambda vid: labels.get(vid, vid),
        key="dt_diff_from",
    )
    new = right.selectbox(
        t("data.diff.to", lang),
        options=ids,
        index=0,
        format_func=lambda vid: labels.get(vid, vid),
        key="dt_diff_to",
    )
    if not old or not new or old == new:
        st.info(t("data.diff.same", lang))
        return
    counts, rows, total = _diff(store.location, old, new, lang)
    st.dataframe(counts, hide_index=True)
    if rows.empty:
        st.info(t("data.diff.nothing", lang))
    else:
        every = functools.partial(_every_change, store.location, old, new, lang)
        _change_list(rows, total, every, key=f"dt_diff_{old}_{new}")


def _rollback(labels: dict[str, str], current: str | None, user: auth.StaffUser) -> None:
    st.subheader(t("data.rollback.title", lang), anchor=False)
    st.caption(t("data.rollback.intro", lang))
    earlier = [vid for vid in labels if vid != current]
    if not earlier:
        st.info(t("data.rollback.none", lang))
        return
    target = st.selectbox(
        t("data.rollback.version", lang),
        options=earlier,
        format_func=lambda vid: labels.get(vid, vid),
        key="dt_rollback_target",
    )
    confirmed = st.checkbox(
        t("data.rollback.confirm", lang, version=target, current=current or "–"),
        key=CONFIRM_KEY,
    )
    st.button(
        t("data.rollback.button", lang, version=target),
        key="dt_rollback",
        type="primary",
        icon=":material/history:",
        disabled=not confirmed,
        on_click=_on_rollback,
        args=(target, current, user.name),
    )


def _history_tab(store: VersionStore, user: auth.StaffUser) -> None:
    entries = provenance.history(store)
    if not entries:
        st.info(t("data.history.empty", lang))
        return
    st.caption(t("data.history.intro", lang))
    st.dataframe(provenance.history_frame(entries, lang), hide_index=True)
    newest = entries[0].info.version_id
    if st.session_state.get(NEWEST_KEY) != newest:
        # A version was added: the choices below start again from their defaults (the
        # newest version, and its difference from the one before).
        for key in HISTORY_CHOICES:
            st.session_state.pop(key, None)
        st.session_state[NEWEST_KEY] = newest
    labels = {
        e.info.version_id: f"{e.info.version_id} · {provenance.version_source(e.info, lang)}"
        for e in entries
    }
    current = next((e.info.version_id for e in entries if e.current), None)
    _source_files(store, labels)
    _version_diff(store, labels)
    _rollback(labels, current, user)


# -- data quality ----------------------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=8)
def _quality(root: str, version_id: str, quality_lang: Lang) -> dict[str, pd.DataFrame]:
    # Versions never change: their quality is worked out once.
    return quality.version_quality(widgets.open_store(root), version_id).tables(quality_lang)


def _quality_tab(store: VersionStore) -> None:
    version = store.current_id()
    if version is None:
        st.info(t("data.history.empty", lang))
        return
    st.caption(t("data.quality.intro", lang, version=version))
    for title, frame in _quality(store.location, version, lang).items():
        st.markdown(f"**{title}**")
        if frame.empty:
            st.caption(t("data.quality.none", lang))
        else:
            st.dataframe(frame, hide_index=True)


# -- the page --------------------------------------------------------------------------------
def _signed_in(user: auth.StaffUser) -> None:
    store = widgets.get_store()
    with st.container(horizontal=True, vertical_alignment="center"):
        st.markdown(t("staff.signed_in", lang, name=formats.escape_markdown(user.name)))
        st.button(
            t("staff.sign_out", lang),
            key="dt_sign_out",
            icon=":material/logout:",
            on_click=_on_sign_out,
            args=(user.method == "oidc",),
        )
    _show_flash()
    templates_tab, import_tab, history_tab, quality_tab = st.tabs(
        [
            t("data.tab.templates", lang),
            t("data.tab.import", lang),
            t("data.tab.history", lang),
            t("data.tab.quality", lang),
        ]
    )
    with templates_tab:
        _templates_tab()
    with import_tab:
        _import_tab(store, user)
    with history_tab:
        _history_tab(store, user)
    with quality_tab:
        _quality_tab(store)


st.title(t("data.title", lang))
config = widgets.staff_config()
oidc_info = dict(st.user) if config.method == "oidc" else {}
staff = widgets.staff_user()
if not config.enabled:
    st.info(t("staff.unconfigured", lang), icon=":material/lock:")
elif staff is None:
    _sign_in(config, oidc_info)
else:
    _signed_in(staff)
