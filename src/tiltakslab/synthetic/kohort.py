"""The December 2003 cohort: one row per participant, exact on Tables 3–10 of afi-delrapport-2004.

All published margins are cross-tabs with the target group (``malgruppe``), plus Table 10's
unit counts. The integer work happens in :mod:`allokering`; here the counts are expanded to
individuals and the categories are dealt out by random permutation inside each cell, so the joint
structure beyond the published margins is random.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from tiltakslab.yamlfil import les_yaml

from . import allokering as A

MALGRUPPER = ("Eneforsørger", "20-24 år", "Langtid sosialhjelp")
STANDARD_N = 3515


@lru_cache(maxsize=1)
def tabeller() -> dict:
    """The published tables (``tabeller.yaml``), parsed once."""
    text = resources.files(__package__).joinpath("tabeller.yaml").read_text(encoding="utf-8")
    return les_yaml(text)


def _tab(navn: str) -> tuple[list[str], np.ndarray]:
    rader = tabeller()[navn]["rader"]
    return list(rader), np.array(list(rader.values()), dtype=np.int64)[:, :3]


def enheter() -> list[str]:
    """Unit labels: the 22 units of Table 10, then the value for those registered elsewhere."""
    t = tabeller()["tabell10"]
    return [*t["enheter"], t["utenfor"]["navn"]]


@dataclass
class Marginer:
    """Integer margins for one cohort (published ones for the default size, scaled otherwise)."""

    n_malgruppe: np.ndarray      # (3,)
    enhet_malgruppe: np.ndarray  # (units+1, 3)
    enhet_i_tiltak: np.ndarray   # (units+1,)
    status: np.ndarray           # (6, 3)
    tiltak_ord: np.ndarray       # (5, 3)
    tiltak_yh: np.ndarray        # (11, 3)
    alder: np.ndarray            # (7, 3)
    innvandrer: np.ndarray       # (4, 3)
    kvinner: np.ndarray          # (3,)


def _kvinner(n_m: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Women per target group so that every share and the total round as in Table 5."""
    pk = tabeller()["tabell5"]["kvinner"]
    sets = [A.gyldige(int(n), int(p)) for n, p in zip(n_m, pk[:3], strict=True)]
    if any(len(s) == 0 for s in sets):
        raise ValueError("Table 5 cannot be met for these group sizes")
    draws = np.stack([rng.choice(s, size=4000) for s in sets], axis=1)
    ok = A.prosent(draws.sum(axis=1), int(n_m.sum())) == pk[3]
    if not ok.any():
        raise ValueError("Table 5 total cannot be met")
    return draws[np.flatnonzero(ok)[0]].astype(np.int64)


def marginer(rng: np.random.Generator, n: int = STANDARD_N) -> Marginer:
    """Integer margins. For n == 3515 these are the published tables exactly."""
    t = tabeller()
    des = np.array(t["tabell3"]["rader"]["Desember"][:3], dtype=np.int64)
    t10 = t["tabell10"]
    enh = list(t10["enheter"].values())
    split = A.velg_enhetsfordeling([(v[0], tuple(v[3:])) for v in enh], tuple(t10["sum_malgrupper"]), rng)
    enhet_mg = np.vstack([split, des - split.sum(axis=0)])
    enhet_T = np.array([v[1] for v in enh], dtype=np.int64)
    status = _tab("tabell7")[1]
    i_tiltak_rader = [_tab("tabell7")[0].index(s) for s in t["tabell7"]["i_tiltak"]]
    enhet_T = np.append(enhet_T, status[i_tiltak_rader].sum() - enhet_T.sum())
    t8, t9, t4, t6 = (_tab(k)[1] for k in ("tabell8", "tabell9", "tabell4", "tabell6"))
    if n != STANDARD_N:
        n_m = A.storste_rest(des, n)

        def kol(tab, tot):
            return np.stack([A.storste_rest(tab[:, j], int(tot[j])) for j in range(3)], axis=1)

        status = kol(status, n_m)
        t8 = kol(t8, status[2])
        t9 = kol(t9, status[4])
        t4, t6 = kol(t4, n_m), kol(t6, n_m)
        enhet_mg = kol(enhet_mg, n_m)
        enhet_T = A.storste_rest(enhet_T, int(status[i_tiltak_rader].sum()))
        des = n_m
    return Marginer(des, enhet_mg, enhet_T, status, t8, t9, t4, t6, _kvinner(des, rng))


