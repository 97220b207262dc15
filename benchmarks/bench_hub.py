"""Benchmark: N concurrent learners on a loopback JupyterHub (not a test; run it by hand).

    python benchmarks/bench_hub.py           # 10, 20 and 30 learners (or: python benchmarks/run.py --med-hub)
    python benchmarks/bench_hub.py --antall 10

For each N a fresh hub (the loopback hub of ``tests/hub/``, with the TLJH recipe and a real
configurable-http-proxy) serves the student release of one exercise set; N Chromium pages log in at
the same moment as members of the NAV group and land in the app (Voila), which runs the set. Measured:

- spawn: login click → the single-user server's page (``/user/<name>/voila/...``);
- usable: login click → every exercise widget of the set rendered;
- click → feedback: «Send inn» on the first exercise → its feedback shown;
- RSS per learner: the single-user server plus its kernel, from the process table, after all are usable;
- hub API latency: ``GET /hub/api/users`` while the class is starting (median and 95th percentile).

Writes ``benchmarks/results_hub.json`` and the hub section of ``benchmarks/results.md``. The machine
is shared (2 cores, other work running): the load average is recorded with every run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks"
sys.path.insert(0, str(ROOT / "tests"))

from hub import huben  # noqa: E402
from hub import kurs as testkurs  # noqa: E402

SETT = "exercises/02_oppfolging.ipynb"
START, SLUTT = "<!-- hub:start -->", "<!-- hub:end -->"


def _kursrepo(tmp: Path) -> Path:
    nb = (ROOT / SETT).read_text(encoding="utf-8")
    return testkurs.lag_repo(tmp / "kurs", {SETT: nb})


def _antall_ovelser() -> int:
    import nbformat

    nb = nbformat.read(ROOT / SETT, as_version=4)
    return sum(c.source.count("ovelse(\"") for c in nb.cells if c.cell_type == "code")


async def _larer(browser, hub, navn: str, n_ovelser: int, res: dict) -> None:
    from playwright.async_api import Error as PWError

    ctx = await browser.new_context(viewport={"width": 1200, "height": 900})
    side = await ctx.new_page()
    side.set_default_timeout(600_000)
    try:
        await side.goto(f"{hub.url}/hub/login")
        await side.fill("#username_input", navn)
        await side.fill("#password_input", "x")
        t0 = time.perf_counter()
        await side.click("#login_submit", no_wait_after=True)
        frist = t0 + 900
        while f"/user/{navn}/voila" not in side.url:
            if time.perf_counter() > frist:
                raise TimeoutError(side.url)
            try:
                # short waits: the spawn-pending page may miss its event, and a long wait would pad spawn times
                await side.wait_for_url(f"**/user/{navn}/voila/**", timeout=5_000)
            except PWError:  # a timeout, or the page navigated while we waited
                if "spawn-pending" in side.url or "git-pull" in side.url:
                    try:
                        await side.reload(wait_until="commit")
                    except PWError:  # it navigated on its own meanwhile: look again
                        pass
        res["spawn_s"] = time.perf_counter() - t0
        await side.wait_for_function(f"() => document.querySelectorAll('.tl-ovelse').length >= {n_ovelser}",
                                     timeout=900_000)
        res["usable_s"] = time.perf_counter() - t0
        boks = side.locator(".tl-ovelse").first
        valg = boks.get_by_role("radio")
        if await valg.count():
            await valg.first.check()
        t1 = time.perf_counter()
        await boks.locator("button.tl-send").first.click()
        await boks.locator(".tl-tilbakemelding, .tl-melding").first.wait_for(state="visible")
        res["click_feedback_ms"] = (time.perf_counter() - t1) * 1000
    except Exception as err:  # noqa: BLE001 - one failed learner is reported, the run goes on
        res["feil"] = f"{type(err).__name__}: {str(err)[:200]}"
    finally:
        await ctx.close()


def _per_larer(hub) -> tuple[list[float], list[float]]:
    """Per user: RSS in MiB and CPU seconds (user + system) of the single-user server and its kernels.

    CPU seconds do not depend on how busy the machine is, so they size a server better than wall times.
    """
    import psutil

    rss, cpu = [], []
    for p in hub.prosesser():
        try:
            if "jupyterhub-singleuser" in huben.kommando(p):
                tre = [p, *p.children(recursive=True)]
                rss.append(sum(q.memory_info().rss for q in tre) / 2**20)
                cpu.append(sum(q.cpu_times().user + q.cpu_times().system for q in tre))
        except psutil.Error:
            continue
    return rss, cpu


def _api_latens(hub, stopp: threading.Event, ut: list[float]) -> None:
    while not stopp.is_set():
        t0 = time.perf_counter()
        try:
            hub.api("users")
            ut.append((time.perf_counter() - t0) * 1000)
        except OSError:
            pass
        stopp.wait(1.0)


def kjor(n: int, chromium: str) -> dict:
    from playwright.async_api import async_playwright

    last_for = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="tiltakslab-hubbench-") as tmp:
        tmp = Path(tmp)
        navn = [f"nav{i:02d}" for i in range(n)]
        hub = huben.start(tmp / "hub", _kursrepo(tmp).as_uri(), grupper={"nav": navn},
                          miljo={"TILTAKSLAB_APP_NOTATBOK": SETT})
        latens: list[float] = []
        stopp = threading.Event()
        traad = threading.Thread(target=_api_latens, args=(hub, stopp, latens), daemon=True)
        try:
            n_ov = _antall_ovelser()
            resultater = [{} for _ in navn]

            async def klasse():
                async with async_playwright() as pw:
                    browser = await pw.chromium.launch(executable_path=chromium, headless=True,
                                                       args=["--no-sandbox", "--disable-gpu",
                                                             "--disable-dev-shm-usage"])
                    try:
                        par = zip(navn, resultater, strict=True)
                        # a deadline per learner, so the hub is always stopped by the finally below
                        utfall = await asyncio.gather(*(asyncio.wait_for(_larer(browser, hub, b, n_ov, r), 1500)
                                                        for b, r in par), return_exceptions=True)
                        for r, u in zip(resultater, utfall, strict=True):
                            if isinstance(u, BaseException):
                                r["feil"] = f"{type(u).__name__}: {str(u)[:200]}"
                    finally:
                        await browser.close()

            traad.start()
            t0 = time.perf_counter()
            asyncio.run(klasse())
            vegg = time.perf_counter() - t0
            stopp.set()
            rss, cpu = _per_larer(hub)
        finally:
            stopp.set()
            igjen = hub.stop()
    ok = [r for r in resultater if "feil" not in r and "usable_s" in r]

    def med(key):
        v = [r[key] for r in ok if key in r]
        return {"median": statistics.median(v), "max": max(v), "n": len(v)} if v else {}

    latens.sort()
    return {
        "n": n, "ok": len(ok), "feil": [r["feil"] for r in resultater if "feil" in r][:5],
        "wall_s": vegg, "spawn_s": med("spawn_s"), "usable_s": med("usable_s"),
        "click_feedback_ms": med("click_feedback_ms"),
        "rss_mib": {"median": statistics.median(rss), "max": max(rss), "n": len(rss)} if rss else {},
        "cpu_s": {"median": statistics.median(cpu), "max": max(cpu), "n": len(cpu)} if cpu else {},
        "api_ms": {"median": statistics.median(latens), "p95": latens[int(0.95 * (len(latens) - 1))],
                   "n": len(latens)} if latens else {},
        "load_before": last_for, "load_after": os.getloadavg(), "left_running": igjen,
    }


def tabell(data: dict) -> str:
    rader = data.get("runs", [])
    if not rader:
        return ""
    base = rader[0]
    linjer = [
        f"### Hub: concurrent learners ({data['machine']['cpus']} CPUs, shared; Chromium, Voila app landing, "
        f"`{SETT}`)",
        "",
        "| learners | ok | spawn median / max | usable median / max | click → feedback median | "
        "RSS per learner median / max | CPU s per learner (server + kernel) | hub API median / p95 | "
        "load avg before → after |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    def s(d, unit="s", f=".1f"):
        return f"{d['median']:{f}} / {d['max']:{f}} {unit}" if d else "–"

    for r in rader:
        ratio = ""
        if r is not base and r["usable_s"] and base["usable_s"]:
            ratio = f" ({r['usable_s']['median'] / base['usable_s']['median']:.1f} × {base['n']} learners)"
        klikk = f"{r['click_feedback_ms']['median']:.0f} ms" if r["click_feedback_ms"] else "–"
        api = f"{r['api_ms']['median']:.0f} / {r['api_ms']['p95']:.0f} ms" if r["api_ms"] else "–"
        linjer.append(f"| {r['n']} | {r['ok']} | {s(r['spawn_s'])} | {s(r['usable_s'])}{ratio} | {klikk} | "
                      f"{s(r['rss_mib'], 'MiB', '.0f')} | {s(r.get('cpu_s') or {}, 's', '.0f')} | {api} | "
                      f"{r['load_before'][0]:.1f} → {r['load_after'][0]:.1f} |")
    linjer += ["", f"Measured {data['when']}. Failures: "
               + ("; ".join(f"{r['n']}: {r['feil']}" for r in rader if r["feil"]) or "none") + "."]
    return "\n".join(linjer)


def skriv_md(data: dict) -> None:
    md = HERE / "results.md"
    tekst = md.read_text(encoding="utf-8") if md.exists() else ""
    if START in tekst and SLUTT in tekst:
        tekst = tekst.split(START)[0].rstrip() + "\n" + tekst.split(SLUTT, 1)[1].lstrip("\n")
    md.write_text(tekst.rstrip() + f"\n\n{START}\n{tabell(data)}\n{SLUTT}\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--antall", type=int, nargs="+", default=[10, 20, 30])
    ap.add_argument("--chromium", default=os.environ.get("TILTAKSLAB_CHROMIUM", "/usr/bin/chromium"))
    ap.add_argument("--legg-til", action="store_true",
                    help="add these runs to results_hub.json instead of replacing it (e.g. a quieter re-run)")
    args = ap.parse_args()
    grunn = huben.mangler()
    if grunn:
        print(grunn)
        return 2
    data = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
            "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "runs": []}
    gammel = HERE / "results_hub.json"
    if args.legg_til and gammel.is_file():
        data["runs"] = json.loads(gammel.read_text(encoding="utf-8"))["runs"]
        data["when"] = json.loads(gammel.read_text(encoding="utf-8"))["when"] + " and " + data["when"]
    for n in args.antall:
        print(f"{n} learners …", flush=True)
        data["runs"].append(kjor(n, args.chromium))
        print(json.dumps(data["runs"][-1], ensure_ascii=False), flush=True)
    (HERE / "results_hub.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    skriv_md(data)
    print(tabell(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
