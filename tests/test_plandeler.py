"""Follow-up plans in the regrade (issue 14): the choices with a key are graded automatically, the free
text is the marker's; both are shown in the report, the marking page and the feedback page, and an
unmarked part is empty (in words), never 0."""

from __future__ import annotations

import csv
import json

import pytest

from tiltakslab import samle, settmodus, tilbakemelding
from tiltakslab import vurderinger as vurd
from tiltakslab.meldinger import t
from tiltakslab.omvurdering import omvurder, svar_fingeravtrykk
from tiltakslab.ovelser import last_ovelser
from tiltakslab.ovelser.slag import plandeler
from tiltakslab.ovelser.vurdering import tolk_svar, vurder
from tiltakslab.rett import Retting

OID = "sam-06"  # 6 points: two choice lines with a key (i_tiltak, sosialt), four free-text lines
TEKSTER = {"okonomi": "Supplerende sosialhjelp og et budsjett.", "moter": "Trekantsamtale hver måned.",
           "informasjon": "Samtykke, og hun får kopi.", "sarbarhet": "En stedfortreder som kjenner saken."}


def _svar(i_tiltak: str = "aetat_arr", sosialt: str = "aetat") -> dict:
    ov = last_ovelser().hent(OID)
    return tolk_svar(ov, {"i_tiltak": i_tiltak, "sosialt": sosialt, **TEKSTER})


def _inn(mappe, student: str, svar: dict, poeng: float | None = None) -> None:
    mappe.mkdir(exist_ok=True)
    ov = last_ovelser().hent(OID)
    forsok = {"tid": "2026-01-01T10:00:00+01:00", "svar": svar, "status": "levert",
              "poeng": vurder(ov, svar).poeng if poeng is None else poeng}
    (mappe / f"{student}.json").write_text(json.dumps({
        "skjema": "tiltakslab-innlevering", "versjon": 1, "student": student,
        "svar": {OID: {"ovelse": OID, "variant": None, "forsok": [forsok]}}}), encoding="utf-8")


def _csv(ut):
    with (ut / "resultater.csv").open(encoding="utf-8-sig") as fh:
        return {(r["student"], r["ovelse"]): r for r in csv.DictReader(fh, delimiter=";")}


def test_the_choices_are_graded_by_key_and_the_rest_left_to_the_marker():
    ov = last_ovelser().hent(OID)
    plan = plandeler.vurder_plan(ov, _svar(sosialt="aetat"))
    assert (plan.auto_poeng, plan.auto_maks, plan.manuell_maks) == (1.0, 2.0, 4.0)
    assert [p.ok for p in plan.punkter] == [True, False]
    assert plan.punkter[1].valgt == "Aetat"  # the option's text, not its code
    assert len(plan.manuelle_kriterier) == 4
    # the same points the learner's widget stores for the choices
    assert plan.auto_poeng == vurder(ov, _svar(sosialt="aetat")).poeng
    assert plandeler.vurder_plan(ov, None).auto_poeng is None
    assert plandeler.manuell_maks(ov) == 4.0
    assert plandeler.manuell_maks(last_ovelser().hent("sam-11")) == float(last_ovelser().hent("sam-11")["poeng"])


def test_every_plan_in_the_content_splits_its_points(tmp_path):
    """Every plan exercise: the two parts add up to its points, and some part is automatic."""
    planer = [ov for ov in last_ovelser().ovelser.values() if ov["type"] == "oppfolgingsplan"]
    assert len(planer) >= 5
    for ov in planer:
        plan = plandeler.vurder_plan(ov, None)
        assert plan.auto_maks > 0 and plan.manuell_maks > 0, ov["id"]
        assert plan.auto_maks + plan.manuell_maks == pytest.approx(float(ov["poeng"])), ov["id"]


