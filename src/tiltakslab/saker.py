"""The light case form: every synthetic participant's case fields in one small JSON file.

Exercise sets draw a learner's case (``tiltakslab.data.deltaker_for_student``), check an exercise's
premises and show the case text; with this form they do it with the standard library only, so that a
learner's kernel never imports pandas or numpy for a case. ``<data>/synthetic/saker.json`` is written
by ``python -m tiltakslab.synthetic`` (and ``python -m tiltakslab.sakbygg``) from the very tables that
``tiltakslab.data`` loads. It records a hash of those CSV files: a missing, unreadable or stale form is
ignored and ``tiltakslab.data`` falls back to its pandas computation (same results, only heavier).

Storage is by column; text columns are dictionary-encoded (a list of distinct values and one code per
participant), which keeps both the file and the decoded lists small.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import operator
import re
from functools import lru_cache
from pathlib import Path

FIL = "saker.json"
KALIBRERING_FIL = "kalibrering.json"
FORMAT = 1
# The CSV files the form is computed from (their bytes are hashed into the form).
KILDER = ("deltakere", "kartlegging", "oppfolging", "utfall", "saksbehandlere")
# The calibration table (``tiltakslab.data.kalibrering()``) uses every file and the published tables.
KALIBRERING_KILDER = (*KILDER, "samarbeid_undersokelse", "tio_kohort")
_PUBLISERT = ("tabeller.yaml", "undersokelse.yaml")  # in tiltakslab/synthetic
# A participant can be a case when the follow-up log has at least this many contacts.
MIN_KONTAKTER = 4

_SAMMENLIGN = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
               ">": operator.gt, ">=": operator.ge}
_ISODATO = re.compile(r"\d{4}-\d{2}-\d{2}")


class IkkeLett(Exception):
    """A premise this form does not evaluate (bad or unusual premise): the caller uses pandas."""


def kildehash(mappe: Path, kilder: tuple[str, ...] = KILDER) -> str:
    """sha256 over the source CSV files (name and bytes), in a fixed order."""
    h = hashlib.sha256()
    for navn in kilder:
        h.update(navn.encode("utf-8") + b"\0")
        h.update((Path(mappe) / f"{navn}.csv").read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def kalibrering_hash(mappe: Path) -> str:
    """sha256 over every synthetic CSV file and the published tables the calibration compares with."""
    h = hashlib.sha256(kildehash(mappe, KALIBRERING_KILDER).encode("ascii"))
    pakke = Path(__file__).resolve().parent / "synthetic"
    for navn in _PUBLISERT:
        h.update((pakke / navn).read_bytes())
    return h.hexdigest()


def _dekod(spec: dict) -> list:
    if "kategorier" in spec:
        kat = spec["kategorier"]
        koltype = spec.get("type")  # a column's storage type (not an exercise type)
        if koltype == "par":
            return [[(kat[k], n) for k, n in rad] for rad in spec["verdier"]]
        return [None if k is None else kat[k] for k in spec["koder"]]
    return list(spec["verdier"])


class Saker:
    """The decoded form: one list per column, one position per participant (file order)."""

    def __init__(self, form: dict):
        spec = form["kolonner"]
        self.typer: dict[str, str] = {k: v["type"] for k, v in spec.items()}
        self.kol: dict[str, list] = {k: _dekod(v) for k, v in spec.items()}
        self.ider: list[str] = self.kol["deltaker_id"]
        self.indeks = {d: i for i, d in enumerate(self.ider)}
        self.pool = [i for i, n in enumerate(self.kol["kontakter"]) if n >= MIN_KONTAKTER]
        self._datoer: dict[str, list] = {}

    # --- lookups --------------------------------------------------------------------------------

    def felt(self, deltaker_id: str) -> dict | None:
        """Every field of one participant (dates as ISO text), or ``None`` for an unknown id."""
        i = self.indeks.get(deltaker_id)
        return None if i is None else {k: v[i] for k, v in self.kol.items()}

    def navn_i_pool(self, deltaker_id: str) -> str:
        """The first name of a participant that can be a case; ``""`` for anyone else."""
        i = self.indeks.get(deltaker_id)
        return self.kol["fornavn"][i] if i is not None and self.kol["kontakter"][i] >= MIN_KONTAKTER else ""

    # --- premises (same semantics as tiltakslab.premisser.maske) --------------------------------

    def _dato_kolonne(self, kol: str) -> list:
        if kol not in self._datoer:
            self._datoer[kol] = [None if v is None else dt.date.fromisoformat(v) for v in self.kol[kol]]
        return self._datoer[kol]

    def _betingelse(self, b: dict, rader: list[int]) -> list[int]:
        kol, op = b["kolonne"], b["operator"]
        koltype = self.typer[kol]
        verdier = self.kol[kol]
        if op in ("i", "ikke_i"):
            if koltype == "date":  # a date never equals a text or a number
                return [] if op == "i" else list(rader)
            try:
                mengde = set(b["verdier"])
            except TypeError as err:
                raise IkkeLett from err
            if any(isinstance(v, float) and v != v for v in mengde):
                raise IkkeLett
            if op == "i":
                return [r for r in rader if verdier[r] is not None and verdier[r] in mengde]
            return [r for r in rader if verdier[r] is None or verdier[r] not in mengde]
        verdi = b["verdi"]
        if isinstance(verdi, float) and verdi != verdi:
            raise IkkeLett
        if koltype == "date":
            if not (isinstance(verdi, str) and _ISODATO.fullmatch(verdi)):
                raise IkkeLett
            try:
                verdi = dt.date.fromisoformat(verdi)
            except ValueError as err:
                raise IkkeLett from err
            verdier = self._dato_kolonne(kol)
        fn = _SAMMENLIGN[op]
        ut = []
        try:
            for r in rader:
                x = verdier[r]
                if (op == "!=") if x is None else bool(fn(x, verdi)):
                    ut.append(r)
        except TypeError as err:  # e.g. "<" between text and number: pandas gives the message
            raise IkkeLett from err
        return ut

    def rader(self, premisser: list | None) -> list[int]:
        """Positions of the participants that can be a case and satisfy every premise.

        Raises :class:`IkkeLett` for a premise list that is invalid or that needs pandas' own
        conversions (unusual dates, NaN): the caller then uses the pandas path.
        """
        rader = list(self.pool)
        if not premisser:
            return rader
        from tiltakslab.premisser import valider  # noqa: PLC0415

        if valider(premisser):
            raise IkkeLett
        # every condition is evaluated on the whole pool, as pandas does, so that a condition that
        # cannot be compared is refused even when an earlier one already left no rows
        treff = set(rader)
        for b in premisser:
            if b["kolonne"] not in self.kol:
                raise IkkeLett
            treff.intersection_update(self._betingelse(b, self.pool))
        return [r for r in rader if r in treff]

    def id_mengde(self, premisser: list | None) -> frozenset[str]:
        """The ids of :meth:`rader` as a set."""
        return frozenset(self.ider[r] for r in self.rader(premisser))

    def strata(self, premisser: list | None, utenom_navn: str = "") -> tuple[tuple[str, ...], ...]:
        """Candidates grouped by (target group, outcome so far), groups and ids sorted (as ``data._strata``)."""
        mg, forlop, navn = self.kol["malgruppe"], self.kol["forlop"], self.kol["fornavn"]
        grupper: dict[tuple[str, str], list[str]] = {}
        for r in self.rader(premisser):
            if utenom_navn and navn[r] == utenom_navn:
                continue
            grupper.setdefault((mg[r], forlop[r]), []).append(self.ider[r])
        return tuple(tuple(sorted(grupper[k])) for k in sorted(grupper))


def les(mappe: str | Path) -> Saker | None:
    """The form in ``mappe`` when it exists, parses and matches the CSV files there; else ``None``."""
    mappe = Path(mappe)
    try:
        form = json.loads((mappe / FIL).read_text(encoding="utf-8"))
        if not isinstance(form, dict) or form.get("format") != FORMAT or form.get("kilde") != kildehash(mappe):
            return None
        return Saker(form)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def kalibrering(mappe: str | Path) -> list[dict] | None:
    """The stored rows of ``tiltakslab.data.kalibrering()`` for ``mappe`` when they match its files; else ``None``."""
    mappe = Path(mappe)
    try:
        lagret = json.loads((mappe / KALIBRERING_FIL).read_text(encoding="utf-8"))
        if not isinstance(lagret, dict) or lagret.get("format") != FORMAT \
                or lagret.get("kilde") != kalibrering_hash(mappe) or not isinstance(lagret.get("rader"), list):
            return None
        return lagret["rader"]
    except (OSError, ValueError):
        return None


@lru_cache(maxsize=4)
def for_mappe(mappe: str) -> Saker | None:
    """``les(mappe)``, once per folder and process (like ``tiltakslab.data``'s table cache)."""
    return les(mappe)
