"""Embedded views, the embed-code page and public mode through AppTest, as dashboard.py runs
them on the demo store (pages/embed.py, pages/embed_code.py)."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from ponti import embed, formats, i18n, privacy
from ponti import filters as flt
from ponti.embed import PageEntry
from ponti.store import Store
from ponti.transforms import Dataset, apply_filters
from ponti.transforms import twinnings as twinnings_tf
from tests.apptest import open_app
from tests.test_privacy import _contacts, _download_text, _page_text

# Each view's address: its subject and a filter that narrows it in the demo.
ADDRESSES: dict[str, dict[str, str]] = {
    "map": {"origin": "SEN"},
    "sdg": {"sdg": "4"},
    "funding": {"funder": "aics", "fu_measure": "eur"},
    "twinnings": {"region": "08"},
    "city": {"code": "035033", "origin": "PAK"},
    "association": {"id": "ASS-0034"},
}
FILTERS: dict[str, flt.Filters] = {
    "map": flt.Filters(origin=("SEN",)),
    "sdg": flt.Filters(sdg=(4,)),
    "funding": flt.Filters(funder_type=("aics",)),
    "twinnings": flt.Filters(region=("08",)),
    "city": flt.Filters(origin=("PAK",)),
    "association": flt.Filters(),
}
DRAWN = {"map": "plotly_chart", "twinnings": "plotly_chart", "sdg": "plotly_chart"}
DRAWN["funding"] = "plotly_chart"


@pytest.fixture
def navigation(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The URL paths of the pages dashboard.py registers, one list per run (the default
    page's is "", "/" to the browser), and where the menu goes when it is not the sidebar."""
    registered: list[list[str]] = []
    original = st.navigation

    def recording(pages: Any, **kwargs: Any) -> Any:
        menu = kwargs.get("position", "sidebar")
        registered.append([page.url_path for page in pages] + ([menu] if menu != "sidebar" else []))
        return original(pages, **kwargs)

    monkeypatch.setattr(st, "navigation", recording)
    return registered


def _expected(store: Store, view: str, lang: i18n.Lang) -> embed.EmbedView:
    data = Dataset.from_tables(privacy.public_tables(store.read_all()))
    filters = FILTERS[view]
    params = {"view": [view], "lang": [lang], **{k: [v] for k, v in ADDRESSES[view].items()}}
    pairs = twinnings_tf.opportunity_pairs(data)
    source = embed.Source(
        data=data, view=apply_filters(data, filters), filters=filters, pairs=lambda: pairs
    )
    return embed.build_view(embed.parse_request(params), source)


def _query(view: str, lang: str) -> dict[str, str | list[str]]:
    return {"embed": "true", "view": view, "lang": lang, **ADDRESSES[view]}


# -- the embedded views ----------------------------------------------------------------------------
@pytest.mark.parametrize("lang", i18n.LANGS)
@pytest.mark.parametrize("view", embed.VIEWS)
def test_every_embedded_view_renders_read_only_with_its_attribution_and_link(
    demo_env: Store,
    downloads: dict[str, bytes],
    navigation: list[list[str]],
    monkeypatch: pytest.MonkeyPatch,
    view: str,
    lang: i18n.Lang,
) -> None:
    monkeypatch.setenv("PONTI_PUBLIC", "1")  # embedded views are what a public site serves
    query = _query(view, lang)
    at = open_app(None, query)
    expected = _expected(demo_env, view, lang)

    # The view: its title, its figures (filtered), what it draws, its summary.
    assert at.title[0].value == formats.escape_markdown(expected.title)
    assert [(m.label, m.value) for m in at.metric] == [(f.label, f.value) for f in expected.figures]
    if view in DRAWN:
        assert len(at.get(DRAWN[view])) == 1
    captions = [c.value for c in at.caption]
    summary = i18n.t("embed.summary", lang, text=formats.escape_markdown(expected.summary))
    assert summary in captions
    # Attribution: the reference data's credits, the version and its date, the demo label.
    assert i18n.t("attribution", lang) in captions
    assert any(str(demo_env.current_id()) in c for c in captions)
    assert any(i18n.t("demo.notice", lang) in info.value for info in at.info)
    # "Open in Ponti": the full view, same language, filters and choices, in a new tab.
    (link,) = at.get("link_button")
    assert link.proto.label == i18n.t("embed.open", lang)
    assert link.proto.url == expected.link

    # Minimal chrome: one page, no sidebar, no filter bar, no language switch, no downloads.
    assert navigation == [["", "hidden"]]
    assert len(at.sidebar) == 0
    assert not at.multiselect and not at.slider and not at.selectbox and not at.button
    assert not at.get("button_group")  # the language switch is a segmented control
    assert not at.get("download_button") and not downloads
    # Nothing written to the address: the frame keeps the one it was given.
    assert {k: at.query_params[k] for k in at.query_params} == query
    # Nothing private: no contact value of the demo anywhere in what was sent.
    shown = _page_text(at)
    assert not {value for value in _contacts(demo_env) if value in shown}


