"""Trial as a course administrator (root, loopback): a TLJH-like hub set up by kjor.sh from deploy/DRIFT.md;
a student in Lab and a NAV adviser in the app hand in, a teacher collects, students cannot read each other."""
import json, os, re, secrets, subprocess, sys, time, urllib.parse, urllib.request
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tests"))
from browser import lab, ovelsehjelp as oh
from browser.servers import free_port
import psutil

sys.stdout.reconfigure(line_buffering=True)

P = Path(os.environ["PROEVE"])
port = free_port()
token = secrets.token_hex(16)
env = dict(os.environ, PROEVE=str(P), HUBPORT=str(port), PROEVE_TOKEN=token, GIT_CONFIG_SYSTEM=str(P / "gitconfig"),
           TILTAKSLAB_UTVEKSLING=str(P / "srv" / "utveksling"), TILTAKSLAB_KURS_REPO=(P / "srv" / "kurs").as_uri(),
           PATH=f"{P}/opt/hub/bin:/usr/bin:/bin")
log = open(P / "hub.log", "w")
hub = subprocess.Popen([str(P / "opt/hub/bin/jupyterhub"), "-f", str(P / "config/jupyterhub_config.py")], cwd=P, env=env,
                       stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
url = f"http://127.0.0.1:{port}"

def api(path, method="GET", data=None):
    req = urllib.request.Request(f"{url}/hub/api/{path}", method=method, data=json.dumps(data).encode() if data is not None else None,
                                 headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=30) as r:
        b = r.read()
        return json.loads(b) if b else None

def stop():
    procs = []
    try:
        h = psutil.Process(hub.pid); procs = [h, *h.children(recursive=True)]
    except psutil.Error:
        pass
    hub.terminate()
    try: hub.wait(30)
    except subprocess.TimeoutExpired: hub.kill()
    rest = [p for p in procs if p.pid != hub.pid and p.is_running()]
    for p in rest:
        try: p.terminate()
        except psutil.Error: pass
    _, alive = psutil.wait_procs(rest, timeout=10)
    for p in alive:
        try: p.kill()
        except psutil.Error: pass
    print("stopped; survivors:", [p.pid for p in alive])

try:
    for _ in range(200):
        try: api(""); break
        except Exception: time.sleep(0.5)
    # runbook 8: the NAV group (the admin page does the same through this API)
    for u in ("kari", "ola", "lena"):
        api(f"users/{u}", "POST", {})
    api("groups/nav", "POST", {})
    api("groups/nav/users", "POST", {"users": ["ola"]})
    # DRIFT.md 5 «Før timen»: the teacher's cases and graded sets, published for the students. The hub makes
    # _laerer and _kurs when a server starts: lena's server first (as a teacher logging in would).
    api("users/lena/server", "POST", {})
    for _ in range(200):
        if (P / "srv/utveksling/_laerer").is_dir(): break
        time.sleep(0.5)
    lena_t = str(P / "opt/user/bin/tiltakslab")
    (P / "home/jupyter-lena/klasse.txt").write_text("kari\nola\n")
    for args in (["variant", "--fil", str(P / "home/jupyter-lena/klasse.txt"), "--lagre", str(P / "srv/utveksling/_laerer/tildeling.json")],
                 ["publiser", str(P / "srv/utveksling")]):
        r = subprocess.run(["runuser", "-u", "jupyter-lena", "--", lena_t, *args], capture_output=True, text=True, cwd=P / "home/jupyter-lena")
        print(args[0], "as lena:", r.returncode, r.stdout[-300:].strip(), r.stderr[-300:].strip())
        assert r.returncode == 0
    r = subprocess.run(["runuser", "-u", "jupyter-kari", "--", "cat", str(P / "srv/utveksling/_kurs/tildeling.json")], capture_output=True, text=True)
    assert r.returncode == 0 and "kari" not in r.stdout, r.stderr
    r = subprocess.run(["runuser", "-u", "jupyter-kari", "--", "ls", str(P / "srv/utveksling/_laerer")], capture_output=True, text=True)
    print("kari reads _kurs, lists _laerer:", r.returncode, r.stderr.strip()[:120])
    assert r.returncode != 0
    api("users/lena/server", "DELETE")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        def login(user, nxt="/hub/"):
            s = b.new_context(viewport={"width": 1300, "height": 950}).new_page(); s.set_default_timeout(300_000)
            s.goto(f"{url}/hub/login?next={urllib.parse.quote(nxt)}")
            s.fill("#username_input", user); s.fill("#password_input", "x"); s.click("#login_submit", no_wait_after=True)
            t0 = time.time()
            while not re.search(rf"/user/{user}/(lab|voila)", s.url):
                try: s.wait_for_url(re.compile(rf"/user/{user}/(lab|voila)"), timeout=20_000)
                except Exception:
                    if time.time() - t0 > 400: raise
                    if "spawn-pending" in s.url or "git-pull" in s.url:
                        try: s.reload(wait_until="commit")
                        except Exception: pass
            print(user, "landed on", s.url.replace(url, ""), f"after {time.time() - t0:.0f} s")
            return s
        import urllib.parse
        # kari: plain login → start page in Lab
        s = login("kari")
        assert "/lab/tree/tiltakslab/notebooks/00_start.ipynb" in s.url, s.url
        # then the link a teacher hands out for set 02 (tiltakslab lenke)
        link = subprocess.run([str(P / "opt/user/bin/tiltakslab"), "lenke", url, (P / "srv/kurs").as_uri(), "--notatbok", "exercises/02_oppfolging.ipynb"],
                              capture_output=True, text=True, check=True).stdout.strip()
        print("link:", link)
        s.goto(link); s.wait_for_url("**/lab/tree/tiltakslab/exercises/02_oppfolging.ipynb*")
        # the link pulled and opened the set; reopen it alone (?reset: only this notebook in the workspace)
        s.goto(s.url.split("?")[0] + "?reset")
        s.locator(".jp-NotebookPanel .jp-Cell").first.wait_for()
        # the same waits as the hub tests (tests/hub/test_klasse.py): kernel idle and the widget
        # extension active before «run all»; run_all then reads «every cell ran» from the notebook model
        t0 = time.time()
        lab.wait_kernel_idle(s); lab.wait_widget_manager(s)
        try:
            lab.run_all(s)
        except Exception:
            ikke_kjort = s.evaluate("""() => { const w = window.jupyterapp.shell.currentWidget; const c = w.content.model.cells;
                const ut = []; for (let i = 0; i < c.length; i++) { const x = c.get(i);
                if (x.type === 'code' && (x.executionCount === null || x.executionCount === undefined)) ut.push(i); }
                return {path: w.context.path, ikke_kjort: ut, kjerne: w.sessionContext.session?.kernel?.status}; }""")
            print("run-all did not finish:", ikke_kjort)
            raise
        print(f"kari: run all done after {time.time() - t0:.0f} s; errors:", lab.cell_errors(s))
        assert not lab.cell_errors(s)
        def answer_and_hand_in(s, scope):
            first = scope.locator(".tl-ovelse").first
            oid = [c for c in first.get_attribute("class").split() if c.startswith("tl-id-")][0][6:]
            ov = oh.ovelse_data(oid); raw = oh.modellsvar_raw(ov)
            oh.fyll_inn(first, ov, raw); oh.send_knapp(first, ov, raw).click(); oh.tilbakemelding(first).wait_for()
            f = scope.locator(".tl-innlevering")
            print("  id field:", f.locator("input[type=text]").input_value(), "disabled:", f.locator("input[type=text]").is_disabled())
            f.get_by_role("button", name="Lever inn").click()
            f.locator(".tl-melding").get_by_text("Levert kl.").wait_for()
            print("  status:", lab.tekst(f.locator(".tl-melding")))
        answer_and_hand_in(s, lab.output_area(s))
        # ola: NAV group → app
        s2 = login("ola")
        assert "/voila/render/tiltakslab/exercises/02_oppfolging.ipynb" in s2.url, s2.url
        s2.locator(".tl-ovelse").first.wait_for(); lab.wait_widgets(s2)
        answer_and_hand_in(s2, s2)
        b.close()
    print(subprocess.run(["ls", "-laR", str(P / "srv/utveksling")], capture_output=True, text=True).stdout)
    # the set's own hand-in (module 02), not every answer: the wheel finds the modules in the pulled release
    for u in ("kari", "ola"):
        navn = [p.name for p in (P / "srv/utveksling" / u).glob("innlevering-*.json")]
        print(u, "handed in", navn)
        assert navn and all(n.startswith(f"innlevering-02-oppfolging-{u}-") for n in navn), navn
    # runbook 5: collect as a teacher
    r = subprocess.run(["runuser", "-u", "jupyter-lena", "--", str(P / "opt/user/bin/tiltakslab"), "samle", str(P / "srv/utveksling"),
                        "--ut", str(P / "home/jupyter-lena/rapport")], capture_output=True, text=True)
    print("samle as lena:", r.returncode, r.stdout[-600:], r.stderr[-600:])
    assert r.returncode == 0 and "2 innleveringer samlet" in r.stdout
    r = subprocess.run(["runuser", "-u", "jupyter-kari", "--", "cat"] + [str(p) for p in (P / "srv/utveksling/ola").glob("*.json")], capture_output=True, text=True)
    print("kari reads ola's:", r.returncode, r.stderr.strip()[:200])
    assert r.returncode != 0 and "Permission denied" in r.stderr
    r = subprocess.run(["runuser", "-u", "jupyter-kari", "--", "ls", str(P / "srv/utveksling")], capture_output=True, text=True)
    print("kari lists exchange:", r.returncode, r.stderr.strip()[:200])
    assert r.returncode != 0
    # runbook 5: feedback pages back into each student's folder; the student reads them through the
    # shortcut the hub made in their home (~/tilbakemeldinger, Lab's file browser)
    lena = P / "home/jupyter-lena"
    for args in (["tilbakemelding", str(P / "srv/utveksling"), "--ut", str(lena / "sider")],
                 ["returner", str(lena / "sider"), "--utveksling", str(P / "srv/utveksling")]):
        r = subprocess.run(["runuser", "-u", "jupyter-lena", "--", str(P / "opt/user/bin/tiltakslab"), *args],
                           capture_output=True, text=True)
        print(args[0], "as lena:", r.returncode, r.stdout[-400:], r.stderr[-400:])
        assert r.returncode == 0
    r = subprocess.run(["runuser", "-u", "jupyter-kari", "--", "cat", str(P / "home/jupyter-kari/tilbakemeldinger/tilbakemelding.html")],
                       capture_output=True, text=True)
    print("kari reads her feedback through ~/tilbakemeldinger:", r.returncode, len(r.stdout), "characters")
    assert r.returncode == 0 and "<html" in r.stdout
    print("PRØVE OK")
finally:
    stop()
