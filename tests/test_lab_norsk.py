"""`make lab` opens JupyterLab in Norwegian: start the server as the Makefile does, fetch, stop."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read()


@pytest.fixture(scope="module")
def lab_url(tmp_path_factory):
    # The Makefile installs config/overrides.json into <prefix>/share/jupyter/lab/settings.
    settings = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    if not (settings / "overrides.json").is_file():
        shutil.copy(ROOT / "config" / "overrides.json", settings / "overrides.json")
    port = _free_port()
    home = tmp_path_factory.mktemp("home")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", f"--ServerApp.root_dir={ROOT}",
         "--LabApp.user_settings_dir=" + str(home / "settings"),
         "--LabApp.workspaces_dir=" + str(home / "workspaces")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if _get(url + "/lab")[0] == 200:
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.terminate()
        pytest.fail("JupyterLab svarte ikke innen 60 sekunder")
    yield url
    proc.terminate()
    proc.wait(timeout=20)


def test_lab_serves_the_start_notebook(lab_url):
    status, body = _get(lab_url + "/api/contents/notebooks/00_start.ipynb")
    assert status == 200
    assert json.loads(body)["content"]["cells"][0]["source"].startswith("# Velkommen til Tiltakslab")


def test_lab_defaults_to_norwegian_locale(lab_url):
    _, body = _get(lab_url + "/lab/api/settings/@jupyterlab/translation-extension:plugin")
    assert json.loads(body)["schema"]["properties"]["locale"]["default"] == "no_NO"
    _, body = _get(lab_url + "/lab/api/translations/no_NO")
    bundles = json.loads(body)["data"]
    assert bundles["jupyterlab"][""]["language"] == "no-NO"
    # Real strings from the pack's catalogue.
    assert bundles["jupyterlab"]["Edit"] == ["Endre"]
    assert bundles["jupyterlab"]["Autosave Documents"] == ["Automatisk lagring av dokumenter"]
