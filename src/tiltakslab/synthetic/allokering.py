"""Integer allocation: turn published margins into exact integer tables.

Three tools, all deterministic given a numpy Generator:

* ``prosent`` / ``gyldige`` — the rounding rule of the published tables (half up, whole percent)
  and the integer counts that round to a published percent;
* ``velg_enhetsfordeling`` — one random integer split of each unit's participants into target
  groups whose rounded shares match the published ones *and* whose column sums hit the table sums
  (dynamic programming over units, then random backward sampling among the feasible paths);
* ``heltallsmatrise`` — an integer matrix with given row and column sums and upper bounds, close
  to a (randomised) IPF fit: floor of the fit, then augmenting paths of a max-flow repair it.
* ``storste_rest`` — largest-remainder rounding of a vector to a fixed integer total.
"""
from __future__ import annotations

from collections import deque

import numpy as np


def prosent(k, n):
    """Whole percent rounded half up, as the published tables round (vectorised)."""
    k = np.asarray(k, dtype=np.int64)
    n = np.asarray(n, dtype=np.int64)
    return (200 * k + n) // (2 * n)


def gyldige(n: int, p: int) -> np.ndarray:
    """All counts k in 0..n whose share k/n rounds to p percent."""
    k = np.arange(n + 1)
    return k[prosent(k, n) == p]


def storste_rest(vekter, total: int) -> np.ndarray:
    """Largest-remainder rounding of ``total * vekter / sum(vekter)`` to integers summing to total."""
    w = np.asarray(vekter, dtype=float)
    if total == 0 or w.sum() == 0:
        return np.zeros(len(w), dtype=np.int64)
    exact = w / w.sum() * total
    base = np.floor(exact).astype(np.int64)
    rest = int(total - base.sum())
    if rest:
        order = np.lexsort((np.arange(len(w)), -(exact - base)))
        base[order[:rest]] += 1
    return base


def enhetsalternativer(n: int, andeler: tuple[int, int, int]) -> tuple[list[tuple[int, int, int]], int]:
    """Splits (e, y, l) of n with e+y+l = n whose rounded shares match ``andeler``.

    If no split matches (the source rounded inconsistently), return the splits with the smallest
    summed deviation in whole percentage points, and that deviation.
    """
    e, y = np.meshgrid(np.arange(n + 1), np.arange(n + 1), indexing="ij")
    ok = e + y <= n
    e, y = e[ok], y[ok]
    l_ = n - e - y
    d = (np.abs(prosent(e, n) - andeler[0]) + np.abs(prosent(y, n) - andeler[1])
         + np.abs(prosent(l_, n) - andeler[2]))
    best = d == d.min()
    return [(int(a), int(b), int(c)) for a, b, c in zip(e[best], y[best], l_[best], strict=True)], int(d.min())


def velg_enhetsfordeling(enheter: list[tuple[int, tuple[int, int, int]]], summer: tuple[int, int, int],
                         rng: np.random.Generator) -> np.ndarray:
    """Pick, uniformly over feasible paths, one split per unit that adds up to ``summer``.

    ``enheter`` is a list of (n, (pe, py, pl)). Returns an int array of shape (units, 3).
    """
    opts = [np.array(enhetsalternativer(n, a)[0], dtype=np.int64) for n, a in enheter]
    se, sy = summer[0], summer[1]
    # reach[i][a, b]: number of paths (capped) through units < i reaching (a, b) in (e, y) sums
    reach = [np.zeros((se + 1, sy + 1), dtype=np.float64)]
    reach[0][0, 0] = 1.0
    for o in opts:
        prev, nxt = reach[-1], np.zeros_like(reach[-1])
        for e, y, _ in o:
            if e <= se and y <= sy:
                nxt[e:, y:] += prev[: se + 1 - e, : sy + 1 - y]
        nxt = np.minimum(nxt, 1e200)
        reach.append(nxt)
    if reach[-1][se, sy] == 0:
        raise ValueError("no integer split of the units matches the published sums")
    out = np.zeros((len(opts), 3), dtype=np.int64)
    a, b = se, sy
    for i in range(len(opts) - 1, -1, -1):
        o = opts[i]
        w = np.array([reach[i][a - e, b - y] if (e <= a and y <= b) else 0.0 for e, y, _ in o])
        pick = rng.choice(len(o), p=w / w.sum())
        out[i] = o[pick]
        a, b = a - o[pick][0], b - o[pick][1]
    return out


