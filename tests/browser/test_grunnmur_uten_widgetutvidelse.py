"""A JupyterLab without the ipywidgets front-end extension (as after a broken install): the
harness must say so instead of passing on the widgets' text form."""

from __future__ import annotations

import pytest

from . import lab, notatboker

pytestmark = pytest.mark.browser

NOTATBOKER = {"knapp.ipynb": notatboker.knapp()}
SLA_AV_UTVIDELSER = (lab.WIDGET_MANAGER.split(":")[0],)


def test_manglende_widgetutvidelse_blir_oppdaget(side, jupyterlab):
    with pytest.raises(AssertionError, match="widget-utvidelsen"):
        lab.open_notebook(side, jupyterlab.url, "knapp.ipynb")
    # and what the learner would have seen: no button, only the widget's text form
    lab.wait_kernel_idle(side)
    side.evaluate("async () => { await window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    panel = lab.output_area(side)
    panel.get_by_text("VBox(children=").wait_for()
    assert panel.get_by_role("button", name="Trykk her").count() == 0
