"""Benchmark the synthetic generator: default cohort, 10k, 100k and 1M participants.

Each size runs in its own subprocess so that peak memory (max RSS) is measured cleanly.
Reports generation time (all tables in memory), CSV writing time for the smaller sizes, row counts
and peak memory; writes benchmarks/results_synthetic.json.

    .venv/bin/python benchmarks/bench_synthetic.py [--sizes 3515 10000 100000 1000000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORKER = r"""
import json, resource, sys, tempfile, time
from tiltakslab.synthetic import generer, skriv
n, repeat, write = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1"
generer(1, n=min(n, 5000))  # warm-up: imports, YAML parsing
times = []
for _ in range(repeat):
    t0 = time.perf_counter()
    d = generer(2003, n=None if n == 3515 else n)
    times.append(time.perf_counter() - t0)
rows = {k: len(v) for k, v in d.items()}
wt = None
if write:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        skriv(d, tmp)
        wt = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"n": n, "generate_s": min(times), "generate_all_s": times, "write_csv_s": wt,
                  "rows": rows, "peak_rss_bytes": peak}))
"""


def run(n: int, repeat: int, write: bool) -> dict:
    res = subprocess.run([sys.executable, "-c", WORKER, str(n), str(repeat), "1" if write else "0"],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[3515, 10_000, 100_000, 1_000_000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", default=str(HERE / "results_synthetic.json"))
    args = ap.parse_args()
    results = []
    for n in args.sizes:
        r = run(n, args.repeat if n <= 100_000 else 1, write=n <= 100_000)
        r["per_participant_us"] = r["generate_s"] / n * 1e6
        results.append(r)
        print(f"n={n:>9,}  generate {r['generate_s']:7.2f} s  "
              f"({r['per_participant_us']:.1f} µs/participant)  "
              f"write {r['write_csv_s'] if r['write_csv_s'] is not None else float('nan'):6.2f} s  "
              f"peak {r['peak_rss_bytes'] / 2**30:5.2f} GiB  follow-up rows {r['rows']['oppfolging']:,}")
    meta = {"python": platform.python_version(), "machine": platform.machine(),
            "cpu_count": __import__("os").cpu_count(), "date": time.strftime("%Y-%m-%d %H:%M:%S")}
    Path(args.out).write_text(json.dumps({"meta": meta, "results": results}, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
