"""Strings of the Associations directory ("associations.") and of one association's profile
("association."): its facts, projects, partners, twinnings, funding leads and open calls."""

from __future__ import annotations

from typing import Final

STRINGS: Final[dict[str, dict[str, str]]] = {
    # -- the directory ---------------------------------------------------------------------
    "nav.associations": {"it": "Associazioni", "en": "Associations"},
    "associations.title": {"it": "Associazioni", "en": "Associations"},
    "associations.intro": {
        "it": "Le associazioni della diaspora: cerca per nome o sigla, restringi per temi, reti "
        "e guida, apri il profilo di un'associazione dal suo nome. Si applicano anche i filtri "
        "condivisi della barra laterale.",
        "en": "The diaspora associations: search by name or acronym, narrow by themes, networks "
        "and leadership, open an association's profile from its name. The shared filters of "
        "the sidebar apply too.",
    },
    "associations.search": {"it": "Cerca per nome o sigla", "en": "Search by name or acronym"},
    "associations.search.placeholder": {
        "it": "ad es. senegal ravenna",
        "en": "e.g. senegal ravenna",
    },
    "associations.search.help": {
        "it": "Maiuscole e accenti non contano; bastano parti di parola. Ogni parola cercata "
        "deve comparire nel nome o nella sigla.",
        "en": "Case and accents don't matter; parts of words are enough. Every word searched "
        "for must appear in the name or the acronym.",
    },
    "associations.themes": {"it": "Temi", "en": "Themes"},
    "associations.networks": {"it": "Reti", "en": "Networks"},
    "associations.choices.placeholder": {"it": "Tutti", "en": "All"},
    "associations.women_led": {"it": "Guidate da donne", "en": "Women-led"},
    "associations.youth_led": {"it": "Guidate da giovani", "en": "Youth-led"},
    "associations.count.one": {
        "it": "{n} associazione su {total}",
        "en": "{n} association of {total}",
    },
    "associations.count.other": {
        "it": "{n} associazioni su {total}",
        "en": "{n} associations of {total}",
    },
    "associations.none": {
        "it": "Nessuna associazione corrisponde. Per allargare la ricerca usa meno parole o "
        "parti di parola più brevi, togli un tema, una rete o la guida scelti qui sopra, "
        "oppure togli dei filtri condivisi nella barra laterale.",
        "en": "No association matches. To widen the search use fewer words or shorter parts "
        "of words, drop a theme, a network or the leadership chosen above, or remove some "
        "shared filters in the sidebar.",
    },
    "associations.table": {"it": "Le associazioni", "en": "The associations"},
    "associations.table.note": {
        "it": "Progetti: quelli guidati o come partner, entro i filtri condivisi; EUR concessi "
        "ai progetti di cui l'associazione è capofila. Clicca un nome per il profilo, "
        "un'intestazione per ordinare.",
        "en": "Projects: those led or partnered, within the shared filters; EUR granted to "
        "the projects the association leads. Click a name for the profile, a heading to sort.",
    },
    "associations.network.summit": {
        "it": "Partecipante al Summit nazionale delle diaspore",
        "en": "National Diaspora Summit participant",
    },
    "associations.network.forum": {"it": "Membro del Forum", "en": "Forum member"},
    "associations.network.coordinamento_regionale": {
        "it": "Coordinamento regionale",
        "en": "Regional coordination",
    },
    # -- the profile -----------------------------------------------------------------------------
    "nav.association": {"it": "Associazione", "en": "Association"},
    "association.title": {"it": "Associazione", "en": "Association"},
    "association.title.name": {"it": "Associazione: {name}", "en": "Association: {name}"},
    "association.intro": {
        "it": "Il profilo di un'associazione della diaspora: chi è, da dove viene, i suoi "
        "progetti e partner, i gemellaggi del suo comune, i finanziatori di lavori come il suo "
        "e i bandi aperti adatti. Usa tutti i dati dell'associazione: i filtri condivisi non si "
        "applicano. I recapiti non sono mai mostrati.",
        "en": "The profile of a diaspora association: who they are, where they come from, "
        "their projects and partners, their municipality's twinnings, the funders of work "
        "like theirs and the open calls that fit. It uses all the association's data: the "
        "shared filters do not apply. Contact details are never shown.",
    },
    "association.choose": {"it": "Associazione", "en": "Association"},
    "association.unknown": {
        "it": "Nessuna associazione ha l'identificativo {id}. Scegline una dall'elenco.",
        "en": "No association has the id {id}. Choose one from the list.",
    },
    "association.empty": {
        "it": "Nessuna associazione in questi dati.",
        "en": "No association in these data.",
    },
    "association.to_directory": {
        "it": "Tutte le associazioni",
        "en": "All the associations",
    },
    # who they are
    "association.who.title": {"it": "Chi è", "en": "Who they are"},
    "association.fact.acronym": {"it": "Sigla", "en": "Acronym"},
    "association.fact.founded": {"it": "Fondata nel", "en": "Founded in"},
    "association.fact.legal_form": {"it": "Forma giuridica", "en": "Legal form"},
    "association.fact.members": {"it": "Soci", "en": "Members"},
    "association.fact.women_led": {"it": "Guidata da donne", "en": "Women-led"},
    "association.fact.youth_led": {"it": "Guidata da giovani", "en": "Youth-led"},
    "association.fact.networks": {"it": "Reti", "en": "Networks"},
    "association.fact.no_network": {"it": "nessuna", "en": "none"},
    "association.yes": {"it": "sì", "en": "yes"},
    "association.no": {"it": "no", "en": "no"},
    "association.website": {"it": "Sito web: {host}", "en": "Website: {host}"},
    # where from, where based
    "association.origins.title": {
        "it": "Paesi e territori di origine",
        "en": "Origin countries and territories",
    },
    "association.origins.elsewhere": {"it": "Altri territori", "en": "Other territories"},
    "association.place.title": {"it": "Dove ha sede", "en": "Where it is based"},
    "association.place": {
        "it": "{name}, provincia di {province}, {region}",
        "en": "{name}, province of {province}, {region}",
    },
    "association.map.alt": {
        "it": "Mappa dell'Italia con il comune dove ha sede l'associazione",
        "en": "Map of Italy with the municipality where the association is based",
    },
    # goals and themes
    "association.goals.title": {"it": "Obiettivi e temi", "en": "Goals and themes"},
    "association.goals.label": {"it": "Obiettivi (SDG)", "en": "Goals (SDGs)"},
    "association.themes.label": {"it": "Temi", "en": "Themes"},
    "association.goals.none": {"it": "nessuno dichiarato", "en": "none declared"},
    # projects
    "association.projects.title": {"it": "I suoi progetti", "en": "Their projects"},
    "association.projects.none": {
        "it": "Nessun progetto guidato o come partner.",
        "en": "No project led or partnered.",
    },
    "association.projects.table": {"it": "Tutti i suoi progetti", "en": "All their projects"},
    "association.count.led.one": {"it": "{n} progetto da capofila", "en": "{n} project led"},
    "association.count.led.other": {"it": "{n} progetti da capofila", "en": "{n} projects led"},
    "association.count.partnered.one": {
        "it": "{n} progetto come partner",
        "en": "{n} project as partner",
    },
    "association.count.partnered.other": {
        "it": "{n} progetti come partner",
        "en": "{n} projects as partner",
    },
    "association.granted": {
        "it": "{eur} concessi ai progetti da capofila",
        "en": "{eur} granted to the projects it leads",
    },
    "association.role.lead": {"it": "Capofila", "en": "Lead"},
    "association.role.partner": {"it": "Partner", "en": "Partner"},
    # partners
    "association.partners.title": {"it": "Le associazioni partner", "en": "Partner associations"},
    "association.partners.intro": {
        "it": "Le associazioni con cui condivide progetti (da capofila o da partner), con il "
        "numero di progetti in comune. Clicca un nome per il suo profilo.",
        "en": "The associations it shares projects with (as lead or partner), with the number "
        "of shared projects. Click a name for its profile.",
    },
    "association.partners.none": {
        "it": "Nessun progetto condiviso con altre associazioni.",
        "en": "No project shared with other associations.",
    },
    # twinnings
    "association.twinnings.title": {
        "it": "Gemellaggi con le terre di origine",
        "en": "Twinnings with the places of origin",
    },
    "association.twinnings.intro": {
        "it": "Gli accordi tra il comune dove ha sede ({name}) e i suoi paesi o territori di "
        "origine.",
        "en": "The agreements between the municipality where it is based ({name}) and its "
        "origin countries or territories.",
    },
    "association.twinnings.none": {
        "it": "Nessun accordo tra il suo comune e i suoi paesi di origine.",
        "en": "No agreement between its municipality and its origin countries.",
    },
    # funding leads
    "association.leads.title": {
        "it": "Chi finanzia lavori come il suo",
        "en": "Who funds work like theirs",
    },
    "association.leads.intro": {
        "it": "Finanziatori e programmi che hanno finanziato (approvato, avviato o concluso) "
        "progetti simili ai suoi: progetti che condividono almeno un obiettivo, un tema o un "
        "paese. Prima quelli con un progetto che condivide più cose, poi quelli con più "
        "progetti. Tasso di successo e giorni alla decisione riguardano i progetti simili "
        "su cui il finanziatore ha deciso. Non sono elencati i fondi privati (raccolte tra i "
        "soci, donazioni, crowdfunding, prestiti), a cui non si presenta una domanda.",
        "en": "Funders and programmes that funded (approved, started or completed) projects "
        "like theirs: projects sharing at least one goal, theme or country. First those with "
        "a project sharing more, then those with more projects. Success rate and days to a "
        "decision are those of the similar projects the funder decided on. Private money "
        "(members' fundraising, donations, crowdfunding, loans), which no one applies to, is "
        "not listed.",
    },
    "association.leads.interests": {
        "it": "Obiettivi: {goals}. Temi: {themes}. Paesi (di origine e dei suoi progetti): "
        "{countries}.",
        "en": "Goals: {goals}. Themes: {themes}. Countries (of origin and of its projects): "
        "{countries}.",
    },
    "association.leads.none": {
        "it": "Nessun progetto finanziato simile ai suoi in questi dati.",
        "en": "No funded project like theirs in these data.",
    },
    "association.leads.table": {"it": "Tutti i finanziatori", "en": "All the funders"},
    "association.leads.own": {
        "it": "Ha già finanziato questa associazione",
        "en": "Has funded this association",
    },
    "association.programme.none": {"it": "programma non indicato", "en": "programme not given"},
    "association.why.country.one": {
        "it": "{n} progetto in {country}",
        "en": "{n} project in {country}",
    },
    "association.why.country.other": {
        "it": "{n} progetti in {country}",
        "en": "{n} projects in {country}",
    },
    "association.why.goal.one": {
        "it": "{n} progetto sull'SDG {goal} ({name})",
        "en": "{n} project on SDG {goal} ({name})",
    },
    "association.why.goal.other": {
        "it": "{n} progetti sull'SDG {goal} ({name})",
        "en": "{n} projects on SDG {goal} ({name})",
    },
    "association.why.theme.one": {
        "it": "{n} progetto sul tema {theme}",
        "en": "{n} project on {theme}",
    },
    "association.why.theme.other": {
        "it": "{n} progetti sul tema {theme}",
        "en": "{n} projects on {theme}",
    },
    "association.lead.projects.one": {
        "it": "{n} progetto simile finanziato",
        "en": "{n} similar project funded",
    },
    "association.lead.projects.other": {
        "it": "{n} progetti simili finanziati",
        "en": "{n} similar projects funded",
    },
    "association.lead.success.one": {
        "it": "successo {rate} su {n} decisione",
        "en": "{rate} success in {n} decision",
    },
    "association.lead.success.other": {
        "it": "successo {rate} su {n} decisioni",
        "en": "{rate} success in {n} decisions",
    },
    "association.lead.few_decisions.one": {
        "it": "{n} sola decisione: troppo poche per un tasso di successo",
        "en": "only {n} decision: too few for a success rate",
    },
    "association.lead.few_decisions.other": {
        "it": "{n} decisioni: troppo poche per un tasso di successo",
        "en": "only {n} decisions: too few for a success rate",
    },
    "association.lead.grant": {
        "it": "contributo mediano {eur}",
        "en": "median grant {eur}",
    },
    "association.lead.days.one": {
        "it": "decisione in {n} giorno (mediana)",
        "en": "decision in {n} day (median)",
    },
    "association.lead.days.other": {
        "it": "decisione in {n} giorni (mediana)",
        "en": "decision in {n} days (median)",
    },
    # open calls
    "association.calls.title": {"it": "Bandi aperti adatti", "en": "Open calls that fit"},
    "association.calls.intro": {
        "it": "Bandi aperti oggi a cui l'associazione può partecipare (come associazione, o "
        "come membro di una rete quando il bando è aperto alle reti) e che condividono con "
        "lei un paese di origine, un tema o un obiettivo. I bandi riservati ad altri paesi "
        "sono esclusi; quelli aperti a tutti i paesi restano se condividono un tema o un "
        "obiettivo.",
        "en": "Calls open today that the association may answer (as an association, or as a "
        "network member when the call admits networks) and that share an origin country, a "
        "theme or a goal with it. Calls reserved to other countries are left out; those open "
        "to every country stay when they share a theme or a goal.",
    },
    "association.calls.none": {
        "it": "Nessun bando aperto oggi è adatto a questa associazione.",
        "en": "No call open today fits this association.",
    },
    "association.calls.table": {"it": "Tutti i bandi adatti", "en": "All the calls that fit"},
    "association.call.open": {"it": "Apri il bando", "en": "Open the call"},
    "association.call.network": {
        "it": "Aperto alle reti: l'associazione ne fa parte.",
        "en": "Open to networks: the association belongs to one.",
    },
    "association.call.deadline": {"it": "Scadenza: {deadline}", "en": "Deadline: {deadline}"},
    "association.call.cofinancing": {
        "it": "cofinanziamento richiesto {share}",
        "en": "co-financing required {share}",
    },
    "association.call.no_cofinancing": {
        "it": "nessun cofinanziamento richiesto",
        "en": "no co-financing required",
    },
    "association.call.rolling": {
        "it": "a sportello, fino a esaurimento",
        "en": "rolling, until further notice",
    },
    "association.call.today": {"it": "chiude oggi ({date})", "en": "closes today ({date})"},
    "association.call.days_left.one": {
        "it": "{n} giorno rimasto ({date})",
        "en": "{n} day left ({date})",
    },
    "association.call.days_left.other": {
        "it": "{n} giorni rimasti ({date})",
        "en": "{n} days left ({date})",
    },
    "association.call.grant.range": {
        "it": "contributo da {low} a {high}",
        "en": "grant from {low} to {high}",
    },
    "association.call.grant.up_to": {"it": "contributo fino a {high}", "en": "grant up to {high}"},
    "association.call.grant.from": {"it": "contributo da {low}", "en": "grant from {low}"},
    "association.call.why.countries": {
        "it": "aperto a {countries}",
        "en": "open to {countries}",
    },
    "association.call.why.themes": {
        "it": "temi in comune: {themes}",
        "en": "shared themes: {themes}",
    },
    "association.call.why.goals": {
        "it": "SDG in comune: {goals}",
        "en": "shared SDGs: {goals}",
    },
}
