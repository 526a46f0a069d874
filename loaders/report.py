"""Validation reports: typed issues, each with a stable code, the row and column as the user
sees them, and a message and a fix in Italian and English (frictionless-style).

Every method that words something takes ``lang`` (ponti.i18n.Lang) and defaults to Italian,
the language of Ponti's users."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import Any, Literal

import pandas as pd

from ponti.i18n import Lang

Severity = Literal["error", "warning"]

# Words around the location and the fix, per language.
_WORDS: dict[Lang, dict[str, str]] = {
    "it": {
        "row": "riga",
        "column": "colonna",
        "fix": "Come correggere",
        "error": "errore",
        "errors": "errori",
        "warning": "avviso",
        "warnings": "avvisi",
        "no_problems": "nessun problema",
        "more": "... e altri {n} come questo ({code}, colonna '{field}')",
        "checked": "{files} controllati: {summary}.",
        "checked_one": "{files} controllato: {summary}.",
        "file": "file",
        "files": "file",
    },
    "en": {
        "row": "row",
        "column": "column",
        "fix": "Fix",
        "error": "error",
        "errors": "errors",
        "warning": "warning",
        "warnings": "warnings",
        "no_problems": "no problems found",
        "more": "... and {n} more like this ({code}, column '{field}')",
        "checked": "{files} checked: {summary}.",
        "checked_one": "{files} checked: {summary}.",
        "file": "file",
        "files": "files",
    },
}


_FRAME_COLUMNS = ("severity", "file", "row", "column", "value", "message", "fix", "code")
_FRAME_WORDS: dict[Lang, dict[str, str]] = {
    "it": {
        "severity": "Gravità",
        "file": "File",
        "row": "Riga",
        "column": "Colonna",
        "value": "Valore",
        "message": "Problema",
        "fix": "Come correggere",
        "code": "Codice",
        "error": "errore",
        "warning": "avviso",
    },
    "en": {
        "severity": "Severity",
        "file": "File",
        "row": "Row",
        "column": "Column",
        "value": "Value",
        "message": "Problem",
        "fix": "Fix",
        "code": "Code",
        "error": "error",
        "warning": "warning",
    },
}


@dataclasses.dataclass(frozen=True)
class Issue:
    """One problem found in a file: where it is, what is wrong and how to fix it."""

    code: str
    severity: Severity
    file: str
    row: int | None
    field: str | None
    value: str | None
    message_en: str
    message_it: str
    hint_en: str = ""
    hint_it: str = ""

    @property
    def is_error(self) -> bool:
        """True when this issue blocks an import."""
        return self.severity == "error"

    def message(self, lang: Lang = "it") -> str:
        """The message in the given language."""
        return self.message_en if lang == "en" else self.message_it

    def hint(self, lang: Lang = "it") -> str:
        """The suggested fix in the given language."""
        return self.hint_en if lang == "en" else self.hint_it

    def location(self, lang: Lang = "it") -> str:
        """Where the issue is, as "file riga 14, colonna 'Importo richiesto'"."""
        words = _WORDS[lang]
        text = self.file
        if self.row is not None:
            text = f"{text} {words['row']} {self.row}".strip()
        if self.field:
            text = (
                f"{text}, {words['column']} '{self.field}'"
                if text
                else (f"{words['column']} '{self.field}'")
            )
        return text

    def to_text(self, lang: Lang = "it") -> str:
        """One line: location, message and fix."""
        words = _WORDS[lang]
        text = f"{self.location(lang)}: {self.message(lang)}"
        hint = self.hint(lang)
        if hint:
            text += f" {words['fix']}: {hint}"
        return text

    def to_dict(self, lang: Lang = "it") -> dict[str, Any]:
        """A JSON-ready dictionary (message and hint in `lang`, plus both languages)."""
        data = dataclasses.asdict(self)
        data["message"] = self.message(lang)
        data["hint"] = self.hint(lang)
        return data


def _count_words(errors: int, warnings: int, lang: Lang) -> str:
    words = _WORDS[lang]
    if not errors and not warnings:
        return words["no_problems"]
    err = f"{errors} {words['error'] if errors == 1 else words['errors']}"
    warn = f"{warnings} {words['warning'] if warnings == 1 else words['warnings']}"
    return f"{err}, {warn}"


@dataclasses.dataclass
class Report:
    """Every issue found in one or more files; `ok` when none of them is an error."""

    issues: list[Issue] = dataclasses.field(default_factory=list)
    files: list[str] = dataclasses.field(default_factory=list)

    def add(self, issue: Issue) -> None:
        """Record one issue."""
        self.issues.append(issue)
        if issue.file and issue.file not in self.files:
            self.files.append(issue.file)

    def extend(self, issues: Iterable[Issue]) -> None:
        """Record several issues."""
        for issue in issues:
            self.add(issue)

    def add_file(self, name: str) -> None:
        """Note that a file was checked (so a clean file still shows in the summary)."""
        if name not in self.files:
            self.files.append(name)

    def merge(self, other: Report) -> None:
        """Add another report's files and issues to this one."""
        for name in other.files:
            self.add_file(name)
        self.extend(other.issues)

    def __iter__(self) -> Iterator[Issue]:
        return iter(self.issues)

    def __len__(self) -> int:
        return len(self.issues)

    @property
    def errors(self) -> list[Issue]:
        """The issues that block an import."""
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        """The issues worth a look that do not block an import."""
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not any(i.severity == "error" for i in self.issues)

    def codes(self) -> list[str]:
        """The issue codes, in report order (handy in tests)."""
        return [i.code for i in self.issues]

    def for_file(self, name: str) -> list[Issue]:
        """The issues of one file: the file's own first, then by row, then cross-table ones.

        Cross-table references (rows elsewhere pointing into this file) come last so that a
        file's own mistakes are read first.
        """

        def order(issue: Issue) -> tuple[int, int, bool]:
            group = 1 if issue.row is not None else (2 if issue.code == "unknown-reference" else 0)
            return (group, issue.row or 0, issue.severity != "error")

        return sorted((i for i in self.issues if i.file == name), key=order)

    def summary(self, lang: Lang = "it") -> str:
        """One line per file ("projects.csv: 2 errors, 1 warning") and a total."""
        lines = []
        for name in self.files:
            issues = self.for_file(name)
            errors = sum(i.severity == "error" for i in issues)
            lines.append(f"{name}: {_count_words(errors, len(issues) - errors, lang)}")
        words = _WORDS[lang]
        n = len(self.files)
        files = f"{n} {words['file'] if n == 1 else words['files']}"
        total = _count_words(len(self.errors), len(self.warnings), lang)
        checked = words["checked_one" if n == 1 else "checked"]
        lines.append(checked.format(files=files, summary=total))
        return "\n".join(lines)

    def to_text(self, lang: Lang = "it", max_per_group: int | None = 20) -> str:
        """The human report: a summary, then each file's issues sorted by row.

        Beyond `max_per_group` issues with the same code and column in a file, one line
        counts the rest, so a systematic mistake does not bury the others.
        """
        words = _WORDS[lang]
        out = [self.summary(lang)]
        for name in self.files:
            issues = self.for_file(name)
            if not issues:
                continue
            out.append("")
            shown: dict[tuple[str, str | None], int] = {}
            hidden: dict[tuple[str, str | None], int] = {}
            for issue in issues:
                group = (issue.code, issue.field)
                shown[group] = shown.get(group, 0) + 1
                if max_per_group is not None and shown[group] > max_per_group:
                    hidden[group] = hidden.get(group, 0) + 1
                    continue
                out.append(issue.to_text(lang))
            for (code, field), n in hidden.items():
                out.append(words["more"].format(n=n, code=code, field=field or ""))
        return "\n".join(out)

    def to_frame(self, lang: Lang = "it") -> pd.DataFrame:
        """Every issue as a row, errors first, then by file and row, never cut off: what
        the Data page shows, filters and offers for download (CSV, XLSX). The stable code
        is a column of its own, never part of the message."""
        words = _FRAME_WORDS[lang]
        ordered = sorted(
            enumerate(self.issues),
            key=lambda item: (
                item[1].severity != "error",
                self.files.index(item[1].file) if item[1].file in self.files else len(self.files),
                item[1].row or 0,
                item[0],
            ),
        )
        return pd.DataFrame(
            [
                {
                    words["severity"]: words[issue.severity],
                    words["file"]: issue.file,
                    words["row"]: issue.row,
                    words["column"]: issue.field or "",
                    words["value"]: issue.value or "",
                    words["message"]: issue.message(lang),
                    words["fix"]: issue.hint(lang),
                    words["code"]: issue.code,
                }
                for _, issue in ordered
            ],
            columns=[words[k] for k in _FRAME_COLUMNS],
        ).astype({words["row"]: "Int64"})

    def to_dict(self, lang: Lang = "it") -> dict[str, Any]:
        """A JSON-ready dictionary of the whole report (for --json and the data page)."""
        return {
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "files": [
                {
                    "file": name,
                    "errors": sum(i.severity == "error" for i in self.for_file(name)),
                    "warnings": sum(i.severity == "warning" for i in self.for_file(name)),
                }
                for name in self.files
            ],
            "issues": [i.to_dict(lang) for name in self.files for i in self.for_file(name)]
            + [i.to_dict(lang) for i in self.issues if not i.file],
        }
