"""Read a folder of hand-ins, each file on its own, and merge them per student.

Every file is parsed in isolation: too large, not JSON, nested too deep, numbers with too many digits,
the wrong schema, a bad student id – each is a *listed* skip with a Norwegian reason, never a crash of
the whole report. Inside a valid file, a bad record or an exercise with more attempts than we read is
also listed (``merknader``), never dropped silently.

Several hand-ins by one student (e.g. set 02 from one machine and set 04 from another) are merged:
per answer key the record with the newest attempt wins, so no set is lost.
Student ids go through :func:`tiltakslab.identitet.normaliser` («S023» and «s023» are one student).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from tiltakslab.identitet import UgyldigId, normaliser
from tiltakslab.meldinger import t

MAKS_BYTES = 5_000_000
MAKS_FORSOK = 500
MAKS_DYBDE = 40
MAKS_SIFRE = 30
GODTATT = {("tiltakslab-innlevering", 1), ("tiltakslab-svar", 1)}


class Avvist(ValueError):
    """A hand-in that must be skipped; ``str(err)`` is the Norwegian reason."""


@dataclass
class Innlevering:
    student: str
    filer: list[str]
    levert: str
    svar: dict[str, dict]  # answer key -> record {"ovelse", "variant", "forsok": [...]}


@dataclass
class Samling:
    innleveringer: dict[str, Innlevering] = field(default_factory=dict)
    avvist: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)
    merknader: list[tuple[str, str]] = field(default_factory=list)  # (file or student, note)


def _heltall(tekst: str) -> int:
    if len(tekst.lstrip("-")) > MAKS_SIFRE:
        raise Avvist(t("samle.for_mange_sifre", maks=MAKS_SIFRE))
    return int(tekst)


def _flyttall(tekst: str) -> float:
    if len(tekst) > 60:
        raise Avvist(t("samle.for_mange_sifre", maks=MAKS_SIFRE))
    return float(tekst)


def _konstant(navn: str) -> float:
    raise Avvist(t("samle.ikke_tall", verdi=navn))


def _dybde_ok(data: object) -> bool:
    """Iterative depth check, so later code (rendering, json.dumps) can never recurse too deep."""
    stabel = [(data, 1)]
    while stabel:
        node, d = stabel.pop()
        if d > MAKS_DYBDE:
            return False
        if isinstance(node, dict):
            stabel.extend((v, d + 1) for v in node.values())
        elif isinstance(node, list):
            stabel.extend((v, d + 1) for v in node)
    return True


def tolk_json(rått: bytes) -> object:
    """Parse bytes as JSON with limits; raise :class:`Avvist` with a Norwegian reason."""
    try:
        tekst = rått.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise Avvist(t("samle.ikke_utf8")) from err
    try:
        data = json.loads(tekst, parse_int=_heltall, parse_float=_flyttall, parse_constant=_konstant)
    except RecursionError as err:
        raise Avvist(t("samle.for_dyp", maks=MAKS_DYBDE)) from err
    except json.JSONDecodeError as err:
        raise Avvist(t("samle.ikke_json_linje", linje=err.lineno)) from err
    except ValueError as err:  # int() limits and friends, reported in our words
        if isinstance(err, Avvist):
            raise
        raise Avvist(t("samle.ikke_json")) from err
    if not _dybde_ok(data):
        raise Avvist(t("samle.for_dyp", maks=MAKS_DYBDE))
    return data


def _tid(rec: dict) -> str:
    forsok = rec.get("forsok") or []
    tider = [f.get("tid") for f in forsok if isinstance(f.get("tid"), str)]
    return max(tider) if tider else str(rec.get("siste") or "")


def les_innlevering(sti: Path, merknader: list[tuple[str, str]] | None = None) -> Innlevering:
    """Read one hand-in; raise :class:`Avvist` when it must be skipped."""
    merknader = merknader if merknader is not None else []
    try:
        if sti.stat().st_size > MAKS_BYTES:
            raise Avvist(t("samle.for_stor", maks=MAKS_BYTES // 1_000_000))
        rått = sti.read_bytes()
    except OSError as err:
        raise Avvist(t("samle.kan_ikke_lese", grunn=err.strerror or type(err).__name__)) from err
    data = tolk_json(rått)
    if not isinstance(data, dict) or (data.get("skjema"), data.get("versjon")) not in GODTATT:
        raise Avvist(t("samle.feil_skjema"))
    try:
        student = normaliser(data.get("student"))
    except UgyldigId as err:
        raise Avvist(t("samle.ugyldig_student_grunn", grunn=str(err))) from err
    svar = data.get("svar")
    if not isinstance(svar, dict):
        raise Avvist(t("samle.feil_skjema"))
    from tiltakslab.ovelser.lager import rens_tekst  # noqa: PLC0415

    svar, renset = rens_tekst(svar)  # lone surrogates cannot be written to any report
    if renset:
        merknader.append((sti.name, t("samle.renset")))
    rene: dict[str, dict] = {}
    for key, rec in svar.items():
        if not (isinstance(key, str) and isinstance(rec, dict) and isinstance(rec.get("ovelse"), str)
                and isinstance(rec.get("forsok"), list)):
            merknader.append((sti.name, t("samle.post_feil_form", nokkel=str(key)[:40])))
            continue
        forsok = [f for f in rec["forsok"] if isinstance(f, dict)]
        if len(forsok) < len(rec["forsok"]):
            merknader.append((sti.name, t("samle.forsok_feil_form", ovelse=rec["ovelse"][:40],
                                          antall=len(rec["forsok"]) - len(forsok))))
        if len(forsok) > MAKS_FORSOK:
            merknader.append((sti.name, t("samle.for_mange_forsok", ovelse=rec["ovelse"][:40],
                                          antall=len(forsok), maks=MAKS_FORSOK)))
            forsok = forsok[-MAKS_FORSOK:]
        variant = rec.get("variant") if isinstance(rec.get("variant"), str) else None
        rene[key] = {"ovelse": rec["ovelse"], "variant": variant, "forsok": forsok}
    levert = data.get("levert") or data.get("endret") or ""
    return Innlevering(student, [sti.name], levert if isinstance(levert, str) else "", rene)


def slå_sammen(gammel: Innlevering, ny: Innlevering) -> Innlevering:
    """Merge two hand-ins by one student: per answer key the record with the newest attempt."""
    svar = dict(gammel.svar)
    for key, rec in ny.svar.items():
        if key not in svar or _tid(rec) >= _tid(svar[key]):
            svar[key] = rec
    return Innlevering(gammel.student, gammel.filer + ny.filer, max(gammel.levert, ny.levert), svar)


def les_mappe(mappe: Path) -> Samling:
    """Read ``mappe/*.json`` and, for a hand-in exchange, ``mappe/<student>/*.json`` (``tiltakslab.utveksling``).

    A file in a student's exchange folder must be that student's own hand-in."""
    from tiltakslab.utveksling import innleveringsfiler  # noqa: PLC0415

    samling = Samling()
    filer = [(None, sti) for sti in sorted(mappe.glob("*.json"))] + list(innleveringsfiler(mappe))
    for eier, sti in filer:
        navn = sti.name if eier is None else f"{eier}/{sti.name}"
        if sti.is_symlink() or not sti.is_file():
            samling.avvist.append((navn, t("samle.ikke_fil")))
            continue
        try:
            inn = les_innlevering(sti, samling.merknader)
        except Avvist as err:
            samling.avvist.append((navn, str(err)))
            continue
        except Exception as err:  # noqa: BLE001 - one file never takes down the report
            samling.avvist.append((navn, t("samle.uventet", feil=type(err).__name__)))
            continue
        if eier is not None and inn.student != eier:
            samling.avvist.append((navn, t("utveksling.feil_mappe")))
            continue
        forrige = samling.innleveringer.get(inn.student)
        samling.innleveringer[inn.student] = slå_sammen(forrige, inn) if forrige else inn
    return samling
