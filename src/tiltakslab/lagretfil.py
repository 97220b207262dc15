"""Files read once per change: a file's hash and a stored JSON form, cached by path, modification time and size.

Used by the precomputed forms that say what they were computed from: the passages around quotes
(``tiltakslab.korpus.ordrett``, ``sammenheng.json``) and the lesson views (``tiltakslab.visninger``,
``visninger.json``). A file that changes gets a new cache entry; an unchanged one is not read again.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path


def _stempel(sti: Path) -> tuple[str, int, int]:
    st = Path(sti).stat()
    return str(sti), st.st_mtime_ns, st.st_size


@lru_cache(maxsize=64)
def _hash(sti: str, mtime_ns: int, storrelse: int, algoritme: str) -> str:
    return hashlib.new(algoritme, Path(sti).read_bytes()).hexdigest()


def filhash(sti: Path, algoritme: str = "sha256") -> str:
    """The hex digest of the file's bytes. Raises ``OSError`` when it cannot be read."""
    return _hash(*_stempel(sti), algoritme)


@lru_cache(maxsize=8)
def _json(sti: str, mtime_ns: int, storrelse: int) -> dict:
    try:
        data = json.loads(Path(sti).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def json_form(sti: Path) -> dict:
    """The JSON object in the file; empty when it is missing, unreadable or not an object. Shared: do not change."""
    try:
        return _json(*_stempel(sti))
    except OSError:
        return {}
