"""The two checkers: the Nu HTML Checker (vnu.jar, run with Java) and Lighthouse (run with Debian's Chromium)."""

# Every command here is a fixed argument list built from this file and tools/audit/node_modules; none comes from input.
# ruff: noqa: S603

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

AUDIT_DIR = Path(__file__).resolve().parent
VNU_JAR = AUDIT_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = AUDIT_DIR / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Chromium must not reach the internet (there is none here) or spend CPU on its own background work while
# Lighthouse times the page.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
    "--disable-sync --no-first-run --disable-quic"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FORM_FACTORS = ("mobile", "desktop")


def missing_tools() -> list[str]:
    wanted = {
        str(VNU_JAR): VNU_JAR.is_file(),
        str(LIGHTHOUSE): LIGHTHOUSE.exists(),
        CHROMIUM: Path(CHROMIUM).exists(),
        "java (Java 11 or newer, e.g. Debian's default-jre-headless)": shutil.which("java") is not None,
    }
    return [name for name, present in wanted.items() if not present]


@dataclass(frozen=True)
class HtmlError:
    page: str
    line: int
    message: str
    extract: str


def check_html(pages: dict[str, tuple[str, Path]]) -> list[HtmlError]:
    """Run the checker once over every saved page; return its errors (warnings are not asked for)."""
    by_file = {file.resolve(): name for name, (_path, file) in pages.items()}
    command = ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *(str(f) for _, f in pages.values())]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S607 (the machine's Java)
    try:
        messages = json.loads(done.stderr or done.stdout)["messages"]
    except (ValueError, KeyError) as error:
        raise RuntimeError(f"the HTML checker failed (exit {done.returncode}):\n{done.stderr}") from error
    return [
        HtmlError(
            page=by_file.get(_file_of(message.get("url", "")), message.get("url", "?")),
            line=message.get("lastLine", 0),
            message=message.get("message", ""),
            extract=message.get("extract", "").strip(),
        )
        for message in messages
        if message.get("type") in {"error", "non-document-error"}
    ]


def _file_of(url: str) -> Path:
    # The checker names files as "file:/path", with one slash.
    return Path(url.removeprefix("file:")).resolve()


@dataclass(frozen=True)
class LighthouseRun:
    page: str
    form_factor: str
    report: Path
    scores: dict[str, int]
    failing: dict[str, list[dict]]  # category -> the audits (as in the report) that cost it points


def run_lighthouse(page: str, url: str, form_factor: str, report: Path) -> LighthouseRun:
    command = [
        str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}", "--quiet",
    ]  # fmt: skip
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=False)
    if done.returncode != 0 or not report.is_file():
        raise RuntimeError(f"Lighthouse failed on {url} ({form_factor}, exit {done.returncode}):\n{done.stderr}")
    return _read_report(page, form_factor, report)


def _read_report(page: str, form_factor: str, report: Path) -> LighthouseRun:
    data = json.loads(report.read_text())
    if data.get("runtimeError"):
        raise RuntimeError(f"Lighthouse could not audit {page} ({form_factor}): {data['runtimeError']}")
    audits = data["audits"]
    scores, failing = {}, {}
    for key in CATEGORIES:
        category = data["categories"][key]
        scores[key] = round((category["score"] or 0) * 100)
        failing[key] = [
            audits[ref["id"]]
            for ref in category["auditRefs"]
            if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
        ]
    return LighthouseRun(page, form_factor, report, scores, failing)


def describe(audit: dict) -> str:
    shown = audit.get("displayValue")
    return f"{audit['title']} ({shown})" if shown else audit["title"]
