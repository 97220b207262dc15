"""Notebook-facing display functions (Norwegian names): ``sitat`` and ``ordliste``.

IPython is imported inside the functions so that ``import tiltakslab`` stays cheap.
"""

from __future__ import annotations

import difflib

from tiltakslab.meldinger import t

from .errors import KorpusFeil
from .glossary import search_glossary
from .model import Corpus
from .render import render_glossary_html, render_glossary_text, render_html, render_text


class Visning:
    """Something with an HTML and a plain-text rendering, for IPython's rich display."""

    def __init__(self, html: str, text: str):
        self.html = html
        self.text = text

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


def _show(obj: Visning) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        print(obj.text)
        return
    if get_ipython() is None:
        print(obj.text)
    else:
        display(obj)


def _message(text: str) -> Visning:
    from html import escape

    return Visning(f'<p class="tl-melding" role="status">{escape(text)}</p>', text)


def _load(corpus: Corpus | None, glossary: bool = False) -> Corpus | Visning:
    """The given corpus, or the default one. Quotes do not need the glossary, so a stale glossary
    never keeps a learner from reading excerpts."""
    if corpus is not None:
        return corpus
    from .loading import load_corpus

    try:
        return load_corpus(glossary=glossary)
    except KorpusFeil as exc:
        return _message(t("korpus.kan_ikke_lese", feil=str(exc)))


def sitat_visninger(*ids: str, corpus: Corpus | None = None) -> list[Visning]:
    """The quote blocks for ``ids`` (or messages for unknown ids), without displaying them."""
    c = _load(corpus)
    if isinstance(c, Visning):
        return [c]
    if not ids:
        return [_message(t("korpus.trenger_id"))]
    out = []
    for ident in ids:
        ex = c.excerpts.get(str(ident).strip())
        if ex is None:
            near = difflib.get_close_matches(str(ident), list(c.excerpts), n=3)
            hint = ""
            if near:
                alts = near[0] if len(near) == 1 else ", ".join(near[:-1]) + f" {t('korpus.eller')} " + near[-1]
                hint = t("korpus.mente_du", forslag=alts)
            out.append(_message(t("korpus.fant_ikke", id=ident, hint=hint)))
        else:
            out.append(Visning(render_html(ex, c), render_text(ex, c)))
    return out


def sitat(*ids: str, corpus: Corpus | None = None) -> None:
    """Show one or more excerpts as quote blocks with their citation.

    ``sitat("notat-012", "strategi-03")``
    """
    for v in sitat_visninger(*ids, corpus=corpus):
        _show(v)


def ordliste_visning(sok: str | None = None, corpus: Corpus | None = None) -> Visning:
    c = _load(corpus, glossary=True)
    if isinstance(c, Visning):
        return c
    entries = search_glossary(c.glossary, sok)
    head = (t("ordliste.antall_sok", antall=len(entries), av=len(c.glossary), sok=sok) if sok
            else t("ordliste.antall", antall=len(entries), av=len(c.glossary)))
    from html import escape

    html = f'<p role="status">{escape(head)}</p>' + render_glossary_html(entries)
    return Visning(html, head + "\n\n" + render_glossary_text(entries))


def ordliste(sok: str | None = None, corpus: Corpus | None = None) -> None:
    """Show the glossary, or only the terms matching ``sok``: ``ordliste("vilkår")``."""
    _show(ordliste_visning(sok, corpus))


def kilder_visning(corpus: Corpus | None = None) -> Visning:
    """The list of quoted sources with their citation, kind and the caveats they give themselves."""
    from html import escape

    c = _load(corpus)
    if isinstance(c, Visning):
        return c
    html_items, text_items = [], []
    for source in c.sources.values():
        counted = sum(1 for ex in c.excerpts.values() if ex.source == source.id)
        kind = source.get("dokumenttype") or ""
        caveats = source.get("forbehold") or []
        line = t("korpus.kilde_linje", sitering=source.sitering, type=kind, antall=counted)
        label = t("korpus.forbehold")
        text_items.append("- " + line + "".join(f"\n    {label} «{f}»" for f in caveats[:1]))
        caveat_html = "".join(f"<br><small>{escape(label)} <q>{escape(f)}</q></small>" for f in caveats[:1])
        html_items.append(f"<li>{escape(line)}{caveat_html}</li>")
    head = t("korpus.siterer", n=len(c.sources))
    return Visning(f"<p>{escape(head)}</p><ul class=\"tl-kilder\">{''.join(html_items)}</ul>",
                   head + "\n" + "\n".join(text_items))


def kilder(corpus: Corpus | None = None) -> None:
    """Show the sources Tiltakslab quotes: ``kilder()``."""
    _show(kilder_visning(corpus))
