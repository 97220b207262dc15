"""argparse's own words (``usage:``, ``options``, its error messages) through the message catalogue.

argparse marks its texts for gettext and looks up its module-level ``_`` and ``ngettext`` at call time, so the
console script installs :func:`oversett` there (:func:`bruk`) instead of shipping ``.mo`` files. Texts a
person can meet at the command line have a key in ``argparse.*`` of the catalogue; argparse's programmer
errors stay English. The catalogue texts keep argparse's ``%(name)s`` placeholders.
"""

from __future__ import annotations

import argparse

from tiltakslab.meldinger import t

# argparse's message id -> catalogue key
NOKLER = {
    "usage: ": "argparse.bruk",
    "positional arguments": "argparse.argumenter",
    "options": "argparse.valg",
    "show this help message and exit": "argparse.hjelp",
    "%(prog)s: error: %(message)s\n": "argparse.feil",
    "the following arguments are required: %s": "argparse.mangler",
    "unrecognized arguments: %s": "argparse.ukjente",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.ugyldig_valg",
    "invalid %(type)s value: %(value)r": "argparse.ugyldig_verdi",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "expected one argument": "argparse.ett_argument",
    "expected at least one argument": "argparse.minst_ett_argument",
    "expected at most one argument": "argparse.hoyst_ett_argument",
    "not allowed with argument %s": "argparse.ikke_sammen_med",
    "one of the arguments %s is required": "argparse.ett_av",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.tvetydig",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "argparse.ukjent_kommando",
}


def oversett(melding: str) -> str:
    """The catalogue's text for one of argparse's message ids; any other id unchanged."""
    key = NOKLER.get(melding)
    return t(key) if key else melding


def _ngettext(en: str, flere: str, n: int) -> str:
    return oversett(en if n == 1 else flere)


def bruk() -> None:
    """Let argparse speak the catalogue's language (for the console script's process)."""
    argparse._ = oversett
    argparse.ngettext = _ngettext
