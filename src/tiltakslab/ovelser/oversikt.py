"""Progress overview for self-study: per theme, exercises done, points and time left."""

from __future__ import annotations

import html

from tiltakslab.meldinger import t
from tiltakslab.ovelser.laster import Ovelsessett
from tiltakslab.ovelser.vurdering import formater_tall


def fremdrift_data(sett: Ovelsessett, lager: dict) -> list[dict]:
    """One row per theme (in first-seen order) plus a total row (``tema`` = None)."""
    beste: dict[str, float] = {}
    for rec in lager.get("svar", {}).values():
        if isinstance(rec, dict) and rec.get("forsok"):
            oid = rec.get("ovelse")
            beste[oid] = max(beste.get(oid, 0.0), float(rec.get("beste_poeng") or 0))
    rader: dict[str, dict] = {}
    for ov in sett.ovelser.values():
        r = rader.setdefault(ov["tema"], {"tema": ov["tema"], "antall": 0, "gjort": 0, "poeng": 0.0,
                                          "maks": 0, "minutter_igjen": 0, "minutter": 0})
        r["antall"] += 1
        r["maks"] += ov["poeng"]
        r["minutter"] += ov["minutter"]
        if ov["id"] in beste:
            r["gjort"] += 1
            r["poeng"] += min(beste[ov["id"]], ov["poeng"])
        else:
            r["minutter_igjen"] += ov["minutter"]
    sum_ = {"tema": None, **{k: sum(r[k] for r in rader.values())
                              for k in ("antall", "gjort", "poeng", "maks", "minutter_igjen", "minutter")}}
    return [*rader.values(), sum_]


def fremdrift_html(rader: list[dict]) -> str:
    hode = "".join(f"<th scope='col'>{html.escape(t(f'fremdrift.{k}'))}</th>"
                   for k in ("tema", "gjort", "poeng", "minutter_igjen"))
    linjer = []
    for r in rader:
        navn = t("fremdrift.totalt") if r["tema"] is None else r["tema"]
        linjer.append(
            f"<tr><th scope='row'>{html.escape(navn)}</th>"
            f"<td>{r['gjort']} / {r['antall']}</td>"
            f"<td>{html.escape(formater_tall(r['poeng']))} / {r['maks']}</td>"
            f"<td>{r['minutter_igjen']}</td></tr>")
    return (f"<table class='tl-fremdrift-tabell'><caption>{html.escape(t('fremdrift.tittel'))}</caption>"
            f"<thead><tr>{hode}</tr></thead><tbody>{''.join(linjer)}</tbody></table>")
