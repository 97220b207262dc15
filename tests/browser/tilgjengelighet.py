"""axe-core accessibility scans (axe-core bundled by axe-playwright-python), WCAG 2.1 A/AA rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

ALVORLIG = ("critical", "serious")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def skann(page: Page, context: str | dict | None = None) -> list[dict]:
    """Run axe on ``context`` (a CSS selector or axe context; whole page if None); return the
    critical and serious violations."""
    from axe_playwright_python.sync_playwright import Axe  # noqa: PLC0415

    options = {"resultTypes": ["violations"], "runOnly": {"type": "tag", "values": WCAG_TAGS}}
    results = Axe().run(page, context=context, options=options)
    return [v for v in results.response["violations"] if v.get("impact") in ALVORLIG]


def beskriv(brudd: list[dict]) -> str:
    """A readable list of violations with the first few offending elements."""
    linjer = []
    for v in brudd:
        linjer.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        for node in v.get("nodes", [])[:5]:
            linjer.append(f"    {node.get('target')}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(linjer)
