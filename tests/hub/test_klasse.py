"""A class on a loopback hub: a learner in Lab and a NAV learner in the app hand in without upload,
the teacher collects with ``tiltakslab samle`` straight from the exchange."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from urllib.parse import quote

import pytest
from browser import lab
from browser import ovelsehjelp as oh

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
                side.reload(wait_until="commit")
    return side


def _svar_og_lever(side, scope) -> None:
    ov = oh.ovelse_data(kurs.OVELSE)
    box = oh.boks(scope, kurs.OVELSE)
    raw = oh.modellsvar_raw(ov)
    oh.fyll_inn(box, ov, raw)
    oh.send_knapp(box, ov, raw).click()
    oh.tilbakemelding(box).wait_for()
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


def test_lab_larer_svarer_og_leverer(nettleser, hub):
    side = _logg_inn(nettleser, hub, "lab1", "/hub/")
    assert f"/user/lab1/lab/tree/tiltakslab/{kurs.NOTATBOK}" in side.url  # pulled, then opened in Lab
    assert (hub.hjem("lab1") / "tiltakslab" / kurs.NOTATBOK).exists()
    side.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=SPAWN_MS)
    lab.wait_kernel_idle(side)
    lab.wait_widget_manager(side)
    lab.run_all(side)
    assert not lab.cell_errors(side)
    _svar_og_lever(side, lab.output_area(side))
    data = _levert(hub, "lab1")
    assert data["student"] == "lab1" and any(r["ovelse"] == kurs.OVELSE for r in data["svar"].values())
    side.context.close()


def test_nav_larer_lander_i_appen_og_leverer(nettleser, hub):
    side = _logg_inn(nettleser, hub, "nav1", "/hub/")
    assert f"/user/nav1/voila/render/tiltakslab/{kurs.NOTATBOK}" in side.url
    side.locator(".tl-ovelse").first.wait_for(timeout=SPAWN_MS)
    lab.wait_widgets(side)
    assert side.locator(".jp-CodeCell .jp-InputArea, .cm-editor").filter(visible=True).count() == 0
    _svar_og_lever(side, side)
    assert _levert(hub, "nav1")["student"] == "nav1"
    side.context.close()


def test_laerer_samler_fra_utvekslingsmappa(hub, tmp_path):
    ut = tmp_path / "rapport"
    res = subprocess.run([sys.executable, "-m", "tiltakslab.cli", "samle", str(hub.utveksling), "--ut", str(ut)],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "2 innleveringer samlet" in res.stdout
    rader = (ut / "resultater.csv").read_text(encoding="utf-8-sig").splitlines()  # one long table (issue 14)
    assert sorted({r.split(";")[0] for r in rader[1:]}) == ["lab1", "nav1"]
    rapport = (ut / "oversikt.html").read_text(encoding="utf-8")
    assert kurs.OVELSE in rapport and t("samle.besvart", n=2) in rapport


def test_hubens_tjenester(hub):
    tjenester = hub.api("services")
    assert "idle-culler" in tjenester and tjenester["idle-culler"]["pid"] > 0  # a managed service, tracked
    assert {g["name"] for g in hub.api("groups")} >= {"nav"}
    brukere = {u["name"]: u for u in hub.api("users")}
    assert brukere["nav1"]["groups"] == ["nav"]
