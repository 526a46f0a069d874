"""Column headings of every table shown to people and downloaded, and the words of the
downloads themselves (key -> {"it": ..., "en": ...}).

One namespace for every page: ``column.<name>``, where <name> is the column as declared in
``ponti.tables.COLUMNS``. A heading that names a unit says it ("Concesso (EUR)", "(%)").
"""

from __future__ import annotations

from typing import Final

STRINGS: Final[dict[str, dict[str, str]]] = {
    # -- what a row is about ------------------------------------------------------------
    "column.kind": {"it": "Elemento", "en": "Element"},
    "column.key": {"it": "Codice", "en": "Code"},
    "column.iso3": {"it": "Codice del paese (ISO 3166)", "en": "Country code (ISO 3166)"},
    "column.name": {"it": "Nome", "en": "Name"},
    "column.title": {"it": "Titolo", "en": "Title"},
    "column.lead": {"it": "Associazione capofila", "en": "Lead association"},
    "column.goal": {"it": "SDG", "en": "SDG"},
    "column.goal_name": {"it": "Obiettivo", "en": "Goal"},
    "column.goal_n": {"it": "SDG {goal}", "en": "SDG {goal}"},
    "column.primary_sdg": {"it": "SDG principale", "en": "Primary SDG"},
    "column.sdgs": {"it": "Obiettivi (SDG)", "en": "Goals (SDGs)"},
    "column.target": {"it": "Traguardo", "en": "Target"},
    "column.targets": {"it": "Traguardi", "en": "Targets"},
    # -- places ---------------------------------------------------------------------------
    "column.country": {"it": "Paese", "en": "Country"},
    "column.countries": {"it": "Paesi di origine", "en": "Origin countries"},
    "column.region": {"it": "Regione", "en": "Region"},
    "column.world_region": {"it": "Regione del mondo (M49)", "en": "World region (M49)"},
    "column.municipality": {"it": "Comune", "en": "Municipality"},
    "column.place": {"it": "Luogo di origine", "en": "Place of origin"},
    "column.area": {"it": "Area", "en": "Area"},
    "column.destination": {"it": "Destinazione", "en": "Destination"},
    "column.destination_country": {"it": "Paese di destinazione", "en": "Destination country"},
    "column.partner": {"it": "Città partner", "en": "Partner city"},
    "column.partners": {"it": "Città partner", "en": "Partner cities"},
    "column.territory": {"it": "Territorio partner", "en": "Partner territory"},
    "column.community": {"it": "Comunità collegata", "en": "Linked community"},
    # -- associations, twinnings --------------------------------------------------------
    "column.members": {"it": "Soci", "en": "Members"},
    "column.website": {"it": "Sito web", "en": "Website"},
    "column.themes": {"it": "Temi", "en": "Themes"},
    "column.founded": {"it": "Anno di fondazione", "en": "Year founded"},
    "column.twinning_type": {"it": "Tipo di accordo", "en": "Type of agreement"},
    "column.twinning_status": {"it": "Stato", "en": "Status"},
    # -- counts and measures --------------------------------------------------------------
    "column.associations": {"it": "Associazioni", "en": "Associations"},
    "column.projects": {"it": "Progetti", "en": "Projects"},
    "column.twinnings": {"it": "Gemellaggi", "en": "Twinnings"},
    "column.residents": {"it": "Residenti stranieri", "en": "Foreign residents"},
    "column.change": {"it": "Variazione dal primo anno", "en": "Change since the first year"},
    "column.value": {"it": "Valore", "en": "Value"},
    "column.colour": {"it": "Colore", "en": "Colour"},
    "column.declaring": {
        "it": "Associazioni che lo dichiarano",
        "en": "Associations declaring it",
    },
    "column.other_projects": {
        "it": "Progetti su altri obiettivi",
        "en": "Projects on other goals",
    },
    "column.goals_covered": {"it": "Obiettivi coperti", "en": "Goals covered"},
    "column.examples": {"it": "Esempi di associazioni", "en": "Example associations"},
    "column.association_names": {"it": "Associazioni attive", "en": "Active associations"},
    "column.project_titles": {"it": "Loro progetti nel paese", "en": "Their projects there"},
    "column.ratio": {
        "it": "Residenti: volte la media nazionale",
        "en": "Residents: times the national share",
    },
    "column.precedents": {
        "it": "Altri comuni con un accordo",
        "en": "Other municipalities with an agreement",
    },
    "column.score": {"it": "Punteggio", "en": "Score"},
    "column.why": {"it": "Perché", "en": "Why"},
    # -- projects and funding -------------------------------------------------------------
    "column.stage": {"it": "Fase", "en": "Stage"},
    "column.path": {"it": "Tipo di fase", "en": "Kind of stage"},
    "column.funder": {"it": "Finanziatore", "en": "Funder"},
    "column.funder_type": {"it": "Tipo di finanziatore", "en": "Funder type"},
    "column.programme": {"it": "Programma o bando", "en": "Programme or call"},
    "column.requested": {"it": "Richiesto (EUR)", "en": "Requested (EUR)"},
    "column.granted": {"it": "Concesso (EUR)", "en": "Granted (EUR)"},
    "column.eur": {"it": "EUR in gioco", "en": "EUR at stake"},
    "column.reached": {"it": "Progetti arrivati", "en": "Projects reaching it"},
    "column.reached_eur": {"it": "EUR arrivati", "en": "EUR reaching it"},
    "column.at_stage": {"it": "Fermi qui oggi", "en": "Here now"},
    "column.exited": {"it": "Usciti dopo questa fase", "en": "Exited after it"},
    "column.conversion": {
        "it": "Passati alla fase successiva (%)",
        "en": "Went on to next stage (%)",
    },
    "column.conversion_eur": {
        "it": "EUR passati alla fase successiva (%)",
        "en": "EUR going on to next stage (%)",
    },
    "column.decided": {"it": "Decisi", "en": "Decided"},
    "column.approved": {"it": "Approvati", "en": "Approved"},
    "column.rejected": {"it": "Respinti", "en": "Rejected"},
    "column.success_rate": {"it": "Tasso di successo (%)", "en": "Success rate (%)"},
    "column.enough": {"it": "Almeno 3 decisioni", "en": "At least 3 decisions"},
    "column.days_min": {"it": "Giorni: minimo", "en": "Days: minimum"},
    "column.days_q1": {"it": "Giorni: primo quartile", "en": "Days: first quartile"},
    "column.days_median": {"it": "Giorni: mediana", "en": "Days: median"},
    "column.days_q3": {"it": "Giorni: terzo quartile", "en": "Days: third quartile"},
    "column.days_max": {"it": "Giorni: massimo", "en": "Days: maximum"},
    "column.submitted": {"it": "Domande presentate", "en": "Applications submitted"},
    "column.iati_code": {"it": "Codice IATI", "en": "IATI code"},
    "column.iati_name": {"it": "Stato IATI", "en": "IATI status"},
    # -- time -------------------------------------------------------------------------------
    "column.year": {"it": "Anno", "en": "Year"},
    "column.year_submitted": {"it": "Anno di presentazione", "en": "Year of submission"},
    "column.date": {"it": "Data", "en": "Date"},
    "column.date_end": {"it": "Data di fine", "en": "End date"},
    # -- downloads --------------------------------------------------------------------------
    "table.download.xlsx": {"it": "Scarica Excel", "en": "Download Excel"},
    "table.download.csv": {"it": "Scarica CSV", "en": "Download CSV"},
    "download.sheet.data": {"it": "Dati", "en": "Data"},
    "download.sheet.about": {"it": "Informazioni", "en": "About"},
    "download.filters": {"it": "Filtri", "en": "Filters"},
    "download.filters.none": {
        "it": "Nessuno: tutti i dati della versione",
        "en": "None: all the data of the version",
    },
    "download.filter": {"it": "Filtro: {label}", "en": "Filter: {label}"},
    "download.version": {"it": "Versione dati", "en": "Dataset version"},
    "download.version.date": {"it": "Data della versione", "en": "Version date"},
    "download.source": {"it": "Fonte", "en": "Source"},
    "download.demo": {"it": "Dati dimostrativi", "en": "Illustrative data"},
    "download.today": {"it": "Scaricato il", "en": "Downloaded on"},
    "download.credits": {"it": "Crediti dei dati di riferimento", "en": "Reference data credits"},
}