def lag_id(prefiks: str, n: int, bredde: int) -> np.ndarray:
    """Ids like D00001 … (vectorised); wider when n needs more digits."""
    bredde = max(bredde, len(str(n)))
    return np.char.add(prefiks, np.char.zfill(np.arange(1, n + 1).astype(str), bredde)).astype(object)


def fordel(grupper: np.ndarray, tabell: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Deal category codes to individuals: in group g exactly ``tabell[:, g]`` of each category."""
    out = np.full(len(grupper), -1, dtype=np.int64)
    order = np.argsort(grupper, kind="stable")
    starts = np.searchsorted(grupper[order], np.arange(tabell.shape[1] + 1))
    for g in range(tabell.shape[1]):
        idx = order[starts[g]:starts[g + 1]]
        if len(idx) != tabell[:, g].sum():
            raise ValueError("group size and table column disagree")
        out[idx] = rng.permutation(np.repeat(np.arange(tabell.shape[0]), tabell[:, g]))
    return out


def lag_kohort(rng: np.random.Generator, n: int = STANDARD_N) -> pd.DataFrame:
    """Generate the cohort as a DataFrame (categorical columns, one row per participant)."""
    m = marginer(rng, n)
    inn = A.heltallsmatrise(m.enhet_i_tiltak, m.status[[2, 4]].sum(axis=0), m.enhet_malgruppe,
                            m.enhet_malgruppe, rng)
    ut = m.enhet_malgruppe - inn
    nu = m.enhet_malgruppe.shape[0]
    cells = np.concatenate([inn.ravel(), ut.ravel()])
    enhet = np.tile(np.repeat(np.arange(nu), 3), 2)
    mg = np.tile(np.tile(np.arange(3), nu), 2)
    itl = np.repeat([True, False], nu * 3)
    perm = rng.permutation(int(cells.sum()))
    enhet = np.repeat(enhet, cells)[perm]
    mg = np.repeat(mg, cells)[perm]
    itl = np.repeat(itl, cells)[perm]
    total = len(mg)

    # status: groups (malgruppe, in measure); in-measure statuses only in in-measure groups
    stat_tab = np.zeros((6, 6), dtype=np.int64)
    in_rows = [2, 4]
    out_rows = [0, 1, 3, 5]
    stat_tab[in_rows, :3] = m.status[in_rows]
    stat_tab[out_rows, 3:] = m.status[out_rows]
    status = fordel(np.where(itl, mg, mg + 3), stat_tab, rng)

    tiltak = np.full(total, -1, dtype=np.int64)
    n8 = m.tiltak_ord.shape[0]
    for s, tab, offset in ((2, m.tiltak_ord, 0), (4, m.tiltak_yh, n8)):
        idx = np.flatnonzero(status == s)
        tiltak[idx] = fordel(mg[idx], tab, rng) + offset

    band = fordel(mg, m.alder, rng)
    t = tabeller()
    spenn = np.array(list(t["tabell4"]["aldersspenn"].values()))
    alder = spenn[band, 0] + np.floor(rng.random(total) * (spenn[band, 1] - spenn[band, 0] + 1)).astype(int)
    kvinne = fordel(mg, np.vstack([m.kvinner, m.n_malgruppe - m.kvinner]), rng) == 0
    innv = fordel(mg, m.innvandrer, rng)

    tiltak_labels = list(t["tabell8"]["rader"]) + list(t["tabell9"]["rader"])
    # the same label may appear in both tables (e.g. «Lønnstilskudd»); categories must be unique
    tiltak_cats = list(dict.fromkeys(tiltak_labels))
    tiltak_codes = np.array([tiltak_cats.index(x) for x in tiltak_labels])
    tiltak_code = np.where(tiltak >= 0, tiltak_codes[np.maximum(tiltak, 0)], -1)

    def cat(codes, labels):
        return pd.Categorical.from_codes(codes, categories=list(labels))

    return pd.DataFrame({
        "deltaker_id": lag_id("D", total, 5),
        "satsingsenhet": cat(enhet, enheter()),
        "malgruppe": cat(mg, MALGRUPPER),
        "alder": alder.astype(np.int64),
        "aldersgruppe": cat(band, t["tabell4"]["rader"]),
        "kjonn": cat(np.where(kvinne, 0, 1), ["Kvinne", "Mann"]),
        "innvandrerbakgrunn": cat(innv, t["tabell6"]["rader"]),
        "arbeidssokerstatus": cat(status, t["tabell7"]["rader"]),
        "tiltak": cat(tiltak_code, tiltak_cats),
        "i_tiltak": itl,
    })
