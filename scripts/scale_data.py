"""Stores of the demo grown N times, for the benchmark (scripts/benchmark.py) and for trying
Ponti on more data than the demo has.

    .venv/bin/python scripts/scale_data.py 10          # a 10x store; prints its folder
    PONTI_DATA_DIR=$(.venv/bin/python scripts/scale_data.py 10) bash scripts/run.sh

Growth is realistic rather than a copy: the same communities, geography, funders and stages,
more of everything that happens in them.

- **associations**: each demo association gets N-1 sister associations in the same Italian
  municipality, with the same origin countries and territories, legal form and goals (a
  community's new associations look like its old ones); founding year, members, women- and
  youth-led, networks and names vary.
- **projects**: each demo project is repeated N-1 times for associations of the same
  community (the lead and partners are drawn among the demo association's sisters), with the
  same destination, goals, themes, DAC sector, funder, programme and stage; amounts and
  beneficiaries vary around the original (one factor per project, so granted never exceeds
  requested) and dates move by up to six months (past events stay in the past).
- **twinnings**: each demo twinning is repeated N-1 times with the same partner city, type
  and status, signed by an Italian municipality where that community lives (one that has an
  association of it), in a year near the original.
- **residents** and **calls** are not multiplied: residents are one row per year, province
  and citizenship (copies would double-count people) and calls a short list no page's cost
  grows with.

A scale below 1 (``0.1``) keeps that share of the associations, their projects and a share of
the twinnings: the benchmark's tiny mode uses it.

The result is a pure function of the demo files, the scale and SEED. Each store is written
once with ``ponti.store.Store`` (one version, labelled demo) into a folder named by a key of
the demo files, this generator's source and the scale, and reused afterwards.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ponti.store import Store

REPO = Path(__file__).resolve().parent.parent
DEMO_DIR = REPO / "data" / "demo"
# var/ is ignored by git (and already holds the dashboard's own store).
DEFAULT_CACHE = REPO / "var" / "benchmark" / "stores"
SEED = 20261201
# The demo's "today": moved dates of events that already happened stay before it.
AS_OF = pd.Timestamp("2026-06-30")
FIRST_DAY = pd.Timestamp("2015-01-01")
MAX_SHIFT_DAYS = 182
# Words that tell a community's sister associations apart ("Comunità Filippina di Roma ODV -
# Giovani 3"): names stay searchable by the community and the city.
NAME_WORDS = (
    "Giovani",
    "Donne",
    "Insieme",
    "Futuro",
    "Solidarietà",
    "Cultura",
    "Sviluppo",
    "Ponte",
    "Rete",
    "Seconda generazione",
)
DATE_COLUMNS = ("date_submitted", "date_decided", "date_start", "date_end")
PAST_COLUMNS = ("date_submitted", "date_decided")


def scale_label(scale: float) -> str:
    """How a scale is written in tables and folder names: 1x, 10x, 0.1x."""
    return f"{scale:g}x"


def copy_id(demo_id: str, copy: int) -> str:
    """The id of copy ``copy`` of a demo row (copy 0 is the demo row itself)."""
    return demo_id if copy == 0 else f"{demo_id}-{copy:03d}"


# -- the demo as the dashboard stores it --------------------------------------------------------
def demo_files() -> list[Path]:
    """The demo CSV files the stores are grown from."""
    return sorted(DEMO_DIR.glob("*.csv"))


def cache_key(scale: float, seed: int = SEED) -> str:
    """A short key of the demo files, this generator's source, the scale and the seed."""
    digest = hashlib.sha256()
    for path in [*demo_files(), Path(__file__)]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update(f"{scale!r}:{seed}".encode())
    return digest.hexdigest()[:12]


def _write_atomically(target: Path, build: Callable[[Store], None]) -> None:
    """Build a store in a hidden folder beside ``target``, then rename it into place (a run
    that stops half-way leaves nothing that looks finished)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        build(Store(tmp))
        try:
            os.rename(tmp, target)
        except OSError:
            if not (target / "CURRENT").is_file():  # not someone else's finished copy
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def demo_store(cache_dir: Path = DEFAULT_CACHE) -> Store:
    """The demo imported exactly as the dashboard seeds an empty store (cached)."""
    import loaders

    target = cache_dir / f"{scale_label(1)}-{cache_key(1)}"

    def build(store: Store) -> None:
        version, report = loaders.seed_demo(store)
        if version is None:
            raise SystemExit(report.to_text())

    if not (target / "CURRENT").is_file():
        _write_atomically(target, build)
    return Store(target)


# -- growth ---------------------------------------------------------------------------------------
def _jitter(rng: np.random.Generator, size: int, sigma: float) -> np.ndarray:
    return np.exp(rng.normal(0.0, sigma, size))


def _objects(values: Sequence[Any], index: pd.Index | None = None) -> pd.Series:
    """A column of Python objects (lists, text or None) as the store's frames hold them."""
    return pd.Series(list(values), index=index, dtype=object)


