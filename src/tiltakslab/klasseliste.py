"""The instructor's roster files: one reader for every verb that takes a class list.

A roster is a text file with one student per line: the student id first, then optional columns
(``variant`` reads a group, ``lms`` an LMS id, a name and a section)::

    student;gruppe          <- an optional header line (first field student / id / student-id / pseudonym)
    s001;g1
    # a comment
    s002,g1                 <- «;», tab or «,» separates (per line; «;» wins, then tab)

Encodings: UTF-8 with or without BOM, UTF-16 (BOM or detected), else cp1252 (Excel on Windows).
Ids go through :func:`tiltakslab.identitet.normaliser` (so «S023» and «s023» are one student, and
fødselsnummer/e-mail/name shapes are refused); a refused id or a student listed twice is a Norwegian
problem naming the line, and the other lines are still read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tiltakslab.identitet import UgyldigId, normaliser
from tiltakslab.meldinger import t

MAKS_BYTES = 2_000_000
OVERSKRIFTER = ("student", "id", "student-id", "studentid", "pseudonym")


class KlasselisteFeil(ValueError):
    """The roster file cannot be read at all; Norwegian message."""


@dataclass(frozen=True)
class Linje:
    nr: int  # 1-based line number in the file
    student: str  # normalised id
    felt: list[str] = field(default_factory=list)  # the columns after the id (stripped, unquoted)

    def kolonne(self, i: int, maks: int = 200) -> str:
        """Column ``i`` after the id ("" when missing), at most ``maks`` characters."""
        return self.felt[i][:maks] if len(self.felt) > i else ""


def les_tekstfil(sti: Path) -> str:
    """Read a roster as text: UTF-8 (with or without BOM) or UTF-16 (with BOM, or detected by NULs)."""
    sti = Path(sti)
    if not sti.is_file():
        raise KlasselisteFeil(t("tildeling.ingen_fil", fil=str(sti)))
    if sti.stat().st_size > MAKS_BYTES:
        raise KlasselisteFeil(t("tildeling.for_stor", fil=str(sti), maks=MAKS_BYTES // 1_000_000))
    rått = sti.read_bytes()
    for bom, koding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if rått.startswith(bom):
            return rått.decode(koding)
    if b"\x00" in rått[:200]:
        for koding in ("utf-16-le", "utf-16-be"):
            try:
                tekst = rått.decode(koding)
            except UnicodeDecodeError:
                continue
            if tekst.isprintable() or "\n" in tekst:
                return tekst
    try:
        return rått.decode("utf-8")
    except UnicodeDecodeError:
        return rått.decode("cp1252")


def _del_opp(linje: str) -> list[str]:
    skille = ";" if ";" in linje else ("\t" if "\t" in linje else ",")
    return [d.strip().strip('"').strip() for d in linje.split(skille)]


def les_linjer(tekst: str) -> tuple[list[Linje], list[str]]:
    """(one :class:`Linje` per student, Norwegian problems) from a roster's text."""
    linjer: list[Linje] = []
    feil: list[str] = []
    sett: set[str] = set()
    forste = True
    for nr, rå in enumerate(tekst.splitlines(), 1):
        rå = rå.strip().lstrip("\ufeff").strip()
        if not rå or rå.startswith("#"):
            continue
        deler = _del_opp(rå)
        if forste and deler[0].lower() in OVERSKRIFTER:
            forste = False
            continue
        forste = False
        try:
            sid = normaliser(deler[0])
        except UgyldigId as err:
            feil.append(t("tildeling.ugyldig_linje", linje=nr, grunn=str(err)))
            continue
        if sid in sett:
            feil.append(t("tildeling.dobbel", linje=nr, student=sid))
            continue
        sett.add(sid)
        linjer.append(Linje(nr, sid, deler[1:]))
    return linjer, feil
