"""An exercise set as a Voila app with ``TILTAKSLAB_SPRAK=nn``: the interface (buttons, labels, status,
feedback frame, input errors) is nynorsk; the lessons' and exercises' own texts stay bokmål."""

from __future__ import annotations

import re

import nbformat
import pytest
from katalogsjekk import bokmal_i, nynorsk_i, strenger

from tiltakslab.meldinger import katalog, t
from tiltakslab.ovelser.vurdering import formater_tall

from . import lab
from . import ovelsehjelp as oh
from .servers import REPO

pytestmark = pytest.mark.browser

NAVN = "03_relasjonsarbeid.ipynb"
NOTATBOK = REPO / "exercises" / NAVN
NOTATBOKER = {NAVN: NOTATBOK}
MILJO = {"TILTAKSLAB_SPRAK": "nn"}  # for Voila and its kernel (conftest.voila)
TALL = "tallsvar"


def _ovelser() -> list[str]:
    nb = nbformat.read(NOTATBOK, as_version=4)
    return list(dict.fromkeys(m for c in nb.cells if c.cell_type == "code"
                              for m in re.findall(r'ovelse\("([a-z]+-\d+)"', c.source)))


def _forste(typ: str) -> str:
    return next(oid for oid in _ovelser() if oh.ovelse_data(oid)["type"] == typ)


@pytest.fixture(scope="module", autouse=True)
def nynorsk_i_testen():
    """The helpers look labels up with ``t()``: nynorsk here too, as on the page."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TILTAKSLAB_SPRAK", "nn")
        yield


@pytest.fixture(scope="module")
def app(side, voila):
    """The Voila page with every exercise and widget rendered."""
    side.goto(f"{voila.url}/voila/render/{NAVN}", timeout=180_000)
    side.wait_for_function(
        """(n) => document.querySelectorAll('.tl-ovelse').length >= n ||
                  document.querySelector('[data-mime-type="application/vnd.jupyter.stderr"], .jp-mod-error')""",
        arg=len(_ovelser()), timeout=180_000)
    feil = lab.tekster(side.locator('[data-mime-type="application/vnd.jupyter.stderr"], .jp-mod-error'))
    assert not feil, "notatboka feila i Voila:\n" + "\n".join(feil)[:3000]
    lab.wait_widgets(side)
    return side


def test_grensesnittet_er_nynorsk_for_du_svarar(app):
    nn = katalog("nn")
    assert app.locator(".tl-ovelse").count() == len(_ovelser())
    for oid in _ovelser():
        box = oh.boks(app, oid)
        ov = oh.ovelse_data(oid)
        meta = lab.tekst(box.locator("p.tl-meta").first)
        assert meta == t("ovelse.meta", id=oid, minutter=ov["minutter"], poeng=ov["poeng"],
                         niva=nn["niva." + ov["niva"]]), meta
        tekster = [lab.tekst(box)] + [box.locator("[title]").nth(i).get_attribute("title")
                                      for i in range(box.locator("[title]").count())]
        funne = bokmal_i(tekster, strenger(oh.ovelse_data(oid)))
        assert not funne, f"{oid}: bokmål i grensesnittet: {funne}"
    box = oh.boks(app, _forste(TALL))
    send = box.get_by_role("button", name=nn["ovelse.send"])
    assert send.get_attribute("title") == nn["ovelse.send_hjelp"]
    felt = box.get_by_label(nn["inndata.tall"], exact=True)
    assert felt.get_attribute("placeholder") == nn["inndata.tall_plassholder"]
    flere = oh.boks(app, _forste("flere_riktige"))
    assert nn["inndata.velg_flere"] in lab.tekst(flere)


def test_feil_og_rett_svar_gir_nynorsk_tilbakemelding(app):
    nn = katalog("nn")
    oid = _forste(TALL)
    ov = oh.ovelse_data(oid)
    box = oh.boks(app, oid)
    felt = box.get_by_label(nn["inndata.tall"], exact=True)
    send = box.get_by_role("button", name=nn["ovelse.send"])

    felt.fill("seksten")
    send.click()
    melding = oh.vent_pa_melding(box, "er ikkje eit tal")
    assert nn["svar.ikke_tall"].format(tekst="seksten") in melding and nn["ovelse.sjekk_svaret"] in melding

    fasit, tol = oh._fasit_tall(ov), ov["toleranse"]
    feil = fasit + 3 * tol + 1
    if ov.get("max") is not None and feil > ov["max"]:
        feil = fasit - 3 * tol - 1
    felt.fill(formater_tall(feil))
    send.click()
    fb = box.locator(".tl-tilbakemelding .tl-resultat.tl-status-feil")
    fb.wait_for()
    ramme = lab.tekst(fb)
    assert nn["status.feil"] in ramme, ramme
    assert "Ikke riktig" not in ramme and katalog("nb")["status.feil"] not in ramme
    assert nynorsk_i(ramme), f"ingen nynorsk tekst i tilbakemeldinga: {ramme}"
    assert melding not in lab.tekst(oh.melding(box))  # the input message is gone

    felt.fill(formater_tall(fasit))
    send.click()
    rett = box.locator(".tl-tilbakemelding .tl-resultat.tl-status-riktig")
    rett.wait_for()
    ramme = lab.tekst(rett)
    assert t("status.riktig") in ramme and t("vurdering.forsok", n=2) in ramme, ramme
    assert not bokmal_i([ramme], strenger(ov)), ramme
