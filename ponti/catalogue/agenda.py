"""Strings of the Agenda 2030 page (key -> {"it": ..., "en": ...})."""

from __future__ import annotations

from typing import Final

STRINGS: Final[dict[str, dict[str, str]]] = {
    "nav.agenda": {"it": "Agenda 2030", "en": "Agenda 2030"},
    "agenda.title": {"it": "Agenda 2030", "en": "Agenda 2030"},
    "agenda.intro": {
        "it": "Gli obiettivi di sviluppo sostenibile (SDG) su cui lavorano le associazioni della "
        "diaspora e i loro progetti, con i filtri attuali.",
        "en": "The Sustainable Development Goals (SDGs) that diaspora associations and their "
        "projects work on, under the current filters.",
    },
    "agenda.empty": {
        "it": "Nessun progetto e nessuna associazione con questi filtri.",
        "en": "No project and no association match these filters.",
    },
    # -- measures and axes ------------------------------------------------------------
    "agenda.measure": {"it": "Misura", "en": "Measure"},
    "agenda.measure.projects": {"it": "Progetti", "en": "Projects"},
    "agenda.measure.granted": {"it": "EUR concessi", "en": "EUR granted"},
    "agenda.measure.requested": {"it": "EUR richiesti", "en": "EUR requested"},
    "agenda.measure.thousands": {"it": "{measure} (migliaia)", "en": "{measure} (thousands)"},
    "agenda.axis.goal": {"it": "Obiettivo (SDG)", "en": "Goal (SDG)"},
    "agenda.axis.target": {"it": "Traguardo", "en": "Target"},
    "agenda.unknown_place": {"it": "Non indicato", "en": "Not given"},
    # -- grid -------------------------------------------------------------------------
    "agenda.grid.title": {"it": "I 17 obiettivi", "en": "The 17 goals"},
    "agenda.grid.caption": {
        "it": "Ogni riquadro è un obiettivo, nei colori ufficiali ONU: progetti, associazioni che "
        "lo dichiarano ed EUR concessi. Un progetto conta per ciascuno dei suoi obiettivi, con "
        "l'intero importo: la somma tra obiettivi supera il numero dei progetti ({projects}, "
        "{pairs}). In chiaro gli obiettivi senza progetti.",
        "en": "Each tile is a goal, in the official UN colours: projects, associations that "
        "declare it and EUR granted. A project counts for each of its goals, with its whole "
        "amount: totals across goals exceed the number of projects ({projects}, {pairs}). "
        "Faded tiles are goals without projects.",
    },
    "agenda.grid.summary": {
        "it": "Obiettivi con più progetti: {top}. Obiettivi senza progetti: {none}.",
        "en": "Goals with most projects: {top}. Goals without projects: {none}.",
    },
    "agenda.count.pairs.one": {
        "it": "{n} coppia progetto-obiettivo",
        "en": "{n} project-goal pair",
    },
    "agenda.count.pairs.other": {
        "it": "{n} coppie progetto-obiettivo",
        "en": "{n} project-goal pairs",
    },
    "agenda.tile.granted": {"it": "Concessi: {amount}", "en": "Granted: {amount}"},
    "agenda.tile.requested": {"it": "Richiesti: {amount}", "en": "Requested: {amount}"},
    # -- drill-down ---------------------------------------------------------------------
    "agenda.goal.choose": {"it": "Approfondisci un obiettivo", "en": "Look into a goal"},
    "agenda.goal.placeholder": {"it": "Scegli un obiettivo", "en": "Choose a goal"},
    "agenda.goal.help": {
        "it": "Mostra i traguardi e i progetti dell'obiettivo scelto.",
        "en": "Shows the targets and projects of the chosen goal.",
    },
    "agenda.goal.title": {"it": "SDG {goal} · {name}", "en": "SDG {goal} · {name}"},
    "agenda.goal.figures": {
        "it": "{projects} · {associations} · {granted} concessi",
        "en": "{projects} · {associations} · {granted} granted",
    },
    "agenda.targets.title": {"it": "Progetti per traguardo", "en": "Projects by target"},
    "agenda.targets.image": {
        "it": "SDG {goal} · {name}: progetti per traguardo",
        "en": "SDG {goal} · {name}: projects by target",
    },
    "agenda.targets.caption": {
        "it": "Progetti che indicano ciascun traguardo ufficiale dell'obiettivo {goal}; {without}.",
        "en": "Projects naming each official target of goal {goal}; {without}.",
    },
    "agenda.count.without_target.one": {
        "it": "{n} progetto dell'obiettivo non indica traguardi",
        "en": "{n} project of the goal names no target",
    },
    "agenda.count.without_target.other": {
        "it": "{n} progetti dell'obiettivo non indicano traguardi",
        "en": "{n} projects of the goal name no target",
    },
    "agenda.targets.none": {
        "it": "I progetti di questo obiettivo non indicano traguardi.",
        "en": "The projects of this goal name no targets.",
    },
    "agenda.projects.title": {"it": "Progetti dell'obiettivo", "en": "Projects of the goal"},
    "agenda.projects.table": {
        "it": "Elenco dei progetti (tabella e CSV)",
        "en": "List of projects (table and CSV)",
    },
    "agenda.projects.none": {
        "it": "Nessun progetto su questo obiettivo con i filtri attuali.",
        "en": "No project on this goal under the current filters.",
    },
    # -- heatmaps ----------------------------------------------------------------------
    "agenda.heatmap.title": {"it": "Obiettivi per luogo", "en": "Goals by place"},
    "agenda.heatmap.image": {
        "it": "Obiettivi per luogo: {measure} per obiettivo e {dimension}",
        "en": "Goals by place: {measure} by goal and {dimension}",
    },
    "agenda.heatmap.country": {
        "it": "Paese di destinazione",
        "en": "Destination country",
    },
    "agenda.heatmap.region": {"it": "Regione italiana", "en": "Italian region"},
    "agenda.heatmap.order": {"it": "Ordina le righe", "en": "Sort rows"},
    "agenda.order.total": {"it": "Per totale", "en": "By total"},
    "agenda.order.pattern": {"it": "Per obiettivo prevalente", "en": "By main goal"},
    "agenda.heatmap.order.help": {
        "it": "Per totale: prima i luoghi con più progetti. Per obiettivo prevalente: i luoghi "
        "raggruppati secondo l'obiettivo su cui pesano di più, così le specializzazioni "
        "risaltano.",
        "en": "By total: places with most projects first. By main goal: places grouped by the "
        "goal that weighs most for them, so that specialisations stand out.",
    },
    "agenda.heatmap.caption": {
        "it": "{measure} per obiettivo (colonne, 1-17) e {dimension} (righe, {rows} in tutto), "
        "con la stessa regola dei riquadri: la somma di ogni colonna è il totale "
        "dell'obiettivo. Più scuro = di più.",
        "en": "{measure} by goal (columns, 1-17) and {dimension} (rows, {rows} in all), with the "
        "same rule as the tiles: each column adds up to the goal's total. Darker = more.",
    },
    "agenda.heatmap.summary": {
        "it": "Celle più alte: {top}.",
        "en": "Highest cells: {top}.",
    },
    "agenda.heatmap.empty": {
        "it": "Nessun progetto da mostrare con questi filtri.",
        "en": "No project to show under these filters.",
    },
    # -- gap finder ----------------------------------------------------------------------
    "agenda.gaps.title": {"it": "Dove mancano progetti", "en": "Where projects are missing"},
    "agenda.gaps.intro": {
        "it": "Coppie (comunità o territorio, obiettivo) in cui una comunità è presente, con "
        "associazioni o residenti, ma nessun progetto copre l'obiettivo. Prima le coppie con "
        "più associazioni che dichiarano l'obiettivo, poi con più associazioni e residenti.",
        "en": "Pairs (community or territory, goal) where a community is present, with "
        "associations or residents, but no project covers the goal. Pairs with most "
        "associations declaring the goal come first, then most associations and residents.",
    },
    "agenda.gaps.basis": {"it": "Obiettivi considerati", "en": "Goals considered"},
    "agenda.basis.declared": {
        "it": "Dichiarati dalle associazioni",
        "en": "Declared by associations",
    },
    "agenda.basis.all": {"it": "Tutti i 17", "en": "All 17"},
    "agenda.gaps.basis.help": {
        "it": "Dichiarati: solo gli obiettivi su cui le associazioni di quella comunità o "
        "territorio dicono di lavorare (lacune su cui esiste già una capacità). Tutti: ogni "
        "obiettivo, anche per comunità presenti solo con i residenti "
        "(almeno {residents}).",
        "en": "Declared: only the goals that the associations of that community or territory "
        "say they work on (gaps where capacity already exists). All: every goal, also for "
        "communities present only through residents (at least {residents}).",
    },
    "agenda.gaps.funded": {
        "it": "Conta solo progetti finanziati",
        "en": "Count funded projects only",
    },
    "agenda.gaps.funded.help": {
        "it": "Se attivo, un obiettivo è coperto solo da progetti approvati, in corso o conclusi.",
        "en": "When on, a goal is covered only by approved, in-progress or completed projects.",
    },
    "agenda.gaps.countries": {"it": "Comunità (paese di origine)", "en": "Communities (origin)"},
    "agenda.gaps.regions": {"it": "Territori italiani (regione)", "en": "Italian regions"},
    "agenda.gaps.caption.country": {
        "it": "{pairs}. Associazioni: della comunità nella vista; residenti: cittadini di quel "
        "paese residenti in Italia nel {year}; progetti: progetti della vista con destinazione "
        "quel paese (su altri obiettivi).",
        "en": "{pairs}. Associations: the community's associations in the view; residents: "
        "citizens of that country living in Italy in {year}; projects: projects of the view "
        "with that destination (on other goals).",
    },
    "agenda.gaps.caption.region": {
        "it": "{pairs}. Associazioni: con sede nella regione; residenti: residenti stranieri "
        "della vista nella regione nel {year}; progetti: progetti della vista con sede nella "
        "regione (su altri obiettivi).",
        "en": "{pairs}. Associations: based in the region; residents: foreign residents of the "
        "view in the region in {year}; projects: projects of the view based in the region (on "
        "other goals).",
    },
    "agenda.gaps.table": {
        "it": "Coppie senza progetti, con le evidenze (tabella e CSV)",
        "en": "Pairs without projects, with the evidence (table and CSV)",
    },
    "agenda.gaps.none": {
        "it": "Nessuna lacuna: ogni obiettivo dichiarato ha almeno un progetto.",
        "en": "No gaps: every declared goal has at least one project.",
    },
    "agenda.gaps.scope": {
        "it": "Solo gli obiettivi scelti nei filtri: {goals}.",
        "en": "Only the goals chosen in the filters: {goals}.",
    },
    # -- trend -----------------------------------------------------------------------------
    "agenda.trend.title": {"it": "Obiettivi nel tempo", "en": "Goals over time"},
    "agenda.trend.image": {
        "it": "Obiettivi nel tempo: {measure} per obiettivo e anno",
        "en": "Goals over time: {measure} by goal and year",
    },
    "agenda.trend.caption": {
        "it": "{measure} per obiettivo e anno (anno di avvio, o di presentazione se non ancora "
        "avviato), un riquadro per obiettivo con assi comuni.",
        "en": "{measure} by goal and year (start year, or submission year if not started yet), "
        "one panel a goal with shared axes.",
    },
    "agenda.count.gap_pairs.one": {"it": "{n} coppia", "en": "{n} pair"},
    "agenda.count.gap_pairs.other": {"it": "{n} coppie", "en": "{n} pairs"},
    "agenda.trend.undated.one": {
        "it": "{n} progetto senza date non è nel grafico.",
        "en": "{n} project without dates is not in the chart.",
    },
    "agenda.trend.undated.other": {
        "it": "{n} progetti senza date non sono nel grafico.",
        "en": "{n} projects without dates are not in the chart.",
    },
    "agenda.trend.empty": {
        "it": "Nessun progetto datato con questi filtri.",
        "en": "No dated project under these filters.",
    },
}
