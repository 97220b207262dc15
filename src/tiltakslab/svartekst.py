"""A stored answer in words: option texts instead of codes, for reports and feedback pages.

``i_ord(ov, tolket)`` takes the parsed answer (``tolk_svar``) and returns a list of (label, text)
pairs; ``case_for(variant)`` looks up a case's first name and text for the instructor's pages.
"""

from __future__ import annotations

from functools import lru_cache

from tiltakslab.meldinger import t


def _navn(rec: dict, felt: str) -> dict[str, str]:
    return {str(x["id"]): str(x.get("tekst") or x.get("navn") or x["id"]) for x in rec.get(felt, [])}


def i_ord(ov: dict, tolket: object) -> list[tuple[str, str]]:
    """(label, text) pairs describing a parsed answer in the exercise's own words."""
    typ = ov["type"]
    if tolket is None:
        return []
    if typ == "flervalg":
        return [("", _navn(ov, "alternativer").get(str(tolket), str(tolket)))]
    if typ == "flere_riktige":
        navn = _navn(ov, "alternativer")
        return [("", navn.get(str(v), str(v))) for v in tolket]
    if typ == "rangering":
        navn = _navn(ov, "elementer")
        return [(f"{i}.", navn.get(str(v), str(v))) for i, v in enumerate(tolket, 1)]
    if typ == "sortering":
        elementer, kat = _navn(ov, "elementer"), {str(k["id"]): k["navn"] for k in ov["kategorier"]}
        return [(elementer.get(e, e), kat.get(k, k)) for e, k in tolket.items()]
    if typ == "tallsvar":
        return [("", str(tolket.get("tekst", "")))]
    if typ == "kartlegging":
        ut = []
        for b in ov["beslutninger"]:
            ut.append((b["sporsmal"], _navn(b, "valg").get(tolket["beslutninger"][str(b["id"])], "")))
        for o in ov["omrader"]:
            v = tolket["omrader"][str(o["id"])]
            tekst = t(f"kartlegging.status_{v['status']}") + (f" – {v['notat']}" if v.get("notat") else "")
            ut.append((o["navn"], tekst))
        return ut
    if typ == "oppfolgingsplan":
        ut = []
        for f in ov["felt"]:
            v = tolket.get(str(f["id"]), "")
            if f["type"] == "valg":
                v = _navn(f, "valg").get(v, v)
            ut.append((f["etikett"], v))
        return ut
    if typ == "dialog":
        noder = {str(n["id"]): n for n in ov["noder"]}
        node, ut = noder[str(ov["start"])], []
        for v in tolket["valg"]:
            svar = node["svar"][v]
            ut.append((t("rapport.replikk"), svar["tekst"]))
            node = noder[str(svar["til"])]
        ut.append((t("rapport.slutt"), str(node.get("replikk") or node["id"])[:200]))
        return ut
    return [("", str(tolket))]


def dialog_sti(ov: dict, tolket: dict) -> tuple[str, str]:
    """(path as reply texts, ending id) for a dialogue answer."""
    noder = {str(n["id"]): n for n in ov["noder"]}
    node, deler = noder[str(ov["start"])], []
    for v in tolket["valg"]:
        svar = node["svar"][v]
        deler.append(svar["tekst"][:60])
        node = noder[str(svar["til"])]
    return " → ".join(deler), str(node["id"])


@lru_cache(maxsize=512)
def case_for(variant: str | None) -> tuple[str | None, str | None]:
    """(first name, case text) for a case id; (None, None) when there is no case or no data."""
    if not variant:
        return None, None
    try:
        from tiltakslab import data  # noqa: PLC0415

        return data.fornavn(variant), data.vignett(variant)
    except Exception:  # noqa: BLE001 - a report never fails on a missing case
        return None, None
