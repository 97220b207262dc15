"""The learner's path without code: one id for every set, honest free-text feedback, words for people."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import ipywidgets as w
import pytest

from tiltakslab.ovelser import last_ovelser, min_sak, velg_id
from tiltakslab.ovelser.lager import Svarlager
from tiltakslab.ovelser.studentid import aktiv_id, sak_for
from tiltakslab.ovelser.visning import norsk_tid
from tiltakslab.ovelser.vurdering import tolk_svar, vurder
from tiltakslab.ovelser.widget import OvelseWidget


@pytest.fixture(autouse=True)
def svarmappe(tmp_path, monkeypatch):
    monkeypatch.setenv("TILTAKSLAB_SVAR", str(tmp_path / "svar"))
    monkeypatch.delenv("TILTAKSLAB_STUDENT", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    return tmp_path / "svar"


@pytest.fixture(scope="module")
def sett():
    return last_ovelser()


# ------------------------------------------------------------------ honest free-text feedback

SAM06_VALG = {"i_tiltak": "aetat_arr", "sosialt": "sosial"}
SAM06_DARLIG = {**SAM06_VALG, "okonomi": "Hun får stønad.", "moter": "Vi har møter.",
                "informasjon": "Vi sender alt til Aetat uten å spørre henne. Hun vet ikke om det.",
                "sarbarhet": "En kollega tar over."}
SAM06_GOD = {**SAM06_DARLIG, "informasjon": "Bare det hun har sagt ja til deles. Hun bestemmer."}


def test_sam06_keywords_never_say_right_or_give_points(sett):
    """The issue's case: a keyword hit gave «Riktig – 6 av 6» to a plan that shares behind her back."""
    ov = sett.hent("sam-06")
    darlig = vurder(ov, tolk_svar(ov, SAM06_DARLIG))
    god = vurder(ov, tolk_svar(ov, SAM06_GOD))
    for res in (darlig, god):
        assert res.status == "levert"
        assert all(d.status == "info" for d, r in zip(res.deler, ov["rubrikk"], strict=True) if "nokkelord" in r)
    # the points come from the two choices only: the free text changes nothing
    assert darlig.poeng == god.poeng == pytest.approx(ov["poeng"] * 2 / len(ov["rubrikk"]))
    # «vet» matched a keyword in the text that shares behind her back: the learner is asked to check
    # the text against the criterion, never told it is right
    info = darlig.deler[[r["id"] for r in ov["rubrikk"]].index("r_info")]
    assert info.status == "info" and "vurderes ikke automatisk" in info.tekst
    # a text without any keyword gets the hint, not «Mangler»
    uten = vurder(ov, tolk_svar(ov, {**SAM06_GOD, "moter": "Vi ses når det trengs."}))
    moter = uten.deler[[r["id"] for r in ov["rubrikk"]].index("r_moter")]
    assert moter.status == "info" and moter.tekst.startswith("Tips:")


def test_sam06_widget_shows_no_right_for_free_text(sett, svarmappe):
    wid = OvelseWidget(copy.deepcopy(sett.hent("sam-06")), deltaker={"deltaker_id": "D1", "fornavn": "Sissel"},
                       utdrag={})
    for fid, verdi in SAM06_DARLIG.items():
        wid.inndata.felt[fid].value = verdi
    wid.send.click()
    assert wid.melding.value == "", wid.melding.value
    assert "Riktig" not in wid.tilbakemelding.value.split("</p>")[0]
    assert "vurderes ikke automatisk" in wid.tilbakemelding.value


# ------------------------------------------------------------------ identity once


def test_id_is_set_in_a_widget_and_used_by_every_set(svarmappe):
    boks = velg_id()
    assert "ikke valgt" in boks.status.value
    boks.felt.value = "01019912345"
    boks.knapp.click()
    assert "fødselsnummer" in boks.melding.value and aktiv_id() is None
    for feil, ord_ in (("ola@nav.no", "e-post"), ("Ola Nordmann", "mellomrom")):
        boks.felt.value = feil
        boks.knapp.click()
        assert ord_ in boks.melding.value.lower(), boks.melding.value
    boks.felt.value = " S017 "
    boks.knapp.click()
    assert aktiv_id() == "s017" and boks.felt.value == "s017"
    assert json.loads((svarmappe / "svar.json").read_text(encoding="utf-8"))["student"] == "s017"
    # a new set (a new widget) reads the same id from the store
    assert velg_id().felt.value == "s017"


def test_env_variable_never_replaces_a_stored_id(monkeypatch):
    Svarlager().sett_student("s017")
    monkeypatch.setenv("TILTAKSLAB_STUDENT", "s999")
    assert aktiv_id() == "s017"


