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
