"""Render an excerpt as an accessible quote block (HTML) or as plain text, with its citation."""

from __future__ import annotations

import re
from html import escape

from tiltakslab.meldinger import t

from .errors import KorpusFeil
from .model import Corpus, Excerpt, GlossaryEntry
from .vocab import theme_label, voice_label

_STYLE_FIGURE = ("margin:0.8em 0;padding:0.4em 0.9em;border-left:4px solid #2f5d8a;"
                 "background:#f5f8fb;color:#1a1a1a")
_STYLE_QUOTE = "margin:0;font-size:1.02em;line-height:1.45"
_STYLE_CAPTION = "margin-top:0.4em;font-size:0.9em;color:#333"
_STYLE_CONTEXT = "margin-top:0.5em;font-size:0.95em;line-height:1.45"


def _corpus(corpus: Corpus | None) -> Corpus:
    if corpus is not None:
        return corpus
    from .loading import load_corpus

    return load_corpus(glossary=False)


def _excerpt(excerpt: Excerpt | str, corpus: Corpus | None) -> tuple[Excerpt, Corpus | None]:
    if isinstance(excerpt, Excerpt):
        return excerpt, corpus
    c = _corpus(corpus)
    return c.get(excerpt), c


def paragraphs(text: str) -> list[str]:
    """Split an excerpt text into paragraphs at blank lines; fold other whitespace."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def citation(excerpt: Excerpt, corpus: Corpus | None = None) -> str:
    """Plain-text citation: «<source citation>, <locator>»."""
    c = corpus
    if c is None:
        try:
            c = _corpus(None)
        except KorpusFeil:  # fall back to the bare source id
            c = None
    src = c.sources.get(excerpt.source) if c is not None else None
    label = src.sitering if src is not None else excerpt.source
    return f"{label}, {excerpt.locator}"


def context_html(excerpt: Excerpt, corpus: Corpus | None) -> str:
    """A collapsed «Se sammenhengen»: the passage around the quote in its source, the quote marked.

    Empty when the source text is not available (the quote block is shown without it).
    """
    if corpus is None:
        try:
            corpus = _corpus(None)
        except KorpusFeil:
            return ""
    from .ordrett import sammenheng  # noqa: PLC0415

    ctx = sammenheng(excerpt, corpus)
    if ctx is None:
        return ""
    body = "".join(f"<mark>{escape(txt)}</mark>" if quoted else escape(txt) for txt, quoted in ctx.biter)
    src = corpus.sources.get(excerpt.source)
    name = src.kortnavn if src is not None else excerpt.source
    return (f'<details class="tl-sammenheng" style="{_STYLE_CONTEXT}"><summary style="cursor:pointer">'
            f'{escape(t("korpus.se_sammenhengen"))}</summary>'
            f'<p style="margin:0.4em 0">{body}</p>'
            f'<p style="margin:0;font-size:0.9em;color:#333">'
            f'{escape(t("korpus.sammenheng_forklaring", kilde=name))}</p></details>')


def render_html(excerpt: Excerpt | str, corpus: Corpus | None = None, show_meta: bool = False,
                context: bool = True) -> str:
    """An accessible quote block: ``<figure><blockquote>…</blockquote><figcaption>…</figcaption></figure>``.

    Everything is HTML-escaped. A note (e.g. [sic]) goes in the caption, outside the quote.
    ``show_meta`` adds themes and voice to the caption (used by the excerpt browser).
    ``context`` adds a collapsed «Se sammenhengen» with the passage around the quote in its source.
    The excerpt id is kept in ``data-utdrag`` for tools and tests, never shown to the learner.
    """
    ex, corpus = _excerpt(excerpt, corpus)
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs(ex.text))
    parts = [f'— <cite>{escape(citation(ex, corpus))}</cite>']
    if ex.note:
        parts.append(f'<br><span class="tl-merknad">{escape(t("korpus.merknad", tekst=ex.note))}</span>')
    if show_meta:
        meta = t("korpus.tema_liste", temaer=", ".join(theme_label(k) for k in ex.themes))
        if ex.voice:
            meta += t("korpus.stemme_meta", stemme=voice_label(ex.voice))
        parts.append(f'<br><span class="tl-meta">{escape(meta)}</span>')
    return (f'<figure class="tl-sitat" lang="nb" data-utdrag="{escape(ex.id)}" style="{_STYLE_FIGURE}">'
            f'<blockquote style="{_STYLE_QUOTE}">{body}</blockquote>'
            f'<figcaption style="{_STYLE_CAPTION}">{"".join(parts)}'
            f'{context_html(ex, corpus) if context else ""}</figcaption></figure>')


def render_text(excerpt: Excerpt | str, corpus: Corpus | None = None) -> str:
    """Plain-text quote block: the text in «», the citation on the next line, then any note."""
    ex, corpus = _excerpt(excerpt, corpus)
    lines = ["«" + "\n\n".join(paragraphs(ex.text)) + "»",
             f"— {citation(ex, corpus)}"]
    if ex.note:
        lines.append(t("korpus.merknad", tekst=ex.note))
    return "\n".join(lines)


def render_glossary_html(entries: list[GlossaryEntry]) -> str:
    """A definition list of glossary entries, escaped."""
    if not entries:
        return f"<p>{escape(t('korpus.ingen_termer'))}</p>"
    items = []
    sprak = escape(t("sprak.html"))  # the interface's words inside the bokmål glossary
    for e in entries:
        dd = escape(e.forklaring)
        if e.utover_kildene:
            dd += (f'<br><em class="tl-utover" lang="{sprak}">'
                   f'{escape(t("ordliste.utover_kildene", merknad=e.merknad or ""))}</em>')
        if e.utdrag:
            dd += (f'<br><span class="tl-forekomst" lang="{sprak}">'
                   + escape(t("ordliste.finnes_i", ider=", ".join(e.utdrag))) + "</span>")
        items.append(f"<dt><strong>{escape(e.term)}</strong></dt>"
                     f"<dd style='margin:0 0 0.6em 1.2em'>{dd}</dd>")
    return f'<dl class="tl-ordliste" lang="nb">{"".join(items)}</dl>'


def render_glossary_text(entries: list[GlossaryEntry]) -> str:
    if not entries:
        return t("korpus.ingen_termer")
    out = []
    for e in entries:
        block = f"{e.term}: {e.forklaring}"
        if e.utover_kildene:
            block += ("\n  " + t("ordliste.utover_kildene", merknad=e.merknad or "")).rstrip()
        if e.utdrag:
            block += "\n  " + t("ordliste.finnes_i", ider=", ".join(e.utdrag))
        out.append(block)
    return "\n\n".join(out)
