"""``tiltakslab dekning``: corpus coverage (excerpts per theme, per source, per voice) against the thresholds.

Exit status 0 when every threshold holds, 1 when one does not, 2 when the files do not load.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from tiltakslab.meldinger import t

from .vocab import (
    MAIN_THEMES,
    MIN_EXCERPTS,
    MIN_GLOSSARY_TERMS,
    MIN_PER_MAIN_THEME,
    MIN_PER_SOURCE,
    MIN_PER_SOURCE_OVERRIDE,
    THEMES,
    VOICES,
)

UTEN_STEMME = "(ingen)"


def coverage(corpus) -> dict[str, Counter]:
    """Counts of excerpts per theme, source and voice (an excerpt counts once per theme it has)."""
    themes, sources, voices = Counter(), Counter(), Counter()
    for e in corpus.excerpts.values():
        themes.update(e.themes)
        sources[e.source] += 1
        voices[e.voice or UTEN_STEMME] += 1
    return {"tema": themes, "kilde": sources, "stemme": voices}


def failures(corpus) -> list[str]:
    """Readable list of thresholds that do not hold (empty when all hold)."""
    counts = coverage(corpus)
    out = []
    if len(corpus.excerpts) < MIN_EXCERPTS:
        out.append(t("dekning.for_faa_utdrag", antall=len(corpus.excerpts), minst=MIN_EXCERPTS))
    for theme in MAIN_THEMES:
        if counts["tema"][theme] < MIN_PER_MAIN_THEME:
            out.append(t("dekning.for_faa_tema", tema=theme, antall=counts["tema"][theme], minst=MIN_PER_MAIN_THEME))
    for sid in corpus.sources:
        need = MIN_PER_SOURCE_OVERRIDE.get(sid, MIN_PER_SOURCE)
        if counts["kilde"][sid] < need:
            out.append(t("dekning.for_faa_kilde", kilde=sid, antall=counts["kilde"][sid], minst=need))
    if corpus.glossary and len(corpus.glossary) < MIN_GLOSSARY_TERMS:
        out.append(t("dekning.for_faa_termer", antall=len(corpus.glossary), minst=MIN_GLOSSARY_TERMS))
    return out


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", help=t("sjekk.hjelp_data"))
    parser.add_argument("--utdrag", help=t("oppdater.hjelp_utdrag"))
    parser.add_argument("--uten-ordliste", action="store_true", help=t("dekning.hjelp_uten_ordliste"))


def run(args) -> int:
    from .errors import KorpusFeil  # noqa: PLC0415 - keeps ``tiltakslab --help`` light
    from .loading import load_corpus  # noqa: PLC0415

    try:
        corpus = load_corpus(args.data, excerpts_file=args.utdrag, glossary=not args.uten_ordliste)
    except KorpusFeil as exc:
        print(t("cli.feil", feil=str(exc)), file=sys.stderr)
        return 2
    counts = coverage(corpus)
    print(t("dekning.utdrag_i_alt", antall=len(corpus.excerpts), minst=MIN_EXCERPTS))
    print("\n" + t("dekning.per_tema"))
    for theme in THEMES:
        mark = " " + t("dekning.minst", minst=MIN_PER_MAIN_THEME) if theme in MAIN_THEMES else ""
        print(f"  {theme:16s} {counts['tema'][theme]:4d}{mark}")
    print("\n" + t("dekning.per_kilde"))
    for sid in corpus.sources:
        need = MIN_PER_SOURCE_OVERRIDE.get(sid, MIN_PER_SOURCE)
        print(f"  {sid:28s} {counts['kilde'][sid]:4d} {t('dekning.minst', minst=need)}")
    print("\n" + t("dekning.per_stemme"))
    for voice in (*VOICES, UTEN_STEMME):
        print(f"  {voice:16s} {counts['stemme'][voice]:4d}")
    if corpus.glossary:
        print("\n" + t("dekning.ordliste", antall=len(corpus.glossary), minst=MIN_GLOSSARY_TERMS))
    bad = failures(corpus)
    print()
    if bad:
        for line in bad:
            print(t("dekning.ikke_oppfylt", krav=line))
        return 1
    print(t("dekning.oppfylt"))
    return 0
