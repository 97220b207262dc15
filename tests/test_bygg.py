"""The master -> student preprocessors, one job each."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tiltakslab import bygg


def _master():
    return new_notebook(
        cells=[
            new_markdown_cell("# Tittel"),
            new_code_cell("from tiltakslab import ovelse\novelse('opp-01')"),
            new_markdown_cell("Modellsvar: …", metadata={"tags": ["losning"]}),
            new_markdown_cell("Til læreren: bruk 10 minutter.", metadata={"tags": ["laerernotat"]}),
            new_code_cell("x = 1\n### LØSNING START\nsvar = x * 42\n### LØSNING SLUTT\nprint('ferdig')"),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )


def test_student_version_drops_solutions_and_keeps_the_rest():
    master = _master()
    master.cells[1].outputs = [nbformat.v4.new_output("stream", text="hei")]
    master.cells[1].execution_count = 1
    student = bygg.student_version(master, "x.ipynb")
    sources = [c.source for c in student.cells]
    assert sources == [
        "# Tittel",
        "from tiltakslab import ovelse\novelse('opp-01')",
        "x = 1\n# Skriv koden din her\nprint('ferdig')",
    ]
    assert student.cells[1].outputs == [] and student.cells[1].execution_count is None
    assert student.metadata["tiltakslab"]["generert_fra"] == "x.ipynb"
    assert bygg.solution_leaks(student) == []
    # The master itself is untouched.
    assert len(master.cells) == 5 and master.cells[1].outputs


def test_leaks_are_found():
    assert len(bygg.solution_leaks(_master())) == 3


@pytest.mark.parametrize(
    "source, message",
    [
        ("### LØSNING START\nsvar = 1\n", "ikke lukket"),
        ("svar = 1\n### LØSNING SLUTT\n", "uten «### LØSNING START»"),
        ("### LØSNING START\n### LØSNING START\n### LØSNING SLUTT", "uten «### LØSNING SLUTT»"),
    ],
)
def test_unclosed_or_stray_markers_fail_loudly(source, message):
    nb = new_notebook(cells=[new_code_cell(source)])
    with pytest.raises(bygg.BuildError, match=message):
        bygg.student_version(nb, "feil.ipynb")


def test_build_writes_student_notebooks(tmp_path):
    solutions, exercises = tmp_path / "solutions", tmp_path / "exercises"
    solutions.mkdir()
    nbformat.write(_master(), solutions / "02_test.ipynb")
    written = bygg.build(solutions, exercises, run=False)
    assert written == [exercises / "02_test.ipynb"]
    assert len(nbformat.read(written[0], as_version=4).cells) == 3


def test_execute_stores_outputs(tmp_path):
    nb = new_notebook(
        cells=[new_code_cell("import os\nprint(os.environ['TILTAKSLAB_SVAR'].startswith('/tmp'))")],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    path = tmp_path / "k.ipynb"
    nbformat.write(nb, path)
    bygg.execute(path)
    cell = nbformat.read(path, as_version=4).cells[0]
    assert cell.execution_count == 1
    assert cell.outputs[0]["text"].strip() == "True"
