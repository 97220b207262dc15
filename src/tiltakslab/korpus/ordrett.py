"""Verbatim check of excerpts against their own source texts, and the passage around a quote.

The source texts live in ``<data>/kilder/`` (one or more files per source, listed under ``kildefiler`` in
``sources.yaml``). Matching is verbatim after light normalisation of both sides:

- Unicode NFKC, soft hyphens dropped, typographic quotes and dashes folded to plain ones;
- all whitespace runs folded to one space;
- a word split by a line-end hyphen joined again (tried with and without joining);
- an elision marker («[…]», «[...]», «(…)», «...», «…») splits a quote into parts that must each stand
  verbatim, in order, in the same source file.

Normalisation keeps a map from every normalised character back to its position in the raw text, so a
hit can be shown in context (:func:`sammenheng`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .model import Corpus, Excerpt

_FOLD = {"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "’": "'", "‘": "'", "´": "'",
         "–": "-", "—": "-", "‑": "-", "−": "-"}
ELISION = re.compile(r"\[\s*(?:\.\.\.|…)\s*\]|\(\s*(?:\.\.\.|…)\s*\)|\.\.\.|…")
_HYPHEN_BREAK = re.compile(r"(?<=\w)-[ \t]*\r?\n\s*(?=\w)")
KILDEMAPPE = "kilder"


@dataclass(frozen=True)
class Normalisert:
    """A normalised text and, for each of its characters, the index of the raw character it came from."""

    tekst: str
    kart: tuple[int, ...]


def normaliser(raw: str, join_hyphens: bool = False) -> Normalisert:
    """Normalise ``raw`` as described in the module docstring, keeping the map back to ``raw``."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(raw):
        if ch == "\u00ad":
            continue
        for c in unicodedata.normalize("NFKC", ch):
            chars.append(_FOLD.get(c, c))
            index.append(i)
    text = "".join(chars)
    if join_hyphens:
        drop: set[int] = set()
        for m in _HYPHEN_BREAK.finditer(text):
            drop.update(range(m.start(), m.end()))
        if drop:
            keep = [k for k in range(len(text)) if k not in drop]
            text = "".join(text[k] for k in keep)
            index = [index[k] for k in keep]
    out: list[str] = []
    oidx: list[int] = []
    space = True  # drops leading whitespace
    for c, i in zip(text, index, strict=True):
        if c.isspace():
            if not space:
                out.append(" ")
                oidx.append(i)
                space = True
        else:
            out.append(c)
            oidx.append(i)
            space = False
    if out and out[-1] == " ":
        out.pop()
        oidx.pop()
    return Normalisert("".join(out), tuple(oidx))


def deler(quote: str) -> list[str]:
    """The normalised parts of a quote between elision markers (empty parts dropped)."""
    return [p for p in (normaliser(x).tekst for x in ELISION.split(quote)) if p]


@dataclass(frozen=True)
class Treff:
    """Where a quote stands: the source file and the raw character spans of its parts."""

    fil: str
    spenn: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Kildefil:
    navn: str
    raw: str
    varianter: tuple[Normalisert, ...]


@lru_cache(maxsize=16)
def _les_fil(path: str, mtime_ns: int) -> Kildefil:
    raw = Path(path).read_text(encoding="utf-8")
    return Kildefil(Path(path).name, raw, (normaliser(raw), normaliser(raw, join_hyphens=True)))


def kildemappe(corpus: Corpus) -> Path:
    return Path(corpus.data_dir) / KILDEMAPPE


def kildefiler(corpus: Corpus, source_id: str) -> list[Path]:
    """The text files of one source, in the order ``sources.yaml`` lists them."""
    src = corpus.sources.get(source_id)
    if src is None:
        return []
    return [kildemappe(corpus) / f["fil"] for f in src.get("kildefiler", []) if isinstance(f, dict) and "fil" in f]


def _les(path: Path) -> Kildefil:
    return _les_fil(str(path), path.stat().st_mtime_ns)


def _finn_deler(parts: list[str], text: str) -> list[tuple[int, int]] | None:
    pos = 0
    spans = []
    for part in parts:
        at = text.find(part, pos)
        if at < 0:
            return None
        spans.append((at, at + len(part)))
        pos = at + len(part)
    return spans


