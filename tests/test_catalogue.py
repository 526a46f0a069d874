"""The catalogue holds every string the UI shows, and only strings something shows.

Two checks read the source (``ast``, no Streamlit run):

* **No dead key** (``test_every_catalogue_key_is_used``): a key counts as used when the code
  names it (see ``SourceUses``), so a string nobody can see is removed, not translated twice.
* **No text around the catalogue** (``test_ui_text_comes_from_the_catalogue``): what the
  pages hand Streamlit to show comes from ``t``/``tn``, never as a literal.

``tests/test_i18n.py`` checks the other way round: every key the UI asks for exists.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ponti.catalogue import CATALOGUE

REPO = Path(__file__).resolve().parent.parent
UI_FILES = [REPO / "dashboard.py", REPO / "widgets.py", *sorted((REPO / "pages").glob("*.py"))]
# Where keys are used: the UI, and the package and loaders (charts and transforms write
# labels, hovers and tables). The catalogue itself names every key, so it is left out.
CODE_FILES = [
    *UI_FILES,
    *sorted(p for p in (REPO / "ponti").rglob("*.py") if "catalogue" not in p.parts),
    *sorted((REPO / "loaders").rglob("*.py")),
]
PLURAL_FORMS = ("one", "other")


# -- 1. no dead key ------------------------------------------------------------------------------
@dataclass
class SourceUses:
    """What the code says about catalogue keys.

    A key is used when

    * it is written as a string literal anywhere (``t("overview.title", ...)``, a filter's
      ``label_key="filters.region"``, a list of ``"metric.*"`` keys);
    * or it is ``<prefix><code>``, where ``<prefix>`` is the literal head of an f-string that
      ends with a dot (``t(f"bridges.measure.{code}")``, ``f"column.{spec.heading}"``) or the
      ``labels=`` argument of ``widgets.code_choice`` plus a dot, and ``<code>`` is a *known
      code*: a string literal of the code that is not a dict key (vocabulary tuples,
      ``MEASURES``, column headings...). Dict keys are left out on purpose: a mapping such as
      ``IATI_STATUS_TO_STAGE`` holds codes read from files, not codes the code shows.
    * A plural key ``<base>.one``/``<base>.other`` is used when ``<base>`` is read by ``tn``:
      as a literal first argument, or as a dotted f-string prefix with a known code.
    """

    literals: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    tn_bases: set[str] = field(default_factory=set)
    tn_prefixes: set[str] = field(default_factory=set)

    def uses(self, key: str) -> bool:
        """Whether the code reads this catalogue key."""
        base, _, form = key.rpartition(".")
        if form in PLURAL_FORMS:
            return base in self.tn_bases or self._built(base, self.tn_prefixes)
        return key in self.literals or self._built(key, self.prefixes)

    def _built(self, key: str, prefixes: Iterable[str]) -> bool:
        return any(
            key.startswith(prefix) and key.removeprefix(prefix) in self.literals
            for prefix in prefixes
        )


def _prefix(node: ast.expr) -> str | None:
    """The dotted literal head of an f-string (``"bridges.measure."``), else None."""
    if isinstance(node, ast.JoinedStr) and node.values:
        head = node.values[0]
        if isinstance(head, ast.Constant) and isinstance(head.value, str):
            return head.value if head.value.endswith(".") else None
    return None


def _called(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


class _KeyScanner(ast.NodeVisitor):
    def __init__(self, uses: SourceUses) -> None:
        self.uses = uses

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str):
            self.uses.literals.add(node.value)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        # The literal pieces of an f-string are fragments, not codes: only the expressions
        # inside its placeholders (f"x.{'a' if c else 'b'}") can name one.
        prefix = _prefix(node)
        if prefix:
            self.uses.prefixes.add(prefix)
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                self.visit(value.value)

    def visit_Dict(self, node: ast.Dict) -> None:
        for key in node.keys:
            if key is not None and not isinstance(key, ast.Constant):
                self.visit(key)
        for value in node.values:
            self.visit(value)

    def visit_Call(self, node: ast.Call) -> None:
        if _called(node) == "tn" and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                self.uses.tn_bases.add(first.value)
            prefix = _prefix(first)
            if prefix:
                self.uses.tn_prefixes.add(prefix)
        for keyword in node.keywords:
            value = keyword.value
            if keyword.arg == "labels" and isinstance(value, ast.Constant):
                self.uses.prefixes.add(f"{value.value}.")
        self.generic_visit(node)


def scan_keys(paths: Iterable[Path]) -> SourceUses:
    """Everything the code at these paths says about catalogue keys."""
    uses = SourceUses()
    scanner = _KeyScanner(uses)
    for path in paths:
        scanner.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    return uses


def unused_keys(catalogue: Iterable[str], uses: SourceUses) -> list[str]:
    """The keys of a catalogue that nothing in the scanned code reads."""
    return sorted(key for key in catalogue if not uses.uses(key))


def test_every_catalogue_key_is_used() -> None:
    unused = unused_keys(CATALOGUE, scan_keys(CODE_FILES))
    assert unused == [], f"catalogue keys nothing uses (remove them): {unused}"


@pytest.mark.parametrize(
    ("source", "key", "used"),
    [
        ('t("a.b", lang)', "a.b", True),
        ('t("a.b", lang)', "a.c", False),
        ('SPEC = Spec(label_key="a.b")', "a.b", True),
        ('MEASURES = ("x", "y")\nt(f"a.m.{m}", lang)', "a.m.y", True),
        ('MEASURES = ("x", "y")\nt(f"a.m.{m}", lang)', "a.m.z", False),
        # A code only in a mapping's keys does not make a key of it.
        ('TO = {"z": "x"}\nt(f"a.m.{m}", lang)', "a.m.z", False),
        ("t(f\"a.{'p' if c else 'q'}\", lang)", "a.q", True),
        # An f-string's own text is not a code: "a.m.b" is not built here.
        ('t(f"a.m.{m}.b", lang)', "a.m.b", False),
        ('code_choice(st, label, ("x",), labels="a.m")', "a.m.x", True),
        ('tn("a.count", n, lang)', "a.count.one", True),
        ('tn("a.count", n, lang)', "a.count.other", True),
        ('t("a.count", lang)', "a.count.one", False),
        ('MEASURES = ("x",)\ni18n.tn(f"count.{m}", n, lang)', "count.x.other", True),
    ],
)
def test_the_key_scan_tells_used_from_unused(
    tmp_path: Path, source: str, key: str, used: bool
) -> None:
    path = tmp_path / "module.py"
    path.write_text(source, encoding="utf-8")
    assert scan_keys([path]).uses(key) is used


# -- 2. no text around the catalogue -------------------------------------------------------------
# Streamlit calls that show their first argument (or ``label``/``body``) to the user, whether
# called on ``st`` or on a column, container, tab or the sidebar.
SHOWING_CALLS = frozenset(
    {
        "title",
        "header",
        "subheader",
        "caption",
        "markdown",
        "info",
        "warning",
        "error",
        "success",
        "button",
        "download_button",
        "metric",
        "selectbox",
        "multiselect",
        "radio",
        "toggle",
        "slider",
        "expander",
        "tabs",
        "segmented_control",
        "pills",
    }
)
# Keyword arguments shown to the user as well.
SHOWING_KEYWORDS = ("label", "body", "help", "placeholder")


def _literal_text(node: ast.expr) -> Iterator[str]:
    """The literal text an expression writes itself (not the text of calls inside it)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        for value in node.values:
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                yield value.value
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        yield from _literal_text(node.left)
        yield from _literal_text(node.right)
    elif isinstance(node, ast.List | ast.Tuple):  # st.tabs([...])
        for element in node.elts:
            yield from _literal_text(element)


