"""The site as production serves it: gunicorn with gunicorn.conf.py, DEBUG off, on a free loopback port, with a
throwaway SQLite database holding the starter articles."""

# Every command here is a fixed argument list built from this file and the venv; none comes from input.
# ruff: noqa: S603

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


def site_environment(workdir: Path) -> dict[str, str]:
    """The settings `make run` uses, except a database of its own so the audit never touches db.sqlite3."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_config.settings",
        "DATABASE_URL": f"sqlite:///{workdir / 'audit.sqlite3'}",
        "DJANGO_DEBUG": "false",
        "REDIS_URL": "",
        # Two workers leave the second core to Chromium, whose timings Lighthouse's performance score rests on.
        "WEB_CONCURRENCY": "2",
    }


def prepare_database(env: dict[str, str], clinic: dict[str, str]) -> None:
    """The starter articles, and one clinic so that the pages a clinic's patients see can be checked too."""
    manage = [PYTHON, "manage.py"]
    subprocess.run([*manage, "migrate", "--no-input", "--verbosity", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "load_content"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    create = f"from education.models import Clinic; Clinic.objects.create(**{clinic!r})"
    subprocess.run([*manage, "shell", "--command", create], cwd=ROOT, env=env, check=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(env: dict[str, str], log_path: Path) -> Iterator[int]:
    """Yield the port of the running server; stop it on the way out, whatever happened."""
    port = _free_port()
    # No control socket: its default path is shared by every gunicorn on the machine, so this server would take
    # it over from a `make run` server started earlier.
    command = [
        GUNICORN, "site_config.wsgi", "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
        "--no-control-socket",
    ]  # fmt: skip
    with open(log_path, "wb") as log:
        # A session of its own keeps a Ctrl-C in the terminal from reaching the workers before they are stopped.
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True)
        try:
            _wait_until_healthy(port, process, log_path)
            yield port
        finally:
            _stop(process)


def _wait_until_healthy(port: int, process: subprocess.Popen, log_path: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{_tail(log_path)}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:  # not listening yet, or still starting its workers
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer /healthz within {timeout:.0f} s:\n{_tail(log_path)}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
