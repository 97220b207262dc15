"""The hand-in exchange: atomic delivery, no writing through symlinks, samle reads it, feedback goes back."""

from __future__ import annotations

import json
import os
import stat
from argparse import Namespace

import pytest

from tiltakslab import ovelser, returner, samle, utveksling
from tiltakslab.meldinger import t
from tiltakslab.ovelser import last_ovelser
from tiltakslab.ovelser.lager import Svarlager
from tiltakslab.ovelser.vurdering import tolk_svar, vurder


def _svar(lager: Svarlager, oid: str, raw: str) -> None:
    ov = last_ovelser().hent(oid)
    svar = tolk_svar(ov, raw)
    lager.lagre_forsok(oid, None, svar, vurder(ov, svar).til_dict())


@pytest.fixture
def hub_miljo(tmp_path, monkeypatch):
    """A learner on a hub: own store, hub user name, an exchange with the hub-made user folder."""
    rot = utveksling.opprett_rot(tmp_path / "utveksling")
    utveksling.opprett_brukermappe(rot, "kari")
    monkeypatch.setenv("TILTAKSLAB_SVAR", str(tmp_path / "svar"))
    monkeypatch.setenv("JUPYTERHUB_USER", "Kari")
    monkeypatch.setenv(utveksling.ENV_UTVEKSLING, str(rot))
    return rot


def test_folder_modes(tmp_path):
    rot = utveksling.opprett_rot(tmp_path / "u")
    mappe = utveksling.opprett_brukermappe(rot, "S017")
    assert mappe.name == "s017"
    assert stat.S_IMODE(os.stat(rot).st_mode) == 0o751
    assert stat.S_IMODE(os.stat(mappe).st_mode) == 0o2770
    assert utveksling.opprett_brukermappe(rot, "s017") == mappe  # idempotent


def test_lever_inn_on_hub_delivers_and_says_levert(hub_miljo):
    _svar(Svarlager(), "sam-01", "a")
    skjema = ovelser.innlevering()
    assert skjema.felt.value == "kari" and skjema.felt.disabled  # the hub user is the student id
    skjema.knapp.click()
    status = skjema.status.value
    assert "Levert kl." in status and "laste opp" in status
    assert "/" not in status.split("</p>")[0].replace("</", "")  # no path in front of the learner
    filer = sorted((hub_miljo / "kari").glob("innlevering-*kari-*"))
    assert [f.suffix for f in filer] == [".html", ".json"]
    data = json.loads(filer[1].read_text(encoding="utf-8"))
    assert data["student"] == "kari" and "sam-01" in data["svar"]
    assert not list((hub_miljo / "kari").glob(".*tmp"))  # no temporary file left behind


def test_hub_user_wins_over_typed_id(hub_miljo):
    _svar(Svarlager(), "sam-01", "a")
    ovelser.innlevering(student="ola")
    assert list((hub_miljo / "kari").glob("*.json")) and not (hub_miljo / "ola").exists()


def test_symlinked_user_folder_is_refused(hub_miljo, tmp_path):
    annen = tmp_path / "annen"
    annen.mkdir()
    (hub_miljo / "ola").symlink_to(annen, target_is_directory=True)
    fil = tmp_path / "x.json"
    fil.write_text("{}")
    with pytest.raises(utveksling.UtvekslingFeil, match="snarvei"):
        utveksling.lever([fil], "ola", hub_miljo)
    assert list(annen.iterdir()) == []


def test_symlinked_file_is_replaced_not_written_through(tmp_path):
    rot = utveksling.opprett_rot(tmp_path / "u")
    mappe = utveksling.opprett_brukermappe(rot, "kari")
    offer = tmp_path / "offer.txt"
    offer.write_text("urørt")
    (mappe / "a.json").symlink_to(offer)
    utveksling.skriv_atomisk(mappe, "a.json", b"ny")
    assert offer.read_text() == "urørt"
    assert not (mappe / "a.json").is_symlink() and (mappe / "a.json").read_bytes() == b"ny"


