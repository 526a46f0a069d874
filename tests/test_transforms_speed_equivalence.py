"""The fast paths of the hot transforms (#16) give what the plain per-row readings give.

Each test keeps the straightforward reading that a transform used before it was made fast
(a Python call per row, a filter per agreement) and compares it with the transform, on the
demo grown 10 times in memory by scripts/scale_data.py and on values chosen to reach the
fallbacks (tuples, text, floats, booleans, missing values). Nothing here is timed.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ponti import filters as flt
from ponti import i18n, reference, schema
from ponti.store import Store
from ponti.transforms import Dataset, apply_filters
from ponti.transforms import agenda as ag
from ponti.transforms import associations as at
from ponti.transforms import bridges as bt
from ponti.transforms import overview as ov
from ponti.transforms import twinnings as tw
from scripts import scale_data


@pytest.fixture(scope="module")
def data(_seeded_template: Path) -> Dataset:
    """The demo grown 10 times (in memory), as a page's view sees it."""
    grown = scale_data.grow(Store(_seeded_template).read_all(), 10)
    return apply_filters(Dataset.from_tables(grown), flt.Filters())


ODD_GOALS = pd.Series(
    [
        [4, 4, 17, 0, 18, 1],
        (5, 3),
        "12",
        [4.7, "6", " 7", True, None, float("nan"), pd.NA, "x", [1]],
        np.array([2, 2, 9]),
        [],
        None,
        [np.int64(3), 3, 16],
    ],
    dtype=object,
)


def _plain_goal_rows(lists: pd.Series) -> list[tuple[int, int]]:
    return [(row, goal) for row, values in enumerate(lists) for goal in ag._valid_goals(values)]


@pytest.mark.parametrize("column", ["projects", "associations", "odd"])
def test_goal_rows_read_every_row_as_valid_goals_does(data: Dataset, column: str) -> None:
    lists = {
        "projects": data.projects[schema.P_SDGS],
        "associations": data.associations[schema.A_SDGS],
        "odd": ODD_GOALS,
    }[column]
    rows, goals = ag._goal_rows(lists)
    assert list(zip(rows.tolist(), goals.tolist(), strict=True)) == _plain_goal_rows(lists)


def test_projects_of_goal_and_counts_follow_valid_goals(data: Dataset) -> None:
    projects = data.projects
    for goal in (1, 4, 16):
        mask = projects[schema.P_SDGS].map(lambda values, g=goal: g in ag._valid_goals(values))
        pd.testing.assert_frame_equal(ag.projects_of_goal(projects, goal), projects[mask])
    goals = data.associations[schema.A_SDGS].map(ag._valid_goals).explode().dropna()
    counts = goals.astype("int64").value_counts().reindex(list(schema.SDG_GOALS), fill_value=0)
    assert ag.count_associations_by_goal(data.associations).tolist() == counts.tolist()


