"""The per-user answer store: one JSON file, written atomically on every submit.

Location: the directory in ``$TILTAKSLAB_SVAR`` if set, else ``~/tiltakslab-svar/`` (per user on
JupyterHub, where each user has their own home; in the learner's home on a laptop). The file is
``svar.json``. Each write re-reads the file under a lock and replaces one record, so two notebooks
open at the same time do not overwrite each other's answers.

A store that cannot be read (corrupt JSON, a foreign or newer schema) is renamed to
``svar.json.skadet-<time>`` (kept as a backup), a fresh store starts, and ``advarsel`` holds a
Norwegian message for the learner.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from datetime import datetime
from pathlib import Path

from tiltakslab.meldinger import t
from tiltakslab.ovelser.vurdering import SvarFeil
from tiltakslab.skriving import MAPPEMODUS, fjern_foreldede

ENV_SVAR = "TILTAKSLAB_SVAR"
ENV_STUDENT = "TILTAKSLAB_STUDENT"
SKJEMA = "tiltakslab-svar"
VERSJON = 1
FILNAVN = "svar.json"
STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")

try:  # POSIX advisory lock; on Windows the lock is skipped (single kernel is the usual case there)
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None


def svar_mappe() -> Path:
    env = os.environ.get(ENV_SVAR)
    return Path(env).expanduser() if env else Path.home() / "tiltakslab-svar"


def naa() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def gyldig_student_id(sid: object) -> bool:
    return isinstance(sid, str) and bool(STUDENT_ID.match(sid)) and ".." not in sid


def nokkel(ovelse_id: str, variant: str | None = None) -> str:
    return f"{ovelse_id}@{variant}" if variant else ovelse_id


def tom_lager(student: str | None = None) -> dict:
    tid = naa()
    return {"skjema": SKJEMA, "versjon": VERSJON, "student": student, "opprettet": tid, "endret": tid,
            "svar": {}}


def er_gyldig_lager(data: object) -> bool:
    return (isinstance(data, dict) and data.get("skjema") == SKJEMA and data.get("versjon") == VERSJON
            and isinstance(data.get("svar"), dict))


def er_gyldig_post(key: object, rec: object) -> bool:
    """One answer record of the shape ``lagre_forsok`` writes."""
    return (isinstance(key, str) and isinstance(rec, dict) and isinstance(rec.get("ovelse"), str)
            and isinstance(rec.get("forsok"), list) and all(isinstance(f, dict) for f in rec["forsok"]))


class LagerFeil(SvarFeil):
    """The answer could not be saved; the Norwegian message says why (shown inline by the widget)."""


def _rens_str(tekst: str) -> tuple[str, bool]:
    try:
        tekst.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in tekst), True
    return tekst, False


def rens_tekst(verdi: object) -> tuple[object, bool]:
    """Replace text that cannot be stored as UTF-8 (lone surrogates) with U+FFFD; (value, changed)."""
    if isinstance(verdi, str):
        return _rens_str(verdi)
    endret = False
    if isinstance(verdi, list):
        ut = []
        for v in verdi:
            v, e = rens_tekst(v)
            ut.append(v)
            endret |= e
        return ut, endret
    if isinstance(verdi, dict):
        ny = {}
        for k, v in verdi.items():
            k, ek = rens_tekst(k)
            v, ev = rens_tekst(v)
            ny[k] = v
            endret |= ek or ev
        return ny, endret
    return verdi, False


def _lagerfeil(err: OSError) -> LagerFeil:
    import errno  # noqa: PLC0415

    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return LagerFeil(t("lager.ingen_tilgang"))
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return LagerFeil(t("lager.full_disk"))
    return LagerFeil(t("lager.annen_feil", grunn=err.strerror or type(err).__name__))


class Svarlager:
    """Read and write the answer store. Cheap to create; every call goes to disk."""

    def __init__(self, mappe: Path | None = None):
        self.mappe = Path(mappe) if mappe else svar_mappe()
        self.fil = self.mappe / FILNAVN
        self.advarsel: str | None = None

    # -- low level
    @contextlib.contextmanager
    def _las(self):
        try:
            self.mappe.mkdir(parents=True, exist_ok=True, mode=MAPPEMODUS)
            fd = os.open(self.mappe / ".svar.lock", os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except OSError as err:
            raise _lagerfeil(err) from err
        with os.fdopen(fd, "a+") as fh:
            if fcntl is not None:
                fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                # Under the lock no other writer has a temp file open: any left over is from a killed process.
                fjern_foreldede(self.mappe, ".svar-*.tmp")
                yield
            finally:
                if fcntl is not None:
                    fcntl.flock(fh, fcntl.LOCK_UN)

    def _les_rått(self) -> dict:
        """Read the store; on a bad file keep a backup, set ``advarsel`` and return a fresh store."""
        if not self.fil.exists():
            return tom_lager(os.environ.get(ENV_STUDENT))
        try:
            data = json.loads(self.fil.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):  # JSONDecodeError, UnicodeDecodeError, int limits
            data = None
        if er_gyldig_lager(data):
            gale = [k for k, rec in data["svar"].items() if not er_gyldig_post(k, rec)]
            if not gale:
                return data
            melding = t("lager.feil_form", antall=len(gale))
        else:
            melding = None
        backup = self.fil.with_name(f"{FILNAVN}.skadet-{datetime.now():%Y%m%d-%H%M%S-%f}")
        os.replace(self.fil, backup)
        with contextlib.suppress(OSError):
            os.chmod(backup, 0o600)
        self.advarsel = (melding + " " if melding else "") + t("lager.skadet", fil=str(self.fil), backup=backup.name)
        if melding is not None:
            # Keep the well-formed answers; only the bad records stay behind in the backup.
            ny = tom_lager(data.get("student") if isinstance(data.get("student"), str) else None)
            ny["svar"] = {k: rec for k, rec in data["svar"].items() if er_gyldig_post(k, rec)}
            return ny
        return tom_lager(os.environ.get(ENV_STUDENT))

    def _skriv(self, data: dict) -> None:
        data["endret"] = naa()
        if self.fil.is_symlink():
            raise LagerFeil(t("lager.symlenke"))
        # compact: indent would force the pure-Python encoder (several times slower on a full store)
        tekst = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=".svar-", suffix=".tmp", dir=self.mappe)
            with os.fdopen(fd, "wb") as fh:
                fh.write(tekst)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.fil)
            tmp = None
        except OSError as err:
            raise _lagerfeil(err) from err
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)

    # -- API
    def les(self) -> dict:
        """The whole store (a fresh one if none exists). A bad file is backed up, never overwritten.

        In a folder that cannot be written (read-only disk, no permission) the store is still read,
        without the lock (writers replace the file atomically), and ``advarsel`` says saving will fail.
        """
        try:
            with self._las():
                data = self._les_rått()
                if self.advarsel and not self.fil.exists():
                    self._skriv(data)
                return data
        except LagerFeil as err:
            if not self.fil.is_file():
                raise
            try:
                data = json.loads(self.fil.read_text(encoding="utf-8"))
            except (OSError, ValueError, RecursionError):
                raise err from None
            if not er_gyldig_lager(data) or not all(er_gyldig_post(k, r) for k, r in data["svar"].items()):
                raise err from None
            self.advarsel = str(err)
            return data

    def hent(self, key: str) -> dict | None:
        return self.les()["svar"].get(key)

    def siste(self, key: str) -> dict | None:
        rec = self.hent(key)
        return rec["forsok"][-1] if rec and rec.get("forsok") else None

    def lagre_forsok(self, ovelse_id: str, variant: str | None, svar: object, resultat: dict) -> dict:
        """Append one attempt and write the store at once. Returns the attempt record."""
        svar, renset = rens_tekst(svar)
        forsok = {"tid": naa(), "svar": svar, "status": resultat.get("status"),
                  "poeng": resultat.get("poeng"), "maks": resultat.get("maks")}
        if renset:
            self.advarsel = t("lager.renset")
        with self._las():
            data = self._les_rått()
            rec = data["svar"].setdefault(nokkel(ovelse_id, variant), {
                "ovelse": ovelse_id, "variant": variant, "forste": forsok["tid"], "forsok": []})
            rec["forsok"].append(forsok)
            rec["siste"] = forsok["tid"]
            rec["beste_poeng"] = max((f.get("poeng") or 0) for f in rec["forsok"])
            self._skriv(data)
        return forsok

    def lagre_selvvurdering(self, ovelse_id: str, variant: str | None, kryss: dict[str, bool]) -> dict | None:
        """Attach the learner's self-assessment (``{rubric id: covered}``) to the latest attempt.

        Stored as ``selvvurdering`` and ``selvvurdert`` (time) on that attempt; it never changes points.
        Returns the attempt, or ``None`` when there is no attempt to assess.
        """
        with self._las():
            data = self._les_rått()
            rec = data["svar"].get(nokkel(ovelse_id, variant))
            if not rec or not rec.get("forsok"):
                return None
            siste = rec["forsok"][-1]
            siste["selvvurdering"] = {str(k): bool(v) for k, v in kryss.items()}
            siste["selvvurdert"] = naa()
            self._skriv(data)
        return siste

    def sett_student(self, student: str) -> None:
        """Record the pseudonymous student id used in submissions."""
        if not gyldig_student_id(student):
            raise ValueError(t("lager.ugyldig_student"))
        with self._las():
            data = self._les_rått()
            data["student"] = student
            self._skriv(data)
