"""Who may use the staff pages: the sign-in rules, pure (no Streamlit; the pages pass in
``st.secrets``, ``os.environ``, ``st.user`` and ``st.session_state`` as plain mappings).

Three ways in, in this order:

- **OpenID Connect** (Streamlit's ``st.login``), when ``secrets.toml`` has an ``[auth]``
  section with ``redirect_uri``, ``cookie_secret`` and a provider (``client_id``...). An
  account is staff only when ``[staff] emails`` or ``[staff] domains`` names it: a provider
  such as Google signs in anyone with an account, so nobody is staff by default.
- **A staff password**, ``[staff] password`` in ``secrets.toml`` or the environment variable
  ``PONTI_STAFF_PASSWORD``. The person types a name (recorded as the author of what they
  save) and the password.
- **The demo password** ``ponti-demo``, for trying the local demo: only with
  ``PONTI_DEMO_STAFF=1``, never in public mode (``PONTI_PUBLIC=1``) and never when a real
  credential is configured.

Without any of them there is no staff access at all (``staff_enabled`` is False and the
dashboard registers no staff page). Passwords are compared as SHA-256 digests with
``hmac.compare_digest`` (constant time), never stored in the session, logged or shown. A
failed attempt costs a delay that doubles with each failure of the session (1, 2, 4... s)
and with every ``PROCESS_STEP`` failures of the whole process in the last
``PROCESS_WINDOW`` seconds (``FailureLog``), at most ``MAX_DELAY`` seconds.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from collections import deque
from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any, Final, Literal

STAFF_PASSWORD_ENV: Final = "PONTI_STAFF_PASSWORD"
DEMO_STAFF_ENV: Final = "PONTI_DEMO_STAFF"
# The documented demo credential: refused in public mode and beside a real credential.
DEMO_PASSWORD: Final = "ponti-demo"

SECRETS_AUTH: Final = "auth"  # Streamlit's own OIDC section
SECRETS_STAFF: Final = "staff"  # Ponti's: password, emails, domains

# The signed-in staff member of a session (a StaffUser), and the session's failed attempts.
SESSION_KEY: Final = "ponti_staff"
FAILURES_KEY: Final = "ponti_staff_failures"

FIRST_DELAY: Final = 1.0  # seconds after the first failure
MAX_DELAY: Final = 30.0
PROCESS_WINDOW: Final = 900.0  # failures of the process counted over the last 15 minutes
PROCESS_STEP: Final = 5  # every 5 of them double the delay of every session
MAX_NAME_CHARS: Final = 80

TRUE_WORDS: Final = frozenset({"1", "true", "yes", "on"})
Method = Literal["oidc", "password", "none"]


@dataclass(frozen=True)
class StaffConfig:
    """How staff sign in on this deployment (read from secrets and environment).

    ``digests`` are the SHA-256 digests of the passwords accepted (the configured one, or
    the demo one); the passwords themselves are not kept."""

    method: Method
    digests: tuple[bytes, ...] = ()
    demo: bool = False
    providers: tuple[str | None, ...] = ()
    emails: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()

    @property
    def enabled(self) -> bool:
        """True when some staff member can sign in."""
        return self.method != "none"


@dataclass(frozen=True)
class StaffUser:
    """A signed-in staff member: the name recorded as the author of what they save."""

    name: str
    method: Method
    email: str = ""


def is_true(value: object) -> bool:
    """Whether a setting's text means yes (``1``, ``true``, ``yes``, ``on``)."""
    return str(value or "").strip().lower() in TRUE_WORDS


def _section(secrets: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    section = secrets.get(name)
    return section if isinstance(section, Mapping) else {}


def _has(section: Mapping[str, Any], *keys: str) -> bool:
    return all(str(section.get(key) or "").strip() for key in keys)


def oidc_providers(secrets: Mapping[str, Any]) -> tuple[str | None, ...]:
    """The OpenID Connect providers ``st.login`` can use: None for the unnamed one of
    ``[auth]``, a name for each ``[auth.<name>]``; () when sign-in is not configured."""
    section = _section(secrets, SECRETS_AUTH)
    if not _has(section, "redirect_uri", "cookie_secret"):
        return ()
    provider = ("client_id", "client_secret", "server_metadata_url")
    found: list[str | None] = [None] if _has(section, *provider) else []
    found += [
        name
        for name, value in section.items()
        if isinstance(value, Mapping) and _has(value, *provider)
    ]
    return tuple(found)


def staff_password(secrets: Mapping[str, Any], environ: Mapping[str, str]) -> str | None:
    """The configured staff password (secrets first, then the environment), or None."""
    for value in (
        _section(secrets, SECRETS_STAFF).get("password"),
        environ.get(STAFF_PASSWORD_ENV),
    ):
        if isinstance(value, str) and value.strip():
            return value
    return None


def digest(text: str) -> bytes:
    """The SHA-256 digest of a text: what passwords are compared as."""
    return hashlib.sha256(text.encode("utf-8")).digest()


def _lowered(values: object) -> frozenset[str]:
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, Iterable):
        return frozenset()
    return frozenset(str(v).strip().lower().lstrip("@") for v in values if str(v).strip())


