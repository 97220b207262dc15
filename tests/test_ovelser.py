"""Exercise engine: schema validation, grading of every kind, and widgets driven without a browser."""

from __future__ import annotations

import copy
import json

import pytest

from tiltakslab.meldinger import t
from tiltakslab.ovelser import last_ovelser, ovelse
from tiltakslab.ovelser.lager import Svarlager
from tiltakslab.ovelser.skjema import valider_fil
from tiltakslab.ovelser.vurdering import SvarFeil, tolk_svar, tolk_tall, vurder
from tiltakslab.ovelser.widget import OvelseWidget


@pytest.fixture(autouse=True)
def svarmappe(tmp_path, monkeypatch):
    monkeypatch.setenv("TILTAKSLAB_SVAR", str(tmp_path / "svar"))
    return tmp_path / "svar"


@pytest.fixture(scope="module")
def sett():
    return last_ovelser()


def lag(sett, oid, **kw):
    return OvelseWidget(copy.deepcopy(sett.hent(oid)), utdrag={}, **kw)


def lagret(svarmappe):
    return json.loads((svarmappe / "svar.json").read_text(encoding="utf-8"))


# ------------------------------------------------------------------ content and schema

def test_all_nine_kinds_present_and_valid(sett):
    assert {ov["type"] for ov in sett.ovelser.values()} >= {
        "flervalg", "flere_riktige", "rangering", "sortering", "tallsvar", "kartlegging",
        "oppfolgingsplan", "dialog", "refleksjon"}


@pytest.fixture
def mini():
    """Small fixture exercises (tests/fixtures/ovelser/mini.yaml): engine tests do not depend on live content."""
    from pathlib import Path

    from tiltakslab.ovelser.skjema import rens
    from tiltakslab.yamlfil import les_yaml

    fil = Path(__file__).resolve().parent / "fixtures" / "ovelser" / "mini.yaml"
    # clean records, as the loader keeps them (ids as text, optional lists present)
    return {ov["id"]: rens(ov) for ov in les_yaml(fil.read_text(encoding="utf-8"))["ovelser"]}


def test_schema_error_names_file_exercise_and_field(mini):
    rec = mini["tst-01"]
    rec["alternativer"][1]["riktig"] = "ja"
    rec["tilbakemeldning"] = "typo"
    feil = valider_fil({"versjon": 1, "ovelser": [rec]}, "data/ovelser/x.yaml")
    assert any("data/ovelser/x.yaml, post «tst-01» (nr. 1), felt «alternativer nr. 2 › riktig»" in f for f in feil)
    assert any("«tilbakemeldning»" in f and "ukjent felt" in f for f in feil)


def test_schema_rejects_broken_dialog_graph(mini):
    rec = mini["tst-03"]
    rec["noder"][0]["svar"][0]["til"] = "finnes-ikke"
    feil = valider_fil({"versjon": 1, "ovelser": [rec]}, "f.yaml")
    assert any("finnes-ikke" in f for f in feil)


def test_schema_rejects_two_right_in_flervalg(mini):
    rec = mini["tst-01"]
    for a in rec["alternativer"]:
        a["riktig"] = True
    assert any("nøyaktig ett" in f for f in valider_fil({"versjon": 1, "ovelser": [rec]}, "f.yaml"))


# ------------------------------------------------------------------ numbers

@pytest.mark.parametrize("tekst,verdi", [("23,5", 23.5), ("23.5", 23.5), (" 1 234 ", 1234.0), ("16%", 16.0),
                                         ("-3,0", -3.0), (",5", 0.5)])
def test_tolk_tall_accepts_norwegian_forms(tekst, verdi):
    assert tolk_tall(tekst) == verdi


@pytest.mark.parametrize("tekst", ["seksten", "1,2,3", "", "  ", "1.2,3", "nan"])
def test_tolk_tall_rejects_non_numbers(tekst):
    with pytest.raises(SvarFeil):
        tolk_tall(tekst)


# ------------------------------------------------------------------ grading (plain functions)

