"""Safe file output: atomic, owner-only (0600), never through a symlink.

Every file the package writes for a learner or an instructor goes through :func:`skriv_atomisk`:
the data goes to a temporary file in the same folder, is flushed, and replaces the target with
``os.replace``, so a reader sees the old or the new file, never half of one. Before writing, every
component of the target path that exists is checked: a symlink anywhere (the folder, a parent the
caller created, or the file itself) refuses the write with :class:`SkriveFeil`, a Norwegian message.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from tiltakslab.meldinger import t

FILMODUS = 0o600
MAPPEMODUS = 0o700


class SkriveFeil(OSError):
    """A file could not be written; ``str(err)`` is a Norwegian reason that tells the truth."""

    def __str__(self) -> str:
        return self.args[0] if self.args else ""


def _symlenke_i(sti: Path, rot: Path | None) -> Path | None:
    """The first existing symlink among ``sti`` and its parents down to ``rot`` (``sti`` itself if None)."""
    sti = Path(os.path.abspath(sti))
    rot = Path(os.path.abspath(rot)) if rot is not None else sti
    deler = [d for d in [sti, *sti.parents] if d == rot or rot in d.parents]
    for d in deler:
        if d.is_symlink():
            return d
    return None


def oversett_oserror(err: OSError, sti: Path) -> SkriveFeil:
    """Turn an OS error into a Norwegian message that says what happened."""
    if isinstance(err, SkriveFeil):
        return err
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return SkriveFeil(t("skriving.ingen_tilgang", mappe=str(sti.parent)))
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return SkriveFeil(t("skriving.full_disk", mappe=str(sti.parent)))
    return SkriveFeil(t("skriving.annen", fil=str(sti), grunn=err.strerror or type(err).__name__))


def sikker_mappe(mappe: Path, rot: Path | None = None) -> Path:
    """Create ``mappe`` (0700) if needed; refuse when it or a parent below ``rot`` is a symlink."""
    mappe = Path(mappe)
    lenke = _symlenke_i(mappe, rot)
    if lenke is not None:
        raise SkriveFeil(t("skriving.symlenke", sti=str(lenke)))
    try:
        mappe.mkdir(parents=True, exist_ok=True, mode=MAPPEMODUS)
    except OSError as err:
        raise oversett_oserror(err, mappe / "x") from err
    lenke = _symlenke_i(mappe, rot)  # a race between check and mkdir
    if lenke is not None:
        raise SkriveFeil(t("skriving.symlenke", sti=str(lenke)))
    if not mappe.is_dir():
        raise SkriveFeil(t("skriving.ikke_mappe", sti=str(mappe)))
    return mappe


def skriv_atomisk(sti: Path, innhold: str | bytes, rot: Path | None = None, modus: int = FILMODUS) -> Path:
    """Write ``innhold`` to ``sti`` atomically with mode ``modus``; never through a symlink.

    ``rot`` is the top folder the caller owns (e.g. the output folder the instructor chose): it and
    every component below it must not be a symlink. Its own parents may be (a home on a linked disk).
    Without ``rot`` the file's folder and the file are checked.
    Raises :class:`SkriveFeil` with a Norwegian message.
    """
    sti = Path(sti)
    sikker_mappe(sti.parent, rot)
    if sti.is_symlink():
        raise SkriveFeil(t("skriving.symlenke", sti=str(sti)))
    data = innhold.encode("utf-8") if isinstance(innhold, str) else innhold
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{sti.name}.", suffix=".tmp", dir=sti.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, modus)
        os.replace(tmp, sti)
        tmp = None
    except OSError as err:
        raise oversett_oserror(err, sti) from err
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return sti


def fjern_foreldede(mappe: Path, monster: str) -> int:
    """Remove leftover temporary files matching ``monster`` in ``mappe``; return how many."""
    n = 0
    for p in Path(mappe).glob(monster):
        if p.is_file() and not p.is_symlink():
            with contextlib.suppress(OSError):
                p.unlink()
                n += 1
    return n
