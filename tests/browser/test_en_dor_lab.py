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


SVAR_SETT = "exercises/05_samarbeid.ipynb"


def test_lab_ett_sett_besvart_og_levert(side, labserver):
    """In JupyterLab: open a set from the start page, run it, answer every exercise, hand in."""
    import nbformat

    from tiltakslab.data import fornavn
    from tiltakslab.ovelser import egen_sak_for_ovelse
    from tiltakslab.ovelser.studentid import sak_for

    from . import lab
    from . import ovelsehjelp as oh

    side.goto(labserver.url + "/lab/tree/notebooks/00_start.ipynb?reset", timeout=MS)  # a fresh workspace
    _vent_pa(side, "notebooks/00_start.ipynb")
    start = side.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    start.locator(f'.jp-RenderedMarkdown a[href*="{SVAR_SETT}"]').first.click()
    _vent_pa(side, SVAR_SETT)
    nb = nbformat.read(REPO / SVAR_SETT, as_version=4)
    ovelser = [m for c in nb.cells if c.cell_type == "code" for m in re.findall(r'ovelse\("([a-z]+-\d+)"', c.source)]
    # Run ▸ Run All Cells, as a learner does; the code cells are folded, so wait for what they show
    lab.wait_kernel_idle(side)
    side.evaluate("async () => { await window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    side.wait_for_function(
        "(n) => document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .tl-ovelse').length >= n && "
        "!!document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .tl-innlevering')",
        arg=len(ovelser), timeout=lab.RUN_TIMEOUT_MS)
    lab.wait_kernel_idle(side, lab.RUN_TIMEOUT_MS)
    assert not lab.cell_errors(side)
    # the code of the widget cells is folded for a learner who does not code
    assert side.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .cm-editor").filter(
        visible=True).count() <= 1  # only the optional calculation cell is open
    panel = side.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    # the id is set once, in the widget at the top of the set; the cases are drawn for it
    hvem = panel.locator(".tl-velg-id")
    hvem.get_by_label("Student-id").fill("s017")
    hvem.get_by_role("button", name="Lagre").click()
    hvem.get_by_text("Lagret").wait_for(timeout=60_000)
    from .test_en_dor import med_egen_sak

    med_sak = med_egen_sak(REPO / SVAR_SETT)
    for oid in ovelser:
        ov = oh.ovelse_data(oid)
        box = oh.boks(panel, oid)
        box.scroll_into_view_if_needed()
        bruker_sak = oid in med_sak  # shown with the learner's own case (deltaker=MIN_SAK)
        # an exercise with case premises may show another case than the learner's own (egen_sak_for_ovelse)
        vist = fornavn(egen_sak_for_ovelse(oid, sak_for("s017"))) if bruker_sak else None
        raw = oh.modellsvar_raw(ov, vist)
        oh.fyll_inn(box, ov, raw)
        oh.send_knapp(box, ov, raw, vist).click()
        oh.vent_pa_status(box)
    lagret = {r["ovelse"] for r in oh.lager(labserver.store)["svar"].values()}
    assert set(ovelser) <= lagret
    skjema = panel.locator(".tl-innlevering")
    skjema.scroll_into_view_if_needed()
    assert skjema.get_by_label("Student-id").input_value() == "s017"  # the stored id, not typed again
    skjema.get_by_role("button", name="Lever inn").click()
    skjema.get_by_text("Innleveringen er lagret").wait_for(timeout=60_000)
    assert skjema.locator(".tl-inndatafeil").count() == 0  # every answer is for s017's case
    assert list((labserver.store / "innlevering").glob("*.json"))


def test_lab_originalene_er_skrivebeskyttet(side, labserver):
    """After the walk and the answers: the course notebooks are read-only and unchanged on disk."""
    import json
    import subprocess
    import urllib.error
    import urllib.request

    with urllib.request.urlopen(f"{labserver.url}/api/contents/{SVAR_SETT}?content=0") as svar:
        assert json.load(svar)["writable"] is False
    modell = json.dumps({"type": "notebook", "format": "json",
                         "content": json.loads((REPO / SVAR_SETT).read_text(encoding="utf-8"))}).encode()
    req = urllib.request.Request(f"{labserver.url}/api/contents/{SVAR_SETT}", data=modell, method="PUT",
                                 headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req)
    assert err.value.code == 403
    endret = subprocess.run(["git", "status", "--porcelain", "--", "notebooks", "exercises", "solutions"],
                            cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert endret == "", f"JupyterLab endret kursets notatbøker:\n{endret}"
