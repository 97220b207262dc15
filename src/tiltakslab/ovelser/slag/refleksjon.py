"""``refleksjon``: free text judged by a person; the learner sees the criteria and a model answer."""

from __future__ import annotations

from tiltakslab.meldinger import t
from tiltakslab.ovelser.slag import registrer
from tiltakslab.ovelser.slag.base import Dokumentasjon, Inndata, Slag
from tiltakslab.ovelser.slag.felt import MAKS_TEGN_GRENSE, SITATER, TEKST, heltall, liste, post
from tiltakslab.ovelser.vurdering import Del, Resultat, SvarFeil, tekst_grense

REFLEKSJON_MIN, REFLEKSJON_MAKS = 20, 3000


class RefleksjonInndata(Inndata):
    def __init__(self, ov: dict, navn: str | None):
        from tiltakslab.ovelser import delte as w  # noqa: PLC0415
        from tiltakslab.ovelser.inndata import STIL, merk  # noqa: PLC0415

        self.maks = ov.get("maks_tegn", REFLEKSJON_MAKS)
        self.tekst = merk(w.Textarea(value="", description=t("inndata.ditt_svar"), rows=8, style=STIL,
                                     layout=w.Layout(width="46em")), "tl-inndata")
        self.teller = w.Label(t("inndata.teller", antall=0, maks=self.maks))
        self.tekst.observe(self._tell, names="value")
        self.widget = w.VBox([self.tekst, self.teller])

    def _tell(self, _change=None) -> None:
        self.teller.value = t("inndata.teller", antall=len(self.tekst.value.strip()), maks=self.maks)

    def les(self) -> object:
        return self.tekst.value

    def sett(self, svar: object) -> None:
        if isinstance(svar, str):
            self.tekst.value = svar


# This kind's section of data/ovelser/SKJEMA.md (generated with tiltakslab.ovelser.skjemadok).
DOK = Dokumentasjon(
    tittel='free text, never auto-graded',
    lagret='the text',
    felt={
        'min_tegn': ('', 'default 20'),
        'maks_tegn': ('', 'default 3000 (hard engine limit 10 000)'),
        'modellsvar': ('', 'shown after submitting'),
        'rubrikk': ('', 'assessment criteria, shown after submitting and beside the answer in `samle`'),
    },
    mer="""```yaml
- id: rel-02
  tema: relasjonsarbeid
  type: refleksjon
  tittel: Hjelp og kontroll
  oppgavetekst: Hvordan kan du som veileder både stille vilkår og bygge tillit? Skriv 5–10 setninger.
  modellsvar: Et godt svar skiller mellom vilkåret og samtalen om vilkåret …
  rubrikk:
    - tekst: Drøfter både hjelp og kontroll
      sitater: [notat-014]
  poeng: 3
  minutter: 10
  niva: fordypning
```""",
)


@registrer
class Refleksjon(Slag):
    navn = "refleksjon"
    beskrivelse = ("Fritekst som en person vurderer. Etter innsending ser studenten kriteriene og modellsvaret "
                   "og vurderer selv; aldri poeng fra nøkkelord.")
    dok = DOK
    skjema = {"properties": {"min_tegn": heltall(0, MAKS_TEGN_GRENSE), "maks_tegn": heltall(1, MAKS_TEGN_GRENSE),
                             "modellsvar": TEKST,
                             "rubrikk": liste(post({"tekst": TEKST, "sitater": SITATER}, ["tekst"]), 1, 10)},
              "required": []}
    manuell = True
    selvvurdert = True

    def tolk(self, ov, raw):
        tekst = tekst_grense(str(raw or ""), ov.get("maks_tegn", REFLEKSJON_MAKS))
        minst = ov.get("min_tegn", REFLEKSJON_MIN)
        if not tekst:
            raise SvarFeil(t("svar.tom_tekst"))
        if len(tekst) < minst:
            raise SvarFeil(t("svar.for_kort", min=minst, antall=len(tekst)))
        return tekst

    def vurder(self, ov, svar):
        deler = [Del("info", r["tekst"], t("refleksjon.kriterium"), list(r["sitater"]))
                 for r in ov.get("rubrikk") or []]
        return Resultat("levert", 0.0, ov["poeng"], t("vurdering.levert"), deler, modellsvar=ov.get("modellsvar"))

    def inndata(self, ov, navn):
        return RefleksjonInndata(ov, navn)

    def svar_i_ord(self, ov, svar, fyll):
        return [("", str(svar or ""))]
