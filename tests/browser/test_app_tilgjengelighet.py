"""Every page of the app (``make app`` exactly as the README gives it) passes axe-core with no serious or
critical violation, and reflows at 200 % zoom (WCAG 1.4.10): at 683×450 CSS px – a 1366×900 screen zoomed to
200 % – the page does not scroll sideways and no text (paragraphs, list items, headings, labels, buttons,
quotes, widget text) reaches outside the window. A wide table may scroll inside its own box (the criterion's
exception for data tables); the page itself may not. The text each page shows (live widgets included) names
no source, excerpt or exercise id, file name or path (the scanner of tests/test_laerertekst.py)."""

from __future__ import annotations

import pytest

from . import tilgjengelighet
from .servers import REPO, start_make

pytestmark = pytest.mark.browser

SIDER = (["notebooks/00_start.ipynb"]
         + [f"notebooks/{p.name}" for p in sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
            if p.name != "00_start.ipynb"]
         + [f"exercises/{p.name}" for p in sorted((REPO / "exercises").glob("[0-9][0-9]_*.ipynb"))])
SIDE_MS = 240_000
VANLIG = {"width": 1366, "height": 900}
ZOOM_200 = {"width": 683, "height": 450}

# Text a person reads must stay inside the window; inside a box that scrolls sideways itself is allowed.
UTENFOR_JS = """() => {
  const W = window.innerWidth;
  const ut = [];
  const lesbart = 'p, li, h1, h2, h3, h4, label, button, blockquote, figcaption, summary, .widget-html-content';
  for (const el of document.querySelectorAll(lesbart)) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    let boks = el.parentElement, ruller = false;
    while (boks && boks !== document.body) {
      const cs = getComputedStyle(boks);
      if (/(auto|scroll)/.test(cs.overflowX) && boks.scrollWidth > boks.clientWidth) { ruller = true; break; }
      boks = boks.parentElement;
    }
    if (!ruller && (r.right > W + 1 || r.left < -1)) {
      const tekst = (el.innerText || '').trim().slice(0, 50);
      ut.push(`${el.tagName.toLowerCase()} «${tekst}» (høyre kant ${Math.round(r.right)} px)`);
    }
  }
  const s = document.scrollingElement;
  return {bredde: s.scrollWidth, vindu: s.clientWidth, ut};
}"""


@pytest.fixture(scope="module")
def app(nettleser, arbeidsmappe):
    server = start_make("app", arbeidsmappe)
    yield server
    server.stop()


def _apne(side, app, sti: str) -> None:
    side.set_viewport_size(VANLIG)
    side.goto(f"{app.url}/voila/render/{sti}", timeout=SIDE_MS)
    side.wait_for_load_state("load", timeout=SIDE_MS)
    side.locator("#rendered_cells").wait_for(state="visible", timeout=SIDE_MS)


def test_alle_sider_er_med():
    assert len(SIDER) == 1 + 8 + 7, SIDER  # start page, lessons 01–07 and 90, sets 01–07


@pytest.mark.parametrize("sti", SIDER)
def test_axe_og_200_prosent_zoom(side, app, sti):
    from tests.test_laerertekst import funn

    _apne(side, app, sti)
    # what the page shows once its cells ran (live widgets included) names no id, file or path
    vist = funn(side.evaluate("document.body.innerText"))
    assert not vist, f"{sti} viser id-er, filnavn eller stier i appen: {vist}"
    brudd = tilgjengelighet.skann(side)
    assert not brudd, f"{sti} i appen:\n" + tilgjengelighet.beskriv(brudd)
    side.set_viewport_size(ZOOM_200)
    side.wait_for_function("(b) => window.innerWidth === b", arg=ZOOM_200["width"])
    maalt = side.evaluate(UTENFOR_JS)
    assert maalt["bredde"] <= maalt["vindu"] + 1, f"{sti}: siden ruller sidelengs ved 200 % ({maalt})"
    assert not maalt["ut"], f"{sti}: tekst utenfor vinduet ved 200 %:\n" + "\n".join(maalt["ut"][:10])


def test_dora_har_ord_fra_katalogen(app):
    """Voila's folder page is our one door to the start page, in the catalogue's words (config/jupyter/voila.py
    gives the shared partial _dor.html its text)."""
    import urllib.request

    from tiltakslab.meldinger import t

    with urllib.request.urlopen(app.url + "/") as svar:  # urllib does not follow the meta refresh
        side = svar.read().decode("utf-8")
    assert '<html lang="nb">' in side
    assert f"<title>{t('sti.dor_tittel')}</title>" in side
    assert f">{t('sti.dor_til_start')}</a>" in side
    assert "voila/render/notebooks/00_start.ipynb" in side


REFLOW_SETT = "exercises/02_oppfolging.ipynb"  # the plan form, the dialogue and the self-assessment


def test_200_prosent_med_tilbakemelding_og_innlevering(side, app):
    """At 200 % zoom, a whole set answered with the mouse – feedback, self-assessment, model answers and the
    hand-in receipt shown – still reflows, and axe finds nothing serious on the page in that state."""
    from tiltakslab.data import fornavn
    from tiltakslab.ovelser import egen_sak_for_ovelse
    from tiltakslab.ovelser.studentid import sak_for

    from . import lab
    from . import ovelsehjelp as oh
    from .test_en_dor import _ovelser, med_egen_sak

    sti = REPO / REFLOW_SETT
    forventet = _ovelser(sti)
    side.set_viewport_size(ZOOM_200)
    side.goto(f"{app.url}/voila/render/{REFLOW_SETT}", timeout=SIDE_MS)
    side.wait_for_function("(n) => document.querySelectorAll('.tl-ovelse').length >= n", arg=len(forventet),
                           timeout=SIDE_MS)
    lab.wait_widgets(side)
    hvem = side.locator(".tl-velg-id")
    hvem.get_by_label("Student-id").fill("s021")
    hvem.get_by_role("button", name="Lagre").click()
    hvem.get_by_text("Lagret.").wait_for(timeout=60_000)
    med_sak = med_egen_sak(sti)
    for oid in forventet:
        ov = oh.ovelse_data(oid)
        box = oh.boks(side, oid)
        box.scroll_into_view_if_needed()
        vist = fornavn(egen_sak_for_ovelse(oid, sak_for("s021"))) if oid in med_sak else None
        raw = oh.modellsvar_raw(ov, vist)
        oh.fyll_inn(box, ov, raw)
        oh.send_knapp(box, ov, raw, vist).click()
        oh.vent_pa_status(box)
    skjema = side.locator(".tl-innlevering")
    skjema.scroll_into_view_if_needed()
    skjema.get_by_role("button", name="Lever inn").click()
    skjema.get_by_text("Innleveringen er lagret").wait_for(timeout=60_000)
    maalt = side.evaluate(UTENFOR_JS)
    assert maalt["bredde"] <= maalt["vindu"] + 1, f"siden ruller sidelengs ved 200 % ({maalt})"
    assert not maalt["ut"], "tekst utenfor vinduet ved 200 %:\n" + "\n".join(maalt["ut"][:10])
    brudd = tilgjengelighet.skann(side)
    assert not brudd, f"{REFLOW_SETT} med tilbakemelding:\n" + tilgjengelighet.beskriv(brudd)
