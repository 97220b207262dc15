"""Grading and feedback: plain functions, no widgets.

``tolk_svar(ovelse, raw)`` turns raw input into the stored answer shape (see SKJEMA.md) or raises
``SvarFeil`` with a Norwegian inline message. ``vurder(ovelse, svar)`` returns a ``Resultat``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from tiltakslab.meldinger import t
from tiltakslab.ovelser.skjema import MAKS_TEGN_GRENSE, STATUSER

STANDARD_MAKS_TEGN = 500
REFLEKSJON_MIN, REFLEKSJON_MAKS = 20, 3000


class SvarFeil(ValueError):
    """The learner's input cannot be graded; the message is Norwegian and shown inline."""


@dataclass
class Del:
    """One piece of feedback: on an option, item, area, rubric line or path."""

    status: str  # riktig | feil | mangler | info | ingen_fasit
    tekst: str  # Markdown, our words
    overskrift: str = ""
    sitater: list[str] = field(default_factory=list)


@dataclass
class Resultat:
    status: str  # riktig | delvis | feil | ingen_fasit | levert
    poeng: float
    maks: int
    sammendrag: str
    deler: list[Del] = field(default_factory=list)
    hint: str | None = None
    sitater: list[str] = field(default_factory=list)
    modellsvar: str | None = None

    def til_dict(self) -> dict:
        return asdict(self)


def _halv(x: float) -> float:
    return round(max(0.0, x) * 2) / 2


def _status(andel: float) -> str:
    return "riktig" if andel >= 1 else ("feil" if andel <= 0 else "delvis")


def _tekst_grense(tekst: str, maks: int, etikett: str = "") -> str:
    tekst = tekst.strip()
    if len(tekst) > min(maks, MAKS_TEGN_GRENSE):
        merke = f" «{etikett}»" if etikett else ""
        raise SvarFeil(t("svar.for_lang", etikett=merke, maks=maks, antall=len(tekst)))
    return tekst


# ---------------------------------------------------------------- numbers

_TALL = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def tolk_tall(tekst: object) -> float:
    """Parse a learner's number: decimal comma or point, spaces as thousand separators, trailing %."""
    if isinstance(tekst, (int, float)) and not isinstance(tekst, bool):
        if not math.isfinite(tekst):
            raise SvarFeil(t("svar.ikke_tall", tekst=tekst))
        return float(tekst)
    if not isinstance(tekst, str) or not tekst.strip():
        raise SvarFeil(t("svar.tomt_tall"))
    rent = tekst.strip().replace("\u00a0", " ").replace("\u2212", "-").rstrip("%").strip()
    rent = re.sub(r"(?<=\d) (?=\d{3}\b)", "", rent)
    if not _TALL.match(rent) or (rent.count(",") + rent.count(".")) > 1:
        raise SvarFeil(t("svar.ikke_tall", tekst=tekst.strip()[:40]))
    return float(rent.replace(",", "."))


def formater_tall(x: float) -> str:
    """Norwegian number formatting: decimal comma, at most two decimals."""
    return (f"{x:.2f}".rstrip("0").rstrip(".")).replace(".", ",")


# ---------------------------------------------------------------- parsing raw input


def _ids(rec: dict, felt: str) -> list[str]:
    return [str(x["id"]) for x in rec.get(felt, [])]


def tolk_svar(ov: dict, raw: object) -> object:
    """Validate raw input and return the stored answer shape. Raises ``SvarFeil``."""
    return _TOLK[ov["type"]](ov, raw)


def _tolk_flervalg(ov: dict, raw: object) -> str:
    if raw in (None, ""):
        raise SvarFeil(t("svar.tomt_valg"))
    if str(raw) not in _ids(ov, "alternativer"):
        raise SvarFeil(t("svar.ukjent_valg"))
    return str(raw)


def _tolk_flere(ov: dict, raw: object) -> list[str]:
    valgt = sorted({str(x) for x in (raw or [])})
    if not valgt:
        raise SvarFeil(t("svar.ingen_valgt"))
    if any(v not in _ids(ov, "alternativer") for v in valgt):
        raise SvarFeil(t("svar.ukjent_valg"))
    return valgt


