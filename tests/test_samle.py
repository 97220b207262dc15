"""`tiltakslab samle` on good, malformed and hostile submissions."""

from __future__ import annotations

import csv
import json
from argparse import Namespace

import pytest

from tiltakslab import samle
from tiltakslab.ovelser import last_ovelser
from tiltakslab.ovelser.eksport import lag_innlevering
from tiltakslab.ovelser.lager import Svarlager
from tiltakslab.ovelser.vurdering import tolk_svar, vurder


def _send(lager, ov, raw):
    svar = tolk_svar(ov, raw)
    lager.lagre_forsok(ov["id"], None, svar, vurder(ov, svar).til_dict())


@pytest.fixture
def mappe(tmp_path, monkeypatch):
    sett = last_ovelser()
    inn = tmp_path / "inn"
    inn.mkdir()
    for student, valg, tekst in [("s001", "a", "<script>alert('x')</script> jeg stiller vilkår og lytter"),
                                 ("s002", "b", "=HYPERLINK(\"http://x\") vilkår og tillit henger sammen"),
                                 ("s003", "a", "Relasjonen tåler krav når begge parter blir hørt.")]:
        lager = Svarlager(tmp_path / f"store-{student}")
        _send(lager, sett.hent("sam-01"), valg)
        _send(lager, sett.hent("sam-01"), "b")
        _send(lager, sett.hent("rel-02"), tekst)
        _send(lager, sett.hent("res-01"), "18")
        lag_innlevering(lager, sett, student, inn)
    (inn / "tom.json").write_text("")
    (inn / "feil-skjema.json").write_text(json.dumps({"skjema": "noe", "versjon": 1, "svar": {}}))
    (inn / "sti.json").write_text(json.dumps({"skjema": "tiltakslab-innlevering", "versjon": 1,
                                              "student": "../../etc/passwd", "svar": {}}))
    (inn / "stor.json").write_text("[" + "1," * 3_000_000 + "1]")
    (inn / "rar.json").write_text(json.dumps({"skjema": "tiltakslab-innlevering", "versjon": 1, "student": "s009",
                                              "svar": {"sam-01": {"ovelse": "sam-01", "forsok": [
                                                  {"svar": {"x": [1, 2]}, "poeng": "mye"}]},
                                                  "bad": "not a record"}}))
    return inn


def test_samle_report(mappe, tmp_path, capsys):
    ut = tmp_path / "ut"
    assert samle.run(Namespace(mappe=str(mappe), ut=str(ut))) == 0
    out = capsys.readouterr().out
    for fil in ("tom.json", "feil-skjema.json", "sti.json", "stor.json"):
        assert f"Hoppet over {fil}" in out
    html = (ut / "oversikt.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert "class=\"stolpe\"" in html and "data:image/png;base64," in html  # option bars; number histogram
    assert "Sosialkuratoren alene" in html  # option texts, not codes
    assert "Drøfter både hjelpe- og kontrollsiden" in html  # rubric beside free text
    assert html.index("Sammendrag") < html.index("<h2>sam-01 – ")  # summary first
    # Only answered exercises get a section; the rest are listed once at the end.
    assert "<h2>sam-01 – " in html and "<h2>kis-01 – " not in html
    ubesvart = html.split("Ikke besvart av noen", 1)[1]
    assert "kis-01" in ubesvart and "sam-01," not in ubesvart
    with (ut / "resultater.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert rows[0] == ["student", "sett", "ovelse", "poeng", "maks", "status", "vurdert_av", "poeng_auto", "maks_auto"]
    per = {(r[0], r[2]): r for r in rows[1:]}
    assert {r[0] for r in rows[1:]} == {"s001", "s002", "s003", "s009"}
    assert per[("s001", "sam-01")][3] == "1"
    assert per[("s009", "sam-01")][3] == "" and per[("s009", "sam-01")][5] == "ugyldig"
    # reflections are judged by a person: empty until marked, never 0
    assert per[("s002", "rel-02")][3] == "" and per[("s002", "rel-02")][5] == "til_vurdering"
    assert not (ut / "karakterer.csv").exists() and not (ut / "ovelser").exists()


def test_samle_missing_folder(tmp_path, capsys):
    assert samle.run(Namespace(mappe=str(tmp_path / "nei"), ut=None)) == 2
    assert "Fant ikke mappen" in capsys.readouterr().out
