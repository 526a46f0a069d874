"""Strings of the shell and the Overview page (key -> {"it": ..., "en": ...})."""

from __future__ import annotations

from typing import Final

STRINGS: Final[dict[str, dict[str, str]]] = {
    # -- shell -------------------------------------------------------------------
    "app.title": {"it": "Ponti", "en": "Ponti"},
    "app.tagline": {
        "it": "Migrazione e sviluppo: le associazioni della diaspora come ponti tra l'Italia "
        "e i territori di origine",
        "en": "Migration and development: diaspora associations as bridges between Italy "
        "and their territories of origin",
    },
    "lang.label": {"it": "Lingua", "en": "Language"},
    "nav.overview": {"it": "Panoramica", "en": "Overview"},
    "demo.notice": {
        "it": "Dati dimostrativi: i dati mostrati sono illustrativi e non descrivono "
        "associazioni o progetti reali.",
        "en": "Illustrative data: the figures shown are a demo and do not describe real "
        "associations or projects.",
    },
    "demo.short": {"it": "dati dimostrativi", "en": "illustrative data"},
    "provenance": {
        "it": "Versione dati {version} del {date} · fonte: {source}",
        "en": "Dataset version {version} of {date} · source: {source}",
    },
    "attribution": {
        "it": "Confini e popolazione: ISTAT, elaborazione Openpolis, CC BY 4.0 · Stati: Natural "
        "Earth (pubblico dominio) · Città: GeoNames, CC BY 4.0 · Obiettivi: Nazioni Unite.",
        "en": "Boundaries and population: ISTAT, processed by Openpolis, CC BY 4.0 · Countries: "
        "Natural Earth (public domain) · Cities: GeoNames, CC BY 4.0 · Goals: United Nations.",
    },
    "provenance.empty": {
        "it": "Nessun dato caricato.",
        "en": "No data loaded.",
    },
    "source.demo": {
        "it": "dataset dimostrativo di Ponti",
        "en": "Ponti demo dataset",
    },
    "store.error": {
        "it": "Impossibile leggere l'archivio dati in {path}: {error}",
        "en": "Cannot read the data store at {path}: {error}",
    },
    # -- filters -------------------------------------------------------------------
    "filters.title": {"it": "Filtri", "en": "Filters"},
    "filters.origin": {"it": "Paese o area di origine", "en": "Origin country or region"},
    "filters.origin.help": {
        "it": "Paesi di origine delle associazioni, paesi di destinazione dei progetti e "
        "paesi partner dei gemellaggi. Le aree sono le regioni ONU (M49).",
        "en": "Associations' origin countries, projects' destination countries and "
        "twinning partner countries. Areas are UN M49 regions.",
    },
    "filters.region": {"it": "Regione italiana", "en": "Italian region"},
    "filters.province": {"it": "Provincia", "en": "Province"},
    "filters.sdg": {"it": "Obiettivi (SDG)", "en": "Goals (SDGs)"},
    "filters.funder_type": {"it": "Tipo di finanziatore", "en": "Funder type"},
    "filters.stage": {"it": "Fase", "en": "Stage"},
    "filters.years": {"it": "Anni", "en": "Years"},
    "filters.years.help": {
        "it": "Anno di avvio del progetto (o di presentazione, se non ancora avviato) e anno "
        "di firma dei gemellaggi.",
        "en": "Project start year (or submission year, if not started yet) and twinning "
        "signature year.",
    },
    "filters.projects_only": {
        "it": "Tipo di finanziatore, fase e anni si applicano ai progetti.",
        "en": "Funder type, stage and years apply to projects.",
    },
    "filters.reset": {"it": "Azzera filtri", "en": "Reset filters"},
    "filters.active": {"it": "Filtri attivi: {n}", "en": "Active filters: {n}"},
    "filters.area": {"it": "Area: {name}", "en": "Region: {name}"},
    # -- overview ------------------------------------------------------------------
    "overview.title": {"it": "Panoramica", "en": "Overview"},
    "metric.associations": {"it": "Associazioni", "en": "Associations"},
    "metric.projects": {"it": "Progetti", "en": "Projects"},
    "metric.origin_countries": {"it": "Paesi di origine", "en": "Origin countries"},
    "metric.municipalities": {"it": "Comuni italiani", "en": "Italian municipalities"},
    "metric.twinnings": {"it": "Gemellaggi", "en": "Twinnings"},
    "metric.requested": {"it": "EUR richiesti", "en": "EUR requested"},
    "metric.granted": {"it": "EUR concessi", "en": "EUR granted"},
    "metric.sdgs": {"it": "SDG coperti", "en": "SDGs covered"},
    "metric.sdgs.value": {"it": "{n} su 17", "en": "{n} of 17"},
    "overview.map.title": {
        "it": "Dove sono le associazioni",
        "en": "Where associations are",
    },
    "overview.map.caption": {
        "it": "Ogni cerchio è un comune italiano; l'area è proporzionale al numero di "
        "associazioni.",
        "en": "Each circle is an Italian municipality; its area is proportional to the "
        "number of associations.",
    },
    "overview.map.summary": {
        "it": "{n} comuni con associazioni; i primi: {top}.",
        "en": "{n} municipalities with associations; the largest: {top}.",
    },
    "overview.communities.title": {
        "it": "Comunità più presenti",
        "en": "Top communities",
    },
    "overview.communities.axis": {
        "it": "Associazioni",
        "en": "Associations",
    },
    "overview.latest.title": {"it": "Progetti più recenti", "en": "Latest projects"},
    "overview.latest.caption": {
        "it": "Per l'ultima presentazione, decisione o avvio avvenuti finora; le date "
        "pianificate non contano.",
        "en": "By their most recent submission, decision or start so far; planned dates do "
        "not count.",
    },
    "overview.empty": {
        "it": "Nessun risultato con questi filtri.",
        "en": "Nothing matches these filters.",
    },
    "table.show": {"it": "Mostra come tabella", "en": "Show as table"},
    "table.download": {"it": "Scarica CSV", "en": "Download CSV"},
    "filters.placeholder": {"it": "Tutti", "en": "All"},
    "tooltip.municipality": {
        "it": "{name}: {n} associazioni",
        "en": "{name}: {n} associations",
    },
    # -- column headings -------------------------------------------------------------
    "col.country": {"it": "Paese", "en": "Country"},
    "col.associations": {"it": "Associazioni", "en": "Associations"},
    "col.projects": {"it": "Progetti", "en": "Projects"},
    "col.municipality": {"it": "Comune", "en": "Municipality"},
    "col.title": {"it": "Titolo", "en": "Title"},
    "col.destination": {"it": "Destinazione", "en": "Destination"},
    "col.stage": {"it": "Fase", "en": "Stage"},
    "col.funder": {"it": "Finanziatore", "en": "Funder"},
    "col.year": {"it": "Anno", "en": "Year"},
    "col.granted": {"it": "Concesso (EUR)", "en": "Granted (EUR)"},
    "col.requested": {"it": "Richiesto (EUR)", "en": "Requested (EUR)"},
    "col.lead": {"it": "Associazione capofila", "en": "Lead association"},
    "col.date": {"it": "Data", "en": "Date"},
}
