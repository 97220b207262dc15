"""Compute the key of a ``tallsvar`` exercise from the synthetic data (``data/synthetic/<tabell>.csv``).

Rows are chosen by declarative condition lists, never by an expression evaluator: ``utvalg`` and
``nevner`` are lists in the format of :mod:`tiltakslab.betingelser` (validated and applied there). Here
they may name any column of the table and compare two columns (``mot_kolonne``): :data:`REGLER`.
"""

from __future__ import annotations

from tiltakslab import betingelser
from tiltakslab.meldinger import t
from tiltakslab.paths import data_dir

REGLER = betingelser.Regler(maks=20, maks_verdier=50, mot_kolonne=True)


class BeregningFeil(ValueError):
    """The computation cannot run (missing table, bad filter); message in Norwegian."""


def filtrer(df, filter_: list | None):
    """Rows of ``df`` where every condition holds. Raises ``BeregningFeil`` with a Norwegian reason."""
    try:
        return betingelser.filtrer(df, filter_, REGLER)
    except betingelser.FilterFeil as err:
        raise BeregningFeil(str(err)) from err


def last_tabell(tabell: str):
    import pandas as pd  # noqa: PLC0415 - keep import tiltakslab cheap

    sti = data_dir() / "synthetic" / f"{tabell}.csv"
    if not sti.is_file():
        raise BeregningFeil(t("tall.ingen_tabell", tabell=tabell))
    return pd.read_csv(sti)


def beregn(beregning: dict) -> float:
    """Evaluate a ``beregning`` block. Raises ``BeregningFeil``."""
    df = last_tabell(beregning["tabell"])
    utvalg = filtrer(df, beregning.get("utvalg"))
    if beregning["mal"] == "antall":
        verdi = float(len(utvalg))
    elif beregning["mal"] == "andel":
        nevner = filtrer(df, beregning.get("nevner"))
        if len(nevner) == 0:
            raise BeregningFeil(t("tall.tom_nevner"))
        verdi = len(utvalg) / len(nevner)
    else:
        if beregning["kolonne"] not in utvalg.columns:
            raise BeregningFeil(t("filter.ukjent_kolonne", kolonne=beregning["kolonne"],
                                  lovlige=", ".join(map(str, utvalg.columns))))
        try:
            verdi = float(utvalg[beregning["kolonne"]].mean())
        except (TypeError, ValueError) as err:
            raise BeregningFeil(t("filter.ikke_tallkolonne", kolonne=beregning["kolonne"])) from err
    return verdi * float(beregning.get("skala", 1))
