"""The start page links to every lesson and exercise notebook, and every link resolves."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
START = ROOT / "notebooks" / "00_start.ipynb"


def _links() -> set[Path]:
    nb = nbformat.read(START, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return {(START.parent / target).resolve() for target in re.findall(r"\]\(([^)\s]+\.ipynb)\)", text)}


def test_every_link_resolves():
    missing = [str(p.relative_to(ROOT)) for p in _links() if not p.is_file()]
    assert missing == []


def test_every_notebook_is_linked():
    links = _links()
    expected = {p.resolve() for p in (ROOT / "notebooks").glob("*.ipynb") if p != START}
    expected |= {p.resolve() for p in (ROOT / "exercises").glob("*.ipynb")}
    assert sorted(str(p.relative_to(ROOT)) for p in expected - links) == []


def test_start_page_explains_saving_and_the_three_audiences():
    nb = nbformat.read(START, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for phrase in ("Student", "Lærer", "NAV-ansatt", "Slik lagres svarene dine"):
        assert phrase in text
    assert "tiltakslab-svar" not in text and "solutions/" not in text  # no folder names for learners
