"""Ponti servers on loopback and visitors that speak Streamlit's own protocol.

Shared by the benchmark (scripts/benchmark.py: the ``load``, ``memory`` and ``browser``
sections), the replicas' figures (scripts/balancer.py, scripts/replicas_speed.py) and the
tests' servers (tests/conftest.py): one way to find a free port, start ``streamlit run
serve.py`` on a store, see that it answers, stop it, and load it with many sessions.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ponti.store import DATA_DIR_ENV

REPO = Path(__file__).resolve().parent.parent
SERVE = REPO / "serve.py"
LOAD_QUERY = "lang=it"  # the address every load visit opens (Italian, no filter)


class ServerError(RuntimeError):
    """A Streamlit process did not start (the message holds the end of its log)."""


def free_port() -> int:
    """A TCP port free on loopback at the moment of asking."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def answers(url: str) -> bool:
    """True when the Streamlit (or balancer) at url answers its health check."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
            return bool(reply.status == 200)
    except OSError:
        return False


def stop(process: subprocess.Popen[Any]) -> None:
    """Stop a server process: asked first, killed after 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def median(values: Sequence[float]) -> float | None:
    """The median, rounded to the millisecond (None without values)."""
    return round(statistics.median(values), 3) if values else None


def load_average() -> list[str]:
    """The machine's 1, 5 and 15 minute load averages: other work on the machine slows every
    figure down, the load says how much there was."""
    with contextlib.suppress(OSError):
        return Path("/proc/loadavg").read_text().split()[:3]
    return []


# -- a real server --------------------------------------------------------------------------------
@dataclass
class Server:
    """A ``streamlit run serve.py`` process: its address, pid and when it was launched."""

    url: str
    process: subprocess.Popen[bytes]
    launched: float
    ready_s: float = 0.0

    def rss_mb(self) -> float:
        """The server process's resident memory (VmRSS), MB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        kb = int(re.search(r"^VmRSS:\s+(\d+)", status, flags=re.MULTILINE).group(1))  # type: ignore[union-attr]
        return round(kb / 1024, 1)


@contextlib.contextmanager
def serve(
    root: Path,
    log_dir: Path,
    before_launch: Callable[[], None] | None = None,
    *,
    env: Mapping[str, str] | None = None,
    timeout: float = 120,
) -> Iterator[Server]:
    """Ponti served by a fresh Streamlit process on loopback from the store at root (or the
    store ``env`` names: its settings win), its log in log_dir; stopped on leaving. Raises
    ServerError, with the log's end, when it does not answer within ``timeout`` seconds."""
    port = free_port()
    env = {**os.environ, DATA_DIR_ENV: str(root), **(env or {})}
    log_path = log_dir / f"streamlit-{port}.log"
    if before_launch is not None:
        before_launch()
    with open(log_path, "w") as log:
        launched = time.monotonic()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(SERVE),
                *("--server.port", str(port), "--server.address", "127.0.0.1"),
                *("--server.headless", "true"),
            ],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        server = Server(f"http://127.0.0.1:{port}", process, launched)
        try:
            deadline = launched + timeout
            while not answers(server.url):
                if process.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    raise ServerError("Streamlit did not start:\n" + log_path.read_text()[-3000:])
                time.sleep(0.05)
            server.ready_s = round(time.monotonic() - launched, 3)
            yield server
        finally:
            stop(process)


# -- load: many visitors speaking Streamlit's protocol -------------------------------------------
# The page name a browser's rerun_script carries for each page (its URL path; "" for the
# default page at the root).
LOAD_PAGE_NAMES = {"overview": "", "bridges": "bridges"}
LOAD_VISIT_TIMEOUT = 120.0  # a run that has not finished by then counts as an error
LOAD_RAMP_S = 1.0  # the sessions start spread over this long, not in one burst
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (all its threads), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS


def percentile(values: Sequence[float], share: float) -> float | None:
    """The nearest-rank percentile (share in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(share / 100 * len(ordered))))
    return round(ordered[rank - 1], 3)


def rerun_message(page: str, query: str = "") -> bytes:
    """The BackMsg a new browser tab sends to run a page: the page's URL path and query
    string, and no widget states (a new tab has none yet)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: TID251 (the protocol, not the UI)

    message = BackMsg()
    message.rerun_script.query_string = query
    message.rerun_script.page_name = LOAD_PAGE_NAMES.get(page, page)
    return message.SerializeToString()


@dataclass
class LoadVisit:
    """One visit: seconds from the rerun request to the finished run (None if it never
    finished), bytes received, and what went wrong (None when nothing did)."""

    seconds: float | None
    received: int
    error: str | None = None


