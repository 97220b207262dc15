"""Tests that read a lesson's code read its views too: ``vis("navn")`` draws from ``tiltakslab.visninger``."""

from __future__ import annotations

import re

VIS = re.compile(r'\bvis\("([^"]+)"\)')


def med_visninger(kode: list[str]) -> list[str]:
    """A notebook's code cells followed by the source of every view module they show with ``vis(...)``."""
    from tiltakslab.visninger import kildekode

    navn = dict.fromkeys(n for kilde in kode for n in VIS.findall(kilde))
    return [*kode, *dict.fromkeys(kildekode(n) for n in navn)]


def tekstutdata(celle) -> str:
    """A code cell's printed text and its plain-text displays without an HTML form (a view's text lines)."""
    ut = []
    for o in celle.get("outputs", []):
        if o.get("output_type") == "stream":
            ut.append(o.get("text", ""))
        elif "text/plain" in o.get("data", {}) and "text/html" not in o["data"]:
            ut.append(o["data"]["text/plain"])
    return "".join(ut)
