"""ipywidgets with shared Layout and Style models, for the exercise engine.

Every ipywidgets control creates its own ``Layout`` model and, for most controls, its own ``Style`` model:
an exercise of 15 visible controls made about 45 models, a set of ten exercises several hundred, and each
model is a comm message the kernel sends and the browser turns into a model before the page is usable
(measured: 200 ``HTML`` widgets 0.19 s in a kernel with their own models, 0.08 s with shared ones). The engine
never changes a widget's layout or style after building it (it shows and hides with CSS classes), so widgets
with the same layout or style can share one model: ``Layout(width="7em")`` here returns one shared model per
set of properties, and the widget classes here (same front-end models, ``isinstance`` of the ipywidgets class)
take a shared layout and style unless given an instance. Anything else is ipywidgets' own.

Use ``from tiltakslab.ovelser import delte as w`` where ``import ipywidgets as w`` was.
"""

from __future__ import annotations

from functools import cache

import ipywidgets as _w

# the controls the engine builds (the rest of ipywidgets is passed through by __getattr__)
_KLASSER = ("HTML", "HTMLMath", "Label", "Button", "Dropdown", "Text", "Textarea", "RadioButtons", "Checkbox",
            "VBox", "HBox", "Output")


def _nokkel(verdi: dict | None) -> tuple:
    return tuple(sorted((verdi or {}).items()))


@cache
def _layout(egenskaper: tuple) -> _w.Layout:
    return _w.Layout(**dict(egenskaper))


@cache
def _stil(klasse: type, egenskaper: tuple):
    return klasse(**dict(egenskaper))


def Layout(**egenskaper) -> _w.Layout:  # noqa: N802 - stands in for ipywidgets.Layout
    """The shared layout model with these properties (never change it: other widgets use it too)."""
    return _layout(_nokkel(egenskaper))


def _delt(klasse: type) -> type:
    stiltrekk = klasse.class_traits().get("style")
    stilklasse = getattr(stiltrekk, "klass", None)

    def __init__(self, *args, **kw):
        layout = kw.get("layout")
        if not isinstance(layout, _w.Layout):
            kw["layout"] = _layout(_nokkel(layout))
        if stilklasse is not None and not isinstance(kw.get("style"), _w.widgets.widget.Widget):
            kw["style"] = _stil(stilklasse, _nokkel(kw.get("style")))
        klasse.__init__(self, *args, **kw)

    return type(klasse.__name__, (klasse,), {"__init__": __init__, "__module__": __name__,
                                               "__doc__": klasse.__doc__})


for _navn in _KLASSER:
    globals()[_navn] = _delt(getattr(_w, _navn))


def __getattr__(navn: str):
    return getattr(_w, navn)
