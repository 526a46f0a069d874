"""The word lists in data/vocabulary/ and the demo's source tables in data/demo-source/:
every row parses, points at a real column or code, and means one thing only.

Domain staff edit these files by hand; these tests are what stops a typo from silently
dropping a header or a word. Failures list the file's line numbers.
"""

from __future__ import annotations

import csv
import re
import tomllib
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest

from loaders import normalise as nz
from ponti import schema
from ponti.i18n import VOCABULARIES

REPO = Path(__file__).resolve().parent.parent
VOCABULARY_DIR = REPO / "data" / "vocabulary"
DEMO_SOURCE_DIR = REPO / "data" / "demo-source"
HEADERS = VOCABULARY_DIR / "headers.csv"
WORDS = VOCABULARY_DIR / "vocabularies.csv"


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for every data row; strict UTF-8, so a wrong encoding fails."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return [(reader.line_num, row) for row in reader]


def _bool_key(text: str) -> str:
    return nz.fold(text).strip().rstrip(".!")


# vocabulary -> the codes its words may name, and the key parse_* looks words up by.
VOCABULARY_RULES: dict[str, tuple[tuple[str, ...], Callable[[str], str]]] = {
    "stage": (schema.STAGES, nz.words),
    "theme": (schema.THEMES, nz.words),
    "funder_type": (schema.FUNDER_TYPES, nz.words),
    "twinning_type": (schema.TWINNING_TYPES, nz.words),
    "twinning_status": (schema.TWINNING_STATUSES, nz.words),
    "applicant": (schema.APPLICANTS, nz.words),
    "boolean": (("true", "false"), _bool_key),
    "month": (tuple(str(m) for m in range(1, 13)), nz.fold),
    "kind": (schema.KINDS, nz.header_key),
}
# Vocabularies whose codes are not words people write: each code needs a word of its own.
WORD_ONLY = ("boolean", "month", "kind")