async def visit_page(
    url: str, page: str, query: str = "", timeout: float = LOAD_VISIT_TIMEOUT
) -> LoadVisit:
    """Open a session on the server at `url`, run `page` as a new tab does and read every
    message until the run finishes."""
    import websockets
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: TID251 (the protocol, not the UI)

    received, error = 0, None
    started = time.monotonic()
    try:
        async with asyncio.timeout(timeout):
            async with websockets.connect(
                url.replace("http://", "ws://", 1) + "/_stcore/stream",
                subprotocols=[websockets.Subprotocol("streamlit")],
                origin=websockets.Origin(url),
                max_size=None,
                compression=None,
                # A browser sends no websocket pings: a client that did would give up on a
                # busy server (no pong within 20 s) where a browser keeps waiting.
                ping_interval=None,
                # The handshake waits as long as the visit may (a busy server accepts late).
                open_timeout=None,
            ) as socket_:
                started = time.monotonic()
                await socket_.send(rerun_message(page, query))
                async for data in socket_:
                    received += len(data)
                    message = ForwardMsg()
                    message.ParseFromString(data if isinstance(data, bytes) else data.encode())
                    kind = message.WhichOneof("type")
                    if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                        element = message.delta.new_element
                        if element.WhichOneof("type") == "exception" and error is None:
                            error = f"{element.exception.type}: {element.exception.message[:120]}"
                    elif kind == "page_not_found" and error is None:
                        error = f"page not found: {page!r}"
                    elif kind == "script_finished":
                        status = message.script_finished
                        if status == ForwardMsg.FINISHED_SUCCESSFULLY:
                            return LoadVisit(round(time.monotonic() - started, 3), received, error)
                        if status != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                            return LoadVisit(None, received, error or f"run ended: {status}")
                return LoadVisit(None, received, error or "connection closed before the run ended")
    except TimeoutError as exc:
        waited = time.monotonic() - started
        said = f"no finished run in {timeout:g} s" if waited >= timeout - 1 else f"timeout: {exc}"
        return LoadVisit(None, received, error or said)
    except Exception as exc:  # a refused or broken connection is a measured error
        return LoadVisit(None, received, error or f"{type(exc).__name__}: {exc}"[:160])


async def load_round(
    url: str, page: str, sessions: int, seconds: float, rss: Callable[[], float]
) -> tuple[list[LoadVisit], float, float]:
    """`sessions` clients visiting `page` again and again for `seconds` (a visit under way
    at the end is finished); the visits, the wall time and the server's peak RSS."""
    visits: list[LoadVisit] = []
    begun = time.monotonic()
    deadline = begun + seconds
    peak = rss()
    done = asyncio.Event()

    async def client(number: int) -> None:
        await asyncio.sleep(LOAD_RAMP_S * number / max(sessions, 1))
        while time.monotonic() < deadline:
            visits.append(await visit_page(url, page, LOAD_QUERY))

    async def sample() -> None:
        nonlocal peak
        while not done.is_set():
            with contextlib.suppress(OSError, AttributeError, ValueError):
                peak = max(peak, rss())
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(done.wait(), 0.25)

    sampler = asyncio.create_task(sample())
    await asyncio.gather(*(client(n) for n in range(sessions)))
    done.set()
    await sampler
    return visits, time.monotonic() - begun, peak


def load_row(
    page: str, sessions: int, visits: list[LoadVisit], wall: float, cpu: dict[str, float]
) -> dict[str, Any]:
    timed = [v.seconds for v in visits if v.seconds is not None and v.error is None]
    failed = [v for v in visits if v.error is not None or v.seconds is None]
    errors: dict[str, int] = {}
    for v in failed:
        errors[str(v.error)] = errors.get(str(v.error), 0) + 1
    return {
        "page": page,
        "sessions": sessions,
        "seconds": round(wall, 1),
        "visits": len(visits),
        "errors": len(failed),
        "median_s": median(timed),
        "p95_s": percentile(timed, 95),
        "max_s": round(max(timed), 3) if timed else None,
        "visits_per_s": round(len(visits) / wall, 2) if wall else None,
        "server_cpu_per_load_s": round(cpu["server"] / len(visits), 3) if visits else None,
        "server_cpu_share": round(cpu["server"] / wall, 2) if wall else None,
        "client_cpu_s": round(cpu["client"], 1),
        "kb_per_visit": round(sum(v.received for v in visits) / len(visits) / 1024, 1)
        if visits
        else None,
        "rss_before_mb": cpu["rss_before"],
        "rss_peak_mb": cpu["rss_peak"],
        "rss_after_mb": cpu["rss_after"],
        "first_errors": "; ".join(f"{n}x {e}" for e, n in list(errors.items())[:3]) or None,
    }
