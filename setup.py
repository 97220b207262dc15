"""Build hook: the wheel carries the course content.

``data/`` (exercises, excerpts, sources, glossary, source texts, synthetic data) is copied into the built
package as ``tiltakslab/innhold`` so an installed wheel works without a clone (read through
``importlib.resources``; see ``tiltakslab.paths``). An editable install reads ``data/`` in the clone instead.
Everything else is configured in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
CONTENT = HERE / "data"
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".*")


class BuildPyWithContent(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False) or not CONTENT.is_dir():
            return
        target = Path(self.build_lib) / "tiltakslab" / "innhold"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(CONTENT, target, ignore=SKIP, symlinks=False)


setup(cmdclass={"build_py": BuildPyWithContent})
