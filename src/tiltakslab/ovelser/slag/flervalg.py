"""``flervalg``: one option is right (or, with ``ingen_fasit``, none is: a judgement without a key)."""

from __future__ import annotations

from tiltakslab.meldinger import t
from tiltakslab.ovelser.slag import registrer
from tiltakslab.ovelser.slag.base import Dokumentasjon, Inndata, Slag, kort
from tiltakslab.ovelser.slag.felt import BOOL, DELID, SITATER, TEKST, doble_ider, liste, post
from tiltakslab.ovelser.vurdering import Del, Resultat, SvarFeil, ider


def alternativ_skjema(flere: bool) -> dict:
    felt = {"id": DELID, "tekst": TEKST, "riktig": BOOL, "tilbakemelding": TEKST, "sitater": SITATER}
    if flere:
        felt["om_ikke_valgt"] = TEKST
    return liste(post(felt, ["id", "tekst", "tilbakemelding"]), 2, 8)


def sjekk_alternativer(rec: dict, flere: bool):
    """The rules on ``riktig`` the schema cannot say (shared with ``flere_riktige``)."""
    ingen = rec.get("ingen_fasit") is True
    alt = rec["alternativer"]
    yield from doble_ider(rec, "alternativer")
    for i, a in enumerate(alt):
        if ingen and "riktig" in a:
            yield ["alternativer", i, "riktig"], t("skjema.riktig_ved_ingen_fasit")
        elif not ingen and "riktig" not in a:
            yield ["alternativer", i, "riktig"], t("skjema.ikke_bool")
        if flere and a.get("riktig") is True and "om_ikke_valgt" not in a:
            yield ["alternativer", i, "om_ikke_valgt"], t("skjema.mangler")
    antall = sum(1 for a in alt if a.get("riktig") is True)
    if not ingen and not flere and antall != 1:
        yield ["alternativer"], t("skjema.en_riktig", antall=antall)
    if flere and antall < 1:
        yield ["alternativer"], t("skjema.minst_en_riktig")
    if ingen and rec["poeng"] != 0:
        yield ["poeng"], t("skjema.poeng_null")


def navn_paa(rec: dict, felt: str) -> dict[str, str]:
    """Sub-record id → its text (or name), for answers in words."""
    return {x["id"]: str(x.get("tekst") or x.get("navn") or x["id"]) for x in rec.get(felt, [])}


def tekst_for(liste_: list, eid: object, nokkel: str = "tekst") -> str:
    for x in liste_ or []:
        if x["id"] == str(eid):
            return str(x.get(nokkel) or x.get("navn") or eid)
    return str(eid)


def feil_valg(ov: dict, rad, flere: bool) -> list[tuple[str, str]]:
    """The class report's wrong choices (and, for several right, the right ones missed)."""
    from tiltakslab.ovelser.visning import fyll_navn  # noqa: PLC0415

    if ov.get("ingen_fasit"):
        return []
    valgt = set(rad.tolket if isinstance(rad.tolket, list) else [rad.tolket])
    ut = []
    for a in ov["alternativer"]:
        if a["id"] in valgt and not a.get("riktig"):
            ut.append((t("rapport.valgte", tekst=kort(fyll_navn(a["tekst"], None))), a["tilbakemelding"]))
        elif flere and a.get("riktig") and a["id"] not in valgt:
            ut.append((t("rapport.manglet", tekst=kort(fyll_navn(a["tekst"], None))), a.get("om_ikke_valgt", "")))
    return ut


def valgrapport(ov: dict, rader: list, seksjon: dict) -> None:
    """How many chose each option, bars scaled to the most chosen."""
    from collections import Counter  # noqa: PLC0415

    from tiltakslab.ovelser.visning import fyll_navn  # noqa: PLC0415

    teller: Counter = Counter()
    for r in rader:
        if r.tolket is not None:
            for v in (r.tolket if isinstance(r.tolket, list) else [r.tolket]):
                teller[str(v)] += 1
    hoyest = max(teller.values(), default=0) or 1
    seksjon["alternativer"] = [(fyll_navn(a["tekst"], None), teller[a["id"]], bool(a.get("riktig")),
                                round(100 * teller[a["id"]] / hoyest)) for a in ov["alternativer"]]