def _shown(node: ast.Call) -> Iterator[ast.expr]:
    if node.args:
        yield node.args[0]
    yield from (k.value for k in node.keywords if k.arg in SHOWING_KEYWORDS)


def bypassing_strings(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every literal with letters that a showing call gets directly.

    The rule: the label or body of a Streamlit call that shows text (``SHOWING_CALLS``, and
    its ``help``/``placeholder``) is a ``t(...)``/``tn(...)`` call or a value built from
    them. A string literal, an f-string or a ``+`` concatenation may wrap them only in
    punctuation and markup without letters (``f"**{t(key, lang)}**"``,
    ``t(a, lang) + ": " + summary``): any letter written in the code would stay in one
    language. Expressions the scan cannot read (a variable, a call) are trusted; the
    catalogue checks in tests/test_i18n.py cover the keys those calls read.
    """
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in SHOWING_CALLS
        ):
            continue
        for argument in _shown(node):
            found += [
                (node.lineno, text)
                for text in _literal_text(argument)
                if any(ch.isalpha() for ch in text)
            ]
    return found


@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_ui_text_comes_from_the_catalogue(path: Path) -> None:
    assert bypassing_strings(path) == [], f"{path.name}: text not taken from the catalogue"


@pytest.mark.parametrize(
    ("source", "bypasses"),
    [
        ('st.title("Panoramica")', True),
        ('st.sidebar.subheader("Filtri")', True),
        ('left.metric("Progetti", value)', True),
        ('st.caption(f"SDG {goal}")', True),
        ('st.caption(t("a", lang) + " in total")', True),
        ('st.tabs([t("a", lang), "Regioni"])', True),
        ('st.selectbox(t("a", lang), options, help="Scegli")', True),
        ('where.segmented_control("Misura", options=codes)', True),
        ('st.title(t("a", lang))', False),
        ("st.markdown(f\"**{t('a', lang)}**\")", False),
        ('st.caption(t("a", lang) + ": " + summary)', False),
        ('st.info(t("a", lang), icon=":material/science:")', False),
        ("st.caption(label)", False),
        ("name.title()", False),
    ],
)
def test_the_text_scan_catches_literals(tmp_path: Path, source: str, bypasses: bool) -> None:
    path = tmp_path / "page.py"
    path.write_text(source, encoding="utf-8")
    assert bool(bypassing_strings(path)) is bypasses