def _tolk_rangering(ov: dict, raw: object) -> list[str]:
    ids = _ids(ov, "elementer")
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


def _tolk_sortering(ov: dict, raw: object) -> dict[str, str]:
    kat = set(_ids(ov, "kategorier"))
    raw = dict(raw or {})
    ut = {i: str(raw[i]) for i in _ids(ov, "elementer") if raw.get(i) not in (None, "")}
    mangler = len(ov["elementer"]) - len(ut)
    if mangler:
        raise SvarFeil(t("svar.sortering_ufullstendig", mangler=mangler))
    if any(v not in kat for v in ut.values()):
        raise SvarFeil(t("svar.ukjent_valg"))
    return ut


def _tolk_tall(ov: dict, raw: object) -> dict:
    tekst = raw.get("tekst") if isinstance(raw, dict) else raw
    verdi = tolk_tall(tekst)
    lo, hi = ov.get("min"), ov.get("max")
    if (lo is not None and verdi < lo) or (hi is not None and verdi > hi):
        raise SvarFeil(t("svar.utenfor", lo=formater_tall(lo if lo is not None else -math.inf),
                         hi=formater_tall(hi if hi is not None else math.inf)))
    return {"tekst": str(tekst).strip()[:40], "verdi": verdi}


def _tolk_kartlegging(ov: dict, raw: object) -> dict:
    raw = raw if isinstance(raw, dict) else {}
    bes_raw, omr_raw = dict(raw.get("beslutninger") or {}), dict(raw.get("omrader") or {})
    bes = {}
    for b in ov["beslutninger"]:
        v = bes_raw.get(str(b["id"]))
        if v in (None, ""):
            raise SvarFeil(t("svar.besvar_sporsmal", sporsmal=b["sporsmal"]))
        if str(v) not in _ids(b, "valg"):
            raise SvarFeil(t("svar.ukjent_valg"))
        bes[str(b["id"])] = str(v)
    maks = ov.get("notat_maks", STANDARD_MAKS_TEGN)
    omr = {}
    for o in ov["omrader"]:
        v = omr_raw.get(str(o["id"])) or {}
        status = v.get("status") if isinstance(v, dict) else None
        if status not in STATUSER:
            raise SvarFeil(t("svar.velg_status", omrade=o["navn"]))
        notat = _tekst_grense(str(v.get("notat") or ""), maks, o["navn"])
        if ov.get("krev_notat") and status == "na" and not notat:
            raise SvarFeil(t("svar.krev_notat", omrade=o["navn"]))
        omr[str(o["id"])] = {"status": status, "notat": notat}
    return {"beslutninger": bes, "omrader": omr}


def _tolk_plan(ov: dict, raw: object) -> dict:
    raw = raw if isinstance(raw, dict) else {}
    ut, mangler = {}, []
    for f in ov["felt"]:
        fid = str(f["id"])
        v = raw.get(fid)
        if f["type"] == "valg":
            v = "" if v is None else str(v)
            if v and v not in _ids(f, "valg"):
                raise SvarFeil(t("svar.ukjent_valg"))
        else:
            v = _tekst_grense(str(v or ""), f.get("maks_tegn", STANDARD_MAKS_TEGN), f["etikett"])
        if not v and f.get("pakrevd", True):
            mangler.append(f["etikett"])
        ut[fid] = v
    if len(mangler) == 1:
        raise SvarFeil(t("svar.tomt_felt", etikett=mangler[0]))
    if mangler:  # one message with every gap, not one per submit
        raise SvarFeil(t("svar.tomme_felt", felt=", ".join(f"«{e}»" for e in mangler)))
    return ut


def _tolk_dialog(ov: dict, raw: object) -> dict:
    noder = {str(n["id"]): n for n in ov["noder"]}
    valg = list((raw or {}).get("valg") or []) if isinstance(raw, dict) else []
    sti, node = [str(ov["start"])], noder[str(ov["start"])]
    for v in valg:
        svar = node.get("svar") or []
        if not isinstance(v, int) or not 0 <= v < len(svar):
            raise SvarFeil(t("svar.dialog_ugyldig"))
        node = noder[str(svar[v]["til"])]
        sti.append(str(node["id"]))
    if node.get("svar"):
        raise SvarFeil(t("svar.dialog_ikke_ferdig"))
    return {"sti": sti, "valg": valg}


