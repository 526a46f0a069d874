"""How Ponti is served: ``streamlit run serve.py`` runs dashboard.py as an ASGI app (st.App).

Two things a plain ``streamlit run dashboard.py`` gets wrong for Ponti's page URLs:

- With a ``pages/`` folder beside the entry script, Streamlit starts in its legacy
  multipage mode: a fresh process whose first request is a page URL runs that page without
  dashboard.py and flashes "page does not exist". Ponti uses ``st.navigation`` only, so the
  mode is switched off before the first session starts.
- Opened at ``/bridges``, the browser does not know where the server's root is: it probes
  ``/bridges/_stcore/health`` and ``/bridges/_stcore/host-config`` first (two 404s in the
  console on every deep link) before trying ``/_stcore/...``. The page is told the root up
  front through ``window.__streamlit``, the hook Streamlit's frontend reads for exactly this.

Every page draws plotly charts (its maps too), whose code Streamlit's frontend fetches only when
the first chart arrives: 4.7 MB of JavaScript that a browser without a GPU took 1.5 to 2 s to
fetch, compile and run after the page's script had finished. The page starts fetching it as
soon as it has loaded (``PLOTLY_PRELOAD_SCRIPT``), while it waits for the server's first run.

``streamlit run dashboard.py`` still works (AppTest and development use it); it only shows
those two console errors on deep links.

In public mode (``PONTI_PUBLIC=1``) the server also drops three Streamlit defaults that only
help while someone edits the code, and cost every visitor's session CPU (README, "Embedding
Ponti", Speed): watching the app's files, rewriting the scripts for "magic" (Ponti uses none)
and a full garbage collection after every script run. A value set on the command line or in
``.streamlit/config.toml`` wins.

As it starts, the server warms up in a thread of its own (``widgets.warm_up``): the current
version's tables, what the filters offer, the twinning-opportunity pairs and the world's
simplified outlines are ready before the first visitor asks (README, "Embedding Ponti", Speed).
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

import streamlit as st
from starlette.middleware import Middleware
from streamlit import config
from streamlit.config_option import ConfigOption
from streamlit.runtime.pages_manager import PagesManager

from ponti import embed

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

DASHBOARD = Path(__file__).resolve().parent / "dashboard.py"
# Runs before Streamlit's own script: the server's root, whatever page URL was opened.
BASE_URL_SCRIPT = (
    b"<script>window.__streamlit=Object.assign(window.__streamlit||{},"
    b'{BACKEND_BASE_URL:window.location.origin+"/",'
    b'HOST_CONFIG_BASE_URL:window.location.origin+"/"});</script>'
)
# Streamlit's own plotly chart code (its file name changes with each Streamlit release).
_PLOTLY_CHUNKS = sorted(
    (Path(st.__file__).parent / "static" / "static" / "js").glob("PlotlyChart.*.js")
)
# Imported once the page has loaded: the frontend's own import of it then finds it ready.
PLOTLY_PRELOAD_SCRIPT = (
    b"<script>addEventListener('load',()=>{import(window.location.origin+'/static/js/"
    + _PLOTLY_CHUNKS[0].name.encode()
    + b"').catch(()=>{})});</script>"
    if _PLOTLY_CHUNKS
    else b""
)

# Streamlit defaults a public site does without (see the module's docstring).
PUBLIC_SETTINGS: dict[str, object] = {
    "server.fileWatcherType": "none",
    "runner.magicEnabled": False,
    "runner.postScriptGC": False,
}

PagesManager.uses_pages_directory = False


def _apply_public_settings() -> None:
    # Only options nobody set: a flag or config.toml keeps its own value.
    for key, value in PUBLIC_SETTINGS.items():
        if config.get_where_defined(key) == ConfigOption.DEFAULT_DEFINITION:
            config.set_option(key, value, where_defined=embed.PUBLIC_ENV)


if embed.is_true(os.environ.get(embed.PUBLIC_ENV)):
    _apply_public_settings()
    # Again whenever Streamlit reads its config anew (it does when config.toml changes).
    config.on_config_parsed(_apply_public_settings, force_connect=True)


def _is_page_request(scope: Scope) -> bool:
    # A page URL (/, /bridges, /funding?...) answers with index.html; files have a suffix.
    path = str(scope.get("path", ""))
    return (
        scope.get("type") == "http"
        and scope.get("method") == "GET"
        and "_stcore" not in path
        and "." not in path.rsplit("/", 1)[-1]
    )


class BaseUrlMiddleware:
    """Adds BASE_URL_SCRIPT and PLOTLY_PRELOAD_SCRIPT to the head of the HTML page Streamlit
    serves."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass every request through; rewrite the body of HTML page answers."""
        if not _is_page_request(scope):
            await self.app(scope, receive, send)
            return
        # The page is small (8 KB): ask for it uncompressed so that it can be edited.
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"]
        start: Message = {}
        chunks: list[bytes] = []

        async def edit(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                content_type = dict(message.get("headers", [])).get(b"content-type", b"")
                if content_type.startswith(b"text/html"):
                    start = message
                    return
            elif start:
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                body = b"".join(chunks).replace(
                    b"<head>", b"<head>" + BASE_URL_SCRIPT + PLOTLY_PRELOAD_SCRIPT, 1
                )
                fixed = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
                fixed.append((b"content-length", str(len(body)).encode()))
                await send({**start, "headers": fixed})
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        await self.app({**scope, "headers": headers}, receive, edit)


def _warm_up() -> None:
    try:
        import widgets  # the dashboard's own module: its caches are the ones pages use

        widgets.warm_up()
    except Exception:  # a failed warm-up only means the first visitor waits: never fatal
        logging.getLogger("ponti").exception("warm-up failed; the first visitors will wait")


@contextlib.asynccontextmanager
async def _lifespan(_app: st.App) -> AsyncIterator[None]:
    # Warm up beside the server, which answers from the first moment.
    threading.Thread(target=_warm_up, name="ponti-warm-up", daemon=True).start()
    yield None


app = st.App(str(DASHBOARD), middleware=[Middleware(BaseUrlMiddleware)], lifespan=_lifespan)
