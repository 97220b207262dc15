"""Cases for a roster: distinct, deterministic for that roster, stored as the truth.

``tildel(roster)`` gives every student (or every group, in group mode) a different synthetic
participant. It starts from ``tiltakslab.data.deltaker_for_student`` (the per-id draw) and, when two
students would share a case, moves the later one (in sorted id order) to a free participant – first in
the same stratum (target group × course), else in the stratum with the fewest cases so far. The result
depends only on the roster, so running it twice gives the same file.

The stored assignment (``tildeling.json``, kept by the instructor) is the truth: ``deltaker_for_student``
reads it when ``$TILTAKSLAB_TILDELING`` points at it (set on a hub, or in a student's environment), and
``samle`` uses it to show the case beside each case-based answer. Re-running with a changed roster keeps
every existing assignment and adds the new students.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tiltakslab import klasseliste
from tiltakslab.identitet import UgyldigId, normaliser
from tiltakslab.meldinger import t
from tiltakslab.skriving import skriv_atomisk

SKJEMA = "tiltakslab-tildeling"
SKJEMA_PUBLISERT = "tiltakslab-tildeling-publisert"
ENV_TILDELING = "TILTAKSLAB_TILDELING"
MAKS_ROSTER_BYTES = klasseliste.MAKS_BYTES


class TildelingsFeil(ValueError):
    """Bad roster or assignment file; Norwegian message."""


def publisert_nokkel(student: str) -> str:
    """The key of a (normalised) student id in the published assignment: a hash, so the file every
    learner can read does not list the class."""
    return hashlib.sha256(f"tiltakslab-tildeling:{student}".encode()).hexdigest()[:32]


@dataclass
class Tildeling:
    studenter: dict[str, dict] = field(default_factory=dict)  # student -> {"deltaker", "gruppe"}
    hashet: bool = False  # keys are ``publisert_nokkel(student)`` (the published copy)

    def deltaker(self, student: str) -> str | None:
        rec = self.studenter.get(publisert_nokkel(student) if self.hashet else student)
        return rec["deltaker"] if rec else None

    def publisert(self, kilde: str = "") -> dict:
        """The copy learners' kernels read: hashed ids, cases only (no groups); ``kilde`` fingerprints
        the instructor's file it was made from (to notice a stale copy)."""
        if self.hashet:
            raise ValueError("already published")
        return {"skjema": SKJEMA_PUBLISERT, "versjon": 1, "kilde": kilde,
                "studenter": {publisert_nokkel(s): {"deltaker": rec["deltaker"]}
                              for s, rec in sorted(self.studenter.items())}}

    def til_dict(self) -> dict:
        return {"skjema": SKJEMA, "versjon": 1, "studenter": self.studenter}


def les_tekstfil(sti: Path) -> str:
    """A roster file as text (:func:`tiltakslab.klasseliste.les_tekstfil`); ``TildelingsFeil`` when unreadable."""
    try:
        return klasseliste.les_tekstfil(sti)
    except klasseliste.KlasselisteFeil as err:
        raise TildelingsFeil(str(err)) from err


def les_roster(tekst: str) -> tuple[list[str], dict[str, str], list[str]]:
    """(students, student -> group, Norwegian problems). Lines: ``id`` or ``id;gruppe`` (the one roster
    reader, :func:`tiltakslab.klasseliste.les_linjer`)."""
    linjer, feil = klasseliste.les_linjer(tekst)
    return [x.student for x in linjer], {x.student: x.kolonne(0, 64) for x in linjer if x.kolonne(0)}, feil


def _h(*deler: str) -> int:
    return int.from_bytes(hashlib.sha256(":".join(deler).encode("utf-8")).digest()[:8], "big")


def _strata(premisser: list | None, mappe: str | None) -> list[list[str]]:
    """The candidate pool (``data.kandidater(premisser)``), grouped by stratum as the per-id draw groups it."""
    from tiltakslab import data  # noqa: PLC0415

    return [[str(x) for x in s] for s in data._strata_for(data._nokkel(premisser), data._mappe(mappe))]


def _trekk(data, nokkel: str, premisser: list | None, mappe: str | None) -> str:
    """The per-id draw, ignoring any stored assignment in the environment."""
    lagret = os.environ.pop(ENV_TILDELING, None)
    try:
        return str(data.deltaker_for_student(nokkel, premisser=premisser, mappe=mappe))
    finally:
        if lagret is not None:
            os.environ[ENV_TILDELING] = lagret


