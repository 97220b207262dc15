"""An exercise notebook as a Voila app: no code visible, exercises completed with the mouse and
with the keyboard only, answers in the store on disk, and an axe scan of the page."""

from __future__ import annotations

import re

import nbformat
import pytest

from tiltakslab.meldinger import t

from . import lab, maling, tilgjengelighet
from . import ovelsehjelp as oh
from .servers import REPO

pytestmark = pytest.mark.browser

NAVN = "05_samarbeid.ipynb"
NOTATBOK = REPO / "exercises" / NAVN
NOTATBOKER = {NAVN: NOTATBOK}
MED_MUS = "sam-07"  # rangering, shown without a case
MED_TASTATUR = "sam-09"  # flervalg (dilemma), shown with the learner's case
MAKS_TAB = 300  # Tab presses allowed to reach a control (the page has a few dozen stops)


def _kodeceller() -> list[str]:
    nb = nbformat.read(NOTATBOK, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code"]


def _ovelser() -> list[str]:
    return [m for src in _kodeceller() for m in re.findall(r'ovelse\("([a-z]+-\d+)"', src)]


@pytest.fixture(scope="module")
def app(side, voila):
    """The Voila page with every exercise and widget rendered."""
    side.goto(f"{voila.url}/voila/render/{NAVN}", timeout=180_000)
    # all exercises shown, or stop early on an error output (Voila stops at a failing cell)
    side.wait_for_function(
        """(n) => document.querySelectorAll('.tl-ovelse').length >= n ||
                  document.querySelector('[data-mime-type="application/vnd.jupyter.stderr"], .jp-mod-error')""",
        arg=len(_ovelser()), timeout=180_000)
    feil = lab.tekster(side.locator('[data-mime-type="application/vnd.jupyter.stderr"], .jp-mod-error'))
    assert not feil, "notatboka feilet i Voila:\n" + "\n".join(feil)[:3000]
    lab.wait_widgets(side)
    return side


def test_alle_ovelser_vises(app):
    assert sorted(
        c.replace("tl-id-", "") for e in app.locator(".tl-ovelse").all()
        for c in e.get_attribute("class").split() if c.startswith("tl-id-")
    ) == sorted(_ovelser())
    assert app.locator(".tl-feil").count() == 0
    assert "Traceback" not in lab.tekst(app.locator("body"))


def test_ingen_kode_er_synlig(app):
    tekst = lab.tekst(app.locator("body"))
    for kilde in _kodeceller():
        for linje in kilde.splitlines():
            linje = linje.strip()
            if len(linje) > 12 and not linje.startswith("#"):
                assert linje not in tekst, f"kode vises i appen: {linje!r}"
    synlig_kode = app.locator(".jp-CodeCell .jp-InputArea, .cm-editor, .CodeMirror").filter(visible=True)
    assert synlig_kode.count() == 0


def test_fullfor_ovelse_med_mus(app, voila, nettleserversjon):
    ov = oh.ovelse_data(MED_MUS)
    box = oh.boks(app, MED_MUS)
    raw = oh.modellsvar_raw(ov)
    oh.fyll_inn(box, ov, raw)
    ms = maling.click_to_feedback(app, oh.send_knapp(box, ov, raw), box.locator(".tl-tilbakemelding"))
    maling.record(f"voila:{ov['type']}:{MED_MUS}", ms, nettleserversjon)
    fb = oh.tilbakemelding(box)
    assert "tl-status-riktig" in fb.get_attribute("class").split()
    assert t("status.riktig") in lab.tekst(fb.locator(".tl-status"))
    svar = oh.lager(voila.store)["svar"][MED_MUS]["forsok"][-1]["svar"]
    assert svar == oh.forventet_svar(ov, raw)


def _fokus_i(page, selector_js: str) -> bool:
    return page.evaluate(f"() => !!document.activeElement && !!document.activeElement.closest && "
                         f"document.activeElement.matches({selector_js!r})")


def _tab_til(page, selector: str) -> None:
    """Press Tab until the focused element matches ``selector`` (bounded number of presses)."""
    for _ in range(MAKS_TAB):
        if _fokus_i(page, selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"nådde ikke {selector} med Tab-tasten etter {MAKS_TAB} trykk")


def test_fullfor_ovelse_bare_med_tastatur(app, voila):
    """Reach the exercise with Tab, choose with the arrow keys, submit with Enter: no mouse."""
    ov = oh.ovelse_data(MED_TASTATUR)
    box_sel = f".tl-ovelse.tl-id-{MED_TASTATUR}"
    app.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    _tab_til(app, f"{box_sel} input[type=radio]")  # focus lands on the first option, none chosen
    # One arrow press moves to and selects the second option: a single value update. (Space, then
    # ArrowDown, would send two quick updates of the same widget; ipywidgets holds back the second
    # until the kernel answers the first, and the «Send inn» click can overtake it.)
    app.keyboard.press("ArrowDown")
    box = oh.boks(app, MED_TASTATUR)
    radios = box.get_by_role("radio")
    radios.nth(1).wait_for()
    assert radios.nth(1).is_checked()
    _tab_til(app, f"{box_sel} button.tl-send")
    app.keyboard.press("Enter")
    fb = oh.tilbakemelding(box)
    fb.wait_for()
    status = "ingen_fasit" if ov.get("ingen_fasit") else "riktig"
    assert f"tl-status-{status}" in fb.get_attribute("class").split()
    lagret = [r for r in oh.lager(voila.store)["svar"].values() if r["ovelse"] == MED_TASTATUR]
    assert len(lagret) == 1
    assert lagret[0]["forsok"][-1]["svar"] == str(ov["alternativer"][1]["id"])


def test_tilgjengelighet_i_appen(app):
    """axe on the whole Voila page (with feedback shown): no critical or serious violations."""
    assert app.locator(".tl-resultat").count() >= 1
    brudd = tilgjengelighet.skann(app)
    assert not brudd, "tilgjengelighetsbrudd i Voila-appen:\n" + tilgjengelighet.beskriv(brudd)
