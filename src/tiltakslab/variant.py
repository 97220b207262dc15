"""``tiltakslab variant --student ID …``: each student's case variant, deterministic from the id.

Uses ``tiltakslab.data.deltaker_for_student(student_id)`` and ``tiltakslab.data.vignett(deltaker_id)``.
Students use the variant in a notebook with ``ovelse("kis-01", deltaker=deltaker_for_student("s017"))``.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from tiltakslab.meldinger import t
from tiltakslab.ovelser.lager import gyldig_student_id


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--student", action="append", default=[], metavar="ID", help=t("variant.hjelp_student"))
    parser.add_argument("--fil", help=t("variant.hjelp_fil"))
    parser.add_argument("--csv", help=t("variant.hjelp_csv"))


def _deltaker_id(d: object) -> str:
    from tiltakslab.ovelser.widget import tolk_deltaker  # noqa: PLC0415 - ipywidgets only when run

    if isinstance(d, (str, int)):
        return str(d)
    return tolk_deltaker(d).id or ""


def varianter(studenter: list[str]) -> list[dict]:
    """One row per student: student, deltaker id, first name, first line of the vignette."""
    from tiltakslab import data  # noqa: PLC0415 - written concurrently; ImportError handled by run()
    from tiltakslab.ovelser.widget import tolk_deltaker  # noqa: PLC0415 - ipywidgets only when run

    rader = []
    for sid in studenter:
        did = _deltaker_id(data.deltaker_for_student(sid))
        d = tolk_deltaker(did)
        forste = (d.tekst or "").strip().splitlines()[0].lstrip("#").strip() if d.tekst else ""
        rader.append({"student": sid, "deltaker": did, "navn": d.navn or "", "vignett": forste})
    return rader


def run(args: argparse.Namespace) -> int:
    studenter = list(args.student)
    if args.fil:
        try:
            studenter += [s.strip() for s in Path(args.fil).read_text(encoding="utf-8").splitlines() if s.strip()]
        except OSError:
            print(t("variant.ingen_fil", fil=args.fil), file=sys.stderr)
            return 2
    if not studenter:
        print(t("variant.ingen_studenter"), file=sys.stderr)
        return 2
    ugyldige = [s for s in studenter if not gyldig_student_id(s)]
    if ugyldige:
        print(t("variant.ugyldig", ider=", ".join(ugyldige[:5])), file=sys.stderr)
        return 2
    try:
        rader = varianter(studenter)
    except ImportError:
        print(t("variant.ingen_data"), file=sys.stderr)
        return 1
    except (LookupError, ValueError) as err:
        print(t("variant.feil", feil=str(err)), file=sys.stderr)
        return 1
    for r in rader:
        print(t("variant.linje", **r))
    if args.csv:
        with open(args.csv, "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=["student", "deltaker", "navn", "vignett"], delimiter=";")
            w.writeheader()
            w.writerows(rader)
    return 0
