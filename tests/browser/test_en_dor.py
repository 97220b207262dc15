"""The README's app door, started exactly as the README gives it (``make app``): from the start page to
every lesson and every exercise set and back, by clicking links only; every exercise of one set answered
and handed in; an app page that closes ends its kernel. (The same walk through ``make lab`` is not here yet.)"""

from __future__ import annotations

import re
import time

import nbformat
import psutil
import pytest

from . import lab, tilgjengelighet
from . import ovelsehjelp as oh
from .servers import REPO, start_make

pytestmark = pytest.mark.browser

LEKSJONER = sorted(p.name for p in (REPO / "notebooks").glob("0[1-7]_*.ipynb"))
SETT = sorted(p.name for p in (REPO / "exercises").glob("0[1-7]_*.ipynb"))
SVAR_SETT = "06_resultater.ipynb"  # answered with the keyboard only
TILBAKE = "Tilbake til startsiden"
SIDE_MS = 240_000


def _ovelser(path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [m for c in nb.cells if c.cell_type == "code" for m in re.findall(r'ovelse\("([a-z]+-\d+)"', c.source)]


def med_egen_sak(path) -> set[str]:
    """The exercises a set shows with the learner's own case (``deltaker=MIN_SAK``)."""
    nb = nbformat.read(path, as_version=4)
    return {m for c in nb.cells if c.cell_type == "code"
            for m in re.findall(r'ovelse\("([a-z]+-\d+)",\s*deltaker=', c.source)}


def _kjerner(server) -> int:
    """Running kernel processes under this server (ended ones, zombies included, do not count)."""
    antall = 0
    for barn in psutil.Process(server.process.pid).children(recursive=True):
        try:
            if barn.status() != psutil.STATUS_ZOMBIE and "ipykernel_launcher" in " ".join(barn.cmdline()):
                antall += 1
        except (psutil.NoSuchProcess, psutil.ZombieProcess):
            continue
    return antall


@pytest.fixture(scope="module")
def app(nettleser, arbeidsmappe):
    from .conftest import require_browser

    require_browser()
    server = start_make("app", arbeidsmappe)
    yield server
    server.stop()


def _vent_voila(side) -> None:
    """The Voila page has run all its cells (the back link is the last cell)."""
    side.wait_for_load_state("load", timeout=SIDE_MS)
    side.locator("#rendered_cells").wait_for(state="visible", timeout=SIDE_MS)
    feil = lab.tekster(side.locator('[data-mime-type="application/vnd.jupyter.stderr"], .jp-mod-error'))
    assert not feil, "\n".join(feil)[:2000]


def test_app_dor_og_lenker(side, app):
    """``/`` opens the start page; every lesson and set is reached by its link and left by «Tilbake»."""
    side.goto(app.url + "/", timeout=SIDE_MS)
    side.wait_for_url("**/voila/render/notebooks/00_start.ipynb", timeout=SIDE_MS)
    _vent_voila(side)
    assert side.evaluate("document.documentElement.lang") == "nb"
    assert side.title().startswith("Velkommen til Tiltakslab")
    brudd = tilgjengelighet.skann(side)
    assert not brudd, "startsiden i appen:\n" + tilgjengelighet.beskriv(brudd)
    for navn in [*LEKSJONER, *SETT]:
        mappe = "notebooks" if navn in LEKSJONER else "exercises"
        href = navn if mappe == "notebooks" else f"../exercises/{navn}"
        side.locator(f'#rendered_cells a[href="{href}"]').first.click()
        side.wait_for_url(f"**/voila/render/{mappe}/{navn}", timeout=SIDE_MS)
        _vent_voila(side)
        assert "403" not in side.title() and "404" not in side.title()
        assert side.locator("h1").count() >= 1, navn
        assert not re.search(r"\.ipynb", side.title()), side.title()
        if navn in (LEKSJONER[0], SETT[0]):  # axe on a whole lesson page and a whole set page
            lab.wait_widgets(side)
            brudd = tilgjengelighet.skann(side)
            assert not brudd, f"{navn} i appen:\n" + tilgjengelighet.beskriv(brudd)
        side.get_by_role("link", name=re.compile(TILBAKE)).last.click()
        side.wait_for_url("**/voila/render/notebooks/00_start.ipynb", timeout=SIDE_MS)
        _vent_voila(side)


def test_app_ett_sett_besvart_og_levert_med_tastatur(side, app):
    """Every exercise of one set answered in the app with the keyboard only (keys with no delay), handed in."""
    from tiltakslab.data import fornavn
    from tiltakslab.ovelser import egen_sak_for_ovelse
    from tiltakslab.ovelser.studentid import sak_for

    from . import tastatur

    sti = REPO / "exercises" / SVAR_SETT
    forventet = _ovelser(sti)
    side.goto(f"{app.url}/voila/render/exercises/{SVAR_SETT}", timeout=SIDE_MS)
    side.wait_for_function("(n) => document.querySelectorAll('.tl-ovelse').length >= n", arg=len(forventet),
                           timeout=SIDE_MS)
    lab.wait_widgets(side)
    side.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    # the id is set once, in the widget at the top of the set
    hvem = side.locator(".tl-velg-id")
    tastatur.tab_til(side, hvem.get_by_label("Student-id"))
    side.keyboard.type("s017", delay=0)
    tastatur.tab_til(side, hvem.get_by_role("button", name="Lagre"))
    side.keyboard.press("Enter")
    hvem.get_by_text("Lagret").wait_for(timeout=60_000)
    med_sak = med_egen_sak(sti)
    for oid in forventet:
        ov = oh.ovelse_data(oid)
        box = oh.boks(side, oid)
        bruker_sak = oid in med_sak  # shown with the learner's own case (deltaker=MIN_SAK)
        # an exercise with case premises may show another case than the learner's own (egen_sak_for_ovelse)
        vist = fornavn(egen_sak_for_ovelse(oid, sak_for("s017"))) if bruker_sak else None
        raw = oh.modellsvar_raw(ov, vist)
        tastatur.svar(side, box, ov, raw)
        oh.vent_pa_status(box)
        if ov["type"] == "tallsvar":  # the value graded is the value typed, however fast
            lagret = [r for r in oh.lager(app.store)["svar"].values() if r["ovelse"] == oid][0]
            assert lagret["forsok"][-1]["svar"]["tekst"] == raw["tekst"]
    lagret = {r["ovelse"] for r in oh.lager(app.store)["svar"].values()}
    assert set(forventet) <= lagret
    skjema = side.locator(".tl-innlevering")
    assert skjema.get_by_label("Student-id").input_value() == "s017"  # the stored id, not typed again
    tastatur.tab_til(side, skjema.get_by_role("button", name="Lever inn"))
    side.keyboard.press("Enter")
    skjema.get_by_text("Innleveringen er lagret").wait_for(timeout=60_000)
    assert skjema.locator(".tl-inndatafeil").count() == 0  # every answer is for s017's case
    assert skjema.get_by_role("link", name="Last ned innleveringen").count() == 1
    brudd = tilgjengelighet.skann(side)  # the whole page, with feedback and self-assessment shown
    assert not brudd, "øvingssettet i appen etter innlevering:\n" + tilgjengelighet.beskriv(brudd)
    assert list((app.store / "innlevering").glob(f"innlevering-{SVAR_SETT[:-6].replace('_', '-')}-s017-*.json"))


def test_app_kjerner_avsluttes(nettleser, app):
    """Five pages opened and closed: each closed page ends its kernel (no kernel more than before)."""
    for_ = _kjerner(app)
    kontekst = nettleser.new_context(locale="nb-NO")
    for _ in range(5):
        side = kontekst.new_page()
        side.goto(f"{app.url}/voila/render/notebooks/00_start.ipynb", timeout=SIDE_MS)
        _vent_voila(side)
        side.get_by_role("link", name=re.compile(TILBAKE)).count()
        lab.wait_widgets(side)
        assert _kjerner(app) == for_ + 1
        side.close(run_before_unload=True)
        frist = time.monotonic() + 30
        while _kjerner(app) > for_ and time.monotonic() < frist:
            time.sleep(0.5)  # polling for the page's shutdown request to be handled
        assert _kjerner(app) == for_, "en lukket side lot kjernen sin gå videre"
    kontekst.close()
