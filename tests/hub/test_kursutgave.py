"""The student release (``tiltakslab utgivelse``) pulled with nbgitpuller from a ``file://`` repo:
no solutions or teacher notes in it, and a learner's own changes survive a course update."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tiltakslab import utgivelse

from .conftest import krev_hub

pytestmark = pytest.mark.hub

REPO = Path(__file__).resolve().parents[2]


def _pull(repo: Path, mal: Path) -> None:
    from nbgitpuller.pull import GitPuller

    for _linje in GitPuller(repo.as_uri(), str(mal), branch="main").pull():
        pass


def _legg_til_celle(sti: Path, tekst: str, tagger: list[str] | None = None) -> None:
    nb = nbformat.read(sti, as_version=4)
    celle = nbformat.v4.new_markdown_cell(tekst)
    if tagger:
        celle.metadata["tags"] = tagger
    nb.cells.append(celle)
    nbformat.write(nb, sti)


def _tekst(sti: Path) -> str:
    return "\n".join(c.source for c in nbformat.read(sti, as_version=4).cells)


@pytest.fixture
def kilde(tmp_path):
    """A copy of the course sources the teacher can change."""
    krev_hub(proxy=False)
    k = tmp_path / "kilde"
    for del_ in ("notebooks", "exercises"):
        shutil.copytree(REPO / del_, k / del_)
    shutil.copytree(REPO / "solutions", k / "solutions")
    _legg_til_celle(k / "notebooks" / "01_kontekst.ipynb", "Bare for læreren: fasit", ["laerernotat"])
    return k


def test_utgivelsen_har_ingen_losninger(kilde, tmp_path):
    rel = tmp_path / "rel"
    filer = utgivelse.bygg_utgivelse(rel, kilde)
    assert utgivelse.commit(rel)
    navn = {str(f) for f in filer}
    assert "notebooks/00_start.ipynb" in navn and "exercises/02_oppfolging.ipynb" in navn
    assert "data/synthetic/deltakere.csv" in navn
    assert not (rel / "solutions").exists() and not list(rel.rglob("*.yaml"))
    assert "Bare for læreren" not in _tekst(rel / "notebooks" / "01_kontekst.ipynb")
    for nb in rel.rglob("*.ipynb"):
        assert not utgivelse.solution_leaks(nbformat.read(nb, as_version=4)), nb


def test_lekkasje_stopper_utgivelsen(kilde, tmp_path):
    nb = nbformat.read(kilde / "exercises" / "02_oppfolging.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("### LØSNING START\nsvar = 42\n### LØSNING SLUTT"))
    nbformat.write(nb, kilde / "exercises" / "02_oppfolging.ipynb")
    with pytest.raises(utgivelse.UtgivelseFeil, match="løsningsinnhold"):
        utgivelse.bygg_utgivelse(tmp_path / "rel", kilde)


def test_fremmed_mappe_avvises_uten_tap(tmp_path):
    mappe = tmp_path / "mine"
    mappe.mkdir()
    (mappe / "viktig.txt").write_text("behold meg")
    res = subprocess.run([sys.executable, "-m", "tiltakslab.cli", "utgivelse", str(mappe)],
                         capture_output=True, text=True)
    assert res.returncode == 2 and "ingenting er endret" in res.stdout
    assert (mappe / "viktig.txt").read_text() == "behold meg"


def test_studentens_endringer_overlever_kursoppdatering(kilde, tmp_path):
    rel, hjem = tmp_path / "rel", tmp_path / "hjem" / "tiltakslab"
    utgivelse.bygg_utgivelse(rel, kilde)
    utgivelse.commit(rel, "Første utgave")
    _pull(rel, hjem)
    assert (hjem / "exercises" / "02_oppfolging.ipynb").exists()
    # the learner writes in a lesson, in the start page, and makes a file of their own
    _legg_til_celle(hjem / "notebooks" / "02_oppfolging.ipynb", "Mitt notat om oppfølging")
    _legg_til_celle(hjem / "notebooks" / "00_start.ipynb", "Min huskeliste")
    (hjem / "mine_notater.md").write_text("egne tanker", encoding="utf-8")
    # the teacher updates the start page and a lesson, then releases again
    _legg_til_celle(kilde / "notebooks" / "00_start.ipynb", "Nytt fra læreren i uke 2")
    _legg_til_celle(kilde / "notebooks" / "03_relasjonsarbeid.ipynb", "Ny lesetekst")
    utgivelse.bygg_utgivelse(rel, kilde)
    assert utgivelse.commit(rel, "Uke 2")
    _pull(rel, hjem)
    assert "Mitt notat om oppfølging" in _tekst(hjem / "notebooks" / "02_oppfolging.ipynb")
    assert "Min huskeliste" in _tekst(hjem / "notebooks" / "00_start.ipynb")
    assert (hjem / "mine_notater.md").read_text(encoding="utf-8") == "egne tanker"
    assert "Ny lesetekst" in _tekst(hjem / "notebooks" / "03_relasjonsarbeid.ipynb")
    # every notebook the learner has is still valid JSON a notebook server can open
    for nb in hjem.rglob("*.ipynb"):
        json.loads(nb.read_text(encoding="utf-8"))