def _tolk_refleksjon(ov: dict, raw: object) -> str:
    tekst = _tekst_grense(str(raw or ""), ov.get("maks_tegn", REFLEKSJON_MAKS))
    minst = ov.get("min_tegn", REFLEKSJON_MIN)
    if not tekst:
        raise SvarFeil(t("svar.tom_tekst"))
    if len(tekst) < minst:
        raise SvarFeil(t("svar.for_kort", min=minst, antall=len(tekst)))
    return tekst


_TOLK: dict[str, Callable[[dict, object], object]] = {
    "flervalg": _tolk_flervalg, "flere_riktige": _tolk_flere, "rangering": _tolk_rangering,
    "sortering": _tolk_sortering, "tallsvar": _tolk_tall, "kartlegging": _tolk_kartlegging,
    "oppfolgingsplan": _tolk_plan, "dialog": _tolk_dialog, "refleksjon": _tolk_refleksjon,
}

# ---------------------------------------------------------------- grading


def vurder(ov: dict, svar: object, fasit: float | None = None) -> Resultat:
    """Grade a parsed answer. ``fasit`` is the computed key for ``tallsvar`` with ``beregning``."""
    if ov["type"] == "tallsvar":
        return _vurder_tall(ov, svar, fasit)
    res = _VURDER[ov["type"]](ov, svar)
    res.sitater = list(ov.get("sitater") or [])
    if res.status in ("feil", "delvis"):
        res.hint = ov.get("hint")
    return res


def _vurder_flervalg(ov: dict, svar: str) -> Resultat:
    alt = {str(a["id"]): a for a in ov["alternativer"]}[svar]
    del_ = Del("ingen_fasit" if ov.get("ingen_fasit") else ("riktig" if alt.get("riktig") else "feil"),
               alt["tilbakemelding"], alt["tekst"], list(alt.get("sitater") or []))
    if ov.get("ingen_fasit"):
        return Resultat("ingen_fasit", 0, 0, t("vurdering.ingen_fasit"), [del_])
    ok = bool(alt.get("riktig"))
    return Resultat("riktig" if ok else "feil", float(ov["poeng"]) if ok else 0.0, ov["poeng"],
                    t("vurdering.riktig") if ok else t("vurdering.ikke_riktig"), [del_])


def _vurder_flere(ov: dict, svar: list[str]) -> Resultat:
    valgt, deler = set(svar), []
    riktige = [a for a in ov["alternativer"] if a.get("riktig")]
    treff = feil = 0
    for a in ov["alternativer"]:
        aid = str(a["id"])
        if aid in valgt:
            ok = bool(a.get("riktig"))
            treff += ok
            feil += not ok
            deler.append(Del("riktig" if ok else "feil", a["tilbakemelding"], a["tekst"],
                             list(a.get("sitater") or [])))
        elif a.get("riktig"):
            deler.append(Del("mangler", a["om_ikke_valgt"], t("vurdering.mangler_ett"), []))
    andel = (treff - feil) / len(riktige)
    alt_riktig = treff == len(riktige) and feil == 0
    status = "riktig" if alt_riktig else ("feil" if treff == 0 else "delvis")
    return Resultat(status, float(ov["poeng"]) if alt_riktig else _halv(ov["poeng"] * andel), ov["poeng"],
                    t("vurdering.flere", treff=treff, av=len(riktige), feil=feil), deler)


def sitert(tekst: str) -> str:
    """Text to put inside «…» in a feedback line: inner guillemets become "…", so quotes never double."""
    return re.sub(r"«([^«»]*)»", r'"\1"', tekst.strip())


