"""The light case form (tiltakslab.saker): fresh versus pandas, same draws, same premises, same texts."""

from __future__ import annotations

import ast
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tiltakslab import data, sakbygg, saker
from tiltakslab.identitet import er_gyldig, normaliser
from tiltakslab.ovelser import last_ovelser
from tiltakslab.premisser import KOLONNER

ROOT = Path(__file__).resolve().parents[1]
SYN = ROOT / "data" / "synthetic"


@pytest.fixture(scope="module")
def lett() -> saker.Saker:
    form = saker.les(SYN)
    assert form is not None, "data/synthetic/saker.json mangler eller er utdatert: python -m tiltakslab.sakbygg"
    return form


@pytest.fixture(scope="module")
def mappe() -> str:
    return data._mappe(None)


def _premisslister() -> list[list[dict]]:
    """None, every exercise's premises, and each combined with the course's (as ovelser.sak_for does)."""
    sett = last_ovelser(streng=False)
    egne = [ov["premisser"] for ov in sett.ovelser.values() if ov.get("premisser")]
    alle = [p for ps in egne for p in ps]
    assert egne, "no exercise declares premisser: the draw with premises is untested"
    return [None, *egne, *[[*alle, *ps] for ps in egne]]


def _test_ider() -> list[str]:
    """Every string in the test suite that is a valid student id (a superset of the ids the tests use)."""
    ider = set()
    for sti in ROOT.glob("tests/**/*.py"):
        for node in ast.walk(ast.parse(sti.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) <= 40 \
                    and er_gyldig(node.value):
                ider.add(normaliser(node.value))
    return sorted(ider)


def _mange_ider(n: int = 1500) -> list[str]:
    rng = random.Random(16)
    tegn = "abcdefghijklmnopqrstuvwxyzæøå0123456789-_."
    ut = {"eksempel", *(f"s{i:03d}" for i in range(400)), *(f"student{i:02d}" for i in range(100))}
    while len(ut) < n:
        ut.add("".join(rng.choice(tegn) for _ in range(rng.randint(1, 16))))
    return sorted(ut | set(_test_ider()))


def test_the_committed_form_is_what_pandas_computes_now():
    """Fails when saker.json is stale (data, generator or form code changed): run python -m tiltakslab.sakbygg."""
    lagret = (SYN / saker.FIL).read_text(encoding="utf-8")
    assert lagret == sakbygg.tekst(sakbygg.lag(SYN)), "saker.json er utdatert: python -m tiltakslab.sakbygg"


def test_the_committed_calibration_is_what_pandas_computes_now():
    """kalibrering.json is the table kalibrering() computes; kalibrering() reads it (and recomputes when stale)."""
    import pandas as pd

    lagret = (SYN / saker.KALIBRERING_FIL).read_text(encoding="utf-8")
    assert lagret == sakbygg.kalibrering_tekst(SYN), "kalibrering.json er utdatert: python -m tiltakslab.sakbygg"
    assert saker.kalibrering(SYN) is not None
    pd.testing.assert_frame_equal(data.kalibrering(), pd.DataFrame(data.kalibrering_rader()))


def test_ids_the_tests_use_are_found():
    ider = _test_ider()
    assert {"s017", "student07"} <= set(ider)
    assert len(ider) > 20


@pytest.mark.parametrize("nr", range(len(_premisslister())))
def test_draw_is_the_pandas_draw_for_many_ids(lett, mappe, nr):
    premisser = _premisslister()[nr]
    nokkel = data._nokkel(premisser)
    fasit = data._strata_pandas(nokkel, mappe)
    assert lett.strata(premisser) == tuple(tuple(str(x) for x in g) for g in fasit)
    assert lett.id_mengde(premisser) == data._ider_pandas(nokkel, mappe)
    for sid in _mange_ider():
        n = "tiltakslab-student:" + sid.strip().lower()
        assert data.deltaker_for_student(sid, premisser=premisser) == data._trekk(n, fasit), sid


def test_case_for_exercise_is_the_pandas_case(lett, mappe):
    """sak_for_ovelse for every case in the pool, with and without the course's preferred premises."""
    sett = last_ovelser(streng=False)
    egne = [ov["premisser"] for ov in sett.ovelser.values() if ov.get("premisser")]
    alle = [p for ps in egne for p in ps]
    tabell = data._sakstabell_cached(mappe)
    navn = dict(zip(tabell["deltaker_id"], tabell["fornavn"], strict=True))
    for did in data.kandidater():
        assert lett.navn_i_pool(did) == navn[did]
        for premisser in egne:
            if did in data._ider_pandas(data._nokkel(premisser), mappe):
                forventet = did
            else:
                strata = data._strata_pandas(data._nokkel([*alle, *premisser]), mappe, navn[did]) \
                    or data._strata_pandas(data._nokkel(premisser), mappe, navn[did])
                forventet = data._trekk("tiltakslab-sak:" + did, strata)
            assert data.sak_for_ovelse(did, premisser, foretrukket=alle) == forventet, (did, premisser)
    assert lett.navn_i_pool("D99999") == ""


def _tilfeldig_premiss(rng: random.Random, lett: saker.Saker) -> list[dict]:
    ut = []
    for _ in range(rng.randint(1, 3)):
        kol = rng.choice(KOLONNER)
        verdier = [v for v in lett.kol[kol] if v is not None]
        verdi = rng.choice(verdier) if verdier and rng.random() < 0.8 else rng.choice(
            [True, False, 0, 1, 3, 2.5, "x", "2004-01-01", "Mann", 40])
        op = rng.choice(["==", "!=", "<", "<=", ">", ">=", "i", "ikke_i"])
        if op in ("i", "ikke_i"):
            ut.append({"kolonne": kol, "operator": op,
                       "verdier": [verdi, *rng.sample(verdier, min(len(verdier), rng.randint(0, 3)))]})
        else:
            ut.append({"kolonne": kol, "operator": op, "verdi": verdi})
    return ut


def test_premises_select_what_pandas_selects(lett, mappe):
    """Random premises over every column: the same rows as premisser.maske, or the pandas path is used."""
    rng = random.Random(2003)
    lette = 0
    for _ in range(600):
        premisser = _tilfeldig_premiss(rng, lett)
        nokkel = data._nokkel(premisser)
        try:
            fasit = data._ider_pandas(nokkel, mappe)
        except data.DataFeil:
            with pytest.raises(saker.IkkeLett):
                lett.id_mengde(json.loads(nokkel))
            continue
        try:
            svar = lett.id_mengde(json.loads(nokkel))
        except saker.IkkeLett:
            continue
        lette += 1
        assert svar == fasit, premisser
    assert lette > 400  # nearly all valid premises are answered by the light form


def test_texts_and_names_come_from_the_same_fields_as_pandas(lett, mappe):
    beregnet = saker.Saker(sakbygg.bygg(data._data(mappe), kilde=""))
    for did in lett.ider:
        assert lett.felt(did) == beregnet.felt(did), did
    did = data.deltaker_for_student("s017")
    tekst = data.vignett(did)
    assert tekst.startswith(f"### {data.fornavn(did)} (")
    assert f"*Syntetisk case ({did}); navnet er oppdiktet.*" in tekst


def test_stale_or_missing_form_falls_back_to_pandas(tmp_path):
    kopi = tmp_path / "syn"
    shutil.copytree(SYN, kopi)
    assert saker.les(kopi) is not None
    form = json.loads((kopi / saker.FIL).read_text(encoding="utf-8"))
    form["kilde"] = "0" * 64
    (kopi / saker.FIL).write_text(json.dumps(form), encoding="utf-8")
    assert saker.les(kopi) is None  # stale: ignored
    (kopi / saker.FIL).write_text("{ikke json", encoding="utf-8")
    assert saker.les(kopi) is None  # unreadable: ignored
    (kopi / saker.FIL).unlink()
    assert saker.les(kopi) is None
    # without the form the pandas path gives the same draw, name and text
    did = data.deltaker_for_student("s017", mappe=kopi)
    assert did == data.deltaker_for_student("s017")
    assert data.vignett(did, mappe=kopi) == data.vignett(did)
    assert data.fornavn(did, mappe=kopi) == data.fornavn(did)
    with pytest.raises(data.DataFeil, match="Fant ingen deltaker"):
        data.vignett("D99999", mappe=kopi)


def test_form_follows_edited_csv(tmp_path):
    """An edited CSV makes the committed form stale; sakbygg writes a fresh one for the folder."""
    kopi = tmp_path / "syn"
    shutil.copytree(SYN, kopi)
    sti = kopi / "deltakere.csv"
    linjer = sti.read_text(encoding="utf-8").split("\n")
    linjer[1] = linjer[1].replace(",Kvinne,", ",Mann,", 1) if ",Kvinne," in linjer[1] else \
        linjer[1].replace(",Mann,", ",Kvinne,", 1)
    sti.write_text("\n".join(linjer), encoding="utf-8")
    assert saker.les(kopi) is None
    assert saker.kalibrering(kopi) is None  # the stored calibration is stale too
    sakbygg.skriv(kopi)
    assert saker.kalibrering(kopi) is not None
    ny = saker.les(kopi)
    assert ny is not None
    did = linjer[1].split(",")[0]
    assert ny.felt(did)["kjonn"] != saker.les(SYN).felt(did)["kjonn"]


def test_cases_without_pandas():
    """Drawing, premises, names and texts import neither pandas nor numpy (a fresh interpreter)."""
    kode = (
        "import sys\n"
        "from tiltakslab import data\n"
        "did = data.deltaker_for_student('s017')\n"
        "data.vignett(did); data.vignett(did, utsnitt='start'); data.fornavn(did)\n"
        "p = [{'kolonne': 'kis_kartlagt', 'operator': '==', 'verdi': True}]\n"
        "data.sak_for_ovelse(did, p, foretrukket=p); data.kandidater(p)\n"
        "print(','.join(m for m in ('pandas', 'numpy', 'matplotlib') if m in sys.modules))\n"
    )
    ut = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, check=True)
    assert ut.stdout.strip() == ""


def test_generer_writes_fresh_light_forms(tmp_path):
    """`tiltakslab generer` writes the CSV files and, from them, forms that match them."""
    import argparse

    from tiltakslab.synthetic import kommando

    args = argparse.Namespace(seed=3, out=str(tmp_path), antall=None)
    assert kommando.run(args) == 0
    form = saker.les(tmp_path)
    assert form is not None and saker.kalibrering(tmp_path) is not None
    did = data.deltaker_for_student("s017", mappe=tmp_path)
    assert form.felt(did)["fornavn"] == data.fornavn(did, mappe=tmp_path)
