"""Public face of the source corpus (see ``tiltakslab.korpus`` for the modules behind it).

Maintenance is done with the console script: ``tiltakslab sjekk`` validates all content files and reports
stale glossary lists; ``tiltakslab oppdater`` recomputes ``utdrag`` in data/ordliste.yaml and the passages
around every quote (data/kilder/sammenheng.json); ``tiltakslab dekning`` reports corpus coverage.
"""

from __future__ import annotations

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
from .korpus.glossary import stale_entries

__all__ = ["Corpus", "DescribedWork", "Excerpt", "GlossaryEntry", "KorpusFeil", "Source", "citation", "kilder",
           "load_corpus", "ordliste", "render_html", "render_text", "sitat", "utdragsleser",
           "stale_entries"]

