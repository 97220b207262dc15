"""Regrade every hand-in with the instructor's exercise definitions.

The points and status a student's file claims are never used: each final answer is parsed with
``tolk_svar`` and graded with ``vurder`` (a ``tallsvar`` with ``beregning`` computes its own key from
the data). When the file's claim differs from the regraded value, the row is flagged (``avvik``).

Free text and case plans (``refleksjon``, ``oppfolgingsplan``) are judged by a person: their points
come from the instructor's marks (:mod:`tiltakslab.vurderinger`); unmarked is ``None`` – empty
in every export, never 0. Keyword matches in a plan are hints for the marker, never points.
A plan's structured part (choices with a key) is graded automatically (:mod:`tiltakslab.ovelser.slag.plandeler`):
``rad.plan`` holds it, the marker's points cover only the free-text part (``plan.manuell_maks``), and
the plan's total is the sum once both are there.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from tiltakslab.innleveringer import Innlevering, Samling, _tid
from tiltakslab.meldinger import t
from tiltakslab.ovelser.beregning import BeregningFeil
from tiltakslab.ovelser.laster import Ovelsessett
from tiltakslab.ovelser.slag import slag_for
from tiltakslab.ovelser.slag.plandeler import Plandel
from tiltakslab.ovelser.vurdering import Resultat, SvarFeil, formater_tall, tolk_svar, vurder


@dataclass
class Svarrad:
    """One student's final answer to one exercise, regraded."""

    student: str
    ovelse: str
    sett: str
    variant: str | None
    antall_forsok: int
    tid: str
    svar: object  # the raw stored answer
    tolket: object = None
    resultat: Resultat | None = None
    poeng: float | None = None
    maks: float = 0
    status: str = ""  # riktig | delvis | feil | ingen_fasit | til_vurdering | vurdert | selvvurdert | ugyldig
    vurdert_av: str = ""  # "" (automatic), a marker's name, or "selv"
    kommentar: str = ""
    avvik: str = ""  # Norwegian note when the file's claim differs from the regraded value
    feil: str = ""  # Norwegian reason the answer could not be graded
    endret_etter_vurdering: bool = False
    selvvurdering: dict | None = None  # {rubric id: ticked} when the learner assessed their own text
    alle_svar: list = field(default_factory=list)
    plan: Plandel | None = None  # a plan's automatic part (oppfolgingsplan only)
    manuell_poeng: float | None = None  # the marker's points (for a plan: the free-text part only)


