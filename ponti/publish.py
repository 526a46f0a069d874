"""A static copy of the public views, for partner websites with heavy traffic:
``python -m ponti publish OUTDIR``.

Writes the embedded views (``ponti.embed``: the same titles, figures, charts, maps, summaries
and links) of the current version, in Italian and English, for a chosen list of addresses, as
a self-contained folder any web server or CDN can host: one HTML page per view and language,
the data each page draws as JSON beside it, and the JavaScript libraries taken from the
installed package (plotly.js from plotly; maps are plotly figures drawn in SVG), nothing
fetched from the internet. Each page carries the dataset version and date, the demo label when it is
the demo, the attribution, and sends its height to a hosting page (``ponti:height``) as the
live embedded views do. Made from the public tables only (``privacy.public_tables``): no
personal data can be in it.

The folder is written beside OUTDIR and then put in its place, so a web server serving OUTDIR
never shows half a publish; a folder that is not a Ponti publish is never replaced.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Final
from urllib.parse import parse_qs, urlencode

import plotly
import plotly.io as pio

from ponti import embed, i18n, privacy
from ponti import filters as flt
from ponti import provenance as sources
from ponti.i18n import Lang, t
from ponti.store import VersionInfo, VersionStore
from ponti.transforms import Dataset, apply_filters
from ponti.transforms import twinnings as twinnings_tf

MANIFEST: Final = "ponti-publish.json"
ASSETS: Final = "assets"
PLOTLY_JS: Final = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
# What a publish holds unless told otherwise: every view that needs no subject, unfiltered.
DEFAULT_ADDRESSES: Final[tuple[str, ...]] = (
    "view=map",
    "view=sdg",
    "view=funding",
    "view=twinnings",
)
LANGS: Final[tuple[Lang, ...]] = ("it", "en")

CSS: Final = """
body { margin: 0; font-family: "Source Sans Pro", "DejaVu Sans", Arial, sans-serif;
  color: #262730; background: #fff; }
main { padding: 0.75rem 1rem 1rem; }
h1 { font-size: 1.45rem; line-height: 1.25; margin: 0 0 0.4rem; }
h2 { font-size: 1.1rem; margin: 0.8rem 0 0.4rem; }
.caption, .notes p, footer p { color: #6b6f7b; font-size: 0.85rem; margin: 0.2rem 0; }
.demo { background: #e8f0fe; border-radius: 0.5rem; padding: 0.5rem 0.75rem; margin: 0.4rem 0; }
.figures { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.5rem 0; }
.figure { flex: 1 1 0; min-width: 0; border: 1px solid #d6d6d9; border-radius: 0.5rem;
  padding: 0.4rem 0.6rem; }
.figure .label { font-size: 0.85rem; overflow-wrap: anywhere; }
.figure .value { font-size: 1.45rem; font-weight: 600; }
@media (max-width: 699px) { .figure { flex-basis: calc(50% - 0.5rem); }
  .figure .value { font-size: 1.25rem; } }
.view { display: flex; flex-wrap: wrap; gap: 1rem; }
.map { position: relative; flex: 3 1 300px; height: 420px; }
.legend { flex: 1 1 160px; font-size: 0.85rem; }
.chart { width: 100%; min-height: 360px; }
.card { border: 1px solid #d6d6d9; border-radius: 0.5rem; padding: 0.5rem 0.75rem;
  margin: 0.4rem 0; }
a.open { display: inline-block; margin: 0.6rem 0; padding: 0.35rem 0.75rem;
  border: 1px solid #d6d6d9; border-radius: 0.5rem; color: inherit; text-decoration: none; }
"""
# The height of the page, to a hosting page that listens (as the live embedded views do).
HEIGHT_JS: Final = """(function () {
  if (window.parent === window) return;
  var last = 0;
  function send() {
    var height = Math.ceil(document.querySelector("main").getBoundingClientRect().bottom
      + window.scrollY);
    if (Math.abs(height - last) < 2) return;
    last = height;
    window.parent.postMessage({type: "MESSAGE", height: height}, "*");
  }
  new ResizeObserver(send).observe(document.querySelector("main"));
  send();
})();""".replace("MESSAGE", embed.HEIGHT_MESSAGE)
# Draws the page's chart or map from its JSON (fetched beside the page).
DRAW_JS: Final = """fetch(document.body.dataset.data).then(function (r) { return r.json(); })
.then(function (d) {
  if (d.chart) {
    var config = d.map
      ? {displaylogo: false, scrollZoom: false, responsive: true,
         modeBarButtons: [["zoomIn2d", "zoomOut2d", "resetScale2d"]]}
      : {displaylogo: false, displayModeBar: false, responsive: true};
    Plotly.newPlot("chart", d.chart.data, d.chart.layout, config);
  }
});"""


class PublishError(RuntimeError):
    """The publish cannot be made (nothing is written): the message says why, in words."""


@dataclass(frozen=True)
class PublishedPage:
    """One page of the static site: its address within the site, view, language and bytes."""

    path: str
    view: str
    lang: Lang
    html_bytes: int
    data_bytes: int
    problem: str = ""


def _slug(params: dict[str, list[str]]) -> str:
    """``map``, ``map-origin-SEN``, ``city-code-035033``: the view, then its other parameters,
    as a file name."""
    view = params.get("view", ["?"])[-1]
    rest = [f"{key}-{'-'.join(values)}" for key, values in sorted(params.items()) if key != "view"]
    name = "-".join([view, *rest])
    return re.sub(r"[^A-Za-z0-9_-]+", "_", name)[:120]


def parse_address(address: str) -> dict[str, list[str]]:
    """An address as given on the command line (``view=map&origin=SEN``, a leading ``?`` and
    ``embed``/``lang`` parameters ignored) as query parameters; PublishError when it names no
    embeddable view."""
    params = parse_qs(address.strip().lstrip("?"), keep_blank_values=False)
    params.pop("embed", None)
    params.pop(embed.LANG_PARAM, None)
    view = (params.get("view") or [""])[-1]
    if view not in embed.VIEWS:
        raise PublishError(
            f"'{address}': no view to publish; use view={'|'.join(embed.VIEWS)}, "
            "e.g. 'view=map&origin=SEN'."
        )
    return params


def _text(value: str) -> str:
    return html.escape(value, quote=True)


def _page_html(
    content: embed.EmbedView,
    *,
    lang: Lang,
    data_file: str,
    version: VersionInfo | None,
    ponti_url: str,
    today: date,
) -> str:
    parts: list[str] = [f"<h1>{_text(content.title)}</h1>"]
    if sources.shows_demo_data(version):
        parts.append(f'<p class="demo">{_text(t("demo.notice", lang))}</p>')
    scripts: list[str] = []
    if content.problem:
        parts.append(f'<p class="demo">{_text(content.problem)}</p>')
    else:
        if content.filters:
            parts.append(f'<p class="caption">{_text(content.filters)}</p>')
        parts.append(
            '<div class="figures">'
            + "".join(
                f'<div class="figure"><div class="label">{_text(f.label)}</div>'
                f'<div class="value">{_text(f.value)}</div></div>'
                for f in content.figures
            )
            + "</div>"
        )
        if content.facts:
            parts.append("<ul>" + "".join(f"<li>{_text(f)}</li>" for f in content.facts) + "</ul>")
        if content.chart is not None and content.legend:
            # A map. The legend is HTML that ponti.charts writes with every data text escaped.
            parts.append(
                f'<div class="view"><div class="map" id="chart" role="img" '
                f'aria-label="{_text(content.alt)}"></div>'
                f'<div class="legend">{content.legend}</div></div>'
            )
            scripts.append(f"../{ASSETS}/plotly.min.js")
        elif content.chart is not None:
            parts.append(
                f'<div class="chart" id="chart" role="img" aria-label="{_text(content.alt)}"></div>'
            )
            scripts.append(f"../{ASSETS}/plotly.min.js")
        if content.cards_title:
            parts.append(f"<h2>{_text(content.cards_title)}</h2>")
        parts.extend(
            f'<div class="card"><strong>{_text(card.title)}</strong>'
            f'<p class="caption">{_text(card.text)}</p></div>'
            for card in content.cards
        )
        parts.append(
            '<div class="notes">'
            + f"<p>{_text(t('embed.summary', lang, text=content.summary))}</p>"
            + "".join(f"<p>{_text(note)}</p>" for note in content.notes)
            + "</div>"
        )
    if ponti_url:
        link = f"{ponti_url.rstrip('/')}/{content.link}"
        parts.append(
            f'<a class="open" href="{_text(link)}" target="_blank" rel="noopener">'
            f"{_text(t('embed.open', lang))}</a>"
        )
    parts.append(
        "<footer>"
        f"<p>{_text(t('attribution', lang))}</p>"
        f"<p>{_text(sources.version_line(version, lang))}</p>"
        f"<p>{_text(t('publish.made', lang, date=i18n_date(today, lang)))}</p>"
        "</footer>"
    )
    script_tags = "".join(f'<script src="{_text(src)}"></script>' for src in scripts)
    draw = f"<script>{DRAW_JS}</script>" if scripts else ""
    return (
        f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_text(content.title)} · Ponti</title>"
        f'<link rel="stylesheet" href="../{ASSETS}/ponti.css">{script_tags}</head>'
        f'<body data-data="{_text(data_file)}"><main>{"".join(parts)}</main>'
        f"{draw}<script>{HEIGHT_JS}</script></body></html>\n"
    )


def i18n_date(day: date, lang: Lang) -> str:
    """A date as the pages write it."""
    from ponti import formats

    return formats.format_date(day, lang)


def _page_data(content: embed.EmbedView) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if content.chart is not None:
        data["chart"] = json.loads(pio.to_json(content.chart, validate=False))
        data["map"] = bool(content.legend)
    return data


def _index_html(pages: Sequence[tuple[str, str]], lang: Lang, version: VersionInfo | None) -> str:
    items = "".join(f'<li><a href="{_text(path)}">{_text(title)}</a></li>' for path, title in pages)
    return (
        f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Ponti</title>"
        f'<link rel="stylesheet" href="{ASSETS}/ponti.css"></head><body><main>'
        f"<h1>{_text(t('publish.index.title', lang))}</h1><ul>{items}</ul>"
        f"<footer><p>{_text(sources.version_line(version, lang))}</p></footer>"
        "</main></body></html>\n"
    )


def _is_publish(folder: Path) -> bool:
    return (folder / MANIFEST).is_file()


def _write_assets(assets: Path) -> None:
    """The libraries (from the installed packages) and the style sheet."""
    assets.mkdir()
    shutil.copyfile(PLOTLY_JS, assets / "plotly.min.js")
    (assets / "ponti.css").write_text(CSS, encoding="utf-8")


def _write_indexes(
    staging: Path, indexes: dict[Lang, list[tuple[str, str]]], version: VersionInfo | None
) -> None:
    """An index of the views per language, and one of the languages at the top."""
    for lang, pages in indexes.items():
        page = _index_html(pages, lang, version)
        (staging / lang / "index.html").write_text(
            page.replace(f'href="{ASSETS}/', f'href="../{ASSETS}/'), encoding="utf-8"
        )
    langs = list(indexes)
    first = langs[0] if langs else i18n.DEFAULT_LANG
    top = [(f"{lang}/index.html", t(f"lang.{lang}", lang)) for lang in langs]
    (staging / "index.html").write_text(_index_html(top, first, version), encoding="utf-8")


def _swap_in(staging: Path, outdir: Path) -> None:
    """The new publish in OUTDIR's place: the old one (if any) moved aside, then removed."""
    os.chmod(staging, 0o755)
    old = outdir.with_name(f".{outdir.name}-old")
    if old.exists():
        shutil.rmtree(old)
    if outdir.exists():
        outdir.rename(old)
    staging.rename(outdir)
    if old.exists():
        shutil.rmtree(old)


def publish(
    store: VersionStore,
    outdir: Path,
    *,
    addresses: Sequence[str] = DEFAULT_ADDRESSES,
    langs: Sequence[Lang] = LANGS,
    ponti_url: str = "",
    today: date | None = None,
) -> list[PublishedPage]:
    """Write the static site of the current version into ``outdir`` (replacing an earlier
    publish there); the pages written. PublishError, with nothing written, when it cannot."""
    outdir = Path(outdir)
    if outdir.exists() and any(outdir.iterdir()) and not _is_publish(outdir):
        raise PublishError(
            f"{outdir} holds files that are not a Ponti publish: choose an empty or new folder."
        )
    requests = [parse_address(address) for address in addresses]
    for missing in (PLOTLY_JS,):
        if not missing.is_file():
            raise PublishError(f"{missing} is missing: reinstall Ponti's requirements.")
    day = today or date.today()
    version = store.current()
    frames = privacy.public_tables(store.read_all())
    data = Dataset.from_tables(frames)
    options, bounds = flt.filter_options(frames), flt.year_bounds(data.projects)
    pairs: list[Any] = []

    def _pairs() -> Any:
        if not pairs:
            pairs.append(twinnings_tf.opportunity_pairs(data))
        return pairs[0]

    outdir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{outdir.name}-", dir=outdir.parent))
    try:
        _write_assets(staging / ASSETS)
        written: list[PublishedPage] = []
        indexes: dict[Lang, list[tuple[str, str]]] = {lang: [] for lang in langs}
        for params in requests:
            filters = flt.filters_from_params(params, options=options, year_bounds=bounds)
            view = apply_filters(data, filters)
            source = embed.Source(data=data, view=view, filters=filters, today=day, pairs=_pairs)
            slug = _slug(params)
            for lang in langs:
                request = embed.parse_request({**params, embed.LANG_PARAM: [lang]})
                content = embed.build_view(request, source)
                folder = staging / lang
                folder.mkdir(exist_ok=True)
                page_data = json.dumps(_page_data(content), ensure_ascii=False)
                page = _page_html(
                    content,
                    lang=lang,
                    data_file=f"{slug}.json",
                    version=version,
                    ponti_url=ponti_url,
                    today=day,
                )
                (folder / f"{slug}.json").write_text(page_data, encoding="utf-8")
                (folder / f"{slug}.html").write_text(page, encoding="utf-8")
                path = f"{lang}/{slug}.html"
                indexes[lang].append((f"{slug}.html", content.title))
                written.append(
                    PublishedPage(
                        path=path,
                        view=str(request.view),
                        lang=lang,
                        html_bytes=len(page.encode("utf-8")),
                        data_bytes=len(page_data.encode("utf-8")),
                        problem=content.problem,
                    )
                )
        _write_indexes(staging, indexes, version)
        manifest = {
            "version": version.version_id if version else None,
            "demo": sources.shows_demo_data(version),
            "made": day.isoformat(),
            "pages": [page.path for page in written],
            "addresses": [urlencode(p, doseq=True) for p in requests],
        }
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        _swap_in(staging, outdir)
        return written
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
