"""Answer store: atomic writes, corrupt/foreign files kept as backup, a kill between two submits."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from tiltakslab.ovelser.lager import FILNAVN, LagerFeil, Svarlager, svar_mappe


@pytest.fixture
def lager(tmp_path, monkeypatch):
    monkeypatch.setenv("TILTAKSLAB_SVAR", str(tmp_path))
    return Svarlager()


def test_location_env_and_default(tmp_path, monkeypatch):
    monkeypatch.setenv("TILTAKSLAB_SVAR", str(tmp_path / "x"))
    assert svar_mappe() == tmp_path / "x"
    monkeypatch.delenv("TILTAKSLAB_SVAR")
    assert svar_mappe().name == "tiltakslab-svar"


def test_attempts_schema_and_timestamps(lager, tmp_path):
    lager.lagre_forsok("sam-01", None, "a", {"status": "feil", "poeng": 0.0, "maks": 1})
    lager.lagre_forsok("sam-01", None, "b", {"status": "riktig", "poeng": 1.0, "maks": 1})
    lager.lagre_forsok("kis-01", "D001", {"x": 1}, {"status": "delvis", "poeng": 2.0, "maks": 6})
    data = json.loads((tmp_path / FILNAVN).read_text())
    assert data["skjema"] == "tiltakslab-svar" and data["versjon"] == 1
    assert set(data["svar"]) == {"sam-01", "kis-01@D001"}
    rec = data["svar"]["sam-01"]
    assert len(rec["forsok"]) == 2 and rec["beste_poeng"] == 1.0
    assert all("T" in f["tid"] for f in rec["forsok"])
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


@pytest.mark.parametrize("innhold", ["{ikke json", json.dumps({"skjema": "noe-annet", "svar": {}}),
                                     json.dumps({"skjema": "tiltakslab-svar", "versjon": 99, "svar": {}})])
def test_corrupt_or_foreign_store_is_backed_up(lager, tmp_path, innhold):
    (tmp_path / FILNAVN).write_text(innhold)
    lager.lagre_forsok("sam-01", None, "b", {"status": "riktig", "poeng": 1.0, "maks": 1})
    backups = list(tmp_path.glob(f"{FILNAVN}.skadet-*"))
    assert len(backups) == 1 and backups[0].read_text() == innhold
    assert "tatt vare på" in lager.advarsel
    assert json.loads((tmp_path / FILNAVN).read_text())["svar"]["sam-01"]["forsok"][0]["svar"] == "b"


def test_failed_write_leaves_old_store_intact(lager, tmp_path, monkeypatch):
    lager.lagre_forsok("sam-01", None, "a", {"status": "feil", "poeng": 0.0, "maks": 1})
    before = (tmp_path / FILNAVN).read_text()

    def crash(*_a):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(LagerFeil):
        lager.lagre_forsok("sam-01", None, "b", {"status": "riktig", "poeng": 1.0, "maks": 1})
    assert (tmp_path / FILNAVN).read_text() == before
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


def test_kill_between_two_submits_keeps_first_answer(tmp_path):
    script = textwrap.dedent("""
        import sys, time
        from tiltakslab.ovelser.lager import Svarlager
        s = Svarlager()
        s.lagre_forsok("sam-01", None, "a", {"status": "feil", "poeng": 0.0, "maks": 1})
        print("first", flush=True)
        time.sleep(60)
        s.lagre_forsok("sam-01", None, "b", {"status": "riktig", "poeng": 1.0, "maks": 1})
    """)
    env = dict(os.environ, TILTAKSLAB_SVAR=str(tmp_path))
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, env=env, text=True)
    try:
        assert proc.stdout.readline().strip() == "first"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    data = json.loads((tmp_path / FILNAVN).read_text())
    assert [f["svar"] for f in data["svar"]["sam-01"]["forsok"]] == ["a"]


def test_two_writers_do_not_lose_answers(tmp_path):
    script = textwrap.dedent("""
        import sys
        from tiltakslab.ovelser.lager import Svarlager
        s = Svarlager()
        for i in range(20):
            s.lagre_forsok(sys.argv[1], None, i, {"status": "levert", "poeng": 0.0, "maks": 0})
    """)
    env = dict(os.environ, TILTAKSLAB_SVAR=str(tmp_path))
    procs = [subprocess.Popen([sys.executable, "-c", script, oid], env=env) for oid in ("rel-02", "sam-01")]
    start = time.time()
    for p in procs:
        p.wait(timeout=60)
    assert time.time() - start < 60
    data = json.loads((tmp_path / FILNAVN).read_text())
    assert len(data["svar"]["rel-02"]["forsok"]) == 20 and len(data["svar"]["sam-01"]["forsok"]) == 20
