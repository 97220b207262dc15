"""``tiltakslab samle DIR``: read a folder of hand-ins, regrade them and write the class overview.

Output (in ``--ut``, default ``DIR/oversikt``), every file written atomically, 0600, never through a
symlink: ``oversikt.html`` (summary first, then one section per exercise; :mod:`tiltakslab.rapport`)
and ``resultater.csv`` (one long table: student, sett, ovelse, poeng, maks, status, vurdert_av).
Scores are always recomputed from the answers (:mod:`tiltakslab.omvurdering`); the instructor's
marks for free text come from ``DIR/_laerer/vurderinger.json`` (:mod:`tiltakslab.vurderinger`).
Each hand-in is parsed on its own (:mod:`tiltakslab.innleveringer`); a bad file is a listed skip.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tiltakslab import tildeling as tild
from tiltakslab import vurderinger as vurd
from tiltakslab.innleveringer import MAKS_BYTES, MAKS_FORSOK, Innlevering, Samling, les_innlevering, les_mappe
from tiltakslab.meldinger import t
from tiltakslab.ovelser.laster import OvelseFeil, Ovelsessett, last_ovelser
from tiltakslab.skriving import SkriveFeil, skriv_atomisk

__all__ = ["MAKS_BYTES", "MAKS_FORSOK", "Innlevering", "Samling", "les_innlevering", "les_mappe", "skriv_rapport",
           "samle"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("mappe", help=t("samle.hjelp_mappe"))
    parser.add_argument("--ut", help=t("samle.hjelp_ut"))
    parser.add_argument("--vurderinger", help=t("samle.hjelp_vurderinger"))
    parser.add_argument("--tildeling", help=t("samle.hjelp_tildeling"))


def skriv_rapport(sett: Ovelsessett, samling: Samling, ut: Path, vurderingsfil: Path | None = None,
                  tildelingsfil: Path | None = None) -> Path:
    """Regrade and write ``oversikt.html`` and ``resultater.csv`` into ``ut``; return the HTML path."""
    from tiltakslab.omvurdering import omvurder  # noqa: PLC0415 - `samle --help` starts without them
    from tiltakslab.rapport import lang_csv, rapport_html  # noqa: PLC0415

    merker = vurd.merker(vurd.les(vurderingsfil)) if vurderingsfil else {}
    rader = omvurder(sett, samling, merker, tildeling=tild.les(tildelingsfil))
    for student, inn in sorted(samling.innleveringer.items()):
        ukjente = sorted({rec["ovelse"][:40] for rec in inn.svar.values() if rec["ovelse"] not in sett.ovelser})
        if ukjente:
            samling.merknader.append((student, t("samle.ukjente_ovelser", ider=", ".join(ukjente[:10]),
                                                 antall=len(ukjente))))
    html = rapport_html(sett, rader, samling.avvist, samling.merknader, len(samling.innleveringer))
    skriv_atomisk(ut / "resultater.csv", "\ufeff" + lang_csv(rader), rot=ut)
    return skriv_atomisk(ut / "oversikt.html", html, rot=ut)


def standard_tildeling(mappe: Path) -> Path:
    return Path(mappe) / "_laerer" / "tildeling.json"


def regrader(mappe: Path):
    """The exercises and every answer in a hand-in folder, regraded with the marks and the case assignment
    kept in the folder's ``_laerer/`` (shared by ``tilbakemelding`` and ``lms``)."""
    from tiltakslab.omvurdering import omvurder  # noqa: PLC0415

    sett = last_ovelser()
    rader = omvurder(sett, les_mappe(mappe), vurd.merker(vurd.les(vurd.standard_fil(mappe))),
                     tildeling=tild.les(standard_tildeling(mappe)))
    return sett, rader


def samle(mappe: Path, ut: Path | None = None, vurderingsfil: Path | None = None,
          tildelingsfil: Path | None = None) -> Path:
    """Package API: the same as the CLI verb. Raises ``OvelseFeil``, ``SkriveFeil``."""
    mappe = Path(mappe)
    sett = last_ovelser()
    vurderingsfil = Path(vurderingsfil) if vurderingsfil else vurd.standard_fil(mappe)
    tildelingsfil = Path(tildelingsfil) if tildelingsfil else standard_tildeling(mappe)
    return skriv_rapport(sett, les_mappe(mappe), Path(ut) if ut else mappe / "oversikt", vurderingsfil,
                         tildelingsfil)


def run(args: argparse.Namespace) -> int:
    mappe = Path(args.mappe)
    if not mappe.is_dir():
        print(t("samle.ingen_mappe", mappe=str(mappe)))
        return 2
    try:
        sett = last_ovelser()
    except OvelseFeil as err:
        print(t("samle.ovelsesfeil", feil=str(err)))
        return 1
    samling = les_mappe(mappe)
    ut = Path(args.ut) if args.ut else mappe / "oversikt"
    vurderingsfil = Path(args.vurderinger) if getattr(args, "vurderinger", None) else vurd.standard_fil(mappe)
    tildelingsfil = Path(args.tildeling) if getattr(args, "tildeling", None) else standard_tildeling(mappe)
    try:
        html_sti = skriv_rapport(sett, samling, ut, vurderingsfil, tildelingsfil)
    except (SkriveFeil, vurd.VurderingsFeil, tild.TildelingsFeil) as err:
        print(str(err))
        return 1
    for fil, grunn in samling.avvist:
        print(t("samle.hoppet_over", fil=fil, grunn=grunn))
    for fil, grunn in samling.merknader:
        print(t("samle.merknad", fil=fil, grunn=grunn))
    print(t("samle.ferdig", studenter=len(samling.innleveringer), html=str(html_sti)))
    from tiltakslab.kursfiler import utdatert  # noqa: PLC0415

    for varsel in utdatert(mappe):  # learners' widgets read the published copies (tiltakslab publiser)
        print(varsel)
    return 0
