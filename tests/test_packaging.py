"""The package installs as documented: API smoke test, dependency lists in step, the two commands."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _normalise(requirement: str) -> str:
    return requirement.replace(" ", "").lower().replace("_", "-")


def test_version_and_lazy_import():
    import tiltakslab

    assert re.fullmatch(r"\d+\.\d+\.\d+", tiltakslab.__version__)
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert tiltakslab.__version__ == pyproject["project"]["version"]


def test_import_is_light():
    # A fresh interpreter: importing the package must not pull in the heavy libraries.
    code = (
        "import sys, tiltakslab; "
        "heavy = [m for m in ('pandas', 'matplotlib', 'ipywidgets', 'numpy') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_environment_yml_matches_pyproject():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    runtime = {_name(r): _normalise(r) for r in pyproject["project"]["dependencies"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda, pip = {}, {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for item in dep.get("pip", []):
                if not item.startswith("-e"):
                    pip[_name(item)] = _normalise(item)
        else:
            conda[_name(dep)] = _normalise(dep)
    conda.pop("python"), conda.pop("pip")
    listed = {**conda, **pip}
    assert set(listed) == set(runtime), (
        f"bare i environment.yml: {sorted(set(listed) - set(runtime))}; "
        f"bare i pyproject.toml: {sorted(set(runtime) - set(listed))}"
    )
    # Same version bounds (conda spells them the same way as pip for these packages).
    assert listed == runtime
    # environment.yml installs the package itself with its test extras.
    assert any(isinstance(d, dict) and "-e .[test]" in d.get("pip", []) for d in env["dependencies"])


def test_readme_commands_are_the_ones_ci_and_make_use():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "make lab" in readme and "make test" in readme
    commands = [line.strip() for line in ci.splitlines() if line.strip() and not line.strip().startswith("#")]
    assert commands[-1] == "make test", "the last command of .ci/run must be the README's test command"
    assert re.search(r"^lab:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    # make test runs unit tests and nbval over all three notebook folders, and lint.
    test_recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    for part in ("pytest", "$(NBVAL)", "tests", "notebooks", "exercises", "solutions", "ruff"):
        assert part in test_recipe
    # make lab serves the project root (every start-page link resolves) and opens the start notebook.
    lab_recipe = makefile.split("\nlab:", 1)[1].split("\n\n", 1)[0]
    assert "--ServerApp.root_dir=." in lab_recipe
    assert "--LabApp.default_url=/lab/tree/notebooks/00_start.ipynb" in lab_recipe
    # make app opens the whole course (the project root) in Voila with our template.
    app_recipe = makefile.split("\napp:", 1)[1].split("\n\n", 1)[0]
    assert "voila ." in app_recipe and "--template=tiltakslab" in app_recipe


def test_lab_defaults_to_norwegian():
    import json

    overrides = json.loads((ROOT / "config" / "overrides.json").read_text(encoding="utf-8"))
    locale = overrides["@jupyterlab/translation-extension:plugin"]["locale"]
    from importlib.metadata import entry_points

    packs = {ep.name for ep in entry_points(group="jupyterlab.languagepack")}
    assert locale in packs, f"språkpakken {locale} er ikke installert ({packs})"


def test_cli_lists_its_verbs():
    out = subprocess.run([sys.executable, "-m", "tiltakslab.cli", "--help"], capture_output=True, text=True)
    assert out.returncode == 0
    for verb in ("bygg", "variant", "samle", "sjekk"):
        assert verb in out.stdout


HEAVY = ("pandas", "matplotlib", "ipywidgets", "nbformat", "nbclient", "jsonschema", "numpy")


@pytest.mark.parametrize("argv", [["--help"], *[[verb, "--help"] for verb in
                                                __import__("tiltakslab.cli").cli.VERBS]])
def test_cli_starts_without_heavy_imports(argv):
    """`tiltakslab --help` and every verb's --help import none of the heavy libraries."""
    code = (f"import sys\nfrom tiltakslab.cli import main\ntry:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
            f"print('HEAVY', sorted(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert "HEAVY []" in out.stdout, out.stdout[-400:] + out.stderr[-400:]
