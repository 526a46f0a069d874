"""Command line: validate and import data files, list versions, roll back, seed the demo.

    python -m loaders validate FILE... [--kind K] [--json] [--lang it|en]
    python -m loaders import FILE... [--kind K] [--note TEXT] [--lang it|en]
    python -m loaders versions
    python -m loaders rollback VERSION_ID
    python -m loaders seed-demo

Exit status: 0 done (warnings allowed), 1 errors in the data or a refused request,
2 a mistake in the command itself (argparse). The store is the one ponti.store
.default_store() names (PONTI_DATA_DIR, or var/store in the checkout).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from loaders import normalise as nz
from loaders.api import import_files, load_files, seed_demo
from loaders.report import Report
from ponti import schema

if TYPE_CHECKING:
    from ponti.store import Store, VersionInfo

_TEXT: dict[str, dict[str, str]] = {
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
}


def _kind(text: str) -> str:
    if text in schema.KINDS:
        return text
    found = nz.kind_from_name(text)
    if found is None:
        raise argparse.ArgumentTypeError(
            f"unknown kind {text!r}; use one of: {', '.join(schema.KINDS)}"
        )
    return found


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lang", choices=("en", "it"), default="en", help="language of messages (default: en)"
    )
    parser = argparse.ArgumentParser(
        prog="python -m loaders",
        description="Validate and import Ponti data files (CSV or Excel .xlsx).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser(
        "validate", parents=[common], help="check files and print every problem found"
    )
    validate.add_argument("files", nargs="+", type=Path, metavar="FILE")
    validate.add_argument(
        "--kind", type=_kind, help=f"what the files hold: {', '.join(schema.KINDS)}"
    )
    validate.add_argument("--json", action="store_true", help="print the report as JSON")
    load = sub.add_parser(
        "import", parents=[common], help="validate files and, if there is no error, import them"
    )
    load.add_argument("files", nargs="+", type=Path, metavar="FILE")
    load.add_argument("--kind", type=_kind, help=f"what the files hold: {', '.join(schema.KINDS)}")
    load.add_argument("--note", default="", help="a note stored with the new version")
    load.add_argument("--json", action="store_true", help="print the report as JSON")
    sub.add_parser("versions", parents=[common], help="list the stored versions")
    rollback = sub.add_parser(
        "rollback", parents=[common], help="make an earlier version current again"
    )
    rollback.add_argument("version_id", metavar="VERSION_ID")
    sub.add_parser("seed-demo", parents=[common], help="import the demo data into an empty store")
    return parser


def _store() -> Store:
    from ponti.store import default_store

    return default_store()


def _counts(info: VersionInfo, lang: str) -> str:
    return ", ".join(
        f"{n} {nz.KIND_LABELS[kind]['it' if lang == 'it' else 'en']}"
        for kind, n in info.counts.items()
    )


def _print_report(report: Report, lang: str, as_json: bool) -> None:
    if as_json:
        print(json.dumps(report.to_dict(lang), ensure_ascii=False, indent=2))
    else:
        print(report.to_text(lang))


def _validate(args: argparse.Namespace, text: dict[str, str]) -> int:
    store: Store | None = None
    note = ""
    try:
        store = _store()
        store.current()
    except Exception as exc:  # a damaged store must not stop a validation
        store, note = None, text["store_skipped"].format(error=exc)
    batch = load_files(args.files, kinds=args.kind, store=store)
    _print_report(batch.report, args.lang, args.json)
    if not args.json:
        if note:
            print(note)
        print()
        print(text["valid"] if batch.report.ok else text["invalid"])
    return 0 if batch.report.ok else 1


def _import(args: argparse.Namespace, text: dict[str, str]) -> int:
    from ponti.store import StoreError

    try:
        store = _store()
        info, report = import_files(args.files, store, kinds=args.kind, note=args.note)
    except (StoreError, OSError) as exc:
        print(text["store_error"].format(error=exc), file=sys.stderr)
        print(text["not_imported"], file=sys.stderr)
        return 1
    _print_report(report, args.lang, args.json)
    if info is None:
        if not args.json:
            print()
            print(text["not_imported"])
        return 1
    if not args.json:
        print()
        print(text["imported"].format(vid=info.version_id, counts=_counts(info, args.lang)))
    return 0


def _versions(args: argparse.Namespace, text: dict[str, str]) -> int:
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
    rows = [("", "id", "created", "demo", "counts", "note")]
    for info in versions:
        rows.append(
            (
                "*" if info.version_id == current else "",
                info.version_id,
                info.created.replace("T", " ")[:19],
                "demo" if info.demo else "",
                _counts(info, args.lang),
                info.note,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]).rstrip())
    return 0


def _rollback(args: argparse.Namespace, text: dict[str, str]) -> int:
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


def _seed_demo(args: argparse.Namespace, text: dict[str, str]) -> int:
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
        print(report.to_text(args.lang))
        print()
        print(text["not_imported"])
        return 1
    print(text["seeded"].format(vid=info.version_id, counts=_counts(info, args.lang)))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    text = _TEXT[args.lang]
    commands = {
        "validate": _validate,
        "import": _import,
        "versions": _versions,
        "rollback": _rollback,
        "seed-demo": _seed_demo,
    }
    try:
        return commands[args.command](args, text)
    except BrokenPipeError:
        # Output piped into `head` and cut short: not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
