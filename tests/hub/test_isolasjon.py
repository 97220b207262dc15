"""Real Linux users (root only): students cannot read or list each other's hand-ins in the exchange;
teachers read them all and put feedback back; nobody writes through another student's folder.

Each action runs in a forked child that drops to the user's uid/gids, so the kernel enforces the
permissions exactly as on a hub with ``LocalProcessSpawner``/TLJH users.
"""

from __future__ import annotations

import codecs
import json
import os
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tiltakslab import kursfiler, samle, settmodus, utveksling
from tiltakslab import tildeling as tild
from tiltakslab.meldinger import t

pytestmark = pytest.mark.hub


def _som(uid: int, gid: int, grupper: list[int], fn):
    """Run ``fn()`` in a child as ``uid``; return ``("ok", value)`` or ``("feil", exception class name)``."""  # noqa: E501
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
    # Load lazily imported parts before any fork: the child runs as a user who cannot read this
    # interpreter's library when it lives under /root (on a hub the environment is readable).
    t("utveksling.levert", tid="")
    codecs.lookup("utf-8-sig")
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
    res = _kjor(brukere, "laerer", lambda: (sorted(samle.les_mappe(rot).innleveringer), samle.les_mappe(rot).avvist))
    assert res == ("ok", [sorted([a, b]), []])
    side = {"tilbakemelding.html": b"<p>ok</p>"}
    res = _kjor(brukere, "laerer", lambda: str(utveksling.legg_tilbake(rot, a, side)[0]))
    assert res[0] == "ok", res
    side = Path(res[1])
    assert _kjor(brukere, "a", lambda: side.read_text()) == ("ok", "<p>ok</p>")
    assert _kjor(brukere, "b", lambda: side.read_text()) == ("feil", "PermissionError")


def test_en_ekte_bruker_henter_kurset_med_nbgitpuller(brukere, utv, tmp_path):
    """A root-owned release is refused by git for other users («dubious ownership») until the
    administrator adds it to safe.directory, exactly as DRIFT.md says."""
    from nbgitpuller.pull import GitPuller

    from tiltakslab import utgivelse

    rot, _ = utv
    base = rot.parent
    kurs = base / "kurs"
    (kurs / "notebooks").mkdir(parents=True)
    (kurs / "exercises").mkdir()
    for del_, navn in (("notebooks", "00_start.ipynb"), ("exercises", "02_oppfolging.ipynb")):
        shutil.copyfile(Path(__file__).resolve().parents[2] / del_ / navn, kurs / del_ / navn)
    rel = base / "utgave"
    utgivelse.bygg_utgivelse(rel, kurs)
    utgivelse.commit(rel)
    subprocess.run(["chmod", "-R", "a+rX", str(rel)], check=True)
    hjem = base / "hjem-a"
    hjem.mkdir()
    os.chown(hjem, brukere["a"]["uid"], brukere["a"]["gid"])
    gitconfig = base / "gitconfig"

    def hent(mal):
        os.environ.update({"HOME": str(hjem), "GIT_CONFIG_SYSTEM": str(gitconfig), "GIT_CONFIG_NOSYSTEM": ""})
        for _ in GitPuller(rel.as_uri(), str(hjem / mal), branch="main").pull():
            pass
        return sorted(p.name for p in (hjem / mal / "exercises").iterdir())

    gitconfig.write_text("")
    assert _kjor(brukere, "a", lambda: hent("uten"))[0] == "feil"
    gitconfig.write_text(f"[safe]\n\tdirectory = {rel}/.git\n")  # DRIFT.md: git config --system --add …
    os.chmod(gitconfig, 0o644)
    assert _kjor(brukere, "a", lambda: hent("tiltakslab")) == ("ok", ["02_oppfolging.ipynb"])
    assert (hjem / "tiltakslab" / "exercises" / "02_oppfolging.ipynb").stat().st_uid == brukere["a"]["uid"]


def test_publiserte_kursfiler_leses_av_studentene_men_laererfilene_ikke(brukere, utv, tmp_path):
    """The hub makes _laerer (teachers only) and _kurs (teachers write, everyone reads); a teacher
    publishes; a student reads the published assignment (own case, hashed ids) and set modes, and can
    neither read the teachers' folder nor change what is published."""
    rot, _ = utv
    kursfiler.opprett(rot, brukere["gid"])  # as the hub's pre_spawn_hook does (root)
    a, b = brukere["a"]["navn"], brukere["b"]["navn"]
    kilde = tild.Tildeling({a: {"deltaker": "D00017", "gruppe": None}, b: {"deltaker": "D00042", "gruppe": "g"}})
    settmodus.les(None)  # load lazily imported parts before forking (see brukere)

    def publiser():
        tild.lagre(kilde, rot / "_laerer" / "tildeling.json")
        (rot / "_laerer" / "sett.yaml").write_text("sett:\n  samarbeid: {modus: vurdert}\n", encoding="utf-8")
        (rot / "_laerer" / "vurderinger.json").write_text("{}", encoding="utf-8")
        return kursfiler.publiser(rot)

    res = _kjor(brukere, "laerer", publiser)
    assert res[0] == "ok", res
    kopi = rot / "_kurs" / "tildeling.json"
    assert _kjor(brukere, "a", lambda: tild.les(kopi).deltaker(a)) == ("ok", "D00017")
    assert _kjor(brukere, "a", lambda: settmodus.les(rot / "_kurs" / "sett.yaml")["samarbeid"].skjul_fasit) \
        == ("ok", True)
    assert a not in kopi.read_text() and b not in kopi.read_text()
    assert _kjor(brukere, "a", lambda: os.listdir(rot / "_laerer")) == ("feil", "PermissionError")
    assert _kjor(brukere, "a", lambda: (rot / "_laerer" / "tildeling.json").read_text()) == ("feil", "PermissionError")
    assert _kjor(brukere, "a", lambda: utveksling.skriv_atomisk(rot / "_kurs", "tildeling.json", b"{}"))[0] == "feil"
    assert _kjor(brukere, "a", lambda: os.unlink(kopi)) == ("feil", "PermissionError")


def test_snarveien_til_tilbakemeldingene(brukere, utv):
    """The hub (root) makes the feedback folder and the learner's shortcut; the teacher's page is read by
    the learner through it, not by another student."""
    rot, _ = utv
    a = brukere["a"]
    utveksling.opprett_tilbakemeldingsmappe(rot, a["navn"], brukere["gid"])
    hjem = rot.parent / "hjem-snarvei-a"
    hjem.mkdir()
    os.chown(hjem, a["uid"], a["gid"])
    assert utveksling.lag_snarvei(hjem, rot, a["navn"], a["uid"], a["gid"])
    assert os.lstat(hjem / utveksling.SNARVEI).st_uid == a["uid"]
    side = {"side.html": b"<p>Bra</p>"}
    res = _kjor(brukere, "laerer", lambda: str(utveksling.legg_tilbake(rot, a["navn"], side)[0]))
    assert res[0] == "ok", res
    side = hjem / utveksling.SNARVEI / "side.html"
    assert _kjor(brukere, "a", lambda: side.read_text()) == ("ok", "<p>Bra</p>")
    assert _kjor(brukere, "b", lambda: side.read_text()) == ("feil", "PermissionError")
    assert _kjor(brukere, "a", lambda: (hjem / utveksling.SNARVEI / "egen.txt").write_text("x"))[0] == "feil"
