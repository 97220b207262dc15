"""The README's instructor loop through the CLI: roster → cases → hand-ins → marking → feedback → LMS CSV."""

from __future__ import annotations

import csv
import io
import json

from simulering import simuler_klasse

from tiltakslab.cli import main
from tiltakslab.omvurdering import svar_fingeravtrykk
from tiltakslab.ovelser import last_ovelser
from tiltakslab.rett import Retting


def test_readme_loop(tmp_path, capsys):
    sett = last_ovelser()
    inn = tmp_path / "innlevering"
    (inn / "_laerer").mkdir(parents=True)
    (tmp_path / "klasse.txt").write_text("\n".join(f"s{i:03d}" for i in range(1, 7)), encoding="utf-16")
    # 1 roster and cases
    assert main(["variant", "--fil", str(tmp_path / "klasse.txt"), "--lagre", str(inn / "_laerer" / "tildeling.json"),
                 "--csv", str(tmp_path / "caser.csv")]) == 0
    tildeling = json.loads((inn / "_laerer" / "tildeling.json").read_text())["studenter"]
    assert len({r["deltaker"] for r in tildeling.values()}) == 6
    # ... made visible to the learners' exercises (a copy without the class list)
    assert main(["publiser", str(inn)]) == 0
    assert "publisert for 6 studenter" in capsys.readouterr().out
    assert "s001" not in (inn / "_kurs" / "tildeling.json").read_text(encoding="utf-8")
    # 2 hand-ins (simulated through the package API)
    simuler_klasse(sett, inn, tmp_path / "lagre", antall=6)
    # 3 class overview
    assert main(["samle", str(inn)]) == 0
    assert (inn / "oversikt" / "oversikt.html").is_file() and (inn / "oversikt" / "resultater.csv").is_file()
    assert "tiltakslab publiser" not in capsys.readouterr().out  # the learners saw the instructor's assignment
    # 4 marking (the same code the browser form posts to)
    retting = Retting(inn, laerer="kari")
    ref = next(o for o, ov in sett.ovelser.items() if ov["type"] == "refleksjon")
    with (inn / "oversikt" / "resultater.csv").open(encoding="utf-8-sig") as fh:
        rad = next(r for r in csv.DictReader(fh, delimiter=";") if r["ovelse"] == ref)
    svar = next(json.loads(p.read_text())["svar"][ref]["forsok"][-1]["svar"]
                for p in inn.glob(f"innlevering-*-{rad['student']}-*.json"))
    assert "er lagret" in retting.lagre({"ovelse": ref, "student": rad["student"], "poeng": "1",
                                         "kommentar": "Godt.", "svar_id": svar_fingeravtrykk(svar)})
    # 5 feedback pages
    assert main(["tilbakemelding", str(inn)]) == 0
    side = next((inn / "tilbakemelding" / rad["student"]).glob("tilbakemelding-*.html"))
    assert side.is_file() and "Godt." in (inn / "tilbakemelding" / f"{rad['student']}.html").read_text(encoding="utf-8")
    # 6 LMS
    (inn / "_laerer" / "lms.csv").write_text("\n".join(f"s{i:03d};{1000 + i}" for i in range(1, 7)))
    assert main(["lms", str(inn)]) == 0
    canvas = list(csv.reader(io.StringIO((inn / "lms" / "canvas.csv").read_text(encoding="utf-8"))))
    assert len(canvas) == 8 and canvas[0][1] == "ID"
    capsys.readouterr()
