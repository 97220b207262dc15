"""Content files are validated by JSON Schema: unknown fields refused, every problem at once, Norwegian
messages with file, record, field (1-based positions) and YAML line."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tiltakslab.korpus import KorpusFeil, load_corpus
from tiltakslab.skjema import DIR, valider

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("TILTAKSLAB_CACHE", str(tmp_path / "cache"))
    d = tmp_path / "data"
    shutil.copytree(REPO / "data", d, ignore=shutil.ignore_patterns("synthetic", "ovelser"))
    return d


def test_every_schema_is_a_valid_draft_2020_12_schema():
    from jsonschema import Draft202012Validator

    names = sorted(p.name for p in DIR.glob("*.schema.json"))
    assert names[:3] == ["kilder.schema.json", "ordliste.schema.json", "utdrag.schema.json"]
    for p in DIR.glob("*.schema.json"):
        Draft202012Validator.check_schema(json.loads(p.read_text(encoding="utf-8")))


def test_the_real_content_validates(data):
    corpus = load_corpus(data)
    assert len(corpus.excerpts) > 400 and len(corpus.sources) == 4


def test_a_misspelled_source_field_is_refused_not_ignored(data):
    f = data / "sources.yaml"
    text = f.read_text(encoding="utf-8")
    assert "    henvisningsformat: " in text
    f.write_text(text.replace("    henvisningsformat: ", "    henvisningsformatt: ", 1), encoding="utf-8")
    with pytest.raises(KorpusFeil) as err:
        load_corpus(data)
    msg = str(err.value)
    line = text.splitlines().index(next(x for x in text.splitlines() if x.startswith("    henvisningsformat: "))) + 1
    assert msg.startswith(f"sources.yaml, post «afi-notat-2004» (nr. 1), felt «henvisningsformatt», linje {line}: "
                          "ukjent felt (skrivefeil?)")


def test_all_problems_of_a_file_are_reported_at_once(data):
    f = data / "excerpts.yaml"
    recs = yaml.safe_load(f.read_text(encoding="utf-8"))
    recs[0]["voice"] = "saksbehandler"
    recs[4]["themes"] = ["samarbeid", "tull"]
    del recs[9]["locator"]
    f.write_text(yaml.safe_dump(recs, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(KorpusFeil) as err:
        load_corpus(data)
    lines = str(err.value).splitlines()
    assert len(lines) == 3
    assert "(nr. 1), felt «voice»" in lines[0] and "ukjent verdi «saksbehandler»" in lines[0]
    assert "(nr. 5), felt «themes nr. 2»" in lines[1] and "«tull»" in lines[1]
    assert "(nr. 10), felt «locator»" in lines[2] and "feltet mangler" in lines[2]
    assert all(", linje " in x for x in lines)


def test_glossary_beyond_sources_needs_a_note(data):
    f = data / "ordliste.yaml"
    recs = yaml.safe_load(f.read_text(encoding="utf-8"))
    recs[0]["utover_kildene"] = True
    recs[0].pop("merknad", None)
    f.write_text(yaml.safe_dump(recs, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(KorpusFeil, match=r"ordliste\.yaml, post «Aetat» \(nr\. 1\), felt «merknad», linje 1: "
                                         r"feltet mangler"):
        load_corpus(data)


def test_messages_are_norwegian_for_every_kind_of_error():
    data = {"kilder": [{"id": "X Y", "id_prefiks": "n", "kortnavn": "", "sitering": 3, "dokumenttype": "d",
                        "kildefiler": [], "forbehold": [], "aar": 1800}]}
    msgs = [f.melding for f in valider(data, "kilder", "sources.yaml")]
    assert msgs and all(not any(w in m for w in ("is not", "should", "does not", "required")) for m in msgs)
    assert any("har feil form" in m for m in msgs) and any("må være en tekst" in m for m in msgs)
    assert any("minst 1" in m for m in msgs) and any("minst 1900" in m for m in msgs)


def test_unchanged_content_is_not_validated_again_in_a_new_process(data, tmp_path):
    """A learner's kernel does not import jsonschema for content that validated once."""
    code = (f"import sys\nfrom tiltakslab.korpus import load_corpus\nload_corpus({str(data)!r})\n"
            "print('JSONSCHEMA', 'jsonschema' in sys.modules)")
    env = {"TILTAKSLAB_CACHE": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert "JSONSCHEMA True" in first.stdout and "JSONSCHEMA False" in second.stdout
