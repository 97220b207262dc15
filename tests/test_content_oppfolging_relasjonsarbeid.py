"""Course content for themes 02 oppfølging and 03 relasjonsarbeid: exercises, lesson and solutions notebooks."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import yaml
from visningskode import med_visninger, tekstutdata

from tiltakslab.ovelser import last_ovelser

ROOT = Path(__file__).resolve().parents[1]
CASEWORK = {"kartlegging", "oppfolgingsplan", "dialog"}
THEMES = {
    # tema: (exercise file, notebook name)
    "oppfolging": ("oppfolging.yaml", "02_oppfolging.ipynb"),
    "relasjonsarbeid": ("relasjonsarbeid.yaml", "03_relasjonsarbeid.ipynb"),
}
CALL = re.compile(r'ovelse\("([a-z]+-\d+)"')
SITAT = re.compile(r'sitat\(([^)]*)\)')


def _excerpts() -> dict[str, dict]:
    data = yaml.safe_load((ROOT / "data" / "excerpts.yaml").read_text(encoding="utf-8"))
    data = data["excerpts"] if isinstance(data, dict) else data
    return {r["id"]: r for r in data}


def _code(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "code"]


def _calls(nb) -> list[str]:
    return [m for src in _code(nb) for m in CALL.findall(src)]


def _own(tema: str) -> dict[str, dict]:
    fil = THEMES[tema][0]
    data = yaml.safe_load((ROOT / "data" / "ovelser" / fil).read_text(encoding="utf-8"))
    return {o["id"]: o for o in data["ovelser"] if o["tema"] == tema}


@pytest.mark.parametrize("tema", THEMES)
def test_theme_has_enough_varied_exercises(tema):
    own = _own(tema)
    assert len(own) >= 9
    kinds = {o["type"] for o in own.values()}
    assert len(kinds) >= 3 and kinds & CASEWORK


@pytest.mark.parametrize("tema", THEMES)
def test_every_cited_excerpt_exists(tema):
    known = _excerpts()
    cited: set[str] = set()

    def walk(o):
        if isinstance(o, dict):
            for k, v in o.items():
                cited.update(v) if k == "sitater" else walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)

    walk(list(_own(tema).values()))
    assert cited and cited <= set(known), sorted(cited - set(known))


@pytest.mark.parametrize("tema", THEMES)
def test_lesson_notebook_structure(tema):
    nb = nbformat.read(ROOT / "notebooks" / THEMES[tema][1], as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for heading in ("Spørsmål", "Læringsmål", "Tid:", "Passer for", "Oppsummering", "Diskusjonsspørsmål",
                    "Nøkkelpunkter", "Kilder"):
        assert heading in text, heading
    ids = [i for src in _code(nb) for args in SITAT.findall(src) for i in re.findall(r'"([^"]+)"', args)]
    assert 6 <= len(set(ids)) <= 12 and set(ids) <= set(_excerpts())
    calls = _calls(nb)
    assert 2 <= len(calls) <= 4
    sett = last_ovelser()
    assert all(sett.hent(c)["tema"] == tema for c in calls)
    # quotes are woven in: no two sitat() cells directly after each other
    kinds = ["sitat" if c.cell_type == "code" and "sitat(" in c.source else c.cell_type for c in nb.cells]
    assert all(not (a == b == "sitat") for a, b in zip(kinds, kinds[1:], strict=False))


@pytest.mark.parametrize("tema", THEMES)
def test_solutions_one_exercise_per_cell_with_model_answer(tema):
    nb = nbformat.read(ROOT / "solutions" / THEMES[tema][1], as_version=4)
    sett = last_ovelser()
    calls = _calls(nb)
    assert len(calls) >= 6
    kinds = {sett.hent(c)["type"] for c in calls}
    assert len(kinds) >= 3 and kinds & CASEWORK
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and CALL.search(cell.source):
            assert len(CALL.findall(cell.source)) == 1
            nxt = nb.cells[i + 1]
            assert "losning" in nxt.get("metadata", {}).get("tags", []), cell.source
    lesson = set(_calls(nbformat.read(ROOT / "notebooks" / THEMES[tema][1], as_version=4)))
    assert not lesson & set(calls), "self-checks and the exercise set should be different exercises"


def test_figures_in_exercise_texts_stand_in_the_sources():
    known = _excerpts()
    sett = last_ovelser()
    tio = sett.hent("opp-05")
    src = " ".join(known["oversikt-073"]["text"].split())
    for figure in ("2297", "1158", "49 %"):
        assert figure in src and figure.replace(" %", "") in tio["oppgavetekst"]
    assert abs(tio["svar"] - 0.49 * 1158) <= tio["toleranse"]
    rep = sett.hent("rel-12")
    assert "fire av de 13 prosjektene" in known["oversikt-045"]["text"]
    assert abs(rep["svar"] - 100 * 4 / 13) <= rep["toleranse"]


# --- synthetic data in the lessons and exercises -------------------------------------------------------------

OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}
CASE_EXERCISES = {"oppfolging": "opp-07", "relasjonsarbeid": "rel-07"}
PRONOUN = re.compile(r"\b(han|hun|ham|hans|henne|hennes|hen)\b", re.IGNORECASE)


def _texts(o, skip=("vignett",)):
    """Every learner-facing string in an exercise record except the fallback vignette."""
    if isinstance(o, dict):
        for k, v in o.items():
            if k not in skip:
                yield from _texts(v, skip)
    elif isinstance(o, list):
        for v in o:
            yield from _texts(v, skip)
    elif isinstance(o, str):
        yield o


def test_data_exercise_key_computes_from_the_follow_up_log():
    from tiltakslab import last
    from tiltakslab.ovelser.beregning import beregn
    from tiltakslab.visning import norsk_tall

    ov = last_ovelser().hent("opp-12")
    assert ov["type"] == "tallsvar" and ov["beregning"]["tabell"] == "oppfolging" and "svar" not in ov
    logg = last("oppfolging")
    ute = {"Hjemmebesøk", "Oppfølging på tiltaksplass", "Oppfølging på arbeidsplass"}
    expected = 100 * logg["kontakttype"].astype(str).isin(ute).mean()
    key = beregn(ov["beregning"])
    assert abs(key - expected) < 1e-9
    assert 0 < key < 100 and ov["min"] <= key <= ov["max"]
    # a learner who forgets one of the three types (or counts trekant/firkant as "ute") is outside the tolerance
    for wrong in (ute - {"Hjemmebesøk"}, ute | {"Trekantsamtale"}):
        assert abs(100 * logg["kontakttype"].astype(str).isin(wrong).mean() - key) > ov["toleranse"]
    # used in the exercise set (not the lesson), and the counts it needs are shown under it (a view)
    nb = nbformat.read(ROOT / "solutions" / "02_oppfolging.ipynb", as_version=4)
    assert "opp-12" in _calls(nb)
    i = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and 'ovelse("opp-12")' in c.source)
    after = [c for c in nb.cells[i + 1:] if c.cell_type == "code"]
    assert "value_counts" in "".join(med_visninger([after[0].source])) and "LØSNING" not in after[0].source
    table = "\n".join(o["data"]["text/plain"] for o in after[0].outputs if o.get("data", {}).get("text/plain"))
    for typ in ute:
        assert f"{typ}" in table and norsk_tall(int((logg["kontakttype"] == typ).sum())) in table


@pytest.mark.parametrize("tema", THEMES)
def test_case_exercise_gets_a_per_student_case(tema):
    oid = CASE_EXERCISES[tema]
    for folder in ("solutions", "exercises"):
        nb = nbformat.read(ROOT / folder / THEMES[tema][1], as_version=4)
        code = _code(nb)
        setup = [s for s in code if "MIN_SAK = min_sak()" in s]
        assert setup and "velg_id()" in setup[0], folder  # the id is set once in a widget, no code edit
        assert f'ovelse("{oid}", deltaker=MIN_SAK)' in code, folder
    assert last_ovelser().hent(oid)["type"] in CASEWORK


def test_case_texts_fit_any_case_person():
    """Shown with a case, {navn} is the case's first name; texts must not assume a gender or repeat the name."""
    sett = last_ovelser()
    for oid in ("opp-07", "rel-07", "opp-09"):
        ov = sett.hent(oid)
        for text in _texts(ov):
            assert not PRONOUN.search(text), (oid, text)
            assert not re.search(r"(^|[.!?»]\s+)\{navn\}", text), (oid, text)  # no sentence starts with the name
        if ov["type"] == "dialog":  # the engine already shows the name before every line
            assert not any(n["replikk"].lstrip().startswith("{navn}") for n in ov["noder"]), oid


