"""``tiltakslab lms MAPPE``: set totals for the college's LMS.

The instructor keeps a local roster (default ``MAPPE/_laerer/lms.csv``): ``student;lms_id`` per line,
optionally ``;navn;seksjon`` – pseudonym to LMS id, never sent anywhere. The export matches it and writes

- ``canvas.csv``: a Canvas gradebook import (Student, ID, SIS User ID, SIS Login ID, Section, one column
  per set, a «Points Possible» row);
- ``karakterer-per-sett.csv``: a plain table (lms_id, student, one column per set, totalt) for
  itslearning/Blackboard imports.

Totals are regraded points (:mod:`tiltakslab.omvurdering`) plus the instructor's marks. A set where a
free-text answer is still unmarked has an *empty* total (never a partial number or 0), and is listed.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from tiltakslab import klasseliste
from tiltakslab.meldinger import t
from tiltakslab.omvurdering import Svarrad
from tiltakslab.ovelser.laster import Ovelsessett
from tiltakslab.ovelser.slag import slag_for
from tiltakslab.rapport import csv_tekst
from tiltakslab.skriving import skriv_atomisk


class LmsFeil(ValueError):
    """Bad LMS roster; Norwegian message."""


def les_klasseliste(sti: Path) -> tuple[dict[str, dict], list[str]]:
    """(student -> {"lms_id", "navn", "seksjon"}, Norwegian problems) from the local roster file
    (the one roster reader, :mod:`tiltakslab.klasseliste`; the LMS id is the column after the id)."""
    linjer, feil = klasseliste.les_linjer(klasseliste.les_tekstfil(Path(sti)))
    ut = {}
    for x in linjer:
        if not x.kolonne(0):
            feil.append(t("lms.mangler_id", linje=x.nr))
            continue
        ut[x.student] = {"lms_id": x.kolonne(0, 64), "navn": x.kolonne(1), "seksjon": x.kolonne(2)}
    return ut, feil


def summer(sett: Ovelsessett, rader: list[Svarrad]) -> tuple[list[str], dict[str, dict[str, float | None]],
                                                             dict[str, float]]:
    """(set names, student -> set -> total or None when something is unmarked, set -> max)."""
    navn = sorted({str(ov.get("tema", "")) for ov in sett.ovelser.values()})
    maks = defaultdict(float)
    for ov in sett.ovelser.values():
        if not ov.get("ingen_fasit"):
            maks[str(ov.get("tema", ""))] += float(ov["poeng"])
    totaler: dict[str, dict[str, float | None]] = defaultdict(dict)
    for r in rader:
        gammel = totaler[r.student].get(r.sett, 0.0)
        venter = slag_for(sett.ovelser[r.ovelse]).manuell and r.poeng is None
        totaler[r.student][r.sett] = None if gammel is None or venter else gammel + (r.poeng or 0.0)
    return navn, totaler, dict(maks)


def _tall(x: float | None) -> str:
    return "" if x is None else f"{x:g}"


def eksporter(sett: Ovelsessett, rader: list[Svarrad], klasseliste: dict[str, dict], ut: Path) -> dict:
    """Write both CSVs into ``ut``; return {"uten_treff": [...], "ikke_levert": [...], "venter": n}."""
    settnavn, totaler, maks = summer(sett, rader)
    kolonner = [f"Tiltakslab {s}" for s in settnavn]
    canvas = [["Points Possible", "", "", "", "", *[_tall(maks.get(s, 0)) for s in settnavn]]]
    enkel = []
    for sid, info in sorted(klasseliste.items()):
        mine = totaler.get(sid, {})
        verdier = [_tall(mine[s]) if s in mine else "" for s in settnavn]
        canvas.append([info["navn"] or sid, info["lms_id"], info["lms_id"], "", info["seksjon"], *verdier])
        alle = [mine.get(s) for s in settnavn if s in mine]
        total = None if (not alle or any(v is None for v in alle)) else sum(alle)
        enkel.append([info["lms_id"], sid, *verdier, _tall(total)])
    ut = Path(ut)
    skriv_atomisk(ut / "canvas.csv", csv_tekst(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *kolonner],
                                               canvas, ","), rot=ut)
    skriv_atomisk(ut / "karakterer-per-sett.csv", csv_tekst(["lms_id", "student", *settnavn, "totalt"], enkel, ","),
                  rot=ut)
    return {"uten_treff": sorted(set(totaler) - set(klasseliste)),
            "ikke_levert": sorted(set(klasseliste) - set(totaler)),
            "venter": sum(v is None for s in totaler.values() for v in s.values())}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("mappe", help=t("samle.hjelp_mappe"))
    parser.add_argument("--klasseliste", help=t("lms.hjelp_klasseliste"))
    parser.add_argument("--ut", help=t("lms.hjelp_ut"))


def run(args: argparse.Namespace) -> int:
    from tiltakslab import samle  # noqa: PLC0415
    from tiltakslab.ovelser.laster import OvelseFeil  # noqa: PLC0415
    from tiltakslab.skriving import SkriveFeil  # noqa: PLC0415

    mappe = Path(args.mappe)
    if not mappe.is_dir():
        print(t("samle.ingen_mappe", mappe=str(mappe)))
        return 2
    liste = Path(args.klasseliste) if args.klasseliste else mappe / "_laerer" / "lms.csv"
    try:
        klasseliste, feil = les_klasseliste(liste)
    except ValueError as err:
        print(str(err))
        return 2
    if feil:
        print(t("lms.feil_i_liste", fil=str(liste)))
        for f in feil[:20]:
            print("  " + f)
        return 2
    try:
        sett, rader = samle.regrader(mappe)
        ut = Path(args.ut) if args.ut else mappe / "lms"
        info = eksporter(sett, rader, klasseliste, ut)
    except (OvelseFeil, SkriveFeil, ValueError) as err:
        print(str(err))
        return 1
    if info["uten_treff"]:
        print(t("lms.uten_treff", ider=", ".join(info["uten_treff"][:20])))
    if info["venter"]:
        print(t("lms.venter", antall=info["venter"]))
    print(t("lms.ferdig", mappe=str(ut), antall=len(klasseliste)))
    return 0