def test_flervalg_right_and_wrong_with_per_option_feedback(sett):
    ov = sett.hent("sam-01")
    res = vurder(ov, tolk_svar(ov, "b"))
    assert (res.status, res.poeng) == ("riktig", 1.0)
    res = vurder(ov, tolk_svar(ov, "a"))
    assert res.status == "feil" and res.poeng == 0 and res.hint == ov["hint"]
    assert res.deler[0].tekst == ov["alternativer"][0]["tilbakemelding"]
    assert res.deler[0].sitater == ["notat-026"]


def test_flere_riktige_partial_credit_and_honest_summary(sett):
    ov = sett.hent("sam-02")
    res = vurder(ov, tolk_svar(ov, ["tid", "lonn"]))
    assert res.status == "delvis"
    assert res.poeng == 0.0  # (1 right - 1 wrong) / 3
    assert "1 av 3" in res.sammendrag and "1 feil" in res.sammendrag
    assert [d.status for d in res.deler].count("mangler") == 2
    res = vurder(ov, tolk_svar(ov, ["tid", "personvern"]))
    assert res.status == "delvis" and res.poeng == 2.0
    res = vurder(ov, tolk_svar(ov, ["tid", "personvern", "data"]))
    assert res.status == "riktig" and res.poeng == 3.0


def test_rangering_explains_misplaced_items(sett):
    ov = sett.hent("opp-01")
    key = [e["id"] for e in ov["elementer"]]
    assert vurder(ov, tolk_svar(ov, key)).status == "riktig"
    swapped = [key[1], key[0], *key[2:]]
    res = vurder(ov, tolk_svar(ov, swapped))
    assert res.status == "delvis" and len(res.deler) == 2
    assert "3 av 5" in res.sammendrag


def test_rangering_incomplete_and_duplicate_places(sett):
    ov = sett.hent("opp-01")
    ids = [e["id"] for e in ov["elementer"]]
    with pytest.raises(SvarFeil, match="mangler en plass"):
        tolk_svar(ov, {ids[0]: 1, ids[1]: None})
    with pytest.raises(SvarFeil, match="samme plass"):
        tolk_svar(ov, {i: 1 for i in ids})


def test_sortering(sett):
    ov = sett.hent("sam-03")
    fasit = {e["id"]: e["kategori"] if isinstance(e["kategori"], str) else e["kategori"][0] for e in ov["elementer"]}
    assert vurder(ov, tolk_svar(ov, fasit)).poeng == ov["poeng"]
    feil = dict(fasit, okonomi="aetat")
    res = vurder(ov, tolk_svar(ov, feil))
    assert res.status == "delvis" and res.deler[0].status == "feil"
    with pytest.raises(SvarFeil, match="mangler en kategori"):
        tolk_svar(ov, {"okonomi": "sosial"})


def test_tallsvar_tolerance_and_explanation(sett):
    ov = sett.hent("res-01")
    assert vurder(ov, tolk_svar(ov, "16")).status == "riktig"
    assert vurder(ov, tolk_svar(ov, "16,4")).status == "riktig"
    res = vurder(ov, tolk_svar(ov, "18"))
    assert res.status == "feil" and "prosentpoeng" in res.deler[0].tekst
    with pytest.raises(SvarFeil, match="mellom"):
        tolk_svar(ov, "500")


def test_tallsvar_from_synthetic_data(tmp_path, monkeypatch):
    from tiltakslab.ovelser.beregning import beregn

    (tmp_path / "synthetic").mkdir()
    (tmp_path / "synthetic" / "deltakere.csv").write_text("alder,tiltak\n20,AMO\n30,AMO\n22,AB\n50,AB\n")
    monkeypatch.setenv("TILTAKSLAB_DATA", str(tmp_path))
    ung = {"kolonne": "alder", "operator": "<", "verdi": 25}
    amo = {"kolonne": "tiltak", "operator": "==", "verdi": "AMO"}
    assert beregn({"tabell": "deltakere", "mal": "andel", "utvalg": [ung], "skala": 100}) == 50.0
    assert beregn({"tabell": "deltakere", "mal": "andel", "utvalg": [ung, amo], "nevner": [amo]}) == 0.5
    assert beregn({"tabell": "deltakere", "mal": "gjennomsnitt", "kolonne": "alder"}) == 30.5


