"""Tiltakslab on The Littlest JupyterHub: copy to /opt/tljh/config/jupyterhub_config.d/tiltakslab.py.

TLJH loads every ``*.py`` in that folder after its own config, then ``sudo tljh-config reload``.
The settings below can be edited here or given as environment variables of the hub process (the
loopback test hub in ``tests/hub/`` does that). The hub environment needs ``tiltakslab`` importable:
``sudo /opt/tljh/hub/bin/pip install --no-deps tiltakslab-*.whl`` (see deploy/DRIFT.md).

What it does:
- per-user environment: the student id is the hub user (``TILTAKSLAB_STUDENT``), the answer store is
  in the user's home, the hand-in exchange is ``TILTAKSLAB_UTVEKSLING``, and the course's published
  case assignment and set modes (``TILTAKSLAB_TILDELING``, ``TILTAKSLAB_SETT`` → ``<exchange>/_kurs/``,
  written by the teacher with ``tiltakslab publiser``; see ``tiltakslab.kursfiler``);
- before a server starts: the exchange root (0751), the teachers' ``_laerer`` (2770) and the published
  ``_kurs`` (2775), the user's folder (<user>:<teachers>, 2770) with its ``tilbakemelding`` folder, and
  a shortcut ``~/tilbakemeldinger`` to it in the user's home (Lab shows it in the file browser);
- landing page: members of the app group (NAV) land in the Voila app, everyone else in JupyterLab;
  both pull the course release with nbgitpuller first, so learners' own edits survive updates;
- in JupyterLab the pulled course notebooks are read-only originals that run themselves when opened, so
  their forms are live without Run All (``tiltakslab.labinnhold``: ``JUPYTER_PATH`` finds the extension,
  ``JUPYTER_CONFIG_PATH`` the contents manager, ``TILTAKSLAB_KURSROT`` names the pulled course folder). The
  paths are those of the package in the hub's environment; install the same wheel in the user environment.
Culling is TLJH's own (``tljh-config set services.cull.timeout 3600``).
"""

import grp
import os
import pwd

from tiltakslab import kursfiler
from tiltakslab.lenke import git_pull_sti
from tiltakslab.utveksling import lag_snarvei, opprett_brukermappe, opprett_rot, opprett_tilbakemeldingsmappe

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file


def _innstilling(navn, standard):
    return os.environ.get(navn, standard)


# --- settings (edit here, or set as environment variables of the hub) ------------------------------
KURS_REPO = _innstilling("TILTAKSLAB_KURS_REPO", "file:///srv/tiltakslab/kurs")
KURS_GREN = _innstilling("TILTAKSLAB_KURS_GREN", "main")
KURS_MAPPE = _innstilling("TILTAKSLAB_KURS_MAPPE", "tiltakslab")
START_NOTATBOK = _innstilling("TILTAKSLAB_START_NOTATBOK", "notebooks/00_start.ipynb")
APP_NOTATBOK = _innstilling("TILTAKSLAB_APP_NOTATBOK", "exercises/02_oppfolging.ipynb")
APP_GRUPPE = _innstilling("TILTAKSLAB_APP_GRUPPE", "nav")  # hub group that lands in the app
UTVEKSLING = _innstilling("TILTAKSLAB_UTVEKSLING", "/srv/tiltakslab/utveksling")
LAERERGRUPPE = _innstilling("TILTAKSLAB_LAERERGRUPPE", "tiltakslab-laerere")  # Linux group of teachers
SYSTEMBRUKER = _innstilling("TILTAKSLAB_SYSTEMBRUKER", "jupyter-{bruker}")  # TLJH's Linux user names


def _gid(gruppe):
    try:
        return grp.getgrnam(gruppe).gr_gid
    except KeyError:
        return None


def _uid(systembruker):
    try:
        return pwd.getpwnam(systembruker).pw_uid
    except KeyError:
        return None


def _hjem(spawner, systembruker):
    """The user's home: the Linux user's (TLJH), or the spawner's own (the loopback test hub)."""
    try:
        return pwd.getpwnam(systembruker).pw_dir
    except KeyError:
        pass
    hjem = getattr(spawner, "home_dir", None)
    if hjem:
        os.makedirs(hjem, 0o755, exist_ok=True)  # what SimpleLocalProcessSpawner does itself at start
    return hjem


def _i_app_gruppen(spawner):
    return any(g.name == APP_GRUPPE for g in spawner.user.groups)


def tiltakslab_forbered(spawner):
    """pre_spawn_hook: exchange folders and the landing page (Lab or app) for this user."""
    navn = spawner.user.name
    systembruker = SYSTEMBRUKER.format(bruker=navn)
    if _uid(systembruker) is None:
        try:  # TLJH creates the Linux user in start(), after this hook; create it now (idempotent)
            from tljh.user import ensure_user  # noqa: PLC0415
        except ImportError:
            ensure_user = None
        if ensure_user is not None:
            ensure_user(systembruker)
    gid = _gid(LAERERGRUPPE)
    uid = _uid(systembruker)
    opprett_rot(UTVEKSLING, gid)
    kursfiler.opprett(UTVEKSLING, gid)
    opprett_brukermappe(UTVEKSLING, navn, uid, gid)
    try:  # the feedback shortcut is a convenience: never stop a server from starting
        opprett_tilbakemeldingsmappe(UTVEKSLING, navn, gid)
        hjem = _hjem(spawner, systembruker)
        if hjem:
            lag_snarvei(hjem, UTVEKSLING, navn, uid, None if uid is None else pwd.getpwuid(uid).pw_gid)
    except OSError as err:
        spawner.log.warning("tiltakslab: no feedback shortcut for %s: %s", navn, err)
    app = _i_app_gruppen(spawner)
    notatbok = APP_NOTATBOK if app else START_NOTATBOK
    spawner.default_url = "/" + git_pull_sti(KURS_REPO, KURS_GREN, KURS_MAPPE, notatbok, app=app)


c.Spawner.pre_spawn_hook = tiltakslab_forbered
JUPYTER_STI = os.path.join(os.path.dirname(kursfiler.__file__), "jupyter")  # tiltakslab.labinnhold.JUPYTER_STI

c.Spawner.environment.update({
    "TILTAKSLAB_STUDENT": lambda spawner: spawner.user.name,
    "TILTAKSLAB_KURSROT": KURS_MAPPE,
    "JUPYTER_PATH": JUPYTER_STI,
    "JUPYTER_CONFIG_PATH": JUPYTER_STI,
    "TILTAKSLAB_UTVEKSLING": UTVEKSLING,
    **kursfiler.miljo(UTVEKSLING),  # the published case assignment and set modes: the truth for widgets
})
