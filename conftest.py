"""Repository-wide pytest set-up, shared by unit tests, nbval and browser tests."""

from __future__ import annotations

import os
import tempfile

import pytest


def pytest_configure(config):
    # Every run (and every xdist worker, and every nbval kernel it starts) gets its own empty
    # answer store, so stored notebook outputs never depend on anybody's real answers.
    if "TILTAKSLAB_SVAR_TEST_KEEP" not in os.environ:
        os.environ["TILTAKSLAB_SVAR"] = tempfile.mkdtemp(prefix="tiltakslab-svar-")




def _kind(nodeid: str) -> str:
    if ".ipynb::" in nodeid:
        return "nbval"
    if "tests/browser/" in nodeid:
        return "nettleser"
    if "tests/hub/" in nodeid:
        return "hub"
    return "enhet"


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Print how many tests of each kind ran, so a green run cannot hide an empty suite."""
    counts: dict[tuple[str, str], int] = {}
    for outcome in ("passed", "failed", "error", "skipped"):
        for report in terminalreporter.stats.get(outcome, []):
            counts[_kind(report.nodeid), outcome] = counts.get((_kind(report.nodeid), outcome), 0) + 1
    terminalreporter.write_sep("-", "Tiltakslab: tester per slag")
    for kind in ("enhet", "nbval", "nettleser", "hub"):
        passed, failed = counts.get((kind, "passed"), 0), counts.get((kind, "failed"), 0)
        errors, skipped = counts.get((kind, "error"), 0), counts.get((kind, "skipped"), 0)
        terminalreporter.write_line(
            f"{kind:10s} bestått {passed:5d}  feilet {failed + errors:4d}  hoppet over {skipped:4d}"
        )


@pytest.fixture
def svarlager(tmp_path, monkeypatch):
    """A fresh, empty answer store for one test."""
    monkeypatch.setenv("TILTAKSLAB_SVAR", str(tmp_path / "svar"))
    return tmp_path / "svar"
