"""Glossary helpers: which excerpts use a term, keeping ``utdrag`` in data/ordliste.yaml up to date,
and searching the glossary."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .model import Excerpt, GlossaryEntry, fold


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2 and form == form.upper()


def form_pattern(form: str) -> re.Pattern[str]:
    """A word form matches at a word start and may be followed by an inflection or compound tail.

    Acronyms (AMO, KIS, TIO …) match case-sensitively and not when another capital follows (IP ≠ IPS);
    everything else matches case-insensitively.
    Whitespace in a form matches any whitespace run.
    """
    body = r"\s+".join(re.escape(part) for part in form.split())
    if _is_acronym(form):
        return re.compile(rf"(?<![\w-]){body}(?![A-ZÆØÅ])")
    return re.compile(rf"(?<![\w-]){body}", re.IGNORECASE)


def occurrences(forms: Iterable[str], excerpts: Iterable[Excerpt]) -> list[str]:
    """Ids of the excerpts whose text contains any of ``forms``, in corpus order."""
    patterns = [form_pattern(f) for f in forms]
    return [e.id for e in excerpts if any(p.search(e.text) for p in patterns)]


def stale_entries(entries: Iterable[GlossaryEntry],
                  excerpts: dict[str, Excerpt]) -> dict[str, tuple[list, list]]:
    """term → (stored, computed) for each entry whose stored ``utdrag`` differ from the computed ones."""
    out = {}
    for entry in entries:
        now = occurrences(entry.former, excerpts.values())
        if list(entry.utdrag) != now:
            out[entry.term] = (list(entry.utdrag), now)
    return out


_ENTRY_START = re.compile(r"^- term:", re.MULTILINE)
_UTDRAG_LINE = re.compile(r"^  utdrag:.*(?:\n    - .*)*$", re.MULTILINE)


def rewrite_utdrag(yaml_text: str, computed: list[list[str]]) -> str:
    """Replace the ``utdrag:`` line of each entry (in file order) with a flow list of ids.

    Only those lines change, so comments and layout written by content authors stay. Each entry
    must start with ``- term:`` at column 0 and have ``  utdrag:`` indented by two spaces.
    """
    starts = [m.start() for m in _ENTRY_START.finditer(yaml_text)]
    if len(starts) != len(computed):
        from tiltakslab.meldinger import t  # noqa: PLC0415

        from .errors import KorpusFeil  # noqa: PLC0415 - a ValueError, with a Norwegian message

        raise KorpusFeil("ordliste.yaml", t("oppdater.ordliste_form", linjer=len(starts), termer=len(computed)))
    pieces = [yaml_text[: starts[0]] if starts else yaml_text]
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(yaml_text)
        block = yaml_text[start:end]
        line = "  utdrag: [" + ", ".join(computed[i]) + "]"
        if _UTDRAG_LINE.search(block):
            block = _UTDRAG_LINE.sub(lambda _m, line=line: line, block, count=1)
        else:
            block = block.rstrip("\n") + "\n" + line + "\n" + ("\n" if block.endswith("\n\n") else "")
        pieces.append(block)
    return "".join(pieces)


def update_glossary_file(path: Path, entries: list[GlossaryEntry], excerpts: dict[str, Excerpt]) -> int:
    """Rewrite the stored ``utdrag`` lists in ``path``; return how many entries changed."""
    stale = stale_entries(entries, excerpts)
    computed = [occurrences(e.former, excerpts.values()) for e in entries]
    text = path.read_text(encoding="utf-8")
    new = rewrite_utdrag(text, computed)
    if new != text:
        from tiltakslab.skriving import skriv_atomisk  # noqa: PLC0415

        skriv_atomisk(path, new, modus=path.stat().st_mode & 0o777)  # never through a symlink
    return len(stale)


def search_glossary(entries: Iterable[GlossaryEntry], query: str | None) -> list[GlossaryEntry]:
    """Entries whose term, forms or explanation contain every word of ``query`` (case-insensitive)."""
    entries = list(entries)
    words = fold(query or "").split()
    if not words:
        return entries
    hits = []
    for e in entries:
        hay = fold(" ".join((e.term, *e.former, e.forklaring)))
        if all(w in hay for w in words):
            hits.append(e)
    # terms whose name matches come first
    return sorted(hits, key=lambda e: 0 if all(w in fold(e.term) for w in words) else 1)
