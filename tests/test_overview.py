"""Overview transforms and charts, checked through their data."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from ponti import schema
from ponti.charts import overview as charts
from ponti.store import Store, empty_frame
from ponti.transforms import Dataset
from ponti.transforms import overview as tr


@pytest.fixture
def data(demo_store: Store) -> Dataset:
    return Dataset.from_tables(demo_store.read_all())


def test_headline_counts_what_it_says(data: Dataset) -> None:
    headline = tr.summarise_headline(data)
    assert headline.associations == len(data.associations)
    assert headline.projects == len(data.projects)
    assert headline.granted_eur == pytest.approx(data.projects[schema.P_GRANTED].sum())
    assert headline.granted_eur <= headline.requested_eur
    assert headline.sdgs_covered == 17
    assert headline.origin_countries >= 35
    assert headline.municipalities >= 60


def test_municipality_points_add_up_to_the_associations(data: Dataset) -> None:
    points = tr.count_associations_by_municipality(data.associations, "it")
    assert points["associations"].sum() == len(data.associations)
    assert points["associations"].is_monotonic_decreasing
    assert points[["lat", "lon"]].notna().all().all()
    # Roma and Milano host the most associations in the demo, as in reality.
    assert {"Roma", "Milano"} <= set(points.head(4)["name"])


def test_communities_count_each_association_once_per_country(data: Dataset) -> None:
    counts = tr.count_associations_by_country(data.associations, "en", top=None)
    exploded = data.associations.explode(schema.A_COUNTRIES)
    assert counts["associations"].sum() == exploded[schema.A_COUNTRIES].notna().sum()
    top = tr.count_associations_by_country(data.associations, "it", top=5)
    assert len(top) == 5 and top["associations"].is_monotonic_decreasing
    assert "Romania" in set(top["country"])


def test_latest_projects_are_sorted_newest_first_and_never_in_the_future(data: Dataset) -> None:
    today = date(2026, 3, 1)
    latest = tr.latest_projects(data, "en", today=today, limit=10)
    assert len(latest) == 10
    assert latest["date"].is_monotonic_decreasing
    assert (latest["date"] <= pd.Timestamp(today)).all()
    assert latest["lead"].notna().all()
    # Nothing that happened up to today is newer than the first row.
    events = data.projects[[schema.P_START, schema.P_DECIDED, schema.P_SUBMITTED]]
    past = events.where(events <= pd.Timestamp(today)).max(axis=1)
    assert latest["date"].iloc[0] == past.max()


def test_empty_view_gives_empty_figures() -> None:
    empty = Dataset.from_tables({kind: empty_frame(kind) for kind in schema.KINDS})
    headline = tr.summarise_headline(empty)
    assert (headline.associations, headline.projects, headline.granted_eur) == (0, 0, 0.0)
    assert tr.latest_projects(empty, "it", today=date(2026, 1, 1)).empty
    deck = charts.associations_by_municipality_deck(
        tr.count_associations_by_municipality(empty.associations, "it"), lang="it"
    )
    assert json.loads(deck.to_json())["layers"][1]["data"] == []


def test_map_has_outlines_and_one_circle_per_municipality(data: Dataset) -> None:
    points = tr.count_associations_by_municipality(data.associations, "it")
    deck = json.loads(charts.associations_by_municipality_deck(points, lang="it").to_json())
    types = [layer["@@type"] for layer in deck["layers"]]
    assert types == ["GeoJsonLayer", "ScatterplotLayer"]
    assert len(deck["layers"][1]["data"]) == len(points)
    assert deck["mapStyle"] == charts.BLANK_STYLE


def test_a_click_on_a_circle_names_its_municipality(data: Dataset) -> None:
    points = tr.count_associations_by_municipality(data.associations, "it")
    deck = json.loads(charts.associations_by_municipality_deck(points, lang="it").to_json())
    circles = deck["layers"][1]
    assert circles["id"] == charts.POINTS_LAYER and circles["pickable"]
    # What the browser hands back for a click is the picked row of the layer's data.
    picked = {charts.POINTS_LAYER: [circles["data"][0]]}
    assert charts.picked_municipality(picked) == points.iloc[0]["municipality_istat"]
    assert charts.picked_municipality({}) is None
    assert charts.picked_municipality({"other-layer": [{"municipality_istat": "058091"}]}) is None


def test_map_tooltip_is_text_and_in_the_language(data: Dataset) -> None:
    points = tr.count_associations_by_municipality(data.associations, "en").head(1)
    points = points.assign(name="<b>Roma</b>", associations=1234)
    deck = charts.associations_by_municipality_deck(points, lang="en")
    assert deck._tooltip == {"text": "{tip}"}
    tip = json.loads(deck.to_json())["layers"][1]["data"][0]["tip"]
    assert tip == "<b>Roma</b>: 1,234 associations"


def test_community_bars_in_the_language() -> None:
    counts = pd.DataFrame(
        {"iso3": ["ROU", "MAR"], "associations": [1200, 30], "country": ["Romania", "Marocco"]}
    )
    fig = charts.associations_by_country_bar(counts, lang="it")
    bar = fig.data[0]
    assert bar.type == "bar"
    assert list(bar.y) == ["Marocco", "Romania"]  # largest on top
    assert list(bar.text) == ["30", "1.200"]
    assert fig.layout.separators == ",."


def test_origin_figures_count_only_the_chosen_origins(data: Dataset) -> None:
    senegalese = data.associations[data.associations[schema.A_COUNTRIES].map(lambda c: "SEN" in c)]
    view = Dataset(senegalese, data.projects.iloc[0:0], data.twinnings, data.residents)
    everything = tr.summarise_headline(view)
    chosen = tr.summarise_headline(view, {"SEN"})
    assert everything.origin_countries > 1  # some Senegalese associations have other origins
    assert chosen.origin_countries == 1
    assert chosen.associations == everything.associations == len(senegalese)
    counts = tr.count_associations_by_country(senegalese, "en", top=None, origins={"SEN"})
    assert counts[["iso3", "associations"]].values.tolist() == [["SEN", len(senegalese)]]


def test_map_opens_on_the_circles(data: Dataset) -> None:
    points = tr.count_associations_by_municipality(data.associations, "it")
    reggio = points[points["name"] == "Reggio nell'Emilia"]
    assert len(reggio) == 1, "the demo should have associations in Reggio Emilia"
    view = json.loads(charts.associations_by_municipality_deck(reggio, lang="it").to_json())
    state = view["initialViewState"]
    # One city: centred on it (Emilia), closer than the whole of Italy.
    assert (state["longitude"], state["latitude"]) == pytest.approx(
        (reggio["lon"].iloc[0], reggio["lat"].iloc[0]), abs=0.01
    )
    assert state["zoom"] > charts.ITALY_VIEW.zoom + 2
    # All of them: about the whole of Italy; none: Italy's fixed frame.
    whole = json.loads(charts.associations_by_municipality_deck(points, lang="it").to_json())
    assert 4 < whole["initialViewState"]["zoom"] < 6
    assert 40 < whole["initialViewState"]["latitude"] < 44
    empty = json.loads(
        charts.associations_by_municipality_deck(points.iloc[0:0], lang="it").to_json()
    )
    assert empty["initialViewState"]["zoom"] == charts.ITALY_VIEW.zoom


# -- the map as an SVG figure (the page's map offline) ------------------------------------------
def test_the_map_figure_has_outlines_and_one_circle_per_municipality(data: Dataset) -> None:
    fig = charts.associations_by_municipality_figure(data.associations, lang="en")
    points = tr.count_associations_by_municipality(data.associations, "en")
    assert [trace.meta for trace in fig.data] == ["world", "italy", "associations"]
    assert all(trace.type == "scatter" for trace in fig.data)  # SVG, never WebGL
    circles = fig.data[-1]
    assert len(circles.customdata) == len(points)
    assert set(circles.customdata) == {f"M|{code}" for code in points["municipality_istat"]}
    roma = list(circles.customdata).index("M|058091")
    assert circles.hovertext[roma].startswith("Roma: ")
    # As wide as its column, framed on Italy, panned by a drag.
    assert fig.layout.width is None and fig.layout.height == charts.MAP_SIZE[1]
    assert fig.layout.dragmode == "pan" and fig.layout.uirevision
    x0, x1 = fig.layout.xaxis.range
    assert x0 < 12.5 < x1 and 0 < x1 - x0 < 40


def test_a_click_on_a_figure_circle_names_its_municipality(data: Dataset) -> None:
    fig = charts.associations_by_municipality_figure(data.associations, lang="it")
    first = fig.data[-1].customdata[0]
    # What st.plotly_chart hands back for a click: the picked points, each with its customdata.
    picked = [{"curve_number": 2, "point_index": 0, "customdata": first}]
    assert charts.picked_municipality_point(picked) == first.removeprefix("M|")
    assert charts.picked_municipality_point([]) is None
    assert charts.picked_municipality_point([{"curve_number": 0, "point_index": 3}]) is None
    assert charts.picked_municipality_point([{"customdata": "L|058091|c:SEN"}]) is None
