"""The language the learner chose in JupyterLab (Settings ▸ Language), read cheaply and never failing.

JupyterLab stores the choice as ``locale`` (for example ``"nn_NO"``) in the user settings file of the plugin
``@jupyterlab/translation-extension:plugin``::

    <settings dir>/@jupyterlab/translation-extension/plugin.jupyterlab-settings

where the settings dir is ``$JUPYTERLAB_SETTINGS_DIR``, else ``<Jupyter config dir>/lab/user-settings``
(``$JUPYTER_CONFIG_DIR``, else ``~/.jupyter``). Without a user choice the default comes from
``overrides.json`` in ``<sys.prefix>/share/jupyter/lab/settings`` (the course sets ``no_NO`` there). The file is
JSON with comments; only the ``locale`` value is needed, so it is found with a regular expression instead of a
JSON5 parser. A missing, unreadable or odd file gives ``None``. Results are remembered per file and
modification time, and the files are looked at no more than once a second (``t()`` calls this often).
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

PLUGIN_FIL = Path("@jupyterlab") / "translation-extension" / "plugin.jupyterlab-settings"
OVERRIDES = "overrides.json"
PLUGIN_ID = "@jupyterlab/translation-extension:plugin"
MAKS_BYTES = 256_000

_LOCALE = re.compile(r'"locale"\s*:\s*"([A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*(?:\.[\w-]+)?)"')
_KOMMENTAR = re.compile(r"^\s*//.*$", re.MULTILINE)
_INTERVALL = 1.0
_sist: tuple[float, tuple, str | None] = (-1e9, (), None)


def innstillingsmappe() -> Path:
    """JupyterLab's user settings dir (``$JUPYTERLAB_SETTINGS_DIR`` or ``<config dir>/lab/user-settings``)."""
    env = os.environ.get("JUPYTERLAB_SETTINGS_DIR")
    if env:
        return Path(env)
    config = os.environ.get("JUPYTER_CONFIG_DIR") or str(Path.home() / ".jupyter")
    return Path(config) / "lab" / "user-settings"


def _filer() -> tuple[Path, Path]:
    return (innstillingsmappe() / PLUGIN_FIL,
            Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / OVERRIDES)


def _les(fil: Path, overrides: bool) -> str | None:
    try:
        with fil.open("rb") as fh:
            tekst = fh.read(MAKS_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None
    tekst = _KOMMENTAR.sub("", tekst)
    if overrides:  # several plugins in one file: only the translation plugin's block counts
        start = tekst.find(f'"{PLUGIN_ID}"')
        if start < 0:
            return None
        tekst = tekst[start:]
    treff = _LOCALE.search(tekst)
    return treff.group(1) if treff else None


def _stempel(fil: Path) -> tuple:
    try:
        st = fil.stat()
    except OSError:
        return (str(fil), None)
    return (str(fil), st.st_mtime_ns, st.st_size)


def lab_locale() -> str | None:
    """The ``locale`` JupyterLab uses for this user (``"nn_NO"``, ``"no_NO"``, ``"en"`` …), or ``None``."""
    global _sist
    na = time.monotonic()
    sist_lest, sist_stempel, sist_verdi = _sist
    if na - sist_lest < _INTERVALL:
        return sist_verdi
    try:
        bruker, overrides = _filer()
        stempel = (_stempel(bruker), _stempel(overrides))
        if stempel == sist_stempel:
            verdi = sist_verdi
        else:
            verdi = _les(bruker, overrides=False) or _les(overrides, overrides=True)
    except Exception:  # noqa: BLE001 - the language setting must never break an exercise
        stempel, verdi = (), None
    _sist = (na, stempel, verdi)
    return verdi


def glem() -> None:
    """Forget the remembered value (tests change the settings within a second)."""
    global _sist
    _sist = (-1e9, (), None)
