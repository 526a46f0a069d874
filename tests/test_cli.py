"""`python -m loaders` as a person runs it, on a temporary store.

The commands run in-process through `loaders.__main__.main(argv)` (output captured by
capsys); one smoke test runs the real `python -m loaders` to prove the entry point works.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import loaders
from loaders.__main__ import main
from ponti.store import DATA_DIR_ENV

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOOD = [
    FIXTURES / f"{kind}.csv"
    for kind in ("associations", "projects", "twinnings", "residents", "calls")
]
BAD_AMOUNT = FIXTURES / "projects-bad-amount.csv"


@dataclass(frozen=True)
class Run:
    """What one command did: its exit status and what it printed."""

    returncode: int
    stdout: str
    stderr: str


Cli = Callable[..., Run]


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run the command line in-process on an empty store of its own."""
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "store"))

    def run_cli(*args: object) -> Run:
        try:
            code = main([str(a) for a in args])
        except SystemExit as exit_:  # argparse: --help (0) and mistakes in the command (2)
            code = int(exit_.code or 0)
        out = capsys.readouterr()
        assert "Traceback" not in out.err, out.err
        return Run(code, out.out, out.err)

    return run_cli


# -- the entry point ----------------------------------------------------------------------
def test_python_dash_m_loaders_runs_in_a_process_of_its_own(tmp_path: Path) -> None:
    # The one real subprocess: `python -m loaders` reaches main() and returns its status.
    env = {**os.environ, DATA_DIR_ENV: str(tmp_path / "store"), "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-m", "loaders", "validate", str(BAD_AMOUNT)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == "projects-bad-amount.csv: 1 errore, 1 avviso"


# -- languages ----------------------------------------------------------------------------
def test_answers_in_italian_by_default(run: Cli) -> None:
    result = run("validate", BAD_AMOUNT)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == "projects-bad-amount.csv: 1 errore, 1 avviso"
    assert (
        "projects-bad-amount.csv riga 5, colonna 'Importo richiesto': '12,3,4' non è un "
        "numero. Come correggere: Scrivi gli importi" in result.stdout
    )
    assert result.stdout.rstrip().endswith("Correggi gli errori indicati e ricontrolla.")
    assert "is not a number" not in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["validate", BAD_AMOUNT, "--lang", "en"],
        ["--lang", "en", "validate", BAD_AMOUNT],
    ],
    ids=["after-the-command", "before-the-command"],
)
def test_answers_in_english_with_lang_en(run: Cli, args: list[object]) -> None:
    result = run(*args)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == "projects-bad-amount.csv: 1 error, 1 warning"
    assert (
        "projects-bad-amount.csv row 5, column 'Importo richiesto': '12,3,4' is not a number. "
        "Fix: Write amounts like 12.500,00 or 12500.00" in result.stdout
    )
    assert result.stdout.rstrip().endswith("Fix the errors above and validate again.")


def test_lang_it_is_the_default_spelled_out(run: Cli) -> None:
    assert run("validate", BAD_AMOUNT, "--lang", "it") == run("validate", BAD_AMOUNT)


def test_json_messages_follow_the_language(run: Cli) -> None:
    italian = json.loads(run("validate", BAD_AMOUNT, "--json").stdout)
    english = json.loads(run("validate", BAD_AMOUNT, "--json", "--lang", "en").stdout)
    assert italian["issues"][0]["message"] == italian["issues"][0]["message_it"]
    assert english["issues"][0]["message"] == english["issues"][0]["message_en"]


