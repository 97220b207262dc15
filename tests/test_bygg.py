"""The master -> student preprocessors, one job each."""

from __future__ import annotations

from pathlib import Path

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


def _widget_notebook():
    return new_notebook(
        cells=[new_code_cell("import ipywidgets as w\nw.VBox([w.Button(description='A'), w.IntSlider(3)])"),
               new_code_cell("w.HBox([w.Label('x'), w.Text('y')])")],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )


def test_widget_ids_are_stable_between_runs(tmp_path):
    """Executing twice gives the same bytes: widget model ids do not depend on the run."""
    path = tmp_path / "w.ipynb"
    nbformat.write(_widget_notebook(), path)
    bygg.execute(path)
    first = path.read_bytes()
    bygg.execute(path)
    assert path.read_bytes() == first
    nb = nbformat.read(path, as_version=4)
    views = [o["data"][bygg.WIDGET_VIEW]["model_id"] for c in nb.cells for o in c.outputs
             if bygg.WIDGET_VIEW in o.get("data", {})]
    assert len(views) == 2 and len(set(views)) == 2
    # no saved widget state: nbval does not compare widgets, Lab runs course notebooks on open
    assert "widgets" not in nb.metadata


def test_committed_notebooks_carry_no_saved_widget_state():
    """Saved widget state was ~70 % of the committed notebook bytes and nothing reads it."""
    rot = Path(__file__).resolve().parents[1]
    med_tilstand = [p.relative_to(rot).as_posix() for mappe in ("notebooks", "exercises", "solutions")
                    for p in sorted((rot / mappe).glob("*.ipynb"))
                    if "widgets" in nbformat.read(p, as_version=4).metadata]
    assert med_tilstand == [], f"re-execute with `tiltakslab kjor`/`tiltakslab bygg`: {med_tilstand}"


def _without_run(nb) -> str:
    """A notebook as `bygg` writes it before execution: no outputs, counts, run metadata or widget state."""
    nb = nbformat.reads(nbformat.writes(nb), as_version=4)
    nb.metadata.pop("widgets", None)
    bygg.clear_outputs(nb, "")
    return nbformat.writes(nb)


def test_committed_exercises_are_the_student_versions_of_the_masters():
    """`tiltakslab bygg` would write the committed exercises/ (cells, tags, metadata).

    Outputs are not compared here: nbval executes every exercise notebook in the same `make test` and
    compares its stored outputs with a fresh run, so executing them here too would run each twice.
    """
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    masters = sorted((root / "solutions").glob("*.ipynb"))
    assert masters, "no master notebooks in solutions/"
    stale = []
    for master in masters:
        want = _without_run(bygg.student_version(nbformat.read(master, as_version=4), master.name))
        target = root / "exercises" / master.name
        if not target.is_file() or _without_run(nbformat.read(target, as_version=4)) != want:
            stale.append(master.name)
    assert stale == [], f"kjør «tiltakslab bygg»: {stale} er utdatert"
    extra = sorted({p.name for p in (root / "exercises").glob("*.ipynb")} - {m.name for m in masters})
    assert extra == [], f"exercises/ har notatbøker uten løsningsnotatbok: {extra}"


def test_executed_notebooks_are_bokmal_whatever_the_builders_language(tmp_path, monkeypatch):
    """Stored outputs are the bokmål reference nbval compares: a maintainer's nynorsk setting stays out."""
    import os

    import nbformat

    from tiltakslab.bygg import execute, mark_generated
    from tiltakslab.meldinger import katalog

    monkeypatch.setenv("TILTAKSLAB_SPRAK", "nn")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("from tiltakslab.meldinger import t\nprint(t('status.feil'))")]
    sti = tmp_path / "liten.ipynb"
    nbformat.write(nb, sti)
    execute(sti)
    [ut] = nbformat.read(sti, as_version=4).cells[0].outputs
    assert ut["text"].strip() == katalog("nb")["status.feil"]
    assert mark_generated(nb, "x.ipynb").metadata["tiltakslab"]["merknad"] == katalog("nb")["bygg.merknad"]
    assert os.environ["TILTAKSLAB_SPRAK"] == "nn"  # restored
