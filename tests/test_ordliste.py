"""The glossary: data/ordliste.yaml content rules, term matching, and the stored ``utdrag`` lists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tiltakslab.korpus import load_corpus
from tiltakslab.korpus.glossary import form_pattern, occurrences, rewrite_utdrag, search_glossary, stale_entries
from tiltakslab.korpus.loading import parse_glossary
from tiltakslab.korpus.model import Excerpt

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
SEEDS = REPO / "data" / "kilder"


@pytest.fixture(scope="module")
def entries():
    return parse_glossary(yaml.safe_load((DATA / "ordliste.yaml").read_text(encoding="utf-8")), None)


def test_at_least_80_terms_with_required_ones(entries):
    assert len(entries) >= 80
    terms = {e.term.casefold() for e in entries}
    for must in ("aetat", "trygdeetaten", "sosialtjenesten", "tiltaksplass", "amo-kurs",
                 "arbeidspraksis i skjermet virksomhet (aps)", "lønnstilskudd", "attføring", "yrkeshemmet",
                 "trekantsamtale", "individuell plan", "handlingsplan", "ansvarsgruppe", "vilkår",
                 "brukermedvirkning", "tio", "kis", "arena"):
        assert must in terms, must


def test_explanations_short_and_flagged_entries_explained(entries):
    for e in entries:
        assert 10 <= len(e.forklaring) <= 600, e.term
        if e.utover_kildene:
            assert e.merknad and len(e.merknad) > 10, e.term
    assert sum(e.utover_kildene for e in entries) >= 3


def test_kis_letters_not_guessed(entries):
    kis = next(e for e in entries if e.term == "KIS")
    assert kis.utover_kildene and "står for" in kis.merknad
    # no expansion of the letters anywhere in the entry
    assert not re.search(r"\bK\w+ I\w+ S\w+", kis.forklaring)


def test_every_form_is_used_in_the_sources(entries):
    texts = [re.sub(r"\s+", " ", re.sub(r"(\w)-[ \t]*\n\s*(\w)", r"\1\2", p.read_text(encoding="utf-8")))
             for p in sorted(SEEDS.glob("*.txt"))]
    missing = [(e.term, f) for e in entries for f in e.former
               if not any(form_pattern(f).search(t) for t in texts)]
    assert missing == []


def test_form_pattern_rules():
    assert form_pattern("KIS").search("en KIS-kartlegging")
    assert not form_pattern("KIS").search("kiste")  # acronyms are case-sensitive
    assert not form_pattern("IP").search("IPS")  # and end before another capital
    assert form_pattern("tiltaksplass").search("Tiltaksplassene ble fordelt")  # inflection, any case
    assert not form_pattern("tiltak").search("arbeidsmarkedstiltak")  # only at a word start
    assert not form_pattern("kurs").search("AMO-kurs")
    assert form_pattern("individuell plan").search("individuell\n  plan")


def _ex(i, text):
    return Excerpt(id=f"notat-{i:03d}", source="afi-notat-2004", locator="s. 1", themes=("kontekst",), text=text)


def test_occurrences_and_stale():
    exs = {e.id: e for e in (_ex(1, "Trekantsamtaler med Aetat."), _ex(2, "Ingen treff her."),
                            _ex(3, "En trekantsamtale."))}
    assert occurrences(["trekantsamtale"], exs.values()) == ["notat-001", "notat-003"]
    entries = parse_glossary([{"term": "trekantsamtale", "forklaring": "Samtale mellom tre.",
                               "utdrag": ["notat-001"]}], exs)
    assert stale_entries(entries, exs) == {"trekantsamtale": (["notat-001"], ["notat-001", "notat-003"])}


def test_rewrite_keeps_everything_but_utdrag_lines():
    text = ("# kommentar\n- term: A\n  forklaring: x\n  utdrag: []\n\n"
            "- term: B\n  forklaring: y\n  utdrag:\n    - old-1\n    - old-2\n\n"
            "- term: C\n  forklaring: z\n")
    new = rewrite_utdrag(text, [["n-1"], [], ["n-2", "n-3"]])
    assert new.startswith("# kommentar\n- term: A\n")
    assert [e["utdrag"] for e in yaml.safe_load(new)] == [["n-1"], [], ["n-2", "n-3"]]
    assert "old-1" not in new
    with pytest.raises(ValueError, match="fant 3 linjer som begynner med «- term:» i kolonne 1, men 1 termer"):
        rewrite_utdrag(text, [[]])


def test_search_glossary_puts_term_hits_first(entries):
    hits = search_glossary(entries, "kartlegging")
    assert hits[0].term == "kartlegging"
    assert any(e.term == "KIS" for e in hits)
    assert search_glossary(entries, "") == entries


def test_stored_utdrag_equal_computed():
    corpus = load_corpus(DATA)
    assert stale_entries(corpus.glossary, corpus.excerpts) == {}, (
        "run: tiltakslab oppdater")
