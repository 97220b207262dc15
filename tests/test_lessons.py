"""Issue 6 checklist, checked the same way for every lesson (notebooks/0N_*) and every master (solutions/).

One generic test per rule, parametrised over the notebooks, so a new lesson is checked without new code:
the Carpentries frame, 6-12 distinct quoted excerpts, 2-4 self-checks, a table or figure with a text
alternative, a case, the stated minutes equal to the exercises' own `minutter`, and for the masters
at least six exercises of at least three kinds, one of them case work shown with the student's own case.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import yaml
from visningskode import med_visninger, tekstutdata

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "notebooks").glob("0[1-9]_*.ipynb"))
MASTERS = sorted((ROOT / "solutions").glob("0[1-9]_*.ipynb"))
CASE_KINDS = {"kartlegging", "oppfolgingsplan", "dialog"}

SITAT = re.compile(r"\bsitat\(([^)]*)\)")
EXCERPT_ID = re.compile(r"""["']([a-z]+-\d{2,3})["']""")
OVELSE = re.compile(r"""\bovelse\(\s*["']([a-z]+-\d{2,3})["']\s*(,\s*deltaker=)?""")


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _nb(path: Path):
    return nbformat.read(path, as_version=4)


def _code(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "code"]


def _markdown(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _header(nb) -> str:
    """The first Markdown cell without blockquote markers, lines joined with spaces."""
    first = next(c.source for c in nb.cells if c.cell_type == "markdown")
    return " ".join(line.lstrip("> ").strip() for line in first.splitlines())


def _calls(nb) -> list[tuple[str, bool]]:
    return [(m.group(1), bool(m.group(2))) for src in _code(nb) for m in OVELSE.finditer(src)]


def _stated(text: str, pattern: str) -> int:
    m = re.search(pattern, text)
    assert m, f"fant ikke tidsangivelsen ({pattern}) i innledningen"
    return int(m.group(1))


@pytest.fixture(scope="module")
def ovelser() -> dict[str, dict]:
    out = {}
    for f in sorted((ROOT / "data" / "ovelser").glob("[!_]*.yaml")):
        for ov in yaml.safe_load(f.read_text(encoding="utf-8"))["ovelser"]:
            out[ov["id"]] = ov
    return out


@pytest.fixture(scope="module")
def utdrag() -> set[str]:
    return {r["id"] for r in yaml.safe_load((ROOT / "data" / "excerpts.yaml").read_text(encoding="utf-8"))}


def test_every_lesson_has_a_master():
    assert [p.name for p in LESSONS] == [p.name for p in MASTERS]
    assert len(LESSONS) == 7


# ------------------------------------------------------------------ lessons

@pytest.mark.parametrize("path", LESSONS, ids=_rel)
def test_lesson_skeleton(path):
    nb = _nb(path)
    header = _header(nb)
    for word in ("Spørsmål", "Læringsmål", "Tid:", "Passer for"):
        assert word in header, f"innledningen mangler «{word}»"
    headings = [line for line in _markdown(nb).splitlines() if line.startswith("#")]
    for word in ("Oppsummering", "Diskusjonsspørsmål", "Nøkkelpunkter", "Kilder"):
        assert any(word in h for h in headings), f"overskriften «{word}» mangler"
    assert any(re.search(r"\b(case|sak)\b", h, re.I) for h in headings), "leksjonen mangler en case"
    assert "Vår kommentar" in _markdown(nb), "egne forklaringer skal merkes «Vår kommentar»"
    kilder = _markdown(nb).split("Kilder", 1)[-1]
    # sources are named by title and publisher, never by their ids (tests/test_laerertekst.py scans for ids)
    assert re.search(r"Arbeidsforskningsinstituttet|AFI|[Kk]unnskapsoversikt|Strategi for lokalt", kilder)
    assert not re.search(r"afi-notat-2004|afi-delrapport-2004|kunnskapsoversikt-vedlegg|strategi-forsok-2003", kilder)


@pytest.mark.parametrize("path", LESSONS, ids=_rel)
def test_lesson_quotes_6_to_12_distinct_known_excerpts(path, utdrag):
    ids = {i for src in _code(_nb(path)) for m in SITAT.finditer(src) for i in EXCERPT_ID.findall(m.group(1))}
    assert 6 <= len(ids) <= 12, f"{len(ids)} ulike utdrag: {sorted(ids)}"
    assert ids <= utdrag, f"ukjente utdrag: {sorted(ids - utdrag)}"


@pytest.mark.parametrize("path", LESSONS, ids=_rel)
def test_lesson_has_2_to_4_self_checks(path, ovelser):
    calls = [oid for oid, _ in _calls(_nb(path))]
    assert 2 <= len(calls) <= 4
    assert set(calls) <= set(ovelser)


@pytest.mark.parametrize("path", LESSONS, ids=_rel)
def test_lesson_shows_data_with_a_text_alternative(path):
    nb = _nb(path)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    tables = [o for o in outputs if "text/html" in o.get("data", {})]
    bare = [o for o in outputs if "image/png" in o.get("data", {})]
    assert not bare, "en figur uten alternativ tekst: vis den med figur(fig, alt=...)"
    figures = [o for o in tables if 'class="tl-figur"' in o["data"]["text/html"]]
    assert all(re.search(r'<img [^>]*alt="[^"]{20,}"', o["data"]["text/html"]) for o in figures)
    assert tables or figures, "ingen tabell eller figur fra dataene"
    if figures:
        text = "".join(tekstutdata(c) for c in nb.cells if c.cell_type == "code")
        assert "Tekstalternativ" in text, "figuren mangler et tekstalternativ"
        # the figures are drawn by the lesson's views (tiltakslab.visninger), shown with vis("...")
        kode = med_visninger(_code(nb))
        assert any(re.search(r"#(E69F00|56B4E9|009E73|F0E442|0072B2|D55E00|CC79A7)|OKABE_ITO", k) for k in kode), \
            "figuren bruker ikke Okabe–Ito-paletten"


@pytest.mark.parametrize("path", LESSONS, ids=_rel)
def test_lesson_stated_minutes_equal_the_exercises(path, ovelser):
    nb = _nb(path)
    header = _header(nb)
    selvsjekk = sum(ovelser[oid]["minutter"] for oid, _ in _calls(nb))
    assert _stated(header, r"Tid:\*\*.*?øvelser (\d+) minutter") == selvsjekk
    master = _nb(ROOT / "solutions" / path.name)
    sett = sum(ovelser[oid]["minutter"] for oid, _ in _calls(master))
    assert _stated(header, r"Øvingssettet.*?tar ca\. (\d+) minutter") == sett


# ------------------------------------------------------------------ masters

@pytest.mark.parametrize("path", MASTERS, ids=_rel)
def test_master_has_6_exercises_of_3_kinds_with_case_work(path, ovelser):
    nb = _nb(path)
    calls = _calls(nb)
    kinds = {ovelser[oid]["type"] for oid, _ in calls}
    assert len(calls) >= 6
    assert len({oid for oid, _ in calls}) == len(calls), "en øvelse brukes to ganger"
    assert len(kinds) >= 3, kinds
    assert kinds & CASE_KINDS, "ingen case-øvelse (kartlegging, oppfølgingsplan eller dialog)"
    assert any(med_sak and ovelser[oid]["type"] in CASE_KINDS for oid, med_sak in calls), \
        "ingen case-øvelse vises med studentens egen case (deltaker=…)"
    lesson = {oid for oid, _ in _calls(_nb(ROOT / "notebooks" / path.name))}
    assert not lesson & {oid for oid, _ in calls}, "selvsjekkene i leksjonen gjentas i øvingssettet"


@pytest.mark.parametrize("path", MASTERS, ids=_rel)
def test_master_skeleton(path):
    nb = _nb(path)
    header = _header(nb)
    assert not re.search(r"`(?:kon|opp|rel|kis|sam|res|met)-\d{2}`", header), "exercise ids in the learner's header"
    for word in ("Tid:", "Passer for", "Saken din"):
        assert word in header, f"innledningen mangler «{word}»"
    assert any("fremdrift()" in src for src in _code(nb)), "fremdriften vises ikke"
    cells = nb.cells
    for n, cell in enumerate(cells):
        if cell.cell_type == "code" and OVELSE.search(cell.source):
            rest = []
            for later in cells[n + 1:]:
                if later.cell_type == "code" and OVELSE.search(later.source):
                    break
                rest.append(later)
            assert any("losning" in c.metadata.get("tags", []) for c in rest), f"ingen løsning etter {cell.source!r}"


@pytest.mark.parametrize("path", MASTERS, ids=_rel)
def test_master_stated_minutes_equal_the_exercises(path, ovelser):
    nb = _nb(path)
    total = sum(ovelser[oid]["minutter"] for oid, _ in _calls(nb))
    assert _stated(_header(nb), r"Tid:\*\* ca\. (\d+) minutter") == total
    # a teaching note that states a time for an exercise states the exercise's own estimate first
    current = None
    for cell in nb.cells:
        if cell.cell_type == "code":
            found = OVELSE.findall(cell.source)
            current = found[-1][0] if found else current
        elif "laerernotat" in cell.metadata.get("tags", []) and current:
            m = re.search(r"\*\*(?:Tid:|Lærernotat\.)\*\*\s*(\d+)\s*min", cell.source)
            if m:
                assert int(m.group(1)) == ovelser[current]["minutter"], f"lærernotatet etter {current}"


@pytest.mark.parametrize("path", MASTERS, ids=_rel)
def test_model_answers_do_not_name_a_synthetic_case(path, ovelser):
    """Cases differ per student, so model answers and notes speak of «deltakeren», not of a generated name.

    A name is allowed only where the exercise itself introduces it (a written, fixed case such as Kari)."""
    from tiltakslab.data import NAVN_KVINNE, NAVN_MANN

    nb = _nb(path)
    fixed = " ".join(yaml.safe_dump(ovelser[oid], allow_unicode=True) for oid, _ in _calls(nb))
    for cell in nb.cells:
        if cell.cell_type == "markdown" and {"losning", "laerernotat"} & set(cell.metadata.get("tags", [])):
            for name in NAVN_KVINNE + NAVN_MANN:
                if re.search(rf"\b{name}\b", cell.source):
                    assert re.search(rf"\b{name}\b", fixed), f"{name} i en løsning, men ikke i øvelsene"
