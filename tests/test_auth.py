"""The staff sign-in rules (ponti/auth.py): who may sign in, how passwords are compared, the
delay after failed attempts, the demo credential and public mode."""

from __future__ import annotations

import hmac
import itertools
from typing import Any

import pytest

from ponti import auth

PASSWORD = "correct horse battery staple"
OIDC: dict[str, Any] = {
    "auth": {
        "redirect_uri": "https://ponti.example.org/oauth2callback",
        "cookie_secret": "a-long-random-secret",
        "client_id": "ponti",
        "client_secret": "shh",
        "server_metadata_url": "https://id.example.org/.well-known/openid-configuration",
    }
}


def _config(
    secrets: dict[str, Any] | None = None, public: bool = False, **environ: str
) -> auth.StaffConfig:
    return auth.staff_config(secrets or {}, environ, public)


# -- which credential, if any ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("secrets", "environ", "public", "enabled"),
    [
        ({}, {}, False, False),
        ({}, {}, True, False),
        ({}, {"PONTI_STAFF_PASSWORD": PASSWORD}, False, True),
        ({}, {"PONTI_STAFF_PASSWORD": PASSWORD}, True, True),
        ({"staff": {"password": PASSWORD}}, {}, False, True),
        ({"staff": {"password": PASSWORD}}, {}, True, True),
        ({"staff": {"password": "  "}}, {"PONTI_STAFF_PASSWORD": ""}, False, False),
        ({}, {"PONTI_DEMO_STAFF": "1"}, False, True),
        ({}, {"PONTI_DEMO_STAFF": "1"}, True, False),  # the demo credential is never public
        ({}, {"PONTI_DEMO_STAFF": "0"}, False, False),
        (OIDC, {}, False, True),
        (OIDC, {}, True, True),
        ({"auth": {"redirect_uri": "x", "cookie_secret": "y"}}, {}, False, False),  # no provider
        ({"auth": {"client_id": "x", "client_secret": "y"}}, {}, False, False),  # incomplete
    ],
)
def test_staff_enabled_truth_table(
    secrets: dict[str, Any], environ: dict[str, str], public: bool, enabled: bool
) -> None:
    assert auth.staff_enabled(secrets, environ, public) is enabled


def test_openid_connect_comes_first_then_the_password_then_the_demo() -> None:
    both = {**OIDC, "staff": {"password": PASSWORD}}
    assert _config(both, PONTI_DEMO_STAFF="1").method == "oidc"
    config = _config({"staff": {"password": PASSWORD}}, PONTI_DEMO_STAFF="1")
    assert config.method == "password" and not config.demo
    # The secrets' password wins over the environment's.
    config = _config({"staff": {"password": PASSWORD}}, PONTI_STAFF_PASSWORD="other")
    assert auth.password_matches(PASSWORD, config)
    assert not auth.password_matches("other", config)


def test_named_providers_are_offered_each() -> None:
    secrets = {
        "auth": {
            "redirect_uri": "https://ponti.example.org/oauth2callback",
            "cookie_secret": "s",
            "microsoft": {
                "client_id": "a",
                "client_secret": "b",
                "server_metadata_url": "https://login.example.org/meta",
            },
            "broken": {"client_id": "only an id"},
        }
    }
    assert auth.oidc_providers(secrets) == ("microsoft",)
    assert auth.oidc_providers(OIDC) == (None,)


# -- passwords -----------------------------------------------------------------------------------
def test_the_right_password_signs_in_with_the_name_typed() -> None:
    config = _config(PONTI_STAFF_PASSWORD=PASSWORD)
    user = auth.password_sign_in("  Maria   Rossi ", PASSWORD, config)
    assert user == auth.StaffUser(name="Maria Rossi", method="password")


@pytest.mark.parametrize(
    ("name", "password"),
    [
        ("Maria Rossi", "wrong"),
        ("Maria Rossi", PASSWORD.upper()),
        ("Maria Rossi", PASSWORD + " "),
        ("Maria Rossi", ""),
        ("", PASSWORD),  # a name is required: it is the author of what is saved
        ("   ", PASSWORD),
    ],
)
def test_a_wrong_password_or_no_name_is_refused(name: str, password: str) -> None:
    config = _config(PONTI_STAFF_PASSWORD=PASSWORD)
    assert auth.password_sign_in(name, password, config) is None


