"""Course content for themes 02 oppfølging and 03 relasjonsarbeid: exercises, lesson and solutions notebooks."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import yaml

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
    assert 6 <= len(set(ids)) <= 16 and set(ids) <= set(_excerpts())
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
