"""Quotes verified inside the package (tiltakslab.korpus.ordrett) and shown in context («Se sammenhengen»)."""

from __future__ import annotations

import re
import subprocess
import sys
from argparse import Namespace
from pathlib import Path

import pytest
from test_sjekk import _kopi

from tiltakslab import sjekk
from tiltakslab.korpus.model import Excerpt
from tiltakslab.korpus.ordrett import (
    beregn_sammenheng,
    deler,
    finn,
    normaliser,
    sammenheng,
    sjekk_ordrett,
    utdaterte_sammenhenger,
)
from tiltakslab.sources import load_corpus, render_html

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def test_normalisation_rules():
    n = normaliser("«Hei»  –\n  sosial-\n   tjenesten\u00ad’s", join_hyphens=True)
    assert n.tekst == "\"Hei\" - sosialtjenesten's"
    raw = "a  b\n\nc…"
    m = normaliser(raw)
    assert m.tekst == "a b c..."
    # every normalised character maps back to the raw character it came from
    assert [raw[i] for i in m.kart] == ["a", " ", "b", "\n", "c", "…", "…", "…"]
    assert deler("Første del […] andre del (…) tredje") == ["Første del", "andre del", "tredje"]


def test_every_excerpt_is_found_in_its_own_source(corpus):
    assert len(corpus.excerpts) >= 400
    assert sjekk_ordrett(corpus) == []


def test_a_quote_from_another_source_is_not_accepted(corpus):
    strategi = next(e for e in corpus.excerpts.values() if e.source == "strategi-forsok-2003" and len(e.text) > 80)
    moved = Excerpt(strategi.id, "afi-delrapport-2004", "Del I", strategi.themes, strategi.text)
    assert finn(strategi, corpus) is not None
    assert finn(moved, corpus) is None


def test_sjekk_names_the_excerpt_whose_quote_was_altered(tmp_path, monkeypatch, capsys):
    data = _kopi(tmp_path)
    corpus = load_corpus()
    ex = corpus.get("notat-026")
    f = data / "excerpts.yaml"
    text = f.read_text(encoding="utf-8")
    word = "oppfølgingen"
    assert word in ex.text
    # alter one character of one quote: the first occurrence of the word after the record's id
    at = text.index(word, text.index("id: notat-026"))
    f.write_text(text[:at] + "opfølgingen" + text[at + len(word):], encoding="utf-8")
    monkeypatch.setenv("TILTAKSLAB_DATA", str(data))
    assert sjekk.run(Namespace(data=None)) == 1
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if "ordrett" in line]
    assert len(lines) == 1 and "«notat-026»" in lines[0] and lines[0].startswith("FEIL:")


def test_sjekk_names_a_missing_source_text(tmp_path, monkeypatch, capsys):
    data = _kopi(tmp_path)
    (data / "kilder" / "strategi-forsok-2003.txt").unlink()
    monkeypatch.setenv("TILTAKSLAB_DATA", str(data))
    assert sjekk.run(Namespace(data=None)) == 1
    out = capsys.readouterr().out
    assert "kildeteksten «strategi-forsok-2003.txt» mangler" in out


def test_sjekk_passes_on_the_real_content():
    res = subprocess.run([sys.executable, "-m", "tiltakslab.cli", "sjekk"], capture_output=True, text=True,
                         cwd=REPO, check=False)
    assert res.returncode == 0, res.stdout + res.stderr
    assert re.search(r"Alle \d+ utdrag står ordrett i sin egen kilde", res.stdout)


def test_context_marks_the_quote_with_sentences_around_it(corpus):
    ex = corpus.get("notat-026")
    ctx = sammenheng(ex, corpus)
    assert ctx is not None
    quoted = [txt for txt, q in ctx.biter if q]
    assert normaliser(" ".join(quoted)).tekst == normaliser(ex.text).tekst
    before, after = ctx.biter[0], ctx.biter[-1]
    assert not before[1] and not after[1]
    assert len(before[0]) > 40 and len(after[0]) > 40