def test_hub_user_is_the_id_and_no_field_is_shown(monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "Kari-s12")
    boks = velg_id()
    assert aktiv_id() == "kari-s12"
    assert not any(isinstance(c, w.Text) for c in boks.children)
    assert "logget inn som «kari-s12»" in boks.status.value


def test_changing_the_id_shows_the_new_case_and_says_where_the_answers_are(sett, svarmappe):
    boks = velg_id()
    boks.felt.value = "s001"
    boks.knapp.click()
    wid = OvelseWidget(copy.deepcopy(sett.hent("kis-10")), deltaker=min_sak(), utdrag={})
    assert wid.deltaker.id == sak_for("s001")
    wid.inndata.tekst.value = ("Kartleggingen har to funksjoner: den hjelper deltakeren å se egne styrker, og den "
                               "gir veilederen grunnlag for å velge tiltak. Formålet må forklares åpent før "
                               "kartleggingen, og resultatet må brukes i planen og i oppfølgingen etterpå.")
    wid.send.click()
    assert wid.melding.value == "", wid.melding.value
    boks.felt.value = "s002"
    boks.knapp.click()
    assert wid.deltaker.id == sak_for("s002") != sak_for("s001")
    # the answer to s001's case is not shown for s002's case, and the learner is told, twice
    assert "annen sak" in wid.tilbakemelding.value
    assert "1 øvelser med en annen sak" in boks.status.value and "ikke borte" in boks.status.value
    boks.felt.value = "s001"
    boks.knapp.click()
    assert wid.inndata.tekst.value.startswith("Kartleggingen har to funksjoner")


# ------------------------------------------------------------------ words for people


def test_norwegian_dates():
    assert norsk_tid("2026-12-03T09:11:47+00:00") == "3. desember 2026 kl. 09.11"


def _tekster(widget) -> list[str]:
    """Every text a widget tree shows: values, descriptions, placeholders, options, tooltips."""
    ut = []
    for attr in ("value", "description", "placeholder", "tooltip"):
        v = getattr(widget, attr, None)
        if isinstance(v, str):
            ut.append(v)
    for opt in getattr(widget, "options", ()) or ():
        ut.append(str(opt[0] if isinstance(opt, tuple) else opt))
    for barn in getattr(widget, "children", ()) or ():
        ut.extend(_tekster(barn))
    return ut


UFYLT = re.compile(r"\{[^{}\s]*\}")


def test_every_exercise_with_a_case_has_no_unfilled_placeholder(sett):
    """Render every exercise for a case, submit it empty (messages name fields): no «{…}» anywhere."""
    funn = {}
    for oid, ov in sett.ovelser.items():
        wid = OvelseWidget(copy.deepcopy(ov), deltaker={"deltaker_id": "D1", "fornavn": "Mina", "tekst": "Mina (27)"},
                           utdrag={})
        wid.send_inn()
        tekst = " ".join(_tekster(wid.boks))
        # CSS rules in the scoped <style> have braces: look only outside <style>
        tekst = re.sub(r"<style>.*?</style>", "", tekst, flags=re.S)
        if UFYLT.search(tekst):
            funn[oid] = UFYLT.findall(tekst)
    assert not funn, funn


# ------------------------------------------------------------------ hand-in


def test_hand_in_is_atomic_private_and_warns_about_another_case(sett, svarmappe, monkeypatch):
    from tiltakslab.ovelser import innlevering
    from tiltakslab.ovelser.eksport import lag_innlevering

    Svarlager().lagre_forsok("kis-10", sak_for("s001"), "tekst", {"status": "levert", "poeng": 0, "maks": 3})
    Svarlager().sett_student("s002")
    boks = innlevering()
    assert boks.felt.value == "s002"  # the stored id, not typed again
    boks.knapp.click()
    assert "annen sak" in boks.status.value
    assert str(svarmappe) not in boks.status.value  # no path in front of a learner
    filer = sorted((svarmappe / "innlevering").iterdir())
    assert [f.suffix for f in filer] == [".html", ".json"]
    assert all(f.stat().st_mode & 0o777 == 0o600 for f in filer)
    # a failing write leaves no file under the real name
    import os as os_

    def full_disk(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os_, "fsync", full_disk)
    with pytest.raises(OSError):
        lag_innlevering(Svarlager(), sett, "s003")
    assert not list((svarmappe / "innlevering").glob("innlevering-*-s003-*"))
    assert not list((svarmappe / "innlevering").glob(".*tmp"))
    # a fødselsnummer-shaped id is refused as hand-in id
    with pytest.raises(ValueError, match="fødselsnummer"):
        lag_innlevering(Svarlager(), sett, "01019912345")


def test_course_notebooks_are_read_only_originals_in_lab():
    from tiltakslab.labinnhold import er_original

    assert er_original("exercises/05_samarbeid.ipynb") and er_original("/notebooks/00_start.ipynb")
    assert er_original("solutions/04_kartlegging.ipynb")
    assert not er_original("mine/05_samarbeid.ipynb") and not er_original("notebooks")
    assert not er_original("05_samarbeid.ipynb")


