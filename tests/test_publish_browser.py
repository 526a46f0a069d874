"""The static publish of the public views (``python -m ponti publish``): written from the demo
store, served by ``python -m http.server`` as any web server would, opened in Chromium: every
view drawn with the embedded view's own figures, nothing fetched from the internet, no personal
data anywhere in the folder."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ponti import embed, privacy, schema
from ponti import filters as flt
from ponti import publish as pub
from ponti.store import Store
from ponti.transforms import Dataset, apply_filters
from ponti.transforms import twinnings as twinnings_tf
from scripts.serving import free_port
from tests.conftest import REPO

pytestmark = pytest.mark.browser
ADDRESSES = (
    "view=map",
    "view=sdg",
    "view=funding&fu_measure=eur",
    "view=twinnings",
    "view=city&code=035033",
    "view=association&id=ASS-0011",
    "view=map&origin=SEN",
)
# What each view draws once its data has arrived.
DRAWN = {
    "map": "#chart .main-svg .scatterlayer",
    "twinnings": "#chart .main-svg .scatterlayer",
    "sdg": "#chart .main-svg",
    "funding": "#chart .main-svg",
    "city": ".card",
    "association": "li",
}


@pytest.fixture
def site(demo_store: Store, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The publish of ADDRESSES, written by the command and served on loopback."""
    folder = tmp_path / "site"
    env = {"PONTI_DATA_DIR": str(demo_store.root), "PATH": "/usr/bin:/bin"}
    command = [
        sys.executable,
        "-m",
        "ponti",
        "publish",
        str(folder),
        "--ponti-url",
        "https://ponti.example.org",
    ]
    for address in ADDRESSES:
        command += ["--address", address]
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "14 pagine scritte" in done.stdout
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}", folder
    finally:
        server.terminate()
        server.wait(timeout=10)


def _expected(store: Store, address: str, lang: str) -> embed.EmbedView:
    frames = privacy.public_tables(store.read_all())
    data = Dataset.from_tables(frames)
    params = pub.parse_address(address)
    filters = flt.filters_from_params(
        params, options=flt.filter_options(frames), year_bounds=flt.year_bounds(data.projects)
    )
    source = embed.Source(
        data=data,
        view=apply_filters(data, filters),
        filters=filters,
        pairs=lambda: twinnings_tf.opportunity_pairs(data),
    )
    return embed.build_view(embed.parse_request({**params, "lang": [lang]}), source)


def test_every_published_view_is_drawn_offline_with_the_embeds_figures(
    site: tuple[str, Path], demo_store: Store, page: Any
) -> None:
    url, folder = site
    manifest = json.loads((folder / pub.MANIFEST).read_text())
    version = demo_store.current()
    assert version is not None and manifest["version"] == version.version_id
    assert manifest["demo"] is True
    page.set_viewport_size({"width": 600, "height": 900})
    for address in ADDRESSES:
        slug = pub._slug(pub.parse_address(address))
        view = pub.parse_address(address)["view"][0]
        for lang in ("it", "en"):
            expected = _expected(demo_store, address, lang)
            page.goto(f"{url}/{lang}/{slug}.html", wait_until="load")
            page.wait_for_selector(DRAWN[view], timeout=60_000)
            assert page.locator("h1").inner_text() == expected.title
            values = page.locator(".figure .value").all_inner_texts()
            assert values == [f.value for f in expected.figures], (address, lang)
            text = page.locator("main").inner_text()
            assert version.version_id in text
            # The demo says it is the demo; the link opens the same view in Ponti.
            assert "illustrativ" in text.lower()
            link = page.locator("a.open").get_attribute("href")
            assert link == f"https://ponti.example.org/{expected.link}"
            # Nothing wider than the frame.
            overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
            assert overflow <= 1, (address, lang)
    # The map's outlines, links and points are drawn (SVG, no WebGL), and a point answers a
    # hover with its tooltip.
    page.goto(f"{url}/en/map.html", wait_until="load")
    page.wait_for_selector("#chart .scatterlayer .point", timeout=60_000)
    assert page.locator("#chart .scatterlayer .trace").count() >= 4
    shot = page.locator("#chart").screenshot()
    assert len(shot) > 15_000
    page.locator("#chart .scatterlayer .point").last.hover(force=True)
    page.wait_for_selector("#chart .hoverlayer .hovertext", timeout=10_000)
    assert "association" in (page.locator("#chart .hoverlayer").text_content() or "")
    assert page.external_requests == []


def test_a_publish_holds_no_personal_data_and_replaces_only_a_publish(
    site: tuple[str, Path], demo_store: Store, tmp_path: Path
) -> None:
    _, folder = site
    associations = demo_store.read(schema.ASSOCIATIONS)
    contacts = {
        str(v).strip()
        for column in sorted(schema.PRIVATE_COLUMNS)
        for v in associations[column].dropna()
        if str(v).strip()
    }
    assert len(contacts) > 100
    for path in folder.rglob("*"):
        if path.suffix in {".html", ".json"}:
            text = path.read_text(encoding="utf-8")
            assert not [c for c in contacts if c in text], path
    # A folder that is not a publish is never replaced; a publish is, whole.
    other = tmp_path / "not-a-publish"
    other.mkdir()
    (other / "keep.txt").write_text("mine")
    with pytest.raises(pub.PublishError):
        pub.publish(demo_store, other, addresses=("view=sdg",))
    assert (other / "keep.txt").read_text() == "mine"
    pages = pub.publish(demo_store, folder, addresses=("view=sdg",), langs=("en",))
    assert [p.path for p in pages] == ["en/sdg.html"]
    assert not (folder / "it").exists() and (folder / "en" / "sdg.html").is_file()
    with pytest.raises(pub.PublishError):
        pub.publish(demo_store, folder, addresses=("view=nothing",))
    assert (folder / "en" / "sdg.html").is_file()
