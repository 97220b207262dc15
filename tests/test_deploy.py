"""The deployment recipes in deploy/: the Helm values parse and their hub hook does what DRIFT.md says;
the Dockerfile builds on a Jupyter docker-stacks image with the wheel. (The TLJH recipe runs in the
loopback hub of tests/hub/.)"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import yaml
from traitlets.config import Config

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"


def _values() -> dict:
    return yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text(encoding="utf-8"))


def _spawner(navn: str, grupper: list[str], mounts: list[dict]):
    user = SimpleNamespace(name=navn, groups=[SimpleNamespace(name=g) for g in grupper])
    return SimpleNamespace(user=user, default_url=None, volume_mounts=[dict(m) for m in mounts])


def test_helm_values_have_what_a_class_start_needs():
    v = _values()
    assert v["singleuser"]["memory"] == {"guarantee": "512M", "limit": "1G"}
    assert v["scheduling"]["userPlaceholder"]["enabled"] and v["scheduling"]["userScheduler"]["enabled"]
    assert v["prePuller"]["continuous"]["enabled"] and v["prePuller"]["hook"]["enabled"]
    assert v["cull"]["enabled"] and v["cull"]["timeout"] >= 1800
    mount, kurs, tilbake = v["singleuser"]["storage"]["extraVolumeMounts"]
    assert mount["subPath"] == "{username}" and mount["mountPath"] == "/srv/utveksling/{username}"
    assert v["singleuser"]["extraEnv"]["TILTAKSLAB_UTVEKSLING"] == "/srv/utveksling"
    # the published course files, read-only, where the learners' environment points (tiltakslab.kursfiler)
    from tiltakslab import kursfiler

    assert kurs == {"name": "utveksling", "mountPath": "/srv/utveksling/_kurs", "subPath": kursfiler.KURS,
                    "readOnly": True}
    env = v["singleuser"]["extraEnv"]
    assert {k: env[k] for k in ("TILTAKSLAB_TILDELING", "TILTAKSLAB_SETT")} == kursfiler.miljo("/srv/utveksling")
    # the feedback folder as a shortcut in the home, read-only
    assert tilbake["subPath"] == "{username}/tilbakemelding" and tilbake["readOnly"]
    assert tilbake["mountPath"] == "/home/jovyan/tilbakemeldinger"


def test_helm_hub_hook_lands_nav_in_the_app_and_gives_teachers_the_whole_exchange():
    v = _values()
    c = Config()
    ns = {"c": c}
    exec(compile(v["hub"]["extraConfig"]["tiltakslab"], "extraConfig", "exec"), ns)  # noqa: S102 - our own file
    hook = c.KubeSpawner.pre_spawn_hook
    mounts = v["singleuser"]["storage"]["extraVolumeMounts"]
    nav, student, laerer = (_spawner("nav1", ["nav"], mounts), _spawner("s017", ["studenter"], mounts),
                            _spawner("lena", ["laerere"], mounts))
    for s in (nav, student, laerer):
        hook(s)
    assert "voila%2Frender" in nav.default_url and nav.default_url.startswith("/git-pull?")
    assert "lab%2Ftree" in student.default_url
    assert student.volume_mounts == mounts  # a student keeps the one-folder mount
    assert laerer.volume_mounts == [{"name": "utveksling", "mountPath": "/srv/utveksling"}]  # one, writable
    assert mounts[0]["subPath"] == "{username}"  # the shared config was not changed in place
    env = c.KubeSpawner.environment.get_value({})  # the .update() in extraConfig, applied
    assert env["TILTAKSLAB_STUDENT"](student) == "s017"


def test_dockerfile_installs_the_wheel_on_docker_stacks():
    tekst = (DEPLOY / "z2jh" / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM quay\.io/jupyter/[a-z-]+-notebook:\S+$", tekst, re.M)
    assert "pip install --no-cache-dir /tmp/wheels/tiltakslab-*.whl" in tekst
    assert (ROOT / "config" / "overrides.json").exists() and "config/overrides.json" in tekst


def test_tljh_recipe_is_the_one_the_test_hub_loads():
    from hub import huben  # the loopback hub loads the recipe file itself

    assert huben.TLJH_CONFIG == DEPLOY / "tljh" / "tiltakslab_config.py"
    assert "pre_spawn_hook" in huben.TLJH_CONFIG.read_text(encoding="utf-8")


def test_hub_test_tools_are_in_the_test_extra_and_ci_installs_the_proxy():
    import tomllib

    extra = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    navn = {re.split(r"[<>=\[ ]", d, maxsplit=1)[0].lower() for d in extra["test"]}
    assert {"jupyterhub", "nbgitpuller", "jupyterhub-idle-culler", "playwright"} <= navn
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert any(isinstance(d, dict) and "-e .[test]" in d.get("pip", []) for d in env["dependencies"])
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "npm install -g --silent configurable-http-proxy" in ci
    assert ci.index("configurable-http-proxy") < ci.index("make test")
