"""Reading YAML content files: PyYAML's C loader (libyaml) where it is built in, else the Python one.

Both are *safe* loaders with the same results; the C one parses the corpus and the exercises several
times faster, which is most of what a notebook's first ``ovelse(...)`` costs.

Even with libyaml, building the Python objects takes most of a kernel's first ``sitat``/``ovelse``. So
a parsed document that is plain JSON (text keys; texts, numbers, booleans, null, lists, mappings) is
remembered as JSON under the hash of its text (``tiltakslab.hurtigbuffer``, per user) and read back with
``json`` the next time the same text is loaded. A changed file has another hash, so a stale entry is
never used.
"""

from __future__ import annotations

from typing import IO, Any

import yaml

from tiltakslab import hurtigbuffer

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
CACHE_ENV = hurtigbuffer.CACHE_ENV
MIN_STORRELSE = 4096  # smaller texts parse faster than a cache file is found


def cache_mappe():
    return hurtigbuffer.mappe("yaml")


def les_yaml(stream: str | bytes | IO) -> Any:
    """``yaml.safe_load`` with the fastest safe loader available (and the JSON cache for larger texts)."""
    tekst = stream.read() if hasattr(stream, "read") else stream
    data = tekst.encode("utf-8") if isinstance(tekst, str) else tekst
    if not isinstance(data, bytes) or len(data) < MIN_STORRELSE:
        return yaml.load(tekst, Loader=LOADER)  # noqa: S506 - LOADER is a SafeLoader
    return hurtigbuffer.hent("yaml", data, lambda: yaml.load(tekst, Loader=LOADER))  # noqa: S506 - SafeLoader
