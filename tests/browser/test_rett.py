"""The marking view in a real browser: open the page, give points and a comment, save; samle shows it."""

from __future__ import annotations

import csv
import json
import threading

import pytest

from tiltakslab import samle
from tiltakslab.ovelser import last_ovelser
from tiltakslab.rett import Retting, lag_server

pytestmark = pytest.mark.browser

TEKST = "Relasjonen tåler krav når begge parter blir hørt, og vilkår forklares. " * 4


@pytest.fixture(scope="module")
def retteside(tmp_path_factory):
    oid = next(o for o, ov in last_ovelser().ovelser.items() if ov["type"] == "refleksjon")
    inn = tmp_path_factory.mktemp("rett") / "inn"
    inn.mkdir()
    (inn / "s001.json").write_text(json.dumps({
        "skjema": "tiltakslab-innlevering", "versjon": 1, "student": "s001",
        "svar": {oid: {"ovelse": oid, "forsok": [{"tid": "1", "svar": TEKST}]}}}))
    retting = Retting(inn, laerer="kari")
    srv = lag_server(retting)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/?token={retting.token}", inn, oid
    srv.shutdown()
    srv.server_close()


def test_mark_in_the_browser(side, retteside, tmp_path):
    url, inn, oid = retteside
    side.goto(url)
    side.get_by_role("link", name=f"{oid} (1/1)").click()
    skjema = side.locator("form.svar").first
    assert "Relasjonen tåler krav" in skjema.inner_text()
    skjema.get_by_label("Poeng").fill("2")
    skjema.get_by_label("Kommentar til studenten").fill("Godt drøftet, men bruk kilden.")
    skjema.get_by_role("button", name="Lagre vurderingen").click()
    side.get_by_role("status").wait_for()
    assert "er lagret" in side.get_by_role("status").inner_text()
    assert side.get_by_role("link", name=f"{oid} (0/1)").is_visible()
    samle.samle(inn, tmp_path / "ut")
    with (tmp_path / "ut" / "resultater.csv").open(encoding="utf-8-sig") as fh:
        rad = next(r for r in csv.DictReader(fh, delimiter=";") if r["ovelse"] == oid)
    assert rad["poeng"] == "2" and rad["vurdert_av"] == "kari" and rad["status"] == "vurdert"
