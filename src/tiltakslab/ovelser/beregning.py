"""Compute the key of a ``tallsvar`` exercise from the synthetic data (``data/synthetic/<tabell>.csv``)."""

from __future__ import annotations

from tiltakslab.meldinger import t
from tiltakslab.paths import data_dir


class BeregningFeil(ValueError):
    """The computation cannot run (missing table, bad query); message in Norwegian."""


def last_tabell(tabell: str):
    import pandas as pd  # noqa: PLC0415 - keep import tiltakslab cheap

    sti = data_dir() / "synthetic" / f"{tabell}.csv"
    if not sti.is_file():
        raise BeregningFeil(t("tall.ingen_tabell", tabell=tabell))
    return pd.read_csv(sti)


def beregn(beregning: dict) -> float:
    """Evaluate a ``beregning`` block. Raises ``BeregningFeil``."""
    df = last_tabell(beregning["tabell"])
    try:
        utvalg = df.query(beregning["utvalg"]) if beregning.get("utvalg") else df
        if beregning["mal"] == "antall":
            verdi = float(len(utvalg))
        elif beregning["mal"] == "andel":
            nevner = df.query(beregning["nevner"]) if beregning.get("nevner") else df
            if len(nevner) == 0:
                raise BeregningFeil(t("tall.tom_nevner"))
            verdi = len(utvalg) / len(nevner)
        else:
            verdi = float(utvalg[beregning["kolonne"]].mean())
    except BeregningFeil:
        raise
    except Exception as err:  # pandas raises many kinds on a bad query or column
        raise BeregningFeil(t("tall.ugyldig_beregning", detalj=f"{type(err).__name__}: {err}")) from err
    return verdi * float(beregning.get("skala", 1))
