"""Strings of the staff pages: sign-in ("staff."), the Data page ("data.") and the contact
details that only staff see on an association's profile (key -> {"it": ..., "en": ...})."""

from __future__ import annotations

from typing import Final

STRINGS: Final[dict[str, dict[str, str]]] = {
    "nav.data": {"it": "Dati", "en": "Data"},
    # -- sign-in ------------------------------------------------------------------------------
    "staff.title": {"it": "Accesso staff", "en": "Staff sign-in"},
    "staff.intro": {
        "it": "Questa pagina serve allo staff che gestisce i dati di Ponti: modelli, "
        "caricamento dei file, versioni e ripristini. Accedi per continuare.",
        "en": "This page is for the staff who manage Ponti's data: templates, file uploads, "
        "versions and rollbacks. Sign in to continue.",
    },
    "staff.unconfigured": {
        "it": "L'accesso staff non è configurato su questa installazione, quindi la gestione "
        "dei dati non è disponibile. Chi amministra Ponti può configurarlo (vedi il README, "
        "«Staff: the Data page and sign-in»).",
        "en": "Staff access is not configured on this installation, so data management is "
        'not available. Whoever runs Ponti can configure it (see the README, "Staff: the '
        'Data page and sign-in").',
    },
    "staff.name": {"it": "Il tuo nome", "en": "Your name"},
    "staff.name.help": {
        "it": "Registrato come autore delle versioni che salvi.",
        "en": "Recorded as the author of the versions you save.",
    },
    "staff.password": {"it": "Password staff", "en": "Staff password"},
    "staff.sign_in": {"it": "Accedi", "en": "Sign in"},
    "staff.failed": {
        "it": "Accesso non riuscito: nome o password non accettati. Dopo ogni tentativo "
        "fallito l'attesa prima della risposta aumenta.",
        "en": "Sign-in failed: name or password not accepted. After each failed attempt "
        "the wait before the answer grows.",
    },
    "staff.demo": {
        "it": "Demo locale: la password è «{password}» (rifiutata quando Ponti è pubblico o "
        "ha una password vera).",
        "en": "Local demo: the password is \u201c{password}\u201d (refused when Ponti is "
        "public or has a real password).",
    },
    "staff.oidc": {
        "it": "Accedi con l'account dell'organizzazione",
        "en": "Sign in with your organisation's account",
    },
    "staff.oidc.named": {"it": "Accedi con {provider}", "en": "Sign in with {provider}"},
    "staff.oidc.error": {
        "it": "L'accesso non è disponibile: la configurazione [auth] non è completa o manca "
        "il pacchetto Authlib. Avvisa chi amministra Ponti.",
        "en": "Sign-in is not available: the [auth] settings are incomplete or the Authlib "
        "package is missing. Tell whoever runs Ponti.",
    },
    "staff.oidc.refused": {
        "it": "L'account {email} non è nell'elenco dello staff di Ponti. Chiedi a chi "
        "amministra Ponti di aggiungerlo, oppure esci e accedi con un altro account.",
        "en": "The account {email} is not on Ponti's staff list. Ask whoever runs Ponti to "
        "add it, or sign out and use another account.",
    },
    "staff.signed_in": {"it": "Accesso come **{name}**", "en": "Signed in as **{name}**"},
    "staff.sign_out": {"it": "Esci", "en": "Sign out"},
    # -- the Data page --------------------------------------------------------------------------
    "data.title": {"it": "Dati", "en": "Data"},
    "data.tab.templates": {"it": "Modelli", "en": "Templates"},
    "data.tab.import": {"it": "Carica e controlla", "en": "Upload and check"},
    "data.tab.history": {"it": "Versioni", "en": "Versions"},
    "data.tab.quality": {"it": "Qualità dei dati", "en": "Data quality"},
    # templates
    "data.templates.intro": {
        "it": "Scarica il modello di ciò che vuoi caricare, compilalo e caricalo nella "
        "scheda «Carica e controlla». Il modello Excel ha un foglio di istruzioni su ogni "
        "colonna, i valori ammessi ed elenchi a discesa; la riga di esempio usa righe che "
        "Ponti ha già: cancellala o sostituiscila con i tuoi dati.",
        "en": "Download the template of what you want to load, fill it in and upload it in "
        'the "Upload and check" tab. The Excel template has an instructions sheet on every '
        "column, the values allowed and drop-down lists; its example row uses rows Ponti "
        "already has: delete it or replace it with your data.",
    },
    "data.templates.modes": {
        "it": "- **Sostituisci**: il file prende il posto dell'intera tabella del suo tipo; "
        "le altre tabelle restano come sono.\n"
        "- **Aggiorna**: le righe con un codice nuovo sono aggiunte, quelle con un codice già "
        "presente sono modificate nelle sole colonne del file; le altre righe restano.\n"
        "- In un aggiornamento una cella **vuota** lascia il valore com'è, una cella con un "
        "**trattino** (`-`) lo cancella.\n"
        "- Per **eliminare** righe aggiungi una colonna `Elimina` e scrivi `sì` nelle righe "
        "da eliminare (solo in un aggiornamento).",
        "en": "- **Replace**: the file takes the place of the whole table of its kind; the "
        "other tables stay as they are.\n"
        "- **Update**: rows with a new id are added, rows with an id Ponti has are changed in "
        "the file's columns only; the other rows stay.\n"
        "- In an update an **empty** cell keeps the value as it is, a cell holding a "
        "**dash** (`-`) clears it.\n"
        "- To **delete** rows add a column `Delete` and write `yes` in the rows to delete "
        "(in an update only).",
    },
    "data.templates.xlsx": {"it": "Modello Excel", "en": "Excel template"},
    "data.templates.csv": {"it": "Modello CSV", "en": "CSV template"},
    # upload
    "data.upload.intro": {
        "it": "Carica uno o più file CSV o Excel (associazioni, progetti, gemellaggi, "
        "residenti, bandi) o file di attività IATI (.xml, i progetti che AICS e altri "
        "finanziatori pubblicano). Prima di salvare qualcosa Ponti li controlla e mostra cosa "
        "cambierebbe: finché non salvi, nulla è scritto.",
        "en": "Upload one or more CSV or Excel files (associations, projects, twinnings, "
        "residents, calls) or IATI activity files (.xml, the projects AICS and other funders "
        "publish). Before anything is saved Ponti checks them and shows what would "
        "change: nothing is written until you save.",
    },
    "data.upload.files": {"it": "File da caricare", "en": "Files to upload"},
    "data.upload.help": {
        "it": "Il tipo di ogni file è riconosciuto dal nome (progetti.csv, modello-bandi.xlsx) "
        "o dalle intestazioni.",
        "en": "Each file's kind is recognised by its name (projects.csv, "
        "template-calls.xlsx) or its headers.",
    },
    "data.upload.limit": {
        "it": "File CSV (.csv), Excel (.xlsx) e IATI (.xml), fino a {mb} MB ciascuno.",
        "en": "CSV (.csv), Excel (.xlsx) and IATI (.xml) files, up to {mb} MB each.",
    },
    "data.iati.intro": {
        "it": "Ogni attività IATI diventa un progetto, collegato all'associazione che la attua "
        "(per identificativo IATI, codice, nome o sigla). Per aggiungere o aggiornare i "
        "progetti senza togliere gli altri scegli «Aggiorna le righe».",
        "en": "Each IATI activity becomes a project, linked to the association implementing it "
        "(by IATI organisation id, id, name or acronym). To add or update projects without "
        "removing the others choose “Update”.",
    },
    "data.iati.unmatched": {
        "it": "Attività che nessuna associazione di Ponti attua",
        "en": "Activities no Ponti association implements",
    },
    "data.iati.unmatched.report": {
        "it": "Segnalale come errori (nulla si salva)",
        "en": "Report them as errors (nothing is saved)",
    },
    "data.iati.unmatched.keep": {
        "it": "Importale con l'associazione capofila da indicare in seguito",
        "en": "Import them with the lead association to fill in later",
    },
    "data.iati.unmatched.skip": {
        "it": "Saltale con un avviso e importa le altre",
        "en": "Skip them with a warning and import the others",
    },
    "data.upload.none": {
        "it": "Scegli uno o più file da controllare.",
        "en": "Choose one or more files to check.",
    },
    "data.mode": {"it": "Come applicare i file", "en": "How to apply the files"},
    "data.mode.replace": {"it": "Sostituisci le tabelle", "en": "Replace the tables"},
    "data.mode.update": {"it": "Aggiorna le righe", "en": "Update rows"},
    "data.mode_help.replace": {
        "it": "Ogni file prende il posto dell'intera tabella del suo tipo.",
        "en": "Each file takes the place of the whole table of its kind.",
    },
    "data.mode_help.update": {
        "it": "Aggiunge i codici nuovi, modifica quelli presenti, tiene tutte le altre righe.",
        "en": "Adds new ids, changes the ones Ponti has, keeps every other row.",
    },
    "data.mode.choose": {
        "it": "Scegli come applicare i file: sostituire le tabelle o aggiornare le righe.",
        "en": "Choose how to apply the files: replace the tables or update rows.",
    },
    "data.checking": {
        "it": "Lettura e controllo dei file…",
        "en": "Reading and checking the files…",
    },
    "data.checking.files.one": {"it": "{n} file da controllare", "en": "{n} file to check"},
    "data.checking.files.other": {"it": "{n} file da controllare", "en": "{n} files to check"},
    "data.checked": {"it": "File controllati", "en": "Files checked"},
    "data.checked.errors": {
        "it": "File controllati: ci sono errori",
        "en": "Files checked: there are errors",
    },
    "data.conflict": {
        "it": "Nel frattempo è stata salvata un'altra versione ({new} al posto di {old}): i "
        "file sono stati controllati di nuovo rispetto a questa. Guarda l'anteprima "
        "aggiornata prima di salvare.",
        "en": "Another version was saved meanwhile ({new} instead of {old}): the files were "
        "checked again against it. Look at the new preview before saving.",
    },
    # the report
    "data.report.title": {"it": "Rapporto di controllo", "en": "Check report"},
    "data.report.summary": {
        "it": "{errors}, {warnings} in {files}.",
        "en": "{errors}, {warnings} in {files}.",
    },
    "data.report.errors.one": {"it": "{n} errore", "en": "{n} error"},
    "data.report.errors.other": {"it": "{n} errori", "en": "{n} errors"},
    "data.report.warnings.one": {"it": "{n} avviso", "en": "{n} warning"},
    "data.report.warnings.other": {"it": "{n} avvisi", "en": "{n} warnings"},
    "data.report.files.one": {"it": "{n} file", "en": "{n} file"},
    "data.report.files.other": {"it": "{n} file", "en": "{n} files"},
    "data.report.groups": {
        "it": "Problemi raggruppati (prima gli errori)",
        "en": "Problems grouped (errors first)",
    },
    "data.report.issues": {"it": "Ogni problema, riga per riga", "en": "Every problem, row by row"},
    "data.report.shown": {
        "it": "Mostrati: {shown} su {total}.",
        "en": "Shown: {shown} of {total}.",
    },
    "data.report.blocked": {
        "it": "Ci sono errori: non è stato scritto nulla. Correggi i file e caricali di nuovo.",
        "en": "There are errors: nothing was written. Correct the files and upload them again.",
    },
    "data.report.empty": {
        "it": "Nei file non c'è nessuna tabella da salvare.",
        "en": "The files hold no table to save.",
    },
    "data.report.xlsx": {"it": "Rapporto in Excel", "en": "Report as Excel"},
    "data.report.csv": {"it": "Rapporto in CSV", "en": "Report as CSV"},
    "data.severity.error": {"it": "Errore", "en": "Error"},
    "data.severity.warning": {"it": "Avviso", "en": "Warning"},
    "data.group.severity": {"it": "Gravità", "en": "Severity"},
    "data.group.count": {"it": "Quante volte", "en": "How many"},
    "data.group.column": {"it": "Colonna", "en": "Column"},
    "data.group.message": {"it": "Problema (esempio)", "en": "Problem (example)"},
    "data.group.where": {"it": "Dove (file: righe)", "en": "Where (file: rows)"},
    "data.group.fix": {"it": "Come correggere", "en": "Fix"},
    "data.group.code": {"it": "Codice", "en": "Code"},
    "data.group.more.one": {"it": "e {n} altra", "en": "and {n} more"},
    "data.group.more.other": {"it": "e altre {n}", "en": "and {n} more"},
    "data.filter.severity": {"it": "Gravità", "en": "Severity"},
    "data.filter.file": {"it": "File", "en": "File"},
    "data.filter.column": {"it": "Colonna", "en": "Column"},
    "data.filter.all": {"it": "Tutti", "en": "All"},
    "data.filter.text": {"it": "Cerca nel rapporto", "en": "Search the report"},
    "data.filter.text.placeholder": {
        "it": "un valore, una parola del messaggio…",
        "en": "a value, a word of the message…",
    },
    # preview and save
    "data.preview.title": {"it": "Anteprima delle modifiche", "en": "Preview of the changes"},
    "data.preview.against": {
        "it": "Rispetto alla versione corrente, {version}.",
        "en": "Against the current version, {version}.",
    },
    "data.preview.nothing": {
        "it": "I file non cambiano nulla: non c'è niente da salvare.",
        "en": "The files change nothing: there is nothing to save.",
    },
    "data.commit.note": {
        "it": "Nota della versione (obbligatoria)",
        "en": "Note of the version (required)",
    },
    "data.commit.note.placeholder": {
        "it": "ad esempio: Censimento 2026, correzioni degli importi",
        "en": "for example: 2026 census, corrected amounts",
    },
    "data.commit.author": {"it": "Autore: {name}", "en": "Author: {name}"},
    "data.commit.button": {"it": "Salva come nuova versione", "en": "Save as a new version"},
    "data.commit.need_note": {
        "it": "Scrivi una nota che dica cosa contiene questa versione: non è stato salvato nulla.",
        "en": "Write a note saying what this version holds: nothing was saved.",
    },
    "data.commit.conflict": {
        "it": "Non è stato salvato nulla: nel frattempo qualcun altro ha salvato la versione "
        "{version}. I file sono stati controllati di nuovo: guarda la nuova anteprima.",
        "en": "Nothing was saved: someone else saved version {version} meanwhile. The files "
        "were checked again: look at the new preview.",
    },
    "data.commit.done": {
        "it": "Salvato come versione {version}: ora ogni pagina di Ponti mostra questi dati.",
        "en": "Saved as version {version}: every page of Ponti now shows this data.",
    },
    # history
    "data.history.intro": {
        "it": "Ogni versione, dalla più recente: quando, chi, la nota, i file, le righe per "
        "tipo e se è il dataset dimostrativo. Nulla viene mai cancellato.",
        "en": "Every version, newest first: when, who, the note, the files, the rows per kind "
        "and whether it is the demo dataset. Nothing is ever deleted.",
    },
    "data.history.empty": {"it": "Ancora nessuna versione.", "en": "No versions yet."},
    "data.history.files": {"it": "File originali", "en": "Original files"},
    "data.history.version": {"it": "Versione", "en": "Version"},
    "data.history.files.none": {
        "it": "Questa versione non ha file originali.",
        "en": "This version has no original files.",
    },
    "data.history.file": {"it": "Scarica {name}", "en": "Download {name}"},
    "data.changes.shown": {
        "it": "Qui le prime {shown} modifiche su {total}: i file scaricati le contengono tutte.",
        "en": "The first {shown} of {total} changes are listed here; the downloads hold them all.",
    },
    "data.changes.xlsx": {"it": "Modifiche in Excel", "en": "Changes as Excel"},
    "data.changes.csv": {"it": "Modifiche in CSV", "en": "Changes as CSV"},
    "data.diff.title": {
        "it": "Differenze tra due versioni",
        "en": "Differences between two versions",
    },
    "data.diff.from": {"it": "Da", "en": "From"},
    "data.diff.to": {"it": "A", "en": "To"},
    "data.diff.same": {
        "it": "Scegli due versioni diverse.",
        "en": "Choose two different versions.",
    },
    "data.diff.nothing": {
        "it": "Le due versioni hanno gli stessi dati.",
        "en": "The two versions hold the same data.",
    },
    "data.rollback.title": {"it": "Ripristina una versione", "en": "Restore a version"},
    "data.rollback.intro": {
        "it": "Il ripristino crea una nuova versione con esattamente i dati di quella scelta; "
        "la versione corrente resta nello storico e si può ripristinare a sua volta.",
        "en": "Restoring makes a new version holding exactly the data of the one chosen; the "
        "current version stays in the history and can itself be restored.",
    },
    "data.rollback.none": {
        "it": "Non ci sono altre versioni da ripristinare.",
        "en": "There is no other version to restore.",
    },
    "data.rollback.version": {"it": "Versione da ripristinare", "en": "Version to restore"},
    "data.rollback.confirm": {
        "it": "Confermo: i dati della versione {version} prendono il posto di quelli della "
        "versione corrente ({current}).",
        "en": "I confirm: the data of version {version} take the place of the current "
        "version's ({current}).",
    },
    "data.rollback.button": {
        "it": "Ripristina la versione {version}",
        "en": "Restore version {version}",
    },
    "data.rollback.done": {
        "it": "Versione {version} ripristinata come nuova versione {new}.",
        "en": "Version {version} restored as the new version {new}.",
    },
    "data.rollback.conflict": {
        "it": "Non è stato ripristinato nulla: nel frattempo è stata salvata la versione "
        "{version}. Guarda di nuovo lo storico.",
        "en": "Nothing was restored: version {version} was saved meanwhile. Look at the "
        "history again.",
    },
    # quality
    "data.quality.intro": {
        "it": "La qualità dei dati della versione corrente, {version}: completezza di ogni "
        "colonna, luoghi riconosciuti solo in modo approssimato, territori non trovati, righe "
        "senza coordinate, possibili associazioni doppie.",
        "en": "The data quality of the current version, {version}: how complete every column "
        "is, places matched only approximately, territories not found, records without "
        "coordinates, suspected duplicate associations.",
    },
    "data.quality.none": {"it": "Nessuno.", "en": "None."},
    # -- contact details on an association's profile (staff only) -------------------------------
    "data.contacts.title": {"it": "Contatti (solo staff)", "en": "Contacts (staff only)"},
    "data.contacts.intro": {
        "it": "Dati personali, visibili solo in una sessione staff: non copiarli in documenti "
        "pubblici.",
        "en": "Personal data, shown only in a staff session: do not copy them into public "
        "documents.",
    },
    "data.contacts.none": {
        "it": "Nessun contatto registrato per questa associazione.",
        "en": "No contact recorded for this association.",
    },
}
