"""A click on «Send inn» that reaches the kernel before the value shown is graded on the value shown.

ipywidgets sends a widget's second state update only after the kernel has answered the first, but a button's
click at once; in a running event loop (a kernel) the widget therefore grades once the fields are quiet.
"""

from __future__ import annotations

import asyncio

import pytest

from tiltakslab.ovelser import last_ovelser
from tiltakslab.ovelser.lager import Svarlager
from tiltakslab.ovelser.widget import OvelseWidget


@pytest.fixture(autouse=True)
def svarmappe(tmp_path, monkeypatch):
    monkeypatch.setenv("TILTAKSLAB_SVAR", str(tmp_path / "svar"))
    monkeypatch.delenv("TILTAKSLAB_STUDENT", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    return tmp_path / "svar"


SVAR = ("Vilkåret gjøres kjent og begrunnes, og jeg spør samtidig hva deltakeren selv ønsker og trenger. "
        "Vi avtaler neste steg sammen, og jeg forklarer hva som skjer om avtalen ikke holdes. ") * 2


def _refleksjon() -> dict:
    return next(o for o in last_ovelser().ovelser.values() if o["type"] == "refleksjon" and not o.get("deltaker"))


def test_klikk_for_verdien_kommer_vurderer_verdien_som_vises():
    ov = _refleksjon()
    wid = OvelseWidget(ov, lager=Svarlager())
    riktig = SVAR
    wid.inndata.tekst.value = "x" * 5000  # what the kernel has: an older, too long text

    async def scenario() -> None:
        wid.send.click()  # the click arrives first
        await asyncio.sleep(0.1)
        wid.inndata.tekst.value = riktig  # then the value the learner sees
        await asyncio.sleep(1.0)

    asyncio.run(scenario())
    assert wid.melding.value == "", wid.melding.value
    lagret = wid.lager.hent(wid._key())
    assert lagret and lagret["forsok"][-1]["svar"] == riktig.strip()
    assert len(lagret["forsok"]) == 1


def test_to_klikk_mens_det_ventes_er_ett_svar():
    ov = _refleksjon()
    wid = OvelseWidget(ov, lager=Svarlager())
    wid.inndata.tekst.value = SVAR

    async def scenario() -> None:
        wid.send.click()
        wid.send.click()
        await asyncio.sleep(1.0)

    asyncio.run(scenario())
    assert len(wid.lager.hent(wid._key())["forsok"]) == 1


def test_uten_hendelsesloekke_vurderes_klikket_straks():
    ov = _refleksjon()
    wid = OvelseWidget(ov, lager=Svarlager())
    wid.inndata.tekst.value = SVAR
    wid.send.click()
    assert len(wid.lager.hent(wid._key())["forsok"]) == 1
