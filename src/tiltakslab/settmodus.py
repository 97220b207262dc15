"""Formative or graded, per set (theme).

The instructor keeps ``_laerer/sett.yaml``::

    sett:
      resultater: {modus: vurdert, frigitt: false, maks_forsok: 2}

A *graded* set (``modus: vurdert``) withholds model answers and key-based feedback – in the learner's
widget and on the feedback pages – until the instructor sets ``frigitt: true``; ``maks_forsok`` limits
attempts per exercise. Sets not listed are formative (everything shown, unlimited attempts).
The widget finds the file through ``$TILTAKSLAB_SETT`` (on a hub: a read-only path the instructor owns).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from tiltakslab.meldinger import t

ENV_SETT = "TILTAKSLAB_SETT"


class SettFeil(ValueError):
    """Bad set configuration; Norwegian message."""


@dataclass(frozen=True)
class Modus:
    vurdert: bool = False
    frigitt: bool = True
    maks_forsok: int | None = None

    @property
    def skjul_fasit(self) -> bool:
        """Model answers and key-based feedback are withheld."""
        return self.vurdert and not self.frigitt


FORMATIV = Modus()


def les(sti: Path | str | None) -> dict[str, Modus]:
    """Modes per set from a YAML file; {} when there is no file. Raises ``SettFeil`` on a bad file."""
    if not sti or not Path(sti).is_file():
        return {}
    from tiltakslab.yamlfil import les_yaml  # noqa: PLC0415

    try:
        data = les_yaml(Path(sti).read_text(encoding="utf-8"))
    except Exception as err:  # noqa: BLE001 - YAML or decoding error, reported in Norwegian
        raise SettFeil(t("settmodus.kan_ikke_lese", fil=str(sti))) from err
    sett = data.get("sett") if isinstance(data, dict) else None
    if not isinstance(sett, dict):
        raise SettFeil(t("settmodus.kan_ikke_lese", fil=str(sti)))
    ut = {}
    for navn, rec in sett.items():
        if not isinstance(rec, dict) or rec.get("modus", "formativ") not in ("formativ", "vurdert"):
            raise SettFeil(t("settmodus.ugyldig", sett=str(navn)))
        maks = rec.get("maks_forsok")
        if maks is not None and (isinstance(maks, bool) or not isinstance(maks, int) or maks < 1):
            raise SettFeil(t("settmodus.ugyldig", sett=str(navn)))
        ut[str(navn)] = Modus(rec.get("modus") == "vurdert", bool(rec.get("frigitt", False)), maks)
    return ut


def for_ovelse(ov: dict) -> Modus:
    """The mode of the set an exercise belongs to, from ``$TILTAKSLAB_SETT``; formative on any problem."""
    sti = os.environ.get(ENV_SETT)
    if not sti:
        return FORMATIV
    try:
        return les(sti).get(str(ov.get("tema", "")), FORMATIV)
    except SettFeil:
        return FORMATIV
