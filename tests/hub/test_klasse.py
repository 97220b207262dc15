"""A class on a loopback hub: a learner in Lab and a NAV learner in the app hand in without upload,
the teacher collects with ``tiltakslab samle`` straight from the exchange.

Before anyone logs in, the teacher stores a case assignment and a graded set in ``_laerer`` and runs
``tiltakslab publiser``: the learner's widget shows the assigned case (not the per-id draw), the graded
set hides the key, and ``samle`` agrees with the widget about the case."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
import time
from urllib.parse import quote

import pytest
from browser import lab
from browser import ovelsehjelp as oh

from tiltakslab import kursfiler, utveksling
from tiltakslab import tildeling as tild
from tiltakslab.meldinger import t

from . import kurs

pytestmark = pytest.mark.hub

SPAWN_MS = 240_000


def _logg_inn(nettleser, hub, bruker: str, neste: str):
    """Log in through the hub's form and wait until the single-user server's page is there."""
    context = nettleser.new_context(viewport={"width": 1400, "height": 1000}, locale="nb-NO")
    side = context.new_page()
    side.set_default_timeout(120_000)
    side.goto(f"{hub.url}/hub/login?next={quote(neste)}")
    side.fill("#username_input", bruker)
    side.fill("#password_input", "hva-som-helst")
    side.click("#login_submit", no_wait_after=True)
    mal = re.compile(rf"/user/{bruker}/(lab|voila)")
    frist = time.monotonic() + SPAWN_MS / 1000
    while not mal.search(side.url):
        if time.monotonic() > frist:
            raise AssertionError(f"{bruker} kom aldri fram (står på {side.url}); huben:\n{hub.log_text()[-3000:]}")
        try:
            side.wait_for_url(mal, timeout=20_000)
        except Exception:  # the spawn-pending page sometimes misses its event: load it again
            if "spawn-pending" in side.url or "/git-pull" in side.url:
                try:
                    side.reload(wait_until="commit")
                except Exception:  # noqa: BLE001 - it navigated on its own meanwhile: look again
                    pass
    return side


@pytest.fixture(scope="module")
def tildelt(hub):
    """The teacher's stored assignment and graded set, published before anyone logs in.

    lab1 gets a case that fits the case exercise's premises but is not the per-id draw, and whose
    first name differs from the one the draw would show; returns {"sak", "navn", "trukket_navn"}."""
    from tiltakslab import data
    from tiltakslab.ovelser import sak_for

    ov = oh.ovelse_data(kurs.CASEOVELSE)
    trukket = str(sak_for(ov, data.deltaker_for_student("lab1")))
    trukket_navn = data.fornavn(trukket)
    sak = next(d for d in data.kandidater(ov["premisser"]) if d != trukket and data.fornavn(d) != trukket_navn)
    rot = utveksling.opprett_rot(hub.utveksling)  # what the hub's hook does at the first spawn
    kursfiler.opprett(rot)
    tild.lagre(tild.Tildeling({"lab1": {"deltaker": sak, "gruppe": None}}), rot / "_laerer" / "tildeling.json")
    (rot / "_laerer" / "sett.yaml").write_text(f"sett:\n  {kurs.SETT}: {{modus: vurdert, frigitt: false}}\n",
                                               encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "tiltakslab.cli", "publiser", str(rot)],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr
    return {"sak": sak, "navn": data.fornavn(sak), "trukket_navn": trukket_navn}


def _svar_og_lever(side, scope, navn: str | None = None) -> None:
    for oid in (kurs.OVELSE, kurs.CASEOVELSE):
        ov = oh.ovelse_data(oid)
        box = oh.boks(scope, oid)
        raw = oh.modellsvar_raw(ov, navn)
        oh.fyll_inn(box, ov, raw)
        oh.send_knapp(box, ov, raw).click()
        # a graded, unreleased set: «saved», no key-based feedback (tiltakslab.settmodus, published)
        box.locator(".tl-lagret").get_by_text(t("settmodus.lagret_skjult")).wait_for()
        assert box.locator(".tl-resultat").count() == 0 and box.locator(".tl-modellsvar").count() == 0
    skjema = scope.locator(".tl-innlevering")
    felt = skjema.locator("input[type=text]")
    assert felt.is_disabled()  # on a hub the student id is the hub user, not typed
    skjema.get_by_role("button", name=t("innlevering.knapp")).click()
    status = skjema.locator(".tl-melding")
    status.get_by_text("Levert kl.").wait_for()
    tekst = lab.tekst(status)
    assert "laste opp" in tekst and "/" not in tekst  # says «levert», no file to upload, no path


def _levert(hub, bruker: str) -> dict:
    filer = sorted((hub.utveksling / bruker).glob("innlevering-*.json"))
    assert filer, f"ingen innlevering i utvekslingsmappa til {bruker}"
    return json.loads(filer[-1].read_text(encoding="utf-8"))


def test_lab_larer_svarer_og_leverer(nettleser, hub, tildelt):
    side = _logg_inn(nettleser, hub, "lab1", "/hub/")
    assert f"/user/lab1/lab/tree/tiltakslab/{kurs.NOTATBOK}" in side.url  # pulled, then opened in Lab
    assert (hub.hjem("lab1") / "tiltakslab" / kurs.NOTATBOK).exists()
    side.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=SPAWN_MS)
    # the pulled course notebook is a read-only original that runs itself when opened: no Run All
    side.locator('.jp-NotebookPanel[data-tiltakslab-kjoring="ferdig"]').wait_for(timeout=SPAWN_MS)
    innhold = side.request.get(f"{hub.url}/user/lab1/api/contents/tiltakslab/{kurs.NOTATBOK}?content=0")
    assert innhold.ok and innhold.json()["writable"] is False, innhold.text()
    lab.wait_widget_manager(side)
    assert not lab.cell_errors(side)
    # the learner's own code cell was not run on open (tiltakslab-kjor skips it)
    assert kurs.EGEN_KODE_MERKE not in " ".join(lab.tekster(side.locator(".jp-OutputArea")))
    # the case the teacher's roster assigned, not the one drawn from the id
    casetekst = lab.tekst(oh.boks(lab.output_area(side), kurs.CASEOVELSE))
    assert tildelt["navn"] in casetekst and tildelt["trukket_navn"] not in casetekst
    _svar_og_lever(side, lab.output_area(side), tildelt["navn"])
    data = _levert(hub, "lab1")
    assert data["student"] == "lab1" and any(r["ovelse"] == kurs.OVELSE for r in data["svar"].values())
    plan = next(r for r in data["svar"].values() if r["ovelse"] == kurs.CASEOVELSE)
    assert plan["variant"] == tildelt["sak"]
    # the feedback shortcut the hub made is in Lab's file browser root (the contents API behind it)
    svar = side.request.get(f"{hub.url}/user/lab1/api/contents/{utveksling.SNARVEI}")
    assert svar.ok and svar.json()["type"] == "directory", svar.text()
    side.context.close()


def test_nav_larer_lander_i_appen_og_leverer(nettleser, hub, tildelt):
    side = _logg_inn(nettleser, hub, "nav1", "/hub/")
    assert f"/user/nav1/voila/render/tiltakslab/{kurs.NOTATBOK}" in side.url
    side.locator(".tl-ovelse").first.wait_for(timeout=SPAWN_MS)
    lab.wait_widgets(side)
    assert side.locator(".jp-CodeCell .jp-InputArea, .cm-editor").filter(visible=True).count() == 0
    # the hub's server config (JUPYTER_CONFIG_PATH, tiltakslab/jupyter/jupyter_server_config.py) gives Voila the
    # prelaunch hook that leaves the learner's own code cell out of the app
    assert kurs.EGEN_KODE_MERKE not in side.locator("body").inner_text()
    from tiltakslab import data
    from tiltakslab.ovelser import sak_for

    # nav1 is not on the roster: the per-id draw, the same in the app as in samle
    navn = data.fornavn(str(sak_for(oh.ovelse_data(kurs.CASEOVELSE), data.deltaker_for_student("nav1"))))
    _svar_og_lever(side, side, navn)
    assert _levert(hub, "nav1")["student"] == "nav1"
    side.context.close()


def test_laerer_samler_fra_utvekslingsmappa(hub, tildelt, tmp_path):
    ut = tmp_path / "rapport"
    res = subprocess.run([sys.executable, "-m", "tiltakslab.cli", "samle", str(hub.utveksling), "--ut", str(ut)],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "2 innleveringer samlet" in res.stdout
    assert t("kursfiler.utdatert", fil="tildeling.json") not in res.stdout  # the learners saw the same file
    # samle agrees with the learner's widget about the case (its regrade reads _laerer/tildeling.json)
    from tiltakslab.omvurdering import omvurder
    from tiltakslab.ovelser import last_ovelser
    from tiltakslab.samle import les_mappe

    rader = omvurder(last_ovelser(), les_mappe(hub.utveksling),
                     tildeling=tild.les(hub.utveksling / "_laerer" / "tildeling.json"))
    plan = next(r for r in rader if r.student == "lab1" and r.ovelse == kurs.CASEOVELSE)
    assert (plan.variant, plan.feil) == (tildelt["sak"], "")
    with (ut / "resultater.csv").open(encoding="utf-8-sig") as fh:
        rader = list(csv.reader(fh, delimiter=";"))
    assert {r[0] for r in rader[1:] if r[2] == kurs.OVELSE} == {"lab1", "nav1"}  # student; sett; ovelse; …
    rapport = (ut / "oversikt.html").read_text(encoding="utf-8")
    assert kurs.OVELSE in rapport and "lab1" in rapport and "nav1" in rapport


def test_hubens_tjenester(hub):
    tjenester = hub.api("services")
    assert "idle-culler" in tjenester and tjenester["idle-culler"]["pid"] > 0  # a managed service, tracked
    assert {g["name"] for g in hub.api("groups")} >= {"nav"}
    brukere = {u["name"]: u for u in hub.api("users")}
    assert brukere["nav1"]["groups"] == ["nav"]
