"""Read and validate data/sources.yaml, data/excerpts.yaml and data/ordliste.yaml.

Every problem raises :class:`KorpusFeil` with a Norwegian message naming file, record and field.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any

import yaml

from tiltakslab import paths
from tiltakslab.meldinger import t
from tiltakslab.skjema import valider
from tiltakslab.yamlfil import les_yaml

from .errors import KorpusFeil, KorpusSkjemaFeil
from .model import Corpus, DescribedWork, Excerpt, GlossaryEntry, Source

SOURCES_FILE = "sources.yaml"
EXCERPTS_FILE = "excerpts.yaml"
GLOSSARY_FILE = "ordliste.yaml"


def read_yaml(path: Path) -> Any:
    """Parse one YAML file, turning missing files and syntax errors into KorpusFeil."""
    return read_yaml_text(path)[0]


def read_yaml_text(path: Path) -> tuple[Any, str]:
    """Parse one YAML file; return the data and the text (for line numbers in messages)."""
    if not path.is_file():
        raise KorpusFeil(path.name, t("korpusfil.finnes_ikke", sti=str(path)))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise KorpusFeil(path.name, t("korpusfil.ikke_utf8")) from None
    try:
        return les_yaml(text), text
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        grunn = str(getattr(exc, "problem", exc))
        melding = (t("korpusfil.ugyldig_yaml_linje", linje=mark.line + 1, grunn=grunn) if mark is not None
                   else t("korpusfil.ugyldig_yaml", grunn=grunn))
        raise KorpusFeil(path.name, melding) from None


def _label(rec: Any, index: int) -> str:
    if isinstance(rec, dict) and isinstance(rec.get("id", rec.get("term")), str):
        return t("skjemafeil.post_med_id", id=rec.get("id", rec.get("term")), nr=index + 1)
    return t("skjemafeil.post_nr", nr=index + 1)


# --- sources ---------------------------------------------------------------------------------

def _schema(data: Any, navn: str, fil: str, tekst: str | None) -> None:
    """Validate against the JSON schema; every problem at once in one :class:`KorpusSkjemaFeil`."""
    feil = valider(data, navn, fil, tekst)
    if feil:
        raise KorpusSkjemaFeil(feil)


def parse_sources(raw: Any, fil: str = SOURCES_FILE,
                  tekst: str | None = None) -> tuple[dict[str, Source], dict[str, DescribedWork]]:
    """Sources and described works. The shape is the schema's (``skjema/kilder.schema.json``);
    here only the rules across records: unique ids and prefixes, references, regular expressions."""
    _schema(raw, "kilder", fil, tekst)
    sources: dict[str, Source] = {}
    prefixes: dict[str, str] = {}
    for i, rec in enumerate(raw["kilder"]):
        post = functools.partial(_label, rec, i)  # named only in an error message
        if rec["id"] in sources:
            raise KorpusFeil(fil, t("korpusfil.dobbel_id"), post, "id")
        if rec["id_prefiks"] in prefixes:
            raise KorpusFeil(fil, t("korpusfil.dobbelt_prefiks", kilde=prefixes[rec["id_prefiks"]]),
                             post, "id_prefiks")
        _check_outside(fil, post, rec)
        pattern = rec.get("henvisningsformat")
        if pattern is not None:
            try:
                re.compile(pattern)
            except (re.error, TypeError):
                raise KorpusFeil(fil, t("korpusfil.ugyldig_regex"), post,
                                 "henvisningsformat") from None
        prefixes[rec["id_prefiks"]] = rec["id"]
        sources[rec["id"]] = Source(id=rec["id"], sitering=rec["sitering"].strip(),
                                    kortnavn=rec["kortnavn"].strip(), data=dict(rec))
    works: dict[str, DescribedWork] = {}
    for i, rec in enumerate(raw.get("omtalte_arbeider") or []):
        post = functools.partial(_label, rec, i)  # named only in an error message
        wfil = f"{fil} (omtalte_arbeider)"
        if rec["id"] in works or rec["id"] in sources:
            raise KorpusFeil(wfil, t("korpusfil.dobbel_id"), post, "id")
        if rec["beskrevet_i"] not in sources:
            raise KorpusFeil(wfil, t("korpusfil.ukjent_kilde", kilde=rec["beskrevet_i"]), post, "beskrevet_i")
        _check_outside(wfil, post, rec)
        works[rec["id"]] = DescribedWork(id=rec["id"], beskrevet_i=rec["beskrevet_i"], data=dict(rec))
    return sources, works


def _check_outside(fil: str, post, rec: dict) -> None:
    """``utenfor_kilden`` maps field names to why that value is not stated in the document."""
    for key in rec.get("utenfor_kilden") or {}:
        if key not in rec:
            raise KorpusFeil(fil, t("korpusfil.utenfor_ukjent_felt", felt=key), post, "utenfor_kilden")


# --- excerpts --------------------------------------------------------------------------------

def parse_excerpts(raw: Any, sources: dict[str, Source], fil: str = EXCERPTS_FILE,
                   tekst: str | None = None) -> dict[str, Excerpt]:
    """Excerpts. The shape is the schema's (``skjema/utdrag.schema.json``); here the rules that need the
    sources: a known source, its id prefix and locator format, unique ids, and no «[sic]» inside a quote."""
    if isinstance(raw, dict) and "excerpts" in raw:
        raw, tekst = raw["excerpts"], None
    _schema(raw, "utdrag", fil, tekst)
    out: dict[str, Excerpt] = {}
    for i, rec in enumerate(raw):
        post = functools.partial(_label, rec, i)  # named only in an error message
        ident = rec["id"].strip()
        if ident in out:
            raise KorpusFeil(fil, t("korpusfil.dobbel_id_unik"), post, "id")
        src = sources.get(rec["source"])
        if src is None:
            raise KorpusFeil(fil, t("korpusfil.ukjent_kilde_kjente", kilde=rec["source"],
                                    kjente=", ".join(sorted(sources))), post, "source")
        prefix = src.get("id_prefiks")
        if not re.fullmatch(rf"{re.escape(prefix)}-\d+", ident):
            raise KorpusFeil(fil, t("korpusfil.id_form", kilde=src.id, prefiks=prefix), post, "id")
        pattern = src.get("henvisningsformat")
        if pattern and not re.fullmatch(pattern, rec["locator"].strip()):
            raise KorpusFeil(fil, t("korpusfil.henvisning_form", henvisning=rec["locator"],
                                    form=src.get("henvisningsformat_tekst", pattern)), post, "locator")
        text = rec["text"].strip()
        if "[sic]" in text.lower():
            raise KorpusFeil(fil, t("korpusfil.sic_i_sitat"), post, "text")
        note = rec.get("note")
        out[ident] = Excerpt(id=ident, source=src.id, locator=rec["locator"].strip(), themes=tuple(rec["themes"]),
                             text=text, voice=rec.get("voice"), note=note.strip() if note else None)
    return out


# --- glossary --------------------------------------------------------------------------------

def parse_glossary(raw: Any, excerpts: dict[str, Excerpt] | None,
                   fil: str = GLOSSARY_FILE, tekst: str | None = None) -> list[GlossaryEntry]:
    """Glossary entries. The shape is the schema's (``skjema/ordliste.schema.json``, including «merknad»
    when «utover_kildene» is true); here: unique terms and excerpt ids that exist."""
    if isinstance(raw, dict) and "termer" in raw:
        raw, tekst = raw["termer"], None
    _schema(raw, "ordliste", fil, tekst)
    seen: set[str] = set()
    out: list[GlossaryEntry] = []
    for i, rec in enumerate(raw):
        post = functools.partial(_label, rec, i)  # named only in an error message
        key = rec["term"].strip().casefold()
        if key in seen:
            raise KorpusFeil(fil, t("korpusfil.dobbel_term"), post, "term")
        seen.add(key)
        forms = rec.get("former") or [rec["term"]]
        ids = rec["utdrag"]
        if excerpts is not None:
            for ident in ids:
                if ident not in excerpts:
                    raise KorpusFeil(fil, t("korpusfil.ukjent_utdrag", id=ident), post, "utdrag")
        note = rec.get("merknad")
        out.append(GlossaryEntry(term=rec["term"].strip(), forklaring=" ".join(rec["forklaring"].split()),
                                 former=tuple(f.strip() for f in forms), utdrag=tuple(ids),
                                 utover_kildene=rec.get("utover_kildene", False),
                                 merknad=" ".join(note.split()) if note else None))
    return out


# --- the whole corpus ------------------------------------------------------------------------

_CACHE: dict[tuple, Corpus] = {}


def _with_name(path: Path, *between: Any) -> tuple:
    """Arguments for a parse_* function: data, (what it needs), file name, text."""
    data, text = read_yaml_text(path)
    return (data, *between, path.name, text)


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
    sources, works = parse_sources(*_with_name(files[0]))
    excerpts = parse_excerpts(*_with_name(files[1], sources))
    terms = parse_glossary(*_with_name(files[2], excerpts)) if glossary else []
    corpus = Corpus(sources=sources, excerpts=excerpts, glossary=terms, described_works=works,
                    data_dir=str(base))
    _CACHE.clear()
    _CACHE[key] = corpus
    return corpus
