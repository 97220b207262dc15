"""Graded sets in the learner's widget: key withheld until released, attempts limited (issue 14 step 8)."""

from __future__ import annotations

import copy
import json

import pytest

from tiltakslab.ovelser import last_ovelser
from tiltakslab.ovelser.widget import OvelseWidget


@pytest.fixture
def miljo(tmp_path, monkeypatch):
    monkeypatch.setenv("TILTAKSLAB_SVAR", str(tmp_path / "svar"))
    monkeypatch.setenv("TILTAKSLAB_SETT", str(tmp_path / "sett.yaml"))
    return tmp_path


def _wid():
    return OvelseWidget(copy.deepcopy(last_ovelser().hent("sam-01")), utdrag={})


def test_graded_set_hides_key_and_limits_attempts(miljo):
    (miljo / "sett.yaml").write_text("sett:\n  samarbeid: {modus: vurdert, frigitt: false, maks_forsok: 2}\n")
    wid = _wid()
    for valg in ("a", "b"):
        wid.inndata.radio.value = valg
        wid.send.click()
        assert "frigir" in wid.tilbakemelding.value and "Riktig" not in wid.tilbakemelding.value
    wid.inndata.radio.value = "a"
    wid.send.click()
    assert "alle 2 forsøkene" in wid.melding.value
    lagret = json.loads((miljo / "svar" / "svar.json").read_text())
    assert [f["svar"] for f in lagret["svar"]["sam-01"]["forsok"]] == ["a", "b"]
    # released: the stored answer's feedback is shown again
    (miljo / "sett.yaml").write_text("sett:\n  samarbeid: {modus: vurdert, frigitt: true, maks_forsok: 2}\n")
    assert "Riktig" in _wid().tilbakemelding.value


def test_formative_by_default(miljo):
    wid = _wid()
    wid.inndata.radio.value = "a"
    wid.send.click()
    assert "Ikke riktig ennå" in wid.tilbakemelding.value


def test_hand_in_page_hides_status_in_a_graded_set(miljo):
    from tiltakslab.ovelser.eksport import lag_innlevering
    from tiltakslab.ovelser.lager import Svarlager

    (miljo / "sett.yaml").write_text("sett:\n  samarbeid: {modus: vurdert, frigitt: false}\n")
    wid = _wid()
    wid.inndata.radio.value = "b"
    wid.send.click()
    _json, html_sti = lag_innlevering(Svarlager(), last_ovelser(), "s001", miljo / "inn")
    assert "Riktig" not in html_sti.read_text(encoding="utf-8")


@pytest.mark.parametrize("frigitt", [False, True])
def test_graded_set_hides_the_model_answer_of_a_reflection_until_released(miljo, frigitt):
    """A reflection's self-assessment shows the model answer: in a graded, unreleased set it is withheld."""
    (miljo / "sett.yaml").write_text(f"sett:\n  samarbeid: {{modus: vurdert, frigitt: {str(frigitt).lower()}}}\n")
    ov = copy.deepcopy(last_ovelser().hent("sam-11"))
    wid = OvelseWidget(ov, utdrag={})
    wid.inndata.tekst.value = "Jeg ville spurt deltakeren hva hun selv ønsker, og avtalt møter med begge etatene. " * 3
    wid.send.click()
    lagret = json.loads((miljo / "svar" / "svar.json").read_text())
    assert lagret["svar"]["sam-11"]["forsok"]  # saved either way
    vist = getattr(wid, "selvvurdering", None)
    modell = "Vårt modellsvar" in "".join(str(getattr(c, "value", "")) for c in (vist.children if vist else []))
    assert modell is frigitt
