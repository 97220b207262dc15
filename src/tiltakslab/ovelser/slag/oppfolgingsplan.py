"""``oppfolgingsplan``: a follow-up plan for a case in fields (text or a choice) with a rubric.

Choices are checked against the sources (points); free text is never graded by keywords. A keyword match
only decides which prompt the learner sees. The learner assesses the plan first; in the instructor's
regrade, rubric lines on a choice with a key are graded automatically (``plandeler``) and a person marks
the free-text part.
"""

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
from tiltakslab.ovelser.vurdering import STANDARD_MAKS_TEGN, Del, Resultat, SvarFeil, halv, har_ord, ider, tekst_grense

FELT = post({"id": DELID, "etikett": TEKST, "type": {"enum": ["tekst", "valg"]}, "valg": VALG,
             "maks_tegn": heltall(1, MAKS_TEGN_GRENSE), "pakrevd": BOOL}, ["id", "etikett", "type"])
RUBRIKK = post({"id": DELID, "tekst": TEKST, "felt": DELID, "godta": {"type": "array", "minItems": 1, "items": DELID},
                "nokkelord": liste(TEKST, 1, 30), "hint": TEKST, "sitater": {**SITATER, "minItems": 1}},
               ["id", "tekst", "felt", "hint", "sitater"])


