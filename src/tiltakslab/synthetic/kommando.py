"""``tiltakslab generer --fro N --ut DIR``: write all synthetic files for one seed."""

from __future__ import annotations

import argparse
import sys

from tiltakslab.meldinger import t

from . import STANDARD_FRO

STANDARD_UT = "data/synthetic"
MINST_ANTALL = 100


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # Norwegian options; --seed and --out (the former ``python -m tiltakslab.synthetic``) still work
    parser.add_argument("--fro", "--seed", dest="seed", type=int, default=STANDARD_FRO, metavar="N",
                        help=t("generer.hjelp_seed", fro=STANDARD_FRO))
    parser.add_argument("--ut", "--out", dest="out", default=STANDARD_UT, metavar=t("cli.mappe"),
                        help=t("generer.hjelp_out", mappe=STANDARD_UT))
    parser.add_argument("--antall", type=int, default=None, metavar="N", help=t("generer.hjelp_antall"))


def run(args) -> int:
    if args.seed < 0:
        print(t("generer.ugyldig_fro"), file=sys.stderr)
        return 2
    if args.antall is not None and args.antall < MINST_ANTALL:
        print(t("generer.for_faa", minst=MINST_ANTALL), file=sys.stderr)
        return 2
    from . import generer, skriv  # noqa: PLC0415 - numpy/pandas only when the data are made

    try:
        data = generer(args.seed, args.antall)
    except ValueError:  # the published shares cannot all hold for this cohort size (kohort.marginer)
        print(t("generer.umulig", antall=args.antall), file=sys.stderr)
        return 2
    for p in skriv(data, args.out):
        print(t("cli.skrev", fil=str(p)))
    return 0
