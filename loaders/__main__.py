"""Command line: validate and import data files, preview and list changes, history, templates,
rollback, data quality, seed the demo. It does what the Data page does, through the same
functions (loaders.prepare_import / commit_import, ponti.changes, ponti.provenance...).

    python -m loaders validate FILE... [--kind K] [--mode replace|update] [--json]
    python -m loaders import FILE... [--kind K] [--mode replace|update] [--note TEXT]
                                     [--author NAME] [--dry-run] [--json]
    (validate and import read IATI activity files (.xml) too; --iati-unmatched report|keep|skip
    says what becomes of activities with no association in Ponti or no country)
    python -m loaders versions [--clean]
    python -m loaders history
    python -m loaders diff VERSION VERSION [--limit N]
    python -m loaders template KIND [--format xlsx|csv] [--out FILE]
    python -m loaders rollback VERSION [--author NAME] [--note TEXT]
    python -m loaders sources VERSION [--out FOLDER]
    python -m loaders quality [VERSION]
    python -m loaders seed-demo
    python -m loaders copy-store --from STORE --to STORE [--append]

Every command takes ``--lang it|en``. Languages: the command answers in Italian;
``--lang en`` (before or after the command) answers in English. Nothing else (no environment
variable) chooses the language. ``--help`` is written in both languages, Italian first:
"italiano / English" for each option and command, the descriptions as an Italian line then
an English one. One bilingual help rather than one per --lang because argparse prints the
help as soon as it meets ``-h``, before a ``--lang`` further on could be read. argparse's own
words (``usage:`` and its error messages) stay in English.

Exit status: 0 done (warnings allowed), 1 errors in the data or a refused request,
2 a mistake in the command itself (argparse). The store is the one ponti.store
.default_store() names (PONTI_DATABASE_URL, PONTI_DATA_DIR, [connections.ponti] in
.streamlit/secrets.toml, or var/store in the checkout); copy-store names its two stores itself,
each a folder or a postgresql:// URL.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from loaders.choices import LANGS, MODES, UNMATCHED_CHOICES, Mode
from ponti import schema
from ponti.schema import Lang

# What the commands work with (pandas, the reference data) is imported inside them, so that
# --help and a mistyped option answer at once.
if TYPE_CHECKING:
    from loaders.api import ImportPlan, KindArg
    from loaders.report import Report
    from ponti.store import Leftover, StoreUnavailable, VersionInfo, VersionStore

_TEXT: dict[Lang, dict[str, str]] = {
    "it": {
        "valid": "Nessun errore: i file possono essere importati.",
        "invalid": "Correggi gli errori indicati e ricontrolla.",
        "not_imported": "Non è stato importato nulla; la versione corrente non è cambiata.",
        "imported": "Importata la versione {vid}: {counts}.",
        "preview": "Se importati, i file cambierebbero la versione {vid} così:",
        "preview_empty": "Se importati, i file creerebbero la prima versione:",
        "dry_run": "Prova: non è stato scritto nulla.",
        "conflict": "Nel frattempo è stata salvata un'altra importazione (ora la versione "
        "corrente è {vid}): non è stato scritto nulla. Ripeti il comando per controllare i "
        "file sulla nuova versione.",
        "no_versions": "Ancora nessuna versione: importa dei file o esegui 'seed-demo'.",
        "restored": "Ripristinata la versione {old}: ora è corrente come nuova versione {vid}.",
        "has_data": "L'archivio contiene già dati (versione corrente {vid}); nulla è stato fatto.",
        "seeded": "Dati dimostrativi importati come versione {vid}: {counts}.",
        "store_error": "Non è stato possibile usare l'archivio dei dati: {error}",
        "no_such_version": "Non esiste la versione {vid}; 'versions' le elenca.",
        "store_skipped": "(Non è stato possibile leggere l'archivio dei dati, quindi i "
        "riferimenti sono stati controllati solo tra questi file: {error})",
        "diff_head": "Dalla versione {a} alla versione {b}:",
        "template_written": "Modello scritto in {path}.",
        "sources_written": "{n} file della versione {vid} scritti in {path}.",
        "no_sources": "La versione {vid} non ha file originali.",
        "quality_head": "Qualità dei dati della versione {vid}",
        "leftovers": "Ignorati {n} resti di importazioni interrotte (mai diventati versioni): "
        "{names}. La prossima importazione li elimina; 'versions --clean' li elimina ora.",
        "cleaned": "Eliminati {n} resti di importazioni interrotte: {names}.",
        "temporary": "cartella temporanea",
        "never-current": "mai diventata corrente",
        "pointer": "file temporaneo del puntatore",
        "copied": "Versioni copiate da {source} a {target}: {n}; la versione corrente è {vid}.",
        "copy_nothing": "L'archivio {source} non ha versioni: non c'è nulla da copiare.",
        "copy_not_empty": "L'archivio {target} contiene già delle versioni ({n}, corrente {vid}): "
        "non è stato copiato nulla. Copia in un archivio vuoto (una cartella nuova, un "
        "database nuovo), oppure aggiungi --append per mettere le versioni copiate dopo le "
        "sue, con nuovi numeri.",
        "unavailable_url": "L'indirizzo dell'archivio PostgreSQL {location} non si legge "
        "({detail}). Scrivilo come postgresql://UTENTE:PASSWORD@HOST:PORTA/DATABASE in "
        "PONTI_DATABASE_URL o in [connections.ponti] di .streamlit/secrets.toml.",
        "unavailable_driver": "Per usare un archivio PostgreSQL manca il pacchetto psycopg: "
        "installa i requisiti (pip install -r requirements.txt).",
        "unavailable_unreachable": "Nessun server PostgreSQL risponde a {location} "
        "({detail}). Controlla host e porta e che il server sia acceso.",
        "unavailable_auth": "Il server PostgreSQL {location} ha rifiutato utente o password "
        "({detail}). Controlla utente e password in PONTI_DATABASE_URL o in "
        "[connections.ponti] di .streamlit/secrets.toml.",
        "unavailable_database": "Il server PostgreSQL non ha il database di {location} "
        "({detail}). Crealo (createdb) o correggi il nome.",
        "unavailable_refused": "Il server PostgreSQL {location} ha rifiutato la richiesta "
        "({detail}). Controlla i permessi dell'utente su quel database.",
    },
    "en": {
        "valid": "No errors: the files can be imported.",
        "invalid": "Fix the errors above and validate again.",
        "not_imported": "Nothing was imported; the current version is unchanged.",
        "imported": "Imported version {vid}: {counts}.",
        "preview": "If imported, the files would change version {vid} like this:",
        "preview_empty": "If imported, the files would make the first version:",
        "dry_run": "Dry run: nothing was written.",
        "conflict": "Another import was saved meanwhile (the current version is now {vid}): "
        "nothing was written. Run the command again to check the files against the new "
        "version.",
        "no_versions": "No versions yet: import files or run 'seed-demo'.",
        "restored": "Restored version {old}: it is current again as the new version {vid}.",
        "has_data": "The store already has data (current version {vid}); nothing was done.",
        "seeded": "Demo data imported as version {vid}: {counts}.",
        "store_error": "The data store could not be used: {error}",
        "no_such_version": "There is no version {vid}; 'versions' lists them.",
        "store_skipped": "(The data store could not be read, so references were checked "
        "only within these files: {error})",
        "diff_head": "From version {a} to version {b}:",
        "template_written": "Template written to {path}.",
        "sources_written": "{n} files of version {vid} written to {path}.",
        "no_sources": "Version {vid} has no original files.",
        "quality_head": "Data quality of version {vid}",
        "leftovers": "Ignored {n} leftovers of interrupted imports (never versions): {names}. "
        "The next import removes them; 'versions --clean' removes them now.",
        "cleaned": "Removed {n} leftovers of interrupted imports: {names}.",
        "temporary": "temporary folder",
        "never-current": "never became current",
        "pointer": "temporary pointer file",
        "copied": "Versions copied from {source} to {target}: {n}; the current version is {vid}.",
        "copy_nothing": "The store {source} has no versions: there is nothing to copy.",
        "copy_not_empty": "The store {target} already holds versions ({n}, current {vid}): "
        "nothing was copied. Copy into an empty store (a new folder, a new database), or add "
        "--append to put the copied versions after its own, with new numbers.",
        "unavailable_url": "The address of the PostgreSQL store {location} cannot be read "
        "({detail}). Write it as postgresql://USER:PASSWORD@HOST:PORT/DATABASE in "
        "PONTI_DATABASE_URL or in [connections.ponti] of .streamlit/secrets.toml.",
        "unavailable_driver": "A PostgreSQL store needs the psycopg package: install the "
        "requirements (pip install -r requirements.txt).",
        "unavailable_unreachable": "No PostgreSQL server answers at {location} ({detail}). "
        "Check the host and port, and that the server is running.",
        "unavailable_auth": "The PostgreSQL server {location} refused the user or password "
        "({detail}). Check them in PONTI_DATABASE_URL or in [connections.ponti] of "
        ".streamlit/secrets.toml.",
        "unavailable_database": "The PostgreSQL server has no database {location} "
        "({detail}). Create it (createdb) or correct its name.",
        "unavailable_refused": "The PostgreSQL server {location} refused the request "
        "({detail}). Check the user's privileges on that database.",
    },
}

# The header of the `versions` table (the current version is marked with * before its id).
_VERSION_COLUMNS: dict[Lang, tuple[str, ...]] = {
    "it": ("", "versione", "creata", "demo", "contenuto", "nota"),
    "en": ("", "id", "created", "demo", "counts", "note"),
}

_DESCRIPTION = """\
Controlla e importa i file di dati di Ponti (CSV, Excel .xlsx, attività IATI .xml).
Validate and import Ponti data files (CSV, Excel .xlsx, IATI activity .xml).

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
    "template_kind": (
        f"il tipo di dati del modello: {_KINDS} (anche in italiano)",
        f"the kind of data of the template: {_KINDS} (Italian names too)",
    ),
    "mode": (
        "replace: ogni file sostituisce la tabella del suo tipo (predefinito); update: "
        "aggiunge, modifica ed elimina righe e tiene le altre",
        "replace: each file replaces the table of its kind (default); update: adds, changes "
        "and deletes rows and keeps the others",
    ),
    "json": ("scrivi il rapporto in JSON", "print the report as JSON"),
    "iati_unmatched": (
        "file IATI: le attività senza associazione in Ponti sono errori (report, "
        "predefinito), importate con l'associazione capofila da indicare (keep) o saltate "
        "con un avviso (skip); quelle senza paese sono errori con report, saltate altrimenti",
        "IATI files: activities with no association in Ponti are errors (report, default), "
        "imported with the lead association to fill in (keep) or skipped with a warning "
        "(skip); those with no country are errors with report, skipped otherwise",
    ),
    "note": ("una nota salvata con la nuova versione", "a note stored with the new version"),
    "author": (
        "chi importa, salvato con la nuova versione",
        "who imports, stored with the new version",
    ),
    "dry_run": (
        "controlla e mostra cosa cambierebbe, senza scrivere nulla",
        "validate and show what would change, writing nothing",
    ),
    "files": ("file CSV o Excel (.xlsx)", "CSV or Excel (.xlsx) files"),
    "version_id": ("l'identificativo della versione, es. v0002", "the version's id, e.g. v0002"),
    "version_a": ("la versione di partenza, es. v0001", "the version to compare from, e.g. v0001"),
    "version_b": ("la versione di arrivo, es. v0003", "the version to compare to, e.g. v0003"),
    "quality_version": (
        "la versione da esaminare (predefinita: quella corrente)",
        "the version to examine (default: the current one)",
    ),
    "limit": (
        "quante righe mostrare per tipo di modifica (predefinito: 20)",
        "how many records to show per sort of change (default: 20)",
    ),
    "format": ("formato del modello (predefinito: xlsx)", "template format (default: xlsx)"),
    "out_template": (
        "il file da scrivere (predefinito: modello-<tipo>.<formato> qui)",
        "the file to write (default: template-<kind>.<format> here)",
    ),
    "out_sources": (
        "la cartella in cui scrivere i file (predefinita: sources-<versione> qui)",
        "the folder to write the files to (default: sources-<version> here)",
    ),
    "validate": (
        "controlla i file ed elenca ogni problema trovato",
        "check files and print every problem found",
    ),
    "import": (
        "controlla i file e, se non ci sono errori, importali",
        "validate files and, if there is no error, import them",
    ),
    "versions": ("elenca le versioni salvate", "list the stored versions"),
    "clean": (
        "elimina i resti di importazioni interrotte",
        "remove the leftovers of interrupted imports",
    ),
    "history": (
        "la storia delle versioni: quando, chi, nota, file, contenuto",
        "the history of versions: when, who, note, files, content",
    ),
    "diff": (
        "cosa è cambiato tra due versioni",
        "what changed between two versions",
    ),
    "template": (
        "scrivi il modello da compilare per un tipo di dati",
        "write the template to fill in for a kind of data",
    ),
    "rollback": (
        "ripristina una versione precedente come nuova versione",
        "restore an earlier version as a new version",
    ),
    "sources": (
        "scrivi i file originali di una versione",
        "write the original files of a version",
    ),
    "quality": (
        "la qualità dei dati di una versione",
        "the data quality of a version",
    ),
    "seed-demo": (
        "importa i dati dimostrativi in un archivio vuoto",
        "import the demo data into an empty store",
    ),
    "copy-store": (
        "copia ogni versione (tabelle, file originali, provenienza, date) da un archivio a "
        "un altro vuoto; la versione corrente resta corrente",
        "copy every version (tables, original files, provenance, dates) from one store to "
        "another, empty one; the current version stays current",
    ),
    "copy_from": (
        "l'archivio da copiare: una cartella o un indirizzo postgresql://",
        "the store to copy: a folder or a postgresql:// URL",
    ),
    "copy_to": (
        "l'archivio in cui copiare (vuoto): una cartella o un indirizzo postgresql://",
        "the store to copy into (empty): a folder or a postgresql:// URL",
    ),
    "append": (
        "copia anche in un archivio che ha già versioni, dopo le sue e con nuovi numeri",
        "copy into a store that has versions too, after them and with new numbers",
    ),
}


