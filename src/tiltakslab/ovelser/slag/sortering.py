"""``sortering``: put each item in a category; an item may accept several categories or have no key."""

from __future__ import annotations

from tiltakslab.meldinger import t
from tiltakslab.ovelser.slag import registrer
from tiltakslab.ovelser.slag.base import Dokumentasjon, Inndata, Slag
from tiltakslab.ovelser.slag.felt import BOOL, DELID, SITATER, TEKST, doble_ider, liste, post
from tiltakslab.ovelser.slag.flervalg import navn_paa, tekst_for
from tiltakslab.ovelser.vurdering import Del, Resultat, SvarFeil, halv, ider, sitert, status_for

_KATEGORI_REF = {"anyOf": [DELID, {"type": "array", "minItems": 1, "items": DELID}]}


class SorteringInndata(Inndata):
    def __init__(self, ov: dict, navn: str | None):
        from tiltakslab.ovelser import delte as w  # noqa: PLC0415
        from tiltakslab.ovelser.inndata import nedtrekk_per_element  # noqa: PLC0415

        valg = [(t("inndata.ikke_valgt"), None)] + [(k["navn"], k["id"]) for k in ov["kategorier"]]
        self.valg, rader = nedtrekk_per_element(ov, navn, valg, t("inndata.kategori"), "22em")
        self.widget = w.VBox([w.Label(t("inndata.sortering")), *rader])

    def les(self) -> object:
        return {k: d.value for k, d in self.valg.items()}

    def sett(self, svar: object) -> None:
        for k, v in (svar or {}).items():
            if k in self.valg and v in [x for _, x in self.valg[k].options]:
                self.valg[k].value = v


# This kind's section of data/ovelser/SKJEMA.md (generated with tiltakslab.ovelser.skjemadok).
DOK = Dokumentasjon(
    tittel='assign items to categories',
    lagret='mapping element id → category id',
    felt={
        'kategorier': ('', 'e.g. Aetat, sosialtjenesten, tiltaksarrangør, trygdeetaten; or STC themes'),
        'elementer': ('', ''),
        'elementer[].id': ('', ''),
        'elementer[].tekst': ('', ''),
        'elementer[].kategori': ('yes unless `ingen_fasit`', ''),
        'elementer[].forklaring': ('', 'shown when placed wrongly (or, with `ingen_fasit`, always)'),
        'elementer[].ingen_fasit': ('',
            'dilemma item: no category is wrong; the choice is recorded and answered with `forklaring`; it does '
            'not count in the score'),
        'elementer[].sitater': ('', ''),
    },
    mer="""Every item must be placed before grading. Scoring: `poeng × (right / items with a key)`, rounded to 0.5.

```yaml
- id: sam-03
  tema: samarbeid
  type: sortering
  tittel: Hvem gjør hva?
  oppgavetekst: Plasser hver oppgave hos den instansen notatet sier er hovedinstans.
  kategorier:
    - {id: aetat, navn: Aetat}
    - {id: sosial, navn: Sosialtjenesten}
  elementer:
    - id: okonomi
      tekst: Oppfølging av økonomi, helse- og sosialmessige forhold
      kategori: sosial
      forklaring: Notatet skiller mellom oppfølging i tiltak og den sosiale oppfølgingen.
      sitater: [notat-011]
    - id: arbeidsgivere
      tekst: Kontakten med arbeidsgivere
      kategori: aetat
      forklaring: Se hvem som er hovedinstans for tiltak, kurs, arbeid og praksis.
      sitater: [notat-011]
  poeng: 2
  minutter: 4
  niva: grunnleggende
```""",
)


@registrer
class Sortering(Slag):
    navn = "sortering"
    beskrivelse = "Plasser hvert punkt i en kategori; et punkt kan godta flere kategorier eller ha ingen fasit."
    dok = DOK
    skjema = {"properties": {
        "kategorier": liste(post({"id": DELID, "navn": TEKST}, ["id", "navn"]), 2, 6),
        "elementer": liste(post({"id": DELID, "tekst": TEKST, "kategori": _KATEGORI_REF, "forklaring": TEKST,
                                 "ingen_fasit": BOOL, "sitater": SITATER}, ["id", "tekst", "forklaring"]), 2, 12)},
        "required": ["kategorier", "elementer"]}

    def sjekk(self, rec):
        yield from doble_ider(rec, "kategorier")
        yield from doble_ider(rec, "elementer")
        kat = set(ider(rec, "kategorier"))
        for i, e in enumerate(rec["elementer"]):
            if e.get("ingen_fasit") is True:
                if "kategori" in e:
                    yield ["elementer", i, "kategori"], t("skjema.riktig_ved_ingen_fasit")
                continue
            k = e.get("kategori")
            ks = k if isinstance(k, list) else [k]
            if k is None or any(str(x) not in kat for x in ks):
                yield ["elementer", i, "kategori"], t("skjema.ukjent_kategori", verdi=k)

    def tolk(self, ov, raw):
        kat = set(ider(ov, "kategorier"))
        raw = dict(raw or {})
        ut = {i: str(raw[i]) for i in ider(ov, "elementer") if raw.get(i) not in (None, "")}
        mangler = len(ov["elementer"]) - len(ut)
        if mangler:
            raise SvarFeil(t("svar.sortering_ufullstendig", mangler=mangler))
        if any(v not in kat for v in ut.values()):
            raise SvarFeil(t("svar.ukjent_valg"))
        return ut

    def vurder(self, ov, svar):
        navn = {k["id"]: k["navn"] for k in ov["kategorier"]}
        deler, rett, telles = [], 0, 0
        for e in ov["elementer"]:
            valgt = svar[e["id"]]
            if e.get("ingen_fasit"):
                deler.append(Del("ingen_fasit", e["forklaring"], t("vurdering.plassert", tekst=sitert(e["tekst"]),
                                                                       kategori=navn[valgt]),
                                 list(e["sitater"])))
                continue
            telles += 1
            godta = e["kategori"] if isinstance(e["kategori"], list) else [e["kategori"]]
            if valgt in map(str, godta):
                rett += 1
            else:
                deler.append(Del("feil", e["forklaring"], t("vurdering.plassert", tekst=sitert(e["tekst"]),
                                                                kategori=navn[valgt]), list(e["sitater"])))
        andel = rett / telles if telles else 1.0
        if telles and andel >= 1:
            # All placed right: say so, and show what the placements rest on (as «rangering» does).
            kilder = list(dict.fromkeys(s for e in ov["elementer"] if not e.get("ingen_fasit")
                                        for s in e["sitater"]))
            deler.insert(0, Del("riktig", t("vurdering.sortering_riktig"), "", kilder))
        status = "ingen_fasit" if not telles else status_for(andel)
        return Resultat(status, halv(ov["poeng"] * andel) if telles else 0.0, ov["poeng"],
                        t("vurdering.sortering", rett=rett, av=telles), deler)

    def inndata(self, ov, navn):
        return SorteringInndata(ov, navn)

    def i_ord(self, ov, tolket):
        elementer, kat = navn_paa(ov, "elementer"), {k["id"]: k["navn"] for k in ov["kategorier"]}
        return [(elementer.get(e, e), kat.get(k, k)) for e, k in tolket.items()]

    def svar_i_ord(self, ov, svar, fyll):
        return [(fyll(tekst_for(ov["elementer"], k)), tekst_for(ov["kategorier"], v, "navn"))
                for k, v in (svar or {}).items()]
