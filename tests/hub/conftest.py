"""Fixtures for the loopback hub tests: a course repo, a hub with a real proxy, Chromium.

Without JupyterHub, the idle culler, nbgitpuller, configurable-http-proxy, git or Chromium the tests
are skipped with a message on a laptop, and fail under ``CI=true`` (like the browser tests).
"""

from __future__ import annotations

import os
import shutil

import pytest
from browser import conftest as nettleser_conftest

from . import huben, kurs


def krev_hub(proxy: bool = True) -> None:
    grunn = huben.mangler(proxy)
    if grunn is None:
        return
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"CI=true, men {grunn}", pytrace=False)
    pytest.skip(grunn)


@pytest.fixture(scope="module")
def kursrepo(tmp_path_factory):
    """A bare git repo (file://) with a small course release."""
    krev_hub()
    return kurs.lag_repo(tmp_path_factory.mktemp("kurs"))


@pytest.fixture(scope="module")
def nettleser():
    krev_hub()
    nettleser_conftest.require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(nettleser_conftest.CHROMIUM), headless=True,
                                     args=nettleser_conftest.CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def hub(tmp_path_factory, kursrepo):
    mappe = tmp_path_factory.mktemp("hub")
    h = huben.start(mappe, kursrepo.as_uri(), grupper={"nav": ["nav1"]},
                   miljo={"TILTAKSLAB_START_NOTATBOK": kurs.NOTATBOK, "TILTAKSLAB_APP_NOTATBOK": kurs.NOTATBOK})
    yield h
    prosesser = h.prosesser()
    assert any("jupyterhub_idle_culler" in " ".join(p.cmdline()) for p in prosesser), "culleren ble ikke funnet"
    assert not h.stop(), "prosesser huben startet, lever fortsatt"
    assert not [p.pid for p in prosesser if p.is_running() and p.status() != "zombie"]
    shutil.rmtree(mappe, ignore_errors=True)
