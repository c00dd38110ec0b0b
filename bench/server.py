"""The production server for the benchmarks: gunicorn with the Dockerfile's config, on loopback."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, extra: tuple[str, ...] = (), log=subprocess.DEVNULL) -> subprocess.Popen:
    """gunicorn as the Dockerfile runs it (gunicorn.conf.py), bound to 127.0.0.1 only."""
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "--config", "gunicorn.conf.py", *extra]
        + ["--bind", f"127.0.0.1:{port}", "app:create_app()"],
        cwd=ROOT,
        stdout=log,
        stderr=log,
    )
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1)
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not start")
