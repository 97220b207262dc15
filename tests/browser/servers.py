"""Start and stop JupyterLab and Voila on loopback for the browser tests.

Each server gets a free port, its own temporary root, config, runtime and settings folders, and
its own answer store (``TILTAKSLAB_SVAR``), so two xdist workers never share anything. Readiness
is polled over HTTP with a deadline; there are no fixed sleeps.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

# JupyterLab user settings for the tests: no news/update toast over the page, and every cell
# attached and rendered (windowing mode "none"). The default, "contentVisibility", lets the browser
# skip rendering cells outside the view, so an element scrolled into view has no text and counts
# as invisible until a later frame; the widgets behave the same in both modes.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
        "windowingMode": "none",
    },
}


def free_port() -> int:
    """A port that is free on 127.0.0.1 right now (the server is told not to retry another)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


RUNNING: list[Server] = []  # servers started and not yet stopped (for failure artefacts)


@dataclass
class Server:
    """A running server process and where its files are."""

    name: str
    url: str
    root: Path
    store: Path
    log: Path
    process: subprocess.Popen = field(repr=False)

    def log_text(self) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def stop(self) -> None:
        """Stop the process group this server was started in (only ours, by its id)."""
        if self in RUNNING:
            RUNNING.remove(self)
        if self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def _environment(workdir: Path, store: Path, miljo: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(miljo or {})
    # The kernel must choose its own (inline) matplotlib backend; pytest sets Agg for itself.
    env.pop("MPLBACKEND", None)
    for var, sub in (
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("JUPYTERLAB_SETTINGS_DIR", "lab-settings"),
        ("JUPYTERLAB_WORKSPACES_DIR", "lab-workspaces"),
        ("IPYTHONDIR", "ipython"),
    ):
        path = workdir / sub
        path.mkdir(parents=True, exist_ok=True)
        env[var] = str(path)
    for rel, content in LAB_SETTINGS.items():
        target = workdir / "lab-settings" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(content), encoding="utf-8")
    env["TILTAKSLAB_SVAR"] = str(store)
    env["TILTAKSLAB_DATA"] = str(REPO / "data")
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _wait_http(url: str, process: subprocess.Popen, log: Path, timeout: float) -> None:
    """Poll ``url`` until it answers 200, the process dies, or the deadline passes."""
    deadline = time.monotonic() + timeout
    last_error = ""
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"server exited with {process.returncode} before it was ready; log:\n"
                + log.read_text(encoding="utf-8", errors="replace")[-4000:]
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
                last_error = f"HTTP {response.status}"
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            last_error = str(exc)
        time.sleep(0.2)  # polling interval, not a wait for readiness
    raise RuntimeError(
        f"server at {url} not ready after {timeout:.0f} s ({last_error}); log:\n"
        + log.read_text(encoding="utf-8", errors="replace")[-4000:]
    )


def prepare_root(root: Path, notebooks: dict[str, Path | str]) -> None:
    """Put notebooks into ``root``: ``{name: source path or notebook JSON text}``; link ``data``."""
    root.mkdir(parents=True, exist_ok=True)
    for name, source in notebooks.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(source, Path):
            shutil.copyfile(source, target)
        else:
            target.write_text(source, encoding="utf-8")
    link = root / "data"
    if not link.exists():
        link.symlink_to(REPO / "data", target_is_directory=True)


def start_lab(workdir: Path, timeout: float = 90, disabled_extensions: tuple[str, ...] = ()) -> Server:
    """Start JupyterLab (no token, no browser) with ``workdir/root`` as its root.

    ``disabled_extensions``: front-end extensions to switch off (to test that a missing one is
    noticed), written to this server's own page_config.json.
    """
    root, store, log = workdir / "root", workdir / "svar", workdir / "jupyterlab.log"
    root.mkdir(parents=True, exist_ok=True)
    if disabled_extensions:
        page_config = workdir / "config" / "labconfig" / "page_config.json"
        page_config.parent.mkdir(parents=True, exist_ok=True)
        page_config.write_text(json.dumps({"disabledExtensions": dict.fromkeys(disabled_extensions, True)}))
    port = free_port()
    cmd = [
        str(BIN / "jupyter"), "lab",
        "--no-browser", "--allow-root",
        "--ip=127.0.0.1", f"--port={port}", "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        "--IdentityProvider.token=", "--ServerApp.password=",
        "--ServerApp.disable_check_xsrf=True",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--MappingKernelManager.cull_idle_timeout=0",
    ]
    return _start("jupyterlab", cmd, workdir, root, store, log, f"http://127.0.0.1:{port}",
                  "/api/status", timeout)


def start_voila(workdir: Path, timeout: float = 90, miljo: dict[str, str] | None = None) -> Server:
    """Start Voila serving the folder ``workdir/root`` (notebooks at ``/voila/render/<name>``).

    ``miljo``: extra environment variables for the server and its kernels (e.g. ``TILTAKSLAB_SPRAK``).
    """
    root, store, log = workdir / "root", workdir / "svar", workdir / "voila.log"
    root.mkdir(parents=True, exist_ok=True)
    port = free_port()
    cmd = [
        str(BIN / "voila"), str(root),
        "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
        "--ServerApp.port_retries=0", "--ServerApp.allow_root=True",
        "--show_tracebacks=True",
    ]
    return _start("voila", cmd, workdir, root, store, log, f"http://127.0.0.1:{port}", "/", timeout, miljo)


def _start(name, cmd, workdir, root, store, log, url, probe, timeout, miljo=None) -> Server:
    env = _environment(workdir, store, miljo)
    handle = open(log, "w", encoding="utf-8")  # noqa: SIM115 - closed when the process ends
    process = subprocess.Popen(
        cmd, cwd=root, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )
    handle.close()
    server = Server(name=name, url=url, root=root, store=store, log=log, process=process)
    RUNNING.append(server)
    try:
        _wait_http(url + probe, process, log, timeout)
    except BaseException:
        server.stop()
        raise
    return server


def start_make(target: str, workdir: Path, timeout: float = 180) -> Server:
    """Run the README's own command, ``make lab`` or ``make app``, from the project root.

    Only the port, no browser, no token (lab) and the test's own answer store and Jupyter folders are
    added through ``LAB_ARGS`` / ``APP_ARGS``; everything else is what a learner gets.
    """
    store, log = workdir / "svar", workdir / f"make-{target}.log"
    port = free_port()
    if target == "lab":
        extra = (f"LAB_ARGS=--no-browser --ip=127.0.0.1 --port={port} --ServerApp.port_retries=0 "
                 "--IdentityProvider.token= --ServerApp.password= --LabApp.news_url= "
                 "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate "
                 "--LabApp.expose_app_in_browser=True")
        probe = "/api/status"
    else:
        extra = f"APP_ARGS=--no-browser --port={port}"
        probe = "/"
    cmd = ["make", "--no-print-directory", target, extra]
    return _start(f"make {target}", cmd, workdir, REPO, store, log, f"http://127.0.0.1:{port}", probe, timeout)
