"""``tiltakslab variant``: give every student on a roster a distinct case, and store the assignment.

``tiltakslab variant --fil klasse.txt --lagre _laerer/tildeling.json`` reads the roster (one id per line,
optionally ``id;gruppe``; UTF-8 with or without BOM, or UTF-16), normalises ids with
``tiltakslab.identitet``, assigns distinct cases (:mod:`tiltakslab.tildeling`; ``--grupper`` gives one
case per group), prints the spread over target group, age group and outcome, and stores the assignment.
An existing stored assignment is kept; new students are added.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tiltakslab import tildeling as tild
from tiltakslab.identitet import UgyldigId, normaliser
from tiltakslab.meldinger import t
from tiltakslab.rapport import csv_tekst
from tiltakslab.skriving import SkriveFeil, skriv_atomisk


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--student", action="append", default=[], metavar="ID", help=t("variant.hjelp_student"))
    parser.add_argument("--fil", help=t("variant.hjelp_fil"))
    parser.add_argument("--grupper", action="store_true", help=t("variant.hjelp_grupper"))
    parser.add_argument("--lagre", help=t("variant.hjelp_lagre"))
    parser.add_argument("--csv", help=t("variant.hjelp_csv"))


def varianter(tildeling: tild.Tildeling) -> list[dict]:
    """One row per student: student, group, deltaker id, first name, first line of the vignette."""
    from tiltakslab.svartekst import case_for  # noqa: PLC0415

    rader = []
    for sid, rec in sorted(tildeling.studenter.items()):
        navn, tekst = case_for(rec["deltaker"])
        forste = (tekst or "").strip().splitlines()[0].lstrip("#").strip() if tekst else ""
        rader.append({"student": sid, "gruppe": rec.get("gruppe") or "", "deltaker": rec["deltaker"],
                      "navn": navn or "", "vignett": forste})
    return rader


def run(args: argparse.Namespace) -> int:
    studenter, grupper, feil = [], {}, []
    for raw in args.student:
        try:
            studenter.append(normaliser(raw))
        except UgyldigId as err:
            feil.append(f"«{raw}»: {err}")
    if args.fil:
        try:
            fs, fg, ff = tild.les_roster(tild.les_tekstfil(Path(args.fil)))
        except (tild.TildelingsFeil, OSError) as err:
            print(str(err) if isinstance(err, tild.TildelingsFeil) else t("variant.ingen_fil", fil=args.fil),
                  file=sys.stderr)
            return 2
        studenter += [s for s in fs if s not in studenter]
        grupper.update(fg)
        feil += ff
    if feil:
        print(t("variant.ugyldig_liste", antall=len(feil)), file=sys.stderr)
        for f in feil[:20]:
            print("  " + f, file=sys.stderr)
        return 2
    if not studenter:
        print(t("variant.ingen_studenter"), file=sys.stderr)
        return 2
    try:
        tidligere = tild.les(args.lagre) if args.lagre else None
        tildeling = tild.tildel(studenter, grupper if args.grupper else None, tidligere)
        rader = varianter(tildeling)
        spredning = tild.spredning(tildeling)
    except ImportError:
        print(t("variant.ingen_data"), file=sys.stderr)
        return 1
    except (LookupError, ValueError) as err:
        print(t("variant.feil", feil=str(err)), file=sys.stderr)
        return 1
    for r in rader:
        print(t("variant.linje", **r))
    print(t("variant.spredning_tittel", antall=len({r["deltaker"] for r in rader}), studenter=len(rader)))
    for dim, teller in spredning.items():
        print(t(f"variant.dim_{dim}") + ": " + ", ".join(f"{k} {n}" for k, n in sorted(teller.items())))
    try:
        if args.lagre:
            tild.lagre(tildeling, Path(args.lagre))
            print(t("variant.lagret", fil=args.lagre))
        else:
            print(t("variant.ikke_lagret"))
        if args.csv:
            felt = ["student", "gruppe", "deltaker", "navn", "vignett"]
            skriv_atomisk(Path(args.csv), "\ufeff" + csv_tekst(felt, [[r[f] for f in felt] for r in rader]))
    except SkriveFeil as err:
        print(str(err), file=sys.stderr)
        return 1
    return 0
