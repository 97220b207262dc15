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


class Svarlager:
    """Read and write the answer store. Cheap to create; every call goes to disk."""

    def __init__(self, mappe: Path | None = None):
        self.mappe = Path(mappe) if mappe else svar_mappe()
        self.fil = self.mappe / FILNAVN
        self.advarsel: str | None = None

    # -- low level
    @contextlib.contextmanager
    def _las(self):
        self.mappe.mkdir(parents=True, exist_ok=True)
        with open(self.mappe / ".svar.lock", "a+") as fh:
            if fcntl is not None:
                fcntl.flock(fh, fcntl.LOCK_EX)
            try:
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
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            data = None
        if er_gyldig_lager(data):
            return data
        backup = self.fil.with_name(f"{FILNAVN}.skadet-{datetime.now():%Y%m%d-%H%M%S-%f}")
        os.replace(self.fil, backup)
        self.advarsel = t("lager.skadet", fil=str(self.fil), backup=backup.name)
        return tom_lager(os.environ.get(ENV_STUDENT))

    def _skriv(self, data: dict) -> None:
        data["endret"] = naa()
        fd, tmp = tempfile.mkstemp(prefix=".svar-", suffix=".tmp", dir=self.mappe)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, indent=1)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.fil)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    # -- API
    def les(self) -> dict:
        """The whole store (a fresh one if none exists). A bad file is backed up, never overwritten."""
        with self._las():
            data = self._les_rått()
            if self.advarsel and not self.fil.exists():
                self._skriv(data)
            return data

    def hent(self, key: str) -> dict | None:
        return self.les()["svar"].get(key)

    def siste(self, key: str) -> dict | None:
        rec = self.hent(key)
        return rec["forsok"][-1] if rec and rec.get("forsok") else None

    def lagre_forsok(self, ovelse_id: str, variant: str | None, svar: object, resultat: dict) -> dict:
        """Append one attempt and write the store at once. Returns the attempt record."""
        forsok = {"tid": naa(), "svar": svar, "status": resultat.get("status"),
                  "poeng": resultat.get("poeng"), "maks": resultat.get("maks")}
        with self._las():
            data = self._les_rått()
            rec = data["svar"].setdefault(nokkel(ovelse_id, variant), {
                "ovelse": ovelse_id, "variant": variant, "forste": forsok["tid"], "forsok": []})
            rec["forsok"].append(forsok)
            rec["siste"] = forsok["tid"]
            rec["beste_poeng"] = max((f.get("poeng") or 0) for f in rec["forsok"])
            self._skriv(data)
        return forsok

    def sett_student(self, student: str) -> None:
        """Record the pseudonymous student id used in submissions."""
        if not gyldig_student_id(student):
            raise ValueError(t("lager.ugyldig_student"))
        with self._las():
            data = self._les_rått()
            data["student"] = student
            self._skriv(data)
