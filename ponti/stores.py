"""Which store Ponti opens: a folder (``ponti.store.Store``) or a PostgreSQL database
(``ponti.store_pg.PgStore``), from a text naming it or from the configuration."""

from __future__ import annotations

import os
from pathlib import Path

from ponti.store import (
    DATA_DIR_ENV,
    DATABASE_URL_ENV,
    DEFAULT_ROOT,
    Store,
    StoreUnavailable,
    VersionStore,
    database_url,
    hide_password,
    is_database_url,
)
from ponti.store_pg import PgStore


def store_at(where: str | Path) -> VersionStore:
    """The store a text names: a postgresql:// URL, or a folder."""
    if isinstance(where, str) and is_database_url(where):
        return PgStore(where)
    return Store(Path(where))


def default_store(secrets_file: Path | None = None) -> VersionStore:
    """The configured store, the first set of: PONTI_DATABASE_URL (PostgreSQL),
    PONTI_DATA_DIR (a folder), [connections.ponti] in .streamlit/secrets.toml (PostgreSQL);
    else the folder var/store inside the checkout. A setting in the environment wins over
    the file, as Streamlit's own options do."""
    url = os.environ.get(DATABASE_URL_ENV, "").strip()
    root = os.environ.get(DATA_DIR_ENV, "").strip()
    if not url and root:
        return Store(Path(root))
    url = url or database_url(secrets_file) or ""
    if not url:
        return Store(DEFAULT_ROOT)
    if not is_database_url(url):
        raise StoreUnavailable(
            "url", hide_password(url), "not a postgresql:// URL (write it as one)"
        )
    return store_at(url)