def test_unmarked_plan_shows_the_automatic_part_and_an_empty_total(tmp_path):
    inn = tmp_path / "inn"
    _inn(inn, "s001", _svar("aetat_arr", "sosial"))
    _inn(inn, "s002", _svar("aetat_arr", "aetat"), poeng=6)  # forged: the file claims full points
    ut = tmp_path / "ut"
    samle.samle(inn, ut)
    rader = _csv(ut)
    assert rader[("s001", OID)]["poeng"] == "" and rader[("s001", OID)]["status"] == "til_vurdering"
    assert (rader[("s001", OID)]["poeng_auto"], rader[("s001", OID)]["maks_auto"]) == ("2", "2")
    assert rader[("s002", OID)]["poeng_auto"] == "1"
    html = (ut / "oversikt.html").read_text(encoding="utf-8")
    assert t("plandel.automatisk", poeng="2", maks="2") in html
    assert t("plandel.automatisk", poeng="1", maks="2") in html
    assert t("plandel.laerer_ikke", maks="4") in html
    assert html.count(f"({t('plandel.automatisk_kort')})") == 2 and html.count(f"({t('plandel.manuelle')})") == 4
    # the forged claim is flagged against the regraded choices
    assert t("samle.avvik", oppgitt=6.0, regnet=1.0) in html


def test_marking_page_marks_the_free_text_part_and_the_total_adds_up(tmp_path):
    inn = tmp_path / "inn"
    _inn(inn, "s001", _svar("aetat_arr", "sosial"))
    retting = Retting(inn, laerer="kari")
    side = retting.side(OID)
    assert t("plandel.poeng_fritekst", maks="4") in side
    assert t("plandel.automatisk", poeng="2", maks="2") in side and t("plandel.ok") in side
    assert t("plandel.automatisk_kort") in side  # the rubric says which lines are graded automatically
    skjema = {"ovelse": OID, "student": "s001", "svar_id": svar_fingeravtrykk(_svar("aetat_arr", "sosial")),
              "kommentar": "God plan.", "vurdert_av": "kari"}
    with pytest.raises(vurd.VurderingsFeil):
        retting.lagre({**skjema, "poeng": "5"})  # more than the free-text part gives
    retting.lagre({**skjema, "poeng": "3"})
    assert t("plandel.laerer", poeng="3", maks="4") in retting.side(OID)
    ut = tmp_path / "ut"
    samle.samle(inn, ut)
    rad = _csv(ut)[("s001", OID)]
    assert (rad["poeng"], rad["maks"], rad["status"], rad["vurdert_av"]) == ("5", "6", "vurdert", "kari")


def test_an_old_mark_on_the_whole_plan_is_flagged_not_added(tmp_path):
    inn = tmp_path / "inn"
    svar = _svar("aetat_arr", "sosial")
    _inn(inn, "s001", svar)
    vurd.sett_merke(vurd.standard_fil(inn), "s001", OID, 6, "", "kari", svar_fingeravtrykk(svar), 6)
    sett = last_ovelser()
    rad = next(r for r in omvurder(sett, samle.les_mappe(inn), vurd.merker(vurd.les(vurd.standard_fil(inn)))))
    assert rad.poeng is None and rad.manuell_poeng is None
    assert rad.avvik == t("plandel.merke_for_hoyt", poeng="6", maks="4")


@pytest.mark.parametrize("skjul", [False, True])
def test_feedback_page_shows_both_parts(tmp_path, skjul):
    inn = tmp_path / "inn"
    svar = _svar("aetat_arr", "aetat")
    _inn(inn, "s001", svar)
    sett = last_ovelser()
    rader = omvurder(sett, samle.les_mappe(inn))
    moduser = {"samarbeid": settmodus.Modus(vurdert=True, frigitt=False)} if skjul else {}
    side = tilbakemelding.side("samarbeid", rader, sett, moduser)
    assert t("tilbakemelding.ikke_vurdert") in side and "0 av" not in side.split(t("tilbakemelding.laererens"))[1]
    assert (t("plandel.automatisk", poeng="1", maks="2") in side) is not skjul  # key-based: withheld when graded
    if not skjul:
        assert t("tilbakemelding.sum", poeng="1", maks="2") in side
    vurd.sett_merke(vurd.standard_fil(inn), "s001", OID, 3.5, "Bra", "kari", svar_fingeravtrykk(svar), 4)
    rader = omvurder(sett, samle.les_mappe(inn), vurd.merker(vurd.les(vurd.standard_fil(inn))))
    side = tilbakemelding.side("samarbeid", rader, sett, moduser)
    assert t("plandel.laerer", poeng="3,5", maks="4") in side and "Bra" in side
