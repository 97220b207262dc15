"""Load and validate every exercise file in ``data/ovelser/``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tiltakslab.meldinger import t
from tiltakslab.ovelser.skjema import rens, valider_fil
from tiltakslab.paths import krev_data_dir
from tiltakslab.yamlfil import les_yaml


class OvelseFeil(ValueError):
    """Invalid exercise content; ``str()`` is a Norwegian message naming file, exercise and field."""

    def __init__(self, feil: list[str]):
        self.feil = list(feil)
        super().__init__("\n".join(self.feil))


@dataclass
class Ovelsessett:
    """All exercises, keyed by id, with the file each came from."""

    ovelser: dict[str, dict] = field(default_factory=dict)
    filer: dict[str, str] = field(default_factory=dict)
    feil: list[str] = field(default_factory=list)  # problems in files that were left out (lenient load)

    def hent(self, ovelse_id: str) -> dict:
        if ovelse_id not in self.ovelser:
            if self.feil:
                # The exercise may sit in a file that could not be read: say why, not just "unknown".
                raise OvelseFeil([t("ovelse.ukjent_id", id=ovelse_id), *self.feil])
            raise KeyError(t("ovelse.ukjent_id", id=ovelse_id))
        return self.ovelser[ovelse_id]


def ovelse_mappe(data: Path | None = None) -> Path:
    return (data or krev_data_dir(trenger=("ovelser",))) / "ovelser"


MAKS_FIL_BYTES = 2_000_000  # the largest exercise file today is ~60 kB
MAKS_FEIL_PER_FIL = 50


def yaml_feilmelding(navn: str, err: Exception) -> str:
    """A Norwegian message for a YAML syntax error, with line and column when the parser gives them."""
    merke = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    if merke is not None:
        return t("skjema.yaml_linje", fil=navn, linje=merke.line + 1, kolonne=merke.column + 1)
    return t("skjema.yaml_uten_linje", fil=navn)


def les_en_fil(sti: Path, navn: str) -> tuple[object, list[str]]:
    """Read one YAML file with size and type checks; (data, errors). Never raises on bad content."""
    data, feil, _tekst = les_en_fil_med_tekst(sti, navn)
    return data, feil


def les_en_fil_med_tekst(sti: Path, navn: str) -> tuple[object, list[str], str | None]:
    """As ``les_en_fil``, with the file's text (for YAML line numbers in schema messages)."""
    try:
        if not sti.is_file():
            return None, [t("skjema.ikke_fil", fil=navn)], None
        storrelse = sti.stat().st_size
        if storrelse > MAKS_FIL_BYTES:
            return None, [t("skjema.for_stor_fil", fil=navn, mb=round(storrelse / 1e6, 1),
                            maks=MAKS_FIL_BYTES // 1_000_000)], None
        tekst = sti.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [t("skjema.ikke_utf8", fil=navn)], None
    except OSError as err:
        return None, [t("skjema.kan_ikke_lese", fil=navn, grunn=err.strerror or type(err).__name__)], None
    try:
        return les_yaml(tekst), [], tekst
    except yaml.YAMLError as err:
        return None, [yaml_feilmelding(navn, err)], tekst
    except RecursionError:
        return None, [t("skjema.for_dyp", fil=navn)], tekst


def les_filer(mappe: Path) -> tuple[Ovelsessett, list[str]]:
    """Read and validate all ``*.yaml`` in ``mappe`` (skipping ``_*``); return the set and all errors."""
    sett, feil = Ovelsessett(), []
    for sti in sorted(mappe.glob("*.yaml")):
        if sti.name.startswith("_"):
            continue
        navn = f"data/ovelser/{sti.name}"
        data, lesefeil, tekst = les_en_fil_med_tekst(sti, navn)
        if lesefeil:
            feil.extend(lesefeil)
            continue
        filfeil = valider_fil(data, navn, tekst)
        if len(filfeil) > MAKS_FEIL_PER_FIL:
            filfeil = [*filfeil[:MAKS_FEIL_PER_FIL], t("skjema.flere_feil", fil=navn,
                                                       antall=len(filfeil) - MAKS_FEIL_PER_FIL)]
        feil.extend(filfeil)
        if filfeil:
            continue
        for rec in data["ovelser"]:
            if rec["id"] in sett.ovelser:
                feil.append(t("skjema.dobbel_ovelse", id=rec["id"], fil=navn, annen=sett.filer[rec["id"]]))
                continue
            sett.ovelser[rec["id"]] = rens(rec)
            sett.filer[rec["id"]] = navn
    return sett, feil


_CACHE: dict[Path, tuple[tuple, Ovelsessett]] = {}


def last_ovelser(mappe: Path | None = None, streng: bool = True) -> Ovelsessett:
    """Load all exercises. Cached until a file changes.

    ``streng=True`` (checks, reports) raises ``OvelseFeil`` listing every problem. ``streng=False``
    (learners' widgets) leaves out only the files with problems and records them in ``sett.feil``,
    so one broken file never takes down the exercises in all the others.
    """
    mappe = mappe or ovelse_mappe()
    stempel = tuple((p.name, p.stat().st_mtime_ns, p.is_file()) for p in sorted(mappe.glob("*.yaml")))
    hit = _CACHE.get(mappe)
    if hit and hit[0] == stempel:
        sett = hit[1]
    else:
        sett, feil = les_filer(mappe)
        sett.feil = feil
        _CACHE[mappe] = (stempel, sett)
    if streng and sett.feil:
        raise OvelseFeil(sett.feil)
    return sett
