"""The hand-in exchange: a shared folder with one folder per student, so hand-in needs no upload.

Layout (on a hub with real Linux users)::

    <rot>/            root:<lærere>  0751  students may pass through, not list
    <rot>/<bruker>/   <bruker>:<lærere>  2770  the student and the teachers; nobody else
        innlevering-<bruker>-<tid>.json / .html   written by «Lever inn»
        tilbakemelding/                           feedback pages put back by the teacher (2775, files 0644)

The exchange folder comes from ``$TILTAKSLAB_UTVEKSLING`` (set per user by the hub config). The hub
(running as root) creates the per-user folders in a ``pre_spawn_hook`` with :func:`opprett_brukermappe`;
a student cannot create their own folder in a 0751 parent. Every file is written atomically (a hidden
temporary file in the same folder, then ``os.replace``) and never through a symlink: folders are opened
with ``O_NOFOLLOW`` and files are created with ``O_EXCL``.

On Kubernetes, where all users share one uid, folder permissions cannot separate students; see
``deploy/DRIFT.md`` for the choice made there.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

from tiltakslab.identitet import UgyldigId, normaliser
from tiltakslab.meldinger import t

ENV_UTVEKSLING = "TILTAKSLAB_UTVEKSLING"
TILBAKEMELDING = "tilbakemelding"
ROT_MODUS = 0o751
BRUKER_MODUS = 0o2770
FIL_MODUS = 0o640
TILBAKE_MAPPE_MODUS = 0o2775
TILBAKE_FIL_MODUS = 0o644
SNARVEI = "tilbakemeldinger"  # the learner's shortcut in their home (Lab's file browser)


class UtvekslingFeil(OSError):
    """The exchange cannot be used; ``str(err)`` is a Norwegian reason for the learner or teacher."""


def utvekslingsmappe() -> Path | None:
    """The exchange folder from ``$TILTAKSLAB_UTVEKSLING``, or ``None`` when none is configured."""
    raw = os.environ.get(ENV_UTVEKSLING, "").strip()
    return Path(raw).expanduser() if raw else None


def _ikke_lenke(sti: Path) -> None:
    """Refuse a folder that is a symlink (or not a folder)."""
    try:
        st = os.lstat(sti)
    except FileNotFoundError as err:
        raise UtvekslingFeil(t("utveksling.mangler_mappe")) from err
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
        raise UtvekslingFeil(t("utveksling.lenke"))


@contextlib.contextmanager
def _mappe_fd(sti: Path) -> Iterator[int]:
    """Open a folder without following a symlink in its last component."""
    _ikke_lenke(sti)
    try:
        fd = os.open(sti, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError as err:
        raise UtvekslingFeil(t("utveksling.ingen_tilgang")) from err
    try:
        yield fd
    finally:
        os.close(fd)


def skriv_atomisk(mappe: Path, navn: str, innhold: bytes, modus: int = FIL_MODUS) -> Path:
    """Write ``mappe/navn`` atomically; never through a symlink (the folder nor the file)."""
    if not navn or "/" in navn or navn in (".", "..") or navn.startswith("."):
        raise ValueError(f"unsafe file name: {navn!r}")
    with _mappe_fd(mappe) as dfd:
        tmp = f".{navn}.{secrets.token_hex(6)}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, modus, dir_fd=dfd)
        try:
            os.fchmod(fd, modus)  # exact mode whatever the umask: the teachers' group must read it
            with os.fdopen(fd, "wb") as fh:
                fh.write(innhold)
                fh.flush()
                os.fsync(fh.fileno())
            # os.replace swaps the name: a symlink at ``navn`` is replaced, never written through.
            os.replace(tmp, navn, src_dir_fd=dfd, dst_dir_fd=dfd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp, dir_fd=dfd)
            raise
    return mappe / navn


def brukermappe(rot: Path, bruker: str) -> Path:
    """``rot/<bruker>`` for a normalised student id (raises :class:`UgyldigId`)."""
    return Path(rot) / normaliser(bruker)


def opprett_rot(rot: Path, gruppe: int | None = None) -> Path:
    """Create the exchange root (admin or hub side): mode 0751, group ``gruppe`` (gid) when given."""
    rot = Path(rot)
    rot.mkdir(parents=True, exist_ok=True)
    _ikke_lenke(rot)
    if gruppe is not None:
        os.chown(rot, -1, gruppe)
    os.chmod(rot, ROT_MODUS)
    return rot


def opprett_brukermappe(rot: Path, bruker: str, eier: int | None = None, gruppe: int | None = None) -> Path:
    """Create ``rot/<bruker>`` owned by ``eier:gruppe`` (uid, gid) with mode 2770; idempotent.

    Run by the hub (as root) before a user's server starts. An existing symlink is refused.
    """
    mappe = brukermappe(rot, bruker)
    _ikke_lenke(Path(rot))
    return opprett_mappe(mappe, BRUKER_MODUS, eier, gruppe)


def opprett_mappe(mappe: Path, modus: int, eier: int | None = None, gruppe: int | None = None) -> Path:
    """Create ``mappe`` when missing (0700 until set), then owner/group and ``modus`` through a descriptor
    opened without following a symlink; a symlink is refused (:class:`UtvekslingFeil`). Idempotent."""
    with contextlib.suppress(FileExistsError):
        os.mkdir(mappe, 0o700)
    with _mappe_fd(mappe) as fd:
        if eier is not None or gruppe is not None:
            os.fchown(fd, -1 if eier is None else eier, -1 if gruppe is None else gruppe)
        os.fchmod(fd, modus)
    return mappe


def opprett_tilbakemeldingsmappe(rot: Path, bruker: str, gruppe: int | None = None) -> Path:
    """Hub side (root): ``rot/<bruker>/tilbakemelding`` owned by root:``gruppe``, 2775, when missing.

    Made before the teacher returns anything, so the learner's shortcut leads somewhere from the first
    day; the teachers write into it through the group, the learner reads. An existing folder is kept
    as it is (the teacher may have made it); a symlink is refused.
    """
    mappe = brukermappe(rot, bruker)
    with _mappe_fd(mappe) as dfd:
        try:
            os.mkdir(TILBAKEMELDING, 0o700, dir_fd=dfd)
        except FileExistsError:
            pass
        else:
            fd = os.open(TILBAKEMELDING, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=dfd)
            try:
                if gruppe is not None:
                    os.fchown(fd, -1, gruppe)
                os.fchmod(fd, TILBAKE_MAPPE_MODUS)
            finally:
                os.close(fd)
    _ikke_lenke(mappe / TILBAKEMELDING)
    return mappe / TILBAKEMELDING


def lag_snarvei(hjem: Path, rot: Path, bruker: str, eier: int | None = None, gruppe: int | None = None) -> bool:
    """Hub side (root): a shortcut ``<hjem>/tilbakemeldinger`` → the learner's feedback folder.

    Created only when the name is free (a file or folder the learner made is never touched) and the
    home folder is a real folder; the link itself is made inside the home opened without following
    symlinks. Returns True when a shortcut was made.
    """
    mal = brukermappe(rot, bruker) / TILBAKEMELDING
    try:
        fd = os.open(hjem, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        try:
            os.symlink(str(mal), SNARVEI, dir_fd=fd)
        except FileExistsError:
            return False
        if eier is not None or gruppe is not None:
            os.chown(SNARVEI, -1 if eier is None else eier, -1 if gruppe is None else gruppe, dir_fd=fd,
                     follow_symlinks=False)
        return True
    finally:
        os.close(fd)


def lever(filer: list[Path], bruker: str, rot: Path | None = None) -> list[Path]:
    """Deliver hand-in files (already written by the export) into the student's exchange folder.

    The student's folder is made when it is missing and the parent allows it (a laptop or a shared-uid
    setup); on a hub with real users the hub has made it. Returns the delivered paths.
    """
    rot = Path(rot) if rot is not None else utvekslingsmappe()
    if rot is None:
        raise UtvekslingFeil(t("utveksling.ikke_satt"))
    try:
        mappe = brukermappe(rot, bruker)
    except UgyldigId as err:
        raise UtvekslingFeil(str(err)) from err
    _ikke_lenke(rot)
    if not os.path.lexists(mappe):
        try:
            os.mkdir(mappe, 0o770)
        except OSError as err:
            raise UtvekslingFeil(t("utveksling.mangler_mappe")) from err
    levert = []
    for fil in filer:
        fil = Path(fil)
        try:
            levert.append(skriv_atomisk(mappe, fil.name, fil.read_bytes()))
        except PermissionError as err:
            raise UtvekslingFeil(t("utveksling.ingen_tilgang")) from err
    return levert


def innleveringsfiler(rot: Path) -> Iterator[tuple[str, Path]]:
    """``(student folder name, file)`` for every ``*.json`` in the per-student folders.

    Folders that are symlinks or not valid student ids are passed over; so are the files in them that
    are symlinks (the reader reports those).
    """
    rot = Path(rot)
    for mappe in sorted(rot.iterdir()):
        if mappe.is_symlink() or not mappe.is_dir():
            continue
        try:
            eier = normaliser(mappe.name)
        except UgyldigId:
            continue
        if eier != mappe.name:
            continue
        try:
            filer = sorted(mappe.glob("*.json"))
        except PermissionError:
            continue
        for fil in filer:
            yield eier, fil


def legg_tilbake(rot: Path, bruker: str, filer: dict[str, bytes]) -> list[Path]:
    """Put feedback pages (``{name: content}``) into ``rot/<bruker>/tilbakemelding/`` atomically.

    Run by a teacher (member of the folder's group). The student owns the folder above, so the
    ``tilbakemelding`` folder is checked and opened without following symlinks.
    """
    mappe = brukermappe(rot, bruker)
    _ikke_lenke(mappe)
    ut = mappe / TILBAKEMELDING
    with _mappe_fd(mappe) as dfd:
        with contextlib.suppress(FileExistsError):
            os.mkdir(TILBAKEMELDING, 0o700, dir_fd=dfd)
    # The teacher owns these; the student reads them. Readable by "others" is safe: only the student
    # and the teachers can pass through the student's 2770 folder above.
    with _mappe_fd(ut) as fd:
        if os.fstat(fd).st_uid == os.geteuid():
            os.fchmod(fd, TILBAKE_MAPPE_MODUS)
    return [skriv_atomisk(ut, navn, innhold, TILBAKE_FIL_MODUS) for navn, innhold in sorted(filer.items())]