def staff_config(
    secrets: Mapping[str, Any], environ: Mapping[str, str], public: bool
) -> StaffConfig:
    """How staff sign in, from the secrets, the environment and whether Ponti is public."""
    staff = _section(secrets, SECRETS_STAFF)
    providers = oidc_providers(secrets)
    if providers:
        return StaffConfig(
            method="oidc",
            providers=providers,
            emails=_lowered(staff.get("emails")),
            domains=_lowered(staff.get("domains")),
        )
    password = staff_password(secrets, environ)
    if password is not None:
        return StaffConfig(method="password", digests=(digest(password),))
    if is_true(environ.get(DEMO_STAFF_ENV)) and not public:
        return StaffConfig(method="password", digests=(digest(DEMO_PASSWORD),), demo=True)
    return StaffConfig(method="none")


def staff_enabled(secrets: Mapping[str, Any], environ: Mapping[str, str], public: bool) -> bool:
    """Whether this deployment has staff pages at all (a credential is configured)."""
    return staff_config(secrets, environ, public).enabled


# -- checking -----------------------------------------------------------------------------------
def password_matches(password: str, config: StaffConfig) -> bool:
    """Whether the password is one the configuration accepts (constant-time comparison of
    digests, every accepted digest compared whatever the outcome)."""
    given = digest(password)
    matched = False
    for accepted in config.digests:
        matched |= hmac.compare_digest(given, accepted)
    return matched and config.method == "password"


def clean_name(name: str) -> str:
    """A typed name as it is recorded: spaces collapsed, at most MAX_NAME_CHARS."""
    return " ".join(str(name).split())[:MAX_NAME_CHARS]


def password_sign_in(name: str, password: str, config: StaffConfig) -> StaffUser | None:
    """The staff member signed in by a name and a password, or None (a wrong password or
    an empty name: the caller does not say which)."""
    who = clean_name(name)
    if not password_matches(password, config) or not who:
        return None
    return StaffUser(name=who, method="password")


def oidc_allowed(email: str, config: StaffConfig) -> bool:
    """Whether an account signed in by the identity provider is on the staff list."""
    address = email.strip().lower()
    if "@" not in address:
        return False
    return address in config.emails or address.rsplit("@", 1)[1] in config.domains


def oidc_user(info: Mapping[str, Any] | None, config: StaffConfig) -> StaffUser | None:
    """The staff member signed in through OpenID Connect (``st.user``'s claims), or None
    when nobody is signed in or the account is not on the staff list."""
    if config.method != "oidc" or not info or info.get("is_logged_in") is not True:
        return None
    email = str(info.get("email") or "")
    # A provider that says the address is not verified (some let users type any) signs in
    # nobody: the allow-list matches addresses, and an unverified one proves nothing.
    if info.get("email_verified") is False or not oidc_allowed(email, config):
        return None
    name = clean_name(str(info.get("name") or "")) or email
    return StaffUser(name=name, method="oidc", email=email)


def current_staff(
    session: MutableMapping[Any, Any],
    config: StaffConfig,
    oidc_info: Mapping[str, Any] | None = None,
) -> StaffUser | None:
    """The session's signed-in staff member, or None (the session forgets a sign-in that
    the configuration no longer allows)."""
    if config.method == "oidc":
        user = oidc_user(oidc_info, config)
    else:
        kept = session.get(SESSION_KEY)
        user = kept if isinstance(kept, StaffUser) and kept.method == config.method else None
    if user is None:
        session.pop(SESSION_KEY, None)
    else:
        session[SESSION_KEY] = user
    return user


def sign_out(session: MutableMapping[Any, Any], prefixes: Iterable[str] = ()) -> None:
    """Forget the session's staff state: the sign-in and every key starting with one of
    ``prefixes`` (the staff pages' own: uploads, previews, choices)."""
    starts = tuple(prefixes)
    for key in list(session):
        if key == SESSION_KEY or (starts and str(key).startswith(starts)):
            del session[key]


# -- delays after failed attempts -----------------------------------------------------------------
def failure_delay(session_failures: int, process_failures: int = 0) -> float:
    """Seconds to wait after a failed attempt: 1, 2, 4... with the session's failures and
    with every PROCESS_STEP recent failures of the process, at most MAX_DELAY."""
    steps = max(session_failures, process_failures // PROCESS_STEP)
    if steps <= 0:
        return 0.0
    return float(min(MAX_DELAY, FIRST_DELAY * 2 ** min(steps - 1, 16)))


class FailureLog:
    """The failed sign-ins of this process in the last ``window`` seconds (thread-safe):
    a guess spread over many sessions slows every session down."""

    def __init__(self, window: float = PROCESS_WINDOW) -> None:
        self.window = window
        self._times: deque[float] = deque()
        self._lock = threading.Lock()

    def _prune(self, now: float) -> None:
        while self._times and self._times[0] <= now - self.window:
            self._times.popleft()

    def record(self, now: float) -> int:
        """Note a failure at ``now`` (monotonic seconds); the recent failures, with it."""
        with self._lock:
            self._prune(now)
            self._times.append(now)
            return len(self._times)

    def recent(self, now: float) -> int:
        """The failures of the last ``window`` seconds."""
        with self._lock:
            self._prune(now)
            return len(self._times)
