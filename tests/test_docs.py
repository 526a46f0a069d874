"""The README stays true: every column, setting and page it should document is there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ponti import schema

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")
CODE_FILES = [
    p
    for p in REPO.rglob("*.py")
    if ".venv" not in p.parts and "tests" not in p.parts and "var" not in p.parts
]


@pytest.mark.parametrize(
    ("kind", "column"),
    [(kind, col.name) for kind, cols in schema.COLUMNS.items() for col in cols],
)
def test_every_column_is_documented(kind: str, column: str) -> None:
    section = README.split(f"### {kind}", 1)[1].split("\n### ", 1)[0]
    assert f"`{column}`" in section, f"README's {kind} table lacks `{column}`"


def test_every_environment_setting_is_documented() -> None:
    settings: set[str] = set()
    for path in CODE_FILES:
        settings |= set(re.findall(r"\bPONTI_[A-Z_]+\b", path.read_text(encoding="utf-8")))
    assert "PONTI_DATA_DIR" in settings
    for name in sorted(settings):
        assert f"`{name}`" in README, f"{name} is read by the code but not in README"


def test_every_page_is_listed() -> None:
    pages = sorted(p.stem for p in (REPO / "pages").glob("*.py"))
    dashboard = (REPO / "dashboard.py").read_text(encoding="utf-8")
    for page in pages:
        assert f'"{page}.py"' in dashboard, f"pages/{page}.py is not in the navigation"
    table = README.split("## What you see", 1)[1].split("\n## ", 1)[0]
    assert table.count("\n| ") - 1 >= len(pages), "README's page table misses a page"


def test_every_image_of_the_readme_exists_and_every_page_has_its_screenshots() -> None:
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README)
    images += re.findall(r'<img src="([^"]+)"', README)
    assert images
    for image in images:
        assert (REPO / image).is_file(), f"README shows {image}, which does not exist"
    from scripts import screenshot

    for name in screenshot.file_names():
        assert f"docs/{name}" in images, f"README does not show docs/{name}"


def test_the_two_commands_exist() -> None:
    for script in ("scripts/run.sh", "scripts/test.sh"):
        assert f"bash {script}" in README
        assert (REPO / script).is_file()
    assert "scripts/test.sh" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
