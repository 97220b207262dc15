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

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tiltakslab.lagretfil import filhash, json_form

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

    def indeks(self, i: int) -> int:
        return self.kart[i]


def normaliser(raw: str, join_hyphens: bool = False) -> Normalisert:
    """Normalise ``raw`` as described in the module docstring, keeping the map back to ``raw``.

    A plain character loop (about 0.1–0.2 s for the largest source text); lessons read the passages around
    their quotes from the precomputed ``kilder/sammenheng.json`` instead of normalising sources at run time.
    """
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


class Kildefil:
    """One source text and its two normalisations (the hyphen-joined one made only when needed)."""

    def __init__(self, navn: str, raw: str):
        self.navn = navn
        self.raw = raw
        self._varianter: list[Normalisert] = []

    @property
    def varianter(self):
        """The plain normalisation first, then the one with line-end hyphenation joined."""
        if not self._varianter:
            self._varianter.append(normaliser(self.raw))
        yield self._varianter[0]
        if len(self._varianter) == 1:
            self._varianter.append(normaliser(self.raw, join_hyphens=True))
        yield self._varianter[1]


@lru_cache(maxsize=16)
def _les_fil(path: str, mtime_ns: int) -> Kildefil:
    return Kildefil(Path(path).name, Path(path).read_text(encoding="utf-8"))


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
                return Treff(kf.navn, tuple((variant.indeks(a), variant.indeks(b - 1) + 1) for a, b in spans))
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


SAMMENHENG_FIL = "sammenheng.json"


def _nokkel(excerpt: Excerpt, corpus: Corpus) -> str:
    """What a precomputed passage depends on: the quote, its source and the source texts' bytes."""
    h = hashlib.sha1(f"{excerpt.source}\n{excerpt.text}".encode())
    for path in kildefiler(corpus, excerpt.source):
        try:
            h.update(filhash(path, "sha1").encode())
        except OSError:
            h.update(b"-")
    return h.hexdigest()[:20]


def _precomputed(corpus: Corpus) -> dict:
    return json_form(kildemappe(corpus) / SAMMENHENG_FIL)


def sammenheng(excerpt: Excerpt, corpus: Corpus) -> Sammenheng | None:
    """The passage around ``excerpt`` in its source, the quoted parts marked; ``None`` when not found.

    Read from ``kilder/sammenheng.json`` when its entry belongs to this very quote and source text (so a
    lesson never normalises a whole source); computed on the spot otherwise.
    """
    rec = _precomputed(corpus).get(excerpt.id)
    if isinstance(rec, dict) and rec.get("nokkel") == _nokkel(excerpt, corpus):
        return Sammenheng(tuple((str(txt), bool(q)) for txt, q in rec["biter"]), str(rec["fil"]))
    return beregn_sammenheng(excerpt, corpus)


def oppdater_sammenheng(corpus: Corpus) -> int:
    """Write ``kilder/sammenheng.json`` (every excerpt's passage); return how many entries changed."""
    path = kildemappe(corpus) / SAMMENHENG_FIL
    old = _precomputed(corpus)
    new = {}
    for ex in sorted(corpus.excerpts.values(), key=lambda e: e.id):
        ctx = beregn_sammenheng(ex, corpus)
        if ctx is not None:
            new[ex.id] = {"nokkel": _nokkel(ex, corpus), "fil": ctx.fil, "biter": [list(b) for b in ctx.biter]}
    changed = sum(1 for k in set(old) | set(new) if old.get(k) != new.get(k))
    if changed:
        from tiltakslab.skriving import skriv_atomisk  # noqa: PLC0415

        modus = path.stat().st_mode & 0o777 if path.is_file() and not path.is_symlink() else 0o644
        skriv_atomisk(path, json.dumps(new, ensure_ascii=False, indent=0, sort_keys=True) + "\n", modus=modus)
    return changed


def utdaterte_sammenhenger(corpus: Corpus) -> list[str]:
    """Excerpt ids whose precomputed passage is missing or stale, and entries for excerpts that are gone."""
    pre = _precomputed(corpus)
    stale = [e.id for e in corpus.excerpts.values()
             if not isinstance(pre.get(e.id), dict) or pre[e.id].get("nokkel") != _nokkel(e, corpus)]
    return sorted(stale + [k for k in pre if k not in corpus.excerpts])


def beregn_sammenheng(excerpt: Excerpt, corpus: Corpus, setninger: int = 2, maks: int = 600) -> Sammenheng | None:
    """Compute the passage around ``excerpt``: about ``setninger`` sentences before and after
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
