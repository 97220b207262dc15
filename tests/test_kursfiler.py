"""The course's published files (issue 14): the instructor's assignment and set modes, published into
``_kurs/`` for every learner's kernel, without the class list; stale copies are reported."""

from __future__ import annotations

import json
import os
import stat
from argparse import Namespace

import pytest

from tiltakslab import kursfiler, samle, settmodus, utveksling
from tiltakslab import tildeling as tild
from tiltakslab.data import deltaker_for_student
from tiltakslab.meldinger import t

SETT = "sett:\n  samarbeid: {modus: vurdert, frigitt: false, maks_forsok: 2}\n"


def _annen_enn_trekket(student: str) -> str:
    """A case that is not the per-id draw for ``student`` (so the test tells the two apart)."""
    egen = deltaker_for_student(student)
    return next(d for d in (deltaker_for_student(f"annen{i}") for i in range(50)) if d != egen)


@pytest.fixture
def laerer(tmp_path):
    """An instructor's hand-in folder with an assignment that differs from the hash draw, and set modes."""
    rot = tmp_path / "utveksling"
    (rot / "_laerer").mkdir(parents=True)
    tildeling = tild.Tildeling({"kari": {"deltaker": _annen_enn_trekket("kari"), "gruppe": None},
                                "ola": {"deltaker": deltaker_for_student("ola"), "gruppe": "g1"}})
    tild.lagre(tildeling, rot / "_laerer" / "tildeling.json")
    (rot / "_laerer" / "sett.yaml").write_text(SETT, encoding="utf-8")
    return rot, tildeling


def test_published_assignment_is_the_truth_for_the_widget_and_hides_the_class(laerer, monkeypatch):
    rot, tildeling = laerer
    linjer = kursfiler.publiser(rot)
    assert t("kursfiler.tildeling_publisert", n=2) in linjer
    kopi = rot / "_kurs" / "tildeling.json"
    tekst = kopi.read_text(encoding="utf-8")
    assert "kari" not in tekst and "ola" not in tekst and "g1" not in tekst  # no class list, no groups
    assert stat.S_IMODE(os.stat(kopi).st_mode) == 0o644
    monkeypatch.setenv(tild.ENV_TILDELING, kursfiler.miljo(rot)[tild.ENV_TILDELING])
    assert deltaker_for_student("Kari") == tildeling.deltaker("kari")  # the stored case, not the draw
    monkeypatch.delenv(tild.ENV_TILDELING)
    assert deltaker_for_student("Kari") != tildeling.deltaker("kari")
    # the published copy also serves samle (hashed lookup)
    assert tild.les(kopi).deltaker("kari") == tildeling.deltaker("kari")
    assert tild.les(kopi).deltaker("per") is None


def test_published_set_modes_hide_the_key_in_the_learners_kernel(laerer, monkeypatch):
    rot, _ = laerer
    kursfiler.publiser(rot)
    monkeypatch.setenv(settmodus.ENV_SETT, kursfiler.miljo(rot)[settmodus.ENV_SETT])
    modus = settmodus.for_ovelse({"tema": "samarbeid"})
    assert modus.skjul_fasit and modus.maks_forsok == 2
    assert not settmodus.for_ovelse({"tema": "kartlegging"}).skjul_fasit


def test_a_bad_source_is_refused_and_the_old_copy_kept(laerer, capsys):
    rot, _ = laerer
    kursfiler.publiser(rot)
    gammel = (rot / "_kurs" / "sett.yaml").read_bytes()
    (rot / "_laerer" / "sett.yaml").write_text("sett:\n  samarbeid: {modus: streng}\n", encoding="utf-8")
    assert kursfiler.run(Namespace(mappe=str(rot))) == 1
    assert "«modus» må være formativ eller vurdert" in capsys.readouterr().out
    assert (rot / "_kurs" / "sett.yaml").read_bytes() == gammel


def test_a_removed_source_removes_the_copy(laerer):
    rot, _ = laerer
    kursfiler.publiser(rot)
    (rot / "_laerer" / "sett.yaml").unlink()
    assert t("kursfiler.fjernet", fil="sett.yaml") in kursfiler.publiser(rot)
    assert not (rot / "_kurs" / "sett.yaml").exists()


