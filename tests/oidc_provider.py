"""A small but real OpenID Connect provider for tests, served on loopback in a thread.

It speaks the authorization-code flow as Streamlit's ``st.login`` (Authlib) uses it, so that a
test can sign in through the real redirects, cookies and token checks instead of faking
``st.user``:

- ``/.well-known/openid-configuration``: the discovery document;
- ``/authorize``: a page where the test picks the account that signs in (a button per account),
  then a redirect to the client's ``redirect_uri`` with a one-time ``code`` and the ``state``;
- ``/token``: checks the client (HTTP Basic or form credentials) and the code (single use,
  short-lived, bound to the client and the redirect URI) and returns an access token and an
  RS256-signed ID token (iss, aud, sub, email, name, nonce, iat, exp, at_hash);
- ``/jwks``: the public signing key; ``/userinfo``: the claims, for a Bearer access token;
- ``/logout``: RP-initiated logout (``end_session_endpoint``), back to an allowed URI.

Signing uses joserfc, which Authlib itself depends on: no other package is needed. Every
authorization, token and logout is recorded, so a test can check what really happened (the
nonce carried through, the client's secret used, the ID token offered at logout).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

CODE_LIFETIME = 60.0  # seconds a code can be exchanged, once
TOKEN_LIFETIME = 3600  # seconds an ID token and an access token are valid
SCOPES = ("openid", "email", "profile")


@dataclass(frozen=True)
class Account:
    """A person the provider can sign in."""

    sub: str
    email: str
    name: str
    email_verified: bool = True

    def claims(self) -> dict[str, Any]:
        """The identity claims of the ID token and of /userinfo."""
        return {
            "sub": self.sub,
            "email": self.email,
            "email_verified": self.email_verified,
            "name": self.name,
        }


@dataclass(frozen=True)
class Grant:
    """A code handed to the client after a sign-in, waiting to be exchanged."""

    account: Account
    client_id: str
    redirect_uri: str
    nonce: str | None
    scope: str
    expires: float


@dataclass
class Record:
    """What happened at the provider, for the test to check."""

    authorizations: list[dict[str, str]] = field(default_factory=list)
    id_tokens: list[dict[str, Any]] = field(default_factory=list)  # the claims issued
    encoded_id_tokens: list[str] = field(default_factory=list)  # as the client got them
    token_errors: list[str] = field(default_factory=list)
    logouts: list[dict[str, str]] = field(default_factory=list)


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def at_hash(access_token: str) -> str:
    """The ID token's ``at_hash`` for RS256: the left half of the token's SHA-256."""
    digest = hashlib.sha256(access_token.encode("ascii")).digest()
    return _b64url(digest[: len(digest) // 2])


class OpenIDProvider:
    """An OpenID Connect provider on ``http://127.0.0.1:<port>`` for one client.

    ``redirect_prefixes``: the redirect URIs accepted start with one of them (a test server's
    port is chosen at start-up, so an exact URI cannot be registered beforehand). Use it as a
    context manager: it serves in a daemon thread until the block ends."""

    def __init__(
        self,
        accounts: Sequence[Account],
        *,
        client_id: str,
        client_secret: str,
        redirect_prefixes: Sequence[str] = ("http://127.0.0.1:",),
    ) -> None:
        self.accounts = {account.sub: account for account in accounts}
        self.client_id = client_id
        self.client_secret = client_secret
        self.redirect_prefixes = tuple(redirect_prefixes)
        self.key = RSAKey.generate_key(
            2048, parameters={"kid": secrets.token_hex(8), "use": "sig", "alg": "RS256"}
        )
        self.record = Record()
        self._grants: dict[str, Grant] = {}
        self._access: dict[str, Account] = {}
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # -- where it is ------------------------------------------------------------------------
    @property
    def issuer(self) -> str:
        """The provider's address, also the ``iss`` of its tokens."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def metadata_url(self) -> str:
        """The discovery document's address (``server_metadata_url`` for Streamlit)."""
        return f"{self.issuer}/.well-known/openid-configuration"

    def metadata(self) -> dict[str, Any]:
        """The discovery document."""
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "end_session_endpoint": f"{self.issuer}/logout",
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": list(SCOPES),
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "claims_supported": ["iss", "aud", "sub", "email", "email_verified", "name", "nonce"],
        }

    # -- running ----------------------------------------------------------------------------
    def __enter__(self) -> OpenIDProvider:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)

    # -- the protocol -----------------------------------------------------------------------
    def redirect_allowed(self, uri: str) -> bool:
        """Whether a redirect URI may receive codes (never redirect anywhere else)."""
        parts = urlsplit(uri)
        return (
            uri.startswith(self.redirect_prefixes)
            and parts.scheme in ("http", "https")
            and not parts.fragment
        )

    def grant(self, account: Account, params: Mapping[str, str]) -> str:
        """Record a sign-in and hand out its one-time code."""
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._grants[code] = Grant(
                account=account,
                client_id=params["client_id"],
                redirect_uri=params["redirect_uri"],
                nonce=params.get("nonce") or None,
                scope=params.get("scope", ""),
                expires=time.monotonic() + CODE_LIFETIME,
            )
            self.record.authorizations.append({**params, "sub": account.sub})
        return code

    def exchange(self, client_id: str, form: Mapping[str, str]) -> dict[str, Any]:
        """The token response for a code, or ValueError naming the OAuth error."""
        if form.get("grant_type") != "authorization_code":
            raise ValueError("unsupported_grant_type")
        with self._lock:
            grant = self._grants.pop(str(form.get("code")), None)  # a code works once
        if (
            grant is None
            or grant.expires < time.monotonic()
            or grant.client_id != client_id
            or grant.redirect_uri != form.get("redirect_uri")
        ):
            raise ValueError("invalid_grant")
        access_token = secrets.token_urlsafe(32)
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "aud": client_id,
            "iat": now,
            "exp": now + TOKEN_LIFETIME,
            "auth_time": now,
            "at_hash": at_hash(access_token),
            **grant.account.claims(),
        }
        if grant.nonce is not None:
            claims["nonce"] = grant.nonce
        id_token = jwt.encode({"alg": "RS256", "kid": self.key.kid}, claims, self.key)
        with self._lock:
            self._access[access_token] = grant.account
            self.record.id_tokens.append(claims)
            self.record.encoded_id_tokens.append(id_token)
        return {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": TOKEN_LIFETIME,
            "scope": grant.scope,
            "id_token": id_token,
        }

    def account_for(self, access_token: str) -> Account | None:
        """The account an access token was issued for."""
        with self._lock:
            return self._access.get(access_token)

    def authorize_page(self, params: Mapping[str, str]) -> str:
        """The sign-in page: one button per account, the request carried in hidden fields."""
        hidden = "".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
            for k, v in params.items()
        )
        buttons = "".join(
            f'<p><button type="submit" name="account" value="{html.escape(a.sub)}">'
            f"{html.escape(a.name)} &lt;{html.escape(a.email)}&gt;</button></p>"
            for a in self.accounts.values()
        )
        return (
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            "<title>Test identity provider</title></head><body>"
            "<h1>Choose an account</h1>"
            f'<form method="post" action="/authorize">{hidden}{buttons}</form>'
            "</body></html>"
        )


