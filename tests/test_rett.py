"""Marking free text in the browser (`tiltakslab rett`): marks stored apart, survive samle, flagged on change."""

from __future__ import annotations

import csv
import json
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tiltakslab import samle
from tiltakslab.ovelser import last_ovelser
from tiltakslab.rett import Retting, lag_server

TEKST = "Relasjonen tåler krav når begge parter blir hørt, og <b>vilkår</b> forklares."


def _inn(mappe, oid, tekst, tid="2026-01-01T10:00:00+01:00"):
    mappe.mkdir(exist_ok=True)
    (mappe / "s001.json").write_text(json.dumps({
        "skjema": "tiltakslab-innlevering", "versjon": 1, "student": "s001",
        "svar": {oid: {"ovelse": oid, "forsok": [{"tid": tid, "svar": tekst, "poeng": 0}]}}}))


@pytest.fixture
def server(tmp_path):
    oid = next(o for o, ov in last_ovelser().ovelser.items() if ov["type"] == "refleksjon")
    inn = tmp_path / "inn"
    _inn(inn, oid, TEKST)
    retting = Retting(inn, laerer="kari")
    srv = lag_server(retting)
    tråd = threading.Thread(target=srv.serve_forever, daemon=True)
    tråd.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}", retting, inn, oid
    srv.shutdown()
    srv.server_close()


def _hent(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read().decode("utf-8")


def _post(url, felt):
    data = urllib.parse.urlencode(felt).encode()
    with urllib.request.urlopen(urllib.request.Request(url, data=data, method="POST"), timeout=10) as r:
        return r.read().decode("utf-8")


def _csv(ut):
    with (ut / "resultater.csv").open(encoding="utf-8-sig") as fh:
        return {(r["student"], r["ovelse"]): r for r in csv.DictReader(fh, delimiter=";")}


def test_marking_page_needs_token_and_shows_answer_beside_rubric(server):
    url, retting, _inn_, oid = server
    with pytest.raises(urllib.error.HTTPError) as info:
        _hent(url + "/")
    assert info.value.code == 403
    side = _hent(f"{url}/?token={retting.token}&ovelse={oid}")
    assert "&lt;b&gt;vilkår&lt;/b&gt;" in side and "<b>vilkår" not in side  # escaped
    assert 'class="side"' in side and "Modellsvar" in side and 'name="poeng"' in side


def test_mark_is_stored_apart_survives_samle_and_is_flagged_on_change(server, tmp_path):
    url, retting, inn, oid = server
    side = _hent(f"{url}/?token={retting.token}&ovelse={oid}")
    svar_id = side.split('name="svar_id" value="', 1)[1].split('"', 1)[0]
    svar = _post(f"{url}/lagre?token={retting.token}", {"ovelse": oid, "student": "s001", "svar_id": svar_id,
                                                         "poeng": "1,5", "kommentar": "Godt drøftet.",
                                                         "vurdert_av": ""})
    assert "er lagret" in svar
    lagret = json.loads((inn / "_laerer" / "vurderinger.json").read_text())
    assert lagret["merker"][f"s001|{oid}"]["poeng"] == 1.5 and lagret["kommentarbank"][oid] == ["Godt drøftet."]
    samle.samle(inn, tmp_path / "ut")
    samle.samle(inn, tmp_path / "ut")  # re-running samle keeps the mark
    rad = _csv(tmp_path / "ut")[("s001", oid)]
    assert rad["poeng"] == "1,5" and rad["status"] == "vurdert" and rad["vurdert_av"] == "kari"
    # the comment bank offers the comment for the next answer
    assert "<option>Godt drøftet.</option>" in _hent(f"{url}/?token={retting.token}&ovelse={oid}")
    # the student hands in a changed answer: the mark is flagged
    _inn(inn, oid, TEKST + " Og mer.", tid="2026-01-02T10:00:00+01:00")
    html = samle.samle(inn, tmp_path / "ut").read_text(encoding="utf-8")
    assert "Endret etter vurdering" in html
    assert "Svaret er endret etter at du vurderte det" in _hent(f"{url}/?token={retting.token}&ovelse={oid}")


def test_bad_points_give_a_norwegian_message_and_store_nothing(server):
    url, retting, inn, oid = server
    for poeng in ("mye", "99"):
        with pytest.raises(urllib.error.HTTPError) as info:
            _post(f"{url}/lagre?token={retting.token}", {"ovelse": oid, "student": "s001", "poeng": poeng})
        assert info.value.code == 400
        assert "Poengene må" in info.value.read().decode("utf-8")
    assert not (inn / "_laerer" / "vurderinger.json").exists()


def test_unmarked_is_empty_in_every_export(server, tmp_path):
    _url, _r, inn, oid = server
    samle.samle(inn, tmp_path / "ut")
    assert _csv(tmp_path / "ut")[("s001", oid)]["poeng"] == ""