def _help(key: str, between: str = " / ") -> str:
    """A help text in both languages, Italian first."""
    return between.join(_HELP[key])


def _kind(text: str) -> str:
    if text in schema.KINDS:
        return text
    from loaders.normalise import kind_from_name

    found = kind_from_name(text)
    if found is None:
        raise argparse.ArgumentTypeError(
            f"tipo sconosciuto {text!r}; usa uno di: {_KINDS} / "
            f"unknown kind {text!r}; use one of: {_KINDS}"
        )
    return found


def _add_arguments(
    name: str, arguments: argparse._ArgumentGroup, options: argparse._ArgumentGroup
) -> None:
    """The arguments and options of one command."""
    if name in ("validate", "import"):
        arguments.add_argument("files", nargs="+", type=Path, metavar="FILE", help=_help("files"))
        options.add_argument("--kind", type=_kind, help=_help("kind"))
        options.add_argument("--mode", choices=MODES, default="replace", help=_help("mode"))
        options.add_argument("--json", action="store_true", help=_help("json"))
        options.add_argument(
            "--iati-unmatched",
            choices=UNMATCHED_CHOICES,
            default="report",
            help=_help("iati_unmatched"),
        )
    if name in ("import", "rollback"):
        options.add_argument("--note", default=None, help=_help("note"))
        options.add_argument("--author", default="", help=_help("author"))
    if name == "import":
        options.add_argument("--dry-run", action="store_true", help=_help("dry_run"))
    if name == "versions":
        options.add_argument("--clean", action="store_true", help=_help("clean"))
    if name in ("rollback", "sources"):
        arguments.add_argument("version_id", metavar="VERSION", help=_help("version_id"))
    if name == "sources":
        options.add_argument("--out", type=Path, metavar="FOLDER", help=_help("out_sources"))
    if name == "diff":
        arguments.add_argument("version_a", metavar="VERSION", help=_help("version_a"))
        arguments.add_argument("version_b", metavar="VERSION", help=_help("version_b"))
        options.add_argument("--limit", type=int, default=20, help=_help("limit"))
    if name == "template":
        arguments.add_argument("kind", type=_kind, metavar="KIND", help=_help("template_kind"))
        options.add_argument(
            "--format", choices=("xlsx", "csv"), default="xlsx", help=_help("format")
        )
        options.add_argument("--out", type=Path, metavar="FILE", help=_help("out_template"))
    if name == "copy-store":
        options.add_argument(
            "--from", dest="source", required=True, metavar="STORE", help=_help("copy_from")
        )
        options.add_argument(
            "--to", dest="target", required=True, metavar="STORE", help=_help("copy_to")
        )
        options.add_argument("--append", action="store_true", help=_help("append"))
    if name == "quality":
        arguments.add_argument(
            "version_id", nargs="?", metavar="VERSION", help=_help("quality_version")
        )


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
        _add_arguments(name, arguments, options)
    return parser