def finn(excerpt: Excerpt, corpus: Corpus) -> Treff | None:
    """Find the excerpt verbatim in its own source's files; ``None`` when it is not there.

    Raises ``FileNotFoundError`` when a listed source file is missing.
    """
    parts = deler(excerpt.text)
    if not parts:
        return None
    for path in kildefiler(corpus, excerpt.source):
        kf = _les(path)
        for variant in kf.varianter:
            spans = _finn_deler(parts, variant.tekst)
            if spans is not None:
                kart = variant.kart
                return Treff(kf.navn, tuple((kart[a], kart[b - 1] + 1) for a, b in spans))
    return None


@dataclass(frozen=True)
class Avvik:
    """An excerpt that is not verbatim in its own source (or whose source file is missing)."""

    id: str
    grunn: str  # "ikke_funnet" | "mangler_fil" | "tom"
    detalj: str = ""


def sjekk_ordrett(corpus: Corpus) -> list[Avvik]:
    """Every excerpt of ``corpus`` that does not stand verbatim in its own declared source."""
    avvik: list[Avvik] = []
    for ex in corpus.excerpts.values():
        if not deler(ex.text):
            avvik.append(Avvik(ex.id, "tom"))
            continue
        try:
            hit = finn(ex, corpus)
        except FileNotFoundError as err:
            avvik.append(Avvik(ex.id, "mangler_fil", Path(str(err.filename or "")).name))
            continue
        if hit is None:
            avvik.append(Avvik(ex.id, "ikke_funnet", " ".join(ex.text.split())[:90]))
    return avvik


_SENTENCE_END = re.compile(r"[.!?:»\"]\s+(?=[A-ZÆØÅ«\"\d])")


@dataclass(frozen=True)
class Sammenheng:
    """The passage around a quote: text before, the quoted parts with the gaps between them, text after.

    ``biter`` is a list of (text, is_quote) pairs in reading order, whitespace folded.
    """

    biter: tuple[tuple[str, bool], ...]
    fil: str


def _fold_ws(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def sammenheng(excerpt: Excerpt, corpus: Corpus, setninger: int = 2, maks: int = 600) -> Sammenheng | None:
    """The passage around ``excerpt`` in its source: about ``setninger`` sentences before and after
    (at most ``maks`` characters each side), the quoted parts marked. ``None`` when not found."""
    try:
        hit = finn(excerpt, corpus)
    except FileNotFoundError:
        return None
    if hit is None:
        return None
    raw = next(_les(p) for p in kildefiler(corpus, excerpt.source) if p.name == hit.fil).raw
    start, end = hit.spenn[0][0], hit.spenn[-1][1]
    before = raw[max(0, start - maks):start]
    cuts = [m.end() for m in _SENTENCE_END.finditer(before)]
    if len(cuts) >= setninger:
        before = before[cuts[-setninger]:]
    elif start - maks > 0:
        before = "… " + before[before.find(" ") + 1:]
    after = raw[end:end + maks]
    ends = [m.start() + 1 for m in _SENTENCE_END.finditer(after)]
    if len(ends) > setninger:
        after = after[:ends[setninger]]
    elif end + maks < len(raw):
        after = after[:after.rfind(" ")] + " …"
    biter: list[tuple[str, bool]] = [(_fold_ws(before).lstrip(), False)]
    for k, (a, b) in enumerate(hit.spenn):
        if k:
            biter.append((_fold_ws(raw[hit.spenn[k - 1][1]:a]), False))
        biter.append((_fold_ws(raw[a:b]), True))
    biter.append((_fold_ws(after).rstrip(), False))
    return Sammenheng(tuple((txt, q) for txt, q in biter if txt), hit.fil)


def staar_i(tekst: str, filer: list[Path]) -> bool:
    """True when ``tekst`` (with elisions) stands verbatim in any one of ``filer``."""
    parts = deler(tekst)
    if not parts:
        return False
    return any(_finn_deler(parts, v.tekst) is not None for f in filer for v in _les(f).varianter)
