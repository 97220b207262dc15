"""Progress overview for self-study: per module (lesson + exercise set) in course order, and in total.

Only what a learner can reach counts: the exercises shown in a module's lesson (``notebooks/NN_*.ipynb``)
and exercise set (``exercises/NN_*.ipynb``). Exercises that live only in the demo notebook do not count
against a module, so 100 % can be reached. Each row says what is left and links to the lesson and the set
(relative links, valid from ``notebooks/`` and ``exercises/``, in JupyterLab and in the app).
Progress widgets on a page are refreshed after every submit (:func:`meld_endring`).
"""

from __future__ import annotations

import html
import json
import re
import weakref
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tiltakslab.meldinger import t
from tiltakslab.ovelser.laster import Ovelsessett
from tiltakslab.ovelser.vurdering import formater_tall
from tiltakslab.paths import REPO_ROOT

_OVELSE = re.compile(r'ovelse\(\s*["\']([a-z]+-\d+)["\']')
_LYTTERE: weakref.WeakSet = weakref.WeakSet()


@dataclass(frozen=True)
class Modul:
    nr: str
    navn: str
    leksjon: str | None  # file name in notebooks/
    sett: str | None  # file name in exercises/
    ovelser: tuple[str, ...] = field(default_factory=tuple)


def _les(sti: Path) -> tuple[str | None, list[str]]:
    """A notebook's first heading and the exercise ids its code cells show (in order, once each).

    Remembered per user under the hash of the file (``tiltakslab.hurtigbuffer``): parsing the course's
    notebooks with their stored outputs is most of what a progress widget costs a fresh kernel.
    """
    from tiltakslab import hurtigbuffer  # noqa: PLC0415

    try:
        data = sti.read_bytes()
    except OSError:
        return None, []
    tittel, ider = hurtigbuffer.hent("notatbok", data, lambda: list(_skann(data)))
    return tittel, list(ider)


def _skann(data: bytes) -> tuple[str | None, list[str]]:
    try:
        nb = json.loads(data.decode("utf-8"))
    except ValueError:
        return None, []
    tittel, ider = None, []
    for celle in nb.get("cells", []):
        kilde = "".join(celle.get("source", []))
        if celle.get("cell_type") == "markdown" and tittel is None and kilde.startswith("# "):
            tittel = kilde.splitlines()[0][2:].strip()
        if celle.get("cell_type") == "code":
            ider += [i for i in _OVELSE.findall(kilde) if i not in ider]
    return tittel, ider


def _kort_navn(tittel: str | None) -> str | None:
    """«01 Kontekst – fattigdomsplanen …» / «Øvingssett 04: Kartlegging og KIS» → «Kontekst» / «Kartlegging og KIS»."""
    if not tittel:
        return None
    tittel = re.sub(r"^(Øvingssett\s+)?\d+\s*:?\s*", "", tittel)
    return tittel.split(" – ")[0].strip() or None


def kursrot() -> Path:
    """Where the course's notebooks are: the source tree, else (the package installed as a wheel, on a
    hub) the course release the kernel runs in – the notebook's folder's parent, or the folder itself."""
    for rot in (REPO_ROOT, Path.cwd().parent, Path.cwd()):
        if (rot / "exercises").is_dir() or (rot / "notebooks").is_dir():
            return rot
    return REPO_ROOT


def kursmoduler(rot: Path | None = None) -> tuple[Modul, ...]:
    """The course's modules 01–07 from the notebooks on disk (empty when they are not there)."""
    return _kursmoduler(kursrot() if rot is None else Path(rot))


@lru_cache(maxsize=4)
def _kursmoduler(rot: Path) -> tuple[Modul, ...]:
    moduler = []
    for nr in sorted({p.name[:2] for d in ("notebooks", "exercises") for p in (rot / d).glob("0[1-9]_*.ipynb")}):
        leksjon = next(iter(sorted((rot / "notebooks").glob(f"{nr}_*.ipynb"))), None)
        sett = next(iter(sorted((rot / "exercises").glob(f"{nr}_*.ipynb"))), None)
        l_tittel, l_ider = _les(leksjon) if leksjon else (None, [])
        s_tittel, s_ider = _les(sett) if sett else (None, [])
        navn = _kort_navn(l_tittel) or _kort_navn(s_tittel) or nr
        ider = tuple(dict.fromkeys([*l_ider, *s_ider]))
        moduler.append(Modul(nr, navn, leksjon.name if leksjon else None, sett.name if sett else None, ider))
    return tuple(moduler)


