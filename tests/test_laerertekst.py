"""Learner-facing text in the lessons and exercise sets shows no ids, file names or paths.

Scanned: every markdown cell of ``notebooks/*.ipynb`` and ``exercises/*.ipynb`` (link targets are not shown,
so they are left out; the visible link text is scanned), and every stored output of their code cells
(text, Markdown, and the visible text and ``title``/``alt``/``aria-label`` of HTML). Code cells themselves are
code and may name an excerpt (``sitat("notat-026")``); they are folded (tested below).

Forbidden: source ids (``data/sources.yaml``), excerpt ids (``data/excerpts.yaml``), exercise ids
(``data/ovelser/*.yaml``), file names ending in .txt/.csv/.yaml/.md/.ipynb/.json, paths into ``data/``,
``exercises/``, ``notebooks/``, ``solutions/``, and calls of our functions (``sitat(…)``) written as text.
"""

from __future__ import annotations

import html
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
NOTATBOKER = sorted((REPO / "notebooks").glob("*.ipynb")) + sorted((REPO / "exercises").glob("*.ipynb"))
FILNAVN = re.compile(r"[\w.-]+\.(?:txt|csv|ya?ml|md|ipynb|json)\b|\b(?:data|exercises|notebooks|solutions)/",
                     re.IGNORECASE)
# Calls of our own functions written into the text (the reader cannot run them in the app)
KODE = re.compile(r"\b(?:sitat|ordliste|ovelse|kilder|last|vignett|min_sak|velg_id|fremdrift|innlevering)\(")


@cache
def forbudte_ider() -> frozenset[str]:
    kilder = yaml.safe_load((REPO / "data" / "sources.yaml").read_text(encoding="utf-8"))
    ider = {k["id"] for k in kilder["kilder"]}
    ider |= {u["id"] for u in yaml.safe_load((REPO / "data" / "excerpts.yaml").read_text(encoding="utf-8"))}
    for fil in (REPO / "data" / "ovelser").glob("*.yaml"):
        innhold = yaml.safe_load(fil.read_text(encoding="utf-8")) or {}
        ider |= {o["id"] for o in innhold.get("ovelser", [])}
    return frozenset(ider)


@cache
def id_monster() -> re.Pattern:
    ider = sorted(forbudte_ider(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, ider)) + r")(?![\w-])")


