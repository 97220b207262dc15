# TLJH-like base config for the trial (what TLJH itself would provide), then the recipe from jupyterhub_config.d.
import glob, os, pwd, sys
from jupyterhub.spawner import LocalProcessSpawner

P = os.environ["PROEVE"]
c = get_config()

class TLJHLikSpawner(LocalProcessSpawner):
    """Like TLJH: hub user <name> runs as Linux user jupyter-<name>."""
    def _pw(self):
        return pwd.getpwnam("jupyter-" + self.user.name)
    def make_preexec_fn(self, name):
        return super().make_preexec_fn("jupyter-" + name)
    def user_env(self, env):
        pw = self._pw()
        env.update(USER=pw.pw_name, HOME=pw.pw_dir, SHELL=pw.pw_shell)
        return env
    def _notebook_dir_default(self):
        return self._pw().pw_dir

c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = int(os.environ["HUBPORT"])
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ["HUBPORT"]) + 1
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{int(os.environ['HUBPORT']) + 2}"
c.ConfigurableHTTPProxy.pid_file = f"{P}/proxy.pid"
c.JupyterHub.db_url = f"sqlite:///{P}/hub.sqlite"
c.JupyterHub.cookie_secret_file = f"{P}/cookie_secret"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.allow_all = True
c.Authenticator.admin_users = {"kursansvarlig"}
c.JupyterHub.spawner_class = TLJHLikSpawner
c.Spawner.cmd = [f"{P}/opt/user/bin/jupyterhub-singleuser"]
c.Spawner.default_url = "/lab"
c.Spawner.env_keep = ["PATH", "LANG", "GIT_CONFIG_SYSTEM"]
c.Spawner.environment = {"PATH": f"{P}/opt/user/bin:/usr/bin:/bin"}
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
c.JupyterHub.services = [{"name": "cull", "command": [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout=3600"]},
                         {"name": "proeve", "api_token": os.environ["PROEVE_TOKEN"]}]
c.JupyterHub.load_roles = [
    {"name": "cull", "services": ["cull"], "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]},
    {"name": "proeve", "services": ["proeve"], "scopes": ["admin:users", "admin:groups", "admin:servers", "list:users", "read:users", "list:groups", "read:groups"]},
]
for f in sorted(glob.glob(f"{P}/config/jupyterhub_config.d/*.py")):
    load_subconfig(f)
c.Spawner.args = ["--LabApp.expose_app_in_browser=True"]  # trial harness only: the browser helpers read window.jupyterapp
