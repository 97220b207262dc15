"""Cases for a roster (issue 14): distinct, deterministic, stored, the truth for students and samle."""

from __future__ import annotations

import json
from argparse import Namespace

import pytest

from tiltakslab import tildeling as tild
from tiltakslab import variant
from tiltakslab.data import deltaker_for_student


@pytest.mark.parametrize("mal", ["s{:03d}", "student{:03d}"])
def test_sixty_ids_get_sixty_distinct_cases(mal):
    ider = [mal.format(i) for i in range(1, 61)]
    a = tild.tildel(ider)
    assert len({r["deltaker"] for r in a.studenter.values()}) == 60
    assert tild.tildel(list(reversed(ider))).studenter == a.studenter  # deterministic for the roster
    # most students keep their own per-id draw; only collisions move
    egne = sum(a.deltaker(s) == deltaker_for_student(s) for s in ider)
    assert egne >= 50


def test_roster_file_utf16_bom_and_case(tmp_path, capsys):
    linjer = "student\nS023\ns017\n\ns023\n"
    for navn, data in [("utf16.txt", linjer.encode("utf-16")), ("bom.txt", b"\xef\xbb\xbf" + linjer.encode()),
                       ("utf16le.txt", linjer.encode("utf-16-le"))]:
        (tmp_path / navn).write_bytes(data)
        studenter, _g, feil = tild.les_roster(tild.les_tekstfil(tmp_path / navn))
        assert studenter == ["s023", "s017"], navn
        assert feil and "s023 står allerede" in feil[0]


def test_roster_refuses_personal_data_with_reasons(tmp_path, capsys):
    (tmp_path / "k.txt").write_text("s001\n12345678901\nola@skole.no\nOla Nordmann\n")
    args = Namespace(student=[], fil=str(tmp_path / "k.txt"), csv=None, grupper=False, lagre=str(tmp_path / "t.json"))
    assert variant.run(args) == 2
    err = capsys.readouterr().err
    assert "fødselsnummer" in err and "e-postadresse" in err and "mellomrom" in err
    assert not (tmp_path / "t.json").exists()


def test_group_mode_one_case_per_group(tmp_path):
    studenter, grupper, _ = tild.les_roster("s001;g1\ns002;g1\ns003;g2\ns004\n")
    a = tild.tildel(studenter, grupper)
    assert a.deltaker("s001") == a.deltaker("s002") != a.deltaker("s003")
    assert len({a.deltaker(s) for s in studenter}) == 3


def test_stored_assignment_is_kept_and_is_the_truth(tmp_path, monkeypatch, capsys):
    (tmp_path / "k.txt").write_text("s001\ns002\n")
    lagret = tmp_path / "_laerer" / "tildeling.json"
    args = Namespace(student=[], fil=str(tmp_path / "k.txt"), csv=None, grupper=False, lagre=str(lagret))
    assert variant.run(args) == 0
    out = capsys.readouterr().out
    assert "2 ulike caser til 2 studenter" in out and "Målgruppe:" in out and "Aldersgruppe:" in out
    data = json.loads(lagret.read_text())
    # the instructor edits the file: the stored one is the truth for students ...
    data["studenter"]["s001"]["deltaker"] = data["studenter"]["s002"]["deltaker"]
    data["studenter"]["s002"]["deltaker"] = "D00001"
    lagret.write_text(json.dumps(data))
    monkeypatch.setenv("TILTAKSLAB_TILDELING", str(lagret))
    assert deltaker_for_student("S002") == "D00001"
    # ... and survives a re-run with a longer roster
    (tmp_path / "k.txt").write_text("s001\ns002\ns003\n")
    assert variant.run(args) == 0
    ny = json.loads(lagret.read_text())["studenter"]
    assert ny["s002"]["deltaker"] == "D00001" and "s003" in ny


def test_spread_table_counts_cases():
    a = tild.tildel([f"s{i:03d}" for i in range(1, 31)])
    spredning = tild.spredning(a)
    assert sum(spredning["malgruppe"].values()) == 30 and sum(spredning["utfall"].values()) == 30
    assert len(spredning["malgruppe"]) >= 2


def test_samle_shows_the_assigned_case_beside_case_answers(tmp_path):
    from tiltakslab import samle
    from tiltakslab.data import fornavn
    from tiltakslab.ovelser import last_ovelser

    sett = last_ovelser()
    oid = next(o for o, ov in sett.ovelser.items() if ov["type"] == "refleksjon")
    inn = tmp_path / "inn"
    (inn / "_laerer").mkdir(parents=True)
    tild.lagre(tild.tildel(["s001"]), inn / "_laerer" / "tildeling.json")
    did = tild.les(inn / "_laerer" / "tildeling.json").deltaker("s001")
    (inn / "a.json").write_text(json.dumps({"skjema": "tiltakslab-innlevering", "versjon": 1, "student": "S001",
                                            "svar": {oid: {"ovelse": oid, "forsok": [
                                                {"tid": "x", "svar": "Et svar som er langt nok til å telle."}]}}}))
    html = samle.samle(inn, tmp_path / "ut").read_text(encoding="utf-8")
    assert f"case: {fornavn(did)}" in html and "<details><summary>Casen" in html


def test_premise_exercise_answered_for_its_own_case_is_not_flagged(tmp_path):
    from tiltakslab.innleveringer import les_mappe
    from tiltakslab.omvurdering import forventet_case, omvurder
    from tiltakslab.ovelser import last_ovelser

    sett = last_ovelser()
    oid = next(o for o, ov in sett.ovelser.items() if ov.get("premisser"))
    inn = tmp_path / "inn"
    (inn / "_laerer").mkdir(parents=True)
    tild.lagre(tild.tildel([f"s{i:03d}" for i in range(1, 31)]), inn / "_laerer" / "tildeling.json")
    tildeling = tild.les(inn / "_laerer" / "tildeling.json")
    for sid in ("s001", "s002", "s003"):
        riktig = forventet_case(sett.ovelser[oid], tildeling.deltaker(sid), sett)
        (inn / f"{sid}.json").write_text(json.dumps({
            "skjema": "tiltakslab-innlevering", "versjon": 1, "student": sid,
            "svar": {f"{oid}@{riktig}": {"ovelse": oid, "variant": riktig, "forsok": [{"tid": "1", "svar": {}}]},
                     "sam-01@D99999": {"ovelse": "sam-01", "variant": "D99999",
                                       "forsok": [{"tid": "1", "svar": "b"}]}}}))
    rader = omvurder(sett, les_mappe(inn), tildeling=tildeling)
    assert not [r for r in rader if r.ovelse == oid and "tildelt" in r.feil]
    assert all("tildelt case" in r.feil for r in rader if r.ovelse == "sam-01")  # another case: flagged
