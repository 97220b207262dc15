"""Quote blocks (HTML and text), sitat(), ordliste() display, and the excerpt browser widget."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from tiltakslab.korpus import load_corpus, render_html, render_text
from tiltakslab.korpus.browser import PAGE_SIZE, count_text, select, utdragsleser
from tiltakslab.korpus.display import ordliste_visning, sitat, sitat_visninger

REPO = Path(__file__).resolve().parent.parent

EXCERPTS = [
    {"id": "notat-001", "source": "afi-notat-2004", "locator": "s. 7", "themes": ["samarbeid", "oppfolging"],
     "voice": "caseworker", "text": "Vi møtes i hverandres etater & snakker om <b>vilkår</b>.\n\nNytt avsnitt."},
    {"id": "notat-002", "source": "afi-notat-2004", "locator": "s. 12", "themes": ["kartlegging"],
     "note": "[sic] «sosialhjelpmottakere» <script>", "text": "Langtids sosialhjelpmottakere får kartlegging."},
]
# Enough extra excerpts to need a second page in the browser.
EXCERPTS += [
    {"id": f"oversikt-{i:03d}", "source": "kunnskapsoversikt-vedlegg", "locator": f"Vedlegg 2, Prosjekt {i % 13 + 1}",
     "themes": ["relasjonsarbeid"], "voice": "evaluator" if i % 2 else None,
     "text": f"Relasjonen er viktig i prosjekt nummer {i}."}
    for i in range(1, 21)
]


@pytest.fixture()
def corpus(tmp_path):
    shutil.copy(REPO / "data" / "sources.yaml", tmp_path / "sources.yaml")
    records = [{k: v for k, v in r.items() if v is not None} for r in EXCERPTS]
    (tmp_path / "excerpts.yaml").write_text(yaml.safe_dump(records, allow_unicode=True), encoding="utf-8")
    (tmp_path / "ordliste.yaml").write_text(
        "- term: vilkår\n  forklaring: Krav for å få <stønad>.\n  utdrag: [notat-001]\n\n"
        "- term: KIS\n  forklaring: Et kartleggingsverktøy.\n  utover_kildene: true\n"
        "  merknad: Kildene skriver ikke ut forkortelsen.\n  utdrag: []\n", encoding="utf-8")
    return load_corpus(tmp_path)


class Tags(HTMLParser):
    """Records the open-tag path of every text node."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.texts: list[tuple[tuple[str, ...], str]] = []

    def handle_starttag(self, tag, attrs):
        if tag != "br":
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"bad nesting at </{tag}>"
        self.stack.pop()

    def handle_data(self, data):
        if data.strip():
            self.texts.append((tuple(self.stack), data))


def parse(html: str) -> Tags:
    p = Tags()
    p.feed(html)
    p.close()
    assert p.stack == [], "unclosed tags"
    return p


def test_html_structure_citation_and_escaping(corpus):
    html = render_html(corpus.excerpts["notat-001"], corpus)
    assert html.startswith("<figure") and html.endswith("</figure>")
    assert "<b>" not in html and "&lt;b&gt;vilkår&lt;/b&gt;" in html and "&amp;" in html
    tags = parse(html)
    quoted = [t for path, t in tags.texts if "blockquote" in path]
    assert [q.strip() for q in quoted] == ["Vi møtes i hverandres etater & snakker om <b>vilkår</b>.",
                                           "Nytt avsnitt."]
    caption = " ".join(t for path, t in tags.texts if "figcaption" in path)
    assert "Frøyland, Schafft og Spjelkavik" in caption and "s. 7" in caption and "notat-001" not in caption
    assert 'lang="nb"' in html


def test_note_is_outside_the_blockquote_and_escaped(corpus):
    html = render_html(corpus.excerpts["notat-002"], corpus)
    tags = parse(html)
    in_quote = " ".join(t for path, t in tags.texts if "blockquote" in path)
    in_caption = " ".join(t for path, t in tags.texts if "figcaption" in path)
    assert "[sic]" not in in_quote
    assert "Merknad: [sic] «sosialhjelpmottakere» <script>" in in_caption
    assert "<script>" not in html


def test_render_by_id_and_text(corpus):
    assert render_html("notat-001", corpus) == render_html(corpus.excerpts["notat-001"], corpus)
    text = render_text(corpus.excerpts["notat-002"], corpus)
    lines = text.splitlines()
    assert lines[0] == "«Langtids sosialhjelpmottakere får kartlegging.»"
    assert lines[1].startswith("— Frøyland, Schafft og Spjelkavik") and lines[1].endswith("s. 12")
    assert lines[2] == "Merknad: [sic] «sosialhjelpmottakere» <script>"


