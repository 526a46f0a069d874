"""What a dataset version is, in words: for the footer of every page and export, and for the
history of versions. Pure functions of ponti.store.VersionInfo (history() reads a store).

- ``version_source(info, lang)``: where the data comes from. The shipped demo:
  "dataset dimostrativo di Ponti"; an import: "importato il 1 dic 2026 da Maria Rossi:
  Censimento 2026 (file: a.csv, b.xlsx)", followed by the tables it still carries over from
  the demo ("; gemellaggi, residenti: dataset dimostrativo di Ponti"); a rollback:
  "ripristino della versione v0002, il 2 dic 2026 da Luca Bianchi (file: a.csv)". A version
  that is not the demo is never credited as the demo.
- ``version_line(info, lang)``: the footer's line, "Versione dati v0003 · importato il ...".
- ``shows_demo_data(info)``: whether any table shown is illustrative (the demo banner).
- ``history(store)``, ``history_frame(entries, lang)``, ``history_text(entries, lang)``:
  every version, newest first: when, who, note, files, row counts per kind, demo or not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import pandas as pd

from ponti import formats, i18n, schema
from ponti.schema import Lang
from ponti.store import RESTORE_NOTE, VersionInfo
from ponti.templates import KIND_NAMES

if TYPE_CHECKING:
    from ponti.store import VersionStore

_WORDS: Final[dict[Lang, dict[str, str]]] = {
    "it": {
        "version": "Versione dati {version}",
        "imported": "importato il {date}",
        "restored": "ripristino della versione {version}, il {date}",
        "by": " da {author}",
        "files": " (file: {files})",
        "demo_kinds": "; {kinds}: {demo}",
        "restore_note": "ripristino della versione {version}",
        "current": "corrente",
        "id": "Versione",
        "date": "Data",
        "author": "Autore",
        "note": "Nota",
        "files_column": "File",
        "counts": "Contenuto",
        "demo": "Demo",
        "how": "Modo",
        "yes": "sì",
        "partly": "in parte",
        "no": "no",
        "replace": "sostituzione",
        "update": "aggiornamento",
        "rollback": "ripristino",
        "no_versions": "Ancora nessuna versione.",
    },
    "en": {
        "version": "Dataset version {version}",
        "imported": "imported on {date}",
        "restored": "restore of version {version}, on {date}",
        "by": " by {author}",
        "files": " (files: {files})",
        "demo_kinds": "; {kinds}: {demo}",
        "restore_note": "restore of version {version}",
        "current": "current",
        "id": "Version",
        "date": "Date",
        "author": "Author",
        "note": "Note",
        "files_column": "Files",
        "counts": "Content",
        "demo": "Demo",
        "how": "How",
        "yes": "yes",
        "partly": "partly",
        "no": "no",
        "replace": "replacement",
        "update": "update",
        "rollback": "restore",
        "no_versions": "No versions yet.",
    },
}


def shows_demo_data(info: VersionInfo | None) -> bool:
    """True when any table of the version is the illustrative demo data (the demo banner
    belongs on the page), wholly (``info.demo``) or in part (``info.demo_kinds``)."""
    return info is not None and (info.demo or bool(info.demo_kinds))


def note_text(info: VersionInfo, lang: Lang) -> str:
    """The version's note; a rollback's default note in `lang`."""
    restored = info.restored_from
    if restored is not None and info.note == RESTORE_NOTE.format(version_id=restored):
        return _WORDS[lang]["restore_note"].format(version=restored)
    return info.note


def _date(info: VersionInfo, lang: Lang) -> str:
    return formats.format_date(info.created_at, lang)


def version_source(info: VersionInfo, lang: Lang) -> str:
    """Where the version's data comes from, in `lang` (see the module docstring)."""
    words = _WORDS[lang]
    if info.demo:
        return i18n.t("source.demo", lang)
    if info.restored_from is not None:
        text = words["restored"].format(version=info.restored_from, date=_date(info, lang))
    else:
        text = words["imported"].format(date=_date(info, lang))
    if info.author:
        text += words["by"].format(author=info.author)
    note = note_text(info, lang)
    if note and info.restored_from is None:
        text += f": {note}"
    if info.sources:
        text += words["files"].format(files=", ".join(info.sources))
    if info.demo_kinds:
        kinds = ", ".join(KIND_NAMES[k][lang] for k in schema.KINDS if k in info.demo_kinds)
        text += words["demo_kinds"].format(kinds=kinds, demo=i18n.t("source.demo", lang))
    return text


def version_line(info: VersionInfo | None, lang: Lang) -> str:
    """The provenance line at the foot of every page and export."""
    if info is None:
        return i18n.t("provenance.empty", lang)
    if info.demo:
        return i18n.t(
            "provenance",
            lang,
            version=info.version_id,
            date=_date(info, lang),
            source=version_source(info, lang),
        )
    return f"{_WORDS[lang]['version'].format(version=info.version_id)} · " + version_source(
        info, lang
    )


# ---------------------------------------------------------------------------------------
# History
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class HistoryEntry:
    """One version in the history, and whether it is the current one."""

    info: VersionInfo
    current: bool


def history(store: VersionStore) -> list[HistoryEntry]:
    """Every version of the store, newest first."""
    current = store.current_id()
    return [HistoryEntry(v, v.version_id == current) for v in reversed(store.versions())]


def counts_text(info: VersionInfo, lang: Lang) -> str:
    """ "3 associazioni, 3 progetti": the version's rows per kind."""
    return ", ".join(
        f"{formats.format_number(info.counts[k], lang)} {KIND_NAMES[k][lang]}"
        for k in schema.KINDS
        if k in info.counts
    )


def _demo_word(info: VersionInfo, lang: Lang) -> str:
    words = _WORDS[lang]
    if info.demo:
        return words["yes"]
    return words["partly"] if info.demo_kinds else words["no"]


def history_frame(entries: list[HistoryEntry], lang: Lang) -> pd.DataFrame:
    """The history as a table in `lang`: one row per version, newest first."""
    words = _WORDS[lang]
    rows = [
        {
            words["id"]: e.info.version_id + (f" ({words['current']})" if e.current else ""),
            words["date"]: e.info.created.replace("T", " ")[:16],
            words["author"]: e.info.author,
            words["note"]: note_text(e.info, lang),
            words["how"]: words.get(e.info.mode, e.info.mode),
            words["files_column"]: ", ".join(e.info.sources),
            words["counts"]: counts_text(e.info, lang),
            words["demo"]: _demo_word(e.info, lang),
        }
        for e in entries
    ]
    columns = [
        words[k] for k in ("id", "date", "author", "note", "how", "files_column", "counts", "demo")
    ]
    return pd.DataFrame(rows, columns=columns)


def history_text(entries: list[HistoryEntry], lang: Lang) -> str:
    """The history in words, one paragraph per version (the command line's `history`)."""
    words = _WORDS[lang]
    if not entries:
        return words["no_versions"]
    blocks = []
    for entry in entries:
        info = entry.info
        head = f"{'*' if entry.current else ' '} {info.version_id}  {version_source(info, lang)}"
        how = words.get(info.mode, info.mode)
        lines = [head, f"    {counts_text(info, lang)}" + (f" · {how}" if how else "")]
        restored = info.restored_from
        if restored is not None and info.note not in ("", RESTORE_NOTE.format(version_id=restored)):
            lines.append(f"    {words['note']}: {info.note}")
        blocks.append("\n".join(lines))
    return "\n".join(blocks)
