"""Seeded generator of synthetic case data (see data/synthetic/README.md).

``generer(seed)`` returns all tables as DataFrames; ``skriv(seed, out)`` writes them as CSV.
The December 2003 cohort is exact on Tables 3–10 of afi-delrapport-2004 for every seed; every
further rule is listed with its source sentence in ``antakelser.yaml``.
"""
from __future__ import annotations

from pathlib import Path

STANDARD_FRO = 2003
FILER = ("deltakere", "kartlegging", "oppfolging", "utfall", "saksbehandlere",
         "samarbeid_undersokelse", "tio_kohort")


def generer(seed: int = STANDARD_FRO, n: int | None = None) -> dict:
    """All synthetic tables for one seed. ``n`` scales the cohort (default: the published 3,515)."""
    import numpy as np

    from . import kohort, modell, tio, undersokelse

    ss = np.random.SeedSequence(seed).spawn(7)
    rngs = [np.random.default_rng(s) for s in ss]
    df = kohort.lag_kohort(rngs[0], kohort.STANDARD_N if n is None else n)
    ee = modell.Enheter(rngs[1])
    df, h = modell.utvid_deltakere(df, ee, rngs[2])
    ids = df["deltaker_id"].to_numpy()
    slutt, avsluttet = modell.tidslinje(h, rngs[3])
    logg, samtale = modell.oppfolging(ids, h, ee, slutt, avsluttet, rngs[3])
    kart, kis = modell.kartlegging(ids, h, ee, samtale, rngs[4])
    utf = modell.utfall(ids, h, ee, slutt, avsluttet, kis, rngs[4])
    vekter = df["satsingsenhet"].value_counts(sort=False).to_numpy()
    us = undersokelse.lag_undersokelse(vekter, kohort.enheter(), rngs[5])
    return {
        "deltakere": df,
        "kartlegging": kart,
        "oppfolging": logg,
        "utfall": utf,
        "saksbehandlere": h["saksbehandlere"],
        "samarbeid_undersokelse": us,
        "tio_kohort": tio.lag_tio(rngs[6]),
    }


def skriv(tabeller: dict, out: str | Path) -> list[Path]:
    """Write the tables as UTF-8 CSV (dates ISO, booleans True/False, empty = missing)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for navn in FILER:
        p = out / f"{navn}.csv"
        tabeller[navn].to_csv(p, index=False, encoding="utf-8", lineterminator="\n", date_format="%Y-%m-%d")
        paths.append(p)
    return paths
