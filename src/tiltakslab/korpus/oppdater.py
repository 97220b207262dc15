"""``tiltakslab oppdater``: recompute what is derived from the excerpts and store it beside the content.

Two derived files: the ``utdrag`` list of every term in ``ordliste.yaml`` (where the term occurs) and the
passage around every quote (``kilder/sammenheng.json``). ``tiltakslab sjekk`` and the tests fail while either
is stale; this verb brings both up to date and validates the result. ``--sjekk`` only reports what is stale
(exit 1) and writes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tiltakslab.meldinger import t


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", help=t("sjekk.hjelp_data"))
    parser.add_argument("--utdrag", help=t("oppdater.hjelp_utdrag"))
    parser.add_argument("--sjekk", action="store_true", help=t("oppdater.hjelp_sjekk"))


def oppdater(data: str | None = None, utdrag: str | None = None) -> tuple[Path, int, int, int]:
    """Recompute glossary occurrences and quote passages: (glossary file, terms changed, terms, passages changed).

    Raises :class:`~tiltakslab.korpus.KorpusFeil` when the content does not load, before or after."""
    from .glossary import update_glossary_file  # noqa: PLC0415 - keeps ``tiltakslab --help`` light
    from .loading import GLOSSARY_FILE, load_corpus, parse_glossary, read_yaml  # noqa: PLC0415
    from .ordrett import oppdater_sammenheng  # noqa: PLC0415

    corpus = load_corpus(data, excerpts_file=utdrag, glossary=False)
    path = Path(corpus.data_dir) / GLOSSARY_FILE
    entries = parse_glossary(read_yaml(path), None, path.name)
    changed = update_glossary_file(path, entries, corpus.excerpts)
    passages = oppdater_sammenheng(corpus)
    load_corpus(data, excerpts_file=utdrag)  # validate the result
    return path, changed, len(entries), passages


def utdatert(data: str | None = None, utdrag: str | None = None) -> list[str]:
    """Readable lines for everything derived that is stale (empty when all is current), after a summary line."""
    from .glossary import stale_entries  # noqa: PLC0415
    from .loading import load_corpus  # noqa: PLC0415
    from .ordrett import utdaterte_sammenhenger  # noqa: PLC0415

    corpus = load_corpus(data, excerpts_file=utdrag)
    linjer = [t("oppdater.ordliste_utdatert", term=term, lagret=", ".join(lagret) or "–", na=", ".join(na) or "–")
              for term, (lagret, na) in stale_entries(corpus.glossary, corpus.excerpts).items()]
    sammenheng = utdaterte_sammenhenger(corpus)
    if sammenheng:
        linjer.append(t("sjekk.sammenheng_utdatert", antall=len(sammenheng), ider=", ".join(sammenheng[:3])))
    return [t("oppdater.oversikt", kilder=len(corpus.sources), arbeider=len(corpus.described_works),
              utdrag=len(corpus.excerpts), termer=len(corpus.glossary)), *linjer]


def run(args) -> int:
    from .errors import KorpusFeil  # noqa: PLC0415

    if args.sjekk:
        try:
            oversikt, *linjer = utdatert(args.data, args.utdrag)
        except KorpusFeil as exc:
            print(t("cli.feil", feil=str(exc)), file=sys.stderr)
            return 1
        print(oversikt)
        for linje in linjer:
            print(linje)
        print(t("oppdater.kjor") if linjer else t("oppdater.alt_oppdatert"))
        return 1 if linjer else 0
    try:
        path, changed, total, passages = oppdater(args.data, args.utdrag)
    except (KorpusFeil, OSError) as exc:
        print(t("cli.feil", feil=str(exc)), file=sys.stderr)
        return 1
    print(t("oppdater.ordliste", fil=str(path), endret=changed, av=total))
    print(t("oppdater.sammenheng", antall=passages))
    return 0