def _flat(query: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(query, keep_blank_values=True).items()}


def _handler_for(provider: OpenIDProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(_Handler):
        pass

    Handler.provider = provider
    return Handler


class _Handler(BaseHTTPRequestHandler):
    provider: OpenIDProvider
    server_version = "PontiTestOIDC/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base's name)
        pass  # quiet: pytest shows the test's own output

    # -- answers ----------------------------------------------------------------------------
    def _send(
        self, status: int, body: bytes, content_type: str, headers: Mapping[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, payload: Any, headers: Mapping[str, str] | None = None) -> None:
        self._send(status, json.dumps(payload).encode(), "application/json", headers)

    def _html(self, status: int, text: str) -> None:
        self._send(status, text.encode(), "text/html; charset=utf-8")

    def _redirect(self, location: str) -> None:
        self._send(302, b"", "text/plain", {"Location": location})

    def _form(self) -> dict[str, str]:
        length = int(self.headers.get("Content-Length") or 0)
        return _flat(self.rfile.read(length).decode("utf-8"))

    # -- routes -----------------------------------------------------------------------------
    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        params = _flat(query)
        if path == "/.well-known/openid-configuration":
            self._json(200, self.provider.metadata())
        elif path == "/jwks":
            self._json(200, {"keys": [self.provider.key.as_dict(private=False)]})
        elif path == "/authorize":
            self._authorize_get(params)
        elif path == "/userinfo":
            self._userinfo()
        elif path == "/logout":
            self._logout(params)
        else:
            self._json(404, {"error": "not_found"})

    def do_POST(self) -> None:
        path = self.path.partition("?")[0]
        if path == "/authorize":
            self._authorize_post(self._form())
        elif path == "/token":
            self._token(self._form())
        elif path == "/userinfo":
            self._userinfo()
        else:
            self._json(404, {"error": "not_found"})

    def _client_problem(self, params: Mapping[str, str]) -> str | None:
        # Errors about the client or its redirect URI are shown here, never redirected.
        if params.get("client_id") != self.provider.client_id:
            return "unknown client_id"
        if not self.provider.redirect_allowed(params.get("redirect_uri", "")):
            return "redirect_uri not registered"
        return None

    def _authorize_get(self, params: dict[str, str]) -> None:
        problem = self._client_problem(params)
        if problem is not None:
            self._html(400, f"<h1>Bad request</h1><p>{html.escape(problem)}</p>")
            return
        redirect_uri = params["redirect_uri"]
        error = None
        if params.get("response_type") != "code":
            error = "unsupported_response_type"
        elif "openid" not in params.get("scope", "").split():
            error = "invalid_scope"
        if error is not None:
            self._redirect(_with_query(redirect_uri, {"error": error}, params.get("state")))
            return
        kept = ("client_id", "redirect_uri", "state", "nonce", "scope")
        self._html(200, self.provider.authorize_page({k: params[k] for k in kept if k in params}))

    def _authorize_post(self, form: dict[str, str]) -> None:
        problem = self._client_problem(form)
        account = self.provider.accounts.get(form.get("account", ""))
        if problem is not None or account is None:
            self._html(400, f"<h1>Bad request</h1><p>{html.escape(problem or 'account')}</p>")
            return
        request = {k: v for k, v in form.items() if k != "account"}
        code = self.provider.grant(account, request)
        self._redirect(_with_query(form["redirect_uri"], {"code": code}, form.get("state")))

    def _client_id(self, form: Mapping[str, str]) -> str | None:
        # client_secret_basic first, then client_secret_post; compared in constant time.
        given_id, given_secret = form.get("client_id", ""), form.get("client_secret", "")
        header = self.headers.get("Authorization", "")
        if header.startswith("Basic "):
            decoded = base64.b64decode(header[6:]).decode("utf-8")
            given_id, _, given_secret = decoded.partition(":")
        ok = secrets.compare_digest(given_id, self.provider.client_id) & secrets.compare_digest(
            given_secret, self.provider.client_secret
        )
        return given_id if ok else None

    def _token(self, form: dict[str, str]) -> None:
        client_id = self._client_id(form)
        if client_id is None:
            self.provider.record.token_errors.append("invalid_client")
            self._json(401, {"error": "invalid_client"}, {"WWW-Authenticate": "Basic"})
            return
        try:
            self._json(200, self.provider.exchange(client_id, form))
        except ValueError as error:
            self.provider.record.token_errors.append(str(error))
            self._json(400, {"error": str(error)})

    def _userinfo(self) -> None:
        header = self.headers.get("Authorization", "")
        account = self.provider.account_for(header[7:]) if header.startswith("Bearer ") else None
        if account is None:
            self._json(401, {"error": "invalid_token"}, {"WWW-Authenticate": "Bearer"})
            return
        self._json(200, account.claims())

    def _logout(self, params: dict[str, str]) -> None:
        self.provider.record.logouts.append(params)
        target = params.get("post_logout_redirect_uri", "")
        if target and self.provider.redirect_allowed(target):
            self._redirect(_with_query(target, {}, params.get("state")))
        else:
            self._html(200, "<h1>Signed out</h1>")


def _with_query(uri: str, params: dict[str, str], state: str | None) -> str:
    if state:
        params = {**params, "state": state}
    if not params:
        return uri
    return uri + ("&" if urlsplit(uri).query else "?") + urlencode(params)
