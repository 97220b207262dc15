"""The wheel carries its content: built from the tracked files, installed in a fresh venv, used outside the repo.

The fresh venv gets the wheel (``--no-deps``) and borrows only the third-party dependencies from the
test environment through a path entry, so ``tiltakslab`` itself can only come from the wheel.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _run(args, **kw):
    res = subprocess.run(args, capture_output=True, text=True, check=False, **kw)
    assert res.returncode == 0, f"{args}\n{res.stdout}\n{res.stderr}"
    return res


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hjul")
    src = tmp / "kilde"
    files = _run(["git", "ls-files", "-z"], cwd=REPO).stdout.split("\0")
    for name in filter(None, files):
        p = REPO / name
        if p.is_file() and not p.is_symlink():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            (src / name).write_bytes(p.read_bytes())
    dist = tmp / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(src)])
    (wheel,) = dist.glob("tiltakslab-*.whl")
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", str(venv)])
    py = venv / "bin" / "python"
    site = _run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip()
    # third-party dependencies from the test environment; tiltakslab only from the wheel
    Path(site, "tiltakslab-test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    _run([str(py), "-m", "pip", "install", "-q", "--no-deps", str(wheel)])
    elsewhere = tmp / "et-annet-sted"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("TILTAKSLAB_DATA", "PYTHONPATH")}
    env["TILTAKSLAB_SVAR"] = str(tmp / "svar")
    return {"py": py, "bin": venv / "bin", "cwd": elsewhere, "env": env, "wheel": wheel}


def test_wheel_lists_the_content(installed):
    import zipfile

    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    for needed in ("tiltakslab/innhold/excerpts.yaml", "tiltakslab/innhold/sources.yaml",
                   "tiltakslab/innhold/ordliste.yaml", "tiltakslab/innhold/ovelser/oppfolging.yaml",
                   "tiltakslab/innhold/synthetic/deltakere.csv", "tiltakslab/innhold/kilder/afi-notat-2004.txt",
                   "tiltakslab/innhold/kilder/afi-notat-2004-hele.txt", "tiltakslab/meldinger/nb.yaml",
                   "tiltakslab/innhold/synthetic/saker.json", "tiltakslab/innhold/synthetic/kalibrering.json",
                   "tiltakslab/innhold/synthetic/visninger.json", "tiltakslab/visninger/leksjon01.py",
                   # what a hub points JUPYTER_PATH/JUPYTER_CONFIG_PATH at (run on open, read-only originals)
                   "tiltakslab/jupyter/labextensions/tiltakslab-kjor/package.json",
                   "tiltakslab/jupyter/labextensions/tiltakslab-kjor/static/remoteEntry.js",
                   "tiltakslab/jupyter/jupyter_server_config.json",
                   "tiltakslab/jupyter/jupyter_server_config.py"):
        assert needed in names


def test_installed_wheel_works_outside_the_repo(installed):
    code = textwrap.dedent("""
        import tiltakslab
        from pathlib import Path
        from tiltakslab import ovelse, last, sitat
        from tiltakslab.paths import data_dir
        print("FIL", tiltakslab.__file__)
        print("DATA", data_dir())
        w = ovelse("opp-01")
        print("OVELSE", type(w).__name__)
        print("RADER", len(last("deltakere")))
        sitat("notat-026")
        from tiltakslab import data, saker
        syn = data.standard_mappe()
        print("LETT", saker.les(syn) is not None, saker.kalibrering(syn) is not None)
    """)
    out = _run([str(installed["py"]), "-c", code], cwd=installed["cwd"], env=installed["env"]).stdout
    venv = str(installed["py"].parent.parent)
    fil = next(line for line in out.splitlines() if line.startswith("FIL "))[4:]
    data = next(line for line in out.splitlines() if line.startswith("DATA "))[5:]
    assert fil.startswith(venv) and data.startswith(venv) and data.endswith("innhold")
    assert "Fant ingen øvelse" not in out
    assert "RADER 3515" in out
    assert "LETT True True" in out  # the light case form and the stored calibration match the installed data
    assert "Aetas saksbehandler og tiltaksarrangør" in out  # the quote's text, printed outside a kernel


def test_installed_cli_verifies_every_quote(installed):
    res = _run([str(installed["bin"] / "tiltakslab"), "sjekk"], cwd=installed["cwd"], env=installed["env"])
    assert "står ordrett i sin egen kilde" in res.stdout and "Alt i orden." in res.stdout


def test_missing_content_folder_names_the_folder(installed, tmp_path):
    env = dict(installed["env"], TILTAKSLAB_DATA=str(tmp_path / "borte"))
    res = subprocess.run([str(installed["py"]), "-c", "from tiltakslab import ovelse; ovelse('opp-01')"],
                         cwd=installed["cwd"], env=env, capture_output=True, text=True, check=False)
    assert res.returncode != 0
    assert "Fant ikke innholdet i Tiltakslab" in res.stderr and str(tmp_path / "borte") in res.stderr
    assert "Fant ingen øvelse" not in res.stderr
