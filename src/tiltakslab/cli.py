"""Console script ``tiltakslab``: the instructors' and maintainers' verbs.

Each verb lives in its own module, which exposes ``add_arguments(parser)`` and ``run(args) -> int``.
Modules are imported only when their verb is used, so ``tiltakslab --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from tiltakslab.meldinger import t

# verb -> (module, add_arguments name, run name); the help text is the catalogue's ``cli.hjelp_<verb>``
VERBS = {
    "bygg": ("tiltakslab.bygg", "add_arguments", "run"),
    "kjor": ("tiltakslab.bygg", "add_run_arguments", "run_notebooks"),
    "variant": ("tiltakslab.variant", "add_arguments", "run"),
    "samle": ("tiltakslab.samle", "add_arguments", "run"),
    "sjekk": ("tiltakslab.sjekk", "add_arguments", "run"),
    "rett": ("tiltakslab.rett", "add_arguments", "run"),
    "tilbakemelding": ("tiltakslab.tilbakemelding", "add_arguments", "run"),
    "lms": ("tiltakslab.lms", "add_arguments", "run"),
    "utgivelse": ("tiltakslab.utgivelse", "add_arguments", "run"),
    "lenke": ("tiltakslab.lenke", "add_arguments", "run"),
    "publiser": ("tiltakslab.kursfiler", "add_arguments", "run"),
    "returner": ("tiltakslab.returner", "add_arguments", "run"),
    "oppdater": ("tiltakslab.korpus.oppdater", "add_arguments", "run"),
    "dekning": ("tiltakslab.korpus.dekning", "add_arguments", "run"),
    "generer": ("tiltakslab.synthetic.kommando", "add_arguments", "run"),
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
    parser = argparse.ArgumentParser(prog="tiltakslab", description=t("cli.beskrivelse"))
    sub = parser.add_subparsers(dest="verb", metavar=t("cli.kommando"))
    for name, (module_name, add_name, _run_name) in VERBS.items():
        help_text = t(f"cli.hjelp_{name}")
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
    from tiltakslab.meldinger import argparse_tekst  # noqa: PLC0415

    argparse_tekst.bruk()
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_chosen_verb(argv))
    args = parser.parse_args(argv)
    if not args.verb:
        parser.print_help()
        return 2
    module_name, _add, run_name = VERBS[args.verb]
    module = _module(module_name)
    if module is None:
        print(t("cli.ikke_tilgjengelig", verb=args.verb), file=sys.stderr)
        return 2
    return int(getattr(module, run_name)(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
