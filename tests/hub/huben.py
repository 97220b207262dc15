"""Start and stop a loopback JupyterHub with a real configurable-http-proxy for the hub tests.

The hub gets free ports (public, hub API, proxy API), its own folder (database, cookie secret, proxy
pid file, users' homes, the exchange, logs) and loads the TLJH recipe ``deploy/tljh/tiltakslab_config.py``
on top of a loopback config (dummy authenticator, ``SimpleLocalProcessSpawner``, idle culler as a managed
service). Stopping: every process the hub started (proxy, culler, single-user servers, kernels) is
collected by PID from the process tree and the proxy pid file, the hub gets SIGTERM, and whatever is
still alive afterwards is stopped by its PID. Nothing is stopped by name.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from browser.servers import free_port

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TLJH_CONFIG = REPO / "deploy" / "tljh" / "tiltakslab_config.py"
API_TOKEN = "tiltakslab-test-" + os.urandom(8).hex()


def mangler(proxy: bool = True) -> str | None:
    """What the hub tests need and is missing (None when all is there); ``proxy=False``: git/nbgitpuller only."""
    try:
        import jupyterhub  # noqa: F401
        import jupyterhub_idle_culler  # noqa: F401
        import nbgitpuller  # noqa: F401
    except ImportError as err:
        return f"hubtestene trenger {err.name} (pip install -e '.[test]')"
    if proxy and shutil.which("configurable-http-proxy") is None:
        return "hubtestene trenger configurable-http-proxy (npm install -g configurable-http-proxy; .ci/run gjør det)"
    if shutil.which("git") is None:
        return "hubtestene trenger git"
    return None


@dataclass
class Hub:
    url: str
    api_port: int
    mappe: Path
    utveksling: Path
    process: subprocess.Popen = field(repr=False)
    log: Path = field(default=None)

    def api(self, sti: str, metode: str = "GET", data: dict | None = None) -> object:
        req = urllib.request.Request(f"{self.url}/hub/api/{sti}", method=metode,
                                     data=json.dumps(data).encode() if data is not None else None,
                                     headers={"Authorization": f"token {API_TOKEN}"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            body = resp.read()
            return json.loads(body) if body else None

    def hjem(self, bruker: str) -> Path:
        return self.mappe / "hjem" / bruker

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log else ""

    def prosesser(self) -> list[psutil.Process]:
        """The hub's process tree and the proxy (by its pid file)."""
        procs = []
        try:
            hub = psutil.Process(self.process.pid)
            procs = [hub, *hub.children(recursive=True)]
        except psutil.NoSuchProcess:
            pass
        pid_fil = self.mappe / "proxy.pid"
        if pid_fil.exists():
            try:
                proxy = psutil.Process(int(pid_fil.read_text().strip()))
                procs += [proxy, *proxy.children(recursive=True)]
            except (ValueError, psutil.NoSuchProcess):
                pass
        return procs

    def stop(self) -> list[int]:
        """Stop the hub and every process it started; return the PIDs still alive after (none expected)."""
        procs = self.prosesser()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        levende = [p for p in procs if p.pid != self.process.pid and p.is_running()]
        for p in levende:
            try:
                p.terminate()
            except psutil.NoSuchProcess:
                pass
        _gone, rest = psutil.wait_procs(levende, timeout=10)
        for p in rest:
            try:
                p.kill()
            except psutil.NoSuchProcess:
                pass
        _gone, igjen = psutil.wait_procs(rest, timeout=5)
        return [p.pid for p in igjen]


