"""Reading YAML content files: PyYAML's C loader (libyaml) where it is built in, else the Python one.

Both are *safe* loaders with the same results; the C one parses the corpus and the exercises several
times faster, which is most of what a notebook's first ``ovelse(...)`` costs.
"""

from __future__ import annotations

from typing import IO, Any

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def les_yaml(stream: str | bytes | IO) -> Any:
    """``yaml.safe_load`` with the fastest safe loader available."""
    return yaml.load(stream, Loader=LOADER)  # noqa: S506 - LOADER is a SafeLoader
