"""``kartlegging``: decisions on a case (one modelled choice each) and a status per area with a note."""

from __future__ import annotations

from tiltakslab.meldinger import t
from tiltakslab.ovelser.slag import registrer
from tiltakslab.ovelser.slag.base import Dokumentasjon, Inndata, Slag
from tiltakslab.ovelser.slag.felt import (
    BOOL,
    DELID,
    MAKS_TEGN_GRENSE,
    SITATER,
    TEKST,
    VALG,
    doble_ider,
    heltall,
    liste,
    post,
)
from tiltakslab.ovelser.slag.flervalg import navn_paa, tekst_for
from tiltakslab.ovelser.vurdering import (
    STANDARD_MAKS_TEGN,
    Del,
    Resultat,
    SvarFeil,
    halv,
    ider,
    status_for,
    tekst_grense,
)

STATUSER = ("na", "senere", "ikke")  # an area's status: now, later, not at all
_STATUS = {"enum": list(STATUSER)}


class KartleggingInndata(Inndata):
    def __init__(self, ov: dict, navn: str | None):
        import html  # noqa: PLC0415

        from tiltakslab.ovelser import delte as w  # noqa: PLC0415
        from tiltakslab.ovelser.inndata import BRED, STIL, merk  # noqa: PLC0415
        from tiltakslab.ovelser.visning import fyll_navn  # noqa: PLC0415

        self.beslutninger = {
            b["id"]: merk(w.RadioButtons(options=[(fyll_navn(v["tekst"], navn), v["id"])
                                                       for v in b["valg"]],
                                              value=None, description=fyll_navn(b["sporsmal"], navn),
                                              style=STIL, layout=BRED), "tl-inndata")
            for b in ov["beslutninger"]}
        statusvalg = [(t("inndata.ikke_valgt"), None)] + [(t(f"kartlegging.status_{s}"), s) for s in STATUSER]
        self.status: dict[str, w.Dropdown] = {}
        self.notat: dict[str, w.Text] = {}
        rader = []
        for o in ov["omrader"]:
            oid = o["id"]
            # The label takes its natural width (long area names must not overlap the select).
            self.status[oid] = merk(w.Dropdown(options=statusvalg, value=None,
                                               description=fyll_navn(o["navn"], navn), style=STIL,
                                               layout=w.Layout(width="auto", min_width="22em")), "tl-inndata")
            self.notat[oid] = merk(w.Text(value="", placeholder=t("inndata.notat_plassholder"),
                                          description=t("inndata.notat"), style=STIL,
                                          layout=w.Layout(width="28em")), "tl-inndata")
            rader.append(w.HBox([self.status[oid], self.notat[oid]], layout=w.Layout(flex_flow="row wrap")))
        self.widget = w.VBox([*self.beslutninger.values(), w.HTML(f"<strong>{html.escape(t('inndata.omrader'))}"
                                                                  "</strong>"), *rader])

    def les(self) -> object:
        return {"beslutninger": {k: r.value for k, r in self.beslutninger.items()},
                "omrader": {k: {"status": self.status[k].value, "notat": self.notat[k].value}
                            for k in self.status}}

    def sett(self, svar: object) -> None:
        if not isinstance(svar, dict):
            return
        for k, v in (svar.get("beslutninger") or {}).items():
            if k in self.beslutninger:
                self.beslutninger[k].value = v
        for k, v in (svar.get("omrader") or {}).items():
            if k in self.status:
                self.status[k].value = v.get("status")
                self.notat[k].value = v.get("notat", "")


