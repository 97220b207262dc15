"""Every exercise kind answered through JupyterLab (notebooks/90_ovelsestyper.ipynb).

For each kind: the learner's input goes in through the widgets, «Send inn» (or a dialog's last
reply) is clicked, the feedback appears with its status in words and the excerpts it cites
(verbatim, with locator), and the answer is in the store file on disk. Bad input gives the inline
Norwegian message and stores nothing. After a kernel restart and a new run, every answer is
restored into the widgets. The tests in this module share one JupyterLab and one page and run in
file order (xdist ``--dist loadscope`` keeps a module on one worker).
"""

from __future__ import annotations

import re

import nbformat
import pytest

from tiltakslab.meldinger import t
from tiltakslab.ovelser.visning import norsk_tid
from tiltakslab.ovelser.vurdering import formater_tall

from . import lab, maling, tilgjengelighet
from . import ovelsehjelp as oh
from .servers import REPO

pytestmark = pytest.mark.browser

NOTATBOK = REPO / "notebooks" / "90_ovelsestyper.ipynb"
NOTATBOKER = {"90_ovelsestyper.ipynb": NOTATBOK}

# (exercise id, the case's first name when shown with a case, key in the answer store)
DEMO = [
    ("sam-01", None, "sam-01"),
    ("sam-02", None, "sam-02"),
    ("opp-01", None, "opp-01"),
    ("sam-03", None, "sam-03"),
    ("res-01", None, "res-01"),
    ("kis-04", None, "kis-04"),
    ("opp-02", "Mina", "opp-02@demo-01"),
    ("rel-01", None, "rel-01"),
    ("rel-02", None, "rel-02"),
    ("rel-03", None, "rel-03"),
]
ALLE_TYPER = {"flervalg", "flere_riktige", "rangering", "sortering", "tallsvar", "kartlegging",
              "oppfolgingsplan", "dialog", "refleksjon"}


def _ovelser_i_notatboka() -> list[str]:
    nb = nbformat.read(NOTATBOK, as_version=4)
    return [m for c in nb.cells if c.cell_type == "code" for m in re.findall(r'ovelse\("([a-z]+-\d+)"', c.source)]


@pytest.fixture(scope="module")
def notatbok(side, jupyterlab):
    """The demo notebook open in JupyterLab with all cells run and all widgets rendered."""
    lab.open_notebook(side, jupyterlab.url, "90_ovelsestyper.ipynb")
    lab.run_all(side)
    return lab.output_area(side)


def test_demoen_dekker_alle_typer():
    i_boka = _ovelser_i_notatboka()
    assert [d[0] for d in DEMO] == i_boka
    assert {oh.ovelse_data(oid)["type"] for oid, _, _ in DEMO} == ALLE_TYPER


def test_alle_ovelser_vises_uten_feil(side, notatbok):
    assert lab.cell_errors(side) == []
    for oid, navn, _ in DEMO:
        box = oh.boks(notatbok, oid)
        assert box.count() == 1, f"{oid} vises ikke"
        box.scroll_into_view_if_needed()  # JupyterLab skips rendering cells far outside the view
        ov = oh.ovelse_data(oid)
        tittel = lab.tekst(box.locator(".tl-tittel"))
        assert tittel == oh.fyll_navn(ov["tittel"], navn)
        if ov["type"] != "dialog":
            assert box.get_by_role("button", name=t("ovelse.send")).is_visible()
    assert notatbok.locator(".tl-feil").count() == 0, "en øvelse viste en feilmelding i stedet for øvelsen"


def test_alle_felt_har_etikett(side, notatbok):
    """WCAG 1.3.1/4.1.2: every input, drop-down and text field in an exercise has a label."""
    assert notatbok.locator(".tl-ovelse input, .tl-ovelse select, .tl-ovelse textarea").count() > 20
    umerket = notatbok.evaluate(oh.UMERKEDE_KONTROLLER_JS)
    assert umerket == [], "felt uten etikett:\n" + "\n".join(umerket)


TALL, TEKST = t("inndata.tall"), t("inndata.ditt_svar")
def test_ingen_ufylte_plassholdere(side, notatbok):
    tekst = " ".join(lab.tekster(notatbok.locator(".tl-ovelse")))
    assert "{navn}" not in tekst, "en øvelse viser plassholderen «{navn}» til studenten"


BAD_INPUT = [
    # (exercise, what the learner does, expected message)
    ("sam-01", None, t("svar.tomt_valg")),
    ("res-01", (TALL, ""), t("svar.tomt_tall")),
    ("res-01", (TALL, "femten"), t("svar.ikke_tall", tekst="femten")),
    ("res-01", (TALL, "1" * 60), t("svar.utenfor", lo=formater_tall(-100), hi=formater_tall(100))),
    ("rel-02", (TEKST, "Kort."), t("svar.for_kort", min=40, antall=5)),
    ("rel-02", (TEKST, "x" * 3001), t("svar.for_lang", etikett="", maks=3000, antall=3001)),
    ("opp-02", ("Mål", "jobb " * 100), t("svar.for_lang", etikett=" «Mål»", maks=400, antall=499)),
]


@pytest.mark.parametrize("oid,handling,forventet", BAD_INPUT,
                         ids=[f"{b[0]}-{i}" for i, b in enumerate(BAD_INPUT)])
