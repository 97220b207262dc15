"""A later TIO-like cohort (2006–2008), exact on the figures in kunnskapsoversikt-vedlegg, Prosjekt 6."""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import allokering as A

N_TIO = 2297
N_UTSKREVET = 1158
ANDEL_ARBEID = 49
N_PROSJEKT = 12
UTFALL_TIO = ["Arbeidsrettet aktivitet", "Annen avslutning"]


def lag_tio(rng: np.random.Generator) -> pd.DataFrame:
    n = N_TIO
    sizes = 40 + A.storste_rest(1.0 + rng.gamma(2.0, 1.0, N_PROSJEKT), n - 40 * N_PROSJEKT)
    prosjekt = np.repeat(np.arange(N_PROSJEKT), sizes)
    konsulent = np.empty(n, dtype=np.int64)
    neste = 0
    pos = 0
    for p, size in enumerate(sizes):
        c = int(np.ceil(size / 15))
        per = A.storste_rest(np.ones(c), int(size))
        konsulent[pos:pos + size] = rng.permutation(np.repeat(np.arange(neste, neste + c), per))
        neste += c
        pos += size
        del p
    start = np.datetime64("2006-01-01") + np.floor(rng.random(n) * 882).astype("timedelta64[D]")
    kis_rate = rng.beta(2, 2, N_PROSJEKT)
    kis = rng.random(n) < kis_rate[prosjekt]
    ansvar = rng.random(n) < 0.3
    cutoff = np.datetime64("2008-06-30")
    tid = (cutoff - start).astype(np.int64)
    g = -np.log(-np.log(rng.random(n)))
    utskrevet = np.zeros(n, dtype=bool)
    utskrevet[np.argsort(-(tid / 300.0 + g))[:N_UTSKREVET]] = True
    dato = start + np.floor(30 + rng.random(n) * np.maximum(tid - 30, 1)).astype("timedelta64[D]")
    dato = np.minimum(dato, cutoff)
    ok = A.gyldige(N_UTSKREVET, ANDEL_ARBEID)
    k = int(ok[np.argmin(np.abs(ok - 0.49 * N_UTSKREVET))])
    score = 0.8 * kis + 0.6 * ansvar + 0.5 * kis_rate[prosjekt] - np.log(-np.log(rng.random(n)))
    score = np.where(utskrevet, score, -np.inf)
    arbeid = np.zeros(n, dtype=bool)
    arbeid[np.argsort(-score)[:k]] = True
    code = np.where(utskrevet, np.where(arbeid, 0, 1), -1)
    return pd.DataFrame({
        "deltaker_id": [f"T{i:04d}" for i in range(1, n + 1)],
        "prosjekt": pd.Categorical.from_codes(prosjekt, categories=[f"TIO-prosjekt {i:02d}"
                                                                    for i in range(1, N_PROSJEKT + 1)]),
        "konsulent_id": pd.Categorical.from_codes(konsulent, categories=[f"K{i:03d}" for i in range(1, neste + 1)]),
        "startdato": start,
        "kis_kartlagt": kis,
        "ansvarsgruppe": ansvar,
        "utskrevet": utskrevet,
        "utskrevet_dato": np.where(utskrevet, dato, np.datetime64("NaT")),
        "utfall": pd.Categorical.from_codes(code, categories=UTFALL_TIO),
    })
