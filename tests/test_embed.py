"""The embedded views without Streamlit: reading an address, the iframe code, the views' content,
public mode's page rule (ponti/embed.py)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pandas as pd
import pytest

from ponti import embed, formats, i18n, privacy, schema
from ponti import filters as flt
from ponti.store import Store
from ponti.transforms import Dataset, apply_filters
from ponti.transforms import bridges as bridges_tf
from ponti.transforms import twinnings as twinnings_tf
from ponti.transforms.overview import summarise_headline

# One address per view that names something with data behind it in the demo.
SUBJECTS: dict[str, dict[str, list[str]]] = {
    "map": {},
    "sdg": {},
    "funding": {},
    "twinnings": {},
    "city": {"code": ["035033"]},  # Reggio nell'Emilia
    "association": {"id": ["ASS-0034"]},
}


@pytest.fixture(scope="module")
def demo_data(_seeded_template) -> Dataset:  # type: ignore[no-untyped-def]
    store = Store(_seeded_template)
    return Dataset.from_tables(privacy.public_tables(store.read_all()))


NO_FILTERS = flt.Filters()


def _source(data: Dataset, filters: flt.Filters = NO_FILTERS) -> embed.Source:
    pairs = twinnings_tf.opportunity_pairs(data)
    return embed.Source(
        data=data, view=apply_filters(data, filters), filters=filters, pairs=lambda: pairs
    )


def _request(view: str, lang: str = "it", **params: list[str]) -> embed.EmbedRequest:
    return embed.parse_request({"embed": ["true"], "view": [view], "lang": [lang], **params})


# -- reading an address ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"embed": ["true"]}, True),
        ({"embed": ["True"]}, True),  # Streamlit's frontend reads it without case
        ({"embed": ["false"]}, False),
        ({"embed": ["1"]}, False),  # Streamlit itself only hides its chrome for "true"
        ({}, False),
    ],
)
def test_an_embed_address_is_one_with_embed_true(
    params: dict[str, list[str]], expected: bool
) -> None:
    assert embed.is_embed(params) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("true", True), (" Yes ", True), ("on", True), ("0", False), ("", False)],
)
def test_settings_read_yes_words(value: str, expected: bool) -> None:
    assert embed.is_true(value) is expected
    assert embed.is_true(None) is False


@pytest.mark.parametrize("view", embed.VIEWS)
def test_every_view_is_read_with_its_defaults(view: str) -> None:
    request = _request(view, "en")
    assert request.view == view and request.lang == "en"
    assert request.choices == {
        key: choice.default for key, choice in embed.SPECS[view].choices.items()
    }
    assert request.subject is None


def test_an_unknown_view_or_language_is_read_as_such() -> None:
    request = embed.parse_request({"view": ["<b>maps</b>"], "lang": ["fr"]})
    assert request.view is None and request.asked == "<b>maps</b>"
    assert request.lang == i18n.DEFAULT_LANG
    assert embed.parse_request({"view": ["MAP"]}).view == "map"
    assert embed.parse_request({}).view is None


def test_a_views_own_choices_are_read_and_unknown_codes_fall_back() -> None:
    request = _request(
        "map", bm_measure=["projects"], bm_colour=["nonsense"], bm_layers=["twinnings", "x"]
    )
    assert request.choices == {
        "bm_measure": "projects",
        "bm_colour": "sdg",
        "bm_view": "world",
        "bm_layers": ("twinnings",),
    }
    assert _request("map", bm_layers=["none"]).choices["bm_layers"] == ()
    assert _request("map", bm_layers=["x"]).choices["bm_layers"] == (
        "links",
        "twinnings",
        "associations",
    )
    assert _request("funding", fu_measure=["eur"]).choices == {"fu_measure": "eur"}
    # A choice of another view is not read.
    assert "bm_measure" not in _request("funding", bm_measure=["projects"]).choices


def test_a_subject_is_read_for_the_profiles_only_and_kept_short() -> None:
    assert _request("city", code=["035033"]).subject == "035033"
    assert _request("association", id=["ASS-0034"]).subject == "ASS-0034"
    assert _request("map", code=["035033"]).subject is None
    long_id = _request("association", id=["x" * 500]).subject
    assert long_id is not None and len(long_id) == embed.MAX_VALUE_CHARS


# -- addresses and the iframe code -----------------------------------------------------------------
def test_an_embed_address_holds_view_language_subject_choices_and_filters() -> None:
    query = embed.embed_query(
        "map",
        lang="en",
        filter_params={"origin": ["SEN", "MAR"], "sdg": ["4"]},
        choices={"bm_measure": "projects", "bm_view": "world"},  # world is the default
    )
    assert query == {
        "embed": ["true"],
        "view": ["map"],
        "lang": ["en"],
        "bm_measure": ["projects"],
        "origin": ["SEN", "MAR"],
        "sdg": ["4"],
    }
    src = embed.embed_src("", query)
    assert src == "/?embed=true&view=map&lang=en&bm_measure=projects&origin=SEN&origin=MAR&sdg=4"
    # Read back, the address asks for the same view.
    request = embed.parse_request(parse_qs(urlsplit(src).query))
    assert request.view == "map" and request.choices["bm_measure"] == "projects"
    city = embed.embed_query("city", lang="it", subject="035033")
    assert city["code"] == ["035033"]


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("https://ponti.example.org", "https://ponti.example.org/?embed=true"),
        ("https://ponti.example.org/", "https://ponti.example.org/?embed=true"),
        ("https://example.org/ponti/", "https://example.org/ponti/?embed=true"),
        ("http://10.0.0.5:8501", "http://10.0.0.5:8501/?embed=true"),
        ("", "/?embed=true"),
        ("javascript:alert(1)", "/?embed=true"),  # never another scheme
        ("ponti.example.org", "/?embed=true"),  # not an address: relative
    ],
)
def test_the_public_address_is_used_only_when_it_is_one(base: str, expected: str) -> None:
    assert embed.embed_src(base, {"embed": ["true"]}) == expected


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_the_iframe_snippet_escapes_every_attribute() -> None:
    src = '/?embed=true&view=map&x="><script>alert(1)</script>'
    title = 'Ponti "ponti" <b>&</b>'
    snippet = embed.iframe_snippet(src, title=title, width="100%", height=900)
    assert "<script>" not in snippet and "<b>" not in snippet
    parser = _Tags()
    parser.feed(snippet)
    assert parser.tags == [
        (
            "iframe",
            {
                "src": src,
                "title": title,
                "width": "100%",
                "height": "900",
                "loading": "lazy",
                "style": "border:0;max-width:100%",
            },
        )
    ]
    assert snippet.endswith("></iframe>")


def test_the_height_scripts_speak_the_same_message_and_fetch_nothing() -> None:
    for script in (embed.HEIGHT_SCRIPT, embed.HOST_LISTENER):
        assert f'"{embed.HEIGHT_MESSAGE}"' in script
        assert "http" not in script and "src=" not in script
    assert "ResizeObserver" in embed.HEIGHT_SCRIPT
    assert "window.parent.postMessage" in embed.HEIGHT_SCRIPT


@pytest.mark.parametrize("view", embed.VIEWS)
def test_every_view_has_its_heights_at_the_tested_widths(view: str) -> None:
    heights = embed.SPECS[view].heights
    assert set(heights) == {320, *embed.WIDTHS}
    # Narrower frames wrap more: never shorter than wider ones.
    assert [heights[w] for w in sorted(heights)] == sorted(heights.values(), reverse=True)
    assert embed.frame_height(view, 300) == heights[320]
    assert embed.frame_height(view, 390) == heights[390]
    assert embed.frame_height(view, 700) == heights[600]
    assert embed.frame_height(view, 1280) == heights[1000]
    assert embed.frame_height(view, embed.FULL_WIDTH) == heights[1000]


# -- the link to the full view ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("view", "params", "expected"),
    [
        ("map", {"bm_measure": ["granted"]}, "bridges?lang=en&bm_measure=granted&origin=SEN"),
        ("sdg", {}, "agenda?lang=en&origin=SEN"),
        ("funding", {"fu_measure": ["eur"]}, "funding?lang=en&fu_measure=eur&origin=SEN"),
        ("twinnings", {}, "twinnings?lang=en&origin=SEN"),
        ("city", {"code": ["035033"]}, "municipality?lang=en&code=035033&origin=SEN"),
        ("association", {"id": ["ASS-0034"]}, "association?lang=en&id=ASS-0034&origin=SEN"),
    ],
)
def test_open_in_ponti_opens_the_same_view_with_the_same_filters(
    view: str, params: dict[str, list[str]], expected: str
) -> None:
    request = _request(view, "en", **params)
    assert embed.full_view_link(request, flt.Filters(origin=("SEN",))) == expected


def test_open_in_ponti_from_an_unknown_view_opens_the_overview() -> None:
    request = embed.parse_request({"view": ["nope"], "lang": ["en"]})
    assert embed.full_view_link(request, flt.Filters()) == "./?lang=en"


# -- public mode -----------------------------------------------------------------------------------
def test_public_mode_registers_no_staff_page() -> None:
    public = embed.PageEntry("overview.py", "nav.overview", "", "overview", default=True)
    staff = embed.PageEntry("data.py", "nav.overview", "", "data", staff=True)
    assert embed.registered_pages([public, staff], public=False) == [public, staff]
    assert embed.registered_pages([public, staff], public=True) == [public]


# -- the views' content ----------------------------------------------------------------------------
@pytest.mark.parametrize("lang", i18n.LANGS)
@pytest.mark.parametrize("view", embed.VIEWS)
def test_every_view_has_a_title_figures_a_summary_and_its_link(
    demo_data: Dataset, view: str, lang: i18n.Lang
) -> None:
    content = embed.build_view(_request(view, lang, **SUBJECTS[view]), _source(demo_data))
    assert content.problem == ""
    assert content.title and content.summary
    assert len(content.figures) == 4  # four a row, or two by two in a narrow frame
    assert all(f.label and f.value and "…" not in f.value for f in content.figures)
    assert content.link.startswith(embed.SPECS[view].page + "?lang=" + lang)
    shown = [content.chart is not None, bool(content.cards)]
    assert sum(shown) == (0 if view == "association" else 1), shown
    # Only maps come with a legend beside them.
    assert bool(content.legend) == (view in ("map", "twinnings"))


def test_the_map_draws_the_filtered_data_with_the_chosen_measure(demo_data: Dataset) -> None:
    filters = flt.Filters(origin=("SEN",))
    request = _request("map", "en", bm_measure=["projects"], bm_layers=["links"])
    content = embed.build_view(request, _source(demo_data, filters))
    view = apply_filters(demo_data, filters)
    headline = summarise_headline(view, flt.origin_countries(filters.origin))
    assert content.figures[0].value == formats.format_number(headline.associations, "en")
    assert headline.associations < len(demo_data.associations)
    assert content.filters == "Filters: Origin country or region: Senegal"
    assert content.chart is not None
    # Drawn in SVG (no WebGL), on Ponti's own outlines: two filled traces, then the links
    # and their tooltips; no twinnings, no points (layers chosen off).
    assert {trace.type for trace in content.chart.data} == {"scatter"}
    assert [trace.fill for trace in content.chart.data[:2]] == ["toself", "toself"]
    links = bridges_tf.link_arcs(view, "projects", "sdg", flt.origin_countries(filters.origin))
    drawn = [trace for trace in content.chart.data[2:] if trace.mode == "lines"]
    assert sum(int(np.isnan(trace.x).sum()) for trace in drawn) == len(links)
    tips = [trace for trace in content.chart.data if trace.hoverinfo == "text"]
    assert len(tips) == 1 and len(tips[0].hovertext) == len(links)
    assert all("Senegal" in tip for tip in tips[0].hovertext)
    assert content.chart.layout.showlegend is False  # the legend is beside the map
    assert "Senegal" in content.summary
    assert "bm_layers=links" in content.link and "bm_measure=projects" in content.link


def test_the_grid_and_the_funnel_follow_the_filters(demo_data: Dataset) -> None:
    filters = flt.Filters(sdg=(4,))
    view = apply_filters(demo_data, filters)
    sdg = embed.build_view(_request("sdg", "en"), _source(demo_data, filters))
    assert sdg.figures[1].value == formats.format_number(len(view.projects), "en")
    assert sdg.chart is not None and sdg.chart.data[0].type == "scatter"
    funding = embed.build_view(_request("funding", "en"), _source(demo_data, filters))
    assert funding.figures[0].value == formats.format_number(len(view.projects), "en")
    assert funding.chart is not None and funding.chart.data[0].type == "funnel"
    assert funding.chart.data[0].x[0] == len(view.projects)


def test_the_twinnings_map_shows_the_agreements(demo_data: Dataset) -> None:
    content = embed.build_view(_request("twinnings", "en"), _source(demo_data))
    assert content.figures[0].value == formats.format_number(len(demo_data.twinnings), "en")
    assert content.chart is not None
    ends = twinnings_tf.twinning_arcs(demo_data.twinnings)
    lines = [trace for trace in content.chart.data[2:] if trace.mode == "lines"]
    assert sum(int(np.isnan(trace.x).sum()) for trace in lines) == len(ends)
    # The map opens on every agreement, whole, in the narrowest frame: the x range (degrees
    # of longitude) holds both ends of every agreement; wider frames only widen it.
    low, high = content.chart.layout.xaxis.range
    assert content.chart.layout.yaxis.scaleanchor == "x"
    for lon in [*ends["from_lon"], *ends["to_lon"]]:
        assert low <= float(lon) <= high


def test_the_city_view_lists_its_opportunities(demo_data: Dataset) -> None:
    content = embed.build_view(_request("city", "en", code=["035033"]), _source(demo_data))
    assert content.title == "Reggio nell'Emilia and its bridges"
    pairs = twinnings_tf.opportunity_pairs(demo_data)
    best = twinnings_tf.describe_opportunities(
        twinnings_tf.opportunities_for(pairs, "035033"), "en"
    )
    assert [card.title.split(" · ")[0] for card in content.cards] == list(best["place"].head(5))
    # A single municipality filter names the city too, as on the Municipality page.
    filtered = embed.build_view(
        _request("city", "en"), _source(demo_data, flt.Filters(municipality=("035033",)))
    )
    assert filtered.title == content.title


def test_the_association_view_shows_public_facts_only(demo_data: Dataset) -> None:
    content = embed.build_view(_request("association", "en", id=["ASS-0034"]), _source(demo_data))
    row = demo_data.associations.set_index(schema.A_ID).loc["ASS-0034"]
    assert content.title == row[schema.A_NAME]
    assert not schema.PRIVATE_COLUMNS & set(demo_data.associations.columns)


@pytest.mark.parametrize("lang", i18n.LANGS)
@pytest.mark.parametrize(
    ("view", "params", "key", "values"),
    [
        ("nope", {}, "embed.unknown_view", {"view": "nope", "views": ", ".join(embed.VIEWS)}),
        ("", {}, "embed.no_view", {"views": ", ".join(embed.VIEWS)}),
        ("city", {}, "embed.missing.city", {}),
        ("city", {"code": ["999999"]}, "embed.unknown.city", {"code": "999999"}),
        ("association", {}, "embed.missing.association", {}),
        ("association", {"id": ["ASS-9999"]}, "embed.unknown.association", {"id": "ASS-9999"}),
    ],
)
def test_an_unknown_view_or_subject_is_said_politely_in_the_language(
    demo_data: Dataset,
    view: str,
    params: dict[str, list[str]],
    key: str,
    values: dict[str, str],
    lang: i18n.Lang,
) -> None:
    content = embed.build_view(_request(view, lang, **params), _source(demo_data))
    assert content.problem == i18n.t(key, lang, **values)
    assert content.title == "Ponti" and not content.figures and content.chart is None
    assert f"lang={lang}" in content.link


def test_an_empty_view_draws_nothing_but_says_so(demo_data: Dataset) -> None:
    nothing = flt.Filters(origin=("ATA",))  # Antarctica: no association, project or twinning
    for view in ("map", "twinnings", "funding"):
        content = embed.build_view(_request(view, "en"), _source(demo_data, nothing))
        assert content.chart is None, view
        assert content.alt, view  # so the page shows "No data for these filters"
        assert all(f.value in ("0", "0 of 17") for f in content.figures), view


def test_the_source_of_the_opportunities_is_read_only_when_needed(demo_data: Dataset) -> None:
    calls: list[int] = []

    def pairs() -> pd.DataFrame:
        calls.append(1)
        return twinnings_tf.opportunity_pairs(demo_data)

    source = embed.Source(data=demo_data, view=demo_data, filters=flt.Filters(), pairs=pairs)
    embed.build_view(_request("map"), source)
    assert calls == []
    embed.build_view(_request("city", code=["035033"]), source)
    assert calls == [1]


def test_the_readme_documents_the_frame_heights_ponti_proposes() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Sizes and the height messages", 1)[1].split("\n### ", 1)[0]
    header = next(line for line in section.splitlines() if line.startswith("| frame width"))
    views = [cell.strip(" `") for cell in header.strip("|").split("|")[1:]]
    assert views == list(embed.VIEWS)
    rows = [line for line in section.splitlines() if line.startswith("| ") and " px" in line]
    assert len(rows) == len(embed.SPECS["map"].heights)
    for row, width in zip(rows, sorted(embed.SPECS["map"].heights), strict=True):
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert cells[0].startswith(f"{width} "), row
        assert [int(c) for c in cells[1:]] == [embed.frame_height(v, width) for v in views], row