def test_dialog_paths(sett):
    ov = sett.hent("rel-01")
    best = vurder(ov, tolk_svar(ov, {"valg": [1, 0]}))
    assert best.status == "riktig" and best.poeng == 2
    worst = vurder(ov, tolk_svar(ov, {"valg": [0, 0]}))
    assert worst.status == "feil" and worst.deler[-1].sitater
    with pytest.raises(SvarFeil, match="ikke ferdig"):
        tolk_svar(ov, {"valg": [1]})


def test_ingen_fasit_is_never_right_or_wrong(sett):
    ov = sett.hent("rel-03")
    for a in ov["alternativer"]:
        res = vurder(ov, tolk_svar(ov, a["id"]))
        assert res.status == "ingen_fasit" and res.poeng == 0
        assert t("status.riktig") not in res.sammendrag


def test_refleksjon_limits_and_model_answer(sett):
    ov = sett.hent("rel-02")
    with pytest.raises(SvarFeil, match="Skriv et svar"):
        tolk_svar(ov, "   ")
    with pytest.raises(SvarFeil, match="for lang"):
        tolk_svar(ov, "x" * 3001)
    res = vurder(ov, tolk_svar(ov, "Jeg vil stille vilkår og samtidig lytte til hva deltakeren ønsker."))
    assert res.status == "levert" and res.modellsvar and len(res.deler) == 3


# ------------------------------------------------------------------ widgets (no browser)

def test_flervalg_widget_click_feedback_and_store(sett, svarmappe):
    wid = lag(sett, "sam-01")
    assert {"tl-ovelse", "tl-id-sam-01", "tl-type-flervalg"} <= set(wid.boks._dom_classes)
    wid.send.click()  # empty answer
    assert "ikke valgt noe svar" in wid.melding.value
    assert not (svarmappe / "svar.json").exists()
    wid.inndata.radio.value = "a"
    wid.send.click()
    assert "Ikke riktig ennå" in wid.tilbakemelding.value and "✘" in wid.tilbakemelding.value
    wid.inndata.radio.value = "b"
    wid.send.click()
    assert "Riktig" in wid.tilbakemelding.value and "✔" in wid.tilbakemelding.value
    rec = lagret(svarmappe)["svar"]["sam-01"]
    assert [f["svar"] for f in rec["forsok"]] == ["a", "b"]
    assert rec["beste_poeng"] == 1.0


def test_answers_restored_into_new_widget(sett, svarmappe):
    wid = lag(sett, "sam-02")
    wid.inndata.bokser["tid"].value = True
    wid.inndata.bokser["data"].value = True
    wid.send.click()
    ny = lag(sett, "sam-02")  # e.g. the notebook re-run, or the cell moved
    assert ny.inndata.bokser["tid"].value and ny.inndata.bokser["data"].value
    assert not ny.inndata.bokser["lonn"].value
    assert "hentet fram" in ny.tilbakemelding.value


def test_rangering_and_sortering_widgets(sett, svarmappe):
    wid = lag(sett, "opp-01")
    ids = [e["id"] for e in sett.hent("opp-01")["elementer"]]
    shown = list(wid.inndata.plasser)
    assert shown != ids  # shuffled
    wid.inndata.plasser[ids[0]].value = 1
    wid.send.click()
    assert "mangler en plass" in wid.melding.value
    for plass, eid in enumerate(ids, 1):
        wid.inndata.plasser[eid].value = plass
    wid.send.click()
    assert wid.melding.value == "" and "Riktig" in wid.tilbakemelding.value

    srt = lag(sett, "sam-03")
    for e in sett.hent("sam-03")["elementer"]:
        srt.inndata.valg[e["id"]].value = "tiltak"
    srt.send.click()
    assert "1 av 4" in srt.tilbakemelding.value  # only «kurs og praksis» accepts the tiltaksarrangør


