"""Caseworker survey (afi-notat-2004): 160 forms, exact on every reported share."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from tiltakslab.yamlfil import les_yaml

ETATER = ["Aetat", "Sosialtjenesten"]


@lru_cache(maxsize=1)
def oppsett() -> dict:
    text = resources.files(__package__).joinpath("undersokelse.yaml").read_text(encoding="utf-8")
    return les_yaml(text)


def lag_undersokelse(enhetsvekter: np.ndarray, enhetsnavn: list[str], rng: np.random.Generator) -> pd.DataFrame:
    """One row per form sent. Which form answered and which answer it gave is random per seed."""
    o = oppsett()
    etat = np.repeat([0, 1], [o["skjema"][e] for e in ETATER])
    n = len(etat)
    svart = np.zeros(n, dtype=bool)
    for i, e in enumerate(ETATER):
        idx = np.flatnonzero(etat == i)
        svart[rng.choice(idx, size=o["respondenter"][e], replace=False)] = True
    p = np.asarray(enhetsvekter, dtype=float)
    enhet = rng.choice(len(enhetsnavn), size=n, p=p / p.sum())
    cols: dict[str, object] = {
        "skjema_id": [f"U{i:03d}" for i in range(1, n + 1)],
        "etat": pd.Categorical.from_codes(etat, categories=ETATER),
        "satsingsenhet": pd.Categorical.from_codes(enhet, categories=enhetsnavn),
        "svart": svart,
    }
    for navn, sp in o["sporsmal"].items():
        kat = list(sp["kategorier"])
        code = np.full(n, -1, dtype=np.int64)
        for i, _e in enumerate(ETATER):
            idx = np.flatnonzero(svart & (etat == i))
            counts = [sp["kategorier"][k][i] for k in kat]
            labels = np.concatenate([np.repeat(np.arange(len(kat)), counts),
                                     np.full(len(idx) - sum(counts), -1)])
            code[idx] = rng.permutation(labels)
        cols[navn] = pd.Categorical.from_codes(code, categories=kat)
    return pd.DataFrame(cols)
