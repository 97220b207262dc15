"""``tallsvar``: a number within a tolerance. The key is ``svar`` or computed from the synthetic data
(``beregning``, :mod:`tiltakslab.ovelser.beregning`) by this kind itself: no caller passes a key."""

from __future__ import annotations

import json
import math

from tiltakslab.meldinger import t
from tiltakslab.ovelser.slag import registrer
from tiltakslab.ovelser.slag.base import Dokumentasjon, Inndata, Slag
from tiltakslab.ovelser.slag.felt import BETINGELSER, TALL, TEKST, post
from tiltakslab.ovelser.vurdering import Del, Resultat, SvarFeil, formater_tall, tolk_tall

BEREGNING = post({"tabell": {**TEKST, "pattern": "^[a-z0-9_]+$", "x-melding": "skjemaform.tabell"},
                  "mal": {"enum": ["andel", "antall", "gjennomsnitt"]},
                  "utvalg": BETINGELSER, "nevner": BETINGELSER, "kolonne": TEKST, "skala": TALL},
                 ["tabell", "mal"])


def beskriv_beregning(ov: dict) -> str:
    """A Norwegian sentence describing how a ``beregning`` is computed (generated, ours)."""
    b = ov.get("beregning")
    if not b:
        return ""
    from tiltakslab.betingelser import beskriv  # noqa: PLC0415
    from tiltakslab.ovelser.beregning import REGLER  # noqa: PLC0415

    utvalg = beskriv(b.get("utvalg"), REGLER)
    tekst = {
        "antall": t("tall.beskriv_antall", utvalg=utvalg, tabell=b["tabell"]),
        "andel": t("tall.beskriv_andel", utvalg=utvalg, nevner=beskriv(b.get("nevner"), REGLER),
                   tabell=b["tabell"]),
        "gjennomsnitt": t("tall.beskriv_snitt", kolonne=b.get("kolonne"), utvalg=utvalg, tabell=b["tabell"]),
    }[b["mal"]]
    if b.get("skala", 1) != 1:
        tekst += " " + t("tall.beskriv_skala", skala=formater_tall(b["skala"]))
    return tekst


_FASITER: dict[tuple, float] = {}


def fasit(ov: dict) -> float:
    """The key: ``svar``, or ``beregning`` computed from the data (remembered while the table is unchanged).
    Raises ``BeregningFeil`` (Norwegian) when it cannot be computed."""
    if "svar" in ov:
        return ov["svar"]
    from tiltakslab.ovelser.beregning import beregn  # noqa: PLC0415
    from tiltakslab.paths import data_dir  # noqa: PLC0415

    b = ov["beregning"]
    sti = data_dir() / "synthetic" / f"{b['tabell']}.csv"
    try:
        stempel = sti.stat().st_mtime_ns
    except OSError:
        stempel = None
    nokkel = (json.dumps(b, sort_keys=True, default=str), str(sti), stempel)
    if stempel is not None and nokkel in _FASITER:
        return _FASITER[nokkel]
    verdi = beregn(b)
    if stempel is not None:
        _FASITER[nokkel] = verdi
    return verdi


class TallsvarInndata(Inndata):
    def __init__(self, ov: dict, navn: str | None):
        from tiltakslab.ovelser import delte as w  # noqa: PLC0415
        from tiltakslab.ovelser.inndata import STIL, merk  # noqa: PLC0415

        # continuous_update=False: the value goes to the kernel once, on Enter or when the field loses focus,
        # so the number graded is the number shown however fast it was typed (no update overtaken by a click).
        self.tekst = merk(w.Text(value="", placeholder=t("inndata.tall_plassholder"), continuous_update=False,
                                 description=t("inndata.tall"), style=STIL), "tl-inndata")
        self.sendefelt = self.tekst
        enhet = w.Label(ov.get("enhet", ""))
        self.widget = w.HBox([self.tekst, enhet])

    def les(self) -> object:
        return self.tekst.value

    def sett(self, svar: object) -> None:
        if isinstance(svar, dict):
            self.tekst.value = str(svar.get("tekst", ""))


# This kind's section of data/ovelser/SKJEMA.md (generated with tiltakslab.ovelser.skjemadok).
DOK = Dokumentasjon(
    tittel='a number',
    lagret='`{"tekst": "23,5", "verdi": 23.5}`',
    felt={
        'svar': ('one of', 'the key'),
        'beregning.tabell': ('one of', 'file stem in `data/synthetic/` (`<tabell>.csv`)'),
        'beregning.mal': ('yes with `beregning`', 'what to compute'),
        'beregning.utvalg': ('',
            'rows counted (`antall`), the numerator (`andel`) or the rows averaged (`gjennomsnitt`); default all '
            'rows'),
        'beregning.nevner': ('', '`andel` only: the denominator rows; default all rows'),
        'beregning.kolonne': ('yes for `gjennomsnitt`', ''),
        'beregning.skala': ('', 'multiply the result, e.g. `100` for percent; default 1'),
        'toleranse': ('', 'accepted absolute distance from the key'),
        'enhet': ('', 'shown after the input, e.g. `prosent`'),
        'min': ('', 'sane range; outside it gives an inline message, not a grade'),
        'max': ('', 'sane range; outside it gives an inline message, not a grade'),
        'forklaring': ('', 'how the number is computed; shown after a wrong attempt (and after a right one)'),
    },
    innledning="""Exactly one of `svar` (a fixed number, e.g. from a published table) or `beregning` (computed from the
synthetic data in `data/synthetic/`).""",
    mer="""`utvalg` and `nevner` are condition lists (see «Conditions» above); they may compare two columns
(`mot_kolonne`). `tiltakslab sjekk` validates them and runs every computation against the data (unknown
columns are named).

Input accepts Norwegian decimal comma (`23,5`), point, spaces as thousand separators (`1 234`) and a
trailing `%`. Text that is not a number gives an inline message; nothing is graded or lost.

```yaml
- id: res-01
  tema: resultater
  type: tallsvar
  tittel: Andel under 25 år
  oppgavetekst: Hvor mange prosent av deltakerne i det syntetiske datasettet er under 25 år?
  beregning:
    tabell: deltakere
    mal: andel
    utvalg:
      - {kolonne: alder, operator: "<", verdi: 25}
    skala: 100
  toleranse: 0.5
  enhet: prosent
  min: 0
  max: 100
  forklaring: Tell deltakere under 25 år og del på alle deltakere, gang med 100.
  poeng: 1
  minutter: 5
  niva: viderekommen
```""",  # noqa: E501 - a Markdown table row cannot wrap
)


