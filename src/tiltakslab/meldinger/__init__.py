"""The message catalogue for learner- and instructor-facing text, in bokmål and nynorsk.

``t("ovelse.riktig")`` returns the string for a key in the chosen language; keyword arguments fill
``{placeholders}``. The catalogues are ``nb.yaml`` (bokmål, the reference) and ``nn.yaml`` (nynorsk)
beside this file, with exactly the same keys and placeholders (``tests/test_meldinger.py``).

The language is read from the environment variable ``TILTAKSLAB_SPRAK`` on every call, so it can be
changed while a kernel runs: ``nn``, ``nn_NO``, ``nn-NO`` or ``nynorsk`` (any case, an encoding suffix
such as ``.UTF-8`` is ignored) give nynorsk; anything else gives bokmål. When the variable is unset or
empty, the language chosen in JupyterLab counts (``labsprak.lab_locale()``: ``nn_NO`` gives nynorsk).

For learners ``t()`` is forgiving: a key missing in nynorsk falls back to bokmål, a key missing
everywhere returns the key itself, a format error returns the unfilled text. With
``TILTAKSLAB_STRENG_KATALOG=1`` (set for every test run by the repository ``conftest.py``) each of these
raises :class:`KatalogFeil` naming key and language instead, and is also recorded in
:data:`katalogfeil_logg`, so a test notices it even where a safety net (a widget callback that shows
«Noe gikk galt» instead of a traceback) has caught the exception.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from tiltakslab.meldinger.labsprak import lab_locale
from tiltakslab.yamlfil import les_yaml

_DIR = Path(__file__).resolve().parent
ENV_SPRAK = "TILTAKSLAB_SPRAK"
ENV_STRENG = "TILTAKSLAB_STRENG_KATALOG"
STANDARD = "nb"
SPRAK = ("nb", "nn")

_NYNORSK = {"nn", "nn_no", "nn-no", "nynorsk", "no_nn", "no-nn"}

#: Every error raised in strict mode, in order (tests clear and inspect it).
katalogfeil_logg: list[KatalogFeil] = []


class KatalogFeil(RuntimeError):
    """A missing key or a format error in the catalogue (raised only in strict mode)."""

    def __init__(self, key: str, sprak: str, grunn: str):
        self.key, self.sprak, self.grunn = key, sprak, grunn
        super().__init__(f"message catalogue {sprak}.yaml: key {key!r}: {grunn}")


def valgt_sprak(verdi: str | None = None) -> str:
    """The catalogue code (``"nb"`` or ``"nn"``) for a setting; ``None`` reads ``TILTAKSLAB_SPRAK`` and, when
    that is unset or empty, JupyterLab's language setting."""
    if verdi is None:
        verdi = os.environ.get(ENV_SPRAK, "").strip() or (lab_locale() or "")
    kode = verdi.strip().split(".", 1)[0].lower()
    return "nn" if kode in _NYNORSK else STANDARD


@contextmanager
def med_sprak(kode: str) -> Iterator[None]:
    """Within the block ``TILTAKSLAB_SPRAK`` is ``kode`` (and so for kernels started in it); restored after.

    For stored files that must not depend on who builds them (executed notebooks are bokmål, the reference)."""
    gammel = os.environ.get(ENV_SPRAK)
    os.environ[ENV_SPRAK] = kode
    try:
        yield
    finally:
        if gammel is None:
            os.environ.pop(ENV_SPRAK, None)
        else:
            os.environ[ENV_SPRAK] = gammel


def streng() -> bool:
    """True when catalogue errors must raise (``TILTAKSLAB_STRENG_KATALOG`` set to anything but 0/empty)."""
    return os.environ.get(ENV_STRENG, "").strip().lower() not in ("", "0", "false", "nei")


def _flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        full = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, full + "."))
        else:
            flat[full] = str(value)
    return flat


@lru_cache(maxsize=4)
def katalog(sprak: str = STANDARD) -> dict[str, str]:
    """Return the flat catalogue (dotted key -> text) for a language code (unknown codes: bokmål)."""
    path = _DIR / f"{sprak}.yaml"
    if sprak not in SPRAK or not path.is_file():
        path = _DIR / f"{STANDARD}.yaml"
    with path.open(encoding="utf-8") as fh:
        return _flatten(les_yaml(fh) or {})


def _feil(key: str, sprak: str, grunn: str) -> KatalogFeil:
    err = KatalogFeil(key, sprak, grunn)
    katalogfeil_logg.append(err)
    return err


def t(key: str, **kw: object) -> str:
    """Look up ``key`` in the chosen language and format it with ``kw``.

    Forgiving unless strict mode is on (see the module docstring): never raises for a learner.
    """
    sprak = valgt_sprak()
    strict = streng()
    text = katalog(sprak).get(key)
    if text is None:
        if strict:
            raise _feil(key, sprak, "missing")
        text = katalog(STANDARD).get(key) if sprak != STANDARD else None
        if text is None:
            return key
    if not kw and not strict:
        return text
    try:
        return text.format(**kw)
    except (KeyError, IndexError, ValueError, AttributeError) as err:
        if strict:
            raise _feil(key, sprak, f"cannot fill {text!r} with {sorted(kw)}: "
                                    f"{type(err).__name__}: {err}") from err
        return text