def test_the_filters_of_the_address_narrow_the_view(demo_env: Store) -> None:
    at = open_app(None, {"embed": "true", "view": "map", "lang": "en"})
    everything = {m.label: m.value for m in at.metric}
    at = open_app(None, {"embed": "true", "view": "map", "lang": "en", "origin": "SEN"})
    senegal = {m.label: m.value for m in at.metric}
    data = Dataset.from_tables(demo_env.read_all())
    view = apply_filters(data, flt.Filters(origin=("SEN",)))
    assert senegal["Associations"] == formats.format_number(len(view.associations), "en")
    assert everything["Associations"] == formats.format_number(len(data.associations), "en")
    assert senegal != everything
    assert "Filters: Origin country or region: Senegal" in [c.value for c in at.caption]


@pytest.mark.parametrize("lang", i18n.LANGS)
@pytest.mark.parametrize(
    ("query", "key", "values"),
    [
        ({"view": "nope"}, "embed.unknown_view", {"view": "nope", "views": ", ".join(embed.VIEWS)}),
        ({"view": "city", "code": "999999"}, "embed.unknown.city", {"code": "999999"}),
        (
            {"view": "association", "id": "ASS-9999"},
            "embed.unknown.association",
            {"id": "ASS-9999"},
        ),
    ],
)
def test_an_unknown_view_or_id_says_so_politely(
    demo_env: Store, query: dict[str, str], key: str, values: dict[str, str], lang: i18n.Lang
) -> None:
    at = open_app(None, {"embed": "true", "lang": lang, **query})
    assert [info.value for info in at.info if info.proto.icon == ":material/info:"] == [
        i18n.t(key, lang, **values)
    ]
    assert not at.metric and len(at.get("link_button")) == 1


# -- the embed-code page ---------------------------------------------------------------------------
class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "iframe":
            self.attrs = dict(attrs)


def _snippet(at: AppTest) -> dict[str, str | None]:
    codes = [c for c in at.get("code") if "<iframe" in c.proto.code_text]
    assert len(codes) == 1
    parser = _Tags()
    parser.feed(codes[0].proto.code_text)
    return parser.attrs


def test_the_embed_code_page_makes_the_snippet_and_a_live_preview(demo_env: Store) -> None:
    at = open_app(
        "embed_code",
        {
            "lang": "en",
            "ec_view": "city",
            "ec_code": "035033",
            "ec_width": "phone",
            "origin": "SEN",
        },
    )
    assert at.title[0].value == i18n.t("embed.code.title", "en")
    snippet = _snippet(at)
    src = "/?embed=true&view=city&lang=en&code=035033&origin=SEN"
    assert snippet == {
        "src": src,
        "title": i18n.t("embed.view.city", "en") + " · Ponti",
        "width": "390",
        "height": str(embed.frame_height("city", 390)),
        "loading": "lazy",
        "style": "border:0;max-width:100%",
    }
    # The preview is the same address, served by this Ponti.
    (preview,) = at.get("iframe")
    assert preview.proto.src == src
    # Without a public address, the page says the code is relative and how to change it.
    assert i18n.t("embed.code.relative", "en") in [c.value for c in at.caption]
    assert any("Senegal" in c.value for c in at.caption)
    # The page's choices are in its address, like every page's.
    assert at.query_params["ec_view"] == "city" and at.query_params["ec_width"] == "phone"


def test_the_embed_code_uses_the_public_address_and_the_chosen_language(
    demo_env: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PONTI_PUBLIC_URL", "https://ponti.example.org/")
    at = open_app(
        "embed_code",
        {"lang": "en", "ec_view": "map", "ec_lang": "it", "ec_width": "full", "ec_height": "800"},
    )
    snippet = _snippet(at)
    assert snippet["src"] == "https://ponti.example.org/?embed=true&view=map&lang=it"
    assert snippet["width"] == "100%" and snippet["height"] == "800"
    assert snippet["title"] == i18n.t("embed.view.map", "it") + " · Ponti"
    assert i18n.t("embed.code.base", "en", url="https://ponti.example.org") in [
        c.value for c in at.caption
    ]


# -- public mode ----------------------------------------------------------------------------------
STAFF_TITLE = "STAFF-ONLY-PROBE-PAGE"
STAFF_PATH = "staff-probe"


@pytest.fixture
def staff_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, set[str]]]:
    """One more staff page in the registry, that shows whether it ran, and the URL paths of
    every staff page registered (filled in as dashboard.py runs). Staff can sign in here (a
    staff password is configured): outside public mode staff pages are registered."""
    monkeypatch.setenv("PONTI_STAFF_PASSWORD", "a-test-password")
    page = tmp_path / "probe.py"
    page.write_text(
        "import streamlit as st\n"
        f"st.title({STAFF_TITLE!r})\n"
        "st.button('Import', key='staff-import')\n",
        encoding="utf-8",
    )
    original = embed.registered_pages
    entry = PageEntry(str(page), "embed.nav", ":material/database:", STAFF_PATH, staff=True)
    staff: set[str] = set()

    def with_probe(pages: Any, *, public: bool) -> list[PageEntry]:
        everything = [*pages, entry]
        staff.update(page.url_path for page in everything if page.staff)
        return original(everything, public=public)

    monkeypatch.setattr(embed, "registered_pages", with_probe)
    yield page, staff


