"""Helpers shared by the AppTest page tests."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parent.parent
TIMEOUT = 120


def open_app(page: str | None = None, query: dict[str, str | list[str]] | None = None) -> AppTest:
    """Run dashboard.py as a link with ``query`` opens it, then go to pages/<page>.py."""
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at
