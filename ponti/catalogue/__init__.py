"""The translation catalogue, one module per area of the dashboard, merged here.

Each module defines ``STRINGS: dict[str, dict[str, str]]`` with keys prefixed by its area
("bridges.", "agenda.", "funding."...) so that areas never collide.
"""

from __future__ import annotations

from typing import Final

from ponti.catalogue import (
    agenda,
    associations,
    bridges,
    columns,
    core,
    data,
    embed,
    funding,
    municipality,
    present,
    twinnings,
)

_MODULES = (
    core,
    columns,
    funding,
    agenda,
    bridges,
    twinnings,
    municipality,
    associations,
    present,
    embed,
    data,
)


def _merge() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for module in _MODULES:
        clash = set(merged) & set(module.STRINGS)
        if clash:
            raise ValueError(f"catalogue keys defined twice: {sorted(clash)}")
        merged.update(module.STRINGS)
    return merged


CATALOGUE: Final[dict[str, dict[str, str]]] = _merge()
