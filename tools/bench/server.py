"""The site under load: a throwaway database, gunicorn on a free loopback port, and wrk to drive it."""

# Every command here is a fixed argument list built from this file and the venv; none comes from input.
# ruff: noqa: S603, S607

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import time
from pathlib import Path

from tools import site_server

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
    """The shared production-style settings (gunicorn.conf.py's worker type and threads, as `make run` serves),
    with the bench's worker count and the rate limit raised out of reach: wrk is one loopback address standing in
    for many patients. The limit stays switched on, so counting each request is part of the cost measured, but wrk
    never reaches it."""
    return site_server.site_environment(workdir, WEB_CONCURRENCY=str(workers), RATELIMIT_RATE="100000000/m")


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
    wrk: str,
    site: site_server.Server,
    path: str,
    *,
    seconds: float,
    connections: int,
    threads: int,
    json_body: str = "",
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
    server, client, started = _session_ticks(site.pid), _children_seconds(), time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=seconds + 60, check=False)
    capacity = (time.monotonic() - started) * (os.cpu_count() or 1)
    busy, steal = (now - before for now, before in zip(_machine_ticks(), (busy, steal), strict=True))
    server = (_session_ticks(site.pid) - server) / tick
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
