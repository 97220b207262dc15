"""The case text (Markdown) of one synthetic participant, from plain fields, in the learner's language.

The fields are one participant's entry in the light case form (``tiltakslab.saker.Saker.felt``): plain
Python values, dates as ISO text. ``tiltakslab.data.vignett`` is the public function; this module only
writes the text (phrases from the message catalogue, ``vignett.*``), with the standard library.
"""

from __future__ import annotations

from tiltakslab.data import BAKGRUNN_FRASE as _BAKGRUNN
from tiltakslab.data import MALGRUPPE_FRASE as _MALGRUPPE
from tiltakslab.meldinger import t

_OMRADER = ("formell_kompetanse", "personlige_styrker", "nettverk", "naerhet_arbeidsmarkedet")


def mnd(verdi: float) -> str:
    """Months with a decimal comma: 5.0 -> «5», 13.5 -> «13,5»."""
    return f"{verdi:.1f}".replace(".0", "").replace(".", ",")


def dato(iso: str) -> str:
    """«2003-05-07» -> «7. mai 2003» (the catalogue's date form)."""
    ar, maned, dag = (int(x) for x in str(iso)[:10].split("-"))
    return t("vignett.dato", dag=dag, maned=t(f"vignett.maned_{maned}"), ar=ar)


def _etat(etat: str) -> str:
    return etat.lower() if etat != "Aetat" else "Aetat"


def tekst(f: dict, utsnitt: str = "hele") -> str:
    """The case text; ``utsnitt="start"`` only what is known the day the participant joins."""
    did, navn = f["deltaker_id"], f["fornavn"]
    hun = t("vignett.hun") if f["kjonn"] == "Kvinne" else t("vignett.han")
    Hun = hun.capitalize()
    og = " " + t("vignett.og") + " "
    etat = _etat(f["sb_etat"])
    fotnote = t("vignett.fotnote", id=did)
    linjer = [t("vignett.tittel", navn=navn, alder=f["alder"]), "",
              t("vignett.innledning", navn=navn, malgruppe=t(_MALGRUPPE[f["malgruppe"]]),
                bakgrunn=t(_BAKGRUNN[f["innvandrerbakgrunn"]]), Hun=Hun, enhet=f["satsingsenhet"],
                maneder=f["maneder_sosialhjelp_siste_ar"], dato=dato(f["startdato"]))]
    if utsnitt == "start":
        problem = [t(key) for key, har in (("vignett.helseproblemer", f["helseproblem"]),
                                          ("vignett.rusproblemer", f["rusproblem"]))
                   if har and not f["problem_avdekket_etter_start"]]
        if problem:
            linjer.append(t("vignett.kjent_problem", hun=hun, problem=og.join(problem)))
        linjer.append(t("vignett.saksbehandler_start", etat=etat))
        linjer.append(t("vignett.start_utsnitt", navn=navn))
        linjer += ["", fotnote]
        return "\n".join(linjer[:2] + [" ".join(linjer[2:-2])] + linjer[-2:])
    if f["i_tiltak"]:
        linjer.append(t("vignett.i_tiltak", hun=hun, status=f["arbeidssokerstatus"], tiltak=f["tiltak"]))
    else:
        linjer.append(t("vignett.ikke_i_tiltak", hun=hun, status=f["arbeidssokerstatus"]))
    problem = [t(key) for key, har in (("vignett.helseproblemer", f["helseproblem"]),
                                      ("vignett.rusproblemer", f["rusproblem"])) if har]
    if problem:
        nar = t("vignett.kjent_etter_start") if f["problem_avdekket_etter_start"] else t("vignett.kjent_ved_start")
        linjer.append(t("vignett.problem", navn=navn, problem=og.join(problem), nar=nar))
    linjer.append((t("vignett.saksbehandler", etat=etat, antall=f["sb_antall_deltakere"]) + " "
                   + (t("vignett.handlingsplan" if f["handlingsplan"] else "vignett.ingen_handlingsplan") + " ")
                   + (t("vignett.individuell_plan") + " " if f["individuell_plan"] else "")
                   + (t("vignett.ansvarsgruppe") if f["ansvarsgruppe"] else "")).strip())
    if f["kis_kartlagt"]:
        deler = t("vignett.vurderinger", **{f"egen{i}": f["egen_" + c] for i, c in enumerate(_OMRADER, 1)},
                  **{f"veileder{i}": f["veileder_" + c] for i, c in enumerate(_OMRADER, 1)})
        linjer.append(t("vignett.kartlagt", navn=navn, nr=f["samtale_nr"], dato=dato(f["kartlagt_dato"]),
                        vurderinger=deler, tiltak=f["anbefalt_tiltak"]))
    elif f["screenet"]:
        linjer.append(t("vignett.screenet", navn=navn))
    else:
        linjer.append(t("vignett.ikke_screenet", navn=navn))
    kontakt = ", ".join(f"{n} × {typ.lower()}" for typ, n in f["kontakttyper"])
    uteble = f["uteble"]
    linjer.append(t("vignett.logg_en" if uteble == 1 else "vignett.logg", antall=f["kontakter"], kontakter=kontakt,
                    navn=navn, uteble=uteble))
    if f["avsluttet"]:
        linjer.append(t("vignett.avsluttet", navn=navn, dato=dato(f["sluttdato"]),
                        maneder=mnd(f["maneder_i_satsingen"]), utfall=f["utfall"]))
    else:
        linjer.append(t("vignett.fortsatt", navn=navn, maneder=mnd(f["maneder_i_satsingen"])))
    linjer += ["", fotnote]
    return "\n".join(linjer[:2] + [" ".join(linjer[2:-2])] + linjer[-2:])
