"""Grading and feedback: the result types, shared helpers, and the two entry points.

``tolk_svar(ovelse, raw)`` turns raw input into the stored answer shape (see SKJEMA.md) or raises
``SvarFeil`` with a Norwegian inline message. ``vurder(ovelse, svar)`` returns a ``Resultat``. Both
hand over to the exercise's kind (:mod:`tiltakslab.ovelser.slag`); a number answer computes its own key.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field

from tiltakslab.meldinger import t

STANDARD_MAKS_TEGN = 500
MAKS_TEGN_GRENSE = 10_000


class SvarFeil(ValueError):
    """The learner's input cannot be graded; the message is Norwegian and shown inline."""


@dataclass
class Del:
    """One piece of feedback: on an option, item, area, rubric line or path."""

    status: str  # riktig | feil | mangler | info | ingen_fasit
    tekst: str  # Markdown, our words
    overskrift: str = ""
    sitater: list[str] = field(default_factory=list)


@dataclass
class Resultat:
    status: str  # riktig | delvis | feil | ingen_fasit | levert
    poeng: float
    maks: int
    sammendrag: str
    deler: list[Del] = field(default_factory=list)
    hint: str | None = None
    sitater: list[str] = field(default_factory=list)
    modellsvar: str | None = None

    def til_dict(self) -> dict:
        return asdict(self)


def halv(x: float) -> float:
    """Points rounded to the nearest half, never below 0."""
    return round(max(0.0, x) * 2) / 2


def status_for(andel: float) -> str:
    return "riktig" if andel >= 1 else ("feil" if andel <= 0 else "delvis")


def tekst_grense(tekst: str, maks: int, etikett: str = "") -> str:
    """Strip a free-text answer; ``SvarFeil`` when it is longer than ``maks`` (or the hard limit)."""
    tekst = tekst.strip()
    if len(tekst) > min(maks, MAKS_TEGN_GRENSE):
        merke = f" «{etikett}»" if etikett else ""
        raise SvarFeil(t("svar.for_lang", etikett=merke, maks=maks, antall=len(tekst)))
    return tekst


def har_ord(tekst: str, ord_: str) -> bool:
    """Whether ``ord_`` starts a word in ``tekst`` (case-folded)."""
    return re.search(r"(?<!\w)" + re.escape(ord_.lower()), tekst.lower()) is not None


def ider(rec: dict, felt: str) -> list[str]:
    """The ids of the sub-records in ``rec[felt]``, as strings."""
    return [x["id"] for x in rec.get(felt, [])]


def sitert(tekst: str) -> str:
    """Text to put inside «…» in a feedback line: inner guillemets become "…", so quotes never double."""
    return re.sub(r"«([^«»]*)»", r'"\1"', tekst.strip())


# ---------------------------------------------------------------- numbers

_TALL = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def tolk_tall(tekst: object) -> float:
    """Parse a learner's number: decimal comma or point, spaces as thousand separators, trailing %."""
    if isinstance(tekst, (int, float)) and not isinstance(tekst, bool):
        if not math.isfinite(tekst):
            raise SvarFeil(t("svar.ikke_tall", tekst=tekst))
        return float(tekst)
    if not isinstance(tekst, str) or not tekst.strip():
        raise SvarFeil(t("svar.tomt_tall"))
    rent = tekst.strip().replace("\u00a0", " ").replace("\u2212", "-").rstrip("%").strip()
    rent = re.sub(r"(?<=\d) (?=\d{3}\b)", "", rent)
    if not _TALL.match(rent) or (rent.count(",") + rent.count(".")) > 1:
        raise SvarFeil(t("svar.ikke_tall", tekst=tekst.strip()[:40]))
    return float(rent.replace(",", "."))


def formater_tall(x: float) -> str:
    """Norwegian number formatting: decimal comma, at most two decimals."""
    return (f"{x:.2f}".rstrip("0").rstrip(".")).replace(".", ",")


# ---------------------------------------------------------------- the entry points


def tolk_svar(ov: dict, raw: object) -> object:
    """Validate raw input and return the stored answer shape. Raises ``SvarFeil``."""
    from tiltakslab.ovelser.slag import slag_for  # noqa: PLC0415 - the kinds import this module

    return slag_for(ov).tolk(ov, raw)


def vurder(ov: dict, svar: object) -> Resultat:
    """Grade a parsed answer (a computed number key is computed by its kind: ``BeregningFeil`` if it cannot)."""
    from tiltakslab.ovelser.slag import slag_for  # noqa: PLC0415

    res = slag_for(ov).vurder(ov, svar)
    res.sitater = list(ov["sitater"])
    if res.status in ("feil", "delvis"):
        res.hint = ov.get("hint")
    return res