def test_stale_copy_is_reported_by_samle(laerer, capsys):
    rot, tildeling = laerer
    assert kursfiler.utdatert(rot) == []  # nothing published here yet: nothing to warn about
    kursfiler.publiser(rot)
    assert kursfiler.utdatert(rot) == []
    tildeling.studenter["per"] = {"deltaker": deltaker_for_student("per"), "gruppe": None}
    tild.lagre(tildeling, rot / "_laerer" / "tildeling.json")
    assert kursfiler.utdatert(rot) == [t("kursfiler.utdatert", fil="tildeling.json")]
    assert samle.run(Namespace(mappe=str(rot), ut=str(rot.parent / "rapport"), vurderinger=None,
                               tildeling=None)) == 0
    assert t("kursfiler.utdatert", fil="tildeling.json") in capsys.readouterr().out
    kursfiler.publiser(rot)
    assert kursfiler.utdatert(rot) == []


def test_never_written_through_a_symlink(laerer, tmp_path):
    rot, _ = laerer
    annen = tmp_path / "annen"
    annen.mkdir()
    (rot / "_kurs").symlink_to(annen, target_is_directory=True)
    with pytest.raises(kursfiler.PubliseringsFeil):
        kursfiler.publiser(rot)
    assert list(annen.iterdir()) == []


def test_nothing_to_publish_says_so(tmp_path):
    assert kursfiler.publiser(tmp_path) == [t("kursfiler.ingenting")]


def test_hub_side_folders_and_the_feedback_shortcut(tmp_path):
    rot = utveksling.opprett_rot(tmp_path / "u")
    kursfiler.opprett(rot)
    kursfiler.opprett(rot)  # idempotent
    assert stat.S_IMODE(os.stat(rot / "_laerer").st_mode) == 0o2770
    assert stat.S_IMODE(os.stat(rot / "_kurs").st_mode) == 0o2775
    utveksling.opprett_brukermappe(rot, "kari")
    mappe = utveksling.opprett_tilbakemeldingsmappe(rot, "kari")
    assert stat.S_IMODE(os.stat(mappe).st_mode) == 0o2775
    hjem = tmp_path / "hjem"
    hjem.mkdir()
    assert utveksling.lag_snarvei(hjem, rot, "kari")
    assert os.path.realpath(hjem / utveksling.SNARVEI) == str(mappe.resolve())
    assert not utveksling.lag_snarvei(hjem, rot, "kari")  # already there: left alone
    # the teacher's pages land in the hub-made folder and are seen through the shortcut
    utveksling.legg_tilbake(rot, "kari", {"tilbakemelding.html": b"<p>Bra</p>"})
    assert (hjem / utveksling.SNARVEI / "tilbakemelding.html").read_text() == "<p>Bra</p>"
    # a learner's own file or folder with the shortcut's name is never replaced
    hjem2 = tmp_path / "hjem2"
    (hjem2 / utveksling.SNARVEI).mkdir(parents=True)
    (hjem2 / utveksling.SNARVEI / "mitt.txt").write_text("mitt")
    assert not utveksling.lag_snarvei(hjem2, rot, "kari")
    assert (hjem2 / utveksling.SNARVEI / "mitt.txt").read_text() == "mitt"


def test_hub_side_feedback_folder_refuses_a_symlink(tmp_path):
    rot = utveksling.opprett_rot(tmp_path / "u")
    utveksling.opprett_brukermappe(rot, "kari")
    (rot / "kari" / "tilbakemelding").symlink_to(tmp_path, target_is_directory=True)
    with pytest.raises(utveksling.UtvekslingFeil):
        utveksling.opprett_tilbakemeldingsmappe(rot, "kari")


def test_the_tljh_recipe_points_learners_at_the_published_files():
    from hub import huben

    tekst = huben.TLJH_CONFIG.read_text(encoding="utf-8")
    assert "**kursfiler.miljo(UTVEKSLING)" in tekst and "kursfiler.opprett(UTVEKSLING, gid)" in tekst
    assert json.dumps(sorted(kursfiler.miljo("/x"))) == json.dumps(["TILTAKSLAB_SETT", "TILTAKSLAB_TILDELING"])
