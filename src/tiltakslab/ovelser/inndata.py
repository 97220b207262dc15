"""Shared helpers for the input widgets of the exercise kinds (``ovelser/slag/*.py``).

Thin layer: every input has a label (``description``) and a stable CSS class. Each kind's widget class
lives in its kind module and imports this module (and ipywidgets) only when a widget is built.
"""

from __future__ import annotations

import html
import random

from tiltakslab.meldinger import t
from tiltakslab.ovelser import delte as w
from tiltakslab.ovelser.visning import fyll_navn

BRED = w.Layout(width="auto")
STIL = {"description_width": "initial"}


def merk(widget: w.Widget, *klasser: str) -> w.Widget:
    for k in klasser:
        widget.add_class(k)
    return widget


def blandet(ov: dict, felt: str) -> list[dict]:
    """Items shuffled deterministically per exercise id, never in the key's order."""
    elementer = list(ov[felt])
    random.Random(ov["id"]).shuffle(elementer)
    if [e["id"] for e in elementer] == [e["id"] for e in ov[felt]]:
        elementer = elementer[1:] + elementer[:1]
    return elementer


def nedtrekk_per_element(ov: dict, navn: str | None, valg: list, etikett: str,
                         bredde: str) -> tuple[dict[str, w.Dropdown], list[w.Widget]]:
    """One labelled drop-down per item (shuffled), the item's text beside it: rankings and sortings."""
    nedtrekk: dict[str, w.Dropdown] = {}
    rader = []
    for e in blandet(ov, "elementer"):
        tekst = fyll_navn(e["tekst"], navn)
        # The label names the item («Plass for «…»»): a screen reader hears which item the select is for.
        # It is visually hidden; the item's text is shown beside the select.
        dd = merk(w.Dropdown(options=valg, value=None, description=t("inndata.for_punkt", etikett=etikett,
                                                                         tekst=tekst),
                             style=STIL, layout=w.Layout(width=bredde)), "tl-inndata", "tl-skjult-etikett")
        dd.tooltip = tekst
        nedtrekk[str(e["id"])] = dd
        rader.append(w.HBox([dd, w.HTML(html.escape(tekst))]))
    return nedtrekk, rader
