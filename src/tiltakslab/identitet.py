"""Learner identity: one normalisation of student ids for every part of the package.

A student id is a pseudonym chosen by the instructor (``s017``, ``student07``, ``gruppe3``) or, on a
JupyterHub, the hub user name. It is compared case-insensitively and stripped, so ``"S023"``,
``"s023"`` and ``"s023\\n"`` are one student everywhere (cases, hand-ins, class report).

Ids that look like personal data are refused with a Norwegian reason: an 11-digit number
(fødselsnummer shape, with or without a space), an e-mail address, or a name with spaces.
"""

from __future__ import annotations

import os
import re
import unicodedata

from tiltakslab.meldinger import t

ENV_HUB_USER = "JUPYTERHUB_USER"

_ALLOWED = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
_FNR = re.compile(r"^\d{6}\s*\d{5}$")


class UgyldigId(ValueError):
    """A student id that cannot be used; ``str(err)`` is the Norwegian reason."""


def normaliser(raw: object) -> str:
    """Return the canonical form of a student id, or raise :class:`UgyldigId` with the reason."""
    if not isinstance(raw, str):
        raise UgyldigId(t("identitet.tom"))
    sid = unicodedata.normalize("NFC", raw).strip()
    if not sid:
        raise UgyldigId(t("identitet.tom"))
    if _FNR.match(sid):
        raise UgyldigId(t("identitet.fodselsnummer"))
    if "@" in sid:
        raise UgyldigId(t("identitet.epost"))
    if re.search(r"\s", sid):
        raise UgyldigId(t("identitet.mellomrom"))
    sid = sid.lower()
    if ".." in sid or not _ALLOWED.match(sid):
        raise UgyldigId(t("identitet.tegn"))
    if sid.isdigit() and len(sid) >= 9:
        raise UgyldigId(t("identitet.langt_tall"))
    return sid


def er_gyldig(raw: object) -> bool:
    """True when :func:`normaliser` accepts ``raw``."""
    try:
        normaliser(raw)
    except UgyldigId:
        return False
    return True


def hub_bruker() -> str | None:
    """The JupyterHub user name, normalised, when running on a hub; else ``None``."""
    raw = os.environ.get(ENV_HUB_USER)
    if not raw:
        return None
    try:
        return normaliser(raw)
    except UgyldigId:
        return None
