"""A seeded class of 60 simulated students through the whole instructor loop (issue 14 «done when»)."""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict

import pytest
from simulering import simuler_klasse

from tiltakslab import samle
from tiltakslab.innleveringer import les_mappe
from tiltakslab.omvurdering import omvurder
from tiltakslab.ovelser import last_ovelser
from tiltakslab.rapport import feil_etiketter


@pytest.fixture(scope="module")
def klasse(tmp_path_factory):
    rot = tmp_path_factory.mktemp("klasse")
    inn = rot / "inn"
    inn.mkdir()
    sett = last_ovelser()
    profiler = simuler_klasse(sett, inn, rot / "lagre")
    return sett, inn, rot, profiler


def test_summary_names_top_misconceptions_by_share_of_students(klasse):
    sett, inn, rot, _ = klasse
    html = samle.samle(inn, rot / "ut").read_text(encoding="utf-8")
    # expected: from the regraded final answers, count students per (exercise, feedback label)
    rader = omvurder(sett, les_mappe(inn))
    studenter, besvart = defaultdict(set), defaultdict(set)
    for r in rader:
        if r.resultat is None or sett.ovelser[r.ovelse]["type"] in ("refleksjon", "oppfolgingsplan"):
            continue
        besvart[r.ovelse].add(r.student)
        for etikett, _tekst in feil_etiketter(sett.ovelser[r.ovelse], r):
            studenter[(r.ovelse, etikett)].add(r.student)
    andeler = sorted(((len(s) / len(besvart[k[0]]), len(s), k) for k, s in studenter.items()),
                     key=lambda x: (-x[0], -x[1], x[2]))
    summary = html.split("De vanligste misoppfatningene", 1)[1].split("</ol>", 1)[0]
    punkter = re.findall(r"<li><strong>(\d+) %</strong>\s*\((\d+) av (\d+) studenter\)", summary)
    assert len(punkter) == 10
    for (prosent, n, av), (andel, antall, (oid, _e)) in zip(punkter, andeler[:10], strict=True):
        assert int(prosent) == round(andel * 100) and int(n) == antall and int(av) == len(besvart[oid])
    assert f"#ov-{andeler[0][2][0]}" in summary.split("</li>", 1)[0]
    # shares are of students, not attempts: never more than 100 %
    assert all(int(p) <= 100 for p, _, _ in punkter)
    # specific labels, never a lump («Et riktig alternativ mangler», «Samtalen som helhet») or {navn}
    assert "Et riktig alternativ mangler" not in summary and "Samtalen som helhet" not in summary
    assert "{navn}" not in html  # names filled everywhere (the case's name, or «deltakeren»)


def test_forged_file_grade_equals_regraded_value(klasse, tmp_path):
    sett, inn, rot, profiler = klasse
    svak = next(s for s, p in profiler.items() if p == "svak")
    kilde = next(inn.glob(f"innlevering-*-{svak}-*.json"))
    data = json.loads(kilde.read_text(encoding="utf-8"))
    for rec in data["svar"].values():
        for f in rec["forsok"]:
            f["poeng"], f["status"] = 99, "riktig"
    forfalsket = tmp_path / "inn"
    forfalsket.mkdir()
    (forfalsket / "forfalsket.json").write_text(json.dumps(data), encoding="utf-8")
    ekte = {(r.student, r.ovelse): r.poeng for r in omvurder(sett, les_mappe(inn)) if r.student == svak}
    samle.samle(forfalsket, tmp_path / "ut")
    with (tmp_path / "ut" / "resultater.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert rows
    for r in rows:
        forventet = ekte[(r["student"], r["ovelse"])]
        assert r["poeng"] == ("" if forventet is None else f"{forventet:.2f}".rstrip("0").rstrip(".").replace(".", ","))
    assert "filen oppga 99" in (tmp_path / "ut" / "oversikt.html").read_text(encoding="utf-8")


def test_blank_students_and_unmarked_text_are_empty_not_zero(klasse):
    sett, inn, rot, profiler = klasse
    samle.samle(inn, rot / "ut3")
    with (rot / "ut3" / "resultater.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    manuelle = {oid for oid, ov in sett.ovelser.items() if ov["type"] in ("refleksjon", "oppfolgingsplan")}
    tekst = [r for r in rows if r["ovelse"] in manuelle]
    assert tekst and all(r["poeng"] == "" and r["status"] == "til_vurdering" for r in tekst)
    blanke = {s for s, p in profiler.items() if p == "blank"}
    assert not blanke & {r["student"] for r in rows}