def _copies(rows: int, copies: int) -> list[int]:
    """Which copy (1..copies) each row of ``copies`` repetitions of ``rows`` rows is."""
    return [int(c) for c in np.repeat(np.arange(1, copies + 1), rows)]


def _grow_associations(demo: pd.DataFrame, copies: int, rng: np.random.Generator) -> pd.DataFrame:
    size = len(demo) * copies
    base = demo.iloc[np.tile(np.arange(len(demo)), copies)].reset_index(drop=True)
    copy = _copies(len(demo), copies)
    ids = [copy_id(i, c) for i, c in zip(base["association_id"], copy, strict=True)]
    words = np.array(NAME_WORDS, dtype=object)[rng.integers(0, len(NAME_WORDS), size)]
    acronyms = base["acronym"].fillna("ASS").astype(str)
    founded = base["founded_year"].astype("Float64").fillna(2008).to_numpy(dtype=float)
    members = base["members"].astype("Float64").fillna(50).to_numpy(dtype=float)
    keep_networks = rng.random(size) < 0.3
    grown = base.assign(
        association_id=ids,
        name=[f"{n} - {w} {c}" for n, w, c in zip(base["name"], words, copy, strict=True)],
        acronym=[f"{a}{c}" for a, c in zip(acronyms, copy, strict=True)],
        founded_year=np.clip(founded + rng.integers(-12, 13, size), 1970, 2025).astype(int),
        members=np.maximum(5, np.round(members * _jitter(rng, size, 0.5))).astype(int),
        women_led=rng.random(size) < demo["women_led"].fillna(False).astype(float).mean(),
        youth_led=rng.random(size) < demo["youth_led"].fillna(False).astype(float).mean(),
        networks=_objects(
            [list(n) if k else [] for n, k in zip(base["networks"], keep_networks, strict=True)]
        ),
        website=[
            f"https://{a.lower()}{c}.example.org" for a, c in zip(acronyms, copy, strict=True)
        ],
        contact_name=[f"Referente Demo {i}" for i in ids],
        contact_email=[f"referente.{i.lower()}@example.org" for i in ids],
        contact_phone=[f"+39 000 {c:03d} {n:04d}" for c, n in zip(copy, range(size), strict=True)],
    )
    return grown


def _shifted_dates(base: pd.DataFrame, rng: np.random.Generator) -> dict[str, pd.Series]:
    """Every project's dates moved by one number of days, within the demo's years, events
    that already happened kept before AS_OF."""
    dates = base[list(DATE_COLUMNS)]
    earliest = dates.min(axis=1)
    latest_past = base[list(PAST_COLUMNS)].max(axis=1)
    low = ((FIRST_DAY - earliest).dt.days.fillna(-MAX_SHIFT_DAYS)).clip(upper=0)
    high = ((AS_OF - latest_past).dt.days.fillna(MAX_SHIFT_DAYS)).clip(lower=0)
    wanted = rng.integers(-MAX_SHIFT_DAYS, MAX_SHIFT_DAYS + 1, len(base))
    shift = pd.to_timedelta(np.clip(wanted, low.to_numpy(), high.to_numpy()), unit="D")
    return {name: dates[name] + shift for name in DATE_COLUMNS}


