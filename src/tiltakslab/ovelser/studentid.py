"""The learner's id: set once (a widget, no code edit), kept in the answer store, used by every set.

Order of precedence: the JupyterHub user (``tiltakslab.identitet.hub_bruker()``) – then the id stored in
the answer store – then ``TILTAKSLAB_STUDENT`` (only a first value: it never replaces a stored id, so
setting it later cannot hide answers) – else none, and the exercises use the example case.

The case an exercise shows is drawn from the id (``tiltakslab.data.deltaker_for_student``); answers are
stored per exercise *and case*, so answers given to another id's case are kept and counted by
:func:`svar_til_andre_saker` so that the learner is told about them.
"""

from __future__ import annotations

import os
import weakref

from tiltakslab.identitet import UgyldigId, er_gyldig, hub_bruker, normaliser
from tiltakslab.ovelser.lager import ENV_STUDENT, Svarlager

EKSEMPEL = "eksempel"

# Live exercise widgets that show "the learner's own case"; told when the id changes.
_LYTTERE: weakref.WeakSet = weakref.WeakSet()

__all__ = ["EKSEMPEL", "MinSak", "UgyldigId", "aktiv_id", "er_hub", "sak_for", "sett_id",
           "svar_til_andre_saker", "lytt"]


def er_hub() -> bool:
    return hub_bruker() is not None


def aktiv_id(lager: Svarlager | None = None) -> str | None:
    """The learner's id now (normalised), or ``None`` when none is set."""
    hub = hub_bruker()
    if hub:
        return hub
    lagret = (lager or Svarlager()).les().get("student")
    if er_gyldig(lagret):
        return normaliser(lagret)
    env = os.environ.get(ENV_STUDENT)
    return normaliser(env) if er_gyldig(env) else None


def sak_for(student: str | None) -> str:
    """The case (deltaker id) drawn for ``student``; the example case without an id."""
    from tiltakslab.data import deltaker_for_student  # noqa: PLC0415 - pandas only when a case is used

    return deltaker_for_student(student or EKSEMPEL)


def sett_id(raw: object, lager: Svarlager | None = None) -> str:
    """Validate (Norwegian :class:`UgyldigId` on refusal), store and announce the id; return it."""
    sid = normaliser(raw)
    (lager or Svarlager()).sett_student(sid)
    for widget in list(_LYTTERE):
        widget.id_endret()
    return sid


def lytt(widget) -> None:
    """Register a widget with an ``id_endret()`` method (held weakly)."""
    _LYTTERE.add(widget)


def svar_til_andre_saker(data: dict, sak: str) -> dict[str, set[str]]:
    """Exercises answered for a case other than ``sak``: ``{case id: {exercise ids}}``."""
    from tiltakslab.ovelser import egen_sak_for_ovelse  # noqa: PLC0415

    andre: dict[str, set[str]] = {}
    for rec in (data.get("svar") or {}).values():
        if isinstance(rec, dict) and rec.get("variant") and rec.get("variant") != sak and rec.get("forsok"):
            # an exercise with case premises may show another case than the learner's own: that one is theirs
            if str(rec["variant"]) == egen_sak_for_ovelse(str(rec.get("ovelse")), sak):
                continue
            andre.setdefault(str(rec["variant"]), set()).add(str(rec.get("ovelse")))
    return andre


class MinSak:
    """Stands for "the learner's own case" in ``ovelse(..., deltaker=MinSak())``; resolved when shown."""

    def __repr__(self) -> str:  # stable in saved notebooks
        return "MinSak()"
