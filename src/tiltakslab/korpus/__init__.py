"""The source corpus: sources, verbatim excerpts and glossary.

Modules, one job each: ``errors`` (KorpusFeil), ``vocab`` (themes, voices), ``model`` (data classes,
filter, search), ``loading`` (read + validate), ``glossary`` (term occurrences), ``render``
(quote blocks), ``display`` (``sitat``, ``ordliste``), ``browser`` (``utdragsleser``).
Nothing here imports IPython or ipywidgets at import time.
"""

from .browser import utdragsleser
from .display import kilder, ordliste, sitat
from .errors import KorpusFeil
from .loading import load_corpus
from .model import Corpus, DescribedWork, Excerpt, GlossaryEntry, Source
from .render import citation, render_html, render_text

__all__ = ["Corpus", "DescribedWork", "Excerpt", "GlossaryEntry", "KorpusFeil", "Source", "citation",
           "kilder", "load_corpus", "ordliste", "render_html", "render_text", "sitat", "utdragsleser"]
