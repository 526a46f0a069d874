"""HAProxy with deploy/haproxy.cfg, as shipped, in front of Ponti replicas on loopback.

Shared by tests/test_replicas_browser.py (a version saved through one replica shows in the
other) and the replicas' figures (``replicas_at``: page loads per second through the balancer
versus one process; the benchmark's ``replicas`` section and scripts/replicas_speed.py). The file is
used as it is: its addresses come from the environment (PONTI_LB_BIND, PONTI_REPLICA_A,
PONTI_REPLICA_B), as README's "Several replicas" shows.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from ponti.store import Store
from scripts.serving import (
    LOAD_QUERY,
    Server,
    answers,
    cpu_seconds,
    free_port,
    load_average,
    load_round,
    load_row,
    serve,
    stop,
    visit_page,
)

REPO = Path(__file__).resolve().parent.parent
HAPROXY_CONFIG: Final = REPO / "deploy" / "haproxy.cfg"
# The replicas' variables in deploy/haproxy.cfg, one per "server" line, in its order.
REPLICA_VARIABLES: Final = ("PONTI_REPLICA_A", "PONTI_REPLICA_B")
MISSING: Final = (
    "No haproxy found: install Debian's haproxy (apt-get install haproxy; .ci/run and "
    "scripts/test.sh do)."
)


class BalancerError(RuntimeError):
    """HAProxy is missing, or did not start (the message holds its log)."""


@dataclass
class Balancer:
    """A running HAProxy: the address visitors use, and its process (for its CPU time)."""

    url: str
    process: subprocess.Popen[bytes]


def find_haproxy() -> str | None:
    """HAProxy on PATH, or Debian's /usr/sbin/haproxy (not on a normal user's PATH)."""
    found = shutil.which("haproxy")
    if found:
        return found
    debian = Path("/usr/sbin/haproxy")
    return str(debian) if debian.is_file() else None


@contextlib.contextmanager
def haproxy(replicas: Sequence[str], log: Path, *, start_timeout: float = 30) -> Iterator[Balancer]:
    """HAProxy with deploy/haproxy.cfg in front of the replicas (``http://host:port`` or
    ``host:port`` each, as many as the file has server lines), on a free loopback port;
    stopped on leaving. Raises BalancerError when HAProxy is missing or does not answer."""
    if len(replicas) != len(REPLICA_VARIABLES):
        raise ValueError(f"deploy/haproxy.cfg has {len(REPLICA_VARIABLES)} replicas")
    program = find_haproxy()
    if program is None:
        raise BalancerError(MISSING)
    port = free_port()
    env = {**os.environ, "PONTI_LB_BIND": f"127.0.0.1:{port}"}
    for variable, address in zip(REPLICA_VARIABLES, replicas, strict=True):
        env[variable] = address.removeprefix("http://").rstrip("/")
    with open(log, "w") as out:
        # -db: stay in the foreground (stopped with the process), log to the file.
        process = subprocess.Popen(
            [program, "-db", "-f", str(HAPROXY_CONFIG)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        balancer = Balancer(f"http://127.0.0.1:{port}", process)
        try:
            deadline = time.monotonic() + start_timeout
            while not answers(balancer.url):
                if process.poll() is not None or time.monotonic() > deadline:
                    out.flush()
                    raise BalancerError("HAProxy did not start:\n" + log.read_text()[-3000:])
                time.sleep(0.2)
            yield balancer
        finally:
            stop(process)


# -- two replicas versus one process ---------------------------------------------------------------
PAGE: Final = "overview"
ONE: Final = "one process"
TWO: Final = "2 replicas + HAProxy"


@contextlib.contextmanager
def _two_replicas(store: Store, log_dir: Path) -> Iterator[tuple[list[Server], Balancer]]:
    """Two Ponti processes on one store behind HAProxy (deploy/haproxy.cfg)."""
    with (
        serve(store.root, log_dir) as first,
        serve(store.root, log_dir) as second,
        haproxy([first.url, second.url], log_dir / "haproxy.log") as balancer,
    ):
        yield [first, second], balancer


def _warm(servers: Sequence[Server]) -> None:
    # One unmeasured visit on each process, at its own address: imports and cached reads are
    # warm, as they are for every visitor but a process's first.
    for server in servers:
        warm = asyncio.run(visit_page(server.url, PAGE, LOAD_QUERY))
        if warm.error is not None:
            raise RuntimeError(f"warm-up visit of {PAGE} at {server.url} failed: {warm.error}")


def _loaded(
    setup: str,
    url: str,
    servers: Sequence[Server],
    balancer: Balancer | None,
    sessions: int,
    seconds: float,
) -> dict[str, Any]:
    """`sessions` clients visiting Overview at `url` for `seconds`: one row of figures."""
    pids = [server.process.pid for server in servers]

    def rss() -> float:
        return round(sum(server.rss_mb() for server in servers), 1)

    def cpu_of(pid: int) -> float:
        return cpu_seconds(pid)

    time.sleep(1)  # the previous round's sessions closed
    rss_before = rss()
    server_cpu = [cpu_of(pid) for pid in pids]
    balancer_cpu = cpu_of(balancer.process.pid) if balancer else 0.0
    client_cpu = time.process_time()
    load_before = load_average()
    visits, wall, peak = asyncio.run(load_round(url, PAGE, sessions, seconds, rss))
    used = [cpu_of(pid) - before for pid, before in zip(pids, server_cpu, strict=True)]
    cpu = {
        "server": sum(used),
        "client": time.process_time() - client_cpu,
        "rss_before": rss_before,
        "rss_peak": peak,
    }
    balancer_used = cpu_of(balancer.process.pid) - balancer_cpu if balancer else None
    time.sleep(2)
    cpu["rss_after"] = rss()
    row = load_row(PAGE, sessions, visits, wall, cpu)
    finished = row["visits"] - row["errors"]
    return {
        "setup": setup,
        "processes": len(servers),
        **row,
        # Visits that ended in a finished run, per second: a refused visit ends at once, and
        # its client starts the next, so visits_per_s alone would reward failing fast.
        "finished_per_s": round(finished / wall, 2) if wall else None,
        # How the work fell on the replicas: CPU seconds each (an even spread: alike).
        "server_cpu_each_s": " / ".join(f"{u:.1f}" for u in used),
        "haproxy_cpu_s": round(balancer_used, 2) if balancer_used is not None else None,
        "load_before": " ".join(load_before),
        "load_after": " ".join(load_average()),
    }


def _gain(rows: list[dict[str, Any]]) -> None:
    # Each replicas row: how many times the finished visits per second of the one process
    # measured just before it.
    for row in rows:
        if row["setup"] != TWO:
            continue
        one = next(
            (
                r
                for r in rows
                if r["setup"] == ONE
                and r["sessions"] == row["sessions"]
                and r["round"] == row["round"]
            ),
            None,
        )
        if one and one.get("finished_per_s") and row.get("finished_per_s") is not None:
            row["vs_one_process"] = round(row["finished_per_s"] / one["finished_per_s"], 2)


def replicas_at(
    store: Store, sessions: Sequence[int], seconds: float, log_dir: Path, repeat: int = 1
) -> list[dict[str, Any]]:
    """One process, then two replicas behind HAProxy, loaded in turn by each number of
    sessions for `seconds` on Overview, `repeat` times: one row per set-up, number of
    sessions and round. All three processes are started first (an idle one costs no CPU) and
    the set-ups alternate, so that other work on the machine weighs on both alike."""
    rows: list[dict[str, Any]] = []
    with serve(store.root, log_dir) as alone, _two_replicas(store, log_dir) as pair:
        servers, balancer = pair
        _warm([alone, *servers])
        for count in sessions:
            for turn in range(1, repeat + 1):
                one = _loaded(ONE, alone.url, [alone], None, count, seconds)
                two = _loaded(TWO, balancer.url, servers, balancer, count, seconds)
                rows += [{"round": turn, **one}, {"round": turn, **two}]
    _gain(rows)
    return rows
