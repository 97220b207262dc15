"""What an exercise kind is: the class every kind module subclasses (see ``slag/__init__.py``).

A kind bundles everything that depends on ``type:`` in an exercise file: its JSON Schema fragment and the
cross-field rules JSON Schema cannot say, parsing the learner's raw answer, grading, the input widget,
the flags callers act on, the answer in words and its section of the class report. Nothing here imports
ipywidgets, pandas or jsonschema: widgets are built lazily in ``inndata()``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from tiltakslab.ovelser.vurdering import Resultat

Sti = list  # a path inside one exercise record: ["alternativer", 1, "riktig"] (0-based list positions)


class Inndata:
    """An input widget for one exercise: ``widget`` to show, ``les()`` raw input, ``sett()`` a stored answer."""

    widget: Any
    ferdig = None  # for kinds that submit themselves: called by the input when the answer is complete
    sendefelt = None  # for kinds where Enter submits: the text widget whose Enter submits

    def les(self) -> object:
        raise NotImplementedError

    def sett(self, svar: object) -> None:
        raise NotImplementedError


def kort(tekst: str, n: int = 100) -> str:
    """A one-line label for a report: markup removed, at most ``n`` characters."""
    tekst = " ".join(str(tekst).replace("*", "").replace("`", "").split())
    return tekst if len(tekst) <= n else tekst[: n - 1] + "…"


@dataclass(frozen=True)
class Dokumentasjon:
    """A kind's part of ``data/ovelser/SKJEMA.md`` (English, for maintainers and content authors).

    The field table's paths, types and limits come from the kind's JSON Schema; ``felt`` gives each path's
    meaning and, where the schema cannot say it (a cross-field rule), when it is required.
    """

    tittel: str  # the section's subtitle: «one right answer»
    lagret: str  # the stored answer shape (Markdown)
    felt: dict[str, tuple[str, str]] = field(default_factory=dict)  # path → (required note or "", meaning)
    innledning: str = ""  # Markdown before the field table
    mer: str = ""  # Markdown after it: rules, scoring, an example


class Slag:
    """One exercise kind. Subclass it in one module under ``slag/`` and register it with ``registrer``."""

    navn: ClassVar[str] = ""
    beskrivelse: ClassVar[str] = ""  # one Norwegian line for content authors (SKJEMA.md)
    dok: ClassVar[Dokumentasjon | None] = None  # its section of SKJEMA.md
    # The JSON Schema of this kind's own fields: {"properties": {...}, "required": [...]}; the common
    # fields (id, tema, tittel, …) come from ``ovelser/skjema.py``.
    skjema: ClassVar[dict] = {"properties": {}, "required": []}

    # Flags callers act on instead of branching on the kind's name.
    manuell: ClassVar[bool] = False  # points only from a person's marks (free text); no key-based feedback
    selvvurdert: ClassVar[bool] = False  # after a submit the learner ticks the rubric (when there is one)
    sender_selv: ClassVar[bool] = False  # the input submits itself (no «Send inn» button)
    enter_sender: ClassVar[bool] = False  # Enter in the input's ``sendefelt`` submits
    hint_til_retter: ClassVar[bool] = False  # the result's parts are keyword hints shown to the marker

    # ------------------------------------------------------------------ content
    def sjekk(self, rec: dict) -> Iterable[tuple[Sti, str]]:
        """Cross-field rules on a record that passed the JSON Schema: (path, Norwegian message) pairs."""
        return ()

    def sjekk_mot_data(self, ov: dict) -> list[str]:
        """Problems that need the synthetic data (``tiltakslab sjekk``), as Norwegian messages."""
        return []

    # ------------------------------------------------------------------ answers
    def tolk(self, ov: dict, raw: object) -> object:
        """The learner's raw input as the stored answer shape; ``SvarFeil`` (Norwegian) when it cannot be."""
        raise NotImplementedError

    def vurder(self, ov: dict, svar: object) -> Resultat:
        """Grade a parsed answer. The exercise's ``sitater`` and ``hint`` are added by ``vurdering.vurder``."""
        raise NotImplementedError

    def inndata(self, ov: dict, navn: str | None) -> Inndata:
        """The input widget (imports ipywidgets)."""
        raise NotImplementedError

    # ------------------------------------------------------------------ answers in words and reports
    def plandel(self, ov: dict, tolket: Any) -> Any:
        """A plan's split into an automatic and a marker's part (``plandeler.Plandel``); None for other kinds."""
        return None

    def manuell_maks(self, ov: dict) -> float:
        """The points a marker gives for ``ov`` (all of them, unless the kind grades a part automatically)."""
        return float(ov.get("poeng") or 0)

    def automatisk_linje(self, ov: dict, linje: dict) -> bool | None:
        """For a rubric line: graded by key (True), by the marker (False), or the kind makes no split (None)."""
        return None

    def i_ord(self, ov: dict, tolket: Any) -> list[tuple[str, str]]:
        """(label, text) pairs describing a parsed answer in the exercise's own words (instructor pages)."""
        return [("", str(tolket))]

    def svar_i_ord(self, ov: dict, svar: Any, fyll) -> list[tuple[str, str]]:
        """The stored answer in words for the learner's hand-in page; ``fyll`` puts the case's name in."""
        from tiltakslab.ovelser.eksport import svar_tekst  # noqa: PLC0415

        return [("", svar_tekst(svar))]

    def feil_etiketter(self, ov: dict, rad: Any) -> list[tuple[str, str]]:
        """(label, feedback) for each wrong or missing piece of one regraded final answer (class report)."""
        return [(kort(_fyll(d.overskrift or d.tekst)), d.tekst) for d in rad.resultat.deler
                if d.status in ("feil", "mangler")]

    def rapport(self, ov: dict, rader: list, seksjon: dict) -> None:
        """Add this kind's view (chart, option counts, paths) to an exercise's section of the class report."""
        return None


def _fyll(x: object) -> str:
    from tiltakslab.ovelser.visning import fyll_navn  # noqa: PLC0415

    return fyll_navn(str(x), None)
