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
    """In JupyterLab: click a set on the start page; it runs by itself; answer every exercise, hand in."""
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
    # No Run All: the set runs itself when it opens (our JupyterLab extension tiltakslab-kjor), and the
    # learner sees live forms – every exercise, the id widget and the hand-in – without touching code.
    panel = side.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    side.locator('.jp-NotebookPanel[data-tiltakslab-kjoring="ferdig"]:not(.lm-mod-hidden)').wait_for(
        state="attached", timeout=lab.RUN_TIMEOUT_MS)
    side.wait_for_function(
        "(n) => document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .tl-ovelse').length >= n && "
        "!!document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .tl-innlevering')",
        arg=len(ovelser), timeout=lab.RUN_TIMEOUT_MS)
    lab.wait_kernel_idle(side, lab.RUN_TIMEOUT_MS)
    lab.wait_widgets(side)
    assert not lab.cell_errors(side)
    tekst = " ".join(lab.tekster(panel.locator(".jp-OutputArea, .jp-RenderedMarkdown")))
    assert "skjemaet kommer fram" not in tekst  # no widget is left in its text form
    for oid in ovelser:
        assert oid not in tekst  # the learner never sees an exercise id
    # a folded code cell does not show its first line (e.g. «ovelse("sam-03")») in a course notebook
    assert panel.locator(".jp-InputPlaceholder").filter(visible=True).count() == 0
    # the code of the widget cells is folded for a learner who does not code
    assert side.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .cm-editor").filter(
        visible=True).count() <= 1  # only the optional calculation cell is open
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
    """After the walk and the answers: the course notebooks are read-only and unchanged on disk. The save
    goes through JupyterLab's own contents service in the page (with its session and _xsrf token), so the
    refusal is the contents manager's, not a missing token's."""
    import subprocess

    svar = side.evaluate(
        """async (sti) => {
          const c = window.jupyterapp.serviceManager.contents;
          const m = await c.get(sti, {content: true});
          try {
            await c.save(sti, {type: 'notebook', format: 'json', content: m.content});
            return ['lagret', m.writable];
          }
          catch (e) { return [String(e.response ? e.response.status : e), m.writable,
                              e.message || ''] }
        }""", SVAR_SETT)
    assert svar[0] == "403" and svar[1] is False, svar
    assert "lagres ikke" in svar[2]  # the Norwegian reason from the contents manager
    endret = subprocess.run(["git", "status", "--porcelain", "--", "notebooks", "exercises", "solutions"],
                            cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert endret == "", f"JupyterLab endret kursets notatbøker:\n{endret}"


def test_lab_egen_kopi_kjorer_ikke_av_seg_selv(side, labserver):
    """Only the read-only course originals run when opened: a learner's own copy (writable) does not."""
    laget = side.evaluate(
        "async (sti) => (await window.jupyterapp.serviceManager.contents.copy(sti, '')).path", SVAR_SETT)
    try:
        side.goto(f"{labserver.url}/lab/tree/{laget}?reset", timeout=MS)
        _vent_pa(side, laget)
        panel = side.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        side.wait_for_function(
            "() => { const p = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');"
            " return p && p.hasAttribute('data-tiltakslab-kjoring'); }", timeout=MS)
        assert panel.get_attribute("data-tiltakslab-kjoring") == "nei"
    finally:
        side.evaluate("async (sti) => { await window.jupyterapp.serviceManager.contents.delete(sti); }", laget)


DATA_SETT = "exercises/02_oppfolging.ipynb"
KJERNEN = """async () => {
  const p = window.jupyterapp.shell.currentWidget;
  const fremtid = p.sessionContext.session.kernel.requestExecute(
    {code: "import sys; print('PANDAS=' + str('pandas' in sys.modules), 'LOGG=' + str('logg' in globals()),"
           + " 'MIN_SAK=' + str('MIN_SAK' in globals()))", silent: false, store_history: false});
  let tekst = '';
  fremtid.onIOPub = (m) => { if (m.header.msg_type === 'stream') { tekst += m.content.text; } };
  await fremtid.done;
  return tekst;
}"""


def test_lab_sett_med_dataoppgave_kjorer_ikke_egen_kode(side, labserver):
    """A set with a data task opens light: its table is shown from the precomputed form, and the learner's own
    code cell (which loads the data with pandas) is left for the learner to run."""
    from . import lab

    side.goto(f"{labserver.url}/lab/tree/{DATA_SETT}?reset", timeout=MS)
    _vent_pa(side, DATA_SETT)
    side.locator('.jp-NotebookPanel[data-tiltakslab-kjoring="ferdig"]:not(.lm-mod-hidden)').wait_for(
        state="attached", timeout=lab.RUN_TIMEOUT_MS)
    lab.wait_kernel_idle(side, lab.RUN_TIMEOUT_MS)
    celler = side.evaluate(
        "() => window.jupyterapp.shell.currentWidget.content.widgets.filter(c => c.model.type === 'code')"
        ".map(c => [c.model.sharedModel.getSource(), !!(c.model.getMetadata('tiltakslab') || {}).egen_kode])")
    egne = [c for c in celler if c[1]]
    assert len(egne) == 1 and 'logg = last("oppfolging")' in egne[0][0], egne
    panel = side.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    assert "antall kontakter" in " ".join(lab.tekster(panel.locator(".jp-OutputArea")))  # the table is there
    # the first cell ran (MIN_SAK), the learner's own cell did not (no logg), and nothing imported pandas
    assert "PANDAS=False LOGG=False MIN_SAK=True" in side.evaluate(KJERNEN)
