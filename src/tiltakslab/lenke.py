"""``tiltakslab lenke``: nbgitpuller links that pull the course into a learner's home and open it.

A link goes through the hub (``/hub/user-redirect/git-pull``), so it works for every user: the hub
logs the learner in, starts their server, nbgitpuller clones the course on the first visit and merges
later updates without overwriting the learner's own changes, then opens the page:

- Lab: ``lab/tree/<mappe>/<notatbok>`` (JupyterLab, code visible);
- app: ``voila/render/<mappe>/<notatbok>`` (Voila, no code; for NAV groups).
"""

from __future__ import annotations

import argparse
from urllib.parse import quote, urlencode

from tiltakslab.meldinger import t

STANDARD_MAPPE = "tiltakslab"
STANDARD_NOTATBOK = "notebooks/00_start.ipynb"


def sti_i_server(mappe: str = STANDARD_MAPPE, notatbok: str | None = STANDARD_NOTATBOK, app: bool = False) -> str:
    """The page inside the single-user server (``urlpath`` of nbgitpuller), without a leading slash."""
    if app:
        if not notatbok:
            raise ValueError(t("lenke.app_trenger_notatbok"))
        return f"voila/render/{quote(mappe)}/{quote(notatbok)}"
    return f"lab/tree/{quote(mappe)}" + (f"/{quote(notatbok)}" if notatbok else "")


def git_pull_sti(repo: str, gren: str = "main", mappe: str = STANDARD_MAPPE,
                 notatbok: str | None = STANDARD_NOTATBOK, app: bool = False) -> str:
    """``git-pull?...`` relative to a single-user server (for ``Spawner.default_url``)."""
    return "git-pull?" + urlencode({"repo": repo, "branch": gren, "targetpath": mappe,
                                    "urlpath": sti_i_server(mappe, notatbok, app)})


def lenke(hub: str, repo: str, gren: str = "main", mappe: str = STANDARD_MAPPE,
          notatbok: str | None = STANDARD_NOTATBOK, app: bool = False) -> str:
    """The full link to hand out: ``<hub>/hub/user-redirect/git-pull?repo=…``."""
    return f"{hub.rstrip('/')}/hub/user-redirect/{git_pull_sti(repo, gren, mappe, notatbok, app)}"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("hub", help=t("lenke.hjelp_hub"))
    parser.add_argument("repo", help=t("lenke.hjelp_repo"))
    parser.add_argument("--gren", default="main", help=t("lenke.hjelp_gren"))
    parser.add_argument("--mappe", default=STANDARD_MAPPE, help=t("lenke.hjelp_mappe"))
    parser.add_argument("--notatbok", default=STANDARD_NOTATBOK, help=t("lenke.hjelp_notatbok"))
    parser.add_argument("--app", action="store_true", help=t("lenke.hjelp_app"))


def run(args: argparse.Namespace) -> int:
    try:
        print(lenke(args.hub, args.repo, args.gren, args.mappe, args.notatbok or None, args.app))
    except ValueError as err:
        print(str(err))
        return 2
    return 0
