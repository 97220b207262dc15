"""Failure artefacts: a screenshot, the page's console log and the server log, under test-artefakter/.

``follow(page)`` starts recording a page's console; ``save(nodeid, pages, servers)`` writes one
folder per failed test. The folder is git-ignored (``/test-artefakter/`` in .gitignore).
"""

from __future__ import annotations

import re
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

from .servers import REPO, Server

ARTEFACT_DIR = REPO / "test-artefakter"

_console: weakref.WeakKeyDictionary[Page, list[str]] = weakref.WeakKeyDictionary()


def follow(page: Page) -> list[str]:
    """Record console messages and uncaught page errors of ``page``; returns the live list."""
    lines: list[str] = []
    _console[page] = lines
    page.on("console", lambda msg: lines.append(f"[{msg.type}] {msg.text}"))
    page.on("pageerror", lambda exc: lines.append(f"[pageerror] {exc}"))
    return lines


def open_pages() -> list[Page]:
    """Pages being followed that are still open (for failures in fixture set-up)."""
    return [p for p in list(_console.keys()) if not p.is_closed()]


def console_lines(page: Page) -> list[str]:
    return list(_console.get(page, []))


def _folder(nodeid: str) -> Path:
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_")[-150:]
    return ARTEFACT_DIR / name


def save(nodeid: str, pages: list[Page], servers: list[Server]) -> Path:
    """Write screenshots, console logs and server logs for a failed test; return the folder."""
    folder = _folder(nodeid)
    folder.mkdir(parents=True, exist_ok=True)
    for index, page in enumerate(pages):
        stem = f"side{index}"
        try:
            if not page.is_closed():
                page.screenshot(path=str(folder / f"{stem}.png"), full_page=True, timeout=15_000)
        except Exception as exc:  # a crashed page must not hide the test's own failure
            (folder / f"{stem}-skjermbilde-feil.txt").write_text(repr(exc), encoding="utf-8")
        (folder / f"{stem}-konsoll.log").write_text("\n".join(console_lines(page)) + "\n", encoding="utf-8")
    for server in servers:
        (folder / f"{server.name}.log").write_text(server.log_text(), encoding="utf-8")
    return folder
