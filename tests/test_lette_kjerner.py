"""Course notebooks run in a light kernel: no pandas, numpy or matplotlib until a cell needs them.

The check runs inside nbval's own execution of ``notebooks/``, ``exercises/`` and ``solutions/`` (the root
``conftest.py``: after every code cell a probe asks nbval's kernel which heavy libraries it has imported), so no
notebook is executed twice in one ``make test``. Cases, premises and case texts come from the light case form
(tiltakslab.saker), lesson tables and figures from the precomputed views (tiltakslab.visninger); only a learner's
own data-task cell (a cell calling ``last(...)``) may import pandas. The tests here show the check bites.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
SETT = sorted((ROOT / "exercises").glob("*.ipynb"))
sys.path.insert(0, str(ROOT))
from conftest import tunge_som_trengs  # noqa: E402


def _nbval(mappe: Path) -> subprocess.CompletedProcess:
    """nbval on a notebook outside the repository, with the repository's conftest loaded as a plugin (a conftest
    only acts on the items below its own folder)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:xdist", "-p", "no:cacheprovider", "-q",
                           "-p", "conftest", "--rootdir", str(mappe), "--nbval", "--nbval-current-env", str(mappe)],
                          cwd=mappe, capture_output=True, text=True, timeout=300, env=env)


def _notatbok(mappe: Path, celler: list[str]) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(c) for c in celler]
    mappe.mkdir(parents=True)
    nbformat.write(nb, mappe / "sett.ipynb")


def test_a_cell_importing_pandas_without_need_fails_nbval(tmp_path):
    _notatbok(tmp_path / "exercises", ["x = 1", "import importlib\nimportlib.import_module(\"pan\" + \"das\")"])
    res = _nbval(tmp_path / "exercises")
    assert res.returncode != 0, res.stdout[-2000:]
    assert "imported by a cell that does not need them" in res.stdout and "['numpy', 'pandas']" in res.stdout


def test_a_data_task_may_import_pandas(tmp_path):
    _notatbok(tmp_path / "exercises", ["x = 1", "import pandas as pd"])
    res = _nbval(tmp_path / "exercises")
    assert res.returncode == 0, res.stdout[-2000:]


def test_which_cells_need_heavy_libraries():
    assert tunge_som_trengs('tabell = last("deltakere")') == {"pandas", "numpy"}
    assert tunge_som_trengs('ovelse("opp-01")') == set()
    assert tunge_som_trengs("figur(df)") == {"matplotlib", "numpy"}


def test_sets_without_data_tasks_are_known():
    """Guard against a silent pass: most sets have no data task, so they never import pandas at all."""
    uten = [p.name for p in SETT
            if not any(tunge_som_trengs(c.source) for c in nbformat.read(p, as_version=4).cells
                       if c.cell_type == "code")]
    assert len(uten) >= 3, uten
