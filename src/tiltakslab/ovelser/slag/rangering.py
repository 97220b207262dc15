"""``rangering``: put the items in the key's order (the order in the file); half points per place."""

from __future__ import annotations

from tiltakslab.meldinger import t
from tiltakslab.ovelser.slag import registrer
from tiltakslab.ovelser.slag.base import Dokumentasjon, Inndata, Slag
from tiltakslab.ovelser.slag.felt import DELID, SITATER, TEKST, doble_ider, liste, post
from tiltakslab.ovelser.slag.flervalg import navn_paa, tekst_for
from tiltakslab.ovelser.vurdering import Del, Resultat, SvarFeil, halv, ider, sitert, status_for


class RangeringInndata(Inndata):
    def __init__(self, ov: dict, navn: str | None):
        from tiltakslab.ovelser import delte as w  # noqa: PLC0415
        from tiltakslab.ovelser.inndata import nedtrekk_per_element  # noqa: PLC0415

        n = len(ov["elementer"])
        valg = [(t("inndata.ikke_valgt"), None)] + [(str(i), i) for i in range(1, n + 1)]
        self.plasser, rader = nedtrekk_per_element(ov, navn, valg, t("inndata.plass"), "9em")
        self.widget = w.VBox([w.Label(t("inndata.rangering", n=n)), *rader])

    def les(self) -> object:
        return {k: d.value for k, d in self.plasser.items()}

    def sett(self, svar: object) -> None:
        for plass, eid in enumerate(svar or [], start=1):
            if eid in self.plasser:
                self.plasser[eid].value = plass


# This kind's section of data/ovelser/SKJEMA.md (generated with tiltakslab.ovelser.skjemadok).
DOK = Dokumentasjon(
    tittel='put items in order',
    lagret="list of element ids in the learner's order",
    felt={
        'elementer': ('', 'the engine shows them shuffled (deterministic per exercise id)'),
        'elementer[].id': ('', ''),
        'elementer[].tekst': ('', ''),
        'elementer[].forklaring': ('',
            'shown when the learner placed this item wrongly: why it belongs where it does, without giving its '
            'position away directly'),
        'elementer[].sitater': ('', ''),
    },
    mer="""The learner gives each item a place 1…n. Incomplete or duplicate places give an inline message and
nothing is graded. Scoring: `poeng × (items in the right place / n)`, rounded to 0.5.

```yaml
- id: met-01
  tema: metode
  type: rangering
  tittel: Trinnene i systematisk tekstkondensering
  oppgavetekst: Sett de fire trinnene i STC i rekkefølge.
  elementer:
    - id: helhet
      tekst: Få et helhetsinntrykk
      forklaring: Man må se hele materialet før man kan velge ut noe.
      sitater: [oversikt-002]
    - id: enheter
      tekst: Identifisere meningsbærende enheter
      forklaring: Kodingen bygger på temaene fra første gjennomlesing.
      sitater: [oversikt-002]
    - id: abstrahere
      tekst: Abstrahere innholdet i enhetene
      forklaring: Man kondenserer det man allerede har kodet.
      sitater: [oversikt-002]
    - id: sammenfatte
      tekst: Sammenfatte betydningen
      forklaring: Sammenfatningen bygger på alle de foregående trinnene.
      sitater: [oversikt-002]
  poeng: 2
  minutter: 3
  niva: grunnleggende
```""",
)


@registrer
class Rangering(Slag):
    navn = "rangering"
    beskrivelse = "Sett punktene i rekkefølge; fasiten er rekkefølgen i fila. Halve poeng per riktig plass."
    dok = DOK
    skjema = {"properties": {"elementer": liste(post({"id": DELID, "tekst": TEKST, "forklaring": TEKST,
                                                      "sitater": SITATER}, ["id", "tekst", "forklaring"]), 3, 8)},
              "required": ["elementer"]}

    def sjekk(self, rec):
        return doble_ider(rec, "elementer")

    def tolk(self, ov, raw):
        ids = ider(ov, "elementer")
        if isinstance(raw, list):
            if sorted(map(str, raw)) != sorted(ids):
                raise SvarFeil(t("svar.rangering_ufullstendig", mangler=len(set(ids) - set(map(str, raw)))))
            return [str(x) for x in raw]
        plasser = dict(raw or {})
        mangler = [i for i in ids if plasser.get(i) in (None, "", 0)]
        if mangler:
            raise SvarFeil(t("svar.rangering_ufullstendig", mangler=len(mangler)))
        try:
            tall = {i: int(plasser[i]) for i in ids}
        except (TypeError, ValueError) as err:
            raise SvarFeil(t("svar.rangering_ufullstendig", mangler=len(ids))) from err
        brukt: dict[int, int] = {}
        for p in tall.values():
            brukt[p] = brukt.get(p, 0) + 1
        doble = sorted(p for p, n in brukt.items() if n > 1)
        if doble:
            raise SvarFeil(t("svar.rangering_dobbel", plass=", ".join(map(str, doble))))
        if sorted(tall.values()) != list(range(1, len(ids) + 1)):
            raise SvarFeil(t("svar.rangering_ufullstendig", mangler=len(ids)))
        return sorted(ids, key=lambda i: tall[i])

    def vurder(self, ov, svar):
        fasit = ider(ov, "elementer")
        elementer = {e["id"]: e for e in ov["elementer"]}
        deler, rett = [], 0
        for plass, eid in enumerate(svar):
            e = elementer[eid]
            if fasit[plass] == eid:
                rett += 1
            else:
                deler.append(Del("feil", e["forklaring"], t("vurdering.feil_plass", tekst=sitert(e["tekst"]),
                                                                  plass=plass + 1), list(e["sitater"])))
        andel = rett / len(fasit)
        sammendrag = t("vurdering.rangering", rett=rett, av=len(fasit))
        if andel >= 1:
            deler = [Del("riktig", t("vurdering.rekkefolge_riktig"), "",
                         list(dict.fromkeys(s for e in ov["elementer"] for s in e["sitater"])))]
        return Resultat(status_for(andel), halv(ov["poeng"] * andel), ov["poeng"], sammendrag, deler)

    def inndata(self, ov, navn):
        return RangeringInndata(ov, navn)

    def i_ord(self, ov, tolket):
        navn = navn_paa(ov, "elementer")
        return [(f"{i}.", navn.get(str(v), str(v))) for i, v in enumerate(tolket, 1)]

    def svar_i_ord(self, ov, svar, fyll):
        return [(str(i), fyll(tekst_for(ov["elementer"], v))) for i, v in enumerate(svar or [], start=1)]