class FlervalgInndata(Inndata):
    def __init__(self, ov: dict, navn: str | None):
        from tiltakslab.ovelser import delte as w  # noqa: PLC0415
        from tiltakslab.ovelser.inndata import BRED, STIL, merk  # noqa: PLC0415
        from tiltakslab.ovelser.visning import fyll_navn  # noqa: PLC0415

        valg = [(fyll_navn(a["tekst"], navn), a["id"]) for a in ov["alternativer"]]
        self.radio = merk(w.RadioButtons(options=valg, value=None, description=t("inndata.velg_ett"),
                                         style=STIL, layout=BRED), "tl-inndata")
        self.widget = self.radio

    def les(self) -> object:
        return self.radio.value

    def sett(self, svar: object) -> None:
        if svar in [v for _, v in self.radio.options]:
            self.radio.value = svar


# This kind's section of data/ovelser/SKJEMA.md (generated with tiltakslab.ovelser.skjemadok).
DOK = Dokumentasjon(
    tittel='one right answer',
    lagret='option id, `"b"`',
    felt={
        'alternativer': ('', ''),
        'alternativer[].id': ('', 'unique within the exercise'),
        'alternativer[].tekst': ('', 'option text'),
        'alternativer[].riktig': ('yes unless `ingen_fasit`', 'exactly one `true`'),
        'alternativer[].tilbakemelding': ('',
            'why this option is right or not; for a wrong option, say why without naming the right one'),
        'alternativer[].sitater': ('', ''),
        'ingen_fasit': ('',
            'dilemma: no option is right. Options then have **no** `riktig`, and `tilbakemelding` gives the '
            'considerations the sources raise. The choice is recorded and answered as «Ingen fasit», never as '
            'right/wrong. `poeng` must be 0.'),
    },
    mer="""```yaml
- id: sam-01
  tema: samarbeid
  type: flervalg
  tittel: Hvem følger opp i tiltaket?
  oppgavetekst: |
    I de fleste kommunene i tiltakssatsingen: hvem har hovedansvaret for oppfølgingen **i tiltaket**?
  alternativer:
    - id: a
      tekst: Sosialkuratoren alene
      riktig: false
      tilbakemelding: Sosialkuratoren har etter notatet hovedsakelig en annen del av oppfølgingen. Hvilken?
      sitater: [notat-010]
    - id: b
      tekst: Aetats saksbehandler og tiltaksarrangøren
      riktig: true
      tilbakemelding: Notatet beskriver en deling av oppfølgingen mellom etatene.
      sitater: [notat-010]
  hint: Les hvordan notatet deler oppfølgingen mellom «tiltak» og «det sosiale».
  poeng: 1
  minutter: 3
  niva: grunnleggende
```""",
)


@registrer
class Flervalg(Slag):
    navn = "flervalg"
    beskrivelse = "Ett riktig alternativ (eller ingen fasit: en vurdering med begrunnet tilbakemelding)."
    dok = DOK
    skjema = {"properties": {"alternativer": alternativ_skjema(flere=False), "ingen_fasit": BOOL},
              "required": ["alternativer"]}

    def sjekk(self, rec):
        return sjekk_alternativer(rec, flere=False)

    def tolk(self, ov, raw):
        if raw in (None, ""):
            raise SvarFeil(t("svar.tomt_valg"))
        if str(raw) not in ider(ov, "alternativer"):
            raise SvarFeil(t("svar.ukjent_valg"))
        return str(raw)

    def vurder(self, ov, svar):
        alt = {a["id"]: a for a in ov["alternativer"]}[svar]
        del_ = Del("ingen_fasit" if ov.get("ingen_fasit") else ("riktig" if alt.get("riktig") else "feil"),
                   alt["tilbakemelding"], alt["tekst"], list(alt["sitater"]))
        if ov.get("ingen_fasit"):
            return Resultat("ingen_fasit", 0, 0, t("vurdering.ingen_fasit"), [del_])
        ok = bool(alt.get("riktig"))
        return Resultat("riktig" if ok else "feil", float(ov["poeng"]) if ok else 0.0, ov["poeng"],
                        t("vurdering.riktig") if ok else t("vurdering.ikke_riktig"), [del_])

    def inndata(self, ov, navn):
        return FlervalgInndata(ov, navn)

    def i_ord(self, ov, tolket):
        return [("", navn_paa(ov, "alternativer").get(str(tolket), str(tolket)))]

    def svar_i_ord(self, ov, svar, fyll):
        return [("", fyll(tekst_for(ov["alternativer"], svar)))]

    def feil_etiketter(self, ov, rad):
        return feil_valg(ov, rad, flere=False)

    def rapport(self, ov, rader, seksjon):
        valgrapport(ov, rader, seksjon)
