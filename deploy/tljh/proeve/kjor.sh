#!/usr/bin/env bash
# Trial of deploy/DRIFT.md chapter 3 on one machine, as root, on loopback only: everything under a
# temporary prefix instead of /opt/tljh and /srv, a TLJH-like hub (tljh_lik_config.py: dummy login,
# hub user <name> runs as Linux user jupyter-<name>), then proeve.py drives a student (Lab) and a NAV
# adviser (app) in Chromium and collects as a teacher. Users, group and prefix are removed at the end.
# Needs: root, /usr/bin/python3 with venv (the environments must be readable by the users), chromium,
# configurable-http-proxy, and `make setup` done (the driver uses .venv's Playwright and test helpers).
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../../.." && pwd)"
export PROEVE="$(mktemp -d /tmp/tljh-proeve-XXXX)"
chmod 755 "$PROEVE"
rydd() {
  cp "$PROEVE/hub.log" /tmp/tljh-proeve-hub.log 2>/dev/null || true   # kept for a failed run
  for u in kari ola lena; do userdel -r "jupyter-$u" 2>/dev/null || true; done
  groupdel tiltakslab-laerere 2>/dev/null || true
  rm -rf "$PROEVE"
}
trap rydd EXIT

# 2-3: wheel, user environment, hub environment (no dependencies), Norwegian Lab
# The system interpreter: a pyenv/conda python under /root cannot be run by the users (their servers fail to start).
PY=/usr/bin/python3
"$PY" -m venv "$PROEVE/opt/user"; "$PY" -m venv "$PROEVE/opt/hub"
"$REPO/.venv/bin/python" -m pip wheel -q --no-deps -w "$PROEVE/dist" "$REPO"
"$PROEVE/opt/user/bin/pip" install -q "$PROEVE"/dist/tiltakslab-*.whl nbgitpuller "jupyterhub==6.1.1"
"$PROEVE/opt/hub/bin/pip" install -q "jupyterhub==6.1.1" jupyterhub-idle-culler   # TLJH's hub env has both
"$PROEVE/opt/hub/bin/pip" install -q --no-deps "$PROEVE"/dist/tiltakslab-*.whl
mkdir -p "$PROEVE/opt/user/share/jupyter/lab/settings"
cp "$REPO/config/overrides.json" "$PROEVE/opt/user/share/jupyter/lab/settings/overrides.json"

# 4: teachers' group; users as TLJH makes them at first login
groupadd tiltakslab-laerere
mkdir -p "$PROEVE/home" && chmod 755 "$PROEVE/home"
for u in kari ola lena; do useradd -m -b "$PROEVE/home" -s /bin/bash "jupyter-$u"; done
usermod -aG tiltakslab-laerere jupyter-lena

# 5: the release; readable; git's safe.directory (a system gitconfig of our own instead of /etc/gitconfig)
mkdir -p "$PROEVE/srv" && chmod 755 "$PROEVE/srv"
(cd "$REPO" && "$PROEVE/opt/user/bin/tiltakslab" utgivelse "$PROEVE/srv/kurs")
chmod -R a+rX "$PROEVE/srv/kurs"
printf '[safe]\n\tdirectory = %s/srv/kurs/.git\n' "$PROEVE" > "$PROEVE/gitconfig"; chmod 644 "$PROEVE/gitconfig"

# 6: the recipe, settings as environment variables (proeve.py sets them for the hub)
mkdir -p "$PROEVE/config/jupyterhub_config.d"
cp "$REPO/deploy/tljh/tiltakslab_config.py" "$PROEVE/config/jupyterhub_config.d/tiltakslab.py"
cp "$(dirname "$0")/tljh_lik_config.py" "$PROEVE/config/jupyterhub_config.py"

# 8-9: NAV group, log in, hand in, collect (in proeve.py)
"$REPO/.venv/bin/python" "$(dirname "$0")/proeve.py"