def test_tallsvar_widget_bad_number_then_comma(sett, svarmappe):
    wid = lag(sett, "res-01")
    wid.inndata.tekst.value = "seksten"
    wid.send.click()
    assert "ikke et tall" in wid.melding.value and wid.inndata.tekst.value == "seksten"
    assert not (svarmappe / "svar.json").exists()
    wid.inndata.tekst.value = "16,0"
    wid.send.click()
    assert wid.melding.value == "" and "Riktig" in wid.tilbakemelding.value
    assert lagret(svarmappe)["svar"]["res-01"]["forsok"][0]["svar"] == {"tekst": "16,0", "verdi": 16.0}


def test_kartlegging_widget(sett, svarmappe):
    oid = next(i for i, o in sett.ovelser.items() if o["type"] == "kartlegging")
    ov = sett.hent(oid)
    wid = lag(sett, oid)
    wid.send.click()
    assert "Svar på spørsmålet" in wid.melding.value
    for b in ov["beslutninger"]:
        wid.inndata.beslutninger[b["id"]].value = b.get("modell") or b["valg"][0]["id"]
    for o in ov["omrader"]:
        wid.inndata.status[o["id"]].value = o["modell"] if isinstance(o["modell"], str) else o["modell"][0]
        wid.inndata.notat[o["id"]].value = "notat"
    wid.send.click()
    assert wid.melding.value == "", wid.melding.value
    assert lagret(svarmappe)["svar"][oid]["forsok"][0]["poeng"] == ov["poeng"]


def test_oppfolgingsplan_widget_rubric(sett, svarmappe):
    wid = lag(sett, "opp-02", deltaker={"deltaker_id": "D0042", "fornavn": "Mina", "tekst": "Mina (27) …"})
    assert "Mina" in wid.boks.children[0].value
    wid.send.click()
    # one message lists every empty field (not one per submit), with the case's name filled in
    assert "Fyll ut disse feltene: «Mål», «Tiltak»" in wid.melding.value and "Mina får jobb" in wid.melding.value
    f = wid.inndata.felt
    f["mal"].value = "Fast jobb i butikk innen ett år"
    f["tiltak"].value = "praksis"
    f["ansvarlig"].value = "sosial"
    f["hyppighet"].value = "ukentlig"
    f["ved_jobb"].value = "Oppfølging av Mina og arbeidsgiver de første månedene"
    wid.send.click()
    # choices are checked; the free-text fields are never graded by keywords (no «Riktig» for them)
    assert "vurderes ikke automatisk" in wid.tilbakemelding.value
    assert lagret(svarmappe)["svar"]["opp-02@D0042"]["forsok"][0]["status"] == "levert"
    assert "opp-02@D0042" in lagret(svarmappe)["svar"]


def test_dialog_widget_path_is_stored_and_restart(sett, svarmappe):
    wid = lag(sett, "rel-01")
    wid.inndata.knapper.children[1].children[0].click()
    wid.inndata.knapper.children[0].children[0].click()
    assert "Riktig" in wid.tilbakemelding.value
    wid.inndata.nytt.click()
    wid.inndata.knapper.children[0].children[0].click()
    wid.inndata.knapper.children[0].children[0].click()
    forsok = lagret(svarmappe)["svar"]["rel-01"]["forsok"]
    assert [f["svar"]["valg"] for f in forsok] == [[1, 0], [0, 0]]
    assert [f["poeng"] for f in forsok] == [2.0, 0.0]


def test_refleksjon_widget_too_long_keeps_text(sett, svarmappe):
    wid = lag(sett, "rel-02")
    wid.inndata.tekst.value = "x" * 3500
    wid.send.click()
    assert "for lang" in wid.melding.value and len(wid.inndata.tekst.value) == 3500
    wid.inndata.tekst.value = "Vilkår og tillit kan gå sammen når veilederen lytter og forklarer."
    wid.send.click()
    assert "Eksempel på et godt svar" in wid.tilbakemelding.value


def test_callback_error_shown_in_norwegian(sett, monkeypatch):
    wid = lag(sett, "sam-01")
    wid.inndata.radio.value = "b"

    def boom(*_a, **_k):
        raise RuntimeError("disk")

    monkeypatch.setattr(wid.lager, "lagre_forsok", boom)
    wid.send.click()
    assert "Noe gikk galt (RuntimeError)" in wid.melding.value


