"""Every page through AppTest from dashboard.py, in both languages, on the demo store."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from ponti import filters as flt
from ponti import formats, i18n
from ponti.store import Store
from ponti.transforms import Dataset, apply_filters
from ponti.transforms.overview import summarise_headline
from tests.apptest import map_figure, map_layers, open_app


def _run(query: dict[str, str | list[str]] | None = None) -> AppTest:
    return open_app(None, query)


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("lang", ["it", "en"])
def test_overview_shows_headline_figures_in_the_language(demo_env: Store, lang: str) -> None:
    at = _run({"lang": lang} if lang == "en" else None)
    data = Dataset.from_tables(demo_env.read_all())
    headline = summarise_headline(data)
    metrics = _metrics(at)
    assert metrics[i18n.t("metric.associations", lang)] == formats.format_number(
        headline.associations, lang
    )
    projects = formats.format_number(headline.projects, lang)
    assert metrics[i18n.t("metric.projects", lang)] == projects
    assert metrics[i18n.t("metric.granted", lang)] == formats.format_number_short(
        headline.granted_eur, lang
    )
    assert at.title[0].value == i18n.t("overview.title", lang)
    # The demo notice is visible and in the right language.
    assert any(i18n.t("demo.notice", lang) in info.value for info in at.info)
    # The map (an SVG figure: no WebGL map offline) and the chart are there.
    assert map_layers(map_figure(at)) == ["world", "italy", "associations"]
    assert not at.get("deck_gl_json_chart")
    assert len(at.get("plotly_chart")) == 2
    # The reference data's credits are at the foot of the page.
    assert any(i18n.t("attribution", lang) == c.value for c in at.caption)
    # Provenance names the version.
    assert any(demo_env.current_id() in c.value for c in at.caption)  # type: ignore[operator]


def test_a_link_with_filters_reopens_the_same_view(demo_env: Store) -> None:
    at = _run({"origin": "SEN", "region": "03", "lang": "en"})
    data = Dataset.from_tables(demo_env.read_all())
    view = apply_filters(data, flt.Filters(origin=("SEN",), region=("03",)))
    expected = formats.format_number(len(view.associations), "en")
    assert _metrics(at)["Associations"] == expected
    assert 0 < len(view.associations) < len(data.associations)
    assert at.multiselect(key="f_origin").value == ["SEN"]
    assert at.multiselect(key="f_region").value == ["03"]


def test_unknown_codes_in_a_link_are_ignored(demo_env: Store) -> None:
    at = _run({"origin": ["SEN", "<script>"], "sdg": "99", "stage": "nonsense"})
    assert at.multiselect(key="f_origin").value == ["SEN"]
    assert at.multiselect(key="f_sdg").value == []
    assert at.multiselect(key="f_stage").value == []


def test_the_url_keeps_the_filters_it_opened_with(demo_env: Store) -> None:
    at = _run({"sdg": ["4", "5", "99"], "stage": "completed", "lang": "en"})
    params = {key: at.query_params[key] for key in at.query_params}
    # The unknown goal 99 is dropped from the address; the rest stays as opened.
    assert params == {"sdg": ["4", "5"], "stage": "completed", "lang": "en"}


# Choosing filters, switching language and resetting are tested in a real browser
# (tests/test_browser.py): AppTest drops the shell's widgets from its tree after a rerun
# under st.navigation, so it cannot drive them beyond the first run.