# This kind's section of data/ovelser/SKJEMA.md (generated with tiltakslab.ovelser.skjemadok).
DOK = Dokumentasjon(
    tittel='a structured mapping form for a case',
    lagret='`{"beslutninger": {id: valg-id}, "omrader": {id: {"status": "na"\\|"senere"\\|"ikke", "notat": str}}}`',
    felt={
        'vignett': ('', 'the case; replaced by the case vignette when shown with `deltaker=`'),
        'beslutninger': ('', ''),
        'beslutninger[].id': ('', ''),
        'beslutninger[].sporsmal': ('', 'label of the question'),
        'beslutninger[].valg': ('', ''),
        'beslutninger[].modell': ('yes unless `ingen_fasit`', 'the model answer'),
        'beslutninger[].ingen_fasit': ('', 'recorded, answered with `begrunnelse`, not scored'),
        'beslutninger[].begrunnelse': ('', ''),
        'beslutninger[].sitater': ('', ''),
        'omrader': ('',
            'areas; the learner sets each to `na` («Kartlegg nå»), `senere` («Senere») or `ikke` («Ikke nødvendig'
            ' nå») and may write a note'),
        'omrader[].id': ('', ''),
        'omrader[].navn': ('', ''),
        'omrader[].modell': ('',
            'model mapping; a list accepts several (the `begrunnelse` must say when each is right, e.g. it '
            'depends on the case)'),
        'omrader[].begrunnelse': ('', ''),
        'omrader[].sitater': ('', ''),
        'notat_maks': ('', 'max characters per note, default 500'),
        'krev_notat': ('', 'a note is required for every area set to `na`; default false'),
    },
    innledning="""First the decisions (whether to map at all, and when), then a status per area. Areas are our
framing (set `egen_forklaring: true`): the sources do not list KIS's items.""",
    mer="""Scoring: `poeng × (matches with the model / scored decisions and areas)`, rounded to 0.5.

```yaml
- id: kis-01
  tema: kartlegging
  type: kartlegging
  tittel: Skal {navn} kartlegges?
  egen_forklaring: true
  oppgavetekst: Les saken. Bestem om og når en kartlegging bør gjøres, og hva den bør se på først.
  vignett: |
    Per (24) har fått sosialhjelp i to år, har fullført to år av videregående og ønsker seg jobb.
  beslutninger:
    - id: kartlegge
      sporsmal: Bør det gjøres en grundig kartlegging?
      valg:
        - {id: ja, tekst: Ja}
        - {id: nei, tekst: Nei}
      modell: ja
      begrunnelse: Evalueringen peker på at unge brukere er en gruppe der kartlegging vurderes som nyttig.
      sitater: [oversikt-050]
  omrader:
    - id: kompetanse
      navn: Utdanning og kompetanse
      modell: na
      begrunnelse: Vår forklaring – for en ung bruker uten fullført skole er dette sentralt.
    - id: okonomi
      navn: Økonomi og gjeld
      modell: senere
      begrunnelse: Vår forklaring – viktig, men kan tas når relasjonen er etablert.
  poeng: 3
  minutter: 10
  niva: viderekommen
```""",
)


