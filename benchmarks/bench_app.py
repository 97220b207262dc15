"""Benchmark: the app (``make app``, Voila) from command to a usable page, with and without preheated kernels.

    python benchmarks/bench_app.py              # both modes, 3 page loads each
    python benchmarks/bench_app.py --runder 5

For each mode the very command of ``make app`` is started (our template, loopback, the Makefile's kernel
culling), on a free port with its own answer store and Jupyter folders; Chromium (Playwright) then opens
the exercise set ``exercises/02_oppfolging.ipynb`` in a fresh browser context, several times:

- ``command → first usable``: from starting the server to every exercise widget of the set on screen
  (the first learner after ``make app``);
- ``page → usable``: a later page load of the same set, each in a new context (a learner opening the
  set again, or a second learner), after the server has been idle for a few seconds;
- ``ratio to the floor``: each later load of the set is paired with a load, just before it, of the floor
  page ``benchmarks/gulv_app.ipynb`` (imports pandas, matplotlib and ipywidgets, shows one button) until
  its button shows; the median of the paired ratios is the issue's "app page until usable" figure;
- ``server + kernels RSS``: the server's process tree after the runs (preheated kernels included).

Modes: ``uten`` – Voila as ``make app`` runs it; ``med`` – the same plus
``--VoilaConfiguration.preheat_kernel=True`` and a pool of one preheated kernel for the set and for the floor
page (``VoilaKernelManager.kernel_pools_config``); Voila's default pool (one for every notebook under the
root) is counted, not started.
Writes ``benchmarks/results_app.json`` and the app section of ``benchmarks/results.md``.
The machine is shared (2 cores): the load average is recorded with each mode.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks"
sys.path.insert(0, str(ROOT / "tests"))

from browser import servers  # noqa: E402

SETT = "exercises/02_oppfolging.ipynb"
GULV = "benchmarks/gulv_app.ipynb"
START, SLUTT = "<!-- app:start -->", "<!-- app:end -->"
# The Makefile's app command (target `app`), written out so that the two modes differ only in the pool.
APP = ["voila", ".", "--template=tiltakslab", "--Voila.ip=127.0.0.1",
       "--Voila.tornado_settings=disable_check_xsrf=True",
       "--MappingKernelManager.cull_idle_timeout=600", "--MappingKernelManager.cull_interval=60",
       "--MappingKernelManager.cull_connected=False", "--no-browser", "--ServerApp.port_retries=0"]
MODUS = {
    # make app: our config file (config/jupyter/voila.py: loopback, words, and the prelaunch hook that leaves the
    # learner's own code cells out of the page) and no preheated kernels
    "uten": ["--Voila.config_file_paths=" + str(ROOT / "config" / "jupyter"),
             "--VoilaConfiguration.preheat_kernel=False"],
    # Only the two measured pages get a pool here. Voila's default (a pool of one for every notebook under the
    # root) would start one kernel per notebook at once: 24 here, on a machine shared by five engineers. The
    # report gives that count; its memory follows from the per-kernel RSS measured in benchmarks/results.md.
    # Voila refuses a preheated pool together with a prelaunch hook, so this mode runs without our config file:
    # its page also runs the learner's own code cell (pandas) – one more reason the app does not preheat.
    "med": ["--VoilaConfiguration.preheat_kernel=True",
            "--VoilaKernelManager.kernel_pools_config=" + json.dumps(
                {"default": {"pool_size": 0}, SETT: {"pool_size": 1}, GULV: {"pool_size": 1}})],
}


def _antall_ovelser() -> int:
    import nbformat

    nb = nbformat.read(ROOT / SETT, as_version=4)
    return sum(c.source.count('ovelse("') for c in nb.cells if c.cell_type == "code")


def _rss_tre(pid: int) -> int:
    import psutil

    try:
        p = psutil.Process(pid)
        return sum(q.memory_info().rss for q in [p, *p.children(recursive=True)])
    except psutil.Error:
        return 0


def _last_side(browser, url: str, n: int, velger: str = ".tl-ovelse") -> float:
    ctx = browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        side = ctx.new_page()
        t0 = time.perf_counter()
        side.goto(url, timeout=300_000)
        side.wait_for_function(f"() => document.querySelectorAll('{velger}').length >= {n}", timeout=300_000)
        return time.perf_counter() - t0
    finally:
        ctx.close()


def kjor(modus: str, runder: int, chromium: str, pause: float) -> dict:
    from playwright.sync_api import sync_playwright

    n = _antall_ovelser()
    last_for = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="tiltakslab-app-") as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True)
        workdir = Path(tmp)
        store, log = workdir / "svar", workdir / "voila.log"
        port = servers.free_port()
        cmd = [str(servers.BIN / APP[0]), *APP[1:], f"--port={port}", *MODUS[modus],
               *(["--ServerApp.allow_root=True"] if os.geteuid() == 0 else [])]
        url = f"http://127.0.0.1:{port}"
        miljo = {"JUPYTER_PATH": str(ROOT / "config" / "jupyter")}
        t0 = time.perf_counter()
        server = servers._start(f"voila ({modus})", cmd, workdir, ROOT, store, log, url, "/", 180, miljo)
        try:
            side = f"{url}/voila/render/{SETT}"
            _last_side(browser, side, n)
            forste = time.perf_counter() - t0
            senere, gulv = [], []
            for _ in range(runder):
                time.sleep(pause)  # idle server: a preheated pool has had time to refill
                gulv.append(_last_side(browser, f"{url}/voila/render/{GULV}", 1, "button"))
                time.sleep(pause)
                senere.append(_last_side(browser, side, n))
            rss = _rss_tre(server.process.pid)
        finally:
            server.stop()
            browser.close()
    forhold = [s / g for s, g in zip(senere, gulv, strict=True)]
    return {"modus": modus, "kommando_til_forste_brukbar_s": forste, "side_til_brukbar_s": senere,
            "side_median_s": statistics.median(senere), "gulv_s": gulv, "forhold": forhold,
            "forhold_median": statistics.median(forhold), "rss_bytes": rss,
            "last_for": last_for, "last_etter": os.getloadavg()[0]}


def tabell(data: dict) -> str:
    linjer = [f"### App (Voila): time to a usable page, `{SETT}`, with and without preheated kernels", "",
              "| mode | command → first usable | page → usable, median (runs) | floor page → usable, median | "
              "set / floor (median of paired ratios; target ≤ 1.0) | server + kernels RSS | "
              "load avg before → after |", "|---|---|---|---|---|---|---|"]
    for r in data["runs"]:
        navn = {"uten": "as `make app` (no preheat)", "med": "preheat, pool of 1 for the two pages"}[r["modus"]]
        linjer.append(f"| {navn} | {r['kommando_til_forste_brukbar_s']:.1f} s | {r['side_median_s']:.1f} s "
                      f"({', '.join(f'{x:.1f}' for x in r['side_til_brukbar_s'])}) | "
                      f"{statistics.median(r['gulv_s']):.1f} s | {r['forhold_median']:.2f} × | "
                      f"{r['rss_bytes'] / 2**20:.0f} MiB | {r['last_for']:.1f} → {r['last_etter']:.1f} |")
    linjer.append("")
    linjer.append(f"Measured {data['when']} on {data['machine']['cpus']} shared CPUs. Voila's default pool "
                  f"(`preheat_kernel` alone) would start {data.get('notatboker', '?')} kernels, one per notebook "
                  "under the app's root, when the app starts.")
    return "\n".join(linjer)


def skriv_md(data: dict) -> None:
    sti = HERE / "results.md"
    tekst = sti.read_text(encoding="utf-8") if sti.is_file() else ""
    blokk = f"{START}\n{tabell(data)}\n{SLUTT}"
    if START in tekst and SLUTT in tekst:
        tekst = tekst[:tekst.index(START)] + blokk + tekst[tekst.index(SLUTT) + len(SLUTT):]
    else:
        tekst = tekst.rstrip("\n") + "\n\n" + blokk + "\n"
    sti.write_text(tekst, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runder", type=int, default=3, help="later page loads per mode (median reported)")
    ap.add_argument("--pause", type=float, default=8.0, help="seconds idle before each later page load")
    ap.add_argument("--chromium", default=os.environ.get("TILTAKSLAB_CHROMIUM", "/usr/bin/chromium"))
    ap.add_argument("--modus", choices=sorted(MODUS), action="append", help="only these modes")
    args = ap.parse_args()
    data = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
            "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "runs": [],
            "notatboker": sum(1 for p in ROOT.rglob("*.ipynb")
                              if ".ipynb_checkpoints" not in str(p) and ".venv" not in p.parts)}
    for modus in args.modus or ["uten", "med"]:
        data["runs"].append(kjor(modus, args.runder, args.chromium, args.pause))
        print(json.dumps(data["runs"][-1]))
    (HERE / "results_app.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    skriv_md(data)
    print(tabell(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
