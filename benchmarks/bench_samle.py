"""How `tiltakslab samle` scales with class size: time per student at N students relative to 60.

    python benchmarks/bench_samle.py [--store 300]

Simulates 60 students once through the package API (tests/simulering.py), then makes larger classes by
copying those hand-ins under new pseudonyms. Writes ``benchmarks/results_samle.json``; reports ratios only
(``per_student_ratio`` ≈ 1 means linear), never absolute times, and asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def _klasse(kilde: Path, mal: Path, antall: int) -> None:
    mal.mkdir(parents=True)
    filer = sorted(kilde.glob("*.json"))
    for i in range(antall):
        data = json.loads(filer[i % len(filer)].read_text(encoding="utf-8"))
        data["student"] = f"b{i:04d}"
        (mal / f"b{i:04d}.json").write_text(json.dumps(data), encoding="utf-8")


def main() -> int:
    from simulering import simuler_klasse

    from tiltakslab import samle
    from tiltakslab.ovelser import last_ovelser

    ap = argparse.ArgumentParser()
    ap.add_argument("--store", type=int, nargs="*", default=[120, 300])
    args = ap.parse_args()
    sett = last_ovelser()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "sim").mkdir()
        simuler_klasse(sett, tmp / "sim", tmp / "lagre", antall=60)
        tider = {}
        for n in [60, *args.store]:
            _klasse(tmp / "sim", tmp / f"k{n}", n)
            start = time.perf_counter()
            samle.samle(tmp / f"k{n}", tmp / f"ut{n}")
            tider[n] = time.perf_counter() - start
    grunn = tider[60] / 60
    res = {str(n): {"per_student_ratio": round((t / n) / grunn, 2)} for n, t in tider.items()}
    (ROOT / "benchmarks" / "results_samle.json").write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    for n, r in res.items():
        print(f"samle, {n} studenter: tid per student = {r['per_student_ratio']} × tiden ved 60")
    return 0


if __name__ == "__main__":
    sys.exit(main())