def test_missing_user_folder_gives_norwegian_message(tmp_path):
    rot = tmp_path / "u"
    rot.mkdir()
    os.chmod(rot, 0o551)
    fil = tmp_path / "x.json"
    fil.write_text("{}")
    try:
        if os.geteuid() == 0:  # root may create anyway; use a file in the way instead
            (tmp_path / "v").mkdir()
            (tmp_path / "v" / "kari").write_text("")
            with pytest.raises(utveksling.UtvekslingFeil, match="ikke en vanlig mappe"):
                utveksling.lever([fil], "kari", tmp_path / "v")
        else:
            with pytest.raises(utveksling.UtvekslingFeil, match="ikke klar"):
                utveksling.lever([fil], "kari", rot)
    finally:
        os.chmod(rot, 0o755)


def test_samle_reads_exchange_and_refuses_a_folder_mismatch(tmp_path, monkeypatch, hub_miljo, capsys):
    _svar(Svarlager(), "sam-01", "a")
    ovelser.innlevering(student="kari")
    # a hand-in that claims to be someone else, dropped in ola's folder
    utveksling.opprett_brukermappe(hub_miljo, "ola")
    falsk = next((hub_miljo / "kari").glob("*.json")).read_bytes()
    utveksling.skriv_atomisk(hub_miljo / "ola", "innlevering-x.json", falsk)
    ut = tmp_path / "rapport"
    assert samle.run(Namespace(mappe=str(hub_miljo), ut=str(ut))) == 0
    samling = samle.les_mappe(hub_miljo)
    assert list(samling.innleveringer) == ["kari"]
    assert ("ola/innlevering-x.json", t("utveksling.feil_mappe")) in samling.avvist
    assert "kari" in (ut / "resultater.csv").read_text(encoding="utf-8-sig")


def test_returner_places_feedback_pages(tmp_path, hub_miljo, capsys):
    utveksling.opprett_brukermappe(hub_miljo, "ola")
    sider = tmp_path / "sider"
    sider.mkdir()
    (sider / "kari.html").write_text("<p>Bra, Kari</p>", encoding="utf-8")
    (sider / "ola.html").write_text("<p>Bra, Ola</p>", encoding="utf-8")
    (sider / "ukjent.html").write_text("<p>?</p>", encoding="utf-8")
    (sider / "Ola Nordmann.html").write_text("<p>?</p>", encoding="utf-8")
    rc = returner.run(Namespace(sider=str(sider), utveksling=str(hub_miljo)))
    assert rc == 1  # two pages could not be placed, and they are reported
    assert (hub_miljo / "kari" / "tilbakemelding" / "tilbakemelding.html").read_text() == "<p>Bra, Kari</p>"
    assert (hub_miljo / "ola" / "tilbakemelding" / "tilbakemelding.html").read_text() == "<p>Bra, Ola</p>"
    out = capsys.readouterr().out
    assert "ukjent.html" in out and "Ola Nordmann.html" in out and "2 tilbakemeldinger" in out


def test_returner_refuses_symlinked_feedback_folder(tmp_path, hub_miljo):
    annen = tmp_path / "annen"
    annen.mkdir()
    (hub_miljo / "kari" / "tilbakemelding").symlink_to(annen, target_is_directory=True)
    with pytest.raises(utveksling.UtvekslingFeil):
        utveksling.legg_tilbake(hub_miljo, "kari", {"tilbakemelding.html": b"x"})
    assert list(annen.iterdir()) == []


def test_feedback_pages_from_the_exchange_go_back_to_each_student(tmp_path, hub_miljo, capsys):
    """The whole loop on a hub: hand-ins in the exchange → `tiltakslab tilbakemelding` → `tiltakslab returner`."""
    from tiltakslab import tilbakemelding

    _svar(Svarlager(), "sam-01", "a")
    ovelser.innlevering(student="kari")
    sider = tmp_path / "sider"
    assert tilbakemelding.run(Namespace(mappe=str(hub_miljo), ut=str(sider), sett=None)) == 0
    assert returner.run(Namespace(sider=str(sider), utveksling=str(hub_miljo))) == 0
    side = (hub_miljo / "kari" / "tilbakemelding" / "tilbakemelding.html").read_text(encoding="utf-8")
    assert side == (sider / "kari.html").read_text(encoding="utf-8")
    assert "Hvem følger opp i tiltaket?" in side  # the answered exercise's title
    assert stat.S_IMODE(os.stat(hub_miljo / "kari" / "tilbakemelding" / "tilbakemelding.html").st_mode) == 0o644
