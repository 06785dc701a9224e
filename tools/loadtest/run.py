"""`make loadtest`: serve the site production-style on loopback and drive it with locust; exit 1 on any error.

The server is the one `make run` starts (gunicorn with gunicorn.conf.py, DEBUG off, whitenoise), on a free
loopback port with a throwaway SQLite database holding the starter articles, so db.sqlite3 is never touched.
The summary goes to .loadtest/summary.json; gunicorn's log to .loadtest/server.log.
"""

# Every command here is a fixed argument list built from this file and the venv; none comes from input.
# ruff: noqa: S603

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from tools import site_server
from tools.loadtest.report import format_report

ROOT = site_server.ROOT
PYTHON = site_server.PYTHON
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
OUTPUT_DIR = ROOT / ".loadtest"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of load, counted from the first user")
    parser.add_argument("--users", type=int, default=50, help="concurrent simulated visitors")
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started per second")
    parser.add_argument("--think", type=float, default=0.5, help="longest pause between pages, in seconds")
    return parser.parse_args()


def main() -> int:
    args = _arguments()
    OUTPUT_DIR.mkdir(exist_ok=True)
    summary_path = OUTPUT_DIR / "summary.json"
    summary_path.unlink(missing_ok=True)
    load_before = os.getloadavg()[0]
    workdir = Path(tempfile.mkdtemp(prefix="leg-pain-loadtest-"))
    try:
        env = _site_environment(workdir)
        print(f"loadtest: migrating and loading the starter articles into {workdir}/site.sqlite3", flush=True)
        site_server.prepare_database(env)
        cpu = {}
        with _gunicorn(env, OUTPUT_DIR / "server.log", cpu) as base_url:
            print(
                f"loadtest: gunicorn up at {base_url} with {_workers(env)} workers; "
                f"{args.users} users for {args.duration} s",
                flush=True,
            )
            before = _children_cpu()
            code = _run_locust(args, base_url, summary_path)
            cpu["load generator"] = _children_cpu() - before
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if not summary_path.exists():
        print(f"loadtest: locust exited with {code} and wrote no summary", file=sys.stderr)
        return code or 1
    summary = json.loads(summary_path.read_text())
    summary["setup"] = {
        "duration_seconds": args.duration,
        "spawn_rate": args.spawn_rate,
        "think_max_seconds": args.think,
        "server": f"gunicorn, {_workers(env)} workers x {int(env.get('WEB_THREADS') or 1)} threads, DEBUG off",
        "database": "SQLite, a throwaway copy with the starter articles",
        "rate_limit": "off (RATELIMIT_ENABLE=false): every simulated visitor comes from 127.0.0.1",
        "cores": os.cpu_count(),
        "cpu_seconds": {name: round(seconds, 1) for name, seconds in cpu.items()},
        "load_average_before": round(load_before, 2),
    }
    summary_path.write_text(json.dumps(summary, indent=2) + "\n")
    print()
    print(format_report(summary))
    print(
        f"\nCPU seconds on {os.cpu_count()} cores: server {cpu.get('server', 0):.0f}, "
        f"load generator {cpu.get('load generator', 0):.0f}; the machine's load average was {load_before:.1f} "
        "before the run (other work on the machine stretches the slowest requests)"
    )
    print(f"Written to {summary_path.relative_to(ROOT)}; the server's log is in .loadtest/server.log")
    if summary["errors"]:
        print(f"loadtest: FAILED, {summary['errors']} errors (the target is none)")
        return 1
    if code:
        print(f"loadtest: FAILED, locust exited with {code} (an exception in the load script; see above)")
        return code
    return 0


def _site_environment(workdir: Path) -> dict[str, str]:
    """No rate limit: every simulated visitor shares one address, so a per-address limit would turn the test into
    a test of the limit."""
    return site_server.site_environment(workdir, RATELIMIT_ENABLE="false")


def _workers(env: dict[str, str]) -> int:
    return int(env.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)


def _children_cpu() -> float:
    """CPU seconds used by every child process that has finished so far, with their own children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@contextmanager
def _gunicorn(env: dict[str, str], log_path: Path, cpu: dict[str, float]):
    """Yield the server's base URL once it lists articles to read; count its CPU when it stops."""
    before = 0.0
    try:
        with site_server.gunicorn(env, log_path) as server:
            with urllib.request.urlopen(f"{server.base_url}/api/v1/articles/", timeout=10) as response:  # noqa: S310
                if not json.load(response)["articles"]:
                    raise SystemExit("loadtest: the server lists no published articles; load_content loaded nothing")
            yield server.base_url
            before = _children_cpu()
    except RuntimeError as error:
        raise SystemExit(f"loadtest: {error}") from None
    finally:
        cpu["server"] = _children_cpu() - before


def _run_locust(args: argparse.Namespace, base_url: str, summary_path: Path) -> int:
    command = [
        PYTHON, "-m", "locust", "--locustfile", str(LOCUSTFILE), "--headless", "--host", base_url,
        "--users", str(args.users), "--spawn-rate", f"{args.spawn_rate:g}", "--run-time", f"{args.duration}s",
        "--think", f"{args.think:g}", "--only-summary", "--loglevel", "WARNING", "--summary-file", str(summary_path),
        # Keeps locust's raw statistics, and replaces its console tables with the report printed here.
        "--json-file", str(OUTPUT_DIR / "locust-stats"),
    ]  # fmt: skip
    try:
        return subprocess.run(command, cwd=ROOT, check=False, timeout=args.duration + 120).returncode
    except subprocess.TimeoutExpired:
        print("loadtest: locust did not stop in time", file=sys.stderr)
        return 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("loadtest: interrupted; the server has been stopped", file=sys.stderr)
        sys.exit(130)
