"""Load CSV and Excel files into Ponti: read, normalise, resolve places and codes, validate
(every problem collected in a report), import as a new store version. No Streamlit here."""

from loaders.api import (
    BatchResult,
    LoadResult,
    demo_files,
    detect_kind,
    import_files,
    load_file,
    load_files,
    seed_demo,
)
from loaders.report import Issue, Report

__all__ = [
    "BatchResult",
    "Issue",
    "LoadResult",
    "Report",
    "demo_files",
    "detect_kind",
    "import_files",
    "load_file",
    "load_files",
    "seed_demo",
]
