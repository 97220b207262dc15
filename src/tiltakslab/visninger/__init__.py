"""Lesson tables and figures from a light precomputed form, so a lesson's kernel imports neither pandas nor
matplotlib.

A lesson shows its synthetic data through ``vis("navn")`` (a hidden code cell). Each view is a function in one
module per lesson (``tiltakslab.visninger.leksjon01`` … ``leksjon07``), registered with
``@visning("navn", kilder=(...))``: it computes from the synthetic tables with pandas and matplotlib and adds its
outputs to an :class:`Utdata` (a table through ``tiltakslab.visning.tabell``, a figure through
``tiltakslab.figur``, text, Markdown). ``<data>/synthetic/visninger.json`` holds every view's outputs and a hash
of what they were computed from: the CSV files the view reads, any other content file it names, the source of
its module and of the table and figure code. ``vis`` shows the stored outputs when the hash matches and computes
them on the spot when it does not (only heavier; a stale form is never shown). The form is written with the
other light forms (``tiltakslab generer``, ``python -m tiltakslab.sakbygg``); ``tiltakslab sjekk`` and a test
fail while it is stale.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tiltakslab.lagretfil import filhash, json_form

from ._felles import Data, Utdata

FIL = "visninger.json"
FORMAT = 1
# One module per lesson, and one for the exercise sets' data tasks; each registers its views when imported (no
# heavy import at module level).
MODULER = ("leksjon01", "leksjon02", "leksjon03", "leksjon04", "leksjon05", "leksjon06", "leksjon07", "ovingssett")
_PAKKE = Path(__file__).resolve().parent
# Code every view's output depends on besides its own module: loading the tables, table and figure rendering,
# the outputs' form (``_felles.Utdata``). The registry and the store here do not change an output.
_FELLES = tuple(_PAKKE.parent / navn for navn in ("data.py", "visning.py", "figur.py", "visninger/_felles.py"))


@dataclass(frozen=True)
class Visning:
    navn: str
    funksjon: Callable
    kilder: tuple[str, ...]  # synthetic tables (``<data>/synthetic/<navn>.csv``) the view reads
    filer: tuple[str, ...]  # other content files, relative to the content folder (e.g. ``excerpts.yaml``)
    kode: tuple[str, ...]  # package files besides its module and the shared code (e.g. ``synthetic/tabeller.yaml``)
    modul: str

    @property
    def modulfil(self) -> Path:
        """The lesson module that defines the view (part of its hash; what ``kildekode`` returns)."""
        return _PAKKE / (self.modul.rsplit(".", 1)[-1] + ".py")


_REGISTER: dict[str, Visning] = {}


def visning(navn: str, kilder: tuple[str, ...] = (), filer: tuple[str, ...] = (), kode: tuple[str, ...] = ()):
    """Register ``funksjon(ut, data)`` as the view ``navn`` (``data.last("deltakere")`` loads a table)."""
    def dekorator(funksjon):
        if navn in _REGISTER and _REGISTER[navn].funksjon is not funksjon:
            raise ValueError(f"view {navn!r} is registered twice")
        _REGISTER[navn] = Visning(navn, funksjon, tuple(kilder), tuple(filer), tuple(kode),
                                   funksjon.__module__)
        return funksjon
    return dekorator


def register() -> dict[str, Visning]:
    """Every view, by name (imports the lesson modules once)."""
    for modul in MODULER:
        importlib.import_module(f"{__name__}.{modul}")
    return _REGISTER


def _innholdsrot(mappe: Path) -> Path:
    """The content folder of a data folder (``<innhold>/synthetic`` → ``<innhold>``)."""
    return mappe.parent if (mappe.parent / "excerpts.yaml").is_file() else _standard_innhold()


def _standard_innhold() -> Path:
    from tiltakslab.paths import data_dir  # noqa: PLC0415

    return Path(data_dir())


def nokkel(v: Visning, mappe: Path) -> str:
    """The hash of everything ``v``'s outputs are computed from (in ``mappe``)."""
    h = hashlib.sha256(f"{FORMAT}\0{v.navn}\0".encode())
    for sti in (*_FELLES, v.modulfil, *(_PAKKE.parent / navn for navn in v.kode)):
        h.update(filhash(sti).encode("ascii"))
    for navn in v.kilder:
        h.update(navn.encode() + b"\0" + filhash(mappe / f"{navn}.csv").encode("ascii"))
    rot = _innholdsrot(mappe) if v.filer else None
    for navn in v.filer:
        h.update(navn.encode() + b"\0" + filhash(rot / navn).encode("ascii"))
    return h.hexdigest()


