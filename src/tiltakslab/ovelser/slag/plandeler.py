"""Follow-up plans (``oppfolgingsplan``) in the regrade: the structured part by key, the rest by a person.

A plan's rubric has one line per criterion, each worth ``poeng / len(rubrikk)``. A line on a choice
field (``type: valg``) with a key (``godta``) is graded automatically, exactly as the learner's widget
does it (``tiltakslab.ovelser.vurdering``: points for the choices, rounded to halves). Every other line
is free text and is judged by the marker; keyword matches are never points.

Used through the registry (``Oppfolgingsplan.plandel``, ``Slag.manuell_maks``, ``Slag.automatisk_linje``)::

    plan = vurder_plan(ov, tolket)   # ov: the exercise, tolket: the parsed answer (tolk_svar) or None
    plan.auto_poeng, plan.auto_maks  # the automatic part (auto_poeng None when the answer is unusable)
    plan.manuell_maks                # what the marker gives points for (0 when the plan has no free text)
    plan.punkter                     # per automatic line: criterion, field, chosen option text, ok
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Punkt:
    """One automatically graded rubric line."""

    kriterium: str  # the rubric line's text (may contain {navn})
    felt: str  # the field's label (may contain {navn})
    valgt: str  # the chosen option's text ("" when none)
    ok: bool


@dataclass(frozen=True)
class Plandel:
    auto_poeng: float | None
    auto_maks: float
    manuell_maks: float
    punkter: list[Punkt] = field(default_factory=list)
    manuelle_kriterier: list[str] = field(default_factory=list)  # rubric texts the marker judges


def _halv(x: float) -> float:
    return round(max(0.0, x) * 2) / 2


def er_automatisk(ov: dict, linje: dict) -> bool:
    """A rubric line graded by key: on a choice field, with accepted options."""
    felt = {str(f["id"]): f for f in ov.get("felt") or []}
    f = felt.get(str(linje.get("felt")))
    return bool(f and f.get("type") == "valg" and linje.get("godta"))


def vurder_plan(ov: dict, tolket: dict | None) -> Plandel:
    """Split a plan's points into the automatic part (graded now) and the marker's part."""
    rubrikk = list(ov.get("rubrikk") or [])
    poeng = float(ov.get("poeng") or 0)
    if not rubrikk:
        return Plandel(None, 0.0, poeng)
    per_linje = poeng / len(rubrikk)
    felt = {str(f["id"]): f for f in ov.get("felt") or []}
    auto = [r for r in rubrikk if er_automatisk(ov, r)]
    manuelle = [str(r.get("tekst", "")) for r in rubrikk if not er_automatisk(ov, r)]
    auto_maks = per_linje * len(auto)
    manuell_maks = poeng - auto_maks
    if not isinstance(tolket, dict):
        return Plandel(None, auto_maks, manuell_maks, [], manuelle)
    punkter = []
    for r in auto:
        f = felt[str(r["felt"])]
        verdi = str(tolket.get(str(r["felt"])) or "")
        tekst = next((str(v["tekst"]) for v in f.get("valg") or [] if str(v["id"]) == verdi), "")
        punkter.append(Punkt(str(r.get("tekst", "")), str(f.get("etikett", "")), tekst,
                             verdi in map(str, r["godta"])))
    auto_poeng = _halv(poeng * sum(p.ok for p in punkter) / len(rubrikk))
    return Plandel(auto_poeng, auto_maks, manuell_maks, punkter, manuelle)


def visning(plan: Plandel, manuell_poeng: float | None, navn: str | None = None, med_punkter: bool = True) -> dict:
    """What the report, the marking page and the feedback page show for a plan, in Norwegian words:
    ``{"auto": line, "punkter": [line per criterion], "laerer": line}``; an unmarked part is said in
    words («ikke vurdert ennå»), never shown as 0."""
    from tiltakslab.meldinger import t  # noqa: PLC0415
    from tiltakslab.ovelser.visning import fyll_navn  # noqa: PLC0415
    from tiltakslab.ovelser.vurdering import formater_tall  # noqa: PLC0415

    if plan.auto_maks <= 0:
        auto = ""
    elif plan.auto_poeng is None:
        auto = t("plandel.automatisk_ugyldig")
    else:
        auto = t("plandel.automatisk", poeng=formater_tall(plan.auto_poeng), maks=formater_tall(plan.auto_maks))
    punkter = [f"{fyll_navn(p.kriterium, navn)} – "
               f"{t('plandel.valgt', valgt=fyll_navn(p.valgt, navn)) if p.valgt else t('plandel.ingen_valgt')} – "
               f"{t('plandel.ok') if p.ok else t('plandel.ikke_ok')}" for p in plan.punkter] if med_punkter else []
    if plan.manuell_maks <= 0:
        laerer = ""
    elif manuell_poeng is None:
        laerer = t("plandel.laerer_ikke", maks=formater_tall(plan.manuell_maks))
    else:
        laerer = t("plandel.laerer", poeng=formater_tall(manuell_poeng), maks=formater_tall(plan.manuell_maks))
    return {"auto": auto, "punkter": punkter, "laerer": laerer}


def manuell_maks(ov: dict) -> float:
    """The points the marker gives for ``ov``: the free-text part of a plan, all of any other exercise."""
    from tiltakslab.ovelser.slag import slag_for  # noqa: PLC0415

    return slag_for(ov).manuell_maks(ov)
