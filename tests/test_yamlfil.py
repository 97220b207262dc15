"""The fast YAML loader gives exactly what the safe Python loader gives, on every content file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tiltakslab import hurtigbuffer, yamlfil

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


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_json_cache_gives_the_same_result(path, tmp_path, monkeypatch):
    monkeypatch.setenv(yamlfil.CACHE_ENV, str(tmp_path))
    text = path.read_text(encoding="utf-8")
    forste, andre = yamlfil.les_yaml(text), yamlfil.les_yaml(text)
    assert forste == andre == yaml.safe_load(text)
    lagret = list(yamlfil.cache_mappe().glob("*.json"))
    assert len(lagret) == (1 if len(text.encode("utf-8")) >= yamlfil.MIN_STORRELSE else 0)


def _stor(tekst: str) -> str:
    return tekst + "".join(f"\nfelt{i}: {'x' * 40}" for i in range(200))


def test_the_cache_is_read_back_and_keyed_by_the_text(tmp_path, monkeypatch):
    monkeypatch.setenv(yamlfil.CACHE_ENV, str(tmp_path))
    tekst = _stor("a: 1")
    yamlfil.les_yaml(tekst)
    (sti,) = yamlfil.cache_mappe().glob("*.json")
    sti.write_text('{"a": "fra cachen"}', encoding="utf-8")
    assert yamlfil.les_yaml(tekst) == {"a": "fra cachen"}  # the entry is what is read
    endret = yamlfil.les_yaml(tekst.replace("a: 1", "a: 2"))
    assert endret["a"] == 2  # another text, another entry: a stale one is never used


def test_documents_that_are_not_plain_json_are_not_cached(tmp_path, monkeypatch):
    monkeypatch.setenv(yamlfil.CACHE_ENV, str(tmp_path))
    for tekst in (_stor("dato: 2004-11-01"), _stor("1: heltallsnokkel")):
        assert yamlfil.les_yaml(tekst) == yaml.safe_load(tekst)
    assert not list(yamlfil.cache_mappe().glob("*.json"))


def test_nothing_is_written_through_a_symlinked_cache_folder(tmp_path, monkeypatch):
    mal = tmp_path / "et-annet-sted"
    mal.mkdir()
    (tmp_path / "cache" / "tiltakslab").mkdir(parents=True)
    (tmp_path / "cache" / "tiltakslab" / "yaml").symlink_to(mal)
    monkeypatch.setenv(yamlfil.CACHE_ENV, str(tmp_path / "cache"))
    tekst = _stor("a: 1")
    assert yamlfil.les_yaml(tekst)["a"] == 1
    assert not list(mal.iterdir())


def test_a_read_only_cache_only_means_parsing(tmp_path, monkeypatch):
    monkeypatch.setenv(yamlfil.CACHE_ENV, str(tmp_path / "fil"))
    (tmp_path / "fil").write_text("ikke en mappe", encoding="utf-8")
    assert yamlfil.les_yaml(_stor("a: 1"))["a"] == 1


def test_notebook_scan_is_remembered_by_content(tmp_path, monkeypatch):
    """The progress overview's scan of a notebook comes back from the cache only for the same bytes."""
    from tiltakslab.ovelser import oversikt

    monkeypatch.setenv(yamlfil.CACHE_ENV, str(tmp_path / "cache"))
    nb = tmp_path / "01_x.ipynb"
    celler = [{"cell_type": "markdown", "source": ["# 01 Tittel – mer"]},
              {"cell_type": "code", "source": ['ovelse("kon-03")\n', 'ovelse("kon-04")']}]
    nb.write_text(json.dumps({"cells": celler}), encoding="utf-8")
    assert oversikt._les(nb) == ("01 Tittel – mer", ["kon-03", "kon-04"])
    assert oversikt._les(nb) == ("01 Tittel – mer", ["kon-03", "kon-04"])
    assert len(list(hurtigbuffer.mappe("notatbok").glob("*.json"))) == 1
    celler[1]["source"] = ['ovelse("kon-05")']
    nb.write_text(json.dumps({"cells": celler}), encoding="utf-8")
    assert oversikt._les(nb) == ("01 Tittel – mer", ["kon-05"])  # changed file: scanned again
