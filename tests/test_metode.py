"""Theme 07 metode: exercise content, verbatim quotes in item texts, answer keys, and the notebooks."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import yaml
from visningskode import tekstutdata

from tiltakslab.korpus.model import fold
from tiltakslab.korpus.vocab import MAIN_THEMES
from tiltakslab.ovelser.laster import les_filer
from tiltakslab.ovelser.skjema import siterte_ider, valider_fil
from tiltakslab.ovelser.vurdering import vurder

ROOT = Path(__file__).resolve().parents[1]
FIL = ROOT / "data" / "ovelser" / "metode.yaml"
LEKSJON = ROOT / "notebooks" / "07_metode.ipynb"
LOSNING = ROOT / "solutions" / "07_metode.ipynb"
OVING = ROOT / "exercises" / "07_metode.ipynb"
CASE_KINDS = {"kartlegging", "oppfolgingsplan", "dialog"}
ELISION = re.compile(r"\s*\[…\]\s*")
# «quote» (source in words); the excerpt id is the item's first ``sitater`` entry, never shown as text
QUOTED_ITEM = re.compile(r"^«(?P<sitat>.+)» \((?P<kilde>AFI-notatet|delrapporten|kunnskapsoversikten|strategien)\)$",
                         re.S)
KILDE_ORD = {"afi-notat-2004": "AFI-notatet", "afi-delrapport-2004": "delrapporten",
             "kunnskapsoversikt-vedlegg": "kunnskapsoversikten", "strategi-forsok-2003": "strategien"}


def _item_id(el: dict) -> str:
    assert QUOTED_ITEM.match(el["tekst"]) and el.get("sitater"), el["id"]
    return el["sitater"][0]


@pytest.fixture(scope="module")
def raw():
    return yaml.safe_load(FIL.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ovelser(raw):
    from tiltakslab.ovelser.skjema import rens

    return {ov["id"]: rens(ov) for ov in raw["ovelser"]}  # clean records, as the loader keeps them


@pytest.fixture(scope="module")
def utdrag():
    recs = yaml.safe_load((ROOT / "data" / "excerpts.yaml").read_text(encoding="utf-8"))
    return {r["id"]: r for r in recs}


def _code_sources(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code"]


def _called(path: Path, func: str) -> list[str]:
    ids = []
    for src in _code_sources(path):
        for call in re.findall(rf"\b{func}\(([^)]*)\)", src):
            ids += re.findall(r'"([a-z]+-\d{2,3})"', call)
    return ids


# ------------------------------------------------------------------ content

def test_file_is_valid_and_loads_with_the_others(raw):
    assert valider_fil(raw, "data/ovelser/metode.yaml") == []
    sett, feil = les_filer(FIL.parent)
    assert not [f for f in feil if "metode.yaml" in f]
    assert {oid for oid, fil in sett.filer.items() if fil.endswith("metode.yaml")} == {
        f"met-{n:02d}" for n in range(1, 13)}


def test_issue_requirements(ovelser):
    assert len(ovelser) >= 9
    assert all(ov["tema"] == "metode" for ov in ovelser.values())
    kinds = {ov["type"] for ov in ovelser.values()}
    assert len(kinds) >= 3
    assert kinds & CASE_KINDS
    # the brief: a sorting of real excerpts into the four main themes and a ranking of STC's steps
    koding = ovelser["met-04"]
    assert koding["type"] == "sortering"
    assert [k["id"] for k in koding["kategorier"]] == list(MAIN_THEMES)
    assert ovelser["met-01"]["type"] == "rangering"
    assert [e["id"] for e in ovelser["met-01"]["elementer"]] == ["helhet", "enheter", "abstrahere", "sammenfatte"]
    assert ovelser["met-12"]["type"] == "refleksjon"


def test_every_cited_excerpt_exists(ovelser, utdrag):
    for oid, ov in ovelser.items():
        missing = [sid for sid in siterte_ider(ov) if sid not in utdrag]
        assert not missing, f"{oid}: ukjente utdrag {missing}"


def _quoted_items(ovelser):
    for oid, ov in ovelser.items():
        if ov["type"] != "sortering":
            continue
        for el in ov["elementer"]:
            yield oid, el


def test_item_quotes_are_verbatim_from_the_named_excerpt(ovelser, utdrag):
    n = 0
    for oid, el in _quoted_items(ovelser):
        m = QUOTED_ITEM.match(el["tekst"])
        assert m, f"{oid}/{el['id']}: elementteksten må være «sitat» (kilden med ord)"
        sid = _item_id(el)
        assert m["kilde"] == KILDE_ORD[utdrag[sid]["source"]], f"{oid}/{el['id']}: kilden stemmer ikke med {sid}"
        kilde = fold(utdrag[sid]["text"])
        pos = 0
        for part in ELISION.split(m["sitat"]):
            part = fold(part)
            if not part:
                continue
            hit = kilde.find(part, pos)
            assert hit >= 0, f"{oid}/{el['id']}: «{part}» står ikke ordrett i {sid}"
            pos = hit + len(part)
        n += 1
    assert n >= 20


def test_theme_keys_agree_with_the_corpus_tags(ovelser, utdrag):
    """Our key for met-04 never contradicts the themes the corpus itself gives an excerpt."""
    for el in ovelser["met-04"]["elementer"]:
        sid = _item_id(el)
        tags = set(utdrag[sid]["themes"])
        if el.get("ingen_fasit"):
            assert len(tags & set(MAIN_THEMES)) >= 2, "et dilemma-utdrag skal bære minst to hovedtemaer"
            continue
        keys = el["kategori"] if isinstance(el["kategori"], list) else [el["kategori"]]
        assert set(keys) <= tags, f"{el['id']}: nøkkel {keys} mot korpusets temaer {sorted(tags)}"


def test_voice_keys_agree_with_the_corpus_voice(ovelser, utdrag):
    stemme = {"evaluator": "evaluator", "caseworker": "aktor", "manager": "aktor", "participant": "deltaker"}
    for el in ovelser["met-07"]["elementer"]:
        sid = _item_id(el)
        voice = utdrag[sid].get("voice")
        keys = el["kategori"] if isinstance(el["kategori"], list) else [el["kategori"]]
        if voice:
            assert stemme[voice] in keys, f"{el['id']}: korpuset sier {voice}, nøkkelen {keys}"


# ------------------------------------------------------------------ grading of model answers

def test_model_answers_get_full_marks_and_wrong_ones_do_not(ovelser):
    rang = ovelser["met-05"]
    full = vurder(rang, [e["id"] for e in rang["elementer"]])
    assert full.poeng == rang["poeng"]
    snudd = vurder(rang, [e["id"] for e in reversed(rang["elementer"])])
    assert snudd.poeng == 0

    kod = ovelser["met-04"]
    svar = {}
    for el in kod["elementer"]:
        k = el.get("kategori", "samarbeid")
        svar[el["id"]] = k[0] if isinstance(k, list) else k
    res = vurder(kod, svar)
    assert res.poeng == kod["poeng"] and res.status == "riktig"
    alt_oppfolging = vurder(kod, {el["id"]: "oppfolging" for el in kod["elementer"]})
    assert 0 < alt_oppfolging.poeng < kod["poeng"]  # honest partial credit

    plan = ovelser["met-08"]
    modell = {
        "hva_gjort": "Vi gikk gjennom arbeidserfaring og ressurser, og kartla hva som stopper henne.",
        "egne_ord": "Hun sier hun ikke orker enda et kurs uten at det fører noe sted, og ønsker å jobbe med barn.",
        "begrunnelse": "Praksis i barnehage gir arbeidserfaring mot det yrket hun selv ønsker.",
        "neste_steg": "Veileder ringer barnehagen innen fredag; neste møte om to uker.",
        "vurdering": "gjennomgang",
    }
    # free text is never graded by keywords: the model answer gets the points of its choice fields only,
    # is «levert», never «riktig», and the rest is judged by a person (self-assessment or the teacher)
    god = vurder(plan, modell)
    assert god.status == "levert" and 0 < god.poeng < plan["poeng"]
    tom = dict.fromkeys(modell, "x") | {"vurdering": "oppmote"}
    svak = vurder(plan, tom)
    assert svak.poeng < god.poeng and svak.status != "riktig"

    dialog = ovelser["met-09"]
    assert vurder(dialog, {"sti": [], "valg": [0, 0]}).poeng == 3
    assert vurder(dialog, {"sti": [], "valg": [1, 0]}).poeng == 0
    assert vurder(dialog, {"sti": [], "valg": [1, 1, 0]}).poeng == 3


# ------------------------------------------------------------------ notebooks

def test_lesson_weaves_6_to_12_excerpts_and_2_to_3_self_checks(ovelser, utdrag):
    sitert = _called(LEKSJON, "sitat")
    assert 6 <= len(set(sitert)) <= 12
    assert set(sitert) <= set(utdrag)
    selvsjekk = _called(LEKSJON, "ovelse")
    assert 2 <= len(selvsjekk) <= 3
    assert set(selvsjekk) <= set(ovelser)
    tekst = "\n".join(c.source for c in nbformat.read(LEKSJON, as_version=4).cells if c.cell_type == "markdown")
    for overskrift in ("Spørsmål", "Læringsmål", "Tid:", "Passer for", "Oppsummering", "Diskusjonsspørsmål",
                       "Nøkkelpunkter", "Kilder"):
        assert overskrift in tekst


def test_solutions_have_six_or_more_exercises_each_with_a_model_answer(ovelser):
    nb = nbformat.read(LOSNING, as_version=4)
    ids = _called(LOSNING, "ovelse")
    assert len(ids) >= 6 and len(set(ids)) == len(ids)
    assert set(ids) <= set(ovelser)
    assert not set(ids) & set(_called(LEKSJON, "ovelse")), "selvsjekkene i leksjonen gjentas ikke i øvingssettet"
    assert len({ovelser[i]["type"] for i in ids}) >= 3
    assert {ovelser[i]["type"] for i in ids} & CASE_KINDS
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and "ovelse(" in cell.source:
            neste = nb.cells[i + 1]
            assert "losning" in neste.metadata.get("tags", []), f"ingen løsningscelle etter {cell.source!r}"


def test_student_version_has_no_model_answers():
    nb = nbformat.read(OVING, as_version=4)
    tags = {t for c in nb.cells for t in c.metadata.get("tags", [])}
    assert not tags & {"losning", "laerernotat"}
    assert _called(OVING, "ovelse") == _called(LOSNING, "ovelse")


def test_lesson_figures_are_computed_not_typed():
    """The counts shown in the lesson come from code cells; the prose states no corpus counts."""
    nb = nbformat.read(LEKSJON, as_version=4)
    md = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "461" not in md
    outputs = "\n".join(tekstutdata(c) for c in nb.cells if c.cell_type == "code")
    assert "Tekstalternativ" in outputs


def test_lesson_prose_claims_hold_for_the_corpus(utdrag):
    """The lesson says samarbeid has the most excerpts and that many carry more than one main theme."""
    per_tema = {t: sum(t in r["themes"] for r in utdrag.values()) for t in MAIN_THEMES}
    assert max(per_tema, key=per_tema.get) == "samarbeid"
    med_hovedtema = [r for r in utdrag.values() if set(r["themes"]) & set(MAIN_THEMES)]
    flere = [r for r in med_hovedtema if len(set(r["themes"]) & set(MAIN_THEMES)) >= 2]
    assert len(flere) >= len(med_hovedtema) / 3


def test_coding_widget_driven_without_a_browser(tmp_path, monkeypatch, ovelser):
    """met-04 in the widget: the dilemma item is answered as «ingen fasit», the rest are graded."""
    import json

    from tiltakslab.ovelser.widget import OvelseWidget

    monkeypatch.setenv("TILTAKSLAB_SVAR", str(tmp_path / "svar"))
    ov = ovelser["met-04"]
    wid = OvelseWidget(ov, utdrag={})
    wid.send.click()
    assert wid.melding.value, "et ufullstendig svar skal gi en melding, ikke en vurdering"
    for el in ov["elementer"]:
        k = el.get("kategori", "relasjonsarbeid")
        wid.inndata.valg[el["id"]].value = k[-1] if isinstance(k, list) else k
    wid.send.click()
    assert wid.melding.value == ""
    assert "Riktig" in wid.tilbakemelding.value
    lagret = json.loads((tmp_path / "svar" / "svar.json").read_text(encoding="utf-8"))
    assert lagret["svar"]["met-04"]["forsok"][0]["svar"]["vilkar_dilemma"] == "relasjonsarbeid"


def test_stated_times_match_the_exercise_estimates(ovelser):
    """The minutes the notebooks promise agree with the sum of the exercises' own estimates."""
    def stated(path, pattern):
        tekst = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")
        return int(re.search(pattern, tekst).group(1))

    sett_min = sum(ovelser[i]["minutter"] for i in _called(LOSNING, "ovelse"))
    assert stated(LOSNING, r"Tid:\*\* ca\. (\d+) minutter") == sett_min
    lovet = stated(LEKSJON, r"\[Øvingssettet\]\([^)]*07_metode\.ipynb\)\s*(?:>\s*)?tar ca\. (\d+) min")
    assert lovet == sett_min
    selvsjekk_min = sum(ovelser[i]["minutter"] for i in _called(LEKSJON, "ovelse"))
    assert stated(LEKSJON, r"øvelser (\d+) minutter") == selvsjekk_min