def test_context_of_an_elided_quote_marks_each_part_and_shows_the_gap(corpus):
    ex = next(e for e in corpus.excerpts.values() if "[…]" in e.text and not e.text.rstrip().endswith("[…]"))
    ctx = sammenheng(ex, corpus)
    marked = [txt for txt, q in ctx.biter if q]
    assert len(marked) == len(deler(ex.text)) >= 2


def test_every_excerpt_has_a_context(corpus):
    assert [e.id for e in corpus.excerpts.values() if sammenheng(e, corpus) is None] == []


def test_quote_block_offers_the_context_collapsed(corpus):
    html = render_html(corpus.get("notat-026"), corpus)
    assert "<details" in html and "<summary" in html and "Se sammenhengen" in html
    assert "open" not in html.split("<details", 1)[1].split(">", 1)[0]
    assert html.count("<mark>") == 1
    # the block is still one figure whose caption holds the context (figcaption last in the figure)
    assert html.startswith("<figure") and html.endswith("</figcaption></figure>")
    assert "notat-026" not in re.sub(r'data-utdrag="[^"]*"', "", html)


def test_quote_block_escapes_the_context(tmp_path):
    data = _kopi(tmp_path)
    f = data / "kilder" / "strategi-forsok-2003.txt"
    f.write_text(f.read_text(encoding="utf-8").replace("1. Bakgrunn", "1. <script>x</script> Bakgrunn", 1),
                 encoding="utf-8")
    c = load_corpus(data)
    ex = next(e for e in c.excerpts.values() if e.source == "strategi-forsok-2003" and "Stortinget ber" in e.text)
    html = render_html(ex, c)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_precomputed_passages_are_up_to_date(corpus):
    """Lessons read the passages from kilder/sammenheng.json; it must match the quotes and source texts."""
    assert utdaterte_sammenhenger(corpus) == [], "kjør «tiltakslab oppdater»"
    for ex in list(corpus.excerpts.values())[::40]:
        assert sammenheng(ex, corpus) == beregn_sammenheng(ex, corpus)


def test_a_changed_quote_is_not_shown_with_an_old_passage(tmp_path, monkeypatch, capsys):
    data = _kopi(tmp_path)
    f = data / "excerpts.yaml"
    text = f.read_text(encoding="utf-8")
    at = text.index("oppfølgingen", text.index("id: notat-026"))
    # shorten the quote to its first sentence: still verbatim, but the stored passage belongs to the old quote
    end = text.index(".", at) + 1
    start = text.index("text: >-", text.index("id: notat-026"))
    body_start = text.index("\n", start) + 1
    nxt = text.index("\n- id:", body_start)
    f.write_text(text[:body_start] + "    " + " ".join(text[body_start:end].split()) + text[nxt:], encoding="utf-8")
    c = load_corpus(data)
    assert utdaterte_sammenhenger(c) == ["notat-026"]
    ctx = sammenheng(c.get("notat-026"), c)
    assert normaliser(" ".join(t for t, q in ctx.biter if q)).tekst == normaliser(c.get("notat-026").text).tekst
    monkeypatch.setenv("TILTAKSLAB_DATA", str(data))
    assert sjekk.run(Namespace(data=None)) == 1
    assert "Sammenhengen rundt sitatene er utdatert for 1 utdrag (f.eks. notat-026)" in capsys.readouterr().out


def test_oppdater_writes_passages_atomically_and_never_through_a_symlink(tmp_path, capsys):
    from tiltakslab.cli import main
    from tiltakslab.korpus.ordrett import SAMMENHENG_FIL, kildemappe, oppdater_sammenheng

    data = _kopi(tmp_path)
    c = load_corpus(data)
    fil = kildemappe(c) / SAMMENHENG_FIL
    ekte = tmp_path / "annet-sted.json"
    ekte.write_text("{}\n", encoding="utf-8")
    fil.unlink()
    fil.symlink_to(ekte)
    assert main(["oppdater", "--data", str(data)]) == 1
    assert "er en symbolsk lenke" in capsys.readouterr().err
    assert ekte.read_text(encoding="utf-8") == "{}\n"
    fil.unlink()
    assert oppdater_sammenheng(c) == len(c.excerpts)  # written anew, as a plain file
    assert not fil.is_symlink() and utdaterte_sammenhenger(c) == []