def test_ovelse_unknown_id_gives_message():
    boks = ovelse("xyz-99")
    assert "Fant ingen øvelse" in boks.value


def test_learner_text_is_escaped(sett, svarmappe):
    wid = lag(sett, "rel-02")
    wid.inndata.tekst.value = "<script>alert(1)</script> og litt mer tekst her"
    wid.send.click()
    ny = lag(sett, "rel-02")
    assert ny.inndata.tekst.value.startswith("<script>")
    assert "<script>" not in ny.tilbakemelding.value


def test_fremdrift_counts_points(sett, svarmappe):
    from tiltakslab.ovelser.oversikt import fremdrift_data

    wid = lag(sett, "sam-01")
    wid.inndata.radio.value = "b"
    wid.send.click()
    rader = fremdrift_data(sett, Svarlager().les())
    sam = next(r for r in rader if r["tema"] == "samarbeid")
    assert sam["gjort"] == 1 and sam["poeng"] == 1.0
    total = rader[-1]
    # only what a learner can reach (lessons and sets) counts
    assert total["modul"] is None and total["antall"] == sum(r["antall"] for r in rader[:-1])


def test_fremdrift_widget_refresh(sett, svarmappe):
    from tiltakslab.ovelser import fremdrift

    f = fremdrift()
    assert "0 / " in f.tabell.value
    wid = lag(sett, "sam-01")
    wid.inndata.radio.value = "b"
    wid.send.click()
    f.knapp.click()
    assert "1 / " in f.tabell.value
    assert "tl-fremdrift" in f.boks._dom_classes


def test_innlevering_writes_json_and_escaped_html(sett, svarmappe):
    from tiltakslab.ovelser import innlevering

    wid = lag(sett, "rel-02")
    wid.inndata.tekst.value = "<b>fet</b> tekst som er lang nok til å bli lagret her"
    wid.send.click()
    skjema = innlevering()  # no id given: a form, and a clear message on an empty id
    skjema.knapp.click()
    assert "student-id" in skjema.status.value and not (svarmappe / "innlevering").exists()
    skjema.felt.value = "../etc"
    skjema.knapp.click()
    assert "student-id" in skjema.status.value.lower() and not (svarmappe / "innlevering").exists()
    boks = innlevering(student="s017")
    assert "innlevering-alle-s017-" in boks.value
    [json_fil] = (svarmappe / "innlevering").glob("*.json")
    [html_fil] = (svarmappe / "innlevering").glob("*.html")
    data = json.loads(json_fil.read_text(encoding="utf-8"))
    assert data["skjema"] == "tiltakslab-innlevering" and data["student"] == "s017"
    assert data["svar"]["rel-02"]["forsok"][0]["svar"].startswith("<b>fet</b>")
    page = html_fil.read_text(encoding="utf-8")
    assert "&lt;b&gt;fet" in page and "<b>fet" not in page
    skjema.felt.value = "s018"
    skjema.knapp.click()  # the form hands in too
    assert "innlevering-alle-s018-" in skjema.status.value
    assert len(list((svarmappe / "innlevering").glob("innlevering-alle-s018-*.json"))) == 1


def test_one_broken_file_does_not_take_down_the_others(tmp_path, monkeypatch):
    """A learner's exercises keep working while someone else's file is broken; the broken one says why."""
    from tiltakslab.ovelser import laster

    mappe = tmp_path / "ovelser"
    mappe.mkdir()
    kilde = laster.ovelse_mappe()
    god = next(p for p in sorted(kilde.glob("*.yaml")) if not p.name.startswith("_"))
    (mappe / god.name).write_text(god.read_text(encoding="utf-8"), encoding="utf-8")
    (mappe / "odelagt.yaml").write_text("versjon: 1\novelser:\n  - id: [ikke lukket\n", encoding="utf-8")
    sett = laster.last_ovelser(mappe, streng=False)
    assert sett.ovelser, "exercises from the good file are loaded"
    assert any("odelagt.yaml" in f for f in sett.feil)
    with pytest.raises(laster.OvelseFeil) as err:
        sett.hent("xyz-99")
    assert "odelagt.yaml" in str(err.value)
    with pytest.raises(laster.OvelseFeil):
        laster.last_ovelser(mappe)  # strict (sjekk, samle) still refuses


