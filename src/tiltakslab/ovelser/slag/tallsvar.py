"""``tallsvar``: a number within a tolerance. The key is ``svar`` or computed from the synthetic data
(``beregning``, :mod:`tiltakslab.ovelser.beregning`) by this kind itself: no caller passes a key."""

from __future__ import annotations

import json
import math

from tiltakslab.meldinger import t
from tiltakslab.ovelser.slag import registrer
from tiltakslab.ovelser.slag.base import Inndata, Slag
from tiltakslab.ovelser.slag.felt import TALL, TEKST, post
from tiltakslab.ovelser.vurdering import Del, Resultat, SvarFeil, formater_tall, tolk_tall

_FILTER = {"description": "deklarativt radfilter (liste med betingelser, se «Filter» under)"}
BEREGNING = post({"tabell": {**TEKST, "pattern": "^[a-z0-9_]+$", "x-melding": "navnet på en fil i data/synthetic "
                                                                                "uten .csv (a–z, 0–9, _)"},
                  "mal": {"enum": ["andel", "antall", "gjennomsnitt"]},
                  "utvalg": _FILTER, "nevner": _FILTER, "kolonne": TEKST, "skala": TALL},
                 ["tabell", "mal"])


def beskriv_beregning(ov: dict) -> str:
    """A Norwegian sentence describing how a ``beregning`` is computed (generated, ours)."""
    b = ov.get("beregning")
    if not b:
        return ""
    from tiltakslab.ovelser.beregning import beskriv_filter  # noqa: PLC0415

    utvalg = beskriv_filter(b.get("utvalg"))
    tekst = {
        "antall": t("tall.beskriv_antall", utvalg=utvalg, tabell=b["tabell"]),
        "andel": t("tall.beskriv_andel", utvalg=utvalg, nevner=beskriv_filter(b.get("nevner")),
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
        import ipywidgets as w  # noqa: PLC0415

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


@registrer
class Tallsvar(Slag):
    navn = "tallsvar"
    beskrivelse = ("Et tall innenfor en toleranse. Fasit er «svar», eller «beregning» som regnes ut fra de "
                   "syntetiske dataene. Enter i tallfeltet sender inn.")
    skjema = {"properties": {"svar": TALL, "beregning": BEREGNING, "toleranse": {**TALL, "minimum": 0},
                             "enhet": TEKST, "min": TALL, "max": TALL, "forklaring": TEKST},
              "required": ["toleranse", "forklaring"]}
    enter_sender = True

    def sjekk(self, rec):
        if ("svar" in rec) == ("beregning" in rec):
            yield ["svar"], t("skjema.svar_eller_beregning")
        b = rec.get("beregning")
        if b is not None:
            from tiltakslab.ovelser.beregning import valider_filter  # noqa: PLC0415

            for felt in ("utvalg", "nevner"):
                if felt in b:
                    for hva in valider_filter(b[felt], f"beregning.{felt}"):
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
        return [(t("rapport.feil_tall", tall=formater_tall(rad.tolket["verdi"])), ov.get("forklaring", ""))]

    def rapport(self, ov, rader, seksjon):
        from tiltakslab.rapport import _plott, histogram  # noqa: PLC0415

        seksjon["plott"] = _plott(histogram([r.tolket["verdi"] for r in rader if r.tolket is not None]),
                                  ov["tittel"], t("samle.antall_studenter"))
