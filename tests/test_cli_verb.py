"""The verbs that replaced the module entry points and scripts/: ``oppdater`` (in test_sources.py),
``dekning`` and ``generer``; every message through the catalogue, in bokmål and nynorsk."""

from __future__ import annotations

import pandas as pd
import pytest

from tiltakslab.cli import VERBS, main
from tiltakslab.meldinger import katalog


def test_the_former_entry_points_are_verbs():
    assert {"oppdater", "dekning", "generer"} <= set(VERBS)


def test_dekning_reports_every_threshold_for_the_course_corpus(capsys):
    assert main(["dekning"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Utdrag i alt: ") and "Per tema:" in out and "Per kilde:" in out
    assert "afi-notat-2004" in out and out.rstrip().endswith("Alle dekningskrav er oppfylt.")


def test_dekning_names_an_unmet_threshold(tmp_path, capsys):
    utkast = tmp_path / "utkast.yaml"
    utkast.write_text("[]\n", encoding="utf-8")
    assert main(["dekning", "--utdrag", str(utkast), "--uten-ordliste"]) == 1
    out = capsys.readouterr().out
    assert "IKKE OPPFYLT: 0 utdrag i alt, skal være minst 160" in out


def test_dekning_in_nynorsk(monkeypatch, capsys):
    monkeypatch.setenv("TILTAKSLAB_SPRAK", "nn")
    assert main(["dekning"]) == 0
    out = capsys.readouterr().out
    assert "Per kjelde:" in out and katalog("nn")["dekning.oppfylt"] in out


@pytest.mark.parametrize("argv,melding", [
    (["generer", "--fro", "-1"], "frøet (--fro) må være et heltall som er 0 eller større"),
    (["generer", "--antall", "99"], "--antall må være minst 100"),
    (["generer", "--antall", "150"], "med 150 deltakere kan ikke alle de publiserte andelene"),
])
def test_generer_refuses_bad_input_in_norwegian(argv, melding, capsys, tmp_path):
    assert main([*argv, "--out", str(tmp_path)]) == 2
    assert melding in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_generer_writes_every_file(tmp_path, capsys):
    assert main(["generer", "--fro", "7", "--ut", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    skrevet = sorted(p.name for p in tmp_path.glob("*.csv"))
    assert "deltakere.csv" in skrevet and len(skrevet) >= 7
    assert all(f"skrev {tmp_path / n}" in out for n in skrevet)
    assert len(pd.read_csv(tmp_path / "deltakere.csv")) == 3515


@pytest.mark.parametrize("sprak", ["nb", "nn"])
def test_overview_lists_every_verb_with_its_catalogue_help(sprak, monkeypatch, capsys):
    monkeypatch.setenv("TILTAKSLAB_SPRAK", sprak)
    assert main([]) == 2
    out = " ".join(capsys.readouterr().out.split())
    for verb in VERBS:
        assert verb in out and " ".join(katalog(sprak)[f"cli.hjelp_{verb}"].split()) in out, verb


@pytest.mark.parametrize("sprak,ventet", [("nb", "tiltakslab samle: feil: disse argumentene mangler: mappe"),
                                          ("nn", "tiltakslab samle: feil: desse argumenta manglar: mappe")])
def test_argparse_speaks_the_catalogue_language(sprak, ventet, monkeypatch, capsys):
    monkeypatch.setenv("TILTAKSLAB_SPRAK", sprak)
    with pytest.raises(SystemExit) as slutt:
        main(["samle"])
    assert slutt.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(katalog(sprak)["argparse.bruk"] + "tiltakslab samle") and ventet in err
    assert "usage:" not in err and "error:" not in err
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert katalog(sprak)["argparse.hjelp"] in out and "show this help" not in out
