"""The learner's own code cells: marked by ``tiltakslab bygg``, not run when a set opens in JupyterLab, left out of
the app (Voila's prelaunch hook); every other cell of a course notebook needs neither pandas nor matplotlib, so a
notebook *as opened* stays light (the per-cell probe in the root conftest checks the same while nbval runs)."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest

from tiltakslab import bygg
from tiltakslab.appside import bare_jupyter, egen_kode, uten_egen_kode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from conftest import tunge_som_trengs  # noqa: E402

KURS = sorted([*(ROOT / "notebooks").glob("*.ipynb"), *(ROOT / "exercises").glob("*.ipynb")])


def test_every_learner_code_cell_is_marked_and_no_other():
    merket = 0
    for nb in sorted((ROOT / "exercises").glob("*.ipynb")):
        for celle in nbformat.read(nb, as_version=4).cells:
            if celle.cell_type == "code":
                assert egen_kode(celle) == (bygg.PLACEHOLDER in celle.source), (nb.name, celle.source)
                merket += egen_kode(celle)
    assert merket >= 4  # sets 02, 04 and 06 (two in 06)


def test_bygg_marks_the_cells_where_a_solution_was():
    master = nbformat.v4.new_notebook()
    master.cells = [nbformat.v4.new_code_cell('ovelse("opp-01")'),
                    nbformat.v4.new_code_cell('x = 1\n### LØSNING START\ny = 2\n### LØSNING SLUTT')]
    elev = bygg.student_version(master, "solutions/x.ipynb")
    assert [egen_kode(c) for c in elev.cells] == [False, True]
    assert elev.cells[1].source == "x = 1\n# Skriv koden din her"


@pytest.mark.parametrize("nb", KURS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_course_notebook_as_opened_needs_no_heavy_library(nb):
    """Lessons show tables and figures with vis(...); an exercise set's data is in the learner's own cell."""
    for celle in nbformat.read(nb, as_version=4).cells:
        if celle.cell_type == "code" and not egen_kode(celle):
            assert not tunge_som_trengs(celle.source), celle.source


def test_the_app_leaves_out_the_learners_own_code():
    nb = nbformat.read(ROOT / "exercises" / "06_resultater.ipynb", as_version=4)
    for_ = len(nb.cells)
    egne = sum(egen_kode(c) for c in nb.cells)
    assert egne == 2
    ut = uten_egen_kode(None, notebook=nb, cwd=str(ROOT / "exercises"))
    assert len(ut.cells) == for_ - egne and not any(egen_kode(c) for c in ut.cells)
    assert any("vis(" in c.source for c in ut.cells)  # the table the task is answered from stays
    assert uten_egen_kode(None, notebook=None, cwd=None) is None


@pytest.mark.parametrize("navn", ["02_oppfolging.ipynb", "04_kartlegging.ipynb"])
def test_the_invitation_to_compute_in_python_is_for_jupyter_only(navn):
    """A NAV adviser in the app never reads «Cellen under henter dataene» about a cell the app does not show."""
    nb = nbformat.read(ROOT / "exercises" / navn, as_version=4)
    i = next(i for i, c in enumerate(nb.cells) if egen_kode(c))
    invitasjon = nb.cells[i - 1]
    assert invitasjon.cell_type == "markdown" and bare_jupyter(invitasjon) and "Cellen under" in invitasjon.source
    app = uten_egen_kode(notebook=nb)
    tekst = "\n".join(c.source for c in app.cells if c.cell_type == "markdown")
    assert "Cellen under" not in tekst and "også i app-visningen" in tekst


class _Konfig(dict):
    def __getattr__(self, navn):
        return self.setdefault(navn, _Konfig())

    def __setattr__(self, navn, verdi):
        self[navn] = verdi


@pytest.mark.parametrize("fil", ["config/jupyter/voila.py", "src/tiltakslab/jupyter/jupyter_server_config.py"])
def test_make_app_and_the_hub_set_the_hook(fil):
    c = _Konfig()
    exec(compile((ROOT / fil).read_text(encoding="utf-8"), fil, "exec"), {"get_config": lambda: c})  # noqa: S102
    assert c.VoilaConfiguration.prelaunch_hook is uten_egen_kode
