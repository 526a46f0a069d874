"""OpenID Connect sign-in end to end, in Chromium, against a real (local) provider.

Ponti runs in its own Streamlit process with an ``[auth]`` section pointing at
tests/oidc_provider.py on loopback, and a staff list. Nothing is faked: the button calls
``st.login``, Streamlit (Authlib) redirects to the provider, the test picks an account on the
provider's page, the provider redirects back with a code, Streamlit exchanges it (client secret,
RS256 ID token checked against the provider's keys, nonce and issuer) and sets its signed
cookie, and each new page session reads ``st.user`` from that cookie. An account on the staff
list gets the Data page's tabs and the contact details of a profile, under its name; signing
out ends the sign-in (also at the provider); an account not on the list is refused and can
sign out to try another. The provider runs on loopback: no request leaves the machine.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ponti import auth, privacy, schema
from ponti.i18n import Lang, t
from ponti.store import Store
from tests.oidc_provider import Account, OpenIDProvider

pytestmark = pytest.mark.browser
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
LANG: Lang = "en"
CLIENT_ID = "ponti-test"
ASSOCIATION = "ASS-0034"
STAFF = Account(sub="u-maria", email="maria.rossi@comune.example", name="Maria Rossi")
OUTSIDER = Account(sub="u-eve", email="eve@elsewhere.example", name="Eve Outsider")
# Streamlit's signed identity cookie, which every new session reads st.user from.
USER_COOKIE = "_streamlit_user"
# Streamlit puts the port it serves on into the redirect URI: the test server's is random.
REDIRECT_URI = "http://127.0.0.1:{port}/oauth2callback"


def _secrets_toml(provider: OpenIDProvider, client_secret: str) -> str:
    return (
        "[auth]\n"
        f'redirect_uri = "{REDIRECT_URI}"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        f'client_id = "{CLIENT_ID}"\n'
        f'client_secret = "{client_secret}"\n'
        f'server_metadata_url = "{provider.metadata_url}"\n'
        "\n[staff]\n"
        # One address listed; the outsider's domain is not.
        f'emails = ["{STAFF.email}"]\n'
        'domains = ["staff.example"]\n'
    )


def _open(page: Any, url: str, path: str, drawn: Callable[[Any], Any]) -> None:
    """A page of Ponti in a new session (which reads st.user from the cookie), once the
    locator ``drawn(page)`` shows and the script run that drew it has ended."""
    page.goto(f"{url}/{path}", wait_until="load")
    drawn(page).first.wait_for(timeout=90_000)
    page.wait_for_selector(IDLE, timeout=90_000)
    page.wait_for_timeout(500)


def _open_data(page: Any, url: str) -> None:
    _open(
        page,
        url,
        f"data?lang={LANG}",
        lambda p: p.get_by_text(t("staff.title", LANG)).or_(
            p.get_by_role("button", name=t("staff.sign_out", LANG))
        ),
    )


def _back_at_root(page: Any, url: str, after: str) -> None:
    # Streamlit's callback and logout routes end by sending the browser to the app's root
    # (its cookie is set or cleared by then: no need to wait for the Overview to draw).
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_url(f"{url}/", wait_until="commit", timeout=60_000)
    if page.url != f"{url}/":
        pytest.fail(f"{after}: the browser stayed at {page.url}, not back at Ponti's root")


def _sign_in(page: Any, url: str, provider: OpenIDProvider, account: Account) -> None:
    """From the Data page's button, through the provider's page, back to Ponti."""
    _open_data(page, url)
    page.get_by_role("button", name=t("staff.oidc", LANG)).click()
    page.wait_for_url(f"{provider.issuer}/authorize?**", timeout=60_000)
    page.get_by_role("button", name=f"{account.name} <{account.email}>").click()
    _back_at_root(page, url, f"signing in as {account.email}")


def _sign_out(page: Any, url: str, provider: OpenIDProvider, account: Account) -> None:
    """The Data page's Sign out: Streamlit's cookie is cleared and the provider's session
    ended too (its end_session_endpoint, given the ID token as the hint)."""
    _open_data(page, url)
    ended = len(provider.record.logouts)
    page.get_by_role("button", name=t("staff.sign_out", LANG)).click()
    _back_at_root(page, url, f"signing {account.email} out")
    assert USER_COOKIE not in _cookies(page)
    [logout] = provider.record.logouts[ended:]
    assert logout["client_id"] == CLIENT_ID
    assert logout["id_token_hint"] == provider.record.encoded_id_tokens[-1]


def _profile_text(page: Any, url: str, name: str) -> str:
    """The text of ASSOCIATION's profile, drawn in a new session."""
    main = "[data-testid=stMain]"
    _open(
        page,
        url,
        f"association?id={ASSOCIATION}&lang={LANG}",
        lambda p: p.locator(main).get_by_text(name),
    )
    return str(page.locator(main).inner_text())


