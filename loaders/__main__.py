"""Command line: validate and import data files, list versions, roll back, seed the demo.

    python -m loaders validate FILE... [--kind K] [--json] [--lang it|en]
    python -m loaders import FILE... [--kind K] [--note TEXT] [--json] [--lang it|en]
    python -m loaders versions [--lang it|en]
    python -m loaders rollback VERSION_ID [--lang it|en]
    python -m loaders seed-demo [--lang it|en]

Languages: the command answers in Italian; ``--lang en`` (before or after the command)
answers in English. Nothing else (no environment variable) chooses the language.
``--help`` is written in both languages, Italian first: "italiano / English" for each
option and command, the descriptions as an Italian line then an English one. One bilingual
help rather than one per --lang because argparse prints the help as soon as it meets
``-h``, before a ``--lang`` further on could be read. argparse's own words (``usage:`` and
its error messages) stay in English.

Exit status: 0 done (warnings allowed), 1 errors in the data or a refused request,
2 a mistake in the command itself (argparse). The store is the one ponti.store
.default_store() names (PONTI_DATA_DIR, or var/store in the checkout).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from loaders import normalise as nz
from loaders.api import import_files, load_files, seed_demo
from loaders.report import Report
from ponti import schema
from ponti.i18n import LANGS, Lang

if TYPE_CHECKING:
    from ponti.store import Store, VersionInfo

_TEXT: dict[Lang, dict[str, str]] = {
    "it": {
        "valid": "Nessun errore: i file possono essere importati.",
        "invalid": "Correggi gli errori indicati e ricontrolla.",
        "not_imported": "Non è stato importato nulla; la versione corrente non è cambiata.",
        "imported": "Importata la versione {vid}: {counts}.",
        "no_versions": "Ancora nessuna versione: importa dei file o esegui 'seed-demo'.",
        "now_current": "La versione {vid} è ora quella corrente.",
        "has_data": "L'archivio contiene già dati (versione corrente {vid}); nulla è stato fatto.",
        "seeded": "Dati dimostrativi importati come versione {vid}: {counts}.",
        "store_error": "Non è stato possibile usare l'archivio dei dati: {error}",
        "no_such_version": "Non esiste la versione {vid}; 'versions' le elenca.",
        "store_skipped": "(Non è stato possibile leggere l'archivio dei dati, quindi i "
        "riferimenti sono stati controllati solo tra questi file: {error})",
    },
    "en": {
        "valid": "No errors: the files can be imported.",
        "invalid": "Fix the errors above and validate again.",
        "not_imported": "Nothing was imported; the current version is unchanged.",
        "imported": "Imported version {vid}: {counts}.",
        "no_versions": "No versions yet: import files or run 'seed-demo'.",
        "now_current": "Version {vid} is now current.",
        "has_data": "The store already has data (current version {vid}); nothing was done.",
        "seeded": "Demo data imported as version {vid}: {counts}.",
        "store_error": "The data store could not be used: {error}",
        "no_such_version": "There is no version {vid}; 'versions' lists them.",
        "store_skipped": "(The data store could not be read, so references were checked "
        "only within these files: {error})",
    },
}

# The header of the `versions` table (the current version is marked with * before its id).
_VERSION_COLUMNS: dict[Lang, tuple[str, ...]] = {
    "it": ("", "versione", "creata", "demo", "contenuto", "nota"),
    "en": ("", "id", "created", "demo", "counts", "note"),
}

_DESCRIPTION = """\
Controlla e importa i file di dati di Ponti (CSV o Excel .xlsx).
Validate and import Ponti data files (CSV or Excel .xlsx).