class OppfolgingsplanInndata(Inndata):
    def __init__(self, ov: dict, navn: str | None):
        from tiltakslab.ovelser import delte as w  # noqa: PLC0415
        from tiltakslab.ovelser.inndata import STIL, merk  # noqa: PLC0415
        from tiltakslab.ovelser.visning import fyll_navn  # noqa: PLC0415

        self.felt: dict[str, w.Widget] = {}
        for f in ov["felt"]:
            etikett = fyll_navn(f["etikett"], navn)
            if f["type"] == "valg":
                valg = [(t("inndata.ikke_valgt"), "")] + [(fyll_navn(v["tekst"], navn), v["id"])
                                                           for v in f["valg"]]
                wid = w.Dropdown(options=valg, value="", description=etikett, style=STIL,
                                 layout=w.Layout(width="100%", max_width="48em"))
            else:
                maks = f.get("maks_tegn", STANDARD_MAKS_TEGN)
                wid = w.Textarea(value="", description=etikett, rows=max(3, min(8, maks // 100)), style=STIL,
                                 placeholder=t("inndata.maks_tegn", maks=maks),
                                 layout=w.Layout(width="100%", max_width="48em"))
            # the label above the field (CSS class tl-over): the field keeps its full width, at 200 % zoom too
            self.felt[f["id"]] = merk(wid, "tl-inndata", "tl-over")
        self.widget = w.VBox(list(self.felt.values()))

    def les(self) -> object:
        return {k: f.value for k, f in self.felt.items()}

    def sett(self, svar: object) -> None:
        for k, v in (svar or {}).items():
            if k in self.felt:
                try:
                    self.felt[k].value = v
                except Exception:  # noqa: BLE001 - an option removed since; leave the field empty
                    pass


# This kind's section of data/ovelser/SKJEMA.md (generated with tiltakslab.ovelser.skjemadok).
DOK = Dokumentasjon(
    tittel='a follow-up plan, rubric feedback',
    lagret='mapping field id → value (text or option id)',
    felt={
        'vignett': ('', 'as in `kartlegging`'),
        'felt': ('', "the plan's fields, in order (typically: mål, tiltak, ansvarlig, hyppighet, ved_jobb)"),
        'felt[].id': ('', ''),
        'felt[].etikett': ('', 'label'),
        'felt[].type': ('', 'free text or a dropdown'),
        'felt[].valg': ('yes for `valg`', ''),
        'felt[].maks_tegn': ('', '`tekst` only, default 500'),
        'felt[].pakrevd': ('', 'default true; empty required fields give an inline message'),
        'rubrikk': ('', 'criteria, each checked automatically where possible'),
        'rubrikk[].id': ('', ''),
        'rubrikk[].tekst': ('', 'the criterion, shown as met / not met'),
        'rubrikk[].felt': ('', 'the field it checks'),
        'rubrikk[].godta': ('for `valg` fields', 'met when the chosen option is one of these'),
        'rubrikk[].nokkelord': ('for `tekst` fields',
            'met when the text contains any (case-insensitive, word start); the feedback says this is a keyword '
            'check only'),
        'rubrikk[].hint': ('', 'shown when not met'),
        'rubrikk[].sitater': ('yes (≥ 1)', 'every rubric line is tied to excerpts'),
    },
    mer="""A `tekst` rubric line with no `nokkelord` is met when the field is filled («skjønnsmessig: læreren
vurderer»). Scoring: `poeng × (lines met / lines)`, rounded to 0.5.

```yaml
- id: opp-01
  tema: oppfolging
  type: oppfolgingsplan
  tittel: En plan for {navn}
  oppgavetekst: Lag en oppfølgingsplan for {navn}.
  felt:
    - {id: mal, etikett: Mål, type: tekst}
    - id: ansvarlig
      etikett: Hvem følger opp i tiltaket?
      type: valg
      valg:
        - {id: aetat, tekst: Aetat og tiltaksarrangør}
        - {id: sosial, tekst: Sosialtjenesten alene}
    - {id: ved_jobb, etikett: Hva skjer når {navn} får jobb?, type: tekst}
  rubrikk:
    - id: r-mal
      tekst: Målet er knyttet til arbeid
      felt: mal
      nokkelord: [arbeid, jobb, praksis]
      hint: Satsingen er arbeidsrettet. Hva er målet?
      sitater: [notat-005]
    - id: r-ansvar
      tekst: Ansvaret for oppfølgingen i tiltak er plassert slik notatet beskriver
      felt: ansvarlig
      godta: [aetat]
      hint: Se hvordan notatet deler oppfølgingen.
      sitater: [notat-010]
    - id: r-jobb
      tekst: Planen sier hva som skjer ved overgang til jobb
      felt: ved_jobb
      hint: Tenk på oppfølging etter at jobben er på plass.
      sitater: [oversikt-030]
  poeng: 3
  minutter: 15
  niva: viderekommen
```""",
)


@registrer
class Oppfolgingsplan(Slag):
    navn = "oppfolgingsplan"
    beskrivelse = ("En plan for saken i felt (tekst eller valg) med rubrikk. Valg gir poeng mot kildene; fritekst "
                   "vurderes av en person (nøkkelord velger bare hvilket hint som vises). Selvvurdering etterpå.")
    dok = DOK
    skjema = {"properties": {"vignett": TEKST, "felt": liste(FELT, 1, 8), "rubrikk": liste(RUBRIKK, 1, 10)},
              "required": ["felt", "rubrikk"]}
    manuell = True
    selvvurdert = True
    hint_til_retter = True

    def plandel(self, ov, tolket):
        from tiltakslab.ovelser.slag.plandeler import vurder_plan  # noqa: PLC0415

        return vurder_plan(ov, tolket)

    def manuell_maks(self, ov):
        return self.plandel(ov, None).manuell_maks

    def automatisk_linje(self, ov, linje):
        from tiltakslab.ovelser.slag.plandeler import er_automatisk  # noqa: PLC0415

        return er_automatisk(ov, linje)

    def sjekk(self, rec):
        yield from doble_ider(rec, "felt")
        yield from doble_ider(rec, "rubrikk")
        felt_typer: dict[str, tuple[str, set[str]]] = {}
        for i, f in enumerate(rec["felt"]):
            if f["type"] == "valg" and "valg" not in f:
                yield ["felt", i, "valg"], t("skjema.mangler")
            if f["type"] == "tekst" and "valg" in f:
                yield ["felt", i, "valg"], t("skjema.ukjent_felt")
            felt_typer[f["id"]] = (f["type"], set(ider(f, "valg")))
        for i, r in enumerate(rec["rubrikk"]):
            fid = r["felt"]
            if fid not in felt_typer:
                yield ["rubrikk", i, "felt"], t("skjema.ukjent_felt_ref", verdi=r["felt"])
                continue
            typ, ids = felt_typer[fid]
            if typ == "valg":
                godta = r.get("godta")
                if not godta or any(g not in ids for g in godta):
                    yield ["rubrikk", i, "godta"], t("skjema.ukjent_valg", verdi=godta)
                if "nokkelord" in r:
                    yield ["rubrikk", i, "nokkelord"], t("skjema.ukjent_felt")
            elif "godta" in r:
                yield ["rubrikk", i, "godta"], t("skjema.ukjent_felt")

    def tolk(self, ov, raw):
        raw = raw if isinstance(raw, dict) else {}
        ut, mangler = {}, []
        for f in ov["felt"]:
            fid = f["id"]
            v = raw.get(fid)
            if f["type"] == "valg":
                v = "" if v is None else str(v)
                if v and v not in ider(f, "valg"):
                    raise SvarFeil(t("svar.ukjent_valg"))
            else:
                v = tekst_grense(str(v or ""), f.get("maks_tegn", STANDARD_MAKS_TEGN), f["etikett"])
            if not v and f.get("pakrevd", True):
                mangler.append(f["etikett"])
            ut[fid] = v
        if len(mangler) == 1:
            raise SvarFeil(t("svar.tomt_felt", etikett=mangler[0]))
        if mangler:  # one message with every gap, not one per submit
            raise SvarFeil(t("svar.tomme_felt", felt=", ".join(f"«{e}»" for e in mangler)))
        return ut

    def vurder(self, ov, svar):
        felt = {f["id"]: f for f in ov["felt"]}
        deler, valg, valg_ok = [], 0, 0
        for r in ov["rubrikk"]:
            verdi = svar.get(r["felt"], "")
            sitater = list(r["sitater"])
            if felt[r["felt"]]["type"] == "valg":
                ok = verdi in map(str, r["godta"])
                valg += 1
                valg_ok += ok
                deler.append(Del("riktig" if ok else "mangler", t("plan.oppfylt") if ok else r["hint"], r["tekst"],
                                 sitater))
            elif r.get("nokkelord") and not any(har_ord(verdi, o) for o in r["nokkelord"]):
                deler.append(Del("info", t("plan.tips", hint=r["hint"]), r["tekst"], sitater))
            else:
                deler.append(Del("info", t("plan.sjekk_selv"), r["tekst"], sitater))
        poeng = halv(ov["poeng"] * valg_ok / len(ov["rubrikk"])) if ov["rubrikk"] else 0.0
        sammendrag = (t("vurdering.plan_valg", rett=valg_ok, av=valg) if valg else "") + t("vurdering.plan_fritekst")
        return Resultat("levert", poeng, ov["poeng"], sammendrag, deler)

    def inndata(self, ov, navn):
        return OppfolgingsplanInndata(ov, navn)

    def i_ord(self, ov, tolket):
        ut = []
        for f in ov["felt"]:
            v = tolket.get(f["id"], "")
            if f["type"] == "valg":
                v = navn_paa(f, "valg").get(v, v)
            ut.append((f["etikett"], v))
        return ut

    def svar_i_ord(self, ov, svar, fyll):
        if not isinstance(svar, dict):
            return super().svar_i_ord(ov, svar, fyll)
        ut = []
        for felt in ov["felt"]:
            v = svar.get(felt["id"], "")
            tekst = tekst_for(felt.get("valg") or [], v) if felt["type"] == "valg" else v
            ut.append((fyll(felt["etikett"]), fyll(tekst)))
        return ut
