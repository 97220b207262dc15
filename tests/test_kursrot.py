"""On a hub the package is a wheel: the course's modules (per-set hand-in, progress) come from the course
release the kernel runs in, not from the installed package (found in the scripted TLJH trial, where every
hand-in was named «alle»)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tiltakslab.ovelser import oversikt

REPO = Path(__file__).resolve().parents[1]


def test_modules_come_from_the_release_the_kernel_runs_in(tmp_path, monkeypatch):
    utgave = tmp_path / "tiltakslab"
    for del_, navn in (("notebooks", "05_samarbeid.ipynb"), ("exercises", "05_samarbeid.ipynb")):
        kilde = next((REPO / del_).glob(navn.replace("samarbeid", "*")))
        (utgave / del_).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(kilde, utgave / del_ / kilde.name)
    installert = tmp_path / "site-packages"  # a wheel: no notebooks beside the package
    installert.mkdir()
    monkeypatch.setattr(oversikt, "REPO_ROOT", installert)
    monkeypatch.chdir(utgave / "exercises")  # a kernel starts in the notebook's folder
    assert oversikt.kursrot() == utgave
    moduler = oversikt.kursmoduler()
    assert [m.nr for m in moduler] == ["05"] and moduler[0].ovelser
    monkeypatch.chdir(tmp_path)
    assert oversikt.kursmoduler() == ()  # nowhere to be found: no modules, as before