def test_case_is_rendered_with_the_students_first_name():
    from tiltakslab.data import deltaker_for_student, fornavn
    from tiltakslab.ovelser.widget import tolk_deltaker

    for student in ("eksempel", "student01", "student02"):
        did = deltaker_for_student(student)
        case = tolk_deltaker(did)
        assert case.navn == fornavn(did) and case.navn in case.tekst and did in case.tekst


def test_demo_exercises_merged_into_relasjonsarbeid():
    assert not (ROOT / "data" / "ovelser" / "relasjon.yaml").exists()
    own = _own("relasjonsarbeid")
    assert {"rel-01", "rel-02", "rel-03"} <= set(own)
    sett = last_ovelser()
    assert all(o["tema"] != "relasjon" for o in sett.ovelser.values())
    assert all(sett.hent(i)["tema"] == "relasjonsarbeid" for i in ("rel-01", "rel-02", "rel-03"))


def _figure_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"
            and any('class="tl-figur"' in o.get("data", {}).get("text/html", "") for o in c.outputs)]


@pytest.mark.parametrize("tema", THEMES)
def test_lesson_plot_from_data_with_text_alternative(tema):
    nb = nbformat.read(ROOT / "notebooks" / THEMES[tema][1], as_version=4)
    code = "\n".join(med_visninger(_code(nb)))
    assert 'last("oppfolging")' in code
    figs = _figure_cells(nb)
    assert len(figs) == 1
    for cell in figs:
        src = "\n".join(med_visninger([cell.source]))  # the figure is drawn by a lesson view
        assert "figur(fig, alt=" in src
        assert all(col.upper() in OKABE_ITO for col in re.findall(r'"(#[0-9A-Fa-f]{6})"', src))
        streams = tekstutdata(cell)
        assert streams.startswith("Tekstalternativ") and "%" in streams and "," in streams



