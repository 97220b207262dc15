"""JupyterLab's view of the course: the course notebooks are read-only originals.

``make lab`` serves the project root with this contents manager. The notebooks in ``notebooks/``,
``exercises/`` and ``solutions/`` are reported as not writable, so JupyterLab opens them read-only and
never autosaves them; a save is refused with a Norwegian message. A learner's answers live in the
answer store, not in the notebook, so nothing is lost – and a ``git pull`` of a fixed course never meets
a locally changed notebook. «Fil ▸ Lagre som …» to another folder still gives a learner their own copy.
"""

from __future__ import annotations

import os
from pathlib import Path

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from tornado.web import HTTPError

from tiltakslab.meldinger import t

KURSMAPPER = ("notebooks", "exercises", "solutions")

# What a hub gives every learner's server through its environment (deploy/): JUPYTER_PATH finds the
# run-on-open extension in labextensions/, JUPYTER_CONFIG_PATH its jupyter_server_config.json (this contents
# manager), TILTAKSLAB_KURSROT the course folder nbgitpuller pulled into (relative to the server root).
JUPYTER_STI = Path(__file__).resolve().parent / "jupyter"


def kursrot() -> str:
    """The course folder relative to the server root: "" for `make lab` (the project root), on a hub the
    folder nbgitpuller pulled the course into (``TILTAKSLAB_KURSROT``)."""
    return os.environ.get("TILTAKSLAB_KURSROT", "").strip().strip("/")


def er_original(path: str) -> bool:
    """True for a notebook inside one of the course folders (path relative to the server root)."""
    deler = [d for d in path.strip("/").split("/") if d]
    rot = [d for d in kursrot().split("/") if d]
    if rot:
        if deler[:len(rot)] != rot:
            return False
        deler = deler[len(rot):]
    return len(deler) >= 2 and deler[0] in KURSMAPPER and deler[-1].endswith(".ipynb")


class KursInnhold(AsyncLargeFileManager):
    """The default contents manager, with the course notebooks read-only."""

    def is_writable(self, path: str) -> bool:
        return not er_original(path) and super().is_writable(path)

    async def save(self, model, path=""):
        if er_original(path):
            raise HTTPError(403, t("lab.original"))
        return await super().save(model, path)

    async def rename_file(self, old_path, new_path):
        if er_original(old_path) or er_original(new_path):
            raise HTTPError(403, t("lab.original"))
        return await super().rename_file(old_path, new_path)

    async def delete_file(self, path):
        if er_original(path):
            raise HTTPError(403, t("lab.original"))
        return await super().delete_file(path)
