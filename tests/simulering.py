"""A seeded class of simulated students, answering through the package API (tolk_svar, vurder, Svarlager,
lag_innlevering) – the same path a learner's widget takes. Used by the instructor-loop tests."""

from __future__ import annotations

import random
from pathlib import Path

from tiltakslab.ovelser.beregning import beregn as _beregn
from tiltakslab.ovelser.eksport import lag_innlevering
from tiltakslab.ovelser.lager import Svarlager
from tiltakslab.ovelser.laster import Ovelsessett
from tiltakslab.ovelser.vurdering import tolk_svar, vurder

_FASITER: dict[str, float] = {}


def beregn(beregning: dict) -> float:
    key = repr(beregning)
    if key not in _FASITER:
        _FASITER[key] = _beregn(beregning)
    return _FASITER[key]


def _ids(rec, felt):
    return [str(x["id"]) for x in rec.get(felt, [])]


def _dialog(ov, beste: bool):
    noder = {str(n["id"]): n for n in ov["noder"]}

    def ende(nid, sti, seen):
        n = noder[nid]
        if not n.get("svar"):
            return n.get("poeng", 0), sti
        best = None
        for i, s in enumerate(n["svar"]):
            if s["til"] in seen:
                continue
            r = ende(str(s["til"]), [*sti, i], seen | {s["til"]})
            if r and (best is None or (r[0] > best[0] if beste else r[0] < best[0])):
                best = r
        return best

    return {"valg": ende(str(ov["start"]), [], {ov["start"]})[1]}


def svar_for(ov: dict, riktig: bool, rng: random.Random) -> object:
    """A raw answer: right (model) or a typical wrong one."""
    typ = ov["type"]
    if typ == "flervalg":
        alt = ov["alternativer"]
        if ov.get("ingen_fasit"):
            return str(rng.choice(alt)["id"])
        feil = [a for a in alt if not a.get("riktig")]
        return str(next(a for a in alt if a.get("riktig"))["id"] if riktig else feil[0]["id"])
    if typ == "flere_riktige":
        alt = ov["alternativer"]
        if riktig:
            return [str(a["id"]) for a in alt if a.get("riktig")]
        return [str(next(a for a in alt if not a.get("riktig"))["id"])]
    if typ == "rangering":
        ids = _ids(ov, "elementer")
        return ids if riktig else list(reversed(ids))
    if typ == "sortering":
        kat = _ids(ov, "kategorier")
        ut = {}
        for e in ov["elementer"]:
            k = e.get("kategori")
            rett = str(k[0] if isinstance(k, list) else k) if k is not None else kat[0]
            ut[str(e["id"])] = rett if riktig or e.get("ingen_fasit") else next(x for x in kat if x != rett)
        return ut
    if typ == "tallsvar":
        key = ov["svar"] if "svar" in ov else beregn(ov["beregning"])
        verdi = key if riktig else key * 0.5 + 1
        return f"{verdi:.2f}".replace(".", ",")
    if typ == "kartlegging":
        bes = {str(b["id"]): str(b["modell"] if riktig and "modell" in b else b["valg"][-1]["id"])
               for b in ov["beslutninger"]}
        def status(o):  # a model may accept several statuses (content: «modell: [na, senere]»)
            m = o["modell"][0] if isinstance(o["modell"], list) else o["modell"]
            return m if riktig else "ikke"

        omr = {str(o["id"]): {"status": status(o), "notat": "Notat om området."} for o in ov["omrader"]}
        return {"beslutninger": bes, "omrader": omr}
    if typ == "oppfolgingsplan":
        ut = {}
        for f in ov["felt"]:
            if f["type"] == "valg":
                godta = [r["godta"] for r in ov["rubrikk"] if str(r["felt"]) == str(f["id"]) and r.get("godta")]
                ut[str(f["id"])] = str(godta[0][0]) if riktig and godta else str(f["valg"][-1]["id"])
            else:
                ord_ = [o for r in ov["rubrikk"] if str(r["felt"]) == str(f["id"]) for o in r.get("nokkelord") or []]
                god = "Vi avtaler " + " og ".join(ord_[:3])
                ut[str(f["id"])] = god if riktig and ord_ else "Vi tar det som det kommer."
        return ut
    if typ == "dialog":
        return _dialog(ov, riktig)
    if typ == "refleksjon":
        return ov.get("modellsvar") or "Jeg tror relasjonen er viktig fordi den gir tillit over tid."
    raise AssertionError(typ)


PROFILER = {"sterk": 0.9, "middels": 0.6, "svak": 0.25}


def simuler_klasse(sett: Ovelsessett, mappe: Path, lagre: Path, antall: int = 60, seed: int = 14) -> dict:
    """Write ``antall`` hand-ins into ``mappe``; return {student: profile}. Some are blank."""
    rng = random.Random(seed)
    profiler = {}
    ovelser = [ov for ov in sett.ovelser.values()]
    for i in range(1, antall + 1):
        student = f"s{i:03d}"
        profil = ["sterk", "middels", "middels", "svak", "blank", "limt"][i % 6]
        profiler[student] = profil
        lager = Svarlager(lagre / student)
        if profil != "blank":
            for ov in ovelser:
                if rng.random() < 0.15:
                    continue  # not every exercise is done
                riktig = profil == "limt" or rng.random() < PROFILER.get(profil, 1.0)
                raw = svar_for(ov, riktig, rng)
                svar = tolk_svar(ov, raw)
                lager.lagre_forsok(ov["id"], None, svar, vurder(ov, svar).til_dict())
        lag_innlevering(lager, sett, student, mappe)
    return profiler
