"""The real content files: data/sources.yaml, and data/excerpts.yaml once the lead has merged it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tiltakslab.korpus import load_corpus
from tiltakslab.korpus.loading import parse_sources
from tiltakslab.korpus.ordrett import staar_i

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
SEEDS = REPO / "data" / "kilder"



@pytest.fixture(scope="module")
def raw_sources() -> dict:
    return yaml.safe_load((DATA / "sources.yaml").read_text(encoding="utf-8"))


def test_sources_validate_and_have_expected_ids(raw_sources):
    sources, works = parse_sources(raw_sources)
    assert list(sources) == ["afi-notat-2004", "afi-delrapport-2004", "kunnskapsoversikt-vedlegg",
                             "strategi-forsok-2003"]
    assert len(works) == 13
    assert {w.beskrevet_i for w in works.values()} == {"kunnskapsoversikt-vedlegg"}
    assert sorted(w.get("nummer") for w in works.values()) == list(range(1, 14))


def test_only_stated_authors(raw_sources):
    by_id = {s["id"]: s for s in raw_sources["kilder"]}
    assert by_id["afi-notat-2004"]["forfattere"] == ["Kjetil Frøyland", "Angelika Schafft", "Øystein Spjelkavik"]
    for sid in ("afi-delrapport-2004", "kunnskapsoversikt-vedlegg", "strategi-forsok-2003"):
        assert by_id[sid]["forfattere"] == [], f"{sid} states no authors"
    # values the documents do not print are marked as coming from outside them
    assert "aar" in by_id["afi-delrapport-2004"]["utenfor_kilden"]
    assert "aar" in by_id["strategi-forsok-2003"]["utenfor_kilden"]
    assert by_id["kunnskapsoversikt-vedlegg"]["aar"] is None


def test_note_renderings_recorded(raw_sources):
    note = next(s for s in raw_sources["kilder"] if s["id"] == "afi-notat-2004")
    files = [f["fil"] for f in note["kildefiler"]]
    assert files == ["afi-notat-2004.txt", "afi-notat-2004-hele.txt"]
    assert "siterer" in note["kildefiler"][0]["rolle"]


def test_strategy_records_empty_heading(raw_sources):
    strat = next(s for s in raw_sources["kilder"] if s["id"] == "strategi-forsok-2003")
    assert "rettslige muligheter og begrensninger" in strat["tom_overskrift"]
    assert "ingen tekst" in strat["merknad"]


def test_source_files_exist(raw_sources):
    for src in raw_sources["kilder"]:
        for f in src["kildefiler"]:
            assert (SEEDS / f["fil"]).is_file(), f["fil"]


def test_caveats_are_verbatim(raw_sources):
    files = sorted(SEEDS.glob("*.txt"))
    n = 0
    for src in raw_sources["kilder"]:
        for caveat in src["forbehold"]:
            assert staar_i(caveat, files), f"{src['id']}: {caveat[:60]}"
            n += 1
    assert n >= 10


def test_merged_corpus_loads_and_meets_coverage():
    from tiltakslab.korpus import dekning

    corpus = load_corpus(DATA)
    assert dekning.failures(corpus) == []
