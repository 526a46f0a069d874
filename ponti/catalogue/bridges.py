"""Strings of the Bridges page (the map of links between Italian cities and origin places)."""

from __future__ import annotations

from typing import Final

STRINGS: Final[dict[str, dict[str, str]]] = {
    "nav.bridges": {"it": "Ponti", "en": "Bridges"},
    "bridges.title": {
        "it": "Ponti tra città e territori",
        "en": "Bridges between cities and territories",
    },
    "bridges.map.image": {
        "it": "Ponti tra città e territori: spessore per {measure}, colore per {dimension}",
        "en": "Bridges between cities and territories: width by {measure}, colour by {dimension}",
    },
    "bridges.intro": {
        "it": "I legami tra i comuni italiani e i territori di origine delle comunità: "
        "associazioni, progetti e gemellaggi.",
        "en": "The links between Italian municipalities and the communities' territories of "
        "origin: associations, projects and twinnings.",
    },
    # -- controls ----------------------------------------------------------------------
    "bridges.measure.label": {"it": "Spessore degli archi", "en": "Arc width"},
    "bridges.measure.associations": {"it": "Associazioni", "en": "Associations"},
    "bridges.measure.projects": {"it": "Progetti", "en": "Projects"},
    "bridges.measure.granted": {"it": "EUR concessi", "en": "EUR granted"},
    "bridges.dimension.label": {"it": "Colore degli archi", "en": "Arc colour"},
    "bridges.dimension.sdg": {"it": "SDG principale", "en": "Primary SDG"},
    "bridges.dimension.stage": {"it": "Fase", "en": "Stage"},
    "bridges.dimension.funder_type": {"it": "Tipo di finanziatore", "en": "Funder type"},
    "bridges.dimension.note": {
        "it": "Fase e tipo di finanziatore descrivono i progetti: gli archi delle associazioni "
        "sono colorati per SDG.",
        "en": "Stage and funder type describe projects: association arcs are coloured by SDG.",
    },
    "bridges.view.label": {"it": "Vista", "en": "View"},
    "bridges.view.world": {"it": "Mondo", "en": "World"},
    "bridges.view.italy": {"it": "Italia", "en": "Italy"},
    "bridges.layers.label": {"it": "Livelli", "en": "Layers"},
    "bridges.layer.links": {"it": "Archi", "en": "Arcs"},
    "bridges.layer.twinnings": {"it": "Gemellaggi", "en": "Twinnings"},
    "bridges.layer.associations": {"it": "Associazioni nei comuni", "en": "Associations by city"},
    "bridges.context.label": {"it": "Sfondo", "en": "Background"},
    "bridges.context.none": {"it": "Nessuno", "en": "None"},
    "bridges.context.residents": {"it": "Residenti stranieri", "en": "Foreign residents"},
    "bridges.context.density": {
        "it": "Associazioni ogni 100.000 residenti stranieri",
        "en": "Associations per 100,000 foreign residents",
    },
    "bridges.level.label": {"it": "Per", "en": "By"},
    "bridges.level.region": {"it": "Regioni", "en": "Regions"},
    "bridges.level.province": {"it": "Province", "en": "Provinces"},
    "bridges.help.title": {"it": "Come leggere la mappa", "en": "How to read the map"},
    "bridges.help": {
        "it": "**Archi.** Con *Associazioni* ogni arco va dal comune di un'associazione a "
        "ciascuno dei suoi territori di origine (o al paese, se il territorio non è noto al "
        "nostro elenco di località); un'associazione con più territori conta su ciascun arco. "
        "Con *Progetti* ed *EUR concessi* ogni arco va dal comune del progetto alla sua "
        "destinazione (territorio, altrimenti paese). Gli archi sono sommati per coppia "
        "comune–luogo: lo spessore segue la misura scelta, il colore il valore che pesa di "
        "più sull'arco.\n\n"
        "**Gemellaggi** (archi scuri e più bassi): dal comune alla città partner.\n\n"
        "**Punti**: associazioni per comune, area proporzionale al numero.\n\n"
        "**Sfondo**: residenti stranieri delle comunità scelte nei filtri (ultimo anno "
        "disponibile), o associazioni ogni 100.000 di quei residenti.\n\n"
        "**Selezione**: clicca un arco, un punto o un'area per vedere le associazioni, i "
        "progetti e i gemellaggi che ci sono dietro; il link della pagina conserva vista e "
        "selezione. Un arco di progetti mostra anche i gemellaggi del comune con lo stesso "
        "paese; un gemellaggio mostra anche associazioni e progetti del comune legati a quel "
        "paese.",
        "en": "**Arcs.** With *Associations* each arc goes from an association's municipality "
        "to each of its territories of origin (or to the country, when the territory is not "
        "in our list of places); an association with several territories counts on each arc. "
        "With *Projects* and *EUR granted* each arc goes from the project's municipality to "
        "its destination (territory, else country). Arcs are summed per municipality–place "
        "pair: width follows the chosen measure, colour the value that weighs most on the "
        "arc.\n\n"
        "**Twinnings** (dark, lower arcs): from the municipality to the partner city.\n\n"
        "**Points**: associations per municipality, area proportional to the count.\n\n"
        "**Background**: foreign residents of the communities chosen in the filters (latest "
        "year available), or associations per 100,000 of those residents.\n\n"
        "**Selection**: click an arc, a point or an area to see the associations, projects "
        "and twinnings behind it; the page's link keeps the view and the selection. A project "
        "arc also lists the municipality's twinnings with the same country; a twinning also "
        "lists the municipality's associations and projects linked to that country.",
    },
    "bridges.map.alt": {
        "it": "Mappa dei legami tra comuni italiani e territori di origine",
        "en": "Map of the links between Italian municipalities and territories of origin",
    },
    # -- values and tooltips ---------------------------------------------------------------
    "bridges.unspecified": {"it": "Non indicato", "en": "Not given"},
    "bridges.value.granted": {"it": "{amount} concessi", "en": "{amount} granted"},
    "bridges.tip.link": {
        "it": "{associations} · {projects} · {granted} concessi",
        "en": "{associations} · {projects} · {granted} granted",
    },
    "bridges.tip.colour.sdg": {"it": "SDG prevalente: {label}", "en": "Main SDG: {label}"},
    "bridges.tip.colour.stage": {"it": "Fase prevalente: {label}", "en": "Main stage: {label}"},
    "bridges.tip.colour.funder_type": {
        "it": "Finanziatore prevalente: {label}",
        "en": "Main funder type: {label}",
    },
    "bridges.tip.twinnings.one": {
        "it": "{n} gemellaggio: {partners}",
        "en": "{n} twinning: {partners}",
    },
    "bridges.tip.twinnings.other": {
        "it": "{n} gemellaggi: {partners}",
        "en": "{n} twinnings: {partners}",
    },
    "bridges.tip.point.one": {"it": "{name}: {n} associazione", "en": "{name}: {n} association"},
    "bridges.tip.point.other": {
        "it": "{name}: {n} associazioni",
        "en": "{name}: {n} associations",
    },
    "bridges.tip.no_residents": {
        "it": "Nessun residente straniero nei dati",
        "en": "No foreign residents in the data",
    },
    "bridges.tip.density.one": {
        "it": "{n} associazione ogni 100.000 residenti stranieri",
        "en": "{n} association per 100,000 foreign residents",
    },
    "bridges.tip.density.other": {
        "it": "{n} associazioni ogni 100.000 residenti stranieri",
        "en": "{n} associations per 100,000 foreign residents",
    },
    "bridges.tip.density_basis": {
        "it": "({associations}, {residents})",
        "en": "({associations}, {residents})",
    },
    # -- legend ---------------------------------------------------------------------------
    "bridges.legend.title": {"it": "Legenda", "en": "Legend"},
    "bridges.legend.colour.sdg": {
        "it": "Colore: SDG principale (prevalente sull'arco)",
        "en": "Colour: primary SDG (main one on the arc)",
    },
    "bridges.legend.colour.stage": {
        "it": "Colore: fase (prevalente sull'arco)",
        "en": "Colour: stage (main one on the arc)",
    },
    "bridges.legend.colour.funder_type": {
        "it": "Colore: tipo di finanziatore (prevalente sull'arco)",
        "en": "Colour: funder type (main one on the arc)",
    },
    "bridges.legend.width.associations": {
        "it": "Spessore: associazioni",
        "en": "Width: associations",
    },
    "bridges.legend.width.projects": {"it": "Spessore: progetti", "en": "Width: projects"},
    "bridges.legend.width.granted": {"it": "Spessore: EUR concessi", "en": "Width: EUR granted"},
    "bridges.legend.twinnings": {"it": "Gemellaggi", "en": "Twinnings"},
    "bridges.legend.twinning": {
        "it": "Arco scuro e basso: gemellaggio o patto",
        "en": "Dark, low arc: twinning or pact",
    },
    "bridges.legend.points": {
        "it": "Punti: associazioni per comune",
        "en": "Points: associations per municipality",
    },
    "bridges.legend.context.residents": {
        "it": "Sfondo: residenti stranieri",
        "en": "Background: foreign residents",
    },
    "bridges.legend.context.density": {
        "it": "Sfondo: associazioni ogni 100.000 residenti stranieri",
        "en": "Background: associations per 100,000 foreign residents",
    },
    "bridges.legend.no_data": {"it": "Nessun dato", "en": "No data"},
    "bridges.legend.range": {"it": "da {low} a {high}", "en": "{low} to {high}"},
    # -- text alternative -------------------------------------------------------------------
    "bridges.summary.title": {"it": "In sintesi", "en": "In short"},
    "bridges.phrase.associations": {"it": "numero di associazioni", "en": "number of associations"},
    "bridges.phrase.projects": {"it": "numero di progetti", "en": "number of projects"},
    "bridges.phrase.granted": {"it": "EUR concessi", "en": "EUR granted"},
    "bridges.phrase.sdg": {"it": "SDG principale", "en": "primary SDG"},
    "bridges.phrase.stage": {"it": "fase del progetto", "en": "project stage"},
    "bridges.phrase.funder_type": {"it": "tipo di finanziatore", "en": "funder type"},
    "bridges.phrase.region": {"it": "regione", "en": "region"},
    "bridges.phrase.province": {"it": "provincia", "en": "province"},
    "bridges.summary.no_links": {
        "it": "Nessun arco con questi filtri.",
        "en": "No arcs with these filters.",
    },
    "bridges.summary.links": {
        "it": "La mappa mostra {arcs} tra {municipalities} e {places}, con spessore per "
        "{measure} (in tutto {total}). I più grandi: {largest}.",
        "en": "The map shows {arcs} between {municipalities} and {places}, width by "
        "{measure} (in all {total}). The largest: {largest}.",
    },
    "bridges.count.arcs.one": {"it": "{n} arco", "en": "{n} arc"},
    "bridges.count.association_links.one": {
        "it": "{n} legame tra associazione e origine",
        "en": "{n} link between an association and an origin",
    },
    "bridges.count.association_links.other": {
        "it": "{n} legami tra associazione e origine",
        "en": "{n} links between an association and an origin",
    },
    "bridges.count.arcs.other": {"it": "{n} archi", "en": "{n} arcs"},
    "bridges.count.places.one": {"it": "{n} luogo di origine", "en": "{n} place of origin"},
    "bridges.count.places.other": {
        "it": "{n} luoghi di origine",
        "en": "{n} places of origin",
    },
    "bridges.summary.colour": {
        "it": "Colore per {dimension}; il valore più presente è {label}.",
        "en": "Colour by {dimension}; the most present value is {label}.",
    },
    "bridges.summary.twinnings": {
        "it": "{twinnings} su {arcs}.",
        "en": "{twinnings} on {arcs}.",
    },
    "bridges.summary.points": {
        "it": "{associations} in {municipalities}.",
        "en": "{associations} in {municipalities}.",
    },
    "bridges.summary.context.residents": {
        "it": "Sfondo: residenti stranieri per {level} ({year}); i più numerosi: {best}.",
        "en": "Background: foreign residents by {level} ({year}); the most: {best}.",
    },
    "bridges.summary.context.density": {
        "it": "Sfondo: associazioni ogni 100.000 residenti stranieri per {level} ({year}); "
        "i valori più alti: {best}.",
        "en": "Background: associations per 100,000 foreign residents by {level} ({year}); "
        "the highest: {best}.",
    },
    # -- detail panel --------------------------------------------------------------------
    "bridges.detail.hint": {
        "it": "Clicca un arco, un punto o un'area della mappa per vedere cosa c'è dietro.",
        "en": "Click an arc, a point or an area on the map to see what is behind it.",
    },
    "bridges.detail.title": {"it": "Selezione: {title}", "en": "Selection: {title}"},
    "bridges.detail.counts": {
        "it": "{associations} · {projects} · {twinnings}",
        "en": "{associations} · {projects} · {twinnings}",
    },
    "bridges.detail.empty": {
        "it": "Con i filtri attuali non c'è nulla dietro la selezione.",
        "en": "With the current filters there is nothing behind the selection.",
    },
    "bridges.detail.invalid": {
        "it": "La selezione nel link non è valida ed è stata ignorata.",
        "en": "The selection in the link is not valid and was ignored.",
    },
    "bridges.detail.clear": {"it": "Chiudi selezione", "en": "Clear selection"},
    "bridges.detail.associations": {"it": "Associazioni", "en": "Associations"},
    "bridges.detail.projects": {"it": "Progetti", "en": "Projects"},
    "bridges.detail.twinnings": {"it": "Gemellaggi", "en": "Twinnings"},
    # -- table alternative -----------------------------------------------------------------
    "bridges.table.title": {"it": "Dati della mappa come tabella", "en": "Map data as a table"},
    "bridges.kind.link": {"it": "Arco", "en": "Arc"},
    "bridges.kind.twinning": {"it": "Gemellaggio", "en": "Twinning"},
    "bridges.kind.point": {"it": "Associazioni nel comune", "en": "Associations in city"},
    "bridges.kind.area": {"it": "Area", "en": "Area"},
}
