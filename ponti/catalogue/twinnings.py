"""Strings of the Twinnings page (agreements, dormant ones to revive, opportunities)."""

from __future__ import annotations

from typing import Final

STRINGS: Final[dict[str, dict[str, str]]] = {
    "nav.twinnings": {"it": "Gemellaggi", "en": "Twinnings"},
    "twinnings.title": {"it": "Gemellaggi", "en": "Twinnings"},
    "twinnings.intro": {
        "it": "Gemellaggi, patti di amicizia, accordi di cooperazione e memorandum tra comuni "
        "italiani e città di origine delle comunità; quelli dormienti dove la diaspora è "
        "attiva; le città con cui un comune potrebbe gemellarsi, e perché.",
        "en": "Twinnings, friendship pacts, cooperation agreements and memoranda between "
        "Italian municipalities and the communities' cities of origin; the dormant ones where "
        "the diaspora is active; the cities a municipality could twin with, and why.",
    },
    # -- map ------------------------------------------------------------------------------
    "twinnings.map.alt": {
        "it": "Mappa degli accordi tra comuni italiani e città partner, colorati per stato.",
        "en": "Map of the agreements between Italian municipalities and partner cities, "
        "coloured by status.",
    },
    "twinnings.legend.title": {"it": "Legenda", "en": "Legend"},
    "twinnings.legend.status": {"it": "Colore: stato", "en": "Colour: status"},
    "twinnings.legend.type": {"it": "Spessore: tipo di accordo", "en": "Width: type of agreement"},
    "twinnings.legend.points": {
        "it": "Punti: comuni italiani (scuri) e città partner (chiare)",
        "en": "Points: Italian municipalities (dark) and partner cities (light)",
    },
    "twinnings.summary.title": {"it": "In sintesi", "en": "In short"},
    "twinnings.summary.map": {
        "it": "La mappa mostra {twinnings} tra {municipalities} e {partners}. Più frequenti: "
        "{statuses}.",
        "en": "The map shows {twinnings} between {municipalities} and {partners}. Most "
        "common: {statuses}.",
    },
    "twinnings.count.partners.one": {"it": "{n} città partner", "en": "{n} partner city"},
    "twinnings.count.partners.other": {"it": "{n} città partner", "en": "{n} partner cities"},
    "twinnings.tip.arc": {
        "it": "{type} · {status} · {year}",
        "en": "{type} · {status} · {year}",
    },
    # -- counts and timeline ---------------------------------------------------------------
    "twinnings.counts.title": {"it": "Quanti accordi", "en": "How many agreements"},
    "twinnings.counts.status": {"it": "Per stato", "en": "By status"},
    "twinnings.counts.type": {"it": "Per tipo", "en": "By type"},
    "twinnings.timeline.title": {
        "it": "Accordi per anno di firma",
        "en": "Agreements by year signed",
    },
    "twinnings.timeline.image": {
        "it": "Accordi per anno di firma e {split}",
        "en": "Agreements by year signed and {split}",
    },
    "twinnings.map.image": {
        "it": "Gemellaggi: i comuni italiani e le città partner",
        "en": "Twinnings: Italian municipalities and their partner cities",
    },
    "twinnings.split.label": {"it": "Suddividi per", "en": "Split by"},
    "twinnings.split.status": {"it": "Stato", "en": "Status"},
    "twinnings.split.type": {"it": "Tipo", "en": "Type"},
    "twinnings.timeline.axis": {"it": "Accordi", "en": "Agreements"},
    "twinnings.timeline.year": {"it": "Anno di firma", "en": "Year signed"},
    "twinnings.timeline.undated.one": {
        "it": "{n} accordo senza anno di firma non compare nel grafico.",
        "en": "{n} agreement without a year signed is not in the chart.",
    },
    "twinnings.timeline.undated.other": {
        "it": "{n} accordi senza anno di firma non compaiono nel grafico.",
        "en": "{n} agreements without a year signed are not in the chart.",
    },
    "twinnings.table.title": {"it": "Tutti gli accordi", "en": "All the agreements"},
    # -- dormant but active -----------------------------------------------------------------
    "twinnings.dormant.title": {
        "it": "Accordi dormienti dove la diaspora è attiva",
        "en": "Dormant agreements where the diaspora is active",
    },
    "twinnings.dormant.intro": {
        "it": "Accordi in stato dormiente mentre associazioni della stessa comunità, con sede "
        "nel comune, guidano progetti nel paese partner: candidati a essere rilanciati.",
        "en": "Agreements that are dormant while associations of the same community, based in "
        "the municipality, lead projects in the partner country: candidates to revive.",
    },
    "twinnings.dormant.none": {
        "it": "Nessun accordo dormiente con una diaspora attiva, con questi filtri.",
        "en": "No dormant agreement with an active diaspora under these filters.",
    },
    "twinnings.dormant.table": {"it": "Accordi da rilanciare", "en": "Agreements to revive"},
    # -- opportunities ----------------------------------------------------------------------
    "twinnings.opportunities.title": {
        "it": "Opportunità di gemellaggio",
        "en": "Twinning opportunities",
    },
    "twinnings.opportunities.intro": {
        "it": "Luoghi di origine dove la diaspora del comune è forte ma non c'è alcun accordo, "
        "ordinati per punteggio. Calcolato su tutti i dati della versione: i filtri di luogo "
        "e di anno non lo cambiano, quello sull'origine restringe l'elenco.",
        "en": "Places of origin where the municipality's diaspora is strong but there is no "
        "agreement, ranked by score. Computed on all the data of the version: place and year "
        "filters do not change it, the origin filter narrows the list.",
    },
    "twinnings.city.label": {"it": "Comune", "en": "Municipality"},
    "twinnings.city.from_filter": {
        "it": "Il comune scelto nei filtri: {name}.",
        "en": "The municipality chosen in the filters: {name}.",
    },
    "twinnings.weights.title": {"it": "Come si calcola il punteggio", "en": "How the score works"},
    "twinnings.weights.intro": {
        "it": "Punteggio = somma di ciascuna parte per il suo peso:",
        "en": "Score = the sum of each part times its weight:",
    },
    "twinnings.weight": {"it": "{part}: peso {weight}", "en": "{part}: weight {weight}"},
    "twinnings.part.associations": {
        "it": "associazioni del comune legate al luogo",
        "en": "associations of the municipality linked to the place",
    },
    "twinnings.part.ratio": {
        "it": "residenti di quella cittadinanza nella provincia, rispetto alla media nazionale "
        "(quota in provincia / quota in Italia)",
        "en": "residents of that citizenship in the province, relative to the national share "
        "(provincial share / national share)",
    },
    "twinnings.part.projects": {
        "it": "progetti delle associazioni del comune nel luogo",
        "en": "projects of the municipality's associations in the place",
    },
    "twinnings.part.precedents": {
        "it": "altri comuni italiani con un accordo con il luogo",
        "en": "other Italian municipalities with an agreement with the place",
    },
    "twinnings.opportunities.none": {
        "it": "Nessuna opportunità per questo comune: nessuna associazione o progetto verso "
        "luoghi senza accordo.",
        "en": "No opportunity for this municipality: no association or project towards places "
        "without an agreement.",
    },
    "twinnings.opportunities.table": {
        "it": "Opportunità in tabella",
        "en": "Opportunities as a table",
    },
    "twinnings.opportunity.item": {
        "it": "**{place}** · punteggio {score}",
        "en": "**{place}** · score {score}",
    },
    "twinnings.revive.title": {
        "it": "Già legati da un accordo dormiente",
        "en": "Already tied by a dormant agreement",
    },
    "twinnings.reverse.title": {
        "it": "Da una città di origine: i comuni italiani più legati",
        "en": "From a city of origin: the most closely tied Italian municipalities",
    },
    "twinnings.origin.label": {"it": "Città di origine", "en": "City of origin"},
    "twinnings.reverse.none": {
        "it": "Nessun comune italiano senza accordo legato a questa città.",
        "en": "No Italian municipality without an agreement is tied to this city.",
    },
    "twinnings.reverse.table": {"it": "Comuni in tabella", "en": "Municipalities as a table"},
    # -- why, in words ----------------------------------------------------------------------
    # With the country's plural adjective (ponti.country_words): "2.423 residenti pakistani",
    # "2,423 Pakistani residents". Italian has only the masculine plural to hand, so one
    # resident is written after the noun ("residenti pakistani in provincia: 1").
    "twinnings.why.residents_adjective.one": {
        "it": "residenti {adjective} in provincia: {n} ({ratio} volte la media nazionale)",
        "en": "{n} {adjective} resident in the province ({ratio} times the national share)",
    },
    "twinnings.why.residents_adjective.other": {
        "it": "{n} residenti {adjective} in provincia ({ratio} volte la media nazionale)",
        "en": "{n} {adjective} residents in the province ({ratio} times the national share)",
    },
    "twinnings.why.residents.one": {
        "it": "{n} residente con cittadinanza {country} in provincia ({ratio} volte la media "
        "nazionale)",
        "en": "{n} resident with {country} citizenship in the province ({ratio} times the "
        "national share)",
    },
    "twinnings.why.residents.other": {
        "it": "{n} residenti con cittadinanza {country} in provincia ({ratio} volte la media "
        "nazionale)",
        "en": "{n} residents with {country} citizenship in the province ({ratio} times the "
        "national share)",
    },
    "twinnings.why.no_residents_adjective": {
        "it": "nessun dato sui residenti {adjective} in provincia",
        "en": "no data on {adjective} nationals resident in the province",
    },
    "twinnings.why.no_residents": {
        "it": "nessun dato sui residenti con cittadinanza {country} in provincia",
        "en": "no data on residents with {country} citizenship in the province",
    },
    # {place} is a city ("a Sialkot", "con Sialkot"); {where} a country with its preposition
    # and article ("nelle Filippine", "in the Philippines").
    "twinnings.why.projects.one": {"it": "{n} progetto a {place}", "en": "{n} project in {place}"},
    "twinnings.why.projects.other": {
        "it": "{n} progetti a {place}",
        "en": "{n} projects in {place}",
    },
    "twinnings.why.projects_country.one": {
        "it": "{n} progetto {where}",
        "en": "{n} project {where}",
    },
    "twinnings.why.projects_country.other": {
        "it": "{n} progetti {where}",
        "en": "{n} projects {where}",
    },
    "twinnings.why.precedents.one": {
        "it": "{n} altro comune italiano ha un accordo con {place}",
        "en": "{n} other Italian municipality has an agreement with {place}",
    },
    "twinnings.why.precedents.other": {
        "it": "{n} altri comuni italiani hanno un accordo con {place}",
        "en": "{n} other Italian municipalities have an agreement with {place}",
    },
    "twinnings.why.precedents_country.one": {
        "it": "{n} altro comune italiano ha un accordo {where}",
        "en": "{n} other Italian municipality has an agreement {where}",
    },
    "twinnings.why.precedents_country.other": {
        "it": "{n} altri comuni italiani hanno un accordo {where}",
        "en": "{n} other Italian municipalities have an agreement {where}",
    },
    "twinnings.why.no_agreement": {"it": "nessun accordo", "en": "no agreement"},
    "twinnings.why.dormant": {"it": "un accordo dormiente", "en": "a dormant agreement"},
    # -- what a click on the map picked -------------------------------------------------------
    "twinnings.detail.hint": {
        "it": "Clicca su un arco, un comune o una città partner della mappa per vederne gli "
        "accordi qui.",
        "en": "Click an arc, a municipality or a partner city on the map to see its agreements "
        "here.",
    },
    "twinnings.detail.invalid": {
        "it": "La selezione del link non è tra gli accordi mostrati con questi filtri.",
        "en": "The link's selection is not among the agreements shown with these filters.",
    },
    "twinnings.detail.title": {"it": "Selezione: {title}", "en": "Selected: {title}"},
    "twinnings.detail.clear": {"it": "Togli la selezione", "en": "Clear the selection"},
}
