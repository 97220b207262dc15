"""``tiltakslab returner SIDER``: put each student's feedback page back into their exchange folder.

``SIDER`` holds one page per student, ``<student>.html`` (as written by the instructor's feedback
verb). Each page goes to ``<utveksling>/<student>/tilbakemelding/tilbakemelding.html``, written
atomically and never through a symlink (:func:`tiltakslab.utveksling.legg_tilbake`). A page that
cannot be placed is reported and the rest go on.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tiltakslab.identitet import UgyldigId, normaliser
from tiltakslab.meldinger import t
from tiltakslab.utveksling import UtvekslingFeil, legg_tilbake, utvekslingsmappe

SIDENAVN = "tilbakemelding.html"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sider", help=t("utveksling.hjelp_sider"))
    parser.add_argument("--utveksling", help=t("utveksling.hjelp_utveksling"))


def returner(sider: Path, rot: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """Place ``sider/<student>.html`` into each student's folder; return (written, [(file, reason)])."""
    skrevet, feil = [], []
    for side in sorted(Path(sider).glob("*.html")):
        try:
            if side.is_symlink() or not side.is_file():
                raise UtvekslingFeil(t("samle.ikke_fil"))
            student = normaliser(side.stem)
            skrevet += legg_tilbake(rot, student, {SIDENAVN: side.read_bytes()})
        except (UgyldigId, OSError) as err:
            feil.append((side.name, str(err)))
    return skrevet, feil


def run(args: argparse.Namespace) -> int:
    rot = Path(args.utveksling) if args.utveksling else utvekslingsmappe()
    if rot is None or not rot.is_dir():
        print(t("utveksling.ikke_satt"))
        return 2
    skrevet, feil = returner(Path(args.sider), rot)
    for fil, grunn in feil:
        print(t("utveksling.ikke_returnert", fil=fil, grunn=grunn))
    print(t("utveksling.returnert", n=len(skrevet)))
    return 1 if feil else 0
