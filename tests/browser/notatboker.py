"""Small notebooks of our own, for testing the harness itself (no dependence on the engine)."""

from __future__ import annotations

import nbformat


def _notebook(*sources: str) -> str:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# Liten testbok")]
    nb.cells += [nbformat.v4.new_code_cell(src) for src in sources]
    return nbformat.writes(nb)


KNAPP = '''\
import ipywidgets as widgets

knapp = widgets.Button(description="Trykk her")
ut = widgets.Output()
ut.add_class("tl-test-ut")

def trykk(_):
    with ut:
        print("Knappen virker")

knapp.on_click(trykk)
widgets.VBox([knapp, ut])
'''

# A widget view whose model does not exist: what a learner sees when the front end lost it.
MANGLENDE_MODELL = '''\
from IPython.display import display
display({"application/vnd.jupyter.widget-view+json":
         {"model_id": "finnes-ikke", "version_major": 2, "version_minor": 0}}, raw=True)
'''


def knapp() -> str:
    return _notebook(KNAPP)


def manglende_modell() -> str:
    return _notebook(KNAPP, MANGLENDE_MODELL)
