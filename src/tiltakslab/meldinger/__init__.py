"""The one Norwegian message catalogue for learner-facing text.

``t("ovelse.riktig")`` returns the bokmål string for a key; keyword arguments fill
``{placeholders}``. The catalogue is ``nb.yaml`` beside this file; a nynorsk catalogue can be
added as ``nn.yaml`` and chosen with the environment variable ``TILTAKSLAB_SPRAK``.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from tiltakslab.yamlfil import les_yaml

_DIR = Path(__file__).resolve().parent
ENV_SPRAK = "TILTAKSLAB_SPRAK"


def _flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        full = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, full + "."))
        else:
            flat[full] = str(value)
    return flat


@lru_cache(maxsize=4)
def katalog(sprak: str = "nb") -> dict[str, str]:
    """Return the flat catalogue (dotted key -> text) for a language code."""
    path = _DIR / f"{sprak}.yaml"
    if not path.is_file():
        path = _DIR / "nb.yaml"
    with path.open(encoding="utf-8") as fh:
        return _flatten(les_yaml(fh) or {})


def t(key: str, **kw: object) -> str:
    """Look up ``key`` and format it with ``kw``. An unknown key returns the key itself (never raises)."""
    text = katalog(os.environ.get(ENV_SPRAK, "nb")).get(key)
    if text is None:
        return key
    if not kw:
        return text
    try:
        return text.format(**kw)
    except (KeyError, IndexError, ValueError):
        return text
