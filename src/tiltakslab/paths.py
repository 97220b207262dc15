"""Where Tiltakslab's content (data folder) is.

Order: an explicit override, then the environment variable ``TILTAKSLAB_DATA``, then the content that ships
inside an installed wheel (``tiltakslab/innhold``, read through :mod:`importlib.resources`), then the
repository's ``data/`` folder (a clone or an editable install: ``src/tiltakslab/`` -> ``../../data``).

The content folder holds ``ovelser/``, ``excerpts.yaml``, ``sources.yaml``, ``ordliste.yaml``, ``kilder/`` and
``synthetic/``. A folder that is missing or lacks these raises :class:`DataMappeFeil` with a Norwegian
message naming the folder that was looked in.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

ENV_DATA = "TILTAKSLAB_DATA"
PACKAGED = "innhold"
REQUIRED = ("ovelser", "excerpts.yaml", "sources.yaml", "kilder", "synthetic")

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent.parent


class DataMappeFeil(FileNotFoundError):
    """The content folder is missing or incomplete; ``str()`` is a Norwegian message naming the folder."""

    def _render_traceback_(self):  # IPython shows this instead of a traceback
        return [str(self)]

    def __str__(self) -> str:
        return self.args[0] if self.args else ""


def _packaged() -> Path | None:
    try:
        root = resources.files("tiltakslab") / PACKAGED
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - odd importers
        return None
    path = Path(str(root))
    return path if path.is_dir() else None


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the content folder (see the module docstring); never checks that it is complete."""
    if override is not None:
        return Path(override).expanduser().resolve()
    env = os.environ.get(ENV_DATA)
    if env:
        return Path(env).expanduser().resolve()
    return _packaged() or REPO_ROOT / "data"


def mangler(mappe: Path) -> list[str]:
    """The required entries that ``mappe`` lacks (all of them when it does not exist)."""
    return [name for name in REQUIRED if not (mappe / name).exists()]


def krev_data_dir(override: str | os.PathLike[str] | None = None, trenger: tuple[str, ...] = REQUIRED) -> Path:
    """The content folder, or :class:`DataMappeFeil` saying which folder was looked in and what it lacks.

    ``trenger`` names the entries the caller needs (default: all of them).
    """
    from tiltakslab.meldinger import t  # noqa: PLC0415 - keeps `import tiltakslab.paths` free of YAML

    mappe = data_dir(override)
    if not mappe.is_dir():
        raise DataMappeFeil(t("data.mappe_finnes_ikke", mappe=str(mappe), env=ENV_DATA))
    borte = [name for name in trenger if not (mappe / name).exists()]
    if borte:
        raise DataMappeFeil(t("data.mappe_ufullstendig", mappe=str(mappe), mangler=", ".join(borte), env=ENV_DATA))
    return mappe
