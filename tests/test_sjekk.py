"""`tiltakslab sjekk` and `tiltakslab variant`."""

from __future__ import annotations

import shutil
from argparse import Namespace
from pathlib import Path

from tiltakslab import sjekk, variant

REPO = Path(__file__).resolve().parents[1]


def _kopi(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data, ignore=shutil.ignore_patterns("synthetic"))
    (data / "synthetic").mkdir()
    return data


def test_sjekk_reports_unknown_excerpt_and_bad_field(tmp_path, monkeypatch, capsys):
    data = _kopi(tmp_path)
    f = data / "ovelser" / "samarbeid.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("[notat-026]", "[notat-999999]", 1)
                 .replace("niva: grunnleggende", "niva: lett", 1), encoding="utf-8")
    monkeypatch.setenv("TILTAKSLAB_DATA", str(data))
    assert sjekk.run(Namespace(data=None)) == 1
    out = capsys.readouterr().out
    assert "data/ovelser/samarbeid.yaml, post «sam-01» (nr. 1), felt «niva», linje " in out
    assert "«lett»" in out


def test_sjekk_reports_unknown_excerpt(tmp_path, monkeypatch, capsys):
    data = _kopi(tmp_path)
    f = data / "ovelser" / "samarbeid.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("[notat-026]", "[notat-999999]", 1), encoding="utf-8")
    monkeypatch.setenv("TILTAKSLAB_DATA", str(data))
    sjekk.run(Namespace(data=None))
    assert "sitatet «notat-999999» finnes ikke" in capsys.readouterr().out


def test_sjekk_own_exercises_clean():
    """The engine's demo exercises validate and cite only known excerpts."""
    feil, notater = sjekk.sjekk_alt()
    demo = ("sam-01", "sam-02", "sam-03", "opp-01", "opp-02", "res-01", "rel-01", "rel-02", "rel-03")
    assert not [f for f in feil if any(f"øvelse {d}:" in f or f"øvelse {d}," in f for d in demo)], feil
    assert any("øvelser lest" in n for n in notater)


def test_variant_uses_data_module(capsys, tmp_path):
    from tiltakslab.data import fornavn

    ut = tmp_path / "v.csv"
    args = Namespace(student=["s001", "s002"], fil=None, csv=str(ut), grupper=False, lagre=None)
    assert variant.run(args) == 0
    out = capsys.readouterr().out
    rows = ut.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == "student;gruppe;deltaker;navn;vignett" and len(rows) == 3
    for row in rows[1:]:
        sid, _g, did, navn, vignett = row.split(";")
        assert f"{sid}: deltaker {did}" in out and navn == fornavn(did)
        assert vignett.startswith(f"{navn} (")  # no Markdown marks
    assert variant.run(Namespace(student=["../x"], fil=None, csv=None, grupper=False, lagre=None)) == 2
