"""The app (Voila) shows a course notebook without the learner's own code cells and without text for Jupyter only.

A cell marked ``{"tiltakslab": {"egen_kode": true}}`` (``tiltakslab bygg`` marks the cells where a learner
may write Python, see ``tiltakslab.bygg.mark_own_code``) is for JupyterLab: the app shows no code and
takes no code, so it would show an empty box at best, and running it would import pandas in every app
kernel for nothing. A cell marked ``{"tiltakslab": {"bare_jupyter": true}}`` (an author's mark, e.g. the
paragraph that invites the learner to compute in the cell below) is left out of the app too.
``uten_egen_kode`` is Voila's ``prelaunch_hook``: it receives the notebook before the kernel starts and returns
it without those cells. ``make app`` (``config/jupyter/voila.py``) and the hub's
Voila (``tiltakslab/jupyter/jupyter_server_config.py``) set it.
"""

from __future__ import annotations

EGEN_KODE = "egen_kode"
BARE_JUPYTER = "bare_jupyter"


def _merket(celle, merke: str) -> bool:
    meta = (celle.get("metadata") or {}).get("tiltakslab") or {}
    return isinstance(meta, dict) and meta.get(merke) is True


def egen_kode(celle) -> bool:
    """True for a learner's own code cell."""
    return celle.get("cell_type") == "code" and _merket(celle, EGEN_KODE)


def bare_jupyter(celle) -> bool:
    """True for a cell the app leaves out: a learner's own code cell, or a cell marked for Jupyter only."""
    return egen_kode(celle) or _merket(celle, BARE_JUPYTER)


def uten_egen_kode(req=None, notebook=None, cwd=None):
    """Voila's prelaunch hook: ``notebook`` without the learner's own code cells and Jupyter-only cells (changed in
    place, returned)."""
    if notebook is not None and isinstance(notebook.get("cells"), list):
        notebook["cells"] = [c for c in notebook["cells"] if not bare_jupyter(c)]
    return notebook