def _plain_fold(text: object) -> str:
    decomposed = unicodedata.normalize("NFKD", at._text(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[\W_]+", " ", plain.casefold()).split())


HOSTILE_TEXTS = [
    "İstanbul",
    "Ærø_x__y",
    "a\u0301b",
    "\u0301start",
    "ß straße",
    "ﬁ ligature",
    "Σίσυφος",
    "  spaced   out  ",
    "",
    None,
    float("nan"),
    "e\u0308\u0301",
    "日本語",
    "\u00a0nbsp\u2009thin",
    "a\x00b",
]


def test_fold_all_folds_each_text_as_fold_does(data: Dataset) -> None:
    texts = [*data.associations[schema.A_NAME].tolist(), *HOSTILE_TEXTS]
    expected = [_plain_fold(text) for text in texts]
    assert [at.fold(text) for text in texts] == expected
    assert at.fold_all(texts) == expected
    assert at.fold_all(HOSTILE_TEXTS[:3]) == expected[-len(HOSTILE_TEXTS) :][:3]
    assert at.fold_all([]) == []


def _plain_participations(projects: pd.DataFrame) -> pd.DataFrame:
    leads = pd.DataFrame(
        {
            schema.A_ID: projects[schema.P_LEAD].astype("object"),
            schema.P_ID: projects[schema.P_ID].astype("object"),
            "role": at.LEAD,
        }
    )
    partners = projects[[schema.P_ID, schema.P_PARTNERS]].assign(
        **{schema.P_PARTNERS: projects[schema.P_PARTNERS].map(at._codes)}
    )
    partners = partners.explode(schema.P_PARTNERS).dropna(subset=[schema.P_PARTNERS])
    partner_rows = pd.DataFrame(
        {
            schema.A_ID: partners[schema.P_PARTNERS].astype("object"),
            schema.P_ID: partners[schema.P_ID].astype("object"),
            "role": at.PARTNER,
        }
    )
    both = pd.concat([leads, partner_rows], ignore_index=True).dropna(subset=[schema.A_ID])
    both = both.astype({schema.A_ID: str, schema.P_ID: str})
    return both.drop_duplicates([schema.A_ID, schema.P_ID], ignore_index=True)


def test_participations_as_read_row_by_row(data: Dataset) -> None:
    projects = data.projects
    pd.testing.assert_frame_equal(at.participations(projects), _plain_participations(projects))
    odd = projects.head(6).copy()
    odd[schema.P_PARTNERS] = pd.Series(
        [["ASS-0002", ""], ("ASS-0003",), "ASS-0004", None, np.array(["ASS-0005"]), []],
        index=odd.index,
        dtype=object,
    )
    pd.testing.assert_frame_equal(at.participations(odd), _plain_participations(odd))


def test_like_projects_match_whatever_form_the_lists_take(data: Dataset) -> None:
    projects = data.projects
    association = at.find_association(
        data.associations, at.busiest_association(data.associations, projects)
    )
    assert association is not None
    interests = at.interests_of(association, at.projects_of(projects, association[schema.A_ID]))
    fast = at.like_projects(projects, interests)
    # Tuples are not the stored form: every row is then read one by one.
    as_tuples = projects.assign(
        **{
            schema.P_SDGS: projects[schema.P_SDGS].map(tuple),
            schema.P_THEMES: projects[schema.P_THEMES].map(tuple),
        }
    )
    slow = at.like_projects(as_tuples, interests)
    assert fast[schema.P_ID].tolist() == slow[schema.P_ID].tolist()
    for column in ("shared_goals", "shared_themes", "shared_country", "matches"):
        assert fast[column].tolist() == slow[column].tolist()


def _plain_dormant_active(data: Dataset) -> list[tuple[str, list[str], list[str]]]:
    twinnings = data.twinnings
    dormant = twinnings[twinnings[schema.T_STATUS].astype("string") == tw.DORMANT]
    associations = data.associations[[schema.A_ID, schema.A_MUNICIPALITY, schema.A_COUNTRIES]]
    community = associations.explode(schema.A_COUNTRIES).dropna(subset=[schema.A_COUNTRIES])
    led = data.projects[[schema.P_ID, schema.P_LEAD, schema.P_COUNTRY]].merge(
        community,
        left_on=[schema.P_LEAD, schema.P_COUNTRY],
        right_on=[schema.A_ID, schema.A_COUNTRIES],
    )
    rows = []
    for twinning in dormant.itertuples(index=False):
        municipality = str(getattr(twinning, schema.T_MUNICIPALITY))
        country = str(getattr(twinning, schema.T_PARTNER_COUNTRY))
        evidence = led[
            (led[schema.A_MUNICIPALITY] == municipality) & (led[schema.P_COUNTRY] == country)
        ]
        if not evidence.empty:
            rows.append(
                (
                    str(getattr(twinning, schema.T_ID)),
                    sorted(set(evidence[schema.A_ID].astype(str))),
                    sorted(set(evidence[schema.P_ID].astype(str))),
                )
            )
    return sorted(rows)


def test_dormant_active_finds_the_evidence_a_filter_per_agreement_finds(data: Dataset) -> None:
    frame = tw.dormant_active(data)
    assert not frame.empty
    found = sorted(
        zip(
            frame[schema.T_ID].tolist(),
            frame["association_ids"].tolist(),
            frame["project_ids"].tolist(),
            strict=True,
        )
    )
    assert found == _plain_dormant_active(data)
    described = tw.describe_dormant(frame, data, "it")
    names = data.associations.set_index(schema.A_ID)[schema.A_NAME].astype(str)
    assert described["association_names"].tolist() == [
        sorted(str(names.get(i, i)) for i in ids) for ids in frame["association_ids"]
    ]


def test_place_lookups_match_the_gazetteer(data: Dataset) -> None:
    places = bt._places_index()
    values = pd.concat(
        [
            data.projects[schema.P_TERRITORY],
            pd.Series(["free text", None, "", "0"], dtype="string"),
        ],
        ignore_index=True,
    )
    keys = ("t:" + values.astype("string")).astype(object)
    expected = keys.where(keys.map(lambda k: isinstance(k, str) and k in places.index))
    pd.testing.assert_series_equal(bt._known_territory(values), expected)
    for place in [*places.index[:50], *places.index[-50:], "t:nowhere"]:
        row = places.loc[[place]].reset_index() if place in places.index else None
        title = str(bt.place_names(row, "en").iloc[0]) if row is not None else place
        assert bt._place_title(place, "en") == title
    municipalities = reference.load_municipalities().set_index("municipality_istat")["name"]
    for code in [*municipalities.index[:20], "999999"]:
        assert tw.municipality_name(code) == str(municipalities.get(code, code))


def test_latest_projects_rank_every_project(data: Dataset) -> None:
    today = date(2026, 12, 1)
    projects = data.projects
    events = projects[[schema.P_START, schema.P_DECIDED, schema.P_SUBMITTED]]
    latest = events.where(events <= pd.Timestamp(today)).max(axis=1)
    ranked = pd.DataFrame({"date": latest, "title": projects[schema.P_TITLE]}).sort_values(
        ["date", "title"], ascending=[False, True], na_position="last"
    )
    for limit in (1, 10, 50):
        table = ov.latest_projects(data, "it", today=today, limit=limit)
        chosen = projects.loc[ranked.index[:limit]]
        assert table["title"].tolist() == chosen[schema.P_TITLE].tolist()
        assert table["destination"].tolist() == [
            i18n.country_name(c, "it") for c in chosen[schema.P_COUNTRY]
        ]


@pytest.mark.parametrize(
    "choice",
    [
        at.DirectoryChoice(),
        at.DirectoryChoice(query="ass"),
        at.DirectoryChoice(themes=("health", "education")),
        at.DirectoryChoice(women_led=True),
        at.DirectoryChoice(query="zzzq"),
    ],
)
def test_directory_rows_are_the_directory_of_the_found_associations(
    data: Dataset, choice: at.DirectoryChoice
) -> None:
    everyone = at.directory_table(data.associations, data.projects, "it")
    found = at.filter_directory(data.associations, choice)
    pd.testing.assert_frame_equal(
        at.directory_rows(everyone, data.associations, data.projects, found, "it"),
        at.directory_table(found, data.projects, "it"),
    )


def test_directory_rows_with_a_repeated_id_read_the_found_rows_themselves(data: Dataset) -> None:
    associations = data.associations.head(40).copy()
    associations.iloc[1, associations.columns.get_loc(schema.A_ID)] = associations[
        schema.A_ID
    ].iloc[0]
    everyone = at.directory_table(associations, data.projects, "en")
    found = associations.iloc[[0, 5, 9]]
    pd.testing.assert_frame_equal(
        at.directory_rows(everyone, associations, data.projects, found, "en"),
        at.directory_table(found, data.projects, "en"),
    )


@pytest.mark.parametrize("origins", [None, ("MAR", "SEN")])
def test_map_links_made_once_give_the_arcs_and_extent_made_alone(
    data: Dataset, origins: tuple[str, ...] | None
) -> None:
    links = bt.map_links(data, origins)
    for measure, dimension in [
        ("associations", "sdg"),
        ("projects", "stage"),
        ("granted", "funder_type"),
    ]:
        pd.testing.assert_frame_equal(
            bt.link_arcs(data, measure, dimension, origins, links=links),
            bt.link_arcs(data, measure, dimension, origins),
        )
    pd.testing.assert_frame_equal(
        bt.map_extent(data, origins, links=links), bt.map_extent(data, origins)
    )
    pd.testing.assert_frame_equal(
        bt.twinning_arcs(data.twinnings, links=links.twinnings), bt.twinning_arcs(data.twinnings)
    )


def test_link_cells_write_what_urlencode_writes() -> None:
    from urllib.parse import urlencode

    import widgets

    codes = pd.Series(
        ["ASS-0001", "058091", "a b&c=d", "città/è", "x~y.z_1", None, float("nan"), pd.NA, 7],
        dtype=object,
    )
    link = widgets.Link(page="association", param="id", codes="association_code")
    for lang in i18n.LANGS:
        expected = [
            None if pd.isna(code) else f"association?{urlencode({'id': str(code), 'lang': lang})}"
            for code in codes
        ]
        assert widgets._link_cells(codes, link, lang) == expected


@pytest.mark.parametrize(
    "splits",
    [
        [[], None, ["SEN:100"], ("MAR:50",)],
        [[], ["SEN:60", "MLI:40"]],
        [["SEN:60", "bad"], np.array(["SEN:50", "MLI:50"])],
        [["x", "y"], "SEN:50,MLI:50", float("nan")],
    ],
)
def test_has_split_reads_what_the_split_pairs_say(splits: list[object]) -> None:
    from ponti.transforms import common

    projects = pd.DataFrame({schema.P_SPLIT: pd.Series(splits, dtype=object)})
    plain = any(len(schema.split_shares(items)) > 1 for items in splits)
    assert common.has_split(projects) is plain
