"""The site as production serves it, for the benchmark, the load test and the audit: gunicorn with
gunicorn.conf.py, DEBUG off, on a free loopback port, with a throwaway SQLite database holding the starter articles.
"""

# Every command here is a fixed argument list built from this file and the venv; none comes from input.
# ruff: noqa: S603

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


def site_environment(workdir: Path, **settings: str) -> dict[str, str]:
    """The settings `make run` uses, except a database and media folder of its own, so a tool never touches
    db.sqlite3 or media/, and any settings the tool names (WEB_CONCURRENCY, RATELIMIT_ENABLE, ...)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_config.settings",
        "DATABASE_URL": f"sqlite:///{workdir / 'site.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_DEBUG": "false",
        "REDIS_URL": "",
        **settings,
    }


def manage(env: dict[str, str], *arguments: str, quiet: bool = False) -> None:
    output = subprocess.DEVNULL if quiet else None
    subprocess.run([PYTHON, "manage.py", *arguments], cwd=ROOT, env=env, check=True, stdout=output)


def prepare_database(env: dict[str, str]) -> None:
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    manage(env, "load_content", quiet=True)


@dataclass(frozen=True)
class Server:
    port: int
    pid: int  # gunicorn's master; its workers share its session id

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def gunicorn(env: dict[str, str], log_path: Path, *, healthy: bool = True) -> Iterator[Server]:
    """Yield the running server once it answers /healthz (with 200, or with any answer when it is expected to be
    unhealthy); stop it on the way out, whatever happened."""
    port = _free_port()
    command = [GUNICORN, "site_config.wsgi", "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
    with open(log_path, "wb") as log:
        # A session of its own keeps a Ctrl-C in the terminal from reaching the workers before they are stopped.
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True)
        try:
            server = Server(port, process.pid)
            _wait_until_healthy(server, process, log_path, healthy=healthy)
            yield server
        finally:
            _stop(process)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_healthy(
    server: Server, process: subprocess.Popen, log_path: Path, *, healthy: bool, timeout: float = 30
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{tail(log_path)}")
        try:
            with urllib.request.urlopen(f"{server.base_url}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except urllib.error.HTTPError:  # it answers, unhealthy
            if not healthy:
                return
        except OSError:  # not listening yet, or still starting its workers
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer /healthz within {timeout:.0f} s:\n{tail(log_path)}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
