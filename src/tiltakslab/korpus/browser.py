"""The excerpt browser widget (``utdragsleser``): theme, source and voice filters, a search box,
a live result count and the matching quote blocks with their citations.

The selection logic is the plain function :func:`select`, so it can be tested without widgets.
"""

from __future__ import annotations

from html import escape

from tiltakslab.meldinger import t

from .model import Corpus, Excerpt
from .render import render_html
from .vocab import THEMES, VOICES, theme_label, voice_label

PAGE_SIZE = 15


def select(corpus: Corpus, tema: str | None = None, kilde: str | None = None, stemme: str | None = None,
           sok: str = "") -> list[Excerpt]:
    """Excerpts matching the browser's filters (None = any) and search text, in corpus order."""
    hits = corpus.filter(themes=tema, source=kilde, voice=stemme)
    return corpus.search(sok, excerpts=hits)


def count_text(shown: int, total: int) -> str:
    if total == 0:
        return t("korpus.ingen_treff")
    if shown < total:
        return t("korpus.treff_side", total=total, vist=shown)
    return t("korpus.treff", total=total)


def _build_class():
    import ipywidgets as widgets

    class Utdragsleser(widgets.VBox):
        """Excerpt browser. Attributes ``tema``, ``kilde``, ``stemme``, ``sok`` (inputs),
        ``antall`` (result count), ``resultater`` (quote blocks) and ``flere`` (show more)."""

        def __init__(self, corpus: Corpus, tema=None, kilde=None, stemme=None, sok=""):
            self.corpus = corpus
            style = {"description_width": "5em"}
            layout = widgets.Layout(width="24em")
            self.tema = widgets.Dropdown(
                options=[(t("korpus.alle_temaer"), None)] + [(theme_label(k), k) for k in THEMES],
                value=tema, description=t("korpus.tema"), style=style, layout=layout)
            self.kilde = widgets.Dropdown(
                options=[(t("korpus.alle_kilder"), None)] + [(s.kortnavn, s.id) for s in corpus.sources.values()],
                value=kilde, description=t("korpus.kilde"), style=style, layout=layout)
            self.stemme = widgets.Dropdown(
                options=[(t("korpus.alle_stemmer"), None)] + [(voice_label(v), v) for v in VOICES],
                value=stemme, description=t("korpus.stemme"), style=style, layout=layout)
            self.sok = widgets.Text(value=sok, description=t("korpus.sok"), placeholder=t("korpus.sok_plassholder"),
                                    continuous_update=False, style=style, layout=layout)
            self.antall = widgets.HTML()
            self.resultater = widgets.HTML()
            self.flere = widgets.Button(description=t("korpus.vis_flere"), tooltip=t("korpus.vis_flere_hjelp"),
                                        layout=widgets.Layout(display="none"))
            self.tilbakestill = widgets.Button(description=t("korpus.nullstill"), tooltip=t("korpus.nullstill_hjelp"))
            self.treff: list[Excerpt] = []
            self.vist = 0
            self._muted = False
            for w in (self.tema, self.kilde, self.stemme, self.sok):
                w.observe(self._changed, names="value")
            self.flere.on_click(self._more)
            self.tilbakestill.on_click(self._reset)
            filters = widgets.HBox([widgets.VBox([self.tema, self.kilde]),
                                    widgets.VBox([self.stemme, self.sok]), self.tilbakestill])
            tittel = f"<strong>{escape(t('korpus.overskrift'))}</strong> – {escape(t('korpus.ingress'))}"
            super().__init__([widgets.HTML(tittel),
                              filters, self.antall, self.resultater, self.flere])
            self.add_class("tl-utdragsleser")
            self.oppdater()

        def oppdater(self) -> None:
            """Recompute the hits from the inputs and show the first page."""
            self.treff = select(self.corpus, self.tema.value, self.kilde.value, self.stemme.value,
                                self.sok.value)
            self.vist = min(PAGE_SIZE, len(self.treff))
            self._render()

        def _render(self) -> None:
            shown = self.treff[: self.vist]
            # results first, then the status line: the count is announced when the quotes are there
            self.resultater.value = "".join(render_html(e, self.corpus, show_meta=True) for e in shown)
            self.antall.value = (f'<p role="status" aria-live="polite">'
                                 f"{escape(count_text(len(shown), len(self.treff)))}</p>")
            self.flere.layout.display = None if self.vist < len(self.treff) else "none"

        def _changed(self, _change) -> None:
            if self._muted:
                return
            try:
                self.oppdater()
            except Exception as exc:  # never leave the learner with a silent, stale widget
                self.antall.value = f"<p role='alert'>{escape(t('korpus.noe_gikk_galt', feil=str(exc)))}</p>"

        def _more(self, _button=None) -> None:
            self.vist = min(self.vist + PAGE_SIZE, len(self.treff))
            self._render()

        def _reset(self, _button=None) -> None:
            self._muted = True
            try:
                self.tema.value = self.kilde.value = self.stemme.value = None
                self.sok.value = ""
            finally:
                self._muted = False
            self.oppdater()

    return Utdragsleser


_CLASS = None


def utdragsleser(tema: str | None = None, kilde: str | None = None, stemme: str | None = None, sok: str = "",
                 corpus: Corpus | None = None):
    """The excerpt browser widget; put it last in a cell.

    ``utdragsleser()`` or ``utdragsleser(tema="kartlegging")``.
    """
    global _CLASS
    from .display import _load, _message

    c = _load(corpus)
    if not isinstance(c, Corpus):
        return c
    for name, value, allowed in (("tema", tema, THEMES), ("kilde", kilde, tuple(c.sources)),
                                 ("stemme", stemme, VOICES)):
        if value is not None and value not in allowed:
            return _message(t("korpus.ukjent_verdi", navn=name, verdi=value, gyldige=", ".join(allowed)))
    if _CLASS is None:
        _CLASS = _build_class()
    return _CLASS(c, tema=tema, kilde=kilde, stemme=stemme, sok=sok)
