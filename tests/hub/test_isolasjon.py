"""Real Linux users (root only): students cannot read or list each other's hand-ins in the exchange;
teachers read them all and put feedback back; nobody writes through another student's folder.

Each action runs in a forked child that drops to the user's uid/gids, so the kernel enforces the
permissions exactly as on a hub with ``LocalProcessSpawner``/TLJH users.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tiltakslab import samle, utveksling
from tiltakslab.meldinger import t

pytestmark = pytest.mark.hub


def _som(uid: int, gid: int, grupper: list[int], fn):
    """Run ``fn()`` in a child as ``uid``; return ``("ok", value)`` or ``("feil", exception class name)``."""
    les, skriv = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        try:
            os.close(les)
            os.setgroups(grupper)
            os.setgid(gid)
            os.setuid(uid)
            try:
                ut = ("ok", fn())
            except Exception as err:  # noqa: BLE001 - reported to the parent
                ut = ("feil", type(err).__name__)
            os.write(skriv, json.dumps(ut, default=str).encode())
        finally:
            os._exit(0)
    os.close(skriv)
    with os.fdopen(les) as fh:
        data = fh.read()
    os.waitpid(pid, 0)
    return tuple(json.loads(data))


@pytest.fixture(scope="module")
def brukere():
    if os.geteuid() != 0 or not shutil.which("useradd"):
        pytest.skip("isolasjonstesten trenger root og useradd (ekte Linux-brukere)")
    t("utveksling.levert", tid="")  # load the message catalogue before any fork
    tag = secrets.token_hex(3)
    gruppe, navn = f"tllaer{tag}", {"a": f"tlsa{tag}", "b": f"tlsb{tag}", "laerer": f"tll{tag}"}
    laget: list[str] = []
    try:
        subprocess.run(["groupadd", gruppe], check=True)
        for rolle, bruker in navn.items():
            ekstra = ["-G", gruppe] if rolle == "laerer" else []
            subprocess.run(["useradd", "-M", "-N", "-s", "/usr/sbin/nologin", *ekstra, bruker], check=True)
            laget.append(bruker)
        import grp  # noqa: PLC0415
        import pwd  # noqa: PLC0415

        gid = grp.getgrnam(gruppe).gr_gid
        info = {}
        for rolle, bruker in navn.items():
            pw = pwd.getpwnam(bruker)
            info[rolle] = {"navn": bruker, "uid": pw.pw_uid, "gid": pw.pw_gid,
                           "grupper": [pw.pw_gid] + ([gid] if rolle == "laerer" else [])}
        yield {"gid": gid, **info}
    finally:
        for bruker in laget:
            subprocess.run(["userdel", bruker], check=False)
        subprocess.run(["groupdel", gruppe], check=False)


@pytest.fixture(scope="module")
def utv(brukere):
    base = Path(tempfile.mkdtemp(prefix="tiltakslab-isolasjon-"))  # not under root's 0700 pytest folder
    os.chmod(base, 0o755)
    rot = utveksling.opprett_rot(base / "utveksling", brukere["gid"])
    for rolle in ("a", "b"):
        b = brukere[rolle]
        utveksling.opprett_brukermappe(rot, b["navn"], b["uid"], brukere["gid"])
    kilde = base / "kilde"
    kilde.mkdir()
    for rolle in ("a", "b"):
        navn = brukere[rolle]["navn"]
        (kilde / f"innlevering-{navn}-1.json").write_text(json.dumps({
            "skjema": "tiltakslab-innlevering", "versjon": 1, "student": navn, "levert": "2026-01-01T10:00:00+01:00",
            "svar": {"sam-01": {"ovelse": "sam-01", "forsok": [{"svar": "a", "status": "riktig"}]}}}))
    os.chmod(kilde, 0o755)
    yield rot, kilde
    shutil.rmtree(base, ignore_errors=True)


def _kjor(brukere, rolle, fn):
    b = brukere[rolle]
    return _som(b["uid"], b["gid"], b["grupper"], fn)


def test_studentene_leverer_i_egen_mappe(brukere, utv):
    rot, kilde = utv
    for rolle in ("a", "b"):
        navn = brukere[rolle]["navn"]
        res = _kjor(brukere, rolle, lambda n=navn: [str(p) for p in utveksling.lever(
            [kilde / f"innlevering-{n}-1.json"], n, rot)])
        assert res[0] == "ok", res
        fil = Path(res[1][0])
        st = fil.stat()
        assert (st.st_uid, st.st_gid, st.st_mode & 0o777) == (brukere[rolle]["uid"], brukere["gid"], 0o640)


def test_en_student_kan_ikke_lese_eller_liste_en_annens(brukere, utv):
    rot, _ = utv
    a, b = brukere["a"]["navn"], brukere["b"]["navn"]
    fil_a = next((rot / a).glob("*.json"))
    assert _kjor(brukere, "b", lambda: fil_a.read_text()) == ("feil", "PermissionError")
    assert _kjor(brukere, "b", lambda: os.listdir(rot / a)) == ("feil", "PermissionError")
    assert _kjor(brukere, "b", lambda: os.listdir(rot)) == ("feil", "PermissionError")  # 0751: no listing
    assert _kjor(brukere, "b", lambda: utveksling.skriv_atomisk(rot / a, "x.json", b"{}"))[0] == "feil"
    # a student cannot make a folder for someone else either
    assert _kjor(brukere, "b", lambda: utveksling.lever([fil_a], "annen", rot)) == ("feil", "UtvekslingFeil")
    # but reads their own
    assert _kjor(brukere, "b", lambda: len(next((rot / b).glob("*.json")).read_text()) > 0) == ("ok", True)


def test_laereren_samler_og_legger_tilbake(brukere, utv):
    rot, _ = utv
    a, b = brukere["a"]["navn"], brukere["b"]["navn"]
    res = _kjor(brukere, "laerer", lambda: sorted(samle.les_mappe(rot).innleveringer))
    assert res == ("ok", sorted([a, b]))
    side = {"tilbakemelding.html": b"<p>ok</p>"}
    res = _kjor(brukere, "laerer", lambda: str(utveksling.legg_tilbake(rot, a, side)[0]))
    assert res[0] == "ok", res
    side = Path(res[1])
    assert _kjor(brukere, "a", lambda: side.read_text()) == ("ok", "<p>ok</p>")
    assert _kjor(brukere, "b", lambda: side.read_text()) == ("feil", "PermissionError")
