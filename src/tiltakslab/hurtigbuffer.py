"""A per-user cache of values computed from a text, keyed by the hash of that text (JSON files).

Used where a kernel would otherwise redo the same work on unchanged content every time it starts:
parsing the YAML content files (``tiltakslab.yamlfil``) and scanning the course notebooks for the
progress overview (``tiltakslab.ovelser.oversikt``). A changed text has another hash, so a stale entry is
never used. Entries live in ``$TILTAKSLAB_CACHE/tiltakslab/<slag>/`` (default ``~/.cache``); best effort:
a read-only or missing folder only means computing every time; nothing is written through a symlink.
Only values that survive a JSON round trip unchanged are stored.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

CACHE_ENV = "TILTAKSLAB_CACHE"
MAKS_FILER = 200  # entries kept per kind (the oldest go first)


def mappe(slag: str) -> Path:
    base = os.environ.get(CACHE_ENV) or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tiltakslab" / slag


def ren_json(obj: Any, dybde: int = 0) -> bool:
    """True when ``obj`` survives a JSON round trip unchanged (no dates, tuples or non-text keys)."""
    if dybde > 100:
        return False
    if obj is None or isinstance(obj, (str, bool, int, float)):
        return True
    if isinstance(obj, list):
        return all(ren_json(v, dybde + 1) for v in obj)
    if isinstance(obj, dict):
        return all(isinstance(k, str) and ren_json(v, dybde + 1) for k, v in obj.items())
    return False


def _les(sti: Path) -> tuple[bool, Any]:
    try:
        if sti.is_symlink():
            return False, None
        return True, json.loads(sti.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False, None


def _skriv(sti: Path, obj: Any) -> None:
    """Write the entry atomically (temp file + replace, 0600); never through a symlink; errors ignored."""
    mappen = sti.parent
    try:
        mappen.mkdir(parents=True, exist_ok=True, mode=0o700)
        if mappen.is_symlink() or mappen.parent.is_symlink() or sti.is_symlink():
            return
        fd, tmp = tempfile.mkstemp(prefix=".buffer-", suffix=".tmp", dir=mappen)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(obj, fh, ensure_ascii=False)
            os.replace(tmp, sti)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        filer = sorted(mappen.glob("*.json"), key=lambda p: p.stat().st_mtime)
        for gammel in filer[:-MAKS_FILER]:
            gammel.unlink(missing_ok=True)
    except (OSError, TypeError, ValueError):
        return


def hent(slag: str, data: bytes, lag: Callable[[], Any], versjon: str = "1") -> Any:
    """``lag()``, or the value stored for the same ``slag``, ``versjon`` and ``data`` bytes."""
    h = hashlib.sha256(f"{slag}\0{versjon}\0".encode() + data).hexdigest()
    sti = mappe(slag) / f"{h}.json"
    funnet, obj = _les(sti)
    if funnet:
        return obj
    obj = lag()
    if ren_json(obj):
        _skriv(sti, obj)
    return obj
