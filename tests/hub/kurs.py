"""A small course release in a bare git repo (``file://``) for the hub tests."""

from __future__ import annotations

import subprocess
from pathlib import Path

import nbformat

NOTATBOK = "exercises/ovelse.ipynb"  # a course original: read-only in Lab, runs itself when opened
# printed by the learner's own code cell, which neither Lab's run-on-open nor the app may run
EGEN_KODE_MERKE = "EGEN-KODE-KJORT"
OVELSE = "sam-01"
CASEOVELSE = "sam-06"  # a case plan (premises): shows the learner's assigned case by first name
SETT = "samarbeid"  # the set both exercises belong to (graded in the hub test)
GIT = ["git", "-c", "user.name=Kursansvarlig", "-c", "user.email=kurs@example.invalid", "-c", "init.defaultBranch=main"]


def notatbok() -> str:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["tiltakslab"] = {"kjor_ved_apning": True}  # as `tiltakslab bygg` marks the exercise sets
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Øvelse på huben"),
        nbformat.v4.new_code_cell("from tiltakslab import innlevering, min_sak, ovelse"),
        nbformat.v4.new_code_cell(f'ovelse("{OVELSE}")'),
        nbformat.v4.new_code_cell(f'ovelse("{CASEOVELSE}", deltaker=min_sak())'),
        nbformat.v4.new_code_cell('print("EGEN-KODE-" + "KJORT")  # Skriv koden din her',
                                  metadata={"tiltakslab": {"egen_kode": True}}),  # as `tiltakslab bygg` marks it
        nbformat.v4.new_code_cell("innlevering()"),
    ]
    return nbformat.writes(nb)


def git(*args: str, cwd: Path) -> str:
    return subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def lag_repo(mappe: Path, filer: dict[str, str] | None = None) -> Path:
    """Commit ``filer`` (default: the exercise notebook) and return the bare repo's path."""
    arbeid, bart = mappe / "arbeid", mappe / "kurs.git"
    arbeid.mkdir(parents=True)
    for navn, tekst in (filer or {NOTATBOK: notatbok()}).items():
        (arbeid / navn).parent.mkdir(parents=True, exist_ok=True)
        (arbeid / navn).write_text(tekst, encoding="utf-8")
    git("init", "-q", cwd=arbeid)
    git("add", "-A", cwd=arbeid)
    git("commit", "-q", "-m", "Kurs", cwd=arbeid)
    git("clone", "-q", "--bare", str(arbeid), str(bart), cwd=mappe)
    return bart


def oppdater(bart: Path, mappe: Path, filer: dict[str, str], melding: str = "Oppdatering") -> None:
    """Push a new commit with ``filer`` changed or added to the bare repo."""
    klon = mappe / "oppdatering"
    if not klon.exists():
        git("clone", "-q", str(bart), str(klon), cwd=mappe)
    git("pull", "-q", cwd=klon)
    for navn, tekst in filer.items():
        (klon / navn).parent.mkdir(parents=True, exist_ok=True)
        (klon / navn).write_text(tekst, encoding="utf-8")
    git("add", "-A", cwd=klon)
    git("commit", "-q", "-m", melding, cwd=klon)
    git("push", "-q", "origin", "HEAD:main", cwd=klon)
