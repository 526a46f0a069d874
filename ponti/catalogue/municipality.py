"""Strings of the Municipality page (one municipality's profile)."""

from __future__ import annotations

from typing import Final

STRINGS: Final[dict[str, dict[str, str]]] = {
    "nav.municipality": {"it": "Comune", "en": "Municipality"},
    "municipality.title": {"it": "Comune", "en": "Municipality"},
    "municipality.title.name": {"it": "Comune: {name}", "en": "Municipality: {name}"},
    "municipality.intro": {
        "it": "Il profilo di un comune italiano: associazioni, comunità, progetti, gemellaggi, "
        "opportunità di gemellaggio e finanziatori. Usa tutti i dati del comune: i filtri "
        "condivisi non si applicano, tranne quello sull'origine.",
        "en": "The profile of an Italian municipality: associations, communities, projects, "
        "twinnings, twinning opportunities and funders. It uses all the data of the "
        "municipality: the shared filters do not apply, except the origin filter.",
    },
    "municipality.choose": {"it": "Comune", "en": "Municipality"},
    "municipality.from_filter": {
        "it": "Il comune scelto nei filtri: {name}.",
        "en": "The municipality chosen in the filters: {name}.",
    },
    "municipality.none": {
        "it": "Nessun comune con associazioni in questi dati.",
        "en": "No municipality with associations in these data.",
    },
    "municipality.unknown": {
        "it": "Il codice ISTAT {code} non corrisponde a nessun comune italiano. Scegline uno "
        "dall'elenco.",
        "en": "The ISTAT code {code} is not an Italian municipality. Choose one from the list.",
    },
    "municipality.place": {
        "it": "Provincia di {province}, {region}",
        "en": "Province of {province}, {region}",
    },
    "municipality.granted": {"it": "{eur} concessi", "en": "{eur} granted"},
    "municipality.count.communities.one": {
        "it": "{n} comunità di origine",
        "en": "{n} community of origin",
    },
    "municipality.count.communities.other": {
        "it": "{n} comunità di origine",
        "en": "{n} communities of origin",
    },
    "municipality.link": {
        "it": "Il profilo di {name}",
        "en": "The profile of {name}",
    },
    "municipality.to_twinnings": {
        "it": "Le opportunità di {name} sulla pagina Gemellaggi, con la mappa degli accordi",
        "en": "{name}'s opportunities on the Twinnings page, with the map of agreements",
    },
    # -- sections ------------------------------------------------------------------------
    "municipality.associations.title": {"it": "Le associazioni", "en": "Its associations"},
    "municipality.associations.none": {
        "it": "Nessuna associazione con sede in questo comune.",
        "en": "No association based in this municipality.",
    },
    "municipality.communities.title": {"it": "Le comunità", "en": "Its communities"},
    "municipality.communities.intro": {
        "it": "Residenti stranieri della provincia di {province} per cittadinanza, nel {last}, "
        "con la variazione dal {first}. Sono dati provinciali: l'ISTAT non li pubblica per "
        "comune.",
        "en": "Foreign residents of the province of {province} by citizenship, in {last}, with "
        "the change since {first}. These are provincial figures: ISTAT does not publish them "
        "by municipality.",
    },
    "municipality.communities.none": {
        "it": "Nessun dato sui residenti stranieri per questa provincia.",
        "en": "No foreign-residents data for this province.",
    },
    "municipality.trend.title": {
        "it": "Le comunità più numerose, anno per anno",
        "en": "The largest communities, year by year",
    },
    "municipality.trend.year": {"it": "Anno", "en": "Year"},
    "municipality.trend.axis": {"it": "Residenti stranieri", "en": "Foreign residents"},
    "municipality.trend.alt": {
        "it": "Grafico a linee dei residenti stranieri della provincia per cittadinanza e anno",
        "en": "Line chart of the province's foreign residents by citizenship and year",
    },
    "municipality.trend.table": {
        "it": "Residenti per cittadinanza e anno",
        "en": "Residents by citizenship and year",
    },
    "municipality.map.title": {"it": "I suoi ponti", "en": "Its bridges"},
    "municipality.map.image": {"it": "I ponti di {name}", "en": "The bridges of {name}"},
    "municipality.trend.image": {
        "it": "{name}: le comunità più numerose della provincia, anno per anno",
        "en": "{name}: the province's largest communities, year by year",
    },
    "municipality.map.caption": {
        "it": "Archi dal comune ai luoghi di origine delle sue associazioni (colore: obiettivo "
        "di sviluppo sostenibile) e ai suoi partner di gemellaggio.",
        "en": "Arcs from the municipality to its associations' places of origin (colour: "
        "Sustainable Development Goal) and to its twinning partners.",
    },
    "municipality.map.alt": {
        "it": "Mappa dei legami del comune con i luoghi di origine e le città partner",
        "en": "Map of the municipality's links to places of origin and partner cities",
    },
    "municipality.to_bridges": {
        "it": "{name} sulla mappa Ponti, con i dettagli di ogni legame",
        "en": "{name} on the Bridges map, with the details of every link",
    },
    "municipality.communities.table": {
        "it": "Residenti per cittadinanza",
        "en": "Residents by citizenship",
    },
    "municipality.projects.title": {"it": "I progetti", "en": "Its projects"},
    "municipality.projects.stage": {"it": "Per fase", "en": "By stage"},
    "municipality.projects.table": {"it": "Tutti i progetti", "en": "All the projects"},
    "municipality.projects.none": {
        "it": "Nessun progetto in questo comune.",
        "en": "No project in this municipality.",
    },
    "municipality.twinnings.title": {"it": "I gemellaggi", "en": "Its twinnings"},
    "municipality.twinnings.none": {
        "it": "Nessun accordo di gemellaggio per questo comune.",
        "en": "No twinning agreement for this municipality.",
    },
    "municipality.opportunities.title": {
        "it": "Opportunità di gemellaggio",
        "en": "Twinning opportunities",
    },
    "municipality.funders.title": {"it": "I finanziatori", "en": "Its funders"},
    "municipality.funders.none": {
        "it": "Nessun finanziatore: nessun progetto in questo comune.",
        "en": "No funder: no project in this municipality.",
    },
    "municipality.funder.none": {"it": "Non indicato", "en": "Not given"},
}
