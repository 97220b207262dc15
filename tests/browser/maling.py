"""Click-to-feedback latency measured in the page, written to ``benchmarks/results_browser.json``.

The benchmark reads this file; the tests never assert on time. Format::

    {"run": "<test run id>", "browser": "<version>",
     "click_to_feedback_ms": {"median": 123.4, "samples": [..], "n": 5,
                              "by_exercise": {"<label>": [..]}}}

Several xdist workers of one run add to the same file (under a lock); a new run starts afresh.
"""

from __future__ import annotations

import fcntl
import json
import os
import statistics
import tempfile
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

from .servers import REPO

RESULTS = REPO / "benchmarks" / "results_browser.json"
_LOCK = Path(tempfile.gettempdir()) / "tiltakslab-results_browser.lock"
_RUN_ID = os.environ.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex

# In the page: the time of the next click on the target, and of the first change in the
# feedback element after it (MutationObserver), both on the page's own clock.
_ARM_JS = """
([target, feedback]) => {
  const m = {click: null, feedback: null};
  window.__tlLatency = m;
  target.addEventListener('click', () => { if (m.click === null) m.click = performance.now(); },
                          {capture: true, once: true});
  const obs = new MutationObserver(() => {
    if (m.click !== null && m.feedback === null && feedback.innerText.trim().length > 0) {
      m.feedback = performance.now();
      obs.disconnect();
    }
  });
  obs.observe(feedback, {childList: true, subtree: true, characterData: true});
}
"""


def click_to_feedback(page: Page, target: Locator, feedback: Locator, timeout: float = 60_000) -> float:
    """Click ``target`` and return the milliseconds until ``feedback`` first shows text after it."""
    page.evaluate(_ARM_JS, [target.element_handle(), feedback.element_handle()])
    target.click()
    try:
        page.wait_for_function("() => window.__tlLatency && window.__tlLatency.feedback !== null",
                               timeout=timeout)
    except Exception as exc:
        raise AssertionError(f"ingen tilbakemelding {timeout / 1000:.0f} s etter klikk på {target}") from exc
    m = page.evaluate("() => window.__tlLatency")
    return float(m["feedback"] - m["click"])


def record(label: str, ms: float, browser_version: str = "") -> None:
    """Add one sample to the results file (shared by the workers of this run)."""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with open(_LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            data = json.loads(RESULTS.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        if data.get("run") != _RUN_ID:
            data = {"run": _RUN_ID, "browser": browser_version,
                    "click_to_feedback_ms": {"by_exercise": {}}}
        block = data["click_to_feedback_ms"]
        block["by_exercise"].setdefault(label, []).append(round(ms, 1))
        samples = [s for values in block["by_exercise"].values() for s in values]
        block.update(samples=samples, n=len(samples), median=round(statistics.median(samples), 1))
        tmp = RESULTS.with_name(f".{RESULTS.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, RESULTS)
