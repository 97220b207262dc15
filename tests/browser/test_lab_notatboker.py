"""Each exercise notebook (exercises/) opened in JupyterLab and run top to bottom: no error, every
``ovelse(...)`` shows its exercise, all widgets render, and our output passes axe. A rendered lesson
(notebooks/) gets the same accessibility scan over its text and outputs."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from . import lab, tilgjengelighet
from .servers import REPO

pytestmark = pytest.mark.browser

OVINGER = sorted((REPO / "exercises").glob("*.ipynb"))
LEKSJON = REPO / "notebooks" / "05_samarbeid.ipynb"
NOTATBOKER = {**{f"exercises/{p.name}": p for p in OVINGER}, f"notebooks/{LEKSJON.name}": LEKSJON}

# Rendered Markdown and outputs; JupyterLab's own chrome is left out (see test_lab_ovelsestyper).
INNHOLD = (".jp-NotebookPanel:not(.lm-mod-hidden) .jp-RenderedHTMLCommon, "
           ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea")


def _ovelser(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [m for c in nb.cells if c.cell_type == "code" for m in re.findall(r'ovelse\("([a-z]+-\d+)"', c.source)]


def test_det_finnes_ovingsnotatboker():
    assert OVINGER, "fant ingen notatbøker i exercises/"
    assert LEKSJON.exists()


@pytest.mark.parametrize("path", OVINGER, ids=[p.name for p in OVINGER])
def test_ovingsnotatbok_kjorer_og_viser_alle_ovelser(side, jupyterlab, path):
    lab.open_notebook(side, jupyterlab.url, f"exercises/{path.name}")
    lab.run_all(side)
    assert lab.cell_errors(side) == []
    panel = lab.output_area(side)
    vist = sorted(
        c.replace("tl-id-", "") for e in panel.locator(".tl-ovelse").all()
        for c in e.get_attribute("class").split() if c.startswith("tl-id-")
    )
    assert vist == sorted(_ovelser(path))
    assert panel.locator(".tl-feil").count() == 0, "en øvelse viste en feilmelding i stedet for øvelsen"
    brudd = tilgjengelighet.skann(side, lab.OUTPUTS)
    assert not brudd, f"tilgjengelighetsbrudd i {path.name}:\n" + tilgjengelighet.beskriv(brudd)


@pytest.fixture(scope="module")
def leksjon_brudd(side, jupyterlab):
    """The lesson run in JupyterLab, and axe's critical/serious violations in its text and outputs."""
    lab.open_notebook(side, jupyterlab.url, f"notebooks/{LEKSJON.name}")
    lab.run_all(side)
    assert lab.cell_errors(side) == []
    assert side.locator(INNHOLD).count() > 0
    return tilgjengelighet.skann(side, INNHOLD)


def test_leksjon_tilgjengelighet(leksjon_brudd):
    """No critical or serious violations in the lesson's text and outputs (figures need alt text)."""
    assert not leksjon_brudd, f"tilgjengelighetsbrudd i {LEKSJON.name}:\n" + tilgjengelighet.beskriv(leksjon_brudd)
