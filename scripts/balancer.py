"""HAProxy with deploy/haproxy.cfg, as shipped, in front of Ponti replicas on loopback.

Shared by tests/test_replicas_browser.py (a version saved through one replica shows in the
other) and scripts/replicas_speed.py (page loads per second through the balancer). The file is
used as it is: its addresses come from the environment (PONTI_LB_BIND, PONTI_REPLICA_A,
PONTI_REPLICA_B), as README's "Several replicas" shows.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

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


def free_port() -> int:
    """A TCP port free on loopback at the moment of asking."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop(process: subprocess.Popen[Any]) -> None:
    """Stop a server process: asked first, killed after 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def answers(url: str) -> bool:
    """True when the Streamlit (or balancer) at url answers its health check."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
            return bool(reply.status == 200)
    except OSError:
        return False


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