def test_public_mode_registers_only_public_pages_and_a_staff_url_answers_as_unknown(
    demo_env: Store,
    navigation: list[list[str]],
    staff_pages: tuple[Path, set[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    staff_page, staff = staff_pages
    monkeypatch.delenv("PONTI_PUBLIC", raising=False)
    at = open_app(None, {"lang": "en"})
    assert STAFF_PATH in navigation[-1] and staff <= set(navigation[-1])
    at.switch_page(str(staff_page)).run()
    assert at.title[0].value == STAFF_TITLE

    # The same session in public mode: the staff page is gone, its address opens the default
    # page (a browser asking for /data gets Streamlit's "Page not found", test_embed_browser).
    monkeypatch.setenv("PONTI_PUBLIC", "1")
    at.run()
    assert not at.exception
    assert not staff & set(navigation[-1])
    assert at.title[0].value == i18n.t("overview.title", "en")
    assert STAFF_TITLE not in _page_text(at)
    assert not [b for b in at.button if b.key == "staff-import"]
    # A new public session cannot even switch to it: it is not a page of the app.
    fresh = open_app(None, {"lang": "en"})
    with pytest.raises(ValueError, match="navigation page"):
        fresh.switch_page(str(staff_page))
    # Everything else is registered, as without public mode.
    assert navigation[-1] == [path for path in navigation[0] if path not in staff]
    assert "embed_code" in navigation[-1]


def test_public_mode_shows_no_contact_and_no_staff_page_anywhere(
    demo_env: Store,
    downloads: dict[str, bytes],
    navigation: list[list[str]],
    staff_pages: tuple[Path, set[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, staff = staff_pages
    monkeypatch.setenv("PONTI_PUBLIC", "1")  # even with a staff password configured
    contacts = _contacts(demo_env)
    at = open_app(None, {"lang": "en"})
    pages = navigation[-1]
    assert STAFF_PATH in staff and not staff & set(pages)
    seen = 0
    for path in pages:
        if path == "":  # the default page: Overview
            shown = _page_text(at)
        else:
            page = open_app(path, {"lang": "en", "code": "035033", "id": "ASS-0034"})
            shown = _page_text(page)
        seen += 1
        assert STAFF_TITLE not in shown and "staff-import" not in shown, path
        assert not {value for value in contacts if value in shown}, path
    assert seen == len(pages) >= 9
    assert downloads, "the public pages offer downloads: they must be checked too"
    for name, data in downloads.items():
        text = _download_text(name, data)
        assert not {value for value in contacts if value in text}, name


def test_the_servers_warm_up_readies_what_first_visitors_wait_for(
    demo_env: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import widgets
    from ponti.charts import bridges as bridges_charts

    st.cache_resource.clear()
    bridges_charts.world_outlines.cache_clear()
    built: list[str] = []
    original = twinnings_tf.opportunity_pairs
    monkeypatch.setattr(
        twinnings_tf, "opportunity_pairs", lambda data: built.append("pairs") or original(data)
    )
    widgets.warm_up()
    assert built == ["pairs"]
    assert bridges_charts.world_outlines.cache_info().currsize == 1
    # A visitor's city view then finds the version's pairs ready: nothing is built again.
    at = open_app(None, {"embed": "true", "view": "city", "code": "035033"})
    assert not at.exception
    assert built == ["pairs"]


def test_a_public_sites_warm_up_builds_the_usual_embedded_views(
    demo_env: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import widgets

    st.cache_resource.clear()
    monkeypatch.setenv("PONTI_PUBLIC", "1")
    built: list[str] = []
    original = embed.build_view
    monkeypatch.setattr(
        embed,
        "build_view",
        lambda request, source: built.append(str(request.view)) or original(request, source),
    )
    widgets.warm_up()
    assert sorted(built) == sorted(view for view, _ in widgets.WARM_EMBEDS)
    # The first visitors of those addresses find them built: nothing is built again, and
    # what they see is the view they asked for.
    for view, lang in widgets.WARM_EMBEDS:
        at = open_app(None, {"embed": "true", "view": view, "lang": lang})
        assert not at.exception
        assert at.title[0].value == i18n.t(f"embed.title.{view}", lang)
    assert len(built) == len(widgets.WARM_EMBEDS)
