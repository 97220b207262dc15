"""The excerpt browser (``utdragsleser()``) in JupyterLab: filters, search and the result count work
through the UI, and every quote carries its citation."""

from __future__ import annotations

import re

import pytest

from tiltakslab.sources import load_corpus

from . import lab, tilgjengelighet
from .notatboker import _notebook

pytestmark = pytest.mark.browser

NOTATBOKER = {"utdrag.ipynb": _notebook("from tiltakslab import utdragsleser\n\nutdragsleser()")}


def _antall(leser) -> int:
    tekst = lab.tekst(leser.locator("[role=status]").first)
    m = re.match(r"(\d+) utdrag passer", tekst)
    assert m, f"uventet telletekst: {tekst!r}"
    return int(m.group(1))


def _vent_pa_antall(leser, forventet: int) -> None:
    # a whole number: «1 utdrag passer» must not match the «101 utdrag passer» still on the page
    tekst = re.compile(rf"(^|\D){forventet} utdrag passer")
    leser.locator("[role=status]", has_text=tekst).first.wait_for(timeout=30_000)


def test_utdragsleser_filtrerer_og_soker(side, jupyterlab):
    corpus = load_corpus()
    lab.open_notebook(side, jupyterlab.url, "utdrag.ipynb")
    lab.run_all(side)
    assert lab.cell_errors(side) == []
    leser = lab.output_area(side).locator(".tl-utdragsleser")
    leser.wait_for()
    assert _antall(leser) == len(corpus.excerpts)

    # Theme filter, chosen the way a learner does: the labelled select.
    kartlegging = len(corpus.filter(themes="kartlegging"))
    leser.get_by_label("Tema").select_option(label="Kartlegging")
    _vent_pa_antall(leser, kartlegging)

    # Full-text search on top of the filter (sent on Enter: continuous_update is off).
    sok = leser.get_by_label("Søk")
    sok.fill("screening")
    sok.press("Enter")
    treff = len(corpus.search("screening", excerpts=corpus.filter(themes="kartlegging")))
    assert 0 < treff < kartlegging
    _vent_pa_antall(leser, treff)
    sitater = leser.locator("figure")
    assert sitater.count() == treff
    for i in range(treff):
        figur = sitater.nth(i)
        assert "screening" in lab.tekst(figur.locator("blockquote")).lower()
        assert lab.tekst(figur.locator("figcaption")), "et utdrag uten kildehenvisning"

    # Every quote can be opened in context: the passage around it in the source, the quote marked.
    forste = sitater.nth(0)
    sammenheng = forste.locator("details.tl-sammenheng")
    assert not sammenheng.evaluate("d => d.open")
    sammenheng.locator("summary", has_text="Se sammenhengen").click()
    assert sammenheng.evaluate("d => d.open")
    merket = sammenheng.locator("mark")
    merket.first.wait_for()
    avsnitt = lab.tekst(sammenheng.locator("p").first)
    assert lab.tekst(merket.first) in avsnitt and len(avsnitt) > len(lab.tekst(merket.first)) + 40

    # Reset brings back everything.
    leser.get_by_role("button", name="Nullstill filtre").click()
    _vent_pa_antall(leser, len(corpus.excerpts))

    brudd = tilgjengelighet.skann(side, lab.OUTPUTS)
    assert not brudd, tilgjengelighet.beskriv(brudd)
