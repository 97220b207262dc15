"""``python -m tiltakslab.synthetic --seed N --out DIR``: write all synthetic files and the light case form."""
from __future__ import annotations

import argparse
import sys

from . import STANDARD_FRO, generer, skriv


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tiltakslab.synthetic",
                                 description="Lag syntetiske data (alle filer) for ett frø.")
    ap.add_argument("--seed", type=int, default=STANDARD_FRO, help=f"frø (standard {STANDARD_FRO})")
    ap.add_argument("--out", default="data/synthetic", help="mappe å skrive til (standard data/synthetic)")
    ap.add_argument("--antall", type=int, default=None,
                    help="antall deltakere (standard 3515; andre tall skalerer tabellene og er ikke kalibrert)")
    args = ap.parse_args(argv)
    if args.seed < 0:
        print("Feil: frøet (--seed) må være et heltall som er 0 eller større.", file=sys.stderr)
        return 2
    if args.antall is not None and args.antall < 100:
        print("Feil: --antall må være minst 100.", file=sys.stderr)
        return 2
    for p in skriv(generer(args.seed, args.antall), args.out):
        print(f"skrev {p}")
    from tiltakslab.sakbygg import skriv as skriv_former  # noqa: PLC0415 - saker.json, kalibrering.json

    for p in skriv_former(args.out):
        print(f"skrev {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