def _store() -> VersionStore:
    from ponti.stores import default_store

    return default_store()


def _counts(info: VersionInfo, lang: Lang) -> str:
    from loaders.normalise import KIND_LABELS

    return ", ".join(f"{n} {KIND_LABELS[kind][lang]}" for kind, n in info.counts.items())


def _print_report(report: Report, lang: Lang, as_json: bool) -> None:
    if as_json:
        print(json.dumps(report.to_dict(lang), ensure_ascii=False, indent=2))
    else:
        print(report.to_text(lang))


def _store_error(exc: Exception, lang: Lang) -> int:
    from ponti.store import StoreUnavailable

    if isinstance(exc, StoreUnavailable):
        print(_unavailable(exc, lang), file=sys.stderr)
    else:
        print(_TEXT[lang]["store_error"].format(error=exc), file=sys.stderr)
    return 1


def _unavailable(exc: StoreUnavailable, lang: Lang) -> str:
    """Why a configured store cannot be used, and what to do, in the language asked."""
    text = _TEXT[lang].get(f"unavailable_{exc.reason}")
    if text is None:
        return _TEXT[lang]["store_error"].format(error=exc)
    return text.format(location=exc.location, detail=exc.detail)


def _validate(args: argparse.Namespace, lang: Lang) -> int:
    from loaders.api import load_files

    text = _TEXT[lang]
    store: VersionStore | None = None
    note = ""
    try:
        store = _store()
        store.current()
    except Exception as exc:  # a damaged store must not stop a validation
        store, note = None, text["store_skipped"].format(error=exc)
    batch = load_files(args.files, kinds=args.kind, store=store, mode=args.mode)
    _print_report(batch.report, lang, args.json)
    if not args.json:
        if note:
            print(note)
        print()
        print(text["valid"] if batch.report.ok else text["invalid"])
    return 0 if batch.report.ok else 1