class _Synlig(HTMLParser):
    """The text a person sees in an HTML fragment (no script/style), plus title/alt/aria-label."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.deler: list[str] = []
        self._skjult = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skjult += 1
        for navn, verdi in attrs:
            if navn in ("title", "alt", "aria-label") and verdi:
                self.deler.append(verdi)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skjult:
            self._skjult -= 1

    def handle_data(self, data):
        if not self._skjult:
            self.deler.append(data)


def synlig_html(fragment: str) -> str:
    parser = _Synlig()
    parser.feed(fragment)
    return " ".join(parser.deler)


def synlig_markdown(tekst: str) -> str:
    """Markdown without link targets and image sources (the reader sees the link text only)."""
    tekst = re.sub(r"(!?\[[^\]]*\])\([^)]*\)", r"\1", tekst)
    return synlig_html(tekst)


def tekster(nb) -> list[tuple[str, str]]:
    """(where, visible text) for every learner-facing piece of a notebook."""
    ut = []
    for nr, celle in enumerate(nb.cells, start=1):
        if celle.cell_type == "markdown":
            ut.append((f"celle {nr} (tekst)", synlig_markdown(celle.source)))
        elif celle.cell_type == "code":
            for output in celle.get("outputs", []):
                if output.get("output_type") == "stream":
                    ut.append((f"celle {nr} (utskrift)", output.get("text", "")))
                    continue
                data = output.get("data", {})
                if "text/html" in data:
                    ut.append((f"celle {nr} (HTML)", synlig_html(data["text/html"])))
                elif "text/markdown" in data:
                    ut.append((f"celle {nr} (Markdown)", synlig_markdown(data["text/markdown"])))
                elif "text/plain" in data:
                    ut.append((f"celle {nr} (tekst)", data["text/plain"]))
    return ut


def funn(tekst: str) -> list[str]:
    tekst = html.unescape(tekst)
    return sorted(set(id_monster().findall(tekst)) | set(FILNAVN.findall(tekst)) | set(KODE.findall(tekst)))


@pytest.mark.parametrize("sti", NOTATBOKER, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_ingen_ider_filnavn_eller_stier_for_den_som_leser(sti):
    nb = nbformat.read(sti, as_version=4)
    feil = [f"{hvor}: {', '.join(f)}" for hvor, tekst in tekster(nb) if (f := funn(tekst))]
    assert not feil, f"{sti.relative_to(REPO)} viser id-er, filnavn eller stier:\n" + "\n".join(feil)


@pytest.mark.parametrize("sti", NOTATBOKER, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_kodeceller_er_lukket(sti):
    """A learner sees the lesson, not its code: every code cell is folded, except the optional
    calculation cells of the exercise sets (the placeholder cell a learner writes in)."""
    from tiltakslab.bygg import PLACEHOLDER

    nb = nbformat.read(sti, as_version=4)
    apne = [nr for nr, c in enumerate(nb.cells, start=1)
            if c.cell_type == "code" and PLACEHOLDER not in c.source
            and not c.metadata.get("jupyter", {}).get("source_hidden")]
    assert not apne, f"{sti.relative_to(REPO)}: kodecellene {apne} er ikke lukket"


def test_skanneren_finner_det_den_skal():
    """The scanner itself: ids, file names and paths in visible text are found; link targets and
    attributes that are not shown are not."""
    assert funn("Se notat-026 og afi-notat-2004") == ["afi-notat-2004", "notat-026"]
    assert funn("Øvelse opp-01: noe") == ["opp-01"]
    assert funn("les data/synthetic/README.md") == ["README.md", "data/"]
    assert funn(synlig_markdown("[01 Kontekst](../data/x.csv)")) == []
    assert funn(synlig_html('<p data-id="notat-026">Sitat</p>')) == []
    assert funn(synlig_html('<abbr title="notat-026">s. 4</abbr>')) == ["notat-026"]
    assert funn("Kontekst-notat-0266 og 0,42") == []
    assert funn("slå opp med `sitat(\"id\")` i exercises/05_samarbeid.ipynb") == [
        "05_samarbeid.ipynb", "exercises/", "sitat("]


# ------------------------------------------------------------------ numbers in tables

CELLE = re.compile(r"<t([dh])\b[^>]*>(.*?)</t\1>", re.DOTALL | re.IGNORECASE)
DESIMALPUNKTUM = re.compile(r"\d\.\d")


def tabellceller(fragment: str) -> list[str]:
    """The visible text of every cell of every HTML table in ``fragment``."""
    return [html.unescape(re.sub(r"<[^>]+>", "", m.group(2))).strip() for m in CELLE.finditer(fragment)]


@pytest.mark.parametrize("sti", NOTATBOKER, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_tabeller_har_desimalkomma(sti):
    """Every table a lesson or set shows has Norwegian numbers (0,42 – never 0.42)."""
    nb = nbformat.read(sti, as_version=4)
    feil = []
    for nr, celle in enumerate(nb.cells, start=1):
        for output in celle.get("outputs", []) if celle.cell_type == "code" else []:
            fragment = output.get("data", {}).get("text/html", "")
            if "<table" not in fragment:
                continue
            feil += [f"celle {nr}: «{t}»" for t in tabellceller(fragment) if DESIMALPUNKTUM.search(t)]
    assert not feil, f"{sti.relative_to(REPO)} har desimalpunktum i tabeller:\n" + "\n".join(feil[:20])


def test_tabell_gir_norske_tall():
    import pandas as pd

    from tiltakslab.visning import norsk_tall, tabell

    df = pd.DataFrame({"andel": [0.61, 1.256, None], "antall": [1234, 5, 6], "tekst": ["a", "b", "c"],
                       "prosent": [29.0, 39.7, 41.4]}, index=["x", "y", "z"])
    vist = tabell(df)
    celler = tabellceller(vist.html())
    assert {"0,610", "1,256", "–", "1 234", "29,0", "39,7"} <= set(celler)
    assert not [c for c in celler if DESIMALPUNKTUM.search(c)]
    assert "1 234" in vist.tekst() and "0,610" in vist.tekst() and "." not in vist.tekst()
    assert vist.html() == tabell(df).html()  # stable HTML for nbval
    assert tabellceller(tabell(df["prosent"]).html())[-1] == "41,4"  # a Series is shown as a one-column table
    assert norsk_tall(1234567.891, 2) == "1 234 567,89"
    # the scanner finds a decimal point where pandas would show one
    assert [c for c in tabellceller(df.to_html()) if DESIMALPUNKTUM.search(c)]
