"""Public face of the source corpus (see ``tiltakslab.korpus`` for the modules behind it).

Maintenance commands (maintainers, from the repository root)::

    python -m tiltakslab.sources --sjekk              # validate all three files, report stale glossary ids
    python -m tiltakslab.sources --oppdater-ordliste  # recompute ``utdrag`` in data/ordliste.yaml and the
                                                      # passages around every quote (data/kilder/sammenheng.json)
"""

from __future__ import annotations

import argparse
import sys

from .korpus import (
    Corpus,
    DescribedWork,
    Excerpt,
    GlossaryEntry,
    KorpusFeil,
    Source,
    citation,
    kilder,
    load_corpus,
    ordliste,
    render_html,
    render_text,
    sitat,
    utdragsleser,
)
from .korpus.glossary import stale_entries, update_glossary_file
from .korpus.loading import GLOSSARY_FILE

__all__ = ["Corpus", "DescribedWork", "Excerpt", "GlossaryEntry", "KorpusFeil", "Source", "citation", "kilder",
           "load_corpus", "ordliste", "render_html", "render_text", "sitat", "utdragsleser", "main"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tiltakslab.sources",
                                 description="Sjekk kildematerialet (kilder, utdrag, ordliste).")
    ap.add_argument("--data", help="datamappe (standard: TILTAKSLAB_DATA eller data/ i repoet)")
    ap.add_argument("--utdrag", help="annen utdragsfil enn data/excerpts.yaml (f.eks. et utkast)")
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--sjekk", action="store_true", help="valider filene (standard)")
    group.add_argument("--oppdater-ordliste", action="store_true",
                       help="regn ut «utdrag» for hver term i ordliste.yaml og skriv dem inn")
    args = ap.parse_args(argv)
    try:
        if args.oppdater_ordliste:
            corpus = load_corpus(args.data, excerpts_file=args.utdrag, glossary=False)
            from pathlib import Path

            from .korpus.loading import parse_glossary, read_yaml

            path = Path(corpus.data_dir) / GLOSSARY_FILE
            entries = parse_glossary(read_yaml(path), None, path.name)
            changed = update_glossary_file(path, entries, corpus.excerpts)
            print(f"{path}: {changed} av {len(entries)} termer fikk nye utdragslister.")
            from .korpus.ordrett import oppdater_sammenheng

            print(f"Sammenhengen rundt sitatene: {oppdater_sammenheng(corpus)} utdrag oppdatert.")
            load_corpus(args.data, excerpts_file=args.utdrag)  # validate the result
            return 0
        corpus = load_corpus(args.data, excerpts_file=args.utdrag)
    except KorpusFeil as exc:
        print(f"FEIL: {exc}", file=sys.stderr)
        return 1
    stale = stale_entries(corpus.glossary, corpus.excerpts)
    print(f"{len(corpus.sources)} kilder, {len(corpus.described_works)} omtalte arbeider, "
          f"{len(corpus.excerpts)} utdrag, {len(corpus.glossary)} termer i ordlisten.")
    for term, (stored, now) in stale.items():
        print(f"UTDATERT ordliste: «{term}» har {stored}, skal ha {now}")
    if stale:
        print("Kjør «python -m tiltakslab.sources --oppdater-ordliste».")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
