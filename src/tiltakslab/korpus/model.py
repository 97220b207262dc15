"""Plain data classes for the corpus, and the query methods (filter, search) on it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

_FOLD = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "’": "'", "‘": "'",
                       "–": "-", "—": "-", "\u00ad": None})


def fold(text: str) -> str:
    """Normalise text for case-insensitive matching (NFKC, casefold, quotes/dashes, whitespace)."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Excerpt:
    """One verbatim excerpt with its citation data."""

    id: str
    source: str
    locator: str
    themes: tuple[str, ...]
    text: str
    voice: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Source:
    """One source document we quote (a record of data/sources.yaml, list ``kilder``)."""

    id: str
    sitering: str
    kortnavn: str
    data: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    @property
    def title(self) -> str | None:
        return self.data.get("tittel")


@dataclass(frozen=True)
class DescribedWork:
    """A report described in one of our sources but not quoted by us (list ``omtalte_arbeider``)."""

    id: str
    beskrevet_i: str
    data: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


@dataclass(frozen=True)
class GlossaryEntry:
    """One glossary term (a record of data/ordliste.yaml)."""

    term: str
    forklaring: str
    former: tuple[str, ...]
    utdrag: tuple[str, ...]
    utover_kildene: bool = False
    merknad: str | None = None


@dataclass
class Corpus:
    """Sources, excerpts and glossary, loaded and validated together."""

    sources: dict[str, Source]
    excerpts: dict[str, Excerpt]
    glossary: list[GlossaryEntry]
    described_works: dict[str, DescribedWork] = field(default_factory=dict)
    data_dir: str | None = None
    _folded: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._folded = {e.id: fold(f"{e.text} {e.locator}") for e in self.excerpts.values()}

    def __len__(self) -> int:
        return len(self.excerpts)

    def filter(self, themes: str | Iterable[str] | None = None, source: str | None = None,
               voice: str | None = None, excerpts: Iterable[Excerpt] | None = None) -> list[Excerpt]:
        """Excerpts that have any of ``themes``, come from ``source`` and have ``voice`` (None = any)."""
        if isinstance(themes, str):
            themes = [themes]
        wanted = set(themes) if themes else None
        pool = self.excerpts.values() if excerpts is None else excerpts
        return [e for e in pool
                if (wanted is None or wanted.intersection(e.themes))
                and (source is None or e.source == source)
                and (voice is None or e.voice == voice)]

    def search(self, query: str, excerpts: Iterable[Excerpt] | None = None) -> list[Excerpt]:
        """Case-insensitive full-text search in text and locator; every word of ``query`` must occur.

        A phrase in double quotes must occur as written. An empty query matches everything.
        """
        pool = list(self.excerpts.values() if excerpts is None else excerpts)
        q = fold(query or "")
        phrases = re.findall(r'"([^"]+)"', q)
        words = re.sub(r'"[^"]*"', " ", q).split()
        needles = [p.strip() for p in phrases if p.strip()] + words
        if not needles:
            return pool
        return [e for e in pool if all(n in self._folded.get(e.id, fold(e.text)) for n in needles)]

    def get(self, excerpt_id: str) -> Excerpt:
        """The excerpt with this id; KeyError with a Norwegian message if unknown."""
        try:
            return self.excerpts[excerpt_id]
        except KeyError:
            from tiltakslab.meldinger import t  # noqa: PLC0415

            raise KeyError(t("korpus.fant_ikke", id=excerpt_id, hint="")) from None
