"""Shared fixtures for the self-check tests, and the vignette figures in pytest's closing summary."""

from __future__ import annotations

from collections.abc import Callable

import pytest

FIGURES = pytest.StashKey[list[str]]()


@pytest.fixture
def report_figures(request: pytest.FixtureRequest) -> Callable[[list[str]], None]:
    """Lets a test hand over lines to show in the terminal summary, whatever the output capture."""

    def report(lines: list[str]) -> None:
        request.config.stash[FIGURES] = lines

    return report


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    lines = config.stash.get(FIGURES, None)
    if lines:
        terminalreporter.section("self-check vignette figures")
        for line in lines:
            terminalreporter.write_line(line)
