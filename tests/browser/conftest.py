"""Fixtures for the browser tests: Debian's Chromium via Playwright, JupyterLab and Voila servers.

Every fixture that starts something is module-scoped, so with ``-n 2 --dist loadscope`` one
worker owns a module and its servers; each server has a free port and its own temporary folders.
A test module says what the server root holds with ``NOTATBOKER`` (a dict, or a function returning
one): ``{"name.ipynb": Path or notebook JSON text}``; ``SLA_AV_UTVIDELSER`` (optional) lists
JupyterLab front-end extensions to switch off for that module's server; ``MILJO`` (optional, a dict)
adds environment variables for that module's Voila server and its kernels.

Without ``/usr/bin/chromium`` (or without Playwright) the tests are skipped with a message; with
``CI=true`` that is a failure instead.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from . import artefakter, servers

CHROMIUM = Path(os.environ.get("TILTAKSLAB_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 1000}


def _missing_browser() -> str | None:
    if not CHROMIUM.exists():
        return (
            f"nettlesertestene trenger Chromium i {CHROMIUM} (Debian: apt-get install chromium; "
            ".ci/run installerer den)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "nettlesertestene trenger Playwright for Python (pip install -e '.[test]')"
    try:
        import axe_playwright_python  # noqa: F401
    except ImportError:
        return "nettlesertestene trenger axe-playwright-python (pip install -e '.[test]')"
    return None


def require_browser() -> None:
    """Skip (laptop) or fail (``CI=true``) when the browser tools are missing."""
    reason = _missing_browser()
    if reason is None:
        return
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"CI=true, men {reason}", pytrace=False)
    pytest.skip(reason)


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    unmarked = [
        item.nodeid for item in items
        if here in Path(str(item.fspath)).parents and item.get_closest_marker("browser") is None
    ]
    if unmarked:
        raise pytest.UsageError("browser tests without @pytest.mark.browser: " + ", ".join(unmarked))


# --- browser -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def nettleser():
    """A headless Debian Chromium, one per test module (Playwright never downloads a browser)."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _new_page(browser):
    context = browser.new_context(viewport=VIEWPORT, locale="nb-NO")
    page = context.new_page()
    page.set_default_timeout(60_000)
    artefakter.follow(page)
    return page


@pytest.fixture(scope="module")
def side(nettleser):
    """One page for the whole module (JupyterLab loads once), with its console log recorded."""
    page = _new_page(nettleser)
    yield page
    page.context.close()


# --- servers -------------------------------------------------------------------------------------

def _notebooks(request) -> dict:
    spec = getattr(request.module, "NOTATBOKER", None)
    if spec is None:
        raise pytest.UsageError(f"{request.module.__name__} needs NOTATBOKER for its server root")
    return spec() if callable(spec) else spec


@pytest.fixture(scope="module")
def arbeidsmappe(request, tmp_path_factory):
    """This module's own temporary folder (server root, answer store, logs)."""
    path = tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1])
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def jupyterlab(request, nettleser, arbeidsmappe):
    """JupyterLab on 127.0.0.1 with this module's notebooks, a temp answer store and no token."""
    lab_dir = arbeidsmappe / "lab"
    servers.prepare_root(lab_dir / "root", _notebooks(request))
    server = servers.start_lab(lab_dir, disabled_extensions=getattr(request.module, "SLA_AV_UTVIDELSER", ()))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def voila(request, nettleser, arbeidsmappe):
    """Voila on 127.0.0.1 serving this module's notebooks, with its own answer store."""
    voila_dir = arbeidsmappe / "voila"
    servers.prepare_root(voila_dir / "root", _notebooks(request))
    server = servers.start_voila(voila_dir, miljo=getattr(request.module, "MILJO", None))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def nettleserversjon(nettleser) -> str:
    return f"Chromium {nettleser.version}"


# --- artefacts on failure ------------------------------------------------------------------------

@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not report.failed or report.when == "teardown":
        return
    try:
        from playwright.sync_api import Page
    except ImportError:
        return
    funcargs = getattr(item, "funcargs", {})
    pages = [v for v in funcargs.values() if isinstance(v, Page)] or artefakter.open_pages()
    running = [v for v in funcargs.values() if isinstance(v, servers.Server)] or list(servers.RUNNING)
    if pages or running:
        folder = artefakter.save(item.nodeid, pages, running)
        report.sections.append(("test-artefakter", f"skjermbilde og konsollogg: {folder}"))
