"""Load CSV and Excel files into Ponti: read, normalise, resolve places and codes, validate
(every problem collected in a report), import as a new store version. No Streamlit here.

The Data page and ``python -m loaders`` share one path: ``prepare_import`` (validate and
preview against the current version, write nothing), then ``commit_import`` (write, unless
another import landed since). See loaders.api.

The names below are imported when first used (PEP 562): ``python -m loaders --help`` runs
this file too, and should answer without loading pandas and the reference data."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from loaders.api import (
        MODES,
        PLACES_KEY,
        BatchResult,
        ImportPlan,
        ImportRefused,
        LoadResult,
        Mode,
        commit_import,
        demo_files,
        detect_kind,
        import_files,
        load_file,
        load_files,
        prepare_import,
        seed_demo,
    )
    from loaders.report import Issue, Report
    from ponti.store import ConflictError, SourceFile

# Each public name and the module it comes from.
_SOURCES: dict[str, str] = {
    **dict.fromkeys(
        (
            "MODES",
            "PLACES_KEY",
            "BatchResult",
            "ImportPlan",
            "ImportRefused",
            "LoadResult",
            "Mode",
            "commit_import",
            "demo_files",
            "detect_kind",
            "import_files",
            "load_file",
            "load_files",
            "prepare_import",
            "seed_demo",
        ),
        "loaders.api",
    ),
    "Issue": "loaders.report",
    "Report": "loaders.report",
    "ConflictError": "ponti.store",
    "SourceFile": "ponti.store",
}

__all__ = [
    "MODES",
    "PLACES_KEY",
    "BatchResult",
    "ConflictError",
    "ImportPlan",
    "ImportRefused",
    "Issue",
    "LoadResult",
    "Mode",
    "Report",
    "SourceFile",
    "commit_import",
    "demo_files",
    "detect_kind",
    "import_files",
    "load_file",
    "load_files",
    "prepare_import",
    "seed_demo",
]


def __getattr__(name: str) -> Any:
    """A public name, imported from its module on first use and kept."""
    if name not in _SOURCES:
        raise AttributeError(f"module 'loaders' has no attribute {name!r}")
    value = getattr(importlib.import_module(_SOURCES[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
