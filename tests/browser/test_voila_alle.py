"""Every exercise notebook works as a Voila app: all its exercises render, no code and no error is shown,
and the hand-in form is there (the self-study view needs no code at all)."""

from __future__ import annotations

import re

import nbformat
import pytest

from . import lab
from .servers import REPO

pytestmark = pytest.mark.browser

OVINGER = sorted((REPO / "exercises").glob("*.ipynb"))
NOTATBOKER = {p.name: p for p in OVINGER}


def _ovelser(path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [m for c in nb.cells if c.cell_type == "code" for m in re.findall(r'ovelse\("([a-z]+-\d+)"', c.source)]


@pytest.mark.parametrize("path", OVINGER, ids=[p.name for p in OVINGER])
def test_ovingssett_som_app(side, voila, path):
    forventet = _ovelser(path)
    assert forventet
    side.goto(f"{voila.url}/voila/render/{path.name}", timeout=180_000)
    side.wait_for_function(
        """(n) => document.querySelectorAll('.tl-ovelse').length >= n ||
                  document.querySelector('[data-mime-type="application/vnd.jupyter.stderr"], .jp-mod-error')""",
        arg=len(forventet), timeout=180_000)
    feil = lab.tekster(side.locator('[data-mime-type="application/vnd.jupyter.stderr"], .jp-mod-error'))
    assert not feil, f"{path.name} feilet i Voila:\n" + "\n".join(feil)[:3000]
    lab.wait_widgets(side)
    vist = sorted(c.replace("tl-id-", "") for e in side.locator(".tl-ovelse").all()
                  for c in e.get_attribute("class").split() if c.startswith("tl-id-"))
    assert vist == sorted(forventet)
    assert side.locator(".tl-feil").count() == 0
    # No code: no code cell input or editor is visible, and no line of code appears as text.
    assert side.locator(".jp-CodeCell .jp-InputArea, .cm-editor, .CodeMirror").filter(visible=True).count() == 0
    tekst = lab.tekst(side.locator("body"))
    kode = [linje.strip() for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"
            for linje in c.source.splitlines() if len(linje.strip()) > 12 and not linje.strip().startswith("#")]
    assert [linje for linje in kode if linje in tekst] == []
    # The hand-in form is there, labelled.
    skjema = side.locator(".tl-innlevering")
    skjema.wait_for()
    assert skjema.get_by_label("Student-id").count() == 1
    assert skjema.get_by_role("button", name="Lever inn").count() == 1