# -- the files parse ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "required"),
    [
        (HEADERS, ("kind", "column", "alias")),
        (WORDS, ("vocabulary", "code", "alias")),
    ],
    ids=["headers", "vocabularies"],
)
def test_word_lists_parse_with_no_blank_fields(path: Path, required: tuple[str, ...]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == [*required, "note"]
    bad = [
        line
        for line, row in _rows(path)
        if None in row or any(not (row[f] or "").strip() for f in required)
    ]
    assert bad == [], f"{path.name}: empty or extra cells on lines {bad}"
    assert _rows(path), f"{path.name} has no rows"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("kind,column,alias,note\nprojects,stage,,\n", "line 2: empty alias"),
        ("kind,column,alias,note\nprojects,stage\n", "line 2: empty alias"),
        ("kind,column,alias,note\n  ,stage,fase,\n", "line 2: empty kind"),
        ("kind,colonna,alias,note\nprojects,stage,fase,\n", "no column column"),
    ],
)
def test_the_loader_refuses_a_broken_word_list(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "headers.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(nz.VocabularyFileError, match=message):
        nz.read_word_list(path, ("kind", "column", "alias"))


def test_the_loader_reads_a_spreadsheet_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "headers.csv"
    path.write_text("kind,column,alias,note\nprojects,stage, fase ,\n", encoding="utf-8-sig")
    assert nz.read_word_list(path, ("kind", "column", "alias")) == [("projects", "stage", "fase")]


@pytest.mark.parametrize(
    ("path", "loaded"),
    [(HEADERS, nz.load_header_aliases), (WORDS, nz.load_vocabulary_aliases)],
    ids=["headers", "vocabularies"],
)
def test_the_module_keeps_every_row_in_file_order(
    path: Path, loaded: Callable[[], dict[str, dict[str, tuple[str, ...]]]]
) -> None:
    # Row order is priority (for headers, codes before names), so nothing may be reordered.
    expected: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for _, row in _rows(path):
        group, key, alias, *_ = (value.strip() for value in row.values())
        expected[group][key].append(alias)
    found = {g: {k: list(a) for k, a in keys.items()} for g, keys in loaded().items()}
    assert found == expected


# -- every row points at something real ---------------------------------------------------
def test_every_header_alias_names_a_column_of_its_kind() -> None:
    columns = {kind: {c.name for c in cols} for kind, cols in schema.COLUMNS.items()}
    bad = [
        (line, row["kind"], row["column"])
        for line, row in _rows(HEADERS)
        if row["column"] not in columns.get(row["kind"], set())
    ]
    assert bad == [], f"headers.csv: unknown kind or column on lines {bad}"


def test_every_vocabulary_is_known() -> None:
    unknown = sorted({row["vocabulary"] for _, row in _rows(WORDS)} - set(VOCABULARY_RULES))
    assert unknown == [], f"vocabularies.csv: unknown vocabularies {unknown}"


@pytest.mark.parametrize(
    ("vocabulary", "codes"),
    [(v, codes) for v, (codes, _) in VOCABULARY_RULES.items()],
    ids=list(VOCABULARY_RULES),
)
def test_every_vocabulary_alias_names_a_real_code(vocabulary: str, codes: tuple[str, ...]) -> None:
    rows = [(line, row) for line, row in _rows(WORDS) if row["vocabulary"] == vocabulary]
    assert rows, f"vocabularies.csv has no words for {vocabulary}"
    bad = [(line, row["code"]) for line, row in rows if row["code"] not in codes]
    assert bad == [], f"vocabularies.csv: unknown {vocabulary} codes on lines {bad}"
    if vocabulary in WORD_ONLY:
        missing = sorted(set(codes) - {row["code"] for _, row in rows})
        assert missing == [], f"vocabularies.csv: no word for {vocabulary} {missing}"


# -- no word means two things -------------------------------------------------------------
@pytest.mark.parametrize("kind", schema.KINDS)
def test_no_header_means_two_columns(kind: str) -> None:
    # The canonical names count too: they are accepted headers, listed before the aliases.
    meanings: dict[str, set[str]] = defaultdict(set)
    for column in schema.column_names(kind):
        meanings[nz.header_key(column)].add(column)
    lines: dict[str, list[int]] = defaultdict(list)
    for line, row in _rows(HEADERS):
        if row["kind"] == kind:
            key = nz.header_key(row["alias"])
            meanings[key].add(row["column"])
            lines[key].append(line)
    clashes = {key: (sorted(cols), lines[key]) for key, cols in meanings.items() if len(cols) > 1}
    assert clashes == {}, f"headers.csv: {kind} headers with two columns {clashes}"


@pytest.mark.parametrize(
    ("vocabulary", "key"),
    [(v, key) for v, (_, key) in VOCABULARY_RULES.items()],
    ids=list(VOCABULARY_RULES),
)
def test_no_word_means_two_codes(vocabulary: str, key: Callable[[str], str]) -> None:
    meanings: dict[str, set[str]] = defaultdict(set)
    # The codes and their Italian and English labels are accepted words too.
    for code, labels in VOCABULARIES.get(vocabulary, {}).items():
        for text in (code, labels["en"], labels["it"]):
            meanings[key(text)].add(code)
    lines: dict[str, list[int]] = defaultdict(list)
    for line, row in _rows(WORDS):
        if row["vocabulary"] == vocabulary:
            meanings[key(row["alias"])].add(row["code"])
            lines[key(row["alias"])].append(line)
    clashes = {k: (sorted(codes), lines[k]) for k, codes in meanings.items() if len(codes) > 1}
    assert clashes == {}, f"vocabularies.csv: {vocabulary} words with two codes {clashes}"


def test_no_file_name_word_hides_inside_another_kinds_word() -> None:
    # kind_from_name looks for the words inside the name: "progetti" inside a residents word
    # would make every such file ambiguous.
    pairs = [
        (a, b)
        for kind_a, words_a in nz.KIND_WORDS.items()
        for kind_b, words_b in nz.KIND_WORDS.items()
        if kind_a != kind_b
        for a in words_a
        for b in words_b
        if a in b
    ]
    assert pairs == []


def test_month_names_are_single_words() -> None:
    # parse_date matches the month as one run of letters ("1 marzo 2024").
    bad = [
        (line, row["alias"])
        for line, row in _rows(WORDS)
        if row["vocabulary"] == "month" and not re.fullmatch(r"[a-z]+", nz.fold(row["alias"]))
    ]
    assert bad == [], f"vocabularies.csv: month names that parse_date cannot match {bad}"


# -- the demo's source tables -------------------------------------------------------------
DEMO_TABLES = sorted(p.name for p in DEMO_SOURCE_DIR.glob("*.csv"))


@pytest.mark.parametrize("name", DEMO_TABLES)
def test_demo_source_tables_parse(name: str) -> None:
    path = DEMO_SOURCE_DIR / name
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert all(header) and len(set(header)) == len(header), f"{name}: bad header {header}"
    rows = _rows(path)
    assert rows, f"{name} has no rows"
    bad = [line for line, row in rows if None in row or None in row.values()]
    assert bad == [], f"{name}: lines with too many or too few cells {bad}"


@pytest.mark.parametrize(
    ("name", "column", "codes"),
    [
        ("themes.csv", "theme", schema.THEMES),
        ("funder_types.csv", "funder_type", schema.FUNDER_TYPES),
        ("programmes.csv", "funder_type", schema.FUNDER_TYPES),
        ("legal_forms.csv", "legal_form", None),
        ("twinning_types.csv", "type", schema.TWINNING_TYPES),
        ("twinning_statuses.csv", "status", schema.TWINNING_STATUSES),
        ("communities.csv", "iso3", None),
        ("calls.csv", "funder_type", schema.FUNDER_TYPES),
    ],
)
def test_demo_source_codes_are_real_and_keys_unique(
    name: str, column: str, codes: tuple[str, ...] | None
) -> None:
    values = [(line, row[column]) for line, row in _rows(DEMO_SOURCE_DIR / name)]
    if codes is None:  # a key: present and unique
        keys = [v for _, v in values]
        assert all(keys) and len(set(keys)) == len(keys), f"{name}: empty or repeated {column}"
    else:
        bad = [(line, v) for line, v in values if v not in codes]
        assert bad == [], f"{name}: unknown {column} on lines {bad}"


def test_demo_years_name_real_stages() -> None:
    with (DEMO_SOURCE_DIR / "years.csv").open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    stages = [c for c in header if c not in ("year", "project_weight", "note")]
    assert stages and set(stages) <= set(schema.STAGES), stages


def test_demo_archetypes_parse_and_agree_with_the_schema() -> None:
    with (DEMO_SOURCE_DIR / "archetypes.toml").open("rb") as handle:
        source = tomllib.load(handle)
    sets = source["country_sets"]
    problems = []
    for arch in source["archetype"]:
        key = arch["key"]
        if not set(arch["themes"]) <= set(schema.THEMES):
            problems.append((key, "themes", arch["themes"]))
        if not set(arch["goals"]) <= set(schema.SDG_GOALS):
            problems.append((key, "goals", arch["goals"]))
        for goal, targets in arch["targets"].items():
            if int(goal) not in arch["goals"] or any(not t.startswith(f"{goal}.") for t in targets):
                problems.append((key, "targets", goal))
        if "countries" in arch and arch["countries"] not in sets:
            problems.append((key, "countries", arch["countries"]))
        if not set(arch.get("funders", {})) <= set(schema.FUNDER_TYPES):
            problems.append((key, "funders", arch["funders"]))
        if not (arch["titles"] and arch["summaries"] and re.fullmatch(r"\d{5}", arch["dac"])):
            problems.append((key, "titles, summaries or dac", arch["dac"]))
    assert problems == []


def test_every_data_file_is_described_in_the_readme() -> None:
    readme = (REPO / "data" / "README.md").read_text(encoding="utf-8")
    files = [*VOCABULARY_DIR.iterdir(), *DEMO_SOURCE_DIR.iterdir()]
    missing = sorted(p.name for p in files if f"`{p.name}`" not in readme)
    assert missing == [], f"data/README.md does not describe {missing}"