def _print_preview(plan: ImportPlan, lang: Lang) -> None:
    text = _TEXT[lang]
    print()
    if plan.base_version is None:
        print(text["preview_empty"])
    else:
        print(text["preview"].format(vid=plan.base_version))
    print(plan.changes.to_text(lang))


def prepare_import(
    files: Sequence[Path], store: VersionStore, *, kinds: KindArg = None, mode: Mode = "replace"
) -> ImportPlan:
    """loaders.prepare_import, imported when called; a name of this module still, since
    tests replace it to stage an import that loses a race."""
    from loaders.api import prepare_import as prepare

    return prepare(files, store, kinds=kinds, mode=mode)


def _import(args: argparse.Namespace, lang: Lang) -> int:
    text = _TEXT[lang]
    from loaders.api import commit_import
    from ponti.store import ConflictError, StoreError

    try:
        store = _store()
        info = None
        if args.dry_run:
            plan = prepare_import(args.files, store, kinds=args.kind, mode=args.mode)
        else:
            # Validated against the version it replaces, with the writer lock held until
            # the new version is current: a concurrent import waits, then sees this one.
            with store.locked():
                plan = prepare_import(args.files, store, kinds=args.kind, mode=args.mode)
                if plan.ok:
                    info = commit_import(plan, store, note=args.note or "", author=args.author)
    except ConflictError as exc:
        print(text["conflict"].format(vid=exc.current), file=sys.stderr)
        return 1
    except (StoreError, OSError) as exc:
        _store_error(exc, lang)
        print(text["not_imported"], file=sys.stderr)
        return 1
    _print_report(plan.report, lang, args.json)
    if args.json:
        return 0 if info is not None or (args.dry_run and plan.ok) else 1
    if plan.ok:
        _print_preview(plan, lang)
    print()
    if info is None:
        print(text["dry_run"] if args.dry_run and plan.ok else text["not_imported"])
        return 0 if args.dry_run and plan.ok else 1
    print(text["imported"].format(vid=info.version_id, counts=_counts(info, lang)))
    return 0