def _beste(lager: dict) -> dict[str, float]:
    beste: dict[str, float] = {}
    for rec in lager.get("svar", {}).values():
        if isinstance(rec, dict) and rec.get("forsok"):
            oid = rec.get("ovelse")
            beste[oid] = max(beste.get(oid, 0.0), float(rec.get("beste_poeng") or 0))
    return beste


def fremdrift_data(sett: Ovelsessett, lager: dict, moduler: tuple[Modul, ...] | None = None) -> list[dict]:
    """One row per module in course order plus a total row (``modul`` = None).

    Without modules on disk (an installed wheel without the notebooks) the rows are per theme.
    """
    moduler = kursmoduler() if moduler is None else moduler
    beste = _beste(lager)
    if not moduler:
        grupper: dict[str, list[str]] = {}
        for ov in sett.ovelser.values():
            grupper.setdefault(ov["tema"], []).append(ov["id"])
        moduler = tuple(Modul("", tema, None, None, tuple(ider)) for tema, ider in grupper.items())
    rader = []
    for m in moduler:
        ovelser = [sett.ovelser[i] for i in m.ovelser if i in sett.ovelser]
        r = {"modul": m, "tema": ovelser[0]["tema"] if ovelser else None, "navn": m.navn, "antall": len(ovelser),
             "gjort": 0, "poeng": 0.0, "maks": 0, "minutter_igjen": 0, "igjen": []}
        for ov in ovelser:
            r["maks"] += ov["poeng"]
            if ov["id"] in beste:
                r["gjort"] += 1
                r["poeng"] += min(beste[ov["id"]], ov["poeng"])
            else:
                r["minutter_igjen"] += ov["minutter"]
                r["igjen"].append(ov)
        rader.append(r)
    total = {"modul": None, "tema": None, "navn": t("fremdrift.totalt"), "igjen": [],
             **{k: sum(r[k] for r in rader) for k in ("antall", "gjort", "poeng", "maks", "minutter_igjen")}}
    return [*rader, total]


def prosent(r: dict) -> int:
    return round(100 * r["gjort"] / r["antall"]) if r["antall"] else 100


def fremdrift_html(rader: list[dict]) -> str:
    from tiltakslab.ovelser.visning import fyll_navn  # noqa: PLC0415

    hode = "".join(f"<th scope='col'>{html.escape(t(f'fremdrift.{k}'))}</th>"
                   for k in ("modul", "gjort", "poeng", "minutter_igjen", "igjen"))
    linjer = []
    for r in rader:
        m: Modul | None = r["modul"]
        navn = html.escape(r["navn"])
        if m is not None and m.nr:
            navn = f"{html.escape(m.nr)} {navn}"
        lenker = []
        if m is not None and m.leksjon:
            lenker.append(f'<a href="../notebooks/{html.escape(m.leksjon)}">{html.escape(t("fremdrift.leksjon"))}</a>')
        if m is not None and m.sett:
            lenker.append(f'<a href="../exercises/{html.escape(m.sett)}">{html.escape(t("fremdrift.sett"))}</a>')
        if r["igjen"]:
            titler = "".join(f"<li>{html.escape(fyll_navn(ov['tittel'], None))}</li>" for ov in r["igjen"])
            igjen = (f"<details><summary>{html.escape(t('fremdrift.igjen_antall', n=len(r['igjen'])))}</summary>"
                     f"<ul>{titler}</ul></details>")
        elif m is None and r["gjort"] < r["antall"]:  # the total row: how many are left, without the list
            igjen = html.escape(t("fremdrift.igjen_antall", n=r["antall"] - r["gjort"]))
        elif r["antall"]:
            igjen = html.escape(t("fremdrift.ferdig"))
        else:
            igjen = ""
        celle = f"{navn}<br><small>{' · '.join(lenker)}</small>" if lenker else navn
        linjer.append(
            f"<tr><th scope='row'>{celle}</th>"
            f"<td>{r['gjort']} / {r['antall']} ({prosent(r)} %)</td>"
            f"<td>{html.escape(formater_tall(r['poeng']))} / {r['maks']}</td>"
            f"<td>{r['minutter_igjen']}</td><td>{igjen}</td></tr>")
    return (f"<table class='tl-fremdrift-tabell'><caption>{html.escape(t('fremdrift.tittel'))}</caption>"
            f"<thead><tr>{hode}</tr></thead><tbody>{''.join(linjer)}</tbody></table>")


def lytt(widget) -> None:
    """Register a progress widget (an object with ``oppdater()``), held weakly."""
    _LYTTERE.add(widget)


def meld_endring() -> None:
    """An answer was stored: refresh every progress widget on the page."""
    for w in list(_LYTTERE):
        w.oppdater()
