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
        "The file is not in UTF-8; it was read as {encoding}{examples_en}.",
        "Il file non è in UTF-8; è stato letto come {encoding}{examples_it}.",
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
    # -- hostile and damaged files: limits, disguised formats, encodings ------------------
    "file-too-large": Msg(
        "file-too-large",
        "error",
        "The file is {size}; Ponti reads files up to {limit}.",
        "Il file è di {size}; Ponti legge file fino a {limit}.",
        "Split the rows into several files of the same kind and load them together.",
        "Dividi le righe in più file dello stesso tipo e caricali insieme.",
    ),
    "file-disguised": Msg(
        "unreadable-file",
        "error",
        "This file is {actual}, not a CSV file or an Excel workbook (.xlsx), although its "
        "name ends in '{ext}'.",
        "Questo file è {actual_it}, non un file CSV né una cartella di lavoro Excel (.xlsx), "
        "anche se il nome finisce in '{ext}'.",
        "{fix_en}",
        "{fix_it}",
    ),
    "xlsx-too-large": Msg(
        "file-too-large",
        "error",
        "Unpacked, this workbook would take {size} (Ponti reads up to {limit}): a workbook "
        "of {packed} holding that much is damaged or built to overload a server.",
        "Una volta estratta, questa cartella di lavoro occuperebbe {size} (Ponti legge fino "
        "a {limit}): un file di {packed} che contiene tanto è danneggiato o fatto per "
        "sovraccaricare un server.",
        "If the data is genuine, save it as CSV or split it into several workbooks.",
        "Se i dati sono autentici, salvali come CSV o dividili in più cartelle di lavoro.",
    ),
    "xlsx-too-many-parts": Msg(
        "file-too-large",
        "error",
        "The workbook is made of {n} parts; Ponti reads workbooks of up to {limit}.",
        "La cartella di lavoro è composta da {n} parti; Ponti legge cartelle fino a {limit}.",
        "Copy the data sheet into a new workbook and save it as .xlsx.",
        "Copia il foglio dei dati in una nuova cartella di lavoro e salvala come .xlsx.",
    ),
    "sheet-too-large": Msg(
        "file-too-large",
        "error",
        "Sheet '{sheet}' declares the range {dims} ({rows} rows by {columns} columns); Ponti "
        "reads up to {max_rows} rows, {max_columns} columns and {max_cells} cells.",
        "Il foglio '{sheet}' dichiara l'intervallo {dims} ({rows} righe per {columns} "
        "colonne); Ponti legge fino a {max_rows} righe, {max_columns} colonne e {max_cells} "
        "celle.",
        "If your data is smaller, the sheet has formatting or a stray value far from it: copy "
        "the data into a new workbook and save it; otherwise split the file.",
        "Se i dati sono di meno, il foglio ha formattazioni o un valore isolato lontano dai "
        "dati: copia i dati in una nuova cartella di lavoro e salvala; altrimenti dividi il "
        "file.",
    ),
    "xlsx-unsized-sheet": Msg(
        "file-too-large",
        "error",
        "Sheet '{sheet}' does not declare its size and holds {size} of data; Ponti measures "
        "such sheets only up to {limit}.",
        "Il foglio '{sheet}' non dichiara le sue dimensioni e contiene {size} di dati; Ponti "
        "misura fogli così solo fino a {limit}.",
        "Open the file in Excel or LibreOffice and save it again as .xlsx (the size is then "
        "declared).",
        "Apri il file con Excel o LibreOffice e salvalo di nuovo come .xlsx (le dimensioni "
        "vengono così dichiarate).",
    ),
    "too-many-rows": Msg(
        "file-too-large",
        "error",
        "The file has more than {limit} rows; Ponti stopped reading at row {row}.",
        "Il file ha più di {limit} righe; Ponti ha smesso di leggere alla riga {row}.",
        "Split the rows into several files of the same kind and load them together; if the "
        "data is shorter, delete the empty or stray rows below it.",
        "Dividi le righe in più file dello stesso tipo e caricali insieme; se i dati sono "
        "meno, elimina le righe vuote o isolate sotto di essi.",
    ),
    "too-many-columns": Msg(
        "file-too-large",
        "error",
        "This row has {n} columns; Ponti reads up to {limit}.",
        "Questa riga ha {n} colonne; Ponti ne legge fino a {limit}.",
        "Delete the columns (or stray values) to the right of the data; a template has "
        "about 25 columns.",
        "Elimina le colonne (o i valori isolati) a destra dei dati; un modello ha circa 25 "
        "colonne.",
    ),
    "too-many-cells": Msg(
        "file-too-large",
        "error",
        "The file has more than {limit} cells; Ponti stopped reading at row {row}.",
        "Il file ha più di {limit} celle; Ponti ha smesso di leggere alla riga {row}.",
        "Delete the columns Ponti does not read, or split the rows into several files.",
        "Elimina le colonne che Ponti non legge, o dividi le righe in più file.",
    ),
    "xlsx-row-unreadable": Msg(
        "unreadable-file",
        "error",
        "Row {row} of sheet '{sheet}' could not be read ({reason}); this is often a date "
        "beyond the year 9999 or a damaged cell.",
        "Non è stato possibile leggere la riga {row} del foglio '{sheet}' ({reason}); "
        "spesso è una data oltre l'anno 9999 o una cella danneggiata.",
        "Check the dates and numbers of that row in Excel or LibreOffice, then save again.",
        "Controlla le date e i numeri di quella riga con Excel o LibreOffice, poi salva di nuovo.",
    ),
    "sheet-chosen": Msg(
        "sheet-chosen",
        "warning",
        "The data was read from sheet '{sheet}'; {skipped} before it had no column Ponti "
        "knows and {were} not read.",
        "I dati sono stati letti dal foglio '{sheet}'; {skipped_it} prima di esso non "
        "{were_it} colonne note a Ponti e non {read_it}.",
        "Nothing to do if those sheets hold notes; otherwise put each kind of data in a "
        "file of its own.",
        "Non serve fare nulla se quei fogli contengono note; altrimenti metti ogni tipo di "
        "dati in un file a sé.",
    ),
    "encoding-utf16-no-bom": Msg(
        "encoding",
        "warning",
        "The file is in UTF-16 ({order}) without the mark (BOM) that says so; it was read "
        "as UTF-16.",
        "Il file è in UTF-16 ({order}) senza il segno (BOM) che lo indica; è stato letto "
        "come UTF-16.",
        "Check that the text looks right; to be sure, save as 'CSV UTF-8'.",
        "Controlla che il testo sia corretto; per sicurezza salva come 'CSV UTF-8'.",
    ),
    "encoding-truncated": Msg(
        "encoding",
        "error",
        "The file says it is UTF-16 text, but its bytes stop in the middle of a character "
        "({reason}): it is damaged or was cut short.",
        "Il file dichiara di essere testo UTF-16, ma i suoi byte si interrompono a metà di un "
        "carattere ({reason}): è danneggiato o è stato troncato.",
        "Save it again from the spreadsheet program as 'CSV UTF-8' and load that file.",
        "Salvalo di nuovo dal foglio di calcolo come 'CSV UTF-8' e carica quel file.",
    ),
    "encoding-invalid-byte": Msg(
        "encoding",
        "error",
        "The byte {byte} at character {position} of this cell is not valid UTF-8, while "
        "the rest of the file is UTF-8 (read as Windows-1252 the cell would be '{value}').",
        "Il byte {byte} al carattere {position} di questa cella non è UTF-8 valido, mentre "
        "il resto del file è UTF-8 (letta come Windows-1252 la cella sarebbe '{value}').",
        "Retype the accented letters of this cell and save the file as 'CSV UTF-8'; the "
        "file was probably pieced together from files in two encodings.",
        "Riscrivi le lettere accentate di questa cella e salva il file come 'CSV UTF-8'; "
        "probabilmente il file è stato composto da file in due codifiche diverse.",
    ),
    "nul-byte": Msg(
        "control-character",
        "error",
        "This cell contains an invisible NUL character (byte 0) at character {position}.",
        "Questa cella contiene un carattere invisibile NUL (byte 0) al carattere {position}.",
        "Retype the cell, or copy the data into a new sheet and save as 'CSV UTF-8'; NUL "
        "characters come from damaged exports.",
        "Riscrivi la cella, oppure copia i dati in un nuovo foglio e salva come 'CSV UTF-8'; "
        "i caratteri NUL vengono da esportazioni danneggiate.",
    ),
    "control-character": Msg(
        "control-character",
        "error",
        "This cell contains an invisible control character ({char}) at character {position}.",
        "Questa cella contiene un carattere di controllo invisibile ({char}) al carattere "
        "{position}.",
        "Retype the cell; control characters come from copies out of other programs or "
        "damaged exports.",
        "Riscrivi la cella; i caratteri di controllo vengono da copie da altri programmi o "
        "da esportazioni danneggiate.",
    ),
    "cell-too-long": Msg(
        "cell-too-long",
        "error",
        "This cell holds {n} characters; a cell may hold at most {limit} (Excel's own limit).",
        "Questa cella contiene {n} caratteri; una cella ne può contenere al massimo {limit} "
        "(lo stesso limite di Excel).",
        'Shorten the text; if the cell should be short, a double quote (") is probably '
        "missing and the rest of the file was read into it.",
        "Accorcia il testo; se la cella dovrebbe essere breve, probabilmente manca una "
        'virgoletta doppia (") e il resto del file è stato letto al suo interno.',
    ),
    "quote-merges-rows": Msg(
        "unterminated-quote",
        "error",
        'The double quote (") that opens this cell closes only on line {end} of the file, '
        "so lines {start} to {end} became this one cell and the rows on them were lost.",
        'La virgoletta doppia (") che apre questa cella si chiude solo alla riga {end} del '
        "file, quindi le righe da {start} a {end} sono diventate questa sola cella e le "
        "righe al loro interno sono andate perse.",
        "Add the missing closing quote after the cell's text (or remove the opening one), "
        "or save the file again from Excel.",
        "Aggiungi la virgoletta di chiusura mancante dopo il testo della cella (o togli "
        "quella di apertura), oppure salva di nuovo il file da Excel.",
    ),
    "unterminated-quote": Msg(
        "unterminated-quote",
        "error",
        'The double quote (") that opens this cell on line {start} is never closed, so '
        "everything to the end of the file (line {end}) became this one cell.",
        'La virgoletta doppia (") che apre questa cella alla riga {start} non si chiude '
        "mai, quindi tutto fino alla fine del file (riga {end}) è diventato questa sola "
        "cella.",
        "Add the missing closing quote after the cell's text (or remove the opening one), "
        "or save the file again from Excel.",
        "Aggiungi la virgoletta di chiusura mancante dopo il testo della cella (o togli "
        "quella di apertura), oppure salva di nuovo il file da Excel.",
    ),
    "formula-without-value": Msg(
        "formula-without-value",
        "error",
        "This cell holds a formula ({formula}) whose result was not saved in the file, so "
        "Ponti cannot see its value.",
        "Questa cella contiene una formula ({formula}) il cui risultato non è stato salvato "
        "nel file, quindi Ponti non ne vede il valore.",
        "Open the file in Excel or LibreOffice and save it (the results are then stored), "
        "or copy the cells and paste them as values.",
        "Apri il file con Excel o LibreOffice e salvalo (i risultati vengono così "
        "memorizzati), oppure copia le celle e incollale come valori.",
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
    "bad-split-item": Msg(
        "bad-split",
        "error",
        "'{value}' is not a country with its percentage.",
        "'{value}' non è un paese con la sua percentuale.",
        "Write each country with its share and separate them with |, e.g. SEN:60|MLI:40 or "
        "Senegal 60%|Mali 40%.",
        "Scrivi ogni paese con la sua quota e separali con |, es. SEN:60|MLI:40 o "
        "Senegal 60%|Mali 40%.",
    ),
    "split-unknown-country": Msg(
        "unknown-country",
        "error",
        "The country of '{value}' is not a country Ponti knows.",
        "Il paese di '{value}' non è un paese noto a Ponti.",
        "Use the three-letter ISO code (e.g. SEN:60) or the country's name in Italian or "
        "English{suggest_en}.",
        "Usa il codice ISO a tre lettere (es. SEN:60) o il nome del paese in italiano o in "
        "inglese{suggest_it}.",
    ),
    "split-share-out-of-range": Msg(
        "bad-split",
        "error",
        "The share of '{value}' is not a percentage between 0 and 100.",
        "La quota di '{value}' non è una percentuale tra 0 e 100.",
        "Write the percentage of the project that goes to that country, e.g. SEN:60.",
        "Scrivi la percentuale del progetto che va a quel paese, es. SEN:60.",
    ),
    "split-repeated-country": Msg(
        "bad-split",
        "error",
        "'{value}' names {country} a second time in the split.",
        "'{value}' indica {country} una seconda volta nella ripartizione.",
        "Give each country once, with its whole share.",
        "Indica ogni paese una sola volta, con la sua quota intera.",
    ),
    "bad-iati-org-id": Msg(
        "bad-iati-org-id",
        "error",
        "'{value}' is not an IATI organisation identifier.",
        "'{value}' non è un identificativo IATI di organizzazione.",
        "Write the registration agency's prefix and the organisation's number there, e.g. "
        "IT-CF-97654320158 (Italian tax code) or XM-DAC-6-4; separate several with |.",
        "Scrivi il prefisso dell'ente di registrazione e il numero dell'organizzazione presso "
        "di esso, es. IT-CF-97654320158 (codice fiscale) o XM-DAC-6-4; separane più di uno "
        "con |.",
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
    "spreadsheet-error": Msg(
        "spreadsheet-error",
        "error",
        "The cell shows the spreadsheet error '{value}' instead of a value (a formula that "
        "failed, or a date or number the spreadsheet cannot hold).",
        "La cella mostra l'errore del foglio di calcolo '{value}' invece di un valore (una "
        "formula non riuscita, o una data o un numero che il foglio non può contenere).",
        "Correct the formula or the value in Excel or LibreOffice, or type the value itself.",
        "Correggi la formula o il valore con Excel o LibreOffice, oppure scrivi il valore.",
    ),
    "number-not-finite": Msg(
        "bad-number",
        "error",
        "'{value}' is not a finite number.",
        "'{value}' non è un numero finito.",
        "Write the number in digits, e.g. 12500 or 12.500,00.",
        "Scrivi il numero in cifre, es. 12500 o 12.500,00.",
    ),
    "count-out-of-range": Msg(
        "out-of-range",
        "error",
        "'{value}' is more than {limit}: too many for a count of people.",
        "'{value}' è più di {limit_it}: troppo per un numero di persone.",
        "Check for extra digits; leave the cell empty if the number is unknown.",
        "Controlla che non ci siano cifre in più; lascia la cella vuota se il numero non è noto.",
    ),
    "amount-out-of-range": Msg(
        "out-of-range",
        "error",
        "'{value}' is more than {limit} euro: too much for one project or call.",
        "'{value}' è più di {limit_it} euro: troppo per un solo progetto o bando.",
        "Check for extra digits and that the amount is in euro (not in cents).",
        "Controlla che non ci siano cifre in più e che l'importo sia in euro (non in centesimi).",
    ),
    "date-out-of-range": Msg(
        "out-of-range",
        "error",
        "'{value}' is outside the years this column accepts ({low} to {high}).",
        "'{value}' è fuori dagli anni accettati in questa colonna (dal {low} al {high}).",
        "Check the year (four digits, e.g. 31/12/2024); leave the cell empty if the date is "
        "unknown.",
        "Controlla l'anno (quattro cifre, es. 31/12/2024); lascia la cella vuota se la data "
        "non è nota.",
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
    "duplicate-id-case": Msg(
        "duplicate-id",
        "error",
        "The id '{value}' differs from '{other}' in {where} only in upper and lower case "
        "(or in full-width letters); Ponti treats them as the same id.",
        "L'identificativo '{value}' differisce da '{other}' in {where_it} solo per maiuscole "
        "e minuscole (o per lettere a larghezza piena); per Ponti sono lo stesso "
        "identificativo.",
        "Write the id the same way in both rows if they are one item (and keep one row), or "
        "give one of them an id of its own.",
        "Scrivi l'identificativo allo stesso modo se le righe sono lo stesso elemento (e "
        "tienine una), oppure dai a una delle due un identificativo diverso.",
    ),
    "id-case-differs-stored": Msg(
        "duplicate-id",
        "error",
        "The id '{value}' differs from '{other}', already in Ponti, only in upper and lower "
        "case; this row would add a second row for the same id.",
        "L'identificativo '{value}' differisce da '{other}', già in Ponti, solo per "
        "maiuscole e minuscole; questa riga aggiungerebbe una seconda riga con lo stesso "
        "identificativo.",
        "Write it exactly as Ponti has it ('{other}') to change that row, or give this row "
        "an id of its own.",
        "Scrivilo esattamente come in Ponti ('{other}') per modificare quella riga, oppure "
        "dai a questa riga un identificativo diverso.",
    ),
    "unknown-reference-case": Msg(
        "unknown-reference",
        "error",
        "'{value}' is not the id of {a}; '{other}' differs from it only in upper and lower case.",
        "'{value}' non è l'identificativo di {a_it}; '{other}' differisce solo per maiuscole "
        "e minuscole.",
        "Write the id exactly as '{other}'.",
        "Scrivi l'identificativo esattamente come '{other}'.",
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
    "disbursed-exceeds-granted": Msg(
        "disbursed-exceeds-granted",
        "warning",
        "The amount disbursed ({value}) is more than the amount granted ({other_value}).",
        "L'importo erogato ({value}) supera l'importo concesso ({other_value}).",
        "Check the two amounts (a top-up may be missing from the amount granted).",
        "Controlla i due importi (nell'importo concesso potrebbe mancare un'integrazione).",
    ),
    "split-sum": Msg(
        "split-sum",
        "error",
        "The shares of the split '{value}' add up to {total}%, not 100%.",
        "Le quote della ripartizione '{value}' sommano a {total}%, non a 100%.",
        "Correct the percentages so that they add up to 100, e.g. SEN:60|MLI:40 (rounded "
        "shares such as 33|33|33 are accepted).",
        "Correggi le percentuali perché sommino a 100, es. SEN:60|MLI:40 (sono accettate "
        "quote arrotondate come 33|33|33).",
    ),
    "split-without-destination": Msg(
        "split-destination",
        "error",
        "The destination country ({other_value}) is not among the countries of the split "
        "'{value}'.",
        "Il paese di destinazione ({other_value}) non è tra i paesi della ripartizione '{value}'.",
        "Add the destination country to the split, or make the country with the largest "
        "share the destination country.",
        "Aggiungi il paese di destinazione alla ripartizione, o indica come paese di "
        "destinazione quello con la quota maggiore.",
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
    # -- IATI activity files (loaders.iati): the row is the line in the XML file -----------
    "iati-too-large": Msg(
        "iati-too-large",
        "error",
        "The IATI file is {size} MB; Ponti reads files of up to {limit} MB.",
        "Il file IATI è di {size} MB; Ponti legge file fino a {limit} MB.",
        "Split it by country or by year (the IATI Registry and d-portal offer such extracts).",
        "Dividilo per paese o per anno (IATI Registry e d-portal offrono estratti simili).",
    ),
    "iati-too-many-elements": Msg(
        "iati-too-large",
        "error",
        "The IATI file has {n} XML elements; Ponti reads files of up to {limit}.",
        "Il file IATI ha {n} elementi XML; Ponti legge file fino a {limit}.",
        "Split it by country or by year (the IATI Registry and d-portal offer such extracts).",
        "Dividilo per paese o per anno (IATI Registry e d-portal offrono estratti simili).",
    ),
    "iati-doctype": Msg(
        "iati-unsafe",
        "error",
        "The file declares a DTD or entities ('{value}'); for safety Ponti does not read such "
        "files.",
        "Il file dichiara un DTD o delle entità ('{value}'); per sicurezza Ponti non legge "
        "file simili.",
        "IATI files never need one: download the file again from its publisher, or delete the "
        "<!DOCTYPE ...> block at the top.",
        "I file IATI non ne hanno mai bisogno: scarica di nuovo il file dall'editore, o elimina "
        "il blocco <!DOCTYPE ...> in cima.",
    ),
    "iati-not-xml": Msg(
        "iati-not-xml",
        "error",
        "The file is not well-formed XML ({reason}).",
        "Il file non è XML ben formato ({reason}).",
        "Download the file again (it may be cut short) or check it with the IATI Validator.",
        "Scarica di nuovo il file (potrebbe essere troncato) o controllalo con l'IATI Validator.",
    ),
    "iati-organisation-file": Msg(
        "iati-wrong-root",
        "error",
        "This is an IATI organisation file ('{value}'), not an activity file.",
        "Questo è un file IATI di organizzazione ('{value}'), non un file di attività.",
        "Download the publisher's activity file (its root element is 'iati-activities').",
        "Scarica il file delle attività dell'editore (il suo elemento radice è 'iati-activities').",
    ),
    "iati-wrong-root": Msg(
        "iati-wrong-root",
        "error",
        "The file's root element is '{value}', not 'iati-activities': this is not an IATI "
        "activity file.",
        "L'elemento radice del file è '{value}', non 'iati-activities': non è un file di "
        "attività IATI.",
        "Choose an IATI activity file, or save the data as CSV or Excel with the template.",
        "Scegli un file di attività IATI, o salva i dati come CSV o Excel con il modello.",
    ),
    "iati-version-1": Msg(
        "iati-old-version",
        "warning",
        "The file uses IATI version {value}: it is read where its elements allow (1.0x "
        "has no SDG sectors or tags).",
        "Il file usa la versione IATI {value}: è letto per quanto i suoi elementi lo "
        "permettono (la 1.0x non ha settori né tag SDG).",
        "Check the projects in the preview; ask the publisher for a 2.0x file if one exists.",
        "Controlla i progetti nell'anteprima; chiedi all'editore un file 2.0x se esiste.",
    ),
    "iati-unknown-version": Msg(
        "iati-old-version",
        "warning",
        "The file gives IATI version '{value}', which Ponti does not know; it was read as 2.03.",
        "Il file indica la versione IATI '{value}', che Ponti non conosce; è stato letto come "
        "2.03.",
        "Check the projects in the preview.",
        "Controlla i progetti nell'anteprima.",
    ),
    "iati-no-activities": Msg(
        "iati-no-activities",
        "error",
        "The IATI file holds no activity.",
        "Il file IATI non contiene alcuna attività.",
        "Choose a file with 'iati-activity' elements.",
        "Scegli un file con elementi 'iati-activity'.",
    ),
    "iati-nothing-to-import": Msg(
        "iati-no-activities",
        "error",
        "None of the {n} activities of the file can become a Ponti project (see the "
        "messages above).",
        "Nessuna delle {n} attività del file può diventare un progetto di Ponti (vedi i "
        "messaggi qui sopra).",
        "Fix what the other messages say, or choose another file.",
        "Correggi quanto indicato negli altri messaggi, o scegli un altro file.",
    ),
    "iati-missing-element": Msg(
        "iati-missing-element",
        "error",
        "Activity {n} ('{ident}') has no '{element}', which a project needs.",
        "L'attività {n} ('{ident}') non ha '{element}', necessario per un progetto.",
        "Add the element to the activity, or ask the publisher to (the IATI Validator lists "
        "such gaps).",
        "Aggiungi l'elemento all'attività, o chiedilo all'editore (l'IATI Validator elenca "
        "queste lacune).",
    ),
    "iati-unknown-status": Msg(
        "iati-unknown-code",
        "error",
        "Activity {n} ('{ident}'): '{value}' is not an IATI activity status.",
        "Attività {n} ('{ident}'): '{value}' non è uno stato di attività IATI.",
        "Use a code of the ActivityStatus codelist: 1 pipeline, 2 implementation, 3 "
        "finalisation, 4 closed, 5 cancelled, 6 suspended.",
        "Usa un codice della lista ActivityStatus: 1 in preparazione, 2 in corso, 3 in "
        "chiusura, 4 chiusa, 5 annullata, 6 sospesa.",
    ),
    "iati-unknown-code": Msg(
        "iati-unknown-code",
        "warning",
        "Activity {n} ('{ident}'): '{value}' is not a code of the {codelist} list; it was "
        "left out.",
        "Attività {n} ('{ident}'): '{value}' non è un codice della lista {codelist}; è stato "
        "tralasciato.",
        "Check the code against the IATI codelist; the rest of the activity is imported.",
        "Controlla il codice nella lista IATI; il resto dell'attività è importato.",
    ),
    "iati-no-association": Msg(
        "iati-no-association",
        "error",
        "Activity {n} ('{ident}'): the implementing organisation '{value}' is not an "
        "association in Ponti.",
        "Attività {n} ('{ident}'): l'organizzazione esecutrice '{value}' non è "
        "un'associazione presente in Ponti.",
        "Add the organisation's IATI identifier{ref} to the association's 'IATI organisation "
        "ids' column, or give it exactly this name or acronym; or import such activities "
        "with the lead association to fill in later (--iati-unmatched keep), or skip them "
        "(--iati-unmatched skip) to import the others.",
        "Aggiungi l'identificativo IATI dell'organizzazione{ref} alla colonna 'Identificativi "
        "IATI' dell'associazione, o dalle esattamente questo nome o sigla; oppure importa "
        "queste attività con l'associazione capofila da indicare in seguito (--iati-unmatched "
        "keep), o saltale (--iati-unmatched skip) per importare le altre.",
    ),
    "iati-kept-no-association": Msg(
        "iati-no-association",
        "warning",
        "Activity {n} ('{ident}') was imported without a lead association: the implementing "
        "organisation '{value}' is not an association in Ponti.",
        "L'attività {n} ('{ident}') è stata importata senza associazione capofila: "
        "l'organizzazione esecutrice '{value}' non è un'associazione presente in Ponti.",
        "Fill in its lead association and Italian municipality with an update file (columns "
        "project id, lead association, municipality); the data quality report lists such "
        "projects until then.",
        "Indica l'associazione capofila e il comune italiano con un file di aggiornamento "
        "(colonne codice progetto, associazione capofila, comune); fino ad allora il "
        "rapporto sulla qualità dei dati elenca questi progetti.",
    ),
    "iati-no-associations-yet": Msg(
        "iati-no-association",
        "error",
        "Activity {n} ('{ident}'): Ponti has no associations yet, so the implementing "
        "organisation '{value}' cannot be matched to one.",
        "Attività {n} ('{ident}'): Ponti non ha ancora associazioni, quindi l'organizzazione "
        "esecutrice '{value}' non può essere abbinata a nessuna.",
        "Import the associations first, or give their file before this one in the same command.",
        "Importa prima le associazioni, o indica il loro file prima di questo nello stesso "
        "comando.",
    ),
    "iati-skipped-no-association": Msg(
        "iati-no-association",
        "warning",
        "Activity {n} ('{ident}') was skipped: the implementing organisation '{value}' is "
        "not an association in Ponti.",
        "L'attività {n} ('{ident}') è stata saltata: l'organizzazione esecutrice '{value}' "
        "non è un'associazione presente in Ponti.",
        "To import it, add the organisation's IATI identifier{ref} to the association in "
        "Ponti, or give it exactly this name or acronym, then import the file again.",
        "Per importarla, aggiungi all'associazione in Ponti l'identificativo IATI "
        "dell'organizzazione{ref}, o dalle esattamente questo nome o sigla, poi importa di "
        "nuovo il file.",
    ),
    "iati-region-only": Msg(
        "iati-no-country",
        "error",
        "Activity {n} ('{ident}') names only a region ('{value}'), no recipient country; a "
        "Ponti project needs a destination country.",
        "L'attività {n} ('{ident}') indica solo una regione ('{value}'), nessun paese "
        "beneficiario; un progetto di Ponti deve avere un paese di destinazione.",
        "Skip such activities (--iati-unmatched skip) to import the others, or add a "
        "recipient-country to the activity.",
        "Salta queste attività (--iati-unmatched skip) per importare le altre, o aggiungi "
        "un recipient-country all'attività.",
    ),
    "iati-skipped-region-only": Msg(
        "iati-no-country",
        "warning",
        "Activity {n} ('{ident}') was skipped: it names only a region ('{value}'), no "
        "recipient country.",
        "L'attività {n} ('{ident}') è stata saltata: indica solo una regione ('{value}'), "
        "nessun paese beneficiario.",
        "To import it, add a recipient-country to the activity and import the file again.",
        "Per importarla, aggiungi un recipient-country all'attività e importa di nuovo il file.",
    ),
    "iati-several-countries": Msg(
        "iati-several-countries",
        "warning",
        "Activity {n} ('{ident}') is shared among several countries ({value}): the split is "
        "kept and amounts by country are shared by it; the destination country is {kept}, "
        "the largest share.",
        "L'attività {n} ('{ident}') è ripartita tra più paesi ({value}): la ripartizione è "
        "conservata e gli importi per paese sono divisi secondo essa; il paese di "
        "destinazione è {kept}, la quota maggiore.",
        "Nothing to do; check the split in the preview (column 'destination_split').",
        "Non serve fare nulla; controlla la ripartizione nell'anteprima (colonna "
        "'destination_split').",
    ),
    "iati-split-no-percentages": Msg(
        "iati-split-percentages",
        "warning",
        "Activity {n} ('{ident}') gives its countries no percentages: it was shared equally "
        "({value}).",
        "L'attività {n} ('{ident}') non indica le percentuali dei suoi paesi: è stata "
        "ripartita in parti uguali ({value}).",
        "If the shares differ, correct the split with an update file (e.g. SEN:60|MLI:40).",
        "Se le quote sono diverse, correggi la ripartizione con un file di aggiornamento "
        "(es. SEN:60|MLI:40).",
    ),
    "iati-split-rescaled": Msg(
        "iati-split-percentages",
        "warning",
        "Activity {n} ('{ident}'): the percentages of its countries add up to {total}%; they "
        "were scaled to 100% ({value}).",
        "Attività {n} ('{ident}'): le percentuali dei suoi paesi sommano a {total}%; sono "
        "state riportate a 100% ({value}).",
        "Check the split in the preview; correct it with an update file if needed.",
        "Controlla la ripartizione nell'anteprima; correggila con un file di aggiornamento "
        "se serve.",
    ),
    "iati-bad-date": Msg(
        "iati-bad-date",
        "warning",
        "Activity {n} ('{ident}'): '{value}' is not a date (yyyy-mm-dd); it was left out.",
        "Attività {n} ('{ident}'): '{value}' non è una data (aaaa-mm-gg); è stata tralasciata.",
        "Write the iso-date as yyyy-mm-dd, e.g. 2024-12-31.",
        "Scrivi l'iso-date come aaaa-mm-gg, es. 2024-12-31.",
    ),
    "iati-bad-amount": Msg(
        "iati-bad-amount",
        "warning",
        "Activity {n} ('{ident}'): '{value}' is not an amount; it was left out.",
        "Attività {n} ('{ident}'): '{value}' non è un importo; è stato tralasciato.",
        "Write the value as a plain number with a decimal point, e.g. 12500.00.",
        "Scrivi il valore come numero semplice con il punto decimale, es. 12500.00.",
    ),
    "iati-no-currency": Msg(
        "iati-no-currency",
        "warning",
        "Activity {n} ('{ident}'): the amount {value} has no currency; it was left out.",
        "Attività {n} ('{ident}'): l'importo {value} non ha valuta; è stato tralasciato.",
        "Give the value a currency attribute or the activity a default-currency.",
        "Indica l'attributo currency del valore o la default-currency dell'attività.",
    ),
    "iati-unknown-currency": Msg(
        "iati-unknown-currency",
        "warning",
        "Activity {n} ('{ident}'): Ponti has no exchange rate for '{value}'; the amount was "
        "left out.",
        "Attività {n} ('{ident}'): Ponti non ha un tasso di cambio per '{value}'; l'importo è "
        "stato tralasciato.",
        "Add the currency's yearly rates to data/reference/iati/exchange_rates.csv, or enter "
        "the amount in EUR in a CSV file.",
        "Aggiungi i tassi annuali della valuta a data/reference/iati/exchange_rates.csv, o "
        "inserisci l'importo in EUR in un file CSV.",
    ),
    "iati-budget-below-commitment": Msg(
        "iati-budget-below-commitment",
        "warning",
        "Activity {n} ('{ident}'): the budget ({value} EUR) is less than the commitments "
        "({other_value} EUR); the amount requested was left empty.",
        "Attività {n} ('{ident}'): il budget ({value} EUR) è inferiore agli impegni "
        "({other_value} EUR); l'importo richiesto è stato lasciato vuoto.",
        "Check the activity's budgets (a revised budget may be missing).",
        "Controlla i budget dell'attività (potrebbe mancare un budget rivisto).",
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
    values = {
        "field": field or "",
        "value": "" if shown is None else shown,
        "row": "" if row is None else row,
        **params,
    }
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