def test_case_given_as_id_shows_the_vignette_name():
    """ovelse(id, deltaker=deltaker_for_student(...)) names the case person, as the vignette does."""
    from tiltakslab.data import deltaker_for_student, fornavn, vignett
    from tiltakslab.ovelser.widget import tolk_deltaker

    did = deltaker_for_student("student07")
    case = tolk_deltaker(did)
    assert case.id == did
    assert case.navn == fornavn(did)
    assert case.tekst == vignett(did)
    assert case.tekst.startswith(f"### {case.navn} (")


def test_markdown_headings_in_case_texts_are_rendered_not_shown_as_hashes():
    from tiltakslab.ovelser.visning import markdown

    out = markdown("### Jonas (24 år)\n\nJonas er <ung>.\n\n- a\n- b")
    assert out.startswith('<h5 class="tl-overskrift">Jonas (24 år)</h5>')
    assert "###" not in out and "&lt;ung&gt;" in out and "<ul><li>a</li><li>b</li></ul>" in out


def test_markdown_emphasis_may_span_lines_within_a_paragraph():
    from tiltakslab.ovelser.visning import markdown

    assert markdown("*Områdene er våre,\nikke kildens.*") == "<p><em>Områdene er våre,<br>ikke kildens.</em></p>"


def test_case_name_fills_every_option_of_a_mapping_exercise(sett):
    kart = next(ov for ov in sett.ovelser.values() if ov["type"] == "kartlegging")
    wid = OvelseWidget(kart, deltaker={"deltaker_id": "D00001", "fornavn": "Linnea", "tekst": "Linnea (35)."})
    labels = [lbl for r in wid.inndata.beslutninger.values() for lbl, _ in r.options]
    labels += [r.description for r in wid.inndata.beslutninger.values()]
    labels += [d.description for d in wid.inndata.status.values()]
    assert labels and not any("{navn}" in lbl for lbl in labels)


def test_fully_right_sorting_cites_its_sources(sett):
    """A right answer also shows the excerpts the key rests on (not only wrong placements do)."""
    ov = sett.hent("sam-03")
    svar = {str(e["id"]): str(e["kategori"] if not isinstance(e["kategori"], list) else e["kategori"][0])
            for e in ov["elementer"] if not e.get("ingen_fasit")}
    for e in ov["elementer"]:
        if e.get("ingen_fasit"):
            svar[str(e["id"])] = str(ov["kategorier"][0]["id"])
    res = vurder(ov, svar)
    assert res.status == "riktig"
    kilder = [s for d in res.deler for s in d.sitater]
    forventet = {s for e in ov["elementer"] if not e.get("ingen_fasit") for s in e.get("sitater") or []}
    assert forventet and forventet <= set(kilder)


def test_generic_name_is_capitalised_at_a_sentence_start():
    from tiltakslab.ovelser.visning import fyll_navn

    assert fyll_navn("{navn} har fått jobb. Hva gjør du med {navn}?", None) == \
        "Deltakeren har fått jobb. Hva gjør du med deltakeren?"
    assert fyll_navn("- {navn} møter ikke\n{navn} ringer", None) == "- Deltakeren møter ikke\nDeltakeren ringer"
    assert fyll_navn("{navn} har fått jobb.", "Sara") == "Sara har fått jobb."


def test_too_long_message_names_the_field_or_nothing():
    from tiltakslab.ovelser.vurdering import tekst_grense

    with pytest.raises(SvarFeil) as err:
        tekst_grense("x" * 50, 10)
    assert str(err.value).startswith("Teksten er for lang: 50 tegn")
    with pytest.raises(SvarFeil) as err:
        tekst_grense("x" * 50, 10, "Mål")
    assert str(err.value).startswith("Teksten «Mål» er for lang")
