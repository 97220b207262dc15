"""Content checks for themes 01 kontekst and 06 resultater: exercises, notebooks, stated figures.

The prose in the lessons states a few facts about the synthetic data in words (never as typed numbers);
the tests below recompute each of them from the data, so a regenerated data set cannot silently make
the text wrong. Figures typed from the sources are checked against the source texts.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import nbformat
import pytest
import yaml
from visningskode import med_visninger

from tiltakslab.ovelser.laster import last_ovelser

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "kilder"
TEMAER = {"kontekst": ("kon", "01_kontekst"), "resultater": ("res", "06_resultater")}
CASE_KINDS = {"kartlegging", "oppfolgingsplan", "dialog"}
OVELSE = re.compile(r'ovelse\("([a-z]+-\d+)"(, deltaker=MIN_SAK)?\)')
SITAT = re.compile(r'sitat\(([^)]*)\)')


def _code(path: Path) -> list[str]:
    """The code cells and the lesson views they show (tiltakslab.visninger)."""
    nb = nbformat.read(path, as_version=4)
    return med_visninger([c.source for c in nb.cells if c.cell_type == "code"])


def _markdown(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _calls(path: Path) -> list[tuple[str, bool]]:
    return [(m.group(1), bool(m.group(2))) for src in _code(path) for m in OVELSE.finditer(src)]


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = re.sub(r"(\w)-[ \t]*\r?\n\s*(\w)", r"\1\2", text)
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def sett():
    return last_ovelser()


@pytest.fixture(scope="module")
def utdrag_ider():
    return {r["id"] for r in yaml.safe_load((ROOT / "data" / "excerpts.yaml").read_text(encoding="utf-8"))}


@pytest.mark.parametrize("tema", TEMAER)
def test_exercise_file_meets_the_brief(sett, tema):
    prefix, _ = TEMAER[tema]
    egne = {oid: ov for oid, ov in sett.ovelser.items() if oid.startswith(prefix + "-")}
    assert len(egne) >= 9
    assert all(ov["tema"] == tema for ov in egne.values())
    typer = {ov["type"] for ov in egne.values()}
    assert len(typer) >= 3
    assert typer & CASE_KINDS, "minst én case-øvelse (kartlegging, oppfølgingsplan eller dialog)"
    # dilemmas are unscored
    for ov in egne.values():
        if ov.get("ingen_fasit"):
            assert ov["poeng"] == 0


@pytest.mark.parametrize("tema", TEMAER)
def test_lesson_and_solutions_use_the_themes_exercises(sett, tema):
    prefix, stem = TEMAER[tema]
    leksjon = _calls(ROOT / "notebooks" / f"{stem}.ipynb")
    losning = _calls(ROOT / "solutions" / f"{stem}.ipynb")
    assert 2 <= len(leksjon) <= 4
    assert len(losning) >= 6
    alle = [oid for oid, _ in leksjon + losning]
    assert len(alle) == len(set(alle)), "hver øvelse brukes én gang"
    for oid in alle:
        assert oid.startswith(prefix + "-") and oid in sett.ovelser
    assert len({sett.hent(oid)["type"] for oid, _ in losning}) >= 3
    # every case-work exercise in the solutions is shown with the student's own case
    for oid, med_sak in losning:
        if sett.hent(oid)["type"] in CASE_KINDS:
            assert med_sak, f"{oid} vises uten deltaker=MIN_SAK"
    assert any(med_sak for _, med_sak in losning)


@pytest.mark.parametrize("tema", TEMAER)
def test_lessons_quote_6_to_12_known_excerpts(tema, utdrag_ider):
    _, stem = TEMAER[tema]
    ider = []
    for src in _code(ROOT / "notebooks" / f"{stem}.ipynb"):
        for m in SITAT.finditer(src):
            ider += re.findall(r'"([a-z]+-\d+)"', m.group(1))
    assert 6 <= len(set(ider)) <= 12
    assert set(ider) <= utdrag_ider


@pytest.mark.parametrize("tema", TEMAER)
def test_lessons_have_the_carpentries_frame(tema):
    _, stem = TEMAER[tema]
    tekst = _markdown(ROOT / "notebooks" / f"{stem}.ipynb")
    for overskrift in ("Spørsmål", "Læringsmål", "Tid:", "Passer for", "Oppsummering", "Nøkkelpunkter",
                       "Diskusjonsspørsmål", "Kilder", "Tekstalternativ"):
        assert overskrift in tekst or overskrift in "".join(_code(ROOT / "notebooks" / f"{stem}.ipynb"))


# Figures typed into the lessons' Markdown, with the source file they must stand in word for word.
KILDETALL = [
    ("01_kontekst", "Regjeringen la i oktober 2002 fram Stortingsmelding nr. 6", "afi-notat-2004"),
    ("01_kontekst", "For 2003 ble 31 kommuner valgt ut", "afi-notat-2004"),
    ("01_kontekst", "utvidet med ytterligere 14 kommuner og 346 plasser", "afi-notat-2004"),
    ("01_kontekst", "2297 deltakere i perioden 2006-2008", "kunnskapsoversikt-vedlegg"),
    ("01_kontekst", "revidert nasjonalbudsjett i 2005", "kunnskapsoversikt-vedlegg"),
    ("01_kontekst", "I desember 2003 var totalt 3515 personer registrert", "afi-delrapport-2004"),
    ("06_resultater", "hadde 5 074 personer vært innom Prosjekt Tiltaksplan", "afi-delrapport-2004"),
    ("06_resultater", "I perioden fra 30.03.2003 til 21.12.2003", "afi-delrapport-2004"),
    ("06_resultater", "Kvinner 97 37 35 38", "afi-delrapport-2004"),
    ("06_resultater", "Menn 3 63 64 62", "afi-delrapport-2004"),
    ("06_resultater", "Tabellene 1 og 2 viser gjennomstrømming", "afi-delrapport-2004"),
]


@pytest.mark.parametrize(("stem", "tekst", "kilde"), KILDETALL)
def test_source_figures_stand_in_the_source(stem, tekst, kilde):
    fil = SEEDS / (kilde + ".txt")
    assert _norm(tekst) in _norm(fil.read_text(encoding="utf-8"))


def test_source_figures_are_the_ones_the_lessons_state():
    k = _markdown(ROOT / "notebooks" / "01_kontekst.ipynb")
    for tall in ("oktober 2002", "31 kommuner", "14 kommuner og 346 plasser", "2297", "3515"):
        assert tall in k
    r = _markdown(ROOT / "notebooks" / "06_resultater.ipynb")
    for tall in ("5 074", "3515", "35 % kvinner og 64 % menn", "30.03.2003–21.12.2003"):
        assert tall in r


# --- statements about the synthetic data made in words in the lessons --------------------------------

@pytest.fixture(scope="module")
def avsluttet():
    from tiltakslab import last

    a = last("deltakere").merge(last("utfall"), on="deltaker_id").query("avsluttet")
    a = a.merge(last("kartlegging")[["deltaker_id", "kis_kartlagt"]], on="deltaker_id")
    a["gikk_til_arbeid"] = a["utfall"] == "Arbeid"
    return a


def test_no_long_term_recipients_aged_20_24_and_oldest_mostly_long_term():
    from tiltakslab import last

    d = last("deltakere")
    assert not ((d["aldersgruppe"] == "20-24 år") & (d["malgruppe"] != "20-24 år")).any()
    eldste = d[d["aldersgruppe"].isin(["50-59 år", "60 år og over"])]
    assert (eldste["malgruppe"] == "Langtid sosialhjelp").mean() > 0.9


def test_about_half_of_the_stock_is_in_a_measure():
    from tiltakslab import last

    assert 0.45 < last("deltakere")["i_tiltak"].mean() < 0.55


def test_creaming_direction(avsluttet):
    kort = avsluttet["maneder_sosialhjelp_siste_ar"] <= 6
    assert avsluttet.loc[kort, "gikk_til_arbeid"].mean() > avsluttet.loc[~kort, "gikk_til_arbeid"].mean() + 0.05


def test_kis_association_shrinks_within_units(avsluttet):
    totalt = avsluttet.groupby("kis_kartlagt")["gikk_til_arbeid"].mean()
    raa = totalt[True] - totalt[False]
    innen = avsluttet.groupby(["satsingsenhet", "kis_kartlagt"], observed=True)["gikk_til_arbeid"].mean().unstack()
    median = (innen[True] - innen[False]).dropna().median()
    assert raa > 0.05
    assert median < raa / 2, "teksten sier at forskjellen blir mye mindre innenfor samme enhet"
    per_enhet = avsluttet.groupby("satsingsenhet", observed=True)[["kis_kartlagt", "gikk_til_arbeid"]].mean()
    assert per_enhet["kis_kartlagt"].corr(per_enhet["gikk_til_arbeid"]) > 0.3, "teksten sier at punktene stiger"


def test_tio_share_of_all_is_about_half_of_share_of_discharged():
    from tiltakslab import last

    tio = last("tio_kohort")
    arbeid = tio["utfall"] == "Arbeidsrettet aktivitet"
    av_alle, av_utskrevne = arbeid.mean(), arbeid[tio["utskrevet"]].mean()
    assert round(100 * av_utskrevne) == 49
    assert 0.4 < av_alle / av_utskrevne < 0.6


def test_computed_keys_match_the_data(sett):
    from tiltakslab.ovelser.beregning import beregn

    assert 45 < beregn(sett.hent("res-03")["beregning"]) < 55
    assert 20 < beregn(sett.hent("res-07")["beregning"]) < 30
    assert beregn(sett.hent("res-08")["beregning"]) > beregn(
        {"tabell": "tio_kohort", "mal": "andel", "skala": 100,
         "utvalg": [{"kolonne": "utskrevet", "operator": "==", "verdi": True},
                    {"kolonne": "kis_kartlagt", "operator": "==", "verdi": False},
                    {"kolonne": "utfall", "operator": "==", "verdi": "Arbeidsrettet aktivitet"}],
         "nevner": [{"kolonne": "utskrevet", "operator": "==", "verdi": True},
                    {"kolonne": "kis_kartlagt", "operator": "==", "verdi": False}]})


def test_fixed_key_kon_06_is_the_source_arithmetic(sett):
    ov = sett.hent("kon-06")
    assert abs(ov["svar"] - 25 / 175 * 100) <= ov["toleranse"]

