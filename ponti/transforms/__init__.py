"""Pure transforms (no Streamlit, no I/O but the shipped reference data): one module a view.

``common`` holds the Dataset, the shared filtering and what several pages read alike (the
latest residents year); each page has a module of its own.
"""

from ponti.transforms.common import Dataset, apply_filters, latest_residents_year

__all__ = ["Dataset", "apply_filters", "latest_residents_year"]
