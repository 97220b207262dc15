"""Feedback pages per student and set, graded sets withheld until released, and the LMS export."""

from __future__ import annotations

import csv
import io
import json
from argparse import Namespace

from tiltakslab import lms, settmodus, tilbakemelding, vurderinger
from tiltakslab.innleveringer import les_mappe
from tiltakslab.omvurdering import omvurder, svar_fingeravtrykk
from tiltakslab.ovelser import last_ovelser

LANG = "Relasjonen tåler krav når begge parter blir hørt. " * 6


def _klasse(tmp_path):
    sett = last_ovelser()
    ref = next(o for o, ov in sett.ovelser.items() if ov["type"] == "refleksjon")
    inn = tmp_path / "inn"
    inn.mkdir()
    for sid, valg in (("s001", "b"), ("s002", "a")):
        (inn / f"{sid}.json").write_text(json.dumps({
            "skjema": "tiltakslab-innlevering", "versjon": 1, "student": sid,
            "svar": {"sam-01": {"ovelse": "sam-01", "forsok": [{"tid": "1", "svar": valg}]},
                     ref: {"ovelse": ref, "forsok": [{"tid": "1", "svar": LANG}]}}}))
    return sett, inn, ref


def test_feedback_page_in_words_with_marks(tmp_path):
    sett, inn, ref = _klasse(tmp_path)
    vurderinger.sett_merke(vurderinger.standard_fil(inn), "s001", ref, 2, "Godt <b>drøftet</b>.", "kari",
                           svar_fingeravtrykk(LANG), float(sett.ovelser[ref]["poeng"]))
    rader = omvurder(sett, les_mappe(inn), vurderinger.merker(vurderinger.les(vurderinger.standard_fil(inn))))
    skrevet = tilbakemelding.skriv_alle(rader, sett, tmp_path / "ut")
    assert {p.parent.name for p in skrevet} == {"s001", "s002", "ut"}
    assert (tmp_path / "ut" / "s001.html").is_file() and (tmp_path / "ut" / "s002.html").is_file()
    sider = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "ut" / "s001").iterdir()}
    samarbeid = sider["tilbakemelding-samarbeid.html"]
    alt_b = next(a["tekst"] for a in sett.ovelser["sam-01"]["alternativer"] if a["id"] == "b")
    assert alt_b in samarbeid and "sam-01" not in samarbeid  # words, not codes or ids
    ref_side = sider[f"tilbakemelding-{sett.ovelser[ref]['tema']}.html"]
    assert "Lærerens vurdering" in ref_side and "2 av" in ref_side and "Godt &lt;b&gt;drøftet&lt;/b&gt;." in ref_side
    s002 = (tmp_path / "ut" / "s002" / f"tilbakemelding-{sett.ovelser[ref]['tema']}.html").read_text(encoding="utf-8")
    assert "Ikke vurdert ennå" in s002


def test_graded_set_withholds_key_until_released(tmp_path):
    sett, inn, _ref = _klasse(tmp_path)
    rader = omvurder(sett, les_mappe(inn))
    feil_tekst = next(a["tilbakemelding"] for a in sett.ovelser["sam-01"]["alternativer"] if a["id"] == "a")
    (tmp_path / "sett.yaml").write_text("sett:\n  samarbeid: {modus: vurdert, frigitt: false, maks_forsok: 2}\n")
    moduser = settmodus.les(tmp_path / "sett.yaml")
    tilbakemelding.skriv_for_student("s002", rader, sett, tmp_path / "a", moduser)
    side = (tmp_path / "a" / "tilbakemelding-samarbeid.html").read_text(encoding="utf-8")
    assert "frigir" in side and feil_tekst[:40] not in side
    (tmp_path / "sett.yaml").write_text("sett:\n  samarbeid: {modus: vurdert, frigitt: true}\n")
    tilbakemelding.skriv_for_student("s002", rader, sett, tmp_path / "b", settmodus.les(tmp_path / "sett.yaml"))
    assert feil_tekst[:40] in (tmp_path / "b" / "tilbakemelding-samarbeid.html").read_text(encoding="utf-8")


def test_lms_export_canvas_and_plain_with_empty_for_unmarked(tmp_path, capsys):
    sett, inn, ref = _klasse(tmp_path)
    (inn / "_laerer").mkdir()
    (inn / "_laerer" / "lms.csv").write_bytes("student;lms_id;navn\nS001;1001;Ola\ns002;1002;Kari\ns003;1003;Per\n"
                                             .encode("utf-16"))
    vurderinger.sett_merke(vurderinger.standard_fil(inn), "s001", ref, 2, "", "kari", svar_fingeravtrykk(LANG),
                           float(sett.ovelser[ref]["poeng"]))
    assert lms.run(Namespace(mappe=str(inn), klasseliste=None, ut=None)) == 0
    assert "fritekst venter på vurdering" in capsys.readouterr().out
    canvas = list(csv.reader(io.StringIO((inn / "lms" / "canvas.csv").read_text(encoding="utf-8"))))
    assert canvas[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert canvas[1][0] == "Points Possible"
    kol = canvas[0].index("Tiltakslab samarbeid")
    rader = {r[1]: r for r in canvas[2:]}
    assert rader["1001"][kol] == "1" and rader["1002"][kol] == "0" and rader["1003"][kol] == ""
    tema = sett.ovelser[ref]["tema"]
    kol_ref = canvas[0].index(f"Tiltakslab {tema}")
    assert rader["1001"][kol_ref] == "2" and rader["1002"][kol_ref] == ""  # unmarked: empty, never 0
    enkel = list(csv.DictReader(io.StringIO((inn / "lms" / "karakterer-per-sett.csv").read_text(encoding="utf-8"))))
    per = {r["student"]: r for r in enkel}
    assert per["s001"]["totalt"] == "3" and per["s002"]["totalt"] == "" and per["s003"]["totalt"] == ""


def test_instructor_files_are_not_read_as_hand_ins_and_pages_fit_returner(tmp_path):
    from tiltakslab import samle
    from tiltakslab.returner import returner

    sett, inn, ref = _klasse(tmp_path)
    vurderinger.sett_merke(vurderinger.standard_fil(inn), "s001", ref, 1, "Bra.", "kari", svar_fingeravtrykk(LANG),
                           float(sett.ovelser[ref]["poeng"]))
    html = samle.samle(inn, tmp_path / "ut").read_text(encoding="utf-8")
    assert "vurderinger.json" not in html  # _laerer/ is not a student's exchange folder
    rader = omvurder(sett, les_mappe(inn), vurderinger.merker(vurderinger.les(vurderinger.standard_fil(inn))))
    tilbakemelding.skriv_alle(rader, sett, tmp_path / "sider")
    samlet = (tmp_path / "sider" / "s001.html").read_text(encoding="utf-8")
    assert "Bra." in samlet and "Lærerens vurdering" in samlet
    utveksling = tmp_path / "utveksling"
    (utveksling / "s001").mkdir(parents=True)
    skrevet, feil = returner(tmp_path / "sider", utveksling)
    assert any(p.parent.parent.name == "s001" for p in skrevet)
