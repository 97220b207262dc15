"""``flere_riktige``: several options are right; partial credit (right minus wrong) in half points."""

from __future__ import annotations

from tiltakslab.meldinger import t
from tiltakslab.ovelser.slag import registrer
from tiltakslab.ovelser.slag.base import Dokumentasjon, Inndata, Slag
from tiltakslab.ovelser.slag.flervalg import DOK as FLERVALG_DOK
from tiltakslab.ovelser.slag.flervalg import (
    alternativ_skjema,
    feil_valg,
    navn_paa,
    sjekk_alternativer,
    tekst_for,
    valgrapport,
)
from tiltakslab.ovelser.vurdering import Del, Resultat, SvarFeil, halv, ider


class FlereRiktigeInndata(Inndata):
    def __init__(self, ov: dict, navn: str | None):
        from tiltakslab.ovelser import delte as w  # noqa: PLC0415
        from tiltakslab.ovelser.inndata import BRED, merk  # noqa: PLC0415
        from tiltakslab.ovelser.visning import fyll_navn  # noqa: PLC0415

        self.bokser = {a["id"]: merk(w.Checkbox(value=False, description=fyll_navn(a["tekst"], navn),
                                                     indent=False, layout=BRED), "tl-inndata")
                       for a in ov["alternativer"]}
        self.widget = w.VBox([w.Label(t("inndata.velg_flere")), *self.bokser.values()])

    def les(self) -> object:
        return [k for k, b in self.bokser.items() if b.value]

    def sett(self, svar: object) -> None:
        for k, b in self.bokser.items():
            b.value = k in (svar or [])


# This kind's section of data/ovelser/SKJEMA.md (generated with tiltakslab.ovelser.skjemadok).
DOK = Dokumentasjon(
    tittel='several right, partial credit',
    lagret='sorted list of option ids, `["a", "c"]`',
    felt={
        **{sti: dok for sti, dok in FLERVALG_DOK.felt.items() if sti.startswith("alternativer")},
        "alternativer[].riktig": ("yes", "at least one `true`"),
        'alternativer[].om_ikke_valgt': ('yes for right options',
            'shown when a right option was **not** chosen; points towards it without quoting it'),
    },
    innledning="""As `flervalg` (no `ingen_fasit`), with at least one `riktig: true`, and `om_ikke_valgt`:""",
    mer="""Scoring: `poeng × max(0, (right chosen − wrong chosen) / number right)`, rounded to 0.5.
Feedback is given on each chosen option and each missed right option, and says how many were found
(«2 av 3 riktige, 1 feil») — never «alt riktig» unless all right and no wrong were chosen.

```yaml
- id: sam-02
  tema: samarbeid
  type: flere_riktige
  tittel: Ulemper ved samarbeidet
  oppgavetekst: Hvilke ulemper ved samarbeidet nevner informantene i notatet? Velg alle som passer.
  alternativer:
    - id: tid
      tekst: Tidsbruk
      riktig: true
      tilbakemelding: Ja, dette nevnes.
      om_ikke_valgt: Én ulempe handler om hva samarbeidet koster i arbeidstid.
      sitater: [notat-020]
    - id: personvern
      tekst: Risiko for personvernet
      riktig: true
      tilbakemelding: Ja, dette nevnes – det gjelder hvem som får vite hva om deltakerne.
      om_ikke_valgt: Én ulempe gjelder informasjon om deltakerne.
      sitater: [notat-020]
    - id: lonn
      tekst: Lavere lønn for saksbehandlerne
      riktig: false
      tilbakemelding: Dette nevnes ikke i notatet.
  poeng: 2
  minutter: 4
  niva: grunnleggende
```""",
)


@registrer
class FlereRiktige(Slag):
    navn = "flere_riktige"
    beskrivelse = "Flere riktige alternativer; delpoeng (riktige minus gale valg), i halve poeng."
    dok = DOK
    skjema = {"properties": {"alternativer": alternativ_skjema(flere=True)}, "required": ["alternativer"]}

    def sjekk(self, rec):
        return sjekk_alternativer(rec, flere=True)

    def tolk(self, ov, raw):
        valgt = sorted({str(x) for x in (raw or [])})
        if not valgt:
            raise SvarFeil(t("svar.ingen_valgt"))
        if any(v not in ider(ov, "alternativer") for v in valgt):
            raise SvarFeil(t("svar.ukjent_valg"))
        return valgt

    def vurder(self, ov, svar):
        valgt, deler = set(svar), []
        riktige = [a for a in ov["alternativer"] if a.get("riktig")]
        treff = feil = 0
        for a in ov["alternativer"]:
            aid = a["id"]
            if aid in valgt:
                ok = bool(a.get("riktig"))
                treff += ok
                feil += not ok
                deler.append(Del("riktig" if ok else "feil", a["tilbakemelding"], a["tekst"],
                                 list(a["sitater"])))
            elif a.get("riktig"):
                deler.append(Del("mangler", a["om_ikke_valgt"], t("vurdering.mangler_ett"), []))
        andel = (treff - feil) / len(riktige)
        alt_riktig = treff == len(riktige) and feil == 0
        status = "riktig" if alt_riktig else ("feil" if treff == 0 else "delvis")
        return Resultat(status, float(ov["poeng"]) if alt_riktig else halv(ov["poeng"] * andel), ov["poeng"],
                        t("vurdering.flere", treff=treff, av=len(riktige), feil=feil), deler)

    def inndata(self, ov, navn):
        return FlereRiktigeInndata(ov, navn)

    def i_ord(self, ov, tolket):
        navn = navn_paa(ov, "alternativer")
        return [("", navn.get(str(v), str(v))) for v in tolket]

    def svar_i_ord(self, ov, svar, fyll):
        return [("", fyll(tekst_for(ov["alternativer"], v))) for v in svar or []]

    def feil_etiketter(self, ov, rad):
        return feil_valg(ov, rad, flere=True)

    def rapport(self, ov, rader, seksjon):
        valgrapport(ov, rader, seksjon)
