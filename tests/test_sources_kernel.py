"""sitat(), ordliste() and utdragsleser() in a real Jupyter kernel (nbclient), against the repo's data."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not (REPO / "data" / "excerpts.yaml").is_file(),
                                reason="data/excerpts.yaml is not merged yet")


def test_display_functions_in_kernel():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("from tiltakslab.sources import load_corpus, sitat, ordliste, utdragsleser\n"
                                  "first = next(iter(load_corpus().excerpts))\nsitat(first)"),
        nbformat.v4.new_code_cell('sitat("finnes-ikke-999")'),
        nbformat.v4.new_code_cell('ordliste("trekantsamtale")'),
        nbformat.v4.new_code_cell('w = utdragsleser(tema="kartlegging")\nw'),
        nbformat.v4.new_code_cell('w.sok.value = "KIS"\nprint(w.antall.value)'),
    ]
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(REPO)}}).execute()
    out = [c.outputs for c in nb.cells]
    quote = out[0][0]["data"]
    assert quote["text/html"].startswith("<figure") and "<blockquote" in quote["text/html"]
    assert quote["text/plain"].startswith("«")
    assert "Fant ikke utdraget «finnes-ikke-999»" in out[1][0]["data"]["text/plain"]
    assert "Trekantsamtale" in out[2][0]["data"]["text/html"] or "trekantsamtale" in out[2][0]["data"]["text/html"]
    assert "application/vnd.jupyter.widget-view+json" in out[3][0]["data"]
    assert "utdrag passer" in out[4][0]["text"]
    assert all(o.get("output_type") != "error" for cell in out for o in cell)