def ipf(vekt: np.ndarray, rader: np.ndarray, kolonner: np.ndarray, ovre: np.ndarray,
        iterasjoner: int = 200) -> np.ndarray:
    """Iterative proportional fitting of a positive weight matrix to row/column sums, capped."""
    x = np.asarray(vekt, dtype=float).copy()
    for _ in range(iterasjoner):
        rs = x.sum(axis=1)
        x *= np.divide(rader, rs, out=np.zeros_like(rs), where=rs > 0)[:, None]
        x = np.minimum(x, ovre)
        cs = x.sum(axis=0)
        x *= np.divide(kolonner, cs, out=np.zeros_like(cs), where=cs > 0)[None, :]
        x = np.minimum(x, ovre)
    return x


def heltallsmatrise(rader, kolonner, ovre, vekt, rng: np.random.Generator) -> np.ndarray:
    """Integer matrix x with row sums ``rader``, column sums ``kolonner`` and 0 <= x <= ``ovre``.

    Starts from the floor of a capped IPF fit of ``vekt`` (randomly perturbed by ``rng``), then
    completes it with augmenting paths (Ford–Fulkerson on the bipartite rows→columns network).
    Raises ValueError when no such matrix exists.
    """
    rader = np.asarray(rader, dtype=np.int64)
    kolonner = np.asarray(kolonner, dtype=np.int64)
    ovre = np.asarray(ovre, dtype=np.int64)
    if rader.sum() != kolonner.sum():
        raise ValueError("row and column sums differ")
    w = np.asarray(vekt, dtype=float) * rng.gamma(20.0, 1 / 20.0, size=ovre.shape) + 1e-9
    w = np.where(ovre > 0, w, 0.0)
    x = np.floor(ipf(w, rader, kolonner, ovre)).astype(np.int64)
    x = np.clip(x, 0, ovre)
    # trim any excess (cannot normally happen after the row step, but be safe)
    for axis, target in ((1, rader), (0, kolonner)):
        over = x.sum(axis=axis) - target
        for i in np.flatnonzero(over > 0):
            for _ in range(int(over[i])):
                line = x[i] if axis == 1 else x[:, i]
                j = int(np.argmax(line))
                if axis == 1:
                    x[i, j] -= 1
                else:
                    x[j, i] -= 1
    nr, nc = x.shape
    while True:
        rdef = rader - x.sum(axis=1)
        cdef = kolonner - x.sum(axis=0)
        if not rdef.any():
            break
        path = _augment(x, ovre, rdef, cdef)
        if path is None:
            raise ValueError("no integer matrix with these sums and bounds")
        for k, (i, j) in enumerate(path):
            x[i, j] += 1 if k % 2 == 0 else -1
    assert (x.sum(axis=1) == rader).all() and (x.sum(axis=0) == kolonner).all()
    return x


def _augment(x, ovre, rdef, cdef):
    """Shortest alternating path from a row with deficit to a column with deficit.

    Forward edges row→col need x < ovre, backward edges col→row need x > 0.
    Returns the list of cells, alternately +1 and -1.
    """
    nr, nc = x.shape
    start = [i for i in range(nr) if rdef[i] > 0]
    prev_col: dict[int, int] = {}
    prev_row: dict[int, int] = {}
    seen_rows = set(start)
    q = deque(start)
    while q:
        i = q.popleft()
        for j in range(nc):
            if j in prev_col or x[i, j] >= ovre[i, j]:
                continue
            prev_col[j] = i
            if cdef[j] > 0:
                path, jj = [], j
                while True:
                    ii = prev_col[jj]
                    path.append((ii, jj))
                    if ii in prev_row:
                        jj = prev_row[ii]
                        path.append((ii, jj))
                    else:
                        break
                return path[::-1] if len(path) % 2 else _fix(path)
            for i2 in range(nr):
                if i2 not in seen_rows and x[i2, j] > 0:
                    seen_rows.add(i2)
                    prev_row[i2] = j
                    q.append(i2)
    return None


def _fix(path):  # pragma: no cover - defensive; paths always have odd length
    raise AssertionError("malformed augmenting path")
