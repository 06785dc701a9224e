"""Shared fixtures for the self-check tests, and the vignette figures in pytest's closing summary."""

from __future__ import annotations

from collections.abc import Callable

import pytest

FIGURES = pytest.StashKey[dict[str, list[str]]]()


@pytest.fixture
def report_figures(request: pytest.FixtureRequest) -> Callable[[str, list[str]], None]:
    """Lets a test hand over lines to show in the terminal summary, under a heading, whatever the output capture."""

    def report(heading: str, lines: list[str]) -> None:
        request.config.stash.setdefault(FIGURES, {})[heading] = lines

    return report


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    figures = config.stash.get(FIGURES, {})
    if figures:
        terminalreporter.section("self-check vignette figures, per set")
        for heading, lines in figures.items():
            terminalreporter.write_line(heading)
            for line in lines:
                terminalreporter.write_line(f"  {line}")
