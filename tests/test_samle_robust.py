"""`samle` against hostile and broken hand-ins, regrading, and merging (issue 14)."""

from __future__ import annotations

import csv
import json
import os
import stat

import pytest

from tiltakslab import samle
from tiltakslab.innleveringer import MAKS_FORSOK, les_mappe
from tiltakslab.omvurdering import omvurder
from tiltakslab.ovelser import last_ovelser
from tiltakslab.skriving import SkriveFeil


def _fil(mappe, navn, student, svar, levert="2026-01-01T10:00:00+01:00"):
    data = {"skjema": "tiltakslab-innlevering", "versjon": 1, "student": student, "levert": levert, "svar": svar}
    (mappe / navn).write_text(json.dumps(data), encoding="utf-8")


def _rec(oid, *svar, poeng=None, status=None, tid="2026-01-01T10:00:00+01:00", variant=None):
    forsok = [{"tid": tid, "svar": s} for s in svar]
    if poeng is not None:
        forsok[-1]["poeng"] = poeng
    if status is not None:
        forsok[-1]["status"] = status
    return {"ovelse": oid, "variant": variant, "forsok": forsok}


def _rader(ut):
    with (ut / "resultater.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    return {(r[0], r[2]): dict(zip(rows[0], r, strict=True)) for r in rows[1:]}


@pytest.fixture
def inn(tmp_path):
    m = tmp_path / "inn"
    m.mkdir()
    _fil(m, "god.json", "s001", {"sam-01": _rec("sam-01", "b")})
    return m


def test_deep_nesting_is_a_listed_skip(inn, tmp_path):
    (inn / "dyp.json").write_text('{"svar":' + "[" * 200_000 + "]" * 200_000 + "}")
    ut = samle.samle(inn, tmp_path / "ut")
    html = ut.read_text(encoding="utf-8")
    assert "dyp.json" in html and "nøstet dypere" in html
    assert _rader(tmp_path / "ut")[("s001", "sam-01")]["poeng"] == "1"


@pytest.mark.parametrize("sifre", [400, 5000])
def test_huge_integers_are_a_listed_skip_in_norwegian(inn, tmp_path, sifre):
    (inn / "tall.json").write_text('{"skjema": "tiltakslab-innlevering", "versjon": 1, "student": "s002", '
                                   '"svar": {"res-01": {"ovelse": "res-01", "forsok": [{"svar": {"verdi": '
                                   + "9" * sifre + '}, "poeng": 1}]}}}')
    ut = samle.samle(inn, tmp_path / "ut")
    html = ut.read_text(encoding="utf-8")
    assert "tall.json" in html and "flere enn 30 sifre" in html
    assert "Exceeds the limit" not in html


def test_mathtext_answer_reaches_no_parser(inn, tmp_path):
    _fil(inn, "matte.json", "s003", {"sam-01": _rec("sam-01", "$\\foo{$"), "res-01": _rec("res-01", "$\\foo{$")})
    sett = last_ovelser()
    fritt = next(oid for oid, ov in sett.ovelser.items() if ov["type"] == "tallsvar" and "svar" in ov)
    _fil(inn, "matte2.json", "s004", {fritt: _rec(fritt, {"tekst": "$\\foo{$", "verdi": 1.0})})
    ut = samle.samle(inn, tmp_path / "ut")
    assert "<h2>sam-01" in ut.read_text(encoding="utf-8")


def test_mathtext_label_in_chart_does_not_crash():
    from tiltakslab.rapport import _plott

    assert _plott([("$\\foo{$", 3), ("$x^{", 1)], "$\\foo{$", "$") is not None


def test_more_than_max_attempts_is_listed_not_dropped(inn, tmp_path):
    _fil(inn, "mange.json", "s005", {"sam-01": _rec("sam-01", *(["a"] * (MAKS_FORSOK + 20) + ["b"]))})
    ut = samle.samle(inn, tmp_path / "ut")
    html = ut.read_text(encoding="utf-8")
    assert f"{MAKS_FORSOK + 21} forsøk" in html
    assert _rader(tmp_path / "ut")[("s005", "sam-01")]["poeng"] == "1"  # the last answer counts


def test_wrong_shapes_are_listed(inn, tmp_path):
    _fil(inn, "former.json", "s006", {"sam-01": "tekst", "sam-02": {"ovelse": "sam-02", "forsok": [1, 2]},
                                      "sam-03": _rec("sam-03", {"x": [1, {"y": 2}]})})
    ut = samle.samle(inn, tmp_path / "ut")
    html = ut.read_text(encoding="utf-8")
    assert "«sam-01» har feil form" in html and "2 forsøk på sam-02 har feil form" in html
    assert _rader(tmp_path / "ut")[("s006", "sam-03")]["status"] == "ugyldig"


def test_forged_points_are_regraded_and_flagged(inn, tmp_path):
    _fil(inn, "jukset.json", "s007", {"sam-01": _rec("sam-01", "a", poeng=1.0, status="riktig"),
                                      "opp-07": _rec("opp-07", "x", poeng=7)})
    ut = samle.samle(inn, tmp_path / "ut")
    rader = _rader(tmp_path / "ut")
    assert rader[("s007", "sam-01")]["poeng"] == "0" and rader[("s007", "sam-01")]["status"] == "feil"
    assert "filen oppga 1.0 poeng, men svaret gir 0.0" in ut.read_text(encoding="utf-8")


def test_computed_number_key_is_used(tmp_path):
    m = tmp_path / "inn"
    m.mkdir()
    sett = last_ovelser()
    from tiltakslab.ovelser.beregning import beregn

    fasit = beregn(sett.ovelser["res-08"]["beregning"])
    _fil(m, "a.json", "s001", {"res-08": _rec("res-08", {"tekst": str(fasit), "verdi": fasit})})
    rad = omvurder(sett, les_mappe(m))[0]
    assert rad.status == "riktig" and rad.poeng == sett.ovelser["res-08"]["poeng"]


def test_two_sets_from_two_machines_are_merged(tmp_path):
    m = tmp_path / "inn"
    m.mkdir()
    _fil(m, "maskin1.json", "S023", {"sam-01": _rec("sam-01", "a", tid="2026-01-01T10:00:00+01:00")},
         levert="2026-01-01T10:00:00+01:00")
    _fil(m, "maskin2.json", "s023\n", {"res-01": _rec("res-01", {"tekst": "1", "verdi": 1.0},
                                                      tid="2026-01-02T10:00:00+01:00"),
                                       "sam-01": _rec("sam-01", "b", tid="2026-01-02T09:00:00+01:00")},
         levert="2026-01-02T10:00:00+01:00")
    samling = les_mappe(m)
    assert list(samling.innleveringer) == ["s023"]
    svar = samling.innleveringer["s023"].svar
    assert set(svar) == {"sam-01", "res-01"} and svar["sam-01"]["forsok"][-1]["svar"] == "b"


def test_output_through_symlink_is_refused(inn, tmp_path):
    utenfor = tmp_path / "utenfor"
    utenfor.mkdir()
    (tmp_path / "ut").symlink_to(utenfor, target_is_directory=True)
    with pytest.raises(SkriveFeil, match="symbolsk lenke"):
        samle.samle(inn, tmp_path / "ut")
    assert not list(utenfor.iterdir())
    ut = tmp_path / "ut2"
    ut.mkdir()
    mål = tmp_path / "offer.txt"
    mål.write_text("urørt")
    (ut / "oversikt.html").symlink_to(mål)
    with pytest.raises(SkriveFeil):
        samle.samle(inn, ut)
    assert mål.read_text() == "urørt"


def test_output_is_owner_only(inn, tmp_path):
    samle.samle(inn, tmp_path / "ut")
    for p in (tmp_path / "ut").iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o600
    assert not [p for p in (tmp_path / "ut").iterdir() if p.name.endswith(".tmp")]


def test_cli_prints_skips(inn, tmp_path, capsys):
    from argparse import Namespace

    (inn / "tom.json").write_text("")
    (inn / "mappe.json").mkdir()
    assert samle.run(Namespace(mappe=str(inn), ut=str(tmp_path / "ut"), vurderinger=None)) == 0
    out = capsys.readouterr().out
    assert "Hoppet over tom.json" in out and "Hoppet over mappe.json" in out
    os.chmod(tmp_path / "ut", 0o700)


def test_self_assessed_text_is_reported_as_self_assessed(tmp_path):
    sett = last_ovelser()
    ref = next(o for o, ov in sett.ovelser.items() if ov["type"] == "refleksjon")
    m = tmp_path / "inn"
    m.mkdir()
    forsok = {"tid": "1", "svar": "Et svar. " * 40, "status": "selvvurdert",
              "selvvurdering": {"a": True, "b": False}}
    _fil(m, "a.json", "s001", {ref: {"ovelse": ref, "forsok": [forsok]}})
    html = samle.samle(m, tmp_path / "ut").read_text(encoding="utf-8")
    assert "Selvvurdert (ikke vurdert av lærer)" in html and "1 av 2 kriterier krysset av" in html
    rad = _rader(tmp_path / "ut")[("s001", ref)]
    assert rad["status"] == "selvvurdert" and rad["vurdert_av"] == "selv" and rad["poeng"] == ""


def test_answers_to_unknown_exercises_are_listed(inn, tmp_path):
    _fil(inn, "gammel.json", "s008", {"xyz-99": _rec("xyz-99", "a"), "sam-01": _rec("sam-01", "b")})
    html = samle.samle(inn, tmp_path / "ut").read_text(encoding="utf-8")
    assert "1 svar gjelder øvelser som ikke finnes" in html and "xyz-99" in html


def test_lone_surrogate_in_a_hand_in_is_cleaned_and_listed(inn, tmp_path):
    sett = last_ovelser()
    ref = next(o for o, ov in sett.ovelser.items() if ov["type"] == "refleksjon")
    (inn / "surrogat.json").write_text(
        '{"skjema": "tiltakslab-innlevering", "versjon": 1, "student": "s010", "svar": {"' + ref
        + '": {"ovelse": "' + ref + '", "forsok": [{"tid": "1", "svar": "Tekst \\ud800 ' + "x" * 300 + '"}]}}}')
    html = samle.samle(inn, tmp_path / "ut").read_text(encoding="utf-8")
    assert "surrogat.json" in html and "byttet ut" in html
    assert _rader(tmp_path / "ut")[("s010", ref)]["status"] == "til_vurdering"


def test_pasted_model_answer_is_pointed_out(tmp_path):
    sett = last_ovelser()
    ref = next(o for o, ov in sett.ovelser.items() if ov["type"] == "refleksjon" and ov.get("modellsvar"))
    m = tmp_path / "inn"
    m.mkdir()
    _fil(m, "a.json", "s001", {ref: _rec(ref, sett.ovelser[ref]["modellsvar"])})
    _fil(m, "b.json", "s002", {ref: _rec(ref, "Mitt eget svar om funksjonene, med egne ord og eksempler. " * 5)})
    html = samle.samle(m, tmp_path / "ut").read_text(encoding="utf-8")
    assert html.count("Nesten likt modellsvaret") == 1


def test_number_histogram_bins_many_values():
    from tiltakslab.rapport import histogram

    assert histogram([1.0, 2.0, 2.0]) == [("1", 1), ("2", 2)]
    stolper = histogram([float(i) for i in range(100)])
    assert len(stolper) == 10 and sum(n for _, n in stolper) == 100 and stolper[0][0] == "0 – 9,9"