def test_feil_inndata_gir_melding_og_lagrer_ingenting(side, notatbok, jupyterlab, oid, handling, forventet):
    box = oh.boks(notatbok, oid)
    box.scroll_into_view_if_needed()
    key = next(k for o, _, k in DEMO if o == oid)
    for_antall = oh.antall_forsok(jupyterlab.store, key)
    # a new message replaces an old one; wait for the old one to go so we see this submit's answer
    if handling is not None:
        etikett, tekst = handling
        box.get_by_label(etikett, exact=True).fill(tekst)
    box.get_by_role("button", name=t("ovelse.send")).click()
    vist = oh.vent_pa_melding(box, oh._norm(forventet)[:60])
    assert oh._norm(forventet) in vist
    assert vist.startswith(t("ovelse.sjekk_svaret")) or t("ovelse.sjekk_svaret") in vist
    assert oh.antall_forsok(jupyterlab.store, key) == for_antall, "ugyldig svar ble lagret"
    assert oh.tilbakemelding(box).count() == 0, "ugyldig svar ga tilbakemelding"


@pytest.mark.parametrize("oid,navn,key", DEMO, ids=[d[0] for d in DEMO])
def test_besvar_gjennom_brukerflaten(side, notatbok, jupyterlab, nettleserversjon, oid, navn, key):
    ov = oh.ovelse_data(oid)
    box = oh.boks(notatbok, oid)
    box.scroll_into_view_if_needed()
    raw = oh.modellsvar_raw(ov, navn)
    oh.fyll_inn(box, ov, raw)
    knapp = oh.send_knapp(box, ov, raw, navn)
    ms = maling.click_to_feedback(side, knapp, box.locator(".tl-tilbakemelding"))
    maling.record(f"lab:{ov['type']}:{oid}", ms, nettleserversjon)

    # feedback, with its status in words (not carried by colour alone)
    fb = oh.tilbakemelding(box)
    fb.wait_for()
    status = "ingen_fasit" if ov.get("ingen_fasit") else oh.MODELLSTATUS[ov["type"]]
    assert f"tl-status-{status}" in fb.get_attribute("class").split()
    assert t(f"status.{status}") in lab.tekst(fb.locator(".tl-status"))
    ord_ = {t(f"status.{s}") + ":" for s in ("riktig", "feil", "mangler", "ingen_fasit", "info")}
    for del_ in fb.locator(".tl-del").all():  # each part: a status word and a shape, not colour only
        assert del_.locator(".tl-sr").text_content().strip() in ord_
        assert del_.locator(".tl-ikon").text_content().strip() != ""
    assert lab.tekst(oh.melding(box)) == ""

    # the answer is on disk
    svar = oh.forventet_svar(ov, raw, navn)
    rec = oh.lager(jupyterlab.store)["svar"][key]
    siste = rec["forsok"][-1]
    assert siste["svar"] == oh.json_rundtur(svar)
    assert siste["status"] == status


@pytest.mark.parametrize("oid,navn,key", DEMO, ids=[d[0] for d in DEMO])
def test_tilbakemeldingen_viser_sitatene(side, notatbok, jupyterlab, oid, navn, key):
    """The excerpts the feedback cites are shown, verbatim and with their locator."""
    ov = oh.ovelse_data(oid)
    box = oh.boks(notatbok, oid)
    oh.tilbakemelding(box).wait_for(state="attached")
    svar = oh.lager(jupyterlab.store)["svar"][key]["forsok"][-1]["svar"]
    ider = oh.sitater_i_tilbakemelding(ov, svar)
    assert ider, f"{oid}: tilbakemeldingen siterer ingen kilde"
    box.scroll_into_view_if_needed()
    assert oh.sjekk_sitater(box, ider) >= 1, f"{oid}: ingen av sitatene er synlige"


def test_svarene_hentes_fram_etter_omstart(side, notatbok, jupyterlab):
    lagret = oh.lager(jupyterlab.store)["svar"]
    assert {k for _, _, k in DEMO} <= set(lagret), "besvar-testene må kjøre først (samme modul)"
    lab.restart_kernel(side)
    lab.run_all(side)
    assert lab.cell_errors(side) == []
    for oid, navn, key in DEMO:
        ov = oh.ovelse_data(oid)
        box = oh.boks(notatbok, oid)
        box.scroll_into_view_if_needed()
        siste = lagret[key]["forsok"][-1]
        gjenopprettet = box.locator(".tl-gjenopprettet")
        # the time in Norwegian words («3. desember 2026 kl. 11.35»), never a raw timestamp
        assert lab.tekst(gjenopprettet) == t("lager.hentet", tid=norsk_tid(siste["tid"])), oid
        assert f"tl-status-{siste['status']}" in oh.tilbakemelding(box).get_attribute("class").split()
        oh.sjekk_utfylt(box, ov, oh.modellsvar_raw(ov, navn), navn)


def test_tilgjengelighet_med_tilbakemelding_synlig(side, notatbok):
    """axe on our output (all exercises with feedback shown): no critical or serious violations.

    Scoped to the notebook's output areas: JupyterLab's own chrome (CodeMirror editors without a
    name, the windowed cell list, the heading collapse button) has violations that are not ours.
    """
    assert notatbok.locator(".tl-resultat").count() >= len(DEMO)
    brudd = tilgjengelighet.skann(side, lab.OUTPUTS)
    assert not brudd, "tilgjengelighetsbrudd i øvelsene:\n" + tilgjengelighet.beskriv(brudd)
