"""Start a Streamlit script headless on a free local port (for browser tests and benchmarks)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from dashboard.build import REPO_ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SERVER_FLAGS = ["--server.headless", "true", "--browser.gatherUsageStats", "false",
                "--server.address", "127.0.0.1"]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(script: Path, db: Path | None, log: Path, port: int | None = None,
          timeout: float = 60) -> tuple[subprocess.Popen, str]:
    """Run `streamlit run script` on RESOLUTIONS_DB=db; return the process and its base URL."""
    port = port or free_port()
    env = dict(os.environ)
    if db is not None:
        env["RESOLUTIONS_DB"] = str(db)
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
           *SERVER_FLAGS]
    proc = subprocess.Popen(cmd, cwd=REPO_ROOT, env=env, stdout=log.open("w"),
                            stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return proc, url
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"streamlit did not start: {log.read_text()[-2000:]}")


def stop(proc: subprocess.Popen) -> None:
    """Stop a server started by start()."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
