"""Benchmarks against the floor: notebook run time, import time, data generation, feedback latency.

Run from the repository root after ``make test`` (or ``make setup``):

    python benchmarks/run.py                 # everything, including a timed ``make test``
    python benchmarks/run.py --uten-make-test --runs 3

Writes ``benchmarks/results.json`` and ``benchmarks/results.md`` (a readable table) and prints the table.
Targets are reported, never asserted: tests must not fail on time.

The package's bytecode is compiled first (``compileall``), as an installed wheel has it: with
``PYTHONDONTWRITEBYTECODE`` set (some CI and sandbox environments) every kernel would otherwise compile
tiltakslab's modules from source, a cost no learner's installation has.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks"
HEAVY = ("pandas", "numpy", "matplotlib", "ipywidgets", "IPython", "yaml", "jinja2", "nbformat")

TARGETS = {
    "notebook_ratio": 1.5,        # lessons and masters, × the floor
    "exercise_ratio": 1.0,        # exercise sets, × the floor
    "exercise_rss_mb": 80,        # kernel RSS after an exercise set
    "lesson_rss_mb": 130,         # kernel RSS after a lesson
    "cli_verb_s": 0.3,            # every `tiltakslab VERB --help`
    "import_s": 0.3,
    "generator_default_s": 1.0,
    "generator_1m_s": 60.0,
    "click_to_feedback_ms": 100.0,
}


_LAST_RSS: dict[str, int] = {}


def _kernel_rss(client) -> int | None:
    """Resident memory of the kernel process (bytes), or None when it cannot be read."""
    try:
        import psutil

        proc = getattr(client.km.provisioner, "process", None)
        return psutil.Process(proc.pid).memory_info().rss if proc is not None else None
    except Exception:  # noqa: BLE001 - a measurement, never a failure
        return None


def _execute(path: Path, som_apnet: bool = True) -> float:
    """Wall time from kernel start to last cell done, for one notebook (nbclient, fresh store).

    ``som_apnet``: run the notebook as a learner gets it when it opens – JupyterLab (tiltakslab-kjor) and the app
    (Voila, tiltakslab.appside) leave out the learner's own code cells; ``False`` also runs those (a learner who
    does a data task in Python). The kernel's resident memory after the last cell is kept in
    ``_LAST_RSS[str(path)]`` (``_LAST_RSS[str(path) + "+egen"]`` without ``som_apnet``).
    """
    import nbformat
    from nbclient import NotebookClient

    from tiltakslab.appside import uten_egen_kode

    nb = nbformat.read(path, as_version=4)
    if som_apnet:
        nb = uten_egen_kode(notebook=nb)
    with tempfile.TemporaryDirectory(prefix="tiltakslab-bench-") as store:
        os.environ["TILTAKSLAB_SVAR"] = store
        client = NotebookClient(nb, timeout=600, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        start = time.perf_counter()
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
            elapsed = time.perf_counter() - start
            rss = _kernel_rss(client)
        if rss is not None:
            _LAST_RSS[str(path) + ("" if som_apnet else "+egen")] = rss
        return elapsed


def _har_egen_kode(path: Path) -> bool:
    import nbformat

    from tiltakslab.appside import egen_kode

    return any(egen_kode(c) for c in nbformat.read(path, as_version=4).cells)


def floor_notebook(tmp: Path) -> Path:
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    path = tmp / "floor.ipynb"
    nbformat.write(
        new_notebook(
            cells=[new_code_cell("import pandas, matplotlib, ipywidgets")],
            metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        ),
        path,
    )
    return path


def bench_notebooks(runs: int) -> dict:
    """Each notebook's time as a ratio to the floor, the floor measured right before each run.

    The machine is shared, and its load changes within minutes: a floor measured once at the start
    compares notebooks run under another load. So every run of a notebook is paired with a run of the
    floor just before it, and the reported ratio is the median of the paired ratios.
    """
    with tempfile.TemporaryDirectory() as tmp:
        floor_path = floor_notebook(Path(tmp))
        _execute(floor_path)  # warm the OS file cache once; not counted
        floor_all: list[float] = []
        result = {"floor": {}, "notebooks": {}}
        for folder in ("notebooks", "exercises", "solutions"):
            for path in sorted((ROOT / folder).glob("*.ipynb")):
                samples, floors = [], []
                for _ in range(runs):
                    floors.append(_execute(floor_path))
                    samples.append(_execute(path))
                floor_all += floors
                ratios = [s / f for s, f in zip(samples, floors, strict=True)]
                ratio = statistics.median(ratios)
                target = TARGETS["exercise_ratio"] if folder == "exercises" else TARGETS["notebook_ratio"]
                rss = _LAST_RSS.get(str(path))
                rss_target = TARGETS["exercise_rss_mb"] if folder == "exercises" else TARGETS["lesson_rss_mb"]
                result["notebooks"][f"{folder}/{path.name}"] = {
                    "median_s": statistics.median(samples),
                    "samples_s": samples,
                    "floor_samples_s": floors,
                    "ratio_to_floor": ratio,
                    "ratios": ratios,
                    "target_ratio": target,
                    "meets_target": ratio <= target,
                    "kernel_rss_bytes": rss,
                    "target_rss_mb": rss_target,
                    "meets_rss_target": None if rss is None else rss / 2**20 <= rss_target,
                }
                if folder == "exercises" and _har_egen_kode(path):
                    # the same set after the learner has also run the optional Python cells (pandas): reported,
                    # no target (the target is for the set as opened)
                    egne = [_execute(path, som_apnet=False) for _ in range(runs)]
                    egen_rss = _LAST_RSS.get(str(path) + "+egen")
                    result["notebooks"][f"{folder}/{path.name}"]["med_egen_kode"] = {
                        "median_s": statistics.median(egne), "samples_s": egne,
                        "ratio_to_floor": statistics.median(egne) / statistics.median(floors),
                        "kernel_rss_bytes": egen_rss}
        result["floor"] = {"median_s": statistics.median(floor_all), "samples_s": floor_all,
                           "kernel_rss_bytes": _LAST_RSS.get(str(floor_path)),
                           "note": "ratios are per run, to the floor run just before"}
    return result


def compile_bytecode() -> None:
    """Write ``__pycache__`` for the package (also when PYTHONDONTWRITEBYTECODE is set)."""
    import compileall

    compileall.compile_dir(str(ROOT / "src" / "tiltakslab"), quiet=1)


def bench_import(runs: int = 7) -> dict:
    code = (
        "import sys, time; t = time.perf_counter(); import tiltakslab; d = time.perf_counter() - t; "
        f"print(d, ','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    walls, inner, heavy = [], [], ""
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        walls.append(time.perf_counter() - start)
        seconds, _, heavy = out.stdout.strip().partition(" ")
        inner.append(float(seconds))
    bare = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare.append(time.perf_counter() - start)
    median = statistics.median(walls)
    return {
        "python_c_import_wall_median_s": median,
        "bare_python_wall_median_s": statistics.median(bare),
        "import_statement_median_s": statistics.median(inner),
        "heavy_modules_imported": [m for m in heavy.split(",") if m],
        "meets_target": median <= TARGETS["import_s"] and not heavy,
    }


def bench_cli(runs: int = 5) -> dict:
    """Start time of `tiltakslab --help` and of every verb's --help (no heavy imports at start)."""
    sys.path.insert(0, str(ROOT / "src"))
    from tiltakslab.cli import VERBS

    exe = Path(sys.executable).with_name("tiltakslab")
    out = {}
    for argv in [["--help"], *[[verb, "--help"] for verb in VERBS]]:
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([str(exe), *argv], capture_output=True, check=False)
            samples.append(time.perf_counter() - start)
        median = statistics.median(samples)
        out[" ".join(argv)] = {"median_s": median, "meets_target": median <= TARGETS["cli_verb_s"]}
    return out


