"""The Data page (pages/data.py) through AppTest, as dashboard.py runs it: the sign-in gate,
upload and report, preview and save, a save that loses the race, history and rollback, data
quality, templates, and the contact details that only a signed-in staff session sees."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import loaders
from ponti import auth, changes, formats, i18n, privacy, schema, templates
from ponti.i18n import t
from ponti.store import Store
from tests.apptest import open_app
from tests.conftest import staff_site

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEMO_FILES = Path(__file__).resolve().parent.parent / "data" / "demo"
PASSWORD = "test-staff-password"
AUTHOR = "Maria Rossi"
# Update mode against the demo: four errors (three unknown lead associations, an amount that
# is not a number), then six corrections that are all valid.
WITH_ERRORS = "projects-bad-amount.csv"
CORRECTED = "projects-six-corrections.csv"
# Controls that manage data: none may exist before sign-in.
MANAGING_KEYS = ("dt_mode", "dt_commit", "dt_rollback", "dt_sign_out", "dt_note")


@pytest.fixture
def staff_env(demo_env: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The demo store and a staff password in the environment (no demo credential)."""
    staff_site(monkeypatch, PASSWORD)
    yield demo_env


def _keys(at: AppTest) -> set[str]:
    keys: set[str] = set()
    for kind in ("button", "text_input", "radio", "checkbox", "selectbox", "multiselect"):
        keys |= {str(w.key) for w in at.get(kind) if w.key}
    return keys


def _walk(node: Any) -> Iterator[Any]:
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _walk(child)


def _page_text(at: AppTest) -> str:
    """Everything the page sent: every element's proto, and the markdown as written."""
    protos = [str(n.proto) for n in _walk(at._tree) if getattr(n, "proto", None)]
    return "\n".join([*protos, *(m.value for m in at.markdown)])


def _sign_in(at: AppTest, name: str = AUTHOR, password: str = PASSWORD) -> AppTest:
    at.text_input(key="dt_name").input(name)
    at.text_input(key="dt_password").input(password)
    at.button(key="dt_sign_in").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _upload(at: AppTest, *names: str, mode: str) -> AppTest:
    at.get("file_uploader")[0].set_value(
        [(name, (FIXTURES / name).read_bytes(), "text/csv") for name in names]
    )
    at.radio(key="dt_mode").set_value(mode)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _frames(at: AppTest) -> list[pd.DataFrame]:
    return [frame.value for frame in at.dataframe]


def _frame_with(at: AppTest, heading: str) -> pd.DataFrame:
    found = [frame for frame in _frames(at) if heading in frame.columns]
    assert found, f"no table headed {heading!r}"
    return found[0]


# -- the gate ------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["it", "en"])
def test_without_sign_in_only_the_sign_in_form_is_shown(staff_env: Store, lang: str) -> None:
    at = open_app("data", {"lang": lang})
    assert at.title[0].value == t("data.title", lang)
    assert t("staff.title", lang) in [s.value for s in at.subheader]
    assert {"dt_name", "dt_password", "dt_sign_in"} <= _keys(at)
    assert not set(MANAGING_KEYS) & _keys(at)
    assert not at.get("file_uploader") and not at.tabs
    assert not [b for b in at.get("download_button") if str(b.key).startswith("dt_")]
    # No table of the store, no demo password hint (a real password is configured).
    assert not at.dataframe
    assert auth.DEMO_PASSWORD not in _page_text(at)


@pytest.mark.parametrize("public", [False, True])
def test_without_a_credential_or_in_public_mode_there_is_no_data_page(
    demo_env: Store, monkeypatch: pytest.MonkeyPatch, public: bool
) -> None:
    monkeypatch.delenv(auth.STAFF_PASSWORD_ENV, raising=False)
    monkeypatch.delenv(auth.DEMO_STAFF_ENV, raising=False)
    if public:
        # A real credential configured, but Ponti is public: still no staff page.
        monkeypatch.setenv(auth.STAFF_PASSWORD_ENV, PASSWORD)
        monkeypatch.setenv("PONTI_PUBLIC", "1")
    at = open_app("data", {"lang": "en"})
    # The address of the Data page opens no Data page: it is not registered at all.
    assert t("data.title", "en") not in [title.value for title in at.title]
    assert not at.text_input and not at.get("file_uploader")
    assert t("staff.sign_in", "en") not in [b.label for b in at.button]


