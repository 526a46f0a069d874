"""Strings of the shell and the Overview page (key -> {"it": ..., "en": ...})."""

from __future__ import annotations

from typing import Final

STRINGS: Final[dict[str, dict[str, str]]] = {
    # -- shell -------------------------------------------------------------------
    "app.tagline": {
        "it": "Migrazione e sviluppo: le associazioni della diaspora come ponti tra l'Italia "
        "e i territori di origine",
        "en": "Migration and development: diaspora associations as bridges between Italy "
        "and their territories of origin",
    },
    "lang.label": {"it": "Lingua", "en": "Language"},
    # Each language's name in itself, whatever the current language.
    "lang.it": {"it": "Italiano", "en": "Italiano"},
    "lang.en": {"it": "English", "en": "English"},
    "nav.overview": {"it": "Panoramica", "en": "Overview"},
    "demo.notice": {
        "it": "Dati dimostrativi: i dati mostrati sono illustrativi e non descrivono "
        "associazioni o progetti reali.",
        "en": "Illustrative data: the figures shown are a demo and do not describe real "
        "associations or projects.",
    },
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
    "filters.municipality": {"it": "Comune", "en": "Municipality"},
    "filters.municipality.help": {
        "it": "Comuni italiani con associazioni, progetti o gemellaggi: scrivi per cercare.",
        "en": "Italian municipalities with associations, projects or twinnings: type to search.",
    },
    "filters.municipality.residents": {
        "it": "Residenti stranieri: ISTAT li pubblica per provincia, quindi per un comune si "
        "mostrano quelli della sua provincia.",
        "en": "Foreign residents: ISTAT publishes them by province, so for a municipality "
        "those of its province are shown.",
    },
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
    "metric.sdgs.value": {"it": "{covered} su 17", "en": "{covered} of 17"},
    "counting.rule": {
        "it": "Ogni associazione conta una volta, nel comune in cui ha sede; un'associazione "
        "con più origini conta per ciascuna, e con un filtro sull'origine contano solo le "
        "origini scelte.",
        "en": "Each association counts once, in the municipality where it is based; one with "
        "several origins counts for each of them, and with an origin filter only the chosen "
        "origins count.",
    },
    "overview.map.title": {
        "it": "Dove sono le associazioni",
        "en": "Where associations are",
    },
    "overview.map.hint": {
        "it": "Clicca su un cerchio per aprire il profilo di quel comune.",
        "en": "Click a circle to open that municipality's profile.",
    },
    "overview.map.caption": {
        "it": "Ogni cerchio è un comune italiano; l'area è proporzionale al numero di "
        "associazioni.",
        "en": "Each circle is an Italian municipality; its area is proportional to the "
        "number of associations.",
    },
    "overview.map.summary.one": {
        "it": "{n} comune con associazioni: {top}.",
        "en": "{n} municipality with associations: {top}.",
    },
    "overview.map.summary.other": {
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
    "table.more.one": {"it": "… e {n} altro", "en": "… and {n} more"},
    "table.more.other": {"it": "… e altri {n}", "en": "… and {n} more"},
    "filters.placeholder": {"it": "Tutti", "en": "All"},
    "tooltip.municipality.one": {
        "it": "{name}: {n} associazione",
        "en": "{name}: {n} association",
    },
    "tooltip.municipality.other": {
        "it": "{name}: {n} associazioni",
        "en": "{name}: {n} associations",
    },
    # -- empty charts ------------------------------------------------------------------
    "chart.empty": {"it": "Nessun dato per questi filtri.", "en": "No data for these filters."},
    # -- counts: "{n} <thing>" in the right number, for sentences about several counts ---
    "count.associations.one": {"it": "{n} associazione", "en": "{n} association"},
    "count.associations.other": {"it": "{n} associazioni", "en": "{n} associations"},
    "count.projects.one": {"it": "{n} progetto", "en": "{n} project"},
    "count.projects.other": {"it": "{n} progetti", "en": "{n} projects"},
    "count.twinnings.one": {"it": "{n} gemellaggio", "en": "{n} twinning"},
    "count.twinnings.other": {"it": "{n} gemellaggi", "en": "{n} twinnings"},
    "count.municipalities.one": {"it": "{n} comune italiano", "en": "{n} Italian municipality"},
    "count.municipalities.other": {
        "it": "{n} comuni italiani",
        "en": "{n} Italian municipalities",
    },
    "count.residents.one": {"it": "{n} residente", "en": "{n} resident"},
    "count.residents.other": {"it": "{n} residenti", "en": "{n} residents"},
    "count.foreign_residents.one": {
        "it": "{n} residente straniero",
        "en": "{n} foreign resident",
    },
    "count.foreign_residents.other": {
        "it": "{n} residenti stranieri",
        "en": "{n} foreign residents",
    },
}
