#!/usr/bin/env python3
"""Print corpus coverage (excerpts per theme, per source, per voice) and check the issue-3 thresholds.

Usage (from the repository root):
    python scripts/dekning.py                      # data/excerpts.yaml
    python scripts/dekning.py --utdrag FILE        # e.g. a draft
Exit status 0 when every threshold holds, 1 when one does not, 2 when the files do not load.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from tiltakslab.korpus import KorpusFeil, load_corpus
from tiltakslab.korpus.model import Corpus
from tiltakslab.korpus.vocab import (
    MAIN_THEMES,
    MIN_EXCERPTS,
    MIN_GLOSSARY_TERMS,
    MIN_PER_MAIN_THEME,
    MIN_PER_SOURCE,
    MIN_PER_SOURCE_OVERRIDE,
    THEMES,
    VOICES,
)


def coverage(corpus: Corpus) -> dict[str, Counter]:
    """Counts of excerpts per theme, source and voice (an excerpt counts once per theme it has)."""
    themes, sources, voices = Counter(), Counter(), Counter()
    for e in corpus.excerpts.values():
        themes.update(e.themes)
        sources[e.source] += 1
        voices[e.voice or "(ingen)"] += 1
    return {"tema": themes, "kilde": sources, "stemme": voices}


def failures(corpus: Corpus) -> list[str]:
    """Human-readable list of thresholds that do not hold (empty when all hold)."""
    counts = coverage(corpus)
    out = []
    if len(corpus.excerpts) < MIN_EXCERPTS:
        out.append(f"{len(corpus.excerpts)} utdrag i alt, skal være minst {MIN_EXCERPTS}")
    for theme in MAIN_THEMES:
        if counts["tema"][theme] < MIN_PER_MAIN_THEME:
            out.append(f"tema {theme}: {counts['tema'][theme]}, skal være minst {MIN_PER_MAIN_THEME}")
    for sid in corpus.sources:
        need = MIN_PER_SOURCE_OVERRIDE.get(sid, MIN_PER_SOURCE)
        if counts["kilde"][sid] < need:
            out.append(f"kilde {sid}: {counts['kilde'][sid]}, skal være minst {need}")
    if corpus.glossary and len(corpus.glossary) < MIN_GLOSSARY_TERMS:
        out.append(f"ordlisten har {len(corpus.glossary)} termer, skal ha minst {MIN_GLOSSARY_TERMS}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Dekning i utdragssamlingen.")
    ap.add_argument("--data", help="datamappe (standard: TILTAKSLAB_DATA eller data/)")
    ap.add_argument("--utdrag", help="annen utdragsfil enn data/excerpts.yaml")
    ap.add_argument("--uten-ordliste", action="store_true", help="ikke les ordliste.yaml")
    args = ap.parse_args(argv)
    try:
        corpus = load_corpus(args.data, excerpts_file=args.utdrag, glossary=not args.uten_ordliste)
    except KorpusFeil as exc:
        print(f"FEIL: {exc}", file=sys.stderr)
        return 2
    counts = coverage(corpus)
    print(f"Utdrag i alt: {len(corpus.excerpts)} (minst {MIN_EXCERPTS})")
    print("\nPer tema:")
    for theme in THEMES:
        mark = f" (minst {MIN_PER_MAIN_THEME})" if theme in MAIN_THEMES else ""
        print(f"  {theme:16s} {counts['tema'][theme]:4d}{mark}")
    print("\nPer kilde:")
    for sid in corpus.sources:
        need = MIN_PER_SOURCE_OVERRIDE.get(sid, MIN_PER_SOURCE)
        print(f"  {sid:28s} {counts['kilde'][sid]:4d} (minst {need})")
    print("\nPer stemme:")
    for voice in (*VOICES, "(ingen)"):
        print(f"  {voice:16s} {counts['stemme'][voice]:4d}")
    if corpus.glossary:
        print(f"\nOrdliste: {len(corpus.glossary)} termer (minst {MIN_GLOSSARY_TERMS})")
    bad = failures(corpus)
    print()
    if bad:
        for line in bad:
            print(f"IKKE OPPFYLT: {line}")
        return 1
    print("Alle dekningskrav er oppfylt.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
