"""Load CSV and Excel files into Ponti: read, normalise, resolve places and codes, validate
(every problem collected in a report), import as a new store version. No Streamlit here.

The Data page and ``python -m loaders`` share one path: ``prepare_import`` (validate and
preview against the current version, write nothing), then ``commit_import`` (write, unless
another import landed since). See loaders.api."""

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
