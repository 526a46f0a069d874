"""Every message the loaders can report, in English and Italian, in one place for review.

A message key names one situation; several keys can share an issue code (the code is what
programs rely on, the key only picks the wording). Templates use str.format placeholders;
{value} is the cell as the user wrote it and {field} the column header as written.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from loaders.report import Issue, Severity
from ponti.i18n import LANGS


class Msg(NamedTuple):
    """The code, severity and bilingual wording of one situation."""

    code: str
    severity: Severity
    en: str
    it: str
    hint_en: str = ""
    hint_it: str = ""


_SAVE_AS_EN = "Save the file as CSV (UTF-8) or as an Excel workbook (.xlsx) and try again."
_SAVE_AS_IT = "Salva il file come CSV (UTF-8) o come cartella di lavoro Excel (.xlsx) e riprova."

MESSAGES: dict[str, Msg] = {
    # -- the file as a whole -------------------------------------------------------------
    "file-not-found": Msg(
        "unreadable-file",
        "error",
        "The file was not found.",
        "Il file non è stato trovato.",
        "Check the file name and the folder.",
        "Controlla il nome del file e la cartella.",
    ),
    "file-is-directory": Msg(
        "unreadable-file",
        "error",
        "This is a folder, not a file.",
        "Questa è una cartella, non un file.",
        "Give the path of a CSV or Excel (.xlsx) file.",
        "Indica il percorso di un file CSV o Excel (.xlsx).",
    ),
    "file-unreadable": Msg(
        "unreadable-file",
        "error",
        "The file could not be opened ({reason}).",
        "Non è stato possibile aprire il file ({reason}).",
        "Close the file in other programs and check that you are allowed to read it.",
        "Chiudi il file negli altri programmi e verifica di avere il permesso di leggerlo.",
    ),
    "file-unsupported": Msg(
        "unreadable-file",
        "error",
        "Files of type '{ext}' cannot be read here.",
        "I file di tipo '{ext}' non possono essere letti qui.",
        _SAVE_AS_EN,
        _SAVE_AS_IT,
    ),
    "file-binary": Msg(
        "unreadable-file",
        "error",
        "This does not look like a CSV or Excel file.",
        "Questo non sembra un file CSV o Excel.",
        _SAVE_AS_EN,
        _SAVE_AS_IT,
    ),
    "xlsx-broken": Msg(
        "unreadable-file",
        "error",
        "The Excel file could not be read ({reason}).",
        "Non è stato possibile leggere il file Excel ({reason}).",
        "Open it in Excel or LibreOffice and save it again as .xlsx.",
        "Aprilo con Excel o LibreOffice e salvalo di nuovo come .xlsx.",
    ),
    "file-empty": Msg(
        "empty-file",
        "error",
        "The file is empty.",
        "Il file è vuoto.",
        "Use the template: a header row, then one row per item.",
        "Usa il modello: una riga di intestazione, poi una riga per ogni elemento.",
    ),
    "header-only": Msg(
        "header-only",
        "error",
        "The file has a header row but no data rows.",
        "Il file ha la riga di intestazione ma nessuna riga di dati.",
        "Add one row per item below the header, or choose the file that holds the data.",
        "Aggiungi una riga per ogni elemento sotto l'intestazione, o scegli il file con i dati.",
    ),
    "encoding-fallback": Msg(
        "encoding",
        "warning",
        "The file is not in UTF-8; it was read as {encoding}.",
        "Il file non è in UTF-8; è stato letto come {encoding}.",
        "Check that accented letters (à, è, ò) look right; to be sure, save as 'CSV UTF-8'.",
        "Controlla che le lettere accentate (à, è, ò) siano corrette; per sicurezza salva "
        "come 'CSV UTF-8'.",
    ),
    "encoding-mojibake": Msg(
        "encoding",
        "warning",
        "Some text looks garbled ('{value}'), as if the file had been converted twice.",
        "Parte del testo sembra alterata ('{value}'), come se il file fosse stato convertito "
        "due volte.",
        "Open the original file, save it as 'CSV UTF-8' and load it again.",
        "Apri il file originale, salvalo come 'CSV UTF-8' e caricalo di nuovo.",
    ),
    "unknown-kind": Msg(
        "unknown-kind",
        "error",
        "Ponti cannot tell whether this file holds associations, projects, twinnings, "
        "residents or calls.",
        "Ponti non riesce a capire se il file contiene associazioni, progetti, gemellaggi, "
        "residenti o bandi.",
        "Name the file after its content (e.g. associazioni.csv, progetti.csv, bandi.csv) or "
        "choose the kind of data explicitly (--kind).",
        "Dai al file un nome che ne dica il contenuto (es. associazioni.csv, progetti.csv, "
        "bandi.csv) o scegli esplicitamente il tipo di dati (--kind).",
    ),
    "bad-kind": Msg(
        "unknown-kind",
        "error",
        "'{value}' is not a kind of data Ponti imports.",
        "'{value}' non è un tipo di dati che Ponti importa.",
        "Use one of: {options}.",
        "Usa uno di questi: {options}.",
    ),
    # -- columns -------------------------------------------------------------------------
    "missing-column": Msg(
        "missing-column",
        "error",
        "The required column '{field}' is missing.",
        "Manca la colonna obbligatoria '{field}'.",
        "Add a column with one of these headers: {aliases}.",
        "Aggiungi una colonna con una di queste intestazioni: {aliases}.",
    ),
    "unknown-column": Msg(
        "unknown-column",
        "warning",
        "Ponti does not read a column '{field}' in {kind} files; it was ignored.",
        "Ponti non legge una colonna '{field}' nei file di {kind_it}; è stata ignorata.",
        "Rename it to a template header if it should be imported{suggest_en}; otherwise "
        "nothing to do.",
        "Rinominala con un'intestazione del modello se va importata{suggest_it}; altrimenti "
        "non serve fare nulla.",
    ),
    "blank-header": Msg(
        "unknown-column",
        "warning",
        "Column {position} has values but no header; it was ignored.",
        "La colonna {position} contiene valori ma non ha intestazione; è stata ignorata.",
        "Give the column a header from the template, or delete it.",
        "Dai alla colonna un'intestazione del modello, oppure eliminala.",
    ),
    "duplicate-column": Msg(
        "duplicate-column",
        "warning",
        "The columns '{field}' and '{other}' mean the same thing; values come from "
        "'{field}', and from '{other}' only where '{field}' is empty.",
        "Le colonne '{field}' e '{other}' indicano la stessa cosa; i valori sono presi da "
        "'{field}', e da '{other}' solo dove '{field}' è vuota.",
        "Keep one of the two columns.",
        "Tieni solo una delle due colonne.",
    ),
    "extra-cells": Msg(
        "extra-cells",
        "error",
        "This row has more values than there are column headers ({extra}).",
        "Questa riga ha più valori delle intestazioni di colonna ({extra}).",
        "A value probably contains the separator '{sep}': put that value in double quotes, "
        "or save the file again from Excel.",
        "Probabilmente un valore contiene il separatore '{sep}': metti quel valore tra "
        "virgolette doppie, o salva di nuovo il file da Excel.",
    ),
    # -- cells ---------------------------------------------------------------------------
    "missing-required": Msg(
        "missing-required",
        "error",
        "This cell is empty, but '{field}' is required.",
        "La cella è vuota, ma '{field}' è obbligatorio.",
        "Fill in a value: every row needs one.",
        "Inserisci un valore: ogni riga deve averlo.",
    ),
    "bad-id": Msg(
        "bad-id",
        "error",
        "The id '{value}' contains '{char}', which Ponti uses to separate lists.",
        "L'identificativo '{value}' contiene '{char}', che Ponti usa per separare gli elenchi.",
        "Use only letters, digits, '-' and '_' in ids (e.g. ASS-001).",
        "Negli identificativi usa solo lettere, cifre, '-' e '_' (es. ASS-001).",
    ),
    "bad-amount": Msg(
        "bad-number",
        "error",
        "'{value}' is not a number.",
        "'{value}' non è un numero.",
        "Write amounts like 12.500,00 or 12500.00 (the euro sign is optional).",
        "Scrivi gli importi come 12.500,00 o 12500.00 (il simbolo dell'euro è facoltativo).",
    ),
    "bad-count": Msg(
        "bad-number",
        "error",
        "'{value}' is not a whole number.",
        "'{value}' non è un numero intero.",
        "Write a whole number without decimals, e.g. 120 or 1.200.",
        "Scrivi un numero intero senza decimali, es. 120 o 1.200.",
    ),
    "negative-number": Msg(
        "bad-number",
        "error",
        "'{value}' is negative.",
        "'{value}' è negativo.",
        "Amounts and counts cannot be negative; leave the cell empty if unknown.",
        "Importi e conteggi non possono essere negativi; lascia la cella vuota se non noto.",
    ),
    "bad-share": Msg(
        "bad-number",
        "error",
        "'{value}' is not a share.",
        "'{value}' non è una quota.",
        "Write the share as a percentage (20% or 20) or as a fraction (0,2).",
        "Scrivi la quota come percentuale (20% o 20) o come frazione (0,2).",
    ),
    "share-out-of-range": Msg(
        "bad-share",
        "error",
        "'{value}' is not a share between 0% and 100%.",
        "'{value}' non è una quota tra 0% e 100%.",
        "Write a percentage from 0 to 100 (e.g. 20%) or a fraction from 0 to 1 (e.g. 0,2); "
        "numbers above 1 are read as percentages.",
        "Scrivi una percentuale da 0 a 100 (es. 20%) o una frazione da 0 a 1 (es. 0,2); i "
        "numeri maggiori di 1 sono letti come percentuali.",
    ),
    "bad-year": Msg(
        "bad-year",
        "error",
        "'{value}' is not a plausible year here (expected {low} to {high}).",
        "'{value}' non è un anno plausibile qui (atteso tra {low} e {high}).",
        "Write the year with four digits, e.g. 2015.",
        "Scrivi l'anno con quattro cifre, es. 2015.",
    ),
    "bad-date": Msg(
        "bad-date",
        "error",
        "'{value}' is not a date Ponti can read.",
        "'{value}' non è una data leggibile da Ponti.",
        "Write dates as dd/mm/yyyy (e.g. 31/12/2024) or yyyy-mm-dd (2024-12-31).",
        "Scrivi le date come gg/mm/aaaa (es. 31/12/2024) o aaaa-mm-gg (2024-12-31).",
    ),
    "impossible-date": Msg(
        "bad-date",
        "error",
        "'{value}' is not a real date.",
        "'{value}' non è una data esistente.",
        "Check day and month (day first: 31/12/2024).",
        "Controlla giorno e mese (prima il giorno: 31/12/2024).",
    ),
    "us-date": Msg(
        "bad-date",
        "error",
        "'{value}' looks like a month/day/year date.",
        "'{value}' sembra una data nel formato mese/giorno/anno.",
        "Write the day first: {suggest}.",
        "Scrivi prima il giorno: {suggest}.",
    ),
    "bad-bool": Msg(
        "bad-bool",
        "error",
        "'{value}' is neither yes nor no.",
        "'{value}' non è né sì né no.",
        "Write sì/yes or no (an empty cell means no).",
        "Scrivi sì/yes oppure no (una cella vuota vale no).",
    ),
    "bad-sdg": Msg(
        "bad-sdg",
        "error",
        "'{value}' is not one of the 17 Sustainable Development Goals.",
        "'{value}' non è uno dei 17 Obiettivi di sviluppo sostenibile.",
        "Write goal numbers from 1 to 17 (e.g. 4 or SDG 4) separated by |; put targets "
        "such as 4.4 in the SDG targets column.",
        "Scrivi i numeri degli obiettivi da 1 a 17 (es. 4 o SDG 4) separati da |; metti i "
        "target come 4.4 nella colonna dei target SDG.",
    ),
    "bad-target": Msg(
        "bad-target",
        "error",
        "'{value}' is not an SDG target.",
        "'{value}' non è un target SDG.",
        "Write targets as goal.target, e.g. 4.4 or 4.a, separated by |.",
        "Scrivi i target come obiettivo.target, es. 4.4 o 4.a, separati da |.",
    ),
    "unknown-stage": Msg(
        "unknown-stage",
        "error",
        "'{value}' is not a project stage.",
        "'{value}' non è una fase di progetto.",
        "Use one of: {options}.",
        "Usa una di queste: {options_it}.",
    ),
    "unknown-theme": Msg(
        "unknown-theme",
        "error",
        "'{value}' is not one of Ponti's themes.",
        "'{value}' non è uno dei temi di Ponti.",
        "Use one of: {options} (separate several with |).",
        "Usa uno di questi: {options_it} (separane più d'uno con |).",
    ),
    "unknown-funder-type": Msg(
        "unknown-funder-type",
        "error",
        "'{value}' is not a type of funder.",
        "'{value}' non è un tipo di finanziatore.",
        "Use one of: {options}.",
        "Usa uno di questi: {options_it}.",
    ),
    "unknown-twinning-type": Msg(
        "unknown-twinning-type",
        "error",
        "'{value}' is not a type of twinning agreement.",
        "'{value}' non è un tipo di accordo di gemellaggio.",
        "Use one of: {options}.",
        "Usa uno di questi: {options_it}.",
    ),
    "unknown-twinning-status": Msg(
        "unknown-twinning-status",
        "error",
        "'{value}' is not a twinning status.",
        "'{value}' non è uno stato di gemellaggio.",
        "Use one of: {options}.",
        "Usa uno di questi: {options_it}.",
    ),
    "unknown-applicant": Msg(
        "unknown-applicant",
        "error",
        "'{value}' is not a kind of applicant.",
        "'{value}' non è un tipo di soggetto proponente.",
        "Use one of: {options} (separate several with |).",
        "Usa uno di questi: {options_it} (separane più d'uno con |).",
    ),
    "unknown-municipality": Msg(
        "unknown-municipality",
        "error",
        "'{value}' is not an Italian municipality Ponti knows.",
        "'{value}' non è un comune italiano noto a Ponti.",
        "Use the 6-digit ISTAT code (e.g. 058091 for Roma) or the official name{suggest_en}.",
        "Usa il codice ISTAT a 6 cifre (es. 058091 per Roma) o il nome ufficiale{suggest_it}.",
    ),
    "unknown-municipality-code": Msg(
        "unknown-municipality",
        "error",
        "'{value}' is not the ISTAT code of a municipality.",
        "'{value}' non è il codice ISTAT di un comune.",
        "Check the code on ISTAT's list (6 digits, e.g. 058091 for Roma) or write the name.",
        "Controlla il codice nell'elenco ISTAT (6 cifre, es. 058091 per Roma) o scrivi il nome.",
    ),
    "ambiguous-municipality": Msg(
        "ambiguous-municipality",
        "error",
        "'{value}' is the name of {n} municipalities: {candidates}.",
        "'{value}' è il nome di {n} comuni: {candidates}.",
        "Add the province, e.g. '{example}', or use the ISTAT code.",
        "Aggiungi la provincia, es. '{example}', o usa il codice ISTAT.",
    ),
    "unknown-province": Msg(
        "unknown-province",
        "error",
        "'{value}' is not an Italian province.",
        "'{value}' non è una provincia italiana.",
        "Use the 3-digit ISTAT province code (e.g. 058), the name (Roma) or the abbreviation "
        "(RM){suggest_en}.",
        "Usa il codice ISTAT della provincia a 3 cifre (es. 058), il nome (Roma) o la sigla "
        "(RM){suggest_it}.",
    ),
    "unknown-country": Msg(
        "unknown-country",
        "error",
        "'{value}' is not a country Ponti knows.",
        "'{value}' non è un paese noto a Ponti.",
        "Use the three-letter ISO code (e.g. SEN for Senegal) or the country's name in "
        "Italian or English{suggest_en}.",
        "Usa il codice ISO a tre lettere (es. SEN per il Senegal) o il nome del paese in "
        "italiano o in inglese{suggest_it}.",
    ),
    "unknown-territory": Msg(
        "unknown-territory",
        "warning",
        "'{value}' was not found among the places of {countries}; it is kept as written and "
        "shown on the map at the country's position.",
        "'{value}' non è stato trovato tra le località di {countries_it}; è mantenuto come "
        "scritto e mostrato sulla mappa nella posizione del paese.",
        "Check the spelling (the usual name of a city, e.g. Dakar or Touba){suggest_en}.",
        "Controlla come è scritto (il nome usuale di una città, es. Dakar o Touba){suggest_it}.",
    ),
    "bad-email": Msg(
        "bad-email",
        "error",
        "'{value}' is not an email address.",
        "'{value}' non è un indirizzo email.",
        "Write one address such as name@example.org.",
        "Scrivi un solo indirizzo, come nome@esempio.it.",
    ),
    "bad-url": Msg(
        "bad-url",
        "error",
        "'{value}' is not a web address.",
        "'{value}' non è un indirizzo web.",
        "Write an address such as https://www.example.org.",
        "Scrivi un indirizzo come https://www.esempio.it.",
    ),
    "bad-phone": Msg(
        "bad-phone",
        "error",
        "'{value}' is not a phone number.",
        "'{value}' non è un numero di telefono.",
        "Write digits, with an optional + and spaces, e.g. +39 06 1234567.",
        "Scrivi le cifre, con + e spazi facoltativi, es. +39 06 1234567.",
    ),
    # -- rows and tables -----------------------------------------------------------------
    "duplicate-id": Msg(
        "duplicate-id",
        "error",
        "The id '{value}' is already used in {where}.",
        "L'identificativo '{value}' è già usato in {where_it}.",
        "Every row needs its own id: change one of them or delete the repeated row.",
        "Ogni riga deve avere un proprio identificativo: cambiane uno o elimina la riga ripetuta.",
    ),
    "duplicate-row": Msg(
        "duplicate-id",
        "error",
        "The same year, province and citizenship ({value}) already appear in {where}.",
        "Lo stesso anno, provincia e cittadinanza ({value}) compaiono già in {where_it}.",
        "Keep one row per year, province and citizenship (add the numbers up if needed).",
        "Tieni una riga per anno, provincia e cittadinanza (somma i numeri se serve).",
    ),
    "unknown-reference": Msg(
        "unknown-reference",
        "error",
        "'{value}' is not the id of {a} in this import or already in Ponti.",
        "'{value}' non è l'identificativo di {a_it} di questa importazione o già presente in "
        "Ponti.",
        "Use an id from the {many} file, written exactly as there.",
        "Usa un identificativo del file {of_it}, scritto esattamente come lì.",
    ),
    "references-unchecked": Msg(
        "unknown-reference",
        "warning",
        "The ids in this column could not be checked: no {many} were given.",
        "Gli identificativi di questa colonna non sono stati controllati: non ci sono {many_it}.",
        "Validate this file together with the {many} file.",
        "Controlla questo file insieme al file {of_it}.",
    ),
    "references-missing": Msg(
        "unknown-reference",
        "error",
        "This column refers to {many}, but there are none in this import or in Ponti.",
        "Questa colonna si riferisce a {many_it}, ma non ce ne sono in questa importazione "
        "né in Ponti.",
        "Import the {many} file together with this one.",
        "Importa il file {of_it} insieme a questo.",
    ),
    "orphaned-reference": Msg(
        "unknown-reference",
        "error",
        "'{value}' is missing from this file, but {referrers} already in Ponti refer to it: "
        "{example}.",
        "'{value}' manca in questo file, ma vi fanno riferimento {referrers_it} già presenti "
        "in Ponti: {example}.",
        "Keep that row, or import corrected {referrers} together with this file.",
        "Mantieni quella riga, o importa insieme a questo file i {referrers_it} corretti.",
    ),
    "date-order": Msg(
        "date-order",
        "error",
        "{field} ({value}) is earlier than {other} ({other_value}).",
        "{field} ({value}) è precedente a {other} ({other_value}).",
        "Check the dates: submitted, then decided, then start, then end.",
        "Controlla le date: presentazione, poi decisione, poi inizio, poi fine.",
    ),
    "start-before-decision": Msg(
        "date-order",
        "warning",
        "The project starts ({value}) before {other} ({other_value}).",
        "Il progetto inizia ({value}) prima di {other} ({other_value}).",
        "This can be right (costs eligible from an earlier date); otherwise check the dates.",
        "Può essere corretto (costi ammissibili da una data precedente); altrimenti "
        "controlla le date.",
    ),
    "closes-before-opening": Msg(
        "date-order",
        "error",
        "{field} ({value}) is earlier than {other} ({other_value}): the call would close "
        "before it opens.",
        "{field} ({value}) è precedente a {other} ({other_value}): il bando chiuderebbe prima "
        "di aprire.",
        "Check the two dates; leave the closing date empty for a call open until further notice.",
        "Controlla le due date; lascia vuota la data di chiusura per un bando aperto fino a "
        "nuovo avviso.",
    ),
    "grant-min-exceeds-max": Msg(
        "grant-min-exceeds-max",
        "error",
        "The minimum grant ({value}) is more than the maximum grant ({other_value}).",
        "Il contributo minimo ({value}) supera il contributo massimo ({other_value}).",
        "Check the two amounts (and that both are in euro); leave one empty if the call sets "
        "no limit.",
        "Controlla i due importi (e che siano entrambi in euro); lasciane uno vuoto se il "
        "bando non fissa un limite.",
    ),
    "granted-exceeds-requested": Msg(
        "granted-exceeds-requested",
        "error",
        "The amount granted ({value}) is more than the amount requested ({other_value}).",
        "L'importo concesso ({value}) supera l'importo richiesto ({other_value}).",
        "Check the two amounts (and that both are in euro).",
        "Controlla i due importi (e che siano entrambi in euro).",
    ),
    "cofinancing-exceeds-requested": Msg(
        "cofinancing-exceeds-requested",
        "warning",
        "The co-financing ({value}) is more than the amount requested ({other_value}).",
        "Il cofinanziamento ({value}) supera l'importo richiesto ({other_value}).",
        "This is unusual: check the two amounts.",
        "È insolito: controlla i due importi.",
    ),
    # -- updates: files that change, add and delete stored rows ---------------------------
    "delete-needs-update": Msg(
        "delete-needs-update",
        "error",
        "{n} rows are marked for deletion in the column '{field}', but this file replaces "
        "the whole table: only an update deletes rows.",
        "{n} righe sono segnate da eliminare nella colonna '{field}', ma questo file "
        "sostituisce l'intera tabella: solo un aggiornamento elimina righe.",
        "Apply the file as an update (--mode update), or take those rows out of the file and "
        "remove the column '{field}'.",
        "Applica il file come aggiornamento (--mode update), oppure togli quelle righe dal "
        "file ed elimina la colonna '{field}'.",
    ),
    "delete-unknown": Msg(
        "delete-unknown",
        "warning",
        "There is no '{value}' in Ponti to delete; the row was skipped.",
        "In Ponti non c'è '{value}' da eliminare; la riga è stata ignorata.",
        "Check the id: write it exactly as Ponti has it.",
        "Controlla l'identificativo: scrivilo esattamente come in Ponti.",
    ),
    "new-row-incomplete": Msg(
        "missing-required",
        "error",
        "'{value}' is not in Ponti yet, so this row adds it, and a new row needs '{field}'.",
        "'{value}' non è ancora in Ponti, quindi questa riga lo aggiunge, e una riga nuova "
        "deve avere '{field}'.",
        "Fill in '{field}'; or, to change a row Ponti has, write its id exactly as Ponti has it.",
        "Compila '{field}'; oppure, per modificare una riga già in Ponti, scrivi il suo "
        "identificativo esattamente come in Ponti.",
    ),
    "new-rows-need-column": Msg(
        "missing-column",
        "error",
        "This file adds {n} new rows (such as '{value}'), and new rows need the column "
        "'{field}', which the file lacks.",
        "Questo file aggiunge {n} righe nuove (come '{value}'), e le righe nuove devono avere "
        "la colonna '{field}', che nel file manca.",
        "Add the column '{field}', or check the ids of the rows meant to change rows Ponti has.",
        "Aggiungi la colonna '{field}', o controlla gli identificativi delle righe che "
        "dovrebbero modificare righe già in Ponti.",
    ),
    "deleted-reference": Msg(
        "unknown-reference",
        "error",
        "Deleting '{value}' would leave {referrers} in Ponti pointing at nothing: {example}.",
        "Eliminare '{value}' lascerebbe senza riferimento {referrers_it} già in Ponti: {example}.",
        "Keep the row, or change those {referrers} in the same upload.",
        "Non eliminare la riga, oppure modifica quei {referrers_it} nello stesso caricamento.",
    ),
    "example-row": Msg(
        "example-row",
        "warning",
        "This row is the template's example ('{value}').",
        "Questa riga è l'esempio del modello ('{value}').",
        "Delete it before importing, unless you mean to add it.",
        "Eliminala prima di importare, a meno che tu non voglia davvero aggiungerla.",
    ),
}


def _short(value: object, limit: int = 80) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def make_issue(
    key: str,
    *,
    file: str,
    row: int | None = None,
    field: str | None = None,
    value: object = None,
    **params: Any,
) -> Issue:
    """Build the Issue for message `key`, filling both languages' templates."""
    msg = MESSAGES[key]
    shown = None if value is None else _short(value)
    values = {"field": field or "", "value": "" if shown is None else shown, **params}
    for lang in LANGS:
        values.setdefault(f"suggest_{lang}", "")
    return Issue(
        code=msg.code,
        severity=msg.severity,
        file=file,
        row=row,
        field=field,
        value=None if value is None else str(value),
        message_en=msg.en.format(**values),
        message_it=msg.it.format(**values),
        hint_en=msg.hint_en.format(**values),
        hint_it=msg.hint_it.format(**values),
    )
