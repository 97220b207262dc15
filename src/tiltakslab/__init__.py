"""Tiltakslab: teaching notebooks on work-oriented follow-up of social assistance recipients.

The learner-facing functions have Norwegian names and are loaded lazily (PEP 562), so that
``import tiltakslab`` stays cheap and pulls in neither pandas, matplotlib nor ipywidgets.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# public name -> module that defines it
_LAZY = {
    # exercises
    "ovelse": "tiltakslab.ovelser",
    "innlevering": "tiltakslab.ovelser",
    "fremdrift": "tiltakslab.ovelser",
    "velg_id": "tiltakslab.ovelser",
    "min_sak": "tiltakslab.ovelser",
    # corpus
    "sitat": "tiltakslab.sources",
    "kilder": "tiltakslab.sources",
    "utdragsleser": "tiltakslab.sources",
    "ordliste": "tiltakslab.sources",
    # figures and lesson views (tables and figures from the light precomputed form)
    "figur": "tiltakslab.figur",
    "vis": "tiltakslab.visninger",
    # synthetic data
    "vignett": "tiltakslab.data",
    "last": "tiltakslab.data",
    "kalibrering": "tiltakslab.data",
    "deltaker_for_student": "tiltakslab.data",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str):
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'tiltakslab' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value  # cache: the next access is a plain attribute lookup
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
