"""Pure transforms (no Streamlit, no I/O but the shipped reference data): one module a view.

``common`` holds the Dataset and the shared filtering; each page has a module of its own.
"""

from ponti.transforms.common import Dataset, apply_filters

__all__ = ["Dataset", "apply_filters"]