def test_every_course_notebook_runs_when_opened_as_an_original():
    """Lessons, exercise sets and the teachers' solution notebooks are flagged for tiltakslab-kjor."""
    import nbformat

    rot = Path(__file__).resolve().parents[1]
    uten = [p.relative_to(rot).as_posix() for mappe in ("notebooks", "exercises", "solutions")
            for p in sorted((rot / mappe).glob("*.ipynb"))
            if not nbformat.read(p, as_version=4).metadata.get("tiltakslab", {}).get("kjor_ved_apning")]
    assert uten == []


def test_on_a_hub_the_originals_are_those_in_the_pulled_course_folder(monkeypatch):
    from tiltakslab.labinnhold import JUPYTER_STI, er_original

    monkeypatch.setenv("TILTAKSLAB_KURSROT", "tiltakslab/")
    assert er_original("tiltakslab/exercises/05_samarbeid.ipynb")
    assert er_original("/tiltakslab/notebooks/00_start.ipynb")
    assert not er_original("exercises/05_samarbeid.ipynb")  # a learner's own folder of that name
    assert not er_original("annet/tiltakslab/exercises/05_samarbeid.ipynb") and not er_original("tiltakslab/x.ipynb")
    # what the hub points JUPYTER_PATH and JUPYTER_CONFIG_PATH at ships in the package
    assert (JUPYTER_STI / "labextensions" / "tiltakslab-kjor" / "static" / "remoteEntry.js").is_file()
    konfig = json.loads((JUPYTER_STI / "jupyter_server_config.json").read_text(encoding="utf-8"))
    assert konfig["ServerApp"]["contents_manager_class"] == "tiltakslab.labinnhold.KursInnhold"


# ------------------------------------------------------------------ progress


def test_progress_in_module_order_counts_only_reachable_exercises(sett):
    from tiltakslab.ovelser.oversikt import fremdrift_data, kursmoduler

    moduler = kursmoduler()
    assert [m.nr for m in moduler] == ["01", "02", "03", "04", "05", "06", "07"]
    assert moduler[0].navn == "Kontekst" and moduler[1].navn == "Oppfølging"
    nåbare = {i for m in moduler for i in m.ovelser}
    # the exercises that live only in the demo notebook do not count against a module
    for oid in ("opp-02", "rel-01", "rel-02", "rel-03", "res-01"):
        if oid in sett.ovelser:
            assert oid not in nåbare
    assert nåbare <= set(sett.ovelser)
    # answering every reachable exercise reaches 100 %
    lager = {"svar": {i: {"ovelse": i, "forsok": [{}], "beste_poeng": sett.ovelser[i]["poeng"]} for i in nåbare}}
    rader = fremdrift_data(sett, lager)
    assert all(r["gjort"] == r["antall"] and not r["igjen"] for r in rader)


def test_progress_total_says_how_many_are_left_until_all_are_done(sett):
    from tiltakslab.meldinger import t
    from tiltakslab.ovelser.oversikt import fremdrift_data, fremdrift_html, kursmoduler

    def totalrad(lager) -> str:
        return fremdrift_html(fremdrift_data(sett, lager)).split(f"<th scope='row'>{t('fremdrift.totalt')}")[1]

    nåbare = sorted({i for m in kursmoduler() for i in m.ovelser})
    ingen = totalrad({"svar": {}})
    assert t("fremdrift.ferdig") not in ingen  # nothing done is never «Alt er gjort»
    assert t("fremdrift.igjen_antall", n=len(nåbare)) in ingen
    alle = {"svar": {i: {"ovelse": i, "forsok": [{}], "beste_poeng": sett.ovelser[i]["poeng"]} for i in nåbare}}
    assert t("fremdrift.ferdig") in totalrad(alle)


def test_progress_is_live_and_links_to_what_is_left(sett, svarmappe):
    from tiltakslab.ovelser import fremdrift

    f = fremdrift()
    assert 'href="../exercises/05_samarbeid.ipynb"' in f.tabell.value
    assert 'href="../notebooks/05_samarbeid.ipynb"' in f.tabell.value
    før = f.tabell.value
    wid = OvelseWidget(copy.deepcopy(sett.hent("sam-01")), utdrag={})
    wid.inndata.radio.value = "b"
    wid.send.click()
    assert f.tabell.value != før  # no refresh button needed
    assert re.search(r"05 [^<]*<br>.*?</th><td>1 / \d+ \(\d+ %\)", f.tabell.value)


# ------------------------------------------------------------------ forms and accessibility


