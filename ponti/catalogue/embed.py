"""Strings of the embedded views (``?embed=true&view=...``) and of the page that makes their
iframe code ("Incorpora" / "Embed") (key -> {"it": ..., "en": ...})."""

from __future__ import annotations

from typing import Final

STRINGS: Final[dict[str, dict[str, str]]] = {
    # -- the embedded views -------------------------------------------------------------------
    "embed.title.map": {
        "it": "Ponti tra comuni italiani e territori di origine",
        "en": "Bridges between Italian municipalities and places of origin",
    },
    "embed.title.sdg": {
        "it": "Agenda 2030: i 17 obiettivi",
        "en": "Agenda 2030: the 17 goals",
    },
    "embed.title.funding": {
        "it": "Finanziamenti: fin dove arrivano i progetti",
        "en": "Funding: how far projects get",
    },
    "embed.title.twinnings": {
        "it": "Gemellaggi tra comuni italiani e città di origine",
        "en": "Twinnings between Italian municipalities and cities of origin",
    },
    "embed.title.city": {"it": "{name}: il comune e i suoi ponti", "en": "{name} and its bridges"},
    "embed.title.association": {"it": "{name}", "en": "{name}"},
    "embed.title.unknown": {"it": "Ponti", "en": "Ponti"},
    "embed.open": {"it": "Apri in Ponti", "en": "Open in Ponti"},
    "embed.open.help": {
        "it": "La vista completa in Ponti, con gli stessi filtri (si apre in una nuova scheda)",
        "en": "The full view in Ponti, with the same filters (opens in a new tab)",
    },
    "embed.filters": {"it": "Filtri: {filters}", "en": "Filters: {filters}"},
    "embed.summary": {"it": "In breve: {text}", "en": "In short: {text}"},
    "embed.unknown_view": {
        "it": "Spiacenti, la vista «{view}» non esiste. Le viste disponibili sono: {views}.",
        "en": "Sorry, there is no view called “{view}”. The views available are: {views}.",
    },
    "embed.no_view": {
        "it": "Indica una vista nell'indirizzo (view=...). Le viste disponibili sono: {views}.",
        "en": "Name a view in the address (view=...). The views available are: {views}.",
    },
    "embed.missing.city": {
        "it": "Indica un comune nell'indirizzo con il suo codice ISTAT, ad esempio code=035033.",
        "en": "Name a municipality in the address by its ISTAT code, for example code=035033.",
    },
    "embed.unknown.city": {
        "it": "Spiacenti, nessun comune italiano ha il codice ISTAT «{code}».",
        "en": "Sorry, no Italian municipality has the ISTAT code “{code}”.",
    },
    "embed.missing.association": {
        "it": "Indica un'associazione nell'indirizzo con il suo identificativo, ad esempio "
        "id=ASS-0034.",
        "en": "Name an association in the address by its id, for example id=ASS-0034.",
    },
    "embed.unknown.association": {
        "it": "Spiacenti, nessuna associazione ha l'identificativo «{id}».",
        "en": "Sorry, no association has the id “{id}”.",
    },
    "embed.metric.submitted": {"it": "Presentati", "en": "Submitted"},
    "embed.metric.approved": {"it": "Approvati", "en": "Approved"},
    "embed.metric.completed": {"it": "Conclusi", "en": "Completed"},
    "embed.metric.partner_countries": {"it": "Paesi partner", "en": "Partner countries"},
    "embed.metric.dormant": {"it": "Accordi dormienti", "en": "Dormant agreements"},
    "embed.metric.led": {"it": "Progetti guidati", "en": "Projects led"},
    "embed.metric.partnered": {"it": "Progetti come partner", "en": "Projects as partner"},
    "embed.metric.granted_led": {
        "it": "EUR concessi (guidati)",
        "en": "EUR granted (led)",
    },
    "embed.sdg.summary": {
        "it": "{projects} e {associations} sui 17 obiettivi; i più coperti: {top}; senza "
        "progetti: {none}.",
        "en": "{projects} and {associations} across the 17 goals; most covered: {top}; "
        "without projects: {none}.",
    },
    "embed.city.summary": {
        "it": "{name} (provincia di {province}, {region}): {associations}, {projects}, "
        "{twinnings}, {communities}; {granted}. Migliori opportunità di gemellaggio: {top}.",
        "en": "{name} (province of {province}, {region}): {associations}, {projects}, "
        "{twinnings}, {communities}; {granted}. Best twinning opportunities: {top}.",
    },
    "embed.association.summary": {
        "it": "{name}, con sede a {place}: {led}, {partnered}; {granted}. Obiettivi: {goals}. "
        "Temi: {themes}.",
        "en": "{name}, based in {place}: {led}, {partnered}; {granted}. Goals: {goals}. "
        "Themes: {themes}.",
    },
    "embed.association.place": {"it": "Sede: {place}", "en": "Based in: {place}"},
    "embed.association.origins": {"it": "Origini: {origins}", "en": "Origins: {origins}"},
    "embed.association.goals": {"it": "Obiettivi: {goals}", "en": "Goals: {goals}"},
    "embed.association.themes": {"it": "Temi: {themes}", "en": "Themes: {themes}"},
    # -- the page that makes the iframe code -----------------------------------------------------
    "embed.nav": {"it": "Incorpora", "en": "Embed"},
    "embed.code.title": {"it": "Incorpora Ponti in un sito", "en": "Embed Ponti in a website"},
    "embed.code.intro": {
        "it": "Scegli una vista, i filtri (nella barra laterale), la lingua e la misura; "
        "guarda l'anteprima e copia il codice da incollare nella pagina del tuo sito. La vista "
        "incorporata è di sola lettura, senza dati personali, e si aggiorna con i dati di Ponti.",
        "en": "Choose a view, the filters (in the sidebar), the language and the size; look "
        "at the preview and copy the code to paste into your website's page. The embedded view "
        "is read-only, shows no personal data and follows Ponti's data.",
    },
    "embed.code.view": {"it": "Vista", "en": "View"},
    "embed.view.map": {"it": "Mappa dei ponti", "en": "Bridges map"},
    "embed.view.sdg": {"it": "I 17 obiettivi", "en": "The 17 goals"},
    "embed.view.funding": {"it": "Finanziamenti", "en": "Funding"},
    "embed.view.twinnings": {"it": "Gemellaggi", "en": "Twinnings"},
    "embed.view.city": {"it": "Un comune", "en": "A municipality"},
    "embed.view.association": {"it": "Un'associazione", "en": "An association"},
    "embed.code.city": {"it": "Comune", "en": "Municipality"},
    "embed.code.association": {"it": "Associazione", "en": "Association"},
    "embed.code.lang": {"it": "Lingua della vista", "en": "Language of the view"},
    "embed.code.width": {"it": "Larghezza", "en": "Width"},
    "embed.width.phone": {"it": "390 px (telefono)", "en": "390 px (phone)"},
    "embed.width.narrow": {"it": "600 px", "en": "600 px"},
    "embed.width.wide": {"it": "1000 px", "en": "1000 px"},
    "embed.width.full": {"it": "Tutta la larghezza", "en": "Full width"},
    "embed.code.height": {"it": "Altezza", "en": "Height"},
    "embed.height.auto": {"it": "Consigliata", "en": "Recommended"},
    "embed.code.height.help": {
        "it": "Consigliata: l'altezza che mostra tutta la vista a quella larghezza. La vista "
        "comunica anche la sua altezza alla pagina che la ospita (vedi sotto).",
        "en": "Recommended: the height that shows the whole view at that width. The view also "
        "tells the hosting page its height (see below).",
    },
    "embed.code.filters": {
        "it": "Filtri inclusi (dalla barra laterale): {filters}",
        "en": "Filters included (from the sidebar): {filters}",
    },
    "embed.code.no_filters": {
        "it": "Nessun filtro: la vista mostra tutti i dati. Scegli i filtri nella barra laterale.",
        "en": "No filters: the view shows all the data. Choose filters in the sidebar.",
    },
    "embed.code.preview": {"it": "Anteprima", "en": "Preview"},
    "embed.code.snippet": {"it": "Codice da incollare", "en": "Code to paste"},
    "embed.code.snippet.help": {
        "it": "Copia il codice con il pulsante in alto a destra del riquadro.",
        "en": "Copy the code with the button at the top right of the box.",
    },
    "embed.code.base": {
        "it": "Indirizzo pubblico di Ponti: {url}",
        "en": "Ponti's public address: {url}",
    },
    "embed.code.relative": {
        "it": "Il codice usa un indirizzo relativo (/?embed=...): funziona solo in pagine dello "
        "stesso sito di Ponti. Chi gestisce Ponti può impostare PONTI_PUBLIC_URL con l'indirizzo "
        "pubblico (ad esempio https://ponti.example.org) per avere un codice valido ovunque.",
        "en": "The code uses a relative address (/?embed=...): it only works in pages of Ponti's "
        "own site. Whoever runs Ponti can set PONTI_PUBLIC_URL to its public address (for "
        "example https://ponti.example.org) to get code that works anywhere.",
    },
    "embed.code.listener": {
        "it": "Facoltativo: altezza automatica",
        "en": "Optional: automatic height",
    },
    "embed.code.listener.intro": {
        "it": "La vista invia la propria altezza alla pagina che la ospita (messaggio "
        "«ponti:height»). Questo script, incollato una volta nella pagina, adatta l'altezza "
        "di ogni riquadro Ponti al contenuto.",
        "en": "The view sends its height to the page hosting it (a “ponti:height” message). "
        "This script, pasted once into the page, fits every Ponti frame's height to its "
        "content.",
    },
    # -- the static publish (python -m ponti publish) -----------------------------------------
    "publish.made": {"it": "Pubblicato il {date}", "en": "Published on {date}"},
    "publish.index.title": {"it": "Ponti: viste pubbliche", "en": "Ponti: public views"},
    "publish.failed": {
        "it": "Pubblicazione non riuscita, nulla è stato scritto: {reason}",
        "en": "Publishing failed, nothing was written: {reason}",
    },
    "publish.empty": {
        "it": "il magazzino {root} non ha ancora una versione: importa i dati o esegui "
        "'python -m loaders seed-demo'.",
        "en": "the store {root} has no version yet: import data or run "
        "'python -m loaders seed-demo'.",
    },
    "publish.done.one": {
        "it": "{n} pagina scritta in {folder}.",
        "en": "{n} page written to {folder}.",
    },
    "publish.done.other": {
        "it": "{n} pagine scritte in {folder}.",
        "en": "{n} pages written to {folder}.",
    },
}
