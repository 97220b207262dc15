"""The exercise kinds: one module each under ``ovelser/slag/``, registered once, and no branch on
``type`` anywhere else in the engine."""

from __future__ import annotations

import re
from pathlib import Path

from tiltakslab.ovelser.slag import SLAG, Slag, slag_for

SRC = Path(__file__).resolve().parents[1] / "src" / "tiltakslab"
SLAGMAPPE = SRC / "ovelser" / "slag"

# A comparison on an exercise's type: ov["type"] == …, ["type"] in (…), .get("type") != …, typ == "dialog" …
GREN = re.compile(r"""\[\s*["']type["']\s*\]\s*(==|!=|in\b|not\s+in\b)"""
                  r"""|\.get\(\s*["']type["']\s*\)\s*(==|!=|in\b|not\s+in\b)"""
                  r"""|\btyp\s*(==|!=|in\b|not\s+in\b)\s*[\"'(\[{A-Z]""")
KINDS = ("flervalg", "flere_riktige", "rangering", "sortering", "tallsvar", "kartlegging", "oppfolgingsplan",
         "dialog", "refleksjon")
NAVN_SOM_GREN = re.compile(r"""(==|!=|\bin)\s*\(?\s*["'](""" + "|".join(KINDS) + r""")["']""")


def test_no_branch_on_the_exercise_type_outside_the_kinds():
    funn = []
    for fil in sorted(SRC.rglob("*.py")):
        if SLAGMAPPE in fil.parents:
            continue
        for nr, linje in enumerate(fil.read_text(encoding="utf-8").splitlines(), start=1):
            if GREN.search(linje) or (NAVN_SOM_GREN.search(linje) and not linje.lstrip().startswith("for ")):
                funn.append(f"{fil.relative_to(SRC)}:{nr}: {linje.strip()}")
    assert funn == [], "branch on the exercise type outside ovelser/slag/:\n" + "\n".join(funn)


def test_the_scanner_sees_the_branch_shapes_it_forbids():
    for linje in ('if ov["type"] == "tallsvar":', "if ov['type'] in MANUELLE:", 'x = ov.get("type") != "a"',
                  "if typ not in MANUELLE:", 'elif kind in ("flervalg", "flere_riktige"):'):
        assert GREN.search(linje) or NAVN_SOM_GREN.search(linje), linje
    assert not GREN.search('self.boks.add_class(f"tl-type-{ov[\'type\']}")')


def test_every_kind_is_registered_once_from_its_own_module():
    assert tuple(SLAG) == KINDS
    for navn, slag in SLAG.items():
        assert isinstance(slag, Slag) and slag.navn == navn
        assert type(slag).__module__ == f"tiltakslab.ovelser.slag.{navn}"
        assert (SLAGMAPPE / f"{navn}.py").is_file()
        assert slag.beskrivelse and set(slag.skjema) == {"properties", "required"}
        assert set(slag.skjema["required"]) <= set(slag.skjema["properties"])
    assert slag_for({"type": "dialog"}) is SLAG["dialog"]


def test_the_flags_callers_act_on():
    assert {n for n, s in SLAG.items() if s.manuell} == {"refleksjon", "oppfolgingsplan"}
    assert {n for n, s in SLAG.items() if s.selvvurdert} == {"refleksjon", "oppfolgingsplan"}
    assert {n for n, s in SLAG.items() if s.sender_selv} == {"dialog"}
    assert {n for n, s in SLAG.items() if s.enter_sender} == {"tallsvar"}
    assert {n for n, s in SLAG.items() if s.hint_til_retter} == {"oppfolgingsplan"}


# ------------------------------------------------------------------ behaviour through the registry, on fixtures

MINI = Path(__file__).resolve().parent / "fixtures" / "ovelser" / "mini.yaml"


def _mini() -> dict:
    from tiltakslab.ovelser.skjema import rens
    from tiltakslab.yamlfil import les_yaml

    # clean records, as the loader keeps them (ids as text, optional lists present)
    return {ov["id"]: rens(ov) for ov in les_yaml(MINI.read_text(encoding="utf-8"))["ovelser"]}


def test_a_computed_number_key_is_computed_by_the_kind_and_reaches_the_class_report():
    from tiltakslab.omvurdering import Svarrad, vurder_en
    from tiltakslab.ovelser.beregning import beregn
    from tiltakslab.rapport import feil_etiketter

    ov = dict(_mini()["tst-02"])
    del ov["svar"]
    ov["beregning"] = {"tabell": "deltakere", "mal": "antall"}
    key = beregn(ov["beregning"])
    tolket, res, feil = vurder_en(ov, str(int(key)))
    assert (res.status, feil) == ("riktig", "")
    tolket, res, feil = vurder_en(ov, str(int(key) + 5))
    assert res.status == "feil"
    rad = Svarrad("s1", ov["id"], "test", None, 1, "", str(int(key) + 5), tolket=tolket, resultat=res)
    from tiltakslab.meldinger import t
    from tiltakslab.ovelser.vurdering import formater_tall

    assert feil_etiketter(ov, rad) == [(t("rapport.feil_tall", tall=formater_tall(key + 5)), "Seksten.")]


def test_a_key_that_cannot_be_computed_is_a_norwegian_problem_not_a_crash(tmp_path, monkeypatch):
    from tiltakslab.omvurdering import vurder_en

    ov = dict(_mini()["tst-02"])
    del ov["svar"]
    ov["beregning"] = {"tabell": "finnes_ikke", "mal": "antall"}
    tolket, res, feil = vurder_en(ov, "3")
    assert tolket == {"tekst": "3", "verdi": 3.0} and res is None and "finnes_ikke" in feil
    assert SLAG["tallsvar"].sjekk_mot_data(ov) == [feil]


def test_dialogue_and_flervalg_on_fixtures():
    from tiltakslab.ovelser.vurdering import tolk_svar, vurder

    mini = _mini()
    dialog = mini["tst-03"]
    res = vurder(dialog, tolk_svar(dialog, {"valg": [1]}))
    assert res.status == "feil" and res.deler[0].tekst == "Det var brått."
    assert vurder(dialog, tolk_svar(dialog, {"valg": [0]})).poeng == 2
    assert SLAG["dialog"].i_ord(dialog, {"valg": [0]})[-1][1] == "«Takk.»"
    fv = mini["tst-01"]
    res = vurder(fv, tolk_svar(fv, "a"))
    assert res.hint == "Les igjen." and res.poeng == 0
    assert SLAG["flervalg"].svar_i_ord(fv, "b", str) == [("", "Beta")]
