"""Reading YAML content files: PyYAML's C loader (libyaml) where it is built in, else the Python one.

Both are *safe* loaders with the same results; the C one parses the corpus and the exercises several
times faster, which is most of what a notebook's first ``ovelse(...)`` costs.

Even with libyaml, building the Python objects takes most of a kernel's first ``sitat``/``ovelse``. So
a parsed document that is plain JSON (text keys; texts, numbers, booleans, null, lists, mappings) is
remembered as JSON under the hash of its text, in ``$TILTAKSLAB_CACHE/tiltakslab/yaml`` (default
``~/.cache``), and read back with ``json`` the next time the same text is loaded (by any kernel of the same
user). A changed file has another hash, so a stale entry is never used. Best effort: a read-only or
missing cache folder only means parsing every time; nothing is written through a symlink.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import IO, Any

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
CACHE_ENV = "TILTAKSLAB_CACHE"
MIN_STORRELSE = 4096  # smaller texts parse faster than a cache file is found
MAKS_FILER = 200  # entries kept per user (the oldest go first)
_VERSJON = b"tiltakslab-yamlfil-1\0"


def cache_mappe() -> Path:
    base = os.environ.get(CACHE_ENV) or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tiltakslab" / "yaml"


def _ren_json(obj: Any, dybde: int = 0) -> bool:
    """True when ``obj`` survives a JSON round trip unchanged (no dates, no non-text keys)."""
    if dybde > 100:
        return False
    if obj is None or isinstance(obj, (str, bool, int, float)):
        return True
    if isinstance(obj, list):
        return all(_ren_json(v, dybde + 1) for v in obj)
    if isinstance(obj, dict):
        return all(isinstance(k, str) and _ren_json(v, dybde + 1) for k, v in obj.items())
    return False


def _les_cache(sti: Path) -> tuple[bool, Any]:
    try:
        if sti.is_symlink():
            return False, None
        return True, json.loads(sti.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False, None


def _skriv_cache(sti: Path, obj: Any) -> None:
    """Write the entry atomically (temp file + replace, 0600); never through a symlink; errors ignored."""
    mappe = sti.parent
    try:
        mappe.mkdir(parents=True, exist_ok=True, mode=0o700)
        if mappe.is_symlink() or mappe.parent.is_symlink() or sti.is_symlink():
            return
        fd, tmp = tempfile.mkstemp(prefix=".yaml-", suffix=".tmp", dir=mappe)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(obj, fh, ensure_ascii=False)
            os.replace(tmp, sti)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        filer = sorted(mappe.glob("*.json"), key=lambda p: p.stat().st_mtime)
        for gammel in filer[:-MAKS_FILER]:
            gammel.unlink(missing_ok=True)
    except (OSError, TypeError, ValueError):
        return


def les_yaml(stream: str | bytes | IO) -> Any:
    """``yaml.safe_load`` with the fastest safe loader available (and the JSON cache for larger texts)."""
    tekst = stream.read() if hasattr(stream, "read") else stream
    data = tekst.encode("utf-8") if isinstance(tekst, str) else tekst
    if not isinstance(data, bytes) or len(data) < MIN_STORRELSE:
        return yaml.load(tekst, Loader=LOADER)  # noqa: S506 - LOADER is a SafeLoader
    sti = cache_mappe() / (hashlib.sha256(_VERSJON + data).hexdigest() + ".json")
    funnet, obj = _les_cache(sti)
    if funnet:
        return obj
    obj = yaml.load(tekst, Loader=LOADER)  # noqa: S506 - LOADER is a SafeLoader
    if _ren_json(obj):
        _skriv_cache(sti, obj)
    return obj