def test_a_failed_sign_in_says_not_which_part_was_wrong_and_waits(staff_env: Store) -> None:
    at = open_app("data", {"lang": "it"})
    _sign_in(at, password="wrong")
    wrong_password = [e.value for e in at.error]
    _sign_in(at, name="", password=PASSWORD)
    no_name = [e.value for e in at.error]
    assert wrong_password == no_name == [t("staff.failed", "it")]
    assert at.session_state[auth.FAILURES_KEY] == 2
    assert not set(MANAGING_KEYS) & _keys(at)
    # The password field is emptied after every attempt: the password is never kept.
    assert at.text_input(key="dt_password").value == ""
    assert PASSWORD not in _page_text(at)
    _sign_in(at)
    assert t("staff.signed_in", "it", name=AUTHOR) in [m.value for m in at.markdown]
    assert at.session_state[auth.FAILURES_KEY] == 0


def test_signing_out_clears_the_staff_state(staff_env: Store) -> None:
    at = _sign_in(open_app("data", {"lang": "en"}))
    _upload(at, CORRECTED, mode="update")
    assert "dt_plan" in at.session_state
    at.button(key="dt_sign_out").click().run()
    assert not at.exception
    assert auth.SESSION_KEY not in at.session_state and "dt_plan" not in at.session_state
    assert not set(MANAGING_KEYS) & _keys(at)
    assert {"dt_name", "dt_password"} <= _keys(at)


OIDC_SECRETS: dict[str, Any] = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "a-long-random-test-secret",
        "client_id": "ponti",
        "client_secret": "test",
        "server_metadata_url": "https://id.example.org/.well-known/openid-configuration",
    },
    "staff": {"domains": ["example.org"]},
}