def _vurder_rangering(ov: dict, svar: list[str]) -> Resultat:
    fasit = _ids(ov, "elementer")
    elementer = {str(e["id"]): e for e in ov["elementer"]}
    deler, rett = [], 0
    for plass, eid in enumerate(svar):
        e = elementer[eid]
        if fasit[plass] == eid:
            rett += 1
        else:
            deler.append(Del("feil", e["forklaring"], t("vurdering.feil_plass", tekst=sitert(e["tekst"]),
                                                              plass=plass + 1), list(e.get("sitater") or [])))
    andel = rett / len(fasit)
    sammendrag = t("vurdering.rangering", rett=rett, av=len(fasit))
    if andel >= 1:
        deler = [Del("riktig", t("vurdering.rekkefolge_riktig"), "",
                     list(dict.fromkeys(s for e in ov["elementer"] for s in e.get("sitater") or [])))]
    return Resultat(_status(andel), _halv(ov["poeng"] * andel), ov["poeng"], sammendrag, deler)


def _vurder_sortering(ov: dict, svar: dict[str, str]) -> Resultat:
    navn = {str(k["id"]): k["navn"] for k in ov["kategorier"]}
    deler, rett, telles = [], 0, 0
    for e in ov["elementer"]:
        valgt = svar[str(e["id"])]
        if e.get("ingen_fasit"):
            deler.append(Del("ingen_fasit", e["forklaring"], t("vurdering.plassert", tekst=sitert(e["tekst"]),
                                                                   kategori=navn[valgt]), list(e.get("sitater") or [])))
            continue
        telles += 1
        godta = e["kategori"] if isinstance(e["kategori"], list) else [e["kategori"]]
        if valgt in map(str, godta):
            rett += 1
        else:
            deler.append(Del("feil", e["forklaring"], t("vurdering.plassert", tekst=sitert(e["tekst"]),
                                                            kategori=navn[valgt]), list(e.get("sitater") or [])))
    andel = rett / telles if telles else 1.0
    if telles and andel >= 1:
        # All placed right: say so, and show what the placements rest on (as «rangering» does).
        kilder = list(dict.fromkeys(s for e in ov["elementer"] if not e.get("ingen_fasit")
                                    for s in e.get("sitater") or []))
        deler.insert(0, Del("riktig", t("vurdering.sortering_riktig"), "", kilder))
    status = "ingen_fasit" if not telles else _status(andel)
    return Resultat(status, _halv(ov["poeng"] * andel) if telles else 0.0, ov["poeng"],
                    t("vurdering.sortering", rett=rett, av=telles), deler)


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


def _vurder_tall(ov: dict, svar: dict, fasit: float | None) -> Resultat:
    key = ov.get("svar") if "svar" in ov else fasit
    if key is None:
        raise SvarFeil(t("tall.mangler_data"))
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
                    t("vurdering.riktig") if ok else t("vurdering.ikke_riktig"), deler,
                    hint=None if ok else ov.get("hint"), sitater=list(ov.get("sitater") or []))


def _vurder_kartlegging(ov: dict, svar: dict) -> Resultat:
    statusnavn = {s: t(f"kartlegging.status_{s}") for s in STATUSER}
    deler, rett, telles = [], 0, 0
    for b in ov["beslutninger"]:
        valgt = svar["beslutninger"][str(b["id"])]
        valgtekst = {str(v["id"]): v["tekst"] for v in b["valg"]}[valgt]
        overskrift = f"{b['sporsmal']} – {valgtekst}"
        if b.get("ingen_fasit"):
            deler.append(Del("ingen_fasit", b["begrunnelse"], overskrift, list(b.get("sitater") or [])))
            continue
        telles += 1
        ok = valgt == str(b["modell"])
        rett += ok
        deler.append(Del("riktig" if ok else "feil", b["begrunnelse"], overskrift, list(b.get("sitater") or [])))
    for o in ov["omrader"]:
        valgt = svar["omrader"][str(o["id"])]["status"]
        telles += 1
        modeller = o["modell"] if isinstance(o["modell"], list) else [o["modell"]]
        ok = valgt in modeller
        rett += ok
        overskrift = t("kartlegging.omrade_valgt", omrade=o["navn"], valgt=statusnavn[valgt])
        modell = t("kartlegging.eller").join(statusnavn[m] for m in modeller)
        tekst = o["begrunnelse"] if ok else t("kartlegging.modell_sier", modell=modell) + " " + o["begrunnelse"]
        deler.append(Del("riktig" if ok else "feil", tekst, overskrift, list(o.get("sitater") or [])))
    andel = rett / telles if telles else 1.0
    return Resultat(_status(andel), _halv(ov["poeng"] * andel), ov["poeng"],
                    t("vurdering.kartlegging", rett=rett, av=telles), deler)


