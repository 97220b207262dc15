"""Console script ``tiltakslab``: the instructors' and maintainers' verbs.

Each verb lives in its own module, which exposes ``add_arguments(parser)`` and ``run(args) -> int``.
Modules are imported only when their verb is used, so ``tiltakslab --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# verb -> (module, add_arguments name, run name, help text in Norwegian)
VERBS = {
    "bygg": ("tiltakslab.bygg", "add_arguments", "run", "bygg elevnotatbøkene i exercises/ fra solutions/"),
    "kjor": ("tiltakslab.bygg", "add_run_arguments", "run_notebooks", "kjør notatbøker på stedet"),
    "variant": ("tiltakslab.variant", "add_arguments", "run", "gi hver student sin case-variant"),
    "samle": ("tiltakslab.samle", "add_arguments", "run", "samle innleveringer til en klasseoversikt"),
    "sjekk": ("tiltakslab.sjekk", "add_arguments", "run", "kontroller alle innholdsfilene"),
    "rett": ("tiltakslab.rett", "add_arguments", "run", "vurder fritekst og casearbeid i nettleseren"),
    "tilbakemelding": ("tiltakslab.tilbakemelding", "add_arguments", "run",
                       "skriv en tilbakemeldingsside per student og sett"),
    "lms": ("tiltakslab.lms", "add_arguments", "run", "eksporter karakterer til Canvas eller annen LMS"),
    "utgivelse": ("tiltakslab.utgivelse", "add_arguments", "run",
                  "bygg studentutgaven av kurset som en git-mappe (for nbgitpuller)"),
    "lenke": ("tiltakslab.lenke", "add_arguments", "run", "lag nbgitpuller-lenker til kurset (Lab eller app)"),
    "publiser": ("tiltakslab.kursfiler", "add_arguments", "run",
                 "gjør case-tildelingen og settinnstillingene synlige for studentenes øvelser"),
    "returner": ("tiltakslab.returner", "add_arguments", "run",
                 "legg tilbakemeldingssider i studentenes innleveringsmapper"),
}


def _module(name: str):
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as err:
        if err.name == name:
            return None
        raise


def build_parser(verb: str | None = None) -> argparse.ArgumentParser:
    """The parser. Only the module of ``verb`` (the one being run) is imported, to add its arguments;
    the overview (``tiltakslab --help``) needs none of them."""
    parser = argparse.ArgumentParser(prog="tiltakslab", description="Tiltakslab – verktøy for lærere og utviklere")
    sub = parser.add_subparsers(dest="verb", metavar="KOMMANDO")
    for name, (module_name, add_name, _run_name, help_text) in VERBS.items():
        sp = sub.add_parser(name, help=help_text, description=help_text)
        if name == verb:
            module = _module(module_name)
            if module is not None:
                getattr(module, add_name)(sp)
    return parser


def _chosen_verb(argv: list[str]) -> str | None:
    first = next((a for a in argv if not a.startswith("-")), None)
    return first if first in VERBS else None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_chosen_verb(argv))
    args = parser.parse_args(argv)
    if not args.verb:
        parser.print_help()
        return 2
    module_name, _add, run_name, _help = VERBS[args.verb]
    module = _module(module_name)
    if module is None:
        print(f"Kommandoen «{args.verb}» er ikke tilgjengelig i denne versjonen.", file=sys.stderr)
        return 2
    return int(getattr(module, run_name)(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