def bench_generator() -> dict:
    script = HERE / "bench_synthetic.py"
    if not script.is_file():
        return {"missing": str(script.relative_to(ROOT))}
    subprocess.run([sys.executable, str(script)], check=True, cwd=ROOT)
    path = HERE / "results_synthetic.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {"missing": str(path)}


def browser_latency() -> dict:
    path = HERE / "results_browser.json"
    if not path.is_file():
        return {"missing": "benchmarks/results_browser.json (written by the browser tests)"}
    return json.loads(path.read_text(encoding="utf-8"))


def hub_section(run_it: bool) -> str:
    """The hub table (benchmarks/bench_hub.py): run it when asked, else reuse results_hub.json."""
    import importlib.util

    script = HERE / "bench_hub.py"
    if run_it:
        subprocess.run([sys.executable, str(script)], check=True, cwd=ROOT)
    path = HERE / "results_hub.json"
    if not path.is_file():
        return ""
    spec = importlib.util.spec_from_file_location("bench_hub", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    data = json.loads(path.read_text(encoding="utf-8"))
    return f"\n{module.START}\n{module.tabell(data)}\n{module.SLUTT}\n"


def app_section() -> str:
    """The app table (benchmarks/bench_app.py, run by hand): reuse results_app.json."""
    import importlib.util

    path = HERE / "results_app.json"
    if not path.is_file():
        return ""
    spec = importlib.util.spec_from_file_location("bench_app", HERE / "bench_app.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    data = json.loads(path.read_text(encoding="utf-8"))
    return f"\n{module.START}\n{module.tabell(data)}\n{module.SLUTT}\n"


NOTES_START, NOTES_END = "<!-- notater:start -->", "<!-- notater:end -->"


def notes_section() -> str:
    """The hand-written analysis in results.md (before/after, profiles of missed targets), kept as it is."""
    path = HERE / "results.md"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    if NOTES_START in text and NOTES_END in text:
        return "\n" + text[text.index(NOTES_START):text.index(NOTES_END) + len(NOTES_END)] + "\n"
    return ""


def bench_make_test() -> dict:
    start = time.perf_counter()
    proc = subprocess.run(["make", "test"], cwd=ROOT, capture_output=True, text=True)
    return {"wall_s": time.perf_counter() - start, "exit_code": proc.returncode,
            "summary": proc.stdout.strip().splitlines()[-1:] if proc.stdout else []}


def table(results: dict) -> str:
    lines = ["| what | median | ratio / note | target | met |", "|---|---|---|---|---|"]
    nbs = results.get("notebooks", {})
    if nbs:
        floor = nbs["floor"]["median_s"]
        lines.append(f"| floor (kernel + import pandas, matplotlib, ipywidgets) | {floor:.2f} s | 1.00 (each run "
                     "paired with a floor run just before it; ratio = median of the paired ratios) | | |")
        for name, row in nbs["notebooks"].items():
            lines.append(
                f"| {name} | {row['median_s']:.2f} s | {row['ratio_to_floor']:.2f} × floor | "
                f"≤ {row.get('target_ratio', TARGETS['notebook_ratio'])} × | "
                f"{'yes' if row['meets_target'] else 'NO'} |"
            )
            egen = row.get("med_egen_kode")
            if egen:
                rss = f"; kernel RSS {egen['kernel_rss_bytes'] / 2**20:.0f} MB" if egen.get("kernel_rss_bytes") else ""
                lines.append(f"| {name}, the learner's own Python cells run too (optional data task) | "
                             f"{egen['median_s']:.2f} s | {egen['ratio_to_floor']:.2f} × floor (median/median){rss} "
                             "| reported | |")
        floor_rss = nbs["floor"].get("kernel_rss_bytes")
        if floor_rss:
            lines.append(f"| kernel RSS, floor | {floor_rss / 2**20:.0f} MB | | | |")
        for name, row in nbs["notebooks"].items():
            if row.get("kernel_rss_bytes"):
                met = "yes" if row["meets_rss_target"] else "NO"
                lines.append(f"| kernel RSS after {name} | {row['kernel_rss_bytes'] / 2**20:.0f} MB | | "
                             f"≤ {row['target_rss_mb']} MB | {met} |")
    imp = results.get("import", {})
    if imp:
        lines.append(
            f"| `python -c 'import tiltakslab'` | {imp['python_c_import_wall_median_s']:.3f} s | "
            f"bare python {imp['bare_python_wall_median_s']:.3f} s; heavy: "
            f"{', '.join(imp['heavy_modules_imported']) or 'none'} | ≤ {TARGETS['import_s']} s | "
            f"{'yes' if imp['meets_target'] else 'NO'} |"
        )
    for argv, row in results.get("cli", {}).items():
        lines.append(f"| `tiltakslab {argv}` | {row['median_s']:.3f} s | | ≤ {TARGETS['cli_verb_s']} s | "
                     f"{'yes' if row['meets_target'] else 'NO'} |")
    gen = results.get("generator", {})
    for row in gen.get("results", []):
        n = row["n"]
        target = TARGETS["generator_default_s"] if n <= 3515 else (
            TARGETS["generator_1m_s"] if n >= 1_000_000 else None)
        met = "" if target is None else ("yes" if row["generate_s"] <= target else "NO")
        lines.append(
            f"| generator, {n:,} participants | {row['generate_s']:.2f} s | "
            f"{row['per_participant_us']:.1f} µs/participant, peak RSS {row['peak_rss_bytes'] / 2**20:.0f} MiB | "
            f"{'' if target is None else f'≤ {target:.0f} s'} | {met} |"
        )
    if "missing" in gen:
        lines.append(f"| generator | – | missing: {gen['missing']} | | |")
    lat = results.get("browser", {})
    click = lat.get("click_to_feedback_ms", {})
    if "median" in click:
        met = "yes" if click["median"] <= TARGETS["click_to_feedback_ms"] else "NO"
        lines.append(
            f"| click → feedback (browser, {lat.get('browser', '')}) | {click['median']:.0f} ms | "
            f"n = {click.get('n', len(click.get('samples', [])))} | "
            f"≤ {TARGETS['click_to_feedback_ms']:.0f} ms | {met} |"
        )
    elif lat:
        lines.append(f"| click → feedback (browser) | – | {lat.get('missing', '')} | | |")
    mt = results.get("make_test")
    if mt:
        lines.append(f"| `make test` (whole suite) | {mt['wall_s']:.0f} s | exit {mt['exit_code']} | reported | |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per notebook (median is reported)")
    parser.add_argument("--uten-make-test", action="store_true", help="do not time the whole make test")
    parser.add_argument("--uten-notatboker", action="store_true", help="skip the notebook timings")
    parser.add_argument("--uten-generator", action="store_true", help="skip the synthetic-data generator timings")
    parser.add_argument("--med-hub", action="store_true",
                        help="also run benchmarks/bench_hub.py (10/20/30 learners on a loopback hub)")
    args = parser.parse_args()

    results: dict = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "targets": TARGETS,
    }
    compile_bytecode()
    results["import"] = bench_import()
    results["cli"] = bench_cli()
    if not args.uten_generator:
        results["generator"] = bench_generator()
    if not args.uten_notatboker:
        results["notebooks"] = bench_notebooks(max(3, args.runs))
    results["browser"] = browser_latency()
    if not args.uten_make_test:
        results["make_test"] = bench_make_test()
    (HERE / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    text = table(results) + hub_section(args.med_hub) + app_section() + notes_section()
    (HERE / "results.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