def _versions(args: argparse.Namespace, lang: Lang) -> int:
    text = _TEXT[lang]
    from ponti.store import StoreError

    try:
        store = _store()
        cleaned = store.clean_leftovers() if args.clean else []
        versions = store.versions()
        current = store.current_id()
        leftovers = store.leftovers()
    except (StoreError, OSError) as exc:
        return _store_error(exc, lang)
    if cleaned:
        print(text["cleaned"].format(n=len(cleaned), names=_leftover_names(cleaned, lang)))
    if leftovers:
        # stderr: the table on stdout stays a table for whoever reads it.
        names = _leftover_names(leftovers, lang)
        print(text["leftovers"].format(n=len(leftovers), names=names), file=sys.stderr)
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


def _leftover_names(leftovers: Sequence[Leftover], lang: Lang) -> str:
    return ", ".join(f"{item.name} ({_TEXT[lang][item.what]})" for item in leftovers)


def _history(args: argparse.Namespace, lang: Lang) -> int:
    from ponti.provenance import history, history_text
    from ponti.store import StoreError

    try:
        entries = history(_store())
    except (StoreError, OSError) as exc:
        return _store_error(exc, lang)
    print(history_text(entries, lang) if entries else _TEXT[lang]["no_versions"])
    return 0


def _known(store: VersionStore, version_ids: Sequence[str], lang: Lang) -> bool:
    """True when every version exists; otherwise says which does not."""
    known = {v.version_id for v in store.versions()}
    for vid in version_ids:
        if vid not in known:
            print(_TEXT[lang]["no_such_version"].format(vid=vid), file=sys.stderr)
            return False
    return True


