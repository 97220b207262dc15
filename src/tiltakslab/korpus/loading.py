"""Read and validate data/sources.yaml, data/excerpts.yaml and data/ordliste.yaml.

Every problem raises :class:`KorpusFeil` with a Norwegian message naming file, record and field.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

from tiltakslab import paths
from tiltakslab.yamlfil import les_yaml

from .errors import KorpusFeil
from .model import Corpus, DescribedWork, Excerpt, GlossaryEntry, Source
from .vocab import THEMES, VOICES

SOURCES_FILE = "sources.yaml"
EXCERPTS_FILE = "excerpts.yaml"
GLOSSARY_FILE = "ordliste.yaml"

EXCERPT_REQUIRED = ("id", "source", "locator", "themes", "text")
EXCERPT_OPTIONAL = ("voice", "note")
SOURCE_REQUIRED = ("id", "kortnavn", "sitering", "dokumenttype", "id_prefiks", "kildefiler", "forbehold")
WORK_REQUIRED = ("id", "beskrevet_i", "henvisning", "tittel", "produsent")
GLOSSARY_REQUIRED = ("term", "forklaring", "utdrag")
GLOSSARY_OPTIONAL = ("former", "utover_kildene", "merknad")


def read_yaml(path: Path) -> Any:
    """Parse one YAML file, turning missing files and syntax errors into KorpusFeil."""
    if not path.is_file():
        raise KorpusFeil(path.name, f"filen finnes ikke ({path}).")
    try:
        return les_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (linje {mark.line + 1})" if mark is not None else ""
        raise KorpusFeil(path.name, f"ugyldig YAML{where}: {getattr(exc, 'problem', exc)}") from None


def _label(rec: Any, index: int) -> str:
    if isinstance(rec, dict) and isinstance(rec.get("id", rec.get("term")), str):
        return f"«{rec.get('id', rec.get('term'))}» (nr. {index + 1})"
    return f"nr. {index + 1}"


def _nonempty_str(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _str_list(value: Any, allow_empty: bool = True) -> bool:
    return (isinstance(value, list) and all(_nonempty_str(v) for v in value)
            and (allow_empty or len(value) > 0))


def _check_keys(fil: str, post: str, rec: dict, required: tuple, optional: tuple | None) -> None:
    for key in required:
        if key not in rec or rec[key] is None:
            raise KorpusFeil(fil, "feltet mangler.", post, key)
    if optional is not None:
        for key in rec:
            if key not in required and key not in optional:
                raise KorpusFeil(fil, "ukjent felt (skrivefeil?). Tillatte felt: "
                                 + ", ".join(required + optional) + ".", post, str(key))


# --- sources ---------------------------------------------------------------------------------

def parse_sources(raw: Any, fil: str = SOURCES_FILE) -> tuple[dict[str, Source], dict[str, DescribedWork]]:
    if not isinstance(raw, dict) or not isinstance(raw.get("kilder"), list):
        raise KorpusFeil(fil, "filen må ha en liste under nøkkelen «kilder».")
    sources: dict[str, Source] = {}
    prefixes: dict[str, str] = {}
    for i, rec in enumerate(raw["kilder"]):
        post = _label(rec, i)
        if not isinstance(rec, dict):
            raise KorpusFeil(fil, "posten må være en tabell med felt.", post)
        _check_keys(fil, post, rec, SOURCE_REQUIRED, None)
        for key in ("id", "kortnavn", "sitering", "dokumenttype", "id_prefiks"):
            if not _nonempty_str(rec[key]):
                raise KorpusFeil(fil, "må være en tekst som ikke er tom.", post, key)
        if rec["id"] in sources:
            raise KorpusFeil(fil, "id-en er brukt før.", post, "id")
        if rec["id_prefiks"] in prefixes:
            raise KorpusFeil(fil, f"prefikset brukes allerede av «{prefixes[rec['id_prefiks']]}».",
                             post, "id_prefiks")
        files = rec["kildefiler"]
        if (not isinstance(files, list) or not files
                or not all(isinstance(f, dict) and _nonempty_str(f.get("fil")) and _nonempty_str(f.get("rolle"))
                           for f in files)):
            raise KorpusFeil(fil, "må være en liste med minst én post med «fil» og «rolle».", post, "kildefiler")
        if not _str_list(rec["forbehold"]):
            raise KorpusFeil(fil, "må være en liste med tekster (kan være tom).", post, "forbehold")
        _check_outside(fil, post, rec)
        pattern = rec.get("henvisningsformat")
        if pattern is not None:
            try:
                re.compile(pattern)
            except (re.error, TypeError):
                raise KorpusFeil(fil, "er ikke et gyldig regulært uttrykk.", post,
                                 "henvisningsformat") from None
        prefixes[rec["id_prefiks"]] = rec["id"]
        sources[rec["id"]] = Source(id=rec["id"], sitering=rec["sitering"].strip(),
                                    kortnavn=rec["kortnavn"].strip(), data=dict(rec))
    works: dict[str, DescribedWork] = {}
    for i, rec in enumerate(raw.get("omtalte_arbeider") or []):
        post = _label(rec, i)
        wfil = f"{fil} (omtalte_arbeider)"
        if not isinstance(rec, dict):
            raise KorpusFeil(wfil, "posten må være en tabell med felt.", post)
        _check_keys(wfil, post, rec, WORK_REQUIRED, None)
        for key in WORK_REQUIRED:
            if not _nonempty_str(rec[key]):
                raise KorpusFeil(wfil, "må være en tekst som ikke er tom.", post, key)
        if rec["id"] in works or rec["id"] in sources:
            raise KorpusFeil(wfil, "id-en er brukt før.", post, "id")
        if rec["beskrevet_i"] not in sources:
            raise KorpusFeil(wfil, f"ukjent kilde «{rec['beskrevet_i']}».", post, "beskrevet_i")
        _check_outside(wfil, post, rec)
        works[rec["id"]] = DescribedWork(id=rec["id"], beskrevet_i=rec["beskrevet_i"], data=dict(rec))
    return sources, works


def _check_outside(fil: str, post: str, rec: dict) -> None:
    """``utenfor_kilden`` maps field names to why that value is not stated in the document."""
    outside = rec.get("utenfor_kilden")
    if outside is None:
        return
    if not isinstance(outside, dict):
        raise KorpusFeil(fil, "må være en tabell: feltnavn → forklaring.", post, "utenfor_kilden")
    for key, why in outside.items():
        if key not in rec:
            raise KorpusFeil(fil, f"viser til feltet «{key}», som posten ikke har.", post, "utenfor_kilden")
        if not _nonempty_str(why):
            raise KorpusFeil(fil, f"forklaringen for «{key}» mangler.", post, "utenfor_kilden")


# --- excerpts --------------------------------------------------------------------------------

def parse_excerpts(raw: Any, sources: dict[str, Source], fil: str = EXCERPTS_FILE) -> dict[str, Excerpt]:
    if isinstance(raw, dict):
        raw = raw.get("excerpts")
    if not isinstance(raw, list):
        raise KorpusFeil(fil, "filen må inneholde en liste med utdrag.")
    out: dict[str, Excerpt] = {}
    for i, rec in enumerate(raw):
        post = _label(rec, i)
        if not isinstance(rec, dict):
            raise KorpusFeil(fil, "posten må være en tabell med felt.", post)
        _check_keys(fil, post, rec, EXCERPT_REQUIRED, EXCERPT_OPTIONAL)
        for key in ("id", "source", "locator", "text"):
            if not _nonempty_str(rec[key]):
                raise KorpusFeil(fil, "må være en tekst som ikke er tom.", post, key)
        ident = rec["id"].strip()
        if ident in out:
            raise KorpusFeil(fil, "id-en er brukt før; hver id skal være unik.", post, "id")
        src = sources.get(rec["source"])
        if src is None:
            raise KorpusFeil(fil, f"ukjent kilde «{rec['source']}». Kjente kilder: "
                             + ", ".join(sorted(sources)) + ".", post, "source")
        prefix = src.get("id_prefiks")
        if not re.fullmatch(rf"{re.escape(prefix)}-\d+", ident):
            raise KorpusFeil(fil, f"utdrag fra «{src.id}» skal ha id på formen «{prefix}-NNN».", post, "id")
        pattern = src.get("henvisningsformat")
        if pattern and not re.fullmatch(pattern, rec["locator"].strip()):
            raise KorpusFeil(fil, f"henvisningen «{rec['locator']}» har ikke formen kilden krever "
                             f"({src.get('henvisningsformat_tekst', pattern)}).", post, "locator")
        themes = rec["themes"]
        if isinstance(themes, str):
            themes = [themes]
        if not _str_list(themes, allow_empty=False):
            raise KorpusFeil(fil, "må være en liste med minst ett tema.", post, "themes")
        for theme in themes:
            if theme not in THEMES:
                raise KorpusFeil(fil, f"ukjent tema «{theme}». Tillatte temaer: " + ", ".join(THEMES) + ".",
                                 post, "themes")
        if len(set(themes)) != len(themes):
            raise KorpusFeil(fil, "samme tema står flere ganger.", post, "themes")
        voice = rec.get("voice")
        if voice is not None and voice not in VOICES:
            raise KorpusFeil(fil, f"ukjent stemme «{voice}». Tillatte verdier: " + ", ".join(VOICES) + ".",
                             post, "voice")
        note = rec.get("note")
        if note is not None and not _nonempty_str(note):
            raise KorpusFeil(fil, "må være en tekst hvis feltet er med.", post, "note")
        text = rec["text"].strip()
        if "[sic]" in text.lower():
            raise KorpusFeil(fil, "«[sic]» skal stå i feltet «note», ikke i selve sitatet.", post, "text")
        out[ident] = Excerpt(id=ident, source=src.id, locator=rec["locator"].strip(), themes=tuple(themes),
                             text=text, voice=voice, note=note.strip() if note else None)
    return out


# --- glossary --------------------------------------------------------------------------------

def parse_glossary(raw: Any, excerpts: dict[str, Excerpt] | None,
                   fil: str = GLOSSARY_FILE) -> list[GlossaryEntry]:
    if isinstance(raw, dict):
        raw = raw.get("termer")
    if not isinstance(raw, list):
        raise KorpusFeil(fil, "filen må inneholde en liste med termer.")
    seen: set[str] = set()
    out: list[GlossaryEntry] = []
    for i, rec in enumerate(raw):
        post = _label(rec, i)
        if not isinstance(rec, dict):
            raise KorpusFeil(fil, "posten må være en tabell med felt.", post)
        _check_keys(fil, post, rec, GLOSSARY_REQUIRED, GLOSSARY_OPTIONAL)
        for key in ("term", "forklaring"):
            if not _nonempty_str(rec[key]):
                raise KorpusFeil(fil, "må være en tekst som ikke er tom.", post, key)
        key = rec["term"].strip().casefold()
        if key in seen:
            raise KorpusFeil(fil, "termen står flere ganger i ordlisten.", post, "term")
        seen.add(key)
        forms = rec.get("former") or [rec["term"]]
        if not _str_list(forms, allow_empty=False):
            raise KorpusFeil(fil, "må være en liste med ordformer som ikke er tomme.", post, "former")
        ids = rec["utdrag"]
        if not _str_list(ids):
            raise KorpusFeil(fil, "må være en liste med utdrags-id-er (kan være tom).", post, "utdrag")
        if excerpts is not None:
            for ident in ids:
                if ident not in excerpts:
                    raise KorpusFeil(fil, f"ukjent utdrag «{ident}». Kjør "
                                     "«python -m tiltakslab.sources --oppdater-ordliste».", post, "utdrag")
        beyond = rec.get("utover_kildene", False)
        if not isinstance(beyond, bool):
            raise KorpusFeil(fil, "må være true eller false.", post, "utover_kildene")
        note = rec.get("merknad")
        if beyond and not _nonempty_str(note):
            raise KorpusFeil(fil, "en forklaring som går utover kildene må ha en merknad som sier hvordan.",
                             post, "merknad")
        out.append(GlossaryEntry(term=rec["term"].strip(), forklaring=" ".join(rec["forklaring"].split()),
                                 former=tuple(f.strip() for f in forms), utdrag=tuple(ids),
                                 utover_kildene=beyond, merknad=" ".join(note.split()) if note else None))
    return out


# --- the whole corpus ------------------------------------------------------------------------

_CACHE: dict[tuple, Corpus] = {}


def _stamp(path: Path) -> float | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


def load_corpus(data_dir: str | os.PathLike[str] | None = None,
                excerpts_file: str | os.PathLike[str] | None = None, glossary: bool = True) -> Corpus:
    """Load and validate sources, excerpts and glossary; cached until one of the files changes.

    ``excerpts_file`` overrides ``<data_dir>/excerpts.yaml`` (e.g. for a draft).
    ``glossary=False`` skips the glossary (useful while it is being written).
    """
    base = paths.krev_data_dir(data_dir, trenger=())
    files = (base / SOURCES_FILE, Path(excerpts_file) if excerpts_file else base / EXCERPTS_FILE,
             base / GLOSSARY_FILE)
    key = (str(base), str(files[1]), glossary) + tuple(_stamp(f) for f in files)
    if key in _CACHE:
        return _CACHE[key]
    sources, works = parse_sources(read_yaml(files[0]), files[0].name)
    excerpts = parse_excerpts(read_yaml(files[1]), sources, files[1].name)
    terms = parse_glossary(read_yaml(files[2]), excerpts, files[2].name) if glossary else []
    corpus = Corpus(sources=sources, excerpts=excerpts, glossary=terms, described_works=works,
                    data_dir=str(base))
    _CACHE.clear()
    _CACHE[key] = corpus
    return corpus
