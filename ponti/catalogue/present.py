"""Strings of the presentations: the deck's items, titles, takeaways and speaker notes, and the
words of the title slide and footers (key -> {"it": ..., "en": ...})."""

from __future__ import annotations

from typing import Final

STRINGS: Final[dict[str, dict[str, str]]] = {
    # -- the items a deck can hold (what a chooser lists) --------------------------------------
    "present.item.headline": {"it": "Le cifre principali", "en": "Headline figures"},
    "present.item.bridges_map": {"it": "La mappa dei ponti", "en": "The bridges map"},
    "present.item.sdg_grid": {"it": "I 17 obiettivi (SDG)", "en": "The 17 goals (SDGs)"},
    "present.item.goals_by_origin": {
        "it": "Obiettivi per paese di origine",
        "en": "Goals by country of origin",
    },
    "present.item.goals_by_region": {
        "it": "Obiettivi per regione italiana",
        "en": "Goals by Italian region",
    },
    "present.item.gaps": {"it": "Dove mancano progetti", "en": "Where projects are missing"},
    "present.item.communities": {"it": "Le comunità principali", "en": "Top communities"},
    "present.item.funnel": {
        "it": "Fin dove arrivano i progetti",
        "en": "How far projects get",
    },
    "present.item.sankey": {
        "it": "Da chi a dove vanno i fondi",
        "en": "Where the money comes from and goes",
    },
    "present.item.success": {
        "it": "Tasso di successo per finanziatore",
        "en": "Success rate by funder",
    },
    "present.item.twinnings_map": {"it": "La mappa dei gemellaggi", "en": "The twinnings map"},
    "present.item.twinnings_timeline": {
        "it": "Gemellaggi per anno di firma",
        "en": "Twinnings by year signed",
    },
    "present.item.opportunities": {
        "it": "Opportunità di gemellaggio di un comune",
        "en": "A municipality's twinning opportunities",
    },
    "present.item.association": {
        "it": "Il profilo di un'associazione",
        "en": "An association's profile",
    },
    # -- slide titles that name what they show ---------------------------------------------------
    "present.title.bridges_map.world": {
        "it": "I ponti tra l'Italia e i territori di origine",
        "en": "Bridges between Italy and places of origin",
    },
    "present.title.bridges_map.italy": {
        "it": "I ponti visti dall'Italia",
        "en": "Bridges seen from Italy",
    },
    "present.title.opportunities": {
        "it": "Opportunità di gemellaggio: {municipality}",
        "en": "Twinning opportunities: {municipality}",
    },
    "present.title.association": {"it": "Profilo: {name}", "en": "Profile: {name}"},
    "present.goal": {"it": "SDG {goal} ({name})", "en": "SDG {goal} ({name})"},
    "present.count.countries.one": {"it": "{n} paese di origine", "en": "{n} origin country"},
    "present.count.countries.other": {"it": "{n} paesi di origine", "en": "{n} origin countries"},
    # -- takeaways: one line, computed from the data ---------------------------------------------
    "present.takeaway.headline": {
        "it": "{associations} da {countries} in {municipalities}; {granted} concessi a {projects}.",
        "en": "{associations} from {countries} in {municipalities}; {granted} granted to "
        "{projects}.",
    },
    "present.takeaway.bridges_map": {
        "it": "{arcs} collegano {municipalities} a {places}; il più forte: {link}, {value}.",
        "en": "{arcs} link {municipalities} to {places}; the strongest: {link}, {value}.",
    },
    "present.takeaway.sdg_grid": {
        "it": "Il {share} dei fondi concessi va a progetti sull'{goal}.",
        "en": "{share} of granted funds go to projects on {goal}.",
    },
    "present.takeaway.sdg_grid.projects": {
        "it": "L'{goal} è l'obiettivo più frequente: {projects}.",
        "en": "{goal} is the most frequent goal: {projects}.",
    },
    "present.takeaway.goals_by_place": {
        "it": "{place} e {goal}: {projects}, la combinazione più frequente.",
        "en": "{place} and {goal}: {projects}, the most frequent pairing.",
    },
    "present.takeaway.gaps": {
        "it": "Lacune comunità–obiettivo: {pairs} senza progetti; la prima: {place}, {goal}, "
        "dichiarato da {declaring}.",
        "en": "Community–goal gaps: {pairs} with no project; the first: {place}, {goal}, "
        "declared by {declaring}.",
    },
    "present.takeaway.gaps.none": {
        "it": "Nessuna lacuna: ogni obiettivo dichiarato da una comunità ha almeno un progetto "
        "nel suo paese.",
        "en": "No gap: every goal a community declares has at least one project in its country.",
    },
    "present.takeaway.communities": {
        "it": "{country} è la comunità più presente: {associations}, il {share} del totale.",
        "en": "{country} is the largest community: {associations}, {share} of all.",
    },
    "present.takeaway.funnel": {
        "it": "Dei {projects} partiti da un'idea, il {share} è arrivato all'approvazione "
        "({approved}).",
        "en": "Of {projects} started as an idea, {share} reached approval ({approved}).",
    },
    "present.takeaway.sankey": {
        "it": "{funder_type}: il {share} degli EUR in gioco ({amount} su {total}).",
        "en": "{funder_type}: {share} of the EUR at stake ({amount} of {total}).",
    },
    "present.takeaway.success": {
        "it": "Approvato il {rate} dei progetti decisi ({decisions})",
        "en": "{rate} of decided projects approved ({decisions})",
    },
    "present.takeaway.success.best": {
        "it": "{overall}; il tasso più alto: {name}, {rate} su {decisions}.",
        "en": "{overall}; the highest rate: {name}, {rate} of {decisions}.",
    },
    "present.takeaway.twinnings_map": {
        "it": "{twinnings} tra {municipalities} e {partners}; attivi: {active}.",
        "en": "{twinnings} between {municipalities} and {partners}; active: {active}.",
    },
    "present.takeaway.twinnings_timeline": {
        "it": "{first}–{last}: {twinnings} firmati; il picco nel {year}, {peak}.",
        "en": "{first}–{last}: {twinnings} signed; the peak in {year}, {peak}.",
    },
    "present.takeaway.opportunities": {
        "it": "La migliore opportunità di gemellaggio per {municipality}: {place} "
        "(punteggio {score}).",
        "en": "The best twinning opportunity for {municipality}: {place} (score {score}).",
    },
    "present.takeaway.opportunities.none": {
        "it": "Nessuna opportunità di gemellaggio per {municipality} con questi filtri.",
        "en": "No twinning opportunity for {municipality} with these filters.",
    },
    "present.takeaway.association": {
        "it": "{name}: {led} e {partnered}; {granted} concessi ai progetti da capofila.",
        "en": "{name}: {led} and {partnered}; {granted} granted to the projects it leads.",
    },
    "present.takeaway.association.none": {
        "it": "L'associazione scelta non è tra i dati di questa vista.",
        "en": "The chosen association is not in the data of this view.",
    },
    # -- speaker notes ----------------------------------------------------------------------------
    "present.notes.goal": {
        "it": "{goal}: {projects}, {associations}, {granted} concessi.",
        "en": "{goal}: {projects}, {associations}, {granted} granted.",
    },
    "present.notes.goals_without": {
        "it": "Obiettivi senza progetti: {goals}.",
        "en": "Goals without projects: {goals}.",
    },
    "present.notes.goal_rule": {
        "it": "Un progetto conta, per intero, per ogni obiettivo che dichiara: le somme per "
        "obiettivo superano il totale dei progetti e dei fondi.",
        "en": "A project counts, in full, for every goal it declares: the sums by goal exceed "
        "the total of projects and funds.",
    },
    "present.notes.cell": {
        "it": "{place}, {goal}: {projects}.",
        "en": "{place}, {goal}: {projects}.",
    },
    "present.notes.row": {"it": "{place}: {pairs} in tutto.", "en": "{place}: {pairs} in all."},
    "present.notes.gap": {
        "it": "{place}, {goal}: per esempio {examples}.",
        "en": "{place}, {goal}: for example {examples}.",
    },
    "present.notes.gap_rule": {
        "it": "Una comunità è presente con almeno un'associazione o con almeno mille residenti "
        "stranieri di quella cittadinanza; una lacuna è un obiettivo dichiarato dalle sue "
        "associazioni senza alcun progetto della vista verso il suo paese.",
        "en": "A community is present with at least one association or at least a thousand "
        "foreign residents of that citizenship; a gap is a goal its associations declare with "
        "no project of the view going to its country.",
    },
    "present.notes.stage": {
        "it": "{stage}: {projects} vi sono arrivati; il {share} è passato alla fase successiva.",
        "en": "{stage}: {projects} got there; {share} went on to the next stage.",
    },
    "present.notes.stage.last": {
        "it": "{stage}: {projects} vi sono arrivati.",
        "en": "{stage}: {projects} got there.",
    },
    "present.notes.funnel_rule": {
        "it": "Un progetto conta in ogni fase del percorso principale che ha raggiunto; le "
        "uscite (respinti, ritirati, annullati) contano fino alla fase più avanzata documentata.",
        "en": "A project counts at every stage of the main path it reached; the exits "
        "(rejected, withdrawn, cancelled) count up to the furthest stage their record proves.",
    },
    "present.notes.funder_type": {
        "it": "{funder_type}: {amount} ({share}).",
        "en": "{funder_type}: {amount} ({share}).",
    },
    "present.notes.eur_at_stake": {
        "it": "EUR in gioco: l'importo concesso, quando c'è, altrimenti quello richiesto. "
        "Flussi: tipo di finanziatore → finanziatore → fase → regione del mondo.",
        "en": "EUR at stake: the amount granted, once there is one, otherwise the amount "
        "requested. Flows: funder type → funder → stage → world region.",
    },
    "present.notes.success": {
        "it": "{name}: {rate} ({approved} su {decisions}).",
        "en": "{name}: {rate} ({approved} of {decisions}).",
    },
    "present.notes.success_rule": {
        "it": "Tasso di successo: progetti approvati (anche in corso o conclusi) tra quelli "
        "decisi. In grigio i finanziatori con meno di {decisions}: il tasso dice poco.",
        "en": "Success rate: projects approved (running or completed included) among those "
        "decided. Greyed: funders with fewer than {decisions}, whose rate says little.",
    },
    "present.notes.weights": {
        "it": "Punteggio: somma delle parti per il loro peso ({weights}).",
        "en": "Score: the sum of the parts times their weights ({weights}).",
    },
    # -- the deck ---------------------------------------------------------------------------------
    "present.deck.default_title": {
        "it": "Ponti: associazioni della diaspora, progetti e gemellaggi",
        "en": "Ponti: diaspora associations, projects and twinnings",
    },
    "present.deck.filters": {"it": "Filtri: {filters}", "en": "Filters: {filters}"},
    "present.deck.made": {"it": "Presentazione del {date}", "en": "Presentation of {date}"},
    # -- the page ----------------------------------------------------------------------------
    "nav.present": {"it": "Presenta", "en": "Present"},
    "present.title": {"it": "Presenta", "en": "Present"},
    "present.intro": {
        "it": "Una presentazione PowerPoint (16:9) della vista attuale, per il Summit e il Forum: "
        "grafici nativi e modificabili dove PowerPoint li sa disegnare, immagini ad alta "
        "risoluzione per mappe, Sankey e griglia degli obiettivi, tabelle native; su ogni "
        "slide una frase calcolata dai dati, la fonte, la versione dei dati e la data; note "
        "per chi parla. I filtri condivisi si applicano.",
        "en": "A PowerPoint deck (16:9) of the current view, for the Summit and the Forum: "
        "native, editable charts wherever PowerPoint can draw them, high-resolution images "
        "for maps, the Sankey and the goals grid, native tables; on every slide a sentence "
        "computed from the data, the source, the dataset version and the date; speaker "
        "notes. The shared filters apply.",
    },
    "present.items.label": {"it": "Slide, in ordine", "en": "Slides, in order"},
    "present.items.help": {
        "it": "Le slide seguono l'ordine in cui le scegli; per cambiarlo usa le frecce qui sotto.",
        "en": "Slides follow the order you choose them in; use the arrows below to change it.",
    },
    "present.items.none": {
        "it": "Scegli almeno una slide.",
        "en": "Choose at least one slide.",
    },
    "present.order.title": {"it": "Cambia l'ordine", "en": "Change the order"},
    "present.order.up": {"it": "Sposta su", "en": "Move up"},
    "present.order.down": {"it": "Sposta giù", "en": "Move down"},
    "present.deck_title.label": {"it": "Titolo della presentazione", "en": "Title of the deck"},
    "present.lang.label": {"it": "Lingua", "en": "Language"},
    "present.lang.it": {"it": "Italiano", "en": "Italian"},
    "present.lang.en": {"it": "Inglese", "en": "English"},
    "present.view.label": {"it": "Mappa dei ponti", "en": "Bridges map"},
    "present.view.world": {"it": "Mondo", "en": "World"},
    "present.view.italy": {"it": "Italia", "en": "Italy"},
    "present.city.label": {
        "it": "Comune delle opportunità di gemellaggio",
        "en": "Municipality of the twinning opportunities",
    },
    "present.assoc.label": {
        "it": "Associazione del profilo",
        "en": "Association of the profile",
    },
    "present.filters": {
        "it": "Filtri della presentazione: {filters}",
        "en": "Deck filters: {filters}",
    },
    "present.make.one": {
        "it": "Crea la presentazione ({n} slide)",
        "en": "Make the deck ({n} slide)",
    },
    "present.make.other": {
        "it": "Crea la presentazione ({n} slide)",
        "en": "Make the deck ({n} slides)",
    },
    "present.making": {"it": "Preparo le slide…", "en": "Making the slides…"},
    "present.making.step": {
        "it": "Slide {done} di {total}…",
        "en": "Slide {done} of {total}…",
    },
    "present.render_error": {
        "it": "Le immagini non si possono disegnare su questo server (manca Chromium): chiedi a "
        "chi lo gestisce di installarlo, oppure togli mappe, Sankey e griglia dalla "
        "presentazione.",
        "en": "Images cannot be drawn on this server (Chromium is missing): ask whoever runs it "
        "to install it, or leave maps, the Sankey and the grid out of the deck.",
    },
    "present.ready.one": {
        "it": "Presentazione pronta: {n} slide.",
        "en": "The deck is ready: {n} slide.",
    },
    "present.ready.other": {
        "it": "Presentazione pronta: {n} slide.",
        "en": "The deck is ready: {n} slides.",
    },
    "present.download": {"it": "Scarica la presentazione (PPTX)", "en": "Download the deck (PPTX)"},
    "present.changed": {
        "it": "Hai cambiato slide, titolo, lingua o filtri: crea di nuovo la presentazione.",
        "en": "You changed the slides, title, language or filters: make the deck again.",
    },
    # -- every chart and map as an image, and its citation -------------------------------------
    "image.png": {"it": "PNG", "en": "PNG"},
    "image.png.help": {
        "it": "L'immagine in alta risoluzione (2x), con titolo, filtri, versione dei dati, data "
        "e fonte scritti sotto il titolo.",
        "en": "The picture at high resolution (2x), with title, filters, dataset version, date "
        "and source written under the title.",
    },
    "image.svg": {"it": "SVG", "en": "SVG"},
    "image.svg.help": {
        "it": "Il grafico come disegno vettoriale (SVG), nitido a ogni dimensione, con titolo, "
        "filtri, versione dei dati, data e fonte.",
        "en": "The chart as a vector drawing (SVG), sharp at any size, with title, filters, "
        "dataset version, date and source.",
    },
    "cite.label": {"it": "Cita", "en": "Cite"},
    "cite.help": {
        "it": "Copia questo testo per citare la figura: il link riapre la stessa vista.",
        "en": "Copy this text to cite the figure: the link reopens the same view.",
    },
    "cite.text": {
        "it": "«{title}». Filtri: {filters}. Ponti, {version}. Consultato il {today}. {link}",
        "en": "\u201c{title}\u201d. Filters: {filters}. Ponti, {version}. Accessed {today}. {link}",
    },
}