def _diff(args: argparse.Namespace, lang: Lang) -> int:
    from ponti.changes import diff_versions
    from ponti.store import StoreError

    try:
        store = _store()
        if not _known(store, (args.version_a, args.version_b), lang):
            return 1
        changes = diff_versions(store, args.version_a, args.version_b)
    except (StoreError, OSError) as exc:
        return _store_error(exc, lang)
    print(_TEXT[lang]["diff_head"].format(a=args.version_a, b=args.version_b))
    print(changes.to_text(lang, limit=max(args.limit, 0)))
    return 0


def _template(args: argparse.Namespace, lang: Lang) -> int:
    from ponti import templates

    existing = None
    try:
        store = _store()
        if store.current_id() is not None:
            existing = store.read_all()  # examples refer to what Ponti has
    except Exception:  # a template needs no store: its examples then refer to each other
        existing = None
    make = templates.template_xlsx if args.format == "xlsx" else templates.template_csv
    out = args.out or Path(templates.template_name(args.kind, lang, args.format))
    try:
        out.write_bytes(make(args.kind, lang, existing=existing))
    except OSError as exc:
        return _store_error(exc, lang)
    print(_TEXT[lang]["template_written"].format(path=out))
    return 0


def _rollback(args: argparse.Namespace, lang: Lang) -> int:
    text = _TEXT[lang]
    from ponti.store import StoreError

    try:
        store = _store()
        if not _known(store, (args.version_id,), lang):
            return 1
        info = store.rollback(args.version_id, author=args.author, note=args.note)
    except (StoreError, OSError) as exc:
        return _store_error(exc, lang)
    print(text["restored"].format(old=args.version_id, vid=info.version_id))
    return 0


