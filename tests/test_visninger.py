"""Lesson views (tiltakslab.visninger): the stored form is fresh and is what pandas and matplotlib compute now;
a lesson shows it without importing either; a stale or missing form is computed on the spot, never shown."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tiltakslab import data, visninger

ROOT = Path(__file__).resolve().parents[1]
SYN = ROOT / "data" / "synthetic"
BILDE = re.compile(r"data:image/png;base64,[A-Za-z0-9+/=]+")


def _uten_bilder(deler: list[dict]) -> list[dict]:
    """Outputs with the PNG bytes blanked (they depend on the FreeType build, not on the data)."""
    return [{k: BILDE.sub("BILDE", v) for k, v in d.items()} for d in deler]


def test_the_committed_views_are_fresh():
    assert visninger.foreldede(SYN) == [], "visninger.json er utdatert: python -m tiltakslab.sakbygg"


def test_the_committed_views_are_what_pandas_computes_now():
    lagret = visninger.lagret(SYN)
    reg = visninger.register()
    assert sorted(lagret) == sorted(reg)
    d = visninger.Data(SYN)
    for navn, v in reg.items():
        beregnet = visninger.beregn(v, SYN, d)
        assert _uten_bilder(lagret[navn]["utdata"]) == _uten_bilder(beregnet), navn
        assert beregnet, navn


def test_every_view_is_used_by_a_notebook_and_every_call_names_a_view():
    kall = set()
    for nb in sorted([*(ROOT / "notebooks").glob("*.ipynb"), *(ROOT / "exercises").glob("*.ipynb")]):
        for celle in nbformat.read(nb, as_version=4).cells:
            if celle.cell_type == "code":
                kall |= set(re.findall(r'\bvis\("([^"]+)"\)', celle.source))
    assert kall == set(visninger.register())


def test_figures_have_alt_text_and_a_text_alternative():
    for navn, post in visninger.lagret(SYN).items():
        for del_ in post["utdata"]:
            if "data:image/png" in del_.get("text/html", ""):
                assert re.search(r'<img [^>]*alt="[^"]{20,}"', del_["text/html"]), navn
                assert "Tallene står" in del_["text/plain"], navn


def test_lessons_show_views_without_pandas_or_matplotlib():
    """Every view, shown as a lesson shows it, in a fresh interpreter: no pandas, numpy or matplotlib."""
    kode = (
        "import sys\n"
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "InteractiveShell.instance()\n"
        "from tiltakslab import vis, visninger\n"
        "for navn in visninger.register():\n"
        "    vis(navn)\n"
        "print('TUNGE=' + ','.join(m for m in ('pandas', 'numpy', 'matplotlib') if m in sys.modules))\n"
    )
    ut = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, check=True)
    assert "TUNGE=\n" in ut.stdout or ut.stdout.rstrip().endswith("TUNGE="), ut.stdout[-500:]
    assert "Tekstalternativ" in ut.stdout  # the views were really shown


def test_a_stale_or_missing_form_is_computed_not_shown(tmp_path):
    kopi = tmp_path / "syn"
    shutil.copytree(SYN, kopi)
    form = json.loads((kopi / visninger.FIL).read_text(encoding="utf-8"))
    form["visninger"]["etter-jobbstart"]["utdata"] = [{"text/plain": "GAMMELT"}]
    form["visninger"]["etter-jobbstart"]["nokkel"] = "0" * 64
    (kopi / visninger.FIL).write_text(json.dumps(form), encoding="utf-8")
    assert visninger.foreldede(kopi) == ["etter-jobbstart"]
    assert visninger.utdata("etter-jobbstart", kopi)[0]["text/plain"].endswith("etter sluttdatoen deres: 0.")
    (kopi / visninger.FIL).write_text("{ikke json", encoding="utf-8")
    assert len(visninger.foreldede(kopi)) == len(visninger.register())
    assert visninger.utdata("beholdning", kopi) == visninger.utdata("beholdning", SYN)


def test_an_edited_csv_makes_its_views_stale_and_only_those(tmp_path):
    kopi = tmp_path / "syn"
    shutil.copytree(SYN, kopi)
    sti = kopi / "samarbeid_undersokelse.csv"
    sti.write_text(sti.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    utdatert = set(visninger.foreldede(kopi))
    reg = visninger.register()
    assert utdatert == {n for n, v in reg.items() if "samarbeid_undersokelse" in v.kilder}
    assert "samarbeidsavtale" in utdatert and "beholdning" not in utdatert


def test_an_unknown_view_is_a_norwegian_message():
    with pytest.raises(data.DataFeil, match="Leksjonen ber om en tabell eller figur som ikke finnes: «finnes-ikke»"):
        visninger.utdata("finnes-ikke")


def test_numbers_in_view_texts_have_decimal_commas():
    for navn, post in visninger.lagret(SYN).items():
        for del_ in post["utdata"]:
            if "text/html" not in del_:
                assert not re.search(r"\d\.\d", del_["text/plain"]), (navn, del_["text/plain"])


def test_figure_axes_have_decimal_commas_and_keep_category_names():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from tiltakslab.visninger._felles import desimalkomma

    fig = Figure()
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    ax.bar(["Tlf. og e-post", "Rus- eller helseproblem"], [0.25, 1.0])
    desimalkomma(fig)
    fig.canvas.draw()
    y = ax.yaxis.get_major_formatter().format_ticks(ax.get_yticks())
    assert "0,2" in y and not any(re.search(r"\d\.\d", t) for t in y), y
    x = ax.xaxis.get_major_formatter().format_ticks(ax.get_xticks())
    assert x == ["Tlf. og e-post", "Rus- eller helseproblem"], x
