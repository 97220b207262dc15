"""The fast YAML loader gives exactly what the safe Python loader gives, on every content file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tiltakslab import yamlfil

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted([*ROOT.glob("data/*.yaml"), *ROOT.glob("data/ovelser/*.yaml"),
                *ROOT.glob("src/tiltakslab/**/*.yaml")])


def test_uses_a_safe_loader():
    assert issubclass(yamlfil.LOADER, (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    with pytest.raises(yaml.YAMLError):
        yamlfil.les_yaml("!!python/object/apply:os.system ['true']")


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_same_result_as_the_python_loader(path):
    text = path.read_text(encoding="utf-8")
    assert yamlfil.les_yaml(text) == yaml.safe_load(text)