def test_store_messages_in_both_languages(run: Cli) -> None:
    assert run("versions").stdout.startswith("Ancora nessuna versione")
    assert run("versions", "--lang", "en").stdout.startswith("No versions yet")
    run("import", *GOOD)
    header = run("versions").stdout.splitlines()[0].split()
    assert header == ["versione", "creata", "demo", "contenuto", "nota"]
    assert (
        "3 associazioni, 3 progetti, 2 gemellaggi, 3 residenti, 3 bandi" in run("versions").stdout
    )
    assert run("versions", "--lang", "en").stdout.splitlines()[0].split() == [
        "id",
        "created",
        "demo",
        "counts",
        "note",
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["-h"],
        ["--lang", "en", "--help"],
        ["validate", "--help"],
        ["import", "-h"],
        ["import", "--help", "--lang", "en"],
        ["versions", "--help"],
        ["history", "--help"],
        ["diff", "--help"],
        ["template", "--help"],
        ["rollback", "--help"],
        ["sources", "--help"],
        ["quality", "--help"],
        ["seed-demo", "--help"],
    ],
)
def test_help_is_in_italian_and_english_whatever_lang_says(run: Cli, args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 0
    text = " ".join(result.stdout.split())  # argparse wraps lines at the terminal width
    assert "mostra questo aiuto ed esci / show this help and exit" in text
    assert "lingua delle risposte (predefinita: it) / language of the answers (default: it)" in (
        text
    )
    assert "opzioni / options:" in text


def test_help_describes_every_command_in_both_languages(run: Cli) -> None:
    text = " ".join(run("--help").stdout.split())
    assert "Controlla e importa i file di dati di Ponti" in text
    assert "Validate and import Ponti data files" in text
    for italian, english in [
        ("controlla i file ed elenca ogni problema trovato", "check files and print every"),
        ("elenca le versioni salvate", "list the stored versions"),
        ("la storia delle versioni: quando, chi, nota, file, contenuto", "the history of"),
        ("cosa è cambiato tra due versioni", "what changed between two versions"),
        ("scrivi il modello da compilare per un tipo di dati", "write the template"),
        ("ripristina una versione precedente come nuova versione", "restore an earlier"),
        ("scrivi i file originali di una versione", "write the original files"),
        ("la qualità dei dati di una versione", "the data quality of a version"),
        ("importa i dati dimostrativi in un archivio vuoto", "import the demo data"),
    ]:
        assert f"{italian} / {english}" in text
    options = " ".join(run("import", "--help").stdout.split())
    assert "--note NOTE una nota salvata con la nuova versione / a note stored" in options
    assert "--author AUTHOR chi importa, salvato con la nuova versione / who imports" in options
    assert "--mode {replace,update} replace: ogni file sostituisce" in options


# -- validate -----------------------------------------------------------------------------
def test_validate_json(run: Cli) -> None:
    result = run("validate", BAD_AMOUNT, "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert [
        (i["code"], i["row"], i["field"]) for i in data["issues"] if i["severity"] == "error"
    ] == [("bad-number", 5, "Importo richiesto")]


@pytest.mark.parametrize("demo", loaders.demo_files(), ids=lambda p: p.name)
def test_validate_each_demo_file(run: Cli, demo: Path) -> None:
    result = run("validate", demo)
    assert result.returncode == 0, result.stdout


def test_validate_the_demo_together_is_spotless(run: Cli) -> None:
    result = run("validate", *loaders.demo_files(), "--lang", "en")
    assert result.returncode == 0, result.stdout
    assert "no problems found" in result.stdout.splitlines()[-3]


def test_validate_warnings_exit_zero(run: Cli) -> None:
    result = run("validate", FIXTURES / "associations-unknown-territory.csv", "--lang", "en")
    assert result.returncode == 0
    assert "'Dakkar' was not found" in result.stdout


@pytest.mark.parametrize(
    ("fixture", "code"),
    [
        ("calls-closes-before-opening.csv", "date-order"),
        ("calls-grant-min-exceeds-max.csv", "grant-min-exceeds-max"),
        ("calls-cofinancing-out-of-range.csv", "bad-share"),
        ("calls-unknown-applicant.csv", "unknown-applicant"),
    ],
)
def test_validate_reports_the_checks_of_calls(run: Cli, fixture: str, code: str) -> None:
    result = run("validate", FIXTURES / fixture, "--json", "--lang", "en")
    assert result.returncode == 1
    assert [i["code"] for i in json.loads(result.stdout)["issues"]] == [code]


def test_a_calls_file_imports_on_its_own_and_the_rest_carries_over(run: Cli) -> None:
    assert run("import", *GOOD[:4]).returncode == 0
    result = run("import", FIXTURES / "calls-italian-headers.csv", "--lang", "en")
    assert result.returncode == 0, result.stdout
    assert (
        "Imported version v0002: 3 associations, 3 projects, 2 twinnings, 3 residents, 3 calls."
        in (result.stdout)
    )
    kind = run("validate", FIXTURES / "calls.csv", "--kind", "bandi", "--lang", "en")
    assert kind.returncode == 0 and "no problems found" in kind.stdout


def test_kind_option_overrides_the_file_name(run: Cli, tmp_path: Path) -> None:
    misnamed = tmp_path / "progetti.csv"
    misnamed.write_bytes((FIXTURES / "associations.csv").read_bytes())
    assert run("validate", misnamed).returncode == 1  # read as projects
    assert run("validate", misnamed, "--kind", "associazioni").returncode == 0


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("missing.csv", "was not found"),
        ("", "is a folder"),
        ("empty.csv", "The file is empty"),
        ("header-only.csv", "no data rows"),
    ],
)
def test_validate_bad_input_is_a_clean_message(run: Cli, target: str, words: str) -> None:
    path = FIXTURES / target if target else FIXTURES
    result = run("validate", path, "--lang", "en")
    assert result.returncode == 1
    assert words in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["validate"],
        ["validate", "x.csv", "--kind", "pizze"],
        ["frobnicate"],
        ["validate", "x.csv", "--lang", "fr"],
        ["--lang", "fr", "versions"],
    ],
)
def test_usage_errors_exit_two(run: Cli, args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_an_unknown_kind_is_named_in_both_languages(run: Cli) -> None:
    result = run("validate", "x.csv", "--kind", "pizze")
    assert "tipo sconosciuto 'pizze'" in result.stderr and "unknown kind 'pizze'" in result.stderr


# -- import, versions, rollback, seed-demo -------------------------------------------------
def test_import_with_an_error_changes_nothing(run: Cli) -> None:
    assert "No versions yet" in run("versions", "--lang", "en").stdout
    result = run("import", *GOOD[:1], BAD_AMOUNT, "--lang", "en")
    assert result.returncode == 1
    assert "Nothing was imported; the current version is unchanged." in result.stdout
    assert "No versions yet" in run("versions", "--lang", "en").stdout


def test_import_then_versions_then_rollback(run: Cli) -> None:
    first = run("import", *GOOD, "--note", "first import", "--lang", "en")
    assert first.returncode == 0, first.stdout
    assert (
        "Imported version v0001: 3 associations, 3 projects, 2 twinnings, 3 residents, 3 calls."
        in first.stdout
    )
    refused = run("import", FIXTURES / "projects-unknown-lead.csv", "--lang", "en")
    assert refused.returncode == 1
    assert "'ASS-99' is not the id of an association" in refused.stdout
    second = run("import", FIXTURES / "projects-italian-headers.csv", "--note", "fix")
    assert second.returncode == 0, second.stdout
    assert "Importata la versione v0002" in second.stdout

    listing = run("versions").stdout.splitlines()
    assert len(listing) == 3  # header and two versions: the refused import left no trace
    assert listing[1].split()[0] == "v0001" and "first import" in listing[1]
    assert listing[2].startswith("*") and "v0002" in listing[2] and "fix" in listing[2]

    back = run("rollback", "v0001", "--author", "Maria Rossi")
    assert back.returncode == 0
    assert "Ripristinata la versione v0001: ora è corrente come nuova versione v0003." in (
        back.stdout
    )
    listing = run("versions").stdout.splitlines()
    assert len(listing) == 4 and listing[3].startswith("*") and "v0003" in listing[3]
    assert "ripristino della versione v0001" in listing[3]
    assert "3 progetti" in listing[3] and "first import" not in listing[3]
    history = run("history").stdout.splitlines()
    assert history[0].startswith("* v0003  ripristino della versione v0001, il ")
    assert "da Maria Rossi (file: associations.csv," in history[0]


def test_rollback_to_an_unknown_version(run: Cli) -> None:
    run("import", *GOOD)
    result = run("rollback", "v0042")
    assert result.returncode == 1
    assert "Non esiste la versione v0042" in result.stderr


def test_seed_demo(run: Cli) -> None:
    result = run("seed-demo", "--lang", "en")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("Demo data imported as version v0001")
    again = run("seed-demo")
    assert again.returncode == 0 and "L'archivio contiene già dati" in again.stdout
    listing = run("versions").stdout
    assert "demo" in listing and listing.count("v000") == 1


# -- updates, previews, history, diffs, templates, sources, quality ------------------------
def test_update_dry_run_previews_and_writes_nothing(run: Cli, tmp_path: Path) -> None:
    run("import", *GOOD)
    corrections = tmp_path / "correzioni.csv"  # no kind in the name: told by its headers
    corrections.write_bytes((FIXTURES / "associations-update.csv").read_bytes())
    result = run("import", corrections, "--mode", "update", "--dry-run")
    assert result.returncode == 0, result.stdout
    assert "Se importati, i file cambierebbero la versione v0001 così:" in result.stdout
    assert "Associazioni: 1 aggiunte, 1 modificate, 0 eliminate (righe: 3 → 4)" in result.stdout
    assert "~ ASS-1: Sigla: ASR → –; Numero soci: 120 → 150" in result.stdout
    assert result.stdout.rstrip().endswith("Prova: non è stato scritto nulla.")
    assert run("versions").stdout.count("v000") == 1


def test_update_import_records_note_and_author(run: Cli) -> None:
    run("import", *GOOD, "--note", "Censimento 2026", "--author", "Maria Rossi")
    result = run(
        "import",
        FIXTURES / "associations-update.csv",
        "--mode",
        "update",
        "--note",
        "Soci 2026",
        "--author",
        "Luca Bianchi",
        "--lang",
        "en",
    )
    assert result.returncode == 0, result.stdout
    assert "Associations: 1 added, 1 changed, 0 removed (rows: 3 → 4)" in result.stdout
    assert "Imported version v0002: 4 associations, 3 projects" in result.stdout
    history = run("history").stdout.splitlines()
    assert history[0].startswith("* v0002  importato il ")
    assert "da Luca Bianchi: Soci 2026 (file: associations-update.csv)" in history[0]
    assert "aggiornamento" in history[1]
    assert "da Maria Rossi: Censimento 2026 (file: associations.csv," in history[2]
    english = run("history", "--lang", "en").stdout
    assert "by Luca Bianchi: Soci 2026 (files: associations-update.csv)" in english


def test_update_that_breaks_other_rows_is_refused(run: Cli) -> None:
    run("import", *GOOD)
    result = run("import", FIXTURES / "associations-delete-used.csv", "--mode", "update")
    assert result.returncode == 1
    assert "Eliminare 'ASS-3' lascerebbe senza riferimento progetti" in result.stdout
    assert run("versions").stdout.count("v000") == 1


def test_an_import_that_loses_the_race_is_refused(
    run: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import loaders.__main__ as cli

    run("import", *GOOD)
    prepare = cli.prepare_import

    def prepare_then_another_commit(*args: object, **kwargs: object) -> loaders.ImportPlan:
        plan = prepare(*args, **kwargs)  # type: ignore[arg-type]
        other = prepare([FIXTURES / "projects-delete.csv"], args[1], mode="update")  # type: ignore[arg-type]
        loaders.commit_import(other, args[1])  # type: ignore[arg-type]
        return plan

    monkeypatch.setattr(cli, "prepare_import", prepare_then_another_commit)
    result = run("import", FIXTURES / "associations-update.csv", "--mode", "update", "--lang", "en")
    assert result.returncode == 1
    assert "Another import was saved meanwhile (the current version is now v0002)" in (
        result.stderr
    )
    listing = run("versions").stdout.splitlines()
    assert len(listing) == 3 and "2 progetti" in listing[2] and "3 associazioni" in listing[2]


def test_diff_between_versions(run: Cli) -> None:
    run("import", *GOOD)
    run("import", FIXTURES / "associations-update.csv", "--mode", "update")
    run("import", FIXTURES / "projects-delete.csv", "--mode", "update")
    result = run("diff", "v0001", "v0003")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Dalla versione v0001 alla versione v0003:"
    assert "Associazioni: 1 aggiunte, 1 modificate, 0 eliminate (righe: 3 → 4)" in lines
    assert "  + ASS-4 Associazione Peruviani di Forlì" in lines
    assert "  - PRJ-3 Impresa giovani a Tirana" in lines
    assert "Residenti: 0 aggiunte, 0 modificate, 0 eliminate (righe: 3 → 3)" in lines
    english = run("diff", "v0003", "v0001", "--lang", "en").stdout
    assert "Projects: 1 added, 0 changed, 0 removed (rows: 2 → 3)" in english
    missing = run("diff", "v0001", "v0042")
    assert missing.returncode == 1 and "Non esiste la versione v0042" in missing.stderr


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_template_commands_write_files_that_validate(
    run: Cli, tmp_path: Path, lang: str, fmt: str
) -> None:
    written = []
    for kind in ("associations", "projects", "twinnings", "residents", "calls"):
        out = tmp_path / f"{kind}-{lang}.{fmt}"
        result = run("template", kind, "--format", fmt, "--out", out, "--lang", lang)
        assert result.returncode == 0, result.stdout + result.stderr
        assert str(out) in result.stdout and out.stat().st_size > 0
        written.append(out)
    checked = run("validate", *written, "--json")
    report = json.loads(checked.stdout)
    assert checked.returncode == 0 and report["errors"] == 0, checked.stdout
    assert {i["code"] for i in report["issues"]} == {"example-row"}


def test_template_names_itself_after_its_kind(
    run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("template", "progetti", "--format", "csv").returncode == 0
    assert (tmp_path / "modello-progetti.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert run("template", "bandi", "--lang", "en").returncode == 0
    assert (tmp_path / "template-calls.xlsx").exists()


def test_sources_writes_the_original_files(run: Cli, tmp_path: Path) -> None:
    run("import", *GOOD[:2])
    out = tmp_path / "originali"
    result = run("sources", "v0001", "--out", out, "--lang", "en")
    assert result.returncode == 0
    assert "2 files of version v0001 written to" in result.stdout
    assert (out / "projects.csv").read_bytes() == GOOD[1].read_bytes()
    assert run("sources", "v0009").returncode == 1


def test_quality_of_the_demo(run: Cli) -> None:
    assert run("quality").stdout.startswith("Ancora nessuna versione")
    run("seed-demo")
    result = run("quality", "--lang", "en")
    assert result.returncode == 0
    text = result.stdout
    assert text.startswith("Data quality of version v0001")
    for title in (
        "Completeness by column:",
        "Places matched only approximately:",
        "Territories not found in the gazetteer:",
        "Records without coordinates:",
        "Suspected duplicate associations:",
    ):
        assert title in text
    assert "Ponte Italia-Filippine" in text