def _sources(args: argparse.Namespace, lang: Lang) -> int:
    text = _TEXT[lang]
    from ponti.store import StoreError

    try:
        store = _store()
        if not _known(store, (args.version_id,), lang):
            return 1
        files = store.source_files(args.version_id)
        if not files:
            print(text["no_sources"].format(vid=args.version_id))
            return 0
        out: Path = args.out or Path(f"sources-{args.version_id}")
        out.mkdir(parents=True, exist_ok=True)
        for source in files:
            (out / source.name).write_bytes(source.data)
    except (StoreError, OSError) as exc:
        return _store_error(exc, lang)
    print(text["sources_written"].format(n=len(files), vid=args.version_id, path=out))
    return 0


def _quality(args: argparse.Namespace, lang: Lang) -> int:
    from ponti.quality import version_quality
    from ponti.store import StoreError

    try:
        store = _store()
        vid = args.version_id or store.current_id()
        if vid is None:
            print(_TEXT[lang]["no_versions"])
            return 0
        if not _known(store, (vid,), lang):
            return 1
        report = version_quality(store, vid)
    except (StoreError, OSError) as exc:
        return _store_error(exc, lang)
    print(_TEXT[lang]["quality_head"].format(vid=vid))
    print()
    print(report.to_text(lang))
    return 0


def _seed_demo(args: argparse.Namespace, lang: Lang) -> int:
    text = _TEXT[lang]
    from loaders.api import seed_demo
    from ponti.store import StoreError

    try:
        store = _store()
        current = store.current()
        if current is not None:
            print(text["has_data"].format(vid=current.version_id))
            return 0
        info, report = seed_demo(store)
        current = store.current()
    except (StoreError, OSError) as exc:
        return _store_error(exc, lang)
    if info is None and report.ok and current is not None:
        # Another seed (or import) got there first, under the lock: nothing to do.
        print(text["has_data"].format(vid=current.version_id))
        return 0
    if info is None:
        print(report.to_text(lang))
        print()
        print(text["not_imported"])
        return 1
    print(text["seeded"].format(vid=info.version_id, counts=_counts(info, lang)))
    return 0


def _copy_store(args: argparse.Namespace, lang: Lang) -> int:
    text = _TEXT[lang]
    from ponti.store import StoreError, StoreNotEmpty, copy_store
    from ponti.stores import store_at

    try:
        source, target = store_at(args.source), store_at(args.target)
        if source.current_id() is None:
            print(text["copy_nothing"].format(source=source.location))
            return 0
        written = copy_store(source, target, append=args.append)
    except StoreNotEmpty as exc:
        print(
            text["copy_not_empty"].format(target=exc.location, n=exc.count, vid=exc.current),
            file=sys.stderr,
        )
        return 1
    except (StoreError, OSError) as exc:
        return _store_error(exc, lang)
    print(
        text["copied"].format(
            n=len(written),
            source=source.location,
            target=target.location,
            vid=written[-1].version_id,
        )
    )
    return 0


# Each command and the function that runs it, in the order --help lists them.
_COMMANDS: dict[str, Callable[[argparse.Namespace, Lang], int]] = {
    "validate": _validate,
    "import": _import,
    "versions": _versions,
    "history": _history,
    "diff": _diff,
    "template": _template,
    "rollback": _rollback,
    "sources": _sources,
    "quality": _quality,
    "seed-demo": _seed_demo,
    "copy-store": _copy_store,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    from loaders import iati

    lang: Lang = "en" if args.lang == "en" else "it"
    # IATI files are read in the language of the answers (titles, descriptions) and with
    # the choice about activities that cannot become projects.
    unmatched = getattr(args, "iati_unmatched", "report")
    try:
        with iati.reading(unmatched=unmatched, lang=lang):
            return _COMMANDS[args.command](args, lang)
    except BrokenPipeError:
        # Output piped into `head` and cut short: not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
