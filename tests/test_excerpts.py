"""The excerpt corpus data/excerpts.yaml: schema, coverage targets, and every quote verbatim in its own source.

The verbatim check runs against the source texts in data/kilder/ (tiltakslab.korpus.ordrett).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tiltakslab.korpus.ordrett import sjekk_ordrett
from tiltakslab.sources import load_corpus

ROOT = Path(__file__).resolve().parent.parent
EXCERPTS = ROOT / "data" / "excerpts.yaml"
SEEDS = ROOT / "data" / "kilder"

MAIN_THEMES = ("oppfolging", "relasjonsarbeid", "kartlegging", "samarbeid")
THEMES = set(MAIN_THEMES) | {"kontekst", "malgrupper", "resultater", "metode"}
VOICES = {"evaluator", "caseworker", "manager", "participant"}
REQUIRED = ("id", "source", "locator", "themes", "text")
ID_PATTERN = {
    "afi-notat-2004": re.compile(r"^notat-\d{3}$"),
    "strategi-forsok-2003": re.compile(r"^strategi-\d{2,3}$"),
    "afi-delrapport-2004": re.compile(r"^delrapp-\d{3}$"),
    "kunnskapsoversikt-vedlegg": re.compile(r"^oversikt-\d{3}$"),
}
LOCATOR_PATTERN = {
    "afi-notat-2004": re.compile(r"^s\. (\d+)(?:–(\d+))?$"),  # page, or a range over a page break
    "strategi-forsok-2003": re.compile(r"^(pkt\. [1-7] \S.*|overskrift før pkt\. 1 .*)$"),
    "afi-delrapport-2004": re.compile(r"^Del (I|II|III|IV)\b.*"),
    "kunnskapsoversikt-vedlegg": re.compile(r"^Vedlegg \d\b.*"),
}
SEED_PREFIX = {
    "afi-notat-2004": ("afi-notat-2004",),
    "strategi-forsok-2003": ("strategi-forsok-2003",),
    "afi-delrapport-2004": ("afi-delrapport-2004",),
    "kunnskapsoversikt-vedlegg": ("kunnskapsoversikt-vedlegg",),
}
MINIMUM_PER_SOURCE = {
    "afi-notat-2004": 10,
    "afi-delrapport-2004": 10,
    "kunnskapsoversikt-vedlegg": 10,
    "strategi-forsok-2003": 8,
}


@pytest.fixture(scope="module")
def records() -> list[dict]:
    data = yaml.safe_load(EXCERPTS.read_text(encoding="utf-8"))
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
            assert 1 <= first <= 31 and last in (first, first + 1), rec["id"]


def test_coverage_targets(records):
    assert len(records) >= 160
    per_source = Counter(rec["source"] for rec in records)
    for source, minimum in MINIMUM_PER_SOURCE.items():
        assert per_source[source] >= minimum, (source, per_source[source])
    per_theme = Counter(t for rec in records for t in rec["themes"])
    for theme in MAIN_THEMES:
        assert per_theme[theme] >= 30, (theme, per_theme[theme])


def test_sic_lives_in_the_note_not_in_the_quote(records):
    for rec in records:
        assert "[sic]" not in rec["text"], rec["id"]


def test_empty_legal_heading_quoted_only_as_heading(records):
    heading = [r for r in records if "rettslige muligheter og begrensninger" in r["text"]]
    assert heading, "the strategy's empty heading should be quotable as a heading"
    for rec in heading:
        assert rec["locator"].startswith("overskrift")
        assert "ingen tekst" in rec["note"]
        assert len(rec["text"].split()) < 20


def test_each_quote_is_in_its_own_source():
    """Every excerpt stands verbatim in its own declared source (the package's check, as `tiltakslab sjekk`)."""
    corpus = load_corpus()
    assert len(corpus.excerpts) >= 400
    assert sjekk_ordrett(corpus) == []


def test_note_pages_after_20_say_how_the_page_was_found(records):
    """001 (the rendering with page numbers) stops on p. 20: later pages are derived, and say so."""
    for rec in records:
        if rec["source"] != "afi-notat-2004":
            continue
        if max(int(p) for p in re.findall(r"\d+", rec["locator"])) > 20:
            assert "Sidetallet er utledet" in rec.get("note", "") or "Sidetallet er anslått" in rec.get("note", ""), \
                rec["id"]


def test_notes_speak_plain_norwegian_without_file_codes(records):
    """Notes are shown to learners: no file codes (000/001), file names or excerpt ids."""
    bad = re.compile(r"\(00\d\)|\b00\d\b|\.ya?ml\b|\.txt\b|\b(?:notat|delrapp|oversikt|strategi)-\d{3}\b")
    assert [rec["id"] for rec in records if bad.search(rec.get("note", ""))] == []


def test_page_labels_after_20_follow_what_bounds_the_page(records):
    """«utledet» only where a mid-sentence page break or two headings on one page fix the page."""
    by_id = {rec["id"]: rec for rec in records}
    # bounded only by headings that start on different pages: the page is estimated
    for eid in ("notat-143", "notat-146", "notat-147", "notat-148", "notat-149", "notat-150"):
        assert "Sidetallet er anslått" in by_id[eid]["note"], eid
    # bounded by a page break in the middle of a sentence (or headings on one page): derived
    for eid in ("notat-106", "notat-107", "notat-121", "notat-122", "notat-123", "notat-124", "notat-125"):
        assert "Sidetallet er utledet" in by_id[eid]["note"], eid
    assert by_id["notat-106"]["locator"] == "s. 21–22" and by_id["notat-121"]["locator"] == "s. 24–25"


def test_figures_missing_from_the_paged_rendering_say_so(records):
    """notat-095 («13 – 14») and notat-035 («20-24») are blank in the paged rendering."""
    paged = (SEEDS / "afi-notat-2004.txt").read_text(encoding="utf-8")
    full = (SEEDS / "afi-notat-2004-hele.txt").read_text(encoding="utf-8")
    by_id = {rec["id"]: rec for rec in records}
    for eid, tall, hull in (("notat-095", "13 – 14", "til uker"), ("notat-035", "20-24", "mellom år")):
        assert tall in full and hull in paged and tall in by_id[eid]["text"]
        assert "bare i den fullstendige gjengivelsen" in by_id[eid]["note"], eid
