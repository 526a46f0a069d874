"""Strings of the Funding pipeline page ("Finanziamenti") (key -> {"it": ..., "en": ...})."""

from __future__ import annotations

from typing import Final

STRINGS: Final[dict[str, dict[str, str]]] = {
    # -- page ------------------------------------------------------------------------
    "nav.funding": {"it": "Finanziamenti", "en": "Funding"},
    "funding.title": {"it": "Finanziamenti", "en": "Funding pipeline"},
    "funding.intro": {
        "it": "Il percorso dei progetti dall'idea alla conclusione: quanti arrivano a ogni "
        "fase, chi li finanzia, dove vanno, quanto spesso e quanto in fretta vengono approvati.",
        "en": "How projects travel from idea to completion: how many reach each stage, who "
        "funds them, where they go, how often and how fast they are approved.",
    },
    "funding.empty": {
        "it": "Nessun progetto con questi filtri.",
        "en": "No project matches these filters.",
    },
    "funding.measure": {"it": "Misura", "en": "Measure"},
    "funding.measure.count": {"it": "Numero di progetti", "en": "Number of projects"},
    "funding.measure.eur": {"it": "EUR", "en": "EUR"},
    "funding.measure.help": {
        "it": "EUR in gioco: l'importo concesso quando un finanziatore lo ha concesso "
        "(progetti approvati, in corso, conclusi o annullati dopo la concessione), "
        "altrimenti l'importo richiesto.",
        "en": "EUR at stake: the amount granted once a funder granted it (approved, running, "
        "completed projects, or cancelled after a grant), otherwise the amount requested.",
    },
    "funding.not_given": {"it": "Non indicato", "en": "Not given"},
    "funding.others.funder": {"it": "Altri finanziatori", "en": "Other funders"},
    "funding.others.programme": {"it": "Altri programmi", "en": "Other programmes"},
    "funding.path.main": {"it": "Percorso principale", "en": "Main path"},
    "funding.path.exit": {"it": "Uscita", "en": "Exit"},
    "funding.axis.projects": {"it": "Progetti", "en": "Projects"},
    "funding.axis.eur": {"it": "EUR", "en": "EUR"},
    "funding.axis.days": {"it": "Giorni", "en": "Days"},
    "funding.axis.success": {"it": "Tasso di successo (%)", "en": "Success rate (%)"},
    "funding.axis.year": {"it": "Anno di presentazione", "en": "Year of submission"},
    # -- funnel --------------------------------------------------------------------------
    "funding.funnel.title": {"it": "Fin dove arrivano i progetti", "en": "How far projects get"},
    "funding.funnel.caption": {
        "it": "Imbuto cumulativo: un progetto conta in ogni fase del percorso principale che "
        "ha raggiunto. Accanto a ogni fase, la quota che è passata alla fase successiva. I "
        "progetti usciti contano fino all'ultima fase documentata: i respinti fino alla "
        "presentazione; ritirati e annullati fino all'approvazione se c'è un importo "
        "concesso, altrimenti fino alla presentazione se c'è una data di presentazione, "
        "altrimenti solo come idea. I progetti ancora in attesa di decisione abbassano la "
        "conversione da presentato ad approvato: per il tasso di successo vedi più sotto.",
        "en": "Cumulative funnel: a project counts at every main-path stage it reached. Next "
        "to each stage, the share that went on to the next one. Exits count up to the last "
        "stage their record proves: rejected ones up to submission; withdrawn and cancelled "
        "ones up to approval when an amount was granted, else up to submission when a "
        "submission date is known, else only as an idea. Projects still awaiting a decision "
        "lower the submitted-to-approved conversion: see the success rate below.",
    },
    "funding.funnel.summary": {
        "it": "{projects}; {submitted}; {approved}; {completed}.",
        "en": "{projects}; {submitted}; {approved}; {completed}.",
    },
    "funding.count.submitted.one": {"it": "{n} presentato", "en": "{n} submitted"},
    "funding.count.submitted.other": {"it": "{n} presentati", "en": "{n} submitted"},
    "funding.count.approved.one": {"it": "{n} approvato", "en": "{n} approved"},
    "funding.count.approved.other": {"it": "{n} approvati", "en": "{n} approved"},
    "funding.count.completed.one": {"it": "{n} concluso", "en": "{n} completed"},
    "funding.count.completed.other": {"it": "{n} conclusi", "en": "{n} completed"},
    "funding.count.decisions.one": {"it": "{n} decisione", "en": "{n} decision"},
    "funding.count.decisions.other": {"it": "{n} decisioni", "en": "{n} decisions"},
    "funding.count.days.one": {"it": "{n} giorno", "en": "{n} day"},
    "funding.count.days.other": {"it": "{n} giorni", "en": "{n} days"},
    "funding.funnel.hover": {
        "it": "{stage}: {value} · {share} passa alla fase successiva",
        "en": "{stage}: {value} · {share} went on to the next stage",
    },
    "funding.at_stage.title": {"it": "Dove sono oggi", "en": "Where they are now"},
    "funding.at_stage.caption": {
        "it": "Ogni progetto è in una sola fase: le barre sommano al totale filtrato ({total}). "
        "In blu il percorso principale, in arancione le uscite.",
        "en": "Each project is at one stage only: the bars add up to the filtered total "
        "({total}). Main path in blue, exits in orange.",
    },
    "funding.iati.title": {
        "it": "Legenda: fasi e stati di attività IATI",
        "en": "Legend: stages and IATI activity status",
    },
    "funding.iati.caption": {
        "it": "Nell'importazione da IATI, gli stati 2 (attuazione), 3 (finalizzazione) e 6 "
        "(sospeso) si leggono come «in corso»; idea e concept note precedono IATI.",
        "en": "On IATI import, statuses 2 (implementation), 3 (finalisation) and 6 "
        "(suspended) are read as “in progress”; idea and concept note come before IATI.",
    },
    "funding.iati.1": {"it": "Pipeline/identificazione", "en": "Pipeline/identification"},
    "funding.iati.2": {"it": "Attuazione", "en": "Implementation"},
    "funding.iati.4": {"it": "Chiuso", "en": "Closed"},
    "funding.iati.5": {"it": "Annullato", "en": "Cancelled"},
    "funding.iati.none": {
        "it": "Nessuno (prima o fuori di IATI)",
        "en": "None (before or outside IATI)",
    },
    # -- flows -----------------------------------------------------------------------------
    "funding.flows.title": {"it": "Da chi a dove", "en": "From whom to where"},
    "funding.flows.middle": {"it": "Secondo livello", "en": "Second level"},
    "funding.flows.middle.funder": {"it": "Finanziatore", "en": "Funder"},
    "funding.flows.middle.programme": {"it": "Programma o bando", "en": "Programme or call"},
    "funding.flows.dest": {"it": "Destinazione", "en": "Destination"},
    "funding.flows.dest.region": {"it": "Regione del mondo (M49)", "en": "World region (M49)"},
    "funding.flows.dest.sdg": {"it": "SDG principale", "en": "Primary SDG"},
    "funding.flows.measure.count": {"it": "il numero di progetti", "en": "the number of projects"},
    "funding.flows.measure.eur": {"it": "gli EUR in gioco", "en": "the EUR at stake"},
    "funding.flows.caption": {
        "it": "Flussi da tipo di finanziatore a {middle}, a fase, a {dest}; lo spessore dice "
        "{measure}. Ogni progetto segue un solo percorso. Oltre i {top} maggiori, gli altri "
        "sono raggruppati.",
        "en": "Flows from funder type to {middle}, to stage, to {dest}; thickness shows "
        "{measure}. Each project follows one path. Beyond the {top} largest, the rest are "
        "grouped.",
    },
    # -- success, timing, years, endings ---------------------------------------------------
    "funding.success.title": {"it": "Tasso di successo", "en": "Success rate"},
    "funding.success.funder": {"it": "Per finanziatore", "en": "By funder"},
    "funding.success.programme": {"it": "Per programma o bando", "en": "By programme or call"},
    "funding.success.caption": {
        "it": "Approvati (approvati, in corso, conclusi) sul totale dei decisi (gli stessi più i "
        "respinti); n = progetti decisi. In grigio chi ha meno di {decisions}: il tasso dice "
        "poco. Sono mostrati i {top} con più decisioni.",
        "en": "Approved (approved, in progress, completed) among decided (the same plus the "
        "rejected); n = decided projects. Greyed: fewer than {decisions}, the rate says "
        "little. The {top} with most decisions are shown.",
    },
    "funding.success.hover": {
        "it": "{name}: {rate} ({approved} su {decided})",
        "en": "{name}: {rate} ({approved} of {decided})",
    },
    "funding.timing.title": {
        "it": "Tempi di decisione",
        "en": "Time to decision",
    },
    "funding.timing.caption": {
        "it": "Giorni dalla presentazione alla decisione, per tipo di finanziatore: scatola "
        "dal primo al terzo quartile, linea alla mediana, baffi dal minimo al massimo.",
        "en": "Days from submission to decision, by funder type: box from first to third "
        "quartile, line at the median, whiskers from minimum to maximum.",
    },
    "funding.timing.summary": {
        "it": "Mediana complessiva: {days} su {decisions}.",
        "en": "Overall median: {days} over {decisions}.",
    },
    "funding.timing.hover": {
        "it": "{name}: mediana {days} su {decisions}",
        "en": "{name}: median {days} over {decisions}",
    },
    "funding.timing.empty": {
        "it": "Nessun progetto deciso con date di presentazione e decisione.",
        "en": "No decided project with submission and decision dates.",
    },
    "funding.years.title": {
        "it": "Richiesto e concesso per anno",
        "en": "Requested and granted by year",
    },
    "funding.years.caption": {
        "it": "Anno di presentazione della domanda (non l'anno di avvio usato dal filtro "
        "«Anni»); il concesso è quello ottenuto dalle domande di quell'anno.",
        "en": "Year the application was submitted (not the start year the Years filter "
        "uses); granted is what that year's applications obtained.",
    },
    "funding.years.requested": {"it": "Richiesto", "en": "Requested"},
    "funding.years.granted": {"it": "Concesso", "en": "Granted"},
    "funding.calls.title": {"it": "Bandi aperti", "en": "Open calls"},
    "funding.calls.caption.one": {
        "it": "{n} bando aperto al {today} (su {total} in archivio), prima quello che scade "
        "prima; quelli a sportello in fondo. Filtri applicati: paese di origine (paesi "
        "ammissibili, o bando aperto a tutti), obiettivi, tipo di finanziatore.",
        "en": "{n} call open on {today} (of {total} on record), the soonest deadline first; "
        "rolling calls last. Filters applied: origin country (eligible countries, or a call "
        "open to all), goals, funder type.",
    },
    "funding.calls.caption.other": {
        "it": "{n} bandi aperti al {today} (su {total} in archivio), prima quelli che scadono "
        "prima; quelli a sportello in fondo. Filtri applicati: paese di origine (paesi "
        "ammissibili, o bando aperto a tutti), obiettivi, tipo di finanziatore.",
        "en": "{n} calls open on {today} (of {total} on record), the soonest deadline first; "
        "rolling calls last. Filters applied: origin country (eligible countries, or a call "
        "open to all), goals, funder type.",
    },
    "funding.calls.none": {
        "it": "Nessun bando aperto con questi filtri.",
        "en": "No open call with these filters.",
    },
    "funding.calls.table": {"it": "I bandi aperti", "en": "The open calls"},
    "funding.ending.title": {
        "it": "Progetti che si concludono nei prossimi 12 mesi",
        "en": "Projects ending in the next 12 months",
    },
    "funding.ending.caption.one": {
        "it": "{n} progetto approvato o in corso finisce tra oggi ({start}) e il {end}.",
        "en": "{n} approved or running project ends between today ({start}) and {end}.",
    },
    "funding.ending.caption.other": {
        "it": "{n} progetti approvati o in corso finiscono tra oggi ({start}) e il {end}.",
        "en": "{n} approved or running projects end between today ({start}) and {end}.",
    },
    "funding.ending.table": {"it": "Elenco", "en": "List"},
}
