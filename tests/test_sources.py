"""Corpus loading, validation, filter and search (tiltakslab.sources), on small fixture files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from tiltakslab import paths
from tiltakslab.korpus import KorpusFeil, load_corpus

REPO = Path(__file__).resolve().parent.parent

EXCERPTS = [
    {"id": "notat-001", "source": "afi-notat-2004", "locator": "s. 7", "themes": ["samarbeid", "oppfolging"],
     "voice": "caseworker", "text": "Vi møtes i hverandres etater regelmessig & snakker om <b>vilkår</b>."},
    {"id": "notat-002", "source": "afi-notat-2004", "locator": "s. 9–10", "themes": ["kartlegging"],
     "note": "[sic] «sosialhjelpmottakere»", "text": "Langtids sosialhjelpmottakere får KIS-kartlegging."},
    {"id": "strategi-01", "source": "strategi-forsok-2003", "locator": "pkt. 4 Hva skal forsøkes?",
     "themes": ["samarbeid", "kontekst"], "text": "Brukerne skal ikke bli kasteballer mellom etatene."},
    {"id": "oversikt-001", "source": "kunnskapsoversikt-vedlegg", "locator": "Vedlegg 2, Prosjekt 8",
     "themes": ["relasjonsarbeid"], "voice": "evaluator",
     "text": "Å gjennomføre en god KIS kartlegging krever at veileder har god relasjonskompetanse."},
]

GLOSSARY_TEXT = """\
- term: KIS
  forklaring: Kartleggingsverktøy.
  utover_kildene: true
  merknad: Kildene skriver ikke ut forkortelsen.
  utdrag: [notat-002, oversikt-001]

- term: kasteball
  former: [kasteball]
  forklaring: Bruker som sendes mellom etatene.
  utdrag: []
