"""Notebook policy: every notebook is committed executed, and exercises/ is generated from solutions/."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from tiltakslab import bygg
from tiltakslab.appside import egen_kode

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("notebooks", "exercises", "solutions")
NOTEBOOKS = sorted(p for folder in FOLDERS for p in (ROOT / folder).glob("*.ipynb"))


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_there_are_notebooks():
    assert (ROOT / "notebooks" / "00_start.ipynb") in NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_rel)
def test_committed_executed_top_to_bottom(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    # a learner's own code cell (egen_kode) is executed too, but stored without a count: it does not run when the
    # set opens, so a count would claim a run the learner has not made
    kode = [c for c in nb.cells if c.cell_type == "code"]
    counts = [c.execution_count for c in kode if not egen_kode(c)]
    assert None not in counts, "notatboka er lagret uten at alle kodeceller er kjørt (kjør «tiltakslab kjor»)"
    forventet = [nr for nr, c in enumerate(kode, start=1) if not egen_kode(c)]
    assert counts == forventet, "cellene er ikke kjørt én gang ovenfra og ned"
    assert all(c.execution_count is None for c in nb.cells if egen_kode(c))
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            errors = [o for o in cell.outputs if o.output_type == "error"]
            assert not errors, f"celle {index + 1} har en feilmelding lagret"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_rel)
def test_kernel_is_plain_python3(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"


MASTERS = sorted((ROOT / "solutions").glob("*.ipynb"))


def _cells(nb):
    return [(c.cell_type, c.source, sorted(c.get("metadata", {}).get("tags", []))) for c in nb.cells]


@pytest.mark.parametrize("master", MASTERS, ids=_rel)
def test_exercises_are_generated_from_solutions(master):
    student = ROOT / "exercises" / master.name
    assert student.is_file(), f"{_rel(student)} mangler: kjør «tiltakslab bygg»"
    expected = bygg.student_version(nbformat.read(master, as_version=4), master.name)
    actual = nbformat.read(student, as_version=4)
    assert _cells(actual) == _cells(expected), f"{_rel(student)} er utdatert: kjør «tiltakslab bygg»"
    assert bygg.solution_leaks(actual) == []


def test_every_exercise_notebook_has_a_master():
    masters = {p.name for p in MASTERS}
    students = {p.name for p in (ROOT / "exercises").glob("*.ipynb")}
    assert students <= masters, f"øvingsnotatbøker uten løsningsnotatbok: {sorted(students - masters)}"
