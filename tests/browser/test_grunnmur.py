"""The harness itself, on notebooks of our own: servers start, widgets render and answer clicks,
and the readiness check really notices a widget that cannot be displayed."""

from __future__ import annotations

import pytest

from . import lab, notatboker

pytestmark = pytest.mark.browser

NOTATBOKER = {"knapp.ipynb": notatboker.knapp(), "manglende.ipynb": notatboker.manglende_modell()}


def test_lab_knapp_gir_utdata(side, jupyterlab):
    lab.open_notebook(side, jupyterlab.url, "knapp.ipynb")
    lab.run_all(side)
    assert lab.cell_errors(side) == []
    panel = lab.output_area(side)
    panel.get_by_role("button", name="Trykk her").click()
    ut = panel.locator(".tl-test-ut")
    ut.get_by_text("Knappen virker").wait_for()
    assert lab.tekst(ut) == "Knappen virker"


def test_lab_omstart_tommer_kjernen(side, jupyterlab):
    lab.open_notebook(side, jupyterlab.url, "knapp.ipynb")
    lab.run_all(side)
    lab.restart_kernel(side)
    lab.run_all(side)
    prompts = lab.tekster(lab.output_area(side).locator(".jp-CodeCell .jp-InputPrompt"))
    assert [p.strip() for p in prompts] == ["[1]:"], "etter omstart skal tellingen begynne på 1 igjen"


def test_beredskapen_merker_widget_som_ikke_vises(side, jupyterlab):
    lab.open_notebook(side, jupyterlab.url, "manglende.ipynb")
    lab.wait_kernel_idle(side)
    side.evaluate("async () => { await window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    panel = lab.output_area(side)
    panel.get_by_role("button", name="Trykk her").wait_for()
    panel.get_by_text("Error displaying widget").wait_for()
    assert side.evaluate(lab.WIDGETS_RENDERED_JS) is False
