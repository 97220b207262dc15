"""kilder(): the list of quoted sources shown on the start page."""

from __future__ import annotations

from collections import Counter

from tiltakslab.korpus.display import kilder_visning
from tiltakslab.sources import load_corpus


def test_lists_every_source_with_its_excerpt_count():
    corpus = load_corpus()
    view = kilder_visning(corpus)
    counts = Counter(ex.source for ex in corpus.excerpts.values())
    assert view.text.startswith(f"Tiltakslab siterer {len(corpus.sources)} kilder:")
    for source in corpus.sources.values():
        assert f"{source.sitering} (" in view.text
        assert f"{counts[source.id]} utdrag)" in view.text


def test_html_is_escaped_and_caveats_are_quoted():
    view = kilder_visning(load_corpus())
    assert view.html.count("<li>") == len(load_corpus().sources)
    assert "<q>Det understrekes at det som her legges fram er høyst foreløpige funn" in view.html