@registrer
class Kartlegging(Slag):
    navn = "kartlegging"
    beskrivelse = "Beslutninger om en sak (ett modellvalg hver) og status for hvert område, med notat."
    dok = DOK
    skjema = {"properties": {
        "vignett": TEKST,
        "beslutninger": liste(post({"id": DELID, "sporsmal": TEKST, "valg": VALG, "modell": DELID,
                                    "ingen_fasit": BOOL, "begrunnelse": TEKST, "sitater": SITATER},
                                   ["id", "sporsmal", "valg", "begrunnelse"]), 1, 4),
        "omrader": liste(post({"id": DELID, "navn": TEKST,
                               "modell": {"anyOf": [_STATUS, {"type": "array", "minItems": 1, "uniqueItems": True,
                                                              "items": _STATUS}]},
                               "begrunnelse": TEKST, "sitater": SITATER},
                              ["id", "navn", "modell", "begrunnelse"]), 2, 10),
        "notat_maks": heltall(1, MAKS_TEGN_GRENSE),
        "krev_notat": BOOL},
        "required": ["beslutninger", "omrader"]}

    def sjekk(self, rec):
        yield from doble_ider(rec, "beslutninger")
        yield from doble_ider(rec, "omrader")
        for i, b in enumerate(rec["beslutninger"]):
            yield from ((["beslutninger", i, *sti], hva) for sti, hva in doble_ider(b, "valg"))
            if b.get("ingen_fasit") is True:
                if "modell" in b:
                    yield ["beslutninger", i, "modell"], t("skjema.riktig_ved_ingen_fasit")
            elif b.get("modell") not in ider(b, "valg"):
                yield ["beslutninger", i, "modell"], t("skjema.ukjent_valg", verdi=b.get("modell"))

    def tolk(self, ov, raw):
        raw = raw if isinstance(raw, dict) else {}
        bes_raw, omr_raw = dict(raw.get("beslutninger") or {}), dict(raw.get("omrader") or {})
        bes = {}
        for b in ov["beslutninger"]:
            v = bes_raw.get(b["id"])
            if v in (None, ""):
                raise SvarFeil(t("svar.besvar_sporsmal", sporsmal=b["sporsmal"]))
            if str(v) not in ider(b, "valg"):
                raise SvarFeil(t("svar.ukjent_valg"))
            bes[b["id"]] = str(v)
        maks = ov.get("notat_maks", STANDARD_MAKS_TEGN)
        omr = {}
        for o in ov["omrader"]:
            v = omr_raw.get(o["id"]) or {}
            status = v.get("status") if isinstance(v, dict) else None
            if status not in STATUSER:
                raise SvarFeil(t("svar.velg_status", omrade=o["navn"]))
            notat = tekst_grense(str(v.get("notat") or ""), maks, o["navn"])
            if ov.get("krev_notat") and status == "na" and not notat:
                raise SvarFeil(t("svar.krev_notat", omrade=o["navn"]))
            omr[o["id"]] = {"status": status, "notat": notat}
        return {"beslutninger": bes, "omrader": omr}

    def vurder(self, ov, svar):
        statusnavn = {s: t(f"kartlegging.status_{s}") for s in STATUSER}
        deler, rett, telles = [], 0, 0
        for b in ov["beslutninger"]:
            valgt = svar["beslutninger"][b["id"]]
            valgtekst = {v["id"]: v["tekst"] for v in b["valg"]}[valgt]
            overskrift = f"{b['sporsmal']} – {valgtekst}"
            if b.get("ingen_fasit"):
                deler.append(Del("ingen_fasit", b["begrunnelse"], overskrift, list(b["sitater"])))
                continue
            telles += 1
            ok = valgt == b["modell"]
            rett += ok
            deler.append(Del("riktig" if ok else "feil", b["begrunnelse"], overskrift, list(b["sitater"])))
        for o in ov["omrader"]:
            valgt = svar["omrader"][o["id"]]["status"]
            telles += 1
            modeller = o["modell"] if isinstance(o["modell"], list) else [o["modell"]]
            ok = valgt in modeller
            rett += ok
            overskrift = t("kartlegging.omrade_valgt", omrade=o["navn"], valgt=statusnavn[valgt])
            modell = t("kartlegging.eller").join(statusnavn[m] for m in modeller)
            tekst = o["begrunnelse"] if ok else t("kartlegging.modell_sier", modell=modell) + " " + o["begrunnelse"]
            deler.append(Del("riktig" if ok else "feil", tekst, overskrift, list(o["sitater"])))
        andel = rett / telles if telles else 1.0
        return Resultat(status_for(andel), halv(ov["poeng"] * andel), ov["poeng"],
                        t("vurdering.kartlegging", rett=rett, av=telles), deler)

    def inndata(self, ov, navn):
        return KartleggingInndata(ov, navn)

    def i_ord(self, ov, tolket):
        ut = []
        for b in ov["beslutninger"]:
            ut.append((b["sporsmal"], navn_paa(b, "valg").get(tolket["beslutninger"][b["id"]], "")))
        for o in ov["omrader"]:
            v = tolket["omrader"][o["id"]]
            tekst = t(f"kartlegging.status_{v['status']}") + (f" – {v['notat']}" if v.get("notat") else "")
            ut.append((o["navn"], tekst))
        return ut

    def svar_i_ord(self, ov, svar, fyll):
        if not isinstance(svar, dict):
            return super().svar_i_ord(ov, svar, fyll)
        ut = []
        for b in ov["beslutninger"]:
            if b["id"] in svar.get("beslutninger", {}):
                ut.append((fyll(b["sporsmal"]), fyll(tekst_for(b["valg"], svar["beslutninger"][b["id"]]))))
        for o in ov["omrader"]:
            v = svar.get("omrader", {}).get(o["id"])
            if v:
                notat = f" – {v['notat']}" if v.get("notat") else ""
                ut.append((fyll(o["navn"]), t(f"kartlegging.status_{v['status']}") + notat))
        return ut