def tildel(studenter: list[str], grupper: dict[str, str] | None = None, tidligere: Tildeling | None = None,
           mappe: str | None = None, premisser: list | None = None) -> Tildeling:
    """Distinct cases for a roster (or one per group); keeps ``tidligere`` assignments unchanged.

    ``premisser`` (the course's common case premises, see ``tiltakslab.premisser``) narrows the pool.
    """
    from tiltakslab import data  # noqa: PLC0415

    grupper = grupper or {}
    ut = Tildeling(dict(tidligere.studenter) if tidligere else {})
    strata = _strata(premisser, mappe)
    stratum_av = {d: i for i, s in enumerate(strata) for d in s}
    brukt_av: dict[str, str] = {}  # deltaker -> key (student or "gruppe:<g>")
    for sid, rec in ut.studenter.items():
        brukt_av.setdefault(rec["deltaker"], f"gruppe:{rec['gruppe']}" if rec.get("gruppe") else sid)
    per_stratum = Counter(stratum_av.get(d) for d in brukt_av)
    nokler = sorted({f"gruppe:{grupper[s]}" if s in grupper else s for s in studenter})
    valgt: dict[str, str] = {k: d for d, k in brukt_av.items()}
    for nokkel in nokler:
        if nokkel in valgt:
            continue
        onsket = _trekk(data, nokkel, premisser, mappe)
        if onsket not in brukt_av:
            d = onsket
        else:
            i = stratum_av.get(onsket, 0)
            ledige = [x for x in strata[i] if x not in brukt_av]
            if not ledige:
                rekke = sorted(range(len(strata)), key=lambda j: (per_stratum[j], j))
                ledige = next(([x for x in strata[j] if x not in brukt_av] for j in rekke
                               if any(x not in brukt_av for x in strata[j])), [])
            if not ledige:
                raise TildelingsFeil(t("tildeling.for_mange", antall=len(nokler)))
            d = min(ledige, key=lambda x: _h("tiltakslab-tildeling", nokkel, x))
        brukt_av[d] = nokkel
        valgt[nokkel] = d
        per_stratum[stratum_av.get(d)] += 1
    for sid in studenter:
        if sid in ut.studenter:
            continue
        gruppe = grupper.get(sid)
        ut.studenter[sid] = {"deltaker": valgt[f"gruppe:{gruppe}" if gruppe else sid], "gruppe": gruppe}
    return ut


def spredning(tildeling: Tildeling, mappe: str | None = None) -> dict[str, Counter]:
    """How the assigned cases spread over target group, age group and outcome."""
    from tiltakslab import data  # noqa: PLC0415

    d = data._hent(mappe)
    dl = d["deltakere"].set_index("deltaker_id")
    utfall = d["utfall"].set_index("deltaker_id")["utfall"] if "utfall" in d else None
    ut = {"malgruppe": Counter(), "aldersgruppe": Counter(), "utfall": Counter()}
    for did in {rec["deltaker"] for rec in tildeling.studenter.values()}:
        if did not in dl.index:
            continue
        r = dl.loc[did]
        ut["malgruppe"][str(r["malgruppe"])] += 1
        ut["aldersgruppe"][str(r["aldersgruppe"])] += 1
        u = utfall.get(did) if utfall is not None else None
        ut["utfall"][str(u) if isinstance(u, str) else t("tildeling.pagar")] += 1
    return ut


def lagre(tildeling: Tildeling, sti: Path) -> Path:
    return skriv_atomisk(Path(sti), json.dumps(tildeling.til_dict(), ensure_ascii=False, indent=1),
                         rot=Path(sti).parent)


def les(sti: Path | str | None) -> Tildeling | None:
    """The stored assignment, or None when there is none. Raises ``TildelingsFeil`` on a bad file."""
    if not sti or not Path(sti).is_file():
        return None
    try:
        if Path(sti).stat().st_size > 20 * MAKS_ROSTER_BYTES:
            raise TildelingsFeil(t("tildeling.kan_ikke_lese", fil=str(sti)))
        data = json.loads(Path(sti).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as err:
        if isinstance(err, TildelingsFeil):
            raise
        raise TildelingsFeil(t("tildeling.kan_ikke_lese", fil=str(sti))) from err
    if not isinstance(data, dict) or data.get("skjema") not in (SKJEMA, SKJEMA_PUBLISERT) \
            or not isinstance(data.get("studenter"), dict):
        raise TildelingsFeil(t("tildeling.kan_ikke_lese", fil=str(sti)))
    if data["skjema"] == SKJEMA_PUBLISERT:
        return Tildeling({k: {"deltaker": rec["deltaker"], "gruppe": None} for k, rec in data["studenter"].items()
                          if isinstance(k, str) and len(k) == 32 and isinstance(rec, dict)
                          and isinstance(rec.get("deltaker"), str)}, hashet=True)
    rene = {}
    for sid, rec in data["studenter"].items():
        if isinstance(rec, dict) and isinstance(rec.get("deltaker"), str):
            try:
                rene[normaliser(sid)] = {"deltaker": rec["deltaker"], "gruppe": rec.get("gruppe")}
            except UgyldigId:
                continue
    return Tildeling(rene)


_MILJO_CACHE: dict[tuple, Tildeling | None] = {}


def _les_cachet(sti: str) -> Tildeling | None:
    """``les(sti)``, remembered while the file's size and mtime stay the same (the widget asks often)."""
    try:
        st = os.stat(sti)
    except OSError:
        return None
    nokkel = (sti, st.st_mtime_ns, st.st_size)
    if nokkel not in _MILJO_CACHE:
        _MILJO_CACHE.clear()
        _MILJO_CACHE[nokkel] = les(sti)
    return _MILJO_CACHE[nokkel]


def fra_miljo(student: str) -> str | None:
    """The assigned case for ``student`` from ``$TILTAKSLAB_TILDELING`` (the instructor's file or its
    published copy, see :mod:`tiltakslab.kursfiler`), if that file exists and lists the student."""
    sti = os.environ.get(ENV_TILDELING)
    if not sti:
        return None
    try:
        tildeling = _les_cachet(sti)
        return tildeling.deltaker(normaliser(student)) if tildeling else None
    except (TildelingsFeil, UgyldigId):
        return None
