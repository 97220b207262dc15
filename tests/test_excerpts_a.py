"""Checks for the draft corpus data/_utkast/excerpts_A.yaml (afi-notat-2004 and strategi-forsok-2003).

The lead merges the draft into data/excerpts.yaml; until then these tests keep it honest:
schema fields, stable unique ids, allowed themes/voices, locator format, the targets per
source and main theme, and that every quote stands verbatim in its own seed text.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "data" / "_utkast" / "excerpts_A.yaml"
SHARED = ROOT.parent / "shared"
CHECKER = SHARED / "tools" / "check_excerpts.py"
SEEDS = SHARED / "seeds"

THEMES = {
    "oppfolging", "relasjonsarbeid", "kartlegging", "samarbeid",
    "kontekst", "malgrupper", "resultater", "metode",
}
VOICES = {"evaluator", "caseworker", "manager", "participant"}
REQUIRED = ("id", "source", "locator", "themes", "text")
ID_PATTERN = {
    "afi-notat-2004": re.compile(r"^notat-\d{3}$"),
    "strategi-forsok-2003": re.compile(r"^strategi-\d{2}$"),
}
LOCATOR_PATTERN = {
    # page, or a page range where a quote runs over a page break
    "afi-notat-2004": re.compile(r"^s\. (\d+)(?:–(\d+))?$"),
    "strategi-forsok-2003": re.compile(r"^(pkt\. [1-7] \S.*|overskrift før pkt\. 1 .*)$"),
}
SEED_PREFIX = {"afi-notat-2004": ("000_", "001_"), "strategi-forsok-2003": ("004_",)}


@pytest.fixture(scope="module")
def records() -> list[dict]:
    data = yaml.safe_load(DRAFT.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def test_every_record_has_required_fields(records):
    for rec in records:
        missing = [k for k in REQUIRED if not rec.get(k)]
        assert not missing, f"{rec.get('id')}: mangler {missing}"
        assert set(rec) <= set(REQUIRED) | {"voice", "note"}, rec["id"]
        assert isinstance(rec["text"], str) and rec["text"].strip()


def test_ids_unique_and_well_formed(records):
    ids = Counter(rec["id"] for rec in records)
    assert [i for i, n in ids.items() if n > 1] == []
    for rec in records:
        assert ID_PATTERN[rec["source"]].match(rec["id"]), rec["id"]


def test_themes_and_voices_allowed(records):
    for rec in records:
        assert rec["themes"] and set(rec["themes"]) <= THEMES, rec["id"]
        assert len(rec["themes"]) == len(set(rec["themes"])), rec["id"]
        if "voice" in rec:
            assert rec["voice"] in VOICES, rec["id"]


def test_locators(records):
    for rec in records:
        m = LOCATOR_PATTERN[rec["source"]].match(rec["locator"])
        assert m, f"{rec['id']}: {rec['locator']}"
        if rec["source"] == "afi-notat-2004":
            first, last = int(m.group(1)), int(m.group(2) or m.group(1))
            assert 4 <= first <= 31 and last in (first, first + 1), rec["id"]


def test_targets_met(records):
    per_source = Counter(rec["source"] for rec in records)
    assert per_source["afi-notat-2004"] >= 75
    assert per_source["strategi-forsok-2003"] >= 12
    per_theme = Counter(t for rec in records for t in rec["themes"])
    for theme in ("oppfolging", "relasjonsarbeid", "kartlegging", "samarbeid"):
        assert per_theme[theme] >= 30, (theme, per_theme[theme])


def test_note_pages_spread(records):
    pages = set()
    for rec in records:
        if rec["source"] == "afi-notat-2004":
            pages.update(int(p) for p in re.findall(r"\d+", rec["locator"]))
    # every page with body text (4-31) carries at least one excerpt
    assert set(range(4, 32)) <= pages, sorted(set(range(4, 32)) - pages)


def test_empty_legal_heading_quoted_only_as_heading(records):
    heading = [r for r in records if "rettslige muligheter og begrensninger" in r["text"]]
    assert len(heading) == 1
    rec = heading[0]
    assert rec["locator"].startswith("overskrift")
    assert "ingen tekst" in rec["note"]
    assert len(rec["text"].split()) < 20


def test_each_quote_is_in_its_own_source(records):
    sys.path.insert(0, str(CHECKER.parent))
    try:
        from check_excerpts import ELISION, found_in, normalise
    finally:
        sys.path.pop(0)
    texts = {}
    for path in SEEDS.glob("*.txt"):
        raw = path.read_text(encoding="utf-8")
        texts[path.name] = (normalise(raw), normalise(raw, join_hyphens=True))
    for rec in records:
        parts = [normalise(p) for p in ELISION.split(rec["text"]) if normalise(p)]
        own = [v for name, v in texts.items() if name.startswith(SEED_PREFIX[rec["source"]])]
        assert any(found_in(parts, variant) for pair in own for variant in pair), rec["id"]


def test_shared_checker_finds_all():
    out = subprocess.run(
        [sys.executable, str(CHECKER), str(DRAFT)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    last = out.stdout.strip().splitlines()[-1]
    found, total = re.match(r"(\d+) of (\d+) excerpts found verbatim", last).groups()
    assert out.returncode == 0, out.stdout
    assert found == total and int(total) >= 87
