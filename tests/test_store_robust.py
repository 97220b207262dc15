"""Answer store under hostile conditions (issue 14): every case here failed on the old store."""

from __future__ import annotations

import errno
import json
import os
import stat
import tempfile

import pytest

from tiltakslab.ovelser.lager import FILNAVN, LagerFeil, Svarlager
from tiltakslab.ovelser.vurdering import SvarFeil

RES = {"status": "riktig", "poeng": 1.0, "maks": 1}


@pytest.fixture
def lager(tmp_path, monkeypatch):
    monkeypatch.setenv("TILTAKSLAB_SVAR", str(tmp_path))
    return Svarlager()


def _lagret(tmp_path) -> dict:
    return json.loads((tmp_path / FILNAVN).read_text(encoding="utf-8"))


def test_wrong_shape_record_is_quarantined_and_answer_saved(lager, tmp_path):
    god = {"ovelse": "sam-02", "variant": None, "forsok": [{"svar": "a", "tid": "x"}]}
    innhold = json.dumps({"skjema": "tiltakslab-svar", "versjon": 1, "student": "s001",
                          "svar": {"sam-01": "ikke en post", "sam-02": god}})
    (tmp_path / FILNAVN).write_text(innhold)
    lager.lagre_forsok("sam-01", None, "b", RES)
    data = _lagret(tmp_path)
    assert data["svar"]["sam-01"]["forsok"][0]["svar"] == "b"
    assert data["svar"]["sam-02"] == god  # the good record is kept
    backups = list(tmp_path.glob(f"{FILNAVN}.skadet-*"))
    assert len(backups) == 1 and backups[0].read_text() == innhold
    assert "1 lagrede svar hadde en form" in lager.advarsel  # the truth, not «could not be read»
    assert "TypeError" not in lager.advarsel


def test_lone_surrogate_is_cleaned_with_a_note_and_saved(lager, tmp_path):
    lager.lagre_forsok("ref-01", None, "Jeg mener \ud800 dette", {"status": "levert", "poeng": 0, "maks": 2})
    assert _lagret(tmp_path)["svar"]["ref-01"]["forsok"][0]["svar"] == "Jeg mener \ufffd dette"
    assert "byttet ut" in lager.advarsel
    lager.lagre_forsok("opp-08", None, {"mal": "a\udc80"}, RES)
    assert _lagret(tmp_path)["svar"]["opp-08"]["forsok"][0]["svar"] == {"mal": "a\ufffd"}


@pytest.mark.parametrize(("kode", "ord_"), [(errno.EACCES, "skrivebeskyttet"), (errno.EROFS, "skrivebeskyttet"),
                                            (errno.ENOSPC, "disken er full")])
def test_read_only_or_full_disk_gives_a_true_norwegian_message(lager, tmp_path, monkeypatch, kode, ord_):
    lager.lagre_forsok("sam-01", None, "a", RES)
    before = (tmp_path / FILNAVN).read_text()

    def feiler(*_a, **_k):
        raise OSError(kode, os.strerror(kode))

    monkeypatch.setattr(tempfile, "mkstemp", feiler)
    with pytest.raises(LagerFeil) as info:
        lager.lagre_forsok("sam-01", None, "b", RES)
    assert ord_ in str(info.value) and "Error" not in str(info.value)
    assert isinstance(info.value, SvarFeil)  # the widget shows SvarFeil inline, not «Noe gikk galt»
    assert (tmp_path / FILNAVN).read_text() == before


def test_stale_temp_files_are_removed(lager, tmp_path):
    for i in range(5):
        (tmp_path / f".svar-{i}abc.tmp").write_text("{halv")
    lager.lagre_forsok("sam-01", None, "a", RES)
    assert not list(tmp_path.glob(".svar-*.tmp"))


def test_everything_written_is_owner_only(lager, tmp_path):
    (tmp_path / FILNAVN).write_text("{ikke json")
    os.chmod(tmp_path / FILNAVN, 0o644)
    lager.lagre_forsok("sam-01", None, "a", RES)
    for p in tmp_path.iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, p.name


def test_store_file_as_symlink_is_never_written_through(lager, tmp_path):
    utenfor = tmp_path.parent / f"{tmp_path.name}-utenfor.json"
    utenfor.write_text("urørt")
    lager.lagre_forsok("sam-01", None, "a", RES)
    (tmp_path / FILNAVN).unlink()
    (tmp_path / FILNAVN).symlink_to(utenfor)
    lager.lagre_forsok("sam-01", None, "b", RES)  # the link is moved aside as unreadable, never followed
    assert utenfor.read_text() == "urørt"
    assert not (tmp_path / FILNAVN).is_symlink() and _lagret(tmp_path)["svar"]["sam-01"]["forsok"][-1]["svar"] == "b"


def test_hand_in_is_atomic_owner_only_normalised_and_refuses_symlinks(lager, tmp_path):
    from tiltakslab.ovelser.eksport import lag_innlevering
    from tiltakslab.skriving import SkriveFeil

    lager.lagre_forsok("sam-01", None, "a", RES)
    json_sti, html_sti = lag_innlevering(lager, None, "S017\n", tmp_path / "inn")
    assert json.loads(json_sti.read_text())["student"] == "s017" and "s017" in json_sti.name
    for p in (json_sti, html_sti):
        assert stat.S_IMODE(p.stat().st_mode) == 0o600
    utenfor = tmp_path / "utenfor"
    utenfor.mkdir()
    (tmp_path / "lenke").symlink_to(utenfor, target_is_directory=True)
    with pytest.raises(SkriveFeil):
        lag_innlevering(lager, None, "s017", tmp_path / "lenke")
    assert not list(utenfor.iterdir())


@pytest.mark.parametrize("innhold", [
    '{"svar":' + "[" * 100_000 + "]" * 100_000 + "}",
    '{"skjema": "tiltakslab-svar", "versjon": 1, "svar": {}, "x": ' + "9" * 5000 + "}"])
def test_deeply_nested_or_huge_number_store_is_quarantined(lager, tmp_path, innhold):
    (tmp_path / FILNAVN).write_text(innhold)
    lager.lagre_forsok("sam-01", None, "b", RES)
    assert _lagret(tmp_path)["svar"]["sam-01"]["forsok"][0]["svar"] == "b"
    assert len(list(tmp_path.glob(f"{FILNAVN}.skadet-*"))) == 1


def test_read_only_folder_still_shows_saved_answers(lager, tmp_path, monkeypatch):
    lager.lagre_forsok("sam-01", None, "a", RES)
    (tmp_path / ".svar.lock").unlink()
    ekte_open = os.open

    def skrivebeskyttet(sti, flagg, *a, **k):
        if flagg & os.O_CREAT:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return ekte_open(sti, flagg, *a, **k)

    monkeypatch.setattr(os, "open", skrivebeskyttet)
    ny = Svarlager()
    assert ny.siste("sam-01")["svar"] == "a"  # the answer is still shown
    assert "skrivebeskyttet" in ny.advarsel
    with pytest.raises(LagerFeil, match="skrivebeskyttet"):
        ny.lagre_forsok("sam-01", None, "b", RES)
