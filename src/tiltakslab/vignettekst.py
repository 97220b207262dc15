"""The Norwegian case text (Markdown) of one synthetic participant, from plain fields.

The fields are one participant's entry in the light case form (``tiltakslab.saker.Saker.felt``): plain
Python values, dates as ISO text. ``tiltakslab.data.vignett`` is the public function; this module only
writes the text, with the standard library.
"""

from __future__ import annotations

_MANEDER = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
            "november", "desember"]
_MALGRUPPE = {"Eneforsørger": "eneforsørger med sosialhjelp som hovedinntekt",
              "20-24 år": "ung voksen (20–24 år) med sosialhjelp som hovedinntekt",
              "Langtid sosialhjelp": "langtidsmottaker av sosialhjelp"}
_BAKGRUNN = {"Norge": "norsk bakgrunn", "Innvandrer ikke-OECD land": "innvandrerbakgrunn fra et land utenfor OECD",
             "Innvandrer OECD land": "innvandrerbakgrunn fra et OECD-land", "Ukjent": "ukjent landbakgrunn"}
_OMRADER = [("formell kompetanse", "formell_kompetanse"), ("personlige styrker", "personlige_styrker"),
            ("nettverk", "nettverk"), ("nærhet til arbeidsmarkedet", "naerhet_arbeidsmarkedet")]


def mnd(verdi: float) -> str:
    """Months with a Norwegian decimal comma: 5.0 -> «5», 13.5 -> «13,5»."""
    return f"{verdi:.1f}".replace(".0", "").replace(".", ",")


def dato(iso: str) -> str:
    """«2003-05-07» -> «7. mai 2003»."""
    ar, maned, dag = (int(x) for x in str(iso)[:10].split("-"))
    return f"{dag}. {_MANEDER[maned - 1]} {ar}"


def _etat(etat: str) -> str:
    return etat.lower() if etat != "Aetat" else "Aetat"


def tekst(f: dict, utsnitt: str = "hele") -> str:
    """The case text; ``utsnitt="start"`` only what is known the day the participant joins."""
    did, navn = f["deltaker_id"], f["fornavn"]
    hun = "hun" if f["kjonn"] == "Kvinne" else "han"
    Hun = hun.capitalize()
    linjer = [f"### {navn} ({f['alder']} år)", "",
              f"{navn} er {_MALGRUPPE[f['malgruppe']]} og har {_BAKGRUNN[f['innvandrerbakgrunn']]}. "
              f"{Hun} bor i satsingsenheten {f['satsingsenhet']} "
              f"og har fått sosialhjelp i {f['maneder_sosialhjelp_siste_ar']} av de siste 12 månedene. "
              f"{Hun} kom med i satsingen {dato(f['startdato'])}."]
    if utsnitt == "start":
        problem = [p for p, har in (("helseproblemer", f["helseproblem"]), ("rusproblemer", f["rusproblem"]))
                   if har and not f["problem_avdekket_etter_start"]]
        if problem:
            linjer.append(f"Det er kjent at {hun} har {' og '.join(problem)}.")
        linjer.append(f"Saksbehandleren er i {_etat(f['sb_etat'])}.")
        linjer.append(f"Saken er vist slik den ser ut den dagen {navn} kom med; resten av forløpet er ikke "
                      "kjent ennå.")
        linjer += ["", f"*Syntetisk case ({did}); navnet er oppdiktet.*"]
        return "\n".join(linjer[:2] + [" ".join(linjer[2:-2])] + linjer[-2:])
    if f["i_tiltak"]:
        linjer.append(f"I desember 2003 er {hun} registrert som «{f['arbeidssokerstatus']}» og deltar på "
                      f"tiltaket «{f['tiltak']}».")
    else:
        linjer.append(f"I desember 2003 er {hun} registrert som «{f['arbeidssokerstatus']}» og er ikke i tiltak.")
    problem = [p for p, har in (("helseproblemer", f["helseproblem"]), ("rusproblemer", f["rusproblem"])) if har]
    if problem:
        nar = "ble først kjent etter at satsingen startet" if f["problem_avdekket_etter_start"] else \
            "var kjent da satsingen startet"
        linjer.append(f"{navn} har {' og '.join(problem)}, som {nar}.")
    linjer.append((f"Saksbehandleren er i {_etat(f['sb_etat'])} og har "
                   f"{f['sb_antall_deltakere']} deltakere i satsingen. "
                   + ("Det er laget en handlingsplan. " if f["handlingsplan"] else "Det er ikke laget noen "
                      "handlingsplan. ")
                   + ("Det finnes en individuell plan. " if f["individuell_plan"] else "")
                   + ("Det er opprettet en ansvarsgruppe." if f["ansvarsgruppe"] else "")).strip())
    if f["kis_kartlagt"]:
        deler = ", ".join(f"{t} {f['egen_' + c]} mot {f['veileder_' + c]}" for t, c in _OMRADER)
        linjer.append(f"{navn} ble kartlagt i samtale nr. {f['samtale_nr']} ({dato(f['kartlagt_dato'])}). "
                      f"Egenvurdering mot veileders vurdering (1–5): {deler}. "
                      f"Veileder foreslår: {f['anbefalt_tiltak']}.")
    elif f["screenet"]:
        linjer.append(f"{navn} ble screenet, men ikke kartlagt med et KIS-lignende skjema.")
    else:
        linjer.append(f"{navn} ble verken screenet eller kartlagt.")
    kontakt = ", ".join(f"{n} × {t.lower()}" for t, n in f["kontakttyper"])
    uteble = f["uteble"]
    linjer.append(f"Oppfølgingsloggen har {f['kontakter']} kontakter ({kontakt}); {navn} møtte ikke "
                  f"{uteble} {'gang' if uteble == 1 else 'ganger'}.")
    if f["avsluttet"]:
        linjer.append(f"{navn} avsluttet {dato(f['sluttdato'])} etter {mnd(f['maneder_i_satsingen'])} måneder. "
                      f"Utfall: **{f['utfall']}**.")
    else:
        linjer.append(f"Ved utgangen av 2004 er {navn} fortsatt med i satsingen "
                      f"({mnd(f['maneder_i_satsingen'])} måneder).")
    linjer += ["", f"*Syntetisk case ({did}); navnet er oppdiktet.*"]
    return "\n".join(linjer[:2] + [" ".join(linjer[2:-2])] + linjer[-2:])