def test_claims_about_the_follow_up_log_hold_in_the_data():
    """What the 02 lesson's comments say about the synthetic log, checked against the data."""
    import pandas as pd

    from tiltakslab import last

    logg = last("oppfolging").merge(last("deltakere")[["deltaker_id", "satsingsenhet"]], on="deltaker_id")
    utfall = last("utfall")
    # «Loggen stopper når deltakeren går ut av satsingen – også for dem som får jobb.»
    m = logg.merge(utfall, on="deltaker_id")
    assert (utfall["utfall"] == "Arbeid").sum() > 0
    assert not (m["avsluttet"] & (m["dato"] > m["sluttdato"])).any()
    # the units differ as the accounts describe (Sarpsborg: trekant; Haugesund: firkant; Kristiansund: hjemmebesøk)
    andel = pd.crosstab(logg["satsingsenhet"], logg["kontakttype"], normalize="index")
    fire = ["Moss, Sarpsborg og Fredrikstad", "Haugesund", "Kristiansund", "Oslo"]
    assert andel.loc[fire, "Trekantsamtale"].idxmax() == "Moss, Sarpsborg og Fredrikstad"
    assert andel.loc[fire, "Firkantsamtale"].idxmax() == "Haugesund"
    assert andel.loc[fire, "Hjemmebesøk"].idxmax() == "Kristiansund"


def test_claims_about_attendance_hold_in_the_data():
    """03 lesson: differences between contact types are small, the difference between the groups is large."""
    from tiltakslab import last

    logg = last("oppfolging").merge(last("deltakere")[["deltaker_id", "rusproblem"]], on="deltaker_id")
    mott = logg.pivot_table(index="kontakttype", columns="rusproblem", values="mott", aggfunc="mean", observed=True)
    spread_types = (mott.max() - mott.min()).max()
    gap_groups = (mott[False] - mott[True]).min()
    assert gap_groups > 2 * spread_types
