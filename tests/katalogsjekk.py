"""Shared by the catalogue tests (unit and browser): find catalogue templates in shown text."""

from __future__ import annotations

import html
import re
import string

from tiltakslab.meldinger import katalog


class Mal:
    """A template to look for in shown text: its literal parts in order, any text for each placeholder.

    (Plain ``str.find`` in sequence: a regular expression with several lazy wildcards backtracks
    badly on long feedback texts.)"""

    def __init__(self, tekst: str):
        self.deler = [lit for lit, *_ in string.Formatter().parse(tekst) if lit]
        self.lengde = len("".join(self.deler).strip())

    def search(self, stykke: str) -> bool:
        pos = 0
        for lit in self.deler:
            i = stykke.find(lit, pos)
            if i < 0:
                return False
            pos = i + len(lit)
        return bool(self.deler)


def bare_bokmal() -> dict[str, Mal]:
    """Bokmål templates that nynorsk says differently, with enough literal text to be recognised."""
    nb, nn = katalog("nb"), katalog("nn")
    ut = {}
    for k, tekst in nb.items():
        mal = Mal(tekst)
        if tekst != nn[k] and mal.lengde >= 8 and " " in "".join(mal.deler).strip():
            ut[k] = mal
    return ut


def tekst_av_html(html_tekst: str) -> str:
    """Visible text of an HTML fragment, whitespace-normalised."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", html_tekst))).strip()


def strenger(x: object) -> list[str]:
    """Every string in a nested record."""
    if isinstance(x, str):
        return [x]
    if isinstance(x, dict):
        return [s for v in x.values() for s in strenger(v)]
    if isinstance(x, list | tuple):
        return [s for v in x for s in strenger(v)]
    return []


def bokmal_i(tekster: list[str], innhold: list[str]) -> list[str]:
    """Keys of bokmål-only templates found in ``tekster`` that are not part of the content ``innhold``
    (an exercise's own texts are bokmål and may name an interface label)."""
    blob = "\n".join(innhold)
    return sorted(k for k, mal in bare_bokmal().items()
                  if not mal.search(blob) and any(mal.search(x) for x in tekster))


def nynorsk_i(tekst: str, minst: int = 5) -> list[str]:
    """Keys whose nynorsk text differs from bokmål and is found in ``tekst``."""
    nb, nn = katalog("nb"), katalog("nn")
    return sorted(k for k, v in nn.items() if v != nb.get(k) and Mal(v).lengde >= minst and Mal(v).search(tekst))