def beregn(v: Visning, mappe: Path, data: Data | None = None) -> list[dict[str, str]]:
    """``v``'s outputs computed now (pandas, matplotlib)."""
    ut = Utdata()
    v.funksjon(ut, data or Data(mappe))
    return ut.deler


def lagret(mappe: Path) -> dict:
    """The stored views of ``mappe`` (name → {"nokkel", "utdata"}); empty when missing or unreadable."""
    form = json_form(Path(mappe) / FIL)
    if form.get("format") != FORMAT or not isinstance(form.get("visninger"), dict):
        return {}
    return form["visninger"]


def _mappe(mappe) -> Path:
    from tiltakslab.data import standard_mappe  # noqa: PLC0415

    return Path(mappe) if mappe is not None else Path(standard_mappe())


def utdata(navn: str, mappe: str | Path | None = None) -> list[dict[str, str]]:
    """The outputs of the view ``navn``: stored when they match their inputs, else computed now."""
    reg = register()
    if navn not in reg:
        from tiltakslab.data import DataFeil  # noqa: PLC0415
        from tiltakslab.meldinger import t  # noqa: PLC0415

        raise DataFeil(t("visninger.ukjent", navn=navn))
    mappe = _mappe(mappe)
    v = reg[navn]
    post = lagret(mappe).get(navn)
    if isinstance(post, dict) and post.get("nokkel") == nokkel(v, mappe) and isinstance(post.get("utdata"), list):
        return post["utdata"]
    return beregn(v, mappe)


def vis(navn: str, mappe: str | Path | None = None) -> None:
    """Show the lesson view ``navn`` (its tables, figures and text) in the notebook."""
    from IPython.display import display  # noqa: PLC0415

    for del_ in utdata(navn, mappe):
        display(del_, raw=True)


def kildekode(navn: str) -> str:
    """The source of the module that defines the view ``navn`` (what a lesson's ``vis("navn")`` draws)."""
    return register()[navn].modulfil.read_text(encoding="utf-8")


def foreldede(mappe: str | Path | None = None) -> list[str]:
    """Names of views whose stored outputs are missing or stale in ``mappe``."""
    mappe = _mappe(mappe)
    lager = lagret(mappe)
    return [navn for navn, v in register().items()
            if not isinstance(lager.get(navn), dict) or lager[navn].get("nokkel") != nokkel(v, mappe)]


def tekst(mappe: str | Path) -> str:
    """The text of ``visninger.json`` for ``mappe``: every view computed, one view per line."""
    mappe = Path(mappe)
    data = Data(mappe)
    linjer = []
    for navn, v in sorted(register().items()):
        post = {"nokkel": nokkel(v, mappe), "utdata": beregn(v, mappe, data)}
        linjer.append(json.dumps(navn, ensure_ascii=False) + ": " + json.dumps(post, ensure_ascii=False))
    hode = json.dumps({"format": FORMAT, "note": "Generated by python -m tiltakslab.sakbygg from the views in "
                       "tiltakslab/visninger and the files they read; do not edit."}, ensure_ascii=False)
    return hode[:-1] + ', "visninger": {\n' + ",\n".join(linjer) + "\n}}\n"
