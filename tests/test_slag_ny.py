"""A tenth kind registers from one module (tests/fixtures/slag_pastand.py): it validates, grades,
shows a working widget, and appears in SKJEMA.md – with no change to the engine."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tiltakslab.meldinger import katalog
from tiltakslab.ovelser.slag import SLAG, avregistrer
from tiltakslab.yamlfil import les_yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NOKLER = {"slag_pastand.sant": "Sant", "slag_pastand.usant": "Usant"}


@pytest.fixture
def pastand(monkeypatch, tmp_path):
    monkeypatch.setenv("TILTAKSLAB_SVAR", str(tmp_path / "svar"))
    monkeypatch.setenv("TILTAKSLAB_CACHE", str(tmp_path / "cache"))
    for sprak in ("nb", "nn"):
        for k, v in NOKLER.items():
            monkeypatch.setitem(katalog(sprak), k, v)
    spec = importlib.util.spec_from_file_location("slag_pastand", FIXTURES / "slag_pastand.py")
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)  # registers the kind
    yield modul
    avregistrer("pastand")


@pytest.fixture
def fil():
    return les_yaml((FIXTURES / "ovelser" / "pastand.yaml").read_text(encoding="utf-8"))


def test_the_kind_registers_from_its_module(pastand):
    assert SLAG["pastand"].navn == "pastand" and type(SLAG["pastand"]).__module__ == "slag_pastand"


def test_the_kinds_schema_and_rule_validate_its_exercises(pastand, fil):
    from tiltakslab.ovelser.skjema import valider_fil

    assert valider_fil(fil, "pastand.yaml") == []
    ov = fil["ovelser"][0]
    ov["sannt"] = True  # a misspelt field of this kind
    assert any("«sannt»" in f and "ukjent felt" in f for f in valider_fil(fil, "pastand.yaml"))
    del ov["sannt"], ov["rettelse"]  # the kind's own cross-field rule
    assert valider_fil(fil, "pastand.yaml") == [
        "pastand.yaml, post «tst-10» (nr. 1), felt «rettelse»: mangler"]


def test_unregistered_the_type_is_refused(fil):
    from tiltakslab.ovelser.skjema import valider_fil

    assert any("«pastand»" in f for f in valider_fil(fil, "pastand.yaml"))


def test_the_kind_grades_through_the_engine(pastand, fil):
    from tiltakslab.ovelser.skjema import rens
    from tiltakslab.ovelser.vurdering import SvarFeil, tolk_svar, vurder

    ov = rens(fil["ovelser"][0])  # as the loader keeps it
    with pytest.raises(SvarFeil):
        tolk_svar(ov, None)
    res = vurder(ov, tolk_svar(ov, "usant"))
    assert (res.status, res.poeng) == ("riktig", 1.0)
    res = vurder(ov, tolk_svar(ov, "sant"))
    assert res.status == "feil" and "ny kontaktperson" in res.deler[0].tekst


def test_the_kinds_widget_works_in_the_exercise_widget(pastand, fil, tmp_path):
    from tiltakslab.ovelser.lager import Svarlager
    from tiltakslab.ovelser.skjema import rens
    from tiltakslab.ovelser.widget import OvelseWidget

    ov = rens(fil["ovelser"][0])  # as the loader keeps it
    wid = OvelseWidget(ov, lager=Svarlager(), utdrag={})
    assert [lbl for lbl, _ in wid.inndata.radio.options] == ["Sant", "Usant"]
    wid.send.click()  # nothing chosen: an inline message, nothing stored
    assert wid.melding.value and not wid.tilbakemelding.value
    wid.inndata.radio.value = "usant"
    wid.send.click()
    assert wid.resultat.status == "riktig" and "Riktig" in wid.tilbakemelding.value
    ny = OvelseWidget(ov, lager=Svarlager(), utdrag={})  # restored from the store
    assert ny.inndata.radio.value == "usant"


def test_the_kind_appears_in_skjema_md(pastand):
    from tiltakslab.ovelser.skjemadok import lag, udokumenterte

    tekst = lag()
    assert "## 10. `pastand` — true or false" in tekst
    assert "| `rettelse` | string | yes when `sant: false` | the statement made true |" in tekst
    assert udokumenterte() == []
