"""Where Tiltakslab's data folder is.

The environment variable ``TILTAKSLAB_DATA`` overrides everything. Otherwise the
repository's ``data/`` folder is found relative to this package, which is where it is
for an editable install (``src/tiltakslab/`` -> ``../../data``).
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA = "TILTAKSLAB_DATA"

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent.parent


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the data folder: ``override`` if given, else ``$TILTAKSLAB_DATA``, else ``<repo>/data``."""
    if override is not None:
        return Path(override).expanduser().resolve()
    env = os.environ.get(ENV_DATA)
    if env:
        return Path(env).expanduser().resolve()
    return REPO_ROOT / "data"


def data_file(name: str, override: str | os.PathLike[str] | None = None) -> Path:
    """Path of a file inside the data folder (it may not exist)."""
    return data_dir(override) / name