def test_passwords_are_compared_in_constant_time_as_digests(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compared: list[tuple[bytes, bytes]] = []
    original = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return original(a, b)

    monkeypatch.setattr(auth.hmac, "compare_digest", spy)
    config = _config(PONTI_STAFF_PASSWORD=PASSWORD)
    assert auth.password_matches(PASSWORD, config)
    assert not auth.password_matches("wrong", config)
    assert len(compared) == 2
    # Digests of equal length, never the password itself.
    for given, accepted in compared:
        assert len(given) == len(accepted) == 32
        assert PASSWORD.encode() not in (given, accepted)
    assert PASSWORD not in repr(config)


def test_a_name_is_kept_short() -> None:
    user = auth.password_sign_in("x" * 500, PASSWORD, _config(PONTI_STAFF_PASSWORD=PASSWORD))
    assert user is not None and len(user.name) == auth.MAX_NAME_CHARS


# -- the demo credential --------------------------------------------------------------------------
def test_the_demo_credential_signs_in_to_the_local_demo() -> None:
    config = _config(PONTI_DEMO_STAFF="1")
    assert config.demo
    assert auth.password_sign_in("Demo", auth.DEMO_PASSWORD, config) is not None


@pytest.mark.parametrize(
    ("secrets", "environ", "public"),
    [
        ({}, {"PONTI_DEMO_STAFF": "1"}, True),  # public mode
        ({}, {"PONTI_DEMO_STAFF": "1", "PONTI_STAFF_PASSWORD": PASSWORD}, False),
        ({}, {"PONTI_DEMO_STAFF": "1", "PONTI_STAFF_PASSWORD": PASSWORD}, True),
        ({"staff": {"password": PASSWORD}}, {"PONTI_DEMO_STAFF": "yes"}, False),
        (OIDC, {"PONTI_DEMO_STAFF": "1"}, False),
        ({}, {}, False),  # not asked for
    ],
)
def test_the_demo_credential_is_refused_in_public_mode_and_beside_a_real_one(
    secrets: dict[str, Any], environ: dict[str, str], public: bool
) -> None:
    config = auth.staff_config(secrets, environ, public)
    assert not config.demo
    assert auth.password_sign_in("Demo", auth.DEMO_PASSWORD, config) is None


# -- OpenID Connect ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("staff", "email", "allowed"),
    [
        ({}, "maria@example.org", False),  # nobody is staff until listed
        ({"emails": ["Maria@Example.org"]}, "maria@example.org", True),
        ({"emails": ["maria@example.org"]}, "luca@example.org", False),
        ({"domains": ["example.org"]}, "luca@example.org", True),
        ({"domains": ["@example.org"]}, "luca@example.org", True),
        ({"domains": ["example.org"]}, "luca@example.org.evil.com", False),
        ({"domains": ["example.org"]}, "luca@sub.example.org", False),
        ({"domains": ["example.org"]}, "", False),
    ],
)
def test_an_account_is_staff_only_when_listed(
    staff: dict[str, Any], email: str, allowed: bool
) -> None:
    config = _config({**OIDC, "staff": staff})
    info = {"is_logged_in": True, "name": "Maria Rossi", "email": email}
    user = auth.oidc_user(info, config)
    assert (user is not None) is allowed
    if user is not None:
        assert user == auth.StaffUser("Maria Rossi", "oidc", email)


def test_an_account_not_signed_in_is_nobody() -> None:
    config = _config({**OIDC, "staff": {"domains": ["example.org"]}})
    assert auth.oidc_user({"email": "maria@example.org"}, config) is None
    assert auth.oidc_user({"is_logged_in": False, "email": "maria@example.org"}, config) is None
    named = auth.oidc_user({"is_logged_in": True, "email": "maria@example.org"}, config)
    assert named is not None and named.name == "maria@example.org"  # no name: the email


# -- the session ---------------------------------------------------------------------------------
def test_the_session_keeps_a_sign_in_only_while_the_configuration_allows_it() -> None:
    password = _config(PONTI_STAFF_PASSWORD=PASSWORD)
    user = auth.StaffUser("Maria Rossi", "password")
    session: dict[str, Any] = {auth.SESSION_KEY: user}
    assert auth.current_staff(session, password) == user
    # The password is no longer configured: the session forgets the sign-in.
    assert auth.current_staff(session, _config()) is None
    assert auth.SESSION_KEY not in session
    # Something else in the key is not a sign-in.
    session[auth.SESSION_KEY] = "Maria Rossi"
    assert auth.current_staff(session, password) is None


def test_openid_sessions_follow_the_provider() -> None:
    config = _config({**OIDC, "staff": {"emails": ["maria@example.org"]}})
    session: dict[str, Any] = {}
    info = {"is_logged_in": True, "name": "Maria", "email": "maria@example.org"}
    assert auth.current_staff(session, config, info) is not None
    assert isinstance(session[auth.SESSION_KEY], auth.StaffUser)
    assert auth.current_staff(session, config, {"is_logged_in": False}) is None
    assert auth.SESSION_KEY not in session


def test_signing_out_forgets_the_staff_state_of_the_session() -> None:
    session: dict[str, Any] = {
        auth.SESSION_KEY: auth.StaffUser("Maria Rossi", "password"),
        "dt_plan": object(),
        "dt_note": "Censimento",
        "lang": "it",
        "f_years": (2010, 2024),
    }
    auth.sign_out(session, prefixes=("dt_",))
    assert session == {"lang": "it", "f_years": (2010, 2024)}


# -- delays --------------------------------------------------------------------------------------
def test_the_delay_grows_with_each_failure_up_to_a_limit() -> None:
    delays = [auth.failure_delay(n) for n in range(12)]
    assert delays[0] == 0.0
    assert delays[1:6] == [1.0, 2.0, 4.0, 8.0, 16.0]
    assert all(a <= b for a, b in itertools.pairwise(delays))
    assert max(delays) == auth.MAX_DELAY == delays[-1]
    assert auth.failure_delay(10_000) == auth.MAX_DELAY


def test_failures_across_the_process_slow_every_session() -> None:
    # A fresh session of a process that has seen many failures still waits.
    assert auth.failure_delay(1, 0) == 1.0
    assert auth.failure_delay(1, auth.PROCESS_STEP * 3) == 4.0
    assert auth.failure_delay(0, auth.PROCESS_STEP) == 1.0
    assert auth.failure_delay(1, auth.PROCESS_STEP * 100) == auth.MAX_DELAY


def test_the_failure_log_counts_recent_failures_only() -> None:
    log = auth.FailureLog(window=60.0)
    assert log.recent(0.0) == 0
    assert [log.record(t) for t in (0.0, 10.0, 20.0)] == [1, 2, 3]
    assert log.recent(30.0) == 3
    assert log.recent(65.0) == 2  # the failure at 0 s is more than a minute old
    assert log.record(200.0) == 1