def test_sitat_shows_text_outside_ipython(corpus, capsys):
    sitat("notat-001", "notat-999", corpus=corpus)
    out = capsys.readouterr().out
    assert "«Vi møtes i hverandres etater" in out
    assert "Fant ikke utdraget «notat-999». Mente du notat-002 eller notat-001?" in out


def test_sitat_rich_display_has_html_and_plain(corpus):
    views = sitat_visninger("notat-001", corpus=corpus)
    assert views[0]._repr_html_().startswith("<figure")
    assert repr(views[0]).startswith("«Vi møtes")
    assert "Oppgi minst én utdrags-id" in sitat_visninger(corpus=corpus)[0].text


def test_ordliste_search_and_flag(corpus):
    v = ordliste_visning("kartlegging", corpus=corpus)
    assert v.text.startswith("1 av 2 termer passer søket «kartlegging».")
    assert "KIS: Et kartleggingsverktøy." in v.text and "går utover kildene" in v.text
    assert "&lt;stønad&gt;" in ordliste_visning(None, corpus=corpus).html
    assert "Finnes i utdrag: notat-001" in ordliste_visning("vilkår", corpus=corpus).text
    assert ordliste_visning("zzz", corpus=corpus).text.startswith("0 av 2 termer")


def test_select_and_count_text(corpus):
    assert [e.id for e in select(corpus, tema="samarbeid")] == ["notat-001"]
    assert len(select(corpus, kilde="kunnskapsoversikt-vedlegg", stemme="evaluator")) == 10
    assert [e.id for e in select(corpus, sok="KARTLEGGING")] == ["notat-002"]
    assert count_text(0, 0).startswith("Ingen utdrag passer")
    assert count_text(15, 22) == "22 utdrag passer. Viser de 15 første."
    assert count_text(1, 1) == "1 utdrag passer."


def test_browser_widget_without_browser(corpus):
    w = utdragsleser(corpus=corpus)
    total = len(EXCERPTS)
    assert w.treff and len(w.treff) == total
    assert f"{total} utdrag passer. Viser de {PAGE_SIZE} første." in w.antall.value
    assert w.resultater.value.count("<figure") == PAGE_SIZE
    assert w.flere.layout.display is None  # «Vis flere» is visible
    w.flere.click()
    assert w.resultater.value.count("<figure") == total
    assert w.flere.layout.display == "none"

    w.tema.value = "kartlegging"
    assert "1 utdrag passer." in w.antall.value
    assert "notat-002" in w.resultater.value and "notat-001" not in w.resultater.value
    assert "Merknad: [sic]" in w.resultater.value and "Tema: Kartlegging" in w.resultater.value

    w.tema.value = None
    w.kilde.value = "kunnskapsoversikt-vedlegg"
    w.stemme.value = "evaluator"
    assert "10 utdrag passer." in w.antall.value
    assert "Stemme: evaluator" in w.resultater.value

    w.sok.value = "nummer 13"
    assert "1 utdrag passer." in w.antall.value and "oversikt-013" in w.resultater.value

    w.sok.value = "finnes ikke"
    assert "Ingen utdrag passer" in w.antall.value and w.resultater.value == ""

    w.tilbakestill.click()
    assert (w.tema.value, w.kilde.value, w.stemme.value, w.sok.value) == (None, None, None, "")
    assert f"{total} utdrag passer." in w.antall.value


def test_browser_inputs_are_labelled_and_count_is_live(corpus):
    w = utdragsleser(corpus=corpus)
    assert [x.description for x in (w.tema, w.kilde, w.stemme, w.sok)] == ["Tema", "Kilde", "Stemme", "Søk"]
    assert 'aria-live="polite"' in w.antall.value and 'role="status"' in w.antall.value
    labels = [label for label, _ in w.kilde.options]
    assert labels[0] == "Alle kilder" and "AFI-notat 2004 «Samarbeid og samordning»" in labels


def test_browser_initial_filter_and_bad_value(corpus):
    w = utdragsleser(tema="oppfolging", corpus=corpus)
    assert "1 utdrag passer." in w.antall.value
    msg = utdragsleser(tema="ukjent", corpus=corpus)
    assert "Ukjent tema «ukjent»" in msg.text
    assert re.search(r"Gyldige verdier: oppfolging, relasjonsarbeid", msg.text)