def svar_fingeravtrykk(svar: object) -> str:
    """A short stable hash of an answer, to notice when it changed after it was marked."""
    tekst = json.dumps(svar, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(tekst.encode("utf-8", "replace")).hexdigest()[:16]


def _siste_post(inn: Innlevering, oid: str) -> dict | None:
    poster = [rec for rec in inn.svar.values() if rec["ovelse"] == oid and rec["forsok"]]
    return max(poster, key=_tid) if poster else None


def vurder_en(ov: dict, svar: object) -> tuple[object, Resultat | None, str]:
    """(parsed answer, result, Norwegian error) for one raw answer; never raises."""
    try:
        tolket = tolk_svar(ov, svar)
    except SvarFeil as err:
        return None, None, t("samle.ugyldig_svar", grunn=str(err))
    except Exception as err:  # noqa: BLE001 - a hostile answer shape
        return None, None, t("samle.ugyldig_svar", grunn=type(err).__name__)
    try:
        return tolket, vurder(ov, tolket), ""  # a computed number key is computed (and remembered) by its kind
    except (SvarFeil, BeregningFeil) as err:
        return tolket, None, str(err)
    except Exception as err:  # noqa: BLE001
        return tolket, None, t("samle.ugyldig_svar", grunn=type(err).__name__)


def forventet_case(ov: dict, tildelt: str, sett: Ovelsessett, _cache: dict | None = None) -> str:
    """The case an exercise shows a student whose assigned case is ``tildelt`` (premises honoured,
    exactly as the learner's widget does it: ``tiltakslab.ovelser.sak_for``)."""
    if not (ov.get("premisser") or ov.get("sak_utsnitt")):
        return tildelt
    key = (ov["id"], tildelt)
    if _cache is not None and key in _cache:
        return _cache[key]
    try:
        from tiltakslab.ovelser import sak_for  # noqa: PLC0415

        sak = sak_for(ov, tildelt, sett)
        did = str(sak.get("deltaker_id") if isinstance(sak, dict) else sak)
    except Exception:  # noqa: BLE001 - no data or premises: fall back to the assigned case
        did = tildelt
    if _cache is not None:
        _cache[key] = did
    return did


def _tall(x: object) -> float | None:
    return float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else None


def omvurder(sett: Ovelsessett, samling: Samling, vurderinger: dict | None = None,
             tildeling=None) -> list[Svarrad]:
    """One :class:`Svarrad` per student and answered exercise, graded from the answers alone.

    ``tildeling`` (:class:`tiltakslab.tildeling.Tildeling`) is the stored case assignment: an answer
    without a case gets the assigned one for display; an answer for another case is flagged.
    """
    vurderinger = vurderinger or {}
    case_cache: dict = {}
    rader = []
    for student, inn in sorted(samling.innleveringer.items()):
        for oid, ov in sett.ovelser.items():
            rec = _siste_post(inn, oid)
            if rec is None:
                continue
            siste = rec["forsok"][-1]
            rad = Svarrad(student, oid, str(ov.get("tema", "")), rec.get("variant"), len(rec["forsok"]),
                          str(siste.get("tid") or ""), siste.get("svar"), maks=float(ov["poeng"]),
                          alle_svar=[f.get("svar") for f in rec["forsok"]])
            manuell = slag_for(ov).manuell
            tildelt = tildeling.deltaker(student) if tildeling is not None else None
            if tildelt:
                tildelt = forventet_case(ov, tildelt, sett, case_cache)
            if tildelt and rad.variant and rad.variant != tildelt:
                rad.feil = t("samle.annen_case", case=rad.variant, tildelt=tildelt)
            elif tildelt and not rad.variant and (ov.get("vignett") or manuell):
                rad.variant = tildelt
            tolket, rad.resultat, feil = vurder_en(ov, rad.svar)
            rad.tolket, rad.feil = tolket, feil or rad.feil
            if manuell and isinstance(rad.svar, (str, dict)) and rad.svar:
                # A person judges the text even when it no longer fits the exercise's limits (noted).
                merke = vurderinger.get((student, oid))
                selv = siste.get("selvvurdering")
                rad.plan = slag_for(ov).plandel(ov, rad.tolket)
                if merke:
                    rad.manuell_poeng = _tall(merke.get("poeng"))
                    rad.status, rad.vurdert_av = "vurdert", str(merke.get("vurdert_av") or "")
                    rad.kommentar = str(merke.get("kommentar") or "")
                    rad.endret_etter_vurdering = merke.get("svar_id") != svar_fingeravtrykk(rad.svar)
                    if rad.plan is not None and rad.manuell_poeng is not None \
                            and rad.manuell_poeng > rad.plan.manuell_maks + 1e-9:
                        # a mark given on the whole plan, before its choices were graded automatically
                        rad.avvik = t("plandel.merke_for_hoyt", poeng=formater_tall(rad.manuell_poeng),
                                      maks=formater_tall(rad.plan.manuell_maks))
                        rad.manuell_poeng = None
                elif isinstance(selv, dict):
                    rad.status, rad.vurdert_av = "selvvurdert", "selv"
                else:
                    rad.status = "til_vurdering"
                if isinstance(selv, dict):
                    rad.selvvurdering = {str(k)[:40]: bool(v) for k, v in list(selv.items())[:50]}
                if rad.plan is None:
                    rad.poeng = rad.manuell_poeng
                elif rad.plan.manuell_maks <= 0:  # a plan with choices only: wholly automatic
                    rad.poeng = rad.plan.auto_poeng
                elif rad.plan.auto_poeng is not None and rad.manuell_poeng is not None:
                    rad.poeng = rad.plan.auto_poeng + rad.manuell_poeng
            elif rad.feil and rad.tolket is None:
                rad.status = "ugyldig"
            elif rad.resultat is not None:
                rad.poeng, rad.status = float(rad.resultat.poeng), rad.resultat.status
                if ov.get("ingen_fasit") or rad.resultat.status == "ingen_fasit":
                    rad.maks = float(rad.resultat.maks)
            else:
                rad.status = "ugyldig"
            oppgitt = _tall(siste.get("poeng"))
            regnet = rad.plan.auto_poeng if rad.plan is not None else rad.poeng
            if (not manuell or rad.plan is not None) and oppgitt is not None \
                    and regnet is not None and abs(oppgitt - regnet) > 1e-9:
                rad.avvik = "; ".join(filter(None, [rad.avvik, t("samle.avvik", oppgitt=oppgitt, regnet=regnet)]))
            elif rad.status != "ugyldig" and isinstance(siste.get("status"), str) and rad.resultat is not None \
                    and not manuell and siste["status"] != rad.resultat.status:
                rad.avvik = t("samle.avvik_status", oppgitt=siste["status"][:20], regnet=rad.resultat.status)
            rader.append(rad)
    return rader