def _har_ord(tekst: str, ord_: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(ord_.lower()), tekst.lower()) is not None


def _vurder_plan(ov: dict, svar: dict) -> Resultat:
    """Choices are checked against the sources (points); free text is never graded by keywords.

    A keyword match only decides which prompt the learner sees: the criterion to check their own text
    against (keyword present) or the hint (keyword absent). Neither says «Riktig», neither gives points.
    """
    felt = {str(f["id"]): f for f in ov["felt"]}
    deler, valg, valg_ok = [], 0, 0
    for r in ov["rubrikk"]:
        verdi = svar.get(str(r["felt"]), "")
        sitater = list(r.get("sitater") or [])
        if felt[str(r["felt"])]["type"] == "valg":
            ok = verdi in map(str, r["godta"])
            valg += 1
            valg_ok += ok
            deler.append(Del("riktig" if ok else "mangler", t("plan.oppfylt") if ok else r["hint"], r["tekst"],
                             sitater))
        elif r.get("nokkelord") and not any(_har_ord(verdi, o) for o in r["nokkelord"]):
            deler.append(Del("info", t("plan.tips", hint=r["hint"]), r["tekst"], sitater))
        else:
            deler.append(Del("info", t("plan.sjekk_selv"), r["tekst"], sitater))
    poeng = _halv(ov["poeng"] * valg_ok / len(ov["rubrikk"])) if ov["rubrikk"] else 0.0
    sammendrag = (t("vurdering.plan_valg", rett=valg_ok, av=valg) if valg else "") + t("vurdering.plan_fritekst")
    return Resultat("levert", poeng, ov["poeng"], sammendrag, deler)


def _vurder_dialog(ov: dict, svar: dict) -> Resultat:
    noder = {str(n["id"]): n for n in ov["noder"]}
    deler = []
    node = noder[str(ov["start"])]
    for v in svar["valg"]:
        valgt = node["svar"][v]
        if valgt.get("kommentar"):
            deler.append(Del("info", valgt["kommentar"], t("dialog.du_svarte", tekst=sitert(valgt["tekst"]))))
        node = noder[str(valgt["til"])]
    slutt = node
    if slutt.get("ingen_fasit"):
        deler.append(Del("ingen_fasit", slutt["tilbakemelding"], t("dialog.slutt"), list(slutt.get("sitater") or [])))
        return Resultat("ingen_fasit", float(slutt["poeng"]), ov["poeng"], t("vurdering.ingen_fasit"), deler)
    andel = slutt["poeng"] / ov["poeng"] if ov["poeng"] else 1.0
    status = _status(andel)
    deler.append(Del("riktig" if status == "riktig" else "feil" if status == "feil" else "mangler",
                     slutt["tilbakemelding"], t("dialog.slutt"), list(slutt.get("sitater") or [])))
    return Resultat(status, float(slutt["poeng"]), ov["poeng"],
                    t("vurdering.dialog", poeng=formater_tall(slutt["poeng"]), maks=ov["poeng"]), deler)


def _vurder_refleksjon(ov: dict, svar: str) -> Resultat:
    deler = [Del("info", r["tekst"], t("refleksjon.kriterium"), list(r.get("sitater") or []))
             for r in ov.get("rubrikk") or []]
    return Resultat("levert", 0.0, ov["poeng"], t("vurdering.levert"), deler,
                    modellsvar=ov.get("modellsvar"))


_VURDER: dict[str, Callable[[dict, object], Resultat]] = {
    "flervalg": _vurder_flervalg, "flere_riktige": _vurder_flere, "rangering": _vurder_rangering,
    "sortering": _vurder_sortering, "kartlegging": _vurder_kartlegging, "oppfolgingsplan": _vurder_plan,
    "dialog": _vurder_dialog, "refleksjon": _vurder_refleksjon,
}