def _config(mappe: Path, port: int, hub_port: int, api_port: int, grupper: dict[str, list[str]],
            ekstra: str = "") -> str:
    # expose_app_in_browser: the browser helpers read JupyterLab state from window.jupyterapp
    args = ["--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.expose_app_in_browser=True"]
    if os.geteuid() == 0:
        args.append("--allow-root")
    return textwrap.dedent(f"""\
        import sys
        c = get_config()
        c.JupyterHub.ip = "127.0.0.1"
        c.JupyterHub.port = {port}
        c.JupyterHub.hub_ip = "127.0.0.1"
        c.JupyterHub.hub_port = {hub_port}
        c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
        c.ConfigurableHTTPProxy.pid_file = {str(mappe / "proxy.pid")!r}
        c.ConfigurableHTTPProxy.should_start = True
        c.JupyterHub.db_url = "sqlite:///{mappe / 'hub.sqlite'}"
        c.JupyterHub.cookie_secret_file = {str(mappe / "cookie_secret")!r}
        c.JupyterHub.cleanup_servers = True
        c.JupyterHub.authenticator_class = "dummy"
        c.DummyAuthenticator.allow_all = True
        c.Authenticator.admin_users = {{"laerer"}}
        c.JupyterHub.spawner_class = "simple"
        c.SimpleLocalProcessSpawner.home_dir_template = {str(mappe / "hjem" / "{username}")!r}
        c.Spawner.cmd = [{str(BIN / "jupyterhub-singleuser")!r}]
        c.Spawner.args = {args!r}
        c.Spawner.start_timeout = 240
        c.Spawner.http_timeout = 240
        c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL", "TILTAKSLAB_DATA"]
        c.JupyterHub.load_groups = {json.dumps({g: {"users": u} for g, u in grupper.items()})}
        c.JupyterHub.services = [
            {{"name": "idle-culler", "command": [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout=3600"]}},
            {{"name": "testleder", "api_token": {API_TOKEN!r}}},
        ]
        c.JupyterHub.load_roles = [
            {{"name": "idle-culler", "services": ["idle-culler"],
              "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]}},
            {{"name": "testleder", "services": ["testleder"], "scopes": ["admin:users", "admin:servers",
              "list:users", "read:users", "list:services", "read:services", "list:groups", "read:groups"]}},
        ]
        load_subconfig({str(TLJH_CONFIG)!r})
        {ekstra}
        """)


def start(mappe: Path, kurs_repo: str, grupper: dict[str, list[str]], miljo: dict[str, str] | None = None,
          timeout: float = 120) -> Hub:
    """Start the hub in ``mappe`` and wait until its API answers."""
    mappe.mkdir(parents=True, exist_ok=True)
    (mappe / "hjem").mkdir(exist_ok=True)
    port, hub_port, api_port = free_port(), free_port(), free_port()
    config = mappe / "jupyterhub_config.py"
    config.write_text(_config(mappe, port, hub_port, api_port, grupper), encoding="utf-8")
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)
    env.update({
        "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        "TILTAKSLAB_KURS_REPO": kurs_repo,
        "TILTAKSLAB_UTVEKSLING": str(mappe / "utveksling"),
        "TILTAKSLAB_SYSTEMBRUKER": "{bruker}",
        "TILTAKSLAB_DATA": str(REPO / "data"),
        **(miljo or {}),
    })
    log = mappe / "jupyterhub.log"
    with open(log, "w", encoding="utf-8") as fh:
        process = subprocess.Popen([str(BIN / "jupyterhub"), "-f", str(config)], cwd=mappe, env=env,
                                   stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
    hub = Hub(url=f"http://127.0.0.1:{port}", api_port=api_port, mappe=mappe,
              utveksling=mappe / "utveksling", process=process, log=log)
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            hub.stop()
            raise RuntimeError(f"jupyterhub stoppet med {process.returncode}:\n{hub.log_text()[-4000:]}")
        try:
            hub.api("")
            return hub
        except (urllib.error.URLError, ConnectionError, TimeoutError) as err:
            if time.monotonic() > deadline:
                hub.stop()
                raise RuntimeError(f"huben svarte ikke på {timeout:.0f} s ({err}):\n{hub.log_text()[-4000:]}") from err
        time.sleep(0.3)  # polling interval
