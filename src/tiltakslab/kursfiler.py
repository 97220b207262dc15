"""The course's published files: what every learner's kernel reads on a hub.

The instructor's own files live in ``<hand-in folder>/_laerer/`` (case assignment ``tildeling.json``,
graded sets ``sett.yaml``, marks, LMS roster). Learners must not read that folder (marks, the class
list), but their widgets need the case assignment and the set modes. ``tiltakslab publiser MAPPE``
therefore copies those two into ``MAPPE/_kurs/``:

- ``_kurs/tildeling.json``: the assignment with each student id replaced by a hash
  (:func:`tiltakslab.tildeling.publisert_nokkel`), so the file does not list the class; it names the
  fingerprint of the instructor's file it was made from;
- ``_kurs/sett.yaml``: the set modes, validated, byte for byte.

On a hub the exchange root is ``MAPPE``. The hub creates both folders before a server starts
(:func:`opprett`): ``_laerer`` root:<teachers> 2770 (teachers only), ``_kurs`` root:<teachers> 2775
(teachers write, everyone reads; files 0644), and points every learner's kernel at the copies
(:func:`miljo`: ``$TILTAKSLAB_TILDELING`` and ``$TILTAKSLAB_SETT``). Neither name is a valid student
id (ids start with a letter or digit), so no student folder can collide with them.

``samle``, ``tilbakemelding`` and ``rett`` keep reading ``_laerer/``; :func:`utdatert` tells the
instructor when the learners see an older copy than theirs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
from pathlib import Path

from tiltakslab import settmodus
from tiltakslab import tildeling as tild
from tiltakslab.meldinger import t

LAERER = "_laerer"
KURS = "_kurs"
TILDELING = "tildeling.json"
SETT = "sett.yaml"
LAERER_MODUS = 0o2770
KURS_MODUS = 0o2775
KURS_FIL_MODUS = 0o644


class PubliseringsFeil(ValueError):
    """The course files cannot be published; Norwegian message."""


def laerermappe(rot: Path) -> Path:
    return Path(rot) / LAERER


def kursmappe(rot: Path) -> Path:
    return Path(rot) / KURS


def miljo(rot: Path | str) -> dict[str, str]:
    """The environment that points a learner's kernel at the published copies (hub config)."""
    k = kursmappe(Path(rot))
    return {tild.ENV_TILDELING: str(k / TILDELING), settmodus.ENV_SETT: str(k / SETT)}


def opprett(rot: Path, gruppe: int | None = None) -> None:
    """Hub side (root, before a server starts): ``_laerer`` 2770 and ``_kurs`` 2775, group ``gruppe``."""
    from tiltakslab.utveksling import opprett_mappe  # noqa: PLC0415

    opprett_mappe(laerermappe(rot), LAERER_MODUS, gruppe=gruppe)
    opprett_mappe(kursmappe(rot), KURS_MODUS, gruppe=gruppe)


def fingeravtrykk(innhold: bytes) -> str:
    return hashlib.sha256(innhold).hexdigest()[:32]


def _les_bytes(sti: Path) -> bytes | None:
    if sti.is_symlink():
        raise PubliseringsFeil(t("kursfiler.lenke", fil=str(sti)))
    try:
        return sti.read_bytes() if sti.is_file() else None
    except OSError as err:
        raise PubliseringsFeil(t("kursfiler.kan_ikke_lese", fil=str(sti))) from err


def publiser(rot: Path) -> list[str]:
    """Copy the instructor's assignment and set modes into ``_kurs/``; return Norwegian status lines.

    Each source is validated first (a bad file is refused and nothing of it is published). A missing
    source removes its published copy, so learners never keep an assignment the instructor deleted.
    """
    from tiltakslab.utveksling import UtvekslingFeil, skriv_atomisk  # noqa: PLC0415

    rot = Path(rot)
    if not rot.is_dir():
        raise PubliseringsFeil(t("kursfiler.ingen_mappe", mappe=str(rot)))
    kurs = kursmappe(rot)
    if not os.path.lexists(kurs):
        try:
            os.mkdir(kurs, 0o755)
        except OSError as err:
            raise PubliseringsFeil(t("kursfiler.kan_ikke_skrive", mappe=str(kurs))) from err
    linjer = []
    kilde_t = laerermappe(rot) / TILDELING
    innhold = _les_bytes(kilde_t)
    utdata: dict[str, bytes | None] = {}
    if innhold is None:
        utdata[TILDELING] = None
    else:
        tildeling = tild.les(kilde_t)  # raises TildelingsFeil (Norwegian) on a bad file
        if tildeling is None or tildeling.hashet:
            raise PubliseringsFeil(t("kursfiler.kan_ikke_lese", fil=str(kilde_t)))
        utdata[TILDELING] = json.dumps(tildeling.publisert(fingeravtrykk(innhold)), ensure_ascii=False,
                                       indent=1).encode("utf-8")
        linjer.append(t("kursfiler.tildeling_publisert", n=len(tildeling.studenter)))
    kilde_s = laerermappe(rot) / SETT
    innhold = _les_bytes(kilde_s)
    if innhold is None:
        utdata[SETT] = None
    else:
        moduser = settmodus.les(kilde_s)  # raises SettFeil (Norwegian) on a bad file
        utdata[SETT] = innhold
        vurderte = sorted(n for n, m in moduser.items() if m.vurdert)
        linjer.append(t("kursfiler.sett_publisert", n=len(moduser), vurderte=", ".join(vurderte) or "–"))
    for navn, data in utdata.items():
        try:
            if data is not None:
                skriv_atomisk(kurs, navn, data, KURS_FIL_MODUS)
            elif os.path.lexists(kurs / navn):
                os.unlink(kurs / navn)
                linjer.append(t("kursfiler.fjernet", fil=navn))
        except (OSError, UtvekslingFeil) as err:
            raise PubliseringsFeil(t("kursfiler.kan_ikke_skrive", mappe=str(kurs))) from err
    if not linjer:
        linjer.append(t("kursfiler.ingenting"))
    return linjer


def utdatert(rot: Path) -> list[str]:
    """Norwegian warnings when the learners' copies differ from the instructor's files ([] when the same,
    or when nothing has been published in this folder)."""
    rot = Path(rot)
    kurs = kursmappe(rot)
    if not kurs.is_dir():
        return []
    varsler = []
    try:
        kilde = _les_bytes(laerermappe(rot) / TILDELING)
        kopi = _les_bytes(kurs / TILDELING)
        if kilde is not None or kopi is not None:
            publisert = json.loads(kopi) if kopi is not None else {}
            if kilde is None or not isinstance(publisert, dict) or publisert.get("kilde") != fingeravtrykk(kilde):
                varsler.append(t("kursfiler.utdatert", fil=TILDELING))
        if _les_bytes(laerermappe(rot) / SETT) != _les_bytes(kurs / SETT):
            varsler.append(t("kursfiler.utdatert", fil=SETT))
    except (PubliseringsFeil, ValueError, RecursionError) as err:
        varsler.append(str(err) if isinstance(err, PubliseringsFeil) else t("kursfiler.utdatert", fil=TILDELING))
    return varsler


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("mappe", help=t("kursfiler.hjelp_mappe"))


def run(args: argparse.Namespace) -> int:
    try:
        linjer = publiser(Path(args.mappe))
    except (PubliseringsFeil, tild.TildelingsFeil, settmodus.SettFeil) as err:
        print(str(err))
        return 1
    for linje in linjer:
        print(linje)
    return 0
