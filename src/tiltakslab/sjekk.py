"""``tiltakslab sjekk``: validate every content file and the cross-references between them.

Checks: the corpus (sources, excerpts, glossary) through ``tiltakslab.sources``; every excerpt verbatim in
its own declared source text (``tiltakslab.korpus.ordrett``); every exercise
file against ``data/ovelser/SKJEMA.md``; every excerpt id an exercise cites; every ``tallsvar``
computation against the synthetic data; the lessons' precomputed tables and figures
(``tiltakslab.visninger``) against what they are computed from. Prints Norwegian lines; exit 0 when all is
well, 1 otherwise.
"""

from __future__ import annotations

import argparse

from tiltakslab.korpus.ordrett import sjekk_ordrett, utdaterte_sammenhenger
from tiltakslab.meldinger import t
from tiltakslab.ovelser import kilder
from tiltakslab.ovelser.laster import les_filer, ovelse_mappe
from tiltakslab.ovelser.skjema import siterte_ider
from tiltakslab.ovelser.slag import slag_for
from tiltakslab.paths import data_dir


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", help=t("sjekk.hjelp_data"))


def sjekk_korpus() -> tuple[list[str], list[str]]:
    """(errors, notes) for sources/excerpts/glossary."""
    from tiltakslab import sources  # noqa: PLC0415

    try:
        korpus = sources.load_corpus()
    except Exception as err:  # noqa: BLE001 - KorpusFeil and friends, reported as text
        return [t("sjekk.korpusfeil", feil=str(err))], []
    notater = [t("sjekk.korpus_ok", utdrag=len(korpus.excerpts), termer=len(korpus.glossary))]
    feil = [t("sjekk.ordliste_utdatert", term=term) for term in sources.stale_entries(korpus.glossary, korpus.excerpts)]
    avvik = sjekk_ordrett(korpus)
    for a in avvik:
        kilde = korpus.excerpts[a.id].source
        feil.append(t(f"sjekk.ordrett_{a.grunn}", id=a.id, kilde=kilde, tekst=a.detalj, fil=a.detalj))
    if not avvik:
        notater.append(t("sjekk.ordrett_ok", antall=len(korpus.excerpts)))
    utdatert = utdaterte_sammenhenger(korpus)
    if utdatert:
        feil.append(t("sjekk.sammenheng_utdatert", antall=len(utdatert), ider=", ".join(utdatert[:5])))
    return feil, notater


def sjekk_alt() -> tuple[list[str], list[str]]:
    """Return (errors, notes) for all content."""
    feil, notater = sjekk_korpus()
    sett, ovfeil = les_filer(ovelse_mappe())
    feil += ovfeil
    try:
        alle = kilder.utdrag()
    except Exception:  # noqa: BLE001 - already reported by sjekk_korpus
        alle = {}
    for oid, ov in sett.ovelser.items():
        for sid in siterte_ider(ov):
            if sid not in alle:
                feil.append(t("sjekk.ukjent_sitat", fil=sett.filer[oid], id=oid, sitat=sid, kilde=kilder.KILDE))
        for hva in slag_for(ov).sjekk_mot_data(ov):
            feil.append(t("sjekk.beregning", fil=sett.filer[oid], id=oid, feil=hva))
    from tiltakslab import visninger  # noqa: PLC0415

    try:
        utdatert = visninger.foreldede()
    except OSError as err:  # a data file the views read is missing: reported by the data checks too
        utdatert = [str(err)]
    if utdatert:
        feil.append(t("sjekk.visninger_utdatert", antall=len(utdatert), navn=", ".join(utdatert[:5])))
    typer = sorted({ov["type"] for ov in sett.ovelser.values()})
    notater.append(t("sjekk.ovelser_ok", antall=len(sett.ovelser), typer=", ".join(typer) or "-"))
    return feil, notater


def run(args: argparse.Namespace) -> int:
    import os  # noqa: PLC0415

    if getattr(args, "data", None):
        os.environ["TILTAKSLAB_DATA"] = str(args.data)
    print(t("sjekk.start", mappe=str(data_dir())))
    feil, notater = sjekk_alt()
    for n in notater:
        print(n)
    for f in feil:
        print(t("sjekk.feil", feil=f))
    print(t("sjekk.ok") if not feil else t("sjekk.feil_antall", antall=len(feil)))
    return 0 if not feil else 1
