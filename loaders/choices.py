"""The choices the loaders' options take (import mode, IATI activities with no match, the
language of the answers), apart from the modules that act on them: ``python -m loaders``
builds its parser from them, and so answers --help or a mistyped option without importing
pandas or the reference data."""

from __future__ import annotations

from typing import Final, Literal, get_args

from ponti.schema import Lang

# How a batch of files is applied: "replace" (a file replaces the table of its kind) or
# "update" (files add, change and delete rows of their kind; see loaders.update).
Mode = Literal["replace", "update"]
MODES: Final[tuple[Mode, ...]] = ("replace", "update")

# What to do with an activity whose implementer matches no association: "report" it as an
# error (nothing is imported until the user decides), "keep" it, imported with its lead
# association (and so its Italian municipality) left to fill in by a later file, or "skip"
# it with a warning and import the others. An activity naming only regions, no country,
# cannot become a project: an error with "report", skipped with a warning otherwise.
Unmatched = Literal["report", "keep", "skip"]
UNMATCHED_CHOICES: Final[tuple[Unmatched, ...]] = ("report", "keep", "skip")

# ponti.i18n.LANGS, read off the type rather than imported: ponti.i18n loads the reference
# data (tests/test_loaders.py checks that the two agree).
LANGS: Final[tuple[Lang, ...]] = get_args(Lang)
