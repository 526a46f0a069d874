"""Every chart and map as a picture people can quote (issue #13), through the pages.

Under each chart: PNG and SVG buttons (drawn only when clicked), and a "cite this figure" text
naming what it shows, the filters, the dataset version and the address that reopens the view;
under each map a PNG. Plotly's own toolbar (English only, "newplot.png" without title or
source) is hidden. The pictures themselves are drawn in Chromium: those tests are browser
tests, and fail without one.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from ponti import i18n
from ponti.present import images
from ponti.store import Store
from tests.apptest import not_blank, open_app, png_size

TODAY = date.today()
# Each page, an address that shows all its charts, and the stems of the pictures it offers.
PAGES: dict[str, tuple[dict[str, str], set[str], set[str]]] = {
    # page: (query, charts (PNG and SVG), maps (PNG only))
    "overview": ({}, {"ponti-overview-communities"}, {"ponti-overview-map"}),
    "bridges": ({}, set(), {"ponti-bridges-map-world"}),
    "agenda": (
        {"ag_goal": "4"},
        {
            "ponti-agenda-goals",
            "ponti-agenda-sdg4-targets",
            "ponti-agenda-country-projects",
            "ponti-agenda-region-projects",
            "ponti-agenda-trend-projects",
        },
        set(),
    ),
    "funding": (
        {},
        {
            "ponti-funding-funnel-count",
            "ponti-funding-stages-count",
            "ponti-funding-flows-funder-region-count",
            "ponti-funding-success-funder",
            "ponti-funding-success-programme",
            "ponti-funding-decision-days",
            "ponti-funding-years",
        },
        set(),
    ),
    "twinnings": ({}, {"ponti-twinnings-years-status"}, {"ponti-twinnings-map"}),
    "municipality": (
        {"code": "035033"},
        {"ponti-municipality-035033-communities-trend"},
        {"ponti-municipality-035033-map"},
    ),
}


def _names(stems: set[str], fmt: str) -> set[str]:
    return {images.image_file_name(stem, fmt, TODAY) for stem in stems}  # type: ignore[arg-type]


def _citations(at: AppTest) -> list[str]:
    return [code.value for code in at.code]


@pytest.mark.parametrize("page", list(PAGES))
def test_every_chart_offers_png_svg_and_a_citation_and_hides_plotlys_toolbar(
    demo_env: Store, image_downloads: dict[str, Callable[[], bytes]], page: str
) -> None:
    query, charts, maps = PAGES[page]
    at = open_app(page, {**query, "lang": "en"})
    offered = set(image_downloads)
    # Every chart as PNG and SVG, every map as PNG; named by what and when.
    assert _names(charts | maps, "png") <= offered
    assert _names(charts, "svg") <= offered
    assert not _names(maps, "svg") & offered
    # Nothing else: no picture the page does not show.
    assert len([n for n in offered if n.endswith(".png")]) == len(charts | maps)
    # Plotly's camera and English tooltips are off on every chart.
    for chart in at.get("plotly_chart"):
        config = json.loads(chart.proto.config)
        assert config.get("displayModeBar") is False
    # One citation per picture: version, filters, and the address with the page's choices.
    version = demo_env.current()
    assert version is not None
    citations = _citations(at)
    assert len(citations) == len(charts | maps)
    for text in citations:
        assert version.version_id in text
        assert "Filters: None" in text
        assert "lang=en" in text
        assert text.startswith("\u201c") and "Accessed" in text


def test_a_citation_names_the_filters_and_reopens_the_same_view(demo_env: Store) -> None:
    at = open_app("funding", {"origin": "SEN", "fu_measure": "eur"})
    citations = _citations(at)
    funnel = next(c for c in citations if c.startswith("«Fin dove arrivano i progetti"))
    assert "(EUR)" in funnel
    assert "Senegal" in funnel
    assert "Consultato il" in funnel
    link = funnel.rsplit(" ", 1)[-1]
    assert "origin=SEN" in link and "fu_measure=eur" in link


# -- the pictures, drawn (Chromium) ----------------------------------------------------------
@pytest.mark.browser
def test_a_chart_and_a_map_are_drawn_with_title_filters_and_version(
    demo_env: Store, image_downloads: dict[str, Callable[[], bytes]], chromium: str
) -> None:
    open_app("funding", {"origin": "SEN"})
    version = demo_env.current()
    assert version is not None
    with images.image_server():
        svg = image_downloads[images.image_file_name("ponti-funding-funnel-count", "svg", TODAY)]()
        png = image_downloads[images.image_file_name("ponti-funding-funnel-count", "png", TODAY)]()
    text = svg.decode("utf-8")
    assert text.startswith("<svg")
    for words in ("Fin dove arrivano i progetti", "Senegal", version.version_id):
        assert words in text
    assert i18n.t("demo.notice", "it")[:20] in text or "illustrativ" in text.lower()
    width, _ = png_size(png)
    assert width >= 2 * 800  # drawn at twice its size
    not_blank(png)

    image_downloads.clear()
    open_app("twinnings", {"lang": "en"})
    map_png = image_downloads[images.image_file_name("ponti-twinnings-map", "png", TODAY)]()
    assert png_size(map_png)[0] == 2 * images.MAP_IMAGE_SIZE[0]
    assert len(map_png) > 100_000
    not_blank(map_png)


def test_chromiums_goodbye_is_not_logged_as_an_error(caplog: pytest.LogCaptureFixture) -> None:
    # choreographer logs "{bye}" read with another message as Chromium closes as a JSON error,
    # with a traceback; it is not one. A message that really cannot be read still is.
    from choreographer.channels import _wire

    images.quiet_goodbye()  # as the picture browser does when it starts
    logger = logging.getLogger("choreographer.channels.pipe")
    for message in ("{bye}\n", '{"id": 1'):
        try:
            _wire.deserialize(message)
        except Exception:
            logger.exception("JSONError decoding message. Ignoring")
    assert [record.exc_info[1].__cause__.doc for record in caplog.records] == ['{"id": 1']  # type: ignore[union-attr, index]
