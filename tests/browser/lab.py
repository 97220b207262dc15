"""Drive a notebook in JupyterLab: open it, wait for the kernel, run all cells, restart the kernel.

Set-up steps (run all, restart) use JupyterLab's own commands, which is what its menus call;
the exercises themselves are answered through the page with real clicks and key presses.
JupyterLab is started with ``expose_app_in_browser`` so ``window.jupyterapp`` exists. Every
wait has a deadline and a condition; nothing sleeps for a fixed time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

KERNEL_TIMEOUT_MS = 90_000
RUN_TIMEOUT_MS = 180_000

# The notebook panel in the main area and its session, as seen by JupyterLab itself.
_PANEL_JS = """
() => {
  const app = window.jupyterapp;
  if (!app || !app.shell) return null;
  const w = app.shell.currentWidget;
  return w && w.sessionContext && w.content ? w : null;
}
"""

_KERNEL_READY_JS = f"""
() => {{
  const w = ({_PANEL_JS})();
  if (!w) return false;
  const ctx = w.sessionContext;
  const k = ctx.session && ctx.session.kernel;
  if (!ctx.isReady || !k || k.connectionStatus !== 'connected' || k.status !== 'idle') return false;
  // The same state as a person sees it: the notebook's kernel status indicator says idle.
  const ind = w.node.querySelector('.jp-Notebook-ExecutionIndicator');
  return !ind || ind.getAttribute('data-status') === 'idle';
}}
"""

# Every code cell has run: read from the notebook model, not from the prompts in the page, because a
# cell whose code is folded (the exercise sets fold their widget code) shows no prompt number.
_ALL_RAN_JS = f"""
() => {{
  const w = ({_PANEL_JS})();
  if (!w || !w.content.model) return false;
  const cells = w.content.model.cells;
  let code = 0;
  for (let i = 0; i < cells.length; i++) {{
    const c = cells.get(i);
    if (c.type !== 'code') continue;
    code += 1;
    if (c.executionCount === null || c.executionCount === undefined) return false;
  }}
  return code > 0;
}}
"""

# Every widget output has rendered a widget view; no placeholder or widget error is left.
WIDGETS_RENDERED_JS = """
(root) => {
  root = root || document;
  const text = root.body ? root.body.innerText : root.innerText;
  if (/Loading widget|Error displaying widget|Laster widget/i.test(text || '')) return false;
  const outs = Array.from(root.querySelectorAll(
    '[data-mime-type="application/vnd.jupyter.widget-view+json"]'));
  return outs.every(o => o.querySelector('.jupyter-widgets, .lm-Widget.widget-box, .widget-inline-hbox'));
}
"""


WIDGET_MANAGER = "@jupyter-widgets/jupyterlab-manager:plugin"


def wait_widget_manager(page: Page, timeout: float = KERNEL_TIMEOUT_MS) -> None:
    """The ipywidgets front-end extension is loaded and active in JupyterLab. Without it widgets
    silently fall back to their text form, which no widget-view check would notice."""
    feil = f"JupyterLab har ikke lastet widget-utvidelsen {WIDGET_MANAGER}; øvelsene kan ikke vises"
    # Plugins are registered when the app starts; one that is missing now will not come later.
    if not page.evaluate("(id) => window.jupyterapp.hasPlugin(id)", WIDGET_MANAGER):
        raise AssertionError(feil)
    try:
        page.wait_for_function("(id) => window.jupyterapp.isPluginActivated(id)", arg=WIDGET_MANAGER,
                               timeout=timeout)
    except Exception as exc:
        raise AssertionError(feil) from exc


def open_notebook(page: Page, base_url: str, path: str) -> None:
    """Open ``path`` (relative to the server root) and wait until its kernel is connected and idle."""
    # ?reset: an empty workspace, so the notebook is the only (and current) document.
    page.goto(f"{base_url}/lab/tree/{quote(path)}?reset")
    page.wait_for_function(
        f"(path) => {{ const w = ({_PANEL_JS})(); return !!w && w.context.path === path; }}",
        arg=path, timeout=KERNEL_TIMEOUT_MS,
    )
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=KERNEL_TIMEOUT_MS)
    wait_kernel_idle(page)
    wait_widget_manager(page)


def wait_kernel_idle(page: Page, timeout: float = KERNEL_TIMEOUT_MS) -> None:
    page.wait_for_function(_KERNEL_READY_JS, timeout=timeout)


def wait_widgets(page: Page, timeout: float = RUN_TIMEOUT_MS) -> None:
    """Wait until every widget output in the page is rendered (widget manager loaded)."""
    page.wait_for_function(WIDGETS_RENDERED_JS, timeout=timeout)


def run_all(page: Page) -> None:
    """Run all cells (Run ▸ Run All Cells) and wait for every prompt, the kernel and the widgets."""
    wait_kernel_idle(page)
    page.evaluate("async () => { await window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    page.wait_for_function(_ALL_RAN_JS, timeout=RUN_TIMEOUT_MS)
    wait_kernel_idle(page, RUN_TIMEOUT_MS)
    wait_widgets(page)


def cell_errors(page: Page) -> list[str]:
    """Texts of error outputs (tracebacks) in the open notebook."""
    return page.locator(
        '.jp-NotebookPanel:not(.lm-mod-hidden) [data-mime-type="application/vnd.jupyter.stderr"],'
        " .jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output.jp-mod-error"
    ).evaluate_all("es => es.map(e => e.innerText)")


def restart_kernel(page: Page) -> None:
    """Kernel ▸ Restart Kernel…, accept the dialog as a person would, and wait until it is idle again."""
    wait_kernel_idle(page)
    page.evaluate(
        f"""() => {{
          const k = ({_PANEL_JS})().sessionContext.session.kernel;
          window.__tlRestarted = false;
          k.statusChanged.connect((_, s) => {{
            if (s === 'restarting' || s === 'autorestarting') window.__tlRestarted = true;
          }});
          window.jupyterapp.commands.execute('notebook:restart-kernel');
        }}"""
    )
    page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept").click()
    page.wait_for_function("() => window.__tlRestarted === true", timeout=KERNEL_TIMEOUT_MS)
    wait_kernel_idle(page)


# Scroll the element into view and read its rendered text once the browser renders it: JupyterLab
# renders cells far from the view lazily (CSS content-visibility), and until the next frame such
# an element's innerText is "". Bounded by a number of animation frames, not by time.
_TEKST_JS = """
async (e) => {
  e.scrollIntoView({block: 'nearest'});
  for (let i = 0; i < 60 && !e.checkVisibility({contentVisibilityAuto: true}); i++) {
    await new Promise(r => requestAnimationFrame(r));
  }
  await new Promise(r => requestAnimationFrame(r));
  return e.innerText;
}
"""


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def tekst(locator: Locator) -> str:
    """The element's rendered text (``innerText``), whitespace-normalised."""
    return _norm(locator.evaluate(_TEKST_JS))


def tekster(locator: Locator) -> list[str]:
    return [_norm(locator.nth(i).evaluate(_TEKST_JS)) for i in range(locator.count())]


# The output areas of the visible notebook: where our widgets and quotes are (axe scan scope).
OUTPUTS = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea"


def output_area(page: Page):
    """The visible notebook's panel (scope for locators)."""
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
