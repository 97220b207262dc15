"""The README's first door, ``make lab`` exactly as the README gives it: JupyterLab opens on the start page,
and every lesson and exercise set is reached by its link and left by «Tilbake til startsiden»."""

from __future__ import annotations

import re

import pytest

from .servers import REPO, start_make

pytestmark = pytest.mark.browser

LEKSJONER = sorted(p.name for p in (REPO / "notebooks").glob("0[1-7]_*.ipynb"))
SETT = sorted(p.name for p in (REPO / "exercises").glob("0[1-7]_*.ipynb"))
TILBAKE = "Tilbake til startsiden"
MS = 120_000
GJELDENDE = ("() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget; "
             "return w && w.context ? w.context.path : null; }")


@pytest.fixture(scope="module")
def labserver(nettleser, arbeidsmappe):
    server = start_make("lab", arbeidsmappe)
    yield server
    server.stop()


def _vent_pa(side, sti: str) -> None:
    side.wait_for_function(f"() => ({GJELDENDE})() === {sti!r}", timeout=MS)


def test_lab_dor_og_lenker(side, labserver):
    side.goto(labserver.url + "/", timeout=MS)
    _vent_pa(side, "notebooks/00_start.ipynb")
    for navn in [*LEKSJONER, *SETT]:
        mappe = "notebooks" if navn in LEKSJONER else "exercises"
        # JupyterLab resolves a relative link against the notebook's folder when it renders it
        start = side.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        lenke = start.locator(f'.jp-RenderedMarkdown a[href*="{mappe}/{navn}"]').first
        lenke.scroll_into_view_if_needed()
        lenke.click()
        _vent_pa(side, f"{mappe}/{navn}")
        panel = side.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        panel.locator(".jp-Cell").first.wait_for(timeout=MS)
        tilbake = panel.locator(".jp-RenderedMarkdown a", has_text=re.compile(TILBAKE)).last
        tilbake.scroll_into_view_if_needed()
        tilbake.click()
        _vent_pa(side, "notebooks/00_start.ipynb")