@registrer
class Tallsvar(Slag):
    navn = "tallsvar"
    beskrivelse = ("Et tall innenfor en toleranse. Fasit er «svar», eller «beregning» som regnes ut fra de "
                   "syntetiske dataene. Enter i tallfeltet sender inn.")
    dok = DOK
    skjema = {"properties": {"svar": TALL, "beregning": BEREGNING, "toleranse": {**TALL, "minimum": 0},
                             "enhet": TEKST, "min": TALL, "max": TALL, "forklaring": TEKST},
              "required": ["toleranse", "forklaring"]}
    enter_sender = True

    def sjekk(self, rec):
        if ("svar" in rec) == ("beregning" in rec):
            yield ["svar"], t("skjema.svar_eller_beregning")
        b = rec.get("beregning")
        if b is not None:
            from tiltakslab.betingelser import valider  # noqa: PLC0415
            from tiltakslab.ovelser.beregning import REGLER  # noqa: PLC0415

            for felt in ("utvalg", "nevner"):
                if felt in b:
                    for hva in valider(b[felt], f"beregning.{felt}", REGLER):
                        yield ["beregning", felt], hva
            if b["mal"] == "gjennomsnitt" and "kolonne" not in b:
                yield ["beregning", "kolonne"], t("skjema.mangler")

    def sjekk_mot_data(self, ov):
        if "beregning" not in ov:
            return []
        from tiltakslab.ovelser.beregning import BeregningFeil  # noqa: PLC0415

        try:
            fasit(ov)
        except BeregningFeil as err:
            return [str(err)]
        return []

    def tolk(self, ov, raw):
        tekst = raw.get("tekst") if isinstance(raw, dict) else raw
        verdi = tolk_tall(tekst)
        lo, hi = ov.get("min"), ov.get("max")
        if (lo is not None and verdi < lo) or (hi is not None and verdi > hi):
            raise SvarFeil(t("svar.utenfor", lo=formater_tall(lo if lo is not None else -math.inf),
                             hi=formater_tall(hi if hi is not None else math.inf)))
        return {"tekst": str(tekst).strip()[:40], "verdi": verdi}

    def vurder(self, ov, svar):
        key = fasit(ov)
        verdi = svar["verdi"]
        ok = abs(verdi - key) <= ov["toleranse"] + 1e-9
        deler = []
        if ok:
            deler.append(Del("riktig", ov["forklaring"], t("tall.ditt_svar", svar=formater_tall(verdi))))
        else:
            tekst = ov["forklaring"]
            beskrivelse = beskriv_beregning(ov)
            if beskrivelse:
                tekst += "\n\n" + t("tall.slik_regnes", beskrivelse=beskrivelse)
            deler.append(Del("feil", tekst, t("tall.ditt_svar", svar=formater_tall(verdi))))
            if key and (abs(verdi * 100 - key) <= ov["toleranse"] or abs(verdi / 100 - key) <= ov["toleranse"] / 100):
                deler.append(Del("info", t("tall.prosent_hint")))
        return Resultat("riktig" if ok else "feil", float(ov["poeng"]) if ok else 0.0, ov["poeng"],
                        t("vurdering.riktig") if ok else t("vurdering.ikke_riktig"), deler)

    def inndata(self, ov, navn):
        return TallsvarInndata(ov, navn)

    def i_ord(self, ov, tolket):
        return [("", str(tolket.get("tekst", "")))]

    def svar_i_ord(self, ov, svar, fyll):
        if not isinstance(svar, dict):
            return super().svar_i_ord(ov, svar, fyll)
        return [("", f"{svar.get('tekst', '')} {ov.get('enhet', '')}".strip())]

    def feil_etiketter(self, ov, rad):
        if rad.resultat.status != "feil":
            return []
        return [(t("rapport.feil_tall", tall=formater_tall(rad.tolket["verdi"])), ov["forklaring"])]

    def rapport(self, ov, rader, seksjon):
        from tiltakslab.rapport import _plott, histogram  # noqa: PLC0415

        seksjon["plott"] = _plott(histogram([r.tolket["verdi"] for r in rader if r.tolket is not None]),
                                  ov["tittel"], t("samle.antall_studenter"))
