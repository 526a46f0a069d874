"""The shell through AppTest: every declared filter goes URL -> widget -> view -> URL."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ponti import filters as flt
from ponti import formats, i18n
from ponti.store import Store
from ponti.transforms import Dataset, apply_filters
from tests.apptest import open_app

# One code with data behind it for every declared filter (a new filter needs one here).
EXAMPLES: dict[str, str] = {
    "origin": "SEN",
    "region": "08",
    "province": "035",
    "municipality": "035033",  # Reggio nell'Emilia
    "sdg": "4",
    "funder": "aics",
    "stage": "completed",
}


def _params(at: AppTest) -> dict[str, list[str]]:
    # AppTest keeps the query as a dict of a string or a list of strings per key.
    return {
        key: list(value) if isinstance(value, list | tuple) else [value]
        for key, value in at.query_params.items()
    }


def _metric(at: AppTest, key: str) -> str:
    label = i18n.t(key, "en")
    return next(m.value for m in at.metric if m.label == label)


def test_every_declared_filter_has_an_example() -> None:
    assert set(EXAMPLES) == {spec.param for spec in flt.FILTERS}


@pytest.mark.parametrize("spec", flt.FILTERS, ids=lambda spec: spec.param)
def test_a_filter_goes_from_the_url_to_its_widget_the_view_and_back(
    demo_env: Store, spec: flt.FilterSpec
) -> None:
    code = EXAMPLES[spec.param]
    at = open_app(None, {spec.param: code, "lang": "en"})
    # URL -> widget
    assert at.multiselect(key=spec.session_key).value == [code]
    # widget -> filtered view: the headline figures are those of the filtered data
    data = Dataset.from_tables(demo_env.read_all())
    view = apply_filters(data, flt.make_filters({spec.field: [code]}))
    assert len(view.projects) + len(view.associations) > 0
    narrowed = len(view.projects) < len(data.projects) or len(view.associations) < len(
        data.associations
    )
    assert narrowed, f"{spec.param}={code} should narrow the demo data"
    assert _metric(at, "metric.associations") == formats.format_number(len(view.associations), "en")
    assert _metric(at, "metric.projects") == formats.format_number(len(view.projects), "en")
    # view -> URL: the address still says what is shown
    assert _params(at) == {spec.param: [code], "lang": ["en"]}


def test_years_go_from_the_url_to_the_slider_and_back(demo_env: Store) -> None:
    at = open_app(None, {"from": "2019", "to": "2021", "lang": "en"})
    assert at.slider(key="f_years").value == (2019, 2021)
    data = Dataset.from_tables(demo_env.read_all())
    view = apply_filters(data, flt.Filters(years=(2019, 2021)))
    assert _metric(at, "metric.projects") == formats.format_number(len(view.projects), "en")
    assert _params(at) == {"from": ["2019"], "to": ["2021"], "lang": ["en"]}


def test_a_municipality_outside_the_chosen_region_is_dropped(demo_env: Store) -> None:
    # Reggio Emilia (Emilia-Romagna, 08) with Lombardy (03): the city cannot be offered.
    at = open_app(None, {"region": "03", "municipality": "035033"})
    assert at.multiselect(key="f_municipality").value == []
    assert "municipality" not in _params(at)


def test_a_municipality_link_says_residents_are_those_of_its_province(demo_env: Store) -> None:
    at = open_app(None, {"municipality": "035033", "lang": "en"})
    captions = [c.value for c in at.sidebar.caption]
    assert i18n.t("filters.municipality.residents", "en") in captions


def test_derived_tables_are_keyed_by_the_function_and_every_argument() -> None:
    import widgets
    from ponti.transforms import agenda

    def key(*args: object, **kwargs: object) -> str:
        return widgets._derived_key(agenda.summarise_goals, args, kwargs)

    assert key("it") != key("en")
    assert key("it", basis="all") != key("it", basis="declared")
    assert key("it", goals=(1, 2), stages=None) == key("it", stages=None, goals=(1, 2))
    assert key("it") != widgets._derived_key(agenda.find_region_gaps, ("it",), {})
    # A value whose repr does not say everything (a frame, a set) is never part of a key.
    for unplain in (pd.DataFrame({"a": [1]}), {"a", "b"}, ["a"], ("a", {"b"})):
        with pytest.raises(TypeError):
            key(unplain)
