"""The exercise kinds, one module each, registered once.

``SLAG`` maps a kind's name (``type:`` in an exercise file) to its :class:`~.base.Slag` object;
``slag_for(ov)`` is the kind of one exercise. A new kind is one module here (a ``Slag`` subclass passed
to ``registrer``) plus its catalogue keys; see DEVELOPING.md.
"""

from __future__ import annotations

from tiltakslab.ovelser.slag.base import Inndata, Slag

SLAG: dict[str, Slag] = {}


def registrer(slag: type[Slag] | Slag) -> Slag:
    """Register a kind (class or instance); usable as a class decorator. Returns the instance."""
    objekt = slag() if isinstance(slag, type) else slag
    if not objekt.navn:
        raise ValueError("a kind needs a name (Slag.navn)")
    SLAG[objekt.navn] = objekt
    return slag


def avregistrer(navn: str) -> None:
    """Remove a kind (tests that register a fixture kind)."""
    SLAG.pop(navn, None)


def slag_for(ov: dict) -> Slag:
    """The kind of an exercise record. ``KeyError`` for an unknown ``type`` (the schema refuses those)."""
    return SLAG[ov["type"]]


# The built-in kinds register themselves on import, in this order (the order SKJEMA.md lists them).
from tiltakslab.ovelser.slag import (  # noqa: E402, F401, I001
    flervalg, flere_riktige, rangering, sortering, tallsvar, kartlegging, oppfolgingsplan, dialog, refleksjon,
)

__all__ = ["SLAG", "Inndata", "Slag", "avregistrer", "registrer", "slag_for"]
