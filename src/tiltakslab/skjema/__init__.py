"""JSON Schema validation of content files, with Norwegian messages naming file, record, field and YAML line.

The schemas are the JSON files beside this module (``<navn>.schema.json``); they are the one description
of each content file's shape (unknown fields are refused). Rules that span fields or files (unique ids,
references between files, a source's locator format) stay in Python next to the loaders.

``jsonschema`` is slow to import here (about 1–2 s, mostly format checkers), so a content text that has
validated once is remembered by its hash in the user's cache folder, and a learner's kernel does not pay
for validating unchanged content again. Only successes are remembered; errors are always recomputed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from tiltakslab.meldinger import t

DIR = Path(__file__).resolve().parent
CACHE_ENV = "TILTAKSLAB_CACHE"
_TYPE_KEYS = {"string": "tekst", "array": "liste", "object": "tabell", "integer": "heltall", "number": "tall",
              "boolean": "sannhetsverdi", "null": "null"}


@dataclass(frozen=True)
class Skjemafeil:
    """One problem in a content file, located for a content author."""

    fil: str
    melding: str
    post: str | None = None
    felt: str | None = None
    linje: int | None = None
    sti: tuple = field(default=(), compare=False)  # the path in the file's data (0-based list positions)

    def __str__(self) -> str:
        where = [self.fil]
        if self.post is not None:
            where.append(t("skjemafeil.post", post=self.post))
        if self.felt is not None:
            where.append(t("skjemafeil.felt", felt=self.felt))
        if self.linje is not None:
            where.append(t("skjemafeil.linje", linje=self.linje))
        return ", ".join(where) + ": " + self.melding


@lru_cache(maxsize=16)
def skjema(navn: str) -> dict:
    """The JSON schema ``<navn>.schema.json`` beside this module."""
    return json.loads((DIR / f"{navn}.schema.json").read_text(encoding="utf-8"))


# --- the cache of content that validated -----------------------------------------------------------

def _cache_file() -> Path:
    base = os.environ.get(CACHE_ENV) or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tiltakslab" / "validert.json"


_SEEN: set[str] = set()


def _fingerprint(schema: dict, data: Any) -> str:
    h = hashlib.sha256()
    h.update(json.dumps(schema, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    h.update(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"))
    return h.hexdigest()


def _known_valid(key: str) -> bool:
    if key in _SEEN:
        return True
    try:
        known = json.loads(_cache_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if isinstance(known, list) and key in known:
        _SEEN.add(key)
        return True
    return False


def _remember(key: str) -> None:
    """Add ``key`` to the cache file; best effort (a read-only home just means no cache)."""
    _SEEN.add(key)
    path = _cache_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if path.is_symlink() or path.parent.is_symlink():
            return
        try:
            known = json.loads(path.read_text(encoding="utf-8"))
            known = known if isinstance(known, list) else []
        except (OSError, ValueError):
            known = []
        known = [k for k in known if isinstance(k, str)][-200:] + [key]
        fd, tmp = tempfile.mkstemp(prefix=".validert-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(known, fh)
        os.replace(tmp, path)
    except OSError:
        return


# --- errors in words ---------------------------------------------------------------------------------

def _record(data: Any, path: list) -> tuple[str | None, list]:
    """The record an error belongs to (the first list item on its path) and the path inside it."""
    node = data
    for i, key in enumerate(path):
        if isinstance(node, list) and isinstance(key, int):
            rec = node[key] if key < len(node) else None
            ident = rec.get("id", rec.get("term")) if isinstance(rec, dict) else None
            label = (t("skjemafeil.post_med_id", id=ident, nr=key + 1) if isinstance(ident, str | int)
                     else t("skjemafeil.post_nr", nr=key + 1))
            return label, path[i + 1:]
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return None, path
    return None, path


def _field(inner: list) -> str | None:
    if not inner:
        return None
    parts = []
    for key in inner:
        if isinstance(key, int):
            nr = t("skjemafeil.post_nr", nr=key + 1)
            parts[-1:] = [f"{parts[-1]} {nr}" if parts else nr]
        else:
            parts.append(str(key))
    return " › ".join(parts)


def _line(node: Any, path: list, key_line: bool) -> int | None:
    """1-based YAML line of ``path`` in a composed node tree (the key's line for a mapping key)."""
    import yaml  # noqa: PLC0415

    line = node.start_mark.line + 1 if node is not None else None
    for key in path:
        if isinstance(node, yaml.MappingNode):
            hit = next(((k, v) for k, v in node.value if k.value == str(key)), None)
            if hit is None:
                return line
            line = (hit[0] if key_line else hit[1]).start_mark.line + 1
            node = hit[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def _type_words(types: Any) -> str:
    types = types if isinstance(types, list) else [types]
    return t("skjemafeil.eller").join(t(f"skjemafeil.type_{_TYPE_KEYS.get(x, 'tekst')}") for x in types)


def _message(err: Any) -> str:
    kind, value, sch = err.validator, err.validator_value, err.schema if isinstance(err.schema, dict) else {}
    if "x-melding" in sch and kind in ("pattern", "format"):
        return t("skjemafeil.form", forklaring=t(sch["x-melding"]))
    if kind == "type":
        return t("skjemafeil.type", type=_type_words(value))
    if kind in ("minLength", "pattern") and (kind == "minLength" or value == "\\S"):
        return t("skjemafeil.tom_tekst")
    if kind == "pattern":
        return t("skjemafeil.form", forklaring=value)
    if kind == "minItems":
        return t("skjemafeil.min_antall", antall=value)
    if kind == "uniqueItems":
        return t("skjemafeil.dobbel")
    if kind == "enum":
        return t("skjemafeil.enum", verdi=err.instance, tillatt=", ".join(map(str, value)))
    if kind == "const":
        return t("skjemafeil.const", verdi=value)
    if kind == "minimum":
        return t("skjemafeil.minimum", grense=value)
    if kind == "maximum":
        return t("skjemafeil.maximum", grense=value)
    if kind == "maxItems":
        return t("skjemaslag.maks_antall", antall=value)
    if kind == "maxLength":
        return t("skjemaslag.for_lang", maks=value)
    if kind in ("oneOf", "anyOf") and err.context:
        from jsonschema.exceptions import best_match  # noqa: PLC0415

        # the branch whose type fits the value says the most ("minst 1900", not "må være tomt")
        fitting = [e for e in err.context if e.validator != "type"]
        return _message(best_match(fitting or err.context))
    return t("skjemafeil.ugyldig")


def _words(err: Any, data: Any, fil: str, composed: Any) -> list[Skjemafeil]:
    return [replace(f, sti=tuple(err.absolute_path)) for f in _words_at(err, data, fil, composed)]


def _words_at(err: Any, data: Any, fil: str, composed: Any) -> list[Skjemafeil]:
    path = list(err.absolute_path)
    post, inner = _record(data, path)
    out = []
    if err.validator == "required":
        missing = [k for k in err.validator_value if isinstance(err.instance, dict) and k not in err.instance]
        for key in missing:
            out.append(Skjemafeil(fil, t("skjemafeil.mangler"), post, _field([*inner, key]),
                                  _line(composed, path, False) if composed is not None else None))
        return out
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        allowed = list((err.schema.get("properties") or {}).keys())
        for key in err.instance:
            if key not in allowed:
                out.append(Skjemafeil(fil, t("skjemafeil.ukjent_felt", tillatt=", ".join(allowed)), post,
                                      _field([*inner, key]),
                                      _line(composed, [*path, key], True) if composed is not None else None))
        return out
    return [Skjemafeil(fil, _message(err), post, _field(inner),
                       _line(composed, path, True) if composed is not None else None)]


def komponer(tekst: str | None) -> Any:
    """The YAML node tree of ``tekst`` (for line numbers), or None."""
    if tekst is None:
        return None
    import yaml  # noqa: PLC0415

    try:
        return yaml.compose(tekst, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None


def plasser(data: Any, fil: str, sti: list, melding: str, composed: Any = None) -> Skjemafeil:
    """A problem found in Python (a rule across fields) at ``sti``, located like a schema error."""
    post, inner = _record(data, list(sti))
    return Skjemafeil(fil, melding, post, _field(inner),
                      _line(composed, list(sti), True) if composed is not None else None, tuple(sti))


def valider(data: Any, navn: str, fil: str, tekst: str | None = None) -> list[Skjemafeil]:
    """Validate ``data`` against the schema file ``navn``; every problem, in file order, in Norwegian.

    ``fil`` names the file in messages; ``tekst`` (the YAML text) adds line numbers.
    """
    return valider_mot(data, skjema(navn), fil, tekst)


def valider_mot(data: Any, schema: dict, fil: str, tekst: str | None = None) -> list[Skjemafeil]:
    """Validate ``data`` against a schema given as a dict (built in code, e.g. from the exercise kinds)."""
    key = _fingerprint(schema, data)
    if _known_valid(key):
        return []
    from jsonschema import Draft202012Validator  # noqa: PLC0415 - slow import, only when needed

    errors = list(Draft202012Validator(schema).iter_errors(data))
    if not errors:
        _remember(key)
        return []
    composed = komponer(tekst)
    out: list[Skjemafeil] = []
    for err in errors:
        out.extend(_words(err, data, fil, composed))
    out = list(dict.fromkeys(out))  # one message per place (minLength and pattern say the same)
    out.sort(key=lambda f: f.linje or 0)
    return out