def _amounts(base: pd.DataFrame, rng: np.random.Generator) -> dict[str, Any]:
    factor = _jitter(rng, len(base), 0.3)

    def scaled(name: str) -> np.ndarray:
        return np.round(base[name].to_numpy(dtype=float) * factor / 500) * 500

    beneficiaries = base["beneficiaries"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    return {
        "amount_requested": scaled("amount_requested"),
        "amount_granted": scaled("amount_granted"),
        "cofinancing": scaled("cofinancing"),
        "beneficiaries": pd.array(np.round(beneficiaries * factor), dtype="Int64"),
    }


def _grow_projects(
    demo: pd.DataFrame,
    names: dict[str, str],
    copies: int,
    sisters: int,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """``copies`` new versions of every demo project, led by (and partnered with) one of the
    ``sisters`` copies of the demo associations (0 = the demo association itself)."""
    size = len(demo) * copies
    base = demo.iloc[np.tile(np.arange(len(demo)), copies)].reset_index(drop=True)
    copy = _copies(len(demo), copies)
    leads = [
        copy_id(i, int(c))
        for i, c in zip(base["lead_association_id"], rng.integers(0, sisters, size), strict=True)
    ]
    partners = [
        [copy_id(p, int(c)) for p, c in zip(ids, rng.integers(0, sisters, len(ids)), strict=True)]
        for ids in base["partner_association_ids"]
    ]
    summaries = [
        None if pd.isna(text) else str(text).replace(names.get(old, "\0"), names.get(new, ""))
        for text, old, new in zip(base["summary"], base["lead_association_id"], leads, strict=True)
    ]
    return base.assign(
        project_id=[copy_id(i, c) for i, c in zip(base["project_id"], copy, strict=True)],
        lead_association_id=leads,
        partner_association_ids=_objects(partners),
        summary=_objects(summaries),
        **_shifted_dates(base, rng),
        **_amounts(base, rng),
    )


def _community_places(associations: pd.DataFrame) -> dict[str, np.ndarray]:
    """Origin country -> the Italian municipalities with an association of that community."""
    exploded = associations[["municipality_istat", "origin_countries"]].explode("origin_countries")
    return {
        str(country): np.array(sorted(set(group["municipality_istat"])), dtype=object)
        for country, group in exploded.dropna().groupby("origin_countries")
    }


def _grow_twinnings(
    demo: pd.DataFrame, associations: pd.DataFrame, copies: int, rng: np.random.Generator
) -> pd.DataFrame:
    size = len(demo) * copies
    base = demo.iloc[np.tile(np.arange(len(demo)), copies)].reset_index(drop=True)
    copy = _copies(len(demo), copies)
    places = _community_places(associations)
    municipalities = []
    for own, community, partner in zip(
        base["municipality_istat"], base["community_country"], base["partner_country"], strict=True
    ):
        choices = places.get(str(community)) if pd.notna(community) else None
        if choices is None:
            choices = places.get(str(partner))
        municipalities.append(own if choices is None else choices[rng.integers(0, len(choices))])
    moved = np.array(municipalities, dtype=object) != base["municipality_istat"].to_numpy(
        dtype=object
    )
    year = base["year_signed"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    return base.assign(
        twinning_id=[copy_id(i, c) for i, c in zip(base["twinning_id"], copy, strict=True)],
        municipality_istat=municipalities,
        year_signed=pd.array(
            np.clip(np.round(year + rng.integers(-6, 7, size)), 1950, 2026), dtype="Int64"
        ),
        # A twinning moved to another city no longer has the original city's projects.
        project_ids=_objects(
            [
                [] if m else [copy_id(p, c) for p in ids]
                for ids, m, c in zip(base["project_ids"], moved, copy, strict=True)
            ]
        ),
    )


def _shrink(
    tables: dict[str, pd.DataFrame], scale: float, rng: np.random.Generator
) -> dict[str, pd.DataFrame]:
    """A share ``scale`` of the associations, the projects they lead (partners among them)
    and the same share of the twinnings."""
    associations = tables["associations"]
    kept = associations.iloc[
        np.sort(rng.permutation(len(associations))[: max(5, round(len(associations) * scale))])
    ]
    ids = set(kept["association_id"])
    projects = tables["projects"]
    projects = projects[projects["lead_association_id"].isin(ids)]
    projects = projects.assign(
        partner_association_ids=_objects(
            [[p for p in ps if p in ids] for ps in projects["partner_association_ids"]],
            projects.index,
        )
    )
    project_ids = set(projects["project_id"])
    twinnings = tables["twinnings"]
    twinnings = twinnings.iloc[
        np.sort(rng.permutation(len(twinnings))[: max(3, round(len(twinnings) * scale))])
    ]
    twinnings = twinnings.assign(
        project_ids=_objects(
            [[p for p in ps if p in project_ids] for ps in twinnings["project_ids"]],
            twinnings.index,
        )
    )
    return {**tables, "associations": kept, "projects": projects, "twinnings": twinnings}


def grow(
    tables: dict[str, pd.DataFrame], scale: float, seed: int = SEED
) -> dict[str, pd.DataFrame]:
    """The demo's tables (as the store holds them) grown ``scale`` times (see the module's
    docstring); a whole scale of 2 or more, or a share below 1."""
    rng = np.random.default_rng(seed)
    if scale < 1:
        return _shrink(tables, scale, rng)
    if scale != int(scale):
        raise ValueError(f"a scale above 1 is a whole number, not {scale}")
    copies = int(scale) - 1
    if copies == 0:
        return dict(tables)
    demo_associations = tables["associations"]
    names = dict(zip(demo_associations["association_id"], demo_associations["name"], strict=True))
    new_associations = _grow_associations(demo_associations, copies, rng)
    names.update(zip(new_associations["association_id"], new_associations["name"], strict=True))
    new_projects = _grow_projects(tables["projects"], names, copies, copies + 1, rng)
    new_twinnings = _grow_twinnings(tables["twinnings"], demo_associations, copies, rng)
    return {
        **tables,
        "associations": pd.concat([demo_associations, new_associations], ignore_index=True),
        "projects": pd.concat([tables["projects"], new_projects], ignore_index=True),
        "twinnings": pd.concat([tables["twinnings"], new_twinnings], ignore_index=True),
    }


def scaled_store(scale: float, cache_dir: Path = DEFAULT_CACHE, seed: int = SEED) -> Store:
    """A store holding the demo grown ``scale`` times, built once and reused (see cache_key)."""
    base = demo_store(cache_dir)
    if scale == 1 and seed == SEED:
        return base
    target = cache_dir / f"{scale_label(scale)}-{cache_key(scale, seed)}"
    if (target / "CURRENT").is_file():
        return Store(target)

    def build(store: Store) -> None:
        tables = grow(base.read_all(), scale, seed)
        store.write_version(
            tables,
            note=f"The demo grown {scale_label(scale)} by scripts/scale_data.py (seed {seed})",
            demo=True,
        )

    _write_atomically(target, build)
    return Store(target)


# -- an import file -------------------------------------------------------------------------------
def projects_file(
    path: Path, rows: int, sisters: int, keep_ids: Sequence[str] = (), seed: int = SEED
) -> Path:
    """A projects CSV of ``rows`` rows in the demo file's own format (the text a person would
    import), its leads and partners among the associations of a store grown ``sisters`` times
    (ids from copy_id), so that it imports into that store. The first rows keep ``keep_ids``
    (the store's own projects, which its twinnings name: a file of a kind replaces that
    kind's table), the others get new ids."""
    rng = np.random.default_rng(seed + 1)
    source = pd.read_csv(DEMO_DIR / "projects.csv", dtype=str, keep_default_na=False)
    picks = np.resize(np.arange(len(source)), rows)
    frame = source.iloc[picks].reset_index(drop=True)
    factor = _jitter(rng, rows, 0.3)
    for name in ("amount_requested", "amount_granted", "cofinancing"):
        amounts = pd.to_numeric(frame[name], errors="coerce") * factor
        frame[name] = [("" if pd.isna(a) else str(int(round(a / 500) * 500))) for a in amounts]
    kept = list(keep_ids)[:rows]
    frame["project_id"] = kept + [f"PRJ-L{n:06d}" for n in range(1, rows - len(kept) + 1)]
    frame["lead_association_id"] = [
        copy_id(i, int(c))
        for i, c in zip(frame["lead_association_id"], rng.integers(0, sisters, rows), strict=True)
    ]
    frame["partner_association_ids"] = [
        "|".join(copy_id(p, int(rng.integers(0, sisters))) for p in text.split("|") if p)
        for text in frame["partner_association_ids"]
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False)
    return path


def counts(store: Store) -> dict[str, int]:
    """Rows per kind in the store's current version."""
    info = store.current()
    return dict(info.counts) if info is not None else {}


def main(argv: Sequence[str] | None = None) -> int:
    """Build (or find) the store of a scale and print its folder."""
    parser = argparse.ArgumentParser(
        description="Build a store of the demo grown N times (cached) and print its folder."
    )
    parser.add_argument("scale", type=float, help="multiple of the demo: 10, 100, or 0.1")
    parser.add_argument(
        "--cache-dir", type=Path, default=DEFAULT_CACHE, help="where stores are kept"
    )
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    if args.scale <= 0 or (args.scale > 1 and args.scale != int(args.scale)):
        parser.error("the scale is a whole number, or a share between 0 and 1")
    store = scaled_store(args.scale, args.cache_dir, args.seed)
    print(store.root)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
