"""The declarative row filter that replaced ``DataFrame.query`` (issue 14), and ``sjekk`` on bad files."""

from __future__ import annotations

import shutil
from argparse import Namespace
from pathlib import Path

import pandas as pd
import pytest

from tiltakslab import sjekk
from tiltakslab.betingelser import valider as valider_filter
from tiltakslab.ovelser.beregning import BeregningFeil, beregn, filtrer
from tiltakslab.ovelser.laster import last_ovelser

REPO = Path(__file__).resolve().parents[1]
DF = pd.DataFrame({"alder": [20, 30, 40], "type": ["a", "b", "c"], "ok": [True, False, True],
                   "x": [1, 5, 3], "y": [2, 2, 2]})


def _kopi(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    return data


@pytest.mark.parametrize(("filter_", "forventet"), [
    ([{"kolonne": "alder", "operator": "<", "verdi": 35}], [20, 30]),
    ([{"kolonne": "type", "operator": "i", "verdier": ["a", "c"]}], [20, 40]),
    ([{"kolonne": "type", "operator": "ikke_i", "verdier": ["a"]}], [30, 40]),
    ([{"kolonne": "ok", "operator": "==", "verdi": True}, {"kolonne": "alder", "operator": ">=", "verdi": 40}], [40]),
    ([{"kolonne": "x", "operator": ">", "mot_kolonne": "y"}], [30, 40]),
])
def test_filter_selects_rows(filter_, forventet):
    assert valider_filter(filter_) == []
    assert list(filtrer(DF, filter_)["alder"]) == forventet


def test_expression_text_is_refused_and_never_evaluated(tmp_path):
    merke = tmp_path / "kjort"
    ondsinnet = f"@t.__globals__['os'].system('touch {merke}')"
    assert valider_filter(ondsinnet)  # a string is not a filter
    with pytest.raises(BeregningFeil):
        beregn({"tabell": "deltakere", "mal": "antall", "utvalg": ondsinnet})
    assert not merke.exists()


def test_sjekk_refuses_query_string_in_content_and_runs_nothing(tmp_path, monkeypatch, capsys):
    data = _kopi(tmp_path)
    merke = tmp_path / "kjort"
    f = data / "ovelser" / "resultater.yaml"
    tekst = f.read_text(encoding="utf-8")
    gammel = '      utvalg:\n        - {kolonne: i_tiltak, operator: "==", verdi: true}\n'
    assert gammel in tekst
    f.write_text(tekst.replace(gammel, f"      utvalg: \"@t.__globals__['os'].system('touch {merke}')\"\n"),
                 encoding="utf-8")
    monkeypatch.setenv("TILTAKSLAB_DATA", str(data))
    assert sjekk.run(Namespace(data=None)) == 1
    assert "kan ikke være en tekst" in capsys.readouterr().out
    assert not merke.exists()


def test_unknown_column_and_operator_are_named(tmp_path):
    assert "ukjent operator" in valider_filter([{"kolonne": "a", "operator": "~", "verdi": 1}])[0]
    with pytest.raises(BeregningFeil, match="Kolonnen «finnes_ikke» finnes ikke"):
        filtrer(DF, [{"kolonne": "finnes_ikke", "operator": "==", "verdi": 1}])


def test_own_keys_unchanged_by_the_conversion():
    sett = last_ovelser()
    verdier = {oid: round(beregn(ov["beregning"]), 6) for oid, ov in sett.ovelser.items() if "beregning" in ov}
    # the values the old pandas query strings gave (measured before the conversion)
    assert verdier["res-08"] == 62.5
    assert verdier["kis-09"] == round(49.13522012578616, 6)
    assert verdier["opp-12"] == round(13.498733904423252, 6)
    assert verdier["res-03"] == round(50.128022759601706, 6)
    assert verdier["res-07"] == round(24.684370918589465, 6)


def test_sjekk_folder_named_yaml(tmp_path, monkeypatch, capsys):
    data = _kopi(tmp_path)
    (data / "ovelser" / "x.yaml").mkdir()
    monkeypatch.setenv("TILTAKSLAB_DATA", str(data))
    assert sjekk.run(Namespace(data=None)) == 1
    assert "data/ovelser/x.yaml: er ikke en vanlig fil" in capsys.readouterr().out


def test_sjekk_huge_yaml_refused_by_size(tmp_path, monkeypatch, capsys):
    data = _kopi(tmp_path)
    with (data / "ovelser" / "stor.yaml").open("w") as fh:
        fh.write("versjon: 1\novelser:\n")
        fh.write("  - {id: x}\n" * 250_000)
    monkeypatch.setenv("TILTAKSLAB_DATA", str(data))
    assert sjekk.run(Namespace(data=None)) == 1
    out = capsys.readouterr().out
    assert "stor.yaml: filen er" in out and "høyst 2 MB" in out
    assert len(out.splitlines()) < 40


def test_sjekk_many_errors_in_one_file_are_capped(tmp_path, monkeypatch, capsys):
    data = _kopi(tmp_path)
    (data / "ovelser" / "mange.yaml").write_text("versjon: 1\novelser:\n" + "  - {id: x}\n" * 5000)
    monkeypatch.setenv("TILTAKSLAB_DATA", str(data))
    sjekk.run(Namespace(data=None))
    out = capsys.readouterr().out
    assert "feil til i samme fil" in out and len(out.splitlines()) < 100


def test_sjekk_yaml_syntax_error_is_norwegian_with_line(tmp_path, monkeypatch, capsys):
    data = _kopi(tmp_path)
    (data / "ovelser" / "brutt.yaml").write_text("versjon: 1\novelser:\n  - id: x\n    tittel: [a\n  - b: c\n")
    monkeypatch.setenv("TILTAKSLAB_DATA", str(data))
    assert sjekk.run(Namespace(data=None)) == 1
    linje = [x for x in capsys.readouterr().out.splitlines() if "brutt.yaml" in x][0]
    assert "på linje 5" in linje and "while parsing" not in linje