def test_each_select_is_named_by_its_item(sett):
    for oid in ("sam-07", "kis-06"):
        ov = sett.hent(oid)
        wid = OvelseWidget(copy.deepcopy(ov), utdrag={})
        nedtrekk = getattr(wid.inndata, "plasser", None) or wid.inndata.valg
        tekster = {str(e["id"]): e["tekst"] for e in ov["elementer"]}
        for eid, dd in nedtrekk.items():
            assert f"«{tekster[eid]}»" in dd.description, dd.description
            assert "tl-skjult-etikett" in dd._dom_classes


def test_enter_submits_a_number_and_the_number_sent_is_graded(sett, svarmappe):
    oid = next(i for i, ov in sett.ovelser.items() if ov["type"] == "tallsvar")
    ov = sett.hent(oid)
    verdi = int(ov.get("min", 0)) + 1
    wid = OvelseWidget(copy.deepcopy(ov), utdrag={})
    assert wid.inndata.tekst.continuous_update is False  # one value update, on Enter or leaving the field
    wid.inndata.tekst.value = str(verdi)
    wid.inndata.tekst._handle_custom_msg({"event": "submit"}, [])
    assert wid.melding.value == "", wid.melding.value
    forsok = json.loads((svarmappe / "svar.json").read_text(encoding="utf-8"))["svar"][oid]["forsok"]
    assert len(forsok) == 1 and forsok[0]["svar"]["verdi"] == verdi


def test_exercise_header_has_no_ids():
    from tiltakslab.ovelser import ovelse

    wid = ovelse("kis-04", deltaker=min_sak())
    assert "kis-04" not in wid.hode.value
    assert not re.search(r"\(D\d+\)", wid.hode.value)


def test_hand_in_per_set_is_a_readable_page(sett, svarmappe):
    from tiltakslab.ovelser import innlevering

    Svarlager().sett_student("s017")
    wid = OvelseWidget(copy.deepcopy(sett.hent("sam-07")), utdrag={})
    for eid, plass in zip([e["id"] for e in sett.hent("sam-07")["elementer"]], range(1, 99), strict=False):
        wid.inndata.plasser[str(eid)].value = plass
    wid.send.click()
    annen = OvelseWidget(copy.deepcopy(sett.hent("kis-01")), utdrag={})  # another module
    annen.inndata.radio.value = annen.inndata.radio.options[0][1]
    annen.send.click()
    boks = innlevering(modul="05")
    boks.knapp.click()
    assert "Last ned innleveringen" in boks.status.value and 'href="data:application/json;base64,' in boks.status.value
    synlig = re.sub(r"<[^>]+>", " ", boks.status.value)  # the words a learner reads, not the link's file name
    assert ".json" not in synlig and ".html" not in synlig and "innlevering-05" not in synlig
    json_fil = next((svarmappe / "innlevering").glob("*.json"))
    assert json_fil.name.startswith("innlevering-05-samarbeid-s017-")
    data = json.loads(json_fil.read_text(encoding="utf-8"))
    assert data["modul"] == "05" and {r["ovelse"] for r in data["svar"].values()} == {"sam-07"}
    side = json_fil.with_suffix(".html").read_text(encoding="utf-8")
    forste = sett.hent("sam-07")["elementer"][0]["tekst"]
    assert "Ditt svar" in side and "Oppgaven" in side and "Tilbakemelding" in side
    assert forste in side  # the answer in words, not ids
    assert '"sam-07"' not in side and "{" not in re.sub(r"<style>.*?</style>", "", side, flags=re.S)


def test_free_text_gets_self_assessment_stored_as_such(sett, svarmappe):
    """sam-06: after submitting, the criteria are ticked by the learner; stored as self-assessed, no points."""
    ov = sett.hent("sam-06")
    wid = OvelseWidget(copy.deepcopy(ov), deltaker={"deltaker_id": "D1", "fornavn": "Sissel"}, utdrag={})
    for fid, verdi in SAM06_GOD.items():
        wid.inndata.felt[fid].value = verdi
    wid.send.click()
    selv = wid.selvvurdering
    assert [c.description for c in selv.kryss.values()][0].startswith(ov["rubrikk"][0]["tekst"][:20])
    assert not any("{navn}" in c.description for c in selv.kryss.values())
    selv.kryss["r_info"].value = True
    selv.kryss["r_moter"].value = True
    selv.lagre.click()
    assert "2 av 6" in selv.kvittering.value
    forsok = json.loads((svarmappe / "svar.json").read_text(encoding="utf-8"))["svar"]["sam-06@D1"]["forsok"]
    assert forsok[-1]["selvvurdering"]["r_info"] is True and forsok[-1]["selvvurdering"]["r_okonomi"] is False
    assert forsok[-1]["status"] == "levert" and "selvvurdert" in forsok[-1]
    # a second submit shows one self-assessment block, not two
    wid.send.click()
    assert sum("tl-selvvurdering" in c._dom_classes for c in wid.boks.children) == 1