"""


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    """A data folder with the real sources.yaml and small excerpts/glossary files."""
    shutil.copy(REPO / "data" / "sources.yaml", tmp_path / "sources.yaml")
    (tmp_path / "excerpts.yaml").write_text(yaml.safe_dump(EXCERPTS, allow_unicode=True), encoding="utf-8")
    (tmp_path / "ordliste.yaml").write_text(GLOSSARY_TEXT, encoding="utf-8")
    return tmp_path


def write_excerpts(data_dir: Path, records: list[dict]) -> None:
    (data_dir / "excerpts.yaml").write_text(yaml.safe_dump(records, allow_unicode=True), encoding="utf-8")


def test_loads_fixture(data_dir):
    c = load_corpus(data_dir)
    assert list(c.excerpts) == ["notat-001", "notat-002", "strategi-01", "oversikt-001"]
    ex = c.excerpts["notat-002"]
    assert (ex.source, ex.locator, ex.themes, ex.voice) == ("afi-notat-2004", "s. 9–10", ("kartlegging",), None)
    assert ex.note == "[sic] «sosialhjelpmottakere»"
    assert set(c.sources) == {"afi-notat-2004", "afi-delrapport-2004", "kunnskapsoversikt-vedlegg",
                              "strategi-forsok-2003"}
    assert [g.term for g in c.glossary] == ["KIS", "kasteball"]
    assert c.glossary[0].former == ("KIS",)  # defaults to the term itself


def test_cache_returns_same_object_until_a_file_changes(data_dir):
    first = load_corpus(data_dir)
    assert load_corpus(data_dir) is first
    records = EXCERPTS[:3]
    write_excerpts(data_dir, records)
    (data_dir / "ordliste.yaml").write_text(GLOSSARY_TEXT.replace("notat-002, oversikt-001", "notat-002"),
                                            encoding="utf-8")
    second = load_corpus(data_dir)
    assert second is not first and len(second) == 3


def test_env_var_selects_data_dir(data_dir, monkeypatch):
    monkeypatch.setenv(paths.ENV_DATA, str(data_dir))
    assert paths.data_dir() == data_dir.resolve()
    assert len(load_corpus()) == 4
    monkeypatch.delenv(paths.ENV_DATA)
    assert paths.data_dir() == REPO / "data"


@pytest.mark.parametrize(
    ("change", "post", "felt", "fragment"),
    [
        ({"id": "notat-001"}, "«notat-001» (nr. 2)", "id", "brukt før"),
        ({"source": "ukjent-kilde"}, "«notat-002» (nr. 2)", "source", "ukjent kilde «ukjent-kilde»"),
        ({"themes": ["oppfølging"]}, "«notat-002» (nr. 2)", "themes nr. 1", "ukjent verdi «oppfølging»"),
        ({"themes": []}, "«notat-002» (nr. 2)", "themes", "må ha minst 1"),
        ({"text": "   "}, "«notat-002» (nr. 2)", "text", "ikke er tom"),
        ({"locator": ""}, "«notat-002» (nr. 2)", "locator", "ikke er tom"),
        ({"locator": "side 9"}, "«notat-002» (nr. 2)", "locator", "«s. N»"),
        ({"voice": "saksbehandler"}, "«notat-002» (nr. 2)", "voice", "ukjent verdi «saksbehandler»"),
        ({"id": "delrapp-002"}, "«delrapp-002» (nr. 2)", "id", "notat-NNN"),
        ({"text": "Dette er feil [sic] her."}, "«notat-002» (nr. 2)", "text", "note"),
        ({"tema": ["samarbeid"]}, "«notat-002» (nr. 2)", "tema", "ukjent felt"),
    ],
)
def test_bad_excerpt_names_file_record_and_field(data_dir, change, post, felt, fragment):
    records = [dict(r) for r in EXCERPTS]
    records[1].update(change)
    write_excerpts(data_dir, records)
    with pytest.raises(KorpusFeil) as err:
        load_corpus(data_dir, glossary=False)
    exc = err.value
    assert (exc.fil, exc.post, exc.felt) == ("excerpts.yaml", post, felt)
    assert fragment in str(exc)
    assert re.match(rf"excerpts\.yaml, post {re.escape(post)}, felt «{re.escape(felt)}»(, linje \d+)?: ", str(exc))


def test_missing_required_field(data_dir):
    records = [dict(r) for r in EXCERPTS]
    del records[2]["locator"]
    write_excerpts(data_dir, records)
    with pytest.raises(KorpusFeil, match=r"post «strategi-01» \(nr\. 3\), felt «locator», linje 1\d: feltet mangler"):
        load_corpus(data_dir, glossary=False)


def test_record_without_id_is_named_by_position(data_dir):
    write_excerpts(data_dir, [*EXCERPTS, "bare tekst"])
    with pytest.raises(KorpusFeil, match=r"post nr\. 5, linje \d+: må være en tabell med felt"):
        load_corpus(data_dir, glossary=False)


def test_yaml_syntax_error_names_line(data_dir):
    (data_dir / "excerpts.yaml").write_text("- id: notat-001\n  text: [uavsluttet\n", encoding="utf-8")
    with pytest.raises(KorpusFeil, match=r"excerpts.yaml: ugyldig YAML \(linje \d+\)"):
        load_corpus(data_dir, glossary=False)


def test_missing_file(tmp_path):
    with pytest.raises(KorpusFeil, match="sources.yaml: filen finnes ikke"):
        load_corpus(tmp_path)


def test_glossary_unknown_excerpt_id(data_dir):
    (data_dir / "ordliste.yaml").write_text(GLOSSARY_TEXT.replace("notat-002,", "notat-099,"), encoding="utf-8")
    with pytest.raises(KorpusFeil) as err:
        load_corpus(data_dir)
    assert (err.value.fil, err.value.post, err.value.felt) == ("ordliste.yaml", "«KIS» (nr. 1)", "utdrag")
    assert "Kjør «tiltakslab oppdater»." in str(err.value)


def test_glossary_beyond_sources_needs_merknad(data_dir):
    (data_dir / "ordliste.yaml").write_text(GLOSSARY_TEXT.replace(
        "  merknad: Kildene skriver ikke ut forkortelsen.\n", ""), encoding="utf-8")
    with pytest.raises(KorpusFeil, match="felt «merknad»"):
        load_corpus(data_dir)


def test_sources_bad_described_work(data_dir):
    raw = yaml.safe_load((data_dir / "sources.yaml").read_text(encoding="utf-8"))
    raw["omtalte_arbeider"][0]["beskrevet_i"] = "finnes-ikke"
    (data_dir / "sources.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(KorpusFeil, match="beskrevet_i"):
        load_corpus(data_dir, glossary=False)


def test_filter(data_dir):
    c = load_corpus(data_dir)
    assert [e.id for e in c.filter(themes="samarbeid")] == ["notat-001", "strategi-01"]
    assert [e.id for e in c.filter(themes=["kartlegging", "relasjonsarbeid"])] == ["notat-002", "oversikt-001"]
    assert [e.id for e in c.filter(source="afi-notat-2004")] == ["notat-001", "notat-002"]
    assert [e.id for e in c.filter(voice="evaluator")] == ["oversikt-001"]
    assert [e.id for e in c.filter(themes="samarbeid", source="afi-notat-2004", voice="caseworker")] == [
        "notat-001"]
    assert c.filter(themes="metode") == []
    assert len(c.filter()) == 4


def test_search_case_insensitive_with_norwegian_letters(data_dir):
    c = load_corpus(data_dir)
    assert [e.id for e in c.search("ETATER")] == ["notat-001"]
    assert [e.id for e in c.search("å gjennomføre")] == ["oversikt-001"]
    assert [e.id for e in c.search("MØTES")] == ["notat-001"]
    assert [e.id for e in c.search("kis")] == ["notat-002", "oversikt-001"]
    assert [e.id for e in c.search("kis relasjonskompetanse")] == ["oversikt-001"]  # every word
    assert [e.id for e in c.search('"god KIS kartlegging"')] == ["oversikt-001"]  # phrase
    assert c.search("finnes ikke i noe utdrag") == []
    assert len(c.search("")) == 4


def test_search_covers_locator_and_combines_with_filter(data_dir):
    c = load_corpus(data_dir)
    assert [e.id for e in c.search("prosjekt 8")] == ["oversikt-001"]
    pool = c.filter(source="afi-notat-2004")
    assert [e.id for e in c.search("kis", excerpts=pool)] == ["notat-002"]


def test_get_unknown_id_has_norwegian_message(data_dir):
    c = load_corpus(data_dir)
    with pytest.raises(KeyError, match="Fant ikke utdraget «notat-999»"):
        c.get("notat-999")


def test_cli_oppdater_reports_stale_glossary_then_updates_it(data_dir, capsys):
    from tiltakslab.cli import main

    assert main(["oppdater", "--sjekk", "--data", str(data_dir)]) == 1
    out = capsys.readouterr().out
    assert "UTDATERT ordliste: «kasteball» har [–], skal ha [strategi-01]" in out
    assert "Kjør «tiltakslab oppdater»." in out
    assert main(["oppdater", "--data", str(data_dir)]) == 0
    assert "1 av 2 termer fikk nye utdragslister" in capsys.readouterr().out
    main(["oppdater", "--sjekk", "--data", str(data_dir)])
    out = capsys.readouterr().out
    # the fixture's quotes are not in its source texts, so only their passages stay missing
    assert "UTDATERT ordliste" not in out and "Sammenhengen rundt sitatene er utdatert" in out


def test_cli_reports_bad_file_without_traceback(data_dir, capsys):
    from tiltakslab.cli import main

    write_excerpts(data_dir, [{**EXCERPTS[0], "themes": ["tull"]}])
    assert main(["oppdater", "--sjekk", "--data", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Feil: excerpts.yaml, post «notat-001» (nr. 1), felt «themes nr. 1», linje 6: "
                          "ukjent verdi «tull»")
    assert "Traceback" not in err


def test_import_is_cheap():
    import subprocess
    import sys

    code = ("import sys, tiltakslab.sources; "
            "bad = [m for m in ('ipywidgets', 'IPython', 'pandas', 'matplotlib') if m in sys.modules]; "
            "print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_oppdater_never_writes_through_a_symlink(data_dir, tmp_path, capsys):
    from tiltakslab.cli import main

    ekte = tmp_path / "annet-sted.yaml"
    ekte.write_text((data_dir / "ordliste.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (data_dir / "ordliste.yaml").unlink()
    (data_dir / "ordliste.yaml").symlink_to(ekte)
    for_ = ekte.read_text(encoding="utf-8")
    assert main(["oppdater", "--data", str(data_dir)]) == 1
    assert "er en symbolsk lenke" in capsys.readouterr().err
    assert ekte.read_text(encoding="utf-8") == for_
