"""Exercise sets run in a light kernel: no pandas, numpy or matplotlib until a cell needs them.

Each exercise notebook is run cell by cell in a real kernel (nbclient); after every cell a probe asks the
kernel which heavy libraries it has imported. Cases, premises and case texts come from the light case form
(tiltakslab.saker); only data tasks (a cell calling ``last(...)``) may import pandas, and nothing plots.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
SETT = sorted((ROOT / "exercises").glob("*.ipynb"))
TUNGE = ("pandas", "numpy", "matplotlib")
PROBE = f"import sys as _s; print('TUNGE=' + ','.join(m for m in {TUNGE!r} if m in _s.modules))"


def _trenger(kilde: str) -> set[str]:
    """The heavy libraries a cell's own code uses: a data task needs pandas (and numpy under it)."""
    trengs = set()
    if re.search(r"\blast\(|\blast_alle\(|\bkalibrering\(|import pandas|import numpy", kilde):
        trengs |= {"pandas", "numpy"}
    if re.search(r"\bfigur\(|matplotlib|\.plot\(", kilde):
        trengs |= {"matplotlib", "numpy"}
    return trengs


def _probe(client) -> set[str]:
    cell = nbformat.v4.new_code_cell(PROBE)
    client.execute_cell(cell, 0)
    tekst = "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream")
    svar = re.search(r"TUNGE=(\S*)", tekst)
    assert svar, tekst
    return set(filter(None, svar.group(1).split(",")))


@pytest.mark.parametrize("sti", SETT, ids=[p.name for p in SETT])
def test_exercise_set_imports_heavy_libraries_only_where_a_cell_needs_them(sti, tmp_path, monkeypatch):
    monkeypatch.setenv("TILTAKSLAB_SVAR", str(tmp_path))  # a fresh answer store: no stored attempts
    monkeypatch.delenv("TILTAKSLAB_STUDENT", raising=False)
    nb = nbformat.read(sti, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(sti.parent)}})
    lov: set[str] = set()
    sett_hittil: list[str] = []
    with client.setup_kernel():
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            client.execute_cell(cell, i)
            feil = [o for o in cell.outputs if o.get("output_type") == "error"]
            assert not feil, json.dumps(feil, ensure_ascii=False)[:500]
            lov |= _trenger(cell.source)
            lastet = _probe(client)
            uventet = lastet - lov
            assert not uventet, f"{sti.name}, celle {i}: {sorted(uventet)} importert uten at cellen trenger det"
            sett_hittil.append(cell.source)
    assert sett_hittil, "no code cells ran"


def test_sets_without_data_tasks_are_known():
    """Guard against a silent pass: most sets have no data task, so they never import pandas at all."""
    uten = [p.name for p in SETT
            if not any(_trenger(c.source) for c in nbformat.read(p, as_version=4).cells if c.cell_type == "code")]
    assert len(uten) >= 3, uten