def _oidc_app(user: dict[str, Any]) -> AppTest:
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "dashboard.py"))
    at.default_timeout = 120
    at.secrets = {key: dict(value) for key, value in OIDC_SECRETS.items()}
    at.user = user
    at.query_params["lang"] = "en"
    at.switch_page("pages/data.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_openid_connect_signs_in_listed_accounts_only(staff_env: Store) -> None:
    # Nobody signed in: the provider's button, no password form, nothing else.
    at = _oidc_app({"is_logged_in": False})
    assert t("staff.oidc", "en") in [b.label for b in at.button]
    assert not at.text_input and not set(MANAGING_KEYS) & _keys(at)
    # An account outside the staff list is refused.
    at = _oidc_app({"is_logged_in": True, "name": "Eve", "email": "eve@elsewhere.net"})
    assert t("staff.oidc.refused", "en", email=formats.escape_markdown("eve@elsewhere.net")) in [
        w.value for w in at.warning
    ]
    assert not set(MANAGING_KEYS) & _keys(at)
    assert not at.get("file_uploader")
    # A listed account is staff, named as the provider names it.
    at = _oidc_app({"is_logged_in": True, "name": "Maria Rossi", "email": "maria@example.org"})
    assert t("staff.signed_in", "en", name=AUTHOR) in [m.value for m in at.markdown]
    assert at.session_state[auth.SESSION_KEY] == auth.StaffUser(AUTHOR, "oidc", "maria@example.org")
    # An address the provider has not verified signs in nobody, even a listed one.
    at = _oidc_app(
        {
            "is_logged_in": True,
            "name": "Maria Rossi",
            "email": "maria@example.org",
            "email_verified": False,
        }
    )
    assert not set(MANAGING_KEYS) & _keys(at)


def test_signing_out_of_openid_connect_signs_out_at_the_provider(
    staff_env: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _oidc_app({"is_logged_in": True, "name": "Maria Rossi", "email": "maria@example.org"})
    logouts: list[bool] = []
    monkeypatch.setattr(st, "logout", lambda: logouts.append(True))
    at.button(key="dt_sign_out").click().run()
    assert logouts == [True]


# -- upload, report, preview, save, history, rollback ---------------------------------------------
def test_report_preview_save_history_and_rollback(
    staff_env: Store, downloads: dict[str, bytes]
) -> None:
    store = staff_env
    before = store.read_all()
    first = store.current_id()
    at = _sign_in(open_app("data", {"lang": "it"}))
    assert [tab.label for tab in at.tabs] == [
        t(key, "it")
        for key in ("data.tab.templates", "data.tab.import", "data.tab.history", "data.tab.quality")
    ]
    # The mode is a choice to make: nothing is checked before it is made.
    at.get("file_uploader")[0].set_value(
        [(WITH_ERRORS, (FIXTURES / WITH_ERRORS).read_bytes(), "text/csv")]
    )
    at.run()
    assert at.radio(key="dt_mode").value is None
    assert t("data.mode.choose", "it") in [i.value for i in at.info]
    assert "dt_plan" not in at.session_state

    # 1. A file with errors: the report, grouped, errors first; nothing can be saved.
    at.radio(key="dt_mode").set_value("update").run()
    assert not at.exception
    groups = _frame_with(at, t("data.group.count", "it"))
    assert list(groups[t("data.group.code", "it")]) == ["unknown-reference", "bad-number"]
    assert list(groups[t("data.group.count", "it")]) == [3, 1]
    assert set(groups[t("data.group.severity", "it")]) == {t("data.severity.error", "it")}
    where = groups[t("data.group.where", "it")].iloc[0]
    assert where == f"{WITH_ERRORS}: 2, 4, 5"
    detail = _frame_with(at, "Valore")
    assert len(detail) == 4 and list(detail["Riga"]) == [2, 4, 5, 5]
    assert t("data.report.blocked", "it") in [e.value for e in at.error]
    assert "dt_commit" not in _keys(at)
    # Filters narrow the detailed table; the report downloads hold every issue.
    at.multiselect(key="dt_filter_column").set_value(["Importo richiesto"]).run()
    detail = _frame_with(at, "Valore")
    assert list(detail["Codice"]) == ["bad-number"]
    at.multiselect(key="dt_filter_column").set_value([])
    at.text_input(key="dt_filter_text").input("ASS-2").run()
    assert list(_frame_with(at, "Valore")["Valore"]) == ["ASS-2"]
    reports = {Path(n).suffix: d for n, d in downloads.items() if n.startswith("ponti-report")}
    assert reports[".csv"].decode("utf-8-sig").count("unknown-reference") == 3
    book = openpyxl.load_workbook(io.BytesIO(reports[".xlsx"]))
    assert book.worksheets[0].max_row == 5  # the header and the four issues
    assert store.current_id() == first

    # 2. The corrected file, in update mode: a clean report and the preview.
    at.text_input(key="dt_filter_text").input("")
    _upload(at, CORRECTED, mode="update")
    clean = t("data.report.summary", "it", errors="0 errori", warnings="0 avvisi", files="1 file")
    assert clean in [m.value for m in at.success]
    counts = _frame_with(at, "Righe prima")
    assert counts.iloc[0].to_dict() == {
        "Tipo": "Progetti",
        "Righe prima": 730,
        "Righe dopo": 730,
        "Aggiunte": 0,
        "Modificate": 6,
        "Eliminate": 0,
    }
    rows = _frame_with(at, "Prima")
    assert set(rows["Riga"]) == {
        "PRJ-0001",
        "PRJ-0002",
        "PRJ-0003",
        "PRJ-0004",
        "PRJ-0007",
        "PRJ-0008",
    }
    granted = rows[(rows["Riga"] == "PRJ-0001") & (rows["Colonna"] == "Importo concesso (EUR)")]
    assert granted["Dopo"].tolist() == ["18.500"]

    # 3. Saving needs a note; then a new version with the note and the signed-in author.
    at.button(key="dt_commit").click().run()
    assert t("data.commit.need_note", "it") in [e.value for e in at.error]
    assert store.current_id() == first
    at.text_input(key="dt_note").input("Correzioni di dicembre")
    at.button(key="dt_commit").click().run()
    assert not at.exception
    saved = store.current()
    assert saved is not None and saved.version_id != first
    assert (saved.note, saved.author, saved.mode, saved.sources) == (
        "Correzioni di dicembre",
        AUTHOR,
        "update",
        (CORRECTED,),
    )
    assert t("data.commit.done", "it", version=saved.version_id) in [s.value for s in at.success]
    projects = store.read(schema.PROJECTS).set_index(schema.P_ID)
    assert projects.loc["PRJ-0001", schema.P_GRANTED] == 18_500.0
    # The whole app shows the new version in this very run: the shell read it, not a cache.
    assert at.session_state["ponti_context"].version.version_id == saved.version_id
    # The upload is forgotten: a fresh uploader and no mode chosen.
    assert not at.get("file_uploader")[0].value and at.radio(key="dt_mode").value is None

    # 4. History: the new version first, with its author and note; its original file.
    history = _frame_with(at, "Autore")
    assert history.iloc[0]["Versione"] == f"{saved.version_id} (corrente)"
    assert (history.iloc[0]["Autore"], history.iloc[0]["Nota"]) == (AUTHOR, saved.note)
    assert history.iloc[1]["Versione"] == first
    assert downloads[CORRECTED] == (FIXTURES / CORRECTED).read_bytes()
    # The difference between the two versions, newest against the one before, by default.
    diff = _frame_with(at, "Righe dopo")
    assert diff[diff["Tipo"] == "Progetti"]["Modificate"].tolist() == [6]

    # 5. Rollback to the first version: confirmed, then exactly the earlier data, anew.
    assert at.button(key="dt_rollback").disabled
    at.selectbox(key="dt_rollback_target").select(first)
    at.checkbox(key="dt_rollback_confirm").check().run()
    at.button(key="dt_rollback").click().run()
    assert not at.exception
    restored = store.current()
    assert restored is not None and restored.version_id not in (first, saved.version_id)
    assert (restored.restored_from, restored.author, restored.mode) == (first, AUTHOR, "rollback")
    after = store.read_all()
    for kind in schema.KINDS:
        pd.testing.assert_frame_equal(after[kind], before[kind])
    assert t("data.rollback.done", "it", version=first, new=restored.version_id) in [
        s.value for s in at.success
    ]
    assert len(store.versions()) == 3  # nothing deleted


def test_a_save_that_loses_the_race_writes_nothing_and_shows_the_new_preview(
    staff_env: Store,
) -> None:
    store = staff_env
    at = _upload(_sign_in(open_app("data", {"lang": "en"})), CORRECTED, mode="update")
    seen = store.current_id()
    # Someone else saves the same corrections meanwhile (by the command line's path).
    other, _ = loaders.import_files(
        [FIXTURES / CORRECTED], store, mode="update", note="Someone else", author="Luca Bianchi"
    )
    assert other is not None and other.version_id != seen
    at.text_input(key="dt_note").input("Mine")
    at.button(key="dt_commit").click().run()
    assert not at.exception
    assert store.current_id() == other.version_id  # nothing of ours was written
    warnings = [w.value for w in at.warning]
    assert t("data.commit.conflict", "en", version=other.version_id) in warnings
    assert t("data.conflict", "en", old=seen, new=other.version_id) in warnings
    # The new preview is against the new version: the same corrections now change nothing.
    plan = at.session_state["dt_plan"]
    assert plan.base_version == other.version_id and plan.changes.empty
    assert t("data.preview.nothing", "en") in [i.value for i in at.info]
    assert "dt_commit" not in _keys(at)


def test_replace_mode_of_a_partial_file_is_refused_with_the_reasons(staff_env: Store) -> None:
    at = _upload(_sign_in(open_app("data", {"lang": "en"})), CORRECTED, mode="replace")
    groups = _frame_with(at, t("data.group.count", "en"))
    assert (groups[t("data.group.severity", "en")] == t("data.severity.error", "en")).all()
    assert groups[t("data.group.count", "en")].sum() == len(at.session_state["dt_plan"].report)
    assert "dt_commit" not in _keys(at)


# -- templates and quality ---------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["it", "en"])
def test_templates_of_every_kind_in_the_language(
    staff_env: Store, downloads: dict[str, bytes], lang: i18n.Lang
) -> None:
    _sign_in(open_app("data", {"lang": lang}))
    for kind in schema.KINDS:
        for fmt in templates.FORMATS:
            assert templates.template_name(kind, lang, fmt) in downloads
    # The projects template's example names an association Ponti has.
    text = downloads[templates.template_name(schema.PROJECTS, lang, "csv")].decode("utf-8-sig")
    first = str(staff_env.read(schema.ASSOCIATIONS)[schema.A_ID].iloc[0])
    assert first in text.splitlines()[1]


def test_data_quality_of_the_current_version(staff_env: Store) -> None:
    at = _sign_in(open_app("data", {"lang": "en"}))
    completeness = _frame_with(at, "Completeness")
    assert len(completeness) == sum(len(schema.COLUMNS[k]) for k in schema.KINDS)
    titles = [m.value for m in at.markdown]
    assert "**Suspected duplicate associations**" in titles


# -- contact details ------------------------------------------------------------------------------
def _contact_values(store: Store, association_id: str) -> list[str]:
    contacts = privacy.read_contacts(store).set_index(schema.A_ID).loc[association_id]
    return [str(contacts[c]) for c in contacts.index if c in schema.PRIVATE_COLUMNS]


def _shown_contacts(values: list[str], shown: str) -> list[str]:
    """The values found in what the page sent, as stored or as markdown escapes them."""
    return [v for v in values if v in shown or formats.escape_markdown(v) in shown]


def test_contact_details_appear_on_a_profile_only_when_signed_in(staff_env: Store) -> None:
    values = _contact_values(staff_env, "ASS-0034")
    assert len(values) == 3  # person, email, phone
    visitor = open_app("association", {"lang": "it", "id": "ASS-0034"})
    shown = _page_text(visitor)
    assert t("data.contacts.title", "it") not in shown
    assert not _shown_contacts(values, shown)

    at = _sign_in(open_app("data", {"lang": "it"}))
    at.query_params["id"] = "ASS-0034"
    at.switch_page("pages/association.py").run()
    assert not at.exception
    assert t("data.contacts.title", "it") in [s.value for s in at.subheader]
    assert _shown_contacts(values, _page_text(at)) == values

    # Signed out: gone again.
    at.switch_page("pages/data.py").run()
    at.button(key="dt_sign_out").click().run()
    at.switch_page("pages/association.py").run()
    shown = _page_text(at)
    assert t("data.contacts.title", "it") not in shown
    assert not _shown_contacts(values, shown)


# -- the demo credential and public mode --------------------------------------------------------
@pytest.fixture
def navigation(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The URL paths dashboard.py registers, one list per run."""
    import streamlit as st

    registered: list[list[str]] = []
    original = st.navigation

    def recording(pages: Any, **kwargs: Any) -> Any:
        registered.append([page.url_path for page in pages])
        return original(pages, **kwargs)

    monkeypatch.setattr(st, "navigation", recording)
    return registered


def test_the_local_demo_signs_in_with_the_demo_credential(
    demo_env: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(auth.STAFF_PASSWORD_ENV, raising=False)
    monkeypatch.delenv("PONTI_PUBLIC", raising=False)
    monkeypatch.setenv(auth.DEMO_STAFF_ENV, "1")
    at = open_app("data", {"lang": "it"})
    assert t("staff.demo", "it", password=auth.DEMO_PASSWORD) in [c.value for c in at.caption]
    _sign_in(at, name="Prova", password=auth.DEMO_PASSWORD)
    assert "dt_sign_out" in _keys(at)


def test_public_mode_refuses_the_demo_credential(
    demo_env: Store, monkeypatch: pytest.MonkeyPatch, navigation: list[list[str]]
) -> None:
    monkeypatch.delenv(auth.STAFF_PASSWORD_ENV, raising=False)
    monkeypatch.setenv(auth.DEMO_STAFF_ENV, "1")
    monkeypatch.setenv("PONTI_PUBLIC", "1")
    # No staff page is registered: its address is not a page of the app.
    at = open_app(None, {"lang": "it"})
    assert "data" not in navigation[-1]
    with pytest.raises(ValueError, match="navigation page"):
        at.switch_page("pages/data.py")
    # And were the page reached anyway, the demo credential signs nobody in.
    config = auth.staff_config({}, {auth.DEMO_STAFF_ENV: "1"}, public=True)
    assert not config.enabled
    assert auth.password_sign_in("Prova", auth.DEMO_PASSWORD, config) is None


def test_an_iati_file_adds_projects_and_skips_what_no_association_runs(staff_env: Store) -> None:
    store = staff_env
    first = store.current_id()
    # AICS's file, its first activity implemented by an association Ponti knows.
    xml = (FIXTURES / "iati" / "aics-2.03-several-countries.xml").read_text(encoding="utf-8")
    xml = xml.replace("Associazione Senegalesi di Roma", "Associazione Senegalesi di Ravenna")
    at = _sign_in(open_app("data", {"lang": "en"}))
    at.get("file_uploader")[0].set_value([("aics-2025.xml", xml.encode(), "application/xml")])
    at.radio(key="dt_mode").set_value("update").run()
    assert not at.exception
    # By default an activity no association runs is an error: nothing can be saved.
    assert at.radio(key="dt_iati_unmatched").value == "report"
    assert "dt_commit" not in _keys(at)
    assert t("data.iati.intro", "en") in [c.value for c in at.caption]
    # Skipped with a warning, the others are added.
    at.radio(key="dt_iati_unmatched").set_value("skip").run()
    assert not at.exception
    counts = _frame_with(at, "Rows before").iloc[0].to_dict()
    assert counts["Kind"] == "Projects" and counts["Added"] >= 1
    assert (
        counts["Removed"] == 0 and counts["Rows after"] == counts["Rows before"] + counts["Added"]
    )
    at.text_input(key="dt_note").input("AICS 2025")
    at.button(key="dt_commit").click().run()
    assert not at.exception and store.current_id() != first
    projects = store.read(schema.PROJECTS).set_index(schema.P_ID)
    assert projects.loc["XM-DAC-6-4-012345-01-1", schema.P_LEAD] == "ASS-0011"
    assert "IT-RLOM-COSVILUPPO-2025-007" not in projects.index


def test_a_large_preview_lists_its_first_changes_and_downloads_them_all(
    staff_env: Store, downloads: dict[str, bytes]
) -> None:
    # Every demo project gets a new summary, most new beneficiaries and 500 euros more
    # requested: over 2,000 changed fields, more than the page lists.
    projects = pd.read_csv(DEMO_FILES / "projects.csv", dtype=str, keep_default_na=False)
    expected = (
        len(projects)
        + int((projects["beneficiaries"] != "7").sum())
        + int((projects["amount_requested"] != "").sum())
    )
    assert expected > changes.LISTED_ROWS
    projects["summary"] = projects["summary"] + " Aggiornato."
    projects["beneficiaries"] = "7"
    projects["amount_requested"] = [
        str(int(float(v)) + 500) if v else "" for v in projects["amount_requested"]
    ]
    at = _sign_in(open_app("data", {"lang": "en"}))
    at.get("file_uploader")[0].set_value(
        [("projects.csv", projects.to_csv(index=False).encode(), "text/csv")]
    )
    at.radio(key="dt_mode").set_value("update").run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert _frame_with(at, "Rows before").iloc[0]["Changed"] == len(projects)
    shown = _frame_with(at, "Before")
    assert len(shown) == changes.LISTED_ROWS
    caption = t("data.changes.shown", "en", shown="2,000", total=f"{expected:,}")
    assert caption in [c.value for c in at.caption]
    named = {n: d for n, d in downloads.items() if n.startswith("ponti-changes")}
    assert {Path(n).suffix for n in named} == {".csv", ".xlsx"}
    every = pd.read_csv(
        io.BytesIO(next(d for n, d in named.items() if n.endswith(".csv"))),
        dtype=str,
        keep_default_na=False,
    )
    assert len(every) == expected
    pd.testing.assert_frame_equal(every.head(len(shown)), shown.astype(str), check_dtype=False)
    assert set(every[every["Column"] == shown["Column"].iloc[-1]]["Record"]) <= set(
        projects["project_id"]
    )
