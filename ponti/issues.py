"""The validation report as the Data page shows it: the issues grouped by problem with
counts (errors first), and the issues that the page's filters select. Pure: the issues are
``loaders.Issue`` objects (anything with their attributes), the words come from the
catalogue.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Final, Protocol, TypeVar

import pandas as pd

from ponti.i18n import Lang, t, tn

SEVERITIES: Final[tuple[str, ...]] = ("error", "warning")
ROWS_NAMED: Final = 10  # rows listed per file in a group; the others are counted


class IssueLike(Protocol):
    """What this module reads of an issue (loaders.report.Issue has it)."""

    @property
    def code(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def file(self) -> str: ...
    @property
    def row(self) -> int | None: ...
    @property
    def field(self) -> str | None: ...
    @property
    def value(self) -> str | None: ...
    def message(self, lang: Lang = "it") -> str: ...
    def hint(self, lang: Lang = "it") -> str: ...


IssueT = TypeVar("IssueT", bound=IssueLike)


def severity_label(severity: str, lang: Lang) -> str:
    """ "Errore" / "Avviso" ("Error" / "Warning")."""
    return t(f"data.severity.{severity}", lang)


def _where(group: Sequence[IssueLike], lang: Lang) -> str:
    """The files and rows of a group: "progetti.csv: 2, 4, 5 e altre 12"."""
    rows_by_file: dict[str, list[int]] = {}
    for issue in group:
        rows = rows_by_file.setdefault(issue.file, [])
        if issue.row is not None and issue.row not in rows:
            rows.append(issue.row)
    parts = []
    for name, rows in rows_by_file.items():
        if not rows:
            parts.append(name)
            continue
        # Row numbers as the spreadsheet shows them (no thousands separator).
        named = ", ".join(str(r) for r in sorted(rows)[:ROWS_NAMED])
        rest = len(rows) - ROWS_NAMED
        more = f" {tn('data.group.more', rest, lang)}" if rest > 0 else ""
        parts.append(f"{name}: {named}{more}" if name else f"{named}{more}")
    return "; ".join(parts)


def group_issues(issues: Sequence[IssueLike], lang: Lang) -> pd.DataFrame:
    """One row per problem (severity, issue code and column): how many times it occurs,
    where, an example of the message and the fix. Errors first, then the most frequent."""
    groups: dict[tuple[str, str, str], list[IssueLike]] = {}
    for issue in issues:
        groups.setdefault((issue.severity, issue.code, issue.field or ""), []).append(issue)
    order = sorted(groups, key=lambda key: (key[0] != "error", -len(groups[key])))
    headings = {
        name: t(f"data.group.{name}", lang)
        for name in ("severity", "count", "column", "message", "where", "fix", "code")
    }
    rows = [
        {
            headings["severity"]: severity_label(severity, lang),
            headings["count"]: len(groups[(severity, code, column)]),
            headings["column"]: column,
            headings["message"]: groups[(severity, code, column)][0].message(lang),
            headings["where"]: _where(groups[(severity, code, column)], lang),
            headings["fix"]: groups[(severity, code, column)][0].hint(lang),
            headings["code"]: code,
        }
        for severity, code, column in order
    ]
    return pd.DataFrame(rows, columns=list(headings.values()))


def issue_files(issues: Sequence[IssueLike]) -> list[str]:
    """The files the issues name, in the order they first appear."""
    return list(dict.fromkeys(i.file for i in issues if i.file))


def issue_columns(issues: Sequence[IssueLike]) -> list[str]:
    """The columns the issues name, in the order they first appear."""
    return list(dict.fromkeys(i.field for i in issues if i.field))


def _text_of(issue: IssueLike, lang: Lang) -> str:
    return " ".join(
        str(part or "")
        for part in (
            issue.file,
            issue.field,
            issue.value,
            issue.message(lang),
            issue.hint(lang),
            issue.code,
        )
    ).casefold()


def select_issues(
    issues: Sequence[IssueT],
    *,
    lang: Lang,
    severities: Collection[str] = (),
    files: Collection[str] = (),
    columns: Collection[str] = (),
    text: str = "",
) -> list[IssueT]:
    """The issues that pass every filter given (an empty filter lets everything through;
    ``text`` is looked for, ignoring case, in the file, column, value, message and fix)."""
    words = text.casefold().split()
    return [
        issue
        for issue in issues
        if (not severities or issue.severity in severities)
        and (not files or issue.file in files)
        and (not columns or (issue.field or "") in columns)
        and all(word in _text_of(issue, lang) for word in words)
    ]
