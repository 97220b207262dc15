"""The instructor's marks for free text and case work, stored apart from the hand-ins.

One JSON file (default ``<hand-in folder>/_laerer/vurderinger.json``), written atomically and 0600.
Each mark: student, exercise, points (or empty), comment, who marked, when, and a fingerprint of the
answer that was marked – so a mark survives re-running ``samle`` and is flagged when the answer
changed afterwards. The per-exercise comment bank lives in the same file.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from tiltakslab.identitet import normaliser
from tiltakslab.meldinger import t
from tiltakslab.skriving import skriv_atomisk

SKJEMA = "tiltakslab-vurderinger"
FILNAVN = "vurderinger.json"


class VurderingsFeil(ValueError):
    """Bad mark input; Norwegian message."""


def standard_fil(innleveringer: Path) -> Path:
    return Path(innleveringer) / "_laerer" / FILNAVN


def les(sti: Path) -> dict:
    """The whole file (``merker`` and ``kommentarbank``); an empty one when it does not exist."""
    sti = Path(sti)
    if not sti.exists():
        return {"skjema": SKJEMA, "versjon": 1, "merker": {}, "kommentarbank": {}}
    try:
        data = json.loads(sti.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as err:
        raise VurderingsFeil(t("vurdering_laerer.kan_ikke_lese", fil=str(sti))) from err
    if not isinstance(data, dict) or data.get("skjema") != SKJEMA or not isinstance(data.get("merker"), dict):
        raise VurderingsFeil(t("vurdering_laerer.kan_ikke_lese", fil=str(sti)))
    data.setdefault("kommentarbank", {})
    return data


def merker(data: dict) -> dict[tuple[str, str], dict]:
    """Marks keyed by (student, exercise)."""
    ut = {}
    for key, m in data.get("merker", {}).items():
        if isinstance(key, str) and "|" in key and isinstance(m, dict):
            student, oid = key.split("|", 1)
            ut[(student, oid)] = m
    return ut


def sett_merke(sti: Path, student: str, ovelse: str, poeng: float | None, kommentar: str, vurdert_av: str,
               svar_id: str, maks: float) -> dict:
    """Store one mark (``poeng=None`` removes the points but keeps the comment). Returns the mark."""
    student = normaliser(student)
    if poeng is not None and not (0 <= poeng <= maks):
        raise VurderingsFeil(t("vurdering_laerer.poeng_utenfor", maks=maks))
    data = les(sti)
    merke = {"poeng": poeng, "kommentar": str(kommentar)[:5000], "vurdert_av": str(vurdert_av)[:64],
             "tid": datetime.now().astimezone().isoformat(timespec="seconds"), "svar_id": svar_id}
    data["merker"][f"{student}|{ovelse}"] = merke
    for linje in [kommentar] if kommentar else []:
        bank = data["kommentarbank"].setdefault(ovelse, [])
        if linje not in bank:
            bank.append(linje)
    skriv_atomisk(Path(sti), json.dumps(data, ensure_ascii=False, indent=1), rot=Path(sti).parent)
    return merke


def kommentarbank(data: dict, ovelse: str) -> list[str]:
    bank = data.get("kommentarbank", {}).get(ovelse, [])
    return [k for k in bank if isinstance(k, str)]
