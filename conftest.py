"""Repository-wide pytest set-up, shared by unit tests, nbval and browser tests."""

from __future__ import annotations

import os
import re
import tempfile

import pytest


def pytest_configure(config):
    # Every run (and every xdist worker, and every nbval kernel it starts) gets its own empty
    # answer store, so stored notebook outputs never depend on anybody's real answers.
    if "TILTAKSLAB_SVAR_TEST_KEEP" not in os.environ:
        os.environ["TILTAKSLAB_SVAR"] = tempfile.mkdtemp(prefix="tiltakslab-svar-")
    # Under tests a missing catalogue key or a format error raises (tiltakslab.meldinger), here and in
    # every kernel and server the tests start, instead of showing the bare key to a learner.
    os.environ["TILTAKSLAB_STRENG_KATALOG"] = "1"
    # Stored notebook outputs and most assertions are bokmål: a developer's own TILTAKSLAB_SPRAK=nn must not
    # leak in (tests of nynorsk set it themselves).
    os.environ["TILTAKSLAB_SPRAK"] = "nb"


@pytest.fixture(autouse=True)
def _streng_katalog():
    """Fail a test whose code hit a catalogue error, even where a widget's safety net caught it."""
    from tiltakslab.meldinger import katalogfeil_logg

    katalogfeil_logg.clear()
    yield
    feil = [str(e) for e in katalogfeil_logg]
    katalogfeil_logg.clear()
    if feil:
        pytest.fail("catalogue errors (tiltakslab.meldinger):\n" + "\n".join(feil), pytrace=False)


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


# --- light kernels, checked inside nbval's own run (no second execution of a notebook) ----------------------------
# After every code cell of a course notebook (lessons, exercise sets, solutions), nbval's kernel is asked which heavy
# libraries it has imported; only a cell that needs one may bring it in (a data task calling last(...) needs pandas;
# lessons show their tables and figures with vis(...) from the precomputed form, so none of their cells does). The
# probe runs with its own message id, which nbval's output collection skips.
TUNGE = ("pandas", "numpy", "matplotlib")
_PROBE = f"import sys as __tl_sys; print('TUNGE=' + ','.join(m for m in {TUNGE!r} if m in __tl_sys.modules))"
_LOVLIG: dict[str, set[str]] = {}
KURSMAPPER = ("notebooks", "exercises", "solutions")


def tunge_som_trengs(kilde: str) -> set[str]:
    """The heavy libraries a cell's own code uses: a data task needs pandas (and numpy under it)."""
    trengs = set()
    if re.search(r"\blast\(|\blast_alle\(|\bkalibrering\(|import pandas|import numpy", kilde):
        trengs |= {"pandas", "numpy"}
    if re.search(r"\bfigur\(|matplotlib|\.plot\(", kilde):
        trengs |= {"matplotlib", "numpy"}
    return trengs


def tunge_i_kjernen(kernel, timeout: float = 120) -> set[str]:
    """Ask an nbval kernel (nbval.kernel.RunningKernel) which heavy libraries it has imported."""
    msg_id = kernel.execute_cell_input(_PROBE, allow_stdin=False)
    kernel.await_reply(msg_id, timeout=timeout)
    tekst = ""
    while True:
        msg = kernel.get_message(stream="iopub", timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "stream":
            tekst += msg["content"].get("text", "")
        if msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle":
            break
    svar = re.search(r"TUNGE=(\S*)", tekst)
    if not svar:
        raise AssertionError(f"the probe gave no answer: {tekst!r}")
    return set(filter(None, svar.group(1).split(",")))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    resultat = yield  # a failing or skipped cell raises here, and is left as it is
    cell = getattr(item, "cell", None)
    kernel = getattr(item.parent, "kernel", None)
    sti = str(getattr(item.parent, "path", ""))
    if (type(item).__name__ == "IPyNbCell" and cell is not None and kernel is not None
            and cell.get("cell_type") == "code" and os.path.basename(os.path.dirname(sti)) in KURSMAPPER):
        lov = _LOVLIG.setdefault(sti, set())
        lov |= tunge_som_trengs(cell.source)
        uventet = tunge_i_kjernen(kernel) - lov
        if uventet:
            raise AssertionError(f"{os.path.basename(sti)}: {sorted(uventet)} imported by a cell that does not need "
                                 "them (or an earlier one); course notebooks stay light (issue 16)")
    return resultat
