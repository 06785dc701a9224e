"""`make audit`: valid HTML on every page type, and Lighthouse at 100 on the main pages, mobile and desktop.

Serves the site production-style (gunicorn with gunicorn.conf.py, DEBUG off, whitenoise) on a free loopback port
with a throwaway SQLite database holding the starter articles. Saves every page type and state under
.audit/html/ and runs the Nu HTML Checker over them; then runs Lighthouse on the home page, the longest article,
search results and the self-check start, writing its reports under .audit/lighthouse/. Exits 1 when the checker
finds an error or any Lighthouse score is below 100.

The checker and Lighthouse come from tools/audit/package-lock.json (`npm ci` in tools/audit/). Lighthouse is held
at 12.x, the last line that runs on Node 20, and its trace engine's "latest" dependencies are pinned by `overrides`
so that `npm ci` installs the same tree every time.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from tools.audit import checks, pages, server

OUTPUT = server.ROOT / ".audit"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-html", action="store_true", help="do not run the HTML checker")
    parser.add_argument("--skip-lighthouse", action="store_true", help="do not run Lighthouse")
    return parser.parse_args()


def main() -> int:
    args = _arguments()
    missing = checks.missing_tools()
    if missing:
        print("audit: missing " + ", ".join(missing) + ". `make audit` installs the checker and Lighthouse.")
        return 2
    shutil.rmtree(OUTPUT, ignore_errors=True)
    workdir = Path(tempfile.mkdtemp(prefix="leg-pain-audit-"))
    try:
        env = server.site_environment(workdir)
        print(f"audit: migrating and loading the starter articles into {workdir}/site.sqlite3", flush=True)
        server.prepare_database(env, pages.CLINIC)
        with server.gunicorn(env, workdir / "gunicorn.log") as site:
            print(f"audit: gunicorn up on port {site.port}", flush=True)
            # Browsers and Lighthouse's HTTPS audit treat 127.0.0.1 as a secure origin, as they would the site on
            # HTTPS, so plain HTTP on loopback is audited as production serves it.
            base_url = site.base_url
            saved = pages.collect(base_url, OUTPUT / "html")
            html_ok = True if args.skip_html else _html(saved)
            lighthouse_ok = True if args.skip_lighthouse else _lighthouse(base_url, saved)
    except (pages.AuditError, RuntimeError) as error:
        print(f"audit: {error}")
        return 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print("\naudit: " + ("passed" if html_ok and lighthouse_ok else "FAILED"))
    return 0 if html_ok and lighthouse_ok else 1


def _html(saved: dict[str, tuple[str, Path]]) -> bool:
    print(f"\nHTML: checking {len(saved)} pages with the Nu HTML Checker", flush=True)
    errors = checks.check_html(saved)
    for error in errors:
        path = saved[error.page][0] if error.page in saved else ""
        print(f"  {error.page} ({path}) line {error.line}: {error.message}\n      {error.extract}")
    if errors:
        print(f"HTML: {len(errors)} error(s); the pages are in {_shown(OUTPUT / 'html')}")
        return False
    width = max(len(name) for name in saved)
    for name, (path, _file) in saved.items():
        print(f"  ok  {name:{width}}  {path}")
    print("HTML: no errors")
    return True


def _lighthouse(base_url: str, saved: dict[str, tuple[str, Path]]) -> bool:
    articles = {
        name: file for name, (_path, file) in saved.items() if name.startswith("article ") and "(es)" not in name
    }
    longest = max(articles, key=lambda name: articles[name].stat().st_size)
    targets = {
        "home": "/",
        "article": saved[longest][0],
        "search": "/search/?q=sciatica",
        "self-check": "/self-check/",
        "article (es)": "/es/articles/deep-vein-thrombosis/",
        "self-check (es)": "/es/self-check/questions/emergency-signs/",
    }
    (OUTPUT / "lighthouse").mkdir(parents=True, exist_ok=True)
    runs = []
    for page, path in targets.items():
        for form_factor in checks.FORM_FACTORS:
            print(f"Lighthouse: {page} ({path}), {form_factor}", flush=True)
            report = OUTPUT / "lighthouse" / f"{page}-{form_factor}.json"
            runs.append(checks.run_lighthouse(page, base_url + path, form_factor, report))
    return _report(runs)


def _report(runs: list[checks.LighthouseRun]) -> bool:
    """Print the scores and what cost any of them points; True when every score is 100."""
    below = [(run, key) for run in runs for key in checks.CATEGORIES if run.scores[key] < 100]
    print(_table(runs))
    for run, key in below:
        print(f"\n{run.page} ({run.form_factor}) {key} {run.scores[key]}:")
        for audit in run.failing[key]:
            print(f"  - {checks.describe(audit)}")
        if not run.failing[key]:
            print("  - (no single audit failed outright; see the report)")
    print(f"\nReports: {_shown(OUTPUT / 'lighthouse')}")
    return not below


def _table(runs: list[checks.LighthouseRun]) -> str:
    def cell(run: checks.LighthouseRun, key: str) -> str:
        return f"{run.scores[key]:>13} "

    header = f"\n{'page':16} {'form':8} " + " ".join(f"{key:>13} " for key in checks.CATEGORIES)
    rows = [
        f"{run.page:16} {run.form_factor:8} " + " ".join(cell(run, key) for key in checks.CATEGORIES) for run in runs
    ]
    return "\n".join([header, "-" * len(header.strip()), *rows])


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
