"""The site under load: a throwaway database, gunicorn on a free loopback port, and wrk to drive it."""

# Every command here is a fixed argument list built from this file and the venv; none comes from input.
# ruff: noqa: S603, S607

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
WRK_SCRIPT = Path(__file__).with_name("wrk.lua")


def ensure_wrk() -> str:
    """wrk is Debian's `wrk` package; a fresh machine may lack it, so install it the way the machine installs
    everything else rather than fall back to a Python client that would steal the server's CPU."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise SystemExit("bench: wrk is not installed. Install it (Debian/Ubuntu: apt-get install wrk) and re-run.")
    print("bench: wrk is not installed; installing Debian's wrk package with apt-get.", flush=True)
    install = ["apt-get", "install", "-y", "-qq", "wrk"]
    if subprocess.run(install, stdout=subprocess.DEVNULL, check=False).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(install, stdout=subprocess.DEVNULL, check=True)
    return shutil.which("wrk") or "wrk"


def site_environment(workdir: Path, workers: int) -> dict[str, str]:
    """The settings `make run` uses, except a database of its own, so the bench never touches db.sqlite3, and the
    rate limit raised out of reach."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_config.settings",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "DJANGO_DEBUG": "false",
        "REDIS_URL": "",
        "WEB_CONCURRENCY": str(workers),
        "WEB_THREADS": "1",
        # wrk is one loopback address standing in for many patients. The limit stays switched on, so counting
        # each request is part of the cost measured, but high enough that wrk never reaches it.
        "RATELIMIT_RATE": "100000000/m",
    }


def prepare_database(env: dict[str, str]) -> None:
    manage = [PYTHON, "manage.py"]
    subprocess.run([*manage, "migrate", "--no-input", "--verbosity", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "load_content"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Site:
    base_url: str
    session: int  # gunicorn's master and workers share this session id, which is how their CPU time is found


@contextmanager
def gunicorn(env: dict[str, str], log_path: Path):
    """Yield the running server; stop it on the way out, whatever happened."""
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    # No control socket: its default path is shared by every gunicorn on the machine, so a bench server would
    # take it over from a `make run` server started earlier.
    command = [
        GUNICORN, "site_config.wsgi", "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
        "--no-control-socket",
    ]  # fmt: skip
    with open(log_path, "wb") as log:
        # A session of its own keeps a Ctrl-C in the terminal from reaching the workers before we stop them.
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True)
        try:
            _wait_until_healthy(base_url, process, log_path)
            yield Site(base_url, process.pid)
        finally:
            _stop(process)


def _wait_until_healthy(base_url: str, process: subprocess.Popen, log_path: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{_tail(log_path)}")
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:  # not listening yet, or busy starting workers
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


def _machine_ticks() -> tuple[int, int]:
    """Clock ticks all CPUs spent running processes, and ticks the hypervisor gave to other machines (steal).

    Interrupt time is left out: loopback traffic is handled there, and it is the benchmark's own, not a neighbour's.
    """
    user, nice, system, _idle, _iowait, _irq, _softirq, steal = map(int, Path("/proc/stat").read_text().split()[1:9])
    return user + nice + system, steal


def busy_share(seconds: float = 1.0) -> float:
    """Share of the machine's CPU in use over the next `seconds`, measured while the benchmark itself is idle."""
    tick = os.sysconf("SC_CLK_TCK")
    before, _ = _machine_ticks()
    time.sleep(seconds)
    after, _ = _machine_ticks()
    return (after - before) / tick / (seconds * (os.cpu_count() or 1))


def wait_for_quiet(budget: float, quiet: float) -> tuple[float, float]:
    """Wait, at most `budget` seconds, until other processes use less than `quiet` of the CPU.

    Returns the seconds waited and the last share seen. On a shared machine a neighbour's test run can take half
    the CPU for a minute; measuring in a gap between such bursts gives figures about the site, not the neighbour.
    """
    started = time.monotonic()
    share = busy_share()
    while share >= quiet and time.monotonic() - started + 1 <= budget:
        share = busy_share()
    return time.monotonic() - started, share


def _session_ticks(session: int) -> int:
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # the process ended while we looked
            continue
        # Fields after the command name, which may itself hold spaces: state is 3rd, session 6th, utime 14th.
        fields = text[text.rindex(")") + 2 :].split()
        if int(fields[3]) == session:
            total += int(fields[11]) + int(fields[12])
    return total


def _children_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_wrk(
    wrk: str, site: Site, path: str, *, seconds: float, connections: int, threads: int, json_body: str = ""
) -> dict:
    """One closed-loop wrk run: the line wrk.lua prints, parsed, plus where the machine's CPU went meanwhile.

    The machine may be shared, so CPU used by neither the server nor wrk is measured and reported: a busy
    neighbour lowers every figure, and the report says so rather than blaming the site.
    """
    command = [
        wrk, f"--threads={threads}", f"--connections={connections}", f"--duration={seconds:g}s",
        "--timeout=5s", f"--script={WRK_SCRIPT}", site.base_url + path,
    ]  # fmt: skip
    env = {**os.environ, "BENCH_JSON_BODY": json_body}
    tick = os.sysconf("SC_CLK_TCK")
    busy, steal = _machine_ticks()
    server, client, started = _session_ticks(site.session), _children_seconds(), time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=seconds + 60, check=False)
    capacity = (time.monotonic() - started) * (os.cpu_count() or 1)
    busy, steal = (now - before for now, before in zip(_machine_ticks(), (busy, steal), strict=True))
    server = (_session_ticks(site.session) - server) / tick
    client = _children_seconds() - client
    cpu = {
        "server": server / capacity,
        "client": client / capacity,
        "other": max(busy / tick - server - client, 0) / capacity,
        "steal": steal / tick / capacity,
    }
    for line in done.stdout.splitlines():
        if line.startswith("BENCH "):
            result = json.loads(line.removeprefix("BENCH "))
            shares = {key: round(value, 3) for key, value in cpu.items()}
            return result | {"cpu_share": shares, "cpu_seconds": {"server": server, "client": client}}
    raise RuntimeError(f"wrk printed no result for {path} (exit {done.returncode}):\n{done.stdout}\n{done.stderr}")