Risponde in italiano; con --lang en risponde in inglese.
Answers in Italian; with --lang en it answers in English.
"""
_KINDS = ", ".join(schema.KINDS)
# Help texts as (Italian, English); --help shows both, "Italiano / English".
_HELP: dict[str, tuple[str, str]] = {
    "help": ("mostra questo aiuto ed esci", "show this help and exit"),
    "lang": (
        "lingua delle risposte (predefinita: it)",
        "language of the answers (default: it)",
    ),
    "kind": (
        f"cosa contengono i file: {_KINDS} (anche in italiano)",
        f"what the files hold: {_KINDS} (Italian names too)",
    ),
    "json": ("scrivi il rapporto in JSON", "print the report as JSON"),
    "note": ("una nota salvata con la nuova versione", "a note stored with the new version"),
    "files": ("file CSV o Excel (.xlsx)", "CSV or Excel (.xlsx) files"),
    "version_id": ("l'identificativo della versione, es. v0002", "the version's id, e.g. v0002"),
    "validate": (
        "controlla i file ed elenca ogni problema trovato",
        "check files and print every problem found",
    ),
    "import": (
        "controlla i file e, se non ci sono errori, importali",
        "validate files and, if there is no error, import them",
    ),
    "versions": ("elenca le versioni salvate", "list the stored versions"),
    "rollback": (
        "rendi di nuovo corrente una versione precedente",
        "make an earlier version current again",
    ),
    "seed-demo": (
        "importa i dati dimostrativi in un archivio vuoto",
        "import the demo data into an empty store",
    ),
}


def _help(key: str, between: str = " / ") -> str:
    """A help text in both languages, Italian first."""
    return between.join(_HELP[key])


def _kind(text: str) -> str:
    if text in schema.KINDS:
        return text
    found = nz.kind_from_name(text)
    if found is None:
        raise argparse.ArgumentTypeError(
            f"tipo sconosciuto {text!r}; usa uno di: {_KINDS} / "
            f"unknown kind {text!r}; use one of: {_KINDS}"
        )
    return found


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m loaders",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        add_help=False,  # added below with bilingual help, in the bilingual group
    )
    options = parser.add_argument_group("opzioni / options")
    options.add_argument("-h", "--help", action="help", help=_help("help"))
    options.add_argument("--lang", choices=LANGS, default="it", help=_help("lang"))
    commands = parser.add_subparsers(
        title="comandi / commands", dest="command", required=True, metavar="COMMAND"
    )
    for name in _COMMANDS:
        command = commands.add_parser(
            name,
            help=_help(name),
            description=_help(name, "\n"),
            formatter_class=argparse.RawDescriptionHelpFormatter,
            add_help=False,
        )
        arguments = command.add_argument_group("argomenti / arguments")
        options = command.add_argument_group("opzioni / options")
        options.add_argument("-h", "--help", action="help", help=_help("help"))
        # SUPPRESS: a --lang given before the command is kept, not reset to the default.
        options.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=_help("lang"))
        if name in ("validate", "import"):
            arguments.add_argument(
                "files", nargs="+", type=Path, metavar="FILE", help=_help("files")
            )
            options.add_argument("--kind", type=_kind, help=_help("kind"))
            options.add_argument("--json", action="store_true", help=_help("json"))
        if name == "import":
            options.add_argument("--note", default="", help=_help("note"))
        if name == "rollback":
            arguments.add_argument("version_id", metavar="VERSION_ID", help=_help("version_id"))
    return parser


def _store() -> Store:
    from ponti.store import default_store

    return default_store()


def _counts(info: VersionInfo, lang: Lang) -> str:
    return ", ".join(f"{n} {nz.KIND_LABELS[kind][lang]}" for kind, n in info.counts.items())


def _print_report(report: Report, lang: Lang, as_json: bool) -> None:
    if as_json:
        print(json.dumps(report.to_dict(lang), ensure_ascii=False, indent=2))
    else:
        print(report.to_text(lang))


def _validate(args: argparse.Namespace, lang: Lang) -> int:
    text = _TEXT[lang]
    store: Store | None = None
    note = ""
    try:
        store = _store()
        store.current()
    except Exception as exc:  # a damaged store must not stop a validation
        store, note = None, text["store_skipped"].format(error=exc)
    batch = load_files(args.files, kinds=args.kind, store=store)
    _print_report(batch.report, lang, args.json)
    if not args.json:
        if note:
            print(note)
        print()
        print(text["valid"] if batch.report.ok else text["invalid"])
    return 0 if batch.report.ok else 1


def _import(args: argparse.Namespace, lang: Lang) -> int:
    text = _TEXT[lang]
    from ponti.store import StoreError

    try:
        store = _store()
        info, report = import_files(args.files, store, kinds=args.kind, note=args.note)
    except (StoreError, OSError) as exc:
        print(text["store_error"].format(error=exc), file=sys.stderr)
        print(text["not_imported"], file=sys.stderr)
        return 1
    _print_report(report, lang, args.json)
    if info is None:
        if not args.json:
            print()
            print(text["not_imported"])
        return 1
    if not args.json:
        print()
        print(text["imported"].format(vid=info.version_id, counts=_counts(info, lang)))
    return 0


def _versions(args: argparse.Namespace, lang: Lang) -> int:
    text = _TEXT[lang]
    from ponti.store import StoreError

    try:
        store = _store()
        versions = store.versions()
        current = store.current_id()
    except (StoreError, OSError) as exc:
        print(text["store_error"].format(error=exc), file=sys.stderr)
        return 1
    if not versions:
        print(text["no_versions"])
        return 0
    rows = [_VERSION_COLUMNS[lang]]
    for info in versions:
        rows.append(
            (
                "*" if info.version_id == current else "",
                info.version_id,
                info.created.replace("T", " ")[:19],
                "demo" if info.demo else "",
                _counts(info, lang),
                info.note,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]).rstrip())
    return 0


def _rollback(args: argparse.Namespace, lang: Lang) -> int:
    text = _TEXT[lang]
    from ponti.store import StoreError

    try:
        store = _store()
        if args.version_id not in {v.version_id for v in store.versions()}:
            print(text["no_such_version"].format(vid=args.version_id), file=sys.stderr)
            return 1
        info = store.rollback(args.version_id)
    except (StoreError, OSError) as exc:
        print(text["store_error"].format(error=exc), file=sys.stderr)
        return 1
    print(text["now_current"].format(vid=info.version_id))
    return 0


def _seed_demo(args: argparse.Namespace, lang: Lang) -> int:
    text = _TEXT[lang]
    from ponti.store import StoreError

    try:
        store = _store()
        current = store.current()
        if current is not None:
            print(text["has_data"].format(vid=current.version_id))
            return 0
        info, report = seed_demo(store)
    except (StoreError, OSError) as exc:
        print(text["store_error"].format(error=exc), file=sys.stderr)
        return 1
    if info is None:
        print(report.to_text(lang))
        print()
        print(text["not_imported"])
        return 1
    print(text["seeded"].format(vid=info.version_id, counts=_counts(info, lang)))
    return 0


# Each command and the function that runs it, in the order --help lists them.
_COMMANDS: dict[str, Callable[[argparse.Namespace, Lang], int]] = {
    "validate": _validate,
    "import": _import,
    "versions": _versions,
    "rollback": _rollback,
    "seed-demo": _seed_demo,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    lang: Lang = "en" if args.lang == "en" else "it"
    try:
        return _COMMANDS[args.command](args, lang)
    except BrokenPipeError:
        # Output piped into `head` and cut short: not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