def _no_contacts(shown: str, private: list[str]) -> bool:
    return t("data.contacts.title", LANG) not in shown and not [v for v in private if v in shown]


def _sign_in_button(page: Any) -> int:
    return int(page.get_by_role("button", name=t("staff.oidc", LANG)).count())


def _staff_tabs(page: Any) -> int:
    return int(page.get_by_role("tab", name=t("data.tab.templates", LANG)).count())


def _cookies(page: Any) -> set[str]:
    return {cookie["name"] for cookie in page.context.cookies()}


def test_openid_connect_sign_in_end_to_end(
    fresh_store: Store,
    serve: Any,
    page: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    contacts = privacy.read_contacts(fresh_store).set_index(schema.A_ID).loc[ASSOCIATION]
    name = str(contacts[schema.A_NAME])
    private = [str(contacts[c]) for c in contacts.index if c in schema.PRIVATE_COLUMNS]
    assert len(private) == 3  # person, email, phone

    client_secret = secrets.token_urlsafe(24)
    with OpenIDProvider(
        [STAFF, OUTSIDER], client_id=CLIENT_ID, client_secret=client_secret
    ) as provider:
        # The secrets file lives outside the repository: Streamlit's `secrets.files` option,
        # set through its environment variable (serve_ponti hands the server this process's
        # environment), replaces the default locations, so no local secrets.toml interferes.
        secrets_file = tmp_path / "secrets.toml"
        secrets_file.write_text(_secrets_toml(provider, client_secret), encoding="utf-8")
        monkeypatch.setenv("STREAMLIT_SECRETS_FILES", str(secrets_file))
        monkeypatch.delenv(auth.STAFF_PASSWORD_ENV, raising=False)
        monkeypatch.delenv(auth.DEMO_STAFF_ENV, raising=False)
        monkeypatch.delenv("PONTI_PUBLIC", raising=False)

        with serve(fresh_store.root) as url:
            # A visitor: the provider's button, no password form, no tab, no contact.
            _open_data(page, url)
            assert _sign_in_button(page) == 1
            assert page.get_by_label(t("staff.password", LANG)).count() == 0
            assert _staff_tabs(page) == 0
            assert _no_contacts(_profile_text(page, url, name), private)

            # An account the provider signs in but the staff list does not name: refused,
            # with a way out to sign in with another account.
            _sign_in(page, url, provider, OUTSIDER)
            assert USER_COOKIE in _cookies(page)
            _open_data(page, url)
            refused = t("staff.oidc.refused", LANG, email=OUTSIDER.email)
            assert page.get_by_text(refused).count() == 1
            assert _staff_tabs(page) == 0 and _sign_in_button(page) == 0
            page.screenshot(path=str(tmp_path / "oidc-refused.png"), full_page=True)
            assert _no_contacts(_profile_text(page, url, name), private)
            _sign_out(page, url, provider, OUTSIDER)

            # A listed account signs in at the provider and comes back as staff, named as the
            # provider names it.
            _sign_in(page, url, provider, STAFF)
            assert USER_COOKIE in _cookies(page)
            _open_data(page, url)
            assert _staff_tabs(page) == 1
            signed_in = t("staff.signed_in", LANG, name=STAFF.name).replace("**", "")
            assert page.get_by_text(signed_in).count() == 1
            page.screenshot(path=str(tmp_path / "oidc-signed-in.png"), full_page=True)
            # Each code was exchanged with the client's secret, and each ID token carried the
            # nonce that Streamlit sent with its sign-in request.
            assert provider.record.token_errors == []
            asked, issued = provider.record.authorizations, provider.record.id_tokens
            assert [token["sub"] for token in issued] == [OUTSIDER.sub, STAFF.sub]
            for request, claims in zip(asked, issued, strict=True):
                assert request["redirect_uri"] == f"{url}/oauth2callback"
                assert request["nonce"] and claims["nonce"] == request["nonce"]
                assert (claims["iss"], claims["aud"]) == (provider.issuer, CLIENT_ID)

            # Staff see the association's contact details.
            shown = _profile_text(page, url, name)
            assert t("data.contacts.title", LANG) in shown
            assert [value for value in private if value in shown] == private

            # Signing out: a visitor again, on every page.
            _sign_out(page, url, provider, STAFF)
            _open_data(page, url)
            assert _sign_in_button(page) == 1 and _staff_tabs(page) == 0
            assert _no_contacts(_profile_text(page, url, name), private)

    # The provider is on loopback: nothing left the machine.
    assert page.external_requests == []
